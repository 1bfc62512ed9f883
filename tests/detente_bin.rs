//! The `detente` command (feature `cli`; `make test` builds it): a binary copied to another
//! directory finds its model through the search order of `detente::config` (next to the
//! executable, the user data directory), and `detente tag` works from any directory.
//!
//! Without `--features cli` this file compiles to nothing; `make test` passes the feature.
#![cfg(feature = "cli")]

mod tiny_model;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_detente");

/// Copy the built binary to `<dir>/bin/detente`.
fn moved_binary(dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let dest = bin.join("detente");
    std::fs::copy(BIN, &dest).unwrap();
    dest
}

/// Run `exe args…` from `cwd` with a clean model environment and `home` as `$HOME`.
fn run(exe: &Path, args: &[&str], cwd: &Path, home: &Path) -> Output {
    let o = Command::new(exe)
        .args(args)
        .current_dir(cwd)
        .env_remove("DETENTE_MODELS")
        .env_remove("XDG_DATA_HOME")
        .env("HOME", home)
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("panicked"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn stdout(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn a_moved_binary_finds_the_model_next_to_it_then_in_the_user_data_dir() {
    let root = tempfile::tempdir().unwrap();
    let exe = moved_binary(root.path());
    let elsewhere = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let article = elsewhere.path().join("a.txt");
    std::fs::write(&article, "Iran said it was open to talks with Washington.").unwrap();
    let a = article.to_str().unwrap();

    // The release-tarball layout: bin/detente + models/models.toml.
    let models = tiny_model::models_toml(&root.path().join("models"), 64, 16, 41);
    let o = stdout(&run(&exe, &["models"], elsewhere.path(), home.path()));
    let used = o.lines().last().unwrap_or_default().to_string();
    assert!(
        o.contains(&format!(
            "using: {}",
            root.path().join("models").join("models.toml").display()
        )),
        "{o}"
    );
    let tagged = stdout(&run(
        &exe,
        &["tag", "--json", a, "--threads", "1"],
        elsewhere.path(),
        home.path(),
    ));
    // The same result as naming that tiny model explicitly (not the build tree's real model).
    let explicit = stdout(&run(
        &exe,
        &[
            "tag",
            "--json",
            a,
            "--threads",
            "1",
            "--models",
            models.to_str().unwrap(),
        ],
        elsewhere.path(),
        home.path(),
    ));
    assert_eq!(tagged, explicit, "{used}");
    let _: detente::Analysis = serde_json::from_str(&tagged).unwrap();

    // No models next to the binary: the user data directory ($HOME/.local/share/detente).
    let data = home.path().join(".local/share/detente");
    std::fs::create_dir_all(data.parent().unwrap()).unwrap();
    std::fs::rename(root.path().join("models"), &data).unwrap();
    let models = data.join("models.toml");
    let o = stdout(&run(&exe, &["models"], elsewhere.path(), home.path()));
    assert!(o.contains(&format!("using: {}", models.display())), "{o}");
    let tagged_home = stdout(&run(
        &exe,
        &["tag", "--json", a, "--threads", "1"],
        elsewhere.path(),
        home.path(),
    ));
    assert_eq!(tagged_home, explicit);
}

#[test]
fn detente_tag_runs_from_another_directory_and_explicit_models_win() {
    let elsewhere = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let models = tiny_model::models_toml(elsewhere.path(), 64, 16, 42);
    let o = stdout(&run(
        Path::new(BIN),
        &["models", "--models", models.to_str().unwrap()],
        elsewhere.path(),
        home.path(),
    ));
    assert!(o.contains("tiny (default)"), "{o}");
    // The embedded example article, as a table.
    let o = stdout(&run(
        Path::new(BIN),
        &[
            "tag",
            "--threads",
            "1",
            "--models",
            models.to_str().unwrap(),
        ],
        elsewhere.path(),
        home.path(),
    ));
    assert!(o.starts_with("ENTITY") && o.contains("STANCE"), "{o}");
    // Usage errors exit 2.
    let o = run(
        Path::new(BIN),
        &["tag", "--json", "--jsonl"],
        elsewhere.path(),
        home.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    let o = run(Path::new(BIN), &[], elsewhere.path(), home.path());
    assert_eq!(o.status.code(), Some(2));
}

/// With `--features cli,embedded-model` (not part of `make test`: a 45 MB binary): a binary
/// alone in a directory unpacks its embedded model into `$HOME/.cache/detente` and tags.
#[cfg(feature = "embedded-model")]
#[test]
fn an_embedded_model_binary_needs_no_model_files() {
    let root = tempfile::tempdir().unwrap();
    let exe = moved_binary(root.path());
    let home = tempfile::tempdir().unwrap();
    let o = run(&exe, &["models"], root.path(), home.path());
    let out = stdout(&o);
    let cache = home.path().join(".cache").join("detente");
    assert!(
        out.contains(&format!("using: {}", cache.display())),
        "{out}"
    );
    assert!(cache.is_dir());
    let article = root.path().join("a.txt");
    std::fs::write(&article, "Iran said it was open to talks with Washington.").unwrap();
    let o = run(
        &exe,
        &["tag", "--json", "--threads", "1", article.to_str().unwrap()],
        root.path(),
        home.path(),
    );
    let a: detente::Analysis = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(a.actors.iter().any(|x| x.country.as_deref() == Some("IRN")));
}
