//! Unit tests of the stance stage (sentences written for the tests).

use super::*;
use crate::attribution::attribute;
use crate::attribution::tests::actors;
use crate::report::Actor;
use crate::report::ActorKind::{self, *};

type Spec<'a> = [(&'a str, ActorKind, &'a str, &'a [&'a str])];

fn run_topic(t: &str, spec: &Spec, topic: &Topic) -> Vec<Actor> {
    let doc = Doc::new(t);
    let a = actors(t, spec);
    let st = attribute(&doc, &a);
    let verdicts = assess(&doc, &st, &a, topic);
    crate::analyzer::report_actors(&doc, a, verdicts)
}

fn run(t: &str, spec: &Spec) -> Vec<Actor> {
    run_topic(t, spec, &Topic::embedded())
}

fn stances(a: &[Actor]) -> Vec<Stance> {
    a.iter().map(|x| x.stance).collect()
}

fn check_evidence(t: &str, a: &[Actor]) {
    let chars: Vec<char> = t.chars().collect();
    for x in a {
        if x.stance != Stance::Neutral {
            assert!(!x.evidence.is_empty(), "{} has no evidence", x.name);
        }
        assert!((0.0..=1.0).contains(&x.confidence));
        for e in &x.evidence {
            let s: String = chars[e.start..e.end].iter().collect();
            assert_eq!(s, e.text);
            assert!(e.text.contains(&e.cue), "{e:?}");
        }
    }
}

const US_IR: &[(&str, ActorKind, &str, &[&str])] = &[];

#[test]
fn direct_quote_support_with_evidence() {
    let t = "\"We need a dialogue with Iran,\" Senator Lindsey Graham said.";
    let a = run(
        t,
        &[
            ("Lindsey Graham", Person, "USA", &["Lindsey Graham"]),
            ("Iran", Country, "IRN", &["Iran"]),
        ],
    );
    assert_eq!(stances(&a), vec![Stance::Support, Stance::Neutral]);
    let e = &a[0].evidence[0];
    assert!(e.quote);
    assert_eq!(e.rule, "support.need");
    assert!(a[0].confidence > 0.55);
    check_evidence(t, &a);
    let _ = US_IR;
}

#[test]
fn agent_of_stance_verb_and_objects_stay_neutral() {
    let t = "Senator Mike Rogers criticized the possible alliance with Iran, talking to Reuters.";
    let a = run(
        t,
        &[
            ("Mike Rogers", Person, "USA", &["Mike Rogers"]),
            ("Iran", Country, "IRN", &["Iran"]),
            ("Reuters", Organization, "", &["Reuters"]),
        ],
    );
    assert_eq!(
        stances(&a),
        vec![Stance::Oppose, Stance::Neutral, Stance::Neutral]
    );
    assert_eq!(a[0].evidence[0].rule, "oppose.criticize");
    assert!(!a[0].evidence[0].quote);
    check_evidence(t, &a);
}

#[test]
fn negation_scope() {
    // Negated opposition alone → conditional openness; with explicit support → support.
    let t = "Dempsey declined to rule out coordination with Iran.";
    let a = run(t, &[("Martin Dempsey", Person, "USA", &["Dempsey"])]);
    assert_eq!(a[0].stance, Stance::Conditional, "{:?}", a[0].evidence);
    let t = "Kerry said he would be open to cooperating with Iran. \"I wouldn't rule out cooperation with Iran,\" Kerry said.";
    let a = run(t, &[("John Kerry", Person, "USA", &["Kerry"])]);
    assert_eq!(a[0].stance, Stance::Support, "{:?}", a[0].evidence);
    // A negated relation term is opposition; a negated support cue too.
    let t = "\"We will not cooperate with the Americans,\" Zarif said. Larijani said Iran does not need talks with Washington.";
    let a = run(
        t,
        &[
            ("Javad Zarif", Person, "IRN", &["Zarif"]),
            ("Ali Larijani", Person, "IRN", &["Larijani"]),
        ],
    );
    assert_eq!(stances(&a), vec![Stance::Oppose, Stance::Oppose]);
    assert_eq!(a[0].evidence[0].rule, "oppose.negated_relation");
    assert!(
        a[1].evidence[0].rule.ends_with(".negated"),
        "{:?}",
        a[1].evidence
    );
    check_evidence(t, &a);
}

#[test]
fn conditions_and_limited_forms() {
    let t = "Rouhani said Iran would cooperate with the US only if sanctions are lifted.";
    let a = run(t, &[("Hassan Rouhani", Person, "IRN", &["Rouhani"])]);
    assert_eq!(a[0].stance, Stance::Conditional);
    assert_eq!(a[0].evidence[0].rule, "conditional.condition");
    // Talks yes, military coordination no → conditional; only "no military" → oppose.
    let t = "\"We have discussed the issue with Iran. We will not coordinate militarily with Iran,\" Earnest said.";
    let a = run(t, &[("Josh Earnest", Person, "USA", &["Earnest"])]);
    assert_eq!(a[0].stance, Stance::Conditional, "{:?}", a[0].evidence);
    let t = "\"We are not coordinating military action with Iran,\" Kirby said.";
    let a = run(t, &[("John Kirby", Person, "USA", &["Kirby"])]);
    assert_eq!(a[0].stance, Stance::Oppose);
    // "asked if" is a question, not a condition.
    let t = "Kerry was asked if the US would cooperate with Iran.";
    let a = run(t, &[("John Kerry", Person, "USA", &["Kerry"])]);
    assert_ne!(a[0].stance, Stance::Conditional);
}

#[test]
fn hedges_lower_confidence() {
    let plain = run(
        "Graham said the US needs talks with Iran.",
        &[("Lindsey Graham", Person, "USA", &["Graham"])],
    );
    let hedged = run(
        "Graham said the US probably needs talks with Iran.",
        &[("Lindsey Graham", Person, "USA", &["Graham"])],
    );
    assert_eq!(plain[0].stance, Stance::Support);
    assert_eq!(hedged[0].stance, Stance::Support);
    assert!(hedged[0].confidence < plain[0].confidence);
}

#[test]
fn unnamed_source_gives_country_stance_and_pronoun_speaker() {
    let t = "A senior Iranian official spoke to reporters in Tehran.\n\"We can work with Americans to end the insurgency,\" the senior official said.\nRouhani arrived later. He said Iran rejected the alliance with Washington.";
    let a = run(
        t,
        &[
            ("Iran", Country, "IRN", &["Tehran"]),
            ("Hassan Rouhani", Person, "IRN", &["Rouhani"]),
        ],
    );
    assert_eq!(stances(&a), vec![Stance::Support, Stance::Oppose]);
    check_evidence(t, &a);
}

#[test]
fn relation_must_be_about_the_parties() {
    // Cooperation among others, help to a third country, alliances elsewhere: neutral.
    let t = "Ya'alon called for greater cooperation between intelligence agencies. The US is ready to help Iraq. Israel welcomed the alliance against IS.";
    let a = run(
        t,
        &[
            ("Moshe Ya'alon", Person, "ISR", &["Ya'alon"]),
            ("United States", Country, "USA", &["US"]),
            ("Israel", Country, "ISR", &["Israel"]),
        ],
    );
    assert_eq!(stances(&a), vec![Stance::Neutral; 3]);
    // Third parties need both parties in the clause.
    let t = "Israel hailed the coalition but raised concerns about a rapprochement between Washington and Tehran.";
    let a = run(t, &[("Israel", Country, "ISR", &["Israel"])]);
    assert_eq!(a[0].stance, Stance::Oppose);
}

#[test]
fn offers_and_refusals_of_each_party() {
    let t =
        "Iran has previously offered help to the coalition, but its request was refused by the US.";
    let a = run(
        t,
        &[
            ("Iran", Country, "IRN", &["Iran"]),
            ("United States", Country, "USA", &["US"]),
        ],
    );
    assert_eq!(stances(&a), vec![Stance::Support, Stance::Oppose], "{a:#?}");
}

#[test]
fn second_topic_file_changes_the_dyad() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/topics/us_china_trade.toml"
    ))
    .expect("topic file");
    let topic = Topic::from_toml_str(&src, "us_china_trade.toml").expect("valid topic");
    assert_eq!(topic.party_codes(), vec!["USA", "CHN"]);
    let t = "\"We need trade talks with China,\" Senator Smith said. Beijing ruled out a trade deal with Washington. \"We need a dialogue with Iran,\" Jones said. Tehran is contemplating an alliance with the US.";
    let spec: &Spec = &[
        ("John Smith", Person, "USA", &["Smith"]),
        ("China", Country, "CHN", &["China", "Beijing"]),
        ("Bob Jones", Person, "USA", &["Jones"]),
        ("Iran", Country, "IRN", &["Tehran", "Iran"]),
    ];
    let a = run_topic(t, spec, &topic);
    assert_eq!(
        stances(&a),
        vec![
            Stance::Support,
            Stance::Oppose,
            Stance::Neutral,
            Stance::Neutral
        ]
    );
    // The same text under the US–Iran topic: only the Iran sentence counts.
    let b = run(t, spec);
    assert_eq!(
        stances(&b),
        vec![
            Stance::Neutral,
            Stance::Neutral,
            Stance::Support,
            Stance::Support
        ]
    );
}

#[test]
fn linear_on_adversarial_run_on_text() {
    // One 1 MB "sentence" full of speakers, quotes and relation terms.
    let unit = "Iran said talks with the US are needed, \"we need a dialogue,\" he said and ";
    let t = unit.repeat(1_000_000 / unit.len());
    let t0 = std::time::Instant::now();
    let a = run(
        &t,
        &[
            ("Iran", Country, "IRN", &["Iran"]),
            ("United States", Country, "USA", &["US"]),
        ],
    );
    assert!(t0.elapsed().as_secs() < 60, "took {:?}", t0.elapsed());
    assert_eq!(a[0].stance, Stance::Support);
}

/// Sentences in the style of 2014 wire copy, written for these tests (not taken from the
/// seed or the development set), one expected stance each.
#[test]
fn news_style_sentences() {
    let cases: &[(&str, &Spec, Stance)] = &[
        (
            "Secretary of State John Kerry said Monday the United States is open to talks with Iran over Iraq.",
            &[("John Kerry", Person, "USA", &["John Kerry"])],
            Stance::Support,
        ),
        (
            "Iran's Supreme Leader Ayatollah Ali Khamenei said he opposed any cooperation with the United States in Iraq.",
            &[("Ali Khamenei", Person, "IRN", &["Ali Khamenei"])],
            Stance::Oppose,
        ),
        (
            "Senator John McCain called the idea of working with Iran the height of folly.",
            &[("John McCain", Person, "USA", &["John McCain"])],
            Stance::Oppose,
        ),
        (
            "Foreign Ministry spokeswoman Marzieh Afkham said Tehran had no plans to cooperate with Washington.",
            &[("Marzieh Afkham", Person, "IRN", &["Marzieh Afkham"])],
            Stance::Oppose,
        ),
        (
            "Pentagon press secretary John Kirby told reporters there would be no military coordination with Iran.",
            &[("John Kirby", Person, "USA", &["John Kirby"])],
            Stance::Oppose,
        ),
        (
            "House Speaker John Boehner warned against any alliance with Tehran.",
            &[("John Boehner", Person, "USA", &["John Boehner"])],
            Stance::Oppose,
        ),
        (
            "Rouhani said Iran was ready to help the United States fight the militants if Washington showed it was serious.",
            &[("Hassan Rouhani", Person, "IRN", &["Rouhani"])],
            Stance::Conditional,
        ),
        (
            "Iraqi Prime Minister Nouri al-Maliki welcomed the talks between Iran and the United States.",
            &[("Nouri al-Maliki", Person, "IRQ", &["Nouri al-Maliki"])],
            Stance::Support,
        ),
        (
            "British Foreign Secretary William Hague said Britain would reopen its embassy in Tehran.",
            &[("William Hague", Person, "GBR", &["William Hague"])],
            Stance::Neutral,
        ),
        (
            "Reuters reported that the two sides met in Vienna for nuclear talks.",
            &[("Reuters", Organization, "", &["Reuters"])],
            Stance::Neutral,
        ),
        (
            "\"We are not against talking to the Americans about Iraq, but military cooperation is out of the question,\" the Iranian official said.",
            &[("Iran", Country, "IRN", &["Iranian"])],
            Stance::Conditional,
        ),
        (
            "Graham urged the administration to work with Iran against the militants.",
            &[("Lindsey Graham", Person, "USA", &["Graham"])],
            Stance::Support,
        ),
        (
            "Israeli Prime Minister Benjamin Netanyahu cautioned Washington against cooperating with Tehran.",
            &[("Benjamin Netanyahu", Person, "ISR", &["Benjamin Netanyahu"])],
            Stance::Oppose,
        ),
        (
            "Iran will not join the US-led coalition, Iranian officials said on Sunday.",
            &[("Iran", Country, "IRN", &["Iran"])],
            Stance::Oppose,
        ),
        (
            "American and Iranian diplomats held talks on Iraq in Geneva, a senior US official said.",
            &[("United States", Country, "USA", &["US"])],
            Stance::Support,
        ),
    ];
    let mut bad = Vec::new();
    for (t, spec, want) in cases {
        let a = run(t, spec);
        check_evidence(t, &a);
        if a[0].stance != *want {
            bad.push(format!(
                "{t}\n  want {want:?} got {:?} {:?}",
                a[0].stance, a[0].evidence
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Statements near the topic that take no position on it stay neutral.
#[test]
fn near_misses_stay_neutral() {
    let t = "Obama said the US would not send ground troops to Iraq. \
             Kerry said talks with Iran on its nuclear program would continue. \
             Saudi Arabia has long opposed Iran's influence in Iraq. \
             Zarif said Iran would help Iraq fight the militants. \
             Zarif said Iran is ready to work with any country fighting terrorism.";
    let a = run(
        t,
        &[
            ("Barack Obama", Person, "USA", &["Obama"]),
            ("John Kerry", Person, "USA", &["Kerry"]),
            ("Saudi Arabia", Country, "SAU", &["Saudi Arabia"]),
            ("Javad Zarif", Person, "IRN", &["Zarif"]),
        ],
    );
    for x in &a {
        assert_eq!(x.stance, Stance::Neutral, "{}: {:?}", x.name, x.evidence);
        assert_eq!(x.confidence, 0.5);
    }
}

#[test]
fn never_panics() {
    let long = "talks ".repeat(50_000);
    for t in [
        "",
        "\"",
        "“We need talks",
        "Iran.",
        long.as_str(),
        "😀 Iran \u{202e}talks\u{0} with US",
    ] {
        let a = run(
            t,
            &[
                ("Iran", Country, "IRN", &["Iran"]),
                ("United States", Country, "USA", &["US"]),
            ],
        );
        check_evidence(t, &a);
    }
}
