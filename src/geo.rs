//! Countries: ISO 3166 names, aliases, capitals and demonyms (data in `data/countries.toml`),
//! and the rules that turn state mentions into `COUNTRY`.
//!
//! The [`Gazetteer`] holds all the world knowledge of the model-free stages: country names and
//! aliases, demonyms, capitals, the metonymy cue words (`data/countries.toml`) and the titles,
//! institutions, media outlets and organization aliases used by [`crate::actors`]
//! (`data/actors.toml`). Both files are embedded; a user file of the same shape is merged over
//! them with [`Gazetteer::from_toml_str`].
//!
//! [`Gazetteer::resolve`] turns raw NER mentions into the final entity list:
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
//!   so are capitals the model missed when the rules say they stand for the government;
//! * finally [`crate::actors`] sets `country` on persons and organizations whose affiliation
//!   the text makes evident.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use serde::Deserialize;

use crate::doc::text::{
    floor_boundary, is_word_char, next_tok, paragraph_of, possessive_at, prev_tok, Tok,
};
use crate::doc::Doc;
use crate::entity::{Entity, Label};
use crate::error::{line_col, Error, Result};
use crate::span::CharIndex;

const COUNTRIES_TOML: &str = include_str!("../data/countries.toml");
const ACTORS_TOML: &str = include_str!("../data/actors.toml");

// ---------------------------------------------------------------------------------------------
// File format
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    countries: BTreeMap<String, toml::Spanned<RawCountry>>,
    #[serde(default)]
    not_countries: Option<RawPhrases>,
    #[serde(default)]
    metonymy: Option<RawMetonymy>,
    #[serde(default)]
    titles: Option<RawTitles>,
    #[serde(default)]
    institutions: BTreeMap<String, toml::Spanned<String>>,
    #[serde(default)]
    institution_patterns: Vec<toml::Spanned<RawPattern>>,
    #[serde(default)]
    institution_heads: Option<RawWords>,
    #[serde(default)]
    media: BTreeMap<String, toml::Spanned<String>>,
    #[serde(default)]
    programs: Option<RawNames>,
    #[serde(default)]
    organizations: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    role_nouns: Option<RawWords>,
    #[serde(default)]
    org_descriptors: Option<RawWords>,
    #[serde(default)]
    international: Option<RawNames>,
    #[serde(default)]
    generic_institutions: Option<RawNames>,
}

#[derive(Deserialize, Default, Clone, Debug)]
#[serde(deny_unknown_fields)]
struct RawCountry {
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    capitals: Vec<String>,
    #[serde(default)]
    model_only: Vec<String>,
    #[serde(default)]
    replace: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPhrases {
    #[serde(default)]
    phrases: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawWords {
    #[serde(default)]
    words: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawNames {
    #[serde(default)]
    names: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawMetonymy {
    #[serde(default)]
    place_before: Vec<String>,
    #[serde(default)]
    government_before: Vec<String>,
    #[serde(default)]
    movement: Vec<String>,
    #[serde(default)]
    verbs_after: Vec<String>,
    #[serde(default)]
    adverbs: Vec<String>,
    #[serde(default)]
    place_nouns: Vec<String>,
    #[serde(default)]
    place_predicates: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTitles {
    #[serde(default)]
    office: BTreeMap<String, toml::Spanned<RawTitle>>,
    #[serde(default)]
    rank: BTreeMap<String, toml::Spanned<RawTitle>>,
    #[serde(default)]
    fillers: Vec<String>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
struct RawTitle {
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    country: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    starts: String,
    ends: String,
    country: String,
}

// ---------------------------------------------------------------------------------------------
// In-memory data
// ---------------------------------------------------------------------------------------------

/// One sovereign state.
#[derive(Clone, Debug, Default)]
struct CountryData {
    names: Vec<String>,
    demonyms: Vec<String>,
    capitals: Vec<String>,
    model_only: Vec<String>,
}

/// A title before a name (office or rank).
#[derive(Clone, Debug)]
pub(crate) struct Title {
    /// The form as written, lower case ("sen.", "foreign minister").
    pub(crate) form: String,
    /// Display role ("" = none: honorifics like "Mr.").
    pub(crate) role: String,
    /// Whether this is a rank/honorific rather than an office.
    pub(crate) rank: bool,
    /// Weak country hint.
    pub(crate) country: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Metonymy {
    pub(crate) place_before: HashSet<String>,
    pub(crate) government_before: HashSet<String>,
    pub(crate) movement: HashSet<String>,
    pub(crate) verbs_after: HashSet<String>,
    pub(crate) adverbs: HashSet<String>,
    pub(crate) place_nouns: HashSet<String>,
    pub(crate) place_predicates: HashSet<String>,
}

#[derive(Clone, Debug, Default)]
struct Merged {
    countries: BTreeMap<String, CountryData>,
    not_countries: Vec<String>,
    meto: Metonymy,
    titles: BTreeMap<String, Title>,
    fillers: HashSet<String>,
    institutions: BTreeMap<String, (String, String)>,
    patterns: Vec<(String, String, String)>,
    heads: HashSet<String>,
    media: BTreeMap<String, (String, Option<String>)>,
    programs: Vec<String>,
    organizations: BTreeMap<String, Vec<String>>,
    role_nouns: HashSet<String>,
    org_descriptors: HashSet<String>,
    international: HashSet<String>,
    /// `[international]` names as written (for the scan of missed names).
    international_forms: Vec<String>,
    /// `[generic_institutions]`: capitalised names of bodies every state has.
    generic_institutions: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameKind {
    Name,
    Capital,
    /// A known organization (institution, outlet, international body): only in
    /// `Data::org_by_first_word`.
    Organization,
}

#[derive(Debug, Default)]
struct Data {
    merged: Merged,
    /// first alphanumeric run of a name → (name, code, kind), longest first.
    by_first_word: HashMap<String, Vec<(String, String, NameKind)>>,
    /// the same for organization names (`[institutions]`, `[media]`, `[international]`,
    /// `[organizations]`, `[generic_institutions]`), as written.
    org_by_first_word: HashMap<String, Vec<(String, String, NameKind)>>,
    /// exact name → code.
    names: HashMap<String, String>,
    /// lower-cased name → code (names not written all in capitals).
    names_ci: HashMap<String, String>,
    capitals: HashMap<String, String>,
    capitals_ci: HashMap<String, String>,
    /// demonym (exact and lower case, singular and plural) → code.
    demonyms: HashMap<String, String>,
    model_only: HashSet<String>,
    titles: Vec<Title>,
    institutions_ci: HashMap<String, String>,
    media_ci: HashMap<String, Option<String>>,
    org_alias: HashMap<String, String>,
}

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

fn config_err(path: &str, src: &str, span: std::ops::Range<usize>, message: String) -> Error {
    let (line, column) = line_col(src, span.start);
    Error::Config {
        path: path.to_string(),
        line,
        column,
        message,
    }
}

fn check_code(code: &str, path: &str, src: &str, span: std::ops::Range<usize>) -> Result<String> {
    let up = code.trim().to_ascii_uppercase();
    if up.len() == 3 && celes::Country::from_alpha3(&up).is_ok() {
        Ok(up)
    } else {
        Err(config_err(
            path,
            src,
            span,
            format!("`{code}` is not an ISO 3166-1 alpha-3 country code"),
        ))
    }
}

fn push_unique(v: &mut Vec<String>, items: impl IntoIterator<Item = String>) {
    for it in items {
        let it = it.trim().to_string();
        if !it.is_empty() && !v.contains(&it) {
            v.push(it);
        }
    }
}

fn lower_set(set: &mut HashSet<String>, items: Vec<String>) {
    set.extend(items.into_iter().map(|s| s.trim().to_lowercase()));
}

impl Merged {
    fn merge(&mut self, src: &str, path: &str) -> Result<()> {
        let raw: RawFile = toml::from_str(src).map_err(|e| Error::from_toml(path, src, &e))?;
        for (code, entry) in raw.countries {
            let span = entry.span();
            let code = check_code(&code, path, src, span)?;
            let entry = entry.into_inner();
            let slot = self.countries.entry(code).or_default();
            if entry.replace {
                *slot = CountryData::default();
            }
            push_unique(&mut slot.names, entry.names);
            push_unique(&mut slot.demonyms, entry.demonyms);
            push_unique(&mut slot.capitals, entry.capitals);
            push_unique(&mut slot.model_only, entry.model_only);
        }
        if let Some(p) = raw.not_countries {
            push_unique(&mut self.not_countries, p.phrases);
        }
        if let Some(m) = raw.metonymy {
            lower_set(&mut self.meto.place_before, m.place_before);
            lower_set(&mut self.meto.government_before, m.government_before);
            lower_set(&mut self.meto.movement, m.movement);
            lower_set(&mut self.meto.verbs_after, m.verbs_after);
            lower_set(&mut self.meto.adverbs, m.adverbs);
            lower_set(&mut self.meto.place_nouns, m.place_nouns);
            lower_set(&mut self.meto.place_predicates, m.place_predicates);
        }
        if let Some(t) = raw.titles {
            for (rank, map) in [(false, t.office), (true, t.rank)] {
                for (form, v) in map {
                    let span = v.span();
                    let v = v.into_inner();
                    let country = match v.country {
                        Some(c) => Some(check_code(&c, path, src, span)?),
                        None => None,
                    };
                    let role = v.role.unwrap_or_else(|| capitalize(form.trim()));
                    let key = form.trim().to_lowercase();
                    if key.is_empty() {
                        continue;
                    }
                    self.titles.insert(
                        key.clone(),
                        Title {
                            form: key,
                            role,
                            rank,
                            country,
                        },
                    );
                }
            }
            lower_set(&mut self.fillers, t.fillers);
        }
        for (name, code) in raw.institutions {
            let span = code.span();
            let c = check_code(code.get_ref(), path, src, span)?;
            self.institutions
                .insert(name.trim().to_lowercase(), (name.trim().to_string(), c));
        }
        for p in raw.institution_patterns {
            let span = p.span();
            let p = p.into_inner();
            let c = check_code(&p.country, path, src, span)?;
            self.patterns.push((p.starts, p.ends, c));
        }
        if let Some(h) = raw.institution_heads {
            self.heads
                .extend(h.words.into_iter().map(|w| w.trim().to_string()));
        }
        for (name, code) in raw.media {
            let span = code.span();
            let c = if code.get_ref().trim().is_empty() {
                None
            } else {
                Some(check_code(code.get_ref(), path, src, span)?)
            };
            self.media
                .insert(name.trim().to_lowercase(), (name.trim().to_string(), c));
        }
        if let Some(p) = raw.programs {
            push_unique(&mut self.programs, p.names);
        }
        for (canon, aliases) in raw.organizations {
            let slot = self.organizations.entry(canon).or_default();
            push_unique(slot, aliases);
        }
        if let Some(r) = raw.role_nouns {
            lower_set(&mut self.role_nouns, r.words);
        }
        if let Some(r) = raw.org_descriptors {
            lower_set(&mut self.org_descriptors, r.words);
        }
        if let Some(r) = raw.international {
            self.international
                .extend(r.names.iter().map(|n| org_key(n)));
            push_unique(&mut self.international_forms, r.names);
        }
        if let Some(r) = raw.generic_institutions {
            push_unique(&mut self.generic_institutions, r.names);
        }
        Ok(())
    }
}

/// Whether the line around `text[s..e]` has other words and at least as many of them are
/// written in capitals as not (a headline or a shouted line).
fn in_capitals_line(text: &str, s: usize, e: usize) -> bool {
    let ls = text[..s].rfind('\n').map_or(0, |i| i + 1);
    let le = text[e..].find('\n').map_or(text.len(), |i| e + i);
    let (mut caps, mut other) = (0, 0);
    for w in text[ls..s]
        .split_whitespace()
        .chain(text[e..le].split_whitespace())
    {
        if !w.chars().any(char::is_alphabetic) {
            continue;
        }
        if is_all_caps(w) {
            caps += 1;
        } else {
            other += 1;
        }
    }
    caps + other > 0 && caps >= other
}

/// Upper-case the first letter.
pub(crate) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn first_run(s: &str) -> &str {
    let start = s
        .char_indices()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(i, _)| i);
    match start {
        Some(st) => {
            let end = s[st..]
                .char_indices()
                .find(|(_, c)| !c.is_alphanumeric())
                .map(|(i, _)| st + i)
                .unwrap_or(s.len());
            &s[st..end]
        }
        None => "",
    }
}

fn is_all_caps(s: &str) -> bool {
    s.chars().any(|c| c.is_alphabetic()) && !s.chars().any(|c| c.is_lowercase())
}

/// Plural forms of a demonym ("Iranian" → "Iranians"); none for "-ese", "-ish", "-ch", "Swiss".
fn demonym_plural(d: &str) -> Option<String> {
    let l = d.to_lowercase();
    if l.ends_with("ese")
        || l.ends_with("ish")
        || l.ends_with("ch")
        || l.ends_with("ss")
        || l.ends_with('s')
        || l.ends_with('x')
        || d.contains(' ')
    {
        None
    } else {
        Some(format!("{d}s"))
    }
}

/// Normalized key for organization names: lower case, no leading "the", only letters, digits
/// and single spaces.
pub(crate) fn org_key(s: &str) -> String {
    let l = s.trim().to_lowercase().replace('’', "'");
    let l = l.strip_prefix("the ").unwrap_or(&l);
    let mut out = String::new();
    for c in l.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if (c.is_whitespace() || c == '-') && !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

impl Data {
    fn build(merged: Merged) -> Data {
        let mut d = Data::default();
        for (code, c) in &merged.countries {
            for n in &c.names {
                d.add_name(n, code, NameKind::Name);
                d.names.entry(n.clone()).or_insert_with(|| code.clone());
                if !is_all_caps(n) {
                    d.names_ci
                        .entry(n.to_lowercase())
                        .or_insert_with(|| code.clone());
                }
            }
            for n in &c.capitals {
                d.add_name(n, code, NameKind::Capital);
                d.capitals.entry(n.clone()).or_insert_with(|| code.clone());
                d.capitals_ci
                    .entry(n.to_lowercase())
                    .or_insert_with(|| code.clone());
            }
            for dm in &c.demonyms {
                for form in std::iter::once(dm.clone()).chain(demonym_plural(dm)) {
                    d.demonyms
                        .entry(form.to_lowercase())
                        .or_insert_with(|| code.clone());
                    d.demonyms.entry(form).or_insert_with(|| code.clone());
                }
            }
            for m in &c.model_only {
                d.model_only.insert(m.clone());
            }
        }
        d.add_org_names(&merged);
        for v in d
            .by_first_word
            .values_mut()
            .chain(d.org_by_first_word.values_mut())
        {
            v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        }
        d.titles = merged.titles.values().cloned().collect();
        d.titles
            .sort_by(|a, b| b.form.len().cmp(&a.form.len()).then(a.form.cmp(&b.form)));
        for (k, (_, c)) in &merged.institutions {
            d.institutions_ci.insert(org_key(k), c.clone());
        }
        for (k, (_, c)) in &merged.media {
            d.media_ci.insert(org_key(k), c.clone());
        }
        for (canon, aliases) in &merged.organizations {
            let ck = org_key(canon);
            d.org_alias.insert(ck.clone(), ck.clone());
            for a in aliases {
                d.org_alias.insert(org_key(a), ck.clone());
            }
        }
        d.merged = merged;
        d
    }

    /// Index the organization names of the data for the scan of names the model missed.
    /// Names written all in lower case are left out (the scan is case-sensitive).
    fn add_org_names(&mut self, m: &Merged) {
        let names = m
            .institutions
            .values()
            .map(|(n, _)| n)
            .chain(m.media.values().map(|(n, _)| n))
            .chain(&m.international_forms)
            .chain(&m.generic_institutions)
            .chain(
                m.organizations
                    .iter()
                    .flat_map(|(c, a)| std::iter::once(c).chain(a)),
            );
        for n in names {
            if n.chars().any(char::is_uppercase) {
                self.add_name(n, "", NameKind::Organization);
            }
        }
    }

    fn add_name(&mut self, name: &str, code: &str, kind: NameKind) {
        let fw = first_run(name);
        if fw.is_empty() {
            return;
        }
        let index = if kind == NameKind::Organization {
            &mut self.org_by_first_word
        } else {
            &mut self.by_first_word
        };
        let v = index.entry(fw.to_string()).or_default();
        if !v.iter().any(|(n, _, _)| n == name) {
            v.push((name.to_string(), code.to_string(), kind));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Candidates during resolution
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct Cand {
    bs: usize,
    be: usize,
    label: Label,
    score: f32,
    country: Option<String>,
    /// Code of the capital this mention names, pending the metonymy decision.
    capital: Option<String>,
    /// Added by the gazetteer scan (not by the model).
    added: bool,
}

/// The sense of a capital in context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapitalSense {
    /// The capital stands for its government ("Washington said").
    Government,
    /// The capital is the place ("meetings in Tehran").
    Place,
    /// No rule fired.
    Unknown,
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

    /// Decide whether the capital mentioned at bytes `bs..be` of `text` stands for its
    /// government or for the place, by rules over the local context (first match wins):
    ///
    /// 1. **Place**: a dateline (written in capitals, or first in its paragraph and followed by
    ///    "(", "-", "—" or ":"); apposition to "capital" ("the capital, Baghdad"); a word of
    ///    `place_before` right before it ("in", "at", "hold", ...); "to"/"toward" after a word
    ///    of `movement` ("arrived to", "trip to"); a possessive followed by a word of
    ///    `place_nouns` ("Baghdad's streets"); "is"/"was"/"has been" + a word of
    ///    `place_predicates` ("Baghdad is under threat"), or "fell" after it.
    /// 2. **Government**: any other possessive ("Tehran's nuclear programme"); "to"/"toward"
    ///    without movement ("closer to Tehran"); a word of `government_before` ("talks with
    ///    Tehran", "between Washington and Iran"); coordination with a country mention
    ///    (`is_country_at` tells where those are); a lower-case verb right after it, optionally
    ///    after one adverb ("Washington said", "Tehran had launched", "Washington has however
    ///    ruled out").
    /// 3. Otherwise [`CapitalSense::Unknown`].
    pub fn capital_sense(
        &self,
        text: &str,
        bs: usize,
        be: usize,
        paras: &[(usize, usize)],
        is_country_at: &dyn Fn(usize, bool) -> bool,
    ) -> CapitalSense {
        let m = &self.data.merged.meto;
        let Some(name) = text.get(bs..be) else {
            return CapitalSense::Unknown;
        };
        // 1. dateline
        if name.chars().count() > 1 && is_all_caps(name) {
            return CapitalSense::Place;
        }
        let para_start = paragraph_of(paras, bs).map(|i| paras[i].0);
        let first_in_para = match (prev_tok(text, bs), para_start) {
            (None, _) => true,
            (Some(t), Some(ps)) => t.end <= ps,
            _ => false,
        };
        let next = next_tok(text, be);
        if first_in_para {
            if let Some(n) = next {
                if matches!(n.text, "(" | "-" | "—" | "–" | ":" | ",") {
                    return CapitalSense::Place;
                }
            }
        }
        let prev = prev_tok(text, bs);
        // apposition to "capital"
        if let Some(p) = prev {
            let p2 = if !p.word && p.text == "," {
                prev_tok(text, p.start)
            } else {
                Some(p)
            };
            if let Some(p2) = p2 {
                if p2.word && p2.text.eq_ignore_ascii_case("capital") {
                    return CapitalSense::Place;
                }
            }
        }
        let prev_word = prev.filter(|t| t.word).map(|t| t.text.to_lowercase());
        if let Some(pw) = &prev_word {
            if m.place_before.contains(pw) {
                return CapitalSense::Place;
            }
        }
        // possessive
        if let Some(n) = possessive_at(text, be) {
            let after = next_tok(text, be + n);
            if let Some(a) = after {
                if a.word && m.place_nouns.contains(&a.text.to_lowercase()) {
                    return CapitalSense::Place;
                }
            }
            return CapitalSense::Government;
        }
        if let (Some(pw), Some(p)) = (&prev_word, prev) {
            if matches!(pw.as_str(), "to" | "toward" | "towards") {
                let mut q = p.start;
                let mut moving = false;
                for _ in 0..2 {
                    match prev_tok(text, q) {
                        Some(t) if t.word => {
                            if m.movement.contains(&t.text.to_lowercase()) {
                                moving = true;
                                break;
                            }
                            q = t.start;
                        }
                        _ => break,
                    }
                }
                return if moving {
                    CapitalSense::Place
                } else {
                    CapitalSense::Government
                };
            }
            if m.government_before.contains(pw) {
                return CapitalSense::Government;
            }
            // "<country> and Washington"
            if matches!(pw.as_str(), "and" | "or") && is_country_at(p.start, false) {
                return CapitalSense::Government;
            }
        }
        if let Some(n) = next {
            if n.word {
                let nw = n.text.to_lowercase();
                if matches!(nw.as_str(), "and" | "or") {
                    if let Some(after) = next_tok(text, n.end) {
                        if after.word && is_country_at(after.start, true) {
                            return CapitalSense::Government;
                        }
                    }
                }
                let lower = n.text.chars().next().is_some_and(|c| c.is_lowercase());
                // "wants Moscow to participate"
                if nw == "to" {
                    if let Some(n2) = next_tok(text, n.end) {
                        if n2.word && self.is_verb(&n2.text.to_lowercase()) {
                            return CapitalSense::Government;
                        }
                    }
                }
                if lower {
                    // "Baghdad is under threat", "Kabul was shelled": the place
                    if nw == "fell" {
                        return CapitalSense::Place;
                    }
                    if matches!(nw.as_str(), "is" | "was" | "has" | "had" | "remains") {
                        let mut q = n.end;
                        for _ in 0..2 {
                            match next_tok(text, q) {
                                Some(t) if t.word => {
                                    let tw = t.text.to_lowercase();
                                    if m.place_predicates.contains(&tw) {
                                        return CapitalSense::Place;
                                    }
                                    if tw != "been" {
                                        break;
                                    }
                                    q = t.end;
                                }
                                _ => break,
                            }
                        }
                    }
                    if self.is_verb(&nw) {
                        return CapitalSense::Government;
                    }
                    if m.adverbs.contains(&nw) || (nw.ends_with("ly") && nw.len() > 4) {
                        if let Some(n2) = next_tok(text, n.end) {
                            if n2.word && self.is_verb(&n2.text.to_lowercase()) {
                                return CapitalSense::Government;
                            }
                        }
                    }
                }
            }
        }
        CapitalSense::Unknown
    }

    /// Whether a lower-case word is one of `verbs_after` or a regular inflection of one.
    fn is_verb(&self, w: &str) -> bool {
        let v = &self.data.merged.meto.verbs_after;
        let w = w.replace('’', "'");
        if v.contains(&w) {
            return true;
        }
        let stems = [
            w.strip_suffix("ies").map(|s| format!("{s}y")),
            w.strip_suffix("ied").map(|s| format!("{s}y")),
            w.strip_suffix("es").map(str::to_string),
            w.strip_suffix('s').map(str::to_string),
            w.strip_suffix("ed").map(str::to_string),
            w.strip_suffix('d').map(str::to_string),
            w.strip_suffix("ing").map(str::to_string),
            w.strip_suffix("ing").map(|s| format!("{s}e")),
        ];
        stems.into_iter().flatten().any(|s| v.contains(&s))
    }

    /// Country-name and capital hits in `text[from..to]`, at word boundaries, case-sensitive,
    /// longest first, skipping `covered` byte ranges (sorted).
    fn scan(
        &self,
        text: &str,
        from: usize,
        to: usize,
        covered: &[(usize, usize)],
    ) -> Vec<(usize, usize, String, NameKind)> {
        self.scan_in(&self.data.by_first_word, text, from, to, covered)
    }

    /// [`Gazetteer::scan`] over another name index.
    fn scan_in(
        &self,
        index: &HashMap<String, Vec<(String, String, NameKind)>>,
        text: &str,
        from: usize,
        to: usize,
        covered: &[(usize, usize)],
    ) -> Vec<(usize, usize, String, NameKind)> {
        let mut out = Vec::new();
        let from = floor_boundary(text, from);
        let to = floor_boundary(text, to);
        // disjoint, sorted covered ranges, walked with a cursor: linear overall
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(covered.len());
        let mut sorted = covered.to_vec();
        sorted.sort_unstable();
        for (s, e) in sorted {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        let covered = merged;
        let mut cur = 0usize;
        let mut prev_alnum = text[..from].chars().next_back().is_some_and(is_word_char);
        let mut skip_until = from;
        for (i, c) in text[from..to].char_indices() {
            let i = from + i;
            let alnum = is_word_char(c);
            let starts_word = alnum && !prev_alnum;
            prev_alnum = alnum;
            if !starts_word || i < skip_until {
                continue;
            }
            while cur < covered.len() && covered[cur].1 <= i {
                cur += 1;
            }
            if let Some(&(cs, ce)) = covered.get(cur) {
                if cs <= i {
                    skip_until = ce;
                    continue;
                }
            }
            let run = first_run(&text[i..to]);
            let Some(cands) = index.get(run) else {
                continue;
            };
            for (name, code, kind) in cands {
                let end = i + name.len();
                if end > to || !text[i..].starts_with(name.as_str()) {
                    continue;
                }
                // word boundary after the name; "US$" is a currency
                if text[end..]
                    .chars()
                    .next()
                    .is_some_and(|c| is_word_char(c) || c == '$')
                {
                    continue;
                }
                // the next covered range starts after i: it must not start inside the name
                if covered.get(cur).is_some_and(|&(cs, _)| cs < end) {
                    continue;
                }
                out.push((i, end, code.clone(), *kind));
                skip_until = end;
                break;
            }
        }
        out
    }

    /// Byte ranges of `not_countries` phrases in `text`.
    fn excluded_ranges(&self, text: &str) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        for p in &self.data.merged.not_countries {
            for (i, _) in text.match_indices(p.as_str()) {
                let e = i + p.len();
                let before_ok = !text[..i].chars().next_back().is_some_and(is_word_char);
                let after_ok = !text[e..].chars().next().is_some_and(is_word_char);
                if before_ok && after_ok {
                    v.push((i, e));
                }
            }
        }
        v.sort();
        v
    }

    /// Relabel state mentions as `COUNTRY` (with ISO code), add country mentions the NER model
    /// missed, and return all entities sorted by position, non-overlapping, with `country` set
    /// on persons and organizations whose affiliation the text makes evident. Never panics.
    pub fn resolve(&self, doc: &Doc, entities: Vec<Entity>) -> Vec<Entity> {
        let text = doc.text();
        let ix = doc.index();
        let paras = doc.paragraph_ranges();
        let excluded = self.excluded_ranges(text);
        let capitals = has_capitals(text);
        let mut cands = Vec::new();
        for e in sanitize(text, ix, entities) {
            self.refine(text, e, &excluded, capitals, &mut cands);
        }
        cands = non_overlapping(cands);
        cands.extend(name_repeats(text, &cands, self));
        cands = non_overlapping(cands);

        // Scan the gaps for organizations ("Qatar News Agency" before "Qatar"), then for
        // country names and capitals the model missed.
        let missed = self.missed_organizations(text, &cands, &excluded);
        cands.extend(missed);
        let mut covered: Vec<(usize, usize)> = cands.iter().map(|c| (c.bs, c.be)).collect();
        covered.extend(excluded.iter().copied());
        covered.sort();
        for (s, e, code, kind) in self.scan(text, 0, text.len(), &covered) {
            let model_only = self.data.model_only.contains(&text[s..e]);
            if model_only {
                continue;
            }
            match kind {
                NameKind::Name => cands.push(Cand {
                    bs: s,
                    be: e,
                    label: Label::Country,
                    score: 1.0,
                    country: Some(code),
                    capital: None,
                    added: true,
                }),
                NameKind::Capital => cands.push(Cand {
                    bs: s,
                    be: e,
                    label: Label::Location,
                    score: 1.0,
                    country: None,
                    capital: Some(code),
                    added: true,
                }),
                NameKind::Organization => {}
            }
        }
        cands.sort_by_key(|c| (c.bs, std::cmp::Reverse(c.be)));

        // Capitals: metonymy.
        let mut starts = HashSet::new();
        let mut ends = HashSet::new();
        for c in cands
            .iter()
            .filter(|c| c.label == Label::Country || c.capital.is_some())
        {
            starts.insert(c.bs);
            ends.insert(c.be);
            if let Some(p) = possessive_after_end(text, c.be) {
                ends.insert(p);
            }
        }
        let is_country_at = |pos: usize, starting: bool| -> bool {
            if starting {
                starts.contains(&pos)
            } else {
                ends.contains(&pos)
            }
        };
        let mut keep = Vec::with_capacity(cands.len());
        for mut c in cands {
            if let Some(code) = c.capital.take() {
                let sense = self.capital_sense(text, c.bs, c.be, paras, &is_country_at);
                let gov = match sense {
                    CapitalSense::Government => true,
                    CapitalSense::Place => false,
                    CapitalSense::Unknown => c.label == Label::Organization && !c.added,
                };
                if gov {
                    c.label = Label::Country;
                    c.country = Some(code);
                } else if c.added {
                    continue;
                } else if c.label == Label::Organization || c.label == Label::Country {
                    c.label = Label::Location;
                    c.country = None;
                }
            }
            keep.push(c);
        }
        let cands = non_overlapping(keep);
        let mut out: Vec<Entity> = cands
            .into_iter()
            .filter(|c| c.bs < c.be)
            .map(|c| {
                let mut e = Entity::new(text, ix.span_from_bytes(c.bs, c.be), c.label, c.score);
                e.country = c.country;
                e
            })
            .collect();
        crate::actors::annotate(text, paras, &mut out, self);
        out
    }

    /// Organizations of the data (institutions, outlets, international bodies, aliases) that
    /// the model missed: a case-sensitive scan at word boundaries of the text outside the
    /// mentions found so far. An all-capitals name in an all-capitals line (a headline: "IRAN
    /// IS READY") is not a name.
    fn missed_organizations(
        &self,
        text: &str,
        cands: &[Cand],
        excluded: &[(usize, usize)],
    ) -> Vec<Cand> {
        let mut covered: Vec<(usize, usize)> = cands.iter().map(|c| (c.bs, c.be)).collect();
        covered.extend(excluded.iter().copied());
        covered.sort_unstable();
        self.scan_in(&self.data.org_by_first_word, text, 0, text.len(), &covered)
            .into_iter()
            .filter(|&(s, e, _, _)| !(is_all_caps(&text[s..e]) && in_capitals_line(text, s, e)))
            .map(|(s, e, _, _)| Cand {
                bs: s,
                be: e,
                label: Label::Organization,
                score: 1.0,
                country: None,
                capital: None,
                added: true,
            })
            .collect()
    }

    /// Per-entity rules: trim, split, relabel.
    /// `capitals`: [`has_capitals`] of the whole text (computed once per document: calling it
    /// per entity made long documents quadratic).
    fn refine(
        &self,
        text: &str,
        e: Entity,
        excluded: &[(usize, usize)],
        capitals: bool,
        out: &mut Vec<Cand>,
    ) {
        let Some((bs, be)) = trim_span(text, e.byte_start, e.byte_end, e.label, self) else {
            return;
        };
        let s = &text[bs..be];
        let mk = |bs: usize, be: usize, label: Label, country: Option<String>| Cand {
            bs,
            be,
            label,
            score: e.score,
            country,
            capital: None,
            added: false,
        };
        // An uncased model may tag "us" or "china" in running text: a mention with no capital
        // letter is noise, unless the whole document is written in lower case.
        if !s.chars().any(char::is_uppercase) && capitals {
            return;
        }
        if e.label == Label::Person {
            // A known organization or an unambiguous country name the model called a person.
            if self.is_known_organization(s) {
                out.push(mk(bs, be, Label::Organization, None));
                return;
            }
            if let Some(code) = self.data.names.get(s) {
                if !self.data.model_only.contains(s) {
                    out.push(mk(bs, be, Label::Country, Some(code.clone())));
                    return;
                }
            }
            // "U.S. Senator Lindsey Graham" / "Iranian President Hassan Rouhani" given as one
            // person: split off the country, drop the demonym and the title.
            let first = s.split(' ').next().unwrap_or(s);
            let lead = if first.len() < s.len() {
                if let Some(code) = self.lookup(first) {
                    Some((Some(code.to_string()), first.len()))
                } else if self.demonym(first).is_some() {
                    Some((None, first.len()))
                } else {
                    None
                }
            } else {
                None
            };
            if let Some((code, n)) = lead {
                if let Some((ps, pe)) = trim_span(text, bs + n, be, Label::Person, self) {
                    if ps > bs + n + 1 {
                        // a title followed: the rest is the person
                        if let Some(code) = code {
                            out.push(mk(bs, bs + n, Label::Country, Some(code)));
                        }
                        out.push(mk(ps, pe, Label::Person, e.country.clone()));
                        return;
                    }
                }
            }
            out.push(mk(bs, be, Label::Person, e.country.clone()));
            return;
        }
        // Programme names ("Fox News Sunday"), also when the model only tagged a prefix, or
        // tagged the channel with it ("CBS Face the Nation" → ORG "CBS" + MISC).
        for p in &self.data.merged.programs {
            if let Some(off) = s.find(p.as_str()) {
                if off > 0 && !s[off + p.len()..].chars().next().is_some_and(is_word_char) {
                    let head = s[..off].trim_end();
                    if !head.is_empty() && !head.ends_with(is_word_char) {
                        continue;
                    }
                    if !head.is_empty() {
                        out.push(mk(bs, bs + head.len(), e.label, None));
                    }
                    out.push(mk(bs + off, bs + off + p.len(), Label::Misc, None));
                    return;
                }
            }
        }
        for p in &self.data.merged.programs {
            if let Some(rest) = text.get(bs..) {
                if rest.len() >= p.len()
                    && rest.is_char_boundary(p.len())
                    && rest[..p.len()].eq_ignore_ascii_case(p)
                    && p.len() >= s.len()
                    && !rest[p.len()..].chars().next().is_some_and(is_word_char)
                {
                    out.push(mk(bs, bs + p.len(), Label::Misc, None));
                    return;
                }
            }
        }
        if let Some(code) = self.lookup(s) {
            out.push(mk(bs, be, Label::Country, Some(code.to_string())));
            return;
        }
        if let Some(code) = self.capital(s) {
            let mut c = mk(bs, be, e.label, None);
            c.capital = Some(code.to_string());
            out.push(c);
            return;
        }
        if self.demonym(s).is_some() {
            return;
        }
        if e.label == Label::Country {
            out.push(mk(bs, be, Label::Country, e.country.clone()));
            return;
        }
        if self.is_known_organization(s) {
            let be = self.extend_org(text, bs, be);
            out.push(mk(bs, be, Label::Organization, None));
            return;
        }
        if e.label == Label::Misc {
            // "Iranian-backed", "US-led": a demonym or name joined to a word.
            let head = s.split(['-', '–']).next().unwrap_or(s);
            if head != s && self.demonym(head).is_some() {
                return;
            }
        }
        // Country names inside the mention: "US-Iran", "Syria-Iraq border", "Iraq Crisis".
        let hits: Vec<_> = self
            .scan(text, bs, be, excluded)
            .into_iter()
            .filter(|h| h.3 == NameKind::Name)
            .collect();
        let joined = hits.windows(2).any(|w| {
            let between = &text[w[0].1..w[1].0];
            matches!(between, "-" | "–" | "/")
        });
        // Words of the mention outside the country names.
        let mut rest_words = 0;
        let mut last = bs;
        for h in hits
            .iter()
            .map(|h| (h.0, h.1))
            .chain(std::iter::once((be, be)))
        {
            rest_words += text[last..h.0]
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.starts_with(char::is_uppercase))
                .count();
            last = h.1;
        }
        if e.label == Label::Organization && !joined {
            // "Islamic State" tagged inside "Islamic State of Iraq and Syria": the full name.
            let be = self.extend_org(text, bs, be);
            // "US State Department" → "US" + "State Department".
            if let Some((cs, ce, code, rs)) = self.leading_country(text, bs, be) {
                out.push(mk(cs, ce, Label::Country, Some(code)));
                out.push(mk(rs, be, Label::Organization, None));
                return;
            }
            // "House Intelligence Committee Chairman" → drop the title.
            let be = self.strip_trailing_title(text, bs, be);
            out.push(mk(bs, be, Label::Organization, None));
            return;
        }
        if !hits.is_empty() && (joined || rest_words <= 1) {
            for (hs, he, code, _) in hits {
                out.push(mk(hs, he, Label::Country, Some(code)));
            }
            return;
        }
        out.push(mk(bs, be, e.label, None));
    }

    /// Whether `s` is an organization of the data: an institution, an outlet, an
    /// international body, a generic institution or a name of `[organizations]`.
    fn is_known_organization(&self, s: &str) -> bool {
        let k = org_key(s);
        self.institution_country(s).is_some()
            || self.media_country(s).is_some()
            || self.data.org_alias.contains_key(&k)
            || self.data.merged.international.contains(&k)
            || self
                .data
                .merged
                .generic_institutions
                .iter()
                .any(|g| org_key(g) == k)
    }

    /// End of the longest known organization name (see [`Gazetteer::is_known_organization`])
    /// that starts at `bs` and extends the mention `bs..be` (case-insensitive, at a word
    /// boundary): "Fox" → "Fox News"; else `be`.
    fn extend_org(&self, text: &str, bs: usize, be: usize) -> usize {
        let mut best = be;
        let first = first_run(&text[bs..]);
        let Some(names) = self.data.org_by_first_word.get(first) else {
            return best;
        };
        {
            for name in names.iter().map(|(n, _, _)| n) {
                let end = bs + name.len();
                if end <= best || end > text.len() || !text.is_char_boundary(end) {
                    continue;
                }
                if text[bs..end].eq_ignore_ascii_case(name)
                    && !text[end..].chars().next().is_some_and(is_word_char)
                {
                    best = end;
                }
            }
        }
        best
    }

    /// End of an organization mention without a trailing office title ("House Intelligence
    /// Committee Chairman" → "House Intelligence Committee").
    fn strip_trailing_title(&self, text: &str, bs: usize, be: usize) -> usize {
        if let Some((ts, t)) = self.title_ending_at(text, be) {
            if !t.rank && ts > bs {
                let head = text[bs..ts].trim_end();
                if !head.is_empty() && head.contains(char::is_uppercase) {
                    return bs + head.len();
                }
            }
        }
        be
    }

    /// For an organization "<country> <institution>", the country's span and code and the
    /// start of the rest.
    fn leading_country(
        &self,
        text: &str,
        bs: usize,
        be: usize,
    ) -> Option<(usize, usize, String, usize)> {
        let s = &text[bs..be];
        let fw = first_run(s);
        let cands = self.data.by_first_word.get(fw)?;
        for (name, code, kind) in cands {
            if *kind != NameKind::Name || !s.starts_with(name.as_str()) {
                continue;
            }
            let rest = &s[name.len()..];
            if !rest.starts_with(' ') {
                continue;
            }
            let rest_t = rest.trim_start();
            let rs = be - rest_t.len();
            let last = rest_t.split_whitespace().last().unwrap_or("");
            if self.institution_country(rest_t).is_some() || self.data.merged.heads.contains(last) {
                return Some((bs, bs + name.len(), code.clone(), rs));
            }
        }
        None
    }
}

/// Capitalized function words that may open a sentence before a name.
const FUNCTION_WORDS: &[&str] = &[
    "The",
    "When",
    "If",
    "But",
    "And",
    "As",
    "After",
    "While",
    "Then",
    "Yet",
    "So",
    "Although",
    "Because",
    "Before",
    "Since",
    "Until",
    "Now",
    "Later",
    "Meanwhile",
    "However",
    "Still",
    "Asked",
    "Like",
    "For",
    "On",
    "In",
    "At",
    "With",
    "Without",
    "Under",
    "By",
    "According",
];

/// Repeats of a person's name that the model missed: a full name it found once ("Lindsey
/// Graham") or its last word ("Graham", also without "al-": "Assad" for "Bashar al-Assad"),
/// found again in the text as a capitalized word, at word boundaries, not inside a longer run of
/// capitalized words ("Bishop Desmond Tutu", "the Eastern Block"), not already covered.
fn name_repeats(text: &str, cands: &[Cand], gaz: &Gazetteer) -> Vec<Cand> {
    let mut names: Vec<&str> = Vec::new();
    for c in cands.iter().filter(|c| c.label == Label::Person) {
        let full = &text[c.bs..c.be];
        let words: Vec<&str> = full.split_whitespace().collect();
        if words.len() < 2 {
            continue;
        }
        names.push(full);
        if let Some(last) = words.last() {
            names.push(last);
            for p in ["al-", "Al-", "el-", "El-"] {
                if let Some(rest) = last.strip_prefix(p) {
                    names.push(rest);
                }
            }
        }
    }
    names.retain(|n| n.chars().count() >= 4 && n.starts_with(char::is_uppercase));
    // Longest first; equal names adjacent so that `dedup` removes every repeat (a name found
    // N times must be searched once, not N times: that was O(N × text length)).
    names.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    names.dedup();
    // Disjoint covered spans, start -> end (cands are non-overlapping), for O(log n) lookups.
    let mut spans: std::collections::BTreeMap<usize, usize> =
        cands.iter().map(|c| (c.bs, c.be)).collect();
    let mut out = Vec::new();
    for name in names {
        for (i, _) in text.match_indices(name) {
            let e = i + name.len();
            let before = text[..i].chars().next_back();
            let after = text[e..].chars().next();
            if before.is_some_and(|c| is_word_char(c) || c == '-')
                || after.is_some_and(|c| is_word_char(c) || c == '-')
            {
                continue;
            }
            // the covered span starting last before `e` is the only one that can overlap
            if spans.range(..e).next_back().is_some_and(|(_, &t)| t > i) {
                continue;
            }
            // not part of a longer capitalized name
            let prev = prev_tok(text, i);
            let next = next_tok(text, e);
            let cap = |t: Option<Tok<'_>>| {
                t.is_some_and(|t| t.word && t.text.starts_with(char::is_uppercase))
            };
            // a capitalized word before is fine when it is a title ("Major General X",
            // "Ambassadors X"), a possessive ("Iran's Zarif") or a function word opening the
            // sentence ("When Warner asked")
            let prev_ok = prev.is_some_and(|p| {
                FUNCTION_WORDS.contains(&p.text)
                    || p.text.ends_with("'s")
                    || p.text.ends_with("’s")
                    || gaz.title_ending_at(text, p.end).is_some()
            });
            if cap(next) || (cap(prev) && !prev_ok) {
                continue;
            }
            spans.insert(i, e);
            out.push(Cand {
                bs: i,
                be: e,
                label: Label::Person,
                score: 1.0,
                country: None,
                capital: None,
                added: true,
            });
        }
    }
    out
}

/// Whether `text` uses capital letters normally (at least 1% of its letters).
fn has_capitals(text: &str) -> bool {
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if c.is_uppercase() {
            upper += 1;
        }
    }
    letters > 0 && upper * 100 >= letters
}

/// If a possessive marker follows byte `e`, the position after it.
fn possessive_after_end(text: &str, e: usize) -> Option<usize> {
    possessive_at(text, e).map(|n| e + n)
}

/// Validate spans (byte offsets first, then char offsets), sort, drop overlaps.
fn sanitize(text: &str, ix: &CharIndex, entities: Vec<Entity>) -> Vec<Entity> {
    let mut v: Vec<Entity> = Vec::with_capacity(entities.len());
    for mut e in entities {
        let bytes_ok = e.byte_start < e.byte_end
            && e.byte_end <= text.len()
            && text.is_char_boundary(e.byte_start)
            && text.is_char_boundary(e.byte_end)
            && (e.text.is_empty() || text[e.byte_start..e.byte_end] == e.text);
        if !bytes_ok {
            if e.start >= e.end || e.end > ix.len_chars() {
                continue;
            }
            let sp = ix.span_from_chars(e.start, e.end);
            e.byte_start = sp.byte_start;
            e.byte_end = sp.byte_end;
        }
        e.start = ix.char_of(e.byte_start);
        e.end = ix.char_of(e.byte_end);
        v.push(e);
    }
    v.sort_by_key(|e| (e.byte_start, std::cmp::Reverse(e.byte_end)));
    let mut out: Vec<Entity> = Vec::with_capacity(v.len());
    for mut e in v {
        if out.last().is_some_and(|l| e.byte_start < l.byte_end) {
            continue;
        }
        // Copy the text of kept (disjoint) entities only: copying it for every input entity
        // was O(entities × span) on huge overlapping garbage spans.
        e.text = text[e.byte_start..e.byte_end].to_string();
        out.push(e);
    }
    out
}

fn non_overlapping(mut v: Vec<Cand>) -> Vec<Cand> {
    v.sort_by_key(|c| (c.bs, std::cmp::Reverse(c.be)));
    let mut out: Vec<Cand> = Vec::with_capacity(v.len());
    for c in v {
        if c.bs >= c.be {
            continue;
        }
        if out.last().is_some_and(|l| c.bs < l.be) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Trim quotes, punctuation, possessives and (for organizations and known names) a leading
/// "The" from a mention. `None` if nothing is left.
fn trim_span(
    text: &str,
    bs: usize,
    be: usize,
    label: Label,
    gaz: &Gazetteer,
) -> Option<(usize, usize)> {
    let (mut bs, mut be) = (bs, be);
    for _ in 0..8 {
        let s = text.get(bs..be)?;
        let before = (bs, be);
        // leading
        if let Some(c) = s.chars().next() {
            if c.is_whitespace() || "\"“”‘’'([{«".contains(c) {
                bs += c.len_utf8();
                continue;
            }
        }
        // trailing possessive
        if let Some(n) = ["'s", "’s", "'S", "’S"]
            .iter()
            .find(|q| s.ends_with(**q) && s.len() > q.len())
            .map(|q| q.len())
        {
            be -= n;
            continue;
        }
        if let Some(c) = s.chars().next_back() {
            if c.is_whitespace() || "\"“”‘’'),;:!?]}»".contains(c) {
                be -= c.len_utf8();
                continue;
            }
            if c == '.' {
                // keep abbreviations: "U.S.", "Jr.", "Inc."
                let last_word = s.rsplit(char::is_whitespace).next().unwrap_or(s);
                let inner_dot = last_word[..last_word.len() - 1].contains('.');
                let abbrev = matches!(
                    last_word,
                    "Jr." | "Sr." | "Inc." | "Co." | "Corp." | "Ltd." | "St." | "Bros."
                );
                if !inner_dot && !abbrev {
                    be -= 1;
                    continue;
                }
            }
        }
        // "U.S" given without its final period
        if text[be..].starts_with('.') && s.contains('.') && gaz.lookup(&text[bs..be + 1]).is_some()
        {
            be += 1;
            continue;
        }
        // a title inside a person's span ("President Obama", "Gen. Martin Dempsey")
        if label == Label::Person {
            if let Some(t) = gaz.titles().iter().find(|t| {
                s.len() > t.form.len() + 1
                    && s.is_char_boundary(t.form.len())
                    && s[..t.form.len()].eq_ignore_ascii_case(&t.form)
                    && s[t.form.len()..].starts_with(' ')
                    && s.chars().next().is_some_and(char::is_uppercase)
                    && s[t.form.len()..]
                        .trim_start()
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
            }) {
                let rest = &s[t.form.len()..];
                bs += t.form.len() + (rest.len() - rest.trim_start().len());
                continue;
            }
        }
        if label != Label::Person {
            for the in ["The ", "the "] {
                if let Some(rest) = s.strip_prefix(the) {
                    let known = gaz.lookup(rest).is_some()
                        || gaz.capital(rest).is_some()
                        || gaz.organization_country(rest).is_some()
                        || gaz.media_country(rest).is_some();
                    if matches!(label, Label::Organization | Label::Misc) || known {
                        bs += the.len();
                    }
                    break;
                }
            }
        }
        if (bs, be) == before {
            break;
        }
    }
    (bs < be).then_some((bs, be))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::test_util::ent;

    fn run(text: &str, ents: Vec<Entity>) -> Vec<Entity> {
        let g = Gazetteer::embedded();
        g.resolve(&Doc::new(text), ents)
    }

    fn find<'a>(out: &'a [Entity], s: &str) -> Vec<&'a Entity> {
        out.iter().filter(|e| e.text == s).collect()
    }

    #[test]
    fn embedded_data_parses_and_codes_are_valid() {
        let mut m = Merged::default();
        m.merge(COUNTRIES_TOML, "countries")
            .expect("countries.toml");
        m.merge(ACTORS_TOML, "actors").expect("actors.toml");
        assert!(m.countries.len() >= 196, "{} countries", m.countries.len());
        for code in m.countries.keys() {
            assert!(Gazetteer::official_name(code).is_some(), "{code}");
        }
    }

    #[test]
    fn lookup_aliases_demonyms_capitals() {
        let g = Gazetteer::embedded();
        for (n, c) in [
            ("US", "USA"),
            ("U.S.", "USA"),
            ("USA", "USA"),
            ("America", "USA"),
            ("the United States", "USA"),
            ("Britain", "GBR"),
            ("UK", "GBR"),
            ("Islamic Republic", "IRN"),
            ("Kingdom of Saudi Arabia", "SAU"),
            ("iran", "IRN"),
        ] {
            assert_eq!(g.lookup(n), Some(c), "{n}");
        }
        assert_eq!(g.lookup("us"), None);
        assert_eq!(g.lookup("Tehran"), None);
        assert_eq!(g.capital("Tehran"), Some("IRN"));
        assert_eq!(g.demonym("Iranians"), Some("IRN"));
        assert_eq!(g.demonym("Australian"), Some("AUS"));
        assert_eq!(g.demonym("British"), Some("GBR"));
        assert_eq!(g.country_name("USA"), Some("United States"));
        assert_eq!(
            g.organization_country("House Armed Services Committee"),
            Some("USA")
        );
        assert_eq!(g.media_country("Reuters"), Some(None));
        assert_eq!(g.media_country("Pentagon"), None);
    }

    #[test]
    fn user_file_merges_and_reports_position() {
        let g =
            Gazetteer::from_toml_str("[countries]\nIRN = { names = [\"Persia\"] }\n", "user.toml")
                .expect("valid");
        assert_eq!(g.lookup("Persia"), Some("IRN"));
        assert_eq!(g.lookup("Iran"), Some("IRN"));
        let err =
            Gazetteer::from_toml_str("[countries]\nXYZ = { names = [\"Nowhere\"] }\n", "u.toml")
                .expect_err("bad code");
        match err {
            Error::Config { line, column, .. } => {
                assert_eq!(line, 2);
                assert!(column >= 1);
            }
            other => panic!("{other:?}"),
        }
        let err = Gazetteer::from_toml_str("[countries\n", "u.toml").expect_err("bad toml");
        assert!(matches!(err, Error::Config { line: 1, .. }), "{err:?}");
    }

    #[test]
    fn user_titles_media_and_institutions_extend_the_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("extra.toml");
        std::fs::write(
            &path,
            "[titles.office]\n\"Grand Vizier\" = { country = \"TUR\" }\n[media]\n\"Daily Sabah\" = \"TUR\"\n[institutions]\n\"Sublime Porte\" = \"TUR\"\n",
        )
        .expect("write");
        let g = Gazetteer::from_file(&path).expect("valid file");
        assert_eq!(g.organization_country("Daily Sabah"), Some("TUR"));
        assert_eq!(g.institution_country("Sublime Porte"), Some("TUR"));
        assert!(g.titles().iter().any(|t| t.form == "grand vizier"));
        // defaults are still there
        assert_eq!(g.organization_country("Pentagon"), Some("USA"));
        let err = Gazetteer::from_file(dir.path().join("missing.toml")).expect_err("missing");
        assert!(matches!(err, Error::Io { .. }));
        let err =
            Gazetteer::from_toml_str("[media]\nFoo = \"XX\"\n", "m.toml").expect_err("bad code");
        assert!(matches!(err, Error::Config { line: 2, .. }), "{err:?}");
    }

    #[test]
    fn location_naming_a_state_becomes_country() {
        let t = "Officials in Iraq met envoys from Britain.";
        let out = run(
            t,
            vec![
                ent(t, "Iraq", 0, Label::Location),
                ent(t, "Britain", 0, Label::Organization),
            ],
        );
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(|e| e.label == Label::Country));
        assert_eq!(out[0].country.as_deref(), Some("IRQ"));
        assert_eq!(out[1].country.as_deref(), Some("GBR"));
    }

    #[test]
    fn hyphen_and_possessive_forms() {
        let t = "Talks on US-Iran ties resumed as Iraq’s leaders and Syria's army met.";
        let out = run(
            t,
            vec![
                ent(t, "US-Iran", 0, Label::Misc),
                ent(t, "Iraq’s", 0, Label::Location),
            ],
        );
        let texts: Vec<_> = out.iter().map(|e| (e.text.as_str(), e.label)).collect();
        assert_eq!(
            texts,
            vec![
                ("US", Label::Country),
                ("Iran", Label::Country),
                ("Iraq", Label::Country),
                ("Syria", Label::Country)
            ]
        );
        // char offsets stay right after the curly apostrophe
        let syria = &out[3];
        assert_eq!(
            t.chars().skip(syria.start).take(5).collect::<String>(),
            "Syria"
        );
    }

    #[test]
    fn scan_is_case_sensitive_and_respects_word_boundaries() {
        let t = "Let us see: the USSR, Iranian oil, US troops and the U.S. Navy near New Mexico.";
        let out = run(t, vec![]);
        let texts: Vec<_> = out.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, vec!["US", "U.S."]);
        assert!(out.iter().all(|e| e.country.as_deref() == Some("USA")));
    }

    #[test]
    fn demonyms_are_not_entities() {
        let t = "Iranian officials met Americans.";
        let out = run(
            t,
            vec![
                ent(t, "Iranian", 0, Label::Misc),
                ent(t, "Americans", 0, Label::Misc),
            ],
        );
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn capital_for_government_becomes_country() {
        for (t, cap) in [
            (
                "Officials reached an agreement on Tehran's nuclear programme.",
                "Tehran",
            ),
            ("Washington said it would not cooperate.", "Washington"),
            (
                "Washington has however ruled out any cooperation.",
                "Washington",
            ),
            (
                "Kerry ruled out military cooperation with Tehran.",
                "Tehran",
            ),
            (
                "The thaw between Washington and Iran worries Riyadh.",
                "Washington",
            ),
            (
                "Ministers fear the US is drawing closer to Tehran.",
                "Tehran",
            ),
            ("It wants Moscow to participate.", "Moscow"),
            ("It was interested in having Tehran participate.", "Tehran"),
        ] {
            // found by the model as a place, and found by the scan alone
            for with_model in [true, false] {
                let ents = if with_model {
                    vec![ent(t, cap, 0, Label::Location)]
                } else {
                    vec![]
                };
                let out = run(t, ents);
                let e = find(&out, cap);
                assert_eq!(e.len(), 1, "{t}: {out:?}");
                assert_eq!(e[0].label, Label::Country, "{t}");
                assert!(e[0].country.is_some());
            }
        }
    }

    #[test]
    fn capital_as_place_stays_location() {
        for (t, cap) in [
            (
                "There have been meetings since yesterday in Tehran.We are on alert.",
                "Tehran",
            ),
            (
                "We need their help to hold Baghdad.The Iranians agree.",
                "Baghdad",
            ),
            ("TEHRAN (Tasnim) - A commander spoke.", "TEHRAN"),
            ("Kerry arrived in Baghdad on Monday.", "Baghdad"),
            (
                "The militants vowed to march toward the capital, Baghdad.",
                "Baghdad",
            ),
            ("He flew back to Moscow on Friday.", "Moscow"),
            ("Protesters filled Tehran's streets.", "Tehran"),
        ] {
            let out = run(t, vec![ent(t, cap, 0, Label::Location)]);
            let e = find(&out, cap);
            assert_eq!(e.len(), 1, "{t}: {out:?}");
            assert_eq!(e[0].label, Label::Location, "{t}");
            // and the scan does not add it
            let out = run(t, vec![]);
            assert!(find(&out, cap).is_empty(), "{t}: {out:?}");
        }
    }

    #[test]
    fn organization_repairs() {
        let t = "The Wall Street Journal reports that the US State Department and the White House agree.";
        let out = run(
            t,
            vec![
                ent(t, "The Wall Street Journal", 0, Label::Organization),
                ent(t, "US State Department", 0, Label::Organization),
                ent(t, "White House", 0, Label::Location),
            ],
        );
        let got: Vec<_> = out.iter().map(|e| (e.text.as_str(), e.label)).collect();
        assert_eq!(
            got,
            vec![
                ("Wall Street Journal", Label::Organization),
                ("US", Label::Country),
                ("State Department", Label::Organization),
                ("White House", Label::Organization),
            ]
        );
        assert_eq!(out[2].country.as_deref(), Some("USA"));
        assert_eq!(out[3].country.as_deref(), Some("USA"));
    }

    #[test]
    fn programmes_are_misc() {
        let t = "Rogers said on Fox News Sunday that it was late.";
        let out = run(t, vec![ent(t, "Fox News", 0, Label::Organization)]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].text, "Fox News Sunday");
        assert_eq!(out[0].label, Label::Misc);
    }

    #[test]
    fn person_spans_lose_titles_and_lowercase_noise_is_dropped() {
        let t = "President Obama and Gen. Martin Dempsey told us that the U.S. would act.";
        let out = run(
            t,
            vec![
                ent(t, "President Obama", 0, Label::Person),
                ent(t, "Gen. Martin Dempsey", 0, Label::Person),
                ent(t, "us", 0, Label::Location),
                ent(t, "U.S", 0, Label::Location),
            ],
        );
        let got: Vec<_> = out.iter().map(|e| (e.text.as_str(), e.label)).collect();
        assert_eq!(
            got,
            vec![
                ("Obama", Label::Person),
                ("Martin Dempsey", Label::Person),
                ("U.S.", Label::Country)
            ]
        );
        // an all-lower-case document keeps lower-case mentions
        let t = "president obama met officials in iran.";
        let out = run(t, vec![ent(t, "iran", 0, Label::Location)]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].label, Label::Country);
    }

    #[test]
    fn channel_and_programme_are_split() {
        let t = "Graham said on CBS Face the Nation that Iran matters.";
        let out = run(
            t,
            vec![ent(t, "CBS Face the Nation", 0, Label::Organization)],
        );
        let got: Vec<_> = out.iter().map(|e| (e.text.as_str(), e.label)).collect();
        assert_eq!(
            got,
            vec![
                ("CBS", Label::Organization),
                ("Face the Nation", Label::Misc),
                ("Iran", Label::Country)
            ]
        );
    }

    #[test]
    fn mistyped_spans_around_countries() {
        let t = "Iraq Crisis: US-Iran Alliance In talks. The Islamic State of Iraq and Syria grew. House Intelligence Committee Chairman Mike Rogers objected.";
        let out = run(
            t,
            vec![
                ent(t, "Iraq Crisis", 0, Label::Misc),
                ent(t, "US-Iran Alliance", 0, Label::Organization),
                ent(t, "Islamic State of Iraq and Syria", 0, Label::Location),
                ent(
                    t,
                    "House Intelligence Committee Chairman",
                    0,
                    Label::Organization,
                ),
                ent(t, "Mike Rogers", 0, Label::Person),
            ],
        );
        let got: Vec<_> = out.iter().map(|e| (e.text.as_str(), e.label)).collect();
        assert_eq!(
            got,
            vec![
                ("Iraq", Label::Country),
                ("US", Label::Country),
                ("Iran", Label::Country),
                ("Islamic State of Iraq and Syria", Label::Organization),
                ("House Intelligence Committee", Label::Organization),
                ("Mike Rogers", Label::Person),
            ]
        );
        assert_eq!(out[5].country.as_deref(), Some("USA"));
    }

    #[test]
    fn country_and_title_inside_person_spans() {
        let t = "U.S. Senator Lindsey Graham and Iranian President Hassan Rouhani spoke; Jordan Peterson did not.";
        let out = run(
            t,
            vec![
                ent(t, "U.S. Senator Lindsey Graham", 0, Label::Person),
                ent(t, "Iranian President Hassan Rouhani", 0, Label::Person),
                ent(t, "Jordan Peterson", 0, Label::Person),
            ],
        );
        let got: Vec<_> = out.iter().map(|e| (e.text.as_str(), e.label)).collect();
        assert_eq!(
            got,
            vec![
                ("U.S.", Label::Country),
                ("Lindsey Graham", Label::Person),
                ("Hassan Rouhani", Label::Person),
                ("Jordan Peterson", Label::Person),
            ]
        );
    }

    #[test]
    fn person_labels_on_organizations_and_countries_are_fixed() {
        let t = "Tasnim said Israel and Jordan would talk; it cost US$5.";
        let out = run(
            t,
            vec![
                ent(t, "Tasnim", 0, Label::Person),
                ent(t, "Israel", 0, Label::Person),
                ent(t, "Jordan", 0, Label::Person),
            ],
        );
        let got: Vec<_> = out.iter().map(|e| (e.text.as_str(), e.label)).collect();
        assert_eq!(
            got,
            vec![
                ("Tasnim", Label::Organization),
                ("Israel", Label::Country),
                ("Jordan", Label::Person),
            ]
        );
    }

    #[test]
    fn organizations_the_model_missed_are_found_by_name() {
        let t = "Officials told the Kuwait News Agency on Sunday that the Dutch Foreign Ministry \
                 had agreed. GCC members and Mizan reported it.";
        let out = run(t, vec![]);
        for name in ["Kuwait News Agency", "Foreign Ministry", "GCC", "Mizan"] {
            let hits = find(&out, name);
            assert_eq!(hits.len(), 1, "{name}: {out:?}");
            assert_eq!(hits[0].label, Label::Organization, "{name}");
        }
        // a capitalised common word is not an outlet inside a name the model found
        let t = "Mohammed bin Salman met him.";
        let out = run(t, vec![ent(t, "Mohammed bin Salman", 0, Label::Person)]);
        assert_eq!(out.len(), 1, "{out:?}");
    }

    #[test]
    fn capitals_in_a_headline_are_not_acronyms() {
        let t = "TEHRAN SAYS IS READY FOR TALKS WHO KNOWS\nIS fighters held the town.";
        let out = run(t, vec![]);
        let is: Vec<_> = out.iter().filter(|e| e.text == "IS").collect();
        assert_eq!(is.len(), 1, "{out:?}");
        assert!(is[0].byte_start > t.find('\n').unwrap_or(0), "{out:?}");
        assert!(find(&out, "WHO").is_empty(), "{out:?}");
    }

    #[test]
    fn a_known_name_extends_the_model_s_shorter_mention() {
        let t = "He said in a Fox News interview that the P5+1 would meet.";
        let out = run(
            t,
            vec![
                ent(t, "Fox", 0, Label::Organization),
                ent(t, "P5+1", 0, Label::Misc),
            ],
        );
        assert_eq!(find(&out, "Fox News").len(), 1, "{out:?}");
        let p5 = find(&out, "P5+1");
        assert_eq!(p5.len(), 1, "{out:?}");
        assert_eq!(p5[0].label, Label::Organization);
    }

    #[test]
    fn missed_repeats_of_person_names_are_added() {
        let t = "Senator Lindsey Graham spoke. Graham said Graham's view held; Lindsey Graham left. Bishop Desmond Tutu and Bashar al-Assad agreed, Assad said. When Senator Graham asked, Eastern Assad Road closed.";
        let out = run(
            t,
            vec![
                ent(t, "Lindsey Graham", 0, Label::Person),
                ent(t, "Desmond Tutu", 0, Label::Person),
                ent(t, "Bashar al-Assad", 0, Label::Person),
            ],
        );
        let got: Vec<_> = out
            .iter()
            .filter(|e| e.label == Label::Person)
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(
            got,
            vec![
                "Lindsey Graham",
                "Graham",
                "Graham",
                "Lindsey Graham",
                "Desmond Tutu",
                "Bashar al-Assad",
                "Assad",
                "Graham"
            ]
        );
    }

    #[test]
    fn capital_as_subject_of_place_predicates_stays_place() {
        for t in [
            "Baghdad is under threat from militants.",
            "Kabul was shelled overnight.",
        ] {
            let cap = t.split(' ').next().unwrap_or_default();
            let out = run(t, vec![ent(t, cap, 0, Label::Location)]);
            assert_eq!(out[0].label, Label::Location, "{t}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// Any text, any (even nonsensical) spans: no panic; output sorted, non-overlapping,
        /// each entity's text equal to its span in both coordinate systems.
        #[test]
        fn resolve_never_panics_and_keeps_invariants(
            text in "(US|U\\.S\\.|Iran|Tehran|’s|'s|the|The| |\\.|,|-|é|😀|Washington|said|in|Graham|[a-zA-Z]{1,6}){0,40}",
            spans in proptest::collection::vec((0usize..200, 0usize..200, 0u8..5), 0..12),
        ) {
            let ix = CharIndex::new(&text);
            let n = ix.len_chars();
            let labels = [Label::Person, Label::Organization, Label::Location, Label::Misc, Label::Country];
            let ents: Vec<Entity> = spans
                .iter()
                .map(|&(a, b, l)| {
                    let (s, e) = (a.min(n), b.min(n));
                    let sp = ix.span_from_chars(s.min(e), s.max(e));
                    let mut en = Entity::new(&text, sp, labels[l as usize], 0.5);
                    if l == 4 {
                        en.byte_start = a; // garbage byte offsets
                        en.byte_end = b;
                    }
                    en
                })
                .collect();
            let out = run(&text, ents);
            for w in out.windows(2) {
                proptest::prop_assert!(w[0].byte_end <= w[1].byte_start);
            }
            for e in &out {
                proptest::prop_assert_eq!(&text[e.byte_start..e.byte_end], e.text.as_str());
                proptest::prop_assert_eq!(ix.char_of(e.byte_start), e.start);
                proptest::prop_assert_eq!(ix.char_of(e.byte_end), e.end);
                proptest::prop_assert!(e.start < e.end);
            }
            let g = Gazetteer::embedded();
            let actors = crate::actors::build_actors(
                &Doc::new(&text),
                &out,
                &g,
                &crate::knowledge::Knowledge::empty(),
                None,
            );
            for (i, a) in actors.iter().enumerate() {
                proptest::prop_assert_eq!(a.id, i);
                proptest::prop_assert!(!a.mentions.is_empty());
            }
        }
    }

    #[test]
    fn partial_organization_names_are_completed() {
        let t =
            "The Islamic State of Iraq and Syria and the Islamic Republic News Agency reported.";
        let out = run(t, vec![ent(t, "Islamic State", 0, Label::Organization)]);
        let got: Vec<_> = out.iter().map(|e| (e.text.as_str(), e.label)).collect();
        assert_eq!(
            got,
            vec![("Islamic State of Iraq and Syria", Label::Organization)]
        );
    }

    #[test]
    fn model_only_names_are_not_scanned() {
        let t = "Jordan said Chad and Georgia would attend; Georgia is a US state.";
        let out = run(t, vec![ent(t, "Chad", 0, Label::Location)]);
        let got: Vec<_> = out.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(got, vec!["Chad", "US"]);
    }

    #[test]
    fn garbage_spans_do_not_panic() {
        let t = "Iraq’s “U.S.” Zürich";
        let mut bad = ent(t, "Zürich", 0, Label::Location);
        bad.byte_start += 1; // inside a char
        bad.text = String::new();
        let mut far = bad.clone();
        far.start = 1000;
        far.end = 1005;
        far.byte_start = 999;
        far.byte_end = 2000;
        let out = run(t, vec![bad, far, ent(t, "Iraq’s", 0, Label::Location)]);
        assert!(out.iter().any(|e| e.text == "Iraq"));
        assert!(out.iter().any(|e| e.text == "U.S."));
    }
}
