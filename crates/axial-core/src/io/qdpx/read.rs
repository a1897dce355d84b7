//! Reading a QDPX archive or a QDC codebook into an `axial.project/1` [`ProjectFile`], all
//! before the project is touched: a file that cannot be read whole is refused in one sentence.
//!
//! Into a project that already has items, codes, concepts and categories are matched by id,
//! then by name, and only what is new is added; cases are matched by name; a document whose
//! title is taken is numbered ("Interview 3 (2)").

use super::positions::{self, Positions, Selection, SourceText};
use super::tree::{Levelled, Node, levelled};
use super::{Marker, normalise_guid, split_description};
use crate::io::limits::{MAX_TEXT_FILE_BYTES, size_text};
use crate::io::project_json::*;
use crate::model::{Project, UidKind, Uids, derived_uid};
use roxmltree::Node as X;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Read;

/// Why a QDPX or QDC file was refused; reads as the end of "the file ...".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct QdpxError(pub String);

fn refuse<T>(why: impl Into<String>) -> Result<T, QdpxError> {
    Err(QdpxError(why.into()))
}

/// Largest `project.qde` (or `.qdc`) Axial reads unpacked: 512 MiB of XML.
const MAX_XML_BYTES: u64 = 512 * 1024 * 1024;
/// Deepest code tree read (far deeper than any codebook; a guard against a crafted file).
const MAX_CODE_DEPTH: usize = 100;

/// A QDPX archive read for import.
pub struct QdpxImport {
    pub file: ProjectFile,
    /// How positions were counted (None: the file has no selections).
    pub positions: Option<Positions>,
    /// What was not carried over or was changed to fit, one sentence each.
    pub warnings: Vec<String>,
    /// The codes, concepts and categories that are new to the project, as "code “Name”".
    pub added: Vec<String>,
}

/// A QDC codebook read for import.
pub struct CodebookImport {
    pub file: ProjectFile,
    pub warnings: Vec<String>,
    /// What is new to the project, as "code “Name”".
    pub added: Vec<String>,
    /// How many of the codebook's codes, concepts and categories the project already had.
    pub matched: usize,
}

/// Reads a `.qdpx` archive's bytes for import into `existing`.
pub fn read_qdpx(bytes: &[u8], existing: &Project, existing_uids: &Uids) -> Result<QdpxImport, QdpxError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        QdpxError(format!(
            "is not a QDPX project (it is not a readable zip archive: {e}); it may be damaged, truncated or renamed"
        ))
    })?;
    let qde_name = find_qde(&archive)?;
    let xml = entry(&mut archive, &qde_name, MAX_XML_BYTES)?;
    let xml = xml_text(xml, &qde_name)?;
    let doc = parse_xml(&xml, &qde_name)?;
    let root = doc.root_element();
    if root.tag_name().name() != "Project" {
        return refuse(format!(
            "has a {qde_name} whose root element is <{}>, not <Project>; it is not a REFI-QDA project",
            root.tag_name().name()
        ));
    }
    let mut r = Reader { archive: &mut archive, warnings: Warnings::default() };
    if root.tag_name().namespace() != Some(super::PROJECT_NAMESPACE) {
        r.warnings.note(format!(
            "the project is not in the REFI-QDA namespace {}; it was read as one",
            super::PROJECT_NAMESPACE
        ));
    }
    let project = r.project(root)?;
    let mut import = project.into_file(existing, existing_uids, &mut r.warnings)?;
    import.warnings = r.warnings.finish();
    Ok(import)
}

/// Reads a `.qdc` codebook for import into `existing`.
pub fn read_qdc(bytes: &[u8], existing: &Project, existing_uids: &Uids) -> Result<CodebookImport, QdpxError> {
    if bytes.len() as u64 > MAX_XML_BYTES {
        return refuse(format!(
            "is {}, more than the {} Axial reads for a codebook",
            size_text(bytes.len() as u64),
            size_text(MAX_XML_BYTES)
        ));
    }
    let xml = xml_text(bytes.to_vec(), "codebook")?;
    let doc = parse_xml(&xml, "codebook")?;
    let root = doc.root_element();
    if root.tag_name().name() != "CodeBook" {
        return refuse(format!(
            "is not a REFI-QDA codebook (its root element is <{}>, not <CodeBook>)",
            root.tag_name().name()
        ));
    }
    let mut warnings = Warnings::default();
    let mut tree = Vec::new();
    for codes in root.children().filter(|n| n.is_element()) {
        match codes.tag_name().name() {
            "Codes" => {
                for code in elements(codes) {
                    tree.push(read_code(code, 0, &mut warnings)?);
                }
            }
            "Sets" => warnings.note("the codebook's sets are not carried over (Axial has no sets of codes)".into()),
            other => warnings.unknown(other),
        }
    }
    let mut l = levelled(&tree, &HashSet::new());
    warnings.list.append(&mut l.warnings);
    let mut file = empty_file(existing.name());
    keep_known_facets(&mut l, existing, &mut warnings);
    let merged = merge_codebook(l, existing, existing_uids, &mut file);
    if existing.core_category().is_some() {
        file.core_category = None;
    }
    let matched = merged.matched;
    Ok(CodebookImport { file, warnings: warnings.finish(), added: merged.added, matched })
}

/// The one `.qde` at the archive's root: `project.qde` or, as some tools name it, after the
/// project.
fn find_qde(archive: &zip::ZipArchive<std::io::Cursor<&[u8]>>) -> Result<String, QdpxError> {
    let names: Vec<String> = entry_names(archive)
        .into_iter()
        .filter(|n| !n.contains('/') && n.to_ascii_lowercase().ends_with(".qde"))
        .collect();
    if let Some(name) = names.iter().find(|n| n.eq_ignore_ascii_case("project.qde")) {
        return Ok((*name).to_owned());
    }
    match names.as_slice() {
        [one] => Ok(one.clone()),
        [] => refuse("is a zip archive but not a QDPX project (it has no .qde project file at its root)"),
        many => refuse(format!(
            "is a QDPX archive with {} project files ({}) and none named project.qde; Axial cannot tell which to read",
            many.len(),
            many.join(", ")
        )),
    }
}

/// The names of an archive's entries (those that can be read as names).
fn entry_names(archive: &zip::ZipArchive<std::io::Cursor<&[u8]>>) -> Vec<String> {
    archive.file_names().filter_map(|n| n.ok()).map(|n| n.into_owned()).collect()
}

/// An archive entry's bytes, at most `max` unpacked (checked against the declared size, then
/// while inflating, so a lying header still stops at the limit).
fn entry(archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str, max: u64) -> Result<Vec<u8>, QdpxError> {
    let mut file = archive
        .by_name(name)
        .map_err(|e| QdpxError(format!("is a damaged QDPX archive ({name} cannot be read: {e})")))?;
    let too_big =
        || QdpxError(format!("holds {name}, which unpacks to more than {}, more than Axial reads", size_text(max)));
    if file.size() > max {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(file.size().min(max) as usize);
    (&mut file)
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| QdpxError(format!("is a damaged QDPX archive ({name} cannot be unpacked: {e})")))?;
    if bytes.len() as u64 > max {
        return Err(too_big());
    }
    Ok(bytes)
}

fn xml_text(bytes: Vec<u8>, what: &str) -> Result<String, QdpxError> {
    let text = String::from_utf8(bytes).or_else(|e| {
        // UTF-16 with a byte-order mark is XML too.
        crate::io::text::decode(e.as_bytes()).map(|d| d.text).map_err(|_| {
            QdpxError(format!(
                "has a {what} that is not UTF-8 text (byte {}); it is damaged or not a REFI-QDA file",
                e.utf8_error().valid_up_to()
            ))
        })
    })?;
    Ok(text.strip_prefix('\u{FEFF}').map(str::to_owned).unwrap_or(text))
}

fn parse_xml<'a>(xml: &'a str, what: &str) -> Result<roxmltree::Document<'a>, QdpxError> {
    // No DTDs: entity expansion is how a small XML file becomes a huge one.
    let options = roxmltree::ParsingOptions { allow_dtd: false, ..roxmltree::ParsingOptions::default() };
    roxmltree::Document::parse_with_options(xml, options).map_err(|e| {
        QdpxError(format!("has a {what} that is not well-formed XML ({e}); it is damaged or was cut short"))
    })
}

fn elements<'a, 'i>(node: X<'a, 'i>) -> impl Iterator<Item = X<'a, 'i>> {
    node.children().filter(|n| n.is_element())
}

fn child<'a, 'i>(node: X<'a, 'i>, name: &str) -> Option<X<'a, 'i>> {
    elements(node).find(|n| n.tag_name().name() == name)
}

fn text_of(node: X, name: &str) -> Option<String> {
    child(node, name).map(|n| n.text().unwrap_or_default().to_owned())
}

fn guid_of(node: X) -> Option<String> {
    node.attribute("guid").map(normalise_guid).filter(|g| !g.is_empty())
}

/// Warnings gathered while reading, with unknown elements and counted things said once each.
#[derive(Default)]
struct Warnings {
    list: Vec<String>,
    unknown: BTreeSet<String>,
    counts: BTreeMap<Counted, usize>,
}

impl Warnings {
    fn note(&mut self, s: String) {
        if !self.list.contains(&s) {
            self.list.push(s);
        }
    }
    fn unknown(&mut self, element: &str) {
        self.unknown.insert(element.to_owned());
    }
    fn count(&mut self, what: Counted) {
        *self.counts.entry(what).or_default() += 1;
    }
    fn finish(mut self) -> Vec<String> {
        for ((one, several), n) in self.counts {
            self.list.push(if n == 1 { one.to_owned() } else { several.replace("{n}", &n.to_string()) });
        }
        if !self.unknown.is_empty() {
            let names: Vec<String> = self.unknown.into_iter().map(|n| format!("<{n}>")).collect();
            self.list.push(format!(
                "elements Axial does not know (a newer standard or another tool's extensions) were left out: {}",
                names.join(", ")
            ));
        }
        self.list
    }
}

/// Things counted while reading, said once with their number: (one, several), `{n}` the number.
type Counted = (&'static str, &'static str);
const NO_COLOUR: Counted = ("1 code had no colour and was given one", "{n} codes had no colour and were given one");
const UNCODED_SELECTION: Counted = (
    "1 selection with no code was left out (in Axial a passage is kept by coding it)",
    "{n} selections with no code were left out (in Axial a passage is kept by coding it)",
);
const EMPTY_SELECTION: Counted =
    ("1 empty selection (start equal to end) was left out", "{n} empty selections (start equal to end) were left out");
const NOT_TEXT: Counted = (
    "1 picture, audio, video or PDF source without a text representation was left out (Axial codes text)",
    "{n} picture, audio, video or PDF sources without a text representation were left out (Axial codes text)",
);
const OTHER_LINK: Counted = (
    "1 link that does not join two categories was left out (Axial relates categories)",
    "{n} links that do not join two categories were left out (Axial relates categories)",
);
const EXTRA_CASE: Counted = (
    "1 document was in more than one case; it was kept in its first",
    "{n} documents were in more than one case; each was kept in its first",
);

/// Reads one `<Code>` and its children.
fn read_code(node: X, depth: usize, w: &mut Warnings) -> Result<Node, QdpxError> {
    if depth > MAX_CODE_DEPTH {
        return refuse(format!("nests codes more than {MAX_CODE_DEPTH} levels deep; it is damaged or not a codebook"));
    }
    let name = node.attribute("name").unwrap_or_default().to_owned();
    let guid = guid_of(node).unwrap_or_else(|| {
        w.note("some codes had no guid and were given one".into());
        derived_uid(&format!("code-without-guid:{depth}:{name}"))
    });
    let color = node.attribute("color").and_then(colour);
    if color.is_none() {
        w.count(NO_COLOUR);
    }
    let (description, marker) = match text_of(node, "Description") {
        Some(d) => split_description(&d),
        None => (String::new(), None),
    };
    let mut out = Node {
        guid,
        name,
        color,
        codable: node.attribute("isCodable") != Some("false"),
        description,
        marker,
        children: Vec::new(),
        notes: Vec::new(),
    };
    for c in elements(node) {
        match c.tag_name().name() {
            "Code" => out.children.push(read_code(c, depth + 1, w)?),
            "NoteRef" => out.notes.extend(c.attribute("targetGUID").map(normalise_guid)),
            "Description" => {}
            other => w.unknown(other),
        }
    }
    Ok(out)
}

/// `#rgb` or `#rrggbb` as Axial's `#rrggbb`.
fn colour(s: &str) -> Option<String> {
    let hex = s.trim().strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        6 => Some(format!("#{}", hex.to_ascii_lowercase())),
        3 => Some(format!("#{}", hex.chars().flat_map(|c| [c, c]).collect::<String>().to_ascii_lowercase())),
        _ => None,
    }
}

/// One text source as read, before positions are placed.
struct Source {
    guid: String,
    title: String,
    imported: Option<String>,
    attributes: crate::model::Attributes,
    notes: Vec<String>,
}

/// One coding as read: which selection, code and who.
struct RawCoding {
    selection: usize,
    guid: Option<String>,
    code: String,
    user: Option<String>,
    created: Option<String>,
    notes: Vec<String>,
}

/// One memo as read.
struct RawNote {
    guid: String,
    title: String,
    text: String,
    user: Option<String>,
    created: Option<String>,
    modified: Option<String>,
}

/// Everything `project.qde` says, by GUID.
#[derive(Default)]
struct Parsed {
    name: String,
    marker: Option<Marker>,
    users: HashMap<String, String>,
    variables: HashMap<String, String>,
    tree: Vec<Node>,
    sources: Vec<Source>,
    /// Each source's text, by the source's index.
    texts: Vec<SourceText>,
    selections: Vec<(usize, u64, u64, Option<String>, String)>,
    selection_notes: Vec<Vec<String>>,
    codings: Vec<RawCoding>,
    cases: Vec<(Option<String>, String, crate::model::Attributes, Vec<String>)>,
    notes: Vec<RawNote>,
    project_notes: Vec<String>,
    links: Vec<(Option<String>, String, String, String)>,
    /// The notes each link refers to, by the link's index.
    link_notes: Vec<Vec<String>>,
}

struct Reader<'r, 'b> {
    archive: &'r mut zip::ZipArchive<std::io::Cursor<&'b [u8]>>,
    warnings: Warnings,
}

impl Reader<'_, '_> {
    fn project(&mut self, root: X) -> Result<Parsed, QdpxError> {
        let mut read = Parsed { name: root.attribute("name").unwrap_or_default().to_owned(), ..Parsed::default() };
        for el in elements(root) {
            match el.tag_name().name() {
                "Users" => {
                    for u in elements(el).filter(|u| u.tag_name().name() == "User") {
                        if let Some(guid) = guid_of(u) {
                            let name = u.attribute("name").filter(|n| !n.trim().is_empty()).map_or_else(
                                || format!("User {}", guid.chars().take(8).collect::<String>()),
                                |n| n.trim().to_owned(),
                            );
                            read.users.insert(guid, name);
                        }
                    }
                }
                "CodeBook" => {
                    for code in child(el, "Codes").into_iter().flat_map(elements) {
                        read.tree.push(read_code(code, 0, &mut self.warnings)?);
                    }
                }
                "Variables" => {
                    for v in elements(el) {
                        if let (Some(guid), Some(name)) = (guid_of(v), v.attribute("name")) {
                            read.variables.insert(guid, name.to_owned());
                        }
                    }
                }
                "Cases" => {
                    for c in elements(el).filter(|c| c.tag_name().name() == "Case") {
                        let case = self.case(c, &read.variables);
                        read.cases.push(case);
                    }
                }
                "Sources" => {
                    for s in elements(el) {
                        self.source(s, &mut read)?;
                    }
                }
                "Notes" => {
                    for n in elements(el).filter(|n| n.tag_name().name() == "Note") {
                        let note = self.note(n)?;
                        read.notes.push(note);
                    }
                }
                "Links" => {
                    for l in elements(el).filter(|l| l.tag_name().name() == "Link") {
                        let (Some(from), Some(to)) = (l.attribute("originGUID"), l.attribute("targetGUID")) else {
                            self.warnings.count(OTHER_LINK);
                            continue;
                        };
                        let kind = l.attribute("name").map(str::trim).filter(|k| !k.is_empty()).unwrap_or("relates to");
                        read.links.push((guid_of(l), kind.to_owned(), normalise_guid(from), normalise_guid(to)));
                        read.link_notes.push(
                            elements(l)
                                .filter(|n| n.tag_name().name() == "NoteRef")
                                .filter_map(|n| n.attribute("targetGUID"))
                                .map(normalise_guid)
                                .collect(),
                        );
                    }
                }
                "Sets" => self.warnings.note("sets are not carried over (Axial has no sets)".into()),
                "Graphs" => {
                    self.warnings.note("graphs are not carried over; Axial draws its own paradigm diagram".into())
                }
                "Description" => {
                    let (_, marker) = split_description(el.text().unwrap_or_default());
                    read.marker = marker;
                }
                "NoteRef" => read.project_notes.extend(el.attribute("targetGUID").map(normalise_guid)),
                other => self.warnings.unknown(other),
            }
        }
        Ok(read)
    }

    fn case(
        &mut self,
        c: X,
        variables: &HashMap<String, String>,
    ) -> (Option<String>, String, crate::model::Attributes, Vec<String>) {
        let name = c.attribute("name").unwrap_or_default().trim().to_owned();
        let mut attributes = crate::model::Attributes::new();
        let mut members = Vec::new();
        for el in elements(c) {
            match el.tag_name().name() {
                "VariableValue" => {
                    if let Some((k, v)) = variable_value(el, variables) {
                        attributes.insert(k, v);
                    }
                }
                "SourceRef" => members.extend(el.attribute("targetGUID").map(normalise_guid)),
                "CodeRef" | "SelectionRef" => self.warnings.note(
                    "cases defined by codes or selections are not carried over (an Axial case holds documents)".into(),
                ),
                "Description" => {}
                other => self.warnings.unknown(other),
            }
        }
        (guid_of(c), name, attributes, members)
    }

    fn note(&mut self, n: X) -> Result<RawNote, QdpxError> {
        let guid =
            guid_of(n).unwrap_or_else(|| derived_uid(&format!("note:{}", n.attribute("name").unwrap_or_default())));
        let text = match text_of(n, "PlainTextContent") {
            Some(t) => t,
            None => match n.attribute("plainTextPath") {
                Some(path) => {
                    let title = n.attribute("name").unwrap_or("a note");
                    let raw = self.path_text(path, title)?;
                    crate::io::text::normalise_line_ends(raw.strip_prefix('\u{FEFF}').unwrap_or(&raw))
                }
                None => String::new(),
            },
        };
        Ok(RawNote {
            guid,
            title: n.attribute("name").unwrap_or_default().to_owned(),
            text: crate::io::text::normalise_line_ends(&text),
            user: n.attribute("creatingUser").map(normalise_guid),
            created: n.attribute("creationDateTime").map(str::to_owned),
            modified: n.attribute("modifiedDateTime").map(str::to_owned),
        })
    }

    /// A source element: a text source, or a PDF with a text representation; others are
    /// counted and left out.
    fn source(&mut self, s: X, read: &mut Parsed) -> Result<(), QdpxError> {
        let text_el = match s.tag_name().name() {
            "TextSource" => s,
            "PDFSource" => match child(s, "Representation") {
                Some(r) => r,
                None => {
                    self.warnings.count(NOT_TEXT);
                    return Ok(());
                }
            },
            "PictureSource" | "AudioSource" | "VideoSource" => {
                self.warnings.count(NOT_TEXT);
                return Ok(());
            }
            other => {
                self.warnings.unknown(other);
                return Ok(());
            }
        };
        let guid = guid_of(s).unwrap_or_else(|| derived_uid(&format!("source:{}", read.sources.len())));
        let title = s.attribute("name").map(str::trim).filter(|t| !t.is_empty()).unwrap_or("Untitled").to_owned();
        let raw = match text_of(text_el, "PlainTextContent") {
            Some(t) => t,
            None => match (text_el.attribute("plainTextPath"), text_el.attribute("richTextPath")) {
                (Some(path), _) => self.path_text(path, &title)?,
                (None, Some(path)) => self.rich_text(path, &title)?,
                (None, None) => {
                    return refuse(format!(
                        "has the source \u{201c}{title}\u{201d} with no text (no plainTextPath and no PlainTextContent)"
                    ));
                }
            },
        };
        let index = read.sources.len();
        let mut source = Source {
            guid,
            title,
            imported: s.attribute("creationDateTime").map(str::to_owned),
            attributes: crate::model::Attributes::new(),
            notes: Vec::new(),
        };
        let text = SourceText::new(&raw);
        drop(raw);
        let end = text.text.chars().count() as u64;
        read.texts.push(text);
        for el in elements(text_el).chain(if text_el == s { None } else { Some(s) }.into_iter().flat_map(elements)) {
            match el.tag_name().name() {
                "PlainTextSelection" => self.selection(el, index, read)?,
                // A coding on the whole source: a passage from start to end.
                "Coding" => {
                    read.selections.push((index, 0, end, None, format!("source {}", source.title)));
                    read.selection_notes.push(Vec::new());
                    let selection = read.selections.len() - 1;
                    read.codings.extend(coding(el, selection));
                }
                "NoteRef" => source.notes.extend(el.attribute("targetGUID").map(normalise_guid)),
                "VariableValue" => {
                    if let Some((k, v)) = variable_value(el, &read.variables) {
                        source.attributes.insert(k, v);
                    }
                }
                "PDFSelection" => self
                    .warnings
                    .note("selections drawn on PDF pages are not carried over; those on the PDF's text are".into()),
                "Description" | "PlainTextContent" | "Representation" => {}
                other => self.warnings.unknown(other),
            }
        }
        read.sources.push(source);
        Ok(())
    }

    fn selection(&mut self, el: X, source: usize, read: &mut Parsed) -> Result<(), QdpxError> {
        let label = el.attribute("name").map(str::to_owned).or_else(|| guid_of(el)).unwrap_or_default();
        let number = |attr: &str| -> Result<u64, QdpxError> {
            let value = el.attribute(attr).unwrap_or_default();
            value.trim().parse::<u64>().map_err(|_| {
                QdpxError(format!(
                    "has a selection (\u{201c}{}\u{201d}) whose {attr} is {value:?}, not a position",
                    short(&label)
                ))
            })
        };
        let (start, end) = (number("startPosition")?, number("endPosition")?);
        let codings: Vec<RawCoding> = elements(el)
            .filter(|c| c.tag_name().name() == "Coding")
            .filter_map(|c| coding(c, read.selections.len()))
            .collect();
        if start > end {
            return refuse(format!(
                "has a selection (\u{201c}{}\u{201d}) that ends at {end}, before it starts at {start}",
                short(&label)
            ));
        }
        if codings.is_empty() {
            self.warnings.count(UNCODED_SELECTION);
            return Ok(());
        }
        if start == end {
            self.warnings.count(EMPTY_SELECTION);
            return Ok(());
        }
        read.selections.push((source, start, end, el.attribute("name").map(str::to_owned), label));
        read.selection_notes.push(
            elements(el)
                .filter(|n| n.tag_name().name() == "NoteRef")
                .filter_map(|n| n.attribute("targetGUID"))
                .map(normalise_guid)
                .collect(),
        );
        read.codings.extend(codings);
        Ok(())
    }

    /// The text a `plainTextPath` names inside the archive.
    fn path_text(&mut self, path: &str, title: &str) -> Result<String, QdpxError> {
        let bytes = self.internal(path, title)?;
        Ok(match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                let decoded = crate::io::text::decode(e.as_bytes()).map_err(|err| {
                    QdpxError(format!("has the source \u{201c}{title}\u{201d} ({path}), which {err}"))
                })?;
                self.warnings.note(format!(
                    "the source \u{201c}{title}\u{201d} is not UTF-8 as the standard asks; it was read as {} and its selections may be off",
                    decoded.encoding
                ));
                decoded.text
            }
        })
    }

    /// A rich-text source: a Word document is read as Axial reads one; a path to plain text
    /// (as some tools write) is read as plain text.
    fn rich_text(&mut self, path: &str, title: &str) -> Result<String, QdpxError> {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".txt") {
            return self.path_text(path, title);
        }
        if !lower.ends_with(".docx") {
            return refuse(format!(
                "has the source \u{201c}{title}\u{201d} only as rich text ({path}), in a format Axial does not read; export it again with plain-text sources"
            ));
        }
        let bytes = self.internal(path, title)?;
        let text = crate::io::docx::read_docx(&bytes)
            .map_err(|e| QdpxError(format!("has the source \u{201c}{title}\u{201d} ({path}), which {e}")))?;
        self.warnings.note(format!(
            "the source \u{201c}{title}\u{201d} had only a Word document, whose text Axial made itself; its selections may be off"
        ));
        Ok(text)
    }

    /// The bytes an `internal://` path names: a file of the archive's `sources/` folder
    /// (whatever its case), at most a transcript's size.
    fn internal(&mut self, path: &str, title: &str) -> Result<Vec<u8>, QdpxError> {
        let Some(name) = path.strip_prefix("internal://") else {
            return refuse(format!(
                "has the source \u{201c}{title}\u{201d} outside the archive ({path}); export the project again with its sources inside"
            ));
        };
        let wanted = format!("sources/{}", name.trim_start_matches('/')).to_lowercase();
        let names = entry_names(self.archive);
        let file_name = name.to_lowercase();
        let found = names
            .iter()
            .find(|n| n.to_lowercase() == wanted)
            .or_else(|| names.iter().find(|n| n.to_lowercase().rsplit('/').next() == Some(file_name.as_str())))
            .cloned();
        match found {
            Some(entry_name) => entry(self.archive, &entry_name, MAX_TEXT_FILE_BYTES),
            None => refuse(format!(
                "has the source \u{201c}{title}\u{201d} at {path}, which the archive does not hold; it is incomplete"
            )),
        }
    }
}

/// A `<Coding>` of selection number `selection`.
fn coding(el: X, selection: usize) -> Option<RawCoding> {
    let code = child(el, "CodeRef")?.attribute("targetGUID").map(normalise_guid)?;
    Some(RawCoding {
        selection,
        guid: guid_of(el),
        code,
        user: el.attribute("creatingUser").map(normalise_guid),
        created: el.attribute("creationDateTime").map(str::to_owned),
        notes: elements(el)
            .filter(|n| n.tag_name().name() == "NoteRef")
            .filter_map(|n| n.attribute("targetGUID"))
            .map(normalise_guid)
            .collect(),
    })
}

fn variable_value(el: X, variables: &HashMap<String, String>) -> Option<(String, String)> {
    let var = child(el, "VariableRef")?.attribute("targetGUID").map(normalise_guid)?;
    let name = variables.get(&var)?.clone();
    let value = elements(el).find(|v| v.tag_name().name().ends_with("Value"))?.text().unwrap_or_default().to_owned();
    Some((name, value))
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

fn empty_file(name: &str) -> ProjectFile {
    ProjectFile {
        schema: SCHEMA.into(),
        name: name.to_owned(),
        core_category: None,
        framework: None,
        relation_kinds: None,
        cases: Vec::new(),
        documents: Vec::new(),
        categories: Vec::new(),
        concepts: Vec::new(),
        codes: Vec::new(),
        relations: Vec::new(),
        codings: Vec::new(),
        memos: Vec::new(),
        expectations: Vec::new(),
        people: Vec::new(),
    }
}

/// Facets on cube values the project does not have are dropped, and said.
fn keep_known_facets(l: &mut Levelled, existing: &Project, w: &mut Warnings) {
    let framework = existing.framework();
    let mut dropped = 0;
    let mut keep = |facets: &mut BTreeMap<String, String>| {
        facets.retain(|d, v| {
            let ok = framework.dimension(d).is_some_and(|dim| dim.has_value(v));
            dropped += usize::from(!ok);
            ok
        });
    };
    l.categories.iter_mut().for_each(|c| keep(&mut c.facets));
    l.concepts.iter_mut().for_each(|c| keep(&mut c.facets));
    l.codes.iter_mut().for_each(|c| keep(&mut c.facets));
    if dropped > 0 {
        w.note(format!(
            "{dropped} cube facets name dimensions or values this project's cube does not have and were left out"
        ));
    }
}

/// What merging a codebook into a project found.
struct Merged {
    added: Vec<String>,
    matched: usize,
    /// The file's names to the project's, per kind, for items the project already had.
    renamed: HashMap<(&'static str, String), String>,
}

/// Puts the levelled codebook into `file`, leaving out what `existing` has already (by id,
/// then by name) and pointing references to those at the project's own.
fn merge_codebook(l: Levelled, existing: &Project, uids: &Uids, file: &mut ProjectFile) -> Merged {
    let mut by_uid: HashMap<&str, (UidKind, i64)> = HashMap::new();
    for ((kind, id), uid) in &uids.items {
        by_uid.insert(uid.as_str(), (*kind, *id));
    }
    let name_of = |kind: UidKind, id: i64| -> Option<String> {
        match kind {
            UidKind::Category => existing.category(crate::model::CategoryId(id)).map(|c| c.name.clone()),
            UidKind::Concept => existing.concept(crate::model::ConceptId(id)).map(|c| c.name.clone()),
            UidKind::Code => existing.code(crate::model::CodeId(id)).map(|c| c.name.clone()),
            _ => None,
        }
    };
    let categories: HashSet<&str> = existing.categories().map(|c| c.name.as_str()).collect();
    let concepts: HashSet<&str> = existing.concepts().map(|c| c.name.as_str()).collect();
    let codes: HashSet<&str> = existing.codes().map(|c| c.name.as_str()).collect();
    let mut m = Merged { added: Vec::new(), matched: 0, renamed: HashMap::new() };
    // The project's item for one of the file's: by id (of the same kind), then by name.
    let mut matches =
        |kind: &'static str, uid_kind: UidKind, name: &str, uid: &Option<String>, names: &HashSet<&str>| -> bool {
            let by_id = uid
                .as_deref()
                .and_then(|u| by_uid.get(u))
                .filter(|(k, _)| *k == uid_kind)
                .and_then(|(k, id)| name_of(*k, *id));
            match by_id.or_else(|| names.contains(name).then(|| name.to_owned())) {
                Some(own) => {
                    m.matched += 1;
                    m.renamed.insert((kind, name.to_owned()), own);
                    true
                }
                None => {
                    m.added.push(format!("{kind} \u{201c}{name}\u{201d}"));
                    false
                }
            }
        };
    let mut keep_categories = Vec::new();
    for c in l.categories {
        if !matches("category", UidKind::Category, &c.name, &c.uid, &categories) {
            keep_categories.push(c);
        }
    }
    let mut keep_concepts = Vec::new();
    for c in l.concepts {
        if !matches("concept", UidKind::Concept, &c.name, &c.uid, &concepts) {
            keep_concepts.push(c);
        }
    }
    let mut keep_codes = Vec::new();
    for c in l.codes {
        if !matches("code", UidKind::Code, &c.name, &c.uid, &codes) {
            keep_codes.push(c);
        }
    }
    let rename = |kind: &'static str, name: &mut String| {
        if let Some(own) = m.renamed.get(&(kind, name.clone())) {
            *name = own.clone();
        }
    };
    for c in &mut keep_concepts {
        if let Some(cat) = &mut c.category {
            rename("category", cat);
        }
    }
    for c in &mut keep_codes {
        if let Some(concept) = &mut c.concept {
            rename("concept", concept);
        }
    }
    file.core_category = l.core.map(|mut core| {
        rename("category", &mut core);
        core
    });
    file.categories = keep_categories;
    file.concepts = keep_concepts;
    file.codes = keep_codes;
    m
}

impl Parsed {
    /// The project file this QDPX becomes in `existing`.
    fn into_file(self, existing: &Project, uids: &Uids, w: &mut Warnings) -> Result<QdpxImport, QdpxError> {
        let coded: HashSet<String> = self.codings.iter().map(|c| c.code.clone()).collect();
        let mut l = levelled(&self.tree, &coded);
        w.list.append(&mut l.warnings);
        let code_of = std::mem::take(&mut l.code_of);
        let item_of = std::mem::take(&mut l.item_of);
        let code_notes = std::mem::take(&mut l.notes);
        let mut file = empty_file(&self.name);
        if let Some(marker) = &self.marker {
            file.framework = marker.framework.clone();
            file.relation_kinds = marker.relation_kinds.clone();
            file.expectations = marker.expectations.clone();
        }
        let fresh = existing.documents().len() == 0
            && existing.codes().len() == 0
            && existing.concepts().len() == 0
            && existing.categories().len() == 0;
        if !fresh && file.framework.is_none() {
            keep_known_facets(&mut l, existing, w);
        }
        let merged = merge_codebook(l, existing, uids, &mut file);
        let renamed = |kind: &'static str, name: &str| {
            merged.renamed.get(&(kind, name.to_owned())).cloned().unwrap_or_else(|| name.to_owned())
        };

        // Documents, with titles unique in the project.
        let mut titles: HashSet<String> = existing.documents().map(|d| d.title.clone()).collect();
        let mut doc_title: Vec<String> = Vec::with_capacity(self.sources.len());
        for s in &self.sources {
            let mut title = s.title.clone();
            let mut n = 2;
            while titles.contains(&title) {
                title = format!("{} ({n})", s.title);
                n += 1;
            }
            titles.insert(title.clone());
            doc_title.push(title);
        }
        let source_index: HashMap<&str, usize> =
            self.sources.iter().enumerate().map(|(i, s)| (s.guid.as_str(), i)).collect();

        // Positions, checked against the quotes, then placed.
        let texts = &self.texts;
        let selections: Vec<Selection> = self
            .selections
            .iter()
            .map(|(source, start, end, name, _)| Selection {
                source: *source,
                start: *start,
                end: *end,
                name: name.as_deref(),
            })
            .collect();
        let positions = (!selections.is_empty()).then(|| positions::choose(texts, &selections));
        let placed = match &positions {
            Some(p) => positions::place_all(texts, &selections, p.reading),
            None => Vec::new(),
        };
        for ((source, start, end, _, label), at) in self.selections.iter().zip(&placed) {
            if at.is_none() {
                return refuse(format!(
                    "has a selection (\u{201c}{}\u{201d}) at {start}..{end} in the source \u{201c}{}\u{201d}, past the end of its text ({} characters); the file is damaged or its sources do not belong to it",
                    short(label),
                    self.sources[*source].title,
                    texts[*source].text.chars().count()
                ));
            }
        }
        if let Some(p) = &positions
            && p.quoted >= 4
            && p.matched * 2 < p.quoted
        {
            w.note(format!(
                "only {} of {} selections that quote their text match it under any way of counting; their positions may be off",
                p.matched, p.quoted
            ));
        }

        // Cases: matched by name, with the documents they hold.
        let existing_cases: HashSet<&str> = existing.cases().map(|c| c.name.as_str()).collect();
        let mut case_of: HashMap<usize, String> = HashMap::new();
        let mut case_names: HashSet<String> = HashSet::new();
        for (i, (uid, name, attributes, members)) in self.cases.into_iter().enumerate() {
            let name = if name.is_empty() { format!("Case {}", i + 1) } else { name };
            for m in members {
                if let Some(&s) = source_index.get(m.as_str()) {
                    match case_of.entry(s) {
                        std::collections::hash_map::Entry::Occupied(_) => w.count(EXTRA_CASE),
                        std::collections::hash_map::Entry::Vacant(v) => {
                            v.insert(name.clone());
                        }
                    }
                }
            }
            if existing_cases.contains(name.as_str()) || !case_names.insert(name.clone()) {
                continue;
            }
            file.cases.push(CaseEntry { name, attributes, uid });
        }

        for (i, s) in self.sources.iter().enumerate() {
            file.documents.push(DocumentEntry {
                title: doc_title[i].clone(),
                case: case_of.get(&i).cloned(),
                attributes: s.attributes.clone(),
                imported: s.imported.clone(),
                path: None,
                text: Some(self.texts[i].text.clone()),
                uid: Some(s.guid.clone()),
            });
        }

        // Codings, in the order of their sources and selections.
        let user = |guid: &Option<String>| {
            guid.as_ref().map(|g| {
                self.users.get(g).cloned().unwrap_or_else(|| format!("User {}", g.chars().take(8).collect::<String>()))
            })
        };
        let mut coding_index_of_selection: HashMap<usize, usize> = HashMap::new();
        let mut coding_index_of_guid: HashMap<String, usize> = HashMap::new();
        let mut unknown_codes = 0;
        for c in &self.codings {
            let Some(code) = code_of.get(&c.code) else {
                unknown_codes += 1;
                continue;
            };
            let (source, _, _, _, _) = &self.selections[c.selection];
            let (start, end) = placed[c.selection].expect("checked above");
            let index = file.codings.len();
            coding_index_of_selection.entry(c.selection).or_insert(index);
            if let Some(g) = &c.guid {
                coding_index_of_guid.insert(g.clone(), index);
            }
            file.codings.push(CodingEntry {
                document: doc_title[*source].clone(),
                code: renamed("code", code),
                start,
                end,
                coder: user(&c.user),
                created: c.created.clone(),
                quote: None,
                prompted: false,
                placements: Vec::new(),
                uid: c.guid.clone(),
            });
        }
        if unknown_codes > 0 {
            return refuse(format!(
                "has {unknown_codes} codings that refer to codes its codebook does not define; it is damaged"
            ));
        }
        if !coding_index_of_selection.is_empty() && file.codings.iter().any(|c| c.start >= c.end) {
            w.note("some selections became empty when their positions were counted and were left out".into());
            file.codings.retain(|c| c.start < c.end);
        }

        // Relations: links between two categories.
        let mut kinds: Vec<String> = file.relation_kinds.clone().unwrap_or_else(|| existing.relation_kinds().to_vec());
        // Each link that became a relation: its index in the file's relations, by link index
        // (its notes are the relation's memos) and by GUID (the evidence names it).
        let mut relation_of_link: HashMap<usize, usize> = HashMap::new();
        let mut relation_of_guid: HashMap<String, usize> = HashMap::new();
        for (link, (uid, kind, from, to)) in self.links.iter().enumerate() {
            match (item_of.get(from), item_of.get(to)) {
                (Some(("category", a)), Some(("category", b))) => {
                    if !kinds.contains(kind) {
                        kinds.push(kind.clone());
                    }
                    relation_of_link.insert(link, file.relations.len());
                    if let Some(uid) = uid {
                        relation_of_guid.insert(uid.clone(), file.relations.len());
                    }
                    file.relations.push(RelationEntry {
                        from: renamed("category", a),
                        to: renamed("category", b),
                        kind: kind.clone(),
                        evidence: Vec::new(),
                        uid: uid.clone(),
                    });
                }
                _ => w.count(OTHER_LINK),
            }
        }
        file.relation_kinds = Some(kinds);
        let source_title: HashMap<&str, &str> =
            self.sources.iter().zip(&doc_title).map(|(s, t)| (s.guid.as_str(), t.as_str())).collect();
        if let Some(depth) = self.marker.as_ref().and_then(|m| m.depth.as_ref()) {
            let names = Names { coding: &coding_index_of_guid, relation: &relation_of_guid, source: &source_title };
            depth_from_marker(&mut file, depth, &names, &|name: &str| renamed("category", name), w);
        }

        // Memos: each note on the first thing that refers to it; a note nothing refers to is
        // on the project.
        let mut target_of: HashMap<String, (String, Option<MemoRef>)> = HashMap::new();
        let mut refer = |note: &str, on: &str, target: Option<MemoRef>, w: &mut Warnings| {
            if target_of.contains_key(note) {
                w.note("some notes were referred to from more than one place; each was kept on the first".into());
            } else {
                target_of.insert(note.to_owned(), (on.to_owned(), target));
            }
        };
        for note in &self.project_notes {
            refer(note, "project", None, w);
        }
        for (link, notes) in self.link_notes.iter().enumerate() {
            for note in notes {
                match relation_of_link.get(&link) {
                    Some(&i) => refer(note, "relation", Some(MemoRef::Index(i)), w),
                    None => refer(note, "project", None, w),
                }
            }
        }
        for (note, kind, name) in &code_notes {
            refer(note, kind, Some(MemoRef::Name(renamed(kind, name))), w);
        }
        for (i, s) in self.sources.iter().enumerate() {
            for note in &s.notes {
                refer(note, "document", Some(MemoRef::Name(doc_title[i].clone())), w);
            }
        }
        for (selection, notes) in self.selection_notes.iter().enumerate() {
            for note in notes {
                match coding_index_of_selection.get(&selection) {
                    Some(&i) => refer(note, "coding", Some(MemoRef::Index(i)), w),
                    None => refer(note, "project", None, w),
                }
            }
        }
        for c in &self.codings {
            for note in &c.notes {
                match c.guid.as_ref().and_then(|g| coding_index_of_guid.get(g)) {
                    Some(&i) => refer(note, "coding", Some(MemoRef::Index(i)), w),
                    None => refer(note, "project", None, w),
                }
            }
        }
        for n in self.notes {
            let (on, target) = target_of.remove(&n.guid).unwrap_or_else(|| ("project".into(), None));
            file.memos.push(MemoEntry {
                on,
                target,
                title: n.title,
                text: n.text,
                author: user(&n.user),
                created: n.created,
                modified: n.modified,
                uid: Some(n.guid),
            });
        }

        // The people who coded or wrote, with their ids.
        let named: BTreeSet<&str> = file
            .codings
            .iter()
            .filter_map(|c| c.coder.as_deref())
            .chain(file.memos.iter().filter_map(|m| m.author.as_deref()))
            .collect();
        let mut people: Vec<PersonEntry> = self
            .users
            .iter()
            .filter(|(_, name)| named.contains(name.as_str()))
            .map(|(uid, name)| PersonEntry { name: name.clone(), uid: uid.clone() })
            .collect();
        people.sort_by(|a, b| a.name.cmp(&b.name));
        people.dedup_by(|a, b| a.name == b.name);
        file.people = people;
        if file.name.trim().is_empty() {
            file.name = existing.name().to_owned();
        }
        Ok(QdpxImport { file, positions, warnings: Vec::new(), added: merged.added })
    }
}

/// What the GUIDs of Axial's depth marker name in the file being built: codings and relations
/// by index, sources by title.
struct Names<'a> {
    coding: &'a HashMap<String, usize>,
    relation: &'a HashMap<String, usize>,
    source: &'a HashMap<&'a str, &'a str>,
}

/// Puts the depth Axial's marker carries back on the codings and relations it names. What it
/// names that the file does not hold (a coding, a relation, a source, or a property of a
/// category that merged into one already here) is left out and said, once.
fn depth_from_marker(
    file: &mut ProjectFile,
    depth: &super::DepthMarker,
    names: &Names,
    renamed: &dyn Fn(&str) -> String,
    w: &mut Warnings,
) {
    let Names { coding, relation, source: source_title } = names;
    let defined: HashSet<(String, String)> =
        file.categories.iter().flat_map(|c| c.properties.iter().map(|p| (c.name.clone(), p.name.clone()))).collect();
    let mut missing = false;
    for guid in &depth.prompted {
        match coding.get(&normalise_guid(guid)) {
            Some(&i) => file.codings[i].prompted = true,
            None => missing = true,
        }
    }
    for (guid, category, property, point) in &depth.placements {
        let category = renamed(category);
        match coding.get(&normalise_guid(guid)).filter(|_| defined.contains(&(category.clone(), property.clone()))) {
            Some(&i) => file.codings[i].placements.push(crate::io::project_json::PlacementEntry {
                category,
                property: property.clone(),
                point: point.clone(),
            }),
            None => missing = true,
        }
    }
    for (guid, source, start, end) in &depth.evidence {
        match (relation.get(&normalise_guid(guid)), source_title.get(normalise_guid(source).as_str())) {
            (Some(&i), Some(title)) => file.relations[i].evidence.push(crate::io::project_json::EvidenceEntry {
                document: (*title).to_owned(),
                start: *start,
                end: *end,
                quote: None,
            }),
            _ => missing = true,
        }
    }
    if missing {
        w.note("some placements, prompted marks or evidence name a coding, relation or source the file does not hold and were left out".into());
    }
}
