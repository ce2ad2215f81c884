//! Offsets in the three units the app meets, each its own type so one can never be passed for another.
//!
//! - [`ByteOffset`]: UTF-8 bytes, the unit everything inside `core` uses.
//! - [`Utf16Offset`]: UTF-16 code units, the unit of the DOM (`Selection`, `Range`, `Text.length`).
//! - [`CharOffset`]: Unicode scalar values (code points), the unit of the exported JSON.
//!
//! [`OffsetIndex`] converts between them in `O(log n)` using the positions of non-ASCII characters
//! only, so an ASCII article costs nothing to index.

use serde::{Deserialize, Serialize};

macro_rules! offset_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub usize);

        impl $name {
            /// The offset as a plain number.
            pub const fn get(self) -> usize {
                self.0
            }
        }
    };
}

offset_type!(
    /// An offset in UTF-8 bytes.
    ByteOffset
);
offset_type!(
    /// An offset in UTF-16 code units, as the DOM counts.
    Utf16Offset
);
offset_type!(
    /// An offset in Unicode scalar values (code points), as the exported file counts.
    CharOffset
);

/// A half-open byte range `[start, end)` of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the span.
    pub start: ByteOffset,
    /// One past the last byte of the span.
    pub end: ByteOffset,
}

impl Span {
    /// A span from two byte offsets; `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span {
            start: ByteOffset(start),
            end: ByteOffset(end),
        }
    }

    /// The span as a `Range<usize>` of bytes, to slice a `str` with.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start.0..self.end.0
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end.0 - self.start.0
    }

    /// True when the span covers nothing.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies wholly inside `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// One non-ASCII character: where it starts in each unit and how long it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Wide {
    byte: u32,
    utf16: u32,
    char: u32,
    len8: u8,
    len16: u8,
}

/// Converts offsets between UTF-8, UTF-16 and code points for one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetIndex {
    wide: Vec<Wide>,
    len8: usize,
    len16: usize,
    len_chars: usize,
}

impl OffsetIndex {
    /// Indexes `text`. Texts are limited to `u32::MAX` bytes, far beyond what a page can hold.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut wide = Vec::new();
        let (mut i, mut u16s, mut chars) = (0usize, 0usize, 0usize);
        loop {
            // a run of ASCII: one UTF-16 unit and one code point per byte
            let run = bytes[i..]
                .iter()
                .position(|&b| b >= 0x80)
                .unwrap_or(bytes.len() - i);
            (i, u16s, chars) = (i + run, u16s + run, chars + run);
            let Some(&lead) = bytes.get(i) else { break };
            // a valid str: the leading byte says how long the character is
            let len8: u8 = match lead {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            let len16: u8 = if len8 == 4 { 2 } else { 1 };
            wide.push(Wide {
                byte: i as u32,
                utf16: u16s as u32,
                char: chars as u32,
                len8,
                len16,
            });
            (i, u16s, chars) = (i + len8 as usize, u16s + len16 as usize, chars + 1);
        }
        OffsetIndex {
            wide,
            len8: text.len(),
            len16: u16s,
            len_chars: chars,
        }
    }

    /// Length of the text in bytes.
    pub fn len_bytes(&self) -> ByteOffset {
        ByteOffset(self.len8)
    }

    /// Length of the text in UTF-16 code units.
    pub fn len_utf16(&self) -> Utf16Offset {
        Utf16Offset(self.len16)
    }

    /// Length of the text in code points.
    pub fn len_chars(&self) -> CharOffset {
        CharOffset(self.len_chars)
    }

    /// The UTF-16 offset of a byte offset; `None` inside a character or past the end.
    pub fn try_utf16(&self, b: ByteOffset) -> Option<Utf16Offset> {
        if b.0 > self.len8 {
            return None;
        }
        let i = self.wide.partition_point(|w| (w.byte as usize) < b.0);
        let Some(w) = i.checked_sub(1).map(|i| self.wide[i]) else {
            return Some(Utf16Offset(b.0));
        };
        let after = w.byte as usize + w.len8 as usize;
        (b.0 >= after).then(|| Utf16Offset(w.utf16 as usize + w.len16 as usize + (b.0 - after)))
    }

    /// The code-point offset of a byte offset; `None` inside a character or past the end.
    pub fn try_char(&self, b: ByteOffset) -> Option<CharOffset> {
        if b.0 > self.len8 {
            return None;
        }
        let i = self.wide.partition_point(|w| (w.byte as usize) < b.0);
        let Some(w) = i.checked_sub(1).map(|i| self.wide[i]) else {
            return Some(CharOffset(b.0));
        };
        let after = w.byte as usize + w.len8 as usize;
        (b.0 >= after).then(|| CharOffset(w.char as usize + 1 + (b.0 - after)))
    }

    /// The byte offset of a UTF-16 offset; `None` between the halves of a surrogate pair or past the end.
    pub fn try_byte_from_utf16(&self, u: Utf16Offset) -> Option<ByteOffset> {
        if u.0 > self.len16 {
            return None;
        }
        let i = self.wide.partition_point(|w| (w.utf16 as usize) < u.0);
        let Some(w) = i.checked_sub(1).map(|i| self.wide[i]) else {
            return Some(ByteOffset(u.0));
        };
        let after = w.utf16 as usize + w.len16 as usize;
        (u.0 >= after).then(|| ByteOffset(w.byte as usize + w.len8 as usize + (u.0 - after)))
    }

    /// The byte offset of a code-point offset; `None` past the end.
    pub fn try_byte_from_char(&self, c: CharOffset) -> Option<ByteOffset> {
        if c.0 > self.len_chars {
            return None;
        }
        let i = self.wide.partition_point(|w| (w.char as usize) < c.0);
        Some(self.byte_after_wide(i, c))
    }

    /// The byte offset of `c`, given that the first `i` wide characters come before it and the
    /// others do not.
    fn byte_after_wide(&self, i: usize, c: CharOffset) -> ByteOffset {
        match i.checked_sub(1).map(|i| self.wide[i]) {
            None => ByteOffset(c.0),
            Some(w) => ByteOffset(w.byte as usize + w.len8 as usize + (c.0 - w.char as usize - 1)),
        }
    }

    /// As [`Self::try_byte_from_char`], searching from `near` and leaving there what this
    /// offset's search found: offsets asked in order (a file's annotations, sorted by start) each
    /// take a few steps from the last one instead of a search of the whole text.
    pub fn try_byte_from_char_near(&self, c: CharOffset, near: &mut usize) -> Option<ByteOffset> {
        if c.0 > self.len_chars {
            return None;
        }
        let before = |w: &Wide| (w.char as usize) < c.0;
        let len = self.wide.len();
        let mut lo = (*near).min(len);
        let i = if lo > 0 && !before(&self.wide[lo - 1]) {
            self.wide[..lo].partition_point(before)
        } else {
            // everything before lo is before c: gallop forward
            let mut step = 1;
            while lo + step <= len && before(&self.wide[lo + step - 1]) {
                lo += step;
                step *= 2;
            }
            lo + self.wide[lo..(lo + step).min(len)].partition_point(before)
        };
        *near = i;
        Some(self.byte_after_wide(i, c))
    }

    /// The UTF-16 offset of a byte offset that lies on a character boundary.
    ///
    /// # Panics
    /// If `b` is inside a character or past the end; use [`Self::try_utf16`] for untrusted input.
    pub fn utf16(&self, b: ByteOffset) -> Utf16Offset {
        self.try_utf16(b)
            .unwrap_or_else(|| panic!("byte offset {} is not a character boundary", b.0))
    }

    /// The code-point offset of a byte offset that lies on a character boundary.
    ///
    /// # Panics
    /// If `b` is inside a character or past the end; use [`Self::try_char`] for untrusted input.
    pub fn char(&self, b: ByteOffset) -> CharOffset {
        self.try_char(b)
            .unwrap_or_else(|| panic!("byte offset {} is not a character boundary", b.0))
    }

    /// The byte offset of a UTF-16 offset, moved back to the start of a surrogate pair it splits,
    /// and clamped to the end of the text. For DOM positions, which are untrusted.
    pub fn byte_from_utf16_floor(&self, u: Utf16Offset) -> ByteOffset {
        let u = Utf16Offset(u.0.min(self.len16));
        self.try_byte_from_utf16(u)
            .or_else(|| self.try_byte_from_utf16(Utf16Offset(u.0 - 1)))
            .expect("a UTF-16 offset one before a split pair is a boundary")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_offsets_are_identical_in_every_unit() {
        let ix = OffsetIndex::new("hello");
        for i in 0..=5 {
            assert_eq!(ix.utf16(ByteOffset(i)), Utf16Offset(i));
            assert_eq!(ix.char(ByteOffset(i)), CharOffset(i));
        }
        assert_eq!(ix.try_utf16(ByteOffset(6)), None);
    }

    #[test]
    fn emoji_is_four_bytes_two_units_one_char() {
        let ix = OffsetIndex::new("a😀b");
        assert_eq!(ix.utf16(ByteOffset(5)), Utf16Offset(3));
        assert_eq!(ix.char(ByteOffset(5)), CharOffset(2));
        assert_eq!(ix.try_utf16(ByteOffset(2)), None);
        assert_eq!(ix.try_byte_from_utf16(Utf16Offset(2)), None);
        assert_eq!(ix.byte_from_utf16_floor(Utf16Offset(2)), ByteOffset(1));
        assert_eq!(ix.try_byte_from_char(CharOffset(2)), Some(ByteOffset(5)));
        assert_eq!(ix.len_utf16(), Utf16Offset(4));
        assert_eq!(ix.len_chars(), CharOffset(3));
    }

    #[test]
    fn every_scalar_value_round_trips_through_all_three_units() {
        // Every Unicode scalar value, each between two ASCII letters, in one text.
        let mut text = String::new();
        let mut expect = Vec::new(); // (byte, utf16, char) before each scalar
        let (mut u16s, mut chars) = (0, 0);
        for cp in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            text.push('x');
            u16s += 1;
            chars += 1;
            expect.push((text.len(), u16s, chars));
            text.push(cp);
            u16s += cp.len_utf16();
            chars += 1;
        }
        let ix = OffsetIndex::new(&text);
        for &(b, u, c) in &expect {
            assert_eq!(ix.utf16(ByteOffset(b)), Utf16Offset(u));
            assert_eq!(ix.char(ByteOffset(b)), CharOffset(c));
            assert_eq!(ix.try_byte_from_utf16(Utf16Offset(u)), Some(ByteOffset(b)));
            assert_eq!(ix.try_byte_from_char(CharOffset(c)), Some(ByteOffset(b)));
        }
        assert_eq!(ix.len_utf16().0, text.encode_utf16().count());
        assert_eq!(ix.len_chars().0, text.chars().count());
    }

    #[test]
    fn inside_a_character_is_none_in_every_direction() {
        let ix = OffsetIndex::new("é中😀");
        assert_eq!(ix.try_utf16(ByteOffset(1)), None);
        assert_eq!(ix.try_char(ByteOffset(3)), None);
        assert_eq!(ix.try_char(ByteOffset(6)), None);
        assert_eq!(ix.try_char(ByteOffset(5)), Some(CharOffset(2)));
        assert_eq!(ix.try_byte_from_utf16(Utf16Offset(3)), None);
        assert_eq!(ix.try_byte_from_utf16(Utf16Offset(4)), Some(ByteOffset(9)));
        assert_eq!(ix.try_byte_from_char(CharOffset(4)), None);
    }
}
