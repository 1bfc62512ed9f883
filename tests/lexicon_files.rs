//! The English and reported-speech lexicons are data a user may replace: a copy of the
//! shipped file, edited, changes what the rule layer reads; a broken file is an error with
//! file, line and column. Entities are supplied, so no model is needed.

mod common;

use std::path::PathBuf;

use common::verdict;
use detente::stance::Topic;
use detente::{Analyzer, Error, Label, Stance};

fn shipped(file: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Write `src` to a fresh file under the target directory and return its path.
fn write(name: &str, src: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("lexicon_files");
    std::fs::create_dir_all(&dir).expect("create the test directory");
    let path = dir.join(name);
    std::fs::write(&path, src).expect("write the test lexicon");
    path
}

const NAMES: &[(&str, Label)] = &[
    ("Tom Baker", Label::Person),
    ("Iran", Label::Location),
    ("United States", Label::Location),
];

/// Tom Baker's stance in `text` and the rules of its evidence.
fn stance_of(an: &Analyzer, text: &str) -> (Stance, Vec<String>) {
    verdict(an, text, "Tom Baker", NAMES)
}

fn talks() -> Analyzer {
    Analyzer::new().with_topic(Topic::named("us_iran_talks").expect("embedded topic"))
}

#[test]
fn a_users_english_lexicon_replaces_the_embedded_one() {
    let text = "Tom Baker said the United States should glorp the talks with Iran.";
    // "glorp" is no English verb: a modal before the relation term is weak support
    assert_eq!(stance_of(&talks(), text).0, Stance::Support);
    // the same lexicon with "glorp" among the verbs that undo a relation
    let src = shipped("english.toml").replacen("undo = [", "undo = [\"glorp\", ", 1);
    assert!(
        src.contains("\"glorp\""),
        "the undo list moved in data/english.toml"
    );
    let path = write("english_glorp.toml", &src);
    let an = talks()
        .with_english_file(&path)
        .expect("the edited lexicon loads");
    assert_eq!(stance_of(&an, text).0, Stance::Oppose);
    // the order of the builder calls does not matter: a topic set later is scoped by it too
    let an = Analyzer::new()
        .with_english_file(&path)
        .expect("the edited lexicon loads")
        .with_topic(Topic::named("us_iran_talks").expect("embedded topic"));
    assert_eq!(stance_of(&an, text).0, Stance::Oppose);
}

#[test]
fn a_users_attribution_lexicon_adds_speech_verbs() {
    let text = "\"Talks between the United States and Iran would be a grave mistake,\" Tom \
                Baker intoned.";
    let (_, rules) = stance_of(&talks(), text);
    assert!(
        !rules.iter().any(|r| r == "oppose.evaluation"),
        "without the verb the quote is nobody's (Tom Baker only takes part): {rules:?}"
    );
    let src = shipped("attribution.toml").replacen("speech = [", "speech = [\"intoned\", ", 1);
    let path = write("attribution_intone.toml", &src);
    let an = talks()
        .with_attribution_file(&path)
        .expect("the edited lexicon loads");
    let (stance, rules) = stance_of(&an, text);
    assert_eq!(stance, Stance::Oppose, "{rules:?}");
    assert!(rules.iter().any(|r| r == "oppose.evaluation"), "{rules:?}");
}

#[test]
fn a_broken_lexicon_file_is_an_error_with_its_place() {
    let path = write(
        "english_broken.toml",
        "negators = [\"not\",\nfamilies = 3\n",
    );
    let err = Analyzer::new().with_english_file(&path).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert!(msg.contains("english_broken.toml"), "{msg}");
    // an unknown key is an error too, not silently ignored
    let path = write("english_unknown.toml", "negatorz = [\"not\"]\n");
    let err = Analyzer::new().with_english_file(&path).unwrap_err();
    assert!(err.to_string().contains("negatorz"), "{err}");
    let path = write("attribution_unknown.toml", "speach = [\"say\"]\n");
    let err = Analyzer::new().with_attribution_file(&path).unwrap_err();
    assert!(err.to_string().contains("speach"), "{err}");
    // a missing file is an I/O error naming it
    let err = Analyzer::new()
        .with_english_file("/nonexistent/english.toml")
        .unwrap_err();
    assert!(
        err.to_string().contains("/nonexistent/english.toml"),
        "{err}"
    );
}
