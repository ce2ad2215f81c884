//! What the side panels show, decided from the model: the speaker picker's choices, the
//! attribution of the selected annotation, and which suggestions the article draws. The shell
//! only renders these.

use super::import::{Destination, LabelChoice};
use super::model::{Model, Pick};
use super::words::n_of;
use crate::attribution::{self, Entity, Role};
use crate::formats::import::{Mode, Target};
use crate::{Annotation, AnnotationId, LabelId, QuoteKind, Span};

/// How many suggestions the article draws at once, around the one in focus: drawing every
/// suggestion of a long article would mean thousands of new highlights at once.
pub const SUGGESTIONS_DRAWN: usize = 300;

/// The speaker picker, while a speaker is being chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    /// What is being chosen.
    pub title: &'static str,
    /// One choice per entity, in the order of first mention.
    pub options: Vec<Choice>,
}

/// One person in the speaker picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The mention nearest the annotation being attributed (or linked): it stands for the
    /// person.
    pub id: AnnotationId,
    /// The person's fullest name, with how many mentions it has ("Mara Quist (2 mentions)").
    pub name: String,
    /// A few words around that mention, to tell people of the same name apart.
    pub context: String,
    /// The person's other ways of being mentioned ("Quist, she"), if any.
    pub also: Option<String>,
}

/// How many words each side of a mention the picker shows.
const CONTEXT_WORDS: usize = 4;

/// The picker for `model`'s current pick, if any. Linking a mention offers every entity but
/// its own.
pub fn picker(model: &Model, entities: &[Entity]) -> Option<Picker> {
    let doc = &model.doc;
    let (title, from) = match model.picking.as_ref()? {
        Pick::Speaker(from) => ("Choose the speaker", from),
        Pick::SameAs(from) => ("Same speaker as…", from),
    };
    let own = matches!(model.picking, Some(Pick::SameAs(_)))
        .then(|| entities.iter().position(|e| e.mentions.contains(from)))
        .flatten();
    let at = doc.annotation(from).map_or(0, |a| a.span.start.0);
    let options = entities
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != own)
        .filter_map(|(_, e)| {
            let mentions: Vec<&Annotation> = e
                .mentions
                .iter()
                .filter_map(|m| doc.annotation(m))
                .collect();
            let nearest = mentions
                .iter()
                .min_by_key(|m| m.span.start.0.abs_diff(at))?;
            let n = e.mentions.len();
            let name = if n == 1 {
                e.name.clone()
            } else {
                format!("{} ({n} mentions)", e.name)
            };
            let mut others: Vec<String> = Vec::new();
            for m in &mentions {
                let t = doc
                    .annotation_text(m)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                if t != e.name && !others.contains(&t) && others.len() < 5 {
                    others.push(t);
                }
            }
            Some(Choice {
                id: nearest.id.clone(),
                name,
                context: context(doc.text().as_str(), nearest.span, CONTEXT_WORDS),
                also: (!others.is_empty()).then(|| others.join(", ")),
            })
        })
        .collect();
    Some(Picker { title, options })
}

/// Who said the selected annotation, or who a speaker mention is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attribution {
    /// A quote or a claim.
    Said {
        /// Its speaker as shown: the entity's name, with the mention when it differs
        /// ("Mara Quist (as “she”)"); `None` when not attributed.
        speaker: Option<String>,
        /// Its kind, if set.
        kind: Option<QuoteKind>,
        /// Its cue's text, if set.
        cue: Option<String>,
    },
    /// A speaker mention.
    Speaker {
        /// Its entity's name.
        name: String,
        /// How many mentions the entity has.
        mentions: usize,
    },
}

/// The attribution of `a`, or `None` for an annotation that is neither said nor a speaker.
/// `entities` is asked only for a speaker or an attributed quote or claim: at a book, working
/// them out took 27 ms, and a fresh quote's panel needs none.
pub fn attribution_of<'e>(
    model: &Model,
    entities: impl FnOnce() -> &'e [Entity],
    a: &Annotation,
) -> Option<Attribution> {
    let doc = &model.doc;
    let entity_of = |id: &AnnotationId| entities().iter().find(|e| e.mentions.contains(id));
    match attribution::role(doc, a) {
        Role::Quote | Role::Claim => Some(Attribution::Said {
            speaker: attribution::speaker_of(doc, &a.id)
                .and_then(|s| doc.annotation(s))
                .map(|s| {
                    let name = entity_of(&s.id).map(|e| e.name.clone()).unwrap_or_default();
                    let mention = doc.annotation_text(s);
                    if name == mention {
                        name
                    } else {
                        format!("{name} (as “{mention}”)")
                    }
                }),
            kind: a.kind,
            cue: a.cue.map(|c| doc.text().slice(c).to_owned()),
        }),
        Role::Speaker => {
            let ent = entity_of(&a.id);
            Some(Attribution::Speaker {
                name: ent.map(|e| e.name.clone()).unwrap_or_default(),
                mentions: ent.map_or(1, |e| e.mentions.len()),
            })
        }
        Role::Other => None,
    }
}

/// The place in the review list of the suggestion in focus.
pub fn focused_suggestion(model: &Model) -> Option<usize> {
    let key = model.suggestion.as_ref()?;
    model
        .suggestions
        .as_ref()?
        .iter()
        .position(|p| &p.key == key)
}

/// The suggestions the article draws (their place in the list, span, label and tooltip): the
/// [`SUGGESTIONS_DRAWN`] around the one in focus, which moves as they are reviewed. A quote's
/// tooltip names its proposed speaker ("Suggested quote → Mara Quist").
pub fn suggestions_drawn(model: &Model) -> Vec<(usize, Span, LabelId, String)> {
    let around = focused_suggestion(model).unwrap_or(0);
    let Some(list) = model.suggestions.as_ref() else {
        return Vec::new();
    };
    let lo = around.saturating_sub(SUGGESTIONS_DRAWN / 2);
    let hi = (around + SUGGESTIONS_DRAWN / 2 + 1).min(list.len());
    let names = person_names(model);
    list[lo.min(hi)..hi]
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let shown = show(model, p, &names);
            (lo + k, p.proposal.span, p.proposal.label, shown.title())
        })
        .collect()
}

/// The mention the suggestion in focus ties to, which the article underlines: a quote's
/// proposed speaker, or the earlier mention of a proposed same-speaker link.
pub fn tied_mention(model: &Model) -> Option<Span> {
    let p = model
        .suggestions
        .as_ref()?
        .get(focused_suggestion(model)?)?;
    p.proposal.same_as.or(p.proposal.speaker)
}

/// One suggestion under review as the panel and the article show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownSuggestion {
    /// Its tag: the label's name, or "same speaker" for a proposed link.
    pub tag: String,
    /// Its text.
    pub text: String,
    /// What it ties to: a quote's proposed speaker ("→ she (Mara Quist)", "→ no speaker"),
    /// the person a link's mention is ("= Mara Quist").
    pub tie: Option<String>,
}

impl ShownSuggestion {
    /// The tooltip of its highlight: "Suggested quote → Mara Quist".
    pub fn title(&self) -> String {
        match &self.tie {
            Some(t) => format!("Suggested {} {t}", self.tag),
            None => format!("Suggested {}", self.tag),
        }
    }
}

/// Who each speaker mention under review stands for, by span (see
/// [`crate::review::person_names`]).
fn person_names(model: &Model) -> std::collections::HashMap<Span, String> {
    model
        .suggestions
        .as_ref()
        .map(|list| crate::review::person_names(&model.doc, list))
        .unwrap_or_default()
}

/// A speaker mention as shown: its text, with the person's fuller name when that differs
/// ("she (Mara Quist)").
fn mention_as_shown(
    model: &Model,
    span: Span,
    names: &std::collections::HashMap<Span, String>,
) -> String {
    let said = model.doc.text().get(span).unwrap_or_default();
    let said = said.split_whitespace().collect::<Vec<_>>().join(" ");
    match names.get(&span) {
        Some(name) if *name != said => format!("{said} ({name})"),
        _ => said,
    }
}

fn show(
    model: &Model,
    p: &crate::review::Pending,
    names: &std::collections::HashMap<Span, String>,
) -> ShownSuggestion {
    let doc = &model.doc;
    let label = doc.label(p.proposal.label).map_or("", |l| l.name.as_str());
    let text = doc
        .text()
        .get(p.proposal.span)
        .unwrap_or_default()
        .to_owned();
    if let Some(to) = p.proposal.same_as {
        // The earlier mention, with the person's name when it says more than either mention.
        let said = doc.text().get(to).unwrap_or_default();
        let tie = match names.get(&to) {
            Some(name) if name != said && *name != text => format!("= {said} ({name})"),
            _ => format!("= {said}"),
        };
        return ShownSuggestion {
            tag: "same speaker".to_owned(),
            text,
            tie: Some(tie),
        };
    }
    let is_quote = p.kind == Some(crate::suggest::SuggestKind::Quote);
    let tie = match p.proposal.speaker {
        Some(sp) => Some(format!("→ {}", mention_as_shown(model, sp, names))),
        None if is_quote => Some("→ no speaker".to_owned()),
        None => None,
    };
    ShownSuggestion {
        tag: label.to_owned(),
        text,
        tie,
    }
}

/// Each suggestion under review as shown, in the list's order.
pub fn suggestion_texts(model: &Model) -> Vec<ShownSuggestion> {
    let names = person_names(model);
    model
        .suggestions
        .iter()
        .flat_map(|v| v.iter())
        .map(|p| show(model, p, &names))
        .collect()
}

/// What the review panel shows of the suggestion in focus.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Review {
    /// The suggestion in focus, as shown.
    pub focused: Option<ShownSuggestion>,
    /// For a quote in focus: the speakers it can be given instead (see [`speaker_choices`]).
    pub choices: Vec<(Span, String)>,
}

/// The review panel's view of the suggestion in focus; the people the mentions stand for are
/// worked out once for both parts.
pub fn review(model: &Model) -> Review {
    let names = person_names(model);
    let focused = focused_suggestion(model).and_then(|i| {
        let p = model.suggestions.as_ref()?.get(i)?;
        Some(show(model, p, &names))
    });
    Review {
        focused,
        choices: choices_with(model, &names),
    }
}

/// How many speaker mentions the speaker menu of a quote suggestion offers: the nearest ones.
pub const SPEAKER_CHOICES: usize = 16;

/// The speakers a quote suggestion in focus can be given instead of the proposed one: the
/// [`SPEAKER_CHOICES`] speaker mentions (annotated or suggested) nearest it, in text order,
/// each as its text, its person's name and a few words around it. Empty when the suggestion
/// in focus is not a quote.
pub fn speaker_choices(model: &Model) -> Vec<(Span, String)> {
    choices_with(model, &person_names(model))
}

fn choices_with(
    model: &Model,
    names: &std::collections::HashMap<Span, String>,
) -> Vec<(Span, String)> {
    let Some(i) = focused_suggestion(model) else {
        return Vec::new();
    };
    let Some(list) = model.suggestions.as_ref() else {
        return Vec::new();
    };
    let p = &list[i];
    if p.kind != Some(crate::suggest::SuggestKind::Quote) {
        return Vec::new();
    }
    let doc = &model.doc;
    let mut spans: Vec<Span> = names.keys().copied().collect();
    let at = p.proposal.span.start.0;
    crate::sort::sort_by_key(&mut spans, |s| (s.start.0.abs_diff(at), s.start));
    spans.truncate(SPEAKER_CHOICES);
    if let Some(sp) = p.proposal.speaker.filter(|sp| !spans.contains(sp)) {
        spans.push(sp);
    }
    crate::sort::sort(&mut spans);
    spans
        .into_iter()
        .map(|sp| {
            let who = mention_as_shown(model, sp, names);
            (
                sp,
                format!("{who}: {}", context(doc.text().as_str(), sp, 4)),
            )
        })
        .collect()
}

/// A few words (`words` each side) around `span` in `text`, on one line, with ellipses where
/// cut: "…rebuild the pier,” said Mara Quist on Monday. She…".
pub fn context(text: &str, span: Span, words: usize) -> String {
    let (Some(before), Some(inner), Some(after)) = (
        text.get(..span.start.0),
        text.get(span.range()),
        text.get(span.end.0..),
    ) else {
        return String::new();
    };
    let line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    // Within the paragraph only.
    let before = before.rsplit('\n').next().unwrap_or("");
    let after = after.split('\n').next().unwrap_or("");
    let b: Vec<&str> = before.split_whitespace().collect();
    let a: Vec<&str> = after.split_whitespace().collect();
    let cut_b = b.len() > words;
    let cut_a = a.len() > words;
    let b = &b[b.len().saturating_sub(words)..];
    let a = &a[..a.len().min(words)];
    let glue_b = if before.ends_with(char::is_whitespace) || before.is_empty() {
        " "
    } else {
        ""
    };
    let glue_a = if after.starts_with(char::is_whitespace) || after.is_empty() {
        " "
    } else {
        ""
    };
    let out = format!(
        "{}{}{glue_b}{}{glue_a}{}{}",
        if cut_b { "…" } else { "" },
        b.join(" "),
        line(inner),
        a.join(" "),
        if cut_a { "…" } else { "" },
    );
    out.trim().to_owned()
}

/// The import preview, ready to render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportDialog {
    /// What was read, and as what: "a.txt and a.ann, read as brat standoff."
    pub source: String,
    /// What was found, one line each (articles, annotations, relations, suggestions).
    pub found: Vec<String>,
    /// One row per foreign label.
    pub labels: Vec<LabelRow>,
    /// The open article's labels, which a foreign label can go to.
    pub ours: Vec<(LabelId, String)>,
    /// Every problem, by file and line.
    pub problems: Vec<String>,
    /// Whether a malformed line refuses the whole import.
    pub strict: bool,
    /// What strict mode refuses, when it does.
    pub refusal: Option<String>,
    /// Why the last label choice was refused.
    pub error: Option<String>,
    /// Whether importing as suggestions onto the open article is offered.
    pub onto_open: bool,
    /// Whether that is chosen.
    pub as_suggestions: bool,
}

/// One foreign label in the import preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelRow {
    /// Its name in the file.
    pub foreign: String,
    /// What carries it: "12 annotations, 3 suggestions".
    pub found: String,
    /// Where it goes now.
    pub choice: LabelChoice,
    /// The name it gets as a new label.
    pub new_name: String,
}

/// The import preview for `model`'s pending import, if any.
pub fn import_dialog(model: &Model) -> Option<ImportDialog> {
    let p = model.import.as_deref()?;
    let preview = &p.preview;
    let labels = model.doc.labels();
    let mut formats: Vec<&str> = Vec::new();
    for a in &preview.articles {
        if !formats.contains(&a.format.name()) {
            formats.push(a.format.name());
        }
    }
    let mut found = vec![
        n_of(preview.articles.len(), "article"),
        n_of(preview.span_count(), "annotation"),
        n_of(preview.relation_count(), "relation"),
    ];
    let suggestions = preview.suggestion_count();
    if suggestions > 0 {
        found.push(format!(
            "{} (the file's predictions: reviewed, never added unasked)",
            n_of(suggestions, "suggestion")
        ));
    }
    let rows = preview
        .labels
        .iter()
        .map(|m| {
            let mut counts = vec![n_of(m.spans, "annotation")];
            if m.suggestions > 0 {
                counts.push(n_of(m.suggestions, "suggestion"));
            }
            let (choice, new_name) = match &m.target {
                Target::Existing { id, .. } => (
                    LabelChoice::Existing(*id),
                    preview.new_target(&m.foreign, labels).name,
                ),
                Target::New(spec) => (LabelChoice::New, spec.name.clone()),
            };
            LabelRow {
                foreign: m.foreign.clone(),
                found: counts.join(", "),
                choice,
                new_name,
            }
        })
        .collect();
    Some(ImportDialog {
        source: format!("{}, read as {}.", p.name, formats.join(" and ")),
        found,
        labels: rows,
        ours: labels.iter().map(|l| (l.id, l.name.clone())).collect(),
        problems: preview.problems.iter().map(ToString::to_string).collect(),
        strict: p.mode == Mode::Strict,
        refusal: p.refusal().map(|x| {
            format!(
                "Strict mode refuses this import: {x}. Choose to skip malformed lines, or cancel."
            )
        }),
        error: p.error.clone(),
        onto_open: p.onto_open,
        as_suggestions: p.destination == Destination::Suggestions,
    })
}
