//! Carrying out effects, and keeping the article saved: the hooks that tie the app's state to
//! storage and the browser.

use crate::persist::Persist;
use crate::state::{AppState, Dialog};
use gloo::events::EventListener;
use std::rc::Rc;
use yew::prelude::*;

/// Carries out what the last events asked for (download, clipboard, scroll, timers, storage), after
/// each render.
#[hook]
pub fn use_effect_runner(state: &UseReducerHandle<AppState>, persist: &Rc<Persist>) {
    let (state, persist) = (state.clone(), persist.clone());
    use_effect(move || {
        let dispatch = state.dispatcher();
        for effect in state.take_effects() {
            crate::effects::run(effect, &dispatch, &persist);
        }
    });
}

/// Opens storage and reopens the last article once; saves after every change (300 ms after the
/// last, at least once a second while changes go on) and as the page goes away; reads the
/// storage figures each time the library opens.
#[hook]
pub fn use_autosave(state: &UseReducerHandle<AppState>, persist: &Rc<Persist>) {
    // Open storage and reopen the last article, once.
    {
        let persist = persist.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(persist.start());
        });
    }
    // Autosave: every change schedules a save (300 ms after the last change, at least once a
    // second while changes go on). The same effect lays the page out after each edit (its own
    // effect cost 0.4 kB of the bundle's last 0.8).
    {
        let persist = persist.clone();
        use_effect_with(
            (state.revision, state.doc_id.clone()),
            move |(revision, id)| {
                // The page is laid out now, in the task of the edit, rather than in the frame
                // that shows it: a key pressed while frames are running (a scroll) waits for the
                // next one anyway, and that frame then only paints. After a pause the browser
                // draws at once and this only moves the work (no difference measured either way).
                // (Reading a size is what makes the browser lay out.)
                if *revision > 0 {
                    let _ = gloo::utils::body().offset_height();
                }
                if *revision > 0 && id.is_some() {
                    persist.edited();
                }
            },
        );
    }
    // Leaving the page (or hiding it, the last sure moment on a phone) saves what is unsaved.
    {
        let persist = persist.clone();
        use_effect_with((), move |_| {
            let on_hide = {
                let persist = persist.clone();
                EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                    if gloo::utils::document().hidden() {
                        persist.leave();
                    }
                })
            };
            let on_pagehide =
                EventListener::new(&gloo::utils::window(), "pagehide", move |_| persist.leave());
            move || drop((on_hide, on_pagehide))
        });
    }
    // The library shows what storage holds: read it each time the library opens.
    {
        let persist = persist.clone();
        use_effect_with(state.dialog == Some(Dialog::Library), move |open| {
            if *open {
                wasm_bindgen_futures::spawn_local(persist.storage_info());
            }
        });
    }
}
