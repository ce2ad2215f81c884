//! The effects of autosave and the library, carried out at the edge: each function does the
//! storage or file work, then tells the reducer what happened with a message.

use crate::browser::storage::{journal, Store};
use crate::browser::{download, frame};
use crate::state::{AppState, Damaged, Msg};
use annotator_core::formats::v1;
use annotator_core::library::{summarize, Summary};
use annotator_core::{session, Document, History};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use yew::UseReducerDispatcher;

/// The open database, shared by the app's callbacks (none until opened, or when unavailable).
pub type StoreCell = Rc<RefCell<Option<Store>>>;

/// The largest file an import reads, in bytes.
pub const MAX_IMPORT_BYTES: f64 = 50.0 * 1024.0 * 1024.0;

/// A fresh storage id: the time in base 16 and a random suffix.
pub fn fresh_id() -> String {
    format!(
        "d{:x}{:04x}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 65_536.0) as u32
    )
}

fn store_of(cell: &StoreCell) -> Option<Store> {
    cell.borrow().clone()
}

/// Opens storage, lists the library and reopens the article that was open last time.
pub async fn start(cell: StoreCell, dispatch: UseReducerDispatcher<AppState>) {
    let store = match Store::open().await {
        Ok(s) => s,
        Err(e) => {
            dispatch.dispatch(Msg::StorageOff(e));
            return;
        }
    };
    *cell.borrow_mut() = Some(store.clone());
    take_over_journal(&store).await;
    match store.summaries().await {
        Ok(list) => dispatch.dispatch(Msg::LibraryLoaded(list)),
        Err(e) => dispatch.dispatch(Msg::StorageOff(e)),
    }
    if let Ok(Some(id)) = store.current().await {
        open(&store, &id, true, &dispatch).await;
    }
}

/// Moves a record journalled as the page went away into IndexedDB, where it is newer than (or
/// as new as) what was saved there.
async fn take_over_journal(store: &Store) {
    let Some((id, record)) = journal::read() else {
        return;
    };
    if let Ok(r) = session::load(&record) {
        let previous = store
            .summaries()
            .await
            .ok()
            .and_then(|list| list.into_iter().find(|s| s.id == id));
        let summary = summarize(&id, &r.doc, previous.as_ref(), js_sys::Date::now());
        if store.save(&id, &record, &summary).await.is_err() {
            return; // keep the journal for the next start
        }
    }
    journal::clear();
}

/// Saves what is on screen synchronously to the journal, as the page goes away, then starts
/// the ordinary IndexedDB save too.
pub fn save_on_leave(
    cell: &StoreCell,
    state: Rc<AppState>,
    dispatch: UseReducerDispatcher<AppState>,
) {
    if let Some(id) = &state.doc_id {
        if state.saved_revision < state.revision {
            let record = session::save_with(&state.doc, &state.history, &state.rejected);
            journal::write(id, state.revision, &record);
        }
    }
    let cell = cell.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if save(&cell, &state, &dispatch).await {
            journal::clear();
        }
    });
}

/// Reads a saved article and shows it; damaged data is reported and kept.
async fn open(
    store: &Store,
    id: &str,
    only_if_empty: bool,
    dispatch: &UseReducerDispatcher<AppState>,
) {
    match store.load(id).await {
        Ok(Some(raw)) => match session::load(&raw) {
            Ok(r) => dispatch.dispatch(Msg::Restore {
                id: id.to_owned(),
                doc: Box::new(r.doc),
                history: r.history,
                notices: r.notices,
                rejected: r.rejected,
                only_if_empty,
            }),
            Err(e) => dispatch.dispatch(Msg::FoundDamaged(Damaged {
                id: id.to_owned(),
                reason: e.to_string(),
                raw: Rc::new(raw),
            })),
        },
        Ok(None) => {}
        Err(e) => dispatch.dispatch(Msg::SaveFailed(e)),
    }
}

/// Saves the article on screen now. Returns whether it worked.
pub async fn save(
    cell: &StoreCell,
    state: &AppState,
    dispatch: &UseReducerDispatcher<AppState>,
) -> bool {
    let Some(id) = state.doc_id.clone() else {
        return true;
    };
    let Some(store) = store_of(cell) else {
        return false;
    };
    // No "Saving" message: the header already says "Saving…" while the revision on screen is
    // newer than the one saved, and a message would cost a render of the whole app.
    let record = session::save_with(&state.doc, &state.history, &state.rejected);
    let previous = state.library.iter().find(|s| s.id == id);
    let summary = summarize(&id, &state.doc, previous, js_sys::Date::now());
    match store.save(&id, &record, &summary).await {
        Ok(()) => {
            dispatch.dispatch(Msg::Saved {
                revision: state.revision,
                summary,
            });
            true
        }
        Err(e) => {
            dispatch.dispatch(Msg::SaveFailed(e));
            false
        }
    }
}

/// Saves what is on screen, then opens another saved article.
pub async fn switch_to(
    cell: StoreCell,
    state: Rc<AppState>,
    id: String,
    dispatch: UseReducerDispatcher<AppState>,
) {
    save(&cell, &state, &dispatch).await;
    if let Some(store) = store_of(&cell) {
        open(&store, &id, false, &dispatch).await;
        let _ = store.set_current(&id).await;
    }
}

/// Saves what is on screen, then starts a new article.
pub async fn new_article(
    cell: StoreCell,
    state: Rc<AppState>,
    dispatch: UseReducerDispatcher<AppState>,
) {
    save(&cell, &state, &dispatch).await;
    dispatch.dispatch(Msg::NewArticle);
}

/// Renames a saved article; the open one is renamed through the reducer (undoable).
pub async fn rename(
    cell: StoreCell,
    state: Rc<AppState>,
    id: String,
    title: String,
    dispatch: UseReducerDispatcher<AppState>,
) {
    if state.doc_id.as_deref() == Some(id.as_str()) {
        dispatch.dispatch(Msg::Retitle(title));
        return;
    }
    let Some(store) = store_of(&cell) else { return };
    let result = async {
        let raw = store.load(&id).await?.ok_or("it is no longer saved")?;
        let record = session::retitle(&raw, &title).map_err(|e| e.to_string())?;
        let restored = session::load(&record).map_err(|e| e.to_string())?;
        let previous = state.library.iter().find(|s| s.id == id);
        let summary = summarize(&id, &restored.doc, previous, js_sys::Date::now());
        store.save(&id, &record, &summary).await?;
        // Saving made it current; the open article stays current.
        if let Some(open) = &state.doc_id {
            store.set_current(open).await?;
        }
        store.summaries().await
    }
    .await;
    match result {
        Ok(list) => {
            dispatch.dispatch(Msg::LibraryLoaded(list));
            dispatch.dispatch(Msg::Notify {
                text: format!("Renamed to “{}”.", title.trim()),
                is_error: false,
            });
        }
        Err(e) => dispatch.dispatch(Msg::Notify {
            text: format!("Could not rename: {e}."),
            is_error: true,
        }),
    }
}

/// Deletes a saved article (the open one is replaced by a new, empty article).
pub async fn delete(
    cell: StoreCell,
    state: Rc<AppState>,
    id: String,
    dispatch: UseReducerDispatcher<AppState>,
) {
    let Some(store) = store_of(&cell) else { return };
    let title = state
        .library
        .iter()
        .find(|s| s.id == id)
        .map(|s| s.title.clone())
        .unwrap_or_default();
    match store.delete(&id).await {
        Ok(()) => {
            if state.doc_id.as_deref() == Some(id.as_str()) {
                dispatch.dispatch(Msg::NewArticle);
            }
            if let Ok(list) = store.summaries().await {
                dispatch.dispatch(Msg::LibraryLoaded(list));
            }
            dispatch.dispatch(Msg::Notify {
                text: format!("Deleted “{title}”."),
                is_error: false,
            });
        }
        Err(e) => dispatch.dispatch(Msg::Notify {
            text: format!("Could not delete: {e}."),
            is_error: true,
        }),
    }
}

/// Every article: the one on screen as it is now, and the others as saved.
async fn all_documents(cell: &StoreCell, state: &AppState) -> Vec<Document> {
    let mut docs = Vec::new();
    let current = state.doc_id.clone();
    if !state.doc.text().is_empty() {
        docs.push((*state.doc).clone());
    }
    if let Some(store) = store_of(cell) {
        let mut list: Vec<Summary> = state.library.iter().cloned().collect();
        annotator_core::sort::sort_by(&mut list, |a, b| a.created.total_cmp(&b.created));
        for s in list.iter().filter(|s| Some(&s.id) != current.as_ref()) {
            if let Ok(Some(raw)) = store.load(&s.id).await {
                if let Ok(r) = session::load(&raw) {
                    docs.push(r.doc);
                }
            }
        }
    }
    docs
}

/// Downloads the whole library as JSONL, one v1 document a line.
pub async fn export_all(
    cell: StoreCell,
    state: Rc<AppState>,
    dispatch: UseReducerDispatcher<AppState>,
) {
    let docs = all_documents(&cell, &state).await;
    let jsonl = annotator_core::formats::jsonl::export_library(&docs);
    let (text, is_error) =
        match download::download_text("article-library.jsonl", &jsonl, "application/jsonl") {
            Ok(()) => (
                format!(
                    "Exported {} article{} to article-library.jsonl.",
                    docs.len(),
                    if docs.len() == 1 { "" } else { "s" }
                ),
                false,
            ),
            Err(_) => ("The browser refused the download.".to_owned(), true),
        };
    dispatch.dispatch(Msg::Notify { text, is_error });
}

/// Reads a dropped or chosen file and adds its articles to the library, opening the first.
/// A file that fails to import changes nothing.
pub async fn import_file(
    cell: StoreCell,
    state: Rc<AppState>,
    file: web_sys::File,
    dispatch: UseReducerDispatcher<AppState>,
) {
    let name = file.name();
    let fail = |why: String| Msg::Notify {
        text: format!("Could not import {name}: {why}. Nothing was changed."),
        is_error: true,
    };
    if file.size() > MAX_IMPORT_BYTES {
        // whole megabytes as integers: formatting a float costs about 10 kB of wasm
        let mb = |bytes: f64| (bytes / 1_048_576.0).round() as u64;
        dispatch.dispatch(fail(format!(
            "it is {} MB and the most this app imports is {} MB",
            mb(file.size()),
            mb(MAX_IMPORT_BYTES)
        )));
        return;
    }
    let text = match JsFuture::from(file.text()).await {
        Ok(t) => t.as_string().unwrap_or_default(),
        Err(_) => {
            dispatch.dispatch(fail("the browser could not read it".to_owned()));
            return;
        }
    };
    let parsed: Result<(Vec<Document>, Vec<String>), String> =
        if name.to_lowercase().ends_with(".jsonl") {
            annotator_core::formats::jsonl::import_library(&text)
                .map(|docs| (docs, Vec::new()))
                .map_err(|e| e.to_string())
        } else {
            v1::import_json_lenient(&text)
                .map(|i| (vec![i.doc], i.notices))
                .map_err(|e| e.to_string())
        };
    let (docs, notices) = match parsed {
        Ok(x) if x.0.is_empty() => {
            dispatch.dispatch(fail("it holds no article".to_owned()));
            return;
        }
        Ok(x) => x,
        Err(e) => {
            dispatch.dispatch(fail(e));
            return;
        }
    };
    save(&cell, &state, &dispatch).await;
    let n = docs.len();
    let ids: Vec<String> = docs.iter().map(|_| fresh_id()).collect();
    let mut notices = notices;
    notices.insert(
        0,
        format!(
            "Imported {name}{}.",
            if n > 1 {
                format!(" ({n} articles, all in the library)")
            } else {
                String::new()
            }
        ),
    );
    // Shown first, stored after that frame: the file is still on disk meanwhile, and storing
    // 10,000 annotations costs tens of milliseconds the first screen need not wait for. An
    // edit's autosave comes 300 ms after it, so the first record is in place long before.
    dispatch.dispatch(Msg::Restore {
        id: ids[0].clone(),
        doc: Box::new(docs[0].clone()),
        history: History::default(),
        notices,
        rejected: Vec::new(),
        only_if_empty: false,
    });
    let Some(store) = store_of(&cell) else {
        return;
    };
    frame::after_next_paint().await;
    for (doc, id) in docs.iter().zip(&ids) {
        let record = session::save(doc, &History::default());
        let summary = summarize(id, doc, None, js_sys::Date::now());
        if let Err(e) = store.save(id, &record, &summary).await {
            dispatch.dispatch(Msg::SaveFailed(e));
        }
    }
    if let Ok(list) = store.summaries().await {
        dispatch.dispatch(Msg::LibraryLoaded(list));
    }
}

/// Downloads saved data that could not be read, as it is.
pub fn download_damaged(d: &Damaged) -> Msg {
    match download::download_text(
        &format!("damaged-{}.json", d.id),
        &d.raw,
        "application/json",
    ) {
        Ok(()) => Msg::Notify {
            text: "Downloaded the saved data as it was found.".to_owned(),
            is_error: false,
        },
        Err(_) => Msg::Notify {
            text: "The browser refused the download.".to_owned(),
            is_error: true,
        },
    }
}
