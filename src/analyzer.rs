//! The model-free part of the pipeline: entities → countries ([`crate::geo`]) → affiliation of
//! mentions → actors → affiliation of actors → attribution → stance.
//!
//! Everything here is plain Rust over `&str` and spans, so it can be tested, fuzzed and
//! benchmarked without a model by supplying entities.

use crate::actors::build_actors;
use crate::affiliation::{affiliate_actors, annotate};
use crate::attribution::attribute;
use crate::doc::Doc;
use crate::entity::Entity;
use crate::error::{Error, Result};
use crate::geo::Gazetteer;
use crate::knowledge::{Date, Dictionary, Knowledge};
use crate::report::Analysis;
use crate::stance::{assess, Topic};

/// Runs every stage after NER. Cheap to clone; `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Analyzer {
    gazetteer: Gazetteer,
    topic: Topic,
    knowledge: Knowledge,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            gazetteer: Gazetteer::embedded(),
            topic: Topic::embedded(),
            knowledge: Knowledge::default(),
        }
    }
}

impl Analyzer {
    /// An analyzer with the embedded defaults (country data, US–Iran topic).
    pub fn new() -> Analyzer {
        Analyzer::default()
    }

    /// Replace the topic.
    pub fn with_topic(mut self, topic: Topic) -> Analyzer {
        self.topic = topic;
        self
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
    pub fn with_topic_file(self, path: impl AsRef<std::path::Path>) -> Result<Analyzer> {
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
        let doc = Doc::new(text);
        let (mut entities, mut actors) = self.actors(&doc, entities, date);
        share_affiliation(&mut entities, &actors);
        let statements = attribute(&doc, &actors);
        assess(&doc, &statements, &mut actors, &self.topic);
        Analysis {
            id: None,
            entities,
            actors,
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
    ) -> (Vec<Entity>, Vec<crate::report::Actor>) {
        let gaz = &self.gazetteer;
        let mut entities = gaz.resolve(doc, entities);
        annotate(doc, &mut entities, gaz);
        let cast = build_actors(doc, &entities, gaz);
        let actors = affiliate_actors(doc, &entities, cast, gaz, &self.knowledge, date);
        (entities, actors)
    }
}

/// Person and organization mentions carry their actor's country (one answer per actor).
fn share_affiliation(entities: &mut [crate::entity::Entity], actors: &[crate::report::Actor]) {
    use crate::report::ActorKind;
    let mut by_start = std::collections::HashMap::new();
    for a in actors.iter().filter(|a| a.kind != ActorKind::Country) {
        for m in &a.mentions {
            by_start.insert(m.start, a.country.clone());
        }
    }
    for e in entities.iter_mut() {
        if matches!(
            e.label,
            crate::entity::Label::Person | crate::entity::Label::Organization
        ) {
            if let Some(c) = by_start.get(&e.start) {
                e.country = c.clone();
            }
        }
    }
}
