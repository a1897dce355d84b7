#!/usr/bin/env python3
"""Writes the small committed seed corpus under crates/axial-core/tests/fuzz_inputs/seeds/:
copies of the repo's text and docx fixtures, small .docx files written here (stored and
deflated, with a table, tabs, breaks and footnotes), small axial.project/1 files cut
from the sample projects with their transcripts inline (a file that names a transcript by
"path" cannot find it from the fuzzer's scratch folder), small PDFs (a tiny writer below),
.odt archives and their content.xml, and WebVTT and SubRip files. Run from the repository root."""
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

# --- pdf_import: small PDFs written here (objects, xref, Helvetica), one with a compressed page,
# one with a form, one with a picture, one without text, one cut short -----------------------
import zlib


def pdf(objects):
    """A PDF of the objects given (object n is objects[n - 1], bytes), with an xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(d, content):
    return b"<< " + d + b" /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> %s>> /Contents %d 0 R >>"


def pages(contents, flate=False, xobjects=b"", extra=()):
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(contents)))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(contents)), FONT]
    for i, c in enumerate(contents):
        objs.append(PAGE % (xobjects, 5 + 2 * i))
        objs.append(stream(b"/Filter /FlateDecode", zlib.compress(c)) if flate else stream(b"", c))
    return pdf(objs + list(extra))


LINES = b"BT /F1 12 Tf 14 TL 72 720 Td (Interviewer: How did it start?) Tj T* (P01: With a phone call \\(really\\).) Tj T* T* (Caf\\351 meetings, every week.) Tj ET"
out("pdf_import", "two_pages.pdf", pages([LINES, b"BT /F1 12 Tf 72 720 Td (Interviewer: Thanks.) Tj ET"]))
out("pdf_import", "flate.pdf", pages([LINES], flate=True))
out("pdf_import", "no_text.pdf", pages([b"0.5 g 72 72 468 648 re f", b""]))
n = 4 + 2 * 1  # the first object after one page
out("pdf_import", "form_and_picture.pdf", pages(
    [b"/Fm Do /Im Do BT /F1 12 Tf 72 700 Td (After the form.) Tj ET"],
    xobjects=b"/XObject << /Fm %d 0 R /Im %d 0 R >> " % (n, n + 1),
    extra=[stream(b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>",
                  b"BT /F1 12 Tf 72 720 Td (Inside a form.) Tj ET"),
           stream(b"/Type /XObject /Subtype /Image /Width 2 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray", b"\x00\xff")]))
out("pdf_import", "cut_short.pdf", pages([LINES])[:300])
# Object bodies between NULs (not starting with %PDF): the harness writes them as a PDF with a
# correct xref table, so mutations reach the reader instead of breaking the offsets.
out("pdf_import", "objects.bin", b"\0".join([
    b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", FONT,
    PAGE % (b"/XObject << /Fm 6 0 R >> ", 5), stream(b"", LINES + b" /Fm Do"),
    stream(b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>",
           b"BT /F1 12 Tf 72 500 Td (Inside a form.) Tj ET")]))

# --- odt_import: .odt archives (read whole) and bare content.xml (wrapped by the harness) ------
ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xlink="http://www.w3.org/1999/xlink"')
ODT_BODY = """<text:h text:outline-level="1">Interview 3</text:h>
<text:p>Interviewer: Caf&#233; &amp; <text:span>tea</text:span>?<office:annotation><dc:creator>A</dc:creator><text:p>note</text:p></office:annotation></text:p>
<text:p>P03:<text:s/>Yes<text:s text:c="3"/>please<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Said laughing.</text:p></text:note-body></text:note>,<text:tab/>see <text:a xlink:href="https://example.org">the site</text:a><text:line-break/>line two</text:p>
<text:list><text:list-item><text:p>first item</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>Role</text:p></table:table-cell><table:table-cell><text:p>Manager</text:p></table:table-cell></table:table-row></table:table>
<text:p><draw:frame><draw:image xlink:href="Pictures/1.png"/></draw:frame>After the picture.</text:p>"""
ODT_CONTENT = f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODT_NS} office:version="1.3"><office:body><office:text>{ODT_BODY}</office:text></office:body></office:document-content>'


def odt(parts, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype", (2020, 1, 1, 0, 0, 0)), "application/vnd.oasis.opendocument.text")
        for name, text in parts:
            z.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), text, compress_type=method)
    return buf.getvalue()


out("odt_import", "small_deflated.odt", odt([("content.xml", ODT_CONTENT)]))
out("odt_import", "small_stored.odt", odt([("content.xml", ODT_CONTENT)], zipfile.ZIP_STORED))
out("odt_import", "no_content.odt", odt([("styles.xml", "<x/>")]))
out("odt_import", "content.xml", ODT_CONTENT.encode("utf-8"))

# --- subtitle_import: WebVTT and SubRip as transcription services write them ----------------
out("subtitle_import", "voices.vtt", "\ufeffWEBVTT - Interview\nKind: captions\n\nSTYLE\n::cue { color: yellow }\n\nNOTE a comment\n\n1\n00:00:01.000 --> 00:00:03.500 align:start\n<v Interviewer>How did it <i>start</i>?</v>\n\n00:04.000 --> 00:06.000\n<v.loud Ana Lima>With a call &amp; a <c.yellow>meeting</c>.</v>\n\n00:00:06.100 --> 00:00:09.000\n<v Ana Lima>Then <00:00:07.000>weekly\nmeetings.\n".encode("utf-8"))
out("subtitle_import", "names_crlf.srt", b"1\r\n00:00:01,000 --> 00:00:02,500\r\nInterviewer: Where do\r\nyou work?\r\n\r\n2\r\n00:00:03,000 --> 00:00:05,000\r\nP01: At the branch.\r\n\r\n3\r\n00:00:05,000 --> 00:00:06,000\r\n{\\an8}<font color=\"#ffff00\">For ten years.</font>\r\n\r\n4\r\n00:00:07,000 --> 00:00:08,000\r\n[Interviewer] And before?\r\n\r\n5\r\n00:00:09,000 --> 00:00:10,000\r\n>> P01: a bank.\r\n")
out("subtitle_import", "dashes_pauses.srt", b"1\n00:00:01,000 --> 00:00:03,000\n- Are you coming?\n-Yes.\n\n2\n00:00:06,000 --> 00:00:07,000\nAfter a pause.\n2\n00:00:07,000 --> 00:00:08,000\nno blank line before,\n\nand one inside.\n")
out("subtitle_import", "windows1252.srt", "1\r\n00:00:01,000 --> 00:00:02,000\r\nJosé: café, déjà vu\r\n".encode("cp1252"))
out("subtitle_import", "no_cues.vtt", b"WEBVTT\n\nNOTE nothing here\n")
