//! Autosave storage in IndexedDB.
//!
//! IndexedDB rather than localStorage: localStorage holds about 5 MB per origin and writes
//! synchronously on the main thread, while one long article with its undo history can pass
//! that, and the library holds many. Three stores: `documents` (id → the saved record: a
//! `Blob` of its JSON's UTF-8 bytes, or a JSON string as records were stored before), `summaries` (id → what the library list shows, with the record's revision) and
//! `meta` (`current` → the open id, `draft` → text being pasted). A save writes the record and
//! its summary in one transaction, and only if the stored revision is the one the tab expects
//! (checked inside that transaction), so no tab overwrites work it has not seen.

use super::wait::{first_event, Fired, Slot};
use annotator_core::autosave::{may_write, Write, WriteOutcome};
use annotator_core::library::Summary;
use gloo::events::EventListener;
use serde::Deserialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

const DB_NAME: &str = "article-annotator";
const DB_VERSION: u32 = 1;
const DOCUMENTS: &str = "documents";
const SUMMARIES: &str = "summaries";
const META: &str = "meta";
const CURRENT: &str = "current";
pub use annotator_core::app::error::{StorageError, OPEN_TIMEOUT_MS};

/// A record as it is stored: a `Blob` of its UTF-8 bytes. Storing a `Blob` costs the page a
/// copy of the bytes; storing a string cost a UTF-8 decode into a JavaScript string and then
/// the string's serialisation inside `put`, together a fifth of a second at a book's 18 MB.
pub fn record_value(record: &str) -> Result<JsValue, StorageError> {
    bytes_part(record.as_bytes())
}

/// A part of a `Blob`: a `Blob` of a copy of `bytes`, made now.
pub fn bytes_part(bytes: &[u8]) -> Result<JsValue, StorageError> {
    super::download::blob_of_bytes(bytes, "")
        .map(JsValue::from)
        .map_err(|e| describe(&e))
}

/// A `Blob` of parts (`Blob`s or byte arrays), joined without copying the `Blob` parts.
pub fn blob_of(parts: &[JsValue]) -> Result<JsValue, StorageError> {
    let list: js_sys::Array = parts.iter().collect();
    web_sys::Blob::new_with_blob_sequence(&list)
        .map(JsValue::from)
        .map_err(|e| describe(&e))
}

/// The text of a stored record: a `Blob` read as UTF-8, or a string as stored.
async fn record_text(value: JsValue) -> Result<Option<String>, StorageError> {
    let Some(blob) = value.dyn_ref::<web_sys::Blob>() else {
        return Ok(value.as_string());
    };
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .map_err(|e| describe(&e))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| StorageError::Failed("the stored record is not UTF-8 text".into()))
}

/// The error IndexedDB threw or reported, in our terms.
fn describe(e: &JsValue) -> StorageError {
    let name = if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        (ex.name(), ex.message())
    } else if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        (err.name().into(), err.message().into())
    } else {
        return StorageError::Failed(e.as_string().unwrap_or_else(|| "no reason given".into()));
    };
    match name.0.as_str() {
        "QuotaExceededError" => StorageError::Full,
        _ => StorageError::Failed(format!("{}: {}", name.0, name.1.trim_end_matches('.'))),
    }
}

/// The revision in a stored summary (0 for summaries written before revisions existed).
fn revision_of(summary: &JsValue) -> Option<u64> {
    #[derive(Deserialize)]
    struct Rev {
        #[serde(default)]
        revision: u64,
    }
    let text = summary.as_string()?;
    Some(serde_json::from_str::<Rev>(&text).map_or(0, |r| r.revision))
}

/// An open database.
#[derive(Clone, Debug)]
pub struct Store {
    db: IdbDatabase,
    /// Set when another tab upgraded the database and this connection was closed.
    closed: Rc<RefCell<bool>>,
    _on_version_change: Rc<EventListener>,
}

impl Store {
    /// Opens (creating on first use) the database, within [`OPEN_TIMEOUT_MS`]. `on_replaced`
    /// runs if another tab later opens a newer version (this connection is closed then, so
    /// it never blocks that upgrade).
    pub async fn open(on_replaced: impl Fn() + 'static) -> Result<Store, StorageError> {
        let factory = gloo::utils::window()
            .indexed_db()
            .map_err(|e| describe(&e))?
            .ok_or(StorageError::Unavailable)?;
        let req = factory
            .open_with_u32(DB_NAME, DB_VERSION)
            .map_err(|e| describe(&e))?;
        let upgrading = req.clone();
        let _on_upgrade = EventListener::new(&req, "upgradeneeded", move |_| {
            if let Ok(db) = upgrading.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
                let names = db.object_store_names();
                for name in [DOCUMENTS, SUMMARIES, META] {
                    if !names.contains(name) {
                        let _ = db.create_object_store(name);
                    }
                }
            }
        });
        let blocked = Rc::new(RefCell::new(false));
        let _on_blocked = {
            let blocked = blocked.clone();
            EventListener::new(&req, "blocked", move |_| *blocked.borrow_mut() = true)
        };
        let request: &IdbRequest = req.as_ref();
        match first_event(request, &["success", "error"], Some(OPEN_TIMEOUT_MS)).await {
            Fired::Event("success") => {}
            Fired::TimedOut => {
                // If it opens later, close it at once: this tab has gone on without it.
                let late = req.clone();
                let closer = EventListener::once(&req, "success", move |_| {
                    if let Ok(db) = late.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
                        db.close();
                    }
                });
                closer.forget();
                return Err(if *blocked.borrow() {
                    StorageError::Blocked
                } else {
                    StorageError::TimedOut
                });
            }
            Fired::Event(_) => {
                return Err(req
                    .error()
                    .ok()
                    .flatten()
                    .map_or(StorageError::Unavailable, |e| describe(&e)))
            }
        }
        let db: IdbDatabase = req
            .result()
            .and_then(|r| r.dyn_into())
            .map_err(|e| describe(&e))?;
        let closed = Rc::new(RefCell::new(false));
        let on_version_change = {
            let (db, closed) = (db.clone(), closed.clone());
            EventListener::new(&db.clone(), "versionchange", move |_| {
                db.close();
                *closed.borrow_mut() = true;
                on_replaced();
            })
        };
        Ok(Store {
            db,
            closed,
            _on_version_change: Rc::new(on_version_change),
        })
    }

    fn transaction(
        &self,
        names: &[&str],
        mode: IdbTransactionMode,
    ) -> Result<(IdbTransaction, Vec<IdbObjectStore>), StorageError> {
        if *self.closed.borrow() {
            return Err(StorageError::Replaced);
        }
        let list = js_sys::Array::new();
        for n in names {
            list.push(&JsValue::from_str(n));
        }
        // Writes are durable ("strict"): "Saved" means on disk, not in a cache that a crash
        // of the browser could lose. (web-sys marks the options argument unstable, so the
        // call goes through `Reflect`.)
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"durability".into(), &"strict".into());
        let mode = match mode {
            IdbTransactionMode::Readwrite => "readwrite",
            _ => "readonly",
        };
        let tx: IdbTransaction = js_sys::Reflect::get(&self.db, &"transaction".into())
            .and_then(|f| f.dyn_into::<js_sys::Function>())
            .and_then(|f| f.call3(&self.db, &list, &mode.into(), &options))
            .and_then(|t| t.dyn_into())
            .map_err(|e| describe(&e))?;
        let stores = names
            .iter()
            .map(|n| tx.object_store(n).map_err(|e| describe(&e)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((tx, stores))
    }

    /// Waits for a transaction to commit. It is asked to commit now rather than when the task
    /// ends: a save started as the page goes away must not wait for an event loop that is
    /// shutting down. (`commit` is IndexedDB 3.0, in every current browser; web-sys marks it
    /// deprecated from an older WebIDL.)
    async fn committed(tx: &IdbTransaction) -> Result<(), StorageError> {
        match first_event(tx, &["complete", "abort"], None).await {
            Fired::Event("complete") => Ok(()),
            _ => Err(tx.error().map_or(
                StorageError::Failed("the write was cancelled".into()),
                |e| describe(&e),
            )),
        }
    }

    /// Saves a record and its summary, and makes it the current article, in one transaction
    /// that goes ahead only if the stored revision is `write.expect`. The summary is stored
    /// with `write.revision`.
    pub async fn write(
        &self,
        write: &Write,
        record: &JsValue,
        summary: &Summary,
    ) -> Result<WriteOutcome, StorageError> {
        let mut summary = summary.clone();
        summary.revision = write.revision;
        let summary =
            serde_json::to_string(&summary).map_err(|e| StorageError::Failed(e.to_string()))?;
        let (tx, s) =
            self.transaction(&[DOCUMENTS, SUMMARIES, META], IdbTransactionMode::Readwrite)?;
        let key = JsValue::from_str(&write.id);
        let get = s[1].get(&key).map_err(|e| describe(&e))?;
        let outcome: Slot<Result<WriteOutcome, StorageError>> = Slot::default();
        let _on_got = {
            let (get, outcome, tx) = (get.clone(), outcome.clone(), tx.clone());
            let (expect, revision, id) = (write.expect, write.revision, write.id.clone());
            let record = record.clone();
            let summary = JsValue::from_str(&summary);
            EventListener::once(&get.clone(), "success", move |_| {
                let stored = get.result().ok().and_then(|v| revision_of(&v));
                if !may_write(expect, stored) {
                    outcome.fill(Ok(WriteOutcome::Conflict { stored }));
                    return;
                }
                let key = JsValue::from_str(&id);
                let put = s[0]
                    .put_with_key(&record, &key)
                    .and_then(|_| s[1].put_with_key(&summary, &key))
                    .and_then(|_| s[2].put_with_key(&key, &JsValue::from_str(CURRENT)));
                match put {
                    Err(e) => {
                        outcome.fill(Err(describe(&e)));
                        let _ = tx.abort();
                    }
                    Ok(_) => {
                        outcome.fill(Ok(WriteOutcome::Written(revision)));
                        #[allow(deprecated)]
                        let _ = tx.commit();
                    }
                }
            })
        };
        let committed = Self::committed(&tx).await;
        if !outcome.is_filled() {
            return Err(committed
                .err()
                .unwrap_or(StorageError::Failed("the write was not made".into())));
        }
        match outcome.await {
            Ok(o) => committed.map(|()| o),
            Err(e) => Err(e),
        }
    }

    /// Adds new articles in one transaction, each only if its id is free: for each, whether
    /// it was stored (false: the id is taken, so nothing was replaced).
    pub async fn add_new(
        &self,
        items: &[(String, JsValue, Summary)],
    ) -> Result<Vec<bool>, StorageError> {
        let (tx, s) = self.transaction(&[DOCUMENTS, SUMMARIES], IdbTransactionMode::Readwrite)?;
        let s = Rc::new(s);
        let stored = Rc::new(RefCell::new(vec![false; items.len()]));
        let error: Rc<RefCell<Option<StorageError>>> = Rc::default();
        let mut listeners = Vec::with_capacity(items.len());
        for (i, (id, record, summary)) in items.iter().enumerate() {
            let mut summary = summary.clone();
            summary.revision = 1;
            let summary =
                serde_json::to_string(&summary).map_err(|e| StorageError::Failed(e.to_string()))?;
            let key = JsValue::from_str(id);
            let get = s[1].get(&key).map_err(|e| describe(&e))?;
            let (s, stored, tx, get2) = (s.clone(), stored.clone(), tx.clone(), get.clone());
            let error = error.clone();
            let record = record.clone();
            listeners.push(EventListener::once(&get, "success", move |_| {
                if get2.result().ok().and_then(|v| revision_of(&v)).is_some() {
                    return; // taken: never replace another article
                }
                let put = s[0]
                    .put_with_key(&record, &key)
                    .and_then(|_| s[1].put_with_key(&JsValue::from_str(&summary), &key));
                match put {
                    Err(e) => {
                        *error.borrow_mut() = Some(describe(&e));
                        let _ = tx.abort();
                    }
                    Ok(_) => stored.borrow_mut()[i] = true,
                }
            }));
        }
        let committed = Self::committed(&tx).await;
        drop(listeners);
        if let Some(e) = error.borrow_mut().take() {
            return Err(e);
        }
        committed?;
        let out = stored.borrow().clone();
        Ok(out)
    }

    /// Makes `id` the article opened at start-up.
    pub async fn set_current(&self, id: &str) -> Result<(), StorageError> {
        self.put_meta(CURRENT, id).await
    }

    /// The id of the article open when the page was last used.
    pub async fn current(&self) -> Result<Option<String>, StorageError> {
        self.get_meta(CURRENT).await
    }

    /// Writes a value of the `meta` store.
    pub async fn put_meta(&self, key: &str, value: &str) -> Result<(), StorageError> {
        let (tx, s) = self.transaction(&[META], IdbTransactionMode::Readwrite)?;
        s[0].put_with_key(&JsValue::from_str(value), &JsValue::from_str(key))
            .map_err(|e| describe(&e))?;
        Self::committed(&tx).await
    }

    /// Removes a value of the `meta` store.
    pub async fn delete_meta(&self, key: &str) -> Result<(), StorageError> {
        let (tx, s) = self.transaction(&[META], IdbTransactionMode::Readwrite)?;
        s[0].delete(&JsValue::from_str(key))
            .map_err(|e| describe(&e))?;
        Self::committed(&tx).await
    }

    /// Reads a value of the `meta` store.
    pub async fn get_meta(&self, key: &str) -> Result<Option<String>, StorageError> {
        let (tx, s) = self.transaction(&[META], IdbTransactionMode::Readonly)?;
        let req = s[0]
            .get(&JsValue::from_str(key))
            .map_err(|e| describe(&e))?;
        Self::committed(&tx).await?;
        Ok(req.result().ok().and_then(|v| v.as_string()))
    }

    /// The record of an article and its stored revision, as saved.
    pub async fn load(&self, id: &str) -> Result<Option<(String, u64)>, StorageError> {
        let (tx, s) = self.transaction(&[DOCUMENTS, SUMMARIES], IdbTransactionMode::Readonly)?;
        let key = JsValue::from_str(id);
        let record = s[0].get(&key).map_err(|e| describe(&e))?;
        let summary = s[1].get(&key).map_err(|e| describe(&e))?;
        Self::committed(&tx).await?;
        let Some(record) = record_text(record.result().unwrap_or(JsValue::UNDEFINED)).await? else {
            return Ok(None);
        };
        let revision = summary
            .result()
            .ok()
            .and_then(|v| revision_of(&v))
            .unwrap_or(0);
        Ok(Some((record, revision)))
    }

    /// Every summary; unreadable ones are skipped (their records stay untouched).
    pub async fn summaries(&self) -> Result<Vec<Summary>, StorageError> {
        let (tx, s) = self.transaction(&[SUMMARIES], IdbTransactionMode::Readonly)?;
        let req = s[0].get_all().map_err(|e| describe(&e))?;
        Self::committed(&tx).await?;
        let all: js_sys::Array = req
            .result()
            .and_then(|v| v.dyn_into())
            .map_err(|e| describe(&e))?;
        Ok(all
            .iter()
            .filter_map(|v| v.as_string())
            .filter_map(|s| serde_json::from_str(&s).ok())
            .collect())
    }

    /// Removes an article and its summary (and forgets it as the current one).
    pub async fn delete(&self, id: &str) -> Result<(), StorageError> {
        let (tx, s) =
            self.transaction(&[DOCUMENTS, SUMMARIES, META], IdbTransactionMode::Readwrite)?;
        let key = JsValue::from_str(id);
        s[0].delete(&key).map_err(|e| describe(&e))?;
        s[1].delete(&key).map_err(|e| describe(&e))?;
        let current = s[2]
            .get(&JsValue::from_str(CURRENT))
            .map_err(|e| describe(&e))?;
        let _forget = {
            let (current, meta, id) = (current.clone(), s[2].clone(), id.to_owned());
            EventListener::once(&current.clone(), "success", move |_| {
                if current.result().ok().and_then(|v| v.as_string()).as_deref() == Some(&id) {
                    let _ = meta.delete(&JsValue::from_str(CURRENT));
                }
            })
        };
        Self::committed(&tx).await
    }
}

pub use super::quota::{ask_persist, quota, Quota};

/// A fresh library id from the browser's cryptographic random source.
pub fn fresh_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = gloo::utils::window()
        .crypto()
        .is_ok_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // Every browser that runs this app has `crypto`; this only keeps ids apart without it.
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    annotator_core::autosave::new_id(bytes)
}
