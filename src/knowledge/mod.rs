//! Knowledge kept apart from the topic: general English (lemmas, negation, modality,
//! conditions, stance-predicate families).

pub(crate) mod english;
