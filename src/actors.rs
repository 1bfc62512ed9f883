//! Actors: entity mentions clustered into people, states and institutions, with role and
//! affiliation.
//!
//! STUB — to be implemented (issue 4).

use crate::entity::Entity;
use crate::geo::Gazetteer;
use crate::report::Actor;
use crate::segment::Document;

/// Cluster `entities` (already through [`Gazetteer::resolve`]) into actors.
/// Actor ids are their index in the returned vector. Stance fields are left neutral.
pub fn build_actors(text: &str, doc: &Document, entities: &[Entity], gaz: &Gazetteer) -> Vec<Actor> {
    let _ = (text, doc, entities, gaz);
    Vec::new()
}
