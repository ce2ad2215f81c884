//! The rule-based suggestions: quotes, speakers and attribution, dates and times, scoring, and
//! robustness on arbitrary input.

#![cfg(not(target_arch = "wasm32"))]

use annotator_core::suggest::{
    attributions, differences, score, suggest, suggest_str, Counts, SuggestKind, Suggestion, Target,
};
use annotator_core::{Action, Document, LabelId, QuoteKind, Span, Text};
use proptest::prelude::*;
use std::collections::BTreeSet;

/// The texts of the suggestions of one kind, in order.
fn found(text: &str, kind: SuggestKind) -> Vec<String> {
    suggest_str(text)
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| text[s.span.range()].to_owned())
        .collect()
}

fn quotes(text: &str) -> Vec<String> {
    found(text, SuggestKind::Quote)
}

fn dates(text: &str) -> Vec<String> {
    found(text, SuggestKind::Date)
}

fn speakers(text: &str) -> Vec<String> {
    found(text, SuggestKind::Speaker)
}

/// (quote text, speaker text) pairs.
fn pairs(text: &str) -> Vec<(String, String)> {
    attributions(&suggest_str(text))
        .into_iter()
        .map(|(q, s)| (text[q.range()].to_owned(), text[s.range()].to_owned()))
        .collect()
}

/// The cue of the only quote.
fn cue(text: &str) -> Option<String> {
    let s = suggest_str(text);
    let q = s.iter().find(|s| s.kind == SuggestKind::Quote)?;
    q.cue.map(|c| text[c.range()].to_owned())
}

fn v(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

// ---------------------------------------------------------------- quotes

#[test]
fn curly_quote_span_includes_its_marks_and_inner_punctuation() {
    let t = "“We will rebuild,” said Maria Ortega.";
    assert_eq!(quotes(t), v(&["“We will rebuild,”"]));
}

#[test]
fn straight_double_quotes_pair_up() {
    let t = "\"Not yet,\" he said. \"Maybe next year.\"";
    assert_eq!(quotes(t), v(&["\"Not yet,\"", "\"Maybe next year.\""]));
}

#[test]
fn french_guillemets_with_no_break_spaces() {
    let t = "«\u{a0}C’est un coup dur\u{a0}», a déclaré le maire Henri Castagné.";
    assert_eq!(quotes(t), v(&["«\u{a0}C’est un coup dur\u{a0}»"]));
    assert_eq!(speakers(t), v(&["Henri Castagné"]));
}

#[test]
fn reversed_german_guillemets_and_nested_single_ones() {
    let t = "»Sie schrieb: ›Der Fluss ist ruhig.‹ Typisch«, sagt Kuratorin Helga Brandt.";
    assert_eq!(
        quotes(t),
        v(&["»Sie schrieb: ›Der Fluss ist ruhig.‹ Typisch«"])
    );
    assert_eq!(speakers(t), v(&["Kuratorin Helga Brandt"]));
}

#[test]
fn german_low_nine_quotes_with_nested_single_low_nine() {
    let t = "„Wir nannten sie nur ‚das Aquarium‘, aber es ging“, sagte Jonas Reuter.";
    assert_eq!(
        quotes(t),
        v(&["„Wir nannten sie nur ‚das Aquarium‘, aber es ging“"])
    );
}

#[test]
fn british_single_quotes_with_punctuation_outside_and_nested_double() {
    let t = "‘The trust said it was “basically sound”. Now it isn’t’, said Ruth Ellery.";
    assert_eq!(
        quotes(t),
        v(&["‘The trust said it was “basically sound”. Now it isn’t’"])
    );
    assert_eq!(speakers(t), v(&["Ruth Ellery"]));
}

#[test]
fn a_nested_quote_is_part_of_the_outer_one_not_a_quote_of_its_own() {
    let t = "“She told me ‘never again’ and left,” he said.";
    let q = quotes(t);
    assert_eq!(q, v(&["“She told me ‘never again’ and left,”"]));
}

#[test]
fn a_quote_continued_over_paragraphs_is_one_span() {
    let t = "“I sat there until dawn.\n\n“I wasn’t scared.\n\n“That was the night I stayed.” He smiled.";
    assert_eq!(
        quotes(t),
        v(&["“I sat there until dawn.\n\n“I wasn’t scared.\n\n“That was the night I stayed.”"])
    );
}

#[test]
fn a_french_quote_continued_with_closing_guillemets_is_one_span() {
    let t =
        "Elle a expliqué : « Les effectifs baissent.\n\n» Les enfants seront mieux accompagnés. »";
    assert_eq!(
        quotes(t),
        v(&["« Les effectifs baissent.\n\n» Les enfants seront mieux accompagnés. »"])
    );
}

#[test]
fn an_unclosed_quote_ends_with_its_paragraph() {
    // The first paragraph never closes and the next does not continue it.
    let t = "“This never closes, said nobody at all.\n\nThen “a proper quote here,” she said.";
    assert_eq!(quotes(t), v(&["“a proper quote here,”"]));
}

#[test]
fn apostrophes_are_not_single_quotes() {
    for t in [
        "We don’t know what the Smiths’ house is worth, said the agent.",
        "It’s the ’90s again at O’Brien’s bar.",
        "Parents' groups say it's too early; the Joneses' car was towed.",
        "Rock ’n’ roll is back.",
    ] {
        assert!(quotes(t).is_empty(), "{t}: {:?}", quotes(t));
    }
}

#[test]
fn a_plural_possessive_inside_single_quotes_does_not_close_them() {
    let t = "‘The Smiths’ dog barked all night long’, she said.";
    assert_eq!(quotes(t), v(&["‘The Smiths’ dog barked all night long’"]));
}

#[test]
fn titles_scare_quotes_and_terms_are_not_quotes() {
    for t in [
        "The so-called “green corridor” opened.",
        "She read “The Salt Road”, a novel.",
        "Children get a “reading passport” at each visit.",
        "Locals call it “the old bank”.",
    ] {
        assert!(quotes(t).is_empty(), "{t}: {:?}", quotes(t));
    }
}

#[test]
fn long_quotes_without_a_speaker_are_kept() {
    let t = "A sign on the door read “Closed until the water goes down, sorry.”";
    assert_eq!(quotes(t).len(), 1);
}

#[test]
fn quote_kind_is_direct_or_mixed() {
    let s = suggest_str("“We will win,” she said.");
    assert_eq!(s[0].quote_kind, Some(QuoteKind::Direct));
    let t = "Judge Helena Marsh said he had “betrayed the trust of a port”.";
    let s = suggest_str(t);
    let q = s.iter().find(|s| s.kind == SuggestKind::Quote).unwrap();
    assert_eq!(q.quote_kind, Some(QuoteKind::Mixed));
}

// ---------------------------------------------------------------- speakers

#[test]
fn said_then_name() {
    let t = "“It works,” said Tom Lee.";
    assert_eq!(pairs(t), [("“It works,”".into(), "Tom Lee".into())]);
    assert_eq!(cue(t).as_deref(), Some("said"));
}

#[test]
fn name_then_said_and_pronouns() {
    assert_eq!(
        speakers("“Nobody is against fish,” Okafor replied."),
        v(&["Okafor"])
    );
    assert_eq!(speakers("“Not this year,” she said."), v(&["she"]));
    assert_eq!(speakers("“Not this year,” They said."), v(&["They"]));
}

#[test]
fn told_reporters_is_the_cue() {
    let t = "“We are building a wall first,” he told reporters after the meeting.";
    assert_eq!(speakers(t), v(&["he"]));
    assert_eq!(cue(t).as_deref(), Some("told reporters"));
}

#[test]
fn according_to() {
    let t = "“There were warnings,” according to a former harbour pilot who asked not to be named.";
    assert_eq!(speakers(t), v(&["a former harbour pilot"]));
    assert_eq!(cue(t).as_deref(), Some("according to"));
}

#[test]
fn the_appositive_is_not_part_of_the_speaker() {
    let t = "“Costs fell,” said Dr. Ines Valcourt, a senior official at the ministry.";
    assert_eq!(speakers(t), v(&["Dr. Ines Valcourt"]));
    // A role with a name in apposition: the name.
    let t = "“He has apologized,” said his lawyer, Martin de la Cruz.";
    assert_eq!(speakers(t), v(&["Martin de la Cruz"]));
    let t = "“We’ve been here before,” one resident, Iain Munro, said.";
    assert_eq!(speakers(t), v(&["Iain Munro"]));
}

#[test]
fn speaker_before_a_colon() {
    let t = "The park’s manager, Colin Hart, said: “We’ll be more careful from now on.”";
    assert_eq!(speakers(t), v(&["Colin Hart"]));
    let t = "Minister Ortega told the assembly: “The budget is balanced.”";
    assert_eq!(speakers(t), v(&["Minister Ortega"]));
}

#[test]
fn role_phrases_keep_their_determiner_but_not_their_prepositional_phrase() {
    assert_eq!(
        speakers("“We would rather run fewer sailings,” said a company spokesperson."),
        v(&["a company spokesperson"])
    );
    assert_eq!(
        speakers("“Nobody is surprised,” the finance minister told reporters."),
        v(&["the finance minister"])
    );
    let t = "A spokesperson for the district council said it was “looking at other sites”.";
    assert_eq!(speakers(t), v(&["A spokesperson"]));
}

#[test]
fn lower_case_descriptors_before_a_name_are_left_out() {
    let t = "“We added a day,” said festival director Amara Diallo.";
    assert_eq!(speakers(t), v(&["Amara Diallo"]));
    let t = "\"Not yet,\" board president Glenn Hardy said.";
    assert_eq!(speakers(t), v(&["Glenn Hardy"]));
}

#[test]
fn names_with_particles() {
    assert_eq!(
        speakers("“Enough,” said Ana de la Vega."),
        v(&["Ana de la Vega"])
    );
    assert_eq!(
        speakers("“Enough,” said Omar al-Rashid."),
        v(&["Omar al-Rashid"])
    );
}

#[test]
fn german_and_french_cues() {
    assert_eq!(
        pairs("„Wir hören zu“, so Albers. Und dann ging es weiter mit der Sitzung der Stadt."),
        [("„Wir hören zu“".into(), "Albers".into())]
    );
    assert_eq!(
        speakers("„Seit gestern fahren hier Räder“, sagte eine Anwohnerin."),
        v(&["eine Anwohnerin"])
    );
    let t = "« Nous irons jusqu’au bout », a-t-elle ajouté lors de la réunion de la commune.";
    assert_eq!(speakers(t), v(&["elle"]));
}

#[test]
fn a_quote_without_a_clause_takes_the_speaker_of_the_quote_it_continues() {
    let t = "“A first thing,” she said. “And a second one.”";
    let p = pairs(t);
    assert_eq!(p.len(), 2);
    assert!(p.iter().all(|(_, s)| s == "she"));
    // Both quotes point at one speaker suggestion.
    assert_eq!(speakers(t), v(&["she"]));
    let t = "“He keeps saying he’s fine,” she said, “but he’s saying goodbye.”";
    assert_eq!(pairs(t).len(), 2);
}

#[test]
fn a_quote_opening_a_paragraph_after_a_colon() {
    let t = "Then the mayor, Ana Ruiz, said:\n\n“We will not give up.”";
    assert_eq!(
        pairs(t),
        [("“We will not give up.”".into(), "Ana Ruiz".into())]
    );
}

#[test]
fn no_speaker_without_an_attribution() {
    let t = "The council met. “The gates will close in eleven minutes and the sea will wait.” Then it rained.";
    assert_eq!(quotes(t).len(), 1);
    assert!(speakers(t).is_empty());
    // Reported speech without quotation marks proposes nothing.
    assert!(suggest_str("Ortega said the plan was late.").is_empty());
}

#[test]
fn quotes_point_at_speaker_suggestions_and_everything_is_sorted() {
    let t = "“One,” said Ann Lee on Tuesday. “Two,” Bob Ray added. “Three.”";
    let s = suggest_str(t);
    let keys: Vec<_> = s.iter().map(|x| (x.span.start, x.span.end)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    for q in s.iter().filter(|x| x.kind == SuggestKind::Quote) {
        let sp = q.speaker.expect("every quote here has a speaker");
        assert_eq!(s[sp].kind, SuggestKind::Speaker);
    }
    assert_eq!(
        pairs(t),
        [
            ("“One,”".into(), "Ann Lee".into()),
            ("“Two,”".into(), "Bob Ray".into()),
            ("“Three.”".into(), "Bob Ray".into())
        ]
    );
}

// ---------------------------------------------------------------- dates and times

#[test]
fn month_names_abbreviations_and_days() {
    assert_eq!(
        dates("It opened on Jan. 5 and closed Sept. 30, 2025."),
        v(&["Jan. 5", "Sept. 30, 2025"])
    );
    assert_eq!(
        dates("The vote is on Thursday, April 24, 2026, at noon."),
        v(&["Thursday, April 24, 2026", "noon"])
    );
    assert_eq!(
        dates("It happened on 18 March 2026."),
        v(&["18 March 2026"])
    );
    assert_eq!(dates("Work starts in November."), v(&["November"]));
}

#[test]
fn date_ranges_are_one_span() {
    assert_eq!(
        dates("A surge on March 18 and 19 flooded homes."),
        v(&["March 18 and 19"])
    );
    assert_eq!(dates("Bids are due April 5-6."), v(&["April 5-6"]));
    assert_eq!(dates("The fair runs 5–6 April."), v(&["5–6 April"]));
    assert_eq!(
        dates("Closed from Monday to Wednesday."),
        v(&["from Monday to Wednesday"])
    );
    assert_eq!(
        dates("Bribes paid between 2019 and 2021."),
        v(&["between 2019 and 2021"])
    );
    assert_eq!(
        dates("Open from 9 a.m. to 5 p.m. daily."),
        v(&["from 9 a.m. to 5 p.m."])
    );
}

#[test]
fn numeric_dates() {
    assert_eq!(
        dates("Due 2026-03-18, or 18/03/2026, or 3/18/2026, or 18.03.2026."),
        v(&["2026-03-18", "18/03/2026", "3/18/2026", "18.03.2026"])
    );
    // Not dates: decimals, fractions, versions, scores.
    assert!(dates("It rose 4.1 metres, 3/4 of the way, version 1.2.3, a 2-1 win.").is_empty());
}

#[test]
fn years_only_in_a_date_like_context() {
    assert_eq!(dates("Measurements began in 1953."), v(&["1953"]));
    assert_eq!(dates("The 2025 budget was cut."), v(&["2025"]));
    assert_eq!(dates("Pipes laid in the 1950s leak."), v(&["1950s"]));
    for t in [
        "Water reached more than 300 homes.",
        "The firm employs about 1400 people.",
        "Some 1800 households get a discount.",
        "It cost $2025 in total.",
        "Flight 1066 landed.",
    ] {
        assert!(dates(t).is_empty(), "{t}: {:?}", dates(t));
    }
}

#[test]
fn times() {
    assert_eq!(
        dates("Gates open at 9 a.m. on Friday."),
        v(&["9 a.m.", "Friday"])
    );
    assert_eq!(
        dates("Kick-off is at 14:30, doors at 7:45 p.m."),
        v(&["14:30", "7:45 p.m."])
    );
    assert_eq!(
        dates("It began at noon and ended at midnight."),
        v(&["noon", "midnight"])
    );
    assert_eq!(
        dates("Die Feier begann um 11 Uhr am Samstag und endete spät."),
        v(&["11 Uhr", "Samstag"])
    );
    assert_eq!(dates("The judge left at 3.15pm."), v(&["3.15pm"]));
    assert_eq!(
        dates("Schon jetzt finde ich um halb acht keinen Platz mehr, sagt sie in der Stadt."),
        v(&["halb acht"])
    );
    assert_eq!(
        dates("Nous proposons une réunion à 14 heures avec les parents et la direction."),
        v(&["14 heures"])
    );
    // A finishing time is a duration, not a time of day.
    assert!(dates("She finished in 2:21:47.").is_empty());
}

#[test]
fn relative_dates() {
    assert_eq!(dates("I saw it today."), v(&["today"]));
    assert_eq!(
        dates("Cooler air arrives tomorrow night."),
        v(&["tomorrow night"])
    );
    assert_eq!(dates("Sales fell last week."), v(&["last week"]));
    assert_eq!(dates("Rates rise next month."), v(&["next month"]));
    assert_eq!(
        dates("Prices rose earlier this year."),
        v(&["earlier this year"])
    );
    assert_eq!(dates("She left three days ago."), v(&["three days ago"]));
    assert_eq!(dates("The council met on Tuesday."), v(&["Tuesday"]));
    assert_eq!(
        dates("At Tuesday’s meeting, nothing changed."),
        v(&["Tuesday"])
    );
    assert_eq!(dates("The deal came late Friday."), v(&["late Friday"]));
}

#[test]
fn may_the_verb_is_not_a_date() {
    assert!(dates("Prices may rise, and they may fall.").is_empty());
    assert!(dates("May I ask a question?").is_empty());
    assert!(dates("Theresa May said no.").is_empty());
    assert_eq!(dates("It opens May 5."), v(&["May 5"]));
    assert_eq!(dates("It opened in May."), v(&["May"]));
    assert_eq!(dates("The trust meets on 14 May."), v(&["14 May"]));
    // An abbreviation without its full stop needs a day or year next to it.
    assert!(dates("Jan de Vries said no.").is_empty());
    assert_eq!(dates("Due Jan 5."), v(&["Jan 5"]));
}

#[test]
fn weekdays_used_as_adjectives_or_recurring_are_not_dates() {
    assert!(dates("They played like a Sunday league side.").is_empty());
    assert!(dates("They cut the Sunday boat.").is_empty());
    assert!(dates("We meet every Tuesday and every November.").is_empty());
}

#[test]
fn german_and_french_dates() {
    assert_eq!(
        dates("Am 3. Mai 1936 schrieb sie, der Fluss sei heute ruhig. Hier ist es schön, und die Stadt ist groß."),
        v(&["3. Mai 1936", "heute"])
    );
    assert_eq!(
        dates("Une réunion aura lieu le jeudi 2 avril à 18 h 30 à la mairie, et les parents viendront."),
        v(&["jeudi 2 avril", "18 h 30"])
    );
}

// ---------------------------------------------------------------- scoring

const QUOTE: LabelId = LabelId(0);
const SPEAKER: LabelId = LabelId(1);
const CLAIM: LabelId = LabelId(2);
const DATE: LabelId = LabelId(3);

fn gold(text: &str, marks: &[(LabelId, &str)], attribute: &[(usize, usize)]) -> Document {
    let mut doc = Document::new(Text::new(text), None);
    let mut ids = Vec::new();
    for &(label, needle) in marks {
        let start = text.find(needle).expect("needle");
        let span = Span::new(start, start + needle.len());
        doc = doc.apply(&Action::Create { label, span }).unwrap();
        let id = doc
            .annotations()
            .iter()
            .find(|a| a.span == span && a.label == label)
            .unwrap()
            .id
            .clone();
        ids.push(id);
    }
    for &(q, s) in attribute {
        doc = doc
            .apply(&Action::Attribute {
                from: ids[q].clone(),
                to: ids[s].clone(),
            })
            .unwrap();
    }
    doc
}

fn sugg(text: &str, kind: SuggestKind, needle: &str, speaker: Option<usize>) -> Suggestion {
    let start = text.find(needle).expect("needle");
    Suggestion {
        kind,
        span: Span::new(start, start + needle.len()),
        speaker,
        cue: None,
        quote_kind: None,
    }
}

const SCORED: &str = "“Yes,” said Ann Lee on Monday. It rained.";

#[test]
fn scoring_counts_exact_matches() {
    let doc = gold(
        SCORED,
        &[
            (QUOTE, "“Yes,”"),
            (SPEAKER, "Ann Lee"),
            (DATE, "Monday"),
            (CLAIM, "It rained."),
        ],
        &[(0, 1)],
    );
    let pred = vec![
        sugg(SCORED, SuggestKind::Quote, "“Yes,”", Some(1)),
        sugg(SCORED, SuggestKind::Speaker, "Ann Lee", None),
        sugg(SCORED, SuggestKind::Date, "Monday", None),
    ];
    let s = score(&doc, &pred);
    let perfect = Counts {
        tp: 1,
        fp: 0,
        fn_: 0,
    };
    assert_eq!(
        (s.quote, s.speaker, s.date, s.attribution),
        (perfect, perfect, perfect, perfect)
    );
    assert!(differences(&doc, &pred).is_empty());
    // The claim is neither scored nor suggested: it is not a miss.
}

#[test]
fn scoring_a_span_off_by_a_character_is_a_false_positive_and_a_miss() {
    let doc = gold(SCORED, &[(DATE, "Monday")], &[]);
    let pred = vec![sugg(SCORED, SuggestKind::Date, "on Monday", None)];
    let s = score(&doc, &pred);
    assert_eq!(
        s.date,
        Counts {
            tp: 0,
            fp: 1,
            fn_: 1
        }
    );
    let d = differences(&doc, &pred);
    assert_eq!(d.len(), 2);
    assert!(d.iter().all(|d| d.target == Target::Date));
    assert_eq!(d.iter().filter(|d| d.spurious).count(), 1);
}

#[test]
fn scoring_attribution_needs_both_spans_to_match() {
    let doc = gold(
        SCORED,
        &[(QUOTE, "“Yes,”"), (SPEAKER, "Ann Lee")],
        &[(0, 1)],
    );
    // Right quote, speaker span one word short: the speaker and the pair both fail.
    let pred = vec![
        sugg(SCORED, SuggestKind::Quote, "“Yes,”", Some(1)),
        sugg(SCORED, SuggestKind::Speaker, "Lee", None),
    ];
    let s = score(&doc, &pred);
    assert_eq!(
        s.quote,
        Counts {
            tp: 1,
            fp: 0,
            fn_: 0
        }
    );
    assert_eq!(
        s.speaker,
        Counts {
            tp: 0,
            fp: 1,
            fn_: 1
        }
    );
    assert_eq!(
        s.attribution,
        Counts {
            tp: 0,
            fp: 1,
            fn_: 1
        }
    );
    // Right spans, no link: the pair is missed, nothing spurious.
    let pred = vec![
        sugg(SCORED, SuggestKind::Quote, "“Yes,”", None),
        sugg(SCORED, SuggestKind::Speaker, "Ann Lee", None),
    ];
    assert_eq!(
        score(&doc, &pred).attribution,
        Counts {
            tp: 0,
            fp: 0,
            fn_: 1
        }
    );
}

#[test]
fn precision_recall_and_f1() {
    let c = Counts {
        tp: 3,
        fp: 1,
        fn_: 2,
    };
    assert!((c.precision() - 0.75).abs() < 1e-12);
    assert!((c.recall() - 0.6).abs() < 1e-12);
    assert!((c.f1() - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-12);
    // Nothing to find and nothing found is perfect; finding nothing of something is 0.
    assert_eq!(Counts::default().f1(), 1.0);
    assert_eq!(
        Counts {
            tp: 0,
            fp: 0,
            fn_: 4
        }
        .f1(),
        0.0
    );
    let mut sum = Counts {
        tp: 1,
        fp: 2,
        fn_: 3,
    };
    sum.add(Counts {
        tp: 10,
        fp: 20,
        fn_: 30,
    });
    assert_eq!(
        sum,
        Counts {
            tp: 11,
            fp: 22,
            fn_: 33
        }
    );
}

#[test]
fn suggestions_score_perfectly_on_a_small_hand_annotated_text() {
    let t = "“We will rebuild,” said Maria Ortega on Tuesday.";
    let doc = gold(
        t,
        &[
            (QUOTE, "“We will rebuild,”"),
            (SPEAKER, "Maria Ortega"),
            (DATE, "Tuesday"),
        ],
        &[(0, 1)],
    );
    let s = score(&doc, &suggest(doc.text()));
    for (name, c) in s.rows() {
        assert_eq!(
            c,
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            },
            "{name}"
        );
    }
}

// ---------------------------------------------------------------- robustness

/// Pieces that make hard input: every quotation mark, apostrophes, digits and separators,
/// month and cue words, paragraph breaks, combining marks, emoji and right-to-left text.
const PIECES: &[&str] = &[
    "“",
    "”",
    "„",
    "‚",
    "‘",
    "’",
    "«",
    "»",
    "‹",
    "›",
    "\"",
    "'",
    "「",
    "」",
    " ",
    "\u{a0}",
    "\n",
    "\n\n",
    ",",
    ".",
    ":",
    "-",
    "–",
    "/",
    "a.m.",
    "12",
    "2026",
    "3",
    "May",
    "March",
    "Tuesday",
    "said",
    "told reporters",
    "according to",
    "she",
    "Ortega",
    "the",
    "minister",
    "from",
    "to",
    "between",
    "and",
    "last",
    "week",
    "e\u{301}",
    "👩🏽‍💻",
    "ليلى",
    "王秀英",
    "Dr.",
    "de",
    "so",
    "a",
    "l’",
    "-t-il",
    "Uhr",
    "h",
    "heute",
    "mars",
];

fn check_invariants(text: &str, s: &[Suggestion]) {
    let mut prev = None;
    for x in s {
        assert!(x.span.start < x.span.end, "empty span in {text:?}");
        assert!(text.get(x.span.range()).is_some(), "bad span in {text:?}");
        if let Some(c) = x.cue {
            assert!(
                text.get(c.range()).is_some() && c.start < c.end,
                "bad cue in {text:?}"
            );
        }
        let key = (x.span.start, x.span.end);
        assert!(prev.is_none_or(|p| p <= key), "unsorted in {text:?}");
        prev = Some(key);
        match x.kind {
            SuggestKind::Quote => {
                if let Some(i) = x.speaker {
                    assert_eq!(s[i].kind, SuggestKind::Speaker, "{text:?}");
                }
            }
            _ => assert!(x.speaker.is_none() && x.cue.is_none()),
        }
    }
    // Dates never overlap each other, nor do quotes.
    for kind in [SuggestKind::Date, SuggestKind::Quote] {
        let spans: Vec<Span> = s
            .iter()
            .filter(|x| x.kind == kind)
            .map(|x| x.span)
            .collect();
        assert!(
            spans.windows(2).all(|w| w[0].end <= w[1].start),
            "{kind:?} overlap in {text:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn never_panics_on_arbitrary_unicode(text in "\\PC{0,80}|[\\s\\S]{0,60}") {
        let s = suggest_str(&text);
        check_invariants(&text, &s);
        prop_assert_eq!(s, suggest_str(&text));
    }

    #[test]
    fn never_panics_on_text_made_of_hard_pieces(picks in prop::collection::vec(0..PIECES.len(), 0..60)) {
        let text: String = picks.iter().map(|&i| PIECES[i]).collect();
        let s = suggest_str(&text);
        check_invariants(&text, &s);
        prop_assert_eq!(s, suggest_str(&text));
    }
}

#[test]
fn every_quote_in_the_sample_article_is_found_with_a_speaker_where_it_has_one() {
    let text = annotator_core::sample::SAMPLE_TEXT;
    let s = suggest_str(text);
    check_invariants(text, &s);
    let q = quotes(text);
    assert!(q.iter().any(|q| q.starts_with("“We promised")), "{q:?}");
    let p = pairs(text);
    assert!(
        p.iter()
            .any(|(q, s)| q.starts_with("“On the first night") && s == "she"),
        "{p:?}"
    );
    let d: BTreeSet<String> = dates(text).into_iter().collect();
    for want in [
        "Tuesday",
        "March 18 and 19",
        "2026",
        "1953",
        "the end of 2025",
        "Thursday, April 24",
    ] {
        assert!(d.contains(want), "{want} not in {d:?}");
    }
    assert!(!d.contains("300"));
}

/// `cargo test -p annotator-core --release --test suggest -- --ignored --nocapture`
#[test]
#[ignore = "timing, run by hand in release"]
fn timing_on_100k_words() {
    let mut text = String::new();
    while text.split_whitespace().count() < 100_000 {
        text.push_str(annotator_core::sample::SAMPLE_TEXT);
        text.push_str("\n\n");
    }
    let t = Text::new(&text);
    let start = std::time::Instant::now();
    let n = suggest(&t).len();
    println!(
        "suggest: {} words in {:.1} ms ({n} suggestions)",
        text.split_whitespace().count(),
        start.elapsed().as_secs_f64() * 1000.0
    );
}

/// Worst cases for the scanners: one huge paragraph of quotes, possessives, cues or marks.
/// `cargo test -p annotator-core --release --test suggest -- --ignored --nocapture`
#[test]
#[ignore = "timing, run by hand in release"]
fn timing_on_adversarial_input() {
    for piece in [
        "‘the Smiths’ house ",
        "“a” ",
        "“Yes,” said he. ",
        "said the minister said ",
        "\" ' « » „ “ ",
        "March 18 and 19 2026-03-18 from Monday to ",
        "Ana de la de la de la ",
    ] {
        let text = piece.repeat(600_000 / piece.len());
        let start = std::time::Instant::now();
        let n = suggest_str(&text).len();
        println!(
            "{piece:?} x {}: {:.1} ms ({n} suggestions)",
            600_000 / piece.len(),
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
}
