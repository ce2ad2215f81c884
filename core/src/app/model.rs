//! What the app holds: the article, its history, and what the screen shows around them.

use super::error::AppError;
use super::import::PendingImport;
use crate::library::Summary;
use crate::review::{Pending, SuggestionKey};
use crate::{AnnotationId, Document, History, Text, Utf16Offset};
use std::rc::Rc;
use std::sync::Arc;

/// Which screen is showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The paste box.
    Input,
    /// The article view with its labels and list.
    Annotate,
}

/// The colour theme the user chose: the system's (`prefers-color-scheme`), or one of the two.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system's setting.
    #[default]
    System,
    /// Light, whatever the system says.
    Light,
    /// Dark, whatever the system says.
    Dark,
}

impl Theme {
    /// Every choice, in menu order.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The stored form, also the page's `data-theme` attribute: `system`, `light`, `dark`.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The menu's words for it.
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    /// The theme stored as `s` ([`Theme::as_str`]); the system's for anything else.
    pub fn parse(s: &str) -> Theme {
        Theme::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .unwrap_or_default()
    }
}

/// A modal panel over the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialog {
    /// The label editor.
    Labels,
    /// The keyboard shortcuts.
    Help,
    /// The library of saved articles.
    Library,
    /// The attribution table.
    WhoSaidWhat,
}

/// Where autosave stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing saved yet.
    Idle,
    /// The last save worked (what changed since is being saved: see `saved_revision`).
    Saved,
    /// The last save failed, for this reason.
    Failed(AppError),
    /// Storage can't be used at all, for this reason.
    Off(AppError),
}

/// Whether this tab may change the open article. One tab edits an article at a time (a Web
/// Lock per article); another tab that opens it shows it read only and follows its saves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// This tab edits the article.
    Editing,
    /// Another tab edits it.
    ReadOnly {
        /// This tab asked the other to hand editing over.
        asked: bool,
        /// …and it has not answered in a few seconds (it may be frozen): taking over is offered.
        slow: bool,
    },
}

/// The article in storage moved on without this tab: its unsaved changes are kept on screen
/// until the user chooses what to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// Another tab saved the article since this tab last read it.
    ChangedElsewhere,
    /// Another tab deleted the article.
    DeletedElsewhere,
}

/// How much the browser lets this page store.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StorageInfo {
    /// Bytes used by this origin.
    pub usage: f64,
    /// Bytes it may use.
    pub quota: f64,
    /// Whether the browser promised not to clear it under storage pressure.
    pub persisted: bool,
}

/// Saved data that could not be read, kept for the user to download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damaged {
    /// Its storage id.
    pub id: String,
    /// Why it could not be read.
    pub reason: String,
    /// The record as stored.
    pub raw: Rc<String>,
}

/// A line for the status area. `seq` makes a repeated message count as new for screen readers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// What to say.
    pub text: String,
    /// Whether it reports a problem.
    pub is_error: bool,
    /// The technical detail behind it (a reader's own message), for a "Details" toggle.
    pub detail: Option<String>,
    /// Increases with every message.
    pub seq: u64,
}

/// A text replacement waiting for the user to agree to losing annotations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingReplace {
    /// The new text.
    pub text: Arc<Text>,
    /// The new title.
    pub title: Option<String>,
    /// How many annotations it would remove.
    pub dropped: usize,
}

/// What the next click on a speaker (or pick from the list) will do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pick {
    /// Attribute this quote or claim to the speaker picked.
    Speaker(AnnotationId),
    /// Mark this speaker mention as the same speaker as the one picked.
    SameAs(AnnotationId),
}

/// Which end of a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// The first character.
    Start,
    /// One past the last character.
    End,
}

/// A raw selection in DOM units: (anchor, focus), in either order.
pub type Selection = Option<(Utf16Offset, Utf16Offset)>;

/// A large file of ours being read: its annotations are converted a slice at a time
/// ([`Event::ReadOn`](super::Event::ReadOn)), so that the page never waits long, and the
/// screen shows how far it has got.
#[derive(Clone, Debug)]
pub struct Reading {
    /// The file's name.
    pub name: String,
    /// Its contents, kept to explain a fault found later in the file.
    pub(super) bytes: Rc<Vec<u8>>,
    /// The reader. Shared by the models of one reading; only the newest steps it.
    pub(super) reader: Rc<std::cell::RefCell<Option<crate::formats::v1::Reader>>>,
    /// Annotations converted, of how many.
    pub done: usize,
    /// How many the file holds.
    pub total: usize,
}

/// Everything the screen shows.
#[derive(Clone, Debug)]
pub struct Model {
    /// The document being annotated.
    pub doc: Rc<Document>,
    /// Undo and redo (cheap to clone).
    pub history: History,
    /// Which screen shows.
    pub stage: Stage,
    /// Whether selections grow to whole words.
    pub snap_words: bool,
    /// The latest status line.
    pub message: Option<Message>,
    /// A replacement waiting for confirmation.
    pub pending: Option<PendingReplace>,
    /// The selected annotation.
    pub selected: Option<AnnotationId>,
    /// The annotations under the last click, innermost first, for cycling.
    pub under_pointer: Vec<AnnotationId>,
    /// The open dialog.
    pub dialog: Option<Dialog>,
    /// The annotation whose highlight flashes, and the flash's nonce.
    pub flash: Option<(AnnotationId, u64)>,
    /// The storage id of the document (none until it is first annotated).
    pub doc_id: Option<String>,
    /// Counts changes to the document or its history; autosave watches it.
    pub revision: u64,
    /// The revision last saved.
    pub saved_revision: u64,
    /// Where autosave stands.
    pub save: SaveState,
    /// The saved articles.
    pub library: Rc<Vec<Summary>>,
    /// Saved data found damaged at start-up.
    pub damaged: Option<Damaged>,
    /// A speaker being chosen, and for what.
    pub picking: Option<Pick>,
    /// Suggestions under review (none when not reviewing).
    pub suggestions: Option<Rc<Vec<Pending>>>,
    /// The suggestion in focus, by key.
    pub suggestion: Option<SuggestionKey>,
    /// A Suggest waiting for the rules' answer: its number and the text it asked about.
    pub finding: Option<(u64, std::sync::Arc<crate::Text>)>,
    /// Counts the requests made of the worker (Suggests, files read, exports written), so each
    /// answer is matched to its request.
    pub asks: u64,
    /// Other tools' files being read by the worker: the request and the files' names.
    pub finding_files: Option<(u64, String)>,
    /// Exports being written by the worker, each with its request.
    pub exporting: Vec<(u64, PendingExport)>,
    /// Keys of rejected suggestions (saved with the document).
    pub rejected: Rc<Vec<String>>,
    /// Whether this tab may change the article.
    pub access: Access,
    /// Storage moved on without this tab's unsaved changes.
    pub conflict: Option<Conflict>,
    /// A title and text being pasted or edited, restored after a reload, for the paste box.
    pub draft: Option<(String, String)>,
    /// What the browser says of storage (read when the library opens).
    pub storage: Option<StorageInfo>,
    /// Counts the articles opened from storage or a file: the view reports when each is built.
    pub opened: u64,
    /// Counts the flashes shown, so each flash is told from the one before.
    pub flashes: u64,
    /// Whether each attributed quote shows its speaker's name in the text (off: the speaker
    /// shows on hover, on selection and in the list, and the text never reflows).
    pub show_speakers: bool,
    /// The colour theme chosen (remembered between visits).
    pub theme: Theme,
    /// Files read into a preview, waiting for **Import** or **Cancel**.
    pub import: Option<Rc<PendingImport>>,
    /// The label mapping of earlier imports: (foreign name, our name).
    pub label_memory: Rc<Vec<(String, String)>>,
    /// A file of ours being read a slice at a time (see [`Reading`]).
    pub reading: Option<Reading>,
    /// The open article's imported predictions not reviewed yet (saved with it, offered for
    /// review whenever it is opened; accepting or rejecting one takes it off).
    pub predictions: Rc<Vec<crate::review::Prediction>>,
    /// A new version of the app waiting to take over.
    pub new_version: super::version::NewVersion,
}

impl Model {
    /// The browser tab's title: the open article's title, then the app's name.
    pub fn page_title(&self) -> String {
        match self.doc.title().map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) if self.stage == Stage::Annotate => format!("{t} — Article Annotator"),
            _ => "Article Annotator".to_owned(),
        }
    }

    /// The header's word on saving: "Saved" only when what is shown is stored.
    pub fn save_status(&self) -> &'static str {
        match &self.save {
            SaveState::Failed(_) | SaveState::Off(_) => "Not saved",
            _ if self.conflict.is_some() => "Not saved",
            _ if self.access != Access::Editing => "Read only",
            _ if self.doc_id.is_some() && self.saved_revision < self.revision => "Saving…",
            SaveState::Saved => "Saved",
            SaveState::Idle => "",
        }
    }
}

impl PendingReplace {
    /// What the confirmation asks.
    pub fn question(&self) -> String {
        let covers = if self.dropped == 1 {
            "1 annotation covers".to_owned()
        } else {
            format!("{} annotations cover", self.dropped)
        };
        format!("{covers} text you changed and will be removed. The others are kept.")
    }
}

/// How long a shown annotation's highlight flashes, in milliseconds.
pub const FLASH_MS: u32 = 1_500;

impl Default for Model {
    fn default() -> Self {
        Model {
            doc: Rc::new(Document::default()),
            history: History::default(),
            stage: Stage::Input,
            snap_words: true,
            message: None,
            pending: None,
            selected: None,
            under_pointer: Vec::new(),
            dialog: None,
            flash: None,
            doc_id: None,
            revision: 0,
            saved_revision: 0,
            save: SaveState::Idle,
            library: Rc::new(Vec::new()),
            damaged: None,
            picking: None,
            suggestions: None,
            suggestion: None,
            finding: None,
            asks: 0,
            finding_files: None,
            exporting: Vec::new(),
            rejected: Rc::new(Vec::new()),
            access: Access::Editing,
            conflict: None,
            draft: None,
            storage: None,
            opened: 0,
            flashes: 0,
            show_speakers: false,
            theme: Theme::System,
            import: None,
            label_memory: Rc::new(Vec::new()),
            reading: None,
            predictions: Rc::new(Vec::new()),
            new_version: super::version::NewVersion::None,
        }
    }
}

/// An export being written by the worker: what the download will be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingExport {
    /// The file's name.
    pub name: String,
    /// Its media type.
    pub mime: &'static str,
    /// The status line once the browser took it.
    pub said: String,
}
