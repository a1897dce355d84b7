//! The retrieval report: every passage of a code, concept, category or class, with where it
//! is, who said it and a line of context (constant comparison on paper).

use super::{Format, Table};
use crate::analysis::retrieval::Passage;
use crate::model::Project;
use serde_json::json;

pub fn render(p: &Project, title: &str, passages: &[Passage], format: Format) -> String {
    let code = |pa: &Passage| p.code(pa.code).map(|c| c.name.clone()).unwrap_or_default();
    match format {
        Format::Json => {
            let rows: Vec<_> = passages
                .iter()
                .map(|pa| {
                    json!({"coding": pa.coding.0, "document": pa.title, "case": pa.case, "speaker": pa.speaker, "code": code(pa),
                           "coder": pa.coder, "start": pa.start, "end": pa.end, "text": pa.text,
                           "before": pa.before, "after": pa.after})
                })
                .collect();
            serde_json::to_string_pretty(&json!({"of": title, "passages": rows})).unwrap_or_default() + "\n"
        }
        Format::Csv => {
            let mut t = Table::new([
                "document", "case", "speaker", "code", "coder", "start", "end", "passage", "before", "after",
            ]);
            for pa in passages {
                t.row([
                    pa.title.clone(),
                    pa.case.clone().unwrap_or_default(),
                    pa.speaker.clone().unwrap_or_default(),
                    code(pa),
                    pa.coder.clone(),
                    pa.start.to_string(),
                    pa.end.to_string(),
                    pa.text.clone(),
                    pa.before.clone(),
                    pa.after.clone(),
                ]);
            }
            t.to_csv()
        }
        Format::Table => {
            let n = passages.len();
            let mut out = format!("{n} passage{} of the {title}\n", if n == 1 { "" } else { "s" });
            for pa in passages {
                let who = pa.speaker.as_deref().map(|s| format!(" · {s}")).unwrap_or_default();
                let case = pa.case.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
                out.push_str(&format!("\n{}{case}{who} · {} · {}–{}\n", pa.title, code(pa), pa.start, pa.end));
                let line = format!("{}[{}]{}", pa.before, pa.text, pa.after).replace('\n', " ");
                out.push_str(&format!("  {}\n", line.trim()));
            }
            out
        }
    }
}
