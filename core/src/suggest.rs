//! "Suggest": proposes quotes, speakers (with the attribution of each quote) and dates by
//! rules, instantly, with no model and no network.
//!
//! The conventions (what each span covers) and the rules are described in `docs/suggest.md`;
//! in short:
//!
//! - a **quote** spans from its opening quotation mark to its closing mark, both included; a
//!   quotation continued over several paragraphs is one span; quotes nested inside a quote are
//!   part of it; short quotes with no attribution and no sentence punctuation (scare quotes,
//!   titles) are left out;
//! - a **speaker** is the mention in the quote's attribution clause: a name with its
//!   capitalised titles (`Dr. Ines Valcourt`), a pronoun (`she`) or a role phrase with its
//!   determiner (`a company spokesperson`), never an appositive or a prepositional phrase;
//! - a **date** covers a whole date or time expression (`Thursday, April 24, 2026`, `March 18
//!   and 19`, `last week`, `9 a.m.`), without a leading preposition except the `from` and
//!   `between` of a range; a time and a date next to each other are two spans.
//!
//! [`suggest`] is deterministic, never panics, and runs in linear time.

mod dates;
pub mod group;
mod lex;
mod quotes;
mod score;
mod speakers;

pub use score::{differences, score, Counts, Difference, Scores, Target};

use crate::document::QuoteKind;
use crate::offset::Span;
use crate::text::Text;
use std::collections::BTreeMap;

/// What a suggestion proposes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SuggestKind {
    /// Quoted words (label `quote`).
    Quote,
    /// Who said them (label `speaker`).
    Speaker,
    /// A date or time (label `date`).
    Date,
}

impl SuggestKind {
    /// The name of the default label it goes with.
    pub fn label_name(self) -> &'static str {
        match self {
            SuggestKind::Quote => "quote",
            SuggestKind::Speaker => "speaker",
            SuggestKind::Date => "date",
        }
    }
}

/// One proposed span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// What it is.
    pub kind: SuggestKind,
    /// Where, in UTF-8 bytes; never empty, always on character boundaries.
    pub span: Span,
    /// For a quote: the index, in the same vector, of the [`SuggestKind::Speaker`] suggestion
    /// it is attributed to. Several quotes may share one speaker suggestion.
    pub speaker: Option<usize>,
    /// For a quote: its cue (`said`, `told reporters`, `according to`), when one was found.
    /// A quote that carries on from an earlier one has its speaker but no cue.
    pub cue: Option<Span>,
    /// For a quote: direct, or mixed for a fragment quoted inside reported speech.
    pub quote_kind: Option<QuoteKind>,
}

/// Proposes quotes, speakers and dates for `text`, sorted by start (then end, then kind).
pub fn suggest(text: &Text) -> Vec<Suggestion> {
    suggest_str(text.as_str())
}

/// [`suggest`] on a plain string.
pub fn suggest_str(s: &str) -> Vec<Suggestion> {
    let toks = lex::tokenize(s);
    let lang = lex::detect_language(&toks);
    let found = quotes::find(s);
    let infos = speakers::attribute(s, &toks, &found, lang);
    let mut out: Vec<Suggestion> = Vec::new();
    let mut speaker_index: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut links: Vec<(usize, usize)> = Vec::new(); // (quote, speaker) positions in `out`
    for (q, info) in found.iter().zip(&infos) {
        let keep = info.speaker.is_some()
            || ((!info.named || info.term)
                && (info.words >= 4 || (info.punct_inside && info.words >= 1)))
            || (!info.named && info.reported && info.words >= 1);
        if !keep {
            continue;
        }
        let qi = out.len();
        out.push(Suggestion {
            kind: SuggestKind::Quote,
            span: Span::new(q.start, q.end),
            speaker: None,
            cue: info.cue.map(|(a, b)| Span::new(a, b)),
            quote_kind: Some(if info.fragment {
                QuoteKind::Mixed
            } else {
                QuoteKind::Direct
            }),
        });
        if let Some(sp) = info.speaker.filter(|(a, b)| a < b) {
            let si = *speaker_index.entry(sp).or_insert_with(|| {
                out.push(Suggestion {
                    kind: SuggestKind::Speaker,
                    span: Span::new(sp.0, sp.1),
                    speaker: None,
                    cue: None,
                    quote_kind: None,
                });
                out.len() - 1
            });
            links.push((qi, si));
        }
    }
    for (a, b) in dates::find(&toks, lang) {
        if a < b {
            out.push(Suggestion {
                kind: SuggestKind::Date,
                span: Span::new(a, b),
                speaker: None,
                cue: None,
                quote_kind: None,
            });
        }
    }
    for (q, sp) in links {
        out[q].speaker = Some(sp);
    }
    // Sort, then point the quotes at their speakers' new places.
    let mut order: Vec<usize> = (0..out.len()).collect();
    crate::sort::sort_by_key(&mut order, |&i| {
        (out[i].span.start, out[i].span.end, out[i].kind, i)
    });
    let mut new_place = vec![0; out.len()];
    for (new, &old) in order.iter().enumerate() {
        new_place[old] = new;
    }
    let mut sorted: Vec<Suggestion> = order.iter().map(|&i| out[i].clone()).collect();
    for s in &mut sorted {
        if let Some(i) = s.speaker {
            s.speaker = Some(new_place[i]);
        }
    }
    sorted
}

/// The (quote span, speaker span) pairs the suggestions propose, in quote order.
pub fn attributions(suggestions: &[Suggestion]) -> Vec<(Span, Span)> {
    suggestions
        .iter()
        .filter(|s| s.kind == SuggestKind::Quote)
        .filter_map(|q| {
            let sp = suggestions.get(q.speaker?)?;
            (sp.kind == SuggestKind::Speaker).then_some((q.span, sp.span))
        })
        .collect()
}
