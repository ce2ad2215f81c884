//! Times Suggest on a v1 file as the page runs it: the `Suggest` event through `update` (the
//! rules timed apart: the page runs them in a worker, off its main thread), then
//! the two views a render asks for (the suggestions drawn in the article, the review panel).
//! Figures for bench/README, never asserted.
//!
//!   cargo run -p annotator-core --release --example suggest_time -- FILE.json [ROUNDS]

use annotator_core::app::{update, view, Event, Model};
use annotator_core::formats::v1;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a v1 file");
    let rounds: usize = args.next().map_or(5, |r| r.parse().expect("a number"));
    let json = std::fs::read_to_string(&path).expect("readable file");
    let doc = v1::import_json(&json).expect("a v1 file");
    let mut model = Model::default();
    update(
        &mut model,
        Event::Annotate {
            title: "t".into(),
            text: doc.text().as_str().to_owned(),
            new_id: "d1".into(),
        },
    );
    for _ in 0..rounds {
        let mut m = model.clone();
        let t0 = Instant::now();
        update(&mut m, Event::Suggest);
        let tr = Instant::now();
        let (request, text) = m.finding.clone().expect("a Suggest waiting for the rules");
        let found = annotator_rules::find(text.as_str());
        let tf = Instant::now();
        update(
            &mut m,
            Event::SuggestionsFound {
                request,
                found: Ok(found),
            },
        );
        let t1 = Instant::now();
        let drawn = view::suggestions_drawn(&m);
        let t2 = Instant::now();
        let review = view::review(&m);
        let t3 = Instant::now();
        let n = m.suggestions.as_ref().map_or(0, |l| l.len());
        println!(
            "{n} suggestions: update {:.1} ms (the rules, in the page's worker: {:.1} ms), drawn {:.1} ms ({}), review {:.1} ms ({} choices)",
            (t1 - t0 - (tf - tr)).as_secs_f64() * 1e3,
            (tf - tr).as_secs_f64() * 1e3,
            (t2 - t1).as_secs_f64() * 1e3,
            drawn.len(),
            (t3 - t2).as_secs_f64() * 1e3,
            review.choices.len()
        );
    }
}
