//! Clustering: which mentions name the same person or organization.

use std::collections::HashMap;

use crate::doc::text::{next_tok, prev_tok};
use crate::entity::{Entity, Label};
use crate::geo::Gazetteer;

pub(super) fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).collect();
    !s.contains(' ')
        && (2..=6).contains(&letters.len())
        && letters
            .iter()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
}

/// Initials of the significant words of a name ("Supreme National Security Council" → "SNSC").
fn initials(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| {
            !matches!(
                w.to_lowercase().as_str(),
                "of" | "the" | "and" | "in" | "for" | "al" | "on" | "de" | ""
            )
        })
        .filter_map(|w| w.chars().next())
        .flat_map(|c| c.to_uppercase())
        .collect()
}

fn norm_tok(t: &str) -> String {
    let l = t.to_lowercase().replace('’', "'");
    let l = l
        .strip_prefix("al-")
        .or_else(|| l.strip_prefix("el-"))
        .unwrap_or(&l)
        .to_string();
    l.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn name_toks(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(norm_tok)
        .filter(|t| !t.is_empty())
        .collect()
}

/// Person clusters (lists of entity indices, in text order) over `idx` (PERSON entities).
pub(crate) fn person_clusters(entities: &[Entity], idx: &[usize]) -> Vec<Vec<usize>> {
    let mut persons = Persons::default();
    // multi-word names first, in text order
    for &i in idx {
        let toks = name_toks(&entities[i].text);
        if toks.len() >= 2 {
            persons.add_full_name(i, toks, entities[i].byte_start);
        }
    }
    // then single words
    for &i in idx {
        let toks = name_toks(&entities[i].text);
        if toks.len() < 2 {
            persons.add_single_word(i, toks, entities[i].byte_start);
        }
    }
    let mut out: Vec<Vec<usize>> = persons
        .clusters
        .into_iter()
        .map(|cl| {
            let mut m = cl.members;
            m.sort_by_key(|&i| entities[i].byte_start);
            m
        })
        .collect();
    out.sort_by_key(|m| m.first().map(|&i| entities[i].byte_start));
    out
}

/// One person cluster being built.
struct Cl {
    /// The fullest name's normalized words.
    head: Vec<String>,
    members: Vec<usize>,
    /// member positions, sorted
    pos: Vec<usize>,
}

impl Cl {
    fn add_member(&mut self, i: usize, at: usize) {
        self.members.push(i);
        let k = self.pos.partition_point(|&p| p < at);
        self.pos.insert(k, at);
    }
}

/// Person clusters with their indexes: last word → clusters whose head ends with it; any
/// word → clusters whose head has it.
#[derive(Default)]
struct Persons {
    clusters: Vec<Cl>,
    by_last: HashMap<String, Vec<usize>>,
    by_any: HashMap<String, Vec<usize>>,
}

impl Persons {
    /// Index cluster `c` under each of `toks` (once).
    fn index_words(&mut self, c: usize, toks: &[String]) {
        for t in toks {
            let v = self.by_any.entry(t.clone()).or_default();
            if !v.contains(&c) {
                v.push(c);
            }
        }
    }

    /// A multi-word name (entity `i` at byte `at`) joins a cluster whose head it ends or that
    /// ends it, else starts one.
    fn add_full_name(&mut self, i: usize, toks: Vec<String>, at: usize) {
        let found = toks
            .last()
            .and_then(|l| self.by_last.get(l))
            .and_then(|cs| {
                cs.iter().copied().find(|&c| {
                    let h = &self.clusters[c].head;
                    h.ends_with(&toks) || toks.ends_with(h)
                })
            });
        match found {
            Some(c) => {
                if toks.len() > self.clusters[c].head.len() {
                    self.index_words(c, &toks);
                    self.clusters[c].head = toks;
                }
                self.clusters[c].add_member(i, at);
            }
            None => {
                let c = self.clusters.len();
                if let Some(l) = toks.last() {
                    self.by_last.entry(l.clone()).or_default().push(c);
                }
                self.index_words(c, &toks);
                self.clusters.push(Cl {
                    head: toks,
                    members: vec![i],
                    pos: vec![at],
                });
            }
        }
    }

    /// A single word (entity `i` at byte `at`) joins the nearest full name before whose last
    /// word it is, then one having it as another word, then the same after; else it starts a
    /// cluster.
    fn add_single_word(&mut self, i: usize, toks: Vec<String>, at: usize) {
        let Some(tok) = toks.first().cloned() else {
            self.clusters.push(Cl {
                head: Vec::new(),
                members: vec![i],
                pos: vec![at],
            });
            return;
        };
        match self.nearest(&tok, at) {
            Some(c) => self.clusters[c].add_member(i, at),
            None => {
                let c = self.clusters.len();
                self.by_last.entry(tok.clone()).or_default().push(c);
                self.by_any.entry(tok.clone()).or_default().push(c);
                self.clusters.push(Cl {
                    head: toks,
                    members: vec![i],
                    pos: vec![at],
                });
            }
        }
    }

    /// The cluster a single word `tok` at byte `at` joins (see [`Persons::add_single_word`]).
    fn nearest(&self, tok: &str, at: usize) -> Option<usize> {
        let mut best: Option<(u8, usize, usize)> = None; // (priority, distance, cluster)
        for &c in self.by_any.get(tok).map(|v| v.as_slice()).unwrap_or(&[]) {
            let cl = &self.clusters[c];
            let last = cl.head.last().map(String::as_str) == Some(tok);
            let k = cl.pos.partition_point(|&p| p < at);
            let before = k.checked_sub(1).map(|k| at - cl.pos[k]);
            let after = cl.pos[k..].iter().find(|&&p| p > at).map(|&p| p - at);
            let cand = match (before, after) {
                (Some(d), _) => (if last { 0 } else { 1 }, d),
                (None, Some(d)) => (if last { 2 } else { 3 }, d),
                (None, None) => continue,
            };
            if best.is_none_or(|(p, d, _)| (cand.0, cand.1) < (p, d)) {
                best = Some((cand.0, cand.1, c));
            }
        }
        best.map(|(_, _, c)| c)
    }
}

pub(crate) fn org_clusters(text: &str, entities: &[Entity], gaz: &Gazetteer) -> Vec<Vec<usize>> {
    let mut clusters: Vec<(String, Vec<usize>)> = Vec::new();
    let mut key_of: HashMap<String, usize> = HashMap::new();
    // initials (upper case) of multi-word member names → cluster
    let mut by_initials: HashMap<String, usize> = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        if e.label != Label::Organization {
            continue;
        }
        let key = gaz.organization_key(&e.text);
        if let Some(&c) = key_of.get(&key) {
            clusters[c].1.push(i);
            continue;
        }
        // the entity right before this one (entities are sorted and non-overlapping)
        let prev = i.checked_sub(1).map(|j| (j, &entities[j]));
        // acronym in brackets right after an organization, or matching initials
        let mut target = None;
        if is_acronym(&e.text) {
            if let Some(open) = prev_tok(text, e.byte_start) {
                if matches!(open.text, "(" | "[") {
                    let before = text[..open.start].trim_end().len();
                    if let Some((_, x)) =
                        prev.filter(|(_, x)| x.label == Label::Organization && x.byte_end == before)
                    {
                        target = key_of.get(&gaz.organization_key(&x.text)).copied();
                    }
                }
            }
            if target.is_none() {
                let acr: String = e
                    .text
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_uppercase)
                    .collect();
                target = by_initials.get(&acr).copied();
            }
        } else if let Some(close) = next_tok(text, e.byte_end) {
            // "European Union" inside "EU [European Union]"
            if matches!(close.text, ")" | "]") {
                if let Some(open) = text[..e.byte_start].trim_end().strip_suffix(['(', '[']) {
                    let before = open.trim_end().len();
                    if let Some((_, x)) = prev.filter(|(_, x)| {
                        x.label == Label::Organization
                            && x.byte_end == before
                            && is_acronym(&x.text)
                    }) {
                        target = key_of.get(&gaz.organization_key(&x.text)).copied();
                    }
                }
            }
        }
        let c = match target {
            Some(c) => {
                clusters[c].1.push(i);
                c
            }
            None => {
                clusters.push((key.clone(), vec![i]));
                clusters.len() - 1
            }
        };
        key_of.insert(key, c);
        if e.text.contains(' ') {
            by_initials.entry(initials(&e.text)).or_insert(c);
        }
    }
    clusters.into_iter().map(|(_, m)| m).collect()
}
