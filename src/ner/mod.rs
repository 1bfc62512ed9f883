//! Named-entity recognition: the [`Recognizer`] trait and its implementations.
//!
//! Only [`transformer`] touches libtorch (feature `transformer`, on by default).

use crate::entity::Entity;
use crate::error::Result;

pub mod conll;
#[cfg(feature = "transformer")]
mod encoder;
pub mod labels;
#[cfg(feature = "transformer")]
pub mod tokenize;
#[cfg(feature = "transformer")]
pub mod transformer;
pub mod words;

/// Anything that finds entity mentions in text.
///
/// Implementations return, for every input text, its entities in text order with exact
/// `start`/`end` (chars) and `byte_start`/`byte_end` offsets, labelled PERSON, ORGANIZATION,
/// LOCATION or MISC.
pub trait Recognizer: Send {
    /// Tag many texts at once (implementations batch internally).
    fn recognize_batch(&self, texts: &[&str]) -> Result<Vec<Vec<Entity>>>;

    /// Tag one text.
    fn recognize(&self, text: &str) -> Result<Vec<Entity>> {
        Ok(self.recognize_batch(&[text])?.pop().unwrap_or_default())
    }
}

/// Name particles that may start a name in lower case ("al Qaeda", "de Mistura", "van Rompuy").
const NAME_PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "abu", "de", "del", "della", "der", "den", "da", "di", "du",
    "van", "von", "la", "le", "dos", "das", "ul", "ud",
];

/// Trim words that cannot be part of a name from the edges of a predicted entity: pure
/// punctuation ("EU [") and, for a mention that has at least one capitalised word, lower-case
/// words ("the Islamic Republic" → "Islamic Republic", "Islamic State group" →
/// "Islamic State"). This repairs the typical boundary errors of an uncased model; words
/// with an inner capital ("al-Qaeda") and leading name particles ("al Qaeda") are kept.
/// Returns the kept sub-range `[a, b)` of `words` (empty when nothing is left).
pub fn trim_entity(words: &[&str]) -> (usize, usize) {
    let punct = |w: &str| !w.chars().any(char::is_alphanumeric);
    let has_upper = |w: &str| w.chars().any(char::is_uppercase);
    let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase) && !has_upper(w);
    let cased = words.iter().any(|w| has_upper(w));
    let (mut a, mut b) = (0, words.len());
    while a < b
        && (punct(words[a]) || (cased && lower(words[a]) && !NAME_PARTICLES.contains(&words[a])))
    {
        a += 1;
    }
    while b > a && (punct(words[b - 1]) || (cased && lower(words[b - 1]))) {
        b -= 1;
    }
    (a, b)
}

#[cfg(test)]
mod tests {
    use super::trim_entity;

    #[test]
    fn trims_uncased_boundary_errors() {
        assert_eq!(trim_entity(&["the", "Islamic", "Republic"]), (1, 3));
        assert_eq!(
            trim_entity(&["Islamic", "State", "terror", "group"]),
            (0, 2)
        );
        assert_eq!(trim_entity(&["EU", "["]), (0, 1));
        assert_eq!(trim_entity(&["al", "Qaeda"]), (0, 2));
        assert_eq!(trim_entity(&["al-Qaida", "group"]), (0, 1));
        assert_eq!(
            trim_entity(&["Islamic", "State", "in", "Iraq", "and", "the", "Levant"]),
            (0, 7)
        );
        // An all-lower-case mention (lower-cased input) is left alone.
        assert_eq!(trim_entity(&["john", "kerry"]), (0, 2));
        assert_eq!(trim_entity(&["\"", "'"]), (2, 2));
    }
}
