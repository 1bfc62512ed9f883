//! Reader for TABARI / PETRARCH actor and agent dictionaries (the Phoenix files event-data
//! coders maintain), and name look-up with dated CAMEO codes.
//!
//! # Format
//! ```text
//! # a comment (anywhere on a line)
//! BARACK_OBAMA                 a new entry: words joined by `_`, a trailing `_` ends the phrase
//! +PRESIDENT_OBAMA             a synonym of the current entry
//!     [USAELI 780101-090120]   a code with its validity: `A-B` between, `>A` from, `<B` until
//!     [USAGOV >090120]         six-digit dates have two-digit years (00–29 → 20xx, else 19xx),
//!     [USAELI]                 eight-digit ones four; no date: holds whenever no dated code does
//! IAEA_ [IGOUNOIAE]            codes may follow the phrase on the entry line
//! SENATOR {SENATORS} [~LEG]    agents: irregular plurals in `{}`, role codes start with `~`
//! !PERSON! = MAN, WOMAN        agents: a macro; `CHAIR!PERSON!` expands to each alternative
//! ```
//! Entry lines that follow each other without codes in between share the codes that follow
//! them (as in TABARI). `[---]` is "no code". A date written alone (`[USAGOV 19820101]`) is
//! read as "from". Anything else is an error ([`Error::Config`]) with the file, line and column.
//!
//! # Which code applies
//! [`Entry::code_at`]: with a document date, the dated code whose range covers the date (the
//! latest-starting if several), else the undated code. Without a date the document is taken
//! to be current: an open range (`>A`) wins, else the undated code, else the dated code that
//! ended last.
//!
//! # Matching
//! Names match phrases as whole words, ignoring case, accents and `_`/space differences
//! ([`Dictionary::key`]); the stem marker (a phrase without a trailing `_`) is recorded in
//! [`Phrase::exact`] but matching is always by whole words.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use crate::error::{Error, Result};
use crate::knowledge::date::Date;

const COUNTRIES: &str = include_str!("../../data/petrarch/Phoenix.Countries.actors.txt");
const INTERNATIONAL: &str = include_str!("../../data/petrarch/Phoenix.International.actors.txt");
const MILNONSTATE: &str = include_str!("../../data/petrarch/Phoenix.MilNonState.actors.txt");
const AGENTS: &str = include_str!("../../data/petrarch/Phoenix.agents.txt");
const SUPPLEMENT: &str = include_str!("../../data/dictionaries/detente.actors.txt");

/// The three Phoenix actor files, in load order, with the names their errors carry.
const PHOENIX_FILES: [(&str, &str); 3] = [
    (COUNTRIES, "<embedded Phoenix.Countries.actors.txt>"),
    (INTERNATIONAL, "<embedded Phoenix.International.actors.txt>"),
    (MILNONSTATE, "<embedded Phoenix.MilNonState.actors.txt>"),
];

/// When a code holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Validity {
    /// No date given: holds whenever no dated code of the entry does.
    Always,
    /// `>A`: from `A` on (inclusive).
    From(Date),
    /// `<B`: until `B` (inclusive).
    Until(Date),
    /// `A-B`: from `A` to `B` (inclusive).
    Between(Date, Date),
}

impl Validity {
    /// Whether a dated range covers `date` (never true for [`Validity::Always`]).
    pub fn covers(self, date: Date) -> bool {
        match self {
            Validity::Always => false,
            Validity::From(a) => date >= a,
            Validity::Until(b) => date <= b,
            Validity::Between(a, b) => a <= date && date <= b,
        }
    }

    fn start(self) -> Option<Date> {
        match self {
            Validity::From(a) | Validity::Between(a, _) => Some(a),
            _ => None,
        }
    }

    /// `None` for open and undated ranges.
    fn end(self) -> Option<Date> {
        match self {
            Validity::Until(b) | Validity::Between(_, b) => Some(b),
            _ => None,
        }
    }
}

/// One `[CODE RANGE]` of an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    /// The CAMEO code (`USAGOVLEG`, `IGOUNO`, `~LEG`); `None` for `[---]`.
    pub code: Option<String>,
    /// When it holds.
    pub validity: Validity,
}

/// A name or synonym of an entry, normalised (see [`Dictionary::key`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    /// Upper-case words separated by single spaces ("BARACK OBAMA").
    pub text: String,
    /// Whether the phrase ended with `_` in the file (TABARI: whole word, not a stem).
    pub exact: bool,
}

/// One dictionary entry: its phrases and codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The entry phrase first, then its synonyms.
    pub phrases: Vec<Phrase>,
    /// Codes in file order.
    pub codes: Vec<DatedCode>,
    /// The file it came from (`<embedded Phoenix.Countries.actors.txt>` for the defaults).
    pub source: Arc<str>,
    /// 1-based line of the entry's first phrase.
    pub line: usize,
}

impl Entry {
    /// The code that applies at `date` (see the module docs); `None` when none does or the
    /// one that does is `[---]`.
    pub fn code_at(&self, date: Option<Date>) -> Option<&str> {
        let undated = || self.codes.iter().find(|c| c.validity == Validity::Always);
        let chosen = match date {
            Some(d) => self
                .codes
                .iter()
                .filter(|c| c.validity.covers(d))
                .max_by_key(|c| c.validity.start())
                .or_else(undated),
            None => self
                .codes
                .iter()
                .filter(|c| matches!(c.validity, Validity::From(_)))
                .max_by_key(|c| c.validity.start())
                .or_else(undated)
                .or_else(|| {
                    self.codes
                        .iter()
                        .filter(|c| c.validity.end().is_some())
                        .max_by_key(|c| (c.validity.end(), c.validity.start()))
                }),
        };
        chosen.and_then(|c| c.code.as_deref())
    }

    /// Every code the entry has at any time (`[---]` left out).
    pub fn all_codes(&self) -> impl Iterator<Item = &str> {
        self.codes.iter().filter_map(|c| c.code.as_deref())
    }
}

/// A set of dictionary entries indexed by phrase. Cheap to share behind an `Arc`; later
/// additions ([`Dictionary::add_str`]) shadow earlier entries with the same phrase.
#[derive(Clone, Debug, Default)]
pub struct Dictionary {
    entries: Vec<Entry>,
    /// phrase key → entries having it (the latest source only)
    by_phrase: HashMap<String, Vec<u32>>,
    /// last word → (entry, index of the phrase in the entry) for suffix look-ups
    by_last: HashMap<String, Vec<(u32, u16)>>,
}

impl Dictionary {
    /// An empty dictionary.
    pub fn new() -> Dictionary {
        Dictionary::default()
    }

    /// The shipped Phoenix actor dictionaries (Countries, International, MilNonState; MIT,
    /// see `data/petrarch/PROVENANCE.md`), parsed once per process.
    pub fn phoenix() -> Arc<Dictionary> {
        static CELL: OnceLock<Arc<Dictionary>> = OnceLock::new();
        CELL.get_or_init(|| Dictionary::embedded(&PHOENIX_FILES))
            .clone()
    }

    /// What detente uses by default: [`Dictionary::phoenix`] with detente's supplement
    /// (`data/dictionaries/detente.actors.txt`: people prominent in US–Iran affairs from about
    /// 2013 to 2026, whom Phoenix lacks) over it.
    pub fn shipped() -> Arc<Dictionary> {
        static CELL: OnceLock<Arc<Dictionary>> = OnceLock::new();
        CELL.get_or_init(|| {
            let mut files = PHOENIX_FILES.to_vec();
            files.push((SUPPLEMENT, "<embedded detente.actors.txt>"));
            Dictionary::embedded(&files)
        })
        .clone()
    }

    /// Parse embedded `(source, name)` files in order into one dictionary.
    fn embedded(files: &[(&str, &str)]) -> Arc<Dictionary> {
        let mut d = Dictionary::new();
        for (src, name) in files {
            // tested by `shipped_dictionaries_load`; an error leaves that file out
            let _ = d.add_str(src, name);
        }
        Arc::new(d)
    }

    /// The shipped Phoenix agents dictionary (titles and agent nouns → `~` role codes).
    pub fn phoenix_agents() -> Arc<Dictionary> {
        static CELL: OnceLock<Arc<Dictionary>> = OnceLock::new();
        CELL.get_or_init(|| {
            let mut d = Dictionary::new();
            let _ = d.add_str(AGENTS, "<embedded Phoenix.agents.txt>");
            Arc::new(d)
        })
        .clone()
    }

    /// Parse `src` (named `path` in errors) into a new dictionary.
    pub fn from_str(src: &str, path: &str) -> Result<Dictionary> {
        let mut d = Dictionary::new();
        d.add_str(src, path)?;
        Ok(d)
    }

    /// Read and parse a dictionary file.
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<Dictionary> {
        let mut d = Dictionary::new();
        d.add_file(path)?;
        Ok(d)
    }

    /// Read a dictionary file and add its entries (they shadow earlier ones with the same
    /// phrase).
    pub fn add_file(&mut self, path: impl AsRef<std::path::Path>) -> Result<()> {
        let path = path.as_ref();
        let src = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        self.add_str(&src, &path.display().to_string())
    }

    /// Parse `src` and add its entries (they shadow earlier ones with the same phrase). On
    /// error nothing is added.
    pub fn add_str(&mut self, src: &str, path: &str) -> Result<()> {
        let entries = Parser::new(path).parse(src)?;
        self.extend(entries);
        Ok(())
    }

    /// Add the entries of `other` over these (they shadow earlier ones with the same phrase).
    pub fn merge(&mut self, other: &Dictionary) {
        self.extend(other.entries.to_vec());
    }

    fn extend(&mut self, entries: Vec<Entry>) {
        let base = self.entries.len() as u32;
        for (k, e) in entries.iter().enumerate() {
            let id = base + k as u32;
            for (pi, p) in e.phrases.iter().enumerate() {
                match self.by_phrase.get_mut(&p.text) {
                    Some(ids) => {
                        // a phrase of an earlier batch is shadowed by this one
                        if ids.iter().all(|&i| i < base) {
                            ids.clear();
                        }
                        if !ids.contains(&id) {
                            ids.push(id);
                        }
                    }
                    None => {
                        self.by_phrase.insert(p.text.clone(), vec![id]);
                    }
                }
                let last = p.text.rsplit(' ').next().unwrap_or(&p.text);
                let at = (id, pi.min(u16::MAX as usize) as u16);
                match self.by_last.get_mut(last) {
                    Some(v) => v.push(at),
                    None => {
                        self.by_last.insert(last.to_string(), vec![at]);
                    }
                }
            }
        }
        self.entries.extend(entries);
    }

    /// Live (not shadowed) phrases ending with the word `last`, as (entry id, phrase text).
    fn ending_with<'s>(&'s self, last: &str) -> impl Iterator<Item = (u32, &'s str)> + 's {
        self.by_last
            .get(last)
            .into_iter()
            .flatten()
            .filter_map(move |&(id, pi)| {
                let text = self.entries[id as usize]
                    .phrases
                    .get(pi as usize)?
                    .text
                    .as_str();
                let live = self
                    .by_phrase
                    .get(text)
                    .is_some_and(|ids| ids.contains(&id));
                live.then_some((id, text))
            })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// All entries, in the order added.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The look-up key of a name: upper case, accents removed, `_` and runs of white space
    /// as one space ("François  Hollande" → "FRANCOIS HOLLANDE").
    pub fn key(name: &str) -> String {
        let mut out = String::with_capacity(name.len());
        for w in name.split(|c: char| c == '_' || c.is_whitespace()) {
            if w.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            for c in w.chars() {
                let c = if c == '’' { '\'' } else { fold_accent(c) };
                out.extend(c.to_uppercase());
            }
        }
        out
    }

    /// Entries with exactly this phrase.
    pub fn exact(&self, name: &str) -> Vec<&Entry> {
        self.by_phrase
            .get(&Dictionary::key(name))
            .map(|ids| ids.iter().map(|&i| &self.entries[i as usize]).collect())
            .unwrap_or_default()
    }

    /// Entries with a phrase of two words or more whose last word is `surname` (one word):
    /// the people a surname alone may name ("Tillerson" → "REX TILLERSON").
    pub fn with_surname(&self, surname: &str) -> Vec<&Entry> {
        let key = Dictionary::key(surname);
        if key.is_empty() || key.contains(' ') {
            return Vec::new();
        }
        let mut ids: Vec<u32> = self
            .ending_with(&key)
            .filter(|(_, p)| p.contains(' '))
            .map(|(i, _)| i)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().map(|i| &self.entries[i as usize]).collect()
    }

    /// Entries for a name: those with exactly this phrase; if none and the name has two words
    /// or more, those with a phrase of two words or more that ends with the name or that the
    /// name ends with ("Ali Akbar Hashemi Rafsanjani" ↔ "HOJATOLISLAM ALI AKBAR HASHEMI
    /// RAFSANJANI"); failing that, phrases with the same last word that have the name's
    /// first word before it ("Ali Larijani" ↔ "ALI ARDESHIR LARIJANI").
    pub fn find(&self, name: &str) -> Vec<&Entry> {
        self.lookup(name).0
    }

    /// [`Dictionary::find`], with how the entries matched the name.
    pub fn lookup(&self, name: &str) -> (Vec<&Entry>, NameMatch) {
        let key = Dictionary::key(name);
        if let Some(ids) = self.by_phrase.get(&key) {
            let found = ids.iter().map(|&i| &self.entries[i as usize]).collect();
            return (found, NameMatch::Exact);
        }
        if !key.contains(' ') {
            return (Vec::new(), NameMatch::Exact);
        }
        let last = key.rsplit(' ').next().unwrap_or(&key);
        let mut ids: Vec<u32> = self
            .ending_with(last)
            .filter(|(_, p)| {
                p.contains(' ') && (ends_with_words(p, &key) || ends_with_words(&key, p))
            })
            .map(|(i, _)| i)
            .collect();
        let mut how = NameMatch::Suffix;
        if ids.is_empty() {
            // same last word, and the name's first word somewhere before it
            let first = key.split(' ').next().unwrap_or(&key);
            ids = self
                .ending_with(last)
                .filter(|(_, p)| {
                    let words: Vec<&str> = p.split(' ').collect();
                    words.len() >= 2 && words[..words.len() - 1].contains(&first)
                })
                .map(|(i, _)| i)
                .collect();
            how = NameMatch::FirstAndLast;
        }
        ids.sort_unstable();
        ids.dedup();
        let found = ids.into_iter().map(|i| &self.entries[i as usize]).collect();
        (found, how)
    }
}

/// How [`Dictionary::lookup`] matched a name to its entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameMatch {
    /// The entry's phrase is the name (or nothing matched).
    Exact,
    /// One ends with the other's words ("Javad Zarif" ↔ "MOHAMMAD JAVAD ZARIF").
    Suffix,
    /// Only the first and last words agree ("Ali Larijani" ↔ "ALI ARDESHIR LARIJANI"): a
    /// weaker match, which common names make often ("John Smith" ↔ "JOHN HILARY SMITH").
    FirstAndLast,
}

/// Whether `long` ends with the whole words of `short`.
fn ends_with_words(long: &str, short: &str) -> bool {
    long == short
        || long
            .strip_suffix(short)
            .is_some_and(|head| head.ends_with(' '))
}

/// Latin letters with diacritics → their base letter (others unchanged).
fn fold_accent(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'À'..='Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'È'..='Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => 'E',
        'ì'..='ï' | 'ī' | 'ı' => 'i',
        'Ì'..='Ï' | 'Ī' | 'İ' => 'I',
        'ñ' | 'ń' | 'ň' => 'n',
        'Ñ' | 'Ń' | 'Ň' => 'N',
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
        'Ò'..='Ö' | 'Ø' | 'Ō' | 'Ő' => 'O',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
        'Ù'..='Ü' | 'Ū' | 'Ů' | 'Ű' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        'š' | 'ś' | 'ş' => 's',
        'Š' | 'Ś' | 'Ş' => 'S',
        'ž' | 'ź' | 'ż' => 'z',
        'Ž' | 'Ź' | 'Ż' => 'Z',
        'ğ' => 'g',
        'Ğ' => 'G',
        'ł' => 'l',
        'Ł' => 'L',
        _ => c,
    }
}

// ---------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------

/// The entry being read: its phrases, and its codes once any were seen.
#[derive(Default)]
struct Block {
    phrases: Vec<Phrase>,
    codes: Vec<DatedCode>,
    line: usize,
}

struct Parser {
    path: Arc<str>,
    macros: HashMap<String, Vec<String>>,
    out: Vec<Entry>,
    block: Option<Block>,
}

/// A position-carrying error for the line being read.
struct LineErr {
    /// Byte offset in the line.
    at: usize,
    message: String,
}

fn lerr(at: usize, message: impl Into<String>) -> LineErr {
    LineErr {
        at,
        message: message.into(),
    }
}

impl Parser {
    fn new(path: &str) -> Parser {
        Parser {
            path: Arc::from(path),
            macros: HashMap::new(),
            out: Vec::new(),
            block: None,
        }
    }

    fn parse(mut self, src: &str) -> Result<Vec<Entry>> {
        for (k, raw) in src.lines().enumerate() {
            if let Err(e) = self.line(raw, k + 1) {
                let col = raw.get(..e.at).map_or(0, |h| h.chars().count()) + 1;
                return Err(Error::Config {
                    path: self.path.to_string(),
                    line: k + 1,
                    column: col,
                    message: e.message,
                });
            }
        }
        self.finish_block();
        Ok(self.out)
    }

    fn finish_block(&mut self) {
        if let Some(b) = self.block.take() {
            if !b.phrases.is_empty() {
                self.out.push(Entry {
                    phrases: b.phrases,
                    codes: b.codes,
                    source: self.path.clone(),
                    line: b.line,
                });
            }
        }
    }

    fn line(&mut self, raw: &str, lineno: usize) -> std::result::Result<(), LineErr> {
        let content = raw.split('#').next().unwrap_or("").trim_end();
        let lead = content.len() - content.trim_start().len();
        let body = &content[lead..];
        let Some(first) = body.chars().next() else {
            return Ok(());
        };
        match first {
            '[' => {
                if self.block.is_none() {
                    return Err(lerr(lead, "code line before any entry"));
                }
                self.tail(body, lead, false)
            }
            '+' => {
                if self.block.is_none() {
                    return Err(lerr(lead, "synonym line (`+`) before any entry"));
                }
                self.phrase_line(&body[1..], lead + 1)
            }
            '!' if body.contains('=') => self.macro_line(body, lead),
            _ => {
                if self.block.as_ref().is_none_or(|b| !b.codes.is_empty()) {
                    self.finish_block();
                    self.block = Some(Block {
                        line: lineno,
                        ..Block::default()
                    });
                }
                self.phrase_line(body, lead)
            }
        }
    }

    /// `!NAME! = A, B, C`
    fn macro_line(&mut self, body: &str, lead: usize) -> std::result::Result<(), LineErr> {
        let (name, values) = body.split_once('=').unwrap_or((body, ""));
        let name = name.trim();
        let ok = name.len() > 2
            && name.ends_with('!')
            && name[1..name.len() - 1]
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '_');
        if !ok {
            return Err(lerr(lead, format!("bad macro name `{name}`")));
        }
        let vals: Vec<String> = values
            .split(',')
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        if vals.is_empty() {
            return Err(lerr(lead + body.len(), "macro without values"));
        }
        self.macros.insert(name.to_string(), vals);
        Ok(())
    }

    /// A phrase, then optional `{plurals}` and `[codes]`.
    fn phrase_line(&mut self, s: &str, off: usize) -> std::result::Result<(), LineErr> {
        let end = s.find(['[', '{']).unwrap_or(s.len());
        let words = &s[..end];
        if words.trim().is_empty() {
            return Err(lerr(off, "empty name"));
        }
        if let Some(k) = words.find([']', '}']) {
            return Err(lerr(off + k, "unmatched bracket in a name"));
        }
        self.add_phrase(words, off)?;
        self.tail(&s[end..], off + end, true)
    }

    fn add_phrase(&mut self, words: &str, off: usize) -> std::result::Result<(), LineErr> {
        let exact = words.trim_end().ends_with('_');
        let texts = self.expand(words.trim(), off)?;
        let block = self.block.as_mut().ok_or_else(|| lerr(off, "no entry"))?;
        for t in texts {
            let text = Dictionary::key(&t);
            if !text.is_empty() && !block.phrases.iter().any(|p| p.text == text) {
                block.phrases.push(Phrase { text, exact });
            }
        }
        Ok(())
    }

    /// Expand `!MACRO!`s in a phrase (`!` followed by capitals and `!`; any other `!` is a
    /// letter, as in `YAHOO!_INC_`).
    fn expand(&self, words: &str, off: usize) -> std::result::Result<Vec<String>, LineErr> {
        let Some((a, b)) = macro_at(words) else {
            return Ok(vec![words.to_string()]);
        };
        let name = &words[a..=b];
        let vals = self
            .macros
            .get(name)
            .ok_or_else(|| lerr(off + a, format!("undefined macro `{name}`")))?;
        let mut out = Vec::new();
        for v in vals {
            let rest = self.expand(&words[b + 1..], off + b + 1)?;
            out.extend(rest.into_iter().map(|r| format!("{}{v}{r}", &words[..a])));
        }
        Ok(out)
    }

    /// `{plurals}` (only after a phrase) and `[CODE RANGE]` groups up to the end of the line.
    fn tail(&mut self, s: &str, off: usize, plurals: bool) -> std::result::Result<(), LineErr> {
        let mut i = 0;
        while i < s.len() {
            let rest = &s[i..];
            let trimmed = rest.trim_start();
            i += rest.len() - trimmed.len();
            let Some(c) = trimmed.chars().next() else {
                break;
            };
            let close = match c {
                '[' => ']',
                '{' if plurals => '}',
                _ => {
                    return Err(lerr(
                        off + i,
                        format!("unexpected `{c}` (expected `[CODE]`)"),
                    ))
                }
            };
            let k = trimmed[1..]
                .find(close)
                .ok_or_else(|| lerr(off + i, format!("`{c}` without `{close}`")))?;
            let inner = &trimmed[1..1 + k];
            if c == '[' {
                let code = parse_code(inner, off + i + 1)?;
                if let Some(b) = self.block.as_mut() {
                    b.codes.push(code);
                }
            } else {
                for w in inner.split_whitespace() {
                    self.add_phrase(w, off + i + 1)?;
                }
            }
            i += k + 2;
        }
        Ok(())
    }
}

/// Byte range (inclusive) of the first `!NAME!` (capitals or `_`, at least one) in `s`.
fn macro_at(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(k) = s[i..].find('!') {
        let a = i + k;
        let n = b[a + 1..]
            .iter()
            .take_while(|c| c.is_ascii_uppercase() || **c == b'_')
            .count();
        if n > 0 && b.get(a + 1 + n) == Some(&b'!') {
            return Some((a, a + 1 + n));
        }
        i = a + 1;
    }
    None
}

/// `CODE`, `CODE >A`, `CODE <B`, `CODE A-B`, `CODE A`; `off` is the byte offset of `inner`.
fn parse_code(inner: &str, off: usize) -> std::result::Result<DatedCode, LineErr> {
    let lead = inner.len() - inner.trim_start().len();
    let t = inner.trim();
    let (code, range) = t.split_once(char::is_whitespace).unwrap_or((t, ""));
    let code_ok = !code.is_empty()
        && (code == "---"
            || code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '~'));
    if !code_ok {
        return Err(lerr(off + lead, format!("bad code `{code}`")));
    }
    let roff = off + lead + code.len() + (t.len() - code.len() - range.len());
    let range = range.trim();
    let validity = if range.is_empty() {
        Validity::Always
    } else if let Some(r) = range.strip_prefix('>') {
        Validity::From(parse_date(r.trim(), roff + 1)?)
    } else if let Some(r) = range.strip_prefix('<') {
        Validity::Until(parse_date(r.trim(), roff + 1)?)
    } else if let Some((a, b)) = range.split_once('-') {
        let a = parse_date(a.trim(), roff)?;
        let b = parse_date(b.trim(), roff + range.find('-').unwrap_or(0) + 1)?;
        if b < a {
            return Err(lerr(roff, "range ends before it starts"));
        }
        Validity::Between(a, b)
    } else {
        Validity::From(parse_date(range, roff)?)
    };
    Ok(DatedCode {
        code: (code != "---").then(|| code.to_string()),
        validity,
    })
}

/// `YYMMDD` (00–29 → 20xx, 30–99 → 19xx) or `YYYYMMDD`.
fn parse_date(s: &str, off: usize) -> std::result::Result<Date, LineErr> {
    if !s.bytes().all(|b| b.is_ascii_digit()) || !(s.len() == 6 || s.len() == 8) {
        return Err(lerr(off, format!("date `{s}` is not YYMMDD or YYYYMMDD")));
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<u16>().unwrap_or(0);
    let (y, rest) = if s.len() == 6 {
        let yy = n(0..2);
        (if yy < 30 { 2000 + yy } else { 1900 + yy }, 2)
    } else {
        (n(0..4), 4)
    };
    let (m, d) = (n(rest..rest + 2), n(rest + 2..rest + 4));
    Date::new(y, m as u8, d as u8).map_err(|_| lerr(off, format!("no such date `{s}`")))
}

#[cfg(test)]
mod tests;
