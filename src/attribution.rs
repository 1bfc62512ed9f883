//! Attribution: who says what. Direct quotes, reported speech, agents of stance verbs,
//! pronouns, unnamed sources.
//!
//! STUB — to be implemented (issue 5).

use crate::report::Actor;
use crate::segment::Document;
use crate::span::Span;

/// A piece of text attributed to an actor.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// Index into the actors slice.
    pub actor: usize,
    /// The attributed content.
    pub span: Span,
    /// Whether it is a direct quotation.
    pub quote: bool,
}

/// Attribute the document's statements to actors.
pub fn attribute(text: &str, doc: &Document, actors: &[Actor]) -> Vec<Statement> {
    let _ = (text, doc, actors);
    Vec::new()
}
