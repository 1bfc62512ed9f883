//! Affiliation from the actor dictionary at the document's date.

use crate::geo::Gazetteer;
use crate::knowledge::english::English;
use crate::knowledge::{Date, Dictionary, Entry, Knowledge, NameMatch};

/// The country a CAMEO code names: its first three letters when they are a country of the
/// gazetteer (`IGO...`, `NGO...`, `IMG...`, `MNC...` name none).
pub(super) fn code_country(code: &str, gaz: &Gazetteer) -> Option<String> {
    let c = code.get(..3)?;
    gaz.country_name(c).map(|_| c.to_string())
}

/// `USA` + title "Senator" (agents: `~LEG`) → `USALEG`; the country alone without a known role.
pub(super) fn with_role_code(country: &str, role: Option<&str>, know: &Knowledge) -> String {
    let role_code = role.and_then(|r| {
        know.agents
            .exact(r)
            .iter()
            .find_map(|e| e.code_at(None).and_then(|c| c.strip_prefix('~')))
            .map(str::to_string)
    });
    format!("{country}{}", role_code.unwrap_or_default())
}

/// (country, code) from the dictionary for the actor's names (`mentions`: the text of each
/// mention, in text order) at `date`: the fullest name
/// first (exact, then [`Dictionary::find`]), single words only when the actor has no longer
/// name; a person named only by one word that no entry has as a phrase is looked up as a
/// surname ([`Dictionary::with_surname`]: "Tillerson" → "REX TILLERSON"), and every person
/// entry with that surname must agree on the country. A familiar first name that finds no
/// entry is tried in its formal forms ("Rob Malley" → "ROBERT MALLEY"; `[given_names]` of
/// `data/english.toml`). A match on first and last words only ([`NameMatch::FirstAndLast`])
/// counts when every person entry with that surname agrees on the country. Entries of places
/// (codes of three letters only) and of companies (`MNC...`) do not name people. When several
/// entries match they must agree on the country, else there is no answer. An entry with no
/// code at `date` still gives its country when all its codes name the same one.
pub(super) fn dictionary_affiliation(
    mentions: &[&str],
    person: bool,
    dict: &Dictionary,
    gaz: &Gazetteer,
    en: &English,
    date: Option<Date>,
) -> Option<(Option<String>, Option<String>)> {
    let mut names: Vec<&str> = mentions.to_vec();
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
        // for a person, only entries that can name one ([`names_a_person`])
        let is_person_entry = |e: &&Entry| !person || names_a_person(e);
        let (found, how) = dict.lookup(name);
        let mut entries: Vec<&Entry> = found.into_iter().filter(is_person_entry).collect();
        if entries.is_empty() && person && words > 1 {
            // "Rob Malley" ↔ "ROBERT MALLEY", "Bill Burns" ↔ "WILLIAM BURNS"
            let (first, rest) = name.split_once(char::is_whitespace).unwrap_or((name, ""));
            entries = en
                .given_name_variants(first)
                .iter()
                .flat_map(|v| dict.find(&format!("{v} {rest}")))
                .filter(is_person_entry)
                .collect();
        } else if how == NameMatch::FirstAndLast && person {
            // only first and last words agree: the surname must be one country's, as for a
            // surname alone ("Ali Larijani" yes; "John Smith" ≠ "JOHN HILARY SMITH")
            let surname = name.rsplit(char::is_whitespace).next().unwrap_or(name);
            entries.extend(
                dict.with_surname(surname)
                    .into_iter()
                    .filter(is_person_entry),
            );
        }
        if entries.is_empty() && person && words == 1 {
            entries = dict
                .with_surname(name)
                .into_iter()
                .filter(is_person_entry)
                .collect();
        }
        if entries.is_empty() {
            continue;
        }
        let answers: Vec<(Option<String>, Option<String>)> = entries
            .iter()
            .filter_map(|e| entry_at(e, gaz, date))
            .collect();
        let first = answers.first()?;
        if !answers.iter().all(|a| a.0 == first.0) {
            return None;
        }
        // the same country: the code of an entry valid at the date, if one is
        return answers
            .iter()
            .find(|a| a.1.is_some())
            .or(Some(first))
            .cloned();
    }
    None
}

/// The full name of a person the text names by one word only ("Salman"), from the one
/// person entry of the dictionary that has that word as a phrase and in its main phrase
/// (TABARI synonyms: `SALMAN_BIN_ABDULAZIZ_` with `+SALMAN_`); `None` when no entry or
/// several do, or when the entry names another country than `country`. Words the text
/// writes keep its spelling ("McCain"); the others are title-cased, name particles
/// lower-case ("Salman bin Abdulaziz").
pub(super) fn full_name(
    name: &str,
    country: Option<&str>,
    dict: &Dictionary,
    gaz: &Gazetteer,
    en: &English,
) -> Option<String> {
    if name.split_whitespace().count() != 1 {
        return None;
    }
    let (found, how) = dict.lookup(name);
    if how != NameMatch::Exact {
        return None;
    }
    let mut persons = found.into_iter().filter(|e| names_a_person(e));
    let entry = persons.next()?;
    if persons.next().is_some() {
        return None;
    }
    let main = &entry.phrases.first()?.text;
    let upper = name.to_uppercase();
    if !main.contains(' ') || !main.split(' ').any(|w| w == upper) {
        return None;
    }
    let entry_country = entry.all_codes().find_map(|c| code_country(c, gaz));
    if country.is_some() && entry_country.as_deref() != country {
        return None;
    }
    let words: Vec<String> = main
        .split(' ')
        .map(|w| {
            if w == upper {
                name.to_string()
            } else if en.is_name_particle(&w.to_lowercase()) {
                w.to_lowercase()
            } else if w.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) {
                w.to_string()
            } else {
                title_case(w)
            }
        })
        .collect();
    Some(words.join(" "))
}

/// "ABDULAZIZ" → "Abdulaziz", "AL-ASSAD" → "Al-Assad".
fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut start = true;
    for c in w.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric();
    }
    out
}

/// Whether an entry can name a person: a code longer than a place's, and not a company's
/// (`MNC...`: "EATON VANCE" names no one called Vance).
fn names_a_person(e: &Entry) -> bool {
    e.all_codes().any(|c| c.len() > 3 && !c.starts_with("MNC"))
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

#[cfg(test)]
mod tests {
    use super::*;

    const PEOPLE: &str = "SALMAN_BIN_ABDULAZIZ_ [SAUGOV]\n+KING_SALMAN_\n+SALMAN_\n\
        JOHN_MCCAIN_ [USALEG]\n+MCCAIN_\n\
        ABDULLAH_II_ [JORGOV]\n+ABDULLAH_\n\
        AHMAD_KHAN_ [AFGGOV]\n+KHAN_\n\
        IMRAN_KHAN_ [PAKGOV]\n+KHAN_\n";

    fn full(name: &str, country: Option<&str>) -> Option<String> {
        let dict = Dictionary::from_str(PEOPLE, "people.txt").unwrap();
        full_name(
            name,
            country,
            &dict,
            &Gazetteer::embedded(),
            English::embedded(),
        )
    }

    #[test]
    fn one_word_names_get_the_entry_name() {
        assert_eq!(
            full("Salman", None).as_deref(),
            Some("Salman bin Abdulaziz")
        );
        // the text's spelling of its own word stays
        assert_eq!(full("McCain", Some("USA")).as_deref(), Some("John McCain"));
        assert_eq!(full("Abdullah", None).as_deref(), Some("Abdullah II"));
    }

    #[test]
    fn no_full_name_when_unsure() {
        // two entries share the word
        assert_eq!(full("Khan", None), None);
        // the text gave another country
        assert_eq!(full("Salman", Some("USA")), None);
        // a name of two words is the text's own; an unknown word finds nothing
        assert_eq!(full("John McCain", None), None);
        assert_eq!(full("Smith", None), None);
    }
}
