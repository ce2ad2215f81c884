//! The wording helpers every notice uses: counts, plurals, shortened quotes.
/// "1 annotation", "3 annotations".
pub fn count(n: usize) -> String {
    format!("{n} {}", plural(n, "annotation"))
}

pub fn n_of(n: usize, word: &str) -> String {
    format!("{n} {}", plural(n, word))
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// At most `max` characters of `s`, with an ellipsis when cut; line breaks shown as spaces.
pub fn ellipsis(s: &str, max: usize) -> String {
    let mut out: String = s
        .chars()
        .take(max)
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
