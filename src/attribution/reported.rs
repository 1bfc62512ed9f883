//! Predicates and reported speech: each subject holds the text up to the next subject; a
//! subject followed by a speech verb (X said (that) …) also holds the rest of the sentence;
//! a sentence ending in a speech frame ("…, Graham said.") gives the speaker the text before
//! it; "according to X" gives X the sentence. An organization that *reports* ("Reuters
//! reported that …") holds only its verb.

use super::{Carry, Ctx, Sent, Source, Statement, Subj, MAX_CLAUSE};
use crate::report::ActorKind;
use crate::span::CharIndex;

impl Ctx<'_> {
    /// The statements held by the subjects of a sentence (sorted by first word); marks the
    /// subjects inside another speaker's reported speech as nested. Returns the speech
    /// subjects: (byte of the speech verb, actor).
    pub(super) fn predicates(
        &self,
        ix: &CharIndex,
        s: &Sent,
        subjects: &mut [Subj],
        carry: &mut Carry,
        out: &mut Vec<Statement>,
    ) -> Vec<(usize, usize)> {
        let mut sspeech = Vec::new();
        let mut reported_from = usize::MAX;
        for n in 0..subjects.len() {
            // a coordinated clause (", and Rubio vowed …") is no part of the reported speech
            // before it
            if subjects[n].coordinated.is_some() {
                reported_from = usize::MAX;
            }
            if subjects[n].first >= reported_from {
                subjects[n].nested = true;
            }
            let sj = &subjects[n];
            let next_first = subjects.get(n + 1).map(|x| x.first);
            // reported content ends where a coordinated clause begins
            let clause_end = subjects[n + 1..]
                .iter()
                .find_map(|x| x.coordinated)
                .unwrap_or(s.toks.len());
            if let Some(e) = self.predicate(ix, s, sj, (next_first, clause_end), &mut sspeech, out)
            {
                reported_from = reported_from.min(e);
            }
            let mut group = sj.actors.clone();
            group.extend(self.companions(s, sj.last, next_first.unwrap_or(s.toks.len())));
            group.dedup();
            if group.len() > 1 {
                let at = s.toks.get(sj.first).map_or(0, |t| t.start);
                carry.groups.push((at, group));
            }
        }
        sspeech
    }

    /// Actors joined to a subject by "with" in its predicate (words `from..to`): "May
    /// released a joint statement with Macron and Merkel", "Kerry met with Zarif" — "they"
    /// then refers to all of them. The names right after "with", over titles, commas and
    /// "and".
    fn companions(&self, s: &Sent, from: usize, to: usize) -> Vec<usize> {
        let (toks, w, in_quote) = (s.toks, s.w, s.in_quote);
        let to = to.min(toks.len()).min(from + MAX_CLAUSE);
        let Some(with) = (from..to).find(|&k| w[k] == "with" && !in_quote[k]) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for k in with + 1..to {
            if let Some((_, mend, a)) = self.mention_at(&toks[k]) {
                // a possessor modifies the name after it ("France's Emmanuel Macron")
                let possessor = toks
                    .iter()
                    .skip(k)
                    .find(|t| t.start >= mend)
                    .is_some_and(|t| t.norm == "'s");
                if out.last() != Some(&a) && !possessor {
                    out.push(a);
                }
            } else if !(matches!(w[k], "," | "and" | "the" | "'s" | "-")
                || (toks[k].word && self.capitalised(&toks[k])))
            {
                break;
            }
        }
        out
    }

    /// The predicate of `sj`, up to the next subject (first word `next_first`). A speech
    /// verb right after the subject makes it a speaker (pushed to `sspeech`); unless the
    /// speaker is a reporting organization, the words from the end of the speech verb are
    /// reported content, whose first word is returned.
    fn predicate(
        &self,
        ix: &CharIndex,
        s: &Sent,
        sj: &Subj,
        (next_first, clause_end): (Option<usize>, usize),
        sspeech: &mut Vec<(usize, usize)>,
        out: &mut Vec<Statement>,
    ) -> Option<usize> {
        let (toks, w, in_quote) = (s.toks, s.w, s.in_quote);
        let from = sj.last;
        let to = next_first.unwrap_or(toks.len()).min(from + MAX_CLAUSE);
        // Speech verb right after the subject (allowing an adverb / time phrase).
        let possessive = w.get(from) == Some(&"'s");
        // "X, an Iranian official, said …": the verb comes after an apposition
        let verb_from = self.after_apposition(s, from).unwrap_or(from);
        // a speech verb is no word of a name ("rejected the United **States** offer")
        let sv = (verb_from..(verb_from + 4).min(toks.len()))
            .filter(|_| !possessive)
            .filter(|&k| !in_quote[k] && self.mention_at(&toks[k]).is_none())
            .find_map(|k| self.lex.speech_at(w, k).map(|e| (k, e)));
        // An organization that *reports* ("Reuters reported that …", "state television
        // reports") is a source of news, not a party to it: it holds only the verb.
        let reporter = sv.is_some_and(|(k, _)| self.lex.reporting_at(w, k))
            && sj
                .actors
                .iter()
                .all(|&a| self.actors[a].kind == ActorKind::Organization);
        let to = if reporter {
            sv.map_or(to, |(_, e)| e.min(to))
        } else {
            to
        };
        // "… if Washington returned to the deal": a hypothesis, no act of the subject
        let hypothetical = self.doc.english().hypothetical_subject(w, sj.first);
        if from < to && !hypothetical {
            for &a in &sj.actors {
                let mut st = self.stmt(ix, a, toks[from].start, toks[to - 1].end, Source::Agent);
                st.nested = sj.nested;
                out.push(st);
            }
        }
        let (k, e) = sv?;
        for &a in &sj.actors {
            sspeech.push((toks[k].start, a));
        }
        if reporter {
            return None;
        }
        self.reported(ix, s, sj, (verb_from, clause_end), (k, e), out);
        Some(e)
    }

    /// The word after an apposition that starts at word `from` (", an Iranian official,"; ",
    /// the senator from South Carolina,"): a comma, at most 12 words with no quote and no
    /// other comma, a comma. `None` when `from` opens none.
    pub(super) fn after_apposition(&self, s: &Sent, from: usize) -> Option<usize> {
        let (toks, w, in_quote) = (s.toks, s.w, s.in_quote);
        if w.get(from) != Some(&",") {
            return None;
        }
        let close = (from + 2..(from + 14).min(toks.len()))
            .take_while(|&k| !in_quote[k] && (toks[k].word || w[k] == ","))
            .find(|&k| w[k] == ",")?;
        let appos = &w[from + 1..close];
        // an apposition is a noun phrase: it does not hold a speech verb itself
        let speech_inside = (0..appos.len()).any(|k| self.lex.speech_at(appos, k).is_some());
        (!speech_inside).then_some(close + 1)
    }

    /// Reported content of speaker `sj` whose speech verb spans words `k..e`: to the end of
    /// the sentence; for a trailing frame ("…, Graham said."; "…, Graham, a senator,
    /// said.") the text before the subject; for a parenthetical frame ("If …, he said, the
    /// US would …") the whole sentence. `from`: the first word after the subject and its
    /// apposition, if any.
    fn reported(
        &self,
        ix: &CharIndex,
        s: &Sent,
        sj: &Subj,
        (from, clause_end): (usize, usize),
        (k, e): (usize, usize),
        out: &mut Vec<Statement>,
    ) {
        let (toks, w, in_quote) = (s.toks, s.w, s.in_quote);
        let end = toks.len().min(e + MAX_CLAUSE).min(clause_end);
        if e < end {
            for &a in &sj.actors {
                out.push(self.stmt(ix, a, toks[e].start, toks[end - 1].end, Source::Reported));
            }
        }
        let real = !self.lex.is(&self.lex.relative, w[sj.first]);
        // the frame opens before the speaker's title ("…, Iranian Foreign Minister X said")
        // and an "as" of a parenthetical frame ("…, as X said")
        let head = self.title_start(s, sj.first);
        let head = if head > 0 && w[head - 1] == "as" {
            head - 1
        } else {
            head
        };
        let framed = real && k <= from + 1 && head > 1 && w[head - 1] == ",";
        // "If Iran stops enrichment, he said, the US would talk": a parenthetical frame makes
        // the words before it the speaker's too
        let parenthetical = w.get(e) == Some(&",");
        if framed && (toks.len() - e <= 8 || parenthetical) {
            let start = (head.saturating_sub(MAX_CLAUSE)..head)
                .find(|&q| !in_quote[q])
                .unwrap_or(0);
            if start < head - 1 {
                for &a in &sj.actors {
                    out.push(self.stmt(
                        ix,
                        a,
                        toks[start].start,
                        toks[head - 2].end,
                        Source::Reported,
                    ));
                }
            }
        }
    }

    /// "according to X" (over a title: "according to Senator X"): X holds the sentence
    /// (unless X is an organization: "according to Reuters" cites a source).
    pub(super) fn according_to(&self, ix: &CharIndex, s: &Sent, out: &mut Vec<Statement>) {
        let (toks, w) = (s.toks, s.w);
        for k in 0..w.len().saturating_sub(2) {
            if w[k] == "according" && w[k + 1] == "to" {
                // over a title ("according to Senator John Smith", "to U.S. envoy X")
                let mut j = k + 2;
                while j + 1 < toks.len()
                    && j < k + 7
                    && self.mention_at(&toks[j]).is_none()
                    && (self.capitalised(&toks[j]) || self.lex.is(&self.lex.sources, w[j]))
                {
                    j += 1;
                }
                let source = self
                    .mention_at(&toks[j])
                    .filter(|m| self.actors[m.2].kind != ActorKind::Organization);
                if let Some((_, _, a)) = source {
                    let (f, e) = (k.saturating_sub(MAX_CLAUSE), toks.len().min(k + MAX_CLAUSE));
                    out.push(self.stmt(ix, a, toks[f].start, toks[e - 1].end, Source::Reported));
                }
            }
        }
    }
}
