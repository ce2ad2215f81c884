//! Who the speakers are, shared by every component that shows them.

use annotator_core::attribution::{self, Entity};
use annotator_core::{AnnotationId, Document};
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// Speaker entities and names, with the document they were computed from.
struct SpeakerCache {
    doc: Rc<Document>,
    entities: Rc<Vec<Entity>>,
    speakers: Rc<HashMap<AnnotationId, String>>,
}

/// The speaker entities of `doc`, and each attributed annotation's speaker name. They are
/// recomputed only when an edit changes speakers or relations: most edits keep the previous
/// ones (the same `Rc`s, so components that take them skip re-rendering).
#[hook]
pub fn use_speakers(doc: &Rc<Document>) -> (Rc<Vec<Entity>>, Rc<HashMap<AnnotationId, String>>) {
    let speaker_cache = use_mut_ref(|| None::<SpeakerCache>);
    let mut cache = speaker_cache.borrow_mut();
    match cache.as_mut() {
        Some(c) if Rc::ptr_eq(&c.doc, doc) || attribution::same_speakers(&c.doc, doc) => {
            c.doc = doc.clone();
        }
        _ => {
            let entities = Rc::new(attribution::entities(doc));
            let speakers = Rc::new(attribution::speaker_names_with(doc, &entities));
            *cache = Some(SpeakerCache {
                doc: doc.clone(),
                entities,
                speakers,
            });
        }
    }
    let c = cache.as_ref().expect("filled above");
    (c.entities.clone(), c.speakers.clone())
}
