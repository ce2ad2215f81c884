//! File names from titles, safe on every operating system.
//!
//! A name keeps the title's letters and digits, words joined by `-`: Latin letters are written
//! in plain ASCII (`é` → `e`, `ß` → `ss`, `æ` → `ae`, `ł` → `l`, `þ` → `th`), and letters of other
//! scripts (Greek, Cyrillic, Chinese, Arabic …) are kept as they are, so a title in any script
//! stays readable and two titles seldom share a name. Nothing else gets in: no `/\:*?"<>|`, no
//! control, format or invisible characters, no dot or space at the end, and never a name Windows
//! reserves (`con`, `nul`, `com1` …). When nothing is left (a title of emoji only, say) the name
//! falls back to the date and time.

use crate::stamp::Stamp;
use unicode_segmentation::UnicodeSegmentation;

/// The most code points a slug keeps.
const MAX_CHARS: usize = 60;
/// The most bytes of UTF-8 a slug keeps (a file name may have 255 bytes on most file systems;
/// this leaves room for the suffix and the date).
const MAX_BYTES: usize = 120;

/// Names Windows reserves for devices, whatever follows the first dot.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A file-name slug from the title (or, without a title that has a letter or digit, the first
/// words of the text): lower-case words joined by `-`, at most 60 code points and 120 bytes.
/// `None` when neither has a letter or digit.
pub fn slug(title: Option<&str>, text: &str) -> Option<String> {
    let source = title
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .unwrap_or(text);
    // Lower-casing the whole string, not letter by letter, gets a Greek final sigma right.
    let head: String = source.chars().take(2_000).collect();
    let lower = head.to_lowercase();
    let mut out = String::new();
    let mut chars = 0;
    let mut pending_dash = false;
    for g in lower.graphemes(true) {
        let Some(word) = fold(g) else {
            pending_dash = true;
            continue;
        };
        let dash = usize::from(pending_dash && !out.is_empty());
        let n = word.chars().count();
        if chars + dash + n > MAX_CHARS || out.len() + dash + word.len() > MAX_BYTES {
            break;
        }
        if dash == 1 {
            out.push('-');
        }
        out.push_str(&word);
        chars += dash + n;
        pending_dash = false;
    }
    if out.is_empty() {
        return None;
    }
    if RESERVED.contains(&out.as_str()) {
        out.push_str("-article");
    }
    Some(out)
}

/// The base of a download's name: the [`slug`], or `article-<date>-<time>` when there is none.
pub fn file_base(title: Option<&str>, text: &str, at: &Stamp) -> String {
    slug(title, text).unwrap_or_else(|| format!("article-{}", at.date_time()))
}

/// The download name of an export: `<base>.annotations.json`.
pub fn export_file_name(title: Option<&str>, text: &str, at: &Stamp) -> String {
    format!("{}.annotations.json", file_base(title, text, at))
}

/// What a grapheme cluster (already lower case) adds to a slug: its letters and digits, Latin
/// ones in ASCII; `None` for a separator (space, punctuation, symbol, emoji).
fn fold(g: &str) -> Option<String> {
    let first = g.chars().next()?;
    if !first.is_alphanumeric() {
        return None;
    }
    if first.is_ascii_alphanumeric() {
        // Combining accents after a plain letter (a decomposed `é`) are dropped.
        return Some(first.to_string());
    }
    if let Some(plain) = latin(first).or_else(|| digit(first)) {
        return Some(plain.to_owned());
    }
    // Another script: the cluster as it is (a Devanagari vowel sign or a Greek accent belongs to
    // its letter), without the invisible characters some clusters carry (joiners, variation
    // selectors, direction marks), which make two names look alike.
    let kept: String = g.chars().filter(|&c| !invisible(c)).collect();
    Some(kept)
}

/// Characters that show nothing: format characters and variation selectors.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFF}'
        | '\u{E0000}'..='\u{E0FFF}')
        || c.is_control()
}

/// Superscript digits as plain ones (Windows reserves `COM¹` as it does `COM1`).
fn digit(c: char) -> Option<&'static str> {
    Some(match c {
        '⁰' => "0",
        '¹' => "1",
        '²' => "2",
        '³' => "3",
        '⁴' => "4",
        '⁵' => "5",
        '⁶' => "6",
        '⁷' => "7",
        '⁸' => "8",
        '⁹' => "9",
        _ => return None,
    })
}

/// The plain ASCII of a lower-case Latin letter with a diacritic or a ligature (Latin-1,
/// Latin Extended-A and -B, and Latin Extended Additional, Vietnamese included).
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à'..='å'
        | 'ā'
        | 'ă'
        | 'ą'
        | 'ǎ'
        | 'ǟ'
        | 'ǡ'
        | 'ǻ'
        | 'ȁ'
        | 'ȃ'
        | 'ȧ'
        | 'ḁ'
        | 'ẚ'
        | 'ạ'
        | 'ả'
        | 'ấ'
        | 'ầ'
        | 'ẩ'
        | 'ẫ'
        | 'ậ'
        | 'ắ'
        | 'ằ'
        | 'ẳ'
        | 'ẵ'
        | 'ặ' => "a",
        'æ' | 'ǣ' | 'ǽ' => "ae",
        'ƀ' | 'ƃ' | 'ḃ' | 'ḅ' | 'ḇ' => "b",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' | 'ƈ' | 'ȼ' | 'ḉ' => "c",
        'ð' | 'ď' | 'đ' | 'ƌ' | 'ȡ' | 'ḋ' | 'ḍ' | 'ḏ' | 'ḑ' | 'ḓ' | 'ẟ' => "d",
        'ȸ' => "db",
        'ǆ' | 'ǳ' => "dz",
        'è'..='ë'
        | 'ē'
        | 'ĕ'
        | 'ė'
        | 'ę'
        | 'ě'
        | 'ǝ'
        | 'ȅ'
        | 'ȇ'
        | 'ȩ'
        | 'ɇ'
        | 'ḕ'
        | 'ḗ'
        | 'ḙ'
        | 'ḛ'
        | 'ḝ'
        | 'ẹ'
        | 'ẻ'
        | 'ẽ'
        | 'ế'
        | 'ề'
        | 'ể'
        | 'ễ'
        | 'ệ' => "e",
        'ƒ' | 'ḟ' => "f",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' | 'ǥ' | 'ǧ' | 'ǵ' | 'ḡ' => "g",
        'ĥ' | 'ħ' | 'ȟ' | 'ḣ' | 'ḥ' | 'ḧ' | 'ḩ' | 'ḫ' | 'ẖ' => "h",
        'ƕ' => "hv",
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' | 'ȉ' | 'ȋ' | 'ḭ' | 'ḯ' | 'ỉ' | 'ị' => {
            "i"
        }
        'ĳ' => "ij",
        'ĵ' | 'ǰ' | 'ȷ' | 'ɉ' => "j",
        'ķ' | 'ĸ' | 'ƙ' | 'ǩ' | 'ḱ' | 'ḳ' | 'ḵ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' | 'ƚ' | 'ȴ' | 'ḷ' | 'ḹ' | 'ḻ' | 'ḽ' => "l",
        'ǉ' => "lj",
        'ỻ' => "ll",
        'ḿ' | 'ṁ' | 'ṃ' => "m",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' | 'ƞ' | 'ǹ' | 'ȵ' | 'ṅ' | 'ṇ' | 'ṉ' | 'ṋ' => {
            "n"
        }
        'ǌ' => "nj",
        'ò'..='ö'
        | 'ø'
        | 'ō'
        | 'ŏ'
        | 'ő'
        | 'ơ'
        | 'ǒ'
        | 'ǫ'
        | 'ǭ'
        | 'ǿ'
        | 'ȍ'
        | 'ȏ'
        | 'ȫ'
        | 'ȭ'
        | 'ȯ'
        | 'ȱ'
        | 'ṍ'
        | 'ṏ'
        | 'ṑ'
        | 'ṓ'
        | 'ọ'
        | 'ỏ'
        | 'ố'
        | 'ồ'
        | 'ổ'
        | 'ỗ'
        | 'ộ'
        | 'ớ'
        | 'ờ'
        | 'ở'
        | 'ỡ'
        | 'ợ' => "o",
        'œ' => "oe",
        'ƣ' => "oi",
        'ȣ' => "ou",
        'ƥ' | 'ṕ' | 'ṗ' => "p",
        'ɋ' => "q",
        'ȹ' => "qp",
        'ŕ' | 'ŗ' | 'ř' | 'ȑ' | 'ȓ' | 'ɍ' | 'ṙ' | 'ṛ' | 'ṝ' | 'ṟ' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' | 'ș' | 'ȿ' | 'ṡ' | 'ṣ' | 'ṥ' | 'ṧ' | 'ṩ' | 'ẛ'..='ẝ' => {
            "s"
        }
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ƫ' | 'ƭ' | 'ț' | 'ȶ' | 'ṫ' | 'ṭ' | 'ṯ' | 'ṱ' | 'ẗ' => {
            "t"
        }
        'þ' => "th",
        'ù'..='ü'
        | 'ũ'
        | 'ū'
        | 'ŭ'
        | 'ů'
        | 'ű'
        | 'ų'
        | 'ư'
        | 'ǔ'
        | 'ǖ'
        | 'ǘ'
        | 'ǚ'
        | 'ǜ'
        | 'ȕ'
        | 'ȗ'
        | 'ṳ'
        | 'ṵ'
        | 'ṷ'
        | 'ṹ'
        | 'ṻ'
        | 'ụ'
        | 'ủ'
        | 'ứ'
        | 'ừ'
        | 'ử'
        | 'ữ'
        | 'ự' => "u",
        'ṽ' | 'ṿ' | 'ỽ' => "v",
        'ŵ' | 'ƿ' | 'ẁ' | 'ẃ' | 'ẅ' | 'ẇ' | 'ẉ' | 'ẘ' => "w",
        'ẋ' | 'ẍ' => "x",
        'ý' | 'ÿ' | 'ŷ' | 'ƴ' | 'ȝ' | 'ȳ' | 'ɏ' | 'ẏ' | 'ẙ' | 'ỳ' | 'ỵ' | 'ỷ' | 'ỹ' | 'ỿ' => {
            "y"
        }
        'ź' | 'ż' | 'ž' | 'ƶ' | 'ȥ' | 'ɀ' | 'ẑ' | 'ẓ' | 'ẕ' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: Stamp = Stamp {
        year: 2026,
        month: 12,
        day: 4,
        hour: 8,
        minute: 24,
    };

    fn s(title: &str) -> String {
        slug(Some(title), "").unwrap_or_default()
    }

    #[test]
    fn title_words_become_a_lower_case_slug() {
        assert_eq!(
            s("Flood Wall: Council Votes “Yes”!"),
            "flood-wall-council-votes-yes"
        );
    }

    #[test]
    fn without_a_title_the_first_words_are_used() {
        assert_eq!(
            slug(None, "  Café owners say… prices rose 😀 again").as_deref(),
            Some("cafe-owners-say-prices-rose-again")
        );
        assert_eq!(
            slug(Some("  "), "Hello world").as_deref(),
            Some("hello-world")
        );
    }

    #[test]
    fn german_letters_are_written_out() {
        assert_eq!(s("Straße in Köln gesperrt"), "strasse-in-koln-gesperrt");
        assert_eq!(s("STRASSE ẞ"), "strasse-ss");
    }

    #[test]
    fn latin_letters_of_every_language_become_ascii() {
        assert_eq!(s("Æble og Œuvre"), "aeble-og-oeuvre");
        assert_eq!(s("Łódź, Győr, Ørsted"), "lodz-gyor-orsted");
        assert_eq!(s("Đồng Nai: Þingvellir"), "dong-nai-thingvellir");
        assert_eq!(s("Ştiri: ţară, şi ț"), "stiri-tara-si-t");
        // A decomposed é (e and a combining acute) is an e too.
        assert_eq!(s("Cafe\u{301} noir"), "cafe-noir");
    }

    #[test]
    fn greek_titles_keep_their_letters() {
        let g = s("Η Βουλή ψήφισε τον ΝΟΜΟ");
        assert_eq!(g, "η-βουλή-ψήφισε-τον-νομο");
        // A final sigma stays final.
        assert_eq!(s("ΟΔΟΣ ΠΑΤΗΣΙΩΝ"), "οδος-πατησιων");
    }

    #[test]
    fn chinese_and_other_scripts_keep_a_short_readable_prefix() {
        assert_eq!(
            s("北京市政府宣布新政策：地铁延长运营"),
            "北京市政府宣布新政策-地铁延长运营"
        );
        assert_eq!(s("Путин заявил"), "путин-заявил");
        assert_eq!(s("हिन्दी समाचार"), "हिन्दी-समाचार");
        let long = s(&"新闻".repeat(100));
        assert!(
            long.len() <= MAX_BYTES && long.chars().count() <= MAX_CHARS,
            "{long}"
        );
        assert_eq!(long.chars().count(), 40);
    }

    #[test]
    fn names_are_safe_on_every_operating_system() {
        for title in [
            "a/b\\c:d*e?f\"g<h>i|j",
            "ends with a dot.",
            "ends with spaces   ",
            "tab\there\u{0}nul\u{7}bell",
            "joined\u{200D}zero\u{200B}width \u{202E}reversed",
            "فلسطين\u{200F} اليوم",
        ] {
            let name = s(title);
            assert!(!name.is_empty(), "{title:?}");
            assert!(
                !name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|', '.', ' ']),
                "{name:?}"
            );
            assert!(
                !name.chars().any(|c| c.is_control() || invisible(c)),
                "{name:?}"
            );
            assert!(!name.ends_with('-') && !name.starts_with('-'), "{name:?}");
        }
        assert_eq!(s("a/b\\c:d*e?f\"g<h>i|j"), "a-b-c-d-e-f-g-h-i-j");
    }

    #[test]
    fn names_windows_reserves_are_avoided() {
        assert_eq!(s("CON"), "con-article");
        assert_eq!(s("Nul."), "nul-article");
        assert_eq!(s("com¹"), "com1-article");
        assert_eq!(s("Con artists"), "con-artists");
    }

    #[test]
    fn with_nothing_to_name_it_by_the_date_and_time_is_used() {
        assert_eq!(slug(None, "😀 🎉 !!!"), None);
        assert_eq!(file_base(Some("🎉"), "", &AT), "article-2026-12-04-0824");
        assert_eq!(
            export_file_name(None, "", &AT),
            "article-2026-12-04-0824.annotations.json"
        );
    }

    #[test]
    fn slugs_are_short_and_never_end_in_a_dash() {
        let long = "word ".repeat(100);
        let s = slug(Some(&long), "").unwrap();
        assert!(s.len() <= MAX_CHARS && !s.ends_with('-'), "{s}");
    }
}
