//! Reactions to another actor's act: "Netanyahu hailed Trump's decision", "Saudis hail
//! Trump's move", "Macron regretted the decision by Washington". The act noun (`act_nouns` of
//! `data/english.toml`) names what its owner did; approving it (`approval_verbs`) takes the
//! owner's side of the relation, disapproving it (`disapproval_verbs`) the other side
//! (CAMEO 051 praise or endorse, 111 criticize or denounce). A negator before the verb in its
//! clause reverses the reaction ("did not welcome the move").
//!
//! The owner is, in order: a possessor named before the noun ("Trump's move"), an agent after
//! it ("the decision by Washington"), else the actor of the latest stance evidence before the
//! verb that rests on a cue of its own (not on the document-wide reading), when that evidence
//! is of one side only ("the step"). An act noun with a complement ("the decision to
//! withdraw", "the move on sanctions") is not a bare reference: the stance families read it.
//!
//! Only an actor left neutral, or holding only the document-wide reading, takes a reaction;
//! the owner's stance is the one found before any reaction (reactions do not chain).

use crate::actors::ActorData;
use crate::attribution::Statement;
use crate::doc::{Doc, Token};
use crate::knowledge::english::Words;
use crate::report::Stance;

use super::{mention_covering, reversed, Cited, Verdict};

/// Most words between the verb of reaction and its act noun ("hailed *the US president's
/// bold* decision").
const MAX_GAP: usize = 6;

/// Words after an act noun that open its complement ("the decision *to* withdraw").
const COMPLEMENT_OPENERS: &[&str] = &["to", "of", "on", "that", "against", "about", "over"];

/// Give each actor open to it the stance its reactions to other actors' acts imply (module
/// docs). `mentions`: (byte start, byte end, actor), sorted.
pub(super) fn apply_reactions(
    doc: &Doc,
    statements: &[Statement],
    actors: &[ActorData],
    mentions: &[(usize, usize, usize)],
    verdicts: &mut [Verdict],
) {
    // the owners' verdicts before any reaction (reactions do not chain)
    let before: Vec<Verdict> = verdicts.to_vec();
    for st in statements.iter().filter(|s| !s.nested) {
        let y = st.actor;
        // news outlets report others' reactions (guideline: cited outlets are neutral)
        let outlet = actors.get(y).is_none_or(super::is_media);
        if outlet || !verdicts.get(y).is_some_and(open_to_reaction) {
            continue;
        }
        let span = (st.span.byte_start, st.span.byte_end);
        let reading = Reading {
            doc,
            mentions,
            verdicts: &before,
            holder: y,
        };
        if let Some((stance, cue)) = reading.reaction_in(span) {
            verdicts[y] = Verdict {
                stance,
                confidence: 0.4,
                evidence: vec![Cited {
                    span,
                    cue,
                    rule: format!("{}.reaction", stance.as_str()),
                    quote: st.quote,
                }],
            };
        }
    }
}

/// Neutral, or holding only the document-wide reading (`*.participation`).
fn open_to_reaction(v: &Verdict) -> bool {
    v.stance == Stance::Neutral
        || v.evidence
            .iter()
            .all(|c| c.rule.ends_with(".participation"))
}

/// What one statement's reading needs.
struct Reading<'a> {
    doc: &'a Doc<'a>,
    mentions: &'a [(usize, usize, usize)],
    verdicts: &'a [Verdict],
    holder: usize,
}

impl Reading<'_> {
    /// The first reaction in the statement `span` (bytes): its stance and cue span.
    fn reaction_in(&self, span: (usize, usize)) -> Option<(Stance, (usize, usize))> {
        let en = self.doc.english();
        let toks = self.doc.tokens();
        let range = self.doc.token_range(span.0, span.1);
        for i in range.clone() {
            let t = &toks[i];
            let approves = en.is(Words::Approval, &t.lemma);
            if !t.word || !(approves || en.is(Words::Disapproval, &t.lemma)) {
                continue;
            }
            let Some((noun, owner)) = self.act_after(i, range.end) else {
                continue;
            };
            let side = match self.verdicts.get(owner).map(|v| v.stance) {
                Some(s @ (Stance::Support | Stance::Oppose)) => s,
                _ => continue,
            };
            let negated = (i.saturating_sub(3)..i)
                .any(|k| toks[k].clause == t.clause && en.is_negator(&toks[k].norm));
            let stance = if approves != negated {
                side
            } else {
                reversed(side)
            };
            return Some((stance, (t.start, toks[noun].end)));
        }
        None
    }

    /// The act noun after the verb at `v` (before `end`) and its owner: (noun index, actor).
    fn act_after(&self, v: usize, end: usize) -> Option<(usize, usize)> {
        let en = self.doc.english();
        let toks = self.doc.tokens();
        let mut possessor = None;
        let mut k = v + 1;
        while k < end && k <= v + MAX_GAP && toks[k].clause == toks[v].clause {
            let t = &toks[k];
            if let Some((_, m_end, a)) = mention_covering(self.mentions, t.start) {
                // a name is only a possessor ("Trump's"); otherwise the verb's object is no act
                let after = self.doc.token_at_or_after(m_end);
                if toks
                    .get(after)
                    .is_none_or(|n| n.norm != "'s" && n.norm != "'")
                {
                    return None;
                }
                possessor = Some(a);
                k = after + 1;
                continue;
            }
            if !t.word {
                return None;
            }
            if en.is(Words::Act, &t.lemma) {
                return self.owner(k, possessor, toks).map(|o| (k, o));
            }
            k += 1;
        }
        None
    }

    /// The owner of the act noun at `n` (module docs), never the holder.
    fn owner(&self, n: usize, possessor: Option<usize>, toks: &[Token]) -> Option<usize> {
        let next = toks.get(n + 1);
        if next.is_some_and(|t| COMPLEMENT_OPENERS.contains(&t.norm.as_str())) {
            return None;
        }
        let agent = next
            .filter(|t| t.norm == "by")
            .and_then(|_| toks.get(n + 2))
            .and_then(|t| mention_covering(self.mentions, t.start))
            .map(|m| m.2);
        let owner = possessor
            .or(agent)
            .or_else(|| self.latest_cued_actor(toks[n].start))?;
        (owner != self.holder).then_some(owner)
    }

    /// The actor of the latest evidence before `at` that rests on a cue of its own, when
    /// every such evidence of that sentence is of one side.
    fn latest_cued_actor(&self, at: usize) -> Option<usize> {
        let mut all: Vec<((usize, usize), usize, Stance)> = Vec::new();
        for (a, v) in self.verdicts.iter().enumerate() {
            if a == self.holder || !matches!(v.stance, Stance::Support | Stance::Oppose) {
                continue;
            }
            all.extend(
                v.evidence
                    .iter()
                    .filter(|c| !c.rule.ends_with(".participation") && c.span.1 <= at)
                    .map(|c| (c.span, a, v.stance)),
            );
        }
        let latest = all.iter().max_by_key(|e| e.0 .1)?;
        let one_side = all
            .iter()
            .filter(|e| e.0 .1 == latest.0 .1)
            .all(|e| e.2 == latest.2);
        one_side.then_some(latest.1)
    }
}
