//! Every change the user can make to a document, as one named [`Action`], applied by one pure
//! function, [`Document::apply`].

use crate::attribution;
use crate::document::{
    clean_title, Annotation, AnnotationId, Document, QuoteKind, Relation, RelationKind,
};
use crate::error::{ActionError, AttributionError};
use crate::label::{validate, Label, LabelId, LabelSpec};
use crate::offset::{ByteOffset, Span};
use crate::text::Text;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// A change to a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Replace the text (and title). Annotations whose text is untouched by the edit are kept and
    /// moved with it; the others are dropped (see [`Document::plan_replace`]).
    ReplaceText {
        /// The new text, already normalised.
        text: Arc<Text>,
        /// The new title.
        title: Option<String>,
    },
    /// Label a span.
    Create {
        /// The label to give it.
        label: LabelId,
        /// Where, already snapped (see [`Text::snap`]).
        span: Span,
    },
    /// Remove an annotation (and every relation that touches it).
    Delete {
        /// Which one.
        id: AnnotationId,
    },
    /// Give an annotation another label.
    Relabel {
        /// Which annotation.
        id: AnnotationId,
        /// Its new label.
        label: LabelId,
    },
    /// Move an annotation's ends.
    Resize {
        /// Which annotation.
        id: AnnotationId,
        /// Its new span (not empty, on grapheme boundaries).
        span: Span,
    },
    /// Set or clear an annotation's note (an empty note clears it).
    SetNote {
        /// Which annotation.
        id: AnnotationId,
        /// The note.
        note: Option<String>,
    },
    /// Set or clear a quote's kind.
    SetKind {
        /// Which annotation.
        id: AnnotationId,
        /// Direct, indirect, mixed, or none.
        kind: Option<QuoteKind>,
    },
    /// Set or clear a quote's cue span.
    SetCue {
        /// Which annotation.
        id: AnnotationId,
        /// The cue's span (already snapped), or none.
        cue: Option<Span>,
    },
    /// Add a label to the set.
    AddLabel(LabelSpec),
    /// Rename, recolour or rekey a label.
    UpdateLabel {
        /// Which label.
        id: LabelId,
        /// What it becomes.
        spec: LabelSpec,
    },
    /// Remove a label; its spans move to `move_to`, or are deleted with it when that is `None`.
    DeleteLabel {
        /// Which label.
        id: LabelId,
        /// Where its spans go.
        move_to: Option<LabelId>,
    },
    /// Label every other whole-word occurrence of an annotation's text the same way, skipping
    /// places that already have that label.
    AnnotateAll {
        /// The model annotation.
        id: AnnotationId,
    },
    /// Attribute a quote or claim to a speaker mention (replacing an earlier attribution).
    Attribute {
        /// The quote or claim.
        from: AnnotationId,
        /// The speaker mention.
        to: AnnotationId,
    },
    /// Make a speaker span of `span` (or reuse one already there) and attribute the quote or
    /// claim to it, in one step.
    AttributeNew {
        /// The quote or claim.
        from: AnnotationId,
        /// Where the speaker is named, already snapped.
        span: Span,
    },
    /// Remove a quote's or claim's attribution.
    Unattribute {
        /// The quote or claim.
        from: AnnotationId,
    },
    /// Mark two speaker mentions as the same speaker.
    LinkSame {
        /// One mention.
        a: AnnotationId,
        /// The other.
        b: AnnotationId,
    },
    /// Take a speaker mention out of its entity; the other mentions stay together.
    Unlink {
        /// The mention.
        id: AnnotationId,
    },
    /// Turn accepted suggestions into ordinary annotations, in one step: each span gets its
    /// label (unless it already has it), a quote its kind and cue, a quote whose speaker
    /// span is annotated (already, or in this same step) its attribution, and a speaker mention
    /// proposed as the same speaker as another annotated one its `same_as` link.
    Accept(Vec<Proposal>),
    /// Replace the whole document, as an import does.
    Load(Box<Document>),
}

/// One accepted suggestion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    /// The label to give it.
    pub label: LabelId,
    /// Where.
    pub span: Span,
    /// For a quote: its kind.
    pub kind: Option<QuoteKind>,
    /// For a quote: its cue.
    pub cue: Option<Span>,
    /// For a quote: where its speaker is named.
    pub speaker: Option<Span>,
    /// For a speaker mention: the speaker mention (by its span) it is the same speaker as.
    pub same_as: Option<Span>,
}

/// What replacing the text would do to the annotations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplacePlan {
    /// The annotations kept, with their spans moved into the new text.
    pub kept: Vec<Annotation>,
    /// The ids of those whose text the edit touched.
    pub dropped: Vec<AnnotationId>,
}

impl Document {
    /// Applies an action, giving the new document; the old one is left as it was.
    pub fn apply(&self, action: &Action) -> Result<Document, ActionError> {
        let mut next = self.clone();
        match action {
            Action::ReplaceText { text, title } => {
                let plan = self.plan_replace(text);
                next.text = Arc::clone(text);
                next.title = clean_title(title.clone());
                next.annotations = plan.kept.into();
                next.retain_relations(|r| {
                    !plan.dropped.contains(&r.from) && !plan.dropped.contains(&r.to)
                });
            }
            Action::Create { label, span } => {
                self.check_span(*span)?;
                if self.label(*label).is_none() {
                    return Err(ActionError::UnknownLabel(*label));
                }
                if self.annotation_at(*span, *label).is_some() {
                    return Err(ActionError::Duplicate);
                }
                let id = next.fresh_id();
                next.insert_sorted(Annotation {
                    id,
                    label: *label,
                    span: *span,
                    note: None,
                    kind: None,
                    cue: None,
                });
            }
            Action::Delete { id } => {
                let i = self.index_of(id)?;
                next.annotations.remove(i);
                // Every one with that id, as there may be several in a damaged document.
                while let Some(i) = next.annotations.position(id) {
                    next.annotations.remove(i);
                }
                next.retain_relations(|r| &r.from != id && &r.to != id);
            }
            Action::Relabel { id, label } => {
                if self.label(*label).is_none() {
                    return Err(ActionError::UnknownLabel(*label));
                }
                let i = self.index_of(id)?;
                let a = &self.annotations[i];
                if a.label != *label && self.annotation_at(a.span, *label).is_some() {
                    return Err(ActionError::Duplicate);
                }
                next.annotations.update(i, |a| a.label = *label);
                next.prune_relations_of(id);
            }
            Action::Resize { id, span } => {
                self.check_span(*span)?;
                let i = self.index_of(id)?;
                let mut a = next.annotations.remove(i);
                if next.annotation_at(*span, a.label).is_some() {
                    return Err(ActionError::Duplicate);
                }
                a.span = *span;
                next.insert_sorted(a);
            }
            Action::SetNote { id, note } => {
                let i = self.index_of(id)?;
                let note = note
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_owned);
                next.annotations.update(i, |a| a.note = note);
            }
            Action::SetKind { id, kind } => {
                let i = self.index_of(id)?;
                next.annotations.update(i, |a| a.kind = *kind);
            }
            Action::SetCue { id, cue } => {
                let i = self.index_of(id)?;
                if let Some(c) = cue {
                    self.check_span(*c)?;
                }
                next.annotations.update(i, |a| a.cue = *cue);
            }
            Action::AddLabel(spec) => {
                let spec = validate(&self.labels, spec, None).map_err(ActionError::Label)?;
                let id = LabelId(self.labels.iter().map(|l| l.id.0 + 1).max().unwrap_or(0));
                next.labels.push(Label {
                    id,
                    name: spec.name,
                    color: spec.color,
                    key: spec.key,
                });
            }
            Action::UpdateLabel { id, spec } => {
                let spec = validate(&self.labels, spec, Some(*id)).map_err(ActionError::Label)?;
                let l = next
                    .labels
                    .iter_mut()
                    .find(|l| l.id == *id)
                    .ok_or(ActionError::UnknownLabel(*id))?;
                l.name = spec.name;
                l.color = spec.color;
                l.key = spec.key;
            }
            Action::DeleteLabel { id, move_to } => {
                if self.label(*id).is_none() {
                    return Err(ActionError::UnknownLabel(*id));
                }
                if let Some(to) = move_to {
                    if to == id || self.label(*to).is_none() {
                        return Err(ActionError::UnknownLabel(*to));
                    }
                }
                next.labels.retain(|l| l.id != *id);
                let mut removed = Vec::new();
                let mut seen = std::collections::HashSet::new();
                let mut kept = Vec::with_capacity(next.annotations.len());
                // Spans of the target label first, so a moved span that would duplicate one is
                // the one dropped.
                for a in next.annotations.iter().filter(|a| a.label != *id) {
                    seen.insert((a.span, a.label));
                }
                for mut a in std::mem::take(&mut next.annotations).to_vec() {
                    if a.label == *id {
                        match move_to {
                            Some(to) if seen.insert((a.span, *to)) => a.label = *to,
                            _ => {
                                removed.push(a.id);
                                continue;
                            }
                        }
                    }
                    kept.push(a);
                }
                next.annotations = kept.into();
                next.retain_relations(|r| !removed.contains(&r.from) && !removed.contains(&r.to));
            }
            Action::AnnotateAll { id } => {
                let model = &self.annotations[self.index_of(id)?];
                let taken: std::collections::HashSet<Span> = self
                    .annotations
                    .iter()
                    .filter(|a| a.label == model.label)
                    .map(|a| a.span)
                    .collect();
                for span in self.text.whole_word_matches(self.text.slice(model.span)) {
                    if !taken.contains(&span) {
                        let id = next.fresh_id();
                        next.annotations.push(Annotation {
                            id,
                            label: model.label,
                            span,
                            note: None,
                            kind: None,
                            cue: None,
                        });
                    }
                }
                next.sort_annotations();
            }
            Action::Attribute { from, to } => {
                self.check_attribution(from, to)?;
                next.set_attribution(from, to);
            }
            Action::AttributeNew { from, span } => {
                let quote = &self.annotations[self.index_of(from)?];
                if !attribution::is_attributable(self, quote) {
                    return Err(ActionError::Attribution(AttributionError::NotAttributable));
                }
                let speaker = self
                    .labels
                    .iter()
                    .find(|l| {
                        crate::attribution::label_role(l) == crate::attribution::Role::Speaker
                    })
                    .map(|l| l.id)
                    .ok_or(ActionError::Attribution(AttributionError::NoSpeakerLabel))?;
                let existing = self.annotation_at(*span, speaker).map(|a| a.id.clone());
                let to = match existing {
                    Some(id) => id,
                    None => {
                        next = next.apply(&Action::Create {
                            label: speaker,
                            span: *span,
                        })?;
                        next.annotation_at(*span, speaker)
                            .map(|a| a.id.clone())
                            .expect("the speaker span was just made")
                    }
                };
                if &to == from {
                    return Err(ActionError::Attribution(AttributionError::OwnSpeaker));
                }
                next.set_attribution(from, &to);
            }
            Action::Unattribute { from } => {
                self.index_of(from)?;
                next.retain_relations(|r| {
                    !(r.kind == RelationKind::AttributedTo && &r.from == from)
                });
            }
            Action::LinkSame { a, b } => {
                for id in [a, b] {
                    let x = &self.annotations[self.index_of(id)?];
                    if attribution::role(self, x) != attribution::Role::Speaker {
                        return Err(ActionError::Attribution(AttributionError::LinkNotSpeakers));
                    }
                }
                let together = attribution::entities(self)
                    .iter()
                    .any(|e| e.mentions.contains(a) && e.mentions.contains(b));
                if !together {
                    let id = attribution::fresh_relation_id(self, &[]);
                    next.relations_mut().push(Relation {
                        id,
                        kind: RelationKind::SameAs,
                        from: a.clone(),
                        to: b.clone(),
                    });
                }
            }
            Action::Unlink { id } => {
                self.index_of(id)?;
                let is_link = |r: &Relation| r.kind == RelationKind::SameAs;
                let neighbours: Vec<AnnotationId> = self
                    .relations
                    .iter()
                    .filter(|r| is_link(r) && (&r.from == id || &r.to == id))
                    .map(|r| {
                        if &r.from == id {
                            r.to.clone()
                        } else {
                            r.from.clone()
                        }
                    })
                    .collect();
                next.retain_relations(|r| !(is_link(r) && (&r.from == id || &r.to == id)));
                // Keep the other mentions together: chain the neighbours.
                for pair in neighbours.windows(2) {
                    let rid = attribution::fresh_relation_id(self, &next.relations);
                    next.relations_mut().push(Relation {
                        id: rid,
                        kind: RelationKind::SameAs,
                        from: pair[0].clone(),
                        to: pair[1].clone(),
                    });
                }
            }
            Action::Accept(proposals) => {
                for p in proposals {
                    self.check_span(p.span)?;
                    if self.label(p.label).is_none() {
                        return Err(ActionError::UnknownLabel(p.label));
                    }
                    if let Some(c) = p.cue {
                        self.check_span(c)?;
                    }
                }
                // Look-ups by hash, so a batch of thousands (Accept all on a long article) costs
                // linear time, not a scan of every annotation per proposal.
                let mut at: HashMap<(Span, LabelId), AnnotationId> = next
                    .annotations
                    .iter()
                    .map(|a| ((a.span, a.label), a.id.clone()))
                    .collect();
                let taken: HashSet<AnnotationId> =
                    next.annotations.iter().map(|a| a.id.clone()).collect();
                let mut created = Vec::with_capacity(proposals.len());
                for p in proposals {
                    let id = match at.get(&(p.span, p.label)) {
                        Some(id) => id.clone(),
                        None => {
                            let id = loop {
                                let id = AnnotationId(format!("a{}", next.next_id).into());
                                next.next_id += 1;
                                if !taken.contains(&id) {
                                    break id;
                                }
                            };
                            next.annotations.push(Annotation {
                                id: id.clone(),
                                label: p.label,
                                span: p.span,
                                note: None,
                                kind: p.kind,
                                cue: p.cue,
                            });
                            at.insert((p.span, p.label), id.clone());
                            id
                        }
                    };
                    created.push(id);
                }
                next.sort_annotations();
                let speaker_label = next
                    .labels
                    .iter()
                    .find(|l| {
                        crate::attribution::label_role(l) == crate::attribution::Role::Speaker
                    })
                    .map(|l| l.id);
                let attributable: HashSet<LabelId> = next
                    .labels
                    .iter()
                    .filter(|l| {
                        matches!(
                            crate::attribution::label_role(l),
                            attribution::Role::Quote | attribution::Role::Claim
                        )
                    })
                    .map(|l| l.id)
                    .collect();
                let mut attributed: HashSet<AnnotationId> = next
                    .relations
                    .iter()
                    .filter(|r| r.kind == RelationKind::AttributedTo)
                    .map(|r| r.from.clone())
                    .collect();
                let used: HashSet<String> = next.relations.iter().map(|r| r.id.clone()).collect();
                let mut rids = (1..)
                    .map(|n| format!("r{n}"))
                    .filter(|id| !used.contains(id));
                for (p, id) in proposals.iter().zip(&created) {
                    let Some(sp) = p.speaker else { continue };
                    let Some(label) = speaker_label else { break };
                    let Some(to) = at.get(&(sp, label)) else {
                        continue;
                    };
                    if attributable.contains(&p.label) && attributed.insert(id.clone()) {
                        let Some(rid) = rids.next() else { break };
                        next.relations_mut().push(Relation {
                            id: rid,
                            kind: RelationKind::AttributedTo,
                            from: id.clone(),
                            to: to.clone(),
                        });
                    }
                }
                next.accept_links(proposals, &created, speaker_label);
            }
            Action::Load(doc) => next = (**doc).clone(),
        }
        Ok(next)
    }

    /// Adds the `same_as` links of accepted proposals (`created` holds each one's annotation),
    /// leaving out those whose two mentions are already one speaker. One pass over the
    /// entities, so a batch of links costs linear time.
    fn accept_links(
        &mut self,
        proposals: &[Proposal],
        created: &[AnnotationId],
        speaker_label: Option<LabelId>,
    ) {
        if proposals.iter().all(|p| p.same_as.is_none()) {
            return;
        }
        let Some(speaker_label) = speaker_label else {
            return;
        };
        let ents = attribution::entities(self);
        let mut entity_of: std::collections::HashMap<AnnotationId, usize> = ents
            .iter()
            .enumerate()
            .flat_map(|(k, e)| e.mentions.iter().map(move |m| (m.clone(), k)))
            .collect();
        let mut parent: Vec<usize> = (0..ents.len()).collect();
        let used: std::collections::HashSet<String> =
            self.relations.iter().map(|r| r.id.clone()).collect();
        let mut ids = (1..)
            .map(|n| format!("r{n}"))
            .filter(|id| !used.contains(id));
        fn root(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        for (p, id) in proposals.iter().zip(created) {
            let Some(at) = p.same_as else { continue };
            if p.label != speaker_label {
                continue;
            }
            let Some(to) = self.annotation_at(at, speaker_label).map(|a| a.id.clone()) else {
                continue;
            };
            let (Some(&a), Some(&b)) = (entity_of.get(id), entity_of.get(&to)) else {
                continue;
            };
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            if ra == rb {
                continue;
            }
            parent[ra] = rb;
            let Some(rid) = ids.next() else { break };
            self.relations_mut().push(Relation {
                id: rid,
                kind: RelationKind::SameAs,
                from: id.clone(),
                to: to.clone(),
            });
            entity_of.insert(id.clone(), rb);
        }
    }

    /// Checks that `from` is a quote or claim and `to` a speaker span.
    fn check_attribution(&self, from: &AnnotationId, to: &AnnotationId) -> Result<(), ActionError> {
        let f = &self.annotations[self.index_of(from)?];
        let t = &self.annotations[self.index_of(to)?];
        if !attribution::is_attributable(self, f) {
            return Err(ActionError::Attribution(AttributionError::NotAttributable));
        }
        if attribution::role(self, t) != attribution::Role::Speaker {
            return Err(ActionError::Attribution(AttributionError::NotASpeaker));
        }
        Ok(())
    }

    /// Drops the attribution and speaker links of `id` that its role no longer allows (after a
    /// relabel: a speaker that became a quote can't be anyone's speaker).
    fn prune_relations_of(&mut self, id: &AnnotationId) {
        let role = self
            .annotation(id)
            .map(|a| attribution::role(self, a))
            .unwrap_or(attribution::Role::Other);
        let attributable = matches!(role, attribution::Role::Quote | attribution::Role::Claim);
        let speaker = role == attribution::Role::Speaker;
        self.retain_relations(|r| match r.kind {
            RelationKind::AttributedTo => {
                let bad_from = &r.from == id && !attributable;
                let bad_to = &r.to == id && !speaker;
                !bad_from && !bad_to
            }
            RelationKind::SameAs => speaker || (&r.from != id && &r.to != id),
            _ => true,
        });
    }

    /// Points `from`'s attribution at `to`, replacing any earlier one (keeping its id).
    fn set_attribution(&mut self, from: &AnnotationId, to: &AnnotationId) {
        if let Some(i) = self
            .relations
            .iter()
            .position(|r| r.kind == RelationKind::AttributedTo && &r.from == from)
        {
            self.relations_mut()[i].to = to.clone();
            return;
        }
        let id = attribution::fresh_relation_id(self, &[]);
        self.relations_mut().push(Relation {
            id,
            kind: RelationKind::AttributedTo,
            from: from.clone(),
            to: to.clone(),
        });
    }

    /// The position of an annotation in the sorted list.
    fn index_of(&self, id: &AnnotationId) -> Result<usize, ActionError> {
        self.annotations
            .position(id)
            .ok_or_else(|| ActionError::UnknownAnnotation(id.clone()))
    }

    /// Checks that a span can be annotated: inside the text, not empty, on grapheme boundaries.
    pub fn check_span(&self, span: Span) -> Result<(), ActionError> {
        if span.is_empty() {
            return Err(ActionError::EmptySpan);
        }
        if span.end.0 > self.text.len() {
            return Err(ActionError::OutOfRange(span));
        }
        if !self.text.is_grapheme_boundary(span.start) || !self.text.is_grapheme_boundary(span.end)
        {
            return Err(ActionError::SplitsGrapheme(span));
        }
        Ok(())
    }

    /// What replacing the text with `new` would keep and drop.
    ///
    /// The edit is located as the stretch between the longest common prefix and suffix of the old
    /// and new texts. An annotation wholly before it keeps its offsets, one wholly after it moves by
    /// the change in length, and one that touches it is dropped, as is one whose ends would no
    /// longer fall on grapheme boundaries (an accent typed just after it, say).
    pub fn plan_replace(&self, new: &Text) -> ReplacePlan {
        let old = self.text.as_str();
        let new_s = new.as_str();
        let prefix = common_prefix(old, new_s);
        let suffix = common_suffix(&old[prefix..], &new_s[prefix..]);
        let old_edit_end = old.len() - suffix;
        let new_edit_end = new_s.len() - suffix;
        // Where a span lands in the new text, if the edit leaves its text whole.
        let carry = |span: Span| -> Option<Span> {
            let moved = if span.end.0 <= prefix {
                span
            } else if span.start.0 >= old_edit_end {
                let shift = |b: ByteOffset| ByteOffset(b.0 - old_edit_end + new_edit_end);
                Span {
                    start: shift(span.start),
                    end: shift(span.end),
                }
            } else {
                return None;
            };
            (new.get(moved) == Some(self.text.slice(span))
                && new.is_grapheme_boundary(moved.start)
                && new.is_grapheme_boundary(moved.end))
            .then_some(moved)
        };
        let (mut kept, mut dropped) = (Vec::new(), Vec::new());
        for a in &self.annotations {
            match carry(a.span) {
                // A cue the edit touches is dropped; its quote stays.
                Some(span) => kept.push(Annotation {
                    span,
                    cue: a.cue.and_then(carry),
                    ..a.clone()
                }),
                None => dropped.push(a.id.clone()),
            }
        }
        ReplacePlan { kept, dropped }
    }
}

/// Length in bytes of the longest common prefix, on a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// Length in bytes of the longest common suffix, on a character boundary.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum()
}
