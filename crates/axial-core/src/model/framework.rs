//! The cube framework as data: dimensions and their values. SECI x CRM x knowledge is the
//! built-in default (Khodakarami & Chan 2014); a study may define its own.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionValue {
    pub key: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimension {
    pub key: String,
    pub label: String,
    pub values: Vec<DimensionValue>,
}

impl Dimension {
    pub fn has_value(&self, key: &str) -> bool {
        self.values.iter().any(|v| v.key == key)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Framework {
    pub dimensions: Vec<Dimension>,
}

/// Most cube dimensions a framework may have. Every report lists every cell of the cube (the
/// product of the dimensions' values), so the framework is bounded where it enters a project.
pub const MAX_CUBE_DIMENSIONS: usize = 6;
/// Most values one dimension may have.
pub const MAX_CUBE_VALUES: usize = 50;
/// Most cells the whole cube may have (SECI x CRM x knowledge has 36): enough for rich
/// studies, small enough that every cell fits a table, a CSV and a dashboard.
pub const MAX_CUBE_CELLS: usize = 10_000;

/// Why a framework is too big for Axial's reports. Each reads as the end of "it defines ...".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameworkTooBig {
    #[error("{0} cube dimensions, more than the {MAX_CUBE_DIMENSIONS} Axial supports")]
    Dimensions(usize),
    #[error(
        "the cube dimension \u{201c}{key}\u{201d} with {values} values, more than the {MAX_CUBE_VALUES} Axial supports"
    )]
    Values { key: String, values: usize },
    #[error("{} cube cells, more than the {MAX_CUBE_CELLS} Axial supports", .0.map(|n| n.to_string()).unwrap_or_else(|| "more than 2^64".into()))]
    Cells(Option<usize>),
}

/// Checks `dimensions` against [`MAX_CUBE_DIMENSIONS`], [`MAX_CUBE_VALUES`] and
/// [`MAX_CUBE_CELLS`].
pub fn check_framework_size(dimensions: &[Dimension]) -> Result<(), FrameworkTooBig> {
    if dimensions.len() > MAX_CUBE_DIMENSIONS {
        return Err(FrameworkTooBig::Dimensions(dimensions.len()));
    }
    if let Some(d) = dimensions.iter().find(|d| d.values.len() > MAX_CUBE_VALUES) {
        return Err(FrameworkTooBig::Values { key: d.key.clone(), values: d.values.len() });
    }
    let cells = dimensions.iter().try_fold(1usize, |n, d| n.checked_mul(d.values.len()));
    match cells {
        Some(n) if n <= MAX_CUBE_CELLS => Ok(()),
        other => Err(FrameworkTooBig::Cells(other)),
    }
}

impl Framework {
    pub fn dimension(&self, key: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.key == key)
    }

    /// SECI process x CRM system type x customer knowledge.
    pub fn seci_crm_knowledge() -> Self {
        fn dim(key: &str, label: &str, values: &[(&str, &str)]) -> Dimension {
            Dimension {
                key: key.into(),
                label: label.into(),
                values: values.iter().map(|(k, l)| DimensionValue { key: (*k).into(), label: (*l).into() }).collect(),
            }
        }
        Framework {
            dimensions: vec![
                dim(
                    "seci",
                    "SECI process",
                    &[
                        ("socialization", "Socialization"),
                        ("externalization", "Externalization"),
                        ("combination", "Combination"),
                        ("internalization", "Internalization"),
                    ],
                ),
                dim(
                    "crm",
                    "CRM system",
                    &[("operational", "Operational"), ("analytical", "Analytical"), ("collaborative", "Collaborative")],
                ),
                dim(
                    "knowledge",
                    "Customer knowledge",
                    &[("for", "Knowledge for"), ("about", "Knowledge about"), ("from", "Knowledge from")],
                ),
            ],
        }
    }
}
