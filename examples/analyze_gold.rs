//! Model-free dev harness: run the pipeline after NER on gold entities.
//!
//! Loads gold files (`{text, entities:[{text,label,start,end}], ...}`), turns the gold
//! entities into simulated NER output (COUNTRY → LOCATION, the rest as-is), runs
//! [`detente::Analyzer::analyze`] and prints one JSON line per file:
//! `{"id": <file stem>, "entities": [...], "actors": [...]}`, ready for `tools/score.py`.
//!
//! ```text
//! cargo run --no-default-features --example analyze_gold -- [--drop-countries] [--mistype] [--noisy] [--drop-repeats] [PATH...]
//! ```
//! PATHs are gold files or folders of them (default: `../shared/seed/gold.json` and
//! `../shared/data/stance-dev`). `--drop-countries` removes every gold COUNTRY entity, so the
//! gazetteer must find them itself; `--mistype` gives every other country mention to the
//! analyzer as ORGANIZATION and the rest as MISC, as a confused model would. `--noisy` makes the
//! spans and labels look like a CoNLL-style model's: a following possessive ("Iraq's") and a
//! leading "The" of organizations are included in the span, every demonym in the text is given
//! as MISC, and every capital the gold leaves untagged (a place, by the gold's conventions) is
//! given as LOCATION, so the metonymy rules must keep it a place. `--drop-repeats` removes every
//! one-word person mention whose word ends a full name found elsewhere ("Graham" after "Lindsey
//! Graham"), as an uncased model misses "Earnest said".

use std::path::{Path, PathBuf};

use detente::span::CharIndex;
use detente::{Analyzer, Entity, Label};

fn gold_files(arg: &Path) -> Vec<PathBuf> {
    if arg.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(arg)
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "json"))
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    } else {
        vec![arg.to_path_buf()]
    }
}

fn main() {
    let mut drop_countries = false;
    let mut mistype = false;
    let mut noisy = false;
    let mut drop_repeats = false;
    let mut paths = Vec::new();
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--drop-countries" => drop_countries = true,
            "--mistype" => mistype = true,
            "--noisy" => noisy = true,
            "--drop-repeats" => drop_repeats = true,
            "-h" | "--help" => {
                eprintln!("usage: analyze_gold [--drop-countries] [--mistype] [--noisy] [--drop-repeats] [GOLD_FILE_OR_DIR...]");
                return;
            }
            _ => paths.push(PathBuf::from(a)),
        }
    }
    if paths.is_empty() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join("shared");
        paths.push(root.join("seed").join("gold.json"));
        paths.push(root.join("data").join("stance-dev"));
    }
    let analyzer = Analyzer::new();
    for p in paths.iter().flat_map(|p| gold_files(p)) {
        let src = match std::fs::read_to_string(&p) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{}: {e}", p.display());
                continue;
            }
        };
        let gold: serde_json::Value = match serde_json::from_str(&src) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("{}: {e}", p.display());
                continue;
            }
        };
        let text = gold["text"].as_str().unwrap_or_default();
        let ix = CharIndex::new(text);
        let mut ents = Vec::new();
        let mut n_country = 0usize;
        for g in gold["entities"].as_array().into_iter().flatten() {
            let (Some(s), Some(e)) = (g["start"].as_u64(), g["end"].as_u64()) else {
                continue;
            };
            let label = match g["label"].as_str().and_then(Label::parse) {
                Some(Label::Country) => {
                    if drop_countries {
                        continue;
                    }
                    n_country += 1;
                    if mistype {
                        if n_country.is_multiple_of(2) {
                            Label::Organization
                        } else {
                            Label::Misc
                        }
                    } else {
                        Label::Location
                    }
                }
                Some(l) => l,
                None => continue,
            };
            let span = ix.span_from_chars(s as usize, e as usize);
            ents.push(Entity::new(text, span, label, 0.9));
        }
        if drop_repeats {
            let lasts: Vec<String> = ents
                .iter()
                .filter(|e| e.label == Label::Person && e.text.contains(' '))
                .filter_map(|e| e.text.split_whitespace().last().map(str::to_string))
                .collect();
            ents.retain(|e| {
                !(e.label == Label::Person && !e.text.contains(' ') && lasts.contains(&e.text))
            });
        }
        if noisy {
            ents = make_noisy(text, ents, analyzer.gazetteer());
        }
        let mut analysis = analyzer.analyze(text, ents);
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        analysis.id = Some(serde_json::Value::String(stem));
        match serde_json::to_string(&analysis) {
            Ok(line) => println!("{line}"),
            Err(e) => eprintln!("{}: {e}", p.display()),
        }
    }
}

/// See `--noisy` in the module docs.
fn make_noisy(text: &str, ents: Vec<Entity>, gaz: &detente::geo::Gazetteer) -> Vec<Entity> {
    let ix = CharIndex::new(text);
    let mut out: Vec<Entity> = Vec::new();
    for e in ents {
        let mut bs = e.byte_start;
        let mut be = e.byte_end;
        for q in ["'s", "’s"] {
            if text[be..].starts_with(q) {
                be += q.len();
            }
        }
        if e.label == Label::Organization {
            for the in ["The ", "the "] {
                if text[..bs].ends_with(the) {
                    bs -= the.len();
                }
            }
        }
        out.push(Entity::new(
            text,
            ix.span_from_bytes(bs, be),
            e.label,
            e.score,
        ));
    }
    // every capitalized word that is a demonym (MISC) or a capital (LOCATION), when untagged
    let mut extra = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        let Some(s) = start.take() else { continue };
        let w = &text[s..i];
        if !w.chars().next().is_some_and(|c| c.is_uppercase()) {
            continue;
        }
        let title: String = w
            .chars()
            .enumerate()
            .map(|(k, c)| if k == 0 { c } else { c.to_ascii_lowercase() })
            .collect();
        let label = if gaz.demonym(w).is_some() {
            Label::Misc
        } else if gaz.capital(&title).is_some() {
            Label::Location
        } else {
            continue;
        };
        if out.iter().any(|e| s < e.byte_end && i > e.byte_start) {
            continue;
        }
        extra.push(Entity::new(text, ix.span_from_bytes(s, i), label, 0.8));
    }
    out.extend(extra);
    out.sort_by_key(|e| e.byte_start);
    out
}
