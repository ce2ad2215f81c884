//! Who said what: quotes and claims attributed to speakers, and speakers resolved into
//! entities.
//!
//! Both are relations, so every tool that reads relations (brat, Label Studio) keeps them:
//! - `attributed_to`: from a quote or claim to a speaker mention; at most one per quote.
//! - `same_as`: between two speaker mentions ("Maria Ortega", "Ortega", "the minister",
//!   "she"). An entity is a connected group of mentions, so chains resolve (A same as B, B same
//!   as C: one entity) and no separate entity object can fall out of step with its mentions:
//!   deleting a mention deletes its links, and nothing dangles.
//!
//! Roles go by label name, in any case: `quote`, `claim` and `speaker`.

use crate::document::{Annotation, AnnotationId, Document, Merged, Relation, RelationKind};
use std::collections::HashMap;

/// The relation type from a quote or claim to its speaker.
pub const ATTRIBUTED_TO: &str = "attributed_to";
/// The relation type between two mentions of the same speaker.
pub const SAME_AS: &str = "same_as";

/// What an annotation is, for attribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Words someone said.
    Quote,
    /// Something someone asserted.
    Claim,
    /// Who said it.
    Speaker,
    /// Anything else.
    Other,
}

/// The role of an annotation, by its label's name.
pub fn role(doc: &Document, a: &Annotation) -> Role {
    doc.label(a.label).map_or(Role::Other, label_role)
}

/// The role a label gives its annotations, by its name in any case.
pub fn label_role(label: &crate::Label) -> Role {
    let name = label.name.as_str();
    if name.eq_ignore_ascii_case("quote") {
        Role::Quote
    } else if name.eq_ignore_ascii_case("claim") {
        Role::Claim
    } else if name.eq_ignore_ascii_case("speaker") {
        Role::Speaker
    } else {
        Role::Other
    }
}

/// Who is tied to whom by attribution, both ways: a quote or claim to its speaker, a speaker to
/// what it said (for lighting up the other end on hover).
pub fn links(doc: &Document) -> HashMap<AnnotationId, Vec<AnnotationId>> {
    let mut links: HashMap<AnnotationId, Vec<AnnotationId>> = HashMap::new();
    for r in doc
        .relations()
        .iter()
        .filter(|r| r.kind == RelationKind::AttributedTo)
    {
        links.entry(r.from.clone()).or_default().push(r.to.clone());
        links.entry(r.to.clone()).or_default().push(r.from.clone());
    }
    links
}

/// The speaker annotations, in text order.
fn speaker_spans(doc: &Document) -> impl Iterator<Item = &Annotation> {
    let speaker_labels: Vec<_> = doc
        .labels()
        .iter()
        .filter(|l| label_role(l) == Role::Speaker)
        .map(|l| l.id)
        .collect();
    doc.annotations()
        .iter()
        .filter(move |a| speaker_labels.contains(&a.label))
}

/// True when [`entities`] and [`speaker_names_with`] give the same results for `a` and `b`:
/// the same text, speaker spans and relations. Cheaper than recomputing them: it allocates
/// nothing per annotation, so an edit that touches no speaker (most of them) costs a comparison.
/// With the same labels, the annotations are compared in one merge that steps over the chunks
/// the two documents share (see [`crate::document::merge_sorted`]), so after one edit that
/// costs the number of chunks, not of annotations.
pub fn same_speakers(a: &Document, b: &Document) -> bool {
    if !std::sync::Arc::ptr_eq(&a.text, &b.text)
        || !(std::rc::Rc::ptr_eq(&a.relations, &b.relations) || a.relations == b.relations)
    {
        return false;
    }
    if a.labels != b.labels {
        return speaker_spans(a)
            .map(|x| (&x.id, x.span))
            .eq(speaker_spans(b).map(|x| (&x.id, x.span)));
    }
    let speaker_labels: Vec<_> = a
        .labels()
        .iter()
        .filter(|l| label_role(l) == Role::Speaker)
        .map(|l| l.id)
        .collect();
    let speaker = |x: &Annotation| speaker_labels.contains(&x.label);
    // Every speaker on either side paired, in order, with a speaker of the same place and id
    // on the other: the two lists of speaker spans are the same.
    crate::document::merge_sorted(&a.annotations, &b.annotations).all(|m| match m {
        Merged::Both(x, y) => speaker(x) == speaker(y),
        Merged::Old(x) | Merged::New(x) => !speaker(x),
    })
}

/// True for quotes and claims, which can be attributed.
pub fn is_attributable(doc: &Document, a: &Annotation) -> bool {
    matches!(role(doc, a), Role::Quote | Role::Claim)
}

/// The speaker mention a quote or claim is attributed to.
pub fn speaker_of<'a>(doc: &'a Document, id: &AnnotationId) -> Option<&'a AnnotationId> {
    doc.relations()
        .iter()
        .find(|r| r.kind == RelationKind::AttributedTo && &r.from == id)
        .map(|r| &r.to)
}

/// One speaker: its mentions, in text order, and the name it goes by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// The mentions, in text order.
    pub mentions: Vec<AnnotationId>,
    /// The fullest name: the longest name among the mentions (the first, on a tie); a role
    /// phrase only when there is no name, a pronoun only when there is nothing else.
    pub name: String,
}

/// Every speaker entity, in the order of its first mention. Every speaker span is a mention of
/// exactly one entity (alone, unless linked).
pub fn entities(doc: &Document) -> Vec<Entity> {
    let speakers: Vec<&Annotation> = speaker_spans(doc).collect();
    let mut parent: Vec<usize> = (0..speakers.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut same_as = doc
        .relations()
        .iter()
        .filter(|r| r.kind == RelationKind::SameAs)
        .peekable();
    if same_as.peek().is_some() {
        let index: HashMap<&AnnotationId, usize> = speakers
            .iter()
            .enumerate()
            .map(|(i, a)| (&a.id, i))
            .collect();
        for r in same_as {
            if let (Some(&a), Some(&b)) = (index.get(&r.from), index.get(&r.to)) {
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                if ra != rb {
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
    }
    // A group's root is its smallest member (unions keep the smaller root), and speakers are
    // in text order: groups taken by root come in the order of their first mention, each with
    // its mentions in text order.
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); speakers.len()];
    for i in 0..speakers.len() {
        let root = find(&mut parent, i);
        groups[root].push(i);
    }
    groups
        .into_iter()
        .filter(|members| !members.is_empty())
        .map(|members| {
            let texts: Vec<&str> = members
                .iter()
                .map(|&i| doc.annotation_text(speakers[i]))
                .collect();
            let name = crate::suggest::group::fullest_name(&texts);
            Entity {
                mentions: members.iter().map(|&i| speakers[i].id.clone()).collect(),
                name,
            }
        })
        .collect()
}

/// One row of the "Who said what" table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The speaker.
    pub entity: Entity,
    /// Quotes attributed to any of its mentions, in text order.
    pub quotes: Vec<AnnotationId>,
    /// Claims attributed to any of its mentions, in text order.
    pub claims: Vec<AnnotationId>,
}

/// The whole table: speakers with what they said, and what still lacks a source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WhoSaidWhat {
    /// One row per entity, in the order of first mention.
    pub rows: Vec<Row>,
    /// Quotes with no speaker.
    pub unattributed_quotes: Vec<AnnotationId>,
    /// Claims with no speaker.
    pub unattributed_claims: Vec<AnnotationId>,
}

/// Groups every quote and claim under the entity of the mention it is attributed to.
pub fn who_said_what(doc: &Document) -> WhoSaidWhat {
    let ents = entities(doc);
    let entity_of: HashMap<&AnnotationId, usize> = ents
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m, i)))
        .collect();
    let mut rows: Vec<Row> = ents
        .iter()
        .map(|e| Row {
            entity: e.clone(),
            quotes: Vec::new(),
            claims: Vec::new(),
        })
        .collect();
    let mut table = WhoSaidWhat::default();
    for a in doc.annotations() {
        let r = role(doc, a);
        if !matches!(r, Role::Quote | Role::Claim) {
            continue;
        }
        let row = speaker_of(doc, &a.id)
            .and_then(|s| entity_of.get(s))
            .copied();
        match (r, row) {
            (Role::Quote, Some(i)) => rows[i].quotes.push(a.id.clone()),
            (Role::Claim, Some(i)) => rows[i].claims.push(a.id.clone()),
            (Role::Quote, None) => table.unattributed_quotes.push(a.id.clone()),
            _ => table.unattributed_claims.push(a.id.clone()),
        }
    }
    table.rows = rows;
    table
}

/// A relation id not used in `doc` (`r1`, `r2`, …).
pub(crate) fn fresh_relation_id(doc: &Document, taken: &[Relation]) -> String {
    let used =
        |id: &str| doc.relations().iter().any(|r| r.id == id) || taken.iter().any(|r| r.id == id);
    (1..)
        .map(|n| format!("r{n}"))
        .find(|id| !used(id))
        .expect("some relation id is free")
}

/// The attribution table as RFC 4180 CSV (CRLF, formula cells guarded as in
/// [`crate::formats::csv`]): one row per quote or claim, in text order, with its speaker
/// entity's name (empty when unattributed); `start` and `end` count code points.
pub fn csv(doc: &Document) -> String {
    use crate::formats::csv::{field, guard};
    let ents = entities(doc);
    let name_of: HashMap<&AnnotationId, &str> = ents
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |m| (m, e.name.as_str())))
        .collect();
    let mut out = String::from("speaker,label,text,kind,cue,start,end,id\r\n");
    for a in doc.annotations() {
        let r = role(doc, a);
        if !matches!(r, Role::Quote | Role::Claim) {
            continue;
        }
        let speaker = speaker_of(doc, &a.id)
            .and_then(|s| name_of.get(s))
            .copied()
            .unwrap_or("");
        let (start, end) = doc.text().chars_of(a.span);
        let label = doc.label(a.label).map_or("", |l| l.name.as_str());
        let cells = [
            field(&guard(speaker)),
            field(&guard(label)),
            field(&guard(doc.annotation_text(a))),
            a.kind.map_or("", |k| k.as_str()).to_owned(),
            field(&guard(a.cue.map_or("", |c| doc.text().slice(c)))),
            start.0.to_string(),
            end.0.to_string(),
            field(&guard(a.id.as_str())),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// For every attributed quote or claim, the name of the speaker entity it is attributed to.
/// Linear in annotations and relations.
pub fn speaker_names(doc: &Document) -> HashMap<AnnotationId, String> {
    speaker_names_with(doc, &entities(doc))
}

/// [`speaker_names`] with the entities already at hand.
pub fn speaker_names_with(doc: &Document, ents: &[Entity]) -> HashMap<AnnotationId, String> {
    let name_of: HashMap<&AnnotationId, &str> = ents
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |m| (m, e.name.as_str())))
        .collect();
    doc.relations()
        .iter()
        .filter(|r| r.kind == RelationKind::AttributedTo)
        .filter_map(|r| Some((r.from.clone(), (*name_of.get(&r.to)?).to_owned())))
        .collect()
}
