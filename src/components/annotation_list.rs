//! The list of annotations, in text order.

use crate::components::annotation_item::AnnotationItem;
use annotator_core::view::list_window;
use annotator_core::{AnnotationId, Document};
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// How many entries the list shows at once. A long article can hold 10,000 annotations; a
/// list that long would make every edit re-lay out a hundred thousand elements, so the list
/// shows a window of it, paged with buttons, and always holds the selected annotation.
pub const WINDOW: usize = 200;

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

/// The side panel's list: a heading with the count and the list named "Annotations".
#[component]
pub fn AnnotationList(props: &Props) -> Html {
    let doc = &props.doc;
    let n = doc.annotations().len();
    let speakers = &props.speakers;
    let paged = use_state(|| 0usize);
    let selected_at = props
        .selected
        .as_ref()
        .and_then(|id| doc.annotations().iter().position(|a| &a.id == id));
    let start = list_window(*paged, selected_at, n, WINDOW);
    let end = (start + WINDOW).min(n);
    let page = |to: usize| {
        let paged = paged.clone();
        Callback::from(move |_: MouseEvent| paged.set(to))
    };
    html! {
        <>
            <h2 id="annotations-heading">{ format!("Annotations ({n})") }</h2>
            if n == 0 {
                <p class="empty">
                    { "Select text in the article, then press a label button or its key (1–4, or q s c d)." }
                </p>
            }
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
            <ul class="annotations" aria-label="Annotations">
                for (i, a) in doc.annotations()[start..end].iter().enumerate() {
                    {{
                        let label = doc.label(a.label);
                        html! {
                            <AnnotationItem
                                key={a.id.as_str()}
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
