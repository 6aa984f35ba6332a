//! Development helper: shows why body text was dropped or chosen on one page.
//! `cargo run -p newsloom-extract --example explain -- PAGE.html[.gz] "a phrase of the body"`
use newsloom_extract::content::{prune, stats::Stats};
use newsloom_extract::dom::{Document, NodeId};
use std::io::Read;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("page");
    let phrase = args.next().unwrap_or_default();
    let raw = std::fs::read(&path).expect("read");
    let mut html = Vec::new();
    if raw.starts_with(&[0x1f, 0x8b]) {
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut html)
            .expect("gunzip");
    } else {
        html = raw;
    }
    let text = newsloom_extract::decode::decode(&html, None).text;
    let doc = Document::parse_str(&text);
    let hard = prune::hard(&doc);
    let stats = Stats::compute(&doc, &hard, 25);
    let dead = prune::by_class(&doc, &hard, &stats);
    let stats2 = Stats::compute(&doc, &dead, 25);
    let describe = |id: NodeId| {
        let e = doc.element(id);
        format!(
            "{}#{} .{} [hard={} dead={} good={}/{} ld={:.2}]",
            e.map_or("?", |e| &e.name),
            doc.attr(id, "id").unwrap_or(""),
            doc.attr(id, "class").unwrap_or(""),
            hard[id.index()],
            dead[id.index()],
            stats.good_chars(id),
            stats2.good_chars(id),
            stats2.link_density(id)
        )
    };
    if !phrase.is_empty() {
        for i in 0..doc.len() {
            let id = NodeId(i as u32);
            if doc.text(id).is_some_and(|t| t.contains(&phrase)) {
                println!("text node {i}:");
                for a in doc.ancestors(id) {
                    println!("  {}", describe(a));
                }
                break;
            }
        }
    }
    let cfg = newsloom_extract::content::ContentConfig::default();
    if let Some(body) =
        newsloom_extract::content::candidate::choose(&doc, &dead, &stats2, &cfg.score, 25)
    {
        for r in body.roots {
            println!("root: {}", describe(r));
        }
    }
}
