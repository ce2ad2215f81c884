//! Synchronous safety nets in localStorage, for the moment the page goes away or freezes.
//!
//! - The journal: as a tab goes away with unsaved changes, their record is written here at
//!   once (an IndexedDB write started then may not finish), one key per article. The next start
//!   takes each over as `core::autosave::plan_journal` decides, and the next successful save
//!   of the article clears it. A tab with nothing unsaved writes nothing.
//! - The opening mark: set while an article is being opened, cleared once it is fully built;
//!   found set at start, it means the last opening never finished (a frozen or crashed tab),
//!   and that article is not reopened automatically.

use annotator_core::autosave::JournalEntry;

const PREFIX: &str = "article-annotator-journal:";
/// The key of the single journal older versions wrote (`{id, revision, record}`).
const OLD_KEY: &str = "article-annotator-journal";
const OPENING: &str = "article-annotator-opening";
const DRAFT: &str = "article-annotator-draft";

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// Writes the journal of one article; gives up quietly when localStorage is full or missing
/// (the IndexedDB save is still under way). Whether it was written.
pub fn write(entry: &JournalEntry) -> bool {
    let Some(ls) = storage() else { return false };
    let Ok(value) = serde_json::to_string(entry) else {
        return false;
    };
    ls.set_item(&format!("{PREFIX}{}", entry.id), &value)
        .is_ok()
}

/// Every journalled record (unreadable ones are dropped).
pub fn all() -> Vec<JournalEntry> {
    let Some(ls) = storage() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let n = ls.length().unwrap_or(0);
    let keys: Vec<String> = (0..n).filter_map(|i| ls.key(i).ok().flatten()).collect();
    for key in keys {
        let Some(raw) = ls.get_item(&key).ok().flatten() else {
            continue;
        };
        if key.starts_with(PREFIX) {
            match serde_json::from_str::<JournalEntry>(&raw) {
                Ok(e) => out.push(e),
                Err(_) => {
                    let _ = ls.remove_item(&key);
                }
            }
        } else if key == OLD_KEY {
            #[derive(serde::Deserialize)]
            struct Old {
                id: String,
                record: String,
            }
            if let Ok(old) = serde_json::from_str::<Old>(&raw) {
                // Written before revisions: it extends what is stored (revision 0).
                out.push(JournalEntry {
                    id: old.id,
                    base: Some(0),
                    record: old.record,
                });
            }
            let _ = ls.remove_item(OLD_KEY);
            if let Some(e) = out.last() {
                write(e);
            }
        }
    }
    out
}

/// Forgets the journal of one article, once its record is safely in IndexedDB.
pub fn clear(id: &str) {
    if let Some(ls) = storage() {
        let _ = ls.remove_item(&format!("{PREFIX}{id}"));
    }
}

/// Marks `id` as being opened.
pub fn opening(id: &str) {
    if let Some(ls) = storage() {
        let _ = ls.set_item(OPENING, id);
    }
}

/// The article whose last opening never finished, if any.
pub fn unfinished_opening() -> Option<String> {
    storage()?.get_item(OPENING).ok().flatten()
}

/// The article being opened is fully built.
pub fn opened() {
    if let Some(ls) = storage() {
        let _ = ls.remove_item(OPENING);
    }
}

/// Keeps the paste box's draft (JSON) as the page goes away with it not yet stored.
pub fn write_draft(json: &str) {
    if let Some(ls) = storage() {
        let _ = ls.set_item(DRAFT, json);
    }
}

/// The draft kept as the page went away, if any (forgotten as it is read).
pub fn take_draft() -> Option<String> {
    let ls = storage()?;
    let d = ls.get_item(DRAFT).ok().flatten();
    let _ = ls.remove_item(DRAFT);
    d
}
