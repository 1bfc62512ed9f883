//! The `tag` command's errors and exit codes, and the `--jsonl` stream-filter contract (issue
//! 13, item 1): one output line per input line, in order, error records in place, status 0.
//! Runs the built example binary (`target/<profile>/examples/tag`, built by `cargo test` /
//! `make test`; the same code as `detente tag`) on a tiny random model
//! (`--models <tmp>/models.toml`).
//!
//! Exit codes (see src/bin/detente/tag.rs and README): 0 success, also when `--jsonl` lines
//! became error records, and when stdout was closed early; 1 fatal error; 2 usage error.
#![cfg(feature = "transformer")]

mod common;
mod tiny_model;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

struct Fixture {
    dir: tempfile::TempDir,
    models: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let models = tiny_model::models_toml(dir.path(), 64, 16, 21);
    Fixture { dir, models }
}

impl Fixture {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str], stdin: Option<&[u8]>) -> Output {
        let mut cmd = Command::new(common::tag_bin());
        cmd.arg("--models")
            .arg(&self.models)
            .args(["--threads", "1"])
            .args(args);
        cmd.env_remove("DETENTE_MODELS");
        run(cmd, stdin)
    }
}

fn run(mut cmd: Command, stdin: Option<&[u8]>) -> Output {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.unwrap_or_default().to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally (not by a signal)")
}

fn no_panic(o: &Output) {
    let e = stderr(o);
    assert!(!e.contains("panicked"), "the tag example panicked: {e}");
}

#[test]
fn a_file_is_tagged_as_json() {
    let f = fixture();
    let p = f.path("article.txt");
    std::fs::write(&p, common::SEED).unwrap();
    let o = f.run(&["--json", p.to_str().unwrap()], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let a: detente::Analysis = serde_json::from_slice(&o.stdout).unwrap();
    common::check_analysis(common::SEED, &a);
    // Table output too.
    let o = f.run(&[p.to_str().unwrap()], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("ENTITY"));
}

#[test]
fn odd_files_are_tagged_without_panicking() {
    let f = fixture();
    let odd = common::odd_inputs();
    // A few as files (one process each)...
    for (i, (name, text)) in odd.iter().enumerate() {
        if !matches!(
            *name,
            "empty"
                | "whitespace only"
                | "control characters"
                | "Windows line endings"
                | "unbalanced quotes"
        ) {
            continue;
        }
        let p = f.path(&format!("odd{i}.txt"));
        std::fs::write(&p, text).unwrap();
        let o = f.run(&["--json", p.to_str().unwrap()], None);
        no_panic(&o);
        assert_eq!(code(&o), 0, "`{name}`: {}", stderr(&o));
        let a: detente::Analysis = serde_json::from_slice(&o.stdout).unwrap();
        common::check_analysis(text, &a);
    }
    // ...and all of them (the 200 000-char word included) through one --jsonl run.
    let mut input = String::new();
    for (i, (_, text)) in odd.iter().enumerate() {
        input.push_str(&serde_json::json!({"id": i, "text": text}).to_string());
        input.push('\n');
    }
    let o = f.run(&["--jsonl"], Some(input.as_bytes()));
    no_panic(&o);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), odd.len());
    for (i, (line, (name, text))) in lines.iter().zip(&odd).enumerate() {
        if text.trim().is_empty() {
            // An empty document is a per-document problem: an error record in its place.
            let rec: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(rec["id"], serde_json::json!(i), "`{name}`");
            assert_eq!(rec["line"], serde_json::json!(i + 1), "`{name}`");
            assert_eq!(rec["error"], "empty text", "`{name}`");
            continue;
        }
        let a: detente::Analysis = serde_json::from_str(line).unwrap();
        assert_eq!(a.id, Some(serde_json::json!(i)), "`{name}`");
        common::check_analysis(text, &a);
    }
}

#[test]
fn unreadable_inputs_exit_1_and_say_why() {
    let f = fixture();
    // Missing file.
    let missing = f.path("no-such-file.txt");
    let o = f.run(&[missing.to_str().unwrap()], None);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("no-such-file.txt"), "{}", stderr(&o));
    // A directory.
    let o = f.run(&[f.dir.path().to_str().unwrap()], None);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("directory"), "{}", stderr(&o));
    // Not UTF-8: the message names the byte offset of the first bad byte.
    let bad = f.path("latin1.txt");
    std::fs::write(&bad, b"Iran \xc3\xbc said \xff talks").unwrap();
    let o = f.run(&[bad.to_str().unwrap()], None);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("offset 13"), "{}", stderr(&o));
    no_panic(&o);
}

#[test]
fn usage_errors_exit_2() {
    let f = fixture();
    for args in [
        &["--no-such-flag"][..],
        &["--jsonl", "--json"],
        &["--threads", "many"],
        &["a", "b"],
    ] {
        let o = f.run(args, None);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn configuration_errors_exit_1_with_line_and_column() {
    let f = fixture();
    let article = f.path("a.txt");
    std::fs::write(&article, "Iran said yes.").unwrap();
    let a = article.to_str().unwrap();
    let with_models = |models: &Path, extra: &[&str]| {
        let mut cmd = Command::new(common::tag_bin());
        cmd.arg("--models")
            .arg(models)
            .args(["--threads", "1"])
            .args(extra)
            .arg(a);
        cmd.env_remove("DETENTE_MODELS");
        run(cmd, None)
    };
    // Missing models.toml.
    let o = with_models(&f.path("nope.toml"), &[]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("nope.toml"), "{}", stderr(&o));
    // Malformed models.toml: path:line:column.
    let bad = f.path("bad.toml");
    std::fs::write(
        &bad,
        "default = \"tiny\"\n[models.tiny]\narchitecture = 3\n",
    )
    .unwrap();
    let o = with_models(&bad, &[]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("bad.toml:3:16"), "{}", stderr(&o));
    // An entry whose model directory is missing, and one whose weights are missing.
    let gone = f.path("gone.toml");
    std::fs::write(
        &gone,
        "default = \"x\"\n[models.x]\narchitecture = \"bert\"\npath = \"missing-dir\"\n",
    )
    .unwrap();
    let o = with_models(&gone, &[]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("missing-dir"), "{}", stderr(&o));
    let copy = f.path("copy");
    tiny_model::make_model(&copy, tiny_model::CONLL, 22);
    std::fs::remove_file(copy.join("model.safetensors")).unwrap();
    let noweights = f.path("noweights.toml");
    std::fs::write(&noweights, "default = \"x\"\n[models.x]\narchitecture = \"bert\"\npath = \"copy\"\nmax_length = 64\nstride = 16\n").unwrap();
    let o = with_models(&noweights, &[]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("model.safetensors"), "{}", stderr(&o));
    // Unknown model name.
    let o = with_models(&f.models, &["--model", "nosuch"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("nosuch"), "{}", stderr(&o));
    // Malformed topic file: path:line:column.
    let topic = f.path("topic.toml");
    std::fs::write(&topic, "name = \"x\"\n\n[parties\n").unwrap();
    let o = with_models(&f.models, &["--topic", topic.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("topic.toml:3:"), "{}", stderr(&o));
    // Missing topic file.
    let o = with_models(
        &f.models,
        &["--topic", f.path("none.toml").to_str().unwrap()],
    );
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("none.toml"), "{}", stderr(&o));
    no_panic(&o);
    // Malformed English and attribution lexicons: path:line:column.
    let english = f.path("english.toml");
    std::fs::write(&english, "negators = [\"not\"]\n\nfamilies = 3\n").unwrap();
    let o = with_models(&f.models, &["--english", english.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("english.toml:3:"), "{}", stderr(&o));
    let attribution = f.path("attribution.toml");
    std::fs::write(&attribution, "speech = [\"say\"]\nspeach = 1\n").unwrap();
    let o = with_models(&f.models, &["--attribution", attribution.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("attribution.toml:2:"), "{}", stderr(&o));
    no_panic(&o);
}

/// 60 input lines with every kind of failure mixed in, in small pipeline batches: one output
/// line per input line (blank ones included), in input order, ids echoed; failed lines carry
/// their line number; the failures are listed on stderr; exit code 0.
#[test]
fn jsonl_keeps_every_line_in_order_and_reports_failures() {
    let f = fixture();
    let texts = common::odd_inputs();
    let mut input: Vec<u8> = Vec::new();
    // (input line number, expected id, Some(text) when the line is good)
    let mut expected: Vec<(usize, serde_json::Value, Option<String>)> = Vec::new();
    for n in 1..=60usize {
        let id = serde_json::json!(format!("doc-{n}"));
        match n {
            7 => input.extend_from_slice(b"{\"id\": \"doc-7\", \"text\": \"unterminated}\n"),
            12 => input.extend_from_slice(b"{\"id\": \"doc-12\", \"body\": \"no text field\"}\n"),
            20 => input.extend_from_slice(b"{\"id\": \"doc-20\", \"text\": \"caf\xe9\"}\n"),
            33 => input.extend_from_slice(b"[1, 2, 3]\n"),
            41 => input.extend_from_slice(b"{\"id\": \"doc-41\", \"text\": 42}\n"),
            30 | 50 => input.extend_from_slice(b"   \n"),
            _ => {
                let text = if n % 5 == 0 {
                    common::SEED.to_string()
                } else {
                    let t = &texts[n % texts.len()].1;
                    t.chars().take(3000).collect()
                };
                let line = serde_json::json!({"id": id, "text": text});
                input.extend_from_slice(line.to_string().as_bytes());
                input.extend_from_slice(if n % 2 == 0 { b"\r\n" } else { b"\n" });
                // Empty and whitespace-only texts are error records too.
                let good = !text.chars().all(char::is_whitespace);
                expected.push((n, id, good.then_some(text)));
                continue;
            }
        }
        // Lines that are not JSON (or not UTF-8) have no readable id.
        let id = if matches!(n, 7 | 20 | 30 | 33 | 50) {
            serde_json::Value::Null
        } else {
            id
        };
        expected.push((n, id, None));
    }
    let o = f.run(&["--jsonl", "--docs-per-batch", "7"], Some(&input));
    no_panic(&o);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines.len(),
        expected.len(),
        "one output line per input line"
    );
    let tagger = tiny_model::tagger(&f.models);
    for (got, (n, id, text)) in lines.iter().zip(&expected) {
        assert_eq!(&got["id"], id, "line {n}");
        match text {
            Some(text) => {
                assert!(got.get("error").is_none(), "line {n}: {got}");
                let mut a: detente::Analysis = serde_json::from_value(got.clone()).unwrap();
                common::check_analysis(text, &a);
                a.id = None;
                // Same result as the library on that text (nothing mixed up between lines).
                let want = tagger.analyze(text).unwrap();
                assert_eq!(a.actors, want.actors, "line {n}");
                assert_eq!(a.entities.len(), want.entities.len(), "line {n}");
            }
            None => {
                assert_eq!(got["line"], serde_json::json!(n), "{got}");
                assert!(
                    got["error"].as_str().is_some_and(|e| !e.is_empty()),
                    "{got}"
                );
            }
        }
    }
    let err = stderr(&o);
    for n in [7, 12, 20, 30, 33, 41, 50] {
        assert!(
            err.contains(&format!("line {n}:")),
            "stderr lacks line {n}: {err}"
        );
    }
    let failed = expected.iter().filter(|(_, _, t)| t.is_none()).count();
    assert!(failed >= 7, "the input has at least 7 bad lines");
    assert!(
        err.contains(&format!("{failed} of 60 line(s) became error records")),
        "{err}"
    );
}

#[test]
fn jsonl_ids_of_any_type_missing_ids_and_empty_input() {
    let f = fixture();
    // The last line has no final newline; it still counts.
    let input = "{\"id\": 1, \"text\": \"Iran said yes.\"}\n{\"id\": {\"k\": [1]}, \"text\": \"Kerry.\"}\n{\"id\": \"e\", \"text\": \"\"}\n{\"text\": \"No id.\"}";
    let o = f.run(&["--jsonl"], Some(input.as_bytes()));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let recs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .collect();
    let ids: Vec<&serde_json::Value> = recs.iter().map(|r| &r["id"]).collect();
    assert_eq!(
        ids,
        [
            &serde_json::json!(1),
            &serde_json::json!({"k": [1]}),
            &serde_json::json!("e"),
            &serde_json::Value::Null
        ]
    );
    assert!(recs[0].get("error").is_none() && recs[1].get("error").is_none());
    assert_eq!(recs[2]["error"], "empty text");
    assert_eq!(recs[3]["error"], "missing field \"id\"");
    assert_eq!(recs[3]["line"], 4);
    let o = f.run(&["--jsonl"], Some(b""));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

/// `tag … | head -c 1`: a closed stdout ends quietly with status 0 (as in ripgrep), never a
/// panic, in every mode.
#[test]
fn closed_stdout_ends_quietly_with_status_0() {
    let f = fixture();
    let p = f.path("big.txt");
    std::fs::write(&p, common::SEED.repeat(20)).unwrap();
    let jsonl = format!(
        "{}\n",
        serde_json::json!({"id": 1, "text": common::SEED.repeat(20)})
    );
    for args in [
        &["--json", p.to_str().unwrap()][..],
        &[p.to_str().unwrap()],
        &["--jsonl"],
    ] {
        let mut cmd = Command::new(common::tag_bin());
        cmd.arg("--models")
            .arg(&f.models)
            .args(["--threads", "1"])
            .args(args);
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let mut input = child.stdin.take().unwrap();
        let data = jsonl.clone();
        let writer = std::thread::spawn(move || {
            let _ = input.write_all(data.as_bytes());
        });
        drop(child.stdout.take()); // the reader goes away before any output
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(!err.contains("error"), "{args:?}: {err}");
    }
}

/// Issue 11: a `"date"` that is not YYYY-MM-DD is an error record for that line only; a good
/// one is accepted; `--date` is checked like any option (usage error, exit 2).
#[test]
fn jsonl_dates_bad_ones_fail_their_line_only() {
    let f = fixture();
    let input = concat!(
        "{\"id\": 1, \"text\": \"Iran said yes.\", \"date\": \"2014-06-18\"}\n",
        "{\"id\": 2, \"text\": \"Iran said no.\", \"date\": \"June 18, 2014\"}\n",
        "{\"id\": 3, \"text\": \"Iran said maybe.\", \"date\": 20140618}\n",
        "{\"id\": 4, \"text\": \"Iran said so.\", \"date\": null}\n",
        "{\"id\": 5, \"text\": \"Iran said it.\", \"date\": \"2014-02-30\"}\n",
    );
    let o = f.run(&["--jsonl"], Some(input.as_bytes()));
    // Bad dates are per-document problems: error records in place, the run succeeds.
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(out.len(), 5);
    for (k, bad) in [(0, false), (1, true), (2, true), (3, false), (4, true)] {
        assert_eq!(out[k]["id"], serde_json::json!(k + 1));
        assert_eq!(
            out[k].get("error").is_some(),
            bad,
            "line {}: {}",
            k + 1,
            out[k]
        );
        if bad {
            assert!(
                out[k]["error"].as_str().unwrap().contains("date"),
                "{}",
                out[k]
            );
            assert_eq!(out[k]["line"], serde_json::json!(k + 1));
        } else {
            assert!(out[k]["actors"].is_array(), "{}", out[k]);
        }
    }
    let o = f.run(&["--date", "18/06/2014", "--json"], None);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let o = f.run(&["--date", "2014-06-18", "--json"], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}
