//! Tests of the bidi paragraph, its visual runs and the line geometry, with real Persian, Arabic
//! and Hebrew text and 10 px per char.

use std::ops::Range;

use proptest::prelude::*;

use super::*;

const ADVANCE: f32 = 10.0;

/// The char range of the first `needle` in `text`.
fn find(text: &str, needle: &str) -> Range<usize> {
    let byte = text.find(needle).expect("the needle is in the test text");
    let start = text[..byte].chars().count();
    start..start + needle.chars().count()
}

fn run(chars: Range<usize>, level: u8) -> Run {
    Run { chars, level }
}

/// The line's text in visual order, left to right.
fn visual_text(text: &str, line: &VisualLine) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    for run in &line.runs {
        let slice = &chars[run.chars.clone()];
        if run.is_rtl() {
            out.extend(slice.iter().rev());
        } else {
            out.extend(slice.iter());
        }
    }
    out
}

fn layout(text: &str, line: Range<usize>) -> LineLayout {
    let visual = BidiParagraph::new(text).visual_line(line);
    let advances = vec![ADVANCE; visual.line.len()];
    LineLayout::new(visual, &advances)
}

fn whole(text: &str) -> LineLayout {
    layout(text, 0..text.chars().count())
}

fn reversed(text: &str) -> String {
    text.chars().rev().collect()
}

#[test]
fn ltr_line_is_identity() {
    let text = "Hello world";
    let paragraph = BidiParagraph::new(text);
    assert!(!paragraph.is_rtl() && !paragraph.has_rtl());
    let line = paragraph.visual_line(0..11);
    assert_eq!(line.runs, [run(0..11, 0)]);
    assert_eq!(visual_text(text, &line), text);
    let layout = whole(text);
    for offset in 0..=11 {
        assert_eq!(layout.caret_x(offset, Affinity::Auto), offset as f32 * ADVANCE);
    }
    assert_eq!(layout.offset_at(34.0), 3);
    assert_eq!(layout.offset_at(36.0), 4);
    assert_eq!(layout.offset_at(500.0), 11);
}

#[test]
fn persian_line_is_reversed() {
    let text = "سلام دنیا";
    let paragraph = BidiParagraph::new(text);
    assert!(paragraph.is_rtl());
    let line = paragraph.visual_line(0..9);
    assert_eq!(line.runs, [run(0..9, 1)]);
    assert_eq!(visual_text(text, &line), reversed(text));
    let layout = whole(text);
    assert_eq!(layout.caret_x(0, Affinity::Auto), 90.0);
    assert_eq!(layout.caret_x(9, Affinity::Auto), 0.0);
    assert_eq!(layout.caret_x(1, Affinity::Auto), 80.0);
    assert_eq!(layout.offset_at(88.0), 0);
    assert_eq!(layout.offset_at(83.0), 1);
    assert_eq!(layout.offset_at(-5.0), 9);
    assert_eq!(layout.char_at(85.0), Some(0));
    assert_eq!((layout.char_at(f32::NAN), layout.offset_at(f32::NAN)), (None, 0));
}

#[test]
fn english_word_inside_persian_keeps_its_order() {
    let text = "من از CRM استفاده می\u{200C}کنم";
    let n = text.chars().count();
    let crm = find(text, "CRM");
    let line = BidiParagraph::new(text).visual_line(0..n);
    // Left to right: the Persian after the word, the word, the Persian before it; the ZWNJ stays
    // in its run so the shaper sees the whole Persian word.
    assert_eq!(line.runs, [run(crm.end..n, 1), run(crm.clone(), 2), run(0..crm.start, 1)]);
    let expected = reversed(" استفاده می\u{200C}کنم") + "CRM" + &reversed("من از ");
    assert_eq!(visual_text(text, &line), expected);
}

#[test]
fn numbers_keep_left_to_right_order_inside_persian() {
    let text = "قیمت 25% در سال ۱۴۰۲ و ٢٥ بود";
    let n = text.chars().count();
    let line = BidiParagraph::new(text).visual_line(0..n);
    let ltr: Vec<Range<usize>> = line.runs.iter().filter(|run| !run.is_rtl()).map(|run| run.chars.clone()).collect();
    // Left to right on screen: the Arabic-Indic number, the Persian year, then "25". After
    // Persian letters (class AL) digits count as Arabic numbers (W2), so "%" is a neutral that
    // takes the paragraph's direction and shows on the left: "%25", as browsers show it too.
    assert_eq!(ltr, [find(text, "٢٥"), find(text, "۱۴۰۲"), find(text, "25")]);
    let visual = visual_text(text, &line);
    assert!(visual.contains("%25") && visual.contains("۱۴۰۲") && visual.contains("٢٥"));
    assert!(visual.starts_with(&reversed(" بود")), "{visual}");

    // After Hebrew letters (class R) the digits stay European and "%" stays with them.
    let text = "מחיר 25% בשנה";
    let line = BidiParagraph::new(text).visual_line(0..13);
    assert_eq!(line.runs[1], run(find(text, "25%"), 2));
    assert_eq!(visual_text(text, &line), reversed(" בשנה") + "25%" + &reversed("מחיר "));
}

#[test]
fn persian_phrase_inside_english_is_reversed_in_place() {
    let text = "I said سلام دنیا to them.";
    let phrase = find(text, "سلام دنیا");
    let n = text.chars().count();
    let line = BidiParagraph::new(text).visual_line(0..n);
    assert!(!line.base_rtl);
    assert_eq!(line.runs, [run(0..phrase.start, 0), run(phrase.clone(), 1), run(phrase.end..n, 0)]);
    let expected = "I said ".to_string() + &reversed("سلام دنیا") + " to them.";
    assert_eq!(visual_text(text, &line), expected);
}

#[test]
fn final_punctuation_takes_the_paragraph_direction() {
    let text = "من CRM.";
    let line = BidiParagraph::new(text).visual_line(0..7);
    // The full stop after the English word goes to the far left, not after "CRM".
    assert_eq!(line.runs, [run(6..7, 1), run(3..6, 2), run(0..3, 1)]);
    assert_eq!(visual_text(text, &line), ".CRM".to_string() + &reversed("من "));

    let text = "שלום!";
    let line = BidiParagraph::new(text).visual_line(0..5);
    assert_eq!(visual_text(text, &line), "!םולש");
}

#[test]
fn brackets_around_english_follow_the_persian_context() {
    // Order only: mirroring the glyphs is the shaper's job.
    let text = "من (CRM) را";
    let line = BidiParagraph::new(text).visual_line(0..11);
    assert_eq!(line.runs, [run(7..11, 1), run(4..7, 2), run(0..4, 1)]);
    assert_eq!(visual_text(text, &line), "ار )CRM( نم");

    let text = "He said (سلام) twice";
    let line = BidiParagraph::new(text).visual_line(0..20);
    assert_eq!(visual_text(text, &line), "He said (".to_string() + "مالس" + ") twice");
}

#[test]
fn offsets_are_chars_with_emoji_and_zwnj() {
    let text = "سلام 😀 می\u{200C}کنم";
    let n = text.chars().count();
    assert_eq!(n, 13);
    let line = BidiParagraph::new(text).visual_line(0..n);
    assert_eq!(line.runs, [run(0..13, 1)]);
    let emoji = find(text, "😀");
    assert_eq!(&text[byte_range(text, emoji.clone())], "😀");
    assert_eq!(&text[byte_range(text, 7..13)], "می\u{200C}کنم");
    assert_eq!(byte_range(text, 13..20), text.len()..text.len());
    let layout = whole(text);
    assert_eq!(layout.caret_x(emoji.start, Affinity::Auto), 130.0 - 50.0);
}

#[test]
fn selection_across_a_direction_boundary_gives_two_spans() {
    // Boxes left to right: ا ر space C R M space ن م, 10 px each.
    let layout = whole("من CRM را");
    assert_eq!(layout.selection_spans(0..4), [(30.0, 40.0), (60.0, 90.0)]);
    assert_eq!(layout.selection_spans(3..6), [(30.0, 60.0)]);
    assert_eq!(layout.selection_spans(0..9), [(0.0, 90.0)]);
    assert_eq!(layout.selection_spans(4..4), []);
}

#[test]
fn carets_at_a_direction_boundary() {
    let layout = whole("من CRM را");
    let auto: Vec<f32> = (0..=9).map(|o| layout.caret_x(o, Affinity::Auto)).collect();
    assert_eq!(auto, [90.0, 80.0, 70.0, 60.0, 40.0, 50.0, 30.0, 20.0, 10.0, 0.0]);
    // Before "C": after the Persian space (Auto, Before) or at the left of "C" (After).
    assert_eq!(layout.caret_x(3, Affinity::Before), 60.0);
    assert_eq!(layout.caret_x(3, Affinity::After), 30.0);
    assert_eq!(layout.caret_x(6, Affinity::Before), 60.0);
    // A click inside a box keeps its side; on a boundary it is the Auto caret.
    assert_eq!(layout.hit(32.0), (3, Affinity::After));
    assert_eq!(layout.hit(58.0), (6, Affinity::Before));
    assert_eq!(layout.hit(62.0), (3, Affinity::Auto));
    assert_eq!(layout.hit(60.0), (3, Affinity::Auto));
}

const MIXED: [&str; 10] = [
    "Hello world",
    "سلام دنیا",
    "من از CRM استفاده می\u{200C}کنم",
    "قیمت 25% در سال ۱۴۰۲ بود",
    "I said سلام دنیا to them.",
    "אני משתמש ב-CRM כל יום",
    "a אב 12 ג b",
    "من (CRM) را",
    "he said «שלום 42» ok",
    "مرحبا بالعالم Hello",
];

/// The lines the round trips try: each whole text and a wrapped line from its middle.
fn lines(text: &str) -> [Range<usize>; 2] {
    let n = text.chars().count();
    [0..n, n / 3..2 * n / 3]
}

#[test]
fn caret_round_trips_on_every_offset() {
    for text in MIXED {
        for line in lines(text) {
            let layout = layout(text, line.clone());
            check_round_trips(&layout);
        }
    }
}

fn check_round_trips(layout: &LineLayout) {
    let line = layout.line();
    let mut xs: Vec<f32> = line.clone().map(|o| layout.caret_x(o, Affinity::Auto)).collect();
    xs.push(layout.caret_x(line.end, Affinity::Auto));
    for (offset, &x) in (line.start..).zip(&xs) {
        assert_eq!(layout.offset_at(x), offset, "offset {offset} of {line:?}");
        for affinity in [Affinity::Before, Affinity::After] {
            let x = layout.caret_x(offset, affinity);
            let (hit, hit_affinity) = layout.hit(x);
            assert_eq!(layout.caret_x(hit, hit_affinity), x);
        }
    }
    // Every boundary has exactly one offset.
    xs.sort_by(f32::total_cmp);
    xs.dedup();
    assert_eq!(xs.len(), line.len() + 1, "{line:?}");
}

#[test]
fn move_visual_visits_every_offset_once() {
    for text in MIXED {
        for line in lines(text) {
            check_walk(&layout(text, line));
        }
    }
}

fn check_walk(layout: &LineLayout) {
    let line = layout.line();
    let first = layout.offset_at(f32::NEG_INFINITY);
    let mut rightward = vec![first];
    let mut at = first;
    while let Some(next) = layout.move_visual(at, Affinity::Auto, false) {
        rightward.push(next);
        at = next;
    }
    assert_eq!(layout.caret_x(at, Affinity::Auto), layout.width());
    let mut leftward = vec![at];
    while let Some(next) = layout.move_visual(at, Affinity::Auto, true) {
        leftward.push(next);
        at = next;
    }
    leftward.reverse();
    assert_eq!(rightward, leftward);
    rightward.sort_unstable();
    assert_eq!(rightward, (line.start..=line.end).collect::<Vec<_>>());
}

#[test]
fn move_visual_in_a_persian_line_with_english() {
    let layout = whole("من CRM را");
    // From after "M" (Auto: left of "CRM") one step right is between C and R.
    assert_eq!(layout.move_visual(6, Affinity::Auto, false), Some(4));
    // With the caret pinned right of "M" (a click there), one step left is between R and M.
    assert_eq!(layout.move_visual(6, Affinity::Before, true), Some(5));
    assert_eq!(layout.move_visual(9, Affinity::Auto, true), None);
    assert_eq!(layout.move_visual(0, Affinity::Auto, false), None);
}

#[test]
fn wrapped_lines_keep_the_paragraph_levels() {
    let text = "سلام hello world دنیا";
    let paragraph = BidiParagraph::new(text);
    // First line "سلام hello ": its trailing space takes the paragraph level (L1) and goes to
    // the far left instead of staying inside the English run.
    let first = paragraph.visual_line(0..11);
    assert_eq!(first.runs, [run(10..11, 1), run(5..10, 2), run(0..5, 1)]);
    // Second line "world دنیا": alone it would be a left-to-right paragraph, but it is part of a
    // Persian one, so "world" starts at the right.
    let second = paragraph.visual_line(11..21);
    assert!(second.base_rtl);
    assert_eq!(second.runs, [run(16..21, 1), run(11..16, 2)]);
    let alone = BidiParagraph::new("world دنیا").visual_line(0..10);
    assert_eq!(alone.runs, [run(0..6, 0), run(6..10, 1)]);
    let layout = LineLayout::new(second, &[ADVANCE; 10]);
    assert_eq!(layout.caret_x(11, Affinity::Auto), 100.0);
    assert_eq!(layout.caret_x(12, Affinity::Auto), 60.0);
    assert_eq!(layout.runs()[1].left, 50.0);

    let numbers = BidiParagraph::new("سلام 123").visual_line(5..8);
    assert_eq!(numbers.runs, [run(5..8, 2)]);
}

#[test]
fn fallback_direction_only_without_strong_characters() {
    assert!(!BidiParagraph::new("25% - 12:30").is_rtl());
    assert!(BidiParagraph::with_fallback("25% - 12:30", true).is_rtl());
    assert!(!BidiParagraph::with_fallback("CRM سلام", true).is_rtl());
    assert!(BidiParagraph::with_fallback("سلام CRM", false).is_rtl());
    let empty = BidiParagraph::new("");
    assert!(empty.is_empty());
    let layout = LineLayout::new(empty.visual_line(0..0), &[]);
    assert_eq!((layout.width(), layout.offset_at(3.0)), (0.0, 0));
    assert_eq!(layout.move_visual(0, Affinity::Auto, true), None);
}

/// Letters, digits, spaces, punctuation, brackets and controls from several scripts.
const ALPHABET: [&str; 22] = [
    "a", "b", " ", " ", "ا", "ب", "א", "1", "۲", "٣", "%", ".", "(", ")", "\u{200C}", "😀", "\t", "\u{2067}",
    "\u{2069}", "\u{202B}", "\u{202C}", "-",
];

fn texts() -> impl Strategy<Value = (String, usize, usize)> {
    (proptest::collection::vec(0..ALPHABET.len(), 1..40), any::<usize>(), any::<usize>()).prop_map(|(picks, a, b)| {
        let text: String = picks.iter().map(|&i| ALPHABET[i]).collect();
        let n = text.chars().count();
        (text, a % n, b % n)
    })
}

proptest! {
    #[test]
    fn visual_order_matches_unicode_bidi((text, a, b) in texts()) {
        let line = a.min(b)..a.max(b) + 1;
        let ours = visual_text(&text, &BidiParagraph::new(&text).visual_line(line.clone()));
        let info = unicode_bidi::ParagraphBidiInfo::new(&text, None);
        let (levels, runs) = info.visual_runs(byte_range(&text, line));
        let mut theirs = String::new();
        for run in runs {
            if levels[run.start].is_rtl() {
                theirs.extend(text[run].chars().rev());
            } else {
                theirs.push_str(&text[run]);
            }
        }
        prop_assert_eq!(ours, theirs);
    }

    #[test]
    fn geometry_round_trips_on_random_lines((text, a, b) in texts()) {
        let line = a.min(b)..a.max(b) + 1;
        let layout = layout(&text, line);
        check_round_trips(&layout);
        check_walk(&layout);
    }

    /// The Auto rule is one to one for any levels, not only those the algorithm produces.
    #[test]
    fn auto_carets_are_one_to_one(levels in proptest::collection::vec(0u8..5, 1..30), rtl: bool) {
        let base = u8::from(rtl);
        let mut runs: Vec<Run> = Vec::new();
        for (offset, level) in levels.into_iter().map(|level| level.max(base)).enumerate() {
            match runs.last_mut() {
                Some(run) if run.level == level => run.chars.end = offset + 1,
                _ => runs.push(Run { chars: offset..offset + 1, level }),
            }
        }
        let n = runs.last().map_or(0, |run| run.chars.end);
        reorder_runs(&mut runs);
        let line = VisualLine { line: 0..n, base_rtl: rtl, runs };
        let layout = LineLayout::new(line, &vec![ADVANCE; n]);
        check_round_trips(&layout);
        check_walk(&layout);
    }
}

/// Timing note, not a benchmark: `cargo test -p axial-core --lib bidi -- --ignored --nocapture`.
#[test]
#[ignore = "prints timings"]
fn timing_of_a_long_paragraph() {
    let sentence = "من از CRM استفاده می\u{200C}کنم و قیمت 25% در سال ۱۴۰۲ بود. ";
    let text = sentence.repeat(2000 / sentence.chars().count() + 1);
    let n = text.chars().count();
    let start = std::time::Instant::now();
    let rounds = 100;
    for _ in 0..rounds {
        let paragraph = BidiParagraph::new(&text);
        for line in (0..n).step_by(80) {
            let visual = paragraph.visual_line(line..(line + 80).min(n));
            let advances = vec![ADVANCE; visual.line.len()];
            let layout = LineLayout::new(visual, &advances);
            std::hint::black_box(layout.caret_x(line + 3, Affinity::Auto));
        }
    }
    println!("{n} chars: {:?} per paragraph and its lines", start.elapsed() / rounds);
}
