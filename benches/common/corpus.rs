//! Benchmark inputs shared by the criterion benches (`benches/`) and the peer comparison
//! (`examples/peer_rust.rs`, `scripts/peers.sh`): the seed article and a corpus of news
//! documents rebuilt from the CoNLL-2003 test file.
//!
//! Each CoNLL document (between `-DOCSTART-` lines) becomes one text: words joined by a
//! space, sentences by a newline. Every engine gets exactly these strings.
#![allow(dead_code)]

use std::path::PathBuf;

/// The embedded seed article (the `tag` example's default input).
pub const SEED_ARTICLE: &str = include_str!("../../examples/data/seed_article.txt");

/// Where the CoNLL-2003 test file is looked for: `$DETENTE_CONLL_TEST`, else
/// `../shared/data/conll2003/test.txt` next to the crate.
pub fn conll_test_path() -> PathBuf {
    match std::env::var_os("DETENTE_CONLL_TEST") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/conll2003/test.txt"),
    }
}

/// A rebuilt document with its gold entities as byte spans and CoNLL types
/// (`PER`, `ORG`, `LOC`, `MISC`).
pub struct GoldDocument {
    /// The text.
    pub text: String,
    /// `(byte_start, byte_end, type)` of every gold entity.
    pub entities: Vec<(usize, usize, String)>,
}

/// Rebuild the documents of a CoNLL file (see the module doc). Errors name the path and
/// say how to point at another one.
pub fn conll_documents(path: &std::path::Path) -> Result<Vec<String>, String> {
    Ok(conll_gold_documents(path)?
        .into_iter()
        .map(|d| d.text)
        .collect())
}

/// [`conll_documents`] with the gold entities (IOB1 or IOB2 tags).
pub fn conll_gold_documents(path: &std::path::Path) -> Result<Vec<GoldDocument>, String> {
    let src = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read the CoNLL-2003 test file {}: {e} (set DETENTE_CONLL_TEST to its path)",
            path.display()
        )
    })?;
    let mut docs = Vec::new();
    let mut doc = GoldDocument {
        text: String::new(),
        entities: Vec::new(),
    };
    let mut sentence_open = false;
    // The entity being built: (byte_start, byte_end, type).
    let mut open: Option<(usize, usize, String)> = None;
    let finish = |doc: &mut GoldDocument, open: &mut Option<(usize, usize, String)>| {
        if let Some(e) = open.take() {
            doc.entities.push(e);
        }
    };
    for line in src.lines() {
        let line = line.trim_end();
        let mut cols = line.split_whitespace();
        let word = cols.next().unwrap_or("");
        let tag = cols.last().unwrap_or("O");
        if word == "-DOCSTART-" {
            finish(&mut doc, &mut open);
            if !doc.text.trim().is_empty() {
                docs.push(std::mem::replace(
                    &mut doc,
                    GoldDocument {
                        text: String::new(),
                        entities: Vec::new(),
                    },
                ));
            }
            sentence_open = false;
            continue;
        }
        if word.is_empty() {
            finish(&mut doc, &mut open);
            if sentence_open {
                doc.text.push('\n');
                sentence_open = false;
            }
            continue;
        }
        if sentence_open {
            doc.text.push(' ');
        }
        let start = doc.text.len();
        doc.text.push_str(word);
        let end = doc.text.len();
        sentence_open = true;
        let (prefix, ty) = tag.split_once('-').unwrap_or(("O", ""));
        let continues = prefix == "I" && open.as_ref().is_some_and(|(_, _, t)| t == ty);
        if continues {
            if let Some(e) = open.as_mut() {
                e.1 = end;
            }
        } else {
            finish(&mut doc, &mut open);
            if prefix == "B" || prefix == "I" {
                open = Some((start, end, ty.to_string()));
            }
        }
    }
    finish(&mut doc, &mut open);
    if !doc.text.trim().is_empty() {
        docs.push(doc);
    }
    for d in &mut docs {
        while d.text.ends_with('\n') {
            d.text.pop();
        }
    }
    if docs.is_empty() {
        return Err(format!("{} holds no document", path.display()));
    }
    Ok(docs)
}
