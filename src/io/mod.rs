//! Corpus I/O over any `std::io` reader or writer: the JSON Lines stream protocol with its
//! error records ([`jsonl`]), the plain-text table ([`table`]) and the self-contained HTML
//! report ([`html`]). The `detente` command and the `tag` example are thin shells over these.
//!
//! Writers read only the public [`crate::Analysis`] (and the text it was computed from).

pub mod html;
pub mod jsonl;
pub mod table;

pub use html::{write_html, HtmlReport};
pub use jsonl::{parse_line, ErrorRecord, InputRecord, LineError, Meta, StreamOptions};
#[cfg(feature = "transformer")]
pub use jsonl::{tag_stream, StreamObserver, StreamSummary};
pub use table::write_table;
