//! The attribution lexicon: speech verbs, reporting verbs, prepositions, pronouns, source
//! nouns and roles (`data/attribution.toml`, embedded). Demonyms come from the gazetteer,
//! the one demonym source of every stage.

use std::sync::{Arc, OnceLock};

use serde::Deserialize;

/// The embedded attribution lexicon.
pub const EMBEDDED_ATTRIBUTION: &str = include_str!("../../data/attribution.toml");

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLex {
    speech: Vec<String>,
    #[serde(default)]
    reporting: Vec<String>,
    prepositions: Vec<String>,
    singular_person: Vec<String>,
    plural: Vec<String>,
    relative: Vec<String>,
    sources: Vec<String>,
    #[serde(default)]
    source_modifiers: Vec<String>,
    roles: Vec<String>,
    #[serde(default)]
    exemplifiers: Vec<String>,
}

/// The attribution lexicon (speech verbs, prepositions, pronouns, source nouns).
#[derive(Clone, Debug, Default)]
pub struct AttributionLexicon {
    pub(super) speech: Vec<Vec<String>>,
    pub(super) reporting: Vec<String>,
    pub(super) prepositions: Vec<String>,
    pub(super) singular_person: Vec<String>,
    pub(super) plural: Vec<String>,
    pub(super) relative: Vec<String>,
    pub(super) sources: Vec<String>,
    pub(super) source_modifiers: Vec<String>,
    pub(super) roles: Vec<String>,
    /// Phrases before a member or head of a group ("such as", "led by"), split into words.
    pub(super) exemplifiers: Vec<Vec<String>>,
}

fn wmatch(pat: &str, w: &str) -> bool {
    match pat.strip_suffix('*') {
        Some(p) => w.starts_with(p),
        None => pat == w,
    }
}

impl AttributionLexicon {
    /// The source nouns and their modifiers ("a senior Iranian *government official*"), for
    /// the stage that adds states named only by demonyms ([`crate::actors::unnamed`]).
    pub(crate) fn source_words(&self) -> crate::actors::unnamed::SourceWords<'_> {
        crate::actors::unnamed::SourceWords {
            nouns: &self.sources,
            modifiers: &self.source_modifiers,
        }
    }

    /// The embedded lexicon (parsed once), shared: an analyzer holds it without copying it.
    pub(crate) fn shared() -> Arc<AttributionLexicon> {
        static CELL: OnceLock<Arc<AttributionLexicon>> = OnceLock::new();
        CELL.get_or_init(|| {
            // The embedded file is checked by a unit test; an empty lexicon is the fallback.
            Arc::new(
                AttributionLexicon::from_toml_str(
                    EMBEDDED_ATTRIBUTION,
                    "<embedded data/attribution.toml>",
                )
                .unwrap_or_default(),
            )
        })
        .clone()
    }

    /// Parse an attribution lexicon file.
    pub fn from_toml_str(src: &str, path: &str) -> crate::error::Result<AttributionLexicon> {
        let raw: RawLex =
            toml::from_str(src).map_err(|e| crate::error::Error::from_toml(path, src, &e))?;
        let low = |v: Vec<String>| v.into_iter().map(|s| s.to_lowercase()).collect::<Vec<_>>();
        let phrases = |v: &[String]| -> Vec<Vec<String>> {
            v.iter()
                .map(|s| {
                    s.to_lowercase()
                        .split_whitespace()
                        .map(String::from)
                        .collect()
                })
                .collect()
        };
        Ok(AttributionLexicon {
            speech: phrases(&raw.speech),
            exemplifiers: phrases(&raw.exemplifiers),
            reporting: low(raw.reporting),
            prepositions: low(raw.prepositions),
            singular_person: low(raw.singular_person),
            plural: low(raw.plural),
            relative: low(raw.relative),
            sources: low(raw.sources),
            source_modifiers: low(raw.source_modifiers),
            roles: low(raw.roles),
        })
    }

    pub(super) fn speech_at(&self, w: &[&str], i: usize) -> Option<usize> {
        self.speech
            .iter()
            .filter(|p| {
                !p.is_empty()
                    && i + p.len() <= w.len()
                    && p.iter().zip(&w[i..]).all(|(a, b)| wmatch(a, b))
            })
            .map(|p| i + p.len())
            .max()
    }

    /// The first word of an exemplifier phrase ("such as", "led by") that ends just before
    /// word `end`.
    pub(super) fn exemplifier_before(&self, w: &[&str], end: usize) -> Option<usize> {
        self.exemplifiers
            .iter()
            .filter(|p| !p.is_empty() && p.len() <= end)
            .find(|p| p.iter().zip(&w[end - p.len()..end]).all(|(a, b)| a == b))
            .map(|p| end - p.len())
    }

    /// Whether a reporting verb ("reported", "reports") starts at word `i`.
    pub(super) fn reporting_at(&self, w: &[&str], i: usize) -> bool {
        w.get(i).is_some_and(|x| self.is(&self.reporting, x))
    }

    pub(super) fn is(&self, list: &[String], w: &str) -> bool {
        list.iter().any(|p| wmatch(p, w))
    }
}
