//! The progressive build of a long article: chunks built a batch per task, then laid out
//! whole once and made lazy (skipped off screen) a batch at a time.

use crate::browser::frame;
use annotator_core::view::LiveChunks;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::NodeRef;

/// Chunks made lazy per task (64 paragraphs; see bench/README.md, "Choices measured").
pub(super) const LAZY_BATCH: u32 = 2;

/// What a chunk after the first may hold, counting a line of text or two highlights as 1: about
/// 30 paragraphs of the benchmark's article (7 lines, 8 highlights each), 7 where every word is
/// highlighted. A chunk is built in one task, so this bounds that task.
pub(super) const CHUNK_COST: usize = 320;

/// The most chunks built in one task.
pub(super) const MAX_BATCH: usize = 64;

/// How long a task building chunks should take, in ms: input waits at most about this long.
pub(super) const BUILD_BUDGET_MS: f64 = 12.0;

/// Where the progressive build of a text stands.
pub(super) struct Build {
    /// Which text this is: the address of the first of equal texts shown one after another.
    pub(super) key: usize,
    /// The text being built.
    pub(super) text: Arc<annotator_core::Text>,
    /// Chunks built (the rest are empty `div.chunk.pending` boxes).
    pub(super) built: usize,
    /// Each chunk's first paragraph (see [`chunk_starts`]).
    pub(super) starts: Vec<usize>,
    /// Chunks to build in the next task: one at first, up to [`MAX_BATCH`] while tasks stay
    /// well under [`BUILD_BUDGET_MS`] (chunks far from the viewport are text only, and cheap).
    pub(super) batch: usize,
    /// When the task that built the last batch began (`Date.now()`).
    pub(super) started: Option<f64>,
    /// Each chunk's guessed height in lines, until the browser has laid it out once.
    pub(super) lines: Vec<usize>,
    /// The chunks drawn whole (the rest show their text only).
    pub(super) live: LiveChunks,
    /// A pointer is down on the article (a drag may be selecting): the window only grows.
    pub(super) pointer_down: bool,
}

impl Default for Build {
    fn default() -> Self {
        Build {
            key: 0,
            text: Arc::default(),
            built: 0,
            starts: Vec::new(),
            batch: 1,
            started: None,
            lines: Vec::new(),
            live: LiveChunks::default(),
            pointer_down: false,
        }
    }
}

impl Build {
    /// After a batch is rendered: the next one doubles while a task took under half the budget,
    /// and halves when one took over it.
    pub(super) fn adapt_batch(&mut self) {
        if let Some(t0) = self.started.take() {
            let took = js_sys::Date::now() - t0;
            if took < BUILD_BUDGET_MS / 2.0 {
                self.batch = (self.batch * 2).min(MAX_BATCH);
            } else if took > BUILD_BUDGET_MS {
                self.batch = (self.batch / 2).max(1);
            }
        }
    }
}

/// Lays the whole article out (no chunk skipped), then, after that frame, makes the chunks
/// lazy a batch per task, each skipped when off screen at the height the browser now
/// remembers. `sizing` counts the requests, so a stale one stops.
pub(super) fn lay_out_whole(body_ref: &NodeRef, sizing: &Rc<RefCell<u32>>) {
    let Some(body) = body_ref.cast::<Element>() else {
        return;
    };
    *sizing.borrow_mut() += 1;
    let generation = *sizing.borrow();
    let paragraphs = body.children();
    for i in 0..paragraphs.length() {
        if let Some(p) = paragraphs.item(i) {
            let _ = p.class_list().remove_1("lazy");
        }
    }
    let sizing = sizing.clone();
    // In the next frame's animation callbacks, before its layout; the timeout runs after that
    // frame, once the heights are recorded.
    let after_frame = wasm_bindgen::closure::Closure::once_into_js(move || {
        make_lazy(body, 0, generation, sizing);
    });
    let _ = gloo::utils::window().request_animation_frame(after_frame.unchecked_ref());
}

/// Makes the chunks from `from` on lazy, a batch per task.
pub(super) fn make_lazy(body: Element, from: u32, generation: u32, sizing: Rc<RefCell<u32>>) {
    frame::later(0, move || {
        if *sizing.borrow() != generation {
            return;
        }
        let paragraphs = body.children();
        let to = (from + LAZY_BATCH).min(paragraphs.length());
        for i in from..to {
            if let Some(p) = paragraphs.item(i) {
                let _ = p.class_list().add_1("lazy");
            }
        }
        if to < paragraphs.length() {
            make_lazy(body, to, generation, sizing);
        }
    });
}
