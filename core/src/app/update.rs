//! How each event changes the model, and which effects it asks the shell for.

use super::effect::{Effect, Focus};
use super::event::{Event, READ_ONLY};
use super::model::{
    Access, Edge, Message, Model, PendingReplace, Pick, SaveState, Selection, Stage, FLASH_MS,
};
use super::notice::Notice;
use super::words::{capitalise, count, ellipsis, n_of, plural};
use crate::attribution;
use crate::library::Summary;
use crate::review::{self, Pending, SuggestionKey};
use crate::suggest::SuggestKind;
use crate::{Action, AnnotationId, ByteOffset, LabelId, Proposal, Span, Text, Utf16Offset};
use std::collections::HashSet;
use std::rc::Rc;
use std::sync::Arc;

impl Model {
    pub(super) fn say(&mut self, text: impl Into<String>, is_error: bool) {
        self.say_with_detail(text, None, is_error);
    }

    /// Like [`say`](Self::say), with the technical detail behind the message.
    pub(super) fn say_with_detail(
        &mut self,
        text: impl Into<String>,
        detail: Option<String>,
        is_error: bool,
    ) {
        let seq = self.message.as_ref().map_or(1, |m| m.seq + 1);
        self.message = Some(Message {
            text: text.into(),
            is_error,
            detail: detail.filter(|d| !d.is_empty()),
            seq,
        });
    }

    /// Applies a core action through the history, reporting a refusal in the status line.
    pub(super) fn act(&mut self, action: &Action) -> bool {
        let recorded = self.history.recorded();
        let before = self.history.clone(); // O(1): persistent lists
        match self.history.apply(&self.doc, action) {
            Ok(doc)
                if doc.annotations().len() > crate::limits::MAX_ANNOTATIONS
                    && doc.annotations().len() > self.doc.annotations().len() =>
            {
                // The article stays as it was, and so does its history.
                self.history = before;
                self.say(
                    format!(
                        "That would make more than {} annotations, the most one article can hold; nothing was changed.",
                        crate::limits::thousands(crate::limits::MAX_ANNOTATIONS)
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

    /// Replaces the open article by a new, empty one (the library and settings stay).
    fn start_new(&mut self) {
        let save = match &self.save {
            SaveState::Off(r) => SaveState::Off(r.clone()),
            _ => SaveState::Idle,
        };
        *self = Model {
            library: Rc::clone(&self.library),
            save,
            snap_words: self.snap_words,
            show_speakers: self.show_speakers,
            theme: self.theme,
            revision: self.revision + 1,
            saved_revision: self.revision + 1,
            damaged: self.damaged.clone(),
            storage: self.storage,
            opened: self.opened,
            flashes: self.flashes,
            label_memory: Rc::clone(&self.label_memory),
            // a file being read still opens when it is read
            reading: self.reading.clone(),
            ..Model::default()
        };
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
                let said = p.key.text();
                doc.text().get(p.proposal.span) == Some(said)
            });
            if !fits {
                self.suggestions = None;
                self.suggestion = None;
            }
        }
    }

    fn annotate(&mut self, title: String, raw: String) {
        if let Err(e) = crate::limits::check_text(&raw) {
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
            let created = self.doc.annotation_at(span, label).map(|a| a.id.clone());
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
        let by_char = || {
            Some(if forward {
                text.next_grapheme(from)
            } else {
                text.prev_grapheme(from)
            })
        };
        let to = if self.snap_words {
            // Inside a one-word span, a word step would leave nothing: step by character.
            let shrinks_to_nothing = |t: &ByteOffset| match edge {
                Edge::Start => *t >= a.span.end,
                Edge::End => *t <= a.span.start,
            };
            let inward = (edge == Edge::Start) == forward;
            match text.word_step(from, forward, edge == Edge::Start) {
                Some(t) if shrinks_to_nothing(&t) => by_char(),
                None if inward => by_char(),
                t => t,
            }
        } else {
            by_char()
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

    /// Selects the next or previous annotation in text order (of the selected one's label when
    /// `same_label`), after the selected one, else after the caret; wraps around the text.
    fn step(
        &mut self,
        forward: bool,
        same_label: bool,
        caret: Option<Utf16Offset>,
        fx: &mut Vec<Effect>,
    ) -> bool {
        let current = self
            .selected
            .as_ref()
            .and_then(|id| self.doc.annotation(id));
        let label = current.filter(|_| same_label).map(|a| a.label);
        let all = self.doc.annotations();
        let candidates: Vec<usize> = (0..all.len())
            .filter(|&i| label.is_none_or(|l| all[i].label == l))
            .collect();
        if candidates.is_empty() {
            self.say("There are no annotations yet.", false);
            return true;
        }
        // Where to start: the selected annotation's place, else the caret's.
        let pick = match current.and_then(|c| all.iter().position(|a| a.id == c.id)) {
            Some(at) => {
                if forward {
                    candidates.iter().find(|&&i| i > at)
                } else {
                    candidates.iter().rev().find(|&&i| i < at)
                }
            }
            None => {
                let at = caret.map_or(ByteOffset(0), |u| {
                    self.doc.text().index().byte_from_utf16_floor(u)
                });
                if forward {
                    candidates.iter().find(|&&i| all[i].span.start >= at)
                } else {
                    candidates.iter().rev().find(|&&i| all[i].span.start < at)
                }
            }
        };
        let (i, wrapped) = match pick {
            Some(&i) => (i, false),
            None if forward => (candidates[0], true),
            None => (candidates[candidates.len() - 1], true),
        };
        let id = all[i].id.clone();
        step(self, Event::Show(id), fx);
        if wrapped {
            if let Some(m) = &mut self.message {
                m.text = format!(
                    "{} {}",
                    if forward {
                        "Back at the first."
                    } else {
                        "Back at the last."
                    },
                    m.text
                );
            }
        }
        true
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
            let said = self
                .doc
                .annotation(&target)
                .map(|a| ellipsis(self.doc.annotation_text(a), 60))
                .unwrap_or_default();
            // The person the mention stands for, when its group names them more fully
            // ("she (Mara Quist)").
            let person = crate::attribution::entities(&self.doc)
                .into_iter()
                .find(|e| e.mentions.contains(&target))
                .map(|e| e.name)
                .filter(|n| *n != said);
            let name = match person {
                Some(p) => format!("{said} ({})", ellipsis(&p, 60)),
                None => said,
            };
            self.say(
                match pick {
                    Pick::Speaker(_) => format!("Attributed to {name}."),
                    Pick::SameAs(_) => format!("Linked as the same speaker as {name}."),
                },
                false,
            );
        }
    }

    /// The rejected suggestions' keys, to leave out of a review.
    pub(super) fn rejected_keys(&self) -> HashSet<SuggestionKey> {
        self.rejected
            .iter()
            .cloned()
            .map(SuggestionKey::from_saved)
            .collect()
    }

    /// Asks for the rules' spans in the article's text (Suggest); the answer comes back as
    /// [`Event::SuggestionsFound`]. A Suggest still waiting for its answer on the same text is
    /// not asked again.
    fn ask_suggestions(&mut self, fx: &mut Vec<Effect>) {
        if self.stage != Stage::Annotate {
            return;
        }
        if let Some((_, text)) = &self.finding {
            if std::ptr::eq(&**text, self.doc.text()) {
                self.say("Still finding suggestions…", false);
                return;
            }
        }
        self.asks += 1;
        let text = self.doc.text_arc();
        self.finding = Some((self.asks, std::sync::Arc::clone(&text)));
        fx.push(Effect::FindSuggestions {
            request: self.asks,
            text,
        });
        self.say("Finding suggestions…", false);
    }

    /// The rules' answer to Suggest `request`: reviewed when it answers the last Suggest and
    /// the article still has the text it was asked about; else `false` (nothing changed).
    fn found(&mut self, request: u64, found: Result<Vec<annotator_rules::Raw>, String>) -> bool {
        let Some((_, text)) = self.finding.take_if(|(asked, _)| *asked == request) else {
            return false;
        };
        if self.stage != Stage::Annotate || !std::ptr::eq(&*text, self.doc.text()) {
            return true;
        }
        match found.map(|f| crate::suggest::from_found(&text, f)) {
            Ok(Some(list)) => self.suggest(&list),
            Ok(None) => self.say(
                "The suggestion rules answered about another text. Press G to try again.",
                true,
            ),
            Err(why) => self.say_with_detail(
                "Suggestions could not be found: the part of the app that finds them did not load. Reload the page, then press G again.",
                Some(why),
                true,
            ),
        }
        true
    }

    /// Starts reviewing the suggestions `found` in the article's text.
    fn suggest(&mut self, found: &[crate::suggest::Suggestion]) {
        let rejected = self.rejected_keys();
        let list = review::pending(&self.doc, found, &rejected);
        let count = |k: SuggestKind| list.iter().filter(|p| p.kind == Some(k)).count();
        self.say(
            if list.is_empty() {
                "No new suggestions.".to_owned()
            } else {
                let n = |k: SuggestKind, word: &str| {
                    let c = count(k);
                    format!("{c} {}", plural(c, word))
                };
                let links = list.iter().filter(|p| p.is_link()).count();
                format!(
                    "{}: {}, {}, {}{}. Enter accepts the one in focus, Backspace rejects it.",
                    n_of(list.len(), "suggestion"),
                    n(SuggestKind::Quote, "quote"),
                    n(SuggestKind::Speaker, "speaker"),
                    n(SuggestKind::Date, "date"),
                    if links > 0 {
                        format!(", {}", n_of(links, "same-speaker link"))
                    } else {
                        String::new()
                    }
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
    fn decide(&mut self, keys: &[SuggestionKey], accept: bool) {
        self.decide_with(keys, accept, true);
    }

    /// [`Self::decide`]; a quote accepted without `with_speakers` is made without its speaker
    /// and attribution, and its speaker suggestion is left to review.
    fn decide_with(&mut self, keys: &[SuggestionKey], accept: bool, with_speakers: bool) {
        let Some(list) = self.suggestions.clone() else {
            return;
        };
        // Hashed, so deciding thousands at once costs linear time.
        let wanted: HashSet<&SuggestionKey> = keys.iter().collect();
        let chosen: Vec<&Pending> = list.iter().filter(|p| wanted.contains(&p.key)).collect();
        if chosen.is_empty() {
            return;
        }
        let mut gone: HashSet<SuggestionKey> = chosen.iter().map(|p| p.key.clone()).collect();
        if accept {
            // A quote brings its speaker along, so its attribution can be made.
            // A link brings the suggested mentions it joins.
            let speaker_at: std::collections::HashMap<crate::Span, &Pending> = list
                .iter()
                .filter(|x| x.kind == Some(SuggestKind::Speaker))
                .map(|x| (x.proposal.span, x))
                .collect();
            let mut proposals: Vec<Proposal> = Vec::new();
            for p in &chosen {
                let mut proposal = p.proposal.clone();
                if !with_speakers {
                    proposal.speaker = None;
                }
                let brings = [proposal.speaker, proposal.same_as.map(|_| proposal.span)]
                    .into_iter()
                    .chain([proposal.same_as]);
                for at in brings.flatten() {
                    if let Some(sp) = speaker_at.get(&at) {
                        if gone.insert(sp.key.clone()) {
                            proposals.push(sp.proposal.clone());
                        }
                    }
                }
                proposals.push(proposal);
            }
            let before = self.doc.annotations().len();
            if !self.act(&Action::Accept(proposals)) {
                return;
            }
            let made = self.doc.annotations().len() - before;
            let decided = gone.len();
            self.say(
                format!(
                    "Accepted {}{}.",
                    super::words::n_of(decided, "suggestion"),
                    if with_speakers || made == 0 {
                        String::new()
                    } else {
                        " without their speakers".to_owned()
                    }
                ),
                false,
            );
            // What the step made settles other suggestions too (a link whose mentions are now
            // one speaker).
            let settled = review::Settled::of(&self.doc);
            for p in list.iter() {
                if !gone.contains(&p.key) && settled.done(p) {
                    gone.insert(p.key.clone());
                }
            }
        } else {
            let mut rejected = (*self.rejected).clone();
            let mut new: Vec<String> = gone.iter().map(|k| k.as_str().to_owned()).collect();
            crate::sort::sort(&mut new);
            rejected.extend(new);
            self.rejected = Rc::new(rejected);
            self.revision += 1;
            self.say(
                format!("Rejected {}.", super::words::n_of(gone.len(), "suggestion")),
                false,
            );
        }
        self.take_off_predictions(&list, &gone);
        let left: Vec<Pending> = list
            .iter()
            .filter(|p| !gone.contains(&p.key))
            .cloned()
            .collect();
        // The suggestion in focus stays in focus when it is left (a bulk decision on others
        // must not move the reader); else the next one after it takes its place.
        let current = self
            .suggestion
            .as_ref()
            .filter(|k| !gone.contains(*k))
            .cloned();
        let at = self
            .suggestion
            .as_ref()
            .and_then(|k| list.iter().position(|p| &p.key == k))
            .or_else(|| list.iter().position(|p| gone.contains(&p.key)))
            .unwrap_or(0);
        let next_after = list[at..]
            .iter()
            .chain(list[..at].iter().rev())
            .find(|p| !gone.contains(&p.key))
            .map(|p| p.key.clone());
        self.suggestion = current.or(next_after);
        if left.is_empty() {
            // Nothing left to review: the panel closes itself and says so.
            self.suggestions = None;
            if let Some(m) = &mut self.message {
                m.text.push_str(" All suggestions are reviewed.");
            }
        } else {
            self.suggestions = Some(Rc::new(left));
        }
    }

    /// The keys of the suggestions under review that `pick` takes.
    fn pending_keys(&self, pick: impl Fn(&Pending) -> bool) -> Vec<SuggestionKey> {
        self.suggestions
            .iter()
            .flat_map(|v| v.iter())
            .filter(|p| pick(p))
            .map(|p| p.key.clone())
            .collect()
    }

    /// Gives the quote suggestion `key` another speaker mention (the span of a speaker
    /// annotation or of a speaker suggestion), or none, before it is accepted.
    fn set_suggested_speaker(&mut self, key: &SuggestionKey, speaker: Option<crate::Span>) {
        let Some(list) = &self.suggestions else {
            return;
        };
        let Some(i) = list
            .iter()
            .position(|p| &p.key == key && p.kind == Some(SuggestKind::Quote))
        else {
            return;
        };
        if list[i].proposal.speaker == speaker {
            return;
        }
        let mut list = (**list).clone();
        list[i].proposal.speaker = speaker;
        let said = match speaker.and_then(|sp| self.doc.text().get(sp)) {
            Some(name) => format!("This quote will go to “{name}”."),
            None => "This quote will be accepted without a speaker.".to_owned(),
        };
        self.suggestions = Some(Rc::new(list));
        self.suggestion = Some(key.clone());
        self.say(said, false);
    }

    /// "Group speakers": proposes `same_as` links between the speaker annotations, to review
    /// like suggestions.
    fn group_speakers(&mut self) {
        if self.stage != Stage::Annotate {
            return;
        }
        let rejected = self.rejected_keys();
        let list = review::group_pending(&self.doc, &rejected);
        // Asked from "Who said what": the review takes its place.
        self.dialog = None;
        self.say(
            if list.is_empty() {
                "No speakers to group: every speaker mention is linked as far as the rules tell."
                    .to_owned()
            } else {
                format!(
                    "{} proposed. Enter accepts the one in focus, Backspace rejects it.",
                    n_of(list.len(), "same-speaker link")
                )
            },
            false,
        );
        self.suggestion = list.first().map(|p| p.key.clone());
        self.suggestions = (!list.is_empty()).then(|| Rc::new(list));
        self.selected = None;
        self.picking = None;
    }

    /// Where focus goes after a bulk review: the panel while suggestions are left, else the
    /// list.
    fn review_focus(&self) -> Focus {
        if self.suggestions.is_some() {
            Focus::ReviewHeading
        } else {
            Focus::ListHeading
        }
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

/// Applies `msg` to `s` (a copy of the model), pushing the effects it asks for onto `fx`;
/// `false` means the copy is to be dropped: nothing changed.
pub(super) fn step(s: &mut Model, msg: Event, fx: &mut Vec<Effect>) -> bool {
    if msg.changes_document() {
        if s.conflict.is_some() {
            s.say(
                "First choose, in the banner at the top, what to do about the other tab's changes.",
                true,
            );
            return true;
        }
        if s.access != Access::Editing {
            s.say(READ_ONLY, true);
            return true;
        }
    }
    match msg {
        Event::Annotate {
            title,
            text,
            new_id,
        } => {
            if s.doc_id.is_none() {
                s.doc_id = Some(new_id);
            }
            s.annotate(title, text)
        }
        Event::NewArticle => s.start_new(),
        Event::Restore {
            id,
            doc,
            history,
            notices,
            rejected,
            predictions,
            only_if_empty,
            editing,
        } => {
            if only_if_empty && (s.doc_id.is_some() || !s.doc.text().is_empty()) {
                return false;
            }
            // The same document as the one shown (its export opened again, a copy from the
            // library): the one shown is kept, so the screen builds nothing again. Its next id
            // may be past the copy's (ids made and deleted since): kept so, no id is reused.
            if !(s.doc.same_content(&doc) && s.doc.next_id() >= doc.next_id()) {
                s.doc = Rc::new(*doc);
            }
            s.history = history;
            s.doc_id = Some(id);
            s.rejected = Rc::new(rejected);
            s.predictions = Rc::new(predictions);
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
            let title = crate::library::display_title(&s.doc);
            let mut text = format!("Opened “{title}” ({}).", count(s.doc.annotations().len()));
            if !editing {
                text.push_str(" It is open for editing in another tab, so here it is read only.");
            }
            for n in notices {
                text.push(' ');
                text.push_str(&n);
            }
            s.say(text, false);
            if s.review_predictions() {
                fx.push(Effect::FocusOn(Focus::Article));
            }
        }
        Event::Follow {
            id,
            doc,
            history,
            rejected,
            predictions,
            editing,
        } => {
            if s.doc_id.as_deref() != Some(id.as_str()) || s.saved_revision < s.revision {
                // Another article by now, or changes here not saved: never replace them.
                return false;
            }
            s.doc = Rc::new(*doc);
            s.history = history;
            s.rejected = Rc::new(rejected);
            s.predictions = Rc::new(predictions);
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
        Event::SetAccess(access) => {
            if access != Access::Editing {
                s.picking = None;
                s.pending = None;
                if s.stage == Stage::Input && !s.doc.text().is_empty() {
                    s.stage = Stage::Annotate;
                }
            }
            s.access = access;
        }
        Event::SetConflict(conflict) => s.conflict = conflict,
        Event::Moved {
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
        Event::NoteTyped { id, note } => {
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
                return false;
            }
        }
        Event::RestoreDraft { title, text } => {
            s.draft = Some((title, text));
            s.stage = Stage::Input;
            s.say(
                "Restored the text you were pasting or editing when the page closed.",
                false,
            );
        }
        Event::StorageInfo(info) => s.storage = Some(info),
        Event::FoundDamaged(d) => {
            s.say_with_detail(
                format!(
                    "{} It has been kept untouched; you can download it.",
                    super::explain::damaged(&d.reason)
                ),
                Some(d.reason.clone()),
                // the banner is the alert; the status line says it politely, not a second time
                false,
            );
            s.damaged = Some(d);
        }
        Event::Saved { revision, summary } => {
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
            super::version::after_save(s, fx);
        }
        Event::SaveFailed(reason) => s.save = SaveState::Failed(reason),
        Event::StorageOff(reason) => s.save = SaveState::Off(reason),
        Event::LibraryLoaded(list) => s.library = Rc::new(list),
        Event::Retitle(title) => {
            let text = s.doc.text_arc();
            if s.act(&Action::ReplaceText {
                text,
                title: Some(title),
            }) {
                s.say("Renamed.", false);
            }
        }
        Event::RenameArticle { id, title } => {
            if s.doc_id.as_deref() == Some(id.as_str()) {
                return step(s, Event::Retitle(title), fx);
            }
            fx.push(Effect::RenameStored { id, title });
            return false;
        }
        Event::Renamed { title, result } => match result {
            Ok(list) => {
                s.library = Rc::new(list);
                s.say(format!("Renamed to “{}”.", title.trim()), false);
            }
            Err(e) => s.say(format!("Could not rename: {e}."), true),
        },
        Event::DeleteArticle(id) => {
            fx.push(Effect::DeleteStored(id));
            return false;
        }
        Event::Deleted { id, result } => match result {
            Ok(list) => {
                let title = s
                    .library
                    .iter()
                    .find(|a| a.id == id)
                    .map(|a| a.title.clone())
                    .unwrap_or_default();
                if s.doc_id.as_deref() == Some(id.as_str()) {
                    s.start_new();
                    fx.push(Effect::Release);
                }
                s.library = Rc::new(list);
                s.say(format!("Deleted “{title}”."), false);
            }
            Err(e) => s.say(format!("Could not delete: {e}."), true),
        },
        Event::ExportAll => {
            fx.push(Effect::GatherLibrary);
            return false;
        }
        Event::LibraryGathered(docs, at) => {
            let name = format!("article-library-{}.jsonl", at.date());
            fx.push(Effect::Download {
                said: format!("Exported {} to {name}.", n_of(docs.len(), "article")),
                name,
                mime: "application/jsonl",
                bytes: crate::formats::jsonl::export_library(&docs).into_bytes(),
            });
            return false;
        }
        Event::DownloadDamaged => {
            let Some(d) = &s.damaged else { return false };
            fx.push(Effect::Download {
                name: format!("damaged-{}.json", d.id),
                mime: "application/json",
                bytes: d.raw.as_bytes().to_vec(),
                said: "Downloaded the saved data as it was found.".to_owned(),
            });
            return false;
        }
        Event::ImportFailed { name, why } => s.import_failed(&name, &why),
        Event::Imported(report) => {
            let (text, is_error) = report.message();
            s.say(text, is_error);
            s.review_import();
        }
        Event::FilesRead(_)
        | Event::FilesFound { .. }
        | Event::ReadOn
        | Event::SetLabelTarget { .. }
        | Event::SetImportMode(_)
        | Event::SetImportDestination(_)
        | Event::ConfirmImport
        | Event::CancelImport
        | Event::LabelMemory(_) => return super::importing::step(s, msg, fx),
        Event::NewVersionReady | Event::TakeNewVersion => return super::version::step(s, msg, fx),
        Event::ConfirmReplace => {
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
        Event::CancelReplace => s.pending = None,
        Event::EditText => {
            s.stage = Stage::Input;
            s.dialog = None;
        }
        Event::CancelEdit => {
            if !s.doc.text().is_empty() {
                s.stage = Stage::Annotate;
            }
        }
        Event::SetSnap(on) => s.snap_words = on,
        Event::SetShowSpeakers(on) => s.show_speakers = on,
        Event::SetTheme(theme) => {
            if s.theme == theme {
                return false;
            }
            s.theme = theme;
            fx.push(Effect::RememberTheme(theme));
        }
        Event::ThemeRemembered(theme) => s.theme = theme,
        Event::ClearError => {
            if s.message.as_ref().is_some_and(|m| m.is_error) {
                s.message = None;
            } else {
                return false;
            }
        }
        Event::Step {
            forward,
            same_label,
            caret,
        } => return s.step(forward, same_label, caret, fx),
        Event::Label { label, selection } => s.label(label, selection),
        Event::Key { key, selection } => {
            if s.stage != Stage::Annotate || s.pending.is_some() || s.dialog.is_some() {
                return false;
            }
            let Some(label) = crate::label::label_for_key(s.doc.labels(), key) else {
                return false;
            };
            let id = label.id;
            s.label(id, selection);
        }
        Event::Delete(id) => {
            let shown = s
                .doc
                .annotation(&id)
                .map(|a| ellipsis(s.doc.annotation_text(a), 80));
            // The entry after it takes its place in the list (else the one before), for focus
            // when its Delete button had it.
            let all = s.doc.annotations();
            let next = s.doc.position_of(&id).and_then(|i| {
                all.get(i + 1)
                    .or_else(|| i.checked_sub(1).and_then(|j| all.get(j)))
                    .map(|a| a.id.clone())
            });
            if s.act(&Action::Delete { id }) {
                s.say(format!("Deleted: {}", shown.unwrap_or_default()), false);
                fx.push(Effect::FocusIfLost(
                    next.map_or(Focus::ListHeading, Focus::ListRow),
                ));
            }
        }
        Event::DeleteSelected => match s.selected.clone() {
            Some(id) => return step(s, Event::Delete(id), fx),
            None => s.say("Select an annotation to delete first.", false),
        },
        Event::Select(id) => {
            s.selected = id.filter(|i| s.doc.annotation(i).is_some());
            s.under_pointer.clear();
            s.announce_selected();
        }
        Event::Show(id) => {
            if s.doc.annotation(&id).is_some() {
                s.flashes += 1;
                let nonce = s.flashes;
                fx.push(Effect::ScrollTo(id.clone()));
                fx.push(Effect::Later {
                    ms: FLASH_MS,
                    event: Box::new(Event::EndFlash(nonce)),
                });
                s.flash = Some((id.clone(), nonce));
                s.selected = Some(id);
                s.under_pointer.clear();
                s.announce_selected();
            }
        }
        Event::EndFlash(nonce) => {
            if s.flash.as_ref().is_some_and(|(_, n)| *n == nonce) {
                s.flash = None;
            } else {
                return false;
            }
        }
        Event::ClickAnnotations(ids) => s.click(ids),
        Event::Cycle { forward } => s.cycle(forward),
        Event::Nudge { edge, forward } => s.nudge(edge, forward),
        Event::ResizeTo { id, edge, at } => s.resize_to(id, edge, at),
        Event::SetNote { id, note } => {
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
        Event::AnnotateAllSelected => {
            let Some(id) = s.selected.clone() else {
                s.say("Select an annotation first.", false);
                return true;
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
        Event::EditLabels(action) => {
            let what = action.describe();
            if s.act(&action) {
                s.say(format!("Labels: {what} done."), false);
            }
        }
        Event::StartAttribute => s.start_pick(false),
        Event::StartLink => s.start_pick(true),
        Event::CancelPick => {
            if s.picking.take().is_some() {
                s.say("Cancelled.", false);
            }
        }
        Event::PickTarget(id) => s.pick(id),
        Event::Unattribute => {
            if let Some(from) = s.selected.clone() {
                if s.act(&Action::Unattribute { from }) {
                    s.say("Attribution removed.", false);
                }
            }
        }
        Event::SetKind(kind) => {
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
        Event::SetCue(_) | Event::ClearCue => {
            let Some(id) = s.selected.clone() else {
                return false;
            };
            let cue = match msg {
                Event::SetCue(None) => {
                    s.say("Select the cue (\"said\") in the article first.", false);
                    return true;
                }
                Event::SetCue(selection) => match s.selection_span(selection) {
                    Some(span) => Some(span),
                    None => return true,
                },
                _ => None,
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
        Event::Unlink => {
            if let Some(id) = s.selected.clone() {
                if s.act(&Action::Unlink { id }) {
                    s.say("This mention is now a speaker of its own.", false);
                }
            }
        }
        Event::Suggest => s.ask_suggestions(fx),
        Event::SuggestionsFound { request, found } => return s.found(request, found),
        Event::CloseSuggestions => {
            s.suggestions = None;
            s.suggestion = None;
            fx.push(Effect::FocusIfLost(Focus::ListHeading));
        }
        Event::ClickSuggestion(i) => {
            let key = s
                .suggestions
                .as_ref()
                .and_then(|v| v.get(i))
                .map(|p| p.key.clone());
            return key.is_some_and(|k| step(s, Event::FocusSuggestion(k), fx));
        }
        Event::FocusSuggestion(key) => {
            s.suggestion = Some(key);
            s.selected = None;
        }
        Event::AcceptSuggestion(key) => s.decide(&[key], true),
        Event::RejectSuggestion(key) => s.decide(&[key], false),
        Event::AcceptAll(kind) => {
            let keys: Vec<SuggestionKey> = s
                .suggestions
                .iter()
                .flat_map(|v| v.iter())
                .filter(|p| p.kind == Some(kind))
                .map(|p| p.key.clone())
                .collect();
            s.decide(&keys, true);
            fx.push(Effect::FocusIfLost(s.review_focus()));
        }
        Event::AcceptQuotesWithoutSpeakers => {
            let keys = s.pending_keys(|p| p.kind == Some(SuggestKind::Quote));
            s.decide_with(&keys, true, false);
            fx.push(Effect::FocusIfLost(s.review_focus()));
        }
        Event::AcceptAllLinks => {
            let keys = s.pending_keys(Pending::is_link);
            s.decide(&keys, true);
            fx.push(Effect::FocusIfLost(s.review_focus()));
        }
        Event::AcceptEverything => {
            let keys = s.pending_keys(|_| true);
            s.decide(&keys, true);
            fx.push(Effect::FocusIfLost(s.review_focus()));
        }
        Event::SetSuggestedSpeaker { key, speaker } => s.set_suggested_speaker(&key, speaker),
        Event::GroupSpeakers => {
            s.group_speakers();
            fx.push(Effect::FocusIfLost(s.review_focus()));
        }
        Event::RejectAll => {
            let keys: Vec<SuggestionKey> = s
                .suggestions
                .iter()
                .flat_map(|v| v.iter())
                .map(|p| p.key.clone())
                .collect();
            s.decide(&keys, false);
            fx.push(Effect::FocusIfLost(s.review_focus()));
        }
        Event::Undo => match s.history.undo(&s.doc) {
            Some((doc, what)) => {
                s.doc = Rc::new(doc);
                s.revision += 1;
                s.keep_selection_valid();
                s.say(format!("Undid {what}."), false);
            }
            None => s.say("Nothing to undo.", false),
        },
        Event::Redo => match s.history.redo(&s.doc) {
            Some((doc, what)) => {
                s.doc = Rc::new(doc);
                s.revision += 1;
                s.keep_selection_valid();
                s.say(format!("Redid {what}."), false);
            }
            None => s.say("Nothing to redo.", false),
        },
        Event::SetDialog(d) => s.dialog = d,
        Event::Notice(notice) => {
            if let Notice::UnfinishedOpening { .. } = notice {
                // It is kept in the library: show it there.
                s.dialog = Some(super::model::Dialog::Library);
            }
            s.say(notice.to_string(), notice.is_error());
        }
        Event::Export(format, at) => {
            let base = crate::slug::file_base(s.doc.title(), s.doc.text().as_str(), &at);
            let name = format!("{base}{}", format.suffix());
            let said = format!("Exported {} to {name}.", count(s.doc.annotations().len()));
            match crate::export::page_bytes(&s.doc, format) {
                Some(bytes) => fx.push(Effect::Download {
                    name,
                    mime: format.mime(),
                    bytes,
                    said,
                }),
                None => {
                    // The other tools' writers are in the worker.
                    s.asks += 1;
                    fx.push(Effect::WriteExport {
                        request: s.asks,
                        format,
                        json: crate::formats::v1::export_json(&s.doc),
                        base,
                        id: s.doc_id.clone(),
                    });
                    s.say(format!("Writing {name}…"), false);
                    let mime = format.mime();
                    let pending = super::model::PendingExport { name, mime, said };
                    s.exporting.push((s.asks, pending));
                    return true;
                }
            }
            return false;
        }
        Event::ExportWritten { request, bytes } => {
            let Some(at) = s.exporting.iter().position(|(r, _)| *r == request) else {
                return false;
            };
            let (_, p) = s.exporting.remove(at);
            match bytes {
                Ok(bytes) => fx.push(Effect::Download {
                    name: p.name,
                    mime: p.mime,
                    bytes,
                    said: p.said,
                }),
                Err(why) => s.say_with_detail(
                    format!(
                        "Could not export {}: the part of the app that writes other tools' \
                         formats did not load. Reload the page, then export again.",
                        p.name
                    ),
                    Some(why),
                    true,
                ),
            }
        }
        Event::ExportAttribution(at) => {
            let name = format!(
                "{}.attribution.csv",
                crate::slug::file_base(s.doc.title(), s.doc.text().as_str(), &at)
            );
            fx.push(Effect::Download {
                said: format!("Exported the attribution table to {name}."),
                name,
                mime: "text/csv",
                bytes: crate::formats::csv::download_bytes(&attribution::csv(&s.doc)),
            });
            return false;
        }
        Event::CopyJson => {
            fx.push(Effect::Copy(crate::formats::v1::export_json(&s.doc)));
            return false;
        }
        Event::Downloaded { said, ok: true } => s.say(said, false),
        Event::Downloaded { ok: false, .. } => s.say("The browser refused the download.", true),
        Event::Copied(Ok(())) => s.say("Copied JSON to the clipboard.", false),
        Event::Copied(Err(e)) => s.say_with_detail(
            "Could not copy to the clipboard: the browser did not allow it (a page may copy only \
             while it is in front, and some browsers ask for permission). Use “Export JSON” \
             instead.",
            Some(e.to_string()),
            true,
        ),
    }
    true
}
