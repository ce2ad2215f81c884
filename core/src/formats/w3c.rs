//! The W3C Web Annotation Data Model (JSON-LD): one `AnnotationCollection` per document.
//!
//! Each annotation is a `tagging` annotation whose body is its label name (and, when it has a
//! note, a second, `commenting` body) and whose target is the document, selected twice: by a
//! `TextQuoteSelector` (the exact text with up to [`CONTEXT`] code points either side) and by a
//! `TextPositionSelector` (code points). A relation is a `linking` annotation whose target is its
//! `from` annotation and whose body is its `to` annotation plus a `tagging` body naming its type.
//! Identifiers are URNs, never network addresses.

use crate::document::{Annotation, AnnotationId, Document, Relation};
use crate::formats::import::{assemble, span_in, LabelSet, Log, Unit};
use crate::offset::Span;
use crate::slug::slug;
use crate::text::Text;
use serde_json::{json, Value};

/// The JSON-LD context of the Web Annotation vocabulary.
pub const CONTEXT_IRI: &str = "http://www.w3.org/ns/anno.jsonld";
/// The most code points, and the most UTF-16 units, a `TextQuoteSelector` keeps as `prefix`
/// and as `suffix` (Hypothesis's matcher refuses a longer pattern: "Pattern too long").
pub const CONTEXT: usize = 32;

/// The first characters of `chars` that fit in [`CONTEXT`] code points and [`CONTEXT`] UTF-16
/// units, whichever is shorter.
fn context(chars: impl Iterator<Item = char>) -> Vec<char> {
    let mut units = 0;
    chars
        .take(CONTEXT)
        .take_while(|c| {
            units += c.len_utf16();
            units <= CONTEXT
        })
        .collect()
}

/// Percent-encodes everything but ASCII letters, digits and `-._~`, so an id is a valid URN part.
fn urn_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The URN of the document: `urn:article-annotator:<id>` with its library id, which no other
/// article shares; without one (a document never stored), `urn:article-annotator:<slug>`.
pub fn document_urn(doc: &Document, id: Option<&str>) -> String {
    let part = match id {
        Some(id) => urn_part(id),
        None => {
            urn_part(&slug(doc.title(), doc.text().as_str()).unwrap_or_else(|| "article".into()))
        }
    };
    format!("urn:article-annotator:{part}")
}

/// The document's annotations as a W3C `AnnotationCollection`, pretty-printed JSON-LD ending in
/// a newline; `id` is its library id (see [`document_urn`]). Positions count Unicode code
/// points (see `docs/formats.md`).
pub fn export(doc: &Document, id: Option<&str>) -> String {
    let mut s =
        serde_json::to_string_pretty(&to_value(doc, id)).expect("a JSON value always serialises");
    s.push('\n');
    s
}

/// The collection as a JSON value.
pub fn to_value(doc: &Document, id: Option<&str>) -> Value {
    let source = document_urn(doc, id);
    let text = doc.text();
    let s = text.as_str();
    let items: Vec<Value> = doc
        .annotations()
        .iter()
        .map(|a| {
            let (start, end) = text.chars_of(a.span);
            let mut prefix: Vec<char> = context(s[..a.span.start.0].chars().rev());
            prefix.reverse();
            let suffix: String = context(s[a.span.end.0..].chars()).into_iter().collect();
            let label = doc.label(a.label).map_or("", |l| l.name.as_str());
            let mut body = vec![json!({
                "type": "TextualBody",
                "purpose": "tagging",
                "value": label,
            })];
            if let Some(note) = &a.note {
                body.push(json!({
                    "type": "TextualBody",
                    "purpose": "commenting",
                    "value": note,
                    "format": "text/plain",
                }));
            }
            json!({
                "id": format!("{source}:{}", urn_part(a.id.as_str())),
                "type": "Annotation",
                "motivation": "tagging",
                "body": body,
                "target": {
                    "source": source,
                    "selector": [
                        {
                            "type": "TextQuoteSelector",
                            "exact": text.slice(a.span),
                            "prefix": prefix.into_iter().collect::<String>(),
                            "suffix": suffix,
                        },
                        {
                            "type": "TextPositionSelector",
                            "start": start.0,
                            "end": end.0,
                        }
                    ]
                }
            })
        })
        .collect();
    let links = doc.relations().iter().map(|r| {
        json!({
            "id": format!("{source}:relation:{}", urn_part(&r.id)),
            "type": "Annotation",
            "motivation": "linking",
            "body": [
                { "id": format!("{source}:{}", urn_part(r.to.as_str())) },
                { "type": "TextualBody", "purpose": "tagging", "value": r.kind },
            ],
            "target": format!("{source}:{}", urn_part(r.from.as_str())),
        })
    });
    let items: Vec<Value> = items.into_iter().chain(links).collect();
    let mut collection = json!({
        "@context": CONTEXT_IRI,
        "id": format!("{source}#annotations"),
        "type": "AnnotationCollection",
        "total": items.len(),
        "first": {
            "id": format!("{source}#annotations-page-1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        }
    });
    if let Some(title) = doc.title() {
        collection["label"] = Value::String(title.to_owned());
    }
    collection
}

/// True for a W3C annotation, collection or page: its `type`, or the Web Annotation context.
pub fn looks_like_w3c(v: &Value) -> bool {
    const TYPES: [&str; 3] = ["Annotation", "AnnotationCollection", "AnnotationPage"];
    let typed = |t: &Value| t.as_str().is_some_and(|t| TYPES.contains(&t));
    let by_type = match v.get("type") {
        Some(Value::Array(ts)) => ts.iter().any(typed),
        Some(t) => typed(t),
        None => false,
    };
    let by_context = v
        .get("@context")
        .is_some_and(|c| c.to_string().contains("w3.org/ns/anno"));
    by_type || by_context
}

/// The items of a JSON-LD document: one annotation, a list, a page, or a collection whose
/// `first` page (and the pages `next` from it, when embedded) hold them.
fn annotations_of(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(items) => items.iter().flat_map(annotations_of).collect(),
        _ if v.get("items").is_some() => v["items"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(
                v.get("next")
                    .filter(|n| n.is_object())
                    .map(|n| &n["items"])
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten(),
            )
            .collect(),
        _ if v.get("first").is_some_and(Value::is_object) => annotations_of(&v["first"]),
        _ => vec![v],
    }
}

/// A value that may be one item or a list, as a list.
fn list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(x) => vec![x],
        None => Vec::new(),
    }
}

/// The last part of an id (`urn:…:a7` → `a7`, `http://…/anno/3` → `3`), percent-decoded.
fn local_id(id: &str) -> String {
    let last = id.rsplit([':', '/', '#']).next().unwrap_or(id);
    let bytes = last.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = || u8::from_str_radix(last.get(i + 1..i + 3)?, 16).ok();
        match (bytes[i], hex()) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| last.to_owned())
}

/// How many characters at the end of `a` and the start of `b`... — the length of the common
/// run where `before` ends like `prefix` ends, and `after` starts like `suffix` starts.
fn context_score(before: &str, prefix: &str, after: &str, suffix: &str) -> usize {
    let p = before
        .chars()
        .rev()
        .zip(prefix.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let s = after
        .chars()
        .zip(suffix.chars())
        .take_while(|(a, b)| a == b)
        .count();
    p + s
}

/// Where a `TextQuoteSelector` points: the occurrence of `exact` whose surroundings match
/// `prefix` and `suffix` best, on grapheme boundaries; a tie goes to the one nearest `hint` (a
/// code-point start), and without a hint a tie is no answer. `Err` says why.
fn find_quote(
    text: &Text,
    exact: &str,
    prefix: &str,
    suffix: &str,
    hint: Option<usize>,
) -> Result<Span, String> {
    if exact.is_empty() {
        return Err("its quote is empty".to_owned());
    }
    let s = text.as_str();
    let mut best: Vec<(usize, Span)> = Vec::new();
    for (b, _) in s.match_indices(exact) {
        let sp = Span::new(b, b + exact.len());
        if !text.is_grapheme_boundary(sp.start) || !text.is_grapheme_boundary(sp.end) {
            continue;
        }
        let score = context_score(&s[..b], prefix, &s[sp.end.0..], suffix);
        match best.first() {
            Some((top, _)) if score < *top => {}
            Some((top, _)) if score == *top => best.push((score, sp)),
            _ => best = vec![(score, sp)],
        }
    }
    match (best.len(), hint) {
        (0, _) => Err(format!("the quote \"{exact}\" is not in the text")),
        (1, _) => Ok(best[0].1),
        (_, Some(h)) => {
            let dist = |sp: &Span| text.chars_of(*sp).0 .0.abs_diff(h);
            Ok(best
                .iter()
                .map(|x| x.1)
                .min_by_key(dist)
                .expect("two or more"))
        }
        (n, None) => Err(format!(
            "the quote \"{exact}\" occurs {n} times and its prefix and suffix do not tell which"
        )),
    }
}

/// Reads W3C Web Annotation JSON-LD onto `raw` (the text it targets). Each annotation with a
/// text selector becomes an annotation: its label the `tagging` body (else its motivation),
/// its note the other textual bodies. A `TextPositionSelector` is used when its span holds the
/// `TextQuoteSelector`'s `exact` (or when there is no quote), counted in code points or, if
/// only that fits, UTF-16 units; else the quote is found by `exact` with `prefix`/`suffix`.
/// An annotation that cannot be anchored is listed, never guessed. `linking` annotations
/// between two read annotations become relations.
pub fn read(json: &str, raw: &str, log: &mut Log) -> Result<Document, String> {
    let v: Value = serde_json::from_str(json).map_err(|e| format!("not valid JSON: {e}"))?;
    let text = Text::new(raw);
    let items = annotations_of(&v);
    let mut set = LabelSet::default();
    let mut annotations: Vec<Annotation> = Vec::new();
    let mut by_iri: std::collections::HashMap<String, AnnotationId> = Default::default();
    let mut links = Vec::new();
    let (mut moved, mut utf16) = (0usize, 0usize);
    for (n, item) in items.iter().enumerate() {
        let n = n + 1;
        let iri = item.get("id").and_then(Value::as_str).map(str::to_owned);
        let name = iri.as_deref().map_or_else(
            || format!("annotation {n}"),
            |i| format!("annotation {n} ({i})"),
        );
        let bodies = list(item.get("body"));
        let texts: Vec<&Value> = bodies
            .iter()
            .copied()
            .filter(|b| b.get("value").and_then(Value::as_str).is_some())
            .collect();
        let purpose = |b: &Value| {
            b.get("purpose")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        let motivation = item
            .get("motivation")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if motivation == "linking" {
            let to = bodies
                .iter()
                .find_map(|b| b.get("id").and_then(Value::as_str).or(b.as_str()));
            let from = list(item.get("target"))
                .into_iter()
                .find_map(|t| t.as_str().or_else(|| t.get("id").and_then(Value::as_str)));
            let kind = texts
                .iter()
                .find(|b| purpose(b) == "tagging")
                .and_then(|b| b["value"].as_str())
                .unwrap_or("linked");
            match (from, to) {
                (Some(f), Some(t)) => {
                    links.push((n, iri.clone(), f.to_owned(), t.to_owned(), kind.to_owned()))
                }
                _ => log.skip(
                    Some(n),
                    format!("{name}: a link needs a target and a body that name annotations"),
                ),
            }
            continue;
        }
        let label = texts
            .iter()
            .find(|b| purpose(b) == "tagging" || purpose(b) == "classifying")
            .and_then(|b| b["value"].as_str())
            .or_else(|| {
                item.get("tags")
                    .and_then(|t| t.get(0))
                    .and_then(Value::as_str)
            })
            .unwrap_or(if motivation.is_empty() {
                "annotation"
            } else {
                motivation
            })
            .to_owned();
        let mut notes: Vec<&str> = texts
            .iter()
            .filter(|b| !matches!(purpose(b).as_str(), "tagging" | "classifying"))
            .filter_map(|b| b["value"].as_str())
            .collect();
        notes.extend(item.get("bodyValue").and_then(Value::as_str));
        // The selectors, from every target.
        let selectors: Vec<&Value> = list(item.get("target"))
            .into_iter()
            .flat_map(|t| list(t.get("selector")))
            .collect();
        let of_type = |ty: &str| {
            selectors
                .iter()
                .find(|s| s.get("type").and_then(Value::as_str) == Some(ty))
                .copied()
        };
        let pos = of_type("TextPositionSelector").and_then(|p| {
            Some((
                p.get("start")?.as_u64()? as usize,
                p.get("end")?.as_u64()? as usize,
            ))
        });
        let quote = of_type("TextQuoteSelector").and_then(|q| {
            let f = |k: &str| q.get(k).and_then(Value::as_str).unwrap_or_default();
            q.get("exact")
                .and_then(Value::as_str)
                .map(|e| (e, f("prefix"), f("suffix")))
        });
        if pos.is_none() && quote.is_none() {
            log.skip(
                Some(n),
                format!("{name}: no TextPositionSelector or TextQuoteSelector to anchor it"),
            );
            continue;
        }
        let at = |unit: Unit| {
            let (s, e) = pos?;
            let sp = span_in(&text, unit, s, e).filter(|sp| !sp.is_empty())?;
            quote
                .is_none_or(|(exact, _, _)| text.slice(sp) == exact)
                .then_some(sp)
        };
        let span = match (at(Unit::CodePoints), at(Unit::Utf16)) {
            (Some(sp), _) => sp,
            (None, Some(sp)) if quote.is_some() => {
                utf16 += 1;
                sp
            }
            _ => match quote {
                Some((exact, prefix, suffix)) => {
                    match find_quote(&text, exact, prefix, suffix, pos.map(|p| p.0)) {
                        Ok(sp) => {
                            if pos.is_some() {
                                moved += 1;
                            }
                            sp
                        }
                        Err(why) => {
                            log.skip(Some(n), format!("{name} cannot be anchored: {why}"));
                            continue;
                        }
                    }
                }
                None => {
                    let (s, e) = pos.unwrap_or_default();
                    log.skip(
                        Some(n),
                        format!(
                            "{name} cannot be anchored: {}",
                            crate::formats::import::why_not_span(&text, Unit::CodePoints, s, e)
                        ),
                    );
                    continue;
                }
            },
        };
        let mut id = iri.as_deref().map_or_else(|| format!("w{n}"), local_id);
        if id.is_empty() || annotations.iter().any(|a| a.id.as_str() == id) {
            id = format!("w{n}");
        }
        let aid = AnnotationId(id.into());
        if let Some(i) = iri {
            by_iri.insert(i, aid.clone());
        }
        annotations.push(Annotation {
            id: aid,
            label: set.get(&label),
            span,
            note: (!notes.is_empty()).then(|| notes.join("\n")),
            kind: None,
            cue: None,
        });
    }
    if utf16 > 0 {
        log.notice(None, format!("{utf16} TextPositionSelectors count UTF-16 units (as JavaScript does), not code points; converted"));
    }
    if moved > 0 {
        log.notice(None, format!("{moved} annotations were re-anchored by their TextQuoteSelector: their positions did not hold their quote"));
    }
    let mut relations = Vec::new();
    for (n, iri, from, to, kind) in links {
        match (by_iri.get(&from), by_iri.get(&to)) {
            (Some(f), Some(t)) => {
                let mut id = iri.as_deref().map_or_else(|| format!("r{n}"), local_id);
                if relations.iter().any(|r: &Relation| r.id == id) {
                    id = format!("r{n}");
                }
                relations.push(Relation::new(id, kind, f.as_str(), t.as_str()));
            }
            _ => log.skip(
                Some(n),
                format!("link {n} ({kind}): it names an annotation that was not read"),
            ),
        }
    }
    let title = v.get("label").and_then(Value::as_str).map(str::to_owned);
    Ok(assemble(
        text,
        title,
        set.into_labels(),
        annotations,
        relations,
    ))
}
