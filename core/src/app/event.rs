//! Everything the user, a timer or storage can tell the app.

use super::error::AppError;
use super::import::{Destination, ImportFailure, ImportReport, LabelChoice, Picked};
use super::model::{Access, Conflict, Damaged, Dialog, Edge, Selection, StorageInfo, Theme};
use super::notice::Notice;
use crate::export::ExportFormat;
use crate::library::Summary;
use crate::review::SuggestionKey;
use crate::stamp::Stamp;
use crate::suggest::SuggestKind;
use crate::{Action, AnnotationId, Document, History, LabelId, Utf16Offset};

#[derive(Clone, Debug)]
pub enum Event {
    /// Use this text (and title) as the article.
    Annotate {
        /// The title field.
        title: String,
        /// The text as pasted.
        text: String,
        /// A fresh storage id, used when the document has none yet.
        new_id: String,
    },
    /// Start a new, empty article (the current one stays in the library).
    NewArticle,
    /// A saved document was read back: show it.
    Restore {
        /// Its storage id.
        id: String,
        /// The document.
        doc: Box<Document>,
        /// Its history.
        history: History,
        /// What was worked around while reading it.
        notices: Vec<String>,
        /// Keys of its rejected suggestions.
        rejected: Vec<String>,
        /// Its imported predictions not reviewed yet (offered for review as it opens).
        predictions: Vec<crate::review::Prediction>,
        /// Only if nothing has been started yet (the start-up restore).
        only_if_empty: bool,
        /// Whether this tab may edit it (false: another tab edits it).
        editing: bool,
    },
    /// The open article as another tab saved it (or as storage holds it): shown in place of
    /// what is on screen, which has nothing unsaved, keeping the selection where it still is.
    Follow {
        /// Its storage id.
        id: String,
        /// The document.
        doc: Box<Document>,
        /// Its history.
        history: History,
        /// Keys of its rejected suggestions.
        rejected: Vec<String>,
        /// Its imported predictions not reviewed yet.
        predictions: Vec<crate::review::Prediction>,
        /// Whether this tab may edit it now.
        editing: bool,
    },
    /// Whether this tab may edit the open article changed.
    SetAccess(Access),
    /// Storage moved on without this tab's changes (`None`: resolved).
    SetConflict(Option<Conflict>),
    /// The open article was stored under a new id (kept as a copy beside the one another tab
    /// changed, or an import's id was taken), with this title.
    Moved {
        /// The new id.
        id: String,
        /// The new title, if it changes.
        title: Option<String>,
        /// The local revision the copy holds.
        revision: u64,
    },
    /// A note being typed (saved as typed; the key strokes of one note are one undo step).
    NoteTyped {
        /// Which annotation.
        id: AnnotationId,
        /// The note so far.
        note: String,
    },
    /// A title and text being pasted, found after a reload: shown in the paste box.
    RestoreDraft {
        /// The title.
        title: String,
        /// The text.
        text: String,
    },
    /// What the browser says of storage.
    StorageInfo(StorageInfo),
    /// Saved data could not be read.
    FoundDamaged(Damaged),
    /// A new version of the app is cached and waiting to take over.
    NewVersionReady,
    /// "Update": let the new version take over (once the work is saved).
    TakeNewVersion,
    /// A save of revision `revision` finished.
    Saved {
        /// The revision saved.
        revision: u64,
        /// The saved document's summary.
        summary: Summary,
    },
    /// A save failed.
    SaveFailed(AppError),
    /// Storage can't be used.
    StorageOff(AppError),
    /// The library list was read.
    LibraryLoaded(Vec<Summary>),
    /// Rename the open article (undoable).
    Retitle(String),
    /// Rename an article of the library (the open one through [`Event::Retitle`]).
    RenameArticle {
        /// Its storage id.
        id: String,
        /// The new title.
        title: String,
    },
    /// A saved article was renamed in storage (the library as it now is), or could not be.
    Renamed {
        /// The new title.
        title: String,
        /// The library after the rename, or why it failed.
        result: Result<Vec<Summary>, AppError>,
    },
    /// Delete an article from the library (the open one is replaced by a new, empty one).
    DeleteArticle(String),
    /// An article was deleted from storage (the library as it now is), or could not be.
    Deleted {
        /// Its storage id.
        id: String,
        /// The library after the deletion, or why it failed.
        result: Result<Vec<Summary>, AppError>,
    },
    /// Download the whole library as one JSONL file.
    ExportAll,
    /// Every article, gathered for [`Event::ExportAll`]: the open one as on screen, the others
    /// as stored, oldest first; and when (the file name carries the date).
    LibraryGathered(Vec<Document>, Stamp),
    /// Download the saved data that could not be read, as it was found.
    DownloadDamaged,
    /// A file could not be imported: nothing was changed.
    ImportFailed {
        /// The file's name.
        name: String,
        /// Why.
        why: ImportFailure,
    },
    /// A file was imported (its first article is shown).
    Imported(ImportReport),
    /// Files chosen or dropped together, as the shell read them: the app's own are imported at
    /// once; others are read into a preview that changes nothing yet.
    FilesRead(Vec<Picked>),
    /// What the worker found in other tools' files read for `request`
    /// ([`Effect::ReadFiles`](super::Effect::ReadFiles)), or why it could not read them.
    FilesFound {
        /// The files' request.
        request: u64,
        /// What was found, or why nothing can be imported; `Err` when the worker failed.
        read: Result<crate::work::Read, String>,
    },
    /// Read on in the file being read (sent by [`Effect::Later`](super::Effect::Later)).
    ReadOn,
    /// In the import preview: where a foreign label's spans go.
    SetLabelTarget {
        /// The label's name in the file.
        foreign: String,
        /// One of ours, or a new label.
        choice: LabelChoice,
    },
    /// In the import preview: skip malformed lines, or refuse the whole import.
    SetImportMode(crate::formats::import::Mode),
    /// In the import preview: new articles, or suggestions on the open article.
    SetImportDestination(Destination),
    /// Import what the preview shows.
    ConfirmImport,
    /// Close the preview; nothing changes.
    CancelImport,
    /// The label mapping remembered from earlier imports (foreign name, our name).
    LabelMemory(Vec<(String, String)>),
    /// Go ahead with the pending replacement.
    ConfirmReplace,
    /// Drop the pending replacement (the edit stays in the paste box).
    CancelReplace,
    /// Back to the paste box to edit the text.
    EditText,
    /// Leave the paste box without changing the text.
    CancelEdit,
    /// Turn word snapping on or off.
    SetSnap(bool),
    /// Show or hide the speakers' names after attributed quotes in the text.
    SetShowSpeakers(bool),
    /// The user chose a colour theme (More → Theme).
    SetTheme(Theme),
    /// The theme remembered from an earlier visit, read at start-up.
    ThemeRemembered(Theme),
    /// The paste box changed: an error about it no longer applies.
    ClearError,
    /// Select the next (or previous) annotation in the text, after the selected one or the
    /// caret; with `same_label`, the next one of the selected annotation's label.
    Step {
        /// Forward in the text, else backward.
        forward: bool,
        /// Only annotations of the selected one's label.
        same_label: bool,
        /// Where the caret is in the article, when no annotation is selected.
        caret: Option<crate::offset::Utf16Offset>,
    },
    /// A label button or key: label the selection, or relabel the selected annotation.
    Label {
        /// Which label.
        label: LabelId,
        /// The DOM selection.
        selection: Selection,
    },
    /// A shortcut key was pressed outside text fields.
    Key {
        /// The key.
        key: char,
        /// The DOM selection when it was pressed.
        selection: Selection,
    },
    /// Remove an annotation.
    Delete(AnnotationId),
    /// Remove the selected annotation.
    DeleteSelected,
    /// Select an annotation, or none.
    Select(Option<AnnotationId>),
    /// Select an annotation and flash its highlight (the list's "Show").
    Show(AnnotationId),
    /// The flash with this nonce is over.
    EndFlash(u64),
    /// A click on highlighted text covered by these annotations (innermost first).
    ClickAnnotations(Vec<AnnotationId>),
    /// Tab or Shift+Tab among the annotations under the last click.
    Cycle {
        /// Forward (Tab) or back (Shift+Tab).
        forward: bool,
    },
    /// Move an end of the selected annotation by a word (or a grapheme without snapping).
    Nudge {
        /// Which end.
        edge: Edge,
        /// Right (true) or left.
        forward: bool,
    },
    /// Move an end of an annotation to a DOM position (a dragged handle).
    ResizeTo {
        /// Which annotation.
        id: AnnotationId,
        /// Which end.
        edge: Edge,
        /// Where, in UTF-16 units.
        at: Utf16Offset,
    },
    /// Set the note of an annotation.
    SetNote {
        /// Which annotation.
        id: AnnotationId,
        /// The note (empty clears it).
        note: String,
    },
    /// Label every whole-word occurrence of the selected annotation's text.
    AnnotateAllSelected,
    /// A label-set edit from the label editor.
    EditLabels(Action),
    /// Start choosing the speaker of the selected quote or claim ("Attribute", key A).
    StartAttribute,
    /// Start choosing another mention of the selected speaker ("Same speaker as…").
    StartLink,
    /// Stop choosing.
    CancelPick,
    /// The speaker mention chosen.
    PickTarget(AnnotationId),
    /// Remove the selected quote's or claim's attribution.
    Unattribute,
    /// Set the selected quote's kind.
    SetKind(Option<crate::QuoteKind>),
    /// Make the text selection the selected quote's cue (with no selection, say how).
    SetCue(Selection),
    /// Clear the selected quote's cue.
    ClearCue,
    /// Take the selected speaker mention out of its entity.
    Unlink,
    /// Run the suggestion rules ("Suggest", key G): asks the shell to
    /// ([`Effect::FindSuggestions`](super::Effect::FindSuggestions)).
    Suggest,
    /// What the rules found for the Suggest numbered `request`, or why they could not run.
    SuggestionsFound {
        /// The request answered.
        request: u64,
        /// The spans found in the text it was asked for.
        found: Result<Vec<annotator_rules::Raw>, String>,
    },
    /// Stop reviewing suggestions.
    CloseSuggestions,
    /// Focus a suggestion.
    FocusSuggestion(SuggestionKey),
    /// A click on a suggestion's highlight: focus the suggestion at this place in the list.
    ClickSuggestion(usize),
    /// Accept a suggestion (a quote brings its speaker and attribution along).
    AcceptSuggestion(SuggestionKey),
    /// Reject a suggestion for good.
    RejectSuggestion(SuggestionKey),
    /// Accept every suggestion of one kind.
    AcceptAll(SuggestKind),
    /// Accept every quote suggestion left, without their speakers and attributions.
    AcceptQuotesWithoutSpeakers,
    /// Accept every proposed `same_as` link left (with the suggested mentions they join).
    AcceptAllLinks,
    /// Accept every suggestion left, in one step.
    AcceptEverything,
    /// Give a quote suggestion another speaker (a speaker mention's span), or none, before
    /// accepting it.
    SetSuggestedSpeaker {
        /// The quote suggestion.
        key: SuggestionKey,
        /// Its speaker mention from now on.
        speaker: Option<crate::Span>,
    },
    /// "Group speakers": propose `same_as` links between the speaker annotations, to review.
    GroupSpeakers,
    /// Reject every suggestion left.
    RejectAll,
    /// Undo the last step.
    Undo,
    /// Redo the last undone step.
    Redo,
    /// Open a dialog, or close it with `None`.
    SetDialog(Option<Dialog>),
    /// Download the article in this format, now (local time, for a name without a title).
    Export(ExportFormat, Stamp),
    /// The bytes the worker wrote for the export `request`
    /// ([`Effect::WriteExport`](super::Effect::WriteExport)), or why it could not.
    ExportWritten {
        /// The export's request.
        request: u64,
        /// The file's bytes.
        bytes: Result<Vec<u8>, String>,
    },
    /// Download the attribution table ("Who said what") as CSV, now.
    ExportAttribution(Stamp),
    /// Copy the article's JSON to the clipboard.
    CopyJson,
    /// A download was offered to the browser (`ok`), or refused; `said` is what to tell.
    Downloaded {
        /// What to say when it worked.
        said: String,
        /// Whether the browser took it.
        ok: bool,
    },
    /// The clipboard took the text, or refused it for this reason.
    Copied(Result<(), AppError>),
    /// Something the user should know happened at the edge (a tab handed over, a recovery).
    Notice(Notice),
}

/// What a read-only tab says when asked to change the article.
pub const READ_ONLY: &str = "This article is open for editing in another tab, so here it is read only. Press “Edit here instead” at the top to edit it in this tab.";

impl Event {
    /// Whether the message asks to change the open article (refused in a read-only tab).
    pub fn changes_document(&self) -> bool {
        matches!(
            self,
            Event::Annotate { .. }
                | Event::Retitle(_)
                | Event::ConfirmReplace
                | Event::EditText
                | Event::Label { .. }
                | Event::Key { .. }
                | Event::Delete(_)
                | Event::DeleteSelected
                | Event::Nudge { .. }
                | Event::ResizeTo { .. }
                | Event::SetNote { .. }
                | Event::NoteTyped { .. }
                | Event::AnnotateAllSelected
                | Event::EditLabels(_)
                | Event::StartAttribute
                | Event::StartLink
                | Event::PickTarget(_)
                | Event::Unattribute
                | Event::SetKind(_)
                | Event::SetCue(_)
                | Event::ClearCue
                | Event::Unlink
                | Event::AcceptSuggestion(_)
                | Event::RejectSuggestion(_)
                | Event::AcceptAll(_)
                | Event::AcceptQuotesWithoutSpeakers
                | Event::AcceptAllLinks
                | Event::AcceptEverything
                | Event::RejectAll
                | Event::Undo
                | Event::Redo
        )
    }
}
