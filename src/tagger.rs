//! [`Tagger`]: the whole pipeline behind one value — NER model + [`Analyzer`].
//!
//! ```no_run
//! let tagger = detente::Tagger::builder().threads(2).build()?;
//! let analysis = tagger.analyze("Iran's foreign minister said Tehran is open to talks with the US.")?;
//! for actor in &analysis.actors {
//!     println!("{} {:?} {}", actor.name, actor.country, actor.stance.as_str());
//! }
//! # Ok::<(), detente::Error>(())
//! ```

use std::path::PathBuf;

use crate::analyzer::Analyzer;
use crate::config::ModelsFile;
use crate::entity::Entity;
use crate::error::{Error, Result};
use crate::geo::Gazetteer;
use crate::knowledge::{Date, Dictionary};
use crate::ner::transformer::{NerOptions, TransformerNer};
use crate::ner::Recognizer;
use crate::report::Analysis;
use crate::stance::Topic;

/// Builder for [`Tagger`]. Every setting has a default; `build()` loads the model.
#[derive(Default)]
pub struct TaggerBuilder {
    models_file: Option<PathBuf>,
    model: Option<String>,
    threads: Option<usize>,
    batch_size: Option<usize>,
    topic: Option<Topic>,
    topic_file: Option<PathBuf>,
    gazetteer: Option<Gazetteer>,
    dictionary: Option<Dictionary>,
    dictionary_files: Vec<PathBuf>,
    english_file: Option<PathBuf>,
    attribution_file: Option<PathBuf>,
    recognizer: Option<Box<dyn Recognizer>>,
}

impl std::fmt::Debug for TaggerBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TaggerBuilder")
            .field("models_file", &self.models_file)
            .field("model", &self.model)
            .field("threads", &self.threads)
            .field("batch_size", &self.batch_size)
            .field("topic_file", &self.topic_file)
            .field("dictionary_files", &self.dictionary_files)
            .field("english_file", &self.english_file)
            .field("attribution_file", &self.attribution_file)
            .finish()
    }
}

impl TaggerBuilder {
    /// Use this models.toml. Default: the search order of [`crate::config::ModelsFile::find`]
    /// (`$DETENTE_MODELS`, `<exe dir>/../models/models.toml`, `<exe dir>/models/models.toml`,
    /// the user data directory, the build tree).
    pub fn models_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.models_file = Some(path.into());
        self
    }

    /// Use this model entry (default: the file's `default`).
    pub fn model(mut self, name: impl Into<String>) -> Self {
        self.model = Some(name.into());
        self
    }

    /// libtorch intra-op threads (default: libtorch's own choice, normally all cores, or
    /// `OMP_NUM_THREADS` when set).
    ///
    /// libtorch's thread count is **process-wide**, not per tagger: `build()` calls
    /// `at::set_num_threads`, which changes it for every tagger (and every other libtorch
    /// user) in the process. Two taggers built with different counts in one process both run
    /// with the count of the one built last. To run several single-threaded taggers side by side,
    /// build them all with `threads(1)`; for truly separate settings use separate processes.
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = Some(n);
        self
    }

    /// Windows per forward pass (default 32).
    pub fn batch_size(mut self, n: usize) -> Self {
        self.batch_size = Some(n);
        self
    }

    /// Use this topic instead of the embedded US–Iran default.
    pub fn topic(mut self, topic: Topic) -> Self {
        self.topic = Some(topic);
        self
    }

    /// Load the topic from a TOML file.
    pub fn topic_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.topic_file = Some(path.into());
        self
    }

    /// Use this country data instead of the embedded default.
    pub fn gazetteer(mut self, gazetteer: Gazetteer) -> Self {
        self.gazetteer = Some(gazetteer);
        self
    }

    /// Use this actor dictionary instead of the shipped Phoenix files (`Dictionary::new()`:
    /// no dictionary look-ups).
    pub fn dictionary(mut self, dictionary: Dictionary) -> Self {
        self.dictionary = Some(dictionary);
        self
    }

    /// Add a TABARI/PETRARCH actor dictionary file over the default (or the one given with
    /// [`TaggerBuilder::dictionary`]); its entries shadow those with the same name. May be
    /// called several times; later files win.
    pub fn dictionary_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.dictionary_files.push(path.into());
        self
    }

    /// Replace the general English lexicon with this file (format of `data/english.toml`;
    /// see [`Analyzer::with_english_file`]).
    pub fn english_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.english_file = Some(path.into());
        self
    }

    /// Replace the reported-speech lexicon with this file (format of `data/attribution.toml`;
    /// see [`Analyzer::with_attribution_file`]).
    pub fn attribution_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.attribution_file = Some(path.into());
        self
    }

    /// Use your own recognizer instead of loading a transformer model.
    pub fn recognizer(mut self, recognizer: Box<dyn Recognizer>) -> Self {
        self.recognizer = Some(recognizer);
        self
    }

    /// Load everything.
    pub fn build(self) -> Result<Tagger> {
        let recognizer: Box<dyn Recognizer> = match self.recognizer {
            Some(r) => r,
            None => {
                let path = ModelsFile::find(self.models_file.as_deref())?;
                let file = ModelsFile::load(&path)?;
                let mut options = NerOptions {
                    threads: self.threads,
                    ..Default::default()
                };
                if let Some(b) = self.batch_size {
                    options.batch_size = b.max(1);
                }
                Box::new(TransformerNer::from_models_file(
                    &file,
                    self.model.as_deref(),
                    options,
                )?)
            }
        };
        let mut analyzer = Analyzer::new();
        if let Some(p) = self.english_file {
            analyzer = analyzer.with_english_file(p)?;
        }
        if let Some(p) = self.attribution_file {
            analyzer = analyzer.with_attribution_file(p)?;
        }
        if let Some(g) = self.gazetteer {
            analyzer = analyzer.with_gazetteer(g);
        }
        if let Some(t) = self.topic {
            analyzer = analyzer.with_topic(t);
        }
        if let Some(p) = self.topic_file {
            analyzer = analyzer.with_topic_file(p)?;
        }
        if let Some(d) = self.dictionary {
            analyzer = analyzer.with_dictionary(d);
        }
        for p in self.dictionary_files {
            analyzer = analyzer.add_dictionary_file(p)?;
        }
        Ok(Tagger {
            recognizer,
            analyzer,
        })
    }
}

/// The whole pipeline. `Send`: move it into a worker thread, or keep one per thread (see
/// README, "Concurrency").
pub struct Tagger {
    recognizer: Box<dyn Recognizer>,
    analyzer: Analyzer,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("analyzer", &self.analyzer)
            .finish()
    }
}

impl Tagger {
    /// Start configuring a tagger.
    pub fn builder() -> TaggerBuilder {
        TaggerBuilder::default()
    }

    /// Entities of one text (countries resolved: `COUNTRY` with ISO code).
    pub fn entities(&self, text: &str) -> Result<Vec<Entity>> {
        Ok(self.analyze(text)?.entities)
    }

    /// Entities of many texts, batched; one result per text, in order.
    pub fn entities_batch(&self, texts: &[&str]) -> Vec<Result<Vec<Entity>>> {
        self.analyze_batch(texts)
            .into_iter()
            .map(|a| a.map(|a| a.entities))
            .collect()
    }

    /// Raw NER output (PERSON / ORGANIZATION / LOCATION / MISC, before the geo stage).
    pub fn raw_entities_batch(&self, texts: &[&str]) -> Result<Vec<Vec<Entity>>> {
        self.recognizer.recognize_batch(texts)
    }

    /// Full analysis of one undated text (dictionary codes as of today; see
    /// [`Tagger::analyze_dated`]).
    pub fn analyze(&self, text: &str) -> Result<Analysis> {
        self.analyze_dated(text, None)
    }

    /// Full analysis of one text written on `date` (dictionary codes valid at that date;
    /// `None`: the current ones, see [`Analyzer::analyze_dated`]).
    pub fn analyze_dated(&self, text: &str, date: Option<Date>) -> Result<Analysis> {
        let ents = self.recognizer.recognize(text)?;
        self.rules_isolated(text, ents, date)
    }

    /// Full analysis of many undated texts: one result per text, in input order.
    ///
    /// NER runs in length-sorted batches across all texts. If the batch fails as a whole (or
    /// returns the wrong number of results), every text is tagged on its own, so one bad
    /// document yields one `Err` in its place and never fails the others.
    ///
    /// ```no_run
    /// let tagger = detente::Tagger::builder().build()?;
    /// for result in tagger.analyze_batch(&["Iran said yes.", "Kerry said no."]) {
    ///     match result {
    ///         Ok(analysis) => println!("{} actors", analysis.actors.len()),
    ///         Err(e) => eprintln!("skipped: {e}"),
    ///     }
    /// }
    /// # Ok::<(), detente::Error>(())
    /// ```
    pub fn analyze_batch(&self, texts: &[&str]) -> Vec<Result<Analysis>> {
        let docs: Vec<(&str, Option<Date>)> = texts.iter().map(|t| (*t, None)).collect();
        self.analyze_batch_dated(&docs)
    }

    /// Full analysis of many `(text, date)` documents, batched and isolated like
    /// [`Tagger::analyze_batch`]: one result per document, in input order.
    pub fn analyze_batch_dated(&self, docs: &[(&str, Option<Date>)]) -> Vec<Result<Analysis>> {
        let texts: Vec<&str> = docs.iter().map(|d| d.0).collect();
        match self.recognizer.recognize_batch(&texts) {
            Ok(ents) if ents.len() == docs.len() => docs
                .iter()
                .zip(ents)
                .map(|(&(t, d), e)| self.rules_isolated(t, e, d))
                .collect(),
            _ => docs
                .iter()
                .map(|&(t, d)| self.analyze_dated(t, d))
                .collect(),
        }
    }

    /// The rule layer on one document of a batch, a panic in it caught and returned as
    /// [`Error::Internal`], so that one document never ends the batch (or a `--jsonl` run).
    fn rules_isolated(
        &self,
        text: &str,
        ents: Vec<Entity>,
        date: Option<Date>,
    ) -> Result<Analysis> {
        isolated(|| self.analyzer.analyze_dated(text, ents, date))
    }

    /// The rule layer in use.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }
}

/// Run `f`, turning a panic into [`Error::Internal`] with the panic's message. The analyzer
/// holds no state a panic could leave half-updated (it only reads its data), so going on
/// with the next document is sound.
fn isolated<T>(f: impl FnOnce() -> T) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string());
        Error::Internal { message }
    })
}

#[cfg(test)]
mod isolation_tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error_and_a_value_passes() {
        assert_eq!(isolated(|| 7).ok(), Some(7));
        let err = isolated(|| -> u8 { panic!("index out of bounds") }).unwrap_err();
        assert!(
            matches!(&err, Error::Internal { message } if message.contains("index out of bounds")),
            "{err}"
        );
        let n = 3;
        let err = isolated(|| -> u8 { panic!("bad {n}") }).unwrap_err();
        assert!(
            matches!(&err, Error::Internal { message } if message == "bad 3"),
            "{err}"
        );
    }
}
