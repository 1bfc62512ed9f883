//! The JSON Lines stream protocol of `detente tag --jsonl`: a stream filter for corpus engines
//! (Spark `TRANSFORM`, Ray `map_batches`, `xargs`, shell pipes).
//!
//! **Input**: one JSON object per line, `{"id": any non-null JSON value, "text": "...",
//! "date": "YYYY-MM-DD"?}`; other fields are ignored.
//!
//! **Output**: exactly one line per input line (a final line without `\n` counts; blank lines
//! count too), in input order. A document that was tagged gives the [`crate::Analysis`] JSON
//! with its `id` echoed; any per-document problem gives an error record in its place,
//!
//! ```json
//! {"id": "doc-7", "line": 7, "error": "empty text"}
//! ```
//!
//! with `id` `null` when none could be read and `line` the 1-based input line. Per-document
//! problems are: a blank line, malformed JSON or bytes that are not UTF-8, a line that is not
//! an object, a missing or `null` `id`, a missing or non-string `text`, an empty (or
//! whitespace-only) text, a text over [`StreamOptions::max_text_bytes`], a non-string `date`,
//! and a failure while tagging that one document. None of them stops the stream.
//!
//! Output is written and flushed per batch of at most [`StreamOptions::docs_per_batch`]
//! documents and [`StreamOptions::batch_bytes`] bytes of text, so memory stays bounded and a
//! consumer sees results while the input is still arriving. For the same input, model and
//! options the output is byte-for-byte the same (retried tasks are idempotent), except for
//! the optional [`Meta`] timings.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::knowledge::Date;

/// One document of the input stream.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputRecord {
    /// The caller's identifier, echoed in the output (any JSON value but `null`).
    pub id: Value,
    /// The document text.
    pub text: String,
    /// The document's date (`"YYYY-MM-DD"`): actor dictionary codes valid then apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

/// Why an input line yields an error record instead of an analysis.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LineError {
    /// The line is empty or whitespace only.
    #[error("blank line")]
    Blank,
    /// The line is not valid UTF-8; `offset` is the first bad byte in the line.
    #[error("line is not valid UTF-8 (invalid byte at offset {offset})")]
    NotUtf8 {
        /// Byte offset in the line.
        offset: usize,
    },
    /// The line is not valid JSON.
    #[error("malformed JSON: {0}")]
    Malformed(String),
    /// The line is JSON but not an object.
    #[error("expected a JSON object {{\"id\": …, \"text\": …}}")]
    NotAnObject,
    /// No `id`, or `id` is `null`.
    #[error("missing field \"id\"")]
    MissingId,
    /// No `text` field.
    #[error("missing field \"text\"")]
    MissingText,
    /// `text` (or `date`) is not a string.
    #[error("field \"{0}\" is not a string")]
    NotAString(&'static str),
    /// `text` is empty or whitespace only.
    #[error("empty text")]
    EmptyText,
    /// `date` is a string but not a date `YYYY-MM-DD`.
    #[error("bad \"date\": {0}")]
    BadDate(String),
    /// `text` is longer than the limit.
    #[error("text is {bytes} bytes, over the limit of {max} bytes")]
    TooLong {
        /// The text's size in UTF-8 bytes.
        bytes: usize,
        /// The limit ([`StreamOptions::max_text_bytes`]).
        max: usize,
    },
}

/// Parse one input line (without its line terminator) into a document.
///
/// On failure returns the `id` when one could be read (for the error record) and the reason.
///
/// ```
/// use detente::io::{parse_line, LineError};
///
/// let doc = parse_line(br#"{"id": 7, "text": "Iran said yes."}"#, 1000).unwrap();
/// assert_eq!(doc.text, "Iran said yes.");
/// let (id, why) = parse_line(br#"{"id": "a", "text": "  "}"#, 1000).unwrap_err();
/// assert_eq!((id, why), (serde_json::json!("a"), LineError::EmptyText));
/// ```
pub fn parse_line(
    line: &[u8],
    max_text_bytes: usize,
) -> std::result::Result<InputRecord, (Value, LineError)> {
    let line = std::str::from_utf8(line).map_err(|e| {
        let offset = e.valid_up_to();
        (Value::Null, LineError::NotUtf8 { offset })
    })?;
    if line.trim().is_empty() {
        return Err((Value::Null, LineError::Blank));
    }
    let v: Value = serde_json::from_str(line)
        .map_err(|e| (Value::Null, LineError::Malformed(e.to_string())))?;
    let Value::Object(mut obj) = v else {
        return Err((Value::Null, LineError::NotAnObject));
    };
    let id = obj.remove("id").unwrap_or(Value::Null);
    let fail = |why| Err((id.clone(), why));
    if id.is_null() {
        return fail(LineError::MissingId);
    }
    let date = match obj.remove("date") {
        None | Some(Value::Null) => None,
        Some(Value::String(d)) => match d.parse::<Date>() {
            Ok(d) => Some(d),
            Err(e) => return fail(LineError::BadDate(e.to_string())),
        },
        Some(_) => return fail(LineError::NotAString("date")),
    };
    let text = match obj.remove("text") {
        None => return fail(LineError::MissingText),
        Some(Value::String(t)) => t,
        Some(_) => return fail(LineError::NotAString("text")),
    };
    if text.trim().is_empty() {
        return fail(LineError::EmptyText);
    }
    if text.len() > max_text_bytes {
        return fail(LineError::TooLong {
            bytes: text.len(),
            max: max_text_bytes,
        });
    }
    Ok(InputRecord { id, text, date })
}

/// The record written in place of a document that could not be tagged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorRecord {
    /// The input's `id`, `null` when none could be read.
    pub id: Value,
    /// 1-based input line number.
    pub line: u64,
    /// What went wrong, for people.
    pub error: String,
    /// Process and timing details (only with [`StreamOptions::emit_meta`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
}

/// Debugging details added to every output record by `--emit-meta`: which process tagged it,
/// with how many libtorch threads, and when its batch started and ended (Unix seconds).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Operating-system process id of the tagger.
    pub pid: u32,
    /// libtorch intra-op threads in that process.
    pub threads: usize,
    /// When tagging of the record's batch started (Unix time, seconds).
    pub t_start: f64,
    /// When it ended (Unix time, seconds).
    pub t_end: f64,
}

/// Settings of the stream filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamOptions {
    /// At most this many documents per batch (and per flush of the output). Default 64.
    pub docs_per_batch: usize,
    /// At most about this many bytes of text per batch. Default 8 MiB.
    pub batch_bytes: usize,
    /// A longer text becomes an error record. Default 10 MiB.
    pub max_text_bytes: usize,
    /// Add a [`Meta`] `"meta"` field to every record. Default off.
    pub emit_meta: bool,
    /// The date of documents whose line has no `"date"` (`--date`). Default none.
    pub default_date: Option<Date>,
}

impl Default for StreamOptions {
    fn default() -> Self {
        StreamOptions {
            docs_per_batch: 64,
            batch_bytes: 8 << 20,
            max_text_bytes: 10 << 20,
            emit_meta: false,
            default_date: None,
        }
    }
}

/// Unix time in seconds.
#[cfg(feature = "transformer")]
fn unix_now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

#[cfg(feature = "transformer")]
pub use stream::{tag_stream, StreamObserver, StreamSummary};

#[cfg(feature = "transformer")]
mod stream {
    use std::io::{BufRead, Write};

    use serde::Serialize;

    use super::{parse_line, unix_now, Date, ErrorRecord, InputRecord, Meta, StreamOptions};
    use crate::error::{Error, Result};
    use crate::report::Analysis;
    use crate::tagger::Tagger;

    /// Callbacks of [`tag_stream`], all optional: a progress bar, an HTML report, a log.
    pub trait StreamObserver {
        /// A document was tagged (called in output order).
        fn document(
            &mut self,
            _line: u64,
            _input: &InputRecord,
            _analysis: &Analysis,
        ) -> Result<()> {
            Ok(())
        }
        /// An error record was written.
        fn error(&mut self, _record: &ErrorRecord) {}
        /// A batch was written: `lines` input lines and `bytes` input bytes consumed so far.
        fn progress(&mut self, _lines: u64, _bytes: u64) {}
    }

    impl StreamObserver for () {}

    /// What a finished stream did.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct StreamSummary {
        /// Input lines read (= output lines written).
        pub lines: u64,
        /// Of which error records.
        pub errors: u64,
    }

    /// One input line waiting for its batch.
    enum Pending {
        Doc(u64, InputRecord),
        Bad(ErrorRecord),
    }

    /// Run the stream filter (see the [module documentation](super)): read JSON Lines from
    /// `input`, tag them with `tagger` in batches, write one JSON line per input line to
    /// `output`.
    ///
    /// Per-document problems become error records and the stream goes on. Returns `Err` only
    /// for fatal conditions: reading `input` fails ([`Error::Io`]) or writing `output` fails
    /// ([`Error::Output`]; a reader that went away is [`Error::is_broken_pipe`]).
    pub fn tag_stream(
        tagger: &Tagger,
        mut input: impl BufRead,
        mut output: impl Write,
        options: &StreamOptions,
        observer: &mut dyn StreamObserver,
    ) -> Result<StreamSummary> {
        let mut summary = StreamSummary::default();
        let mut pending: Vec<Pending> = Vec::new();
        let (mut text_bytes, mut read_bytes) = (0usize, 0u64);
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let n = input
                .read_until(b'\n', &mut buf)
                .map_err(|e| Error::io("<input>", e))?;
            if n == 0 {
                break;
            }
            read_bytes += n as u64;
            summary.lines += 1;
            let line_no = summary.lines;
            let line = strip_eol(&buf);
            match parse_line(line, options.max_text_bytes) {
                Ok(doc) => {
                    text_bytes += doc.text.len();
                    pending.push(Pending::Doc(line_no, doc));
                }
                Err((id, why)) => pending.push(Pending::Bad(ErrorRecord {
                    id,
                    line: line_no,
                    error: why.to_string(),
                    meta: None,
                })),
            }
            if pending.len() >= options.docs_per_batch.max(1) || text_bytes >= options.batch_bytes {
                summary.errors += run_batch(tagger, &mut pending, &mut output, options, observer)?;
                text_bytes = 0;
                observer.progress(summary.lines, read_bytes);
            }
        }
        summary.errors += run_batch(tagger, &mut pending, &mut output, options, observer)?;
        observer.progress(summary.lines, read_bytes);
        Ok(summary)
    }

    fn strip_eol(buf: &[u8]) -> &[u8] {
        let line = buf.strip_suffix(b"\n").unwrap_or(buf);
        line.strip_suffix(b"\r").unwrap_or(line)
    }

    /// Tag the pending documents as one batch and write every pending line's record, in
    /// order; flush. Returns the number of error records written.
    fn run_batch(
        tagger: &Tagger,
        pending: &mut Vec<Pending>,
        out: &mut dyn Write,
        options: &StreamOptions,
        observer: &mut dyn StreamObserver,
    ) -> Result<u64> {
        if pending.is_empty() {
            return Ok(0);
        }
        let docs: Vec<(&str, Option<Date>)> = pending
            .iter()
            .filter_map(|p| match p {
                Pending::Doc(_, d) => Some((d.text.as_str(), d.date.or(options.default_date))),
                Pending::Bad(_) => None,
            })
            .collect();
        let t_start = unix_now();
        let mut results = tagger.analyze_batch_dated(&docs).into_iter();
        let meta = options.emit_meta.then(|| Meta {
            pid: std::process::id(),
            threads: usize::try_from(tch::get_num_threads()).unwrap_or(0),
            t_start,
            t_end: unix_now(),
        });
        let mut errors = 0;
        for p in pending.drain(..) {
            let bad = match p {
                Pending::Bad(rec) => rec,
                Pending::Doc(line, doc) => match results.next() {
                    Some(Ok(mut a)) => {
                        observer.document(line, &doc, &a)?;
                        a.id = Some(doc.id);
                        write_json(out, &WithMeta { record: &a, meta })?;
                        continue;
                    }
                    Some(Err(e)) => ErrorRecord {
                        id: doc.id,
                        line,
                        error: e.to_string(),
                        meta: None,
                    },
                    None => ErrorRecord {
                        id: doc.id,
                        line,
                        error: "internal: no result for this document".into(),
                        meta: None,
                    },
                },
            };
            let bad = ErrorRecord { meta, ..bad };
            observer.error(&bad);
            write_json(out, &bad)?;
            errors += 1;
        }
        out.flush().map_err(|source| Error::Output { source })?;
        Ok(errors)
    }

    /// An analysis with the optional `meta` field.
    #[derive(Serialize)]
    struct WithMeta<'a> {
        #[serde(flatten)]
        record: &'a Analysis,
        #[serde(skip_serializing_if = "Option::is_none")]
        meta: Option<Meta>,
    }

    fn write_json(out: &mut dyn Write, value: &impl Serialize) -> Result<()> {
        let mut line = serde_json::to_vec(value).map_err(|source| Error::Json { source })?;
        line.push(b'\n');
        out.write_all(&line)
            .map_err(|source| Error::Output { source })
    }
}

/// Serialize an error record as one JSON line (without the newline).
impl std::fmt::Display for ErrorRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match serde_json::to_string(self) {
            Ok(s) => f.write_str(&s),
            Err(_) => Err(std::fmt::Error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn why(line: &[u8]) -> (Value, LineError) {
        parse_line(line, 100).unwrap_err()
    }

    #[test]
    fn every_kind_of_bad_line_has_its_reason_and_keeps_the_id() {
        assert_eq!(why(b"   "), (Value::Null, LineError::Blank));
        assert_eq!(
            why(b"{\"id\": 1, \"text\": \"caf\xe9\"}"),
            (Value::Null, LineError::NotUtf8 { offset: 22 })
        );
        assert!(matches!(
            why(b"{\"id\": 1, \"text\": \"x}").1,
            LineError::Malformed(_)
        ));
        assert_eq!(why(b"[1, 2]"), (Value::Null, LineError::NotAnObject));
        assert_eq!(
            why(br#"{"text": "Iran"}"#),
            (Value::Null, LineError::MissingId)
        );
        assert_eq!(
            why(br#"{"id": null, "text": "Iran"}"#),
            (Value::Null, LineError::MissingId)
        );
        assert_eq!(why(br#"{"id": "a"}"#), (json!("a"), LineError::MissingText));
        assert_eq!(
            why(br#"{"id": "a", "text": 4}"#),
            (json!("a"), LineError::NotAString("text"))
        );
        assert_eq!(
            why(br#"{"id": 2, "text": ""}"#),
            (json!(2), LineError::EmptyText)
        );
        assert_eq!(
            why(br#"{"id": 2, "text": "Iran", "date": 20140614}"#),
            (json!(2), LineError::NotAString("date"))
        );
        let (id, bad) = why(br#"{"id": 4, "text": "Iran", "date": "14 June 2014"}"#);
        assert_eq!(id, json!(4));
        assert!(matches!(bad, LineError::BadDate(_)), "{bad:?}");
        let long = format!("{{\"id\": [3], \"text\": \"{}\"}}", "é".repeat(51));
        assert_eq!(
            why(long.as_bytes()),
            (
                json!([3]),
                LineError::TooLong {
                    bytes: 102,
                    max: 100
                }
            )
        );
    }

    #[test]
    fn a_good_line_keeps_id_text_and_date() {
        let doc = parse_line(
            br#"{"id": {"k": 1}, "text": "Iran said yes.", "date": "2014-06-14", "extra": 1}"#,
            100,
        )
        .unwrap();
        assert_eq!(
            doc,
            InputRecord {
                id: json!({"k": 1}),
                text: "Iran said yes.".into(),
                date: Some(Date::new(2014, 6, 14).unwrap())
            }
        );
    }

    /// Finds "Iran" as a location; fails on any text containing "BOOM".
    #[cfg(feature = "transformer")]
    struct Fragile;

    #[cfg(feature = "transformer")]
    impl crate::ner::Recognizer for Fragile {
        fn recognize_batch(&self, texts: &[&str]) -> crate::Result<Vec<Vec<crate::Entity>>> {
            texts
                .iter()
                .map(|t| {
                    if t.contains("BOOM") {
                        return Err(crate::Error::torch("simulated failure"));
                    }
                    let ix = crate::span::CharIndex::new(t);
                    Ok(t.match_indices("Iran")
                        .map(|(b, m)| {
                            let span = ix.span_from_bytes(b, b + m.len());
                            crate::Entity::new(t, span, crate::Label::Location, 0.9)
                        })
                        .collect())
                })
                .collect()
        }
    }

    #[cfg(feature = "transformer")]
    #[test]
    fn a_document_that_fails_to_tag_is_an_error_record_and_the_stream_goes_on() {
        let tagger = crate::Tagger::builder()
            .recognizer(Box::new(Fragile))
            .build()
            .unwrap();
        let input = "{\"id\": 1, \"text\": \"Iran said yes.\"}\n\
                     {\"id\": 2, \"text\": \"BOOM\"}\n\
                     {\"id\": 3, \"text\": \"Iran said no.\"}\n";
        let mut out = Vec::new();
        let opts = StreamOptions::default();
        let summary = tag_stream(&tagger, input.as_bytes(), &mut out, &opts, &mut ()).unwrap();
        assert_eq!(
            summary,
            StreamSummary {
                lines: 3,
                errors: 1
            }
        );
        let recs: Vec<Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(recs[0]["id"], 1);
        assert_eq!(recs[0]["entities"][0]["country"], "IRN");
        assert_eq!(
            recs[1],
            json!({"id": 2, "line": 2, "error": "libtorch: simulated failure"})
        );
        assert_eq!(recs[2]["id"], 3);
        assert_eq!(recs[2]["actors"][0]["name"], "Iran");
    }

    #[test]
    fn error_records_have_the_documented_shape() {
        let rec = ErrorRecord {
            id: json!("d"),
            line: 7,
            error: "empty text".into(),
            meta: None,
        };
        assert_eq!(
            rec.to_string(),
            r#"{"id":"d","line":7,"error":"empty text"}"#
        );
    }
}
