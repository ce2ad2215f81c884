//! JSON strings written fast: the article's text is most of every file and every saved record,
//! and serde_json, built for size like the rest of the app, escaped it a byte at a time (50 ms
//! of an export's 180 at 1,000,000 words). Here eight bytes are checked at once, and runs that
//! need no escape are copied whole. The output is byte for byte serde_json's (a property test
//! holds them equal), so files and records do not change.
//!
//! [`Cursor`] reads JSON of a known shape the same way: it reads only what serde_json reads the
//! same, and gives up (`None`) on anything else, for the caller to read with serde_json, which
//! then also names the fault.

use std::borrow::Cow;

/// Appends `s` as a JSON string, quotes included.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    escape_into(out, s);
    out.push(b'"');
}

/// Appends the inside of `s` as a JSON string, without its quotes: `"`, `\` and the control
/// characters escaped as serde_json escapes them, everything else as it is.
pub fn escape_into(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(word) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
            if !may_need_escape(word) {
                i += 8;
                continue;
            }
        }
        if let Some(escape) = escape_of(bytes[i]) {
            out.extend_from_slice(&bytes[copied..i]);
            match escape {
                Escape::Short(c) => out.extend_from_slice(&[b'\\', c]),
                Escape::Unicode(b) => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.extend_from_slice(b"\\u00");
                    out.push(HEX[usize::from(b >> 4)]);
                    out.push(HEX[usize::from(b & 0xf)]);
                }
            }
            copied = i + 1;
        }
        i += 1;
    }
    out.extend_from_slice(&bytes[copied..]);
}

/// Appends `n` in decimal, as serde_json writes an integer.
pub fn put_usize(out: &mut Vec<u8>, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

enum Escape {
    /// `\` and this character.
    Short(u8),
    /// `\u00XX` for this byte.
    Unicode(u8),
}

fn escape_of(b: u8) -> Option<Escape> {
    Some(match b {
        b'"' => Escape::Short(b'"'),
        b'\\' => Escape::Short(b'\\'),
        0x08 => Escape::Short(b'b'),
        0x0c => Escape::Short(b'f'),
        b'\n' => Escape::Short(b'n'),
        b'\r' => Escape::Short(b'r'),
        b'\t' => Escape::Short(b't'),
        0..=0x1f => Escape::Unicode(b),
        _ => return None,
    })
}

/// A reader of JSON text of a known shape, a value at a time. Each method reads one value and
/// returns `None`, leaving the cursor anywhere, when what follows is not that value exactly as
/// serde_json would read it into the Rust type named: an escape for half a surrogate pair, a
/// number with a fraction, exponent or leading zero, or one that overflows, a raw control
/// character in a string. The caller then reads the whole text with serde_json instead.
pub struct Cursor<'a> {
    src: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `src`.
    pub fn new(src: &'a str) -> Self {
        Cursor { src, at: 0 }
    }

    /// The next byte after any whitespace, not taken.
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.src.as_bytes();
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(self.at) {
            self.at += 1;
        }
        bytes.get(self.at).copied()
    }

    /// Takes `b`, after any whitespace, when it is next.
    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.at += 1)
    }

    /// True when only whitespace is left.
    pub fn at_end(&mut self) -> bool {
        self.peek().is_none()
    }

    /// Takes `null` when it is next.
    pub fn null(&mut self) -> bool {
        let is_null = self.peek() == Some(b'n') && self.src[self.at..].starts_with("null");
        if is_null {
            self.at += 4;
        }
        is_null
    }

    /// A string, borrowed from the text when it holds no escape.
    pub fn str(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let bytes = self.src.as_bytes();
        let start = self.at;
        let mut i = self.plain_run(start);
        match *bytes.get(i)? {
            b'"' => {
                self.at = i + 1;
                return Some(Cow::Borrowed(&self.src[start..i]));
            }
            b'\\' => {}
            _ => return None,
        }
        let mut out = String::with_capacity(i - start + 16);
        out.push_str(&self.src[start..i]);
        loop {
            match *bytes.get(i)? {
                b'"' => {
                    self.at = i + 1;
                    return Some(Cow::Owned(out));
                }
                b'\\' => {
                    let c = match *bytes.get(i + 1)? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hex = self.src.get(i + 2..i + 6)?;
                            i += 4;
                            if !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
                                return None;
                            }
                            // half a surrogate pair gives None: serde_json reads the pair
                            char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
                        }
                        _ => return None,
                    };
                    out.push(c);
                    i += 2;
                }
                0..=0x1f => return None,
                _ => {
                    let end = self.plain_run(i);
                    out.push_str(&self.src[i..end]);
                    i = end;
                }
            }
        }
    }

    /// Where the run of string bytes from `i` that need no escape ends: at a `"`, a `\`, a
    /// control character or the end.
    fn plain_run(&self, mut i: usize) -> usize {
        let bytes = self.src.as_bytes();
        while let Some(word) = bytes.get(i..i + 8) {
            if may_need_escape(u64::from_le_bytes(word.try_into().expect("eight bytes"))) {
                break;
            }
            i += 8;
        }
        while bytes
            .get(i)
            .is_some_and(|&b| b >= 0x20 && b != b'"' && b != b'\\')
        {
            i += 1;
        }
        i
    }

    /// An owned string.
    pub fn string(&mut self) -> Option<String> {
        self.str().map(Cow::into_owned)
    }

    /// A string or `null`.
    pub fn opt_string(&mut self) -> Option<Option<String>> {
        if self.null() {
            return Some(None);
        }
        self.string().map(Some)
    }

    /// A whole number written as serde_json writes one: digits, no sign, no leading zero.
    pub fn u64(&mut self) -> Option<u64> {
        self.peek()?;
        let bytes = self.src.as_bytes();
        let mut i = self.at;
        let first = *bytes.get(i)?;
        if !first.is_ascii_digit() {
            return None;
        }
        let mut n = u64::from(first - b'0');
        i += 1;
        if first != b'0' {
            while let Some(&d) = bytes.get(i).filter(|d| d.is_ascii_digit()) {
                n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
                i += 1;
            }
        }
        if matches!(bytes.get(i), Some(b'0'..=b'9' | b'.' | b'e' | b'E')) {
            return None;
        }
        self.at = i;
        Some(n)
    }

    /// A whole number that fits a `usize`.
    pub fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }

    /// An object: `member` reads each member's value, given its key.
    pub fn object(&mut self, mut member: impl FnMut(&str, &mut Self) -> Option<()>) -> Option<()> {
        self.list([b'{', b'}'], |c| {
            let key = c.str()?;
            c.eat(b':')?;
            member(&key, c)
        })
    }

    /// An array: `item` reads each item.
    pub fn array(&mut self, item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.list([b'[', b']'], item)
    }

    /// Items between `open` and `close`, separated by commas, each read by `item`.
    fn list(
        &mut self,
        [open, close]: [u8; 2],
        mut item: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<()> {
        self.eat(open)?;
        if self.eat(close).is_some() {
            return Some(());
        }
        loop {
            item(self)?;
            match self.peek()? {
                b',' => self.at += 1,
                b if b == close => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }
}

/// Fills an empty `slot` with `value`; `None` when it was full (a key given twice).
pub fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    slot.is_none().then(|| *slot = Some(value))
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// True when some byte of `w` is below 0x20, `"` or `\` (never false when one is).
fn may_need_escape(w: u64) -> bool {
    // a byte below n (n <= 0x80) sets its high bit in (w - n) & !w; for equality, xor first
    let below_space = w.wrapping_sub(ONES * 0x20) & !w;
    let quote = w ^ (ONES * u64::from(b'"'));
    let backslash = w ^ (ONES * u64::from(b'\\'));
    let zero_in = |v: u64| v.wrapping_sub(ONES) & !v;
    (below_space | zero_in(quote) | zero_in(backslash)) & HIGHS != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(s: &str) -> String {
        let mut out = Vec::new();
        put_str(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_ascii_byte_is_escaped_as_serde_json_escapes_it() {
        for b in 0u8..0x80 {
            for at in 0..17 {
                let mut s = "a".repeat(at);
                s.push(char::from(b));
                s.push_str("bcdefghij");
                assert_eq!(
                    ours(&s),
                    serde_json::to_string(&s).unwrap(),
                    "byte {b:#x} at {at}"
                );
            }
        }
    }

    #[test]
    fn long_runs_multibyte_text_and_the_empty_string_are_copied_as_they_are() {
        for s in [
            "",
            "plain words that need no escape at all, more than eight bytes",
            "é“quoted”—👍🏽 and \u{7f} and \u{2028}",
            "\"\\\n\r\t\u{8}\u{c}\u{0}\u{1f}",
        ] {
            assert_eq!(ours(s), serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX] {
            let mut out = Vec::new();
            put_usize(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }

    #[test]
    fn the_word_check_finds_each_byte_that_needs_escaping_in_every_position() {
        for b in 0u8..=255 {
            let needs = b < 0x20 || b == b'"' || b == b'\\';
            for at in 0..8 {
                let mut w = [b'a'; 8];
                w[at] = b;
                assert_eq!(
                    may_need_escape(u64::from_le_bytes(w)),
                    needs,
                    "{b:#x} at {at}"
                );
            }
        }
    }
}
