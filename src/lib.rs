//! # detente
//!
//! Reads English news and says *who* is involved and *where each of them stands*.
//!
//! Data flow, one module per stage:
//! text → [`ner`] (entities) → [`geo`] (countries) → [`actors`] → [`attribution`]
//! → [`stance`] → [`report`] ([`Analysis`], serde).
#![warn(missing_docs)]

pub mod actors;
pub mod analyzer;
pub mod attribution;
pub mod config;
pub mod entity;
pub mod error;
pub mod geo;
pub mod ner;
pub mod report;
pub mod segment;
pub mod span;
pub mod stance;
#[cfg(feature = "transformer")]
pub mod tagger;

pub use analyzer::Analyzer;
pub use entity::{Entity, Label};
pub use error::{Error, Result};
pub use report::{Actor, ActorKind, Analysis, Evidence, Mention, Stance};
pub use span::Span;
#[cfg(feature = "transformer")]
pub use tagger::{Tagger, TaggerBuilder};
