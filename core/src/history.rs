//! Undo and redo. Each step keeps only what changed (a [`Patch`]: the annotations before and
//! after, and the text, labels or relations when those changed), so a step costs memory in
//! proportion to the edit, not to the document. The stacks are persistent lists: cloning a
//! `History` (as a Yew reducer does on every message) is O(1).

use crate::action::Action;
use crate::document::{merge_sorted, Annotation, AnnotationId, Document, Merged, Relation};
use crate::error::ActionError;
use crate::label::Label;
use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::rc::Rc;
use std::sync::Arc;

/// A patch of at most this many annotations (both sides) is applied one annotation at a time;
/// a bigger one rebuilds the list.
const SMALL_PATCH: usize = 64;

/// How many steps are kept; older ones are forgotten.
pub const LIMIT: usize = 5_000;

/// One side of a change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Side {
    /// Annotations that differ from the other side (as they are on this side).
    annotations: Vec<Annotation>,
    /// Text and title, when they changed.
    #[serde(with = "text_and_title")]
    text: Option<(Arc<Text>, Option<String>)>,
    /// The label set, when it changed.
    labels: Option<Vec<Label>>,
    /// The relations, when they changed.
    relations: Option<Vec<Relation>>,
    /// The id allocator.
    next_id: u64,
}

/// What one step changed, both ways, and what to call it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Patch {
    before: Side,
    after: Side,
    /// A short name for the step ("create quote"), for messages.
    pub what: String,
}

impl Patch {
    /// The change from `old` to `new`.
    pub fn diff(old: &Document, new: &Document, what: String) -> Patch {
        let (before, after) = changed_annotations(&old.annotations, &new.annotations);
        let text_changed =
            !Arc::ptr_eq(&old.text, &new.text) && old.text != new.text || old.title != new.title;
        let labels_changed = old.labels != new.labels;
        let relations_changed =
            !Rc::ptr_eq(&old.relations, &new.relations) && old.relations != new.relations;
        let side = |d: &Document, annotations: Vec<Annotation>| Side {
            annotations,
            text: text_changed.then(|| (Arc::clone(&d.text), d.title.clone())),
            labels: labels_changed.then(|| d.labels.clone()),
            relations: relations_changed.then(|| d.relations.to_vec()),
            next_id: d.next_id,
        };
        Patch {
            before: side(old, before),
            after: side(new, after),
            what,
        }
    }

    /// True when the step changed nothing.
    pub fn is_empty(&self) -> bool {
        self.before == self.after
    }

    /// Applies one side over the other: `to` replaces `from` in `doc`.
    fn apply(doc: &Document, from: &Side, to: &Side) -> Document {
        let mut d = doc.clone();
        if from.annotations.len() + to.annotations.len() <= SMALL_PATCH {
            // One by one: each costs a look-up and a copy of one chunk, not of the list.
            for a in &from.annotations {
                while let Some(i) = d.annotations.position(&a.id) {
                    d.annotations.remove(i);
                }
            }
            for a in &to.annotations {
                d.insert_sorted(a.clone());
            }
        } else {
            let gone: HashSet<&AnnotationId> = from.annotations.iter().map(|a| &a.id).collect();
            let mut list = d.annotations.to_vec();
            list.retain(|a| !gone.contains(&a.id));
            list.extend(to.annotations.iter().cloned());
            d.annotations = crate::Annotations::sorted(list);
        }
        if let Some((text, title)) = &to.text {
            d.text = Arc::clone(text);
            d.title = title.clone();
        }
        if let Some(labels) = &to.labels {
            d.labels = labels.clone();
        }
        if let Some(relations) = &to.relations {
            d.relations = Rc::new(relations.clone());
        }
        d.next_id = to.next_id;
        d
    }
}

/// The annotations that differ between two lists, as they are in each: one merge over both,
/// since both are sorted by (start, end, id). (On unsorted input an unchanged annotation may be
/// listed on both sides, which a patch applies as a no-op, so the result stays correct.)
fn changed_annotations(
    old: &crate::Annotations,
    new: &crate::Annotations,
) -> (Vec<Annotation>, Vec<Annotation>) {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for m in merge_sorted(old, new) {
        match m {
            Merged::Both(a, b) if a == b => {}
            Merged::Both(a, b) => {
                before.push(a.clone());
                after.push(b.clone());
            }
            Merged::Old(a) => before.push(a.clone()),
            Merged::New(b) => after.push(b.clone()),
        }
    }
    (before, after)
}

/// A persistent stack of patches.
#[derive(Clone, Debug)]
struct Stack {
    top: Option<Rc<Node>>,
    len: usize,
    limit: usize,
}

#[derive(Debug)]
struct Node {
    patch: Patch,
    next: Option<Rc<Node>>,
}

impl Stack {
    fn new(limit: usize) -> Self {
        Stack {
            top: None,
            len: 0,
            limit,
        }
    }

    fn push(&mut self, patch: Patch) {
        self.top = Some(Rc::new(Node {
            patch,
            next: self.top.take(),
        }));
        self.len += 1;
        if self.len > self.limit + self.limit / 10 {
            self.truncate(self.limit);
        }
    }

    fn pop(&mut self) -> Option<Patch> {
        let node = self.top.take()?;
        self.top = node.next.clone();
        self.len -= 1;
        Some(node.patch.clone())
    }

    fn peek(&self) -> Option<&Patch> {
        self.top.as_deref().map(|n| &n.patch)
    }

    /// Keeps the newest `n` entries (rebuilds the list; done once per LIMIT/10 pushes).
    fn truncate(&mut self, n: usize) {
        let mut kept = Vec::with_capacity(n);
        let mut cur = self.top.clone();
        while let Some(node) = cur {
            if kept.len() == n {
                break;
            }
            kept.push(node.patch.clone());
            cur = node.next.clone();
        }
        *self = Stack::new(self.limit);
        for p in kept.into_iter().rev() {
            self.top = Some(Rc::new(Node {
                patch: p,
                next: self.top.take(),
            }));
            self.len += 1;
        }
    }
}

/// Undo and redo stacks.
#[derive(Clone, Debug)]
pub struct History {
    undo: Stack,
    redo: Stack,
    /// How many steps were ever recorded: it changes exactly when an action changed something.
    recorded: u64,
    /// The tag of the last step while later changes may still merge into it (a note being
    /// typed): set by [`History::apply_merging`], cleared by every other step, undo and redo.
    merging: Option<String>,
}

impl Default for History {
    fn default() -> Self {
        History::with_limit(LIMIT)
    }
}

impl History {
    /// A history that keeps at least `limit` steps (and at most a tenth more).
    pub fn with_limit(limit: usize) -> Self {
        History {
            undo: Stack::new(limit),
            redo: Stack::new(limit),
            recorded: 0,
            merging: None,
        }
    }

    /// Applies `action` to `doc`, recording the step when it changed anything.
    pub fn apply(&mut self, doc: &Document, action: &Action) -> Result<Document, ActionError> {
        let next = doc.apply(action)?;
        self.record(doc, &next, action.describe());
        Ok(next)
    }

    /// Applies `action` like [`History::apply`], but when the last step was made by this
    /// method with the same `tag` (and nothing was recorded, undone or redone since), the change
    /// joins that step instead of making a new one: a note typed key by key is one step to undo.
    pub fn apply_merging(
        &mut self,
        doc: &Document,
        action: &Action,
        tag: &str,
    ) -> Result<Document, ActionError> {
        let next = doc.apply(action)?;
        let step = Patch::diff(doc, &next, action.describe());
        if step.is_empty() {
            return Ok(next);
        }
        if self.merging.as_deref() == Some(tag) {
            if let Some(last) = self.undo.pop() {
                // The document before the step being continued, then one step from there.
                let start = Patch::apply(doc, &last.after, &last.before);
                let merged = Patch::diff(&start, &next, last.what);
                self.recorded += 1;
                if merged.is_empty() {
                    // Typed back to where it started: no step, and nothing left to merge into.
                    self.merging = None;
                } else {
                    self.undo.push(merged);
                }
                return Ok(next);
            }
        }
        self.recorded += 1;
        self.undo.push(step);
        self.redo = Stack::new(self.redo.limit);
        self.merging = Some(tag.to_owned());
        Ok(next)
    }

    /// The tag later changes would merge under, if any.
    pub fn merging(&self) -> Option<&str> {
        self.merging.as_deref()
    }

    /// Ends merging: the next change makes a step of its own.
    pub fn end_merging(&mut self) {
        self.merging = None;
    }

    /// Records a step from `old` to `new` (nothing when they are the same) and clears redo.
    pub fn record(&mut self, old: &Document, new: &Document, what: String) {
        self.merging = None;
        let patch = Patch::diff(old, new, what);
        if !patch.is_empty() {
            self.recorded += 1;
            self.undo.push(patch);
            self.redo = Stack::new(self.redo.limit);
        }
    }

    /// Undoes the last step: the document before it, and the step's name.
    pub fn undo(&mut self, doc: &Document) -> Option<(Document, String)> {
        self.merging = None;
        let p = self.undo.pop()?;
        let d = Patch::apply(doc, &p.after, &p.before);
        let what = p.what.clone();
        self.redo.push(p);
        Some((d, what))
    }

    /// Redoes the last undone step: the document after it, and the step's name.
    pub fn redo(&mut self, doc: &Document) -> Option<(Document, String)> {
        self.merging = None;
        let p = self.redo.pop()?;
        let d = Patch::apply(doc, &p.before, &p.after);
        let what = p.what.clone();
        self.undo.push(p);
        Some((d, what))
    }

    /// How many steps were ever recorded (not lowered by undo): it changes exactly when an
    /// applied action changed the document.
    pub fn recorded(&self) -> u64 {
        self.recorded
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        self.undo.len > 0
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        self.redo.len > 0
    }

    /// The name of the step Undo would undo.
    pub fn undo_name(&self) -> Option<&str> {
        self.undo.peek().map(|p| p.what.as_str())
    }

    /// The name of the step Redo would redo.
    pub fn redo_name(&self) -> Option<&str> {
        self.redo.peek().map(|p| p.what.as_str())
    }

    /// Steps that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len
    }
}

/// The history as plain lists, oldest step first, for saving.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedHistory {
    /// Steps that can be undone.
    pub undo: Vec<Patch>,
    /// Steps that can be redone (the next redo last).
    pub redo: Vec<Patch>,
}

impl Stack {
    fn to_vec(&self) -> Vec<Patch> {
        let mut out = Vec::with_capacity(self.len);
        let mut cur = self.top.clone();
        while let Some(node) = cur {
            out.push(node.patch.clone());
            cur = node.next.clone();
        }
        out.reverse();
        out
    }
}

impl History {
    /// The steps as lists, for saving.
    pub fn to_saved(&self) -> SavedHistory {
        SavedHistory {
            undo: self.undo.to_vec(),
            redo: self.redo.to_vec(),
        }
    }

    /// A history from saved lists. Check it with [`History::replays_cleanly`] before use.
    pub fn from_saved(saved: SavedHistory) -> History {
        let mut h = History::default();
        for p in saved.undo {
            h.undo.push(p);
        }
        for p in saved.redo {
            h.redo.push(p);
        }
        h
    }

    /// True when undoing every step from `doc`, then redoing every step, passes only through
    /// consistent documents and comes back to `doc`: a damaged saved history fails this.
    pub fn replays_cleanly(&self, doc: &Document) -> bool {
        let mut h = self.clone();
        let mut d = doc.clone();
        let (undos, redos) = (h.undo.len, h.redo.len);
        for _ in 0..undos {
            match h.undo(&d) {
                Some((x, _)) if x.is_consistent() => d = x,
                _ => return false,
            }
        }
        for _ in 0..undos + redos {
            match h.redo(&d) {
                Some((x, _)) if x.is_consistent() => d = x,
                _ => return false,
            }
        }
        for _ in 0..redos {
            match h.undo(&d) {
                Some((x, _)) => d = x,
                None => return false,
            }
        }
        d == *doc
    }
}

/// Serialises a shared text with its title as a plain pair.
mod text_and_title {
    use crate::text::Text;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::sync::Arc;

    type Value = Option<(Arc<Text>, Option<String>)>;

    pub fn serialize<S: Serializer>(v: &Value, s: S) -> Result<S::Ok, S::Error> {
        v.as_ref()
            .map(|(t, title)| (t.as_str(), title))
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        let v: Option<(String, Option<String>)> = Option::deserialize(d)?;
        Ok(v.map(|(t, title)| (Arc::new(Text::from_normalized(t)), title)))
    }
}

impl Action {
    /// A short name for the action, for undo messages ("create annotation").
    pub fn describe(&self) -> String {
        match self {
            Action::ReplaceText { .. } => "text replacement",
            Action::Create { .. } => "new annotation",
            Action::Delete { .. } => "deletion",
            Action::Relabel { .. } => "relabel",
            Action::Resize { .. } => "resize",
            Action::SetNote { .. } => "note edit",
            Action::SetKind { .. } => "quote kind",
            Action::SetCue { .. } => "cue",
            Action::AddLabel(_) => "new label",
            Action::UpdateLabel { .. } => "label edit",
            Action::DeleteLabel { .. } => "label deletion",
            Action::AnnotateAll { .. } => "annotate all occurrences",
            Action::Attribute { .. } | Action::AttributeNew { .. } => "attribution",
            Action::Unattribute { .. } => "removal of an attribution",
            Action::LinkSame { .. } => "speaker link",
            Action::Unlink { .. } => "speaker unlink",
            Action::Accept(p) if p.len() == 1 => "accepted suggestion",
            Action::Accept(_) => "accepted suggestions",
            Action::Load(_) => "import",
        }
        .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::LabelId;
    use crate::offset::Span;

    fn noted(h: &mut History, d: &Document, note: &str) -> Document {
        let id = d.annotations()[0].id.clone();
        let note = Some(note.to_owned()).filter(|n| !n.is_empty());
        h.apply_merging(d, &Action::SetNote { id, note }, "note")
            .unwrap()
    }

    fn one_annotation() -> (Document, History) {
        let d0 = Document::new(Text::new("one two three"), None);
        let mut h = History::default();
        let create = Action::Create {
            label: LabelId(1),
            span: Span::new(0, 3),
        };
        let d1 = h.apply(&d0, &create).unwrap();
        (d1, h)
    }

    #[test]
    fn a_note_typed_key_by_key_is_one_step_to_undo() {
        let (d1, mut h) = one_annotation();
        let mut d = d1.clone();
        for typed in ["c", "ch", "che", "check"] {
            d = noted(&mut h, &d, typed);
        }
        assert_eq!(d.annotations()[0].note.as_deref(), Some("check"));
        assert_eq!(h.undo_len(), 2, "the create and one note step");
        assert_eq!(h.recorded(), 5, "every change counts for autosave");
        let (back, _) = h.undo(&d).unwrap();
        assert_eq!(back, d1);
    }

    #[test]
    fn merging_stops_at_any_other_step_and_at_undo() {
        let (d1, mut h) = one_annotation();
        let d2 = noted(&mut h, &d1, "a");
        h.end_merging();
        let d3 = noted(&mut h, &d2, "ab");
        assert_eq!(h.undo_len(), 3, "ended: a step of its own");
        let (d4, _) = h.undo(&d3).unwrap();
        assert_eq!(d4, d2);
        let d5 = noted(&mut h, &d4, "ax");
        assert_eq!(
            h.undo_len(),
            3,
            "after undo a new step, not merged into the one before"
        );
        let (back, _) = h.undo(&d5).unwrap();
        assert_eq!(back, d2);
    }

    #[test]
    fn typing_a_note_back_to_where_it_was_leaves_no_step_and_merges_into_nothing_else() {
        let (d1, mut h) = one_annotation();
        let d2 = noted(&mut h, &d1, "x");
        let d3 = noted(&mut h, &d2, "");
        assert_eq!(d3, d1);
        assert_eq!(h.undo_len(), 1, "only the create is left");
        let d4 = noted(&mut h, &d3, "y");
        assert_eq!(
            h.undo_len(),
            2,
            "a new note step, not merged into the create"
        );
        let (back, _) = h.undo(&d4).unwrap();
        assert_eq!(back, d1);
        assert_eq!(back.annotations().len(), 1);
    }

    #[test]
    fn undo_then_redo_walks_back_and_forth_exactly() {
        let d0 = Document::new(Text::new("one two three"), None);
        let mut h = History::default();
        let d1 = h
            .apply(
                &d0,
                &Action::Create {
                    label: LabelId(0),
                    span: Span::new(0, 3),
                },
            )
            .unwrap();
        let d2 = h
            .apply(
                &d1,
                &Action::Create {
                    label: LabelId(1),
                    span: Span::new(4, 7),
                },
            )
            .unwrap();
        assert!(h.can_undo() && !h.can_redo());
        let (u1, what) = h.undo(&d2).unwrap();
        assert_eq!(u1, d1);
        assert_eq!(what, "new annotation");
        let (u0, _) = h.undo(&u1).unwrap();
        assert_eq!(u0, d0);
        assert!(h.undo(&u0).is_none());
        let (r1, _) = h.redo(&u0).unwrap();
        assert_eq!(r1, d1);
        let (r2, _) = h.redo(&r1).unwrap();
        assert_eq!(r2, d2);
    }

    #[test]
    fn a_new_step_clears_redo_and_a_no_op_records_nothing() {
        let d0 = Document::new(Text::new("one two"), None);
        let mut h = History::default();
        let d1 = h
            .apply(
                &d0,
                &Action::Create {
                    label: LabelId(0),
                    span: Span::new(0, 3),
                },
            )
            .unwrap();
        let (u, _) = h.undo(&d1).unwrap();
        assert!(h.can_redo());
        h.apply(
            &u,
            &Action::SetNote {
                id: AnnotationId("zz".into()),
                note: None,
            },
        )
        .unwrap_err();
        assert!(h.can_redo(), "a refused action changes nothing");
        let d2 = h
            .apply(
                &u,
                &Action::Create {
                    label: LabelId(0),
                    span: Span::new(4, 7),
                },
            )
            .unwrap();
        assert!(!h.can_redo());
        h.apply(
            &d2,
            &Action::Relabel {
                id: d2.annotations()[0].id.clone(),
                label: LabelId(0),
            },
        )
        .unwrap();
        assert_eq!(h.undo_len(), 1, "relabelling to the same label is no step");
    }

    #[test]
    fn history_keeps_at_least_a_thousand_steps_and_forgets_beyond_its_limit() {
        let limit = 1_000;
        let text = "w ".repeat(limit + 700);
        let mut doc = Document::new(Text::new(&text), None);
        let mut h = History::with_limit(limit);
        for i in 0..limit + 600 {
            doc = h
                .apply(
                    &doc,
                    &Action::Create {
                        label: LabelId(0),
                        span: Span::new(2 * i, 2 * i + 1),
                    },
                )
                .unwrap();
        }
        let mut undone = 0;
        while let Some((d, _)) = h.undo(&doc) {
            doc = d;
            undone += 1;
        }
        assert!((limit..=limit + limit / 10).contains(&undone), "{undone}");
        assert_eq!(doc.annotations().len(), limit + 600 - undone);
        assert!(History::default().undo.limit >= 1_000);
    }
}
