//! Entity mentions: the output of the NER stage, refined by the geo stage.

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// The entity types detente reports.
///
/// The NER model produces `PERSON`, `ORGANIZATION`, `LOCATION` and `MISC`; the geo stage
/// turns mentions of sovereign states (and capitals standing for their government) into
/// `COUNTRY`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Label {
    /// A person.
    Person,
    /// A company, agency, party, outlet, armed group, ...
    Organization,
    /// A place that is not (used as) a state actor.
    Location,
    /// Other names (events, nationalities used as nouns, ...).
    Misc,
    /// A sovereign state (or its government), with an ISO 3166-1 alpha-3 code.
    Country,
}

impl Label {
    /// All labels, in a fixed order.
    pub const ALL: [Label; 5] = [
        Label::Person,
        Label::Organization,
        Label::Location,
        Label::Misc,
        Label::Country,
    ];

    /// The label's name as written in JSON output (`"PERSON"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Organization => "ORGANIZATION",
            Label::Location => "LOCATION",
            Label::Misc => "MISC",
            Label::Country => "COUNTRY",
        }
    }

    /// Parse a label name of any common tag set: ours, CoNLL (`PER`, `ORG`, `LOC`, `MISC`) or
    /// OntoNotes (`PERSON`, `ORG`, `GPE`, `NORP`, `FAC`, ...). Returns `None` for names that
    /// carry no entity of ours (OntoNotes `DATE`, `CARDINAL`, ...) *and* for unknown names; use
    /// [`crate::ner::labels::map_label`] to tell the two apart.
    pub fn parse(name: &str) -> Option<Label> {
        match name.to_ascii_uppercase().as_str() {
            "PERSON" | "PER" => Some(Label::Person),
            "ORGANIZATION" | "ORGANISATION" | "ORG" => Some(Label::Organization),
            "LOCATION" | "LOC" | "GPE" | "FAC" => Some(Label::Location),
            "MISC" | "NORP" | "EVENT" | "WORK_OF_ART" | "LAW" | "PRODUCT" | "LANGUAGE" => {
                Some(Label::Misc)
            }
            "COUNTRY" => Some(Label::Country),
            _ => None,
        }
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entity mention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The exact text of the mention: `text == input[byte_start..byte_end]`.
    pub text: String,
    /// Its type.
    pub label: Label,
    /// First char (Unicode scalar value), inclusive.
    pub start: usize,
    /// Last char, exclusive.
    pub end: usize,
    /// First UTF-8 byte, inclusive.
    pub byte_start: usize,
    /// Last UTF-8 byte, exclusive.
    pub byte_end: usize,
    /// Model confidence: mean probability of the predicted tag over the mention's tokens
    /// (1.0 for mentions found by the gazetteer).
    pub score: f32,
    /// ISO 3166-1 alpha-3 code of the state the mention is (or belongs to), when known.
    #[serde(default)]
    pub country: Option<String>,
}

impl Entity {
    /// Build an entity from a span of `text`.
    pub fn new(text: &str, span: Span, label: Label, score: f32) -> Entity {
        Entity {
            text: text[span.byte_start..span.byte_end].to_string(),
            label,
            start: span.start,
            end: span.end,
            byte_start: span.byte_start,
            byte_end: span.byte_end,
            score,
            country: None,
        }
    }

    /// The entity's span.
    pub fn span(&self) -> Span {
        Span {
            start: self.start,
            end: self.end,
            byte_start: self.byte_start,
            byte_end: self.byte_end,
        }
    }
}

/// Entities for the rule layer's unit tests.
#[cfg(test)]
pub(crate) mod test_util {
    use super::{Entity, Label};
    use crate::span::CharIndex;

    /// The `nth` occurrence of `needle` in `text` as an entity labelled `label` (score 0.9).
    pub(crate) fn ent(text: &str, needle: &str, nth: usize, label: Label) -> Entity {
        let (b, _) = text
            .match_indices(needle)
            .nth(nth)
            .unwrap_or_else(|| panic!("{needle} #{nth} not in text"));
        let ix = CharIndex::new(text);
        Entity::new(text, ix.span_from_bytes(b, b + needle.len()), label, 0.9)
    }
}
