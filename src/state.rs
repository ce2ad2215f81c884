//! The app's one reducer: the document, its undo history, and what the screen shows around
//! them. Every change is a [`Msg`]; [`AppState::reduce`] is pure (no storage, no DOM): effects
//! happen in the callbacks that dispatch.

use annotator_core::attribution;
use annotator_core::library::Summary;
use annotator_core::review::{self, Pending};
use annotator_core::suggest::SuggestKind;
use annotator_core::Proposal;
use annotator_core::{
    Action, AnnotationId, ByteOffset, Document, History, LabelId, Span, Text, Utf16Offset,
};
use std::collections::HashSet;
use std::rc::Rc;
use std::sync::Arc;
use yew::Reducible;

/// Which screen is showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The paste box.
    Input,
    /// The article view with its labels and list.
    Annotate,
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
    Failed(String),
    /// Storage can't be used at all, for this reason.
    Off(String),
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

/// Everything the screen shows.
#[derive(Clone, Debug)]
pub struct AppState {
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
    pub suggestion: Option<String>,
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
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
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
            rejected: Rc::new(Vec::new()),
            access: Access::Editing,
            conflict: None,
            draft: None,
            storage: None,
            opened: 0,
        }
    }
}

/// Everything the UI can ask for.
#[derive(Clone, Debug)]
pub enum Msg {
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
    /// A save of revision `revision` finished.
    Saved {
        /// The revision saved.
        revision: u64,
        /// The saved document's summary.
        summary: Summary,
    },
    /// A save failed.
    SaveFailed(String),
    /// Storage can't be used.
    StorageOff(String),
    /// The library list was read.
    LibraryLoaded(Vec<Summary>),
    /// Rename the open article (undoable).
    Retitle(String),
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
    Show {
        /// Which annotation.
        id: AnnotationId,
        /// Tells this flash from later ones.
        nonce: u64,
    },
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
    SetKind(Option<annotator_core::QuoteKind>),
    /// Make the text selection the selected quote's cue (`None` clears the cue).
    SetCue(Selection),
    /// Take the selected speaker mention out of its entity.
    Unlink,
    /// Run the suggestion rules ("Suggest", key G).
    Suggest,
    /// Stop reviewing suggestions.
    CloseSuggestions,
    /// Focus a suggestion.
    FocusSuggestion(String),
    /// Accept a suggestion (a quote brings its speaker and attribution along).
    AcceptSuggestion(String),
    /// Reject a suggestion for good.
    RejectSuggestion(String),
    /// Accept every suggestion of one kind.
    AcceptAll(SuggestKind),
    /// Reject every suggestion left.
    RejectAll,
    /// Undo the last step.
    Undo,
    /// Redo the last undone step.
    Redo,
    /// Open a dialog, or close it with `None`.
    SetDialog(Option<Dialog>),
    /// Show a status line.
    Notify {
        /// What to say.
        text: String,
        /// Whether it reports a problem.
        is_error: bool,
    },
}

/// What a read-only tab says when asked to change the article.
pub const READ_ONLY: &str = "This article is open for editing in another tab, so here it is read only. Press “Edit here instead” at the top to edit it in this tab.";

impl Msg {
    /// Whether the message asks to change the open article (refused in a read-only tab).
    pub fn changes_document(&self) -> bool {
        matches!(
            self,
            Msg::Annotate { .. }
                | Msg::Retitle(_)
                | Msg::ConfirmReplace
                | Msg::EditText
                | Msg::Label { .. }
                | Msg::Key { .. }
                | Msg::Delete(_)
                | Msg::DeleteSelected
                | Msg::Nudge { .. }
                | Msg::ResizeTo { .. }
                | Msg::SetNote { .. }
                | Msg::NoteTyped { .. }
                | Msg::AnnotateAllSelected
                | Msg::EditLabels(_)
                | Msg::StartAttribute
                | Msg::StartLink
                | Msg::PickTarget(_)
                | Msg::Unattribute
                | Msg::SetKind(_)
                | Msg::SetCue(_)
                | Msg::Unlink
                | Msg::AcceptSuggestion(_)
                | Msg::RejectSuggestion(_)
                | Msg::AcceptAll(_)
                | Msg::RejectAll
                | Msg::Undo
                | Msg::Redo
        )
    }
}

impl AppState {
    fn say(&mut self, text: impl Into<String>, is_error: bool) {
        let seq = self.message.as_ref().map_or(1, |m| m.seq + 1);
        self.message = Some(Message {
            text: text.into(),
            is_error,
            seq,
        });
    }

    /// Applies a core action through the history, reporting a refusal in the status line.
    fn act(&mut self, action: &Action) -> bool {
        let recorded = self.history.recorded();
        let before = self.history.clone(); // O(1): persistent lists
        match self.history.apply(&self.doc, action) {
            Ok(doc)
                if doc.annotations().len() > annotator_core::limits::MAX_ANNOTATIONS
                    && doc.annotations().len() > self.doc.annotations().len() =>
            {
                // The article stays as it was, and so does its history.
                self.history = before;
                self.say(
                    format!(
                        "That would make more than {} annotations, the most one article can hold; nothing was changed.",
                        annotator_core::limits::thousands(annotator_core::limits::MAX_ANNOTATIONS)
                    ),
                    true,
                );
                false
            }
            Ok(doc) => {
                if self.history.recorded() != recorded {
                    self.revision += 1;
                }
                self.doc = Rc::new(doc);
                self.keep_selection_valid();
                true
            }
            Err(e) => {
                self.say(capitalise(&e.to_string()), true);
                false
            }
        }
    }

    fn keep_selection_valid(&mut self) {
        if let Some(id) = &self.selected {
            if self.doc.annotation(id).is_none() {
                self.selected = None;
            }
        }
        let doc = Rc::clone(&self.doc);
        self.under_pointer.retain(|id| doc.annotation(id).is_some());
        if let Some(Pick::Speaker(id) | Pick::SameAs(id)) = &self.picking {
            if doc.annotation(id).is_none() {
                self.picking = None;
            }
        }
        // Suggestions stand for the text they were made on; an edit of the text ends review.
        if let Some(list) = &self.suggestions {
            let fits = list.iter().all(|p| {
                let said = p.key.splitn(3, ':').nth(2).unwrap_or_default();
                doc.text().get(p.proposal.span) == Some(said)
            });
            if !fits {
                self.suggestions = None;
                self.suggestion = None;
            }
        }
    }

    fn annotate(&mut self, title: String, raw: String) {
        if let Err(e) = annotator_core::limits::check_text(&raw) {
            self.say(format!("{}.", capitalise(&e.to_string())), true);
            return;
        }
        if raw.trim().is_empty() {
            self.say("Paste an article into the box first.", true);
            return;
        }
        let text = Arc::new(Text::new(&raw));
        let title = Some(title);
        if self.doc.text().is_empty() {
            // A first text is where the history starts: there is nothing to undo back to.
            if let Ok(doc) = self.doc.apply(&Action::ReplaceText { text, title }) {
                self.doc = Rc::new(doc);
                self.revision += 1;
                self.stage = Stage::Annotate;
            }
            return;
        }
        let plan = self.doc.plan_replace(&text);
        if plan.dropped.is_empty() {
            let kept = plan.kept.len();
            let changed = text.as_str() != self.doc.text().as_str();
            self.act(&Action::ReplaceText { text, title });
            self.stage = Stage::Annotate;
            if kept > 0 && changed {
                self.say(format!("Text updated; all {} kept.", count(kept)), false);
            }
        } else {
            self.pending = Some(PendingReplace {
                text,
                title,
                dropped: plan.dropped.len(),
            });
        }
    }

    /// The span a DOM selection stands for, snapped; `None` (with a hint) when there is none.
    fn selection_span(&mut self, selection: Selection) -> Option<Span> {
        let (a, b) = selection?;
        let text = self.doc.text_arc();
        let ix = text.index();
        let span = text.snap(
            ix.byte_from_utf16_floor(a),
            ix.byte_from_utf16_floor(b),
            self.snap_words,
        );
        if span.is_none() {
            self.say(
                "The selection holds only spaces or invisible characters; select some words first.",
                false,
            );
        }
        span
    }

    fn label(&mut self, label: LabelId, selection: Selection) {
        let name = self
            .doc
            .label(label)
            .map(|l| l.name.clone())
            .unwrap_or_default();
        if selection.is_none() {
            if let Some(id) = self.selected.clone() {
                if self.doc.annotation(&id).map(|a| a.label) == Some(label) {
                    self.say(format!("It is already a {name}."), false);
                } else if self.act(&Action::Relabel { id, label }) {
                    self.say(format!("Relabelled as {name}."), false);
                }
                return;
            }
            self.say(
                "Select some text in the article first, then press a label button or its key.",
                false,
            );
            return;
        }
        let Some(span) = self.selection_span(selection) else {
            return;
        };
        if let Some(Pick::Speaker(from)) = self.picking.clone() {
            if self.act(&Action::AttributeNew {
                from: from.clone(),
                span,
            }) {
                self.picking = None;
                self.selected = Some(from);
                let shown = ellipsis(self.doc.text().slice(span), 80);
                self.say(
                    format!("Attributed to {shown} (a new speaker span)."),
                    false,
                );
            }
            return;
        }
        let before = self.doc.annotations().len();
        if self.act(&Action::Create { label, span }) && self.doc.annotations().len() > before {
            let created = self
                .doc
                .annotations()
                .iter()
                .filter(|a| a.span == span && a.label == label)
                .map(|a| a.id.clone())
                .next();
            self.selected = created;
            self.under_pointer.clear();
            let shown = ellipsis(self.doc.text().slice(span), 80);
            self.say(format!("Added {name}: {shown}"), false);
        }
    }

    fn nudge(&mut self, edge: Edge, forward: bool) {
        let Some(id) = self.selected.clone() else {
            self.say(
                "Select an annotation first (click it or its list entry).",
                false,
            );
            return;
        };
        let Some(a) = self.doc.annotation(&id) else {
            return;
        };
        let text = self.doc.text_arc();
        let from = match edge {
            Edge::Start => a.span.start,
            Edge::End => a.span.end,
        };
        let to = if self.snap_words {
            text.word_step(from, forward, edge == Edge::Start)
        } else if forward {
            Some(text.next_grapheme(from))
        } else {
            Some(text.prev_grapheme(from))
        };
        let Some(to) = to.filter(|&t| t != from) else {
            self.say("The span can't go further that way.", false);
            return;
        };
        self.resize(id, a.span, edge, to);
    }

    fn resize(&mut self, id: AnnotationId, old: Span, edge: Edge, to: ByteOffset) {
        let span = match edge {
            Edge::Start => Span {
                start: to,
                end: old.end,
            },
            Edge::End => Span {
                start: old.start,
                end: to,
            },
        };
        if span.start >= span.end {
            self.say("A span can't be resized to nothing.", true);
            return;
        }
        if span != old && self.act(&Action::Resize { id, span }) {
            let shown = ellipsis(self.doc.text().slice(span), 80);
            self.say(format!("Resized: {shown}"), false);
        }
    }

    fn resize_to(&mut self, id: AnnotationId, edge: Edge, at: Utf16Offset) {
        let Some(a) = self.doc.annotation(&id) else {
            return;
        };
        let old = a.span;
        let text = self.doc.text_arc();
        let raw = text.index().byte_from_utf16_floor(at);
        let to = text.snap_edge(raw, edge == Edge::Start, self.snap_words);
        self.resize(id, old, edge, to);
    }

    fn click(&mut self, ids: Vec<AnnotationId>) {
        if self.picking.is_some() {
            let speaker = ids.iter().find(|id| {
                self.doc
                    .annotation(id)
                    .is_some_and(|a| attribution::role(&self.doc, a) == attribution::Role::Speaker)
            });
            match speaker.cloned() {
                Some(id) => self.pick(id),
                None => self.say(
                    "That is not a speaker span. Click a speaker, or select the name and press the speaker key.",
                    false,
                ),
            }
            return;
        }
        if ids.is_empty() {
            self.selected = None;
            self.under_pointer.clear();
            return;
        }
        let same_place = ids == self.under_pointer;
        let next = match (&self.selected, same_place) {
            (Some(cur), true) => ids
                .iter()
                .position(|i| i == cur)
                .map_or(0, |p| (p + 1) % ids.len()),
            _ => 0,
        };
        self.selected = Some(ids[next].clone());
        self.under_pointer = ids;
        self.announce_selected();
    }

    fn start_pick(&mut self, link: bool) {
        let Some(a) = self
            .selected
            .as_ref()
            .and_then(|id| self.doc.annotation(id))
        else {
            self.say("Select a quote, claim or speaker first.", false);
            return;
        };
        let role = attribution::role(&self.doc, a);
        let id = a.id.clone();
        if link {
            if role != attribution::Role::Speaker {
                self.say(
                    "Select a speaker span to link it to another mention.",
                    false,
                );
                return;
            }
            self.picking = Some(Pick::SameAs(id));
            self.say(
                "Choose another mention of this speaker: click it in the article or pick it in the list.",
                false,
            );
        } else {
            if !matches!(role, attribution::Role::Quote | attribution::Role::Claim) {
                self.say("Select a quote or a claim to attribute it.", false);
                return;
            }
            self.picking = Some(Pick::Speaker(id));
            self.say(
                "Choose the speaker: click a speaker span, pick one in the list, or select the name in the text and press a label key.",
                false,
            );
        }
    }

    fn pick(&mut self, target: AnnotationId) {
        let Some(pick) = self.picking.clone() else {
            return;
        };
        let (action, from) = match &pick {
            Pick::Speaker(from) => (
                Action::Attribute {
                    from: from.clone(),
                    to: target.clone(),
                },
                from.clone(),
            ),
            Pick::SameAs(from) => (
                Action::LinkSame {
                    a: from.clone(),
                    b: target.clone(),
                },
                from.clone(),
            ),
        };
        if self.act(&action) {
            self.picking = None;
            self.selected = Some(from);
            let name = self
                .doc
                .annotation(&target)
                .map(|a| ellipsis(self.doc.annotation_text(a), 60))
                .unwrap_or_default();
            self.say(
                match pick {
                    Pick::Speaker(_) => format!("Attributed to {name}."),
                    Pick::SameAs(_) => format!("Linked as the same speaker as {name}."),
                },
                false,
            );
        }
    }

    fn suggest(&mut self) {
        if self.stage != Stage::Annotate {
            return;
        }
        let rejected: HashSet<String> = self.rejected.iter().cloned().collect();
        let list = review::pending(&self.doc, &rejected);
        let count = |k: SuggestKind| list.iter().filter(|p| p.kind == k).count();
        self.say(
            if list.is_empty() {
                "No new suggestions.".to_owned()
            } else {
                let n = |k: SuggestKind, word: &str| {
                    let c = count(k);
                    format!("{c} {}", plural(c, word))
                };
                format!(
                    "{}: {}, {}, {}. Enter accepts the one in focus, Backspace rejects it.",
                    n_of(list.len(), "suggestion"),
                    n(SuggestKind::Quote, "quote"),
                    n(SuggestKind::Speaker, "speaker"),
                    n(SuggestKind::Date, "date")
                )
            },
            false,
        );
        self.suggestion = list.first().map(|p| p.key.clone());
        self.suggestions = Some(Rc::new(list));
        self.selected = None;
        self.picking = None;
    }

    /// Accepts or rejects the suggestions with these keys, then focuses the next one left.
    fn decide(&mut self, keys: &[String], accept: bool) {
        let Some(list) = self.suggestions.clone() else {
            return;
        };
        let chosen: Vec<&Pending> = list.iter().filter(|p| keys.contains(&p.key)).collect();
        if chosen.is_empty() {
            return;
        }
        let mut gone: HashSet<String> = chosen.iter().map(|p| p.key.clone()).collect();
        if accept {
            // A quote brings its speaker along, so its attribution can be made.
            let mut proposals: Vec<Proposal> = Vec::new();
            for p in &chosen {
                proposals.push(p.proposal.clone());
                if let Some(at) = p.proposal.speaker {
                    if let Some(sp) = list
                        .iter()
                        .find(|x| x.kind == SuggestKind::Speaker && x.proposal.span == at)
                    {
                        if gone.insert(sp.key.clone()) {
                            proposals.push(sp.proposal.clone());
                        }
                    }
                }
            }
            if !self.act(&Action::Accept(proposals)) {
                return;
            }
            self.say(
                format!(
                    "Accepted {} suggestion{}.",
                    gone.len(),
                    if gone.len() == 1 { "" } else { "s" }
                ),
                false,
            );
        } else {
            let mut rejected = (*self.rejected).clone();
            let mut new: Vec<String> = gone.iter().cloned().collect();
            annotator_core::sort::sort(&mut new);
            rejected.extend(new);
            self.rejected = Rc::new(rejected);
            self.revision += 1;
            self.say(
                format!(
                    "Rejected {} suggestion{}.",
                    gone.len(),
                    if gone.len() == 1 { "" } else { "s" }
                ),
                false,
            );
        }
        let at = list.iter().position(|p| gone.contains(&p.key)).unwrap_or(0);
        let left: Vec<Pending> = list
            .iter()
            .filter(|p| !gone.contains(&p.key))
            .cloned()
            .collect();
        self.suggestion = left
            .get(at.min(left.len().saturating_sub(1)))
            .map(|p| p.key.clone());
        self.suggestions = Some(Rc::new(left));
    }

    fn cycle(&mut self, forward: bool) {
        let n = self.under_pointer.len();
        if n < 2 {
            return;
        }
        let cur = self
            .selected
            .as_ref()
            .and_then(|s| self.under_pointer.iter().position(|i| i == s))
            .unwrap_or(0);
        let next = if forward {
            (cur + 1) % n
        } else {
            (cur + n - 1) % n
        };
        self.selected = Some(self.under_pointer[next].clone());
        self.announce_selected();
    }

    fn announce_selected(&mut self) {
        let Some(a) = self
            .selected
            .as_ref()
            .and_then(|id| self.doc.annotation(id))
        else {
            return;
        };
        let name = self
            .doc
            .label(a.label)
            .map(|l| l.name.clone())
            .unwrap_or_default();
        let shown = ellipsis(self.doc.annotation_text(a), 80);
        let of = if self.under_pointer.len() > 1 {
            let i = self
                .under_pointer
                .iter()
                .position(|x| x == &a.id)
                .unwrap_or(0);
            format!(" ({} of {} here)", i + 1, self.under_pointer.len())
        } else {
            String::new()
        };
        self.say(format!("Selected {name}{of}: {shown}"), false);
    }
}

impl Reducible for AppState {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut s = (*self).clone();
        if msg.changes_document() {
            if s.conflict.is_some() {
                s.say(
                    "First choose, in the banner at the top, what to do about the other tab's changes.",
                    true,
                );
                return Rc::new(s);
            }
            if s.access != Access::Editing {
                s.say(READ_ONLY, true);
                return Rc::new(s);
            }
        }
        match msg {
            Msg::Annotate {
                title,
                text,
                new_id,
            } => {
                if s.doc_id.is_none() {
                    s.doc_id = Some(new_id);
                }
                s.annotate(title, text)
            }
            Msg::NewArticle => {
                let library = Rc::clone(&s.library);
                let save = match &s.save {
                    SaveState::Off(r) => SaveState::Off(r.clone()),
                    _ => SaveState::Idle,
                };
                s = AppState {
                    library,
                    save,
                    snap_words: s.snap_words,
                    revision: s.revision + 1,
                    saved_revision: s.revision + 1,
                    damaged: s.damaged.clone(),
                    storage: s.storage,
                    opened: s.opened,
                    ..AppState::default()
                };
            }
            Msg::Restore {
                id,
                doc,
                history,
                notices,
                rejected,
                only_if_empty,
                editing,
            } => {
                if only_if_empty && (s.doc_id.is_some() || !s.doc.text().is_empty()) {
                    return self;
                }
                s.doc = Rc::new(*doc);
                s.history = history;
                s.doc_id = Some(id);
                s.rejected = Rc::new(rejected);
                s.suggestions = None;
                s.suggestion = None;
                s.stage = if s.doc.text().is_empty() {
                    Stage::Input
                } else {
                    Stage::Annotate
                };
                s.selected = None;
                s.under_pointer.clear();
                s.pending = None;
                s.dialog = None;
                s.flash = None;
                s.picking = None;
                s.draft = None;
                s.conflict = None;
                s.access = if editing {
                    Access::Editing
                } else {
                    Access::ReadOnly {
                        asked: false,
                        slow: false,
                    }
                };
                if !matches!(s.save, SaveState::Off(_)) {
                    s.save = SaveState::Saved;
                }
                s.revision += 1;
                s.saved_revision = s.revision;
                s.opened += 1;
                let title = annotator_core::library::display_title(&s.doc);
                let mut text = format!("Opened “{title}” ({}).", count(s.doc.annotations().len()));
                if !editing {
                    text.push_str(
                        " It is open for editing in another tab, so here it is read only.",
                    );
                }
                for n in notices {
                    text.push(' ');
                    text.push_str(&n);
                }
                s.say(text, false);
            }
            Msg::Follow {
                id,
                doc,
                history,
                rejected,
                editing,
            } => {
                if s.doc_id.as_deref() != Some(id.as_str()) || s.saved_revision < s.revision {
                    // Another article by now, or changes here not saved: never replace them.
                    return self;
                }
                s.doc = Rc::new(*doc);
                s.history = history;
                s.rejected = Rc::new(rejected);
                s.conflict = None;
                if editing {
                    s.access = Access::Editing;
                }
                s.pending = None;
                if s.doc.text().is_empty() {
                    s.stage = Stage::Input;
                }
                s.keep_selection_valid();
                s.revision += 1;
                s.saved_revision = s.revision;
            }
            Msg::SetAccess(access) => {
                if access != Access::Editing {
                    s.picking = None;
                    s.pending = None;
                    if s.stage == Stage::Input && !s.doc.text().is_empty() {
                        s.stage = Stage::Annotate;
                    }
                }
                s.access = access;
            }
            Msg::SetConflict(conflict) => s.conflict = conflict,
            Msg::Moved {
                id,
                title,
                revision,
            } => {
                s.doc_id = Some(id);
                s.conflict = None;
                if let Some(t) = title {
                    // Stored with this title already: no change to save.
                    let mut doc = (*s.doc).clone();
                    doc.set_title(Some(t));
                    s.doc = Rc::new(doc);
                }
                s.saved_revision = s.saved_revision.max(revision);
            }
            Msg::NoteTyped { id, note } => {
                let note = Some(note.trim().to_owned()).filter(|n| !n.is_empty());
                if s.doc.annotation(&id).is_some_and(|a| a.note != note) {
                    let recorded = s.history.recorded();
                    let tag = format!("note {id}");
                    if let Ok(doc) =
                        s.history
                            .apply_merging(&s.doc, &Action::SetNote { id, note }, &tag)
                    {
                        if s.history.recorded() != recorded {
                            s.revision += 1;
                        }
                        s.doc = Rc::new(doc);
                    }
                } else {
                    return self;
                }
            }
            Msg::RestoreDraft { title, text } => {
                s.draft = Some((title, text));
                s.stage = Stage::Input;
                s.say(
                    "Restored the text you were pasting or editing when the page closed.",
                    false,
                );
            }
            Msg::StorageInfo(info) => s.storage = Some(info),
            Msg::FoundDamaged(d) => {
                s.say(
                    format!(
                        "Saved data could not be read ({}). It has been kept untouched; you can download it.",
                        d.reason
                    ),
                    true,
                );
                s.damaged = Some(d);
            }
            Msg::Saved { revision, summary } => {
                let open = s.doc_id.as_deref() == Some(summary.id.as_str());
                let mut list: Vec<Summary> = s
                    .library
                    .iter()
                    .filter(|x| x.id != summary.id)
                    .cloned()
                    .collect();
                list.push(summary);
                s.library = Rc::new(list);
                if open {
                    s.saved_revision = s.saved_revision.max(revision);
                }
                if matches!(s.save, SaveState::Failed(_)) {
                    s.say(
                        "Autosave works again: everything on screen is saved.",
                        false,
                    );
                }
                if !matches!(s.save, SaveState::Off(_)) {
                    s.save = SaveState::Saved;
                }
            }
            Msg::SaveFailed(reason) => s.save = SaveState::Failed(reason),
            Msg::StorageOff(reason) => s.save = SaveState::Off(reason),
            Msg::LibraryLoaded(list) => s.library = Rc::new(list),
            Msg::Retitle(title) => {
                let text = s.doc.text_arc();
                if s.act(&Action::ReplaceText {
                    text,
                    title: Some(title),
                }) {
                    s.say("Renamed.", false);
                }
            }
            Msg::ConfirmReplace => {
                if let Some(p) = s.pending.take() {
                    let dropped = p.dropped;
                    s.act(&Action::ReplaceText {
                        text: p.text,
                        title: p.title,
                    });
                    s.stage = Stage::Annotate;
                    s.say(format!("Text replaced; {} removed.", count(dropped)), false);
                }
            }
            Msg::CancelReplace => s.pending = None,
            Msg::EditText => {
                s.stage = Stage::Input;
                s.dialog = None;
            }
            Msg::CancelEdit => {
                if !s.doc.text().is_empty() {
                    s.stage = Stage::Annotate;
                }
            }
            Msg::SetSnap(on) => s.snap_words = on,
            Msg::Label { label, selection } => s.label(label, selection),
            Msg::Key { key, selection } => {
                if s.stage != Stage::Annotate || s.pending.is_some() || s.dialog.is_some() {
                    return self;
                }
                let Some(label) = annotator_core::label::label_for_key(s.doc.labels(), key) else {
                    return self;
                };
                let id = label.id;
                s.label(id, selection);
            }
            Msg::Delete(id) => {
                let shown = s
                    .doc
                    .annotation(&id)
                    .map(|a| ellipsis(s.doc.annotation_text(a), 80));
                if s.act(&Action::Delete { id }) {
                    s.say(format!("Deleted: {}", shown.unwrap_or_default()), false);
                }
            }
            Msg::DeleteSelected => match s.selected.clone() {
                Some(id) => return self.reduce(Msg::Delete(id)),
                None => s.say("Select an annotation to delete first.", false),
            },
            Msg::Select(id) => {
                s.selected = id.filter(|i| s.doc.annotation(i).is_some());
                s.under_pointer.clear();
                s.announce_selected();
            }
            Msg::Show { id, nonce } => {
                if s.doc.annotation(&id).is_some() {
                    s.flash = Some((id.clone(), nonce));
                    s.selected = Some(id);
                    s.under_pointer.clear();
                    s.announce_selected();
                }
            }
            Msg::EndFlash(nonce) => {
                if s.flash.as_ref().is_some_and(|(_, n)| *n == nonce) {
                    s.flash = None;
                } else {
                    return self;
                }
            }
            Msg::ClickAnnotations(ids) => s.click(ids),
            Msg::Cycle { forward } => s.cycle(forward),
            Msg::Nudge { edge, forward } => s.nudge(edge, forward),
            Msg::ResizeTo { id, edge, at } => s.resize_to(id, edge, at),
            Msg::SetNote { id, note } => {
                let old = s.doc.annotation(&id).and_then(|a| a.note.clone());
                let new = Some(note.trim().to_owned()).filter(|n| !n.is_empty());
                let typed = s.history.merging() == Some(format!("note {id}").as_str());
                let changed = old != new;
                if changed {
                    s.act(&Action::SetNote {
                        id,
                        note: new.clone(),
                    });
                } else {
                    s.history.end_merging();
                }
                if changed || typed {
                    s.say(
                        if new.is_some() {
                            "Note saved."
                        } else {
                            "Note removed."
                        },
                        false,
                    );
                }
            }
            Msg::AnnotateAllSelected => {
                let Some(id) = s.selected.clone() else {
                    s.say("Select an annotation first.", false);
                    return Rc::new(s);
                };
                let before = s.doc.annotations().len();
                if s.act(&Action::AnnotateAll { id }) {
                    let added = s.doc.annotations().len() - before;
                    s.say(
                        if added == 0 {
                            "No other whole-word occurrences to annotate.".to_owned()
                        } else {
                            format!("Annotated {} more {}.", added, plural(added, "occurrence"))
                        },
                        false,
                    );
                }
            }
            Msg::EditLabels(action) => {
                let what = action.describe();
                if s.act(&action) {
                    s.say(format!("Labels: {what} done."), false);
                }
            }
            Msg::StartAttribute => s.start_pick(false),
            Msg::StartLink => s.start_pick(true),
            Msg::CancelPick => {
                if s.picking.take().is_some() {
                    s.say("Cancelled.", false);
                }
            }
            Msg::PickTarget(id) => s.pick(id),
            Msg::Unattribute => {
                if let Some(from) = s.selected.clone() {
                    if s.act(&Action::Unattribute { from }) {
                        s.say("Attribution removed.", false);
                    }
                }
            }
            Msg::SetKind(kind) => {
                if let Some(id) = s.selected.clone() {
                    if s.act(&Action::SetKind { id, kind }) {
                        s.say(
                            match kind {
                                Some(k) => format!("Kind: {}.", k.as_str()),
                                None => "Kind cleared.".to_owned(),
                            },
                            false,
                        );
                    }
                }
            }
            Msg::SetCue(selection) => {
                let Some(id) = s.selected.clone() else {
                    return self;
                };
                let cue = match selection {
                    Some(_) => match s.selection_span(selection) {
                        Some(span) => Some(span),
                        None => return Rc::new(s),
                    },
                    None => None,
                };
                if s.act(&Action::SetCue { id, cue }) {
                    let shown = cue.map(|c| ellipsis(s.doc.text().slice(c), 60));
                    s.say(
                        match shown {
                            Some(t) => format!("Cue: {t}."),
                            None => "Cue cleared.".to_owned(),
                        },
                        false,
                    );
                }
            }
            Msg::Unlink => {
                if let Some(id) = s.selected.clone() {
                    if s.act(&Action::Unlink { id }) {
                        s.say("This mention is now a speaker of its own.", false);
                    }
                }
            }
            Msg::Suggest => s.suggest(),
            Msg::CloseSuggestions => {
                s.suggestions = None;
                s.suggestion = None;
            }
            Msg::FocusSuggestion(key) => {
                s.suggestion = Some(key);
                s.selected = None;
            }
            Msg::AcceptSuggestion(key) => s.decide(&[key], true),
            Msg::RejectSuggestion(key) => s.decide(&[key], false),
            Msg::AcceptAll(kind) => {
                let keys: Vec<String> = s
                    .suggestions
                    .iter()
                    .flat_map(|v| v.iter())
                    .filter(|p| p.kind == kind)
                    .map(|p| p.key.clone())
                    .collect();
                s.decide(&keys, true);
            }
            Msg::RejectAll => {
                let keys: Vec<String> = s
                    .suggestions
                    .iter()
                    .flat_map(|v| v.iter())
                    .map(|p| p.key.clone())
                    .collect();
                s.decide(&keys, false);
            }
            Msg::Undo => match s.history.undo(&s.doc) {
                Some((doc, what)) => {
                    s.doc = Rc::new(doc);
                    s.revision += 1;
                    s.keep_selection_valid();
                    s.say(format!("Undid {what}."), false);
                }
                None => s.say("Nothing to undo.", false),
            },
            Msg::Redo => match s.history.redo(&s.doc) {
                Some((doc, what)) => {
                    s.doc = Rc::new(doc);
                    s.revision += 1;
                    s.keep_selection_valid();
                    s.say(format!("Redid {what}."), false);
                }
                None => s.say("Nothing to redo.", false),
            },
            Msg::SetDialog(d) => s.dialog = d,
            Msg::Notify { text, is_error } => s.say(text, is_error),
        }
        Rc::new(s)
    }
}

/// "1 annotation", "3 annotations".
pub fn count(n: usize) -> String {
    format!("{n} {}", plural(n, "annotation"))
}

fn n_of(n: usize, word: &str) -> String {
    format!("{n} {}", plural(n, word))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// At most `max` characters of `s`, with an ellipsis when cut; line breaks shown as spaces.
pub fn ellipsis(s: &str, max: usize) -> String {
    let mut out: String = s
        .chars()
        .take(max)
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
