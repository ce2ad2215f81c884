//! The sizes the app takes, for every way in (paste, import, drop, a saved record reopened).
//! Past them the tab would freeze or run out of memory, so a bigger input is refused with a
//! message naming the limit, and nothing changes.

use crate::document::Document;
use thiserror::Error;

/// The longest article, in bytes of UTF-8: 20 MiB, about 3 million words of English.
pub const MAX_TEXT_BYTES: usize = 20 * 1024 * 1024;

/// The most annotations one article holds. At 1,000,000 words and 99,000 annotations the page
/// opens with no task over 200 ms and every edit shows within about five frames; within one or
/// two up to tens of thousands (bench/README.md, "Choices measured"). Past it, memory and the
/// autosave's copy of the article grow on.
pub const MAX_ANNOTATIONS: usize = 100_000;

/// Why an input is refused.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum LimitError {
    /// The text is longer than [`MAX_TEXT_BYTES`].
    #[error("the text is {} MB and the most this app takes is {} MB; split it into parts", mb(*.bytes), mb(MAX_TEXT_BYTES))]
    TextTooLong {
        /// Its length in bytes of UTF-8.
        bytes: usize,
    },
    /// More annotations than [`MAX_ANNOTATIONS`].
    #[error(
        "it has {count} annotations and the most one article can hold is {}",
        thousands(MAX_ANNOTATIONS)
    )]
    TooManyAnnotations {
        /// How many it has.
        count: usize,
    },
}

/// Whole megabytes, rounded up, so a text just over the limit never reads as "20 MB".
fn mb(bytes: usize) -> usize {
    bytes.div_ceil(1024 * 1024)
}

/// `50000` as "50,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Checks a text about to become an article.
pub fn check_text(text: &str) -> Result<(), LimitError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(LimitError::TextTooLong { bytes: text.len() });
    }
    Ok(())
}

/// Checks a whole document (its text and how many annotations it has).
pub fn check(doc: &Document) -> Result<(), LimitError> {
    check_text(doc.text().as_str())?;
    let count = doc.annotations().len();
    if count > MAX_ANNOTATIONS {
        return Err(LimitError::TooManyAnnotations { count });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

    #[test]
    fn a_text_at_the_limit_is_taken_and_one_byte_more_is_refused() {
        assert_eq!(check_text(&"a".repeat(MAX_TEXT_BYTES)), Ok(()));
        let over = "a".repeat(MAX_TEXT_BYTES + 1);
        let err = check_text(&over).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the text is 21 MB and the most this app takes is 20 MB; split it into parts"
        );
    }

    #[test]
    fn too_many_annotations_are_refused_with_the_limit_in_the_message() {
        let err = LimitError::TooManyAnnotations { count: 200_000 };
        assert_eq!(
            err.to_string(),
            "it has 200000 annotations and the most one article can hold is 100,000"
        );
        let doc = Document::new(Text::new("one two"), None);
        assert_eq!(check(&doc), Ok(()));
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(50_000), "50,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
