//! The document-wide reading of a general topic (`[topic] document = true`): an actor with no
//! cue of its own who acts in a sentence about the relation (talks, the deal, mediation) takes
//! part in it. The sentence's predicates decide the side, from the English lexicon's stance
//! families (lemmas): an un-negated oppose predicate ("withdrew from the deal", "called it a
//! mistake") makes it `oppose`, a negated one ("would not oppose", "did not reject") or none
//! makes it `support`. News outlets hold no stance this way. An oppose predicate is its
//! subject's: an actor named after it gets no oppose vote from it; a predicate of a relative
//! clause votes for no one; a relation term in a phrase of circumstance ("amid the talks")
//! gives a part only to those named inside that phrase, and so does one in a phrase of time
//! ordered by "before"/"after" ("imposed sanctions days after the talks stalled"). A sentence
//! without a relation term in which people of both parties meet ("X and Y met for two
//! hours") gives each of them a part.

use crate::actors::ActorData;
use crate::doc::{Doc, Token};
use crate::knowledge::english::{English, Family, VerbClass, Words};
use crate::report::{ActorKind, Stance};

use super::topic::Topic;

/// What the pass decided for one actor: the stance, the sentence (byte span) and the relation
/// term (byte span) it rests on.
pub(super) struct Participation {
    pub(super) actor: usize,
    pub(super) stance: Stance,
    pub(super) sentence: (usize, usize),
    pub(super) cue: (usize, usize),
}

/// One sentence's verdict for one actor: stance, sentence span, relation-term span (bytes).
type Vote = (Stance, (usize, usize), (usize, usize));

/// Whether an organization is a news outlet: a media code from the actor data (`…MED`) or
/// an outlet word in its name.
fn is_outlet(actor: &ActorData, en: &English) -> bool {
    super::is_media(actor)
        || actor.kind == ActorKind::Organization
            && actor
                .name
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .any(|w| en.is(Words::Outlet, &w.to_lowercase()))
}

/// A relation term (strong) at word `i`, matched on the lower-case form or on the lemma
/// ("partnering" → "partner"): its end.
fn relation_at(topic: &Topic, norms: &[&str], lemmas: &[&str], i: usize) -> Option<usize> {
    topic
        .strong
        .match_at(norms, i)
        .or_else(|| topic.strong.match_at(lemmas, i))
}

/// Votes of one sentence's predicates: (support, oppose, byte start of the first oppose
/// vote). A preposition of the families ("against") votes only when a relation term is its
/// object; a predicate of a relative clause ("that could torpedo") does not vote. A negator negates the next stance predicate of its clause: "would not hesitate"
/// (litotes) supports, "did not welcome" opposes. (Negated relation terms are left to the
/// topic's cues: in running news text "not" near "talks" is as often about who attends as
/// about whether to talk.) `terms`: the sentence's relation terms (first word, end), in order.
fn votes(
    en: &English,
    toks: &[&Token],
    norms: &[&str],
    lemmas: &[&str],
    topic: &Topic,
    terms: &[(usize, usize)],
) -> (u32, u32, Option<(usize, usize)>) {
    let (mut support, mut oppose) = (0u32, 0u32);
    let mut first_oppose = None;
    let mut pending = false;
    let mut i = 0;
    while i < lemmas.len() {
        if i > 0 && toks[i].clause != toks[i - 1].clause {
            pending = false;
        }
        if en.is_negator(norms[i]) {
            pending = true;
            i += 1;
            continue;
        }
        if let Some((fam, end)) = en.family_at(lemmas, i) {
            // a predicate of a relative clause ("legislation that could torpedo the talks")
            // is its antecedent's, not a side of the sentence's actors
            // (the pronoun right before it, or before an auxiliary: "that could torpedo")
            if super::complement::opens_relative(en, norms, i) {
                i = end;
                continue;
            }
            // "against" takes a side on its own object only ("against the deal")
            let own_object = || {
                (end..lemmas.len().min(end + 3))
                    .any(|j| relation_at(topic, norms, lemmas, j).is_some())
            };
            // "refused to submit the deal to Congress": about another verb, no side taken
            let other_verb = norms.get(end) == Some(&"to")
                && super::complement::verb_after_to(norms, end)
                && lemmas
                    .get(end + 1)
                    .is_some_and(|l| en.verb_class(l).is_none())
                && relation_at(topic, norms, lemmas, end + 1).is_none();
            if other_verb {
                i = end;
                continue;
            }
            if en.is(Words::PrepositionalPredicate, norms[i]) && !own_object() {
                i = end;
                continue;
            }
            // "Iran halted enrichment before the talks": the relation is the setting of the
            // predicate, not its object, when the first term after it lies beyond a phrase of
            // time or circumstance and none comes before it
            let next_term = terms.iter().map(|t| t.0).find(|&j| j >= end);
            let earlier_term = terms.first().is_some_and(|t| t.0 < i);
            if !earlier_term
                && next_term.is_some_and(|t| (end..t).any(|m| en.opens_adjunct(norms[m])))
            {
                i = end;
                continue;
            }
            match (fam, std::mem::take(&mut pending)) {
                (Family::Oppose, false) | (Family::Support, true) => {
                    oppose += 1;
                    first_oppose.get_or_insert((toks[i].start, subject_word(en, toks, i)));
                }
                (Family::Oppose, true) | (Family::Support, false) => support += 1,
                (Family::Intent, _) => {}
            }
            i = end;
            continue;
        }
        if let Some(end) = relation_at(topic, norms, lemmas, i) {
            pending = false;
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    (support, oppose, first_oppose)
}

/// Byte start of the word right before the predicate at word `i`, over auxiliaries,
/// negators and adverbs, in its clause: where its subject ends ("the Americans **rejected**").
/// `usize::MAX` when the clause starts there.
fn subject_word(en: &English, toks: &[&Token], i: usize) -> usize {
    let mut m = i;
    while m > 0 && toks[m - 1].clause == toks[i].clause {
        m -= 1;
        let n = toks[m].norm.as_str();
        if !(super::before_verb(en, n) || matches!(n, "is" | "are" | "was" | "were")) {
            return toks[m].start;
        }
    }
    usize::MAX
}

/// Whether the word at byte `b` names a subject of another side than actor `a`: a mention
/// of another actor of another country, or a party's name or demonym ("the Americans") of a
/// party that is not `a`'s country. Never for an actor of no known country. `mentions`:
/// (byte start, byte end, actor), sorted.
fn other_subject(
    doc: &Doc,
    topic: &Topic,
    actors: &[ActorData],
    mentions: &[(usize, usize, usize)],
    a: usize,
    b: usize,
) -> bool {
    let Some(own) = actors.get(a).and_then(|x| x.country.as_deref()) else {
        return false;
    };
    let own = Some(own);
    let country = |m: &(usize, usize, usize)| actors.get(m.2).and_then(|x| x.country.as_deref());
    if let Some(o) = super::mention_covering(mentions, b) {
        // "the United States and Britain walked away": one of its own country coordinated
        // in the subject makes it the actor's side too
        let toks = doc.tokens();
        let i = doc.token_at_or_after(o.0);
        let coordinated = i >= 2
            && toks[i - 1].norm == "and"
            && super::mention_covering(mentions, toks[i - 2].start)
                .is_some_and(|p| country(&p) == own);
        return o.2 != a && country(&o) != own && !coordinated;
    }
    let Some(t) = doc.tokens().get(doc.token_at_or_after(b)) else {
        return false;
    };
    topic
        .party_at(&[t.norm.as_str()], 0)
        .is_some_and(|(p, _)| Some(topic.parties[p].code.as_str()) != own)
}

/// What one sentence says about the relation: the side its predicates take, the first
/// relation term (byte span), and whether every relation term stands in a phrase of
/// circumstance ("amid U.S.-Iran talks"): then only those named inside it take part.
struct Side {
    stance: Stance,
    rel: (usize, usize),
    circumstantial: Option<(usize, usize)>,
    /// Byte start of the first oppose predicate, and of the word before it (its subject's
    /// last word, see [`subject_word`]).
    oppose_at: Option<(usize, usize)>,
}

/// Whether word `i` stands in a phrase of circumstance or time: a circumstantial preposition
/// or an ordering marker at most four words before it in the same clause ("amid the nuclear
/// talks", "days after the talks stalled": `English::opens_adjunct`).
fn in_circumstance(en: &English, toks: &[&Token], i: usize) -> Option<usize> {
    (i.saturating_sub(4)..i)
        .rev()
        .take_while(|&k| toks[k].clause == toks[i].clause)
        .find(|&k| en.opens_adjunct(&toks[k].norm))
}

/// The [`Side`] of a sentence; `None` when it names no relation term.
fn sentence_side(
    doc: &Doc,
    sent: (usize, usize),
    topic: &Topic,
    actors: &[ActorData],
    mentions: &[(usize, usize, usize)],
) -> Option<Side> {
    let toks: Vec<&Token> = doc
        .tokens_in(sent.0, sent.1)
        .iter()
        .filter(|t| t.word)
        .collect();
    // words of organization names ("Gulf Cooperation Council") are no terms or predicates
    let names = super::in_org_names(doc.text(), toks.iter().map(|t| t.start), actors, mentions);
    let written: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
    let lemmas: Vec<&str> = toks.iter().map(|t| t.lemma.as_str()).collect();
    let (norms, lemmas) = (
        super::blanked(&written, &names),
        super::blanked(&lemmas, &names),
    );
    let terms: Vec<(usize, usize)> = (0..norms.len())
        .filter_map(|i| relation_at(topic, &norms, &lemmas, i).map(|e| (i, e.max(i + 1))))
        .collect();
    let &(i, e) = terms.first()?;
    let rel = (toks[i].start, toks[e - 1].end);
    let en = doc.english();
    let settings: Vec<Option<usize>> = terms
        .iter()
        .map(|&(i, _)| in_circumstance(en, &toks, i))
        .collect();
    // the phrase of circumstance: from its preposition to the end of the clause of its last
    // relation term ("amid talks between the United States and Iran")
    let circumstantial = settings.iter().all(Option::is_some).then(|| {
        let from = settings.iter().flatten().min().copied().unwrap_or(i);
        let last = terms.last().map_or(i, |t| t.0);
        let to = (last..toks.len())
            .take_while(|&k| toks[k].clause == toks[last].clause)
            .last()
            .unwrap_or(last);
        (toks[from].start, toks[to].end)
    });
    let (support, oppose, oppose_at) = votes(en, &toks, &norms, &lemmas, topic, &terms);
    let stance = if oppose > 0 && oppose >= support {
        Stance::Oppose
    } else {
        Stance::Support
    };
    Some(Side {
        stance,
        rel,
        circumstantial,
        oppose_at,
    })
}

/// Whether the actor belongs to one of the topic's parties (its country is a party's code).
fn of_party(topic: &Topic, actor: &ActorData) -> bool {
    actor
        .country
        .as_deref()
        .is_some_and(|c| topic.parties.iter().any(|p| p.code == c))
}

/// A sentence without a relation term in which people of both parties meet ("U.S. envoy X and
/// Iranian Foreign Minister Y met for two hours in Muscat"): the byte span of the verb of
/// meeting, when the sentence names actors of every party and no negator precedes the verb in
/// its clause.
fn meeting_of_parties(
    doc: &Doc,
    sent: (usize, usize),
    topic: &Topic,
    actors: &[ActorData],
    mentions: &[(usize, usize, usize)],
) -> Option<(usize, usize)> {
    let toks = doc.tokens_in(sent.0, sent.1);
    let v = toks
        .iter()
        .position(|t| t.word && doc.english().is(Words::Meeting, &t.lemma))?;
    let verb = &toks[v];
    // "said he would not meet Y", "never spoke to": no meeting
    let en = doc.english();
    let negated = toks[..v]
        .iter()
        .rev()
        .take_while(|t| t.clause == verb.clause)
        .any(|t| en.is_negator(&t.norm));
    if negated {
        return None;
    }
    let codes: Vec<&str> = mentions
        .iter()
        .filter(|m| sent.0 <= m.0 && m.1 <= sent.1)
        .filter_map(|m| actors.get(m.2)?.country.as_deref())
        .collect();
    let every_party = !topic.parties.is_empty()
        && topic
            .parties
            .iter()
            .all(|p| codes.contains(&p.code.as_str()));
    every_party.then_some((verb.start, verb.end))
}

/// Whether the mention starting at byte `at` is the object of a preposition ("talks with
/// Iran", "a deal between Washington and Tehran"): the counterpart of the relation, not the
/// holder of what the sentence says about it.
fn is_counterpart(doc: &Doc, at: usize) -> bool {
    let en = doc.english();
    let i = doc.token_at_or_after(at);
    let toks = doc.tokens();
    let Some(sentence) = toks.get(i).map(|t| t.sentence) else {
        return false;
    };
    // Skip a determiner before the mention's head ("with the United States"), and the first
    // conjunct of a coordination with its "and" ("between Washington and Tehran": the
    // second conjunct is as much an object as the first).
    let mut k = i;
    let mut and_seen = false;
    while k > 0 && i - k < 8 {
        k -= 1;
        let t = &toks[k];
        if t.sentence != sentence {
            return false;
        }
        if t.word && en.is(Words::CounterpartPreposition, &t.norm) {
            return true;
        }
        if t.norm == "the" || (and_seen && t.word && doc.capitalised(t)) {
            continue;
        }
        if t.norm == "and" && !and_seen {
            and_seen = true;
            continue;
        }
        return false;
    }
    false
}

/// Whether the mention starting at byte `at` receives a message from someone else named
/// before it in the sentence: the object of a verb of communication ("Macron assured Iranian
/// President Rouhani", "told Rouhani", "wrote to Khamenei") or the "to" of a message noun
/// ("sent a letter to Iran's Supreme Leader Ali Khamenei"), over capitalised words (titles, names, demonyms), a
/// possessive and determiners (`data/english.toml` `recipient_verbs`, `message_nouns`); or
/// the body where someone else's post is held ("Iran's mission to the United Nations",
/// `post_nouns`).
fn is_recipient(doc: &Doc, at: usize) -> bool {
    let en = doc.english();
    let toks = doc.tokens();
    let i = doc.token_at_or_after(at);
    let Some(sentence) = toks.get(i).map(|t| t.sentence) else {
        return false;
    };
    let mut k = i;
    while k > 0 && i - k < 8 {
        k -= 1;
        let t = &toks[k];
        if t.sentence != sentence {
            return false;
        }
        if (t.word && doc.capitalised(t)) || matches!(t.norm.as_str(), "the" | "'s" | "." | "-") {
            continue;
        }
        if en.is(Words::Recipient, &t.lemma) {
            return k > 0
                && toks[..k]
                    .iter()
                    .rev()
                    .take_while(|x| x.sentence == sentence)
                    .any(|x| x.word);
        }
        if t.norm == "to" {
            // "a letter to X", "wrote to X", "sent a message to X"
            let before = toks[..k]
                .iter()
                .rev()
                .take_while(|x| x.sentence == sentence)
                .filter(|x| x.word);
            let verb = before
                .clone()
                .next()
                .is_some_and(|x| en.is(Words::Recipient, &x.lemma) || en.is(Words::Post, &x.lemma));
            return verb || before.take(3).any(|x| en.is(Words::Message, &x.lemma));
        }
        return false;
    }
    false
}

/// Whether the mention starting at byte `at` is the subject of a hypothesis ("Iran would
/// talk if **the United States** lifted sanctions"): it does nothing in the sentence.
fn hypothetical(doc: &Doc, at: usize) -> bool {
    let i = doc.token_at_or_after(at);
    let toks = doc.tokens();
    let Some(sentence) = toks.get(i).map(|t| t.sentence) else {
        return false;
    };
    let from = toks[..i]
        .iter()
        .rposition(|t| t.sentence != sentence)
        .map_or(0, |k| k + 1)
        .max(i.saturating_sub(3));
    let norms: Vec<&str> = toks[from..=i].iter().map(|t| t.norm.as_str()).collect();
    doc.english().hypothetical_subject(&norms, norms.len() - 1)
}

/// Whether the mention ending at byte `end` names who does the relation: it stands before
/// the relation term, possessive or modifier, with at most three words between ("the US
/// outreach", "Washington's offer of honest negotiations", "U.S.-Iran talks"), or it is the possessor of an
/// intent noun governing a verb that makes the relation ("the Biden administration's
/// decision to carry out a prisoner exchange"). Such an actor takes part; an oppose
/// predicate elsewhere in the sentence is someone else's.
fn owns_relation(doc: &Doc, end: usize, topic: &Topic) -> bool {
    let toks = doc.tokens();
    let i = doc.token_at_or_after(end);
    let Some(first) = toks.get(i) else {
        return false;
    };
    let sentence = first.sentence;
    let words: Vec<&Token> = toks[i..]
        .iter()
        .take_while(|t| t.sentence == sentence)
        .filter(|t| t.word || t.norm == "-" || t.norm == "–")
        .take(10)
        .collect();
    let norms: Vec<&str> = words.iter().map(|t| t.norm.as_str()).collect();
    let lemmas: Vec<&str> = words.iter().map(|t| t.lemma.as_str()).collect();
    let possessive = |w: &&str| matches!(*w, "'s" | "s" | "’s");
    let mut k = 0;
    if norms.first().is_some_and(possessive) {
        k = 1;
    } else if norms
        .first()
        .is_some_and(|w| doc.english().is(Words::Government, w))
        && norms.get(1).is_some_and(possessive)
    {
        // "the Biden administration's …"
        k = 2;
    }
    // A predicate between them makes the actor its subject, not the relation's owner
    // ("Khamenei banned negotiations", "McCain said partnering ..."): an oppose or intent
    // predicate of the English families, or a verb of saying; so does a negator ("Iran
    // would not negotiate": the sentence's predicates decide).
    let en = doc.english();
    let predicate = |j: usize| {
        matches!(
            en.family_at(&lemmas, j),
            Some((Family::Oppose | Family::Intent, _))
        ) || en.is(Words::Saying, lemmas[j])
            || en.is_negator(norms[j])
    };
    if (k..norms.len().min(k + 4))
        .take_while(|&j| !predicate(j))
        .any(|j| relation_at(topic, &norms, &lemmas, j).is_some())
    {
        return true;
    }
    // "the Biden administration's decision to carry out a prisoner exchange", "Trump's bid to
    // reopen talks": a possessor's intent noun governing a verb that makes or keeps the
    // relation, the relation term that verb's object
    k > 0
        && matches!(en.family_at(&lemmas, k), Some((Family::Intent | Family::Support, e)) if e == k + 1)
        && norms.get(k + 1) == Some(&"to")
        && lemmas
            .get(k + 2)
            .is_some_and(|l| en.verb_class(l) == Some(VerbClass::Keep))
        && (k + 3..norms.len().min(k + 6)).any(|j| relation_at(topic, &norms, &lemmas, j).is_some())
}

/// The stances of actors that have no cue of their own (`has_cue[a]` false), from the
/// sentences their mentions (`mentions`: byte start, byte end, actor) stand in.
pub(super) fn participation(
    doc: &Doc,
    topic: &Topic,
    actors: &[ActorData],
    mentions: &[(usize, usize, usize)],
    has_cue: &[bool],
) -> Vec<Participation> {
    let en = doc.english();
    let mut out = Vec::new();
    for (a, actor) in actors.iter().enumerate() {
        let reports = actor
            .role
            .as_deref()
            .is_some_and(|r| en.is_reporting_role(r));
        if has_cue.get(a).copied().unwrap_or(true) || is_outlet(actor, en) || reports {
            continue;
        }
        let mut found: Vec<Vote> = Vec::new();
        let mut seen = Vec::new();
        for m in mentions.iter().filter(|m| m.2 == a) {
            let Some(si) = doc.sentence_at(m.0) else {
                continue;
            };
            if seen.contains(&si) || is_recipient(doc, m.0) || hypothetical(doc, m.0) {
                continue;
            }
            seen.push(si);
            let s = &doc.sentences()[si];
            let span = (s.byte_start, s.byte_end);
            let met = || {
                let rel = meeting_of_parties(doc, span, topic, actors, mentions)?;
                of_party(topic, actor).then_some(Side {
                    stance: Stance::Support,
                    rel,
                    circumstantial: None,
                    oppose_at: None,
                })
            };
            if let Some(side) = sentence_side(doc, span, topic, actors, mentions).or_else(met) {
                let takes_part = is_counterpart(doc, m.0) || owns_relation(doc, m.1, topic);
                let inside = |c: (usize, usize)| c.0 <= m.0 && m.1 <= c.1;
                if side.circumstantial.is_some_and(|c| !inside(c)) {
                    continue;
                }
                // an oppose predicate is its subject's: an actor named after it (its object,
                // or in a later clause) does not oppose for it
                // nor does one named before it when another actor is its subject ("X said
                // the Americans rejected the talks")
                let others = |b: usize| other_subject(doc, topic, actors, mentions, a, b);
                if side.stance == Stance::Oppose
                    && !takes_part
                    && side
                        .oppose_at
                        .is_some_and(|(p, subj)| m.0 > p || (m.0 < subj && others(subj)))
                {
                    continue;
                }
                let st = if side.stance == Stance::Oppose && takes_part {
                    Stance::Support
                } else {
                    side.stance
                };
                found.push((st, span, side.rel));
            }
        }
        let opp = found.iter().filter(|v| v.0 == Stance::Oppose).count();
        let sup = found.len() - opp;
        let want = if opp > 0 && opp >= sup {
            Stance::Oppose
        } else {
            Stance::Support
        };
        if let Some(v) = found.iter().find(|v| v.0 == want) {
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
