//! `newsloom serve --demo`: ingests the bundled corpus into a fresh directory, serves it on
//! the address it prints, answers the API and the reader, and refuses a non-fresh directory.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn get(addr: &str, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status = out
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, out)
}

#[test]
fn serve_demo_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsloom"))
        .args(["serve", "--demo", "--addr", "127.0.0.1:0", "--demo-dir"])
        .arg(&dir)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let started = Instant::now();
    let addr = loop {
        let line = rx
            .recv_timeout(Duration::from_secs(300).saturating_sub(started.elapsed()))
            .unwrap_or_else(|_| {
                let _ = child.kill();
                panic!("serve --demo printed no address")
            });
        if let Some(rest) = line.split("at http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    let (status, body) = get(&addr, "/api/v1/health");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"articles\":30"), "{body}");
    let (status, body) = get(&addr, "/search?q=Westmere");
    assert_eq!(status, 200);
    assert!(body.contains("<mark>Westmere</mark>"));
    let (status, _) = get(&addr, "/api/v1/ingest");
    assert_eq!(status, 405, "ingest is POST only");
    let _ = child.kill();
    let _ = child.wait();

    // The directory is not fresh any more: refused.
    let out = Command::new(env!("CARGO_BIN_EXE_newsloom"))
        .args(["serve", "--demo", "--addr", "127.0.0.1:0", "--demo-dir"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
}

#[test]
fn serve_without_a_store_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_newsloom"))
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(tmp.path().join("none"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no store in"), "{err}");
}
