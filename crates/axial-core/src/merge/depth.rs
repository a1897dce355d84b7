//! Merging the depth of the method from a coder's copy: matrix levels, properties (by category
//! and name), placements, evidence (by relation and passage) and prompted marks. What differs
//! is reported and kept as here; what is new is added.

use super::{Merger, q};
use crate::model::*;
use std::collections::{HashMap, HashSet};

impl Merger<'_> {
    pub(super) fn depth(&mut self) {
        let properties = self.properties();
        self.placements(&properties);
        self.evidence();
        self.prompted();
    }

    /// Levels and properties; returns the copy's property ids mapped to ours.
    fn properties(&mut self) -> HashMap<PropertyId, PropertyId> {
        let (ours, theirs) = (self.ours.depth(), self.theirs.depth());
        for (category, level) in theirs.levels() {
            let Some(&here) = self.categories.get(&category) else { continue };
            match ours.level(here) {
                None => self.actions.push(Action::SetCategoryLevel { id: here, level: Some(level) }),
                Some(l) if l != level => self.report.differences.push(format!(
                    "category {} is at the {} level there and at the {} level here: kept as here",
                    q(&self.category_name(here)),
                    level.key(),
                    l.key()
                )),
                Some(_) => {}
            }
        }
        let mut map = HashMap::new();
        for p in theirs.properties() {
            let Some(&category) = self.categories.get(&p.category) else { continue };
            let id = match ours.property_named(category, &p.name) {
                Some(o) => {
                    if o.dimension != p.dimension {
                        self.report.differences.push(format!(
                            "property {} of {} runs {} there and {} here: kept as here",
                            q(&p.name),
                            q(&self.category_name(category)),
                            p.dimension.describe(),
                            o.dimension.describe()
                        ));
                    }
                    o.id
                }
                None => {
                    let id = self.ids.property();
                    self.actions.push(Action::CreateProperty {
                        id,
                        category,
                        name: p.name.clone(),
                        dimension: p.dimension.clone(),
                    });
                    self.report.new_items.push(format!(
                        "property {} of {}",
                        q(&p.name),
                        q(&self.category_name(category))
                    ));
                    id
                }
            };
            map.insert(p.id, id);
        }
        map
    }

    fn placements(&mut self, properties: &HashMap<PropertyId, PropertyId>) {
        let theirs = self.theirs.depth();
        for c in self.theirs.codings() {
            let Some(&coding) = self.codings.get(&c.id) else { continue };
            for (property, point) in theirs.placements_of(c.id) {
                let Some(&here) = properties.get(&property) else { continue };
                let known = self
                    .ours
                    .depth()
                    .property(here)
                    .map(|p| p.dimension.points.iter().any(|x| x == point))
                    // A property the merge adds has the copy's points.
                    .unwrap_or(true);
                match self.ours.depth().placement(coding, here) {
                    None if known => {
                        self.actions.push(Action::PlaceCoding { coding, property: here, point: Some(point.to_owned()) })
                    }
                    None => self
                        .report
                        .differences
                        .push(format!("a passage placed at {} there: no such point here, left unplaced", q(point))),
                    Some(p) if p != point => self.report.differences.push(format!(
                        "a passage placed at {} there and at {} here: kept as here",
                        q(point),
                        q(p)
                    )),
                    Some(_) => {}
                }
            }
        }
    }

    fn evidence(&mut self) {
        let here: HashSet<(RelationId, DocumentId, usize, usize)> =
            self.ours.depth().evidence().map(|e| (e.relation, e.document, e.start, e.end)).collect();
        for e in self.theirs.depth().evidence() {
            let (Some(&relation), Some(&document)) = (self.relations.get(&e.relation), self.documents.get(&e.document))
            else {
                continue;
            };
            if !here.contains(&(relation, document, e.start, e.end)) {
                let id = self.ids.evidence();
                self.actions.push(Action::AddEvidence { id, relation, document, start: e.start, end: e.end });
                self.report.new_items.push(format!(
                    "an evidence passage of {}",
                    crate::analysis::memos::relation_label(self.theirs, e.relation)
                ));
            }
        }
    }

    fn prompted(&mut self) {
        for c in self.theirs.codings() {
            if let Some(&coding) = self.codings.get(&c.id)
                && self.theirs.depth().is_prompted(c.id)
                && !self.ours.depth().is_prompted(coding)
            {
                self.actions.push(Action::SetCodingPrompted { id: coding, prompted: true });
            }
        }
    }

    fn category_name(&self, id: CategoryId) -> String {
        self.ours
            .category(id)
            .map(|c| c.name.clone())
            .or_else(|| {
                // A category the merge adds is named as in the copy.
                self.categories
                    .iter()
                    .find(|(_, ours)| **ours == id)
                    .and_then(|(t, _)| self.theirs.category(*t))
                    .map(|c| c.name.clone())
            })
            .unwrap_or_default()
    }
}
