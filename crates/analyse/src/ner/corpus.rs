//! Reading the training and evaluation corpora: WikiNEuRal (`idx\ttoken\ttag`) and KIND
//! (`token\ttag`), one token a line, blank lines between sentences.

use super::error::Error;
use super::features::Domain;
use super::labels::Tag;
use newsloom_model::Language;
use std::path::{Path, PathBuf};

/// One gold sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The tokens as written.
    pub words: Vec<String>,
    /// Their gold BIO tags.
    pub tags: Vec<Tag>,
}

/// A named corpus file in one language.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    /// Display name (`wikineural/en/dev`, `kind/WN_dev`).
    pub name: String,
    /// The file.
    pub path: PathBuf,
    /// Its language.
    pub lang: Language,
    /// Its domain.
    pub domain: Domain,
}

/// A corpus file read into memory.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Where it came from.
    pub file: CorpusFile,
    /// Its sentences.
    pub sentences: Vec<Sentence>,
}

/// Parses CoNLL-like text: the token is the second-to-last tab-separated column, the tag the
/// last.
pub fn parse(text: &str) -> Result<Vec<Sentence>, String> {
    let mut out = Vec::new();
    let mut cur = Sentence {
        words: Vec::new(),
        tags: Vec::new(),
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::replace(
                    &mut cur,
                    Sentence {
                        words: Vec::new(),
                        tags: Vec::new(),
                    },
                ));
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 {
            return Err(format!(
                "line {}: expected tab-separated token and tag",
                n + 1
            ));
        }
        cur.words.push(cols[cols.len() - 2].to_string());
        cur.tags.push(Tag::parse(cols[cols.len() - 1].trim()));
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Reads one corpus file.
pub fn read(file: &CorpusFile) -> Result<Corpus, Error> {
    let text = std::fs::read_to_string(&file.path).map_err(|source| Error::Io {
        path: file.path.display().to_string(),
        source,
    })?;
    let sentences = parse(&text).map_err(|message| Error::Corpus {
        path: file.path.display().to_string(),
        message,
    })?;
    Ok(Corpus {
        file: file.clone(),
        sentences,
    })
}

/// Which split of the corpora.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// Training data.
    Train,
    /// Development (evaluation) data.
    Dev,
}

/// The corpus files of `split` under `data_dir` (the directory holding `wikineural/` and
/// `kind_wikinews/`): WikiNEuRal for en, fr, es, de, it, then KIND Wikinews (Italian).
pub fn files(data_dir: &Path, split: Split) -> Vec<CorpusFile> {
    let (wn, kind) = match split {
        Split::Train => ("train", "WN_train"),
        Split::Dev => ("dev", "WN_dev"),
    };
    let mut out: Vec<CorpusFile> = Language::SUPPORTED
        .iter()
        .map(|lang| CorpusFile {
            name: format!("wikineural/{}/{wn}", lang.code()),
            path: data_dir
                .join("wikineural")
                .join(lang.code())
                .join(format!("{wn}.conllu")),
            lang: lang.clone(),
            domain: Domain::Wiki,
        })
        .collect();
    out.push(CorpusFile {
        name: format!("kind/{kind}"),
        path: data_dir.join("kind_wikinews").join(format!("{kind}.tsv")),
        lang: Language::It,
        domain: Domain::News,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_formats() {
        let s = parse("0\tIn\tO\n1\tParis\tB-LOC\n\nRoma\tB-LOC\n").expect("parses");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words, vec!["In", "Paris"]);
        assert_eq!(s[1].tags[0].name(), "B-LOC");
        assert!(parse("novalue\n").is_err());
    }
}
