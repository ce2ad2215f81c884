//! Reviewing suggestions: which ones to show (not yet annotated, not rejected), and what
//! accepting them makes.

use crate::action::Proposal;
use crate::attribution::{entities, label_role, Role};
use crate::document::{AnnotationId, Document};
use crate::label::LabelId;
use crate::offset::Span;
use crate::suggest::group::{entities as group_entities, group_speakers, LinkReason, SameAs};
use crate::suggest::{SuggestKind, Suggestion};
use std::collections::{HashMap, HashSet};

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

    /// The key of a proposed `same_as` link from the speaker mention over code points
    /// `start..end` holding `text` to the one over `to_start..to_end`.
    pub fn link(start: usize, end: usize, text: &str, to_start: usize, to_end: usize) -> Self {
        Self::named(&format!("same_as>{to_start}-{to_end}"), start, end, text)
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

impl Pending {
    /// True for a proposed `same_as` link between two speaker mentions (its proposal's span is
    /// the later mention, `same_as` the earlier one; `kind` is `None`).
    pub fn is_link(&self) -> bool {
        self.proposal.same_as.is_some()
    }
}

/// An imported prediction waiting for review with its article (another tool's, such as Label
/// Studio's `predictions`): what accepting it makes, and the text it was made on. It counts
/// only while that text is still where it says (an edit of the text that moves it drops it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prediction {
    /// What accepting it makes.
    pub proposal: Proposal,
    /// The text of its span when it was imported.
    pub text: String,
}

impl Prediction {
    /// `proposal` on `doc`, with the text it covers there; `None` when its span is not in the text.
    pub fn on(doc: &Document, proposal: Proposal) -> Option<Self> {
        let text = doc.text().get(proposal.span)?.to_owned();
        Some(Prediction { proposal, text })
    }

    /// True while its text is where it says in `doc`.
    pub fn fits(&self, doc: &Document) -> bool {
        doc.text().get(self.proposal.span) == Some(self.text.as_str())
    }
}

/// The label speakers go with: the one named `speaker`, in any case.
fn speaker_label(doc: &Document) -> Option<LabelId> {
    doc.labels()
        .iter()
        .find(|l| label_role(l) == Role::Speaker)
        .map(|l| l.id)
}

/// What a document already has, for telling which suggestions are settled: its annotations by
/// (span, label), and each speaker annotation's entity. Built once, in linear time, so checking
/// a whole review list costs linear time too.
pub struct Settled {
    at: HashMap<(Span, LabelId), AnnotationId>,
    entity_of: HashMap<AnnotationId, usize>,
}

impl Settled {
    /// What `doc` has.
    pub fn of(doc: &Document) -> Self {
        Settled {
            at: doc
                .annotations()
                .iter()
                .map(|a| ((a.span, a.label), a.id.clone()))
                .collect(),
            entity_of: entities(doc)
                .into_iter()
                .enumerate()
                .flat_map(|(k, e)| e.mentions.into_iter().map(move |m| (m, k)))
                .collect(),
        }
    }

    /// True when accepting `p` would change nothing: its span has its label already, and, for
    /// a link, both mentions are annotated and already one speaker.
    pub fn done(&self, p: &Pending) -> bool {
        let at = |span: Span| self.at.get(&(span, p.proposal.label));
        match p.proposal.same_as {
            None => at(p.proposal.span).is_some(),
            Some(to) => match (at(p.proposal.span), at(to)) {
                (Some(a), Some(b)) => {
                    self.entity_of.contains_key(a) && self.entity_of.get(a) == self.entity_of.get(b)
                }
                _ => false,
            },
        }
    }
}

/// The suggestions for `doc` that still need a decision: not already annotated with that
/// label, not rejected before, and with a label of that name in the document; then the
/// `same_as` links proposed between its speaker mentions (annotated ones and suggested ones),
/// each placed after the suggestions over its later mention. `found`: what the rules found in
/// the document's text ([`suggest`](crate::suggest::suggest)).
pub fn pending(
    doc: &Document,
    found: &[Suggestion],
    rejected: &HashSet<SuggestionKey>,
) -> Vec<Pending> {
    let mut out = spans_pending(doc, found, rejected);
    let suggested: Vec<Span> = out
        .iter()
        .filter(|p| p.kind == Some(SuggestKind::Speaker))
        .map(|p| p.proposal.span)
        .collect();
    out.extend(links_pending(doc, &suggested, rejected));
    crate::sort::sort_by_key(&mut out, |p| (p.proposal.span.start, p.proposal.span.end));
    out
}

/// The `same_as` links proposed for `doc`'s speaker annotations alone (the "Group speakers"
/// command), not rejected before and not already made.
pub fn group_pending(doc: &Document, rejected: &HashSet<SuggestionKey>) -> Vec<Pending> {
    links_pending(doc, &[], rejected)
}

/// The `same_as` links [`group_speakers`] proposes between `doc`'s speaker annotations and
/// the speaker mentions `suggested`, in the order of their later mention.
fn links_pending(
    doc: &Document,
    suggested: &[Span],
    rejected: &HashSet<SuggestionKey>,
) -> Vec<Pending> {
    let Some(label) = speaker_label(doc) else {
        return Vec::new();
    };
    let text = doc.text();
    let mut spans: Vec<Span> = doc
        .annotations()
        .iter()
        .filter(|a| a.label == label)
        .map(|a| a.span)
        .chain(suggested.iter().copied())
        .collect();
    crate::sort::sort(&mut spans);
    spans.dedup();
    let settled = Settled::of(doc);
    group_speakers(text.as_str(), &spans)
        .into_iter()
        .filter_map(|l| {
            let (from, to) = (spans[l.from], spans[l.to]);
            let (start, end) = text.chars_of(from);
            let (to_start, to_end) = text.chars_of(to);
            let key = SuggestionKey::link(start.0, end.0, text.slice(from), to_start.0, to_end.0);
            let p = Pending {
                key,
                kind: None,
                proposal: Proposal {
                    label,
                    span: from,
                    kind: None,
                    cue: None,
                    speaker: None,
                    same_as: Some(to),
                },
            };
            (!rejected.contains(&p.key) && !settled.done(&p)).then_some(p)
        })
        .collect()
}

/// The person each speaker mention under review stands for, by span: the fullest name of its
/// group, where mentions are grouped by the document's `same_as` links and the links under
/// review (`list`). Covers the speaker annotations and the speaker suggestions in `list`.
pub fn person_names(doc: &Document, list: &[Pending]) -> HashMap<Span, String> {
    let Some(label) = speaker_label(doc) else {
        return HashMap::new();
    };
    let text = doc.text();
    let annotated: Vec<(&AnnotationId, Span)> = doc
        .annotations()
        .iter()
        .filter(|a| a.label == label)
        .map(|a| (&a.id, a.span))
        .collect();
    let mut spans: Vec<Span> = annotated
        .iter()
        .map(|(_, s)| *s)
        .chain(
            list.iter()
                .filter(|p| p.kind == Some(SuggestKind::Speaker))
                .map(|p| p.proposal.span),
        )
        .collect();
    crate::sort::sort(&mut spans);
    spans.dedup();
    let place: HashMap<Span, usize> = spans.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let span_of: HashMap<&AnnotationId, Span> = annotated.iter().map(|(id, s)| (*id, *s)).collect();
    let mut links: Vec<SameAs> = Vec::new();
    let mut tie = |a: Span, b: Span| {
        if let (Some(&from), Some(&to)) = (place.get(&a), place.get(&b)) {
            links.push(SameAs {
                from,
                to,
                reason: LinkReason::SameName,
            });
        }
    };
    for r in doc.relations() {
        if r.kind == crate::document::RelationKind::SameAs {
            if let (Some(&a), Some(&b)) = (span_of.get(&r.from), span_of.get(&r.to)) {
                tie(a, b);
            }
        }
    }
    for p in list {
        if let Some(to) = p.proposal.same_as {
            tie(p.proposal.span, to);
        }
    }
    let mut out = HashMap::new();
    for e in group_entities(text.as_str(), &spans, &links) {
        for m in e.mentions {
            out.insert(spans[m], e.name.clone());
        }
    }
    out
}

/// The span suggestions (quotes, speakers, dates) for `doc` still to decide.
fn spans_pending(
    doc: &Document,
    all: &[Suggestion],
    rejected: &HashSet<SuggestionKey>,
) -> Vec<Pending> {
    let text = doc.text();
    let label_of = |k: SuggestKind| doc.label_named(k.label_name()).map(|l| l.id);
    let have: HashSet<(Span, LabelId)> = doc
        .annotations()
        .iter()
        .map(|a| (a.span, a.label))
        .collect();
    all.iter()
        .filter_map(|s| {
            let label = label_of(s.kind)?;
            let (start, end) = text.chars_of(s.span);
            let key = SuggestionKey::new(s.kind, start.0, end.0, text.slice(s.span));
            let done = have.contains(&(s.span, label));
            (!done && !rejected.contains(&key)).then(|| Pending {
                key,
                kind: Some(s.kind),
                proposal: Proposal {
                    label,
                    span: s.span,
                    kind: s.quote_kind,
                    cue: s.cue,
                    speaker: s.speaker.and_then(|i| all.get(i)).map(|sp| sp.span),
                    same_as: None,
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

    fn pending(doc: &Document, rejected: &HashSet<SuggestionKey>) -> Vec<Pending> {
        super::pending(doc, &crate::suggest::suggest(doc.text()), rejected)
    }

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
