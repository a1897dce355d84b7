//! The fixed parts of the Word package: content types, relationships, core properties, the
//! styles (Normal, Title, Heading 1–3, Caption, Quote, table text and notes, contents, and the
//! bordered table style), and the drawing that places a figure.

use super::super::escape_xml;

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

pub(super) fn content_types(images: bool) -> String {
    let png = if images { "<Default Extension=\"png\" ContentType=\"image/png\"/>" } else { "" };
    format!(
        "{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>{png}\
         <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
         <Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         </Types>"
    )
}

pub(super) const PACKAGE_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
</Relationships>";

/// The document's relationships: its styles and one image per figure (`rIdImg1`...).
pub(super) fn document_rels(images: usize) -> String {
    let mut out = format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    );
    for n in 1..=images {
        out.push_str(&format!(
            "<Relationship Id=\"rIdImg{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/figure{n}.png\"/>"
        ));
    }
    out.push_str("</Relationships>");
    out
}

pub(super) fn core(title: &str) -> String {
    format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">\
         <dc:title>{}</dc:title><dc:creator>Axial</dc:creator></cp:coreProperties>",
        escape_xml(title)
    )
}

pub(super) fn document(body: &str) -> String {
    format!(
        "{XML_HEAD}<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
         xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
         xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
         xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>{body}</w:body></w:document>"
    )
}

/// An inline picture of image `n` at `cx` x `cy` EMU.
pub(super) fn drawing(n: usize, cx: u64, cy: u64) -> String {
    format!(
        "<w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/>\
         <wp:docPr id=\"{n}\" name=\"Figure {n}\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/>\
         </wp:cNvGraphicFramePr><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
         <pic:pic><pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"figure{n}.png\"/><pic:cNvPicPr/></pic:nvPicPr>\
         <pic:blipFill><a:blip r:embed=\"rIdImg{n}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
         <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
         <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>\
         </wp:inline></w:drawing>"
    )
}

/// A paragraph style: its id, name, paragraph and run properties (in schema order).
macro_rules! para_style {
    ($id:literal, $name:literal, $ppr:literal, $rpr:literal) => {
        concat!(
            "<w:style w:type=\"paragraph\" w:styleId=\"",
            $id,
            "\"><w:name w:val=\"",
            $name,
            "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>",
            $ppr,
            "</w:pPr><w:rPr>",
            $rpr,
            "</w:rPr></w:style>"
        )
    };
}

pub(super) const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:eastAsia=\"Calibri\" ",
    "w:cs=\"Calibri\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault>",
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>",
    "</w:docDefaults>",
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>",
    para_style!(
        "Title",
        "Title",
        "<w:keepNext/><w:spacing w:after=\"240\"/>",
        "<w:b/><w:sz w:val=\"40\"/><w:szCs w:val=\"40\"/>"
    ),
    para_style!(
        "Heading1",
        "heading 1",
        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/>",
        "<w:b/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"
    ),
    para_style!(
        "Heading2",
        "heading 2",
        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"280\" w:after=\"100\"/><w:outlineLvl w:val=\"1\"/>",
        "<w:b/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>"
    ),
    para_style!(
        "Heading3",
        "heading 3",
        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"200\" w:after=\"80\"/><w:outlineLvl w:val=\"2\"/>",
        "<w:b/><w:i/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>"
    ),
    para_style!(
        "Caption",
        "caption",
        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"80\"/>",
        "<w:b/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>"
    ),
    para_style!(
        "TableText",
        "Table Text",
        "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>",
        "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>"
    ),
    para_style!(
        "TableNote",
        "Table Note",
        "<w:spacing w:before=\"60\" w:after=\"200\"/>",
        "<w:i/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>"
    ),
    para_style!(
        "Quote",
        "Quote",
        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"120\" w:after=\"40\"/><w:ind w:left=\"567\" w:right=\"567\"/>",
        "<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>"
    ),
    para_style!(
        "QuoteSource",
        "Quote Source",
        "<w:keepLines/><w:spacing w:after=\"200\"/><w:ind w:left=\"567\" w:right=\"567\"/>",
        "<w:color w:val=\"404040\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>"
    ),
    para_style!(
        "Spacer",
        "Spacer",
        "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/>",
        "<w:sz w:val=\"8\"/>"
    ),
    para_style!(
        "Figure",
        "Figure",
        "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"60\"/><w:jc w:val=\"center\"/>",
        ""
    ),
    para_style!(
        "TOCHeading",
        "TOC Heading",
        "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>",
        "<w:b/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>"
    ),
    para_style!("TOC1", "toc 1", "<w:spacing w:after=\"40\"/>", ""),
    para_style!("TOC2", "toc 2", "<w:spacing w:after=\"40\"/><w:ind w:left=\"440\"/>", ""),
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>",
    "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>",
    "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>",
    "</w:tblCellMar></w:tblPr></w:style>",
    "<w:style w:type=\"table\" w:styleId=\"AxialTable\"><w:name w:val=\"Axial Table\"/><w:basedOn w:val=\"TableNormal\"/>",
    "<w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr><w:tblPr><w:tblBorders>",
    "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"595959\"/>",
    "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"595959\"/>",
    "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"595959\"/>",
    "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"595959\"/>",
    "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"595959\"/>",
    "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"595959\"/>",
    "</w:tblBorders><w:tblCellMar><w:top w:w=\"28\" w:type=\"dxa\"/><w:left w:w=\"85\" w:type=\"dxa\"/>",
    "<w:bottom w:w=\"28\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>",
    "<w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr>",
    "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E6E6E6\"/></w:tcPr></w:tblStylePr></w:style>",
    "</w:styles>"
);
