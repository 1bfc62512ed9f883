//! The model-free part of the pipeline: entities → countries → actors → attribution → stance.
//!
//! Everything here is plain Rust over `&str` and spans, so it can be tested, fuzzed and
//! benchmarked without a model by supplying entities.

use crate::actors::build_actors;
use crate::attribution::attribute;
use crate::doc::Doc;
use crate::entity::Entity;
use crate::error::{Error, Result};
use crate::geo::Gazetteer;
use crate::report::Analysis;
use crate::stance::{assess, Topic};

/// Runs every stage after NER. Cheap to clone; `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Analyzer {
    gazetteer: Gazetteer,
    topic: Topic,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            gazetteer: Gazetteer::embedded(),
            topic: Topic::embedded(),
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

    /// Analyse one document given its NER entities (any order; labels PERSON, ORGANIZATION,
    /// LOCATION, MISC). Never panics on any input.
    pub fn analyze(&self, text: &str, entities: Vec<Entity>) -> Analysis {
        let doc = Doc::new(text);
        let entities = self.gazetteer.resolve(&doc, entities);
        let mut actors = build_actors(&doc, &entities, &self.gazetteer);
        let statements = attribute(&doc, &actors);
        assess(&doc, &statements, &mut actors, &self.topic);
        Analysis {
            id: None,
            entities,
            actors,
        }
    }
}
