//! Countries: ISO 3166 names, aliases, capitals and demonyms (data in `data/countries.toml`),
//! and the rules that turn state mentions into `COUNTRY`.
//!
//! STUB — to be implemented (issue 4).

use crate::entity::Entity;
use crate::error::Result;
use crate::segment::Document;

/// The country gazetteer and metonymy rules.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {}

impl Gazetteer {
    /// The embedded default data.
    pub fn embedded() -> Gazetteer {
        Gazetteer {}
    }

    /// Load (and merge over the defaults) a user's country data file.
    pub fn from_toml_str(src: &str, path: &str) -> Result<Gazetteer> {
        let _ = (src, path);
        Ok(Gazetteer {})
    }

    /// Relabel state mentions as `COUNTRY` (with ISO code), add country mentions the NER model
    /// missed, and return all entities sorted by position, non-overlapping.
    pub fn resolve(&self, text: &str, doc: &Document, entities: Vec<Entity>) -> Vec<Entity> {
        let _ = (text, doc);
        entities
    }
}
