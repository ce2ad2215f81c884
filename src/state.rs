//! The app's one reducer: the document plus what the screen shows around it. Every change is a
//! [`Msg`]; [`AppState::reduce`] is pure (no storage, no DOM): effects happen in the callbacks
//! that dispatch.

use annotator_core::{Action, AnnotationId, Document, LabelId, Text, Utf16Offset};
use std::rc::Rc;
use std::sync::Arc;
use yew::Reducible;

/// The largest article accepted, in bytes of UTF-8 (about 3 million words of English).
pub const MAX_TEXT_BYTES: usize = 20 * 1024 * 1024;

/// Which screen is showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The paste box.
    Input,
    /// The article view with its labels and list.
    Annotate,
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

/// A raw selection in DOM units: (anchor, focus), in either order.
pub type Selection = Option<(Utf16Offset, Utf16Offset)>;

/// Everything the screen shows.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The document being annotated.
    pub doc: Rc<Document>,
    /// Which screen shows.
    pub stage: Stage,
    /// Whether selections grow to whole words.
    pub snap_words: bool,
    /// The latest status line.
    pub message: Option<Message>,
    /// A replacement waiting for confirmation.
    pub pending: Option<PendingReplace>,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            doc: Rc::new(Document::default()),
            stage: Stage::Input,
            snap_words: true,
            message: None,
            pending: None,
        }
    }
}

/// Everything the UI can ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// Use this text (and title) as the article.
    Annotate {
        /// The title field.
        title: String,
        /// The text as pasted.
        text: String,
    },
    /// Go ahead with the pending replacement.
    ConfirmReplace,
    /// Drop the pending replacement and go back to the article.
    CancelReplace,
    /// Back to the paste box to edit the text.
    EditText,
    /// Leave the paste box without changing the text.
    CancelEdit,
    /// Turn word snapping on or off.
    SetSnap(bool),
    /// Apply a label to the selection.
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
    /// Show a status line.
    Notify {
        /// What to say.
        text: String,
        /// Whether it reports a problem.
        is_error: bool,
    },
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

    /// Applies a core action, reporting a refusal in the status line.
    fn act(&mut self, action: &Action) -> bool {
        match self.doc.apply(action) {
            Ok(doc) => {
                self.doc = Rc::new(doc);
                true
            }
            Err(e) => {
                self.say(capitalise(&e.to_string()), true);
                false
            }
        }
    }

    fn annotate(&mut self, title: String, raw: String) {
        if raw.len() > MAX_TEXT_BYTES {
            self.say(
                format!(
                    "That text is {} MB; the most this app takes is {} MB. Split it into parts.",
                    raw.len() / (1024 * 1024),
                    MAX_TEXT_BYTES / (1024 * 1024)
                ),
                true,
            );
            return;
        }
        if raw.trim().is_empty() {
            self.say("Paste an article into the box first.", true);
            return;
        }
        let text = Arc::new(Text::new(&raw));
        let title = Some(title);
        if text.as_str() == self.doc.text().as_str() {
            self.act(&Action::ReplaceText { text, title });
            self.stage = Stage::Annotate;
            return;
        }
        let plan = self.doc.plan_replace(&text);
        if plan.dropped.is_empty() {
            let kept = plan.kept.len();
            self.act(&Action::ReplaceText { text, title });
            self.stage = Stage::Annotate;
            if kept > 0 {
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

    fn label(&mut self, label: LabelId, selection: Selection) {
        let Some((a, b)) = selection else {
            self.say(
                "Select some text in the article first, then press a label key or button.",
                false,
            );
            return;
        };
        let text = self.doc.text_arc();
        let ix = text.index();
        let (a, b) = (ix.byte_from_utf16_floor(a), ix.byte_from_utf16_floor(b));
        let Some(span) = text.snap(a, b, self.snap_words) else {
            self.say(
                "The selection holds only spaces; select some words first.",
                false,
            );
            return;
        };
        let name = self
            .doc
            .label(label)
            .map(|l| l.name.clone())
            .unwrap_or_default();
        if self.act(&Action::Create { label, span }) {
            self.say(
                format!("Added {name}: {}", ellipsis(text.slice(span), 80)),
                false,
            );
        }
    }
}

impl Reducible for AppState {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut s = (*self).clone();
        match msg {
            Msg::Annotate { title, text } => s.annotate(title, text),
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
            Msg::EditText => s.stage = Stage::Input,
            Msg::CancelEdit => {
                if !s.doc.text().is_empty() {
                    s.stage = Stage::Annotate;
                }
            }
            Msg::SetSnap(on) => s.snap_words = on,
            Msg::Label { label, selection } => s.label(label, selection),
            Msg::Key { key, selection } => {
                if s.stage != Stage::Annotate || s.pending.is_some() {
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
            Msg::Notify { text, is_error } => s.say(text, is_error),
        }
        Rc::new(s)
    }
}

/// "1 annotation", "3 annotations".
pub fn count(n: usize) -> String {
    if n == 1 {
        "1 annotation".to_owned()
    } else {
        format!("{n} annotations")
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
