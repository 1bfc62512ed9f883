//! Named-entity recognition: the [`Recognizer`] trait and its implementations.
//!
//! Only [`transformer`] touches libtorch (feature `transformer`, on by default).

use crate::entity::Entity;
use crate::error::Result;

pub mod conll;
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
