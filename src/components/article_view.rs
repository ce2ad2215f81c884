//! The article, as paragraphs of highlighted text.

use crate::components::paragraph::Paragraph;
use annotator_core::view::group_by_paragraph;
use annotator_core::{Document, Label};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ArticleView`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The document shown.
    pub doc: Rc<Document>,
    /// Where the app finds the view to read selections in.
    pub node_ref: NodeRef,
}

/// The region named "Article". Paragraphs are keyed by position and only re-render when their
/// own annotations change.
#[component]
pub fn ArticleView(props: &Props) -> Html {
    let text = props.doc.text_arc();
    let paragraphs = use_memo(text.clone(), |t| t.paragraphs());
    let groups = use_memo((paragraphs.clone(), props.doc.clone()), |(p, d)| {
        group_by_paragraph(p, d.annotations())
    });
    let labels: Rc<[Label]> = use_memo(props.doc.clone(), |d| Rc::<[Label]>::from(d.labels()))
        .as_ref()
        .clone();
    let index = text.index();
    html! {
        <section class="article" aria-label="Article" ref={props.node_ref.clone()}>
            for (span, anns) in paragraphs.iter().zip(groups.iter()) {
                <Paragraph
                    key={span.start.0}
                    text={text.clone()}
                    span={*span}
                    utf16_start={index.utf16(span.start).0}
                    anns={anns.clone()}
                    labels={labels.clone()}
                />
            }
        </section>
    }
}
