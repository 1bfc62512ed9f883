use crate::analyzer::Analyzer;
use crate::doc::Doc;
use crate::entity::test_util::ent;
use crate::entity::{Entity, Label};
use crate::report::{Actor, ActorKind, CountrySource};

/// Resolve + build actors for `text` with `ents` as the model's output.
fn actors(text: &str, ents: Vec<Entity>) -> (Vec<Entity>, Vec<Actor>) {
    Analyzer::new().report_of_actors(&Doc::new(text), ents, None)
}

fn actor<'a>(a: &'a [Actor], name: &str) -> &'a Actor {
    a.iter()
        .find(|x| x.name == name)
        .unwrap_or_else(|| panic!("no actor {name} in {a:#?}"))
}

#[test]
fn surname_joins_full_name_before_and_after() {
    let t = "Rogers spoke first. Later Senator Mike Rogers and Lindsey Graham met; Graham left. Rogers stayed.";
    let (_, a) = actors(
        t,
        vec![
            ent(t, "Rogers", 0, Label::Person),
            ent(t, "Mike Rogers", 0, Label::Person),
            ent(t, "Lindsey Graham", 0, Label::Person),
            ent(t, "Graham", 1, Label::Person),
            ent(t, "Rogers", 2, Label::Person),
        ],
    );
    assert_eq!(a.len(), 2, "{a:#?}");
    assert_eq!(actor(&a, "Mike Rogers").mentions.len(), 3);
    assert_eq!(actor(&a, "Lindsey Graham").mentions.len(), 2);
    assert_eq!(actor(&a, "Mike Rogers").role.as_deref(), Some("Senator"));
}

#[test]
fn al_prefix_and_nearest_preceding_full_name() {
    let t = "Nouri al-Maliki resisted. Bill Clinton and Hillary Clinton spoke; Clinton said no, and Maliki agreed.";
    let (_, a) = actors(
        t,
        vec![
            ent(t, "Nouri al-Maliki", 0, Label::Person),
            ent(t, "Bill Clinton", 0, Label::Person),
            ent(t, "Hillary Clinton", 0, Label::Person),
            ent(t, "Clinton", 2, Label::Person),
            ent(t, "Maliki", 1, Label::Person),
        ],
    );
    assert_eq!(actor(&a, "Nouri al-Maliki").mentions.len(), 2);
    assert_eq!(actor(&a, "Hillary Clinton").mentions.len(), 2);
    assert_eq!(actor(&a, "Bill Clinton").mentions.len(), 1);
}

#[test]
fn country_aliases_and_capital_are_one_actor() {
    let t = "The US and America agree. The United States said so, and Washington said it again. U.S. officials nodded.";
    let (_, a) = actors(t, vec![ent(t, "Washington", 0, Label::Location)]);
    assert_eq!(a.len(), 1, "{a:#?}");
    assert_eq!(a[0].name, "United States");
    assert_eq!(a[0].kind, ActorKind::Country);
    assert_eq!(a[0].country.as_deref(), Some("USA"));
    assert_eq!(a[0].mentions.len(), 5);
}

#[test]
fn titles_with_demonym_or_country_give_affiliation_and_role() {
    let t = "U.S. Senator Jane Doe met Iranian President Ali Karimi and Australian Prime Minister John Smith in Vienna.";
    let (ents, a) = actors(
        t,
        vec![
            ent(t, "Jane Doe", 0, Label::Person),
            ent(t, "Ali Karimi", 0, Label::Person),
            ent(t, "John Smith", 0, Label::Person),
            ent(t, "Vienna", 0, Label::Location),
        ],
    );
    let doe = actor(&a, "Jane Doe");
    assert_eq!(
        (doe.country.as_deref(), doe.role.as_deref()),
        (Some("USA"), Some("Senator"))
    );
    let k = actor(&a, "Ali Karimi");
    assert_eq!(
        (k.country.as_deref(), k.role.as_deref()),
        (Some("IRN"), Some("President"))
    );
    let s = actor(&a, "John Smith");
    assert_eq!(
        (s.country.as_deref(), s.role.as_deref()),
        (Some("AUS"), Some("Prime Minister"))
    );
    // the entity list carries the affiliation too; Vienna stays a place
    assert!(ents
        .iter()
        .any(|e| e.text == "Jane Doe" && e.country.as_deref() == Some("USA")));
    assert!(ents
        .iter()
        .any(|e| e.text == "Vienna" && e.label == Label::Location));
}

#[test]
fn institutions_give_affiliation() {
    let t = "Senate Armed Services Committee Chairman Tom Jones and Pentagon spokesman Rear Admiral Sam Hill disagreed. Kremlin aide Ivan Petrov laughed.";
    let (_, a) = actors(
        t,
        vec![
            ent(t, "Senate Armed Services Committee", 0, Label::Organization),
            ent(t, "Tom Jones", 0, Label::Person),
            ent(t, "Pentagon", 0, Label::Organization),
            ent(t, "Sam Hill", 0, Label::Person),
            ent(t, "Kremlin", 0, Label::Location),
            ent(t, "Ivan Petrov", 0, Label::Person),
        ],
    );
    assert_eq!(actor(&a, "Tom Jones").country.as_deref(), Some("USA"));
    assert_eq!(actor(&a, "Tom Jones").role.as_deref(), Some("Chairman"));
    assert_eq!(actor(&a, "Sam Hill").country.as_deref(), Some("USA"));
    assert_eq!(actor(&a, "Sam Hill").role.as_deref(), Some("Spokesman"));
    assert_eq!(actor(&a, "Kremlin").kind, ActorKind::Organization);
    assert_eq!(actor(&a, "Ivan Petrov").country.as_deref(), Some("RUS"));
}

#[test]
fn no_evidence_no_country() {
    // the running context and the most-mentioned country are no evidence
    let t = "Canada will send aid, Canada said. Canada and Canada agree.\nForeign Minister Anne Leclerc said Canada can only give money.\n\nMinister Dan Cohen said the plan was risky after Israeli ministers voiced concern.";
    let (ents, a) = actors(
        t,
        vec![
            ent(t, "Anne Leclerc", 0, Label::Person),
            ent(t, "Dan Cohen", 0, Label::Person),
        ],
    );
    let leclerc = actor(&a, "Anne Leclerc");
    assert_eq!(leclerc.country, None);
    assert_eq!(leclerc.country_source, None);
    assert_eq!(leclerc.role.as_deref(), Some("Foreign Minister"));
    assert_eq!(actor(&a, "Dan Cohen").country, None);
    assert!(ents
        .iter()
        .filter(|e| e.label == Label::Person)
        .all(|e| e.country.is_none()));
}

#[test]
fn object_of_relation_and_counterpart_get_nothing_from_context() {
    let t = "Canada will help.\nWhen Iranian President Ali Karimi rebuffed overtures from the Smith administration, officials shrugged. Egypt said Foreign Minister Sameh Adel will meet his counterpart, Foreign Minister Omar Saleh.";
    let (_, a) = actors(
        t,
        vec![
            ent(t, "Ali Karimi", 0, Label::Person),
            ent(t, "Smith", 0, Label::Person),
            ent(t, "Sameh Adel", 0, Label::Person),
            ent(t, "Omar Saleh", 0, Label::Person),
        ],
    );
    assert_eq!(actor(&a, "Ali Karimi").country.as_deref(), Some("IRN"));
    // "the Smith administration" is the person Smith, the object of "overtures from"
    assert_eq!(actor(&a, "Smith").kind, ActorKind::Person);
    assert_eq!(actor(&a, "Smith").country, None);
    assert_eq!(actor(&a, "Sameh Adel").country, None);
    assert_eq!(actor(&a, "Omar Saleh").country, None);
}

#[test]
fn a_country_before_a_comma_is_not_a_title() {
    let t = "He vowed to veto new sanctions against Iran, John Doe told Congress.";
    let (_, a) = actors(t, vec![ent(t, "John Doe", 0, Label::Person)]);
    assert_eq!(actor(&a, "John Doe").country, None);
}

#[test]
fn destination_is_not_affiliation() {
    let t = "Turkey's Ambassador to the UK, Mehmet Ak, spoke. Turkey wants calm.";
    let (_, a) = actors(t, vec![ent(t, "Mehmet Ak", 0, Label::Person)]);
    // the possessive is Turkey's; the UK is only where he serves
    let ak = actor(&a, "Mehmet Ak");
    assert_eq!(ak.country.as_deref(), Some("TUR"));
    assert_eq!(ak.country_source, Some(CountrySource::Text));
}

#[test]
fn demonym_and_any_occupation_noun_is_a_title_chain() {
    let t = "Iranian analyst Reza Tavakoli disagreed. Israeli MP Dana Meron agreed. Iran's political commentator Sara Nouri spoke. Saudis hail Tom Baker. Officials met Kim Lee.";
    let (_, a) = actors(
        t,
        vec![
            ent(t, "Reza Tavakoli", 0, Label::Person),
            ent(t, "Dana Meron", 0, Label::Person),
            ent(t, "Iran", 0, Label::Location),
            ent(t, "Sara Nouri", 0, Label::Person),
            ent(t, "Tom Baker", 0, Label::Person),
            ent(t, "Kim Lee", 0, Label::Person),
        ],
    );
    let r = actor(&a, "Reza Tavakoli");
    assert_eq!(r.country.as_deref(), Some("IRN"));
    assert_eq!(r.role.as_deref(), Some("analyst"));
    assert_eq!(actor(&a, "Dana Meron").country.as_deref(), Some("ISR"));
    assert_eq!(actor(&a, "Sara Nouri").country.as_deref(), Some("IRN"));
    // a plural people-noun and a verb are no title chain
    assert_eq!(actor(&a, "Tom Baker").country, None);
    assert_eq!(actor(&a, "Kim Lee").country, None);
}

#[test]
fn party_state_tags_and_places_before_titles_are_american() {
    let t = "Sen. Tom Walker (R-Ark.) objected. Sens. Jane Roe, D-Mass., and Bob Stone of Ohio wrote. South Carolina Sen. Bill Porter and Ohio mayor Carl Benson agreed. Later, Roe spoke.";
    let (_, a) = actors(
        t,
        vec![
            ent(t, "Tom Walker", 0, Label::Person),
            ent(t, "Jane Roe", 0, Label::Person),
            ent(t, "Bob Stone", 0, Label::Person),
            ent(t, "Bill Porter", 0, Label::Person),
            ent(t, "Carl Benson", 0, Label::Person),
            ent(t, "Roe", 1, Label::Person),
        ],
    );
    for name in ["Tom Walker", "Jane Roe", "Bill Porter", "Carl Benson"] {
        let x = actor(&a, name);
        assert_eq!(x.country.as_deref(), Some("USA"), "{name}");
        assert_eq!(x.country_source, Some(CountrySource::Text), "{name}");
    }
    assert_eq!(actor(&a, "Tom Walker").code.as_deref(), Some("USALEG"));
    assert_eq!(actor(&a, "Bob Stone").country, None);
}

/// A made-up career: French minister until 2014, at the UN from 2015.
const CAREER: &str = "MARTA_VELLANOVA_\n+VELLANOVA_\n\t[FRAGOV 20040101-20141231]\n\t[IGOUNO >20150101]\nPIETRO_ALBANI_\n\t[ITAGOVLEG 19900101-19991231]\n\t[ITAELI 20000101-20091231]\n";

fn with_career(text: &str, ents: Vec<Entity>, date: Option<&str>) -> Vec<Actor> {
    let analyzer = Analyzer::new();
    let mut dict = (*analyzer.knowledge().actors).clone();
    dict.add_str(CAREER, "career.txt").unwrap();
    let date = date.map(|d| d.parse().unwrap());
    analyzer
        .with_dictionary(dict)
        .report_of_actors(&Doc::new(text), ents, date)
        .1
}

#[test]
fn the_dictionary_gives_the_country_valid_at_the_date() {
    let t = "Marta Vellanova said talks could resume. Vellanova's deputy Paul Renard agreed. Pietro Albani was silent.";
    let ents = || {
        vec![
            ent(t, "Marta Vellanova", 0, Label::Person),
            ent(t, "Vellanova", 1, Label::Person),
            ent(t, "Paul Renard", 0, Label::Person),
            ent(t, "Pietro Albani", 0, Label::Person),
        ]
    };
    let a = with_career(t, ents(), Some("2010-03-01"));
    let m = actor(&a, "Marta Vellanova");
    assert_eq!(m.country.as_deref(), Some("FRA"));
    assert_eq!(m.country_source, Some(CountrySource::Dictionary));
    assert_eq!(m.code.as_deref(), Some("FRAGOV"));
    // her deputy, through the possessive
    let r = actor(&a, "Paul Renard");
    assert_eq!(r.country.as_deref(), Some("FRA"));
    assert_eq!(r.country_source, Some(CountrySource::Coreference));
    // after every range of his: no code at the date, but one country throughout
    let p = actor(&a, "Pietro Albani");
    assert_eq!(p.country.as_deref(), Some("ITA"));
    assert_eq!(p.code, None);

    // at the UN: an international code, no country, and nothing for her deputy either
    for date in [Some("2016-05-01"), None] {
        let a = with_career(t, ents(), date);
        let m = actor(&a, "Marta Vellanova");
        assert_eq!(m.country, None, "{date:?}");
        assert_eq!(m.country_source, None);
        assert_eq!(m.code.as_deref(), Some("IGOUNO"));
        assert_eq!(actor(&a, "Paul Renard").country, None);
    }
}

#[test]
fn a_weak_occupation_chain_yields_to_the_dictionary() {
    // "critic" might be a noun or not; the dictionary is definite
    let t = "Iranian critic Marta Vellanova arrived. Iranian critic Omid Rahimi left.";
    let a = with_career(
        t,
        vec![
            ent(t, "Marta Vellanova", 0, Label::Person),
            ent(t, "Omid Rahimi", 0, Label::Person),
        ],
        Some("2010-03-01"),
    );
    let m = actor(&a, "Marta Vellanova");
    assert_eq!(m.country.as_deref(), Some("FRA"));
    assert_eq!(m.country_source, Some(CountrySource::Dictionary));
    let o = actor(&a, "Omid Rahimi");
    assert_eq!(o.country.as_deref(), Some("IRN"));
    assert_eq!(o.country_source, Some(CountrySource::Text));
}

#[test]
fn the_text_wins_over_the_dictionary() {
    let t = "Spanish Foreign Minister Marta Vellanova said talks could resume.";
    let a = with_career(
        t,
        vec![ent(t, "Marta Vellanova", 0, Label::Person)],
        Some("2010-03-01"),
    );
    let m = actor(&a, "Marta Vellanova");
    assert_eq!(m.country.as_deref(), Some("ESP"));
    assert_eq!(m.country_source, Some(CountrySource::Text));
    // the dictionary's code names another country: the text's country and the title's role
    assert_eq!(m.code.as_deref(), Some("ESPGOV"));
}

#[test]
fn shipped_dictionary_names_and_a_surname_alone_elsewhere() {
    let t = "President Donald Trump spoke to Senator Tom Cotton. Obama listened.";
    let (_, a) = actors(
        t,
        vec![
            ent(t, "Donald Trump", 0, Label::Person),
            ent(t, "Tom Cotton", 0, Label::Person),
            ent(t, "Obama", 0, Label::Person),
        ],
    );
    // a person named by one word gets the full name of the one entry that has it
    for name in ["Donald Trump", "Tom Cotton", "Barack Obama"] {
        assert_eq!(actor(&a, name).country.as_deref(), Some("USA"), "{name}");
    }
    // an unknown full name does not borrow the country of a namesake's surname
    let t = "Maria Obama said so.";
    let (_, a) = actors(t, vec![ent(t, "Maria Obama", 0, Label::Person)]);
    assert_eq!(actor(&a, "Maria Obama").country, None);
}

#[test]
fn media_outlets_and_organizations() {
    let t = "TEHRAN (Fars) - Reuters and the BBC reported, as did Iran's Foreign Ministry, the Iranian Armed Forces and ISIS. The Islamic State of Iraq and Syria denied it.";
    let (_, a) = actors(
        t,
        vec![
            ent(t, "TEHRAN", 0, Label::Location),
            ent(t, "Fars", 0, Label::Organization),
            ent(t, "Reuters", 0, Label::Organization),
            ent(t, "BBC", 0, Label::Organization),
            ent(t, "Iran", 0, Label::Location),
            ent(t, "Foreign Ministry", 0, Label::Organization),
            ent(t, "Iranian Armed Forces", 0, Label::Organization),
            ent(t, "ISIS", 0, Label::Organization),
            ent(t, "Islamic State of Iraq and Syria", 0, Label::Organization),
        ],
    );
    assert_eq!(actor(&a, "Reuters").country, None);
    assert_eq!(actor(&a, "BBC").country.as_deref(), Some("GBR"));
    assert_eq!(actor(&a, "Fars").country.as_deref(), Some("IRN"));
    assert_eq!(
        actor(&a, "Foreign Ministry").country.as_deref(),
        Some("IRN")
    );
    assert_eq!(
        actor(&a, "Iranian Armed Forces").country.as_deref(),
        Some("IRN")
    );
    let isis = actor(&a, "Islamic State of Iraq and Syria");
    assert_eq!(isis.mentions.len(), 2);
    assert_eq!(isis.country, None);
    assert!(!a.iter().any(|x| x.name == "TEHRAN"));
}

#[test]
fn a_country_after_of_in_an_organizations_name_is_its_country() {
    let t = "The Central Bank of Spain and the Atomic Energy Agency of the United States met the Islamic Republic of Iran Broadcasting, the Organization of Islamic Cooperation and the Union of Concerned Scientists.";
    let names = [
        "Central Bank of Spain",
        "Atomic Energy Agency of the United States",
        "Islamic Republic of Iran Broadcasting",
        "Organization of Islamic Cooperation",
        "Union of Concerned Scientists",
    ];
    let (_, a) = actors(
        t,
        names
            .iter()
            .map(|n| ent(t, n, 0, Label::Organization))
            .collect(),
    );
    let country = |n: &str| actor(&a, n).country.clone();
    assert_eq!(country("Central Bank of Spain").as_deref(), Some("ESP"));
    assert_eq!(
        country("Atomic Energy Agency of the United States").as_deref(),
        Some("USA")
    );
    assert_eq!(
        country("Islamic Republic of Iran Broadcasting").as_deref(),
        Some("IRN")
    );
    assert_eq!(country("Organization of Islamic Cooperation"), None);
    assert_eq!(country("Union of Concerned Scientists"), None);
}

#[test]
fn a_capital_in_an_organizations_name_is_its_country() {
    // "University of Madrid", "Madrid Institute": the capital says where the body is; a
    // person introduced at it takes that country; a city that is no capital says nothing
    let t = "Ana Ruiz, a professor at the University of Madrid, spoke. The Madrid Institute for Peace and the University of Barcelona replied.";
    let names = [
        ("Ana Ruiz", Label::Person),
        ("University of Madrid", Label::Organization),
        ("Madrid Institute for Peace", Label::Organization),
        ("University of Barcelona", Label::Organization),
    ];
    let (_, a) = actors(t, names.iter().map(|(n, l)| ent(t, n, 0, *l)).collect());
    let country = |n: &str| actor(&a, n).country.clone();
    assert_eq!(country("University of Madrid").as_deref(), Some("ESP"));
    assert_eq!(
        country("Madrid Institute for Peace").as_deref(),
        Some("ESP")
    );
    assert_eq!(country("Ana Ruiz").as_deref(), Some("ESP"));
    assert_eq!(country("University of Barcelona"), None);
}

#[test]
fn the_house_alone_is_the_us_house_and_its_speaker_american() {
    let t = "House Speaker Mark Jones spoke. Ann Lee, a member of the House of Commons, replied.";
    let names = [
        ("House", Label::Organization),
        ("Mark Jones", Label::Person),
        ("Ann Lee", Label::Person),
        ("House of Commons", Label::Organization),
    ];
    let (_, a) = actors(t, names.iter().map(|(n, l)| ent(t, n, 0, *l)).collect());
    let country = |n: &str| actor(&a, n).country.clone();
    assert_eq!(country("House").as_deref(), Some("USA"));
    assert_eq!(country("Mark Jones").as_deref(), Some("USA"));
    assert_eq!(country("House of Commons").as_deref(), Some("GBR"));
    assert_eq!(country("Ann Lee").as_deref(), Some("GBR"));
}

#[test]
fn titles_with_a_prepositional_object_before_a_comma_and_based_appositions() {
    // "<title> to <body>, X": the body where the post is held is not X's; "<title> of
    // <country>'s <body>, X": the body's country is X's; ", a <capital>-based <noun>,"
    let t = "Iran's ambassador to the UN, Kazem Farahani, spoke. The head of Iran's Atomic Energy Organization, Davoud Rostami, spoke. Majid Sadeghi, a Tehran-based analyst, spoke. The head of the IAEA, Lars Berg, spoke. Mark Jones, a Washington-based analyst, spoke.";
    let (_, a) = actors(
        t,
        vec![
            ent(t, "Iran", 0, Label::Location),
            ent(t, "UN", 0, Label::Organization),
            ent(t, "Kazem Farahani", 0, Label::Person),
            ent(t, "Iran", 1, Label::Location),
            ent(t, "Atomic Energy Organization", 0, Label::Organization),
            ent(t, "Davoud Rostami", 0, Label::Person),
            ent(t, "Majid Sadeghi", 0, Label::Person),
            ent(t, "IAEA", 0, Label::Organization),
            ent(t, "Lars Berg", 0, Label::Person),
            ent(t, "Mark Jones", 0, Label::Person),
        ],
    );
    let country = |n: &str| actor(&a, n).country.clone();
    assert_eq!(country("Kazem Farahani").as_deref(), Some("IRN"));
    assert_eq!(country("Davoud Rostami").as_deref(), Some("IRN"));
    assert_eq!(country("Majid Sadeghi").as_deref(), Some("IRN"));
    assert_eq!(country("Lars Berg"), None);
    assert_eq!(country("Mark Jones").as_deref(), Some("USA"));
}

#[test]
fn the_place_a_post_is_held_at_before_a_comma_keeps_the_title_chain() {
    // "<country>'s <title> in <city>, X": the city is where the post is held, the chain goes
    // on to the country before it; a place with no title before it gives nothing
    let t = "Iran's ambassador in Islamabad, Reza Amiri, spoke. The talks in Geneva, Tom Hale said, went well.";
    let (_, a) = actors(
        t,
        vec![
            ent(t, "Iran", 0, Label::Location),
            ent(t, "Islamabad", 0, Label::Location),
            ent(t, "Reza Amiri", 0, Label::Person),
            ent(t, "Geneva", 0, Label::Location),
            ent(t, "Tom Hale", 0, Label::Person),
        ],
    );
    let country = |n: &str| actor(&a, n).country.clone();
    assert_eq!(country("Reza Amiri").as_deref(), Some("IRN"));
    assert_eq!(country("Tom Hale"), None);
}

#[test]
fn post_modifiers_and_relative_clauses_of_a_post_give_the_country() {
    // "X of <body>", ", who heads <country>'s …,", ", who is <country>'s …,", a party
    // adjective before a title; not ", who is visiting <country>," nor "X of <IGO>"
    let t = "Kamal Rezaei of Iran's Foreign Ministry spoke. Tom Reed of the State Department spoke. Hassan Mousavi, who heads Iran's parliamentary committee, spoke. Hamid Moradi, who is Iran's top negotiator, spoke. Paul Dean, who is visiting Iran, spoke. Brian Cole, who served as Britain's envoy, spoke. Richard Hale, Republican chairman of the House Foreign Affairs Committee, spoke. Ali Vaez of the International Crisis Group spoke.";
    let (_, a) = actors(
        t,
        vec![
            ent(t, "Kamal Rezaei", 0, Label::Person),
            ent(t, "Iran", 0, Label::Location),
            ent(t, "Foreign Ministry", 0, Label::Organization),
            ent(t, "Tom Reed", 0, Label::Person),
            ent(t, "State Department", 0, Label::Organization),
            ent(t, "Hassan Mousavi", 0, Label::Person),
            ent(t, "Iran", 1, Label::Location),
            ent(t, "Hamid Moradi", 0, Label::Person),
            ent(t, "Iran", 2, Label::Location),
            ent(t, "Paul Dean", 0, Label::Person),
            ent(t, "Iran", 3, Label::Location),
            ent(t, "Brian Cole", 0, Label::Person),
            ent(t, "Britain", 0, Label::Location),
            ent(t, "Richard Hale", 0, Label::Person),
            ent(t, "House Foreign Affairs Committee", 0, Label::Organization),
            ent(t, "Ali Vaez", 0, Label::Person),
            ent(t, "International Crisis Group", 0, Label::Organization),
        ],
    );
    let country = |n: &str| actor(&a, n).country.clone();
    assert_eq!(country("Kamal Rezaei").as_deref(), Some("IRN"));
    assert_eq!(country("Tom Reed").as_deref(), Some("USA"));
    assert_eq!(country("Hassan Mousavi").as_deref(), Some("IRN"));
    assert_eq!(country("Hamid Moradi").as_deref(), Some("IRN"));
    assert_eq!(country("Paul Dean"), None);
    assert_eq!(country("Brian Cole").as_deref(), Some("GBR"));
    assert_eq!(country("Richard Hale").as_deref(), Some("USA"));
    assert_eq!(country("Ali Vaez"), None);
    // after "to", a country before a title is the title's; without one it is a destination
    let t = "Mark Berry, a senior adviser to the U.S. president, spoke. Paul Lane, an envoy to Iran, spoke.";
    let (_, a) = actors(
        t,
        vec![
            ent(t, "Mark Berry", 0, Label::Person),
            ent(t, "U.S.", 0, Label::Location),
            ent(t, "Paul Lane", 0, Label::Person),
            ent(t, "Iran", 0, Label::Location),
        ],
    );
    assert_eq!(actor(&a, "Mark Berry").country.as_deref(), Some("USA"));
    assert_eq!(actor(&a, "Paul Lane").country, None);
}

#[test]
fn a_body_in_the_title_chain_gives_its_dictionary_country() {
    // "Hamas official X": the text ties X to Hamas, the dictionary ties Hamas to a country;
    // a wire service has none to give
    let t = "Hamas official Osama Hamdan spoke. Reuters correspondent Parisa Hafezi spoke.";
    let (_, a) = actors(
        t,
        vec![
            ent(t, "Hamas", 0, Label::Organization),
            ent(t, "Osama Hamdan", 0, Label::Person),
            ent(t, "Reuters", 0, Label::Organization),
            ent(t, "Parisa Hafezi", 0, Label::Person),
        ],
    );
    let hamdan = actor(&a, "Osama Hamdan");
    assert_eq!(hamdan.country.as_deref(), Some("PSE"));
    assert_eq!(hamdan.country_source, Some(CountrySource::Coreference));
    assert_eq!(actor(&a, "Parisa Hafezi").country, None);
}

#[test]
fn international_officials_and_wire_services_have_no_country() {
    let t = "MOSCOW (Reuters) - Russia warned Ukraine. Russian Foreign Minister Sergei Lavrov spoke. NATO Secretary-General Anders Rasmussen and the European Union's foreign policy chief Catherine Ashton replied.";
    let (_, a) = actors(
        t,
        vec![
            ent(t, "MOSCOW", 0, Label::Location),
            ent(t, "Reuters", 0, Label::Organization),
            ent(t, "Sergei Lavrov", 0, Label::Person),
            ent(t, "NATO", 0, Label::Organization),
            ent(t, "Anders Rasmussen", 0, Label::Person),
            ent(t, "European Union", 0, Label::Organization),
            ent(t, "Catherine Ashton", 0, Label::Person),
        ],
    );
    assert_eq!(actor(&a, "Reuters").country, None);
    assert_eq!(actor(&a, "NATO").country, None);
    assert_eq!(actor(&a, "Sergei Lavrov").country.as_deref(), Some("RUS"));
    assert_eq!(actor(&a, "Anders Rasmussen").country, None);
    assert_eq!(actor(&a, "Catherine Ashton").country, None);
}

#[test]
fn acronym_in_brackets_and_administration() {
    let t = "The Supreme National Security Council (SNSC) met. The SNSC said the Bush administration erred, and Bush agreed.";
    let (_, a) = actors(
        t,
        vec![
            ent(
                t,
                "Supreme National Security Council",
                0,
                Label::Organization,
            ),
            ent(t, "SNSC", 0, Label::Organization),
            ent(t, "SNSC", 1, Label::Organization),
            ent(t, "Bush", 0, Label::Person),
            ent(t, "Bush", 1, Label::Person),
        ],
    );
    assert_eq!(
        actor(&a, "Supreme National Security Council")
            .mentions
            .len(),
        3
    );
    // "the Bush administration" is the person Bush (the guideline's convention)
    let bush = actor(&a, "Bush");
    assert_eq!(bush.kind, ActorKind::Person);
    assert_eq!(bush.mentions.len(), 2);
    assert!(a.iter().all(|x| !x.name.contains("administration")));
}

#[test]
fn administration_tagged_as_organization_becomes_the_person() {
    // the model takes "Carter Administration" for one organization; an agency named
    // "<two words> Administration" stays an organization
    let t = "The Carter Administration said it would talk. The Federal Aviation Administration \
             closed the airspace, and the Ottoman administration of the region ended long ago.";
    let (ents, a) = actors(
        t,
        vec![
            ent(t, "Carter Administration", 0, Label::Organization),
            ent(t, "Federal Aviation Administration", 0, Label::Organization),
        ],
    );
    let carter = ents
        .iter()
        .find(|e| e.text == "Carter")
        .expect("Carter tagged");
    assert_eq!(carter.label, Label::Person);
    assert_eq!(actor(&a, "Carter").kind, ActorKind::Person);
    assert_eq!(
        actor(&a, "Federal Aviation Administration").kind,
        ActorKind::Organization
    );
}

#[test]
fn state_tags_and_based_places_give_a_country() {
    let t = "Rep. Ann Miller (N.Y.) objected, and Cairo-based analyst Omar Farid agreed. \
             Ben Hale (Texas) said nothing. Tom Dale (Ore.) left.";
    let (_, a) = actors(
        t,
        vec![
            ent(t, "Ann Miller", 0, Label::Person),
            ent(t, "Omar Farid", 0, Label::Person),
            ent(t, "Ben Hale", 0, Label::Person),
            ent(t, "Tom Dale", 0, Label::Person),
        ],
    );
    for name in ["Ann Miller", "Ben Hale", "Tom Dale"] {
        assert_eq!(actor(&a, name).country.as_deref(), Some("USA"), "{name}");
    }
    assert_eq!(actor(&a, "Omar Farid").country.as_deref(), Some("EGY"));
    // the occupation is the role (a reporting role keeps a person out of the
    // document-wide reading of the stance stage)
    assert_eq!(actor(&a, "Omar Farid").role.as_deref(), Some("analyst"));
}

#[test]
fn a_generic_institution_belongs_to_the_state_in_focus() {
    // the subject of the sentence before; the subject of a quote that opens the sentence;
    // nothing when no subject has a country
    let t = "Norway on Monday welcomed the accord.\n\
             \"It is a first step,\" the Cabinet said.\n\
             \"Chile will attend the meeting,\" a Foreign Office spokesperson said.\n\
             Talks were held. Nobody knew more, and the Parliament stayed silent.";
    let (ents, _) = actors(
        t,
        vec![
            ent(t, "Norway", 0, Label::Location),
            ent(t, "Cabinet", 0, Label::Organization),
            ent(t, "Chile", 0, Label::Location),
            ent(t, "Foreign Office", 0, Label::Organization),
            ent(t, "Parliament", 0, Label::Organization),
        ],
    );
    let country = |name: &str| {
        ents.iter()
            .find(|e| e.text == name)
            .unwrap_or_else(|| panic!("no entity {name}"))
            .country
            .clone()
    };
    assert_eq!(country("Cabinet").as_deref(), Some("NOR"));
    assert_eq!(country("Foreign Office").as_deref(), Some("CHL"));
    assert_eq!(country("Parliament"), None);
}

#[test]
fn an_apposition_yields_to_the_dictionary() {
    // the apposition "a Chilean diplomat" belongs to the name before it, not to Vellanova,
    // but the rule cannot tell: the dictionary entry wins over it
    let t = "Marta Vellanova, a Chilean diplomat's former boss, spoke.";
    let a = with_career(
        t,
        vec![ent(t, "Marta Vellanova", 0, Label::Person)],
        Some("2010-05-01"),
    );
    let m = actor(&a, "Marta Vellanova");
    assert_eq!(m.country.as_deref(), Some("FRA"));
    assert_eq!(m.country_source, Some(CountrySource::Dictionary));
}

#[test]
fn particles_repeats_and_titled_appositions_make_persons() {
    let t = "Foreign Minister Nasser bin Khalid Al Harthy hosted the talks. Al Harthy said they went well. \
             The offer echoed one by Karim al-Sadri, the Iraqi parliament speaker. \
             Hamas, the group's political wing, was silent.";
    let (ents, a) = actors(
        t,
        vec![
            ent(t, "Nasser bin Khalid", 0, Label::Person),
            ent(t, "Al Harthy", 0, Label::Organization),
            ent(t, "Al Harthy", 1, Label::Organization),
            ent(t, "Karim al-Sadri", 0, Label::Organization),
            ent(t, "Hamas", 0, Label::Organization),
        ],
    );
    let harthy = actor(&a, "Nasser bin Khalid Al Harthy");
    assert_eq!(harthy.kind, ActorKind::Person);
    assert_eq!(harthy.mentions.len(), 2);
    assert_eq!(actor(&a, "Karim al-Sadri").kind, ActorKind::Person);
    let hamas = ents.iter().find(|e| e.text == "Hamas").expect("Hamas kept");
    assert_eq!(hamas.label, Label::Organization);
}

#[test]
fn a_surname_alone_takes_the_country_all_its_entries_agree_on() {
    let dict_src =
        "ODILE_MARCHETTI_\n\t[FRAGOV]\nANA_ROSSINI_\n\t[ITAGOV]\nLUIS_ROSSINI_\n\t[ESPGOV]\n";
    let mut dict = crate::knowledge::Dictionary::new();
    dict.add_str(dict_src, "made-up.txt").unwrap();
    let t = "Marchetti said talks could resume. Rossini disagreed.";
    let a = Analyzer::new().with_dictionary(dict).report_of_actors(
        &Doc::new(t),
        vec![
            ent(t, "Marchetti", 0, Label::Person),
            ent(t, "Rossini", 0, Label::Person),
        ],
        None,
    );
    let (_, a) = a;
    let m = actor(&a, "Marchetti");
    assert_eq!(m.country.as_deref(), Some("FRA"));
    assert_eq!(m.country_source, Some(CountrySource::Dictionary));
    // two people of two countries share the surname: no answer
    assert_eq!(actor(&a, "Rossini").country, None);
}

#[test]
fn a_country_name_before_an_envoy_yields_to_the_dictionary() {
    let dict_src = "PAOLO_VERDI_\n\t[ITAGOV]\n";
    let mut dict = crate::knowledge::Dictionary::new();
    dict.add_str(dict_src, "made-up.txt").unwrap();
    let run = |t: &str, dict: crate::knowledge::Dictionary| {
        let (_, a) = Analyzer::new().with_dictionary(dict).report_of_actors(
            &Doc::new(t),
            vec![ent(t, "Paolo Verdi", 0, Label::Person)],
            None,
        );
        let v = actor(&a, "Paolo Verdi");
        (v.country.clone(), v.country_source)
    };
    // "Iran envoy X": for Iran or of Iran; the entry decides
    let t = "Chile envoy Paolo Verdi arrived in Rome.";
    assert_eq!(
        run(t, dict.clone()),
        (Some("ITA".to_string()), Some(CountrySource::Dictionary))
    );
    // without an entry the text's country stands
    assert_eq!(
        run(t, crate::knowledge::Dictionary::new()),
        (Some("CHL".to_string()), Some(CountrySource::Text))
    );
    // a possessive is no ambiguity: Chile's envoy
    let t = "Chile's envoy Paolo Verdi arrived in Rome.";
    assert_eq!(
        run(t, dict),
        (Some("CHL".to_string()), Some(CountrySource::Text))
    );
}

#[test]
fn a_familiar_first_name_finds_the_formal_entry() {
    let mut dict = crate::knowledge::Dictionary::new();
    dict.add_str("ROBERT_ZANELLI_\n\t[ITAGOV]\n", "made-up.txt")
        .unwrap();
    let t = "Bob Zanelli said talks could resume. Rob Zanelli agreed. Kim Zanelli left.";
    let run = |name: &str| {
        let (_, a) = Analyzer::new()
            .with_dictionary(dict.clone())
            .report_of_actors(&Doc::new(t), vec![ent(t, name, 0, Label::Person)], None);
        actor(&a, name).country.clone()
    };
    assert_eq!(run("Bob Zanelli").as_deref(), Some("ITA"));
    assert_eq!(run("Rob Zanelli").as_deref(), Some("ITA"));
    // no familiar form: no entry
    assert_eq!(run("Kim Zanelli"), None);
}

#[test]
fn a_coordinated_country_is_no_title_of_the_next_name() {
    // "Iran and President X": two actors; the dictionary says who X is
    let dict_src = "HELENA_STRAND_\n\t[SWEGOV]\n";
    let mut dict = crate::knowledge::Dictionary::new();
    dict.add_str(dict_src, "made-up.txt").unwrap();
    let t = "Talks stalled as Norway and President Helena Strand disagreed. Norway's president and foreign minister Lars Berg spoke.";
    let (_, a) = Analyzer::new().with_dictionary(dict).report_of_actors(
        &Doc::new(t),
        vec![
            ent(t, "Norway", 0, Label::Location),
            ent(t, "Helena Strand", 0, Label::Person),
            ent(t, "Norway", 1, Label::Location),
            ent(t, "Lars Berg", 0, Label::Person),
        ],
        None,
    );
    let h = actor(&a, "Helena Strand");
    assert_eq!(h.country.as_deref(), Some("SWE"));
    assert_eq!(h.country_source, Some(CountrySource::Dictionary));
    // a coordinator between two titles keeps the chain
    let l = actor(&a, "Lars Berg");
    assert_eq!(l.country.as_deref(), Some("NOR"));
    assert_eq!(l.country_source, Some(CountrySource::Text));
}

#[test]
fn a_capitalised_agent_noun_after_a_demonym_is_a_title_chain() {
    // "Field Marshal" and "Chief Justice" are not in the title list, but are agent nouns of
    // the Phoenix agents file; "Grand Tour" is not
    let t = "Pakistan's Field Marshal Omar Qadir spoke. Kenyan Chief Justice Ruth Njeri agreed. Italian Grand Tour Marco Bellini waved.";
    let (_, a) = actors(
        t,
        vec![
            ent(t, "Pakistan", 0, Label::Location),
            ent(t, "Omar Qadir", 0, Label::Person),
            ent(t, "Ruth Njeri", 0, Label::Person),
            ent(t, "Marco Bellini", 0, Label::Person),
        ],
    );
    let q = actor(&a, "Omar Qadir");
    assert_eq!(q.country.as_deref(), Some("PAK"));
    assert_eq!(q.role.as_deref(), Some("Field Marshal"));
    assert_eq!(actor(&a, "Ruth Njeri").country.as_deref(), Some("KEN"));
    assert_eq!(actor(&a, "Marco Bellini").country, None);
}

#[test]
fn a_company_entry_names_no_one_by_surname() {
    // "EATON VANCE" is a company: "Vance" alone is the one person entry
    let dict_src = "ACME_OKONJO_\t[MNCNGA]\nGRACE_OKONJO_\n\t[GHAGOV >20200101]\n";
    let mut dict = crate::knowledge::Dictionary::new();
    dict.add_str(dict_src, "made-up.txt").unwrap();
    let t = "Okonjo said talks could resume.";
    let (_, a) = Analyzer::new().with_dictionary(dict).report_of_actors(
        &Doc::new(t),
        vec![ent(t, "Okonjo", 0, Label::Person)],
        Some("2024-01-01".parse().unwrap()),
    );
    let o = actor(&a, "Okonjo");
    assert_eq!(o.country.as_deref(), Some("GHA"));
    assert_eq!(o.code.as_deref(), Some("GHAGOV"));
}

#[test]
fn first_and_last_words_match_only_a_surname_of_one_country() {
    // "Ana Ferri" matches "ANA LUISA FERRI" by first and last word only; "Ferri" names
    // people of two countries, so that weak match gives no country. "Odile Marchetti" ↔
    // "ODILE CLAIRE MARCHETTI" with a surname of one country does.
    let dict_src = "ANA_LUISA_FERRI_\n\t[ITAGOV]\nPEDRO_FERRI_\n\t[ESPGOV]\n\
                    ODILE_CLAIRE_MARCHETTI_\n\t[FRAGOV]\n";
    let mut dict = crate::knowledge::Dictionary::new();
    dict.add_str(dict_src, "made-up.txt").unwrap();
    let t = "Ana Ferri said talks could resume. Odile Marchetti agreed.";
    let (_, a) = Analyzer::new()
        .with_dictionary(dict.clone())
        .report_of_actors(
            &Doc::new(t),
            vec![
                ent(t, "Ana Ferri", 0, Label::Person),
                ent(t, "Odile Marchetti", 0, Label::Person),
            ],
            None,
        );
    assert_eq!(actor(&a, "Ana Ferri").country, None);
    assert_eq!(actor(&a, "Odile Marchetti").country.as_deref(), Some("FRA"));
    // the full name is an exact match and needs no agreement
    let t = "Ana Luisa Ferri said talks could resume.";
    let (_, a) = Analyzer::new().with_dictionary(dict).report_of_actors(
        &Doc::new(t),
        vec![ent(t, "Ana Luisa Ferri", 0, Label::Person)],
        None,
    );
    assert_eq!(actor(&a, "Ana Luisa Ferri").country.as_deref(), Some("ITA"));
}

#[test]
fn an_apposition_with_a_countrys_possessive_gives_the_country() {
    let t = "Javad Karimi, Iran's foreign minister, said talks could resume. Omar Haddad, Iran and Oman's friend, left.";
    let (_, a) = actors(
        t,
        vec![
            ent(t, "Javad Karimi", 0, Label::Person),
            ent(t, "Iran", 0, Label::Location),
            ent(t, "Omar Haddad", 0, Label::Person),
            ent(t, "Iran", 1, Label::Location),
            ent(t, "Oman", 0, Label::Location),
        ],
    );
    let k = actor(&a, "Javad Karimi");
    assert_eq!(k.country.as_deref(), Some("IRN"));
    assert_eq!(k.role.as_deref(), Some("Foreign Minister"));
    // a country before "and" opens no apposition
    assert_eq!(actor(&a, "Omar Haddad").country, None);
}
