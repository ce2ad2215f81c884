//! Rules added for real news reporting (issue 18): more cue verbs, `-ing` cues after the main
//! clause, the sentence's subject for fragments, objects that are not speakers. Every sentence
//! here is written for the test.

#![cfg(not(target_arch = "wasm32"))]

use annotator_core::suggest::{attributions, suggest_str, SuggestKind};

fn quotes(text: &str) -> Vec<String> {
    suggest_str(text)
        .iter()
        .filter(|s| s.kind == SuggestKind::Quote)
        .map(|s| text[s.span.range()].to_owned())
        .collect()
}

/// The speaker of each quote, in quote order.
fn speakers_of_quotes(text: &str) -> Vec<String> {
    attributions(&suggest_str(text))
        .into_iter()
        .map(|(_, s)| text[s.range()].to_owned())
        .collect()
}

fn v(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn news_cue_verbs_find_their_subject() {
    for (t, who) in [
        ("“Stay home tonight,” the mayor implored.", "the mayor"),
        (
            "“It was a superb season,” Coach Ilse Marten gushed.",
            "Coach Ilse Marten",
        ),
        ("“This is a disgrace,” fumed Dario Pell.", "Dario Pell"),
        (
            "Verity Agbaje praised the crews: “They never stopped.”",
            "Verity Agbaje",
        ),
        ("“Me too,” Tom Ruddle chimed in.", "Tom Ruddle"),
    ] {
        assert_eq!(speakers_of_quotes(t), v(&[who]), "{t}");
    }
}

#[test]
fn a_capitalised_states_in_a_name_is_not_a_cue() {
    let t = "Ana Ruiz said the United States “will keep its word on this.”";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
}

#[test]
fn a_lower_case_states_is_still_a_cue() {
    let t = "“No further comment,” the report states.";
    assert_eq!(speakers_of_quotes(t), v(&["the report"]));
}

#[test]
fn an_ing_cue_after_the_main_clause_takes_the_main_subject() {
    let t =
        "Selma Okonjo rejected the offer on Monday, saying “it is far too little, far too late.”";
    assert_eq!(speakers_of_quotes(t), v(&["Selma Okonjo"]));
    let t = "Speaking in Dunmore, Gil Farrow defended the budget, adding “we had no choice.”";
    assert_eq!(speakers_of_quotes(t), v(&["Gil Farrow"]));
}

#[test]
fn an_ing_word_that_is_no_cue_takes_nothing_from_the_main_clause() {
    let t = "The council met in Dunmore, reading “Minutes of the Last Meeting” aloud.";
    assert!(speakers_of_quotes(t).is_empty());
}

#[test]
fn a_fragment_without_a_cue_goes_to_the_sentence_subject() {
    let t = "Priya Vance hammered “spineless” board members at the hearing.";
    assert_eq!(quotes(t), v(&["“spineless”"]));
    assert_eq!(speakers_of_quotes(t), v(&["Priya Vance"]));
}

#[test]
fn a_short_term_after_a_thing_stays_a_term() {
    let t = "The museum launched a “reading passport” for children.";
    assert!(quotes(t).is_empty());
    let t = "Locals call it “the old bank”.";
    assert!(quotes(t).is_empty());
}

#[test]
fn the_listener_after_told_is_not_the_speaker() {
    let t = "Later, at the rally, he told his supporters, “we are going to win this.”";
    assert_eq!(speakers_of_quotes(t), v(&["he"]));
}

#[test]
fn reported_speech_after_said_is_not_an_inverted_subject() {
    let t = "Imogen Hale said the judge had “an obvious conflict of interest.”";
    assert_eq!(speakers_of_quotes(t), v(&["Imogen Hale"]));
}

#[test]
fn said_then_name_before_a_colon_is_still_the_speaker() {
    let t = "In a statement, said Councillor Raj Patel: “We are delighted.”";
    assert_eq!(speakers_of_quotes(t), v(&["Councillor Raj Patel"]));
}

#[test]
fn the_object_of_a_participle_is_not_the_subject() {
    let t = "One official speaking to Channel Nine said, “The talks have stalled.”";
    assert_eq!(speakers_of_quotes(t), v(&["One official"]));
    let t = "A letter obtained by The Ledger warns that “further action will follow.”";
    assert_eq!(speakers_of_quotes(t), v(&["A letter"]));
}

#[test]
fn a_name_after_a_preposition_without_a_participle_stays() {
    let t = "The head of Halvard Works said, “Orders are up.”";
    assert_eq!(speakers_of_quotes(t), v(&["The head"]));
}

#[test]
fn a_term_in_a_plain_report_is_not_a_thing_speaking() {
    // No cue in the sentence and a subject that is no one: not a quote of anybody.
    let t = "The lizard, barely a thumb long, was spotted by hikers during a spring “nature count” in Elm Valley.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
}

#[test]
fn a_fragment_after_a_judging_verb_takes_the_sentence_subject() {
    let t = "Mira Tandon hammered “reckless” spending on Tuesday.";
    assert_eq!(speakers_of_quotes(t), v(&["Mira Tandon"]));
}

#[test]
fn a_quote_after_one_continued_over_paragraphs_takes_its_speaker() {
    // The first quote opens in one paragraph and closes in the next, where the second quote
    // follows it: the second continues the same speaker's words.
    let t =
        "“We asked for a bridge and got a ferry.\n\n“Then they cut the ferry,” Odile Brask said. \
             “Now we have a timetable and no boat.”";
    assert_eq!(speakers_of_quotes(t), v(&["Odile Brask", "Odile Brask"]));
}

#[test]
fn a_clause_later_in_the_sentence_gives_the_speaker() {
    let t = "“Fares will come down” by the end of the year, the mayor said on Monday.";
    assert_eq!(speakers_of_quotes(t), v(&["the mayor"]));
    let t = "Harbour traders had “run out of patience” with the council, Ana Ruiz said.";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
    let t = "“Nobody listened to the fishermen” for years, said Tomas Lind, who runs the co-op.";
    assert_eq!(speakers_of_quotes(t), v(&["Tomas Lind"]));
}

#[test]
fn a_clause_in_the_next_sentence_is_not_the_speaker() {
    let t = "The ferry faces “heavy delays” on Friday. The mayor said the bridge would reopen.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
    let t = "“Fares will come down” by the end of the year, and the mayor was pleased.";
    assert_eq!(quotes(t), v(&["“Fares will come down”"]));
    assert!(speakers_of_quotes(t).is_empty());
}

#[test]
fn a_phrase_after_an_article_in_reported_speech_is_a_fragment() {
    let t = "Tomas Lind described the budget as a “slow-motion disaster” on Monday.";
    assert_eq!(quotes(t), v(&["“slow-motion disaster”"]));
    assert_eq!(speakers_of_quotes(t), v(&["Tomas Lind"]));
    let t = "Critics have portrayed the ferry plan as a “vanity project.”";
    assert_eq!(quotes(t), v(&["“vanity project.”"]));
}

#[test]
fn a_phrase_after_an_article_in_a_plain_report_stays_a_term() {
    let t = "The school bought a “reading bus” for the villages last spring.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
}

#[test]
fn a_long_phrase_after_an_article_is_kept_as_a_quote() {
    let t = "The lighthouse was sold for a “price nobody in the village could believe.”";
    assert_eq!(
        quotes(t),
        v(&["“price nobody in the village could believe.”"])
    );
}

#[test]
fn what_a_person_called_something_is_their_words() {
    let t = "The levy, which Ana Ruiz called “a tax on breathing,” passed anyway.";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
    let t = "He stood by what he called “common sense.”";
    assert_eq!(speakers_of_quotes(t), v(&["he"]));
}

#[test]
fn what_a_group_calls_a_place_is_a_name() {
    let t = "The café opened in what fishermen call “the net loft”.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
    let t = "She took a course called “Tides”.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
}

#[test]
fn mistyped_pairs_of_marks_close_their_quote() {
    let t = "“We will rebuild the pier,\" Odile Brask said.";
    assert_eq!(speakers_of_quotes(t), v(&["Odile Brask"]));
    let t = "\"We will rebuild the pier,” Odile Brask said.";
    assert_eq!(speakers_of_quotes(t), v(&["Odile Brask"]));
    let t = "The ombudsman rated the claim “Mostly False.“ The mayor disagreed.";
    assert_eq!(quotes(t), v(&["“Mostly False.“"]));
}

#[test]
fn an_opening_mark_inside_a_quote_still_opens_a_nested_quote() {
    let t = "“They called it “a mess” twice,” Odile Brask said.";
    assert_eq!(quotes(t), v(&["“They called it “a mess” twice,”"]));
}

#[test]
fn a_short_fragment_in_reported_speech_is_kept_without_a_speaker() {
    let t = "The council has been accused of “stalling.”";
    assert_eq!(quotes(t), v(&["“stalling.”"]));
    let t = "The harbour board has been accused of “dithering” for years.";
    assert_eq!(quotes(t), v(&["“dithering”"]));
}

#[test]
fn a_short_phrase_in_a_plain_report_without_a_speaker_is_dropped() {
    let t = "The ferry runs a “night service” in summer.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
    let t = "The bakery on the quay sells “harbour loaves” every Friday.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
}

#[test]
fn a_clause_after_a_fragment_that_ends_its_sentence_is_the_next_sentence() {
    let t = "Ana Ruiz accused the board of “recklessness.” Tom Hale said the board would reply.";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
    // A whole quote before its clause still takes it.
    let t = "“We are done.” Tom Hale said nothing more.";
    assert_eq!(speakers_of_quotes(t), v(&["Tom Hale"]));
}

#[test]
fn a_second_appositive_leads_back_to_the_name() {
    let t = "Ana Ruiz, the harbour master of Dunmore, a post she has held since 2010, said the \
             port was “full.”";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
}

#[test]
fn a_name_right_before_an_ing_cue_is_the_speaker() {
    let t = "The advert shows footage of Ana Ruiz saying, “We will rebuild.”";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
}

#[test]
fn the_object_of_a_participle_or_preposition_is_not_the_subject() {
    let t = "Protesters walking across the quay chanted “Hands off our port.”";
    assert_eq!(speakers_of_quotes(t), v(&["Protesters"]));
    let t = "A notice on the harbour website states that boats must be “registered by June.”";
    assert_eq!(speakers_of_quotes(t), v(&["A notice"]));
    let t = "“Where is the money?” a narrator in the advert asks.";
    assert_eq!(speakers_of_quotes(t), v(&["a narrator"]));
}

#[test]
fn continued_to_is_not_a_speech_verb() {
    let t = "The crews continued to push for “open berths” all year.";
    assert!(
        speakers_of_quotes(t).is_empty(),
        "{:?}",
        speakers_of_quotes(t)
    );
}

#[test]
fn a_title_after_a_possessive_name_or_a_word_for_a_work_is_no_quote() {
    let t = "Ana Ruiz said on Channel Four’s “Harbour Hour,” that the port would close.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
    let t = "In his 2019 book, “A Long Road Home,” Tom Hale said little about the strike.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
    let t = "“Low Tide,” Tom Hale said, was the episode of “Dunmore Nights.” that won.";
    assert_eq!(quotes(t), v(&["“Low Tide,”"]));
}

#[test]
fn a_heading_alone_in_its_paragraph_is_no_quote() {
    let t = "“We will rebuild,” Ana Ruiz said.\n\n‘A Port Without Ships.’\n\nThe harbour closed.";
    assert_eq!(quotes(t), v(&["“We will rebuild,”"]));
}

#[test]
fn a_capitalised_fragment_in_a_headline_stays_a_quote() {
    let t = "Ruiz Calls Harbour Plan A ‘Slow-Motion Disaster’ After Vote\n\n\
             Ana Ruiz described the plan as a “slow-motion disaster” on Monday.";
    assert_eq!(quotes(t).len(), 2, "{:?}", quotes(t));
}

#[test]
fn a_title_case_quote_after_a_colon_is_someones_words() {
    let t = "The editorial board: “Deport The Harbour Master.”";
    assert_eq!(quotes(t), v(&["“Deport The Harbour Master.”"]));
}

#[test]
fn a_verb_between_two_names_is_not_a_descriptor() {
    let t = "Tom Hale openly admires Mayor Ana Ruiz as a “true builder,” aides say.";
    assert_eq!(speakers_of_quotes(t), v(&["aides"]));
    let t = "“We will rebuild,” said Harbour Board ally Ana Ruiz.";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
}

#[test]
fn a_phrase_after_as_a_is_a_characterisation() {
    let t = "In recent weeks, Tom Hale has gone after the board as a “club for insiders.”";
    assert_eq!(speakers_of_quotes(t), v(&["Tom Hale"]));
}

#[test]
fn a_pronoun_with_a_contracted_verb_is_cut_to_the_pronoun() {
    let t = "She’s claiming that the ferry is “a floating scandal” and worse.";
    assert_eq!(speakers_of_quotes(t), v(&["She"]));
}

#[test]
fn the_pronoun_of_a_reported_clause_gives_way_to_the_outer_speaker() {
    let t = "Tom Hale said he had asked his “crew” to stay home.";
    assert_eq!(speakers_of_quotes(t), v(&["Tom Hale"]));
    let t = "Ana Ruiz went on to say she’s “confident” about the vote.";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
    // With no outer speaker, the pronoun stays.
    let t = "Later he asked for “a little patience.”";
    assert_eq!(speakers_of_quotes(t), v(&["he"]));
}

#[test]
fn a_title_in_quotation_marks_does_not_bound_the_search_for_the_cue() {
    let t = "Tom Hale told Channel Four’s “Harbour Hour” on Friday that “nobody knows who did it.”";
    assert_eq!(speakers_of_quotes(t), v(&["Tom Hale"]));
}

#[test]
fn a_role_phrase_does_not_swallow_the_verb_before_an_object() {
    let t = "With little warning, the actor held a mock audition and told them to act “calmer.”";
    assert_eq!(speakers_of_quotes(t), v(&["the actor"]));
}

#[test]
fn a_name_in_apposition_to_the_sentence_subject_is_the_speaker() {
    let t = "Another critic, Ana Ruiz, likened the levy to “a tax on breathing.”";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
}

#[test]
fn a_decimal_point_does_not_end_the_sentence() {
    let t = "In May, Ana Ruiz called the $2.5 million harbour wall “a sandcastle,” and left.";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
}

#[test]
fn a_role_phrase_stops_at_a_verb_in_the_past_tense() {
    let t = "The harbour master sought to calm the crews, saying the berths would “stay open.”";
    assert_eq!(speakers_of_quotes(t), v(&["The harbour master"]));
}

#[test]
fn a_time_phrase_between_subject_and_verb_is_skipped() {
    let t = "Sen. Ana Ruiz (D-Md.) on Saturday criticized the deal, saying it goes “nowhere.”";
    assert_eq!(speakers_of_quotes(t), v(&["Sen. Ana Ruiz"]));
    let t = "“We are ready,” Tom Hale on Friday said.";
    assert_eq!(speakers_of_quotes(t), v(&["Tom Hale"]));
    let t = "Tom Hale last week said the plan was “dead.”";
    assert_eq!(speakers_of_quotes(t), v(&["Tom Hale"]));
}

#[test]
fn a_name_before_a_colon_opening_the_paragraph_is_the_speaker() {
    let t = "Ana Ruiz: Harbour Plan Is ‘A Slow-Motion Disaster’\n\nThe vote is on Monday.";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
    let t = "Ana Ruiz on the Ferry Cuts: They Are ‘Shameful’\n\nThe vote is on Monday.";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
}

#[test]
fn a_label_that_is_not_a_name_before_a_colon_gives_no_speaker() {
    let t = "Update: the council will vote on the “harbour levy proposal” next week.";
    assert!(
        speakers_of_quotes(t).is_empty(),
        "{:?}",
        speakers_of_quotes(t)
    );
    let t = "The ferry leaves at noon. Dunmore: all boats cancelled, a “rare event”.";
    assert!(
        speakers_of_quotes(t).is_empty(),
        "{:?}",
        speakers_of_quotes(t)
    );
}

#[test]
fn what_a_pronoun_calls_something_goes_to_the_sentence_subject() {
    let t = "Ana Ruiz has railed against what she calls the “harbour cartel” for years.";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
    // Another name between them: the pronoun stays.
    let t = "Ana Ruiz met Tom Hale, and then what he calls “the real talks” began.";
    assert_eq!(speakers_of_quotes(t), v(&["he"]));
    // Not after "what": the pronoun stays.
    let t = "The crews, whom she described as “exhausted,” went home.";
    assert_eq!(speakers_of_quotes(t), v(&["she"]));
}

#[test]
fn an_age_and_a_place_in_the_appositive_lead_back_to_the_name() {
    let t =
        "Odile Brask, 59, of Dunmore, Ore., who watched from the quay, said the day brought back \
             “all the boats that never came back.”";
    assert_eq!(speakers_of_quotes(t), v(&["Odile Brask"]));
}

#[test]
fn a_long_title_before_a_colon_is_not_a_speaker() {
    let t = "Harbour Levy Divides Dunmore Traders: Paying for the wall is “a heavy load.”";
    assert!(
        speakers_of_quotes(t).is_empty(),
        "{:?}",
        speakers_of_quotes(t)
    );
}

#[test]
fn according_to_at_the_start_of_the_sentence_is_its_source() {
    let t = "According to the port audit, the firm ran a “reckless and costly scheme” for years.";
    assert_eq!(speakers_of_quotes(t), v(&["the port audit"]));
}

#[test]
fn as_someone_put_it_gives_the_speaker() {
    let t = "The wall is, as Ana Ruiz put it, “a sandcastle with a budget.”";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
    let t = "Tom Hale put it on the table: the plan was “dead.”";
    assert_eq!(speakers_of_quotes(t), v(&["Tom Hale"]));
}

#[test]
fn a_speech_verb_used_as_a_plural_noun_is_no_cue() {
    let t = "The ombudsman rated 30% of harbour board claims as “false” last year.";
    assert_eq!(speakers_of_quotes(t), v(&["The ombudsman"]));
}

#[test]
fn it_is_a_speaker_as_the_subject_of_a_cue() {
    let t = "“The port will stay open,” it said in a statement.";
    assert_eq!(speakers_of_quotes(t), v(&["it"]));
    let t = "The ferry company is fighting back. It is denouncing what it calls “the most \
             dishonest campaign in the town’s history.”";
    assert_eq!(
        speakers_of_quotes(t).len(),
        1,
        "{:?}",
        speakers_of_quotes(t)
    );
}

#[test]
fn it_without_a_cue_is_no_speaker() {
    let t = "It was “a slow week, a very slow week,” on the quay.";
    assert!(
        speakers_of_quotes(t).is_empty(),
        "{:?}",
        speakers_of_quotes(t)
    );
}

#[test]
fn lower_case_descriptors_then_a_place_then_a_role_lead_to_the_person() {
    let t = "“He knows he cannot win,” said former Salem governor Ana Ruiz, a supporter.";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
}

#[test]
fn a_modal_ends_a_role_phrase() {
    let t = "Tom Hale said the harbour master can “bring real change” to the port.";
    assert_eq!(speakers_of_quotes(t), v(&["Tom Hale"]));
}

#[test]
fn a_sentence_adverb_is_not_a_name() {
    let t = "Back in 2019, Tom Hale described the ferry as “a floating ruin.”";
    assert_eq!(speakers_of_quotes(t), v(&["Tom Hale"]));
    let t = "Likewise, the harbour board called the plan “unworkable” in May.";
    assert_eq!(speakers_of_quotes(t), v(&["the harbour board"]));
}

#[test]
fn a_place_closing_the_opening_phrase_is_not_the_subject() {
    let t = "Speaking at the quay in Salem, Oregon, Ana Ruiz went after the board, calling it \
             “a club for insiders.”";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
}

#[test]
fn a_common_noun_capitalised_by_the_sentence_is_not_a_name() {
    let t =
        "The town voted on new tolls for boats. Tolls are “a tax on the poor,” the leaflet said. \
             \n\nBoats are “the lifeblood of the town.”";
    assert_eq!(speakers_of_quotes(t), v(&["the leaflet"]));
}

#[test]
fn a_quote_after_a_sentence_ending_in_its_clause_takes_that_speaker() {
    let t = "The ferry may stop in winter, Tom Hale said. “Nobody will say so out loud.”";
    assert_eq!(speakers_of_quotes(t), v(&["Tom Hale"]));
    // A sentence whose clause does not end it gives nothing.
    let t = "Tom Hale said the ferry may stop in winter for repairs. “Nobody will say so.”";
    assert!(
        speakers_of_quotes(t).is_empty(),
        "{:?}",
        speakers_of_quotes(t)
    );
}

#[test]
fn of_inside_the_name_of_an_office_or_a_body_is_part_of_the_name() {
    let t = "Secretary of State Ana Ruiz said the port would take “firm steps” soon.";
    assert_eq!(speakers_of_quotes(t), v(&["Secretary of State Ana Ruiz"]));
    let t = "In a statement, the Association of Harbour Pilots called her a “champion.”";
    assert_eq!(
        speakers_of_quotes(t),
        v(&["the Association of Harbour Pilots"])
    );
    let t = "“We won,” Ana Ruiz of Salem said.";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
}

#[test]
fn a_capitalised_particle_starts_a_name() {
    let t = "De Vries says the blast was an “intentional act.”";
    assert_eq!(speakers_of_quotes(t), v(&["De Vries"]));
    let t = "“We will win,” said Odile Le Brun.";
    assert_eq!(speakers_of_quotes(t), v(&["Odile Le Brun"]));
}

#[test]
fn a_parenthetical_after_the_subject_does_not_hide_its_verb() {
    let t = "Sen. Ana Ruiz (D-Md.), in particular, has been calling the board a “cartel.”";
    assert_eq!(speakers_of_quotes(t), v(&["Sen. Ana Ruiz"]));
}

#[test]
fn a_name_modifying_a_noun_is_part_of_the_role() {
    let t = "“We are not worried,” a senior Ruiz adviser said.";
    assert_eq!(speakers_of_quotes(t), v(&["a senior Ruiz adviser"]));
    let t = "One former Harbour Board aide said the plan was “dead.”";
    assert_eq!(speakers_of_quotes(t), v(&["One former Harbour Board aide"]));
    // A name that ends the phrase is the speaker.
    let t = "“We are not worried,” said the harbour master, Ana Ruiz.";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
}

#[test]
fn a_name_after_an_organisation_in_the_possessive_is_the_speaker() {
    let t = "“It was close,” The Harbour Times’s Ana Ruiz said.";
    assert_eq!(speakers_of_quotes(t), v(&["Ana Ruiz"]));
}

#[test]
fn initials_and_suffixes_belong_to_the_name() {
    let t = "“We won,” said Jock A. Finlayson, a harbour economist.";
    assert_eq!(speakers_of_quotes(t), v(&["Jock A. Finlayson"]));
    let t = "“We won,” said Tom Hale Jr. on Tuesday.";
    assert_eq!(speakers_of_quotes(t), v(&["Tom Hale Jr."]));
}

#[test]
fn a_title_after_on_is_a_programme() {
    let t = "“We will win,” Ana Ruiz said on “Harbour Hour.” “Nobody doubts it.”";
    assert_eq!(quotes(t), v(&["“We will win,”", "“Nobody doubts it.”"]));
}

#[test]
fn singing_yelling_and_commenting_are_cues() {
    let t = "“Keep your hands in sight,” Odile Brask sings to the crowd.";
    assert_eq!(speakers_of_quotes(t), v(&["Odile Brask"]));
    let t = "“Did you see that?” she yells from the quay.";
    assert_eq!(speakers_of_quotes(t), v(&["she"]));
    let t = "During the debate, a neighbour commented: “The tolls will ruin us.”";
    assert_eq!(speakers_of_quotes(t), v(&["a neighbour"]));
}

#[test]
fn cries_and_chants_as_nouns_are_no_cues() {
    let t = "It was not just the cries of “Out!” that kept Tom Hale awake.";
    assert!(
        speakers_of_quotes(t).is_empty(),
        "{:?}",
        speakers_of_quotes(t)
    );
}

#[test]
fn a_party_tag_between_subject_and_cue_before_a_quote_is_skipped() {
    let t = "Gov. Ana Ruiz (R-Ore.) said the harbour levy was “a tax on breathing.”";
    assert_eq!(speakers_of_quotes(t), v(&["Gov. Ana Ruiz"]));
}

#[test]
fn more_titles_and_descriptors_before_a_name() {
    let t = "“We will not stop,” said Del. Ana Ruiz of the harbour district.";
    assert_eq!(speakers_of_quotes(t), v(&["Del. Ana Ruiz"]));
    let t = "According to local talk radio host Tom Hale, the plan reeks of “panic.”";
    assert_eq!(speakers_of_quotes(t), v(&["Tom Hale"]));
    let t = "“It was wrong,” said 1990s ferry captain Tom Hale.";
    assert_eq!(speakers_of_quotes(t), v(&["Tom Hale"]));
}

#[test]
fn a_phrase_after_known_as_the_is_a_name() {
    let t = "She would bring in what has become known as the “harbour rule” next year.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
}

#[test]
fn a_title_made_of_a_number_is_a_title() {
    let t = "The filmmaker hints at this in her latest documentary “31st.” It airs on Friday.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
}

#[test]
fn a_noun_for_what_someone_said_makes_a_fragment_of_their_words() {
    let t = "Contrary to his claim that voters would “learn nothing,” the files were opened.";
    assert_eq!(quotes(t), v(&["“learn nothing,”"]));
    let t = "The mayor could be considered a true “visionary” if the wall holds.";
    assert_eq!(quotes(t), v(&["“visionary”"]));
}

#[test]
fn more_words_for_works_before_a_title() {
    let t = "She also stars in the harbour thriller, “Low Tide,” which opens on Friday.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
    let t = "In an interview with “Harbour Hour,” Tom Hale defended the tolls.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
    let t = "One ad, “Tolls Are Theft,” shows an empty quay.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
}

#[test]
fn doubled_apostrophes_are_one_quotation_mark() {
    // A short capitalised quote with a stop inside its doubled marks is a sentence, not a title.
    let t = "''We are not going anywhere,'' the harbourmaster added. ''We're Dunmore.''";
    assert_eq!(
        quotes(t),
        v(&["''We are not going anywhere,''", "''We're Dunmore.''"])
    );
    assert_eq!(
        speakers_of_quotes(t),
        v(&["the harbourmaster", "the harbourmaster"])
    );
    // A number right after the doubled mark is no elided year (`''10 …`).
    let t = "The bill is ''20 times what the council budgeted,'' she said.";
    assert_eq!(quotes(t), v(&["''20 times what the council budgeted,''"]));
    let t = "The bill is \"20 times what the council budgeted,\" she said.";
    assert_eq!(quotes(t), v(&["\"20 times what the council budgeted,\""]));
    // A space before the closing pair, after an inner quote, still closes it.
    let t = "''I hate the word 'thrifty,' '' she said.";
    assert_eq!(quotes(t), v(&["''I hate the word 'thrifty,' ''"]));
    // Not a pair: an elided year, a possessive then a closing mark.
    let t = "Back in the '90s the quay was empty.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
    // A title in doubled marks stays a title.
    let t = "Tom Hale wrote ''Low Tide'' in a month.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
}

#[test]
fn a_title_may_carry_a_comma_inside_its_marks() {
    let t = "Ana Ruiz watched “Harbour Lights,” a drama set in a fishing town, on Sunday.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
    let t = "Crews then took part in ''Clean Quay Day,'' a yearly event.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
    // A full stop, or a stop between its words, still makes a sentence of it.
    let t = "“Go Dunmore. Go Harbour,” the crowd chanted.";
    assert_eq!(quotes(t), v(&["“Go Dunmore. Go Harbour,”"]));
    // Lower-case words with a comma are someone's words as before.
    let t = "Ana Ruiz said the tolls were “far too high,” and left.";
    assert_eq!(quotes(t), v(&["“far too high,”"]));
}

#[test]
fn a_capitalised_quote_right_after_a_speech_verb_is_words_not_a_title() {
    let t = "Tom Hale said “The Fishermen” and walked off.";
    assert_eq!(speakers_of_quotes(t), v(&["Tom Hale"]));
    let t = "The crowd chanted “Ruiz Out” until the police arrived.";
    assert_eq!(quotes(t), v(&["“Ruiz Out”"]));
    // A book written or read is a title.
    let t = "Tom Hale read “The Salt Road” to the class on Friday.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
    // `told` takes its audience: a programme.
    let t = "Tom Hale told “Harbour Hour” that the tolls would stay.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
}

#[test]
fn a_nickname_after_the_word_nickname_is_a_name() {
    let t = "Tom Hale gave his rival the nickname “Lazy Raj.” Hale called him a “nasty guy.”";
    assert_eq!(quotes(t), v(&["“nasty guy.”"]));
    // The word elsewhere in the sentence changes nothing.
    let t = "Asked about the nickname, Tom Hale said, “It stuck.”";
    assert_eq!(quotes(t), v(&["“It stuck.”"]));
}

#[test]
fn what_a_group_called_in_the_past_is_their_words() {
    let t = "The fees were part of what several councillors called “a quiet robbery” last year.";
    assert_eq!(speakers_of_quotes(t), v(&["several councillors"]));
    // In the present it is a name in use.
    let t = "They met at what locals call “the old bank” on Tuesday.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
}

#[test]
fn more_words_for_works_clips_columns_and_biographies() {
    for t in [
        "Ana Ruiz sings in a preview clip of “The Long Quay.” It airs on Friday.",
        "Tom Hale, author of the biography “Salt and Iron,” spoke at the library.",
        "The paper runs her weekly column, “Notes From the Quay,” on the back page.",
    ] {
        assert!(quotes(t).is_empty(), "{t}: {:?}", quotes(t));
    }
    // A sentence quoted after the word is still a quote.
    let t = "In her column she wrote: “the quay will be rebuilt by spring.”";
    assert_eq!(quotes(t), v(&["“the quay will be rebuilt by spring.”"]));
}
