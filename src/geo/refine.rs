//! Per-entity rules of `Gazetteer::resolve`: trim, split, relabel one model mention.

use std::collections::HashMap;

use super::data::{first_run, org_key, NameKind};
use super::resolve::Cand;
use super::Gazetteer;
use crate::doc::text::{is_word_char, starts_with_word};
use crate::entity::{Entity, Label};

impl Gazetteer {
    /// Per-entity rules: trim, split, relabel.
    /// `capitals`: `has_capitals` of the whole text (computed once per document: calling it
    /// per entity made long documents quadratic).
    pub(super) fn refine(
        &self,
        text: &str,
        e: Entity,
        excluded: &[(usize, usize)],
        capitals: bool,
        out: &mut Vec<Cand>,
    ) {
        let Some((bs, be)) = trim_span(text, e.byte_start, e.byte_end, e.label, self) else {
            return;
        };
        let s = &text[bs..be];
        // An uncased model may tag "us" or "china" in running text: a mention with no capital
        // letter is noise, unless the whole document is written in lower case.
        if !s.chars().any(char::is_uppercase) && capitals {
            return;
        }
        // The model tagged the start of a known organization's name ("Austria" of "Austria
        // Press Agency", "Jewish" of "Jewish Insider"): the whole name, as written.
        if let Some(end) = self.known_org_extending(text, bs, be) {
            out.push(cand(&e, bs, end, Label::Organization, None));
            return;
        }
        // Likewise the start of a country's name ("Islamic" of "the Islamic republic").
        if let Some((end, code)) = self.known_country_extending(text, bs, be) {
            out.push(cand(&e, bs, end, Label::Country, Some(code)));
            return;
        }
        if e.label == Label::Person {
            self.refine_person(text, &e, bs, be, out);
        } else if !self.refine_programme(text, &e, bs, be, out)
            && !self.refine_known_name(text, &e, bs, be, out)
        {
            self.refine_by_scan(text, &e, bs, be, excluded, out);
        }
    }

    /// A PERSON mention `bs..be` of `e`: a known organization or an unambiguous country name
    /// the model called a person, a country or demonym and a title given with the name, or
    /// the person.
    fn refine_person(&self, text: &str, e: &Entity, bs: usize, be: usize, out: &mut Vec<Cand>) {
        let s = &text[bs..be];
        // a title alone ("Gen" of "Gen. Ali Rezaei" cut at the point) names nobody
        if self.titles().iter().any(|t| {
            let form = t.form.trim_end_matches('.');
            !form.is_empty() && s.trim_end_matches('.').eq_ignore_ascii_case(form)
        }) {
            return;
        }
        if self.is_known_organization(s) {
            out.push(cand(e, bs, be, Label::Organization, None));
            return;
        }
        if let Some(code) = self.data.names.get(s) {
            if !self.data.model_only.contains(s) {
                out.push(cand(e, bs, be, Label::Country, Some(code.clone())));
                return;
            }
        }
        // "U.S. Senator Lindsey Graham" / "Iranian President Hassan Rouhani" given as one
        // person: split off the country, drop the demonym and the title.
        let first = s.split(' ').next().unwrap_or(s);
        let lead = if first.len() < s.len() {
            if let Some(code) = self.lookup(first) {
                Some((Some(code.to_string()), first.len()))
            } else if self.demonym(first).is_some() {
                Some((None, first.len()))
            } else {
                None
            }
        } else {
            None
        };
        if let Some((code, n)) = lead {
            if let Some((ps, pe)) = trim_span(text, bs + n, be, Label::Person, self) {
                if ps > bs + n + 1 {
                    // a title followed: the rest is the person
                    if let Some(code) = code {
                        out.push(cand(e, bs, bs + n, Label::Country, Some(code)));
                    }
                    out.push(cand(e, ps, pe, Label::Person, e.country.clone()));
                    return;
                }
            }
        }
        out.push(cand(e, bs, be, Label::Person, e.country.clone()));
    }

    /// Programme names ("Fox News Sunday"), also when the model only tagged a prefix, or
    /// tagged the channel with it ("CBS Face the Nation" → ORG "CBS" + MISC). Whether it was
    /// one.
    fn refine_programme(
        &self,
        text: &str,
        e: &Entity,
        bs: usize,
        be: usize,
        out: &mut Vec<Cand>,
    ) -> bool {
        let s = &text[bs..be];
        for p in &self.data.merged.programs {
            if let Some(off) = s.find(p.as_str()) {
                if off > 0 && !s[off + p.len()..].chars().next().is_some_and(is_word_char) {
                    let head = s[..off].trim_end();
                    if !head.is_empty() && !head.ends_with(is_word_char) {
                        continue;
                    }
                    if !head.is_empty() {
                        out.push(cand(e, bs, bs + head.len(), e.label, None));
                    }
                    out.push(cand(e, bs + off, bs + off + p.len(), Label::Misc, None));
                    return true;
                }
            }
        }
        for p in &self.data.merged.programs {
            if let Some(rest) = text.get(bs..) {
                if p.len() >= s.len() && starts_with_word(rest, p) {
                    out.push(cand(e, bs, bs + p.len(), Label::Misc, None));
                    return true;
                }
            }
        }
        false
    }

    /// The whole mention is a country name, a capital (pending metonymy), a demonym (dropped),
    /// a known organization, or a demonym joined to a word ("Iranian-backed", dropped).
    /// Whether one of these decided it.
    fn refine_known_name(
        &self,
        text: &str,
        e: &Entity,
        bs: usize,
        be: usize,
        out: &mut Vec<Cand>,
    ) -> bool {
        let s = &text[bs..be];
        if let Some(code) = self.lookup(s) {
            out.push(cand(e, bs, be, Label::Country, Some(code.to_string())));
            return true;
        }
        if let Some(code) = self.capital(s) {
            let mut c = cand(e, bs, be, e.label, None);
            c.capital = Some(code.to_string());
            out.push(c);
            return true;
        }
        if self.demonym(s).is_some() {
            return true;
        }
        if e.label == Label::Country {
            out.push(cand(e, bs, be, Label::Country, e.country.clone()));
            return true;
        }
        if self.is_known_organization(s) {
            let be = self.extend_org(text, bs, be);
            out.push(cand(e, bs, be, Label::Organization, None));
            return true;
        }
        if e.label == Label::Misc {
            // "Iranian-backed", "US-led": a demonym or name joined to a word.
            let head = s.split(['-', '–']).next().unwrap_or(s);
            if head != s && self.demonym(head).is_some() {
                return true;
            }
        }
        false
    }

    /// Country names inside the mention: "US-Iran", "Syria-Iraq border", "Iraq Crisis"; an
    /// organization repaired ("US State Department" → "US" + "State Department"); else the
    /// mention as it is.
    fn refine_by_scan(
        &self,
        text: &str,
        e: &Entity,
        bs: usize,
        be: usize,
        excluded: &[(usize, usize)],
        out: &mut Vec<Cand>,
    ) {
        let hits: Vec<_> = self
            .scan(text, bs, be, excluded)
            .into_iter()
            .filter(|h| h.3 == NameKind::Name)
            .collect();
        let joined = hits.windows(2).any(|w| {
            let between = &text[w[0].1..w[1].0];
            matches!(between, "-" | "–" | "/")
        });
        if e.label == Label::Organization && !joined {
            self.refine_organization(text, e, bs, be, out);
            return;
        }
        // Words of the mention outside the country names.
        let mut rest_words = 0;
        let mut last = bs;
        for h in hits
            .iter()
            .map(|h| (h.0, h.1))
            .chain(std::iter::once((be, be)))
        {
            rest_words += text[last..h.0]
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.starts_with(char::is_uppercase))
                .count();
            last = h.1;
        }
        if !hits.is_empty() && (joined || rest_words <= 1) {
            for (hs, he, code, _) in hits {
                out.push(cand(e, hs, he, Label::Country, Some(code)));
            }
            return;
        }
        out.push(cand(e, bs, be, e.label, None));
    }

    /// An organization mention: completed to the full known name ("Islamic State" inside
    /// "Islamic State of Iraq and Syria"), split from a leading country ("US State Department"
    /// → "US" + "State Department"), without a trailing title ("House Intelligence Committee
    /// Chairman").
    fn refine_organization(
        &self,
        text: &str,
        e: &Entity,
        bs: usize,
        be: usize,
        out: &mut Vec<Cand>,
    ) {
        let be = self.extend_org(text, bs, be);
        if let Some((cs, ce, code, rs)) = self.leading_country(text, bs, be) {
            out.push(cand(e, cs, ce, Label::Country, Some(code)));
            out.push(cand(e, rs, be, Label::Organization, None));
            return;
        }
        let be = self.strip_trailing_title(text, bs, be);
        out.push(cand(e, bs, be, Label::Organization, None));
    }

    /// Whether `s` is an organization of the data: an institution, an outlet, an
    /// international body, a generic institution or a name of `[organizations]`.
    pub(super) fn is_known_organization(&self, s: &str) -> bool {
        let k = org_key(s);
        self.institution_country(s).is_some()
            || self.media_country(s).is_some()
            || self.data.org_alias.contains_key(&k)
            || self.is_international(s)
            || self.is_generic_institution(s)
    }

    /// The names of `index` written exactly (case included) at `bs` that end after `be` at a
    /// word boundary, with their ends: longest first (the index is sorted so).
    fn names_extending<'d>(
        index: &'d HashMap<String, Vec<(String, String, NameKind)>>,
        text: &'d str,
        bs: usize,
        be: usize,
    ) -> impl Iterator<Item = (usize, &'d (String, String, NameKind))> + 'd {
        index
            .get(first_run(&text[bs..]))
            .into_iter()
            .flatten()
            .map(move |entry| (bs + entry.0.len(), entry))
            .filter(move |&(end, (n, _, _))| {
                end > be
                    && text.get(bs..end) == Some(n.as_str())
                    && !text[end..].chars().next().is_some_and(is_word_char)
            })
    }

    /// End of the longest known organization name written exactly (case included) that starts
    /// at `bs` and ends after `be` at a word boundary.
    fn known_org_extending(&self, text: &str, bs: usize, be: usize) -> Option<usize> {
        Self::names_extending(&self.data.org_by_first_word, text, bs, be)
            .next()
            .map(|(end, _)| end)
    }

    /// End and code of the longest country name (not a capital) of the country data that
    /// starts at `bs`, as written, and goes on past the mention `bs..be` to a word boundary.
    fn known_country_extending(&self, text: &str, bs: usize, be: usize) -> Option<(usize, String)> {
        Self::names_extending(&self.data.by_first_word, text, bs, be)
            .find(|(_, (_, _, kind))| *kind == NameKind::Name)
            .map(|(end, (_, code, _))| (end, code.clone()))
    }

    /// End of the longest known organization name (see [`Gazetteer::is_known_organization`])
    /// that starts at `bs` and extends the mention `bs..be` (the mention's words
    /// case-insensitive, the words past it as written, at a word boundary): "Fox" → "Fox
    /// News", not "Tasnim" → "Tasnim news agency"; else `be`.
    fn extend_org(&self, text: &str, bs: usize, be: usize) -> usize {
        let mut best = be;
        let first = first_run(&text[bs..]);
        let Some(names) = self.data.org_by_first_word.get(first) else {
            return best;
        };
        {
            for name in names.iter().map(|(n, _, _)| n) {
                let end = bs + name.len();
                // the words past the mention as the name writes them: "Tasnim News Agency",
                // but "the Tasnim news agency" is the name and a description of it
                let tail_as_written = name
                    .get(be - bs..)
                    .is_some_and(|tail| text.get(be..end) == Some(tail));
                if end > best && starts_with_word(&text[bs..], name) && tail_as_written {
                    best = end;
                }
            }
        }
        best
    }

    /// End of an organization mention without a trailing office title ("House Intelligence
    /// Committee Chairman" → "House Intelligence Committee").
    fn strip_trailing_title(&self, text: &str, bs: usize, be: usize) -> usize {
        if let Some((ts, t)) = self.title_ending_at(text, be) {
            if !t.rank && ts > bs {
                let head = text[bs..ts].trim_end();
                if !head.is_empty() && head.contains(char::is_uppercase) {
                    return bs + head.len();
                }
            }
        }
        be
    }

    /// For an organization "`<country> <institution>`", the country's span and code and the
    /// start of the rest.
    fn leading_country(
        &self,
        text: &str,
        bs: usize,
        be: usize,
    ) -> Option<(usize, usize, String, usize)> {
        let s = &text[bs..be];
        let fw = first_run(s);
        let cands = self.data.by_first_word.get(fw)?;
        for (name, code, kind) in cands {
            if *kind != NameKind::Name || !s.starts_with(name.as_str()) {
                continue;
            }
            let rest = &s[name.len()..];
            if !rest.starts_with(' ') {
                continue;
            }
            let rest_t = rest.trim_start();
            let rs = be - rest_t.len();
            let last = rest_t.split_whitespace().last().unwrap_or("");
            if self.institution_country(rest_t).is_some() || self.data.merged.heads.contains(last) {
                return Some((bs, bs + name.len(), code.clone(), rs));
            }
        }
        None
    }
}

/// A candidate from the model's mention `e` (its score), not added by a scan.
fn cand(e: &Entity, bs: usize, be: usize, label: Label, country: Option<String>) -> Cand {
    Cand {
        bs,
        be,
        label,
        score: e.score,
        country,
        capital: None,
        added: false,
    }
}

/// Trim quotes, punctuation, possessives and (for organizations and known names) a leading
/// "The" from a mention. `None` if nothing is left.
fn trim_span(
    text: &str,
    bs: usize,
    be: usize,
    label: Label,
    gaz: &Gazetteer,
) -> Option<(usize, usize)> {
    let (mut bs, mut be) = (bs, be);
    for _ in 0..8 {
        let s = text.get(bs..be)?;
        let before = (bs, be);
        // leading
        if let Some(c) = s.chars().next() {
            if c.is_whitespace() || "\"“”‘’'([{«".contains(c) {
                bs += c.len_utf8();
                continue;
            }
        }
        // trailing possessive
        if let Some(n) = ["'s", "’s", "'S", "’S"]
            .iter()
            .find(|q| s.ends_with(**q) && s.len() > q.len())
            .map(|q| q.len())
        {
            be -= n;
            continue;
        }
        if let Some(c) = s.chars().next_back() {
            if c.is_whitespace() || "\"“”‘’'),;:!?]}»".contains(c) {
                be -= c.len_utf8();
                continue;
            }
            if c == '.' {
                // keep abbreviations: "U.S.", "Jr.", "Inc."
                let last_word = s.rsplit(char::is_whitespace).next().unwrap_or(s);
                let inner_dot = last_word[..last_word.len() - 1].contains('.');
                let abbrev = matches!(
                    last_word,
                    "Jr." | "Sr." | "Inc." | "Co." | "Corp." | "Ltd." | "St." | "Bros."
                );
                if !inner_dot && !abbrev {
                    be -= 1;
                    continue;
                }
            }
        }
        // "U.S" given without its final period
        if text[be..].starts_with('.') && s.contains('.') && gaz.lookup(&text[bs..be + 1]).is_some()
        {
            be += 1;
            continue;
        }
        // a title inside a person's span ("President Obama", "Gen. Martin Dempsey")
        if label == Label::Person {
            if let Some(n) = leading_title(s, gaz) {
                bs += n;
                continue;
            }
        } else {
            bs += leading_the(s, label, gaz);
        }
        if (bs, be) == before {
            break;
        }
    }
    (bs < be).then_some((bs, be))
}

/// Length of a title and the spaces after it at the start of a person's span `s` ("President
/// Obama", "Gen. Martin Dempsey"), when a capitalised name follows.
fn leading_title(s: &str, gaz: &Gazetteer) -> Option<usize> {
    let t = gaz.titles().iter().find(|t| {
        s.len() > t.form.len() + 1
            && s.is_char_boundary(t.form.len())
            && s[..t.form.len()].eq_ignore_ascii_case(&t.form)
            && s[t.form.len()..].starts_with(' ')
            && s.chars().next().is_some_and(char::is_uppercase)
            && s[t.form.len()..]
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    })?;
    let rest = &s[t.form.len()..];
    Some(t.form.len() + (rest.len() - rest.trim_start().len()))
}

/// Length of a leading "The "/"the " to drop from a span `s` that is not a person's: always
/// for organizations and MISC, for other labels when the rest is a known name.
fn leading_the(s: &str, label: Label, gaz: &Gazetteer) -> usize {
    for the in ["The ", "the "] {
        if let Some(rest) = s.strip_prefix(the) {
            let known = gaz.lookup(rest).is_some()
                || gaz.capital(rest).is_some()
                || gaz.organization_country(rest).is_some()
                || gaz.media_country(rest).is_some();
            if matches!(label, Label::Organization | Label::Misc) || known {
                return the.len();
            }
            return 0;
        }
    }
    0
}
