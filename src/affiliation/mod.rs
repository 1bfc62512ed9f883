//! Affiliation: the `country`, `code` and `role` of persons and organizations, from evidence,
//! never a guess.
//!
//! Two steps of the pipeline: [`annotate`] sets `country` on the entity mentions whose
//! affiliation the text makes evident (after [`crate::geo`], before [`crate::actors`]);
//! [`affiliate_actors`] then gives each actor its role, country and code.
//!
//! # Order
//! In this order; the first that gives an answer wins, and `country_source` says which:
//!
//! **Text** (`"text"`):
//! 1. **Title chain before the name**: walking back over titles, ranks and filler words, the
//!    first demonym, country, institution or affiliated organization met ("U.S. Senator
//!    Lindsey Graham", "Iranian President Hassan Rouhani", "House Intelligence Committee
//!    Chairman Mike Rogers", "Iran's Supreme Leader Ayatollah Ali Khamenei", "NPR's Melissa
//!    Block"). A country after "to"/"in" is a destination, not an affiliation ("Ambassador to
//!    the UK"), and so is a body after a title's "to" ("Iran's ambassador to the UN, X"); a
//!    title's "of <country>'s <body>" before a comma is crossed ("the head of Iran's Atomic
//!    Energy Organization, X").
//! 2. **Demonym + occupation**: a demonym or a country's possessive, one or two occupation
//!    words, the name ("Iranian analyst Foad Izadi", "Israeli MP Yair Lapid").
//! 3. **Party-state tag** after the name: "(R-S.C.)", "(D-Calif.)" → USA; a state alone in
//!    brackets ("(N.Y.)", `[name_tags]` of the actor data) too.
//! 4. **After the name**: a body with a country after "of" ("X of Iran's Foreign Ministry",
//!    "X of the State Department"); an apposition ("Martin Dempsey, chairman of the Joint
//!    Chiefs of Staff", "X, a Tehran-based analyst"; not ", the White House said"), also as a
//!    relative clause of a post ("X, who heads Iran's parliamentary committee", "X, who served
//!    as Britain's envoy", "X, who is Iran's top negotiator"; not "X, who is visiting Iran").
//! 5. **Title hint** from the data ("Secretary of State" → USA, "Supreme Leader" → IRN).
//! 6. **Place before the title**: a country, capital or place of the actor dictionary (a
//!    state, province or city) before a title or occupation word ("South Carolina Sen. X",
//!    "Tehran's mayor, X", "Tehran-based journalist X").
//!
//! A country from rules 2, 4, 5 or 6 alone yields to a dictionary entry that names another
//! country: those cues may belong to another word (an apposition to the name before, "analyst"
//! read as a verb), while an entry names this very person. Rules 1 and 3 hold.
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
//! ("Zarif's deputy Abbas Araqchi") takes that person's country; one introduced through an
//! organization whose country the dictionary gives ("Hamas official X") takes that one.
//!
//! Nothing else: an actor with none of these has `country: null`. A person introduced through
//! an international organization ("NATO Secretary-General X") gets no country from the text.
//!
//! `code`: for persons with a country from the text, the dictionary's code when it names the
//! same country, else the country plus the role code of the title in the agents dictionary
//! ("Senator" → `~LEG`: `USALEG`).
//!
//! Organizations get a country from the country data (institutions, media outlets with a home
//! country; source `"dictionary"`), a leading demonym or country ("Iranian Armed Forces"), a country after the name's last
//! "of" ("Central Bank of Iran"; an intergovernmental body keeps none), a demonym or country
//! possessive before them ("Iran's Foreign Ministry", "the Israeli daily Haaretz"), or a
//! dateline ("TEHRAN (Tasnim)"). A body every state has (`[generic_institutions]`: "the
//! Cabinet", "Foreign Office") with none of these is a definite description of the state the
//! text is about at that point: the state of its sentence's subject, else of the previous
//! sentence's subject (`organizations::generic_in_focus`). Otherwise from the actor dictionary ("Hezbollah", "IAEA":
//! codes from the International and MilNonState files); otherwise none (wire services like
//! Reuters have none).
//!
//! Files: `title_chain.rs` (rules 1 and 5, and the possessor for coreference), `persons.rs`
//! (rules 2 to 4, the cues of every person mention), `places.rs` (rule 6), `organizations.rs`
//! (organizations), `dictionary.rs` (the dictionary at the date); this file runs them, for
//! mentions ([`annotate`]: organizations, then acronyms share their organization's country,
//! then each person cluster takes its first cue) and for actors ([`affiliate_actors`]).

mod dictionary;
mod organizations;
mod persons;
mod places;
mod title_chain;

use std::collections::HashMap;

use crate::actors::{org_clusters, person_clusters, ActorData};
use crate::doc::Doc;
use crate::entity::{Entity, Label};
use crate::geo::Gazetteer;
use crate::knowledge::{Date, Dictionary, Knowledge};
use crate::report::{ActorKind, CountrySource};

use dictionary::{dictionary_affiliation, full_name, with_role_code};
use organizations::{generic_in_focus, org_country};
pub(crate) use persons::PersonCues;
use persons::{person_cues, Cue};
use places::place_chain;

/// Set `country` on organizations and persons whose affiliation the text makes evident (see the
/// module docs for the rules). `ents`: the output of [`Gazetteer::resolve`]; `agents`: the
/// agent nouns an occupation chain may hold. Returns the cues of the person mentions, for
/// [`affiliate_actors`].
pub(crate) fn annotate(
    doc: &Doc,
    ents: &mut [Entity],
    gaz: &Gazetteer,
    agents: &Dictionary,
) -> PersonCues {
    let text = doc.text();
    let paras = doc.paragraph_ranges();
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

    generic_institutions(doc, ents, gaz);

    let person_idx: Vec<usize> = (0..ents.len())
        .filter(|&i| ents[i].label == Label::Person)
        .collect();
    let clusters = person_clusters(ents, &person_idx);
    let cues = person_cues(text, ents, gaz, agents);

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
    // again, now that persons may give the state in focus
    generic_institutions(doc, ents, gaz);
    PersonCues(cues)
}

/// Generic institutions ("the Cabinet") still without a country take the state in focus
/// ([`generic_in_focus`]).
fn generic_institutions(doc: &Doc, ents: &mut [Entity], gaz: &Gazetteer) {
    for i in 0..ents.len() {
        if ents[i].label == Label::Organization
            && ents[i].country.is_none()
            && gaz.is_generic_institution(&ents[i].text)
        {
            ents[i].country = generic_in_focus(doc, ents, i);
        }
    }
}

/// Give each of `actors` its role (persons), then its country and code from the text, else
/// from `know`'s dictionary at `date`, then by coreference (module docs). `entities`: those
/// the actors were built from, through [`annotate`], which gave `cues`.
pub(crate) fn affiliate_actors(
    doc: &Doc,
    entities: &[Entity],
    mut actors: Vec<ActorData>,
    cues: &PersonCues,
    gaz: &Gazetteer,
    know: &Knowledge,
    date: Option<Date>,
) -> Vec<ActorData> {
    let cues = &cues.0;
    let members: Vec<Vec<usize>> = actors.iter().map(ActorData::members).collect();
    for (actor, members) in actors.iter_mut().zip(&members) {
        if actor.kind == ActorKind::Person {
            actor.role = members
                .iter()
                .find_map(|i| {
                    cues.get(i)
                        .and_then(|c| c.role.clone().or(c.rank_role.clone()))
                })
                .filter(|r| !r.is_empty());
        }
        affiliate(doc, actor, members, entities, gaz, know, date);
        if actor.kind == ActorKind::Person {
            let en = doc.english();
            let country = actor.country.as_deref();
            if let Some(full) = full_name(&actor.name, country, &know.actors, gaz, en) {
                actor.name = full;
            }
        }
        if actor.kind == ActorKind::Organization
            && members
                .iter()
                .any(|&i| gaz.media_country(&entities[i].text).is_some())
        {
            // a news outlet of the country data: CAMEO's media sector code
            actor.code = Some(format!("{}MED", actor.country.as_deref().unwrap_or("")));
        }
    }
    drop_international(&mut actors, &members, cues);
    weak_cues_yield(doc, &mut actors, &members, cues, gaz, know, date);
    coreference(&mut actors, &members, cues, know);
    actors
}

/// Introduced through an international organization ("NATO Secretary-General X"): the text
/// makes the role international, the dictionary's country does not hold; an ambassador or
/// envoy to one ("UN Ambassador X") still serves a country.
fn drop_international(
    actors: &mut [ActorData],
    members: &[Vec<usize>],
    cues: &HashMap<usize, Cue>,
) {
    for (a, g) in members.iter().enumerate() {
        let intl = g
            .iter()
            .any(|m| cues.get(m).is_some_and(|c| c.international));
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
}

/// A weak text cue yields to a dictionary entry that names another country.
fn weak_cues_yield(
    doc: &Doc,
    actors: &mut [ActorData],
    members: &[Vec<usize>],
    cues: &HashMap<usize, Cue>,
    gaz: &Gazetteer,
    know: &Knowledge,
    date: Option<Date>,
) {
    for (a, g) in members.iter().enumerate() {
        let weak = g
            .iter()
            .all(|m| cues.get(m).is_none_or(|c| c.country.is_none() || c.weak));
        if actors[a].kind != ActorKind::Person
            || actors[a].country_source != Some(CountrySource::Text)
            || !weak
        {
            continue;
        }
        if let Some((Some(c), code)) = dictionary_affiliation(
            &actors[a].texts(doc.text()),
            true,
            &know.actors,
            gaz,
            doc.english(),
            date,
        ) {
            if actors[a].country.as_ref() != Some(&c) {
                actors[a].country = Some(c);
                actors[a].code = code;
                actors[a].country_source = Some(CountrySource::Dictionary);
            }
        }
    }
}

/// Coreference: "Zarif's deputy X" takes Zarif's country, "Hamas official X" the country of
/// the Hamas actor (from the dictionary).
fn coreference(
    actors: &mut [ActorData],
    members: &[Vec<usize>],
    cues: &HashMap<usize, Cue>,
    know: &Knowledge,
) {
    let actor_of: HashMap<usize, usize> = members
        .iter()
        .enumerate()
        .flat_map(|(a, g)| g.iter().map(move |&m| (m, a)))
        .collect();
    for (a, g) in members.iter().enumerate() {
        if actors[a].country.is_some() || actors[a].kind != ActorKind::Person {
            continue;
        }
        let from = g.iter().find_map(|m| {
            let cue = cues.get(m)?;
            let p = cue.possessor.or(cue.body)?;
            let b = *actor_of.get(&p)?;
            (b != a).then(|| actors[b].country.clone()).flatten()
        });
        if let Some(c) = from {
            actors[a].code = Some(with_role_code(&c, actors[a].role.as_deref(), know));
            actors[a].country = Some(c);
            actors[a].country_source = Some(CountrySource::Coreference);
        }
    }
}

/// Set `country`, `country_source` and `code` of `actor` from what its mentions' text says
/// (`entities[i].country`, set by [`annotate`]) and else from the dictionary at `date`.
fn affiliate(
    doc: &Doc,
    actor: &mut ActorData,
    members: &[usize],
    entities: &[Entity],
    gaz: &Gazetteer,
    know: &Knowledge,
    date: Option<Date>,
) {
    let text = doc.text();
    let person = actor.kind == ActorKind::Person;
    let text_country = members
        .iter()
        .find_map(|&i| entities[i].country.clone())
        .or_else(|| {
            let (country, occupation) = members
                .iter()
                .filter(|_| person)
                .find_map(|&i| place_chain(text, entities[i].byte_start, gaz, &know.actors))?;
            // "Tehran-based journalist X": the occupation is the role
            if actor.role.is_none() {
                actor.role = occupation;
            }
            Some(country)
        });
    if actor.kind == ActorKind::Country {
        actor.code = text_country.clone();
        actor.country_source = text_country.as_ref().map(|_| CountrySource::Text);
        actor.country = text_country;
        return;
    }
    let dict = dictionary_affiliation(
        &actor.texts(text),
        person,
        &know.actors,
        gaz,
        doc.english(),
        date,
    );
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
