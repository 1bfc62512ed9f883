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
mod participation;
mod reaction;
pub mod topic;

use crate::actors::ActorData;
use crate::attribution::{Source, Statement};
use crate::doc::tokens;
use crate::doc::{Doc, Token};
use crate::knowledge::english::{English, VerbClass, Words};
use crate::report::{ActorKind, Stance};
use complement::Complement;
pub use topic::{Holder, Party, Topic};

/// Bytes of context kept on each side of a statement (within its sentences).
const CONTEXT: usize = 400;

/// One cue hit for one actor.
#[derive(Clone, Debug)]
struct Hit {
    actor: usize,
    stance: Stance,
    open: bool,
    limited: bool,
    talks: bool,
    hedged: bool,
    weight: f32,
    rule: String,
    cue: (usize, usize),
    evidence: (usize, usize),
    quote: bool,
}

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
    /// parties: a strong relation term is relevant without a party next to it.
    document_wide: bool,
}

/// A piece of text that supports an actor's stance, in bytes: what becomes a
/// [`crate::report::Evidence`] at the end.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cited {
    /// The evidence span (a clause or sentence): byte start, byte end (exclusive).
    pub(crate) span: (usize, usize),
    /// The cue phrase that fired: byte start, byte end (exclusive).
    pub(crate) cue: (usize, usize),
    /// The rule id (e.g. `support.need`).
    pub(crate) rule: String,
    /// Whether the evidence is inside a direct quotation.
    pub(crate) quote: bool,
}

/// One actor's stance as the stance stage finds it: the output of [`assess`].
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Verdict {
    /// Stance toward the topic.
    pub(crate) stance: Stance,
    /// Confidence in the stance, 0–1.
    pub(crate) confidence: f32,
    /// Why: at least one item for every non-neutral stance.
    pub(crate) evidence: Vec<Cited>,
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
    ctx.document_wide = topic.document && ctx.names_both_parties();
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

/// Each actor's verdict from its cue hits (news outlets hold none).
fn verdicts(actors: &[ActorData], hits: &[Hit]) -> Vec<Verdict> {
    let mut by_actor: Vec<Vec<&Hit>> = vec![Vec::new(); actors.len()];
    for h in hits {
        if let Some(v) = by_actor.get_mut(h.actor) {
            v.push(h);
        }
    }
    actors
        .iter()
        .zip(by_actor)
        .map(|(actor, mine)| {
            // News outlets of the actor data report what others say: they hold no stance
            // (annotation guideline: "cited outlets (neutral)").
            if is_media(actor) {
                return Verdict::default();
            }
            let (stance, confidence, ev) = aggregate(&mine);
            let evidence = ev
                .into_iter()
                .map(|h| Cited {
                    span: h.evidence,
                    cue: h.cue,
                    rule: h.rule.clone(),
                    quote: h.quote,
                })
                .collect();
            Verdict {
                stance,
                confidence,
                evidence,
            }
        })
        .collect()
}

/// Whether the actor data made this organization a news outlet (CAMEO media code `…MED`;
/// a person's `MED` role code, e.g. a spokeswoman's, does not count).
fn is_media(actor: &ActorData) -> bool {
    actor.kind == ActorKind::Organization
        && actor.code.as_deref().is_some_and(|c| c.ends_with("MED"))
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

/// Support ↔ oppose (a predicate governing a verb that undoes the relation).
/// Words that end a linking verb's complement before an evaluative word could come.
const COMPLEMENT_STOPS: &[&str] = &[
    "in", "on", "for", "at", "by", "from", "to", "about", "that", "which", "who", "because", "but",
    "|",
];

/// A word with the shape of a participle ("held", "being"): a verb phrase goes on, so what
/// follows is not the linking verb's complement.
/// Closed-class words that are no subject noun before a verb.
const NOT_SUBJECTS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "which", "who", "whom", "what", "do", "does",
    "did", "and", "or", "but", "if", "when", "as", "also", "still", "even", "then", "now",
    "cannot",
];

/// Personal pronouns: a subject that refers to an actor.
const PRONOUNS: &[&str] = &["i", "we", "you", "he", "she", "they", "it"];

fn is_participle(w: &str) -> bool {
    w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing"))
}

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
    marks: &'v [Option<usize>],
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

/// The party mark of "the two sides": every party at once.
const EVERY_PARTY: usize = usize::MAX;

impl<'a> Ctx<'a> {
    fn find_established(&self) -> usize {
        for s in self.doc.sentences() {
            let toks = word_tokens(self.doc, s.byte_start, s.byte_end);
            let w: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
            let marks = self.party_marks(&toks, &w);
            let parties = self.parties_in(&marks, 0, w.len(), None);
            let rel = (0..w.len()).any(|i| self.topic.relation_at(&w, i).is_some());
            if parties.iter().filter(|&&b| b).count() >= 2 && rel {
                return s.byte_start;
            }
        }
        usize::MAX
    }

    /// For each word of `w` (tokens `toks`), the party it names: a party name from the topic
    /// or a mention of an actor affiliated with a party.
    fn party_marks(&self, toks: &[Token], w: &[&str]) -> Vec<Option<usize>> {
        let mut marks = vec![None; w.len()];
        let mut i = 0;
        while i < w.len() {
            if let Some((p, e)) = self.topic.party_at(w, i) {
                for m in marks.iter_mut().take(e).skip(i) {
                    *m = Some(p);
                }
                i = e;
                continue;
            }
            if let Some(e) = self.pair_at(toks, w, i) {
                for m in marks.iter_mut().take(e).skip(i) {
                    *m = Some(EVERY_PARTY);
                }
                i = e;
                continue;
            }
            if let Some(a) = self.mention_at_byte(toks[i].start) {
                marks[i] = self.holder_party(a);
            }
            i += 1;
        }
        marks
    }

    /// "both sides", "the two governments" (a pair noun of the English lexicon) at word `i`,
    /// once the topic is established: the parties together. Returns the end of the phrase.
    fn pair_at(&self, toks: &[Token], w: &[&str], i: usize) -> Option<usize> {
        if toks.get(i)?.start < self.established {
            return None;
        }
        let noun = match (w[i], w.get(i + 1)) {
            ("both", _) => i + 1,
            ("the", Some(&"two")) => i + 2,
            _ => return None,
        };
        let pair = w
            .get(noun)
            .is_some_and(|n| self.doc.english().is(Words::Pair, n));
        pair.then_some(noun + 1)
    }

    /// Which parties the marks of words `from..to` name (all but `except`).
    fn parties_in(
        &self,
        marks: &[Option<usize>],
        from: usize,
        to: usize,
        except: Option<usize>,
    ) -> Vec<bool> {
        let mut seen = vec![false; self.topic.parties.len()];
        for &p in marks[from.min(marks.len())..to.min(marks.len())]
            .iter()
            .flatten()
        {
            if p == EVERY_PARTY {
                for (q, s) in seen.iter_mut().enumerate() {
                    *s |= Some(q) != except;
                }
            } else if Some(p) != except {
                seen[p] = true;
            }
        }
        seen
    }

    /// Whether the actors of the document include both parties (as countries or members).
    fn names_both_parties(&self) -> bool {
        let mut seen = vec![false; self.topic.parties.len()];
        for a in 0..self.actors.len() {
            if let Some(p) = self.holder_party(a) {
                seen[p] = true;
            }
        }
        seen.iter().all(|&b| b)
    }

    fn holder_party(&self, actor: usize) -> Option<usize> {
        self.actors[actor]
            .country
            .as_deref()
            .and_then(|c| self.topic.party_index(c))
    }

    /// Whether the relation term at `r` (word indices in `w`, the context) is about the topic.
    fn relevant(
        &self,
        toks: &[Token],
        w: &[&str],
        marks: &[Option<usize>],
        r: (usize, usize),
        holder: Option<usize>,
        at_byte: usize,
    ) -> bool {
        let strong = self.topic.is_strong(w, r.0);
        // "nuclear talks": another matter.
        let (xa, xb) = (r.0.saturating_sub(3), (r.1 + 3).min(w.len()));
        if (xa..xb).any(|k| self.topic.exclude.match_at(w, k).is_some()) {
            return false;
        }
        if strong && self.document_wide {
            return true;
        }
        let (before, after) = if strong { (3, 8) } else { (2, 4) };
        // The window next to the term, cut at punctuation.
        let punct = |a: usize, b: usize| {
            self.text
                .get(toks[a].end..toks[b].start)
                .is_none_or(|g| g.contains([',', ';', ':', '.', '(', ')', '—', '–']))
        };
        let mut near_from = r.0;
        while near_from > 0
            && r.0 - near_from < before
            && !punct(near_from - 1, near_from)
            && w[near_from - 1] != "|"
        {
            near_from -= 1;
        }
        let mut near_to = r.1;
        while near_to < w.len()
            && near_to - r.1 < after
            && !punct(near_to - 1, near_to)
            && w[near_to] != "|"
        {
            near_to += 1;
        }
        let near = self
            .parties_in(marks, near_from, near_to, holder)
            .iter()
            .any(|&b| b);
        // The clause around the term.
        let brk = topic::is_clause_break;
        let cs = (0..r.0).rev().find(|&k| brk(w[k])).map_or(0, |k| k + 1);
        let ce = (r.1..w.len()).find(|&k| brk(w[k])).unwrap_or(w.len());
        let both = self.parties_in(marks, cs, ce, None).iter().all(|&b| b);
        // "the two sides agreed to meet": the parties together in the clause before the term
        let pair_before =
            marks[cs.min(marks.len())..r.0.min(marks.len())].contains(&Some(EVERY_PARTY));
        match holder {
            // A party's member: the other party next to the term ("work with Americans"), or
            // anywhere in the clause for a strong term.
            Some(h) => {
                let other = self.parties_in(marks, cs, ce, Some(h)).iter().any(|&b| b);
                // "Araghchi and Witkoff will meet": the other party coordinated with the
                // holder in the subject is the counterpart of a weak term too
                let coordinated = (cs..r.0).any(|k| w[k] == "and")
                    && self.parties_in(marks, cs, r.0, Some(h)).iter().any(|&b| b);
                if near || (strong && other) || coordinated || pair_before {
                    return true;
                }
            }
            // A third party: the relation must join both parties ("a rapprochement between
            // Washington and Tehran"); for a weak term one of them next to it.
            None => {
                if both && (strong || near || pair_before) {
                    return true;
                }
            }
        }
        if at_byte >= self.established {
            let lo = r.0.saturating_sub(2);
            for k in lo..r.0 {
                if let Some(e) = self.topic.anaphora.match_at(w, k) {
                    if e <= r.0
                        && (strong || matches!(w[k], "their" | "such" | "this" | "that" | "its"))
                    {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// Whether a relevant relation term occurs in the sentences just before byte `at`
    /// (topic continuity for cues that do not name the relation: "the report is not true").
    fn relation_before(&self, at: usize) -> bool {
        let Some(si) = self.doc.sentence_at(at) else {
            return false;
        };
        // Bounded: run-on "sentences" must not make this quadratic.
        let from = self.doc.sentences()[si.saturating_sub(2)]
            .byte_start
            .max(at.saturating_sub(1500));
        let to = self.doc.sentences()[si]
            .byte_end
            .min(at.saturating_add(300));
        let (from, to) = (tokens::floor(self.text, from), tokens::floor(self.text, to));
        let toks = word_tokens(self.doc, from, to);
        let w: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        let marks = self.party_marks(&toks, &w);
        (0..w.len()).any(|k| {
            self.topic
                .relation_at(&w, k)
                .is_some_and(|e| self.relevant(&toks, &w, &marks, (k, e), None, toks[k].start))
        })
    }

    /// Inside an embedded question ("asked whether the US would cooperate"): no position.
    fn in_question(&self, w: &[&str], pos: usize, lo: usize) -> bool {
        let from = pos.saturating_sub(6).max(lo);
        (from..pos).any(|k| {
            w[k] == "whether" || (w[k] == "if" && k > 0 && topic::is_question_verb(w[k - 1]))
        })
    }

    fn negated_before(&self, w: &[&str], pos: usize, lo: usize) -> bool {
        let from = pos.saturating_sub(3).max(lo);
        (from..pos).any(|k| self.topic.negators.match_at(w, k).is_some_and(|e| e <= pos))
    }

    /// The cue hits of one statement: the topic's cues, then negated or modal relation
    /// terms no cue covers, then limiters; a cue inside a longer cue of another stance
    /// yields to it.
    fn statement_hits(&self, st: &Statement, out: &mut Vec<Hit>) {
        self.statement_hits_as(st, false, out);
    }

    /// [`Ctx::statement_hits`]; `answer`: `st` is the content of a question its holder
    /// answered (its own "whether" is not an embedded question).
    fn statement_hits_as(&self, st: &Statement, answer: bool, out: &mut Vec<Hit>) {
        let (sb, se) = (st.span.byte_start, st.span.byte_end);
        if sb >= se {
            return;
        }
        if let Some((question, yes)) = self.answered_question(st) {
            // "Asked whether …, X said: 'No, absolutely not.'": X's stance is the question's
            // content, reversed by a "no"
            let q = Statement {
                span: question,
                quote: false,
                ..st.clone()
            };
            let first = out.len();
            self.statement_hits_as(&q, true, out);
            for h in &mut out[first..] {
                if !yes {
                    h.stance = reversed(h.stance);
                    h.open = false;
                }
                let answer = if yes { "answered_yes" } else { "answered_no" };
                h.rule = format!("{}.{answer}", h.rule);
            }
        }
        let (cb, ce) = self.statement_context(st);
        let toks = word_tokens(self.doc, cb, ce);
        let w: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        let lo = toks.partition_point(|t| t.start < sb);
        let hi = toks.partition_point(|t| t.end <= se);
        if lo >= hi {
            return;
        }
        let holder_party = self.holder_party(st.actor);
        let marks = self.party_marks(&toks, &w);
        let lemmas: Vec<&str> = toks.iter().map(|t| t.lemma.as_str()).collect();
        // words of an organization's name are no relation terms or cue words ("Gulf
        // Cooperation Council"); party names are marked on the text as written
        let starts = toks.iter().map(|t| t.start);
        let names = in_org_names(self.text, starts, self.actors, &self.mentions);
        let (scan_w, scan_lemmas) = (blanked(&w, &names), blanked(&lemmas, &names));
        let scan = self.topic.scan(&scan_w).with_lemmas(&scan_lemmas);
        let src_w = match st.source {
            Source::Quote => 1.0,
            Source::Reported => 0.9,
            Source::Agent => 0.85,
            Source::Object => 0.8,
        } * if st.nested { 0.5 } else { 1.0 };
        let v = View {
            st,
            toks: &toks,
            w: &w,
            marks: &marks,
            scan: &scan,
            lemmas: &lemmas,
            lo,
            hi,
            question_lo: if answer {
                lo
            } else {
                let sentence = self.doc.sentence_at(sb).unwrap_or(0);
                toks.partition_point(|t| t.sentence < sentence)
            },
            holder_party,
            src_w,
        };
        let first_hit = out.len();
        let covered = self.cue_hits(&v, out);
        self.generic_hits(&v, &covered, out);
        self.limiter_hits(&v, out);
        yield_to_longer_cues(out, first_hit);
    }

    /// A statement with no relation term that opens with a condition marker ("But only if
    /// they stop enrichment," he added) right after the same holder's statement of support
    /// (ended at byte `support_end`, at most two sentences before), or before it in the same
    /// sentence ("If they stop enrichment, he said, the US would talk"): the condition is on
    /// what that statement supported, a conditional hit.
    fn continued_condition(&self, st: &Statement, support_end: Option<usize>, out: &mut Vec<Hit>) {
        let Some(end) = support_end else { return };
        let (sb, se) = (st.span.byte_start, st.span.byte_end);
        let (Some(a), Some(b)) = (
            self.doc.sentence_at(end.saturating_sub(1)),
            self.doc.sentence_at(sb),
        ) else {
            return;
        };
        // before the support only within its sentence ("If …, he said, the US would talk")
        if (end > sb && a != b) || b > a + 2 {
            return;
        }
        let toks = word_tokens(self.doc, sb, se);
        let w: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        let lead = w
            .iter()
            .take_while(|x| matches!(**x, "but" | "and" | "only" | "yet"))
            .count()
            .min(2);
        let starts = (0..=lead).find_map(|k| self.topic.condition_at(&w, k));
        let Some(cond_end) = starts else { return };
        out.push(self.hit(
            st,
            st.actor,
            &toks,
            &w,
            0,
            cond_end,
            None,
            Stance::Conditional,
            false,
            0.9,
            "conditional.condition.continued",
            0,
            w.len(),
        ));
    }

    /// A quote that answers a question: it opens with "no"/"yes" (or "never", "absolutely
    /// not", "of course") and its sentence opens with "Asked whether/if/about …,". The
    /// question's span (after "asked", to the first comma) and whether the answer is yes.
    fn answered_question(&self, st: &Statement) -> Option<(crate::span::Span, bool)> {
        if !st.quote {
            return None;
        }
        let answer: Vec<&str> = self
            .doc
            .tokens_in(st.span.byte_start, st.span.byte_end)
            .iter()
            .filter(|t| t.word)
            .take(2)
            .map(|t| t.norm.as_str())
            .collect();
        let yes =
            match answer.as_slice() {
                ["no" | "never" | "nope", ..]
                | ["absolutely" | "certainly" | "definitely", "not"] => false,
                ["yes" | "absolutely" | "certainly" | "definitely" | "sure", ..]
                | ["of", "course"] => true,
                _ => return None,
            };
        let sent = &self.doc.sentences()[self.doc.sentence_at(st.span.byte_start)?];
        let toks = self.doc.tokens_in(sent.byte_start, st.span.byte_start);
        let asked = toks.iter().take(3).position(|t| t.norm == "asked")?;
        // the content after the question word ("whether", "if", "about"): read as a statement
        let skip = toks[asked + 1..]
            .iter()
            .take_while(|t| matches!(t.norm.as_str(), "whether" | "if" | "about" | "on" | "why"))
            .count();
        let start = toks.get(asked + 1 + skip)?.start;
        let comma = toks[asked + 1..]
            .iter()
            .find(|t| t.norm == "," || t.norm == ":")?;
        (comma.start > start).then(|| (self.doc.index().span_from_bytes(start, comma.start), yes))
    }

    /// The bytes a statement's cues are read in: the sentences overlapping the statement
    /// (the whole quote for quotes), bounded to [`CONTEXT`] bytes on each side.
    fn statement_context(&self, st: &Statement) -> (usize, usize) {
        let (sb, se) = (st.span.byte_start, st.span.byte_end);
        let first = self
            .doc
            .sentence_at(sb)
            .map_or(sb, |i| self.doc.sentences()[i].byte_start.min(sb));
        let last = self
            .doc
            .sentence_at(se.saturating_sub(1))
            .map_or(se, |i| self.doc.sentences()[i].byte_end.max(se));
        let (cb, ce) = if st.quote { (sb, se) } else { (first, last) };
        // Bound the context on run-on text.
        let cb = tokens::floor(self.text, cb.max(sb.saturating_sub(CONTEXT)));
        let ce = tokens::floor(self.text, ce.min(se.saturating_add(CONTEXT)));
        (cb, ce)
    }

    /// Hits of the topic's cues. Returns the word ranges they cover (cue and relation term).
    fn cue_hits(&self, v: &View, out: &mut Vec<Hit>) -> Vec<(usize, usize)> {
        let mut covered: Vec<(usize, usize)> = Vec::new();
        for cue in &self.topic.cues {
            let mut pos = v.lo;
            while pos < v.hi {
                let Some(hit) = cue.pattern.match_at(v.scan, v.hi, pos) else {
                    pos += 1;
                    continue;
                };
                if self.inside_other_phrase(v, hit.start, cue.stance) {
                    pos += 1;
                    continue;
                }
                let holder = match cue.holder {
                    // "Brazil's opposition to the talks": the possessor's, not the holder's
                    Holder::Agent if self.possessed_by_other(v, hit.start) => None,
                    // "the letter, which warned that any deal …": the antecedent's predicate
                    Holder::Agent if self.relative_of_other(v, hit.start) => None,
                    // "X said Washington rejected the talks": the other party's act, reported
                    // (a condition put on that party is the holder's: "said Iran would have
                    // to give up enrichment for any deal")
                    Holder::Agent
                        if cue.stance != Stance::Conditional
                            && self.other_party_subject(v, hit.start) =>
                    {
                        None
                    }
                    Holder::Agent => Some(v.st.actor),
                    Holder::Object => self.mention_after(v.toks, hit.end),
                };
                let Some((rel, weight)) = self.cue_about(v, cue, &hit, holder) else {
                    pos += 1;
                    continue;
                };
                if cue.stance == Stance::Conditional && self.terms_of_relation(v, &hit) {
                    pos += 1;
                    continue;
                }
                if cue.stance == Stance::Oppose
                    && (self.relation_in_protasis(v, hit.start, rel)
                        || self.beyond_prepositions_object(v, hit.start, rel))
                {
                    pos += 1;
                    continue;
                }
                let Some((stance, open, rule)) = self.cue_reading(v, cue, &hit, rel) else {
                    pos += 1;
                    continue;
                };
                if let Some(actor) = holder {
                    out.push(self.hit(
                        v.st, actor, v.toks, v.w, hit.start, hit.end, rel, stance, open, weight,
                        rule, v.lo, v.hi,
                    ));
                    covered.push((hit.start, hit.end.max(rel.map_or(0, |r| r.1))));
                }
                pos = hit.end.max(pos + 1);
            }
        }
        covered
    }

    /// A cue hit's stance, openness and rule: [`Ctx::cue_stance`] (negation), then the verb
    /// it governs (an undoing verb reverses it; another verb makes the cue about that verb:
    /// `None`), then two readings of general grammar: an
    /// ultimatum ([`Ctx::ultimatum`]: `support.ultimatum`) and advice ("warned Iran to make a
    /// deal" urges it, "… not to …" or an undoing verb opposes: `*.advice`).
    fn cue_reading<'c>(
        &self,
        v: &View,
        cue: &'c topic::Cue,
        hit: &topic::Hit,
        rel: Option<(usize, usize)>,
    ) -> Option<(Stance, bool, &'c str)> {
        let (stance, open) = self.cue_stance(v, cue, hit, rel);
        // "demanded that the administration end the talks": the demand's act, no condition
        if stance == Stance::Conditional {
            let to = rel.map_or(hit.start, |(r, _)| r.min(hit.end));
            if let Some((_, s, rule)) = self.demanded_act(v, hit.start, to) {
                return Some((s, false, rule));
            }
        }
        let governed = self.governed(v, hit.start + 1, rel);
        let (stance, open) = match governed {
            _ if stance == Stance::Conditional => (stance, open),
            Complement::Undo => (reversed(stance), false),
            _ => (stance, open),
        };
        // "refused to submit any deal to Congress", "sought to use the deal": a predicate
        // with an infinitive of its own is about that verb, not the relation ("afraid that
        // it will draw them closer" is still a fear of the relation)
        let infinitive = v.w.get(hit.start + 1) == Some(&"to")
            && complement::verb_after_to(v.w, hit.start + 1)
            && rel.is_some_and(|(r, _)| r > hit.start + 2);
        if governed == Complement::Other && infinitive && stance != Stance::Conditional {
            return None;
        }
        if stance == Stance::Conditional && self.ultimatum(v, hit.start, rel) {
            return Some((Stance::Support, open, "support.ultimatum"));
        }
        // advice takes an infinitive ("warned Iran to make a deal"); a gerund is the
        // predicate's object ("warned against resuming talks")
        let en = self.doc.english();
        let infinitive_verb = rel.is_some_and(|(r, _)| {
            (hit.start + 1..r).any(|k| v.w[k] == "to" || en.is_auxiliary(v.w[k]))
        });
        let directive = cue.stance == Stance::Oppose
            && infinitive_verb
            && matches!(governed, Complement::Keep | Complement::Undo)
            && en.is(Words::Directive, v.lemmas[hit.start]);
        if directive {
            let negated = rel.is_some_and(|(r, _)| {
                (hit.start + 1..r).any(|k| self.topic.negators.match_at(v.w, k).is_some())
            });
            return Some(if (governed == Complement::Keep) != negated {
                (Stance::Support, false, "support.advice")
            } else {
                (Stance::Oppose, false, "oppose.advice")
            });
        }
        Some((stance, open, cue.rule.as_str()))
    }

    /// A demand whose content is an act on the relation term at word `r` ("demanded that the
    /// administration end the talks", "insisted that Washington return to the deal"): the
    /// holder wants that act, so the demand is no condition but support (`support.demand`)
    /// or, for an undoing verb or a negated one ("insisted that Tehran not abandon …"
    /// supports), opposition (`oppose.demand`). The verb of demand (`demand_verbs` of the
    /// English lexicon) is the last one in `from..r`, in the sentence; the act is found by
    /// [`complement::demanded_verb`]. (its word, the stance, the rule)
    fn demanded_act(
        &self,
        v: &View,
        from: usize,
        r: usize,
    ) -> Option<(usize, Stance, &'static str)> {
        let en = self.doc.english();
        let k = (from..r)
            .rev()
            .take_while(|&k| v.w[k] != "|")
            .find(|&k| en.is(Words::Demand, v.w[k]))?;
        let (j, class) = complement::demanded_verb(en, v.toks, k + 1, r, |j| v.names_party(j))?;
        let negated = (k + 1..j).any(|m| self.topic.negators.match_at(v.w, m).is_some());
        Some(if (class == Complement::Keep) != negated {
            (k, Stance::Support, "support.demand")
        } else {
            (k, Stance::Oppose, "oppose.demand")
        })
    }

    /// Whether a condition at word `k` is an ultimatum about the relation: a negative
    /// protasis names what the holder demands ("X **unless** Iran resumes negotiations",
    /// "bad things would happen **if** a deal was **not** agreed"), so the holder wants the
    /// relation `rel`, which stands in it (grammar of threats: the consequence is the
    /// penalty, the protasis the demand).
    fn ultimatum(&self, v: &View, k: usize, rel: Option<(usize, usize)>) -> bool {
        let Some((r, re)) = rel else { return false };
        if r <= k || self.topic.condition_at(v.w, k).is_none() {
            return false;
        }
        let clause = v.toks[r].clause;
        let end = (re..v.hi)
            .take_while(|&j| v.toks[j].clause == clause)
            .take(4)
            .last()
            .map_or(re, |j| j + 1);
        v.w[k] == "unless"
            || (k + 1..end).any(|j| self.topic.negators.match_at(v.w, j).is_some())
            || self.wanted_protasis(v, k, (r, re))
    }

    /// Whether the relation term at `r..re` stands only in the protasis that the marker at
    /// word `k` opens ("if", "once": `protases` of the English lexicon), as the protasis's
    /// own predicate or object, and the consequence names no relation: the holder offers
    /// or threatens something to bring the relation about ("offered to extend the deadline
    /// if Tehran returned to the negotiating table", "sanctions will be eased once Iran
    /// comes to the table"). A relation in the consequence too ("talks can resume if Iran
    /// stops enrichment", "if Washington returns to the deal, it can join the talks") keeps
    /// the condition; so does a protasis whose relation term is in a relative clause or
    /// apposition ("if Rowhani, who promised talks, …").
    fn wanted_protasis(&self, v: &View, k: usize, (r, re): (usize, usize)) -> bool {
        const RELATIVES: &[&str] = &["who", "which", "that", "whose", "whom", "|"];
        let Some(marker_end) = self.topic.protases.match_at(v.w, k) else {
            return false;
        };
        let clause = v.toks[r].clause;
        let one_clause =
            (marker_end..r).all(|j| v.toks[j].clause == clause && !RELATIVES.contains(&v.w[j]));
        if marker_end >= r || !one_clause {
            return false;
        }
        // where the protasis ends is not marked without a comma ("if the US returns to the
        // deal it can join the talks"): any other relation term keeps the condition
        let mut elsewhere = (v.lo..k).chain(re..v.hi);
        !elsewhere.any(|j| v.rel_at(j, v.hi).is_some())
    }

    /// Whether a marker of an exchange (`exchanges` of the English lexicon: "in return for")
    /// in a conditional cue's `hit` stands in a clause that describes the relation term
    /// before it: a relative clause ("the accord, **under which**
    /// Iran agreed to limits in return for sanctions relief", "the deal … **that** saw Tehran
    /// curb enrichment in exchange for relief"), a participle or an infinitive right after
    /// the term ("a deal **reached** last year to curb its programme in return for …", "a
    /// deal **to** curb …"). The marker then names the relation's terms, not a condition the
    /// holder sets (grammar: a noun's modifier describes the noun). Other markers keep their
    /// condition there ("negotiations conducted under threats"). A "that" after a verb of
    /// saying is a complementizer, not a relative ("adding that Iran must first …").
    fn terms_of_relation(&self, v: &View, hit: &topic::Hit) -> bool {
        let Some(k) =
            (hit.start..hit.end).find(|&j| self.topic.exchanges.match_at(v.w, j).is_some())
        else {
            return false;
        };
        // the relation term the exchange follows ("the deal … in return for sanctions relief")
        let Some((r, re)) = (v.lo..k).rev().find_map(|j| v.rel_at(j, k).map(|e| (j, e))) else {
            return false;
        };
        let en = self.doc.english();
        let relative = (re..k).any(|j| match v.w[j] {
            "which" | "whereby" => true,
            "that" => !en.is(Words::Saying, v.lemmas[j - 1]),
            _ => false,
        });
        // the modifier may follow the term's own "with Iran" / "between Iran and the US"
        let party = |j: usize| v.names_party(j);
        let head = (re..k)
            .find(|&j| !party(j) && !matches!(v.w[j], "with" | "between" | "and" | "the"))
            .unwrap_or(k);
        let modifier = head < k
            && (v.w[head] == "to"
                || (is_participle(v.w[head]) || en.is_irregular_form(v.w[head]))
                    && en.verb_class(v.lemmas[head]) == Some(VerbClass::Keep));
        r < re && (relative || modifier)
    }

    /// Whether the cue at word `from` is a preposition of the stance families ("against")
    /// and its relation term `rel` lies beyond the preposition's object: another preposition
    /// or a clause word stands between ("sanctions against Iran **ahead** of the talks"; but
    /// "against a 2015 Iran nuclear deal", "against a new round of talks").
    fn beyond_prepositions_object(
        &self,
        v: &View,
        from: usize,
        rel: Option<(usize, usize)>,
    ) -> bool {
        // ("of" continues a noun phrase: "against a new round of talks")
        const ENDS_OBJECT: &[&str] = &[
            "ahead", "over", "with", "after", "before", "during", "amid", "despite", "while", "as",
        ];
        self.doc
            .english()
            .is(Words::PrepositionalPredicate, v.w[from])
            && rel.is_some_and(|(r, _)| {
                (from + 1..r)
                    .any(|k| COMPLEMENT_STOPS.contains(&v.w[k]) || ENDS_OBJECT.contains(&v.w[k]))
            })
    }

    /// Whether a condition marker stands between an oppose predicate at word `from` and its
    /// relation term: the relation is then in the protasis, not what the predicate is about
    /// ("warned that bad things would happen **if** a deal was not agreed", "fears that **if**
    /// the talks fail …": the warning and the fear are of the consequence).
    fn relation_in_protasis(&self, v: &View, from: usize, rel: Option<(usize, usize)>) -> bool {
        rel.is_some_and(|(r, _)| (from + 1..r).any(|k| self.topic.condition_at(v.w, k).is_some()))
    }

    /// Whether word `k` is the second or third word of a multi-word predicate of the English
    /// families with another stance ("back" in "roll back", "out" in "reach out"): a cue
    /// starting there is a fragment of that phrase.
    fn inside_other_phrase(&self, v: &View, k: usize, stance: Stance) -> bool {
        use crate::knowledge::english::Family;
        let en = self.doc.english();
        let from = k.saturating_sub(2).max(v.lo);
        let lemmas: Vec<&str> = v.toks[from..(k + 1).min(v.toks.len())]
            .iter()
            .map(|t| t.lemma.as_str())
            .collect();
        (0..k - from).any(|i| {
            en.family_at(&lemmas, i).is_some_and(|(fam, end)| {
                end > k - from
                    && !matches!(
                        (fam, stance),
                        (Family::Support, Stance::Support) | (Family::Oppose, Stance::Oppose)
                    )
            })
        })
    }

    /// What the words from `from` up to the relation term `rel` govern
    /// ([`complement::complement`]); no relation term after `from` governs nothing.
    fn governed(&self, v: &View, from: usize, rel: Option<(usize, usize)>) -> Complement {
        match rel {
            Some((r, _)) if r > from => complement::complement(
                self.doc.english(),
                v.toks,
                from,
                r,
                |k| v.rel_at(k, v.hi).is_some(),
                |k| v.names_party(k),
            ),
            _ => Complement::Relation,
        }
    }

    /// Whether a cue hit is about the topic's relation (and not inside an embedded
    /// question): the relation term it is about (its own, or one within 20 words) and the
    /// hit's weight, or `None`.
    fn cue_about(
        &self,
        v: &View,
        cue: &topic::Cue,
        hit: &topic::Hit,
        holder: Option<usize>,
    ) -> Option<(Option<(usize, usize)>, f32)> {
        // The relation term the cue is about.
        let rel = hit.rel.or_else(|| {
            let from = hit.start.saturating_sub(20).max(v.lo);
            (from..v.hi.min(hit.end + 20)).find_map(|k| v.rel_at(k, v.hi).map(|e| (k, e)))
        });
        let mut weight = cue.weight * v.src_w;
        let holder_party = holder.and_then(|a| self.holder_party(a));
        let about = if cue.names_party() {
            true
        } else {
            match rel {
                Some(r)
                    if self.relevant(
                        v.toks,
                        v.w,
                        v.marks,
                        r,
                        holder_party,
                        v.toks[hit.start].start,
                    ) =>
                {
                    true
                }
                Some(_) if hit.rel.is_some() => false,
                _ => {
                    weight *= 0.7;
                    self.relation_before(v.toks[hit.start].start)
                }
            }
        };
        if !about || self.in_question(v.w, hit.start, v.question_lo) {
            return None;
        }
        Some((rel, weight))
    }

    /// The stance of a cue hit after negation, and whether it is an open (negated
    /// opposition) reading.
    fn cue_stance(
        &self,
        v: &View,
        cue: &topic::Cue,
        hit: &topic::Hit,
        rel: Option<(usize, usize)>,
    ) -> (Stance, bool) {
        let w = v.w;
        // "not impossible": a negator right before the last word of a gapped cue.
        let last_is_neg = self.topic.negators.match_at(w, hit.end - 1).is_some();
        let own_neg = cue.self_negated(self.topic);
        let tail_negated = !own_neg
            && hit.end >= hit.start + 3
            && !last_is_neg
            && self.negated_before(w, hit.end - 1, hit.end.saturating_sub(3).max(hit.start + 1));
        // a cue that spells out its own negator is not negated again by one before it ("would
        // not engage in talks, as they would not resolve any issues")
        let negated = tail_negated
            || (!own_neg && self.negated_before(w, hit.start, v.lo))
            || (cue.stance == Stance::Support
                && !own_neg
                && rel.is_some_and(|r| r.0 > hit.start && self.negated_before(w, r.0, hit.start)));
        match (cue.stance, negated) {
            (Stance::Support, true) => (Stance::Oppose, false),
            (Stance::Oppose, true) => (Stance::Support, true),
            (s, _) => (s, false),
        }
    }

    /// Generic: relation terms not covered by a cue. After a support predicate of the
    /// English families (or a negated oppose predicate), support; a negated relation term is
    /// opposition; one after a modal, weak support.
    fn generic_hits(&self, v: &View, covered: &[(usize, usize)], out: &mut Vec<Hit>) {
        let (toks, w, lo, hi) = (v.toks, v.w, v.lo, v.hi);
        let mut k = lo;
        while k < hi {
            let Some(e) = v.rel_at(k, hi) else {
                k += 1;
                continue;
            };
            let inside = covered.iter().any(|&(a, b)| k >= a && k < b)
                || self.in_question(w, k, v.question_lo);
            if !inside && self.relevant(toks, w, v.marks, (k, e), v.holder_party, toks[k].start) {
                // (first word, after-last word, stance, weight, rule)
                let found = self
                    .evaluation_after(v, k, e)
                    .or_else(|| self.demanded_act(v, lo, k).map(|(s, st, r)| (s, e, st, r)))
                    .or_else(|| self.family_before(v, k).map(|(s, st, r)| (s, e, st, r)))
                    .map(|(s, end, stance, rule)| (s, end, stance, 0.8, rule));
                let found = found.or_else(|| {
                    let modal_from = k.saturating_sub(3).max(lo);
                    let (lexicon, stance, weight, rule) =
                        if self.negated_before(w, k, lo) && !self.negated_modifier(v, k) {
                            (
                                &self.topic.negators,
                                Stance::Oppose,
                                0.8,
                                "oppose.negated_relation",
                            )
                        } else if (modal_from..k)
                            .any(|m| self.topic.modals.match_at(w, m).is_some_and(|x| x <= k))
                        {
                            (&self.topic.modals, Stance::Support, 0.6, "support.modal")
                        } else {
                            return None;
                        };
                    let s = (modal_from..k)
                        .find(|&m| lexicon.match_at(w, m).is_some())
                        .unwrap_or(k);
                    // "would not end the talks": a negated verb that undoes the relation
                    // keeps it (grammar: double negation)
                    let en = self.doc.english();
                    let negated_undo = stance == Stance::Oppose
                        && complement::verb_of_relation(en, toks, s + 1, k, |j| v.names_party(j))
                            .is_some_and(|(j, c)| c == Complement::Undo && j <= s + 2);
                    if negated_undo {
                        return Some((s, e, Stance::Support, weight, "support.negated_undo"));
                    }
                    // "legislation that could torpedo the talks": the modal's subject is the
                    // relative pronoun's antecedent, not the holder
                    if s > lo
                        && complement::opens_relative(self.doc.english(), w, s)
                        && stance == Stance::Support
                    {
                        return None;
                    }
                    // "should abandon the talks": the verb the modal governs undoes them
                    let undo = stance == Stance::Support
                        && self.governed(v, s + 1, Some((k, e))) == Complement::Undo;
                    // the verb the modal governs, past adverbs ("would only undermine")
                    let verb = (s + 1..k)
                        .find(|&m| !(w[m] == "only" || w[m].ends_with("ly")))
                        .unwrap_or(k);
                    if undo && self.obstructed_by_thing(v, verb) {
                        return Some((s, e, Stance::Support, weight, "support.harm_to"));
                    }
                    if undo {
                        return Some((s, e, Stance::Oppose, weight, "oppose.modal_undo"));
                    }
                    Some((s, e, stance, weight, rule))
                });
                // "X said Tehran would never accept a deal": the other party's, reported
                let found = found
                    .filter(|f| f.2 == Stance::Conditional || !self.other_party_subject(v, f.0));
                if let Some((s, end, stance, weight, rule)) = found {
                    out.push(self.hit(
                        v.st,
                        v.st.actor,
                        toks,
                        w,
                        s,
                        end,
                        Some((k, e)),
                        stance,
                        false,
                        weight * v.src_w,
                        rule,
                        lo,
                        hi,
                    ));
                }
            }
            k = e;
        }
    }

    /// A support predicate of the English lexicon's families (lemmas: "stand committed to the
    /// deal", "hoped the accord") or a negated oppose predicate ("did not reject talks")
    /// before the relation term at word `k`, in its clause and the statement: (its first
    /// word, the stance, the rule).
    fn family_before(&self, v: &View, k: usize) -> Option<(usize, Stance, &'static str)> {
        use crate::knowledge::english::Family;
        let en = self.doc.english();
        let clause = v.toks[k].clause;
        let from = (v.lo..k)
            .rev()
            .take_while(|&m| v.toks[m].clause == clause && v.w[m] != "|")
            .last()?;
        let lemmas = &v.lemmas[from..k];
        // the last predicate of the clause, unless it is the verb an earlier one governs
        // ("vowed to scrap the deal": the vow, governing "scrap")
        let mut found: Option<(usize, Family)> = None;
        let mut i = 0;
        // a predicate right after a relative "that"/"which" has the antecedent as subject ("a
        // bill that threatens to derail the talks"), not the statement's holder
        let relative = |m: usize| complement::opens_relative(en, v.w, m);
        while i < lemmas.len() {
            match en.family_at(lemmas, i) {
                Some((_, end)) if relative(from + i) => i = end.max(i + 1),
                Some((fam, end)) => {
                    let governed_by_found = found.is_some() && i > 0 && v.w[from + i - 1] == "to";
                    if !governed_by_found {
                        found = Some((from + i, fam));
                    }
                    i = end.max(i + 1);
                }
                None => i += 1,
            }
        }
        let (at, fam) = found?;
        // "halt enrichment before any talks", "welcomed the release amid talks": a relation
        // term in a phrase of time or circumstance after the predicate is its setting, not its
        // object (grammar: adjuncts)
        if (at + 1..k).any(|m| en.opens_adjunct(v.w[m])) {
            return None;
        }
        let governed = self.governed(v, at + 1, Some((k, k + 1)));
        let negated = (from..at).any(|m| {
            self.topic
                .negators
                .match_at(v.w, m)
                .is_some_and(|e| e <= at)
        });
        // "hoped Washington would not end the talks", "vowed it would not coordinate": a
        // negator after the predicate, in its clause, negates what it governs
        let inner = (at + 1..k).any(|m| self.topic.negators.match_at(v.w, m).is_some());
        let flip = |(at, stance, rule): (usize, Stance, &'static str)| match (inner, stance) {
            (true, Stance::Support) => Some((at, Stance::Oppose, "oppose.predicate.negated_verb")),
            (true, Stance::Oppose) => Some((at, Stance::Support, "support.predicate.negated_verb")),
            _ => Some((at, stance, rule)),
        };
        flip(match (fam, governed, negated) {
            (Family::Support, Complement::Relation | Complement::Keep, false)
            | (Family::Intent, Complement::Keep, false) => {
                (at, Stance::Support, "support.predicate")
            }
            (Family::Oppose, Complement::Relation | Complement::Keep | Complement::Other, true) => {
                (at, Stance::Support, "support.predicate.negated")
            }
            // "vowed to roll back the deal", "refused to abandon the talks"
            (Family::Support | Family::Intent, Complement::Undo, false) => {
                (at, Stance::Oppose, "oppose.predicate")
            }
            (Family::Oppose, Complement::Undo, false) => (at, Stance::Support, "support.predicate"),
            // The holder's own verb: an oppose predicate that opens an agent's or speaker's
            // clause ("He withdrew the US from the accord", "said he opposed the deal")
            (Family::Oppose, Complement::Relation | Complement::Keep, false)
                if self.holders_own_verb(v, at) =>
            {
                (at, Stance::Oppose, "oppose.predicate")
            }
            // "said new sanctions would only undermine the talks": an obstruction by a thing
            // the speaker names is a harm to the relation the speaker deplores (as "harmful
            // to the talks")
            (Family::Oppose, Complement::Relation, false) if self.obstructed_by_thing(v, at) => {
                (at, Stance::Support, "support.harm_to")
            }
            // Elsewhere an oppose predicate before a relation term is as often about someone else's
            // opposition ("Netanyahu's opposition to the deal", "fears over the talks") as the
            // holder's: measured on stance-news/dev as a cue it was right 5 times in 13, so
            // it stays a vote of the document-wide reading only (participation.rs). An intent
            // word alone ("plans", "vowed") says nothing of the relation.
            _ => return None,
        })
    }

    /// An evaluative predicate of the relation term at words `k..e` (`[evaluative]` of the
    /// English lexicon): the term is the subject of a linking verb ("a deal with Iran would be
    /// a grave mistake", "the talks were productive") or the object of a verb of naming just
    /// before it ("called the deal a disaster", "called the idea of talks the height of
    /// folly", "described the talks as constructive"). The
    /// subject may run on for a few words ("with Iran"); after the linking verb only
    /// determiners, negators and modifiers may precede the evaluative word, so "talks will be
    /// held despite dangerous tensions" says nothing. A negator after the linking verb
    /// reverses the judgement. Returns (first word, after-last word, stance, rule).
    fn evaluation_after(
        &self,
        v: &View,
        k: usize,
        e: usize,
    ) -> Option<(usize, usize, Stance, &'static str)> {
        const SUBJECT_WORDS: usize = 9;
        const MODIFIERS: usize = 3;
        let en = self.doc.english();
        let clause = v.toks[k].clause;
        let naming = (k.saturating_sub(5).max(v.lo)..k)
            .find(|&m| v.toks[m].clause == clause && en.is(Words::Naming, &v.toks[m].lemma));
        let lemmas = &v.lemmas[..v.hi.min(v.lemmas.len())];
        // a preposition, a relative or subordinate clause, a verb of saying or another
        // relation term ends the complement
        let stop = |j: usize| {
            COMPLEMENT_STOPS.contains(&v.w[j])
                || (en.is(Words::Saying, lemmas[j]) && v.marks.get(j).is_none_or(Option::is_none))
                || v.rel_at(j, v.hi).is_some()
        };
        // the link: a copula after the subject, or the naming verb before the term
        let mut j = e;
        let mut linked = naming.is_some();
        let mut negated = false;
        // "the deal should be …": a deontic modal before the linking verb
        let mut deontic = false;
        if naming.is_none() {
            while j < v.hi && j < e + SUBJECT_WORDS && v.toks[j].clause == clause {
                // "would not be a mistake" (a negator is no verb, though its lemma may be one's)
                if en.is_negator(v.w[j]) {
                    negated = !negated;
                    j += 1;
                    continue;
                }
                deontic |= en.is(Words::Deontic, v.w[j]);
                if en.is(Words::Copula, lemmas[j]) {
                    linked = true;
                    j += 1;
                    break;
                }
                let party = v.names_party(j);
                if !party && (en.is(Words::Saying, lemmas[j]) || en.family_at(lemmas, j).is_some())
                {
                    return None;
                }
                j += 1;
            }
        }
        if !linked {
            return None;
        }
        // "walking away from the deal would be a mistake", "the decision to scrap the deal was
        // a mistake": the judgement is of undoing the relation, so it reverses
        let undone = self.subject_undoes(v, k);
        let mut modifiers = 0;
        while j < v.hi && v.toks[j].clause == clause {
            // "the deal should be torn up / preserved": a deontic passive of a verb that undoes
            // or keeps the relation
            if deontic && modifiers == 0 && !en.is_negator(v.w[j]) {
                if let Some(class) = en
                    .verb_class(lemmas[j])
                    .filter(|_| is_participle(v.w[j]) || en.is_irregular_form(v.w[j]))
                {
                    let keep = (class == VerbClass::Keep) != negated;
                    let (stance, rule) = if keep {
                        (Stance::Support, "support.deontic_passive")
                    } else {
                        (Stance::Oppose, "oppose.deontic_passive")
                    };
                    return Some((k, j + 1, stance, rule));
                }
            }
            if let Some((positive, end)) = en.evaluative_at(lemmas, j) {
                // the head of the phrase decides: "a historic mistake" is a mistake
                let (positive, end) = self.evaluative_head(v, lemmas, (positive, end), &stop);
                let stance = match (positive, negated != undone) {
                    (true, false) | (false, true) => Stance::Support,
                    _ => Stance::Oppose,
                };
                let rule = match stance {
                    Stance::Support => "support.evaluation",
                    _ => "oppose.evaluation",
                };
                return Some((naming.unwrap_or(k), end, stance, rule));
            }
            if en.is_negator(v.w[j]) {
                negated = !negated;
            } else if matches!(v.w[j], "a" | "an" | "the" | "as" | "such") {
                // determiners and "as" are free
            } else if naming.is_some() && modifiers == 0 && j < e + SUBJECT_WORDS && !stop(j) {
                // the naming verb's object runs on ("called the deal with Iran a disaster")
            } else {
                modifiers += 1;
                let participle = is_participle(v.w[j]) || en.is_irregular_form(v.w[j]);
                if modifiers > MODIFIERS || stop(j) || participle {
                    return None;
                }
            }
            j += 1;
        }
        None
    }

    /// Whether the relation term at word `k` is the object of a verb that undoes it in the
    /// subject before it: a gerund or an infinitive in its clause, up to six words back
    /// ("walking away from the deal", "the decision to scrap the deal").
    fn subject_undoes(&self, v: &View, k: usize) -> bool {
        let clause = v.toks[k].clause;
        let from = (k.saturating_sub(6).max(v.lo)..k)
            .find(|&m| v.toks[m].clause == clause)
            .unwrap_or(k);
        self.governed(v, from, Some((k, k + 1))) == Complement::Undo
    }

    /// The last evaluative word of the phrase that starts with `first` (positive, end): up to
    /// three words on, before a stop word or another clause. The head noun decides, not an
    /// adjective before it ("a historic **mistake**", "a historic **achievement**").
    fn evaluative_head(
        &self,
        v: &View,
        lemmas: &[&str],
        first: (bool, usize),
        stop: &dyn Fn(usize) -> bool,
    ) -> (bool, usize) {
        let en = self.doc.english();
        let clause = v.toks[first.1.saturating_sub(1)].clause;
        let mut best = first;
        let mut x = first.1;
        while x < v.hi.min(first.1 + 3) && v.toks[x].clause == clause && !stop(x) {
            match en.evaluative_at(lemmas, x) {
                Some(found) => {
                    best = found;
                    x = found.1;
                }
                None => x += 1,
            }
        }
        best
    }

    /// Whether the word at `k` is possessed by another actor than the statement's holder
    /// ("Netanyahu's opposition to the deal" in someone else's statement).
    fn possessed_by_other(&self, v: &View, k: usize) -> bool {
        let other = |m: usize| {
            self.mention_at_byte(v.toks[m].start)
                .is_some_and(|a| a != v.st.actor)
        };
        // the tokenizer writes every possessive as "'s"
        let possessive = k >= 2 && k > v.lo && v.w[k - 1] == "'s" && other(k - 2);
        possessive || self.modified_by_other(v, k, other)
    }

    /// Whether the noun at `k` has another actor's name, or the other party's name or
    /// demonym, as its modifier in a noun phrase opened by a determiner ("expressed unease
    /// about **the US** outreach to Iran", "the **American** offer"): the outreach is the
    /// US's. A word with the shape of a verb form ("the US offered") is the name's predicate,
    /// not its noun.
    fn modified_by_other(&self, v: &View, k: usize, other: impl Fn(usize) -> bool) -> bool {
        if k < 2 || k <= v.lo || is_participle(v.w[k]) {
            return false;
        }
        let mark = |m: usize| v.marks.get(m).copied().flatten();
        let owner = |m: usize| (self.mention_at_byte(v.toks[m].start), mark(m));
        let party_other = mark(k - 1).is_some_and(|p| Some(p) != v.holder_party);
        if !other(k - 1) && !party_other {
            return false;
        }
        // the first word of the name, then the determiner before it
        let first = (v.lo..k)
            .rev()
            .take_while(|&m| owner(m) == owner(k - 1))
            .last()
            .unwrap_or(k - 1);
        first > v.lo && matches!(v.w[first - 1], "the" | "a" | "an")
    }

    /// Whether the word at `k` is in the verb group of a "which" clause (at most two words
    /// after "which": "which has rejected", "which warned against") whose antecedent is not
    /// the statement's holder ("the letter, which warned …" in Iran's statement; "Iran, which
    /// rejected talks" stays Iran's): the predicate is the antecedent's.
    fn relative_of_other(&self, v: &View, k: usize) -> bool {
        (k.saturating_sub(3).max(v.lo + 1)..k)
            .rev()
            .find(|&r| v.w[r] == "which")
            .is_some_and(|r| self.mention_at_byte(v.toks[r - 1].start) != Some(v.st.actor))
    }

    /// "The US is not a reliable negotiating partner", "this deal is not a bilateral
    /// agreement": after a linking verb, a negated indefinite noun phrase with a modifier
    /// before the relation term denies the modifier (the focus of the negation), not the
    /// relation. An existential "there is not a …" still denies the relation.
    fn negated_modifier(&self, v: &View, k: usize) -> bool {
        let en = self.doc.english();
        let from = k.saturating_sub(5).max(v.lo);
        (from..k).any(|n| {
            en.is_negator(v.w[n])
                && n > v.lo
                && en.is(Words::Copula, v.lemmas[n - 1])
                // "there is not a single deal" denies the deal itself
                && !(n > v.lo + 1 && v.w[n - 2] == "there")
                && matches!(v.w.get(n + 1), Some(&"a" | &"an"))
                && n + 2 < k
        })
    }

    /// Whether the cue at word `k` of reported content (or of an agent's predicate that
    /// reports: "said Washington rejected") has as its subject the party other than the
    /// holder's (a holder of neither party is left as it was), named right before it with at most auxiliaries, negators and adverbs
    /// between ("X said **Washington rejected** the talks", "… but the Americans would not
    /// accept"): that party's act as the holder reports it, not the holder's own stance. The
    /// holder's own party as subject ("Tehran is ready") speaks for the holder; so does a
    /// copula ("said Washington was not serious about talks": the holder's judgement).
    fn other_party_subject(&self, v: &View, k: usize) -> bool {
        if !matches!(v.st.source, Source::Reported | Source::Agent)
            || v.holder_party.is_none()
            || k <= v.lo
            || k >= v.toks.len()
        {
            return false;
        }
        let en = self.doc.english();
        let clause = v.toks[k].clause;
        let mut m = k;
        while m > v.lo {
            m -= 1;
            if v.toks[m].clause != clause {
                return false;
            }
            if let Some(p) = v.marks.get(m).copied().flatten() {
                return p != EVERY_PARTY
                    && Some(p) != v.holder_party
                    && self.opens_clause(v, m, Some(p));
            }
            let n = v.w[m];
            let between = before_verb(en, n) || matches!(n, "also" | "still");
            // a copula makes it the holder's judgement of that party ("said the United
            // States was not sincere about negotiations"), not the party's act
            if !between || en.is(Words::Copula, v.lemmas[m]) {
                return false;
            }
        }
        false
    }

    /// Whether the name marked `mark` that ends at word `m` opens its clause, as a subject
    /// does: the statement's start, a clause boundary, "that", a conjunction or a verb of
    /// saying before it (over "the"), not a verb or preposition ("lobbied Congress against",
    /// "sanctions on Iran instead of").
    fn opens_clause(&self, v: &View, m: usize, mark: Option<usize>) -> bool {
        let en = self.doc.english();
        let mut f = m;
        // over a coordination of names ("the United States and Iran should …"): one of the
        // holder's party makes the subject the holder's too
        while f > v.lo {
            let prev = v.marks.get(f - 1).copied().flatten();
            if prev.is_some() && prev != mark {
                if prev == v.holder_party || prev == Some(EVERY_PARTY) {
                    return false;
                }
            } else if prev.is_none() && !matches!(v.w[f - 1], "and" | "the") {
                break;
            }
            f -= 1;
        }
        while f < m && matches!(v.w[f], "and" | "the") {
            f += 1;
        }
        if f > v.lo && v.w[f - 1] == "the" {
            f -= 1;
        }
        f == v.lo
            || v.toks[f - 1].clause != v.toks[f].clause
            || matches!(v.w[f - 1], "that" | "but" | "and" | "while" | "|")
            || en.is(Words::Saying, v.lemmas[f - 1])
    }

    /// Whether word `at` is the first verb of the statement's clause, held by the statement's
    /// holder: an agent's predicate or reported content, with at most a subject pronoun, an
    /// auxiliary and an adverb before it, and no actor named in between.
    fn holders_own_verb(&self, v: &View, at: usize) -> bool {
        if !matches!(v.st.source, Source::Agent | Source::Reported) || at < v.lo {
            return false;
        }
        let en = self.doc.english();
        // an apposition between subject and verb is a clause of its own ("Tom Baker, an
        // American senator, boycotted …"): only the verb's clause counts
        let clause = v.toks[at].clause;
        // but a clause with a verb of its own before the verb's clause ("… before Tehran and
        // Washington were to hold talks, upended the process"): the holder is that clause's
        // subject, the verb after it the main clause's
        let earlier_verb = (v.lo..at).any(|m| {
            v.toks[m].clause != clause
                && (en.is_auxiliary(v.w[m])
                    || en.is(Words::Copula, v.lemmas[m])
                    || en.verb_class(v.lemmas[m]).is_some())
        });
        if earlier_verb {
            return false;
        }
        let own = || (v.lo..at).filter(move |&m| v.toks[m].clause == clause);
        own().all(|m| {
            let n = v.w[m];
            v.marks.get(m).is_none_or(Option::is_none)
                && (en.is_auxiliary(n)
                    || matches!(
                        n,
                        "he" | "she"
                            | "they"
                            | "it"
                            | "we"
                            | "i"
                            | "that"
                            | "has"
                            | "have"
                            | "had"
                            | "also"
                            | "again"
                            | "long"
                            | "later"
                            | "then"
                    )
                    // adverbs of manner ("quickly", "strongly", "publicly")
                    || n.ends_with("ly"))
        }) && own().count() <= 4
    }

    /// Whether the verb at word `at` undoes the relation (`undo` of the English lexicon) and
    /// has a subject that is a thing or a group the holder names: a
    /// common noun right before it (past auxiliaries and adverbs), no actor, party or pronoun
    /// in its clause before it ("said new sanctions would only undermine the talks").
    fn obstructed_by_thing(&self, v: &View, at: usize) -> bool {
        let en = self.doc.english();
        if at >= v.hi || en.verb_class(v.lemmas[at]) != Some(VerbClass::Undo) {
            return false;
        }
        // an agent's own clause has the agent as subject, unless the verb stands in what the
        // agent says ("X said new sanctions would …")
        let said = (v.lo..at).any(|m| en.is(Words::Saying, v.lemmas[m]));
        if v.st.source == Source::Agent && !said {
            return false;
        }
        let clause = v.toks[at].clause;
        let before: Vec<usize> = (v.lo..at).filter(|&m| v.toks[m].clause == clause).collect();
        // "the government should stop negotiating": a demand, not a harm
        let deontic = before
            .iter()
            .any(|&m| en.is(Words::Deontic, v.w[m]) || matches!(v.w[m], "need" | "needs"));
        // "demanded that the president walk away from the talks": so is a verb of demand
        // before the statement's clause, in its sentence
        let demanded = (0..at)
            .rev()
            .take_while(|&m| v.w[m] != "|")
            .any(|m| en.is(Words::Demand, v.w[m]));
        if deontic || demanded {
            return false;
        }
        let named = before.iter().any(|&m| {
            v.names_party(m)
                || self.mention_at_byte(v.toks[m].start).is_some()
                || PRONOUNS.contains(&v.w[m])
        });
        // past auxiliaries ("would", "have") and adverbs ("only", "seriously")
        let subject = before.iter().rev().copied().find(|&m| {
            let n = v.w[m];
            !(en.is_auxiliary(n)
                || matches!(n, "has" | "have" | "had" | "only")
                || n.ends_with("ly"))
        });
        // a common noun: lower-case letters, no negator, verb, determiner or relative
        !named
            && subject.is_some_and(|m| {
                let t = &self.text[v.toks[m].start..v.toks[m].end];
                t.chars().all(char::is_lowercase)
                    && !en.is_negator(v.w[m])
                    && !en.is(Words::Copula, v.lemmas[m])
                    && !COMPLEMENT_STOPS.contains(&v.w[m])
                    && !NOT_SUBJECTS.contains(&v.w[m])
            })
    }

    /// "talks, but not military coordination": a limiter between two relation terms.
    fn limiter_hits(&self, v: &View, out: &mut Vec<Hit>) {
        let (toks, w, lo, hi) = (v.toks, v.w, v.lo, v.hi);
        for k in lo..hi {
            let Some(e) = self.topic.limiters.match_at(&w[..hi], k) else {
                continue;
            };
            let before =
                (k.saturating_sub(12).max(lo)..k).find_map(|q| v.rel_at(q, k).map(|x| (q, x)));
            let after = (e..(e + 4).min(hi)).find_map(|q| v.rel_at(q, hi).map(|x| (q, x)));
            if let (Some(r), Some(_)) = (before, after) {
                if self.relevant(toks, w, v.marks, r, v.holder_party, toks[k].start) {
                    let end = after.map_or(e, |(_, x)| x);
                    out.push(self.hit(
                        v.st,
                        v.st.actor,
                        toks,
                        w,
                        k,
                        end,
                        Some(r),
                        Stance::Conditional,
                        false,
                        v.src_w,
                        "conditional.limited",
                        lo,
                        hi,
                    ));
                }
            }
        }
    }

    /// The actor of the mention covering byte `at`, if any.
    fn mention_at_byte(&self, at: usize) -> Option<usize> {
        mention_covering(&self.mentions, at).map(|m| m.2)
    }

    fn mention_after(&self, toks: &[Token], end: usize) -> Option<usize> {
        let from = toks.get(end)?.start;
        let to = toks.get((end + 3).min(toks.len() - 1))?.end;
        let i = self.mentions.partition_point(|m| m.0 < from);
        self.mentions.get(i).filter(|m| m.0 < to).map(|m| m.2)
    }

    #[allow(clippy::too_many_arguments)]
    fn hit(
        &self,
        st: &Statement,
        actor: usize,
        toks: &[Token],
        w: &[&str],
        s: usize,
        e: usize,
        rel: Option<(usize, usize)>,
        stance: Stance,
        open: bool,
        weight: f32,
        rule: &str,
        lo: usize,
        hi: usize,
    ) -> Hit {
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
        }
    }
}

/// Whether the holder restricts the relation term `r` (word span) to its limited form: "only"
/// up to three words before it in its clause ("would only hold indirect talks") or right after
/// it ("indirect talks only"), or a verb of demand earlier in the sentence ("insisted that the
/// talks remain indirect").
fn only_around(en: &English, toks: &[Token], w: &[&str], r: (usize, usize)) -> bool {
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

fn aggregate<'h>(hits: &[&'h Hit]) -> (Stance, f32, Vec<&'h Hit>) {
    if hits.is_empty() {
        return (Stance::Neutral, 0.5, Vec::new());
    }
    // Deduplicate: one hit per (cue span, stance).
    let mut seen = std::collections::HashSet::new();
    let uniq: Vec<&Hit> = hits
        .iter()
        .copied()
        .filter(|h| seen.insert((h.cue, h.stance, h.open)))
        .collect();
    let sum =
        |f: &dyn Fn(&Hit) -> bool| uniq.iter().filter(|h| f(h)).map(|h| h.weight).sum::<f32>();
    let sup = sum(&|h| h.stance == Stance::Support && !h.open);
    let open = sum(&|h| h.open);
    let opp = sum(&|h| h.stance == Stance::Oppose);
    let opp_lim = sum(&|h| h.stance == Stance::Oppose && h.limited);
    let cond = sum(&|h| h.stance == Stance::Conditional);
    type Side = Box<dyn Fn(&Hit) -> bool>;
    // A condition the actor states makes its stance conditional whatever else it supports or
    // takes part in (guideline: "accepts only under stated conditions"; "will hold talks" and
    // "a deal would require Iran to ..." together are conditional).
    let (stance, side): (Stance, Side) = if cond > 0.0 {
        (
            Stance::Conditional,
            Box::new(|h: &Hit| h.stance == Stance::Conditional || h.limited || h.open || h.talks),
        )
    } else if opp > 0.0 && (opp - opp_lim) < 1e-6 && (sup > 0.0 || open > 0.0) {
        (Stance::Conditional, Box::new(|_: &Hit| true))
    } else if sup > 0.0 && opp > 0.0 {
        if sup >= 2.0 * opp {
            (
                Stance::Support,
                Box::new(|h: &Hit| h.stance == Stance::Support),
            )
        } else if opp >= 2.0 * sup {
            (
                Stance::Oppose,
                Box::new(|h: &Hit| h.stance == Stance::Oppose),
            )
        } else {
            (Stance::Conditional, Box::new(|_: &Hit| true))
        }
    } else if sup > 0.0 {
        (
            Stance::Support,
            Box::new(|h: &Hit| h.stance == Stance::Support),
        )
    } else if opp > 0.0 {
        (
            Stance::Oppose,
            Box::new(|h: &Hit| h.stance == Stance::Oppose),
        )
    } else if open > 0.0 {
        (Stance::Conditional, Box::new(|h: &Hit| h.open))
    } else {
        return (Stance::Neutral, 0.4, Vec::new());
    };
    let mut ev: Vec<&Hit> = uniq.into_iter().filter(|h| side(h)).collect();
    ev.sort_by_key(|h| h.cue.0);
    ev.dedup_by_key(|h| h.evidence);
    let w: f32 = ev.iter().map(|h| h.weight).sum();
    let all_hedged = ev.iter().all(|h| h.hedged);
    let mut conf = 0.4 + 0.2 * w;
    if all_hedged {
        conf *= 0.75;
    }
    ev.truncate(5);
    (stance, conf.clamp(0.3, 0.95), ev)
}

#[cfg(test)]
mod tests;
