//! "Did you mean ...?": the nearest of some known names to a mistyped one.

/// Levenshtein distance (characters).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The candidate closest to `word` within `budget(candidate)` edits, if any (not `word` itself).
pub fn nearest<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    budget: impl Fn(&str) -> usize,
) -> Option<&'c str> {
    candidates
        .into_iter()
        .filter(|c| c.len().abs_diff(word.len()) <= budget(c))
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d > 0 && *d <= budget(c))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_names() {
        assert_eq!(edit_distance("fail_onn", "fail_on"), 1);
        assert_eq!(
            nearest("fail_onn", ["region", "fail_on", "select"], |_| 3),
            Some("fail_on")
        );
        assert_eq!(nearest("zzzzzz", ["region", "fail_on"], |_| 2), None);
    }
}
