//! Knowledge the rule layer consults that is not in the text: the TABARI/PETRARCH actor and
//! agent dictionaries ([`dictionary`]) and the [`Date`] they are valid at; general English
//! (lemmas, negation, modality, conditions, stance-predicate families).

pub mod date;
pub mod dictionary;
pub(crate) mod english;

pub use date::Date;
pub use dictionary::{DatedCode, Dictionary, Entry, NameMatch, Phrase, Validity};

use std::sync::Arc;

/// The dictionaries an analysis consults: actors (names → dated CAMEO codes) and agents
/// (titles → role codes). Cheap to clone (shared).
#[derive(Clone, Debug)]
pub struct Knowledge {
    /// Named actors: people, organisations, places.
    pub actors: Arc<Dictionary>,
    /// Agent nouns and titles ("SENATOR" → `~LEG`).
    pub agents: Arc<Dictionary>,
}

impl Default for Knowledge {
    /// The shipped dictionaries ([`Dictionary::shipped`], [`Dictionary::phoenix_agents`]).
    fn default() -> Knowledge {
        Knowledge {
            actors: Dictionary::shipped(),
            agents: Dictionary::phoenix_agents(),
        }
    }
}

impl Knowledge {
    /// No dictionaries at all: affiliation from the text only.
    pub fn empty() -> Knowledge {
        Knowledge {
            actors: Arc::new(Dictionary::new()),
            agents: Arc::new(Dictionary::new()),
        }
    }
}
