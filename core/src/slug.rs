//! File names from titles.

/// The most characters a slug keeps.
const MAX_SLUG: usize = 60;

/// A file-name slug: lower-case ASCII letters and digits from the title (or, without one, the
/// first words of the text), words joined by `-`, at most 60 characters, `article` if nothing is left.
///
/// Accented Latin letters lose their accents where a plain letter is obvious (`é` → `e`); other
/// scripts are dropped, since not every file system and mail client keeps them.
pub fn slug(title: Option<&str>, text: &str) -> String {
    let source = title
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .unwrap_or(text);
    let mut out = String::new();
    let mut pending_dash = false;
    for c in source.chars().take(2_000) {
        match fold(c) {
            Some(a) => {
                if pending_dash && !out.is_empty() {
                    if out.len() + 1 >= MAX_SLUG {
                        break;
                    }
                    out.push('-');
                }
                pending_dash = false;
                if out.len() >= MAX_SLUG {
                    break;
                }
                out.push(a);
            }
            None => pending_dash = true,
        }
    }
    if out.is_empty() {
        "article".to_owned()
    } else {
        out
    }
}

/// The ASCII letter or digit a character stands for, if any.
fn fold(c: char) -> Option<char> {
    let c = c.to_lowercase().next().unwrap_or(c);
    if c.is_ascii_alphanumeric() {
        return Some(c);
    }
    let plain = match c {
        'à'..='å' => 'a',
        'ç' => 'c',
        'è'..='ë' => 'e',
        'ì'..='ï' => 'i',
        'ñ' => 'n',
        'ò'..='ö' | 'ø' => 'o',
        'ù'..='ü' => 'u',
        'ý' | 'ÿ' => 'y',
        _ => return None,
    };
    Some(plain)
}

/// The download name of an export: `<slug>.annotations.json`.
pub fn export_file_name(title: Option<&str>, text: &str) -> String {
    format!("{}.annotations.json", slug(title, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_words_become_a_lower_case_slug() {
        assert_eq!(
            slug(Some("Flood Wall: Council Votes “Yes”!"), ""),
            "flood-wall-council-votes-yes"
        );
    }

    #[test]
    fn without_a_title_the_first_words_are_used() {
        assert_eq!(
            slug(None, "  Café owners say… prices rose 😀 again"),
            "cafe-owners-say-prices-rose-again"
        );
        assert_eq!(slug(Some("  "), "Hello world"), "hello-world");
    }

    #[test]
    fn slugs_are_short_and_never_empty() {
        let long = "word ".repeat(100);
        let s = slug(Some(&long), "");
        assert!(s.len() <= MAX_SLUG && !s.ends_with('-'), "{s}");
        assert_eq!(slug(None, "中文 😀"), "article");
        assert_eq!(export_file_name(None, ""), "article.annotations.json");
    }
}
