//! Where a code sits: its concept, that concept's category, that category's paradigm class.

use crate::model::*;

/// The chain above a code, each link optional.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Placement {
    pub concept: Option<ConceptId>,
    pub category: Option<CategoryId>,
    pub class: Option<ParadigmClass>,
}

pub fn code_placement(project: &Project, code: CodeId) -> Placement {
    let concept = project.code(code).and_then(|c| c.concept);
    let category = concept.and_then(|c| project.concept(c)).and_then(|c| c.category);
    let class = category.and_then(|c| project.category(c)).and_then(|c| c.class);
    Placement { concept, category, class }
}

/// Codes of a concept, concepts of a category, categories of a class: in creation order.
pub fn codes_of(project: &Project, concept: Option<ConceptId>) -> impl Iterator<Item = &Code> {
    project.codes.iter().filter(move |c| c.concept == concept)
}

pub fn concepts_of(project: &Project, category: Option<CategoryId>) -> impl Iterator<Item = &Concept> {
    project.concepts.iter().filter(move |c| c.category == category)
}

pub fn categories_of(project: &Project, class: Option<ParadigmClass>) -> impl Iterator<Item = &Category> {
    project.categories.iter().filter(move |c| c.class == class)
}

/// The value a coding of `code` takes on `dimension`: the code's own facet, else its
/// concept's, else its category's (nearest wins).
pub fn resolved_facet<'a>(project: &'a Project, code: CodeId, dimension: &str) -> Option<&'a str> {
    let placement = code_placement(project, code);
    project
        .facet(FacetOwner::Code(code), dimension)
        .or_else(|| placement.concept.and_then(|c| project.facet(FacetOwner::Concept(c), dimension)))
        .or_else(|| placement.category.and_then(|c| project.facet(FacetOwner::Category(c), dimension)))
}
