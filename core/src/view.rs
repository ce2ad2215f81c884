//! Render-ready views of a document: which annotations touch each paragraph, and the flat
//! segments a paragraph is drawn as, each with the annotations that cover it.

use crate::annotations::Annotations;
use crate::document::{merge_sorted, Annotation, AnnotationId, Merged};
use crate::label::LabelId;
use crate::offset::{Span, Utf16Offset};
use crate::text::Text;

/// What a view needs of one annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnRef {
    /// Its id.
    pub id: AnnotationId,
    /// Its label.
    pub label: LabelId,
    /// Its span in the whole text.
    pub span: Span,
}

impl From<&Annotation> for AnnRef {
    fn from(a: &Annotation) -> Self {
        AnnRef {
            id: a.id.clone(),
            label: a.label,
            span: a.span,
        }
    }
}

/// A run of a paragraph covered by the same annotations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The run, in bytes of the whole text.
    pub span: Span,
    /// Where the run starts, in UTF-16 units of the whole text (the DOM's unit).
    pub utf16_start: Utf16Offset,
    /// The annotations covering it, outermost (longest) first; empty for plain text.
    pub layers: Vec<AnnRef>,
    /// The suggestions under review covering it, outermost first.
    pub suggestions: Vec<SugRef>,
}

/// What a view needs of one suggestion under review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SugRef {
    /// Its place in the review list.
    pub index: usize,
    /// Its span in the whole text.
    pub span: Span,
    /// The label it proposes.
    pub label: LabelId,
    /// Whether it is the one in focus.
    pub focused: bool,
}

/// For each paragraph, the annotations that overlap it, in the document's order.
/// Costs `O(A log P + P)`: an annotation is looked up by binary search, not tested against
/// every paragraph.
pub fn group_by_paragraph<'a>(
    paragraphs: &[Span],
    annotations: impl IntoIterator<Item = &'a Annotation>,
) -> Vec<Vec<AnnRef>> {
    let mut out = vec![Vec::new(); paragraphs.len()];
    for a in annotations {
        let first = paragraphs.partition_point(|p| p.end <= a.span.start);
        for (i, p) in paragraphs.iter().enumerate().skip(first) {
            if p.start >= a.span.end {
                break;
            }
            if p.overlaps(a.span) {
                out[i].push(AnnRef::from(a));
            }
        }
    }
    out
}

/// The annotations that overlap `paragraph`, in the document's order (the same list
/// [`group_by_paragraph`] gives that paragraph). One pass over the chunks of the list that
/// start before its end, looking inside only those whose largest end passes its start, with no
/// allocation but the result.
pub fn group_of_paragraph(paragraph: Span, annotations: &Annotations) -> Vec<AnnRef> {
    let mut out = Vec::new();
    for c in annotations.chunks() {
        let Some(first) = c.items.first() else {
            continue;
        };
        if first.span.start >= paragraph.end {
            break;
        }
        if c.max_end <= paragraph.start.0 {
            continue;
        }
        let before_end = c.items.partition_point(|a| a.span.start < paragraph.end);
        out.extend(
            c.items[..before_end]
                .iter()
                .filter(|a| paragraph.overlaps(a.span))
                .map(AnnRef::from),
        );
    }
    out
}

/// The spans of the annotations whose id, label or span differ between `old` and `new` (both
/// in document order, sorted by start, end and id), from either side: the places a view must
/// redraw after an edit. One merge over both lists, stepping over the chunks they share (see
/// [`merge_sorted`]): after one edit it costs the number of chunks plus a chunk or two. `None`
/// when more than `limit` differ (then redraw everything).
pub fn changed_spans(old: &Annotations, new: &Annotations, limit: usize) -> Option<Vec<Span>> {
    let mut out = Vec::new();
    for m in merge_sorted(old, new) {
        out.push(match m {
            Merged::Both(a, b) if a.label == b.label => continue,
            Merged::Both(_, b) | Merged::New(b) => b.span,
            Merged::Old(a) => a.span,
        });
        if out.len() > limit {
            return None;
        }
    }
    Some(out)
}

/// Splits a paragraph into segments at every boundary of an annotation or a suggestion inside
/// it.
pub fn segments(
    text: &Text,
    paragraph: Span,
    anns: &[AnnRef],
    suggested: &[SugRef],
) -> Vec<Segment> {
    let mut cuts: Vec<usize> = vec![paragraph.start.0, paragraph.end.0];
    let bounds = anns
        .iter()
        .map(|a| a.span)
        .chain(suggested.iter().map(|s| s.span));
    for span in bounds {
        for b in [span.start.0, span.end.0] {
            if paragraph.start.0 < b && b < paragraph.end.0 {
                cuts.push(b);
            }
        }
    }
    crate::sort::sort(&mut cuts);
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let span = Span::new(w[0], w[1]);
            let mut layers: Vec<AnnRef> = anns
                .iter()
                .filter(|a| a.span.contains(span))
                .cloned()
                .collect();
            crate::sort::sort_by(&mut layers, |x, y| {
                y.span
                    .len()
                    .cmp(&x.span.len())
                    .then(x.span.start.cmp(&y.span.start))
                    .then(x.id.cmp(&y.id))
            });
            let mut suggestions: Vec<SugRef> = suggested
                .iter()
                .filter(|s| s.span.contains(span))
                .copied()
                .collect();
            crate::sort::sort_by(&mut suggestions, |x, y| {
                y.span.len().cmp(&x.span.len()).then(x.index.cmp(&y.index))
            });
            Segment {
                span,
                utf16_start: text.index().utf16(span.start),
                layers,
                suggestions,
            }
        })
        .collect()
}

/// `items` grouped by the paragraphs their spans overlap (an item over two paragraphs is in
/// both), in their order. Costs `O(N log P + P)`: each item is placed by binary search.
pub fn by_paragraph<T: Clone>(
    paragraphs: &[Span],
    items: &[T],
    span_of: impl Fn(&T) -> Span,
) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = vec![Vec::new(); paragraphs.len()];
    for item in items {
        let span = span_of(item);
        let first = paragraphs.partition_point(|p| p.end <= span.start);
        for (i, p) in paragraphs.iter().enumerate().skip(first) {
            if p.start >= span.end {
                break;
            }
            out[i].push(item.clone());
        }
    }
    out
}

/// The first entry of a list window of `size` entries out of `n`: where the user paged to,
/// moved (a quarter window above it) to hold the selected entry when that lies outside.
pub fn list_window(paged: usize, selected: Option<usize>, n: usize, size: usize) -> usize {
    let last_start = n.saturating_sub(size);
    let start = paged.min(last_start);
    match selected {
        Some(i) if i < start || i >= start + size => i.saturating_sub(size / 4).min(last_start),
        _ => start,
    }
}

/// Where each chunk of paragraphs starts (paragraph indices, the first 0): the units an article
/// is built and skipped in. The first chunk ends once the paragraphs' `lines` (guessed heights)
/// reach `first`, so a long text's first render builds about a screen, not more. Each later
/// chunk ends once the paragraphs' `costs` reach `budget`, so a chunk dense with highlights is
/// shorter and one task building it stays short. No chunk holds more than `size` paragraphs.
pub fn chunk_starts(
    lines: &[usize],
    costs: &[usize],
    first: usize,
    budget: usize,
    size: usize,
) -> Vec<usize> {
    let size = size.max(1);
    // the end of the chunk that starts at `from`, given each paragraph's size and the limit
    let end = |from: usize, sizes: &[usize], limit: usize| {
        let mut acc = 0;
        sizes[from..]
            .iter()
            .take(size)
            .position(|&n| {
                acc += n;
                acc >= limit
            })
            .map_or(size, |i| i + 1)
            .min(sizes.len() - from)
            + from
    };
    let mut out = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        out.push(at);
        at = if at == 0 {
            end(0, lines, first)
        } else {
            end(at, costs, budget)
        };
    }
    out
}

/// A paragraph longer than this (in bytes) is drawn as several layout blocks.
pub const BLOCK_MAX: usize = 3_000;

/// About where a long paragraph is cut: the last sentence end (else the last space) between
/// [`BLOCK_MIN`] and this many bytes into the block.
pub const BLOCK_TARGET: usize = 2_000;

/// The shortest block a cut leaves (but for the paragraph's last).
pub const BLOCK_MIN: usize = 800;

/// The text's layout blocks: its paragraphs, with each one longer than [`BLOCK_MAX`] bytes cut
/// into blocks of about [`BLOCK_TARGET`]. A browser lays a paragraph out as one unit, so an edit
/// in a 1,000,000-character paragraph (a transcript without breaks, a pasted PDF) would lay out
/// all of it; a block is laid out alone. The blocks cover exactly the paragraphs' bytes, in
/// order: a cut falls after a sentence's end and the spaces that follow it, else after a space,
/// else (text without spaces) at a grapheme boundary, so no word, character or grapheme cluster
/// is split and every offset stays what it was. A block that continues a paragraph starts
/// where the previous block ends ([`continues`]).
pub fn blocks(text: &Text) -> Vec<Span> {
    let s = text.as_str();
    let mut out = Vec::new();
    for p in text.paragraphs() {
        let mut start = p.start.0;
        while p.end.0 - start > BLOCK_MAX {
            let cut = block_cut(text, start, p.end.0);
            out.push(Span::new(start, cut));
            start = cut;
        }
        out.push(Span::new(start, p.end.0));
    }
    debug_assert!(out.iter().all(|b| s.is_char_boundary(b.start.0)));
    out
}

/// Whether a block continues the paragraph of the block before it (it starts mid-line).
pub fn continues(text: &Text, block: Span) -> bool {
    block.start.0 > 0 && text.as_str().as_bytes()[block.start.0 - 1] != b'\n'
}

/// Whether the paragraph goes on in the next block (it ends mid-line).
pub fn goes_on(text: &Text, block: Span) -> bool {
    text.as_str()
        .as_bytes()
        .get(block.end.0)
        .is_some_and(|&b| b != b'\n')
}

/// Where the block starting at `start` ends, in a paragraph ending at `end` (more than
/// [`BLOCK_MAX`] bytes on).
fn block_cut(text: &Text, start: usize, end: usize) -> usize {
    let s = text.as_str();
    let floor = |mut i: usize| {
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let lo = floor(start + BLOCK_MIN);
    let hi = floor((start + BLOCK_TARGET).min(end));
    // after a run of whitespace, where a word starts, and not before a combining mark
    let is_cut = |i: usize| {
        i > start
            && i < end
            && s[..i].ends_with(char::is_whitespace)
            && !s[i..].starts_with(char::is_whitespace)
            && text.is_grapheme_boundary(crate::offset::ByteOffset(i))
    };
    // (at a cut, after the spaces) a sentence ends before them
    let after_sentence = |i: usize| {
        s[..i]
            .trim_end()
            .ends_with(['.', '!', '?', '…', '"', '”', '’', ')'])
    };
    let sentence_end_cjk = |i: usize| {
        i > start
            && i < end
            && s[..i].ends_with(['。', '！', '？'])
            && text.is_grapheme_boundary(crate::offset::ByteOffset(i))
    };
    let candidates = (lo..=hi).rev().filter(|&i| s.is_char_boundary(i));
    let mut space = None;
    for i in candidates {
        if is_cut(i) {
            if after_sentence(i) {
                return i;
            }
            space.get_or_insert(i);
        } else if sentence_end_cjk(i) {
            return i;
        }
    }
    if let Some(i) = space {
        return i;
    }
    // no space in reach: the last space up to BLOCK_MAX, else a grapheme boundary
    let far = floor((start + BLOCK_MAX).min(end));
    if let Some(i) = (hi..=far)
        .rev()
        .find(|&i| s.is_char_boundary(i) && is_cut(i))
    {
        return i;
    }
    let mut i = hi;
    while i > start && !text.is_grapheme_boundary(crate::offset::ByteOffset(i)) {
        i = floor(i - 1);
    }
    if i == start {
        // one grapheme cluster longer than a block: cut after it
        i = hi;
        while i < end && !text.is_grapheme_boundary(crate::offset::ByteOffset(i)) {
            i += 1;
        }
    }
    i
}

/// Which chunks of the article are drawn whole (highlights, handles, badges) while the rest
/// show their text only: the shell keeps the text of every chunk in the page, so the browser's
/// find, selection across chunks and screen readers see all of it, in order, and draws the
/// highlights only near the viewport: a run of chunks around it, plus those holding the
/// browser's selection. (The shell also draws whole the chunks holding the selected, flashing
/// or tied annotation and the suggestion in focus, as it renders.)
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveChunks {
    /// A run of chunks around the viewport: `lo..hi`.
    pub lo: usize,
    /// Its end (exclusive).
    pub hi: usize,
    /// The chunks holding the ends of the browser's selection or caret: redrawing one would
    /// replace the text node the selection is in, and lose it.
    pub keep: Vec<usize>,
}

impl Default for LiveChunks {
    /// A new text: its first two chunks (the first holds a screen and a half).
    fn default() -> Self {
        LiveChunks {
            lo: 0,
            hi: 2,
            keep: Vec::new(),
        }
    }
}

impl LiveChunks {
    /// Whether chunk `ci` is drawn whole.
    pub fn has(&self, ci: usize) -> bool {
        (self.lo..self.hi).contains(&ci) || self.keep.contains(&ci)
    }
}

/// Whether the chunks near the viewport (`need`, `lo..hi`) lie wholly apart from the window: the
/// view jumped, or is scrolling faster than the window reaches.
pub fn is_jump(live: &LiveChunks, need: (usize, usize)) -> bool {
    need.1 <= live.lo || need.0 >= live.hi
}

/// The window after a scroll, or `None` when it need not move. `need` and `want` are the
/// chunks near the viewport and (farther) the run to draw once it moves, as `lo..hi`; `keep` the chunks holding the
/// selection's ends; while a pointer is down (a drag selecting text) the window only grows.
/// After a jump ([`is_jump`]) only `need` is drawn: every chunk of the new stretch is drawn
/// anew, and drawing all of `want` at a book's density took frames of 50 ms; the next scroll
/// that leaves `need` then draws the rest of `want`, next to what is drawn.
pub fn next_live(
    live: &LiveChunks,
    need: (usize, usize),
    want: (usize, usize),
    keep: Vec<usize>,
    pointer_down: bool,
) -> Option<LiveChunks> {
    if need.0 >= live.lo && need.1 <= live.hi {
        return None;
    }
    // Only chunks drawn whole are kept so: drawing one that shows text only would replace the
    // text the selection is in just the same.
    let keep: Vec<usize> = keep.into_iter().filter(|&k| live.has(k)).collect();
    let (lo, hi) = if pointer_down {
        (want.0.min(live.lo), want.1.max(live.hi))
    } else if is_jump(live, need) {
        need
    } else {
        want
    };
    Some(LiveChunks { lo, hi, keep })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn live(lo: usize, hi: usize) -> LiveChunks {
        LiveChunks {
            lo,
            hi,
            keep: Vec::new(),
        }
    }

    #[test]
    fn a_jump_is_a_view_wholly_apart_from_the_window() {
        assert!(!is_jump(&live(3, 9), (4, 7)));
        assert!(!is_jump(&live(3, 9), (8, 12)), "overlapping at its end");
        assert!(!is_jump(&live(3, 9), (1, 4)), "overlapping at its start");
        assert!(is_jump(&live(3, 9), (9, 12)));
        assert!(is_jump(&live(3, 9), (0, 3)));
    }

    #[test]
    fn the_window_stays_while_it_covers_what_is_needed() {
        assert_eq!(next_live(&live(3, 9), (4, 7), (2, 10), vec![], false), None);
    }

    #[test]
    fn the_window_moves_to_what_is_wanted_when_the_view_leaves_it() {
        assert_eq!(
            next_live(&live(3, 9), (8, 10), (6, 13), vec![], false),
            Some(live(6, 13))
        );
    }

    #[test]
    fn after_a_jump_only_what_is_needed_is_drawn_and_the_next_move_draws_what_is_wanted() {
        let jumped = next_live(&live(3, 9), (40, 42), (38, 45), vec![], false);
        assert_eq!(jumped, Some(live(40, 42)));
        assert_eq!(
            next_live(&live(40, 42), (41, 43), (39, 46), vec![], false),
            Some(live(39, 46))
        );
    }

    #[test]
    fn during_a_drag_the_window_only_grows() {
        assert_eq!(
            next_live(&live(3, 9), (8, 10), (6, 13), vec![], true),
            Some(live(3, 13))
        );
    }

    #[test]
    fn the_chunks_holding_the_selection_stay_drawn() {
        let moved = next_live(&live(3, 9), (20, 22), (18, 24), vec![4], false).unwrap();
        assert!(moved.has(4) && moved.has(20) && !moved.has(9));
        // a selection in a chunk that shows its text only is left so: drawing the chunk would
        // replace its text
        assert_eq!(
            next_live(&live(3, 9), (4, 7), (2, 10), vec![12], false),
            None
        );
        let moved = next_live(&live(3, 9), (20, 22), (18, 24), vec![12], false).unwrap();
        assert!(!moved.has(12));
    }

    /// Blocks cover the paragraphs' bytes exactly, in order, each within the size bounds.
    fn check_blocks(text: &Text) -> Vec<Span> {
        let bs = blocks(text);
        let paras = text.paragraphs();
        let mut k = 0;
        for p in &paras {
            let mut at = p.start.0;
            while at < p.end.0 {
                let b = bs[k];
                assert_eq!(b.start.0, at, "blocks are contiguous within a paragraph");
                assert!(b.end.0 > b.start.0 && b.end.0 <= p.end.0);
                assert!(
                    text.is_grapheme_boundary(b.end),
                    "cut at a grapheme boundary"
                );
                assert!(b.len() <= BLOCK_MAX || text.slice(b).chars().count() == 1);
                at = b.end.0;
                k += 1;
            }
        }
        assert_eq!(k, bs.len(), "no block outside a paragraph");
        bs
    }

    #[test]
    fn short_paragraphs_are_their_own_blocks() {
        let text = Text::new("One two.\n\nThree four.\n\nFive.");
        assert_eq!(blocks(&text), text.paragraphs());
        assert!(blocks(&text)
            .iter()
            .all(|&b| !continues(&text, b) && !goes_on(&text, b)));
    }

    #[test]
    fn a_long_paragraph_is_cut_after_sentence_ends() {
        let sentence = "The river rose again in the night, and the ferry stayed in port. ";
        let text = Text::new(&format!("Title\n{}\nEnd.", sentence.repeat(200)));
        let bs = check_blocks(&text);
        assert!(bs.len() > 5);
        for &b in &bs[1..bs.len() - 2] {
            assert!(
                text.slice(b).ends_with("port. "),
                "{:?}",
                &text.slice(b)[b.len() - 10..]
            );
            assert!(text.slice(b).starts_with("The river"));
        }
        assert!(!continues(&text, bs[1]) && goes_on(&text, bs[1]));
        assert!(continues(&text, bs[2]));
        assert_eq!(text.slice(bs[bs.len() - 1]), "End.");
    }

    #[test]
    fn a_paragraph_without_sentence_ends_is_cut_after_a_space() {
        let text = Text::new(&"wörd ".repeat(2_000));
        let bs = check_blocks(&text);
        assert!(bs.len() > 3);
        assert!(bs[..bs.len() - 1]
            .iter()
            .all(|&b| text.slice(b).ends_with("wörd ")));
    }

    #[test]
    fn a_paragraph_without_spaces_is_cut_between_grapheme_clusters() {
        // flags (two code points each) and a family emoji (joined by ZWJs), no spaces
        let text = Text::new(&"🇳🇴👨‍👩‍👧e\u{301}中文".repeat(400));
        let bs = check_blocks(&text);
        assert!(bs.len() > 3);
        let cjk = Text::new(&"中文的句子很长。".repeat(600));
        let bs = check_blocks(&cjk);
        assert!(bs[..bs.len() - 1]
            .iter()
            .all(|&b| cjk.slice(b).ends_with('。')));
    }

    #[test]
    fn a_million_character_paragraph_is_cut_into_blocks_of_about_two_thousand_bytes() {
        let text = Text::new(&"and then she said it was fine, ".repeat(33_000));
        let bs = check_blocks(&text);
        assert!(bs.len() >= 1_000_000 / BLOCK_MAX);
        assert!(bs
            .iter()
            .all(|b| b.len() >= BLOCK_MIN || b.end.0 == text.len()));
    }

    // proptest has no wasm32 backend (it is a native-only dev-dependency).
    #[test]
    fn the_first_chunk_fills_its_lines_and_the_rest_their_budget() {
        let ones = [1; 100];
        assert_eq!(
            chunk_starts(&[10; 100], &ones, 25, 1000, 32),
            vec![0, 3, 35, 67, 99]
        );
        // a first budget the first `size` paragraphs do not reach: a whole chunk
        assert_eq!(
            chunk_starts(&[1; 70], &[1; 70], 1000, 1000, 32),
            vec![0, 32, 64]
        );
        // a first paragraph over the budget is a chunk of its own
        assert_eq!(chunk_starts(&[50, 1, 1], &[1; 3], 40, 1000, 32), vec![0, 1]);
        // costly paragraphs make shorter chunks after the first
        assert_eq!(
            chunk_starts(&[1; 10], &[5; 10], 2, 10, 32),
            vec![0, 2, 4, 6, 8]
        );
        // a short text is one chunk; no text, none
        assert_eq!(chunk_starts(&[1, 1], &[1, 1], 40, 1000, 32), vec![0]);
        assert_eq!(chunk_starts(&[], &[], 40, 1000, 32), Vec::<usize>::new());
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Chunks cover every paragraph once, in order; each is the shortest run (up to `size`
        /// paragraphs) that reaches its limit: the first by lines, the others by cost.
        /// Any text's blocks cover its paragraphs' bytes exactly, each cut at a grapheme
        /// boundary and within the size bounds.
        #[test]
        fn blocks_cover_every_paragraph_exactly(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::string::string_regex("[a-zé ]{0,40}").unwrap(),
                    proptest::string::string_regex("[.!?。 \n]").unwrap(),
                    proptest::string::string_regex("(🇳🇴|👨‍👩‍👧|e\u{301}|中)").unwrap(),
                ],
                0..600,
            ),
        ) {
            let text = Text::new(&parts.concat());
            check_blocks(&text);
        }

        #[test]
        fn chunk_starts_cover_every_paragraph_once(
            sizes in proptest::collection::vec((0usize..50, 0usize..50), 0..200),
            first in 0usize..300,
            budget in 0usize..300,
            size in 1usize..40,
        ) {
            let (lines, costs): (Vec<usize>, Vec<usize>) = sizes.into_iter().unzip();
            let starts = chunk_starts(&lines, &costs, first, budget, size);
            proptest::prop_assert_eq!(starts.is_empty(), lines.is_empty());
            if lines.is_empty() {
                return Ok(());
            }
            proptest::prop_assert_eq!(starts[0], 0);
            proptest::prop_assert!(starts.windows(2).all(|w| w[0] < w[1]));
            proptest::prop_assert!(*starts.last().unwrap() < lines.len());
            let end = |i: usize| starts.get(i + 1).copied().unwrap_or(lines.len());
            for (i, &start) in starts.iter().enumerate() {
                let (v, limit) = if i == 0 { (&lines, first) } else { (&costs, budget) };
                let got: usize = v[start..end(i)].iter().sum();
                let n = end(i) - start;
                proptest::prop_assert!(n <= size);
                // reached its limit, or is as long as allowed, or is the end of the text
                proptest::prop_assert!(got >= limit || n == size || end(i) == lines.len());
                // no shorter run would have done
                let shorter: usize = v[start..end(i) - 1].iter().sum();
                proptest::prop_assert!(n == 1 || shorter < limit);
            }
        }

        /// After edits through the history, which share the chunks they did not change,
        /// `changed_spans` finds what a merge of unshared copies finds, and the grouping of one
        /// paragraph what grouping them all gives.
        #[test]
        fn edits_that_share_chunks_find_the_same_changes_as_plain_lists(
            edits in proptest::collection::vec((0usize..6, 0usize..2000, 0usize..4), 1..12),
        ) {
            use crate::{Action, Document, History};
            let words = "ab cd ef gh\n".repeat(500);
            let mut doc = Document::new(Text::new(&words), None);
            let spans: Vec<Span> = (0..2000).map(|i| Span::new(i * 3, i * 3 + 2)).collect();
            let mut all: Vec<Annotation> = (0..700)
                .map(|i| ann(&format!("a{i}"), spans[i].start.0, spans[i].end.0))
                .collect();
            all.sort_by(|x, y| (x.span.start, x.span.end, &x.id).cmp(&(y.span.start, y.span.end, &y.id)));
            doc.annotations = Annotations::from(all);
            doc.next_id = 700;
            let mut history = History::default();
            let paragraphs = doc.text().paragraphs();
            for (what, at, n) in edits {
                let pick = doc.annotations().get(at % doc.annotations().len().max(1)).map(|a| a.id.clone());
                let action = match (what, pick) {
                    (0, _) | (_, None) => Action::Create { label: LabelId(n as u32), span: spans[at] },
                    (1, Some(id)) => Action::Delete { id },
                    (2, Some(id)) => Action::Relabel { id, label: LabelId(n as u32) },
                    (3, Some(id)) => Action::Resize { id, span: Span::new(spans[at].start.0, spans[(at + n).min(1999)].end.0) },
                    (_, Some(id)) => Action::SetNote { id, note: Some(format!("n{n}")) },
                };
                let old = doc.clone();
                let next = if what == 5 {
                    history.undo(&doc).map(|(d, _)| d)
                } else {
                    history.apply(&doc, &action).ok()
                };
                let Some(next) = next else { continue };
                proptest::prop_assert!(next.is_consistent());
                let plain = |d: &Document| Annotations::from(d.annotations().to_vec());
                proptest::prop_assert_eq!(
                    changed_spans(old.annotations(), next.annotations(), usize::MAX),
                    changed_spans(&plain(&old), &plain(&next), usize::MAX)
                );
                let speakers = |d: &Document| -> Vec<(AnnotationId, Span)> {
                    d.annotations()
                        .iter()
                        .filter(|a| crate::attribution::role(d, a) == crate::attribution::Role::Speaker)
                        .map(|a| (a.id.clone(), a.span))
                        .collect()
                };
                proptest::prop_assert_eq!(
                    crate::attribution::same_speakers(&old, &next),
                    speakers(&old) == speakers(&next) && old.relations() == next.relations()
                );
                let groups = group_by_paragraph(&paragraphs, next.annotations());
                for (i, p) in paragraphs.iter().enumerate().step_by(37) {
                    proptest::prop_assert_eq!(&group_of_paragraph(*p, next.annotations()), &groups[i]);
                }
                doc = next;
            }
        }

        /// Redrawing only the paragraphs that `changed_spans` names gives what grouping the
        /// whole document again gives.
        #[test]
        fn changed_spans_name_every_paragraph_an_edit_changes(
            before in proptest::collection::vec((0usize..60, 1usize..12, 0u32..3), 0..25),
            edits in proptest::collection::vec((0usize..30, 0usize..60, 1usize..12, 0u32..3), 0..6),
        ) {
            let paragraphs: Vec<Span> = (0..6).map(|i| Span::new(i * 12, i * 12 + 11)).collect();
            let build = |spans: &[(usize, usize, u32, String)]| {
                let mut anns: Vec<Annotation> = spans
                    .iter()
                    .map(|(s, l, label, id)| {
                        let mut a = ann(id, *s, (*s + *l).min(72));
                        a.label = LabelId(*label);
                        a
                    })
                    .collect();
                anns.sort_by(|x, y| (x.span.start, x.span.end, &x.id).cmp(&(y.span.start, y.span.end, &y.id)));
                Annotations::from(anns)
            };
            let mut spec: Vec<(usize, usize, u32, String)> = before
                .iter()
                .enumerate()
                .map(|(i, &(s, l, label))| (s, l, label, format!("a{i}")))
                .collect();
            let old = build(&spec);
            for (k, &(which, s, l, label)) in edits.iter().enumerate() {
                match k % 3 {
                    0 if !spec.is_empty() => { spec.remove(which % spec.len()); }
                    1 if !spec.is_empty() => { let n = spec.len(); let e = &mut spec[which % n]; *e = (s, l, label, e.3.clone()); }
                    _ => spec.push((s, l, label, format!("n{k}"))),
                }
            }
            let new = build(&spec);
            let changed = changed_spans(&old, &new, usize::MAX).unwrap();
            let old_groups = group_by_paragraph(&paragraphs, &old);
            let new_groups = group_by_paragraph(&paragraphs, &new);
            for (i, p) in paragraphs.iter().enumerate() {
                proptest::prop_assert_eq!(&group_of_paragraph(*p, &new), &new_groups[i]);
                if !changed.iter().any(|c| p.overlaps(*c)) {
                    proptest::prop_assert_eq!(&old_groups[i], &new_groups[i]);
                }
            }
            proptest::prop_assert!(changed_spans(&old, &new, 0).is_some() == changed.is_empty());
        }
    }
    use crate::offset::ByteOffset;

    fn ann(id: &str, s: usize, e: usize) -> Annotation {
        Annotation {
            id: AnnotationId(id.into()),
            label: LabelId(0),
            span: Span::new(s, e),
            note: None,
            kind: None,
            cue: None,
        }
    }

    #[test]
    fn items_go_to_every_paragraph_they_overlap() {
        let text = Text::new("One two.\n\nThree four.\n\nFive.");
        let paragraphs = text.paragraphs();
        let items = [
            ("a", Span::new(0, 3)),
            ("b", Span::new(4, 15)),
            ("c", Span::new(23, 28)),
        ];
        let groups = by_paragraph(&paragraphs, &items, |x| x.1);
        let names: Vec<Vec<&str>> = groups
            .iter()
            .map(|g| g.iter().map(|x| x.0).collect())
            .collect();
        assert_eq!(names, [vec!["a", "b"], vec!["b"], vec!["c"]]);
    }

    #[test]
    fn suggestions_cut_the_paragraph_as_their_own_layer() {
        let text = Text::new("Pia Lund said it was over.");
        let p = text.paragraphs()[0];
        let speaker = ann("a1", 0, 8);
        let sug = SugRef {
            index: 4,
            span: Span::new(14, 26),
            label: LabelId(1),
            focused: true,
        };
        let segs = segments(&text, p, &[AnnRef::from(&speaker)], &[sug]);
        let shown: Vec<(&str, usize, Vec<usize>)> = segs
            .iter()
            .map(|s| {
                (
                    text.slice(s.span),
                    s.layers.len(),
                    s.suggestions.iter().map(|x| x.index).collect(),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("Pia Lund", 1, vec![]),
                (" said ", 0, vec![]),
                ("it was over.", 0, vec![4]),
            ]
        );
    }

    #[test]
    fn nested_spans_cut_the_paragraph_and_stack_outermost_first() {
        let text = Text::new("On March 18 we said so.");
        let outer = ann("a1", 0, 23);
        let inner = ann("a2", 3, 11);
        let p = text.paragraphs()[0];
        let segs = segments(&text, p, &[AnnRef::from(&outer), AnnRef::from(&inner)], &[]);
        let shown: Vec<(&str, Vec<&str>)> = segs
            .iter()
            .map(|s| {
                (
                    text.slice(s.span),
                    s.layers.iter().map(|l| l.id.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("On ", vec!["a1"]),
                ("March 18", vec!["a1", "a2"]),
                (" we said so.", vec!["a1"]),
            ]
        );
    }

    #[test]
    fn the_list_window_follows_paging_and_always_holds_the_selection() {
        assert_eq!(list_window(0, None, 50, 200), 0);
        assert_eq!(list_window(400, None, 1_000, 200), 400);
        assert_eq!(
            list_window(900, None, 1_000, 200),
            800,
            "never past the end"
        );
        assert_eq!(list_window(0, Some(150), 1_000, 200), 0, "already in view");
        assert_eq!(list_window(0, Some(700), 1_000, 200), 650);
        assert_eq!(list_window(600, Some(10), 1_000, 200), 0);
    }

    #[test]
    fn segments_carry_utf16_starts() {
        let text = Text::new("😀 hi");
        let a = ann("a1", 5, 7);
        let segs = segments(&text, text.paragraphs()[0], &[AnnRef::from(&a)], &[]);
        assert_eq!(segs[1].utf16_start, Utf16Offset(3));
        assert_eq!(segs[1].span.start, ByteOffset(5));
    }

    #[test]
    fn an_annotation_across_paragraphs_shows_in_each() {
        let text = Text::new("One.\n\nTwo.\nThree.");
        let paras = text.paragraphs();
        let groups = group_by_paragraph(&paras, &[ann("a1", 2, 8), ann("a2", 11, 13)]);
        let ids: Vec<Vec<&str>> = groups
            .iter()
            .map(|g| g.iter().map(|a| a.id.as_str()).collect())
            .collect();
        assert_eq!(ids, [vec!["a1"], vec!["a1"], vec!["a2"]]);
    }
}
