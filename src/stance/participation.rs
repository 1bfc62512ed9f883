//! The document-wide reading of a general topic (`[topic] document = true`): an actor with no
//! cue of its own who acts in a sentence about the relation (talks, the deal, mediation) takes
//! part in it. The sentence's predicates decide the side, from the English lexicon's stance
//! families (lemmas): an un-negated oppose predicate ("withdrew from the deal", "called it a
//! mistake") makes it `oppose`, a negated one ("would not oppose", "did not reject") or none
//! makes it `support`. News outlets hold no stance this way.

use crate::doc::Doc;
use crate::knowledge::english::{English, Family};
use crate::report::{Actor, ActorKind, Stance};

use super::topic::Topic;

/// What the pass decided for one actor: the stance, the sentence (byte span) and the relation
/// term (byte span) it rests on.
pub(super) struct Participation {
    pub(super) actor: usize,
    pub(super) stance: Stance,
    pub(super) sentence: (usize, usize),
    pub(super) cue: (usize, usize),
}

/// Whether an organization's name marks it as a news outlet.
fn is_outlet(actor: &Actor, en: &English) -> bool {
    actor.kind == ActorKind::Organization
        && actor
            .name
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(|w| en.is_outlet_word(&w.to_lowercase()))
}

/// The side a sentence's predicates take, and the first relation term in it (token indices
/// into the sentence's word tokens). `None` when the sentence names no relation term.
fn sentence_side(
    doc: &Doc,
    sent: (usize, usize),
    topic: &Topic,
) -> Option<(Stance, (usize, usize))> {
    let en = English::embedded();
    let toks: Vec<_> = doc
        .tokens_in(sent.0, sent.1)
        .iter()
        .filter(|t| t.word)
        .collect();
    let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
    let lemmas: Vec<&str> = toks.iter().map(|t| t.lemma.as_str()).collect();
    let rel = (0..norms.len()).find_map(|i| {
        topic
            .strong
            .match_at(&norms, i)
            .map(|e| (toks[i].start, toks[e.max(i + 1) - 1].end))
    })?;
    let (mut support, mut oppose) = (0u32, 0u32);
    let mut i = 0;
    while i < lemmas.len() {
        let Some((fam, end)) = en.family_at(&lemmas, i) else {
            i += 1;
            continue;
        };
        let clause = toks[i].clause;
        let negated = (0..i)
            .rev()
            .take_while(|&k| toks[k].clause == clause)
            .any(|k| en.is_negator(norms[k]));
        match (fam, negated) {
            (Family::Oppose, false) => oppose += 1,
            (Family::Oppose, true) | (Family::Support, false) => support += 1,
            (Family::Support, true) => oppose += 1,
        }
        i = end;
    }
    let stance = if oppose > 0 && oppose >= support {
        Stance::Oppose
    } else {
        Stance::Support
    };
    Some((stance, rel))
}

/// The stances of actors that have no cue of their own (`has_cue[a]` false), from the
/// sentences their mentions (`mentions`: byte start, byte end, actor) stand in.
pub(super) fn participation(
    doc: &Doc,
    topic: &Topic,
    actors: &[Actor],
    mentions: &[(usize, usize, usize)],
    has_cue: &[bool],
) -> Vec<Participation> {
    let en = English::embedded();
    let mut out = Vec::new();
    for (a, actor) in actors.iter().enumerate() {
        if has_cue.get(a).copied().unwrap_or(true) || is_outlet(actor, en) {
            continue;
        }
        let mut votes: Vec<(Stance, (usize, usize), (usize, usize))> = Vec::new();
        let mut seen = Vec::new();
        for m in mentions.iter().filter(|m| m.2 == a) {
            let Some(si) = doc.sentence_at(m.0) else {
                continue;
            };
            if seen.contains(&si) {
                continue;
            }
            seen.push(si);
            let s = &doc.sentences()[si];
            let span = (s.byte_start, s.byte_end);
            if let Some((st, cue)) = sentence_side(doc, span, topic) {
                votes.push((st, span, cue));
            }
        }
        let opp = votes.iter().filter(|v| v.0 == Stance::Oppose).count();
        let sup = votes.len() - opp;
        let want = if opp > 0 && opp >= sup {
            Stance::Oppose
        } else {
            Stance::Support
        };
        if let Some(v) = votes.iter().find(|v| v.0 == want) {
            out.push(Participation {
                actor: a,
                stance: want,
                sentence: v.1,
                cue: v.2,
            });
        }
    }
    out
}
