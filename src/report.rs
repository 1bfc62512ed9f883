//! The public output of an analysis: what users read and parse (serde JSON).
//!
//! The schema is documented in README.md and kept stable:
//! `{"id"?, "entities":[Entity], "actors":[Actor]}`.

use serde::{Deserialize, Serialize};

use crate::entity::Entity;

/// What an actor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ActorKind {
    /// A named person.
    Person,
    /// A sovereign state / its government.
    Country,
    /// An institution, party, outlet, armed group, company, ...
    Organization,
}

impl ActorKind {
    /// Name as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "PERSON",
            ActorKind::Country => "COUNTRY",
            ActorKind::Organization => "ORGANIZATION",
        }
    }
}

/// An actor's position toward the topic.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// For the relation the topic is about.
    Support,
    /// Against it.
    Oppose,
    /// Only under stated conditions, or only limited forms of it.
    Conditional,
    /// Present, but no position on the topic.
    #[default]
    Neutral,
}

impl Stance {
    /// Name as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Support => "support",
            Stance::Oppose => "oppose",
            Stance::Conditional => "conditional",
            Stance::Neutral => "neutral",
        }
    }
}

/// Which evidence gave an actor its `country` (see the crate-private `actors` stage, "Affiliation").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CountrySource {
    /// The text says it: a title or demonym chain, a party-state tag, an apposition, a
    /// possessive, the mention itself (a country), a leading demonym or dateline (an
    /// organization).
    Text,
    /// A dictionary entry for the name at the document's date (Phoenix actor files, or the
    /// institutions and outlets of the country data).
    Dictionary,
    /// Another actor the text ties this one to ("Zarif's deputy X", "the Obama
    /// administration").
    Coreference,
}

impl CountrySource {
    /// Name as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            CountrySource::Text => "text",
            CountrySource::Dictionary => "dictionary",
            CountrySource::Coreference => "coreference",
        }
    }
}

/// One mention of an actor (char offsets into the input, end exclusive).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// First char, inclusive.
    pub start: usize,
    /// Last char, exclusive.
    pub end: usize,
    /// The mention's text.
    pub text: String,
}

/// A piece of text that supports an actor's stance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// First char of the evidence span (a clause or sentence), inclusive.
    pub start: usize,
    /// Last char, exclusive.
    pub end: usize,
    /// The evidence text (`input[start..end]` in chars).
    pub text: String,
    /// The cue phrase that fired (as it appears in the text).
    pub cue: String,
    /// The rule id from the topic file (e.g. `support.need`).
    pub rule: String,
    /// Whether the evidence is inside a direct quotation.
    pub quote: bool,
}

/// An actor: mentions clustered into one participant, with affiliation and stance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Index of the actor in [`Analysis::actors`].
    pub id: usize,
    /// The fullest name seen ("Lindsey Graham", "United States"); a person the text names by
    /// one word only takes the name of the one actor-dictionary entry that has that word
    /// ("King Salman" → "Salman bin Abdulaziz", "Obama" → "Barack Obama"; the mentions keep
    /// the text's words).
    pub name: String,
    /// Person, country or organization.
    pub kind: ActorKind,
    /// ISO 3166-1 alpha-3 code of the actor (a country) or of its affiliation; `null` when
    /// nothing supports one (never guessed).
    pub country: Option<String>,
    /// Which evidence gave `country`; `null` when `country` is.
    #[serde(default)]
    pub country_source: Option<CountrySource>,
    /// CAMEO actor code where known ("USAGOVLEG", "IRNGOV", "IGOUNOIAE"): the dictionary's
    /// code at the document's date, else the country plus the role code of the title.
    #[serde(default)]
    pub code: Option<String>,
    /// Title or office ("Senator", "Foreign Minister"); `null` if none.
    pub role: Option<String>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
    /// Stance toward the topic.
    #[serde(default)]
    pub stance: Stance,
    /// Confidence in the stance, 0–1.
    #[serde(default)]
    pub confidence: f32,
    /// Why: at least one item for every non-neutral stance.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// The analysis of one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Echoed from `--jsonl` input; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub id: Option<serde_json::Value>,
    /// Entity mentions (after the geo stage: countries are `COUNTRY`), in text order.
    pub entities: Vec<Entity>,
    /// Actors with their stance.
    pub actors: Vec<Actor>,
}
