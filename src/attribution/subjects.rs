//! Subjects of a sentence: actor mentions in subject position (not objects of a preposition
//! or verb, not possessives, not modifiers of a title), passive agents, pronouns, plural
//! demonyms, relative pronouns and unnamed sources.

use super::{Carry, Ctx, Sent, Source, Statement, Subj};
use crate::knowledge::english::Words;
use crate::span::CharIndex;

/// Words before a mention that still leave it in subject position.
const SUBJECT_LEAD: &[&str] = &[
    "the",
    "a",
    "an",
    "that",
    "but",
    "however",
    "meanwhile",
    "when",
    "while",
    "if",
    "because",
    "since",
    "although",
    "though",
    "whether",
    "so",
    "then",
    "also",
    "yet",
    "where",
    "now",
    "still",
    "instead",
    "and",
    "or",
    "once",
    "unless",
    "as",
    "thus",
    "hence",
    "indeed",
    "moreover",
    "furthermore",
    "earlier",
    "later",
    "today",
    "yesterday",
    "previously",
    "after",
    "before",
    "why",
    "how",
    "what",
    "whether",
    "until",
];

/// The previous actor mention of a sentence: (first word of its title, end word index,
/// oblique, subject index if a subject).
type LastMention = Option<(usize, usize, bool, Option<usize>)>;

/// The state of the subject scan over one sentence.
#[derive(Default)]
struct Scan {
    subjects: Vec<Subj>,
    last_mention: LastMention,
}

impl Ctx<'_> {
    /// The subjects of a sentence, sorted by their first word. A passive agent also gets
    /// its clause as a statement here.
    pub(super) fn subjects(
        &self,
        ix: &CharIndex,
        s: &Sent,
        carry: &mut Carry,
        out: &mut Vec<Statement>,
    ) -> Vec<Subj> {
        let mut scan = Scan::default();
        let mut i = 0;
        while i < s.toks.len() {
            if s.in_quote[i] || !s.toks[i].word {
                i += 1;
                continue;
            }
            if let Some((_, mend, actor)) = self.mention_at(&s.toks[i]) {
                i = self.mention(ix, s, i, (mend, actor), &mut scan, out);
                continue;
            }
            if let Some(sj) = self.word_subject(s, i, carry) {
                scan.subjects.push(sj);
            }
            i += 1;
        }
        let mut subjects = scan.subjects;
        subjects.sort_by_key(|s| s.first);
        subjects
    }

    /// An actor mention at word `i`, ending at byte `mend`: a subject unless it is governed
    /// by a preposition or a verb, modifies a following name, or is a passive agent. Returns
    /// the word index after the mention.
    fn mention(
        &self,
        ix: &CharIndex,
        s: &Sent,
        i: usize,
        (mend, actor): (usize, usize),
        scan: &mut Scan,
        out: &mut Vec<Statement>,
    ) -> usize {
        let (toks, w, in_quote) = (s.toks, s.w, s.in_quote);
        let prev = (0..i).rev().find(|&k| !in_quote[k]).map(|k| w[k]);
        let mut j = i + 1;
        while j < toks.len() && toks[j].start < mend {
            j += 1;
        }
        let b = self.title_start(s, i);
        let long_title = i - b >= 8;
        let gov_tok = (0..b).rev().find(|&k| !in_quote[k]);
        // "In Washington the State Department said": another name is a boundary.
        let gov_is_name = gov_tok.is_some_and(|k| self.mention_at(&toks[k]).is_some());
        let gov = gov_tok.map(|k| w[k]).filter(|_| !gov_is_name);
        let next_cap = toks.get(j).is_some_and(|t| t.word && self.capitalised(t));
        let next_is_mention = toks.get(j).is_some_and(|t| self.mention_at(t).is_some());
        // "President Trump's Special Envoy Steve Witkoff": a possessive before a title
        // modifies the name after it
        let possessive_title = w.get(j) == Some(&"'s")
            && toks
                .get(j + 1)
                .is_some_and(|t| t.word && self.capitalised(t));
        let modifier = next_cap || next_is_mention || possessive_title;
        // A list "X, Y and Z": only separators since the previous mention. A comma alone
        // before a name and its speech verb (possibly after an apposition) opens a new clause
        // ("Asked whether the US would talk to Iran, John Kerry said: …").
        let verb_at = self.after_apposition(s, j).unwrap_or(j);
        // "The head of Iran's nuclear agency, X, said": the comma closing an apposition the
        // name stands in, then the verb
        let closing_comma = w.get(j) == Some(&",") && self.lex.speech_at(w, j + 1).is_some();
        let speaks = self.lex.speech_at(w, verb_at).is_some() || closing_comma;
        // "Cruz called it a bad deal, and Rubio vowed to tear it up": after a comma and a
        // coordinator, a name before a verb is the subject of a coordinated clause, not the
        // object of "and" (unless it ends a list "X, Y, and Z": `listed` below)
        let next_word = w.get(verb_at).copied();
        let verb_next =
            next_word.is_some_and(|v| verb_like(v) || self.doc.english().is_auxiliary(v));
        let coordinated = gov_tok
            .filter(|&k| k > 0 && matches!(w[k], "and" | "but" | "yet" | "while"))
            .filter(|&k| matches!(w[k - 1], "," | ";"))
            .filter(|_| speaks || verb_next)
            .map(|k| k - 1);
        // Titles between count as part of the name ("X and US envoy Y"). A comma before the
        // coordinator makes a list only after a comma before the previous item ("the US,
        // Britain, and Iran"; not "… more Americans, and Rubio vowed").
        let listed = scan.last_mention.filter(|&(pb, e, _, _)| {
            e < b
                && (e..b).all(|k| matches!(w[k], "," | "and" | "or" | "the"))
                && (e..b).any(|k| matches!(w[k], "and" | "or") || (w[k] == "," && !speaks))
                && (coordinated.is_none() || (pb > 0 && w[pb - 1] == ","))
        });
        // "critics such as X", "lawmakers led by X": X shares the group's predicate
        let member = self.group_member(s, b);
        // "by X", "by the X", and over a title "by Senator X"
        let is_by = !member && prev == Some("by")
            || (prev.is_some_and(|p| matches!(p, "the" | "a")) && gov == Some("by"))
            || (b < i && gov == Some("by"));
        // ", as X said": a parenthetical frame, X its speaker ("as" is no preposition here)
        let as_frame = gov == Some("as")
            && gov_tok.is_none_or(|k| k == 0 || matches!(w[k - 1], "," | ";" | "—"))
            && (speaks
                || (matches!(w.get(verb_at), Some(&("has" | "have" | "had")))
                    && self.lex.speech_at(w, verb_at + 1).is_some()));
        // "X said Iran would never negotiate": after a verb of saying (not one whose object
        // receives the message: "told Iran"), a mention before a verb opens the reported
        // clause as its subject
        let reported_subject = gov_tok.is_some_and(|k| {
            self.lex.speech_at(w, k).is_some()
                && !self.doc.english().is(Words::Recipient, &toks[k].lemma)
                // "said Iran must allow inspectors back": a demand on it, not its act
                && verb_next
                && !next_word.is_some_and(|v| self.doc.english().is(Words::Deontic, v))
        });
        let oblique = if let Some((_, _, ob, _)) = listed {
            ob
        } else if long_title || member || as_frame || reported_subject || coordinated.is_some() {
            false
        } else {
            self.governed(s, gov, gov_tok)
        };
        if is_by {
            self.passive_agent(ix, s, i, actor, scan, out);
        }
        let mut subj_ix = None;
        if !oblique && !modifier && !is_by {
            if let Some((_, _, false, Some(sx))) = listed {
                if let Some(sj) = scan.subjects.get_mut(sx) {
                    sj.actors.push(actor);
                    sj.last = j;
                }
                subj_ix = Some(sx);
            } else {
                let mut sj = Subj::new(i, j, vec![actor]);
                sj.coordinated = coordinated.filter(|_| listed.is_none());
                scan.subjects.push(sj);
                subj_ix = Some(scan.subjects.len() - 1);
            }
        }
        // a mention that modifies the next name ("US envoy X", "Trump's envoy X") is part of
        // that name's title: lists are judged from the mention before it
        if !modifier {
            scan.last_mention = Some((b, j, oblique, subj_ix));
        }
        j
    }

    /// Walk back from the mention at word `i` over its title noun phrase ("US Secretary of
    /// State", "press secretary", "the") to the word that governs it (at most 8 words).
    /// Returns the first word of the phrase.
    pub(super) fn title_start(&self, s: &Sent, i: usize) -> usize {
        let (toks, in_quote) = (s.toks, s.in_quote);
        // the words of the role the affiliation stage gave this person ("American senator X",
        // "Iranian lawmaker X": lower-case occupation nouns are part of the title)
        let role = self
            .mention_at(&toks[i])
            .and_then(|(_, _, a)| self.actors[a].role.as_deref())
            .map(str::to_lowercase)
            .unwrap_or_default();
        let in_role = |w: &str| role.split_whitespace().any(|r| r == w);
        let mut b = i;
        while b > 0 && i - b < 8 {
            let t = &toks[b - 1];
            let function_word = self.lex.is(&self.lex.prepositions, &t.norm)
                || SUBJECT_LEAD.contains(&t.norm.as_str());
            let cap = t.word && !function_word && self.capitalised(t);
            // "Secretary of State" is one title; "chairman of the Joint Chiefs" is not.
            let title_of = t.norm == "of" && b >= 2 && self.capitalised(&toks[b - 2]);
            let part = in_quote[b - 1]
                || cap
                || title_of
                || (self.mention_at(t).is_some()
                    && toks
                        .get(b)
                        .is_some_and(|n| n.norm == "'s" || self.capitalised(n)))
                || matches!(t.norm.as_str(), "the" | "'s" | "(" | ")" | "-" | "press")
                || self.lex.is(&self.lex.source_modifiers, &t.norm)
                || (t.word && in_role(&t.norm))
                || self.lex.is(&self.lex.sources, &t.norm);
            if !part {
                break;
            }
            b -= 1;
            // A determiner opens the noun phrase: what precedes it governs it.
            if matches!(t.norm.as_str(), "the" | "a" | "an") {
                break;
            }
        }
        b
    }

    /// Whether the mention whose title starts at word `b` names a member or the head of a
    /// plural group that is the subject of its clause ("Critics such as X have …",
    /// "Lawmakers, including X, voted …", "hardliners led by X"): an exemplifier phrase
    /// before it and, before that (over a comma), one to four words ending in a plural or
    /// capitalised word, with no name, preposition or verb-like word, opening a clause.
    fn group_member(&self, s: &Sent, b: usize) -> bool {
        let (toks, w, in_quote) = (s.toks, s.w, s.in_quote);
        let Some(m) = self.lex.exemplifier_before(w, b) else {
            return false;
        };
        let head = if m > 0 && w[m - 1] == "," { m - 1 } else { m };
        let plural_head = head > 0
            && toks[head - 1].word
            && (w[head - 1].ends_with('s') || self.capitalised(&toks[head - 1]));
        if !plural_head {
            return false;
        }
        let mut k = head;
        while k > 0 && head - k < 4 {
            let t = &toks[k - 1];
            if in_quote[k - 1] || !t.word || SUBJECT_LEAD.contains(&w[k - 1]) {
                break;
            }
            if self.mention_at(t).is_some()
                || self.lex.is(&self.lex.prepositions, w[k - 1])
                || verb_like(w[k - 1])
            {
                return false;
            }
            k -= 1;
        }
        if k > 0 && matches!(w[k - 1], "the" | "a" | "an") {
            k -= 1;
        }
        k < head
            && (k == 0
                || in_quote[k - 1]
                || !toks[k - 1].word
                || (SUBJECT_LEAD.contains(&w[k - 1]) && !matches!(w[k - 1], "the" | "a" | "an")))
    }

    /// Whether the word `gov` (at word `gov_tok`) governing a mention makes it an object:
    /// a preposition does, a subject lead word does not, a lower-case word (a verb: "told
    /// NPR") does, a capitalised one ("In Washington the State Department") does not.
    fn governed(&self, s: &Sent, gov: Option<&str>, gov_tok: Option<usize>) -> bool {
        match gov {
            None => false,
            Some(p) if self.lex.is(&self.lex.prepositions, p) => true,
            Some(p) if SUBJECT_LEAD.contains(&p) => false,
            Some(_) => gov_tok.is_some_and(|k| s.toks[k].word && !self.capitalised(&s.toks[k])),
        }
    }

    /// Passive agent: "its request was refused by the US" → the clause before "by" (back to
    /// the previous comma / clause start).
    fn passive_agent(
        &self,
        ix: &CharIndex,
        s: &Sent,
        i: usize,
        actor: usize,
        scan: &mut Scan,
        out: &mut Vec<Statement>,
    ) {
        let (toks, w) = (s.toks, s.w);
        let by = (0..i).rev().find(|&k| w[k] == "by").unwrap_or(i);
        let mut k = by.saturating_sub(1);
        while k > 0 && !matches!(w[k - 1], "," | ";" | ":" | "but") {
            k -= 1;
        }
        let passive = (k..by).any(|q| {
            matches!(
                w[q],
                "was" | "were" | "been" | "being" | "is" | "are" | "be"
            )
        });
        if passive && k + 1 < by {
            scan.subjects.push(Subj::new(k, k, vec![actor]));
            out.push(self.stmt(ix, actor, toks[k].start, toks[by - 1].end, Source::Agent));
        }
    }

    /// A subject at word `i` that is not an actor mention: a pronoun, a plural demonym, a
    /// relative pronoun or an unnamed source.
    fn word_subject(&self, s: &Sent, i: usize, carry: &mut Carry) -> Option<Subj> {
        let (toks, w, in_quote) = (s.toks, s.w, s.in_quote);
        let prev = (0..i).rev().find(|&k| !in_quote[k]).map(|k| w[k]);
        let prev_tok = (0..i).rev().find(|&k| !in_quote[k]);
        let word = w[i];
        let lead_ok = prev
            .is_none_or(|p| SUBJECT_LEAD.contains(&p) || prev_tok.is_some_and(|k| !toks[k].word));
        // Pronouns.
        if lead_ok && self.lex.is(&self.lex.singular_person, word) {
            return self
                .person_before(toks[i].start)
                .map(|a| Subj::new(i, i + 1, vec![a]));
        }
        if lead_ok && self.lex.is(&self.lex.plural, word) {
            if let Some((_, group)) = carry.groups.last() {
                return Some(Subj::new(i, i + 1, group.clone()));
            }
        }
        // Plural demonyms used as nouns: "The Saudis are afraid …" → that state.
        if lead_ok && word.len() > 3 && word.ends_with('s') {
            let cap = self.capitalised(&toks[i]);
            let next_cap = toks
                .get(i + 1)
                .is_some_and(|t| t.word && self.capitalised(t));
            if let Some(a) = self
                .gaz
                .demonym(word)
                .filter(|_| cap && !next_cap)
                .and_then(|c| self.country_actor(c))
            {
                return Some(Subj::new(i, i + 1, vec![a]));
            }
        }
        // Relative pronoun after ", X": the mention before the comma; "X that seemed
        // to …" when a verb follows "that".
        if self.lex.is(&self.lex.relative, word) && prev == Some(",") && i >= 2 {
            if let Some((_, _, a)) = self.mention_at(&toks[i - 2]) {
                return Some(Subj::new(i, i + 1, vec![a]));
            }
        }
        if word == "that" && i >= 1 {
            let verb_next = w.get(i + 1).is_some_and(|n| verb_like(n));
            if let (true, Some((_, _, a))) = (verb_next, self.mention_at(&toks[i - 1])) {
                return Some(Subj::new(i, i + 1, vec![a]));
            }
        }
        if self.lex.is(&self.lex.sources, word) {
            if let Some(subj) = self.unnamed_source(s, i, &mut carry.last_unnamed) {
                return Some(subj);
            }
        }
        // A definite role noun refers back to the person last named with that role ("Senator
        // Lindsey Graham spoke. The senator said …"; "the foreign minister added").
        self.role_back_reference(s, i)
    }

    /// "The senator said": "the" + one or two lower-case words, at the head of a clause, that
    /// end the role of a person named before (and no name follows).
    fn role_back_reference(&self, s: &Sent, i: usize) -> Option<Subj> {
        let (toks, w, in_quote) = (s.toks, s.w, s.in_quote);
        let followed_by_name = toks
            .get(i + 1)
            .is_some_and(|t| t.word && (self.mention_at(t).is_some() || self.capitalised(t)));
        if in_quote[i] || followed_by_name || !toks[i].word || self.capitalised(&toks[i]) {
            return None;
        }
        let the = (1..=2)
            .filter_map(|n| i.checked_sub(n))
            .find(|&k| w[k] == "the")?;
        let lead = (0..the).rev().find(|&k| !in_quote[k]);
        let lead_ok = lead.is_none_or(|k| SUBJECT_LEAD.contains(&w[k]) || !toks[k].word);
        if !lead_ok || (the + 1..i).any(|k| !toks[k].word || self.capitalised(&toks[k])) {
            return None;
        }
        let role = w[the + 1..=i].join(" ");
        self.person_with_role_before(toks[i].start, &role)
            .or_else(|| {
                (i > the + 1)
                    .then(|| self.person_with_role_before(toks[i].start, w[i]))
                    .flatten()
            })
            .or_else(|| {
                // an office noun and no one titled so: the person just named, if the text gave
                // them no title ("Araghchi arrived. '…,' the foreign minister said.")
                self.lex
                    .is(&self.lex.roles, w[i])
                    .then(|| self.untitled_person_just_before(toks[i].start))
                    .flatten()
            })
            .map(|a| Subj::new(the, i + 1, vec![a]))
    }

    /// Unnamed sources: "a senior Iranian official", "US officials" → that country; a
    /// definite singular office ("the Iranian commander") → the nearest person of that
    /// country; "the senior official" → the country of the last unnamed source.
    fn unnamed_source(
        &self,
        s: &Sent,
        i: usize,
        last_unnamed: &mut Option<String>,
    ) -> Option<Subj> {
        let (toks, w, in_quote) = (s.toks, s.w, s.in_quote);
        let word = w[i];
        let mut k = i;
        let mut code: Option<String> = None;
        while k > 0 && i - k < 6 && !in_quote[k - 1] {
            let t = &toks[k - 1];
            let cap = self.capitalised(t);
            if let Some((_, _, a)) = self.mention_at(t) {
                if let Some(c) = self.actors[a].country.clone() {
                    code.get_or_insert(c);
                }
            } else if let Some(c) = self
                .gaz
                .country_word(&self.text[t.start..t.end])
                .filter(|_| cap)
            {
                code.get_or_insert(c.to_string());
            } else if !(self.lex.is(&self.lex.source_modifiers, &t.norm)
                || self.lex.is(&self.lex.sources, &t.norm)
                || cap)
            {
                break;
            }
            k -= 1;
        }
        let np_prev = (0..k).rev().find(|&q| !in_quote[q]).map(|q| w[q]);
        let np_prev_tok = (0..k).rev().find(|&q| !in_quote[q]);
        let subject_pos = np_prev.is_none_or(|p| {
            SUBJECT_LEAD.contains(&p) || np_prev_tok.is_some_and(|q| !toks[q].word)
        });
        let next = w.get(i + 1).copied();
        let followed_by_name = toks
            .get(i + 1)
            .is_some_and(|t| self.mention_at(t).is_some() || self.capitalised(t));
        if !(subject_pos && !followed_by_name && next != Some("'s") && next != Some("of")) {
            return None;
        }
        let definite = k < toks.len() && matches!(w[k], "the")
            || k == i
            || (k < i && w[k] != "a" && w[k] != "an");
        let singular_role = self.lex.is(&self.lex.roles, word);
        let holder = match &code {
            Some(c) if singular_role && definite => self
                .person_of(c, toks[i].start, word)
                .or_else(|| self.country_actor(c)),
            Some(c) => self.country_actor(c),
            None if w.get(k) == Some(&"the") => {
                last_unnamed.as_deref().and_then(|c| self.country_actor(c))
            }
            None => None,
        };
        if code.is_some() && !(singular_role && definite) {
            *last_unnamed = code.clone();
        }
        holder.map(|a| Subj::new(k, i + 1, vec![a]))
    }
}

/// Whether a word after "that" looks like a verb ("X that seemed to …").
fn verb_like(n: &str) -> bool {
    (n.ends_with("ed") && n.len() > 4)
        || matches!(
            n,
            "is" | "was"
                | "has"
                | "had"
                | "would"
                | "will"
                | "can"
                | "could"
                | "may"
                | "might"
                | "says"
                | "said"
        )
}
