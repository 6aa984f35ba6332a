//! Metadata: title, standfirst, authors, dates, language, section, site, editions.
//!
//! Sources in order of trust: JSON-LD (including `@graph`), microdata, OpenGraph/Twitter/Dublin
//! Core meta tags, the visible page (bylines, `<time>`, breadcrumbs, language switchers) and the
//! URL. Each field records where it came from in [`newsloom_model::Article::provenance`]
//! (`"json-ld"`, `"microdata"`, `"opengraph"`, `"twitter"`, `"dublin-core"`, `"meta"`, `"dom"`,
//! `"byline"`, `"url"`, `"title-tag"`).
//!
//! One pass over the elements ([`scan`]) collects the candidates; each field then takes the
//! first candidate, in order of trust, that survives its heuristic (one module per field).
//!
//! ```
//! use newsloom_extract::{dom::Document, meta};
//! use newsloom_model::Article;
//! let doc = Document::parse_str(r#"<html lang="de"><head><title>Große Nachricht | Die Zeitung</title>
//!   </head><body><article><h1>Große Nachricht</h1><p class="byline">Von Jonas Weber und Lena Vogt, Berlin</p>
//!   <time datetime="2030-10-14T09:30:00+02:00">14. Oktober 2030</time></article></body></html>"#);
//! let mut article = Article::default();
//! meta::read(&doc, None, &mut article);
//! assert_eq!(article.title.as_deref(), Some("Große Nachricht"));
//! assert_eq!(article.site_name.as_deref(), Some("Die Zeitung"));
//! assert_eq!(article.authors, vec!["Jonas Weber", "Lena Vogt"]);
//! assert_eq!(article.published.as_deref(), Some("2030-10-14T09:30:00+02:00"));
//! ```

pub mod breadcrumb;
pub mod byline;
pub mod dates;
pub mod editions;
pub mod jsonld;
pub mod metatags;
pub mod scan;
pub mod standfirst;
pub mod text;
pub mod title;
pub mod vocab;

use crate::dom::{Document, NodeId, Tag};
use metatags::keys;
use newsloom_model::{Article, Language};
use scan::{BylineMark, Found, Scan};
use url::Url;

/// Thresholds of the metadata stage, one struct per heuristic.
#[derive(Debug, Clone, Copy)]
pub struct MetaConfig {
    /// Most candidates of one kind kept by the scan.
    pub max_candidates: usize,
    /// Longest link text read as a language name by the scan, in bytes.
    pub max_language_label_chars: usize,
    /// Largest element whose text is read as a byline or date, in nodes.
    pub max_small_element_nodes: u32,
    /// Visible byline elements further apart than this (in nodes) from the first one are
    /// ignored (they belong to other stories).
    pub byline_cluster_nodes: u32,
    /// Nodes after the `<h1>` searched for a free-text byline or date.
    pub after_h1_window: u32,
    /// Longest first body paragraph read as a byline by [`finish`], in characters.
    pub max_first_line_chars: usize,
    /// Title choice.
    pub title: title::TitleConfig,
    /// Byline parsing.
    pub byline: byline::BylineConfig,
    /// Date bounds.
    pub dates: dates::DateConfig,
    /// Breadcrumb reading.
    pub breadcrumb: breadcrumb::BreadcrumbConfig,
    /// Edition finding.
    pub editions: editions::EditionsConfig,
    /// Standfirst finding.
    pub standfirst: standfirst::StandfirstConfig,
}

impl MetaConfig {
    /// The defaults.
    pub const DEFAULT: MetaConfig = MetaConfig {
        max_candidates: 24,
        max_language_label_chars: 24,
        max_small_element_nodes: 60,
        byline_cluster_nodes: 150,
        after_h1_window: 120,
        max_first_line_chars: 120,
        title: title::TitleConfig::DEFAULT,
        byline: byline::BylineConfig::DEFAULT,
        dates: dates::DateConfig::DEFAULT,
        breadcrumb: breadcrumb::BreadcrumbConfig::DEFAULT,
        editions: editions::EditionsConfig::DEFAULT,
        standfirst: standfirst::StandfirstConfig::DEFAULT,
    };
}

impl Default for MetaConfig {
    fn default() -> Self {
        MetaConfig::DEFAULT
    }
}

/// Reads the page's metadata into `article` (everything but `text`), with default settings.
///
/// `url` is the page's address when known from outside; without it, `article.url` is taken
/// from `og:url` or the canonical link (and left `None` when the page has neither).
pub fn read(doc: &Document, url: Option<&str>, article: &mut Article) {
    read_with(doc, url, article, &MetaConfig::DEFAULT);
}

/// [`read`] with explicit settings.
pub fn read_with(doc: &Document, url: Option<&str>, article: &mut Article, cfg: &MetaConfig) {
    let scan = scan::scan(doc, cfg);
    let ld = jsonld::read(doc, &scan.jsonld);
    if ld.broken_scripts > 0 {
        article.warnings.push(format!(
            "{} JSON-LD script(s) could not be parsed",
            ld.broken_scripts
        ));
    }

    // URLs.
    let input = url.and_then(|u| Url::parse(u).ok());
    let og_url = scan
        .metas
        .get(keys::URL)
        .and_then(|(u, o)| Url::parse(u).ok().map(|u| (u, o)));
    let base = input
        .clone()
        .or_else(|| og_url.as_ref().map(|(u, _)| u.clone()));
    if let Some(href) = scan.canonical {
        let resolved = match &base {
            Some(b) => b.join(href.trim()).ok().map(String::from),
            None => Url::parse(href.trim()).ok().map(String::from),
        };
        if let Some(c) = resolved {
            article.canonical_url = Some(c);
            article.provenance.set("canonical_url", "meta");
        }
    }
    if url.is_none() {
        // The canonical link is the page's own statement of its address; og:url next.
        let found = article
            .canonical_url
            .clone()
            .map(|c| (c, "meta"))
            .or_else(|| og_url.as_ref().map(|(u, o)| (String::from(u.clone()), *o)))
            .or_else(|| {
                ld.url
                    .as_ref()
                    .filter(|u| Url::parse(u).is_ok())
                    .map(|u| (u.clone(), "json-ld"))
            });
        if let Some((u, origin)) = found {
            article.url = Some(u);
            article.provenance.set("url", origin);
        }
    }
    let base = base.or_else(|| {
        article
            .canonical_url
            .as_deref()
            .and_then(|c| Url::parse(c).ok())
    });

    // Site name, then the title (whose suffix may also give the site name).
    let title_tag = scan
        .title
        .map(|t| doc.text_content(t))
        .filter(|t| !t.is_empty());
    let site = scan
        .metas
        .get(&keys::SITE_NAME[..1])
        .map(|(s, o)| (s.to_string(), o))
        .or_else(|| ld.publisher.clone().map(|p| (p, "json-ld")))
        .or_else(|| ld.website_name.clone().map(|p| (p, "json-ld")))
        .or_else(|| {
            scan.metas
                .get(&keys::SITE_NAME[1..])
                .map(|(s, o)| (s.to_string(), o))
        });
    let site_name = site.as_ref().map(|(s, _)| s.as_str());
    let tag_split = title_tag
        .as_deref()
        .map(|t| title::split_site_suffix(t, site_name, &cfg.title));
    let mut metas: Vec<(&str, &'static str)> = Vec::new();
    if let Some(h) = &ld.headline {
        metas.push((h, "json-ld"));
    }
    metas.extend(scan.metas.all(&keys::TITLE[..2]));
    if let Some((head, _)) = tag_split {
        metas.push((head, "title-tag"));
    }
    let mut h1s: Vec<&Found> = scan.h1s.iter().filter(|f| f.in_article).collect();
    h1s.extend(scan.h1s.iter().filter(|f| !f.in_article));
    let h1_texts: Vec<String> = h1s
        .iter()
        .filter(|f| doc.descendant_range(f.id).len() as u32 <= cfg.max_small_element_nodes * 2)
        .map(|f| doc.text_content(f.id))
        .collect();
    if let Some((t, origin)) = title::choose(&metas, &h1_texts, site_name, &cfg.title) {
        article.title = Some(t);
        article.provenance.set("title", origin);
    }
    match site {
        Some((s, origin)) => {
            article.site_name = Some(s);
            article.provenance.set("site_name", origin);
        }
        None => {
            if let Some((_, Some(suffix))) = tag_split {
                article.site_name = Some(suffix.to_string());
                article.provenance.set("site_name", "title-tag");
            }
        }
    }
    let site_name = article.site_name.clone();
    let site_name = site_name.as_deref();

    // Language (declared only; detection is the caller's).
    let lang = [
        scan.html_lang.map(|l| (l, "dom")),
        scan.metas.get(keys::LANGUAGE),
        ld.in_language.as_deref().map(|l| (l, "json-ld")),
    ]
    .into_iter()
    .flatten()
    .find_map(|(l, o)| Language::parse(l).map(|lang| (lang, o)));
    if let Some((l, origin)) = lang {
        article.language = l;
        article.provenance.set("language", origin);
    }

    // Authors.
    let first_h1 = h1s.first().map(|f| f.id);
    if let Some((authors, origin)) = authors(doc, &scan, &ld, first_h1, site_name, cfg) {
        article.authors = authors;
        article.provenance.set("authors", origin);
    }

    // Dates.
    let page_url = url
        .map(str::to_string)
        .or_else(|| article.url.clone())
        .or_else(|| article.canonical_url.clone());
    if let Some((d, origin)) = published(doc, &scan, &ld, first_h1, page_url.as_deref(), cfg) {
        article.published = Some(d);
        article.provenance.set("published", origin);
    }
    if let Some((d, origin)) = modified(doc, &scan, &ld, cfg) {
        article.modified = Some(d);
        article.provenance.set("modified", origin);
    }

    // Section.
    let title_ref = article.title.as_deref();
    let mut section: Option<(Vec<String>, &'static str)> = None;
    if !ld.breadcrumb.is_empty() {
        let trail = breadcrumb::clean(&ld.breadcrumb, title_ref, site_name, &cfg.breadcrumb);
        if !trail.is_empty() {
            section = Some((trail, "json-ld"));
        }
    }
    for &(container, micro) in &scan.breadcrumbs {
        if section.is_some() {
            break;
        }
        let crumbs = breadcrumb::from_element(doc, container, &cfg.breadcrumb);
        let trail = breadcrumb::clean(&crumbs, title_ref, site_name, &cfg.breadcrumb);
        if !trail.is_empty() {
            section = Some((trail, if micro { "microdata" } else { "dom" }));
        }
    }
    if section.is_none() {
        section = ld
            .sections
            .first()
            .map(|s| (s.as_str(), "json-ld"))
            .or_else(|| scan.metas.get(keys::SECTION))
            .map(|(s, origin)| (crate::dom::collapse_whitespace(s), origin))
            .filter(|(s, _)| !s.is_empty() && s.chars().count() <= cfg.breadcrumb.max_crumb_chars)
            .map(|(s, origin)| (vec![s], origin));
    }
    if let Some((trail, origin)) = section {
        article.section = trail;
        article.provenance.set("section", origin);
    }

    // Editions.
    let mut own_urls: Vec<String> = Vec::new();
    own_urls.extend(url.map(str::to_string));
    own_urls.extend(article.canonical_url.clone());
    own_urls.extend(article.url.clone());
    let declared = article.language.is_known().then_some(&article.language);
    let page = editions::Page {
        language: declared,
        urls: own_urls,
        base: base.as_ref(),
    };
    let (eds, origin) = editions::collect(doc, &scan, &page, &cfg.editions);
    if let Some(origin) = origin {
        article.editions = eds;
        article.provenance.set("editions", origin);
    }

    // Standfirst.
    if let Some((s, origin)) = standfirst(doc, &scan, &ld, first_h1, article.title.as_deref(), cfg)
    {
        article.standfirst = Some(s);
        article.provenance.set("standfirst", origin);
    }
}

/// The collapsed text of an element when it is small enough to be a byline or a date.
fn small_text(doc: &Document, id: NodeId, cfg: &MetaConfig) -> Option<String> {
    let range = doc.descendant_range(id);
    (range.end - range.start <= cfg.max_small_element_nodes)
        .then(|| doc.text_content(id))
        .filter(|t| !t.is_empty())
}

/// Text nodes in the window after the `<h1>`, trimmed, with their ids.
fn after_h1<'d>(
    doc: &'d Document,
    h1: Option<NodeId>,
    cfg: &MetaConfig,
) -> impl Iterator<Item = (NodeId, &'d str)> + 'd {
    let start = h1.map_or(u32::MAX, |h| doc.descendant_range(h).end);
    let end = start
        .saturating_add(cfg.after_h1_window)
        .min(doc.len() as u32);
    (start.min(end)..end).filter_map(move |i| {
        let id = NodeId(i);
        let t = doc.text(id)?.trim();
        let parent = doc.parent(id)?;
        let hidden = matches!(
            doc.tag(parent),
            Some(Tag::Script | Tag::Style | Tag::Noscript | Tag::Template)
        );
        (!t.is_empty() && !hidden).then_some((id, t))
    })
}

fn authors(
    doc: &Document,
    scan: &Scan<'_>,
    ld: &jsonld::JsonLd,
    first_h1: Option<NodeId>,
    site: Option<&str>,
    cfg: &MetaConfig,
) -> Option<(Vec<String>, &'static str)> {
    let bc = &cfg.byline;
    let collect = |names: &mut dyn Iterator<Item = String>| {
        let mut out = Vec::new();
        for n in names {
            byline::push_unique(&mut out, n);
        }
        out.truncate(bc.max_authors);
        out
    };
    // JSON-LD.
    let from_ld = collect(
        &mut ld
            .authors
            .iter()
            .flat_map(|a| byline::parse_structured(a, site, bc)),
    );
    if !from_ld.is_empty() {
        return Some((from_ld, "json-ld"));
    }
    // Microdata.
    let micro = collect(
        &mut scan
            .bylines
            .iter()
            .filter(|(_, m)| *m == BylineMark::Itemprop)
            .flat_map(|(f, _)| {
                let name_el = doc.descendants(f.id).find(|&n| {
                    doc.attr(n, "itemprop")
                        .is_some_and(|p| text::has_word(p, &["name"]))
                });
                let text = match name_el {
                    Some(n) => doc
                        .attr(n, "content")
                        .map(str::to_string)
                        .or_else(|| small_text(doc, n, cfg)),
                    None => doc
                        .attr(f.id, "content")
                        .map(str::to_string)
                        .or_else(|| small_text(doc, f.id, cfg)),
                };
                text.map(|t| byline::parse_structured(&t, site, bc))
                    .unwrap_or_default()
            }),
    );
    if !micro.is_empty() {
        return Some((micro, "microdata"));
    }
    // Meta tags.
    let mut meta_origin = "meta";
    let metas = collect(
        &mut scan.metas.all(keys::AUTHOR).into_iter().flat_map(|(a, o)| {
            let names = byline::parse_structured(a, site, bc);
            if !names.is_empty() && meta_origin == "meta" {
                meta_origin = o;
            }
            names
        }),
    );
    if !metas.is_empty() {
        return Some((metas, meta_origin));
    }
    // Visible bylines: rel=author and class-marked elements, clustered.
    let mut visible = Vec::new();
    let mut anchor: Option<(u32, u32)> = None; // first accepted (start, subtree end)
    for (f, mark) in &scan.bylines {
        if *mark == BylineMark::Itemprop {
            continue;
        }
        if let Some((start, end)) = anchor {
            if f.id.0 < end || f.id.0 > start + cfg.byline_cluster_nodes {
                continue;
            }
        }
        let Some(text) = small_text(doc, f.id, cfg) else {
            continue;
        };
        let names = byline::parse(&text, false, site, bc);
        if names.is_empty() {
            continue;
        }
        if anchor.is_none() {
            anchor = Some((f.id.0, doc.descendant_range(f.id).end));
        } else if let Some((start, _)) = anchor {
            anchor = Some((start, doc.descendant_range(f.id).end));
        }
        for n in names {
            byline::push_unique(&mut visible, n);
        }
    }
    if !visible.is_empty() {
        visible.truncate(bc.max_authors);
        return Some((visible, "byline"));
    }
    // Free text right after the headline: "By …", "Par …", "Von …".
    for (id, t) in after_h1(doc, first_h1, cfg) {
        if byline::prefix_len(t).is_none() {
            continue;
        }
        let block = doc
            .parent(id)
            .filter(|&p| !doc.tag(p).is_some_and(|t| t.is_block() && t != Tag::P))
            .unwrap_or(id);
        let text = small_text(doc, block, cfg).unwrap_or_else(|| t.to_string());
        let names = byline::parse(&text, true, site, bc);
        if !names.is_empty() {
            return Some((names, "byline"));
        }
    }
    None
}

/// The first candidate that normalises to a date.
fn first_date<'a>(
    cands: impl IntoIterator<Item = (&'a str, &'static str)>,
    cfg: &MetaConfig,
) -> Option<(String, &'static str)> {
    cands
        .into_iter()
        .find_map(|(s, o)| dates::parse(s, &cfg.dates).map(|d| (d.to_iso(), o)))
}

fn is_update_marked(doc: &Document, id: NodeId) -> bool {
    let marks = [
        "updated",
        "modified",
        "update",
        "aktualisiert",
        "actualizado",
        "aggiornato",
        "mis-a-jour",
        "maj",
    ];
    ["class", "itemprop", "id"]
        .iter()
        .any(|a| doc.attr(id, a).is_some_and(|v| text::has_word(v, &marks)))
        || doc
            .attr(id, "itemprop")
            .is_some_and(|p| text::contains_ci(p, "datemodified"))
}

fn time_value(doc: &Document, id: NodeId, cfg: &MetaConfig) -> Option<String> {
    doc.attr(id, "datetime")
        .map(str::to_string)
        .or_else(|| small_text(doc, id, cfg))
}

fn published(
    doc: &Document,
    scan: &Scan<'_>,
    ld: &jsonld::JsonLd,
    first_h1: Option<NodeId>,
    page_url: Option<&str>,
    cfg: &MetaConfig,
) -> Option<(String, &'static str)> {
    let mut cands: Vec<(String, &'static str)> = Vec::new();
    cands.extend(ld.date_published.clone().map(|d| (d, "json-ld")));
    cands.extend(
        scan.metas
            .all(keys::PUBLISHED)
            .into_iter()
            .map(|(d, o)| (d.to_string(), o)),
    );
    for (f, prop) in &scan.itemprops {
        if text::has_word(prop, &["datePublished", "dateCreated"]) {
            let v = doc
                .attr(f.id, "datetime")
                .or_else(|| doc.attr(f.id, "content"))
                .map(str::to_string);
            cands.extend(
                v.or_else(|| small_text(doc, f.id, cfg))
                    .map(|v| (v, "microdata")),
            );
        }
    }
    if let Some(d) = first_date(cands.iter().map(|(s, o)| (s.as_str(), *o)), cfg) {
        return Some(d);
    }
    // <time>: in the article region first, never one marked as an update.
    let times = scan
        .times
        .iter()
        .filter(|f| f.in_article)
        .chain(scan.times.iter().filter(|f| !f.in_article));
    for f in times {
        if is_update_marked(doc, f.id) {
            continue;
        }
        if let Some(d) = time_value(doc, f.id, cfg).and_then(|v| dates::parse(&v, &cfg.dates)) {
            return Some((d.to_iso(), "dom"));
        }
    }
    // Visible dates: date-marked elements, bylines, then text right after the headline.
    let marked = scan.dates.iter().chain(scan.bylines.iter().map(|(f, _)| f));
    for f in marked {
        if is_update_marked(doc, f.id) {
            continue;
        }
        if let Some(d) =
            small_text(doc, f.id, cfg).and_then(|t| dates::find_written(&t, &cfg.dates))
        {
            return Some((d.to_iso(), "dom"));
        }
    }
    for (_, t) in after_h1(doc, first_h1, cfg) {
        if t.len() <= cfg.max_first_line_chars {
            if let Some(d) = dates::find_written(t, &cfg.dates) {
                return Some((d.to_iso(), "dom"));
            }
        }
    }
    page_url
        .and_then(|u| dates::from_url(u, &cfg.dates))
        .map(|d| (d.to_iso(), "url"))
}

fn modified(
    doc: &Document,
    scan: &Scan<'_>,
    ld: &jsonld::JsonLd,
    cfg: &MetaConfig,
) -> Option<(String, &'static str)> {
    let mut cands: Vec<(String, &'static str)> = Vec::new();
    cands.extend(ld.date_modified.clone().map(|d| (d, "json-ld")));
    cands.extend(
        scan.metas
            .all(keys::MODIFIED)
            .into_iter()
            .map(|(d, o)| (d.to_string(), o)),
    );
    for (f, prop) in &scan.itemprops {
        if text::has_word(prop, &["dateModified"]) {
            let v = doc
                .attr(f.id, "datetime")
                .or_else(|| doc.attr(f.id, "content"))
                .map(str::to_string);
            cands.extend(
                v.or_else(|| small_text(doc, f.id, cfg))
                    .map(|v| (v, "microdata")),
            );
        }
    }
    for f in &scan.times {
        if is_update_marked(doc, f.id) || doc.parent(f.id).is_some_and(|p| is_update_marked(doc, p))
        {
            cands.extend(time_value(doc, f.id, cfg).map(|v| (v, "dom")));
        }
    }
    first_date(cands.iter().map(|(s, o)| (s.as_str(), *o)), cfg)
}

fn standfirst(
    doc: &Document,
    scan: &Scan<'_>,
    ld: &jsonld::JsonLd,
    first_h1: Option<NodeId>,
    title: Option<&str>,
    cfg: &MetaConfig,
) -> Option<(String, &'static str)> {
    let sc = &cfg.standfirst;
    let origin_of = |id: NodeId| {
        if doc.attr(id, "itemprop").is_some() {
            "microdata"
        } else {
            "dom"
        }
    };
    // Marked dek elements near the headline (anywhere in the article without one).
    let near = standfirst::window(doc, first_h1, sc);
    let marked = scan
        .standfirsts
        .iter()
        .filter(|f| near.contains(&f.id.0) && (first_h1.is_some() || f.in_article));
    for f in marked {
        if let Some(t) = standfirst::candidate_text(doc, f.id, title, sc) {
            return Some((t, origin_of(f.id)));
        }
    }
    if let Some(id) = first_h1.and_then(|h| standfirst::after_h1(doc, h)) {
        if let Some(t) = standfirst::candidate_text(doc, id, title, sc) {
            return Some((t, "dom"));
        }
    }
    // A description, only when visible.
    let mut descs: Vec<(&str, &'static str)> = Vec::new();
    descs.extend(scan.metas.all(keys::DESCRIPTION));
    descs.extend(ld.description.as_deref().map(|d| (d, "json-ld")));
    let mut tried: Vec<String> = Vec::new();
    for (d, origin) in descs {
        let key = text::fold(d);
        if tried.contains(&key) {
            continue;
        }
        if let Some(t) = standfirst::visible_match(doc, d, near.clone(), sc) {
            let is_title = title.is_some_and(|ti| text::fold(ti) == text::fold(&t));
            if !is_title {
                return Some((t, origin));
            }
        }
        tried.push(key);
    }
    None
}

/// True when an element whose class or id names a dek distinctively ("standfirst", "chapo",
/// "subtitle"; not the ambiguous "summary" or "lead", which many sites put on the opening
/// paragraph of the body) holds the text `folded`.
fn is_distinctive_dek(doc: &Document, folded: &str) -> bool {
    doc.elements().any(|(id, e)| {
        let named = e
            .attr("itemprop")
            .is_some_and(|p| p.contains("description"))
            || matches!(e.tag, Tag::H2 | Tag::H3)
            || ["class", "id"].iter().filter_map(|a| e.attr(a)).any(|v| {
                let v = v.to_ascii_lowercase();
                vocab::markers::STANDFIRST_SUBSTRINGS
                    .iter()
                    .any(|m| v.contains(m))
            });
        named && text::fold(&doc.text_content(id)) == folded
    })
}

/// Completes metadata that depends on the extracted body: drops a standfirst that merely
/// repeats the first paragraph, and reads a byline from the body's first line when no other
/// source named the authors.
pub fn finish(doc: &Document, article: &mut Article) {
    finish_with(doc, article, &MetaConfig::DEFAULT);
}

/// [`finish`] with explicit settings.
pub fn finish_with(doc: &Document, article: &mut Article, cfg: &MetaConfig) {
    let first = article.paragraphs().next().map(str::to_string);
    let Some(first) = first else { return };
    if let Some(sf) = &article.standfirst {
        let (fs, fp) = (text::fold(sf), text::fold(&first));
        let repeats = fs == fp || (fs.len() >= 40 && fp.starts_with(fs.trim_end_matches('…')));
        let marked = matches!(
            article.provenance.0.get("standfirst").map(String::as_str),
            Some("dom" | "microdata")
        );
        if marked && fs == fp && is_distinctive_dek(doc, &fs) {
            // A marked dek element copied into the body: it is metadata, not a paragraph.
            let rest = article
                .text
                .split_once("\n\n")
                .map_or("", |(_, r)| r)
                .to_string();
            article.text = rest;
        } else if repeats || text::similar(sf, &first, 0.9) {
            // A description that is only the first paragraph is not a standfirst.
            article.standfirst = None;
            article.provenance.0.remove("standfirst");
        }
    }
    if article.authors.is_empty() && first.chars().count() <= cfg.max_first_line_chars {
        let names = byline::parse(&first, true, article.site_name.as_deref(), &cfg.byline);
        if !names.is_empty() {
            article.authors = names;
            article.provenance.set("authors", "byline");
        }
    }
}

#[cfg(test)]
mod tests;
