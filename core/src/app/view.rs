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
    /// One choice per entity: the mention nearest the annotation being attributed (or linked)
    /// stands for it, with the entity's name and how many mentions it has.
    pub options: Vec<(AnnotationId, String)>,
}

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
            let nearest = e
                .mentions
                .iter()
                .filter_map(|m| doc.annotation(m))
                .min_by_key(|m| m.span.start.0.abs_diff(at))?;
            let n = e.mentions.len();
            let label = if n == 1 {
                e.name.clone()
            } else {
                format!("{} ({n} mentions)", e.name)
            };
            Some((nearest.id.clone(), label))
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
pub fn attribution_of(model: &Model, entities: &[Entity], a: &Annotation) -> Option<Attribution> {
    let doc = &model.doc;
    let entity_of = |id: &AnnotationId| entities.iter().find(|e| e.mentions.contains(id));
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

/// The suggestions the article draws (their place in the list, span and label): the
/// [`SUGGESTIONS_DRAWN`] around the one in focus, which moves as they are reviewed.
pub fn suggestions_drawn(model: &Model) -> Vec<(usize, Span, LabelId)> {
    let around = focused_suggestion(model).unwrap_or(0);
    model
        .suggestions
        .iter()
        .flat_map(|v| v.iter().enumerate())
        .filter(|(i, _)| i.abs_diff(around) <= SUGGESTIONS_DRAWN / 2)
        .map(|(i, p)| (i, p.proposal.span, p.proposal.label))
        .collect()
}

/// The label name and the text of each suggestion under review, in the list's order.
pub fn suggestion_texts(model: &Model) -> Vec<(String, String)> {
    let doc = &model.doc;
    model
        .suggestions
        .iter()
        .flat_map(|v| v.iter())
        .map(|p| {
            let label = doc.label(p.proposal.label).map_or("", |l| l.name.as_str());
            let text = doc.text().get(p.proposal.span).unwrap_or_default();
            (label.to_owned(), text.to_owned())
        })
        .collect()
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
