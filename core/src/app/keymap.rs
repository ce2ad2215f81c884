//! The keyboard: one table, [`KEYMAP`], that both decides what a key press does
//! ([`event_for_key`]) and is shown as the help dialog, so the two can't drift apart.

use super::event::Event;
use super::model::{Dialog, Edge, Model, Selection, Stage};
use crate::{AnnotationId, Utf16Offset};

/// A key press as the shell saw it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyPress {
    /// `KeyboardEvent.key`: "z", "Escape", "ArrowLeft", "?".
    pub key: String,
    /// `KeyboardEvent.code`, the physical key: "KeyZ", "Digit1", "BracketLeft" (empty when not
    /// known). Read when the layout's `key` is a letter of another script than Latin.
    pub code: String,
    /// Ctrl or ⌘ held.
    pub ctrl: bool,
    /// Alt held.
    pub alt: bool,
    /// Shift held.
    pub shift: bool,
    /// An input method is composing (the key belongs to it).
    pub composing: bool,
    /// Focus is in a field that takes typed text.
    pub in_text_field: bool,
    /// Focus is in the article.
    pub in_article: bool,
    /// Focus is on the page itself (nothing focused, or a heading the app moved focus to).
    pub on_page: bool,
    /// Where the caret is in the article (its focus end), when it is there.
    pub caret: Option<Utf16Offset>,
    /// The annotations under the caret, innermost first (read for Enter and Space only).
    pub at_caret: Vec<AnnotationId>,
}

/// What a binding asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Undo the last step.
    Undo,
    /// Redo the last undone step.
    Redo,
    /// Stop choosing a speaker.
    CancelPick,
    /// Accept the suggestion in focus.
    Accept,
    /// Reject the suggestion in focus.
    Reject,
    /// Stop reviewing suggestions.
    CloseReview,
    /// Run the suggestion rules.
    Suggest,
    /// Clear the annotation selection.
    Deselect,
    /// Attribute the selected quote or claim.
    Attribute,
    /// Delete the selected annotation.
    Delete,
    /// Move the selected annotation's start.
    NudgeStart,
    /// Move the selected annotation's end.
    NudgeEnd,
    /// Cycle through the annotations under the last click.
    Cycle,
    /// Select the annotation under the caret.
    SelectAtCaret,
    /// Select the next (`]`) or previous (`[`) annotation in the text.
    Step,
    /// Select the next (`}`) or previous (`{`) annotation of the selected one's label.
    StepSame,
    /// Show the keyboard help.
    Help,
    /// Shown in the help only: the browser or the mouse does it.
    Native,
}

/// How a binding is done, as the help shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// Any of these chords (each a list of keys held together), joined by `sep` in the help.
    Keys(&'static [&'static [&'static str]], &'static str),
    /// A gesture with the mouse.
    Mouse(&'static str),
}

/// One line of the keymap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Binding {
    /// The help's section.
    pub group: &'static str,
    /// The keys or gesture.
    pub how: How,
    /// What it does, for the help.
    pub what: &'static str,
    /// What it asks for.
    pub command: Command,
}

const OR: &str = " or ";
const PAIR: &str = " / ";

const fn keys(
    group: &'static str,
    chords: &'static [&'static [&'static str]],
    sep: &'static str,
    what: &'static str,
    command: Command,
) -> Binding {
    Binding {
        group,
        how: How::Keys(chords, sep),
        what,
        command,
    }
}

const fn mouse(group: &'static str, gesture: &'static str, what: &'static str) -> Binding {
    Binding {
        group,
        how: How::Mouse(gesture),
        what,
        command: Command::Native,
    }
}

const MOVING: &str = "Moving in the article";
const CHOOSING: &str = "Choosing an annotation";
const CHANGING: &str = "Changing the selected annotation";
const SPEAKERS: &str = "Speakers and suggestions";
const UNDO: &str = "Undo and help";

/// Every binding, in the order a key press tries them (the first that applies wins) and the
/// help shows them. The label keys come from the labels themselves.
pub const KEYMAP: &[Binding] = &[
    keys(
        MOVING,
        &[&["Left"], &["Right"], &["Up"], &["Down"]],
        PAIR,
        "Move the caret in the article (Tab into the article first)",
        Command::Native,
    ),
    keys(
        MOVING,
        &[&["Shift", "Arrow"]],
        OR,
        "Extend the selection (with any arrow key)",
        Command::Native,
    ),
    keys(
        MOVING,
        &[&["Ctrl", "Shift", "Left"], &["Ctrl", "Shift", "Right"]],
        PAIR,
        "Extend the selection by a word, and by the punctuation touching it (a closing \u{201d})",
        Command::Native,
    ),
    keys(
        MOVING,
        &[&["Home"], &["End"]],
        PAIR,
        "Move the caret to the start or end of the line",
        Command::Native,
    ),
    keys(
        MOVING,
        &[&["Shift", "Home"], &["Shift", "End"]],
        PAIR,
        "Extend the selection to the start or end of the line",
        Command::Native,
    ),
    mouse(CHOOSING, "Click a highlight", "Select its annotation"),
    mouse(
        CHOOSING,
        "Click again at the same place",
        "Cycle through the annotations that overlap there",
    ),
    keys(
        CHOOSING,
        &[&["Tab"], &["Shift", "Tab"]],
        PAIR,
        "In the article, with overlapping annotations under the last click: cycle through them",
        Command::Cycle,
    ),
    keys(
        SPEAKERS,
        &[&["Escape"]],
        OR,
        "While choosing a speaker: stop choosing",
        Command::CancelPick,
    ),
    keys(
        CHOOSING,
        &[&["]"], &["["]],
        PAIR,
        "Select the next / previous annotation in the text (from the caret when none is selected)",
        Command::Step,
    ),
    keys(
        CHOOSING,
        &[&["}"], &["{"]],
        PAIR,
        "Select the next / previous annotation with the selected one's label",
        Command::StepSame,
    ),
    keys(
        SPEAKERS,
        &[&["Enter"]],
        OR,
        "While reviewing suggestions: accept the one in focus",
        Command::Accept,
    ),
    keys(
        SPEAKERS,
        &[&["Backspace"], &["Delete"]],
        OR,
        "While reviewing suggestions: reject the one in focus",
        Command::Reject,
    ),
    keys(
        SPEAKERS,
        &[&["Escape"]],
        OR,
        "While reviewing suggestions (no annotation selected): stop reviewing",
        Command::CloseReview,
    ),
    keys(
        SPEAKERS,
        &[&["G"]],
        OR,
        "Suggest quotes, speakers and dates to review",
        Command::Suggest,
    ),
    keys(
        CHOOSING,
        &[&["Enter"], &["Space"]],
        OR,
        "In the article, on a highlight: select its annotation (again: the next one there)",
        Command::SelectAtCaret,
    ),
    keys(
        CHOOSING,
        &[&["Escape"]],
        OR,
        "Clear the annotation selection (and close dialogs)",
        Command::Deselect,
    ),
    keys(
        SPEAKERS,
        &[&["A"]],
        OR,
        "Attribute the selected quote or claim: then click its speaker",
        Command::Attribute,
    ),
    keys(
        CHANGING,
        &[&["Delete"], &["Backspace"]],
        OR,
        "Delete the selected annotation",
        Command::Delete,
    ),
    keys(
        CHANGING,
        &[&["Alt", "Left"], &["Alt", "Right"]],
        PAIR,
        "Move its start by a word (by a character when \u{201c}Snap to words\u{201d} is off)",
        Command::NudgeStart,
    ),
    keys(
        CHANGING,
        &[&["Alt", "Shift", "Left"], &["Alt", "Shift", "Right"]],
        PAIR,
        "Move its end the same way",
        Command::NudgeEnd,
    ),
    mouse(
        CHANGING,
        "Drag a handle at either end",
        "Resize it with the mouse",
    ),
    keys(UNDO, &[&["Ctrl", "Z"]], OR, "Undo", Command::Undo),
    keys(
        UNDO,
        &[&["Ctrl", "Shift", "Z"], &["Ctrl", "Y"]],
        OR,
        "Redo",
        Command::Redo,
    ),
    keys(UNDO, &[&["?"]], OR, "Show this help", Command::Help),
];

/// The help's sections, in order, each with its bindings.
pub fn groups() -> Vec<(&'static str, Vec<&'static Binding>)> {
    let mut out: Vec<(&'static str, Vec<&'static Binding>)> = Vec::new();
    for b in KEYMAP {
        match out.iter_mut().find(|(g, _)| *g == b.group) {
            Some((_, list)) => list.push(b),
            None => out.push((b.group, vec![b])),
        }
    }
    out
}

/// Whether `press` is one of `chord`'s keys with exactly its modifiers.
fn chord_matches(chord: &[&str], press: &KeyPress) -> bool {
    let Some((key, mods)) = chord.split_last() else {
        return false;
    };
    let has = |m: &str| mods.contains(&m);
    if has("Ctrl") != press.ctrl || has("Alt") != press.alt {
        return false;
    }
    // A chord without modifiers takes Shift too (it makes "?" and capitals, and Shift+Tab
    // cycles back); one with modifiers means exactly them (Ctrl+Z is not Ctrl+Shift+Z).
    if !mods.is_empty() && has("Shift") != press.shift {
        return false;
    }
    match *key {
        "Left" | "Right" | "Up" | "Down" => press.key == format!("Arrow{key}"),
        "Space" => press.key == " ",
        k if k.chars().count() == 1 => press.key.eq_ignore_ascii_case(k),
        k => press.key == k,
    }
}

/// The event a command stands for in this model, or `None` when it does not apply now.
fn event_for(model: &Model, command: Command, press: &KeyPress) -> Option<Event> {
    let selected = model.selected.is_some();
    let reviewing = model.suggestion.is_some() && !selected;
    let focus_ok = press.in_article || press.on_page;
    match command {
        Command::Undo => Some(Event::Undo),
        Command::Redo => Some(Event::Redo),
        Command::CancelPick => model.picking.is_some().then_some(Event::CancelPick),
        Command::Accept if reviewing && focus_ok => {
            model.suggestion.clone().map(Event::AcceptSuggestion)
        }
        Command::Reject if reviewing && focus_ok => {
            model.suggestion.clone().map(Event::RejectSuggestion)
        }
        Command::CloseReview => {
            (model.suggestions.is_some() && !selected).then_some(Event::CloseSuggestions)
        }
        Command::Suggest => Some(Event::Suggest),
        Command::Deselect => selected.then_some(Event::Select(None)),
        Command::Attribute => selected.then_some(Event::StartAttribute),
        Command::Delete => selected.then_some(Event::DeleteSelected),
        Command::NudgeStart | Command::NudgeEnd => Some(Event::Nudge {
            edge: if command == Command::NudgeEnd {
                Edge::End
            } else {
                Edge::Start
            },
            forward: press.key == "ArrowRight",
        }),
        Command::Cycle => {
            (press.in_article && model.under_pointer.len() > 1).then_some(Event::Cycle {
                forward: !press.shift,
            })
        }
        Command::Help => Some(Event::SetDialog(Some(Dialog::Help))),
        Command::SelectAtCaret => (press.in_article && !press.at_caret.is_empty())
            .then(|| Event::ClickAnnotations(press.at_caret.clone())),
        Command::Step | Command::StepSame => focus_ok.then_some(Event::Step {
            forward: press.key == "]" || press.key == "}",
            same_label: command == Command::StepSame,
            caret: press.caret,
        }),
        Command::Accept | Command::Reject | Command::Native => None,
    }
}

/// The character a US (QWERTY) layout types at the physical key `code`, with or without Shift:
/// `KeyQ` → `q` / `Q`, `Digit1` → `1` / `!`, `BracketLeft` → `[` / `{`, `Slash` → `/` / `?`.
pub fn latin_key(code: &str, shift: bool) -> Option<char> {
    if let Some(letter) = code.strip_prefix("Key") {
        let mut chars = letter.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if c.is_ascii_uppercase() {
                return Some(if shift { c } else { c.to_ascii_lowercase() });
            }
        }
        return None;
    }
    if let Some(d) = code.strip_prefix("Digit") {
        let d = d.parse::<usize>().ok().filter(|d| *d < 10)?;
        let shifted = [')', '!', '@', '#', '$', '%', '^', '&', '*', '('];
        return Some(if shift {
            shifted[d]
        } else {
            char::from(b'0' + d as u8)
        });
    }
    let (plain, shifted) = match code {
        "BracketLeft" => ('[', '{'),
        "BracketRight" => (']', '}'),
        "Slash" => ('/', '?'),
        "Semicolon" => (';', ':'),
        "Quote" => ('\'', '"'),
        "Comma" => (',', '<'),
        "Period" => ('.', '>'),
        "Backquote" => ('`', '~'),
        "Minus" => ('-', '_'),
        "Equal" => ('=', '+'),
        "Backslash" => ('\\', '|'),
        _ => return None,
    };
    Some(if shift { shifted } else { plain })
}

/// Whether `c` is a letter of a script other than Latin (what a Cyrillic, Greek, Hebrew or
/// Arabic layout types).
fn non_latin_letter(c: char) -> bool {
    let latin = c.is_ascii()
        || matches!(c,
            '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{2C60}'..='\u{2C7F}'
            | '\u{A720}'..='\u{A7FF}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}');
    c.is_alphabetic() && !latin
}

impl KeyPress {
    /// The same press as a Latin layout reports it, when this layout's key is a letter of
    /// another script (Cyrillic `й` on the key of `q`), or punctuation on a letter key (Greek
    /// `;` there), and no label's own key: the shortcuts then follow the physical key, as on a
    /// US layout. `None` when the key stays as it is.
    pub fn on_latin_layout(&self, labels: &[crate::Label]) -> Option<KeyPress> {
        let mut chars = self.key.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return None;
        };
        // A Greek layout puts `;` where q is: punctuation on a letter key counts too, unless
        // the app answers it itself.
        let on_letter_key = self.code.len() == 4 && self.code.starts_with("Key");
        let moved = non_latin_letter(c)
            || (on_letter_key && c.is_ascii_punctuation() && !"?[]{}".contains(c));
        if !moved || labels.iter().any(|l| l.key == c.to_lowercase().next()) {
            return None;
        }
        let latin = latin_key(&self.code, self.shift)?;
        Some(KeyPress {
            key: latin.to_string(),
            ..self.clone()
        })
    }
}

/// What a key press in the page asks for, given the model when it happened; `selection` reads
/// the article's selection, for a label key. A letter of a non-Latin layout counts as the key
/// a Latin layout has in its place ([`KeyPress::on_latin_layout`]).
pub fn event_for_key(
    model: &Model,
    press: &KeyPress,
    selection: impl FnOnce() -> Selection,
) -> Option<Event> {
    let latin = press.on_latin_layout(model.doc.labels());
    let press = latin.as_ref().unwrap_or(press);
    if press.in_text_field || model.stage != Stage::Annotate {
        return None;
    }
    if press.ctrl {
        // Undo and redo work everywhere outside text fields, dialogs and confirmations too.
        return KEYMAP
            .iter()
            .filter(|b| matches!(b.command, Command::Undo | Command::Redo) && matches(b, press))
            .find_map(|b| event_for(model, b.command, press));
    }
    if press.composing || model.pending.is_some() {
        return None;
    }
    if model.dialog.is_some() {
        // Keys inside a dialog stay there; this only sees Escape when focus fell out of it
        // (after an inline form in the dialog closed, say).
        return (press.key == "Escape" && !press.ctrl).then_some(Event::SetDialog(None));
    }
    if let Some(event) = KEYMAP
        .iter()
        .filter(|b| matches(b, press))
        .find_map(|b| event_for(model, b.command, press))
    {
        return Some(event);
    }
    if press.alt || press.ctrl {
        return None;
    }
    let mut chars = press.key.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    crate::label::label_for_key(model.doc.labels(), c)?;
    Some(Event::Key {
        key: c,
        selection: selection(),
    })
}

fn matches(b: &Binding, press: &KeyPress) -> bool {
    match b.how {
        How::Keys(chords, _) => chords.iter().any(|c| chord_matches(c, press)),
        How::Mouse(_) => false,
    }
}

/// Ctrl+Shift+←/→ in the article: the selection `(anchor, focus)` with its focus moved by one
/// word the way [`Text::word_step`](crate::Text::word_step) moves an edge (forward to a word's
/// end, taking in the punctuation touching it, such as a closing `,”`; back to a word's start,
/// taking in an opening `“`), which the browser's own word step does not. `None` when there is
/// no word that way.
pub fn extend_by_word(
    text: &crate::Text,
    (anchor, focus): (Utf16Offset, Utf16Offset),
    forward: bool,
) -> Option<(Utf16Offset, Utf16Offset)> {
    let index = text.index();
    let from = index.byte_from_utf16_floor(focus);
    let to = text.word_step(from, forward, !forward)?;
    Some((anchor, index.utf16(to)))
}
