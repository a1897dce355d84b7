//! REFI-QDA exchange: QDPX projects (a zip with `project.qde` and `sources/`) and QDC
//! codebooks, the files NVivo, ATLAS.ti, MAXQDA, QualCoder and others read and write.
//!
//! Both directions go through the lossless `axial.project/1` model ([`ProjectFile`]): an
//! export turns a project's [`ProjectFile`] into XML, an import turns XML into a
//! [`ProjectFile`] that [`to_actions`](super::project_json::to_actions) checks and applies as
//! one batch, so a QDPX import is all or nothing exactly as a project JSON import is.
//!
//! What REFI-QDA has no place for rides in descriptions, as one last line that starts with
//! [`MARKER`] followed by compact JSON ([`Marker`]): the level of a code in Axial's hierarchy
//! (paradigm class, category, concept), a category's class, matrix level and properties, the
//! core category, facets, and on the project the cube framework, the relation kinds, the
//! expected levels and the depth of the coding ([`DepthMarker`]: passages placed on
//! properties, prompted codings, relations' evidence). A memo on a relation is a note the
//! relation's link refers to. Other tools show
//! that line as part of the description and keep it; Axial reads it back, so Axial -> QDPX ->
//! Axial loses nothing. Descriptions were chosen over extension elements because the
//! standard's schema has no `xs:any`: an extension element would make the file invalid.

mod positions;
mod read;
mod tree;
mod write;

pub use positions::{PositionReading, Positions};
pub use read::{CodebookImport, QdpxError, QdpxImport, read_qdc, read_qdpx};
pub use write::{qdc, qdpx};

use super::project_json::{ProjectFile, PropertyEntry};
use crate::model::{ConditionLevel, Expectation, ParadigmClass};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The namespace of `project.qde`.
pub const PROJECT_NAMESPACE: &str = "urn:QDA-XML:project:1.0";
/// The namespace of a `.qdc` codebook.
pub const CODEBOOK_NAMESPACE: &str = "urn:QDA-XML:codebook:1.0";
/// What starts the description line that carries Axial's own data.
pub const MARKER: &str = "[Axial] ";

/// Axial's data on one code of the codebook (or, with `framework` and the rest, on the project).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marker {
    /// "class", "category", "concept" or "code" (absent: a code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<ParadigmClass>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub core: bool,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facets: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<Vec<crate::model::Dimension>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation_kinds: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expectations: Vec<Expectation>,
    /// A category's level of the conditional/consequential matrix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matrix_level: Option<ConditionLevel>,
    /// A category's properties with their dimensions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<PropertyEntry>,
    /// On the project: what the codings and relations carry beyond REFI-QDA.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depth: Option<DepthMarker>,
}

/// The depth of the coding, by the GUIDs the file gives codings, relations and sources.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepthMarker {
    /// (coding, category, property, point).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub placements: Vec<(String, String, String, String)>,
    /// Codings the interviewer prompted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prompted: Vec<String>,
    /// (relation, source, start, end), positions in characters of the source's text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<(String, String, usize, usize)>,
}

impl DepthMarker {
    fn is_empty(&self) -> bool {
        self.placements.is_empty() && self.prompted.is_empty() && self.evidence.is_empty()
    }
}

impl Marker {
    fn is_empty(&self) -> bool {
        *self == Marker::default()
    }
}

/// A description with Axial's marker line appended (none when the marker is empty).
fn describe(text: &str, marker: &Marker) -> String {
    if marker.is_empty() {
        return text.to_owned();
    }
    let json = serde_json::to_string(marker).expect("a marker serialises (plain data)");
    if text.is_empty() { format!("{MARKER}{json}") } else { format!("{text}\n{MARKER}{json}") }
}

/// Splits a description into its text and Axial's marker: the marker is the last line when it
/// starts with [`MARKER`] and holds a JSON object; a line that only looks like one is text.
fn split_description(description: &str) -> (String, Option<Marker>) {
    let (text, last) = match description.rfind('\n') {
        Some(i) => (&description[..i], &description[i + 1..]),
        None => ("", description),
    };
    match last.strip_prefix(MARKER).and_then(|json| serde_json::from_str::<Marker>(json).ok()) {
        Some(marker) => (text.to_owned(), Some(marker)),
        None => (description.to_owned(), None),
    }
}

/// A GUID as Axial stores ids: lower case, no braces.
fn normalise_guid(guid: &str) -> String {
    guid.trim().trim_start_matches('{').trim_end_matches('}').to_ascii_lowercase()
}

/// Whether `s` is an `xsd:dateTime` (what the schema lets a date attribute hold).
fn is_xsd_datetime(s: &str) -> bool {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
            .expect("a valid pattern")
    })
    .is_match(s)
}

/// The project file's data that lives on the project's description (`depth` by the GUIDs the
/// export gives codings, relations and sources).
fn project_marker(file: &ProjectFile, depth: DepthMarker) -> Marker {
    Marker {
        framework: file.framework.clone().filter(|f| !f.is_empty()),
        relation_kinds: file.relation_kinds.clone(),
        expectations: file.expectations.clone(),
        depth: (!depth.is_empty()).then_some(depth),
        ..Marker::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_line_round_trips_with_any_definition() {
        let marker = Marker { level: Some("category".into()), core: true, ..Marker::default() };
        for text in ["", "A definition.", "Two\nlines", "ends with a newline\n", "[Axial] {not json"] {
            let described = describe(text, &marker);
            assert_eq!(split_description(&described), (text.to_owned(), Some(marker.clone())), "{described:?}");
        }
        assert_eq!(split_description("[Axial] {not json"), ("[Axial] {not json".to_owned(), None));
        assert_eq!(describe("plain", &Marker::default()), "plain");
    }

    #[test]
    fn guids_and_dates() {
        assert_eq!(normalise_guid("{0A1B2C3D-0000-4000-8000-00000000000F}"), "0a1b2c3d-0000-4000-8000-00000000000f");
        assert!(is_xsd_datetime("2019-10-06T09:01:00Z"));
        assert!(is_xsd_datetime("2019-10-06T09:01:00.123+02:00"));
        assert!(!is_xsd_datetime("2019-10-06"));
        assert!(!is_xsd_datetime("t"));
    }
}
