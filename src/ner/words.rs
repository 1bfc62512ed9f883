//! Splitting raw text into words (CoNLL-2003-like tokens) with exact byte offsets.
//!
//! The NER model labels words, not sub-tokens, so every entity boundary is a word boundary.
//! Rules: whitespace and control characters separate words; punctuation is its own word,
//! except inside abbreviations ("U.S.", "e.g."), numbers ("3.5", "1,000"), hyphenated
//! compounds ("US-Iran", kept whole as in CoNLL; the geo stage splits country pairs), and
//! in-word apostrophes ("O'Brien"). A possessive ("Iraq's", "Iraq’s") is split into
//! "Iraq" + "'s"; a period glued to the next sentence ("Baghdad.The") is split off.

/// Byte span of one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// First byte, inclusive.
    pub start: usize,
    /// Last byte, exclusive.
    pub end: usize,
}

/// Characters that end or separate words and are words of their own.
fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{00A1}' | '\u{00AB}' | '\u{00BB}' | '\u{00BF}' | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Split `text` into words. Never panics; offsets are always char boundaries.
pub fn split_words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut chunk_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || c.is_control() || c == '\u{200B}' || c == '\u{FEFF}' {
            if let Some(s) = chunk_start.take() {
                split_chunk(text, s, i, &mut out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        split_chunk(text, s, text.len(), &mut out);
    }
    out
}

/// Split one whitespace-free chunk `text[s..e]`.
fn split_chunk(text: &str, s: usize, e: usize, out: &mut Vec<Word>) {
    let chunk = &text[s..e];
    let chars: Vec<(usize, char)> = chunk.char_indices().map(|(i, c)| (s + i, c)).collect();
    let n = chars.len();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let byte_at = |k: usize| chars.get(k).map_or(e, |&(b, _)| b);
    let mut k = 0;
    while k < n {
        let c = chars[k].1;
        if is_punct(c) && !(is_apostrophe(c) && possessive_at(&chars, k)) {
            // Punctuation: one word per char (runs of the same char, like "..." or "--", stay together).
            let mut j = k + 1;
            while j < n && at(j) == Some(c) && matches!(c, '.' | '-' | '!' | '?' | '*' | '=') {
                j += 1;
            }
            out.push(Word {
                start: byte_at(k),
                end: byte_at(j),
            });
            k = j;
            continue;
        }
        if is_apostrophe(c) {
            // Possessive "'s" / "’s".
            out.push(Word {
                start: byte_at(k),
                end: byte_at(k + 2),
            });
            k += 2;
            continue;
        }
        // A word: letters, digits, marks, symbols, with internal joiners.
        let start = k;
        let mut j = k;
        while j < n {
            let cj = chars[j].1;
            if !is_punct(cj) {
                j += 1;
                continue;
            }
            let prev = if j > start { at(j - 1) } else { None };
            let next = at(j + 1);
            let alnum = |x: Option<char>| x.is_some_and(|x| x.is_alphanumeric());
            if cj == '.' {
                // Title and other common abbreviations ("Gen.", "Sen.", "Mr.", "Jan.").
                if (next.is_none() || !next.is_some_and(|x| x.is_alphanumeric()))
                    && is_known_abbrev(&chunk[byte_at(start) - s..byte_at(j) - s])
                {
                    j += 1;
                    break;
                }
                // Abbreviation: single letters separated by periods ("U.S.", "e.g.").
                if is_abbrev(&chars[start..j])
                    && (next.is_none_or(|x| {
                        x.is_alphabetic() && j + 2 <= n && (j + 2 == n || at(j + 2) == Some('.'))
                            || !x.is_alphanumeric()
                    }))
                {
                    j += 1;
                    continue;
                }
                // Decimal number.
                if prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|x| x.is_ascii_digit())
                {
                    j += 1;
                    continue;
                }
                break;
            }
            if cj == ','
                && prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|x| x.is_ascii_digit())
            {
                j += 1;
                continue;
            }
            if (is_hyphen(cj) || matches!(cj, '&' | '/' | '+')) && alnum(prev) && alnum(next) {
                j += 1;
                continue;
            }
            if is_apostrophe(cj) && alnum(prev) && alnum(next) && !possessive_at(&chars, j) {
                j += 1;
                continue;
            }
            break;
        }
        if j == start {
            // Cannot happen (a non-punct char always advances), but never loop forever.
            j = start + 1;
        }
        out.push(Word {
            start: byte_at(start),
            end: byte_at(j),
        });
        k = j;
    }
}

/// Abbreviations that keep their period (titles, months, company suffixes), as in CoNLL-2003.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Sens", "Rep", "Reps", "Gov", "Gen", "Lt", "Col",
    "Maj", "Capt", "Cpt", "Sgt", "Adm", "Cmdr", "Brig", "Pres", "Amb", "Rev", "Hon", "St", "Jr",
    "Sr", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Inc", "Corp",
    "Co", "Ltd", "Bros", "No", "vs", "Mt", "Ft",
];

fn is_known_abbrev(word: &str) -> bool {
    ABBREVIATIONS.contains(&word)
}

/// `chars[k]` is an apostrophe starting a possessive/clitic "'s" at the end of a word.
fn possessive_at(chars: &[(usize, char)], k: usize) -> bool {
    let prev_alnum = k > 0 && chars[k - 1].1.is_alphanumeric();
    let s = chars.get(k + 1).map(|&(_, c)| c);
    let after = chars.get(k + 2).map(|&(_, c)| c);
    prev_alnum && matches!(s, Some('s') | Some('S')) && after.is_none_or(|c| !c.is_alphanumeric())
}

/// `chars` is one or more single letters separated by periods, e.g. "U", "U.S", "e.g".
fn is_abbrev(chars: &[(usize, char)]) -> bool {
    if chars.is_empty() {
        return false;
    }
    chars.iter().enumerate().all(|(i, &(_, c))| {
        if i % 2 == 0 {
            c.is_alphabetic()
        } else {
            c == '.'
        }
    }) && chars.len() % 2 == 1
        && (chars.len() > 1 || chars[0].1.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<&str> {
        split_words(t).iter().map(|w| &t[w.start..w.end]).collect()
    }

    #[test]
    fn conll_like_tokens() {
        assert_eq!(
            words("U.S. Senator Lindsey Graham"),
            ["U.S.", "Senator", "Lindsey", "Graham"]
        );
        assert_eq!(words("Iraq’s aid"), ["Iraq", "’s", "aid"]);
        assert_eq!(words("Tehran's nuclear"), ["Tehran", "'s", "nuclear"]);
        assert_eq!(
            words("hold Baghdad.The Iranians"),
            ["hold", "Baghdad", ".", "The", "Iranians"]
        );
        assert_eq!(words("US-Iran Alliance"), ["US-Iran", "Alliance"]);
        assert_eq!(
            words("\"We need it,\" Graham said."),
            ["\"", "We", "need", "it", ",", "\"", "Graham", "said", "."]
        );
        assert_eq!(
            words("3.5 per cent of 1,000"),
            ["3.5", "per", "cent", "of", "1,000"]
        );
        assert_eq!(
            words("O'Brien and 'enemy'"),
            ["O'Brien", "and", "'", "enemy", "'"]
        );
        assert_eq!(words("wait... what"), ["wait", "...", "what"]);
        assert_eq!(words("in the U.S."), ["in", "the", "U.S."]);
        assert_eq!(words("I. A"), ["I.", "A"]);
        assert_eq!(
            words("Gen. Martin Dempsey and Sen. Graham, Jan. 5"),
            ["Gen.", "Martin", "Dempsey", "and", "Sen.", "Graham", ",", "Jan.", "5"]
        );
        assert_eq!(words("the P5+1 talks"), ["the", "P5+1", "talks"]);
        assert_eq!(words("General.The end"), ["General", ".", "The", "end"]);
    }

    #[test]
    fn offsets_are_exact_on_hostile_text() {
        let t = "  Zürich\u{200B}😀 \r\n\u{202E}مرحبا\u{0301} ’’ '' \u{0000}x’s’";
        for w in split_words(t) {
            assert!(t.is_char_boundary(w.start) && t.is_char_boundary(w.end) && w.start < w.end);
            assert!(!t[w.start..w.end].chars().any(char::is_whitespace));
        }
        assert!(split_words("").is_empty());
        assert!(split_words(" \t\r\n").is_empty());
    }
}
