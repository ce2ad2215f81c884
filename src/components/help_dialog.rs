//! The keyboard shortcuts, opened with "?".

use crate::hooks::{use_dialog_keys, use_focus_on_mount};
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
struct Shortcut {
    how: How,
    /// What it does.
    what: &'static str,
}

/// How a shortcut is done.
enum How {
    /// Keys: alternatives, each a chord such as `["Ctrl", "Z"]`, and how the alternatives are
    /// joined (" or " for synonyms, " / " for the two directions).
    Keys(&'static [&'static [&'static str]], &'static str),
    /// A mouse gesture, in words.
    Mouse(&'static str),
}

const fn keys(
    chords: &'static [&'static [&'static str]],
    sep: &'static str,
    what: &'static str,
) -> Shortcut {
    Shortcut {
        how: How::Keys(chords, sep),
        what,
    }
}

const fn mouse(gesture: &'static str, what: &'static str) -> Shortcut {
    Shortcut {
        how: How::Mouse(gesture),
        what,
    }
}

const OR: &str = " or ";
const PAIR: &str = " / ";

/// The shortcuts that do not depend on the labels, in groups with a heading each.
const GROUPS: &[(&str, &[Shortcut])] = &[
    (
        "Moving in the article",
        &[
            keys(
                &[&["Left"], &["Right"], &["Up"], &["Down"]],
                PAIR,
                "Move the caret in the article (Tab into the article first)",
            ),
            keys(
                &[&["Shift", "Arrow"]],
                OR,
                "Extend the selection (with any arrow key)",
            ),
            keys(
                &[&["Ctrl", "Shift", "Left"], &["Ctrl", "Shift", "Right"]],
                PAIR,
                "Extend the selection by a word",
            ),
            keys(
                &[&["Home"], &["End"]],
                PAIR,
                "Move the caret to the start or end of the line",
            ),
            keys(
                &[&["Shift", "Home"], &["Shift", "End"]],
                PAIR,
                "Extend the selection to the start or end of the line",
            ),
        ],
    ),
    (
        "Choosing an annotation",
        &[
            mouse("Click a highlight", "Select its annotation"),
            mouse(
                "Click again at the same place",
                "Cycle through the annotations that overlap there",
            ),
            keys(
                &[&["Tab"], &["Shift", "Tab"]],
                PAIR,
                "In the article, with overlapping annotations under the last click: cycle \
                 through them",
            ),
            keys(
                &[&["Escape"]],
                OR,
                "Clear the annotation selection (and close dialogs)",
            ),
        ],
    ),
    (
        "Changing the selected annotation",
        &[
            keys(
                &[&["Delete"], &["Backspace"]],
                OR,
                "Delete the selected annotation",
            ),
            keys(
                &[&["Alt", "Left"], &["Alt", "Right"]],
                PAIR,
                "Move its start by a word (by a character when \u{201c}Snap to words\u{201d} \
                 is off)",
            ),
            keys(
                &[&["Alt", "Shift", "Left"], &["Alt", "Shift", "Right"]],
                PAIR,
                "Move its end the same way",
            ),
            mouse("Drag a handle at either end", "Resize it with the mouse"),
        ],
    ),
    (
        "Undo and help",
        &[
            keys(&[&["Ctrl", "Z"]], OR, "Undo"),
            keys(&[&["Ctrl", "Shift", "Z"], &["Ctrl", "Y"]], OR, "Redo"),
            keys(&[&["?"]], OR, "Show this help"),
        ],
    ),
];

/// A modal table of every shortcut, the label keys first. "Close" has focus on open; Escape
/// closes too.
#[component]
pub fn HelpDialog(props: &Props) -> Html {
    let dialog_ref = use_node_ref();
    let close_ref = use_node_ref();
    use_focus_on_mount(&close_ref);
    let close = {
        let cb = props.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
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
                    { for GROUPS.iter().map(|(title, rows)| html! {
                        <tbody>
                            <tr><th scope="rowgroup" colspan="2">{ *title }</th></tr>
                            { for rows.iter().map(shortcut_row) }
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

fn shortcut_row(s: &Shortcut) -> Html {
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
