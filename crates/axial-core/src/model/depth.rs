//! The depth of axial and selective coding (Strauss & Corbin): a category's properties and
//! their dimensions, coded passages placed on a dimension, the passages that ground a relation
//! (its evidence), the level of the conditional/consequential matrix a category sits at, and
//! which codings the interviewer prompted (the cube's counting rule may leave them out).
//!
//! Kept beside the project's rows in one [`Depth`] with its own indexes, patched from the same
//! [`Change`](super::Change)s, so nothing here is found by a scan.

use super::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A property of a category ("frequency", "formality") with its dimension.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Property {
    pub id: PropertyId,
    pub category: CategoryId,
    /// Unique within its category.
    pub name: String,
    pub dimension: PropertyDimension,
}

/// Where a property varies: a range whose named points run from one end to the other ("low",
/// "medium", "high"), or a set of values with no order ("by phone", "in the branch").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PropertyDimension {
    /// A range (the points are ordered, first end to last) rather than a set.
    pub ordered: bool,
    /// At least two, each unique and non-empty.
    pub points: Vec<String>,
}

impl PropertyDimension {
    /// A range with its points from one end to the other.
    pub fn range<S: Into<String>>(points: impl IntoIterator<Item = S>) -> PropertyDimension {
        PropertyDimension { ordered: true, points: points.into_iter().map(Into::into).collect() }
    }

    /// A set of values with no order.
    pub fn set<S: Into<String>>(values: impl IntoIterator<Item = S>) -> PropertyDimension {
        PropertyDimension { ordered: false, points: values.into_iter().map(Into::into).collect() }
    }

    /// How the dimension reads in a sentence: "low … high" or "{a, b, c}".
    pub fn describe(&self) -> String {
        if self.ordered { self.points.join(" \u{2013} ") } else { format!("{{{}}}", self.points.join(", ")) }
    }

    /// Why these points cannot make a dimension, in one sentence, or `None` when they can.
    pub fn problem(&self) -> Option<String> {
        if self.points.len() < 2 {
            return Some("a dimension needs at least two points (such as low and high)".into());
        }
        let mut seen = BTreeSet::new();
        for p in &self.points {
            if p.trim().is_empty() {
                return Some("a dimension's points need names".into());
            }
            if p.trim() != p {
                return Some(format!("the point \u{201c}{p}\u{201d} starts or ends with a space"));
            }
            if !seen.insert(p.as_str()) {
                return Some(format!("the point \u{201c}{p}\u{201d} is named twice"));
            }
        }
        None
    }
}

/// A passage picked from a transcript as evidence for a relation between two categories.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub id: EvidenceId,
    pub relation: RelationId,
    pub document: DocumentId,
    /// `[start, end)` in chars of the document text, as codings.
    pub start: usize,
    pub end: usize,
}

/// The levels of the conditional/consequential matrix, from the innermost ring (the individual)
/// to the outermost (society), after Strauss & Corbin's matrix for an organisational study.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionLevel {
    Individual,
    Group,
    Organisation,
    Industry,
    Society,
}

impl ConditionLevel {
    /// Innermost first.
    pub const ALL: [ConditionLevel; 5] = [
        ConditionLevel::Individual,
        ConditionLevel::Group,
        ConditionLevel::Organisation,
        ConditionLevel::Industry,
        ConditionLevel::Society,
    ];

    /// The key files and the command line use.
    pub fn key(self) -> &'static str {
        match self {
            ConditionLevel::Individual => "individual",
            ConditionLevel::Group => "group",
            ConditionLevel::Organisation => "organisation",
            ConditionLevel::Industry => "industry",
            ConditionLevel::Society => "society",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ConditionLevel::Individual => "Individual",
            ConditionLevel::Group => "Group",
            ConditionLevel::Organisation => "Organisation",
            ConditionLevel::Industry => "Industry",
            ConditionLevel::Society => "Society",
        }
    }

    /// From a key (also "organization", the American spelling).
    pub fn from_key(key: &str) -> Option<ConditionLevel> {
        let key = key.trim().to_lowercase();
        if key == "organization" {
            return Some(ConditionLevel::Organisation);
        }
        ConditionLevel::ALL.into_iter().find(|l| l.key() == key)
    }
}

/// Properties, placements, evidence, matrix levels and prompted codings, with their indexes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Depth {
    properties: BTreeMap<PropertyId, Property>,
    properties_by_category: FxHashMap<CategoryId, BTreeSet<PropertyId>>,
    /// Per coding, the point it is placed on for each property.
    placements: FxHashMap<CodingId, BTreeMap<PropertyId, String>>,
    /// Per property, the codings placed on it.
    placed_by_property: FxHashMap<PropertyId, BTreeSet<CodingId>>,
    evidence: BTreeMap<EvidenceId, Evidence>,
    evidence_by_relation: FxHashMap<RelationId, BTreeSet<EvidenceId>>,
    levels: BTreeMap<CategoryId, ConditionLevel>,
    prompted: FxHashSet<CodingId>,
}

impl Depth {
    pub(super) fn upsert_property(&mut self, property: Property) {
        if let Some(old) = self.properties.get(&property.id)
            && old.category != property.category
            && let Some(set) = self.properties_by_category.get_mut(&old.category)
        {
            set.remove(&property.id);
        }
        self.properties_by_category.entry(property.category).or_default().insert(property.id);
        self.properties.insert(property.id, property);
    }

    pub(super) fn remove_property(&mut self, id: PropertyId) {
        if let Some(p) = self.properties.remove(&id)
            && let Some(set) = self.properties_by_category.get_mut(&p.category)
        {
            set.remove(&id);
            if set.is_empty() {
                self.properties_by_category.remove(&p.category);
            }
        }
        for coding in self.placed_by_property.remove(&id).unwrap_or_default() {
            self.unplace(coding, id);
        }
    }

    pub(super) fn place(&mut self, coding: CodingId, property: PropertyId, point: Option<String>) {
        match point {
            Some(point) => {
                self.placements.entry(coding).or_default().insert(property, point);
                self.placed_by_property.entry(property).or_default().insert(coding);
            }
            None => {
                self.unplace(coding, property);
                if let Some(set) = self.placed_by_property.get_mut(&property) {
                    set.remove(&coding);
                    if set.is_empty() {
                        self.placed_by_property.remove(&property);
                    }
                }
            }
        }
    }

    fn unplace(&mut self, coding: CodingId, property: PropertyId) {
        if let Some(map) = self.placements.get_mut(&coding) {
            map.remove(&property);
            if map.is_empty() {
                self.placements.remove(&coding);
            }
        }
    }

    /// A deleted coding takes its placements and its prompted mark with it.
    pub(super) fn forget_coding(&mut self, coding: CodingId) {
        for property in self.placements.remove(&coding).unwrap_or_default().into_keys() {
            if let Some(set) = self.placed_by_property.get_mut(&property) {
                set.remove(&coding);
            }
        }
        self.prompted.remove(&coding);
    }

    /// A deleted category takes its properties and its level with it.
    pub(super) fn forget_category(&mut self, category: CategoryId) {
        for id in self.properties_by_category.get(&category).cloned().unwrap_or_default() {
            self.remove_property(id);
        }
        self.levels.remove(&category);
    }

    pub(super) fn upsert_evidence(&mut self, evidence: Evidence) {
        self.evidence_by_relation.entry(evidence.relation).or_default().insert(evidence.id);
        self.evidence.insert(evidence.id, evidence);
    }

    pub(super) fn remove_evidence(&mut self, id: EvidenceId) {
        if let Some(e) = self.evidence.remove(&id)
            && let Some(set) = self.evidence_by_relation.get_mut(&e.relation)
        {
            set.remove(&id);
            if set.is_empty() {
                self.evidence_by_relation.remove(&e.relation);
            }
        }
    }

    /// A deleted relation takes its evidence with it.
    pub(super) fn forget_relation(&mut self, relation: RelationId) {
        for id in self.evidence_by_relation.remove(&relation).unwrap_or_default() {
            self.evidence.remove(&id);
        }
    }

    /// A deleted document takes the evidence picked from it with it.
    pub(super) fn forget_document(&mut self, document: DocumentId) {
        let gone: Vec<EvidenceId> = self.evidence.values().filter(|e| e.document == document).map(|e| e.id).collect();
        for id in gone {
            self.remove_evidence(id);
        }
    }

    pub(super) fn set_level(&mut self, category: CategoryId, level: Option<ConditionLevel>) {
        match level {
            Some(level) => drop(self.levels.insert(category, level)),
            None => drop(self.levels.remove(&category)),
        }
    }

    pub(super) fn set_prompted(&mut self, coding: CodingId, prompted: bool) {
        if prompted {
            self.prompted.insert(coding);
        } else {
            self.prompted.remove(&coding);
        }
    }

    // ---- reading -------------------------------------------------------------------------

    /// Every property, in id (creation) order.
    pub fn properties(&self) -> impl Iterator<Item = &Property> {
        self.properties.values()
    }
    pub fn property(&self, id: PropertyId) -> Option<&Property> {
        self.properties.get(&id)
    }
    /// A category's properties, in creation order.
    pub fn properties_of(&self, category: CategoryId) -> impl Iterator<Item = &Property> {
        self.properties_by_category.get(&category).into_iter().flatten().filter_map(|id| self.properties.get(id))
    }
    /// A category's property by name.
    pub fn property_named(&self, category: CategoryId, name: &str) -> Option<&Property> {
        self.properties_of(category).find(|p| p.name == name)
    }
    /// The point a coding is placed on for a property.
    pub fn placement(&self, coding: CodingId, property: PropertyId) -> Option<&str> {
        self.placements.get(&coding).and_then(|m| m.get(&property)).map(String::as_str)
    }
    /// The points a coding is placed on, by property id.
    pub fn placements_of(&self, coding: CodingId) -> impl Iterator<Item = (PropertyId, &str)> {
        self.placements.get(&coding).into_iter().flatten().map(|(p, point)| (*p, point.as_str()))
    }
    /// The codings placed on a property, in id order.
    pub fn placed_on(&self, property: PropertyId) -> impl Iterator<Item = CodingId> + '_ {
        self.placed_by_property.get(&property).into_iter().flatten().copied()
    }
    /// How many passages sit on each point of a property's dimension, in the dimension's order.
    pub fn spread(&self, property: &Property) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for coding in self.placed_on(property.id) {
            if let Some(point) = self.placement(coding, property.id) {
                *counts.entry(point).or_default() += 1;
            }
        }
        property.dimension.points.iter().map(|p| (p.clone(), counts.get(p.as_str()).copied().unwrap_or(0))).collect()
    }
    /// Every evidence passage, in id order.
    pub fn evidence(&self) -> impl Iterator<Item = &Evidence> {
        self.evidence.values()
    }
    pub fn evidence_item(&self, id: EvidenceId) -> Option<&Evidence> {
        self.evidence.get(&id)
    }
    /// A relation's evidence, in the order it was picked.
    pub fn evidence_of(&self, relation: RelationId) -> impl Iterator<Item = &Evidence> {
        self.evidence_by_relation.get(&relation).into_iter().flatten().filter_map(|id| self.evidence.get(id))
    }
    /// The level of the conditional/consequential matrix a category sits at.
    pub fn level(&self, category: CategoryId) -> Option<ConditionLevel> {
        self.levels.get(&category).copied()
    }
    /// Every category with a level, by category id.
    pub fn levels(&self) -> impl Iterator<Item = (CategoryId, ConditionLevel)> + '_ {
        self.levels.iter().map(|(c, l)| (*c, *l))
    }
    /// Whether the interviewer prompted what this coding marks (asked about it by name).
    pub fn is_prompted(&self, coding: CodingId) -> bool {
        self.prompted.contains(&coding)
    }
    /// How many codings are marked prompted.
    pub fn prompted_count(&self) -> usize {
        self.prompted.len()
    }
}
