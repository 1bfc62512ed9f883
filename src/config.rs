//! `models.toml`: named NER model entries, one of them the default.
//!
//! ```toml
//! default = "minilm-conll"
//!
//! [models.minilm-conll]
//! architecture = "bert"          # bert | distilbert | roberta
//! path = "models/minilm-conll"   # Hugging Face layout, relative to this file
//! lowercase = true               # informative; the tokenizer file decides
//! max_length = 128               # tokens per window, special tokens included
//! stride = 32                    # tokens shared by consecutive windows
//! precision = "int8"             # fp32 | bf16 | int8: arithmetic of the encoder's projections
//! [models.minilm-conll.labels]   # optional: the model's entity types -> ours ("O" drops)
//! NORP = "O"
//! ```
//!
//! Where to find it, first match wins ([`ModelsFile::search_paths`], [`ModelsFile::find`]):
//!
//! 1. an explicit path (`TaggerBuilder::models_file`, `detente tag --models`);
//! 2. the environment variable `DETENTE_MODELS` (used even when the file is missing, so that a
//!    typo is an error rather than a silent fallback);
//! 3. `<exe dir>/../models/models.toml` (the release tarball: `bin/detente`, `models/`);
//! 4. `<exe dir>/models/models.toml` (a model directory next to the program);
//! 5. the user data directory: `$XDG_DATA_HOME/detente/models.toml`, else
//!    `~/.local/share/detente/models.toml`;
//! 6. with the feature `embedded-model`: the default model inside the binary, unpacked once to
//!    `$XDG_CACHE_HOME/detente/embedded-<version>-<size>/` (default `~/.cache/detente/…`);
//! 7. the `models.toml` of the source tree this crate was built from (a checkout, a path or git
//!    dependency; not a crates.io package, which cannot carry the 45 MB model).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Environment variable naming a models.toml to use instead of the crate's own.
pub const MODELS_ENV: &str = "DETENTE_MODELS";

/// Supported encoder architectures (token-classification heads).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Architecture {
    /// BERT (`BertForTokenClassification`); also MiniLM and other BERT-shaped models.
    Bert,
    /// DistilBERT (`DistilBertForTokenClassification`).
    Distilbert,
    /// RoBERTa (`RobertaForTokenClassification`).
    Roberta,
}

/// Arithmetic of the encoder's linear layers at inference (`precision` in models.toml).
///
/// Only the lean BERT forward honours it; other architectures always run fp32.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// 32-bit floats throughout (the reference).
    #[default]
    Fp32,
    /// bfloat16 projections (oneDNN's AVX512-BF16 kernels); everything else fp32.
    Bf16,
    /// Dynamic int8 quantisation of the projections (per-row weight scales, per-batch
    /// activation scale, fbgemm's VNNI kernels); everything else fp32.
    Int8,
}

fn default_max_length() -> usize {
    128
}
fn default_stride() -> usize {
    32
}
fn default_true() -> bool {
    true
}

/// One model entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelEntry {
    /// Encoder architecture.
    pub architecture: Architecture,
    /// Directory in Hugging Face layout; relative paths are relative to the models.toml.
    pub path: PathBuf,
    /// Whether the model is uncased (documentation; the tokenizer's normaliser decides).
    #[serde(default = "default_true")]
    pub lowercase: bool,
    /// Tokens per window, special tokens included (at most the model's positions).
    #[serde(default = "default_max_length")]
    pub max_length: usize,
    /// Tokens shared by consecutive windows of a long text.
    #[serde(default = "default_stride")]
    pub stride: usize,
    /// Arithmetic of the encoder's projections (default fp32).
    #[serde(default)]
    pub precision: Precision,
    /// Model entity type → detente label (`PERSON`, `ORGANIZATION`, `LOCATION`, `MISC`) or `O`.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Free-form description.
    #[serde(default)]
    pub description: Option<String>,
}

/// A parsed models.toml.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelsFile {
    /// Name of the default entry.
    pub default: String,
    /// The entries by name.
    pub models: BTreeMap<String, ModelEntry>,
    /// Where the file was read from (paths resolve against its directory).
    #[serde(skip)]
    pub source: PathBuf,
}

impl ModelsFile {
    /// The crate's own models.toml (next to Cargo.toml).
    pub fn builtin_path() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("models.toml")
    }

    /// The places searched for a models.toml, in order (see the module documentation): an
    /// `explicit` path or `$DETENTE_MODELS` is the only candidate when given; otherwise the
    /// directories of the running executable, the user data directory, then the build tree.
    pub fn search_paths(explicit: Option<&Path>) -> Vec<PathBuf> {
        if let Some(p) = explicit {
            return vec![p.to_path_buf()];
        }
        if let Some(p) = std::env::var_os(MODELS_ENV).filter(|p| !p.is_empty()) {
            return vec![PathBuf::from(p)];
        }
        let mut paths = Vec::new();
        if let Some(dir) = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(Path::to_path_buf))
        {
            if let Some(up) = dir.parent() {
                paths.push(up.join("models").join("models.toml"));
            }
            paths.push(dir.join("models").join("models.toml"));
        }
        if let Some(data) = user_data_dir() {
            paths.push(data.join("detente").join("models.toml"));
        }
        #[cfg(feature = "embedded-model")]
        paths.push(crate::embedded::models_toml_path());
        paths.push(Self::builtin_path());
        paths
    }

    /// The first existing file of [`Self::search_paths`]; an explicit path or
    /// `$DETENTE_MODELS` is returned as is (a missing file is then reported by [`Self::load`]).
    pub fn find(explicit: Option<&Path>) -> Result<PathBuf> {
        let tried = Self::search_paths(explicit);
        if explicit.is_some() || std::env::var_os(MODELS_ENV).is_some_and(|p| !p.is_empty()) {
            return Ok(tried.into_iter().next().unwrap_or_default());
        }
        for p in &tried {
            if p.is_file() {
                return Ok(p.clone());
            }
            #[cfg(feature = "embedded-model")]
            if *p == crate::embedded::models_toml_path() {
                return crate::embedded::models_toml();
            }
        }
        Err(Error::ModelsNotFound { tried })
    }

    /// Like [`Self::find`], but when nothing is found returns the build tree's path (whose
    /// loading then fails with a message naming it).
    pub fn locate(explicit: Option<&Path>) -> PathBuf {
        Self::find(explicit).unwrap_or_else(|_| Self::builtin_path())
    }

    /// Read and validate a models.toml.
    pub fn load(path: &Path) -> Result<ModelsFile> {
        let src = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::parse(&src, path)
    }

    /// Parse models.toml text; `path` is used for messages and relative paths.
    pub fn parse(src: &str, path: &Path) -> Result<ModelsFile> {
        let shown = path.display().to_string();
        let mut file: ModelsFile =
            toml::from_str(src).map_err(|e| Error::from_toml(&shown, src, &e))?;
        file.source = path.to_path_buf();
        if !file.models.contains_key(&file.default) {
            return Err(Error::Config {
                path: shown,
                line: 0,
                column: 0,
                message: format!(
                    "default model `{}` has no [models.{}] entry",
                    file.default, file.default
                ),
            });
        }
        for (name, m) in &file.models {
            if m.max_length < 8 || m.stride * 2 >= m.max_length.saturating_sub(2) {
                return Err(Error::Config {
                    path: shown,
                    line: 0,
                    column: 0,
                    message: format!(
                        "model `{name}`: need max_length >= 8 and stride < (max_length - 2) / 2 (got {} / {})",
                        m.max_length, m.stride
                    ),
                });
            }
        }
        Ok(file)
    }

    /// The entry `name` (or the default when `None`), with its directory resolved.
    pub fn entry(&self, name: Option<&str>) -> Result<(String, ModelEntry, PathBuf)> {
        let name = name.unwrap_or(&self.default);
        let entry = self.models.get(name).ok_or_else(|| Error::UnknownModel {
            name: name.to_string(),
            path: self.source.display().to_string(),
            known: self.models.keys().cloned().collect::<Vec<_>>().join(", "),
        })?;
        let dir = if entry.path.is_absolute() {
            entry.path.clone()
        } else {
            self.source
                .parent()
                .unwrap_or_else(|| Path::new("."))
                .join(&entry.path)
        };
        Ok((name.to_string(), entry.clone(), dir))
    }
}

/// `$XDG_DATA_HOME` when set and absolute, else `$HOME/.local/share`.
fn user_data_dir() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_DATA_HOME").map(PathBuf::from) {
        if x.is_absolute() {
            return Some(x);
        }
    }
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|h| PathBuf::from(h).join(".local").join("share"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_resolves_relative_paths() {
        let src = "default = \"a\"\n[models.a]\narchitecture = \"bert\"\npath = \"m/a\"\n[models.a.labels]\nNORP = \"O\"\n";
        let f = ModelsFile::parse(src, Path::new("/x/y/models.toml")).unwrap();
        let (name, e, dir) = f.entry(None).unwrap();
        assert_eq!(name, "a");
        assert_eq!(e.max_length, 128);
        assert_eq!(e.precision, Precision::Fp32);
        let int8 = src.replace("path = \"m/a\"", "path = \"m/a\"\nprecision = \"int8\"");
        let f = ModelsFile::parse(&int8, Path::new("/x/y/models.toml")).unwrap();
        assert_eq!(f.entry(None).unwrap().1.precision, Precision::Int8);
        let bad = src.replace("path = \"m/a\"", "path = \"m/a\"\nprecision = \"fp8\"");
        assert!(ModelsFile::parse(&bad, Path::new("m.toml")).is_err());
        assert_eq!(dir, Path::new("/x/y/m/a"));
        assert!(matches!(
            f.entry(Some("zz")),
            Err(Error::UnknownModel { .. })
        ));
    }

    #[test]
    fn malformed_file_reports_line_and_column() {
        let src = "default = \"a\"\n[models.a]\narchitecture = \"bert\"\npath = 12\n";
        match ModelsFile::parse(src, Path::new("models.toml")) {
            Err(Error::Config { line, column, .. }) => {
                assert_eq!(line, 4);
                assert!(column >= 1);
            }
            other => panic!("expected a config error, got {other:?}"),
        }
        let bad_arch = "default = \"a\"\n[models.a]\narchitecture = \"gpt9\"\npath = \"x\"\n";
        assert!(matches!(
            ModelsFile::parse(bad_arch, Path::new("m.toml")),
            Err(Error::Config { line: 3, .. })
        ));
        let no_default = "default = \"b\"\n[models.a]\narchitecture = \"bert\"\npath = \"x\"\n";
        assert!(ModelsFile::parse(no_default, Path::new("m.toml")).is_err());
    }
}
