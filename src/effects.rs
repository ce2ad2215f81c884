//! The one effect runner: carries out what core's `update` asked for and tells the app how it
//! went, as an event. Nothing here decides anything.

use crate::browser::{clipboard, download, flash, frame, memory, worker};
use crate::persist::Persist;
use crate::state::{AppState, Msg};
use annotator_core::app::Effect;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::UseReducerDispatcher;

/// Carries out `effect`, sending any result back through `dispatch`.
pub fn run(effect: Effect, dispatch: &UseReducerDispatcher<AppState>, persist: &Rc<Persist>) {
    match effect {
        Effect::Download {
            name,
            mime,
            bytes,
            said,
        } => {
            let ok = download::download_bytes(&name, &bytes, mime).is_ok();
            dispatch.dispatch(Msg::Downloaded { said, ok });
        }
        Effect::Copy(text) => {
            let dispatch = dispatch.clone();
            spawn_local(async move {
                let result = clipboard::write_text(&text).await;
                dispatch.dispatch(Msg::Copied(result));
            });
        }
        Effect::ScrollTo(id) => flash::scroll_to(id.as_str()),
        Effect::RenameStored { id, title } => {
            let persist = Rc::clone(persist);
            spawn_local(persist.rename(id, title));
        }
        Effect::DeleteStored(id) => spawn_local(Rc::clone(persist).delete(id)),
        Effect::Release => persist.let_go(),
        Effect::FocusIfLost(target) => crate::browser::focus::focus_if_lost(target),
        Effect::FocusOn(target) => crate::browser::focus::focus_on(target),
        Effect::TakeNewVersion => crate::browser::offline::take_new_version(),
        Effect::GatherLibrary => spawn_local(Rc::clone(persist).gather()),
        Effect::StoreImports(batches) => spawn_local(Rc::clone(persist).store_imports(batches)),
        Effect::RememberLabels(pairs) => memory::set_labels(&pairs),
        Effect::RememberTheme(theme) => crate::browser::theme::remember(theme),
        Effect::Yield(event) => {
            let dispatch = dispatch.clone();
            spawn_local(async move {
                frame::next_task().await;
                dispatch.dispatch(*event);
            });
        }
        Effect::FindSuggestions { request, text } => {
            let dispatch = dispatch.clone();
            worker::find(text, move |found| {
                dispatch.dispatch(Msg::SuggestionsFound { request, found });
            });
        }
        Effect::ReadFiles {
            request,
            files,
            open_text,
        } => {
            let dispatch = dispatch.clone();
            worker::read(files, open_text, move |read| {
                dispatch.dispatch(Msg::FilesFound { request, read });
            });
        }
        Effect::WriteExport {
            request,
            format,
            json,
            base,
            id,
        } => {
            let dispatch = dispatch.clone();
            worker::export(format, json, base, id, move |bytes| {
                dispatch.dispatch(Msg::ExportWritten { request, bytes });
            });
        }
        Effect::Later { ms, event } => {
            let dispatch = dispatch.clone();
            frame::later(ms, move || dispatch.dispatch(*event));
        }
    }
}
