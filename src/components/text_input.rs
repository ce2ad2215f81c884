//! The paste box: title, article text, the sample, and "Annotate".

use crate::hooks::use_focus_on_mount;
use annotator_core::sample::{SAMPLE_TEXT, SAMPLE_TITLE};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Props of [`TextInput`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The title to start from.
    pub initial_title: AttrValue,
    /// The text to start from (the current article when editing).
    pub initial_text: AttrValue,
    /// Whether an article exists to go back to.
    pub has_article: bool,
    /// Called with (title, text) when the user presses "Annotate".
    pub on_annotate: Callback<(String, String)>,
    /// Called with (title, text) as they are typed or pasted, to keep a draft.
    #[prop_or_default]
    pub on_draft: Callback<(String, String)>,
    /// Called when the user goes back without changing the text.
    pub on_cancel: Callback<()>,
    /// Whether the status line holds an error (about this box).
    pub has_error: bool,
    /// The title, the text or the sample changed (sent only while there is an error).
    pub on_change: Callback<()>,
}

/// Where the article is pasted or edited. The draft lives here until "Annotate", so typing
/// re-renders only this component.
#[component]
pub fn TextInput(props: &Props) -> Html {
    let title = use_state(|| props.initial_title.to_string());
    let text = use_state(|| props.initial_text.to_string());
    let text_ref = use_node_ref();

    // Focus the box on arrival, so Ctrl+V works at once.
    use_focus_on_mount(&text_ref);
    // A draft restored after a reload arrives after the box is shown.
    {
        let (title, text) = (title.clone(), text.clone());
        use_effect_with(
            (props.initial_title.clone(), props.initial_text.clone()),
            move |(t, x)| {
                if **title != **t {
                    title.set(t.to_string());
                }
                if **text != **x {
                    text.set(x.to_string());
                }
            },
        );
    }

    // A change to the box makes an error about it (an empty paste) out of date.
    let changed = {
        let (cb, has_error) = (props.on_change.clone(), props.has_error);
        move || {
            if has_error {
                cb.emit(());
            }
        }
    };
    let on_title = {
        let (title, text, draft) = (title.clone(), text.clone(), props.on_draft.clone());
        let changed = changed.clone();
        Callback::from(move |e: InputEvent| {
            changed();
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            draft.emit((value.clone(), (*text).clone()));
            title.set(value)
        })
    };
    let on_text = {
        let (title, text, draft) = (title.clone(), text.clone(), props.on_draft.clone());
        let changed = changed.clone();
        Callback::from(move |e: InputEvent| {
            changed();
            let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            draft.emit(((*title).clone(), value.clone()));
            text.set(value)
        })
    };
    let on_sample = {
        let (title, text) = (title.clone(), text.clone());
        Callback::from(move |_: MouseEvent| {
            changed();
            title.set(SAMPLE_TITLE.to_owned());
            text.set(SAMPLE_TEXT.to_owned());
        })
    };
    let on_submit = {
        let (title, text) = (title.clone(), text.clone());
        let on_annotate = props.on_annotate.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_annotate.emit(((*title).clone(), (*text).clone()));
        })
    };
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());

    html! {
        <form class="text-input" onsubmit={on_submit} aria-label="Article input">
            <label class="field">
                <span>{ "Title" }</span>
                <input type="text" value={(*title).clone()} oninput={on_title}
                    placeholder="Optional: used for the file name" autocomplete="off" />
            </label>
            <label class="field grow">
                <span>{ "Article text" }</span>
                <textarea ref={text_ref} value={(*text).clone()} oninput={on_text} rows="18"
                    spellcheck="false"
                    placeholder="Paste the article here (Ctrl+V). Formatting is dropped; line breaks are kept." />
            </label>
            <div class="actions">
                <button type="button" onclick={on_sample}>{ "Load sample article" }</button>
                <button type="submit" class="primary">{ "Annotate" }</button>
                if props.has_article {
                    <button type="button" onclick={on_cancel}>{ "Back to the article" }</button>
                }
            </div>
        </form>
    }
}
