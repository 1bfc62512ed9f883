//! Look-around helpers over a [`super::Doc`]'s text (byte offsets, always on char
//! boundaries): the token just before or after a position, possessive markers, paragraph
//! lookup. Used by the country and actor stages for name-context checks.

/// A token next to a position: a word (alphanumeric run) or one punctuation char.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok<'a> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) text: &'a str,
    pub(crate) word: bool,
}

pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `s` starts with `word` (ASCII case ignored) ending at a word boundary: "Fox News,"
/// starts with "fox news", "Foxes" does not start with "fox".
pub(crate) fn starts_with_word(s: &str, word: &str) -> bool {
    s.len() >= word.len()
        && s.is_char_boundary(word.len())
        && s[..word.len()].eq_ignore_ascii_case(word)
        && !s[word.len()..].chars().next().is_some_and(is_word_char)
}

/// The token that ends at or before `pos` (whitespace skipped). Apostrophes inside a word
/// ("won’t", "Ya'alon") are part of it.
pub(crate) fn prev_tok(text: &str, pos: usize) -> Option<Tok<'_>> {
    let pos = floor_boundary(text, pos);
    let before = &text[..pos];
    let trimmed = before.trim_end();
    let end = trimmed.len();
    let last = trimmed.chars().next_back()?;
    if !is_word_char(last) {
        let start = end - last.len_utf8();
        return Some(Tok {
            start,
            end,
            text: &text[start..end],
            word: false,
        });
    }
    let mut start = end;
    let mut it = trimmed.char_indices().rev().peekable();
    while let Some((i, c)) = it.next() {
        if is_word_char(c) {
            start = i;
        } else if (c == '\'' || c == '’')
            && it.peek().is_some_and(|&(_, p)| is_word_char(p))
            && start == i + c.len_utf8()
        {
            continue;
        } else {
            break;
        }
    }
    Some(Tok {
        start,
        end,
        text: &text[start..end],
        word: true,
    })
}

/// The token that starts at or after `pos` (whitespace skipped).
pub(crate) fn next_tok(text: &str, pos: usize) -> Option<Tok<'_>> {
    let pos = floor_boundary(text, pos);
    let after = &text[pos..];
    let skip = after.len() - after.trim_start().len();
    let start = pos + skip;
    let rest = &text[start..];
    let first = rest.chars().next()?;
    if !is_word_char(first) {
        let end = start + first.len_utf8();
        return Some(Tok {
            start,
            end,
            text: &text[start..end],
            word: false,
        });
    }
    let mut end = start;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            end = start + i + c.len_utf8();
        } else if (c == '\'' || c == '’')
            && chars.peek().is_some_and(|&(_, n)| is_word_char(n))
            && end == start + i
            && !rest[i + c.len_utf8()..].starts_with(['s', 'S'])
        {
            continue;
        } else {
            break;
        }
    }
    Some(Tok {
        start,
        end,
        text: &text[start..end],
        word: true,
    })
}

/// Largest char boundary ≤ `pos` (clamped to the text).
pub(crate) fn floor_boundary(text: &str, pos: usize) -> usize {
    let mut p = pos.min(text.len());
    while p > 0 && !text.is_char_boundary(p) {
        p -= 1;
    }
    p
}

/// Whether `text[pos..]` starts with a possessive marker ("'s", "’s", or a bare "'"/"’" after
/// an s). Returns the byte length of the marker.
pub(crate) fn possessive_at(text: &str, pos: usize) -> Option<usize> {
    let rest = text.get(pos..)?;
    for q in ["'s", "’s", "'S", "’S"] {
        if let Some(after) = rest.strip_prefix(q) {
            if !after.chars().next().is_some_and(is_word_char) {
                return Some(q.len());
            }
        }
    }
    None
}

/// Paragraphs as byte ranges: the document's own, or non-empty lines of `text`.
pub(crate) fn paragraph_ranges(
    text: &str,
    paragraphs: &[crate::span::Span],
) -> Vec<(usize, usize)> {
    if !paragraphs.is_empty() {
        let mut v: Vec<(usize, usize)> = paragraphs
            .iter()
            .filter(|s| {
                s.byte_start <= s.byte_end
                    && s.byte_end <= text.len()
                    && text.is_char_boundary(s.byte_start)
                    && text.is_char_boundary(s.byte_end)
            })
            .map(|s| (s.byte_start, s.byte_end))
            .collect();
        if !v.is_empty() {
            v.sort();
            return v;
        }
    }
    let mut v = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            if !text[start..i].trim().is_empty() {
                v.push((start, i));
            }
            start = i + 1;
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        v.push((start, text.len()));
    }
    v
}

/// Index of the paragraph containing byte `pos`.
pub(crate) fn paragraph_of(paras: &[(usize, usize)], pos: usize) -> Option<usize> {
    let i = paras.partition_point(|&(s, _)| s <= pos);
    if i == 0 {
        return None;
    }
    let (s, e) = paras[i - 1];
    (pos >= s && pos <= e).then_some(i - 1)
}
