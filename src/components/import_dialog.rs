//! The import preview: what the files hold, where each of their labels goes, every problem by
//! file and line, lenient or strict, and new articles or suggestions. Nothing changes before
//! **Import**; **Cancel** (or Escape) changes nothing.

use crate::components::label_target::LabelTarget;
use crate::hooks::{use_dialog_keys, use_focus_on_mount};
use annotator_core::app::import::{Destination, LabelChoice};
use annotator_core::app::view::ImportDialog as View;
use annotator_core::formats::import::Mode;
use std::rc::Rc;
use yew::prelude::*;

/// How many problems the preview lists; the count says how many more there are.
const PROBLEMS_SHOWN: usize = 500;

/// What the preview's controls do.
#[derive(Clone, PartialEq)]
pub struct ImportActions {
    /// A foreign label goes elsewhere.
    pub target: Callback<(String, LabelChoice)>,
    /// Lenient or strict.
    pub mode: Callback<Mode>,
    /// New articles or suggestions.
    pub destination: Callback<Destination>,
    /// Import.
    pub confirm: Callback<()>,
    /// Cancel.
    pub cancel: Callback<()>,
}

/// Props of [`ImportDialog`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// What to show, as core words it.
    pub view: Rc<View>,
    /// What the controls do.
    pub actions: ImportActions,
}

/// A radio button with its label.
fn radio(name: &'static str, label: &str, checked: bool, on: Callback<()>) -> Html {
    html! {
        <label class="choice">
            <input type="radio" {name} {checked} onchange={on.reform(|_: Event| ())} />
            { format!(" {label}") }
        </label>
    }
}

/// The preview dialog.
#[component]
pub fn ImportDialog(props: &Props) -> Html {
    let (v, a) = (&props.view, &props.actions);
    let dialog_ref = use_node_ref();
    let import_ref = use_node_ref();
    use_focus_on_mount(&import_ref);
    let on_key = use_dialog_keys(&dialog_ref, &a.cancel);
    let ours = Rc::new(v.ours.clone());
    let mode = |m: Mode| a.mode.reform(move |()| m);
    let to = |d: Destination| a.destination.reform(move |()| d);
    let more = v.problems.len().saturating_sub(PROBLEMS_SHOWN);
    html! {
        <div class="backdrop">
            <div class="dialog import-dialog" role="dialog" aria-modal="true" ref={dialog_ref}
                aria-labelledby="import-title" aria-describedby="import-source" onkeydown={on_key}>
                <h2 id="import-title">{ "Import preview" }</h2>
                <p id="import-source">{ v.source.clone() }</p>
                <h3 id="import-found">{ "Found" }</h3>
                <ul aria-labelledby="import-found" class="found">
                    for line in v.found.iter() { <li>{ line.clone() }</li> }
                </ul>
                <h3 id="import-labels">{ "Labels" }</h3>
                <p class="hint">{ "Each label of the file goes to one of this article’s labels, or becomes a new label. The choice is remembered for the next import." }</p>
                <ul aria-labelledby="import-labels" class="label-targets">
                    for (i, row) in v.labels.iter().enumerate() {
                        <LabelTarget key={row.foreign.clone()} row={row.clone()} index={i}
                            ours={Rc::clone(&ours)} on_choose={a.target.clone()} />
                    }
                </ul>
                if let Some(e) = &v.error { <p role="alert" class="import-error">{ e.clone() }</p> }
                <h3 id="import-problems">{ format!("Problems ({})", v.problems.len()) }</h3>
                if v.problems.is_empty() {
                    <p>{ "None: every line was read." }</p>
                } else {
                    <ol aria-labelledby="import-problems" class="problems">
                        for p in v.problems.iter().take(PROBLEMS_SHOWN) { <li>{ p.clone() }</li> }
                    </ol>
                    if more > 0 { <p>{ format!("and {more} more.") }</p> }
                }
                <fieldset>
                    <legend>{ "Malformed lines" }</legend>
                    { radio("import-mode", "Skip them and import the rest", !v.strict, mode(Mode::Lenient)) }
                    { radio("import-mode", "Refuse the whole import", v.strict, mode(Mode::Strict)) }
                </fieldset>
                if let Some(r) = &v.refusal { <p role="alert" class="import-error">{ r.clone() }</p> }
                if v.onto_open {
                    <fieldset>
                        <legend>{ "Import as" }</legend>
                        { radio("import-to", "New articles in the library", !v.as_suggestions, to(Destination::NewArticles)) }
                        { radio("import-to", "Suggestions on the open article, to review", v.as_suggestions, to(Destination::Suggestions)) }
                    </fieldset>
                }
                <div class="actions">
                    <button type="button" onclick={a.cancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
                    <button type="button" class="primary" ref={import_ref}
                        onclick={a.confirm.reform(|_: MouseEvent| ())}>{ "Import" }</button>
                </div>
            </div>
        </div>
    }
}
