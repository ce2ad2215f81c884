//! Tokens for the suggestion rules: words, numbers, punctuation and line breaks, with their byte
//! spans, plus the word lists the rules share and a guess at the text's language.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tk {
    /// Letters (any script), with apostrophes and hyphens inside (`don’t`, `Calloway-Nunes`).
    Word,
    /// ASCII digits.
    Num,
    /// One character of anything else that is not white space.
    Punct,
    /// A line break: the end of a paragraph.
    Break,
}

/// One token: its kind and byte span, and for words the lower-case form.
#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub kind: Tk,
    pub start: usize,
    pub end: usize,
    /// Lower case for words; empty otherwise.
    pub lower: String,
    /// The character of a punctuation token (`'\n'` for a break, `'\0'` otherwise).
    pub ch: char,
    /// The value of a number token (saturating), 0 otherwise.
    pub value: u32,
    /// For a word: it starts with a capital (or a letter of a script without case).
    pub cap: bool,
}

/// Reading a token list by position, for the rules that walk it.
pub(crate) trait Cursor<'a> {
    /// The tokens.
    fn tokens(&self) -> &'a [Token];

    /// Token `i`, if there is one.
    fn tok(&self, i: usize) -> Option<&'a Token> {
        self.tokens().get(i)
    }

    /// The lower-case word at `i`, or "" when it is not a word.
    fn w(&self, i: usize) -> &'a str {
        match self.tok(i) {
            Some(t) if t.kind == Tk::Word => &t.lower,
            _ => "",
        }
    }

    /// True when token `i` is one of the punctuation marks `chars`.
    fn p(&self, i: usize, chars: &[char]) -> bool {
        self.tok(i).is_some_and(|t| t.is(chars))
    }

    /// True when tokens `i` and `i + 1` touch.
    fn adj(&self, i: usize) -> bool {
        match (self.tok(i), self.tok(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }
}

impl Token {
    fn new(kind: Tk, start: usize, end: usize) -> Self {
        Token {
            kind,
            start,
            end,
            lower: String::new(),
            ch: '\0',
            value: 0,
            cap: false,
        }
    }

    /// True for a punctuation token that is one of `chars`.
    pub fn is(&self, chars: &[char]) -> bool {
        self.kind == Tk::Punct && chars.contains(&self.ch)
    }
}

/// The languages whose word lists the rules know. English lists always apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    En,
    De,
    Fr,
}

/// True for characters that belong inside a word: letters of any script, combining marks and
/// other non-ASCII symbols that are not punctuation or space.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    if c.is_whitespace() || c.is_numeric() && !c.is_alphabetic() {
        return false;
    }
    let u = u32::from(c);
    let punct = (0x00A0..=0x00BF).contains(&u) && !matches!(u, 0xAA | 0xB5 | 0xBA)
        || u == 0xD7
        || u == 0xF7
        || (0x2000..=0x206F).contains(&u)
        || (0x2190..=0x2BFF).contains(&u)
        || (0x3000..=0x303F).contains(&u)
        || (0xFE10..=0xFE6F).contains(&u)
        || (0xFF00..=0xFF0F).contains(&u)
        || (0xFF1A..=0xFF20).contains(&u);
    !punct
}

/// True for an apostrophe that may join two parts of a word.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// True for a hyphen that may join two parts of a word.
fn is_joining_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Splits `s` into tokens. Runs of white space vanish, except that every run holding a line
/// break becomes one [`Tk::Break`].
pub(crate) fn tokenize(s: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(s.len() / 5 + 1);
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            let mut brk = c == '\n';
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if !d.is_whitespace() {
                    break;
                }
                brk |= d == '\n';
                end = j + d.len_utf8();
                it.next();
            }
            if brk {
                let mut t = Token::new(Tk::Break, i, end);
                t.ch = '\n';
                out.push(t);
            }
        } else if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = it.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = j + 1;
                it.next();
            }
            let mut t = Token::new(Tk::Num, i, end);
            t.value = s[i..end].bytes().fold(0u32, |v, b| {
                v.saturating_mul(10).saturating_add(u32::from(b - b'0'))
            });
            out.push(t);
        } else if is_word_char(c) {
            let mut end = i + c.len_utf8();
            loop {
                match it.peek() {
                    Some(&(j, d)) if is_word_char(d) => {
                        end = j + d.len_utf8();
                        it.next();
                    }
                    Some(&(j, d)) if is_apostrophe(d) || is_joining_hyphen(d) => {
                        // Joins only when a letter follows.
                        let after = s[j + d.len_utf8()..].chars().next();
                        if after.is_some_and(is_word_char) {
                            end = j + d.len_utf8();
                            it.next();
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            let word = &s[i..end];
            let mut t = Token::new(Tk::Word, i, end);
            t.lower = word.to_lowercase();
            t.cap = is_capitalised(word);
            out.push(t);
        } else {
            let mut t = Token::new(Tk::Punct, i, i + c.len_utf8());
            t.ch = c;
            out.push(t);
        }
    }
    out
}

/// Guesses the language from common function words; English unless German or French clearly
/// lead.
pub(crate) fn detect_language(toks: &[Token]) -> Lang {
    let (mut en, mut de, mut fr) = (0usize, 0usize, 0usize);
    for t in toks.iter().filter(|t| t.kind == Tk::Word) {
        match t.lower.as_str() {
            "the" | "and" | "of" | "to" | "is" | "was" | "said" | "that" | "with" | "for" => {
                en += 1
            }
            "der" | "die" | "das" | "und" | "ist" | "nicht" | "mit" | "sich" | "ein" | "eine"
            | "auf" | "dem" | "im" | "sagte" | "zu" => de += 1,
            "le" | "la" | "les" | "et" | "des" | "est" | "une" | "du" | "un" | "pour" | "que"
            | "dans" | "qui" | "pas" | "sur" => fr += 1,
            _ => {}
        }
    }
    if de > en && de >= fr {
        Lang::De
    } else if fr > en && fr > de {
        Lang::Fr
    } else {
        Lang::En
    }
}

/// True when the word starts with an upper-case letter, or with a letter of a script without
/// case (CJK, Arabic), which may begin a name as well.
pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()))
}

/// The word without a French elided article (`l’année` → `année`), and the article's length in
/// bytes (0 when there is none).
pub(crate) fn strip_elision(lower: &str) -> (&str, usize) {
    for p in ["l’", "l'", "d’", "d'"] {
        if let Some(rest) = lower.strip_prefix(p) {
            if !rest.is_empty() {
                return (rest, p.len());
            }
        }
    }
    (lower, 0)
}

/// A fixed list of words, looked up by hashing (the rules ask it for every token): built on
/// first use from the list written in the source, which stays readable and in order. A
/// 256-bit filter on a word's length and outer bytes turns most words away before hashing.
pub struct Words {
    list: &'static [&'static str],
    set: std::sync::OnceLock<(WordFilter, std::collections::HashSet<&'static str, Fnv>)>,
}

/// Which (length, first byte, last byte) keys occur in a list.
type WordFilter = [u64; 4];

/// The filter key of `w` (0..256).
fn filter_key(w: &str) -> usize {
    let b = w.as_bytes();
    let (first, last) = (
        b.first().copied().unwrap_or(0),
        b.last().copied().unwrap_or(0),
    );
    (b.len()
        .wrapping_mul(37)
        .wrapping_add(usize::from(first).wrapping_mul(7))
        .wrapping_add(usize::from(last)))
        & 255
}

impl Words {
    /// The list `list`.
    pub const fn new(list: &'static [&'static str]) -> Self {
        Words {
            list,
            set: std::sync::OnceLock::new(),
        }
    }

    /// True when `w` is one of the words (the same call as a slice's `contains`).
    pub fn contains(&self, w: &&str) -> bool {
        let (filter, set) = self.set.get_or_init(|| {
            let mut filter = [0u64; 4];
            for w in self.list {
                let k = filter_key(w);
                filter[k / 64] |= 1 << (k % 64);
            }
            (filter, self.list.iter().copied().collect())
        });
        let k = filter_key(w);
        filter[k / 64] & (1 << (k % 64)) != 0 && set.contains(*w)
    }
}

impl std::ops::Deref for Words {
    type Target = [&'static str];

    fn deref(&self) -> &Self::Target {
        self.list
    }
}

/// FNV-1a: a fast hash for short words (the default SipHash costs more than the lookup saves).
#[derive(Clone, Copy, Default)]
pub struct Fnv;

/// The running state of [`Fnv`].
pub struct FnvHasher(u64);

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;

    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}
