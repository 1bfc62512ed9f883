//! NER engine mechanics on tiny randomly initialised BERT token classifiers built here
//! (no trained model needed): exact offsets, windows, batching, label sets, errors.
#![cfg(feature = "transformer")]

use std::path::Path;

use detente::config::{Architecture, ModelEntry};
use detente::ner::transformer::{NerOptions, TransformerNer};
use detente::ner::words::split_words;
use detente::ner::Recognizer;
use detente::{Error, Label};
use tch::{Device, Tensor};

mod tiny_model;

use tiny_model::CONLL;

/// Write a tiny BERT token classifier to `dir`. `context_free` zeroes attention outputs and
/// position/type embeddings so that every token's prediction depends on its id alone.
fn make_model(dir: &Path, labels: &[&str], context_free: bool, seed: i64) {
    tiny_model::make_model_with(dir, labels, seed, 2, |name, t| {
        if context_free
            && (name.contains("attention.output.dense")
                || name.contains("position_embeddings")
                || name.contains("token_type_embeddings"))
        {
            let _ = t.zero_();
        }
        if name.contains("word_embeddings") {
            // Larger embeddings make the random classifier's outputs more varied.
            t.copy_(&Tensor::randn(t.size(), (tch::Kind::Float, Device::Cpu)));
        }
        if name == "classifier.weight" {
            t.copy_(&(Tensor::randn(t.size(), (tch::Kind::Float, Device::Cpu)) * 2.0));
        }
    });
}

fn entry(max_length: usize, stride: usize) -> ModelEntry {
    ModelEntry {
        architecture: Architecture::Bert,
        path: ".".into(),
        lowercase: true,
        max_length,
        stride,
        precision: Default::default(),
        labels: Default::default(),
        description: None,
    }
}

fn load(dir: &Path, max_length: usize, stride: usize, batch: usize) -> TransformerNer {
    let opts = NerOptions {
        batch_size: batch,
        threads: Some(1),
        ..Default::default()
    };
    TransformerNer::load("tiny", &entry(max_length, stride), dir, opts).unwrap()
}

const TRICKY: &[&str] = &[
    "Iraq Crisis: US-Iran Alliance In talks for Iraq’s Aid against Militants",
    "“We need a dialogue,” U.S. Senator Lindsey Graham said on CBS’s “Face the Nation.”",
    "Mohammad Javad Zarif met José Ángel Gurría in Zürich; Łódź and São Paulo too.",
    "Tehran's nuclear programme — the Islamic Republic’s — 😀 emoji Ñandú\u{0301} x",
    "Hold Baghdad.The Iranians have an interest.\r\nIt's 3.5 per cent of 1,000.",
    "مرحبا بالعالم Rouhani said 'enemy' Iran \u{202E}reversed\u{202C} ok",
];

fn check_offsets(text: &str, ents: &[detente::Entity]) {
    let words = split_words(text);
    let starts: std::collections::HashSet<usize> = words.iter().map(|w| w.start).collect();
    let ends: std::collections::HashSet<usize> = words.iter().map(|w| w.end).collect();
    let mut last_end = 0;
    for e in ents {
        assert_eq!(&text[e.byte_start..e.byte_end], e.text, "bytes of {e:?}");
        let by_chars: String = text.chars().skip(e.start).take(e.end - e.start).collect();
        assert_eq!(by_chars, e.text, "chars of {e:?}");
        assert!(
            starts.contains(&e.byte_start) && ends.contains(&e.byte_end),
            "entity splits a word: {e:?}"
        );
        assert!(e.byte_start >= last_end, "overlap or disorder at {e:?}");
        assert!(e.score > 0.0 && e.score <= 1.0 + 1e-6);
        last_end = e.byte_end;
    }
}

#[test]
fn offsets_are_exact_on_tricky_unicode() {
    let dir = tempfile::tempdir().unwrap();
    make_model(dir.path(), CONLL, false, 1);
    let ner = load(dir.path(), 128, 32, 4);
    let out = ner.recognize_batch(TRICKY).unwrap();
    let mut total = 0;
    for (t, ents) in TRICKY.iter().zip(&out) {
        check_offsets(t, ents);
        total += ents.len();
    }
    assert!(
        total > 5,
        "the random model should produce entities to check, got {total}"
    );
    // Degenerate inputs.
    for t in [
        "",
        "   \n\t ",
        "\u{0000}\u{0007}",
        "\"\"\"''",
        "…",
        &"x".repeat(5000),
    ] {
        let e = ner.recognize(t).unwrap();
        check_offsets(t, &e);
    }
}

fn long_text(words: usize) -> String {
    let pool = [
        "Iran", "said", "the", "talks", "with", "US", "minister", "Zarif", "Baghdad", ",", "Kerry",
        "O'Brien", "3.5", "Iraq’s",
    ];
    let mut s = String::new();
    for i in 0..words {
        let w = pool[(i * 7 + i / 3) % pool.len()];
        s.push_str(w);
        s.push(if i % 17 == 16 { '\n' } else { ' ' });
    }
    s
}

#[test]
fn windows_lose_and_duplicate_nothing_with_a_context_free_model() {
    let dir = tempfile::tempdir().unwrap();
    make_model(dir.path(), CONLL, true, 2);
    let text = long_text(1500);
    let whole = load(dir.path(), 512, 64, 8);
    let mut small = load(dir.path(), 512, 64, 8);
    // Every token's prediction depends on the token alone, so any window geometry must give
    // the same entities as any other, and each seam must be invisible.
    let reference = whole.recognize(&text).unwrap();
    assert!(
        reference.len() > 20,
        "expected many entities, got {}",
        reference.len()
    );
    check_offsets(&text, &reference);
    for (len, stride) in [(16, 3), (24, 7), (64, 16), (130, 0)] {
        small.set_window(len, stride);
        let got = small.recognize(&text).unwrap();
        check_offsets(&text, &got);
        assert_eq!(got.len(), reference.len(), "window {len}/{stride}");
        for (a, b) in got.iter().zip(&reference) {
            assert_eq!(
                (a.byte_start, a.byte_end, a.label),
                (b.byte_start, b.byte_end, b.label),
                "window {len}/{stride}"
            );
            assert!((a.score - b.score).abs() < 1e-4);
        }
    }
}

#[test]
fn windows_cover_long_texts_with_a_contextual_model() {
    let dir = tempfile::tempdir().unwrap();
    make_model(dir.path(), CONLL, false, 3);
    let text = long_text(3000);
    let ner = load(dir.path(), 64, 16, 16);
    let (path, logp) = {
        let words: Vec<&str> = split_words(&text)
            .iter()
            .map(|w| &text[w.start..w.end])
            .collect();
        ner.predict_words(&[words]).unwrap().pop().unwrap()
    };
    let n_words = split_words(&text).len();
    assert_eq!(path.len(), n_words);
    // Every word received model output (a row of log-probabilities summing to 1).
    for w in 0..n_words {
        let row = &logp[w * 9..(w + 1) * 9];
        let s: f32 = row.iter().map(|x| x.exp()).sum();
        assert!((s - 1.0).abs() < 1e-3, "word {w} has no prediction");
    }
    check_offsets(&text, &ner.recognize(&text).unwrap());
}

#[test]
fn batch_equals_single_on_100_documents() {
    let dir = tempfile::tempdir().unwrap();
    make_model(dir.path(), CONLL, false, 4);
    let docs: Vec<String> = (0..100).map(|i| long_text(3 + (i * 37) % 160)).collect();
    let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
    let single = load(dir.path(), 64, 16, 1);
    let one_by_one: Vec<Vec<detente::Entity>> =
        refs.iter().map(|d| single.recognize(d).unwrap()).collect();
    for batch in [8, 32, 100, 256] {
        let ner = load(dir.path(), 64, 16, batch);
        let got = ner.recognize_batch(&refs).unwrap();
        assert_eq!(got.len(), 100);
        for (i, (a, b)) in got.iter().zip(&one_by_one).enumerate() {
            assert_eq!(a.len(), b.len(), "doc {i} batch {batch}");
            for (x, y) in a.iter().zip(b) {
                assert_eq!(
                    (x.byte_start, x.byte_end, x.label),
                    (y.byte_start, y.byte_end, y.label),
                    "doc {i} batch {batch}"
                );
                assert!(
                    (x.score - y.score).abs() < 1e-4,
                    "doc {i}: {} vs {}",
                    x.score,
                    y.score
                );
            }
        }
    }
}

#[test]
fn ontonotes_and_bioes_label_sets_load() {
    let dir = tempfile::tempdir().unwrap();
    let labels = [
        "O", "B-PERSON", "I-PERSON", "E-PERSON", "S-PERSON", "S-GPE", "B-DATE", "I-DATE", "S-NORP",
    ];
    make_model(dir.path(), &labels, false, 5);
    let ner = load(dir.path(), 128, 32, 4);
    let out = ner.recognize_batch(TRICKY).unwrap();
    let labels_seen: std::collections::HashSet<Label> =
        out.iter().flatten().map(|e| e.label).collect();
    assert!(labels_seen
        .iter()
        .all(|l| matches!(l, Label::Person | Label::Location | Label::Misc)));
    for (t, e) in TRICKY.iter().zip(&out) {
        check_offsets(t, e);
    }
}

#[test]
fn errors_name_the_problem_instead_of_panicking() {
    let opts = || NerOptions {
        threads: Some(1),
        ..Default::default()
    };
    // Unknown label.
    let dir = tempfile::tempdir().unwrap();
    make_model(dir.path(), &["O", "B-WIDGET", "I-WIDGET"], false, 6);
    match TransformerNer::load("tiny", &entry(128, 32), dir.path(), opts()) {
        Err(Error::UnknownLabel { label, .. }) => assert_eq!(label, "WIDGET"),
        other => panic!("expected UnknownLabel, got {other:?}"),
    }
    // Missing weights.
    let dir = tempfile::tempdir().unwrap();
    make_model(dir.path(), CONLL, false, 7);
    std::fs::remove_file(dir.path().join("model.safetensors")).unwrap();
    match TransformerNer::load("tiny", &entry(128, 32), dir.path(), opts()) {
        Err(e @ Error::MissingFile { .. }) => {
            let msg = e.to_string();
            assert!(
                msg.contains("model.safetensors") && msg.contains("tiny"),
                "{msg}"
            );
        }
        other => panic!("expected MissingFile, got {other:?}"),
    }
    // Corrupt weights.
    std::fs::write(
        dir.path().join("model.safetensors"),
        b"not a safetensors file",
    )
    .unwrap();
    assert!(TransformerNer::load("tiny", &entry(128, 32), dir.path(), opts()).is_err());
    // Corrupt config.json names line and column.
    let dir = tempfile::tempdir().unwrap();
    make_model(dir.path(), CONLL, false, 8);
    std::fs::write(dir.path().join("config.json"), "{\n  \"hidden_size\": ,\n}").unwrap();
    match TransformerNer::load("tiny", &entry(128, 32), dir.path(), opts()) {
        Err(Error::Config { line, .. }) => assert_eq!(line, 2),
        other => panic!("expected Config error, got {other:?}"),
    }
    // Missing tokenizer.
    let dir = tempfile::tempdir().unwrap();
    make_model(dir.path(), CONLL, false, 9);
    std::fs::remove_file(dir.path().join("vocab.txt")).unwrap();
    assert!(matches!(
        TransformerNer::load("tiny", &entry(128, 32), dir.path(), opts()),
        Err(Error::MissingFile { .. })
    ));
    // Missing directory.
    assert!(matches!(
        TransformerNer::load(
            "tiny",
            &entry(128, 32),
            Path::new("/nonexistent/model"),
            opts()
        ),
        Err(Error::MissingFile { .. })
    ));
}

#[test]
fn tagger_reads_a_models_toml_with_relative_paths() {
    let dir = tempfile::tempdir().unwrap();
    make_model(&dir.path().join("m/tiny"), CONLL, false, 10);
    let toml = "default = \"tiny\"\n[models.tiny]\narchitecture = \"bert\"\npath = \"m/tiny\"\nmax_length = 64\nstride = 8\n";
    std::fs::write(dir.path().join("models.toml"), toml).unwrap();
    let tagger = detente::Tagger::builder()
        .models_file(dir.path().join("models.toml"))
        .threads(1)
        .build()
        .unwrap();
    let a = tagger.analyze(TRICKY[1]).unwrap();
    check_offsets(TRICKY[1], &a.entities);
    let err = detente::Tagger::builder()
        .models_file(dir.path().join("models.toml"))
        .model("nope")
        .build()
        .unwrap_err();
    assert!(
        err.to_string().contains("nope") && err.to_string().contains("tiny"),
        "{err}"
    );
    fn assert_send<T: Send>() {}
    assert_send::<detente::Tagger>();
}

#[test]
fn chunked_encoding_equals_word_by_word_encoding() {
    use detente::ner::tokenize::{WordTokenizer, ENCODE_CHUNK};
    let dir = tempfile::tempdir().unwrap();
    make_model(dir.path(), CONLL, false, 11);
    let tok = WordTokenizer::from_dir(dir.path(), "tiny", true).unwrap();
    let text = long_text(ENCODE_CHUNK * 2 + 77);
    let words: Vec<&str> = split_words(&text)
        .iter()
        .map(|w| &text[w.start..w.end])
        .collect();
    let all = tok.encode_words(&words).unwrap();
    let mut ids = Vec::new();
    let mut first = Vec::new();
    for w in &words {
        let e = tok.encode_words(&[w]).unwrap();
        first.push(e.first[0].map(|f| f + ids.len()));
        ids.extend(e.ids);
    }
    assert_eq!(all.ids, ids);
    assert_eq!(all.first, first);
}
