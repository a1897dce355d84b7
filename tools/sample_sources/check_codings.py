"""Checks the hand-written sample transcripts and their quote-anchored codings.

usage: python3 tools/sample_sources/check_codings.py crm_knowledge_creation|banking_ckm_crm [DOC_STEM...]
"""
import collections, pathlib, re, sys
HERE = pathlib.Path(__file__).parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

def load_codings(path):
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise SystemExit(f"{path}:{n}: expected 'code<TAB>quote'")
        rows.append((parts[0].strip(), parts[1]))
    return rows

def check(sample, stems):
    tdir = ROOT / "sample_projects" / sample / "transcripts"
    cdir = HERE / sample / "codings"
    if sample == "crm_knowledge_creation":
        from crm_plan import PLAN
        known = set(PLAN)
        expected = {p: {c: a[p] for c, (_, _, _, a) in PLAN.items() if p in a} for p in "ABCDEFGHIJKN"}
    else:
        from banking_plan import codes
        known = {c[3] for c in codes()}
        expected = None
    problems = 0
    stems = stems or sorted(p.stem for p in tdir.glob("*.txt"))
    for stem in stems:
        t = tdir / f"{stem}.txt"
        c = cdir / f"{stem}.tsv"
        if not t.exists() or not c.exists():
            print(f"{stem}: missing {t if not t.exists() else c}"); problems += 1; continue
        text = t.read_text(encoding="utf-8")
        words = len(text.split())
        errs = []
        if "\t" in text or "\r" in text: errs.append("tab or CR in transcript")
        for para in text.split("\n\n"):
            if para.strip() and not re.match(r"^[A-Z][\w .'-]{0,30}: ", para) and False:
                pass
        rows = load_codings(c)
        counts = collections.Counter()
        for code, quote in rows:
            if code not in known: errs.append(f"unknown code {code!r}")
            n = text.count(quote)
            if n != 1: errs.append(f"quote found {n} times: {quote[:70]!r}")
            elif "\n" in quote: errs.append(f"quote spans paragraphs: {quote[:70]!r}")
            counts[code] += 1
        if expected is not None:
            want = expected[stem.split("_")[-1]]
            for code in set(want) | set(counts):
                if want.get(code, 0) != counts.get(code, 0):
                    errs.append(f"{code!r}: {counts.get(code,0)} codings, plan says {want.get(code,0)}")
        print(f"{stem}: {words} words, {len(rows)} codings" + ("" if not errs else "\n  " + "\n  ".join(errs)))
        problems += len(errs)
    if sample == "banking_ckm_crm" and not stems[1:] == []:
        pass
    return problems

if __name__ == "__main__":
    sys.exit(1 if check(sys.argv[1], sys.argv[2:]) else 0)
