//! Sorts the suggestions' errors against v1 files into categories, to fix the most frequent
//! first.
//!
//! ```text
//! cargo run -p annotator-core --release --example errors -- DIR... [--show CATEGORY] [--limit N]
//! ```
//!
//! For every gold quote: was it found, with the right boundaries, with a speaker, the right
//! one, and if not how the proposed speaker differs (cut short, too long, a pronoun, another
//! mention); for every suggested quote not in the gold: whether it had a speaker. Prints the
//! counts per category over all files, and with `--show CATEGORY` (a prefix is enough, `all`
//! for every one) each case with its context. Nothing is written anywhere: it is a report.

use annotator_core::attribution::ATTRIBUTED_TO;
use annotator_core::formats::v1;
use annotator_core::suggest::{suggest, SuggestKind};
use annotator_core::Document;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// A byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Span {
    start: usize,
    end: usize,
}

impl From<annotator_core::Span> for Span {
    fn from(s: annotator_core::Span) -> Self {
        Span {
            start: s.start.0,
            end: s.end.0,
        }
    }
}

const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it"];

fn is_pronoun(s: &str) -> bool {
    PRONOUNS.contains(&s.to_lowercase().as_str())
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// The text around a quote, with the quote shortened and marked `[[…]]`, the speakers marked.
fn context(text: &str, q: Span, marks: &[(Span, &str)]) -> String {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let mut from = floor(q.start.saturating_sub(160));
    let mut to = floor((q.end + 120).min(text.len()));
    for (m, _) in marks {
        from = from.min(floor(m.start.saturating_sub(20)));
        to = to.max(floor((m.end + 20).min(text.len())));
    }
    // Marks as (position, text) insertions.
    let mut ins: Vec<(usize, String)> = vec![(q.start, "[[".into()), (q.end, "]]".into())];
    for (m, tag) in marks {
        ins.push((m.start, format!("<{tag}:")));
        ins.push((m.end, ">".into()));
    }
    ins.sort_by_key(|(p, s)| (*p, s.starts_with('<')));
    let mut out = String::new();
    let mut at = from;
    for (p, s) in ins {
        if p < from || p > to {
            continue;
        }
        let piece = &text[at..p];
        if at >= q.start && p <= q.end && piece.chars().count() > 90 {
            let head: String = piece.chars().take(40).collect();
            let tail: String = {
                let v: Vec<char> = piece.chars().collect();
                v[v.len() - 30..].iter().collect()
            };
            out.push_str(&format!("{head}…{tail}"));
        } else {
            out.push_str(piece);
        }
        out.push_str(&s);
        at = p;
    }
    out.push_str(&text[at..to]);
    out.replace('\n', " ¶ ")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dirs = Vec::new();
    let mut show: Option<String> = None;
    let mut limit = 40usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--show" => show = it.next().cloned(),
            "--limit" => limit = it.next().and_then(|n| n.parse().ok()).unwrap_or(limit),
            _ => dirs.push(PathBuf::from(a)),
        }
    }
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut shown: BTreeMap<&'static str, usize> = BTreeMap::new();
    for dir in &dirs {
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
        for path in &paths {
            let Ok(doc) = std::fs::read_to_string(path)
                .map_err(|e| e.to_string())
                .and_then(|j| v1::import_json(&j).map_err(|e| e.to_string()))
            else {
                continue;
            };
            let name = path.file_stem().unwrap_or_default().to_string_lossy();
            report(&doc, &name, &mut counts, &mut shown, show.as_deref(), limit);
        }
    }
    println!("\ncategory                                   count");
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (c, n) in rows {
        println!("{c:<42} {n:>5}");
    }
}

fn report(
    doc: &Document,
    name: &str,
    counts: &mut BTreeMap<&'static str, usize>,
    shown: &mut BTreeMap<&'static str, usize>,
    show: Option<&str>,
    limit: usize,
) {
    let text = doc.text().as_str();
    let mut gold_quotes: Vec<Span> = Vec::new();
    let mut role: HashMap<_, (u8, Span)> = HashMap::new();
    for a in doc.annotations() {
        let label = doc.label(a.label).map(|l| l.name.to_lowercase());
        match label.as_deref() {
            Some("quote") => {
                gold_quotes.push(a.span.into());
                role.insert(a.id.clone(), (0, a.span.into()));
            }
            Some("speaker") => {
                role.insert(a.id.clone(), (1, a.span.into()));
            }
            _ => {}
        }
    }
    let mut gold_speaker: HashMap<Span, Span> = HashMap::new();
    for r in doc.relations().iter().filter(|r| r.kind == ATTRIBUTED_TO) {
        if let (Some(&(0, q)), Some(&(1, s))) = (role.get(&r.from), role.get(&r.to)) {
            gold_speaker.insert(q, s);
        }
    }
    let predicted = suggest(doc.text());
    let mut pred: BTreeMap<Span, Option<Span>> = BTreeMap::new();
    for s in &predicted {
        if s.kind == SuggestKind::Quote {
            let sp = s
                .speaker
                .and_then(|i| predicted.get(i))
                .map(|p| p.span.into());
            pred.insert(s.span.into(), sp);
        }
    }
    let mut emit = |cat: &'static str, q: Span, marks: &[(Span, &str)]| {
        *counts.entry(cat).or_default() += 1;
        if let Some(want) = show {
            if want == "all" || cat.starts_with(want) {
                let n = shown.entry(cat).or_default();
                if *n < limit {
                    *n += 1;
                    println!("{cat} | {name} | {}", context(text, q, marks));
                }
            }
        }
    };
    gold_quotes.sort();
    for &q in &gold_quotes {
        let gs = gold_speaker.get(&q).copied();
        let words = text[q.start..q.end].split_whitespace().count();
        let Some(&ps) = pred.get(&q) else {
            let other = pred.keys().find(|p| overlaps(**p, q));
            let cat = match (other, words) {
                (Some(_), _) => "quote: boundaries differ",
                (None, 0..=3) => "quote: short fragment dropped",
                (None, _) => "quote: longer quote dropped",
            };
            let mut marks: Vec<(Span, &str)> = gs.map(|s| (s, "GOLD")).into_iter().collect();
            if let Some(o) = other {
                marks.push((*o, "PRED_Q"));
            }
            emit(cat, q, &marks);
            continue;
        };
        let Some(gs) = gs else {
            if ps.is_some() {
                emit("attr: gold has no speaker", q, &[]);
            }
            continue;
        };
        let Some(ps) = ps else {
            emit("attr: no speaker found", q, &[(gs, "GOLD")]);
            continue;
        };
        if ps == gs {
            continue;
        }
        let pt = &text[ps.start..ps.end];
        let gt = &text[gs.start..gs.end];
        let cat = if overlaps(ps, gs) {
            if ps.start >= gs.start && ps.end <= gs.end {
                "attr: speaker cut short"
            } else if gs.start >= ps.start && gs.end <= ps.end {
                "attr: speaker too long"
            } else {
                "attr: speaker overlaps"
            }
        } else if is_pronoun(pt) && !is_pronoun(gt) {
            "attr: pronoun instead of gold mention"
        } else if is_pronoun(gt) {
            "attr: other mention instead of pronoun"
        } else if ps.end <= q.start && q.start - ps.end > 300 || ps.start > q.end + 300 {
            "attr: far mention chosen"
        } else {
            "attr: other mention chosen"
        };
        emit(cat, q, &[(gs, "GOLD"), (ps, "PRED")]);
    }
    for (&q, &ps) in &pred {
        if gold_quotes.binary_search(&q).is_ok() {
            continue;
        }
        if gold_quotes.iter().any(|g| overlaps(*g, q)) {
            continue; // counted as boundaries differ
        }
        let cat = if ps.is_some() {
            "spurious quote with speaker"
        } else {
            "spurious quote without speaker"
        };
        let marks: Vec<(Span, &str)> = ps.map(|s| (s, "PRED")).into_iter().collect();
        emit(cat, q, &marks);
    }
}
