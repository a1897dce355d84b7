//! Exports through the real binary: the category model against its JSON Schema and the
//! contract of design.md, the full project's lossless round trip, and the diagram as PNG.

mod common;
use common::*;
use serde_json::Value;

fn schema_check(instance: &Value) -> Result<(), String> {
    let schema: Value = serde_json::from_str(include_str!("../assets/category-model.schema.json")).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("category-model.schema.json", schema).unwrap();
    let idx = compiler.compile("category-model.schema.json", &mut schemas).map_err(|e| format!("{e:#}"))?;
    schemas.validate(instance, idx).map_err(|e| format!("{e:#}"))
}

fn export_json(project: &str) -> Value {
    serde_json::from_str(&ok(&["export", project, "--format", "json", "-o", "-"])).unwrap()
}

#[test]
fn category_model_exports_validate_against_the_schema() {
    let (_dir, empty) = new_project();
    for project in [
        s(&empty).to_owned(),
        s(&sample("crm_knowledge_creation")).to_owned(),
        s(&sample("banking_ckm_crm")).to_owned(),
    ] {
        let model = export_json(&project);
        schema_check(&model).unwrap_or_else(|e| panic!("{project}: {e}"));
        assert_eq!(model["schema"], "axial.category-model/2");
        let classes: Vec<&str> =
            model["paradigm"].as_array().unwrap().iter().map(|c| c["class"].as_str().unwrap()).collect();
        assert_eq!(
            classes,
            [
                "causal_conditions",
                "phenomenon",
                "contextual_conditions",
                "intervening_conditions",
                "strategies",
                "consequences"
            ]
        );
        assert_eq!(model["cube"]["cells"].as_array().unwrap().len(), 36, "every cell, zeros included");
    }
}

#[test]
fn the_schema_rejects_what_breaks_the_contract() {
    let mut model = export_json(s(&sample("banking_ckm_crm")));
    assert!(schema_check(&model).is_ok());
    model["paradigm"].as_array_mut().unwrap().pop();
    assert!(schema_check(&model).is_err(), "five classes must fail");
    let mut model = export_json(s(&sample("banking_ckm_crm")));
    model["paradigm"][0]["categories"][0]["concepts"][0]["codes"][0]["references"] = (-1).into();
    assert!(schema_check(&model).is_err(), "negative counts must fail");
}

#[test]
fn export_writes_a_file_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("model.json");
    let said = ok(&["export", s(&sample("crm_knowledge_creation")), "--format", "json", "-o", s(&out)]);
    assert!(said.contains("Wrote"), "{said}");
    let model: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(model["project"]["documents"], 12);
    assert_eq!(model["project"]["cases"], 3);
    assert_eq!(model["cube"]["unassigned_references"], 0);
}

/// export -> import into a new project -> export gives identical JSON, stable ids included (a
/// sample folder is made a project file first: a project only in memory exports no ids).
fn assert_round_trip(source: &str) {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("original.axial");
    ok(&["new", s(&original)]);
    let json_of_sample = dir.path().join("sample.json");
    ok(&["export", source, "--format", "project-json", "-o", s(&json_of_sample)]);
    ok(&["import", s(&original), s(&json_of_sample)]);
    let first = dir.path().join("first.json");
    ok(&["export", s(&original), "--format", "project-json", "-o", s(&first)]);
    assert!(std::fs::read_to_string(&first).unwrap().contains("\"uid\": "), "a project file's export has ids");
    let copy = dir.path().join("copy.axial");
    ok(&["new", s(&copy)]);
    ok(&["import", s(&copy), s(&first)]);
    let second = dir.path().join("second.json");
    ok(&["export", s(&copy), "--format", "project-json", "-o", s(&second)]);
    let (a, b) = (std::fs::read_to_string(&first).unwrap(), std::fs::read_to_string(&second).unwrap());
    assert!(a == b, "round trip of {source} differs");
    // And the category models agree.
    assert_eq!(export_json(source), export_json(s(&copy)));
}

#[test]
fn project_json_round_trips_losslessly() {
    assert_round_trip(s(&sample("crm_knowledge_creation")));
    assert_round_trip(s(&sample("banking_ckm_crm")));
    let (_dir, project) = new_project();
    ok(&["import", s(&project), s(&fixture("utf16le_interview.txt")), s(&fixture("branch_manager.docx"))]);
    assert_round_trip(s(&project));
}

#[test]
fn project_json_keeps_everything() {
    let out = ok(&["export", s(&sample("banking_ckm_crm")), "--format", "project-json", "-o", "-"]);
    let p: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(p["schema"], "axial.project/2");
    assert_eq!(p["documents"].as_array().unwrap().len(), 16);
    assert!(p["documents"][0]["text"].as_str().unwrap().len() > 5000, "text is inline");
    assert_eq!(p["core_category"], "Determining the management framework");
    let coding = &p["codings"][0];
    let text: Vec<char> = p["documents"][0]["text"].as_str().unwrap().chars().collect();
    let (start, end) = (coding["start"].as_u64().unwrap() as usize, coding["end"].as_u64().unwrap() as usize);
    assert_eq!(text[start..end].iter().collect::<String>(), coding["quote"].as_str().unwrap());
    assert!(p["memos"].as_array().unwrap().iter().any(|m| m["title"] == "Storyline"));
}

/// The pixels of a PNG as RGBA, with its size.
fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a sensible size")];
    let info = reader.next_frame(&mut pixels).expect("one frame");
    assert_eq!((info.color_type, info.bit_depth), (png::ColorType::Rgba, png::BitDepth::Eight));
    pixels.truncate(info.buffer_size());
    (info.width, info.height, pixels)
}

/// The printed `width` and `height` of the figure's SVG, in millimetres.
fn svg_size_mm(project: &str) -> (f32, f32) {
    let svg = ok(&["export", project, "--format", "svg", "-o", "-"]);
    let attr = |name: &str| -> f32 {
        let start = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        svg[start..].split('"').next().unwrap().trim_end_matches("mm").parse().unwrap()
    };
    (attr("width"), attr("height"))
}

#[test]
fn the_figure_exports_as_a_png_at_300_dpi_of_its_printed_size() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["banking_ckm_crm", "crm_knowledge_creation"] {
        let project = sample(name);
        let out = dir.path().join(format!("{name}.png"));
        let said = ok(&["export", s(&project), "--format", "png", "-o", s(&out)]);
        assert!(said.contains("Wrote"), "{said}");
        let bytes = std::fs::read(&out).unwrap();
        let (width, height, pixels) = decode_png(&bytes);
        let (w, h) = svg_size_mm(s(&project));
        assert_eq!(w, 160.0, "an A4 page's text width");
        let pixels_of = |mm: f32| (mm / 25.4 * 300.0).round() as u32;
        assert!(width.abs_diff(pixels_of(w)) <= 1 && height.abs_diff(pixels_of(h)) <= 1, "{name}: {width}x{height}");

        let rgba: Vec<&[u8]> = pixels.chunks_exact(4).collect();
        assert!(rgba.iter().all(|p| p[3] == 255), "{name}: opaque, on white");
        assert_eq!(rgba[0], [255, 255, 255, 255], "{name}: a white corner");
        let not_white = rgba.iter().filter(|p| p[..3] != [255, 255, 255]).count();
        assert!(not_white * 10 > rgba.len(), "{name}: boxes and cards drawn ({not_white} of {})", rgba.len());
        let dark = rgba.iter().filter(|p| p[..3].iter().all(|&c| c < 100)).count();
        // Only text is drawn near-black (lines and boxes are grey or blue).
        assert!(dark > 5_000, "{name}: the names are written ({dark} dark pixels)");

        let again = dir.path().join(format!("{name}-again.png"));
        ok(&["export", s(&project), "--format", "png", "-o", s(&again)]);
        assert!(std::fs::read(&again).unwrap() == bytes, "{name}: the same bytes every time");
    }
}

/// The category model counted per document (or turn) validates, says its unit, and counts
/// each code once per document.
#[test]
fn the_category_model_exports_in_any_counting_unit() {
    let crm = sample("crm_knowledge_creation");
    let passage = export_json(s(&crm));
    assert_eq!((passage["unit"].as_str(), passage["cube"]["references"].as_u64()), (Some("passage"), Some(193)));
    for unit in ["turn", "document"] {
        let model: Value =
            serde_json::from_str(&ok(&["export", s(&crm), "--format", "json", "--unit", unit, "-o", "-"])).unwrap();
        schema_check(&model).unwrap_or_else(|e| panic!("{unit}: {e}"));
        assert_eq!(model["unit"], unit);
        assert_eq!(model["cube"]["unit"], unit);
        assert!(model["cube"]["references"].as_u64().unwrap() < 193, "{unit}");
    }
    let by_document: Value =
        serde_json::from_str(&ok(&["export", s(&crm), "--format", "json", "--unit", "document", "-o", "-"])).unwrap();
    let codes: Vec<&Value> = by_document["paradigm"]
        .as_array()
        .unwrap()
        .iter()
        .chain(std::iter::once(&by_document["unplaced"]))
        .flat_map(|c| c["categories"].as_array().unwrap())
        .flat_map(|c| c["concepts"].as_array().unwrap())
        .flat_map(|c| c["codes"].as_array().unwrap())
        .collect();
    assert!(!codes.is_empty());
    assert!(codes.iter().all(|c| c["references"] == c["documents"]));
    let wrong = axial(&["export", s(&crm), "--format", "svg", "--unit", "turn", "-o", "-"]);
    assert_eq!(wrong.code, 1);
    assert!(wrong.stderr.contains("--unit and --rule apply to the category model"), "{}", wrong.stderr);
}
