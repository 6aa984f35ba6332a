//! Development helper: extracts every page of a scrapinghub-style directory and writes the
//! `{"id","text"}` JSONL that `score.py` takes. The documented bench is `newsloom bench extract`.
//! `cargo run --release -p newsloom-extract --example quick_eval -- HTML_DIR GOLD OUT.jsonl`
use std::io::{Read, Write};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("dir");
    let gold = args.next().expect("gold");
    let out = args.next().expect("out");
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(gold).expect("gold")).expect("json");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let mut pages = Vec::new();
    for p in paths {
        let raw = std::fs::read(&p).expect("read");
        let mut html = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut html)
            .expect("gunzip");
        let id = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .trim_end_matches(".gz")
            .trim_end_matches(".html")
            .to_string();
        pages.push((id, html));
    }
    let config = newsloom_extract::Config::default();
    let mut f = std::io::BufWriter::new(std::fs::File::create(out).expect("out"));
    let t = Instant::now();
    let mut results = Vec::new();
    for (id, html) in &pages {
        let mut input = newsloom_extract::Input::new(id.clone(), html);
        input.url = gold[id]["url"].as_str().map(String::from);
        let a = newsloom_extract::extract(&input, &config).expect("extract");
        results.push((id.clone(), a));
    }
    let el = t.elapsed().as_secs_f64();
    for (id, a) in results {
        writeln!(
            f,
            "{}",
            serde_json::json!({"id": id, "text": a.text, "title": a.title})
        )
        .expect("write");
    }
    eprintln!("{:.3} ms/page", el * 1000.0 / pages.len() as f64);
}
