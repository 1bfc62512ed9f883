//! End-to-end with the shipped default model: the seed article and the 12-article stance
//! development set, scored by `tools/score.py` (the project's scorer) against the bars of
//! the actor and stance issues. Needs `python3` and `../shared` beside the repository.
#![cfg(feature = "transformer")]

use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

fn tagger() -> detente::Tagger {
    detente::Tagger::builder()
        .threads(2)
        .build()
        .expect("the default model loads")
}

/// Tag every gold file, write JSONL predictions, return the scorer's summary lines.
fn score(gold: &Path, files: &[PathBuf], opts: &[&str]) -> (bool, String) {
    let tagger = tagger();
    let mut lines = String::new();
    let mut texts = Vec::new();
    let mut ids = Vec::new();
    for f in files {
        let g: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        texts.push(g["text"].as_str().unwrap().to_string());
        ids.push(f.file_stem().unwrap().to_string_lossy().to_string());
    }
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let analyses: Vec<detente::Analysis> = tagger
        .analyze_batch(&refs)
        .into_iter()
        .collect::<detente::Result<_>>()
        .unwrap();
    for ((id, text), mut a) in ids.iter().zip(&texts).zip(analyses) {
        // Offsets must be exact on real text.
        for e in &a.entities {
            assert_eq!(&text[e.byte_start..e.byte_end], e.text);
            assert_eq!(
                text.chars()
                    .skip(e.start)
                    .take(e.end - e.start)
                    .collect::<String>(),
                e.text
            );
        }
        for act in &a.actors {
            if act.stance != detente::Stance::Neutral {
                assert!(
                    !act.evidence.is_empty(),
                    "{} has a stance without evidence",
                    act.name
                );
            }
            for ev in &act.evidence {
                assert_eq!(
                    text.chars()
                        .skip(ev.start)
                        .take(ev.end - ev.start)
                        .collect::<String>(),
                    ev.text
                );
            }
        }
        a.id = Some(serde_json::Value::from(id.as_str()));
        lines.push_str(&serde_json::to_string(&a).unwrap());
        lines.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    std::fs::write(&pred, lines).unwrap();
    let out = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/score.py"))
        .arg(gold)
        .arg(&pred)
        .args(opts)
        .output()
        .expect("python3 runs tools/score.py");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    (out.status.success(), text)
}

#[test]
fn seed_article_meets_the_bar() {
    let gold = shared().join("seed/gold.json");
    // score.py keys predictions by the gold file's stem.
    let (ok, report) = score(
        &gold,
        std::slice::from_ref(&gold),
        &[
            "--min-entity-f1",
            "0.93",
            "--min-stance-acc",
            "1.0",
            "--min-found",
            "1.0",
            "--min-country",
            "1.0",
        ],
    );
    println!("{report}");
    assert!(ok, "seed article below the bar:\n{report}");
}

#[test]
fn development_set_meets_the_bar() {
    let dir = shared().join("data/stance-dev");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 12);
    let (ok, report) = score(
        &dir,
        &files,
        &[
            "--min-entity-f1",
            "0.90",
            "--min-stance-acc",
            "0.75",
            "--min-found",
            "0.9",
            "--min-country",
            "0.9",
        ],
    );
    println!("{report}");
    assert!(ok, "development set below the bar:\n{report}");
}
