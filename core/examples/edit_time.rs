//! Times the edits a person makes (label a word, relabel, delete, undo, redo) through `update`
//! on a v1 file, as the page runs them, plus what the shell then asks of core for the screen
//! and the autosave. Figures for bench/README, never asserted.
//!
//!   cargo run -p annotator-core --release --example edit_time -- FILE.json [ROUNDS]

use annotator_core::app::{update, Event, Model};
use annotator_core::formats::v1;
use annotator_core::{History, LabelId, Utf16Offset};
use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a v1 file");
    let rounds: usize = args.next().map_or(20, |r| r.parse().expect("a number"));
    let json = std::fs::read_to_string(&path).expect("readable file");
    let t = Instant::now();
    let doc = v1::import_json(&json).expect("a v1 file");
    println!(
        "read {} annotations: {:.1} ms",
        doc.annotations().len(),
        ms(t)
    );
    let text = doc.text_arc();
    let mut model = Model::default();
    let t = Instant::now();
    update(
        &mut model,
        Event::Restore {
            id: "d1".into(),
            doc: Box::new(doc),
            history: History::default(),
            notices: vec![],
            rejected: vec![],
            predictions: vec![],
            only_if_empty: false,
            editing: true,
        },
    );
    println!("restore: {:.1} ms", ms(t));
    // Words spread over the article, as the benchmark's rounds are.
    let s = text.as_str();
    let len16 = text.index().len_utf16().0;
    let mut times: Vec<(&str, Vec<f64>)> = ["create", "relabel", "delete", "undo", "redo"]
        .iter()
        .map(|n| (*n, Vec::new()))
        .collect();
    for r in 0..rounds {
        let at = len16 * (2 * r + 1) / (2 * rounds);
        let byte = text.index().byte_from_utf16_floor(Utf16Offset(at)).0;
        let start = s[byte..].find(' ').map_or(byte, |i| byte + i + 1);
        let end = s[start..].find(' ').map_or(s.len(), |i| start + i);
        let a = text.index().utf16(annotator_core::ByteOffset(start));
        let b = text.index().utf16(annotator_core::ByteOffset(end));
        let steps = [
            Event::Label {
                label: LabelId(2),
                selection: Some((a, b)),
            },
            Event::Key {
                key: '3',
                selection: None,
            },
            Event::DeleteSelected,
            Event::Undo,
            Event::Redo,
        ];
        for (i, e) in steps.into_iter().enumerate() {
            let t = Instant::now();
            update(&mut model, e);
            times[i].1.push(ms(t));
        }
    }
    for (name, mut v) in times {
        v.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{name}: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
            v[v.len() / 2],
            v[(v.len() * 95 / 100).min(v.len() - 1)],
            v[v.len() - 1]
        );
    }
    println!("now {} annotations", model.doc.annotations().len());
}
