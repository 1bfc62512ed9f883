//! Countries: ISO 3166 names, aliases, capitals and demonyms (data in `data/countries.toml`),
//! and the rules that turn state mentions into `COUNTRY`.
//!
//! The [`Gazetteer`] holds all the world knowledge of the model-free stages: country names and
//! aliases, demonyms, capitals, the metonymy cue words (`data/countries.toml`) and the titles,
//! institutions, media outlets and organization aliases used by the affiliation and actor
//! stages (`data/actors.toml`). Both files are embedded; a user file of the same shape is merged over
//! them with [`Gazetteer::from_toml_str`].
//!
//! `Gazetteer::resolve` turns raw NER mentions into the final entity list:
//!
//! * spans are repaired: a leading "The" of organizations ("The Wall Street Journal" →
//!   "Wall Street Journal"), possessives ("Iraq's", "Iraq’s" → "Iraq") and stray punctuation
//!   are trimmed; overlapping mentions are dropped;
//! * a LOCATION, ORGANIZATION or MISC that is a country name or alias becomes `COUNTRY` with
//!   its ISO 3166-1 alpha-3 code; joined forms ("US-Iran", "Syria-Iraq border") give one
//!   mention per country; an organization given as "US State Department" is split into the
//!   country and the institution;
//! * demonyms ("Iranian", "Americans") are dropped: they carry affiliation, they are not
//!   entities;
//! * programme names ("Face the Nation") become MISC, institutions the model called a place
//!   ("White House") become ORGANIZATION;
//! * capitals are decided by the metonymy rules (documented in `data/countries.toml` and
//!   [`Gazetteer::capital_sense`]): "Tehran's nuclear programme", "Washington said", "talks
//!   with Tehran" are the government (`COUNTRY`), "meetings in Tehran", "hold Baghdad",
//!   datelines are the place (`LOCATION`);
//! * country names the model missed are added by a case-sensitive scan at word boundaries
//!   ("US" matches, "us" and "USSR" do not; names listed as `model_only` are never added), and
//!   so are capitals the model missed when the rules say they stand for the government.
//!
//! The affiliation of persons and organizations (their `country`) is the next stage, not this
//! one.
//!
//! Files: `data.rs` (the data files, merging, indexes), `resolve.rs` (the resolution steps
//! above), `refine.rs` (the per-mention rules: trim, split, relabel), `metonymy.rs`
//! (capitals), `scan.rs` (names the model missed).

mod data;
mod metonymy;
mod refine;
mod resolve;
mod scan;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use crate::doc::text::{floor_boundary, is_word_char};
use crate::error::{Error, Result};

pub(crate) use data::Title;
use data::{is_all_caps, org_key, Data, Merged, ACTORS_TOML, COUNTRIES_TOML};
pub use metonymy::CapitalSense;

/// The country gazetteer and metonymy rules.
///
/// Cheap to clone (the data is shared). Build it with [`Gazetteer::embedded`] or
/// [`Gazetteer::from_toml_str`].
#[derive(Clone, Debug)]
pub struct Gazetteer {
    data: Arc<Data>,
}

impl Default for Gazetteer {
    fn default() -> Self {
        Gazetteer::embedded()
    }
}

impl Gazetteer {
    /// The embedded default data (`data/countries.toml` + `data/actors.toml`).
    pub fn embedded() -> Gazetteer {
        let mut m = Merged::default();
        // The embedded files are tested (`embedded_data_parses`); never panic on them anyway.
        let _ = m.merge(COUNTRIES_TOML, "<embedded data/countries.toml>");
        let _ = m.merge(ACTORS_TOML, "<embedded data/actors.toml>");
        Gazetteer {
            data: Arc::new(Data::build(m)),
        }
    }

    /// Load a user's data file (same shape as `data/countries.toml` and/or
    /// `data/actors.toml`) and merge it over the defaults: lists are extended, maps get new or
    /// replaced keys, a country entry with `replace = true` replaces the default one.
    ///
    /// Errors: [`Error::Config`] with line and column for malformed TOML, unknown fields and
    /// codes that are not ISO 3166-1 alpha-3.
    pub fn from_toml_str(src: &str, path: &str) -> Result<Gazetteer> {
        let mut m = Merged::default();
        m.merge(COUNTRIES_TOML, "<embedded data/countries.toml>")?;
        m.merge(ACTORS_TOML, "<embedded data/actors.toml>")?;
        m.merge(src, path)?;
        Ok(Gazetteer {
            data: Arc::new(Data::build(m)),
        })
    }

    /// Read a user's data file and merge it over the defaults (see
    /// [`Gazetteer::from_toml_str`]).
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<Gazetteer> {
        let path = path.as_ref();
        let src = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Gazetteer::from_toml_str(&src, &path.display().to_string())
    }

    /// ISO 3166-1 alpha-3 code of a country name or alias ("Iran", "U.S.", "the United
    /// States", "Islamic Republic", "Britain" → "GBR"). Names written all in capitals ("US")
    /// match exactly only; other names ignore case. Capitals and demonyms are not names: see
    /// [`Gazetteer::capital`] and [`Gazetteer::demonym`].
    pub fn lookup(&self, name: &str) -> Option<&str> {
        let n = name.trim();
        let n = n
            .strip_prefix("the ")
            .or_else(|| n.strip_prefix("The "))
            .unwrap_or(n);
        if let Some(c) = self.data.names.get(n) {
            return Some(c);
        }
        if is_all_caps(n) {
            return None;
        }
        self.data
            .names_ci
            .get(&n.to_lowercase())
            .map(|s| s.as_str())
    }

    /// ISO code of the country whose capital (seat of government) this is ("Tehran" → "IRN").
    pub fn capital(&self, name: &str) -> Option<&str> {
        let n = name.trim();
        self.data
            .capitals
            .get(n)
            .or_else(|| {
                if is_all_caps(n) {
                    None
                } else {
                    self.data.capitals_ci.get(&n.to_lowercase())
                }
            })
            .map(|s| s.as_str())
    }

    /// ISO code of a demonym or nationality word, singular or plural ("Iranian", "Iranians",
    /// "American", "British", "Saudi" → "SAU"). Case-insensitive.
    pub fn demonym(&self, word: &str) -> Option<&str> {
        let w = word.trim();
        self.data
            .demonyms
            .get(w)
            .or_else(|| self.data.demonyms.get(&w.to_lowercase()))
            .map(|s| s.as_str())
    }

    /// ISO code of one word as written that stands for a country in a speaker's description
    /// ("an *Iranian* official", "a *Tehran* official", "a *U.S.* official"): a demonym, a
    /// capital or a country name. Written forms, so the pronoun "us" is no country.
    pub(crate) fn country_word(&self, word: &str) -> Option<&str> {
        self.demonym(word)
            .or_else(|| self.capital(word))
            .or_else(|| self.lookup(word))
    }

    /// The body a capitalised plural of its members names (`[collectives]`: "Republicans"
    /// → "Republican Party"), as written in the data.
    pub(crate) fn collective(&self, word: &str) -> Option<&str> {
        self.data.merged.collectives.get(word).map(String::as_str)
    }

    /// The short name of a country code, as used for actor names ("IRN" → "Iran").
    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.data
            .merged
            .countries
            .get(&code.to_ascii_uppercase())
            .and_then(|c| c.names.first())
            .map(|s| s.as_str())
    }

    /// The official ISO 3166 name of a code, from the `celes` crate ("IRN" → "Islamic
    /// Republic Of Iran").
    pub fn official_name(code: &str) -> Option<&'static str> {
        celes::Country::from_alpha3(code).ok().map(|c| c.long_name)
    }

    /// ISO codes of all countries in the data.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.data.merged.countries.keys().map(|s| s.as_str())
    }

    /// Country of an organization known from the data: a government institution ("White
    /// House" → USA, "Kremlin" → RUS, "House Intelligence Committee" → USA) or a media outlet
    /// with a home country ("NPR" → USA). `None` when unknown or when the outlet has none
    /// ("Reuters").
    pub fn organization_country(&self, name: &str) -> Option<&str> {
        self.institution_country(name)
            .or_else(|| self.media_country(name).flatten())
    }

    /// Country of a government institution named exactly `name` (see
    /// [`Gazetteer::organization_country`]).
    pub fn institution_country(&self, name: &str) -> Option<&str> {
        if let Some(c) = self.data.institutions_ci.get(&org_key(name)) {
            return Some(c);
        }
        let n = name.trim();
        for (s, e, c) in &self.data.merged.patterns {
            if n.starts_with(s.as_str()) && n.ends_with(e.as_str()) && n.len() > s.len() + e.len() {
                return Some(c);
            }
        }
        None
    }

    /// `Some(country)` when `name` is a media outlet in the data (`Some(None)`: an outlet with
    /// no home country, like a wire service); `None` when it is not an outlet.
    pub fn media_country(&self, name: &str) -> Option<Option<&str>> {
        self.data.media_ci.get(&org_key(name)).map(|c| c.as_deref())
    }

    /// Whether `word` (any case) is a noun for officials or bodies that takes a country
    /// ("officials", "minister", "leadership"): "senior Iranian officials", "Iran's leadership".
    pub fn is_role_noun(&self, word: &str) -> bool {
        self.data.merged.role_nouns.contains(&word.to_lowercase())
    }

    /// Canonical key of an organization name: names listed together in `[organizations]`
    /// ("ISIS", "ISIL", "Islamic State") share it.
    pub fn organization_key(&self, name: &str) -> String {
        let k = org_key(name);
        self.data.org_alias.get(&k).cloned().unwrap_or(k)
    }

    pub(crate) fn titles(&self) -> &[Title] {
        &self.data.titles
    }

    pub(crate) fn is_filler(&self, w: &str) -> bool {
        self.data.merged.fillers.contains(&w.to_lowercase())
    }

    /// Whether `name` is an international organization (`[international]`: "NATO", "UN",
    /// "European Union"): it has no country, and neither do people introduced through it.
    pub fn is_international(&self, name: &str) -> bool {
        self.data.merged.international.contains(&org_key(name))
    }

    /// The country of a tag written in brackets right after a person's name (`[name_tags]`:
    /// US state abbreviations, "(N.Y.)", "(Calif.)"), exact spelling.
    pub(crate) fn name_tag_country(&self, tag: &str) -> Option<&str> {
        self.data
            .merged
            .name_tags
            .get(tag.trim())
            .map(String::as_str)
    }

    /// Whether `name` is a body every state has (`[generic_institutions]`: "Cabinet",
    /// "Foreign Ministry"), any case.
    pub(crate) fn is_generic_institution(&self, name: &str) -> bool {
        self.data.generic_ci.contains(&org_key(name))
    }

    pub(crate) fn is_org_descriptor(&self, w: &str) -> bool {
        self.data.merged.org_descriptors.contains(&w.to_lowercase())
    }

    /// The longest title form that ends exactly at byte `pos` of `text` (case-insensitive, at a
    /// word boundary): (start, title).
    pub(crate) fn title_ending_at(&self, text: &str, pos: usize) -> Option<(usize, &Title)> {
        let pos = floor_boundary(text, pos);
        for t in self.titles() {
            let n = t.form.len();
            if n > pos {
                continue;
            }
            let s = pos - n;
            if !text.is_char_boundary(s) {
                continue;
            }
            if !text[s..pos].eq_ignore_ascii_case(&t.form) {
                continue;
            }
            if text[..s].chars().next_back().is_some_and(is_word_char) {
                continue;
            }
            return Some((s, t));
        }
        None
    }
}
