//! Speakers grouped into people (`suggest::group`): surnames, first names, pronouns, role
//! phrases, and never two different full names together. Every text here is written for the
//! test.

#![cfg(not(target_arch = "wasm32"))]

use annotator_core::suggest::group::{entities, fullest_name, group_speakers, LinkReason, SameAs};
use annotator_core::Span;
use proptest::prelude::*;

/// The spans of `mentions` in `text`, each found after the previous one.
fn spans(text: &str, mentions: &[&str]) -> Vec<Span> {
    let mut from = 0;
    mentions
        .iter()
        .map(|m| {
            let at = from + text[from..].find(m).expect("mention in the text");
            from = at + m.len();
            Span::new(at, at + m.len())
        })
        .collect()
}

/// The links as (later mention's index, earlier mention's index).
fn pairs(links: &[SameAs]) -> Vec<(usize, usize)> {
    links.iter().map(|l| (l.from, l.to)).collect()
}

/// The entities' names and sizes.
fn people(text: &str, mentions: &[&str]) -> Vec<(String, usize)> {
    let s = spans(text, mentions);
    let links = group_speakers(text, &s);
    entities(text, &s, &links)
        .into_iter()
        .map(|e| (e.name, e.mentions.len()))
        .collect()
}

#[test]
fn a_surname_after_the_full_name_is_the_same_person() {
    let text = "“We are ready,” said Ingrid Solvang, the harbour master. \
                “The boats are in,” Solvang added.";
    let links = group_speakers(text, &spans(text, &["Ingrid Solvang", "Solvang"]));
    assert_eq!(pairs(&links), vec![(1, 0)]);
    assert_eq!(links[0].reason, LinkReason::PartOfName);
}

#[test]
fn a_first_name_or_a_titled_surname_after_the_full_name_is_the_same_person() {
    let text = "“Fine,” said Ingrid Solvang. “Yes,” Ms. Solvang said. “No,” Ingrid said.";
    let links = group_speakers(
        text,
        &spans(text, &["Ingrid Solvang", "Ms. Solvang", "Ingrid"]),
    );
    assert_eq!(pairs(&links), vec![(1, 0), (2, 0)]);
}

#[test]
fn a_pronoun_after_another_person_is_named_is_not_linked_to_the_last_speaker() {
    // "he" is Tom Hale, named but not a speaker: no link to the mayor.
    for text in [
        "“We vote tonight,” said Mayor Ana Ruiz. Councillor Tom Hale voted against it. \
         “It is too early,” he said.",
        "“We vote tonight,” said Mayor Ana Ruiz. Tom Hale disagreed. “Too early,” he said.",
        "“We vote tonight,” said Mayor Ana Ruiz. But Mr Hale was not convinced. “No,” he said.",
    ] {
        let links = group_speakers(text, &spans(text, &["Mayor Ana Ruiz", "he"]));
        assert!(links.is_empty(), "{text}: {links:?}");
    }
}

#[test]
fn places_words_in_quotes_and_the_speaker_again_do_not_stop_a_pronoun_link() {
    for text in [
        // A place after a preposition, an organisation after an article.
        "“We vote tonight,” said Ana Ruiz. The vote is at Harbour Hall, the Town Council said. \
         “It is time,” she said.",
        // Names inside a quote.
        "“I spoke to Tom Hale,” said Ana Ruiz, who chairs the board. “He agrees,” she said.",
        // The same person named again.
        "“We vote tonight,” said Ana Ruiz. Mayor Ruiz has waited a year. “Enough,” she said.",
    ] {
        let links = group_speakers(text, &spans(text, &["Ana Ruiz", "she"]));
        assert_eq!(pairs(&links), vec![(1, 0)], "{text}");
    }
}

#[test]
fn a_surname_before_any_full_name_is_left_alone() {
    let text = "“Fine,” Solvang said. “Yes,” said Ingrid Solvang.";
    let links = group_speakers(text, &spans(text, &["Solvang", "Ingrid Solvang"]));
    assert!(links.is_empty());
}

#[test]
fn the_same_name_twice_is_one_person_whatever_its_title() {
    let text = "“A,” said Mayor Ingrid Solvang. “B,” said Tomas Berg. “C,” said Ingrid Solvang.";
    let links = group_speakers(
        text,
        &spans(
            text,
            &["Mayor Ingrid Solvang", "Tomas Berg", "Ingrid Solvang"],
        ),
    );
    assert_eq!(pairs(&links), vec![(2, 0)]);
    assert_eq!(links[0].reason, LinkReason::SameName);
}

#[test]
fn two_people_with_the_same_surname_are_not_linked_nor_is_the_bare_surname() {
    let text = "“A,” said Ingrid Solvang. “B,” said Per Solvang, her brother. “C,” Solvang said.";
    let links = group_speakers(
        text,
        &spans(text, &["Ingrid Solvang", "Per Solvang", "Solvang"]),
    );
    assert!(links.is_empty(), "{links:?}");
}

#[test]
fn a_suffix_tells_father_and_son_apart() {
    let text = "“A,” said Donald Trump. “B,” said Donald Trump Jr. “C,” Trump said.";
    let links = group_speakers(
        text,
        &spans(text, &["Donald Trump", "Donald Trump Jr.", "Trump"]),
    );
    assert!(links.is_empty(), "{links:?}");
}

#[test]
fn an_initial_does_not_make_another_person() {
    let text = "“A,” said Donald J. Trump. “B,” said Donald Trump.";
    let links = group_speakers(text, &spans(text, &["Donald J. Trump", "Donald Trump"]));
    assert_eq!(pairs(&links), vec![(1, 0)]);
}

#[test]
fn a_pronoun_refers_to_the_person_before_it_across_a_paragraph_break() {
    let text = "“We are ready,” said Ingrid Solvang.\n\n“The boats are in,” she said.";
    let links = group_speakers(text, &spans(text, &["Ingrid Solvang", "she"]));
    assert_eq!(pairs(&links), vec![(1, 0)]);
    assert_eq!(links[0].reason, LinkReason::Pronoun);
}

#[test]
fn a_woman_and_a_man_quoted_alternately_keep_their_own_pronouns() {
    let text = "Ingrid Solvang said her crews were ready. “We start at dawn,” said Solvang.\n\n\
                Tomas Berg said his union would wait. “Not yet,” Berg said.\n\n\
                “Dawn it is,” she said.\n\n“Then we talk,” he said.\n\n\
                “Fine,” she said. “Good,” he added.";
    let mentions = [
        "Ingrid Solvang",
        "Solvang",
        "Tomas Berg",
        "Berg",
        "she",
        "he",
        "she",
        "he",
    ];
    let got = people(text, &mentions);
    assert_eq!(
        got,
        vec![
            ("Ingrid Solvang".to_owned(), 4),
            ("Tomas Berg".to_owned(), 4)
        ]
    );
}

#[test]
fn a_pronoun_skips_a_person_of_the_other_gender_told_by_a_title() {
    let text = "“A,” said Mrs. Okafor. “B,” said Mr. Diallo. “C,” she added.";
    let links = group_speakers(text, &spans(text, &["Mrs. Okafor", "Mr. Diallo", "she"]));
    assert_eq!(pairs(&links), vec![(2, 0)]);
}

#[test]
fn a_pronoun_with_no_one_before_it_stays_alone() {
    let text = "“A,” she said. “B,” said Ingrid Solvang.";
    let links = group_speakers(text, &spans(text, &["she", "Ingrid Solvang"]));
    assert!(links.is_empty());
}

#[test]
fn they_refers_to_a_plural_role_not_to_a_person() {
    let text = "“A,” said Ingrid Solvang. “B,” residents said. “C,” they added.";
    let links = group_speakers(text, &spans(text, &["Ingrid Solvang", "residents", "they"]));
    assert_eq!(pairs(&links), vec![(2, 1)]);
}

#[test]
fn a_definite_role_phrase_refers_to_the_earlier_indefinite_one() {
    let text = "“A,” said a spokesperson for the agency. “B,” said Tomas Berg. \
                “C,” the spokesperson added.";
    let links = group_speakers(
        text,
        &spans(text, &["a spokesperson", "Tomas Berg", "the spokesperson"]),
    );
    assert_eq!(pairs(&links), vec![(2, 0)]);
    assert_eq!(links[0].reason, LinkReason::Role);
}

#[test]
fn a_role_phrase_span_with_its_post_modifier_still_has_its_head() {
    let text = "“A,” said a spokesperson for the agency. “B,” the spokesperson added.";
    let links = group_speakers(
        text,
        &spans(text, &["a spokesperson for the agency", "the spokesperson"]),
    );
    assert_eq!(pairs(&links), vec![(1, 0)]);
}

#[test]
fn two_indefinite_role_phrases_are_two_people() {
    let text = "“A,” said a resident. “B,” said a resident.";
    let links = group_speakers(text, &spans(text, &["a resident", "a resident"]));
    assert!(links.is_empty());
}

#[test]
fn the_title_as_a_role_refers_to_the_one_person_holding_it() {
    let text = "“A,” said Mayor Ingrid Solvang. “B,” said Tomas Berg. “C,” the mayor said.";
    let links = group_speakers(
        text,
        &spans(text, &["Mayor Ingrid Solvang", "Tomas Berg", "the mayor"]),
    );
    assert_eq!(pairs(&links), vec![(2, 0)]);
}

#[test]
fn german_and_french_pronouns_and_roles() {
    let de = "„A“, sagte Bürgermeisterin Jana Reuter. „B“, sagte sie. „C“, sagte eine Sprecherin der Stadt. „D“, so die Sprecherin.";
    let links = group_speakers(
        de,
        &spans(
            de,
            &[
                "Bürgermeisterin Jana Reuter",
                "sie",
                "eine Sprecherin",
                "die Sprecherin",
            ],
        ),
    );
    assert_eq!(pairs(&links), vec![(1, 0), (3, 2)]);
    let fr = "« A », a déclaré Henri Castagné. « B », a-t-il ajouté.";
    let links = group_speakers(fr, &spans(fr, &["Henri Castagné", "il"]));
    assert_eq!(pairs(&links), vec![(1, 0)]);
}

#[test]
fn an_entity_is_named_by_its_fullest_name_never_by_a_pronoun() {
    assert_eq!(
        fullest_name(&["she", "Solvang", "Mayor Ingrid Solvang", "the mayor"]),
        "Mayor Ingrid Solvang"
    );
    assert_eq!(
        fullest_name(&["they", "the residents of the quay"]),
        "the residents of the quay"
    );
    // A long role phrase does not win over a short name.
    assert_eq!(
        fullest_name(&["a spokesperson for the agency", "Berg"]),
        "Berg"
    );
    assert_eq!(fullest_name(&["she"]), "she");
    // White space folded, with one mention or several.
    assert_eq!(fullest_name(&[" Ingrid\n  Solvang "]), "Ingrid Solvang");
    assert_eq!(fullest_name(&["she", "Ingrid\tSolvang"]), "Ingrid Solvang");
    assert_eq!(fullest_name(&[]), "");
}

#[test]
fn entities_come_in_the_order_of_their_first_mention_with_unlinked_mentions_alone() {
    let text = "“A,” she said. “B,” said Ingrid Solvang. “C,” Solvang said. “D,” said Tomas Berg.";
    let got = people(text, &["she", "Ingrid Solvang", "Solvang", "Tomas Berg"]);
    assert_eq!(
        got,
        vec![
            ("she".to_owned(), 1),
            ("Ingrid Solvang".to_owned(), 2),
            ("Tomas Berg".to_owned(), 1)
        ]
    );
}

#[test]
fn spans_given_out_of_order_or_outside_the_text_are_handled() {
    let text = "“A,” said Ingrid Solvang. “B,” Solvang said.";
    let mut s = spans(text, &["Ingrid Solvang", "Solvang"]);
    s.reverse();
    s.push(Span::new(10_000, 10_005));
    let links = group_speakers(text, &s);
    assert_eq!(pairs(&links), vec![(0, 1)]);
}

#[test]
fn grouping_a_long_article_stays_linear() {
    // 40,000 mentions: names, surnames and pronouns; a pronoun looks back at most LOOK_BACK.
    let mut text = String::new();
    let mut s = Vec::new();
    for k in 0..10_000 {
        for m in [
            format!("Person{k} Surname{k}"),
            format!("Surname{k}"),
            "she".to_owned(),
            "he".to_owned(),
        ] {
            let at = text.len();
            text.push_str(&m);
            s.push(Span::new(at, text.len()));
            text.push_str(" said. ");
        }
    }
    let t0 = std::time::Instant::now();
    let links = group_speakers(&text, &s);
    assert!(links.len() >= 20_000);
    assert!(t0.elapsed().as_secs_f64() < 5.0, "{:?}", t0.elapsed());
}

/// People for the property: some share a surname or a first name, one is a "Jr.".
const PEOPLE: &[&str] = &[
    "Ingrid Solvang",
    "Per Solvang",
    "Ingrid Berg",
    "Tomas Berg",
    "Donald Trump",
    "Donald Trump Jr.",
];

/// A mention of person `p` in form `f`: the full name, with a title, the surname, the first
/// name, or a pronoun.
fn mention(p: usize, f: usize) -> String {
    let name = PEOPLE[p];
    let mut words = name.split(' ');
    let first = words.next().unwrap_or("");
    let last = words.next().unwrap_or("");
    match f {
        0 => name.to_owned(),
        1 => format!("Dr. {name}"),
        2 => last.to_owned(),
        3 => first.to_owned(),
        4 => "she".to_owned(),
        _ => "he".to_owned(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Whatever the mentions and their order, no group holds two different full names.
    #[test]
    fn never_links_two_different_full_names(
        seq in proptest::collection::vec((0..PEOPLE.len(), 0usize..6, 0usize..3), 1..30)
    ) {
        let mut text = String::new();
        let mut s = Vec::new();
        let mut who = Vec::new(); // the person behind each full-name mention
        for (p, f, sep) in seq {
            text.push_str(["“Yes,” said ", "“No,” ", "\n\n“Maybe,” added "][sep]);
            let m = mention(p, f);
            let at = text.len();
            text.push_str(&m);
            s.push(Span::new(at, text.len()));
            who.push((f <= 1).then_some(p));
            text.push_str(if sep == 1 { " said. " } else { ". " });
        }
        let links = group_speakers(&text, &s);
        for l in &links {
            prop_assert!(l.to < s.len() && l.from < s.len());
            prop_assert!(s[l.to].start < s[l.from].start, "links go back: {:?}", l);
        }
        // Each mention is linked at most once.
        let mut froms: Vec<usize> = links.iter().map(|l| l.from).collect();
        froms.sort_unstable();
        froms.dedup();
        prop_assert_eq!(froms.len(), links.len());
        for e in entities(&text, &s, &links) {
            let mut full: Vec<usize> = e.mentions.iter().filter_map(|&m| who[m]).collect();
            full.sort_unstable();
            full.dedup();
            prop_assert!(full.len() <= 1, "{} holds {:?} in {:?}", e.name, full, text);
        }
    }
}

#[test]
fn suggest_output_gets_links_between_its_speaker_suggestions() {
    use annotator_core::suggest::group::suggestion_links;
    use annotator_core::suggest::{suggest_str, SuggestKind};
    let text = "“We are ready,” said Ingrid Solvang, the harbour master.\n\n\
                “The boats are in,” she said.\n\n“Not yet,” said Tomas Berg.";
    let s = suggest_str(text);
    let links = suggestion_links(text, &s);
    let named: Vec<(&str, &str)> = links
        .iter()
        .map(|&(a, b, _)| (&text[s[a].span.range()], &text[s[b].span.range()]))
        .collect();
    assert_eq!(named, vec![("she", "Ingrid Solvang")]);
    for (a, b, _) in links {
        assert_eq!(s[a].kind, SuggestKind::Speaker);
        assert_eq!(s[b].kind, SuggestKind::Speaker);
    }
}

mod with_documents {
    use annotator_core::suggest::group::{entity_attribution, grouping_pairs, propose_same_as};
    use annotator_core::suggest::suggest_str;
    use annotator_core::{Action, AnnotationId, Document, LabelId, Span, Text};

    const QUOTE: LabelId = LabelId(0);
    const SPEAKER: LabelId = LabelId(1);
    const TEXT: &str = "“We are ready,” said Ingrid Solvang.\n\n“The boats are in,” she said.";

    fn mark(doc: &mut Document, label: LabelId, needle: &str) -> AnnotationId {
        let start = doc.text().as_str().find(needle).expect("needle");
        let span = Span::new(start, start + needle.len());
        *doc = doc.apply(&Action::Create { label, span }).unwrap();
        doc.annotations()
            .iter()
            .find(|a| a.span == span && a.label == label)
            .unwrap()
            .id
            .clone()
    }

    /// Both quotes attributed to the full name (as a gold file may do); `link` adds a
    /// same_as link between the name and the pronoun.
    fn gold(link: bool) -> (Document, AnnotationId, AnnotationId) {
        let mut doc = Document::new(Text::new(TEXT), None);
        let q1 = mark(&mut doc, QUOTE, "“We are ready,”");
        let q2 = mark(&mut doc, QUOTE, "“The boats are in,”");
        let name = mark(&mut doc, SPEAKER, "Ingrid Solvang");
        let she = mark(&mut doc, SPEAKER, "she");
        for q in [q1, q2] {
            doc = doc
                .apply(&Action::Attribute {
                    from: q,
                    to: name.clone(),
                })
                .unwrap();
        }
        if link {
            doc = doc
                .apply(&Action::LinkSame {
                    a: she.clone(),
                    b: name.clone(),
                })
                .unwrap();
        }
        (doc, name, she)
    }

    #[test]
    fn a_pronoun_of_the_right_person_counts_at_entity_level_only() {
        // Suggest gives the second quote to "she"; the gold gives it to "Ingrid Solvang".
        let predicted = suggest_str(TEXT);
        let (linked, _, _) = gold(true);
        let c = entity_attribution(&linked, &predicted, false);
        assert_eq!((c.tp, c.fp, c.fn_), (2, 0, 0));
        let (plain, _, _) = gold(false);
        let c = entity_attribution(&plain, &predicted, false);
        assert_eq!((c.tp, c.fp, c.fn_), (1, 1, 1));
        // Grouping the gold's own mentions links "she" to the name.
        let c = entity_attribution(&plain, &predicted, true);
        assert_eq!((c.tp, c.fp, c.fn_), (2, 0, 0));
    }

    #[test]
    fn grouping_is_scored_by_pairs_of_mentions_against_the_gold_links() {
        // The gold links "she" to the name; the grouping rules do the same.
        let (linked, _, _) = gold(true);
        let (c, annotated) = grouping_pairs(&linked);
        assert!(annotated);
        assert_eq!((c.tp, c.fp, c.fn_), (1, 0, 0));
        // Without links the gold says nothing about people: flagged, and the proposed pair
        // counts as a false positive.
        let (plain, _, _) = gold(false);
        let (c, annotated) = grouping_pairs(&plain);
        assert!(!annotated);
        assert_eq!((c.tp, c.fp, c.fn_), (0, 1, 0));
    }

    #[test]
    fn grouping_pairs_counts_a_missed_link_and_a_wrong_one() {
        // Gold: Solvang = Ingrid Solvang; "he" is Tom Hale (not a speaker mention), so no link.
        let t = "“Yes,” said Ingrid Solvang. Tom Hale disagreed. “No,” he said. \
                 “Maybe,” Solvang said.";
        let mut doc = Document::new(Text::new(t), None);
        let full = mark(&mut doc, SPEAKER, "Ingrid Solvang");
        let he = mark(&mut doc, SPEAKER, "he");
        let _ = he;
        let start = t.rfind("Solvang").unwrap();
        let span = Span::new(start, start + "Solvang".len());
        doc = doc
            .apply(&Action::Create {
                label: SPEAKER,
                span,
            })
            .unwrap();
        let short = doc
            .annotations()
            .iter()
            .find(|a| a.span == span)
            .unwrap()
            .id
            .clone();
        doc = doc.apply(&Action::LinkSame { a: short, b: full }).unwrap();
        let (c, annotated) = grouping_pairs(&doc);
        assert!(annotated);
        // The surname is grouped right; "he" is never linked to a woman's name.
        assert_eq!((c.tp, c.fn_), (1, 0));
        assert_eq!(c.fp, 0);
    }

    #[test]
    fn proposals_for_a_document_leave_out_mentions_already_linked() {
        let (plain, name, she) = gold(false);
        let got: Vec<_> = propose_same_as(&plain)
            .into_iter()
            .map(|(a, b, _)| (a, b))
            .collect();
        assert_eq!(got, vec![(she, name)]);
        let (linked, _, _) = gold(true);
        assert!(propose_same_as(&linked).is_empty());
    }
}
