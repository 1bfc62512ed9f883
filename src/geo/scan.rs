//! Names the model missed: country names, capitals and known organizations found by a
//! case-sensitive scan at word boundaries, and repeats of person names found once.

use std::collections::HashMap;

use super::data::{first_run, is_all_caps, NameKind};
use super::resolve::Cand;
use super::Gazetteer;
use crate::doc::text::{floor_boundary, is_word_char, next_tok, prev_tok, Tok};
use crate::entity::Label;

/// Whether the line around `text[s..e]` has other words and at least as many of them are
/// written in capitals as not (a headline or a shouted line).
fn in_capitals_line(text: &str, s: usize, e: usize) -> bool {
    let ls = text[..s].rfind('\n').map_or(0, |i| i + 1);
    let le = text[e..].find('\n').map_or(text.len(), |i| e + i);
    let (mut caps, mut other) = (0, 0);
    for w in text[ls..s]
        .split_whitespace()
        .chain(text[e..le].split_whitespace())
    {
        if !w.chars().any(char::is_alphabetic) {
            continue;
        }
        if is_all_caps(w) {
            caps += 1;
        } else {
            other += 1;
        }
    }
    caps + other > 0 && caps >= other
}

impl Gazetteer {
    /// Country-name and capital hits in `text[from..to]`, at word boundaries, case-sensitive,
    /// longest first, skipping `covered` byte ranges (sorted).
    pub(super) fn scan(
        &self,
        text: &str,
        from: usize,
        to: usize,
        covered: &[(usize, usize)],
    ) -> Vec<(usize, usize, String, NameKind)> {
        self.scan_in(&self.data.by_first_word, text, from, to, covered)
    }

    /// [`Gazetteer::scan`] over another name index.
    pub(super) fn scan_in(
        &self,
        index: &HashMap<String, Vec<(String, String, NameKind)>>,
        text: &str,
        from: usize,
        to: usize,
        covered: &[(usize, usize)],
    ) -> Vec<(usize, usize, String, NameKind)> {
        let mut out = Vec::new();
        let from = floor_boundary(text, from);
        let to = floor_boundary(text, to);
        // disjoint, sorted covered ranges, walked with a cursor: linear overall
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(covered.len());
        let mut sorted = covered.to_vec();
        sorted.sort_unstable();
        for (s, e) in sorted {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        let covered = merged;
        let mut cur = 0usize;
        let mut prev_alnum = text[..from].chars().next_back().is_some_and(is_word_char);
        let mut skip_until = from;
        for (i, c) in text[from..to].char_indices() {
            let i = from + i;
            let alnum = is_word_char(c);
            let starts_word = alnum && !prev_alnum;
            prev_alnum = alnum;
            if !starts_word || i < skip_until {
                continue;
            }
            while cur < covered.len() && covered[cur].1 <= i {
                cur += 1;
            }
            if let Some(&(cs, ce)) = covered.get(cur) {
                if cs <= i {
                    skip_until = ce;
                    continue;
                }
            }
            let run = first_run(&text[i..to]);
            let Some(cands) = index.get(run) else {
                continue;
            };
            for (name, code, kind) in cands {
                let end = i + name.len();
                if end > to || !text[i..].starts_with(name.as_str()) {
                    continue;
                }
                // word boundary after the name; "US$" is a currency
                if text[end..]
                    .chars()
                    .next()
                    .is_some_and(|c| is_word_char(c) || c == '$')
                {
                    continue;
                }
                // the next covered range starts after i: it must not start inside the name
                if covered.get(cur).is_some_and(|&(cs, _)| cs < end) {
                    continue;
                }
                out.push((i, end, code.clone(), *kind));
                skip_until = end;
                break;
            }
        }
        out
    }

    /// Byte ranges of `not_countries` phrases in `text`.
    pub(super) fn excluded_ranges(&self, text: &str) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        for p in &self.data.merged.not_countries {
            for (i, _) in text.match_indices(p.as_str()) {
                let e = i + p.len();
                let before_ok = !text[..i].chars().next_back().is_some_and(is_word_char);
                let after_ok = !text[e..].chars().next().is_some_and(is_word_char);
                if before_ok && after_ok {
                    v.push((i, e));
                }
            }
        }
        v.sort();
        v
    }

    /// Organizations of the data (institutions, outlets, international bodies, aliases) that
    /// the model missed: a case-sensitive scan at word boundaries of the text outside the
    /// mentions found so far. An all-capitals name in an all-capitals line (a headline: "IRAN
    /// IS READY") is not a name.
    pub(super) fn missed_organizations(
        &self,
        text: &str,
        cands: &[Cand],
        excluded: &[(usize, usize)],
    ) -> Vec<Cand> {
        let mut covered: Vec<(usize, usize)> = cands.iter().map(|c| (c.bs, c.be)).collect();
        covered.extend(excluded.iter().copied());
        covered.sort_unstable();
        self.scan_in(&self.data.org_by_first_word, text, 0, text.len(), &covered)
            .into_iter()
            .filter(|&(s, e, _, _)| !(is_all_caps(&text[s..e]) && in_capitals_line(text, s, e)))
            .map(|(s, e, _, _)| Cand {
                bs: s,
                be: e,
                label: Label::Organization,
                score: 1.0,
                country: None,
                capital: None,
                added: true,
            })
            .collect()
    }
}

/// Capitalized function words that may open a sentence before a name.
const FUNCTION_WORDS: &[&str] = &[
    "The",
    "When",
    "If",
    "But",
    "And",
    "As",
    "After",
    "While",
    "Then",
    "Yet",
    "So",
    "Although",
    "Because",
    "Before",
    "Since",
    "Until",
    "Now",
    "Later",
    "Meanwhile",
    "However",
    "Still",
    "Asked",
    "Like",
    "For",
    "On",
    "In",
    "At",
    "With",
    "Without",
    "Under",
    "By",
    "According",
];

/// Repeats of a person's name that the model missed: a full name it found once ("Lindsey
/// Graham") or its last word ("Graham", also without "al-": "Assad" for "Bashar al-Assad"),
/// or a one-word name it found as a person at least twice and never otherwise ("Biden"),
/// found again in the text as a capitalized word, at word boundaries, not inside a longer run of
/// capitalized words ("Bishop Desmond Tutu", "the Eastern Block"), not already covered.
pub(super) fn name_repeats(text: &str, cands: &[Cand], gaz: &Gazetteer) -> Vec<Cand> {
    let mut names: Vec<&str> = Vec::new();
    // a one-word name counts when the model found it as a person twice and never as
    // anything else ("Biden … Biden"): (person mentions, other mentions) per text, counted
    // once
    let mut seen: HashMap<&str, (usize, usize)> = HashMap::new();
    for c in cands {
        let n = seen.entry(&text[c.bs..c.be]).or_default();
        if c.label == Label::Person {
            n.0 += 1;
        } else {
            n.1 += 1;
        }
    }
    let one_word_person = |w: &str| seen.get(w).is_some_and(|&(p, o)| p >= 2 && o == 0);
    for c in cands.iter().filter(|c| c.label == Label::Person) {
        let full = &text[c.bs..c.be];
        let words: Vec<&str> = full.split_whitespace().collect();
        if words.len() < 2 {
            if words.len() == 1 && one_word_person(full) {
                names.push(full);
            }
            continue;
        }
        names.push(full);
        if let Some(last) = words.last() {
            names.push(last);
            for p in ["al-", "Al-", "el-", "El-"] {
                if let Some(rest) = last.strip_prefix(p) {
                    names.push(rest);
                }
            }
        }
    }
    names.retain(|n| n.chars().count() >= 4 && n.starts_with(char::is_uppercase));
    // Longest first; equal names adjacent so that `dedup` removes every repeat (a name found
    // N times must be searched once, not N times: that was O(N × text length)).
    names.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    names.dedup();
    // Disjoint covered spans, start -> end (cands are non-overlapping), for O(log n) lookups.
    let mut spans: std::collections::BTreeMap<usize, usize> =
        cands.iter().map(|c| (c.bs, c.be)).collect();
    let mut out = Vec::new();
    for name in names {
        for (i, _) in text.match_indices(name) {
            let e = i + name.len();
            let before = text[..i].chars().next_back();
            let after = text[e..].chars().next();
            if before.is_some_and(|c| is_word_char(c) || c == '-')
                || after.is_some_and(|c| is_word_char(c) || c == '-')
            {
                continue;
            }
            // the covered span starting last before `e` is the only one that can overlap
            if spans.range(..e).next_back().is_some_and(|(_, &t)| t > i) {
                continue;
            }
            // not part of a longer capitalized name
            let prev = prev_tok(text, i);
            let next = next_tok(text, e);
            let cap = |t: Option<Tok<'_>>| {
                t.is_some_and(|t| t.word && t.text.starts_with(char::is_uppercase))
            };
            // a capitalized word before is fine when it is a title ("Major General X",
            // "Ambassadors X"), a possessive ("Iran's Zarif") or a function word opening the
            // sentence ("When Warner asked")
            let prev_ok = prev.is_some_and(|p| {
                FUNCTION_WORDS.contains(&p.text)
                    || p.text.ends_with("'s")
                    || p.text.ends_with("’s")
                    || gaz.title_ending_at(text, p.end).is_some()
            });
            if cap(next) || (cap(prev) && !prev_ok) {
                continue;
            }
            spans.insert(i, e);
            out.push(Cand {
                bs: i,
                be: e,
                label: Label::Person,
                score: 1.0,
                country: None,
                capital: None,
                added: true,
            });
        }
    }
    out
}
