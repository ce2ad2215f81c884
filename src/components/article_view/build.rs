//! The progressive build of a long article: chunks built a batch per task.

use annotator_core::view::LiveChunks;
use annotator_core::Utf16Offset;
use std::sync::Arc;

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
    /// The browser's selection (anchor, focus) as it was before the window moved: redrawing a
    /// chunk replaces its text nodes, so it is put back after the render.
    pub(super) restore: Option<(Utf16Offset, Utf16Offset)>,
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
            restore: None,
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
