//! Which chunks are drawn whole: the article's text is always in the page (so the browser's
//! find, selection across chunks and screen readers see all of it, in order), but highlights,
//! handles and badges are drawn only in the chunks near the viewport. A book of 1,000,000 words
//! with 100,000 annotations would otherwise be hundreds of thousands of elements, and every
//! edit and every frame would pay for them.

use super::build::Build;
use crate::browser::selection;
use annotator_core::view::{is_jump, next_live};
use annotator_core::Utf16Offset;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

/// How far beyond the viewport (in screen heights) chunks must be drawn: when the chunks
/// within this distance are not all drawn, the window moves.
const NEED: f64 = 0.5;

/// How far beyond the viewport (in screen heights) the window reaches once it moves, so a
/// slow scroll moves it seldom.
const REACH: f64 = 1.5;

/// What [`follow`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Follow {
    /// The window covers what is near the viewport.
    Stays,
    /// It moved: the view must be drawn again.
    Moved,
    /// The viewport left it behind while scrolling fast: it moves once the scrolling settles.
    Later,
}

/// Moves the window of `build` to follow the viewport, if it must ([`next_live`]), noting the
/// selection to put back after the redraw. With `fling` (the page is scrolling fast), a move to
/// chunks apart from the window waits ([`Follow::Later`]): drawing a new stretch's highlights
/// in every frame of a fling made frames of 50 to 80 ms at 1,000,000 words; the text shows
/// meanwhile, and its highlights once the scrolling settles.
pub(super) fn follow(
    body: &Element,
    build: &RefCell<Build>,
    len16: Utf16Offset,
    fling: bool,
) -> Follow {
    let h = gloo::utils::window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(900.0);
    let need = chunks_between(body, -NEED * h, (1.0 + NEED) * h);
    let want = chunks_between(body, -REACH * h, (1.0 + REACH) * h);
    let keep = selection_chunks(body);
    let mut b = build.borrow_mut();
    if fling && is_jump(&b.live, need) && !b.pointer_down {
        return Follow::Later;
    }
    let Some(live) = next_live(&b.live, need, want, keep, b.pointer_down) else {
        return Follow::Stays;
    };
    b.live = live;
    b.restore = selection_offsets(body, len16);
    Follow::Moved
}

/// The chunks (children of `body`) whose boxes reach between `top` and `bottom`, in px from
/// the viewport's top: found by binary search over the boxes, which stay in order.
fn chunks_between(body: &Element, top: f64, bottom: f64) -> (usize, usize) {
    let chunks = body.children();
    let n = chunks.length();
    let first_where = |pred: &dyn Fn(&web_sys::DomRect) -> bool| {
        let (mut lo, mut hi) = (0u32, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let rect = chunks.item(mid).map(|c| c.get_bounding_client_rect());
            if rect.is_some_and(|r| pred(&r)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        lo as usize
    };
    let first = first_where(&|r| r.bottom() > top);
    let end = first_where(&|r| r.top() >= bottom);
    (first, end.max(first))
}

/// The chunks holding the ends of the browser's selection (or its caret), when inside `body`.
fn selection_chunks(body: &Element) -> Vec<usize> {
    let Ok(Some(selection)) = gloo::utils::window().get_selection() else {
        return Vec::new();
    };
    let ends = [selection.anchor_node(), selection.focus_node()];
    let mut out: Vec<usize> = ends
        .into_iter()
        .flatten()
        .filter_map(|node| chunk_index(body, &node))
        .collect();
    annotator_core::sort::sort(&mut out);
    out.dedup();
    out
}

/// The browser's selection (anchor, focus) as UTF-16 offsets of the article, when it is in
/// `body`.
fn selection_offsets(body: &Element, len16: Utf16Offset) -> Option<(Utf16Offset, Utf16Offset)> {
    let selection = gloo::utils::window().get_selection().ok()??;
    let (anchor, focus) = (selection.anchor_node()?, selection.focus_node()?);
    let body_node: &Node = body.as_ref();
    if !body_node.contains(Some(&anchor)) || !body_node.contains(Some(&focus)) {
        return None;
    }
    Some((
        selection::offset_at(body, &anchor, selection.anchor_offset(), len16)?,
        selection::offset_at(body, &focus, selection.focus_offset(), len16)?,
    ))
}

/// The index of the chunk of `body` holding `node`.
fn chunk_index(body: &Element, node: &Node) -> Option<usize> {
    let body_node: &Node = body.as_ref();
    if !body_node.contains(Some(node)) {
        return None;
    }
    let element = match node.dyn_ref::<Element>() {
        Some(e) => e.clone(),
        None => node.parent_element()?,
    };
    let chunk = element.closest(".chunk").ok()??;
    let chunks = body.children();
    // binary search by document order
    let (mut lo, mut hi) = (0u32, chunks.length());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let c = chunks.item(mid)?;
        if c == chunk {
            return Some(mid as usize);
        }
        let c: &Node = c.as_ref();
        if c.compare_document_position(chunk.as_ref()) & Node::DOCUMENT_POSITION_FOLLOWING != 0 {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    None
}
