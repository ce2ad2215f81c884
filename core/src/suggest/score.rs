//! Scoring suggestions against a hand-annotated document: exact span match per label, and
//! attribution as (quote span, speaker span) pairs.

use super::{SuggestKind, Suggestion};
use crate::document::Document;
use crate::offset::Span;
use std::collections::{BTreeSet, HashMap};

/// True positives, false positives and false negatives for one target.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Found and in the gold.
    pub tp: usize,
    /// Found but not in the gold.
    pub fp: usize,
    /// In the gold but not found.
    pub fn_: usize,
}

impl Counts {
    /// The counts of comparing two sets.
    pub fn compare<T: Ord>(gold: &BTreeSet<T>, predicted: &BTreeSet<T>) -> Counts {
        let tp = gold.intersection(predicted).count();
        Counts {
            tp,
            fp: predicted.len() - tp,
            fn_: gold.len() - tp,
        }
    }

    /// tp / (tp + fp); 1 when nothing was predicted.
    pub fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn); 1 when there was nothing to find.
    pub fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// The harmonic mean of precision and recall; 0 when both are 0.
    pub fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Adds another file's counts (micro-averaging).
    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

/// The counts for every target of one comparison.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    /// Quote spans.
    pub quote: Counts,
    /// Speaker spans.
    pub speaker: Counts,
    /// Date and time spans.
    pub date: Counts,
    /// (quote span, speaker span) pairs.
    pub attribution: Counts,
}

impl Scores {
    /// Adds another file's scores (micro-averaging).
    pub fn add(&mut self, other: &Scores) {
        self.quote.add(other.quote);
        self.speaker.add(other.speaker);
        self.date.add(other.date);
        self.attribution.add(other.attribution);
    }

    /// The targets with their names, in table order.
    pub fn rows(&self) -> [(&'static str, Counts); 4] {
        [
            ("quote", self.quote),
            ("speaker", self.speaker),
            ("date", self.date),
            ("attribution", self.attribution),
        ]
    }
}

/// What is scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// A quote span.
    Quote,
    /// A speaker span.
    Speaker,
    /// A date or time span.
    Date,
    /// A (quote, speaker) pair.
    Attribution,
}

impl Target {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Quote => "quote",
            Target::Speaker => "speaker",
            Target::Date => "date",
            Target::Attribution => "attribution",
        }
    }
}

/// One disagreement between the gold and the suggestions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Difference {
    /// What disagrees.
    pub target: Target,
    /// The span (for an attribution, the quote's).
    pub span: Span,
    /// For an attribution, the speaker's span.
    pub speaker: Option<Span>,
    /// True when suggested but not in the gold (a false positive); false when missed.
    pub spurious: bool,
}

/// The gold and predicted sets of one comparison.
struct Sets {
    spans: [BTreeSet<Span>; 3],
    pairs: BTreeSet<(Span, Span)>,
}

fn gold_sets(gold: &Document) -> Sets {
    let mut spans: [BTreeSet<Span>; 3] = Default::default();
    let mut role = HashMap::new();
    for a in gold.annotations() {
        let name = gold.label(a.label).map(|l| l.name.to_lowercase());
        let slot = match name.as_deref() {
            Some("quote") => 0,
            Some("speaker") => 1,
            Some("date") => 2,
            _ => continue,
        };
        spans[slot].insert(a.span);
        role.insert(&a.id, (slot, a.span));
    }
    let pairs = gold
        .relations()
        .iter()
        .filter(|r| r.kind == crate::RelationKind::AttributedTo)
        .filter_map(|r| match (role.get(&r.from), role.get(&r.to)) {
            (Some(&(0, q)), Some(&(1, s))) => Some((q, s)),
            _ => None,
        })
        .collect();
    Sets { spans, pairs }
}

fn predicted_sets(predicted: &[Suggestion]) -> Sets {
    let mut spans: [BTreeSet<Span>; 3] = Default::default();
    let mut pairs = BTreeSet::new();
    for s in predicted {
        let slot = match s.kind {
            SuggestKind::Quote => 0,
            SuggestKind::Speaker => 1,
            SuggestKind::Date => 2,
        };
        spans[slot].insert(s.span);
        if s.kind == SuggestKind::Quote {
            if let Some(sp) = s.speaker.and_then(|i| predicted.get(i)) {
                if sp.kind == SuggestKind::Speaker {
                    pairs.insert((s.span, sp.span));
                }
            }
        }
    }
    Sets { spans, pairs }
}

/// Scores suggestions against a gold document: a span counts when it matches a gold span of
/// the same label exactly (labels `quote`, `speaker`, `date`, by name, in any case); an
/// attribution counts when both its quote span and its speaker span match a gold
/// `attributed_to` relation from a quote to a speaker. Claims and other labels are ignored.
pub fn score(gold: &Document, predicted: &[Suggestion]) -> Scores {
    let g = gold_sets(gold);
    let p = predicted_sets(predicted);
    Scores {
        quote: Counts::compare(&g.spans[0], &p.spans[0]),
        speaker: Counts::compare(&g.spans[1], &p.spans[1]),
        date: Counts::compare(&g.spans[2], &p.spans[2]),
        attribution: Counts::compare(&g.pairs, &p.pairs),
    }
}

/// Every disagreement [`score`] counts, sorted by target, then span.
pub fn differences(gold: &Document, predicted: &[Suggestion]) -> Vec<Difference> {
    let g = gold_sets(gold);
    let p = predicted_sets(predicted);
    let mut out = Vec::new();
    let targets = [Target::Quote, Target::Speaker, Target::Date];
    for (slot, target) in targets.into_iter().enumerate() {
        for (a, b, spurious) in [(&g, &p, false), (&p, &g, true)] {
            out.extend(
                a.spans[slot]
                    .difference(&b.spans[slot])
                    .map(|&span| Difference {
                        target,
                        span,
                        speaker: None,
                        spurious,
                    }),
            );
        }
    }
    for (a, b, spurious) in [(&g, &p, false), (&p, &g, true)] {
        out.extend(a.pairs.difference(&b.pairs).map(|&(q, s)| Difference {
            target: Target::Attribution,
            span: q,
            speaker: Some(s),
            spurious,
        }));
    }
    crate::sort::sort(&mut out);
    out
}
