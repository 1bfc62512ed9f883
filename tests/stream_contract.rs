//! The stream-filter contract of `detente tag --jsonl` (issue 13, item 1), on its own: what
//! Spark `TRANSFORM` and Ray `map_batches` rely on. Runs the built `tag` example (the same code
//! as `detente tag`) on a tiny random model. See `detente::io::jsonl` for the protocol.
//!
//! Covered here: output flushed per bounded batch while input is still open; `--threads`, else
//! `OMP_NUM_THREADS`, decides libtorch's threads (seen through `--emit-meta`); oversized texts
//! are error records; output is byte-for-byte deterministic; a JSONL file argument and the HTML
//! report; a model that cannot load is fatal (status 1, nothing on stdout). Blank lines,
//! malformed JSON, missing id/text, empty text, order and a closed stdout: tests/cli.rs.
#![cfg(feature = "transformer")]

mod common;
mod tiny_model;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

fn tag(models: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(common::tag_bin());
    cmd.arg("--models").arg(models).args(args);
    cmd.env_remove("DETENTE_MODELS")
        .env_remove("OMP_NUM_THREADS");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Run with `input` on stdin; also returns the child's pid.
fn run(mut cmd: Command, input: &str) -> (Output, u32) {
    let mut child = cmd.spawn().unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let data = input.as_bytes().to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (out, pid)
}

fn records(o: &Output) -> Vec<Value> {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn jsonl(texts: &[&str]) -> String {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{}\n", json!({"id": format!("d{i}"), "text": t})))
        .collect()
}

fn fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let models = tiny_model::models_toml(dir.path(), 64, 16, 31);
    (dir, models)
}

#[test]
fn output_is_flushed_per_batch_while_input_is_still_open() {
    let (_dir, models) = fixture();
    let mut child = tag(&models, &["--jsonl", "--docs-per-batch", "2"], &[])
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    // One full batch; stdin stays open.
    stdin
        .write_all(jsonl(&["Iran said yes.", "Kerry said no."]).as_bytes())
        .unwrap();
    stdin.flush().unwrap();
    for want in ["d0", "d1"] {
        let line = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("a full batch is written before the input ends");
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["id"], want);
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
}

#[test]
fn threads_come_from_the_flag_else_omp_num_threads_and_meta_shows_them() {
    let (_dir, models) = fixture();
    let input = format!("{}not json\n", jsonl(&["Iran said yes.", "Zarif said no."]));
    for (args, env, want) in [
        (&["--threads", "2"][..], &[][..], 2),
        (&[], &[("OMP_NUM_THREADS", "1")][..], 1),
        (&["--threads", "1"], &[("OMP_NUM_THREADS", "3")][..], 1),
    ] {
        let mut all = vec!["--jsonl", "--emit-meta"];
        all.extend_from_slice(args);
        let (o, pid) = run(tag(&models, &all, env), &input);
        let recs = records(&o);
        assert_eq!(recs.len(), 3);
        assert_eq!(
            recs[2]["error"]
                .as_str()
                .map(|e| e.starts_with("malformed JSON")),
            Some(true)
        );
        for r in &recs {
            let meta = &r["meta"];
            assert_eq!(meta["pid"], json!(pid), "{args:?} {env:?}: {r}");
            assert_eq!(meta["threads"], json!(want), "{args:?} {env:?}: {r}");
            let (s, e) = (
                meta["t_start"].as_f64().unwrap(),
                meta["t_end"].as_f64().unwrap(),
            );
            assert!(s > 1.6e9 && s <= e, "unix seconds, start before end: {r}");
        }
    }
    // Without --emit-meta there is no meta field.
    let (o, _) = run(tag(&models, &["--jsonl"], &[]), &input);
    assert!(records(&o).iter().all(|r| r.get("meta").is_none()));
}

#[test]
fn oversized_texts_are_error_records_and_the_run_goes_on() {
    let (_dir, models) = fixture();
    let long = "Iran said yes. ".repeat(20); // 300 bytes
    let input = jsonl(&["Iran said yes.", &long, "Kerry said no."]);
    let (o, _) = run(
        tag(&models, &["--jsonl", "--max-bytes", "100"], &[]),
        &input,
    );
    let recs = records(&o);
    assert_eq!(recs.len(), 3);
    assert!(recs[0].get("error").is_none() && recs[2].get("error").is_none());
    assert_eq!(
        recs[1],
        json!({"id": "d1", "line": 2, "error": "text is 300 bytes, over the limit of 100 bytes"})
    );
}

#[test]
fn output_is_deterministic_byte_for_byte() {
    let (_dir, models) = fixture();
    let texts: Vec<String> = (0..9)
        .map(|i| common::SEED.chars().skip(i * 300).take(900).collect())
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let input = format!("{}{{bad\n", jsonl(&refs));
    let args = ["--jsonl", "--docs-per-batch", "4", "--threads", "1"];
    let (a, _) = run(tag(&models, &args, &[]), &input);
    let (b, _) = run(tag(&models, &args, &[]), &input);
    assert_eq!(records(&a).len(), 10);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn a_jsonl_file_argument_and_one_html_page_for_all_documents() {
    let (dir, models) = fixture();
    let file = dir.path().join("in.jsonl");
    std::fs::write(
        &file,
        jsonl(&["Zarif <b>said</b> yes.", "", "Kerry said no."]),
    )
    .unwrap();
    let html = dir.path().join("report.html");
    let args = [
        "--jsonl",
        file.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
    ];
    let (o, _) = run(tag(&models, &args, &[]), "");
    let recs = records(&o);
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[1]["error"], "empty text");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));
    // One section per tagged document, the text escaped.
    assert_eq!(page.matches("<section class=\"doc\"").count(), 2);
    assert!(page.contains("&lt;b&gt;said&lt;/b&gt;") && !page.contains("<b>said"));
}

#[test]
fn a_model_that_cannot_load_is_fatal_with_nothing_on_stdout() {
    let (dir, _models) = fixture();
    let missing = dir.path().join("missing.toml");
    let (o, _) = run(
        tag(&missing, &["--jsonl"], &[]),
        &jsonl(&["Iran said yes."]),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.toml"));
}
