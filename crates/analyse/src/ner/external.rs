//! External name lists ("gazetteers built from data the project can reach"): place names,
//! person first and last names and company suffixes, extracted once from GeoNames, iso-codes
//! and Faker by `scripts/build-gazetteers` into `data/gazetteers/*.txt` (see the README there
//! for sources and licences). The trainer reads them into a [`Gazetteer`] whose four label
//! slots are the four lists ([`List`]), stored in the model file; the features say which lists
//! a capitalised token sequence is in — evidence the model weighs, not a rule.

use super::gazetteer::Gazetteer;
use std::path::Path;

/// The external lists, in the order of their gazetteer slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// Given names of people (`per_first.txt`).
    FirstName,
    /// Family names of people (`per_last.txt`).
    LastName,
    /// Places: continents, countries, subdivisions, cities (`loc.txt`).
    Location,
    /// Legal-form suffixes of companies (`org_suffix.txt`).
    OrgSuffix,
}

impl List {
    /// Every list, in slot order.
    pub const ALL: [List; 4] = [
        List::FirstName,
        List::LastName,
        List::Location,
        List::OrgSuffix,
    ];

    /// The file name of the list under the gazetteer directory.
    pub fn file_name(self) -> &'static str {
        match self {
            List::FirstName => "per_first.txt",
            List::LastName => "per_last.txt",
            List::Location => "loc.txt",
            List::OrgSuffix => "org_suffix.txt",
        }
    }

    /// The gazetteer slot of the list.
    pub fn slot(self) -> usize {
        self as usize
    }
}

/// The tokens of a list entry: split at white space, with a final comma or closing bracket
/// and an opening bracket split off (as the corpora tokenise them).
pub fn tokens(entry: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for w in entry.split_whitespace() {
        let (w, open) = match w.strip_prefix('(') {
            Some(rest) => (rest, true),
            None => (w, false),
        };
        if open {
            out.push("(");
        }
        match w.strip_suffix([',', ')']) {
            Some(rest) if !rest.is_empty() => {
                out.push(rest);
                out.push(&w[rest.len()..]);
            }
            _ => out.push(w),
        }
    }
    out
}

/// Adds the entries of `text` (one a line) to `gaz` under `list`.
pub fn add_list(gaz: &mut Gazetteer, list: List, text: &str) {
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        gaz.add_any(&tokens(line), list.slot());
    }
}

/// Reads every list under `dir` into one gazetteer.
pub fn read_dir(dir: &Path) -> std::io::Result<Gazetteer> {
    let mut gaz = Gazetteer::new();
    for list in List::ALL {
        let path = dir.join(list.file_name());
        let text = std::fs::read_to_string(&path)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        add_list(&mut gaz, list, &text);
    }
    Ok(gaz)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::gazetteer::word_hash;

    #[test]
    fn entries_are_tokenised_and_matched() {
        assert_eq!(tokens("Washington, D.C."), vec!["Washington", ",", "D.C."]);
        let mut g = Gazetteer::new();
        add_list(&mut g, List::Location, "New York\nParis\n");
        add_list(&mut g, List::FirstName, "Paris\n");
        let words = ["in", "New", "York", "and", "Paris"];
        let hashes: Vec<u64> = words.iter().map(|w| word_hash(w)).collect();
        let starts = [false, true, true, false, true];
        let m = g.matches(&hashes, &starts, 0);
        assert_eq!(m, vec![(1 << 8, 1, 3, false), (1 | 1 << 8, 4, 5, false)]);
    }
}
