//! The list of annotations, in text order.

use crate::browser::frame;
use crate::components::annotation_item::AnnotationItem;
use crate::shared::Shared;
use annotator_core::view::list_window;
use annotator_core::{AnnotationId, Document};
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// How many entries the list shows at once. A long article can hold 100,000 annotations; a
/// list that long would make every edit re-lay out a hundred thousand elements, so the list
/// shows a window of it, paged with buttons, and always holds the selected annotation. An edit
/// that selects an annotation elsewhere re-fills the whole window, so its size was chosen by
/// measuring (bench/README.md, "Choices measured"). 25 still fill the panel on a laptop screen.
pub const WINDOW: usize = 25;

/// Props of [`AnnotationList`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The document whose annotations are listed.
    pub doc: Shared<Rc<Document>>,
    /// The selected annotation.
    pub selected: Option<AnnotationId>,
    /// Each attributed quote's speaker name.
    pub speakers: Rc<HashMap<AnnotationId, String>>,
    /// Select an annotation and show it in the article.
    pub on_show: Callback<AnnotationId>,
    /// Delete an annotation.
    pub on_delete: Callback<AnnotationId>,
}

/// The document, selection and speakers the entries are drawn from (the document and speakers
/// compared by identity).
#[derive(PartialEq)]
struct Shown(
    Shared<Rc<Document>>,
    Option<AnnotationId>,
    Shared<Rc<HashMap<AnnotationId, String>>>,
);

impl Shown {
    fn of(props: &Props) -> Self {
        Shown(
            props.doc.clone(),
            props.selected.clone(),
            Shared(Rc::clone(&props.speakers)),
        )
    }
}

/// The side panel's list: a heading with the count and the list named "Annotations".
///
/// The heading follows an edit at once; the entries follow in the task after the frame that
/// shows the edit. An edit that selects an annotation elsewhere (a create, an undone delete) or
/// drops the selected one moves the list's window and re-fills all 25 entries, a fifth of a
/// create's time to its frame in a long article. The highlight in the article, the count and
/// the status line are what the key is pressed for; the list catches up one frame later, and
/// the benchmark times that too ("until the list holds it too"; the A/B is in bench/README.md,
/// "Choices measured").
#[component]
pub fn AnnotationList(props: &Props) -> Html {
    let n = props.doc.annotations().len();
    let redraw = use_force_update();
    // What the entries show (document, selection, speakers): the props as of the last frame;
    // and the props they are to show after the next one, if those differ. (The props'
    // callbacks are not kept: entries always call the latest ones.)
    let lag = use_mut_ref(|| (Shown::of(props), None::<Shown>));
    {
        let mut l = lag.borrow_mut();
        let now = Shown::of(props);
        if l.0 == now {
            l.1 = None;
        } else if l.1.replace(now).is_none() {
            let (lag, redraw) = (lag.clone(), redraw.clone());
            wasm_bindgen_futures::spawn_local(async move {
                frame::after_next_paint().await;
                let mut l = lag.borrow_mut();
                if let Some(due) = l.1.take() {
                    l.0 = due;
                }
                drop(l);
                redraw.force_update();
            });
        }
    }
    let (doc, selected, speakers) = {
        let Shown(doc, selected, speakers) = &lag.borrow().0;
        (Rc::clone(&doc.0), selected.clone(), Rc::clone(&speakers.0))
    };
    let shown_n = doc.annotations().len();
    // Where the window starts. It moves to hold the selection when the selection changes;
    // otherwise it stays where the user paged to, even away from the selection.
    let paged = use_mut_ref(|| 0usize);
    let followed = use_mut_ref(|| None::<AnnotationId>);
    let start = {
        let mut followed = followed.borrow_mut();
        let selected_at = if *followed == selected {
            None
        } else {
            followed.clone_from(&selected);
            selected.as_ref().and_then(|id| doc.position_of(id))
        };
        let mut paged = paged.borrow_mut();
        *paged = list_window(*paged, selected_at, shown_n, WINDOW);
        *paged
    };
    let end = (start + WINDOW).min(shown_n);
    let page = |to: usize| {
        let (paged, redraw) = (paged.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            *paged.borrow_mut() = to;
            redraw.force_update();
        })
    };
    html! {
        <>
            <h2 id="annotations-heading" tabindex="-1">{ format!("Annotations ({n})") }</h2>
            if n == 0 {
                <p class="empty">
                    { "Select text in the article, then press a label button or its key (1–4, or q s c d)." }
                </p>
            }
            if shown_n > WINDOW {
                <p class="window">
                    { format!("Showing {}–{end} of {shown_n}.", start + 1) }
                    { " " }
                    <button type="button" disabled={start == 0}
                        onclick={page(start.saturating_sub(WINDOW))}>{ "Show earlier annotations" }</button>
                    { " " }
                    <button type="button" disabled={end == shown_n}
                        onclick={page(end)}>{ "Show later annotations" }</button>
                </p>
            }
            // Entries are not keyed: when the window moves (the selection jumped elsewhere), the
            // same 25 elements are patched with the new entries instead of 25 being destroyed
            // and 25 built.
            <ul class="annotations" aria-label="Annotations">
                for (i, a) in doc.annotations().iter_from(start).take(end - start).enumerate() {
                    {{
                        let label = doc.label(a.label);
                        html! {
                            // keyed: a deleted entry's buttons go with it (focus then moves to
                            // the next entry), never handed to the entry that takes its place
                            <AnnotationItem
                                key={a.id.0.as_ref()}
                                id={a.id.clone()}
                                position={start + i + 1}
                                total={shown_n}
                                label={label.map(|l| l.name.clone()).unwrap_or_default()}
                                color={label.map(|l| l.color.clone()).unwrap_or_default()}
                                text={doc.annotation_text(a).to_owned()}
                                note={a.note.clone().map(AttrValue::from)}
                                selected={selected.as_ref() == Some(&a.id)}
                                speaker={speakers.get(&a.id).map(|s| AttrValue::from(s.clone()))}
                                on_show={props.on_show.clone()}
                                on_delete={props.on_delete.clone()}
                            />
                        }
                    }}
                }
            </ul>
        </>
    }
}
