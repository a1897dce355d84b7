//! How an action is written into the audit trail. The trail records who did what and when,
//! not a third copy of every transcript: a document's text is already in the document table
//! (and in the history while it can be redone), so the audit row names its length instead.
//! Without this every import stored its texts three times and every undo or redo once more.

use crate::model::Action;
use serde_json::Value;

/// A document text longer than this is summarised in the audit trail.
pub const AUDIT_TEXT_MAX: usize = 1024;

/// An action as the audit trail writes it: its own JSON, with every long document text
/// summarised. A batch is written element by element (through [`super::json_cell`], a large
/// import's row is never one string in memory).
pub(super) struct AuditForm<'a>(pub &'a Action);

impl serde::Serialize for AuditForm<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        match self.0 {
            Action::Batch { label, actions } => {
                super::history_text::serialize_batch(serializer, label, actions, AuditForm)
            }
            Action::AddDocument { text, .. } if text.len() > AUDIT_TEXT_MAX => {
                let mut value = serde_json::to_value(self.0).map_err(S::Error::custom)?;
                summarise(&mut value);
                value.serialize(serializer)
            }
            other => other.serialize(serializer),
        }
    }
}

/// The audit form as one string (for the tests, and small actions).
#[cfg(test)]
pub(super) fn audit_json(action: &Action) -> serde_json::Result<String> {
    serde_json::to_string(&AuditForm(action))
}

fn summarise(value: &mut Value) {
    let Value::Object(map) = value else { return };
    if map.get("action").and_then(Value::as_str) == Some("add_document")
        && let Some(Value::String(text)) = map.get_mut("text")
        && text.len() > AUDIT_TEXT_MAX
    {
        *text = format!("[{} characters; the text is in the document]", text.chars().count());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocumentId;

    fn add(text: &str) -> Action {
        Action::AddDocument {
            id: DocumentId(1),
            title: "A".into(),
            text: text.into(),
            case: None,
            imported: "t".into(),
        }
    }

    #[test]
    fn long_texts_are_summarised_even_inside_a_batch_and_short_ones_kept() {
        let long = "é".repeat(2000);
        let batch = Action::Batch { label: "Import".into(), actions: vec![add(&long), add("short")] };
        let json = audit_json(&batch).unwrap();
        assert!(json.contains("[2000 characters; the text is in the document]"), "{json}");
        assert!(json.contains("\"short\""));
        assert!(json.len() < 600, "{}", json.len());
    }
}
