//! The bar above the article, in groups: the label buttons (the main action), undo and redo,
//! Suggest and Who said what, the Export menu (every format) and the More menu (editing the
//! text, the labels, display toggles, grouping speakers, the keyboard help), and the latest
//! message.

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
                    <button type="button" onclick={unit(&props.on_undo)} disabled={props.undo.is_none()}
                        aria-keyshortcuts="Control+Z"
                        title={props.undo.as_ref().map_or("Nothing to undo".to_owned(), |w| format!("Undo {w} (Ctrl+Z)"))}>
                        { "Undo" }
                    </button>
                    <button type="button" onclick={unit(&props.on_redo)} disabled={props.redo.is_none()}
                        aria-keyshortcuts="Control+Shift+Z Control+Y"
                        title={props.redo.as_ref().map_or("Nothing to redo".to_owned(), |w| format!("Redo {w} (Ctrl+Shift+Z)"))}>
                        { "Redo" }
                    </button>
                </div>
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
            </div>
            <StatusBar message={props.message.clone()} />
        </div>
    }
}

fn label_button(label: &Label, labels: &[Label], on_label: &Callback<LabelId>) -> Html {
    let id = label.id;
    let cb = on_label.clone();
    // Keep the text selection: a mouse press on a button would otherwise collapse it in some
    // browsers before the click arrives.
    let keep_selection = Callback::from(|e: MouseEvent| e.prevent_default());
    let name = match label.key {
        Some(k) => format!("{} ({k})", label.display_name()),
        None => label.display_name(),
    };
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
            { name }
        </button>
    }
}
