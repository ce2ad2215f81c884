//! The article, as paragraphs of highlighted text, with a keyboard caret and resize handles.

use crate::browser::{frame, marks, selection};
use crate::components::paragraph::{ParaData, Shared, SharedPara};
use crate::components::paragraph_chunk::{estimated_lines, ParagraphChunk, CHUNK};
use crate::hooks::use_focus_on_mount;
use crate::state::Edge;
use annotator_core::attribution;
use annotator_core::view::{
    changed_spans, chunk_starts, group_by_paragraph, group_of_paragraph, AnnRef,
};
use annotator_core::{AnnotationId, Document, Label, LabelId, Span, Utf16Offset};
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, MouseEvent as WebMouseEvent};
use yew::prelude::*;

/// Props of [`ArticleView`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The document shown.
    pub doc: Rc<Document>,
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
    pub suggested: Rc<Vec<(usize, Span, LabelId)>>,
    /// The index of the suggestion in focus.
    #[prop_or_default]
    pub focused_suggestion: Option<usize>,
    /// A click on a suggestion: its index.
    #[prop_or_default]
    pub on_click_suggestion: Callback<usize>,
    /// Each attributed quote's speaker name, for its badge.
    #[prop_or_default]
    pub speakers: Rc<HashMap<AnnotationId, String>>,
    /// Changes with each article opened: `on_built` follows once it is built.
    #[prop_or_default]
    pub opened: u64,
    /// The article opened (see `opened`) is built whole.
    #[prop_or_default]
    pub on_built: Callback<()>,
}

/// The listeners of a handle drag in progress; dropping them ends the drag.
type Drag = Option<(EventListener, EventListener)>;

/// The region named "Article". Inside it, the text is a read-only `contenteditable`, which gives
/// keyboard users a real caret (arrows, Shift+arrows, Ctrl+Shift+arrows) with no code of ours;
/// every edit it would allow is cancelled in `beforeinput`. Paragraphs are keyed by position
/// and only re-render when their own annotations (or the selection on them) change.
#[component]
pub fn ArticleView(props: &Props) -> Html {
    let text = props.doc.text_arc();
    let paragraphs = use_memo(text.clone(), |t| t.paragraphs());
    let para_cache = use_mut_ref(|| None::<ParaCache>);
    let paras = para_data(
        &mut para_cache.borrow_mut(),
        &props.doc,
        &paragraphs,
        &props.speakers,
    );
    let labels: Rc<[Label]> = use_memo(props.doc.clone(), |d| Rc::<[Label]>::from(d.labels()))
        .as_ref()
        .clone();
    // Suggestions per paragraph, found by binary search like annotations.
    let sug_groups = use_memo(
        (paragraphs.clone(), props.suggested.clone()),
        |(paras, sugs)| {
            let mut out: Vec<Vec<(usize, Span, LabelId)>> = vec![Vec::new(); paras.len()];
            for &(i, span, label) in sugs.iter() {
                let first = paras.partition_point(|p| p.end <= span.start);
                for (pi, p) in paras.iter().enumerate().skip(first) {
                    if p.start >= span.end {
                        break;
                    }
                    out[pi].push((i, span, label));
                }
            }
            out
        },
    );
    // Attribution: each attributed quote's speaker name (for its badge), and who links to whom
    // (for highlighting the other end on hover).
    let attribution = use_memo(props.doc.clone(), |d| {
        let mut links: HashMap<String, Vec<String>> = HashMap::new();
        for r in d
            .relations()
            .iter()
            .filter(|r| r.kind == attribution::ATTRIBUTED_TO)
        {
            links
                .entry(r.from.0.to_string())
                .or_default()
                .push(r.to.0.to_string());
            links
                .entry(r.to.0.to_string())
                .or_default()
                .push(r.from.0.to_string());
        }
        links
    });
    // An IME composition can't be cancelled; if one changes the DOM, remount the text.
    let epoch = use_state(|| 0u32);
    let drag: Rc<RefCell<Drag>> = use_mut_ref(|| None);
    // The click a browser fires after a handle drag's mouseup is not a click on the text.
    let just_dragged = use_mut_ref(|| false);
    let body_ref = use_node_ref();

    use_focus_on_mount(&body_ref);
    // Off-screen chunks of paragraphs skip layout and paint (`content-visibility: auto`, under
    // the class `lazy`), so an edit costs the same in a long article as in a short one. But a
    // skipped chunk takes a guessed height, and the page would jump as chunks come into view:
    // a drag aimed after a scroll could land elsewhere. So a new text is first laid out whole;
    // the browser remembers every chunk's height (`contain-intrinsic-size: auto`), and then
    // chunks are made lazy a batch at a time (switching all at once costs one frame of 170 ms
    // of style work at 100,000 words), each skipped at its real height. The same again after
    // the window is resized, which changes the heights.
    //
    // A new text is built progressively: the first render builds the first chunk (the
    // paragraphs that fill a screen and a half; see [`chunk_starts`]), the rest are empty boxes
    // of their guessed height, and each later task builds the next few (as many as take about
    // 12 ms). The article shows and answers input at once; the whole of it is there within about
    // a second at 100,000 words and 10,000 annotations. The laying out whole starts once it is
    // built.
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
    let sizing = use_mut_ref(|| 0u32);
    {
        let on_built = props.on_built.clone();
        use_effect_with((props.opened, built == n_chunks), move |&(_, done)| {
            if done {
                on_built.emit(());
            }
        });
    }
    {
        let (build, body_ref, sizing) = (build.clone(), body_ref.clone(), sizing.clone());
        use_effect_with(
            (text_id, *epoch, built, n_chunks),
            move |&(text_id, _, built, n)| {
                build.borrow_mut().adapt_batch();
                // the next batch, in a task of its own; the first after the first screen is
                // painted, not before (a dense article's batch took 25 ms)
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
                // once all is built: laid out whole, then lazy; again after a resize
                let resize = (built == n).then(|| {
                    lay_out_whole(&body_ref, &sizing);
                    let (body_ref, sizing) = (body_ref.clone(), sizing.clone());
                    let pending: Rc<RefCell<Option<gloo::timers::callback::Timeout>>> =
                        Rc::default();
                    EventListener::new(&gloo::utils::window(), "resize", move |_| {
                        let (body_ref, sizing) = (body_ref.clone(), sizing.clone());
                        let timer = gloo::timers::callback::Timeout::new(200, move || {
                            lay_out_whole(&body_ref, &sizing);
                        });
                        *pending.borrow_mut() = Some(timer);
                    })
                });
                if built < n {
                    // a batch of `make_lazy` still running for the last text stops
                    *sizing.borrow_mut() += 1;
                }
                move || drop((next, resize))
            },
        );
    }
    // where each chunk starts, and its guessed height: computed once per text
    let chunks = build.borrow();
    // Cancel every edit the contenteditable would make. Yew has no `onbeforeinput`, so the
    // listeners are added by hand, again whenever the body is remounted.
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

    let on_input = {
        let epoch = epoch.clone();
        Callback::from(move |_: InputEvent| epoch.set(*epoch + 1))
    };
    let on_click = {
        let cb = props.on_click_annotations.clone();
        let on_suggestion = props.on_click_suggestion.clone();
        let just_dragged = just_dragged.clone();
        Callback::from(move |e: MouseEvent| {
            if std::mem::take(&mut *just_dragged.borrow_mut()) {
                return;
            }
            let suggestion = marks::suggestions_at(e.target()).first().copied();
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
    let on_mouse_down = {
        let drag = drag.clone();
        let just_dragged = just_dragged.clone();
        let root_ref = props.node_ref.clone();
        let selected = selected_span.clone();
        let on_resize = props.on_resize.clone();
        let len16 = text.index().len_utf16();
        let index = text.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(handle) = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .filter(|t| t.has_attribute("data-handle"))
            else {
                return;
            };
            let (Some((id, span)), Some(root)) = (selected.clone(), root_ref.cast::<Element>())
            else {
                return;
            };
            e.prevent_default();
            let edge = if handle.get_attribute("data-handle").as_deref() == Some("start") {
                Edge::Start
            } else {
                Edge::End
            };
            let fixed = index.index().utf16(match edge {
                Edge::Start => span.end,
                Edge::End => span.start,
            });
            let at_pointer = {
                let root = root.clone();
                move |ev: &WebMouseEvent| -> Option<Utf16Offset> {
                    let pos = gloo::utils::document()
                        .caret_position_from_point(ev.client_x() as f32, ev.client_y() as f32)?;
                    selection::offset_at(&root, &pos.offset_node()?, pos.offset(), len16)
                }
            };
            let body = gloo::utils::body();
            let _ = body.class_list().add_1("resizing");
            let opts = EventListenerOptions::enable_prevent_default();
            let on_move = {
                let root = root.clone();
                let at_pointer = at_pointer.clone();
                EventListener::new_with_options(
                    &gloo::utils::document(),
                    "mousemove",
                    opts,
                    move |ev| {
                        ev.prevent_default();
                        if let Some(at) = ev.dyn_ref::<WebMouseEvent>().and_then(&at_pointer) {
                            selection::select_between(&root, fixed, at);
                        }
                    },
                )
            };
            let on_up = {
                let drag = drag.clone();
                let on_resize = on_resize.clone();
                let just_dragged = just_dragged.clone();
                EventListener::new(&gloo::utils::document(), "mouseup", move |ev| {
                    *just_dragged.borrow_mut() = true;
                    // If no click follows (released outside the article), forget the flag.
                    let flag = just_dragged.clone();
                    frame::later(0, move || *flag.borrow_mut() = false);
                    let at = ev.dyn_ref::<WebMouseEvent>().and_then(&at_pointer);
                    let _ = gloo::utils::body().class_list().remove_1("resizing");
                    selection::clear();
                    if let Some(at) = at {
                        on_resize.emit((id.clone(), edge, at));
                    }
                    // Ends the drag: drops both listeners (this one after it returns).
                    let d = drag.borrow_mut().take();
                    frame::later(0, move || drop(d));
                })
            };
            *drag.borrow_mut() = Some((on_move, on_up));
        })
    };

    let on_over = {
        let attribution = attribution.clone();
        Callback::from(move |e: MouseEvent| {
            highlight_linked(&marks::annotations_at(e.target()), &attribution);
        })
    };
    let on_out = Callback::from(|_: MouseEvent| highlight_linked(&[], &HashMap::new()));
    html! {
        <>
        <section class="article" aria-label="Article" ref={props.node_ref.clone()}>
            <div
                key={*epoch}
                ref={body_ref}
                class="article-body"
                contenteditable="true"
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
                        html! {
                            <ParagraphChunk
                                key={first}
                                text={Shared(text.clone())}
                                paras={chunk.to_vec()}
                                labels={labels.clone()}
                                selected={selected_span.clone().filter(|(_, s)| s.overlaps(whole))}
                                flash={flash_span.clone().filter(|(_, s)| s.overlaps(whole))}
                                suggested={sug_groups[first..first + chunk.len()].iter()
                                    .map(|g| g.iter()
                                        .map(|&(i, s, l)| (i, s, l, props.focused_suggestion == Some(i)))
                                        .collect::<Vec<_>>())
                                    .collect::<Vec<_>>()}
                                lines={chunks.lines[ci]}
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

/// Chunks made lazy per task (64 paragraphs): about 10 ms of style work at 100,000 words.
const LAZY_BATCH: u32 = 2;

/// What a chunk after the first may hold, counting a line of text or two highlights as 1: about
/// 30 paragraphs of the benchmark's article (7 lines, 8 highlights each), 7 where every word is
/// highlighted. A chunk is built in one task, so this bounds that task.
const CHUNK_COST: usize = 320;

/// How long a task building chunks should take, in ms: input waits at most about this long.
const BUILD_BUDGET_MS: f64 = 12.0;

/// Where the progressive build of a text stands.
struct Build {
    /// Which text this is: the address of the first of equal texts shown one after another.
    key: usize,
    /// The text being built.
    text: Arc<annotator_core::Text>,
    /// Chunks built (the rest are empty `div.chunk.pending` boxes).
    built: usize,
    /// Each chunk's first paragraph (see [`chunk_starts`]).
    starts: Vec<usize>,
    /// Chunks to build in the next task: one at first (about 11 ms at 10,000 annotations), up
    /// to 8 while tasks stay well under [`BUILD_BUDGET_MS`] (a text with few annotations).
    batch: usize,
    /// When the task that built the last batch began (`Date.now()`).
    started: Option<f64>,
    /// Each chunk's guessed height in lines, until the browser has laid it out once.
    lines: Vec<usize>,
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
        }
    }
}

impl Build {
    /// After a batch is rendered: the next one doubles while a task took under half the budget,
    /// and halves when one took over it.
    fn adapt_batch(&mut self) {
        if let Some(t0) = self.started.take() {
            let took = js_sys::Date::now() - t0;
            if took < BUILD_BUDGET_MS / 2.0 {
                self.batch = (self.batch * 2).min(8);
            } else if took > BUILD_BUDGET_MS {
                self.batch = (self.batch / 2).max(1);
            }
        }
    }
}

/// Lays the whole article out (no chunk skipped), then, after that frame, makes the chunks
/// lazy a batch per task, each skipped when off screen at the height the browser now
/// remembers. `sizing` counts the requests, so a stale one stops.
fn lay_out_whole(body_ref: &NodeRef, sizing: &Rc<RefCell<u32>>) {
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
fn make_lazy(body: Element, from: u32, generation: u32, sizing: Rc<RefCell<u32>>) {
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

/// The paragraph data of the last render, to share with the next.
struct ParaCache {
    doc: Rc<Document>,
    paragraphs: Rc<Vec<Span>>,
    speakers: Rc<HashMap<AnnotationId, String>>,
    paras: Rc<Vec<SharedPara>>,
}

/// Most edits change a few annotations: up to this many, only the paragraphs they touch are
/// regrouped; beyond it, every paragraph is.
const REGROUP_LIMIT: usize = 64;

/// Each paragraph's data for `doc`. A paragraph whose annotations and badges are what they were
/// in the last render keeps the same shared data, so its chunk and itself skip re-rendering.
/// After an ordinary edit only the paragraphs its changed annotations touch are regrouped (one
/// merge over the old and new annotation lists finds them); the rest keep their data as is.
fn para_data(
    cache: &mut Option<ParaCache>,
    doc: &Rc<Document>,
    paragraphs: &Rc<Vec<Span>>,
    speakers: &Rc<HashMap<AnnotationId, String>>,
) -> Rc<Vec<SharedPara>> {
    if let Some(c) = cache.as_ref() {
        if Rc::ptr_eq(&c.doc, doc)
            && Rc::ptr_eq(&c.paragraphs, paragraphs)
            && Rc::ptr_eq(&c.speakers, speakers)
        {
            return c.paras.clone();
        }
    }
    let old = cache
        .take()
        .filter(|c| Rc::ptr_eq(&c.paragraphs, paragraphs));
    let index = doc.text().index();
    let badges_of = |anns: &[AnnRef], span: Span| -> Vec<(usize, AttrValue)> {
        anns.iter()
            .filter(|a| span.start < a.span.end && a.span.end <= span.end)
            .filter_map(|a| {
                speakers
                    .get(&a.id)
                    .map(|n| (a.span.end.0, AttrValue::from(n.clone())))
            })
            .collect()
    };
    // The few paragraphs an edit touched, when the speakers stayed the same.
    let changed = old
        .as_ref()
        .filter(|c| Rc::ptr_eq(&c.speakers, speakers))
        .and_then(|c| changed_spans(c.doc.annotations(), doc.annotations(), REGROUP_LIMIT));
    if let (Some(old), Some(changed)) = (old.as_ref(), changed) {
        let mut paras: Vec<SharedPara> = old.paras.as_ref().clone();
        for span in changed {
            let first = paragraphs.partition_point(|p| p.end <= span.start);
            for i in first..paragraphs.len() {
                let p = paragraphs[i];
                if p.start >= span.end {
                    break;
                }
                let anns = group_of_paragraph(p, doc.annotations());
                let badges = badges_of(&anns, p);
                if paras[i].anns != anns || paras[i].badges != badges {
                    paras[i] = Shared(Rc::new(ParaData {
                        span: p,
                        utf16_start: paras[i].utf16_start,
                        anns,
                        badges,
                    }));
                }
            }
        }
        let paras = Rc::new(paras);
        *cache = Some(ParaCache {
            doc: doc.clone(),
            paragraphs: paragraphs.clone(),
            speakers: speakers.clone(),
            paras: paras.clone(),
        });
        return paras;
    }
    let old = old.map(|c| c.paras);
    let groups = group_by_paragraph(paragraphs, doc.annotations());
    let paras: Vec<SharedPara> = groups
        .into_iter()
        .zip(paragraphs.iter())
        .enumerate()
        .map(|(i, (anns, &span))| {
            let badges = badges_of(&anns, span);
            match old.as_ref().and_then(|o| o.get(i)) {
                Some(o) if o.anns == anns && o.badges == badges => o.clone(),
                _ => Shared(Rc::new(ParaData {
                    span,
                    utf16_start: index.utf16(span.start).0,
                    anns,
                    badges,
                })),
            }
        })
        .collect();
    let paras = Rc::new(paras);
    *cache = Some(ParaCache {
        doc: doc.clone(),
        paragraphs: paragraphs.clone(),
        speakers: speakers.clone(),
        paras: paras.clone(),
    });
    paras
}

/// Marks the highlights linked by attribution to any of `ids` (space-separated) with the class
/// `linked`, and clears it everywhere else. A hover effect, so it lives in the DOM only.
fn highlight_linked(ids: &[AnnotationId], links: &HashMap<String, Vec<String>>) {
    let document = gloo::utils::document();
    if let Ok(old) = document.query_selector_all("mark.linked") {
        for i in 0..old.length() {
            if let Some(el) = old.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = el.class_list().remove_1("linked");
            }
        }
    }
    for other in ids.iter().filter_map(|id| links.get(id.as_str())).flatten() {
        let selector = marks::annotation_selector(other);
        if let Ok(list) = document.query_selector_all(&selector) {
            for i in 0..list.length() {
                if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = el.class_list().add_1("linked");
                }
            }
        }
    }
}
