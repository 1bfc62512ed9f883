//! A battery of sentences written from general English (`tests/data/stance_battery.tsv`: who,
//! expected stance, sentence, and for the constructions the rule layer misses today, the
//! reason). Each runs under the `us_iran_talks` topic with a closing sentence that names both
//! parties (as news about the dyad does); entities are supplied, so no model is needed. Every
//! row without a known gap must get its stance; a gap that starts passing is reported so that
//! its mark can be removed.

mod common;

use common::verdict;
use detente::stance::Topic;
use detente::{Analyzer, Label, Stance};

const BATTERY: &str = include_str!("data/stance_battery.tsv");
const PEOPLE: &[&str] = &["John Smith", "Ali Rezaei", "Tom Baker"];
const ORGANIZATIONS: &[&str] = &["White House", "State Department"];
const CLOSING: &str = " The United States and Iran have been at odds for decades.";

fn parse_stance(s: &str) -> Stance {
    match s {
        "support" => Stance::Support,
        "oppose" => Stance::Oppose,
        "conditional" => Stance::Conditional,
        "neutral" => Stance::Neutral,
        other => panic!("unknown stance {other:?} in the battery"),
    }
}

#[test]
fn every_sentence_of_the_battery_without_a_known_gap_gets_its_stance() {
    let an = Analyzer::new().with_topic(Topic::named("us_iran_talks").expect("embedded topic"));
    let places = [
        "Israel",
        "Oman",
        "Qatar",
        "Saudi Arabia",
        "Russia",
        "China",
        "United States",
        "U.S.",
        "America",
        "Washington",
        "Iran",
        "Tehran",
        "Muscat",
        "Geneva",
    ];
    let (mut rows, mut failures, mut fixed_gaps) = (0, Vec::new(), Vec::new());
    for line in BATTERY
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 3, "malformed battery row: {line:?}");
        let (who, want, sentence) = (cols[0], parse_stance(cols[1]), cols[2]);
        let text = format!("{sentence}{CLOSING}");
        // every person of the battery is an entity wherever named, as a model would tag them
        let label = if places.contains(&who) {
            Label::Location
        } else if ORGANIZATIONS.contains(&who) {
            Label::Organization
        } else {
            Label::Person
        };
        let mut names: Vec<(&str, Label)> = vec![(who, label)];
        names.extend(
            ORGANIZATIONS
                .iter()
                .filter(|o| **o != who)
                .map(|o| (*o, Label::Organization)),
        );
        names.extend(
            PEOPLE
                .iter()
                .filter(|p| **p != who)
                .map(|p| (*p, Label::Person)),
        );
        names.extend(
            places
                .iter()
                .filter(|p| **p != who)
                .map(|p| (*p, Label::Location)),
        );
        let got = verdict(&an, &text, who, &names).0;
        rows += 1;
        match (got == want, cols.get(3)) {
            (false, None) => failures.push(format!("{want:?} expected, got {got:?}: {sentence}")),
            (true, Some(_)) => fixed_gaps.push(sentence.to_string()),
            _ => {}
        }
    }
    assert!(rows >= 100, "the battery has {rows} rows");
    if !fixed_gaps.is_empty() {
        eprintln!("known gaps that now pass (remove their mark): {fixed_gaps:#?}");
    }
    assert!(
        failures.is_empty(),
        "{} of {rows} rows fail: {failures:#?}",
        failures.len()
    );
}
