//! Issue 7, part 3: property tests of the rule layer's invariants over generated texts with
//! synthetic entities (no model): spans inside the text, on char boundaries, ordered and
//! non-overlapping; deterministic; independent of the order entities are given in; a batch
//! of documents analysed one after another equals each analysed alone.
//!
//! The same properties for the NER path (tiny random model) are in `tests/tagger_reliability.rs`
//! (`proptest_tagger_*`).

mod common;

use common::{capitalised_runs, check_analysis, garbage_entities};
use detente::Analyzer;
use proptest::prelude::*;

/// Words and marks that exercise the rules: names, titles, reporting verbs, cues, negators,
/// quotes, terminators, abbreviations, line breaks, non-ASCII.
const PIECES: &[&str] = &[
    "Iran",
    "Iran's",
    "Iranian",
    "Tehran",
    "Washington",
    "US",
    "U.S.",
    "United States",
    "Iraq",
    "Baghdad",
    "Obama",
    "Rouhani",
    "Zarif",
    "Lindsey Graham",
    "John Kerry",
    "Senator",
    "Sen.",
    "Mr.",
    "President",
    "foreign minister",
    "officials",
    "a senior official",
    "The",
    "the",
    "he",
    "she",
    "they",
    "said",
    "says",
    "told",
    "according to",
    "warned",
    "talks",
    "dialogue",
    "cooperation",
    "alliance",
    "with",
    "against",
    "not",
    "never",
    "ruled out",
    "rejected",
    "welcomed",
    "need",
    "may",
    "probably",
    "if",
    "only",
    "military",
    "and",
    "between",
    ",",
    ".",
    ". ",
    "?",
    "!",
    "…",
    ":",
    ";",
    "\"",
    "“",
    "”",
    "'",
    "’",
    "(",
    ")",
    "-",
    "—",
    "\n",
    "\r\n",
    "\n\n",
    "1.5",
    "J.",
    "😀",
    "ü",
    "\u{301}",
    "مرحبا",
    "\u{202E}",
    "\t",
    "\u{0}",
];

fn piece_text() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(PIECES), prop::bool::ANY), 0..80).prop_map(|v| {
        let mut s = String::new();
        for (p, space) in v {
            s.push_str(p);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

/// Pieces most of the time, arbitrary Unicode sometimes.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![4 => piece_text(), 1 => any::<String>(), 1 => "\\PC{0,200}"]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_valid_ordered_and_disjoint(text in any_text()) {
        let a = Analyzer::new().analyze(&text, capitalised_runs(&text));
        check_analysis(&text, &a);
    }

    #[test]
    fn garbage_entities_are_sanitised(text in any_text(), seed in any::<u64>(), n in 0usize..20) {
        let a = Analyzer::new().analyze(&text, garbage_entities(&text, seed, n));
        check_analysis(&text, &a);
    }

    #[test]
    fn analysis_is_deterministic_and_entity_order_free(text in piece_text(), seed in any::<u64>()) {
        let an = Analyzer::new();
        let ents = capitalised_runs(&text);
        let first = an.analyze(&text, ents.clone());
        prop_assert_eq!(&an.analyze(&text, ents.clone()), &first);
        prop_assert_eq!(&an.clone().analyze(&text, ents.clone()), &first);
        // Entities may be given in any order.
        let mut shuffled = ents;
        let mut r = common::Mix(seed);
        for i in (1..shuffled.len()).rev() {
            shuffled.swap(i, (r.next() % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(&an.analyze(&text, shuffled), &first);
    }

    #[test]
    fn batch_equals_single(texts in prop::collection::vec(piece_text(), 1..6)) {
        // One analyzer over a sequence of documents keeps no state between them.
        let an = Analyzer::new();
        let alone: Vec<_> = texts.iter().map(|t| Analyzer::new().analyze(t, capitalised_runs(t))).collect();
        let seq: Vec<_> = texts.iter().map(|t| an.analyze(t, capitalised_runs(t))).collect();
        prop_assert_eq!(seq, alone);
    }
}
