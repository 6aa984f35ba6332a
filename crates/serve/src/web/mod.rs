//! The web reader: server-rendered pages over the store, readable without JavaScript.
//!
//! Templates (in `templates/`) escape every value; the few pre-rendered fragments marked
//! `|safe` (the article body, search snippets, the entity chart) are built by [`markup`],
//! [`chart`] and the store's escaped snippet renderer, which escape all page text themselves.

mod chart;
pub mod markup;

use crate::api::{parse_id, StoriesParams};
use crate::error::ApiError;
use crate::params::{search_href, SearchParams};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use markup::{entity_href, escape, label_names, safe_external};
use newsloom_store::{EntityFilter, Facets, Store, StoryFilter};
use std::collections::BTreeMap;

/// The stylesheet, compiled in.
const STYLE: &str = include_str!("../../static/style.css");

/// The reader's routes.
pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/", get(search))
        .route("/search", get(search))
        .route("/article/{id}", get(article))
        .route("/story/{id}", get(story))
        .route("/stories", get(stories))
        .route("/entity/{name}", get(entity))
        .route("/entities", get(entities))
        .route("/quotes", get(quotes))
        .route("/static/style.css", get(style))
        .with_state(state)
}

/// An error shown as a page.
pub struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> Self {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        error_page(&self.0)
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    page_lang: &'a str,
    page_title: &'a str,
    q: &'a str,
    heading: &'a str,
    message: &'a str,
}

/// `err` as an HTML page with its status.
pub fn error_page(err: &ApiError) -> Response {
    if err.status.is_server_error() {
        tracing::error!("{}: {}", err.code, err.message);
    }
    let heading = match err.status {
        StatusCode::NOT_FOUND => "Not found",
        StatusCode::BAD_REQUEST => "That request cannot be answered",
        _ => "Something went wrong",
    };
    let page = ErrorPage {
        page_lang: "en",
        page_title: heading,
        q: "",
        heading,
        message: &err.message,
    };
    (
        err.status,
        Html(page.render().unwrap_or_else(|_| escape(&err.message))),
    )
        .into_response()
}

fn render(t: &impl Template) -> Result<Html<String>, ApiError> {
    t.render()
        .map(Html)
        .map_err(|e| ApiError::internal(format!("template: {e}")))
}

async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE,
    )
        .into_response()
}

/// `2025-10-08` of `2025-10-08T09:00:00Z`.
fn day(date: &str) -> String {
    date.get(..10).unwrap_or(date).to_string()
}

// ---------------------------------------------------------------------------------------------
// Search

struct HitView {
    href: String,
    title: String,
    site: String,
    language: String,
    published: String,
    published_short: String,
    duplicate: bool,
    snippet_html: String,
}

struct FacetLink {
    label: String,
    count: u64,
    href: String,
    active: bool,
}

struct FacetGroup {
    name: &'static str,
    values: Vec<FacetLink>,
}

struct Chip {
    label: String,
    href: String,
}

struct StoryLink {
    href: String,
    title: String,
    count: u64,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    page_lang: &'static str,
    page_title: String,
    q: String,
    lang: String,
    site: String,
    since: String,
    until: String,
    entity: String,
    speaker: String,
    front: bool,
    total: usize,
    hits: Vec<HitView>,
    facets: Vec<FacetGroup>,
    active: Vec<Chip>,
    warnings: Vec<String>,
    prev_href: Option<String>,
    next_href: Option<String>,
    stories: Vec<StoryLink>,
}

fn facet_group(
    name: &'static str,
    key: &str,
    current: &Option<String>,
    params: &SearchParams,
    values: &[newsloom_store::FacetCount],
    label: impl Fn(&str) -> String,
) -> FacetGroup {
    FacetGroup {
        name,
        values: values
            .iter()
            .filter(|v| !v.value.is_empty())
            .map(|v| {
                let active = current.as_deref() == Some(v.value.as_str());
                FacetLink {
                    label: label(&v.value),
                    count: v.count,
                    href: search_href(&params.with(key, (!active).then_some(v.value.as_str()))),
                    active,
                }
            })
            .collect(),
    }
}

fn month_facet(params: &SearchParams, facets: &Facets) -> FacetGroup {
    let current = params
        .since
        .as_deref()
        .map(|s| s.get(..7).unwrap_or(s).to_string());
    FacetGroup {
        name: "Month",
        values: facets
            .months
            .iter()
            .map(|m| {
                let active = current.as_deref() == Some(m.value.as_str())
                    && params.until.as_deref() == Some(m.value.as_str());
                let href = if active {
                    search_href(&params.with("since", None).with("until", None))
                } else {
                    search_href(
                        &params
                            .with("since", Some(&m.value))
                            .with("until", Some(&m.value)),
                    )
                };
                FacetLink {
                    label: m.value.clone(),
                    count: m.count,
                    href,
                    active,
                }
            })
            .collect(),
    }
}

fn search_page(
    store: &Store,
    params: &SearchParams,
    state: &AppState,
) -> Result<SearchPage, ApiError> {
    let checked = params.check(state.limits())?;
    let results = store.search(&checked.query)?;
    let facets = state.facets(store, &checked.query)?;
    let front = params.is_empty();
    let hits = results
        .hits
        .iter()
        .map(|h| HitView {
            href: format!("/article/{}", h.id),
            title: h.title.clone().unwrap_or_else(|| "(untitled)".into()),
            site: h.site.clone().unwrap_or_default(),
            language: h.language.code().to_string(),
            published: h.published.clone().unwrap_or_default(),
            published_short: h.published.as_deref().map(day).unwrap_or_default(),
            duplicate: h.duplicate_of.is_some(),
            snippet_html: h.snippet.render_escaped("<mark>", "</mark>"),
        })
        .collect();
    let mut active = Vec::new();
    for (key, label, value) in [
        ("lang", "Language", &params.lang),
        ("site", "Site", &params.site),
        ("since", "From", &params.since),
        ("until", "To", &params.until),
        ("entity", "Entity", &params.entity),
        ("speaker", "Speaker", &params.speaker),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            active.push(Chip {
                label: format!("{label}: {v}"),
                href: search_href(&params.with(key, None)),
            });
        }
    }
    let groups = vec![
        facet_group(
            "Language",
            "lang",
            &params.lang,
            params,
            &facets.languages,
            |v| language_name(v).to_string(),
        ),
        facet_group(
            "Site",
            "site",
            &params.site,
            params,
            &facets.sites,
            str::to_string,
        ),
        month_facet(params, &facets),
        facet_group(
            "Entity",
            "entity",
            &params.entity,
            params,
            &facets.entities,
            str::to_string,
        ),
        facet_group(
            "Speaker",
            "speaker",
            &params.speaker,
            params,
            &facets.speakers,
            str::to_string,
        ),
    ];
    let offset = checked.query.offset;
    let prev_href = (checked.page > 1).then(|| {
        let mut p = params.clone();
        p.page = Some(checked.page - 1);
        search_href(&p)
    });
    let next_href = (offset + results.hits.len() < results.total
        && offset + checked.per_page <= state.limits().max_offset)
        .then(|| {
            let mut p = params.clone();
            p.page = Some(checked.page + 1);
            search_href(&p)
        });
    let stories = if front {
        store
            .stories(&StoryFilter {
                min_articles: 2,
                limit: 8,
                ..StoryFilter::default()
            })?
            .into_iter()
            .map(|s| StoryLink {
                href: format!("/story/{}", s.id),
                title: s.title.unwrap_or_else(|| format!("Story {}", s.id)),
                count: s.articles,
            })
            .collect()
    } else {
        Vec::new()
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    Ok(SearchPage {
        page_lang: "en",
        page_title: match params.q.as_deref().filter(|q| !q.trim().is_empty()) {
            Some(q) => format!("{q} — search"),
            None => "Search".into(),
        },
        q: text(&params.q),
        lang: text(&params.lang),
        site: text(&params.site),
        since: text(&params.since),
        until: text(&params.until),
        entity: text(&params.entity),
        speaker: text(&params.speaker),
        front,
        total: results.total,
        hits,
        facets: groups,
        active,
        warnings: results.warnings,
        prev_href,
        next_href,
        stories,
    })
}

/// The name of a language code, in English.
fn language_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "fr" => "French",
        "es" => "Spanish",
        "de" => "German",
        "it" => "Italian",
        other => other,
    }
}

async fn search(
    State(state): State<AppState>,
    params: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Html<String>, PageError> {
    let Query(params) = params.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let worker = state.clone();
    let page = state
        .read(move |s| search_page(s, &params, &worker).and_then(|p| render(&p)))
        .await?;
    Ok(page)
}

// ---------------------------------------------------------------------------------------------
// Article

struct Crumb {
    label: String,
    href: Option<String>,
}

struct EditionView {
    language: String,
    href: Option<String>,
    held: bool,
    current: bool,
}

struct QuoteView {
    text: String,
    speaker: String,
    speaker_href: Option<String>,
    cue: String,
}

struct SourceView {
    name: String,
    kind: String,
    cites: String,
    text: String,
}

struct EntityView {
    name: String,
    class: &'static str,
    href: String,
    count: usize,
}

struct DateView {
    text: String,
    value: String,
}

#[derive(Template)]
#[template(path = "article.html")]
struct ArticlePage {
    page_lang: String,
    page_title: String,
    q: &'static str,
    crumbs: Vec<Crumb>,
    headline: String,
    headline_short: String,
    standfirst: String,
    byline: String,
    published: String,
    published_display: String,
    site: String,
    source_href: Option<String>,
    editions: Vec<EditionView>,
    story_href: Option<String>,
    story_size: usize,
    paragraphs: Vec<String>,
    quotes: Vec<QuoteView>,
    sources: Vec<SourceView>,
    entities: Vec<EntityView>,
    dates: Vec<DateView>,
}

fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max).collect();
    if let Some(cut) = s.rfind(' ') {
        s.truncate(cut);
    }
    s.push('…');
    s
}

fn article_page(store: &Store, id: i64) -> Result<ArticlePage, ApiError> {
    let Some(stored) = store.get(id)? else {
        return Err(ApiError::not_found(format!(
            "There is no article {id} in this corpus."
        )));
    };
    let a = &stored.article;
    let headline = a.title.clone().unwrap_or_else(|| "(untitled)".into());
    let site = a
        .site_name
        .clone()
        .or_else(|| {
            a.url
                .as_deref()
                .and_then(|u| url::Url::parse(u).ok())
                .and_then(|u| u.host_str().map(str::to_string))
        })
        .unwrap_or_default();
    let mut crumbs = Vec::new();
    if !site.is_empty() {
        crumbs.push(Crumb {
            label: site.clone(),
            href: Some(search_href(&SearchParams {
                site: Some(site.clone()),
                ..SearchParams::default()
            })),
        });
    }
    for s in a.section.iter().filter(|s| !s.trim().is_empty()).take(4) {
        crumbs.push(Crumb {
            label: s.clone(),
            href: None,
        });
    }
    let lang = a.language.code().to_string();
    let mut editions = vec![EditionView {
        language: lang.clone(),
        href: None,
        held: true,
        current: true,
    }];
    for e in &a.editions {
        if e.language.eq_ignore_ascii_case(&lang)
            || editions.iter().any(|x| x.language == e.language)
        {
            continue;
        }
        let held = match &e.url {
            Some(u) => store.find_url(u)?.filter(|&other| other != id),
            None => None,
        };
        let href = match held {
            Some(other) => Some(format!("/article/{other}")),
            None => e.url.as_deref().and_then(safe_external),
        };
        editions.push(EditionView {
            language: e.language.clone(),
            href,
            held: held.is_some(),
            current: false,
        });
    }
    editions.sort_by(|x, y| x.language.cmp(&y.language));
    let story = store.story_of(id)?;
    let story_size = match &story {
        Some(s) => store.story_members(s.story_id)?.len(),
        None => 0,
    };
    let entity_names: std::collections::HashSet<&str> =
        a.entities.iter().map(|e| e.name.as_str()).collect();
    let quotes = a
        .quotes
        .iter()
        .map(|q| {
            let name = q.speaker_entity.clone().or_else(|| q.speaker.clone());
            QuoteView {
                text: q.text.clone(),
                speaker_href: name
                    .as_deref()
                    .filter(|n| entity_names.contains(n))
                    .map(entity_href),
                speaker: name.unwrap_or_else(|| "unattributed".into()),
                cue: q.cue.clone().unwrap_or_default(),
            }
        })
        .collect();
    let sources = a
        .sources
        .iter()
        .map(|s| SourceView {
            name: s.name.clone(),
            kind: serde_json::to_value(s.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            cites: s.cites.join(", "),
            text: s.text.clone(),
        })
        .collect();
    let mut entities: Vec<EntityView> = a
        .entities
        .iter()
        .map(|e| EntityView {
            name: e.name.clone(),
            class: label_names(e.label).0,
            href: entity_href(&e.name),
            count: e.mentions.len(),
        })
        .collect();
    entities.sort_by(|x, y| y.count.cmp(&x.count).then(x.name.cmp(&y.name)));
    let mut dates: Vec<DateView> = Vec::new();
    for d in &a.dates {
        if let Some(v) = &d.value {
            if !dates.iter().any(|x| x.text == d.text && &x.value == v) {
                dates.push(DateView {
                    text: d.text.clone(),
                    value: v.clone(),
                });
            }
        }
    }
    let published = a.published.clone().unwrap_or_default();
    Ok(ArticlePage {
        page_lang: if a.language.is_known() {
            lang
        } else {
            "en".into()
        },
        page_title: headline.clone(),
        q: "",
        crumbs,
        headline_short: short(&headline, 60),
        headline,
        standfirst: a.standfirst.clone().unwrap_or_default(),
        byline: a.authors.join(", "),
        published_display: published
            .replace('T', " ")
            .trim_end_matches('Z')
            .to_string(),
        published,
        site,
        source_href: a.url.as_deref().and_then(safe_external),
        editions,
        story_href: story.map(|s| format!("/story/{}", s.story_id)),
        story_size,
        paragraphs: markup::paragraphs(a),
        quotes,
        sources,
        entities,
        dates,
    })
}

async fn article(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let id = parse_id(&raw, "article")?;
    Ok(state
        .read(move |s| article_page(s, id).and_then(|p| render(&p)))
        .await?)
}

// ---------------------------------------------------------------------------------------------
// Story

struct TitleView {
    language: String,
    title: String,
}

struct SourceLink {
    label: String,
    href: String,
}

struct EventView {
    date: String,
    text: String,
    sources: Vec<SourceLink>,
}

struct SpeakerQuote {
    text: String,
    language: String,
    href: String,
}

struct SpeakerView {
    name: String,
    href: String,
    total: usize,
    quotes: Vec<SpeakerQuote>,
}

struct MemberView {
    id: i64,
    href: String,
    title: String,
    site: String,
    language: String,
    published: String,
    link: String,
    why: String,
}

struct CountedName {
    name: String,
    count: usize,
}

#[derive(Template)]
#[template(path = "story.html")]
struct StoryPage {
    page_lang: &'static str,
    page_title: String,
    q: &'static str,
    id: i64,
    headline: String,
    titles: Vec<TitleView>,
    article_count: usize,
    languages: String,
    outlets: String,
    first_seen: String,
    last_seen: String,
    timeline: Vec<EventView>,
    speakers: Vec<SpeakerView>,
    articles: Vec<MemberView>,
    entities: Vec<EntityView>,
    sources: Vec<CountedName>,
}

/// A short reading of a stored assignment: which article it matched, and the entities,
/// speakers, dates and numbers the two share.
fn explain(link: &str, explanation: Option<&str>) -> String {
    let value = explanation
        .and_then(|e| serde_json::from_str::<serde_json::Value>(e).ok())
        .unwrap_or_default();
    let matched = value["matched"].as_i64();
    let mut parts = Vec::new();
    match (link, matched) {
        ("edition", Some(m)) => parts.push(format!("language edition of #{m}")),
        ("duplicate", Some(m)) => parts.push(format!("copy of #{m}")),
        ("similar", Some(m)) => parts.push(format!("like #{m}")),
        _ => {}
    }
    for key in ["entities", "speakers", "dates", "numbers"] {
        let words: Vec<&str> = value[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x.as_str())
            .take(6)
            .collect();
        if !words.is_empty() {
            parts.push(format!("{key}: {}", words.join(", ")));
        }
    }
    parts.join(" · ")
}

fn story_page(store: &Store, id: i64) -> Result<StoryPage, ApiError> {
    let Some(story) = newsloom_pipeline::stories::build(store, id)? else {
        return Err(ApiError::not_found(format!(
            "There is no story {id} in this corpus."
        )));
    };
    let members = store.story_members(id)?;
    let mut articles = Vec::new();
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    for m in &members {
        let Some(stored) = store.get(m.article_id)? else {
            continue;
        };
        let a = &stored.article;
        let site = a.site_name.clone().unwrap_or_default();
        let language = a.language.code().to_string();
        labels.insert(
            m.article_id.to_string(),
            if site.is_empty() {
                language.clone()
            } else {
                format!("{site} ({language})")
            },
        );
        articles.push(MemberView {
            id: m.article_id,
            href: format!("/article/{}", m.article_id),
            title: a.title.clone().unwrap_or_else(|| "(untitled)".into()),
            site,
            language,
            published: a.published.as_deref().map(day).unwrap_or_default(),
            link: format!("{} {:.2}", m.link, m.score),
            why: explain(&m.link, m.explanation.as_deref()),
        });
    }
    let label_of = |article_id: &str| {
        labels
            .get(article_id)
            .cloned()
            .unwrap_or_else(|| format!("article {article_id}"))
    };
    let timeline = story
        .timeline
        .iter()
        .map(|e| EventView {
            date: e.date.clone(),
            text: e.text.clone(),
            sources: e
                .sources
                .iter()
                .map(|s| SourceLink {
                    label: label_of(&s.article_id),
                    href: format!("/article/{}", s.article_id),
                })
                .collect(),
        })
        .collect();
    let speakers = story
        .quotes
        .iter()
        .map(|s| SpeakerView {
            name: s.speaker.clone(),
            href: entity_href(&s.speaker),
            total: s.total,
            quotes: s
                .quotes
                .iter()
                .map(|q| SpeakerQuote {
                    text: q.text.clone(),
                    language: q.language.clone(),
                    href: format!("/article/{}", q.article_id),
                })
                .collect(),
        })
        .collect();
    let headline = story
        .titles
        .get("en")
        .or_else(|| story.titles.values().next())
        .cloned()
        .unwrap_or_else(|| format!("Story {id}"));
    Ok(StoryPage {
        page_lang: "en",
        page_title: headline.clone(),
        q: "",
        id,
        headline,
        titles: story
            .titles
            .iter()
            .map(|(l, t)| TitleView {
                language: l.clone(),
                title: t.clone(),
            })
            .collect(),
        article_count: story.article_ids.len(),
        languages: story.languages.join(", "),
        outlets: story.outlets.join(", "),
        first_seen: story.first_seen.as_deref().map(day).unwrap_or_default(),
        last_seen: story.last_seen.as_deref().map(day).unwrap_or_default(),
        timeline,
        speakers,
        articles,
        entities: story
            .entities
            .iter()
            .map(|e| EntityView {
                name: e.name.clone(),
                class: label_names(e.label).0,
                href: entity_href(&e.name),
                count: e.articles,
            })
            .collect(),
        sources: story
            .sources
            .iter()
            .map(|s| CountedName {
                name: s.name.clone(),
                count: s.articles,
            })
            .collect(),
    })
}

async fn story(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, PageError> {
    let id = parse_id(&raw, "story")?;
    Ok(state
        .read(move |s| story_page(s, id).and_then(|p| render(&p)))
        .await?)
}

// ---------------------------------------------------------------------------------------------
// Lists: stories, entities, quotes

struct ListItem {
    href: String,
    title: String,
    meta: String,
    quote: Option<String>,
}

#[derive(Template)]
#[template(path = "list.html")]
struct ListPage {
    page_lang: &'static str,
    page_title: String,
    q: &'static str,
    heading: String,
    intro: String,
    items: Vec<ListItem>,
}

fn story_items(store: &Store, filter: &StoryFilter) -> Result<Vec<ListItem>, ApiError> {
    Ok(store
        .stories(filter)?
        .into_iter()
        .map(|s| ListItem {
            href: format!("/story/{}", s.id),
            title: s.title.unwrap_or_else(|| format!("Story {}", s.id)),
            meta: format!(
                "{} article{} · {} · {}{}",
                s.articles,
                if s.articles == 1 { "" } else { "s" },
                s.languages.join("/"),
                s.sites.join(", "),
                s.last_seen
                    .as_deref()
                    .map(|d| format!(" · {}", day(d)))
                    .unwrap_or_default()
            ),
            quote: None,
        })
        .collect())
}

async fn stories(
    State(state): State<AppState>,
    params: Result<Query<StoriesParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Html<String>, PageError> {
    let Query(mut params) = params.map_err(|e| ApiError::bad_request(e.body_text()))?;
    params.min_articles = params.min_articles.or(Some(2));
    params.limit = params.limit.or(Some(50));
    let filter = params.filter(&state)?;
    Ok(state
        .read(move |s| {
            render(&ListPage {
                page_lang: "en",
                page_title: "Stories".into(),
                q: "",
                heading: "Stories".into(),
                intro: "The same news across outlets and languages, largest first.".into(),
                items: story_items(s, &filter)?,
            })
        })
        .await?)
}

async fn entities(State(state): State<AppState>) -> Result<Html<String>, PageError> {
    Ok(state
        .read(move |s| {
            let list = s.entities(&EntityFilter {
                limit: 100,
                ..EntityFilter::default()
            })?;
            let items = list
                .into_iter()
                .map(|e| ListItem {
                    href: entity_href(&e.name),
                    meta: format!(
                        "{} · {} article{}",
                        label_names(e.label).1,
                        e.articles,
                        if e.articles == 1 { "" } else { "s" }
                    ),
                    title: e.name,
                    quote: None,
                })
                .collect();
            render(&ListPage {
                page_lang: "en",
                page_title: "Entities".into(),
                q: "",
                heading: "Entities".into(),
                intro: "The people, organisations and places the corpus mentions most.".into(),
                items,
            })
        })
        .await?)
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct QuotesQuery {
    speaker: Option<String>,
}

async fn quotes(
    State(state): State<AppState>,
    params: Result<Query<QuotesQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Html<String>, PageError> {
    let Query(params) = params.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let speaker = crate::params::text(&params.speaker, "speaker", state.limits())?;
    Ok(state
        .read(move |s| {
            let items = s
                .quotes(speaker.as_deref(), 100)?
                .into_iter()
                .map(|q| {
                    let who = q
                        .speaker_entity
                        .clone()
                        .or(q.speaker.clone())
                        .unwrap_or_else(|| "unattributed".into());
                    ListItem {
                        href: format!("/article/{}", q.article_id),
                        title: who,
                        meta: q.published.as_deref().map(day).unwrap_or_default(),
                        quote: Some(q.text),
                    }
                })
                .collect();
            render(&ListPage {
                page_lang: "en",
                page_title: "Quotes".into(),
                q: "",
                heading: match &speaker {
                    Some(s) => format!("Quotes: {s}"),
                    None => "Quotes".into(),
                },
                intro: "Who said what, newest first.".into(),
                items,
            })
        })
        .await?)
}

// ---------------------------------------------------------------------------------------------
// Entity

struct QuoteLink {
    text: String,
    href: String,
    source: String,
}

struct Linked {
    href: String,
    title: String,
    meta: String,
}

#[derive(Template)]
#[template(path = "entity.html")]
struct EntityPage {
    page_lang: &'static str,
    page_title: String,
    q: &'static str,
    name: String,
    class: &'static str,
    label: &'static str,
    articles: u64,
    mentions: u64,
    search_href: String,
    chart: String,
    quotes: Vec<QuoteLink>,
    stories: Vec<Linked>,
    recent: Vec<Linked>,
}

fn entity_page(store: &Store, name: &str) -> Result<EntityPage, ApiError> {
    let detail = crate::api::entity_detail(store, name).map_err(|e| {
        if e.status == StatusCode::NOT_FOUND {
            ApiError::not_found(format!("No entity named “{name}” in this corpus."))
        } else {
            e
        }
    })?;
    let stat = detail.entity;
    let (class, label) = label_names(stat.label);
    let quotes = detail
        .quotes
        .into_iter()
        .map(|q| QuoteLink {
            href: format!("/article/{}", q.article_id),
            source: q
                .published
                .as_deref()
                .map(day)
                .unwrap_or_else(|| "article".into()),
            text: q.text,
        })
        .collect();
    let stories = detail
        .stories
        .into_iter()
        .map(|s| Linked {
            href: format!("/story/{}", s.id),
            title: s.title.unwrap_or_else(|| "(untitled)".into()),
            meta: format!("{} articles", s.articles),
        })
        .collect();
    let recent = detail
        .articles
        .into_iter()
        .map(|a| Linked {
            href: format!("/article/{}", a.id),
            title: a.title.unwrap_or_else(|| "(untitled)".into()),
            meta: format!(
                "{} · {}",
                a.site.unwrap_or_default(),
                a.published.as_deref().map(day).unwrap_or_default()
            ),
        })
        .collect();
    Ok(EntityPage {
        page_lang: "en",
        page_title: stat.name.clone(),
        q: "",
        class,
        label,
        articles: stat.articles,
        mentions: stat.mentions,
        search_href: search_href(&SearchParams {
            entity: Some(stat.name.clone()),
            ..SearchParams::default()
        }),
        chart: chart::months(&stat.by_month),
        quotes,
        stories,
        recent,
        name: stat.name,
    })
}

async fn entity(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Html<String>, PageError> {
    let name = crate::params::text(&Some(name), "name", state.limits())?
        .ok_or_else(|| ApiError::bad_request("empty entity name"))?;
    Ok(state
        .read(move |s| entity_page(s, &name).and_then(|p| render(&p)))
        .await?)
}
