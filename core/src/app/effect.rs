//! What the app asks the shell to do: effects as data. The shell carries each out and, where
//! the result matters, tells the app by an [`Event`](super::Event).

use super::event::Event;
use super::import::Batch;
use crate::AnnotationId;

/// Where focus goes after an action removed what had it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The annotations list's heading.
    ListHeading,
    /// The suggestions panel's heading.
    ReviewHeading,
    /// An annotation's entry in the list (its "show" button).
    ListRow(AnnotationId),
    /// The article.
    Article,
}

/// One thing for the shell to do.
#[derive(Clone, Debug)]
pub enum Effect {
    /// Offer a file for download, then send [`Event::Downloaded`] with `said` (what to tell
    /// the user when it worked).
    Download {
        /// The file name offered.
        name: String,
        /// Its MIME type.
        mime: &'static str,
        /// Its bytes.
        bytes: Vec<u8>,
        /// The status line once the browser took it.
        said: String,
    },
    /// Put text on the clipboard, then send [`Event::Copied`].
    Copy(String),
    /// Scroll the article so this annotation shows.
    ScrollTo(AnnotationId),
    /// Rename a saved article that is not open, then send [`Event::Renamed`].
    RenameStored {
        /// Its storage id.
        id: String,
        /// The new title.
        title: String,
    },
    /// Delete a saved article, then send [`Event::Deleted`].
    DeleteStored(String),
    /// Let go of the open article (its lock and its pending saves): it no longer exists.
    Release,
    /// Read every article of the library, then send [`Event::LibraryGathered`].
    GatherLibrary,
    /// Once the screen shows the change, move keyboard focus here if it was lost (it was on
    /// something the change removed, such as an "Accept all" button); focus still on
    /// something is left there, and the page does not scroll.
    FocusIfLost(Focus),
    /// Once the screen shows the change (and a dialog that closed for it gave focus back),
    /// move keyboard focus here wherever it is: the article, for a review that starts as an
    /// article opens, so its keys (Enter, Backspace) work at once, not on the button that
    /// opened the library.
    FocusOn(Focus),
    /// Let the waiting new version of the app take over, and reload into it.
    TakeNewVersion,
    /// Store each batch's articles under fresh ids and show the first article of the first
    /// batch (one batch after another), then send [`Event::Imported`] for each.
    StoreImports(Vec<Batch>),
    /// Keep the label mapping (foreign name, our name) for the next import, across sessions.
    RememberLabels(Vec<(String, String)>),
    /// Keep the colour theme for the next visit, and show it now.
    RememberTheme(super::model::Theme),
    /// Send `event` back in a task of its own, queued now: what is waiting goes first (input,
    /// a frame that is due, so what this update shows gets painted), but nothing waits for a
    /// frame that is not due.
    Yield(Box<Event>),
    /// Run the suggestion rules on `text` (in the page, in a worker of their own), then send
    /// [`Event::SuggestionsFound`] with `request`.
    FindSuggestions {
        /// Which Suggest this answers.
        request: u64,
        /// The article's text.
        text: std::sync::Arc<crate::Text>,
    },
    /// Read other tools' files into what they hold (in the page's worker, with their readers),
    /// then send [`Event::FilesFound`] with `request`.
    ReadFiles {
        /// Which files these are.
        request: u64,
        /// The files.
        files: Vec<crate::formats::import::InputFile>,
        /// The open article's text (W3C and CoNLL files without a `.txt` are anchored on it).
        open_text: Option<std::sync::Arc<crate::Text>>,
    },
    /// Write the document in another tool's format (in the page's worker, with its writer;
    /// [`crate::work::write_export`]), then send [`Event::ExportWritten`] with `request`.
    WriteExport {
        /// Which export this is.
        request: u64,
        /// The format.
        format: crate::export::ExportFormat,
        /// The document, as a file of ours.
        json: String,
        /// What names the files inside a zip.
        base: String,
        /// The document's library id (the W3C export's document URN).
        id: Option<String>,
    },
    /// Send `event` back after `ms` milliseconds.
    Later {
        /// How long to wait.
        ms: u32,
        /// What to send.
        event: Box<Event>,
    },
}
