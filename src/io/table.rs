//! The plain-text table of one analysis (entities, then actors with their evidence), as the
//! `detente tag` command prints it by default.

use std::io::Write;

use crate::error::{Error, Result};
use crate::report::Analysis;

/// Write the entity table and the actor table of `analysis` to `out`.
///
/// ```
/// let mut out = Vec::new();
/// detente::io::write_table(&mut out, &detente::Analysis::default())?;
/// assert!(String::from_utf8(out).unwrap().starts_with("ENTITY"));
/// # Ok::<(), detente::Error>(())
/// ```
pub fn write_table(out: &mut dyn Write, analysis: &Analysis) -> Result<()> {
    table(out, analysis).map_err(|source| Error::Output { source })
}

fn table(out: &mut dyn Write, a: &Analysis) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<28} {:<13} {:>6} {:>6} {:>5} {:<4}",
        "ENTITY", "LABEL", "START", "END", "SCORE", "ISO"
    )?;
    for e in &a.entities {
        writeln!(
            out,
            "{:<28} {:<13} {:>6} {:>6} {:>5.2} {:<4}",
            truncate(&e.text, 28),
            e.label.as_str(),
            e.start,
            e.end,
            e.score,
            e.country.as_deref().unwrap_or("-")
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<3} {:<26} {:<13} {:<4} {:<18} {:<11} {:>4} {:>4}",
        "ID", "ACTOR", "KIND", "ISO", "ROLE", "STANCE", "CONF", "MENT"
    )?;
    for act in &a.actors {
        writeln!(
            out,
            "{:<3} {:<26} {:<13} {:<4} {:<18} {:<11} {:>4.2} {:>4}",
            act.id,
            truncate(&act.name, 26),
            act.kind.as_str(),
            act.country.as_deref().unwrap_or("-"),
            truncate(act.role.as_deref().unwrap_or("-"), 18),
            act.stance.as_str(),
            act.confidence,
            act.mentions.len()
        )?;
        for ev in &act.evidence {
            writeln!(
                out,
                "      {} [{}{}] \"{}\"",
                ev.rule,
                ev.cue,
                if ev.quote { ", quote" } else { "" },
                truncate(&ev.text, 90)
            )?;
        }
    }
    Ok(())
}

/// `s` cut to at most `n` chars, the last one an ellipsis when cut.
fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_chars_with_an_ellipsis() {
        assert_eq!(truncate("Zarif", 10), "Zarif");
        assert_eq!(truncate("Mohammad Javad Zarif", 8), "Mohamma…");
        assert_eq!(truncate("ééééé", 3), "éé…");
    }
}
