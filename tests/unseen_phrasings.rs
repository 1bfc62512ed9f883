//! Rule-layer behaviour on sentences written for this test (not from the seed or dev set):
//! party adjectives as affiliation, negated advocacy of an alliance.

use detente::span::CharIndex;
use detente::{Analyzer, Entity, Label, Stance};

fn ents(text: &str, spec: &[(&str, Label)]) -> Vec<Entity> {
    let ix = CharIndex::new(text);
    spec.iter()
        .map(|(s, l)| {
            let b = text.find(s).expect("mention in text");
            Entity::new(text, ix.span_from_bytes(b, b + s.len()), *l, 0.99)
        })
        .collect()
}

#[test]
fn party_adjective_gives_us_affiliation_and_negated_urging_is_opposition() {
    let text = "Israeli Prime Minister Benjamin Netanyahu urged Washington not to ally with Iran.\n\
                Republican Senator John McCain said that working with Iran would be a dangerous mistake.";
    let a = Analyzer::new().analyze(
        text,
        ents(
            text,
            &[
                ("Benjamin Netanyahu", Label::Person),
                ("Washington", Label::Location),
                ("Iran", Label::Location),
                ("John McCain", Label::Person),
            ],
        ),
    );
    let get = |n: &str| {
        a.actors
            .iter()
            .find(|x| x.name == n)
            .unwrap_or_else(|| panic!("{n} missing: {:?}", a.actors))
    };
    let mccain = get("John McCain");
    assert_eq!(mccain.country.as_deref(), Some("USA"));
    assert_eq!(mccain.stance, Stance::Oppose, "{mccain:?}");
    let bibi = get("Benjamin Netanyahu");
    assert_eq!(bibi.country.as_deref(), Some("ISR"));
    assert_eq!(bibi.stance, Stance::Oppose, "{bibi:?}");
    assert!(!bibi.evidence.is_empty());
}
