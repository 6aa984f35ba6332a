//! End-to-end tests of the `newsloom` binary. They assert on structure (exit codes, record
//! count, `source`, valid JSON), not on extraction quality, which is tested in the library.

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const PAGE: &str = "<html><head><title>Test page</title></head><body><article>\
    <p>The first paragraph of the story is long enough to count as body text here.</p>\
    <p>The second paragraph adds detail, with more words than a menu would ever have.</p>\
    </article></body></html>";

/// A fresh, empty temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "newsloom-cli-test-{}-{}-{name}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create dirs");
        }
        std::fs::write(&path, bytes).expect("write file");
        path
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn newsloom() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsloom"));
    cmd.env_remove("RUST_LOG");
    cmd
}

fn run(args: &[&str]) -> Output {
    newsloom().args(args).output().expect("run newsloom")
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    newsloom()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run newsloom")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("utf-8 stderr")
}

/// Parses JSON Lines output into records.
fn records(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is a JSON record"))
        .collect()
}

fn sources(out: &Output) -> Vec<String> {
    records(out)
        .iter()
        .map(|r| {
            r["source"]
                .as_str()
                .expect("source is a string")
                .to_string()
        })
        .collect()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).expect("gzip");
    enc.finish().expect("gzip")
}

#[test]
fn two_files_give_two_records_and_exit_0() {
    let tmp = TempDir::new("two");
    tmp.write("a.html", PAGE.as_bytes());
    tmp.write("b.html", PAGE.as_bytes());
    let out = run_in(&tmp.0, &["extract", "a.html", "b.html"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(sources(&out), ["a.html", "b.html"]);
    assert!(stderr(&out).is_empty(), "stderr: {}", stderr(&out));
    let record = &records(&out)[0];
    for field in ["url", "title", "text", "authors", "language", "warnings"] {
        assert!(record.get(field).is_some(), "missing field {field}");
    }
}

#[test]
fn a_missing_file_is_one_stderr_line_and_exit_1() {
    let tmp = TempDir::new("missing");
    tmp.write("a.html", PAGE.as_bytes());
    tmp.write("c.html", PAGE.as_bytes());
    let out = run_in(&tmp.0, &["extract", "a.html", "missing.html", "c.html"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(sources(&out), ["a.html", "c.html"]);
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "stderr: {err}");
    assert!(
        lines[0].starts_with("newsloom: missing.html: "),
        "stderr: {err}"
    );
}

#[test]
fn a_failed_extraction_does_not_stop_the_batch() {
    let tmp = TempDir::new("empty-doc");
    tmp.write("blank.html", b"   \n ");
    tmp.write("ok.html", PAGE.as_bytes());
    let out = run_in(&tmp.0, &["extract", "blank.html", "ok.html"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(sources(&out), ["ok.html"]);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "stderr: {err}");
    assert!(err.starts_with("newsloom: blank.html: "), "stderr: {err}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["extract"]).status.code(), Some(2));
    assert_eq!(
        run(&["extract", "--no-such-flag", "x.html"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["extract", "--format", "xml", "x.html"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["extract", "--max-bytes", "lots", "x.html"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn published_is_validated() {
    let tmp = TempDir::new("published");
    tmp.write("a.html", PAGE.as_bytes());
    for bad in ["yesterday", "2024-02-30", "2024-05-01T25:00", "05/01/2024"] {
        let out = run_in(&tmp.0, &["extract", "--published", bad, "a.html"]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&out).contains("--published"),
            "{bad}: {}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
    }
    for good in [
        "2024-05-01",
        "2024-05-01T14:30:00Z",
        "2024-05-01T14:30:00+02:00",
    ] {
        let out = run_in(&tmp.0, &["extract", "--published", good, "a.html"]);
        assert_eq!(out.status.code(), Some(0), "{good}: {}", stderr(&out));
        // The page has no date of its own, so the fallback is used.
        assert_eq!(records(&out)[0]["published"], good);
    }
}

#[test]
fn url_flag_sets_the_record_url_for_one_local_input() {
    let tmp = TempDir::new("url");
    tmp.write("a.html", PAGE.as_bytes());
    tmp.write("b.html", PAGE.as_bytes());
    let out = run_in(
        &tmp.0,
        &[
            "extract",
            "--url",
            "https://news.example.invalid/a",
            "a.html",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(records(&out)[0]["url"], "https://news.example.invalid/a");

    let two = run_in(
        &tmp.0,
        &["extract", "--url", "https://e.invalid/", "a.html", "b.html"],
    );
    assert_eq!(two.status.code(), Some(2));
    let dir = run_in(&tmp.0, &["extract", "--url", "https://e.invalid/", "."]);
    assert_eq!(dir.status.code(), Some(2));
    let relative = run_in(&tmp.0, &["extract", "--url", "a/b", "a.html"]);
    assert_eq!(relative.status.code(), Some(2));
}

#[test]
fn no_analysis_is_accepted() {
    let tmp = TempDir::new("no-analysis");
    tmp.write("a.html", PAGE.as_bytes());
    let out = run_in(&tmp.0, &["extract", "--no-analysis", "a.html"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(records(&out).len(), 1);
}

#[test]
fn stdin_is_read_with_dash() {
    let mut child = newsloom()
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(PAGE.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(sources(&out), ["<stdin>"]);
}

#[test]
fn gzip_input_is_gunzipped_by_extension_or_magic() {
    let tmp = TempDir::new("gz");
    tmp.write("a.html.gz", &gzip(PAGE.as_bytes()));
    // Gzip bytes under a plain .html name are recognised by their magic bytes.
    tmp.write("b.html", &gzip(PAGE.as_bytes()));
    let out = run_in(&tmp.0, &["extract", "a.html.gz", "b.html"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    // Same page, same record apart from the source.
    assert_eq!(recs[0]["text"], recs[1]["text"]);
    assert_eq!(recs[0]["title"], recs[1]["title"]);
}

#[test]
fn directories_are_walked_in_sorted_order() {
    let tmp = TempDir::new("walk");
    tmp.write("d/b.html", PAGE.as_bytes());
    tmp.write("d/a/z.htm", PAGE.as_bytes());
    tmp.write("d/a.html.gz", &gzip(PAGE.as_bytes()));
    tmp.write(
        "d/c.txt",
        b"A plain text dump of a page, with one long line of article text.",
    );
    tmp.write("d/e.xhtml", PAGE.as_bytes());
    tmp.write("d/notes.json", b"{}");
    tmp.write("d/image.png", b"\x89PNG");
    let out = run_in(&tmp.0, &["extract", "d"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let sep = std::path::MAIN_SEPARATOR;
    let expected: Vec<String> = ["a/z.htm", "a.html.gz", "b.html", "c.txt", "e.xhtml"]
        .iter()
        .map(|rel| format!("d{sep}{}", rel.replace('/', &sep.to_string())))
        .collect();
    assert_eq!(sources(&out), expected);
}

#[test]
fn an_empty_directory_warns() {
    let tmp = TempDir::new("empty-dir");
    tmp.write("d/readme.md", b"nothing here");
    let out = run_in(&tmp.0, &["extract", "d"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("no .html"), "{}", stderr(&out));
    let quiet = run_in(&tmp.0, &["extract", "-q", "d"]);
    assert!(quiet.stderr.is_empty(), "{}", stderr(&quiet));
}

#[test]
fn format_json_is_one_array() {
    let tmp = TempDir::new("json");
    tmp.write("a.html", PAGE.as_bytes());
    tmp.write("b.html", PAGE.as_bytes());
    let out = run_in(&tmp.0, &["extract", "--format", "json", "a.html", "b.html"]);
    assert_eq!(out.status.code(), Some(0));
    let value: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let array = value.as_array().expect("an array");
    assert_eq!(array.len(), 2);
    assert_eq!(array[1]["source"], "b.html");

    let none = run_in(&tmp.0, &["extract", "--format", "json", "missing.html"]);
    assert_eq!(none.status.code(), Some(1));
    let value: Value = serde_json::from_slice(&none.stdout).expect("one JSON document");
    assert_eq!(value, Value::Array(Vec::new()));
}

#[test]
fn format_text_and_markdown_are_for_people() {
    let tmp = TempDir::new("text");
    tmp.write("a.html", PAGE.as_bytes());
    tmp.write("b.html", PAGE.as_bytes());
    let args = [
        "--url",
        "https://news.example.invalid/a",
        "--published",
        "2024-05-01",
    ];

    let mut text_args = vec!["extract", "--format", "text"];
    text_args.extend(args);
    text_args.push("a.html");
    let text = run_in(&tmp.0, &text_args);
    assert_eq!(text.status.code(), Some(0));
    let text = stdout(&text);
    assert!(serde_json::from_str::<Value>(&text).is_err());
    let mut lines = text.lines();
    let title = lines.next().expect("a title line");
    assert!(!title.is_empty());
    assert!(lines.next().expect("underline").chars().all(|c| c == '='));
    assert!(text.contains("\nPublished: 2024-05-01\n"), "{text}");
    assert!(
        text.contains("\nURL: https://news.example.invalid/a\n"),
        "{text}"
    );

    let mut md_args = vec!["extract", "--format", "markdown"];
    md_args.extend(args);
    md_args.push("a.html");
    let md = stdout(&run_in(&tmp.0, &md_args));
    assert!(md.starts_with("# "), "{md}");
    assert!(md.contains("\n- **Published:** 2024-05-01\n"), "{md}");
    assert!(
        md.contains("\n- **URL:** https://news.example.invalid/a\n"),
        "{md}"
    );

    let two = stdout(&run_in(
        &tmp.0,
        &["extract", "--format", "markdown", "a.html", "b.html"],
    ));
    assert_eq!(two.matches("\n---\n").count(), 1, "{two}");
    assert_eq!(
        two.lines().filter(|l| l.starts_with("# ")).count(),
        2,
        "{two}"
    );
}

#[test]
fn oversized_inputs_fail_or_are_truncated() {
    let tmp = TempDir::new("big");
    tmp.write("a.html", PAGE.as_bytes());
    let out = run_in(&tmp.0, &["extract", "--max-bytes", "100", "a.html"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).starts_with("newsloom: a.html: "),
        "{}",
        stderr(&out)
    );

    let out = run_in(
        &tmp.0,
        &["extract", "--max-bytes", "100", "--truncate", "a.html"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert!(!recs[0]["warnings"].as_array().expect("warnings").is_empty());
    assert!(stderr(&out).contains("truncated"), "{}", stderr(&out));
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let tmp = TempDir::new("pipe");
    tmp.write("a.html", PAGE.as_bytes());
    let inputs = vec!["a.html"; 300];
    let mut child = newsloom()
        .current_dir(&tmp.0)
        .arg("extract")
        .args(&inputs)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = [0u8; 1];
    let mut child_out = child.stdout.take().expect("stdout");
    child_out.read_exact(&mut first).expect("some output");
    drop(child_out);
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let tmp = TempDir::new("progress");
    tmp.write("a.html", PAGE.as_bytes());
    let inputs = vec!["a.html"; 60];
    let out = newsloom()
        .current_dir(&tmp.0)
        .arg("extract")
        .args(&inputs)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(records(&out).len(), 60);
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

/// Serves canned responses on 127.0.0.1, one per connection; returns the base URL.
fn serve(responses: Vec<Vec<u8>>) -> (String, std::thread::JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let handle = std::thread::spawn(move || {
        let mut heads = Vec::new();
        for response in responses {
            let (mut stream, _) = listener.accept().expect("accept");
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut head = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).expect("read") == 0 || line == "\r\n" {
                    break;
                }
                head.push_str(&line);
            }
            heads.push(head);
            stream.write_all(&response).expect("write");
        }
        heads
    });
    (base, handle)
}

#[test]
fn urls_are_fetched_with_charset_and_final_url() {
    // The page declares ISO-8859-7 (Greek) in a <meta>, but the HTTP header says windows-1252,
    // which wins: 0xE9 must come out as "é", not as the Greek "ι".
    let body = b"<html><head><meta charset=\"iso-8859-7\"><title>Caf\xe9</title></head><body>\
        <article><p>Le caf\xe9 du coin sert un caf\xe9 cr\xe8me tous les matins depuis des ann\xe9es.</p>\
        <p>Le deuxi\xe8me paragraphe ajoute des d\xe9tails, avec plus de mots qu'un menu.</p>\
        </article></body></html>";
    let mut page = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    page.extend_from_slice(body);
    let redirect =
        b"HTTP/1.1 301 Moved Permanently\r\nLocation: /story\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .to_vec();
    let (base, server) = serve(vec![redirect, page]);
    let start = format!("{base}/start");
    let out = run(&["extract", &start]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["source"], start.as_str());
    assert_eq!(recs[0]["url"], format!("{base}/story"));
    let json = stdout(&out);
    assert!(json.contains("café"), "{json}");
    assert!(!json.contains("cafι"), "{json}");
    let heads = server.join().expect("server thread");
    assert!(
        heads[0]
            .to_ascii_lowercase()
            .contains("user-agent: newsloom/"),
        "{}",
        heads[0]
    );
}

#[test]
fn a_failed_fetch_is_a_failed_document() {
    let (base, server) = serve(vec![
        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
    ]);
    let tmp = TempDir::new("fetch-fail");
    tmp.write("a.html", PAGE.as_bytes());
    let url = format!("{base}/gone");
    let out = run_in(&tmp.0, &["extract", &url, "a.html"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(sources(&out), ["a.html"]);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with(&format!("newsloom: {url}: ")), "{err}");
    assert!(err.contains("404"), "{err}");
    server.join().expect("server thread");
}

#[test]
fn bench_extract_scores_and_writes_predictions() {
    let tmp = TempDir::new("bench");
    tmp.write("html/p1.html.gz", &gzip(PAGE.as_bytes()));
    tmp.write("html/p2.html", PAGE.as_bytes());
    tmp.write("html/stray.html", PAGE.as_bytes());
    let gold = serde_json::json!({
        "p1": {"articleBody": "The first paragraph of the story is long enough to count as body text here.", "url": "https://e.invalid/1"},
        "p2": {"articleBody": "Something else entirely.", "url": "https://e.invalid/2"},
        "p3": {"articleBody": "A page that is missing.", "url": "https://e.invalid/3"},
    });
    let gold_path = tmp.write("gold.json", gold.to_string().as_bytes());
    let pred_path = tmp.path("pred.jsonl");
    let html = tmp.path("html");
    let out = run(&[
        "bench",
        "extract",
        html.to_str().expect("utf-8 path"),
        "--gold",
        gold_path.to_str().expect("utf-8 path"),
        "--repeat",
        "3",
        "--json",
        "--write-predictions",
        pred_path.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["pages"], 2);
    assert_eq!(report["pages_not_in_gold"], 1);
    assert_eq!(report["scores"]["docs"], 3);
    assert_eq!(report["scores"]["missing_predictions"], 1);
    assert_eq!(report["speed"]["runs"], 3);
    assert_eq!(
        report["speed"]["wall_ms_per_page_runs"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    let f1 = report["scores"]["f1"].as_f64().expect("f1");
    assert!((0.0..=1.0).contains(&f1));

    let preds = std::fs::read_to_string(&pred_path).expect("predictions written");
    let ids: Vec<String> = preds
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("JSON line");
            assert!(v["text"].is_string());
            v["id"].as_str().expect("id").to_string()
        })
        .collect();
    assert_eq!(ids, ["p1", "p2"]);

    let text = run(&[
        "bench",
        "extract",
        html.to_str().expect("utf-8 path"),
        "--gold",
        gold_path.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(text.status.code(), Some(0));
    let last = stdout(&text)
        .lines()
        .last()
        .map(str::to_string)
        .unwrap_or_default();
    assert!(last.starts_with("extraction F1 "), "{last}");
    assert!(last.ends_with(" docs 3"), "{last}");
}

#[test]
fn bench_with_a_bad_gold_file_is_an_error() {
    let tmp = TempDir::new("bench-bad");
    tmp.write("html/p1.html", PAGE.as_bytes());
    let gold = tmp.write("gold.json", b"not json");
    let out = run(&[
        "bench",
        "extract",
        tmp.path("html").to_str().expect("utf-8 path"),
        "--gold",
        gold.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("newsloom: error: "),
        "{}",
        stderr(&out)
    );
}
