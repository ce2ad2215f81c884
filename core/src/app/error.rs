//! Everything that can go wrong at the edge, typed: the shell reports these in events, and
//! the model words them (the banner's "Autosave is off: …", the status line's "Could not …").

use thiserror::Error;

/// How long opening the browser's storage may take before autosave is declared off.
pub const OPEN_TIMEOUT_MS: u32 = 5_000;

/// Why the browser's storage did not do what was asked, worded for "Autosave is off: …".
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum StorageError {
    /// The browser offers no IndexedDB here.
    #[error("this browser offers no storage here (a private window may block it)")]
    Unavailable,
    /// The quota is used up.
    #[error("the browser's storage is full")]
    Full,
    /// Opening did not finish within [`OPEN_TIMEOUT_MS`], nothing blocking it.
    #[error("the browser's storage did not open within {} seconds", OPEN_TIMEOUT_MS / 1000)]
    TimedOut,
    /// Opening did not finish: another tab kept an upgrade blocked.
    #[error("another tab with an older version of this app is keeping the storage closed; close that tab and reload")]
    Blocked,
    /// Another tab opened a newer version of the database: this tab's connection is closed.
    #[error("a newer version of this app opened in another tab; reload this page")]
    Replaced,
    /// Anything else the browser reported.
    #[error("the browser's storage failed ({0})")]
    Failed(String),
}

/// An error from the edge: storage, the clipboard, a download, a saved record.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum AppError {
    /// The browser's storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The clipboard refused the text, with the browser's reason.
    #[error("{0}")]
    Clipboard(String),
    /// The browser refused a download.
    #[error("the browser refused the download")]
    DownloadRefused,
    /// Another tab edits that article, so this one may not change it.
    #[error("that article is open for editing in another tab, so only that tab may change it")]
    EditedElsewhere,
    /// Another tab stored that article between reading and writing it.
    #[error("it was changed in another tab meanwhile; try again")]
    ChangedElsewhere,
    /// The article is no longer in storage.
    #[error("it is no longer saved")]
    NotSaved,
    /// A stored record could not be read.
    #[error("its saved data could not be read ({0})")]
    Unreadable(String),
}
