//! The country of an organization mention: the data, a demonym or possessive before it, a
//! leading demonym, a dateline.

use crate::doc::text::{paragraph_of, prev_tok};
use crate::doc::Doc;
use crate::entity::{Entity, Label};
use crate::geo::Gazetteer;

/// Country of an organization mention from the data or its immediate context.
pub(super) fn org_country(
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
    // leading demonym, country or capital inside the name ("Iranian Armed Forces", "Tehran
    // University", "Washington Institute"): the name says where the body is
    let first = e.text.split_whitespace().next().unwrap_or("");
    if first != e.text {
        let place = gaz.demonym(first).or_else(|| gaz.lookup(first));
        if let Some(c) = place.or_else(|| gaz.capital(first)) {
            return Some(c.to_string());
        }
    }
    // a country (or its capital) after the name's last "of" ("Central Bank of Iran", "Atomic
    // Energy Organization of Iran", "Islamic Republic of Iran Broadcasting", "University of
    // Tehran"): the name says whose it is; not two places ("Islamic State of Iraq and Syria"
    // is no state's)
    if let Some((_, tail)) = e
        .text
        .rsplit_once(" of ")
        .filter(|(_, t)| !t.contains(" and "))
    {
        let tail = tail.strip_prefix("the ").unwrap_or(tail).trim();
        let head = tail.split_whitespace().next().unwrap_or(tail);
        let place = gaz.lookup(tail).or_else(|| gaz.lookup(head));
        if let Some(c) = place.or_else(|| gaz.capital(tail)) {
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

/// How many words into a sentence (an opening quote mark not counted) an actor still counts
/// as the sentence's subject.
const SUBJECT_WORDS: usize = 6;

/// A generic institution with no country of its own ("the Cabinet said", "Foreign Office
/// spokesperson X"): definite, so it refers to the state the text is about at that point. That
/// is the state of the sentence's subject (an actor with a country among its first
/// [`SUBJECT_WORDS`] words, before the mention), else of the subject of the sentence right
/// before (which may end the previous paragraph). `None` when neither subject has one.
pub(super) fn generic_in_focus(doc: &Doc, ents: &[Entity], i: usize) -> Option<String> {
    let e = &ents[i];
    let s = doc.sentence_at(e.byte_start)?;
    (s.saturating_sub(1)..=s).rev().find_map(|k| {
        let sent = &doc.sentences()[k];
        subject_country(doc, ents, sent.byte_start, sent.byte_end.min(e.byte_start))
    })
}

/// The country of the first actor mention with one that starts among the first
/// [`SUBJECT_WORDS`] words of `start..end`.
fn subject_country(doc: &Doc, ents: &[Entity], start: usize, end: usize) -> Option<String> {
    let limit = doc
        .tokens_in(start, end)
        .iter()
        .filter(|t| t.word)
        .nth(SUBJECT_WORDS)
        .map_or(end, |t| t.start);
    let first = ents.partition_point(|x| x.byte_start < start);
    ents[first..]
        .iter()
        .take_while(|x| x.byte_start < limit)
        .filter(|x| {
            matches!(
                x.label,
                Label::Country | Label::Person | Label::Organization
            )
        })
        .find_map(|x| x.country.clone())
}
