//! The title chain before a person's name: "U.S. Senator X", "Iran's Supreme Leader X".

use std::collections::HashMap;

use super::persons::{is_destination, preposition_before, Cue};
use crate::doc::text::{prev_tok, Tok};
use crate::entity::{Entity, Label};
use crate::geo::{Gazetteer, Title};

/// Walk back from a person's name at byte `start` over titles, ranks, filler words, a comma
/// after a title and brackets: the first demonym, country, institution or affiliated
/// organization met gives the country ("U.S. Senator X", "Iranian President X", "NPR's X"), a
/// person's possessive the possessor ("Zarif's deputy X"), an international organization
/// marks the person international; titles give the role and the data's country hint.
pub(super) fn backward_chain(
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
            take_title(&mut cue, t);
            pos = ts;
            continue;
        }
        // an entity ending here, possibly with a possessive
        let next = if let Some((j, poss)) = entity_ending_at(text, by_end, p) {
            entity_step(text, &entities[j], j, poss, gaz, &mut cue)
        } else {
            let Some(t) = prev_tok(text, p) else { break };
            if t.word && joins_entity(text, by_end, &t) {
                // "Iran and President X": a coordinator joins two actors, not two titles
                break;
            }
            if t.word {
                word_step(&t, gaz, &mut cue)
            } else {
                punctuation_step(text, entities, by_end, &t, gaz, &mut commas)
            }
        };
        match next {
            Some(n) => pos = n,
            None => break,
        }
    }
    cue
}

/// Whether `t` is a coordinator ("and", "or") right after an entity: the entity is a second
/// actor ("Iran and President X"), not a part of the title chain ("Iran's president and
/// foreign minister X" passes, a title precedes the coordinator).
fn joins_entity(text: &str, by_end: &HashMap<usize, usize>, t: &Tok<'_>) -> bool {
    let coordinator = t.text.eq_ignore_ascii_case("and") || t.text.eq_ignore_ascii_case("or");
    coordinator && entity_ending_at(text, by_end, text[..t.start].trim_end().len()).is_some()
}

/// What a title tells: counterpart, role (office or rank), country hint.
fn take_title(cue: &mut Cue, t: &Title) {
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
}

/// The entity ending at byte `p`, or ending before a possessive that ends at `p`: (index,
/// possessive).
fn entity_ending_at(text: &str, by_end: &HashMap<usize, usize>, p: usize) -> Option<(usize, bool)> {
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
    ent_at
}

/// Prepositions of the place where a post is held ("ambassador **in** Islamabad", "envoy
/// **to** Oman", "posted **at** the embassy"): such a place is no affiliation.
const POST_PLACE: &[&str] = &["in", "to", "at"];

/// An entity `ej` (index `j`) met walking back: a country (not a destination) or an
/// organization with a country gives it, an international organization marks the cue, a
/// person's possessive is the possessor. Where to go on (`None`: stop).
fn entity_step(
    text: &str,
    ej: &Entity,
    j: usize,
    poss: bool,
    gaz: &Gazetteer,
    cue: &mut Cue,
) -> Option<usize> {
    match ej.label {
        Label::Country => {
            if !poss {
                if let Some(prep) = is_destination(text, ej.byte_start) {
                    return Some(prep);
                }
                // "Iran envoy X" is as often the envoy *for* Iran as Iran's envoy ("US envoy
                // X"): a country name before an envoy's title, without a possessive, is a weak
                // cue that a dictionary entry naming another country outranks
                let envoy = |r: &Option<String>| {
                    r.as_deref()
                        .is_some_and(|r| r.to_lowercase().contains("envoy"))
                };
                if envoy(&cue.role) || envoy(&cue.rank_role) {
                    cue.weak = true;
                }
            }
            cue.country = ej.country.clone();
        }
        Label::Organization => {
            // "Iran's ambassador to the UN, X": the body a post is held at is no affiliation
            let post = title_preposition(text, ej.byte_start, &["to"], gaz).filter(|_| !poss);
            if let Some(to) = post {
                return Some(to.start);
            }
            if ej.country.is_some() {
                cue.country = ej.country.clone();
            } else if gaz.is_international(&ej.text) {
                cue.international = true;
            } else {
                cue.body.get_or_insert(j);
                return Some(ej.byte_start);
            }
        }
        Label::Person if poss => cue.possessor = Some(j),
        // "Iran's ambassador in Islamabad, X": the place a post is held at is no
        // affiliation; the chain goes on before it
        Label::Location if !poss => {
            let post = title_preposition(text, ej.byte_start, POST_PLACE, gaz);
            return post.map(|p| p.start);
        }
        _ => {}
    }
    None
}

/// A word met walking back: a capitalised demonym or country gives the country, a filler
/// word is passed over, a preposition of relation marks a counterparty. Where to go on
/// (`None`: stop).
fn word_step(t: &Tok<'_>, gaz: &Gazetteer, cue: &mut Cue) -> Option<usize> {
    let w = t
        .text
        .strip_suffix("'s")
        .or_else(|| t.text.strip_suffix("’s"))
        .unwrap_or(t.text);
    let cap = w.chars().next().is_some_and(|c| c.is_uppercase());
    if cap {
        if let Some(c) = gaz.demonym(w) {
            cue.country = Some(c.to_string());
            return None;
        }
        if let Some(c) = gaz.lookup(w) {
            cue.country = Some(c.to_string());
            return None;
        }
    }
    if w == t.text && gaz.is_filler(w) {
        return Some(t.start);
    }
    if matches!(
        w.to_lowercase().as_str(),
        "from" | "with" | "to" | "against" | "toward" | "towards"
    ) {
        cue.counterparty = true;
    }
    None
}

/// Punctuation met walking back: one comma after a title or a destination, a bracketed
/// aside. Where to go on (`None`: stop).
fn punctuation_step(
    text: &str,
    entities: &[Entity],
    by_end: &HashMap<usize, usize>,
    t: &Tok<'_>,
    gaz: &Gazetteer,
    commas: &mut usize,
) -> Option<usize> {
    match t.text {
        "," if *commas == 0 => {
            // only across a comma that follows a title or a country/organization ("the Saudi
            // Foreign Minister, Prince ...", "Ambassador to the UK, Prince ...")
            let q = text[..t.start].trim_end().len();
            // (a country before the comma only as a destination: "Ambassador to the UK,
            // Prince X"; not "... against Iran, Obama said")
            let ent_before = by_end.get(&q).is_some_and(|&j| {
                (entities[j].label == Label::Country
                    && is_destination(text, entities[j].byte_start).is_some())
                    || object_of_title(text, entities, by_end, j, gaz)
            });
            if gaz.title_ending_at(text, q).is_some() || ent_before {
                *commas += 1;
                return Some(t.start);
            }
            None
        }
        ")" | "]" => {
            let open = if t.text == ")" { '(' } else { '[' };
            match text[..t.start].rfind(open) {
                Some(o) if t.start - o < 60 => Some(o),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The preposition (one of `preps`) before byte `start`, over a "the", when a title stands
/// right before it: the entity at `start` is the title's object ("ambassador **to the UN**",
/// "head **of** Iran's …"), not the holder's own affiliation.
fn title_preposition<'t>(
    text: &'t str,
    start: usize,
    preps: &[&str],
    gaz: &Gazetteer,
) -> Option<Tok<'t>> {
    let p = preposition_before(text, start, preps)?;
    gaz.title_ending_at(text, text[..p.start].trim_end().len())
        .map(|_| p)
}

/// Whether the entity `j` (a country, an organization or a place) just before a comma is the
/// object of a title's preposition: "Iran's ambassador **to the UN**, X", "the head **of
/// Iran's Atomic Energy Organization**, X", "Iran's ambassador **in Islamabad**, X" (a title,
/// "of"/"to"/"at"/"for" — "in" for a place —, an optional article and country possessive,
/// then the entity). The chain then goes on across the comma.
fn object_of_title(
    text: &str,
    entities: &[Entity],
    by_end: &HashMap<usize, usize>,
    j: usize,
    gaz: &Gazetteer,
) -> bool {
    let e = &entities[j];
    if e.label == Label::Location {
        // "Iran's ambassador in Islamabad, X"
        return title_preposition(text, e.byte_start, POST_PLACE, gaz).is_some();
    }
    if !matches!(e.label, Label::Country | Label::Organization) {
        return false;
    }
    let mut p = e.byte_start;
    // "of Iran's Atomic Energy Organization"
    if let Some((k, true)) = entity_ending_at(text, by_end, text[..p].trim_end().len()) {
        if entities[k].label == Label::Country {
            p = entities[k].byte_start;
        }
    }
    title_preposition(text, p, &["of", "to", "at", "for"], gaz).is_some()
}
