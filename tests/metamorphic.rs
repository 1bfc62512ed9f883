//! Metamorphic tests of the rule layer, written from general English (no sentence of any
//! annotated article): negating the clause flips the stance or makes it neutral; a third
//! country instead of the other party makes it neutral; a synonym of the cue keeps the stance;
//! the pronoun "us" is no party. Entities are supplied, so no model is needed.

mod common;

use common::verdict;
use detente::stance::Topic;
use detente::{Analyzer, Label, Stance};

fn topics() -> Vec<(&'static str, Analyzer)> {
    vec![
        ("us_iran (2014)", Analyzer::new()),
        ("us_iran_talks", talks_analyzer()),
    ]
}

/// The stance of the actor named `who` in `text`.
fn stance(an: &Analyzer, text: &str, who: &str, names: &[(&str, Label)]) -> Stance {
    verdict(an, text, who, names).0
}

/// Each `(predicate, stance)`: "Tom Baker, an American senator, {predicate}." takes that
/// stance under both topics.
fn assert_senator(cases: &[(&str, Stance)]) {
    for (name, an) in topics() {
        for (predicate, want) in cases {
            let t = format!("Tom Baker, an American senator, {predicate}.");
            assert_eq!(stance(&an, &t, "Tom Baker", PEOPLE), *want, "[{name}] {t}");
        }
    }
}

/// Each `(text, stance)`: Tom Baker takes that stance under `us_iran_talks` in the text
/// followed by a sentence that names both parties (as news about the dyad does).
fn assert_in_talks_frame(cases: &[(&str, Stance)]) {
    assert_in_talks_frame_of("Tom Baker", PEOPLE, cases);
}

/// Each `(text, stance)`: `who` (among the entities `names`) takes that stance under
/// `us_iran_talks` in the text followed by a sentence that names both parties.
fn assert_in_talks_frame_of(who: &str, names: &[(&str, Label)], cases: &[(&str, Stance)]) {
    let talks = talks_analyzer();
    for (text, want) in cases {
        let t = format!("{text} The United States and Iran have been at odds for decades.");
        assert_eq!(stance(&talks, &t, who, names), *want, "{t}");
    }
}

/// The analyzer with the general dialogue topic (`us_iran_talks`).
fn talks_analyzer() -> Analyzer {
    Analyzer::new().with_topic(Topic::named("us_iran_talks").expect("embedded topic"))
}

/// The two parties and a third country.
const THIRD_COUNTRY: &[(&str, Label)] = &[
    ("Brazil", Label::Location),
    ("United States", Label::Location),
    ("Iran", Label::Location),
];

/// The two parties and two third countries.
const TWO_THIRD_COUNTRIES: &[(&str, Label)] = &[
    ("Brazil", Label::Location),
    ("Chile", Label::Location),
    ("United States", Label::Location),
    ("Iran", Label::Location),
];

const PEOPLE: &[(&str, Label)] = &[
    ("Tom Baker", Label::Person),
    ("Iran", Label::Location),
    ("United States", Label::Location),
    ("Brazil", Label::Location),
];

#[test]
fn synonyms_of_a_cue_keep_the_stance_and_negation_removes_it() {
    let frames = [
        (
            "Tom Baker, an American senator, urged talks with Iran.",
            Stance::Support,
        ),
        (
            "Tom Baker, an American senator, called for talks with Iran.",
            Stance::Support,
        ),
        (
            "Tom Baker, an American senator, pressed for talks with Iran.",
            Stance::Support,
        ),
        (
            "Tom Baker, an American senator, stressed the importance of talks with Iran.",
            Stance::Support,
        ),
        (
            "Tom Baker, an American senator, spoke in favor of talks with Iran.",
            Stance::Support,
        ),
        (
            "Tom Baker, an American senator, rejected talks with Iran.",
            Stance::Oppose,
        ),
        (
            "Tom Baker, an American senator, ruled out talks with Iran.",
            Stance::Oppose,
        ),
    ];
    for (name, an) in topics() {
        for (t, want) in frames {
            assert_eq!(stance(&an, t, "Tom Baker", PEOPLE), want, "[{name}] {t}");
        }
        // Negating the clause: never the same non-neutral stance.
        for (t, was) in [
            (
                "Tom Baker, an American senator, did not urge talks with Iran.",
                Stance::Support,
            ),
            (
                "Tom Baker, an American senator, did not reject talks with Iran.",
                Stance::Oppose,
            ),
        ] {
            assert_ne!(stance(&an, t, "Tom Baker", PEOPLE), was, "[{name}] {t}");
        }
    }
}

#[test]
fn a_third_country_instead_of_the_other_party_is_neutral() {
    for (name, an) in topics() {
        let t = "Iran said it was ready to hold talks with the United States.";
        assert_eq!(
            stance(&an, t, "Iran", PEOPLE),
            Stance::Support,
            "[{name}] {t}"
        );
        let t = "Iran said it was ready to hold talks with Brazil.";
        assert_eq!(
            stance(&an, t, "Iran", PEOPLE),
            Stance::Neutral,
            "[{name}] {t}"
        );
    }
}

#[test]
fn the_pronoun_us_is_no_party() {
    for (name, an) in topics() {
        let t = "Iran wants to work with us.";
        assert_eq!(
            stance(&an, t, "Iran", PEOPLE),
            Stance::Neutral,
            "[{name}] {t}"
        );
        let t = "Iran wants to work with the US.";
        assert_eq!(
            stance(&an, t, "Iran", PEOPLE),
            Stance::Support,
            "[{name}] {t}"
        );
    }
}

#[test]
fn every_condition_marker_of_the_shared_lexicon_makes_support_conditional() {
    // The condition markers live in data/english.toml, not in the topic files: each one turns
    // the same willingness into a conditional stance under both topics.
    let base = "Tom Baker, an American senator, said he was ready to hold talks with Iran";
    for (name, an) in topics() {
        assert_eq!(
            stance(&an, &format!("{base}."), "Tom Baker", PEOPLE),
            Stance::Support,
            "[{name}] {base}"
        );
        for cond in [
            "only if it stops enrichment",
            "unless it stops enrichment",
            "in exchange for an end to enrichment",
            "in return for an end to enrichment",
            "as long as enrichment stops",
            "on the condition that enrichment stops",
            "once enrichment stops",
            "provided enrichment stops",
        ] {
            let t = format!("{base} {cond}.");
            assert_eq!(
                stance(&an, &t, "Tom Baker", PEOPLE),
                Stance::Conditional,
                "[{name}] {t}"
            );
        }
    }
}

#[test]
fn a_welcome_with_reservations_is_conditional() {
    for (name, an) in topics() {
        let plain = "Tom Baker, an American senator, welcomed the talks with Iran.";
        assert_eq!(
            stance(&an, plain, "Tom Baker", PEOPLE),
            Stance::Support,
            "[{name}] {plain}"
        );
        for t in [
            "Tom Baker, an American senator, cautiously welcomed the talks with Iran.",
            "Tom Baker, an American senator, welcomed the talks with Iran with reservations.",
            "Tom Baker, an American senator, gave a guarded welcome to the talks with Iran.",
        ] {
            assert_eq!(
                stance(&an, t, "Tom Baker", PEOPLE),
                Stance::Conditional,
                "[{name}] {t}"
            );
        }
    }
}

#[test]
fn who_does_the_relation_takes_part_whoever_criticises_it() {
    // Document-wide reading (us_iran_talks): the critic opposes, the actor whose outreach it
    // is takes part; swapping the roles swaps the stances.
    let talks = talks_analyzer();
    let names = THIRD_COUNTRY;
    let t = "Brazil criticised the United States outreach to Iran.";
    assert_eq!(
        stance(&talks, t, "United States", names),
        Stance::Support,
        "{t}"
    );
    assert_ne!(stance(&talks, t, "Brazil", names), Stance::Support, "{t}");
}

#[test]
fn those_who_only_report_take_no_part_for_being_named() {
    // Document-wide reading: a senator named in a sentence about the talks takes part; a
    // spokeswoman or a correspondent named the same way only reports.
    let talks = talks_analyzer();
    let names: &[(&str, Label)] = &[
        ("Jane Roe", Label::Person),
        ("United States", Label::Location),
        ("Iran", Label::Location),
    ];
    let frame = |role: &str| {
        format!("The United States held talks with Iran on Monday. American {role} Jane Roe was in the room during the talks.")
    };
    let t = frame("senator");
    assert_eq!(
        stance(&talks, &t, "Jane Roe", names),
        Stance::Support,
        "{t}"
    );
    for role in ["spokeswoman", "correspondent"] {
        let t = frame(role);
        assert_eq!(
            stance(&talks, &t, "Jane Roe", names),
            Stance::Neutral,
            "{t}"
        );
    }
}

#[test]
fn the_verb_a_predicate_governs_decides_its_stance() {
    // swap the governed verb between one that keeps the relation and one that undoes it
    let pairs = [
        ("urged Washington to resume", "urged Washington to abandon"),
        ("vowed to save", "vowed to scrap"),
        ("pledged to sign", "pledged to tear up"),
        ("plans to rejoin", "plans to withdraw from"),
    ];
    for (name, an) in topics() {
        for (keep, undo) in pairs {
            let t = format!("Tom Baker, an American senator, {keep} the talks with Iran.");
            assert_eq!(
                stance(&an, &t, "Tom Baker", PEOPLE),
                Stance::Support,
                "[{name}] {t}"
            );
            let t = format!("Tom Baker, an American senator, {undo} the talks with Iran.");
            assert_eq!(
                stance(&an, &t, "Tom Baker", PEOPLE),
                Stance::Oppose,
                "[{name}] {t}"
            );
        }
        // "back" of "roll back" is no endorsement
        let t = "Tom Baker, an American senator, vowed to roll back the deal with Iran.";
        assert_ne!(
            stance(&an, t, "Tom Baker", PEOPLE),
            Stance::Support,
            "[{name}] {t}"
        );
    }
}

#[test]
fn a_stated_condition_outweighs_taking_part() {
    for (name, an) in topics() {
        let part = "Tom Baker, an American senator, will hold talks with Iran on Monday. \
                    Tom Baker welcomed the talks with Iran. Tom Baker urged more talks with Iran.";
        assert_eq!(
            stance(&an, part, "Tom Baker", PEOPLE),
            Stance::Support,
            "[{name}] {part}"
        );
        for cond in [
            "Tom Baker said the talks would require Iran to stop enrichment.",
            "Tom Baker said the talks can only go on if Iran stops enrichment.",
        ] {
            let t = format!("{part} {cond}");
            assert_eq!(
                stance(&an, &t, "Tom Baker", PEOPLE),
                Stance::Conditional,
                "[{name}] {t}"
            );
        }
    }
}

#[test]
fn who_receives_a_message_takes_no_part_for_it() {
    let an = talks_analyzer();
    let people = &[
        ("Tom Baker", Label::Person),
        ("Ana Ruiz", Label::Person),
        ("Iran", Label::Location),
        ("United States", Label::Location),
    ];
    // the sender, named first, takes part; the recipient does not
    for t in [
        "Ana Ruiz assured Senator Tom Baker of her support for the talks between the United States and Iran.",
        "Ana Ruiz sent a letter to Senator Tom Baker about the talks between the United States and Iran.",
        "Ana Ruiz told Tom Baker that the talks between the United States and Iran would go on.",
        // "wrote to X": an irregular past is the same verb as its base form ("write")
        "Ana Ruiz wrote to Senator Tom Baker about the talks between the United States and Iran.",
    ] {
        assert_eq!(stance(&an, t, "Ana Ruiz", people), Stance::Support, "{t}");
        assert_eq!(stance(&an, t, "Tom Baker", people), Stance::Neutral, "{t}");
    }
    // swap the roles: the stance follows the sender
    let t =
        "Tom Baker told Ana Ruiz that the talks between the United States and Iran would go on.";
    assert_eq!(stance(&an, t, "Tom Baker", people), Stance::Support, "{t}");
    assert_eq!(stance(&an, t, "Ana Ruiz", people), Stance::Neutral, "{t}");
}

#[test]
fn the_body_where_a_post_is_held_takes_no_part() {
    let an = talks_analyzer();
    let names = &[
        ("European Union", Label::Organization),
        ("Iran", Label::Location),
        ("United States", Label::Location),
    ];
    for post in ["mission", "ambassador", "envoy", "delegation"] {
        let t = format!(
            "Iran's {post} to the European Union said the talks between the United States and Iran would go on."
        );
        assert_eq!(
            stance(&an, &t, "European Union", names),
            Stance::Neutral,
            "{t}"
        );
    }
    // control: the body itself speaking takes part
    let t = "The European Union said the talks between the United States and Iran would go on.";
    assert_eq!(
        stance(&an, t, "European Union", names),
        Stance::Support,
        "{t}"
    );
}

const TWO: &[(&str, Label)] = &[
    ("Tom Baker", Label::Person),
    ("Ana Ruiz", Label::Person),
    ("Iran", Label::Location),
    ("United States", Label::Location),
];

#[test]
fn the_holder_is_found_through_role_nouns_answers_and_continued_quotes() {
    for (name, an) in topics() {
        // a role noun refers back to the person named with that role
        let t = "Senator Tom Baker spoke on Sunday. Ana Ruiz stayed silent. \
                 The senator said the United States should hold talks with Iran.";
        assert_eq!(
            stance(&an, t, "Tom Baker", TWO),
            Stance::Support,
            "[{name}] {t}"
        );
        assert_eq!(
            stance(&an, t, "Ana Ruiz", TWO),
            Stance::Neutral,
            "[{name}] {t}"
        );
        // an answer takes its content from the question; "no" reverses it, "yes" keeps it
        let q = "Asked whether the United States would hold talks with Iran, Tom Baker said:";
        let t = format!("{q} \"No, absolutely not.\"");
        assert_eq!(
            stance(&an, &t, "Tom Baker", TWO),
            Stance::Oppose,
            "[{name}] {t}"
        );
        let t = format!("{q} \"Yes, of course.\"");
        assert_eq!(
            stance(&an, &t, "Tom Baker", TWO),
            Stance::Support,
            "[{name}] {t}"
        );
        // a quote that continues with a condition makes the support conditional
        let ready =
            "\"We are ready to hold talks with Iran,\" said Tom Baker, an American senator.";
        assert_eq!(
            stance(&an, ready, "Tom Baker", TWO),
            Stance::Support,
            "[{name}] {ready}"
        );
        let t = format!("{ready} \"But only if Iran stops enrichment,\" he added.");
        assert_eq!(
            stance(&an, &t, "Tom Baker", TWO),
            Stance::Conditional,
            "[{name}] {t}"
        );
    }
}

#[test]
fn the_subject_of_an_oppose_predicate_does_not_own_the_relation() {
    let an = talks_analyzer();
    let people = &[
        ("Tom Baker", Label::Person),
        ("Iran", Label::Location),
        ("United States", Label::Location),
    ];
    let t = "Tom Baker banned negotiations between the United States and Iran.";
    assert_eq!(stance(&an, t, "Tom Baker", people), Stance::Oppose, "{t}");
    let t =
        "Tom Baker said partnering with the United States would be the height of folly for Iran.";
    assert_eq!(stance(&an, t, "Tom Baker", people), Stance::Oppose, "{t}");
    // the same sentences with a support predicate
    let t = "Tom Baker welcomed negotiations between the United States and Iran.";
    assert_eq!(stance(&an, t, "Tom Baker", people), Stance::Support, "{t}");
}

#[test]
fn refusing_talks_only_under_pressure_is_conditional() {
    // the annotation guideline's own example: "no talks under maximum pressure" (the general
    // topic: the 2014 topic reads talks only about the Iraq crisis)
    for (name, an) in [("us_iran_talks", talks_analyzer())] {
        let refuse =
            "Tom Baker, an Iranian official, said Iran would not hold talks with the United States";
        assert_eq!(
            stance(&an, &format!("{refuse}."), "Tom Baker", PEOPLE),
            Stance::Oppose,
            "[{name}] {refuse}"
        );
        for under in ["under maximum pressure", "under threat", "under sanctions"] {
            let t = format!("{refuse} {under}.");
            assert_eq!(
                stance(&an, &t, "Tom Baker", PEOPLE),
                Stance::Conditional,
                "[{name}] {t}"
            );
        }
    }
}

#[test]
fn an_apposition_between_speaker_and_verb_keeps_the_speaker() {
    let an = talks_analyzer();
    for (content, want) in [
        (
            "the United States should hold talks with Iran",
            Stance::Support,
        ),
        (
            "the United States should never hold talks with Iran",
            Stance::Oppose,
        ),
    ] {
        for speaker in [
            "Tom Baker said",
            "Tom Baker, an American senator, said",
            "Tom Baker, the senior senator from Ohio, told reporters",
        ] {
            let t = format!("{speaker} {content}.");
            assert_eq!(stance(&an, &t, "Tom Baker", PEOPLE), want, "{t}");
        }
        // the frame after the content
        let t = format!("{content}, Tom Baker, an American senator, said on Sunday.");
        let mut c = t.chars();
        let t: String = c
            .next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default();
        assert_eq!(stance(&an, &t, "Tom Baker", PEOPLE), want, "{t}");
    }
}

#[test]
fn a_modal_governs_the_bare_verb_after_it() {
    // "should resume" keeps the relation, "should abandon" undoes it; a negated governed verb
    // reverses the predicate ("hoped … would not end")
    let pairs = [
        ("should resume", "should abandon"),
        ("must continue", "must end"),
        ("would rejoin", "would scrap"),
    ];
    for (name, an) in topics() {
        for (keep, undo) in pairs {
            for (verb, want) in [(keep, Stance::Support), (undo, Stance::Oppose)] {
                let t = format!(
                    "Tom Baker, an American senator, said the United States {verb} the \
                     talks with Iran."
                );
                assert_eq!(stance(&an, &t, "Tom Baker", PEOPLE), want, "[{name}] {t}");
            }
        }
        let cases = [
            ("hoped Washington would resume", Stance::Support),
            ("hoped Washington would not resume", Stance::Oppose),
            ("hoped Washington would end", Stance::Oppose),
        ];
        for (frame, want) in cases {
            let t = format!("Tom Baker, an American senator, {frame} the talks with Iran.");
            assert_eq!(stance(&an, &t, "Tom Baker", PEOPLE), want, "[{name}] {t}");
        }
    }
}

#[test]
fn an_evaluation_of_the_relation_is_the_holders_stance() {
    // the relation term as subject of a linking verb, or object of a verb of naming, with an
    // evaluative complement; negation reverses it; synonyms keep it
    let cases = [
        ("would be a grave mistake", Stance::Oppose),
        ("would be folly", Stance::Oppose),
        ("were a dangerous trap", Stance::Oppose),
        ("would not be a mistake", Stance::Support),
        ("were productive", Stance::Support),
        ("are a historic achievement", Stance::Support),
        ("are not useful", Stance::Oppose),
    ];
    for (name, an) in topics() {
        for (pred, want) in cases {
            let t = format!("Tom Baker said that talks between the United States and Iran {pred}.");
            assert_eq!(stance(&an, &t, "Tom Baker", PEOPLE), want, "[{name}] {t}");
        }
        let named = [
            (
                "called the talks between the United States and Iran a disaster",
                Stance::Oppose,
            ),
            (
                "described the talks between the United States and Iran as constructive",
                Stance::Support,
            ),
        ];
        for (frame, want) in named {
            let t = format!("Tom Baker {frame}.");
            assert_eq!(stance(&an, &t, "Tom Baker", PEOPLE), want, "[{name}] {t}");
        }
        // a third country instead of the other party: no stance on this topic
        let t = "Tom Baker said that talks between Brazil and Iran would be a grave mistake.";
        assert_eq!(
            stance(&an, t, "Tom Baker", PEOPLE),
            Stance::Neutral,
            "[{name}] {t}"
        );
    }
}

#[test]
fn until_a_time_is_no_condition_until_an_event_is() {
    for (name, an) in topics() {
        let t = "Tom Baker, an American senator, said there will be no talks with Iran until \
                 sanctions are lifted.";
        assert_eq!(
            stance(&an, t, "Tom Baker", PEOPLE),
            Stance::Conditional,
            "[{name}] {t}"
        );
        for time in ["November 24", "the end of August", "next week", "2026"] {
            let t = format!(
                "Tom Baker, an American senator, will chair the talks with Iran until {time}."
            );
            assert_ne!(
                stance(&an, &t, "Tom Baker", PEOPLE),
                Stance::Conditional,
                "[{name}] {t}"
            );
        }
    }
}

#[test]
fn a_governed_verb_counts_only_when_the_relation_is_its_object() {
    for (name, an) in topics() {
        let t = "Tom Baker, an American senator, threatened to torpedo the talks with Iran.";
        assert_eq!(
            stance(&an, t, "Tom Baker", PEOPLE),
            Stance::Oppose,
            "[{name}] {t}"
        );
        // the veto's object is the legislation; the relative clause is the legislation's
        let t = "Tom Baker, an American senator, threatened to veto legislation introduced \
                 last month that could torpedo the talks with Iran.";
        assert_ne!(
            stance(&an, t, "Tom Baker", PEOPLE),
            Stance::Oppose,
            "[{name}] {t}"
        );
    }
}

#[test]
fn coordinated_subjects_share_the_predicate_across_titles() {
    let names: &[(&str, Label)] = &[
        ("Tom Baker", Label::Person),
        ("Ali Karimi", Label::Person),
        ("Iran", Label::Location),
        ("United States", Label::Location),
    ];
    // "meet" is a relation term of the general topic only
    let an = talks_analyzer();
    let name = "us_iran_talks";
    {
        for title in ["US Special Envoy ", "the American envoy "] {
            let t = format!(
                "Iranian Foreign Minister Ali Karimi and {title}Tom Baker will meet in Oman \
                 to avert a war between the United States and Iran."
            );
            for who in ["Ali Karimi", "Tom Baker"] {
                assert_eq!(
                    stance(&an, &t, who, names),
                    Stance::Support,
                    "[{name}] {who}: {t}"
                );
            }
        }
    }
}

#[test]
fn the_holders_own_oppose_verb_opposes_and_its_negation_does_not() {
    let frames = [
        "withdrew the United States from the talks with Iran",
        "pulled out of the talks between the United States and Iran",
        // a phrasal verb with its object before the particle
        "pulled the United States out of the talks with Iran",
        "quit the talks between the United States and Iran",
    ];
    for (name, an) in topics() {
        for f in frames {
            let t = format!("Tom Baker {f}.");
            let (stance, rules) = verdict(&an, &t, "Tom Baker", PEOPLE);
            assert_eq!(stance, Stance::Oppose, "[{name}] {t}");
            // his own verb, not only a vote of the sentence
            assert!(
                rules.iter().any(|r| r == "oppose.predicate"),
                "[{name}] {t}: {rules:?}"
            );
        }
        let t = "Tom Baker did not withdraw the United States from the talks with Iran.";
        assert_ne!(
            stance(&an, t, "Tom Baker", PEOPLE),
            Stance::Oppose,
            "[{name}] {t}"
        );
    }
}

#[test]
fn a_precondition_of_precedence_is_a_condition() {
    // "must first" / "has to first": what the other side must do before the relation
    for (name, an) in topics() {
        for modal in ["must first", "has to first", "should first"] {
            let t = format!(
                "Tom Baker, an American senator, said Iran {modal} stop enrichment before any \
                 talks with the United States."
            );
            assert_eq!(
                stance(&an, &t, "Tom Baker", PEOPLE),
                Stance::Conditional,
                "[{name}] {t}"
            );
        }
    }
}

#[test]
fn a_negated_modifier_is_no_negated_relation() {
    // "is not a reliable partner" denies reliability; "there is not a single deal" and "will
    // not hold talks" deny the relation
    let names: &[(&str, Label)] = &[("Tom Baker", Label::Person), ("Iran", Label::Location)];
    for (name, an) in topics() {
        let t = "Tom Baker, an American senator, said the United States was not a reliable \
                 negotiating partner for Iran.";
        let (_, rules) = verdict(&an, t, "Tom Baker", names);
        assert!(
            !rules.iter().any(|r| r == "oppose.negated_relation"),
            "[{name}] {t}: {rules:?}"
        );
        for t in [
            "Tom Baker, an American senator, said there was not a real dialogue with Iran.",
            "Tom Baker, an American senator, said the United States would not hold talks \
             with Iran.",
        ] {
            assert_eq!(
                stance(&an, t, "Tom Baker", PEOPLE),
                Stance::Oppose,
                "[{name}] {t}"
            );
        }
    }
}

#[test]
fn the_possessor_of_a_decision_to_make_the_relation_takes_part() {
    // the critics' verb is theirs; whose decision it is takes part in the relation (the
    // document-wide reading of the general topic)
    let an = talks_analyzer();
    let name = "us_iran_talks";
    {
        for owner in ["Tom Baker's", "the Tom Baker administration's"] {
            let t = format!(
                "Critics slammed {owner} decision to resume talks between the United States \
                 and Iran."
            );
            assert_eq!(
                stance(&an, &t, "Tom Baker", PEOPLE),
                Stance::Support,
                "[{name}] {t}"
            );
        }
        let t = "Tom Baker slammed the decision to resume talks between the United States and \
                 Iran.";
        assert_eq!(
            stance(&an, t, "Tom Baker", PEOPLE),
            Stance::Oppose,
            "[{name}] {t}"
        );
    }
}

#[test]
fn a_predicate_another_actor_possesses_is_not_the_holders_cue() {
    let names: &[(&str, Label)] = &[
        ("Tom Baker", Label::Person),
        ("Brazil", Label::Location),
        ("Iran", Label::Location),
        ("United States", Label::Location),
    ];
    let rules = |an: &Analyzer, t: &str| verdict(an, t, "Tom Baker", names).1;
    for (name, an) in topics() {
        let own = "Tom Baker voiced opposition to the talks between the United States and Iran.";
        assert!(
            rules(&an, own).iter().any(|r| r == "oppose.against"),
            "[{name}] {own}"
        );
        let other = "Tom Baker said Brazil's opposition to the talks between the United States \
                     and Iran had grown.";
        let r = rules(&an, other);
        assert!(
            !r.iter().any(|r| r == "oppose.against"),
            "[{name}] {other}: {r:?}"
        );
    }
}

#[test]
fn a_red_line_on_the_relation_is_a_condition() {
    for (name, an) in topics() {
        for limit in ["a red line", "non-negotiable"] {
            let t = format!(
                "Tom Baker, an American senator, said zero enrichment was {limit} in any talks \
                 with Iran."
            );
            assert_eq!(
                stance(&an, &t, "Tom Baker", PEOPLE),
                Stance::Conditional,
                "[{name}] {t}"
            );
        }
    }
}

#[test]
fn a_parenthetical_speech_frame_keeps_the_condition_before_it() {
    for (name, an) in topics() {
        let plain = "Tom Baker said the United States would hold talks with Iran.";
        assert_eq!(
            stance(&an, plain, "Tom Baker", PEOPLE),
            Stance::Support,
            "[{name}] {plain}"
        );
        for t in [
            "If Iran stops enrichment, Tom Baker said, the United States would hold talks \
             with Iran.",
            "Tom Baker spoke on Monday. If Iran stops enrichment, he said, the United States \
             would hold talks with Iran.",
        ] {
            assert_eq!(
                stance(&an, t, "Tom Baker", PEOPLE),
                Stance::Conditional,
                "[{name}] {t}"
            );
        }
    }
}

#[test]
fn a_relation_in_a_phrase_of_circumstance_is_only_the_setting() {
    // Document-wide reading: "amid"/"despite" + the talks sets the scene of what Brazil does;
    // the same sentence with the talks as Brazil's object makes it take part.
    let talks = talks_analyzer();
    let names = THIRD_COUNTRY;
    let frame = "The United States and Iran met in Oman on Friday. Brazil";
    for setting in ["amid the nuclear talks", "despite the talks"] {
        let t = format!("{frame} raised its oil output {setting}.");
        assert_eq!(stance(&talks, &t, "Brazil", names), Stance::Neutral, "{t}");
    }
    let t = format!("{frame} hosted a round of the nuclear talks.");
    assert_eq!(stance(&talks, &t, "Brazil", names), Stance::Support, "{t}");
    // the parties named inside the phrase still take part in their own talks
    let t = "Brazil raised its oil output amid talks between the United States and Iran.";
    assert_eq!(stance(&talks, t, "Iran", names), Stance::Support, "{t}");
}

#[test]
fn meeting_the_other_party_takes_part_meeting_a_third_does_not() {
    // CAMEO 04 (consult): meeting or speaking with the other party is taking part in the
    // dialogue; the same verbs with a third country say nothing about it.
    for (name, an) in topics() {
        for verb in ["met", "spoke with", "met with", "talked with"] {
            let t = format!("Tom Baker, an American senator, {verb} Iranian officials on Monday.");
            assert_eq!(
                stance(&an, &t, "Tom Baker", PEOPLE),
                Stance::Support,
                "[{name}] {t}"
            );
            let t =
                format!("Tom Baker, an American senator, {verb} Brazilian officials on Monday.");
            assert_eq!(
                stance(&an, &t, "Tom Baker", PEOPLE),
                Stance::Neutral,
                "[{name}] {t}"
            );
        }
    }
}

#[test]
fn according_to_is_no_accord() {
    // "according to" attributes; it names no agreement: the actors of the sentence take no
    // part for it, while the same sentence about an accord makes them take part.
    let talks = talks_analyzer();
    let names = THIRD_COUNTRY;
    let frame =
        "The United States and Iran exchanged notes on Friday. Brazil raised its oil output";
    let t = format!("{frame}, according to officials.");
    assert_eq!(stance(&talks, &t, "Brazil", names), Stance::Neutral, "{t}");
    let t = format!("{frame} to help the accord.");
    assert_eq!(stance(&talks, &t, "Brazil", names), Stance::Support, "{t}");
}

#[test]
fn an_offer_for_the_relation_in_its_protasis_wants_the_relation() {
    // Grammar of conditional sentences: the relation only in the protasis ("if", "once",
    // "as long as") is what the holder wants brought about; the same relation in the
    // consequence keeps the condition, and a relation in both sentences is conditional.
    for (name, an) in topics() {
        for marker in ["if", "once", "as long as"] {
            let t = format!("Tom Baker, an American senator, said sanctions would be eased {marker} Iran held talks with the United States.");
            assert_eq!(
                stance(&an, &t, "Tom Baker", PEOPLE),
                Stance::Support,
                "[{name}] {t}"
            );
            let t = format!("Tom Baker, an American senator, said the United States would hold talks with Iran {marker} sanctions were eased.");
            assert_eq!(
                stance(&an, &t, "Tom Baker", PEOPLE),
                Stance::Conditional,
                "[{name}] {t}"
            );
        }
        let t = "Tom Baker, an American senator, said that if Iran returned to the talks the United States could hold talks with Iran.";
        assert_eq!(
            stance(&an, t, "Tom Baker", PEOPLE),
            Stance::Conditional,
            "[{name}] {t}"
        );
    }
    // "if" after a verb of asking or finding out opens an embedded question, no protasis (the
    // 2014 topic: the general topic's document-wide reading counts any sentence about talks)
    let an = Analyzer::new();
    let t = "Tom Baker, an American senator, said investigators would determine if Iran held talks with the United States.";
    assert_ne!(stance(&an, t, "Tom Baker", PEOPLE), Stance::Support, "{t}");
}

#[test]
fn an_exchange_that_describes_the_deal_is_no_condition() {
    // "in return for" in a clause that describes the deal (a relative clause, a participle
    // or an infinitive after it) names the deal's terms; right after the deal it is the
    // holder's condition. (The general topic: "deal" is a relation term only there.)
    let an = talks_analyzer();
    for t in [
        "Tom Baker, an American senator, said he supported the deal with Iran, under which Iran limited enrichment in return for sanctions relief.",
        "Tom Baker, an American senator, said he supported the deal with Iran reached last year to limit enrichment in exchange for sanctions relief.",
        "Tom Baker, an American senator, said he supported the deal with Iran that saw Tehran limit enrichment in exchange for sanctions relief.",
    ] {
        assert_eq!(stance(&an, t, "Tom Baker", PEOPLE), Stance::Support, "{t}");
    }
    for t in [
        "Tom Baker, an American senator, said he supported a deal with Iran in return for limits on enrichment.",
        "Tom Baker, an American senator, said he supported a deal with Iran in exchange for limits on enrichment.",
    ] {
        assert_eq!(stance(&an, t, "Tom Baker", PEOPLE), Stance::Conditional, "{t}");
    }
}

#[test]
fn obstructing_the_relation_opposes_it_and_only_for_the_obstructor() {
    // Verbs of obstruction (general English) oppose like "block"; negated they do not;
    // the subject of a clause before the verb's own clause
    // ("… before Iran and the United States were to hold talks, disrupted the process")
    // is not the verb's subject.
    let an = talks_analyzer();
    for verb in [
        "disrupted",
        "upended",
        "jeopardized",
        "hampered",
        "undercut",
        "impeded",
    ] {
        let t = format!("Brazil {verb} the talks between the United States and Iran.");
        assert_eq!(
            stance(&an, &t, "Brazil", THIRD_COUNTRY),
            Stance::Oppose,
            "{t}"
        );
        let t =
            format!("Brazil said it had not {verb} the talks between the United States and Iran.");
        assert_ne!(
            stance(&an, &t, "Brazil", THIRD_COUNTRY),
            Stance::Oppose,
            "{t}"
        );
    }
    let t = "The strike, which came a day before Iran and the United States were to hold talks, disrupted the diplomatic process.";
    assert_ne!(stance(&an, t, "Iran", THIRD_COUNTRY), Stance::Oppose, "{t}");
    assert_ne!(
        stance(&an, t, "Iran", THIRD_COUNTRY),
        Stance::Conditional,
        "{t}"
    );
}

#[test]
fn cooperation_of_any_kind_is_part_of_the_dialogue_in_both_topics() {
    // The guideline's relation covers "diplomacy or cooperation on any subject": coordinating,
    // collaborating, sharing intelligence with the other party are taken or refused alike
    // under the 2014 topic and the general one.
    assert_senator(&[
        (
            "said the United States would coordinate with Iran",
            Stance::Support,
        ),
        (
            "said the United States would not coordinate with Iran",
            Stance::Oppose,
        ),
        (
            "said the United States should collaborate with Iran",
            Stance::Support,
        ),
        ("rejected sharing intelligence with Iran", Stance::Oppose),
        (
            "said the United States and Iran should work together",
            Stance::Support,
        ),
    ]);
}

#[test]
fn a_noun_another_party_modifies_is_that_partys() {
    // "the US outreach", "the American outreach": the outreach is the modifier's; a third
    // country uneasy about it does not reach out. Without the modifier it is the holder's.
    let an = talks_analyzer();
    for t in [
        "Brazil expressed unease about the US outreach to Iran.",
        "Brazil expressed unease about the American outreach to Iran.",
    ] {
        assert_ne!(
            stance(&an, t, "Brazil", THIRD_COUNTRY),
            Stance::Support,
            "{t}"
        );
    }
    let t = "Brazil made an outreach to Iran.";
    assert_eq!(
        stance(&an, t, "Brazil", THIRD_COUNTRY),
        Stance::Support,
        "{t}"
    );
    let t = "Iran welcomed the American outreach.";
    assert_eq!(
        stance(&an, t, "Iran", THIRD_COUNTRY),
        Stance::Support,
        "{t}"
    );
}

#[test]
fn they_after_a_quote_is_the_last_group_of_co_subjects() {
    // '"…," they wrote.' after "Iran and Russia released a joint statement": each member of
    // the group holds the quote; without a speaker nobody does.
    let names = &[
        ("Iran", Label::Location),
        ("Russia", Label::Location),
        ("United States", Label::Location),
    ];
    let quote = "\"We are ready to hold talks with the United States,\"";
    for (name, an) in topics() {
        let t =
            format!("Iran and Russia released a joint statement on Monday. {quote} they wrote.");
        assert_eq!(
            stance(&an, &t, "Iran", names),
            Stance::Support,
            "[{name}] {t}"
        );
        let t = format!(
            "Iran and Russia released a joint statement on Monday. {quote} the statement read."
        );
        assert_eq!(
            stance(&an, &t, "Iran", names),
            Stance::Neutral,
            "[{name}] {t}"
        );
    }
}

#[test]
fn a_cue_with_an_infinitive_of_another_verb_is_about_that_verb() {
    // "refused to submit the deal to Congress" is about submitting it; "refused to sign the
    // deal" refuses the deal. The same for a support cue. (The 2014 topic has no
    // document-wide reading, which gives whoever acts in a sentence about talks a part.)
    let senator = |an: &Analyzer, predicate: &str| {
        let t = format!("Tom Baker, an American senator, {predicate}.");
        (stance(an, &t, "Tom Baker", PEOPLE), t)
    };
    let an = Analyzer::new();
    for (predicate, want) in [
        (
            "sought to use the talks with Iran as leverage",
            Stance::Neutral,
        ),
        ("sought to resume the talks with Iran", Stance::Support),
        ("refused to describe the talks with Iran", Stance::Neutral),
        ("refused to hold talks with Iran", Stance::Oppose),
    ] {
        let (got, t) = senator(&an, predicate);
        assert_eq!(got, want, "{t}");
    }
    let an = talks_analyzer();
    let (got, t) = senator(&an, "refused to submit the deal with Iran to Congress");
    assert_ne!(got, Stance::Oppose, "{t}");
    let (got, t) = senator(&an, "refused to sign the deal with Iran");
    assert_eq!(got, Stance::Oppose, "{t}");
    // a preposition "to" is no infinitive
    let (got, t) = senator(
        &an,
        "called the letter an obstacle to nuclear talks with Iran",
    );
    assert_eq!(got, Stance::Support, "{t}");
}

#[test]
fn restoring_diplomatic_relations_is_the_dialogue() {
    // CAMEO 050/054: establish, restore, upgrade diplomatic relations; negated, opposed
    let an = talks_analyzer();
    for (predicate, want) in [
        (
            "said the United States would re-establish diplomatic relations with Iran",
            Stance::Support,
        ),
        (
            "said the United States would restore diplomatic relations with Iran",
            Stance::Support,
        ),
        (
            "said the United States would not restore diplomatic relations with Iran",
            Stance::Oppose,
        ),
    ] {
        let t = format!("Tom Baker, an American senator, {predicate}.");
        assert_eq!(stance(&an, &t, "Tom Baker", PEOPLE), want, "{t}");
    }
}

#[test]
fn an_inverted_should_is_an_if() {
    // "should Iran stop enrichment" = "if Iran stops enrichment"; "should" before a verb is a
    // modal ("the United States should hold talks")
    assert_senator(&[
        (
            "said the United States would hold talks with Iran should Iran stop enrichment",
            Stance::Conditional,
        ),
        (
            "said the United States should hold talks with Iran",
            Stance::Support,
        ),
    ]);
}

#[test]
fn an_ultimatum_wants_what_its_negative_protasis_names() {
    // "penalty unless / if not + relation": the holder demands the relation (support); the
    // same relation as the consequence of a positive condition stays conditional; a fear or a
    // warning whose relation is only in the protasis is not about the relation.
    for (name, an) in topics() {
        for t in [
            "Tom Baker, an American senator, said sanctions would follow unless Iran returned to talks with the United States.",
            "Tom Baker, an American senator, warned that bad things would happen if talks with Iran were not held.",
        ] {
            assert_eq!(
                stance(&an, t, "Tom Baker", PEOPLE),
                Stance::Support,
                "[{name}] {t}"
            );
        }
        let t = "Tom Baker, an American senator, said the United States would hold talks with Iran only if it stopped enrichment.";
        assert_eq!(
            stance(&an, t, "Tom Baker", PEOPLE),
            Stance::Conditional,
            "[{name}] {t}"
        );
        let t = "Tom Baker, an American senator, feared that if talks with Iran failed, war would follow.";
        assert_ne!(
            stance(&an, t, "Tom Baker", PEOPLE),
            Stance::Oppose,
            "[{name}] {t}"
        );
    }
}

#[test]
fn a_harm_to_the_relation_is_deplored_and_a_which_clause_is_its_antecedents() {
    for (name, an) in topics() {
        for harm in ["an obstacle to", "harmful to", "detrimental to"] {
            let t = format!(
                "Tom Baker, an American senator, said the bill was {harm} talks with Iran."
            );
            assert_eq!(
                stance(&an, &t, "Tom Baker", PEOPLE),
                Stance::Support,
                "[{name}] {t}"
            );
        }
        // the relative clause's predicate is its antecedent's, not the speaker's: no cue of
        // the speaker's own (the document-wide reading of the general topic may still count
        // him in for being named in a sentence about the talks)
        for verb in ["rejected", "warned against", "has rejected"] {
            let t = format!(
                "Tom Baker, an American senator, read the letter, which {verb} talks with Iran."
            );
            let (_, rules) = verdict(&an, &t, "Tom Baker", PEOPLE);
            assert!(
                rules.iter().all(|r| r.ends_with(".participation")),
                "[{name}] {t}: {rules:?}"
            );
            let t = format!(
                "Tom Baker, an American senator, said the United States {verb} talks with Iran."
            );
            assert_eq!(
                stance(&an, &t, "Tom Baker", PEOPLE),
                Stance::Oppose,
                "[{name}] {t}"
            );
        }
        let t = "Iran, which rejected talks with the United States, said it would wait.";
        assert_eq!(
            stance(&an, t, "Iran", PEOPLE),
            Stance::Oppose,
            "[{name}] {t}"
        );
    }
}

#[test]
fn before_is_a_condition_only_after_a_requirement() {
    // "must/should/first ... before + relation" orders a demand before the relation; a plain
    // "before" only dates an event.
    for (name, an) in topics() {
        for demand in ["must stop enrichment", "should free the prisoners first"] {
            let t = format!(
                "Tom Baker, an American senator, said Iran {demand} before any talks with the United States."
            );
            assert_eq!(
                stance(&an, &t, "Tom Baker", PEOPLE),
                Stance::Conditional,
                "[{name}] {t}"
            );
        }
        let t = "Tom Baker, an American senator, said Iran stopped enrichment before any talks with the United States.";
        assert_ne!(
            stance(&an, t, "Tom Baker", PEOPLE),
            Stance::Conditional,
            "[{name}] {t}"
        );
    }
}

#[test]
fn the_possessor_of_an_offer_of_talks_takes_part() {
    let talks = talks_analyzer();
    let names = THIRD_COUNTRY;
    for offer in [
        "offer of talks",
        "offer of honest negotiations",
        "offer of direct talks",
    ] {
        let t = format!("Iran's leader said Brazil rejected the United States' {offer}.");
        assert_eq!(
            stance(&talks, &t, "United States", names),
            Stance::Support,
            "{t}"
        );
        assert_eq!(stance(&talks, &t, "Brazil", names), Stance::Oppose, "{t}");
    }
}

#[test]
fn an_oppose_predicate_in_a_sentence_about_talks_is_its_subjects() {
    // Document-wide reading: the actor before the predicate opposes; one named after it does
    // not oppose for being in the same sentence (swap the two and the stances swap).
    let talks = talks_analyzer();
    let names = TWO_THIRD_COUNTRIES;
    let frame = "The United States and Iran held talks in Oman on Friday.";
    for (first, second) in [("Brazil", "Chile"), ("Chile", "Brazil")] {
        let t = format!("{frame} {first} condemned the talks, which {second} attended as a guest.");
        assert_eq!(stance(&talks, &t, first, names), Stance::Oppose, "{t}");
        assert_ne!(stance(&talks, &t, second, names), Stance::Oppose, "{t}");
    }
}

#[test]
fn against_opposes_its_own_object_only() {
    // "against" + the relation opposes it; "against" + a party, then the relation in another
    // phrase, opposes the party's conduct, not the relation.
    for (name, an) in topics() {
        for t in [
            "Tom Baker, an American senator, spoke against talks with Iran.",
            "Tom Baker, an American senator, spoke against a new round of talks with Iran.",
        ] {
            assert_eq!(
                stance(&an, t, "Tom Baker", PEOPLE),
                Stance::Oppose,
                "[{name}] {t}"
            );
        }
        let t = "Tom Baker, an American senator, spoke against Iran's missiles during the talks with Iran.";
        assert_ne!(
            stance(&an, t, "Tom Baker", PEOPLE),
            Stance::Oppose,
            "[{name}] {t}"
        );
    }
}

#[test]
fn requirements_limits_and_only_after_make_support_conditional() {
    // General English of conditions: a deontic requirement on the relation, a limit added
    // with "but only", "only ... after"; the same sentences without them support.
    assert_senator(&[
        (
            "said any talks with Iran must include limits on missiles",
            Stance::Conditional,
        ),
        (
            "said talks with Iran would have to address enrichment",
            Stance::Conditional,
        ),
        (
            "said he was open to talks with Iran, but only on the nuclear file",
            Stance::Conditional,
        ),
        ("said he was open to talks with Iran", Stance::Support),
        (
            "said the US would only hold talks with Iran after it freed the prisoners",
            Stance::Conditional,
        ),
        (
            "said the US would hold talks with Iran after the holidays",
            Stance::Support,
        ),
    ]);
}

#[test]
fn the_head_of_an_evaluative_phrase_decides() {
    // "historic" is positive alone; as an adjective before "mistake" the noun decides.
    for (name, an) in topics() {
        for (head, want) in [
            ("mistake", Stance::Oppose),
            ("achievement", Stance::Support),
        ] {
            let t = format!(
                "Tom Baker, an American senator, called talks with Iran a historic {head}."
            );
            assert_eq!(stance(&an, &t, "Tom Baker", PEOPLE), want, "[{name}] {t}");
        }
        let t = "Tom Baker, an American senator, signaled readiness for talks with Iran.";
        assert_eq!(
            stance(&an, t, "Tom Baker", PEOPLE),
            Stance::Support,
            "[{name}] {t}"
        );
    }
}

#[test]
fn neither_negates_and_no_relation_without_a_demand_is_a_condition() {
    assert_senator(&[
        ("said talks with Iran were wise", Stance::Support),
        (
            "said talks with Iran were neither wise nor honest",
            Stance::Oppose,
        ),
        ("said there would be no talks with Iran", Stance::Oppose),
        (
            "said there would be no talks with Iran without an end to enrichment",
            Stance::Conditional,
        ),
    ]);
}

#[test]
fn a_role_noun_refers_to_the_untitled_person_just_named() {
    // "the foreign minister said" after a quote: the person just named with no title in the
    // text; a person the text titled otherwise ("President") is not a foreign minister.
    let talks = talks_analyzer();
    let names: &[(&str, Label)] = &[
        ("Sara Nouri", Label::Person),
        ("United States", Label::Location),
        ("Iran", Label::Location),
    ];
    let quote = "'We will never hold talks with the United States,' the foreign minister said.";
    let frame = "The United States and Iran held talks in Oman.";
    let t = format!("{frame} Sara Nouri arrived in Muscat on Monday. {quote}");
    assert_eq!(
        stance(&talks, &t, "Sara Nouri", names),
        Stance::Oppose,
        "{t}"
    );
    let t = format!("President Sara Nouri arrived in Muscat on Monday. {quote}");
    assert_eq!(
        stance(&talks, &t, "Sara Nouri", names),
        Stance::Neutral,
        "{t}"
    );
}

#[test]
fn boycotting_talks_opposes_them() {
    // CAMEO 164-like acts (reduce relations): boycott, snub, shun.
    for (name, an) in topics() {
        for verb in ["boycotted", "snubbed", "shunned"] {
            let t = format!("The United States {verb} talks with Iran.");
            assert_eq!(
                stance(&an, &t, "United States", PEOPLE),
                Stance::Oppose,
                "[{name}] {t}"
            );
        }
    }
}

#[test]
fn the_subject_keeps_its_title_chain_and_apposition() {
    // A lower-case occupation noun of the person's title ("American senator X") and an
    // apposition between subject and verb ("X, an American senator, boycotted") leave X the
    // subject of the verb; without them the stance is the same.
    let names = PEOPLE;
    for (name, an) in topics() {
        for subject in [
            "American senator Tom Baker",
            "Republican senator Tom Baker",
            "Tom Baker, an American senator,",
            "U.S. Senator Tom Baker",
        ] {
            for (verb, want) in [("rejected", Stance::Oppose), ("boycotted", Stance::Oppose)] {
                let t = format!("{subject} {verb} talks with Iran.");
                assert_eq!(stance(&an, &t, "Tom Baker", names), want, "[{name}] {t}");
            }
        }
    }
}

#[test]
fn advice_to_make_the_relation_urges_it() {
    // "warn X to V": advice; the verb decides (make/keep supports, undo opposes) and a
    // negation before it reverses; "warn against" stays a warning against.
    assert_senator(&[
        (
            "warned Iran to hold talks with the United States",
            Stance::Support,
        ),
        (
            "warned Iran not to hold talks with the United States",
            Stance::Oppose,
        ),
        (
            "warned Iran to abandon the talks with the United States",
            Stance::Oppose,
        ),
        ("warned against talks with Iran", Stance::Oppose),
    ]);
}

#[test]
fn blocking_opposes_and_the_lobbied_hold_no_stance_for_it() {
    let talks = talks_analyzer();
    let names = TWO_THIRD_COUNTRIES;
    let frame = "The United States and Iran held talks in Oman on Friday.";
    for verb in ["block", "obstruct", "thwart"] {
        let t = format!("{frame} Brazil introduced a motion to {verb} the talks.");
        assert_eq!(stance(&talks, &t, "Brazil", names), Stance::Oppose, "{t}");
    }
    // the object of "lobbied" is asked to reject; it rejects nothing itself
    let t = format!("{frame} Chile lobbied Brazil to reject the talks.");
    assert_ne!(stance(&talks, &t, "Brazil", names), Stance::Oppose, "{t}");
}

#[test]
fn a_gerund_that_undoes_the_relation_reverses_the_predicate() {
    // a gerund governs the relation term as an infinitive does: what undoes the relation
    // reverses the predicate, what keeps it leaves it as it is
    assert_senator(&[
        (
            "warned that abandoning the talks with Iran would lead to war",
            Stance::Support,
        ),
        (
            "warned that resuming the talks with Iran would reward Tehran",
            Stance::Oppose,
        ),
        (
            "accused Iran of sabotaging the talks with the United States",
            Stance::Support,
        ),
        ("warned against resuming talks with Iran", Stance::Oppose),
    ]);
}

#[test]
fn judging_the_undoing_of_the_relation_reverses_the_judgement() {
    assert_senator(&[
        (
            "said walking away from the talks with Iran would be a mistake",
            Stance::Support,
        ),
        (
            "said the talks with Iran would be a mistake",
            Stance::Oppose,
        ),
        (
            "said the decision to abandon the talks with Iran was a blunder",
            Stance::Support,
        ),
        (
            "said ending the talks with Iran was the right decision",
            Stance::Oppose,
        ),
    ]);
}

#[test]
fn a_deontic_passive_asks_for_what_its_verb_does() {
    assert_senator(&[
        ("said the talks with Iran should be ended", Stance::Oppose),
        ("said the talks with Iran must be abandoned", Stance::Oppose),
        (
            "said the talks with Iran should be continued",
            Stance::Support,
        ),
        (
            "said the talks with Iran should not be abandoned",
            Stance::Support,
        ),
    ]);
    // an irregular participle: "torn" is "tear"
    let talks = talks_analyzer();
    let t = "Tom Baker, an American senator, said the deal with Iran should be torn up.";
    assert_eq!(
        stance(&talks, t, "Tom Baker", PEOPLE),
        Stance::Oppose,
        "{t}"
    );
}

#[test]
fn a_form_restricted_with_only_and_requirements_past_an_adverb_are_conditional() {
    assert_in_talks_frame(&[
        (
            "Tom Baker said Washington would only hold indirect talks with Iran.",
            Stance::Conditional,
        ),
        (
            "Tom Baker said Washington would hold indirect talks with Iran.",
            Stance::Support,
        ),
        (
            "Tom Baker said any deal with Iran must permanently end enrichment.",
            Stance::Conditional,
        ),
        (
            "Tom Baker said any talks with Iran depend on the release of prisoners.",
            Stance::Conditional,
        ),
        (
            "Tom Baker said talks with Iran must be based on mutual respect.",
            Stance::Conditional,
        ),
        (
            "Tom Baker said Washington would not negotiate with Iran while it enriches uranium.",
            Stance::Conditional,
        ),
        (
            "Tom Baker said there is no alternative to diplomacy with Iran.",
            Stance::Support,
        ),
    ]);
}

#[test]
fn contempt_an_alternative_preferred_and_an_absent_condition_read_as_english_says() {
    assert_in_talks_frame(&[
        // evaluative nouns of contempt, against a positive control
        (
            "Tom Baker said the talks with Iran were a charade.",
            Stance::Oppose,
        ),
        (
            "Tom Baker said the talks with Iran were a ploy.",
            Stance::Oppose,
        ),
        (
            "Tom Baker said the talks with Iran were a success.",
            Stance::Support,
        ),
        // "instead of" sets the relation aside
        (
            "Tom Baker said Washington should impose sanctions instead of negotiating with Iran.",
            Stance::Oppose,
        ),
        // no condition is no condition; a stated one is
        (
            "Tom Baker said he would meet Iran's leaders without preconditions.",
            Stance::Support,
        ),
        (
            "Tom Baker said he would meet Iran's leaders only if Iran stops enrichment.",
            Stance::Conditional,
        ),
        // an obstruction by a thing the speaker names is a harm the speaker deplores; by
        // the speaker, opposition
        (
            "Tom Baker said new sanctions would undermine the talks with Iran.",
            Stance::Support,
        ),
        (
            "Tom Baker said he would undermine the talks with Iran.",
            Stance::Oppose,
        ),
    ]);
}

#[test]
fn people_of_both_parties_meeting_take_part_and_a_third_countrys_do_not() {
    let talks = talks_analyzer();
    let names: &[(&str, Label)] = &[
        ("Tom Baker", Label::Person),
        ("Ali Rezaei", Label::Person),
        ("Pedro Silva", Label::Person),
        ("Iran", Label::Location),
        ("United States", Label::Location),
        ("Brazil", Label::Location),
    ];
    let frame = "The United States and Iran have been at odds for decades.";
    let both = format!(
        "{frame} American envoy Tom Baker and Iranian minister Ali Rezaei met for two hours."
    );
    assert_eq!(
        stance(&talks, &both, "Tom Baker", names),
        Stance::Support,
        "{both}"
    );
    assert_eq!(
        stance(&talks, &both, "Ali Rezaei", names),
        Stance::Support,
        "{both}"
    );
    // a meeting denied gives no part in the dialogue
    let denied = format!(
        "{frame} American envoy Tom Baker and Iranian minister Ali Rezaei did not meet this week."
    );
    assert_ne!(
        stance(&talks, &denied, "Ali Rezaei", names),
        Stance::Support,
        "{denied}"
    );
    // the same meeting with a third country's minister is no US-Iran dialogue
    let third = format!(
        "{frame} American envoy Tom Baker and Brazilian minister Pedro Silva met for two hours."
    );
    assert_eq!(
        stance(&talks, &third, "Tom Baker", names),
        Stance::Neutral,
        "{third}"
    );
    assert_eq!(
        stance(&talks, &third, "Pedro Silva", names),
        Stance::Neutral,
        "{third}"
    );
}

#[test]
fn futility_contempt_and_limits_on_what_is_negotiable_read_as_english_says() {
    assert_in_talks_frame(&[
        (
            "Tom Baker said talks with Iran would not solve any problem.",
            Stance::Oppose,
        ),
        (
            "Tom Baker said talks with Iran would solve many problems.",
            Stance::Support,
        ),
        (
            "Tom Baker said negotiating with Iran is not intelligent.",
            Stance::Oppose,
        ),
        (
            "Tom Baker said negotiating with Iran is intelligent.",
            Stance::Support,
        ),
        (
            "Tom Baker said the sanctions are not negotiable in the talks with Iran.",
            Stance::Conditional,
        ),
        // a demand to undo the relation is no harm to it
        (
            "Tom Baker said the government should stop negotiating with Iran.",
            Stance::Oppose,
        ),
    ]);
}

#[test]
fn the_speaker_after_said_is_the_last_name_of_its_title_run_and_no_name_is_a_verb() {
    let talks = talks_analyzer();
    let names: &[(&str, Label)] = &[
        ("Tom Baker", Label::Person),
        ("U.S.", Label::Location),
        ("United States", Label::Location),
        ("Iran", Label::Location),
    ];
    for text in [
        "\"The talks with Iran are a mistake,\" said American senator Tom Baker.",
        "\"The talks with Iran are a mistake,\" said U.S. Senator Tom Baker.",
        "\"The talks with Iran are a mistake,\" said Tom Baker.",
    ] {
        let t = format!("{text} The United States and Iran have been at odds for decades.");
        assert_eq!(
            stance(&talks, &t, "Tom Baker", names),
            Stance::Oppose,
            "{t}"
        );
    }
    // "States" of "the United States" is no speech verb: the quote before that sentence is
    // the earlier speaker's answer
    let t = "Asked whether he supported the talks with Iran, Tom Baker said: \"No.\" \
             The United States and Iran have been at odds for decades.";
    assert_eq!(stance(&talks, t, "Tom Baker", names), Stance::Oppose, "{t}");
    assert_ne!(
        stance(&talks, t, "United States", names),
        Stance::Oppose,
        "{t}"
    );
}

#[test]
fn a_limited_form_demanded_or_a_scope_restricted_exclusively_is_conditional() {
    assert_in_talks_frame(&[
        (
            "Tom Baker agreed to talks with Iran focused exclusively on the nuclear file.",
            Stance::Conditional,
        ),
        (
            "Tom Baker agreed to talks with Iran on the nuclear file.",
            Stance::Support,
        ),
        (
            "Tom Baker insisted on holding indirect talks with Iran.",
            Stance::Conditional,
        ),
        // a demand elsewhere in the sentence, as a noun, restricts nothing
        (
            "Iran made a demand, but Tom Baker agreed to resume indirect talks with Iran.",
            Stance::Support,
        ),
    ]);
}

#[test]
fn nouns_of_ending_or_resuming_and_idioms_of_acceptance_and_closed_doors() {
    assert_in_talks_frame(&[
        (
            "Tom Baker called for an end to the negotiations with Iran.",
            Stance::Oppose,
        ),
        (
            "Tom Baker called for a return to the negotiations with Iran.",
            Stance::Support,
        ),
        // the last noun decides, and an end to something else is no end to the relation
        (
            "Tom Baker called for an end to the sanctions and a return to the negotiations with Iran.",
            Stance::Support,
        ),
        (
            "Tom Baker said he has no problem with talks with Iran.",
            Stance::Support,
        ),
        (
            "Tom Baker said the door to negotiations with Iran is closed.",
            Stance::Oppose,
        ),
        // a negated oppose cue alone is openness, read as conditional (as "not ruling out")
        (
            "Tom Baker said the door to negotiations with Iran is not closed.",
            Stance::Conditional,
        ),
        (
            "Tom Baker said the president was wrong to negotiate with Iran.",
            Stance::Oppose,
        ),
        (
            "Tom Baker said the president was right to negotiate with Iran.",
            Stance::Support,
        ),
    ]);
}

#[test]
fn both_conjuncts_after_between_are_counterparts() {
    // A critic's evaluation of talks "between X and Y" is the critic's; neither conjunct
    // opposes for it, whichever order they come in (swap the parties).
    let talks = talks_analyzer();
    let names = THIRD_COUNTRY;
    for t in [
        "Brazil said the talks between Washington and Tehran were a dangerous mistake.",
        "Brazil said the talks between Tehran and Washington were a dangerous mistake.",
        "Brazil said the talks with the United States and Iran were a dangerous mistake.",
    ] {
        assert_eq!(stance(&talks, t, "Brazil", names), Stance::Oppose, "{t}");
        for party in ["United States", "Iran"] {
            assert_ne!(
                stance(&talks, t, party, names),
                Stance::Oppose,
                "{party}: {t}"
            );
        }
    }
}

#[test]
fn a_state_named_only_by_its_people_holds_what_they_say() {
    // No entity names Israel or Saudi Arabia: "Israeli officials" and "Saudis" are theirs;
    // negating the predicate flips it; an adjective before a thing makes no actor.
    let talks = talks_analyzer();
    let names: &[(&str, Label)] = &[
        ("United States", Label::Location),
        ("Iran", Label::Location),
    ];
    let cases = [
        (
            "Israeli officials said the talks with Iran were a dangerous mistake.",
            "Israel",
            Stance::Oppose,
        ),
        (
            "Israeli officials welcomed the talks between the United States and Iran.",
            "Israel",
            Stance::Support,
        ),
        (
            "Saudis rejected the nuclear deal with Iran.",
            "Saudi Arabia",
            Stance::Oppose,
        ),
        (
            "Saudis did not reject the nuclear deal with Iran.",
            "Saudi Arabia",
            Stance::Conditional,
        ),
    ];
    for (t, who, want) in cases {
        let t = format!("{t} The United States and Iran have been at odds for decades.");
        assert_eq!(stance(&talks, &t, who, names), want, "{t}");
    }
    let an = talks_analyzer();
    let t = "The Israeli strike on Iran ended the talks with the United States.";
    let got = an.analyze(t, common::named_entities(t, names));
    assert!(
        got.actors.iter().all(|a| a.name != "Israel"),
        "{t}: {:?}",
        got.actors
    );
}

#[test]
fn a_reaction_to_an_act_takes_or_reverses_its_owners_side() {
    // The owner's act opposes (withdrawing) or supports (resuming): approving it takes that
    // side, disapproving it the other, a negated approval reverses; an act noun with a
    // complement is read by the stance families instead.
    let talks = talks_analyzer();
    let names: &[(&str, Label)] = &[
        ("Tom Baker", Label::Person),
        ("Ali Rezaei", Label::Person),
        ("United States", Label::Location),
        ("Iran", Label::Location),
    ];
    for (act, side) in [
        ("withdraw from the nuclear deal with Iran", Stance::Oppose),
        ("resume talks with Iran", Stance::Support),
    ] {
        let other = if side == Stance::Oppose {
            Stance::Support
        } else {
            Stance::Oppose
        };
        for (reaction, want) in [
            ("Ali Rezaei hailed Tom Baker's decision.", side),
            ("Ali Rezaei welcomed the decision by Tom Baker.", side),
            ("Ali Rezaei criticised Tom Baker's move.", other),
            ("Ali Rezaei regretted the step.", other),
            ("Ali Rezaei did not welcome Tom Baker's decision.", other),
        ] {
            let t =
                format!("Tom Baker said on Tuesday that the United States would {act}. {reaction}");
            assert_eq!(stance(&talks, &t, "Ali Rezaei", names), want, "{t}");
        }
    }
    // complement: "the decision to buy wheat" is no reference to the act before
    let t = "Tom Baker said on Tuesday that the United States would resume talks with Iran. \
             Ali Rezaei hailed the decision to buy wheat.";
    assert_eq!(
        stance(&talks, t, "Ali Rezaei", names),
        Stance::Neutral,
        "{t}"
    );
}

#[test]
fn what_a_predicate_sets_aside_or_takes_as_object_is_read_with_it() {
    // Swapping the alternative swaps the stance; the object of an oppose verb is no support
    // of the holder's; a two-word verb of voting decides by its particle; a refusal to
    // concede set against the relation by "but" is a red line, and without "but" it is not.
    assert_in_talks_frame(&[
        (
            "Tom Baker called for more sanctions on Iran instead of talks.",
            Stance::Oppose,
        ),
        (
            "Tom Baker called for talks with Iran instead of more sanctions.",
            Stance::Support,
        ),
        (
            "Tom Baker blasted the administration's outreach to Tehran.",
            Stance::Oppose,
        ),
        (
            "Tom Baker praised the administration's outreach to Tehran.",
            Stance::Support,
        ),
        (
            "Tom Baker urged lawmakers to vote down the agreement with Iran.",
            Stance::Oppose,
        ),
        (
            "Tom Baker urged lawmakers to vote for the agreement with Iran.",
            Stance::Support,
        ),
        (
            "Tom Baker said Washington was ready for talks with Iran but would never give up its sanctions.",
            Stance::Conditional,
        ),
        (
            "Tom Baker said Washington was ready for talks with Iran and hoped for progress.",
            Stance::Support,
        ),
        (
            "Tom Baker said any agreement with Iran must be submitted to Congress.",
            Stance::Conditional,
        ),
        (
            "Tom Baker said the agreement with Iran was submitted to Congress.",
            Stance::Support,
        ),
    ]);
}

#[test]
fn litotes_refusals_of_force_and_consequences_are_read() {
    // "no harm in" accepts, "harm in" alone does not; "not bound by" rejects, "bound by"
    // alone does not; a consequence that rewards the other side argues against the relation,
    // one that avoids war for it.
    assert_in_talks_frame(&[
        (
            "Tom Baker said he saw no harm in talks with Iran.",
            Stance::Support,
        ),
        (
            "Tom Baker said there was nothing wrong with talks with Iran.",
            Stance::Support,
        ),
        (
            "Tom Baker said the United States would not be bound by any agreement with Iran.",
            Stance::Oppose,
        ),
        (
            "Tom Baker said talks with Iran would only embolden its hardliners.",
            Stance::Oppose,
        ),
        (
            "Tom Baker said talks with Iran were the only way to avoid war.",
            Stance::Support,
        ),
    ]);
}

#[test]
fn the_holder_is_found_over_titles_and_appositions() {
    // "said X, Iran's foreign minister": X speaks, not Iran; "according to Senator X" and
    // "was rejected by Senator X" give X the clause over the title; negating the predicate
    // or swapping the verb swaps the stance.
    let talks = talks_analyzer();
    let names: &[(&str, Label)] = &[
        ("Ali Rezaei", Label::Person),
        ("Tom Baker", Label::Person),
        ("United States", Label::Location),
        ("Iran", Label::Location),
    ];
    let cases = [
        (
            "\"If Washington lifts the sanctions, we will return to the table,\" said Ali Rezaei, Iran's foreign minister.",
            "Ali Rezaei",
            Stance::Conditional,
        ),
        (
            "According to Senator Tom Baker, the deal with Iran is a disaster.",
            "Tom Baker",
            Stance::Oppose,
        ),
        (
            "According to Senator Tom Baker, the deal with Iran is a success.",
            "Tom Baker",
            Stance::Support,
        ),
        (
            "The nuclear deal with Iran was rejected by Senator Tom Baker.",
            "Tom Baker",
            Stance::Oppose,
        ),
        (
            "The nuclear deal with Iran was welcomed by Senator Tom Baker.",
            "Tom Baker",
            Stance::Support,
        ),
    ];
    for (t, who, want) in cases {
        let t = format!("{t} The United States and Iran have been at odds for decades.");
        assert_eq!(stance(&talks, &t, who, names), want, "{t}");
    }
    // the country of the apposition is the speaker's
    let t = "\"We will return to the table,\" said Ali Rezaei, Iran's foreign minister.";
    let got = talks.analyze(t, common::named_entities(t, names));
    let rezaei = got.actors.iter().find(|a| a.name == "Ali Rezaei");
    assert_eq!(
        rezaei.and_then(|a| a.country.as_deref()),
        Some("IRN"),
        "{t}"
    );
}

#[test]
fn focus_only_on_a_kind_of_deal_and_possibility_are_read() {
    // "only" + a deal restricted by a relative clause is conditional, narration of a deal
    // with a relative clause is not; "possible" judges the relation, its negation opposes.
    assert_in_talks_frame(&[
        (
            "Tom Baker said the United States would only sign a deal with Iran that ended enrichment.",
            Stance::Conditional,
        ),
        (
            "Tom Baker said the United States would sign a deal with Iran that ended enrichment.",
            Stance::Support,
        ),
        (
            "Tom Baker said talks with Iran were possible.",
            Stance::Support,
        ),
        (
            "Tom Baker said talks with Iran were not possible.",
            Stance::Oppose,
        ),
    ]);
}

#[test]
fn a_reported_act_of_the_other_party_is_not_the_speakers_stance() {
    // the senator is American: his own party's act is his government's stance, the other
    // party's act is news he reports ("would never accept a deal" is not here: a negated
    // relation term with no predicate of the lexicon leaves the speaker the document-wide
    // reading's part in the sentence; a known gap of the battery)
    for verb in ["rejected", "had ruled out", "walked away from"] {
        for (subject, want) in [
            ("Tehran", Stance::Neutral),
            ("the Iranians", Stance::Neutral),
            ("Washington", Stance::Oppose),
            ("the United States and Britain", Stance::Oppose),
        ] {
            let t = format!(
                "Tom Baker, an American senator, said {subject} {verb} a deal. The talks between the United States and Iran went on."
            );
            assert_eq!(
                stance(&talks_analyzer(), &t, "Tom Baker", PEOPLE),
                want,
                "{t}"
            );
        }
    }
}

#[test]
fn a_demanded_act_on_the_relation_is_the_demanders_stance() {
    // a verb of demand governs the subjunctive verb of its clause: a verb that keeps the
    // relation supports, one that undoes it opposes, a negated one reverses; a demand whose
    // verb acts on something else, ordered before the relation, stays a condition
    let pairs = [
        ("resume", "end"),
        ("return to", "walk away from"),
        ("continue", "abandon"),
    ];
    for (keep, undo) in pairs {
        for demand in ["demanded that", "insisted that"] {
            for (verb, want) in [
                (keep, Stance::Support),
                (undo, Stance::Oppose),
                (&*format!("not {undo}"), Stance::Support),
            ] {
                let t = format!("Tom Baker, an American senator, {demand} Washington {verb} the talks with Iran.");
                assert_in_talks_frame(&[(&t, want)]);
            }
        }
    }
    assert_in_talks_frame(&[(
        "Tom Baker, an American senator, demanded that Iran halt enrichment before any talks with Washington.",
        Stance::Conditional,
    )]);
}

#[test]
fn a_title_with_an_institution_noun_keeps_the_name_as_speaker() {
    // "Iran's parliament speaker X said": the institution noun is part of X's title, so X
    // speaks, not the country in the possessive
    for title in [
        "foreign minister",
        "parliament speaker",
        "judiciary chief",
        "army commander",
        "nuclear chief",
    ] {
        let t = format!("Iran's {title} Tom Baker said talks with the United States were useless.");
        assert_in_talks_frame(&[(&t, Stance::Oppose)]);
    }
}

#[test]
fn a_party_that_will_not_make_the_relation_takes_no_part_in_it() {
    // "X said Iran would not negotiate with the United States": Iran is the subject of the
    // negated relation verb, it does not own the relation (the document-wide reading)
    for (verb, want) in [
        ("would not negotiate", Stance::Oppose),
        ("will never negotiate", Stance::Oppose),
        ("would negotiate", Stance::Support),
    ] {
        let t = format!("Tom Baker said Iran {verb} with the United States.");
        assert_in_talks_frame_of("Iran", PEOPLE, &[(&t, want)]);
    }
}

#[test]
fn a_relation_in_a_phrase_of_time_gives_no_part_to_those_outside_it() {
    // "… days after the talks stalled" dates the sentence's act; the actors of that act take
    // no part in the talks for it (the document-wide reading), as with "amid the talks"
    assert_in_talks_frame_of(
        "Brazil",
        TWO_THIRD_COUNTRIES,
        &[
            ("Brazil imposed new sanctions on Chile on Thursday, days after the talks between the United States and Iran stalled.", Stance::Neutral),
            ("Brazil imposed new sanctions on Chile on Thursday, amid the talks between the United States and Iran.", Stance::Neutral),
            ("Brazil hosted the talks between the United States and Iran on Thursday.", Stance::Support),
        ],
    );
}

#[test]
fn a_third_party_reporting_what_a_party_did_holds_no_stance_for_it() {
    // "Brazil said Washington had rejected the talks": the act is Washington's, reported;
    // advice with a deontic modal is Brazil's own; Brazil's own verb is Brazil's. (A party's
    // reported support still gives the reporter a part in the document-wide reading.)
    assert_in_talks_frame_of(
        "Brazil",
        THIRD_COUNTRY,
        &[
            (
                "Brazil said Washington had rejected the talks with Iran.",
                Stance::Neutral,
            ),
            (
                "Brazil said the United States should welcome the talks with Iran.",
                Stance::Support,
            ),
            (
                "Brazil said it had rejected the talks between Iran and the United States.",
                Stance::Oppose,
            ),
        ],
    );
}

#[test]
fn support_with_a_refused_concession_after_but_is_conditional() {
    // "ready for talks but will not give up X": an adversative clause of the same subject
    // refusing a concession states what the holder will not pay; without the negation, with
    // another subject, with the relation as the refused verb's object, or after opposition,
    // it is no reservation
    let lead =
        "Tom Baker, Iran's foreign minister, said Tehran was ready for talks with Washington";
    for concession in [
        "give up its right to enrich",
        "bow to threats",
        "compromise on its missiles",
    ] {
        for never in ["would not", "will never", "refused to"] {
            let t = format!("{lead} but {never} {concession}.");
            assert_in_talks_frame(&[(&t, Stance::Conditional)]);
        }
        let cases = [
            (format!("{lead} and would {concession}."), Stance::Support),
            (
                format!("{lead} but the Americans would not {concession}."),
                Stance::Support,
            ),
        ];
        for (t, want) in &cases {
            assert_in_talks_frame(&[(t, *want)]);
        }
    }
    assert_in_talks_frame(&[
        (&format!("{lead} but would not abandon the negotiations."), Stance::Support),
        (
            "Tom Baker, Iran's foreign minister, said Tehran rejected talks with Washington but would not give up its right to enrich.",
            Stance::Oppose,
        ),
    ]);
}

#[test]
fn a_word_of_an_organizations_name_is_no_relation_term() {
    // "Cooperation" in "Gulf Cooperation Council" names the body; the same word outside the
    // name is the relation
    let talks = talks_analyzer();
    let names = [
        ("Gulf Cooperation Council", Label::Organization),
        ("Gulf Council", Label::Organization),
        ("United States", Label::Location),
        ("Iran", Label::Location),
    ];
    let frame = "Talks between the United States and Iran resumed on Monday.";
    let cases = [
        ("The Gulf Cooperation Council met in Riyadh.", "Gulf Cooperation Council", Stance::Neutral),
        ("The Gulf Council said it would welcome cooperation between the United States and Iran.", "Gulf Council", Stance::Support),
    ];
    for (sentence, who, want) in cases {
        let t = format!("{frame} {sentence}");
        assert_eq!(stance(&talks, &t, who, &names), want, "{t}");
    }
}

#[test]
fn a_name_between_commas_after_a_title_with_a_named_object_is_the_speaker() {
    // "<title> of <body>, X, said": the body is the title's object, X the speaker; the
    // same with the body not tagged, and with "to <body>" (where the post is held)
    let talks = talks_analyzer();
    for body in [
        "Iran's Atomic Energy Organization",
        "the Atomic Energy Organization of Iran",
    ] {
        for title in ["The head of", "The spokesman for"] {
            for tagged in [true, false] {
                let t = format!(
                    "{title} {body}, Tom Baker, said talks with Washington were pointless. \
                     The United States and Iran have been at odds for decades."
                );
                let org = body
                    .trim_start_matches("the ")
                    .trim_start_matches("Iran's ");
                let mut names = vec![("Tom Baker", Label::Person), ("Iran", Label::Location)];
                if tagged {
                    names.push((org, Label::Organization));
                }
                assert_eq!(
                    stance(&talks, &t, "Tom Baker", &names),
                    Stance::Oppose,
                    "{t} {names:?}"
                );
            }
        }
    }
}

#[test]
fn a_speaker_of_a_coordinated_clause_holds_only_that_clause() {
    // "X said A, and Y vowed B": Y holds B and X holds A, in either order of the clauses
    let names = [
        ("Tom Baker", Label::Person),
        ("John Smith", Label::Person),
        ("Iran", Label::Location),
        ("United States", Label::Location),
    ];
    let talks = talks_analyzer();
    let clauses = [
        ("said the deal with Iran was a good one", Stance::Support),
        ("vowed to tear up the agreement with Iran", Stance::Oppose),
        (
            "said he would back a deal with Iran only if it ends enrichment",
            Stance::Conditional,
        ),
    ];
    for (a, sa) in clauses {
        for (b, sb) in clauses {
            if sa == sb {
                continue;
            }
            let t = format!(
                "Senator John Smith {a}, and Senator Tom Baker {b}. \
                 The United States and Iran have been at odds for decades."
            );
            assert_eq!(stance(&talks, &t, "John Smith", &names), sa, "{t}");
            assert_eq!(stance(&talks, &t, "Tom Baker", &names), sb, "{t}");
        }
    }
}

#[test]
fn a_protasis_of_consent_is_no_condition_and_one_of_substance_is() {
    // the protasis only restates that the other side takes part: support; a protasis with
    // content of its own (or a negated consent): conditional
    let frame = "Tom Baker, an American senator, said Washington would hold talks with Iran if";
    let consent = [
        "they want to talk",
        "Tehran is ready for negotiations",
        "the Iranians are serious about a deal",
        "they are willing to negotiate",
    ];
    let substance = [
        "Tehran is ready to halt enrichment",
        "they do not want a bomb",
        "Iran stops enriching uranium",
        "they are not willing to negotiate",
    ];
    let cases: Vec<(String, Stance)> = consent
        .iter()
        .map(|p| (format!("{frame} {p}."), Stance::Support))
        .chain(
            substance
                .iter()
                .map(|p| (format!("{frame} {p}."), Stance::Conditional)),
        )
        .collect();
    let cases: Vec<(&str, Stance)> = cases.iter().map(|(t, s)| (t.as_str(), *s)).collect();
    assert_in_talks_frame(&cases);
}

#[test]
fn the_pro_verb_do_so_stands_for_the_relation_before_it() {
    // "would not do so under threat" reads as "would not negotiate under threat"
    assert_in_talks_frame(&[
        (
            "Tom Baker, an Iranian diplomat, said Iran was ready to negotiate with Washington but would not do so under threat.",
            Stance::Conditional,
        ),
        (
            "Tom Baker, an Iranian diplomat, said Iran was ready to negotiate with Washington but would not negotiate under threat.",
            Stance::Conditional,
        ),
        (
            "Tom Baker, an Iranian diplomat, said Iran was ready to negotiate with Washington but would only do so if sanctions were lifted.",
            Stance::Conditional,
        ),
        (
            "Tom Baker, an Iranian diplomat, said Iran was ready to negotiate with Washington and would do so soon.",
            Stance::Support,
        ),
        (
            "Tom Baker, an Iranian diplomat, said Iran was ready to negotiate with Washington, but not under threat.",
            Stance::Conditional,
        ),
    ]);
}

#[test]
fn one_party_and_a_name_of_their_relation_make_a_document_about_it() {
    // no US named: the talks count once the text names the dyad's own deal (the topic's
    // `dyad` terms), not when it names some other matter
    let talks = talks_analyzer();
    let names = [("Tom Baker", Label::Person), ("Iran", Label::Location)];
    for (matter, want) in [
        ("the JCPOA", Stance::Support),
        ("the 2015 nuclear deal", Stance::Support),
        ("the snapback of sanctions", Stance::Support),
        ("its talks with world powers", Stance::Support),
        ("the price of oil", Stance::Neutral),
        ("a new trade route", Stance::Neutral),
    ] {
        let t = format!(
            "Tom Baker, a German diplomat, said the talks should continue. \
             Iran has been at odds with Europe over {matter}."
        );
        assert_eq!(stance(&talks, &t, "Tom Baker", &names), want, "{t}");
    }
}

#[test]
fn a_demand_on_the_substance_counts_once_the_talks_are_established_in_the_document() {
    // the talks named at the start, three sentences on other matters, then the demand: a
    // reservation of the talks; with the opening sentence about something else, no stance
    let names = [
        ("John Smith", Label::Person),
        ("Iran", Label::Location),
        ("United States", Label::Location),
    ];
    let talks = talks_analyzer();
    let filler = "Oil prices rose on Monday. Markets in Asia were mixed. The weather was mild.";
    for (opening, want) in [
        (
            "The United States and Iran held talks in Oman on Saturday.",
            Stance::Conditional,
        ),
        (
            "The United States and Iran traded accusations on Saturday.",
            Stance::Neutral,
        ),
    ] {
        let t = format!(
            "{opening} {filler} U.S. envoy John Smith said Iran must stop enriching uranium."
        );
        assert_eq!(stance(&talks, &t, "John Smith", &names), want, "{t}");
    }
}
