//! Writing a project as a QDPX archive and its codebook as a QDC file.
//!
//! Everything is written in the project's order with GUIDs that do not change between exports
//! (the items' stable ids; for a project without them, ids derived from names), and the zip's
//! entries carry a fixed time, so two exports of an unchanged project differ only in the
//! project's `modifiedDateTime`.

use super::tree::{CodebookGuids, Node, axial_tree};
use super::{CODEBOOK_NAMESPACE, PROJECT_NAMESPACE, describe, is_xsd_datetime, normalise_guid, project_marker};
use crate::io::project_json::{MemoRef, ProjectFile};
use crate::model::derived_uid;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::Write as _;

/// A `.qdpx` archive of `file` (a project's `axial.project/1` form): `project.qde` and one
/// UTF-8 text file per document in `sources/`. `now` is the export's time (RFC 3339).
pub fn qdpx(file: &ProjectFile, now: &str) -> Vec<u8> {
    let (qde, sources) = project_qde(file, now);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed time (zip's earliest), so unchanged projects export to the same bytes.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut add = |name: &str, bytes: &[u8]| {
        zip.start_file(name, options).expect("a zip entry starts in memory");
        zip.write_all(bytes).expect("a zip entry is written in memory");
    };
    add("project.qde", qde.as_bytes());
    for (name, text) in &sources {
        add(name, text.as_bytes());
    }
    zip.finish().expect("a zip in memory finishes").into_inner()
}

/// The codebook of `file` as a `.qdc` (the same nested codes as in a QDPX).
pub fn qdc(file: &ProjectFile) -> String {
    let ids = Ids::new(file);
    let mut x = Xml::new();
    x.open("CodeBook", &[("xmlns", Some(CODEBOOK_NAMESPACE)), ("origin", Some(ORIGIN))]);
    x.open("Codes", &[]);
    for node in axial_tree(file, &ids.codebook()) {
        write_code(&mut x, &node, false);
    }
    x.close("Codes");
    x.close("CodeBook");
    x.out
}

const ORIGIN: &str = concat!("Axial ", env!("CARGO_PKG_VERSION"));

/// The GUID of everything an export names.
struct Ids {
    users: HashMap<String, String>,
    cases: HashMap<String, String>,
    documents: HashMap<String, String>,
    categories: HashMap<String, String>,
    concepts: HashMap<String, String>,
    codes: HashMap<String, String>,
    codings: Vec<String>,
    memos: Vec<String>,
    /// Notes on each item, by (kind, name or coding index as text).
    notes: HashMap<(&'static str, String), Vec<String>>,
}

/// An item's stable id when it is a GUID, else one derived from `seed` (the same every time).
fn guid(uid: &Option<String>, seed: &str) -> String {
    match uid {
        Some(u) if is_guid(u) => normalise_guid(u),
        Some(u) => derived_uid(&format!("axial-uid:{u}")),
        None => derived_uid(seed),
    }
}

fn is_guid(s: &str) -> bool {
    let s = s.trim_start_matches('{').trim_end_matches('}');
    let groups: Vec<&str> = s.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

impl Ids {
    fn new(file: &ProjectFile) -> Ids {
        let by_name = |items: Vec<(&String, &Option<String>)>, kind: &str| -> HashMap<String, String> {
            items.into_iter().map(|(name, uid)| (name.clone(), guid(uid, &format!("{kind}:{name}")))).collect()
        };
        let mut users: HashMap<String, String> =
            file.people.iter().map(|p| (p.name.clone(), guid(&Some(p.uid.clone()), &p.name))).collect();
        let people: BTreeSet<&str> = file
            .codings
            .iter()
            .filter_map(|c| c.coder.as_deref())
            .chain(file.memos.iter().filter_map(|m| m.author.as_deref()))
            .collect();
        for name in people {
            users.entry(name.to_owned()).or_insert_with(|| derived_uid(&format!("person:{name}")));
        }
        let mut notes: HashMap<(&'static str, String), Vec<String>> = HashMap::new();
        let memos: Vec<String> =
            file.memos.iter().enumerate().map(|(i, m)| guid(&m.uid, &format!("memo:{i}"))).collect();
        for (m, id) in file.memos.iter().zip(&memos) {
            let on: &'static str = match m.on.as_str() {
                "document" => "document",
                "code" => "code",
                "concept" => "concept",
                "category" => "category",
                "coding" => "coding",
                "relation" => "relation",
                _ => "project",
            };
            let target = match &m.target {
                Some(MemoRef::Name(n)) => n.clone(),
                Some(MemoRef::Index(i)) => i.to_string(),
                None => String::new(),
            };
            notes.entry((on, target)).or_default().push(id.clone());
        }
        Ids {
            users,
            cases: by_name(file.cases.iter().map(|c| (&c.name, &c.uid)).collect(), "case"),
            documents: by_name(file.documents.iter().map(|d| (&d.title, &d.uid)).collect(), "document"),
            categories: by_name(file.categories.iter().map(|c| (&c.name, &c.uid)).collect(), "category"),
            concepts: by_name(file.concepts.iter().map(|c| (&c.name, &c.uid)).collect(), "concept"),
            codes: by_name(file.codes.iter().map(|c| (&c.name, &c.uid)).collect(), "code"),
            codings: file.codings.iter().enumerate().map(|(i, c)| guid(&c.uid, &format!("coding:{i}"))).collect(),
            memos,
            notes,
        }
    }

    fn codebook(&self) -> CodebookGuids<'_> {
        CodebookGuids { categories: &self.categories, concepts: &self.concepts, codes: &self.codes, notes: &self.notes }
    }

    fn notes(&self, kind: &'static str, key: &str) -> &[String] {
        self.notes.get(&(kind, key.to_owned())).map_or(&[], Vec::as_slice)
    }

    fn user(&self, name: &Option<String>) -> Option<&str> {
        name.as_ref().and_then(|n| self.users.get(n)).map(String::as_str)
    }
}

/// `project.qde` and the source files (zip path, text) of `file`.
fn project_qde(file: &ProjectFile, now: &str) -> (String, Vec<(String, String)>) {
    let ids = Ids::new(file);
    let mut x = Xml::new();
    x.open(
        "Project",
        &[
            ("xmlns", Some(PROJECT_NAMESPACE)),
            ("name", Some(&file.name)),
            ("origin", Some(ORIGIN)),
            ("modifiedDateTime", Some(now).filter(|d| is_xsd_datetime(d))),
        ],
    );
    write_users(&mut x, &ids);
    let tree = axial_tree(file, &ids.codebook());
    if !tree.is_empty() {
        x.open("CodeBook", &[]);
        x.open("Codes", &[]);
        for node in &tree {
            write_code(&mut x, node, true);
        }
        x.close("Codes");
        x.close("CodeBook");
    }
    let variables = write_variables(&mut x, file);
    write_cases(&mut x, file, &ids, &variables);
    let sources = write_sources(&mut x, file, &ids, &variables);
    write_notes(&mut x, file, &ids);
    let relations = write_links(&mut x, file, &ids);
    let depth = depth_marker(file, &ids, &relations);
    x.text_element("Description", &describe("Exported from Axial.", &project_marker(file, depth)));
    for note in ids.notes("project", "") {
        x.empty("NoteRef", &[("targetGUID", Some(note))]);
    }
    x.close("Project");
    (x.out, sources)
}

fn write_users(x: &mut Xml, ids: &Ids) {
    if ids.users.is_empty() {
        return;
    }
    let mut users: Vec<(&String, &String)> = ids.users.iter().collect();
    users.sort();
    x.open("Users", &[]);
    for (name, guid) in users {
        x.empty("User", &[("guid", Some(guid)), ("name", Some(name))]);
    }
    x.close("Users");
}

fn write_code(x: &mut Xml, node: &Node, with_notes: bool) {
    let attrs = [
        ("guid", Some(node.guid.as_str())),
        ("name", Some(node.name.as_str())),
        ("isCodable", Some(if node.codable { "true" } else { "false" })),
        ("color", node.color.as_deref().filter(|c| crate::model::is_hex_color(c))),
    ];
    let description = node.full_description();
    let notes = if with_notes { node.notes.as_slice() } else { &[] };
    if description.is_empty() && notes.is_empty() && node.children.is_empty() {
        x.empty("Code", &attrs);
        return;
    }
    x.open("Code", &attrs);
    if !description.is_empty() {
        x.text_element("Description", &description);
    }
    for note in notes {
        x.empty("NoteRef", &[("targetGUID", Some(note))]);
    }
    for child in &node.children {
        write_code(x, child, with_notes);
    }
    x.close("Code");
}

/// One text variable per attribute name of cases and documents; returns name -> GUID.
fn write_variables(x: &mut Xml, file: &ProjectFile) -> HashMap<String, String> {
    let names: BTreeSet<&String> = file
        .cases
        .iter()
        .flat_map(|c| c.attributes.keys())
        .chain(file.documents.iter().flat_map(|d| d.attributes.keys()))
        .collect();
    if names.is_empty() {
        return HashMap::new();
    }
    x.open("Variables", &[]);
    let mut out = HashMap::new();
    for name in names {
        let guid = derived_uid(&format!("variable:{name}"));
        x.empty("Variable", &[("guid", Some(&guid)), ("name", Some(name)), ("typeOfVariable", Some("Text"))]);
        out.insert(name.clone(), guid);
    }
    x.close("Variables");
    out
}

fn write_values(x: &mut Xml, attributes: &crate::model::Attributes, variables: &HashMap<String, String>) {
    for (name, value) in attributes {
        x.open("VariableValue", &[]);
        x.empty("VariableRef", &[("targetGUID", Some(&variables[name]))]);
        x.text_element("TextValue", value);
        x.close("VariableValue");
    }
}

fn write_cases(x: &mut Xml, file: &ProjectFile, ids: &Ids, variables: &HashMap<String, String>) {
    if file.cases.is_empty() {
        return;
    }
    let mut members: HashMap<&str, Vec<&str>> = HashMap::new();
    for d in &file.documents {
        if let Some(case) = &d.case {
            members.entry(case.as_str()).or_default().push(&ids.documents[&d.title]);
        }
    }
    x.open("Cases", &[]);
    for c in &file.cases {
        x.open("Case", &[("guid", Some(&ids.cases[&c.name])), ("name", Some(&c.name))]);
        write_values(x, &c.attributes, variables);
        for doc in members.get(c.name.as_str()).into_iter().flatten() {
            x.empty("SourceRef", &[("targetGUID", Some(doc))]);
        }
        x.close("Case");
    }
    x.close("Cases");
}

/// The text sources with their selections; returns the files of `sources/`.
fn write_sources(
    x: &mut Xml,
    file: &ProjectFile,
    ids: &Ids,
    variables: &HashMap<String, String>,
) -> Vec<(String, String)> {
    if file.documents.is_empty() {
        return Vec::new();
    }
    let mut codings_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in file.codings.iter().enumerate() {
        codings_of.entry(c.document.as_str()).or_default().push(i);
    }
    let mut files = Vec::new();
    x.open("Sources", &[]);
    for d in &file.documents {
        let guid = &ids.documents[&d.title];
        let path = format!("{guid}.txt");
        x.open(
            "TextSource",
            &[
                ("guid", Some(guid)),
                ("name", Some(&d.title)),
                ("plainTextPath", Some(&format!("internal://{path}"))),
                ("creationDateTime", d.imported.as_deref().filter(|t| is_xsd_datetime(t))),
            ],
        );
        for &i in codings_of.get(d.title.as_str()).into_iter().flatten() {
            write_selection(x, file, ids, i);
        }
        for note in ids.notes("document", &d.title) {
            x.empty("NoteRef", &[("targetGUID", Some(note))]);
        }
        write_values(x, &d.attributes, variables);
        x.close("TextSource");
        files.push((format!("sources/{path}"), d.text.clone().unwrap_or_default()));
    }
    x.close("Sources");
    files
}

/// One coding as a selection holding one coding, the selection's name its quote.
fn write_selection(x: &mut Xml, file: &ProjectFile, ids: &Ids, i: usize) {
    let c = &file.codings[i];
    let coding = &ids.codings[i];
    let selection = derived_uid(&format!("selection:{coding}"));
    let (start, end) = (c.start.to_string(), c.end.to_string());
    let user = ids.user(&c.coder);
    let created = c.created.as_deref().filter(|t| is_xsd_datetime(t));
    x.open(
        "PlainTextSelection",
        &[
            ("guid", Some(&selection)),
            ("name", c.quote.as_deref()),
            ("startPosition", Some(&start)),
            ("endPosition", Some(&end)),
            ("creatingUser", user),
            ("creationDateTime", created),
        ],
    );
    x.open("Coding", &[("guid", Some(coding)), ("creatingUser", user), ("creationDateTime", created)]);
    x.empty("CodeRef", &[("targetGUID", ids.codes.get(&c.code).map(String::as_str))]);
    x.close("Coding");
    for note in ids.notes("coding", &i.to_string()) {
        x.empty("NoteRef", &[("targetGUID", Some(note))]);
    }
    x.close("PlainTextSelection");
}

fn write_notes(x: &mut Xml, file: &ProjectFile, ids: &Ids) {
    if file.memos.is_empty() {
        return;
    }
    x.open("Notes", &[]);
    for (m, guid) in file.memos.iter().zip(&ids.memos) {
        let created = m.created.as_deref().filter(|t| is_xsd_datetime(t));
        x.open(
            "Note",
            &[
                ("guid", Some(guid)),
                ("name", Some(&m.title)),
                ("creatingUser", ids.user(&m.author)),
                ("creationDateTime", created),
                ("modifiedDateTime", m.modified.as_deref().filter(|t| is_xsd_datetime(t))),
            ],
        );
        x.text_element("PlainTextContent", &m.text);
        x.close("Note");
    }
    x.close("Notes");
}

/// The relations as links between their categories' codes, a memo on one as a note its link
/// refers to; returns each relation's GUID.
fn write_links(x: &mut Xml, file: &ProjectFile, ids: &Ids) -> Vec<String> {
    let guids: Vec<String> = file
        .relations
        .iter()
        .enumerate()
        .map(|(i, r)| guid(&r.uid, &format!("relation:{i}:{}:{}:{}", r.from, r.kind, r.to)))
        .collect();
    if file.relations.is_empty() {
        return guids;
    }
    x.open("Links", &[]);
    for (i, (r, guid)) in file.relations.iter().zip(&guids).enumerate() {
        let attributes = [
            ("guid", Some(guid.as_str())),
            ("name", Some(r.kind.as_str())),
            ("direction", Some("OneWay")),
            ("originGUID", ids.categories.get(&r.from).map(String::as_str)),
            ("targetGUID", ids.categories.get(&r.to).map(String::as_str)),
        ];
        let notes = ids.notes("relation", &i.to_string());
        if notes.is_empty() {
            x.empty("Link", &attributes);
        } else {
            x.open("Link", &attributes);
            for note in notes {
                x.empty("NoteRef", &[("targetGUID", Some(note))]);
            }
            x.close("Link");
        }
    }
    x.close("Links");
    guids
}

/// Placements, prompted marks and evidence, by the GUIDs this export gives codings, relations
/// and sources.
fn depth_marker(file: &ProjectFile, ids: &Ids, relations: &[String]) -> super::DepthMarker {
    let mut depth = super::DepthMarker::default();
    for (c, guid) in file.codings.iter().zip(&ids.codings) {
        if c.prompted {
            depth.prompted.push(guid.clone());
        }
        for p in &c.placements {
            depth.placements.push((guid.clone(), p.category.clone(), p.property.clone(), p.point.clone()));
        }
    }
    for (r, guid) in file.relations.iter().zip(relations) {
        for e in &r.evidence {
            if let Some(source) = ids.documents.get(&e.document) {
                depth.evidence.push((guid.clone(), source.clone(), e.start, e.end));
            }
        }
    }
    depth
}

/// A small indenting XML writer; text elements keep their text exactly.
struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    fn new() -> Xml {
        Xml { out: "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n".into(), depth: 0 }
    }

    fn start(&mut self, name: &str, attrs: &[(&str, Option<&str>)]) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            if let Some(value) = value {
                let _ = write!(self.out, " {key}=\"{}\"", escape(value, true));
            }
        }
    }

    fn open(&mut self, name: &str, attrs: &[(&str, Option<&str>)]) {
        self.start(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, Option<&str>)]) {
        self.start(name, attrs);
        self.out.push_str("/>\n");
    }

    fn close(&mut self, name: &str) {
        self.depth -= 1;
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        let _ = writeln!(self.out, "</{name}>");
    }

    fn text_element(&mut self, name: &str, text: &str) {
        self.start(name, &[]);
        let _ = writeln!(self.out, ">{}</{name}>", escape(text, false));
    }
}

/// XML escaping; in an attribute, line ends and tabs too, which a parser would otherwise turn
/// into spaces. Characters XML 1.0 cannot carry at all (most C0 controls) are left out.
fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            '\n' | '\t' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}
