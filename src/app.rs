//! The root component: holds the one reducer, turns key presses into messages, and carries out
//! the effects (reading the DOM selection, download, clipboard, scrolling, caret) that
//! messages can't.

use crate::browser::{flash, focus, selection};
use crate::components::app_header::AppHeader;
use crate::components::attribution_panel::AttributionPanel;
use crate::components::dialogs::Dialogs;
use crate::components::library_dialog::LibraryActions;
use crate::components::storage_banner::StorageBanner;
use crate::components::{
    annotation_list::AnnotationList, article_view::ArticleView, confirm_dialog::ConfirmDialog,
    selection_panel::SelectionPanel, speaker_picker::SpeakerPicker, status_bar::StatusBar,
    suggestion_panel::SuggestionPanel, text_input::TextInput, toolbar::Toolbar,
};
use crate::hooks::{
    read_selection, settle_selection, use_autosave, use_effect_runner, use_file_drop,
    use_shortcuts, use_speakers,
};
use crate::persist::Persist;
use crate::state::{AppState, Dialog, Msg, Stage};
use annotator_core::app::view;
use annotator_core::LabelId;
use std::rc::Rc;
use yew::prelude::*;

/// The whole app.
#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    let article = use_node_ref();
    // The latest state, for listeners and timers that outlive renders.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    crate::browser::panic::remember(Rc::clone(&state.doc));
    let persist = {
        let (dispatcher, latest) = (state.dispatcher(), latest.clone());
        (*use_memo((), move |_| Persist::new(dispatcher, latest))).clone()
    };

    // Carry out what events asked for; save as the article changes and as the page goes.
    use_effect_runner(&state);
    use_autosave(&state, &persist);
    // Where focus was when a dialog opened, to give it back when the dialog closes.
    let opener = use_mut_ref(|| None::<web_sys::HtmlElement>);
    use_shortcuts(&state, &article, &opener);

    // A component's `Callback<()>` that sends one message.
    let dispatch = state.dispatcher().to_callback();
    let send = |make: fn() -> Msg| dispatch.reform(move |()| make());
    // Bring the suggestion in focus into view.
    {
        use_effect_with(view::focused_suggestion(&state), |index| {
            if let Some(i) = *index {
                flash::scroll_to_suggestion(i);
            }
        });
    }
    let on_annotate = {
        let (state, persist) = (state.clone(), persist.clone());
        Callback::from(move |(title, text): (String, String)| {
            persist.clear_draft();
            state.dispatch(Msg::Annotate {
                title,
                text,
                new_id: crate::browser::storage::fresh_id(),
            })
        })
    };
    let on_draft = {
        let persist = persist.clone();
        Callback::from(move |(title, text): (String, String)| persist.draft_changed(title, text))
    };
    // Library and file effects: each runs at the edge and reports back with a message.
    let on_new = persist.task(|p, ()| p.new_article());
    let on_export_all = persist.task(|p, ()| p.export_all());
    let import = persist.task(Persist::import_files);
    let (on_drag_over, on_drop) = use_file_drop(&import);
    let on_label = {
        let state = state.clone();
        let article = article.clone();
        Callback::from(move |label: LabelId| {
            let sel = read_selection(&article, &state);
            state.dispatch(Msg::Label {
                label,
                selection: sel,
            });
            settle_selection(&article, sel);
        })
    };
    let on_snap = dispatch.reform(Msg::SetSnap);
    let on_export = dispatch.reform(Msg::Export);
    let on_copy = send(|| Msg::CopyJson);
    let on_show = dispatch.reform(Msg::Show);
    let on_delete = dispatch.reform(Msg::Delete);
    let on_click_annotations = dispatch.reform(Msg::ClickAnnotations);
    let on_resize = dispatch.reform(|(id, edge, at)| Msg::ResizeTo { id, edge, at });
    let on_note = dispatch.reform(|(id, note)| Msg::SetNote { id, note });
    let open_dialog = |dialog: Dialog| {
        let state = state.clone();
        let opener = opener.clone();
        Callback::from(move |()| {
            *opener.borrow_mut() = focus::active();
            state.dispatch(Msg::SetDialog(Some(dialog)));
        })
    };
    let close_dialog = {
        let state = state.clone();
        let opener = opener.clone();
        Callback::from(move |()| {
            state.dispatch(Msg::SetDialog(None));
            focus::restore(opener.borrow_mut().take());
        })
    };

    let doc = &state.doc;
    let labels: Rc<[annotator_core::Label]> = doc.labels().into();
    // Entities and each quote's speaker name, for every component.
    let (entities, speakers) = use_speakers(doc);
    let on_set_cue = {
        let (state, article) = (state.clone(), article.clone());
        Callback::from(move |()| {
            let sel = read_selection(&article, &state);
            state.dispatch(Msg::SetCue(sel));
            if sel.is_some() {
                selection::clear();
            }
        })
    };
    let picker = view::picker(&state, &entities).map(|p| {
        html! {
            <SpeakerPicker key={format!("{:?}", state.picking)} title={p.title}
                options={p.options} on_pick={dispatch.reform(Msg::PickTarget)}
                on_cancel={send(|| Msg::CancelPick)} />
        }
    });
    let selected = state
        .selected
        .as_ref()
        .and_then(|id| doc.annotation(id))
        .filter(|_| state.picking.is_none())
        .map(|a| {
            let label = doc.label(a.label);
            html! {
                <SelectionPanel
                    key={a.id.as_str()}
                    id={a.id.clone()}
                    label={label.map(|l| l.name.clone()).unwrap_or_default()}
                    color={label.map(|l| l.color.clone()).unwrap_or_default()}
                    text={doc.annotation_text(a).to_owned()}
                    note={a.note.clone().unwrap_or_default()}
                    {on_note}
                    on_note_typed={dispatch.reform(|(id, note)| Msg::NoteTyped { id, note })}
                    on_annotate_all={send(|| Msg::AnnotateAllSelected)}
                    on_delete={send(|| Msg::DeleteSelected)}
                    on_close={send(|| Msg::Select(None))}
                >
                    if let Some(shown) = view::attribution_of(&state, &entities, a) {
                        <AttributionPanel {shown}
                            on_kind={dispatch.reform(Msg::SetKind)}
                            on_set_cue={on_set_cue.clone()}
                            on_clear_cue={send(|| Msg::ClearCue)}
                            on_attribute={send(|| Msg::StartAttribute)}
                            on_unattribute={send(|| Msg::Unattribute)}
                            on_link={send(|| Msg::StartLink)}
                            on_unlink={send(|| Msg::Unlink)} />
                    }
                </SelectionPanel>
            }
        });
    let suggestion_panel = match &state.suggestions {
        Some(list) => {
            html! {
                <SuggestionPanel
                    pending={Rc::clone(list)}
                    focus={state.suggestion.clone()}
                    texts={Rc::new(view::suggestion_texts(&state))}
                    on_focus={dispatch.reform(Msg::FocusSuggestion)}
                    on_accept={dispatch.reform(Msg::AcceptSuggestion)}
                    on_reject={dispatch.reform(Msg::RejectSuggestion)}
                    on_accept_all={dispatch.reform(Msg::AcceptAll)}
                    on_reject_all={send(|| Msg::RejectAll)}
                    on_close={send(|| Msg::CloseSuggestions)}
                />
            }
        }
        None => Html::default(),
    };
    let focused_suggestion = view::focused_suggestion(&state);
    let suggested = Rc::new(view::suggestions_drawn(&state));
    let body = match state.stage {
        Stage::Input => html! {
            <TextInput
                initial_title={state.draft.as_ref().map_or_else(|| doc.title().unwrap_or_default().to_owned(), |d| d.0.clone())}
                initial_text={state.draft.as_ref().map_or_else(|| doc.text().as_str().to_owned(), |d| d.1.clone())}
                has_article={!doc.text().is_empty()}
                {on_annotate}
                {on_draft}
                on_cancel={{
                    let (state, persist) = (state.clone(), persist.clone());
                    Callback::from(move |()| {
                        persist.clear_draft();
                        state.dispatch(Msg::CancelEdit);
                    })
                }}
            />
        },
        Stage::Annotate => html! {
            <>
                <Toolbar
                    labels={Rc::clone(&labels)}
                    snap_words={state.snap_words}
                    {on_label} {on_snap} {on_export} {on_copy}
                    on_edit={send(|| Msg::EditText)}
                    undo={state.history.undo_name().map(|s| AttrValue::from(s.to_owned()))}
                    redo={state.history.redo_name().map(|s| AttrValue::from(s.to_owned()))}
                    on_undo={send(|| Msg::Undo)}
                    on_redo={send(|| Msg::Redo)}
                    on_labels={open_dialog(Dialog::Labels)}
                    on_who={open_dialog(Dialog::WhoSaidWhat)}
                    on_suggest={send(|| Msg::Suggest)}
                    on_help={open_dialog(Dialog::Help)}
                />
                <div class="workspace">
                    <ArticleView
                        doc={Rc::clone(&state.doc)}
                        selected={state.selected.clone()}
                        flash={state.flash.as_ref().map(|(id, _)| id.clone())}
                        node_ref={article.clone()}
                        {on_click_annotations}
                        {on_resize}
                        {suggested}
                        {focused_suggestion}
                        speakers={speakers.clone()}
                        opened={state.opened}
                        on_built={{
                            let persist = persist.clone();
                            Callback::from(move |()| persist.opened())
                        }}
                        on_click_suggestion={dispatch.reform(Msg::ClickSuggestion)}
                    />
                    <aside class="side" aria-label="Annotations panel">
                        { suggestion_panel }
                        { picker.unwrap_or_default() }
                        { selected.unwrap_or_default() }
                        <AnnotationList
                            doc={Rc::clone(&state.doc)}
                            selected={state.selected.clone()}
                            speakers={speakers.clone()}
                            on_show={on_show.clone()} {on_delete}
                        />
                    </aside>
                </div>
            </>
        },
    };
    let dialog = html! {
        <Dialogs
            dialog={state.dialog.filter(|d| *d != Dialog::Labels || state.stage == Stage::Annotate)}
            doc={Rc::clone(&state.doc)}
            library={Rc::clone(&state.library)}
            storage={state.storage}
            current={state.doc_id.clone().map(AttrValue::from)}
            error={state.message.as_ref().filter(|m| m.is_error).map(|m| AttrValue::from(m.text.clone()))}
            on_label_action={dispatch.reform(Msg::EditLabels)}
            on_show={on_show.clone()}
            on_export_csv={send(|| Msg::ExportAttribution)}
            library_actions={LibraryActions {
                open: persist.task(Persist::switch_to),
                rename: persist.task(|p, (id, title)| p.rename(id, title)),
                delete: persist.task(Persist::delete),
                new: on_new.clone(),
                export_all: on_export_all.clone(),
            }}
            on_close={close_dialog.clone()}
        />
    };

    let banner = {
        let p = |f: fn(&Rc<Persist>)| {
            let persist = persist.clone();
            Callback::from(move |()| f(&persist))
        };
        let on_download_damaged = {
            let (persist, damaged) = (persist.clone(), state.damaged.clone());
            Callback::from(move |()| {
                if let Some(d) = &damaged {
                    persist.download_damaged(d);
                }
            })
        };
        html! {
            <StorageBanner
                save={state.save.clone()}
                damaged={state.damaged.as_ref().map(|d| AttrValue::from(d.reason.clone()))}
                access={state.access}
                conflict={state.conflict}
                on_export_all={on_export_all.clone()}
                {on_download_damaged}
                on_edit_here={p(|p| p.ask_hand_over())}
                on_take_over={p(|p| p.take_over())}
                on_keep_mine={p(|p| p.keep_mine())}
                on_take_theirs={p(|p| p.take_theirs())}
            />
        }
    };

    html! {
        <div class="app" ondragover={on_drag_over} ondrop={on_drop}>
            <AppHeader save_status={state.save_status()} on_library={open_dialog(Dialog::Library)}
                on_new={on_new.clone()} on_import={import.clone()} />
            { banner }
            <main>
                { body }
                <StatusBar message={state.message.clone()} />
            </main>
            { dialog }
            if let Some(p) = &state.pending {
                <ConfirmDialog
                    title="Replace the text?"
                    body={p.question()}
                    confirm_label="Replace text"
                    on_confirm={send(|| Msg::ConfirmReplace)}
                    on_cancel={send(|| Msg::CancelReplace)}
                />
            }
        </div>
    }
}
