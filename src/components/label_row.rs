//! One row of the label editor: a label's name, colour and key edited in place, "Save",
//! "Delete", and the delete confirmation when annotations use it.

use super::label_editor::{focus, key_of, ratio_text};
use annotator_core::label::validate;
use annotator_core::{Action, Label, LabelId, LabelSpec};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`LabelRow`].
#[derive(Properties, PartialEq)]
pub struct RowProps {
    /// The label as saved.
    pub label: Label,
    /// Every label, to check the draft against.
    pub labels: Rc<[Label]>,
    /// How many annotations use it.
    pub used: usize,
    /// Whether this row shows its delete confirmation.
    pub confirming: bool,
    /// Opens (`Some(id)`) or closes (`None`) a row's delete confirmation.
    pub on_confirming: Callback<Option<LabelId>>,
    /// Sends an `UpdateLabel` or `DeleteLabel`.
    pub on_action: Callback<Action>,
    /// Shows (`Some`) or clears (`None`) the dialog's own error message.
    pub on_error: Callback<Option<String>>,
    /// The dialog, which takes focus when the row goes away.
    pub dialog_ref: NodeRef,
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
pub fn LabelRow(props: &RowProps) -> Html {
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
                    title="Contrast of the article text on this colour, in the light and the dark theme">
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

/// "3 annotations use quote."
fn uses(n: usize, name: &str) -> String {
    if n == 1 {
        format!("1 annotation uses {name}.")
    } else {
        format!("{n} annotations use {name}.")
    }
}

/// The label chosen in a "Move them to" list.
fn selected_label(select: &NodeRef) -> Option<LabelId> {
    let el = select.get()?;
    let value = js_sys::Reflect::get(&el, &JsValue::from_str("value")).ok()?;
    value.as_string()?.parse().ok().map(LabelId)
}
