//! JSON strings written fast: the article's text is most of every file and every saved record,
//! and serde_json, built for size like the rest of the app, escaped it a byte at a time (50 ms
//! of an export's 180 at 1,000,000 words). Here eight bytes are checked at once, and runs that
//! need no escape are copied whole. The output is byte for byte serde_json's (a property test
//! holds them equal), so files and records do not change.

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
