//! The fast reader of v1 files (`v1::parse_fast`) reads a text only as serde_json reads it:
//! whatever it accepts, serde_json reads into the same `FileV1`; what it does not, it leaves to
//! serde_json.

#![cfg(not(target_arch = "wasm32"))]

use annotator_core::formats::v1::{self, FileV1};
use proptest::prelude::*;

/// serde_json's reading, the reference.
fn serde(text: &str) -> Option<FileV1> {
    serde_json::from_str(text).ok()
}

/// A string value: mostly one read the same by both (plain, escaped every way), sometimes one
/// that is not (a raw control character, a surrogate pair or half of one, an unknown escape,
/// another type).
fn string_value(odd_in: u32) -> BoxedStrategy<String> {
    let good = prop::sample::select(vec![
        r#""plain""#,
        r#""""#,
        r#""with \"quotes\" and \\ and \/""#,
        r#""\b\f\n\r\t""#,
        r#""\u00e9\u00E9\u0041\u001f""#,
        "\"é“x”👍🏽 long enough to pass eight bytes at a time\"",
    ]);
    let odd = prop::sample::select(vec![
        r#""\ud83d\ude00 pair""#,
        r#""\ud83d lone""#,
        r#""\x bad""#,
        "\"raw\ttab\"",
        "\"escaped\\n then raw\ttab\"",
        r#""\u12""#,
        r#"1"#,
        r#"null"#,
        r#""unclosed"#,
    ]);
    mix(good, odd, odd_in)
}

/// A number value: mostly whole, sometimes one serde_json refuses for an unsigned integer, or
/// another type.
fn number_value(odd_in: u32) -> BoxedStrategy<String> {
    let good = prop::sample::select(vec!["0", "3", "12", "18446744073709551615"]);
    let odd = prop::sample::select(vec![
        "01",
        "1.0",
        "1e2",
        "2E1",
        "-1",
        "-0",
        "18446744073709551616",
        "\"3\"",
        "null",
        "[]",
    ]);
    mix(good, odd, odd_in)
}

/// `good`, or one in `odd_in` times `odd` (never when `odd_in` is 0).
fn mix(
    good: impl Strategy<Value = &'static str> + 'static,
    odd: impl Strategy<Value = &'static str> + 'static,
    odd_in: u32,
) -> BoxedStrategy<String> {
    if odd_in == 0 {
        good.prop_map(str::to_owned).boxed()
    } else {
        prop_oneof![odd_in - 1 => good, 1 => odd]
            .prop_map(str::to_owned)
            .boxed()
    }
}

fn optional_string_value(odd_in: u32) -> BoxedStrategy<String> {
    prop_oneof![string_value(odd_in), Just("null".to_owned())].boxed()
}

fn ws() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["", " ", "\n  ", "\t", "\r\n"]).prop_map(str::to_owned)
}

/// An object of some of `fields` (each a key and the values it may take), maybe one twice,
/// maybe an unknown key, in any order, with whitespace around its tokens.
fn object(
    fields: Vec<(&'static str, BoxedStrategy<String>)>,
    odd_in: u32,
) -> BoxedStrategy<String> {
    // with odd_in 0, every key once and no other; else one in odd_in keys missing, an unknown
    // key or one key twice one object in odd_in
    let (unknown, twice) = if odd_in == 0 {
        (Just(None).boxed(), Just(false).boxed())
    } else {
        let odd = 1.0 / f64::from(odd_in);
        (
            prop::option::weighted(odd, string_value(odd_in)).boxed(),
            prop::bool::weighted(odd).boxed(),
        )
    };
    let members: Vec<BoxedStrategy<Option<(String, String)>>> = fields
        .into_iter()
        .map(|(k, v)| {
            let member = v.prop_map(move |v| Some((format!("\"{k}\""), v)));
            if odd_in == 0 {
                member.boxed()
            } else {
                prop_oneof![odd_in - 1 => member, 1 => Just(None)].boxed()
            }
        })
        .collect();
    (
        members,
        unknown,
        any::<prop::sample::Index>(),
        prop::collection::vec(ws(), 8),
        twice,
    )
        .prop_map(|(members, unknown, at, spaces, twice)| {
            let mut members: Vec<(String, String)> = members.into_iter().flatten().collect();
            if let Some(v) = unknown {
                members.push(("\"x\"".to_owned(), v));
            }
            if twice && !members.is_empty() {
                let m = members[at.index(members.len())].clone();
                members.push(m);
            }
            if !members.is_empty() {
                let i = at.index(members.len());
                members.rotate_left(i);
            }
            let sp = |i: usize| spaces[i % spaces.len()].as_str();
            let inner: Vec<String> = members
                .iter()
                .enumerate()
                .map(|(i, (k, v))| {
                    format!("{}{k}{}:{}{v}{}", sp(i), sp(i + 1), sp(i + 2), sp(i + 3))
                })
                .collect();
            format!("{{{}}}", inner.join(","))
        })
        .boxed()
}

fn array(item: BoxedStrategy<String>) -> BoxedStrategy<String> {
    prop::collection::vec(item, 0..3)
        .prop_map(|items| format!("[{}]", items.join(", ")))
        .boxed()
}

fn file_text(odd_in: u32) -> impl Strategy<Value = String> {
    let cue = object(
        vec![
            ("start", number_value(odd_in).boxed()),
            ("end", number_value(odd_in).boxed()),
            ("text", string_value(odd_in).boxed()),
        ],
        odd_in,
    );
    let annotation = object(
        vec![
            ("id", string_value(odd_in).boxed()),
            ("label", string_value(odd_in).boxed()),
            ("start", number_value(odd_in).boxed()),
            ("end", number_value(odd_in).boxed()),
            ("text", string_value(odd_in).boxed()),
            ("note", optional_string_value(odd_in).boxed()),
            ("kind", optional_string_value(odd_in).boxed()),
            ("cue", prop_oneof![cue, Just("null".to_owned())].boxed()),
        ],
        odd_in,
    );
    let label = object(
        vec![
            ("name", string_value(odd_in).boxed()),
            ("color", string_value(odd_in).boxed()),
            ("key", optional_string_value(odd_in).boxed()),
        ],
        odd_in,
    );
    let relation = object(
        vec![
            ("id", string_value(odd_in).boxed()),
            ("type", string_value(odd_in).boxed()),
            ("from", string_value(odd_in).boxed()),
            ("to", string_value(odd_in).boxed()),
        ],
        odd_in,
    );
    let document = object(
        vec![
            ("title", optional_string_value(odd_in).boxed()),
            ("text", string_value(odd_in).boxed()),
        ],
        odd_in,
    );
    (
        object(vec![
            ("format", string_value(odd_in).boxed()),
            ("version", number_value(odd_in).boxed()),
            ("document", document),
            ("labels", array(label)),
            ("annotations", array(annotation)),
            ("relations", array(relation)),
        ], odd_in),
        ws(),
        if odd_in == 0 {
            Just("").boxed()
        } else {
            prop_oneof![odd_in - 1 => Just(""), 1 => prop::sample::select(vec![" x", ",", "]", "\u{a0}"])].boxed()
        },
    )
        .prop_map(|(file, space, tail)| format!("{space}{file}{space}{tail}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn what_the_fast_reader_accepts_serde_json_reads_the_same(
        text in prop::sample::select(vec![0u32, 400, 40, 4]).prop_flat_map(file_text)
    ) {
        if let Some(fast) = v1::parse_fast(&text) {
            prop_assert_eq!(Some(fast), serde(&text), "{}", text);
        }
    }
}

#[test]
fn the_fast_reader_reads_escapes_missing_options_and_whitespace() {
    let text = r#" {"version": 1, "format":"article-annotator",
        "document": {"text": "a \"b\" \u00e9\n"},
        "labels": [{"name": "Q\\", "color": "\/x"}],
        "annotations": [{"id": "a1", "label": "Q\\", "start": 0, "end": 1, "text": "a",
                         "note": null, "cue": {"start": 0, "end": 1, "text": "a"}}],
        "relations": [{"id": "r1", "type": "t", "from": "a1", "to": "a1"}] } "#;
    let fast = v1::parse_fast(text).expect("read");
    assert_eq!(Some(&fast), serde(text).as_ref());
    assert_eq!(fast.document.text, "a \"b\" é\n");
    assert_eq!(fast.document.title, None);
    assert_eq!(fast.labels[0].name, "Q\\");
    assert_eq!(fast.labels[0].key, None);
    assert_eq!(fast.annotations[0].cue.as_ref().map(|c| c.end), Some(1));
}

#[test]
fn the_fast_reader_leaves_to_serde_what_it_does_not_read_the_same() {
    let good = r#"{"format":"article-annotator","version":1,"document":{"title":null,"text":"ab"},
        "labels":[],"annotations":[],"relations":[]}"#;
    assert!(v1::parse_fast(good).is_some());
    for (from, to) in [
        ("\"version\":1", "\"version\":1.0"),
        ("\"version\":1", "\"version\":01"),
        ("\"version\":1", "\"version\":1e0"),
        ("\"text\":\"ab\"", "\"text\":\"\\ud83d\""),
        ("\"text\":\"ab\"", "\"text\":\"a\tb\""),
        ("\"relations\":[]", "\"relations\":[],\"extra\":1"),
        ("\"relations\":[]", "\"relations\":[],\"labels\":[]"),
        ("\"relations\":[]}", "\"relations\":[]} x"),
    ] {
        let text = good.replace(from, to);
        assert_ne!(text, good);
        assert!(v1::parse_fast(&text).is_none(), "{text}");
    }
    // a surrogate pair is left to serde_json, which reads it
    let pair = good.replace("\"ab\"", "\"\\ud83d\\ude00\"");
    assert!(v1::parse_fast(&pair).is_none());
    assert_eq!(serde(&pair).unwrap().document.text, "😀");
}
