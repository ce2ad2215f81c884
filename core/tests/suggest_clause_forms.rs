//! Attribution clauses of news reporting after a quote: party tags after a name, long
//! appositives, a name after a dash. Every sentence here is written for the test.

#![cfg(not(target_arch = "wasm32"))]

use annotator_core::suggest::{attributions, suggest_str};

/// The (quote, speaker) pairs as texts.
fn pairs(text: &str) -> Vec<(String, String)> {
    attributions(&suggest_str(text))
        .into_iter()
        .map(|(q, s)| (text[q.range()].to_owned(), text[s.range()].to_owned()))
        .collect()
}

fn speakers(text: &str) -> Vec<String> {
    pairs(text).into_iter().map(|(_, s)| s).collect()
}

#[test]
fn a_party_tag_in_brackets_after_the_name_is_skipped() {
    let text = "“We will vote no,” Rep. Ana Ruiz (D-Md.) said Tuesday.";
    assert_eq!(speakers(text), vec!["Rep. Ana Ruiz"]);
}

#[test]
fn a_party_tag_between_commas_does_not_end_the_sentence() {
    let text = "“The votes are there,” Tom Hale, R-Ky., said on Tuesday.";
    assert_eq!(speakers(text), vec!["Tom Hale"]);
}

#[test]
fn a_long_appositive_with_commas_inside_reaches_its_cue() {
    let text = "“It is an overreach,” Ana Ruiz, the attorney general of the state, one of twelve \
                suing the agency, said at a hearing.";
    assert_eq!(speakers(text), vec!["Ana Ruiz"]);
}

#[test]
fn an_appositive_without_a_cue_after_it_gives_no_speaker() {
    let text = "“We won,” Tom Hale, the mayor, smiled at the crowd.";
    assert!(speakers(text).is_empty(), "{:?}", pairs(text));
}

#[test]
fn a_name_alone_after_a_dash_is_the_speaker() {
    let text = "“We deserve better from all of them.” ― Ana Ruiz\n\
                “I will vote, and so will my sisters.” ― Tom Hale.";
    assert_eq!(speakers(text), vec!["Ana Ruiz", "Tom Hale"]);
}

#[test]
fn a_dash_before_a_phrase_that_is_not_a_name_gives_no_speaker() {
    let text = "“Never again in this town, not ever” — a phrase repeated all week on the quay.";
    assert!(speakers(text).is_empty(), "{:?}", pairs(text));
}

#[test]
fn a_dash_before_a_name_that_goes_on_is_not_taken_alone() {
    let text = "“We start at dawn and stop at dusk” — Ana Ruiz runs the crews on the quay.";
    assert!(speakers(text).is_empty(), "{:?}", pairs(text));
}

#[test]
fn a_name_in_the_possessive_is_a_determiner() {
    let text = "“Orders are up,” Halvard Works’s Ana Ruiz said.";
    assert_eq!(speakers(text), vec!["Ana Ruiz"]);
    let text = "“Orders are up,” Dunmore’s Lena Okoye said.";
    assert_eq!(speakers(text), vec!["Lena Okoye"]);
    let text = "“No comment,” Mayor Ruiz’s spokesman said.";
    assert_eq!(speakers(text), vec!["Mayor Ruiz’s spokesman"]);
    let text = "“No comment,” Mayor Ruiz’s spokesman, Tom Hale, wrote on Friday.";
    assert_eq!(speakers(text), vec!["Tom Hale"]);
}

#[test]
fn a_prepositional_phrase_between_name_and_cue_is_skipped() {
    let text = "“We lost the vote,” Tom Hale of the harbour board said.";
    assert_eq!(speakers(text), vec!["Tom Hale"]);
    let text = "“It is late,” a spokesperson for the ferry company said on Friday.";
    assert_eq!(speakers(text), vec!["a spokesperson"]);
}

#[test]
fn a_prepositional_phrase_without_a_cue_gives_no_speaker() {
    let text = "“Quiet Waters,” Tom Hale of the harbour board painted in 1990.";
    assert!(speakers(text).is_empty(), "{:?}", pairs(text));
}

#[test]
fn a_long_appositive_without_an_early_comma_reaches_its_cue() {
    let text = "“It is an overreach,” Ana Ruiz, director of the regional institute for coastal \
                studies and a lecturer at the maritime school of the city, said of the plan.";
    assert_eq!(speakers(text), vec!["Ana Ruiz"]);
}

#[test]
fn a_role_then_a_name_without_a_second_comma_gives_the_name() {
    let text = "“He was always kind,” one neighbour, Iain Munro told the paper.";
    assert_eq!(speakers(text), vec!["Iain Munro"]);
}

#[test]
fn a_state_after_a_place_in_an_appositive_does_not_end_it() {
    let text = "Ana Ruiz, of Salem, Ore., said she had voted “for the first time in years.”";
    assert_eq!(speakers(text), vec!["Ana Ruiz"]);
}
