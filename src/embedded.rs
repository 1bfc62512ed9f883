//! The default model inside the binary (feature `embedded-model`): a program that finds no
//! models.toml elsewhere unpacks it once into the user cache directory and loads it from there
//! (libtorch loads weights from files). Adds about 45 MB to the binary; needs the model files
//! of a checkout at build time (a crates.io package does not carry them).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

const DIR: &str = "models/minilm-conll";
/// (path relative to the unpacked directory, contents)
const FILES: &[(&str, &[u8])] = &[
    (
        "models.toml",
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/models.toml")),
    ),
    (
        "models/minilm-conll/config.json",
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/models/minilm-conll/config.json"
        )),
    ),
    (
        "models/minilm-conll/tokenizer.json",
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/models/minilm-conll/tokenizer.json"
        )),
    ),
    (
        "models/minilm-conll/model.safetensors",
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/models/minilm-conll/model.safetensors"
        )),
    ),
];

/// Where the embedded model is (or will be) unpacked: `$XDG_CACHE_HOME/detente/…`, else
/// `~/.cache/detente/…`, else the temporary directory; one directory per crate version and
/// weights size.
pub(crate) fn models_toml_path() -> PathBuf {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".cache"))
        })
        .unwrap_or_else(std::env::temp_dir);
    let size: usize = FILES.iter().map(|(_, b)| b.len()).sum();
    cache
        .join("detente")
        .join(format!("embedded-{}-{size}", env!("CARGO_PKG_VERSION")))
        .join("models.toml")
}

/// The unpacked models.toml, unpacking it first when needed. Safe for concurrent processes:
/// each unpacks into its own temporary directory and renames it into place.
pub(crate) fn models_toml() -> Result<PathBuf> {
    let target = models_toml_path();
    if target.is_file() {
        return Ok(target);
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let parent = dir.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let tmp = parent.join(format!(".unpack-{}", std::process::id()));
    for (rel, bytes) in FILES {
        let path = tmp.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).map_err(|e| Error::io(p, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
    }
    if std::fs::rename(&tmp, dir).is_err() {
        // Another process won the race (or the directory exists): use theirs.
        let _ = std::fs::remove_dir_all(&tmp);
    }
    if target.is_file() {
        Ok(target)
    } else {
        Err(Error::MissingFile {
            what: "embedded model".into(),
            path: target,
            entry: DIR.into(),
            hint: "the cache directory is not writable; set XDG_CACHE_HOME or DETENTE_MODELS"
                .into(),
        })
    }
}
