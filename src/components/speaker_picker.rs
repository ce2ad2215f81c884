//! Choosing a speaker from a list, as the keyboard's alternative to clicking one: one entry
//! per person, with a few words around its mention and its other mentions.

use crate::hooks::use_focus_on_mount;
use annotator_core::app::view::Choice;
use annotator_core::AnnotationId;
use yew::prelude::*;

/// Props of [`SpeakerPicker`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// What is being chosen ("Choose the speaker of …").
    pub title: AttrValue,
    /// The choices: one per person, by the mention that stands for it.
    pub options: Vec<Choice>,
    /// A choice was made.
    pub on_pick: Callback<AnnotationId>,
    /// Stop choosing.
    pub on_cancel: Callback<()>,
}

/// A group of buttons, one per speaker, focused on arrival.
#[component]
pub fn SpeakerPicker(props: &Props) -> Html {
    let first = use_node_ref();
    use_focus_on_mount(&first);
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <section class="speaker-picker" aria-label="Choose a speaker">
            <h2>{ props.title.clone() }</h2>
            <p class="hint">
                { "Click a speaker in the article, pick one here, or select the name in the text and press a label key to make it a speaker." }
            </p>
            if props.options.is_empty() {
                <p class="empty">{ "No speaker spans yet." }</p>
            }
            <ul class="choices">
                for (i, c) in props.options.iter().enumerate() {
                    {{
                        let (cb, id) = (props.on_pick.clone(), c.id.clone());
                        let onclick = Callback::from(move |_: MouseEvent| cb.emit(id.clone()));
                        let about = format!("pick-about-{i}");
                        html! {
                            <li key={i}>
                                <button type="button" ref={if i == 0 { first.clone() } else { NodeRef::default() }}
                                    aria-describedby={about.clone()} {onclick}>{ c.name.clone() }</button>
                                <span class="about" id={about}>
                                    <span class="context">{ c.context.clone() }</span>
                                    if let Some(also) = &c.also {
                                        { " " }
                                        <span class="also">{ format!("Also: {also}") }</span>
                                    }
                                </span>
                            </li>
                        }
                    }}
                }
            </ul>
            <button type="button" onclick={cancel}>{ "Cancel" }</button>
        </section>
    }
}
