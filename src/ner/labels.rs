//! Tag sets: mapping a model's `id2label` onto detente's [`Label`]s, and constrained
//! (Viterbi) decoding of BIO / BIOES tag sequences into spans.

use std::collections::{BTreeMap, HashMap};

use crate::entity::Label;
use crate::error::{Error, Result};

/// The position prefix of a tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Prefix {
    /// Outside any entity.
    O,
    /// Begin.
    B,
    /// Inside (continuation).
    I,
    /// End (BIOES).
    E,
    /// Single-token entity (BIOES).
    S,
}

/// One model output class, decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tag {
    /// Position prefix.
    pub prefix: Prefix,
    /// Entity type; `None` for `O` and for types mapped to "O".
    pub label: Option<Label>,
}

impl Tag {
    /// The outside tag.
    pub const OUTSIDE: Tag = Tag {
        prefix: Prefix::O,
        label: None,
    };
}

/// OntoNotes types that are not entities for detente; mapped to `O` unless overridden.
const IGNORED_TYPES: &[&str] = &[
    "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
];

/// A model's tag set, decoded from `id2label`.
#[derive(Clone, Debug)]
pub struct TagSet {
    tags: Vec<Tag>,
}

/// Map one entity-type name onto ours, honouring user overrides (`"O"` drops the type).
///
/// `Ok(None)` means "not an entity for detente"; an unknown name is an error naming the model.
pub fn map_label(
    model: &str,
    name: &str,
    overrides: &BTreeMap<String, String>,
) -> Result<Option<Label>> {
    let unknown = || Error::UnknownLabel {
        model: model.to_string(),
        label: name.to_string(),
    };
    if let Some(target) = overrides.get(name) {
        if target.eq_ignore_ascii_case("O") {
            return Ok(None);
        }
        return Label::parse(target).map(Some).ok_or_else(unknown);
    }
    if let Some(l) = Label::parse(name) {
        return Ok(Some(l));
    }
    if IGNORED_TYPES.contains(&name.to_ascii_uppercase().as_str()) {
        return Ok(None);
    }
    Err(unknown())
}

impl TagSet {
    /// Build from a model's `id2label` (ids must be `0..n` without gaps). Accepts `O`,
    /// `B-X`, `I-X`, `E-X`, `S-X` (also `L-`/`U-` as in BILOU, and `_` as the separator);
    /// `X` goes through [`map_label`].
    pub fn from_id2label(
        model: &str,
        id2label: &HashMap<i64, String>,
        overrides: &BTreeMap<String, String>,
    ) -> Result<TagSet> {
        let n = id2label.len();
        let mut tags = Vec::with_capacity(n);
        for id in 0..n as i64 {
            let name = id2label.get(&id).ok_or_else(|| Error::Config {
                path: format!("{model}/config.json"),
                line: 0,
                column: 0,
                message: format!("id2label has {n} entries but no id {id}"),
            })?;
            tags.push(Self::parse_tag(model, name, overrides)?);
        }
        if tags.is_empty() {
            return Err(Error::Config {
                path: format!("{model}/config.json"),
                line: 0,
                column: 0,
                message: "id2label is empty".into(),
            });
        }
        Ok(TagSet { tags })
    }

    fn parse_tag(model: &str, name: &str, overrides: &BTreeMap<String, String>) -> Result<Tag> {
        if name.eq_ignore_ascii_case("O") {
            return Ok(Tag::OUTSIDE);
        }
        let (prefix, ty) = match name.split_once(['-', '_']) {
            Some((p, t)) if p.len() == 1 => {
                let prefix = match p.to_ascii_uppercase().as_str() {
                    "B" => Prefix::B,
                    "I" => Prefix::I,
                    "E" | "L" => Prefix::E,
                    "S" | "U" => Prefix::S,
                    _ => {
                        return Err(Error::UnknownLabel {
                            model: model.into(),
                            label: name.into(),
                        })
                    }
                };
                (prefix, t)
            }
            // A bare type (IO tagging): treat as inside.
            _ => (Prefix::I, name),
        };
        match map_label(model, ty, overrides)? {
            Some(label) => Ok(Tag {
                prefix,
                label: Some(label),
            }),
            None => Ok(Tag::OUTSIDE),
        }
    }

    /// Number of classes.
    pub fn len(&self) -> usize {
        self.tags.len()
    }

    /// Whether the set is empty (never, once built).
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }

    /// The decoded tag of class `i`.
    pub fn tag(&self, i: usize) -> Tag {
        self.tags.get(i).copied().unwrap_or(Tag::OUTSIDE)
    }

    /// May a tag of class `b` follow class `a`? (`a = None`: sequence start.)
    fn allowed(&self, a: Option<usize>, b: usize) -> bool {
        let tb = self.tag(b);
        let ta = a.map(|a| self.tag(a));
        let continues = |ta: Option<Tag>| match ta {
            Some(t) => matches!(t.prefix, Prefix::B | Prefix::I) && t.label == tb.label,
            None => false,
        };
        match tb.prefix {
            Prefix::I | Prefix::E => continues(ta),
            _ => true,
        }
    }

    /// Index of a class that decodes to `O` (used for words that produced no sub-token).
    pub fn outside_class(&self) -> Option<usize> {
        self.tags.iter().position(|t| t.label.is_none())
    }

    /// Most probable tag sequence under the BIO/BIOES constraints (an `I-X`/`E-X` only after
    /// `B-X`/`I-X`). `logp` holds `n_words` rows of [`Self::len`] log-probabilities.
    pub fn viterbi(&self, logp: &[f32]) -> Vec<usize> {
        let n = self.len();
        if n == 0 || logp.len() < n {
            return Vec::new();
        }
        let words = logp.len() / n;
        let mut allow = vec![false; n * n];
        for a in 0..n {
            for b in 0..n {
                allow[a * n + b] = self.allowed(Some(a), b);
            }
        }
        let neg = f32::NEG_INFINITY;
        let mut score: Vec<f32> = (0..n)
            .map(|c| if self.allowed(None, c) { logp[c] } else { neg })
            .collect();
        let mut back: Vec<u16> = vec![0; words * n];
        let mut next = vec![neg; n];
        for w in 1..words {
            let row = &logp[w * n..(w + 1) * n];
            for b in 0..n {
                let mut best = neg;
                let mut arg = 0usize;
                for a in 0..n {
                    if allow[a * n + b] && score[a] > best {
                        best = score[a];
                        arg = a;
                    }
                }
                next[b] = best + row[b];
                back[w * n + b] = arg as u16;
            }
            std::mem::swap(&mut score, &mut next);
        }
        let mut cur = (0..n)
            .max_by(|&a, &b| score[a].total_cmp(&score[b]))
            .unwrap_or(0);
        let mut path = vec![0usize; words];
        for w in (0..words).rev() {
            path[w] = cur;
            cur = back[w * n + cur] as usize;
        }
        path
    }

    /// Turn a tag path into `(first_word, last_word_exclusive, label)` spans. Lenient: an
    /// `I-X` after `O` starts a new entity (only matters for paths not from [`Self::viterbi`]).
    pub fn spans(&self, path: &[usize]) -> Vec<(usize, usize, Label)> {
        let mut out = Vec::new();
        let mut open: Option<(usize, Label)> = None;
        for (w, &c) in path.iter().enumerate() {
            let t = self.tag(c);
            match (t.prefix, t.label) {
                (Prefix::O, _) | (_, None) => {
                    if let Some((s, l)) = open.take() {
                        out.push((s, w, l));
                    }
                }
                (Prefix::B, Some(l)) | (Prefix::S, Some(l)) => {
                    if let Some((s, pl)) = open.take() {
                        out.push((s, w, pl));
                    }
                    if t.prefix == Prefix::S {
                        out.push((w, w + 1, l));
                    } else {
                        open = Some((w, l));
                    }
                }
                (Prefix::I, Some(l)) | (Prefix::E, Some(l)) => {
                    match open {
                        Some((_, pl)) if pl == l => {}
                        _ => {
                            if let Some((s, pl)) = open.take() {
                                out.push((s, w, pl));
                            }
                            open = Some((w, l));
                        }
                    }
                    if t.prefix == Prefix::E {
                        if let Some((s, l)) = open.take() {
                            out.push((s, w + 1, l));
                        }
                    }
                }
            }
        }
        if let Some((s, l)) = open {
            out.push((s, path.len(), l));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str]) -> Result<TagSet> {
        let m: HashMap<i64, String> = names
            .iter()
            .enumerate()
            .map(|(i, s)| (i as i64, s.to_string()))
            .collect();
        TagSet::from_id2label("test", &m, &BTreeMap::new())
    }

    #[test]
    fn conll_and_ontonotes_names_map() {
        let s = set(&[
            "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
        ])
        .unwrap();
        assert_eq!(s.tag(1).label, Some(Label::Person));
        assert_eq!(s.tag(6).label, Some(Label::Location));
        let o = set(&[
            "O", "B-GPE", "I-GPE", "B-NORP", "B-DATE", "I-DATE", "S-PERSON", "E-ORG",
        ])
        .unwrap();
        assert_eq!(o.tag(1).label, Some(Label::Location));
        assert_eq!(o.tag(3).label, Some(Label::Misc));
        assert_eq!(o.tag(4), Tag::OUTSIDE);
        assert_eq!(o.tag(6).prefix, Prefix::S);
        assert_eq!(o.tag(7).prefix, Prefix::E);
    }

    #[test]
    fn unknown_label_is_an_error_not_a_panic() {
        let e = set(&["O", "B-WIDGET"]).unwrap_err();
        assert!(
            matches!(e, Error::UnknownLabel { ref label, .. } if label == "WIDGET"),
            "{e}"
        );
        assert!(set(&["O", "X-PER"]).is_err());
        let mut ov = BTreeMap::new();
        ov.insert("WIDGET".to_string(), "O".to_string());
        let m: HashMap<i64, String> = [(0, "O".to_string()), (1, "B-WIDGET".to_string())].into();
        assert_eq!(
            TagSet::from_id2label("t", &m, &ov).unwrap().tag(1),
            Tag::OUTSIDE
        );
    }

    #[test]
    fn gaps_in_ids_are_errors() {
        let m: HashMap<i64, String> = [(0, "O".to_string()), (2, "B-PER".to_string())].into();
        assert!(TagSet::from_id2label("t", &m, &BTreeMap::new()).is_err());
    }

    #[test]
    fn viterbi_never_starts_with_inside() {
        let s = set(&["O", "B-PER", "I-PER"]).unwrap();
        let lp: Vec<f32> = [0.1f32, 0.4, 0.5, 0.1, 0.1, 0.8]
            .iter()
            .map(|x| x.ln())
            .collect();
        // Greedy would give I-PER, I-PER; constrained decoding must give B-PER, I-PER.
        let path = s.viterbi(&lp);
        assert_eq!(path, vec![1, 2]);
        assert_eq!(s.spans(&path), vec![(0, 2, Label::Person)]);
    }

    #[test]
    fn bio_and_bioes_decode_to_the_same_spans() {
        let bio = set(&["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]).unwrap();
        assert_eq!(
            bio.spans(&[1, 2, 0, 3, 3, 4]),
            vec![
                (0, 2, Label::Person),
                (3, 4, Label::Location),
                (4, 6, Label::Location)
            ]
        );
        let bioes = set(&["O", "B-PER", "I-PER", "E-PER", "S-PER", "S-LOC"]).unwrap();
        assert_eq!(
            bioes.spans(&[1, 2, 3, 0, 4, 5]),
            vec![
                (0, 3, Label::Person),
                (4, 5, Label::Person),
                (5, 6, Label::Location)
            ]
        );
    }
}
