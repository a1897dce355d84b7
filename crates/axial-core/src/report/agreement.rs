//! The agreement report: what was compared, the overall figures over all text and over coded
//! text (each named), segment agreement, a row per code, and the disagreements, as a table,
//! CSV (a row per code) or JSON (everything).

use super::{Format, Table};
use crate::analysis::agreement::{Agreement, CharFigures};
use crate::model::Project;
use serde_json::{Value, json};

/// A coefficient to three decimals; "n/a" where it is undefined.
fn f3(x: Option<f64>) -> String {
    x.map(|x| format!("{x:.3}")).unwrap_or_else(|| "n/a".into())
}

fn figures_json(c: &CharFigures, two: bool) -> Value {
    let kappa = |t: &crate::analysis::reliability::Table2| if two { t.cohen_kappa() } else { None };
    json!({
        "all_text": {
            "units": c.units_all,
            "percent_agreement": c.percent_all(),
            "cohen_kappa": kappa(&c.all),
            "krippendorff_alpha": c.alpha_all(),
        },
        "coded_text": {
            "units": c.units_coded,
            "percent_agreement": c.percent_coded(),
            "cohen_kappa": kappa(&c.coded),
            "krippendorff_alpha": c.alpha_coded(),
        },
    })
}

pub fn render(p: &Project, a: &Agreement, format: Format) -> String {
    let two = a.coders.len() == 2;
    let code_name = |id| p.code(id).map(|c| c.name.clone()).unwrap_or_default();
    let doc_title = |id| p.document(id).map(|d| d.title.clone()).unwrap_or_default();
    match format {
        Format::Json => {
            let codes: Vec<Value> = a
                .per_code
                .iter()
                .map(|c| {
                    json!({
                        "code": code_name(c.code),
                        "characters": a.coders.iter().zip(&c.characters).map(|(n, k)| json!({"coder": n, "characters": k})).collect::<Vec<_>>(),
                        "characters_level": figures_json(&c.chars, two),
                        "segments": {"groups": c.segments.groups, "coded_by_all": c.segments.by_all, "percent": c.segments.percent()},
                    })
                })
                .collect();
            let disagreements: Vec<Value> = a
                .disagreements
                .iter()
                .map(|d| {
                    json!({
                        "document": doc_title(d.document),
                        "code": code_name(d.code),
                        "start": d.start,
                        "end": d.end,
                        "coded_by": d.coded_by.iter().map(|i| a.coders[*i].clone()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let scales: Vec<Value> = a
                .scales
                .iter()
                .map(|f| {
                    json!({
                        "concept": p.concept(f.scale.concept).map(|c| c.name.clone()).unwrap_or_default(),
                        "codes": f.scale.codes.iter().map(|(c, v)| json!({"code": code_name(*c), "value": v})).collect::<Vec<_>>(),
                        "groups": f.groups,
                        "rated_by_two_or_more": f.rated_by_two,
                        "krippendorff_alpha_interval": f.alpha_interval(),
                        "krippendorff_alpha_nominal": f.alpha_nominal(),
                    })
                })
                .collect();
            let out = json!({
                "schema": "axial.agreement/1",
                "coders": a.coders,
                "documents": a.documents.iter().map(|d| doc_title(*d)).collect::<Vec<_>>(),
                "units": {
                    "all_text": "every character of the documents every coder coded, once per code; text nobody coded counts as agreement",
                    "coded_text": "only characters some chosen coder coded with any code",
                    "overall": "pooled over the codes",
                    "segments": "coded passages grouped where they overlap",
                    "scales": "concepts whose codes all carry values (a number in the name); their passages grouped where they overlap, each coder's value the one their code carries",
                },
                "overall": figures_json(&a.overall, two),
                "segments": {
                    "groups": a.segments.groups,
                    "coded_by_all": a.segments.by_all,
                    "percent_coded_by_all": a.segments.percent_by_all(),
                    "same_codes": a.segments.same_codes,
                    "percent_same_codes": a.segments.percent_same_codes(),
                    "krippendorff_alpha_codes": a.segments.alpha(),
                },
                "scales": scales,
                "codes": codes,
                "disagreements": disagreements,
            });
            serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
        }
        Format::Csv => per_code_table(p, a).to_csv(),
        Format::Table => {
            use std::fmt::Write;
            let mut s = String::new();
            let _ = writeln!(
                s,
                "Agreement of {} on the {} document{} all of them coded (of {})",
                a.coders.join(" and "),
                a.documents.len(),
                if a.documents.len() == 1 { "" } else { "s" },
                p.documents().len()
            );
            let _ = writeln!(s, "Characters are the units, once per code, pooled over the codes.");
            let mut overall = Table::new(["", "all text", "coded text only"]);
            overall.row(["percent agreement".to_owned(), f3(a.overall.percent_all()), f3(a.overall.percent_coded())]);
            if two {
                overall.row([
                    "Cohen's kappa".to_owned(),
                    f3(a.overall.all.cohen_kappa()),
                    f3(a.overall.coded.cohen_kappa()),
                ]);
            }
            overall.row(["Krippendorff's alpha".to_owned(), f3(a.overall.alpha_all()), f3(a.overall.alpha_coded())]);
            s.push_str(&overall.to_text());
            let _ = writeln!(
                s,
                "All text counts what nobody coded as agreement; coded text leaves it out (only characters some coder coded with any code)."
            );
            let _ = writeln!(s, "\n{}", a.segments.sentence());
            for f in &a.scales {
                let _ = writeln!(s, "{}", f.sentence(p));
            }
            let _ = writeln!(s, "\nPer code");
            s.push_str(&per_code_table(p, a).to_text());
            let _ = writeln!(s, "\nDisagreements: {}", a.disagreements.len());
            for d in a.disagreements.iter().take(200) {
                let who: Vec<&str> = d.coded_by.iter().map(|i| a.coders[*i].as_str()).collect();
                let _ = writeln!(
                    s,
                    "  {}  characters {}-{}  \u{201c}{}\u{201d} coded by {} only",
                    doc_title(d.document),
                    d.start,
                    d.end,
                    code_name(d.code),
                    who.join(", ")
                );
            }
            if a.disagreements.len() > 200 {
                let _ = writeln!(s, "  ... and {} more (--format json lists them all)", a.disagreements.len() - 200);
            }
            s
        }
    }
}

fn per_code_table(p: &Project, a: &Agreement) -> Table {
    let two = a.coders.len() == 2;
    let mut header: Vec<String> = vec!["code".into()];
    header.extend(a.coders.iter().map(|c| format!("chars {c}")));
    header.extend(["% all".into(), "kappa all".into(), "alpha all".into(), "% coded".into()]);
    header.extend(["kappa coded".into(), "alpha coded".into(), "segments".into(), "by all".into()]);
    let mut t = Table::new(header);
    let kappa = |x: Option<f64>| if two { f3(x) } else { "n/a".into() };
    for c in &a.per_code {
        let mut row: Vec<String> = vec![p.code(c.code).map(|k| k.name.clone()).unwrap_or_default()];
        row.extend(c.characters.iter().map(|n| n.to_string()));
        row.extend([
            f3(c.chars.percent_all()),
            kappa(c.chars.all.cohen_kappa()),
            f3(c.chars.alpha_all()),
            f3(c.chars.percent_coded()),
            kappa(c.chars.coded.cohen_kappa()),
            f3(c.chars.alpha_coded()),
            c.segments.groups.to_string(),
            c.segments.by_all.to_string(),
        ]);
        t.row(row);
    }
    t
}
