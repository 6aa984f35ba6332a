//! The JSON API, endpoint by endpoint, through the router (no network): answers, error shapes,
//! limits, the ingest token, and the OpenAPI document against what the server does.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use newsloom_serve::{router, AppState, ServeConfig};
use serde_json::Value;
use std::path::Path;
use tower::ServiceExt;

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(300)])
            )
        })
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn app(dir: &Path, token: Option<&str>) -> axum::Router {
    let mut config = ServeConfig::new(dir.to_path_buf());
    config.token = token.map(str::to_string);
    router(AppState::new(config))
}

async fn send(app: &axum::Router, req: Request<Body>) -> Reply {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

async fn get(app: &axum::Router, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

fn assert_error(r: &Reply, status: StatusCode, code: &str) {
    assert_eq!(r.status, status, "{}", r.text());
    let v = r.json();
    assert_eq!(v["error"]["code"], code, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{v}"
    );
}

#[tokio::test]
async fn health_and_stats() {
    let app = app(common::shared_store(), None);
    let r = get(&app, "/api/v1/health").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["status"], "ok");
    assert_eq!(r.json()["articles"], 31);
    let r = get(&app, "/api/v1/stats").await;
    let langs = r.json()["by_language"].as_array().unwrap().len();
    assert!(langs >= 5, "{}", r.text());
}

#[tokio::test]
async fn search_pages_filters_and_facets() {
    let app = app(common::shared_store(), None);
    let r = get(&app, "/api/v1/search?q=Westmere&per_page=2").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let v = r.json();
    let total = v["total"].as_u64().unwrap();
    assert!(total >= 3, "{v}");
    assert_eq!(v["hits"].as_array().unwrap().len(), 2);
    let html = v["hits"][0]["snippet_html"].as_str().unwrap();
    assert!(html.contains("<mark>Westmere</mark>"), "{html}");
    let langs: Vec<&str> = v["facets"]["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["value"].as_str().unwrap())
        .collect();
    assert!(langs.len() >= 2, "{langs:?}");

    // The second page continues the first.
    let p2 = get(&app, "/api/v1/search?q=Westmere&per_page=2&page=2")
        .await
        .json();
    assert_eq!(p2["page"], 2);
    assert_ne!(p2["hits"][0]["id"], v["hits"][0]["id"]);

    // A language filter keeps only that language.
    let fr = get(&app, "/api/v1/search?q=Westmere&lang=fr").await.json();
    assert!(fr["total"].as_u64().unwrap() >= 1);
    assert!(fr["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["language"] == "fr"));

    // Facets can be left out.
    let nf = get(&app, "/api/v1/search?q=Westmere&facets=false")
        .await
        .json();
    assert!(nf["facets"].is_null());
}

#[tokio::test]
async fn search_limits_are_json_errors() {
    let app = app(common::shared_store(), None);
    let long = "a".repeat(600);
    assert_error(
        &get(&app, &format!("/api/v1/search?q={long}")).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    assert_error(
        &get(&app, "/api/v1/search?per_page=1000").await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    assert_error(
        &get(&app, "/api/v1/search?page=0").await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    assert_error(
        &get(&app, "/api/v1/search?page=99999").await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    assert_error(
        &get(&app, "/api/v1/search?per_page=abc").await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    assert_error(
        &get(&app, "/api/v1/search?lang=klingon").await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    assert_error(
        &get(&app, "/api/v1/search?since=yesterday").await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    assert_error(
        &get(&app, "/api/v1/nothing-here").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
}

#[tokio::test]
async fn article_with_story_and_editions() {
    let dir = common::shared_store();
    let app = app(dir, None);
    let hits = get(&app, "/api/v1/search?q=Westmere&lang=en").await.json();
    let id = hits["hits"][0]["id"].as_i64().unwrap();
    let v = get(&app, &format!("/api/v1/articles/{id}")).await.json();
    assert_eq!(v["id"], id);
    assert!(v["article"]["text"].as_str().unwrap().len() > 200);
    assert!(v["story_id"].is_i64(), "{}", v["story_id"]);
    let held: Vec<&Value> = v["editions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["article_id"].is_i64())
        .collect();
    assert!(
        !held.is_empty(),
        "no edition of article {id} is held: {}",
        v["editions"]
    );
    assert_error(
        &get(&app, "/api/v1/articles/999999").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &get(&app, "/api/v1/articles/abc").await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
}

#[tokio::test]
async fn entities_entity_and_quotes() {
    let app = app(common::shared_store(), None);
    let v = get(&app, "/api/v1/entities?label=PER&limit=5").await.json();
    let list = v["entities"].as_array().unwrap();
    assert!(!list.is_empty() && list.len() <= 5);
    assert!(list.iter().all(|e| e["label"] == "PER"));
    let name = list[0]["name"].as_str().unwrap();
    let e = get(
        &app,
        &format!("/api/v1/entities/{}", name.replace(' ', "%20")),
    )
    .await;
    assert_eq!(e.status, StatusCode::OK, "{}", e.text());
    let e = e.json();
    assert_eq!(e["entity"]["name"], name);
    assert!(!e["articles"].as_array().unwrap().is_empty());
    assert!(!e["entity"]["by_month"].as_array().unwrap().is_empty());
    assert_error(
        &get(&app, "/api/v1/entities/No%20Such%20Person%20Anywhere").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &get(&app, "/api/v1/entities?label=PLANET").await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );

    let q = get(&app, "/api/v1/quotes?limit=50").await.json();
    let quotes = q["quotes"].as_array().unwrap();
    assert!(!quotes.is_empty());
    let speaker = quotes
        .iter()
        .find_map(|q| q["speaker_entity"].as_str().or(q["speaker"].as_str()))
        .expect("a quote with a speaker");
    let by = get(
        &app,
        &format!("/api/v1/quotes?speaker={}", speaker.replace(' ', "%20")),
    )
    .await
    .json();
    let by = by["quotes"].as_array().unwrap();
    assert!(!by.is_empty());
    assert!(
        by.len() < quotes.len(),
        "the speaker filter filtered nothing"
    );
}

#[tokio::test]
async fn stories_and_story_with_explanations() {
    let app = app(common::shared_store(), None);
    let v = get(&app, "/api/v1/stories?min_articles=2").await.json();
    let list = v["stories"].as_array().unwrap();
    assert!(list.len() >= 3, "{v}");
    let multi = list
        .iter()
        .find(|s| s["languages"].as_array().unwrap().len() >= 2)
        .expect("a story in several languages");
    let id = multi["id"].as_i64().unwrap();
    let s = get(&app, &format!("/api/v1/stories/{id}")).await.json();
    assert!(s["article_ids"].as_array().unwrap().len() >= 2);
    assert!(s["languages"].as_array().unwrap().len() >= 2);
    let members = s["members"].as_array().unwrap();
    assert_eq!(members.len(), s["article_ids"].as_array().unwrap().len());
    assert!(
        members
            .iter()
            .any(|m| m["link"] != "new" && m["explanation"].is_object()),
        "{members:?}"
    );
    let fr = get(&app, "/api/v1/stories?lang=fr&min_articles=2")
        .await
        .json();
    assert!(fr["stories"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["languages"].as_array().unwrap().iter().any(|l| l == "fr")));
    assert_error(
        &get(&app, "/api/v1/stories/987654").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
}

#[tokio::test]
async fn every_response_is_protected_by_headers() {
    let app = app(common::shared_store(), None);
    for uri in ["/api/v1/health", "/", "/nothing", "/static/style.css"] {
        let r = get(&app, uri).await;
        let csp = r.headers.get(header::CONTENT_SECURITY_POLICY).expect(uri);
        assert!(csp.to_str().unwrap().contains("default-src 'none'"));
        assert_eq!(
            r.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(),
            "nosniff"
        );
    }
}

#[tokio::test]
async fn ingest_needs_the_token_and_stores_the_page() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    drop(newsloom_store::Store::open(dir.path()).unwrap());
    let page = std::fs::read_to_string(
        common::repo().join("examples/corpus/en/westmere-dockworkers-strike.html"),
    )
    .unwrap();
    let post = |auth: Option<&str>, body: String| {
        let mut b =
            Request::post("/api/v1/ingest").header(header::CONTENT_TYPE, "application/json");
        if let Some(a) = auth {
            b = b.header(header::AUTHORIZATION, a);
        }
        b.body(Body::from(body)).unwrap()
    };
    let json_body =
        serde_json::json!({"body": page, "url": "https://ledger.example.invalid/a"}).to_string();

    // A server without a token refuses every write.
    let closed = app(dir.path(), None);
    assert_error(
        &send(&closed, post(Some("Bearer x"), json_body.clone())).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );

    let open = app(dir.path(), Some("s3cret"));
    assert_error(
        &send(&open, post(None, json_body.clone())).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    assert_error(
        &send(&open, post(Some("Bearer s3cre"), json_body.clone())).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    assert_error(
        &send(&open, post(Some("Bearer s3cret"), "{not json".into())).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    assert_error(
        &send(
            &open,
            post(
                Some("Bearer s3cret"),
                r#"{"url": "file:///etc/passwd"}"#.into(),
            ),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    let huge = serde_json::json!({"body": "x".repeat(5 * 1024 * 1024)}).to_string();
    let r = send(&open, post(Some("Bearer s3cret"), huge)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);

    let before = get(&open, "/api/v1/health").await.json()["articles"]
        .as_u64()
        .unwrap();
    let r = send(&open, post(Some("Bearer s3cret"), json_body.clone())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let v = r.json();
    let stored = &v["stored"][0];
    assert_eq!(stored["status"]["status"], "inserted", "{v}");
    assert!(stored["story_id"].is_i64(), "{v}");
    let id = stored["id"].as_i64().unwrap();
    // Visible to readers at once.
    let after = get(&open, "/api/v1/health").await.json()["articles"]
        .as_u64()
        .unwrap();
    assert_eq!(after, before + 1);
    let a = get(&open, &format!("/api/v1/articles/{id}")).await.json();
    assert!(
        !a["article"]["entities"].as_array().unwrap().is_empty(),
        "not analysed"
    );
    // The same page again changes nothing.
    let again = send(&open, post(Some("Bearer s3cret"), json_body))
        .await
        .json();
    assert_eq!(
        again["stored"][0]["status"]["status"], "unchanged",
        "{again}"
    );

    // A raw HTML body with ?url=.
    let r = send(
        &open,
        Request::post("/api/v1/ingest?url=https://other.example.invalid/b")
            .header(header::CONTENT_TYPE, "text/html")
            .header(header::AUTHORIZATION, "Bearer s3cret")
            .body(Body::from("<html><body><p>too short</p></body></html>"))
            .unwrap(),
    )
    .await;
    assert!(
        r.status == StatusCode::OK || r.status == StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        r.text()
    );
}

/// The OpenAPI document lists exactly the routes the server answers, and each GET answer
/// carries the properties the document says are required.
#[tokio::test]
async fn openapi_matches_the_server() {
    let app = app(common::shared_store(), None);
    let doc = get(&app, "/api/v1/openapi.json").await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let story = get(&app, "/api/v1/stories?limit=1").await.json()["stories"][0]["id"]
        .as_i64()
        .unwrap();
    let article = get(&app, "/api/v1/search?per_page=1").await.json()["hits"][0]["id"]
        .as_i64()
        .unwrap();
    let entity = get(&app, "/api/v1/entities?limit=1").await.json()["entities"][0]["name"]
        .as_str()
        .unwrap()
        .replace(' ', "%20");
    let mut documented = Vec::new();
    for (path, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            documented.push((method.clone(), path.clone()));
            if method != "get" {
                continue;
            }
            let uri = format!(
                "/api/v1{}",
                path.replace(
                    "{id}",
                    &if path.starts_with("/stories") {
                        story
                    } else {
                        article
                    }
                    .to_string()
                )
                .replace("{name}", &entity)
            );
            let r = get(&app, &uri).await;
            assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.text());
            let v = r.json();
            let schema = &op["responses"]["200"]["content"]["application/json"]["schema"];
            for key in schema["required"].as_array().into_iter().flatten() {
                let key = key.as_str().unwrap();
                assert!(
                    v.get(key).is_some(),
                    "{uri} lacks {key:?}, which the document requires"
                );
            }
            for param in op["parameters"].as_array().into_iter().flatten() {
                assert!(param["name"].is_string() && param["schema"].is_object());
            }
        }
    }
    documented.sort();
    let mut served: Vec<(String, String)> = newsloom_serve::api_routes()
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    served.sort();
    assert_eq!(documented, served);
    // And each route in the list is answered (not the fallback).
    for (method, path) in &served {
        let uri = format!(
            "/api/v1{}",
            path.replace("{id}", "1").replace("{name}", "x")
        );
        let req = Request::builder()
            .method(method.to_uppercase().as_str())
            .uri(&uri)
            .body(Body::empty())
            .unwrap();
        let r = send(&app, req).await;
        assert!(
            !(r.status == StatusCode::NOT_FOUND && r.text().contains("nothing at")),
            "{method} {uri} is not routed"
        );
        assert_ne!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
    }
}

/// `{"url": …}` fetches the page (politely: robots.txt first) and stores it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ingest_fetches_a_url() {
    use axum::routing::get as route_get;
    let page = std::fs::read_to_string(
        common::repo().join("examples/corpus/fr/westmere-greve-dockers.html"),
    )
    .unwrap();
    let origin = axum::Router::new()
        .route(
            "/robots.txt",
            route_get(|| async { "User-agent: *\nAllow: /\n" }),
        )
        .route(
            "/news/story.html",
            route_get(move || {
                let page = page.clone();
                async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page) }
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin_addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, origin).await });

    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    drop(newsloom_store::Store::open(dir.path()).unwrap());
    let app = app(dir.path(), Some("t0ken"));
    let body = serde_json::json!({"url": format!("http://{origin_addr}/news/story.html")});
    let r = send(
        &app,
        Request::post("/api/v1/ingest")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, "Bearer t0ken")
            .body(Body::from(body.to_string()))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let v = r.json();
    assert_eq!(v["stored"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["stored"][0]["language"], "fr", "{v}");
    let missing = serde_json::json!({"url": format!("http://{origin_addr}/news/gone.html")});
    let r = send(
        &app,
        Request::post("/api/v1/ingest")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, "Bearer t0ken")
            .body(Body::from(missing.to_string()))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let v = r.json();
    assert!(v["stored"].as_array().unwrap().is_empty(), "{v}");
    let reason = v["failed"][0]["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("404"), "{v}");
}
