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
//! # Affiliation (the `country` of persons and organizations): evidence, never a guess
//! In this order; the first that gives an answer wins, and `country_source` says which:
//!
//! **Text** (`"text"`):
//! 1. **Title chain before the name**: walking back over titles, ranks and filler words, the
//!    first demonym, country, institution or affiliated organization met ("U.S. Senator
//!    Lindsey Graham", "Iranian President Hassan Rouhani", "House Intelligence Committee
//!    Chairman Mike Rogers", "Iran's Supreme Leader Ayatollah Ali Khamenei", "NPR's Melissa
//!    Block"). A country after "to"/"in" is a destination, not an affiliation ("Ambassador to
//!    the UK").
//! 2. **Demonym + occupation**: a demonym or a country's possessive, one or two occupation
//!    words, the name ("Iranian analyst Foad Izadi", "Israeli MP Yair Lapid").
//! 3. **Party-state tag** after the name: "(R-S.C.)", "(D-Calif.)" → USA.
//! 4. **Apposition after the name** ("Martin Dempsey, chairman of the Joint Chiefs of Staff";
//!    not ", the White House said").
//! 5. **Title hint** from the data ("Secretary of State" → USA, "Supreme Leader" → IRN).
//!
//! **Dictionary** (`"dictionary"`): the actor dictionary entry for the name at the document's
//! date ([`crate::knowledge::Dictionary`], Phoenix files by default): the fullest name first
//! (exact, then longer/shorter forms of two words or more), a single word only when the actor
//! has no longer name; entries of places do not name people; several matching entries must
//! agree on the country. The code that applies at the date gives `code` and, through its first
//! three letters, the country (`IGO...`, `NGO...`, `IMG...` codes name none: "Ban Ki-moon" is
//! `IGOUNO` with no country). When no code applies at the date but all the entry's codes name
//! one country, that country holds (no `code`).
//!
//! **Coreference** (`"coreference"`): a person introduced through another's possessive
//! ("Zarif's deputy Abbas Araqchi") takes that person's country.
//!
//! Nothing else: an actor with none of these has `country: null`. A person introduced through
//! an international organization ("NATO Secretary-General X") gets no country from the text.
//!
//! `code`: for persons with a country from the text, the dictionary's code when it names the
//! same country, else the country plus the role code of the title in the agents dictionary
//! ("Senator" → `~LEG`: `USALEG`).
//!
//! Organizations get a country from the country data (institutions, media outlets with a home
//! country; source `"dictionary"`), a leading demonym or country ("Iranian Armed Forces"), a demonym or country
//! possessive before them ("Iran's Foreign Ministry", "the Israeli daily Haaretz"), or a
//! dateline ("TEHRAN (Tasnim)"); otherwise from the actor dictionary ("Hezbollah", "IAEA":
//! codes from the International and MilNonState files); otherwise none (wire services like
//! Reuters have none).

use std::collections::HashMap;

use crate::doc::text::{next_tok, paragraph_of, prev_tok};
use crate::doc::Doc;
use crate::entity::{Entity, Label};
use crate::geo::Gazetteer;
use crate::knowledge::{Date, Dictionary, Entry, Knowledge};
use crate::report::{Actor, ActorKind, CountrySource, Mention};

/// Cluster `entities` (already through [`Gazetteer::resolve`]) into actors, with affiliation
/// from the text, then `know`'s dictionary at `date`, then coreference (module docs).
/// Actor ids are their index in the returned vector. Stance fields are left neutral.
pub fn build_actors(
    doc: &Doc,
    entities: &[Entity],
    gaz: &Gazetteer,
    know: &Knowledge,
    date: Option<Date>,
) -> Vec<Actor> {
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
    let mut actors: Vec<Actor> = groups
        .iter()
        .enumerate()
        .map(|(id, g)| {
            let admin_group = g.members.iter().any(|&(i, _, _)| admin[i].is_some());
            let members: Vec<usize> = g.members.iter().map(|m| m.0).collect();
            let mut actor = new_actor(text, ix, id, g.kind, &g.members, entities, admin_group, gaz);
            if g.kind == ActorKind::Person {
                actor.role = members
                    .iter()
                    .find_map(|i| {
                        cues.get(i)
                            .and_then(|c| c.role.clone().or(c.rank_role.clone()))
                    })
                    .filter(|r| !r.is_empty());
            }
            affiliate(text, &mut actor, &members, entities, gaz, know, date);
            actor
        })
        .collect();
    // introduced through an international organization ("NATO Secretary-General X"): the text
    // makes the role international, the dictionary's country does not hold; an ambassador or
    // envoy to one ("UN Ambassador X") still serves a country
    for (a, g) in groups.iter().enumerate() {
        let intl = g
            .members
            .iter()
            .any(|m| cues.get(&m.0).is_some_and(|c| c.international));
        let diplomat = actors[a]
            .role
            .as_deref()
            .is_some_and(|r| r.contains("Ambassador") || r.contains("Envoy"));
        if intl && !diplomat && actors[a].country_source == Some(CountrySource::Dictionary) {
            actors[a].country = None;
            actors[a].country_source = None;
            actors[a].code = None;
        }
    }
    // a weak text cue yields to a dictionary entry that names another country
    for (a, g) in groups.iter().enumerate() {
        let weak = g
            .members
            .iter()
            .all(|m| cues.get(&m.0).is_none_or(|c| c.country.is_none() || c.weak));
        if actors[a].kind != ActorKind::Person
            || actors[a].country_source != Some(CountrySource::Text)
            || !weak
        {
            continue;
        }
        if let Some((Some(c), code)) =
            dictionary_affiliation(&actors[a], true, &know.actors, gaz, date)
        {
            if actors[a].country.as_ref() != Some(&c) {
                actors[a].country = Some(c);
                actors[a].code = code;
                actors[a].country_source = Some(CountrySource::Dictionary);
            }
        }
    }
    // coreference: "Zarif's deputy X" takes Zarif's country
    let actor_of: HashMap<usize, usize> = groups
        .iter()
        .enumerate()
        .flat_map(|(a, g)| g.members.iter().map(move |m| (m.0, a)))
        .collect();
    for (a, g) in groups.iter().enumerate() {
        if actors[a].country.is_some() || actors[a].kind != ActorKind::Person {
            continue;
        }
        let from = g.members.iter().find_map(|m| {
            let p = cues.get(&m.0)?.possessor?;
            let b = *actor_of.get(&p)?;
            (b != a).then(|| actors[b].country.clone()).flatten()
        });
        if let Some(c) = from {
            actors[a].code = Some(with_role_code(&c, actors[a].role.as_deref(), know));
            actors[a].country = Some(c);
            actors[a].country_source = Some(CountrySource::Coreference);
        }
    }
    actors
}

/// An actor of `kind` over `members` (entity index, byte span), with its name; no affiliation
/// yet.
#[allow(clippy::too_many_arguments)]
fn new_actor(
    text: &str,
    ix: &crate::span::CharIndex,
    id: usize,
    kind: ActorKind,
    members: &[(usize, usize, usize)],
    entities: &[Entity],
    admin_group: bool,
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
        ActorKind::Organization if admin_group => mentions[0].text.clone(),
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

// ---------------------------------------------------------------------------------------------
// Affiliation: text, then dictionary (coreference is done by the caller, over all actors)
// ---------------------------------------------------------------------------------------------

/// Set `country`, `country_source` and `code` of `actor` from what its mentions' text says
/// (`entities[i].country`, set by [`annotate`]) and else from the dictionary at `date`.
fn affiliate(
    text: &str,
    actor: &mut Actor,
    members: &[usize],
    entities: &[Entity],
    gaz: &Gazetteer,
    know: &Knowledge,
    date: Option<Date>,
) {
    let person = actor.kind == ActorKind::Person;
    let text_country = members
        .iter()
        .find_map(|&i| entities[i].country.clone())
        .or_else(|| {
            members
                .iter()
                .filter(|_| person)
                .find_map(|&i| place_chain(text, entities[i].byte_start, gaz, &know.actors))
        });
    if actor.kind == ActorKind::Country {
        actor.code = text_country.clone();
        actor.country_source = text_country.as_ref().map(|_| CountrySource::Text);
        actor.country = text_country;
        return;
    }
    let dict = dictionary_affiliation(actor, person, &know.actors, gaz, date);
    if let Some(c) = text_country {
        // organizations named in the country data (institutions, outlets) count as dictionary
        let from_data = !person
            && members.iter().any(|&i| {
                gaz.institution_country(&entities[i].text).is_some()
                    || matches!(gaz.media_country(&entities[i].text), Some(Some(_)))
            });
        actor.code = match &dict {
            Some((Some(dc), Some(code))) if *dc == c => Some(code.clone()),
            _ if person => Some(with_role_code(&c, actor.role.as_deref(), know)),
            _ => None,
        };
        actor.country = Some(c);
        actor.country_source = Some(if from_data {
            CountrySource::Dictionary
        } else {
            CountrySource::Text
        });
        return;
    }
    if let Some((country, code)) = dict {
        actor.country_source = country.as_ref().map(|_| CountrySource::Dictionary);
        actor.country = country;
        actor.code = code;
    }
}

/// The country a CAMEO code names: its first three letters when they are a country of the
/// gazetteer (`IGO...`, `NGO...`, `IMG...`, `MNC...` name none).
fn code_country(code: &str, gaz: &Gazetteer) -> Option<String> {
    let c = code.get(..3)?;
    gaz.country_name(c).map(|_| c.to_string())
}

/// `USA` + title "Senator" (agents: `~LEG`) → `USALEG`; the country alone without a known role.
fn with_role_code(country: &str, role: Option<&str>, know: &Knowledge) -> String {
    let role_code = role.and_then(|r| {
        know.agents
            .exact(r)
            .iter()
            .find_map(|e| e.code_at(None).and_then(|c| c.strip_prefix('~')))
            .map(str::to_string)
    });
    format!("{country}{}", role_code.unwrap_or_default())
}

/// (country, code) from the dictionary for the actor's names at `date`: the fullest name
/// first (exact, then [`Dictionary::find`]), single words only when the actor has no longer
/// name. Entries of places (codes of three letters only) do not name people. When several
/// entries match they must agree on the country, else there is no answer. An entry with no
/// code at `date` still gives its country when all its codes name the same one.
fn dictionary_affiliation(
    actor: &Actor,
    person: bool,
    dict: &Dictionary,
    gaz: &Gazetteer,
    date: Option<Date>,
) -> Option<(Option<String>, Option<String>)> {
    let mut names: Vec<&str> = actor.mentions.iter().map(|m| m.text.as_str()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.split_whitespace().count()));
    names.dedup();
    let multi = names
        .first()
        .is_some_and(|n| n.split_whitespace().count() > 1);
    for name in names {
        let words = name.split_whitespace().count();
        if person && multi && words < 2 {
            break;
        }
        let entries: Vec<&Entry> = dict
            .find(name)
            .into_iter()
            .filter(|e| !person || e.all_codes().any(|c| c.len() > 3))
            .collect();
        if entries.is_empty() {
            continue;
        }
        let answers: Vec<(Option<String>, Option<String>)> = entries
            .iter()
            .filter_map(|e| entry_at(e, gaz, date))
            .collect();
        let first = answers.first()?;
        return answers
            .iter()
            .all(|a| a.0 == first.0)
            .then(|| first.clone());
    }
    None
}

/// (country, code) of one entry at `date`; `None` when it says nothing then.
fn entry_at(
    e: &Entry,
    gaz: &Gazetteer,
    date: Option<Date>,
) -> Option<(Option<String>, Option<String>)> {
    if let Some(code) = e.code_at(date) {
        return Some((code_country(code, gaz), Some(code.to_string())));
    }
    let mut countries = e.all_codes().map(|c| code_country(c, gaz));
    let first = countries.next()??;
    countries
        .all(|c| c.as_deref() == Some(first.as_str()))
        .then_some((Some(first), None))
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
    /// The country came from a demonym + unknown occupation word ("Iranian analyst X"), which
    /// may be a verb: a dictionary entry that says otherwise wins.
    weak: bool,
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
        if cue.country.is_none() && cue.possessor.is_none() && !cue.international {
            if let Some((c, noun)) = occupation_chain(text, entities, &by_end, e.byte_start, gaz) {
                cue.country = Some(c);
                cue.weak = true;
                if cue.role.is_none() && cue.rank_role.is_none() {
                    cue.role = Some(noun);
                }
            }
        }
        if cue.country.is_none() && party_state_tag(text, e.byte_end) {
            cue.country = Some("USA".to_string());
        }
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

/// Words that cannot be an occupation noun between a demonym and a name.
const NOT_OCCUPATION: &[&str] = &[
    "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "that",
    "which", "who", "the", "a", "an", "said", "says", "told", "is", "was", "are", "were", "has",
    "had", "have", "will", "would", "not", "when", "while", "after", "before", "than", "like",
    "under", "over", "about", "against", "between", "into", "through", "during", "without",
    "within", "toward", "upon", "via", "per", "amid", "among", "across", "behind", "beyond",
    "near", "since", "until", "then", "also", "even", "only", "just", "still", "now", "here",
    "there", "what", "how", "why", "where", "whom", "whose", "this", "that", "it", "he", "she",
    "they", "we", "you", "i", "his", "her", "their", "our", "its", "my", "your", "be", "been",
    "being", "do", "did", "can", "could", "should", "may", "might", "must", "shall", "if", "so",
    "because", "both", "either", "neither", "each", "every", "all", "any", "some", "no", "nor",
    "yet", "vs", "hail", "back", "slam", "see", "meet", "join", "let", "get", "say",
];

/// "Iranian analyst Foad Izadi", "Israeli MP Yair Lapid", "Iran's political analyst X":
/// a demonym (or a country's possessive) then one or two occupation words (lower case, or an
/// acronym such as MP) right before the name. Returns (country, occupation).
fn occupation_chain(
    text: &str,
    entities: &[Entity],
    by_end: &HashMap<usize, usize>,
    start: usize,
    gaz: &Gazetteer,
) -> Option<(String, String)> {
    let mut pos = start;
    let mut nouns: Vec<&str> = Vec::new();
    for _ in 0..3 {
        let t = prev_tok(text, pos)?;
        if !t.word || text[t.end..pos].contains(['\n', ',', '.']) {
            return None;
        }
        let w = t.text;
        let lower = w.chars().all(|c| c.is_lowercase() || c == '-');
        let acronym = (2..=4).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase());
        if !nouns.is_empty() {
            // an institution with a country ("Kremlin aide X")
            if let Some(&j) = by_end.get(&t.end) {
                let ej = &entities[j];
                if ej.label == Label::Organization && ej.byte_start == t.start {
                    nouns.reverse();
                    return Some((ej.country.clone()?, nouns.join(" ")));
                }
            }
            // a demonym, or a country's possessive ("Iran's")
            let bare = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s"));
            // an adjective, not a plural noun ("Saudis hail Trump")
            let plural = w.ends_with('s') && !w.ends_with("ss");
            if w.chars().next().is_some_and(char::is_uppercase) && bare.is_none() && !plural {
                if let Some(c) = gaz.demonym(w) {
                    nouns.reverse();
                    return Some((c.to_string(), nouns.join(" ")));
                }
            }
            if let Some(c) = bare.and_then(|b| gaz.capital(&b.to_lowercase())) {
                nouns.reverse();
                return Some((c.to_string(), nouns.join(" ")));
            }
            if let Some(b) = bare {
                let at = t.start + b.len();
                if let Some(&j) = by_end.get(&at) {
                    if entities[j].label == Label::Country {
                        nouns.reverse();
                        return Some((entities[j].country.clone()?, nouns.join(" ")));
                    }
                }
            }
        }
        if !(acronym || lower && occupation_like(w)) || gaz.lookup(w).is_some() {
            return None;
        }
        nouns.push(w);
        pos = t.start;
    }
    None
}

/// A US party-state tag right after a name: "(R-S.C.)", "(D-Calif.)", "(R-South Carolina)",
/// ", I-Vt.,".
fn party_state_tag(text: &str, end: usize) -> bool {
    let rest = text[end.min(text.len())..].trim_start_matches([' ', '\u{a0}']);
    let tag = if let Some(inner) = rest.strip_prefix('(') {
        match inner.find(')') {
            Some(close) => &inner[..close],
            None => return false,
        }
    } else if let Some(inner) = rest.strip_prefix(',') {
        let inner = inner.trim_start();
        &inner[..inner.find([',', ';', ')', '\n']).unwrap_or(inner.len())]
    } else {
        return false;
    };
    let mut chars = tag.chars();
    let party = chars.next();
    let sep = chars.next();
    let state: &str = chars.as_str().trim();
    matches!(party, Some('R' | 'D' | 'I'))
        && matches!(sep, Some('-' | '–'))
        && (2..=20).contains(&state.len())
        && state.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && state
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '.' || c == ' ')
}

/// "South Carolina Sen. X", "Florida mayor X", "Tehran's mayor, X": a place of the
/// dictionary (an entry whose codes are all plain country codes: states, provinces, cities)
/// before a title or occupation noun before the name. Returns the place's country.
fn place_chain(text: &str, start: usize, gaz: &Gazetteer, dict: &Dictionary) -> Option<String> {
    let mut pos = start;
    let mut roles = 0;
    let mut comma = false;
    // titles, fillers and up to two occupation words
    for _ in 0..8 {
        let p = text[..pos.min(text.len())].trim_end().len();
        if let Some((ts, _)) = gaz.title_ending_at(text, p) {
            roles += 1;
            pos = ts;
            continue;
        }
        let t = prev_tok(text, p)?;
        if t.text == "," && roles == 0 && !comma {
            comma = true;
            pos = t.start;
            continue;
        }
        if !t.word {
            break;
        }
        let lower = t.text.chars().all(|c| c.is_lowercase() || c == '-');
        if lower && gaz.is_filler(t.text) {
            pos = t.start;
            continue;
        }
        if lower && roles < 2 && occupation_like(t.text) {
            roles += 1;
            pos = t.start;
            continue;
        }
        break;
    }
    if roles == 0 {
        return None;
    }
    // one to three capitalised words (the last possibly possessive)
    let mut words: Vec<&str> = Vec::new();
    let mut p = pos;
    for _ in 0..3 {
        let Some(t) = prev_tok(text, p) else { break };
        let w = t
            .text
            .strip_suffix("'s")
            .or_else(|| t.text.strip_suffix("’s"));
        if !t.word || (!words.is_empty() && w.is_some()) {
            break;
        }
        let w = w.unwrap_or(t.text);
        if !w.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        words.insert(0, w);
        p = t.start;
    }
    for k in (0..words.len()).rev() {
        let phrase = words[k..].join(" ");
        if let Some(c) = place_country(&phrase, gaz, dict) {
            return Some(c);
        }
    }
    None
}

/// The country of a place name in the dictionary (all codes three letters, one country).
fn place_country(phrase: &str, gaz: &Gazetteer, dict: &Dictionary) -> Option<String> {
    let entries = dict.exact(phrase);
    let mut out: Option<String> = None;
    for e in entries {
        for c in e.all_codes() {
            if c.len() != 3 {
                return None;
            }
            let cc = code_country(c, gaz)?;
            if out.as_ref().is_some_and(|o| *o != cc) {
                return None;
            }
            out = Some(cc);
        }
    }
    out
}

/// A lower-case word that may be an occupation noun before a name (not a function word, not
/// an obvious verb or plural: "analyst", "mayor", "lawmaker"; not "met", "urged", "officials").
fn occupation_like(w: &str) -> bool {
    const VERBS: &[&str] = &[
        "met", "told", "said", "says", "saw", "sent", "gave", "made", "took", "left", "led", "won",
        "let", "put", "set", "spoke", "wrote", "called", "asked", "urged", "thanked", "praised",
        "blamed", "accused", "warned", "hit", "beat", "meet", "see", "ask", "tell", "urge",
    ];
    w.len() > 1
        && !NOT_OCCUPATION.contains(&w)
        && !VERBS.contains(&w)
        && !w.ends_with("ed")
        && (!w.ends_with('s') || w.ends_with("ss"))
        && !w.ends_with("ly")
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
                // (a country before the comma only as a destination: "Ambassador to the UK,
                // Prince X"; not "... against Iran, Obama said")
                let ent_before = by_end.get(&q).is_some_and(|&j| {
                    entities[j].label == Label::Country
                        && is_destination(text, entities[j].byte_start).is_some()
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
    let before = country_before(text, entities, e.byte_start, gaz);
    if let Some(c) = gaz.institution_country(&e.text) {
        // the text's demonym outranks the data: "the Pakistani Foreign Office"
        return before.or_else(|| Some(c.to_string()));
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
    if before.is_some() {
        return before;
    }
    org_dateline(text, e, paras, gaz)
}

/// A demonym or a country's possessive before byte `start`, over descriptor words ("Iran's
/// Foreign Ministry", "the Israeli daily Haaretz").
fn country_before(
    text: &str,
    entities: &[Entity],
    start: usize,
    gaz: &Gazetteer,
) -> Option<String> {
    let mut pos = start;
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
    None
}

/// The country of a dateline before an organization: "TEHRAN (Tasnim)".
fn org_dateline(
    text: &str,
    e: &Entity,
    paras: &[(usize, usize)],
    gaz: &Gazetteer,
) -> Option<String> {
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
pub(crate) fn annotate(text: &str, paras: &[(usize, usize)], ents: &mut [Entity], gaz: &Gazetteer) {
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

    // explicit affiliation of person clusters
    let mut cluster_country: Vec<Option<String>> = vec![None; clusters.len()];
    for (k, cl) in clusters.iter().enumerate() {
        cluster_country[k] = cl
            .iter()
            .find_map(|i| cues.get(i).and_then(|c| c.country.clone()));
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
        for &i in cl {
            ents[i].country = cluster_country[k].clone();
        }
    }
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
    use crate::report::CountrySource;

    /// Resolve + build actors for `text` with `ents` as the model's output.
    fn actors(text: &str, ents: Vec<Entity>) -> (Vec<Entity>, Vec<Actor>) {
        let g = Gazetteer::embedded();
        let doc = Doc::new(text);
        let out = g.resolve(&doc, ents);
        let a = build_actors(&doc, &out, &g, &Knowledge::default(), None);
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
    fn no_evidence_no_country() {
        // the running context and the most-mentioned country are no evidence
        let t = "Canada will send aid, Canada said. Canada and Canada agree.\nForeign Minister Anne Leclerc said Canada can only give money.\n\nMinister Dan Cohen said the plan was risky after Israeli ministers voiced concern.";
        let (ents, a) = actors(
            t,
            vec![
                ent(t, "Anne Leclerc", 0, Label::Person),
                ent(t, "Dan Cohen", 0, Label::Person),
            ],
        );
        let leclerc = actor(&a, "Anne Leclerc");
        assert_eq!(leclerc.country, None);
        assert_eq!(leclerc.country_source, None);
        assert_eq!(leclerc.role.as_deref(), Some("Foreign Minister"));
        assert_eq!(actor(&a, "Dan Cohen").country, None);
        assert!(ents
            .iter()
            .filter(|e| e.label == Label::Person)
            .all(|e| e.country.is_none()));
    }

    #[test]
    fn object_of_relation_and_counterpart_get_nothing_from_context() {
        let t = "Canada will help.\nWhen Iranian President Ali Karimi rebuffed overtures from the Smith administration, officials shrugged. Egypt said Foreign Minister Sameh Adel will meet his counterpart, Foreign Minister Omar Saleh.";
        let (_, a) = actors(
            t,
            vec![
                ent(t, "Ali Karimi", 0, Label::Person),
                ent(t, "Smith", 0, Label::Person),
                ent(t, "Sameh Adel", 0, Label::Person),
                ent(t, "Omar Saleh", 0, Label::Person),
            ],
        );
        assert_eq!(actor(&a, "Ali Karimi").country.as_deref(), Some("IRN"));
        assert_eq!(actor(&a, "Smith administration").country, None);
        assert_eq!(actor(&a, "Sameh Adel").country, None);
        assert_eq!(actor(&a, "Omar Saleh").country, None);
    }

    #[test]
    fn a_country_before_a_comma_is_not_a_title() {
        let t = "He vowed to veto new sanctions against Iran, John Doe told Congress.";
        let (_, a) = actors(t, vec![ent(t, "John Doe", 0, Label::Person)]);
        assert_eq!(actor(&a, "John Doe").country, None);
    }

    #[test]
    fn destination_is_not_affiliation() {
        let t = "Turkey's Ambassador to the UK, Mehmet Ak, spoke. Turkey wants calm.";
        let (_, a) = actors(t, vec![ent(t, "Mehmet Ak", 0, Label::Person)]);
        // the possessive is Turkey's; the UK is only where he serves
        let ak = actor(&a, "Mehmet Ak");
        assert_eq!(ak.country.as_deref(), Some("TUR"));
        assert_eq!(ak.country_source, Some(CountrySource::Text));
    }

    #[test]
    fn demonym_and_any_occupation_noun_is_a_title_chain() {
        let t = "Iranian analyst Reza Tavakoli disagreed. Israeli MP Dana Meron agreed. Iran's political commentator Sara Nouri spoke. Saudis hail Tom Baker. Officials met Kim Lee.";
        let (_, a) = actors(
            t,
            vec![
                ent(t, "Reza Tavakoli", 0, Label::Person),
                ent(t, "Dana Meron", 0, Label::Person),
                ent(t, "Iran", 0, Label::Location),
                ent(t, "Sara Nouri", 0, Label::Person),
                ent(t, "Tom Baker", 0, Label::Person),
                ent(t, "Kim Lee", 0, Label::Person),
            ],
        );
        let r = actor(&a, "Reza Tavakoli");
        assert_eq!(r.country.as_deref(), Some("IRN"));
        assert_eq!(r.role.as_deref(), Some("analyst"));
        assert_eq!(actor(&a, "Dana Meron").country.as_deref(), Some("ISR"));
        assert_eq!(actor(&a, "Sara Nouri").country.as_deref(), Some("IRN"));
        // a plural people-noun and a verb are no title chain
        assert_eq!(actor(&a, "Tom Baker").country, None);
        assert_eq!(actor(&a, "Kim Lee").country, None);
    }

    #[test]
    fn party_state_tags_and_places_before_titles_are_american() {
        let t = "Sen. Tom Walker (R-Ark.) objected. Sens. Jane Roe, D-Mass., and Bob Stone of Ohio wrote. South Carolina Sen. Bill Porter and Ohio mayor Carl Benson agreed. Later, Roe spoke.";
        let (_, a) = actors(
            t,
            vec![
                ent(t, "Tom Walker", 0, Label::Person),
                ent(t, "Jane Roe", 0, Label::Person),
                ent(t, "Bob Stone", 0, Label::Person),
                ent(t, "Bill Porter", 0, Label::Person),
                ent(t, "Carl Benson", 0, Label::Person),
                ent(t, "Roe", 1, Label::Person),
            ],
        );
        for name in ["Tom Walker", "Jane Roe", "Bill Porter", "Carl Benson"] {
            let x = actor(&a, name);
            assert_eq!(x.country.as_deref(), Some("USA"), "{name}");
            assert_eq!(x.country_source, Some(CountrySource::Text), "{name}");
        }
        assert_eq!(actor(&a, "Tom Walker").code.as_deref(), Some("USALEG"));
        assert_eq!(actor(&a, "Bob Stone").country, None);
    }

    /// A made-up career: French minister until 2014, at the UN from 2015.
    const CAREER: &str = "MARTA_VELLANOVA_\n+VELLANOVA_\n\t[FRAGOV 20040101-20141231]\n\t[IGOUNO >20150101]\nPIETRO_ALBANI_\n\t[ITAGOVLEG 19900101-19991231]\n\t[ITAELI 20000101-20091231]\n";

    fn with_career(text: &str, ents: Vec<Entity>, date: Option<&str>) -> Vec<Actor> {
        let g = Gazetteer::embedded();
        let doc = Doc::new(text);
        let out = g.resolve(&doc, ents);
        let mut know = Knowledge::default();
        let mut dict = (*know.actors).clone();
        dict.add_str(CAREER, "career.txt").unwrap();
        know.actors = std::sync::Arc::new(dict);
        let date = date.map(|d| d.parse().unwrap());
        build_actors(&doc, &out, &g, &know, date)
    }

    #[test]
    fn the_dictionary_gives_the_country_valid_at_the_date() {
        let t = "Marta Vellanova said talks could resume. Vellanova's deputy Paul Renard agreed. Pietro Albani was silent.";
        let ents = || {
            vec![
                ent(t, "Marta Vellanova", 0, Label::Person),
                ent(t, "Vellanova", 1, Label::Person),
                ent(t, "Paul Renard", 0, Label::Person),
                ent(t, "Pietro Albani", 0, Label::Person),
            ]
        };
        let a = with_career(t, ents(), Some("2010-03-01"));
        let m = actor(&a, "Marta Vellanova");
        assert_eq!(m.country.as_deref(), Some("FRA"));
        assert_eq!(m.country_source, Some(CountrySource::Dictionary));
        assert_eq!(m.code.as_deref(), Some("FRAGOV"));
        // her deputy, through the possessive
        let r = actor(&a, "Paul Renard");
        assert_eq!(r.country.as_deref(), Some("FRA"));
        assert_eq!(r.country_source, Some(CountrySource::Coreference));
        // after every range of his: no code at the date, but one country throughout
        let p = actor(&a, "Pietro Albani");
        assert_eq!(p.country.as_deref(), Some("ITA"));
        assert_eq!(p.code, None);

        // at the UN: an international code, no country, and nothing for her deputy either
        for date in [Some("2016-05-01"), None] {
            let a = with_career(t, ents(), date);
            let m = actor(&a, "Marta Vellanova");
            assert_eq!(m.country, None, "{date:?}");
            assert_eq!(m.country_source, None);
            assert_eq!(m.code.as_deref(), Some("IGOUNO"));
            assert_eq!(actor(&a, "Paul Renard").country, None);
        }
    }

    #[test]
    fn a_weak_occupation_chain_yields_to_the_dictionary() {
        // "critic" might be a noun or not; the dictionary is definite
        let t = "Iranian critic Marta Vellanova arrived. Iranian critic Omid Rahimi left.";
        let a = with_career(
            t,
            vec![
                ent(t, "Marta Vellanova", 0, Label::Person),
                ent(t, "Omid Rahimi", 0, Label::Person),
            ],
            Some("2010-03-01"),
        );
        let m = actor(&a, "Marta Vellanova");
        assert_eq!(m.country.as_deref(), Some("FRA"));
        assert_eq!(m.country_source, Some(CountrySource::Dictionary));
        let o = actor(&a, "Omid Rahimi");
        assert_eq!(o.country.as_deref(), Some("IRN"));
        assert_eq!(o.country_source, Some(CountrySource::Text));
    }

    #[test]
    fn the_text_wins_over_the_dictionary() {
        let t = "Spanish Foreign Minister Marta Vellanova said talks could resume.";
        let a = with_career(
            t,
            vec![ent(t, "Marta Vellanova", 0, Label::Person)],
            Some("2010-03-01"),
        );
        let m = actor(&a, "Marta Vellanova");
        assert_eq!(m.country.as_deref(), Some("ESP"));
        assert_eq!(m.country_source, Some(CountrySource::Text));
        // the dictionary's code names another country: the text's country and the title's role
        assert_eq!(m.code.as_deref(), Some("ESPGOV"));
    }

    #[test]
    fn shipped_dictionary_names_and_a_surname_alone_elsewhere() {
        let t = "President Donald Trump spoke to Senator Tom Cotton. Obama listened.";
        let (_, a) = actors(
            t,
            vec![
                ent(t, "Donald Trump", 0, Label::Person),
                ent(t, "Tom Cotton", 0, Label::Person),
                ent(t, "Obama", 0, Label::Person),
            ],
        );
        for name in ["Donald Trump", "Tom Cotton", "Obama"] {
            assert_eq!(actor(&a, name).country.as_deref(), Some("USA"), "{name}");
        }
        // an unknown full name does not borrow the country of a namesake's surname
        let t = "Maria Obama said so.";
        let (_, a) = actors(t, vec![ent(t, "Maria Obama", 0, Label::Person)]);
        assert_eq!(actor(&a, "Maria Obama").country, None);
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
