//! Speakers grouped into people: proposes `same_as` links between speaker mentions, by the
//! usual rules of news writing.
//!
//! - **The same name** twice (`Ingrid Solvang` … `Ingrid Solvang`; titles aside, so `Mayor
//!   Ingrid Solvang` … `Ingrid Solvang` too).
//! - **A surname or a first name after the full name** (`Ingrid Solvang` … `Solvang`, `Ms.
//!   Solvang`, `Ingrid`), when one person only has it so far: after `Ingrid Solvang` and `Per
//!   Solvang`, a bare `Solvang` is left alone.
//! - **A pronoun** (`she`, `he`; `sie`, `er`; `elle`, `il`) to the nearest preceding person it
//!   can refer to: one whose gender, when something in the text tells it (a title, a gendered
//!   role, a pronoun in the same sentence as the name: `Solvang said her …`), agrees. `they`
//!   goes to the nearest plural role phrase (`residents`, `the officials`).
//! - **A definite role phrase to the earlier one** with the same head noun (`a spokesperson
//!   for the agency` … `the spokesperson`), or to a name that carries it as a title (`Mayor
//!   Ingrid Solvang` … `the mayor`), when only one person fits.
//!
//! Two different full names are never linked, even through other mentions: every mention is
//! linked to at most one earlier mention, and a full name only to the same full name. Runs in
//! linear time: name look-ups are hashed and a pronoun looks back over at most
//! [`LOOK_BACK`] mentions.

use crate::attribution::{entities as doc_entities, label_role, Role};
use crate::document::{AnnotationId, Document};
use crate::offset::Span;
use annotator_rules::lex::Words;
use std::collections::HashMap;

/// How many earlier mentions a pronoun or role phrase looks back over.
pub const LOOK_BACK: usize = 64;

/// Why two mentions are proposed as the same speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkReason {
    /// The same name.
    SameName,
    /// A surname or first name after the full name.
    PartOfName,
    /// A pronoun to the person it refers to.
    Pronoun,
    /// A definite role phrase to the earlier mention of that role.
    Role,
}

/// A proposed `same_as` link: `from` (the later mention) is the same speaker as `to` (an
/// earlier one). Both are indices into the slice of speaker spans given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SameAs {
    /// The later mention.
    pub from: usize,
    /// The earlier mention it refers to.
    pub to: usize,
    /// Which rule proposed it.
    pub reason: LinkReason,
}

/// One person (or organisation, or role) and the mentions that refer to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerEntity {
    /// Indices of its mentions in the slice given, in text order.
    pub mentions: Vec<usize>,
    /// Its fullest name: the longest name among its mentions; a role phrase only when it has
    /// no name, a pronoun only when it has nothing else.
    pub name: String,
}

/// Grammatical gender as far as the text tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Unknown,
    Female,
    Male,
    Plural,
}

/// What a mention is.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    /// A name: its words without titles and initials, lower case (`["ingrid", "solvang"]`),
    /// and the titles it carries (`["mayor"]`).
    Name {
        words: Vec<String>,
        titles: Vec<String>,
    },
    /// A role phrase: its head noun, and whether its determiner is definite.
    Role { head: String, definite: bool },
    /// A pronoun and the gender it asks for.
    Pronoun(Gender),
    /// Anything else (`I`, `we`, a possessive): never linked.
    Other,
}

/// Capitalised words before a name that are titles, not part of it.
static TITLES: Words = Words::new(&[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "mayor",
    "president",
    "vice",
    "secretary",
    "minister",
    "chancellor",
    "judge",
    "justice",
    "gen",
    "general",
    "col",
    "colonel",
    "capt",
    "captain",
    "lt",
    "sgt",
    "rev",
    "reverend",
    "father",
    "sister",
    "sir",
    "dame",
    "lord",
    "lady",
    "cllr",
    "councillor",
    "councilman",
    "councilwoman",
    "congressman",
    "congresswoman",
    "del",
    "delegate",
    "speaker",
    "leader",
    "chief",
    "commissioner",
    "superintendent",
    "sheriff",
    "detective",
    "officer",
    "coach",
    "herr",
    "frau",
    "m",
    "mme",
    "mlle",
    "monsieur",
    "madame",
    "maître",
    "bürgermeister",
    "bürgermeisterin",
    "former",
    "acting",
    "deputy",
    "prime",
    "attorney",
    "state",
    "house",
    "senate",
    "majority",
    "minority",
    "democratic",
    "republican",
    "u.s",
    "us",
    "the",
    "rabbi",
    "imam",
    "pastor",
    "bishop",
    "cardinal",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "chair",
    "chairman",
    "chairwoman",
    "ambassador",
    "adm",
    "admiral",
    "maj",
    "major",
]);
/// Name suffixes that tell two people apart (`Donald Trump Jr.`).
static SUFFIXES: Words = Words::new(&["jr", "sr", "ii", "iii", "iv"]);
static FEMALE_WORDS: Words = Words::new(&[
    "mrs",
    "ms",
    "miss",
    "mme",
    "mlle",
    "madame",
    "frau",
    "dame",
    "lady",
    "sister",
    "queen",
    "princess",
    "congresswoman",
    "councilwoman",
    "chairwoman",
    "spokeswoman",
    "businesswoman",
    "woman",
    "mother",
    "daughter",
    "wife",
    "widow",
    "grandmother",
    "girl",
    "aunt",
    "actress",
    "bürgermeisterin",
    "sprecherin",
    "anwohnerin",
    "directrice",
    "présidente",
    "mère",
    "femme",
]);
static MALE_WORDS: Words = Words::new(&[
    "mr",
    "monsieur",
    "herr",
    "sir",
    "lord",
    "father",
    "king",
    "prince",
    "congressman",
    "councilman",
    "chairman",
    "spokesman",
    "businessman",
    "man",
    "son",
    "husband",
    "widower",
    "grandfather",
    "boy",
    "uncle",
    "actor",
    "bürgermeister",
    "sprecher",
    "anwohner",
    "directeur",
    "président",
    "père",
    "homme",
]);
static DEFINITE: Words = Words::new(&[
    "the", "der", "die", "das", "den", "dem", "le", "la", "les", "l'", "l’",
]);
static INDEFINITE: Words = Words::new(&[
    "a", "an", "one", "another", "ein", "eine", "einer", "un", "une",
]);
/// Words that end a role phrase's head (`a spokesperson for the agency` → `spokesperson`).
static POST: Words = Words::new(&[
    "for", "of", "at", "in", "on", "with", "from", "who", "which", "that", "von", "der", "des",
    "für", "bei", "de", "du", "pour", "chez", "qui",
]);

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '"'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn classify(mention: &str) -> Kind {
    let raw: Vec<&str> = mention
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '(' | ')' | '"')))
        .filter(|w| !w.is_empty())
        .collect();
    let lower = words(mention);
    if lower.is_empty() {
        return Kind::Other;
    }
    if lower.len() == 1 {
        let g = match lower[0].as_str() {
            "she" | "elle" => Some(Gender::Female),
            "he" | "er" | "il" => Some(Gender::Male),
            // German "sie" is she or they; treated as she, the common case for a speaker.
            "sie" => Some(Gender::Female),
            "they" | "ils" | "elles" => Some(Gender::Plural),
            _ => None,
        };
        if let Some(g) = g {
            return Kind::Pronoun(g);
        }
        if ["i", "we", "ich", "wir", "je", "nous", "it", "es", "on"].contains(&lower[0].as_str()) {
            return Kind::Other;
        }
    }
    // "l’inspectrice": an elided article.
    let first = lower[0].as_str();
    let elided = first.starts_with("l’") || first.starts_with("l'");
    let det = DEFINITE.contains(&first) || INDEFINITE.contains(&first) || elided;
    // German nouns are capitalised: after a German article, a role all the same.
    let german = ["der", "die", "das", "den", "dem", "ein", "eine", "einer"].contains(&first);
    let next_lower = raw.len() >= 2 && !is_capitalised(raw[1]);
    if det && (german || next_lower || raw.len() == 1) {
        let body: Vec<&String> = if elided {
            lower.iter().collect()
        } else {
            lower.iter().skip(1).collect()
        };
        let mut head = String::new();
        for w in body {
            if POST.contains(&w.as_str()) && !head.is_empty() {
                break;
            }
            head = w
                .trim_start_matches("l’")
                .trim_start_matches("l'")
                .to_owned();
        }
        if head.is_empty() {
            return Kind::Other;
        }
        return Kind::Role {
            head,
            definite: DEFINITE.contains(&first) || elided,
        };
    }
    // A bare plural without determiner: "residents", "officials".
    if lower.len() == 1 && !is_capitalised(raw[0]) {
        return Kind::Role {
            head: lower[0].clone(),
            definite: false,
        };
    }
    if raw.iter().any(|w| w.ends_with("’s") || w.ends_with("'s")) && raw.len() == 1 {
        return Kind::Other;
    }
    // A name: leading titles apart, initials dropped, a suffix kept.
    let mut titles = Vec::new();
    let mut name = Vec::new();
    for (i, w) in lower.iter().enumerate() {
        let bare = w.trim_end_matches('.');
        let is_last = i + 1 == lower.len();
        if name.is_empty() && !is_last && TITLES.contains(&bare) {
            titles.push(bare.to_owned());
            continue;
        }
        if bare.chars().count() == 1 && !is_last {
            continue; // an initial: "Donald J. Trump"
        }
        name.push(bare.to_owned());
    }
    if name.is_empty() {
        return Kind::Other;
    }
    Kind::Name {
        words: name,
        titles,
    }
}

/// The gender a mention's own words tell (a title, a gendered role).
fn own_gender(kind: &Kind) -> Gender {
    let told = |w: &str| {
        if FEMALE_WORDS.contains(&w) {
            Gender::Female
        } else if MALE_WORDS.contains(&w) {
            Gender::Male
        } else {
            Gender::Unknown
        }
    };
    match kind {
        Kind::Name { titles, .. } => titles
            .iter()
            .map(|t| told(t))
            .find(|g| *g != Gender::Unknown)
            .unwrap_or(Gender::Unknown),
        Kind::Role { head, .. } => {
            let g = told(head);
            if g == Gender::Unknown
                && head.ends_with('s')
                && head.len() > 3
                && !head.ends_with("ss")
            {
                Gender::Plural
            } else {
                g
            }
        }
        Kind::Pronoun(g) => *g,
        Kind::Other => Gender::Unknown,
    }
}

/// The gender told by the first personal pronoun after a name in its own sentence (`Solvang
/// said her crews …`), looking at most 200 bytes ahead.
fn gender_after(text: &str, end: usize) -> Gender {
    let mut stop = (end + 200).min(text.len());
    while !text.is_char_boundary(stop) {
        stop -= 1;
    }
    let Some(after) = text.get(end..stop) else {
        return Gender::Unknown;
    };
    let sentence = after
        .split(['.', '!', '?', '\n', '“', '"', '«', '„'])
        .next()
        .unwrap_or("");
    for w in sentence.split(|c: char| !c.is_alphabetic()) {
        match w {
            "she" | "her" | "hers" | "herself" => return Gender::Female,
            "he" | "his" | "him" | "himself" => return Gender::Male,
            _ => {}
        }
    }
    Gender::Unknown
}

/// True when two genders may be the same person's: equal, or one of them unknown.
fn compatible(a: Gender, b: Gender) -> bool {
    a == Gender::Unknown || b == Gender::Unknown || a == b
}

/// Union-find over mentions, keeping each group's gender.
struct Groups {
    parent: Vec<usize>,
    gender: Vec<Gender>,
}

impl Groups {
    fn root(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins `from`'s group into `to`'s; the gender known on either side is kept.
    fn join(&mut self, from: usize, to: usize) {
        let (a, b) = (self.root(from), self.root(to));
        if a != b {
            if self.gender[b] == Gender::Unknown {
                self.gender[b] = self.gender[a];
            }
            self.parent[a] = b;
        }
    }

    fn gender(&mut self, x: usize) -> Gender {
        let r = self.root(x);
        self.gender[r]
    }
}

/// How far back from a pronoun a person named in the text (not a speaker) is looked for.
const PERSON_WINDOW: usize = 600;

/// True when a person other than `candidate` is named in the text between `candidate` and
/// `pronoun` (a byte offset), within [`PERSON_WINDOW`] bytes of the pronoun and outside
/// `skip` (quotes and speaker mentions, sorted): two capitalised words not opening a
/// sentence and not after a preposition or article (`Councillor Tom Hale`, but not `at
/// Harbour Park`, `the Coast Guard`), or a courtesy title and a capitalised word (`Mr
/// Pettifer`), neither sharing a word with `candidate` (`Mayor Ruiz` again).
fn other_person_between(
    text: &str,
    skip: &[(usize, usize)],
    candidate: Span,
    pronoun: usize,
) -> bool {
    let from = candidate.end.0.max(pronoun.saturating_sub(PERSON_WINDOW));
    if from >= pronoun {
        return false;
    }
    let own: Vec<&str> = text
        .get(candidate.range())
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // Words in the window as byte ranges; an empty range marks a break (punctuation other
    // than a comma, or skipped text), so the words on either side do not follow each other.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut k = skip.partition_point(|&(_, e)| e <= from);
    let mut start: Option<usize> = None;
    let end = pronoun.min(text.len());
    for (off, c) in text.get(from..end).unwrap_or("").char_indices() {
        let at = from + off;
        while k < skip.len() && skip[k].1 <= at {
            k += 1;
        }
        let skipped = k < skip.len() && skip[k].0 <= at;
        let in_word =
            c.is_alphanumeric() || (start.is_some() && matches!(c, '\'' | '’' | '-' | '.'));
        if in_word && !skipped {
            start.get_or_insert(at);
            continue;
        }
        if let Some(a) = start.take() {
            words.push((a, at));
        }
        if skipped || (!c.is_whitespace() && c != ',') {
            words.push((at, at));
        }
    }
    if let Some(a) = start.take() {
        words.push((a, end));
    }
    let word = |k: usize| words.get(k).map(|&(a, b)| text.get(a..b).unwrap_or(""));
    let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let trimmed = |w: &'_ str| -> String { w.trim_end_matches('.').to_owned() };
    for (k, &(at, _)) in words.iter().enumerate() {
        let (Some(w), Some(next)) = (word(k), word(k + 1)) else {
            break;
        };
        if !cap(w)
            || !cap(next)
            || own.contains(&trimmed(w).as_str())
            || own.contains(&trimmed(next).as_str())
        {
            continue;
        }
        let courtesy =
            ["Mr", "Mrs", "Ms", "Dr", "Herr", "Frau", "M", "Mme"].contains(&trimmed(w).as_str());
        let before = k.checked_sub(1).and_then(word);
        let opens = match before {
            None => at == from && from > candidate.end.0,
            Some(b) => b.is_empty() || b.ends_with('.'),
        };
        let after_small = before.is_some_and(|b| {
            [
                "in", "at", "from", "to", "of", "on", "near", "for", "the", "a", "an", "by",
                "with", "into", "across", "outside", "inside", "via", "der", "die", "das", "den",
                "dem", "des", "im", "am", "la", "le", "les", "du", "de", "au",
            ]
            .contains(&b.to_lowercase().as_str())
        });
        // A sentence may open with a name (`Tom Hale disagreed.`), not with a small word
        // (`The Coast Guard`, `In Harbour Park`).
        let small_opener = opens
            && [
                "the", "a", "an", "in", "at", "on", "for", "from", "to", "of", "by", "with",
                "after", "before", "when", "while", "but", "and", "or", "so", "as", "if", "this",
                "that", "these", "those", "it", "he", "she", "they", "we", "i", "his", "her",
                "their", "its", "our", "my", "your", "some", "many", "most", "all", "one", "no",
                "der", "die", "das", "ein", "eine", "im", "am", "le", "la", "les", "un", "une",
                "en", "au", "dans",
            ]
            .contains(&trimmed(w).to_lowercase().as_str());
        if courtesy || (!after_small && !small_opener) {
            return true;
        }
    }
    false
}

/// Proposes `same_as` links between the speaker mentions `speakers` (byte spans into `text`,
/// in any order; spans outside the text or not on character boundaries are ignored). Each
/// mention is linked to at most one earlier mention; links are returned in the order of their
/// later mention.
pub fn group_speakers(text: &str, speakers: &[Span]) -> Vec<SameAs> {
    let mut order: Vec<usize> = (0..speakers.len())
        .filter(|&i| text.get(speakers[i].range()).is_some())
        .collect();
    crate::sort::sort_by_key(&mut order, |&i| (speakers[i].start, speakers[i].end, i));
    let kinds: Vec<Kind> = speakers
        .iter()
        .map(|s| text.get(s.range()).map_or(Kind::Other, classify))
        .collect();
    let mut groups = Groups {
        parent: (0..speakers.len()).collect(),
        gender: kinds.iter().map(own_gender).collect(),
    };
    for &i in &order {
        if matches!(kinds[i], Kind::Name { .. }) && groups.gender[i] == Gender::Unknown {
            groups.gender[i] = gender_after(text, speakers[i].end.0);
        }
    }
    // Full names seen so far: by their words, and the groups each surname, first name and
    // title belongs to.
    let mut full: HashMap<Vec<String>, usize> = HashMap::new();
    let mut by_part: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_title: HashMap<String, Vec<usize>> = HashMap::new();
    let mut roles: HashMap<String, usize> = HashMap::new();
    let mut links = Vec::new();
    // Quotes and the speaker mentions themselves, which a pronoun's look back skips over.
    let mut skip: Vec<(usize, usize)> = annotator_rules::quotes::find(text)
        .into_iter()
        .map(|q| (q.start, q.end))
        .chain(
            order
                .iter()
                .map(|&i| (speakers[i].start.0, speakers[i].end.0)),
        )
        .collect();
    crate::sort::sort(&mut skip);
    for (pos, &i) in order.iter().enumerate() {
        let link = match &kinds[i] {
            Kind::Name { words, titles } => {
                let found = if let Some(&j) = full.get(words) {
                    Some((j, LinkReason::SameName))
                } else {
                    None
                };
                let found = if words.len() == 1 {
                    // A surname or first name: the one earlier full name that has it; none
                    // when two people have it ("Ingrid Solvang", "Per Solvang" … "Solvang").
                    let mut people: Vec<usize> = by_part
                        .get(&words[0])
                        .map(|v| v.iter().map(|&j| groups.root(j)).collect())
                        .unwrap_or_default();
                    crate::sort::sort(&mut people);
                    people.dedup();
                    let want = groups.gender[i];
                    match people.as_slice() {
                        [] => found,
                        [p] if compatible(want, groups.gender(*p)) => by_part
                            .get(&words[0])
                            .and_then(|v| v.last().copied())
                            .map(|j| (j, LinkReason::PartOfName)),
                        _ => None,
                    }
                } else {
                    found
                };
                if words.len() >= 2 {
                    full.entry(words.clone()).or_insert(i);
                    let parts = [
                        words.first(),
                        words.iter().rev().find(|w| !SUFFIXES.contains(&w.as_str())),
                    ];
                    for part in parts.into_iter().flatten() {
                        let v = by_part.entry(part.clone()).or_default();
                        if !v.contains(&i) {
                            v.push(i);
                        }
                    }
                } else {
                    full.entry(words.clone()).or_insert(i);
                }
                for t in titles {
                    by_title.entry(t.clone()).or_default().push(i);
                }
                found
            }
            Kind::Pronoun(g) => {
                let g = *g;
                order[pos.saturating_sub(LOOK_BACK)..pos]
                    .iter()
                    .rev()
                    .copied()
                    .find(|&j| {
                        let person = match &kinds[j] {
                            Kind::Name { .. } => g != Gender::Plural,
                            Kind::Role { .. } => true,
                            Kind::Pronoun(h) => *h == g,
                            Kind::Other => false,
                        };
                        let have = groups.gender(j);
                        person
                            && if g == Gender::Plural {
                                have == Gender::Plural
                            } else {
                                have != Gender::Plural && compatible(g, have)
                            }
                    })
                    // The nearest person may be no speaker: `Councillor Tom Hale said … “…,”
                    // he said` after Mayor Ana Ruiz's quote is Hale's, not Ruiz's.
                    .filter(|&j| {
                        !other_person_between(text, &skip, speakers[j], speakers[i].start.0)
                    })
                    .map(|j| (j, LinkReason::Pronoun))
            }
            Kind::Role { head, definite } => {
                let found = if *definite {
                    roles.get(head).copied().or_else(|| {
                        // "Mayor Ingrid Solvang" … "the mayor", when one person has the title.
                        let mut people: Vec<usize> = by_title
                            .get(head)
                            .map(|v| v.iter().map(|&j| groups.root(j)).collect())
                            .unwrap_or_default();
                        crate::sort::sort(&mut people);
                        people.dedup();
                        match people.as_slice() {
                            [_] => by_title.get(head).and_then(|v| v.last().copied()),
                            _ => None,
                        }
                    })
                } else {
                    None
                };
                roles.insert(head.clone(), i);
                found.map(|j| (j, LinkReason::Role))
            }
            Kind::Other => None,
        };
        if let Some((j, reason)) = link {
            groups.join(i, j);
            links.push(SameAs {
                from: i,
                to: j,
                reason,
            });
        }
    }
    links
}

/// Groups the mentions `speakers` by the links `links` (and any others, for example the ones
/// [`group_speakers`] proposes): one entity per group, in the order of its first mention, named
/// by its fullest name.
pub fn entities(text: &str, speakers: &[Span], links: &[SameAs]) -> Vec<SpeakerEntity> {
    let n = speakers.len();
    let mut groups = Groups {
        parent: (0..n).collect(),
        gender: vec![Gender::Unknown; n],
    };
    for l in links.iter().filter(|l| l.from < n && l.to < n) {
        groups.join(l.from, l.to);
    }
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = groups.root(i);
        by_root.entry(r).or_default().push(i);
    }
    let mut out: Vec<SpeakerEntity> = by_root
        .into_values()
        .map(|mut mentions| {
            crate::sort::sort_by_key(&mut mentions, |&i| (speakers[i].start, speakers[i].end, i));
            let texts: Vec<&str> = mentions
                .iter()
                .map(|&i| text.get(speakers[i].range()).unwrap_or(""))
                .collect();
            SpeakerEntity {
                name: fullest_name(&texts),
                mentions,
            }
        })
        .collect();
    crate::sort::sort_by_key(&mut out, |e| {
        let first = e.mentions[0];
        (speakers[first].start, speakers[first].end, first)
    });
    out
}

/// The fullest name among one person's mentions: the longest name (the first, on a tie); else
/// the longest role phrase; else the first mention. White space is folded.
pub fn fullest_name(mentions: &[&str]) -> String {
    if let [only] = mentions {
        // Nothing to rank (most entities of a large article are one mention).
        return fold_space(only);
    }
    let rank = |m: &str| match classify(m) {
        Kind::Name { .. } => 3,
        Kind::Role { .. } => 2,
        Kind::Other => 1,
        Kind::Pronoun(_) => 0,
    };
    let mut best: Option<(u8, usize, &str)> = None;
    for m in mentions {
        let key = (rank(m), m.chars().count());
        if best.is_none_or(|(r, len, _)| key > (r, len)) {
            best = Some((key.0, key.1, m));
        }
    }
    best.map_or_else(String::new, |(_, _, m)| fold_space(m))
}

/// `m` with its white space folded: words joined by one space, none at either end.
fn fold_space(m: &str) -> String {
    let mut out = String::with_capacity(m.len());
    for w in m.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The `same_as` links [`group_speakers`] proposes for a document's speaker annotations, as
/// (later mention, earlier mention) pairs, leaving out mentions already in the same entity (by
/// the document's own `same_as` links), so accepting them all changes only what is new.
pub fn propose_same_as(doc: &Document) -> Vec<(AnnotationId, AnnotationId, LinkReason)> {
    let speakers: Vec<&crate::document::Annotation> = doc
        .annotations()
        .iter()
        .filter(|a| {
            doc.label(a.label)
                .is_some_and(|l| label_role(l) == Role::Speaker)
        })
        .collect();
    let spans: Vec<Span> = speakers.iter().map(|a| a.span).collect();
    let entity_of: HashMap<AnnotationId, usize> = doc_entities(doc)
        .into_iter()
        .enumerate()
        .flat_map(|(k, e)| e.mentions.into_iter().map(move |m| (m, k)))
        .collect();
    group_speakers(doc.text().as_str(), &spans)
        .into_iter()
        .filter_map(|l| {
            let (a, b) = (&speakers[l.from].id, &speakers[l.to].id);
            (entity_of.get(a) != entity_of.get(b) || !entity_of.contains_key(a))
                .then(|| (a.clone(), b.clone(), l.reason))
        })
        .collect()
}

/// The `same_as` links [`group_speakers`] proposes between the speaker suggestions of
/// `suggestions` (as `suggest` returns them for `text`): (later, earlier, reason), as indices
/// into `suggestions`.
pub fn suggestion_links(
    text: &str,
    suggestions: &[super::Suggestion],
) -> Vec<(usize, usize, LinkReason)> {
    let at: Vec<usize> = suggestions
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == super::SuggestKind::Speaker)
        .map(|(i, _)| i)
        .collect();
    let spans: Vec<Span> = at.iter().map(|&i| suggestions[i].span).collect();
    group_speakers(text, &spans)
        .into_iter()
        .map(|l| (at[l.from], at[l.to], l.reason))
        .collect()
}

/// A document's speaker annotations in text order, and each one's place in that list by id.
fn speaker_mentions(
    doc: &Document,
) -> (
    Vec<&crate::document::Annotation>,
    HashMap<&AnnotationId, usize>,
) {
    let speakers: Vec<&crate::document::Annotation> = doc
        .annotations()
        .iter()
        .filter(|a| {
            doc.label(a.label)
                .is_some_and(|l| label_role(l) == Role::Speaker)
        })
        .collect();
    let index = speakers
        .iter()
        .enumerate()
        .map(|(i, a)| (&a.id, i))
        .collect();
    (speakers, index)
}

/// Attribution scored by person rather than by mention: a suggested (quote, speaker) pair is
/// right when the quote matches a gold quote exactly and its speaker matches any gold speaker
/// mention of the same entity as the gold quote's speaker. Gold entities come from the gold's
/// `same_as` links, and with `group_gold` also from the links [`group_speakers`] proposes
/// between the gold's speaker mentions (for gold files that have no links of their own).
pub fn entity_attribution(
    gold: &Document,
    predicted: &[super::Suggestion],
    group_gold: bool,
) -> super::Counts {
    use crate::attribution::ATTRIBUTED_TO;
    let (speakers, index) = speaker_mentions(gold);
    let n = speakers.len();
    let mut groups = Groups {
        parent: (0..n).collect(),
        gender: vec![Gender::Unknown; n],
    };
    for e in doc_entities(gold) {
        for pair in e.mentions.windows(2) {
            if let (Some(&a), Some(&b)) = (index.get(&pair[0]), index.get(&pair[1])) {
                groups.join(a, b);
            }
        }
    }
    if group_gold {
        let spans: Vec<Span> = speakers.iter().map(|a| a.span).collect();
        for l in group_speakers(gold.text().as_str(), &spans) {
            groups.join(l.from, l.to);
        }
    }
    let mut entity_spans: HashMap<usize, Vec<Span>> = HashMap::new();
    for (i, a) in speakers.iter().enumerate() {
        let r = groups.root(i);
        entity_spans.entry(r).or_default().push(a.span);
    }
    let quote_span: HashMap<&AnnotationId, Span> = gold
        .annotations()
        .iter()
        .filter(|a| {
            gold.label(a.label)
                .is_some_and(|l| label_role(l) == Role::Quote)
        })
        .map(|a| (&a.id, a.span))
        .collect();
    let mut gold_pairs: Vec<(Span, usize)> = gold
        .relations()
        .iter()
        .filter(|r| r.kind == ATTRIBUTED_TO)
        .filter_map(|r| Some((*quote_span.get(&r.from)?, *index.get(&r.to)?)))
        .map(|(q, s)| (q, groups.root(s)))
        .collect();
    gold_pairs.sort_unstable();
    gold_pairs.dedup();
    let predicted_pairs: HashMap<Span, Span> = super::attributions(predicted).into_iter().collect();
    let tp = gold_pairs
        .iter()
        .filter(|(q, e)| {
            predicted_pairs
                .get(q)
                .is_some_and(|p| entity_spans.get(e).is_some_and(|v| v.contains(p)))
        })
        .count();
    super::Counts {
        tp,
        fp: predicted_pairs.len().saturating_sub(tp),
        fn_: gold_pairs.len() - tp,
    }
}

/// How well [`group_speakers`] groups a gold document's speaker mentions into the gold's
/// people, counted over pairs of mentions: a pair is a true positive when both groupings put
/// its two mentions together, a false positive when only the proposed one does, a false
/// negative when only the gold's `same_as` links do. The flag says whether the gold has any
/// `same_as` link: a gold set annotated for people may have files without one (every speaker
/// a different person), but a set with none anywhere was not annotated for people and the
/// counts mean nothing. Quadratic in the number of speaker mentions.
pub fn grouping_pairs(gold: &Document) -> (super::Counts, bool) {
    let (speakers, index) = speaker_mentions(gold);
    let n = speakers.len();
    let fresh = || Groups {
        parent: (0..n).collect(),
        gender: vec![Gender::Unknown; n],
    };
    let (mut truth, mut proposed) = (fresh(), fresh());
    let mut linked = false;
    for e in doc_entities(gold) {
        for pair in e.mentions.windows(2) {
            if let (Some(&a), Some(&b)) = (index.get(&pair[0]), index.get(&pair[1])) {
                truth.join(a, b);
                linked = true;
            }
        }
    }
    let spans: Vec<Span> = speakers.iter().map(|a| a.span).collect();
    for l in group_speakers(gold.text().as_str(), &spans) {
        proposed.join(l.from, l.to);
    }
    let mut c = super::Counts::default();
    for i in 0..n {
        for j in i + 1..n {
            match (
                truth.root(i) == truth.root(j),
                proposed.root(i) == proposed.root(j),
            ) {
                (true, true) => c.tp += 1,
                (false, true) => c.fp += 1,
                (true, false) => c.fn_ += 1,
                (false, false) => {}
            }
        }
    }
    (c, linked)
}
