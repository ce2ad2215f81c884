//! The label editor: rename, recolour, rekey, delete and add labels.

use super::label_row::LabelRow;
use crate::hooks::use_dialog_keys;
use annotator_core::label::{
    contrast, dark_highlight, one_decimal, validate, DARK_INK, INK, MIN_CONTRAST, RESERVED_KEYS,
};
use annotator_core::{Action, Label, LabelId, LabelSpec};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

/// The colour a new label starts with: light enough for any text.
const NEW_COLOR: &str = "#e6daff";

/// Props of [`LabelEditor`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The document's labels, in order.
    pub labels: Rc<[Label]>,
    /// How many annotations use each label; a label not listed is unused.
    pub usage: Rc<Vec<(LabelId, usize)>>,
    /// The app's message when it refused the last action, shown in the dialog's alert line.
    pub error: Option<AttrValue>,
    /// Adds, changes or deletes a label (`AddLabel`, `UpdateLabel`, `DeleteLabel`); the app
    /// applies it and passes the new labels back.
    pub on_action: Callback<Action>,
    /// The user closed the dialog ("Close" or Escape).
    pub on_close: Callback<()>,
}

/// A modal dialog listing every label with its name, colour and key, each editable in place,
/// and a form that adds one. Changes are checked here before they are sent, and the app checks
/// them again. The first name field has focus on open; Escape closes.
#[component]
pub fn LabelEditor(props: &Props) -> Html {
    let dialog_ref = use_node_ref();
    let new_name_ref = use_node_ref();
    let local_error = use_state_eq(|| None::<String>);
    let confirming = use_state_eq(|| None::<LabelId>);
    let new_name = use_state_eq(String::new);
    let new_color = use_state_eq(|| NEW_COLOR.to_owned());
    let new_key = use_state_eq(String::new);

    {
        let dialog_ref = dialog_ref.clone();
        use_effect_with((), move |_| focus_first_input(&dialog_ref));
    }

    let on_key = use_dialog_keys(&dialog_ref, &props.on_close);
    let close = props.on_close.reform(|_: MouseEvent| ());
    let on_error = {
        let local_error = local_error.clone();
        Callback::from(move |m: Option<String>| local_error.set(m))
    };
    let on_confirming = {
        let confirming = confirming.clone();
        Callback::from(move |id: Option<LabelId>| confirming.set(id))
    };

    let text_setter = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_add = {
        let labels = props.labels.clone();
        let on_action = props.on_action.clone();
        let (name, color, key) = (new_name.clone(), new_color.clone(), new_key.clone());
        let local_error = local_error.clone();
        let new_name_ref = new_name_ref.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let spec = LabelSpec {
                name: (*name).clone(),
                color: (*color).clone(),
                key: key_of(&key),
            };
            match validate(&labels, &spec, None) {
                Ok(spec) => {
                    local_error.set(None);
                    on_action.emit(Action::AddLabel(spec));
                    name.set(String::new());
                    key.set(String::new());
                    focus(&new_name_ref);
                }
                Err(err) => local_error.set(Some(err.to_string())),
            }
        })
    };

    let message = (*local_error)
        .clone()
        .or_else(|| props.error.as_ref().map(ToString::to_string))
        .unwrap_or_default();
    let (new_ratio, new_low) = ratio_text(&new_color);

    html! {
        <div class="backdrop">
            <div class="dialog label-editor" role="dialog" aria-modal="true"
                aria-labelledby="label-editor-title" aria-describedby="label-editor-hint"
                tabindex="-1" ref={dialog_ref.clone()} onkeydown={on_key}>
                <h2 id="label-editor-title">{ "Labels" }</h2>
                <p id="label-editor-hint" class="hint">{ hint() }</p>
                <p class="label-editor-error" role="alert">{ message }</p>
                <table class="label-table">
                    <thead>
                        <tr>
                            <th scope="col">{ "Name" }</th>
                            <th scope="col">{ "Colour" }</th>
                            <th scope="col">{ "Key" }</th>
                            <th scope="col">{ "Contrast" }</th>
                            <th scope="col">{ "Actions" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        for label in props.labels.iter() {
                            <LabelRow
                                key={label.id.0.to_string()}
                                label={label.clone()}
                                labels={props.labels.clone()}
                                used={usage_of(&props.usage, label.id)}
                                confirming={*confirming == Some(label.id)}
                                on_confirming={on_confirming.clone()}
                                on_action={props.on_action.clone()}
                                on_error={on_error.clone()}
                                dialog_ref={dialog_ref.clone()} />
                        }
                    </tbody>
                </table>
                <form class="label-add" onsubmit={on_add} aria-labelledby="label-editor-add">
                    <h3 id="label-editor-add">{ "Add a label" }</h3>
                    <div class="label-add-fields">
                        <label>
                            { "Name " }
                            <input type="text" ref={new_name_ref} aria-label="New label name"
                                value={(*new_name).clone()} oninput={text_setter(&new_name)}
                                autocomplete="off" spellcheck="false" />
                        </label>
                        <label>
                            { "Colour " }
                            <input type="color" aria-label="New label colour"
                                value={(*new_color).clone()} oninput={text_setter(&new_color)} />
                        </label>
                        <span class={classes!("contrast", new_low.then_some("low"))}
                            title="Contrast of the article text on this colour, in the light and the dark theme">
                            { new_ratio }
                        </span>
                        <label>
                            { "Key " }
                            <input type="text" class="label-key" aria-label="New label key"
                                maxlength="1" size="2" value={(*new_key).clone()}
                                oninput={text_setter(&new_key)} autocomplete="off" />
                        </label>
                        <button type="submit" class="primary">{ "Add label" }</button>
                    </div>
                </form>
                <div class="actions">
                    <button type="button" onclick={close}>{ "Close" }</button>
                </div>
            </div>
        </div>
    }
}

/// A key field's value as a key: empty is none, otherwise its first character.
pub(super) fn key_of(s: &str) -> Option<char> {
    s.chars().next()
}

/// How many annotations use a label.
fn usage_of(usage: &[(LabelId, usize)], id: LabelId) -> usize {
    usage.iter().find(|(l, _)| *l == id).map_or(0, |&(_, n)| n)
}

/// The contrast of the article text on a colour in both themes ("Light 12.3:1 · Dark 4.6:1"),
/// and whether the light one is too low (the dark theme's shade is made to keep it).
pub(super) fn ratio_text(color: &str) -> (String, bool) {
    let ratio = contrast(color, INK);
    let dark = contrast(&dark_highlight(color), DARK_INK);
    let low = ratio < MIN_CONTRAST;
    let light = if low {
        format!("Light {}:1, too dark", one_decimal(ratio))
    } else {
        format!("Light {}:1", one_decimal(ratio))
    };
    (format!("{light} · Dark {}:1", one_decimal(dark)), low)
}

/// The line under the heading that says which keys and colours are allowed.
fn hint() -> String {
    let quoted: Vec<String> = RESERVED_KEYS
        .iter()
        .map(|k| format!("\u{201c}{k}\u{201d}"))
        .collect();
    let reserved = match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    let verb = if quoted.len() == 1 {
        "belongs"
    } else {
        "belong"
    };
    format!(
        "A key is a digit 1\u{2013}9 or a letter; {reserved} {verb} to the app. Colours must \
         keep the text readable: a contrast of at least {}:1.",
        one_decimal(MIN_CONTRAST)
    )
}

/// Focuses an element; false when it is not there.
pub(super) fn focus(r: &NodeRef) -> bool {
    r.cast::<HtmlElement>().is_some_and(|el| el.focus().is_ok())
}

/// Focuses the first field in the dialog: the first label's name, or the new label's name.
fn focus_first_input(dialog: &NodeRef) {
    let first = dialog
        .cast::<Element>()
        .and_then(|d| d.query_selector("input").ok().flatten())
        .and_then(|el| el.dyn_into::<HtmlElement>().ok());
    if let Some(el) = first {
        let _ = el.focus();
    }
}
