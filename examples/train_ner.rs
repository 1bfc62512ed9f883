//! Fine-tune a BERT-shaped encoder (default: all-MiniLM-L6-v2 from `scripts/setup.sh minilm`)
//! for CoNLL-2003 NER, with document context, and export a detente model directory.
//!
//! ```text
//! scripts/setup.sh minilm
//! cargo run --release --example train_ner -- --epochs 4 --out models/minilm-conll
//! ```
//!
//! Context: CoNLL sentences keep their original article order, so consecutive sentences are
//! packed into windows of up to `--max-len` tokens and every word is labelled with its
//! neighbours in view — the same windows the library uses to tag whole articles. Window
//! sizes are drawn at random per epoch so that sentence positions vary. Only the first
//! sub-word of each word carries a label (the rest are ignored by the loss), matching the
//! word-level decoding of the library. AdamW, linear warm-up then linear decay, gradient
//! norm clipping, dropout on. After each epoch the model is exported and scored on the dev
//! set with the library's own inference path (so the figure is what users will get).
//!
//! Distillation (`--teacher DIR --layers N`): a student of N layers is initialised from the
//! teacher detente model (embeddings, classifier, and teacher layers `--layer-map`), then
//! trained on the teacher's soft labels (KL at `--temperature`, weight `--alpha`) plus the
//! gold tags (weight `1 - alpha`), on first sub-words:
//!
//! ```text
//! cargo run --release --example train_ner -- --teacher models/minilm-conll --layers 3 \
//!     --layer-map 0,2,5 --epochs 2 --with-dev --out models/minilm-conll-l3
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Parser;
use detente::config::{Architecture, ModelEntry};
use detente::ner::conll::{read_conll, Scores, Sentence};
use detente::ner::tokenize::WordTokenizer;
use detente::ner::transformer::{NerOptions, TransformerNer};
use indicatif::{ProgressBar, ProgressStyle};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rust_bert::bert::{BertConfig, BertForTokenClassification};
use tch::{nn, nn::OptimizerConfig, Device, Kind, Reduction, Tensor};

const LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

#[derive(Parser, Debug)]
#[command(about = "Fine-tune a BERT encoder on CoNLL-2003 and export a detente NER model")]
struct Args {
    /// Base encoder directory (config.json, model.safetensors, tokenizer.json).
    #[arg(long, default_value = "third_party/minilm")]
    base: PathBuf,
    /// CoNLL-2003 directory with train.txt, dev.txt, test.txt.
    #[arg(long, default_value = "../shared/data/conll2003")]
    data: PathBuf,
    /// Output model directory.
    #[arg(long, default_value = "models/minilm-conll")]
    out: PathBuf,
    /// Epochs.
    #[arg(long, default_value_t = 4)]
    epochs: usize,
    /// Peak learning rate.
    #[arg(long, default_value_t = 1.5e-4)]
    lr: f64,
    /// Windows per step.
    #[arg(long, default_value_t = 8)]
    batch: usize,
    /// Max tokens per window (special tokens included).
    #[arg(long, default_value_t = 128)]
    max_len: usize,
    /// Minimum packing target (tokens) when drawing window sizes.
    #[arg(long, default_value_t = 48)]
    min_len: usize,
    /// Warm-up fraction of all steps.
    #[arg(long, default_value_t = 0.06)]
    warmup: f64,
    /// AdamW weight decay.
    #[arg(long, default_value_t = 0.01)]
    wd: f64,
    /// Random seed.
    #[arg(long, default_value_t = 13)]
    seed: u64,
    /// Also train on dev.txt (for the final model, after settings were chosen on dev).
    #[arg(long)]
    with_dev: bool,
    /// libtorch threads.
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// Stop after this many steps per epoch (smoke tests).
    #[arg(long)]
    max_steps: Option<usize>,
    /// Score dev after every epoch (else only at the end).
    #[arg(long)]
    eval_each_epoch: bool,
    /// Distil from this detente model directory (also the tokenizer and the initialisation).
    #[arg(long)]
    teacher: Option<PathBuf>,
    /// Student layers (with --teacher).
    #[arg(long, default_value_t = 3)]
    layers: i64,
    /// Teacher layer that initialises each student layer, comma-separated (with --teacher).
    #[arg(long, default_value = "0,2,5")]
    layer_map: String,
    /// Softmax temperature of the soft labels.
    #[arg(long, default_value_t = 2.0)]
    temperature: f64,
    /// Weight of the soft-label loss (the gold tags get 1 - alpha).
    #[arg(long, default_value_t = 0.7)]
    alpha: f64,
}

/// The teacher of a distillation run and the student's initialisation.
struct Teacher {
    model: BertForTokenClassification,
    _vs: nn::VarStore,
    /// Teacher tensors by name (`bert.`-rooted, as stored).
    tensors: HashMap<String, Tensor>,
}

impl Teacher {
    fn load(dir: &Path) -> anyhow_lite::Result<Teacher> {
        let cfg: BertConfig =
            serde_json::from_str(&std::fs::read_to_string(dir.join("config.json"))?)?;
        let mut vs = nn::VarStore::new(Device::Cpu);
        let model = BertForTokenClassification::new(vs.root(), &cfg)?;
        vs.load(dir.join("model.safetensors"))?;
        vs.float();
        vs.freeze();
        let tensors = vs.variables();
        Ok(Teacher {
            model,
            _vs: vs,
            tensors,
        })
    }

    /// The teacher tensor that initialises student variable `name`.
    fn source(&self, name: &str, map: &[usize]) -> Option<&Tensor> {
        let key = match name.strip_prefix("bert.encoder.layer.") {
            Some(rest) => {
                let (i, tail) = rest.split_once('.')?;
                let t = map.get(i.parse::<usize>().ok()?)?;
                format!("bert.encoder.layer.{t}.{tail}")
            }
            None => name.to_string(),
        };
        self.tensors.get(&key)
    }
}

/// KL(teacher ‖ student) at temperature `t` over the positions where `lab != -100`, × t².
fn soft_loss(student: &Tensor, teacher: &Tensor, lab: &Tensor, t: f64) -> Tensor {
    let c = LABELS.len() as i64;
    let m = lab.ne(-100).to_kind(Kind::Float);
    let lt = (teacher.view([-1, c]) / t).log_softmax(-1, Kind::Float);
    let ls = (student.view([-1, c]) / t).log_softmax(-1, Kind::Float);
    let kl = (lt.exp() * (&lt - ls)).sum_dim_intlist([-1i64].as_slice(), false, Kind::Float);
    (kl * &m).sum(Kind::Float) / m.sum(Kind::Float).clamp_min(1.0) * (t * t)
}

/// One encoded sentence.
struct Enc {
    ids: Vec<i64>,
    labels: Vec<i64>,
}

fn encode(tok: &WordTokenizer, sents: &[Sentence]) -> Result<Vec<Enc>, detente::Error> {
    let idx: HashMap<&str, i64> = LABELS
        .iter()
        .enumerate()
        .map(|(i, l)| (*l, i as i64))
        .collect();
    let mut out = Vec::with_capacity(sents.len());
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let e = tok.encode_words(&words)?;
        let mut labels = vec![-100i64; e.ids.len()];
        for (w, f) in e.first.iter().enumerate() {
            if let Some(t) = f {
                labels[*t] = *idx.get(s.tags[w].as_str()).unwrap_or(&0);
            }
        }
        out.push(Enc { ids: e.ids, labels });
    }
    Ok(out)
}

/// Pack consecutive sentences into windows of random target size.
fn pack(
    sents: &[Enc],
    content: usize,
    min: usize,
    rng: &mut impl Rng,
) -> Vec<(Vec<i64>, Vec<i64>)> {
    let mut out = Vec::new();
    let mut ids = Vec::new();
    let mut labels = Vec::new();
    let mut target = rng.gen_range(min.min(content)..=content);
    for s in sents {
        if !ids.is_empty() && ids.len() + s.ids.len() > target {
            out.push((std::mem::take(&mut ids), std::mem::take(&mut labels)));
            target = rng.gen_range(min.min(content)..=content);
        }
        let take = s.ids.len().min(content);
        ids.extend_from_slice(&s.ids[..take]);
        labels.extend_from_slice(&s.labels[..take]);
    }
    if !ids.is_empty() {
        out.push((ids, labels));
    }
    out
}

fn write_model_dir(
    vs: &nn::VarStore,
    cfg_json: &serde_json::Value,
    base: &Path,
    out: &Path,
) -> anyhow_lite::Result<()> {
    std::fs::create_dir_all(out)?;
    let mut named: Vec<(String, Tensor)> = vs
        .variables()
        .into_iter()
        .map(|(n, t)| (n, t.detach().to_kind(Kind::Half).contiguous()))
        .collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    Tensor::write_safetensors(&named, out.join("model.safetensors"))?;
    std::fs::write(
        out.join("config.json"),
        serde_json::to_string_pretty(cfg_json)?,
    )?;
    // Tokenizer without the base's fixed padding.
    let mut tj: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(base.join("tokenizer.json"))?)?;
    tj["padding"] = serde_json::Value::Null;
    tj["truncation"] = serde_json::Value::Null;
    std::fs::write(out.join("tokenizer.json"), serde_json::to_string(&tj)?)?;
    for f in [
        "vocab.txt",
        "special_tokens_map.json",
        "tokenizer_config.json",
    ] {
        if base.join(f).is_file() {
            std::fs::copy(base.join(f), out.join(f))?;
        }
    }
    Ok(())
}

/// Tiny error plumbing for the example.
mod anyhow_lite {
    pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;
}

fn evaluate(dir: &Path, sents: &[Sentence], threads: usize) -> anyhow_lite::Result<Scores> {
    let entry = ModelEntry {
        architecture: Architecture::Bert,
        path: dir.to_path_buf(),
        lowercase: true,
        max_length: 128,
        stride: 32,
        precision: Default::default(),
        labels: Default::default(),
        description: None,
    };
    let ner = TransformerNer::load(
        "train-eval",
        &entry,
        dir,
        NerOptions {
            threads: Some(threads),
            ..Default::default()
        },
    )?;
    // The whole file as one stream of words (windows provide the context), as in eval_conll.
    Ok(detente::ner::conll::evaluate(&ner, sents, true)?)
}

/// A packed window: sub-word ids and their labels (-100 where not scored).
type Window = (Vec<i64>, Vec<i64>);

/// The student's config.json: the base config (with `layers` hidden layers when distilling)
/// and our label set.
fn student_config(base_dir: &Path, layers: Option<i64>) -> anyhow_lite::Result<serde_json::Value> {
    let mut cfg_json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(base_dir.join("config.json"))?)?;
    if let Some(layers) = layers {
        cfg_json["num_hidden_layers"] = serde_json::Value::from(layers);
    }
    cfg_json["id2label"] = LABELS
        .iter()
        .enumerate()
        .map(|(i, l)| (i.to_string(), serde_json::Value::from(*l)))
        .collect::<serde_json::Map<_, _>>()
        .into();
    cfg_json["label2id"] = LABELS
        .iter()
        .enumerate()
        .map(|(i, l)| (l.to_string(), serde_json::Value::from(i)))
        .collect::<serde_json::Map<_, _>>()
        .into();
    cfg_json["architectures"] = serde_json::json!(["BertForTokenClassification"]);
    Ok(cfg_json)
}

/// Initialise the student's variables from the teacher (layers per `layer_map`) or from the
/// base checkpoint (whose names carry no `bert.` prefix); the others keep their fresh init.
fn init_weights(
    vs: &nn::VarStore,
    teacher: Option<&Teacher>,
    base_weights: &Path,
    layer_map: &[usize],
) -> anyhow_lite::Result<()> {
    let base: HashMap<String, Tensor> = if teacher.is_some() {
        HashMap::new()
    } else {
        Tensor::read_safetensors(base_weights)?
            .into_iter()
            .collect()
    };
    let mut loaded = 0;
    tch::no_grad(|| {
        for (name, mut var) in vs.variables() {
            let key = name.strip_prefix("bert.").unwrap_or(&name);
            let src = match teacher {
                Some(t) => t.source(&name, layer_map),
                None => base.get(key),
            };
            if let Some(src) = src {
                var.copy_(src);
                loaded += 1;
            } else {
                eprintln!("fresh init: {name}");
            }
        }
    });
    eprintln!("loaded {loaded} base tensors");
    Ok(())
}

/// One epoch's batches. Length buckets: shuffle, sort within chunks of 50 batches, shuffle
/// the batches; at most `steps` of them.
fn epoch_batches(
    mut windows: Vec<Window>,
    batch: usize,
    steps: usize,
    rng: &mut impl Rng,
) -> Vec<Vec<Window>> {
    windows.shuffle(rng);
    let mut batches: Vec<Vec<Window>> = Vec::new();
    for chunk in windows.chunks_mut(batch * 50) {
        chunk.sort_by_key(|w| w.0.len());
        for b in chunk.chunks(batch) {
            batches.push(b.to_vec());
        }
    }
    batches.shuffle(rng);
    batches.truncate(steps);
    batches
}

/// A batch as tensors: ids and attention mask (`[n, width]`, with [CLS]/[SEP]), labels
/// (flat).
fn batch_tensors(b: &[Window], tok: &WordTokenizer) -> (Tensor, Tensor, Tensor) {
    let width = b.iter().map(|w| w.0.len()).max().unwrap_or(0) + 2;
    let n = b.len();
    let mut ids = vec![tok.pad; n * width];
    let mut lab = vec![-100i64; n * width];
    let mut mask = vec![0i64; n * width];
    for (r, (wi, wl)) in b.iter().enumerate() {
        let row = r * width;
        ids[row] = tok.cls;
        ids[row + 1..row + 1 + wi.len()].copy_from_slice(wi);
        ids[row + 1 + wi.len()] = tok.sep;
        lab[row + 1..row + 1 + wl.len()].copy_from_slice(wl);
        mask[row..row + wi.len() + 2].fill(1);
    }
    let shape = [n as i64, width as i64];
    (
        Tensor::from_slice(&ids).view(shape),
        Tensor::from_slice(&mask).view(shape),
        Tensor::from_slice(&lab).view([-1]),
    )
}

/// The training loop's state.
struct Trainer<'a> {
    args: &'a Args,
    model: BertForTokenClassification,
    opt: nn::Optimizer,
    teacher: Option<Teacher>,
    step: usize,
    total: usize,
    warm: f64,
    /// Moving average of the loss.
    ema: f64,
}

impl Trainer<'_> {
    /// Learning rate at the current step: linear warm-up, then linear decay to 0.
    fn lr(&self) -> f64 {
        let (step, warm, total, lr) = (self.step as f64, self.warm, self.total, self.args.lr);
        if step < warm {
            lr * (step + 1.0) / warm
        } else {
            lr * ((total - self.step) as f64 / (total as f64 - warm).max(1.0)).max(0.0)
        }
    }

    /// One optimiser step on a batch (hard labels, plus soft labels when distilling).
    /// Returns the learning rate used.
    fn train_step(&mut self, b: &[Window], tok: &WordTokenizer) -> f64 {
        let (ids, mask, lab) = batch_tensors(b, tok);
        let lr = self.lr();
        self.opt.set_lr(lr);
        let logits = self
            .model
            .forward_t(Some(&ids), Some(&mask), None, None, None, true)
            .logits;
        let hard = logits
            .view([-1, LABELS.len() as i64])
            .cross_entropy_loss::<Tensor>(&lab, None, Reduction::Mean, -100, 0.0);
        let loss = match &self.teacher {
            Some(t) => {
                let tl = tch::no_grad(|| {
                    t.model
                        .forward_t(Some(&ids), Some(&mask), None, None, None, false)
                        .logits
                });
                soft_loss(&logits, &tl, &lab, self.args.temperature) * self.args.alpha
                    + hard * (1.0 - self.args.alpha)
            }
            None => hard,
        };
        self.opt.backward_step_clip_norm(&loss, 1.0);
        let l = loss.double_value(&[]);
        self.ema = if self.step == 0 || self.ema == 0.0 {
            l
        } else {
            0.98 * self.ema + 0.02 * l
        };
        self.step += 1;
        lr
    }

    /// Train one epoch (number `epoch`, from 0) over `batches`, with a progress bar.
    fn epoch(
        &mut self,
        epoch: usize,
        batches: &[Vec<Window>],
        tok: &WordTokenizer,
        t0: Instant,
    ) -> anyhow_lite::Result<()> {
        let pb = ProgressBar::new(batches.len() as u64);
        pb.set_style(ProgressStyle::with_template(
            "epoch {prefix} {bar:30} {pos}/{len} [{elapsed_precise}<{eta_precise}] {msg}",
        )?);
        pb.set_prefix(format!("{}/{}", epoch + 1, self.args.epochs));
        self.ema = 0.0;
        for b in batches {
            let lr = self.train_step(b, tok);
            let (step, total, ema) = (self.step, self.total, self.ema);
            pb.set_message(format!("loss {ema:.4} lr {lr:.2e}"));
            if pb.is_hidden() && step.is_multiple_of(50) {
                eprintln!(
                    "step {step}/{total} loss {ema:.4} lr {lr:.2e} elapsed {:.0}s",
                    t0.elapsed().as_secs_f64()
                );
            }
            pb.inc(1);
        }
        pb.finish();
        Ok(())
    }
}

/// Export to a scratch directory, score on dev, keep the best epoch in --out (model
/// selection on dev; with --with-dev the dev figure is not a held-out one). Returns the
/// best dev F1 so far.
#[allow(clippy::too_many_arguments)]
fn eval_epoch(
    args: &Args,
    epoch: usize,
    vs: &nn::VarStore,
    cfg_json: &serde_json::Value,
    base_dir: &Path,
    dev: &[Sentence],
    best: f64,
    t0: Instant,
) -> anyhow_lite::Result<f64> {
    let scratch = args.out.with_extension("last");
    write_model_dir(vs, cfg_json, base_dir, &scratch)?;
    let te = Instant::now();
    let s = evaluate(&scratch, dev, args.threads)?;
    let mut best = best;
    if s.overall.f1() > best {
        best = s.overall.f1();
        std::fs::create_dir_all(&args.out)?;
        for f in std::fs::read_dir(&scratch)? {
            let f = f?;
            std::fs::copy(f.path(), args.out.join(f.file_name()))?;
        }
        eprintln!(
            "epoch {}: new best dev F1, exported to {}",
            epoch + 1,
            args.out.display()
        );
    }
    eprintln!(
        "epoch {}: dev F1 {:.4} (P {:.4} R {:.4}) {} | elapsed {:.0}s (eval {:.0}s)",
        epoch + 1,
        s.overall.f1(),
        s.overall.precision(),
        s.overall.recall(),
        s.per_type
            .iter()
            .map(|(k, v)| format!("{k} {:.3}", v.f1()))
            .collect::<Vec<_>>()
            .join(" "),
        t0.elapsed().as_secs_f64(),
        te.elapsed().as_secs_f64()
    );
    Ok(best)
}

fn main() -> anyhow_lite::Result<()> {
    let args = Args::parse();
    tch::set_num_threads(args.threads as i32);
    tch::manual_seed(args.seed as i64);
    let mut rng = rand::rngs::StdRng::seed_from_u64(args.seed);
    let t0 = Instant::now();

    let teacher = match &args.teacher {
        Some(dir) => Some(Teacher::load(dir)?),
        None => None,
    };
    let base_dir = args.teacher.clone().unwrap_or_else(|| args.base.clone());
    let layer_map: Vec<usize> = args
        .layer_map
        .split(',')
        .map(|x| x.trim().parse::<usize>())
        .collect::<Result<_, _>>()?;
    let tok = WordTokenizer::from_dir(&base_dir, "base", true)?;
    let mut train = read_conll(&args.data.join("train.txt"))?;
    let dev = read_conll(&args.data.join("dev.txt"))?;
    if args.with_dev {
        train.extend(dev.iter().cloned());
    }
    let enc = encode(&tok, &train)?;
    eprintln!(
        "train: {} sentences, {} tokens",
        enc.len(),
        enc.iter().map(|e| e.ids.len()).sum::<usize>()
    );

    // Model: base config + our label set.
    let cfg_json = student_config(&base_dir, teacher.is_some().then_some(args.layers))?;
    let cfg: BertConfig = serde_json::from_value(cfg_json.clone())?;
    let vs = nn::VarStore::new(Device::Cpu);
    let model = BertForTokenClassification::new(vs.root(), &cfg)?;
    init_weights(
        &vs,
        teacher.as_ref(),
        &args.base.join("model.safetensors"),
        &layer_map,
    )?;

    let opt = nn::AdamW {
        wd: args.wd,
        ..Default::default()
    }
    .build(&vs, args.lr)?;
    let content = args.max_len - 2;
    let est_windows = pack(
        &enc,
        content,
        args.min_len,
        &mut rand::rngs::StdRng::seed_from_u64(0),
    )
    .len();
    let steps_per_epoch = est_windows
        .div_ceil(args.batch)
        .min(args.max_steps.unwrap_or(usize::MAX));
    let total = steps_per_epoch * args.epochs;
    let mut trainer = Trainer {
        args: &args,
        model,
        opt,
        teacher,
        step: 0,
        total,
        warm: ((total as f64) * args.warmup).max(1.0),
        ema: 0.0,
    };
    let mut best = f64::NEG_INFINITY;
    for epoch in 0..args.epochs {
        let windows = pack(&enc, content, args.min_len, &mut rng);
        let batches = epoch_batches(windows, args.batch, steps_per_epoch, &mut rng);
        trainer.epoch(epoch, &batches, &tok, t0)?;
        let last = epoch + 1 == args.epochs;
        if args.eval_each_epoch || last {
            best = eval_epoch(&args, epoch, &vs, &cfg_json, &base_dir, &dev, best, t0)?;
        }
    }
    eprintln!(
        "done in {:.0}s; model in {}",
        t0.elapsed().as_secs_f64(),
        args.out.display()
    );
    Ok(())
}
