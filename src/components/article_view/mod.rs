//! The article, as paragraphs of highlighted text, with a keyboard caret and resize handles.

use crate::browser::{caret, frame, marks, selection};
use crate::components::paragraph_chunk::{estimated_lines, ParagraphChunk, CHUNK};
use crate::hooks::use_focus_on_mount;
use crate::shared::Shared;
use crate::state::Edge;
use annotator_core::attribution;
use annotator_core::view::{blocks, by_paragraph, chunk_starts};
use annotator_core::{AnnotationId, Document, Label, LabelId, Span, Utf16Offset};
use gloo::events::{EventListener, EventListenerOptions};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

mod build;
mod drag;
mod linked;
mod para_cache;
mod window;

use build::{Build, CHUNK_COST};
use window::Follow;

/// Scroll events closer than this (ms) are a fast scroll, whose window moves wait (see
/// [`window::follow`]).
const FLING_GAP_MS: f64 = 50.0;
/// Scroll events this close that each move more than a screen are a fling too.
const FLING_FAR_GAP_MS: f64 = 250.0;

/// How long after a fast scroll's last waiting check the window moves (ms).
const SETTLE_MS: u32 = 120;
use drag::use_handle_drag;
use linked::highlight_linked;
use para_cache::{para_data, ParaCache};

/// Props of [`ArticleView`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The document shown.
    pub doc: Shared<Rc<Document>>,
    /// The selected annotation.
    pub selected: Option<AnnotationId>,
    /// The annotation whose highlight flashes.
    pub flash: Option<AnnotationId>,
    /// Where the app finds the view to read selections in.
    pub node_ref: NodeRef,
    /// A click on text: the annotations under it, innermost first (empty for plain text).
    pub on_click_annotations: Callback<Vec<AnnotationId>>,
    /// A resize handle was dropped: which annotation, which end, where.
    pub on_resize: Callback<(AnnotationId, Edge, Utf16Offset)>,
    /// Suggestions to draw: (index in the review list, span, label).
    #[prop_or_default]
    pub suggested: Rc<Vec<(usize, Span, LabelId, String)>>,
    /// The index of the suggestion in focus.
    #[prop_or_default]
    pub focused_suggestion: Option<usize>,
    /// The mention the suggestion in focus ties to (a quote's proposed speaker), underlined.
    #[prop_or_default]
    pub tied: Option<Span>,
    /// A click on a suggestion: its index.
    #[prop_or_default]
    pub on_click_suggestion: Callback<usize>,
    /// Each attributed quote's speaker name, for its badge.
    #[prop_or_default]
    pub speakers: Rc<HashMap<AnnotationId, String>>,
    /// Whether the badges show on screen (they are always in the page, and always printed:
    /// hiding them is a class, so turning them on or off re-renders nothing).
    #[prop_or_default]
    pub show_speakers: bool,
    /// Changes with each article opened: `on_built` follows once it is built.
    #[prop_or_default]
    pub opened: u64,
    /// The article opened (see `opened`) is built whole.
    #[prop_or_default]
    pub on_built: Callback<()>,
}

/// The region named "Article". Inside it, the text is a read-only editing host (an
/// `EditContext`, else `contenteditable`; see `caret`), which gives keyboard users a real caret
/// (arrows, Shift+arrows, Ctrl+Shift+arrows) with no code of ours; nothing typed changes it. Paragraphs are keyed by position
/// and only re-render when their own annotations (or the selection on them) change.
#[component]
pub fn ArticleView(props: &Props) -> Html {
    let text = props.doc.text_arc();
    // Paragraphs, with very long ones cut into layout blocks (see [`blocks`]).
    // (by pointer: comparing a book's text with an equal one, as a re-import brings, took 26 ms)
    let paragraphs = use_memo(Shared(text.clone()), |t| blocks(t));
    let para_cache = use_mut_ref(|| None::<ParaCache>);
    let paras = para_data(
        &mut para_cache.borrow_mut(),
        &props.doc.0,
        &paragraphs,
        &props.speakers,
    );
    let labels: Rc<[Label]> = use_memo(props.doc.clone(), |d| Rc::<[Label]>::from(d.labels()))
        .as_ref()
        .clone();
    // Suggestions per paragraph, found by binary search like annotations.
    let sug_groups = use_memo(
        (paragraphs.clone(), props.suggested.clone()),
        |(paras, sugs)| by_paragraph(paras, sugs, |s| s.1),
    );
    // Who links to whom by attribution, for highlighting the other end on hover.
    let attribution = use_memo(props.doc.clone(), |d| attribution::links(d));
    // An IME composition can't be cancelled; if one changes the DOM, remount the text.
    let epoch = use_state(|| 0u32);
    // The click a browser fires after a handle drag's mouseup is not a click on the text.
    let just_dragged = use_mut_ref(|| false);
    let body_ref = use_node_ref();

    // The caret: an `EditContext` where the browser has one (see `caret`), given before the
    // body is focused, and again whenever the body is remounted.
    {
        let body_ref = body_ref.clone();
        use_effect_with(*epoch, move |_| {
            if let Some(body) = body_ref.cast::<web_sys::Element>() {
                caret::attach(&body);
            }
        });
    }
    use_focus_on_mount(&body_ref);
    // Every chunk is laid out: a chunk skipped off screen (`content-visibility: auto`) left the
    // browser's accessibility tree, so a screen reader could not read on into it (e2e
    // book.spec). Far from the viewport a chunk is its text only, which is cheap to lay out once
    // (see `window`), and an edit lays out again only the chunk it changed.
    //
    // A new text is built progressively: the first render builds the first chunk (the
    // paragraphs that fill a screen and a half; see [`chunk_starts`]), the rest are empty boxes
    // of their guessed height, and each later task builds the next few (as many as fit in
    // [`build::BUILD_BUDGET_MS`]). The article shows and answers input at once.
    // The same text again (an import of the article shown) keeps what is built, and its
    // paragraphs are patched in place.
    let build = use_mut_ref(Build::default);
    let redraw = use_force_update();
    let (text_id, built, n_chunks) = {
        let mut b = build.borrow_mut();
        if !Arc::ptr_eq(&b.text, &text) {
            let same = b.text.as_str() == text.as_str();
            let (built, starts, lines) = if same {
                (
                    b.built,
                    std::mem::take(&mut b.starts),
                    std::mem::take(&mut b.lines),
                )
            } else {
                let lens: Vec<usize> = paragraphs
                    .iter()
                    .map(|&p| estimated_lines(&text, p))
                    .collect();
                let screen = gloo::utils::window()
                    .inner_height()
                    .ok()
                    .and_then(|h| h.as_f64())
                    .unwrap_or(900.0);
                // the first chunk: a screen and a half of lines (of 1.75 × 1.1rem, about 30 px);
                // the others: CHUNK_COST, a line or two highlights costing 1
                let costs: Vec<usize> = lens
                    .iter()
                    .zip(paras.iter())
                    .map(|(l, p)| l + p.anns.len() / 2)
                    .collect();
                let starts =
                    chunk_starts(&lens, &costs, (screen / 20.0) as usize, CHUNK_COST, CHUNK);
                let lines = (0..starts.len())
                    .map(|ci| {
                        let end = starts.get(ci + 1).copied().unwrap_or(lens.len());
                        lens[starts[ci]..end].iter().sum()
                    })
                    .collect();
                (1, starts, lines)
            };
            *b = Build {
                // the same text again is not new: what is built and laid out stays
                key: if same {
                    b.key
                } else {
                    Arc::as_ptr(&text) as usize
                },
                text: text.clone(),
                built,
                starts,
                lines,
                ..Build::default()
            };
        }
        (b.key, b.built.min(b.starts.len()), b.starts.len())
    };
    {
        let on_built = props.on_built.clone();
        use_effect_with((props.opened, built == n_chunks), move |&(_, done)| {
            if done {
                on_built.emit(());
            }
        });
    }
    {
        let build = build.clone();
        let redraw = redraw.clone();
        use_effect_with(
            (text_id, *epoch, built, n_chunks),
            move |&(text_id, _, built, n)| {
                build.borrow_mut().adapt_batch();
                // the next batch, in a task of its own; the first after the first screen is
                // painted, not before (a dense article's batch is a long task)
                let step = move || {
                    let mut b = build.borrow_mut();
                    if b.key == text_id && b.built == built {
                        b.built = built + b.batch;
                        b.started = Some(js_sys::Date::now());
                        redraw.force_update();
                    }
                };
                let next = match (built < n, built == 1) {
                    (false, _) => None,
                    (true, true) => {
                        wasm_bindgen_futures::spawn_local(async move {
                            frame::after_next_paint().await;
                            step();
                        });
                        None
                    }
                    (true, false) => Some(gloo::timers::callback::Timeout::new(0, step)),
                };
                move || drop(next)
            },
        );
    }
    // where each chunk starts, and its guessed height: computed once per text
    let chunks = build.borrow();
    // Where the caret comes from `contenteditable` (see `caret`), cancel every edit it would
    // make. Yew has no `onbeforeinput`, so the listeners are
    // added by hand, again whenever the body is remounted.
    {
        let body_ref = body_ref.clone();
        use_effect_with(*epoch, move |_| {
            let opts = EventListenerOptions::enable_prevent_default();
            let listeners: Vec<EventListener> = body_ref
                .cast::<HtmlElement>()
                .map(|b| {
                    ["beforeinput", "paste", "cut", "drop", "dragover"]
                        .into_iter()
                        .map(|t| {
                            EventListener::new_with_options(&b, t, opts, |e| e.prevent_default())
                        })
                        .collect()
                })
                .unwrap_or_default();
            move || drop(listeners)
        });
    }

    // The selection the window's move replaced, put back (see `Build::restore`).
    {
        let (build, body_ref) = (build.clone(), body_ref.clone());
        use_effect(move || {
            let restore = build.borrow_mut().restore.take();
            if let (Some((anchor, focus)), Some(body)) =
                (restore, body_ref.cast::<web_sys::Element>())
            {
                selection::select_between(&body, anchor, focus);
            }
        });
    }
    // The window of chunks drawn whole follows the viewport: checked once per frame while the
    // page scrolls, after a resize, and as chunks are built (see `window`).
    {
        let (build, body_ref, redraw) = (build.clone(), body_ref.clone(), redraw.clone());
        let len16 = text.index().len_utf16();
        use_effect_with((text_id, *epoch, built), move |_| {
            use std::cell::{Cell, RefCell};
            let pending = Rc::new(Cell::new(false));
            // Scrolling fast (scroll events closer than FLING_GAP_MS): a window left behind
            // moves once the scrolling settles (SETTLE_MS after the last check that waited).
            let fling = Rc::new(Cell::new(false));
            let last_scroll = Rc::new(Cell::new(f64::NEG_INFINITY));
            let settle: Rc<RefCell<Option<gloo::timers::callback::Timeout>>> = Rc::default();
            // at most one check per frame, before it is drawn
            let schedule = {
                let (build, body_ref, fling, settle) = (
                    build.clone(),
                    body_ref.clone(),
                    fling.clone(),
                    settle.clone(),
                );
                move || {
                    if pending.replace(true) {
                        return;
                    }
                    let (pending, build, body_ref, redraw, fling, settle) = (
                        pending.clone(),
                        build.clone(),
                        body_ref.clone(),
                        redraw.clone(),
                        fling.clone(),
                        settle.clone(),
                    );
                    let f = wasm_bindgen::closure::Closure::once_into_js(move || {
                        pending.set(false);
                        let Some(body) = body_ref.cast::<web_sys::Element>() else {
                            return;
                        };
                        match window::follow(&body, &build, len16, fling.get()) {
                            Follow::Moved => redraw.force_update(),
                            Follow::Stays => {}
                            Follow::Later => {
                                let timer = gloo::timers::callback::Timeout::new(SETTLE_MS, {
                                    let (body_ref, build) = (body_ref.clone(), build.clone());
                                    move || {
                                        let moved = body_ref
                                            .cast::<web_sys::Element>()
                                            .is_some_and(|body| {
                                                window::follow(&body, &build, len16, false)
                                                    == Follow::Moved
                                            });
                                        if moved {
                                            redraw.force_update();
                                        }
                                    }
                                });
                                *settle.borrow_mut() = Some(timer);
                            }
                        }
                    });
                    let _ = gloo::utils::window().request_animation_frame(f.unchecked_ref());
                }
            };
            schedule();
            let win = gloo::utils::window();
            let mut listeners = vec![
                // passive, as gloo's listeners are by default
                EventListener::new(&win, "scroll", {
                    let (s, fling, win) = (schedule.clone(), fling.clone(), win.clone());
                    let last_y = Cell::new(f64::NAN);
                    move |_| {
                        let now = js_sys::Date::now();
                        let y = win.scroll_y().unwrap_or(0.0);
                        let h = win.inner_height().ok().and_then(|h| h.as_f64());
                        let gap = now - last_scroll.replace(now);
                        // More than a screen since a scroll event just before is a fling too,
                        // even when that event's frame was slow: judged by time alone, a slow
                        // frame made the next event look like the start of a new scroll, which
                        // drew again and was slow in turn.
                        let far = h.is_some_and(|h| (y - last_y.replace(y)).abs() > h);
                        fling.set(gap < FLING_GAP_MS || (far && gap < FLING_FAR_GAP_MS));
                        s()
                    }
                }),
                EventListener::new(&win, "resize", {
                    let (s, fling) = (schedule.clone(), fling.clone());
                    move |_| {
                        fling.set(false);
                        s()
                    }
                }),
                EventListener::new(&win, "pointerup", {
                    let (build, s) = (build.clone(), schedule.clone());
                    move |_| {
                        build.borrow_mut().pointer_down = false;
                        fling.set(false);
                        s();
                    }
                }),
            ];
            if let Some(body) = body_ref.cast::<HtmlElement>() {
                listeners.push(EventListener::new(&body, "pointerdown", move |_| {
                    build.borrow_mut().pointer_down = true;
                }));
            }
            move || drop((listeners, settle))
        });
    }

    let flash_span = props
        .flash
        .as_ref()
        .and_then(|id| props.doc.annotation(id))
        .map(|a| (a.id.clone(), a.span));
    let selected_span = props
        .selected
        .as_ref()
        .and_then(|id| props.doc.annotation(id))
        .map(|a| (a.id.clone(), a.span));

    // Chunks holding what the app points at are drawn whole wherever they are, so it can be
    // scrolled to: the selected, flashing and tied annotations, the suggestion in focus.
    let focused_span = props
        .focused_suggestion
        .and_then(|f| props.suggested.iter().find(|s| s.0 == f))
        .map(|s| s.1);
    let pinned = |whole: Span| {
        [
            selected_span.as_ref().map(|s| s.1),
            flash_span.as_ref().map(|s| s.1),
            props.tied,
            focused_span,
        ]
        .into_iter()
        .flatten()
        .any(|s| {
            s.overlaps(whole) || (s.is_empty() && whole.start <= s.start && s.start < whole.end)
        })
    };
    let on_input = {
        let epoch = epoch.clone();
        Callback::from(move |_: InputEvent| epoch.set(*epoch + 1))
    };
    let on_click = {
        let cb = props.on_click_annotations.clone();
        let on_suggestion = props.on_click_suggestion.clone();
        let focused = props.focused_suggestion;
        let just_dragged = just_dragged.clone();
        Callback::from(move |e: MouseEvent| {
            if std::mem::take(&mut *just_dragged.borrow_mut()) {
                return;
            }
            // A click on the suggestion in focus goes on to the next one there (a speaker
            // mention and its same-speaker link share a place).
            let here = marks::suggestions_at(e.target());
            let next = focused
                .and_then(|f| here.iter().position(|&i| i == f))
                .map(|k| (k + 1) % here.len().max(1));
            let suggestion = here.get(next.unwrap_or(0)).copied();
            if let Some(i) = suggestion {
                on_suggestion.emit(i);
                return;
            }
            let collapsed = gloo::utils::window()
                .get_selection()
                .ok()
                .flatten()
                .is_none_or(|s| s.is_collapsed());
            if !collapsed || e.shift_key() {
                return;
            }
            cb.emit(marks::annotations_at(e.target()));
        })
    };
    let (on_mouse_down, on_pointer_down) = use_handle_drag(
        props.node_ref.clone(),
        selected_span.clone(),
        text.clone(),
        props.on_resize.clone(),
        just_dragged.clone(),
    );

    let on_over = {
        let attribution = attribution.clone();
        Callback::from(move |e: MouseEvent| {
            highlight_linked(&marks::annotations_at(e.target()), &attribution);
        })
    };
    let on_out = Callback::from(|_: MouseEvent| highlight_linked(&[], &HashMap::new()));
    html! {
        <>
        // Printed above the article, never shown on screen: which colour is which label.
        <ul class="print-legend" aria-hidden="true">
            for l in labels.iter() {
                <li>
                    <span class="tag" style={crate::components::paragraph::highlight_vars(&l.color)}>
                        { l.display_name() }
                    </span>
                </li>
            }
        </ul>
        <section class={classes!("article", (!props.show_speakers).then_some("speakers-hidden"))}
            aria-label="Article" ref={props.node_ref.clone()}>
            <div
                key={*epoch}
                ref={body_ref}
                id="article-start"
                class="article-body"
                contenteditable={(!caret::has_edit_context()).then_some("true")}
                inputmode="none"
                data-readonly-caret="true"
                role="textbox"
                aria-readonly="true"
                aria-multiline="true"
                aria-label="Article body"
                aria-describedby="article-help"
                aria-busy={(built < n_chunks).then_some("true")}
                spellcheck="false"
                autocorrect="off"
                autocapitalize="off"
                oninput={on_input}
                onclick={on_click}
                onmousedown={on_mouse_down}
                onpointerdown={on_pointer_down}
                onmouseover={on_over}
                onmouseout={on_out}
            >
                for ci in 0..n_chunks { {{
                    let first = chunks.starts[ci];
                    let chunk = &paras[first..chunks.starts.get(ci + 1).copied().unwrap_or(paras.len())];
                    if ci >= built {
                        // Not built yet: an empty box of the chunk's guessed height, starting
                        // (data-o, UTF-16) where its first paragraph does.
                        html! {
                            <div key={first} class="chunk pending"
                                data-o={chunk[0].utf16_start.to_string()}
                                style={format!("--lines: {}", chunks.lines[ci])}></div>
                        }
                    } else {
                        let whole = Span::new(chunk[0].span.start.0, chunk[chunk.len() - 1].span.end.0);
                        let live = chunks.live.has(ci) || pinned(whole);
                        // far from the viewport: its text only, with nothing to draw on it
                        let near = |s: &Span| live && s.overlaps(whole);
                        html! {
                            <ParagraphChunk
                                key={first}
                                text={Shared(text.clone())}
                                paras={chunk.to_vec()}
                                labels={labels.clone()}
                                selected={selected_span.clone().filter(|(_, s)| near(s))}
                                tied={props.tied.filter(near)}
                                flash={flash_span.clone().filter(|(_, s)| near(s))}
                                suggested={if live {
                                    sug_groups[first..first + chunk.len()].iter()
                                        .map(|g| g.iter()
                                            .map(|(i, s, l, t)| (*i, *s, *l, props.focused_suggestion == Some(*i), t.clone()))
                                            .collect::<Vec<_>>())
                                        .collect::<Vec<_>>()
                                } else {
                                    Vec::new()
                                }}
                                lines={chunks.lines[ci]}
                                live={live}
                            />
                        }
                    }
                }} }
            </div>
        </section>
        <p id="article-help" class="visually-hidden">
            { "Read only. Move with the arrow keys, select with Shift and the arrows, then press a label key. Press ? for all shortcuts." }
        </p>
        </>
    }
}
