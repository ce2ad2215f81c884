//! The selected annotation: its text, its note, and what can be done to it.

use annotator_core::AnnotationId;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Props of [`SelectionPanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Which annotation.
    pub id: AnnotationId,
    /// Its label's name.
    pub label: AttrValue,
    /// Its label's colour.
    pub color: AttrValue,
    /// The text it covers.
    pub text: AttrValue,
    /// Its note.
    pub note: AttrValue,
    /// Save the note (empty removes it): the box lost focus, Ctrl+Enter, or "Save note".
    pub on_note: Callback<(AnnotationId, String)>,
    /// The note as typed so far, on every key stroke, so a reload or a closed tab never loses
    /// it (the strokes of one note make one undo step).
    pub on_note_typed: Callback<(AnnotationId, String)>,
    /// Label every other whole-word occurrence the same way.
    pub on_annotate_all: Callback<()>,
    /// Delete the annotation.
    pub on_delete: Callback<()>,
    /// Clear the selection.
    pub on_close: Callback<()>,
    /// Attribution controls, for quotes, claims and speakers.
    #[prop_or_default]
    pub children: Html,
}

/// A panel above the list. The note is kept as it is typed (autosave stores it like any other
/// change); leaving the box, Ctrl+Enter or "Save note" close it as one undoable step.
///
/// The panel is not keyed by annotation: selecting another one (a create selects the new one)
/// patches the same elements, its note box included, instead of building them again, which
/// took a create's task and frame about 2 ms more. The box's text is therefore kept with the
/// annotation it belongs to, and shows the new annotation's note as soon as that one is shown.
#[component]
pub fn SelectionPanel(props: &Props) -> Html {
    // The box's text and whose it is.
    let typed = use_state(|| (props.id.clone(), props.note.to_string()));
    let draft = if typed.0 == props.id {
        typed.1.clone()
    } else {
        props.note.to_string()
    };
    // The note changed by other means (undo, redo, another tab): the box shows it. While typing
    // the note is the box's text trimmed, so typing is never undone here.
    {
        let typed = typed.clone();
        use_effect_with((props.id.clone(), props.note.clone()), move |(id, note)| {
            if typed.0 != *id || typed.1.trim() != note.as_str() {
                typed.set((id.clone(), note.to_string()));
            }
        });
    }
    let save = {
        let (cb, id, draft) = (props.on_note.clone(), props.id.clone(), draft.clone());
        move || cb.emit((id.clone(), draft.clone()))
    };
    let on_input = {
        let (typed, cb, id) = (typed.clone(), props.on_note_typed.clone(), props.id.clone());
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            cb.emit((id.clone(), value.clone()));
            typed.set((id.clone(), value));
        })
    };
    let on_change = {
        let save = save.clone();
        Callback::from(move |_: Event| save())
    };
    let on_key = {
        let save = save.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                save();
            }
        })
    };
    let on_save = Callback::from(move |_: MouseEvent| save());
    let unit = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    html! {
        <section class="selection-panel" aria-label="Selected annotation">
            <h2>{ "Selected annotation" }</h2>
            <p class="selected-text">
                <span class="tag" style={crate::components::paragraph::highlight_vars(&props.color)}>
                    { props.label.clone() }
                </span>
                { " " }
                <span class="text">{ props.text.clone() }</span>
            </p>
            { props.children.clone() }
            <label class="field">
                <span>{ "Note" }</span>
                <textarea rows="3" value={draft} oninput={on_input}
                    onchange={on_change} onkeydown={on_key}
                    placeholder="Why this span matters, a source to check…" />
            </label>
            <div class="actions">
                <button type="button" onclick={on_save}>{ "Save note" }</button>
                <button type="button" onclick={unit(&props.on_annotate_all)}>
                    { "Annotate all occurrences" }
                </button>
                <button type="button" onclick={unit(&props.on_delete)}>{ "Delete annotation" }</button>
                <button type="button" onclick={unit(&props.on_close)}>{ "Clear selection" }</button>
            </div>
            <p class="hint">
                { "Resize: drag a handle, or Alt+←/→ (start) and Alt+Shift+←/→ (end)." }
            </p>
        </section>
    }
}
