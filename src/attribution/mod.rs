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
//! Speech verbs, prepositions, pronouns and source nouns are data
//! (`data/attribution.toml`, embedded, replaceable with [`crate::Analyzer::with_attribution_file`]);
//! demonyms, capitals and country names come from the [`Gazetteer`].

mod lexicon;
mod quotes;
mod reported;
mod subjects;

pub use lexicon::AttributionLexicon;

use crate::actors::ActorData;
use crate::doc::{Doc, Token};
use crate::geo::Gazetteer;
use crate::report::ActorKind;
use crate::span::{CharIndex, Span};

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
    /// No attribution rule produces it today (the stance stage weighs it if one does).
    #[allow(dead_code)]
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

/// Longest reported clause, in tokens (keeps run-on "sentences" linear).
const MAX_CLAUSE: usize = 150;

struct Ctx<'a> {
    text: &'a str,
    doc: &'a Doc<'a>,
    actors: &'a [ActorData],
    lex: &'a AttributionLexicon,
    /// The one demonym source of every stage ("Iranian officials said" → IRN).
    gaz: &'a Gazetteer,
    /// (byte_start, byte_end, actor) sorted by start.
    mentions: Vec<(usize, usize, usize)>,
}

/// Attribute the document's statements to actors, with the embedded lexicons.
#[cfg(test)]
pub(crate) fn attribute(doc: &Doc, actors: &[ActorData]) -> Vec<Statement> {
    attribute_with(
        doc,
        actors,
        &Gazetteer::embedded(),
        &AttributionLexicon::shared(),
    )
}

/// Attribute the document's statements to actors: reported-speech grammar from `lex`,
/// demonyms from `gaz`.
pub(crate) fn attribute_with(
    doc: &Doc,
    actors: &[ActorData],
    gaz: &Gazetteer,
    lex: &AttributionLexicon,
) -> Vec<Statement> {
    let ix = doc.index();
    let mentions = crate::actors::mention_byte_spans(actors);
    let ctx = Ctx {
        text: doc.text(),
        doc,
        actors,
        lex,
        gaz,
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
    /// The subject opens a coordinated clause of its own (", and Rubio vowed …"): the word
    /// index of the clause's comma, where an earlier speaker's reported content ends.
    coordinated: Option<usize>,
}

impl Subj {
    /// A subject phrase of words `first..last` held by `actors`, not nested.
    fn new(first: usize, last: usize, actors: Vec<usize>) -> Subj {
        Subj {
            first,
            last,
            actors,
            nested: false,
            coordinated: None,
        }
    }
}

/// One sentence as attribution sees it: its words and clause punctuation, their
/// normalised forms, and whether each lies inside a direct quote.
struct Sent<'s> {
    toks: &'s [Token],
    w: &'s [&'s str],
    in_quote: &'s [bool],
}

/// What carries over from one sentence to the next.
#[derive(Default)]
struct Carry {
    /// Every group of co-subjects so far ("Iran and Russia …"), with the byte where its
    /// subject starts: "they" refers to the last one (before the quote, after a quote).
    groups: Vec<(usize, Vec<usize>)>,
    /// The country of the last unnamed source ("a senior Iranian official"), for "the
    /// senior official".
    last_unnamed: Option<String>,
}

impl<'a> Ctx<'a> {
    fn mention_at(&self, tok: &Token) -> Option<(usize, usize, usize)> {
        let i = self.mentions.partition_point(|m| m.0 <= tok.start);
        (i > 0)
            .then(|| self.mentions[i - 1])
            .filter(|m| tok.start < m.1)
    }

    /// Whether the token's original text starts with an upper-case letter.
    fn capitalised(&self, t: &Token) -> bool {
        self.doc.capitalised(t)
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

    /// The nearest person mentioned before byte `at` (within ~3000 bytes) whose role ends with
    /// the noun `role` ("the senator" → "Senator Lindsey Graham", "the foreign minister").
    fn person_with_role_before(&self, at: usize, role: &str) -> Option<usize> {
        let suffix = format!(" {role}");
        self.person_before_where(at, |a| {
            a.role.as_deref().is_some_and(|r| {
                let r = r.to_lowercase();
                r == role || r.ends_with(&suffix)
            })
        })
    }

    /// The last person named in the 600 bytes before `at`, when the text gave them no title
    /// (a role noun may refer to them; a titled person has a role that did not fit).
    fn untitled_person_just_before(&self, at: usize) -> Option<usize> {
        let i = self.mentions.partition_point(|m| m.0 < at);
        let m = self.mentions[..i]
            .iter()
            .rev()
            .take_while(|m| at.saturating_sub(m.0) < 600)
            .find(|m| self.actors[m.2].kind == ActorKind::Person)?;
        self.actors[m.2].role.is_none().then_some(m.2)
    }

    /// Nearest person mention before byte `at` (within ~3000 bytes).
    fn person_before(&self, at: usize) -> Option<usize> {
        self.person_before_where(at, |_| true)
    }

    /// Nearest mention before byte `at` (within ~3000 bytes) of a person for whom `fits`.
    fn person_before_where(&self, at: usize, fits: impl Fn(&ActorData) -> bool) -> Option<usize> {
        let i = self.mentions.partition_point(|m| m.0 < at);
        self.mentions[..i]
            .iter()
            .rev()
            .take_while(|m| at.saturating_sub(m.0) < 3000)
            .find(|m| {
                let a = &self.actors[m.2];
                a.kind == ActorKind::Person && fits(a)
            })
            .map(|m| m.2)
    }

    fn run(&self, ix: &CharIndex) -> Vec<Statement> {
        let mut out: Vec<Statement> = Vec::new();
        let mut carry = Carry::default();
        // Per sentence: the speech subjects, (byte of speech verb, actor).
        let mut speech_subj: Vec<Vec<(usize, usize)>> = Vec::new();
        for s in self.doc.sentences() {
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
            let sent = Sent {
                toks: &toks,
                w: &w,
                in_quote: &in_quote,
            };
            let mut subjects = self.subjects(ix, &sent, &mut carry, &mut out);
            let sspeech = self.predicates(ix, &sent, &mut subjects, &mut carry, &mut out);
            self.according_to(ix, &sent, &mut out);
            speech_subj.push(sspeech);
        }
        self.quotes(ix, &mut out, &speech_subj, &carry.groups);
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
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::actors::MentionSpan;

    /// Build actors by hand: (name, kind, country, mention texts to find in `text`, all
    /// occurrences as whole words).
    pub(crate) fn actors(text: &str, spec: &[(&str, ActorKind, &str, &[&str])]) -> Vec<ActorData> {
        let mut out = Vec::new();
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for (name, kind, country, forms) in spec {
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
                        mentions.push(MentionSpan {
                            entity: Some(taken.len() - 1),
                            byte_start: b,
                            byte_end: e,
                        });
                    }
                }
            }
            mentions.sort_by_key(|m| m.byte_start);
            let mut actor = ActorData::new(*kind, name.to_string(), mentions);
            actor.country = (!country.is_empty()).then(|| country.to_string());
            out.push(actor);
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
    fn they_after_a_subject_with_companions() {
        let spec: &[(&str, ActorKind, &str, &[&str])] = &[
            ("Angela Merkel", Person, "DEU", &["Angela Merkel"]),
            ("Emmanuel Macron", Person, "FRA", &["Emmanuel Macron"]),
            ("Boris Johnson", Person, "GBR", &["Boris Johnson"]),
            ("France", Country, "FRA", &["France"]),
        ];
        let quoted = |t: &str, actor: usize| {
            let a = actors(t, spec);
            let st = attribute(&Doc::new(t), &a);
            held(t, &st, actor)
                .iter()
                .any(|(s, _)| s.contains("We stand by the deal"))
        };
        let t = "Angela Merkel issued a statement with France's Emmanuel Macron and Prime Minister Boris Johnson. \"We stand by the deal,\" they wrote.";
        for who in 0..3 {
            assert!(quoted(t, who), "{who}: {t}");
        }
        // a possessor modifies the name after it: not a companion
        assert!(!quoted(t, 3), "{t}");
        // named as an object, not after "with": not one of "they"
        let t = "Angela Merkel criticised Emmanuel Macron and Boris Johnson. \"We stand by the deal,\" they wrote.";
        assert!(!quoted(t, 1), "{t}");
    }

    #[test]
    fn trailing_frames_over_titles_and_as_parentheticals() {
        let t = "The dialogue is needed, U.S. Senator Lindsey Graham said. The talks will fail, as Foreign Minister Hassan Rouhani has said. The talks went on as Kerry said nothing.";
        let a = actors(
            t,
            &[
                ("Lindsey Graham", Person, "USA", &["Lindsey Graham"]),
                ("Hassan Rouhani", Person, "IRN", &["Hassan Rouhani"]),
                ("John Kerry", Person, "USA", &["Kerry"]),
            ],
        );
        let st = attribute(&Doc::new(t), &a);
        let has = |actor: usize, part: &str| {
            held(t, &st, actor)
                .iter()
                .any(|(s, k)| s.contains(part) && *k == Source::Reported)
        };
        assert!(has(0, "The dialogue is needed"), "{:?}", held(t, &st, 0));
        assert!(has(1, "The talks will fail"), "{:?}", held(t, &st, 1));
        // no comma before "as": a clause of time, not a frame
        assert!(!has(2, "The talks went on"), "{:?}", held(t, &st, 2));
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
