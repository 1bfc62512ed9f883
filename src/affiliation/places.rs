//! A place of the dictionary before a person's title: "South Carolina Sen. X",
//! "Tehran-based journalist X".

use super::dictionary::code_country;
use super::persons::occupation_like;
use crate::doc::text::prev_tok;
use crate::geo::Gazetteer;
use crate::knowledge::Dictionary;

/// "South Carolina Sen. X", "Florida mayor X", "Tehran's mayor, X": a place of the
/// dictionary (an entry whose codes are all plain country codes: states, provinces, cities)
/// before a title or occupation noun before the name. Returns the place's country and the
/// occupation noun next to the name, if it is one ("journalist"; a title is read elsewhere).
pub(super) fn place_chain(
    text: &str,
    start: usize,
    gaz: &Gazetteer,
    dict: &Dictionary,
) -> Option<(String, Option<String>)> {
    let mut pos = start;
    let mut roles = 0;
    let mut occupation: Option<&str> = None;
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
        // "Tehran-based journalist X": the place is before the hyphen
        if t.text == "based" && roles > 0 {
            match prev_tok(text, t.start) {
                Some(h) if h.text == "-" && h.end == t.start => pos = h.start,
                _ => {}
            }
            break;
        }
        let lower = t.text.chars().all(|c| c.is_lowercase() || c == '-');
        if lower && gaz.is_filler(t.text) {
            pos = t.start;
            continue;
        }
        if lower && roles < 2 && occupation_like(t.text) {
            if roles == 0 {
                occupation = Some(t.text);
            }
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
        let named = gaz.lookup(&phrase).or_else(|| gaz.capital(&phrase));
        if let Some(c) = named
            .map(str::to_string)
            .or_else(|| place_country(&phrase, gaz, dict))
        {
            return Some((c, occupation.map(str::to_string)));
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
