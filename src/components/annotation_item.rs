//! One entry of the annotations list.

use crate::state::ellipsis;
use annotator_core::AnnotationId;
use yew::prelude::*;

/// Props of [`AnnotationItem`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Which annotation.
    pub id: AnnotationId,
    /// Its place in the whole list, from 1 (the list may show only part of it).
    pub position: usize,
    /// How many annotations there are in all.
    pub total: usize,
    /// Its label's name.
    pub label: AttrValue,
    /// Its label's colour.
    pub color: AttrValue,
    /// The text it covers.
    pub text: AttrValue,
    /// Its note, if any.
    pub note: Option<AttrValue>,
    /// Whether it is the selected annotation.
    pub selected: bool,
    /// The speaker it is attributed to, if any.
    #[prop_or_default]
    pub speaker: Option<AttrValue>,
    /// Show it in the article.
    pub on_show: Callback<AnnotationId>,
    /// Delete it.
    pub on_delete: Callback<AnnotationId>,
}

/// A list item: the label and text (a button that shows the span) and a "Delete" button.
#[component]
pub fn AnnotationItem(props: &Props) -> Html {
    let show = {
        let (cb, id) = (props.on_show.clone(), props.id.clone());
        Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
    };
    let delete = {
        let (cb, id) = (props.on_delete.clone(), props.id.clone());
        Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
    };
    let short = ellipsis(&props.text, 200);
    html! {
        <li class={classes!("annotation", props.selected.then_some("selected"))}
            data-id={props.id.to_string()}
            aria-current={props.selected.then_some("true")}
            aria-posinset={props.position.to_string()} aria-setsize={props.total.to_string()}>
            // named by what it shows (the label, the text, the speaker), as a screen reader reads it
            <button type="button" class="show" onclick={show} title="Show it in the article">
                <span class="tag" style={crate::components::paragraph::highlight_vars(&props.color)}>
                    { props.label.clone() }
                </span>
                <span class="text">{ short }</span>
                if let Some(speaker) = &props.speaker {
                    <span class="said-by">{ format!("— {speaker}") }</span>
                }
                if let Some(note) = &props.note {
                    <span class="note">{ format!("Note: {note}") }</span>
                }
            </button>
            <button type="button" class="delete" onclick={delete}
                title={format!("Delete this {}", props.label)}>{ "Delete" }</button>
        </li>
    }
}
