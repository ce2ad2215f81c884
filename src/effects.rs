//! The one effect runner: carries out what core's `update` asked for and tells the app how it
//! went, as an event. Nothing here decides anything.

use crate::browser::{clipboard, download, flash, frame};
use crate::state::{AppState, Msg};
use annotator_core::app::Effect;
use yew::UseReducerDispatcher;

/// Carries out `effect`, sending any result back through `dispatch`.
pub fn run(effect: Effect, dispatch: &UseReducerDispatcher<AppState>) {
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
            wasm_bindgen_futures::spawn_local(async move {
                let result = clipboard::write_text(&text).await;
                dispatch.dispatch(Msg::Copied(result));
            });
        }
        Effect::ScrollTo(id) => flash::scroll_to(id.as_str()),
        Effect::Later { ms, event } => {
            let dispatch = dispatch.clone();
            frame::later(ms, move || dispatch.dispatch(*event));
        }
    }
}
