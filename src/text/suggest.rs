//! "Did you mean": the closest known names to an unknown one, and the one way gemmalint words
//! them. Small sets of names are compared whole; large ones (the ids of a national landscape)
//! through an index of their one-letter deletions, so a suggestion costs the same whatever the
//! landscape's size.

use std::sync::OnceLock;

use rapidfuzz::distance::jaro_winkler;

/// How alike two names must be (Jaro-Winkler, lowercased) to be suggested.
const ALIKE: f64 = 0.8;
/// Up to this many names, every name is compared; above it, the deletion index is used.
const COMPARE_ALL_UP_TO: usize = 1_024;

/// The closest candidates, best first (exhaustive: for small sets such as keys and rule ids).
pub fn closest<'a, I>(word: &str, candidates: I, max: usize) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = word.to_lowercase();
    rank(
        &lower,
        candidates
            .into_iter()
            .map(|c| (c, std::borrow::Cow::Owned(c.to_lowercase()))),
        max,
    )
}

fn rank<'a, 'l>(
    lower: &str,
    candidates: impl Iterator<Item = (&'a str, std::borrow::Cow<'l, str>)>,
    max: usize,
) -> Vec<&'a str> {
    // The word is prepared once for all candidates (rapidfuzz's bit-parallel Jaro-Winkler).
    let word = jaro_winkler::BatchComparator::new(lower.chars());
    let mut scored: Vec<(f64, &str)> = candidates
        .filter_map(|(c, l)| {
            let score = word.similarity(l.chars());
            (score >= ALIKE).then_some((score, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(max).map(|(_, c)| c).collect()
}

/// Jaro-Winkler similarity (prefix weight 0.1, for a Jaro similarity above 0.7), from 0 to 1.
pub fn alike(a: &str, b: &str) -> f64 {
    jaro_winkler::similarity(a.chars(), b.chars())
}

/// "did you mean `a`?" / "did you mean `a`, `b` or `c`?" for the closest candidates, or `None`
/// when nothing is close.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    suggestion(&closest(word, candidates, 3))
}

/// The one wording of a suggestion: "did you mean `a`, `b` or `c`?", or `None` for no names.
pub fn suggestion<S: AsRef<str>>(names: &[S]) -> Option<String> {
    (!names.is_empty()).then(|| format!("did you mean {}?", quoted_list(names)))
}

/// The first `most` of `items` joined with ", ", and how many more there are: a message about
/// thousands of elements stays a sentence.
pub fn at_most<S: AsRef<str>>(items: &[S], most: usize) -> String {
    let mut text = items
        .iter()
        .take(most)
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > most {
        text.push_str(&format!(", … and {} more", items.len() - most));
    }
    text
}

/// "`a`", "`a` or `b`", "`a`, `b` or `c`".
pub fn quoted_list<S: AsRef<str>>(names: &[S]) -> String {
    match names {
        [] => String::new(),
        [one] => format!("`{}`", one.as_ref()),
        [init @ .., last] => format!(
            "{} or `{}`",
            init.iter()
                .map(|c| format!("`{}`", c.as_ref()))
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

/// "`a`, `b` and `c`": all of several names.
pub fn quoted_all<S: AsRef<str>>(names: &[S]) -> String {
    match names {
        [] => String::new(),
        [one] => format!("`{}`", one.as_ref()),
        [init @ .., last] => format!("{} and `{}`", one_of(init), last.as_ref()),
    }
}

/// "`a`, `b`, `c`": the allowed values of something.
pub fn one_of<S: AsRef<str>>(names: &[S]) -> String {
    names
        .iter()
        .map(|e| format!("`{}`", e.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Suggestions from one set of names (the ids of one kind, GEMMA's names), each lowercased once.
#[derive(Clone, Debug, Default)]
pub struct Suggester {
    names: Vec<(String, String)>,
    /// The hashes of every name's one-letter deletions (and of the name itself), each with the
    /// name it came from, sorted: a lookup is a binary search, and building it allocates no
    /// string per deletion. Built on first use.
    deletions: OnceLock<Vec<(u64, u32)>>,
}

impl Suggester {
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut names: Vec<(String, String)> = names
            .into_iter()
            .map(|n| (n.to_owned(), n.to_lowercase()))
            .collect();
        names.sort_unstable();
        names.dedup();
        Suggester {
            names,
            deletions: OnceLock::new(),
        }
    }

    /// The closest names, best first.
    pub fn closest(&self, word: &str, max: usize) -> Vec<&str> {
        let lower = word.to_lowercase();
        if self.names.len() <= COMPARE_ALL_UP_TO {
            return rank(
                &lower,
                self.names
                    .iter()
                    .map(|(n, l)| (n.as_str(), std::borrow::Cow::Borrowed(l.as_str()))),
                max,
            );
        }
        let index = self.deletions.get_or_init(|| {
            let mut index: Vec<(u64, u32)> = Vec::new();
            for (i, (_, lower)) in self.names.iter().enumerate() {
                let i = u32::try_from(i).expect("fewer than 4 billion names");
                index.extend(deletions(lower).map(|h| (h, i)));
            }
            index.sort_unstable();
            index.dedup();
            index
        });
        let mut found: Vec<u32> = deletions(&lower)
            .flat_map(|h| {
                let start = index.partition_point(|&(k, _)| k < h);
                index[start..]
                    .iter()
                    .take_while(move |&&(k, _)| k == h)
                    .map(|&(_, i)| i)
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        rank(
            &lower,
            found.into_iter().map(|i| {
                let (n, l) = &self.names[i as usize];
                (n.as_str(), std::borrow::Cow::Borrowed(l.as_str()))
            }),
            max,
        )
    }
}

/// The hashes of the word and of every word one character shorter (FNV-1a over the bytes, the
/// left-out character skipped): equal strings hash alike, and a false match is only compared.
fn deletions(word: &str) -> impl Iterator<Item = u64> + '_ {
    fn fnv(parts: [&[u8]; 2]) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for part in parts {
            for &b in part {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    }
    let bytes = word.as_bytes();
    std::iter::once(fnv([bytes, &[]])).chain(
        word.char_indices()
            .map(move |(i, c)| fnv([&bytes[..i], &bytes[i + c.len_utf8()..]])),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let keys = ["owner", "name", "business_functions"];
        assert_eq!(
            did_you_mean("ownr", keys).as_deref(),
            Some("did you mean `owner`?")
        );
        assert_eq!(did_you_mean("zzz", keys), None);
        assert_eq!(quoted_list(&["a", "b", "c"]), "`a`, `b` or `c`");
    }

    #[test]
    fn a_large_set_finds_typos_through_its_index() {
        let ids: Vec<String> = (0..5_000).map(|i| format!("applicatie-{i}")).collect();
        let s = Suggester::new(ids.iter().map(String::as_str));
        let found = s.closest("applicatie-12x", 3);
        assert_eq!(s.closest("applicatie-12x", 3), found, "the same every time");
        assert!(found.contains(&"applicatie-12"), "{found:?}");
        assert!(s.closest("zzzzzz", 3).is_empty());
    }

    /// The scores are the textbook Jaro-Winkler's, as `strsim` computes it, on ASCII and other
    /// text, empty words and repeated letters.
    #[test]
    fn scores_are_strsims_jaro_winkler() {
        let letters: Vec<char> = "abcde-é1".chars().collect();
        let mut seed: u64 = 42;
        let mut next = || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(seed >> 33).expect("31 bits fit")
        };
        let word = |next: &mut dyn FnMut() -> usize| -> String {
            let len = next() % 12;
            (0..len).map(|_| letters[next() % letters.len()]).collect()
        };
        for _ in 0..20_000 {
            let (a, b) = (word(&mut next), word(&mut next));
            let batch = jaro_winkler::BatchComparator::new(a.chars()).similarity(b.chars());
            assert_eq!(alike(&a, &b), strsim::jaro_winkler(&a, &b), "{a:?} {b:?}");
            assert_eq!(batch, strsim::jaro_winkler(&a, &b), "{a:?} {b:?}");
        }
        for (a, b) in [
            ("ownr", "owner"),
            ("zaaksysteem", "zaak-systeem"),
            ("e-dépot", "e-depot"),
        ] {
            assert_eq!(alike(a, b), strsim::jaro_winkler(a, b));
        }
    }
}
