//! The entries of the annotations list: a window of them, paged with buttons.

use crate::components::annotation_item::AnnotationItem;
use crate::components::paragraph::Shared;
use annotator_core::view::list_window;
use annotator_core::{AnnotationId, Document};
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// How many entries the list shows at once. A long article can hold 10,000 annotations; a
/// list that long would make every edit re-lay out a hundred thousand elements, so the list
/// shows a window of it, paged with buttons, and always holds the selected annotation. An edit
/// that selects an annotation elsewhere re-fills the whole window: at 100,000 words and 10,000
/// annotations a window of 50 put the p95 of create and undo at 17 to 24 ms, one of 25 at 13 to
/// 16 ms (`BENCH_CASES=100000x10000 node bench/run.mjs --no-profile`, two runs each). 25 still
/// fill the panel on a laptop screen.
pub const WINDOW: usize = 25;

/// Props of [`ListWindow`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The document whose annotations are listed, compared by identity.
    pub doc: Shared<Rc<Document>>,
    /// The selected annotation.
    pub selected: Option<AnnotationId>,
    /// Each attributed quote's speaker name, compared by identity.
    pub speakers: Shared<Rc<HashMap<AnnotationId, String>>>,
    /// Select an annotation and show it in the article.
    pub on_show: Callback<AnnotationId>,
    /// Delete an annotation.
    pub on_delete: Callback<AnnotationId>,
}

/// "Showing 1–25 of N" with paging buttons, and the list named "Annotations".
#[component]
pub fn ListWindow(props: &Props) -> Html {
    let doc = &props.doc;
    let n = doc.annotations().len();
    let speakers = &props.speakers;
    // Where the window starts. It moves to hold the selection when the selection changes;
    // otherwise it stays where the user paged to, even away from the selection.
    let paged = use_mut_ref(|| 0usize);
    let followed = use_mut_ref(|| None::<AnnotationId>);
    let redraw = use_force_update();
    let start = {
        let mut followed = followed.borrow_mut();
        let selected_at = if *followed == props.selected {
            None
        } else {
            followed.clone_from(&props.selected);
            props
                .selected
                .as_ref()
                .and_then(|id| doc.annotations().iter().position(|a| &a.id == id))
        };
        let mut paged = paged.borrow_mut();
        *paged = list_window(*paged, selected_at, n, WINDOW);
        *paged
    };
    let end = (start + WINDOW).min(n);
    let page = |to: usize| {
        let (paged, redraw) = (paged.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            *paged.borrow_mut() = to;
            redraw.force_update();
        })
    };
    html! {
        <>
            if n > WINDOW {
                <p class="window">
                    { format!("Showing {}–{end} of {n}.", start + 1) }
                    { " " }
                    <button type="button" disabled={start == 0}
                        onclick={page(start.saturating_sub(WINDOW))}>{ "Show earlier annotations" }</button>
                    { " " }
                    <button type="button" disabled={end == n}
                        onclick={page(end)}>{ "Show later annotations" }</button>
                </p>
            }
            // Entries are not keyed: when the window moves (the selection jumped elsewhere), the
            // same 25 elements are patched with the new entries instead of 25 being destroyed
            // and 25 built.
            <ul class="annotations" aria-label="Annotations">
                for (i, a) in doc.annotations()[start..end].iter().enumerate() {
                    {{
                        let label = doc.label(a.label);
                        html! {
                            <AnnotationItem
                                id={a.id.clone()}
                                position={start + i + 1}
                                total={n}
                                label={label.map(|l| l.name.clone()).unwrap_or_default()}
                                color={label.map(|l| l.color.clone()).unwrap_or_default()}
                                text={doc.annotation_text(a).to_owned()}
                                note={a.note.clone().map(AttrValue::from)}
                                selected={props.selected.as_ref() == Some(&a.id)}
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
