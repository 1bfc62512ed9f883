//! Topic files: the two parties, the relation, the lexicons and the cue patterns (TOML).
//!
//! The full format is documented at the top of `topics/us_iran.toml`, the embedded default.
//! In brief:
//!
//! ```toml
//! [topic]
//! id = "us-china-trade"
//! name = "US–China trade talks"
//! [[party]]
//! code = "USA"
//! names = ["United States", "U.S.", "Washington"]
//! [[party]]
//! code = "CHN"
//! names = ["China", "Chinese", "Beijing"]
//! [relation]
//! strong = ["trade talks", "trade deal", "negotiat*"]   # name the relation on their own
//! weak = ["work with"]            # only next to the other party or a back-reference
//! talks = ["talks"]               # lesser forms (talks yes, X no → conditional)
//! limiting = ["military"]         # restricted forms
//! anaphora = ["the", "such"]      # "the talks" refers back to the topic
//! exclude = ["nuclear"]           # "nuclear talks" are about something else
//! [lexicon]                       # optional: words peculiar to the topic, added to the
//! conditions = ["pending approval"]  # shared English scope words (data/english.toml)
//! [[cue]]
//! pattern = "rule* out ... {REL}"  # word, word*, *ly, a|b, word?, {REL}, {PARTY}, {COND}, ...
//! stance = "oppose"                # support | oppose | conditional
//! rule = "oppose.rule_out"
//! weight = 1.0                     # optional
//! holder = "agent"                 # optional: agent (default) | object
//! ```

use std::cell::Cell;

use serde::Deserialize;

use crate::doc::tokens::words;
use crate::error::{line_col, Error, Result};
use crate::knowledge::english::{English, ScopeWords};
use crate::report::Stance;

/// The embedded default topic file.
pub const EMBEDDED_TOPIC: &str = include_str!("../../topics/us_iran.toml");

/// The embedded topics, by name (file stem): selectable with `--topic NAME`.
pub const EMBEDDED_TOPICS: &[(&str, &str)] = &[
    ("us_iran", EMBEDDED_TOPIC),
    (
        "us_iran_talks",
        include_str!("../../topics/us_iran_talks.toml"),
    ),
    (
        "us_china_trade",
        include_str!("../../topics/us_china_trade.toml"),
    ),
];

/// Largest gap `...` spans, in words.
const GAP: usize = 8;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    topic: RawMeta,
    party: Vec<RawParty>,
    relation: RawRelation,
    #[serde(default)]
    lexicon: ScopeWords,
    #[serde(default)]
    cue: Vec<RawCue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    id: String,
    name: String,
    #[serde(default)]
    description: String,
    /// A strong relation term needs no party next to it once the document names both (or
    /// one and a `dyad` term of `[relation]`).
    #[serde(default)]
    document: bool,
    /// Use the shared English cue patterns of `data/cues.toml` before the topic's own.
    #[serde(default = "yes")]
    english_cues: bool,
}

fn yes() -> bool {
    true
}

/// The shared English cue patterns (`data/cues.toml`).
const EMBEDDED_CUES: &str = include_str!("../../data/cues.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCues {
    #[serde(default)]
    cue: Vec<RawCue>,
}

/// The shared English cue patterns, parsed once (a unit test checks the embedded file).
fn english_cues() -> &'static [Cue] {
    static CELL: std::sync::OnceLock<Vec<Cue>> = std::sync::OnceLock::new();
    CELL.get_or_init(|| parse_cue_file(EMBEDDED_CUES, "data/cues.toml").unwrap_or_default())
}

/// Parse a file of `[[cue]]` tables.
fn parse_cue_file(src: &str, path: &str) -> Result<Vec<Cue>> {
    let raw: RawCues = toml::from_str(src).map_err(|e| Error::from_toml(path, src, &e))?;
    parse_cues(&raw.cue, src, path)
}

/// A configuration error at the first occurrence of `needle` in the file `src` (line and
/// column 0 when it does not occur).
fn error_at(src: &str, path: &str, needle: &str, message: String) -> Error {
    let (line, column) = src.find(needle).map_or((0, 0), |b| line_col(src, b));
    Error::Config {
        path: path.to_string(),
        line,
        column,
        message,
    }
}

/// Check and compile cue tables; errors point at the pattern's line in `src`.
fn parse_cues(raw: &[RawCue], src: &str, path: &str) -> Result<Vec<Cue>> {
    let at = |needle: &str, message: String| error_at(src, path, needle, message);
    let mut cues = Vec::new();
    for c in raw {
        let pattern = Pattern::parse(&c.pattern)
            .map_err(|m| at(&c.pattern, format!("cue `{}`: {m}", c.pattern)))?;
        if !(0.0..=10.0).contains(&c.weight) {
            return Err(at(
                &c.pattern,
                format!("cue `{}`: weight must be in 0..=10", c.pattern),
            ));
        }
        cues.push(Cue {
            pattern,
            stance: match c.stance {
                RawStance::Support => Stance::Support,
                RawStance::Oppose => Stance::Oppose,
                RawStance::Conditional => Stance::Conditional,
            },
            rule: c.rule.clone(),
            weight: c.weight,
            holder: c.holder,
            reservation: c.reservation,
        });
    }
    Ok(cues)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParty {
    code: String,
    names: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelation {
    strong: Vec<String>,
    #[serde(default)]
    weak: Vec<String>,
    #[serde(default)]
    talks: Vec<String>,
    #[serde(default)]
    limiting: Vec<String>,
    #[serde(default)]
    anaphora: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    dyad: Vec<String>,
}

#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum RawStance {
    Support,
    Oppose,
    Conditional,
}

/// Who holds the stance a cue expresses.
#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Holder {
    /// The statement's actor (the speaker or the agent of the verb).
    #[default]
    Agent,
    /// The actor named right after the cue ("overtures from X").
    Object,
    /// The statement's actor for an act of its own side only: a cue whose subject is the
    /// other party ("… but the Americans would not give up …") is that party's act, not the
    /// holder's (a refusal to concede, unlike a demand, is made by its subject).
    Own,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCue {
    pattern: String,
    stance: RawStance,
    rule: String,
    #[serde(default = "one")]
    weight: f32,
    #[serde(default)]
    holder: Holder,
    #[serde(default)]
    reservation: bool,
}

fn one() -> f32 {
    1.0
}

/// One word of a phrase or pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Word {
    Exact(String),
    Prefix(String),
    /// `*ly`: any word with this ending (an adverb slot: "must *ly? end" matches "must
    /// permanently end").
    Suffix(String),
}

impl Word {
    fn parse(w: &str) -> Word {
        if is_nt(w) {
            return Word::Exact("n't".into());
        }
        if let Some(end) = w.strip_prefix('*').filter(|e| !e.is_empty()) {
            return Word::Suffix(words(end).concat());
        }
        match w.strip_suffix('*') {
            Some(p) => Word::Prefix(words(p).concat()),
            None => Word::Exact(words(w).concat()),
        }
    }

    fn matches(&self, tok: &str) -> bool {
        match self {
            Word::Exact(w) => w == tok,
            Word::Prefix(p) => tok.starts_with(p.as_str()),
            // longer than the ending itself: "*ly" is no match for "ly"
            Word::Suffix(e) => tok.len() > e.len() + 1 && tok.ends_with(e.as_str()),
        }
    }
}

/// A multi-word phrase (each word exact or prefix).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Phrase(Vec<Word>);

impl Phrase {
    fn parse(s: &str) -> Phrase {
        let mut out = Vec::new();
        for part in s.split_whitespace() {
            if is_nt(part) {
                out.push(Word::Exact("n't".into()));
                continue;
            }
            let star = part.ends_with('*');
            let ws = words(part.trim_end_matches('*'));
            let n = ws.len();
            for (i, w) in ws.into_iter().enumerate() {
                if star && i + 1 == n {
                    out.push(Word::Prefix(w));
                } else {
                    out.push(Word::Exact(w));
                }
            }
        }
        Phrase(out)
    }

    /// End (exclusive) of a match at `pos` in `toks`.
    pub(crate) fn match_at(&self, toks: &[&str], pos: usize) -> Option<usize> {
        if self.0.is_empty() || pos + self.0.len() > toks.len() {
            return None;
        }
        self.0
            .iter()
            .zip(&toks[pos..])
            .all(|(w, t)| w.matches(t))
            .then_some(pos + self.0.len())
    }
}

/// A list of phrases, indexed by their first word: a phrase whose first word is exact is
/// tried only at a word equal to it; the few whose first word is a prefix or an ending are
/// tried everywhere. (Matching every phrase at every word was a quarter of the rule layer's
/// time.)
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    phrases: Vec<Phrase>,
    /// Exact first word → indices of the phrases that start with it.
    by_first: std::collections::HashMap<String, Vec<usize>>,
    /// Indices of the phrases whose first word is a prefix or an ending.
    open: Vec<usize>,
}

impl Lexicon {
    fn new(items: &[String]) -> Lexicon {
        let phrases: Vec<Phrase> = items
            .iter()
            .map(|s| Phrase::parse(s))
            .filter(|p| !p.0.is_empty())
            .collect();
        let mut by_first: std::collections::HashMap<String, Vec<usize>> =
            std::collections::HashMap::new();
        let mut open = Vec::new();
        for (i, p) in phrases.iter().enumerate() {
            match &p.0[0] {
                Word::Exact(w) => by_first.entry(w.clone()).or_default().push(i),
                Word::Prefix(_) | Word::Suffix(_) => open.push(i),
            }
        }
        Lexicon {
            phrases,
            by_first,
            open,
        }
    }

    /// Longest match end at `pos`.
    pub(crate) fn match_at(&self, toks: &[&str], pos: usize) -> Option<usize> {
        let first = toks.get(pos)?;
        self.by_first
            .get(*first)
            .into_iter()
            .flatten()
            .chain(&self.open)
            .filter_map(|&i| self.phrases[i].match_at(toks, pos))
            .max()
    }
}

#[derive(Clone, Debug)]
enum Elem {
    Alt(Vec<Word>, bool),
    Rel,
    Party,
    Cond,
    Gap,
}

/// A compiled cue pattern.
#[derive(Clone, Debug)]
pub(crate) struct Pattern(Vec<Elem>);

/// Where a pattern matched (word indices, end exclusive) and where its `{REL}` was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub rel: Option<(usize, usize)>,
}

impl Elem {
    /// A word element: alternatives `a|b|c`, optional with a trailing `?`.
    fn alternatives(part: &str) -> std::result::Result<Elem, String> {
        let (p, opt) = match part.strip_suffix('?') {
            Some(q) => (q, true),
            None => (part, false),
        };
        let alts: Vec<Word> = p
            .split('|')
            .filter(|a| !a.is_empty())
            .map(Word::parse)
            .collect();
        if alts.is_empty()
            || alts.iter().any(
                |w| matches!(w, Word::Exact(x) | Word::Prefix(x) | Word::Suffix(x) if x.is_empty()),
            )
        {
            return Err(format!("bad word `{part}` in pattern"));
        }
        Ok(Elem::Alt(alts, opt))
    }
}

impl Pattern {
    fn parse(s: &str) -> std::result::Result<Pattern, String> {
        let mut elems = Vec::new();
        for part in s.split_whitespace() {
            let e = match part {
                "..." => Elem::Gap,
                "{REL}" => Elem::Rel,
                "{PARTY}" => Elem::Party,
                "{COND}" => Elem::Cond,
                p if p.starts_with('{') => return Err(format!("unknown placeholder `{p}`")),
                p => Elem::alternatives(p)?,
            };
            elems.push(e);
        }
        match (elems.first(), elems.last()) {
            (None, _) => Err("empty pattern".into()),
            (Some(Elem::Gap), _) | (_, Some(Elem::Gap)) => {
                Err("a pattern cannot start or end with `...`".into())
            }
            _ => Ok(Pattern(elems)),
        }
    }

    fn go(
        &self,
        s: &Scan,
        toks: &[&str],
        k: usize,
        pos: usize,
        rel: &mut Option<(usize, usize)>,
    ) -> Option<usize> {
        let Some(e) = self.0.get(k) else {
            return Some(pos);
        };
        let lim = toks.len();
        match e {
            Elem::Alt(alts, opt) => {
                if pos < toks.len() && alts.iter().any(|w| w.matches(toks[pos])) {
                    if let Some(end) = self.go(s, toks, k + 1, pos + 1, rel) {
                        return Some(end);
                    }
                }
                if *opt {
                    return self.go(s, toks, k + 1, pos, rel);
                }
                None
            }
            // A gap never crosses a clause break ("praised X but warned …") nor the start of
            // a rejected alternative ("called for sanctions instead of talks").
            Elem::Gap => (0..=GAP)
                .take_while(|g| {
                    pos + g <= toks.len()
                        && (*g == 0
                            || !(s.breaks_at(pos + g - 1) || is_alternative(toks, pos + g - 1)))
                })
                .find_map(|g| self.go(s, toks, k + 1, pos + g, rel)),
            Elem::Rel => {
                let end = s.rel(pos).filter(|&e| e <= lim)?;
                let r = self.go(s, toks, k + 1, end, rel)?;
                rel.get_or_insert((pos, end));
                Some(r)
            }
            Elem::Party => {
                let end = s.party(pos).filter(|&e| e <= lim)?;
                self.go(s, toks, k + 1, end, rel)
            }
            Elem::Cond => {
                let end = s.cond(pos).filter(|&e| e <= lim)?;
                if toks[pos] == "if" && pos > 0 && is_question_verb(toks[pos - 1]) {
                    return None;
                }
                // "without preconditions", "with no conditions": the absence of a condition
                if pos > 0 && matches!(toks[pos - 1], "without" | "no") {
                    return None;
                }
                self.go(s, toks, k + 1, end, rel)
            }
        }
    }

    /// First match starting at word `pos`, ending at or before word `hi`.
    pub(crate) fn match_at(&self, s: &Scan, hi: usize, pos: usize) -> Option<Hit> {
        let toks = &s.w[..hi.min(s.w.len())];
        let mut rel = None;
        let end = self.go(s, toks, 0, pos, &mut rel)?;
        Some(Hit {
            start: pos,
            end,
            rel,
        })
    }
}

/// Words of a context; the placeholder lexicons are matched lazily, once per position.
pub(crate) struct Scan<'a> {
    /// The words.
    pub w: &'a [&'a str],
    /// Their lemmas, when known: a strong relation term also matches on them ("partnering"
    /// → "partner").
    lemmas: Option<&'a [&'a str]>,
    /// Words that open a clause of their own which the word list does not show (a
    /// coordinated verb, a participle after a comma): gaps do not cross them.
    breaks: Option<&'a [bool]>,
    topic: &'a Topic,
    rel: Vec<Cell<Option<Option<usize>>>>,
    party: Vec<Cell<Option<Option<usize>>>>,
    cond: Vec<Cell<Option<Option<usize>>>>,
}

impl<'a> Scan<'a> {
    fn memo(
        &self,
        v: &[Cell<Option<Option<usize>>>],
        pos: usize,
        f: impl Fn(&Topic, &[&str], usize) -> Option<usize>,
    ) -> Option<usize> {
        let c = v.get(pos)?;
        match c.get() {
            Some(r) => r,
            None => {
                let r = f(self.topic, self.w, pos);
                c.set(Some(r));
                r
            }
        }
    }

    /// The same words with their lemmas (same length; otherwise ignored).
    pub(crate) fn with_lemmas(mut self, lemmas: &'a [&'a str]) -> Self {
        if lemmas.len() == self.w.len() {
            self.lemmas = Some(lemmas);
        }
        self
    }

    /// Words a gap must not cross (same length; otherwise ignored).
    pub(crate) fn with_breaks(mut self, breaks: &'a [bool]) -> Self {
        if breaks.len() == self.w.len() {
            self.breaks = Some(breaks);
        }
        self
    }

    /// Whether word `pos` opens a clause a gap must not cross.
    fn breaks_at(&self, pos: usize) -> bool {
        is_clause_break(self.w[pos]) || self.breaks.is_some_and(|b| b[pos])
    }

    /// End of the relation term starting at word `pos` (written form, else a strong term on
    /// the lemmas).
    pub(crate) fn rel(&self, pos: usize) -> Option<usize> {
        let lemmas = self.lemmas;
        self.memo(&self.rel, pos, |t, w, p| {
            t.relation_at(w, p)
                .or_else(|| lemmas.and_then(|l| t.strong.match_at(l, p)))
                .or_else(|| t.pro_verb_at(w, p))
        })
    }

    fn party(&self, pos: usize) -> Option<usize> {
        self.memo(&self.party, pos, |t, w, p| t.party_at(w, p).map(|(_, e)| e))
    }

    fn cond(&self, pos: usize) -> Option<usize> {
        self.memo(&self.cond, pos, |t, w, p| t.condition_at(w, p))
    }
}

/// The negative clitic as written in lexicons ("n't", "n’t").
fn is_nt(w: &str) -> bool {
    matches!(w.to_lowercase().replace('’', "'").as_str(), "n't")
}

/// Words that start a new clause: gaps do not cross them.
pub(crate) fn is_clause_break(w: &str) -> bool {
    matches!(
        w,
        "but" | "while" | "whereas" | "although" | "though" | "however" | "|"
    )
}

/// "instead (of)", "rather (than)": what follows is set aside, no object of the words
/// before (grammar of contrastive prepositions).
fn is_alternative(toks: &[&str], i: usize) -> bool {
    let next = toks.get(i + 1).copied();
    (toks[i] == "instead" && next == Some("of")) || (toks[i] == "rather" && next == Some("than"))
}

/// "asked if" / "whether": an embedded question, not a condition.
pub(crate) fn is_question_verb(w: &str) -> bool {
    const STEMS: &[&str] = &["ask", "wonder", "determin", "decid", "assess", "check"];
    STEMS.iter().any(|s| w.starts_with(s)) || w == "see" || w == "know"
}

/// A cue: pattern → stance, with a rule id.
#[derive(Clone, Debug)]
pub(crate) struct Cue {
    pub pattern: Pattern,
    pub stance: Stance,
    pub rule: String,
    pub weight: f32,
    pub holder: Holder,
    /// A conditional cue that is a reservation: it makes support or taking part conditional
    /// but yields to the holder's outright rejection ("rejected the deal and would never give
    /// up enrichment" opposes).
    pub reservation: bool,
}

impl Cue {
    /// Whether the pattern spells out a negator itself ("not true"): then negation is part of
    /// the cue, not a scope to apply.
    pub(crate) fn self_negated(&self, t: &Topic) -> bool {
        self.pattern.0.iter().any(|e| match e {
            Elem::Alt(alts, _) => alts.iter().any(|w| match w {
                Word::Exact(x) => t.negators.match_at(&[x.as_str()], 0).is_some(),
                Word::Prefix(_) | Word::Suffix(_) => false,
            }),
            _ => false,
        })
    }

    /// Whether the pattern names a party itself (`{PARTY}`): such a cue is about the topic
    /// without a relation term.
    pub(crate) fn names_party(&self) -> bool {
        self.pattern.0.iter().any(|e| matches!(e, Elem::Party))
    }
}

/// One side of the dyad.
#[derive(Clone, Debug)]
pub struct Party {
    /// ISO 3166-1 alpha-3 code.
    pub code: String,
    pub(crate) names: Lexicon,
}

/// A topic: the parties, the relation, and the cue lexicons (TOML, see `topics/`).
#[derive(Clone, Debug, Default)]
pub struct Topic {
    /// Short identifier.
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// One-line description.
    pub description: String,
    /// The two parties.
    pub parties: Vec<Party>,
    /// Whether a strong relation term counts anywhere in a document naming both parties (or
    /// one of them and a `dyad` term).
    pub(crate) document: bool,
    pub(crate) strong: Lexicon,
    pub(crate) weak: Lexicon,
    pub(crate) talks: Lexicon,
    pub(crate) limiting: Lexicon,
    pub(crate) anaphora: Lexicon,
    pub(crate) exclude: Lexicon,
    /// Names of the parties' own relation ("the JCPOA"): a document naming one party and
    /// one of them is about the relation (with `document`).
    pub(crate) dyad: Lexicon,
    pub(crate) negators: Lexicon,
    pub(crate) hedges: Lexicon,
    pub(crate) conditions: Lexicon,
    pub(crate) limiters: Lexicon,
    pub(crate) modals: Lexicon,
    pub(crate) protases: Lexicon,
    pub(crate) exchanges: Lexicon,
    pub(crate) adversatives: Lexicon,
    pub(crate) reservations: Lexicon,
    pub(crate) coercions: Lexicon,
    pub(crate) consents: Lexicon,
    pub(crate) cues: Vec<Cue>,
    /// Condition markers that are temporal before a time expression ("until November"),
    /// and the words that start one (from the English lexicon's `[temporal]`).
    temporal_markers: Lexicon,
    time_words: Lexicon,
    /// Markers that order events ("before") and the deontic words that make them conditions
    /// (from the English lexicon's `[temporal]`).
    ordered: Lexicon,
    deontics: Lexicon,
    /// The topic file's own `[lexicon]`, kept to rebuild the scope lexicons over another
    /// English lexicon ([`Topic::scoped_by`]).
    own_scope: ScopeWords,
}

impl Topic {
    /// The embedded default topic (US–Iran dialogue over the Iraq crisis).
    pub fn embedded() -> Topic {
        // The embedded file is checked by a unit test; the default is never reached.
        Topic::from_toml_str(EMBEDDED_TOPIC, "<embedded topics/us_iran.toml>").unwrap_or_default()
    }

    /// An embedded topic by name (`us_iran`, `us_iran_talks`, `us_china_trade`) or by id.
    pub fn named(name: &str) -> Option<Topic> {
        let name = name.trim_end_matches(".toml");
        EMBEDDED_TOPICS.iter().find_map(|(n, src)| {
            let t = Topic::from_toml_str(src, &format!("<embedded topics/{n}.toml>")).ok()?;
            (*n == name || t.id == name).then_some(t)
        })
    }

    /// Parse a topic file. Errors are [`Error::Config`] with 1-based line and column.
    pub fn from_toml_str(src: &str, path: &str) -> Result<Topic> {
        let raw: RawTopic = toml::from_str(src).map_err(|e| Error::from_toml(path, src, &e))?;
        let at = |needle: &str, message: String| error_at(src, path, needle, message);
        if raw.party.len() != 2 {
            return Err(at(
                "[[party]]",
                format!(
                    "a topic needs exactly two [[party]] tables, found {}",
                    raw.party.len()
                ),
            ));
        }
        let mut parties = Vec::new();
        for p in &raw.party {
            let code = p.code.trim().to_ascii_uppercase();
            if code.len() != 3 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(at(
                    &p.code,
                    format!("party code `{}` is not an ISO 3166-1 alpha-3 code", p.code),
                ));
            }
            parties.push(Party {
                code,
                names: Lexicon::new(&p.names),
            });
        }
        if raw.relation.strong.is_empty() {
            return Err(at(
                "[relation]",
                "relation.strong must list at least one term".into(),
            ));
        }
        // the shared English cues, then the topic's own
        let mut cues = if raw.topic.english_cues {
            english_cues().to_vec()
        } else {
            Vec::new()
        };
        cues.extend(parse_cues(&raw.cue, src, path)?);
        let topic = Topic {
            id: raw.topic.id,
            name: raw.topic.name,
            description: raw.topic.description,
            document: raw.topic.document,
            parties,
            strong: Lexicon::new(&raw.relation.strong),
            weak: Lexicon::new(&raw.relation.weak),
            talks: Lexicon::new(&raw.relation.talks),
            limiting: Lexicon::new(&raw.relation.limiting),
            anaphora: Lexicon::new(&raw.relation.anaphora),
            exclude: Lexicon::new(&raw.relation.exclude),
            dyad: Lexicon::new(&raw.relation.dyad),
            cues,
            own_scope: raw.lexicon,
            ..Topic::default()
        };
        Ok(topic.scoped_by(English::embedded()))
    }

    /// The scope lexicons (negators, hedges, condition markers, limiting forms, modals)
    /// rebuilt from `english`'s `[lexicon]` followed by the topic file's own.
    pub(crate) fn scoped_by(mut self, english: &English) -> Topic {
        let l = english.lexicon.with(&self.own_scope);
        self.negators = Lexicon::new(&l.negators);
        self.hedges = Lexicon::new(&l.hedges);
        self.conditions = Lexicon::new(&l.conditions);
        self.limiters = Lexicon::new(&l.limiters);
        self.modals = Lexicon::new(&l.modals);
        self.protases = Lexicon::new(&l.protases);
        self.exchanges = Lexicon::new(&l.exchanges);
        self.adversatives = Lexicon::new(&l.adversatives);
        self.reservations = Lexicon::new(&l.reservations);
        self.coercions = Lexicon::new(&l.coercions);
        self.consents = Lexicon::new(&l.consents);
        self.temporal_markers = Lexicon::new(english.temporal_markers());
        self.time_words = Lexicon::new(english.time_words());
        self.ordered = Lexicon::new(english.ordered_markers());
        self.deontics = Lexicon::new(english.deontics());
        self
    }

    /// End of a condition marker at word `pos`, unless it is a temporal preposition before a
    /// time expression ("chair the talks until November 24", "until the end of August"). An
    /// ordering marker ("before") is one after a deontic word at most eight words before it,
    /// within the sentence ("should be ended before a deal is made"). "Should" before a
    /// relation term or a party is an inverted "if" ("should negotiations fail").
    pub(crate) fn condition_at(&self, w: &[&str], pos: usize) -> Option<usize> {
        // conditional inversion: "should" before its subject, a relation term or a party
        // ("sanctions should negotiations fail", "should Iran refuse, …"): "if" (grammar)
        if w.get(pos) == Some(&"should") {
            let k = pos + 1 + usize::from(w.get(pos + 1) == Some(&"the"));
            let subject_end = self
                .relation_at(w, k)
                .or_else(|| self.party_at(w, k).map(|(_, e)| e));
            // the subject's own verb follows ("should negotiations fail", "should Iran
            // refuse"); a preposition, a party or the end after a relation term means it
            // was the modal's verb ("should cooperate with Iran", "should work together")
            const NOT_VERB: &[&str] = &[
                "with", "on", "in", "to", "and", "or", "the", "a", "an", "over", "about", "for",
                "at", "|", "together", "directly", "again", "now",
            ];
            let verb_after = subject_end.is_some_and(|e| {
                w.get(e).is_some_and(|&x| {
                    !NOT_VERB.contains(&x) && x.chars().all(|c| c.is_alphabetic() || c == '\'')
                }) && self.party_at(w, e).is_none()
            });
            if verb_after {
                return Some(pos + 1);
            }
        }
        if let Some(end) = self.ordered.match_at(w, pos) {
            // "met one-on-one first, before being joined by …": "first" with a gerund after
            // the marker narrates a sequence; a modal still makes it a precondition
            let gerund = w.get(end).is_some_and(|x| x.ends_with("ing"));
            let deontic = (pos.saturating_sub(8)..pos)
                .rev()
                .take_while(|&k| w[k] != "|")
                .any(|k| {
                    self.deontics.match_at(w, k).is_some_and(|e| e <= pos)
                        && !(gerund && w[k] == "first")
                });
            return deontic.then_some(end);
        }
        // "under a policy of maximum pressure", "under the threat of war": "under" and a
        // noun of coercion at most four words on, in the clause
        if w.get(pos) == Some(&"under") {
            let coerced = (pos + 1..(pos + 6).min(w.len()))
                .take_while(|&k| !is_clause_break(w[k]))
                .find_map(|k| self.coercions.match_at(w, k));
            if coerced.is_some() {
                return coerced;
            }
        }
        let end = self.conditions.match_at(w, pos)?;
        if self.protases.match_at(w, pos).is_some() && self.consent_protasis(w, end) {
            return None;
        }
        if self.temporal_markers.match_at(w, pos).is_none() {
            return Some(end);
        }
        (!self.time_at(w, end)).then_some(end)
    }

    /// The pro-verb "do so" at word `pos` ("ready to negotiate but would not do so under
    /// threat", "will only do so if …") stands for a relation term at most twelve words
    /// before it: its end.
    fn pro_verb_at(&self, w: &[&str], pos: usize) -> Option<usize> {
        self.pro_verb_antecedent(w, pos).map(|_| pos + 2)
    }

    /// The relation term (first word, end) that a pro-verb "do so" at word `pos` stands for:
    /// the nearest one at most twelve words before it.
    pub(crate) fn pro_verb_antecedent(&self, w: &[&str], pos: usize) -> Option<(usize, usize)> {
        let does = matches!(
            w.get(pos).copied(),
            Some("do" | "does" | "did" | "doing" | "done")
        );
        if !does || w.get(pos + 1) != Some(&"so") {
            return None;
        }
        (pos.saturating_sub(12)..pos)
            .rev()
            .find_map(|k| self.relation_at(w, k).map(|e| (k, e)))
    }

    /// Whether the protasis from word `from` says only that someone consents to the relation
    /// ("if they want to talk", "if Iran is ready for negotiations", "if they are serious
    /// about a deal", "if they want, we …"): a subject of at most three words, a predicate of
    /// consent, then a relation term (after "to"/"for"/"about"/"in"/an article), or nothing
    /// before a clause break or a new clause's pronoun. "if Iran is ready to halt
    /// enrichment" is a condition.
    fn consent_protasis(&self, w: &[&str], from: usize) -> bool {
        let rel = |k: usize| self.relation_at(w, k).is_some();
        (from + 1..(from + 4).min(w.len())).any(|k| {
            // "if it did not want a deal" is a condition
            let Some(e) = self.consents.match_at(w, k) else {
                return false;
            };
            if (from..k).any(|q| self.negators.match_at(w, q).is_some()) {
                return false;
            }
            match w.get(e).copied() {
                None => true,
                Some("to" | "for" | "about" | "in") => {
                    rel(e + 1)
                        || matches!(w.get(e + 1).copied(), Some("a" | "an" | "the")) && rel(e + 2)
                }
                Some("a" | "an" | "the") => rel(e + 1),
                Some(x) => {
                    is_clause_break(x)
                        || rel(e)
                        || matches!(x, "we" | "i" | "you" | "he" | "she" | "they" | "it")
                }
            }
        })
    }

    /// Whether a time expression starts at word `pos` ("Monday", "November 24", "the end of
    /// August" after its article).
    pub(crate) fn time_at(&self, w: &[&str], pos: usize) -> bool {
        let pos = pos + usize::from(w.get(pos) == Some(&"the"));
        w.get(pos)
            .is_some_and(|x| x.starts_with(|c: char| c.is_ascii_digit()))
            || self.time_words.match_at(w, pos).is_some()
    }

    /// ISO codes of the parties.
    pub fn party_codes(&self) -> Vec<&str> {
        self.parties.iter().map(|p| p.code.as_str()).collect()
    }

    /// Match the placeholder lexicons at every word of `w`, once.
    pub(crate) fn scan<'a>(&'a self, w: &'a [&'a str]) -> Scan<'a> {
        let cells = || (0..w.len()).map(|_| Cell::new(None)).collect::<Vec<_>>();
        Scan {
            w,
            lemmas: None,
            breaks: None,
            topic: self,
            rel: cells(),
            party: cells(),
            cond: cells(),
        }
    }

    /// End of a relation term (strong or weak) at `pos`.
    pub(crate) fn relation_at(&self, toks: &[&str], pos: usize) -> Option<usize> {
        match (
            self.strong.match_at(toks, pos),
            self.weak.match_at(toks, pos),
        ) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }

    /// Whether the relation term at `pos` is a strong one.
    pub(crate) fn is_strong(&self, toks: &[&str], pos: usize) -> bool {
        self.strong.match_at(toks, pos).is_some()
    }

    /// The party named at `pos`: (party index, end).
    pub(crate) fn party_at(&self, toks: &[&str], pos: usize) -> Option<(usize, usize)> {
        self.parties
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.names.match_at(toks, pos).map(|e| (i, e)))
            .max_by_key(|&(_, e)| e)
    }

    /// Index of the party with ISO code `code`.
    pub(crate) fn party_index(&self, code: &str) -> Option<usize> {
        self.parties
            .iter()
            .position(|p| p.code.eq_ignore_ascii_case(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_english_cues_parse_and_reach_every_topic() {
        let shared = parse_cue_file(EMBEDDED_CUES, "data/cues.toml").expect("data/cues.toml");
        assert!(shared.len() >= 30, "{} cues", shared.len());
        for (n, src) in EMBEDDED_TOPICS {
            let t = Topic::from_toml_str(src, n).expect("embedded topic");
            assert!(t.cues.len() >= shared.len(), "{n}");
        }
        // a topic may opt out and bring its own
        let own = "[topic]\nid = \"x\"\nname = \"x\"\nenglish_cues = false\n[[party]]\ncode = \"USA\"\nnames = [\"US\"]\n[[party]]\ncode = \"IRN\"\nnames = [\"Iran\"]\n[relation]\nstrong = [\"talks\"]\n[[cue]]\npattern = \"shun* ... {REL}\"\nstance = \"oppose\"\nrule = \"oppose.shun\"\n";
        let t = Topic::from_toml_str(own, "own.toml").expect("own topic");
        assert_eq!(t.cues.len(), 1);
        assert_eq!(t.cues[0].rule, "oppose.shun");
    }

    #[test]
    fn consent_protases_and_pro_verbs() {
        let t = Topic::named("us_iran_talks").expect("embedded topic");
        let words = |s: &'static str| s.split(' ').collect::<Vec<_>>();
        // (words, position of "if", whether it is a condition)
        for (text, want) in [
            ("talks if they want to talk", false),
            ("talks if they want", false),
            ("talks if tehran is ready for negotiations", false),
            ("talks if the iranians are serious about a deal", false),
            ("talks if they want to build a bomb", true),
            ("talks if tehran is ready to halt enrichment", true),
            ("talks if they do not want a deal", true),
            ("talks if iran stops enrichment", true),
        ] {
            let w = words(text);
            assert_eq!(t.condition_at(&w, 1).is_some(), want, "{text}");
        }
        let w = words("ready to negotiate but would not do so under threat");
        assert_eq!(t.pro_verb_antecedent(&w, 6), Some((2, 3)));
        assert_eq!(t.pro_verb_antecedent(&words("would not do so"), 2), None);
        assert_eq!(t.pro_verb_antecedent(&words("talks and do it"), 2), None);
    }

    #[test]
    fn embedded_topic_parses() {
        let t = Topic::from_toml_str(EMBEDDED_TOPIC, "embedded").expect("embedded topic");
        assert_eq!(t.party_codes(), vec!["USA", "IRN"]);
        assert!(t.cues.len() > 20);
        assert_eq!(Topic::embedded().id, t.id);
    }

    #[test]
    fn embedded_topics_parse_and_are_named() {
        for (n, src) in EMBEDDED_TOPICS {
            Topic::from_toml_str(src, n).expect(n);
            assert!(Topic::named(n).is_some(), "{n}");
        }
        assert_eq!(
            Topic::named("us_iran_talks").map(|t| t.id),
            Some("us-iran-talks".into())
        );
        assert!(Topic::named("no_such_topic").is_none());
    }

    #[test]
    fn bad_toml_reports_line_and_column() {
        let src = "[topic]\nid = \"x\"\nname = \"y\"\n[[party]]\ncode = \"USA\"\nnames = [\"US\"\n";
        match Topic::from_toml_str(src, "bad.toml") {
            Err(Error::Config {
                path, line, column, ..
            }) => {
                assert_eq!(path, "bad.toml");
                assert!(line >= 6, "line {line}");
                assert!(column >= 1);
            }
            other => panic!("expected Config error, got {other:?}"),
        }
    }

    #[test]
    fn bad_stance_and_bad_pattern_are_located() {
        let cue = "\n[[cue]]\npattern = \"urg* ... {REL}\"\nstance = \"maybe\"\nrule = \"x\"\n";
        let base = format!("{EMBEDDED_TOPIC}{cue}");
        match Topic::from_toml_str(&base, "t.toml") {
            Err(Error::Config { line, message, .. }) => {
                let want = base[..base.find("stance = \"maybe\"").unwrap_or(0)]
                    .matches('\n')
                    .count()
                    + 1;
                assert_eq!(line, want, "{message}");
            }
            other => panic!("expected Config error, got {other:?}"),
        }
        let bad = base
            .replace("stance = \"maybe\"", "stance = \"support\"")
            .replace("pattern = \"urg* ... {REL}\"", "pattern = \"need {FOO}\"");
        match Topic::from_toml_str(&bad, "t.toml") {
            Err(Error::Config { line, message, .. }) => {
                assert!(line > 1);
                assert!(message.contains("{FOO}"), "{message}");
            }
            other => panic!("expected Config error, got {other:?}"),
        }
    }

    #[test]
    fn patterns_match_words_prefixes_gaps_and_placeholders() {
        let t = Topic::embedded();
        let m = |p: &Pattern, w: &[&str]| p.match_at(&t.scan(w), w.len(), 0);
        let p = Pattern::parse("rule*|ruling out ... {REL}").unwrap_or(Pattern(vec![]));
        let toks = ["ruled", "out", "any", "military", "cooperation"];
        let hit = m(&p, &toks).expect("match");
        assert_eq!(hit.end, 5);
        assert_eq!(hit.rel, Some((4, 5)));
        assert!(m(&p, &["ruled", "the", "country"]).is_none());
        // Gaps stop at clause breaks.
        assert!(m(&p, &["ruled", "out", "but", "cooperation"]).is_none());
        let opt = Pattern::parse("propos* for? talks").unwrap_or(Pattern(vec![]));
        assert!(m(&opt, &["proposed", "talks"]).is_some());
        assert!(m(&opt, &["proposed", "for", "talks"]).is_some());
        assert!(Pattern::parse("... x").is_err());
        assert!(Pattern::parse("{NOPE}").is_err());
        // `*ly`: a word with that ending, longer than the ending
        let adverb = Pattern::parse("must *ly? end").unwrap_or(Pattern(vec![]));
        assert!(m(&adverb, &["must", "permanently", "end"]).is_some());
        assert!(m(&adverb, &["must", "end"]).is_some());
        assert!(m(&adverb, &["must", "now", "end"]).is_none());
        assert!(m(&adverb, &["must", "ly", "end"]).is_none());
    }
}
