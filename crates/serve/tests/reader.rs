//! The web reader's pages through the router: each page answers, links where it should, and
//! nothing from a hostile page can run (escaped content, no script, a strict policy).

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use newsloom_serve::{router, AppState, ServeConfig};
use tower::ServiceExt;

async fn page(uri: &str) -> (StatusCode, String) {
    let app = router(AppState::new(ServeConfig::new(
        common::shared_store().to_path_buf(),
    )));
    let res = app
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let ct = res.headers().get(header::CONTENT_TYPE).cloned();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    if status == StatusCode::OK && !uri.starts_with("/static") {
        assert!(
            ct.is_some_and(|c| c.to_str().unwrap().starts_with("text/html")),
            "{uri} is not HTML"
        );
    }
    (status, String::from_utf8(body.to_vec()).unwrap())
}

fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|s| {
            s.split('"')
                .next()
                .unwrap()
                .replace("&amp;", "&")
                .replace("&#38;", "&")
        })
        .collect()
}

/// Every real tag of `html` (escaped text has no `<`): its name and attributes.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let mut in_quote = None;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            match (in_quote, c) {
                (None, '"' | '\'') => in_quote = Some(c),
                (Some(q), c) if c == q => in_quote = None,
                (None, '>') => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let tag = &rest[..end];
        rest = &rest[end.min(rest.len())..];
        if tag.starts_with('!') || tag.starts_with('/') {
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        let mut attrs = Vec::new();
        let mut s = &tag[name.len()..];
        loop {
            s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if s.is_empty() {
                break;
            }
            let key_end = s
                .find(|c: char| c == '=' || c.is_whitespace())
                .unwrap_or(s.len());
            let key = s[..key_end].to_lowercase();
            s = &s[key_end..];
            let mut value = String::new();
            if let Some(after) = s.strip_prefix('=') {
                let q = after.chars().next().unwrap_or(' ');
                if q == '"' || q == '\'' {
                    let close = after[1..].find(q).map_or(after.len(), |i| i + 1);
                    value = after[1..close].to_string();
                    s = &after[(close + 1).min(after.len())..];
                } else {
                    let e = after.find(char::is_whitespace).unwrap_or(after.len());
                    value = after[..e].to_string();
                    s = &after[e..];
                }
            }
            attrs.push((key, value));
        }
        out.push((name, attrs));
    }
    out
}

/// Nothing in `html` can run: no script-capable element, no event handler, no script URL.
fn assert_inert(html: &str, what: &str) {
    for (name, attrs) in tags(html) {
        assert!(
            !matches!(
                name.as_str(),
                "script" | "iframe" | "object" | "embed" | "img" | "frame" | "base"
            ),
            "<{name}> element in {what}"
        );
        for (key, value) in attrs {
            assert!(!key.starts_with("on"), "<{name} {key}=…> in {what}");
            let v = value.trim().to_lowercase().replace("&#58;", ":");
            assert!(
                !(v.starts_with("javascript:")
                    || v.starts_with("data:")
                    || v.starts_with("vbscript:")),
                "<{name} {key}=\"{value}\"> in {what}"
            );
        }
    }
}

#[tokio::test]
async fn front_page_and_search_with_facets() {
    let (status, html) = page("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Latest articles"));
    assert!(html.contains("Top stories"));
    let (status, html) = page("/search?q=Westmere").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<mark>Westmere</mark>"), "no highlight");
    for facet in ["Language", "Site", "Entity"] {
        assert!(
            html.contains(&format!("<h2>{facet}</h2>")),
            "no {facet} facet"
        );
    }
    // A facet link narrows the search, and the narrowed page offers to remove the filter.
    let narrow = hrefs(&html)
        .into_iter()
        .find(|h| h.starts_with("/search?q=Westmere&lang="))
        .expect("a language facet link");
    let (status, narrowed) = page(&narrow).await;
    assert_eq!(status, StatusCode::OK);
    assert!(narrowed.contains("Language: "), "no active filter chip");
    let (status, html) = page("/search?q=Westmere&per_page=1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("rel=\"next\""));
}

#[tokio::test]
async fn article_page_marks_entities_quotes_sources_and_editions() {
    let (_, html) = page("/search?q=Westmere&lang=en").await;
    let href = hrefs(&html)
        .into_iter()
        .find(|h| h.starts_with("/article/"))
        .expect("a hit");
    let (status, html) = page(&href).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("aria-label=\"Breadcrumb\""));
    assert!(html.contains("<a class=\"ent "), "no entity marked");
    assert!(html.contains("class=\"quote\""), "no quote marked");
    assert!(html.contains("class=\"who\""), "no speaker on a quote");
    assert!(html.contains("Who said what"));
    assert!(
        html.contains("aria-label=\"Other languages\""),
        "no language switcher"
    );
    let editions: Vec<String> = hrefs(&html)
        .into_iter()
        .filter(|h| h.starts_with("/article/") && *h != href)
        .collect();
    assert!(
        !editions.is_empty(),
        "no edition held in the corpus is linked"
    );
    assert!(html.contains("href=\"/story/"), "no story link");
    let (status, fr) = page(&editions[0]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(fr.contains("<html lang=\""));
}

#[tokio::test]
async fn story_entity_and_list_pages() {
    let (_, html) = page("/stories").await;
    let story = hrefs(&html)
        .into_iter()
        .find(|h| h.starts_with("/story/"))
        .expect("a story");
    let (status, html) = page(&story).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Timeline"), "no timeline");
    assert!(html.contains("Articles"));
    let entity = hrefs(&html)
        .into_iter()
        .find(|h| h.starts_with("/entity/"))
        .expect("an entity link");
    let (status, html) = page(&entity).await;
    assert_eq!(status, StatusCode::OK, "{entity}");
    assert!(html.contains("<svg class=\"chart\""), "no chart");
    for uri in ["/entities", "/quotes", "/static/style.css"] {
        assert_eq!(page(uri).await.0, StatusCode::OK, "{uri}");
    }
    for uri in [
        "/article/999999",
        "/story/999999",
        "/entity/Nobody%20At%20All",
        "/nowhere",
    ] {
        let (status, html) = page(uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(html.contains("<h1>Not found</h1>"), "{uri}");
    }
    assert_eq!(page("/article/abc").await.0, StatusCode::BAD_REQUEST);
    assert_eq!(page("/search?page=abc").await.0, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn hostile_page_cannot_run_anything() {
    let id = common::id_of(common::shared_store(), common::HOSTILE_URL);
    let (status, html) = page(&format!("/article/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("&lt;script&gt;alert(9)&lt;/script&gt;"),
        "the page's text should be shown, escaped"
    );
    assert!(
        tags(&html).iter().any(|(n, _)| n == "a"),
        "the tag scanner sees tags"
    );
    assert_inert(&html, "the hostile article page");
    // Its words reach search results and listings, inert there too.
    for uri in [
        "/search?q=harbour%20council",
        "/",
        "/quotes",
        "/entities",
        "/stories",
    ] {
        let (_, html) = page(uri).await;
        assert_inert(&html, uri);
    }
}
