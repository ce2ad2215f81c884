//! The list of annotations, in text order.

use crate::browser::frame;
use crate::components::list_window::ListWindow;
use crate::components::paragraph::Shared;
use annotator_core::{AnnotationId, Document};
use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`AnnotationList`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The document whose annotations are listed.
    pub doc: Rc<Document>,
    /// The selected annotation.
    pub selected: Option<AnnotationId>,
    /// Each attributed quote's speaker name.
    pub speakers: Rc<HashMap<AnnotationId, String>>,
    /// Select an annotation and show it in the article.
    pub on_show: Callback<AnnotationId>,
    /// Delete an annotation.
    pub on_delete: Callback<AnnotationId>,
}

/// What the entries show: the document, selection and speakers they were drawn from.
#[derive(Clone, PartialEq)]
struct Shown {
    doc: Shared<Rc<Document>>,
    selected: Option<AnnotationId>,
    speakers: Shared<Rc<HashMap<AnnotationId, String>>>,
}

/// The side panel's list: a heading with the count and the list named "Annotations".
///
/// The heading follows an edit at once; the entries follow in the task after the frame that
/// shows the edit. An edit that selects an annotation elsewhere (a create, an undone delete) or
/// drops the selected one moves the list's window and re-fills all 25 entries: style, layout and
/// DOM work that, at 100,000 words and 10,000 annotations, was a fifth of a create's time to its
/// frame. The highlight in the article, the count and the status line are what the key is
/// pressed for; the list catches up one frame later, and the benchmark times that too ("until
/// the list holds it too"). A/B, two alternating runs each of
/// `BENCH_CASES=100000x10000 node bench/run.mjs --no-profile`, create mean / p95: 12.2 / 17.0 and
/// 12.5 / 17.1 ms with the entries in the edit's frame, 9.7 / 13.3 and 9.6 / 12.8 ms after it.
#[component]
pub fn AnnotationList(props: &Props) -> Html {
    let n = props.doc.annotations().len();
    let now = Shown {
        doc: Shared(Rc::clone(&props.doc)),
        selected: props.selected.clone(),
        speakers: Shared(Rc::clone(&props.speakers)),
    };
    let shown = use_state(|| now.clone());
    {
        let shown = shown.clone();
        use_effect_with(now, move |now| {
            // `live` is cleared when a newer edit comes first: that one lands instead.
            let live = Rc::new(Cell::new(true));
            if *shown != *now {
                let (now, live) = (now.clone(), Rc::clone(&live));
                let setter = shown.setter();
                wasm_bindgen_futures::spawn_local(async move {
                    frame::after_next_paint().await;
                    if live.get() {
                        setter.set(now);
                    }
                });
            }
            move || live.set(false)
        });
    }
    html! {
        <>
            <h2 id="annotations-heading">{ format!("Annotations ({n})") }</h2>
            if n == 0 {
                <p class="empty">
                    { "Select text in the article, then press a label button or its key (1–4, or q s c d)." }
                </p>
            }
            <ListWindow
                doc={shown.doc.clone()}
                selected={shown.selected.clone()}
                speakers={shown.speakers.clone()}
                on_show={props.on_show.clone()}
                on_delete={props.on_delete.clone()}
            />
        </>
    }
}
