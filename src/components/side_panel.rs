//! The side panel: the suggestions under review, the speaker picker, the selected annotation
//! with its attribution, and the list of annotations. What each part shows is decided in
//! core (`app::view`); this composes the parts and sends their events.

use crate::components::{
    annotation_list::AnnotationList, attribution_panel::AttributionPanel,
    selection_panel::SelectionPanel, speaker_picker::SpeakerPicker,
    suggestion_panel::SuggestionPanel,
};
use crate::hooks::{read_selection, Entities};
use crate::shared::Shared;
use crate::state::{AppState, Msg};
use annotator_core::app::{view, Pick};
use annotator_core::AnnotationId;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`SidePanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The app's state, to read and to send events to.
    pub state: UseReducerHandle<AppState>,
    /// The article, to read the selection from (a cue is marked by selecting it).
    pub article: NodeRef,
    /// The speakers grouped into people.
    pub entities: Rc<Entities>,
    /// Each attributed annotation's speaker name.
    pub speakers: Rc<HashMap<AnnotationId, String>>,
}

/// The panel beside the article.
#[component]
pub fn SidePanel(props: &Props) -> Html {
    let state = &props.state;
    let dispatch = state.dispatcher().to_callback();
    let send = |make: fn() -> Msg| dispatch.reform(move |()| make());
    let doc = &state.doc;
    let suggestions = state.suggestions.as_ref().map(|list| {
        let review = view::review(state);
        html! {
            <SuggestionPanel
                pending={Rc::clone(list)}
                focus={state.suggestion.clone()}
                shown={review.focused}
                choices={Rc::new(review.choices)}
                on_focus={dispatch.reform(Msg::FocusSuggestion)}
                on_accept={dispatch.reform(Msg::AcceptSuggestion)}
                on_reject={dispatch.reform(Msg::RejectSuggestion)}
                on_set_speaker={dispatch.reform(|(key, speaker)| Msg::SetSuggestedSpeaker { key, speaker })}
                on_accept_all={dispatch.reform(Msg::AcceptAll)}
                on_accept_quotes_only={send(|| Msg::AcceptQuotesWithoutSpeakers)}
                on_accept_links={send(|| Msg::AcceptAllLinks)}
                on_accept_everything={send(|| Msg::AcceptEverything)}
                on_reject_all={send(|| Msg::RejectAll)}
                on_close={send(|| Msg::CloseSuggestions)}
            />
        }
    });
    // (the entities are worked out only when the picker or a selected annotation needs them)
    let picker = state
        .picking
        .as_ref()
        .and_then(|_| view::picker(state, props.entities.get()))
        .map(|p| {
            html! {
                <SpeakerPicker key={picker_key(state.picking.as_ref())} title={p.title}
                    options={p.options} on_pick={dispatch.reform(Msg::PickTarget)}
                    on_cancel={send(|| Msg::CancelPick)} />
            }
        });
    let on_set_cue = {
        let (state, article) = (state.clone(), props.article.clone());
        Callback::from(move |()| {
            let sel = read_selection(&article, &state);
            state.dispatch(Msg::SetCue(sel));
            if sel.is_some() {
                crate::browser::selection::clear();
            }
        })
    };
    // The selected annotation's panel. While it shows it follows the selection at once (the
    // same elements patched); when it appears, because nothing was selected before (a create,
    // a click on a highlight), it comes in the task after the frame that shows the edit, with
    // the list's entries: building its note box, menu and buttons was about 2 ms of a
    // create's task and frame, and the highlight, the count and the status line are what the
    // key is pressed for.
    let panel = use_mut_ref(|| Panel::Gone);
    let redraw = use_force_update();
    let wanted = state
        .selected
        .as_ref()
        .and_then(|id| doc.annotation(id))
        .filter(|_| state.picking.is_none());
    if wanted.is_none() {
        *panel.borrow_mut() = Panel::Gone;
    }
    let selected = wanted.filter(|_| arrived(&panel, &redraw)).map(|a| {
        let label = doc.label(a.label);
        html! {
            <SelectionPanel
                id={a.id.clone()}
                label={label.map(|l| l.name.clone()).unwrap_or_default()}
                color={label.map(|l| l.color.clone()).unwrap_or_default()}
                text={doc.annotation_text(a).to_owned()}
                note={a.note.clone().unwrap_or_default()}
                on_note={dispatch.reform(|(id, note)| Msg::SetNote { id, note })}
                on_note_typed={dispatch.reform(|(id, note)| Msg::NoteTyped { id, note })}
                on_annotate_all={send(|| Msg::AnnotateAllSelected)}
                on_delete={send(|| Msg::DeleteSelected)}
                on_close={send(|| Msg::Select(None))}
            >
                if let Some(shown) = view::attribution_of(state, || props.entities.get(), a) {
                    <AttributionPanel {shown}
                        on_kind={dispatch.reform(Msg::SetKind)}
                        {on_set_cue}
                        on_clear_cue={send(|| Msg::ClearCue)}
                        on_attribute={send(|| Msg::StartAttribute)}
                        on_unattribute={send(|| Msg::Unattribute)}
                        on_link={send(|| Msg::StartLink)}
                        on_unlink={send(|| Msg::Unlink)} />
                }
            </SelectionPanel>
        }
    });
    html! {
        <aside class="side" aria-label="Annotations panel">
            { suggestions.unwrap_or_default() }
            { picker.unwrap_or_default() }
            { selected.unwrap_or_default() }
            <AnnotationList
                doc={Shared(Rc::clone(doc))}
                selected={state.selected.clone()}
                speakers={Rc::clone(&props.speakers)}
                on_show={dispatch.reform(Msg::Show)}
                on_delete={dispatch.reform(Msg::Delete)}
            />
        </aside>
    }
}

/// Where the selected annotation's panel is.
#[derive(Clone, Copy, PartialEq)]
enum Panel {
    /// Not in the page: nothing selected.
    Gone,
    /// To be built in the task after the next frame.
    Due,
    /// In the page.
    Shown,
}

/// Whether the panel, wanted now, is to be in the page: yes if it is there already; if not,
/// it is asked for after the next frame (a selection cleared meanwhile cancels it).
fn arrived(panel: &Rc<std::cell::RefCell<Panel>>, redraw: &UseForceUpdateHandle) -> bool {
    let now = *panel.borrow();
    match now {
        Panel::Shown => true,
        Panel::Due => false,
        Panel::Gone => {
            *panel.borrow_mut() = Panel::Due;
            let (panel, redraw) = (Rc::clone(panel), redraw.clone());
            wasm_bindgen_futures::spawn_local(async move {
                crate::browser::frame::after_next_paint().await;
                if *panel.borrow() == Panel::Due {
                    *panel.borrow_mut() = Panel::Shown;
                    redraw.force_update();
                }
            });
            false
        }
    }
}

/// The speaker picker's key: a new pick is a new picker. Written out rather than as the pick's
/// `Debug` text, which brought the derived `Debug` code into the bundle.
fn picker_key(pick: Option<&Pick>) -> String {
    match pick {
        None => String::new(),
        Some(Pick::Speaker(id)) => format!("speaker {id}"),
        Some(Pick::SameAs(id)) => format!("same-as {id}"),
    }
}
