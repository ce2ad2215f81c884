//! Labels: what a span is (quote, speaker, claim, date, or the user's own).

use serde::{Deserialize, Serialize};

/// The stable identity of a label inside a document; names may change, ids don't.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LabelId(pub u32);

/// A label: its unique name, its highlight colour and the key that applies it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Identity within the document.
    pub id: LabelId,
    /// Unique, lower-case by convention (`quote`).
    pub name: String,
    /// Highlight colour as `#RRGGBB`.
    pub color: String,
    /// The key that applies it (`1`), if any.
    pub key: Option<char>,
}

impl Label {
    /// The name with its first letter in upper case, for buttons ("Quote").
    pub fn display_name(&self) -> String {
        let mut c = self.name.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => String::new(),
        }
    }
}

/// The four labels every document starts with. The pastel colours keep black text above 10:1.
pub fn default_labels() -> Vec<Label> {
    [
        ("quote", "#FFE08A", '1'),
        ("speaker", "#A8D8FF", '2'),
        ("claim", "#FFB8C6", '3'),
        ("date", "#B9EDB0", '4'),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (name, color, key))| Label {
        id: LabelId(i as u32),
        name: name.to_owned(),
        color: color.to_owned(),
        key: Some(key),
    })
    .collect()
}

/// True for a colour written `#RRGGBB`.
pub fn is_hex_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// Finds the label a key press applies: its own key first, then (when no label claims that key)
/// the first letter of a label's name, if that letter belongs to exactly one label.
pub fn label_for_key(labels: &[Label], key: char) -> Option<&Label> {
    let key = key.to_lowercase().next().unwrap_or(key);
    if let Some(l) = labels.iter().find(|l| l.key == Some(key)) {
        return Some(l);
    }
    let mut by_initial = labels
        .iter()
        .filter(|l| l.name.chars().next().and_then(|c| c.to_lowercase().next()) == Some(key));
    match (by_initial.next(), by_initial.next()) {
        (Some(l), None) => Some(l),
        _ => None,
    }
}

/// The letter keys that apply a label besides its own key (its initial, when unambiguous).
pub fn initial_key(labels: &[Label], label: &Label) -> Option<char> {
    let c = label.name.chars().next()?.to_lowercase().next()?;
    (label_for_key(labels, c).map(|l| l.id) == Some(label.id) && label.key != Some(c)).then_some(c)
}

/// The colour of article text, which every highlight must keep readable.
pub const INK: &str = "#1B1F24";
/// The colour of article text in the dark theme.
pub const DARK_INK: &str = "#E6EDF3";
/// The least contrast a highlight must keep with [`INK`] (WCAG AA for body text).
pub const MIN_CONTRAST: f64 = 4.5;
/// Keys the app keeps for its own commands (attribute, suggest, help), never given to a label.
pub const RESERVED_KEYS: &[char] = &['a', 'g', '?'];

/// `x` with one decimal, as `{x:.1}` would write it for the ratios and percentages shown here
/// (0 to about 10,000). Written by hand: float formatting costs about 10 kB of wasm.
pub fn one_decimal(x: f64) -> String {
    let tenths = (x * 10.0).round().max(0.0) as u64;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// The WCAG contrast ratio of two `#RRGGBB` colours, from 1 to 21.
pub fn contrast(a: &str, b: &str) -> f64 {
    fn luminance(hex: &str) -> f64 {
        let ch = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        if !is_hex_color(hex) {
            return 0.0;
        }
        0.2126 * ch(1) + 0.7152 * ch(3) + 0.0722 * ch(5)
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `#RRGGBB` with each channel multiplied by `k` (0 to 1): the same hue, darker.
fn scaled(hex: &str, k: f64) -> String {
    let ch = |i: usize| {
        f64::from(u8::from_str_radix(hex.get(i..i + 2).unwrap_or("88"), 16).unwrap_or(0x88))
    };
    let d = |v: f64| (v * k).round().clamp(0.0, 255.0) as u8;
    format!("#{:02X}{:02X}{:02X}", d(ch(1)), d(ch(3)), d(ch(5)))
}

/// The highlight a label's colour becomes in the dark theme: the same hue, darkened just enough
/// that [`DARK_INK`] on it keeps [`MIN_CONTRAST`] (so it stays as bright, and as visible on the
/// dark page, as readable text allows).
pub fn dark_highlight(color: &str) -> String {
    let color = if is_hex_color(color) {
        color
    } else {
        "#888888"
    };
    let readable = |k: f64| contrast(&scaled(color, k), DARK_INK) >= MIN_CONTRAST;
    if readable(1.0) {
        return color.to_ascii_uppercase();
    }
    // Contrast falls as k grows: find the largest k that keeps it, to 1/1024.
    let (mut lo, mut hi) = (0.0, 1.0);
    for _ in 0..10 {
        let mid = (lo + hi) / 2.0;
        if readable(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    scaled(color, lo)
}

/// The band under the text that an enclosing annotation of this colour draws (over a nested
/// one's highlight): darker than the colour in the light theme, the colour itself in the dark,
/// where the highlights are dark.
pub fn band_color(color: &str, dark: bool) -> String {
    if dark {
        color.to_ascii_uppercase()
    } else {
        scaled(color, 0.55)
    }
}

/// A label as the user describes it in the label editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelSpec {
    /// The name (trimmed before use).
    pub name: String,
    /// `#RRGGBB`.
    pub color: String,
    /// The key, if any.
    pub key: Option<char>,
}

/// Why a label can't be saved as described.
#[derive(Clone, Debug, thiserror::Error, PartialEq)]
pub enum LabelError {
    /// The name is empty.
    #[error("a label needs a name")]
    EmptyName,
    /// Another label has that name.
    #[error("there is already a label named \"{0}\"")]
    DuplicateName(String),
    /// The colour is not `#RRGGBB`.
    #[error("colour \"{0}\" is not #RRGGBB")]
    BadColor(String),
    /// The colour would make text hard to read.
    #[error("colour {color} is too dark for text on it (contrast {}:1, needs 4.5:1)", one_decimal(*.ratio))]
    LowContrast {
        /// The colour.
        color: String,
        /// Its contrast with the text.
        ratio: f64,
    },
    /// The key belongs to the app or another label.
    #[error("key \"{key}\" is already used by {by}")]
    KeyTaken {
        /// The key.
        key: char,
        /// Who has it.
        by: String,
    },
    /// The key is not a letter, digit or punctuation mark.
    #[error("key \"{0}\" can't be typed as a shortcut")]
    BadKey(char),
}

// Colours' contrast ratios are never NaN, so equality is total.
impl Eq for LabelError {}

/// Checks a label description against the others; `editing` is the label being changed, if any.
/// Gives back the spec with its name trimmed and its key in lower case.
pub fn validate(
    labels: &[Label],
    spec: &LabelSpec,
    editing: Option<LabelId>,
) -> Result<LabelSpec, LabelError> {
    let name = spec.name.trim().to_owned();
    if name.is_empty() {
        return Err(LabelError::EmptyName);
    }
    let others = || labels.iter().filter(move |l| Some(l.id) != editing);
    if others().any(|l| l.name.to_lowercase() == name.to_lowercase()) {
        return Err(LabelError::DuplicateName(name));
    }
    let color = spec.color.to_ascii_uppercase();
    if !is_hex_color(&color) {
        return Err(LabelError::BadColor(spec.color.clone()));
    }
    let ratio = contrast(&color, INK);
    if ratio < MIN_CONTRAST {
        return Err(LabelError::LowContrast { color, ratio });
    }
    let key = spec.key.map(|k| k.to_lowercase().next().unwrap_or(k));
    if let Some(k) = key {
        if k.is_whitespace() || k.is_control() {
            return Err(LabelError::BadKey(k));
        }
        if RESERVED_KEYS.contains(&k) {
            return Err(LabelError::KeyTaken {
                key: k,
                by: "the app's own shortcuts".to_owned(),
            });
        }
        if let Some(l) = others().find(|l| l.key == Some(k)) {
            return Err(LabelError::KeyTaken {
                key: k,
                by: format!("label \"{}\"", l.name),
            });
        }
    }
    Ok(LabelSpec { name, color, key })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_decimal_agrees_with_float_formatting() {
        for x in [
            0.0, 1.0, 1.04, 1.06, 4.44, 4.46, 4.5, 9.99, 12.31, 21.0, 1234.5678,
        ] {
            assert_eq!(one_decimal(x), format!("{x:.1}"), "{x}");
        }
    }

    #[test]
    fn digits_and_initials_both_apply_the_defaults() {
        let labels = default_labels();
        for (k, name) in [
            ('1', "quote"),
            ('q', "quote"),
            ('2', "speaker"),
            ('S', "speaker"),
            ('3', "claim"),
            ('c', "claim"),
            ('4', "date"),
            ('d', "date"),
        ] {
            assert_eq!(
                label_for_key(&labels, k).map(|l| l.name.as_str()),
                Some(name),
                "{k}"
            );
        }
        assert!(label_for_key(&labels, 'x').is_none());
        assert_eq!(initial_key(&labels, &labels[0]), Some('q'));
    }

    #[test]
    fn an_ambiguous_initial_applies_nothing() {
        let mut labels = default_labels();
        labels.push(Label {
            id: LabelId(9),
            name: "source".into(),
            color: "#FFFFFF".into(),
            key: None,
        });
        assert!(label_for_key(&labels, 's').is_none());
    }

    #[test]
    fn default_colours_keep_text_readable() {
        for l in default_labels() {
            assert!(contrast(&l.color, INK) >= MIN_CONTRAST, "{}", l.name);
        }
        assert!((contrast("#FFFFFF", "#000000") - 21.0).abs() < 1e-9);
    }

    #[test]
    fn dark_highlights_keep_light_text_readable_and_their_hue() {
        let mut colors: Vec<String> = default_labels().into_iter().map(|l| l.color).collect();
        colors.extend(
            [
                "#FFFFFF", "#FFFF00", "#E0E0FF", "#9EE6FF", "#FFD0A0", "#C0C0C0",
            ]
            .map(String::from),
        );
        for c in &colors {
            assert!(
                contrast(c, INK) >= MIN_CONTRAST,
                "{c} is a valid light colour"
            );
            let d = dark_highlight(c);
            let ratio = contrast(&d, DARK_INK);
            // Readable, and not darker than it needs to be (within half a point of the limit).
            assert!(
                (MIN_CONTRAST..MIN_CONTRAST + 0.5).contains(&ratio),
                "{c} -> {d}: {ratio}"
            );
            // The same hue: the channels keep their order.
            let ch = |h: &str, i: usize| u8::from_str_radix(&h[i..i + 2], 16).unwrap();
            for (i, j) in [(1, 3), (3, 5), (1, 5)] {
                assert_eq!(
                    ch(c, i) >= ch(c, j),
                    ch(&d, i) >= ch(&d, j) || ch(c, i) == ch(c, j),
                    "{c} -> {d}"
                );
            }
        }
        assert_eq!(dark_highlight("#FFE08A"), dark_highlight("#ffe08a"));
        assert_eq!(band_color("#FFE08A", true), "#FFE08A");
        assert_eq!(band_color("#FFE08A", false), "#8C7B4C");
        // A dark colour (refused for labels, but possible in an old file) is kept readable.
        assert!(contrast(&dark_highlight("#101010"), DARK_INK) >= MIN_CONTRAST);
        assert!(contrast(&dark_highlight("not a colour"), DARK_INK) >= MIN_CONTRAST);
    }

    #[test]
    fn validation_refuses_duplicates_dark_colours_and_taken_keys() {
        let labels = default_labels();
        let spec = |name: &str, color: &str, key: Option<char>| LabelSpec {
            name: name.into(),
            color: color.into(),
            key,
        };
        assert_eq!(
            validate(&labels, &spec("  ", "#FFFFFF", None), None),
            Err(LabelError::EmptyName)
        );
        assert!(matches!(
            validate(&labels, &spec("Quote", "#FFFFFF", None), None),
            Err(LabelError::DuplicateName(_))
        ));
        assert!(validate(&labels, &spec("quote", "#FFFFFF", None), Some(LabelId(0))).is_ok());
        assert!(matches!(
            validate(&labels, &spec("x", "#202020", None), None),
            Err(LabelError::LowContrast { .. })
        ));
        assert!(matches!(
            validate(&labels, &spec("x", "red", None), None),
            Err(LabelError::BadColor(_))
        ));
        assert!(matches!(
            validate(&labels, &spec("x", "#FFFFFF", Some('1')), None),
            Err(LabelError::KeyTaken { .. })
        ));
        assert!(matches!(
            validate(&labels, &spec("x", "#FFFFFF", Some('A')), None),
            Err(LabelError::KeyTaken { .. })
        ));
        let ok = validate(&labels, &spec(" source ", "#e0e0ff", Some('5')), None).unwrap();
        assert_eq!(ok, spec("source", "#E0E0FF", Some('5')));
    }

    #[test]
    fn default_colours_are_valid_hex() {
        assert!(default_labels().iter().all(|l| is_hex_color(&l.color)));
        assert!(!is_hex_color("#12345"));
        assert!(!is_hex_color("123456 "));
    }
}
