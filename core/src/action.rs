//! Every change the user can make to a document, as one named [`Action`], applied by one pure
//! function, [`Document::apply`].

use crate::document::{clean_title, Annotation, AnnotationId, Document};
use crate::error::ActionError;
use crate::label::LabelId;
use crate::offset::{ByteOffset, Span};
use crate::text::Text;
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
    /// Replace the whole document, as an import does.
    Load(Box<Document>),
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
                next.annotations = plan.kept;
                next.relations
                    .retain(|r| !plan.dropped.contains(&r.from) && !plan.dropped.contains(&r.to));
            }
            Action::Create { label, span } => {
                self.check_span(*span)?;
                if self.label(*label).is_none() {
                    return Err(ActionError::UnknownLabel(*label));
                }
                if self
                    .annotations
                    .iter()
                    .any(|a| a.span == *span && a.label == *label)
                {
                    return Err(ActionError::Duplicate);
                }
                let id = next.fresh_id();
                next.insert_sorted(Annotation {
                    id,
                    label: *label,
                    span: *span,
                    note: None,
                });
            }
            Action::Delete { id } => {
                let before = next.annotations.len();
                next.annotations.retain(|a| &a.id != id);
                if next.annotations.len() == before {
                    return Err(ActionError::UnknownAnnotation(id.clone()));
                }
                next.relations.retain(|r| &r.from != id && &r.to != id);
            }
            Action::Load(doc) => next = (**doc).clone(),
        }
        Ok(next)
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
        let (mut kept, mut dropped) = (Vec::new(), Vec::new());
        for a in &self.annotations {
            let moved = if a.span.end.0 <= prefix {
                Some(a.span)
            } else if a.span.start.0 >= old_edit_end {
                let shift = |b: ByteOffset| ByteOffset(b.0 - old_edit_end + new_edit_end);
                Some(Span {
                    start: shift(a.span.start),
                    end: shift(a.span.end),
                })
            } else {
                None
            };
            match moved.filter(|s| {
                new.get(*s) == Some(self.text.slice(a.span))
                    && new.is_grapheme_boundary(s.start)
                    && new.is_grapheme_boundary(s.end)
            }) {
                Some(span) => kept.push(Annotation { span, ..a.clone() }),
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
