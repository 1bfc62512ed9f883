//! Stance harness (no model): runs the [`detente::Analyzer`] over the gold entities of gold
//! files and prints one JSON line per document (`id` = file stem), ready for `tools/score.py`.
//!
//! usage: cargo run --no-default-features --example stance_eval -- GOLD_FILE_OR_DIR... [--topic FILE]

use std::path::{Path, PathBuf};

use detente::span::CharIndex;
use detente::{Analyzer, Entity, Label};

fn run(an: &Analyzer, path: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let gold: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let text = gold["text"].as_str().unwrap_or_default();
    let ix = CharIndex::new(text);
    let mut ents = Vec::new();
    for e in gold["entities"].as_array().into_iter().flatten() {
        let (Some(s), Some(t), Some(l)) =
            (e["start"].as_u64(), e["end"].as_u64(), e["label"].as_str())
        else {
            continue;
        };
        let Some(label) = Label::parse(l) else {
            continue;
        };
        let span = ix.span_from_chars(s as usize, t as usize);
        ents.push(Entity::new(text, span, label, 1.0));
    }
    let mut a = an.analyze(text, ents);
    a.id = Some(serde_json::Value::String(
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    ));
    Ok(serde_json::to_string(&a)?)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut an = Analyzer::new();
    if let Some(i) = args.iter().position(|a| a == "--topic") {
        let f = args.get(i + 1).cloned().ok_or("--topic needs a file")?;
        an = an.with_topic_file(&f)?;
        args.drain(i..i + 2);
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for a in &args {
        let p = PathBuf::from(a);
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&p)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            v.sort();
            files.extend(v);
        } else {
            files.push(p);
        }
    }
    for f in files {
        println!("{}", run(&an, &f)?);
    }
    Ok(())
}
