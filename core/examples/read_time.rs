//! Times the steps of opening a file of ours, natively: decoding, the "is it ours" check, the
//! JSON parse, the reader's start, its steps and end, then the whole `FilesRead` event through
//! `update`, the speaker entities the screen computes for the article, and writing it back
//! (the file's JSON, the stored record). Figures for bench/README (medians over the rounds),
//! never asserted.
//!
//!   cargo run -p annotator-core --release --example read_time -- bench/data/article-100000w-9900a.json [ROUNDS]

use annotator_core::app::import::Picked;
use annotator_core::app::{update, Event, Model};
use annotator_core::attribution;
use annotator_core::formats::import::InputFile;
use annotator_core::formats::v1::{self, FileV1};
use std::time::Instant;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a v1 file");
    let rounds: usize = args.next().map_or(15, |r| r.parse().expect("a number"));
    let bytes = std::fs::read(&path).expect("readable file");
    let mut rows: Vec<(&str, Vec<f64>)> = Vec::new();
    let mut time = |name: &'static str, ms: f64| match rows.iter_mut().find(|r| r.0 == name) {
        Some(r) => r.1.push(ms),
        None => rows.push((name, vec![ms])),
    };
    for _ in 0..rounds {
        let t = Instant::now();
        let text = std::str::from_utf8(&bytes).expect("UTF-8");
        time("from_utf8", t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let file: FileV1 = serde_json::from_str(text).expect("a v1 file");
        time("parse (serde, FileV1)", t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let mut reader = v1::Reader::new(file, true);
        reader.step(0).expect("text and labels");
        time(
            "Reader: text and labels (first step)",
            t.elapsed().as_secs_f64() * 1e3,
        );
        let t = Instant::now();
        reader.step(usize::MAX).expect("steps");
        time("Reader::step (all)", t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let doc = reader.finish().expect("finish").doc;
        time("Reader::finish", t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let entities = attribution::entities(&doc);
        time("attribution::entities", t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let _ = attribution::speaker_names_with(&doc, &entities);
        time(
            "attribution::speaker_names_with",
            t.elapsed().as_secs_f64() * 1e3,
        );
        let t = Instant::now();
        let _ = serde_json::to_string(&v1::to_file(&doc)).expect("JSON");
        time(
            "write: JSON of to_file (a copy)",
            t.elapsed().as_secs_f64() * 1e3,
        );
        let t = Instant::now();
        let _ = serde_json::to_string(&v1::FileView(&doc)).expect("JSON");
        time("write: JSON of FileView", t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let _ = annotator_core::record::save_with(&doc, &Default::default(), &[], &[]);
        time("write: record::save_with", t.elapsed().as_secs_f64() * 1e3);
        let mut model = Model::default();
        let picked = vec![Picked::Read(InputFile::new("file.json", bytes.clone()))];
        let t = Instant::now();
        let _ = update(&mut model, Event::FilesRead(picked));
        time("update(FilesRead)", t.elapsed().as_secs_f64() * 1e3);
    }
    for (name, xs) in rows {
        println!("{name:34} {:8.2} ms", median(xs));
    }
}
