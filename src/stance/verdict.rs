//! From cue hits to each actor's verdict: aggregation of the hits' stances and weights,
//! confidence, and the evidence kept.

use super::Hit;
use crate::actors::ActorData;
use crate::report::{ActorKind, Stance};

/// A piece of text that supports an actor's stance, in bytes: what becomes a
/// [`crate::report::Evidence`] at the end.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cited {
    /// The evidence span (a clause or sentence): byte start, byte end (exclusive).
    pub(crate) span: (usize, usize),
    /// The cue phrase that fired: byte start, byte end (exclusive).
    pub(crate) cue: (usize, usize),
    /// The rule id (e.g. `support.need`).
    pub(crate) rule: String,
    /// Whether the evidence is inside a direct quotation.
    pub(crate) quote: bool,
}

/// One actor's stance as the stance stage finds it: the output of [`super::assess`].
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Verdict {
    /// Stance toward the topic.
    pub(crate) stance: Stance,
    /// Confidence in the stance, 0–1.
    pub(crate) confidence: f32,
    /// Why: at least one item for every non-neutral stance.
    pub(crate) evidence: Vec<Cited>,
}

/// Each actor's verdict from its cue hits (news outlets hold none).
pub(super) fn verdicts(actors: &[ActorData], hits: &[Hit]) -> Vec<Verdict> {
    let mut by_actor: Vec<Vec<&Hit>> = vec![Vec::new(); actors.len()];
    for h in hits {
        if let Some(v) = by_actor.get_mut(h.actor) {
            v.push(h);
        }
    }
    actors
        .iter()
        .zip(by_actor)
        .map(|(actor, mine)| {
            // News outlets of the actor data report what others say: they hold no stance
            // (annotation guideline: "cited outlets (neutral)").
            if is_media(actor) {
                return Verdict::default();
            }
            let (stance, confidence, ev) = aggregate(&mine);
            let evidence = ev
                .into_iter()
                .map(|h| Cited {
                    span: h.evidence,
                    cue: h.cue,
                    rule: h.rule.clone(),
                    quote: h.quote,
                })
                .collect();
            Verdict {
                stance,
                confidence,
                evidence,
            }
        })
        .collect()
}

/// Whether the actor data made this organization a news outlet (CAMEO media code `…MED`;
/// a person's `MED` role code, e.g. a spokeswoman's, does not count).
pub(super) fn is_media(actor: &ActorData) -> bool {
    actor.kind == ActorKind::Organization
        && actor.code.as_deref().is_some_and(|c| c.ends_with("MED"))
}

pub(super) fn aggregate<'h>(hits: &[&'h Hit]) -> (Stance, f32, Vec<&'h Hit>) {
    if hits.is_empty() {
        return (Stance::Neutral, 0.5, Vec::new());
    }
    // Deduplicate: one hit per (cue span, stance).
    let mut seen = std::collections::HashSet::new();
    let uniq: Vec<&Hit> = hits
        .iter()
        .copied()
        .filter(|h| seen.insert((h.cue, h.stance, h.open)))
        .collect();
    let sum =
        |f: &dyn Fn(&Hit) -> bool| uniq.iter().filter(|h| f(h)).map(|h| h.weight).sum::<f32>();
    let sup = sum(&|h| h.stance == Stance::Support && !h.open);
    let open = sum(&|h| h.open);
    let opp = sum(&|h| h.stance == Stance::Oppose);
    let opp_lim = sum(&|h| h.stance == Stance::Oppose && h.limited);
    // a reservation ("would never give up enrichment") yields to an outright rejection
    let rejects = opp - opp_lim > 1e-6 && sup == 0.0 && open == 0.0;
    let cond = sum(&|h| h.stance == Stance::Conditional && !(h.reservation && rejects));
    type Side = Box<dyn Fn(&Hit) -> bool>;
    // A condition the actor states makes its stance conditional whatever else it supports or
    // takes part in (guideline: "accepts only under stated conditions"; "will hold talks" and
    // "a deal would require Iran to ..." together are conditional).
    let (stance, side): (Stance, Side) = if cond > 0.0 {
        (
            Stance::Conditional,
            Box::new(|h: &Hit| h.stance == Stance::Conditional || h.limited || h.open || h.talks),
        )
    } else if opp > 0.0 && (opp - opp_lim) < 1e-6 && (sup > 0.0 || open > 0.0) {
        (Stance::Conditional, Box::new(|_: &Hit| true))
    } else if sup > 0.0 && opp > 0.0 {
        if sup >= 2.0 * opp {
            (
                Stance::Support,
                Box::new(|h: &Hit| h.stance == Stance::Support),
            )
        } else if opp >= 2.0 * sup {
            (
                Stance::Oppose,
                Box::new(|h: &Hit| h.stance == Stance::Oppose),
            )
        } else {
            (Stance::Conditional, Box::new(|_: &Hit| true))
        }
    } else if sup > 0.0 {
        (
            Stance::Support,
            Box::new(|h: &Hit| h.stance == Stance::Support),
        )
    } else if opp > 0.0 {
        (
            Stance::Oppose,
            Box::new(|h: &Hit| h.stance == Stance::Oppose),
        )
    } else if open > 0.0 {
        (Stance::Conditional, Box::new(|h: &Hit| h.open))
    } else {
        return (Stance::Neutral, 0.4, Vec::new());
    };
    let mut ev: Vec<&Hit> = uniq.into_iter().filter(|h| side(h)).collect();
    // one item per evidence span; of the hits in one span, one of the verdict's own stance
    // explains it ("ready for talks but would not give up …" shows the reservation)
    ev.sort_by_key(|h| (h.evidence, h.stance != stance, h.cue.0));
    ev.dedup_by_key(|h| h.evidence);
    ev.sort_by_key(|h| h.cue.0);
    let w: f32 = ev.iter().map(|h| h.weight).sum();
    let all_hedged = ev.iter().all(|h| h.hedged);
    let mut conf = 0.4 + 0.2 * w;
    if all_hedged {
        conf *= 0.75;
    }
    ev.truncate(5);
    (stance, conf.clamp(0.3, 0.95), ev)
}
