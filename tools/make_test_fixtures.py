"""Writes the binary and odd-encoding fixtures in tests/fixtures/ (see its README).
Needs python-docx (pip install python-docx). usage: python3 tools/make_test_fixtures.py"""
import docx, os, pathlib, shutil, sqlite3

os.chdir(pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures")
utf16 = ("Interviewer: Could you tell me how the call centre shares what it learns?\r\n\r\n"
         "Zoë: Sure. Every Friday we go through the “hot list” – the calls that went wrong – and we write it up for the portal.\r\n\r\n"
         "Interviewer: And does anyone read it?\r\n\r\n"
         "Zoë: The store managers do. Straße by straße, as our German colleague says, they learn what customers want.\r\n")
pathlib.Path("utf16le_interview.txt").write_bytes(b"\xff\xfe" + utf16.encode("utf-16-le"))
pathlib.Path("utf16be_interview.txt").write_bytes(b"\xfe\xff" + utf16.encode("utf-16-be"))
cp = ("Interviewer: What did the client say about the new plan?\r\n\r\n"
      "Renée: She said “it’s the first time anyone listened”. We noted it in the café meeting – à la française, with croissants.\r\n\r\n"
      "Interviewer: Did that change anything?\r\n\r\n"
      "Renée: Oui. The coördinator rewrote the FAQ; the naïve version was gone by Monday. Señor García approved it.\r\n")
pathlib.Path("windows1252_interview.txt").write_bytes(cp.encode("cp1252"))
pathlib.Path("mac_cr_interview.txt").write_bytes("Interviewer: Old Mac line ends?\rA: Yes, CR only.\r".encode("utf-8"))
d = docx.Document()
d.add_heading("Interview with the branch manager", level=1)
d.add_paragraph("Interviewer: How does your branch learn about customers?")
p = d.add_paragraph("P03: Mostly at the counter. ")
p.add_run("Our bazaar customers").bold = True
p.add_run(" tell us things no system records – who is expanding, who is in trouble.")
d.add_paragraph("Interviewer: Do you write that down anywhere?")
d.add_paragraph("P03: In a notebook, honestly. The CRM screen has no field for it.")
t = d.add_table(rows=2, cols=2)
t.cell(0, 0).text = "Branch"; t.cell(0, 1).text = "Isfahan bazaar"
t.cell(1, 0).text = "Staff"; t.cell(1, 1).text = "14"
d.save("branch_manager.docx")
data = pathlib.Path("branch_manager.docx").read_bytes()
pathlib.Path("truncated.docx").write_bytes(data[: len(data) // 2])
shutil.copy("branch_manager.docx", "docx_renamed.txt")
pathlib.Path("not_a_docx.docx").write_text("This is plain text pretending to be a Word file.\n")
png = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e1a1b3e30000000049454e44ae426082")
pathlib.Path("image_renamed.txt").write_bytes(png)
pathlib.Path("empty.txt").write_bytes(b"")
pathlib.Path("undecodable_utf16.txt").write_bytes(b"\xff\xfe" + b"\x00\xd8\x41\x00")
if os.path.exists("other_app.sqlite"):
    os.remove("other_app.sqlite")
con = sqlite3.connect("other_app.sqlite"); con.execute("create table notes(x)"); con.commit(); con.close()
pathlib.Path("text_named.axial").write_text("not a database\n")
