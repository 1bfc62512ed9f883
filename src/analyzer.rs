//! The model-free part of the pipeline: entities → countries ([`crate::geo`]) → affiliation of
//! mentions → actors → affiliation of actors → attribution → stance → report.
//!
//! The stages work on crate-private types with byte spans (the actors stage's actors, the
//! stance stage's verdicts); `report_actors` turns them into the public serde types (char
//! offsets, texts) once, at the end.
//!
//! Everything here is plain Rust over `&str` and spans, so it can be tested, fuzzed and
//! benchmarked without a model by supplying entities.

use crate::actors::{build_actors, ActorData};
use crate::affiliation::{affiliate_actors, annotate};
use std::path::Path;
use std::sync::Arc;

use crate::actors::unnamed::add_unnamed_states;
use crate::attribution::{attribute_with, AttributionLexicon};
use crate::doc::Doc;
use crate::entity::Entity;
use crate::error::{Error, Result};
use crate::geo::Gazetteer;
use crate::knowledge::english::English;
use crate::knowledge::{Date, Dictionary, Knowledge};
use crate::report::{Actor, Analysis, Evidence, Mention};
use crate::stance::{assess, Topic, Verdict};

/// Runs every stage after NER. Cheap to clone; `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Analyzer {
    gazetteer: Gazetteer,
    topic: Topic,
    knowledge: Knowledge,
    /// General English (`data/english.toml`): lemmas, predicate families, scope words.
    english: Arc<English>,
    /// Reported-speech grammar (`data/attribution.toml`).
    attribution: Arc<AttributionLexicon>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            gazetteer: Gazetteer::embedded(),
            topic: Topic::embedded(),
            knowledge: Knowledge::default(),
            english: English::shared(),
            attribution: AttributionLexicon::shared(),
        }
    }
}

impl Analyzer {
    /// An analyzer with the embedded defaults (country data, US–Iran topic).
    pub fn new() -> Analyzer {
        Analyzer::default()
    }

    /// Replace the topic. Its scope words (negators, hedges, condition markers, …) are the
    /// analyzer's English lexicon's followed by the topic file's own `[lexicon]`.
    pub fn with_topic(mut self, topic: Topic) -> Analyzer {
        self.topic = topic.scoped_by(&self.english);
        self
    }

    /// Replace the general English lexicon (default: the embedded `data/english.toml`) with
    /// the file at `path`, in the same format: start from a copy of `data/english.toml`.
    /// The file replaces the whole lexicon (lemmas, clause openers, negators, predicate
    /// families, governed verbs, scope words); the topic's own `[lexicon]` still adds to it.
    /// Errors: [`Error::Io`], or [`Error::Config`] with file, line and column.
    pub fn with_english_file(mut self, path: impl AsRef<Path>) -> Result<Analyzer> {
        let path = path.as_ref();
        let src = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let english = English::from_toml_str(&src, &path.display().to_string())?;
        self.topic = self.topic.scoped_by(&english);
        self.english = Arc::new(english);
        Ok(self)
    }

    /// Replace the reported-speech lexicon (default: the embedded `data/attribution.toml`:
    /// speech verbs, reporting verbs, pronouns, source nouns) with the file at `path`, in the
    /// same format. Errors: [`Error::Io`], or [`Error::Config`] with file, line and column.
    pub fn with_attribution_file(mut self, path: impl AsRef<Path>) -> Result<Analyzer> {
        let path = path.as_ref();
        let src = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let lexicon = AttributionLexicon::from_toml_str(&src, &path.display().to_string())?;
        self.attribution = Arc::new(lexicon);
        Ok(self)
    }

    /// Replace the country data.
    pub fn with_gazetteer(mut self, gazetteer: Gazetteer) -> Analyzer {
        self.gazetteer = gazetteer;
        self
    }

    /// Replace the actor dictionary (default: the shipped Phoenix files,
    /// [`Dictionary::phoenix`]). `Dictionary::new()` turns dictionary look-ups off.
    pub fn with_dictionary(mut self, dictionary: Dictionary) -> Analyzer {
        self.knowledge.actors = std::sync::Arc::new(dictionary);
        self
    }

    /// Add a TABARI/PETRARCH actor dictionary file over the current one: its entries shadow
    /// entries with the same name. Errors: [`Error::Config`] with file, line and column.
    pub fn add_dictionary_file(mut self, path: impl AsRef<std::path::Path>) -> Result<Analyzer> {
        let extra = Dictionary::from_file(path)?;
        std::sync::Arc::make_mut(&mut self.knowledge.actors).merge(&extra);
        Ok(self)
    }

    /// Replace the agents dictionary (titles → CAMEO role codes; default
    /// [`Dictionary::phoenix_agents`]).
    pub fn with_agents(mut self, agents: Dictionary) -> Analyzer {
        self.knowledge.agents = std::sync::Arc::new(agents);
        self
    }

    /// The dictionaries in use.
    pub fn knowledge(&self) -> &Knowledge {
        &self.knowledge
    }

    /// Load a topic file and use it. A path that does not exist but names an embedded topic
    /// (`us_iran`, `us_iran_talks`, `us_china_trade`, see [`Topic::named`]) selects that topic.
    pub fn with_topic_file(self, path: impl AsRef<Path>) -> Result<Analyzer> {
        let path = path.as_ref();
        if !path.exists() {
            if let Some(t) = path.to_str().and_then(Topic::named) {
                return Ok(self.with_topic(t));
            }
        }
        let src = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let topic = Topic::from_toml_str(&src, &path.display().to_string())?;
        Ok(self.with_topic(topic))
    }

    /// The topic in use.
    pub fn topic(&self) -> &Topic {
        &self.topic
    }

    /// The country data in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Analyse one undated document given its NER entities (any order; labels PERSON,
    /// ORGANIZATION, LOCATION, MISC). Never panics on any input. Dictionary codes are taken
    /// as of today (see [`Analyzer::analyze_dated`]).
    pub fn analyze(&self, text: &str, entities: Vec<Entity>) -> Analysis {
        self.analyze_dated(text, entities, None)
    }

    /// Analyse one document written on `date`: a dictionary code applies when its range
    /// covers the date. Without a date the current code applies: an open range (`>YYMMDD`),
    /// else the undated code, else the range that ended last
    /// ([`crate::knowledge::Entry::code_at`]).
    pub fn analyze_dated(&self, text: &str, entities: Vec<Entity>, date: Option<Date>) -> Analysis {
        let doc = Doc::with_english(text, &self.english);
        let (mut entities, actors) = self.actors(&doc, entities, date);
        share_affiliation(&mut entities, &actors);
        let statements = attribute_with(&doc, &actors, &self.gazetteer, &self.attribution);
        let verdicts = assess(&doc, &statements, &actors, &self.topic);
        Analysis {
            id: None,
            entities,
            actors: report_actors(&doc, actors, verdicts),
        }
    }
}

impl Analyzer {
    /// The stages before attribution: entities resolved to countries, affiliation of the
    /// mentions, actors, affiliation of the actors.
    pub(crate) fn actors(
        &self,
        doc: &Doc,
        entities: Vec<Entity>,
        date: Option<Date>,
    ) -> (Vec<Entity>, Vec<ActorData>) {
        let gaz = &self.gazetteer;
        let mut entities = gaz.resolve(doc, entities);
        let cues = annotate(doc, &mut entities, gaz, &self.knowledge.agents);
        let actors = build_actors(doc, &entities, gaz);
        let mut actors =
            affiliate_actors(doc, &entities, actors, &cues, gaz, &self.knowledge, date);
        add_unnamed_states(
            doc,
            &entities,
            &mut actors,
            gaz,
            &self.attribution.source_words(),
        );
        (entities, actors)
    }

    /// [`Analyzer::actors`] as report actors with no stance (for tests of those stages).
    #[cfg(test)]
    pub(crate) fn report_of_actors(
        &self,
        doc: &Doc,
        entities: Vec<Entity>,
        date: Option<Date>,
    ) -> (Vec<Entity>, Vec<Actor>) {
        let (entities, actors) = self.actors(doc, entities, date);
        (entities, report_actors(doc, actors, Vec::new()))
    }
}

/// The one conversion from the internal stage outputs (byte spans) to the public serde types
/// (char offsets via [`Doc::index`], texts): each actor with its verdict (a missing verdict is
/// neutral with confidence 0); an actor's id is its index.
pub(crate) fn report_actors(
    doc: &Doc,
    actors: Vec<ActorData>,
    verdicts: Vec<Verdict>,
) -> Vec<Actor> {
    let text = doc.text();
    let ix = doc.index();
    let slice = |s: usize, e: usize| text.get(s..e).unwrap_or_default().to_string();
    let mut verdicts = verdicts.into_iter();
    actors
        .into_iter()
        .enumerate()
        .map(|(id, a)| {
            let v = verdicts.next().unwrap_or_default();
            let mentions = a
                .mentions
                .iter()
                .map(|m| Mention {
                    start: ix.char_of(m.byte_start),
                    end: ix.char_of(m.byte_end),
                    text: slice(m.byte_start, m.byte_end),
                })
                .collect();
            let evidence = v
                .evidence
                .into_iter()
                .map(|c| Evidence {
                    start: ix.char_of(c.span.0),
                    end: ix.char_of(c.span.1),
                    text: slice(c.span.0, c.span.1),
                    cue: slice(c.cue.0, c.cue.1),
                    rule: c.rule,
                    quote: c.quote,
                })
                .collect();
            Actor {
                id,
                name: a.name,
                kind: a.kind,
                country: a.country,
                country_source: a.country_source,
                code: a.code,
                role: a.role,
                mentions,
                stance: v.stance,
                confidence: v.confidence,
                evidence,
            }
        })
        .collect()
}

/// Person and organization mentions carry their actor's country (one answer per actor).
fn share_affiliation(entities: &mut [crate::entity::Entity], actors: &[ActorData]) {
    use crate::report::ActorKind;
    let mut by_start = std::collections::HashMap::new();
    for a in actors.iter().filter(|a| a.kind != ActorKind::Country) {
        for m in &a.mentions {
            by_start.insert(m.byte_start, a.country.clone());
        }
    }
    for e in entities.iter_mut() {
        if matches!(
            e.label,
            crate::entity::Label::Person | crate::entity::Label::Organization
        ) {
            if let Some(c) = by_start.get(&e.byte_start) {
                e.country = c.clone();
            }
        }
    }
}
