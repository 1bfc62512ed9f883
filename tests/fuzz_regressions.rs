//! Replays every input kept in `tests/data/fuzz/` through exactly what the fuzz target
//! (`fuzz/fuzz_targets/analyze.rs`) does: crashes and invariant violations the fuzzer found stay
//! fixed. Add a file there (any bytes) for each new finding; see docs/RELIABILITY.md. The
//! segmenter's own span checks on these inputs are a unit test of the crate's `doc` module
//! (`kept_fuzz_inputs_segment_on_char_boundaries`), the segmenter being crate-private.

mod common;

use detente::Analyzer;

/// The body of the fuzz target, as a function.
fn fuzz_one(an: &Analyzer, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut ents = common::capitalised_runs(&text);
    if data.first().is_some_and(|b| b & 1 == 1) {
        ents.extend(common::garbage_entities(&text, common::fnv(data), 8));
    }
    let a = an.analyze(&text, ents);
    common::check_analysis(&text, &a);
}

#[test]
fn kept_fuzz_inputs_pass() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && !matches!(p.extension(), Some(e) if e == "md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    let an = Analyzer::new();
    for p in &files {
        let data = std::fs::read(p).unwrap();
        // Both entity modes, whatever the first byte says.
        for flip in [0u8, 1] {
            let mut d = data.clone();
            if let Some(b) = d.first_mut() {
                *b ^= flip;
            }
            let r = std::panic::catch_unwind(|| fuzz_one(&an, &d));
            assert!(
                r.is_ok(),
                "fuzz input {} (first byte ^ {flip}) fails",
                p.display()
            );
        }
    }
}
