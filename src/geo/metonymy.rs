//! Capitals: whether "Tehran", "Washington" stand for the government or for the place.

use super::data::is_all_caps;
use super::Gazetteer;
use crate::doc::text::{next_tok, paragraph_of, possessive_at, prev_tok};

/// The sense of a capital in context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapitalSense {
    /// The capital stands for its government ("Washington said").
    Government,
    /// The capital is the place ("meetings in Tehran").
    Place,
    /// No rule fired.
    Unknown,
}

impl Gazetteer {
    /// Decide whether the capital mentioned at bytes `bs..be` of `text` stands for its
    /// government or for the place, by rules over the local context (first match wins):
    ///
    /// 1. **Place**: a dateline (written in capitals, or first in its paragraph and followed by
    ///    "(", "-", "—" or ":"); apposition to "capital" ("the capital, Baghdad"); a word of
    ///    `place_before` right before it ("in", "at", "hold", ...); "to"/"toward" after a word
    ///    of `movement` ("arrived to", "trip to"); a possessive followed by a word of
    ///    `place_nouns` ("Baghdad's streets"); "is"/"was"/"has been" + a word of
    ///    `place_predicates` ("Baghdad is under threat"), or "fell" after it.
    /// 2. **Government**: any other possessive ("Tehran's nuclear programme"); "to"/"toward"
    ///    without movement ("closer to Tehran"); a word of `government_before` ("talks with
    ///    Tehran", "between Washington and Iran"); coordination with a country mention
    ///    (`is_country_at` tells where those are) or with a capital after a word of
    ///    `government_before` ("between Washington and Tehran"); a lower-case verb right after it, optionally
    ///    after one adverb ("Washington said", "Tehran had launched", "Washington has however
    ///    ruled out").
    /// 3. Otherwise [`CapitalSense::Unknown`].
    pub fn capital_sense(
        &self,
        text: &str,
        bs: usize,
        be: usize,
        paras: &[(usize, usize)],
        is_country_at: &dyn Fn(usize, bool) -> bool,
    ) -> CapitalSense {
        let Some(name) = text.get(bs..be) else {
            return CapitalSense::Unknown;
        };
        if is_dateline(text, name, bs, be, paras) || self.place_by_word_before(text, bs) {
            return CapitalSense::Place;
        }
        if let Some(sense) = self.possessive_sense(text, be) {
            return sense;
        }
        if let Some(sense) = self.sense_by_word_before(text, bs, is_country_at) {
            return sense;
        }
        self.sense_by_word_after(text, be, is_country_at)
            .unwrap_or(CapitalSense::Unknown)
    }

    /// Apposition to "capital" ("the capital, Baghdad"), or a word of `place_before` right
    /// before ("in Tehran").
    fn place_by_word_before(&self, text: &str, bs: usize) -> bool {
        let prev = prev_tok(text, bs);
        if let Some(p) = prev {
            let p2 = if !p.word && p.text == "," {
                prev_tok(text, p.start)
            } else {
                Some(p)
            };
            if let Some(p2) = p2 {
                if p2.word && p2.text.eq_ignore_ascii_case("capital") {
                    return true;
                }
            }
        }
        let prev_word = prev.filter(|t| t.word).map(|t| t.text.to_lowercase());
        prev_word.is_some_and(|pw| self.data.merged.meto.place_before.contains(&pw))
    }

    /// A possessive after the capital: the place before a word of `place_nouns` ("Baghdad's
    /// streets"), else the government ("Tehran's nuclear programme").
    fn possessive_sense(&self, text: &str, be: usize) -> Option<CapitalSense> {
        let n = possessive_at(text, be)?;
        let after = next_tok(text, be + n);
        if let Some(a) = after {
            if a.word
                && self
                    .data
                    .merged
                    .meto
                    .place_nouns
                    .contains(&a.text.to_lowercase())
            {
                return Some(CapitalSense::Place);
            }
        }
        Some(CapitalSense::Government)
    }

    /// "to"/"toward" (the place after a word of `movement`, else the government), a word of
    /// `government_before`, "`<country>` and".
    fn sense_by_word_before(
        &self,
        text: &str,
        bs: usize,
        is_country_at: &dyn Fn(usize, bool) -> bool,
    ) -> Option<CapitalSense> {
        let m = &self.data.merged.meto;
        let p = prev_tok(text, bs).filter(|t| t.word)?;
        let pw = p.text.to_lowercase();
        if matches!(pw.as_str(), "to" | "toward" | "towards") {
            let mut q = p.start;
            let mut moving = false;
            for _ in 0..2 {
                match prev_tok(text, q) {
                    Some(t) if t.word => {
                        if m.movement.contains(&t.text.to_lowercase()) {
                            moving = true;
                            break;
                        }
                        q = t.start;
                    }
                    _ => break,
                }
            }
            return Some(if moving {
                CapitalSense::Place
            } else {
                CapitalSense::Government
            });
        }
        if self.relation_word(text, &p) {
            return Some(CapitalSense::Government);
        }
        // "<country> and Washington"
        if matches!(pw.as_str(), "and" | "or") && is_country_at(p.start, false) {
            return Some(CapitalSense::Government);
        }
        // "between Washington and Tehran": the first conjunct a capital after a word of
        // `government_before`
        if matches!(pw.as_str(), "and" | "or") {
            let first = prev_tok(text, p.start).filter(|t| t.word)?;
            let before = prev_tok(text, first.start).filter(|t| t.word)?;
            let capital = first.text.starts_with(char::is_uppercase)
                && self.capital(&first.text.to_lowercase()).is_some();
            if capital && self.relation_word(text, &before) {
                return Some(CapitalSense::Government);
            }
        }
        None
    }

    /// Whether the word `t` is one of `government_before`, not after a word of `movement`
    /// ("talks between Washington and Tehran", but "travelled between Washington and
    /// Tehran").
    fn relation_word(&self, text: &str, t: &crate::doc::text::Tok) -> bool {
        let m = &self.data.merged.meto;
        m.government_before.contains(&t.text.to_lowercase())
            && !prev_tok(text, t.start)
                .is_some_and(|b| b.word && m.movement.contains(&b.text.to_lowercase()))
    }

    /// The word after the capital: "and `<country>`", "to" + verb, "fell" or "is" + a word of
    /// `place_predicates` (the place), a verb, optionally after one adverb (the government).
    fn sense_by_word_after(
        &self,
        text: &str,
        be: usize,
        is_country_at: &dyn Fn(usize, bool) -> bool,
    ) -> Option<CapitalSense> {
        let n = next_tok(text, be).filter(|n| n.word)?;
        let nw = n.text.to_lowercase();
        if matches!(nw.as_str(), "and" | "or") {
            if let Some(after) = next_tok(text, n.end) {
                if after.word && is_country_at(after.start, true) {
                    return Some(CapitalSense::Government);
                }
            }
        }
        let lower = n.text.chars().next().is_some_and(|c| c.is_lowercase());
        // "wants Moscow to participate"
        if nw == "to" && self.verb_at(text, n.end) {
            return Some(CapitalSense::Government);
        }
        if !lower {
            return None;
        }
        // "Baghdad is under threat", "Kabul was shelled": the place
        if nw == "fell" || self.place_predicate(text, &nw, n.end) {
            return Some(CapitalSense::Place);
        }
        if self.is_verb(&nw) {
            return Some(CapitalSense::Government);
        }
        let m = &self.data.merged.meto;
        if (m.adverbs.contains(&nw) || (nw.ends_with("ly") && nw.len() > 4))
            && self.verb_at(text, n.end)
        {
            return Some(CapitalSense::Government);
        }
        None
    }

    /// Whether the word after byte `pos` is a verb of `verbs_after`.
    fn verb_at(&self, text: &str, pos: usize) -> bool {
        next_tok(text, pos).is_some_and(|n2| n2.word && self.is_verb(&n2.text.to_lowercase()))
    }

    /// "is"/"was"/"has" (+ "been") + a word of `place_predicates` after `word` ending at `end`.
    fn place_predicate(&self, text: &str, word: &str, end: usize) -> bool {
        if !matches!(word, "is" | "was" | "has" | "had" | "remains") {
            return false;
        }
        let mut q = end;
        for _ in 0..2 {
            match next_tok(text, q) {
                Some(t) if t.word => {
                    let tw = t.text.to_lowercase();
                    if self.data.merged.meto.place_predicates.contains(&tw) {
                        return true;
                    }
                    if tw != "been" {
                        break;
                    }
                    q = t.end;
                }
                _ => break,
            }
        }
        false
    }

    /// Whether a lower-case word is one of `verbs_after` or a regular inflection of one.
    fn is_verb(&self, w: &str) -> bool {
        let v = &self.data.merged.meto.verbs_after;
        let w = w.replace('’', "'");
        if v.contains(&w) {
            return true;
        }
        let stems = [
            w.strip_suffix("ies").map(|s| format!("{s}y")),
            w.strip_suffix("ied").map(|s| format!("{s}y")),
            w.strip_suffix("es").map(str::to_string),
            w.strip_suffix('s').map(str::to_string),
            w.strip_suffix("ed").map(str::to_string),
            w.strip_suffix('d').map(str::to_string),
            w.strip_suffix("ing").map(str::to_string),
            w.strip_suffix("ing").map(|s| format!("{s}e")),
        ];
        stems.into_iter().flatten().any(|s| v.contains(&s))
    }
}

/// A dateline: the capital written in capitals, or first in its paragraph and followed by
/// "(", "-", "—", "–", ":" or ",".
fn is_dateline(text: &str, name: &str, bs: usize, be: usize, paras: &[(usize, usize)]) -> bool {
    if name.chars().count() > 1 && is_all_caps(name) {
        return true;
    }
    let para_start = paragraph_of(paras, bs).map(|i| paras[i].0);
    let first_in_para = match (prev_tok(text, bs), para_start) {
        (None, _) => true,
        (Some(t), Some(ps)) => t.end <= ps,
        _ => false,
    };
    first_in_para
        && next_tok(text, be).is_some_and(|n| matches!(n.text, "(" | "-" | "—" | "–" | ":" | ","))
}
