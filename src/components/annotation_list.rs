//! The list of annotations, in text order.

use crate::components::annotation_item::AnnotationItem;
use annotator_core::{AnnotationId, Document};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`AnnotationList`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The document whose annotations are listed.
    pub doc: Rc<Document>,
    /// The selected annotation.
    pub selected: Option<AnnotationId>,
    /// Select an annotation and show it in the article.
    pub on_show: Callback<AnnotationId>,
    /// Delete an annotation.
    pub on_delete: Callback<AnnotationId>,
}

/// The side panel: a heading with the count and the list named "Annotations".
#[component]
pub fn AnnotationList(props: &Props) -> Html {
    let doc = &props.doc;
    let n = doc.annotations().len();
    let entities = annotator_core::attribution::entities(doc);
    let speaker_of = |id: &AnnotationId| {
        let s = annotator_core::attribution::speaker_of(doc, id)?;
        entities
            .iter()
            .find(|e| e.mentions.contains(s))
            .map(|e| AttrValue::from(e.name.clone()))
    };
    html! {
        <>
            <h2 id="annotations-heading">{ format!("Annotations ({n})") }</h2>
            if n == 0 {
                <p class="empty">
                    { "Select text in the article, then press a label button or its key (1–4, or q s c d)." }
                </p>
            }
            <ul class="annotations" aria-label="Annotations">
                for a in doc.annotations() {
                    {{
                        let label = doc.label(a.label);
                        html! {
                            <AnnotationItem
                                key={a.id.as_str()}
                                id={a.id.clone()}
                                label={label.map(|l| l.name.clone()).unwrap_or_default()}
                                color={label.map(|l| l.color.clone()).unwrap_or_default()}
                                text={doc.annotation_text(a).to_owned()}
                                note={a.note.clone().map(AttrValue::from)}
                                selected={props.selected.as_ref() == Some(&a.id)}
                                speaker={speaker_of(&a.id)}
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
