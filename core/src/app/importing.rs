//! How importing files changes the model: the app's own files are imported at once (as
//! before); every other tool's files are read into a preview that waits for the user's
//! choices (labels, lenient or strict, new articles or suggestions) and changes nothing until
//! **Import**.

use super::effect::Effect;
use super::event::Event;
use super::import::{
    self, is_own_text, names, Batch, Destination, ImportFailure, LabelChoice, PendingImport,
    Picked, READ_STEP,
};
use super::model::{Access, Model, Reading, Stage};
use super::words::{capitalise, n_of};
use crate::formats::import::{ImportPreview, InputFile, Mode, ReadError, Target};
use crate::formats::v1;
use crate::review::{self, Pending, Prediction, SuggestionKey};
use crate::{Action, Proposal};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

/// A file's text as its reader read it (no byte order mark).
fn text_of(bytes: &[u8]) -> String {
    let text = crate::text::decode_lossy(bytes);
    text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_owned()
}

/// The event that reads on, in a task of its own: input waiting and a frame that is due (the
/// progress, after a second) go first.
fn read_on() -> Effect {
    Effect::Yield(Box::new(Event::ReadOn))
}

impl Model {
    /// Files chosen or dropped together, read by the shell.
    pub(super) fn files_read(&mut self, picked: Vec<Picked>, fx: &mut Vec<Effect>) {
        if picked.is_empty() {
            return;
        }
        // A file still being read is finished first, so files open in the order chosen.
        self.read_on(usize::MAX, fx);
        let all = names(picked.iter().map(Picked::name));
        let mut files = Vec::with_capacity(picked.len());
        for p in picked {
            match p {
                Picked::Read(f) => files.push(f),
                Picked::TooBig { name, bytes } => {
                    return self.import_failed(&name, &ImportFailure::TooBig { bytes })
                }
                Picked::Unreadable { name } => {
                    return self.import_failed(&name, &ImportFailure::Unreadable)
                }
            }
        }
        {
            // Each file decoded once, for the check and the import.
            let texts: Vec<_> = files
                .iter()
                .map(|f| crate::text::decode_lossy(&f.bytes))
                .collect();
            if files
                .iter()
                .zip(&texts)
                .all(|(f, t)| is_own_text(&f.name, t))
            {
                // One file of ours (not a library) is read a slice at a time.
                let reader = match &files[..] {
                    [f] => import::start_reading(&f.name, &texts[0]),
                    _ => None,
                };
                match reader {
                    Some(reader) => {
                        drop(texts);
                        let f = files.pop().expect("one file");
                        self.start_reading(f, reader, fx);
                    }
                    None => self.import_own(&files, &texts, fx),
                }
                return;
            }
        }
        // Other tools' files are read by the worker, which has their readers.
        self.asks += 1;
        self.finding_files = Some((self.asks, all.clone()));
        fx.push(Effect::ReadFiles {
            request: self.asks,
            files,
            open_text: (!self.doc.text().is_empty()).then(|| self.doc.text_arc()),
        });
        self.say(format!("Reading {all}…"), false);
    }

    /// What the worker found in the files of request `request`: a preview that waits for the
    /// user's choices, or why nothing can be imported. An answer to files since replaced by
    /// others changes nothing (`false`).
    fn files_found(&mut self, request: u64, read: Result<crate::work::Read, String>) -> bool {
        let Some((_, all)) = self.finding_files.take_if(|(asked, _)| *asked == request) else {
            return false;
        };
        match read {
            Err(why) => self.say_with_detail(
                format!(
                    "Could not import {all}: the part of the app that reads other tools' files \
                     did not load. Reload the page, then open the files again. Nothing was \
                     changed."
                ),
                Some(why),
                true,
            ),
            Ok(Err(e)) => self.import_failed(&all, &ImportFailure::Invalid(refusal(&e))),
            Ok(Ok(found)) => {
                let mut preview: ImportPreview = found.preview(self.doc.labels());
                preview.remember(&self.label_memory, self.doc.labels());
                let editable = self.access == Access::Editing
                    && self.conflict.is_none()
                    && self.stage == Stage::Annotate;
                let text = self.doc.text().as_str();
                let onto_open = editable
                    && preview
                        .articles
                        .iter()
                        .any(|a| a.doc.text().as_str() == text);
                self.say(format!("Read {all}."), false);
                self.import = Some(Rc::new(PendingImport {
                    name: all,
                    proposed: preview.labels.clone(),
                    preview,
                    mode: Mode::Lenient,
                    destination: Destination::NewArticles,
                    onto_open,
                    error: None,
                }));
            }
        }
        true
    }

    /// The app's own files, each imported at once as before: its articles stored, the first
    /// shown; a file that can't be read changes nothing and says why.
    fn import_own(&mut self, files: &[InputFile], texts: &[Cow<str>], fx: &mut Vec<Effect>) {
        let mut batches = Vec::new();
        for (f, text) in files.iter().zip(texts) {
            let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
            match import::read(&f.name, text) {
                Ok(read) => batches.push(Batch {
                    name: f.name.clone(),
                    docs: read.docs,
                    notices: read.notices,
                    predictions: Vec::new(),
                }),
                Err(why) => self.import_failed(&f.name, &why),
            }
        }
        if !batches.is_empty() {
            fx.push(Effect::StoreImports(batches));
        }
    }

    /// Starts reading one file of ours a slice at a time (see [`Reading`]); a fault found at
    /// the start is said at once.
    fn start_reading(
        &mut self,
        file: InputFile,
        reader: Result<v1::Reader, ImportFailure>,
        fx: &mut Vec<Effect>,
    ) {
        match reader {
            Ok(reader) => {
                let (done, total) = reader.progress();
                self.reading = Some(Reading {
                    name: file.name,
                    bytes: Rc::new(file.bytes),
                    reader: Rc::new(RefCell::new(Some(reader))),
                    done,
                    total,
                });
                if total <= READ_STEP {
                    // a file of up to READ_STEP annotations is read at once
                    self.read_on(usize::MAX, fx);
                } else {
                    fx.push(read_on());
                }
            }
            Err(why) => self.import_failed(&file.name, &why),
        }
    }

    /// Reads on in the file being read: `n` annotations, then the next slice after the page
    /// has had its turn; the article, once read, is imported as any file of ours.
    fn read_on(&mut self, n: usize, fx: &mut Vec<Effect>) {
        let Some(r) = &self.reading else { return };
        let mut slot = r.reader.borrow_mut();
        let Some(reader) = slot.as_mut() else { return };
        match reader.step(n) {
            Ok(false) => {
                let (done, total) = reader.progress();
                drop(slot);
                if let Some(r) = &mut self.reading {
                    (r.done, r.total) = (done, total);
                }
                fx.push(read_on());
            }
            Ok(true) => {
                let reader = slot.take().expect("a reader");
                drop(slot);
                let r = self.reading.take().expect("a reading");
                match import::finish_reading(reader, || text_of(&r.bytes)) {
                    Ok(read) => fx.push(Effect::StoreImports(vec![Batch {
                        name: r.name,
                        docs: read.docs,
                        notices: read.notices,
                        predictions: Vec::new(),
                    }])),
                    Err(why) => self.import_failed(&r.name, &why),
                }
            }
            Err(e) => {
                slot.take();
                drop(slot);
                let r = self.reading.take().expect("a reading");
                self.import_failed(&r.name, &import::explain_own(&e, &text_of(&r.bytes)));
            }
        }
    }

    pub(super) fn import_failed(&mut self, name: &str, why: &ImportFailure) {
        self.say_with_detail(
            format!("Could not import {name}: {why}. Nothing was changed."),
            why.detail().map(str::to_owned),
            true,
        );
    }

    /// Changes the pending import with `change`, if there is one.
    fn with_import(&mut self, change: impl FnOnce(&mut PendingImport, &Model)) {
        if let Some(p) = self.import.take() {
            let mut p = Rc::unwrap_or_clone(p);
            change(&mut p, self);
            self.import = Some(Rc::new(p));
        }
    }

    /// Sends a foreign label to one of ours, or to a new label of its own.
    pub(super) fn set_label_target(&mut self, foreign: &str, choice: LabelChoice) {
        self.with_import(|p, m| {
            let labels = m.doc.labels();
            let target = match choice {
                LabelChoice::Existing(id) => match m.doc.label(id) {
                    Some(l) => Target::Existing {
                        id,
                        name: l.name.clone(),
                    },
                    None => return,
                },
                LabelChoice::New => {
                    let proposed = p
                        .proposed
                        .iter()
                        .find(|x| x.foreign.to_lowercase() == foreign.to_lowercase())
                        .map(|x| &x.target);
                    match proposed {
                        Some(Target::New(spec)) if !name_taken(&p.preview, foreign, &spec.name) => {
                            Target::New(spec.clone())
                        }
                        _ => Target::New(p.preview.new_target(foreign, labels)),
                    }
                }
            };
            p.error = p
                .preview
                .set_target(foreign, target, labels)
                .err()
                .map(|e| format!("{}.", capitalise(&e.to_string())));
        });
    }

    pub(super) fn set_import_mode(&mut self, mode: Mode) {
        self.with_import(|p, _| p.mode = mode);
    }

    pub(super) fn set_import_destination(&mut self, to: Destination) {
        self.with_import(|p, _| {
            if to == Destination::NewArticles || p.onto_open {
                p.destination = to;
            }
        });
    }

    pub(super) fn cancel_import(&mut self) {
        if let Some(p) = self.import.take() {
            self.say(
                format!("Import of {} cancelled; nothing was changed.", p.name),
                false,
            );
        }
    }

    /// **Import** in the preview: refused whole when strict and a line is malformed; else the
    /// articles become new articles (stored by the shell), or suggestions on the open article.
    pub(super) fn confirm_import(&mut self, fx: &mut Vec<Effect>) {
        let Some(p) = self.import.take() else { return };
        if let Some(problem) = p.refusal() {
            let (said, detail) = super::explain::strict_refusal(problem);
            let why = ImportFailure::Explained { said, detail };
            return self.import_failed(&p.name, &why);
        }
        self.remember_labels(&p.preview, fx);
        match p.destination {
            Destination::Suggestions if p.onto_open => {
                if self.access != Access::Editing || self.conflict.is_some() {
                    // Another tab took the article over while the preview was open.
                    return self.say(super::event::READ_ONLY, true);
                }
                self.import_as_suggestions(&p)
            }
            _ => self.import_as_articles(&p, fx),
        }
    }

    /// Keeps the mapping chosen for the next import (in memory, and by the shell).
    fn remember_labels(&mut self, preview: &ImportPreview, fx: &mut Vec<Effect>) {
        let mut memory = (*self.label_memory).clone();
        for (foreign, ours) in preview.remembered() {
            memory.retain(|(f, _)| f.to_lowercase() != foreign.to_lowercase());
            memory.push((foreign, ours));
        }
        if memory != *self.label_memory {
            fx.push(Effect::RememberLabels(memory.clone()));
            self.label_memory = Rc::new(memory);
        }
    }

    fn import_as_articles(&mut self, p: &PendingImport, fx: &mut Vec<Effect>) {
        let docs = p.preview.documents(self.doc.labels());
        for d in &docs {
            if let Err(e) = crate::limits::check(d) {
                let title = crate::library::display_title(d);
                let why = ImportFailure::Invalid(format!("“{title}”: {e}"));
                return self.import_failed(&p.name, &why);
            }
        }
        if docs.is_empty() {
            return;
        }
        // Each article's predictions are stored with it, to review when it is opened (the first
        // one's at once, as it is shown).
        let predictions: Vec<Vec<Prediction>> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| {
                p.preview
                    .predictions_of(i, d)
                    .into_iter()
                    .filter_map(|x| Prediction::on(d, x))
                    .collect()
            })
            .collect();
        let mut notices = Vec::new();
        let added = p.preview.new_labels();
        if !added.is_empty() {
            let list: Vec<String> = added.iter().map(|l| format!("“{}”", l.name)).collect();
            notices.push(format!(
                "Added {}: {}.",
                n_of(added.len(), "label"),
                list.join(", ")
            ));
        }
        let listed = p.preview.problems.len();
        if listed > 0 {
            notices.push(format!(
                "{} listed in the preview.",
                n_of(listed, "problem")
            ));
        }
        if let Some(said) = waiting(&docs, &predictions) {
            notices.push(said);
        }
        fx.push(Effect::StoreImports(vec![Batch {
            name: p.name.clone(),
            docs,
            notices,
            predictions,
        }]));
    }

    fn import_as_suggestions(&mut self, p: &PendingImport) {
        for spec in p.preview.new_labels() {
            if self.doc.label_named(&spec.name).is_none() && !self.act(&Action::AddLabel(spec)) {
                return;
            }
        }
        let proposals = p.preview.proposals(&self.doc, true);
        let n = self.review_imported(&proposals);
        if n == 0 {
            self.say(
                format!("Nothing new to suggest from {}: every span is already annotated here, or was rejected.", p.name),
                false,
            );
        } else {
            self.say(
                format!(
                    "{} from {} to review. Enter accepts the one in focus, Backspace rejects it.",
                    n_of(n, "suggestion"),
                    p.name
                ),
                false,
            );
        }
    }

    /// Starts reviewing `proposals` on the open article; how many there are to review.
    fn review_imported(&mut self, proposals: &[Proposal]) -> usize {
        let rejected = self.rejected_keys();
        let list = review::imported(&self.doc, proposals, &rejected);
        let n = list.len();
        if n > 0 {
            self.suggestion = list.first().map(|p| p.key.clone());
            self.suggestions = Some(Rc::new(list));
            self.selected = None;
            self.picking = None;
        }
        n
    }

    /// An article was opened (from the library, or shown as an import stores it): its
    /// imported predictions not reviewed yet become suggestions to review, said after what
    /// the status line says. Those already annotated, rejected or no longer on their text are
    /// taken off for good. True when a review started.
    pub(super) fn review_predictions(&mut self) -> bool {
        if self.predictions.is_empty() {
            return false;
        }
        let doc = Rc::clone(&self.doc);
        let fitting: Vec<Prediction> = self
            .predictions
            .iter()
            .filter(|p| p.fits(&doc))
            .cloned()
            .collect();
        let editable = self.access == Access::Editing
            && self.conflict.is_none()
            && self.stage == Stage::Annotate;
        if !editable {
            self.predictions = Rc::new(fitting);
            return false;
        }
        let proposals: Vec<Proposal> = fitting.iter().map(|p| p.proposal.clone()).collect();
        let n = self.review_imported(&proposals);
        let offered: HashSet<(crate::LabelId, crate::Span)> = self
            .suggestions
            .iter()
            .flat_map(|v| v.iter())
            .map(|p| (p.proposal.label, p.proposal.span))
            .collect();
        self.predictions = Rc::new(
            fitting
                .into_iter()
                .filter(|p| offered.contains(&(p.proposal.label, p.proposal.span)))
                .collect(),
        );
        if n > 0 {
            self.say_review_of_predictions();
        }
        n > 0
    }

    /// Adds to the status line how many imported predictions are under review.
    fn say_review_of_predictions(&mut self) {
        let n = self.suggestions.as_ref().map_or(0, |v| v.len());
        let mut text = self
            .message
            .as_ref()
            .map_or(String::new(), |m| m.text.clone());
        text.push_str(&format!(
            " {} to review (the predictions imported with it). Enter accepts the one in focus, Backspace rejects it.",
            n_of(n, "suggestion")
        ));
        let is_error = self.message.as_ref().is_some_and(|m| m.is_error);
        self.say(text.trim_start().to_owned(), is_error);
    }

    /// An import was stored and reported: the review of the shown article's predictions,
    /// started as it was shown, is said again after the report.
    pub(super) fn review_import(&mut self) {
        if !self.predictions.is_empty() && self.suggestions.is_some() {
            self.say_review_of_predictions();
        }
    }

    /// Takes the imported predictions among `gone` (decided, or settled by a decision) off
    /// the open article's list, so they are not offered again.
    pub(super) fn take_off_predictions(&mut self, list: &[Pending], gone: &HashSet<SuggestionKey>) {
        if self.predictions.is_empty() {
            return;
        }
        let decided: HashSet<(crate::LabelId, crate::Span)> = list
            .iter()
            .filter(|p| gone.contains(&p.key))
            .map(|p| (p.proposal.label, p.proposal.span))
            .collect();
        let left: Vec<Prediction> = self
            .predictions
            .iter()
            .filter(|p| !decided.contains(&(p.proposal.label, p.proposal.span)))
            .cloned()
            .collect();
        if left.len() != self.predictions.len() {
            self.predictions = Rc::new(left);
        }
    }
}

/// Whether `name` is taken by the new label of another foreign label than `foreign`.
fn name_taken(preview: &ImportPreview, foreign: &str, name: &str) -> bool {
    preview.labels.iter().any(|m| {
        m.foreign.to_lowercase() != foreign.to_lowercase()
            && matches!(&m.target, Target::New(s) if s.name.to_lowercase() == name.to_lowercase())
    })
}

/// What the status line says of the predictions stored with the articles not shown: how many
/// wait on which (`None` when none do).
fn waiting(docs: &[crate::Document], predictions: &[Vec<Prediction>]) -> Option<String> {
    let on: Vec<(usize, String)> = docs
        .iter()
        .zip(predictions)
        .skip(1)
        .filter(|(_, p)| !p.is_empty())
        .map(|(d, p)| (p.len(), crate::library::display_title(d)))
        .collect();
    let (first, rest) = on.split_first()?;
    let mut parts = vec![format!("{} on “{}”", n_of(first.0, "prediction"), first.1)];
    parts.extend(rest.iter().map(|(n, t)| format!("{n} on “{t}”")));
    let list = match parts.len() {
        1 => parts.remove(0),
        n if n <= 4 => {
            let last = parts.pop().unwrap_or_default();
            format!("{} and {last}", parts.join(", "))
        }
        n => {
            let total: usize = on.iter().map(|x| x.0).sum();
            format!(
                "{} on {n} other articles ({}, …)",
                n_of(total, "prediction"),
                parts[..3].join(", ")
            )
        }
    };
    let waits = if on.len() == 1 && first.0 == 1 {
        "waits"
    } else {
        "wait"
    };
    Some(format!(
        "{list} {waits} for review: open {} from the library to review {}.",
        if on.len() == 1 { "it" } else { "each" },
        if on.len() == 1 && first.0 == 1 {
            "it"
        } else {
            "them"
        }
    ))
}

/// Why nothing of the files could be imported, for the status line.
fn refusal(e: &ReadError) -> String {
    match e {
        ReadError::Nothing(problems) if problems.is_empty() => "it holds no annotations (a .txt file is read beside its brat .ann, or as the text of a W3C or CoNLL file)".to_owned(),
        e => e.to_string(),
    }
}

/// The events of importing, applied to `s`.
pub(super) fn step(s: &mut Model, event: Event, fx: &mut Vec<Effect>) -> bool {
    match event {
        Event::FilesRead(picked) => s.files_read(picked, fx),
        Event::FilesFound { request, read } => return s.files_found(request, read),
        Event::ReadOn => s.read_on(READ_STEP, fx),
        Event::SetLabelTarget { foreign, choice } => s.set_label_target(&foreign, choice),
        Event::SetImportMode(mode) => s.set_import_mode(mode),
        Event::SetImportDestination(to) => s.set_import_destination(to),
        Event::ConfirmImport => s.confirm_import(fx),
        Event::CancelImport => s.cancel_import(),
        Event::LabelMemory(pairs) => s.label_memory = Rc::new(pairs),
        _ => return false,
    }
    true
}
