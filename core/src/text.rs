//! The article text: normalised once, indexed for offset conversion, split into paragraphs, and the
//! rules that turn a raw selection into a span (grapheme-safe, whitespace-trimmed, word-snapped).

use crate::offset::{ByteOffset, CharOffset, OffsetIndex, Span, Utf16Offset};
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

/// True for characters that take no space and show nothing by themselves: bidi controls,
/// zero-width spaces and joiners, word joiners, the BOM, the soft hyphen. A selection made of
/// nothing but these (and white space) annotates nothing.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// True for a grapheme cluster of white space and invisible characters only.
fn is_blank(g: &str) -> bool {
    g.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// Bytes as text, each invalid sequence replaced by U+FFFD (as
/// [`String::from_utf8_lossy`]). Valid text, the usual case, is checked by `str::from_utf8`,
/// whose word-at-a-time loop is faster than the lossy decoder's in this build.
pub fn decode_lossy(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Turns CRLF and lone CR into LF, the only line ending the app keeps.
pub fn normalize_newlines(raw: &str) -> String {
    if !raw.contains('\r') {
        return raw.to_owned();
    }
    raw.replace("\r\n", "\n").replace('\r', "\n")
}

/// An immutable article text with its offset index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    s: String,
    index: OffsetIndex,
}

impl Text {
    /// A text from what the user pasted: line endings become LF.
    pub fn new(raw: &str) -> Self {
        Self::from_normalized(normalize_newlines(raw))
    }

    /// A text whose line endings are already LF.
    pub fn from_normalized(s: String) -> Self {
        let index = OffsetIndex::new(&s);
        Text { s, index }
    }

    /// The whole text.
    pub fn as_str(&self) -> &str {
        &self.s
    }

    /// The offset index for conversions between units.
    pub fn index(&self) -> &OffsetIndex {
        &self.index
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.s.len()
    }

    /// True for the empty text.
    pub fn is_empty(&self) -> bool {
        self.s.is_empty()
    }

    /// The text of a span; `None` if the span is out of range or splits a character.
    pub fn get(&self, span: Span) -> Option<&str> {
        self.s.get(span.range())
    }

    /// The text of a span that is known to be valid.
    ///
    /// # Panics
    /// If the span is out of range or splits a character.
    pub fn slice(&self, span: Span) -> &str {
        &self.s[span.range()]
    }

    /// A span given in code points, as files carry it; `None` if out of range.
    pub fn span_from_chars(&self, start: CharOffset, end: CharOffset) -> Option<Span> {
        let s = self.index.try_byte_from_char(start)?;
        let e = self.index.try_byte_from_char(end)?;
        (s <= e).then_some(Span { start: s, end: e })
    }

    /// As [`Self::span_from_chars`], the search starting from `near` (see
    /// [`OffsetIndex::try_byte_from_char_near`]).
    pub fn span_from_chars_near(
        &self,
        start: CharOffset,
        end: CharOffset,
        near: &mut usize,
    ) -> Option<Span> {
        let s = self.index.try_byte_from_char_near(start, near)?;
        let mut after = *near;
        let e = self.index.try_byte_from_char_near(end, &mut after)?;
        (s <= e).then_some(Span { start: s, end: e })
    }

    /// The span in code points, as files carry it.
    pub fn chars_of(&self, span: Span) -> (CharOffset, CharOffset) {
        (self.index.char(span.start), self.index.char(span.end))
    }

    /// The span in UTF-16 units, as the DOM counts.
    pub fn utf16_of(&self, span: Span) -> (Utf16Offset, Utf16Offset) {
        (self.index.utf16(span.start), self.index.utf16(span.end))
    }

    /// The paragraphs: every line that holds more than white space, without its newline.
    pub fn paragraphs(&self) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for line in self.s.split('\n') {
            let end = start + line.len();
            if !line.trim().is_empty() {
                out.push(Span::new(start, end));
            }
            start = end + 1;
        }
        out
    }

    /// True when `b` is a grapheme cluster boundary.
    pub fn is_grapheme_boundary(&self, b: ByteOffset) -> bool {
        if b.0 > self.s.len() || !self.s.is_char_boundary(b.0) {
            return false;
        }
        GraphemeCursor::new(b.0, self.s.len(), true)
            .is_boundary(&self.s, 0)
            .unwrap_or(true)
    }

    /// The nearest grapheme boundary at or before `b` (which must be a char boundary).
    fn grapheme_floor(&self, b: usize) -> usize {
        if self.is_grapheme_boundary(ByteOffset(b)) {
            return b;
        }
        GraphemeCursor::new(b, self.s.len(), true)
            .prev_boundary(&self.s, 0)
            .ok()
            .flatten()
            .unwrap_or(0)
    }

    /// The nearest grapheme boundary at or after `b` (which must be a char boundary).
    fn grapheme_ceil(&self, b: usize) -> usize {
        if self.is_grapheme_boundary(ByteOffset(b)) {
            return b;
        }
        GraphemeCursor::new(b, self.s.len(), true)
            .next_boundary(&self.s, 0)
            .ok()
            .flatten()
            .unwrap_or(self.s.len())
    }

    /// The line (without newline) that holds byte `b`, as a byte range.
    fn line_around(&self, b: usize) -> std::ops::Range<usize> {
        let start = self.s[..b].rfind('\n').map_or(0, |i| i + 1);
        let end = self.s[b..].find('\n').map_or(self.s.len(), |i| b + i);
        start..end
    }

    /// The word-like segment (UAX #29, holding a letter or digit) that strictly contains `b`.
    fn word_around(&self, b: usize) -> Option<std::ops::Range<usize>> {
        let line = self.line_around(b);
        // Segmenting from the line's start costs a few microseconds per byte in the size-optimised
        // wasm build; start instead at the last restart point at or before `b`.
        let base = restart_point(&self.s[line.start..b]) + line.start;
        // Segments come in order: none starting at or after `b` can hold it (so a `b` at a
        // word's edge stops there, rather than segmenting the rest of a long line).
        self.s[base..line.end]
            .split_word_bound_indices()
            .flat_map(|(i, w)| word_parts(base + i, w))
            .take_while(|&(s, _, _)| s < b)
            .find(|&(s, e, _)| s < b && b < e)
            .filter(|(_, _, w)| w.chars().any(char::is_alphanumeric))
            .map(|(s, e, _)| s..e)
    }

    /// The next grapheme boundary after `b`, or the end of the text.
    pub fn next_grapheme(&self, b: ByteOffset) -> ByteOffset {
        ByteOffset(
            GraphemeCursor::new(b.0.min(self.s.len()), self.s.len(), true)
                .next_boundary(&self.s, 0)
                .ok()
                .flatten()
                .unwrap_or(self.s.len()),
        )
    }

    /// The previous grapheme boundary before `b`, or the start of the text.
    pub fn prev_grapheme(&self, b: ByteOffset) -> ByteOffset {
        ByteOffset(
            GraphemeCursor::new(b.0.min(self.s.len()), self.s.len(), true)
                .prev_boundary(&self.s, 0)
                .ok()
                .flatten()
                .unwrap_or(0),
        )
    }

    /// Moves `b` by one word: forward or back, to the start or the end of a word (a UAX #29
    /// segment holding a letter, a digit or a symbol such as an emoji: anything but
    /// punctuation, spaces and invisible format characters). `None` when there is no such word
    /// that way.
    ///
    /// A possessive `’s` and an elision such as `l’` are words of their own here, so an edge
    /// can leave them out; and an end stepping forward stops first after the punctuation
    /// touching it (`rebuild|,”` → `rebuild,”|`), a start stepping back before the punctuation
    /// touching it (`“|We` → `|“We`), so a quote's marks can be taken in.
    pub fn word_step(&self, b: ByteOffset, forward: bool, to_start: bool) -> Option<ByteOffset> {
        let b = b.0.min(self.s.len());
        let is_word = |w: &str| w.chars().any(word_like);
        let marks =
            |w: &str| !w.is_empty() && w.chars().all(|c| !word_like(c) && !c.is_whitespace());
        if forward && !to_start {
            let run: usize = self.s[b..]
                .split_word_bound_indices()
                .take_while(|(_, w)| marks(w))
                .map(|(_, w)| w.len())
                .sum();
            let inside_word = self.s[b + run..].starts_with(word_like);
            if run > 0 && !inside_word && b > 0 && !self.s[..b].ends_with(char::is_whitespace) {
                return Some(ByteOffset(b + run));
            }
        }
        if !forward && to_start {
            let run: usize = self.s[..b]
                .split_word_bound_indices()
                .rev()
                .take_while(|(_, w)| marks(w))
                .map(|(_, w)| w.len())
                .sum();
            let inside_word = self.s[..b - run].ends_with(word_like);
            if run > 0
                && !inside_word
                && b < self.s.len()
                && !self.s[b..].starts_with(char::is_whitespace)
            {
                return Some(ByteOffset(b - run));
            }
        }
        let found = if forward {
            self.s[b..]
                .split_word_bound_indices()
                .flat_map(|(i, w)| word_parts(b + i, w))
                .filter(|(_, _, w)| is_word(w))
                .map(|(s, e, _)| if to_start { s } else { e })
                .find(|&x| x > b)
        } else {
            // Segmenting from the start of the text costs time in proportion to all of it:
            // start at a restart point before `b` (see `restart_point`), further back only while
            // no word is found.
            let mut base = b;
            loop {
                base = restart_point(&self.s[..base]);
                let last = self.s[base..b]
                    .split_word_bound_indices()
                    .flat_map(|(i, w)| word_parts(base + i, w))
                    .filter(|(_, _, w)| is_word(w))
                    .map(|(s, e, _)| if to_start { s } else { e })
                    .filter(|&x| x < b)
                    .last();
                if last.is_some() || base == 0 {
                    break last;
                }
            }
        };
        found.map(ByteOffset)
    }

    /// Every place `needle` stands as a whole word (not inside a longer word, not splitting a
    /// grapheme cluster), in order.
    pub fn whole_word_matches(&self, needle: &str) -> Vec<Span> {
        if needle.is_empty() {
            return Vec::new();
        }
        let wordish = |c: char| c.is_alphanumeric() || c == '_';
        let starts_word = needle.chars().next().is_some_and(wordish);
        let ends_word = needle.chars().next_back().is_some_and(wordish);
        self.s
            .match_indices(needle)
            .map(|(i, m)| Span::new(i, i + m.len()))
            .filter(|sp| {
                let before = self.s[..sp.start.0].chars().next_back();
                let after = self.s[sp.end.0..].chars().next();
                let glued_before = starts_word && before.is_some_and(wordish);
                let glued_after = ends_word && after.is_some_and(wordish);
                !glued_before
                    && !glued_after
                    && self.is_grapheme_boundary(sp.start)
                    && self.is_grapheme_boundary(sp.end)
            })
            .collect()
    }

    /// Snaps one end of a span being resized: onto a grapheme boundary (a start moves back, an
    /// end forward), and with `words`, out of a word it falls inside (a start to the word's start,
    /// an end to its end).
    pub fn snap_edge(&self, b: ByteOffset, is_start: bool, words: bool) -> ByteOffset {
        let mut x = b.0.min(self.s.len());
        while !self.s.is_char_boundary(x) {
            x -= 1;
        }
        x = if is_start {
            self.grapheme_floor(x)
        } else {
            self.grapheme_ceil(x)
        };
        if words {
            if let Some(w) = self.word_around(x) {
                x = if is_start { w.start } else { w.end };
            }
        }
        ByteOffset(x)
    }

    /// Narrows `[start, end)` past white space and invisible characters at both ends, a whole
    /// grapheme at a time; `None` when nothing else is left.
    fn trim_blank(&self, mut start: usize, mut end: usize) -> Option<(usize, usize)> {
        while start < end {
            let g = self.s[start..end].graphemes(true).next()?;
            if !is_blank(g) {
                break;
            }
            start += g.len();
        }
        while start < end {
            let g = self.s[start..end].graphemes(true).next_back()?;
            if !is_blank(g) {
                break;
            }
            end -= g.len();
        }
        (start < end).then_some((start, end))
    }

    /// Turns a raw selection into the span to annotate, or `None` when nothing is left.
    ///
    /// The ends may come in either order and are clamped to the text. The span never splits a
    /// grapheme cluster (it grows to whole clusters), drops white space at both ends, and with
    /// `words` grows to whole words at an end that falls inside one.
    pub fn snap(&self, a: ByteOffset, b: ByteOffset, words: bool) -> Option<Span> {
        let len = self.s.len();
        let floor_char = |mut x: usize| {
            x = x.min(len);
            while !self.s.is_char_boundary(x) {
                x -= 1;
            }
            x
        };
        let (lo, hi) = if a <= b { (a.0, b.0) } else { (b.0, a.0) };
        let start = self.grapheme_floor(floor_char(lo));
        let end = self.grapheme_ceil(floor_char(hi));
        let (mut start, mut end) = self.trim_blank(start, end)?;
        if words {
            if let Some(w) = self.word_around(start) {
                start = w.start;
            }
            if let Some(w) = self.word_around(end) {
                end = w.end;
            }
            // A word segment carries format characters after it (UAX #29); trim them again.
            (start, end) = self.trim_blank(start, end)?;
        }
        Some(Span::new(start, end))
    }
}

/// Elisions that open a word in French (`l’homme`, `qu’il`, `aujourd’hui` is not one: only
/// these, followed by a letter).
const ELISIONS: &[&str] = &[
    "l", "d", "j", "n", "s", "c", "m", "t", "qu", "jusqu", "lorsqu", "puisqu",
];

/// A UAX #29 word segment starting at byte `at`, split where an edge may fall inside it: before
/// a possessive `’s` / `'s` at its end (English, and German `geht’s`), and after an elision at
/// its start (French `l’`, `d’`, `qu’`). Each part as (start, end, text).
/// A character that makes a word for [`Text::word_step`]: a letter or digit, or a symbol such as
/// an emoji, a flag or `€`; not punctuation, a space, a control or an invisible format character
/// (zero-width space and joiner, bidi marks, variation selectors, tags, soft hyphen).
fn word_like(c: char) -> bool {
    if c.is_alphanumeric() {
        return true;
    }
    if c.is_whitespace() || c.is_control() || c.is_ascii_punctuation() {
        return false;
    }
    let u = c as u32;
    let format = matches!(u,
        0x00AD | 0x034F | 0x061C | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F
        | 0xFE00..=0xFE0F | 0xFEFF | 0x0300..=0x036F | 0x20D0..=0x20FF | 0xE0000..=0xE0FFF);
    let punctuation = matches!(u,
        0x00A1 | 0x00A7 | 0x00AB | 0x00B6 | 0x00B7 | 0x00BB | 0x00BF | 0x037E | 0x0387
        | 0x055A..=0x055F | 0x0589 | 0x05BE | 0x05C0 | 0x05C3 | 0x05C6 | 0x05F3 | 0x05F4
        | 0x060C | 0x060D | 0x061B | 0x061D..=0x061F | 0x066A..=0x066D | 0x06D4
        | 0x0964 | 0x0965 | 0x0E4F | 0x0E5A | 0x0E5B | 0x2010..=0x2027 | 0x2030..=0x205E
        | 0x2E00..=0x2E7F | 0x3001..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301F | 0x30FB
        | 0xFE10..=0xFE19 | 0xFE30..=0xFE52 | 0xFE54..=0xFE61 | 0xFE63 | 0xFE68 | 0xFE6A | 0xFE6B
        | 0xFF01..=0xFF03 | 0xFF05..=0xFF0A | 0xFF0C..=0xFF0F | 0xFF1A | 0xFF1B | 0xFF1F | 0xFF20
        | 0xFF3B..=0xFF3D | 0xFF3F | 0xFF5B | 0xFF5D | 0xFF5F..=0xFF65);
    !format && !punctuation
}

fn word_parts(at: usize, w: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut cuts: Vec<usize> = Vec::new();
    let apostrophe = |c: char| c == '’' || c == '\'';
    // an elision: letters, an apostrophe, then a letter
    if let Some(p) = w.find(apostrophe) {
        let head = &w[..p];
        let rest = &w[p..];
        let ap = rest.chars().next().map_or(0, char::len_utf8);
        if ELISIONS.iter().any(|e| head.eq_ignore_ascii_case(e))
            && rest[ap..].starts_with(char::is_alphabetic)
        {
            cuts.push(p + ap);
        }
    }
    // a possessive: a letter, an apostrophe, then s at the end
    for suffix in ["’s", "’S", "'s", "'S"] {
        if let Some(head) = w.strip_suffix(suffix) {
            if head.ends_with(char::is_alphabetic) && !cuts.contains(&head.len()) {
                cuts.push(head.len());
            }
        }
    }
    crate::sort::sort(&mut cuts);
    let mut bounds = vec![0];
    bounds.extend(cuts);
    bounds.push(w.len());
    bounds
        .windows(2)
        .map(move |p| (at + p[0], at + p[1], &w[p[0]..p[1]]))
        .collect::<Vec<_>>()
        .into_iter()
}

/// The last offset in `s` (a line's prefix) where UAX #29 word segmentation can restart as if
/// the text began there: right after an ASCII space and before an ASCII character that is not a
/// space, or 0. There is always a word boundary there (WB3d and WB4 cannot join a space to a
/// following non-space ASCII character, and no rule joins a space to anything else but
/// WB3d's spaces and WB4's extenders), and no later rule looks back past a space (the rules that
/// look two characters back, WB6-7 and WB11-12, need letters or digits there, and WB15-16
/// count regional indicators from a non-indicator), so segments from there on are the same.
fn restart_point(s: &str) -> usize {
    let b = s.as_bytes();
    (1..b.len())
        .rev()
        .find(|&i| b[i - 1] == b' ' && b[i].is_ascii() && b[i] != b' ')
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(text: &str, a: usize, b: usize, words: bool) -> Option<&str> {
        let t = Text::new(text);
        t.snap(ByteOffset(a), ByteOffset(b), words)
            .map(|s| &text[s.range()])
    }

    #[test]
    fn decode_lossy_borrows_valid_text_and_replaces_what_is_not() {
        let ok = "Zoë 😀 said “hi”".as_bytes();
        assert!(matches!(decode_lossy(ok), std::borrow::Cow::Borrowed(_)));
        assert_eq!(decode_lossy(ok), "Zoë 😀 said “hi”");
        let bad = b"a\xffb\xe2\x80c";
        assert_eq!(decode_lossy(bad), String::from_utf8_lossy(bad));
        assert_eq!(decode_lossy(bad), "a\u{FFFD}b\u{FFFD}c");
    }

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        assert_eq!(Text::new("a\r\nb\rc\n").as_str(), "a\nb\nc\n");
    }

    #[test]
    fn paragraphs_skip_blank_lines() {
        let t = Text::new("One.\n\n  \nTwo.\nThree.");
        let p: Vec<&str> = t.paragraphs().into_iter().map(|s| t.slice(s)).collect();
        assert_eq!(p, ["One.", "Two.", "Three."]);
    }

    #[test]
    fn snapping_grows_to_whole_words_and_trims_space() {
        // "The minister said" with a selection from inside "minister" to inside "said".
        assert_eq!(
            snap("The minister said it.", 6, 15, true),
            Some("minister said")
        );
        assert_eq!(snap("The minister said it.", 3, 13, true), Some("minister"));
        assert_eq!(
            snap("The minister said it.", 6, 15, false),
            Some("nister sa")
        );
    }

    #[test]
    fn reversed_and_out_of_range_selections_are_ordered_and_clamped() {
        assert_eq!(snap("abc def", 99, 5, true), Some("def"));
    }

    #[test]
    fn whitespace_only_or_empty_selection_is_nothing() {
        assert_eq!(snap("a   b", 1, 4, true), None);
        assert_eq!(snap("abc", 1, 1, false), None);
    }

    #[test]
    fn invisible_characters_alone_are_nothing_and_are_trimmed_at_the_ends() {
        // A right-to-left override alone (found dragging across a reversed word).
        let t = "a \u{202E}exe.txt\u{202C} b";
        let rlo = t.find('\u{202E}').unwrap();
        assert_eq!(snap(t, rlo, rlo + 3, false), None);
        assert_eq!(snap(t, rlo, rlo + 6, false), Some("exe"));
        // Word snapping would carry the closing PDF along with the word; it is trimmed too.
        let pdf = t.find('\u{202C}').unwrap();
        assert_eq!(snap(t, rlo, pdf + 3, true), Some("exe.txt"));
        assert_eq!(snap("x \u{200B}\u{2066} y", 1, 9, false), None);
        // A ZWJ inside an emoji sequence is part of a visible cluster and stays.
        assert_eq!(snap("👩‍💻", 0, "👩‍💻".len(), false), Some("👩‍💻"));
    }

    #[test]
    fn never_splits_a_grapheme_cluster() {
        let text = "x 👩🏽‍💻 e\u{301}t y";
        // Inside the ZWJ sequence: grows to the whole cluster.
        let inside = text.find('\u{1F3FD}').unwrap();
        assert_eq!(snap(text, inside, inside + 4, false), Some("👩🏽‍💻"));
        // Between e and its combining accent.
        let e = text.find('e').unwrap();
        assert_eq!(snap(text, e, e + 1, false), Some("e\u{301}"));
        // Word snapping keeps the accent in the word.
        assert_eq!(snap(text, e, e + 1, true), Some("e\u{301}t"));
    }

    #[test]
    fn punctuation_at_the_edge_is_kept_but_not_grown_into() {
        let text = "He said “we will win” today.";
        let open = text.find('“').unwrap();
        let close = text.find('”').unwrap() + '”'.len_utf8();
        assert_eq!(snap(text, open, close, true), Some("“we will win”"));
        assert_eq!(snap(text, open + 4, close - 5, true), Some("we will win"));
    }

    #[test]
    fn word_steps_move_to_the_neighbouring_word_starts_and_ends() {
        let t = Text::new("one, two three");
        let at = |x: Option<ByteOffset>| x.map(|b| b.0);
        assert_eq!(at(t.word_step(ByteOffset(0), true, true)), Some(5));
        assert_eq!(at(t.word_step(ByteOffset(0), true, false)), Some(3));
        assert_eq!(at(t.word_step(ByteOffset(8), false, true)), Some(5));
        assert_eq!(at(t.word_step(ByteOffset(8), false, false)), Some(3));
        assert_eq!(at(t.word_step(ByteOffset(9), true, true)), None);
        assert_eq!(at(t.word_step(ByteOffset(0), false, true)), None);
    }

    #[test]
    fn grapheme_steps_skip_whole_clusters() {
        let t = Text::new("a👩🏽‍💻b");
        assert_eq!(t.next_grapheme(ByteOffset(1)).0, 1 + "👩🏽‍💻".len());
        assert_eq!(t.prev_grapheme(ByteOffset(1 + "👩🏽‍💻".len())).0, 1);
    }

    #[test]
    fn whole_word_matches_skip_longer_words() {
        let t = Text::new("The minister, ministers and prime-minister; administer minister");
        let found: Vec<usize> = t
            .whole_word_matches("minister")
            .iter()
            .map(|s| s.start.0)
            .collect();
        assert_eq!(found, [4, 34, 55]);
        let t = Text::new("cafe cafe\u{301} café");
        assert_eq!(t.whole_word_matches("cafe").len(), 1);
    }

    #[test]
    fn cjk_words_snap_by_uax29() {
        let text = "记者 王小明 说";
        let start = text.find('小').unwrap();
        let got = snap(text, start, start + 3, true).unwrap();
        assert!(got.contains('小'), "{got}");
    }

    /// `word_around` as it was: segmenting the whole line.
    #[cfg(not(target_arch = "wasm32"))]
    fn word_around_from_line_start(t: &Text, b: usize) -> Option<std::ops::Range<usize>> {
        let line = t.line_around(b);
        let base = line.start;
        t.s[line]
            .split_word_bound_indices()
            .flat_map(|(i, w)| word_parts(base + i, w))
            .find(|&(s, e, _)| s < b && b < e)
            .filter(|(_, _, w)| w.chars().any(char::is_alphanumeric))
            .map(|(s, e, _)| s..e)
    }

    /// A step back by a word as it was worked out before restart points: segmenting from the
    /// start of the text (the touching-punctuation stop is the same code in both).
    #[cfg(not(target_arch = "wasm32"))]
    fn word_step_back_from_text_start(t: &Text, b: usize, to_start: bool) -> Option<ByteOffset> {
        if to_start {
            let marks =
                |w: &str| !w.is_empty() && w.chars().all(|c| !word_like(c) && !c.is_whitespace());
            let run: usize = t.s[..b]
                .split_word_bound_indices()
                .rev()
                .take_while(|(_, w)| marks(w))
                .map(|(_, w)| w.len())
                .sum();
            let inside_word = t.s[..b - run].ends_with(word_like);
            if run > 0
                && !inside_word
                && b < t.s.len()
                && !t.s[b..].starts_with(char::is_whitespace)
            {
                return Some(ByteOffset(b - run));
            }
        }
        let parts: Vec<_> = t.s[..b]
            .split_word_bound_indices()
            .flat_map(|(i, w)| word_parts(i, w))
            .collect();
        parts
            .into_iter()
            .rev()
            .filter(|(_, _, w)| w.chars().any(word_like))
            .map(|(s, e, _)| if to_start { s } else { e })
            .find(|&x| x < b)
            .map(ByteOffset)
    }

    #[test]
    fn restart_point_is_after_a_space_before_ascii() {
        assert_eq!(restart_point("ab cd"), 3);
        assert_eq!(restart_point("ab  "), 0);
        assert_eq!(restart_point("ab \u{301}x"), 0);
        assert_eq!(restart_point("a b c"), 4);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Restarting the segmentation finds the same word as segmenting the whole line, on text
        /// built from the characters that make UAX #29 look further than one character.
        #[test]
        fn word_around_matches_the_whole_line(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", "7", " ", "  ", "\n", "'", ".", ",", ":", "-", "_", "\u{301}", "\u{200d}",
                "\u{200b}", "\u{ad}", "\u{3000}", "\u{1f1e9}", "\u{1f1ea}", "\u{1f468}", "\u{2764}\u{fe0f}",
                "é", "中", "カ", "ー", "\u{5d0}", "\"", "\u{2019}", "1,000", "e.g.", "\t",
            ]), 0..40),
        ) {
            let text: String = parts.concat();
            let t = Text::new(&text);
            for b in (0..=t.s.len()).filter(|&b| t.s.is_char_boundary(b)) {
                proptest::prop_assert_eq!(t.word_around(b), word_around_from_line_start(&t, b), "at {} in {:?}", b, t.s);
                for to_start in [false, true] {
                    proptest::prop_assert_eq!(
                        t.word_step(ByteOffset(b), false, to_start),
                        word_step_back_from_text_start(&t, b, to_start),
                        "back from {} (to start: {}) in {:?}", b, to_start, t.s
                    );
                }
            }
        }
    }

    #[test]
    fn snapping_can_leave_out_a_possessive() {
        let t = "Today’s meeting and Maria's plan.";
        let at = |n: &str| t.find(n).unwrap();
        // "Today" selected exactly, or from inside it: the possessive stays out
        assert_eq!(snap(t, 0, at("’s"), true), Some("Today"));
        assert_eq!(snap(t, 1, 3, true), Some("Today"));
        // a selection reaching into it takes it in
        assert_eq!(snap(t, 0, at("’s") + "’".len() + 1, true), Some("Today’s"));
        assert_eq!(snap(t, at("Maria"), at("'s"), true), Some("Maria"));
    }

    #[test]
    fn snapping_can_leave_out_a_french_elision() {
        let t = "Il a vu l’homme qu’il cherchait.";
        let at = |n: &str| t.find(n).unwrap();
        assert_eq!(
            snap(t, at("homme") + 1, at("homme") + 3, true),
            Some("homme")
        );
        assert_eq!(snap(t, at("il c"), at("il c") + 2, true), Some("il"));
        // a word with an apostrophe that is no elision stays whole
        assert_eq!(snap(t, 0, 1, true), Some("Il"));
    }

    #[test]
    fn word_steps_stop_at_a_possessive_and_at_touching_punctuation() {
        let t = Text::new("“We will rebuild,” said Ana’s aide.");
        let s = t.as_str();
        let at = |n: &str| ByteOffset(s.find(n).unwrap());
        let after = |n: &str| ByteOffset(s.find(n).unwrap() + n.len());
        // an end stepping forward: first the closing marks, then the next word
        assert_eq!(
            t.word_step(after("rebuild"), true, false),
            Some(after(",”"))
        );
        assert_eq!(t.word_step(after(",”"), true, false), Some(after("said")));
        // a start stepping back: first the opening mark
        assert_eq!(t.word_step(at("We"), false, true), Some(ByteOffset(0)));
        // the possessive is a step of its own
        assert_eq!(t.word_step(at("Ana"), true, false), Some(after("Ana")));
        assert_eq!(t.word_step(after("Ana"), true, false), Some(after("Ana’s")));
    }

    #[test]
    fn word_steps_take_emoji_and_flags_as_words_but_not_invisible_marks() {
        let t = Text::new("Flags 🇯🇵 🇧🇷,\u{200B} 👨‍👩‍👧 came — 1️⃣ ok");
        let s = t.as_str();
        let after = |n: &str| ByteOffset(s.find(n).unwrap() + n.len());
        let at = |n: &str| ByteOffset(s.find(n).unwrap());
        assert_eq!(t.word_step(after("Flags"), true, false), Some(after("🇯🇵")));
        // the comma touching the flag (with the invisible mark after it), then the family
        let comma = after("🇧🇷,\u{200B}");
        assert_eq!(t.word_step(after("🇧🇷"), true, false), Some(comma));
        assert_eq!(t.word_step(comma, true, false), Some(after("👨‍👩‍👧")));
        // the dash is punctuation, not a word
        assert_eq!(t.word_step(after("came"), true, false), Some(after("1️⃣")));
        assert_eq!(t.word_step(at("came"), false, true), Some(at("👨‍👩‍👧")));
    }
}
