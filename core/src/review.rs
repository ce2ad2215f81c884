//! Reviewing suggestions: which ones to show (not yet annotated, not rejected), and what
//! accepting them makes.

use crate::action::Proposal;
use crate::document::Document;
use crate::suggest::{suggest, SuggestKind};
use std::collections::HashSet;

/// Names a suggestion across runs and edits that leave it whole: its label, its code-point
/// offsets and its text, written `label:start-end:text` (the form the rejected suggestions are
/// saved in).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SuggestionKey(String);

impl SuggestionKey {
    /// The key of a suggestion of `kind` over code points `start..end` holding `text`.
    pub fn new(kind: SuggestKind, start: usize, end: usize, text: &str) -> Self {
        Self::named(kind.label_name(), start, end, text)
    }

    /// The key of a suggestion labelled `label` (by name) over code points `start..end`.
    pub fn named(label: &str, start: usize, end: usize, text: &str) -> Self {
        SuggestionKey(format!("{label}:{start}-{end}:{text}"))
    }

    /// A key as saved.
    pub fn from_saved(saved: String) -> Self {
        SuggestionKey(saved)
    }

    /// The key as saved.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text the suggestion was made on.
    pub fn text(&self) -> &str {
        self.0.splitn(3, ':').nth(2).unwrap_or_default()
    }
}

impl std::fmt::Display for SuggestionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A suggestion waiting for review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    /// Names it across runs and edits that leave it whole.
    pub key: SuggestionKey,
    /// Which rule proposed it, or which it stands for by its label's name (`None`: a label of
    /// another tool's, imported as a suggestion).
    pub kind: Option<SuggestKind>,
    /// What accepting it makes.
    pub proposal: Proposal,
}

/// The suggestions for `doc` that still need a decision: not already annotated with that
/// label, not rejected before, and with a label of that name in the document.
pub fn pending(doc: &Document, rejected: &HashSet<SuggestionKey>) -> Vec<Pending> {
    let text = doc.text();
    let all = suggest(text);
    let label_of = |k: SuggestKind| doc.label_named(k.label_name()).map(|l| l.id);
    all.iter()
        .filter_map(|s| {
            let label = label_of(s.kind)?;
            let (start, end) = text.chars_of(s.span);
            let key = SuggestionKey::new(s.kind, start.0, end.0, text.slice(s.span));
            let done = doc
                .annotations()
                .iter()
                .any(|a| a.span == s.span && a.label == label);
            (!done && !rejected.contains(&key)).then(|| Pending {
                key,
                kind: Some(s.kind),
                proposal: Proposal {
                    label,
                    span: s.span,
                    kind: s.quote_kind,
                    cue: s.cue,
                    speaker: s.speaker.and_then(|i| all.get(i)).map(|sp| sp.span),
                },
            })
        })
        .collect()
}

/// Proposals from another tool (predictions, or a file imported as suggestions) as suggestions
/// to review on `doc`, in text order: those not rejected before, and not already annotated.
pub fn imported(
    doc: &Document,
    proposals: &[Proposal],
    rejected: &HashSet<SuggestionKey>,
) -> Vec<Pending> {
    let text = doc.text();
    let mut seen = HashSet::new();
    let mut out: Vec<Pending> = proposals
        .iter()
        .filter_map(|p| {
            let label = doc.label(p.label)?;
            let slice = text.get(p.span)?;
            let (start, end) = text.chars_of(p.span);
            let key = SuggestionKey::named(&label.name, start.0, end.0, slice);
            let done = doc
                .annotations()
                .iter()
                .any(|a| a.span == p.span && a.label == p.label);
            let fresh = !done && !rejected.contains(&key) && seen.insert(key.clone());
            fresh.then(|| Pending {
                key,
                kind: kind_of(&label.name),
                proposal: p.clone(),
            })
        })
        .collect();
    crate::sort::sort_by_key(&mut out, |p| (p.proposal.span.start, p.proposal.span.end));
    out
}

/// The rule's kind a label stands for, by its name in any case.
fn kind_of(name: &str) -> Option<SuggestKind> {
    [SuggestKind::Quote, SuggestKind::Speaker, SuggestKind::Date]
        .into_iter()
        .find(|k| name.eq_ignore_ascii_case(k.label_name()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::attribution::speaker_of;
    use crate::history::History;
    use crate::text::Text;

    const TEXT: &str = "“We will rebuild,” said Maria Ortega on Tuesday.";

    #[test]
    fn accepting_a_quote_and_its_speaker_makes_both_and_the_attribution_in_one_step() {
        let doc = Document::new(Text::new(TEXT), None);
        let p = pending(&doc, &HashSet::new());
        let kinds: Vec<SuggestKind> = p.iter().filter_map(|x| x.kind).collect();
        assert!(kinds.contains(&SuggestKind::Quote) && kinds.contains(&SuggestKind::Speaker));
        let mut h = History::default();
        let all: Vec<Proposal> = p.iter().map(|x| x.proposal.clone()).collect();
        let next = h.apply(&doc, &Action::Accept(all)).unwrap();
        let quote = next
            .annotations()
            .iter()
            .find(|a| next.annotation_text(a) == "“We will rebuild,”")
            .expect("the quote");
        let speaker = speaker_of(&next, &quote.id).and_then(|s| next.annotation(s));
        assert_eq!(
            speaker.map(|s| next.annotation_text(s)),
            Some("Maria Ortega")
        );
        assert_eq!(quote.cue.map(|c| next.text().slice(c)), Some("said"));
        assert!(
            pending(&next, &HashSet::new()).is_empty(),
            "nothing left to review"
        );
        let (back, _) = h.undo(&next).unwrap();
        assert_eq!(back, doc);
    }

    #[test]
    fn rejected_suggestions_do_not_come_back() {
        let doc = Document::new(Text::new(TEXT), None);
        let p = pending(&doc, &HashSet::new());
        let rejected: HashSet<SuggestionKey> = p.iter().map(|x| x.key.clone()).take(1).collect();
        let again = pending(&doc, &rejected);
        assert_eq!(again.len(), p.len() - 1);
        assert!(again.iter().all(|x| !rejected.contains(&x.key)));
    }
}
