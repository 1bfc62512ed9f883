//! Actors: entity mentions clustered into people, states and institutions, named.
//!
//! # Clustering
//! * **Countries**: all mentions with the same ISO code ("US", "United States", "America",
//!   "Washington" as government) are one actor, named by the country's short name when the
//!   text uses it, else by the longest form seen.
//! * **Persons**: a multi-word name joins an earlier one it is a suffix of or that is a suffix
//!   of it ("Javad Zarif" / "Mohammad Javad Zarif"). A single word joins a full name whose last
//!   word it is ("Graham" → "Lindsey Graham"; "al-" is ignored: "Maliki" → "Nouri al-Maliki"),
//!   preferring the nearest full name *before* it, then one whose other word it is ("Prince
//!   Saud" → "Saud al-Faisal"), then a full name after it.
//! * **Organizations**: same normalized name, names listed together in `[organizations]`
//!   ("ISIS" / "ISIL" / "Islamic State"), an acronym in brackets right after a name
//!   ("Supreme National Security Council (SNSC)") or matching its initials.
//! * "The Obama administration" is the person Obama: the guideline tags the name as PERSON
//!   and news means the president (the gazetteer stage already made the mention a person).
//!
//! Roles and countries are set by the next stage, [`crate::affiliation`].

mod cluster;
#[cfg(test)]
mod tests;
pub(crate) mod unnamed;

use std::collections::HashMap;

use crate::doc::Doc;
use crate::entity::{Entity, Label};
use crate::geo::Gazetteer;
use crate::report::{ActorKind, CountrySource};

use cluster::is_acronym;
pub(crate) use cluster::{org_clusters, person_clusters};

/// One mention of an actor: the entity it was built from and that entity's byte span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MentionSpan {
    /// Index of the entity in the entity list the actors were built from; `None` for a
    /// mention that is no entity (a demonym naming an unnamed state, [`unnamed`]).
    pub(crate) entity: Option<usize>,
    /// First byte, inclusive.
    pub(crate) byte_start: usize,
    /// Last byte, exclusive.
    pub(crate) byte_end: usize,
}

/// An actor as the rule stages see it: kind, name and byte-span mentions from
/// [`build_actors`]; role, country, country source and code filled by affiliation. The public
/// [`crate::report::Actor`] (char offsets, stance) is built from it once, at the end.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ActorData {
    /// Person, country or organization.
    pub(crate) kind: ActorKind,
    /// The fullest name seen (for a person named by one word, the dictionary's full name:
    /// affiliation).
    pub(crate) name: String,
    /// Every mention, in text order.
    pub(crate) mentions: Vec<MentionSpan>,
    /// Title or office (affiliation).
    pub(crate) role: Option<String>,
    /// ISO 3166-1 alpha-3 code of the actor or of its affiliation (affiliation).
    pub(crate) country: Option<String>,
    /// Which evidence gave `country` (affiliation).
    pub(crate) country_source: Option<CountrySource>,
    /// CAMEO actor code (affiliation).
    pub(crate) code: Option<String>,
}

impl ActorData {
    /// A named actor of `kind` over `mentions` (text order), with no affiliation yet.
    pub(crate) fn new(kind: ActorKind, name: String, mentions: Vec<MentionSpan>) -> ActorData {
        ActorData {
            kind,
            name,
            mentions,
            role: None,
            country: None,
            country_source: None,
            code: None,
        }
    }

    /// The indices of its entities, in text order.
    pub(crate) fn members(&self) -> Vec<usize> {
        self.mentions.iter().filter_map(|m| m.entity).collect()
    }

    /// The text of each mention in `text` (the document the actor was built on), in text
    /// order; empty for a span that is not one of `text`.
    pub(crate) fn texts<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.mentions
            .iter()
            .map(|m| text.get(m.byte_start..m.byte_end).unwrap_or_default())
            .collect()
    }
}

/// One cluster of mentions before it becomes an actor.
struct Group {
    kind: ActorKind,
    /// (entity index, byte_start, byte_end)
    members: Vec<(usize, usize, usize)>,
}

/// Cluster `entities` (already through [`Gazetteer::resolve`]) into actors in order of first
/// mention (module docs). Role and country fields are left empty.
pub(crate) fn build_actors(doc: &Doc, entities: &[Entity], gaz: &Gazetteer) -> Vec<ActorData> {
    let text = doc.text();
    let mut groups = person_groups(entities);
    push_countries(&mut groups, entities);
    for cl in org_clusters(text, entities, gaz) {
        groups.push(group(ActorKind::Organization, cl, entities));
    }
    groups.retain(|g| !g.members.is_empty());
    for g in &mut groups {
        g.members.sort_by_key(|m| m.1);
    }
    groups.sort_by_key(|g| g.members[0].1);
    groups
        .iter()
        .map(|g| new_actor(text, g.kind, &g.members, entities, gaz))
        .collect()
}

/// A group of `kind` over the entities `cl`, with their spans.
fn group(kind: ActorKind, cl: Vec<usize>, entities: &[Entity]) -> Group {
    Group {
        kind,
        members: cl
            .into_iter()
            .map(|i| (i, entities[i].byte_start, entities[i].byte_end))
            .collect(),
    }
}

/// Person groups.
fn person_groups(entities: &[Entity]) -> Vec<Group> {
    let person_idx: Vec<usize> = (0..entities.len())
        .filter(|&i| entities[i].label == Label::Person)
        .collect();
    person_clusters(entities, &person_idx)
        .into_iter()
        .map(|cl| group(ActorKind::Person, cl, entities))
        .collect()
}

/// One country actor per ISO code.
fn push_countries(groups: &mut Vec<Group>, entities: &[Entity]) {
    let mut by_code: HashMap<String, usize> = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        if e.label != Label::Country {
            continue;
        }
        let key = e.country.clone().unwrap_or_else(|| e.text.to_lowercase());
        let g = *by_code.entry(key).or_insert_with(|| {
            groups.push(Group {
                kind: ActorKind::Country,
                members: Vec::new(),
            });
            groups.len() - 1
        });
        groups[g].members.push((i, e.byte_start, e.byte_end));
    }
}

/// An actor of `kind` over `members` (entity index, byte span), with its name; no affiliation
/// yet.
fn new_actor(
    text: &str,
    kind: ActorKind,
    members: &[(usize, usize, usize)],
    entities: &[Entity],
    gaz: &Gazetteer,
) -> ActorData {
    let mentions: Vec<MentionSpan> = members
        .iter()
        .map(|&(entity, byte_start, byte_end)| MentionSpan {
            entity: Some(entity),
            byte_start,
            byte_end,
        })
        .collect();
    let texts: Vec<&str> = members
        .iter()
        .map(|&(_, bs, be)| text.get(bs..be).unwrap_or_default())
        .collect();
    let name = match kind {
        ActorKind::Person => fullest(&texts),
        ActorKind::Organization => fullest_org(&texts),
        ActorKind::Country => {
            let country = members
                .iter()
                .find_map(|&(i, _, _)| entities[i].country.clone());
            let common = country.as_deref().and_then(|c| gaz.country_name(c));
            match common {
                Some(cn) if texts.iter().any(|m| m.eq_ignore_ascii_case(cn)) => cn.to_string(),
                _ => texts
                    .iter()
                    .filter(|m| gaz.capital(m).is_none())
                    .max_by_key(|m| m.chars().count())
                    .map(|m| m.to_string())
                    .or_else(|| common.map(str::to_string))
                    .unwrap_or_else(|| texts.first().copied().unwrap_or_default().to_string()),
            }
        }
    };
    ActorData::new(kind, name, mentions)
}

/// The mention with the most words (first on ties).
fn fullest(mentions: &[&str]) -> String {
    let mut best: Option<&str> = None;
    for &m in mentions {
        let n = m.split_whitespace().count();
        if best.is_none_or(|b| n > b.split_whitespace().count()) {
            best = Some(m);
        }
    }
    best.map(str::to_string).unwrap_or_default()
}

/// The longest mention that is not an acronym (else the longest).
fn fullest_org(mentions: &[&str]) -> String {
    let mut best: Option<&str> = None;
    for &m in mentions {
        let acr = is_acronym(m);
        let better = match best {
            None => true,
            Some(b) => {
                let bacr = is_acronym(b);
                (bacr && !acr) || (bacr == acr && m.chars().count() > b.chars().count())
            }
        };
        if better {
            best = Some(m);
        }
    }
    best.map(str::to_string).unwrap_or_default()
}

/// Every non-empty mention of `actors` as `(byte_start, byte_end, actor index)`, sorted by
/// position (the order attribution and stance scan the text in).
pub(crate) fn mention_byte_spans(actors: &[ActorData]) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = actors
        .iter()
        .enumerate()
        .flat_map(|(a, act)| {
            act.mentions
                .iter()
                .map(move |m| (m.byte_start, m.byte_end, a))
        })
        .filter(|(s, e, _)| s < e)
        .collect();
    out.sort();
    out
}
