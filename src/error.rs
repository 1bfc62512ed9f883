//! The crate's one error type.

use std::path::PathBuf;

/// Everything that can go wrong in detente. Every fallible public call returns [`Result`].
///
/// `#[non_exhaustive]`: match the variants you handle and keep a `_` arm; new kinds of failure
/// may be added without a breaking release. Variants that wrap another error expose it through
/// [`std::error::Error::source`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file the configuration points at does not exist or cannot be read.
    #[error("{what} not found: {path} (model entry `{entry}`). {hint}")]
    MissingFile {
        /// What the file is ("weights", "tokenizer", "config.json", ...).
        what: String,
        /// The path that was tried.
        path: PathBuf,
        /// The models.toml entry (or other configuration item) that named it.
        entry: String,
        /// How to fix it.
        hint: String,
    },
    /// Reading or writing a file failed.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A configuration file (models.toml, topic, country data) is malformed.
    /// `line`/`column` are 1-based when known.
    #[error("{path}:{line}:{column}: {message}")]
    Config {
        /// The file (or `<embedded ...>` for built-in defaults).
        path: String,
        /// 1-based line, 0 when unknown.
        line: usize,
        /// 1-based column, 0 when unknown.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A model's label set contains a label detente cannot map.
    #[error("model `{model}`: unknown label `{label}` in id2label; map it in models.toml `labels` (e.g. {label} = \"MISC\" or \"O\")")]
    UnknownLabel {
        /// The model entry.
        model: String,
        /// The offending label.
        label: String,
    },
    /// A model with that name is not in models.toml.
    #[error("no model named `{name}` in {path}; known: {known}")]
    UnknownModel {
        /// The requested name.
        name: String,
        /// The models.toml consulted.
        path: String,
        /// Comma-separated names that exist.
        known: String,
    },
    /// The tokenizer failed (loading a tokenizer file, encoding a text).
    #[error("tokenizer: {source}")]
    Tokenizer {
        /// The tokenizer's error.
        #[source]
        source: BoxError,
    },
    /// libtorch reported an error (loading weights, a forward pass).
    #[error("libtorch: {source}")]
    Torch {
        /// libtorch's error (`tch::TchError`), or a description of the failed check.
        #[source]
        source: BoxError,
    },
    /// Input that is not valid for the call (for instance non-UTF-8 bytes).
    #[error("invalid input: {0}")]
    Input(String),
    /// Writing results failed (a full disk, a closed pipe: check
    /// `source.kind() == std::io::ErrorKind::BrokenPipe`).
    #[error("cannot write output: {source}")]
    Output {
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A value could not be converted to or from JSON.
    #[error("JSON: {source}")]
    Json {
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
    /// A bug in detente's rule layer stopped the analysis of one document (a panic, caught
    /// by the batch calls so that the other documents go on). Please report it with the text.
    #[error("internal error on this document (please report): {message}")]
    Internal {
        /// The panic's message.
        message: String,
    },
    /// No models.toml was found in any place of the search order (see
    /// [`crate::config::ModelsFile::search_paths`]).
    #[error("no models.toml found; tried, in order: {}. Set DETENTE_MODELS=/path/to/models.toml or pass a models file explicitly", .tried.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))]
    ModelsNotFound {
        /// Every path tried, in search order.
        tried: Vec<PathBuf>,
    },
}

impl Error {
    /// Whether this error is a write to a reader that went away (`detente tag | head -1`),
    /// which a command-line tool should treat as a quiet, successful end.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output { source } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// The boxed underlying error of [`Error::Tokenizer`] and [`Error::Torch`].
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// `Result` with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Build an [`Error::Config`] from a `toml` parse error, with 1-based line and column.
    pub fn from_toml(path: &str, src: &str, err: &toml::de::Error) -> Self {
        let (line, column) = err.span().map(|s| line_col(src, s.start)).unwrap_or((0, 0));
        Error::Config {
            path: path.to_string(),
            line,
            column,
            message: err.message().to_string(),
        }
    }

    /// An [`Error::Torch`] wrapping `source` (a `tch::TchError`, or a message).
    pub fn torch(source: impl Into<BoxError>) -> Self {
        Error::Torch {
            source: source.into(),
        }
    }

    /// An [`Error::Tokenizer`] wrapping `source` (a `tokenizers` error, or a message).
    pub fn tokenizer(source: impl Into<BoxError>) -> Self {
        Error::Tokenizer {
            source: source.into(),
        }
    }

    /// Wrap an I/O error with its path.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// 1-based (line, column) of a byte offset in `src`; the column counts chars.
pub fn line_col(src: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(src.len());
    let mut b = byte;
    while !src.is_char_boundary(b) {
        b -= 1;
    }
    let before = &src[..b];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(feature = "transformer")]
impl From<tch::TchError> for Error {
    fn from(e: tch::TchError) -> Self {
        Error::torch(e)
    }
}
