//! Autosave storage in IndexedDB.
//!
//! IndexedDB rather than localStorage: localStorage holds about 5 MB per origin and writes
//! synchronously on the main thread, while one long article with its undo history can pass
//! that, and the library holds many. IndexedDB's quota is a share of the disk, and its writes
//! don't block typing. Three stores: `documents` (id → the session record, a JSON string),
//! `summaries` (id → what the library list shows) and `meta` (`current` → the open id). One
//! save writes the record and its summary in one transaction, so they never disagree.

use annotator_core::library::Summary;
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode,
};

const DB_NAME: &str = "article-annotator";
const DB_VERSION: u32 = 1;
const DOCUMENTS: &str = "documents";
const SUMMARIES: &str = "summaries";
const META: &str = "meta";
const CURRENT: &str = "current";

/// An open database.
#[derive(Clone, Debug)]
pub struct Store {
    db: IdbDatabase,
}

/// A readable message from whatever IndexedDB threw.
fn describe(e: &JsValue) -> String {
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        return match ex.name().as_str() {
            "QuotaExceededError" => "the browser's storage is full".to_owned(),
            name => format!("{name}: {}", ex.message()),
        };
    }
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        let name: String = err.name().into();
        if name == "QuotaExceededError" {
            return "the browser's storage is full".to_owned();
        }
        return format!("{name}: {}", String::from(err.message()));
    }
    e.as_string()
        .unwrap_or_else(|| "storage is unavailable".to_owned())
}

/// A promise settled by a request's `success` or `error` event.
fn settle(req: &IdbRequest) -> JsFuture {
    let req = req.clone();
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let ok = req.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::UNDEFINED));
        });
        let bad = req.clone();
        let on_error = Closure::once_into_js(move || {
            let e = bad
                .error()
                .ok()
                .flatten()
                .map_or(JsValue::UNDEFINED, JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        req.set_onsuccess(Some(on_success.unchecked_ref()));
        req.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise)
}

/// A promise settled when a transaction commits, or fails or aborts.
fn committed(tx: &IdbTransaction) -> JsFuture {
    let tx = tx.clone();
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = tx.clone();
        let reject2 = reject.clone();
        let on_error = Closure::once_into_js(move || {
            let e = failed.error().map_or(JsValue::UNDEFINED, JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        let aborted = tx.clone();
        let on_abort = Closure::once_into_js(move || {
            let e = aborted
                .error()
                .map_or(JsValue::from_str("the save was aborted"), JsValue::from);
            let _ = reject2.call1(&JsValue::NULL, &e);
        });
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        tx.set_onerror(Some(on_error.unchecked_ref()));
        tx.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise)
}

impl Store {
    /// Opens (creating on first use) the database.
    pub async fn open() -> Result<Store, String> {
        let factory = gloo::utils::window()
            .indexed_db()
            .map_err(|e| describe(&e))?
            .ok_or_else(|| "this browser offers no storage here (private mode?)".to_owned())?;
        let req: IdbOpenDbRequest = factory
            .open_with_u32(DB_NAME, DB_VERSION)
            .map_err(|e| describe(&e))?;
        let upgrading = req.clone();
        let on_upgrade = Closure::once_into_js(move || {
            if let Ok(db) = upgrading.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
                let names = db.object_store_names();
                for name in [DOCUMENTS, SUMMARIES, META] {
                    if !names.contains(name) {
                        let _ = db.create_object_store(name);
                    }
                }
            }
        });
        req.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
        let db = settle(&req).await.map_err(|e| describe(&e))?;
        Ok(Store {
            db: db.dyn_into().map_err(|e| describe(&e))?,
        })
    }

    fn stores(
        &self,
        names: &[&str],
        mode: IdbTransactionMode,
    ) -> Result<(IdbTransaction, Vec<IdbObjectStore>), String> {
        let list = js_sys::Array::new();
        for n in names {
            list.push(&JsValue::from_str(n));
        }
        let tx = self
            .db
            .transaction_with_str_sequence_and_mode(&list, mode)
            .map_err(|e| describe(&e))?;
        let stores = names
            .iter()
            .map(|n| tx.object_store(n).map_err(|e| describe(&e)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((tx, stores))
    }

    /// Saves a document's record and summary, and makes it the current one, in one transaction.
    pub async fn save(&self, id: &str, record: &str, summary: &Summary) -> Result<(), String> {
        let summary = serde_json::to_string(summary).map_err(|e| e.to_string())?;
        let (tx, s) = self.stores(&[DOCUMENTS, SUMMARIES, META], IdbTransactionMode::Readwrite)?;
        let key = JsValue::from_str(id);
        let put = |store: &IdbObjectStore, value: &str, key: &JsValue| {
            store
                .put_with_key(&JsValue::from_str(value), key)
                .map(|_| ())
                .map_err(|e| describe(&e))
        };
        let done = committed(&tx);
        let written = put(&s[0], record, &key)
            .and_then(|()| put(&s[1], &summary, &key))
            .and_then(|()| put(&s[2], id, &JsValue::from_str(CURRENT)));
        if let Err(e) = written {
            let _ = tx.abort();
            return Err(e);
        }
        // Commit now rather than when the task ends: a save started as the page goes away
        // must not wait for an event loop that is shutting down. (`commit` is IndexedDB 3.0,
        // in every current browser; web-sys marks it deprecated from an older WebIDL.)
        #[allow(deprecated)]
        let _ = tx.commit();
        done.await.map(|_| ()).map_err(|e| describe(&e))
    }

    /// Makes `id` the document opened at start-up.
    pub async fn set_current(&self, id: &str) -> Result<(), String> {
        let (tx, s) = self.stores(&[META], IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        s[0].put_with_key(&JsValue::from_str(id), &JsValue::from_str(CURRENT))
            .map_err(|e| describe(&e))?;
        done.await.map(|_| ()).map_err(|e| describe(&e))
    }

    /// The id of the document open when the page was last used.
    pub async fn current(&self) -> Result<Option<String>, String> {
        self.get(META, CURRENT).await
    }

    /// The record of a document, as saved.
    pub async fn load(&self, id: &str) -> Result<Option<String>, String> {
        self.get(DOCUMENTS, id).await
    }

    async fn get(&self, store: &str, key: &str) -> Result<Option<String>, String> {
        let (_tx, s) = self.stores(&[store], IdbTransactionMode::Readonly)?;
        let req = s[0]
            .get(&JsValue::from_str(key))
            .map_err(|e| describe(&e))?;
        let v = settle(&req).await.map_err(|e| describe(&e))?;
        Ok(v.as_string())
    }

    /// Every summary; unreadable ones are skipped (their records stay untouched).
    pub async fn summaries(&self) -> Result<Vec<Summary>, String> {
        let (_tx, s) = self.stores(&[SUMMARIES], IdbTransactionMode::Readonly)?;
        let req = s[0].get_all().map_err(|e| describe(&e))?;
        let all = settle(&req).await.map_err(|e| describe(&e))?;
        let all: js_sys::Array = all.dyn_into().map_err(|e| describe(&e))?;
        Ok(all
            .iter()
            .filter_map(|v| v.as_string())
            .filter_map(|s| serde_json::from_str(&s).ok())
            .collect())
    }

    /// Removes a document and its summary.
    pub async fn delete(&self, id: &str) -> Result<(), String> {
        let (tx, s) = self.stores(&[DOCUMENTS, SUMMARIES], IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        let key = JsValue::from_str(id);
        s[0].delete(&key).map_err(|e| describe(&e))?;
        s[1].delete(&key).map_err(|e| describe(&e))?;
        done.await.map(|_| ()).map_err(|e| describe(&e))
    }
}

/// A synchronous journal in localStorage for the moment the page goes away, when an IndexedDB
/// write may not finish: the record is written here at once, and taken over (and cleared) by
/// the next start-up if it is newer than what IndexedDB holds.
pub mod journal {
    const KEY: &str = "article-annotator-journal";

    /// Writes `(id, record)`; gives up quietly when localStorage is full or missing (the
    /// IndexedDB save is still under way).
    pub fn write(id: &str, revision: u64, record: &str) {
        let value = serde_json::json!({ "id": id, "revision": revision, "record": record });
        if let Ok(Some(ls)) = gloo::utils::window().local_storage() {
            let _ = ls.set_item(KEY, &value.to_string());
        }
    }

    /// The journalled `(id, record)`, if any.
    pub fn read() -> Option<(String, String)> {
        let ls = gloo::utils::window().local_storage().ok()??;
        let raw = ls.get_item(KEY).ok()??;
        let v: serde_json::Value = serde_json::from_str(&raw).ok()?;
        Some((
            v["id"].as_str()?.to_owned(),
            v["record"].as_str()?.to_owned(),
        ))
    }

    /// Forgets the journal, once its record is safely in IndexedDB.
    pub fn clear() {
        if let Ok(Some(ls)) = gloo::utils::window().local_storage() {
            let _ = ls.remove_item(KEY);
        }
    }
}
