//! Throughput of the Rust engines on one corpus, for `scripts/peers.sh` (`make peers`):
//! detente's NER, detente end to end (NER + actors + attribution + stance), and rust-bert's
//! own `NERModel` pipeline on the same weights. Also measures the machine's fp32 matmul
//! peak through libtorch and the encoder FLOPs our NER path spends on the corpus.
//!
//! ```text
//! cargo run --release --example peer_rust -- --engine detente --threads 2
//! cargo run --release --example peer_rust -- --engine rustbert --threads 2
//! cargo run --release --example peer_rust -- --matmul --threads 2
//! cargo run --release --example peer_rust -- --model-info
//! ```
//! Each engine run prints one JSON line (`engine`, `threads`, `docs`, `tokens`, the seconds
//! of each timed pass, `docs_per_s`, `tokens_per_s` from the median pass; for detente also
//! `encoder_flops` and `gflops`). The model is the default entry of models.toml
//! (`$DETENTE_MODELS` or `--models` to change it); the corpus is the CoNLL-2003 test set
//! rebuilt into documents (`benches/common/corpus.rs`; `$DETENTE_CONLL_TEST` to move it).

#[path = "../benches/common/corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Parser;
use detente::config::{ModelEntry, ModelsFile};
use detente::ner::tokenize::WordTokenizer;
use detente::ner::transformer::{NerOptions, TransformerNer};
use detente::ner::words::split_words;
use detente::ner::Recognizer;
use detente::Tagger;
use rust_bert::pipelines::common::{ModelResource, ModelType};
use rust_bert::pipelines::ner::NERModel;
use rust_bert::pipelines::token_classification::{
    LabelAggregationOption, TokenClassificationConfig,
};
use rust_bert::resources::LocalResource;
use serde_json::json;
use tch::{Device, Kind, Tensor};

#[derive(Parser, Debug)]
#[command(about = "Throughput of detente and rust-bert NER on one corpus")]
struct Args {
    /// `detente` (NER only), `detente-e2e` (NER + rule layer), `rustbert` (NERModel) or
    /// `tokenize` (detente's word splitting and sub-word encoding alone).
    #[arg(long, default_value = "detente")]
    engine: String,
    /// libtorch intra-op threads.
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Windows (detente) / features (rust-bert) per forward pass.
    #[arg(long, default_value_t = 32)]
    batch: usize,
    /// `conll` (CoNLL-2003 test documents) or `seed` (the seed article).
    #[arg(long, default_value = "conll")]
    corpus: String,
    /// Timed passes over the corpus, at most (the median is reported).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Stop repeating once the timed passes add up to this many seconds.
    #[arg(long, default_value_t = 60.0)]
    max_secs: f64,
    /// Only the first N documents.
    #[arg(long)]
    limit: Option<usize>,
    /// models.toml (default: $DETENTE_MODELS or the crate's).
    #[arg(long)]
    models: Option<PathBuf>,
    /// Model entry (default: the file's default).
    #[arg(long)]
    model: Option<String>,
    /// Override the entry's `precision` (fp32, bf16, int8).
    #[arg(long)]
    precision: Option<String>,
    /// Name to print as `engine` (default: the engine), e.g. `detente-int8`.
    #[arg(long)]
    label: Option<String>,
    /// Print the model directory and window settings as JSON and exit.
    #[arg(long)]
    model_info: bool,
    /// Measure the fp32 matmul rate (GFLOP/s) at `--threads` and exit.
    #[arg(long)]
    matmul: bool,
    /// detente with rust-bert's own forward pass instead of the lean one.
    #[arg(long)]
    reference_forward: bool,
    /// Tag the corpus with both forward passes and compare the entities, then exit.
    #[arg(long)]
    compare: bool,
    /// Write the corpus as JSON lines to this file, print its document and token counts, exit.
    #[arg(long)]
    dump: Option<PathBuf>,
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn load_docs(args: &Args) -> Res<Vec<String>> {
    let mut docs = match args.corpus.as_str() {
        "seed" => vec![corpus::SEED_ARTICLE.to_string()],
        "conll" => corpus::conll_documents(&corpus::conll_test_path())?,
        other => return Err(format!("unknown corpus `{other}` (conll or seed)").into()),
    };
    if let Some(n) = args.limit {
        docs.truncate(n.max(1));
    }
    Ok(docs)
}

/// Median of the pass times.
fn median(secs: &[f64]) -> f64 {
    let mut s = secs.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    s[s.len() / 2]
}

/// Encoder shape read from config.json.
struct Shape {
    layers: f64,
    hidden: f64,
    intermediate: f64,
    classes: f64,
}

fn shape(dir: &Path) -> Res<Shape> {
    let cfg: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("config.json"))?)?;
    let get = |k: &str| {
        cfg[k]
            .as_f64()
            .ok_or_else(|| format!("config.json has no {k}"))
    };
    Ok(Shape {
        layers: get("num_hidden_layers")?,
        hidden: get("hidden_size")?,
        intermediate: get("intermediate_size")?,
        classes: cfg["id2label"].as_object().map_or(0, |m| m.len()) as f64,
    })
}

impl Shape {
    /// FLOPs of one window of `l` tokens (specials included): per layer and token
    /// 2·(4h² + 2hi) for the Q/K/V/output and feed-forward projections plus 2·2·l·h for the
    /// attention scores and the weighted sum, then 2·h·C for the classifier.
    fn window_flops(&self, l: f64) -> f64 {
        let (h, i) = (self.hidden, self.intermediate);
        l * (self.layers * (2.0 * (4.0 * h * h + 2.0 * h * i) + 4.0 * l * h)
            + 2.0 * h * self.classes)
    }
}

/// Sub-word count of every document and the encoder FLOPs of detente's window plan
/// (windows of `max_length - 2` content tokens overlapping by `stride`, plus [CLS]/[SEP]).
fn plan(docs: &[String], dir: &Path, entry: &ModelEntry, name: &str) -> Res<(usize, f64, usize)> {
    let tok = WordTokenizer::from_dir(dir, name, entry.lowercase)?;
    let sh = shape(dir)?;
    let content = entry.max_length - 2;
    let stride = entry.stride.min(content / 2 - 1);
    let step = content - stride;
    let (mut tokens, mut flops, mut windows) = (0usize, 0.0f64, 0usize);
    for d in docs {
        let words = split_words(d);
        let strs: Vec<&str> = words.iter().map(|w| &d[w.start..w.end]).collect();
        let n = tok.encode_words(&strs)?.ids.len();
        tokens += n;
        let mut start = 0usize;
        loop {
            let end = (start + content).min(n);
            flops += sh.window_flops((end - start + 2) as f64);
            windows += 1;
            if end >= n {
                break;
            }
            start += step;
            if start + content > n {
                start = n.saturating_sub(content);
            }
        }
    }
    Ok((tokens, flops, windows))
}

/// fp32 matrix-multiply rate through libtorch: `Tensor::matmul` (MKL sgemm) and
/// `mkldnn_linear` (oneDNN, what the lean forward uses) on n×n squares; the peak is the best.
fn matmul(threads: usize) {
    tch::set_num_threads(threads as i32);
    tch::manual_seed(0);
    let time = |f: &dyn Fn(), reps: usize| {
        f();
        let mut best = f64::MAX;
        for _ in 0..3 {
            let t0 = Instant::now();
            for _ in 0..reps {
                f();
            }
            best = best.min(t0.elapsed().as_secs_f64() / reps as f64);
        }
        best
    };
    let (mut peak_mkl, mut peak_onednn) = (0.0f64, 0.0f64);
    let mut rows = Vec::new();
    tch::no_grad(|| {
        for n in [1024i64, 2048, 3072] {
            let a = Tensor::randn([n, n], (Kind::Float, Device::Cpu));
            let b = Tensor::randn([n, n], (Kind::Float, Device::Cpu));
            let reps = if n <= 1024 { 20 } else { 5 };
            let flops = 2.0 * (n as f64).powi(3);
            let mkl = flops / time(&|| drop(a.matmul(&b)), reps) / 1e9;
            let a_dnn = a.to_mkldnn();
            let onednn =
                flops / time(&|| drop(a_dnn.mkldnn_linear(&b, None::<Tensor>)), reps) / 1e9;
            peak_mkl = peak_mkl.max(mkl);
            peak_onednn = peak_onednn.max(onednn);
            rows.push(json!({"n": n, "matmul_gflops": mkl, "onednn_gflops": onednn}));
        }
    });
    println!(
        "{}",
        json!({"matmul": rows, "threads": threads, "matmul_peak_gflops": peak_mkl,
               "onednn_peak_gflops": peak_onednn, "peak_gflops": peak_mkl.max(peak_onednn)})
    );
}

/// Tag `docs` with the lean and with rust-bert's forward pass; report differences.
fn compare(docs: &[String], name: &str, entry: &ModelEntry, dir: &Path, args: &Args) -> Res<()> {
    let options = NerOptions {
        threads: Some(args.threads),
        batch_size: args.batch,
        ..Default::default()
    };
    let mut ner = TransformerNer::load(name, entry, dir, options)?;
    let texts: Vec<&str> = docs.iter().map(String::as_str).collect();
    ner.set_fast_forward(false);
    let reference = ner.recognize_batch(&texts)?;
    ner.set_fast_forward(true);
    let fast = ner.recognize_batch(&texts)?;
    let (mut same_docs, mut ents, mut max_score_diff) = (0usize, 0usize, 0.0f32);
    for (a, b) in reference.iter().zip(&fast) {
        ents += a.len();
        let key = |e: &detente::Entity| (e.span(), e.label);
        if a.len() == b.len() && a.iter().zip(b).all(|(x, y)| key(x) == key(y)) {
            same_docs += 1;
            for (x, y) in a.iter().zip(b) {
                max_score_diff = max_score_diff.max((x.score - y.score).abs());
            }
        }
    }
    println!(
        "{}",
        json!({"docs": docs.len(), "identical_docs": same_docs, "entities": ents,
               "fast_forward_available": ner.fast_forward(), "max_score_diff": max_score_diff})
    );
    Ok(())
}

/// Timed passes of one engine over the corpus.
#[derive(Default)]
struct Timing {
    /// Seconds of each timed pass.
    secs: Vec<f64>,
    /// What the last pass found (entities, actors or sub-word tokens).
    found: usize,
    /// Seconds of the rule layer in each pass (`detente-e2e` only).
    rules_secs: Vec<f64>,
}

/// A model entry as loaded from models.toml: (entry name, entry, model directory).
struct Model<'a> {
    file: &'a ModelsFile,
    name: &'a str,
    entry: &'a ModelEntry,
    dir: &'a Path,
}

/// Whether another timed pass is due.
fn more(t: &Timing, args: &Args) -> bool {
    t.secs.len() < args.repeat.max(1) && t.secs.iter().sum::<f64>() <= args.max_secs
}

/// detente's NER alone.
fn time_detente(m: &Model, texts: &[&str], warm: &[&str], args: &Args) -> Res<Timing> {
    let options = NerOptions {
        threads: Some(args.threads),
        batch_size: args.batch,
        ..Default::default()
    };
    let mut ner = TransformerNer::load(m.name, m.entry, m.dir, options)?;
    ner.set_fast_forward(!args.reference_forward);
    ner.recognize_batch(warm)?;
    let mut t = Timing::default();
    while more(&t, args) {
        let t0 = Instant::now();
        let out = ner.recognize_batch(texts)?;
        t.secs.push(t0.elapsed().as_secs_f64());
        t.found = out.iter().map(Vec::len).sum();
    }
    Ok(t)
}

/// What `Tagger::analyze_batch` does, with the rule layer timed on its own.
fn time_e2e(m: &Model, texts: &[&str], warm: &[&str], args: &Args) -> Res<Timing> {
    let tagger = Tagger::builder()
        .models_file(m.file.source.clone())
        .model(m.name.to_string())
        .threads(args.threads)
        .batch_size(args.batch)
        .build()?;
    for r in tagger.analyze_batch(warm) {
        r?;
    }
    let mut t = Timing::default();
    while more(&t, args) {
        let t0 = Instant::now();
        let ents = tagger.raw_entities_batch(texts)?;
        let t1 = Instant::now();
        let out: Vec<_> = texts
            .iter()
            .zip(ents)
            .map(|(x, e)| tagger.analyzer().analyze(x, e))
            .collect();
        t.secs.push(t0.elapsed().as_secs_f64());
        t.rules_secs.push(t1.elapsed().as_secs_f64());
        t.found = out.iter().map(|a| a.actors.len()).sum();
    }
    Ok(t)
}

/// rust-bert's own `NERModel` over the same weights.
fn time_rustbert(m: &Model, texts: &[&str], warm: &[&str], args: &Args) -> Res<Timing> {
    let weights = ["model.safetensors", "rust_model.ot"]
        .iter()
        .map(|f| m.dir.join(f))
        .find(|p| p.is_file())
        .ok_or("no model.safetensors / rust_model.ot in the model directory")?;
    let local = |p: PathBuf| LocalResource { local_path: p };
    let mut config = TokenClassificationConfig::new(
        ModelType::Bert,
        ModelResource::Torch(Box::new(local(weights))),
        local(m.dir.join("config.json")),
        local(m.dir.join("vocab.txt")),
        None,
        m.entry.lowercase,
        None,
        None,
        LabelAggregationOption::First,
    );
    config.device = Device::Cpu;
    config.batch_size = args.batch;
    let model = NERModel::new(config)?;
    model.predict(warm);
    let mut t = Timing::default();
    while more(&t, args) {
        let t0 = Instant::now();
        let out = model.predict(texts);
        t.secs.push(t0.elapsed().as_secs_f64());
        t.found = out.iter().map(Vec::len).sum();
    }
    Ok(t)
}

/// detente's preprocessing alone: word splitting + sub-word encoding.
fn time_tokenize(m: &Model, texts: &[&str], args: &Args) -> Res<Timing> {
    let tok = WordTokenizer::from_dir(m.dir, m.name, m.entry.lowercase)?;
    let mut t = Timing::default();
    while more(&t, args) {
        let t0 = Instant::now();
        t.found = 0;
        for d in texts {
            let words = split_words(d);
            let strs: Vec<&str> = words.iter().map(|w| &d[w.start..w.end]).collect();
            t.found += tok.encode_words(&strs)?.ids.len();
        }
        t.secs.push(t0.elapsed().as_secs_f64());
    }
    Ok(t)
}

/// `--model-info` and `--matmul`: print and stop. Returns whether one ran.
fn info_mode(args: &Args, m: &Model) -> bool {
    if args.model_info {
        println!(
            "{}",
            json!({"name": m.name, "dir": m.dir.canonicalize().unwrap_or(m.dir.to_path_buf()), "max_length": m.entry.max_length,
                   "stride": m.entry.stride, "lowercase": m.entry.lowercase, "precision": m.entry.precision})
        );
        return true;
    }
    if args.matmul {
        matmul(args.threads);
        return true;
    }
    false
}

/// `--dump` and `--compare` over the loaded corpus. Returns whether one ran.
fn corpus_mode(args: &Args, m: &Model, docs: &[String]) -> Res<bool> {
    if let Some(path) = &args.dump {
        let lines: Vec<String> = docs
            .iter()
            .map(|d| serde_json::to_string(d).unwrap_or_default())
            .collect();
        std::fs::write(path, lines.join("\n") + "\n")?;
        let (tokens, _, windows) = plan(docs, m.dir, m.entry, m.name)?;
        println!(
            "{}",
            json!({"docs": docs.len(), "tokens": tokens, "windows": windows})
        );
        return Ok(true);
    }
    if args.compare {
        compare(docs, m.name, m.entry, m.dir, args)?;
        return Ok(true);
    }
    Ok(false)
}

fn main() -> Res<()> {
    let args = Args::parse();
    let file = ModelsFile::load(&ModelsFile::locate(args.models.as_deref()))?;
    let (name, mut entry, dir) = file.entry(args.model.as_deref())?;
    if let Some(p) = &args.precision {
        entry.precision = serde_json::from_value(json!(p))
            .map_err(|_| format!("unknown precision `{p}` (fp32, bf16, int8)"))?;
    }
    let m = Model {
        file: &file,
        name: &name,
        entry: &entry,
        dir: &dir,
    };
    if info_mode(&args, &m) {
        return Ok(());
    }
    let docs = load_docs(&args)?;
    if corpus_mode(&args, &m, &docs)? {
        return Ok(());
    }
    let t_plan = Instant::now();
    let (tokens, flops, windows) = plan(&docs, &dir, &entry, &name)?;
    // Word splitting + sub-word encoding of the corpus (plus loading the tokenizer).
    let tokenize_secs = t_plan.elapsed().as_secs_f64();
    let texts: Vec<&str> = docs.iter().map(String::as_str).collect();
    let warm = &texts[..texts.len().min(8)];
    tch::set_num_threads(args.threads as i32);
    let t = match args.engine.as_str() {
        "detente" => time_detente(&m, &texts, warm, &args)?,
        "detente-e2e" => time_e2e(&m, &texts, warm, &args)?,
        "rustbert" => time_rustbert(&m, &texts, warm, &args)?,
        "tokenize" => time_tokenize(&m, &texts, &args)?,
        other => {
            return Err(format!(
                "unknown engine `{other}` (detente, detente-e2e, rustbert, tokenize)"
            )
            .into())
        }
    };
    let med = median(&t.secs);
    let mut out = json!({
        "engine": args.label.as_deref().unwrap_or(&args.engine), "model": name, "threads": args.threads, "batch": args.batch, "corpus": args.corpus,
        "docs": docs.len(), "tokens": tokens, "secs": t.secs,
        "docs_per_s": docs.len() as f64 / med, "tokens_per_s": tokens as f64 / med, "found": t.found,
    });
    if args.engine.starts_with("detente") {
        out["windows"] = json!(windows);
        out["encoder_flops"] = json!(flops);
        out["gflops"] = json!(flops / med / 1e9);
        out["tokenize_secs"] = json!(tokenize_secs);
        out["precision"] = json!(entry.precision);
    }
    if !t.rules_secs.is_empty() {
        let share: f64 = t.rules_secs.iter().sum::<f64>() / t.secs.iter().sum::<f64>();
        let bytes: usize = docs.iter().map(String::len).sum();
        out["rules_secs"] = json!(t.rules_secs);
        out["rules_share"] = json!(share);
        out["rules_mb_per_s"] = json!(bytes as f64 / median(&t.rules_secs) / 1e6);
    }
    println!("{out}");
    Ok(())
}
