//! What the side panels show, decided from the model: the speaker picker's choices, the
//! attribution of the selected annotation, and which suggestions the article draws. The shell
//! only renders these.

use super::model::{Model, Pick};
use crate::attribution::{self, Entity, Role};
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

/// The text of each suggestion under review, in the list's order.
pub fn suggestion_texts(model: &Model) -> Vec<String> {
    model
        .suggestions
        .iter()
        .flat_map(|v| v.iter())
        .map(|p| {
            model
                .doc
                .text()
                .get(p.proposal.span)
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}
