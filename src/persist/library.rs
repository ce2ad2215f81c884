//! The library's effects: rename, delete, export all, import, and what storage holds.

use super::Persist;
use crate::browser::storage::{self, Store};
use crate::browser::wait::sleep;
use crate::browser::{download, frame, journal, locks};
use crate::state::{Damaged, Msg, StorageInfo};
use annotator_core::autosave::{SaveNow, TabMessage, WriteOutcome};
use annotator_core::formats::{jsonl, v1};
use annotator_core::library::{summarize, Summary};
use annotator_core::{limits, session, Document, History};
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;

/// How many articles one import transaction stores.
const IMPORT_BATCH: usize = 50;

impl Persist {
    /// Renames a saved article; the open one is renamed through the reducer (undoable). An
    /// article another tab is editing is renamed there, not here.
    pub async fn rename(self: Rc<Self>, id: String, title: String) {
        let state = self.state();
        if state.doc_id.as_deref() == Some(id.as_str()) {
            self.send(Msg::Retitle(title));
            return;
        }
        let Some(store) = self.store() else { return };
        let _lock = if locks::supported() {
            match locks::try_take(&id, || {}).await {
                Some(held) => Some(held),
                None => {
                    self.notify(
                        "Could not rename: that article is open for editing in another tab; rename it there.",
                        true,
                    );
                    return;
                }
            }
        } else {
            None
        };
        let result = async {
            let (raw, revision) = store
                .load(&id)
                .await
                .map_err(|e| e.to_string())?
                .ok_or("it is no longer saved")?;
            let record = session::retitle(&raw, &title).map_err(|e| e.to_string())?;
            let restored = session::load(&record).map_err(|e| e.to_string())?;
            let previous = state.library.iter().find(|s| s.id == id);
            let mut summary = summarize(&id, &restored.doc, previous, js_sys::Date::now());
            summary.bytes = record.len() as u64;
            let mut revisions = annotator_core::autosave::Revisions::default();
            revisions.read(&id, revision);
            let write = revisions.write(&id);
            match store.write(&write, &record, &summary).await {
                Ok(WriteOutcome::Written(_)) => {}
                Ok(WriteOutcome::Conflict { .. }) => {
                    return Err("it was changed in another tab meanwhile; try again".to_owned())
                }
                Err(e) => return Err(e.to_string()),
            }
            // Saving made it current; the open article stays current.
            if let Some(open) = &state.doc_id {
                store.set_current(open).await.map_err(|e| e.to_string())?;
            }
            store.summaries().await.map_err(|e| e.to_string())
        }
        .await;
        match result {
            Ok(list) => {
                self.send(Msg::LibraryLoaded(list));
                self.post(&TabMessage::Library);
                self.notify(format!("Renamed to “{}”.", title.trim()), false);
            }
            Err(e) => self.notify(format!("Could not rename: {e}."), true),
        }
    }

    /// Deletes a saved article (the open one is replaced by a new, empty article); other tabs
    /// showing it are told.
    pub async fn delete(self: Rc<Self>, id: String) {
        let Some(store) = self.store() else { return };
        let state = self.state();
        let title = state
            .library
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.title.clone())
            .unwrap_or_default();
        match store.delete(&id).await {
            Ok(()) => {
                journal::clear(&id);
                self.revisions.borrow_mut().forget(&id);
                self.post(&TabMessage::Deleted { id: id.clone() });
                if state.doc_id.as_deref() == Some(id.as_str()) {
                    self.let_go();
                    self.send(Msg::NewArticle);
                }
                if let Ok(list) = store.summaries().await {
                    self.send(Msg::LibraryLoaded(list));
                }
                self.notify(format!("Deleted “{title}”."), false);
            }
            Err(e) => self.notify(format!("Could not delete: {e}."), true),
        }
    }

    /// Every article: the one on screen as it is now, and the others as saved.
    async fn all_documents(&self) -> Vec<Document> {
        let state = self.state();
        let mut docs = Vec::new();
        let current = state.doc_id.clone();
        if !state.doc.text().is_empty() {
            docs.push((*state.doc).clone());
        }
        if let Some(store) = self.store() {
            let mut list: Vec<Summary> = state.library.iter().cloned().collect();
            annotator_core::sort::sort_by(&mut list, |a, b| a.created.total_cmp(&b.created));
            for s in list.iter().filter(|s| Some(&s.id) != current.as_ref()) {
                if let Ok(Some((raw, _))) = store.load(&s.id).await {
                    if let Ok(r) = session::load(&raw) {
                        docs.push(r.doc);
                    }
                }
            }
        }
        docs
    }

    /// Downloads the whole library as JSONL, one v1 document a line.
    pub async fn export_all(self: Rc<Self>) {
        let docs = self.all_documents().await;
        let jsonl = jsonl::export_library(&docs);
        match download::download_text("article-library.jsonl", &jsonl, "application/jsonl") {
            Ok(()) => self.notify(
                format!(
                    "Exported {} article{} to article-library.jsonl.",
                    docs.len(),
                    if docs.len() == 1 { "" } else { "s" }
                ),
                false,
            ),
            Err(_) => self.notify("The browser refused the download.", true),
        }
    }

    /// Reads what storage holds and may hold, for the library.
    pub async fn storage_info(self: Rc<Self>) {
        if let Some(q) = storage::quota().await {
            self.send(Msg::StorageInfo(StorageInfo {
                usage: q.usage,
                quota: q.quota,
                persisted: q.persisted,
            }));
        }
    }

    /// Imports dropped or chosen files, one after another.
    pub async fn import_files(self: Rc<Self>, files: Vec<web_sys::File>) {
        for file in files {
            Rc::clone(&self).import_file(file).await;
        }
    }

    /// Reads a file and adds its articles to the library, opening the first. A file that fails
    /// to import changes nothing. The count is told once everything is stored, with any article
    /// that could not be stored named by its line.
    async fn import_file(self: Rc<Self>, file: web_sys::File) {
        let name = file.name();
        let fail = |why: String| Msg::Notify {
            text: format!("Could not import {name}: {why}. Nothing was changed."),
            is_error: true,
        };
        let max = v1::MAX_IMPORT_BYTES as f64;
        if file.size() > max {
            // whole megabytes as integers: formatting a float costs about 10 kB of wasm
            let mb = |bytes: f64| (bytes / 1_048_576.0).round() as u64;
            self.send(fail(format!(
                "it is {} MB and the most this app imports is {} MB",
                mb(file.size()),
                mb(max)
            )));
            return;
        }
        let text = match JsFuture::from(file.text()).await {
            Ok(t) => t.as_string().unwrap_or_default(),
            Err(_) => {
                self.send(fail("the browser could not read it".to_owned()));
                return;
            }
        };
        let (docs, notices) = match parse(&name, &text) {
            Ok((docs, _)) if docs.is_empty() => {
                self.send(fail("it holds no article".to_owned()));
                return;
            }
            Ok(x) => x,
            Err(e) => {
                self.send(fail(e));
                return;
            }
        };
        drop(text);
        let mut bad: Vec<(usize, String)> = Vec::new();
        let docs: Vec<(usize, Document)> = docs
            .into_iter()
            .enumerate()
            .map(|(i, d)| (i + 1, d))
            .collect();
        self.flush().await;
        // Hold autosave until the first article is stored (it is shown before).
        while self.autosave.borrow().in_flight() {
            sleep(20).await;
        }
        let claimed = self.autosave.borrow_mut().due() == SaveNow::Start;
        // Fresh ids, none already in the library (storing checks again, against other tabs).
        let state = self.state();
        let mut taken: std::collections::HashSet<String> =
            state.library.iter().map(|s| s.id.clone()).collect();
        taken.extend(state.doc_id.clone());
        let mut ids: Vec<String> = Vec::with_capacity(docs.len());
        for _ in &docs {
            let mut id = storage::fresh_id();
            while !taken.insert(id.clone()) {
                id = storage::fresh_id();
            }
            ids.push(id);
        }
        let first = ids[0].clone();
        let editing = self.take_lock(&first).await;
        self.clear_draft();
        journal::opening(&first);
        self.send(Msg::Restore {
            id: first.clone(),
            doc: Box::new(docs[0].1.clone()),
            history: History::default(),
            notices: Vec::new(),
            rejected: Vec::new(),
            only_if_empty: false,
            editing,
        });
        let stored = match self.store() {
            Some(store) => {
                // Shown first, stored after that frame: the file is still on disk meanwhile.
                frame::after_next_paint().await;
                store_all(&store, &docs, &mut ids, &mut bad).await
            }
            None => vec![false; docs.len()],
        };
        if ids[0] != first {
            self.send(Msg::Moved {
                id: ids[0].clone(),
                title: None,
                revision: 0,
            });
        }
        if stored[0] {
            self.revisions.borrow_mut().read(&ids[0], 1);
        }
        let stored = stored.iter().filter(|s| **s).count();
        if let Some(store) = self.store() {
            let _ = store.set_current(&ids[0]).await;
            if let Ok(list) = store.summaries().await {
                self.send(Msg::LibraryLoaded(list));
            }
        }
        self.post(&TabMessage::Library);
        let total = docs.len();
        let shown = annotator_core::library::display_title(&docs[0].1);
        let mut text = if total == 1 {
            format!("Imported {name}.")
        } else if stored == total {
            format!(
                "Imported {name}: {total} articles, all stored in the library; showing “{shown}”."
            )
        } else {
            format!("Imported {name}: {stored} of {total} articles are stored in the library; showing “{shown}”.")
        };
        if !bad.is_empty() {
            bad.sort();
            text.push_str(&format!(" Not stored: {}.", lines_and_reasons(&bad)));
        }
        for n in notices {
            text.push(' ');
            text.push_str(&n);
        }
        self.notify(text, !bad.is_empty());
        if claimed && self.autosave.borrow_mut().finished() == SaveNow::Start {
            Rc::clone(&self).run_saves().await;
        }
    }

    /// Downloads saved data that could not be read, as it is.
    pub fn download_damaged(&self, d: &Damaged) {
        match download::download_text(
            &format!("damaged-{}.json", d.id),
            &d.raw,
            "application/json",
        ) {
            Ok(()) => self.notify("Downloaded the saved data as it was found.", false),
            Err(_) => self.notify("The browser refused the download.", true),
        }
    }
}

/// The articles of a file: a library (JSONL, by name or by content), or one v1 file; each
/// checked against the app's limits. Any article it can't take refuses the whole file, naming
/// its line. Also the repairs made to a single file.
fn parse(name: &str, text: &str) -> Result<(Vec<Document>, Vec<String>), String> {
    let lower = name.to_lowercase();
    let is_library = lower.ends_with(".jsonl")
        || lower.ends_with(".ndjson")
        || (jsonl::looks_like_jsonl(text) && v1::import_json_lenient(text).is_err());
    if is_library {
        let docs = jsonl::import_library(text).map_err(|e| e.to_string())?;
        for (i, d) in docs.iter().enumerate() {
            if let Err(e) = limits::check(d) {
                // the line of the i-th article (blank lines count)
                let line = text
                    .split('\n')
                    .enumerate()
                    .filter(|(_, l)| !l.trim().is_empty())
                    .nth(i)
                    .map_or(i + 1, |(n, _)| n + 1);
                return Err(format!("line {line}: {e}"));
            }
        }
        return Ok((docs, Vec::new()));
    }
    let i = v1::import_json_lenient(text).map_err(|e| e.to_string())?;
    limits::check(&i.doc).map_err(|e| e.to_string())?;
    Ok((vec![i.doc], i.notices))
}

/// "line 3 (why); line 9 (why)", the first five, then how many more.
fn lines_and_reasons(bad: &[(usize, String)]) -> String {
    let mut parts: Vec<String> = bad
        .iter()
        .take(5)
        .map(|(n, e)| format!("line {n} ({e})"))
        .collect();
    if bad.len() > 5 {
        parts.push(format!("and {} more", bad.len() - 5));
    }
    parts.join("; ")
}

/// Stores every article under a fresh id, in batches, never over another article (a taken id
/// gets a new one, three tries). Returns whether each is stored; those that could not be are
/// added to `bad` with their line. `ids` ends up holding the id each article is stored under.
async fn store_all(
    store: &Store,
    docs: &[(usize, Document)],
    ids: &mut [String],
    bad: &mut Vec<(usize, String)>,
) -> Vec<bool> {
    let mut stored = vec![false; docs.len()];
    let now = js_sys::Date::now();
    for start in (0..docs.len()).step_by(IMPORT_BATCH) {
        let end = (start + IMPORT_BATCH).min(docs.len());
        let mut todo: Vec<usize> = (start..end).collect();
        for attempt in 0..3 {
            if todo.is_empty() {
                break;
            }
            if attempt > 0 {
                for &i in &todo {
                    ids[i] = storage::fresh_id();
                }
            }
            let items: Vec<(String, String, Summary)> = todo
                .iter()
                .map(|&i| {
                    let record = session::save(&docs[i].1, &History::default());
                    let mut summary = summarize(&ids[i], &docs[i].1, None, now);
                    summary.bytes = record.len() as u64;
                    (ids[i].clone(), record, summary)
                })
                .collect();
            match store.add_new(&items).await {
                Ok(done) => {
                    for (&i, &d) in todo.iter().zip(&done) {
                        stored[i] = d;
                    }
                    todo.retain(|&i| !stored[i]);
                }
                Err(e) => {
                    for &i in &todo {
                        bad.push((docs[i].0, format!("not stored: {e}")));
                    }
                    todo.clear();
                }
            }
        }
        for &i in &todo {
            bad.push((docs[i].0, "not stored: no free id was found".to_owned()));
        }
    }
    stored
}
