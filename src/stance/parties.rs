//! Which party a word names, and whether a relation term is about the topic: party marks
//! ("Iran", "Washington", an actor affiliated with a party, "both sides"), the topic's
//! relevance test for a relation term (a party next to it, a strong term in a clause naming
//! the other party, a back-reference once the topic is established), and the actor mentions
//! the matchers look up by byte.

use super::{mention_covering, word_tokens, Ctx, Mark};
use crate::doc::{tokens, Token};
use crate::knowledge::english::Words;
use crate::stance::topic;

impl Ctx<'_> {
    pub(super) fn find_established(&self) -> usize {
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
    pub(super) fn party_marks(&self, toks: &[Token], w: &[&str]) -> Vec<Option<Mark>> {
        let mut marks = vec![None; w.len()];
        let mut i = 0;
        while i < w.len() {
            if let Some((p, e)) = self.topic.party_at(w, i) {
                for m in marks.iter_mut().take(e).skip(i) {
                    *m = Some(Mark::Party(p));
                }
                i = e;
                continue;
            }
            if let Some(e) = self.pair_at(toks, w, i) {
                for m in marks.iter_mut().take(e).skip(i) {
                    *m = Some(Mark::Both);
                }
                i = e;
                continue;
            }
            if let Some(a) = self.mention_at_byte(toks[i].start) {
                marks[i] = self.holder_party(a).map(Mark::Party);
            }
            i += 1;
        }
        marks
    }

    /// "both sides", "the two governments" (a pair noun of the English lexicon) at word `i`,
    /// once the topic is established: the parties together. Returns the end of the phrase.
    pub(super) fn pair_at(&self, toks: &[Token], w: &[&str], i: usize) -> Option<usize> {
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
    pub(super) fn parties_in(
        &self,
        marks: &[Option<Mark>],
        from: usize,
        to: usize,
        except: Option<usize>,
    ) -> Vec<bool> {
        let mut seen = vec![false; self.topic.parties.len()];
        for &mark in marks[from.min(marks.len())..to.min(marks.len())]
            .iter()
            .flatten()
        {
            match mark {
                Mark::Both => {
                    for (q, s) in seen.iter_mut().enumerate() {
                        *s |= Some(q) != except;
                    }
                }
                Mark::Party(p) if Some(p) != except => seen[p] = true,
                Mark::Party(_) => {}
            }
        }
        seen
    }

    /// Whether the document is about the parties' relation: its actors (as countries or
    /// members) or its words name both parties, or one of them and a name of their own
    /// relation (the topic's `dyad` terms: "the JCPOA").
    pub(super) fn names_dyad(&self) -> bool {
        let mut seen = vec![false; self.topic.parties.len()];
        for a in 0..self.actors.len() {
            if let Some(p) = self.holder_party(a) {
                seen[p] = true;
            }
        }
        if seen.iter().all(|&b| b) {
            return true;
        }
        let norms: Vec<&str> = self
            .doc
            .tokens()
            .iter()
            .filter(|t| t.word)
            .map(|t| t.norm.as_str())
            .collect();
        for k in 0..norms.len() {
            if let Some((p, _)) = self.topic.party_at(&norms, k) {
                seen[p] = true;
            }
        }
        let named = seen.iter().filter(|&&b| b).count();
        named == seen.len()
            || named > 0 && (0..norms.len()).any(|k| self.topic.dyad.match_at(&norms, k).is_some())
    }

    pub(super) fn holder_party(&self, actor: usize) -> Option<usize> {
        self.actors[actor]
            .country
            .as_deref()
            .and_then(|c| self.topic.party_index(c))
    }

    /// Whether the relation term at `r` (word indices in `w`, the context) is about the topic.
    pub(super) fn relevant(
        &self,
        toks: &[Token],
        w: &[&str],
        marks: &[Option<Mark>],
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
            marks[cs.min(marks.len())..r.0.min(marks.len())].contains(&Some(Mark::Both));
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
    pub(super) fn relation_before(&self, at: usize) -> bool {
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

    /// The actor of the mention covering byte `at`, if any.
    pub(super) fn mention_at_byte(&self, at: usize) -> Option<usize> {
        mention_covering(&self.mentions, at).map(|m| m.2)
    }

    pub(super) fn mention_after(&self, toks: &[Token], end: usize) -> Option<usize> {
        let from = toks.get(end)?.start;
        let to = toks.get((end + 3).min(toks.len() - 1))?.end;
        let i = self.mentions.partition_point(|m| m.0 < from);
        self.mentions.get(i).filter(|m| m.0 < to).map(|m| m.2)
    }
}
