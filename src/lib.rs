//! # detente
//!
//! Reads English news and says *who* is involved and *where each of them stands*.
//!
//! Data flow, one module per stage:
//! text → [`ner`] (entities) → [`geo`] (countries) → affiliation (of mentions) → actors
//! → affiliation (of actors) → attribution → [`stance`] → [`report`] ([`Analysis`], serde)
//! → [`io`] (JSON Lines, table, HTML).
//!
//! ```no_run
//! use detente::Tagger;
//!
//! let tagger = Tagger::builder().threads(2).build()?; // default model from models.toml
//! let analysis = tagger.analyze("Iran said it was open to talks with Washington.")?;
//! for actor in &analysis.actors {
//!     println!("{} {:?} -> {}", actor.name, actor.country, actor.stance.as_str());
//!     for ev in &actor.evidence {
//!         println!("    {} [{}] {}", ev.rule, ev.cue, ev.text);
//!     }
//! }
//! # Ok::<(), detente::Error>(())
//! ```
//!
//! Without a model (entities from anywhere), the rule layer alone:
//!
//! ```
//! use detente::{Analyzer, Entity, Label, span::CharIndex};
//!
//! let text = "Iran rejected any cooperation with the United States, Zarif said.";
//! let ix = CharIndex::new(text);
//! let ent = |s: &str, label| {
//!     let b = text.find(s).unwrap();
//!     Entity::new(text, ix.span_from_bytes(b, b + s.len()), label, 1.0)
//! };
//! let ents = vec![ent("Iran", Label::Location), ent("United States", Label::Location), ent("Zarif", Label::Person)];
//! let analysis = Analyzer::new().analyze(text, ents);
//! assert!(analysis.actors.iter().any(|a| a.country.as_deref() == Some("IRN")));
//! ```
//!
//! ## The public API
//!
//! - the pipeline: [`Tagger`] / [`TaggerBuilder`] (model + rules), [`Analyzer`] (rules over
//!   entities you supply);
//! - its output, serde types with a stable JSON schema: [`Analysis`], [`Actor`], [`Evidence`],
//!   [`Mention`], [`Entity`], [`Label`], [`ActorKind`], [`Stance`], [`Span`] (and
//!   [`span::CharIndex`] for char/byte offsets);
//! - corpus I/O: [`io`] (the JSON Lines stream protocol, table and HTML writers);
//! - configuration and extension: [`config`] (models.toml and where it is found), [`ner`]
//!   (the [`ner::Recognizer`] trait for your own NER engine, the transformer engine, label
//!   sets, CoNLL evaluation), [`geo::Gazetteer`] (country data), [`stance::Topic`] (topic files);
//! - one error type, [`Error`] (`#[non_exhaustive]`).
//!
//! The rule-layer stages (`doc`, `affiliation`, `actors`, `attribution`, and the stage functions of `geo`
//! and `stance`) are private to the crate: tests, benches, examples and the fuzz target reach
//! them through [`Analyzer`].
#![warn(missing_docs)]

mod actors;
mod affiliation;
pub mod analyzer;
mod attribution;
pub mod config;
mod doc;
#[cfg(feature = "embedded-model")]
mod embedded;
pub mod entity;
pub mod error;
pub mod geo;
pub mod io;
pub mod knowledge;
pub mod ner;
pub mod report;
pub mod span;
pub mod stance;
#[cfg(feature = "transformer")]
pub mod tagger;

pub use analyzer::Analyzer;
pub use entity::{Entity, Label};
pub use error::{Error, Result};
pub use knowledge::{Date, Dictionary, Knowledge};
pub use report::{Actor, ActorKind, Analysis, CountrySource, Evidence, Mention, Stance};
pub use span::Span;
#[cfg(feature = "transformer")]
pub use tagger::{Tagger, TaggerBuilder};
