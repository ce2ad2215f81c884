//! Autosave's decisions, kept pure so they are tested natively: when a save is due, which stored
//! revision a write must extend, what a record journalled by a closing tab becomes at the next
//! start, what tabs tell each other, and ids for new library records. The shell
//! (`src/persist.rs`, `src/browser/storage.rs`) only carries them out.
//!
//! The model, in one paragraph: every stored article carries a revision, 1 on its first write
//! and one more on each later one. A tab remembers the revision it last read or wrote for each
//! article ([`Revisions`]) and a write succeeds only if the stored revision is still that one
//! (the check runs inside the IndexedDB transaction), so no tab ever overwrites work it has not
//! seen. Only one tab edits an article at a time (a Web Lock per article); others show it read
//! only and follow its saves.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A save starts this long after the last edit, so a burst of edits is one write.
pub const DEBOUNCE_MS: f64 = 300.0;
/// …but never later than this after the first edit not yet saved, so continuous editing is
/// saved at least once a second.
pub const MAX_WAIT_MS: f64 = 1_000.0;

/// When to save, and one save at a time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Autosave {
    /// When the oldest edit not yet part of a save was made (ms).
    first_unsaved: Option<f64>,
    /// A save is being written.
    in_flight: bool,
    /// A save came due while another was being written.
    again: bool,
}

/// What the shell should do about saving.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SaveNow {
    /// Start a save now.
    Start,
    /// Nothing now.
    Wait,
}

impl Autosave {
    /// An edit was made at `now`: the time by which a save must start.
    pub fn edited(&mut self, now: f64) -> f64 {
        let first = *self.first_unsaved.get_or_insert(now);
        (now + DEBOUNCE_MS).min(first + MAX_WAIT_MS)
    }

    /// The timer set for the deadline [`Autosave::edited`] gave has fired (or the page is
    /// going away): start a save unless one is being written, in which case another follows it.
    pub fn due(&mut self) -> SaveNow {
        if self.in_flight {
            self.again = true;
            return SaveNow::Wait;
        }
        self.in_flight = true;
        self.first_unsaved = None;
        SaveNow::Start
    }

    /// The save being written has finished (written or not): whether to start the next one,
    /// which came due meanwhile.
    pub fn finished(&mut self) -> SaveNow {
        self.in_flight = false;
        if std::mem::take(&mut self.again) {
            self.due()
        } else {
            SaveNow::Wait
        }
    }

    /// Whether a save is being written.
    pub fn in_flight(&self) -> bool {
        self.in_flight
    }
}

/// The stored revision of each article, as far as this tab knows: the one it read when it
/// opened the article, or the one it last wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Revisions(HashMap<String, u64>);

/// One write to storage: the record for `id`, allowed only over `expect`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Write {
    /// The article.
    pub id: String,
    /// The stored revision the write extends; `None` when the article must not exist yet.
    pub expect: Option<u64>,
    /// The revision it stores.
    pub revision: u64,
}

/// What a checked write found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteOutcome {
    /// Written, as this revision.
    Written(u64),
    /// Not written: the stored revision is not the one expected (`None`: no record, so it was
    /// deleted, or for a new article, the id is taken).
    Conflict {
        /// What storage holds.
        stored: Option<u64>,
    },
}

impl Revisions {
    /// This tab read `id` at `revision` (opening it, or following another tab's save).
    pub fn read(&mut self, id: &str, revision: u64) {
        self.0.insert(id.to_owned(), revision);
    }

    /// The revision this tab last knew for `id`.
    pub fn known(&self, id: &str) -> Option<u64> {
        self.0.get(id).copied()
    }

    /// The write that saves `id` over what this tab last knew of it.
    pub fn write(&self, id: &str) -> Write {
        let expect = self.known(id);
        Write {
            id: id.to_owned(),
            expect,
            revision: expect.map_or(1, |r| r + 1),
        }
    }

    /// A write finished: on success the stored revision is the one written.
    pub fn finished(&mut self, write: &Write, outcome: WriteOutcome) {
        if let WriteOutcome::Written(r) = outcome {
            self.0.insert(write.id.clone(), r);
        }
    }

    /// `id` is gone from storage.
    pub fn forget(&mut self, id: &str) {
        self.0.remove(id);
    }
}

/// Whether a checked write may go ahead, given what storage holds: the rule the IndexedDB
/// transaction applies.
pub fn may_write(expect: Option<u64>, stored: Option<u64>) -> bool {
    expect == stored
}

/// A record written synchronously to localStorage as a tab goes away with unsaved changes,
/// since an IndexedDB write started then may not finish.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// The article.
    pub id: String,
    /// The stored revision the record extends (`None`: the article was never stored).
    pub base: Option<u64>,
    /// The saved record.
    pub record: String,
}

/// What the next start does with a journalled record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JournalPlan {
    /// Store it over the revision it extends.
    Store {
        /// That revision (`None`: as a new article).
        expect: Option<u64>,
    },
    /// Storage moved on without it (another tab saved the article since): keep it as a copy
    /// beside the article, so neither version is lost.
    StoreAsCopy,
    /// Nothing to do: storage already holds it, or the article was deleted since.
    Discard,
}

/// Decides what becomes of a journalled record, given what storage holds for its article
/// (revision and record), if anything.
pub fn plan_journal(entry: &JournalEntry, stored: Option<(u64, &str)>) -> JournalPlan {
    match (entry.base, stored) {
        (_, Some((_, record))) if record == entry.record => JournalPlan::Discard,
        (Some(base), Some((rev, _))) if base == rev => JournalPlan::Store { expect: Some(rev) },
        (_, Some(_)) => JournalPlan::StoreAsCopy,
        (None, None) => JournalPlan::Store { expect: None },
        (Some(_), None) => JournalPlan::Discard,
    }
}

/// What one tab tells the others (over a BroadcastChannel), as JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TabMessage {
    /// `id` was stored at `revision`.
    Saved {
        /// The article.
        id: String,
        /// The revision stored.
        revision: u64,
    },
    /// `id` was deleted.
    Deleted {
        /// The article.
        id: String,
    },
    /// Articles were added or renamed: read the library again.
    Library,
    /// A read-only tab asks the tab editing `id` to save and let go of it.
    HandOver {
        /// The article.
        id: String,
    },
}

/// A tab message as sent: one flat object (an internally tagged enum would cost the page a
/// second, buffering JSON reader).
#[derive(Serialize, Deserialize)]
struct Wire {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    revision: Option<u64>,
}

impl TabMessage {
    /// The message as sent.
    pub fn to_json(&self) -> String {
        let (kind, id, revision) = match self {
            TabMessage::Saved { id, revision } => ("saved", Some(id.clone()), Some(*revision)),
            TabMessage::Deleted { id } => ("deleted", Some(id.clone()), None),
            TabMessage::Library => ("library", None, None),
            TabMessage::HandOver { id } => ("hand_over", Some(id.clone()), None),
        };
        let wire = Wire {
            kind: kind.to_owned(),
            id,
            revision,
        };
        serde_json::to_string(&wire).expect("a tab message always serialises")
    }

    /// A message received; `None` for anything else (another version of the app, say).
    pub fn from_json(json: &str) -> Option<TabMessage> {
        let w: Wire = serde_json::from_str(json).ok()?;
        Some(match (w.kind.as_str(), w.id, w.revision) {
            ("saved", Some(id), Some(revision)) => TabMessage::Saved { id, revision },
            ("deleted", Some(id), _) => TabMessage::Deleted { id },
            ("library", _, _) => TabMessage::Library,
            ("hand_over", Some(id), _) => TabMessage::HandOver { id },
            _ => return None,
        })
    }
}

/// A library id from 16 random bytes (`crypto.getRandomValues` in the page): `d` and 32 hex
/// digits. 128 random bits: two of a billion ids collide with a chance of about 10⁻²¹.
pub fn new_id(random: [u8; 16]) -> String {
    let mut id = String::with_capacity(33);
    id.push('d');
    for b in random {
        id.push(char::from_digit(u32::from(b >> 4), 16).expect("a nibble"));
        id.push(char::from_digit(u32::from(b & 15), 16).expect("a nibble"));
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_edits_is_saved_300_ms_after_the_last() {
        let mut a = Autosave::default();
        assert_eq!(a.edited(0.0), 300.0);
        assert_eq!(a.edited(100.0), 400.0);
        assert_eq!(a.edited(200.0), 500.0);
    }

    #[test]
    fn continuous_editing_is_saved_at_least_once_a_second() {
        let mut a = Autosave::default();
        // Edits 150 ms apart, the way a held key or a run of nudges comes.
        let mut deadline = a.edited(0.0);
        for i in 1..=10 {
            deadline = a.edited(f64::from(i) * 150.0);
        }
        assert_eq!(deadline, 1_000.0, "the deadline stops moving at 1 s");
        assert_eq!(a.due(), SaveNow::Start);
        // After a save starts, the next edit starts a new second.
        assert_eq!(a.edited(1_050.0), 1_350.0);
        for i in 8..=14 {
            deadline = a.edited(f64::from(i) * 150.0);
        }
        assert_eq!(deadline, 2_050.0);
    }

    #[test]
    fn one_save_at_a_time_and_one_more_after_it_when_due_meanwhile() {
        let mut a = Autosave::default();
        a.edited(0.0);
        assert_eq!(a.due(), SaveNow::Start);
        assert!(a.in_flight());
        a.edited(100.0);
        assert_eq!(a.due(), SaveNow::Wait, "never two writes at once");
        assert_eq!(
            a.finished(),
            SaveNow::Start,
            "the edit made meanwhile is saved next"
        );
        assert_eq!(a.finished(), SaveNow::Wait);
        assert!(!a.in_flight());
    }

    #[test]
    fn writes_extend_the_revision_this_tab_knows() {
        let mut r = Revisions::default();
        let first = r.write("d1");
        assert_eq!((first.expect, first.revision), (None, 1));
        r.finished(&first, WriteOutcome::Written(1));
        let second = r.write("d1");
        assert_eq!((second.expect, second.revision), (Some(1), 2));
        r.finished(&second, WriteOutcome::Conflict { stored: Some(5) });
        assert_eq!(r.known("d1"), Some(1), "a refused write changes nothing");
        r.read("d1", 5);
        assert_eq!(r.write("d1").expect, Some(5));
        r.forget("d1");
        assert_eq!(r.write("d1").expect, None);
    }

    #[test]
    fn a_write_goes_ahead_only_over_the_revision_it_extends() {
        assert!(may_write(Some(3), Some(3)));
        assert!(may_write(None, None));
        assert!(!may_write(Some(3), Some(4)), "another tab saved since");
        assert!(!may_write(Some(3), None), "deleted since");
        assert!(
            !may_write(None, Some(1)),
            "a new article never replaces another"
        );
    }

    fn entry(base: Option<u64>) -> JournalEntry {
        JournalEntry {
            id: "d1".into(),
            base,
            record: "new".into(),
        }
    }

    #[test]
    fn a_journal_is_stored_when_it_extends_what_is_stored() {
        assert_eq!(
            plan_journal(&entry(Some(4)), Some((4, "old"))),
            JournalPlan::Store { expect: Some(4) }
        );
        assert_eq!(
            plan_journal(&entry(None), None),
            JournalPlan::Store { expect: None }
        );
    }

    #[test]
    fn a_journal_already_stored_or_of_a_deleted_article_is_dropped() {
        assert_eq!(
            plan_journal(&entry(Some(4)), Some((5, "new"))),
            JournalPlan::Discard
        );
        assert_eq!(plan_journal(&entry(Some(4)), None), JournalPlan::Discard);
    }

    #[test]
    fn a_journal_that_storage_moved_past_is_kept_as_a_copy() {
        assert_eq!(
            plan_journal(&entry(Some(4)), Some((6, "other"))),
            JournalPlan::StoreAsCopy
        );
        assert_eq!(
            plan_journal(&entry(None), Some((1, "other"))),
            JournalPlan::StoreAsCopy
        );
    }

    #[test]
    fn tab_messages_round_trip_as_json_and_strangers_are_ignored() {
        for m in [
            TabMessage::Saved {
                id: "d1".into(),
                revision: 3,
            },
            TabMessage::Deleted { id: "d2".into() },
            TabMessage::Library,
            TabMessage::HandOver { id: "d3".into() },
        ] {
            assert_eq!(TabMessage::from_json(&m.to_json()), Some(m));
        }
        assert_eq!(
            TabMessage::to_json(&TabMessage::Library),
            r#"{"type":"library"}"#
        );
        assert_eq!(TabMessage::from_json(r#"{"type":"dance"}"#), None);
        assert_eq!(TabMessage::from_json(r#"{"type":"saved","id":"d1"}"#), None);
        assert_eq!(TabMessage::from_json("not json"), None);
    }

    #[test]
    fn ids_are_d_and_32_hex_digits_and_distinct_bytes_give_distinct_ids() {
        let id = new_id([0xab; 16]);
        assert_eq!(id, format!("d{}", "ab".repeat(16)));
        let mut seen = std::collections::HashSet::new();
        // 2,000 ids in one loop, as a JSONL import of 2,000 articles makes them, from a
        // deterministic stand-in for the page's random source (xorshift).
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2_000 {
            let mut bytes = [0u8; 16];
            for b in &mut bytes {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                *b = (x >> 24) as u8;
            }
            let id = new_id(bytes);
            assert_eq!(id.len(), 33);
            assert!(id[1..].bytes().all(|c| c.is_ascii_hexdigit()));
            assert!(seen.insert(id), "an id repeated");
        }
        assert_ne!(new_id([0; 16]), new_id([1; 16]));
    }
}
