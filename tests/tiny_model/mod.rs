//! A tiny randomly initialised BERT token classifier written to a temp dir (the approach of
//! `tests/ner_mechanics.rs`), plus a models.toml naming it, so that the whole pipeline
//! (`Tagger`, the `tag` example) runs in tests without a trained model.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use rust_bert::bert::{BertConfig, BertForTokenClassification};
use tch::{nn, Device, Tensor};

/// CoNLL-2003 BIO labels.
pub const CONLL: &[&str] = &[
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

fn vocab() -> Vec<String> {
    let mut v: Vec<String> = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for c in 'a'..='z' {
        v.push(c.to_string());
        v.push(format!("##{c}"));
    }
    for c in '0'..='9' {
        v.push(c.to_string());
        v.push(format!("##{c}"));
    }
    for p in [
        ".", ",", "'", "\"", "-", "(", ")", ":", ";", "!", "?", "’", "“", "”",
    ] {
        v.push(p.to_string());
    }
    for w in [
        "the", "said", "iran", "us", "talks", "with", "minister", "##s",
    ] {
        v.push(w.to_string());
    }
    v
}

/// Write a tiny BERT token classifier (hidden 32, 2 layers) with `labels` to `dir`.
pub fn make_model(dir: &Path, labels: &[&str], seed: i64) {
    make_model_with(dir, labels, seed, 2, |name, t| {
        if name.contains("word_embeddings") {
            t.copy_(&Tensor::randn(t.size(), (tch::Kind::Float, Device::Cpu)));
        }
        if name == "classifier.weight" {
            t.copy_(&(Tensor::randn(t.size(), (tch::Kind::Float, Device::Cpu)) * 2.0));
        }
    });
}

/// Like [`make_model`] with `heads` attention heads and `init` applied (under `no_grad`) to
/// every named variable after random initialisation, before saving.
pub fn make_model_with(
    dir: &Path,
    labels: &[&str],
    seed: i64,
    heads: i64,
    init: impl Fn(&str, &mut Tensor),
) {
    std::fs::create_dir_all(dir).unwrap();
    let vocab = vocab();
    std::fs::write(dir.join("vocab.txt"), vocab.join("\n")).unwrap();
    let id2label: serde_json::Map<String, serde_json::Value> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (i.to_string(), serde_json::Value::from(*l)))
        .collect();
    let cfg = serde_json::json!({
        "hidden_act": "gelu", "attention_probs_dropout_prob": 0.1, "hidden_dropout_prob": 0.1,
        "hidden_size": 32, "initializer_range": 0.02, "intermediate_size": 64,
        "max_position_embeddings": 512, "num_attention_heads": heads, "num_hidden_layers": 2,
        "type_vocab_size": 2, "vocab_size": vocab.len(), "id2label": id2label,
        "model_type": "bert"
    });
    std::fs::write(
        dir.join("config.json"),
        serde_json::to_string_pretty(&cfg).unwrap(),
    )
    .unwrap();
    tch::manual_seed(seed);
    let vs = nn::VarStore::new(Device::Cpu);
    let bert_cfg: BertConfig = serde_json::from_value(cfg).unwrap();
    let _model = BertForTokenClassification::new(vs.root(), &bert_cfg).unwrap();
    tch::no_grad(|| {
        for (name, mut t) in vs.variables() {
            init(&name, &mut t);
        }
    });
    vs.save(dir.join("model.safetensors")).unwrap();
}

/// Write a tiny model to `dir/tiny` and `dir/models.toml` naming it the default (window
/// `max_length`/`stride`). Returns the models.toml path.
pub fn models_toml(dir: &Path, max_length: usize, stride: usize, seed: i64) -> PathBuf {
    make_model(&dir.join("tiny"), CONLL, seed);
    let toml = format!(
        "default = \"tiny\"\n[models.tiny]\narchitecture = \"bert\"\npath = \"tiny\"\nmax_length = {max_length}\nstride = {stride}\n"
    );
    let path = dir.join("models.toml");
    std::fs::write(&path, toml).unwrap();
    path
}

/// A one-thread tagger on the models.toml of [`models_toml`].
pub fn tagger(models: &Path) -> detente::Tagger {
    detente::Tagger::builder()
        .models_file(models)
        .threads(1)
        .build()
        .unwrap()
}
