//! Parquet export: one row per article, flat columns; lists and nested records as JSON text.
//! Written with the parquet crate's column writers (no arrow), Snappy-compressed, in row groups.

use crate::{StoreError, StoredArticle};
use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use std::path::Path;
use std::sync::Arc;

/// Rows per row group.
const ROW_GROUP: usize = 5000;

/// Reads one column's value from a stored article.
type Column = fn(&StoredArticle) -> Option<String>;

/// The text columns, in schema order, with how to read each from a stored article.
const TEXT_COLUMNS: &[(&str, Column)] = &[
    ("status", |s| {
        serde_json::to_value(s.status)
            .ok()
            .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(String::from))
    }),
    ("first_seen", |s| Some(s.first_seen.clone())),
    ("updated", |s| Some(s.updated.clone())),
    ("source", |s| Some(s.article.source.clone())),
    ("url", |s| s.article.url.clone()),
    ("canonical_url", |s| s.article.canonical_url.clone()),
    ("site_name", |s| s.article.site_name.clone()),
    ("title", |s| s.article.title.clone()),
    ("standfirst", |s| s.article.standfirst.clone()),
    ("authors", |s| {
        serde_json::to_string(&s.article.authors).ok()
    }),
    ("published", |s| s.article.published.clone()),
    ("modified", |s| s.article.modified.clone()),
    ("language", |s| Some(s.article.language.code().to_string())),
    ("section", |s| {
        serde_json::to_string(&s.article.section).ok()
    }),
    ("editions", |s| {
        serde_json::to_string(&s.article.editions).ok()
    }),
    ("text", |s| Some(s.article.text.clone())),
    ("entities", |s| {
        serde_json::to_string(&s.article.entities).ok()
    }),
    ("quotes", |s| serde_json::to_string(&s.article.quotes).ok()),
    ("sources", |s| {
        serde_json::to_string(&s.article.sources).ok()
    }),
    ("dates", |s| serde_json::to_string(&s.article.dates).ok()),
];

fn fail(path: &Path, e: impl std::fmt::Display) -> StoreError {
    StoreError::Export(format!("{}: {e}", path.display()))
}

/// Writes `articles` to a Parquet file at `path`; returns how many were written.
pub fn write_parquet(
    articles: impl IntoIterator<Item = Result<StoredArticle, StoreError>>,
    path: &Path,
) -> Result<usize, StoreError> {
    let mut message = String::from("message article { REQUIRED INT64 id;");
    for (name, _) in TEXT_COLUMNS {
        message.push_str(&format!(" OPTIONAL BYTE_ARRAY {name} (UTF8);"));
    }
    message.push_str(" }");
    let schema = Arc::new(parse_message_type(&message).map_err(|e| fail(path, e))?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build(),
    );
    let file = std::fs::File::create(path).map_err(|e| StoreError::io(path, e))?;
    let mut writer = SerializedFileWriter::new(file, schema, props).map_err(|e| fail(path, e))?;
    let mut batch: Vec<StoredArticle> = Vec::with_capacity(ROW_GROUP);
    let mut written = 0;
    let mut rows = articles.into_iter();
    loop {
        let next = rows.next().transpose()?;
        let done = next.is_none();
        if let Some(row) = next {
            batch.push(row);
        }
        if (done && !batch.is_empty()) || batch.len() >= ROW_GROUP {
            write_group(&mut writer, &batch, path)?;
            written += batch.len();
            batch.clear();
        }
        if done {
            break;
        }
    }
    writer.close().map_err(|e| fail(path, e))?;
    Ok(written)
}

fn write_group(
    writer: &mut SerializedFileWriter<std::fs::File>,
    batch: &[StoredArticle],
    path: &Path,
) -> Result<(), StoreError> {
    let mut group = writer.next_row_group().map_err(|e| fail(path, e))?;
    let mut column = 0usize;
    while let Some(mut col) = group.next_column().map_err(|e| fail(path, e))? {
        if column == 0 {
            let ids: Vec<i64> = batch.iter().map(|s| s.id).collect();
            col.typed::<Int64Type>()
                .write_batch(&ids, None, None)
                .map_err(|e| fail(path, e))?;
        } else {
            let read = TEXT_COLUMNS[column - 1].1;
            let mut values = Vec::with_capacity(batch.len());
            let mut defs = Vec::with_capacity(batch.len());
            for s in batch {
                match read(s) {
                    Some(v) => {
                        values.push(ByteArray::from(v.into_bytes()));
                        defs.push(1i16);
                    }
                    None => defs.push(0),
                }
            }
            col.typed::<ByteArrayType>()
                .write_batch(&values, Some(&defs), None)
                .map_err(|e| fail(path, e))?;
        }
        col.close().map_err(|e| fail(path, e))?;
        column += 1;
    }
    group.close().map_err(|e| fail(path, e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};

    #[test]
    fn writes_a_readable_file_with_every_row() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = crate::Store::open(dir.path()).expect("opens");
        let mut batch = Vec::new();
        for i in 0..12 {
            let mut a = newsloom_model::Article::new(format!("p{i}.html"));
            a.url = Some(format!("https://example.test/{i}"));
            a.title = Some(format!("Title {i}"));
            a.text = format!(
                "Body number {i} with words enough to be an article of its own, number {i}."
            );
            batch.push((
                a,
                crate::SourceInfo {
                    source: format!("p{i}.html"),
                    fetched_at: None,
                    raw_hash: None,
                },
            ));
        }
        store.put_batch(batch).expect("stores");
        let out = dir.path().join("out.parquet");
        let n = write_parquet(
            store
                .export(&crate::ExportFilter::default())
                .expect("export"),
            &out,
        )
        .expect("writes");
        assert_eq!(n, 12);
        let reader =
            SerializedFileReader::new(std::fs::File::open(&out).expect("open")).expect("parquet");
        assert_eq!(reader.metadata().file_metadata().num_rows(), 12);
        let rows: Vec<String> = reader
            .get_row_iter(None)
            .expect("rows")
            .map(|r| r.expect("row").to_string())
            .collect();
        assert!(rows.iter().any(|r| r.contains("Title 7")));
    }
}
