//! A cue hit: the stance one cue gives one actor, with its weight, scope flags and evidence
//! span.

use super::Ctx;
use crate::attribution::Statement;
use crate::doc::Token;
use crate::knowledge::english::{English, Words};
use crate::report::Stance;

/// One cue hit for one actor.
#[derive(Clone, Debug)]
pub(super) struct Hit {
    /// The actor holding the stance.
    pub(super) actor: usize,
    /// The stance the cue gives.
    pub(super) stance: Stance,
    /// Openness ("not ruling out"): conditional alone, support next to explicit support.
    pub(super) open: bool,
    /// The relation term is a limited form ("military cooperation").
    pub(super) limited: bool,
    /// The relation term is talks.
    pub(super) talks: bool,
    /// A hedge stands near the cue.
    pub(super) hedged: bool,
    /// The hit's weight (source weight × cue weight, lowered by a hedge).
    pub(super) weight: f32,
    /// The rule id.
    pub(super) rule: String,
    /// The cue's bytes: start, end (exclusive).
    pub(super) cue: (usize, usize),
    /// The evidence's bytes: start, end (exclusive).
    pub(super) evidence: (usize, usize),
    /// The statement is a direct quotation.
    pub(super) quote: bool,
    /// A conditional reservation that yields to an outright rejection
    /// ([`super::topic::Cue::reservation`]).
    pub(super) reservation: bool,
}

/// The words a cue was found in: a statement, the tokens of its context with their
/// normalised forms, and the statement's own words `lo..hi`.
pub(super) struct Within<'w> {
    /// The statement.
    pub(super) st: &'w Statement,
    /// The word tokens of its context.
    pub(super) toks: &'w [Token],
    /// Their normalised forms.
    pub(super) w: &'w [&'w str],
    /// The statement's first word.
    pub(super) lo: usize,
    /// The end of the statement's words (exclusive).
    pub(super) hi: usize,
}

/// A cue as a matcher found it, before [`Ctx::hit`] works out its scope flags and evidence.
pub(super) struct Found<'r> {
    /// The actor holding the stance.
    pub(super) actor: usize,
    /// The cue's words: start, end (exclusive).
    pub(super) words: (usize, usize),
    /// The relation term's words, if the cue names one.
    pub(super) rel: Option<(usize, usize)>,
    /// The stance the cue gives.
    pub(super) stance: Stance,
    /// Openness (a negated oppose cue).
    pub(super) open: bool,
    /// Its weight before a hedge lowers it.
    pub(super) weight: f32,
    /// The rule id.
    pub(super) rule: &'r str,
}

impl Ctx<'_> {
    /// The hit for a cue `found` in the words `within`: limited and talks flags from its
    /// relation term, a limited form the holder restricts the relation to, hedges near it,
    /// and its evidence (the cue's sentence clipped to the statement).
    pub(super) fn hit(&self, within: Within, found: Found) -> Hit {
        let Within {
            st,
            toks,
            w,
            lo,
            hi,
        } = within;
        let Found {
            actor,
            words: (s, e),
            rel,
            stance,
            open,
            weight,
            rule,
        } = found;
        let e = e.max(s + 1).min(toks.len());
        let limited = rel.is_some_and(|r| {
            let a = r.0.saturating_sub(3);
            let b = (r.1 + 3).min(w.len());
            (a..b).any(|k| self.topic.limiting.match_at(w, k).is_some())
        });
        let talks = rel.is_some_and(|r| self.topic.talks.match_at(w, r.0).is_some());
        // "would only hold indirect talks", "indirect talks only": a limited form the holder
        // restricts the relation to accepts it in that form alone (guideline: "accepts only
        // ... in limited forms")
        let (stance, rule) = match rel {
            Some(r)
                if stance == Stance::Support
                    && limited
                    && only_around(self.doc.english(), toks, w, r) =>
            {
                (Stance::Conditional, "conditional.limited")
            }
            _ => (stance, rule),
        };
        let hl = s.saturating_sub(4).max(lo);
        let hh = (e + 2).min(hi);
        let hedged = (hl..hh).any(|k| self.topic.hedges.match_at(w, k).is_some());
        let cue = (toks[s].start, toks[e - 1].end);
        // Evidence: the sentence containing the cue, clipped to the statement.
        let (sb, se) = (st.span.byte_start, st.span.byte_end);
        let (mut ea, mut eb) = match self.doc.sentence_at(cue.0) {
            Some(i) => (
                self.doc.sentences()[i].byte_start.max(sb),
                self.doc.sentences()[i].byte_end.min(se),
            ),
            None => (sb, se),
        };
        if ea > cue.0 || eb < cue.1 {
            ea = ea.min(cue.0);
            eb = eb.max(cue.1);
        }
        let trimmed = self.text[ea..eb].trim_end_matches([',', ' ', ';', ':']);
        let lead = trimmed.len() - trimmed.trim_start().len();
        eb = ea + trimmed.len();
        ea += lead;
        Hit {
            actor,
            stance,
            open,
            limited,
            talks,
            hedged,
            weight: if hedged { weight * 0.6 } else { weight },
            rule: if open || (stance == Stance::Oppose && rule.starts_with("support")) {
                format!("{rule}.negated")
            } else {
                rule.to_string()
            },
            cue,
            evidence: (ea, eb),
            quote: st.quote,
            reservation: false,
        }
    }
}

/// Whether the holder restricts the relation term `r` (word span) to its limited form: "only"
/// up to three words before it in its clause ("would only hold indirect talks") or right after
/// it ("indirect talks only"), or a verb of demand earlier in the sentence ("insisted that the
/// talks remain indirect").
pub(super) fn only_around(en: &English, toks: &[Token], w: &[&str], r: (usize, usize)) -> bool {
    let demanded = (0..r.0)
        .rev()
        .take_while(|&k| toks[k].sentence == toks[r.0].sentence)
        .any(|k| en.is(Words::Demand, w[k]));
    if demanded {
        return true;
    }
    let clause = toks[r.0].clause;
    let before = (r.0.saturating_sub(3)..r.0)
        .filter(|&k| toks[k].clause == clause)
        .any(|k| w[k] == "only");
    // "not only … but also" adds, it does not restrict
    let not_only = |k: usize| k > 0 && matches!(w[k - 1], "not" | "n't");
    let before = before && !(r.0.saturating_sub(3)..r.0).any(|k| w[k] == "only" && not_only(k));
    before || w.get(r.1) == Some(&"only")
}
