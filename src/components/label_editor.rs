//! The label editor: rename, recolour, rekey, delete and add labels.

use crate::hooks::use_dialog_keys;
use annotator_core::label::{contrast, one_decimal, validate, INK, MIN_CONTRAST, RESERVED_KEYS};
use annotator_core::{Action, Label, LabelId, LabelSpec};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
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
                            title="Contrast of the article text on this colour">
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

/// Props of [`LabelRow`].
#[derive(Properties, PartialEq)]
struct RowProps {
    /// The label as saved.
    label: Label,
    /// Every label, to check the draft against.
    labels: Rc<[Label]>,
    /// How many annotations use it.
    used: usize,
    /// Whether this row shows its delete confirmation.
    confirming: bool,
    /// Opens (`Some(id)`) or closes (`None`) a row's delete confirmation.
    on_confirming: Callback<Option<LabelId>>,
    /// Sends an `UpdateLabel` or `DeleteLabel`.
    on_action: Callback<Action>,
    /// Shows (`Some`) or clears (`None`) the dialog's own error message.
    on_error: Callback<Option<String>>,
    /// The dialog, which takes focus when the row goes away.
    dialog_ref: NodeRef,
}

/// The values in a row's fields, as typed.
#[derive(Clone, Debug, PartialEq)]
struct Draft {
    name: String,
    color: String,
    key: String,
}

impl From<&Label> for Draft {
    fn from(l: &Label) -> Self {
        Draft {
            name: l.name.clone(),
            color: l.color.to_ascii_lowercase(),
            key: l.key.map(String::from).unwrap_or_default(),
        }
    }
}

/// Which field of a row changed.
#[derive(Clone, Copy)]
enum Field {
    Name,
    Color,
    Key,
}

/// A row's draft, remembered with the label it was started from: when the label changes (saved,
/// undone, renamed elsewhere) the draft no longer matches and the row shows the label again.
#[derive(Default, PartialEq)]
struct DraftState(Option<(Label, Draft)>);

impl DraftState {
    fn values(&self, label: &Label) -> Draft {
        match &self.0 {
            Some((base, d)) if base == label => d.clone(),
            _ => Draft::from(label),
        }
    }
}

impl Reducible for DraftState {
    type Action = (Label, Field, String);

    fn reduce(self: Rc<Self>, (base, field, value): Self::Action) -> Rc<Self> {
        let mut d = self.values(&base);
        match field {
            Field::Name => d.name = value,
            Field::Color => d.color = value,
            Field::Key => d.key = value,
        }
        Rc::new(DraftState(Some((base, d))))
    }
}

/// One label: its fields, "Save", "Delete", and the delete confirmation when it has annotations.
#[component]
fn LabelRow(props: &RowProps) -> Html {
    let draft = use_reducer(DraftState::default);
    let delete_ref = use_node_ref();
    let select_ref = use_node_ref();
    let cancel_ref = use_node_ref();
    let label = &props.label;
    let id = label.id;
    let values = draft.values(label);
    let others: Vec<Label> = props
        .labels
        .iter()
        .filter(|l| l.id != id)
        .cloned()
        .collect();

    // On opening the confirmation, focus its first control.
    {
        let (select_ref, cancel_ref) = (select_ref.clone(), cancel_ref.clone());
        use_effect_with(props.confirming, move |&open| {
            if open && !focus(&select_ref) {
                focus(&cancel_ref);
            }
        });
    }

    let edit = |field: Field| {
        let draft = draft.dispatcher();
        let base = label.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            draft.dispatch((base.clone(), field, value));
        })
    };
    let save = {
        let label = label.clone();
        let labels = props.labels.clone();
        let values = values.clone();
        let on_action = props.on_action.clone();
        let on_error = props.on_error.clone();
        move || {
            let spec = LabelSpec {
                name: values.name.clone(),
                color: values.color.clone(),
                key: key_of(&values.key),
            };
            match validate(&labels, &spec, Some(label.id)) {
                Err(err) => on_error.emit(Some(err.to_string())),
                Ok(spec) => {
                    on_error.emit(None);
                    let unchanged = spec.name == label.name
                        && spec.color.eq_ignore_ascii_case(&label.color)
                        && spec.key == label.key;
                    if !unchanged {
                        on_action.emit(Action::UpdateLabel { id: label.id, spec });
                    }
                }
            }
        }
    };
    let on_enter = {
        let save = save.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Enter in a text field saves; on a button it clicks, on a colour it opens the picker.
            let in_field = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .is_some_and(|el| el.type_() == "text");
            if e.key() == "Enter" && in_field {
                e.prevent_default();
                save();
            }
        })
    };
    let on_save = Callback::from(move |_: MouseEvent| save());

    // Removes the label; the dialog takes focus, as the row's buttons are about to go.
    let delete = {
        let on_action = props.on_action.clone();
        let on_error = props.on_error.clone();
        let on_confirming = props.on_confirming.clone();
        let dialog_ref = props.dialog_ref.clone();
        move |move_to: Option<LabelId>| {
            on_error.emit(None);
            on_confirming.emit(None);
            focus(&dialog_ref);
            on_action.emit(Action::DeleteLabel { id, move_to });
        }
    };
    let on_delete = {
        let delete = delete.clone();
        let on_confirming = props.on_confirming.clone();
        let used = props.used;
        Callback::from(move |_: MouseEvent| {
            if used == 0 {
                delete(None);
            } else {
                on_confirming.emit(Some(id));
            }
        })
    };
    let on_move = {
        let delete = delete.clone();
        let select_ref = select_ref.clone();
        let on_error = props.on_error.clone();
        Callback::from(move |_: MouseEvent| match selected_label(&select_ref) {
            Some(to) => delete(Some(to)),
            None => on_error.emit(Some("choose a label to move them to".to_owned())),
        })
    };
    let on_delete_all = Callback::from(move |_: MouseEvent| delete(None));
    let on_cancel = {
        let on_confirming = props.on_confirming.clone();
        let delete_ref = delete_ref.clone();
        Callback::from(move |_: MouseEvent| {
            on_confirming.emit(None);
            focus(&delete_ref);
        })
    };

    let name = &label.name;
    let (ratio, low) = ratio_text(&values.color);
    let confirm_id = format!("label-{}-uses", id.0);
    let select_id = format!("label-{}-move-to", id.0);
    html! {
        <>
            <tr class="label-row" onkeydown={on_enter}>
                <td>
                    <input type="text" class="label-name" aria-label={format!("Name of {name}")}
                        value={values.name.clone()} oninput={edit(Field::Name)}
                        autocomplete="off" spellcheck="false" />
                </td>
                <td>
                    <input type="color" aria-label={format!("Colour of {name}")}
                        value={values.color.clone()} oninput={edit(Field::Color)} />
                </td>
                <td>
                    <input type="text" class="label-key" aria-label={format!("Key of {name}")}
                        maxlength="1" size="2" value={values.key.clone()}
                        oninput={edit(Field::Key)} autocomplete="off" />
                </td>
                <td class={classes!("contrast", low.then_some("low"))}
                    title="Contrast of the article text on this colour">
                    { ratio }
                </td>
                <td class="row-actions">
                    <button type="button" aria-label={format!("Save {name}")} onclick={on_save}>
                        { "Save" }
                    </button>
                    { " " }
                    <button type="button" ref={delete_ref} aria-label={format!("Delete {name}")}
                        onclick={on_delete}>
                        { "Delete" }
                    </button>
                </td>
            </tr>
            if props.confirming {
                <tr class="delete-confirm">
                    <td colspan="5">
                        <div role="group" aria-labelledby={confirm_id.clone()}>
                            <p id={confirm_id}>{ uses(props.used, name) }</p>
                            if !others.is_empty() {
                                <p>
                                    <label for={select_id.clone()}>{ "Move them to" }</label>
                                    { " " }
                                    <select id={select_id} ref={select_ref} aria-label="Move them to">
                                        for other in others.iter() {
                                            <option value={other.id.0.to_string()}>
                                                { other.name.clone() }
                                            </option>
                                        }
                                    </select>
                                </p>
                            }
                            <div class="actions">
                                if !others.is_empty() {
                                    <button type="button" class="primary" onclick={on_move}>
                                        { "Move and delete" }
                                    </button>
                                }
                                <button type="button" class="danger" onclick={on_delete_all}>
                                    { "Delete them too" }
                                </button>
                                <button type="button" ref={cancel_ref} onclick={on_cancel}>
                                    { "Cancel" }
                                </button>
                            </div>
                        </div>
                    </td>
                </tr>
            }
        </>
    }
}

/// A key field's value as a key: empty is none, otherwise its first character.
fn key_of(s: &str) -> Option<char> {
    s.chars().next()
}

/// How many annotations use a label.
fn usage_of(usage: &[(LabelId, usize)], id: LabelId) -> usize {
    usage.iter().find(|(l, _)| *l == id).map_or(0, |&(_, n)| n)
}

/// "3 annotations use quote."
fn uses(n: usize, name: &str) -> String {
    if n == 1 {
        format!("1 annotation uses {name}.")
    } else {
        format!("{n} annotations use {name}.")
    }
}

/// The contrast of the article text on a colour ("12.3:1"), and whether it is too low.
fn ratio_text(color: &str) -> (String, bool) {
    let ratio = contrast(color, INK);
    let low = ratio < MIN_CONTRAST;
    let text = if low {
        format!("{}:1, too dark", one_decimal(ratio))
    } else {
        format!("{}:1", one_decimal(ratio))
    };
    (text, low)
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
         keep the text readable: a contrast of at least {MIN_CONTRAST:.1}:1."
    )
}

/// The label chosen in a "Move them to" list.
fn selected_label(select: &NodeRef) -> Option<LabelId> {
    let el = select.get()?;
    let value = js_sys::Reflect::get(&el, &JsValue::from_str("value")).ok()?;
    value.as_string()?.parse().ok().map(LabelId)
}

/// Focuses an element; false when it is not there.
fn focus(r: &NodeRef) -> bool {
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
