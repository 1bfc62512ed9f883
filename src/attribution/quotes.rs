//! Direct quotes: the speaker after the quote ("…," Graham said / said Graham / he said /
//! the senior official said), before it in the same sentence (X said: "…"), or the speaker
//! of the quote it continues.

use super::{Ctx, Source, Statement};
use crate::doc::tokens::floor;
use crate::doc::Token;
use crate::span::CharIndex;

impl Ctx<'_> {
    /// Speakers of direct quotes.
    pub(super) fn quotes(
        &self,
        ix: &CharIndex,
        out: &mut Vec<Statement>,
        speech_subj: &[Vec<(usize, usize)>],
        groups: &[(usize, Vec<usize>)],
    ) {
        // (paragraph, speakers) of the last quote
        let mut prev: Option<(usize, Vec<usize>)> = None;
        for (qi, q) in self.doc.quotes().iter().enumerate() {
            // Scare quotes and titles ('the self-proclaimed "Islamic State"') say nothing.
            let inner = self
                .text
                .get(q.byte_start..q.byte_end)
                .unwrap_or("")
                .trim_end();
            let words = inner.split_whitespace().take(4).count();
            let punct = inner.ends_with([',', '.', '!', '?', '…']);
            if words < 4 && !punct {
                continue;
            }
            let para = self.doc.paragraph_at(q.byte_start);
            let mut speakers = self.after_quote(qi, groups);
            if speakers.is_empty() {
                speakers.extend(self.speaker_before_quote(qi, speech_subj));
            }
            if speakers.is_empty() {
                if let (Some((pp, group)), Some(p)) = (&prev, para) {
                    // Only the opening quote mark (at most 3 bytes) precedes the quote.
                    let opens_para = self
                        .doc
                        .paragraphs()
                        .get(p)
                        .is_some_and(|ps| q.byte_start.saturating_sub(ps.byte_start) <= 3);
                    if *pp == p || (*pp + 1 == p && opens_para) {
                        speakers = group.clone();
                    }
                }
            }
            if let (false, Some(p)) = (speakers.is_empty(), para) {
                for &a in &speakers {
                    out.push(Statement {
                        actor: a,
                        span: ix.span_from_bytes(q.byte_start, q.byte_end),
                        quote: true,
                        source: Source::Quote,
                        nested: false,
                    });
                }
                prev = Some((p, speakers));
            }
        }
    }

    /// "X said: “…”": the subject of a speech verb earlier in the quote's sentence, after the
    /// previous quote if one stands there, else any before the quote (`speech_subj`: per
    /// sentence, the byte of each speech verb and its subject).
    fn speaker_before_quote(
        &self,
        qi: usize,
        speech_subj: &[Vec<(usize, usize)>],
    ) -> Option<usize> {
        let q = self.doc.quotes().get(qi)?;
        let si = self.doc.sentence_at(q.byte_start)?;
        let sent = &self.doc.sentences()[si];
        let prev_q_end = qi
            .checked_sub(1)
            .and_then(|p| self.doc.quotes().get(p))
            .map(|o| o.byte_end)
            .filter(|&e| e <= q.byte_start && e > sent.byte_start)
            .unwrap_or(sent.byte_start);
        let subjects = speech_subj.get(si)?;
        subjects
            .iter()
            .rev()
            .find(|(b, _)| *b >= prev_q_end && *b < q.byte_start)
            .or_else(|| subjects.iter().rev().find(|(b, _)| *b < q.byte_start))
            .map(|&(_, a)| a)
    }

    /// "…," Graham said / said Graham / he said / the senior official said / they said (the
    /// last group of co-subjects before the quote, from `groups`).
    fn after_quote(&self, qi: usize, groups: &[(usize, Vec<usize>)]) -> Vec<usize> {
        let (Some(q), Some((toks, sv))) = (self.doc.quotes().get(qi), self.after_quote_words(qi))
        else {
            return Vec::new();
        };
        if self.plural_speaker(&toks, sv) {
            return groups
                .iter()
                .rev()
                .find(|(at, _)| *at < q.byte_start && q.byte_start - at < 3000)
                .map(|(_, g)| g.clone())
                .unwrap_or_default();
        }
        self.single_speaker_after(q.byte_start, &toks, sv)
            .into_iter()
            .collect()
    }

    /// Whether the speaker in the words `toks` after a quote (speech verb at `sv`) is the
    /// plural pronoun ("…," they said).
    fn plural_speaker(&self, toks: &[Token], sv: usize) -> bool {
        toks.iter()
            .take(sv + 2)
            .any(|t| self.lex.is(&self.lex.plural, &t.norm))
            && !toks
                .iter()
                .take(sv + 3)
                .any(|t| self.mention_at(t).is_some())
    }

    /// The words after quote `qi` to the end of its sentence (at most twelve) and the index
    /// of the speech verb among them, if there is one in the first seven.
    fn after_quote_words(&self, qi: usize) -> Option<(Vec<Token>, usize)> {
        let q = self.doc.quotes().get(qi)?;
        let p = self.doc.paragraph_at(q.byte_start)?;
        let pend = self.doc.paragraphs()[p].byte_end;
        let next_q = self
            .doc
            .quotes()
            .get(qi + 1)
            .map_or(pend, |o| o.byte_start.saturating_sub(1))
            .clamp(q.byte_end, pend.max(q.byte_end));
        // Twelve words are enough: bound the scan on long paragraphs.
        let next_q = floor(self.text, next_q.min(q.byte_end + 400));
        let toks: Vec<Token> = self
            .doc
            .tokens_in(q.byte_end, next_q)
            .iter()
            .filter(|t| t.word || matches!(t.norm.as_str(), "." | "!" | "?" | ";"))
            .take(12)
            .cloned()
            .collect();
        // Stop at the end of the sentence after the quote: a terminator the segmenter ends
        // a sentence with (the point of "Sen." or "Gen." ends none).
        let ends_sentence = |k: usize| {
            toks[k].norm == ";"
                || toks
                    .get(k + 1)
                    .is_none_or(|n| n.sentence != toks[k].sentence)
        };
        let end = (1..toks.len())
            .find(|&k| !toks[k].word && ends_sentence(k))
            .unwrap_or(toks.len());
        // the points of abbreviations are no words of the speaker's phrase
        let mut toks = toks;
        toks.truncate(end);
        toks.retain(|t| t.word);
        let w: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        // a speech verb is no part of a name ("the United States and Iran have …")
        let sv = (0..w.len().min(7)).find(|&k| {
            self.lex.speech_at(&w, k).is_some()
                && self.mention_at(&toks[k]).is_none()
                && !(k > 0 && self.capitalised(&toks[k]))
        })?;
        Some((toks, sv))
    }

    /// One speaker in the words `toks` after the quote starting at byte `quote_start` (speech
    /// verb at `sv`): named, a pronoun, or an unnamed source.
    fn single_speaker_after(&self, quote_start: usize, toks: &[Token], sv: usize) -> Option<usize> {
        let w: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        // A named speaker: the last mention before the speech verb ("Pentagon spokesman John
        // Kirby said" → Kirby), else the first one right after it ("said Kirby").
        let named: Vec<(usize, usize)> = toks
            .iter()
            .enumerate()
            .filter(|&(k, _)| k < sv + 3 && w.get(k + 1) != Some(&"'s"))
            .filter_map(|(k, t)| self.mention_at(t).map(|m| (k, m.2)))
            .collect();
        if let Some(&(_, a)) = named.iter().rev().find(|(k, _)| *k < sv) {
            return Some(a);
        }
        // "said Iranian lawmaker Ali Rezaei", "said U.S. Senator John Smith": the last name of
        // the run of titles and names right after the verb (a lower-case word only as an
        // occupation after a capitalised word that is no name: "Iranian lawmaker")
        let titled = |k: usize| {
            let t = &toks[k];
            let occupation = k > sv + 1
                && t.norm.chars().all(char::is_alphabetic)
                && self.capitalised(&toks[k - 1])
                && self.mention_at(&toks[k - 1]).is_none();
            self.capitalised(t)
                || self.mention_at(t).is_some()
                || self.lex.is(&self.lex.sources, &t.norm)
                || occupation
        };
        // the run ends at a comma ("said Ali Rezaei, Iran's foreign minister": the apposition
        // is no part of it) and before a possessor
        let comma_before = |k: usize| {
            self.text
                .get(toks[k - 1].end..toks[k].start)
                .is_some_and(|g| g.contains(','))
        };
        let run_end = (sv + 1..toks.len())
            .find(|&k| !titled(k) || (k > sv + 1 && comma_before(k)) || w.get(k + 1) == Some(&"'s"))
            .unwrap_or(toks.len());
        let in_run = (sv + 1..run_end)
            .rev()
            .find_map(|k| self.mention_at(&toks[k]).map(|m| m.2));
        if let Some(a) = in_run.or_else(|| named.first().map(|&(_, a)| a)) {
            return Some(a);
        }
        // Otherwise a pronoun or an unnamed source.
        let mut code: Option<String> = None;
        let mut the = false;
        for (k, t) in toks.iter().enumerate() {
            if self.lex.is(&self.lex.singular_person, &t.norm) && k <= sv + 1 {
                return self.person_before(quote_start);
            }
            let orig = &self.text[t.start..t.end];
            if orig.chars().next().is_some_and(char::is_uppercase) {
                if let Some(c) = self.gaz.country_word(orig) {
                    code.get_or_insert(c.to_string());
                }
            }
            if t.norm == "the" {
                the = true;
            }
            if self.lex.is(&self.lex.sources, &t.norm) && k < sv + 3 {
                let singular = self.lex.is(&self.lex.roles, &t.norm);
                return match code {
                    Some(c) if singular => self
                        .person_of(&c, quote_start, &t.norm)
                        .or_else(|| self.country_actor(&c)),
                    Some(c) => self.country_actor(&c),
                    None if the => self.last_unnamed_before(quote_start),
                    None => None,
                };
            }
        }
        None
    }

    /// The country of the last unnamed source before `at` (rescanned cheaply: the nearest
    /// demonym + source noun pair in the preceding 2000 bytes).
    fn last_unnamed_before(&self, at: usize) -> Option<usize> {
        let from = floor(self.text, at.saturating_sub(2000));
        let toks = self.doc.tokens_in(from, at);
        let mut found = None;
        for k in 0..toks.len() {
            if self.lex.is(&self.lex.sources, &toks[k].norm) {
                for q in (k.saturating_sub(4)..k).rev() {
                    let t = &toks[q];
                    let cap = self.text[t.start..t.end]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase);
                    let orig = &self.text[t.start..t.end];
                    if let Some(c) = self.gaz.country_word(orig).filter(|_| cap) {
                        found = Some(c.to_string());
                        break;
                    }
                    if let Some((_, _, a)) = self.mention_at(t) {
                        if let Some(c) = &self.actors[a].country {
                            found = Some(c.clone());
                            break;
                        }
                    }
                }
            }
        }
        found.and_then(|c| self.country_actor(&c))
    }
}
