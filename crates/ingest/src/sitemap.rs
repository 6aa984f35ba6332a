//! XML sitemaps (`urlset`), sitemap indexes (`sitemapindex`) and Google News sitemaps (the
//! `news:` extension, whose `publication_date` and `title` are kept as hints), on quick-xml.

use crate::doc::Link;
use crate::IngestError;
use quick_xml::events::Event;
use quick_xml::Reader;

/// What a sitemap lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sitemap {
    /// A `urlset`: article URLs with their hints, in document order.
    Urls(Vec<Link>),
    /// A `sitemapindex`: the `loc` of each listed sitemap, in document order.
    Index(Vec<String>),
}

/// The elements whose text the parser keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Loc,
    LastMod,
    NewsDate,
    NewsTitle,
}

/// Parses a sitemap. `input` names it in errors. Elements are matched by local name, so any
/// prefix bound to the news namespace works; `news:publication_date` wins over `lastmod` as
/// the published hint.
pub fn parse_sitemap(bytes: &[u8], input: &str) -> Result<Sitemap, IngestError> {
    let error = |message: String| IngestError::Sitemap {
        input: input.to_string(),
        message,
    };
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut index: Option<bool> = None;
    let mut urls = Vec::new();
    let mut sitemaps = Vec::new();
    let mut current: Option<Link> = None;
    let mut lastmod: Option<String> = None;
    let mut field: Option<Field> = None;
    let mut in_news = false;
    let mut text = String::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|err| error(format!("at byte {}: {err}", reader.error_position())))?;
        match event {
            Event::Start(element) => {
                let name = element.local_name();
                match (name.as_ref(), index) {
                    (b"urlset", None) => index = Some(false),
                    (b"sitemapindex", None) => index = Some(true),
                    (_, None) => {
                        let root = String::from_utf8_lossy(name.as_ref()).into_owned();
                        return Err(error(format!(
                            "root element <{root}>, not urlset or sitemapindex"
                        )));
                    }
                    (b"url" | b"sitemap", Some(_)) => {
                        current = Some(Link::default());
                        lastmod = None;
                    }
                    (b"news", Some(false)) => in_news = true,
                    (b"loc", _) if current.is_some() && !in_news => field = Some(Field::Loc),
                    (b"lastmod", _) if current.is_some() => field = Some(Field::LastMod),
                    (b"publication_date", _) if in_news => field = Some(Field::NewsDate),
                    (b"title", _) if in_news => field = Some(Field::NewsTitle),
                    _ => {}
                }
                text.clear();
            }
            Event::Text(content) if field.is_some() => {
                let decoded = content
                    .xml10_content()
                    .map_err(|err| error(err.to_string()))?;
                text.push_str(&decoded);
            }
            Event::CData(content) if field.is_some() => {
                text.push_str(&String::from_utf8_lossy(&content));
            }
            Event::GeneralRef(reference) if field.is_some() => {
                if let Ok(Some(ch)) = reference.resolve_char_ref() {
                    text.push(ch);
                } else {
                    let name = reference.decode().map_err(|err| error(err.to_string()))?;
                    match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(value) => text.push_str(value),
                        None => return Err(error(format!("unknown entity &{name};"))),
                    }
                }
            }
            Event::End(element) => {
                let name = element.local_name();
                match name.as_ref() {
                    b"url" | b"sitemap" => {
                        if let Some(mut link) = current.take() {
                            if link.published.is_none() {
                                link.published = lastmod.take();
                            }
                            if link.url.is_empty() {
                                tracing::debug!("{input}: entry without <loc>");
                            } else if index == Some(true) {
                                sitemaps.push(link.url);
                            } else {
                                urls.push(link);
                            }
                        }
                    }
                    b"news" => in_news = false,
                    _ => {
                        if let (Some(which), Some(link)) = (field.take(), current.as_mut()) {
                            let value = text.trim().to_string();
                            if !value.is_empty() {
                                match which {
                                    Field::Loc => link.url = value,
                                    Field::LastMod => lastmod = Some(value),
                                    Field::NewsDate => link.published = Some(value),
                                    Field::NewsTitle => link.title = Some(value),
                                }
                            }
                        }
                    }
                }
                text.clear();
            }
            Event::Empty(element) if index.is_none() => {
                let root = String::from_utf8_lossy(element.local_name().as_ref()).into_owned();
                return Err(error(format!(
                    "root element <{root}/>, not urlset or sitemapindex"
                )));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    match index {
        Some(true) => Ok(Sitemap::Index(sitemaps)),
        Some(false) => Ok(Sitemap::Urls(urls)),
        None => Err(error("no root element".to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlset_with_entities_and_lastmod() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://example.invalid/a?x=1&amp;y=2</loc><lastmod>2024-01-02</lastmod></url>
  <url><loc> https://example.invalid/b </loc></url>
  <url><lastmod>2024-01-03</lastmod></url>
</urlset>"#;
        let Sitemap::Urls(urls) = parse_sitemap(xml, "t").expect("parse") else {
            panic!("not a urlset");
        };
        assert_eq!(urls.len(), 2);
        assert_eq!(urls[0].url, "https://example.invalid/a?x=1&y=2");
        assert_eq!(urls[0].published.as_deref(), Some("2024-01-02"));
        assert_eq!(urls[1].url, "https://example.invalid/b");
        assert_eq!(urls[1].published, None);
    }

    #[test]
    fn google_news_hints_win_over_lastmod() {
        let xml = r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://example.invalid/news/1</loc>
    <lastmod>2024-05-02</lastmod>
    <news:news>
      <news:publication><news:name>Le Monde</news:name><news:language>fr</news:language></news:publication>
      <news:publication_date>2024-05-01T10:00:00+02:00</news:publication_date>
      <news:title><![CDATA[Élections : les résultats]]></news:title>
    </news:news>
  </url>
</urlset>"#;
        let Sitemap::Urls(urls) = parse_sitemap(xml.as_bytes(), "t").expect("parse") else {
            panic!("not a urlset");
        };
        assert_eq!(urls.len(), 1);
        assert_eq!(urls[0].url, "https://example.invalid/news/1");
        assert_eq!(
            urls[0].published.as_deref(),
            Some("2024-05-01T10:00:00+02:00")
        );
        assert_eq!(urls[0].title.as_deref(), Some("Élections : les résultats"));
    }

    #[test]
    fn index_and_errors() {
        let xml = b"<sitemapindex><sitemap><loc>https://e.invalid/s1.xml</loc></sitemap>\
                    <sitemap><loc>s2.xml</loc></sitemap></sitemapindex>";
        assert_eq!(
            parse_sitemap(xml, "t").expect("parse"),
            Sitemap::Index(vec!["https://e.invalid/s1.xml".into(), "s2.xml".into()])
        );
        assert!(parse_sitemap(b"<rss></rss>", "t").is_err());
        assert!(parse_sitemap(b"", "t").is_err());
        assert!(parse_sitemap(b"<urlset><url><loc>x</loc></urlset>", "t").is_err());
    }
}
