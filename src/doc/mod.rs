//! The document model, built once per text: one tokenisation (byte and char offsets,
//! lower-case form and lemma per token), paragraphs, sentences, quotations and clauses.
//!
//! Every stage after NER (countries, actors, attribution, stance) takes a [`Doc`] plus the
//! previous stage's output; none of them re-tokenises the text or rebuilds the char index.
//!
//! * Paragraphs, sentences and quotes: see `segment.rs` (line breaks, sentence terminators
//!   with abbreviation/acronym/decimal handling, matching quote marks).
//! * Tokens: see `tokens.rs` (words, dotted acronyms, "n't" and "'s" split off, punctuation).
//! * Clauses: a sentence is cut before a clause opener of the English lexicon ("but", "if",
//!   "unless", "because", …), before a coordinator joining a finite stance or speech verb
//!   ("… and supported dialogue") and after `,` `;` `:` dashes and brackets. Negation,
//!   modality and condition scope are bounded by the clause.

mod segment;
pub(crate) mod text;
pub(crate) mod tokens;

use std::ops::Range;

use crate::knowledge::english::{English, Words};
use crate::span::{CharIndex, Span};
pub use tokens::Token;

/// One analysed text. Cheap to query; built once per text by the analyzer
/// ([`Doc::with_english`]).
#[derive(Clone, Debug)]
pub struct Doc<'a> {
    text: &'a str,
    /// The English lexicon the tokens were lemmatised with; later stages read it from here.
    english: &'a English,
    index: CharIndex,
    tokens: Vec<Token>,
    paragraphs: Vec<Span>,
    paragraph_ranges: Vec<(usize, usize)>,
    sentences: Vec<Span>,
    quotes: Vec<Span>,
    /// Read only by tests so far; part of the document model the stages are moving to.
    #[cfg_attr(not(test), allow(dead_code))]
    clauses: Vec<Range<usize>>,
}

/// Punctuation that ends a clause. Square brackets do not: in news they mark an editor's
/// word inside a quotation ("committed to the [deal]"), part of the quoted clause.
fn is_clause_punct(norm: &str) -> bool {
    matches!(norm, "," | ";" | ":" | "—" | "–" | "(" | ")")
}

/// Whether token `i` opens a clause with a verb of its own that no opener word or
/// punctuation marks: a coordinator before a finite stance or speech verb of the lexicon
/// ("opposed sanctions **and** supported dialogue", "**and** said") or a speech participle
/// after a comma ("criticised the bill, **saying** it would harm diplomacy"). Lemmas must be
/// filled.
fn opens_verb_clause(english: &English, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    if !t.word || i == 0 {
        return false;
    }
    let lexicon_verb = |k: usize| {
        let lemmas: Vec<&str> = tokens[k..tokens.len().min(k + 3)]
            .iter()
            .map(|x| x.lemma.as_str())
            .collect();
        english.is(Words::Saying, lemmas[0]) || english.family_at(&lemmas, 0).is_some()
    };
    if tokens[i - 1].norm == "," && t.norm.ends_with("ing") {
        return english.is(Words::Saying, &t.lemma);
    }
    if !matches!(t.norm.as_str(), "and" | "or") {
        return false;
    }
    let Some(next) = tokens.get(i + 1).filter(|n| n.word) else {
        return false;
    };
    let finite = next.norm.ends_with("ed") || english.is_irregular_form(&next.norm);
    finite && lexicon_verb(i + 1)
}

impl<'a> Doc<'a> {
    /// Analyse `text` with the embedded English lexicon (tests; the analyzer passes its own
    /// lexicon to [`Doc::with_english`]). Linear time; never panics.
    #[cfg(test)]
    pub(crate) fn new(text: &'a str) -> Doc<'a> {
        Doc::with_english(text, English::embedded())
    }

    /// Analyse `text` with the lexicon `english` (the analyzer's, which a user may replace).
    pub(crate) fn with_english(text: &'a str, english: &'a English) -> Doc<'a> {
        let index = CharIndex::new(text);
        let seg = segment::Segments::new(text, &index);
        let mut tokens = tokens::tokenize(text, 0, text.len());
        for t in tokens.iter_mut() {
            t.sentence = match seg.sentences.partition_point(|s| s.byte_start <= t.start) {
                0 => 0,
                k => k - 1,
            };
            if t.word {
                t.lemma = english.lemma(&t.norm);
            } else {
                t.lemma = t.norm.clone();
            }
            t.char_start = index.char_of(t.start);
            t.char_end = index.char_of(t.end);
        }
        let mut clauses = Vec::new();
        let mut clause_start = 0usize;
        for i in 0..tokens.len() {
            let verb = opens_verb_clause(english, &tokens, i);
            let t = &tokens[i];
            let opens = i > clause_start
                && (t.sentence != tokens[i - 1].sentence
                    || verb
                    || (t.word && english.opens_clause(&t.norm))
                    || is_clause_punct(&tokens[i - 1].norm));
            if opens {
                clauses.push(clause_start..i);
                clause_start = i;
            }
            let t = &mut tokens[i];
            t.verb_clause = verb;
            t.clause = clauses.len();
        }
        if clause_start < tokens.len() {
            clauses.push(clause_start..tokens.len());
        }
        let paragraph_ranges = text::paragraph_ranges(text, &seg.paragraphs);
        Doc {
            text,
            english,
            index,
            tokens,
            paragraph_ranges,
            paragraphs: seg.paragraphs,
            sentences: seg.sentences,
            quotes: seg.quotes,
            clauses,
        }
    }

    /// The text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The English lexicon of this document (lemmas, predicate families, scope words).
    pub(crate) fn english(&self) -> &'a English {
        self.english
    }

    /// Byte ↔ char offsets of the text.
    pub fn index(&self) -> &CharIndex {
        &self.index
    }

    /// Whether the token's original text starts with an upper-case letter ("Iranian",
    /// "Saudis"; the lower-case `norm` no longer says it).
    pub(crate) fn capitalised(&self, t: &Token) -> bool {
        self.text
            .get(t.start..t.end)
            .is_some_and(|w| w.starts_with(char::is_uppercase))
    }

    /// All tokens, in order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// Paragraphs (split on line breaks, trimmed), in order.
    pub fn paragraphs(&self) -> &[Span] {
        &self.paragraphs
    }

    /// Paragraphs as sorted byte ranges (non-empty lines when there are no paragraphs).
    pub(crate) fn paragraph_ranges(&self) -> &[(usize, usize)] {
        &self.paragraph_ranges
    }

    /// Sentences, in order, never crossing a paragraph.
    pub fn sentences(&self) -> &[Span] {
        &self.sentences
    }

    /// Direct quotations (the text between matching quote marks, marks excluded).
    pub fn quotes(&self) -> &[Span] {
        &self.quotes
    }

    /// Clauses as ranges of token indices, in order.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn clauses(&self) -> &[Range<usize>] {
        &self.clauses
    }

    /// Index of the first token starting at or after byte `byte`.
    pub fn token_at_or_after(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.start < byte)
    }

    /// Token index range of the tokens lying inside bytes `start..end`.
    pub fn token_range(&self, start: usize, end: usize) -> Range<usize> {
        let a = self.token_at_or_after(start);
        let b = self.tokens.partition_point(|t| t.end <= end).max(a);
        a..b
    }

    /// The tokens lying inside bytes `start..end`.
    pub fn tokens_in(&self, start: usize, end: usize) -> &[Token] {
        &self.tokens[self.token_range(start, end)]
    }

    /// Index of the sentence containing byte offset `byte` (or the last one before it).
    pub fn sentence_at(&self, byte: usize) -> Option<usize> {
        match self.sentences.partition_point(|s| s.byte_start <= byte) {
            0 => None,
            i => Some(i - 1),
        }
    }

    /// Index of the paragraph containing byte offset `byte` (or the last one before it).
    pub fn paragraph_at(&self, byte: usize) -> Option<usize> {
        match self.paragraphs.partition_point(|s| s.byte_start <= byte) {
            0 => None,
            i => Some(i - 1),
        }
    }

    /// The quote containing byte offset `byte`, if any.
    pub fn quote_at(&self, byte: usize) -> Option<usize> {
        let i = self.quotes.partition_point(|s| s.byte_start <= byte);
        if i == 0 {
            return None;
        }
        let q = &self.quotes[i - 1];
        (byte < q.byte_end).then_some(i - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_coordinated_lexicon_verb_or_a_speech_participle_opens_a_clause() {
        let t = "Beijing opposed sanctions and pressure and supported dialogue. Lin criticised \
                 the bill, saying it was wrong, and the officials agreed.";
        let d = Doc::new(t);
        let opening: Vec<&str> = d
            .tokens()
            .iter()
            .filter(|x| x.verb_clause)
            .map(|x| &t[x.start..x.end])
            .collect();
        // "and pressure" joins nouns, "and the officials" a subject: neither is a verb
        assert_eq!(opening, ["and", "saying"]);
        let at = |w: &str| d.tokens().iter().find(|x| x.norm == w).map(|x| x.clause);
        assert_ne!(at("opposed"), at("supported"));
        assert_eq!(at("sanctions"), at("pressure"));
    }

    #[test]
    fn tokens_carry_offsets_lemmas_sentences_and_clauses() {
        let t = "Iran’s leader urged talks, but Washington refused. “No,” he said.";
        let d = Doc::new(t);
        let urged = d
            .tokens()
            .iter()
            .find(|x| x.norm == "urged")
            .expect("urged");
        assert_eq!(urged.lemma, English::embedded().lemma("urge"));
        assert_eq!(&t[urged.start..urged.end], "urged");
        let ch: Vec<char> = t.chars().collect();
        let s: String = ch[urged.char_start..urged.char_end].iter().collect();
        assert_eq!(s, "urged");
        let refused = d
            .tokens()
            .iter()
            .find(|x| x.norm == "refused")
            .expect("refused");
        assert_ne!(urged.clause, refused.clause, "'but' opens a clause");
        assert_eq!(urged.sentence, 0);
        assert_eq!(
            d.tokens()
                .iter()
                .find(|x| x.norm == "he")
                .map(|x| x.sentence),
            Some(1)
        );
        assert_eq!(d.sentences().len(), 2);
        assert_eq!(d.quotes().len(), 1);
        assert_eq!(
            d.tokens_in(0, t.find(" urged").unwrap_or(0))
                .iter()
                .map(|x| x.norm.as_str())
                .collect::<Vec<_>>(),
            ["iran", "'s", "leader"]
        );
    }

    #[test]
    fn clauses_cover_every_token_once() {
        for t in [
            "",
            " ",
            "a, b; c: d — e (f) g.",
            "If Iran agrees, talks will start. Yes.",
        ] {
            let d = Doc::new(t);
            let n: usize = d.clauses().iter().map(|c| c.len()).sum();
            assert_eq!(n, d.tokens().len(), "{t:?}");
            for (k, c) in d.clauses().iter().enumerate() {
                assert!(d.tokens()[c.clone()].iter().all(|x| x.clause == k));
            }
        }
    }

    /// The segmenter's half of the fuzz target (`fuzz/fuzz_targets/analyze.rs`) on every
    /// input kept in `tests/data/fuzz/` (the whole pipeline is replayed by
    /// `tests/fuzz_regressions.rs`): sentence, quote, paragraph and token spans lie on char
    /// boundaries of the text.
    #[test]
    fn kept_fuzz_inputs_segment_on_char_boundaries() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
        let files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && !matches!(p.extension(), Some(e) if e == "md"))
            .collect();
        assert!(!files.is_empty(), "no inputs in {}", dir.display());
        for p in &files {
            let data = std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let text = String::from_utf8_lossy(&data);
            let doc = Doc::new(&text);
            for s in doc
                .sentences()
                .iter()
                .chain(doc.quotes())
                .chain(doc.paragraphs())
            {
                assert!(
                    text.get(s.byte_start..s.byte_end).is_some(),
                    "{}: segment span {s:?}",
                    p.display()
                );
            }
            for t in doc.tokens() {
                assert!(
                    text.get(t.start..t.end).is_some(),
                    "{}: token {t:?}",
                    p.display()
                );
            }
        }
    }
}
