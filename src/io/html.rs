//! A self-contained HTML report (no scripts, no network): the article with its entities
//! highlighted by label and the stance evidence underlined in the stance's colour and marked
//! with its rule, then the actors with country, role and stance.
//!
//! One page holds one or many documents: [`write_html`] for one, [`HtmlReport`] to stream many
//! (each document is written as it comes, so a corpus never sits in memory).

use std::io::Write;

use crate::error::{Error, Result};
use crate::report::{Analysis, Stance};

const STYLE: &str = r#"
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
header{background:#1d2330;color:#fff;padding:14px 28px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;font-size:13px;color:#b8c0cf}
section.doc{background:#fff;margin:20px 28px;padding:18px 24px;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
section.doc h2{margin:0 0 10px;font-size:17px}
.legend span{margin-right:10px;font-size:12px}
.text{white-space:pre-wrap;line-height:2.1;font-size:15px;max-width:980px}
mark.ent{padding:1px 3px;border-radius:4px;color:inherit}
mark.ent sub{font-size:9px;font-weight:700;margin-left:3px;letter-spacing:.03em;opacity:.75}
.PERSON{background:#ddd6fe}.ORGANIZATION{background:#fed7aa}.LOCATION{background:#bfdbfe}
.MISC{background:#e5e7eb}.COUNTRY{background:#bbf7d0}
.ev{border-bottom:3px solid #9ca3af;padding-bottom:1px}
.ev.support{border-color:#16a34a}.ev.oppose{border-color:#dc2626}.ev.conditional{border-color:#d97706}
sup.rule{font-size:10px;font-family:ui-monospace,Menlo,monospace;padding:0 4px;border-radius:3px;color:#fff;margin-left:2px}
sup.rule.support,.stance.support{background:#16a34a}sup.rule.oppose,.stance.oppose{background:#dc2626}
sup.rule.conditional,.stance.conditional{background:#d97706}.stance.neutral{background:#9ca3af}
table{border-collapse:collapse;margin-top:16px;font-size:13px;width:100%;max-width:980px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top}
th{font-size:11px;text-transform:uppercase;color:#6b7280}
.stance{color:#fff;padding:1px 7px;border-radius:10px;font-size:12px}
td code{font-size:11px;background:#f3f4f6;padding:0 3px;border-radius:3px}
"#;

/// A page of one or more document reports, written to `W` as documents arrive.
#[derive(Debug)]
pub struct HtmlReport<W: Write> {
    out: W,
    docs: usize,
}

impl<W: Write> HtmlReport<W> {
    /// Start a page titled `title` (writes the header and the style sheet).
    pub fn new(mut out: W, title: &str) -> Result<Self> {
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{t}</title><style>{STYLE}</style></head><body>\n<header><h1>{t}</h1>\
             <p>detente {v}: entities by label; stance evidence underlined, with its rule</p>\
             </header>\n",
            t = escape(title),
            v = env!("CARGO_PKG_VERSION"),
        )
        .map_err(|source| Error::Output { source })?;
        Ok(HtmlReport { out, docs: 0 })
    }

    /// Add one document: its `text` and the `analysis` computed from it. `heading` names it
    /// (a file name, an id).
    pub fn document(&mut self, heading: &str, text: &str, analysis: &Analysis) -> Result<()> {
        self.docs += 1;
        let html = render_document(self.docs, heading, text, analysis);
        self.out
            .write_all(html.as_bytes())
            .map_err(|source| Error::Output { source })
    }

    /// Close the page and return the writer (flushed).
    pub fn finish(mut self) -> Result<W> {
        self.out
            .write_all(b"</body></html>\n")
            .and_then(|()| self.out.flush())
            .map_err(|source| Error::Output { source })?;
        Ok(self.out)
    }
}

/// Write a one-document page.
///
/// ```
/// let text = "Iran said yes.";
/// let mut page = Vec::new();
/// detente::io::write_html(&mut page, "example", text, &detente::Analysis::default())?;
/// let page = String::from_utf8(page).unwrap();
/// assert!(page.starts_with("<!DOCTYPE html>") && page.contains("Iran said yes."));
/// # Ok::<(), detente::Error>(())
/// ```
pub fn write_html(out: impl Write, heading: &str, text: &str, analysis: &Analysis) -> Result<()> {
    let mut report = HtmlReport::new(out, heading)?;
    report.document(heading, text, analysis)?;
    report.finish().map(drop)
}

/// `<`, `>`, `&`, `"`, `'` escaped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A highlighted byte range of the text: an entity (label) or evidence (stance, rule, actor).
struct Layer {
    start: usize,
    end: usize,
    class: String,
    /// Shown after the range's last piece.
    badge: String,
}

/// The entity and evidence layers of an analysis, in byte offsets valid for `text` (ranges
/// that do not fit the text are dropped, never sliced).
fn layers(text: &str, a: &Analysis) -> (Vec<Layer>, Vec<Layer>) {
    // char offset -> byte offset (one past the end included).
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let byte = |c: usize| bytes.get(c).copied();
    let ents = a
        .entities
        .iter()
        .filter(|e| e.byte_start < e.byte_end && text.get(e.byte_start..e.byte_end).is_some())
        .map(|e| Layer {
            start: e.byte_start,
            end: e.byte_end,
            class: format!("ent {}", e.label.as_str()),
            badge: format!("<sub>{}</sub>", e.label.as_str()),
        })
        .collect();
    let mut evs = Vec::new();
    for actor in &a.actors {
        for ev in &actor.evidence {
            let (Some(s), Some(e)) = (byte(ev.start), byte(ev.end)) else {
                continue;
            };
            if s >= e {
                continue;
            }
            let stance = actor.stance.as_str();
            evs.push(Layer {
                start: s,
                end: e,
                class: format!("ev {stance}"),
                badge: format!(
                    "<sup class=\"rule {stance}\" title=\"{} &#8594; {stance} (cue: {})\">{}</sup>",
                    escape(&actor.name),
                    escape(&ev.cue),
                    escape(&ev.rule)
                ),
            });
        }
    }
    (ents, evs)
}

/// The article with its layers: the text is cut at every layer boundary, and each piece is
/// wrapped in the evidence spans and the entity mark that cover it (so overlapping layers
/// never produce crossed tags).
fn render_text(text: &str, a: &Analysis) -> String {
    let (ents, evs) = layers(text, a);
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for l in ents.iter().chain(&evs) {
        cuts.push(l.start);
        cuts.push(l.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut html = String::with_capacity(text.len() * 2);
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        let Some(piece) = text.get(s..e) else {
            continue;
        };
        let covering = |l: &&Layer| l.start <= s && e <= l.end;
        let open_evs: Vec<&Layer> = evs.iter().filter(covering).collect();
        let ent = ents.iter().find(covering);
        for l in &open_evs {
            html.push_str(&format!("<span class=\"{}\">", l.class));
        }
        match ent {
            Some(l) => {
                html.push_str(&format!("<mark class=\"{}\">{}", l.class, escape(piece)));
                if l.end == e {
                    html.push_str(&l.badge);
                }
                html.push_str("</mark>");
            }
            None => html.push_str(&escape(piece)),
        }
        for l in open_evs.iter().rev() {
            html.push_str("</span>");
            if l.end == e {
                html.push_str(&l.badge);
            }
        }
    }
    html
}

/// The actors table.
fn render_actors(a: &Analysis) -> String {
    let mut html = String::from(
        "<table><tr><th>#</th><th>actor</th><th>kind</th><th>country</th><th>code</th>\
         <th>role</th><th>stance</th><th>conf.</th><th>mentions</th><th>evidence</th></tr>\n",
    );
    for act in &a.actors {
        let evidence: Vec<String> = act
            .evidence
            .iter()
            .map(|ev| {
                format!(
                    "<code>{}</code> “{}”{}",
                    escape(&ev.rule),
                    escape(&ev.cue),
                    if ev.quote { " (quote)" } else { "" }
                )
            })
            .collect();
        html.push_str(&format!(
            "<tr><td>{}</td><td><b>{}</b></td><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td>\
             <td><span class=\"stance {s}\">{s}</span></td><td>{:.2}</td><td>{}</td><td>{}</td></tr>\n",
            act.id,
            escape(&act.name),
            act.kind.as_str(),
            escape(act.country.as_deref().unwrap_or("–")),
            act.country_source
                .map(|s| format!(" <small>({})</small>", s.as_str()))
                .unwrap_or_default(),
            escape(act.code.as_deref().unwrap_or("–")),
            escape(act.role.as_deref().unwrap_or("–")),
            act.confidence,
            act.mentions.len(),
            evidence.join("<br>"),
            s = act.stance.as_str(),
        ));
    }
    html.push_str("</table>\n");
    html
}

fn render_document(n: usize, heading: &str, text: &str, a: &Analysis) -> String {
    let stances = [
        Stance::Support,
        Stance::Oppose,
        Stance::Conditional,
        Stance::Neutral,
    ];
    let counts: Vec<String> = stances
        .iter()
        .map(|s| {
            let k = a.actors.iter().filter(|x| x.stance == *s).count();
            format!("<span class=\"stance {0}\">{k} {0}</span>", s.as_str())
        })
        .collect();
    let legend: String = crate::entity::Label::ALL
        .iter()
        .map(|l| {
            format!(
                "<span><mark class=\"ent {0}\">{0}</mark></span>",
                l.as_str()
            )
        })
        .collect();
    format!(
        "<section class=\"doc\" id=\"doc-{n}\"><h2>{}</h2>\n<p class=\"legend\">{legend} {}</p>\n\
         <div class=\"text\">{}</div>\n{}</section>\n",
        escape(heading),
        counts.join(" "),
        render_text(text, a),
        render_actors(a),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::{Entity, Label};
    use crate::report::{Actor, ActorKind, CountrySource, Evidence};
    use crate::span::CharIndex;

    fn analysis(text: &str) -> Analysis {
        let ix = CharIndex::new(text);
        let ent = |s: &str, label| {
            let b = text.find(s).unwrap();
            Entity::new(text, ix.span_from_bytes(b, b + s.len()), label, 0.9)
        };
        let quote = "“we need <talks> & more”";
        let qs = text[..text.find(quote).unwrap()].chars().count();
        Analysis {
            id: None,
            entities: vec![ent("Zarif", Label::Person), ent("Iran", Label::Country)],
            actors: vec![Actor {
                id: 0,
                name: "Zarif".into(),
                kind: ActorKind::Person,
                country: Some("IRN".into()),
                country_source: Some(CountrySource::Text),
                code: Some("IRNGOV".into()),
                role: Some("Foreign Minister".into()),
                mentions: vec![],
                stance: Stance::Support,
                confidence: 0.8,
                evidence: vec![Evidence {
                    start: qs,
                    end: qs + quote.chars().count(),
                    text: quote.into(),
                    cue: "need".into(),
                    rule: "support.need".into(),
                    quote: true,
                }],
            }],
        }
    }

    #[test]
    fn marks_entities_and_evidence_and_escapes_the_text() {
        let text = "Zarif of Iran said: “we need <talks> & more”.";
        let html = render_text(text, &analysis(text));
        assert!(html.starts_with(
            "<mark class=\"ent PERSON\">Zarif<sub>PERSON</sub></mark> of <mark class=\"ent COUNTRY\">Iran"
        ));
        assert!(html.contains(
            "<span class=\"ev support\">“we need &lt;talks&gt; &amp; more”</span><sup class=\"rule support\""
        ));
        assert!(html.contains(">support.need</sup>."));
        assert!(!html.contains("<talks>"));
    }

    #[test]
    fn overlapping_layers_never_cross_tags_and_bad_spans_are_dropped() {
        let text = "Iran and Zarif said: “we need <talks> & more”.";
        let mut a = analysis("Zarif of Iran said: “we need <talks> & more”.");
        // Evidence starting inside an entity, and an entity past the end of the text.
        a.actors[0].evidence[0].start = 2;
        a.entities.push(Entity {
            byte_start: 40,
            byte_end: 400,
            ..a.entities[0].clone()
        });
        let html = render_text(text, &a);
        // Every piece closes what it opened: equal numbers of open and close tags.
        assert_eq!(
            html.matches("<mark").count(),
            html.matches("</mark>").count()
        );
        assert_eq!(
            html.matches("<span").count(),
            html.matches("</span>").count()
        );
        let page = {
            let mut v = Vec::new();
            write_html(&mut v, "t<1>", text, &a).unwrap();
            String::from_utf8(v).unwrap()
        };
        assert!(page.contains("<title>t&lt;1&gt;</title>"));
        assert!(page.contains("Foreign Minister") && page.contains("IRN"));
        assert!(
            !page.contains("http"),
            "self-contained: no external resources"
        );
    }
}
