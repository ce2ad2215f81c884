//! The root component: holds the one reducer, runs the hooks that tie it to the browser
//! (effects, autosave, keys, dropped files), and composes the screen.

use crate::browser::{flash, focus};
use crate::components::app_header::AppHeader;
use crate::components::dialogs::Dialogs;
use crate::components::import_dialog::{ImportActions, ImportDialog};
use crate::components::library_dialog::LibraryActions;
use crate::components::storage_banner::{BannerActions, StorageBanner};
use crate::components::update_banner::UpdateBanner;
use crate::components::{
    confirm_dialog::ConfirmDialog, reading_progress::ReadingProgress, status_bar::StatusBar,
    text_input::TextInput, workspace::Workspace,
};
use crate::hooks::{use_autosave, use_effect_runner, use_file_drop, use_shortcuts};
use crate::persist::Persist;
use crate::shared::Shared;
use crate::state::{AppState, Dialog, Msg, Stage};
use annotator_core::app::version::NewVersion;
use annotator_core::app::view;
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
    use_effect_runner(&state, &persist);
    use_autosave(&state, &persist);
    // Where focus was when a dialog opened, to give it back when the dialog closes.
    let opener = use_mut_ref(|| None::<web_sys::HtmlElement>);
    use_shortcuts(&state, &article, &opener);
    // Offline: the service worker, and a new version of the app when one is waiting.
    {
        let ready = state
            .dispatcher()
            .to_callback()
            .reform(|()| Msg::NewVersionReady);
        use_effect_with((), move |_| crate::browser::offline::register(ready));
    }
    // The worker (the suggestion rules, other tools' readers and writers) starts a second after
    // an article first opens (its first screen drawn by then), so the first Suggest does not
    // wait for it to load; the empty page never loads it (src/browser/worker.rs).
    use_effect_with(state.stage == Stage::Annotate, |annotating| {
        if *annotating {
            crate::browser::frame::later(1_000, crate::browser::worker::warm);
        }
    });
    // The tab's title names the open article.
    use_effect_with(state.page_title(), |title| {
        gloo::utils::document().set_title(title)
    });
    // Bring the suggestion in focus into view when another one takes focus (not when its
    // place in the list changes because others were decided).
    {
        let index = view::focused_suggestion(&state);
        use_effect_with(state.suggestion.clone(), move |_| {
            if let Some(i) = index {
                flash::scroll_to_suggestion(i);
            }
        });
    }

    let dispatch = state.dispatcher().to_callback();
    let send = |make: fn() -> Msg| dispatch.reform(move |()| make());
    let on_new = persist.task(|p, ()| p.new_article());
    // Files chosen or dropped; Cancel in their preview gives focus back to where it was.
    let import = {
        let (task, opener) = (persist.task(Persist::import_files), opener.clone());
        Callback::from(move |files| {
            *opener.borrow_mut() = focus::active();
            task.emit(files)
        })
    };
    let (on_drag_over, on_drop) = use_file_drop(&import);
    let on_dialog = {
        let (state, opener) = (state.clone(), opener.clone());
        Callback::from(move |dialog: Dialog| {
            *opener.borrow_mut() = focus::active();
            state.dispatch(Msg::SetDialog(Some(dialog)));
        })
    };
    let close_dialog = {
        let (state, opener) = (state.clone(), opener.clone());
        Callback::from(move |()| {
            state.dispatch(Msg::SetDialog(None));
            focus::restore(opener.borrow_mut().take());
        })
    };

    let doc = &state.doc;
    let body = match state.stage {
        Stage::Input => {
            let draft = state.draft.as_ref();
            let on_annotate = {
                let (state, persist) = (state.clone(), persist.clone());
                Callback::from(move |(title, text): (String, String)| {
                    persist.clear_draft();
                    let new_id = crate::browser::storage::fresh_id();
                    state.dispatch(Msg::Annotate {
                        title,
                        text,
                        new_id,
                    })
                })
            };
            let on_cancel = {
                let (state, persist) = (state.clone(), persist.clone());
                Callback::from(move |()| {
                    persist.clear_draft();
                    state.dispatch(Msg::CancelEdit);
                })
            };
            html! {
                <TextInput
                    initial_title={draft.map_or_else(|| doc.title().unwrap_or_default().to_owned(), |d| d.0.clone())}
                    initial_text={draft.map_or_else(|| doc.text().as_str().to_owned(), |d| d.1.clone())}
                    has_article={!doc.text().is_empty()}
                    {on_annotate}
                    has_error={state.message.as_ref().is_some_and(|m| m.is_error)}
                    on_change={send(|| Msg::ClearError)}
                    on_draft={persist.task(|p, (title, text)| async move { p.draft_changed(title, text) })}
                    {on_cancel}
                />
            }
        }
        Stage::Annotate => html! {
            <Workspace state={state.clone()} article={article.clone()} on_dialog={on_dialog.clone()}
                on_built={persist.task(|p, ()| async move { p.opened() })} />
        },
    };
    let library_actions = LibraryActions {
        open: persist.task(Persist::switch_to),
        rename: dispatch.reform(|(id, title)| Msg::RenameArticle { id, title }),
        delete: dispatch.reform(Msg::DeleteArticle),
        new: on_new.clone(),
        export_all: send(|| Msg::ExportAll),
    };
    let import_actions = ImportActions {
        target: dispatch.reform(|(foreign, choice)| Msg::SetLabelTarget { foreign, choice }),
        mode: dispatch.reform(Msg::SetImportMode),
        destination: dispatch.reform(Msg::SetImportDestination),
        confirm: send(|| Msg::ConfirmImport),
        cancel: {
            let (state, opener) = (state.clone(), opener.clone());
            Callback::from(move |()| {
                state.dispatch(Msg::CancelImport);
                focus::restore(opener.borrow_mut().take());
            })
        },
    };
    let banner_actions = BannerActions {
        export_all: send(|| Msg::ExportAll),
        download_damaged: send(|| Msg::DownloadDamaged),
        edit_here: persist.task(|p, ()| async move { p.ask_hand_over() }),
        take_over: persist.task(|p, ()| async move { p.take_over() }),
        keep_mine: persist.task(|p, ()| async move { p.keep_mine() }),
        take_theirs: persist.task(|p, ()| async move { p.take_theirs() }),
    };

    html! {
        <div class="app" ondragover={on_drag_over} ondrop={on_drop}>
            <AppHeader save_status={state.save_status()}
                title={(state.stage == Stage::Annotate).then(|| AttrValue::from(doc.title().unwrap_or_default().to_owned()))}
                on_retitle={dispatch.reform(Msg::Retitle)}
                on_library={on_dialog.reform(|()| Dialog::Library)}
                on_new={on_new.clone()} on_import={import.clone()} />
            <StorageBanner
                save={state.save.clone()}
                damaged={state.damaged.as_ref().map(|d| AttrValue::from(d.reason.clone()))}
                access={state.access}
                conflict={state.conflict}
                actions={banner_actions}
            />
            if let Some(r) = &state.reading {
                <ReadingProgress name={AttrValue::from(r.name.clone())} done={r.done} total={r.total} />
            }
            if state.new_version != NewVersion::None {
                <UpdateBanner asked={state.new_version == NewVersion::Asked}
                    on_update={send(|| Msg::TakeNewVersion)} />
            }
            <main>
                { body }
                // while annotating, the status line is in the toolbar, where the eye is
                if state.stage == Stage::Input {
                    <StatusBar message={state.message.clone()} />
                }
            </main>
            <Dialogs
                dialog={state.dialog.filter(|d| *d != Dialog::Labels || state.stage == Stage::Annotate)}
                doc={Shared(Rc::clone(doc))}
                library={Rc::clone(&state.library)}
                storage={state.storage}
                current={state.doc_id.clone().map(AttrValue::from)}
                error={state.message.as_ref().filter(|m| m.is_error).map(|m| AttrValue::from(m.text.clone()))}
                on_label_action={dispatch.reform(Msg::EditLabels)}
                on_show={dispatch.reform(Msg::Show)}
                on_export_csv={send(|| Msg::ExportAttribution(crate::browser::clock::now()))}
                on_group={send(|| Msg::GroupSpeakers)}
                {library_actions}
                on_close={close_dialog}
            />
            if let Some(p) = &state.pending {
                <ConfirmDialog
                    title="Replace the text?"
                    body={p.question()}
                    confirm_label="Replace text"
                    on_confirm={send(|| Msg::ConfirmReplace)}
                    on_cancel={send(|| Msg::CancelReplace)}
                />
            }
            if let Some(v) = view::import_dialog(&state) {
                <ImportDialog view={Rc::new(v)} actions={import_actions} />
            }
        </div>
    }
}
