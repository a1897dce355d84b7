//! The six classes of Strauss & Corbin's paradigm model, with fixed keys.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParadigmClass {
    CausalConditions,
    Phenomenon,
    ContextualConditions,
    InterveningConditions,
    Strategies,
    Consequences,
}

impl ParadigmClass {
    /// All classes in the order of the paradigm model (and of the JSON export).
    pub const ALL: [ParadigmClass; 6] = [
        Self::CausalConditions,
        Self::Phenomenon,
        Self::ContextualConditions,
        Self::InterveningConditions,
        Self::Strategies,
        Self::Consequences,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::CausalConditions => "causal_conditions",
            Self::Phenomenon => "phenomenon",
            Self::ContextualConditions => "contextual_conditions",
            Self::InterveningConditions => "intervening_conditions",
            Self::Strategies => "strategies",
            Self::Consequences => "consequences",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::CausalConditions => "Causal conditions",
            Self::Phenomenon => "Phenomenon",
            Self::ContextualConditions => "Contextual conditions",
            Self::InterveningConditions => "Intervening conditions",
            Self::Strategies => "Strategies",
            Self::Consequences => "Consequences",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_match_serde() {
        for class in ParadigmClass::ALL {
            assert_eq!(ParadigmClass::from_key(class.key()), Some(class));
            let json = serde_json::to_string(&class).unwrap();
            assert_eq!(json, format!("\"{}\"", class.key()));
        }
        assert_eq!(ParadigmClass::from_key("core"), None);
    }
}
