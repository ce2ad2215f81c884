//! The bar above the article, in groups: the label buttons (the main action), undo and redo,
//! Suggest and Who said what, the Export menu (every format) and the More menu (editing the
//! text, the labels, display toggles, grouping speakers, the keyboard help), and the latest
//! message. On a phone it is one row: the label buttons, Undo and "Menu", which holds the rest
//! (an overflow menu: on a wide screen its items are in the bar and its button is not shown).

use crate::components::menu::Menu;
use crate::components::status_bar::StatusBar;
use crate::state::Message;
use annotator_core::app::Theme;
use annotator_core::export::ExportFormat;
use annotator_core::label::initial_key;
use annotator_core::{Label, LabelId};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The document's labels.
    pub labels: Rc<[Label]>,
    /// Whether snapping to words is on.
    pub snap_words: bool,
    /// Whether speakers show after their quotes in the text.
    pub show_speakers: bool,
    /// The latest message, shown in the bar.
    pub message: Option<Message>,
    /// A label button was pressed.
    pub on_label: Callback<LabelId>,
    /// The snapping toggle changed.
    pub on_snap: Callback<bool>,
    /// The speakers toggle changed.
    pub on_show_speakers: Callback<bool>,
    /// The colour theme chosen.
    pub theme: Theme,
    /// A theme was chosen.
    pub on_theme: Callback<Theme>,
    /// "Export JSON" and the other formats.
    pub on_export: Callback<ExportFormat>,
    /// "Copy JSON".
    pub on_copy: Callback<()>,
    /// "Edit text".
    pub on_edit: Callback<()>,
    /// What Undo would undo, when there is something.
    pub undo: Option<AttrValue>,
    /// What Redo would redo, when there is something.
    pub redo: Option<AttrValue>,
    /// "Undo".
    pub on_undo: Callback<()>,
    /// "Redo".
    pub on_redo: Callback<()>,
    /// "Edit labels": open the label editor.
    pub on_labels: Callback<()>,
    /// "Keyboard shortcuts": open the help.
    pub on_help: Callback<()>,
    /// "Who said what": open the attribution table.
    pub on_who: Callback<()>,
    /// "Suggest": run the suggestion rules.
    pub on_suggest: Callback<()>,
    /// "Group speakers": propose same-speaker links between the speaker annotations.
    pub on_group: Callback<()>,
}

/// The bar above the article.
#[component]
pub fn Toolbar(props: &Props) -> Html {
    let checkbox = |cb: &Callback<bool>| {
        let cb = cb.clone();
        Callback::from(move |e: Event| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let export = |f: ExportFormat| {
        let cb = props.on_export.clone();
        Callback::from(move |_: MouseEvent| cb.emit(f))
    };
    let unit = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    // Redo: beside Undo on a wide screen, in the menu on a phone; the CSS shows one of the two.
    let redo = |class: &'static str| {
        html! {
            <button type="button" {class} onclick={unit(&props.on_redo)} disabled={props.redo.is_none()}
                aria-keyshortcuts="Control+Shift+Z Control+Y"
                title={props.redo.as_ref().map_or("Nothing to redo".to_owned(), |w| format!("Redo {w} (Ctrl+Shift+Z)"))}>
                { "Redo" }
            </button>
        }
    };
    let bar = use_node_ref();
    crate::browser::layout::use_height_var(&bar, "--toolbar-h");
    html! {
        <div class="toolbar" ref={bar}>
            <div class="toolbar-row">
                <div role="toolbar" aria-label="Labels" class="label-buttons">
                    for label in props.labels.iter() {
                        { label_button(label, &props.labels, &props.on_label) }
                    }
                </div>
                <div class="group history-actions">
                    <button type="button" class="undo" onclick={unit(&props.on_undo)} disabled={props.undo.is_none()}
                        aria-keyshortcuts="Control+Z"
                        title={props.undo.as_ref().map_or("Nothing to undo".to_owned(), |w| format!("Undo {w} (Ctrl+Z)"))}>
                        // on a phone an arrow stands for the word, which stays its name
                        <span class="icon-text">{ "Undo" }</span>
                    </button>
                    // on a phone, Redo is in the menu (this one is not shown there)
                    { redo("wide-only") }
                </div>
                // On a phone everything else is behind "Menu"; on a wide screen it is in the bar.
                <Menu label="Menu" id="bar-menu" overflow=true>
                    // shown on a phone only: on a wide screen Redo sits beside Undo
                    { redo("phone-only") }
                    <div class="group">
                        <button type="button" onclick={unit(&props.on_suggest)} aria-keyshortcuts="G">
                            { "Suggest (G)" }
                        </button>
                        <button type="button" onclick={unit(&props.on_who)}>{ "Who said what" }</button>
                    </div>
                    <div class="group">
                        <Menu label="Export" id="export-menu">
                            <button type="button" onclick={export(ExportFormat::Json)}>{ "Export JSON" }</button>
                            <button type="button" onclick={unit(&props.on_copy)}>{ "Copy JSON" }</button>
                            for f in ExportFormat::ALL.iter().skip(1) {
                                <button type="button" onclick={export(*f)}>{ f.label() }</button>
                            }
                        </Menu>
                        <Menu label="More" id="more-menu">
                            <button type="button" onclick={unit(&props.on_edit)}>{ "Edit text" }</button>
                            <button type="button" onclick={unit(&props.on_labels)}>{ "Edit labels" }</button>
                            <label class="toggle">
                                <input type="checkbox" checked={props.snap_words} onchange={checkbox(&props.on_snap)} />
                                { "Snap to words" }
                            </label>
                            <label class="toggle">
                                <input type="checkbox" checked={props.show_speakers}
                                    onchange={checkbox(&props.on_show_speakers)} />
                                { "Show speakers in the text" }
                            </label>
                            <button type="button" onclick={unit(&props.on_group)}
                                title="Propose which speaker mentions are the same person, to review">
                                { "Group speakers" }
                            </button>
                            <fieldset class="theme-choice">
                                <legend>{ "Theme" }</legend>
                                for t in Theme::ALL {
                                    <label class="toggle">
                                        <input type="radio" name="theme" value={t.as_str()}
                                            checked={props.theme == t}
                                            onchange={props.on_theme.reform(move |_: Event| t)} />
                                        { t.label() }
                                    </label>
                                }
                            </fieldset>
                            <button type="button" onclick={unit(&props.on_help)} aria-keyshortcuts="?">
                                { "Keyboard shortcuts" }
                            </button>
                        </Menu>
                    </div>
                </Menu>
            </div>
            // on a phone the latest message floats under the bar (a problem takes a row)
            <div class="toolbar-status">
                <StatusBar message={props.message.clone()} />
            </div>
        </div>
    }
}

fn label_button(label: &Label, labels: &[Label], on_label: &Callback<LabelId>) -> Html {
    let id = label.id;
    let cb = on_label.clone();
    // Keep the text selection: a mouse press on a button would otherwise collapse it in some
    // browsers before the click arrives.
    let keep_selection = Callback::from(|e: MouseEvent| e.prevent_default());
    // The key after the name ("Quote (1)"); not shown on a phone, which has no keys.
    let key = label.key.map(|k| format!(" ({k})"));
    let keys: Vec<String> = label
        .key
        .into_iter()
        .chain(initial_key(labels, label))
        .map(|k| k.to_string())
        .collect();
    html! {
        <button type="button" class="label-button"
            style={format!("--label-color: {}", label.color)}
            aria-keyshortcuts={keys.join(" ")}
            title={format!("Label the selection as {} (key {})", label.name, keys.join(" or "))}
            onmousedown={keep_selection}
            onclick={Callback::from(move |_: MouseEvent| cb.emit(id))}>
            <span class="swatch" aria-hidden="true"></span>
            <span>
                { label.display_name() }
                if let Some(key) = key { <span class="key-hint">{ key }</span> }
            </span>
        </button>
    }
}
