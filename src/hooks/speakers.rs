//! Who the speakers are, shared by every component that shows them.

use annotator_core::attribution::{self, Entity};
use annotator_core::{AnnotationId, Document, RelationKind};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// A document's speaker entities, worked out the first time they are asked for: only the
/// speaker picker and the panel of a selected annotation need them, and at a book's size they
/// took 25 ms of the first screen.
pub struct Entities {
    doc: Rc<Document>,
    cell: OnceCell<Vec<Entity>>,
}

impl Entities {
    fn new(doc: Rc<Document>) -> Self {
        Entities {
            doc,
            cell: OnceCell::new(),
        }
    }

    /// The entities, in the order of their first mention.
    pub fn get(&self) -> &[Entity] {
        self.cell.get_or_init(|| attribution::entities(&self.doc))
    }
}

/// The same entities, not equal ones: a new value is made exactly when speakers changed.
impl PartialEq for Entities {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Speaker entities and names, with the document they were computed from.
struct SpeakerCache {
    doc: Rc<Document>,
    entities: Rc<Entities>,
    speakers: Rc<HashMap<AnnotationId, String>>,
}

/// The speaker entities of `doc`, and each attributed annotation's speaker name. They are
/// recomputed only when an edit changes speakers or relations: most edits keep the previous
/// ones (the same `Rc`s, so components that take them skip re-rendering). With nothing
/// attributed there are no names to show, and the entities wait until asked for.
#[hook]
pub fn use_speakers(doc: &Rc<Document>) -> (Rc<Entities>, Rc<HashMap<AnnotationId, String>>) {
    let speaker_cache = use_mut_ref(|| None::<SpeakerCache>);
    let mut cache = speaker_cache.borrow_mut();
    match cache.as_mut() {
        Some(c) if Rc::ptr_eq(&c.doc, doc) || attribution::same_speakers(&c.doc, doc) => {
            c.doc = doc.clone();
        }
        _ => {
            let entities = Rc::new(Entities::new(doc.clone()));
            let attributed = doc
                .relations()
                .iter()
                .any(|r| r.kind == RelationKind::AttributedTo);
            let speakers = Rc::new(if attributed {
                attribution::speaker_names_with(doc, entities.get())
            } else {
                HashMap::new()
            });
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
