//! Scores the rule-based suggestions against the hand-annotated gold set.
//!
//! ```text
//! cargo run -p annotator-core --release --example evaluate [gold_dir...] [--verbose] [--errors] [--no-timing]
//! ```
//!
//! Reads every `*.json` (article-annotator v1) in each `gold_dir` given (default: `gold/` and
//! `gold/heldout/` at the repository root), runs `suggest` on its text and prints, per target
//! (quote, speaker, date, attribution), TP, FP, FN, precision, recall and F1, micro-averaged
//! over the files of each folder and over all of them; whether the aims are met (on all files);
//! and how long `suggest` takes on 100,000 words. `--verbose` adds a line per file and target,
//! `--errors` lists every missed and spurious span. The exit code is 0 whatever the figures: it
//! is a report, not a test (a file that cannot be read is reported and skipped).

use annotator_core::formats::v1;
use annotator_core::suggest::{differences, score, suggest, Counts, Scores, Target};
use annotator_core::{Document, Text};
use std::path::PathBuf;
use std::time::Instant;

/// The F1 each target should reach.
const AIMS: [(&str, f64); 4] = [
    ("quote", 0.95),
    ("speaker", 0.80),
    ("date", 0.90),
    ("attribution", 0.80),
];

fn line(name: &str, c: Counts) -> String {
    format!(
        "{name:<12} {:>4} {:>4} {:>4}  {:>9.3} {:>6.3} {:>6.3}",
        c.tp,
        c.fp,
        c.fn_,
        c.precision(),
        c.recall(),
        c.f1()
    )
}

fn header(first: &str) -> String {
    format!(
        "{first:<12} {:>4} {:>4} {:>4}  {:>9} {:>6} {:>6}",
        "TP", "FP", "FN", "precision", "recall", "F1"
    )
}

/// One set's results: its name, file count and scores.
struct Set {
    name: String,
    files: usize,
    scores: Scores,
}

fn table(title: &str, files: usize, s: &Scores) {
    println!("{title} ({files} files)");
    println!("{}", header("target"));
    for (target, c) in s.rows() {
        println!("{}", line(target, c));
    }
    println!();
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose" || a == "-v");
    let errors = args.iter().any(|a| a == "--errors");
    let timing = !args.iter().any(|a| a == "--no-timing");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../gold");
    let mut dirs: Vec<(PathBuf, String)> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .map(|a| (PathBuf::from(a), a.clone()))
        .collect();
    if dirs.is_empty() {
        dirs = vec![
            (root.clone(), "gold/ (development set)".to_owned()),
            (
                root.join("heldout"),
                "gold/heldout/ (held-out set)".to_owned(),
            ),
        ];
    }
    let mut sets = Vec::new();
    let mut texts = Vec::new();
    for (dir, label) in &dirs {
        let mut paths: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(rd) => rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect(),
            Err(e) => {
                println!("cannot read {}: {e}", dir.display());
                continue;
            }
        };
        paths.sort();
        let mut set = Set {
            name: label.clone(),
            files: 0,
            scores: Scores::default(),
        };
        for path in &paths {
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let doc: Document = match std::fs::read_to_string(path)
                .map_err(|e| e.to_string())
                .and_then(|json| v1::import_json(&json).map_err(|e| e.to_string()))
            {
                Ok(doc) => doc,
                Err(e) => {
                    println!("skipped {name}: {e}");
                    continue;
                }
            };
            set.files += 1;
            let predicted = suggest(doc.text());
            let s = score(&doc, &predicted);
            set.scores.add(&s);
            if verbose {
                println!("{}", header(&name));
                for (target, c) in s.rows() {
                    println!("{}", line(target, c));
                }
                println!();
            }
            if errors {
                let text = doc.text();
                for d in differences(&doc, &predicted) {
                    let what = if d.spurious { "spurious" } else { "missed  " };
                    let quote = text.slice(d.span).replace('\n', "¶");
                    let short: String = if quote.chars().count() > 70 {
                        quote.chars().take(67).chain("...".chars()).collect()
                    } else {
                        quote
                    };
                    match (d.target, d.speaker) {
                        (Target::Attribution, Some(sp)) => println!(
                            "{name}: {what} attribution {short:?} -> {:?}",
                            text.slice(sp)
                        ),
                        _ => println!("{name}: {what} {} {short:?}", d.target.as_str()),
                    }
                }
            }
            texts.push(doc.text().as_str().to_owned());
        }
        sets.push(set);
    }
    if verbose || errors {
        println!();
    }
    println!("Suggest against the gold set: exact span match, micro-averaged over files");
    println!();
    let mut total = Scores::default();
    let mut files = 0;
    for set in &sets {
        table(&set.name, set.files, &set.scores);
        total.add(&set.scores);
        files += set.files;
    }
    if sets.len() > 1 {
        table("all", files, &total);
    }
    let mut all_met = true;
    for ((target, c), (_, aim)) in total.rows().into_iter().zip(AIMS) {
        let met = c.f1() >= aim;
        all_met &= met;
        println!(
            "aim {target:<12} F1 >= {aim:.2}: {} ({:.3})",
            if met { "met" } else { "NOT MET" },
            c.f1()
        );
    }
    println!(
        "{}",
        if all_met {
            "all aims met"
        } else {
            "some aims not met"
        }
    );
    if timing && !texts.is_empty() {
        // About 100,000 words: the gold texts, repeated.
        let mut big = String::new();
        while big.split_whitespace().count() < 100_000 {
            for t in &texts {
                big.push_str(t);
                big.push_str("\n\n");
            }
        }
        let words = big.split_whitespace().count();
        let text = Text::new(&big);
        let mut best = f64::INFINITY;
        let mut found = 0;
        for _ in 0..5 {
            let t0 = Instant::now();
            found = suggest(&text).len();
            best = best.min(t0.elapsed().as_secs_f64());
        }
        println!();
        println!(
            "timing: suggest on {words} words ({} bytes): {:.1} ms (best of 5), {found} suggestions",
            big.len(),
            best * 1000.0
        );
    }
}
