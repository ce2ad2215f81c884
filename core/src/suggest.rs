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

pub mod group;
mod score;

pub use score::{differences, score, Counts, Difference, Scores, Target};

use crate::document::QuoteKind;
use crate::offset::Span;
use crate::text::Text;

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
    from_raw(annotator_rules::find(s))
}

/// What the rules found in `text` (in the page, a worker runs them: `annotator_rules::wire`
/// carries the spans back) as suggestions, or `None` when a span does not fit `text`: past its
/// end or off a character boundary, as when the spans were found in another text.
pub fn from_found(text: &Text, found: Vec<annotator_rules::Raw>) -> Option<Vec<Suggestion>> {
    let fits = |a: usize, b: usize| a < b && text.get(Span::new(a, b)).is_some();
    found
        .iter()
        .all(|r| fits(r.start, r.end) && r.cue.is_none_or(|(a, b)| fits(a, b)))
        .then(|| from_raw(found))
}

/// The rules' spans as suggestions, sorted by start (then end, then kind).
fn from_raw(found: Vec<annotator_rules::Raw>) -> Vec<Suggestion> {
    let out: Vec<Suggestion> = found
        .into_iter()
        .map(|r| Suggestion {
            kind: match r.kind {
                annotator_rules::Kind::Quote => SuggestKind::Quote,
                annotator_rules::Kind::Speaker => SuggestKind::Speaker,
                annotator_rules::Kind::Date => SuggestKind::Date,
            },
            span: Span::new(r.start, r.end),
            speaker: r.speaker,
            cue: r.cue.map(|(a, b)| Span::new(a, b)),
            quote_kind: (r.kind == annotator_rules::Kind::Quote).then_some(if r.mixed {
                QuoteKind::Mixed
            } else {
                QuoteKind::Direct
            }),
        })
        .collect();
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
