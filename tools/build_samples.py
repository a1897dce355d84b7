"""Builds sample_projects/*/project.json (axial.project/2) from the hand-written sources in
tools/sample_sources/: the codebook plans, quote-anchored codings, memos, relations and their
evidence passages.
Offsets are computed here (Python string indices are Unicode scalar values, like Axial's).

usage: python3 tools/build_samples.py
"""
import csv, json, pathlib, sys
from datetime import datetime, timedelta, timezone

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "tools" / "sample_sources"
sys.path.insert(0, str(SRC))

FRAMEWORK = [
    {"key": "seci", "label": "SECI process", "values": [
        {"key": "socialization", "label": "Socialization"}, {"key": "externalization", "label": "Externalization"},
        {"key": "combination", "label": "Combination"}, {"key": "internalization", "label": "Internalization"}]},
    {"key": "crm", "label": "CRM system", "values": [
        {"key": "operational", "label": "Operational"}, {"key": "analytical", "label": "Analytical"},
        {"key": "collaborative", "label": "Collaborative"}]},
    {"key": "knowledge", "label": "Customer knowledge", "values": [
        {"key": "for", "label": "Knowledge for"}, {"key": "about", "label": "Knowledge about"},
        {"key": "from", "label": "Knowledge from"}]},
]

def tsv(path, columns):
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != columns:
            raise SystemExit(f"{path}:{n}: expected {columns} tab-separated columns")
        rows.append([p.strip() for p in parts])
    return rows

class Clock:
    """Deterministic timestamps, a few minutes apart, so the JSON is stable across builds."""
    def __init__(self, start):
        self.t = datetime(*start, tzinfo=timezone.utc)
    def tick(self, minutes=3):
        self.t += timedelta(minutes=minutes)
        return self.t.strftime("%Y-%m-%dT%H:%M:%SZ")

def codings_for(sample, stem, title, text, known_codes, clock, coder):
    out = []
    for code, quote in tsv(SRC / sample / "codings" / f"{stem}.tsv", 2):
        if code not in known_codes:
            raise SystemExit(f"{stem}: unknown code {code!r}")
        start = text.find(quote)
        if start < 0 or text.find(quote, start + 1) >= 0:
            raise SystemExit(f"{stem}: quote not found exactly once: {quote[:60]!r}")
        out.append({"document": title, "code": code, "start": start, "end": start + len(quote),
                    "coder": coder, "created": clock.tick(), "quote": quote})
    return out

def memos_for(sample, titles, clock, author):
    out = []
    for target, title, text in tsv(SRC / sample / "memos.tsv", 3):
        kind, _, name = target.partition(":")
        memo = {"on": kind, "title": title, "text": text.replace(" / ", "\n\n")}
        if kind == "document":
            memo["target"] = titles[name]
        elif kind == "relation":
            memo["target"] = name  # FROM|KIND|TO, made the relation's index by the sample's builder
        elif kind != "project":
            memo["target"] = name
        stamp = clock.tick(17)
        memo.update({"author": author, "created": stamp, "modified": stamp})
        out.append(memo)
    return out

def write(sample, project):
    path = ROOT / "sample_projects" / sample / "project.json"
    path.write_text(json.dumps(project, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: {len(project['documents'])} documents, {len(project['codes'])} codes, "
          f"{len(project['codings'])} codings, {len(project['memos'])} memos")

def crm():
    from crm_plan import PLAN, CONCEPT_CRM
    sample = "crm_knowledge_creation"
    ref = json.loads((ROOT / "tests" / "fixtures" / "crm_knowledge_cube_table6.json").read_text())
    sectors = {"A": "electronics", "B": "health", "C": "education"}
    case_name = {k: f"{v.capitalize()} organisation" for k, v in sectors.items()}
    definitions = dict(tsv(SRC / sample / "codebook.tsv", 2))
    palette = {"operational": ["#e69f00", "#f5b942", "#d98c1f", "#f7c873", "#c97d00"],
               "analytical": ["#56b4e9", "#3b8fd1", "#8ccbf0", "#0072b2"],
               "collaborative": ["#009e73", "#35b88f", "#66c2a5", "#1b7f5f", "#8fd4bd"]}
    clock = Clock((2012, 5, 14, 9, 0))
    documents, codings, titles = [], [], {}
    for person in sorted(ref["study"]["interviewees"], key=lambda p: p["id"]):
        stem = f"interview_{person['id']}"
        title = f"Interview {person['id']}"
        titles[stem] = title
        text = (ROOT / "sample_projects" / sample / "transcripts" / f"{stem}.txt").read_text(encoding="utf-8")
        documents.append({"title": title, "case": case_name[person["case"]],
                          "attributes": {"interviewee": person["id"], "role": person["role"], "sex": person["sex"],
                                         "case": person["case"]},
                          "imported": clock.tick(1), "path": f"transcripts/{stem}.txt"})
        codings += codings_for(sample, stem, title, text, PLAN, clock, "analyst")
    categories = [{"name": f"{crm.capitalize()} CRM", "class": None, "facets": {"crm": crm}}
                  for crm in ["operational", "analytical", "collaborative"]]
    concepts = [{"name": c, "category": f"{crm.capitalize()} CRM", "facets": {}} for c, crm in CONCEPT_CRM.items()]
    used = {k: 0 for k in palette}
    codes = []
    for name, (concept, seci, knowledge, _) in PLAN.items():
        crm = CONCEPT_CRM[concept]
        color = palette[crm][used[crm] % len(palette[crm])]
        used[crm] += 1
        if name not in definitions:
            raise SystemExit(f"no codebook definition for {name!r}")
        codes.append({"name": name, "color": color, "definition": definitions[name], "concept": concept,
                      "facets": {"knowledge": knowledge, "seci": seci}})
    expectations = []
    for crm, levels in ref["research_model_table1"].items():
        if crm == "note":
            continue
        for value, level in levels.items():
            dim = "knowledge" if value in ("for", "about", "from") else "seci"
            expectations.append({"row": {"dimension": "crm", "value": crm},
                                 "column": {"dimension": dim, "value": value}, "level": level})
    expectations.sort(key=lambda e: (e["row"]["dimension"], e["row"]["value"], e["column"]["dimension"], e["column"]["value"]))
    write(sample, {
        "schema": "axial.project/2",
        "name": "CRM systems and customer knowledge creation",
        "core_category": None,
        "framework": FRAMEWORK,
        "cases": [{"name": case_name[k], "attributes": {"case": k, "sector": v}} for k, v in sectors.items()],
        "documents": documents, "categories": categories, "concepts": concepts, "codes": codes,
        "relations": [], "codings": codings, "memos": memos_for(sample, titles, clock, "analyst"),
        "expectations": expectations,
    })

def stamp(date, days=0, hour=9, minute=0):
    """An RFC 3339 time `days` after an ISO date, at hour:minute UTC."""
    t = datetime.fromisoformat(date).replace(tzinfo=timezone.utc) + timedelta(days=days, hours=hour, minutes=minute)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")

# When the banking sample's project memos were first written, by title: the analysis runs beside
# the interviews, so no memo is older than the interviews it speaks of (the "Sampling" memo names
# the first academic, the sixth interview; "Head office versus counter" the eighth).
BANKING_MEMO_WRITTEN = {
    "Sampling": ("2019-05-19", 3),
    "Head office versus counter": ("2019-06-02", 3),
    "Theoretical saturation": ("2019-07-28", 3),
    "Provenance of this sample": ("2019-07-28", 6),
}
# The last pass over every memo, after the last interview (the texts are as they stood then).
BANKING_FINAL_PASS = "2019-08-01"

def banking():
    from banking_plan import PLAN, CORE, PARTICIPANTS, INTERVIEW_DATES, codes as all_codes
    sample = "banking_ckm_crm"
    definitions = dict(tsv(SRC / sample / "codebook.tsv", 2))
    palette = {"causal_conditions": "#d55e00", "phenomenon": "#cc79a7", "contextual_conditions": "#999999",
               "intervening_conditions": "#e69f00", "strategies": "#0072b2", "consequences": "#009e73"}
    group_case = {"manager": "Bank managers", "staff": "Bank staff", "academic": "Academics"}
    known = {c[3] for c in all_codes()}
    category_of = {c[3]: c[1] for c in all_codes()}
    documents, codings, titles, texts = [], [], {}, {}
    # Each interview is transcribed the day after it took place and coded the day after that,
    # so codings follow the interview order (the documents stay listed by participant).
    for pid, (group, role, org) in PARTICIPANTS.items():
        stem = f"interview_{pid}"
        title = f"Interview {pid}"
        titles[stem] = title
        text = (ROOT / "sample_projects" / sample / "transcripts" / f"{stem}.txt").read_text(encoding="utf-8")
        texts[title] = text
        date = INTERVIEW_DATES[pid]
        documents.append({"title": title, "case": group_case[group],
                          "attributes": {"participant": pid, "role": role, "organisation": org, "group": group,
                                         "date": date},
                          "imported": stamp(date, 1, 10), "path": f"transcripts/{stem}.txt"})
        clock = Clock(tuple(int(x) for x in date.split("-")) + (9, 0))
        clock.t += timedelta(days=2)
        codings += codings_for(sample, stem, title, text, known, clock, "researcher")
    unused = known - {c["code"] for c in codings}
    if unused:
        raise SystemExit(f"codes with no coding: {sorted(unused)}")
    categories, concepts, codes = [], [], []
    for cls, cats in PLAN.items():
        for cat, cons in cats.items():
            categories.append({"name": cat, "class": cls, "facets": {}})
            for con, cs in cons.items():
                concepts.append({"name": con, "category": cat, "facets": {}})
                for c in cs:
                    codes.append({"name": c, "color": palette[cls], "definition": definitions[c], "concept": con, "facets": {}})
    cat_names = {c["name"] for c in categories}
    levels = dict(tsv(SRC / sample / "levels.tsv", 2))
    if set(levels) != cat_names:
        raise SystemExit(f"levels.tsv must place every category once: {sorted(set(levels) ^ cat_names)}")
    for c in categories:
        c["level"] = levels[c["name"]]
    evidence = {}
    for frm, kind, to, stem, quote in tsv(SRC / sample / "evidence.tsv", 5):
        text = texts[titles[stem]]
        start = text.find(quote)
        if start < 0 or text.find(quote, start + 1) >= 0:
            raise SystemExit(f"evidence in {stem}: quote not found exactly once: {quote[:60]!r}")
        evidence.setdefault((frm, kind, to), []).append(
            {"document": titles[stem], "start": start, "end": start + len(quote), "quote": quote})
    relations = []
    for frm, kind, to in tsv(SRC / sample / "relations.tsv", 3):
        if frm not in cat_names or to not in cat_names:
            raise SystemExit(f"relation names an unknown category: {frm!r} -> {to!r}")
        relation = {"from": frm, "to": to, "kind": kind}
        if evidence.get((frm, kind, to)):
            relation["evidence"] = evidence.pop((frm, kind, to))
        relations.append(relation)
    if evidence:
        raise SystemExit(f"evidence for relations not in relations.tsv: {sorted(evidence)}")
    index = {(r["from"], r["kind"], r["to"]): i for i, r in enumerate(relations)}
    # A category's memo is first written the day after the first interview coded under it.
    first_coded = {}
    for c in sorted(codings, key=lambda c: c["created"]):
        first_coded.setdefault(category_of[c["code"]], c["created"][:10])
    memos = memos_for(sample, titles, Clock((2019, 10, 6, 9, 0)), "researcher")
    for i, memo in enumerate(memos):
        if memo["on"] == "relation":
            key = tuple(memo["target"].split("|"))
            if key not in index:
                raise SystemExit(f"a memo names a relation not in relations.tsv: {memo['target']!r}")
            memo["target"] = index[key]
            created = stamp("2019-07-28", 4, 10, i)
        elif memo["on"] == "category" and memo["title"] == "Storyline":
            created = stamp("2019-07-28", 3, 10)
        elif memo["on"] == "category":
            created = stamp(first_coded[memo["target"]], 1, 16, i)
        else:
            date, days = BANKING_MEMO_WRITTEN[memo["title"]]
            created = stamp(date, days, 11, i)
        memo["created"] = created
        memo["modified"] = max(created, stamp(BANKING_FINAL_PASS, 0, 10, i))
    write(sample, {
        "schema": "axial.project/2",
        "name": "Customer knowledge management and CRM in banking",
        "core_category": CORE,
        "framework": FRAMEWORK,
        "cases": [{"name": n, "attributes": {"group": g}} for g, n in group_case.items()],
        "documents": documents, "categories": categories, "concepts": concepts, "codes": codes,
        "relations": relations, "codings": codings, "memos": memos,
    })

if __name__ == "__main__":
    crm()
    banking()
