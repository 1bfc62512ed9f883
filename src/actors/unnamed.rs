//! States the text names only by their people: "Saudis hail Trump's move", "Israeli officials
//! said …", "a senior Saudi diplomat told reporters". The guideline does not tag demonyms as
//! entities, so no country actor exists for such a state unless its name also appears; news
//! still reports what that state says. This step adds one country actor per such state, with
//! the demonyms as its mentions, so that attribution can give it the statement.
//!
//! Two forms count, both capitalised as written and outside every entity:
//! * a plural demonym used as a noun, not followed by a capitalised word ("Saudis",
//!   "the Israelis"; not "Iranians Abroad");
//! * a demonym followed by a source noun of the attribution lexicon, with at most three of its
//!   source modifiers between ("Israeli officials", "Saudi government", "Saudi security
//!   officials") and no name after the noun ("Israeli envoy Gilad Erdan" is a title chain for
//!   that person).
//!
//! A state that already has an actor keeps it (the unnamed sources go to it through
//! attribution); the demonym is then not a mention. The country comes from the text
//! ([`CountrySource::Text`]): the demonym says it.
//!
//! Bodies named by the plural of their members (`[collectives]` of the actor data:
//! "Republicans" → "Republican Party") are found the same way: a capitalised plural that no
//! capitalised word follows. Such a mention joins the actor of the body when the text names
//! it under any of its names ("GOP"), else it is an organization actor of its own, with the
//! body's country from the actor data ([`CountrySource::Dictionary`]).

use crate::doc::{Doc, Token};
use crate::entity::Entity;
use crate::geo::Gazetteer;
use crate::report::{ActorKind, CountrySource};

use super::{ActorData, MentionSpan};

/// Most modifiers between a demonym and its source noun ("Saudi *foreign ministry*
/// officials" has two).
const MAX_MODIFIERS: usize = 3;

/// The words of an unnamed-source phrase, lower case (from the attribution lexicon).
pub(crate) struct SourceWords<'a> {
    /// Nouns that name a source: "officials", "government", "diplomat".
    pub(crate) nouns: &'a [String],
    /// Words allowed between the demonym and the noun: "senior", "foreign", "-".
    pub(crate) modifiers: &'a [String],
}

/// Add a country actor for every state named only by demonyms, then the mentions of bodies
/// named by their members' plural (module docs). New actors come after the existing ones, in
/// order of first mention.
pub(crate) fn add_unnamed_states(
    doc: &Doc,
    entities: &[Entity],
    actors: &mut Vec<ActorData>,
    gaz: &Gazetteer,
    sources: &SourceWords,
) {
    let text = doc.text();
    let toks = doc.tokens();
    let mut found: Vec<(String, MentionSpan)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !t.word || !doc.capitalised(t) || inside_entity(entities, t) {
            continue;
        }
        let word = &text[t.start..t.end];
        let Some(code) = gaz.demonym(word) else {
            continue;
        };
        // "Republican(s)" is a demonym of the US in title chains, but the plural names the
        // party (a collective, below), and so does the adjective before a source noun
        if gaz.collective(word).is_some() || gaz.collective(&format!("{word}s")).is_some() {
            continue;
        }
        let next_cap = toks
            .get(i + 1)
            .is_some_and(|n| n.word && doc.capitalised(n));
        let plural_noun = is_plural_form(&t.norm) && !next_cap;
        if plural_noun || heads_source_phrase(doc, i, sources) {
            found.push((
                code.to_string(),
                MentionSpan {
                    entity: None,
                    byte_start: t.start,
                    byte_end: t.end,
                },
            ));
        }
    }
    let mut added: Vec<ActorData> = Vec::new();
    for (code, span) in found {
        let has_actor = actors
            .iter()
            .any(|a| a.kind == ActorKind::Country && a.country.as_deref() == Some(code.as_str()));
        if has_actor {
            continue;
        }
        match added
            .iter_mut()
            .find(|a| a.country.as_deref() == Some(&code))
        {
            Some(a) => a.mentions.push(span),
            None => {
                let name = gaz
                    .country_name(&code)
                    .map(str::to_string)
                    .unwrap_or_else(|| code.clone());
                let mut a = ActorData::new(ActorKind::Country, name, vec![span]);
                a.code = Some(code.clone());
                a.country = Some(code);
                a.country_source = Some(CountrySource::Text);
                added.push(a);
            }
        }
    }
    actors.extend(added);
    add_collectives(doc, entities, actors, gaz);
}

/// Add the mentions of bodies named by their members' plural (module docs).
fn add_collectives(doc: &Doc, entities: &[Entity], actors: &mut Vec<ActorData>, gaz: &Gazetteer) {
    let text = doc.text();
    let toks = doc.tokens();
    let first_new = actors.len();
    for (i, t) in toks.iter().enumerate() {
        let Some(body) = gaz.collective(&text[t.start..t.end]) else {
            continue;
        };
        let next_cap = toks
            .get(i + 1)
            .is_some_and(|n| n.word && doc.capitalised(n));
        if next_cap {
            continue;
        }
        if inside_entity(entities, t) {
            // the model tagged the plural itself: that actor is the body
            if let Some(actor) = actors.iter_mut().find(|a| {
                a.kind == ActorKind::Organization
                    && a.mentions.iter().any(|m| m.byte_start == t.start)
            }) {
                name_for_body(actor, body, gaz);
            }
            continue;
        }
        let span = MentionSpan {
            entity: None,
            byte_start: t.start,
            byte_end: t.end,
        };
        let key = gaz.organization_key(body);
        let same_body = |a: &ActorData| {
            a.kind == ActorKind::Organization
                && (a.name == body || a.texts(text).iter().any(|m| gaz.organization_key(m) == key))
        };
        match actors.iter().position(same_body) {
            Some(a) => {
                let actor = &mut actors[a];
                let at = actor
                    .mentions
                    .partition_point(|x| x.byte_start < span.byte_start);
                actor.mentions.insert(at, span);
                name_for_body(actor, body, gaz);
            }
            None => {
                let mut a = ActorData::new(ActorKind::Organization, body.to_string(), vec![span]);
                a.country = gaz.institution_country(body).map(str::to_string);
                a.country_source = a.country.as_ref().map(|_| CountrySource::Dictionary);
                actors.push(a);
            }
        }
    }
    debug_assert!(actors[first_new..].iter().all(|a| !a.mentions.is_empty()));
}

/// An organization actor named only by its members' plural ("Republicans") takes the body's
/// name and, if it has none, the body's country from the actor data.
fn name_for_body(actor: &mut ActorData, body: &str, gaz: &Gazetteer) {
    if gaz.collective(&actor.name).is_some() {
        actor.name = body.to_string();
    }
    if actor.country.is_none() {
        actor.country = gaz.institution_country(body).map(str::to_string);
        actor.country_source = actor.country.as_ref().map(|_| CountrySource::Dictionary);
    }
}

/// Whether the token lies inside an entity ("Saudi" of "Saudi Arabia"). `entities` are
/// sorted by start and do not overlap (the geo stage's output): one binary search.
fn inside_entity(entities: &[Entity], t: &Token) -> bool {
    let k = entities.partition_point(|e| e.byte_start < t.end);
    k > 0 && t.start < entities[k - 1].byte_end
}

/// A plural form: "saudis", "israelis", "iranians" (the gazetteer gives plurals the same code
/// as the adjective; "Swiss" ends in s as well and is read as the people, which is right).
fn is_plural_form(norm: &str) -> bool {
    norm.len() > 3 && norm.ends_with('s')
}

/// Whether a source noun follows the demonym at `i` after at most [`MAX_MODIFIERS`]
/// lower-case modifiers, with no capitalised word right after the noun.
fn heads_source_phrase(doc: &Doc, i: usize, sources: &SourceWords) -> bool {
    let toks = doc.tokens();
    for k in i + 1..toks.len().min(i + 2 + MAX_MODIFIERS) {
        let t = &toks[k];
        if doc.capitalised(t) {
            return false;
        }
        if sources.nouns.iter().any(|s| s == &t.norm) {
            let name_after = toks
                .get(k + 1)
                .is_some_and(|n| n.word && doc.capitalised(n));
            return !name_after;
        }
        if !sources.modifiers.iter().any(|s| s == &t.norm) {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn states(text: &str, existing: &[&str]) -> Vec<(String, Vec<String>)> {
        let doc = Doc::new(text);
        let gaz = Gazetteer::embedded();
        let mut actors: Vec<ActorData> = existing
            .iter()
            .map(|c| {
                let mut a = ActorData::new(ActorKind::Country, c.to_string(), Vec::new());
                a.country = Some(c.to_string());
                a
            })
            .collect();
        let lex = crate::attribution::AttributionLexicon::shared();
        add_unnamed_states(&doc, &[], &mut actors, &gaz, &lex.source_words());
        actors
            .into_iter()
            .skip(existing.len())
            .map(|a| {
                let texts = a.texts(text).iter().map(|s| s.to_string()).collect();
                (a.country.unwrap_or_default(), texts)
            })
            .collect()
    }

    #[test]
    fn plural_demonyms_and_source_phrases_make_a_state() {
        let got = states(
            "Saudis hail the move. A senior Israeli government official said no. The Saudis agreed.",
            &[],
        );
        assert_eq!(
            got,
            vec![
                (
                    "SAU".to_string(),
                    vec!["Saudis".to_string(), "Saudis".to_string()]
                ),
                ("ISR".to_string(), vec!["Israeli".to_string()]),
            ]
        );
    }

    #[test]
    fn mediators_and_delegations_are_source_phrases() {
        let got = states(
            "Qatari mediators said so. The Swiss delegation agreed. An Omani envoy spoke.",
            &[],
        );
        let codes: Vec<&str> = got.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(codes, vec!["QAT", "CHE", "OMN"]);
    }

    #[test]
    fn members_plural_names_the_body_and_joins_its_actor() {
        let text = "Republicans slammed the deal. The GOP said no. Republicans Abroad met.";
        let doc = Doc::new(text);
        let gaz = Gazetteer::embedded();
        let gop = text.find("GOP").unwrap_or_default();
        let mut actors = vec![ActorData::new(
            ActorKind::Organization,
            "GOP".to_string(),
            vec![MentionSpan {
                entity: Some(0),
                byte_start: gop,
                byte_end: gop + 3,
            }],
        )];
        let lex = crate::attribution::AttributionLexicon::shared();
        add_unnamed_states(&doc, &[], &mut actors, &gaz, &lex.source_words());
        let names: Vec<(String, Vec<&str>)> = actors
            .iter()
            .map(|a| (a.name.clone(), a.texts(text)))
            .collect();
        assert_eq!(names, vec![("GOP".to_string(), vec!["Republicans", "GOP"])]);
        // no mention of the body by name: an actor of its own, with its country
        let text = "Democrats welcomed the deal.";
        let mut actors = Vec::new();
        add_unnamed_states(&Doc::new(text), &[], &mut actors, &gaz, &lex.source_words());
        assert_eq!(actors.len(), 1);
        assert_eq!(actors[0].name, "Democratic Party");
        assert_eq!(actors[0].country.as_deref(), Some("USA"));
    }

    #[test]
    fn adjectives_names_and_known_states_make_none() {
        // An adjective before a thing, a title chain before a name, a lower-case word, and a
        // state that already has an actor.
        assert!(states("The Israeli strike hit a Saudi port.", &[]).is_empty());
        assert!(states("Israeli official Gilad Erdan said no.", &[]).is_empty());
        assert!(states("the saudis said no.", &[]).is_empty());
        assert!(states("Israeli officials said no.", &["ISR"]).is_empty());
    }
}
