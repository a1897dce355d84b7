//! The memo report: every memo (or those a search finds), with what it is on, who wrote it and
//! when, newest first.

use super::{Format, Table};
use crate::analysis::memos::{heading, target_label};
use crate::model::{Memo, Project};
use serde_json::json;

pub fn render(p: &Project, memos: &[&Memo], format: Format) -> String {
    match format {
        Format::Json => {
            let rows: Vec<_> = memos
                .iter()
                .map(|m| {
                    json!({"id": m.id.0, "title": m.title, "on": target_label(p, &m.target), "author": m.author,
                           "created": m.created, "modified": m.modified, "text": m.text})
                })
                .collect();
            serde_json::to_string_pretty(&json!({"memos": rows})).unwrap_or_default() + "\n"
        }
        Format::Csv => {
            let mut t = Table::new(["title", "on", "author", "created", "modified", "text"]);
            for m in memos {
                t.row([
                    m.title.clone(),
                    target_label(p, &m.target),
                    m.author.clone(),
                    m.created.clone(),
                    m.modified.clone(),
                    m.text.clone(),
                ]);
            }
            t.to_csv()
        }
        Format::Table => {
            let n = memos.len();
            let mut out = format!("{n} memo{}\n", if n == 1 { "" } else { "s" });
            for m in memos {
                out.push_str(&format!(
                    "\n{} · on {} · {} · {}\n",
                    heading(m),
                    target_label(p, &m.target),
                    m.author,
                    m.modified
                ));
                for line in m.text.lines().filter(|l| !l.trim().is_empty()) {
                    out.push_str(&format!("  {}\n", line.trim()));
                }
            }
            out
        }
    }
}
