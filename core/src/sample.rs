//! The built-in sample article, written for this project (fiction; no real article copied).
//!
//! Kestrelmouth, the Ambry estuary and everyone quoted are invented. The text is chosen to exercise
//! the awkward cases: curly and nested quotes, an em dash, an ellipsis, an emoji outside the Basic
//! Multilingual Plane (two UTF-16 units, one code point) and names in Chinese and Arabic script.

/// Title of the sample article.
pub const SAMPLE_TITLE: &str =
    "Kestrelmouth tidal barrier closes for the first time, weeks after record surge";

/// Text of the sample article, LF line endings, paragraphs separated by a blank line.
///
/// It has no leading or trailing whitespace and no final newline.
pub const SAMPLE_TEXT: &str = include_str!("sample_article.txt");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_the_typography_the_app_must_handle() {
        for needle in [
            "“",
            "”",
            "‘",
            "’",
            "—",
            "…",
            "March 18 and 19",
            "Tuesday",
            "2025",
        ] {
            assert!(SAMPLE_TEXT.contains(needle), "sample text lacks {needle:?}");
        }
        assert!(
            SAMPLE_TEXT.chars().any(|c| u32::from(c) > 0xFFFF),
            "sample text needs a character outside the BMP"
        );
        assert!(
            SAMPLE_TEXT
                .chars()
                .any(|c| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{0600}'..='\u{06FF}')),
            "sample text needs a CJK or Arabic character"
        );
    }

    #[test]
    fn has_clean_lf_paragraphs() {
        assert!(!SAMPLE_TEXT.contains('\r'));
        for (i, line) in SAMPLE_TEXT.split('\n').enumerate() {
            assert_eq!(
                line,
                line.trim_end(),
                "line {} has trailing whitespace",
                i + 1
            );
        }
        assert_eq!(
            SAMPLE_TEXT,
            SAMPLE_TEXT.trim(),
            "no leading or trailing whitespace"
        );
        assert!(
            !SAMPLE_TEXT.contains("\n\n\n"),
            "paragraphs are separated by exactly one blank line"
        );
        let paragraphs = SAMPLE_TEXT.split("\n\n").count();
        assert!((6..=8).contains(&paragraphs), "{paragraphs} paragraphs");
        assert!(
            SAMPLE_TEXT.split("\n\n").all(|p| !p.contains('\n')),
            "one line per paragraph"
        );
    }

    #[test]
    fn title_is_a_single_trimmed_line() {
        assert!(!SAMPLE_TITLE.is_empty());
        assert_eq!(SAMPLE_TITLE, SAMPLE_TITLE.trim());
        assert!(!SAMPLE_TITLE.contains('\n'));
    }
}
