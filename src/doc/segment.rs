//! Segmentation of a [`super::Doc`]: paragraphs, sentences and quotation spans.
//!
//! * **Paragraphs** are runs of text between line breaks (`\n`, `\r\n` or `\r`), trimmed of
//!   surrounding whitespace; blank lines produce no paragraph.
//! * **Sentences** never cross a paragraph. A sentence ends at `.`, `!`, `?` or `…` (plus any
//!   closing quote marks / brackets right after it) when the next word starts a new sentence.
//!   Abbreviations ("Mr.", "Sen.", "Gen.", "Nov."), initials ("J. Smith"), dotted acronyms
//!   ("U.S.", unless the next word is a typical sentence opener such as "The") and decimals
//!   ("1.5") do not end a sentence; a missing space after a period ("Baghdad.The") does.
//! * **Quotes** are the text between matching quote marks (curly `“…”`, straight `"…"`,
//!   guillemets `«…»`), marks excluded. A quote may span several sentences. A quote that is
//!   still open at the end of its paragraph ends there (the newspaper convention for a quotation
//!   that continues in the next paragraph, which then opens with a quote mark again).
//!
//! Segmentation is a single pass over the chars with bounded look-around: linear time, and it
//! never panics (every slice is taken at a char boundary).

use crate::span::{CharIndex, Span};

/// Paragraphs, sentences and quotations of one text.
#[derive(Clone, Debug, Default)]
pub(crate) struct Segments {
    /// Paragraphs (split on line breaks), byte+char spans.
    pub(crate) paragraphs: Vec<Span>,
    /// Sentences, in order, never crossing a paragraph.
    pub(crate) sentences: Vec<Span>,
    /// Direct quotations (the text between matching quote marks, marks excluded).
    pub(crate) quotes: Vec<Span>,
}

/// Words that end with a period without ending the sentence (compared lowercase, without the
/// final period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gen", "lt", "col", "maj", "capt", "cmdr",
    "adm", "sgt", "cpl", "gov", "pres", "st", "jr", "sr", "rev", "hon", "amb", "messrs", "no",
    "nos", "vs", "etc", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "approx", "dept", "est", "fig", "al",
    "e.g", "i.e", "cf", "vol", "pp", "art", "sec", "gens", "sens", "reps",
];

/// Words that typically open a sentence; after a dotted acronym ("U.S.") they signal a break.
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "this",
    "that",
    "these",
    "those",
    "there",
    "in",
    "on",
    "at",
    "meanwhile",
    "however",
    "his",
    "her",
    "their",
    "its",
    "our",
    "after",
    "when",
    "while",
    "if",
    "as",
    "what",
    "why",
    "how",
    "some",
    "many",
];

fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '«' | '„')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '”' | '»')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

impl Segments {
    /// Segment `text`. Never panics; linear in the length of `text`.
    pub(crate) fn new(text: &str, ix: &CharIndex) -> Segments {
        let mut doc = Segments::default();
        let mut start = 0usize;
        let bytes = text.as_bytes();
        let mut i = 0usize;
        while i <= bytes.len() {
            let at_end = i == bytes.len();
            if at_end || bytes[i] == b'\n' || bytes[i] == b'\r' {
                doc.add_paragraph(text, ix, start, i);
                start = i + 1;
            }
            i += 1;
        }
        doc
    }

    fn add_paragraph(&mut self, text: &str, ix: &CharIndex, start: usize, end: usize) {
        let Some(raw) = text.get(start..end) else {
            return;
        };
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return;
        }
        let ps = start + lead;
        let pe = ps + trimmed.len();
        self.paragraphs.push(ix.span_from_bytes(ps, pe));
        self.split_quotes(text, ix, ps, pe);
        self.split_sentences(text, ix, ps, pe);
    }

    fn split_quotes(&mut self, text: &str, ix: &CharIndex, ps: usize, pe: usize) {
        let para = &text[ps..pe];
        let mut open: Option<usize> = None; // byte offset just after the opening mark
        for (b, c) in para.char_indices() {
            let abs = ps + b;
            match (open, c) {
                (None, c) if is_open_quote(c) || c == '"' => open = Some(abs + c.len_utf8()),
                (Some(o), c) if is_close_quote(c) || c == '"' => {
                    if abs > o {
                        self.quotes.push(ix.span_from_bytes(o, abs));
                    }
                    open = None;
                }
                (Some(_), c) if is_open_quote(c) => open = Some(abs + c.len_utf8()),
                _ => {}
            }
        }
        if let Some(o) = open {
            if pe > o {
                self.quotes.push(ix.span_from_bytes(o, pe));
            }
        }
    }

    fn split_sentences(&mut self, text: &str, ix: &CharIndex, ps: usize, pe: usize) {
        let para = &text[ps..pe];
        let mut s_start = 0usize;
        let mut it = para.char_indices().peekable();
        while let Some((b, c)) = it.next() {
            if !matches!(c, '.' | '!' | '?' | '…') {
                continue;
            }
            // Absorb runs of terminators ("?!", "...") and closing marks.
            let mut end = b + c.len_utf8();
            while let Some(&(nb, nc)) = it.peek() {
                if matches!(nc, '.' | '!' | '?' | '…') || is_closer(nc) {
                    end = nb + nc.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            if end >= para.len() {
                break;
            }
            if is_boundary(para, b, c, end) {
                self.push_sentence(text, ix, ps + s_start, ps + end);
                let rest = &para[end..];
                s_start = end + (rest.len() - rest.trim_start().len());
            }
        }
        if s_start < para.len() {
            self.push_sentence(text, ix, ps + s_start, pe);
        }
    }

    fn push_sentence(&mut self, text: &str, ix: &CharIndex, s: usize, e: usize) {
        let Some(raw) = text.get(s..e) else {
            return;
        };
        let t = raw.trim_end();
        if !t.trim_start().is_empty() {
            self.sentences.push(ix.span_from_bytes(s, s + t.len()));
        }
    }
}

/// Whether the terminator `c` at byte `b` of `para` (terminator run + closers end at `end`)
/// ends a sentence.
fn is_boundary(para: &str, b: usize, c: char, end: usize) -> bool {
    let rest = &para[end..];
    let next = match rest.chars().next() {
        Some(n) => n,
        None => return true,
    };
    if next.is_whitespace() {
        let after = rest.trim_start();
        let Some(n) = after.chars().next() else {
            return true;
        };
        if n.is_lowercase() || matches!(n, ',' | ';' | ':' | ')' | '-' | '–' | '—') {
            return false;
        }
        if c != '.' {
            return true;
        }
        // The word before the period.
        let before = &para[..b];
        let word_start = before
            .char_indices()
            .rev()
            .take(24)
            .take_while(|(_, ch)| !ch.is_whitespace() && !matches!(ch, '(' | '"' | '“' | '\''))
            .last()
            .map_or(b, |(i, _)| i);
        let word = &before[word_start..];
        if word.is_empty() {
            return true;
        }
        let lower = word.to_lowercase();
        let next_word: String = after
            .chars()
            .take_while(|ch| ch.is_alphanumeric())
            .take(24)
            .collect::<String>()
            .to_lowercase();
        if ABBREVIATIONS.contains(&lower.as_str()) {
            return false;
        }
        let mut wc = word.chars();
        let single_initial = matches!((wc.next(), wc.next()), (Some(a), None) if a.is_uppercase());
        if single_initial {
            return false;
        }
        if word.contains('.') && word.chars().filter(|ch| ch.is_alphabetic()).count() <= 4 {
            // Dotted acronym such as "U.S" / "U.N": break only before a sentence opener.
            return OPENERS.contains(&next_word.as_str());
        }
        return true;
    }
    // No space after the terminator: "Baghdad.The" splits, "U.S.", "1.5", "e.g." do not.
    if c != '.' || end != b + 1 {
        return false;
    }
    let prev = para[..b].chars().next_back();
    let mut nx = rest.chars();
    let (n1, n2) = (nx.next(), nx.next());
    matches!(prev, Some(p) if p.is_lowercase())
        && matches!(n1, Some(x) if x.is_uppercase())
        && matches!(n2, Some(y) if y.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<String> {
        Segments::new(t, &CharIndex::new(t))
            .sentences
            .iter()
            .map(|s| t[s.byte_start..s.byte_end].to_string())
            .collect()
    }

    fn quotes(t: &str) -> Vec<String> {
        Segments::new(t, &CharIndex::new(t))
            .quotes
            .iter()
            .map(|s| t[s.byte_start..s.byte_end].to_string())
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        let s = sents("U.S. Sen. John Smith met Mr. Jones on Nov. 3 in Washington. He left.");
        assert_eq!(
            s,
            vec![
                "U.S. Sen. John Smith met Mr. Jones on Nov. 3 in Washington.",
                "He left."
            ]
        );
    }

    #[test]
    fn acronym_at_sentence_end_splits_before_opener() {
        let s =
            sents("They will attack the U.S. The army is ready. Talks with the U.S. Navy went on.");
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(s[0], "They will attack the U.S.");
    }

    #[test]
    fn decimals_and_initials() {
        let s = sents("Growth was 1.5 percent, said J. K. Rowling. Fine.");
        assert_eq!(
            s,
            vec!["Growth was 1.5 percent, said J. K. Rowling.", "Fine."]
        );
    }

    #[test]
    fn missing_space_after_period_splits() {
        let s = sents("We need help to hold Baghdad.The Iranians have an interest.");
        assert_eq!(
            s,
            vec![
                "We need help to hold Baghdad.",
                "The Iranians have an interest."
            ]
        );
    }

    #[test]
    fn quote_then_speaker_stays_one_sentence() {
        let s = sents("\"We need a dialogue. Now,\" Graham said. \"Is it late?\" he asked.");
        assert_eq!(
            s,
            vec![
                "\"We need a dialogue.",
                "Now,\" Graham said.",
                "\"Is it late?\" he asked."
            ]
        );
        let s = sents("“It is over.” Rouhani said.");
        assert_eq!(s, vec!["“It is over.”", "Rouhani said."]);
    }

    #[test]
    fn paragraphs_and_crlf() {
        let t = "First line.\r\n\r\nSecond para. Two.\rThird";
        let d = Segments::new(t, &CharIndex::new(t));
        assert_eq!(d.paragraphs.len(), 3);
        assert_eq!(d.sentences.len(), 4);
        for s in &d.sentences {
            assert!(!t[s.byte_start..s.byte_end].contains('\n'));
        }
    }

    #[test]
    fn quotes_curly_straight_and_unclosed() {
        assert_eq!(quotes("He said “yes” and \"no\"."), vec!["yes", "no"]);
        assert_eq!(
            quotes("“We will go. It is late.\n“And more,” he said."),
            vec!["We will go. It is late.", "And more,"]
        );
        assert!(quotes("a \"\" b").is_empty());
    }

    #[test]
    fn char_offsets_with_multibyte() {
        let t = "Iran’s 😀 talks. Next “one”.";
        let d = Segments::new(t, &CharIndex::new(t));
        let chars: Vec<char> = t.chars().collect();
        for s in d.sentences.iter().chain(&d.quotes) {
            let by: String = chars[s.start..s.end].iter().collect();
            assert_eq!(by, &t[s.byte_start..s.byte_end]);
        }
        assert_eq!(d.sentences.len(), 2);
        assert_eq!(quotes(t), vec!["one"]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        let long = "a".repeat(200_000);
        let cases = [
            "",
            " ",
            "\n\n\r\n",
            ".",
            "...",
            "\"",
            "“",
            "”.”",
            "?!.",
            "\u{0}\u{1}.\u{7}",
            "مرحبا. عالم.",
            "😀.😀 .😀",
            "A. B. C.",
            "x.Y",
            "a.Ab",
            long.as_str(),
        ];
        for c in cases {
            let d = Segments::new(c, &CharIndex::new(c));
            for s in d.sentences.iter().chain(&d.paragraphs).chain(&d.quotes) {
                assert!(c.get(s.byte_start..s.byte_end).is_some());
                assert!(s.start <= s.end);
            }
        }
    }

    #[test]
    fn linear_on_large_input() {
        let unit = "The U.S. Sen. said “we need talks. Now.” Iran agreed.Baghdad 1.5 ok\n";
        let big = unit.repeat(10 * 1024 * 1024 / unit.len());
        let t0 = std::time::Instant::now();
        let d = Segments::new(&big, &CharIndex::new(&big));
        assert!(d.sentences.len() > 100_000);
        assert!(t0.elapsed().as_secs() < 20, "took {:?}", t0.elapsed());
    }

    #[test]
    fn lookups() {
        let t = "One. “Two.” Three.";
        let d = super::super::Doc::new(t);
        assert_eq!(d.sentence_at(0), Some(0));
        assert_eq!(d.sentence_at(6), Some(1));
        assert_eq!(d.quote_at(9), Some(0));
        assert_eq!(d.quote_at(1), None);
        assert_eq!(d.paragraph_at(3), Some(0));
    }
}
