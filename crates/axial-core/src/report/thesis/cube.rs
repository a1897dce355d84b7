//! The knowledge cube as a document: Table 6 (counts with margins), Table 7 (the three two-way
//! tables) and Table 8 (every three-way cell binned Low / Med / Med-High / High), built from the
//! same tables as `axial report cube`, each with its counting unit in a note.

use crate::analysis::cube::Cube;
use crate::analysis::units::Unit;
use crate::model::Project;
use crate::report::cube::{Bins, Layout, table6_table, table7_tables, table8_panels};
use crate::report::document::{Block, Doc};

/// Tables 6–8 of the project's cube (every coded passage, the default layout and bins). A
/// cube without three dimensions is said in a paragraph.
pub fn cube(p: &Project) -> Doc {
    cube_counted(p, crate::analysis::units::Counting::default())
}

/// Tables 6–8 counted in a unit under a rule, each stating both.
pub fn cube_counted(p: &Project, counting: crate::analysis::units::Counting) -> Doc {
    let c = crate::analysis::cube::cube_in(
        p,
        counting.unit,
        counting.rule,
        &mut crate::analysis::units::TurnIndex::default(),
    );
    let mut d = Doc::new(format!("Knowledge cube of {}", p.name()));
    d.blocks = cube_blocks(&c, None, Bins::default(), 1).expect("the default layout names the cube's own dimensions");
    d
}

/// Tables 6–8 of a given cube (counted in any unit, over any documents) in a given layout.
/// Fails when the layout names a dimension the cube lacks.
pub fn cube_with(p: &Project, c: &Cube, layout: &Layout, bins: Bins) -> Result<Doc, String> {
    let mut d = Doc::new(format!("Knowledge cube of {}", p.name()));
    d.blocks = cube_blocks(c, Some(layout), bins, 1)?;
    Ok(d)
}

/// What one count in the cube is, and what it leaves out.
pub fn unit_note(c: &Cube) -> String {
    let mut note = match c.unit {
        Unit::Passage => "Counting unit: coded references, one per coding, each in the one cell its code's \
                          facets name (a passage coded with two codes counts once for each code)."
            .to_owned(),
        unit => format!("Counting unit: {} ({}), in the cell its code's facets name.", unit.key(), unit.describe()),
    };
    note.push_str(match c.rule {
        crate::analysis::units::Rule::All => {
            " Counting rule: all (every coded reference, prompted by the interviewer or not)."
        }
        crate::analysis::units::Rule::Unprompted => {
            " Counting rule: unprompted (references the interviewer prompted, marked on their codings, are left out)."
        }
    });
    if c.unassigned > 0 {
        note.push_str(&format!(
            " Not in the cube: {} whose codes lack a value on some dimension.",
            super::plural(c.unassigned, "coded reference", "coded references")
        ));
    }
    note
}

/// The blocks of Tables 6–8, headings at `level` (Table 8's panels one below); `layout` by
/// default the paper's ([`Layout::default_for`]).
pub fn cube_blocks(c: &Cube, layout: Option<&Layout>, bins: Bins, level: u8) -> Result<Vec<Block>, String> {
    let default;
    let layout = match layout {
        Some(l) => l,
        None => match Layout::default_for(c) {
            Some(l) => {
                default = l;
                &default
            }
            None => {
                let n = c.dimensions.len();
                return Ok(vec![Block::Paragraph(format!(
                    "The project's cube has {}; Tables 6\u{2013}8 need three.",
                    super::plural(n, "dimension", "dimensions")
                ))]);
            }
        },
    };
    let label = |key: &str| c.dimensions.iter().find(|d| d.key == key).map(|d| d.label.clone()).unwrap_or_default();
    let (outer, inner, columns) = (label(&layout.outer), label(&layout.inner), label(&layout.columns));
    let note = || Some(unit_note(c));
    let mut d = Doc::default();
    d.section(level, "Table 6: coded references in the cube", "table-6");
    d.table(
        format!("Table 6. Coded references by {outer} and {inner} (rows) and {columns} (columns), with totals"),
        table6_table(c, layout, false)?,
        note(),
    );
    d.section(level, "Table 7: two-way tables", "table-7");
    for ((title, t), letter) in table7_tables(c, layout)?.into_iter().zip(['a', 'b', 'c']) {
        d.table(format!("Table 7{letter}. Coded references by {title}, with totals"), t, note());
    }
    d.section(level, "Table 8: levels of every cell", "table-8");
    let [low, med, high] = bins.0;
    d.paragraph(format!(
        "Levels: Low below {low} coded references, Med {low}\u{2013}{}, Med-High {med}\u{2013}{}, High {high} or more. \
         Each cell shows its count and level, shaded from light yellow (Low) to red (High).",
        med.saturating_sub(1),
        high.saturating_sub(1)
    ));
    for (panel, letter) in table8_panels(c, layout, bins)?.into_iter().zip(['a', 'b', 'c']) {
        d.heading(level + 1, format!("Table 8{letter}: by {}", panel.by));
        for t in panel.slices {
            let value = t.header.first().cloned().unwrap_or_default();
            d.table(format!("Table 8{letter}. {}: {value}", panel.by), t, None);
        }
        d.table(format!("Table 8{letter}. Totals, summed over {}", panel.by), panel.totals, note());
    }
    Ok(d.blocks)
}
