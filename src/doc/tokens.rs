//! The one word tokenizer of a [`super::Doc`]: lowercase words with byte offsets.
//!
//! Words are runs of letters/digits; dotted acronyms stay one word ("U.S." → `u.s.`);
//! negative contractions split ("wouldn't" → `would` `n't`); possessive `'s` is its own token;
//! hyphens and other punctuation are separate tokens. Curly apostrophes are normalised.

/// One token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte (absolute, into the document).
    pub start: usize,
    /// Byte after the last.
    pub end: usize,
    /// Lowercase form (`’` → `'`).
    pub norm: String,
    /// Whether this is a word (letters/digits) rather than punctuation.
    pub word: bool,
    /// Dictionary form (lemma) of `norm` (filled by [`super::Doc`]; `norm` for punctuation).
    pub lemma: String,
    /// First char (Unicode scalar value) of the token.
    pub char_start: usize,
    /// Char after the last.
    pub char_end: usize,
    /// Index of the sentence holding the token.
    pub sentence: usize,
    /// Index of the clause holding the token (clauses never cross a sentence).
    pub clause: usize,
    /// Whether the token opens a clause with a verb of its own that no opener word or
    /// punctuation marks ("… **and** supported dialogue", "…, **saying** …").
    pub verb_clause: bool,
}

impl Token {
    fn new(start: usize, end: usize, norm: String, word: bool) -> Token {
        Token {
            start,
            end,
            lemma: String::new(),
            norm,
            word,
            char_start: 0,
            char_end: 0,
            sentence: 0,
            clause: 0,
            verb_clause: false,
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Acronyms are case-sensitive: a word of two or three capital letters ("US", "UN", "USA")
/// is normalised to its dotted spelling ("u.s."), the form "U.S." has too, so that it never
/// equals the ordinary word ("us", "un").
fn acronym_norm(word: &str) -> Option<String> {
    let n = word.len();
    if !(2..=3).contains(&n) || !word.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let mut out = String::with_capacity(2 * n);
    for c in word.chars() {
        out.push(c.to_ascii_lowercase());
        out.push('.');
    }
    Some(out)
}

/// Tokenize `text[start..end]` (byte offsets; clamped and snapped to char boundaries).
pub(crate) fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let end = floor(text, end.min(text.len()));
    let start = floor(text, start.min(end));
    let s = &text[start..end];
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let (b, c) = chars[i];
        if c.is_whitespace() || c.is_control() {
            i += 1;
            continue;
        }
        if is_word_char(c) {
            let mut j = i;
            let mut seg_len = 0usize;
            let mut acronym = false;
            while j < n {
                let cj = chars[j].1;
                if is_word_char(cj) {
                    seg_len += 1;
                    j += 1;
                } else if cj == '.'
                    && seg_len == 1
                    && chars[j - 1].1.is_alphabetic()
                    && (acronym || (j + 1 < n && chars[j + 1].1.is_alphabetic()))
                {
                    // "U.S." style: single letters joined by dots.
                    acronym = true;
                    seg_len = 0;
                    j += 1;
                    if j < n && !chars[j].1.is_alphabetic() {
                        break;
                    }
                } else {
                    break;
                }
            }
            let e = if j < n { chars[j].0 } else { s.len() };
            let word = &s[b..e];
            let lower = acronym_norm(word).unwrap_or_else(|| word.to_lowercase());
            // Split "wouldn't"/"won't" + "’s".
            let (apos_next, after) = if j < n {
                (
                    matches!(chars[j].1, '\'' | '’'),
                    chars.get(j + 1).map(|x| x.1),
                )
            } else {
                (false, None)
            };
            if lower.ends_with('n') && lower.len() > 1 && apos_next && after == Some('t') {
                let cut = e - 1; // 'n' is ASCII
                out.push(Token::new(
                    start + b,
                    start + cut,
                    lower[..lower.len() - 1].to_string(),
                    true,
                ));
                let te = chars.get(j + 2).map_or(s.len(), |x| x.0);
                out.push(Token::new(start + cut, start + te, "n't".into(), true));
                i = j + 2;
                continue;
            }
            out.push(Token::new(start + b, start + e, lower, true));
            if apos_next && matches!(after, Some('s') | Some('S')) {
                let after2 = chars.get(j + 2).map(|x| x.1);
                if !after2.is_some_and(is_word_char) {
                    let te = chars.get(j + 2).map_or(s.len(), |x| x.0);
                    out.push(Token::new(start + e, start + te, "'s".into(), true));
                    i = j + 2;
                    continue;
                }
            }
            i = j;
            continue;
        }
        let norm = match c {
            '’' | '‘' => "'".to_string(),
            '“' | '”' | '«' | '»' | '„' => "\"".to_string(),
            _ => c.to_lowercase().collect(),
        };
        out.push(Token::new(start + b, start + b + c.len_utf8(), norm, false));
        i += 1;
    }
    out
}

/// Largest char boundary `<= i`.
pub(crate) fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The lowercase word forms of a phrase (as the tokenizer would produce them).
pub(crate) fn words(phrase: &str) -> Vec<String> {
    tokenize(phrase, 0, phrase.len())
        .into_iter()
        .filter(|t| t.word)
        .map(|t| t.norm)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(t: &str) -> Vec<String> {
        tokenize(t, 0, t.len())
            .into_iter()
            .map(|t| t.norm)
            .collect()
    }

    #[test]
    fn acronyms_contractions_possessives() {
        assert_eq!(norms("U.S. wouldn't"), vec!["u.s.", "would", "n't"]);
        assert_eq!(norms("Iran’s won’t"), vec!["iran", "'s", "wo", "n't"]);
        assert_eq!(
            norms("Iran-US talks."),
            vec!["iran", "-", "u.s.", "talks", "."]
        );
        assert_eq!(norms("e.g. 1.5"), vec!["e.g.", "1", ".", "5"]);
        assert_eq!(norms("Baghdad.The"), vec!["baghdad", ".", "the"]);
        assert_eq!(
            norms("US us U.S. USA Us"),
            vec!["u.s.", "us", "u.s.", "u.s.a.", "us"]
        );
    }

    #[test]
    fn offsets_are_char_boundaries() {
        let t = "Zürich’s 😀 n't “x”";
        for tok in tokenize(t, 0, t.len()) {
            assert!(t.get(tok.start..tok.end).is_some());
        }
        assert!(tokenize(t, 3, 2).is_empty());
        let _ = tokenize(t, 2, 999);
    }
}
