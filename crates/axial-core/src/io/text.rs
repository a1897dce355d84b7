//! Decodes the bytes of a plain-text transcript into normalised UTF-8: UTF-8 with or without
//! BOM, UTF-16 LE/BE with BOM, and legacy 8-bit text detected with chardetng (never assumed).
//! Line ends become `\n`.

use encoding_rs::Encoding;

/// Why bytes could not become a transcript. Each reads as the end of "this file ...".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("is empty (zero bytes)")]
    Empty,
    #[error("looks like a zip archive (a .docx or .qdpx renamed?), not plain text")]
    ZipNotText,
    #[error("is a binary file, not text")]
    Binary,
    #[error("is not valid text in any encoding Axial recognises (tried UTF-8, UTF-16 and {0})")]
    Undecodable(&'static str),
}

/// Text decoded from bytes, and the encoding it was found to be in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(DecodeError::ZipNotText);
    }
    let (text, encoding) = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(DecodeError::Undecodable(encoding.name()));
        }
        (text.into_owned(), encoding.name())
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_owned(), "UTF-8")
    } else {
        if bytes.contains(&0) {
            return Err(DecodeError::Binary);
        }
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if had_errors {
            return Err(DecodeError::Undecodable(encoding.name()));
        }
        (text.into_owned(), encoding.name())
    };
    if looks_binary(&text) {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded { text: normalise_line_ends(&text), encoding })
}

/// Control characters other than tab, line feed, carriage return and form feed are rare in
/// transcripts and common in binary files; more than one in a hundred means binary.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
            control += 1;
        }
    }
    control > 0 && control * 100 > total
}

/// CRLF and lone CR become LF; a form feed becomes a paragraph break.
pub fn normalise_line_ends(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n").replace('\x0c', "\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Café: oui\r\n".as_bytes()).unwrap().text, "Café: oui\n");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Ünïcode".as_bytes());
        assert_eq!(decode(&bom).unwrap(), Decoded { text: "Ünïcode".into(), encoding: "UTF-8" });
    }

    #[test]
    fn utf16_both_byte_orders() {
        let text = "Interviewer: Grüß dich\r\nA: “yes”";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, "Interviewer: Grüß dich\nA: “yes”");
            assert_eq!(d.encoding, name);
        }
    }

    #[test]
    fn windows_1252_is_detected_not_assumed() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("The manager said \u{201c}our café’s clients don’t call\u{201d} \u{2013} déjà vu.\rNext line");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, "The manager said “our café’s clients don’t call” – déjà vu.\nNext line");
    }

    #[test]
    fn bad_input_is_named() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"PK\x03\x04rest"), Err(DecodeError::ZipNotText));
        assert_eq!(decode(&[0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 0xff, 0xfe]), Err(DecodeError::Binary));
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 32) as u8).collect();
        assert_eq!(decode(&noise), Err(DecodeError::Binary));
    }

    #[test]
    fn lone_cr_and_crlf_normalise() {
        assert_eq!(normalise_line_ends("a\r\nb\rc\n"), "a\nb\nc\n");
    }
}

/// Character offsets (the unit of codings) to byte offsets in one text, in O(1) per lookup:
/// nothing for ASCII text, else the byte offset of every character. Cutting many quotes out of
/// one text with `chars().skip(start)` would cost the text's length per quote.
pub struct CharIndex<'a> {
    text: &'a str,
    /// Byte offset of each character, plus the text's length; `None` when every character is
    /// one byte.
    bytes: Option<Vec<u32>>,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> CharIndex<'a> {
        let bytes =
            (!text.is_ascii()).then(|| text.char_indices().map(|(b, _)| b as u32).chain([text.len() as u32]).collect());
        CharIndex { text, bytes }
    }

    /// Length of the text in characters.
    pub fn len(&self) -> usize {
        self.bytes.as_ref().map(|b| b.len() - 1).unwrap_or(self.text.len())
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The characters `[start, end)`, clamped to the text.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let len = self.len();
        let (start, end) = (start.min(len), end.min(len).max(start.min(len)));
        match &self.bytes {
            None => &self.text[start..end],
            Some(b) => &self.text[b[start] as usize..b[end] as usize],
        }
    }
}

#[cfg(test)]
mod char_index_tests {
    use super::CharIndex;

    #[test]
    fn slices_by_characters_in_ascii_and_beyond() {
        let ascii = CharIndex::new("hello world");
        assert_eq!((ascii.len(), ascii.slice(6, 11)), (11, "world"));
        let text = "Zoë: “café” ok";
        let index = CharIndex::new(text);
        assert_eq!(index.len(), text.chars().count());
        assert_eq!(index.slice(5, 11), "“café”");
        assert_eq!(index.slice(12, 99), "ok", "clamped to the text");
        assert_eq!(index.slice(9, 3), "", "an empty range stays empty");
    }
}
