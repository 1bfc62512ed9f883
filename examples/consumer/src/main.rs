//! A user's program: tag an article with detente's default model and print one line per
//! actor (`name<TAB>country<TAB>stance`), then the same through the batch and I/O API.

use detente::Tagger;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: detente-consumer ARTICLE.txt")?;
    let text = std::fs::read_to_string(&path)?;
    let tagger = Tagger::builder().threads(1).build()?; // default model: see the search order
    let analysis = tagger.analyze(&text)?;
    for actor in &analysis.actors {
        let country = actor.country.as_deref().unwrap_or("-");
        println!("{}\t{country}\t{}", actor.name, actor.stance.as_str());
    }
    // One result per document: the bad one does not fail the good one.
    let batch = tagger.analyze_batch(&[text.as_str(), "Iran said it was open to talks."]);
    println!("batch: {} ok", batch.iter().filter(|r| r.is_ok()).count());
    // The JSON Lines protocol of `detente tag --jsonl`, from the library.
    let input = format!(
        "{}\n{{\"id\": 2, \"text\": \"\"}}\n",
        serde_json_line(&text)
    );
    let mut out = Vec::new();
    let summary = detente::io::tag_stream(
        &tagger,
        input.as_bytes(),
        &mut out,
        &detente::io::StreamOptions::default(),
        &mut (),
    )?;
    println!("jsonl: {} lines, {} error records", summary.lines, summary.errors);
    Ok(())
}

/// `{"id": 1, "text": …}` with the text escaped as a JSON string.
fn serde_json_line(text: &str) -> String {
    let mut s = String::from("{\"id\": 1, \"text\": \"");
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            c if (c as u32) < 0x20 => s.push_str(&format!("\\u{:04x}", c as u32)),
            c => s.push(c),
        }
    }
    s.push_str("\"}");
    s
}
