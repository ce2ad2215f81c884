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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn default_colours_are_valid_hex() {
        assert!(default_labels().iter().all(|l| is_hex_color(&l.color)));
        assert!(!is_hex_color("#12345"));
        assert!(!is_hex_color("123456 "));
    }
}
