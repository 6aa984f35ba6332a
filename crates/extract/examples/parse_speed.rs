//! Times decoding and parsing alone over a directory of `.html.gz` pages.
//! `cargo run --release -p newsloom-extract --example parse_speed -- DIR`
use std::io::Read;
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: parse_speed DIR");
    let mut pages = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    for p in paths {
        let raw = std::fs::read(&p).expect("read");
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .expect("gunzip");
        pages.push(out);
    }
    let total: usize = pages.iter().map(|p| p.len()).sum();
    let limits = newsloom_extract::Limits::default();
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let mut nodes = 0;
        for p in &pages {
            let d = newsloom_extract::decode::decode(p, None);
            let far = Instant::now() + std::time::Duration::from_secs(60);
            let (doc, _) =
                newsloom_extract::dom::Document::parse(&d.text, &limits, far).expect("parse");
            nodes += doc.len();
        }
        let el = t.elapsed().as_secs_f64();
        best = best.min(el);
        eprintln!(
            "{} pages, {} MB, {} nodes, {:.3} ms/page, {:.0} MB/s",
            pages.len(),
            total / 1_000_000,
            nodes,
            el * 1000.0 / pages.len() as f64,
            total as f64 / el / 1e6
        );
    }
    eprintln!("best {:.3} ms/page", best * 1000.0 / pages.len() as f64);
}
