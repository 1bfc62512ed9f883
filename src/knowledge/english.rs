//! The shared English lexicon (`data/english.toml`, embedded, overridable): lemmas and the
//! grammar words the rule layer needs, independent of any topic.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The embedded English lexicon.
pub(crate) const EMBEDDED_ENGLISH: &str = include_str!("../../data/english.toml");

/// The longest of `entries` (a tag and a lemma sequence) that matches `lemmas` from `pos`:
/// (its tag, end index).
fn longest_at<'e, T: Copy + 'e>(
    entries: impl Iterator<Item = &'e (T, Vec<String>)>,
    lemmas: &[&str],
    pos: usize,
) -> Option<(T, usize)> {
    entries
        .filter(|(_, seq)| {
            lemmas
                .get(pos..pos + seq.len())
                .is_some_and(|w| w.iter().zip(seq).all(|(a, b)| *a == b.as_str()))
        })
        .max_by_key(|(_, seq)| seq.len())
        .map(|(t, seq)| (*t, pos + seq.len()))
}

/// Most words between a phrasal verb and its particle ("pulled **the United States** out").
const PARTICLE_GAP: usize = 4;

/// General English: irregular forms (lemmatisation) and word classes.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct English {
    /// Irregular form → lemma.
    #[serde(default)]
    irregular: HashMap<String, String>,
    /// Words that open a new clause ("but", "if", "unless", …).
    #[serde(default)]
    clause_openers: Vec<String>,
    /// Negators (lowercase forms).
    #[serde(default)]
    negators: Vec<String>,
    /// Modal auxiliaries, followed by a bare infinitive ("should **abandon** the talks").
    #[serde(default)]
    auxiliaries: Vec<String>,
    /// Particles of phrasal verbs, which may follow the verb's object ("pull the US out").
    #[serde(default)]
    particles: Vec<String>,
    /// Words that name news outlets.
    #[serde(default)]
    outlet_words: Vec<String>,
    /// Roles of people who report what others decide ("spokeswoman", "correspondent").
    #[serde(default)]
    reporting_roles: Vec<String>,
    /// Familiar given names → their formal forms ("Bob" → "Robert").
    #[serde(default)]
    given_names: HashMap<String, Vec<String>>,
    /// Lower-case particles of personal names ("bin", "van").
    #[serde(default)]
    name_particles: Vec<String>,
    /// Verbs of saying (lemmas).
    #[serde(default)]
    saying_verbs: Vec<String>,
    /// Verbs whose object receives a message ("told X", "assured X"), and nouns of messages
    /// whose "to" names the recipient ("a letter to X"): lemmas.
    #[serde(default)]
    recipient_verbs: Vec<String>,
    #[serde(default)]
    message_nouns: Vec<String>,
    /// Prepositions whose object is the counterpart of a relation ("talks with X").
    #[serde(default)]
    counterpart_prepositions: Vec<String>,
    /// Verbs of advice that urge with an object and a to-infinitive ("warned Iran to …").
    #[serde(default)]
    directive_verbs: Vec<String>,
    /// Prepositions among the stance families ("against"): a side only on their own object.
    #[serde(default)]
    prepositional_predicates: Vec<String>,
    /// Prepositions of circumstance ("amid", "despite"): a relation term in their phrase
    /// is the setting of what the sentence says, not its topic.
    #[serde(default)]
    circumstantial_prepositions: Vec<String>,
    /// Words that open a hypothesis: the subject after one states no act of its own
    /// (lowercase forms).
    #[serde(default)]
    hypothetical_markers: Vec<String>,
    /// Participles of purpose that make the infinitive after them the noun's ("a bill
    /// **designed** to kill the talks"; lowercase forms).
    #[serde(default)]
    purpose_participles: Vec<String>,
    /// Modals of obligation (lowercase forms).
    #[serde(default)]
    deontic_modals: Vec<String>,
    /// Verbs of meeting (lemmas).
    #[serde(default)]
    meeting_verbs: Vec<String>,
    /// Nouns naming both parties after "both" / "the two" (lowercase forms).
    #[serde(default)]
    pair_nouns: Vec<String>,
    /// Nouns of a post held at another body ("mission to the UN"; lemmas).
    #[serde(default)]
    post_nouns: Vec<String>,
    /// Verbs of demand (lowercase forms).
    #[serde(default)]
    demand_verbs: Vec<String>,
    /// Nouns for a leader's government before a possessive (lowercase forms).
    #[serde(default)]
    government_nouns: Vec<String>,
    /// Nouns of an action on the relation with their preposition ("end to"), as written.
    #[serde(default)]
    relation_nouns: RawRelationVerbs,
    /// (noun, preposition) → what the noun does to the relation (filled after parsing).
    #[serde(skip)]
    relation_noun_classes: HashMap<(String, String), VerbClass>,
    /// Verbs of approval and disapproval of another's act, and nouns of acts (lemmas).
    #[serde(default)]
    approval_verbs: Vec<String>,
    #[serde(default)]
    disapproval_verbs: Vec<String>,
    #[serde(default)]
    act_nouns: Vec<String>,
    /// Scope words of the cue patterns, shared by every topic (`[lexicon]`).
    #[serde(default)]
    pub(crate) lexicon: ScopeWords,
    /// Stance-predicate families, as written in the file.
    #[serde(default)]
    families: RawFamilies,
    /// The families as lemma sequences (filled after parsing).
    #[serde(skip)]
    lemma_families: Vec<(Family, Vec<String>)>,
    /// Indices into `lemma_families` by first lemma (filled after parsing): a look-up per
    /// token reads only the entries that can start there.
    #[serde(skip)]
    family_index: HashMap<String, Vec<usize>>,
    /// Condition markers that are temporal before a time expression, and time words.
    #[serde(default)]
    temporal: RawTemporal,
    /// Evaluative predicates, copulas and verbs of naming, as written in the file.
    #[serde(default)]
    evaluative: RawEvaluative,
    /// The evaluative words as lemma sequences (`true`: positive), filled after parsing.
    #[serde(skip)]
    lemma_evaluative: Vec<(bool, Vec<String>)>,
    /// Verbs that make or undo a relation, as written in the file.
    #[serde(default)]
    relation_verbs: RawRelationVerbs,
    /// Their lemmas (filled after parsing).
    #[serde(skip)]
    verb_classes: HashMap<String, VerbClass>,
    /// The word lists looked up per token ([`Words`]), filled after parsing: lemmatised
    /// where they are matched on lemmas, so a look-up does not lemmatise them again.
    #[serde(skip)]
    words: [HashSet<String>; Words::COUNT],
}

/// A word list of the lexicon looked up per token, by [`English::is`]. The lists of verbs
/// and nouns are matched on lemmas, those of prepositions and outlet words on the lowercase
/// form (each variant says which).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Words {
    /// Verbs of saying ("say", "tell", "add", "announce"): lemma.
    Saying,
    /// Verbs whose object receives a message ("tell", "assure"): lemma.
    Recipient,
    /// Nouns of messages whose "to" names the recipient ("letter", "message"): lemma.
    Message,
    /// Linking verbs ("be", "seem", "prove"): lemma.
    Copula,
    /// Verbs that name their object as something ("call", "describe", "consider"): lemma.
    Naming,
    /// Verbs of advice that urge with an object and a to-infinitive ("warn", "caution"): lemma.
    Directive,
    /// Prepositions whose object is the counterpart of a relation ("talks **with** X"): form.
    CounterpartPreposition,
    /// Prepositions among the stance families ("against"): a side only on their own
    /// object: form.
    PrepositionalPredicate,
    /// Prepositions of circumstance ("amid", "despite"): form.
    Circumstantial,
    /// Words that name news outlets ("agency", "Reuters"): lowercase form.
    Outlet,
    /// Verbs of approval of another's act ("welcome", "hail"): lemma.
    Approval,
    /// Verbs of disapproval of another's act ("criticize", "regret"): lemma.
    Disapproval,
    /// Nouns of an act ("decision", "move", "step"): lemma.
    Act,
    /// Modals of obligation ("must", "should"): form.
    Deontic,
    /// Verbs of meeting ("meet", "talk"): lemma.
    Meeting,
    /// Verbs of demand ("insisted", "demanded"): form.
    Demand,
    /// Nouns for a leader's government ("administration"): form.
    Government,
    /// Nouns that, after "both" or "the two", name the two parties of a relation already
    /// established ("the two sides", "both governments"): form.
    Pair,
    /// Nouns of a post held at another body ("mission", "ambassador"): lemma.
    Post,
    /// Participles of purpose ("designed", "intended" to …): form.
    Purpose,
    /// Words that open a hypothesis ("if", "unless"): form.
    Hypothetical,
}

impl Words {
    /// How many lists there are: [`English::is`] indexes an array by the variant.
    const COUNT: usize = Words::Hypothetical as usize + 1;
}

/// `[temporal]`: "until November", "until the end of August" are times, not conditions.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemporal {
    #[serde(default)]
    markers: Vec<String>,
    #[serde(default)]
    time_words: Vec<String>,
    /// Markers that order events ("before"): a condition only after a deontic word.
    #[serde(default)]
    ordered: Vec<String>,
    /// Deontic words ("must", "should", "first") that make an ordering marker a condition.
    #[serde(default)]
    deontics: Vec<String>,
}

/// `[evaluative]`: words that judge what they are said of, read only in predicate position
/// ("the deal is a **mistake**", "called the talks **productive**").
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvaluative {
    #[serde(default)]
    negative: Vec<String>,
    #[serde(default)]
    positive: Vec<String>,
    /// Linking verbs ("be", "seem", "prove").
    #[serde(default)]
    copulas: Vec<String>,
    /// Verbs that name their object as something ("call", "describe … as", "consider").
    #[serde(default)]
    naming: Vec<String>,
}

/// What a verb governed by a stance predicate does to a relation (`[relation_verbs]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum VerbClass {
    /// Makes, keeps or joins it ("reach", "sign", "save", "resume").
    Keep,
    /// Undoes it ("scrap", "abandon", "withdraw").
    Undo,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelationVerbs {
    #[serde(default)]
    keep: Vec<String>,
    #[serde(default)]
    undo: Vec<String>,
}

/// The scope words of the cue patterns (`[lexicon]` of `data/english.toml`; a topic file may
/// add its own): negation, hedges, condition markers, limiting forms, modals.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScopeWords {
    /// Negators and negative-polarity verbs with "to".
    #[serde(default)]
    pub(crate) negators: Vec<String>,
    /// Epistemic hedges.
    #[serde(default)]
    pub(crate) hedges: Vec<String>,
    /// Condition markers.
    #[serde(default)]
    pub(crate) conditions: Vec<String>,
    /// Limiting forms.
    #[serde(default)]
    pub(crate) limiters: Vec<String>,
    /// Modals and semi-modals of intent.
    #[serde(default)]
    pub(crate) modals: Vec<String>,
    /// Condition markers that open a protasis ("if", "once"): what follows them up to the
    /// clause's end is the condition, the rest of the sentence its consequence.
    #[serde(default)]
    pub(crate) protases: Vec<String>,
    /// Condition markers of an exchange ("in return for"): after a clause that describes a
    /// relation they name its terms, not a condition.
    #[serde(default)]
    pub(crate) exchanges: Vec<String>,
    /// Adversative conjunctions ("but", "yet"): the clause after one contrasts with the one
    /// before.
    #[serde(default)]
    pub(crate) adversatives: Vec<String>,
    /// Verbs of concession ("give up", "bow to", "compromise on"): negated in an adversative
    /// clause after the holder's support, what the holder will not pay for the relation.
    #[serde(default)]
    pub(crate) reservations: Vec<String>,
    /// Nouns of coercion ("pressure", "threat"): "under" with one of them at most four words
    /// on ("under a policy of maximum pressure") is a condition marker.
    #[serde(default)]
    pub(crate) coercions: Vec<String>,
    /// Predicates of consent ("want", "are ready"): a protasis that says only that the other
    /// side consents to the relation ("if they want to talk") states no condition.
    #[serde(default)]
    pub(crate) consents: Vec<String>,
}

impl ScopeWords {
    /// These words followed by `more` (a topic's own), without repeats.
    pub(crate) fn with(&self, more: &ScopeWords) -> ScopeWords {
        let join = |a: &[String], b: &[String]| -> Vec<String> {
            let mut v = a.to_vec();
            for w in b {
                if !v.contains(w) {
                    v.push(w.clone());
                }
            }
            v
        };
        ScopeWords {
            negators: join(&self.negators, &more.negators),
            hedges: join(&self.hedges, &more.hedges),
            conditions: join(&self.conditions, &more.conditions),
            limiters: join(&self.limiters, &more.limiters),
            modals: join(&self.modals, &more.modals),
            protases: join(&self.protases, &more.protases),
            exchanges: join(&self.exchanges, &more.exchanges),
            adversatives: join(&self.adversatives, &more.adversatives),
            reservations: join(&self.reservations, &more.reservations),
            coercions: join(&self.coercions, &more.coercions),
            consents: join(&self.consents, &more.consents),
        }
    }
}

/// A stance-predicate family of the English lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    /// Rejecting, criticising, withdrawing, evaluative "mistake" …
    Oppose,
    /// Welcoming, urging, seeking, taking part …
    Support,
    /// Intending or committing ("vow", "plan", "threaten"): a stance only through the verb it
    /// governs ("vowed to scrap the deal", "plans to resume talks").
    Intent,
}

#[derive(Clone, Debug, Default, Deserialize)]
struct RawFamilies {
    #[serde(default)]
    oppose: Vec<String>,
    #[serde(default)]
    support: Vec<String>,
    #[serde(default)]
    intent: Vec<String>,
}

impl English {
    /// The embedded lexicon (parsed once).
    pub(crate) fn embedded() -> &'static English {
        Self::cell()
    }

    /// The embedded lexicon, shared: an analyzer holds it without copying it.
    pub(crate) fn shared() -> Arc<English> {
        Arc::clone(Self::cell())
    }

    fn cell() -> &'static Arc<English> {
        static CELL: OnceLock<Arc<English>> = OnceLock::new();
        CELL.get_or_init(|| {
            // The embedded file is checked by a unit test; an empty lexicon is the fallback.
            Arc::new(
                English::from_toml_str(EMBEDDED_ENGLISH, "data/english.toml").unwrap_or_default(),
            )
        })
    }

    /// Parse a lexicon file.
    pub(crate) fn from_toml_str(src: &str, path: &str) -> Result<English> {
        let mut e: English = toml::from_str(src).map_err(|e| Error::from_toml(path, src, &e))?;
        let fams = [
            (Family::Oppose, e.families.oppose.clone()),
            (Family::Support, e.families.support.clone()),
            (Family::Intent, e.families.intent.clone()),
        ];
        for (f, items) in fams {
            for seq in e.lemma_sequences(&items) {
                e.family_index
                    .entry(seq[0].clone())
                    .or_default()
                    .push(e.lemma_families.len());
                e.lemma_families.push((f, seq));
            }
        }
        let classes = [
            (VerbClass::Keep, e.relation_verbs.keep.clone()),
            (VerbClass::Undo, e.relation_verbs.undo.clone()),
        ];
        for (c, items) in classes {
            for item in items {
                // a two-word verb ("vote down") is keyed by its verb's lemma and the particle
                let item = item.trim().to_lowercase();
                let (verb, rest) = item.split_once(' ').unwrap_or((&item, ""));
                let l = e.lemma(verb);
                let key = if rest.is_empty() {
                    l
                } else {
                    format!("{l} {rest}")
                };
                e.verb_classes.insert(key, c);
            }
        }
        let nouns = [
            (VerbClass::Keep, e.relation_nouns.keep.clone()),
            (VerbClass::Undo, e.relation_nouns.undo.clone()),
        ];
        for (c, items) in nouns {
            for item in items {
                let item = item.trim().to_lowercase();
                if let Some((noun, prep)) = item.split_once(' ') {
                    e.relation_noun_classes
                        .insert((noun.to_string(), prep.trim().to_string()), c);
                }
            }
        }
        let lemmas = |items: &[String]| items.iter().map(|n| e.lemma(n)).collect::<HashSet<_>>();
        let forms = |items: &[String]| {
            items
                .iter()
                .map(|n| n.to_lowercase())
                .collect::<HashSet<_>>()
        };
        let lists = [
            (Words::Saying, lemmas(&e.saying_verbs)),
            (Words::Recipient, lemmas(&e.recipient_verbs)),
            (Words::Message, lemmas(&e.message_nouns)),
            (Words::Copula, lemmas(&e.evaluative.copulas)),
            (Words::Naming, lemmas(&e.evaluative.naming)),
            (Words::Directive, lemmas(&e.directive_verbs)),
            (
                Words::CounterpartPreposition,
                forms(&e.counterpart_prepositions),
            ),
            (
                Words::PrepositionalPredicate,
                forms(&e.prepositional_predicates),
            ),
            (Words::Circumstantial, forms(&e.circumstantial_prepositions)),
            (Words::Outlet, forms(&e.outlet_words)),
            (Words::Approval, lemmas(&e.approval_verbs)),
            (Words::Disapproval, lemmas(&e.disapproval_verbs)),
            (Words::Act, lemmas(&e.act_nouns)),
            (Words::Deontic, forms(&e.deontic_modals)),
            (Words::Meeting, lemmas(&e.meeting_verbs)),
            (Words::Demand, forms(&e.demand_verbs)),
            (Words::Government, forms(&e.government_nouns)),
            (Words::Pair, forms(&e.pair_nouns)),
            (Words::Post, lemmas(&e.post_nouns)),
            (Words::Purpose, forms(&e.purpose_participles)),
            (Words::Hypothetical, forms(&e.hypothetical_markers)),
        ];
        for (list, set) in lists {
            e.words[list as usize] = set;
        }
        let evaluative = [
            (false, e.evaluative.negative.clone()),
            (true, e.evaluative.positive.clone()),
        ];
        for (positive, items) in evaluative {
            let seqs = e.lemma_sequences(&items);
            e.lemma_evaluative
                .extend(seqs.into_iter().map(|seq| (positive, seq)));
        }
        Ok(e)
    }

    /// Each non-empty entry of `items` as the lemmas of its words.
    fn lemma_sequences(&self, items: &[String]) -> Vec<Vec<String>> {
        items
            .iter()
            .map(|item| {
                item.split_whitespace()
                    .map(|w| self.lemma(&w.to_lowercase()))
                    .collect::<Vec<_>>()
            })
            .filter(|seq| !seq.is_empty())
            .collect()
    }

    /// The class of a verb lemma in `[relation_verbs]`, if listed.
    pub(crate) fn verb_class(&self, lemma: &str) -> Option<VerbClass> {
        self.verb_classes.get(lemma).copied()
    }

    /// What a noun of action with its preposition does to the relation that is its object
    /// ("end" "to" → undo, "return" "to" → keep; `[relation_nouns]`), lowercase forms.
    pub(crate) fn relation_noun(&self, noun: &str, prep: &str) -> Option<VerbClass> {
        self.relation_noun_classes
            .get(&(noun.to_string(), prep.to_string()))
            .copied()
    }

    /// Whether the lowercase word `w` is a modal auxiliary (it governs a bare infinitive).
    pub(crate) fn is_auxiliary(&self, w: &str) -> bool {
        self.auxiliaries.iter().any(|n| n == w)
    }

    /// Whether the lowercase word `w` is a negator.
    pub(crate) fn is_negator(&self, w: &str) -> bool {
        self.negators.iter().any(|n| n == w)
    }

    /// Whether a role (any case) is one of people who report what others decide
    /// ("Deputy Spokeswoman", "Correspondent").
    pub(crate) fn is_reporting_role(&self, role: &str) -> bool {
        let r = role.to_lowercase();
        self.reporting_roles
            .iter()
            .any(|x| r == *x || r.ends_with(&format!(" {x}")))
    }

    /// Whether `w` (lower-case) is a particle of personal names ("bin", "van").
    pub(crate) fn is_name_particle(&self, w: &str) -> bool {
        self.name_particles.iter().any(|p| p == w)
    }

    /// The formal forms of a familiar given name ("Bob" → ["Robert"]); empty when it is none.
    pub(crate) fn given_name_variants(&self, name: &str) -> &[String] {
        self.given_names.get(name).map_or(&[], Vec::as_slice)
    }

    /// Whether `w` is in the word list `list`: a lemma or a lowercase form, as the list's
    /// [`Words`] variant says.
    pub(crate) fn is(&self, list: Words, w: &str) -> bool {
        self.words[list as usize].contains(w)
    }

    /// The longest family entry whose lemmas start at `lemmas[pos]`: (family, end index).
    /// A phrasal verb may take its object before the particle ("pulled the US **out**",
    /// "tear it **up**"): a two-word entry ending in a particle (`particles`) also matches
    /// with up to [`PARTICLE_GAP`] words between, ending after the particle.
    pub(crate) fn family_at(&self, lemmas: &[&str], pos: usize) -> Option<(Family, usize)> {
        let first = *lemmas.get(pos)?;
        let candidates = || {
            self.family_index
                .get(first)
                .into_iter()
                .flatten()
                .map(|&i| &self.lemma_families[i])
        };
        longest_at(candidates(), lemmas, pos).or_else(|| {
            candidates().find_map(|(f, seq)| {
                let [verb, particle] = seq.as_slice() else {
                    return None;
                };
                if lemmas.get(pos) != Some(&verb.as_str()) || !self.particles.contains(particle) {
                    return None;
                }
                (pos + 2..(pos + 2 + PARTICLE_GAP).min(lemmas.len()))
                    .find(|&k| lemmas[k] == particle.as_str())
                    .map(|k| (*f, k + 1))
            })
        })
    }

    /// The longest evaluative entry whose lemmas start at `lemmas[pos]`: (positive, end).
    pub(crate) fn evaluative_at(&self, lemmas: &[&str], pos: usize) -> Option<(bool, usize)> {
        longest_at(self.lemma_evaluative.iter(), lemmas, pos)
    }

    /// Whether the mention whose first word is `toks[i]` is the subject of a hypothesis: a
    /// hypothetical marker before it, over an article ("if **the United States** lifted
    /// sanctions").
    pub(crate) fn hypothetical_subject(&self, toks: &[&str], i: usize) -> bool {
        (0..i)
            .rev()
            .find(|&k| !matches!(toks[k], "the" | "a" | "an"))
            .is_some_and(|k| self.is(Words::Hypothetical, toks[k]))
    }

    /// Whether the lowercase word `w` is an irregular inflected form ("held", "taken").
    pub(crate) fn is_irregular_form(&self, w: &str) -> bool {
        self.irregular.get(w).is_some_and(|l| l != w)
    }

    /// Condition markers that are temporal prepositions before a time expression.
    pub(crate) fn temporal_markers(&self) -> &[String] {
        &self.temporal.markers
    }

    /// Words that start a time expression (months, days, "end", "next", …).
    pub(crate) fn time_words(&self) -> &[String] {
        &self.temporal.time_words
    }

    /// Markers that order events ("before"), conditions only after a deontic word.
    pub(crate) fn ordered_markers(&self) -> &[String] {
        &self.temporal.ordered
    }

    /// Whether the lowercase word `w` opens a phrase of time or circumstance (a
    /// circumstantial preposition, "amid", "despite", or a marker that orders events, "before",
    /// "after"): a relation term inside it is the setting of a predicate before it, not its
    /// object ("halted enrichment before the talks").
    pub(crate) fn opens_adjunct(&self, w: &str) -> bool {
        self.is(Words::Circumstantial, w) || self.temporal.ordered.iter().any(|o| o == w)
    }

    /// Deontic words ("must", "should", "first").
    pub(crate) fn deontics(&self) -> &[String] {
        &self.temporal.deontics
    }

    /// Whether the lowercase word `w` opens a clause.
    pub(crate) fn opens_clause(&self, w: &str) -> bool {
        self.clause_openers.iter().any(|c| c == w)
    }

    /// The lemma of a lowercase word: an irregular form's base (stemmed like a regular
    /// word), else the word without a
    /// regular inflection (-s, -es, -ies, -ed, -ing) and without a final silent -e, so that
    /// every form of a verb or noun maps to one key ("urges", "urged", "urging" → "urg").
    pub(crate) fn lemma(&self, w: &str) -> String {
        // an irregular form's base goes through the regular stemming too, so that "wrote"
        // and "write" (stemmed "writ") share a lemma; a word listed as its own lemma
        // ("according") is kept whole
        match self.irregular.get(w) {
            Some(base) if base == w => base.clone(),
            Some(base) => lemma_regular(base),
            None => lemma_regular(w),
        }
    }
}

fn undouble(stem: &str) -> &str {
    let b = stem.as_bytes();
    let n = b.len();
    if n >= 3 && b[n - 1] == b[n - 2] && b"bdgmnprt".contains(&b[n - 1]) {
        &stem[..n - 1]
    } else {
        stem
    }
}

fn drop_e(stem: &str) -> String {
    if stem.len() > 3 && stem.ends_with('e') && !stem.ends_with("ee") {
        stem[..stem.len() - 1].to_string()
    } else {
        stem.to_string()
    }
}

/// Regular English inflection (see [`English::lemma`]). Only ASCII words are touched.
fn lemma_regular(w: &str) -> String {
    if !w.is_ascii() || !w.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') {
        return w.to_string();
    }
    let n = w.len();
    if n > 4 && (w.ends_with("ies") || w.ends_with("ied")) {
        return format!("{}y", &w[..n - 3]);
    }
    if n > 5 && w.ends_with("ing") {
        return drop_e(undouble(&w[..n - 3]));
    }
    if n > 4 && w.ends_with("ed") && !w.ends_with("eed") {
        return drop_e(undouble(&w[..n - 2]));
    }
    if n > 4
        && (w.ends_with("sses") || w.ends_with("ches") || w.ends_with("shes") || w.ends_with("xes"))
    {
        return w[..n - 2].to_string();
    }
    if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return drop_e(&w[..n - 1]);
    }
    drop_e(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_parses() {
        English::from_toml_str(EMBEDDED_ENGLISH, "data/english.toml").expect("embedded english");
    }

    #[test]
    fn inflections_share_a_lemma() {
        let e = English::embedded();
        for group in [
            &["urge", "urges", "urged", "urging"][..],
            &["negotiate", "negotiates", "negotiated", "negotiating"],
            &["talk", "talks", "talked", "talking"],
            &["stop", "stopped", "stopping", "stops"],
            &["rule", "ruled", "ruling", "rules"],
            &["try", "tries", "tried"],
            &["say", "said", "says"],
            &["seek", "sought", "seeks"],
            &["boycott", "boycotts", "boycotted", "boycotting"],
            &["write", "wrote", "written", "writes"],
            &["take", "took", "taken", "taking"],
            &["make", "made", "makes"],
        ] {
            let l = e.lemma(group[0]);
            for w in group {
                assert_eq!(e.lemma(w), l, "{w} vs {}", group[0]);
            }
        }
        assert_ne!(e.lemma("us"), e.lemma("u"));
        assert_eq!(e.lemma("need"), "need");
        assert_eq!(e.lemma("process"), "process");
        // a preposition is no inflection of the noun it looks like
        assert_ne!(e.lemma("according"), e.lemma("accord"));
        assert_ne!(e.lemma("regarding"), e.lemma("regard"));
    }

    #[test]
    fn families_match_any_inflection() {
        let e = English::embedded();
        let lem = |t: &str| t.split(' ').map(|w| e.lemma(w)).collect::<Vec<_>>();
        for (t, f) in [
            ("welcomed", Family::Support),
            ("urging", Family::Support),
            ("rejects", Family::Oppose),
            ("withdrew", Family::Oppose),
            ("pulled out", Family::Oppose),
            ("worst", Family::Oppose),
        ] {
            let l = lem(t);
            let w: Vec<&str> = l.iter().map(String::as_str).collect();
            assert_eq!(e.family_at(&w, 0).map(|x| x.0), Some(f), "{t}");
        }
        assert_eq!(e.family_at(&["table"], 0), None);
        // a phrasal verb with its object before the particle
        let w: Vec<String> = "pulled the united states out of the deal"
            .split(' ')
            .map(|x| e.lemma(x))
            .collect();
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        assert_eq!(e.family_at(&w, 0), Some((Family::Oppose, 5)));
        let far: Vec<String> = "pulled a b c d e out"
            .split(' ')
            .map(|x| e.lemma(x))
            .collect();
        let far: Vec<&str> = far.iter().map(String::as_str).collect();
        assert_eq!(e.family_at(&far, 0), None);
    }
}
