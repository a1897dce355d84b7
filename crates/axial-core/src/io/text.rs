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
    #[error(
        "is UTF-8 text with {} bytes that are not valid UTF-8 ({}), too many to replace safely; repair it in a text editor or save it again as UTF-8",
        .0.bytes, .0.where_text()
    )]
    DamagedUtf8(Replaced),
}

/// Text decoded from bytes, and the encoding it was found to be in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Bytes of an otherwise UTF-8 text that were not valid UTF-8 and became U+FFFD.
    pub replaced: Option<Replaced>,
}

/// Bytes that were not valid UTF-8 in a text that otherwise is, and the lines they are on.
/// Displays as the end of "the file ...", a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// How many bytes were not valid UTF-8.
    pub bytes: usize,
    /// The lines of the file they are on (1-based, as a text editor counts them), in order.
    pub lines: Vec<usize>,
}

impl Replaced {
    /// "line 4", "lines 4 and 9", "lines 4, 9, 12 and 3 more".
    pub fn where_text(&self) -> String {
        const SHOWN: usize = 5;
        let shown: Vec<String> = self.lines.iter().take(SHOWN).map(|n| n.to_string()).collect();
        match (self.lines.len(), shown.as_slice()) {
            (1, [one]) => format!("line {one}"),
            (n, _) if n > SHOWN => format!("lines {} and {} more", shown.join(", "), n - SHOWN),
            (_, [init @ .., last]) => format!("lines {} and {last}", init.join(", ")),
            _ => "no line".into(),
        }
    }
}

impl std::fmt::Display for Replaced {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (n, verb, shows) = if self.bytes == 1 {
            ("1 byte".to_owned(), "is", "shows")
        } else {
            (format!("{} bytes", self.bytes), "are", "show")
        };
        let (those, them) = if self.lines.len() == 1 { ("that line", "it") } else { ("those lines", "them") };
        write!(
            f,
            "was read as UTF-8 but {n} {verb} not valid UTF-8 ({}) and now {shows} as \u{FFFD}; compare {those} with the original and correct {them} in Axial",
            self.where_text()
        )
    }
}

/// A text that is UTF-8 except for a few damaged bytes is read as UTF-8 with those bytes
/// replaced (and reported) when its bad bytes are at most this many, or one in a thousand of a
/// longer file; more than that is refused as damaged rather than guessed.
pub const MAX_REPLACED_BYTES: usize = 16;

/// As [`decode`], taking the bytes: a plain UTF-8 text (no byte order mark) becomes the
/// `String` without a copy, so a 100 MB project JSON is not held twice while it is read.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if !bytes.is_empty() && !bytes.starts_with(b"PK\x03\x04") && Encoding::for_bom(&bytes).is_none() {
        match String::from_utf8(bytes) {
            Ok(text) => {
                if looks_binary(&text) {
                    return Err(DecodeError::Binary);
                }
                let text = if text.contains('\r') { normalise_line_ends(&text) } else { text };
                return Ok(Decoded { text, encoding: "UTF-8", replaced: None });
            }
            Err(e) => return decode(e.as_bytes()),
        }
    }
    decode(&bytes)
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(DecodeError::ZipNotText);
    }
    let (text, encoding, replaced) = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        if encoding == encoding_rs::UTF_8 {
            let lenient = Lenient::read(&bytes[bom_len..]);
            // The BOM says UTF-8, so any amount of damage is damage, not another encoding.
            let (text, replaced) = lenient.into_result()?;
            (text, "UTF-8", replaced)
        } else {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
            if had_errors {
                return Err(DecodeError::Undecodable(encoding.name()));
            }
            (text.into_owned(), encoding.name(), None)
        }
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_owned(), "UTF-8", None)
    } else if let Some(lenient) = Lenient::read(bytes).if_mostly_utf8() {
        let (text, replaced) = lenient.into_result()?;
        (text, "UTF-8", replaced)
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
        (text.into_owned(), encoding.name(), None)
    };
    if looks_binary(&text) {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded { text: normalise_line_ends(&text), encoding, replaced })
}

/// Bytes read as UTF-8 with each invalid sequence replaced by U+FFFD, and what it found.
struct Lenient {
    text: String,
    /// Valid characters outside ASCII: the evidence that the text is UTF-8 at all.
    multibyte: usize,
    /// Invalid sequences (each one U+FFFD).
    sequences: usize,
    replaced: Replaced,
    len: usize,
}

impl Lenient {
    fn read(bytes: &[u8]) -> Lenient {
        let mut text = String::with_capacity(bytes.len());
        let (mut multibyte, mut sequences, mut bad, mut line) = (0, 0, 0, 1);
        let mut lines = Vec::new();
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid();
            multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
            line += line_breaks(valid.as_bytes());
            text.push_str(valid);
            if !chunk.invalid().is_empty() {
                sequences += 1;
                bad += chunk.invalid().len();
                text.push('\u{FFFD}');
                if lines.last() != Some(&line) {
                    lines.push(line);
                }
            }
        }
        Lenient { text, multibyte, sequences, replaced: Replaced { bytes: bad, lines }, len: bytes.len() }
    }

    /// Whether these bytes are UTF-8 with some damage rather than another encoding: they hold
    /// real multi-byte UTF-8 characters, at least as many as invalid sequences. (A Windows-1252
    /// file's accents are each an invalid sequence and it has next to no valid ones; an ASCII
    /// file with one stray byte shows no UTF-8 at all and is left to detection.)
    fn if_mostly_utf8(self) -> Option<Lenient> {
        (self.multibyte > 0 && self.multibyte >= self.sequences).then_some(self)
    }

    /// The text with its replacements, or an error when there are too many to trust.
    fn into_result(self) -> Result<(String, Option<Replaced>), DecodeError> {
        if self.replaced.bytes == 0 {
            return Ok((self.text, None));
        }
        if self.replaced.bytes > MAX_REPLACED_BYTES.max(self.len / 1000) {
            return Err(DecodeError::DamagedUtf8(self.replaced));
        }
        Ok((self.text, Some(self.replaced)))
    }
}

/// Line breaks as a text editor counts them: LF, CRLF, or a lone CR. A CR at the end of a
/// valid run is followed by an invalid byte, so it is a lone CR.
fn line_breaks(bytes: &[u8]) -> usize {
    let mut n = 0;
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'\n' => n += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => n += 1,
            _ => {}
        }
    }
    n
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

    /// Taking the bytes decodes exactly as borrowing them does, for every kind of input.
    #[test]
    fn decoding_owned_bytes_is_decoding_borrowed_ones() {
        let inputs: Vec<Vec<u8>> = vec![
            b"plain\nlines".to_vec(),
            b"windows\r\nlines\r\n".to_vec(),
            "caf\u{e9} \u{6a9}\u{627}\u{631}".as_bytes().to_vec(),
            b"\xEF\xBB\xBFwith a BOM".to_vec(),
            b"latin-1 caf\xe9 au lait, cr\xe8me br\xfbl\xe9e, d\xe9j\xe0 vu".to_vec(),
            b"bin\0ary".to_vec(),
            Vec::new(),
            b"PK\x03\x04zip".to_vec(),
        ];
        for bytes in inputs {
            let borrowed = decode(&bytes).map(|d| (d.text, d.encoding, d.replaced));
            let owned = decode_owned(bytes.clone()).map(|d| (d.text, d.encoding, d.replaced));
            assert_eq!(format!("{owned:?}"), format!("{borrowed:?}"), "{bytes:?}");
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Café: oui\r\n".as_bytes()).unwrap().text, "Café: oui\n");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Ünïcode".as_bytes());
        assert_eq!(decode(&bom).unwrap(), Decoded { text: "Ünïcode".into(), encoding: "UTF-8", replaced: None });
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
    fn utf8_with_a_stray_byte_stays_utf8_and_names_the_line() {
        let mut bytes = "Interviewer: Können Sie das erklären?\r\nA: Grüße aus Köln.\r\nA: ".as_bytes().to_vec();
        bytes.push(0xFC); // a Windows-1252 ü pasted into UTF-8 text
        bytes.extend_from_slice("ber die Straße.\n".as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.starts_with("Interviewer: Können Sie"), "no mojibake: {}", d.text);
        assert!(d.text.contains("A: \u{FFFD}ber die Straße."), "{}", d.text);
        assert_eq!(d.replaced, Some(Replaced { bytes: 1, lines: vec![3] }));
        let warning = d.replaced.unwrap().to_string();
        assert!(warning.contains("1 byte is not valid UTF-8 (line 3)"), "{warning}");
    }

    #[test]
    fn utf8_with_two_bad_bytes_is_not_binary() {
        let mut bytes = "Zoë: “fine”\nA: naïve café\n".repeat(5).into_bytes();
        bytes.insert(3, 0x81);
        bytes.insert(40, 0x9D);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        let replaced = d.replaced.unwrap();
        assert_eq!(replaced.bytes, 2);
        assert_eq!(replaced.lines, vec![1, 3]);
        assert!(replaced.to_string().contains("(lines 1 and 3)"), "{replaced}");
    }

    #[test]
    fn badly_damaged_utf8_is_refused_not_guessed() {
        let mut bytes = Vec::new();
        for i in 0..40 {
            bytes.extend_from_slice(format!("Zeile {i}: schön, größer, Übung\n").as_bytes());
            bytes.push(0xFF);
        }
        let err = decode(&bytes).unwrap_err();
        assert!(matches!(&err, DecodeError::DamagedUtf8(r) if r.bytes == 40), "{err:?}");
        assert!(
            err.to_string().contains("40 bytes that are not valid UTF-8 (lines 2, 3, 4, 5, 6 and 35 more)"),
            "{err}"
        );
    }

    #[test]
    fn utf8_bom_with_a_bad_byte_is_replaced_not_refused() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(b"plain ascii\rsecond ");
        bytes.push(0xE9);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "plain ascii\nsecond \u{FFFD}");
        assert_eq!(d.replaced.unwrap().lines, vec![2]);
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

/// The characters `[start, end)` of one passage, clamped to the text; walks the text up to
/// `end` (for a few passages; many passages of one text go through a [`CharIndex`]).
pub fn slice_chars(text: &str, start: usize, end: usize) -> &str {
    let mut bounds = text.char_indices().map(|(b, _)| b).chain([text.len()]);
    let from = bounds.nth(start).unwrap_or(text.len());
    let to = if end > start { bounds.nth(end - start - 1).unwrap_or(text.len()) } else { from };
    &text[from..to]
}

#[cfg(test)]
mod char_index_tests {
    use super::{CharIndex, slice_chars};

    #[test]
    fn slice_chars_cuts_by_characters() {
        assert_eq!(slice_chars("héllo wörld", 1, 4), "éll");
        assert_eq!(slice_chars("héllo", 3, 99), "lo");
        assert_eq!(slice_chars("héllo", 9, 12), "");
        assert_eq!(slice_chars("abc", 2, 2), "");
    }

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
