//! Relation terms no cue covers, read with general English: a stance-predicate family
//! before the term ("refused to hold talks"), an evaluative word after it ("the deal was a
//! mistake"), a negated or modal relation verb; and limiters between two relation terms.

use super::complement::{self, Complement};
use super::hit::Found;
use super::{before_verb, is_participle, Ctx, Hit, View, COMPLEMENT_STOPS, PRONOUNS};
use crate::knowledge::english::{English, VerbClass, Words};
use crate::report::Stance;

impl Ctx<'_> {
    /// Generic: relation terms not covered by a cue. After a support predicate of the
    /// English families (or a negated oppose predicate), support; a negated relation term is
    /// opposition; one after a modal, weak support.
    pub(super) fn generic_hits(&self, v: &View, covered: &[(usize, usize)], out: &mut Vec<Hit>) {
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
                    let found = Found {
                        actor: v.st.actor,
                        words: (s, end),
                        rel: Some((k, e)),
                        stance,
                        open: false,
                        weight: weight * v.src_w,
                        rule,
                    };
                    out.push(self.hit(v.within(), found));
                }
            }
            k = e;
        }
    }

    /// A support predicate of the English lexicon's families (lemmas: "stand committed to the
    /// deal", "hoped the accord") or a negated oppose predicate ("did not reject talks")
    /// before the relation term at word `k`, in its clause and the statement: (its first
    /// word, the stance, the rule).
    pub(super) fn family_before(
        &self,
        v: &View,
        k: usize,
    ) -> Option<(usize, Stance, &'static str)> {
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
    pub(super) fn evaluation_after(
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
        // "**no** deal should be signed": a negative determiner of the term negates too
        let mut negated = naming.is_none() && k > v.lo && v.w[k - 1] == "no";
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
        let mut clause = clause;
        while j < v.hi {
            // "difficult but useful", "long and constructive": an evaluative word coordinated
            // after a plain modifier judges the term too (the conjunction may open a clause)
            let coordinated = modifiers > 0
                && matches!(v.w[j], "but" | "and" | "yet")
                && j + 1 < v.hi
                && en.evaluative_at(lemmas, j + 1).is_some();
            if coordinated {
                j += 1;
                clause = v.toks[j].clause;
                continue;
            }
            if v.toks[j].clause != clause {
                break;
            }
            if deontic && modifiers == 0 {
                if let Some((stance, rule)) = deontic_passive(en, v.w[j], lemmas[j], negated) {
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
    pub(super) fn subject_undoes(&self, v: &View, k: usize) -> bool {
        let clause = v.toks[k].clause;
        let from = (k.saturating_sub(6).max(v.lo)..k)
            .find(|&m| v.toks[m].clause == clause)
            .unwrap_or(k);
        self.governed(v, from, Some((k, k + 1))) == Complement::Undo
    }

    /// The last evaluative word of the phrase that starts with `first` (positive, end): up to
    /// three words on, before a stop word or another clause. The head noun decides, not an
    /// adjective before it ("a historic **mistake**", "a historic **achievement**").
    pub(super) fn evaluative_head(
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

    /// "ready for a fair deal **but would not give up** its right to enrich", "open to
    /// dialogue but will never bow to threats": after a support hit of the statement's holder
    /// (hits from `first_hit` on), an adversative clause in the same sentence whose subject is
    /// unsaid, a pronoun or the holder's party, refusing a concession (a negator, then
    /// `reservations` of the lexicon) states what the holder will not pay for the relation:
    /// a conditional hit (`conditional.reservation`). A concession whose object is a relation
    /// term ("but will not abandon the talks") keeps it instead, and adds nothing.
    pub(super) fn reservation_hits(&self, v: &View, first_hit: usize, out: &mut Vec<Hit>) {
        let supported = out[first_hit..]
            .iter()
            .filter(|h| h.actor == v.st.actor && h.stance == Stance::Support && !h.open)
            .map(|h| h.cue)
            .min();
        let Some(cue) = supported else { return };
        let en = self.doc.english();
        let at = v.toks.partition_point(|t| t.start < cue.0);
        let from = v.toks.partition_point(|t| t.start < cue.1).max(v.lo);
        let (Some(sentence), true) = (v.toks.get(at).map(|t| t.sentence), from < v.hi) else {
            return;
        };
        let holder = v.holder_mark();
        let subject = |j: usize| {
            PRONOUNS.contains(&v.w[j])
                || v.w[j] == "the"
                || (holder.is_some() && v.marks.get(j).copied().flatten() == holder)
                || (before_verb(en, v.w[j]) && !en.is_negator(v.w[j]))
        };
        for k in from..v.hi {
            if v.toks[k].sentence != sentence {
                break;
            }
            let Some(mut j) = self.topic.adversatives.match_at(v.w, k) else {
                continue;
            };
            while j < v.hi && j < k + 5 && subject(j) {
                j += 1;
            }
            let Some(neg_end) = self.topic.negators.match_at(v.w, j).filter(|&e| e < v.hi) else {
                continue;
            };
            let Some(end) = self.topic.reservations.match_at(v.w, neg_end) else {
                continue;
            };
            // "but will not abandon the talks" keeps the relation: no reservation
            if (end..(end + 4).min(v.hi)).any(|m| v.rel_at(m, v.hi).is_some()) {
                continue;
            }
            let found = Found {
                actor: v.st.actor,
                words: (k, end),
                rel: None,
                stance: Stance::Conditional,
                open: false,
                weight: v.src_w,
                rule: "conditional.reservation",
            };
            out.push(self.hit(v.within(), found));
            return;
        }
    }

    /// "talks, but not military coordination": a limiter between two relation terms, or after
    /// one whose subject matter it restricts ("talks on the nuclear issue but not on missiles").
    pub(super) fn limiter_hits(&self, v: &View, out: &mut Vec<Hit>) {
        let (toks, w, lo, hi) = (v.toks, v.w, v.lo, v.hi);
        for k in lo..hi {
            let Some(e) = self.topic.limiters.match_at(&w[..hi], k) else {
                continue;
            };
            let before =
                (k.saturating_sub(12).max(lo)..k).find_map(|q| v.rel_at(q, k).map(|x| (q, x)));
            let after = (e..(e + 4).min(hi)).find_map(|q| v.rel_at(q, hi).map(|x| (q, x)));
            // "open to talks on the nuclear issue but not on its missile program": the
            // relation elided after the limiter, its subject-matter preposition repeated;
            // "prepared to negotiate, but not under threat", "… but not before sanctions are
            // lifted": the relation elided before a condition, a coercion or a clause of time
            // that must come first
            let elided = before.is_some_and(|(_, x)| {
                x <= k
                    && e < hi
                    && ((matches!(w[e], "on" | "over" | "about")
                        && (x..k).any(|m| w[m] == w[e])
                        && !self.topic.time_at(w, e + 1))
                        || (w[k] == "but"
                            && (self.topic.condition_at(w, e).is_some()
                                || matches!(w[e], "before" | "while")
                                    && !self.topic.time_at(w, e + 1))))
            });
            let after = after.or(elided.then_some((e, e + 1)));
            if let (Some(r), Some(_)) = (before, after) {
                if self.relevant(toks, w, v.marks, r, v.holder_party, toks[k].start) {
                    let end = after.map_or(e, |(_, x)| x);
                    let found = Found {
                        actor: v.st.actor,
                        words: (k, end),
                        rel: Some(r),
                        stance: Stance::Conditional,
                        open: false,
                        weight: v.src_w,
                        rule: "conditional.limited",
                    };
                    out.push(self.hit(v.within(), found));
                }
            }
        }
    }
}

/// "The deal should be torn up / preserved": after a deontic linking verb, the participle
/// `word` (lemma `lemma`) of a verb that keeps or undoes the relation asks for that act;
/// `negated` reverses it.
fn deontic_passive(
    en: &English,
    word: &str,
    lemma: &str,
    negated: bool,
) -> Option<(Stance, &'static str)> {
    if en.is_negator(word) || !(is_participle(word) || en.is_irregular_form(word)) {
        return None;
    }
    let keep = (en.verb_class(lemma)? == VerbClass::Keep) != negated;
    Some(if keep {
        (Stance::Support, "support.deontic_passive")
    } else {
        (Stance::Oppose, "oppose.deontic_passive")
    })
}
