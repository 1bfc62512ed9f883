//! The verb a stance predicate governs. A predicate and a relation term a few words apart are
//! not always about each other: in "refused to submit the deal to Congress" the refusal is of
//! submitting, in "vowed to roll back the deal" the vow is to undo it. English marks the
//! governed verb with an infinitival "to" ("refused **to submit**"); its lemma decides:
//!
//! * a verb that makes, keeps or joins a relation (`[relation_verbs] keep` of
//!   `data/english.toml`: reach, sign, save, resume, …) or the relation term itself ("agreed to
//!   negotiate"): the predicate is about the relation, as it stands;
//! * a verb that undoes one (`undo`: scrap, abandon, withdraw, roll back, …): the predicate's
//!   stance is reversed ("urged him to abandon the deal" opposes the deal);
//! * any other verb ("sought to use", "refused to submit"): the predicate is about that verb,
//!   not the relation, and gives no stance; so is a listed verb whose object is something
//!   else ("threatened to veto legislation that would derail the talks": more than one word
//!   that is no article, preposition, particle or party name between it and the term).
//!
//! "to" before a determiner, a pronoun, a number or a party name is a preposition ("committed
//! to the deal", "a return to talks") and governs nothing.
//!
//! A modal auxiliary (`auxiliaries` of `data/english.toml`: should, must, would, …) governs the
//! bare infinitive after it, past "not" and adverbs, as "to" does: "should **abandon** the
//! talks", "hoped Washington would **end** the sanctions talks". The auxiliary may be the
//! predicate itself (a modal cue), so the word just before `from` counts too.
//! A noun of undoing or resuming with the relation term as its object does too ("called for
//! **an end to** the talks", "urged **a return to** the negotiating table").
//! A gerund whose object is the relation term governs it the same way ("warned that
//! **abandoning** diplomacy would lead to war", "accused Washington of **sabotaging** the
//! talks").
//! Negation is the callers' business: a cue reads it in its own words, and
//! a predicate of the families reads it before and after the predicate.

use super::topic::is_clause_break;
use crate::doc::Token;
use crate::knowledge::english::{English, VerbClass, Words};

/// What a predicate governs before a relation term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Complement {
    /// No infinitival verb between them: the predicate is about the relation term.
    Relation,
    /// An infinitival verb that makes or keeps the relation, or the relation term itself
    /// after "to" ("agreed to negotiate").
    Keep,
    /// A verb that undoes the relation: the stance is reversed.
    Undo,
    /// Another verb: the predicate is not about the relation.
    Other,
}

impl Complement {
    /// What a governed verb (or gerund, or noun) of the class makes of the relation.
    fn of_class(class: VerbClass) -> Complement {
        match class {
            VerbClass::Keep => Complement::Keep,
            VerbClass::Undo => Complement::Undo,
        }
    }
}

/// Words after which "to" is a preposition, not the infinitive marker.
const NOT_VERBS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "that", "these",
    "those", "any", "all", "some", "each", "every", "no", "both", "such", "what", "which", "him",
    "them", "us", "me", "it", "whom", "whatever", "date", "power", "office", "war",
];

/// The complement between word `from` (just after the predicate) and word `to` (the relation
/// term) of `toks`: the last infinitival verb decides (module docs). `is_rel(k)`: word `k`
/// starts a relation term; `is_party(k)`: it names a party.
pub(super) fn complement(
    en: &English,
    toks: &[Token],
    from: usize,
    to: usize,
    is_rel: impl Fn(usize) -> bool,
    is_party: impl Fn(usize) -> bool,
) -> Complement {
    let mut out = Complement::Relation;
    let auxiliary = |k: usize| en.is_auxiliary(&toks[k].norm);
    let mut k = if from > 0 && from <= toks.len() && auxiliary(from - 1) {
        from - 1
    } else {
        from
    };
    while k < to.min(toks.len()) {
        // "to veto legislation that could torpedo the talks": after a governed verb, a
        // relative clause belongs to its object
        if out != Complement::Relation && is_relative(&toks[k].norm) {
            break;
        }
        // "called for an end to the talks", "urged a return to the negotiating table": a noun
        // of undoing or resuming whose object is the relation term
        if let Some(class) = noun_of_relation(en, toks, k, to, &is_party) {
            out = class;
            k += 1;
            continue;
        }
        let bare = auxiliary(k);
        if toks[k].norm != "to" && !bare {
            // a gerund with the relation term as its object governs it as an infinitive
            // does ("warned that abandoning diplomacy …", "accused Washington of sabotaging
            // the talks")
            if let Some(class) = gerund_of_relation(en, toks, k, to, &is_party) {
                out = class;
            }
            k += 1;
            continue;
        }
        let mut j = k + 1;
        while j < to
            && (toks[j].norm.ends_with("ly") && toks[j].norm.len() > 3
                || bare && en.is_negator(&toks[j].norm))
        {
            j += 1;
        }
        if j >= to || is_rel(j) {
            return Complement::Keep;
        }
        let t = &toks[j];
        if is_party(j)
            || NOT_VERBS.contains(&t.norm.as_str())
            || t.norm.chars().next().is_some_and(|c| c.is_ascii_digit())
        {
            k = j;
            continue;
        }
        // a two-word verb ("vote down", "vote for") before the one-word verb
        let phrasal = toks
            .get(j + 1)
            .filter(|_| j + 1 < to)
            .and_then(|p| en.verb_class(&format!("{} {}", t.lemma, p.norm)));
        let (class, object) = match phrasal {
            Some(c) => (Some(c), j + 2),
            None => (en.verb_class(&t.lemma), j + 1),
        };
        out = match class {
            // "threatened to veto legislation that would … the talks": the verb's object is
            // something else
            Some(_) if !object_is_relation(toks, object, to, &is_party) => Complement::Other,
            Some(class) => Complement::of_class(class),
            None => Complement::Other,
        };
        k = j + 1;
    }
    out
}

/// The complement a gerund at word `k` makes of the relation term at `to`: a listed verb in
/// "-ing" form (its lemma differs from the word) whose object is the term.
fn gerund_of_relation(
    en: &English,
    toks: &[Token],
    k: usize,
    to: usize,
    is_party: &impl Fn(usize) -> bool,
) -> Option<Complement> {
    let t = &toks[k];
    if !t.norm.ends_with("ing")
        || t.lemma == t.norm
        || !object_is_relation(toks, k + 1, to, is_party)
    {
        return None;
    }
    en.verb_class(&t.lemma).map(Complement::of_class)
}

/// The complement a noun at word `k` makes of the relation term at `to` (`[relation_nouns]`
/// of the English lexicon: "an end to", "a return to"): the noun after an article, its
/// preposition, then the term as its object.
fn noun_of_relation(
    en: &English,
    toks: &[Token],
    k: usize,
    to: usize,
    is_party: &impl Fn(usize) -> bool,
) -> Option<Complement> {
    let after_article = k > 0 && matches!(toks[k - 1].norm.as_str(), "a" | "an" | "the");
    let class = en.relation_noun(&toks[k].norm, &toks.get(k + 1)?.norm)?;
    (after_article && object_is_relation(toks, k + 2, to, is_party))
        .then_some(Complement::of_class(class))
}

/// Whether the word after a "to" at word `k` can be the verb of an infinitive: not a
/// determiner or pronoun (`NOT_VERBS`), not a modifier of a relation term (`OBJECT_LEAD`:
/// "an obstacle to **nuclear** talks"), not a number.
pub(super) fn verb_after_to(words: &[&str], k: usize) -> bool {
    words.get(k + 1).is_some_and(|&w| {
        !NOT_VERBS.contains(&w)
            && !OBJECT_LEAD.contains(&w)
            && !w.chars().next().is_some_and(|c| c.is_ascii_digit())
    })
}

/// Words that may stand between a governed verb and the relation term that is its object
/// ("scrap **the** deal", "withdraw **from the** nuclear deal", "resume talks **with** Iran").
const OBJECT_LEAD: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "any",
    "all", "from", "out", "of", "on", "to", "with", "in", "into", "up", "back", "off", "away",
    "down", "new", "direct", "indirect", "nuclear", "formal", "further", "fresh",
];

/// The verb of a clause that a verb of demand governs ("demanded that the administration
/// **end** the talks", "insisted that Washington **return** to the deal"): the mandative
/// subjunctive has no infinitive marker, so the verb is found back from the relation term at
/// `to` ([`verb_of_relation`]), after at least one word of its own subject (`from` is the word
/// after the verb of demand; a "that" there is the complementizer). A clause break between
/// them gives `None`: what is demanded is then not an act on the relation, and the demand
/// stays a condition. The verb's index and class.
pub(super) fn demanded_verb(
    en: &English,
    toks: &[Token],
    from: usize,
    to: usize,
    is_party: impl Fn(usize) -> bool,
) -> Option<(usize, Complement)> {
    let subject = if toks.get(from)?.norm == "that" {
        from + 1
    } else {
        from
    };
    if to > toks.len() || (from..to).any(|k| is_clause_break(&toks[k].norm)) {
        return None;
    }
    verb_of_relation(en, toks, subject + 1, to, is_party)
}

/// The nearest listed verb (`[relation_verbs]`) in `from..to`, at most five words before the
/// relation term at `to`, in its clause, whose object the term is ("not **end** the talks",
/// "**walk away** from the deal"); a copula or "have" is no act on the relation ("that the
/// talks be indirect", "have the right to"). The verb's index and class.
pub(super) fn verb_of_relation(
    en: &English,
    toks: &[Token],
    from: usize,
    to: usize,
    is_party: impl Fn(usize) -> bool,
) -> Option<(usize, Complement)> {
    if to >= toks.len() {
        return None;
    }
    (from..to).rev().take(5).find_map(|j| {
        let lemma = toks[j].lemma.as_str();
        let class = en
            .verb_class(lemma)
            .filter(|_| !matches!(lemma, "be" | "have"))?;
        (toks[j].clause == toks[to].clause).then_some(())?;
        object_is_relation(toks, j + 1, to, &is_party).then_some((j, Complement::of_class(class)))
    })
}

/// Whether the words `from..to` before the relation term leave it the governed verb's object:
/// articles, particles and prepositions, party names, and at most one other word.
fn object_is_relation(
    toks: &[Token],
    from: usize,
    to: usize,
    is_party: &impl Fn(usize) -> bool,
) -> bool {
    let others = (from..to.min(toks.len()))
        .filter(|&m| !is_party(m) && !OBJECT_LEAD.contains(&toks[m].norm.as_str()))
        .count();
    others <= 1
}

/// A relative pronoun that opens a clause about the noun before it ("legislation **that**
/// could torpedo the talks"): what follows is the antecedent's, not the holder's.
pub(super) fn is_relative(w: &str) -> bool {
    matches!(w, "that" | "which")
}

/// Whether the predicate or modal at word `i` is the first of a relative clause: the
/// relative pronoun stands right before it, or before one auxiliary right before it
/// ("legislation **that** threatens the talks", "a bill **that** could torpedo the talks").
/// A participle of purpose before "to" is a reduced relative clause ("a poison pill
/// **designed to** kill the talks"). Its subject is the antecedent, not the statement's
/// holder. The one test of this for the cue reading, the generic reading and the
/// document-wide reading.
pub(super) fn opens_relative(en: &English, w: &[&str], i: usize) -> bool {
    (i >= 1 && is_relative(w[i - 1]))
        || (i >= 2 && is_relative(w[i - 2]) && en.is_auxiliary(w[i - 1]))
        || (i >= 2 && w[i - 1] == "to" && en.is(Words::Purpose, w[i - 2]))
}
