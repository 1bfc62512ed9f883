//! Issue 7 on the whole pipeline (NER + rule layer) with a tiny random BERT: no panic on odd
//! inputs, deterministic output, batch equals single, concurrent use equals sequential use,
//! and a 10 MB article with bounded memory.
#![cfg(feature = "transformer")]

mod common;
mod tiny_model;

use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use common::{check_analysis, odd_inputs, SEED};
use detente::{Analysis, Tagger};

/// Equal up to float noise in model scores (batching pads windows, which may move the last
/// bits of a softmax); everything else must be identical.
pub fn assert_same(a: &Analysis, b: &Analysis, what: &str) {
    assert_eq!(a.entities.len(), b.entities.len(), "{what}: entity count");
    for (x, y) in a.entities.iter().zip(&b.entities) {
        assert_eq!(
            (
                &x.text,
                x.label,
                x.start,
                x.end,
                x.byte_start,
                x.byte_end,
                &x.country
            ),
            (
                &y.text,
                y.label,
                y.start,
                y.end,
                y.byte_start,
                y.byte_end,
                &y.country
            ),
            "{what}"
        );
        assert!(
            (x.score - y.score).abs() < 1e-4,
            "{what}: score {} vs {}",
            x.score,
            y.score
        );
    }
    assert_eq!(a.actors, b.actors, "{what}: actors");
}

/// A few documents of different lengths and shapes.
fn docs() -> Vec<String> {
    let mut v: Vec<String> = SEED
        .split('\n')
        .filter(|p| !p.trim().is_empty())
        .map(str::to_string)
        .collect();
    v.push(SEED.to_string());
    v.push(String::new());
    v.push("“We need a dialogue,” U.S. Senator Lindsey Graham said. Zarif said talks with Washington are possible.".into());
    v.push(SEED.repeat(3));
    v
}

#[test]
fn no_panic_on_odd_inputs_through_the_ner_path() {
    let dir = tempfile::tempdir().unwrap();
    let tagger = tiny_model::tagger(&tiny_model::models_toml(dir.path(), 64, 16, 11));
    for (name, text) in odd_inputs() {
        let a = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| tagger.analyze(&text)))
            .unwrap_or_else(|_| panic!("Tagger::analyze panicked on `{name}`"))
            .unwrap_or_else(|e| panic!("Tagger::analyze failed on `{name}`: {e}"));
        check_analysis(&text, &a);
    }
    // All at once, in one batch, too.
    let inputs = odd_inputs();
    let texts: Vec<&str> = inputs.iter().map(|(_, t)| t.as_str()).collect();
    let all: Vec<Analysis> = tagger
        .analyze_batch(&texts)
        .into_iter()
        .collect::<detente::Result<_>>()
        .unwrap();
    assert_eq!(all.len(), texts.len());
    for (t, a) in texts.iter().zip(&all) {
        check_analysis(t, a);
    }
}

#[test]
fn tagging_is_deterministic_and_batch_equals_single() {
    let dir = tempfile::tempdir().unwrap();
    let models = tiny_model::models_toml(dir.path(), 64, 16, 12);
    let tagger = tiny_model::tagger(&models);
    let docs = docs();
    let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
    let single: Vec<Analysis> = refs.iter().map(|d| tagger.analyze(d).unwrap()).collect();
    let found: usize = single.iter().map(|a| a.entities.len()).sum();
    assert!(
        found > 10,
        "the random model should find entities to compare, got {found}"
    );
    // Same tagger again; a fresh tagger from the same files; batches of every size.
    for (i, d) in refs.iter().enumerate() {
        assert_same(&tagger.analyze(d).unwrap(), &single[i], "repeat");
    }
    let fresh = tiny_model::tagger(&models);
    let batch: Vec<Analysis> = fresh
        .analyze_batch(&refs)
        .into_iter()
        .collect::<detente::Result<_>>()
        .unwrap();
    assert_eq!(batch.len(), refs.len());
    for (i, (a, b)) in batch.iter().zip(&single).enumerate() {
        assert_same(a, b, &format!("batch doc {i}"));
        check_analysis(refs[i], a);
    }
    let small = Tagger::builder()
        .models_file(&models)
        .threads(1)
        .batch_size(1)
        .build()
        .unwrap();
    for (i, (a, b)) in small
        .analyze_batch(&refs)
        .into_iter()
        .map(Result::unwrap)
        .collect::<Vec<_>>()
        .iter()
        .zip(&single)
        .enumerate()
    {
        assert_same(a, b, &format!("batch_size 1 doc {i}"));
    }
}

/// Recipe 1: a pool of taggers, one per worker thread, pulling documents from a shared
/// queue and sending back `(index, result)`; the caller restores input order.
fn tag_with_pool(models: &std::path::Path, docs: &[String], workers: usize) -> Vec<Analysis> {
    let (job_tx, job_rx) = mpsc::channel::<(usize, String)>();
    let job_rx = Arc::new(Mutex::new(job_rx));
    let (out_tx, out_rx) = mpsc::channel::<(usize, Analysis)>();
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let tagger = tiny_model::tagger(models);
            let job_rx = Arc::clone(&job_rx);
            let out_tx = out_tx.clone();
            std::thread::spawn(move || loop {
                let job = job_rx.lock().unwrap().recv();
                let Ok((i, text)) = job else { break };
                out_tx.send((i, tagger.analyze(&text).unwrap())).unwrap();
            })
        })
        .collect();
    drop(out_tx);
    for (i, d) in docs.iter().enumerate() {
        job_tx.send((i, d.clone())).unwrap();
    }
    drop(job_tx);
    let mut out: Vec<Option<Analysis>> = vec![None; docs.len()];
    for (i, a) in out_rx {
        out[i] = Some(a);
    }
    for h in handles {
        h.join().unwrap();
    }
    out.into_iter()
        .map(|a| a.expect("every document answered"))
        .collect()
}

/// Recipe 2: one tagger moved into a worker thread; callers on any thread send a request
/// with their own reply channel.
type Request = (String, mpsc::Sender<detente::Result<Analysis>>);

fn spawn_worker(tagger: Tagger) -> (mpsc::Sender<Request>, std::thread::JoinHandle<()>) {
    let (tx, rx) = mpsc::channel::<Request>();
    let h = std::thread::spawn(move || {
        for (text, reply) in rx {
            let _ = reply.send(tagger.analyze(&text));
        }
    });
    (tx, h)
}

#[test]
fn concurrent_results_equal_sequential_ones() {
    let dir = tempfile::tempdir().unwrap();
    let models = tiny_model::models_toml(dir.path(), 64, 16, 13);
    let mut docs = docs();
    docs.extend(
        odd_inputs()
            .into_iter()
            .map(|(_, t)| t)
            .filter(|t| t.len() < 20_000),
    );
    let seq_tagger = tiny_model::tagger(&models);
    let sequential: Vec<Analysis> = docs
        .iter()
        .map(|d| seq_tagger.analyze(d).unwrap())
        .collect();

    // Pool of taggers.
    let pooled = tag_with_pool(&models, &docs, 3);
    for (i, (a, b)) in pooled.iter().zip(&sequential).enumerate() {
        assert_same(a, b, &format!("pool doc {i}"));
    }

    // One worker behind a channel, called from 4 threads at once.
    let (tx, worker) = spawn_worker(tiny_model::tagger(&models));
    let docs = Arc::new(docs);
    let callers: Vec<_> = (0..4)
        .map(|t| {
            let tx = tx.clone();
            let docs = Arc::clone(&docs);
            std::thread::spawn(move || {
                (t..docs.len())
                    .step_by(4)
                    .map(|i| {
                        let (rtx, rrx) = mpsc::channel();
                        tx.send((docs[i].clone(), rtx)).unwrap();
                        (i, rrx.recv().unwrap().unwrap())
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    drop(tx);
    let mut n = 0;
    for c in callers {
        for (i, a) in c.join().unwrap() {
            assert_same(&a, &sequential[i], &format!("worker doc {i}"));
            n += 1;
        }
    }
    worker.join().unwrap();
    assert_eq!(n, docs.len());

    // Recipe 3: one tagger shared behind a Mutex (Tagger is Send, so Mutex<Tagger> is Sync).
    let shared = Arc::new(Mutex::new(tiny_model::tagger(&models)));
    let hs: Vec<_> = (0..3)
        .map(|t| {
            let shared = Arc::clone(&shared);
            let docs = Arc::clone(&docs);
            std::thread::spawn(move || {
                (t..docs.len())
                    .step_by(3)
                    .map(|i| (i, shared.lock().unwrap().analyze(&docs[i]).unwrap()))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for h in hs {
        for (i, a) in h.join().unwrap() {
            assert_same(&a, &sequential[i], &format!("mutex doc {i}"));
        }
    }
    fn assert_send<T: Send>() {}
    assert_send::<Tagger>();
    fn assert_sync<T: Sync>() {}
    assert_sync::<Mutex<Tagger>>();
}

fn peak_rss_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// 10 MB through the whole pipeline (tiny model: NER windows + rule layer). Prints time and
/// peak RSS for docs/RELIABILITY.md; asserts only a generous memory bound.
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "10 MB in a debug build takes minutes; `make test` runs it (release)"
)]
fn ten_megabytes_through_the_tagger() {
    let dir = tempfile::tempdir().unwrap();
    let models = tiny_model::models_toml(dir.path(), 128, 32, 14);
    // One libtorch thread: on a busy 2-core machine OpenMP workers spin-wait and thrash.
    let tagger = tiny_model::tagger(&models);
    let mut text = String::with_capacity(10 * 1024 * 1024 + SEED.len());
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(SEED);
        text.push('\n');
    }
    let before = peak_rss_kib();
    let t0 = std::time::Instant::now();
    let raw = tagger.raw_entities_batch(&[&text]).unwrap().pop().unwrap();
    let ner = t0.elapsed();
    let a = tagger.analyzer().analyze(&text, raw);
    let took = t0.elapsed();
    let after = peak_rss_kib();
    eprintln!(
        "10 MB tagger (tiny model): {} bytes -> {} entities, {} actors; NER {:.2?}, total {:.2?}; \
         peak RSS before {:?} KiB, after {:?} KiB",
        text.len(),
        a.entities.len(),
        a.actors.len(),
        ner,
        took,
        before,
        after
    );
    check_analysis(&text, &a);
    if let Some(kib) = after {
        assert!(kib < 4 * 1024 * 1024, "peak RSS {kib} KiB on 10 MB");
    }
}
