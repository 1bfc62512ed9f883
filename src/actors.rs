//! Actors: entity mentions clustered into people, states and institutions, with role and
//! affiliation.
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
//!   ("Supreme National Security Council (SNSC)") or matching its initials. "`<person>
//!   administration`" ("the Obama administration") is an organization of the person's country.
//!
//! # Affiliation (the `country` of persons and organizations), strongest cue first
//! 1. **Title chain before the name**: walking back over titles, ranks and filler words, the
//!    first demonym, country, institution or affiliated organization met ("U.S. Senator
//!    Lindsey Graham", "Iranian President Hassan Rouhani", "House Intelligence Committee
//!    Chairman Mike Rogers", "Iran's Supreme Leader Ayatollah Ali Khamenei", "NPR's Melissa
//!    Block", "Zarif's deputies Abbas Araqchi"). A country after "to"/"in" is a destination, not
//!    an affiliation ("Ambassador to the UK").
//! 2. **Apposition after the name** ("Martin Dempsey, chairman of the Joint Chiefs of Staff";
//!    not ", the White House said").
//! 3. **Title hint** from the data ("Secretary of State" → USA, "Supreme Leader" → IRN).
//! 4. **Running context**: the nearest affiliation anchor in the same paragraph before the
//!    mention, else in the two paragraphs before, else in the same paragraph after it. The
//!    first mention with an anchor before it decides; only when none has one, an anchor after
//!    a mention. Anchors are mentions of affiliated persons, of organizations with a country
//!    (not media outlets), countries opening a sentence ("Australia will take the lead ...")
//!    and demonym/possessive + role-noun phrases ("Israeli ministers", "Iran's leadership"),
//!    the last two only outside direct quotations. So "Foreign Minister Julie Bishop" right
//!    after Australian statements is Australian. "his counterpart, Foreign Minister X"
//!    excludes the country of the context.
//! 5. **Document default**: the country mentioned most often (ties: first mentioned).
//!
//! A person introduced through an international organization ("NATO Secretary-General X",
//! "the European Union's foreign policy chief Y"; `[international]` in the data) gets no country
//! from rules 4 and 5.
//!
//! Organizations get a country from the data (institutions, media outlets with a home
//! country), a leading demonym or country ("Iranian Armed Forces"), a demonym or country
//! possessive before them ("Iran's Foreign Ministry", "the Israeli daily Haaretz"), or a
//! dateline ("TEHRAN (Tasnim)"); otherwise none (wire services like Reuters have none).

use std::collections::HashMap;

use crate::doc::text::{
    is_word_char, next_tok, paragraph_of, possessive_at, prev_tok, sentence_initial,
};
use crate::doc::Doc;
use crate::entity::{Entity, Label};
use crate::geo::Gazetteer;
use crate::report::{Actor, ActorKind, Mention};

/// Cluster `entities` (already through [`Gazetteer::resolve`]) into actors.
/// Actor ids are their index in the returned vector. Stance fields are left neutral.
pub fn build_actors(doc: &Doc, entities: &[Entity], gaz: &Gazetteer) -> Vec<Actor> {
    let text = doc.text();
    // Persons followed by "administration" are an organization, not the person.
    let admin: Vec<Option<usize>> = entities
        .iter()
        .map(|e| {
            if e.label != Label::Person {
                return None;
            }
            let n = next_tok(text, e.byte_end.min(text.len()))?;
            (n.word && n.text.eq_ignore_ascii_case("administration") && n.start == e.byte_end + 1)
                .then_some(n.end)
        })
        .collect();
    let cues = person_cues(text, entities, gaz);

    struct Group {
        kind: ActorKind,
        members: Vec<(usize, usize, usize)>, // (entity index, byte_start, byte_end)
    }
    let mut groups: Vec<Group> = Vec::new();

    // persons
    let person_idx: Vec<usize> = (0..entities.len())
        .filter(|&i| entities[i].label == Label::Person && admin[i].is_none())
        .collect();
    for cl in person_clusters(entities, &person_idx) {
        groups.push(Group {
            kind: ActorKind::Person,
            members: cl
                .into_iter()
                .map(|i| (i, entities[i].byte_start, entities[i].byte_end))
                .collect(),
        });
    }
    // administrations
    let mut admin_groups: HashMap<String, usize> = HashMap::new();
    for (i, a) in admin.iter().enumerate() {
        if let Some(end) = a {
            let key = entities[i].text.to_lowercase();
            let g = *admin_groups.entry(key).or_insert_with(|| {
                groups.push(Group {
                    kind: ActorKind::Organization,
                    members: Vec::new(),
                });
                groups.len() - 1
            });
            groups[g].members.push((i, entities[i].byte_start, *end));
        }
    }
    // countries
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
    // organizations
    for cl in org_clusters(text, entities, gaz) {
        groups.push(Group {
            kind: ActorKind::Organization,
            members: cl
                .into_iter()
                .map(|i| (i, entities[i].byte_start, entities[i].byte_end))
                .collect(),
        });
    }

    groups.retain(|g| !g.members.is_empty());
    for g in &mut groups {
        g.members.sort_by_key(|m| m.1);
    }
    groups.sort_by_key(|g| g.members[0].1);

    let ix = doc.index();
    groups
        .into_iter()
        .enumerate()
        .map(|(id, g)| {
            let mentions: Vec<Mention> = g
                .members
                .iter()
                .map(|&(_, bs, be)| Mention {
                    start: ix.char_of(bs),
                    end: ix.char_of(be),
                    text: text.get(bs..be).unwrap_or_default().to_string(),
                })
                .collect();
            let country = g
                .members
                .iter()
                .find_map(|&(i, _, _)| entities[i].country.clone());
            let name = match g.kind {
                ActorKind::Person => fullest(&mentions),
                ActorKind::Organization => {
                    if g.members.iter().any(|&(i, _, _)| admin[i].is_some()) {
                        mentions[0].text.clone()
                    } else {
                        fullest_org(&mentions)
                    }
                }
                ActorKind::Country => {
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
            let role = if g.kind == ActorKind::Person {
                g.members.iter().find_map(|&(i, _, _)| {
                    cues.get(&i)
                        .and_then(|c| c.role.clone().or(c.rank_role.clone()))
                })
            } else {
                None
            };
            Actor {
                id,
                name,
                kind: g.kind,
                country,
                role: role.filter(|r| !r.is_empty()),
                mentions,
                stance: Default::default(),
                confidence: 0.0,
                evidence: Vec::new(),
            }
        })
        .collect()
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

fn is_acronym(s: &str) -> bool {
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

// ---------------------------------------------------------------------------------------------
// Persons
// ---------------------------------------------------------------------------------------------

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
    struct Cl {
        head: Vec<String>,
        members: Vec<usize>,
        /// member positions, sorted
        pos: Vec<usize>,
    }
    let mut clusters: Vec<Cl> = Vec::new();
    // last word → clusters whose head ends with it; any word → clusters whose head has it
    let mut by_last: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_any: HashMap<String, Vec<usize>> = HashMap::new();
    fn add_member(cl: &mut Cl, i: usize, at: usize) {
        cl.members.push(i);
        let k = cl.pos.partition_point(|&p| p < at);
        cl.pos.insert(k, at);
    }
    // multi-word names first, in text order
    for &i in idx {
        let toks = name_toks(&entities[i].text);
        if toks.len() < 2 {
            continue;
        }
        let at = entities[i].byte_start;
        let found = toks.last().and_then(|l| by_last.get(l)).and_then(|cs| {
            cs.iter().copied().find(|&c| {
                let h = &clusters[c].head;
                h.ends_with(&toks) || toks.ends_with(h)
            })
        });
        match found {
            Some(c) => {
                if toks.len() > clusters[c].head.len() {
                    for t in &toks {
                        let v = by_any.entry(t.clone()).or_default();
                        if !v.contains(&c) {
                            v.push(c);
                        }
                    }
                    clusters[c].head = toks;
                }
                add_member(&mut clusters[c], i, at);
            }
            None => {
                let c = clusters.len();
                if let Some(l) = toks.last() {
                    by_last.entry(l.clone()).or_default().push(c);
                }
                for t in &toks {
                    let v = by_any.entry(t.clone()).or_default();
                    if !v.contains(&c) {
                        v.push(c);
                    }
                }
                clusters.push(Cl {
                    head: toks,
                    members: vec![i],
                    pos: vec![at],
                });
            }
        }
    }
    // single words: the nearest full name before whose last word it is, then one having it as
    // another word, then the same after
    for &i in idx {
        let toks = name_toks(&entities[i].text);
        if toks.len() >= 2 {
            continue;
        }
        let at = entities[i].byte_start;
        let Some(tok) = toks.first().cloned() else {
            clusters.push(Cl {
                head: Vec::new(),
                members: vec![i],
                pos: vec![at],
            });
            continue;
        };
        let mut best: Option<(u8, usize, usize)> = None; // (priority, distance, cluster)
        for &c in by_any.get(&tok).map(|v| v.as_slice()).unwrap_or(&[]) {
            let cl = &clusters[c];
            let last = cl.head.last() == Some(&tok);
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
        match best {
            Some((_, _, c)) => add_member(&mut clusters[c], i, at),
            None => {
                let c = clusters.len();
                by_last.entry(tok.clone()).or_default().push(c);
                by_any.entry(tok.clone()).or_default().push(c);
                clusters.push(Cl {
                    head: toks,
                    members: vec![i],
                    pos: vec![at],
                });
            }
        }
    }
    let mut out: Vec<Vec<usize>> = clusters
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

/// What the text around one person mention says about it.
#[derive(Clone, Debug, Default)]
struct Cue {
    /// From a demonym, country, institution or affiliated organization.
    country: Option<String>,
    /// From a title's data hint.
    hint: Option<String>,
    /// Nearest office title.
    role: Option<String>,
    /// Nearest rank/honorific.
    rank_role: Option<String>,
    /// "his counterpart, ..."
    counterpart: bool,
    /// A person whose possessive introduces this one ("Zarif's deputies X").
    possessor: Option<usize>,
    /// Introduced through an international organization ("NATO Secretary-General X").
    international: bool,
    /// The object of a preposition of relation ("overtures from the Obama administration",
    /// "met with X"): the subject of the same sentence is another party.
    counterparty: bool,
}

/// Cues for every PERSON entity (by index).
fn person_cues(text: &str, entities: &[Entity], gaz: &Gazetteer) -> HashMap<usize, Cue> {
    let by_end: HashMap<usize, usize> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.byte_end, i))
        .collect();
    let mut out = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        if e.label != Label::Person {
            continue;
        }
        let mut cue = backward_chain(text, entities, &by_end, e.byte_start, gaz);
        if cue.country.is_none() {
            let (c, role) = apposition(text, entities, e.byte_end, gaz);
            cue.country = c;
            if cue.role.is_none() && cue.rank_role.is_none() {
                cue.role = role;
            }
        }
        out.insert(i, cue);
    }
    out
}

/// Whether the country mention at `start` is a destination ("to the UK", "in Iraq").
fn is_destination(text: &str, start: usize) -> Option<usize> {
    let mut p = prev_tok(text, start)?;
    if p.word && p.text.eq_ignore_ascii_case("the") {
        p = prev_tok(text, p.start)?;
    }
    (p.word
        && matches!(
            p.text.to_lowercase().as_str(),
            "to" | "in" | "at" | "for" | "from" | "into" | "with" | "on"
        ))
    .then_some(p.start)
}

fn backward_chain(
    text: &str,
    entities: &[Entity],
    by_end: &HashMap<usize, usize>,
    start: usize,
    gaz: &Gazetteer,
) -> Cue {
    let mut cue = Cue::default();
    let mut pos = start;
    let mut commas = 0;
    for _ in 0..16 {
        let p = text[..pos.min(text.len())].trim_end().len();
        if p == 0 {
            break;
        }
        if let Some((ts, t)) = gaz.title_ending_at(text, p) {
            if t.form == "counterpart" {
                cue.counterpart = true;
            }
            if !t.role.is_empty() {
                if t.rank {
                    cue.rank_role.get_or_insert_with(|| t.role.clone());
                } else {
                    cue.role.get_or_insert_with(|| t.role.clone());
                }
            }
            if cue.hint.is_none() {
                cue.hint = t.country.clone();
            }
            pos = ts;
            continue;
        }
        // an entity ending here, possibly with a possessive
        let mut ent_at = by_end.get(&p).copied().map(|j| (j, false));
        if ent_at.is_none() {
            for q in ["'s", "’s"] {
                if p >= q.len() && text.is_char_boundary(p - q.len()) && text[..p].ends_with(q) {
                    if let Some(&j) = by_end.get(&(p - q.len())) {
                        ent_at = Some((j, true));
                    }
                }
            }
        }
        if let Some((j, poss)) = ent_at {
            let ej = &entities[j];
            match ej.label {
                Label::Country => {
                    if !poss {
                        if let Some(prep) = is_destination(text, ej.byte_start) {
                            pos = prep;
                            continue;
                        }
                    }
                    cue.country = ej.country.clone();
                }
                Label::Organization => {
                    if ej.country.is_some() {
                        cue.country = ej.country.clone();
                    } else if gaz.is_international(&ej.text) {
                        cue.international = true;
                    } else {
                        pos = ej.byte_start;
                        continue;
                    }
                }
                Label::Person if poss => cue.possessor = Some(j),
                _ => {}
            }
            break;
        }
        let Some(t) = prev_tok(text, p) else { break };
        if t.word {
            let w = t
                .text
                .strip_suffix("'s")
                .or_else(|| t.text.strip_suffix("’s"))
                .unwrap_or(t.text);
            let cap = w.chars().next().is_some_and(|c| c.is_uppercase());
            if cap {
                if let Some(c) = gaz.demonym(w) {
                    cue.country = Some(c.to_string());
                    break;
                }
                if let Some(c) = gaz.lookup(w) {
                    cue.country = Some(c.to_string());
                    break;
                }
            }
            if w == t.text && gaz.is_filler(w) {
                pos = t.start;
                continue;
            }
            if matches!(
                w.to_lowercase().as_str(),
                "from" | "with" | "to" | "against" | "toward" | "towards"
            ) {
                cue.counterparty = true;
            }
            break;
        }
        match t.text {
            "," if commas == 0 => {
                // only across a comma that follows a title or a country/organization ("the Saudi
                // Foreign Minister, Prince ...", "Ambassador to the UK, Prince ...")
                let q = text[..t.start].trim_end().len();
                let ent_before = by_end.get(&q).is_some_and(|&j| {
                    matches!(entities[j].label, Label::Country | Label::Organization)
                });
                if gaz.title_ending_at(text, q).is_some() || ent_before {
                    commas += 1;
                    pos = t.start;
                    continue;
                }
                break;
            }
            ")" | "]" => {
                let open = if t.text == ")" { '(' } else { '[' };
                match text[..t.start].rfind(open) {
                    Some(o) if t.start - o < 60 => {
                        pos = o;
                        continue;
                    }
                    _ => break,
                }
            }
            _ => break,
        }
    }
    cue
}

/// ", chairman of the Joint Chiefs of Staff," after a name: country and role.
fn apposition(
    text: &str,
    entities: &[Entity],
    end: usize,
    gaz: &Gazetteer,
) -> (Option<String>, Option<String>) {
    let Some(comma) = next_tok(text, end) else {
        return (None, None);
    };
    if comma.text != "," {
        return (None, None);
    }
    let Some(first) = next_tok(text, comma.end) else {
        return (None, None);
    };
    let starts_ok =
        first.word && (gaz.is_filler(first.text) || gaz.title_ending_at(text, first.end).is_some());
    if !starts_ok {
        return (None, None);
    }
    let mut role = None;
    let mut p = comma.end;
    for _ in 0..16 {
        let Some(t) = next_tok(text, p) else { break };
        if !t.word {
            if matches!(
                t.text,
                "," | "." | ";" | ":" | "(" | ")" | "—" | "–" | "\"" | "“" | "”"
            ) {
                break;
            }
            p = t.end;
            continue;
        }
        let lw = t.text.to_lowercase();
        if matches!(
            lw.as_str(),
            "who"
                | "which"
                | "that"
                | "said"
                | "says"
                | "was"
                | "is"
                | "has"
                | "had"
                | "told"
                | "will"
                | "would"
        ) {
            break;
        }
        let k = entities.partition_point(|e| e.byte_start < t.start);
        if let Some(e) = entities.get(k).filter(|e| e.byte_start == t.start) {
            // ", the White House said": a separate attribution, not an apposition
            if let Some(v) = next_tok(text, e.byte_end) {
                if v.word
                    && matches!(
                        v.text,
                        "said"
                            | "says"
                            | "told"
                            | "reported"
                            | "reports"
                            | "added"
                            | "announced"
                            | "stated"
                            | "confirmed"
                    )
                {
                    return (None, None);
                }
            }
            match e.label {
                Label::Country if is_destination(text, e.byte_start).is_none() => {
                    return (e.country.clone(), role)
                }
                Label::Organization if e.country.is_some() => return (e.country.clone(), role),
                _ => {}
            }
            p = e.byte_end;
            continue;
        }
        if t.text.chars().next().is_some_and(|c| c.is_uppercase()) {
            if let Some(c) = gaz.demonym(t.text) {
                return (Some(c.to_string()), role);
            }
        }
        if role.is_none() {
            if let Some((_, title)) = gaz.title_ending_at(text, t.end) {
                if !title.rank && !title.role.is_empty() {
                    role = Some(title.role.clone());
                }
            }
        }
        p = t.end;
    }
    (None, role)
}

// ---------------------------------------------------------------------------------------------
// Organizations
// ---------------------------------------------------------------------------------------------

fn org_clusters(text: &str, entities: &[Entity], gaz: &Gazetteer) -> Vec<Vec<usize>> {
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

/// Country of an organization mention from the data or its immediate context.
fn org_country(
    text: &str,
    entities: &[Entity],
    i: usize,
    gaz: &Gazetteer,
    paras: &[(usize, usize)],
) -> Option<String> {
    let e = &entities[i];
    if let Some(c) = gaz.institution_country(&e.text) {
        return Some(c.to_string());
    }
    match gaz.media_country(&e.text) {
        Some(Some(c)) => return Some(c.to_string()),
        // a wire service keeps no country, whatever its dateline
        Some(None) => return None,
        None => {}
    }
    if gaz.is_international(&e.text) {
        return None;
    }
    // leading demonym or country inside the name ("Iranian Armed Forces")
    let first = e.text.split_whitespace().next().unwrap_or("");
    if first != e.text {
        if let Some(c) = gaz.demonym(first).or_else(|| gaz.lookup(first)) {
            return Some(c.to_string());
        }
    }
    // a demonym or a country's possessive before it, over descriptor words
    let mut pos = e.byte_start;
    for _ in 0..5 {
        let p = text[..pos].trim_end().len();
        if p == 0 {
            break;
        }
        for q in ["'s", "’s"] {
            if p >= q.len() && text.is_char_boundary(p - q.len()) && text[..p].ends_with(q) {
                let at = p - q.len();
                let j = entities.partition_point(|x| x.byte_end < at);
                if let Some(c) = entities.get(j).filter(|x| x.byte_end == at) {
                    if c.label == Label::Country {
                        return c.country.clone();
                    }
                }
            }
        }
        let Some(t) = prev_tok(text, p) else { break };
        if t.word {
            if t.text.chars().next().is_some_and(|c| c.is_uppercase()) {
                if let Some(c) = gaz.demonym(t.text) {
                    return Some(c.to_string());
                }
            }
            if gaz.is_org_descriptor(t.text) {
                pos = t.start;
                continue;
            }
        }
        break;
    }
    // dateline "TEHRAN (Tasnim)"
    if let Some(open) = prev_tok(text, e.byte_start) {
        if open.text == "(" {
            if let Some(city) = prev_tok(text, open.start) {
                let first_in_para =
                    match (prev_tok(text, city.start), paragraph_of(paras, city.start)) {
                        (None, _) => true,
                        (Some(t), Some(pi)) => t.end <= paras[pi].0,
                        _ => false,
                    };
                if city.word && first_in_para {
                    if let Some(c) = gaz.capital(&city.text.to_lowercase()) {
                        return Some(c.to_string());
                    }
                }
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Affiliation of entities (called at the end of Gazetteer::resolve)
// ---------------------------------------------------------------------------------------------

/// Set `country` on organizations and persons whose affiliation the text makes evident (see the
/// module docs for the rules).
pub(crate) fn annotate(
    text: &str,
    paras: &[(usize, usize)],
    quotes: &[(usize, usize)],
    ents: &mut [Entity],
    gaz: &Gazetteer,
) {
    // inside a direct quotation the speaker talks about others: countries and demonyms there
    // are no affiliation context
    // (`quotes` are sorted and disjoint, as `Doc::quotes` are: binary search, so that a
    // long document with many quotes and countries stays linear-logarithmic)
    let quoted = |pos: usize| {
        let k = quotes.partition_point(|&(s, _)| s <= pos);
        k > 0 && pos < quotes[k - 1].1
    };
    // organizations
    for i in 0..ents.len() {
        if ents[i].label == Label::Organization && ents[i].country.is_none() {
            ents[i].country = org_country(text, ents, i, gaz, paras);
        }
    }
    // an acronym shares its organization's country
    let oc = org_clusters(text, ents, gaz);
    for cl in &oc {
        if let Some(c) = cl.iter().find_map(|&i| ents[i].country.clone()) {
            for &i in cl {
                ents[i].country.get_or_insert_with(|| c.clone());
            }
        }
    }

    let person_idx: Vec<usize> = (0..ents.len())
        .filter(|&i| ents[i].label == Label::Person)
        .collect();
    let clusters = person_clusters(ents, &person_idx);
    let cues = person_cues(text, ents, gaz);

    // anchors: (byte position, code)
    let mut anchors: Vec<(usize, String)> = Vec::new();
    for e in ents.iter() {
        match e.label {
            Label::Organization => {
                if let (Some(c), None) = (&e.country, gaz.media_country(&e.text)) {
                    anchors.push((e.byte_start, c.clone()));
                }
            }
            Label::Country => {
                if let Some(c) = &e.country {
                    if !quoted(e.byte_start)
                        && (sentence_initial(text, e.byte_start, paras)
                            || role_noun_follows(text, e.byte_end, gaz, true))
                    {
                        anchors.push((e.byte_start, c.clone()));
                    }
                }
            }
            _ => {}
        }
    }
    anchors.extend(
        demonym_role_phrases(text, gaz)
            .into_iter()
            .filter(|a| !quoted(a.0)),
    );

    // explicit affiliation of person clusters
    let mut cluster_country: Vec<Option<String>> = vec![None; clusters.len()];
    for (k, cl) in clusters.iter().enumerate() {
        cluster_country[k] = cl
            .iter()
            .find_map(|i| cues.get(i).and_then(|c| c.country.clone()));
    }
    let cluster_of: HashMap<usize, usize> = clusters
        .iter()
        .enumerate()
        .flat_map(|(k, cl)| cl.iter().map(move |&i| (i, k)))
        .collect();
    // possessor persons ("Zarif's deputies")
    for (k, cl) in clusters.iter().enumerate() {
        if cluster_country[k].is_some() {
            continue;
        }
        let from = cl.iter().find_map(|i| {
            let p = cues.get(i)?.possessor?;
            cluster_country[*cluster_of.get(&p)?].clone()
        });
        cluster_country[k] = from;
    }
    // title hints
    for (k, cl) in clusters.iter().enumerate() {
        if cluster_country[k].is_none() {
            cluster_country[k] = cl
                .iter()
                .find_map(|i| cues.get(i).and_then(|c| c.hint.clone()));
        }
    }
    for (k, cl) in clusters.iter().enumerate() {
        if let Some(c) = &cluster_country[k] {
            for &i in cl {
                anchors.push((ents[i].byte_start, c.clone()));
            }
        }
    }
    anchors.sort();

    // running context, in order of first mention
    let dominant = dominant_country(ents);
    for (k, cl) in clusters.iter().enumerate() {
        if cluster_country[k].is_some()
            || cl
                .iter()
                .any(|i| cues.get(i).is_some_and(|c| c.international))
        {
            continue;
        }
        let counterpart = cl
            .iter()
            .any(|i| cues.get(i).is_some_and(|c| c.counterpart));
        // "his counterpart, X": not the country of the party "his" points to, the nearest
        // anchor earlier in the same sentence (else the plain context)
        let exclude: Option<String> = if counterpart {
            cl.iter().find_map(|&i| {
                let pos = ents[i].byte_start;
                let ss = sentence_start(text, paras, pos);
                let k = anchors.partition_point(|(p, _)| *p < pos);
                k.checked_sub(1)
                    .map(|k| &anchors[k])
                    .filter(|a| a.0 >= ss)
                    .map(|a| a.1.clone())
                    .or_else(|| context_country(&anchors, paras, pos, None).map(|(_, _, c)| c))
            })
        } else {
            None
        };
        // the first mention with an anchor before it; else the first with one after it
        let ctx: Vec<(u8, usize, String)> = cl
            .iter()
            .filter_map(|&i| {
                let pos = ents[i].byte_start;
                let floor = cues
                    .get(&i)
                    .is_some_and(|c| c.counterparty || c.counterpart)
                    .then(|| sentence_start(text, paras, pos));
                context_country(&anchors, paras, pos, floor)
            })
            .filter(|(_, _, c)| exclude.as_ref() != Some(c))
            .collect();
        let best = ctx
            .iter()
            .find(|(rank, _, _)| *rank < 2)
            .or_else(|| ctx.first())
            .cloned();
        let mut found = best.map(|(_, _, c)| c);
        if found.is_none() {
            found = match (&dominant, &exclude) {
                (Some(d), Some(x)) if d.0 == *x => d.1.clone(),
                (Some(d), _) => Some(d.0.clone()),
                _ => None,
            };
        }
        if let Some(c) = found {
            for &i in cl {
                let at = anchors.partition_point(|(p, _)| *p < ents[i].byte_start);
                anchors.insert(at, (ents[i].byte_start, c.clone()));
            }
            cluster_country[k] = Some(c);
        }
    }
    for (k, cl) in clusters.iter().enumerate() {
        for &i in cl {
            ents[i].country = cluster_country[k].clone();
        }
    }
}

/// Whether a role noun follows within two words ("Iranian officials", "Iran's top leaders").
fn role_noun_follows(text: &str, end: usize, gaz: &Gazetteer, need_possessive: bool) -> bool {
    let mut p = end;
    if need_possessive {
        match possessive_at(text, end) {
            Some(n) => p = end + n,
            None => return false,
        }
    }
    for _ in 0..3 {
        let Some(t) = next_tok(text, p) else {
            return false;
        };
        if !t.word {
            return false;
        }
        if gaz.is_role_noun(t.text) && t.text.chars().next().is_some_and(|c| c.is_lowercase()) {
            return true;
        }
        if !t.text.chars().all(|c| c.is_lowercase() || c == '-') {
            return false;
        }
        p = t.end;
    }
    false
}

/// Demonym + role noun phrases ("Israeli ministers", "senior Iranian officials").
fn demonym_role_phrases(text: &str, gaz: &Gazetteer) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut prev_alnum = false;
    for (i, c) in text.char_indices() {
        let alnum = is_word_char(c);
        if alnum && !prev_alnum && c.is_uppercase() {
            let end = text[i..]
                .char_indices()
                .find(|(_, c)| !is_word_char(*c))
                .map(|(k, _)| i + k)
                .unwrap_or(text.len());
            let w = &text[i..end];
            if let Some(code) = gaz.demonym(w) {
                if role_noun_follows(text, end, gaz, false) {
                    out.push((i, code.to_string()));
                }
            }
        }
        prev_alnum = alnum;
    }
    out
}

/// The nearest anchor: in the same paragraph before the mention (rank 0), in the two
/// paragraphs before (rank 1), in the same paragraph after it (rank 2). Returns (rank,
/// distance, code).
fn context_country(
    anchors: &[(usize, String)],
    paras: &[(usize, usize)],
    pos: usize,
    floor: Option<usize>,
) -> Option<(u8, usize, String)> {
    let pi = paragraph_of(paras, pos)?;
    let (ps, pe) = paras[pi];
    // a counterparty looks only before its sentence
    let limit = floor.map_or(pos, |f| f.min(pos));
    let before = anchors.partition_point(|(p, _)| *p < limit);
    if let Some(a) = before.checked_sub(1).map(|k| &anchors[k]) {
        if a.0 >= ps {
            return Some((0, pos - a.0, a.1.clone()));
        }
    }
    let lo = paras[pi.saturating_sub(2)].0;
    let para_start = anchors.partition_point(|(p, _)| *p < ps);
    if let Some(a) = para_start.checked_sub(1).map(|k| &anchors[k]) {
        if a.0 >= lo {
            return Some((1, pos - a.0, a.1.clone()));
        }
    }
    let after = anchors.partition_point(|(p, _)| *p <= pos);
    anchors
        .get(after)
        .filter(|a| a.0 <= pe)
        .map(|a| (2, a.0 - pos, a.1.clone()))
}

/// Start of the sentence containing `pos` (after the last ". ", "? " or "! " in its
/// paragraph).
fn sentence_start(text: &str, paras: &[(usize, usize)], pos: usize) -> usize {
    let ps = paragraph_of(paras, pos).map_or(0, |i| paras[i].0);
    let head = &text[ps..pos.min(text.len())];
    head.rfind(['.', '?', '!']).map_or(ps, |k| ps + k + 1)
}

/// The most mentioned country (ties: first mentioned), and the runner-up.
fn dominant_country(ents: &[Entity]) -> Option<(String, Option<String>)> {
    let mut counts: Vec<(String, usize, usize)> = Vec::new(); // code, count, first
    for (i, e) in ents.iter().enumerate() {
        if e.label != Label::Country {
            continue;
        }
        if let Some(c) = &e.country {
            match counts.iter_mut().find(|x| &x.0 == c) {
                Some(x) => x.1 += 1,
                None => counts.push((c.clone(), 1, i)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let mut it = counts.into_iter();
    let first = it.next()?;
    Some((first.0, it.next().map(|x| x.0)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::test_util::ent;

    /// Resolve + build actors for `text` with `ents` as the model's output.
    fn actors(text: &str, ents: Vec<Entity>) -> (Vec<Entity>, Vec<Actor>) {
        let g = Gazetteer::embedded();
        let doc = Doc::new(text);
        let out = g.resolve(&doc, ents);
        let a = build_actors(&doc, &out, &g);
        (out, a)
    }

    fn actor<'a>(a: &'a [Actor], name: &str) -> &'a Actor {
        a.iter()
            .find(|x| x.name == name)
            .unwrap_or_else(|| panic!("no actor {name} in {a:#?}"))
    }

    #[test]
    fn surname_joins_full_name_before_and_after() {
        let t = "Rogers spoke first. Later Senator Mike Rogers and Lindsey Graham met; Graham left. Rogers stayed.";
        let (_, a) = actors(
            t,
            vec![
                ent(t, "Rogers", 0, Label::Person),
                ent(t, "Mike Rogers", 0, Label::Person),
                ent(t, "Lindsey Graham", 0, Label::Person),
                ent(t, "Graham", 1, Label::Person),
                ent(t, "Rogers", 2, Label::Person),
            ],
        );
        assert_eq!(a.len(), 2, "{a:#?}");
        assert_eq!(actor(&a, "Mike Rogers").mentions.len(), 3);
        assert_eq!(actor(&a, "Lindsey Graham").mentions.len(), 2);
        assert_eq!(actor(&a, "Mike Rogers").role.as_deref(), Some("Senator"));
    }

    #[test]
    fn al_prefix_and_nearest_preceding_full_name() {
        let t = "Nouri al-Maliki resisted. Bill Clinton and Hillary Clinton spoke; Clinton said no, and Maliki agreed.";
        let (_, a) = actors(
            t,
            vec![
                ent(t, "Nouri al-Maliki", 0, Label::Person),
                ent(t, "Bill Clinton", 0, Label::Person),
                ent(t, "Hillary Clinton", 0, Label::Person),
                ent(t, "Clinton", 2, Label::Person),
                ent(t, "Maliki", 1, Label::Person),
            ],
        );
        assert_eq!(actor(&a, "Nouri al-Maliki").mentions.len(), 2);
        assert_eq!(actor(&a, "Hillary Clinton").mentions.len(), 2);
        assert_eq!(actor(&a, "Bill Clinton").mentions.len(), 1);
    }

    #[test]
    fn country_aliases_and_capital_are_one_actor() {
        let t = "The US and America agree. The United States said so, and Washington said it again. U.S. officials nodded.";
        let (_, a) = actors(t, vec![ent(t, "Washington", 0, Label::Location)]);
        assert_eq!(a.len(), 1, "{a:#?}");
        assert_eq!(a[0].name, "United States");
        assert_eq!(a[0].kind, ActorKind::Country);
        assert_eq!(a[0].country.as_deref(), Some("USA"));
        assert_eq!(a[0].mentions.len(), 5);
    }

    #[test]
    fn titles_with_demonym_or_country_give_affiliation_and_role() {
        let t = "U.S. Senator Jane Doe met Iranian President Ali Karimi and Australian Prime Minister John Smith in Vienna.";
        let (ents, a) = actors(
            t,
            vec![
                ent(t, "Jane Doe", 0, Label::Person),
                ent(t, "Ali Karimi", 0, Label::Person),
                ent(t, "John Smith", 0, Label::Person),
                ent(t, "Vienna", 0, Label::Location),
            ],
        );
        let doe = actor(&a, "Jane Doe");
        assert_eq!(
            (doe.country.as_deref(), doe.role.as_deref()),
            (Some("USA"), Some("Senator"))
        );
        let k = actor(&a, "Ali Karimi");
        assert_eq!(
            (k.country.as_deref(), k.role.as_deref()),
            (Some("IRN"), Some("President"))
        );
        let s = actor(&a, "John Smith");
        assert_eq!(
            (s.country.as_deref(), s.role.as_deref()),
            (Some("AUS"), Some("Prime Minister"))
        );
        // the entity list carries the affiliation too; Vienna stays a place
        assert!(ents
            .iter()
            .any(|e| e.text == "Jane Doe" && e.country.as_deref() == Some("USA")));
        assert!(ents
            .iter()
            .any(|e| e.text == "Vienna" && e.label == Label::Location));
    }

    #[test]
    fn institutions_give_affiliation() {
        let t = "Senate Armed Services Committee Chairman Tom Jones and Pentagon spokesman Rear Admiral Sam Hill disagreed. Kremlin aide Ivan Petrov laughed.";
        let (_, a) = actors(
            t,
            vec![
                ent(t, "Senate Armed Services Committee", 0, Label::Organization),
                ent(t, "Tom Jones", 0, Label::Person),
                ent(t, "Pentagon", 0, Label::Organization),
                ent(t, "Sam Hill", 0, Label::Person),
                ent(t, "Kremlin", 0, Label::Location),
                ent(t, "Ivan Petrov", 0, Label::Person),
            ],
        );
        assert_eq!(actor(&a, "Tom Jones").country.as_deref(), Some("USA"));
        assert_eq!(actor(&a, "Tom Jones").role.as_deref(), Some("Chairman"));
        assert_eq!(actor(&a, "Sam Hill").country.as_deref(), Some("USA"));
        assert_eq!(actor(&a, "Sam Hill").role.as_deref(), Some("Spokesman"));
        assert_eq!(actor(&a, "Kremlin").kind, ActorKind::Organization);
        assert_eq!(actor(&a, "Ivan Petrov").country.as_deref(), Some("RUS"));
    }

    #[test]
    fn paragraph_context_gives_affiliation() {
        let t = "Canada will send aid, Canadian Prime Minister Paul Martin said.\nForeign Minister Anne Leclerc said Canada can only give money.\n\nIn Rome, Foreign Minister Marco Rossi of Italy disagreed.";
        let (_, a) = actors(
            t,
            vec![
                ent(t, "Paul Martin", 0, Label::Person),
                ent(t, "Anne Leclerc", 0, Label::Person),
                ent(t, "Marco Rossi", 0, Label::Person),
            ],
        );
        assert_eq!(actor(&a, "Paul Martin").country.as_deref(), Some("CAN"));
        assert_eq!(actor(&a, "Anne Leclerc").country.as_deref(), Some("CAN"));
        assert_eq!(
            actor(&a, "Anne Leclerc").role.as_deref(),
            Some("Foreign Minister")
        );
    }

    #[test]
    fn countries_inside_quotes_are_not_context() {
        let t = "Canada will help. \"Britain is supplying aid and Iranian officials agree,\" Foreign Minister Jane Roe said.";
        let (_, a) = actors(t, vec![ent(t, "Jane Roe", 0, Label::Person)]);
        assert_eq!(actor(&a, "Jane Roe").country.as_deref(), Some("CAN"));
    }

    #[test]
    fn object_of_relation_is_another_party() {
        let t = "Canada will help.\nWhen Iranian President Ali Karimi rebuffed overtures from the Smith administration, officials shrugged.";
        let (ents, _) = actors(
            t,
            vec![
                ent(t, "Ali Karimi", 0, Label::Person),
                ent(t, "Smith", 0, Label::Person),
            ],
        );
        let smith = ents
            .iter()
            .find(|e| e.text == "Smith")
            .map(|e| e.country.as_deref());
        assert_eq!(smith, Some(Some("CAN")));
    }

    #[test]
    fn demonym_phrase_and_subject_country_are_context() {
        let t = "Israeli ministers voiced concern.\n\nMinister Dan Cohen said the plan was risky.";
        let (_, a) = actors(t, vec![ent(t, "Dan Cohen", 0, Label::Person)]);
        assert_eq!(actor(&a, "Dan Cohen").country.as_deref(), Some("ISR"));
    }

    #[test]
    fn destination_is_not_affiliation_and_counterpart_excludes() {
        let t = "Turkey's Ambassador to the UK, Mehmet Ak, spoke. Turkey wants calm.";
        let (_, a) = actors(t, vec![ent(t, "Mehmet Ak", 0, Label::Person)]);
        // the possessive is Turkey's; the UK is only where he serves
        assert_eq!(actor(&a, "Mehmet Ak").country.as_deref(), Some("TUR"));
        let t = "Egypt backs the plan. Egypt said Foreign Minister Sameh Adel will meet his counterpart, Foreign Minister Omar Saleh, in Cairo about Jordan and Jordan.";
        let (_, a) = actors(
            t,
            vec![
                ent(t, "Sameh Adel", 0, Label::Person),
                ent(t, "Omar Saleh", 0, Label::Person),
                ent(t, "Jordan", 0, Label::Location),
                ent(t, "Jordan", 1, Label::Location),
            ],
        );
        assert_eq!(actor(&a, "Sameh Adel").country.as_deref(), Some("EGY"));
        assert_ne!(actor(&a, "Omar Saleh").country.as_deref(), Some("EGY"));
    }

    #[test]
    fn media_outlets_and_organizations() {
        let t = "TEHRAN (Fars) - Reuters and the BBC reported, as did Iran's Foreign Ministry, the Iranian Armed Forces and ISIS. The Islamic State of Iraq and Syria denied it.";
        let (_, a) = actors(
            t,
            vec![
                ent(t, "TEHRAN", 0, Label::Location),
                ent(t, "Fars", 0, Label::Organization),
                ent(t, "Reuters", 0, Label::Organization),
                ent(t, "BBC", 0, Label::Organization),
                ent(t, "Iran", 0, Label::Location),
                ent(t, "Foreign Ministry", 0, Label::Organization),
                ent(t, "Iranian Armed Forces", 0, Label::Organization),
                ent(t, "ISIS", 0, Label::Organization),
                ent(t, "Islamic State of Iraq and Syria", 0, Label::Organization),
            ],
        );
        assert_eq!(actor(&a, "Reuters").country, None);
        assert_eq!(actor(&a, "BBC").country.as_deref(), Some("GBR"));
        assert_eq!(actor(&a, "Fars").country.as_deref(), Some("IRN"));
        assert_eq!(
            actor(&a, "Foreign Ministry").country.as_deref(),
            Some("IRN")
        );
        assert_eq!(
            actor(&a, "Iranian Armed Forces").country.as_deref(),
            Some("IRN")
        );
        let isis = actor(&a, "Islamic State of Iraq and Syria");
        assert_eq!(isis.mentions.len(), 2);
        assert_eq!(isis.country, None);
        assert!(!a.iter().any(|x| x.name == "TEHRAN"));
    }

    #[test]
    fn international_officials_and_wire_services_have_no_country() {
        let t = "MOSCOW (Reuters) - Russia warned Ukraine. Russian Foreign Minister Sergei Lavrov spoke. NATO Secretary-General Anders Rasmussen and the European Union's foreign policy chief Catherine Ashton replied.";
        let (_, a) = actors(
            t,
            vec![
                ent(t, "MOSCOW", 0, Label::Location),
                ent(t, "Reuters", 0, Label::Organization),
                ent(t, "Sergei Lavrov", 0, Label::Person),
                ent(t, "NATO", 0, Label::Organization),
                ent(t, "Anders Rasmussen", 0, Label::Person),
                ent(t, "European Union", 0, Label::Organization),
                ent(t, "Catherine Ashton", 0, Label::Person),
            ],
        );
        assert_eq!(actor(&a, "Reuters").country, None);
        assert_eq!(actor(&a, "NATO").country, None);
        assert_eq!(actor(&a, "Sergei Lavrov").country.as_deref(), Some("RUS"));
        assert_eq!(actor(&a, "Anders Rasmussen").country, None);
        assert_eq!(actor(&a, "Catherine Ashton").country, None);
    }

    #[test]
    fn acronym_in_brackets_and_administration() {
        let t = "The Supreme National Security Council (SNSC) met. The SNSC said the Bush administration erred, and Bush agreed.";
        let (_, a) = actors(
            t,
            vec![
                ent(
                    t,
                    "Supreme National Security Council",
                    0,
                    Label::Organization,
                ),
                ent(t, "SNSC", 0, Label::Organization),
                ent(t, "SNSC", 1, Label::Organization),
                ent(t, "Bush", 0, Label::Person),
                ent(t, "Bush", 1, Label::Person),
            ],
        );
        assert_eq!(
            actor(&a, "Supreme National Security Council")
                .mentions
                .len(),
            3
        );
        let adm = actor(&a, "Bush administration");
        assert_eq!(adm.kind, ActorKind::Organization);
        assert_eq!(actor(&a, "Bush").mentions.len(), 1);
    }
}
