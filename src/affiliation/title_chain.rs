//! The title chain before a person's name: "U.S. Senator X", "Iran's Supreme Leader X".

use std::collections::HashMap;

use super::persons::{is_destination, Cue};
use crate::doc::text::prev_tok;
use crate::entity::{Entity, Label};
use crate::geo::Gazetteer;

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
