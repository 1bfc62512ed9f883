//! Entity mentions: the output of the NER stage, refined by the geo stage.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
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
    ///
    /// Never panics. A span whose byte range does not fit `text` (past the end, reversed, or
    /// not on char boundaries) is repaired: clamped to the text, widened to char boundaries,
    /// and its char offsets recomputed from the repaired bytes. Use [`Entity::try_new`] to
    /// reject such a span instead.
    ///
    /// ```
    /// use detente::{Entity, Label, Span};
    ///
    /// let text = "Zürich said no.";
    /// let bad = Span { start: 0, end: 99, byte_start: 2, byte_end: 99 }; // inside 'ü', past the end
    /// let e = Entity::new(text, bad, Label::Location, 1.0);
    /// assert_eq!((e.text.as_str(), e.start, e.end, e.byte_start), ("ürich said no.", 1, 15, 1));
    /// ```
    pub fn new(text: &str, span: Span, label: Label, score: f32) -> Entity {
        match Self::try_new(text, span, label, score) {
            Ok(e) => e,
            Err(_) => Self::repaired(text, span, label, score),
        }
    }

    /// Like [`Entity::new`], but a span whose byte range does not fit `text` is an
    /// [`Error::Input`] (the char offsets are trusted as given).
    pub fn try_new(text: &str, span: Span, label: Label, score: f32) -> Result<Entity> {
        let mention = text.get(span.byte_start..span.byte_end).ok_or_else(|| {
            Error::Input(format!(
                "span {}..{} (bytes) does not fit a text of {} bytes on char boundaries",
                span.byte_start,
                span.byte_end,
                text.len()
            ))
        })?;
        Ok(Entity {
            text: mention.to_string(),
            label,
            start: span.start,
            end: span.end,
            byte_start: span.byte_start,
            byte_end: span.byte_end,
            score,
            country: None,
        })
    }

    /// The entity of `span` clamped to `text` and widened to char boundaries.
    fn repaired(text: &str, span: Span, label: Label, score: f32) -> Entity {
        let mut bs = span.byte_start.min(text.len());
        let mut be = span.byte_end.clamp(bs, text.len());
        while !text.is_char_boundary(bs) {
            bs -= 1;
        }
        while !text.is_char_boundary(be) {
            be += 1;
        }
        let start = text[..bs].chars().count();
        let end = start + text[bs..be].chars().count();
        Entity {
            text: text[bs..be].to_string(),
            label,
            start,
            end,
            byte_start: bs,
            byte_end: be,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_spans_never_panic() {
        let text = "Zürich said no.";
        let span = |bs, be| Span {
            start: 0,
            end: 0,
            byte_start: bs,
            byte_end: be,
        };
        // Good span: taken as given (char offsets trusted).
        let ok = Entity::try_new(
            text,
            Span {
                start: 0,
                end: 6,
                byte_start: 0,
                byte_end: 7,
            },
            Label::Location,
            1.0,
        )
        .unwrap();
        assert_eq!(ok.text, "Zürich");
        // Inside 'ü', reversed, past the end, empty text.
        assert!(Entity::try_new(text, span(2, 5), Label::Location, 1.0).is_err());
        let e = Entity::new(text, span(2, 5), Label::Location, 1.0);
        assert_eq!(
            (e.text.as_str(), e.start, e.end, e.byte_start, e.byte_end),
            ("üri", 1, 4, 1, 5)
        );
        let e = Entity::new(text, span(9, 3), Label::Misc, 1.0);
        assert_eq!((e.text.as_str(), e.start, e.end), ("", 8, 8));
        let e = Entity::new(text, span(100, 200), Label::Misc, 1.0);
        assert_eq!(
            (e.text.as_str(), e.byte_start, e.byte_end, e.start),
            ("", 16, 16, 15)
        );
        let e = Entity::new("", span(3, 7), Label::Misc, 1.0);
        assert_eq!((e.text.as_str(), e.start, e.end), ("", 0, 0));
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
