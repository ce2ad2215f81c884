//! A modal question with two answers.

use crate::hooks::{use_dialog_keys, use_focus_on_mount};
use yew::prelude::*;

/// Props of [`ConfirmDialog`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The question, also the dialog's accessible name.
    pub title: AttrValue,
    /// What will happen.
    pub body: AttrValue,
    /// The text of the confirming button.
    pub confirm_label: AttrValue,
    /// The user agreed.
    pub on_confirm: Callback<()>,
    /// The user declined (button or Escape).
    pub on_cancel: Callback<()>,
}

/// An alert dialog; "Cancel" has focus first, so Enter never destroys work by accident.
#[component]
pub fn ConfirmDialog(props: &Props) -> Html {
    let cancel_ref = use_node_ref();
    use_focus_on_mount(&cancel_ref);
    let confirm = props.on_confirm.reform(|_: MouseEvent| ());
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let dialog_ref = use_node_ref();
    let on_key = use_dialog_keys(&dialog_ref, &props.on_cancel);
    html! {
        <div class="backdrop">
            <div class="dialog" role="alertdialog" aria-modal="true" ref={dialog_ref}
                aria-labelledby="dialog-title" aria-describedby="dialog-body" onkeydown={on_key}>
                <h2 id="dialog-title">{ props.title.clone() }</h2>
                <p id="dialog-body">{ props.body.clone() }</p>
                <div class="actions">
                    <button type="button" ref={cancel_ref} onclick={cancel}>{ "Cancel" }</button>
                    <button type="button" class="danger" onclick={confirm}>
                        { props.confirm_label.clone() }
                    </button>
                </div>
            </div>
        </div>
    }
}
