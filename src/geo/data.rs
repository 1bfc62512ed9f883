//! The data files (`data/countries.toml`, `data/actors.toml`): their format, merging a user
//! file over the embedded ones, and the indexes built from them.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

use crate::error::{line_col, Error, Result};

pub(super) const COUNTRIES_TOML: &str = include_str!("../../data/countries.toml");
pub(super) const ACTORS_TOML: &str = include_str!("../../data/actors.toml");

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
    agreements: Option<RawNames>,
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
    #[serde(default)]
    name_tags: BTreeMap<String, toml::Spanned<String>>,
    #[serde(default)]
    collectives: BTreeMap<String, String>,
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
pub(super) struct CountryData {
    pub(super) names: Vec<String>,
    pub(super) demonyms: Vec<String>,
    pub(super) capitals: Vec<String>,
    pub(super) model_only: Vec<String>,
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
pub(super) struct Merged {
    pub(super) countries: BTreeMap<String, CountryData>,
    pub(super) not_countries: Vec<String>,
    pub(super) meto: Metonymy,
    pub(super) titles: BTreeMap<String, Title>,
    pub(super) fillers: HashSet<String>,
    pub(super) institutions: BTreeMap<String, (String, String)>,
    pub(super) patterns: Vec<(String, String, String)>,
    pub(super) heads: HashSet<String>,
    pub(super) media: BTreeMap<String, (String, Option<String>)>,
    /// Names of programmes and agreements: MISC, never an organization.
    pub(super) programs: Vec<String>,
    pub(super) organizations: BTreeMap<String, Vec<String>>,
    pub(super) role_nouns: HashSet<String>,
    pub(super) org_descriptors: HashSet<String>,
    pub(super) international: HashSet<String>,
    /// `[international]` names as written (for the scan of missed names).
    pub(super) international_forms: Vec<String>,
    /// `[generic_institutions]`: capitalised names of bodies every state has.
    pub(super) generic_institutions: Vec<String>,
    /// `[name_tags]`: a tag in brackets after a person's name ("N.Y.") → country.
    pub(super) name_tags: HashMap<String, String>,
    /// `[collectives]`: the plural of a body's members, as written ("Republicans") → the
    /// body's name ("Republican Party").
    pub(super) collectives: HashMap<String, String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum NameKind {
    Name,
    Capital,
    /// A known organization (institution, outlet, international body): only in
    /// `Data::org_by_first_word`.
    Organization,
}

#[derive(Debug, Default)]
pub(super) struct Data {
    pub(super) merged: Merged,
    /// first alphanumeric run of a name → (name, code, kind), longest first.
    pub(super) by_first_word: HashMap<String, Vec<(String, String, NameKind)>>,
    /// the same for organization names (`[institutions]`, `[media]`, `[international]`,
    /// `[organizations]`, `[generic_institutions]`), as written.
    pub(super) org_by_first_word: HashMap<String, Vec<(String, String, NameKind)>>,
    /// exact name → code.
    pub(super) names: HashMap<String, String>,
    /// lower-cased name → code (names not written all in capitals).
    pub(super) names_ci: HashMap<String, String>,
    pub(super) capitals: HashMap<String, String>,
    pub(super) capitals_ci: HashMap<String, String>,
    /// demonym (exact and lower case, singular and plural) → code.
    pub(super) demonyms: HashMap<String, String>,
    pub(super) model_only: HashSet<String>,
    pub(super) titles: Vec<Title>,
    pub(super) institutions_ci: HashMap<String, String>,
    pub(super) media_ci: HashMap<String, Option<String>>,
    pub(super) org_alias: HashMap<String, String>,
    /// `[generic_institutions]` by `org_key`.
    pub(super) generic_ci: HashSet<String>,
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
    pub(super) fn merge(&mut self, src: &str, path: &str) -> Result<()> {
        let mut raw: RawFile = toml::from_str(src).map_err(|e| Error::from_toml(path, src, &e))?;
        for (code, entry) in std::mem::take(&mut raw.countries) {
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
        if let Some(p) = raw.not_countries.take() {
            push_unique(&mut self.not_countries, p.phrases);
        }
        if let Some(m) = raw.metonymy.take() {
            lower_set(&mut self.meto.place_before, m.place_before);
            lower_set(&mut self.meto.government_before, m.government_before);
            lower_set(&mut self.meto.movement, m.movement);
            lower_set(&mut self.meto.verbs_after, m.verbs_after);
            lower_set(&mut self.meto.adverbs, m.adverbs);
            lower_set(&mut self.meto.place_nouns, m.place_nouns);
            lower_set(&mut self.meto.place_predicates, m.place_predicates);
        }
        if let Some(t) = raw.titles.take() {
            self.merge_titles(t, path, src)?;
        }
        self.merge_organizations(raw, path, src)
    }

    /// `[titles]`: office titles, ranks, fillers.
    fn merge_titles(&mut self, t: RawTitles, path: &str, src: &str) -> Result<()> {
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
        Ok(())
    }

    /// Institutions, media, programmes, organization aliases and the word lists about
    /// organizations.
    fn merge_organizations(&mut self, raw: RawFile, path: &str, src: &str) -> Result<()> {
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
        // agreements are MISC like programmes: one list of names that are no organization
        if let Some(a) = raw.agreements {
            push_unique(&mut self.programs, a.names);
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
        for (plural, body) in raw.collectives {
            self.collectives
                .insert(plural.trim().to_string(), body.trim().to_string());
        }
        for (tag, code) in raw.name_tags {
            let span = code.span();
            let c = check_code(code.get_ref(), path, src, span)?;
            self.name_tags.insert(tag.trim().to_string(), c);
        }
        Ok(())
    }
}

/// Upper-case the first letter.
pub(crate) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(super) fn first_run(s: &str) -> &str {
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

pub(super) fn is_all_caps(s: &str) -> bool {
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
    pub(super) fn build(merged: Merged) -> Data {
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
        d.generic_ci = merged
            .generic_institutions
            .iter()
            .map(|g| org_key(g))
            .collect();
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
