//! The lean BERT forward pass (`src/ner/encoder.rs`) against rust-bert's own forward over the
//! same weights, on a tiny randomly initialised BERT token classifier built here: the same
//! entities on padded and unpadded batches and multi-window documents, scores equal to
//! float rounding.
#![cfg(feature = "transformer")]

use std::path::Path;

use detente::config::{Architecture, ModelEntry};
use detente::ner::transformer::{NerOptions, TransformerNer};
use detente::ner::Recognizer;
use rust_bert::bert::{BertConfig, BertForTokenClassification};
use tch::{nn, Device, Tensor};

const CONLL: &[&str] = &[
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

fn make_model(dir: &Path, seed: i64) {
    std::fs::create_dir_all(dir).unwrap();
    let mut vocab: Vec<String> = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for c in ('a'..='z').chain('0'..='9') {
        vocab.push(c.to_string());
        vocab.push(format!("##{c}"));
    }
    for w in [
        ".", ",", "'", "-", "the", "said", "iran", "us", "talks", "with", "minister",
    ] {
        vocab.push(w.to_string());
    }
    std::fs::write(dir.join("vocab.txt"), vocab.join("\n")).unwrap();
    let id2label: serde_json::Map<String, serde_json::Value> = CONLL
        .iter()
        .enumerate()
        .map(|(i, l)| (i.to_string(), serde_json::Value::from(*l)))
        .collect();
    let cfg = serde_json::json!({
        "hidden_act": "gelu", "attention_probs_dropout_prob": 0.1, "hidden_dropout_prob": 0.1,
        "hidden_size": 32, "initializer_range": 0.02, "intermediate_size": 64,
        "max_position_embeddings": 512, "num_attention_heads": 4, "num_hidden_layers": 2,
        "type_vocab_size": 2, "vocab_size": vocab.len(), "id2label": id2label, "model_type": "bert"
    });
    std::fs::write(dir.join("config.json"), cfg.to_string()).unwrap();
    tch::manual_seed(seed);
    let vs = nn::VarStore::new(Device::Cpu);
    let bert_cfg: BertConfig = serde_json::from_value(cfg).unwrap();
    let _model = BertForTokenClassification::new(vs.root(), &bert_cfg).unwrap();
    tch::no_grad(|| {
        for (name, mut t) in vs.variables() {
            // Larger weights make the random classifier's outputs varied and contextual.
            if name.contains("word_embeddings") || name.contains("query") || name.contains("key") {
                t.copy_(&Tensor::randn(t.size(), (tch::Kind::Float, Device::Cpu)));
            }
            if name == "classifier.weight" {
                t.copy_(&(Tensor::randn(t.size(), (tch::Kind::Float, Device::Cpu)) * 2.0));
            }
        }
    });
    vs.save(dir.join("model.safetensors")).unwrap();
}

fn text(words: usize, salt: usize) -> String {
    let pool = [
        "Iran", "said", "the", "talks", "with", "US", "minister", "Zarif", ",", "Kerry", "3.5",
        "Iraq's", ".",
    ];
    (0..words)
        .map(|i| pool[(i * 7 + salt + i / 3) % pool.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn lean_forward_matches_rust_bert_forward() {
    let dir = tempfile::tempdir().unwrap();
    make_model(dir.path(), 7);
    let entry = ModelEntry {
        architecture: Architecture::Bert,
        path: ".".into(),
        lowercase: true,
        max_length: 48,
        stride: 12,
        labels: Default::default(),
        description: None,
    };
    // Mixed lengths: padded batches, single windows, documents cut into several windows.
    let texts: Vec<String> = (0..40).map(|i| text(3 + (i * 13) % 90, i)).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    for batch in [1, 5, 32] {
        let opts = NerOptions {
            batch_size: batch,
            threads: Some(1),
            ..Default::default()
        };
        let mut ner = TransformerNer::load("tiny", &entry, dir.path(), opts).unwrap();
        assert!(
            ner.fast_forward(),
            "a BERT with gelu must get the lean forward"
        );
        let fast = ner.recognize_batch(&refs).unwrap();
        ner.set_fast_forward(false);
        assert!(!ner.fast_forward());
        let reference = ner.recognize_batch(&refs).unwrap();
        let total: usize = reference.iter().map(Vec::len).sum();
        assert!(
            total > 20,
            "the random model should find entities, got {total}"
        );
        for (i, (a, b)) in reference.iter().zip(&fast).enumerate() {
            assert_eq!(a.len(), b.len(), "text {i}, batch {batch}");
            for (x, y) in a.iter().zip(b) {
                assert_eq!(
                    (x.span(), x.label),
                    (y.span(), y.label),
                    "text {i}, batch {batch}"
                );
                assert!(
                    (x.score - y.score).abs() < 1e-4,
                    "text {i}: {} vs {}",
                    x.score,
                    y.score
                );
            }
        }
    }
}
