//! Autosave and the library, carried out at the edge. The decisions (when a save is due, which
//! revision a write extends, what a journalled record becomes) are `core::autosave`'s; this
//! module does the storage, lock and channel work and tells the reducer what happened.
//!
//! - Saving: a change is saved 300 ms after the last one, and at least once a second during
//!   continuous editing; one write at a time; each write checked against the stored revision.
//! - Leaving: a tab with unsaved changes journals them to localStorage at once (`pagehide` and
//!   hidden) and starts a save; a tab with nothing unsaved writes nothing.
//! - Tabs: one editing tab per article ([`crate::browser::locks`]); the others are read only,
//!   follow its saves, and can ask for editing to be handed over ([`tabs`]).

mod drafts;
mod library;
mod open;
mod save;
mod tabs;

use crate::browser::journal;
use crate::browser::locks::{Held, Queued};
use crate::browser::storage::Store;
use crate::browser::tabs::Channel;
use crate::state::{AppState, Msg};
use annotator_core::app::Notice;
use annotator_core::autosave::{Autosave, Revisions, TabMessage};
use gloo::timers::callback::Timeout;
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::{UseReducerDispatcher, UseReducerHandle};

/// The `meta` key of the text being pasted or edited.
const DRAFT: &str = "draft";

/// A title and text being pasted (`id: None`) or edited (the article's id), saved as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The article whose text is being edited, if any.
    pub id: Option<String>,
    /// The title field.
    pub title: String,
    /// The text field.
    pub text: String,
}

/// Everything autosave keeps between calls. One per app, shared by its callbacks.
pub struct Persist {
    dispatch: UseReducerDispatcher<AppState>,
    latest: Rc<RefCell<UseReducerHandle<AppState>>>,
    store: RefCell<Option<Store>>,
    autosave: RefCell<Autosave>,
    revisions: RefCell<Revisions>,
    timer: RefCell<Option<Timeout>>,
    /// The lock of the article this tab edits.
    held: RefCell<Option<(String, Held)>>,
    /// The queue this tab waits in for the lock of the article it shows read only.
    queued: RefCell<Option<(String, Queued)>>,
    channel: RefCell<Option<Channel>>,
    /// The article and local revision last journalled as the page went away.
    journaled: RefCell<Option<(String, u64)>>,
    asked_persist: Cell<bool>,
    draft: RefCell<Option<Draft>>,
    draft_clock: RefCell<Autosave>,
    draft_timer: RefCell<Option<Timeout>>,
    library_timer: RefCell<Option<Timeout>>,
    /// The document piece (title and text) of the last record saved, as a `Blob`, with the
    /// text and title it was written from: the next save of the same text reuses it.
    document_piece: RefCell<Option<save::DocumentPiece>>,
}

impl Persist {
    /// The app's autosave, reading the state through `latest` (updated on every render).
    pub fn new(
        dispatch: UseReducerDispatcher<AppState>,
        latest: Rc<RefCell<UseReducerHandle<AppState>>>,
    ) -> Rc<Persist> {
        Rc::new(Persist {
            dispatch,
            latest,
            store: RefCell::new(None),
            autosave: RefCell::new(Autosave::default()),
            revisions: RefCell::new(Revisions::default()),
            timer: RefCell::new(None),
            held: RefCell::new(None),
            queued: RefCell::new(None),
            channel: RefCell::new(None),
            journaled: RefCell::new(None),
            asked_persist: Cell::new(false),
            draft: RefCell::new(None),
            draft_clock: RefCell::new(Autosave::default()),
            draft_timer: RefCell::new(None),
            library_timer: RefCell::new(None),
            document_piece: RefCell::new(None),
        })
    }

    /// The state as last rendered (cheap: the document and history are shared).
    pub(super) fn state(&self) -> Rc<AppState> {
        Rc::new((**self.latest.borrow()).clone())
    }

    pub(super) fn store(&self) -> Option<Store> {
        self.store.borrow().clone()
    }

    pub(super) fn send(&self, msg: Msg) {
        self.dispatch.dispatch(msg);
    }

    pub(super) fn notify(&self, notice: Notice) {
        self.send(Msg::Notice(notice));
    }

    pub(super) fn post(&self, message: &TabMessage) {
        if let Some(c) = self.channel.borrow().as_ref() {
            c.post(message);
        }
    }

    /// A callback that runs `job` (one of the async methods here) with its argument, in the
    /// background.
    pub fn task<A: 'static, F: std::future::Future<Output = ()> + 'static>(
        self: &Rc<Self>,
        job: impl Fn(Rc<Self>, A) -> F + 'static,
    ) -> yew::Callback<A> {
        let persist = Rc::clone(self);
        yew::Callback::from(move |arg: A| {
            wasm_bindgen_futures::spawn_local(job(Rc::clone(&persist), arg))
        })
    }

    /// The open article is fully built: its opening finished.
    pub fn opened(&self) {
        journal::opened();
    }

    /// Saves what is on screen, then starts a new article.
    pub async fn new_article(self: Rc<Self>) {
        self.flush().await;
        self.let_go();
        self.clear_draft();
        self.send(Msg::NewArticle);
    }

    /// Saves what is on screen, then opens another saved article.
    pub async fn switch_to(self: Rc<Self>, id: String) {
        self.flush().await;
        self.clear_draft();
        self.open(id, false).await;
    }
}
