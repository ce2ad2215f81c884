//! A document's annotations, kept in shared chunks so that copying a document (every edit does:
//! the old one stays in use for the view's diff and the undo patch) copies a few hundred
//! pointers, not every annotation, and an edit copies only the chunk it changes.
//!
//! The list is in (start, end, id) order, which is also the export order, as the document keeps
//! it; the structure itself only keeps positions (bulk changes push, then sort). Beside it, an
//! index of (id, span) sorted by id, chunked the same way, finds an annotation by id in
//! logarithmic time. Measured: bench/README.md, "Choices measured".

use crate::document::{Annotation, AnnotationId};
use crate::offset::Span;
use std::rc::Rc;

/// Most entries a chunk holds before it is split in two.
const MAX: usize = 256;
/// Entries per chunk when a list is built whole.
const FILL: usize = 128;
/// A chunk smaller than this after a removal joins a neighbour when both fit in one.
const MIN: usize = 32;

/// What a chunk summarises of its entries.
pub(crate) trait Entry: Clone {
    /// Where the entry's span ends, in bytes.
    fn end(&self) -> usize;
}

impl Entry for Annotation {
    fn end(&self) -> usize {
        self.span.end.0
    }
}

/// One entry of the id index, in the order of (id, start, end).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct IdEntry {
    /// The id's first 8 bytes, big-endian, zero-padded: it orders as the id does where the two
    /// differ in those bytes, so most comparisons need not follow the id's pointer.
    key: u64,
    id: AnnotationId,
    start: usize,
    end: usize,
}

/// The first 8 bytes of an id as a number that orders as they do.
fn id_key(id: &AnnotationId) -> u64 {
    prefix_key(id.as_str())
}

/// A string's first 8 bytes, big-endian, zero-padded: ordered as the string is where two
/// strings differ in those bytes.
pub(crate) fn prefix_key(s: &str) -> u64 {
    let mut b = [0u8; 8];
    let s = s.as_bytes();
    let n = s.len().min(8);
    b[..n].copy_from_slice(&s[..n]);
    u64::from_be_bytes(b)
}

impl IdEntry {
    fn of(a: &Annotation) -> Self {
        IdEntry {
            key: id_key(&a.id),
            id: a.id.clone(),
            start: a.span.start.0,
            end: a.span.end.0,
        }
    }
}

impl Entry for IdEntry {
    fn end(&self) -> usize {
        self.end
    }
}

/// A run of entries, shared between the lists that hold it.
#[derive(Clone, Debug)]
pub(crate) struct Chunk<T> {
    pub(crate) items: Vec<T>,
    /// The largest end among `items` (0 when empty).
    pub(crate) max_end: usize,
}

impl<T: Entry> Chunk<T> {
    fn new(items: Vec<T>) -> Self {
        let max_end = items.iter().map(Entry::end).max().unwrap_or(0);
        Chunk { items, max_end }
    }
}

/// A list in shared chunks: cloning copies one pointer per chunk; changing an entry copies its
/// chunk if another list still shares it.
#[derive(Clone, Debug)]
struct Chunked<T> {
    chunks: Vec<Rc<Chunk<T>>>,
    /// `before[k]`: how many entries the chunks before chunk `k` hold.
    before: Vec<usize>,
    len: usize,
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Chunked {
            chunks: Vec::new(),
            before: Vec::new(),
            len: 0,
        }
    }
}

impl<T: Entry> Chunked<T> {
    fn from_vec(items: Vec<T>) -> Self {
        let len = items.len();
        let mut chunks = Vec::with_capacity(len.div_ceil(FILL));
        let mut before = Vec::with_capacity(len.div_ceil(FILL));
        let mut it = items.into_iter().peekable();
        let mut n = 0;
        while it.peek().is_some() {
            let part: Vec<T> = it.by_ref().take(FILL).collect();
            before.push(n);
            n += part.len();
            chunks.push(Rc::new(Chunk::new(part)));
        }
        Chunked {
            chunks,
            before,
            len,
        }
    }

    fn to_vec(&self) -> Vec<T> {
        let mut out = Vec::with_capacity(self.len);
        for c in &self.chunks {
            out.extend(c.items.iter().cloned());
        }
        out
    }

    /// The chunk holding position `i` (< len), and the place in it.
    fn locate(&self, i: usize) -> (usize, usize) {
        let k = self.before.partition_point(|&b| b <= i) - 1;
        (k, i - self.before[k])
    }

    fn get(&self, i: usize) -> Option<&T> {
        if i >= self.len {
            return None;
        }
        let (k, at) = self.locate(i);
        Some(&self.chunks[k].items[at])
    }

    /// The first position whose entry fails `pred`, for a `pred` true on a prefix of the list.
    fn partition_point(&self, mut pred: impl FnMut(&T) -> bool) -> usize {
        let k = self
            .chunks
            .partition_point(|c| c.items.last().is_some_and(&mut pred));
        match self.chunks.get(k) {
            Some(c) => self.before[k] + c.items.partition_point(pred),
            None => self.len,
        }
    }

    fn recount_from(&mut self, k: usize) {
        self.before.truncate(k);
        let mut n = match k {
            0 => 0,
            _ => self.before[k - 1] + self.chunks[k - 1].items.len(),
        };
        for c in &self.chunks[k..] {
            self.before.push(n);
            n += c.items.len();
        }
        self.len = n;
    }

    fn insert(&mut self, i: usize, x: T) {
        assert!(i <= self.len, "insert at {i} past {}", self.len);
        if self.chunks.is_empty() {
            self.chunks.push(Rc::new(Chunk::new(vec![x])));
            self.recount_from(0);
            return;
        }
        let (k, at) = if i == self.len {
            let k = self.chunks.len() - 1;
            (k, self.chunks[k].items.len())
        } else {
            self.locate(i)
        };
        let c = Rc::make_mut(&mut self.chunks[k]);
        c.max_end = c.max_end.max(x.end());
        c.items.insert(at, x);
        if c.items.len() > MAX {
            let tail = c.items.split_off(c.items.len() / 2);
            *c = Chunk::new(std::mem::take(&mut c.items));
            self.chunks.insert(k + 1, Rc::new(Chunk::new(tail)));
        }
        self.recount_from(k);
    }

    fn remove(&mut self, i: usize) -> T {
        assert!(i < self.len, "remove at {i} past {}", self.len);
        let (k, at) = self.locate(i);
        let c = Rc::make_mut(&mut self.chunks[k]);
        let x = c.items.remove(at);
        if x.end() == c.max_end {
            c.max_end = c.items.iter().map(Entry::end).max().unwrap_or(0);
        }
        let n = c.items.len();
        if n == 0 {
            self.chunks.remove(k);
        } else if n < MIN {
            // Join the smaller neighbour, when the two fit in one chunk.
            let left = k.checked_sub(1).map(|j| (j, self.chunks[j].items.len()));
            let right = self.chunks.get(k + 1).map(|c| (k + 1, c.items.len()));
            let pick = match (left, right) {
                (Some(l), Some(r)) => Some(if l.1 <= r.1 { l } else { r }),
                (l, r) => l.or(r),
            };
            if let Some((j, _)) = pick.filter(|&(_, m)| n + m <= MAX) {
                let (a, b) = (k.min(j), k.max(j));
                let second = self.chunks.remove(b);
                let first = Rc::make_mut(&mut self.chunks[a]);
                first.items.extend(second.items.iter().cloned());
                first.max_end = first.max_end.max(second.max_end);
                self.recount_from(a);
                return x;
            }
        }
        self.recount_from(k.min(self.chunks.len()));
        x
    }

    /// Changes the entry at `i` in place.
    fn update<R>(&mut self, i: usize, f: impl FnOnce(&mut T) -> R) -> R {
        let (k, at) = self.locate(i);
        let c = Rc::make_mut(&mut self.chunks[k]);
        let r = f(&mut c.items[at]);
        c.max_end = c.items.iter().map(Entry::end).max().unwrap_or(0);
        r
    }

    fn iter(&self) -> Iter<'_, T> {
        Iter {
            chunks: self.chunks.iter(),
            front: [].iter(),
            back: [].iter(),
            left: self.len,
        }
    }
}

/// The annotations of a document, in the order the document keeps (by start, then end, then
/// id), with an index by id. Read it like a slice: [`len`](Self::len), [`iter`](Self::iter),
/// indexing, [`partition_point`](Self::partition_point); [`to_vec`](Self::to_vec) gives a
/// plain list. It is not a slice (its entries are not in one block of memory, which is what
/// makes copying it cheap), so [`Annotations::get`] costs a binary search over the chunks.
#[derive(Clone, Default)]
pub struct Annotations {
    list: Chunked<Annotation>,
    by_id: Chunked<IdEntry>,
}

impl Annotations {
    /// An empty list.
    pub fn new() -> Self {
        Annotations::default()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.list.len
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.list.len == 0
    }

    /// The annotation at position `i`.
    pub fn get(&self, i: usize) -> Option<&Annotation> {
        self.list.get(i)
    }

    /// The first annotation.
    pub fn first(&self) -> Option<&Annotation> {
        self.list.chunks.first().and_then(|c| c.items.first())
    }

    /// The last annotation.
    pub fn last(&self) -> Option<&Annotation> {
        self.list.chunks.last().and_then(|c| c.items.last())
    }

    /// Every annotation, in order.
    pub fn iter(&self) -> Iter<'_, Annotation> {
        self.list.iter()
    }

    /// The annotations as a plain list.
    pub fn to_vec(&self) -> Vec<Annotation> {
        self.list.to_vec()
    }

    /// The first position whose annotation fails `pred`, for a `pred` true on a prefix of the
    /// list (as [`slice::partition_point`]).
    pub fn partition_point(&self, pred: impl FnMut(&Annotation) -> bool) -> usize {
        self.list.partition_point(pred)
    }

    /// The position of the annotation with this id (the first in order, if several share it).
    pub fn position(&self, id: &AnnotationId) -> Option<usize> {
        let key = id_key(id);
        let k = self.by_id.partition_point(|e| (e.key, &e.id) < (key, id));
        let e = self.by_id.get(k).filter(|e| &e.id == id)?;
        let (start, end) = (e.start, e.end);
        let i = self.partition_point(|a| (a.span.start.0, a.span.end.0, &a.id) < (start, end, id));
        match self.get(i) {
            Some(a) if &a.id == id => Some(i),
            // Out of order (a bulk change not sorted yet): look at every one.
            _ => self.iter().position(|a| &a.id == id),
        }
    }

    /// The annotation with this id.
    pub fn by_id(&self, id: &AnnotationId) -> Option<&Annotation> {
        self.position(id).and_then(|i| self.get(i))
    }

    /// True when an annotation has this id.
    pub fn contains_id(&self, id: &AnnotationId) -> bool {
        let key = id_key(id);
        let k = self.by_id.partition_point(|e| (e.key, &e.id) < (key, id));
        self.by_id.get(k).is_some_and(|e| &e.id == id)
    }

    /// The annotations whose span is exactly `span`, in order (the list must be sorted).
    pub fn at_span(&self, span: Span) -> impl Iterator<Item = &Annotation> {
        let i = self.partition_point(|a| (a.span.start, a.span.end) < (span.start, span.end));
        self.iter_from(i).take_while(move |a| a.span == span)
    }

    /// The annotations from position `i` on.
    pub fn iter_from(&self, i: usize) -> Iter<'_, Annotation> {
        if i >= self.len() {
            return Iter {
                chunks: [].iter(),
                front: [].iter(),
                back: [].iter(),
                left: 0,
            };
        }
        let (k, at) = self.list.locate(i);
        Iter {
            chunks: self.list.chunks[k + 1..].iter(),
            front: self.list.chunks[k].items[at..].iter(),
            back: [].iter(),
            left: self.len() - i,
        }
    }

    /// Puts `a` at position `i`.
    pub(crate) fn insert(&mut self, i: usize, a: Annotation) {
        let e = IdEntry::of(&a);
        let j = self.by_id.partition_point(|x| x < &e);
        self.by_id.insert(j, e);
        self.list.insert(i, a);
    }

    /// Puts `a` at the end (bulk changes sort afterwards).
    pub(crate) fn push(&mut self, a: Annotation) {
        self.insert(self.len(), a);
    }

    /// Takes out the annotation at position `i`.
    pub(crate) fn remove(&mut self, i: usize) -> Annotation {
        let a = self.list.remove(i);
        let e = IdEntry::of(&a);
        let j = self.by_id.partition_point(|x| x < &e);
        if self.by_id.get(j) == Some(&e) {
            self.by_id.remove(j);
        }
        a
    }

    /// Changes the annotation at position `i` in place; `f` must not change its id or span.
    pub(crate) fn update<R>(&mut self, i: usize, f: impl FnOnce(&mut Annotation) -> R) -> R {
        self.list.update(i, |a| {
            let (id, span) = (a.id.clone(), a.span);
            let r = f(a);
            debug_assert!(a.id == id && a.span == span, "update moved an annotation");
            r
        })
    }

    /// Sorts by (start, end, id) (rebuilds the list: for bulk changes).
    pub(crate) fn sort(&mut self) {
        let mut v = self.to_vec();
        sort_vec(&mut v);
        self.list = Chunked::from_vec(v);
    }

    /// A list of `v` sorted by (start, end, id).
    pub fn sorted(mut v: Vec<Annotation>) -> Self {
        sort_vec(&mut v);
        Annotations::from(v)
    }

    /// A list of `v` sorted by (start, end, id), as [`Annotations::sorted`]; or `v` as it was, in
    /// its order, when two of its annotations share an id (found by the id index, which is made
    /// anyway).
    pub(crate) fn sorted_unique(mut v: Vec<Annotation>) -> Result<Self, Vec<Annotation>> {
        let ids = id_index(&v);
        if ids.windows(2).any(|w| w[0].id == w[1].id) {
            return Err(v);
        }
        sort_vec(&mut v);
        Ok(Annotations {
            list: Chunked::from_vec(v),
            by_id: Chunked::from_vec(ids),
        })
    }

    /// The chunks, for walks that skip what two lists share and look-ups by place (each
    /// knows the largest end among its annotations).
    pub(crate) fn chunks(&self) -> &[Rc<Chunk<Annotation>>] {
        &self.list.chunks
    }
}

fn sort_vec(v: &mut Vec<Annotation>) {
    crate::sort::sort_by(v, |x, y| {
        (x.span.start, x.span.end, &x.id).cmp(&(y.span.start, y.span.end, &y.id))
    });
}

/// The id index of `v`: its ids, sorted.
fn id_index(v: &[Annotation]) -> Vec<IdEntry> {
    let mut ids: Vec<IdEntry> = v.iter().map(IdEntry::of).collect();
    ids.sort_unstable();
    ids
}

impl From<Vec<Annotation>> for Annotations {
    fn from(v: Vec<Annotation>) -> Self {
        let ids = id_index(&v);
        Annotations {
            list: Chunked::from_vec(v),
            by_id: Chunked::from_vec(ids),
        }
    }
}

impl From<&[Annotation]> for Annotations {
    fn from(v: &[Annotation]) -> Self {
        Annotations::from(v.to_vec())
    }
}

impl<const N: usize> From<[Annotation; N]> for Annotations {
    fn from(v: [Annotation; N]) -> Self {
        Annotations::from(Vec::from(v))
    }
}

impl FromIterator<Annotation> for Annotations {
    fn from_iter<I: IntoIterator<Item = Annotation>>(iter: I) -> Self {
        Annotations::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl std::ops::Index<usize> for Annotations {
    type Output = Annotation;

    fn index(&self, i: usize) -> &Annotation {
        match self.get(i) {
            Some(a) => a,
            None => panic!("index {i} out of range for {} annotations", self.len()),
        }
    }
}

impl<'a> IntoIterator for &'a Annotations {
    type Item = &'a Annotation;
    type IntoIter = Iter<'a, Annotation>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl PartialEq for Annotations {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Annotations {}

impl PartialEq<[Annotation]> for Annotations {
    fn eq(&self, other: &[Annotation]) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl PartialEq<Vec<Annotation>> for Annotations {
    fn eq(&self, other: &Vec<Annotation>) -> bool {
        *self == **other
    }
}

impl<const N: usize> PartialEq<[Annotation; N]> for Annotations {
    fn eq(&self, other: &[Annotation; N]) -> bool {
        *self == other[..]
    }
}

impl std::fmt::Debug for Annotations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The iterator over a chunked list, in order.
#[derive(Clone, Debug)]
pub struct Iter<'a, T> {
    chunks: std::slice::Iter<'a, Rc<Chunk<T>>>,
    front: std::slice::Iter<'a, T>,
    back: std::slice::Iter<'a, T>,
    left: usize,
}

impl<'a, T> Iterator for Iter<'a, T> {
    type Item = &'a T;

    fn next(&mut self) -> Option<&'a T> {
        loop {
            if let Some(x) = self.front.next() {
                self.left -= 1;
                return Some(x);
            }
            match self.chunks.next() {
                Some(c) => self.front = c.items.iter(),
                None => {
                    let x = self.back.next()?;
                    self.left -= 1;
                    return Some(x);
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl<T> DoubleEndedIterator for Iter<'_, T> {
    fn next_back(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(x) = self.back.next_back() {
                self.left -= 1;
                return Some(x);
            }
            match self.chunks.next_back() {
                Some(c) => self.back = c.items.iter(),
                None => {
                    let x = self.front.next_back()?;
                    self.left -= 1;
                    return Some(x);
                }
            }
        }
    }
}

impl<T> ExactSizeIterator for Iter<'_, T> {}

impl<T> std::iter::FusedIterator for Iter<'_, T> {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::LabelId;

    fn ann(n: usize) -> Annotation {
        Annotation {
            id: AnnotationId(format!("a{n}").into()),
            label: LabelId(0),
            span: Span::new(n * 2, n * 2 + 1 + n % 7),
            note: None,
            kind: None,
            cue: None,
        }
    }

    fn check(list: &Annotations, plain: &[Annotation]) {
        assert_eq!(list, plain);
        assert_eq!(list.iter().rev().count(), plain.len());
        assert!(list.iter().rev().eq(plain.iter().rev()));
        for (i, a) in plain.iter().enumerate() {
            assert_eq!(&list[i], a);
            assert_eq!(list.position(&a.id), Some(i));
            assert_eq!(list.iter_from(i).next(), Some(a));
        }
        for c in &list.list.chunks {
            assert!(!c.items.is_empty() && c.items.len() <= MAX);
            assert_eq!(c.max_end, c.items.iter().map(Entry::end).max().unwrap());
        }
        assert_eq!(list.by_id.len, plain.len());
    }

    #[test]
    fn the_id_key_orders_as_the_id_does() {
        let ids = [
            "",
            "a",
            "a\0",
            "a\0x",
            "a1",
            "a10",
            "a9",
            "abcdefgh",
            "abcdefgh1",
            "abcdefgi",
            "é",
            "z",
        ];
        for x in ids {
            for y in ids {
                let (x, y) = (AnnotationId(x.into()), AnnotationId(y.into()));
                assert_eq!(
                    (id_key(&x), &x).cmp(&(id_key(&y), &y)),
                    x.cmp(&y),
                    "{x} {y}"
                );
                if id_key(&x) != id_key(&y) {
                    assert_eq!(id_key(&x).cmp(&id_key(&y)), x.cmp(&y), "{x} {y}");
                }
            }
        }
    }

    #[test]
    fn inserts_and_removes_keep_the_order_the_chunks_and_the_id_index() {
        let mut plain: Vec<Annotation> = (0..1000).map(ann).collect();
        let mut list = Annotations::from(plain.clone());
        check(&list, &plain);
        let shared = list.clone();
        // Remove most, from the middle out, then put some back at odd places.
        let mut seed = 7usize;
        for _ in 0..900 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345) % 1_000_003;
            let i = seed % plain.len();
            let a = list.remove(i);
            assert_eq!(a, plain.remove(i));
        }
        check(&list, &plain);
        for n in 1000..1600 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345) % 1_000_003;
            let i = seed % (plain.len() + 1);
            list.insert(i, ann(n));
            plain.insert(i, ann(n));
        }
        check(&list, &plain);
        list.update(3, |a| a.note = Some("x".into()));
        plain[3].note = Some("x".into());
        check(&list, &plain);
        // The copy taken before is as it was.
        check(&shared, &(0..1000).map(ann).collect::<Vec<_>>());
        assert!(!list.contains_id(&AnnotationId("nope".into())));
        assert_eq!(Annotations::new().iter().next(), None);
    }
}
