//! Helpers shared by the reliability tests (and, through `include!`, by the fuzz target):
//! synthetic NER output for any text, and the invariants every [`Analysis`] must satisfy.
//!
//! Nothing here needs a model.
#![allow(dead_code)]

use detente::span::CharIndex;
use detente::{Analysis, Analyzer, Entity, Label, Span, Stance};

/// Tiny deterministic PRNG (SplitMix64) so synthetic entities are reproducible per input.
pub struct Mix(pub u64);

impl Mix {
    /// Next pseudo-random value.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// FNV-1a hash of `bytes`: the seed of the synthetic entities of a text.
pub fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The example article (3.9 KB of real news text).
pub const SEED: &str = include_str!("../../examples/data/seed_article.txt");

/// The odd inputs of issue 7 (plus a few more); each is also combined with the seed article.
pub fn odd_inputs() -> Vec<(&'static str, String)> {
    vec![
        ("empty", String::new()),
        ("space", " ".into()),
        ("whitespace only", " \t\n\r\n \u{a0}\u{2003}\u{3000}\n\n".into()),
        ("one 200 000-char word", "a".repeat(200_000)),
        ("one 200 000-char capitalised word", format!("I{}", "ran".repeat(66_666))),
        ("200 000 chars without spaces mixed", "Iran.US“talks”".repeat(14_000)),
        ("punctuation only", ".,;:!?…-–—()[]{}/\\@#$%^&*+=<>|~`".repeat(100)),
        ("quotes only", "\"“”‘’'«»„\"\"\"“““”””".repeat(200)),
        ("unbalanced quotes", "“We need talks, Graham said. \"Iran said “no. ” ” ” \" Obama “".into()),
        ("quote never closed", format!("“{}", SEED)),
        ("emoji", "😀 Iran 🇮🇷 said 🇺🇸 talks 👍🏽 are 👨‍👩‍👧 good. 🙂🙃".repeat(50)),
        ("RTL", "مرحبا بالعالم. قال روحاني إن إيران مستعدة للحوار. \u{202E}Iran said no\u{202C} ok".into()),
        ("combining marks", "I\u{301}ra\u{308}n\u{20DD} sa\u{327}id Z\u{336}a\u{336}r\u{336}i\u{336}f \u{300}\u{301}\u{302} talks.".repeat(30)),
        ("control characters", "\u{0}\u{1}Iran\u{7} said\u{8} \u{1b}[31m talks\u{7f} are \u{85}good.\u{c}\u{b}US".into()),
        ("NUL only", "\0".repeat(1000)),
        ("Windows line endings", SEED.replace('\n', "\r\n")),
        ("old Mac line endings", SEED.replace('\n', "\r")),
        ("line/paragraph separators", SEED.replace('\n', "\u{2028}").replace(". ", ".\u{2029}")),
        ("BOM", format!("\u{feff}{SEED}")),
        ("zero-width", SEED.replace(' ', " \u{200b}\u{200d}")),
        ("all caps", SEED.to_uppercase()),
        ("all lower", SEED.to_lowercase()),
        ("only dots", ".".repeat(50_000)),
        ("only newlines", "\n".repeat(50_000)),
        ("terminator soup", "U.S. Sen. Mr. J. K. 1.5 e.g. i.e. ...?!‽…".repeat(500)),
        ("surrogate-range replacement", "\u{fffd}\u{fffd}Iran\u{fffd}".repeat(100)),
        ("max scalar", "\u{10ffff}Iran\u{10ffff} said \u{e000}".repeat(100)),
        ("very long sentence", format!("{}.", "Iran and the United States said talks ".repeat(5_000))),
        ("many short paragraphs", "Iran said yes.\n".repeat(5_000)),
        ("tab separated", SEED.replace(' ', "\t")),
    ]
}

const LABELS: [Label; 4] = [
    Label::Person,
    Label::Organization,
    Label::Location,
    Label::Misc,
];

/// What a plausible NER model would output: every run of capitalised words (joined by single
/// spaces, at most 4 words) becomes an entity, with a label chosen from the run's text so the
/// same name always gets the same label. Valid offsets, in text order, non-overlapping.
pub fn capitalised_runs(text: &str) -> Vec<Entity> {
    let ix = CharIndex::new(text);
    let mut out = Vec::new();
    let mut run: Option<(usize, usize, usize)> = None; // (byte start, byte end, words)
    let mut word_start: Option<usize> = None;
    let flush = |run: &mut Option<(usize, usize, usize)>, out: &mut Vec<Entity>| {
        if let Some((s, e, _)) = run.take() {
            let name = &text[s..e];
            let label = LABELS[(fnv(name.as_bytes()) % 4) as usize];
            out.push(Entity::new(text, ix.span_from_bytes(s, e), label, 0.9));
        }
    };
    let mut chars = text.char_indices().peekable();
    while let Some((b, c)) = chars.next() {
        let is_word = c.is_alphanumeric() || c == '-' || (c == '.' && word_start.is_some());
        if is_word && word_start.is_none() {
            word_start = Some(b);
        }
        let ends = !is_word || chars.peek().is_none();
        if ends {
            if let Some(ws) = word_start.take() {
                let we = if is_word { b + c.len_utf8() } else { b };
                let word = text[ws..we].trim_end_matches('.');
                let we = ws + word.len();
                let capital = word.chars().next().is_some_and(char::is_uppercase);
                if capital && !word.is_empty() {
                    match &mut run {
                        Some((_, e, n)) if *n < 4 && text.get(*e..ws) == Some(" ") => {
                            *e = we;
                            *n += 1;
                        }
                        _ => {
                            flush(&mut run, &mut out);
                            run = Some((ws, we, 1));
                        }
                    }
                } else {
                    flush(&mut run, &mut out);
                }
            }
            if !is_word && c != ' ' {
                flush(&mut run, &mut out);
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// An entity over bytes `s..e` of `text` (which must be char boundaries). O(s): for tests
/// with few entities; [`capitalised_runs`] uses a [`CharIndex`].
pub fn entity_at(text: &str, s: usize, e: usize, label: Label, score: f32) -> Entity {
    let start = text[..s].chars().count();
    let end = start + text[s..e].chars().count();
    Entity::new(
        text,
        Span {
            start,
            end,
            byte_start: s,
            byte_end: e,
        },
        label,
        score,
    )
}

/// Garbage a buggy recognizer (or a user) might hand over: `n` entities with arbitrary
/// offsets (possibly past the end, inverted, off char boundaries), arbitrary `text`, and
/// char offsets that disagree with the byte offsets. `Analyzer::analyze` must survive them.
pub fn garbage_entities(text: &str, seed: u64, n: usize) -> Vec<Entity> {
    let mut r = Mix(seed);
    let len = text.len().max(1) as u64;
    (0..n)
        .map(|_| {
            let a = (r.next() % (len + 8)) as usize;
            let b = (r.next() % (len + 8)) as usize;
            let (a, b) = if r.next().is_multiple_of(4) {
                (b, a)
            } else {
                (a.min(b), a.max(b))
            };
            let ca = (r.next() % (len + 8)) as usize;
            let cb = ca + (r.next() % 12) as usize;
            Entity {
                text: match r.next() % 3 {
                    0 => String::new(),
                    // (short ones only: copying megabyte spans would dominate the tests)
                    1 => text.get(a..b.min(a + 64)).unwrap_or("?").to_string(),
                    _ => "Iran".to_string(),
                },
                label: [
                    Label::Person,
                    Label::Organization,
                    Label::Location,
                    Label::Misc,
                    Label::Country,
                ][(r.next() % 5) as usize],
                start: ca,
                end: cb,
                byte_start: a,
                byte_end: b,
                score: (r.next() % 1000) as f32 / 1000.0,
                country: if r.next().is_multiple_of(5) {
                    Some("IRN".into())
                } else {
                    None
                },
            }
        })
        .collect()
}

/// Panics with a message naming the broken invariant of `a` over `text`:
///
/// * every entity has `start < end`, byte offsets on char boundaries inside the text,
///   `text == input[byte_start..byte_end]`, char offsets that agree with the byte offsets;
///   entities are in text order and do not overlap;
/// * every actor's mentions satisfy the same (char offsets, text), in text order, no overlap;
///   actor ids are their indices;
/// * every evidence item has `start < end <= len`, `text == chars[start..end]`, a cue that is a
///   non-empty substring of its text; non-neutral actors have evidence; confidence in 0..=1.
pub fn check_analysis(text: &str, a: &Analysis) {
    let n_chars = text.chars().count();
    // Char offset -> byte offset table (one entry per char, plus the end).
    let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of.push(text.len());
    let slice = |s: usize, e: usize| -> &str { &text[byte_of[s]..byte_of[e]] };

    let mut last_end = 0usize;
    for (i, e) in a.entities.iter().enumerate() {
        assert!(
            e.byte_start < e.byte_end,
            "entity {i} empty or inverted: {e:?}"
        );
        assert!(e.byte_end <= text.len(), "entity {i} past the end: {e:?}");
        assert!(
            text.is_char_boundary(e.byte_start) && text.is_char_boundary(e.byte_end),
            "entity {i} off char boundary: {e:?}"
        );
        assert_eq!(&text[e.byte_start..e.byte_end], e.text, "entity {i} text");
        assert!(
            e.end <= n_chars && e.start < e.end,
            "entity {i} char span: {e:?}"
        );
        assert_eq!(
            byte_of[e.start], e.byte_start,
            "entity {i} char/byte start disagree: {e:?}"
        );
        assert_eq!(
            byte_of[e.end], e.byte_end,
            "entity {i} char/byte end disagree: {e:?}"
        );
        assert!(
            e.byte_start >= last_end,
            "entity {i} overlaps or is out of order: {e:?}"
        );
        assert!(e.score.is_finite(), "entity {i} score: {e:?}");
        last_end = e.byte_end;
    }
    for (i, act) in a.actors.iter().enumerate() {
        assert_eq!(act.id, i, "actor id");
        assert!(!act.mentions.is_empty(), "actor {i} has no mention");
        let mut last = 0usize;
        for m in &act.mentions {
            assert!(
                m.start < m.end && m.end <= n_chars,
                "actor {i} mention span {m:?}"
            );
            assert_eq!(slice(m.start, m.end), m.text, "actor {i} mention text");
            assert!(
                m.start >= last,
                "actor {i} mentions out of order or overlapping: {:?}",
                act.mentions
            );
            last = m.end;
        }
        assert!(
            (0.0..=1.0).contains(&act.confidence),
            "actor {i} confidence {}",
            act.confidence
        );
        if act.stance != detente::Stance::Neutral {
            assert!(
                !act.evidence.is_empty(),
                "actor {i} {:?} without evidence",
                act.stance
            );
        }
        for ev in &act.evidence {
            assert!(
                ev.start < ev.end && ev.end <= n_chars,
                "actor {i} evidence span {ev:?}"
            );
            assert_eq!(slice(ev.start, ev.end), ev.text, "actor {i} evidence text");
            assert!(!ev.cue.is_empty(), "actor {i} evidence without cue");
            // Evidence is ordered by cue position, which is not always the order of evidence
            // starts: a long sentence holding a later cue can start before the clause holding an
            // earlier one (found by the fuzzer, tests/data/fuzz/crash-0ad447f4...).
            assert!(
                ev.text.contains(&ev.cue),
                "actor {i} cue outside its evidence: {ev:?}"
            );
        }
    }
}

/// The built `tag` example next to the running test binary (`target/<profile>/deps/x-*` →
/// `target/<profile>/examples/tag`): the same code as `detente tag`. Panics with a hint when it
/// was not built (`make test` builds the examples first).
pub fn tag_bin() -> std::path::PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile_dir = exe
        .parent()
        .and_then(std::path::Path::parent)
        .expect("target/<profile>");
    let bin = profile_dir
        .join("examples")
        .join(format!("tag{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} not built: run `cargo test --all-targets` (as `make test` does) or `cargo build --example tag` with the same profile",
        bin.display()
    );
    bin
}

/// Entities for every whole-word occurrence of each name (supplied NER for rule tests).
pub fn named_entities(text: &str, names: &[(&str, Label)]) -> Vec<Entity> {
    let ix = CharIndex::new(text);
    let mut out = Vec::new();
    for (n, l) in names {
        for (b, _) in text.match_indices(n) {
            let e = b + n.len();
            let left = text[..b]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let right = text[e..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if left && right {
                out.push(Entity::new(text, ix.span_from_bytes(b, e), *l, 0.99));
            }
        }
    }
    out
}

/// The stance of the actor named `who` in `text` (entities from `names`) and the rules of its
/// evidence. Panics when there is no such actor.
pub fn verdict(
    an: &Analyzer,
    text: &str,
    who: &str,
    names: &[(&str, Label)],
) -> (Stance, Vec<String>) {
    let a = an.analyze(text, named_entities(text, names));
    let actor = a
        .actors
        .iter()
        .find(|x| x.name == who)
        .unwrap_or_else(|| panic!("no actor {who} in {:?}", a.actors));
    let rules = actor.evidence.iter().map(|e| e.rule.clone()).collect();
    (actor.stance, rules)
}
