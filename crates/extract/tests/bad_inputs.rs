//! Bad inputs: wrong encodings, limits, pathological markup. Each must give a record with a
//! warning or a clear per-document error — never a panic, never a hang.

use newsloom_extract::{extract, Config, ExtractError, Input, Limits};
use std::time::{Duration, Instant};

const PARA: &str =
    "Le conseil municipal a voté mardi soir un budget de transition, après un débat \
                    de quatre heures sur le coût des travaux de la gare.";

fn page(body: &str) -> String {
    format!("<html><head><title>T</title></head><body><article>{body}</article></body></html>")
}

#[test]
fn windows_1252_page_decodes_to_utf8() {
    let mut bytes =
        b"<html><head><meta charset=\"windows-1252\"></head><body><article><p>".to_vec();
    bytes.extend_from_slice(
        b"L'\xE9t\xE9 \x96 un caf\xE9 co\xFBte 3 \x80, selon le conseil municipal de la ville.",
    );
    bytes.extend_from_slice(b"</p></article></body></html>");
    let a = extract(&Input::new("cp1252.html", &bytes), &Config::default()).expect("extracts");
    assert!(a.text.contains("L'été – un café coûte 3 €"), "{}", a.text);
}

#[test]
fn iso_8859_15_page_decodes_euro_sign() {
    let mut bytes = b"<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=ISO-8859-15\"></head><body><p>".to_vec();
    bytes.extend_from_slice(b"Der Preis stieg auf 12 \xA4 pro Kilo, teilte das Unternehmen am Montag in M\xFCnchen mit.</p></body></html>");
    let a = extract(&Input::new("latin9.html", &bytes), &Config::default()).expect("extracts");
    assert!(a.text.contains("12 € pro Kilo"), "{}", a.text);
    assert!(a.text.contains("München"));
}

#[test]
fn wrong_declared_charset_is_detected_with_a_warning() {
    let mut bytes = b"<html><head><meta charset=\"utf-8\"></head><body><p>".to_vec();
    bytes.extend_from_slice(b"La r\xE9forme des retraites a \xE9t\xE9 adopt\xE9e apr\xE8s un d\xE9bat tr\xE8s long \xE0 l'Assembl\xE9e.</p></body></html>");
    let a = extract(&Input::new("lying.html", &bytes), &Config::default()).expect("extracts");
    assert!(
        a.text.contains("réforme des retraites a été adoptée"),
        "{}",
        a.text
    );
    assert!(
        a.warnings.iter().any(|w| w.contains("charset")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn utf8_bom_is_stripped() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(page(&format!("<p>{PARA}</p>")).as_bytes());
    let a = extract(&Input::new("bom.html", &bytes), &Config::default()).expect("extracts");
    assert!(!a.text.contains('\u{FEFF}'));
    assert!(a.text.contains("conseil municipal"));
}

#[test]
fn entities_are_decoded_in_text() {
    let html = page("<p>Caf&eacute; &amp; th&#233; &#x20AC;5 &mdash; the council&rsquo;s decision was taken on Tuesday evening.</p>");
    let a = extract(&Input::new("e.html", html.as_bytes()), &Config::default()).expect("extracts");
    assert!(
        a.text.contains("Café & thé €5 — the council’s decision"),
        "{}",
        a.text
    );
}

#[test]
fn oversized_input_is_a_clear_error_or_a_truncation_warning() {
    let html = page(&format!("<p>{PARA}</p>").repeat(200));
    let limits = Limits {
        max_bytes: 4096,
        ..Limits::default()
    };
    let config = Config {
        limits: limits.clone(),
        ..Config::default()
    };
    match extract(&Input::new("big.html", html.as_bytes()), &config) {
        Err(ExtractError::TooLarge { limit: 4096, .. }) => {}
        other => panic!("expected TooLarge, got {other:?}"),
    }
    let config = Config {
        limits: Limits {
            truncate_oversized: true,
            ..limits
        },
        ..Config::default()
    };
    let a = extract(&Input::new("big.html", html.as_bytes()), &config).expect("truncates");
    assert!(a.warnings.iter().any(|w| w.contains("truncated")));
    assert!(a.text.contains("conseil municipal"));
}

#[test]
fn empty_and_binary_inputs_do_not_panic() {
    assert!(matches!(
        extract(&Input::new("empty.html", b"  \n "), &Config::default()),
        Err(ExtractError::Empty)
    ));
    let garbage: Vec<u8> = (0..100_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let _ = extract(&Input::new("garbage.bin", &garbage), &Config::default());
}

#[test]
fn deep_nesting_is_flattened_with_a_warning() {
    let html = format!(
        "{}<p>{PARA}</p>{}",
        "<div>".repeat(50_000),
        "</div>".repeat(50_000)
    );
    let a = extract(
        &Input::new("deep.html", html.as_bytes()),
        &Config::default(),
    )
    .expect("extracts");
    assert!(
        a.warnings.iter().any(|w| w.contains("nesting")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn node_limit_gives_a_warning() {
    let html = page(&format!("<p>{PARA}</p>").repeat(5_000));
    let config = Config {
        limits: Limits {
            max_nodes: 2_000,
            ..Limits::default()
        },
        ..Config::default()
    };
    let a = extract(&Input::new("many.html", html.as_bytes()), &config).expect("extracts");
    assert!(
        a.warnings.iter().any(|w| w.contains("node limit")),
        "{:?}",
        a.warnings
    );
    assert!(a.text.contains("conseil municipal"));
}

#[test]
fn zero_time_limit_is_a_timeout_error() {
    let html = page(&format!("<p>{PARA}</p><div><span>x</span></div>").repeat(20_000));
    let config = Config {
        limits: Limits {
            max_time: Duration::ZERO,
            ..Limits::default()
        },
        ..Config::default()
    };
    match extract(&Input::new("slow.html", html.as_bytes()), &config) {
        Err(ExtractError::Timeout { .. }) => {}
        other => panic!("expected a timeout, got {:?}", other.map(|a| a.text.len())),
    }
}

/// One Rust peer takes a minute on a 1.3 MB page; time must grow linearly with size. Compares a
/// page with its 8-fold repetition: the ratio of times must stay near 8, far from 64.
#[test]
fn time_grows_linearly_with_page_size() {
    let unit = format!(
        "<div class=item><a href=/x>link</a><p>{PARA}</p><ul><li>a<li>b</ul><table><tr><td>1<td>2</table></div>"
    );
    let small = page(&unit.repeat(1_000));
    let large = page(&unit.repeat(8_000));
    assert!(large.len() > 1_300_000);
    let time = |html: &str| {
        let mut best = Duration::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            extract(&Input::new("p.html", html.as_bytes()), &Config::default()).expect("extracts");
            best = best.min(t.elapsed());
        }
        best
    };
    let (ts, tl) = (time(&small), time(&large));
    let ratio = tl.as_secs_f64() / ts.as_secs_f64().max(1e-6);
    assert!(
        ratio < 24.0,
        "8x input took {ratio:.1}x the time ({ts:?} vs {tl:?})"
    );
    assert!(tl < Duration::from_secs(5), "1.3 MB page took {tl:?}");
}

#[test]
fn unclosed_and_malformed_markup_still_extracts() {
    let html = format!(
        "<html><body><div class=article><p>{PARA}<p>{PARA}<div><b><i>{PARA}</b></i><p>{PARA}<!-- never closed"
    );
    let a = extract(
        &Input::new("broken.html", html.as_bytes()),
        &Config::default(),
    )
    .expect("extracts");
    assert!(
        a.text.matches("conseil municipal").count() >= 3,
        "{}",
        a.text
    );
}
