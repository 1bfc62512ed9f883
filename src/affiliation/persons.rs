//! What the text around a person mention says: title chain, occupation, party-state tag,
//! apposition.

use std::collections::HashMap;

use super::title_chain::backward_chain;
use crate::doc::text::{next_tok, prev_tok, Tok};
use crate::entity::{Entity, Label};
use crate::geo::Gazetteer;
use crate::knowledge::Dictionary;

/// What the text around one person mention says about it.
#[derive(Clone, Debug, Default)]
pub(super) struct Cue {
    /// From a demonym, country, institution or affiliated organization.
    pub(super) country: Option<String>,
    /// From a title's data hint.
    pub(super) hint: Option<String>,
    /// Nearest office title.
    pub(super) role: Option<String>,
    /// Nearest rank/honorific.
    pub(super) rank_role: Option<String>,
    /// "his counterpart, ..."
    pub(super) counterpart: bool,
    /// A person whose possessive introduces this one ("Zarif's deputies X").
    pub(super) possessor: Option<usize>,
    /// An organization with no country from the text in the title chain ("Hamas official
    /// X"): its actor's country (from the dictionary) is this person's, by coreference.
    pub(super) body: Option<usize>,
    /// Introduced through an international organization ("NATO Secretary-General X").
    pub(super) international: bool,
    /// The object of a preposition of relation ("overtures from the Obama administration",
    /// "met with X"): the subject of the same sentence is another party.
    pub(super) counterparty: bool,
    /// The country came from a demonym + unknown occupation word ("Iranian analyst X", which
    /// may be a verb) or from an apposition (which may belong to another name): a dictionary
    /// entry that says otherwise wins.
    pub(super) weak: bool,
}

/// What the text says around each person mention, by entity index: computed once by
/// [`super::annotate`] (the affiliation of mentions) and read again by
/// [`super::affiliate_actors`] (roles, international introductions, weak cues).
#[derive(Clone, Debug, Default)]
pub(crate) struct PersonCues(pub(super) HashMap<usize, Cue>);

/// Cues for every PERSON entity (by index).
/// `agents`: the agent nouns ("Field Marshal", "Energy Minister") an occupation chain may
/// hold besides lower-case occupation words.
pub(super) fn person_cues(
    text: &str,
    entities: &[Entity],
    gaz: &Gazetteer,
    agents: &Dictionary,
) -> HashMap<usize, Cue> {
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
            if let Some((c, noun)) =
                occupation_chain(text, entities, &by_end, e.byte_start, gaz, agents)
            {
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
            cue.country = bracket_tag(text, e.byte_end)
                .and_then(|t| gaz.name_tag_country(t))
                .map(str::to_string);
        }
        if cue.country.is_none() {
            cue.country = of_body(text, entities, e.byte_end);
        }
        if cue.country.is_none() {
            let (c, role) = apposition(text, entities, e.byte_end, gaz);
            // an apposition may attach to the wrong name: a dictionary entry outranks it
            cue.weak = c.is_some();
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

/// "Iranian analyst Foad Izadi", "Israeli MP Yair Lapid", "Iran's political analyst X",
/// "Pakistan's Field Marshal X": a demonym (or a country's possessive) then one or two
/// occupation words (lower case, an acronym such as MP, or capitalised words that together
/// are an agent noun of `agents`) right before the name. Returns (country, occupation).
fn occupation_chain(
    text: &str,
    entities: &[Entity],
    by_end: &HashMap<usize, usize>,
    start: usize,
    gaz: &Gazetteer,
    agents: &Dictionary,
) -> Option<(String, String)> {
    let (country, mut nouns) = demonym_before_nouns(text, entities, by_end, start, gaz)?;
    nouns.reverse();
    let phrase = nouns.join(" ");
    let plain = nouns.iter().all(|w| plain_occupation(w));
    (plain || !agents.exact(&phrase).is_empty()).then_some((country, phrase))
}

/// An occupation word the chain takes without the agents file: an acronym ("MP") or a
/// lower-case occupation-like word ("analyst").
fn plain_occupation(w: &str) -> bool {
    let acronym = (2..=4).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase());
    let lower = w.chars().all(|c| c.is_lowercase() || c == '-');
    acronym || lower && occupation_like(w)
}

/// The walk of [`occupation_chain`]: up to two words (in reverse text order) that are not
/// function words or places, then a demonym, a country's possessive or an institution with
/// a country.
fn demonym_before_nouns<'t>(
    text: &'t str,
    entities: &[Entity],
    by_end: &HashMap<usize, usize>,
    start: usize,
    gaz: &Gazetteer,
) -> Option<(String, Vec<&'t str>)> {
    let mut pos = start;
    let mut nouns: Vec<&str> = Vec::new();
    for _ in 0..3 {
        let t = prev_tok(text, pos)?;
        if !t.word || text[t.end..pos].contains(['\n', ',', '.']) {
            return None;
        }
        let w = t.text;
        if !nouns.is_empty() {
            // an institution with a country ("Kremlin aide X")
            if let Some(&j) = by_end.get(&t.end) {
                let ej = &entities[j];
                if ej.label == Label::Organization && ej.byte_start == t.start {
                    return Some((ej.country.clone()?, nouns));
                }
            }
            // a demonym, or a country's possessive ("Iran's")
            let bare = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s"));
            // an adjective, not a plural noun ("Saudis hail Trump")
            let plural = w.ends_with('s') && !w.ends_with("ss");
            if w.chars().next().is_some_and(char::is_uppercase) && bare.is_none() && !plural {
                if let Some(c) = gaz.demonym(w) {
                    return Some((c.to_string(), nouns));
                }
            }
            if let Some(c) = bare.and_then(|b| gaz.capital(&b.to_lowercase())) {
                return Some((c.to_string(), nouns));
            }
            if let Some(b) = bare {
                let at = t.start + b.len();
                if let Some(&j) = by_end.get(&at) {
                    if entities[j].label == Label::Country {
                        return Some((entities[j].country.clone()?, nouns));
                    }
                }
            }
        }
        let capitalised = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(char::is_alphabetic)
            && !NOT_OCCUPATION.contains(&w.to_lowercase().as_str());
        if !(plain_occupation(w) || capitalised) || gaz.lookup(w).is_some() {
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
    let tag = if rest.starts_with('(') {
        match bracketed(text, end) {
            Some(inner) => inner,
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

/// The text in brackets right after byte `end` (spaces between allowed).
fn bracketed(text: &str, end: usize) -> Option<&str> {
    let rest = text.get(end..)?.trim_start_matches([' ', '\u{a0}']);
    let inner = rest.strip_prefix('(')?;
    inner.find(')').map(|close| &inner[..close])
}

/// The text of a short tag in brackets right after byte `end` ("Eliot Engel (N.Y.)").
fn bracket_tag(text: &str, end: usize) -> Option<&str> {
    bracketed(text, end).filter(|t| t.len() <= 20)
}

/// A lower-case word that may be an occupation noun before a name (not a function word, not
/// an obvious verb or plural: "analyst", "mayor", "lawmaker"; not "met", "urged", "officials").
pub(super) fn occupation_like(w: &str) -> bool {
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
pub(super) fn is_destination(text: &str, start: usize) -> Option<usize> {
    let p = preposition_before(
        text,
        start,
        &["to", "in", "at", "for", "from", "into", "with", "on"],
    )?;
    Some(p.start)
}

/// The word before byte `start` (over a "the") when it is one of `preps` (lower case): the
/// preposition whose object starts there.
pub(super) fn preposition_before<'t>(
    text: &'t str,
    start: usize,
    preps: &[&str],
) -> Option<Tok<'t>> {
    let mut p = prev_tok(text, start)?;
    if p.word && p.text.eq_ignore_ascii_case("the") {
        p = prev_tok(text, p.start)?;
    }
    (p.word && preps.contains(&p.text.to_lowercase().as_str())).then_some(p)
}

/// The entity that starts at byte `start` (`entities` sorted by start).
fn entity_at(entities: &[Entity], start: usize) -> Option<&Entity> {
    let k = entities.partition_point(|e| e.byte_start < start);
    entities.get(k).filter(|e| e.byte_start == start)
}

/// Whether a possessive "'s" follows byte `end`.
pub(super) fn possessive_at(text: &str, end: usize) -> bool {
    ["'s", "’s"]
        .iter()
        .any(|q| text.get(end..).is_some_and(|r| r.starts_with(q)))
}

/// Words that end an apposition after a name.
const APPOSITION_END: &[&str] = &[
    "who", "which", "that", "said", "says", "was", "is", "has", "had", "told", "will", "would",
];

/// Verbs after an entity that make ", `<entity>` said" a separate attribution.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "reported",
    "reports",
    "added",
    "announced",
    "stated",
    "confirmed",
];

/// ", chairman of the Joint Chiefs of Staff," after a name: country and role.
fn apposition(
    text: &str,
    entities: &[Entity],
    end: usize,
    gaz: &Gazetteer,
) -> (Option<String>, Option<String>) {
    let Some(mut p) = apposition_start(text, end, gaz) else {
        return (None, None);
    };
    let mut role = None;
    let mut found: Option<String> = None;
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
        if APPOSITION_END.contains(&t.text.to_lowercase().as_str()) {
            break;
        }
        // ", a Tehran-based analyst,": a country or capital before "-based"
        let based = text
            .get(t.end..)
            .is_some_and(|r| r.starts_with("-based") || r.starts_with("–based"));
        if based && t.text.chars().next().is_some_and(char::is_uppercase) {
            if let Some(c) = gaz.lookup(t.text).or_else(|| gaz.capital(t.text)) {
                return (found.or(Some(c.to_string())), role);
            }
        }
        if let Some(e) = entity_at(entities, t.start) {
            // ", the White House said": a separate attribution, not an apposition
            if next_tok(text, e.byte_end).is_some_and(|v| v.word && SPEECH_VERBS.contains(&v.text))
            {
                return (None, None);
            }
            let possessive = possessive_at(text, e.byte_end);
            match e.label {
                // "X, Iran's foreign minister": the country, and the title after it
                Label::Country if possessive && found.is_none() => {
                    found = e.country.clone();
                    p = e.byte_end;
                    continue;
                }
                // (after "to", a country before a title is the title's: "an adviser to the
                // U.S. president", not a destination)
                Label::Country
                    if is_destination(text, e.byte_start).is_none()
                        || next_tok(text, e.byte_end)
                            .is_some_and(|n| gaz.title_ending_at(text, n.end).is_some()) =>
                {
                    return (found.or(e.country.clone()), role)
                }
                Label::Organization if e.country.is_some() => {
                    return (found.or(e.country.clone()), role)
                }
                _ => {}
            }
            p = e.byte_end;
            continue;
        }
        if t.text.chars().next().is_some_and(|c| c.is_uppercase()) {
            if let Some(c) = gaz.demonym(t.text) {
                return (found.or(Some(c.to_string())), role);
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
    (found, role)
}

/// "X of Iran's Foreign Ministry", "X of the State Department": a body with a country (or a
/// country) as the object of "of" right after the name gives it (grammar: a post-modifier of
/// the name; a destination or a place of the dictionary is not read here).
fn of_body(text: &str, entities: &[Entity], end: usize) -> Option<String> {
    let of = next_tok(text, end).filter(|t| t.text == "of")?;
    let mut p = of.end;
    if let Some(t) = next_tok(text, p).filter(|t| t.text.eq_ignore_ascii_case("the")) {
        p = t.end;
    }
    let e = entity_at(entities, next_tok(text, p)?.start)?;
    match e.label {
        // "of Iran's Foreign Ministry": the body after the possessive, else the country
        Label::Country if possessive_at(text, e.byte_end) => {
            let after = next_tok(text, e.byte_end).and_then(|q| next_tok(text, q.end));
            let body = after
                .and_then(|t| entity_at(entities, t.start))
                .filter(|b| b.label == Label::Organization);
            body.and_then(|b| b.country.clone()).or(e.country.clone())
        }
        Label::Organization => e.country.clone(),
        _ => None,
    }
}

/// Verbs of a relative clause that describes a post ("X, who heads Iran's parliamentary
/// committee, …", "X, who served as Washington's envoy, …"): what follows them is read as an
/// apposition.
const POST_VERBS: &[&str] = &[
    "heads",
    "headed",
    "leads",
    "led",
    "chairs",
    "chaired",
    "runs",
    "ran",
    "directs",
    "directed",
    "serves",
    "served",
    "advises",
    "advised",
    "represents",
    "represented",
];

/// Linking verbs of a relative clause: what follows them is read as an apposition only when
/// it starts as one ("X, who is Iran's top negotiator, …"; not "X, who is visiting Iran").
const LINKING_VERBS: &[&str] = &["is", "was", "became", "remains"];

/// Where an apposition after a name ending at byte `end` starts: after a comma followed by a
/// filler word, a title or a country's possessive ("X, the chairman of ...", "X, Foreign
/// Minister of ...", "X, Iran's foreign minister"), or after a relative pronoun and a verb
/// of a post ("X, who heads Iran's ...", "X, who served as ...").
fn apposition_start(text: &str, end: usize, gaz: &Gazetteer) -> Option<usize> {
    let comma = next_tok(text, end).filter(|c| c.text == ",")?;
    let mut first = next_tok(text, comma.end)?;
    let mut start = comma.end;
    if first.text == "who" {
        let verb = next_tok(text, first.end)?;
        let after = next_tok(text, verb.end)?;
        if POST_VERBS.contains(&verb.text) {
            return Some(if after.text == "as" {
                after.end
            } else {
                verb.end
            });
        }
        if !LINKING_VERBS.contains(&verb.text) {
            return None;
        }
        (first, start) = (after, verb.end);
    }
    let possessive = || {
        let after = text.get(first.end..).unwrap_or_default();
        gaz.country_word(first.text).is_some()
            && (after.starts_with("'s") || after.starts_with("’s"))
    };
    let starts_ok = first.word
        && (gaz.is_filler(first.text)
            || gaz.title_ending_at(text, first.end).is_some()
            || possessive());
    starts_ok.then_some(start)
}
