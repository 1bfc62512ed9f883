//! Stance: each actor's position toward a topic, from cue lexicons with negation and hedge
//! scope, with evidence.
//!
//! For every statement (see the crate-private `attribution` stage) the topic's cue patterns are matched
//! on its words. A cue hit counts only when it is **about the topic**: the relation term it
//! names (or, for cues without `{REL}`, one in the same statement) is
//!
//! 1. next to a party name (`{party} … {REL}` within 3 words before, or up to 8 words after:
//!    "cooperation with Iran", "Iran-US cooperation"), or
//! 2. a *strong* term (dialogue, alliance, …) in a statement/sentence that names the other
//!    party (when the holder belongs to a party) or both parties (otherwise), or
//! 3. a back-reference ("the possible alliance", "their help") once the document has
//!    established the topic (a sentence naming both parties and a relation term).
//!
//! Scope rules, applied to each hit:
//! * **negation**: a negator up to 3 words before the cue flips it: support → oppose
//!   ("do not need talks"), oppose → *openness* ("not ruling out"), which alone reads as
//!   conditional and next to explicit support as support;
//! * a relation term that is itself negated ("will not cooperate") is an oppose hit
//!   (`oppose.negated_relation`); after a modal ("we can work with Americans") a support hit
//!   (`support.modal`);
//! * **limited forms**: a limiting word (military, intelligence) next to the relation term marks
//!   the hit *limited*; an actor who only rejects limited forms opposes, one who also accepts
//!   talks (or any support) is conditional;
//! * **hedges** ("probably", "may") lower the hit's weight and the confidence;
//! * **readings of a cue** (`Ctx::cue_reading`): an undoing verb it governs reverses it; a
//!   condition whose negative protasis holds the relation is an ultimatum that wants it
//!   ("… unless Iran resumes talks": `support.ultimatum`); advice with a to-infinitive urges
//!   what the verb makes ("warned Iran to make a deal": `support.advice`);
//! * **whose predicate**: an oppose cue is not the holder's when it is another actor's
//!   possession ("Netanyahu's opposition"), in a "which" clause of another antecedent, when
//!   its relation term stands only in a protasis ("warned that … if a deal …"), or, for
//!   "against", beyond the preposition's object.
//!
//! **Aggregation** per actor: conditional hits win when they carry at least half the weight
//! of the strongest side; support and oppose both present → the side with twice the other's
//! weight, else conditional; only openness → conditional.
//!
//! **Confidence**: `0.4 + 0.2 × weight of the chosen side` (a plain direct quote with one strong
//! cue ≈ 0.6, two agreeing statements ≈ 0.8), ×0.75 when every hit was hedged, clamped to
//! 0.3–0.95. Neutral actors get 0.5 when no cue touched them and `0.4` when cues cancelled out.
//!
//! **Countries** inherit stance only through attribution: their own clauses ("Iran is willing
//! to …", "Washington ruled out …", "refused by the US") and unnamed officials of that state
//! ("a senior Iranian official", "US officials"). Named persons do not pass their stance on.

mod complement;
mod cues;
mod generic;
mod hit;
mod participation;
mod parties;
mod reaction;
mod statement;
pub mod topic;
mod verdict;
mod whose;

use crate::actors::ActorData;
use crate::attribution::Statement;
use crate::doc::{Doc, Token};
use crate::knowledge::english::English;
use crate::report::{ActorKind, Stance};
use hit::Hit;
pub use topic::{Holder, Party, Topic};
use verdict::{is_media, verdicts};
pub(crate) use verdict::{Cited, Verdict};

/// Bytes of context kept on each side of a statement (within its sentences).
const CONTEXT: usize = 400;

struct Ctx<'a> {
    text: &'a str,
    doc: &'a Doc<'a>,
    topic: &'a Topic,
    actors: &'a [ActorData],
    /// (byte_start, byte_end, actor) sorted.
    mentions: Vec<(usize, usize, usize)>,
    /// Byte offset from which the topic counts as established (for back-references).
    established: usize,
    /// The topic is document-wide (`[topic] document = true`) and the document names both
    /// parties, or one and a name of their relation (`dyad`): a strong relation term is
    /// relevant without a party next to it.
    document_wide: bool,
}

/// Each actor's stance, confidence and evidence (one [`Verdict`] per actor, in order).
pub(crate) fn assess(
    doc: &Doc,
    statements: &[Statement],
    actors: &[ActorData],
    topic: &Topic,
) -> Vec<Verdict> {
    let mentions = crate::actors::mention_byte_spans(actors);
    let mut ctx = Ctx {
        text: doc.text(),
        doc,
        topic,
        actors,
        mentions,
        established: usize::MAX,
        document_wide: false,
    };
    ctx.document_wide = topic.document && ctx.names_dyad();
    ctx.established = ctx.find_established();
    let mut hits = Vec::new();
    // per actor: the end of its last statement with a support hit
    let mut last_support: Vec<Option<usize>> = vec![None; actors.len()];
    for st in statements {
        if st.actor < actors.len() {
            let first = hits.len();
            ctx.statement_hits(st, &mut hits);
            if hits.len() == first {
                ctx.continued_condition(st, last_support[st.actor], &mut hits);
            }
            if hits[first..].iter().any(|h| h.stance == Stance::Support) {
                last_support[st.actor] = Some(st.span.byte_end);
            }
        }
    }
    let mut verdicts = verdicts(actors, &hits);
    // Actors whose cues (if any) left them neutral: the document-wide reading.
    if topic.document && ctx.document_wide {
        let has_cue: Vec<bool> = verdicts
            .iter()
            .map(|v| v.stance != Stance::Neutral)
            .collect();
        let parts = participation::participation(doc, topic, actors, &ctx.mentions, &has_cue);
        for p in parts {
            let Some(v) = verdicts.get_mut(p.actor) else {
                continue;
            };
            *v = Verdict {
                stance: p.stance,
                confidence: 0.3,
                evidence: vec![Cited {
                    span: p.sentence,
                    cue: p.cue,
                    rule: format!("{}.participation", p.stance.as_str()),
                    quote: false,
                }],
            };
        }
    }
    reaction::apply_reactions(doc, statements, actors, &ctx.mentions, &mut verdicts);
    verdicts
}

/// The mention covering byte `at` in `mentions` ((byte start, byte end, actor), sorted).
fn mention_covering(
    mentions: &[(usize, usize, usize)],
    at: usize,
) -> Option<(usize, usize, usize)> {
    let k = mentions.partition_point(|m| m.0 <= at);
    (k > 0 && at < mentions[k - 1].1).then(|| mentions[k - 1])
}

/// For each token (by its byte start in `starts`), whether it stands inside a multi-word
/// organization name ("Gulf **Cooperation** Council", "Organization of Islamic
/// **Cooperation**"): such a word is no relation term and no cue (grammar: a proper name does
/// not describe).
pub(super) fn in_org_names(
    text: &str,
    starts: impl Iterator<Item = usize>,
    actors: &[ActorData],
    mentions: &[(usize, usize, usize)],
) -> Vec<bool> {
    starts
        .map(|start| {
            mention_covering(mentions, start).is_some_and(|(s, e, a)| {
                actors
                    .get(a)
                    .is_some_and(|x| x.kind == ActorKind::Organization)
                    && text.get(s..e).is_some_and(|n| n.contains(' '))
            })
        })
        .collect()
}

/// `words` with the words `blank` marks replaced by the empty word, which matches nothing.
pub(super) fn blanked<'w>(words: &[&'w str], blank: &[bool]) -> Vec<&'w str> {
    words
        .iter()
        .zip(blank)
        .map(|(&w, &b)| if b { "" } else { w })
        .collect()
}

/// Words that end a linking verb's complement before an evaluative word could come.
const COMPLEMENT_STOPS: &[&str] = &[
    "in", "on", "for", "at", "by", "from", "to", "about", "that", "which", "who", "because", "but",
    "than", "|",
];

/// Closed-class words that are no subject noun before a verb.
const NOT_SUBJECTS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "which", "who", "whom", "what", "do", "does",
    "did", "and", "or", "but", "if", "when", "as", "also", "still", "even", "then", "now",
    "cannot",
];

/// Personal pronouns: a subject that refers to an actor.
const PRONOUNS: &[&str] = &["i", "we", "you", "he", "she", "they", "it"];

/// A word with the shape of a participle ("held", "being"): a verb phrase goes on, so what
/// follows is not the linking verb's complement.
fn is_participle(w: &str) -> bool {
    w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing"))
}

/// Support ↔ oppose (a predicate governing a verb that undoes the relation).
fn reversed(s: Stance) -> Stance {
    match s {
        Stance::Support => Stance::Oppose,
        Stance::Oppose => Stance::Support,
        other => other,
    }
}

/// One statement's words as the cue matchers see them.
struct View<'v> {
    st: &'v Statement,
    /// Word tokens of the statement's context.
    toks: &'v [Token],
    /// Their normalised forms.
    w: &'v [&'v str],
    /// The party each word names.
    marks: &'v [Option<Mark>],
    scan: &'v topic::Scan<'v>,
    /// The words' lemmas.
    lemmas: &'v [&'v str],
    /// The statement's words: `lo..hi`.
    lo: usize,
    hi: usize,
    /// Where an embedded question may start ("asked whether …"): the sentence, or the
    /// statement itself when it is the content of an answered question.
    question_lo: usize,
    /// The party of the statement's holder.
    holder_party: Option<usize>,
    /// The weight of the statement's source.
    src_w: f32,
}

impl View<'_> {
    /// The end of a relation term starting at word `k`, if it ends by `lim`.
    fn rel_at(&self, k: usize, lim: usize) -> Option<usize> {
        self.scan.rel(k).filter(|&e| e <= lim)
    }

    /// Whether word `k` names a party.
    fn names_party(&self, k: usize) -> bool {
        self.marks.get(k).is_some_and(Option::is_some)
    }

    /// The statement's words as [`Ctx::hit`] takes them.
    fn within(&self) -> hit::Within<'_> {
        hit::Within {
            st: self.st,
            toks: self.toks,
            w: self.w,
            lo: self.lo,
            hi: self.hi,
        }
    }

    /// The mark of the statement's holder's party.
    fn holder_mark(&self) -> Option<Mark> {
        self.holder_party.map(Mark::Party)
    }
}

/// A cue inside a longer cue of another stance for the same actor yields to it ("rebuffed
/// overtures … to cooperate" is not also "overtures … to cooperate"), and so does a cue that
/// starts inside an earlier cue of the other side and runs past it: its head is that cue's
/// object ("blasted the administration's outreach" + "outreach to Tehran"; conditions are
/// not objects). Filters only the hits
/// from `first_hit` on (one statement's: a retain over all of `out` was quadratic in the
/// number of statements).
fn yield_to_longer_cues(out: &mut Vec<Hit>, first_hit: usize) {
    let mine = &out[first_hit..];
    let keep: Vec<bool> = mine
        .iter()
        .map(|h| {
            !mine.iter().any(|o| {
                let inside = o.cue.0 <= h.cue.0
                    && h.cue.1 <= o.cue.1
                    && (o.cue.1 - o.cue.0) > (h.cue.1 - h.cue.0);
                // a condition is on what it follows, never another cue's object
                let sides = ![o.stance, h.stance].contains(&Stance::Conditional);
                let object = sides && o.cue.0 < h.cue.0 && h.cue.0 < o.cue.1 && o.cue.1 < h.cue.1;
                o.actor == h.actor && o.stance != h.stance && (inside || object)
            })
        })
        .collect();
    let mut k = keep.into_iter();
    let tail: Vec<Hit> = out
        .drain(first_hit..)
        .filter(|_| k.next().unwrap_or(true))
        .collect();
    out.extend(tail);
}

/// Word tokens, with a pseudo-word `|` for sentence-internal breaks (`.`, `!`, `?`, `;`) so
/// that patterns never match across them.
fn word_tokens(doc: &Doc, s: usize, e: usize) -> Vec<Token> {
    doc.tokens_in(s, e)
        .iter()
        .cloned()
        .filter_map(|mut t| {
            if t.word {
                Some(t)
            } else if matches!(t.norm.as_str(), "." | "!" | "?" | ";" | "…") {
                t.norm = "|".into();
                Some(t)
            } else {
                None
            }
        })
        .collect()
}

/// Whether the lower-case word `n` may stand between a subject and its verb: an auxiliary,
/// a negator, a "-ly" adverb, or a perfect "has/have/had".
fn before_verb(en: &English, n: &str) -> bool {
    en.is_auxiliary(n)
        || en.is_negator(n)
        || n.ends_with("ly")
        || matches!(n, "has" | "have" | "had")
}

/// What a word names for the party tests: one party of the topic (by index), or every
/// party at once ("both sides", "the two governments").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    /// The topic's party with this index (a party name, or an actor affiliated with it).
    Party(usize),
    /// Every party together.
    Both,
}

#[cfg(test)]
mod tests;
