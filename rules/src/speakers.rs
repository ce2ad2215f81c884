//! Speakers: the attribution clause around each quote (`“…,” said X`, `“…,” X said`, `X said:
//! “…”`, `according to X`, `„…“, so X`, `», a déclaré X`), the speaker mention in it, and the
//! quotes that carry on without a clause of their own.

use crate::dates::is_weekday_word;
use crate::lex::{strip_elision, Cursor, Lang, Tk, Token, Words};
use crate::quotes::Found;
use std::collections::HashSet;

/// What the rules found out about one quote.
#[derive(Clone, Debug, Default)]
pub(crate) struct Info {
    /// The speaker mention, in bytes.
    pub speaker: Option<(usize, usize)>,
    /// The cue ("said", "told reporters"), in bytes.
    pub cue: Option<(usize, usize)>,
    /// The speaker comes from a neighbouring quote, not from a clause of this one.
    pub inherited: bool,
    /// A naming word stands right before the quote (`so-called “…”`, `dubbed “…”`).
    pub named: bool,
    /// A short phrase after an article or possessive (`a “reading passport”`): a term unless
    /// a clause says whose words it is. Only `named` for fewer than four words.
    pub term: bool,
    /// Its sentence reports or judges speech before it (`said`, `called`, `portrayed`).
    pub reported: bool,
    /// The quote sits inside a sentence after a word, and starts in lower case: a fragment.
    pub fragment: bool,
    /// Number of words inside the quote.
    pub words: usize,
    /// The quote ends with sentence punctuation inside its marks (`,”`, `.”`).
    pub punct_inside: bool,
}

/// Small words a title in title case may keep in lower case.
static TITLE_SMALL: Words = Words::new(&[
    "of", "the", "a", "an", "and", "or", "in", "on", "at", "to", "for", "with", "de", "la", "le",
    "der", "die", "das", "und", "von",
]);
/// Determiners that make a quoted phrase after them a term (`a “reading passport”`).
static TERM_DETS: Words = Words::new(&[
    "a", "an", "the", "this", "that", "their", "its", "our", "his", "her", "le", "la", "les", "un",
    "une", "der", "die", "das", "ein", "eine",
]);

static CUES_EN: Words = Words::new(&[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "asked",
    "asks",
    "explained",
    "explains",
    "wrote",
    "writes",
    "stated",
    "states",
    "noted",
    "notes",
    "insisted",
    "insists",
    "warned",
    "warns",
    "argued",
    "argues",
    "recalled",
    "recalls",
    "replied",
    "replies",
    "continued",
    "continues",
    "declared",
    "declares",
    "announced",
    "announces",
    "admitted",
    "admits",
    "acknowledged",
    "acknowledges",
    "conceded",
    "concedes",
    "claimed",
    "claims",
    "complained",
    "complains",
    "remarked",
    "remarks",
    "observed",
    "observes",
    "shouted",
    "whispered",
    "joked",
    "jokes",
    "posted",
    "tweeted",
    "confirmed",
    "confirms",
    "predicted",
    "predicts",
    "promised",
    "promises",
    "urged",
    "urges",
    "emphasised",
    "emphasized",
    "stressed",
    "stresses",
    "answered",
    "answers",
    "responded",
    "responds",
    "suggested",
    "suggests",
    "agreed",
    "agrees",
    "countered",
    "counters",
    "cautioned",
    "cautions",
    "pleaded",
    "laughed",
    "sighed",
    "recounted",
    "recounts",
    "testified",
    "testifies",
    "wondered",
    "mused",
    "quipped",
    "boasted",
    "vowed",
    "vows",
    "reiterated",
    "maintained",
    "maintains",
    "snapped",
    "sighs",
    "reckoned",
    "reckons",
    "exclaimed",
    "murmured",
    "muttered",
    "pointed",
    "cried",
    "yelled",
    "screamed",
    "retorted",
    "interjected",
    "advised",
    // Verbs of news reporting (PolNeAR train errors): praise, blame, emotion, writing.
    "implored",
    "implores",
    "praised",
    "praises",
    "accused",
    "accuses",
    "gushed",
    "gushes",
    "fumed",
    "fumes",
    "chimed",
    "blasted",
    "blasts",
    "slammed",
    "slams",
    "charged",
    "charges",
    "contended",
    "contends",
    "asserted",
    "asserts",
    "alleged",
    "alleges",
    "lamented",
    "laments",
    "touted",
    "touts",
    "mocked",
    "mocks",
    "bragged",
    "brags",
    "scoffed",
    "sneered",
    "demanded",
    "demands",
    "pledged",
    "pledges",
    "proclaimed",
    "proclaims",
    "reasoned",
    "speculated",
    "opined",
    "ranted",
    "raged",
    "thundered",
    "barked",
    "growled",
    "huffed",
    "hissed",
    "chuckled",
    "begged",
    "assured",
    "assures",
    "reported",
    "reports",
    "repeated",
    "repeats",
    "echoed",
    "echoes",
    "affirmed",
    "affirms",
    "clarified",
    "elaborated",
    "mentioned",
    "protested",
    "questioned",
    "revealed",
    "reveals",
    "summarized",
    "summed",
    "tweets",
    "posts",
    "texted",
    "emailed",
    "read",
    "reads",
    "concluded",
    "concludes",
    "cheered",
    "chanted",
    "thanked",
    "criticized",
    "criticised",
    "criticizes",
    "attacked",
    "attacks",
    "defended",
    "defends",
    "denounced",
    "denounces",
    "decried",
    "derided",
    "ridiculed",
    "hailed",
    "applauded",
    "welcomed",
    "condemned",
    "condemns",
    "rejected",
    "disputed",
    "denied",
    "denies",
    "scolded",
    "lectured",
    "commented",
    "sings",
    "sang",
    "yells",
    "shouts",
    "screams",
    "chants",
    "cries",
    "whispers",
    "mutters",
    "quips",
    "wonders",
]);
/// Participles of speech verbs after a main clause (`…, saying “…”`): the main clause's
/// subject is the speaker.
static CUES_ING: Words = Words::new(&[
    "saying",
    "adding",
    "telling",
    "writing",
    "noting",
    "arguing",
    "calling",
    "asking",
    "warning",
    "explaining",
    "insisting",
    "declaring",
    "claiming",
    "describing",
    "tweeting",
    "urging",
    "accusing",
    "vowing",
    "promising",
    "labeling",
    "labelling",
    "referring",
    "dubbing",
    "complaining",
    "suggesting",
    "stating",
    "charging",
    "praising",
    "pledging",
    "questioning",
    "mocking",
]);
/// Speech verbs that are also plural nouns (`his claims`, `the reports`).
static NOUN_CUES: Words = Words::new(&[
    "claims", "reports", "charges", "remarks", "notes", "answers", "attacks", "promises",
    "pledges", "demands", "posts", "tweets", "counters", "echoes", "states", "vows", "laments",
    "blasts", "replies", "reads", "writes", "asks", "cries", "chants", "shouts", "screams",
    "whispers", "quips",
]);
/// Speech verbs that, capitalised, are rather part of a name (`the United States`).
static NOT_CUES_CAPITALISED: Words = Words::new(&["states", "reads", "read", "charges", "reports"]);
/// Cues whose object is the listener, never the speaker (`told his supporters, “…”`).
static CUES_TO_LISTENER: Words =
    Words::new(&["told", "tells", "thanked", "accused", "praised", "urged"]);
/// Verbs that introduce a quoted fragment inside reported speech (`called the plan “…”`).
static CUES_FRAGMENT: Words = Words::new(&[
    "called",
    "calls",
    "described",
    "describes",
    "dismissed",
    "branded",
    "labelled",
    "labeled",
    "termed",
    "nannte",
    "nennt",
    "bezeichnete",
    "qualifié",
    "qualifie",
]);
/// Verbs that judge or characterise (`portrayed them as “…”`), and nouns for what someone
/// said (`his claim that …`): a quoted phrase after them is someone's words, not a term.
static JUDGING: Words = Words::new(&[
    "portray",
    "portrays",
    "portrayed",
    "portraying",
    "refer",
    "refers",
    "referred",
    "characterize",
    "characterizes",
    "characterized",
    "characterizing",
    "characterise",
    "characterised",
    "liken",
    "likens",
    "likened",
    "likening",
    "compared",
    "comparing",
    "heralded",
    "hailing",
    "viewed",
    "views",
    "regards",
    "regarded",
    "considers",
    "deemed",
    "deems",
    "cited",
    "citing",
    "blasting",
    "slamming",
    "denouncing",
    "deriding",
    "touting",
    "dismissing",
    "branding",
    "describe",
    "label",
    "labels",
    "brands",
    "considered",
    "referenced",
    "specified",
    "quoted",
    "quoting",
    "claim",
    "statement",
    "remark",
    "remarks",
    "comment",
    "comments",
    "promise",
    "pledge",
    "warning",
    "assertion",
    "argument",
    "accusation",
    "speech",
    "testimony",
    "prediction",
]);
/// Common irregular verbs in the past tense, which no role phrase contains.
static PAST_VERBS: Words = Words::new(&[
    "began",
    "sought",
    "took",
    "made",
    "went",
    "came",
    "gave",
    "got",
    "held",
    "kept",
    "left",
    "met",
    "ran",
    "saw",
    "sent",
    "spent",
    "stood",
    "thought",
    "won",
    "brought",
    "bought",
    "felt",
    "found",
    "knew",
    "led",
    "lost",
    "paid",
    "spoke",
    "struck",
    "threw",
    "became",
    "drew",
    "fell",
    "grew",
    "hit",
    "heard",
    "meant",
    "rose",
    "sat",
    "shot",
    "sold",
    "took",
    "wore",
    "broke",
    "chose",
    "forgot",
    "hid",
    "let",
    "quit",
    "shut",
    "slept",
    "taught",
    "understood",
    "withdrew",
    "is",
    "was",
    "are",
    "were",
    "has",
    "had",
    "have",
    "can",
    "could",
    "will",
    "would",
    "should",
    "may",
    "might",
    "must",
    "does",
    "did",
]);
/// Words for works whose titles stand in quotation marks (`the documentary “…”`).
static WORKS: Words = Words::new(&[
    "book",
    "books",
    "memoir",
    "novel",
    "show",
    "shows",
    "program",
    "programme",
    "series",
    "episode",
    "broadcast",
    "documentary",
    "film",
    "movie",
    "song",
    "anthem",
    "album",
    "play",
    "musical",
    "podcast",
    "essay",
    "poem",
    "painting",
    "campaign",
    "slogan",
    "initiative",
    "project",
    "act",
    "bill",
    "thriller",
    "drama",
    "sitcom",
    "comedy",
    "magazine",
    "newsletter",
    "blog",
    "ad",
    "ads",
    "spot",
    "video",
    "screening",
    "role",
    "roles",
    "film's",
    "exhibit",
    "exhibition",
    "opera",
    "clip",
    "clips",
    "commentary",
    "column",
    "op-ed",
    "editorial",
    "biography",
    "autobiography",
    "sequel",
    "revival",
    "remake",
    "reboot",
]);
/// Words right before a quote that make it a name or title, not someone's words.
static NAMING: Words = Words::new(&[
    "so-called",
    "dubbed",
    "nicknamed",
    "nickname",
    "nicknames",
    "moniker",
    "named",
    "called",
    "call",
    "calls",
    "titled",
    "entitled",
    "sogenannte",
    "sogenannten",
    "genannt",
    "surnommé",
    "baptisé",
    "intitulé",
]);
static CUES_DE: Words = Words::new(&[
    "sagte",
    "sagt",
    "sagten",
    "erklärte",
    "erklärt",
    "betonte",
    "betont",
    "meinte",
    "meint",
    "fügte",
    "ergänzte",
    "ergänzt",
    "berichtete",
    "berichtet",
    "warnte",
    "warnt",
    "kritisierte",
    "kritisiert",
    "schrieb",
    "schreibt",
    "erzählt",
    "erzählte",
    "antwortete",
    "antwortet",
    "versicherte",
    "versichert",
    "bestätigte",
    "bestätigt",
    "forderte",
    "fordert",
    "mahnte",
    "mahnt",
    "kommentierte",
    "unterstrich",
    "unterstreicht",
    "sagen",
    "räumte",
    "lobt",
    "lobte",
    "klagt",
    "klagte",
    "beklagt",
    "beklagte",
    "erinnert",
    "erinnerte",
    "fragt",
    "fragte",
    "ruft",
    "rief",
    "resümiert",
    "resümierte",
    "stellt",
    "stellte",
]);
static CUES_FR: Words = Words::new(&[
    "déclare",
    "dit",
    "affirme",
    "explique",
    "ajoute",
    "précise",
    "souligne",
    "assure",
    "reconnaît",
    "estime",
    "indique",
    "confie",
    "raconte",
    "annonce",
    "répond",
    "insiste",
    "lance",
    "rappelle",
    "regrette",
    "poursuit",
    "résume",
    "tranche",
    "martèle",
    "prévient",
    "témoigne",
    "commente",
    "conclut",
    "soupire",
    "lâche",
    "glisse",
    "ironise",
    "relève",
    "observe",
    "note",
    "juge",
    "dénonce",
    "déplore",
    "constate",
    "avoue",
    "admet",
    "réagit",
    "plaisante",
    "proteste",
    "interroge",
    "demande",
    "répète",
]);
static PARTICIPLES_FR: Words = Words::new(&[
    "déclaré",
    "dit",
    "affirmé",
    "expliqué",
    "ajouté",
    "précisé",
    "souligné",
    "assuré",
    "reconnu",
    "estimé",
    "indiqué",
    "confié",
    "raconté",
    "annoncé",
    "répondu",
    "insisté",
    "lancé",
    "rappelé",
    "regretté",
    "prévenu",
    "averti",
    "témoigné",
    "commenté",
    "conclu",
    "soupiré",
    "lâché",
    "glissé",
    "ironisé",
    "relevé",
    "observé",
    "noté",
    "jugé",
    "dénoncé",
    "déploré",
    "constaté",
    "avoué",
    "admis",
    "réagi",
    "demandé",
    "répété",
]);
static REFLEXIVE_FR: Words = Words::new(&[
    "indigne",
    "inquiète",
    "exclame",
    "interroge",
    "agace",
    "amuse",
    "étonne",
    "emporte",
    "insurge",
    "félicite",
    "désole",
    "alarme",
    "réjouit",
    "impatiente",
]);
static AUX_FR: Words = Words::new(&["a", "ont", "avait", "avaient", "aurait"]);
static PRONOUNS_EN: Words = Words::new(&["he", "she", "they", "we", "i", "it"]);
static PRONOUNS_DE: Words = Words::new(&["er", "sie"]);
static PRONOUNS_FR: Words = Words::new(&["il", "elle", "ils", "elles"]);
static DETS_EN: Words = Words::new(&[
    "a", "an", "the", "one", "another", "his", "her", "their", "its", "our", "my", "your", "two",
    "three", "several", "some",
]);
static DETS_DE: Words = Words::new(&[
    "der", "die", "das", "ein", "eine", "einer", "eines", "einem", "den", "dem", "des", "sein",
    "seine", "ihr", "ihre",
]);
static DETS_FR: Words = Words::new(&[
    "le", "la", "les", "un", "une", "son", "sa", "ses", "leur", "leurs", "ce", "cet", "cette",
]);
/// Words that end a role phrase.
static STOPS: Words = Words::new(&[
    "of", "for", "at", "in", "on", "with", "from", "to", "by", "who", "whose", "which", "that",
    "and", "but", "or", "as", "after", "before", "during", "while", "when", "where", "about",
    "over", "under", "is", "was", "were", "are", "has", "had", "have", "will", "would", "not",
    "bei", "von", "für", "aus", "mit", "im", "am", "um", "auf", "nach", "vor", "seit", "zu", "zum",
    "zur", "und", "dass", "de", "du", "des", "à", "au", "aux", "en", "pour", "sur", "dans", "qui",
    "que", "lors", "et", "avec", "chez", "also", "later", "then",
]);
/// Words that may stand, capitalised, at the start of a sentence without being a name.
static NOT_NAMES: Words = Words::new(&[
    // Sentence adverbs and conjunctions (PolNeAR train errors).
    "back",
    "unless",
    "likewise",
    "similarly",
    "thus",
    "hence",
    "therefore",
    "otherwise",
    "indeed",
    "perhaps",
    "maybe",
    "finally",
    "first",
    "second",
    "third",
    "next",
    "especially",
    "ultimately",
    "overall",
    "separately",
    "notably",
    "specifically",
    "additionally",
    "furthermore",
    "moreover",
    "nevertheless",
    "nonetheless",
    "regardless",
    "accordingly",
    "consequently",
    "previously",
    "recently",
    "currently",
    "initially",
    "originally",
    "eventually",
    "once",
    "again",
    "already",
    "rather",
    "whether",
    "whatever",
    "whereas",
    "except",
    "such",
    "other",
    "few",
    "several",
    "any",
    "more",
    "less",
    "much",
    "like",
    "unlike",
    "among",
    "amid",
    "through",
    "without",
    "within",
    "across",
    "against",
    "toward",
    "towards",
    "upon",
    "via",
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "but",
    "and",
    "or",
    "so",
    "then",
    "when",
    "while",
    "after",
    "before",
    "as",
    "if",
    "asked",
    "speaking",
    "last",
    "this",
    "that",
    "these",
    "those",
    "meanwhile",
    "however",
    "also",
    "still",
    "yet",
    "now",
    "here",
    "there",
    "it",
    "we",
    "they",
    "he",
    "she",
    "i",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "according",
    "since",
    "until",
    "during",
    "although",
    "though",
    "because",
    "despite",
    "under",
    "over",
    "about",
    "what",
    "why",
    "how",
    "who",
    "where",
    "which",
    "some",
    "many",
    "most",
    "all",
    "both",
    "each",
    "every",
    "no",
    "not",
    "today",
    "yesterday",
    "tomorrow",
    "one",
    "another",
    "earlier",
    "later",
    "instead",
    "only",
    "even",
    "just",
    "nor",
    "to",
    "of",
    "is",
    "was",
    "are",
    "were",
    "will",
    "would",
    "can",
    "could",
    "should",
    "might",
    "must",
    "do",
    "does",
    "did",
    "has",
    "have",
    "had",
    "your",
    "dazu",
    "auch",
    "doch",
    "aber",
    "und",
    "oder",
    "denn",
    "nun",
    "dann",
    "wie",
    "als",
    "wenn",
    "nach",
    "vor",
    "mit",
    "am",
    "im",
    "um",
    "der",
    "die",
    "das",
    "ein",
    "eine",
    "er",
    "sie",
    "es",
    "wir",
    "ihr",
    "ich",
    "man",
    "le",
    "la",
    "les",
    "un",
    "une",
    "et",
    "mais",
    "ou",
    "donc",
    "puis",
    "alors",
    "il",
    "elle",
    "ils",
    "elles",
    "on",
    "nous",
    "vous",
    "je",
    "selon",
    "pour",
    "dans",
    "avec",
    "sur",
    "en",
    "au",
    "aux",
    "du",
    "des",
    "de",
    "yes",
    "oh",
    "well",
    "please",
    "thank",
    "thanks",
]);
/// Name particles (`de la Cruz`, `van Dijk`, `al-`); `der`, `den`, `la`, `le` and `des` only
/// after another particle.
static PARTICLES: Words = Words::new(&[
    "de", "du", "da", "di", "del", "della", "van", "von", "ten", "ter", "al", "bin", "ibn", "el",
    "dos", "das", "zu", "y", "st",
]);
static LATE_PARTICLES: Words = Words::new(&["der", "den", "la", "le", "des"]);
/// Abbreviated titles and other words whose full stop does not end a sentence.
static ABBREVIATIONS: Words = Words::new(&[
    "del", "adm", "atty", "maj", "cmdr", "amb", "supt", "det", "cpl", "pres", "dr", "mr", "mrs",
    "ms", "prof", "gen", "gov", "sen", "rep", "st", "lt", "col", "sgt", "capt", "rev", "hon", "fr",
    "jr", "sr", "mme", "mlle", "m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "no", "vs", "etc", "inc", "ltd", "co", "corp", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
]);
static TITLE_ABBREVIATIONS: Words = Words::new(&[
    "dr", "mr", "mrs", "ms", "prof", "gen", "gov", "sen", "rep", "st", "lt", "col", "sgt", "capt",
    "rev", "hon", "fr", "mme", "mlle", "m", "del", "adm", "atty", "maj", "cmdr", "amb", "supt",
    "det", "cpl", "pres",
]);
/// Adverbs and auxiliaries between a subject and its verb (`Ortega later said`).
static BETWEEN: Words = Words::new(&[
    "has",
    "had",
    "have",
    "also",
    "later",
    "then",
    "once",
    "again",
    "simply",
    "just",
    "previously",
    "already",
    "would",
    "will",
    "hat",
    "habe",
    "hatte",
]);
/// Words after "told" that belong to the cue.
static AUDIENCES: Words = Words::new(&[
    "reporters",
    "journalists",
    "listeners",
    "viewers",
    "supporters",
    "delegates",
    "lawmakers",
]);

/// A speaker span and its cue, in bytes.
type Attribution = ((usize, usize), Option<(usize, usize)>);

/// A noun phrase: its token range and byte span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Np {
    /// First token.
    ts: usize,
    /// One past the last token.
    te: usize,
    start: usize,
    end: usize,
    kind: NpKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NpKind {
    Pronoun,
    Name,
    Role,
}

/// The rules over one text's tokens.
struct S<'a> {
    s: &'a str,
    t: &'a [Token],
    lang: Lang,
    /// The words the text writes in lower case somewhere (to tell `Guns are …` at a
    /// sentence's start from a name).
    lower: HashSet<&'a str>,
}

impl<'a> Cursor<'a> for S<'a> {
    fn tokens(&self) -> &'a [Token] {
        self.t
    }
}

impl<'a> S<'a> {
    fn is_word(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.kind == Tk::Word)
    }

    fn np(&self, ts: usize, te: usize, kind: NpKind) -> Option<Np> {
        if te <= ts || te > self.t.len() {
            return None;
        }
        Some(Np {
            ts,
            te,
            start: self.t[ts].start,
            end: self.t[te - 1].end,
            kind,
        })
    }

    /// A pronoun with a verb contracted onto it (`he’s`, `they’re`, `she’d`): the pronoun's
    /// length in bytes.
    fn contracted_pronoun(&self, i: usize) -> Option<usize> {
        let w = self.w(i);
        let cut = w.find(['’', '\''])?;
        let (p, rest) = w.split_at(cut);
        let verb = rest.trim_start_matches(['’', '\'']);
        (PRONOUNS_EN.contains(&p) && ["s", "re", "d", "ll", "ve", "m"].contains(&verb))
            .then_some(p.len())
    }

    /// The pronoun at `i` as a noun phrase, without a verb contracted onto it.
    fn pronoun_np(&self, i: usize) -> Option<Np> {
        let mut np = self.np(i, i + 1, NpKind::Pronoun)?;
        if let Some(len) = self.contracted_pronoun(i) {
            np.end = np.start + len;
        }
        Some(np)
    }

    fn pronoun(&self, i: usize) -> bool {
        let w = self.w(i);
        self.contracted_pronoun(i).is_some()
            || PRONOUNS_EN.contains(&w)
            || (self.lang == Lang::De && PRONOUNS_DE.contains(&w))
            || (self.lang == Lang::Fr && PRONOUNS_FR.contains(&w))
    }

    fn det(&self, i: usize) -> bool {
        let w = self.w(i);
        DETS_EN.contains(&w)
            || (self.lang == Lang::De && DETS_DE.contains(&w))
            || (self.lang == Lang::Fr && DETS_FR.contains(&w))
    }

    /// A French word with its article elided into it (`l’inspectrice`).
    fn elided_det(&self, i: usize) -> bool {
        self.lang == Lang::Fr && {
            let w = self.w(i);
            (w.starts_with("l’") || w.starts_with("l'")) && strip_elision(w).1 > 0
        }
    }

    fn possessive(&self, i: usize) -> bool {
        let w = self.w(i);
        w.ends_with("’s") || w.ends_with("'s")
    }

    /// A lower-case word that reads as a verb in the past tense (`sought`, `issued`), which
    /// ends a role phrase before it (`The senator sought to …`).
    fn verb_like(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        let w = t.lower.as_str();
        t.kind == Tk::Word
            && !t.cap
            && self.lang == Lang::En
            && ((w.ends_with("ed") && w.len() > 4) || PAST_VERBS.contains(&w))
    }

    /// A capitalised word in the possessive (`Ruiz’s`, `Works’`).
    fn cap_possessive(&self, i: usize) -> bool {
        self.possessive(i) && self.tok(i).is_some_and(|t| t.cap)
    }

    fn stop(&self, i: usize) -> bool {
        let w = self.w(i);
        STOPS.contains(&w) || w.starts_with("d’") || w.starts_with("d'")
    }

    /// A speech verb (in any position; `so` and French auxiliaries are handled apart).
    fn cue_word(&self, i: usize) -> bool {
        let w = self.w(i);
        // "his claims", "32% of Republican claims", "the reports": a plural noun.
        if NOUN_CUES.contains(&w)
            && i >= 1
            && (self.w(i + 1) == "of"
                || self.det(i - 1)
                || self.possessive(i - 1)
                || [
                    "of", "these", "those", "such", "many", "new", "recent", "similar",
                ]
                .contains(&self.w(i - 1))
                || (i >= 2 && self.w(i - 2) == "of"))
        {
            return false;
        }
        // "the United States", "Reads" in a name: not verbs.
        if self.tok(i).is_some_and(|t| t.cap) && NOT_CUES_CAPITALISED.contains(&w) {
            return false;
        }
        CUES_EN.contains(&w)
            || (self.lang == Lang::De && CUES_DE.contains(&w))
            || (self.lang == Lang::Fr
                && (CUES_FR.contains(&w) || PARTICIPLES_FR.contains(&w) || self.reflexive(i)))
    }

    fn reflexive(&self, i: usize) -> bool {
        let w = self.w(i);
        ["s’", "s'"].iter().any(|p| {
            w.strip_prefix(p)
                .is_some_and(|rest| REFLEXIVE_FR.contains(&rest))
        })
    }

    /// A word that can be part of a name.
    fn name_tok(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        if t.kind != Tk::Word {
            return false;
        }
        let w = t.lower.as_str();
        // "De Blasio", "Le Pen", "Van Hollen": a capitalised particle before a name.
        if t.cap
            && (PARTICLES.contains(&w) || LATE_PARTICLES.contains(&w))
            && !self.abbreviation_with_stop(i)
        {
            return self
                .tok(i + 1)
                .is_some_and(|n| n.cap && n.kind == Tk::Word && n.start == t.end + 1)
                && self.name_tok(i + 1);
        }
        if t.cap {
            return !NOT_NAMES.contains(&w)
                && !is_weekday_word(w)
                && !self.possessive(i)
                && !CUES_EN.contains(&w);
        }
        // al-Rashid, el-Sayed
        ["al-", "el-", "bin-", "ben-"].iter().any(|p| {
            w.starts_with(p)
                && self
                    .s
                    .get(t.start + p.len()..t.end)
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_uppercase)
        })
    }

    /// A title abbreviation or an initial whose full stop follows (`Dr.`, `J.`).
    fn abbreviation_with_stop(&self, i: usize) -> bool {
        let w = self.w(i);
        let initial = w.chars().count() == 1 && self.tok(i).is_some_and(|t| t.cap);
        (TITLE_ABBREVIATIONS.contains(&w) || initial || ["jr", "sr"].contains(&w))
            && self.adj(i)
            && self.p(i + 1, &['.'])
    }

    /// True for an `of` inside the name of an office or a body (`Secretary of State`,
    /// `Association of Flight Attendants`): a capitalised word for one before it, a
    /// capitalised word after it.
    fn inner_of(&self, j: usize) -> bool {
        static OFFICES: Words = Words::new(&[
            "secretary",
            "association",
            "department",
            "university",
            "bank",
            "institute",
            "board",
            "council",
            "court",
            "committee",
            "chamber",
            "college",
            "union",
            "federation",
            "league",
            "office",
            "bureau",
            "ministry",
            "minister",
            "director",
            "chairman",
            "chairwoman",
            "chair",
            "governor",
            "mayor",
            "attorney",
            "general",
            "house",
            "center",
            "centre",
            "society",
            "academy",
            "school",
            "museum",
            "church",
            "state",
            "states",
            "republic",
            "city",
            "county",
            "people",
            "daughters",
            "sons",
            "friends",
            "speaker",
            "chief",
            "head",
            "commissioner",
            "commission",
            "coalition",
        ]);
        j >= 1
            && self.w(j) == "of"
            && self.tok(j - 1).is_some_and(|t| t.cap && t.kind == Tk::Word)
            && OFFICES.contains(&self.w(j - 1))
            && self.name_tok(j + 1)
    }

    /// The end of a name starting at `i`: capitalised words, particles, `Dr.` and initials.
    fn name_end(&self, i: usize) -> Option<usize> {
        if !self.name_tok(i) {
            return None;
        }
        let mut j = i;
        loop {
            // "Jock A. Finlayson": an initial, even one that reads as a word.
            if j > i && self.abbreviation_with_stop(j) && self.tok(j).is_some_and(|t| t.cap) {
                j += 2;
            } else if self.name_tok(j) {
                j += if self.abbreviation_with_stop(j) { 2 } else { 1 };
            } else if self.inner_of(j) {
                j += 1;
            } else if PARTICLES.contains(&self.w(j)) {
                let mut k = j + 1;
                while LATE_PARTICLES.contains(&self.w(k)) || PARTICLES.contains(&self.w(k)) {
                    k += 1;
                }
                if self.name_tok(k) {
                    j = k;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        // A name ends on a word, never on the full stop of a title alone.
        (j > i).then_some(j)
    }

    /// The noun phrase starting at `i`: a pronoun, a name, or a role phrase with its determiner.
    /// Lower-case words right before a name are left out (`board president Glenn Hardy`).
    fn np_forward(&self, i: usize) -> Option<Np> {
        let t = self.tok(i)?;
        if t.kind == Tk::Num {
            // "9/11 widow Ana Ruiz", "1990s ferry captain Ana Ruiz": descriptors to a name.
            let mut j = i;
            while j < i + 6 && self.tok(j).is_some_and(|t| t.kind != Tk::Break) {
                if self.name_tok(j) {
                    return self.np_forward(j).filter(|n| n.kind == NpKind::Name);
                }
                let part = self.is_word(j)
                    || self
                        .tok(j)
                        .is_some_and(|t| t.kind == Tk::Num || t.is(&['/', '-']));
                if !part || self.stop(j) || self.cue_word(j) {
                    return None;
                }
                j += 1;
            }
            return None;
        }
        if t.kind != Tk::Word {
            return None;
        }
        if self.pronoun(i) {
            return self.pronoun_np(i);
        }
        // "Ms. Ruiz’s spokesman", "Halvard’s Ana Ruiz": a name in the possessive is a
        // determiner.
        if let Some(e) = self.name_end(i).filter(|&e| self.cap_possessive(e)) {
            let np = self.np_forward(e)?;
            return match np.kind {
                NpKind::Role => self.np(i, np.te, NpKind::Role),
                _ => Some(np),
            };
        }
        let det = self.det(i) || self.possessive(i);
        // "Dunmore’s Lena Okoye": the name, not the possessive before it.
        if self.cap_possessive(i) {
            if let Some(e) = self.name_end(i + 1) {
                return self.np(i + 1, e, NpKind::Name);
            }
        }
        if det || self.elided_det(i) {
            let first = if det { i + 1 } else { i };
            let mut j = first;
            while j < first + 6 && self.is_word(j) {
                if j > first
                    && (self.det(j) || self.stop(j) || self.cue_word(j) || self.verb_like(j))
                {
                    // "the actor held a …": no determiner follows a noun phrase, so the word
                    // before it was a verb.
                    if self.det(j) && j > first + 1 && !self.det(j - 1) {
                        j -= 1;
                    }
                    break;
                }
                if j == first && (self.stop(j) || self.cue_word(j) || self.pronoun(j)) {
                    break;
                }
                if self.name_tok(j) && j > first && !self.tok(j - 1).is_some_and(|t| t.cap) {
                    // det + descriptors + name: the name; but "a senior Ruiz adviser": a
                    // name that modifies a noun after it is part of the role.
                    let e = self.name_end(j)?;
                    let modifier = self.tok(e).is_some_and(|t| t.kind == Tk::Word && !t.cap)
                        && !self.stop(e)
                        && !self.cue_word(e)
                        && !self.verb_like(e)
                        && !self.det(e)
                        && !BETWEEN.contains(&self.w(e))
                        && !(self.w(e).ends_with("ly"));
                    if !modifier {
                        return self.np(j, e, NpKind::Name);
                    }
                    j = e;
                    continue;
                }
                // "The Harbour Times’s Ana Ruiz": the name after a possessive.
                if j > first && self.cap_possessive(j) {
                    if let Some(np) = self.np_forward(j).filter(|n| n.kind == NpKind::Name) {
                        return Some(np);
                    }
                }
                j += if self.abbreviation_with_stop(j) { 2 } else { 1 };
            }
            return self.np(i, j, NpKind::Role).filter(|np| np.te > first);
        }
        if let Some(e) = self.name_end(i) {
            // "Cal Fire spokesperson Jon Reyes": the person, not the organisation.
            let mut j = e;
            // Not an adverb or a verb: "Tom Hale openly admires Ana Ruiz".
            let descriptor = |k: usize| {
                let w = self.w(k);
                self.is_word(k)
                    && !self.tok(k).is_some_and(|t| t.cap)
                    && !self.stop(k)
                    && !self.cue_word(k)
                    && !self.pronoun(k)
                    && !self.det(k)
                    && !w.ends_with("ed")
                    && !(w.ends_with("ly") && w.len() > 4 && w != "family")
                    && (!w.ends_with('s') || w.ends_with("ss"))
                    && !BETWEEN.contains(&w)
            };
            while self.lang == Lang::En && j < e + 2 && descriptor(j) {
                j += 1;
            }
            if j > e {
                if let Some(e2) = self.name_end(j) {
                    return self.np(j, e2, NpKind::Name);
                }
            }
            return self.np(i, e, NpKind::Name);
        }
        // Lower-case descriptors before a name.
        let mut j = i;
        while j < i + 5
            && self.is_word(j)
            && !self.stop(j)
            && !self.cue_word(j)
            && !self.name_tok(j)
        {
            j += 1;
        }
        if j > i {
            if self.name_end(j).is_some() {
                // "former Salem governor Ana Ruiz": the person, as above.
                return self.np_forward(j);
            }
            // A bare plural: "residents", "officials".
            if j == i + 1 && self.w(i).ends_with('s') && !t.cap {
                return self.np(i, i + 1, NpKind::Role);
            }
        }
        None
    }

    /// The noun phrase ending at token `e` (inclusive), found walking back. Through "of", "for"
    /// and the like, the head before them wins (`a spokesperson for the council`).
    fn np_backward(&self, e: usize, depth: u8) -> Option<Np> {
        let t = self.tok(e)?;
        if t.kind != Tk::Word || self.stop(e) || self.cue_word(e) {
            return None;
        }
        let np = if self.pronoun(e) {
            self.pronoun_np(e)?
        } else if self.name_tok(e) {
            let mut s = e;
            loop {
                // "Dr. Ruiz", "Secretary of State Ruiz"
                if s >= 2
                    && ((self.p(s - 1, &['.']) && self.abbreviation_with_stop(s - 2))
                        || self.inner_of(s - 1))
                {
                    s -= 2;
                } else if s >= 1 && self.name_tok(s - 1) {
                    s -= 1;
                } else if s >= 2
                    && (PARTICLES.contains(&self.w(s - 1))
                        || LATE_PARTICLES.contains(&self.w(s - 1)))
                {
                    // Walk over a run of particles to the name before it.
                    let mut k = s - 1;
                    while k >= 1
                        && (PARTICLES.contains(&self.w(k - 1))
                            || LATE_PARTICLES.contains(&self.w(k - 1)))
                    {
                        k -= 1;
                    }
                    if k >= 1 && self.name_tok(k - 1) && PARTICLES.contains(&self.w(k)) {
                        s = k - 1;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            if s >= 1 && self.det(s - 1) {
                s -= 1;
                self.np(s, e + 1, NpKind::Role)?
            } else {
                self.np(s, e + 1, NpKind::Name)?
            }
        } else {
            let mut s = e;
            let mut found = false;
            while s + 5 > e && s >= 1 {
                if self.elided_det(s) {
                    found = true;
                    break;
                }
                let k = s - 1;
                if self.det(k) {
                    s = k;
                    found = true;
                    break;
                }
                if self.is_word(k) && !self.stop(k) && !self.cue_word(k) && !self.pronoun(k) {
                    s = k;
                } else {
                    break;
                }
            }
            if found {
                self.np(s, e + 1, NpKind::Role)?
            } else if t.lower.ends_with('s') && !t.cap && !self.possessive(e) {
                self.np(e, e + 1, NpKind::Role)?
            } else {
                return None;
            }
        };
        // German genitive: "ein Sprecher der Stadt" → "ein Sprecher".
        if depth < 2
            && self.lang == Lang::De
            && ["der", "des"].contains(&self.w(np.ts))
            && np.ts >= 1
        {
            if let Some(head) = self.np_backward(np.ts - 1, depth + 1) {
                if head.kind == NpKind::Role {
                    return Some(head);
                }
            }
        }
        // "An aide speaking to a radio station said", "a memo seen by the paper warns": the
        // noun phrase is the participle's object, the subject is before it.
        if depth < 2
            && np.ts >= 3
            && [
                "to", "by", "with", "from", "in", "on", "at", "through", "into", "outside",
                "around", "near", "across", "for",
            ]
            .contains(&self.w(np.ts - 1))
            && {
                let p = self.w(np.ts - 2);
                (p.ends_with("ing") || p.ends_with("ed"))
                    && p.len() > 4
                    && !self.cue_word(np.ts - 2)
            }
        {
            if let Some(head) = self.np_backward(np.ts - 3, depth + 1) {
                return Some(head);
            }
        }
        if depth < 2 && np.ts >= 2 {
            let prep = self.w(np.ts - 1);
            if [
                "of", "for", "at", "from", "with", "on", "in", "de", "du", "des", "von", "für",
                "bei",
            ]
            .contains(&prep)
            {
                if let Some(head) = self.np_backward(np.ts - 2, depth + 1) {
                    if head.kind != NpKind::Pronoun {
                        return Some(head);
                    }
                }
            }
        }
        Some(np)
    }

    /// True when token `i` ends a sentence.
    fn sentence_end(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return true };
        match t.kind {
            Tk::Break => true,
            Tk::Punct => match t.ch {
                '!' | '?' | ';' => true,
                '.' => {
                    let after_abbr = i >= 1
                        && self.adj(i - 1)
                        && (ABBREVIATIONS.contains(&self.w(i - 1))
                            || (self.w(i - 1).chars().count() == 1
                                && self.tok(i - 1).is_some_and(|t| t.cap)));
                    // "$1.6 billion": a decimal point.
                    let decimal = i >= 1
                        && self.adj(i - 1)
                        && self.adj(i)
                        && self.tok(i - 1).is_some_and(|t| t.kind == Tk::Num)
                        && self.tok(i + 1).is_some_and(|t| t.kind == Tk::Num);
                    // "Springfield, Va., said": a full stop before a comma ends no sentence.
                    // "(D-Md.) said": nor one before a closing bracket.
                    !after_abbr && !decimal && !self.p(i + 1, &[',', ')'])
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// The cue starting at `i`, as the index after it: a speech verb, `told reporters`,
    /// `according to`, `selon`, `laut`, French `a déclaré`.
    fn cue_at(&self, i: usize) -> Option<usize> {
        let w = self.w(i);
        if w.is_empty() {
            return None;
        }
        if w == "according" && self.w(i + 1) == "to" {
            return Some(i + 2);
        }
        // "as the report put it", "as Ana Ruiz puts it"
        if ["put", "puts"].contains(&w)
            && self.w(i + 1) == "it"
            && (i.saturating_sub(6)..i).any(|k| self.w(k) == "as")
        {
            return Some(i + 2);
        }
        if (self.lang == Lang::Fr && (w == "selon" || w == "d’après" || w == "d'après"))
            || (self.lang == Lang::De && w == "laut")
        {
            return Some(i + 1);
        }
        if self.lang == Lang::Fr && AUX_FR.contains(&w) && PARTICIPLES_FR.contains(&self.w(i + 1)) {
            return Some(i + 2);
        }
        if self.cue_word(i) {
            // "continued to fight", "pointed to the map": not speech.
            if ["continued", "continues", "pointed"].contains(&w) && self.w(i + 1) == "to" {
                return None;
            }
            if w == "told" && AUDIENCES.contains(&self.w(i + 1)) {
                return Some(i + 2);
            }
            if self.lang == Lang::De && w == "fügte" && self.w(i + 1) == "hinzu" {
                return Some(i + 2);
            }
            return Some(i + 1);
        }
        None
    }

    /// A French inverted verb with its pronoun (`dit-il`, `a-t-elle`): the speaker (the
    /// pronoun) and the cue, in bytes.
    fn fr_inverted(&self, i: usize) -> Option<((usize, usize), (usize, usize))> {
        if self.lang != Lang::Fr {
            return None;
        }
        let t = self.tok(i)?;
        let raw = self.s.get(t.start..t.end)?;
        let cut = raw.rfind('-')?;
        let pron = &raw[cut + 1..];
        if !PRONOUNS_FR.contains(&pron.to_lowercase().as_str()) {
            return None;
        }
        let verb = raw.split('-').next().unwrap_or("").to_lowercase();
        let speaker = (t.start + cut + 1, t.end);
        if AUX_FR.contains(&verb.as_str()) && PARTICIPLES_FR.contains(&self.w(i + 1)) {
            return Some((speaker, (t.start, self.t[i + 1].end)));
        }
        (CUES_FR.contains(&verb.as_str()) || PARTICIPLES_FR.contains(&verb.as_str()))
            .then_some((speaker, (t.start, t.start + verb.len())))
    }

    /// The subject after a cue (`said X`, `according to X`); a role followed by a name in
    /// apposition gives the name (`said his lawyer, Martin de la Cruz`).
    fn subject_after(&self, i: usize) -> Option<Np> {
        let np = self.np_forward(i)?;
        // Over a prepositional phrase: "the director of human resources, Sophie Arnaud".
        let mut comma = np.te;
        if np.kind == NpKind::Role && !self.p(comma, &[',']) {
            let w = self.w(comma);
            let prep = ["of", "for", "at", "de", "du", "des", "von", "der", "des"].contains(&w)
                || w.starts_with("d’")
                || w.starts_with("d'");
            if prep {
                let mut k = comma + 1;
                while k < comma + 7 && self.is_word(k) {
                    k += 1;
                }
                comma = k;
            }
        }
        if np.kind == NpKind::Role && self.p(comma, &[',']) {
            if let Some(name) = self
                .np_forward(comma + 1)
                .filter(|n| n.kind == NpKind::Name)
            {
                let ends = self.tok(name.te).is_none_or(|t| {
                    t.kind == Tk::Break
                        || t.is(&['.', ',', ';', ':', ')', '!', '?'])
                        || ["who", "whose", "which", "qui", "der", "die"]
                            .contains(&t.lower.as_str())
                });
                if ends {
                    return Some(name);
                }
            }
        }
        Some(np)
    }

    /// Skips adverbs and auxiliaries forward from `k`.
    /// True for the full stop of a party tag (`R-Ky.,`, `D-Md.)`): a state abbreviation
    /// right before it and a comma or bracket right after.
    fn party_stop(&self, m: usize) -> bool {
        self.p(m, &['.'])
            && m >= 1
            && self.adj(m - 1)
            && self.tok(m - 1).is_some_and(|t| {
                t.kind == Tk::Word
                    && t.cap
                    && (t.lower.starts_with("r-")
                        || t.lower.starts_with("d-")
                        || t.lower.starts_with("i-"))
            })
            && self.p(m + 1, &[',', ')'])
    }

    /// Past a short parenthetical at `k` (`(D-Md.)`, `(R)`), or `k` itself.
    fn skip_parenthetical(&self, k: usize) -> usize {
        if self.p(k, &['(']) {
            for m in k + 1..(k + 8).min(self.t.len()) {
                if self.p(m, &[')']) {
                    return m + 1;
                }
                if self
                    .tok(m)
                    .is_some_and(|t| t.kind == Tk::Break || t.is(&['(', '“', '"']))
                {
                    break;
                }
            }
        }
        k
    }

    /// The name that opens the paragraph of token `qs` and is followed by a colon before `qs`
    /// (`Ana Ruiz: …`, `TOM HALE: …`, `Ana Ruiz on the Harbour: …`), looking at most 60
    /// tokens back.
    fn paragraph_label(&self, qs: usize) -> Option<Np> {
        static NOT_LABELS: Words = Words::new(&[
            "note",
            "update",
            "updated",
            "correction",
            "related",
            "source",
            "sources",
            "photo",
            "watch",
            "read",
            "editor",
            "editor’s",
            "editor's",
            "transcript",
            "breaking",
        ]);
        let mut ps = qs;
        while ps > 0 && qs - ps < 60 && self.t[ps - 1].kind != Tk::Break {
            ps -= 1;
        }
        if ps > 0 && self.t[ps - 1].kind != Tk::Break {
            return None;
        }
        if NOT_LABELS.contains(&self.w(ps)) {
            return None;
        }
        // A name, not a headline of its own ("Veto Power Impedes Peace Efforts: …").
        let np = self.np_forward(ps).filter(|n| {
            n.kind == NpKind::Name
                && n.ts == ps
                && (n.ts..n.te).filter(|&i| self.is_word(i)).count() <= 4
        })?;
        let mut colon = np.te;
        if self.w(colon) == "on" {
            colon = (colon + 1..(colon + 5).min(qs)).find(|&m| self.p(m, &[':']))?;
        }
        (colon < qs && self.p(colon, &[':'])).then_some(np)
    }

    /// Past a time phrase at `k` (`on Saturday`, `last week`, `Tuesday night`, `in 2010`),
    /// or `k` itself.
    fn skip_time(&self, k: usize) -> usize {
        static UNITS: Words = Words::new(&[
            "week",
            "month",
            "year",
            "night",
            "morning",
            "afternoon",
            "evening",
            "weekend",
        ]);
        let time_word = |i: usize| {
            let w = self.w(i);
            is_weekday_word(w) || UNITS.contains(&w)
        };
        let mut j = k;
        if ["on", "last", "this", "earlier", "late", "early", "next"].contains(&self.w(j))
            && time_word(j + 1)
        {
            j += 2;
        } else if self.w(j) == "in" && self.tok(j + 1).is_some_and(|t| t.kind == Tk::Num) {
            return j + 2;
        } else if is_weekday_word(self.w(j)) {
            j += 1;
        } else {
            return k;
        }
        if time_word(j) {
            j += 1;
        }
        j
    }

    fn skip_between_forward(&self, mut k: usize) -> usize {
        for _ in 0..3 {
            let w = self.w(k);
            if BETWEEN.contains(&w)
                || (w.ends_with("ly") && w.len() > 3 && !self.tok(k).is_some_and(|t| t.cap))
            {
                k += 1;
            } else {
                break;
            }
        }
        k
    }

    /// The subject before the cue at `v`: over adverbs and auxiliaries, and over an appositive
    /// between commas (`Joan Whitlock, who chairs the council, said`).
    fn subject_before(&self, v: usize, floor: usize) -> Option<Np> {
        let mut k = v.checked_sub(1)?;
        // "Gov. Ana Ruiz (R-Ore.) said": back over a short parenthetical.
        if self.p(k, &[')']) {
            if let Some(open) = (k.saturating_sub(8).max(floor)..k)
                .rev()
                .find(|&m| self.p(m, &['(']))
            {
                k = open.checked_sub(1)?;
            }
        }
        // "Ana Ruiz on Friday said", "Ana Ruiz last week said"
        for back in [2, 3] {
            if k >= floor + back && self.skip_time(k + 1 - back) == k + 1 {
                k -= back;
                break;
            }
        }
        for _ in 0..3 {
            let w = self.w(k);
            let aux = BETWEEN.contains(&w)
                || (self.lang == Lang::Fr && AUX_FR.contains(&w))
                || (w.ends_with("ly") && w.len() > 3 && !self.tok(k).is_some_and(|t| t.cap));
            if aux && k > floor {
                k -= 1;
            } else {
                break;
            }
        }
        if k < floor {
            return None;
        }
        if self.p(k, &[',']) {
            let close = k;
            let mut c1 = None;
            let mut j = close;
            while j > floor && close - j < 16 {
                j -= 1;
                if self.p(j, &[',']) {
                    // "Ana Ruiz, of Salem, Ore., said": a state after a place goes on.
                    let state = close - j <= 3
                        && self.tok(j + 1).is_some_and(|t| t.cap && t.kind == Tk::Word)
                        && (close - j == 2 || self.p(j + 2, &['.']));
                    c1 = Some(j);
                    if !state {
                        break;
                    }
                    continue;
                }
                if self.sentence_end(j)
                    || self
                        .tok(j)
                        .is_some_and(|t| t.kind == Tk::Punct && !t.is(&['.', '-', '–']))
                {
                    break;
                }
            }
            let c1 = c1?;
            if c1 == 0 || c1 <= floor {
                return None;
            }
            // A place after a preposition is no head: "Ana Ruiz, 59, of Salem, said".
            let place =
                |n: &Np| n.ts >= 1 && ["of", "from", "in", "at"].contains(&self.w(n.ts - 1));
            let mut head = self.np_backward(c1 - 1, 0).filter(|h| !place(h));
            // "Ana Ruiz, the minister of France, a member of the council, said": over a
            // second appositive (an age, a place) to the name before it.
            if head.is_none_or(|h| h.kind == NpKind::Role) {
                let mut j = c1;
                while j > floor + 1 && c1 - j < 24 {
                    j -= 1;
                    if self.sentence_end(j) || self.p(j, &['“', '”', '"', '(', ')']) {
                        break;
                    }
                    if self.p(j, &[',']) {
                        if let Some(n) = self
                            .np_backward(j - 1, 0)
                            .filter(|n| n.kind == NpKind::Name && n.ts >= floor)
                        {
                            if place(&n) {
                                continue;
                            }
                            head = Some(n);
                            break;
                        }
                        let age = self.tok(j - 1).is_some_and(|t| t.kind == Tk::Num)
                            && self.p(j - 2, &[',']);
                        let state = self.p(j - 1, &['.']);
                        if !age && !state {
                            break;
                        }
                    }
                }
            }
            let appos = self
                .np_forward(c1 + 1)
                .filter(|n| n.kind == NpKind::Name && n.te == close);
            return match (head, appos) {
                (Some(h), Some(a)) if h.kind == NpKind::Role => Some(a),
                (Some(h), _) => Some(h),
                // "Its cabinet member for transport, Cllr Raj Mehta, said"
                (None, a) => a,
            };
        }
        self.np_backward(k, 0).filter(|np| np.ts >= floor)
    }

    /// The subject of the sentence whose words before the quote run from `cs` to `end`
    /// (exclusive): the noun phrase that opens it, past conjunctions and sentence adverbs
    /// (`But`, `Meanwhile,`) and an opening phrase up to its comma (`Speaking in Salem, …`,
    /// `On Tuesday, …`), when a verb (a lower-case word) or an appositive between commas
    /// follows it.
    fn sentence_subject(&self, cs: usize, end: usize) -> Option<Np> {
        static OPENERS: Words = Words::new(&[
            "but",
            "and",
            "yet",
            "so",
            "still",
            "instead",
            "meanwhile",
            "however",
            "also",
            "now",
            "then",
            "later",
            "earlier",
            "indeed",
            "again",
            "separately",
            "previously",
        ]);
        let mut i = cs;
        for _ in 0..3 {
            while i < end && (OPENERS.contains(&self.w(i)) || self.p(i, &[',', '—', '–', '-']))
            {
                i += 1;
            }
            let w = self.w(i);
            let opener = STOPS.contains(&w)
                || NOT_NAMES.contains(&w) && !self.pronoun(i) && !self.det(i)
                || (w.ends_with("ing") && w.len() > 4)
                || (w.ends_with("ed") && w.len() > 4 && self.tok(i).is_some_and(|t| t.cap));
            if !opener || self.pronoun(i) {
                break;
            }
            let comma = (i + 1..end.min(i + 25)).find(|&k| self.p(k, &[',']))?;
            i = comma + 1;
        }
        let np = self.np_forward(i)?;
        // "Guns are …", "Signs of …": a word the text writes in lower case elsewhere is a
        // common noun capitalised by the sentence, not a name.
        let np = if np.kind == NpKind::Name
            && np.te == np.ts + 1
            && self.lower.contains(self.w(np.ts))
        {
            if self.w(np.ts).ends_with('s') {
                self.np(np.ts, np.te, NpKind::Role)?
            } else {
                return None;
            }
        } else {
            np
        };
        if np.te >= end {
            return None;
        }
        let mut np = np;
        // "Ana Ruiz (D-Md.), in particular, has …"
        let mut k = self.skip_parenthetical(np.te);
        // "Speaking in Salem, Oregon, Ana Ruiz went after …": the place ends the opening
        // phrase; the name after it, right before its verb, is the subject.
        if self.p(k, &[',']) {
            if let Some(np2) = self
                .np_forward(k + 1)
                .filter(|n| n.kind != NpKind::Role && n.te < end)
            {
                let v = self.skip_between_forward(np2.te);
                if self.verb_like(v) || self.cue_word(v) {
                    np = np2;
                    k = np2.te;
                }
            }
        }
        if self.p(k, &[',']) {
            let c2 = (k + 1..end.min(k + 25)).find(|&m| self.p(m, &[',']))?;
            // "Another critic, Ana Ruiz, likened …": the name in apposition.
            if np.kind == NpKind::Role {
                if let Some(name) = self
                    .np_forward(k + 1)
                    .filter(|n| n.kind == NpKind::Name && n.te == c2)
                {
                    np = name;
                }
            }
            k = c2 + 1;
        }
        // "Sen. Ana Ruiz (D-Md.) on Saturday criticized …"
        k = self.skip_time(self.skip_parenthetical(k));
        k = self.skip_between_forward(k);
        let t = self.tok(k)?;
        let verb = t.kind == Tk::Word
            && !t.cap
            && ![
                "of", "for", "at", "in", "on", "with", "from", "to", "by", "and", "or", "but",
                "as", "who", "which", "that", "whose", "about", "after", "before",
            ]
            .contains(&t.lower.as_str());
        verb.then_some(np)
    }

    /// True when the quote from token `qs` to `qe` (exclusive) is in a place where a title in
    /// title case stands: right after a name in the possessive (`CNN’s “…”`), after a word for
    /// a work a few words before (`the documentary “…”`, `his 2002 book, “…”`, `episode of
    /// “…”`), or alone in its paragraph.
    fn names_a_work(&self, qs: usize, qe: usize) -> bool {
        let alone = (qs == 0 || self.tok(qs - 1).is_some_and(|t| t.kind == Tk::Break))
            && self.tok(qe).is_none_or(|t| t.kind == Tk::Break);
        if alone {
            return true;
        }
        // In a headline every word is capitalised: no telling titles from words there.
        if self.p(qs.wrapping_sub(1), &[':']) || self.headline(qs) {
            return false;
        }
        // "said on “Harbour Hour.”", "in an interview with “Harbour Hour,”": a programme.
        if qs >= 1
            && (self.cap_possessive(qs - 1)
                || self.w(qs - 1) == "on"
                || (self.w(qs - 1) == "with"
                    && ["interview", "interviews", "appearance"]
                        .contains(&self.w(qs.wrapping_sub(2)))))
        {
            return true;
        }
        let mut i = qs;
        while i > 0 && qs - i < 4 && !self.sentence_end(i - 1) {
            i -= 1;
            if WORKS.contains(&self.w(i)) {
                return true;
            }
        }
        false
    }

    /// True when the paragraph of token `at` is written in title case, as a headline: at
    /// least four words, three in four of the others than small words capitalised
    /// (looking at most 60 tokens each way).
    fn headline(&self, at: usize) -> bool {
        let mut a = at;
        while a > 0 && at - a < 60 && self.tok(a - 1).is_some_and(|t| t.kind != Tk::Break) {
            a -= 1;
        }
        let mut e = at;
        while e < self.t.len() && e - at < 60 && self.t[e].kind != Tk::Break {
            e += 1;
        }
        let (mut words, mut caps) = (0, 0);
        for t in &self.t[a..e] {
            if t.kind == Tk::Word && !TITLE_SMALL.contains(&t.lower.as_str()) {
                words += 1;
                caps += usize::from(t.cap);
            }
        }
        words >= 4 && caps * 4 >= words * 3
    }

    /// True when the sentence before token `qs` has a word that reports or judges speech
    /// (`said`, `called`, `saying`, `portrayed`).
    fn reported(&self, qs: usize) -> bool {
        // "went after him as a “…”": a characterisation.
        if qs >= 2 && self.w(qs - 2) == "as" && TERM_DETS.contains(&self.w(qs - 1)) {
            return true;
        }
        let mut i = qs;
        while i > 0 && qs - i < 40 && !self.sentence_end(i - 1) {
            i -= 1;
            let w = self.w(i);
            if !w.is_empty()
                && (self.cue_at(i).is_some()
                    || CUES_FRAGMENT.contains(&w)
                    || CUES_ING.contains(&w)
                    || JUDGING.contains(&w))
            {
                return true;
            }
        }
        false
    }

    /// The subject of the sentence a quote starting at token `qs` sits in, when the sentence
    /// starts before the quote (and after `floor`).
    fn subject_of_sentence(&self, qs: usize, floor: usize) -> Option<Np> {
        let mut cs = qs;
        while cs > floor && qs - cs < 40 && !self.sentence_end(cs - 1) {
            cs -= 1;
        }
        if cs >= qs || (cs == floor && floor > 0 && !self.sentence_end(cs - 1)) {
            return None;
        }
        // Someone's words only when the sentence says something is said or judged before the
        // quote (`Trump hammered the “…” media`), not a term in a plain report (`was found
        // during a weekend “bioblitz”`).
        let cued = (cs..qs).any(|v| self.cue_at(v).is_some() || CUES_FRAGMENT.contains(&self.w(v)));
        // "It" speaks (an organisation, a report) only with a cue: `It was “a mess”` is no one's.
        self.sentence_subject(cs, qs).filter(|np| {
            cued || (np.kind != NpKind::Role
                && !(np.kind == NpKind::Pronoun && self.w(np.ts).starts_with("it")))
        })
    }

    /// The attribution after a quote whose tokens end at `qe`: `, said X`, `X said`, `, so X`.
    fn after_quote(&self, qe: usize) -> Option<Attribution> {
        let mut j = qe;
        if self.p(j, &[',']) {
            j += 1;
        }
        let t = self.tok(j)?;
        // "“…” ― Ana Ruiz": a name alone after a dash, up to the end of its line or sentence.
        if t.is(&['―', '—']) {
            let np = self.np_forward(j + 1).filter(|n| n.kind == NpKind::Name)?;
            let alone = self
                .tok(np.te)
                .is_none_or(|n| n.kind == Tk::Break || n.is(&['.', '“', '"']));
            return alone.then_some(((np.start, np.end), None));
        }
        if t.kind != Tk::Word {
            return None;
        }
        if let Some((sp, cue)) = self.fr_inverted(j) {
            return Some((sp, Some(cue)));
        }
        let span = |np: Np| (np.start, np.end);
        if let Some(e) = self.cue_at(j) {
            let cue = (self.t[j].start, self.t[e - 1].end);
            // "said X" / "according to X"; or German "erzählt er".
            if let Some(np) = self.subject_after(e) {
                return Some((span(np), Some(cue)));
            }
            return None;
        }
        if self.lang == Lang::De && self.w(j) == "so" && j > qe {
            let np = self.subject_after(j + 1)?;
            return Some((span(np), Some((t.start, t.end))));
        }
        // "X said", "X, 14, said", "one resident, Iain Munro, said".
        let np = self.np_forward(j)?;
        // "Rep. Ana Ruiz (D-Md.) said": a party tag after the name; "on Friday".
        let mut k = self.skip_time(self.skip_parenthetical(np.te));
        // "Tom Hale of the harbour board said": a prepositional phrase, when the cue follows.
        if ["of", "from", "at", "for", "with", "in", "on"].contains(&self.w(k)) {
            let mut m = k + 1;
            while m < k + 8
                && (self.is_word(m) || self.p(m, &['&', '-']))
                && self.cue_at(m).is_none()
            {
                m += 1;
            }
            let m = self.skip_between_forward(m);
            if self.cue_at(m).is_some() {
                k = m;
            }
        }
        let mut appos = None;
        if self.p(k, &[',']) {
            let mut c2 = None;
            for m in k + 1..(k + 13).min(self.t.len()) {
                if self.p(m, &[',']) {
                    c2 = Some(m);
                    break;
                }
                if self.sentence_end(m) && !self.party_stop(m) {
                    break;
                }
            }
            // "one friend, Iain Munro told the paper": no second comma.
            if c2.is_none() {
                if let Some(name) = self.np_forward(k + 1).filter(|n| n.kind == NpKind::Name) {
                    let v = self.skip_between_forward(name.te);
                    if np.kind == NpKind::Role
                        && self.cue_at(v).is_some()
                        && self.w(v) != "according"
                    {
                        let e = self.cue_at(v)?;
                        return Some((span(name), Some((self.t[v].start, self.t[e - 1].end))));
                    }
                }
            }
            // A long appositive, over other commas, up to the comma before the cue ("Ana
            // Ruiz, the director of the port, one of the oldest in the state, said").
            if c2.is_none_or(|c| self.cue_at(self.skip_between_forward(c + 1)).is_none()) {
                c2 = (k + 1..(k + 40).min(self.t.len()))
                    .take_while(|&m| !self.sentence_end(m) || self.party_stop(m))
                    .find(|&m| {
                        self.p(m, &[',']) && self.cue_at(self.skip_between_forward(m + 1)).is_some()
                    })
                    .or(c2);
            }
            let c2 = c2?;
            appos = self
                .np_forward(k + 1)
                .filter(|n| n.kind == NpKind::Name && n.te == c2);
            k = c2 + 1;
        }
        k = self.skip_between_forward(k);
        let e = self.cue_at(k)?;
        if self.w(k) == "according" {
            return None;
        }
        let cue = (self.t[k].start, self.t[e - 1].end);
        let who = match appos {
            Some(a) if np.kind == NpKind::Role => a,
            _ => np,
        };
        Some((span(who), Some(cue)))
    }

    /// The speaker for a pronoun subject `np` of a clause inside a sentence starting at `cs`:
    /// the pronoun stands for the outer speaker (`Tom Hale said he had asked for “…”`) or,
    /// after `what`, the sentence's subject (`Ana Ruiz railed against what she calls “…”`)
    /// when no other name comes between them; else the pronoun.
    fn outer(&self, np: Np, cs: usize) -> Np {
        if np.kind != NpKind::Pronoun || np.ts < cs + 2 {
            return np;
        }
        let mut c = np.ts - 1;
        if self.w(c) == "that" && c > cs {
            c -= 1;
        }
        if self.cue_word(c) {
            if let Some(o) = self
                .subject_before(c, cs)
                .filter(|o| o.kind != NpKind::Pronoun)
            {
                return o;
            }
        }
        if self.w(np.ts - 1) != "what" {
            return np;
        }
        self.sentence_subject(cs, np.ts)
            .filter(|o| {
                o.kind != NpKind::Pronoun
                    && o.te <= np.ts
                    && !(o.te..np.ts)
                        .any(|i| self.name_tok(i) && self.tok(i).is_some_and(|t| t.cap))
            })
            .unwrap_or(np)
    }

    /// For a quote opening a sentence at token `qs`: the speaker of the sentence before it
    /// in the same paragraph (after token `bound`), when that sentence ends with its
    /// attribution clause (`…, Tom Hale said.`, `…, said Tom Hale.`).
    fn previous_sentence_speaker(&self, qs: usize, bound: usize) -> Option<(usize, usize)> {
        let end = qs.checked_sub(1)?;
        if end <= bound || !self.p(end, &['.']) || !self.sentence_end(end) {
            return None;
        }
        let mut cs = end;
        while cs > bound && end - cs < 40 && !self.sentence_end(cs - 1) {
            cs -= 1;
        }
        if cs == bound && cs > 0 && !self.sentence_end(cs - 1) {
            return None;
        }
        let last_comma = (cs..end).rev().find(|&m| self.p(m, &[',']))?;
        let (sp, cue) = self.after_quote(last_comma)?;
        let clause_end = sp.1.max(cue.map_or(0, |c| c.1));
        let ends_sentence = self.t[end - 1].end == clause_end
            || self.skip_time(self.first_tok_at(clause_end)) == end;
        ends_sentence.then_some(sp)
    }

    /// The first token starting at or after byte `b`.
    fn first_tok_at(&self, b: usize) -> usize {
        self.t.partition_point(|t| t.start < b)
    }

    /// The attribution further on in the sentence of a quote ending at token `qe`, before token
    /// `limit`: at a comma, a clause that [`after_quote`](Self::after_quote) reads (`“…” by
    /// the end of the year, the mayor said.`).
    fn later_in_sentence(&self, qe: usize, limit: usize) -> Option<Attribution> {
        let end = limit.min(qe + 40);
        for m in qe..end {
            if self.sentence_end(m) && !self.party_stop(m) {
                return None;
            }
            if m > qe && self.p(m, &[',']) {
                if let Some(a) = self.after_quote(m) {
                    return Some(a);
                }
            }
        }
        None
    }

    /// The attribution before a quote whose clause ends (exclusive) at token `end`:
    /// `X said: “…”`, `X called the plan “…”`, `according to X, “…”`, or a clause that ends in
    /// a colon with a name at its start. Also tells whether a naming word stands right before.
    fn before_quote(&self, end: usize, floor: usize) -> (Option<Attribution>, bool) {
        if end == 0 {
            return (None, false);
        }
        let mut cs = end;
        while cs > floor && end - cs < 40 && !self.sentence_end(cs - 1) {
            cs -= 1;
        }
        let named = NAMING.contains(&self.w(end - 1))
            || (self.w(end - 1) == "as" && end >= 2 && self.w(end - 2) == "known")
            // "what has become known as the “…”"
            || (end >= 3
                && ["the", "a", "an"].contains(&self.w(end - 1))
                && self.w(end - 2) == "as"
                && self.w(end - 3) == "known")
            // "locals call it “the old bank”"
            || (["it", "them", "this"].contains(&self.w(end - 1))
                && end >= 2
                && ["call", "dub", "dubs", "dubbed", "name", "named"]
                    .contains(&self.w(end - 2)));
        // "which Ana Ruiz called “…”", "what he called “…”": a person's words, not a name;
        // so are a group's in the past tense (`what critics called “…”`: something said
        // once), unlike the present (`what locals call “the old bank”`: a name in use).
        if ["called", "calls", "call"].contains(&self.w(end - 1)) && end >= 2 {
            if let Some(np) = self
                .subject_before(end - 1, cs)
                .filter(|np| np.kind != NpKind::Role || self.w(end - 1) == "called")
                .map(|np| self.outer(np, cs))
            {
                let cue = (self.t[end - 1].start, self.t[end - 1].end);
                return (Some(((np.start, np.end), Some(cue))), false);
            }
        }
        if named {
            return (None, true);
        }
        let span = |np: Np| (np.start, np.end);
        for v in (cs..end).rev() {
            let w = self.w(v);
            if w.is_empty() {
                continue;
            }
            // "…, saying “…”": the main clause's subject.
            if CUES_ING.contains(&w) && v > cs && self.p(v - 1, &[',']) {
                if let Some(np) = self.sentence_subject(cs, v) {
                    let cue = (self.t[v].start, self.t[v].end);
                    return (Some((span(np), Some(cue))), false);
                }
            }
            // "footage of Ana Ruiz saying “…”": the name right before the participle.
            if CUES_ING.contains(&w) && v > cs && !self.p(v - 1, &[',']) {
                // (Depth 2: the name itself, not a head before "of".)
                if let Some(np) = self
                    .np_backward(v - 1, 2)
                    .filter(|np| np.kind != NpKind::Role && np.ts >= cs && np.te == v)
                {
                    let cue = (self.t[v].start, self.t[v].end);
                    return (Some((span(np), Some(cue))), false);
                }
            }
            let fragment_verb = CUES_FRAGMENT.contains(&w) && v + 1 < end;
            // French "a déclaré": the participle carries the cue, the auxiliary opens it.
            let (cue_start, cue_end) = if self.lang == Lang::Fr
                && PARTICIPLES_FR.contains(&w)
                && v > cs
                && AUX_FR.contains(&self.w(v - 1))
            {
                (v - 1, Some(v + 1))
            } else if fragment_verb {
                (v, Some(v + 1))
            } else {
                (v, self.cue_at(v))
            };
            let Some(ce) = cue_end else { continue };
            let cue = (self.t[cue_start].start, self.t[ce - 1].end);
            let by_subject =
                if w == "according" || w == "selon" || w == "laut" || w.starts_with("d’après") {
                    None
                } else {
                    self.subject_before(cue_start, cs)
                };
            // "said Dr. Jones: “…”": a subject after the cue only when it ends the clause;
            // "said the judge had “…”" is reported speech, and "told his supporters" the
            // listener.
            let inverted = || {
                if CUES_TO_LISTENER.contains(&w) {
                    return None;
                }
                // "went on to say she’s “hopeful”": a pronoun after the cue starts the
                // reported clause; it is not an inverted subject.
                // "According to the complaint, the firm ran a “…”": the source for the whole
                // sentence after it.
                let source = w == "according" && !self.cue_word(v.wrapping_sub(1));
                self.subject_after(ce).filter(|np| {
                    (np.kind != NpKind::Pronoun || self.lang != Lang::En)
                        && (np.te == end
                            || (np.te < end
                                && self.p(np.te, &[',', ':'])
                                && (np.te + 1 == end || source)))
                })
            };
            // "Tom Hale said he had asked for “…”": the pronoun of the reported clause is the
            // outer speaker; the outer clause's subject is the speaker.
            let np = by_subject.map(|np| self.outer(np, cs)).or_else(inverted);
            if let Some(np) = np {
                return (Some((span(np), Some(cue))), false);
            }
        }
        // "Brandt liest einen Brief vor: »…«"
        if self.p(end - 1, &[':']) {
            if let Some(np) = self
                .np_forward(cs)
                .filter(|np| np.te < end && np.kind != NpKind::Role)
            {
                return (Some((span(np), None)), false);
            }
        }
        (None, false)
    }
}

/// Attributes every quote: its speaker mention and cue, found from its own clause or, failing
/// that, from the quote it continues.
pub(crate) fn attribute(s: &str, toks: &[Token], quotes: &[Found], lang: Lang) -> Vec<Info> {
    let lower = toks
        .iter()
        .filter(|t| t.kind == Tk::Word && !t.cap)
        .map(|t| t.lower.as_str())
        .collect();
    let r = S {
        s,
        t: toks,
        lang,
        lower,
    };
    let mut para = Vec::with_capacity(toks.len());
    let mut n = 0u32;
    for t in toks {
        if t.kind == Tk::Break {
            n += 1;
        }
        para.push(n);
    }
    let first_tok = |b: usize| toks.partition_point(|t| t.start < b);
    let ranges: Vec<(usize, usize)> = quotes
        .iter()
        .map(|q| (first_tok(q.start), first_tok(q.end)))
        .collect();
    let mut infos: Vec<Info> = Vec::with_capacity(quotes.len());
    // The end of the last quote that bounds the search backwards.
    let mut last_bound = 0;
    for (k, &(qs, qe)) in ranges.iter().enumerate() {
        let mut info = Info::default();
        // A doubled apostrophe (`''…''`) is one mark of two tokens.
        let doubled =
            |i: usize| r.p(i, &['\'']) && r.p(i + 1, &['\'']) && toks[i].end == toks[i + 1].start;
        let open_w = if doubled(qs) { 2 } else { 1 };
        let close_w = if qe >= 2 && doubled(qe - 2) { 2 } else { 1 };
        let inner = (qs + open_w)..qe.saturating_sub(close_w).max(qs + open_w);
        // The last token inside the marks.
        let last_in = (inner.end > inner.start).then(|| inner.end - 1);
        info.words = inner.clone().filter(|&i| r.is_word(i)).count();
        info.punct_inside = last_in.is_some_and(|i| r.p(i, &['.', ',', '!', '?', '…']));
        let first_inner = inner.clone().find(|&i| r.is_word(i));
        info.fragment = qs >= 1 && r.is_word(qs - 1) && first_inner.is_some_and(|i| !toks[i].cap);
        // The previous quote's end bounds the search backwards; a title or name in quotation
        // marks does not (`told Channel Four’s “Harbour Hour” that “…”`).
        let floor = last_bound;
        // A quote inside a sentence that ends with the sentence inside its marks (`accused
        // him of “recklessness.” Tom Hale said …`): what follows is the next sentence.
        let ends_sentence = last_in.is_some_and(|i| r.p(i, &['.', '!', '?']));
        let mid_sentence = qs >= 1 && (toks[qs - 1].kind == Tk::Word || r.p(qs - 1, &[',', ':']));
        let mut after = if ends_sentence && mid_sentence {
            None
        } else {
            r.after_quote(qe)
        };
        let (mut before, mut named) = r.before_quote(qs, floor);
        // A title or name in title case (“The Salt Road”), or a term after an article (a
        // “reading passport”), is someone's words only when a clause after it says so.
        // (A number counts: `the documentary “21st.”`)
        let capitalised = inner
            .clone()
            .any(|i| (r.is_word(i) && toks[i].cap) || toks[i].kind == Tk::Num)
            && inner
                .clone()
                // (not the `st` of `21st`)
                .filter(|&i| {
                    r.is_word(i) && !(i >= 1 && toks[i - 1].kind == Tk::Num && r.adj(i - 1))
                })
                .all(|i| toks[i].cap || TITLE_SMALL.contains(&toks[i].lower.as_str()));
        let inner_stop = inner
            .clone()
            .take(inner.len().saturating_sub(1))
            .any(|i| r.p(i, &['.', '!', '?', ';', ':']));
        let trailing_comma = last_in.is_some_and(|i| r.p(i, &[',']));
        // "He said “The Hispanics”", "chanted “Ruiz Out”": right after a speech verb, words,
        // not a title (but `told “Harbour Hour”` is the programme told, and `wrote` or `read
        // “Low Tide”` a book).
        let cue_right_before = qs >= 2 && {
            let v = if r.p(qs - 1, &[',', ':']) {
                qs - 2
            } else {
                qs - 1
            };
            r.cue_at(v) == Some(v + 1)
                && ![
                    "told",
                    "tells",
                    "tell",
                    "wrote",
                    "writes",
                    "write",
                    "sang",
                    "sings",
                    "sing",
                    "posted",
                    "posts",
                    "read",
                    "reads",
                    "published",
                    "publishes",
                ]
                .contains(&r.w(v))
        };
        // A comma inside the marks says nothing in American punctuation (`the film “Harbour
        // Lights,” which …`): a title in title case may carry one.
        let title_case = (!info.punct_inside || (trailing_comma && !inner_stop))
            && capitalised
            && !cue_right_before
            && !r.headline(qs);
        // A title for certain, punctuation or not: after a possessive name or a word for a
        // work (`CNN’s “State of the Union.”`, `his book, “A Long Road,”`), or alone in its
        // paragraph (a section heading).
        if capitalised && r.names_a_work(qs, qe) {
            before = None;
            after = None;
            named = true;
        }
        // A phrase after an article in a sentence that reports or judges what someone says
        // (`described the plan as a “…”`) is a fragment of their words, not a term.
        info.reported = r.reported(qs);
        let term =
            before.is_none() && qs >= 1 && TERM_DETS.contains(&r.w(qs - 1)) && !info.reported;
        if after.is_none() && (title_case || term) {
            before = None;
            named = true;
            info.term = term && !title_case;
        }

        let mut found = after.or(before);
        // The clause further on in its sentence (`“…” at the convention, she said.`).
        if found.is_none() && !named {
            let limit = ranges.get(k + 1).map_or(toks.len(), |r| r.0);
            found = r.later_in_sentence(qe, limit);
        }
        // "Ana Ruiz: Harbour Plan Is ‘A Disgrace’": the name before a colon that opens the
        // paragraph (a headline, a transcript).
        if found.is_none() && !named {
            found = r.paragraph_label(qs).map(|np| ((np.start, np.end), None));
        }
        // No clause of its own: the subject of its sentence (`Trump hammered the “…” media`).
        if found.is_none() && !named {
            found = r
                .subject_of_sentence(qs, floor)
                .map(|np| ((np.start, np.end), None));
        }
        // A quote opening a paragraph after one that ends in a colon.
        if found.is_none() && qs >= 2 && toks[qs - 1].kind == Tk::Break && r.p(qs - 2, &[':']) {
            found = r.before_quote(qs - 1, floor).0;
        }
        info.named = named;
        if let Some((sp, cue)) = found {
            info.speaker = Some(sp);
            info.cue = cue;
        }
        if !info.named || info.speaker.is_some() {
            last_bound = qe;
        }
        infos.push(info);
    }
    // Quotes without a clause take the speaker of the quote they continue: the last speaker
    // before them in the paragraph, else the next quote's own, else (for a quote opening its
    // paragraph) the last one of the paragraph before. One pass each way: linear.
    // A quote's paragraph where it starts, and where it ends (a quote continued over
    // paragraphs ends in a later one).
    let para_of = |k: usize| para.get(ranges[k].0).copied().unwrap_or(0);
    let para_end = |k: usize| {
        let last = ranges[k].1.saturating_sub(1).max(ranges[k].0);
        para.get(last).copied().unwrap_or(0)
    };
    let mut next_own: Vec<Option<usize>> = vec![None; infos.len()];
    let mut upcoming: Option<usize> = None;
    for k in (0..infos.len()).rev() {
        if let Some(j) = upcoming {
            if para_of(j) != para_end(k) {
                upcoming = None;
            }
        }
        next_own[k] = upcoming;
        if infos[k].speaker.is_some() {
            upcoming = Some(k);
        }
    }
    let mut last: Option<usize> = None; // the last quote with a speaker so far
    for k in 0..infos.len() {
        let p = para_of(k);
        if infos[k].speaker.is_none() && !infos[k].named {
            let prev = last.filter(|&j| para_end(j) == p);
            let from_prev_para = || {
                let (qs, _) = ranges[k];
                let opens_para = qs == 0 || toks[qs - 1].kind == Tk::Break;
                let j = k.checked_sub(1)?;
                let (_, pe) = ranges[j];
                let close_to_end = pe <= qs
                    && (pe..qs)
                        .filter(|&i| toks[i].kind != Tk::Break)
                        .take(13)
                        .count()
                        <= 12;
                (opens_para && para_end(j) + 1 == p && infos[j].speaker.is_some() && close_to_end)
                    .then_some(j)
            };
            // "…, Tom Hale said. “…”": the clause of the sentence before, when no quote
            // stands between.
            let before_sentence = || {
                let (qs, _) = ranges[k];
                let bound = k.checked_sub(1).map_or(0, |j| ranges[j].1);
                r.previous_sentence_speaker(qs, bound)
            };
            if let Some(sp) = before_sentence() {
                infos[k].speaker = Some(sp);
                infos[k].inherited = true;
            } else if let Some(j) = prev.or(next_own[k]).or_else(from_prev_para) {
                infos[k].speaker = infos[j].speaker;
                infos[k].inherited = true;
            }
        }
        if infos[k].speaker.is_some() {
            last = Some(k);
        }
    }
    infos
}
