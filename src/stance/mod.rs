//! Stance: each actor's position toward a topic, from cue lexicons with negation and hedge
//! scope, with evidence.
//!
//! STUB — to be implemented (issue 5).

use crate::attribution::Statement;
use crate::error::Result;
use crate::report::Actor;
use crate::segment::Document;

/// A topic: the parties, the relation, and the cue lexicons (TOML, see `topics/`).
#[derive(Clone, Debug, Default)]
pub struct Topic {}

impl Topic {
    /// The embedded default topic (US–Iran dialogue over the Iraq crisis).
    pub fn embedded() -> Topic {
        Topic {}
    }

    /// Parse a topic file.
    pub fn from_toml_str(src: &str, path: &str) -> Result<Topic> {
        let _ = (src, path);
        Ok(Topic {})
    }
}

/// Fill each actor's `stance`, `confidence` and `evidence`.
pub fn assess(text: &str, doc: &Document, statements: &[Statement], actors: &mut [Actor], topic: &Topic) {
    let _ = (text, doc, statements, actors, topic);
}
