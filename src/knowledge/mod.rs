//! Knowledge the rule layer consults that is not in the text: the TABARI/PETRARCH actor and
//! agent dictionaries ([`dictionary`]) and the [`Date`] they are valid at.

pub mod date;
pub mod dictionary;

pub use date::Date;
pub use dictionary::{DatedCode, Dictionary, Entry, Phrase, Validity};
