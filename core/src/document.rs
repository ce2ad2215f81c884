//! The annotated document: its text, labels, annotations and relations.

use crate::annotations::Annotations;
use crate::label::{default_labels, Label, LabelId};
use crate::offset::Span;
use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use std::sync::Arc;

/// The stable, unique id of an annotation (`a1`, `a2`, … for those made here).
///
/// Shared text (`Rc`: the app is single-threaded): an edit copies the chunk of annotations it
/// changes and the annotations its undo patch keeps (the old document stays in use for the
/// view's diff), and copying an id is then a count, not an allocation (measured:
/// bench/README.md, "Choices measured").
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AnnotationId(pub Rc<str>);

impl Serialize for AnnotationId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for AnnotationId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(|s| AnnotationId(s.into()))
    }
}

impl AnnotationId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for AnnotationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// How a quote reports what was said.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// The speaker's own words, in quotation marks.
    Direct,
    /// Reported speech, paraphrased.
    Indirect,
    /// Paraphrase with quoted fragments.
    Mixed,
}

impl QuoteKind {
    /// Every kind, in menu order.
    pub const ALL: [QuoteKind; 3] = [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Mixed];

    /// The name used in files and menus.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }

    /// The kind a name stands for.
    pub fn parse(s: &str) -> Option<QuoteKind> {
        QuoteKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A labelled span of the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Stable identity, kept from one export to the next.
    pub id: AnnotationId,
    /// What the span is.
    pub label: LabelId,
    /// Where it is, in bytes; never empty, never splitting a character.
    pub span: Span,
    /// A free-text note, if any.
    pub note: Option<String>,
    /// For a quote: direct, indirect or mixed speech.
    #[serde(default)]
    pub kind: Option<QuoteKind>,
    /// For a quote: where its cue is ("said", "told reporters").
    #[serde(default)]
    pub cue: Option<Span>,
}

/// What a relation means. Ours are typed; any other tool's type is kept as it is named.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RelationKind {
    /// From a quote or claim to its speaker (`attributed_to`).
    AttributedTo,
    /// Between two mentions of one speaker (`same_as`).
    SameAs,
    /// Another type, by its name (from an imported file).
    Other(String),
}

impl RelationKind {
    /// Its name in files.
    pub fn as_str(&self) -> &str {
        match self {
            RelationKind::AttributedTo => crate::attribution::ATTRIBUTED_TO,
            RelationKind::SameAs => crate::attribution::SAME_AS,
            RelationKind::Other(name) => name,
        }
    }
}

impl From<&str> for RelationKind {
    fn from(name: &str) -> Self {
        match name {
            crate::attribution::ATTRIBUTED_TO => RelationKind::AttributedTo,
            crate::attribution::SAME_AS => RelationKind::SameAs,
            other => RelationKind::Other(other.to_owned()),
        }
    }
}

impl From<String> for RelationKind {
    fn from(name: String) -> Self {
        match RelationKind::from(name.as_str()) {
            RelationKind::Other(_) => RelationKind::Other(name),
            known => known,
        }
    }
}

impl PartialEq<&str> for RelationKind {
    fn eq(&self, name: &&str) -> bool {
        self.as_str() == *name
    }
}

impl std::fmt::Display for RelationKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RelationKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RelationKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(RelationKind::from)
    }
}

/// A typed link from one annotation to another (attribution and the like).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// Stable identity.
    pub id: String,
    /// The kind of link.
    pub kind: RelationKind,
    /// The annotation the link starts at.
    pub from: AnnotationId,
    /// The annotation the link points to.
    pub to: AnnotationId,
}

impl Relation {
    /// A relation `id` of `kind` from annotation `from` to annotation `to`.
    pub fn new(id: String, kind: impl Into<RelationKind>, from: &str, to: &str) -> Self {
        Relation {
            id,
            kind: kind.into(),
            from: AnnotationId(from.into()),
            to: AnnotationId(to.into()),
        }
    }
}

/// Everything the user has made for one article. Cheap to clone: the text is shared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub(crate) title: Option<String>,
    pub(crate) text: Arc<Text>,
    pub(crate) labels: Vec<Label>,
    /// Sorted by (start, end, id), which is also the export order; in shared chunks, so a copy
    /// is cheap and an edit copies one chunk.
    pub(crate) annotations: Annotations,
    /// Shared: an edit that leaves them alone copies a pointer, not every relation.
    pub(crate) relations: Rc<Vec<Relation>>,
    /// The number in the next `aN` id this document hands out.
    pub(crate) next_id: u64,
}

impl Default for Document {
    fn default() -> Self {
        Document::new(Text::default(), None)
    }
}

impl Document {
    /// A document of `text` with the default labels and no annotations.
    pub fn new(text: Text, title: Option<String>) -> Self {
        Document {
            title: clean_title(title),
            text: Arc::new(text),
            labels: default_labels(),
            annotations: Annotations::new(),
            relations: Rc::new(Vec::new()),
            next_id: 1,
        }
    }

    /// The title, if the user gave one.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// Sets the title outside the undo history (renaming a closed article in the library).
    pub fn set_title(&mut self, title: Option<String>) {
        self.title = clean_title(title);
    }

    /// The text.
    pub fn text(&self) -> &Text {
        &self.text
    }

    /// The shared text, for views that keep it.
    pub fn text_arc(&self) -> Arc<Text> {
        Arc::clone(&self.text)
    }

    /// The labels, in their display order.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// A label by id.
    pub fn label(&self, id: LabelId) -> Option<&Label> {
        self.labels.iter().find(|l| l.id == id)
    }

    /// A label by name, in any case (as roles are read: names are unique ignoring case).
    pub fn label_named(&self, name: &str) -> Option<&Label> {
        self.labels
            .iter()
            .find(|l| l.name.eq_ignore_ascii_case(name))
    }

    /// The annotations, sorted by start, then end, then id.
    pub fn annotations(&self) -> &Annotations {
        &self.annotations
    }

    /// An annotation by id (logarithmic: the list keeps an index by id).
    pub fn annotation(&self, id: &AnnotationId) -> Option<&Annotation> {
        self.annotations.by_id(id)
    }

    /// The position of an annotation in [`Document::annotations`], by id.
    pub fn position_of(&self, id: &AnnotationId) -> Option<usize> {
        self.annotations.position(id)
    }

    /// The annotation of `label` on exactly `span`, if there is one (there is at most one).
    pub fn annotation_at(&self, span: Span, label: LabelId) -> Option<&Annotation> {
        self.annotations.at_span(span).find(|a| a.label == label)
    }

    /// The relations.
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    /// The text an annotation covers.
    pub fn annotation_text(&self, a: &Annotation) -> &str {
        self.text.slice(a.span)
    }

    /// The relations, to change (copied first if another document shares them).
    pub(crate) fn relations_mut(&mut self) -> &mut Vec<Relation> {
        Rc::make_mut(&mut self.relations)
    }

    /// Keeps the relations `keep` accepts, copying them only when one goes.
    pub(crate) fn retain_relations(&mut self, keep: impl Fn(&Relation) -> bool) {
        if !self.relations.iter().all(&keep) {
            self.relations_mut().retain(keep);
        }
    }

    /// Hands out the next `aN` id not yet used.
    pub(crate) fn fresh_id(&mut self) -> AnnotationId {
        loop {
            let id = AnnotationId(format!("a{}", self.next_id).into());
            self.next_id += 1;
            if !self.annotations.contains_id(&id) {
                return id;
            }
        }
    }

    /// Puts an annotation in its sorted place.
    pub(crate) fn insert_sorted(&mut self, a: Annotation) {
        let at = self.annotations.partition_point(|x| {
            (x.span.start, x.span.end, &x.id) < (a.span.start, a.span.end, &a.id)
        });
        self.annotations.insert(at, a);
    }

    /// True when every annotation is a non-empty span of the text on character boundaries with
    /// a known label, annotations are in order with unique ids, and relations point to
    /// annotations that exist. Used to check data read back from storage.
    pub fn is_consistent(&self) -> bool {
        let mut ids = std::collections::HashSet::new();
        let spans_ok = self.annotations.iter().all(|a| {
            a.span.start < a.span.end
                && self.text.get(a.span).is_some()
                && self.label(a.label).is_some()
                && ids.insert(&a.id)
        });
        let sorted = self
            .annotations
            .iter()
            .zip(self.annotations.iter().skip(1))
            .all(|(x, y)| (x.span.start, x.span.end, &x.id) <= (y.span.start, y.span.end, &y.id));
        let relations_ok = self
            .relations
            .iter()
            .all(|r| ids.contains(&r.from) && ids.contains(&r.to));
        spans_ok && sorted && relations_ok
    }

    /// Whether `other` holds the same title, text, labels, annotations and relations: the same
    /// document but perhaps for the number of the next id each would hand out (a file does not
    /// keep it: read back, it is one past the highest id in the file).
    pub fn same_content(&self, other: &Document) -> bool {
        // every field named, so a field added to the document is compared here too
        let Document {
            title,
            text,
            labels,
            annotations,
            relations,
            next_id: _,
        } = self;
        *title == other.title
            && *text == other.text
            && *labels == other.labels
            && *annotations == other.annotations
            && *relations == other.relations
    }

    /// The number the next `aN` id would carry.
    pub fn next_id(&self) -> u64 {
        self.next_id
    }

    /// Makes sure the next `aN` id is at least `n` (ids are never handed out twice).
    pub fn reserve_ids(&mut self, n: u64) {
        self.next_id = self.next_id.max(n);
    }

    /// Sorts annotations into export order (after bulk changes).
    pub(crate) fn sort_annotations(&mut self) {
        self.annotations.sort();
    }
}

/// A title trimmed, with an empty one taken as none.
pub(crate) fn clean_title(title: Option<String>) -> Option<String> {
    title.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// One step of a merge over two annotation lists in document order.
#[derive(Debug)]
pub enum Merged<'a> {
    /// An annotation only the old list has (at this place, with this id).
    Old(&'a Annotation),
    /// An annotation only the new list has.
    New(&'a Annotation),
    /// The same place and id in both (the other fields may differ).
    Both(&'a Annotation, &'a Annotation),
}

/// Walks two annotation lists sorted by (start, end, id), as documents keep them, in one
/// merge: what an edit changed, found without a search per annotation and without allocating.
/// A run the two lists share (a chunk an edit did not copy: see [`Annotations`]) is equal on
/// both sides and is stepped over whole, so after an edit the walk costs the number of chunks
/// plus the size of the changed ones; other unchanged annotations come out as `Both`.
/// On unsorted input an unchanged annotation may come out as `Old` and `New`.
pub fn merge_sorted<'a>(old: &'a Annotations, new: &'a Annotations) -> MergeSorted<'a> {
    MergeSorted {
        old: Side::new(old),
        new: Side::new(new),
    }
}

/// One list's place in a merge.
#[derive(Debug)]
struct Side<'a> {
    /// The chunks after the current one.
    next: &'a [Rc<crate::annotations::Chunk<Annotation>>],
    /// The current chunk.
    cur: Option<&'a Rc<crate::annotations::Chunk<Annotation>>>,
    /// What is left of it.
    rest: &'a [Annotation],
    /// Whether `rest` is all of it.
    whole: bool,
}

impl<'a> Side<'a> {
    fn new(list: &'a Annotations) -> Self {
        let mut s = Side {
            next: list.chunks(),
            cur: None,
            rest: &[],
            whole: false,
        };
        s.refill();
        s
    }

    /// Moves to the next chunk when the current one is used up.
    fn refill(&mut self) {
        while self.rest.is_empty() {
            let Some((c, more)) = self.next.split_first() else {
                self.cur = None;
                self.whole = false;
                return;
            };
            self.cur = Some(c);
            self.next = more;
            self.rest = &c.items;
            self.whole = true;
        }
    }

    fn first(&self) -> Option<&'a Annotation> {
        self.rest.first()
    }

    fn advance(&mut self) -> &'a Annotation {
        let a = &self.rest[0];
        self.rest = &self.rest[1..];
        self.whole = false;
        self.refill();
        a
    }

    /// Steps over the whole current chunk.
    fn skip_chunk(&mut self) {
        self.rest = &[];
        self.refill();
    }

    /// True when both are at the start of the same shared chunk.
    fn shares_chunk_with(&self, other: &Side<'_>) -> bool {
        match (self.cur, other.cur) {
            (Some(a), Some(b)) => self.whole && other.whole && Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// The iterator [`merge_sorted`] returns.
#[derive(Debug)]
pub struct MergeSorted<'a> {
    old: Side<'a>,
    new: Side<'a>,
}

impl<'a> Iterator for MergeSorted<'a> {
    type Item = Merged<'a>;

    fn next(&mut self) -> Option<Merged<'a>> {
        use std::cmp::Ordering;
        fn key(a: &Annotation) -> (usize, usize, &str) {
            (a.span.start.0, a.span.end.0, a.id.as_str())
        }
        // Both at the start of the same shared chunk: nothing in it changed.
        while self.old.shares_chunk_with(&self.new) {
            self.old.skip_chunk();
            self.new.skip_chunk();
        }
        let order = match (self.old.first(), self.new.first()) {
            (None, None) => return None,
            (Some(a), Some(b)) => key(a).cmp(&key(b)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
        };
        Some(match order {
            Ordering::Equal => Merged::Both(self.old.advance(), self.new.advance()),
            Ordering::Less => Merged::Old(self.old.advance()),
            Ordering::Greater => Merged::New(self.new.advance()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::AnnotationId;

    #[test]
    fn an_annotation_id_is_stored_as_a_plain_string_as_before_it_was_shared() {
        // Saved sessions hold ids in their undo history: the form must not change.
        let id = AnnotationId("a7".into());
        assert_eq!(serde_json::to_string(&id).unwrap(), r#""a7""#);
        let back: AnnotationId = serde_json::from_str(r#""a7""#).unwrap();
        assert_eq!(back, id);
        assert!(serde_json::from_str::<AnnotationId>("7").is_err());
    }
}
