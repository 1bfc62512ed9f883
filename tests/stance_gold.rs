//! End-to-end stance checks without a model: the gold entities of the seed article and of the
//! development set go through the [`Analyzer`] (geo → actors → attribution → stance) and the
//! stances are compared with the gold annotation, matched the way `tools/score.py` matches
//! them (persons by last name, countries by ISO code, organizations by name containment).

use std::path::{Path, PathBuf};

use detente::span::CharIndex;
use detente::{Actor, ActorKind, Analysis, Analyzer, Entity, Label};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

fn analyze(path: &Path) -> Option<(serde_json::Value, Analysis)> {
    let src = std::fs::read_to_string(path).ok()?;
    let gold: serde_json::Value = serde_json::from_str(&src).ok()?;
    let text = gold["text"].as_str()?.to_string();
    let ix = CharIndex::new(&text);
    let mut ents = Vec::new();
    for e in gold["entities"].as_array()? {
        let label = Label::parse(e["label"].as_str()?)?;
        let span = ix.span_from_chars(e["start"].as_u64()? as usize, e["end"].as_u64()? as usize);
        ents.push(Entity::new(&text, span, label, 1.0));
    }
    let analysis = Analyzer::new().analyze(&text, ents);
    Some((gold, analysis))
}

fn norm(s: &str) -> String {
    let s = s.to_lowercase().replace('’', "'");
    let s = s.trim();
    let s = s.strip_prefix("the ").unwrap_or(s);
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ')
        .collect()
}

fn iso(name: &str) -> Option<&'static str> {
    Some(match norm(name).as_str() {
        "united states" => "USA",
        "iran" => "IRN",
        "israel" => "ISR",
        "saudi arabia" => "SAU",
        "france" => "FRA",
        "united kingdom" | "britain" => "GBR",
        "australia" => "AUS",
        "iraq" => "IRQ",
        "syria" => "SYR",
        _ => return None,
    })
}

fn names(a: &Actor) -> Vec<String> {
    std::iter::once(a.name.clone())
        .chain(a.mentions.iter().map(|m| m.text.clone()))
        .collect()
}

fn last(s: &str) -> String {
    norm(s).split_whitespace().last().unwrap_or("").to_string()
}

fn find<'a>(g: &serde_json::Value, actors: &'a [Actor]) -> Option<&'a Actor> {
    let kind = match g["kind"].as_str()?.to_uppercase().as_str() {
        "PERSON" => ActorKind::Person,
        "COUNTRY" => ActorKind::Country,
        _ => ActorKind::Organization,
    };
    let want = g["actor"].as_str()?;
    let cands = actors.iter().filter(|a| a.kind == kind);
    match kind {
        ActorKind::Country => {
            let code = iso(g["affiliation"].as_str().unwrap_or(want));
            cands.into_iter().find(|a| {
                (code.is_some() && a.country.as_deref() == code)
                    || names(a).iter().any(|n| norm(n) == norm(want))
            })
        }
        ActorKind::Person => cands
            .into_iter()
            .find(|a| names(a).iter().any(|n| last(n) == last(want))),
        ActorKind::Organization => cands.into_iter().find(|a| {
            names(a).iter().any(|n| {
                let (x, y) = (norm(n), norm(want));
                !x.is_empty() && !y.is_empty() && (x == y || x.contains(&y) || y.contains(&x))
            })
        }),
    }
}

/// (correct, total, misses) over the gold actors of one file.
fn score(path: &Path) -> (usize, usize, Vec<String>) {
    let Some((gold, analysis)) = analyze(path) else {
        return (0, 0, vec![format!("{}: unreadable", path.display())]);
    };
    let text: Vec<char> = gold["text"].as_str().unwrap_or("").chars().collect();
    let mut ok = 0;
    let mut misses = Vec::new();
    let gold_actors = gold["actors"].as_array().cloned().unwrap_or_default();
    for g in &gold_actors {
        let want = g["stance"].as_str().unwrap_or("");
        let got = find(g, &analysis.actors);
        let got_stance = got.map_or("missing", |a| a.stance.as_str());
        if got_stance == want {
            ok += 1;
        } else {
            misses.push(format!(
                "{}: {} gold={want} got={got_stance}",
                path.display(),
                g["actor"]
            ));
        }
        // Evidence is checkable: every non-neutral stance has some, and it quotes the input.
        if let Some(a) = got {
            assert!((0.0..=1.0).contains(&a.confidence));
            if a.stance.as_str() != "neutral" {
                assert!(!a.evidence.is_empty(), "{} has no evidence", a.name);
            }
            for e in &a.evidence {
                let s: String = text[e.start..e.end].iter().collect();
                assert_eq!(s, e.text, "evidence offsets of {}", a.name);
            }
        }
    }
    (ok, gold_actors.len(), misses)
}

/// The seed article is a tuning text: a floor (11 of 12), not a 100 % ratchet.
const SEED_FLOOR: usize = 11;

#[test]
fn seed_article_stance_floor() {
    let path = shared().join("seed/gold.json");
    assert!(
        path.exists(),
        "{} not found: this test needs ../shared (the team's data checkout)",
        path.display()
    );
    let (ok, total, misses) = score(&path);
    assert_eq!(total, 12);
    assert!(
        ok >= SEED_FLOOR,
        "seed {ok}/{total} < {SEED_FLOOR}: {misses:#?}"
    );
}

/// Measured 2026-11-25 with gold entities: 61/70 (0.871). The floor leaves room for changes
/// in the actor stage, not for regressions of the stance rules.
const DEV_FLOOR: f64 = 0.80;

#[test]
fn dev_set_stance_accuracy_floor() {
    let dir = shared().join("data/stance-dev");
    let rd = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; this test needs ../shared (the team's data checkout)",
            dir.display()
        )
    });
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let (mut ok, mut total, mut misses) = (0, 0, Vec::new());
    for f in &files {
        let (o, t, m) = score(f);
        ok += o;
        total += t;
        misses.extend(m);
    }
    assert_eq!(total, 70, "the dev set has 70 gold actors");
    let acc = ok as f64 / total as f64;
    eprintln!(
        "dev stance accuracy {ok}/{total} = {acc:.3}\n{}",
        misses.join("\n")
    );
    assert!(
        acc >= DEV_FLOOR,
        "dev stance accuracy {acc:.3} < {DEV_FLOOR}\n{misses:#?}"
    );
}

#[test]
fn long_document_goes_through() {
    // The seed article repeated to ~1 MB, with its gold entities shifted along: the whole
    // post-NER pipeline must go through it (its time is printed, not asserted).
    let path = shared().join("seed/gold.json");
    let src = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; this test needs ../shared", path.display()));
    let Ok(gold) = serde_json::from_str::<serde_json::Value>(&src) else {
        panic!("bad gold file");
    };
    let unit = format!("{}\n\n", gold["text"].as_str().unwrap_or(""));
    let n = 1_000_000 / unit.len().max(1);
    let text = unit.repeat(n);
    let ix = CharIndex::new(&text);
    let unit_chars = unit.chars().count();
    let mut ents = Vec::new();
    for k in 0..n {
        for e in gold["entities"].as_array().into_iter().flatten() {
            let (Some(s), Some(t), Some(l)) =
                (e["start"].as_u64(), e["end"].as_u64(), e["label"].as_str())
            else {
                continue;
            };
            let Some(label) = Label::parse(l) else {
                continue;
            };
            let off = k * unit_chars;
            let span = ix.span_from_chars(off + s as usize, off + t as usize);
            ents.push(Entity::new(&text, span, label, 1.0));
        }
    }
    // The whole rule layer through the public API (its time is printed, not asserted; the
    // stages are crate-private).
    let an = Analyzer::new();
    let t0 = std::time::Instant::now();
    let analysis = an.analyze(&text, ents);
    let took = t0.elapsed();
    let actors = analysis.actors;
    eprintln!(
        "{} bytes, {} actors, rule layer in {took:?}",
        text.len(),
        actors.len()
    );
    let us = actors
        .iter()
        .find(|a| a.kind == ActorKind::Country && a.country.as_deref() == Some("USA"));
    assert_eq!(us.map(|a| a.stance.as_str()), Some("support"));
}
