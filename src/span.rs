//! Character and byte spans into the input text.
//!
//! Public offsets are Unicode scalar values (`start`/`end`, end exclusive, as Python's `str`
//! indexes) plus UTF-8 byte offsets (`byte_start`/`byte_end`, as Rust's `str` indexes).

use serde::{Deserialize, Serialize};

/// A span in both coordinate systems.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub struct Span {
    /// First char (Unicode scalar value), inclusive.
    pub start: usize,
    /// Last char, exclusive.
    pub end: usize,
    /// First byte, inclusive.
    pub byte_start: usize,
    /// Last byte, exclusive.
    pub byte_end: usize,
}

/// Converts byte offsets of one text into char offsets in O(log n) per lookup.
///
/// Build it once per document; it stores one entry per non-ASCII char only, so an ASCII
/// document costs nothing.
#[derive(Clone, Debug)]
pub struct CharIndex {
    /// (byte offset, char offset) of every char that follows a multi-byte char.
    marks: Vec<(usize, usize)>,
    len_bytes: usize,
    len_chars: usize,
}

impl CharIndex {
    /// Index `text`.
    pub fn new(text: &str) -> Self {
        let mut marks = Vec::new();
        let mut chars = 0usize;
        for (b, c) in text.char_indices() {
            chars += 1;
            if c.len_utf8() > 1 {
                marks.push((b + c.len_utf8(), chars));
            }
        }
        CharIndex {
            marks,
            len_bytes: text.len(),
            len_chars: chars,
        }
    }

    /// Char offset of byte offset `byte` (which must be a char boundary; clamped to the end).
    pub fn char_of(&self, byte: usize) -> usize {
        let byte = byte.min(self.len_bytes);
        match self.marks.partition_point(|&(b, _)| b <= byte) {
            0 => byte,
            i => {
                let (b, c) = self.marks[i - 1];
                c + (byte - b)
            }
        }
    }

    /// Byte offset of char offset `ch` (clamped to the end).
    pub fn byte_of(&self, ch: usize) -> usize {
        let ch = ch.min(self.len_chars);
        match self.marks.partition_point(|&(_, c)| c <= ch) {
            0 => ch,
            i => {
                let (b, c) = self.marks[i - 1];
                b + (ch - c)
            }
        }
    }

    /// A full [`Span`] from byte offsets.
    pub fn span_from_bytes(&self, byte_start: usize, byte_end: usize) -> Span {
        Span {
            start: self.char_of(byte_start),
            end: self.char_of(byte_end),
            byte_start,
            byte_end,
        }
    }

    /// A full [`Span`] from char offsets.
    pub fn span_from_chars(&self, start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            byte_start: self.byte_of(start),
            byte_end: self.byte_of(end),
        }
    }

    /// Length of the text in chars.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_on_mixed_text() {
        let t = "Iraq’s “U.S.” Zürich ok 😀 end";
        let ix = CharIndex::new(t);
        for (ci, (b, _)) in t.char_indices().enumerate() {
            assert_eq!(ix.char_of(b), ci);
            assert_eq!(ix.byte_of(ci), b);
        }
        assert_eq!(ix.char_of(t.len()), t.chars().count());
        assert_eq!(ix.byte_of(t.chars().count()), t.len());
    }
}
