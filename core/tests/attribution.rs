//! Attribution and speaker entities.

use annotator_core::attribution::{entities, speaker_of, who_said_what};
use annotator_core::{Action, ActionError, AnnotationId, Document, History, LabelId, Span, Text};

const QUOTE: LabelId = LabelId(0);
const SPEAKER: LabelId = LabelId(1);
const CLAIM: LabelId = LabelId(2);

const TEXT: &str = "“We will rebuild,” said Maria Ortega, the finance minister. Ortega added that \
costs fell. “Not this year,” she told reporters. Critics said the plan was late. \
“It works,” said Tom Lee.";

fn id(s: &str) -> AnnotationId {
    AnnotationId(s.into())
}

/// Labels `needle` (the nth occurrence) and gives back the new annotation's id.
fn mark(doc: &mut Document, label: LabelId, needle: &str, nth: usize) -> AnnotationId {
    let start = doc
        .text()
        .as_str()
        .match_indices(needle)
        .nth(nth)
        .expect("needle")
        .0;
    let span = Span::new(start, start + needle.len());
    *doc = doc.apply(&Action::Create { label, span }).unwrap();
    doc.annotations()
        .iter()
        .find(|a| a.span == span && a.label == label)
        .unwrap()
        .id
        .clone()
}

fn apply(doc: &mut Document, action: Action) {
    *doc = doc.apply(&action).unwrap();
}

struct Article {
    doc: Document,
    q1: AnnotationId,
    q2: AnnotationId,
    q3: AnnotationId,
    claim: AnnotationId,
    claim2: AnnotationId,
    ortega_full: AnnotationId,
    minister: AnnotationId,
    ortega: AnnotationId,
    she: AnnotationId,
    lee: AnnotationId,
}

fn article() -> Article {
    let mut doc = Document::new(Text::new(TEXT), None);
    let q1 = mark(&mut doc, QUOTE, "“We will rebuild,”", 0);
    let ortega_full = mark(&mut doc, SPEAKER, "Maria Ortega", 0);
    let minister = mark(&mut doc, SPEAKER, "the finance minister", 0);
    let ortega = mark(&mut doc, SPEAKER, "Ortega", 1);
    let claim = mark(&mut doc, CLAIM, "costs fell", 0);
    let q2 = mark(&mut doc, QUOTE, "“Not this year,”", 0);
    let she = mark(&mut doc, SPEAKER, "she", 0);
    let claim2 = mark(&mut doc, CLAIM, "the plan was late", 0);
    let q3 = mark(&mut doc, QUOTE, "“It works,”", 0);
    let lee = mark(&mut doc, SPEAKER, "Tom Lee", 0);
    Article {
        doc,
        q1,
        q2,
        q3,
        claim,
        claim2,
        ortega_full,
        minister,
        ortega,
        she,
        lee,
    }
}

#[test]
fn chains_of_same_as_links_make_one_entity_named_by_its_fullest_mention() {
    let mut a = article();
    // A chain: she ~ Ortega, Ortega ~ minister, minister ~ Maria Ortega.
    apply(
        &mut a.doc,
        Action::LinkSame {
            a: a.she.clone(),
            b: a.ortega.clone(),
        },
    );
    apply(
        &mut a.doc,
        Action::LinkSame {
            a: a.ortega.clone(),
            b: a.minister.clone(),
        },
    );
    apply(
        &mut a.doc,
        Action::LinkSame {
            a: a.minister.clone(),
            b: a.ortega_full.clone(),
        },
    );
    let ents = entities(&a.doc);
    assert_eq!(ents.len(), 2);
    // Named by its fullest name: a name before a longer role phrase (issue 18).
    assert_eq!(ents[0].name, "Maria Ortega");
    assert_eq!(
        ents[0].mentions,
        [
            a.ortega_full.clone(),
            a.minister.clone(),
            a.ortega.clone(),
            a.she.clone()
        ]
    );
    assert_eq!(ents[1].name, "Tom Lee");
    // Linking two mentions already together adds nothing.
    let before = a.doc.relations().len();
    apply(
        &mut a.doc,
        Action::LinkSame {
            a: a.she.clone(),
            b: a.ortega_full.clone(),
        },
    );
    assert_eq!(a.doc.relations().len(), before);
}

#[test]
fn entities_come_in_the_order_of_their_first_mention_whatever_order_links_are_made_in() {
    let mut a = article();
    // Later mentions linked first, the earliest last: {minister, Tom Lee} then Maria Ortega
    // joins them; Ortega and she make a group of their own.
    apply(
        &mut a.doc,
        Action::LinkSame {
            a: a.lee.clone(),
            b: a.minister.clone(),
        },
    );
    apply(
        &mut a.doc,
        Action::LinkSame {
            a: a.she.clone(),
            b: a.ortega.clone(),
        },
    );
    apply(
        &mut a.doc,
        Action::LinkSame {
            a: a.minister.clone(),
            b: a.ortega_full.clone(),
        },
    );
    let ents = entities(&a.doc);
    let mentions: Vec<&[AnnotationId]> = ents.iter().map(|e| e.mentions.as_slice()).collect();
    assert_eq!(
        mentions,
        [
            &[a.ortega_full.clone(), a.minister.clone(), a.lee.clone()][..],
            &[a.ortega.clone(), a.she.clone()][..],
        ]
    );
}

#[test]
fn unlinking_a_middle_mention_keeps_the_others_together() {
    let mut a = article();
    apply(
        &mut a.doc,
        Action::LinkSame {
            a: a.she.clone(),
            b: a.ortega.clone(),
        },
    );
    apply(
        &mut a.doc,
        Action::LinkSame {
            a: a.ortega.clone(),
            b: a.ortega_full.clone(),
        },
    );
    apply(
        &mut a.doc,
        Action::Unlink {
            id: a.ortega.clone(),
        },
    );
    let ents = entities(&a.doc);
    let with_she = ents.iter().find(|e| e.mentions.contains(&a.she)).unwrap();
    assert_eq!(with_she.mentions, [a.ortega_full.clone(), a.she.clone()]);
    assert!(ents.iter().any(|e| e.mentions == [a.ortega.clone()]));
}

#[test]
fn who_said_what_groups_by_entity_and_lists_what_lacks_a_source() {
    let mut a = article();
    apply(
        &mut a.doc,
        Action::LinkSame {
            a: a.she.clone(),
            b: a.ortega.clone(),
        },
    );
    apply(
        &mut a.doc,
        Action::LinkSame {
            a: a.ortega.clone(),
            b: a.ortega_full.clone(),
        },
    );
    apply(
        &mut a.doc,
        Action::Attribute {
            from: a.q1.clone(),
            to: a.ortega_full.clone(),
        },
    );
    apply(
        &mut a.doc,
        Action::Attribute {
            from: a.q2.clone(),
            to: a.she.clone(),
        },
    );
    apply(
        &mut a.doc,
        Action::Attribute {
            from: a.claim.clone(),
            to: a.ortega.clone(),
        },
    );
    apply(
        &mut a.doc,
        Action::Attribute {
            from: a.q3.clone(),
            to: a.lee.clone(),
        },
    );
    let t = who_said_what(&a.doc);
    let ortega = &t.rows[0];
    assert_eq!(ortega.entity.name, "Maria Ortega");
    assert_eq!(ortega.quotes, [a.q1.clone(), a.q2.clone()]);
    assert_eq!(ortega.claims, [a.claim.clone()]);
    let minister = t
        .rows
        .iter()
        .find(|r| r.entity.mentions == [a.minister.clone()])
        .unwrap();
    assert!(minister.quotes.is_empty());
    let lee = t.rows.iter().find(|r| r.entity.name == "Tom Lee").unwrap();
    assert_eq!(lee.quotes, [a.q3.clone()]);
    assert!(t.unattributed_quotes.is_empty());
    assert_eq!(t.unattributed_claims, [a.claim2.clone()]);
}

#[test]
fn re_attribution_replaces_and_un_attribution_removes() {
    let mut a = article();
    apply(
        &mut a.doc,
        Action::Attribute {
            from: a.q1.clone(),
            to: a.ortega_full.clone(),
        },
    );
    apply(
        &mut a.doc,
        Action::Attribute {
            from: a.q1.clone(),
            to: a.lee.clone(),
        },
    );
    assert_eq!(speaker_of(&a.doc, &a.q1), Some(&a.lee));
    assert_eq!(a.doc.relations().len(), 1);
    apply(&mut a.doc, Action::Unattribute { from: a.q1.clone() });
    assert_eq!(speaker_of(&a.doc, &a.q1), None);
}

#[test]
fn attributing_to_new_text_makes_the_speaker_span_in_the_same_step() {
    let mut a = article();
    let start = TEXT.find("Critics").unwrap();
    let span = Span::new(start, start + "Critics".len());
    let mut h = History::default();
    let next = h
        .apply(
            &a.doc,
            &Action::AttributeNew {
                from: a.claim2.clone(),
                span,
            },
        )
        .unwrap();
    let critics = next.annotations().iter().find(|x| x.span == span).unwrap();
    assert_eq!(critics.label, SPEAKER);
    assert_eq!(speaker_of(&next, &a.claim2), Some(&critics.id));
    let (back, _) = h.undo(&next).unwrap();
    assert_eq!(back, a.doc, "one undo removes both the span and the link");
    a.doc = next;
}

#[test]
fn wrong_roles_are_refused_and_relabelling_drops_links_that_no_longer_fit() {
    let mut a = article();
    assert!(matches!(
        a.doc.apply(&Action::Attribute {
            from: a.lee.clone(),
            to: a.q1.clone()
        }),
        Err(ActionError::Attribution(_))
    ));
    assert!(matches!(
        a.doc.apply(&Action::LinkSame {
            a: a.q1.clone(),
            b: a.lee.clone()
        }),
        Err(ActionError::Attribution(_))
    ));
    apply(
        &mut a.doc,
        Action::Attribute {
            from: a.q3.clone(),
            to: a.lee.clone(),
        },
    );
    apply(
        &mut a.doc,
        Action::Relabel {
            id: a.lee.clone(),
            label: CLAIM,
        },
    );
    assert!(a.doc.relations().is_empty());
}

#[test]
fn deleting_a_span_removes_its_relations_in_the_same_undoable_step() {
    let mut a = article();
    apply(
        &mut a.doc,
        Action::Attribute {
            from: a.q3.clone(),
            to: a.lee.clone(),
        },
    );
    apply(
        &mut a.doc,
        Action::LinkSame {
            a: a.lee.clone(),
            b: a.she.clone(),
        },
    );
    let mut h = History::default();
    let next = h
        .apply(&a.doc, &Action::Delete { id: a.lee.clone() })
        .unwrap();
    assert!(next.relations().is_empty());
    assert!(next.is_consistent());
    let (back, _) = h.undo(&next).unwrap();
    assert_eq!(back.relations().len(), 2);
    assert_eq!(id("a1"), a.q1);
}

#[test]
fn the_attribution_csv_has_one_row_per_quote_or_claim_with_its_speaker() {
    let mut a = article();
    apply(
        &mut a.doc,
        Action::LinkSame {
            a: a.she.clone(),
            b: a.ortega_full.clone(),
        },
    );
    apply(
        &mut a.doc,
        Action::Attribute {
            from: a.q2.clone(),
            to: a.she.clone(),
        },
    );
    let csv = annotator_core::attribution::csv(&a.doc);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], "speaker,label,text,kind,cue,start,end,id");
    assert_eq!(
        lines.len(),
        1 + 5 + 1,
        "five quotes and claims, then the final CRLF"
    );
    let q2 = lines.iter().find(|l| l.contains("Not this year")).unwrap();
    let start = TEXT.chars().collect::<Vec<_>>();
    let at = TEXT[..TEXT.find("“Not").unwrap()].chars().count();
    assert!(q2.starts_with("Maria Ortega,quote,"), "{q2}");
    assert!(
        q2.contains(&format!(
            ",{},{},",
            at,
            at + "“Not this year,”".chars().count()
        )),
        "{q2}"
    );
    assert!(start.len() > at);
    assert!(lines
        .iter()
        .any(|l| l.starts_with(",claim,the plan was late")));
}

/// `same_speakers` says "unchanged" exactly when entities and speaker names could not change:
/// the app skips recomputing them on that answer.
#[test]
fn same_speakers_tells_edits_that_leave_speakers_alone() {
    use annotator_core::attribution::{same_speakers, speaker_names};
    let a = article();
    let base = a.doc.clone();
    assert!(same_speakers(&base, &base.clone()));

    // A new claim, a relabelled quote and a note leave speakers alone.
    let mut d = base.clone();
    mark(&mut d, CLAIM, "Critics said", 0);
    assert!(same_speakers(&base, &d));
    assert_eq!(entities(&base), entities(&d));
    apply(
        &mut d,
        Action::SetNote {
            id: a.q2.clone(),
            note: Some("check".into()),
        },
    );
    assert!(same_speakers(&base, &d));

    // A new speaker, a deleted one, a resized one, or any relation change do not.
    let mut d = base.clone();
    mark(&mut d, SPEAKER, "Critics", 0);
    assert!(!same_speakers(&base, &d));
    let mut d = base.clone();
    apply(&mut d, Action::Delete { id: a.lee.clone() });
    assert!(!same_speakers(&base, &d));
    let mut d = base.clone();
    let lee = d.annotations().iter().find(|x| x.id == a.lee).unwrap().span;
    apply(
        &mut d,
        Action::Resize {
            id: a.lee.clone(),
            span: Span::new(lee.start.0 + 4, lee.end.0),
        },
    );
    assert!(!same_speakers(&base, &d));
    let mut d = base.clone();
    apply(
        &mut d,
        Action::Attribute {
            from: a.q3.clone(),
            to: a.she.clone(),
        },
    );
    assert!(!same_speakers(&base, &d));
    assert_ne!(speaker_names(&base), speaker_names(&d));

    // A new text (even an equal one) is a new document.
    let other = Document::new(Text::new(TEXT), None);
    assert!(!same_speakers(
        &Document::new(Text::new(TEXT), None),
        &other
    ));
}

#[test]
fn links_tie_each_quote_to_its_speaker_both_ways() {
    let mut a = article();
    for q in [a.q1.clone(), a.q2.clone()] {
        apply(
            &mut a.doc,
            Action::Attribute {
                from: q,
                to: a.ortega_full.clone(),
            },
        );
    }
    let links = annotator_core::attribution::links(&a.doc);
    assert_eq!(links[&a.q1], [a.ortega_full.clone()]);
    let mut said = links[&a.ortega_full].clone();
    said.sort();
    let mut expected = vec![a.q1.clone(), a.q2.clone()];
    expected.sort();
    assert_eq!(said, expected);
    assert!(
        !links.contains_key(&a.lee),
        "an unattributed speaker has no links"
    );
}
