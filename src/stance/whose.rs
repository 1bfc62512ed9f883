//! Whose predicate a cue is: another actor's possession ("Netanyahu's opposition"), a
//! modifier or relative clause of another antecedent, another party as the reported subject,
//! the holder's own first verb, or a thing that obstructs the relation.

use super::{before_verb, is_participle, Ctx, Mark, View, COMPLEMENT_STOPS};
use super::{NOT_SUBJECTS, PRONOUNS};
use crate::attribution::Source;
use crate::knowledge::english::{VerbClass, Words};

impl Ctx<'_> {
    /// Whether the word at `k` is possessed by another actor than the statement's holder
    /// ("Netanyahu's opposition to the deal" in someone else's statement).
    pub(super) fn possessed_by_other(&self, v: &View, k: usize) -> bool {
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
    /// not its noun, and a function word ("the US but …", "the US would …") no noun at all.
    pub(super) fn modified_by_other(
        &self,
        v: &View,
        k: usize,
        other: impl Fn(usize) -> bool,
    ) -> bool {
        // a function word heads no noun phrase ("the United States **but** would not …")
        let en = self.doc.english();
        let x = v.w[k];
        let function_word = COMPLEMENT_STOPS.contains(&x)
            || NOT_SUBJECTS.contains(&x)
            || en.opens_clause(x)
            || en.is_auxiliary(x)
            || en.is_negator(x);
        if k < 2 || k <= v.lo || is_participle(x) || function_word {
            return false;
        }
        let mark = |m: usize| v.marks.get(m).copied().flatten();
        let owner = |m: usize| (self.mention_at_byte(v.toks[m].start), mark(m));
        let party_other = mark(k - 1).is_some_and(|p| Some(p) != v.holder_mark());
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
    pub(super) fn relative_of_other(&self, v: &View, k: usize) -> bool {
        (k.saturating_sub(3).max(v.lo + 1)..k)
            .rev()
            .find(|&r| v.w[r] == "which")
            .is_some_and(|r| self.mention_at_byte(v.toks[r - 1].start) != Some(v.st.actor))
    }

    /// "The US is not a reliable negotiating partner", "this deal is not a bilateral
    /// agreement": after a linking verb, a negated indefinite noun phrase with a modifier
    /// before the relation term denies the modifier (the focus of the negation), not the
    /// relation. An existential "there is not a …" still denies the relation.
    pub(super) fn negated_modifier(&self, v: &View, k: usize) -> bool {
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
    /// holder's, named right before it with at most auxiliaries, negators and adverbs between
    /// ("X said **Washington rejected** the talks", "… but the Americans would not accept"):
    /// that party's act as the holder reports it, not the holder's own stance. The holder's
    /// own party as subject ("Tehran is ready") speaks for the holder; so does a copula ("said
    /// Washington was not serious about talks": the holder's judgement). For a holder of a
    /// known country that is neither party, any party is the other ("Qatar said Washington had rejected the talks"),
    /// unless a deontic word makes it the holder's advice ("said the US should return").
    pub(super) fn other_party_subject(&self, v: &View, k: usize) -> bool {
        // a holder of no known country may well be a party's official ("X said the United
        // States would hold talks"); one of a known country is of a party or a third party
        let known = self
            .actors
            .get(v.st.actor)
            .is_some_and(|a| a.country.is_some());
        let third = v.holder_party.is_none();
        if !matches!(v.st.source, Source::Reported | Source::Agent)
            || !known
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
            if let Some(mark) = v.marks.get(m).copied().flatten() {
                // a third party reports what the parties did ("Oman said the United States
                // and Iran agreed to hold talks"); "both sides" is theirs too
                let other = third || (mark != Mark::Both && Some(mark) != v.holder_mark());
                return other && self.opens_clause(v, m, Some(mark));
            }
            let n = v.w[m];
            // "said the United States should talk to Iran": a third party's advice is its
            // own stance
            if third && en.is(Words::Deontic, n) {
                return false;
            }
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
    pub(super) fn opens_clause(&self, v: &View, m: usize, mark: Option<Mark>) -> bool {
        let en = self.doc.english();
        let mut f = m;
        // over a coordination of names ("the United States and Iran should …"): one of the
        // holder's party makes the subject the holder's too
        while f > v.lo {
            let prev = v.marks.get(f - 1).copied().flatten();
            if prev.is_some() && prev != mark {
                if prev == v.holder_mark() || prev == Some(Mark::Both) {
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
    pub(super) fn holders_own_verb(&self, v: &View, at: usize) -> bool {
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
    pub(super) fn obstructed_by_thing(&self, v: &View, at: usize) -> bool {
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
}
