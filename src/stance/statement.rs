//! One statement's cue hits: the words its cues are read in ([`super::View`]), answers to
//! questions, conditions that continue a statement of support, embedded questions and
//! negation before a word.

use super::hit::{Found, Within};
use super::{
    blanked, in_org_names, reversed, topic, word_tokens, yield_to_longer_cues, Ctx, Hit, View,
    CONTEXT,
};
use crate::attribution::{Source, Statement};
use crate::doc::tokens;
use crate::report::Stance;

impl Ctx<'_> {
    /// Inside an embedded question ("asked whether the US would cooperate"): no position.
    pub(super) fn in_question(&self, w: &[&str], pos: usize, lo: usize) -> bool {
        let from = pos.saturating_sub(6).max(lo);
        (from..pos).any(|k| {
            w[k] == "whether" || (w[k] == "if" && k > 0 && topic::is_question_verb(w[k - 1]))
        })
    }

    pub(super) fn negated_before(&self, w: &[&str], pos: usize, lo: usize) -> bool {
        let from = pos.saturating_sub(3).max(lo);
        (from..pos).any(|k| self.topic.negators.match_at(w, k).is_some_and(|e| e <= pos))
    }

    /// The cue hits of one statement: the topic's cues, then negated or modal relation
    /// terms no cue covers, then limiters; a cue inside a longer cue of another stance
    /// yields to it.
    pub(super) fn statement_hits(&self, st: &Statement, out: &mut Vec<Hit>) {
        self.statement_hits_as(st, false, out);
    }

    /// [`Ctx::statement_hits`]; `answer`: `st` is the content of a question its holder
    /// answered (its own "whether" is not an embedded question).
    pub(super) fn statement_hits_as(&self, st: &Statement, answer: bool, out: &mut Vec<Hit>) {
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
        // a gap of a cue stops at a clause with a verb of its own ("opposed sanctions and
        // supported dialogue", "criticised the bill, saying …")
        let breaks: Vec<bool> = toks.iter().map(|t| t.verb_clause).collect();
        let scan = self
            .topic
            .scan(&scan_w)
            .with_lemmas(&scan_lemmas)
            .with_breaks(&breaks);
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
        self.reservation_hits(&v, first_hit, out);
        yield_to_longer_cues(out, first_hit);
    }

    /// A statement with no relation term that opens with a condition marker ("But only if
    /// they stop enrichment," he added) right after the same holder's statement of support
    /// (ended at byte `support_end`, at most two sentences before), or before it in the same
    /// sentence ("If they stop enrichment, he said, the US would talk"): the condition is on
    /// what that statement supported, a conditional hit.
    pub(super) fn continued_condition(
        &self,
        st: &Statement,
        support_end: Option<usize>,
        out: &mut Vec<Hit>,
    ) {
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
        let within = Within {
            st,
            toks: &toks,
            w: &w,
            lo: 0,
            hi: w.len(),
        };
        let found = Found {
            actor: st.actor,
            words: (0, cond_end),
            rel: None,
            stance: Stance::Conditional,
            open: false,
            weight: 0.9,
            rule: "conditional.condition.continued",
        };
        out.push(self.hit(within, found));
    }

    /// A quote that answers a question: it opens with "no"/"yes" (or "never", "absolutely
    /// not", "of course") and its sentence opens with "Asked whether/if/about …,". The
    /// question's span (after "asked", to the first comma) and whether the answer is yes.
    pub(super) fn answered_question(&self, st: &Statement) -> Option<(crate::span::Span, bool)> {
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
    pub(super) fn statement_context(&self, st: &Statement) -> (usize, usize) {
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
}
