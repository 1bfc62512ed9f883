//! The topic's cue patterns on a statement: which actor holds each hit, whether it is about
//! the topic, and its reading (negation, an undoing verb it governs, an ultimatum, advice,
//! a demand's act).

use super::complement::{self, Complement};
use super::hit::Found;
use super::{is_participle, reversed, topic, Ctx, Hit, View, COMPLEMENT_STOPS};
use crate::knowledge::english::{VerbClass, Words};
use crate::report::Stance;
use topic::Holder;

impl Ctx<'_> {
    /// Hits of the topic's cues. Returns the word ranges they cover (cue and relation term).
    pub(super) fn cue_hits(&self, v: &View, out: &mut Vec<Hit>) -> Vec<(usize, usize)> {
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
                    Holder::Agent | Holder::Own if self.possessed_by_other(v, hit.start) => None,
                    // "the letter, which warned that any deal …": the antecedent's predicate
                    Holder::Agent | Holder::Own if self.relative_of_other(v, hit.start) => None,
                    Holder::Own if self.other_party_subject(v, hit.start) => None,
                    Holder::Own => Some(v.st.actor),
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
                // "no plans to offer concessions before negotiations", "refused to lift the
                // ban amid the talks": a relation term in a phrase of time or circumstance
                // sets the scene, it is no object of the cue (a condition may be one:
                // "guarantees before it returns to the table")
                let en = self.doc.english();
                let scene =
                    rel.is_some_and(|r| (hit.start + 1..r.0).any(|k| en.opens_adjunct(v.w[k])));
                if cue.stance != Stance::Conditional && scene {
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
                    let found = Found {
                        actor,
                        words: (hit.start, hit.end),
                        rel,
                        stance,
                        open,
                        weight,
                        rule,
                    };
                    let mut h = self.hit(v.within(), found);
                    h.reservation = cue.reservation && h.stance == Stance::Conditional;
                    out.push(h);
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
    pub(super) fn cue_reading<'c>(
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
    pub(super) fn demanded_act(
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
    pub(super) fn ultimatum(&self, v: &View, k: usize, rel: Option<(usize, usize)>) -> bool {
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
    pub(super) fn wanted_protasis(&self, v: &View, k: usize, (r, re): (usize, usize)) -> bool {
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
    pub(super) fn terms_of_relation(&self, v: &View, hit: &topic::Hit) -> bool {
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
    pub(super) fn beyond_prepositions_object(
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
    pub(super) fn relation_in_protasis(
        &self,
        v: &View,
        from: usize,
        rel: Option<(usize, usize)>,
    ) -> bool {
        rel.is_some_and(|(r, _)| (from + 1..r).any(|k| self.topic.condition_at(v.w, k).is_some()))
    }

    /// Whether word `k` is the second or third word of a multi-word predicate of the English
    /// families with another stance ("back" in "roll back", "out" in "reach out"): a cue
    /// starting there is a fragment of that phrase.
    pub(super) fn inside_other_phrase(&self, v: &View, k: usize, stance: Stance) -> bool {
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
    pub(super) fn governed(
        &self,
        v: &View,
        from: usize,
        rel: Option<(usize, usize)>,
    ) -> Complement {
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
    pub(super) fn cue_about(
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
        // "would not do so under threat": a pro-verb is as relevant as what it stands for
        let about_rel = rel.map(|r| self.topic.pro_verb_antecedent(v.w, r.0).unwrap_or(r));
        let about = if cue.names_party() {
            true
        } else {
            match about_rel {
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
                    let at = v.toks[hit.start].start;
                    self.relation_before(at) || (self.document_wide && at >= self.established)
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
    pub(super) fn cue_stance(
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
}
