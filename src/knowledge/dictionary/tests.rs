use super::*;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// A made-up person who served one country, then an international organisation.
const CAREER: &str = "\
# made-up entries for tests
MARTA_VELLANOVA_   # a comment after the name
+MINISTER_VELLANOVA_
+M._VELLANOVA
\t[FRAGOVLEG 950301-031231]
\t[FRAGOV 20040101-20141231]
\t[IGOUNO >150101]
\t[FRAELI]

TOMAS_RIVKIN_
\t[ESPELI <891231]
\t[USAGOV 900101-991231]

ORGANISATION_FOR_TESTING_ [IGOTST]
+OFT_
";

#[test]
fn a_career_across_countries_follows_the_date() {
    let dict = Dictionary::from_str(CAREER, "career.txt").unwrap();
    assert_eq!(dict.len(), 3);
    let e = dict.exact("Marta Vellanova")[0];
    assert_eq!(e.line, 2);
    assert_eq!(e.code_at(Some(d("1999-06-30"))), Some("FRAGOVLEG"));
    assert_eq!(e.code_at(Some(d("2010-01-01"))), Some("FRAGOV"));
    assert_eq!(e.code_at(Some(d("2014-12-31"))), Some("FRAGOV"));
    assert_eq!(e.code_at(Some(d("2015-01-01"))), Some("IGOUNO"));
    // before any dated range: the undated code
    assert_eq!(e.code_at(Some(d("1980-01-01"))), Some("FRAELI"));
    // no date: the open range is the current one
    assert_eq!(e.code_at(None), Some("IGOUNO"));
    // synonyms find the same entry; case, `_` and spaces do not matter
    assert_eq!(dict.exact("minister  vellanova")[0].line, 2);
    assert_eq!(dict.exact("M. Vellanova")[0].line, 2);

    let t = dict.exact("Tomas Rivkin")[0];
    assert_eq!(t.code_at(Some(d("1985-05-05"))), Some("ESPELI"));
    assert_eq!(t.code_at(Some(d("1995-05-05"))), Some("USAGOV"));
    // after every range, no undated code: nothing applies at that date ...
    assert_eq!(t.code_at(Some(d("2005-05-05"))), None);
    // ... and without a date the range that ended last
    assert_eq!(t.code_at(None), Some("USAGOV"));

    let o = dict.exact("OFT")[0];
    assert_eq!(o.code_at(Some(d("2001-01-01"))), Some("IGOTST"));
    assert!(o.phrases.iter().all(|p| p.exact));
}

#[test]
fn two_and_four_digit_years() {
    let src = "A_B_\n [XXXGOV >291231]\n [YYYGOV 300101-19300202]\n [ZZZGOV <19291231]\n";
    let dict = Dictionary::from_str(src, "y.txt").unwrap();
    let v: Vec<Validity> = dict.entries()[0].codes.iter().map(|c| c.validity).collect();
    assert_eq!(
        v,
        [
            Validity::From(d("2029-12-31")),
            Validity::Between(d("1930-01-01"), d("1930-02-02")),
            Validity::Until(d("1929-12-31")),
        ]
    );
}

#[test]
fn entries_without_codes_share_the_codes_that_follow() {
    let src =
        "US_VICE_PRESIDENT\n+VP_OF_THE_US\nAMERICAN_VICE-PRESIDENT\n\t[USAGOV]\nNEXT_ONE_ [GBR]\n";
    let dict = Dictionary::from_str(src, "vp.txt").unwrap();
    assert_eq!(dict.len(), 2);
    for name in [
        "US vice president",
        "VP of the US",
        "American vice-president",
    ] {
        let e = dict.exact(name);
        assert_eq!(e.len(), 1, "{name}");
        assert_eq!(e[0].code_at(None), Some("USAGOV"));
    }
    assert_eq!(dict.exact("next one")[0].code_at(None), Some("GBR"));
}

#[test]
fn null_code_and_bare_date() {
    let src = "SOMEONE_\n [---]\nOTHER_\n [USAGOV 19820101]\n";
    let dict = Dictionary::from_str(src, "n.txt").unwrap();
    assert_eq!(dict.exact("someone")[0].code_at(None), None);
    let o = dict.exact("other")[0];
    assert_eq!(o.code_at(Some(d("1981-12-31"))), None);
    assert_eq!(o.code_at(Some(d("1990-01-01"))), Some("USAGOV"));
}

#[test]
fn agents_plurals_and_macros() {
    let src = "!PERSON! = MAN, WOMAN\nCHAIR!PERSON! {CHAIRS} [~GOV]\nSENATOR [~LEG]\nCHIEF_JUSTICE {CHIEF_JUSTICES } [~JUD]\n";
    let dict = Dictionary::from_str(src, "agents.txt").unwrap();
    for (name, code) in [
        ("chairman", "~GOV"),
        ("CHAIRWOMAN", "~GOV"),
        ("chairs", "~GOV"),
        ("Senator", "~LEG"),
        ("chief justices", "~JUD"),
    ] {
        let e = dict.exact(name);
        assert_eq!(e.len(), 1, "{name}");
        assert_eq!(e[0].code_at(None), Some(code), "{name}");
    }
    assert!(!dict.exact("senator")[0].phrases[0].exact);
}

#[test]
fn malformed_lines_are_errors_with_file_line_and_column() {
    let cases: &[(&str, usize, usize, &str)] = &[
        ("OK_\n [USAGOV >1301]\n", 2, 11, "date"),
        ("OK_\n [USAGOV 130101-1201]\n", 2, 17, "date"),
        ("OK_\n [USAGOV 130101-120101]\n", 2, 10, "before"),
        ("OK_\n [USAGOV 131301]\n", 2, 10, "no such date"),
        ("+SYNONYM_FIRST\n", 1, 1, "before any entry"),
        ("  [USA]\n", 1, 3, "before any entry"),
        ("OK_ [usa]\n", 1, 6, "bad code"),
        ("OK_\n\n\tNAME_ [USA\n", 3, 8, "without"),
        ("OK_ [USA] trailing words\n", 1, 11, "unexpected"),
        ("OK_ [USA]\nBAD]_NAME\n", 2, 4, "unmatched"),
        ("UNDEFINED!X!_ [~GOV]\n", 1, 10, "undefined macro"),
        ("!bad = A\n", 1, 1, "macro name"),
    ];
    for &(src, line, column, what) in cases {
        match Dictionary::from_str(src, "user.actors") {
            Err(Error::Config {
                path,
                line: l,
                column: c,
                message,
            }) => {
                assert_eq!(path, "user.actors", "{src:?}");
                assert_eq!((l, c), (line, column), "{src:?}: {message}");
                assert!(message.contains(what), "{src:?}: {message}");
            }
            other => panic!("{src:?}: expected a Config error, got {other:?}"),
        }
    }
}

#[test]
fn later_dictionaries_shadow_earlier_phrases() {
    let mut dict = Dictionary::from_str(CAREER, "career.txt").unwrap();
    dict.add_str("TOMAS_RIVKIN_ [CANGOV]\n", "mine.txt")
        .unwrap();
    let e = dict.exact("Tomas Rivkin");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].code_at(None), Some("CANGOV"));
    assert_eq!(&*e[0].source, "mine.txt");
    // suffix look-ups see the new entry only
    let f = dict.find("Mr Tomas Rivkin");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].code_at(None), Some("CANGOV"));
    // a failed add changes nothing
    assert!(dict.add_str("X_ [USA]\n+Y_ [bad]\n", "bad.txt").is_err());
    assert!(dict.exact("X").is_empty());
}

#[test]
fn find_matches_whole_word_suffixes_of_two_words_or_more() {
    let dict = Dictionary::from_str(CAREER, "career.txt").unwrap();
    assert_eq!(dict.find("Dr. Marta Vellanova").len(), 1);
    assert_eq!(
        dict.find("Vellanova").len(),
        0,
        "one word: exact phrases only"
    );
    assert_eq!(dict.find("arta Vellanova").len(), 0, "whole words only");
    assert_eq!(dict.find("Márta Véllanova").len(), 1, "accents are ignored");
}

#[test]
fn shipped_dictionaries_load() {
    for (src, name, min) in [
        (COUNTRIES, "Phoenix.Countries.actors.txt", 15_000),
        (INTERNATIONAL, "Phoenix.International.actors.txt", 5_000),
        (MILNONSTATE, "Phoenix.MilNonState.actors.txt", 900),
        (AGENTS, "Phoenix.agents.txt", 2_000),
        (SUPPLEMENT, "detente.actors.txt", 200),
    ] {
        let dict = Dictionary::from_str(src, name).unwrap_or_else(|e| panic!("{e}"));
        assert!(dict.len() >= min, "{name}: {} entries", dict.len());
    }
    let phoenix = Dictionary::phoenix();
    let at = |name: &str, date: &str| {
        let e = phoenix.exact(name);
        assert!(!e.is_empty(), "{name}");
        // a phrase listed twice (IAEA) must agree
        let codes: Vec<Option<&str>> = e.iter().map(|e| e.code_at(Some(d(date)))).collect();
        assert!(codes.iter().all(|c| *c == codes[0]), "{name}: {codes:?}");
        codes[0].map(str::to_string)
    };
    assert_eq!(at("Barack Obama", "2014-06-01").as_deref(), Some("USAGOV"));
    assert_eq!(at("Barack Obama", "1990-06-01").as_deref(), Some("USAELI"));
    // a gap between ranges (2000-2009) and no undated code: nothing at that date
    assert_eq!(at("Barack Obama", "2005-06-01"), None);
    assert_eq!(
        at("Mahmoud Ahmadinejad", "2010-01-01").as_deref(),
        Some("IRNGOV")
    );
    assert_eq!(
        at("Mahmoud Ahmadinejad", "2015-01-01").as_deref(),
        Some("IRNELI")
    );
    assert_eq!(at("IAEA", "2015-01-01").as_deref(), Some("IGOUNOIAE"));
    // the supplement is over Phoenix in the shipped dictionary
    let shipped = Dictionary::shipped();
    assert!(shipped.len() > phoenix.len());
    assert_eq!(
        shipped.exact("Hassan Rouhani")[0].code_at(Some(d("2016-01-01"))),
        Some("IRNGOV")
    );
    assert!(Dictionary::phoenix_agents().exact("senator")[0]
        .code_at(None)
        .is_some_and(|c| c.contains("LEG")));
}

#[test]
fn supplement_offices_are_dated() {
    let shipped = Dictionary::shipped();
    let at = |name: &str, date: &str| {
        let e = shipped.exact(name);
        assert_eq!(e.len(), 1, "{name}");
        e[0].code_at(Some(d(date))).map(str::to_string)
    };
    // Congress, then intelligence chief, out of office, intelligence chief again
    assert_eq!(
        at("John Ratcliffe", "2018-03-01").as_deref(),
        Some("USAGOVLEG")
    );
    assert_eq!(
        at("John Ratcliffe", "2020-07-01").as_deref(),
        Some("USAGOV")
    );
    assert_eq!(
        at("John Ratcliffe", "2022-07-01").as_deref(),
        Some("USAELI")
    );
    assert_eq!(
        at("John Ratcliffe", "2025-07-01").as_deref(),
        Some("USAGOV")
    );
    // an alias line names the same person; a spokesman's office ends, his country stays
    assert_eq!(
        at("Mohammad Baqer Nobakht", "2015-01-01").as_deref(),
        Some("IRNGOV")
    );
    assert_eq!(
        at("Mohammad Bagher Nobakht", "2022-01-01").as_deref(),
        Some("IRNELI")
    );
    // a commentator is coded by the country of the institution where they work
    assert_eq!(at("Foad Izadi", "2019-01-01").as_deref(), Some("IRNEDU"));
}
