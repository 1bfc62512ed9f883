//! Attribution: who says what. Direct quotes, reported speech, agents of stance verbs,
//! pronouns, unnamed sources.
//!
//! The unit of attribution is a [`Statement`]: a span of text held by one actor.
//!
//! * **Direct quotes** ([`Source::Quote`]): the speaker is found after the quote ("…,"
//!   Graham said / "…," said Graham / "…," he said), before it within the sentence
//!   (X said: "…" / X said that "…"), or — when the quote has no attribution of its own — it
//!   continues the previous quote of the same paragraph, or of the previous paragraph when
//!   the paragraph opens with a quote mark.
//! * **Agents** ([`Source::Agent`]): in every sentence the *subjects* are found — actor
//!   mentions that are not objects of a preposition or verb, not possessives ("Iran's
//!   leader") and not modifiers of a title ("US President Obama"); resolved pronouns
//!   (he/she → nearest preceding person; they → the last group of co-subjects); relative
//!   pronouns (", which" / ", who" → the mention before the comma); passive agents
//!   ("refused by the US"). Each subject holds the text from its mention to the next subject
//!   of the sentence (its predicate: "Rogers criticized the possible alliance").
//! * **Reported speech** ([`Source::Reported`]): a subject followed by a speech verb (X said
//!   (that) …, X told Reuters …) also holds the rest of the sentence, even past another
//!   subject ("Rouhani said that Iran will …"); a sentence ending in a speech frame
//!   ("…, Graham said.") gives the speaker the text before it; "according to X" gives X the
//!   sentence (unless X is an organization: "according to Reuters" cites a source).
//! * **Reporters**: an organization that *reports* ("Reuters reported that …", "state
//!   television reports") holds only its verb — outlets cited as sources stay neutral.
//! * **Unnamed sources**: a noun phrase such as "a senior Iranian official", "US officials",
//!   "the Islamic Republic's leadership" is held by the country actor of that state; a
//!   definite singular office ("the Iranian commander", "Iranian president") refers to the
//!   nearest person of that state when there is one; "the senior official" refers back to
//!   the last unnamed source.
//!
//! Speech verbs, prepositions, pronouns, source nouns and demonyms are data
//! (`data/attribution.toml`, embedded).

use std::collections::HashMap;

use serde::Deserialize;

use crate::doc::tokens::floor;
use crate::doc::{Doc, Token};
use crate::report::{Actor, ActorKind};
use crate::span::{CharIndex, Span};

/// The embedded attribution lexicon.
pub const EMBEDDED_ATTRIBUTION: &str = include_str!("../data/attribution.toml");

/// How a statement was attributed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A direct quotation.
    Quote,
    /// Reported (indirect) speech.
    Reported,
    /// The predicate of a clause whose subject is the actor.
    Agent,
    /// The actor is named right after a cue ("overtures from X"): see the stance stage.
    Object,
}

/// A piece of text attributed to an actor.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// Index into the actors slice.
    pub actor: usize,
    /// The attributed content.
    pub span: Span,
    /// Whether it is a direct quotation.
    pub quote: bool,
    /// How it was attributed.
    pub source: Source,
    /// An agent clause inside another actor's reported speech ("Rouhani said that *Iran
    /// will …*"): the stance stage gives it less weight.
    pub nested: bool,
}

#[derive(Deserialize, Default)]
struct RawLex {
    speech: Vec<String>,
    #[serde(default)]
    reporting: Vec<String>,
    prepositions: Vec<String>,
    singular_person: Vec<String>,
    plural: Vec<String>,
    relative: Vec<String>,
    sources: Vec<String>,
    roles: Vec<String>,
    demonyms: HashMap<String, String>,
}

/// The attribution lexicon (speech verbs, prepositions, pronouns, source nouns, demonyms).
#[derive(Clone, Debug, Default)]
pub struct AttributionLexicon {
    speech: Vec<Vec<String>>,
    reporting: Vec<String>,
    prepositions: Vec<String>,
    singular_person: Vec<String>,
    plural: Vec<String>,
    relative: Vec<String>,
    sources: Vec<String>,
    roles: Vec<String>,
    demonyms: HashMap<String, String>,
}

fn wmatch(pat: &str, w: &str) -> bool {
    match pat.strip_suffix('*') {
        Some(p) => w.starts_with(p),
        None => pat == w,
    }
}

impl AttributionLexicon {
    /// The embedded lexicon.
    pub fn embedded() -> AttributionLexicon {
        AttributionLexicon::from_toml_str(EMBEDDED_ATTRIBUTION, "<embedded data/attribution.toml>")
            .unwrap_or_default()
    }

    /// Parse an attribution lexicon file.
    pub fn from_toml_str(src: &str, path: &str) -> crate::error::Result<AttributionLexicon> {
        let raw: RawLex =
            toml::from_str(src).map_err(|e| crate::error::Error::from_toml(path, src, &e))?;
        let low = |v: Vec<String>| v.into_iter().map(|s| s.to_lowercase()).collect::<Vec<_>>();
        Ok(AttributionLexicon {
            speech: raw
                .speech
                .iter()
                .map(|s| {
                    s.to_lowercase()
                        .split_whitespace()
                        .map(String::from)
                        .collect()
                })
                .collect(),
            reporting: low(raw.reporting),
            prepositions: low(raw.prepositions),
            singular_person: low(raw.singular_person),
            plural: low(raw.plural),
            relative: low(raw.relative),
            sources: low(raw.sources),
            roles: low(raw.roles),
            demonyms: raw
                .demonyms
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v.to_ascii_uppercase()))
                .collect(),
        })
    }

    fn speech_at(&self, w: &[&str], i: usize) -> Option<usize> {
        self.speech
            .iter()
            .filter(|p| {
                !p.is_empty()
                    && i + p.len() <= w.len()
                    && p.iter().zip(&w[i..]).all(|(a, b)| wmatch(a, b))
            })
            .map(|p| i + p.len())
            .max()
    }

    /// Whether a reporting verb ("reported", "reports") starts at word `i`.
    fn reporting_at(&self, w: &[&str], i: usize) -> bool {
        w.get(i).is_some_and(|x| self.is(&self.reporting, x))
    }

    fn is(&self, list: &[String], w: &str) -> bool {
        list.iter().any(|p| wmatch(p, w))
    }
}

/// Longest reported clause, in tokens (keeps run-on "sentences" linear).
const MAX_CLAUSE: usize = 150;

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

/// Determiners and adjectives allowed inside an unnamed-source noun phrase.
const NP_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "one",
    "two",
    "three",
    "several",
    "some",
    "unnamed",
    "senior",
    "top",
    "high",
    "ranking",
    "-",
    "other",
    "anonymous",
    "former",
    "deputy",
    "foreign",
    "security",
    "defense",
    "defence",
    "military",
    "intelligence",
    "government",
    "administration",
    "state",
    "many",
    "few",
    "chief",
    "supreme",
    "leading",
    "influential",
    "prime",
    "vice",
    "white",
    "house",
    "'s",
];

struct Ctx<'a> {
    text: &'a str,
    doc: &'a Doc<'a>,
    actors: &'a [Actor],
    lex: AttributionLexicon,
    /// (byte_start, byte_end, actor) sorted by start.
    mentions: Vec<(usize, usize, usize)>,
}

/// Attribute the document's statements to actors.
pub fn attribute(doc: &Doc, actors: &[Actor]) -> Vec<Statement> {
    attribute_with(doc, actors, &AttributionLexicon::embedded())
}

/// [`attribute`] with a custom lexicon.
pub fn attribute_with(doc: &Doc, actors: &[Actor], lex: &AttributionLexicon) -> Vec<Statement> {
    let ix = doc.index();
    let mentions = crate::actors::mention_byte_spans(actors, ix);
    let ctx = Ctx {
        text: doc.text(),
        doc,
        actors,
        lex: lex.clone(),
        mentions,
    };
    ctx.run(ix)
}

/// A subject found in a sentence.
#[derive(Clone, Debug)]
struct Subj {
    /// Word index of the first and after-last word of the subject phrase.
    first: usize,
    last: usize,
    actors: Vec<usize>,
    /// Inside another speaker's reported speech ("Rouhani said that Iran will …").
    nested: bool,
}

impl<'a> Ctx<'a> {
    fn mention_at(&self, tok: &Token) -> Option<(usize, usize, usize)> {
        let i = self.mentions.partition_point(|m| m.0 <= tok.start);
        (i > 0)
            .then(|| self.mentions[i - 1])
            .filter(|m| tok.start < m.1)
    }

    fn country_actor(&self, code: &str) -> Option<usize> {
        self.actors.iter().position(|a| {
            a.kind == ActorKind::Country
                && a.country
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(code))
        })
    }

    /// Nearest person of `code` to byte `at` (before preferred, then after).
    fn person_of(&self, code: &str, at: usize, role: &str) -> Option<usize> {
        let fits = |a: usize| {
            let act = &self.actors[a];
            act.kind == ActorKind::Person
                && act
                    .country
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(code))
        };
        let role_fits = |a: usize| {
            self.actors[a]
                .role
                .as_deref()
                .is_some_and(|r| r.to_lowercase().contains(role))
        };
        // Bounded look-around keeps long documents linear.
        let i = self.mentions.partition_point(|m| m.0 < at);
        let (lo, hi) = (i.saturating_sub(400), (i + 400).min(self.mentions.len()));
        let before = self.mentions[lo..i].iter().rev().filter(|m| fits(m.2));
        let after = self.mentions[i..hi].iter().filter(|m| fits(m.2));
        let with_role = before.clone().chain(after.clone()).find(|m| role_fits(m.2));
        with_role
            .or_else(|| before.clone().next())
            .or_else(|| after.clone().next())
            .map(|m| m.2)
    }

    /// Nearest person mention before byte `at` (within ~3000 bytes).
    fn person_before(&self, at: usize) -> Option<usize> {
        let i = self.mentions.partition_point(|m| m.0 < at);
        self.mentions[..i]
            .iter()
            .rev()
            .take_while(|m| at.saturating_sub(m.0) < 3000)
            .find(|m| self.actors[m.2].kind == ActorKind::Person)
            .map(|m| m.2)
    }

    fn run(&self, ix: &CharIndex) -> Vec<Statement> {
        let mut out: Vec<Statement> = Vec::new();
        let mut last_group: Vec<usize> = Vec::new();
        let mut last_unnamed: Option<String> = None;
        // Per sentence: tokens and subjects; per sentence also the first speech subject.
        let mut speech_subj: Vec<Vec<(usize, usize)>> = Vec::new(); // (byte of speech verb, actor)
        for (si, s) in self.doc.sentences().iter().enumerate() {
            let toks: Vec<Token> = self
                .doc
                .tokens_in(s.byte_start, s.byte_end)
                .iter()
                .filter(|t| {
                    t.word
                        || matches!(
                            t.norm.as_str(),
                            "," | ";" | ":" | "\"" | "(" | ")" | "—" | "–"
                        )
                })
                .cloned()
                .collect();
            let w: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
            let in_quote: Vec<bool> = toks
                .iter()
                .map(|t| self.doc.quote_at(t.start).is_some())
                .collect();
            let mut subjects: Vec<Subj> = Vec::new();
            let mut i = 0;
            // The previous mention: (end word index, oblique, subject index if a subject).
            let mut last_mention: Option<(usize, bool, Option<usize>)> = None;
            while i < toks.len() {
                if in_quote[i] || !toks[i].word {
                    i += 1;
                    continue;
                }
                let prev = (0..i).rev().find(|&k| !in_quote[k]).map(|k| w[k]);
                let prev_tok = (0..i).rev().find(|&k| !in_quote[k]);
                if let Some((_, mend, actor)) = self.mention_at(&toks[i]) {
                    let mut j = i + 1;
                    while j < toks.len() && toks[j].start < mend {
                        j += 1;
                    }
                    // Walk back over the title noun phrase ("US Secretary of State", "press
                    // secretary", "the") to the word that governs it (at most 8 words).
                    let mut b = i;
                    while b > 0 && i - b < 8 {
                        let t = &toks[b - 1];
                        let function_word = self.lex.is(&self.lex.prepositions, &t.norm)
                            || SUBJECT_LEAD.contains(&t.norm.as_str());
                        let cap = t.word
                            && !function_word
                            && self.text[t.start..t.end]
                                .chars()
                                .next()
                                .is_some_and(char::is_uppercase);
                        // "Secretary of State" is one title; "chairman of the Joint Chiefs" is not.
                        let title_of = t.norm == "of"
                            && b >= 2
                            && self.text[toks[b - 2].start..toks[b - 2].end]
                                .chars()
                                .next()
                                .is_some_and(char::is_uppercase);
                        let part = in_quote[b - 1]
                            || cap
                            || title_of
                            || (self.mention_at(t).is_some()
                                && toks.get(b).is_some_and(|n| {
                                    n.norm == "'s"
                                        || self.text[n.start..n.end]
                                            .chars()
                                            .next()
                                            .is_some_and(char::is_uppercase)
                                }))
                            || matches!(t.norm.as_str(), "the" | "'s" | "(" | ")" | "-" | "press")
                            || NP_WORDS.contains(&t.norm.as_str())
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
                    let long_title = i - b >= 8;
                    let gov_tok = (0..b).rev().find(|&k| !in_quote[k]);
                    // "In Washington the State Department said": another name is a boundary.
                    let gov_is_name = gov_tok.is_some_and(|k| self.mention_at(&toks[k]).is_some());
                    let gov = gov_tok.map(|k| w[k]).filter(|_| !gov_is_name);
                    let next = w.get(j).copied();
                    let next_cap = toks.get(j).is_some_and(|t| {
                        t.word
                            && self.text[t.start..t.end]
                                .chars()
                                .next()
                                .is_some_and(char::is_uppercase)
                    });
                    let next_is_mention = toks.get(j).is_some_and(|t| self.mention_at(t).is_some());
                    let possessive = next == Some("'s");
                    let modifier = next_cap || next_is_mention;
                    // A list "X, Y and Z": only separators since the previous mention.
                    let listed = last_mention.filter(|&(e, _, _)| {
                        e < i
                            && (e..i).all(|k| matches!(w[k], "," | "and" | "or" | "the"))
                            && (e..i).any(|k| matches!(w[k], "," | "and" | "or"))
                    });
                    let is_by = prev == Some("by")
                        || (prev.is_some_and(|p| matches!(p, "the" | "a")) && gov == Some("by"));
                    let oblique = if let Some((_, ob, _)) = listed {
                        ob
                    } else if long_title {
                        false
                    } else {
                        match gov {
                            None => false,
                            Some(p) if self.lex.is(&self.lex.prepositions, p) => true,
                            Some(p) if SUBJECT_LEAD.contains(&p) => false,
                            // A lower-case word (a verb: "told NPR") makes an object; a
                            // capitalised one ("In Washington the State Department") does not.
                            Some(_) => gov_tok.is_some_and(|k| {
                                toks[k].word
                                    && !self.text[toks[k].start..toks[k].end]
                                        .chars()
                                        .next()
                                        .is_some_and(char::is_uppercase)
                            }),
                        }
                    };
                    if is_by {
                        // Passive agent: "its request was refused by the US" → the clause
                        // before "by" (back to the previous comma / clause start).
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
                            subjects.push(Subj {
                                first: k,
                                last: k,
                                actors: vec![actor],
                                nested: false,
                            });
                            out.push(self.stmt(
                                ix,
                                actor,
                                toks[k].start,
                                toks[by - 1].end,
                                Source::Agent,
                            ));
                        }
                    }
                    let mut subj_ix = None;
                    if !oblique && !modifier && !is_by {
                        if let Some((_, false, Some(sx))) = listed {
                            if let Some(sj) = subjects.get_mut(sx) {
                                sj.actors.push(actor);
                                sj.last = j;
                            }
                            subj_ix = Some(sx);
                        } else {
                            subjects.push(Subj {
                                first: i,
                                last: j,
                                actors: vec![actor],
                                nested: false,
                            });
                            subj_ix = Some(subjects.len() - 1);
                        }
                        let _ = possessive;
                    }
                    last_mention = Some((j, oblique || modifier, subj_ix));
                    i = j;
                    continue;
                }
                let word = w[i];
                let lead_ok = prev.is_none_or(|p| {
                    SUBJECT_LEAD.contains(&p) || prev_tok.is_some_and(|k| !toks[k].word)
                });
                // Pronouns.
                if lead_ok && self.lex.is(&self.lex.singular_person, word) {
                    if let Some(a) = self.person_before(toks[i].start) {
                        subjects.push(Subj {
                            first: i,
                            last: i + 1,
                            actors: vec![a],
                            nested: false,
                        });
                    }
                    i += 1;
                    continue;
                }
                if lead_ok && self.lex.is(&self.lex.plural, word) && last_group.len() > 1 {
                    subjects.push(Subj {
                        first: i,
                        last: i + 1,
                        actors: last_group.clone(),
                        nested: false,
                    });
                    i += 1;
                    continue;
                }
                // Plural demonyms used as nouns: "The Saudis are afraid …" → that state.
                if lead_ok && word.len() > 3 && word.ends_with('s') {
                    let cap = self.text[toks[i].start..toks[i].end]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase);
                    let next_cap = toks.get(i + 1).is_some_and(|t| {
                        t.word
                            && self.text[t.start..t.end]
                                .chars()
                                .next()
                                .is_some_and(char::is_uppercase)
                    });
                    if let Some(a) = self
                        .lex
                        .demonyms
                        .get(word)
                        .filter(|_| cap && !next_cap)
                        .and_then(|c| self.country_actor(c))
                    {
                        subjects.push(Subj {
                            first: i,
                            last: i + 1,
                            actors: vec![a],
                            nested: false,
                        });
                        i += 1;
                        continue;
                    }
                }
                // Relative pronoun after ", X": the mention before the comma; "X that seemed
                // to …" when a verb follows "that".
                if self.lex.is(&self.lex.relative, word) && prev == Some(",") && i >= 2 {
                    if let Some((_, _, a)) = self.mention_at(&toks[i - 2]) {
                        subjects.push(Subj {
                            first: i,
                            last: i + 1,
                            actors: vec![a],
                            nested: false,
                        });
                        i += 1;
                        continue;
                    }
                }
                if word == "that" && i >= 1 {
                    let verb_next = w.get(i + 1).is_some_and(|n| {
                        (n.ends_with("ed") && n.len() > 4)
                            || matches!(
                                *n,
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
                    });
                    if let (true, Some((_, _, a))) = (verb_next, self.mention_at(&toks[i - 1])) {
                        subjects.push(Subj {
                            first: i,
                            last: i + 1,
                            actors: vec![a],
                            nested: false,
                        });
                        i += 1;
                        continue;
                    }
                }
                // Unnamed sources: "a senior Iranian official", "the senior official".
                if self.lex.is(&self.lex.sources, word) {
                    let mut k = i;
                    let mut code: Option<String> = None;
                    while k > 0 && i - k < 6 && !in_quote[k - 1] {
                        let t = &toks[k - 1];
                        let orig = &self.text[t.start..t.end];
                        let cap = orig.chars().next().is_some_and(char::is_uppercase);
                        if let Some((_, _, a)) = self.mention_at(t) {
                            if let Some(c) = self.actors[a].country.clone() {
                                code.get_or_insert(c);
                            }
                        } else if let Some(c) =
                            self.lex.demonyms.get(t.norm.as_str()).filter(|_| cap)
                        {
                            code.get_or_insert(c.clone());
                        } else if !(NP_WORDS.contains(&t.norm.as_str())
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
                    let followed_by_name = toks.get(i + 1).is_some_and(|t| {
                        self.mention_at(t).is_some()
                            || self.text[t.start..t.end]
                                .chars()
                                .next()
                                .is_some_and(char::is_uppercase)
                    });
                    if subject_pos && !followed_by_name && next != Some("'s") && next != Some("of")
                    {
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
                            last_unnamed = code.clone();
                        }
                        if let Some(a) = holder {
                            subjects.push(Subj {
                                first: k,
                                last: i + 1,
                                actors: vec![a],
                                nested: false,
                            });
                        }
                    }
                }
                i += 1;
            }
            // Predicates.
            subjects.sort_by_key(|s| s.first);
            let mut sspeech = Vec::new();
            let mut reported_from = usize::MAX;
            for n in 0..subjects.len() {
                if subjects[n].first >= reported_from {
                    subjects[n].nested = true;
                }
                let sj = &subjects[n];
                let from = sj.last;
                let to = subjects
                    .get(n + 1)
                    .map_or(toks.len(), |x| x.first)
                    .min(from + MAX_CLAUSE);
                // Speech verb right after the subject (allowing an adverb / time phrase).
                let possessive = w.get(from) == Some(&"'s");
                let sv = (from..(from + 4).min(toks.len()))
                    .filter(|_| !possessive)
                    .filter(|&k| !in_quote[k])
                    .find_map(|k| self.lex.speech_at(&w, k).map(|e| (k, e)));
                // An organization that *reports* ("Reuters reported that …", "state television
                // reports") is a source of news, not a party to it: it holds only the verb.
                let reporter = sv.is_some_and(|(k, _)| self.lex.reporting_at(&w, k))
                    && sj
                        .actors
                        .iter()
                        .all(|&a| self.actors[a].kind == ActorKind::Organization);
                let to = if reporter {
                    sv.map_or(to, |(_, e)| e.min(to))
                } else {
                    to
                };
                if from < to {
                    for &a in &sj.actors {
                        let mut st =
                            self.stmt(ix, a, toks[from].start, toks[to - 1].end, Source::Agent);
                        st.nested = sj.nested;
                        out.push(st);
                    }
                }
                if let (Some((k, _)), true) = (sv, reporter) {
                    for &a in &sj.actors {
                        sspeech.push((toks[k].start, a));
                    }
                } else if let Some((k, e)) = sv {
                    for &a in &sj.actors {
                        sspeech.push((toks[k].start, a));
                    }
                    // Reported content: to the end of the sentence.
                    reported_from = reported_from.min(e);
                    if e < toks.len() {
                        let end = toks.len().min(e + MAX_CLAUSE);
                        for &a in &sj.actors {
                            out.push(self.stmt(
                                ix,
                                a,
                                toks[e].start,
                                toks[end - 1].end,
                                Source::Reported,
                            ));
                        }
                    }
                    // Trailing frame: "…, Graham said." → the text before the subject.
                    let real = !self.lex.is(&self.lex.relative, w[sj.first]);
                    if real
                        && k <= from + 1
                        && toks.len() - e <= 8
                        && sj.first > 1
                        && w[sj.first - 1] == ","
                    {
                        let start = (sj.first.saturating_sub(MAX_CLAUSE)..sj.first)
                            .find(|&q| !in_quote[q])
                            .unwrap_or(0);
                        if start < sj.first - 1 {
                            for &a in &sj.actors {
                                out.push(self.stmt(
                                    ix,
                                    a,
                                    toks[start].start,
                                    toks[sj.first - 2].end,
                                    Source::Reported,
                                ));
                            }
                        }
                    }
                }
                if sj.actors.len() > 1 {
                    last_group = sj.actors.clone();
                }
            }
            // "according to X".
            for k in 0..w.len().saturating_sub(2) {
                if w[k] == "according" && w[k + 1] == "to" {
                    let source = self
                        .mention_at(&toks[k + 2])
                        .filter(|m| self.actors[m.2].kind != ActorKind::Organization);
                    if let Some((_, _, a)) = source {
                        let (f, e) = (k.saturating_sub(MAX_CLAUSE), toks.len().min(k + MAX_CLAUSE));
                        out.push(self.stmt(
                            ix,
                            a,
                            toks[f].start,
                            toks[e - 1].end,
                            Source::Reported,
                        ));
                    }
                }
            }
            speech_subj.push(sspeech);
            let _ = si;
        }
        self.quotes(ix, &mut out, &speech_subj);
        out
    }

    fn stmt(
        &self,
        ix: &CharIndex,
        actor: usize,
        bs: usize,
        be: usize,
        source: Source,
    ) -> Statement {
        let be = be.max(bs);
        Statement {
            actor,
            span: ix.span_from_bytes(bs, be),
            quote: false,
            source,
            nested: false,
        }
    }

    /// Speakers of direct quotes.
    fn quotes(
        &self,
        ix: &CharIndex,
        out: &mut Vec<Statement>,
        speech_subj: &[Vec<(usize, usize)>],
    ) {
        let mut prev: Option<(usize, usize)> = None; // (paragraph, actor) of the last quote
        for (qi, q) in self.doc.quotes().iter().enumerate() {
            // Scare quotes and titles ('the self-proclaimed "Islamic State"') say nothing.
            let inner = self
                .text
                .get(q.byte_start..q.byte_end)
                .unwrap_or("")
                .trim_end();
            let words = inner.split_whitespace().take(4).count();
            let punct = inner.ends_with([',', '.', '!', '?', '…']);
            if words < 4 && !punct {
                continue;
            }
            let para = self.doc.paragraph_at(q.byte_start);
            let mut speaker = self.after_quote(qi);
            if speaker.is_none() {
                // "X said: “…”" — a speech verb earlier in the same sentence.
                if let Some(si) = self.doc.sentence_at(q.byte_start) {
                    let sent = &self.doc.sentences()[si];
                    let prev_q_end = qi
                        .checked_sub(1)
                        .and_then(|p| self.doc.quotes().get(p))
                        .map(|o| o.byte_end)
                        .filter(|&e| e <= q.byte_start && e > sent.byte_start)
                        .unwrap_or(sent.byte_start);
                    speaker = speech_subj
                        .get(si)
                        .and_then(|v| {
                            v.iter()
                                .rev()
                                .find(|(b, _)| *b >= prev_q_end && *b < q.byte_start)
                        })
                        .map(|&(_, a)| a);
                    if speaker.is_none() {
                        speaker = speech_subj
                            .get(si)
                            .and_then(|v| v.iter().rev().find(|(b, _)| *b < q.byte_start))
                            .map(|&(_, a)| a);
                    }
                }
            }
            if speaker.is_none() {
                if let (Some((pp, a)), Some(p)) = (prev, para) {
                    // Only the opening quote mark (at most 3 bytes) precedes the quote.
                    let opens_para = self
                        .doc
                        .paragraphs()
                        .get(p)
                        .is_some_and(|ps| q.byte_start.saturating_sub(ps.byte_start) <= 3);
                    if pp == p || (pp + 1 == p && opens_para) {
                        speaker = Some(a);
                    }
                }
            }
            if let (Some(a), Some(p)) = (speaker, para) {
                out.push(Statement {
                    actor: a,
                    span: ix.span_from_bytes(q.byte_start, q.byte_end),
                    quote: true,
                    source: Source::Quote,
                    nested: false,
                });
                prev = Some((p, a));
            }
        }
    }

    /// "…," Graham said / said Graham / he said / the senior official said.
    fn after_quote(&self, qi: usize) -> Option<usize> {
        let q = self.doc.quotes().get(qi)?;
        let p = self.doc.paragraph_at(q.byte_start)?;
        let pend = self.doc.paragraphs()[p].byte_end;
        let next_q = self
            .doc
            .quotes()
            .get(qi + 1)
            .map_or(pend, |o| o.byte_start.saturating_sub(1))
            .clamp(q.byte_end, pend.max(q.byte_end));
        // Twelve words are enough: bound the scan on long paragraphs.
        let next_q = floor(self.text, next_q.min(q.byte_end + 400));
        let toks: Vec<Token> = self
            .doc
            .tokens_in(q.byte_end, next_q)
            .iter()
            .filter(|t| t.word || matches!(t.norm.as_str(), "." | "!" | "?" | ";"))
            .take(12)
            .cloned()
            .collect();
        // Stop at the end of the sentence after the quote.
        let mut end = toks.len();
        for (k, t) in toks.iter().enumerate() {
            if !t.word && k > 0 {
                end = k;
                break;
            }
        }
        let toks = &toks[..end];
        let w: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        let sv = (0..w.len().min(7)).find(|&k| self.lex.speech_at(&w, k).is_some())?;
        // A named speaker: the last mention before the speech verb ("Pentagon spokesman John
        // Kirby said" → Kirby), else the first one right after it ("said Kirby").
        let named: Vec<(usize, usize)> = toks
            .iter()
            .enumerate()
            .filter(|&(k, _)| k < sv + 3 && w.get(k + 1) != Some(&"'s"))
            .filter_map(|(k, t)| self.mention_at(t).map(|m| (k, m.2)))
            .collect();
        if let Some(&(_, a)) = named
            .iter()
            .rev()
            .find(|(k, _)| *k < sv)
            .or_else(|| named.first())
        {
            return Some(a);
        }
        // Otherwise a pronoun or an unnamed source.
        let mut code: Option<String> = None;
        let mut the = false;
        for (k, t) in toks.iter().enumerate() {
            if self.lex.is(&self.lex.singular_person, &t.norm) && k <= sv + 1 {
                return self.person_before(q.byte_start);
            }
            let orig = &self.text[t.start..t.end];
            if orig.chars().next().is_some_and(char::is_uppercase) {
                if let Some(c) = self.lex.demonyms.get(t.norm.as_str()) {
                    code.get_or_insert(c.clone());
                }
            }
            if t.norm == "the" {
                the = true;
            }
            if self.lex.is(&self.lex.sources, &t.norm) && k < sv + 3 {
                let singular = self.lex.is(&self.lex.roles, &t.norm);
                return match code {
                    Some(c) if singular => self
                        .person_of(&c, q.byte_start, &t.norm)
                        .or_else(|| self.country_actor(&c)),
                    Some(c) => self.country_actor(&c),
                    None if the => self.last_unnamed_before(q.byte_start),
                    None => None,
                };
            }
        }
        None
    }

    /// The country of the last unnamed source before `at` (rescanned cheaply: the nearest
    /// demonym + source noun pair in the preceding 2000 bytes).
    fn last_unnamed_before(&self, at: usize) -> Option<usize> {
        let from = floor(self.text, at.saturating_sub(2000));
        let toks = self.doc.tokens_in(from, at);
        let mut found = None;
        for k in 0..toks.len() {
            if self.lex.is(&self.lex.sources, &toks[k].norm) {
                for q in (k.saturating_sub(4)..k).rev() {
                    let t = &toks[q];
                    let cap = self.text[t.start..t.end]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase);
                    if let Some(c) = self.lex.demonyms.get(t.norm.as_str()).filter(|_| cap) {
                        found = Some(c.clone());
                        break;
                    }
                    if let Some((_, _, a)) = self.mention_at(t) {
                        if let Some(c) = &self.actors[a].country {
                            found = Some(c.clone());
                            break;
                        }
                    }
                }
            }
        }
        found.and_then(|c| self.country_actor(&c))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::report::{Mention, Stance};

    /// Build actors by hand: (name, kind, country, mention texts to find in `text`, all
    /// occurrences as whole words).
    pub(crate) fn actors(text: &str, spec: &[(&str, ActorKind, &str, &[&str])]) -> Vec<Actor> {
        let ix = CharIndex::new(text);
        let mut out = Vec::new();
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for (id, (name, kind, country, forms)) in spec.iter().enumerate() {
            let mut mentions = Vec::new();
            let mut forms = forms.to_vec();
            forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
            for f in forms {
                for (b, _) in text.match_indices(f) {
                    let e = b + f.len();
                    let ok_l = text[..b]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric());
                    let ok_r = text[e..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric());
                    if ok_l && ok_r && !taken.iter().any(|&(s, t)| b < t && s < e) {
                        taken.push((b, e));
                        mentions.push(Mention {
                            start: ix.char_of(b),
                            end: ix.char_of(e),
                            text: f.to_string(),
                        });
                    }
                }
            }
            mentions.sort_by_key(|m| m.start);
            out.push(Actor {
                id,
                name: name.to_string(),
                kind: *kind,
                country: (!country.is_empty()).then(|| country.to_string()),
                country_source: None,
                code: None,
                role: None,
                mentions,
                stance: Stance::Neutral,
                confidence: 0.0,
                evidence: Vec::new(),
            });
        }
        out
    }

    fn held(text: &str, st: &[Statement], actor: usize) -> Vec<(String, Source)> {
        let ix = CharIndex::new(text);
        st.iter()
            .filter(|s| s.actor == actor)
            .map(|s| {
                (
                    text[ix.byte_of(s.span.start)..ix.byte_of(s.span.end)].to_string(),
                    s.source,
                )
            })
            .collect()
    }

    use ActorKind::*;

    #[test]
    fn quote_speaker_after_and_before() {
        let t = "\"We need talks,\" Graham said. Rogers said: \"It is too late.\"";
        let a = actors(
            t,
            &[
                ("Lindsey Graham", Person, "USA", &["Graham"]),
                ("Mike Rogers", Person, "USA", &["Rogers"]),
            ],
        );
        let st = attribute(&Doc::new(t), &a);
        assert!(
            held(t, &st, 0).contains(&("We need talks,".into(), Source::Quote)),
            "{st:?}"
        );
        assert!(
            held(t, &st, 1).contains(&("It is too late.".into(), Source::Quote)),
            "{st:?}"
        );
        assert!(!held(t, &st, 0).iter().any(|(s, _)| s.contains("too late")));
    }

    #[test]
    fn scare_quotes_have_no_speaker() {
        let t = "Iran struck the so-called \"Islamic State\" in Iraq, Kirby said.";
        let a = actors(t, &[("John Kirby", Person, "USA", &["Kirby"])]);
        let st = attribute(&Doc::new(t), &a);
        assert!(!st.iter().any(|s| s.quote), "{st:?}");
    }

    #[test]
    fn quote_continuation_same_and_next_paragraph() {
        let t = "\"First part,\" Dempsey said. \"Second part.\"\n\"Third part.\"\nNo quote here.\n\"Orphan.\"";
        let a = actors(t, &[("Martin Dempsey", Person, "USA", &["Dempsey"])]);
        let st = attribute(&Doc::new(t), &a);
        let h = held(t, &st, 0);
        for q in ["First part,", "Second part.", "Third part."] {
            assert!(h.contains(&(q.into(), Source::Quote)), "{q}: {h:?}");
        }
        assert!(!h.iter().any(|(s, _)| s == "Orphan."), "{h:?}");
    }

    #[test]
    fn pronoun_speaker_resolves_to_nearest_person() {
        let t = "Kerry spoke in Paris. Later Zarif arrived.\n\"We are ready,\" he said.";
        let a = actors(
            t,
            &[
                ("John Kerry", Person, "USA", &["Kerry"]),
                ("Javad Zarif", Person, "IRN", &["Zarif"]),
            ],
        );
        let st = attribute(&Doc::new(t), &a);
        assert!(held(t, &st, 1).contains(&("We are ready,".into(), Source::Quote)));
        assert!(!held(t, &st, 0).iter().any(|(_, s)| *s == Source::Quote));
    }

    #[test]
    fn reported_speech_and_trailing_frame() {
        let t = "Rouhani said that Iran will cooperate. The dialogue is needed, Graham said. Talks failed, according to Kerry. Reuters reported that Iran rejected talks.";
        let a = actors(
            t,
            &[
                ("Hassan Rouhani", Person, "IRN", &["Rouhani"]),
                ("Iran", Country, "IRN", &["Iran"]),
                ("Lindsey Graham", Person, "USA", &["Graham"]),
                ("John Kerry", Person, "USA", &["Kerry"]),
                ("Reuters", Organization, "", &["Reuters"]),
            ],
        );
        let st = attribute(&Doc::new(t), &a);
        assert!(
            held(t, &st, 0)
                .iter()
                .any(|(s, k)| s.contains("Iran will cooperate") && *k == Source::Reported),
            "{:?}",
            held(t, &st, 0)
        );
        assert!(held(t, &st, 1)
            .iter()
            .any(|(s, k)| s.starts_with("will cooperate") && *k == Source::Agent));
        assert!(
            held(t, &st, 2)
                .iter()
                .any(|(s, k)| s.contains("The dialogue is needed") && *k == Source::Reported),
            "{:?}",
            held(t, &st, 2)
        );
        assert!(held(t, &st, 3)
            .iter()
            .any(|(s, _)| s.contains("Talks failed")));
        // An outlet that reports holds only its verb.
        let reuters = held(t, &st, 4);
        assert!(
            !reuters.iter().any(|(s, _)| s.contains("rejected")),
            "{reuters:?}"
        );
    }

    #[test]
    fn agents_skip_objects_possessives_and_titles() {
        let t = "House Intelligence Committee Chairman Mike Rogers, a Michigan Republican, criticized the alliance with Iran. Iran's economy suffered when talks with Iran met Obama. US President Obama welcomed talks.";
        let a = actors(
            t,
            &[
                ("Mike Rogers", Person, "USA", &["Mike Rogers"]),
                ("Iran", Country, "IRN", &["Iran"]),
                ("Barack Obama", Person, "USA", &["Obama"]),
                ("United States", Country, "USA", &["US"]),
            ],
        );
        let st = attribute(&Doc::new(t), &a);
        assert!(held(t, &st, 0)
            .iter()
            .any(|(s, _)| s.contains("criticized the alliance")));
        // "with Iran" is an object; "Iran's economy" makes Iran hold its own clause only.
        let iran = held(t, &st, 1);
        assert!(
            !iran.iter().any(|(s, _)| s.contains("criticized")),
            "{iran:?}"
        );
        assert!(held(t, &st, 2)
            .iter()
            .any(|(s, _)| s.contains("welcomed talks")));
        assert!(held(t, &st, 3).is_empty(), "{:?}", held(t, &st, 3));
    }

    #[test]
    fn unnamed_sources_go_to_their_country() {
        let t = "A senior Iranian official said Tehran is ready. \"We can work with Americans,\" the senior official said.";
        let a = actors(
            t,
            &[
                ("Iran", Country, "IRN", &["Tehran"]),
                ("United States", Country, "USA", &["Americans"]),
            ],
        );
        let st = attribute(&Doc::new(t), &a);
        let h = held(t, &st, 0);
        assert!(
            h.iter()
                .any(|(s, k)| s.contains("Tehran is ready") && *k == Source::Reported),
            "{h:?}"
        );
        assert!(
            h.contains(&("We can work with Americans,".into(), Source::Quote)),
            "{h:?}"
        );
    }

    #[test]
    fn definite_office_refers_to_person_and_passive_agent() {
        let t = "Firouzabadi spoke. The Iranian commander noted that talks failed. Its offer was refused by the US, which ruled out talks.";
        let a = actors(
            t,
            &[
                ("Hassan Firouzabadi", Person, "IRN", &["Firouzabadi"]),
                ("United States", Country, "USA", &["US"]),
            ],
        );
        let st = attribute(&Doc::new(t), &a);
        assert!(
            held(t, &st, 0)
                .iter()
                .any(|(s, _)| s.contains("talks failed")),
            "{:?}",
            held(t, &st, 0)
        );
        let us = held(t, &st, 1);
        assert!(us.iter().any(|(s, _)| s.contains("was refused")), "{us:?}");
        assert!(
            us.iter().any(|(s, _)| s.contains("ruled out talks")),
            "{us:?}"
        );
    }

    #[test]
    fn no_panic_on_odd_input_and_no_actors() {
        for t in [
            "",
            "\"",
            "“unclosed",
            "he said.",
            "😀 \u{0} said \"x",
            "a\r\nb\"c\"d",
        ] {
            let _ = attribute(&Doc::new(t), &[]);
            let a = actors(t, &[("X", Person, "USA", &["x", "b"])]);
            let _ = attribute(&Doc::new(t), &a);
        }
    }
}
