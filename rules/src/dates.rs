//! Dates and times: month and weekday names, numeric dates, ranges, years in a date-like
//! context, clock times and relative expressions, in English, with German and French lists
//! when the text is in those languages.
//!
//! Every parser takes the index of a token and gives back the index just past what it matched,
//! so the rules compose; the longest match at each position wins.

use crate::lex::{strip_elision, Cursor, Lang, Tk, Token, Words};

/// Finds every date or time expression, as byte spans in text order; they never overlap.
pub(crate) fn find(toks: &[Token], lang: Lang) -> Vec<(usize, usize)> {
    let p = P::new(toks, lang);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match p.best_at(i) {
            Some(end) if end > i => {
                let last = &toks[end - 1];
                // "Tuesday’s meeting": the date is "Tuesday".
                let trim = ["’s", "'s"]
                    .iter()
                    .find(|p| last.kind == Tk::Word && last.lower.ends_with(*p))
                    .map_or(0, |p| p.len());
                out.push((toks[i].start, last.end - trim));
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The parser: the tokens and the language, and what each token is read as, worked out once
/// (the expressions ask for the same token many times).
struct P<'a> {
    t: &'a [Token],
    lang: Lang,
    /// Each word without a possessive ending.
    bases: Vec<&'a str>,
    /// Each token read as a month name (see [`P::month_at`]).
    months: Vec<Option<(usize, bool)>>,
    /// Each token read as a weekday name (see [`P::weekday_at`]).
    weekdays: Vec<Option<usize>>,
}

static EN_MONTHS: Words = Words::new(&[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]);
static EN_MONTH_ABBR: Words = Words::new(&[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "febr",
]);
static DE_MONTHS: Words = Words::new(&[
    "januar",
    "jänner",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
]);
static FR_MONTHS: Words = Words::new(&[
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "fevrier",
]);
static EN_WEEKDAYS: Words = Words::new(&[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
]);
static EN_WEEKDAY_ABBR: Words = Words::new(&[
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
]);
static DE_WEEKDAYS: Words = Words::new(&[
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonnabend",
    "sonntag",
]);
static FR_WEEKDAYS: Words = Words::new(&[
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
]);
static DE_PARTS_OF_DAY: Words = Words::new(&[
    "morgen",
    "vormittag",
    "mittag",
    "nachmittag",
    "abend",
    "nacht",
    "früh",
]);

static EN_PARTS_OF_DAY: Words = Words::new(&["morning", "afternoon", "evening", "night"]);
static FR_PARTS_OF_DAY: Words = Words::new(&["matin", "soir", "après-midi", "soirée", "nuit"]);
static REL_UNITS: Words = Words::new(&[
    "week",
    "month",
    "year",
    "weekend",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "morning",
    "afternoon",
    "evening",
    "night",
    "decade",
    "century",
    "quarter",
]);
static COUNT_WORDS: Words = Words::new(&[
    "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "several", "few",
]);
static AGO_UNITS: Words = Words::new(&[
    "day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades",
    "hour", "hours", "minute", "minutes",
]);
/// Words before a bare year that make it a date.
static YEAR_CTX: Words = Words::new(&[
    "in",
    "since",
    "by",
    "until",
    "till",
    "before",
    "after",
    "of",
    "from",
    "during",
    "through",
    "throughout",
    "around",
    "circa",
    "early",
    "late",
    "mid",
    "year",
    "between",
]);
static YEAR_CTX_DE: Words = Words::new(&[
    "im", "seit", "bis", "ab", "vor", "nach", "von", "jahr", "jahres", "anfang", "mitte", "ende",
    "um", "zwischen",
]);
static YEAR_CTX_FR: Words = Words::new(&[
    "en",
    "depuis",
    "avant",
    "après",
    "dès",
    "jusqu’en",
    "jusqu'en",
    "année",
    "an",
    "début",
    "fin",
    "entre",
]);
/// Words before an ambiguous month name ("May", French "mars") that make it a month.
static MONTH_CTX: Words = Words::new(&[
    "in",
    "since",
    "by",
    "until",
    "till",
    "early",
    "late",
    "mid",
    "of",
    "last",
    "next",
    "this",
    "from",
    "through",
    "during",
    "before",
    "after",
    "end",
    "beginning",
    "start",
]);
static MONTH_CTX_FR: Words = Words::new(&[
    "en",
    "depuis",
    "début",
    "fin",
    "dès",
    "d’ici",
    "d'ici",
    "jusqu’en",
    "mi",
]);
/// Nouns without a final s that follow a count, not a year ("the 1400 people").
static PLURALS: Words = Words::new(&[
    "people",
    "children",
    "men",
    "women",
    "police",
    "staff",
    "personnel",
    "cattle",
]);

/// True for a weekday name in any of the known languages (lower case).
pub(crate) fn is_weekday_word(w: &str) -> bool {
    EN_WEEKDAYS.contains(&w) || DE_WEEKDAYS.contains(&w) || FR_WEEKDAYS.contains(&w)
}

impl<'a> Cursor<'a> for P<'a> {
    fn tokens(&self) -> &'a [Token] {
        self.t
    }
}

impl<'a> P<'a> {
    /// The word at `i` without a possessive ending (`tuesday’s` → `tuesday`).
    fn base(&self, i: usize) -> &'a str {
        self.bases.get(i).copied().unwrap_or("")
    }

    /// The parser over `t`.
    fn new(t: &'a [Token], lang: Lang) -> Self {
        let mut p = P {
            t,
            lang,
            bases: Vec::new(),
            months: Vec::new(),
            weekdays: Vec::new(),
        };
        p.bases = (0..t.len()).map(|i| p.base_at(i)).collect();
        p.months = (0..t.len()).map(|i| p.month_at(i)).collect();
        p.weekdays = (0..t.len()).map(|i| p.weekday_at(i)).collect();
        p
    }

    /// A month name at `i` (see [`P::month_at`]).
    fn month(&self, i: usize) -> Option<(usize, bool)> {
        self.months.get(i).copied().flatten()
    }

    /// A weekday name at `i` (see [`P::weekday_at`]).
    fn weekday(&self, i: usize) -> Option<usize> {
        self.weekdays.get(i).copied().flatten()
    }

    /// [`P::base`], worked out.
    fn base_at(&self, i: usize) -> &'a str {
        let w = self.w(i);
        w.strip_suffix("’s")
            .or_else(|| w.strip_suffix("'s"))
            .filter(|b| !b.is_empty())
            .unwrap_or(w)
    }

    /// The lower-case word before `i`, or "".
    fn prev_w(&self, i: usize) -> &'a str {
        i.checked_sub(1).map_or("", |k| self.w(k))
    }

    /// True when token `i` is a capitalised word.
    fn cap(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.kind == Tk::Word && t.cap)
    }

    /// The value and digit count of the number at `i`.
    fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.tok(i)?;
        (t.kind == Tk::Num).then_some((t.value, t.end - t.start))
    }

    fn de(&self) -> bool {
        self.lang == Lang::De
    }

    fn fr(&self) -> bool {
        self.lang == Lang::Fr
    }

    /// A month name: the index after it and whether it needs support (a day or year next to
    /// it, or a word such as "in" before it) to count as a month.
    fn month_at(&self, i: usize) -> Option<(usize, bool)> {
        let w = self.w(i);
        if w.is_empty() {
            return None;
        }
        let b = self.base(i);
        if self.cap(i) && EN_MONTHS.contains(&b) {
            return Some((i + 1, b == "may"));
        }
        if self.cap(i) && EN_MONTH_ABBR.contains(&w) {
            return Some(if self.adj(i) && self.p(i + 1, &['.']) {
                (i + 2, false)
            } else {
                (i + 1, true)
            });
        }
        if self.de() && self.cap(i) && DE_MONTHS.contains(&w) {
            return Some((i + 1, false));
        }
        if self.fr() && FR_MONTHS.contains(&w) {
            return Some((i + 1, true));
        }
        None
    }

    /// True when the word before `i` supports an ambiguous month name at `i`.
    fn month_ctx(&self, i: usize) -> bool {
        let prev = self.prev_w(i);
        MONTH_CTX.contains(&prev) || (self.fr() && MONTH_CTX_FR.contains(&prev))
    }

    /// A weekday name (an abbreviation needs its full stop), or a German compound with a part
    /// of the day (`Samstagabend`).
    fn weekday_at(&self, i: usize) -> Option<usize> {
        let w = self.base(i);
        if w.is_empty() {
            return None;
        }
        if self.cap(i) && EN_WEEKDAYS.contains(&w) {
            return Some(i + 1);
        }
        if self.cap(i) && EN_WEEKDAY_ABBR.contains(&w) && self.adj(i) && self.p(i + 1, &['.']) {
            return Some(i + 2);
        }
        if self.de() && self.cap(i) {
            if DE_WEEKDAYS.contains(&w) {
                return Some(i + 1);
            }
            let compound = DE_WEEKDAYS.iter().any(|d| {
                w.strip_prefix(d)
                    .is_some_and(|rest| DE_PARTS_OF_DAY.contains(&rest))
            });
            if compound {
                return Some(i + 1);
            }
        }
        if self.fr() && FR_WEEKDAYS.contains(&w) {
            return Some(i + 1);
        }
        None
    }

    /// True for a part of the day that can follow a weekday or "tomorrow".
    fn part_of_day(&self, i: usize) -> bool {
        let w = self.w(i);
        EN_PARTS_OF_DAY.contains(&w)
            || (self.de() && self.cap(i) && DE_PARTS_OF_DAY.contains(&w))
            || (self.de() && w == "früh")
            || (self.fr() && FR_PARTS_OF_DAY.contains(&w))
    }

    /// A day of the month, 1 to 31, with an ordinal suffix if any (`18th`, `1er`).
    fn day(&self, i: usize) -> Option<usize> {
        let (v, d) = self.num(i)?;
        if d > 2 || !(1..=31).contains(&v) {
            return None;
        }
        if self.adj(i) && ["st", "nd", "rd", "th", "er", "e", "re", "ème"].contains(&self.w(i + 1))
        {
            return Some(i + 2);
        }
        // "18:30" and "4.1" are not days.
        if self.adj(i) && self.p(i + 1, &[':']) {
            return None;
        }
        Some(i + 1)
    }

    /// A day, with the German ordinal full stop (`3.`) when the text is German.
    fn day_de(&self, i: usize) -> Option<usize> {
        let e = self.day(i)?;
        if self.de() && e == i + 1 && self.adj(i) && self.p(i + 1, &['.']) {
            return Some(i + 2);
        }
        Some(e)
    }

    /// A four-digit year from 1000 to 2099.
    fn year(&self, i: usize) -> Option<usize> {
        let (v, d) = self.num(i)?;
        (d == 4 && (1000..=2099).contains(&v)).then_some(i + 1)
    }

    /// `a.m.`, `p.m.`, `am`, `pm` (any case).
    fn ampm(&self, i: usize) -> Option<usize> {
        let w = self.w(i);
        if (w == "a" || w == "p")
            && self.adj(i)
            && self.p(i + 1, &['.'])
            && self.adj(i + 1)
            && self.w(i + 2) == "m"
        {
            let e = i + 3;
            return Some(if self.adj(i + 2) && self.p(e, &['.']) {
                e + 1
            } else {
                e
            });
        }
        (w == "am" || w == "pm").then_some(i + 1)
    }

    /// A clock time: `14:30`, `9 a.m.`, `9.30 a.m.`, `11 Uhr`, `18 h 30`, `noon`.
    fn time(&self, i: usize) -> Option<usize> {
        let w = self.w(i);
        if ["noon", "midday", "midnight"].contains(&w)
            || (self.fr() && ["midi", "minuit"].contains(&w))
            || (self.de() && w == "mitternacht")
        {
            return Some(i + 1);
        }
        if self.de() && w == "halb" {
            let hour = self
                .num(i + 1)
                .is_some_and(|(h, d)| d <= 2 && (1..=12).contains(&h))
                || [
                    "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun",
                    "zehn", "elf", "zwölf",
                ]
                .contains(&self.w(i + 1));
            return hour.then_some(i + 2);
        }
        let (h, d) = self.num(i)?;
        if d > 2 || h > 24 {
            return None;
        }
        // The minutes of a duration such as 2:21:47.
        if i >= 2
            && self.p(i - 1, &[':'])
            && self.adj(i - 2)
            && self.adj(i - 1)
            && self.num(i - 2).is_some()
        {
            return None;
        }
        let unit = |k: usize| -> Option<usize> {
            self.ampm(k).or_else(|| {
                let w = self.w(k);
                let fr_hours = self.fr() && (w == "heures" || w == "heure");
                (w == "uhr" || w == "o’clock" || w == "o'clock" || fr_hours).then_some(k + 1)
            })
        };
        // 14:30, 9:15 a.m.
        if self.adj(i) && self.p(i + 1, &[':']) && self.adj(i + 1) {
            if let Some((m, 2)) = self.num(i + 2) {
                if m <= 59
                    && !(self.adj(i + 2) && self.p(i + 3, &[':', '.']) && self.num(i + 4).is_some())
                {
                    return Some(unit(i + 3).unwrap_or(i + 3));
                }
            }
        }
        // 9.30 a.m., 14.30 Uhr
        if self.adj(i) && self.p(i + 1, &['.']) && self.adj(i + 1) {
            if let Some((m, 2)) = self.num(i + 2) {
                if m <= 59 {
                    if let Some(e) = unit(i + 3) {
                        return Some(e);
                    }
                }
            }
        }
        // 18 h 30, 18h30, 9h
        if self.w(i + 1) == "h" && (self.fr() || self.adj(i)) {
            let e = i + 2;
            return Some(match self.num(e) {
                Some((m, 2)) if m <= 59 => e + 1,
                _ => e,
            });
        }
        if let Some(e) = self.ampm(i + 1) {
            return (1..=12).contains(&h).then_some(e);
        }
        unit(i + 1)
    }

    /// A bare hour (`10` in "10 to 11 a.m."), only ever the first half of a range.
    fn bare_hour(&self, i: usize) -> Option<usize> {
        let (h, d) = self.num(i)?;
        (d <= 2 && h <= 24).then_some(i + 1)
    }

    /// A time, or a range of times without a preposition (`9-11 a.m.`, `10 to 11 p.m.`).
    fn time_expr(&self, i: usize) -> Option<usize> {
        let first = self.time(i);
        let x = first.or_else(|| self.bare_hour(i))?;
        let conn = self.p(x, &['-', '–']) || ["to", "until", "till", "bis"].contains(&self.w(x));
        if conn {
            if let Some(y) = self.time(x + 1) {
                return Some(y);
            }
        }
        first
    }

    /// Numeric dates: `2026-03-18`, `18/03/2026`, `3/18/2026`, `18.03.2026`.
    fn numeric(&self, i: usize) -> Option<usize> {
        let (a, da) = self.num(i)?;
        let glued = |k: usize, seps: &[char]| self.adj(k) && self.p(k + 1, seps) && self.adj(k + 1);
        if da == 4 {
            let sep = self.tok(i + 1)?.ch;
            if !glued(i, &['-', '/', '.']) || !glued(i + 2, &[sep]) {
                return None;
            }
            let (m, dm) = self.num(i + 2)?;
            let (d, dd) = self.num(i + 4)?;
            return (dm <= 2 && dd <= 2 && (1..=12).contains(&m) && (1..=31).contains(&d))
                .then_some(i + 5);
        }
        if da > 2 || !glued(i, &['/', '.', '-']) {
            return None;
        }
        let sep = self.tok(i + 1)?.ch;
        if !glued(i + 2, &[sep]) {
            return None;
        }
        let (b, db) = self.num(i + 2)?;
        let (_, dy) = self.num(i + 4)?;
        let ok = db <= 2
            && (dy == 4 || dy == 2)
            && a >= 1
            && b >= 1
            && ((a <= 31 && b <= 12) || (a <= 12 && b <= 31));
        // Not part of a longer chain such as a version number or a phone number.
        let longer =
            self.adj(i + 4) && self.p(i + 5, &['.', '/', '-', ':']) && self.num(i + 6).is_some();
        (ok && !longer).then_some(i + 5)
    }

    /// The tail of a day range: `and 19`, `-6`, `to 20`.
    fn day_range_tail(&self, k: usize) -> Option<usize> {
        let conn = self.p(k, &['-', '–', '&'])
            || ["and", "to", "through", "or", "und", "bis", "et", "au"].contains(&self.w(k));
        if !conn {
            return None;
        }
        self.day_de(k + 1)
    }

    /// A year after a day or month: `, 2026` or `2026`.
    fn year_tail(&self, k: usize) -> Option<usize> {
        if self.p(k, &[',']) {
            if let Some(e) = self.year(k + 1) {
                return Some(e);
            }
        }
        self.year(k)
    }

    /// Month first: `March 18`, `March 18 and 19`, `April 5-6`, `Oct. 2, 1994`, `March 2022`.
    /// With `alone`, a month name by itself counts too.
    fn month_first(&self, i: usize, alone: bool) -> Option<usize> {
        let (e, needs) = self.month(i)?;
        if let Some(d) = self.day(e) {
            let mut k = d;
            if let Some(k2) = self.day_range_tail(k) {
                k = k2;
            }
            return Some(self.year_tail(k).unwrap_or(k));
        }
        if let Some(y) = self.year(e) {
            return Some(y);
        }
        if self.w(e) == "of" {
            if let Some(y) = self.year(e + 1) {
                return Some(y);
            }
        }
        let recurring = ["every", "each"].contains(&self.prev_w(i));
        (alone && !recurring && (!needs || self.month_ctx(i))).then_some(e)
    }

    /// Day first: `18 March 2026`, `5–6 April`, `3. Mai 1936`, `12 mars`, `18th of March`.
    fn day_first(&self, i: usize) -> Option<usize> {
        let mut k = self.day_de(i)?;
        if let Some(k2) = self.day_range_tail(k) {
            k = k2;
        }
        if self.w(k) == "of" {
            k += 1;
        }
        let (m, _) = self.month(k)?;
        Some(self.year_tail(m).unwrap_or(m))
    }

    /// A weekday, with a following date (`Thursday, April 24`), part of the day (`Tuesday
    /// night`) or second weekday (`Friday and Saturday`, `Monday to Wednesday`).
    fn weekday_expr(&self, i: usize) -> Option<usize> {
        let e = self.weekday(i)?;
        let prev = self.prev_w(i);
        if ["every", "each"].contains(&prev) {
            return None;
        }
        // "a Sunday league match", "the Sunday boat": the weekday describes a noun.
        if ["a", "an", "the"].contains(&prev)
            && self.tok(e).is_some_and(|t| t.kind == Tk::Word && !t.cap)
            && !self.part_of_day(e)
            && !["and", "or", "to", "through", "before", "after"].contains(&self.w(e))
        {
            return None;
        }
        let j = if self.p(e, &[',']) { e + 1 } else { e };
        let dated = self
            .month_first(j, false)
            .into_iter()
            .chain(self.day_first(j))
            .max();
        if let Some(x) = dated {
            return Some(x);
        }
        let mut k = e;
        if self.part_of_day(k) {
            k += 1;
        }
        if self.fr() && ["dernier", "prochain"].contains(&self.w(k)) {
            k += 1;
        }
        let conn = self.p(k, &['-', '–'])
            || [
                "and", "to", "through", "till", "until", "or", "bis", "und", "et", "au",
            ]
            .contains(&self.w(k));
        if conn {
            if let Some(mut y) = self.weekday(k + 1) {
                if self.part_of_day(y) {
                    y += 1;
                }
                return Some(y);
            }
        }
        Some(k)
    }

    /// True when the context of the number at `i` makes it a year.
    fn year_ctx(&self, i: usize) -> bool {
        let prev = self.prev_w(i);
        let before = |k: usize| i.checked_sub(k).and_then(|j| self.tok(j));
        // Glued to other digits or a currency: "1.2025", "$2025".
        if before(1).is_some_and(|t| {
            t.is(&[',', '.', '$', '£', '€', '#', '/', ':']) && t.end == self.t[i].start
        }) || (self.adj(i)
            && self.p(i + 1, &['%', ',', '.', ':', '/'])
            && self.adj(i + 1)
            && self.num(i + 2).is_some())
        {
            return false;
        }
        if YEAR_CTX.contains(&prev)
            || (self.de() && YEAR_CTX_DE.contains(&prev))
            || (self.fr() && YEAR_CTX_FR.contains(&prev))
        {
            return true;
        }
        if prev == "as" && ["early", "late", "recently", "soon"].contains(&self.prev_w(i - 1)) {
            return true;
        }
        let alone_before = before(1).is_none_or(|t| t.kind == Tk::Break || t.is(&['(', '[', '—']));
        let alone_after = self
            .tok(i + 1)
            .is_none_or(|t| t.kind == Tk::Break || t.is(&[')', ']']));
        if alone_before && alone_after {
            return true;
        }
        // "the 2025 festival", but not "the 1400 people".
        let (v, _) = self.num(i).unwrap_or((0, 0));
        [
            "the", "this", "that", "its", "their", "his", "her", "our", "a",
        ]
        .contains(&prev)
            && (1900..=2099).contains(&v)
            && self.tok(i + 1).is_some_and(|t| {
                t.kind == Tk::Word
                    && !t.cap
                    && !t.lower.ends_with('s')
                    && !PLURALS.contains(&t.lower.as_str())
            })
    }

    /// Years: `1950s`, `2019-2021`, and a bare year in a date-like context.
    fn year_expr(&self, i: usize) -> Option<usize> {
        let e = self.year(i)?;
        if self.adj(i) && self.w(e) == "s" {
            return Some(e + 1);
        }
        if self.p(e, &['-', '–']) {
            if let Some((_, d)) = self.num(e + 1) {
                if d == 4 && self.year(e + 1).is_some() || d == 2 && self.adj(e) {
                    return Some(e + 2);
                }
            }
        }
        self.year_ctx(i).then_some(e)
    }

    /// A season with a year: `fall 2026`, `summer of 2025`, `Herbst 2024`.
    fn season_year(&self, i: usize) -> Option<usize> {
        let w = self.w(i);
        let season = ["spring", "summer", "autumn", "fall", "winter"].contains(&w)
            || (self.de() && ["frühling", "frühjahr", "sommer", "herbst", "winter"].contains(&w))
            || (self.fr()
                && ["printemps", "été", "automne", "hiver"].contains(&strip_elision(w).0));
        if !season {
            return None;
        }
        let k = if self.w(i + 1) == "of" { i + 2 } else { i + 1 };
        self.year(k)
    }

    /// Relative expressions: `today`, `tomorrow night`, `last week`, `earlier this year`,
    /// `three days ago`, `gestern`, `la semaine dernière`.
    fn relative(&self, i: usize) -> Option<usize> {
        let w = self.w(i);
        if w.is_empty() {
            return None;
        }
        let b = self.base(i);
        if ["today", "tomorrow", "yesterday", "tonight"].contains(&b) {
            let e = i + 1;
            let more = b == w && w != "tonight" && self.part_of_day(e);
            return Some(if more { e + 1 } else { e });
        }
        if ["earlier", "later"].contains(&w) && ["this", "last", "next"].contains(&self.w(i + 1)) {
            if let Some(e) = self.rel_det(i + 1) {
                return Some(e);
            }
        }
        if let Some(e) = self.rel_det(i) {
            return Some(e);
        }
        if w == "the"
            && ["following", "next", "previous"].contains(&self.w(i + 1))
            && [
                "day", "week", "month", "year", "morning", "evening", "night", "weekend",
            ]
            .contains(&self.w(i + 2))
        {
            return Some(i + 3);
        }
        // three days ago, a few weeks ago
        let mut k = i;
        if COUNT_WORDS.contains(&w) || self.num(i).is_some_and(|(_, d)| d <= 3) {
            k += 1;
            if self.w(k) == "few" {
                k += 1;
            }
            if AGO_UNITS.contains(&self.w(k)) && self.w(k + 1) == "ago" {
                return Some(k + 2);
            }
        }
        if self.de() {
            return self.relative_de(i);
        }
        if self.fr() {
            return self.relative_fr(i);
        }
        None
    }

    /// `last week`, `this morning`, `next Tuesday`, `next March`.
    fn rel_det(&self, i: usize) -> Option<usize> {
        if !["last", "next", "this", "coming", "past", "previous"].contains(&self.w(i)) {
            return None;
        }
        let k = i + 1;
        if REL_UNITS.contains(&self.base(k)) {
            return Some(k + 1);
        }
        if let Some(mut e) = self.weekday(k) {
            if self.part_of_day(e) {
                e += 1;
            }
            return Some(e);
        }
        if self.cap(k) && EN_MONTHS.contains(&self.w(k)) {
            return Some(k + 1);
        }
        None
    }

    fn relative_de(&self, i: usize) -> Option<usize> {
        let w = self.w(i);
        let single = ["heute", "gestern", "vorgestern", "übermorgen"].contains(&w)
            || (w == "morgen" && !self.cap(i));
        if single {
            let e = i + 1;
            return Some(if self.part_of_day(e) { e + 1 } else { e });
        }
        let det = ["letzte", "vergangene", "nächste", "kommende", "diese"]
            .iter()
            .any(|d| {
                w.strip_prefix(d)
                    .is_some_and(|rest| ["", "n", "r", "s", "m"].contains(&rest))
            });
        if det {
            let k = i + 1;
            let unit = [
                "woche",
                "monat",
                "jahr",
                "jahres",
                "wochenende",
                "sommer",
                "winter",
                "herbst",
                "frühling",
                "frühjahr",
            ]
            .contains(&self.w(k));
            if unit || self.weekday(k).is_some() || self.month(k).is_some_and(|(_, n)| !n) {
                return Some(k + 1);
            }
        }
        None
    }

    fn relative_fr(&self, i: usize) -> Option<usize> {
        let w = self.w(i);
        if [
            "aujourd’hui",
            "aujourd'hui",
            "hier",
            "demain",
            "avant-hier",
            "après-demain",
        ]
        .contains(&w)
        {
            let e = i + 1;
            return Some(if self.part_of_day(e) { e + 1 } else { e });
        }
        let units = [
            "matin",
            "soir",
            "après-midi",
            "semaine",
            "mois",
            "mois-ci",
            "année",
            "an",
            "week-end",
            "printemps",
            "été",
            "automne",
            "hiver",
            "nuit",
        ];
        if ["ce", "cet", "cette"].contains(&w) && units.contains(&self.w(i + 1)) {
            return Some(i + 2);
        }
        let last_next = [
            "dernier",
            "dernière",
            "prochain",
            "prochaine",
            "passé",
            "passée",
        ];
        // la semaine dernière, le mois prochain
        if ["la", "le"].contains(&w)
            && units.contains(&self.w(i + 1))
            && last_next.contains(&self.w(i + 2))
        {
            return Some(i + 3);
        }
        // l’année dernière
        let (rest, n) = strip_elision(w);
        if n > 0 && units.contains(&rest) && last_next.contains(&self.w(i + 1)) {
            return Some(i + 2);
        }
        None
    }

    /// A month or year with a modifier: `early February`, `late 2025`, `mid-March`, `the end of
    /// June`, `Ende April`, `fin mars`.
    fn modified(&self, i: usize) -> Option<usize> {
        let w = self.w(i);
        if w.is_empty() {
            return None;
        }
        let target = |k: usize| -> Option<usize> {
            self.month_first(k, true)
                .or_else(|| self.month(k).map(|(e, _)| e))
                .or_else(|| self.year_expr(k).or_else(|| self.year(k)))
        };
        if ["early", "late", "mid"].contains(&w) {
            let k = if w == "mid" && self.p(i + 1, &['-', '‐']) {
                i + 2
            } else {
                i + 1
            };
            // "late Friday", "early Tuesday morning"
            let weekday = if w == "mid" {
                None
            } else {
                self.weekday_expr(k)
            };
            return target(k).into_iter().chain(weekday).max();
        }
        for prefix in ["mid-", "mi-"] {
            if let Some(rest) = w.strip_prefix(prefix) {
                let month = EN_MONTHS.contains(&rest) || (self.fr() && FR_MONTHS.contains(&rest));
                if month {
                    let e = i + 1;
                    return Some(self.year(e).unwrap_or(e));
                }
            }
        }
        let k = if w == "the" { i + 1 } else { i };
        if ["end", "beginning", "start", "middle"].contains(&self.w(k)) && self.w(k + 1) == "of" {
            let j = k + 2;
            if self.w(j) == "the" && ["year", "month", "week"].contains(&self.w(j + 1)) {
                return Some(j + 2);
            }
            return target(j);
        }
        if self.de() && self.cap(i) && ["anfang", "mitte", "ende"].contains(&w) {
            return target(i + 1);
        }
        if self.fr() && ["début", "fin"].contains(&w) {
            return target(i + 1);
        }
        None
    }

    /// Any date expression at `i` (not a time), the longest.
    fn date(&self, i: usize) -> Option<usize> {
        [
            self.numeric(i),
            self.month_first(i, true),
            self.day_first(i),
            self.weekday_expr(i),
            self.year_expr(i),
            self.season_year(i),
            self.relative(i),
            self.modified(i),
        ]
        .into_iter()
        .flatten()
        .max()
    }

    /// A range with its preposition: `from Monday to Wednesday`, `between 2019 and 2021`,
    /// `from noon to 11 p.m.`, `von 10 bis 17 Uhr`.
    fn range_from(&self, i: usize) -> Option<usize> {
        let conns: &[&str] = match self.w(i) {
            "from" => &["to", "until", "till", "through", "-", "–"],
            "between" => &["and"],
            "von" | "vom" => &["bis"],
            "zwischen" => &["und"],
            "du" => &["au"],
            "entre" => &["et"],
            _ => return None,
        };
        let is_conn = |k: usize| {
            self.tok(k).is_some_and(|t| match t.kind {
                Tk::Word => conns.contains(&t.lower.as_str()),
                Tk::Punct => conns.iter().any(|c| c.chars().eq(std::iter::once(t.ch))),
                _ => false,
            })
        };
        let s = i + 1;
        // 0: date to date, 1: time to time, 2: bare hour to time ("10 bis 17 Uhr").
        for mode in 0..3 {
            let x = match mode {
                0 => self.date(s).or_else(|| self.year(s)),
                1 => self.time(s),
                _ => self.bare_hour(s),
            };
            let Some(x) = x else { continue };
            // The range may already be inside the first expression ("Monday to Wednesday").
            if mode < 2 && (s..x).any(is_conn) {
                return Some(x);
            }
            let k = if self.p(x, &[',']) { x + 1 } else { x };
            if is_conn(k) {
                let y = if mode == 0 {
                    self.date(k + 1).or_else(|| self.year(k + 1))
                } else {
                    self.time(k + 1)
                };
                if y.is_some() {
                    return y;
                }
            }
        }
        None
    }

    /// The longest expression starting at `i`.
    fn best_at(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        if !matches!(t.kind, Tk::Word | Tk::Num) {
            return None;
        }
        [self.range_from(i), self.date(i), self.time_expr(i)]
            .into_iter()
            .flatten()
            .max()
    }
}
