//! [`Raw`] spans as plain numbers, to cross from the worker that runs the rules to the page
//! (a `Uint32Array` moves between threads without being copied field by field).
//!
//! Seven numbers per span: kind (0 quote, 1 speaker, 2 date), start, end, speaker index + 1
//! (0 for none), cue start, cue end, flags (bit 0: mixed, bit 1: has a cue). Offsets are UTF-8
//! bytes of the text; an article is far smaller than 4 GiB (`annotator-core`'s limits).

use crate::{Kind, Raw};

/// Numbers per span.
const WIDTH: usize = 7;

/// `raws` as numbers. An offset too large for a `u32` (a text over 4 GiB) is not sent: the
/// span is left out, and a quote pointing at it loses its speaker.
pub fn pack(raws: &[Raw]) -> Vec<u32> {
    let fits = |x: usize| u32::try_from(x).ok();
    let mut out = Vec::with_capacity(raws.len() * WIDTH);
    for r in raws {
        let (Some(start), Some(end)) = (fits(r.start), fits(r.end)) else {
            continue;
        };
        let cue = r.cue.and_then(|(a, b)| Some((fits(a)?, fits(b)?)));
        let speaker = r.speaker.and_then(|i| fits(i.checked_add(1)?)).unwrap_or(0);
        out.extend([
            r.kind as u32,
            start,
            end,
            speaker,
            cue.map_or(0, |c| c.0),
            cue.map_or(0, |c| c.1),
            u32::from(r.mixed) | (u32::from(cue.is_some()) << 1),
        ]);
    }
    out
}

/// The spans [`pack`] made, or `None` when `words` cannot be its output: a length that is not
/// a whole number of spans, an unknown kind or flag, an empty or reversed span or cue, or a
/// speaker index past the end.
pub fn unpack(words: &[u32]) -> Option<Vec<Raw>> {
    if !words.len().is_multiple_of(WIDTH) {
        return None;
    }
    let n = words.len() / WIDTH;
    let at = |x: u32| usize::try_from(x).ok();
    words
        .chunks_exact(WIDTH)
        .map(|w| {
            let kind = match w[0] {
                0 => Kind::Quote,
                1 => Kind::Speaker,
                2 => Kind::Date,
                _ => return None,
            };
            let (start, end) = (at(w[1])?, at(w[2])?);
            if start >= end || w[6] > 3 {
                return None;
            }
            let speaker = match w[3] {
                0 => None,
                i => Some(at(i - 1).filter(|&i| i < n)?),
            };
            let cue = if w[6] & 2 != 0 {
                let (a, b) = (at(w[4])?, at(w[5])?);
                if a >= b {
                    return None;
                }
                Some((a, b))
            } else {
                None
            };
            Some(Raw {
                kind,
                start,
                end,
                speaker,
                cue,
                mixed: w[6] & 1 != 0,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(kind: Kind, start: usize, end: usize) -> Raw {
        Raw {
            kind,
            start,
            end,
            speaker: None,
            cue: None,
            mixed: false,
        }
    }

    #[test]
    fn what_the_rules_find_comes_back_the_same() {
        let text = "“We will build it,” said Mayor Ines Valcourt on Tuesday. “Soon,” she added.";
        let found = crate::find(text);
        assert!(found
            .iter()
            .any(|r| r.kind == Kind::Quote && r.speaker.is_some()));
        assert!(found.iter().any(|r| r.cue.is_some()));
        assert!(found.iter().any(|r| r.kind == Kind::Date));
        assert_eq!(unpack(&pack(&found)), Some(found));
    }

    #[test]
    fn every_field_survives() {
        let spans = vec![
            Raw {
                speaker: Some(1),
                cue: Some((30, 34)),
                mixed: true,
                ..raw(Kind::Quote, 0, 20)
            },
            raw(Kind::Speaker, 35, 40),
            raw(Kind::Date, 41, 50),
        ];
        assert_eq!(unpack(&pack(&spans)), Some(spans));
        assert_eq!(unpack(&[]), Some(Vec::new()));
    }

    #[test]
    fn numbers_that_pack_cannot_make_are_refused() {
        let good = pack(&[raw(Kind::Quote, 0, 5)]);
        assert!(unpack(&good).is_some());
        assert_eq!(unpack(&good[..6]), None, "not a whole span");
        let bad = |i: usize, v: u32| {
            let mut w = good.clone();
            w[i] = v;
            unpack(&w)
        };
        assert_eq!(bad(0, 3), None, "unknown kind");
        assert_eq!(bad(1, 5), None, "empty span");
        assert_eq!(bad(3, 2), None, "speaker past the end");
        assert_eq!(bad(6, 4), None, "unknown flag");
        assert_eq!(bad(6, 2), None, "an empty cue");
        assert!(bad(3, 1).is_some(), "a speaker index within the list");
    }
}
