//! The library of saved articles: what the list shows of each, and how it is filtered.

use crate::document::Document;
use serde::{Deserialize, Serialize};

/// What the library list shows of one saved article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The storage id.
    pub id: String,
    /// The title, or the first words of the text.
    pub title: String,
    /// When it was first saved, in milliseconds since 1970.
    pub created: f64,
    /// When it was last saved, in milliseconds since 1970.
    pub updated: f64,
    /// How many annotations it has.
    pub annotations: usize,
    /// The stored revision: 1 on the first write, one more on each later one (0 in records
    /// written before revisions existed). A write must extend the revision it read.
    #[serde(default)]
    pub revision: u64,
    /// The size of the stored record, in bytes of UTF-8 (0 when not known).
    #[serde(default)]
    pub bytes: u64,
}

/// The name a document goes by in the library: its title, or its first words.
pub fn display_title(doc: &Document) -> String {
    if let Some(t) = doc.title() {
        return t.to_owned();
    }
    let words: Vec<&str> = doc.text().as_str().split_whitespace().take(8).collect();
    if words.is_empty() {
        "Untitled".to_owned()
    } else {
        let mut s = words.join(" ");
        if s.chars().count() > 60 {
            s = s.chars().take(60).collect::<String>() + "…";
        }
        s
    }
}

/// The summary of `doc` saved now, keeping the creation time of an earlier save.
pub fn summarize(id: &str, doc: &Document, previous: Option<&Summary>, now: f64) -> Summary {
    Summary {
        id: id.to_owned(),
        title: display_title(doc),
        created: previous.map_or(now, |p| p.created),
        updated: now,
        annotations: doc.annotations().len(),
        revision: previous.map_or(0, |p| p.revision),
        bytes: previous.map_or(0, |p| p.bytes),
    }
}

/// The total size of the stored records, in bytes.
pub fn total_bytes(all: &[Summary]) -> u64 {
    all.iter().map(|s| s.bytes).sum()
}

/// A size for people: "740 bytes", "12 kB", "3.4 MB" (decimal units, as file managers show).
pub fn human_size(bytes: u64) -> String {
    match bytes {
        0..=999 => format!("{bytes} bytes"),
        1_000..=999_999 => format!("{} kB", (bytes + 500) / 1_000),
        _ => {
            let tenths = (bytes + 50_000) / 100_000;
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    }
}

/// The summaries whose title contains every word of `query` (any case), newest first.
pub fn filter<'a>(all: &'a [Summary], query: &str) -> Vec<&'a Summary> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut out: Vec<&Summary> = all
        .iter()
        .filter(|s| {
            let title = s.title.to_lowercase();
            words.iter().all(|w| title.contains(w.as_str()))
        })
        .collect();
    crate::sort::sort_by(&mut out, |a, b| {
        b.updated.total_cmp(&a.updated).then(a.id.cmp(&b.id))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

    fn summary(id: &str, title: &str, updated: f64) -> Summary {
        Summary {
            id: id.into(),
            title: title.into(),
            created: 0.0,
            updated,
            annotations: 0,
            revision: 0,
            bytes: 0,
        }
    }

    #[test]
    fn filtering_matches_every_word_in_any_case_newest_first() {
        let all = [
            summary("1", "Flood wall vote", 1.0),
            summary("2", "Budget: the flood fund", 3.0),
            summary("3", "School meals", 2.0),
        ];
        let ids = |q: &str| {
            filter(&all, q)
                .iter()
                .map(|s| s.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("FLOOD"), ["2", "1"]);
        assert_eq!(ids("flood vote"), ["1"]);
        assert_eq!(ids(""), ["2", "3", "1"]);
    }

    #[test]
    fn an_untitled_document_goes_by_its_first_words() {
        let doc = Document::new(
            Text::new("  The council met on Tuesday to vote on the wall."),
            None,
        );
        assert_eq!(display_title(&doc), "The council met on Tuesday to vote on");
        assert_eq!(display_title(&Document::default()), "Untitled");
        let s = summarize("x", &doc, Some(&summary("x", "old", 5.0)), 9.0);
        assert_eq!((s.created, s.updated), (0.0, 9.0));
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(740), "740 bytes");
        assert_eq!(human_size(12_400), "12 kB");
        assert_eq!(human_size(3_449_000), "3.4 MB");
        assert_eq!(human_size(3_451_000), "3.5 MB");
        let mut a = summary("1", "a", 0.0);
        a.bytes = 10;
        let mut b = summary("2", "b", 0.0);
        b.bytes = 32;
        assert_eq!(total_bytes(&[a, b]), 42);
    }

    #[test]
    fn summaries_saved_before_revisions_read_as_revision_0() {
        let old = r#"{"id":"x","title":"t","created":1,"updated":2,"annotations":3}"#;
        let s: Summary = serde_json::from_str(old).unwrap();
        assert_eq!((s.revision, s.bytes), (0, 0));
    }
}
