//! The keyboard shortcuts, opened with "?".

use crate::hooks::{use_dialog_keys, use_focus_on_mount};
use annotator_core::app::keymap::{self, Binding, How};
use annotator_core::label::initial_key;
use annotator_core::Label;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`HelpDialog`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The document's labels, whose keys are listed first.
    pub labels: Rc<[Label]>,
    /// The user closed the dialog ("Close" or Escape).
    pub on_close: Callback<()>,
}

/// One row of the table: how to do it, and what it does.
const OR: &str = " or ";

#[component]
pub fn HelpDialog(props: &Props) -> Html {
    let dialog_ref = use_node_ref();
    let close_ref = use_node_ref();
    // the dialog itself takes focus, so it opens at its top (its Close button is at the end)
    use_focus_on_mount(&dialog_ref);
    let close = props.on_close.reform(|_: MouseEvent| ());
    let on_key = use_dialog_keys(&dialog_ref, &props.on_close);

    let label_rows: Vec<Html> = props
        .labels
        .iter()
        .filter_map(|label| {
            let keys: Vec<String> = label
                .key
                .into_iter()
                .chain(initial_key(&props.labels, label))
                .map(|k| k.to_string())
                .collect();
            (!keys.is_empty()).then(|| {
                html! {
                    <tr>
                        <td>
                            { for keys.iter().enumerate().map(|(i, k)| html! {
                                <>
                                    if i > 0 { { OR } }
                                    <kbd>{ k.clone() }</kbd>
                                </>
                            }) }
                        </td>
                        <td>
                            { format!(
                                "{}: label the selection, or relabel the selected annotation",
                                label.display_name()
                            ) }
                        </td>
                    </tr>
                }
            })
        })
        .collect();

    html! {
        <div class="backdrop">
            <div class="dialog help-dialog" role="dialog" aria-modal="true"
                aria-labelledby="help-dialog-title" tabindex="-1"
                ref={dialog_ref} onkeydown={on_key}>
                <h2 id="help-dialog-title">{ "Keyboard shortcuts" }</h2>
                <p class="hint">
                    { "On a Cyrillic, Greek or other non-Latin keyboard layout, letter shortcuts go by \
                       the key's place: press the key where a US keyboard has " }
                    <kbd>{ "Q" }</kbd>{ " (" }<kbd>{ "й" }</kbd>{ ", " }<kbd>{ ";" }</kbd>
                    { ") for Quote, and Ctrl with the key of " }<kbd>{ "Z" }</kbd>{ " to undo." }
                </p>
                <table class="shortcuts">
                    <thead>
                        <tr>
                            <th scope="col">{ "Shortcut" }</th>
                            <th scope="col">{ "What it does" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        <tr><th scope="rowgroup" colspan="2">{ "Labels" }</th></tr>
                        if label_rows.is_empty() {
                            <tr><td colspan="2">{ "No label has a key yet." }</td></tr>
                        } else {
                            { for label_rows }
                        }
                    </tbody>
                    { for keymap::groups().into_iter().map(|(title, rows)| html! {
                        <tbody>
                            <tr><th scope="rowgroup" colspan="2">{ title }</th></tr>
                            { for rows.into_iter().map(shortcut_row) }
                        </tbody>
                    }) }
                </table>
                <div class="actions">
                    <button type="button" ref={close_ref} onclick={close}>{ "Close" }</button>
                </div>
            </div>
        </div>
    }
}

fn shortcut_row(s: &Binding) -> Html {
    let how = match s.how {
        How::Mouse(gesture) => html! { { gesture } },
        How::Keys(chords, sep) => html! {
            { for chords.iter().enumerate().map(|(i, chord)| html! {
                <>
                    if i > 0 { { sep } }
                    { for chord.iter().enumerate().map(|(j, key)| html! {
                        <>
                            if j > 0 { { "+" } }
                            <kbd>{ *key }</kbd>
                        </>
                    }) }
                </>
            }) }
        },
    };
    html! {
        <tr>
            <td>{ how }</td>
            <td>{ s.what }</td>
        </tr>
    }
}
