//! `Gazetteer::resolve`: raw NER mentions → the final entity list (countries, capitals by
//! metonymy, names the model missed), sorted and non-overlapping.

use std::collections::HashSet;

use super::data::NameKind;
use super::metonymy::CapitalSense;
use super::scan::name_repeats;
use super::Gazetteer;
use crate::doc::text::possessive_at;
use crate::doc::Doc;
use crate::entity::{Entity, Label};
use crate::span::CharIndex;

#[derive(Clone, Debug)]
pub(super) struct Cand {
    pub(super) bs: usize,
    pub(super) be: usize,
    pub(super) label: Label,
    pub(super) score: f32,
    pub(super) country: Option<String>,
    /// Code of the capital this mention names, pending the metonymy decision.
    pub(super) capital: Option<String>,
    /// Added by the gazetteer scan (not by the model).
    pub(super) added: bool,
}

impl Gazetteer {
    /// Relabel state mentions as `COUNTRY` (with ISO code), add country mentions the NER model
    /// missed, and return all entities sorted by position, non-overlapping. Never panics.
    pub(crate) fn resolve(&self, doc: &Doc, entities: Vec<Entity>) -> Vec<Entity> {
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
        cands = split_joined_surnames(text, cands);
        cands = self.administrations_as_persons(text, cands);
        cands = self.person_name_shapes(text, cands);
        cands.extend(name_repeats(text, &cands, self));
        cands = non_overlapping(cands);

        // Scan the gaps for organizations ("Qatar News Agency" before "Qatar"), then for
        // country names and capitals the model missed.
        let missed = self.missed_organizations(text, &cands, &excluded);
        cands.extend(missed);
        self.add_missed_countries(text, &mut cands, &excluded);
        cands.sort_by_key(|c| (c.bs, std::cmp::Reverse(c.be)));
        let cands = non_overlapping(self.decide_capitals(text, paras, cands));
        cands
            .into_iter()
            .filter(|c| c.bs < c.be)
            .map(|c| {
                let mut e = Entity::new(text, ix.span_from_bytes(c.bs, c.be), c.label, c.score);
                e.country = c.country;
                e
            })
            .collect()
    }

    /// Country names and capitals the model missed, in the gaps between `cands` and the
    /// `excluded` ranges (names listed as `model_only` are never added).
    fn add_missed_countries(&self, text: &str, cands: &mut Vec<Cand>, excluded: &[(usize, usize)]) {
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
    }

    /// Capitals by metonymy ([`Gazetteer::capital_sense`]): the government becomes `COUNTRY`,
    /// the place stays or becomes `LOCATION`; a capital the scan added as a place is dropped.
    /// `cands` sorted by position.
    fn decide_capitals(&self, text: &str, paras: &[(usize, usize)], cands: Vec<Cand>) -> Vec<Cand> {
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
        keep
    }
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

pub(super) fn non_overlapping(mut v: Vec<Cand>) -> Vec<Cand> {
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

impl Gazetteer {
    /// "The Obama administration", "the Biden Administration": a presidency is named after
    /// its president, and the guideline tags the name as PERSON (the actor is the person).
    /// A mention "`<Name> administration`" the model took for an organization becomes the
    /// person `<Name>` when `<Name>` is one capitalised word that is no country, capital,
    /// demonym, known organization or organization descriptor ("Federal Aviation
    /// Administration" has two words and stays), or when its last word ends a person's name
    /// elsewhere in the text. A one-word organization mention right before "administration"
    /// is relabelled the same way.
    fn administrations_as_persons(&self, text: &str, mut cands: Vec<Cand>) -> Vec<Cand> {
        let surnames: HashSet<&str> = cands
            .iter()
            .filter(|c| c.label == Label::Person)
            .filter_map(|c| text[c.bs..c.be].split_whitespace().last())
            .collect();
        let mut changed = Vec::new();
        for (i, c) in cands.iter().enumerate() {
            if c.label != Label::Organization {
                continue;
            }
            let s = &text[c.bs..c.be];
            let (name, adm_in_span) = match s.rsplit_once(' ') {
                Some((head, last)) if last.eq_ignore_ascii_case("administration") => (head, true),
                _ => (s, false),
            };
            if !adm_in_span && !followed_by_word(text, c.be, "administration") {
                continue;
            }
            let words: Vec<&str> = name.split_whitespace().collect();
            let Some(last) = words.last() else { continue };
            let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
            let plain_name = words.len() == 1
                && capitalised(last)
                && self.lookup(last).is_none()
                && self.capital(last).is_none()
                && self.demonym(last).is_none()
                && !self.is_known_organization(last)
                && !self.is_org_descriptor(last);
            let known_person =
                words.iter().all(|w| capitalised(w)) && surnames.contains(last) && words.len() <= 3;
            if plain_name || known_person {
                changed.push((i, c.bs + name.len()));
            }
        }
        for (i, end) in changed {
            cands[i].be = end;
            cands[i].label = Label::Person;
            cands[i].country = None;
        }
        cands
    }
}

/// Arabic name particles that continue a person's name ("Badr bin Hamad Al Busaidi").
const NAME_PARTICLES: &[&str] = &["Al ", "al-", "Al-", "bin ", "bint ", "ibn ", "Ibn "];

impl Gazetteer {
    /// Person names the model cut or called organizations:
    /// * a person mention followed, one space on, by a mention that starts with a name
    ///   particle ("Badr bin Hamad" + "Al Busaidi") is one person;
    /// * a mention (not a country, not a known organization) that repeats the last words of a
    ///   person's name of three words or more ("Al Busaidi") is that person;
    /// * an organization mention in apposition with an office title (", the Iraqi parliament
    ///   speaker") is a person.
    fn person_name_shapes(&self, text: &str, cands: Vec<Cand>) -> Vec<Cand> {
        let mut out: Vec<Cand> = Vec::with_capacity(cands.len());
        for c in cands {
            if let Some(prev) = out.last_mut() {
                let rest = &text[c.bs..c.be];
                if prev.label == Label::Person
                    && c.label != Label::Country
                    && c.bs == prev.be + 1
                    && text[prev.be..c.bs] == *" "
                    && NAME_PARTICLES.iter().any(|p| rest.starts_with(p))
                {
                    prev.be = c.be;
                    continue;
                }
            }
            out.push(c);
        }
        let long_names: Vec<&str> = out
            .iter()
            .filter(|c| c.label == Label::Person)
            .map(|c| &text[c.bs..c.be])
            .filter(|n| n.split_whitespace().count() >= 3)
            .collect();
        let mut relabel = Vec::new();
        for (i, c) in out.iter().enumerate() {
            if matches!(c.label, Label::Person | Label::Country) {
                continue;
            }
            let s = &text[c.bs..c.be];
            let repeats = !self.is_known_organization(s)
                && long_names.iter().any(|n| {
                    n.len() > s.len() && n.ends_with(s) && n[..n.len() - s.len()].ends_with(' ')
                });
            if repeats || (c.label == Label::Organization && self.titled_apposition(text, c.be)) {
                relabel.push(i);
            }
        }
        for i in relabel {
            out[i].label = Label::Person;
            out[i].country = None;
        }
        out
    }

    /// Whether ", the `[demonym] ... <office title>`" follows byte `end` and ends its clause
    /// (", the Iraqi parliament speaker.").
    fn titled_apposition(&self, text: &str, end: usize) -> bool {
        let Some(rest) = text.get(end..).and_then(|r| r.strip_prefix(", ")) else {
            return false;
        };
        let Some(body) = ["the ", "The "].iter().find_map(|a| rest.strip_prefix(a)) else {
            return false;
        };
        let stop = body
            .find([',', '.', ';', ':', '\n', '(', ')'])
            .unwrap_or(body.len());
        let clause = &body[..stop];
        // "Hamas, the group's political leader" is about someone else
        let about_other = clause.contains("'s") || clause.contains("’s") || clause.contains(" of ");
        if stop > 60 || clause.is_empty() || clause.split_whitespace().count() > 5 || about_other {
            return false;
        }
        let clause_end =
            text.len() - rest.len() + (rest.len() - body.len()) + clause.trim_end().len();
        self.title_ending_at(text, clause_end)
            .is_some_and(|(_, t)| !t.rank)
    }
}

/// Whether the word right after byte `end` (one space between) is `word`, any case.
fn followed_by_word(text: &str, end: usize, word: &str) -> bool {
    text.get(end..)
        .and_then(|r| r.strip_prefix(' '))
        .is_some_and(|r| crate::doc::text::starts_with_word(r, word))
}

/// A two-word person mention whose words are the surnames of two different people named in
/// full elsewhere in the text is those two people: the headline "Kerry Zarif to Meet in Oman"
/// after "John Kerry" and "Mohammad Javad Zarif" (an uncased model joins adjacent names).
fn split_joined_surnames(text: &str, cands: Vec<Cand>) -> Vec<Cand> {
    // byte spans of a mention's whitespace-separated words
    let words = |c: &Cand| -> Vec<(usize, usize)> {
        let s = &text[c.bs..c.be];
        s.split_whitespace()
            .map(|w| {
                let off = c.bs + (w.as_ptr() as usize - s.as_ptr() as usize);
                (off, off + w.len())
            })
            .collect()
    };
    // surname → the full names (byte start) that end with it
    let mut full: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for c in cands.iter().filter(|c| c.label == Label::Person) {
        let w = words(c);
        if w.len() >= 2 {
            if let Some(&(s, e)) = w.last() {
                full.entry(&text[s..e]).or_default().push(c.bs);
            }
        }
    }
    let mut out = Vec::with_capacity(cands.len());
    for c in cands {
        let w = words(&c);
        let owners = |k: usize| full.get(&text[w[k].0..w[k].1]);
        let split = c.label == Label::Person
            && w.len() == 2
            && match (owners(0), owners(1)) {
                // each word ends a full name other than this mention
                (Some(a), Some(b)) => a.iter().any(|&x| x != c.bs) && b.iter().any(|&y| y != c.bs),
                _ => false,
            };
        if split {
            for &(s, e) in &w {
                out.push(Cand {
                    bs: s,
                    be: e,
                    label: Label::Person,
                    score: c.score,
                    country: None,
                    capital: None,
                    added: c.added,
                });
            }
        } else {
            out.push(c);
        }
    }
    out
}
