//! The suggestion rules of Article Annotator over plain text: tokens ([`lex`]), quotation
//! marks ([`quotes`]), the speaker of each quote (its attribution clause) and date
//! expressions. `annotator-core`'s `suggest` turns what [`find`] returns into suggestions on a
//! document; the conventions are in `docs/suggest.md`.
//!
//! A crate of its own so that it can be built for speed (opt-level 3: every character of an
//! article passes through it) while the rest of the app is built for size. It has no
//! dependencies and never panics on any input.

mod dates;
pub mod lex;
pub mod quotes;
mod speakers;
pub mod wire;

use std::collections::BTreeMap;

/// What a found span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Quoted words.
    Quote,
    /// Who said them.
    Speaker,
    /// A date or time expression.
    Date,
}

/// One span the rules propose, in UTF-8 bytes of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Raw {
    /// What it is.
    pub kind: Kind,
    /// Its start (a character boundary).
    pub start: usize,
    /// Its end (a character boundary, after `start`).
    pub end: usize,
    /// For a quote: the index, in the same vector, of its speaker.
    pub speaker: Option<usize>,
    /// For a quote: its cue (`said`, `told reporters`), when one was found.
    pub cue: Option<(usize, usize)>,
    /// For a quote: a fragment quoted inside reported speech (mixed), not a direct quote.
    pub mixed: bool,
}

/// The quotes (each with its speaker and cue), speakers and dates the rules find in `s`, in
/// the order found: quotes with their speakers first, then dates. Several quotes may share
/// one speaker.
pub fn find(s: &str) -> Vec<Raw> {
    let toks = lex::tokenize(s);
    let lang = lex::detect_language(&toks);
    let found = quotes::find(s);
    let infos = speakers::attribute(s, &toks, &found, lang);
    let mut out: Vec<Raw> = Vec::new();
    let mut speaker_index: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (q, info) in found.iter().zip(&infos) {
        let keep = info.speaker.is_some()
            || ((!info.named || info.term)
                && (info.words >= 4 || (info.punct_inside && info.words >= 1)))
            || (!info.named && info.reported && info.words >= 1);
        if !keep {
            continue;
        }
        let qi = out.len();
        out.push(Raw {
            kind: Kind::Quote,
            start: q.start,
            end: q.end,
            speaker: None,
            cue: info.cue,
            mixed: info.fragment,
        });
        if let Some(sp) = info.speaker.filter(|(a, b)| a < b) {
            let si = *speaker_index.entry(sp).or_insert_with(|| {
                out.push(Raw {
                    kind: Kind::Speaker,
                    start: sp.0,
                    end: sp.1,
                    speaker: None,
                    cue: None,
                    mixed: false,
                });
                out.len() - 1
            });
            out[qi].speaker = Some(si);
        }
    }
    for (a, b) in dates::find(&toks, lang) {
        if a < b {
            out.push(Raw {
                kind: Kind::Date,
                start: a,
                end: b,
                speaker: None,
                cue: None,
                mixed: false,
            });
        }
    }
    out
}
