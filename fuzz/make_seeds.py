#!/usr/bin/env python3
"""Writes the small committed seed corpus under crates/axial-core/tests/fuzz_inputs/seeds/:
copies of the repo's text and docx fixtures, small .docx files written here (stored and
deflated, with a table, tabs, breaks and footnotes), and small axial.project/1 files cut
from the sample projects with their transcripts inline (a file that names a transcript by
"path" cannot find it from the fuzzer's scratch folder). Run from the repository root."""
import io, json, os, shutil, zipfile

ROOT = os.getcwd()
OUT = os.path.join(ROOT, "crates/axial-core/tests/fuzz_inputs/seeds")
FIX = os.path.join(ROOT, "tests/fixtures")


def out(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# --- text_import -------------------------------------------------------------------------
for name in ["utf16le_interview.txt", "utf16be_interview.txt", "windows1252_interview.txt",
             "mac_cr_interview.txt", "undecodable_utf16.txt", "empty.txt", "image_renamed.txt",
             "text_named.axial", "not_a_docx.docx"]:
    out("text_import", name, open(os.path.join(FIX, name), "rb").read())
sample = open(os.path.join(ROOT, "sample_projects/banking_ckm_crm/transcripts/interview_P01.txt"), "rb").read()
out("text_import", "interview_P01_head.txt", sample[:3000])
out("text_import", "speakers_crlf.txt", b"Interviewer: How do you use the CRM?\r\nP01: Every day.\r\n\r\nI: And the call centre?\rR: \t Less.\x0c\nQ:A:\n")
out("text_import", "utf8_bom.txt", "\ufeffInterviewer: caf\u00e9 \u201cquoted\u201d \u65e5\u672c\u8a9e \U0001F600\n".encode("utf-8"))
out("text_import", "koi8r.txt", "\u0418\u043d\u0442\u0435\u0440\u0432\u044c\u044e: \u043f\u0440\u0438\u0432\u0435\u0442, \u043a\u0430\u043a \u0434\u0435\u043b\u0430?\n".encode("koi8_r") * 4)
out("text_import", "shift_jis.txt", "\u30a4\u30f3\u30bf\u30d3\u30e5\u30fc: \u3053\u3093\u306b\u3061\u306f\u3002\n".encode("shift_jis") * 4)

# --- docx_import ---------------------------------------------------------------------------
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOC = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>
<w:p><w:r><w:t>Interviewer: How do you use the CRM?</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">P01: Every </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>day</w:t></w:r><w:r><w:tab/><w:t>really.</w:t><w:br/><w:t>New line &amp; more &#233;.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Cell B</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"""
NOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {W}><w:footnote w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t>A footnote.</w:t></w:r></w:p></w:footnote></w:footnotes>"""
CT = """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"""


def docx(parts, method):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, text in parts:
            z.writestr(name, text)
    return buf.getvalue()


for name in ["branch_manager.docx", "truncated.docx", "not_a_docx.docx"]:
    out("docx_import", name, open(os.path.join(FIX, name), "rb").read())
out("docx_import", "small_stored.docx", docx([("[Content_Types].xml", CT), ("word/document.xml", DOC), ("word/footnotes.xml", NOTES)], zipfile.ZIP_STORED))
out("docx_import", "small_deflated.docx", docx([("word/document.xml", DOC), ("word/footnotes.xml", NOTES)], zipfile.ZIP_DEFLATED))
out("docx_import", "body_only_stored.docx", docx([("word/document.xml", f'<w:document {W}><w:body><w:p><w:r><w:t>Hi</w:t></w:r></w:p></w:body></w:document>')], zipfile.ZIP_STORED))
out("docx_import", "no_document.docx", docx([("word/other.xml", "<x/>")], zipfile.ZIP_STORED))
out("docx_import", "empty_body.docx", docx([("word/document.xml", f"<w:document {W}><w:body/></w:document>")], zipfile.ZIP_DEFLATED))

# --- project_json_import --------------------------------------------------------------------
def cut(folder, n_docs, chars):
    d = json.load(open(os.path.join(ROOT, "sample_projects", folder, "project.json")))
    docs = d["documents"][:n_docs]
    for doc in docs:
        path = doc.pop("path", None)
        if path is not None:
            text = open(os.path.join(ROOT, "sample_projects", folder, path), encoding="utf-8").read()
            doc["text"] = text[:chars]
    titles = {doc["title"] for doc in docs}
    codings = [c for c in d["codings"] if c["document"] in titles and c["end"] <= chars]
    codes = {c["code"] for c in codings}
    d["codes"] = [c for c in d["codes"] if c["name"] in codes][:12]
    codes = {c["name"] for c in d["codes"]}
    codings = [c for c in codings if c["code"] in codes]
    d["codings"] = codings
    d["documents"] = docs
    cases = {doc.get("case") for doc in docs}
    d["cases"] = [c for c in d["cases"] if c["name"] in cases]
    d["memos"] = [m for m in d["memos"] if m["on"] in ("project", "category")][:2]
    for m in d["memos"]:
        m["text"] = m["text"][:200]
    return json.dumps(d, ensure_ascii=False, indent=1).encode("utf-8")


out("project_json_import", "crm_cut.json", cut("crm_knowledge_creation", 2, 3000))
out("project_json_import", "banking_cut.json", cut("banking_ckm_crm", 2, 3000))
out("project_json_import", "minimal.json", b'{"schema":"axial.project/1","name":"P"}')
out("project_json_import", "one_coding.json", json.dumps({
    "schema": "axial.project/1", "name": "Tiny", "core_category": "Cat",
    "framework": [{"key": "k", "label": "K", "values": [{"key": "a", "label": "A"}, {"key": "b", "label": "B"}]}],
    "relation_kinds": ["causes", "context"],
    "cases": [{"name": "C1", "attributes": {"x": "y"}}],
    "documents": [{"title": "D", "case": "C1", "attributes": {"role": "r"}, "text": "I: Hello there.\r\nR: Hi \u00e9\u65e5.\n"}],
    "categories": [{"name": "Cat", "class": "phenomenon", "facets": {"k": "a"}}, {"name": "Cat2", "class": None, "facets": {}}],
    "concepts": [{"name": "Con", "category": "Cat", "facets": {}}],
    "codes": [{"name": "Code", "color": "#112233", "definition": "d", "concept": "Con", "facets": {"k": "b"}}],
    "relations": [{"from": "Cat2", "to": "Cat", "kind": "causes"}],
    "codings": [{"document": "D", "code": "Code", "start": 3, "end": 8, "quote": "Hello"}],
    "memos": [{"on": "project", "title": "M", "text": "t"}, {"on": "coding", "target": 0, "title": "M2", "text": "t2"},
              {"on": "code", "target": "Code", "title": "M3", "text": "t3"}],
    "expectations": [{"row": {"dimension": "k", "value": "a"}, "column": {"dimension": "k", "value": "b"}, "level": "high"}],
}, ensure_ascii=False).encode("utf-8"))
for name in ["crm_knowledge_cube_table6.json", "banking_paradigm_model.json"]:
    out("project_json_import", name, open(os.path.join(FIX, name), "rb").read())

# --- docx_xml_import: the XML parts of docx seeds, document.xml, then NUL, then footnotes.xml
for name in ["small_stored.docx", "branch_manager.docx", "empty_body.docx"]:
    z = zipfile.ZipFile(os.path.join(OUT, "docx_import", name))
    data = z.read("word/document.xml")
    if "word/footnotes.xml" in z.namelist():
        data += b"\0" + z.read("word/footnotes.xml")
    out("docx_xml_import", name.replace(".docx", ".xml"), data)
