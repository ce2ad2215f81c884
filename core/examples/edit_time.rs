//! Times the edits a person makes (label a word, relabel, resize by a key and by a dragged
//! handle, delete, undo, redo) through `update` on a v1 file, as the page runs them, plus what
//! the shell then asks of core for the screen after each edit: `changed_spans` between the
//! document before and after it, `group_of_paragraph` for the edited paragraph, and
//! `attribution::same_speakers` (whether the speakers' names must be worked out again). Figures
//! for bench/README, never asserted.
//!
//!   cargo run -p annotator-core --release --example edit_time -- FILE.json [ROUNDS]
//!
//! A file over the per-article limit (`MAX_ANNOTATIONS` in core/src/limits.rs) can be opened,
//! but every create is refused; to measure one, raise the limit locally (never in a commit):
//!
//!   cd /work/wt-core && node -e "import('./bench/generate.mjs').then(m=>{m.writeCase(1000000,100000,'/tmp/big')})"
//!   # core/src/limits.rs: MAX_ANNOTATIONS = 10_000 -> 200_000
//!   nice cargo run -q -p annotator-core --release --example edit_time -- /tmp/big/article-1000000w-100000a.json 20

use annotator_core::app::{update, Edge, Event, Model};
use annotator_core::attribution;
use annotator_core::formats::v1;
use annotator_core::view::{changed_spans, group_of_paragraph};
use annotator_core::{History, LabelId, Utf16Offset};
use std::rc::Rc;
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
    let paragraphs = text.paragraphs();
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
    // One untimed edit and its undo first: natively, the first large allocation after reading
    // the file makes glibc consolidate the many small blocks the reading freed (a few ms, once;
    // seen in perf as malloc_consolidate), which is the allocator settling, not the edit.
    let t = Instant::now();
    let last = *paragraphs.last().expect("a paragraph");
    update(
        &mut model,
        Event::Label {
            label: LabelId(0),
            selection: Some((text.index().utf16(last.start), text.index().utf16(last.end))),
        },
    );
    update(&mut model, Event::Undo);
    println!("warm-up edit and undo: {:.1} ms", ms(t));
    // Words spread over the article, as the benchmark's rounds are.
    let s = text.as_str();
    let len16 = text.index().len_utf16().0;
    let names = [
        "create", "relabel", "nudge", "resize", "delete", "undo", "redo",
    ];
    let mut times: Vec<(String, Vec<f64>)> =
        names.iter().map(|n| (n.to_string(), vec![])).collect();
    let mut spans_times = vec![];
    let mut group_times = vec![];
    let mut speakers_times = vec![];
    for r in 0..rounds {
        let at = len16 * (2 * r + 1) / (2 * rounds);
        let byte = text.index().byte_from_utf16_floor(Utf16Offset(at)).0;
        let mut start = s[byte..].find(' ').map_or(byte, |i| byte + i + 1);
        let mut end = s[start..].find(' ').map_or(s.len(), |i| start + i);
        // A word with no annotation on it or the next word (which the nudge takes in), so that
        // no edit is refused as a duplicate.
        let next_end = |e: usize| {
            s[(e + 1).min(s.len())..]
                .find(' ')
                .map_or(s.len(), |i| e + 1 + i)
        };
        while model
            .doc
            .annotations()
            .iter()
            .any(|x| x.span.start.0 < next_end(end) && start < x.span.end.0)
            && end < s.len()
        {
            start = end + 1;
            end = next_end(end);
        }
        let a = text.index().utf16(annotator_core::ByteOffset(start));
        let b = text.index().utf16(annotator_core::ByteOffset(end));
        let paragraph = paragraphs[paragraphs
            .partition_point(|p| p.end.0 <= start)
            .min(paragraphs.len() - 1)];
        let steps = [
            Event::Label {
                label: LabelId(2),
                selection: Some((a, b)),
            },
            Event::Key {
                key: '4',
                selection: None,
            },
            Event::Nudge {
                edge: Edge::End,
                forward: true,
            },
            // Dragged back to where it was (the id is the selected one's, read below).
            Event::ResizeTo {
                id: annotator_core::AnnotationId("".into()),
                edge: Edge::End,
                at: b,
            },
            Event::DeleteSelected,
            Event::Undo,
            Event::Redo,
        ];
        for (i, mut e) in steps.into_iter().enumerate() {
            if let Event::ResizeTo { id, .. } = &mut e {
                *id = model
                    .selected
                    .clone()
                    .expect("the new annotation is selected");
            }
            let old = Rc::clone(&model.doc);
            let t = Instant::now();
            update(&mut model, e);
            times[i].1.push(ms(t));
            let t = Instant::now();
            let changed = changed_spans(old.annotations(), model.doc.annotations(), 64);
            spans_times.push(ms(t));
            let unchanged = changed.is_some_and(|c| c.is_empty());
            if r == 0 || unchanged {
                let said = model.message.as_ref().map_or("", |m| m.text.as_str());
                let note = if unchanged { " (changed nothing)" } else { "" };
                println!(
                    "  round {r} {}: {said}{note} ({:.3} ms)",
                    names[i], times[i].1[r]
                );
            }
            let t = Instant::now();
            let group = group_of_paragraph(paragraph, model.doc.annotations());
            group_times.push(ms(t));
            std::hint::black_box(group);
            let t = Instant::now();
            let same = attribution::same_speakers(&old, &model.doc);
            speakers_times.push(ms(t));
            std::hint::black_box(same);
        }
    }
    times.push(("changed_spans".into(), spans_times));
    times.push(("group_of_paragraph".into(), group_times));
    times.push(("same_speakers".into(), speakers_times));
    for (name, mut v) in times {
        v.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{name}: p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms",
            v[v.len() / 2],
            v[(v.len() * 95 / 100).min(v.len() - 1)],
            v[v.len() - 1]
        );
    }
    println!("now {} annotations", model.doc.annotations().len());
}
