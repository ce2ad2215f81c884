//! A modal question with two answers.

use crate::browser::focus::trap_tab;
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
    {
        let cancel_ref = cancel_ref.clone();
        use_effect_with((), move |_| {
            if let Some(b) = cancel_ref.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let confirm = {
        let cb = props.on_confirm.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let cancel = {
        let cb = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let dialog_ref = use_node_ref();
    // Keys typed in the dialog stay in it: Tab cycles inside, Escape cancels, and nothing
    // reaches the app's shortcuts behind it.
    let on_key = {
        let cb = props.on_cancel.clone();
        let dialog_ref = dialog_ref.clone();
        Callback::from(move |e: KeyboardEvent| {
            e.stop_propagation();
            if e.key() == "Escape" {
                e.prevent_default();
                cb.emit(());
            }
            trap_tab(&e, &dialog_ref);
        })
    };
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
