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

use std::collections::HashMap;

use crate::doc::Doc;
use crate::entity::{Entity, Label};
use crate::geo::Gazetteer;
use crate::report::{Actor, ActorKind, Mention};

use cluster::is_acronym;
pub(crate) use cluster::{org_clusters, person_clusters};

/// Actors (named, no role or country yet) with the entities they were built from: the output
/// of [`build_actors`], the input of affiliation.
#[derive(Debug, Default)]
pub(crate) struct Cast {
    /// Actors in order of first mention; an actor's id is its index.
    pub(crate) actors: Vec<Actor>,
    /// For each actor, the indices of its entities, in text order.
    pub(crate) members: Vec<Vec<usize>>,
}

/// One cluster of mentions before it becomes an actor.
struct Group {
    kind: ActorKind,
    /// (entity index, byte_start, byte_end)
    members: Vec<(usize, usize, usize)>,
}

/// Cluster `entities` (already through [`Gazetteer::resolve`]) into actors in order of first
/// mention (module docs). Role, country and stance fields are left empty.
pub(crate) fn build_actors(doc: &Doc, entities: &[Entity], gaz: &Gazetteer) -> Cast {
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

    let ix = doc.index();
    let actors = groups
        .iter()
        .enumerate()
        .map(|(id, g)| new_actor(text, ix, id, g.kind, &g.members, entities, gaz))
        .collect();
    let members = groups
        .iter()
        .map(|g| g.members.iter().map(|m| m.0).collect())
        .collect();
    Cast { actors, members }
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
    ix: &crate::span::CharIndex,
    id: usize,
    kind: ActorKind,
    members: &[(usize, usize, usize)],
    entities: &[Entity],
    gaz: &Gazetteer,
) -> Actor {
    let mentions: Vec<Mention> = members
        .iter()
        .map(|&(_, bs, be)| Mention {
            start: ix.char_of(bs),
            end: ix.char_of(be),
            text: text.get(bs..be).unwrap_or_default().to_string(),
        })
        .collect();
    let name = match kind {
        ActorKind::Person => fullest(&mentions),
        ActorKind::Organization => fullest_org(&mentions),
        ActorKind::Country => {
            let country = members
                .iter()
                .find_map(|&(i, _, _)| entities[i].country.clone());
            let common = country.as_deref().and_then(|c| gaz.country_name(c));
            match common {
                Some(cn) if mentions.iter().any(|m| m.text.eq_ignore_ascii_case(cn)) => {
                    cn.to_string()
                }
                _ => mentions
                    .iter()
                    .filter(|m| gaz.capital(&m.text).is_none())
                    .max_by_key(|m| m.text.chars().count())
                    .map(|m| m.text.clone())
                    .or_else(|| common.map(str::to_string))
                    .unwrap_or_else(|| mentions[0].text.clone()),
            }
        }
    };
    Actor {
        id,
        name,
        kind,
        country: None,
        country_source: None,
        code: None,
        role: None,
        mentions,
        stance: Default::default(),
        confidence: 0.0,
        evidence: Vec::new(),
    }
}

/// The mention with the most words (first on ties).
fn fullest(mentions: &[Mention]) -> String {
    let mut best: Option<&Mention> = None;
    for m in mentions {
        let n = m.text.split_whitespace().count();
        if best.is_none_or(|b| n > b.text.split_whitespace().count()) {
            best = Some(m);
        }
    }
    best.map(|m| m.text.clone()).unwrap_or_default()
}

/// The longest mention that is not an acronym (else the longest).
fn fullest_org(mentions: &[Mention]) -> String {
    let mut best: Option<&Mention> = None;
    for m in mentions {
        let acr = is_acronym(&m.text);
        let better = match best {
            None => true,
            Some(b) => {
                let bacr = is_acronym(&b.text);
                (bacr && !acr) || (bacr == acr && m.text.chars().count() > b.text.chars().count())
            }
        };
        if better {
            best = Some(m);
        }
    }
    best.map(|m| m.text.clone()).unwrap_or_default()
}

/// Every non-empty mention of `actors` as `(byte_start, byte_end, actor index)`, sorted by
/// position (the order attribution and stance scan the text in).
pub fn mention_byte_spans(
    actors: &[Actor],
    ix: &crate::span::CharIndex,
) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = actors
        .iter()
        .enumerate()
        .flat_map(|(a, act)| act.mentions.iter().map(move |m| (m.start, m.end, a)))
        .map(|(s, e, a)| (ix.byte_of(s), ix.byte_of(e), a))
        .filter(|(s, e, _)| s < e)
        .collect();
    out.sort();
    out
}
