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
