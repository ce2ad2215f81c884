//! Each paragraph's data, shared between renders: an edit regroups only the paragraphs it
//! touched, so the rest skip re-rendering.

use crate::components::paragraph::{ParaData, SharedPara};
use crate::shared::Shared;
use annotator_core::view::{changed_spans, group_by_paragraph, group_of_paragraph, AnnRef};
use annotator_core::{AnnotationId, Document, Span};
use std::collections::HashMap;
use std::rc::Rc;
use yew::AttrValue;

/// The paragraph data of the last render, to share with the next.
pub(super) struct ParaCache {
    pub(super) doc: Rc<Document>,
    pub(super) paragraphs: Rc<Vec<Span>>,
    pub(super) speakers: Rc<HashMap<AnnotationId, String>>,
    pub(super) paras: Rc<Vec<SharedPara>>,
}

/// Most edits change a few annotations: up to this many, only the paragraphs they touch are
/// regrouped; beyond it, every paragraph is.
pub(super) const REGROUP_LIMIT: usize = 64;

/// Each paragraph's data for `doc`. A paragraph whose annotations and badges are what they were
/// in the last render keeps the same shared data, so its chunk and itself skip re-rendering.
/// After an ordinary edit only the paragraphs its changed annotations touch are regrouped (one
/// merge over the old and new annotation lists finds them); the rest keep their data as is.
pub(super) fn para_data(
    cache: &mut Option<ParaCache>,
    doc: &Rc<Document>,
    paragraphs: &Rc<Vec<Span>>,
    speakers: &Rc<HashMap<AnnotationId, String>>,
) -> Rc<Vec<SharedPara>> {
    if let Some(c) = cache.as_ref() {
        if Rc::ptr_eq(&c.doc, doc)
            && Rc::ptr_eq(&c.paragraphs, paragraphs)
            && Rc::ptr_eq(&c.speakers, speakers)
        {
            return c.paras.clone();
        }
    }
    let old = cache
        .take()
        .filter(|c| Rc::ptr_eq(&c.paragraphs, paragraphs));
    let index = doc.text().index();
    let badges_of = |anns: &[AnnRef], span: Span| -> Vec<(usize, AttrValue)> {
        anns.iter()
            .filter(|a| span.start < a.span.end && a.span.end <= span.end)
            .filter_map(|a| {
                speakers
                    .get(&a.id)
                    .map(|n| (a.span.end.0, AttrValue::from(n.clone())))
            })
            .collect()
    };
    // The few paragraphs an edit touched, when the speakers stayed the same.
    let changed = old
        .as_ref()
        .filter(|c| Rc::ptr_eq(&c.speakers, speakers))
        .and_then(|c| changed_spans(c.doc.annotations(), doc.annotations(), REGROUP_LIMIT));
    if let (Some(old), Some(changed)) = (old.as_ref(), changed) {
        let mut paras: Vec<SharedPara> = old.paras.as_ref().clone();
        for span in changed {
            let first = paragraphs.partition_point(|p| p.end <= span.start);
            for i in first..paragraphs.len() {
                let p = paragraphs[i];
                if p.start >= span.end {
                    break;
                }
                let anns = group_of_paragraph(p, doc.annotations());
                let badges = badges_of(&anns, p);
                if paras[i].anns != anns || paras[i].badges != badges {
                    paras[i] = Shared(Rc::new(ParaData {
                        span: p,
                        utf16_start: paras[i].utf16_start,
                        anns,
                        badges,
                    }));
                }
            }
        }
        let paras = Rc::new(paras);
        *cache = Some(ParaCache {
            doc: doc.clone(),
            paragraphs: paragraphs.clone(),
            speakers: speakers.clone(),
            paras: paras.clone(),
        });
        return paras;
    }
    let old = old.map(|c| c.paras);
    let groups = group_by_paragraph(paragraphs, doc.annotations());
    let paras: Vec<SharedPara> = groups
        .into_iter()
        .zip(paragraphs.iter())
        .enumerate()
        .map(|(i, (anns, &span))| {
            let badges = badges_of(&anns, span);
            match old.as_ref().and_then(|o| o.get(i)) {
                Some(o) if o.anns == anns && o.badges == badges => o.clone(),
                _ => Shared(Rc::new(ParaData {
                    span,
                    utf16_start: index.utf16(span.start).0,
                    anns,
                    badges,
                })),
            }
        })
        .collect();
    let paras = Rc::new(paras);
    *cache = Some(ParaCache {
        doc: doc.clone(),
        paragraphs: paragraphs.clone(),
        speakers: speakers.clone(),
        paras: paras.clone(),
    });
    paras
}
