//! The transformer NER engine: rust-bert token-classification model structs on libtorch,
//! Hugging Face `tokenizers` for sub-words, detente's own windowing, batching and decoding.
//!
//! Pipeline for a batch of documents:
//! 1. split each text into words ([`split_words`]) and encode them into sub-words;
//! 2. cut each document's sub-words into windows of `max_length - 2` tokens that overlap by
//!    `stride` tokens; every word is *owned* by the window in which its first sub-word is
//!    farthest from an edge, so a word is predicted exactly once (no loss or duplicate at a seam);
//! 3. sort all windows of all documents by length and run them in dynamically padded
//!    batches under `no_grad`;
//! 4. per document, constrained Viterbi decoding over the words' first-sub-word
//!    log-probabilities; entity score = mean probability of the chosen tags over its words.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rust_bert::bert::{BertConfig, BertForTokenClassification};
use rust_bert::distilbert::{DistilBertConfig, DistilBertForTokenClassification};
use rust_bert::roberta::RobertaForTokenClassification;
use tch::{nn, Device, Kind, Tensor};

use crate::config::{Architecture, ModelEntry, ModelsFile, Precision};
use crate::entity::Entity;
use crate::error::{Error, Result};
use crate::ner::encoder::FastBert;
use crate::ner::labels::TagSet;
use crate::ner::tokenize::{EncodedWords, WordTokenizer};
use crate::ner::words::{split_words, Word};
use crate::ner::{trim_entity, Recognizer};
use crate::span::CharIndex;

/// The loaded network.
enum Net {
    Bert(BertForTokenClassification),
    Distil(DistilBertForTokenClassification),
    Roberta(RobertaForTokenClassification),
}

impl Net {
    fn logits(&self, ids: &Tensor, mask: &Tensor) -> Result<Tensor> {
        Ok(match self {
            Net::Bert(m) => {
                m.forward_t(Some(ids), Some(mask), None, None, None, false)
                    .logits
            }
            Net::Roberta(m) => {
                m.forward_t(Some(ids), Some(mask), None, None, None, false)
                    .logits
            }
            Net::Distil(m) => {
                m.forward_t(Some(ids), Some(mask), None, false)
                    .map_err(Error::torch)?
                    .logits
            }
        })
    }
}

/// Options for [`TransformerNer::load`].
#[derive(Clone, Debug)]
pub struct NerOptions {
    /// Windows per forward pass.
    pub batch_size: usize,
    /// libtorch intra-op threads (`None`: leave libtorch's default).
    pub threads: Option<usize>,
    /// Device to run on.
    pub device: Device,
}

impl Default for NerOptions {
    fn default() -> Self {
        NerOptions {
            batch_size: 32,
            threads: None,
            device: Device::Cpu,
        }
    }
}

/// A transformer token classifier ready for inference.
pub struct TransformerNer {
    name: String,
    net: Net,
    // Keeps the weights alive.
    _vs: nn::VarStore,
    tokenizer: WordTokenizer,
    tags: TagSet,
    outside: usize,
    max_length: usize,
    stride: usize,
    options: NerOptions,
    /// The lean BERT forward over the same weights (`None`: rust-bert's forward).
    fast: Option<FastBert>,
    use_fast: bool,
}

impl std::fmt::Debug for TransformerNer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransformerNer")
            .field("name", &self.name)
            .field("classes", &self.tags.len())
            .field("max_length", &self.max_length)
            .field("stride", &self.stride)
            .field("batch_size", &self.options.batch_size)
            .field("fast_forward", &(self.use_fast && self.fast.is_some()))
            .field("precision", &self.precision())
            .finish()
    }
}

fn missing(what: &str, path: PathBuf, entry: &str, hint: &str) -> Error {
    Error::MissingFile {
        what: what.into(),
        path,
        entry: entry.into(),
        hint: hint.into(),
    }
}

/// A token-classification network built (not yet loaded) from its config.json.
struct Built {
    net: Net,
    id2label: HashMap<i64, String>,
    max_pos: i64,
    /// The config of a BERT model (for the lean forward pass).
    bert_cfg: Option<BertConfig>,
}

/// Build the network of `architecture` in `vs` from the config.json text `src` (read from
/// `path`).
fn build_net(
    architecture: Architecture,
    vs: &nn::VarStore,
    src: &str,
    path: &Path,
) -> Result<Built> {
    let bad_config = |e: serde_json::Error| Error::Config {
        path: path.display().to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    };
    let no_labels = || Error::Config {
        path: path.display().to_string(),
        line: 0,
        column: 0,
        message: "no id2label: not a token-classification checkpoint".into(),
    };
    match architecture {
        Architecture::Bert | Architecture::Roberta => {
            let cfg: BertConfig = serde_json::from_str(src).map_err(bad_config)?;
            let id2label = cfg.id2label.clone().ok_or_else(no_labels)?;
            let net = if architecture == Architecture::Bert {
                Net::Bert(BertForTokenClassification::new(vs.root(), &cfg).map_err(Error::torch)?)
            } else {
                Net::Roberta(
                    RobertaForTokenClassification::new(vs.root(), &cfg).map_err(Error::torch)?,
                )
            };
            let max_pos = cfg.max_position_embeddings;
            let bert_cfg = (architecture == Architecture::Bert).then_some(cfg);
            Ok(Built {
                net,
                id2label,
                max_pos,
                bert_cfg,
            })
        }
        Architecture::Distilbert => {
            let cfg: DistilBertConfig = serde_json::from_str(src).map_err(bad_config)?;
            let id2label = cfg.id2label.clone().ok_or_else(no_labels)?;
            let net = Net::Distil(
                DistilBertForTokenClassification::new(vs.root(), &cfg).map_err(Error::torch)?,
            );
            Ok(Built {
                net,
                id2label,
                max_pos: cfg.max_position_embeddings,
                bert_cfg: None,
            })
        }
    }
}

/// One window: tokens `[start, end)` of document `doc`.
#[derive(Clone, Copy, Debug)]
struct Window {
    doc: usize,
    start: usize,
    end: usize,
}

/// A document on its way through the pipeline.
struct Prepared {
    words: Vec<Word>,
    enc: EncodedWords,
    /// For every token, the window (global index) that owns it.
    owner: Vec<u32>,
    /// Word-major log-probabilities, `tags.len()` per word.
    logp: Vec<f32>,
}

impl TransformerNer {
    /// Load the entry `model` (default entry when `None`) of a models.toml.
    pub fn from_models_file(
        file: &ModelsFile,
        model: Option<&str>,
        options: NerOptions,
    ) -> Result<Self> {
        let (name, entry, dir) = file.entry(model)?;
        Self::load(&name, &entry, &dir, options)
    }

    /// Load a model directory in Hugging Face layout described by `entry`.
    pub fn load(name: &str, entry: &ModelEntry, dir: &Path, options: NerOptions) -> Result<Self> {
        if let Some(t) = options.threads {
            tch::set_num_threads(t.max(1) as i32);
        }
        let fix = "run `make setup` / check the `path` of this entry in models.toml";
        if !dir.is_dir() {
            return Err(missing("model directory", dir.to_path_buf(), name, fix));
        }
        let config_path = dir.join("config.json");
        let config_src = std::fs::read_to_string(&config_path)
            .map_err(|_| missing("config.json", config_path.clone(), name, fix))?;
        let weights = ["model.safetensors", "rust_model.ot"]
            .iter()
            .map(|f| dir.join(f))
            .find(|p| p.is_file())
            .ok_or_else(|| {
                missing(
                    "weights (model.safetensors or rust_model.ot)",
                    dir.join("model.safetensors"),
                    name,
                    "put the checkpoint's weights in the model directory",
                )
            })?;
        let mut vs = nn::VarStore::new(options.device);
        let built = build_net(entry.architecture, &vs, &config_src, &config_path)?;
        let tags = TagSet::from_id2label(name, &built.id2label, &entry.labels)?;
        let outside = tags.outside_class().ok_or_else(|| Error::Config {
            path: config_path.display().to_string(),
            line: 0,
            column: 0,
            message: "the label set has no `O` class".into(),
        })?;
        vs.load(&weights).map_err(|e| Error::Config {
            path: weights.display().to_string(),
            line: 0,
            column: 0,
            message: format!("cannot load weights for model `{name}`: {e}"),
        })?;
        // Inference in fp32 whatever the stored precision.
        vs.float();
        vs.freeze();
        let fast = built
            .bert_cfg
            .and_then(|cfg| FastBert::from_var_store(&vs, &cfg, entry.precision));
        let tokenizer = WordTokenizer::from_dir(dir, name, entry.lowercase)?;
        let max_length = entry.max_length.min(built.max_pos.max(8) as usize);
        let stride = entry.stride.min((max_length - 2) / 2 - 1);
        Ok(TransformerNer {
            name: name.to_string(),
            net: built.net,
            _vs: vs,
            tokenizer,
            tags,
            outside,
            max_length,
            stride,
            options,
            fast,
            use_fast: true,
        })
    }

    /// The model entry's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The model's tag set.
    pub fn tags(&self) -> &TagSet {
        &self.tags
    }

    /// Windows per forward pass.
    pub fn batch_size(&self) -> usize {
        self.options.batch_size
    }

    /// Change the number of windows per forward pass (results do not change).
    pub fn set_batch_size(&mut self, n: usize) {
        self.options.batch_size = n.max(1);
    }

    /// Use the lean BERT forward pass when the model allows it (default `true`); `false`
    /// runs rust-bert's own forward over the same weights. Results agree to float rounding;
    /// this exists to compare the two.
    pub fn set_fast_forward(&mut self, on: bool) {
        self.use_fast = on;
    }

    /// The arithmetic of the encoder's projections in use: the entry's `precision` with the
    /// lean forward, fp32 otherwise (rust-bert's forward and non-BERT models run fp32).
    pub fn precision(&self) -> Precision {
        match (&self.fast, self.use_fast) {
            (Some(f), true) => f.precision(),
            _ => Precision::Fp32,
        }
    }

    /// Whether the lean BERT forward pass is in use (see [`Self::set_fast_forward`]).
    pub fn fast_forward(&self) -> bool {
        self.use_fast && self.fast.is_some()
    }

    /// Change the window geometry (tokens per window incl. specials, overlap). Results of
    /// texts that fit in one window do not change.
    pub fn set_window(&mut self, max_length: usize, stride: usize) {
        self.max_length = max_length.max(8);
        self.stride = stride.min((self.max_length - 2) / 2 - 1);
    }

    /// Tag class path (one class index per word) for documents given as words, plus each
    /// word's log-probability rows. The lowest-level entry point (used by `eval_conll`).
    pub fn predict_words(&self, docs: &[Vec<&str>]) -> Result<Vec<(Vec<usize>, Vec<f32>)>> {
        let mut prepared = Vec::with_capacity(docs.len());
        for words in docs {
            let enc = self.tokenizer.encode_words(words)?;
            prepared.push(Prepared {
                words: Vec::new(),
                owner: Vec::new(),
                logp: Vec::new(),
                enc,
            });
        }
        self.run(&mut prepared)?;
        Ok(prepared
            .into_iter()
            .map(|p| (self.tags.viterbi(&p.logp), p.logp))
            .collect())
    }

    /// Cut every document into windows, run them, fill `logp`.
    fn run(&self, docs: &mut [Prepared]) -> Result<()> {
        let windows = self.cut_windows(docs);
        // Length-sorted batches (longest first), dynamic padding.
        let mut order: Vec<usize> = (0..windows.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(windows[i].end - windows[i].start));
        let token_word = token_words(docs);
        for chunk in order.chunks(self.options.batch_size.max(1)) {
            self.run_batch(chunk, &windows, docs, &token_word)?;
        }
        // Words without sub-words are outside any entity.
        let classes = self.tags.len();
        for p in docs.iter_mut() {
            for (w, f) in p.enc.first.iter().enumerate() {
                if f.is_none() {
                    let row = &mut p.logp[w * classes..(w + 1) * classes];
                    row.fill(-1e4);
                    row[self.outside] = 0.0;
                }
            }
        }
        Ok(())
    }

    /// Cut every document into overlapping windows; set each token's owner window and
    /// size each document's `logp`.
    fn cut_windows(&self, docs: &mut [Prepared]) -> Vec<Window> {
        let content = self.max_length - 2;
        let step = content - self.stride;
        let mut windows: Vec<Window> = Vec::new();
        for (d, p) in docs.iter_mut().enumerate() {
            let n = p.enc.ids.len();
            p.owner = vec![0; n];
            let first_window = windows.len();
            let mut start = 0usize;
            loop {
                let end = (start + content).min(n);
                windows.push(Window { doc: d, start, end });
                if end >= n {
                    break;
                }
                start += step;
                if start + content > n {
                    start = n.saturating_sub(content);
                }
            }
            assign_owners(&mut p.owner, &windows, first_window);
            p.logp = vec![0.0; p.enc.first.len() * self.tags.len()];
        }
        windows
    }

    /// Run one batch of windows (indices `chunk` into `windows`) and copy each owned
    /// first-sub-word row of log-probabilities into its document's `logp`.
    fn run_batch(
        &self,
        chunk: &[usize],
        windows: &[Window],
        docs: &mut [Prepared],
        token_word: &[Vec<u32>],
    ) -> Result<()> {
        let classes = self.tags.len();
        let width = chunk
            .iter()
            .map(|&i| windows[i].end - windows[i].start)
            .max()
            .unwrap_or(0)
            + 2;
        let padded = chunk
            .iter()
            .any(|&i| windows[i].end - windows[i].start + 2 != width);
        let mut ids = vec![self.tokenizer.pad; chunk.len() * width];
        let mut mask = vec![0i64; chunk.len() * width];
        for (r, &wi) in chunk.iter().enumerate() {
            let w = windows[wi];
            let row = &mut ids[r * width..(r + 1) * width];
            row[0] = self.tokenizer.cls;
            row[1..1 + w.end - w.start].copy_from_slice(&docs[w.doc].enc.ids[w.start..w.end]);
            row[1 + w.end - w.start] = self.tokenizer.sep;
            mask[r * width..r * width + w.end - w.start + 2].fill(1);
        }
        let logp = self.forward(&ids, &mask, (chunk.len(), width), padded)?;
        if logp.len() != chunk.len() * width * classes {
            return Err(Error::torch(format!(
                "model returned {} values, expected {}",
                logp.len(),
                chunk.len() * width * classes
            )));
        }
        for (r, &wi) in chunk.iter().enumerate() {
            let w = windows[wi];
            let p = &mut docs[w.doc];
            for (t, &word) in token_word[w.doc]
                .iter()
                .enumerate()
                .take(w.end)
                .skip(w.start)
            {
                if p.owner[t] as usize != wi {
                    continue;
                }
                if word == u32::MAX {
                    continue;
                }
                let src = (r * width + 1 + t - w.start) * classes;
                let dst = word as usize * classes;
                p.logp[dst..dst + classes].copy_from_slice(&logp[src..src + classes]);
            }
        }
        Ok(())
    }

    /// One forward pass over `rows × width` token ids: row-major log-probabilities, one
    /// row of classes per token.
    fn forward(
        &self,
        ids: &[i64],
        mask: &[i64],
        (rows, width): (usize, usize),
        padded: bool,
    ) -> Result<Vec<f32>> {
        tch::no_grad(|| -> Result<Vec<f32>> {
            let ids = Tensor::from_slice(ids)
                .view([rows as i64, width as i64])
                .to_device(self.options.device);
            let mask = Tensor::from_slice(mask)
                .view([rows as i64, width as i64])
                .to_device(self.options.device);
            let logits = match (&self.fast, self.use_fast) {
                (Some(fast), true) => fast.logits(&ids, &mask, padded),
                _ => self.net.logits(&ids, &mask)?,
            };
            let out = logits
                .log_softmax(-1, Kind::Float)
                .to_device(Device::Cpu)
                .contiguous()
                .view([-1]);
            Vec::<f32>::try_from(&out).map_err(Error::from)
        })
    }
}

/// Ownership of each token of a document: the window (from `first_window` on) where the
/// token is farthest from an edge.
fn assign_owners(owner: &mut [u32], windows: &[Window], first_window: usize) {
    let n = owner.len();
    let mut best = vec![-1i64; n];
    for (wi, w) in windows.iter().enumerate().skip(first_window) {
        let owners = &mut owner[w.start..w.end];
        for (k, (b, o)) in best[w.start..w.end].iter_mut().zip(owners).enumerate() {
            let t = w.start + k;
            let left = (t - w.start) as i64;
            let right = (w.end - 1 - t) as i64;
            // A window touching the document edge has no edge there.
            let left = if w.start == 0 { i64::MAX / 2 } else { left };
            let right = if w.end == n { i64::MAX / 2 } else { right };
            let c = left.min(right);
            if c > *b {
                *b = c;
                *o = wi as u32;
            }
        }
    }
}

/// For each document, token → word for words whose first sub-word is the token
/// (`u32::MAX` for the others).
fn token_words(docs: &[Prepared]) -> Vec<Vec<u32>> {
    docs.iter()
        .map(|p| {
            let mut tw = vec![u32::MAX; p.enc.ids.len()];
            for (w, f) in p.enc.first.iter().enumerate() {
                if let Some(t) = f {
                    tw[*t] = w as u32;
                }
            }
            tw
        })
        .collect()
}

impl Recognizer for TransformerNer {
    fn recognize_batch(&self, texts: &[&str]) -> Result<Vec<Vec<Entity>>> {
        let mut prepared = Vec::with_capacity(texts.len());
        for text in texts {
            let words = split_words(text);
            let strs: Vec<&str> = words.iter().map(|w| &text[w.start..w.end]).collect();
            let enc = self.tokenizer.encode_words(&strs)?;
            prepared.push(Prepared {
                words,
                enc,
                owner: Vec::new(),
                logp: Vec::new(),
            });
        }
        self.run(&mut prepared)?;
        let classes = self.tags.len();
        let mut out = Vec::with_capacity(texts.len());
        for (text, p) in texts.iter().zip(prepared) {
            let path = self.tags.viterbi(&p.logp);
            let index = CharIndex::new(text);
            let mut ents = Vec::new();
            for (a, b, label) in self.tags.spans(&path) {
                let Some(span_words) = p.words.get(a..b) else {
                    continue;
                };
                let strs: Vec<&str> = span_words.iter().map(|w| &text[w.start..w.end]).collect();
                let (ta, tb) = trim_entity(&strs);
                if ta >= tb {
                    continue;
                }
                let (a, b) = (a + ta, a + tb);
                let (first, last) = (&p.words[a], &p.words[b - 1]);
                let score = (a..b)
                    .map(|w| p.logp[w * classes + path[w]].exp())
                    .sum::<f32>()
                    / (b - a) as f32;
                let span = index.span_from_bytes(first.start, last.end);
                ents.push(Entity::new(text, span, label, score));
            }
            out.push(ents);
        }
        Ok(out)
    }
}
