//! Scores the rule-based suggestions against the hand-annotated gold set.
//!
//! ```text
//! cargo run -p annotator-core --release --example evaluate [gold_dir...] [--verbose] [--errors] [--explain] [--no-timing]
//! ```
//!
//! Reads every `*.json` (article-annotator v1) and every brat pair (`NAME.ann` beside
//! `NAME.txt`, PolNeAR's Source/Cue/Content attributions, see `read_brat`) in each `gold_dir`
//! given (default: `gold/` and `gold/heldout/` at the repository root), runs `suggest` on its text and prints, per target
//! (quote, speaker, date, attribution), TP, FP, FN, precision, recall and F1, micro-averaged
//! over the files of each folder and over all of them; whether the aims are met (on all files);
//! attribution by person as well (`attr/entity`: right when the speaker is any mention of the
//! gold speaker's entity, by the gold's `same_as` links; `attr/grouped`: the gold's mentions
//! also grouped by `suggest::group`, for gold files without links of their own); how well
//! `suggest::group` puts the gold's speaker mentions into its people (`same-person`, pairs of
//! mentions, for folders whose gold has `same_as` links); and how long
//! `suggest` takes on 100,000 words. `--verbose` adds a line per file and target,
//! `--errors` lists every missed and spurious span, `--explain` every wrong attribution and
//! spurious quote with its context. The exit code is 0 whatever the figures: it
//! is a report, not a test (a file that cannot be read is reported and skipped).

use annotator_core::attribution::ATTRIBUTED_TO;
use annotator_core::formats::v1;
use annotator_core::offset::Span;
use annotator_core::suggest::group::{entity_attribution, grouping_pairs};
use annotator_core::suggest::{
    attributions, differences, score, suggest, Counts, Scores, SuggestKind, Suggestion, Target,
};
use annotator_core::{Document, Text};
use std::collections::HashMap;
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
    /// Attribution by person: the gold's `same_as` links, then with its mentions grouped too.
    by_entity: [Counts; 2],
    /// `suggest::group` against the gold's `same_as` links, by pairs of speaker mentions, and
    /// how many files had links (none: the set is not annotated for people, no row printed).
    grouping: Counts,
    linked_files: usize,
}

fn table(
    title: &str,
    files: usize,
    s: &Scores,
    by_entity: &[Counts; 2],
    grouping: (Counts, usize),
) {
    println!("{title} ({files} files)");
    println!("{}", header("target"));
    for (target, c) in s.rows() {
        println!("{}", line(target, c));
    }
    println!("{}", line("attr/entity", by_entity[0]));
    println!("{}", line("attr/grouped", by_entity[1]));
    if grouping.1 > 0 {
        println!("{}", line("same-person", grouping.0));
    }
    println!();
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose" || a == "-v");
    let errors = args.iter().any(|a| a == "--errors");
    let timing = !args.iter().any(|a| a == "--no-timing");
    let explain = args.iter().any(|a| a == "--explain");
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
                .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "ann"))
                .collect(),
            Err(e) => {
                println!("cannot read {}: {e}", dir.display());
                continue;
            }
        };
        paths.sort();
        let mut skipped_lines = 0;
        let mut set = Set {
            name: label.clone(),
            files: 0,
            scores: Scores::default(),
            by_entity: [Counts::default(); 2],
            grouping: Counts::default(),
            linked_files: 0,
        };
        for path in &paths {
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let read = if path.extension().is_some_and(|x| x == "ann") {
                read_brat(path, &mut skipped_lines)
            } else {
                std::fs::read_to_string(path)
                    .map_err(|e| e.to_string())
                    .and_then(|json| v1::import_json(&json).map_err(|e| e.to_string()))
            };
            let doc: Document = match read {
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
            for (k, group_gold) in [false, true].into_iter().enumerate() {
                set.by_entity[k].add(entity_attribution(&doc, &predicted, group_gold));
            }
            let (c, linked) = grouping_pairs(&doc);
            set.grouping.add(c);
            set.linked_files += usize::from(linked);
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
            if explain {
                explain_file(&name, &doc, &predicted);
            }
            texts.push(doc.text().as_str().to_owned());
        }
        if skipped_lines > 0 {
            println!(
                "{label}: {skipped_lines} malformed brat lines skipped by formats::brat::read"
            );
        }
        sets.push(set);
    }
    if verbose || errors || explain {
        println!();
    }
    println!("Suggest against the gold set: exact span match, micro-averaged over files");
    println!();
    println!("(attr/entity: a quote's speaker may be any mention of the right person, by the");
    println!(
        "gold's same_as links; attr/grouped: the gold's mentions also grouped by suggest::group;"
    );
    println!("same-person: pairs of gold speaker mentions suggest::group puts together, against");
    println!("the gold's same_as links, for folders annotated with them)");
    println!();
    let mut total = Scores::default();
    let mut total_entity = [Counts::default(); 2];
    let mut total_grouping = (Counts::default(), 0);
    let mut files = 0;
    for set in &sets {
        table(
            &set.name,
            set.files,
            &set.scores,
            &set.by_entity,
            (set.grouping, set.linked_files),
        );
        total_grouping.0.add(set.grouping);
        total_grouping.1 += set.linked_files;
        total.add(&set.scores);
        for (t, c) in total_entity.iter_mut().zip(set.by_entity) {
            t.add(c);
        }
        files += set.files;
    }
    if sets.len() > 1 {
        table("all", files, &total, &total_entity, total_grouping);
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

/// `text` on one line, cut to `max` characters (keeping both ends).
fn short(text: &str, max: usize) -> String {
    let one = text.replace('\n', "¶");
    let n = one.chars().count();
    if n <= max {
        return one;
    }
    let head: String = one.chars().take(max / 2).collect();
    let tail: String = one.chars().skip(n - max / 2).collect();
    format!("{head}…{tail}")
}

/// The text around `span`, `n` bytes either side (snapped to characters), with the span marked.
fn context(text: &str, span: Span, n: usize) -> String {
    let (start, end) = (span.start.0, span.end.0);
    let mut a = start.saturating_sub(n);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (end + n).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!(
        "{}[[{}]]{}",
        short(&text[a..start], 2 * n),
        short(&text[start..end], 90),
        short(&text[end..b], 2 * n)
    )
}

/// `--explain`: every gold quote whose attribution the suggestions get wrong, and every
/// suggested quote not in the gold, each with its context and a one-word verdict.
fn explain_file(name: &str, doc: &Document, predicted: &[Suggestion]) {
    let text = doc.text().as_str();
    let span_of: HashMap<_, _> = doc.annotations().iter().map(|a| (&a.id, a)).collect();
    let label = |a: &annotator_core::Annotation| {
        doc.label(a.label)
            .map(|l| l.name.to_lowercase())
            .unwrap_or_default()
    };
    let gold: HashMap<Span, Span> = doc
        .relations()
        .iter()
        .filter(|r| r.kind == ATTRIBUTED_TO)
        .filter_map(|r| Some((span_of.get(&r.from)?.span, span_of.get(&r.to)?.span)))
        .collect();
    let pred: HashMap<Span, Span> = attributions(predicted).into_iter().collect();
    let pred_quotes: Vec<Span> = predicted
        .iter()
        .filter(|s| s.kind == SuggestKind::Quote)
        .map(|s| s.span)
        .collect();
    for a in doc.annotations().iter().filter(|a| label(a) == "quote") {
        let g = gold.get(&a.span);
        let verdict = if !pred_quotes.contains(&a.span) {
            "QUOTE-MISSED".to_owned()
        } else {
            match (pred.get(&a.span), g) {
                (Some(p), Some(g)) if p == g => continue,
                (None, Some(g)) => format!("NO-SPEAKER gold={:?}", &text[g.range()]),
                (Some(p), Some(g)) => format!(
                    "WRONG-SPEAKER pred={:?} gold={:?}",
                    &text[p.range()],
                    &text[g.range()]
                ),
                (Some(p), None) => format!("SPEAKER-NOT-IN-GOLD pred={:?}", &text[p.range()]),
                (None, None) => continue,
            }
        };
        println!("{name}: {verdict}\n    {}", context(text, a.span, 120));
    }
    let gold_quotes: Vec<Span> = doc
        .annotations()
        .iter()
        .filter(|a| label(a) == "quote")
        .map(|a| a.span)
        .collect();
    for q in pred_quotes.iter().filter(|q| !gold_quotes.contains(q)) {
        let sp = pred.get(q).map_or("-", |p| &text[p.range()]);
        println!(
            "{name}: QUOTE-SPURIOUS pred={sp:?}\n    {}",
            context(text, *q, 120)
        );
    }
}

/// A PolNeAR brat pair (`NAME.ann` beside `NAME.txt`) as a gold document, read with the
/// project's brat importer (`formats::brat::read`: lenient, malformed lines skipped and
/// counted in `skipped`): every quotation-marked segment at least half inside an
/// attribution's Content is a quote, attributed to that attribution's Source as PolNeAR
/// marked it (not cut to our conventions, so speakers match less often than on the converted
/// v1 files).
pub fn read_brat(ann_path: &std::path::Path, skipped: &mut usize) -> Result<Document, String> {
    use annotator_core::formats::brat;
    use annotator_core::formats::import::Severity;
    use annotator_core::{Action, LabelId};
    let ann = std::fs::read_to_string(ann_path).map_err(|e| e.to_string())?;
    let raw = std::fs::read_to_string(ann_path.with_extension("txt")).map_err(|e| e.to_string())?;
    let (read, log) = brat::read(&raw, &ann, Vec::new()).map_err(|e| e.to_string())?;
    *skipped += log
        .found
        .iter()
        .filter(|(_, sev, _)| *sev == Severity::Skipped)
        .count();
    let kind = |a: &annotator_core::Annotation| {
        read.label(a.label)
            .map(|l| l.name.to_lowercase())
            .unwrap_or_default()
    };
    let span_of: HashMap<_, _> = read
        .annotations()
        .iter()
        .map(|a| (&a.id, (kind(a), a.span)))
        .collect();
    // A discontinuous Content is one annotation per part, the later parts `fragment_of` the
    // first: every Content as the list of its parts.
    let mut parts: HashMap<&annotator_core::AnnotationId, Vec<Span>> = read
        .annotations()
        .iter()
        .filter(|a| kind(a) == "content")
        .map(|a| (&a.id, vec![a.span]))
        .collect();
    for r in read.relations().iter().filter(|r| r.kind == "fragment_of") {
        if let (Some((_, part)), Some(list)) = (span_of.get(&r.from), parts.get_mut(&r.to)) {
            list.push(*part);
        }
    }
    // (Content parts, Source) pairs; a Content without a Source still holds quotes.
    let mut events: Vec<(Vec<Span>, Option<Span>)> = Vec::new();
    let mut sourced = std::collections::HashSet::new();
    for r in read.relations().iter().filter(|r| r.kind == ATTRIBUTED_TO) {
        let (Some(list), Some(("source", s))) = (
            parts.get(&r.from),
            span_of.get(&r.to).map(|(k, s)| (k.as_str(), *s)),
        ) else {
            continue;
        };
        sourced.insert(&r.from);
        events.push((list.clone(), Some(s)));
    }
    let mut unsourced: Vec<_> = parts
        .iter()
        .filter(|(id, _)| !sourced.contains(*id))
        .collect();
    unsourced.sort_by_key(|(_, list)| list[0]);
    events.extend(unsourced.into_iter().map(|(_, list)| (list.clone(), None)));
    let mut doc = Document::new(Text::new(&raw), None);
    let (quote, speaker) = (LabelId(0), LabelId(1));
    let mut created: HashMap<(LabelId, Span), annotator_core::AnnotationId> = HashMap::new();
    let mut mark = |doc: &mut Document, label: LabelId, span: Span| {
        if let Some(id) = created.get(&(label, span)) {
            return Some(id.clone());
        }
        *doc = doc.apply(&Action::Create { label, span }).ok()?;
        let id = doc
            .annotations()
            .iter()
            .find(|a| a.span == span && a.label == label)?
            .id
            .clone();
        created.insert((label, span), id.clone());
        Some(id)
    };
    let marked = quote_segments(&raw);
    for (content, source) in events {
        for &q in &marked {
            let inside: usize = content
                .iter()
                .map(|c| {
                    q.end
                        .0
                        .min(c.end.0)
                        .saturating_sub(q.start.0.max(c.start.0))
                })
                .sum();
            if inside * 2 < q.len() {
                continue;
            }
            let Some(qid) = mark(&mut doc, quote, q) else {
                continue;
            };
            if let Some(sid) = source.and_then(|s| mark(&mut doc, speaker, s)) {
                if let Ok(next) = doc.apply(&Action::Attribute { from: qid, to: sid }) {
                    doc = next;
                }
            }
        }
    }
    Ok(doc)
}

/// Quotation-marked segments, opening mark to closing mark, independent of `suggest`'s own
/// quote finder: `“…”`, `"…"`, `''…''` (a doubled apostrophe is one mark), the mistyped
/// pairs `“…"` and `"…”`, and `‘…’` or `'…'` between non-letters (not `don’t`). A quote
/// left open at a paragraph's end goes on when the next paragraph opens with the same mark
/// (a quote continued over paragraphs is one segment); otherwise it is dropped.
fn quote_segments(text: &str) -> Vec<Span> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let mut out = Vec::new();
    // (start byte, double or single)
    let mut open: Option<(usize, bool)> = None;
    let mut k = 0;
    while k < chars.len() {
        let (b, c) = chars[k];
        let prev = k.checked_sub(1).and_then(at);
        if c == '\n' {
            // Skip blank lines; the next paragraph may continue the open quote.
            let mut j = k;
            while at(j).is_some_and(char::is_whitespace) {
                j += 1;
            }
            let continues = match (open, at(j), at(j + 1)) {
                (Some((_, true)), Some('“' | '"'), _) => Some(1),
                (Some((_, true)), Some('\''), Some('\'')) => Some(2),
                _ => None,
            };
            match continues {
                Some(w) => k = j + w,
                None => {
                    open = None;
                    k = j;
                }
            }
            continue;
        }
        let doubled = c == '\'' && at(k + 1) == Some('\'');
        let width = if doubled { 2 } else { 1 };
        let next = at(k + width);
        let letter = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
        let double = matches!(c, '“' | '”' | '"') || doubled;
        let single = !doubled && matches!(c, '‘' | '’' | '\'');
        match open {
            None if ((double && c != '”') || (single && c != '’' && !letter(prev)))
                && next.is_some_and(|n| !n.is_whitespace()) =>
            {
                open = Some((b, double));
            }
            // (`“` closes only where no word follows: `…true.“ The`)
            Some((start, true)) if double && (c != '“' || !letter(next)) => {
                let end = chars.get(k + width).map_or(text.len(), |&(e, _)| e);
                out.push(Span::new(start, end));
                open = None;
            }
            Some((start, false)) if single && c != '‘' && !letter(next) => {
                out.push(Span::new(start, b + c.len_utf8()));
                open = None;
            }
            _ => {}
        }
        k += width;
    }
    out
}
