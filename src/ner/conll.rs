//! CoNLL-2003 data (one `word TAG` per line, IOB2, blank line between sentences) and
//! entity-level exact-match scoring with conlleval semantics.

use std::collections::BTreeMap;
use std::path::Path;

use crate::entity::Label;
use crate::error::{Error, Result};
use crate::ner::labels::{Prefix, Tag};

/// One sentence: words and their IOB2 tags.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence {
    /// The words.
    pub words: Vec<String>,
    /// One tag per word (`O`, `B-PER`, ...).
    pub tags: Vec<String>,
}

/// Read a CoNLL file. The last column is the tag; `-DOCSTART-` lines are skipped.
pub fn read_conll(path: &Path) -> Result<Vec<Sentence>> {
    let src = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (i, line) in src.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let mut cols = line.split_whitespace();
        let word = cols.next().unwrap_or_default();
        if word == "-DOCSTART-" {
            continue;
        }
        let tag = cols.last().ok_or_else(|| Error::Config {
            path: path.display().to_string(),
            line: i + 1,
            column: 1,
            message: "expected `word TAG`".into(),
        })?;
        cur.words.push(word.to_string());
        cur.tags.push(tag.to_string());
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Entity chunks `(start, end_exclusive, type)` of an IOB2/IOB1 tag sequence (conlleval rules:
/// an `I-X` that does not continue an `X` chunk starts a new one).
pub fn chunks(tags: &[String]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (p, ty) = match t.split_once('-') {
            Some((p, ty)) => (p, ty),
            None => ("O", ""),
        };
        let continues = p == "I" && open.as_ref().is_some_and(|(_, o)| o == ty);
        if !continues {
            if let Some((s, o)) = open.take() {
                out.push((s, i, o));
            }
            if p == "B" || p == "I" {
                open = Some((i, ty.to_string()));
            }
        }
    }
    if let Some((s, o)) = open {
        out.push((s, tags.len(), o));
    }
    out
}

/// Counts for precision/recall/F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Exact matches.
    pub tp: usize,
    /// Predicted chunks.
    pub pred: usize,
    /// Gold chunks.
    pub gold: usize,
}

impl Counts {
    /// Precision.
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            self.tp as f64 / self.pred as f64
        }
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Entity-level scores, overall and per type.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    /// Over all types.
    pub overall: Counts,
    /// Per entity type.
    pub per_type: BTreeMap<String, Counts>,
}

impl Scores {
    /// Add one sentence's gold and predicted tags.
    pub fn add(&mut self, gold: &[String], pred: &[String]) {
        let g = chunks(gold);
        let p = chunks(pred);
        for (_, _, t) in &g {
            self.per_type.entry(t.clone()).or_default().gold += 1;
            self.overall.gold += 1;
        }
        for c in &p {
            let e = self.per_type.entry(c.2.clone()).or_default();
            e.pred += 1;
            self.overall.pred += 1;
            if g.contains(c) {
                e.tp += 1;
                self.overall.tp += 1;
            }
        }
    }
}

/// The IOB2 tag (`O`, `B-PER`, `I-LOC`, ...) of a decoded model tag, with CoNLL type names
/// (`COUNTRY` counts as `LOC`; BIOES `S`/`E` become `B`/`I`).
pub fn iob2(tag: Tag) -> String {
    let Some(label) = tag.label else {
        return "O".into();
    };
    let ty = match label {
        Label::Person => "PER",
        Label::Organization => "ORG",
        Label::Location | Label::Country => "LOC",
        Label::Misc => "MISC",
    };
    let p = if matches!(tag.prefix, Prefix::B | Prefix::S) {
        "B"
    } else {
        "I"
    };
    format!("{p}-{ty}")
}

/// Tag `sents` with `ner` and score them. With `context`, the sentences are one stream of
/// words in file order (each tagged with its neighbours in its window, as articles are);
/// without, each sentence is tagged alone.
#[cfg(feature = "transformer")]
pub fn evaluate(
    ner: &crate::ner::transformer::TransformerNer,
    sents: &[Sentence],
    context: bool,
) -> Result<Scores> {
    let docs: Vec<Vec<&str>> = if context {
        vec![sents
            .iter()
            .flat_map(|s| s.words.iter().map(String::as_str))
            .collect()]
    } else {
        sents
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect()
    };
    let paths: Vec<usize> = ner
        .predict_words(&docs)?
        .into_iter()
        .flat_map(|(p, _)| p)
        .collect();
    let mut scores = Scores::default();
    let mut k = 0;
    for s in sents {
        let pred: Vec<String> = paths[k..k + s.words.len()]
            .iter()
            .map(|&c| iob2(ner.tags().tag(c)))
            .collect();
        scores.add(&s.tags, &pred);
        k += s.words.len();
    }
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn conlleval_chunking_and_scores() {
        assert_eq!(
            chunks(&s(&["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"])),
            vec![
                (0, 2, "PER".into()),
                (3, 4, "LOC".into()),
                (4, 5, "LOC".into()),
                (5, 6, "ORG".into())
            ]
        );
        let mut sc = Scores::default();
        sc.add(
            &s(&["B-PER", "I-PER", "O", "B-LOC"]),
            &s(&["B-PER", "O", "O", "B-LOC"]),
        );
        assert_eq!(
            sc.overall,
            Counts {
                tp: 1,
                pred: 2,
                gold: 2
            }
        );
        assert!((sc.overall.f1() - 0.5).abs() < 1e-9);
    }
}
