//! Fuzz target: text → sentences/quotes → countries → actors → attribution → stance, with
//! synthetic entities (no model). Checks the invariants of `tests/common` on every input.
//!
//! The input bytes are read as UTF-8 (invalid sequences replaced by U+FFFD). Entities are
//! (a) the capitalised-word runs a model would plausibly tag, and (b) when the first byte is
//! odd, in addition a handful of garbage entities (bad offsets, wrong text) seeded by the input.
//!
//! The segmenter is crate-private: it is exercised through [`detente::Analyzer`] here, and its
//! own span checks run on the kept inputs as a unit test of the crate (`doc` module).
//!
//! Run (see docs/RELIABILITY.md): `cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run analyze`
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut ents = common::capitalised_runs(&text);
    if data.first().is_some_and(|b| b & 1 == 1) {
        ents.extend(common::garbage_entities(&text, common::fnv(data), 8));
    }
    let a = analyzer().analyze(&text, ents);
    common::check_analysis(&text, &a);
});

fn analyzer() -> &'static detente::Analyzer {
    static A: std::sync::OnceLock<detente::Analyzer> = std::sync::OnceLock::new();
    A.get_or_init(detente::Analyzer::new)
}
