//! `count_doubles`: how many adjacent pairs of equal characters a string holds.

// ANCHOR: count_doubles
/// The number of indices `i` with `s[i] == s[i + 1]`, comparing characters (Unicode scalar
/// values), never bytes.
///
/// Comparing bytes would be wrong both ways: `"éé"` is `c3 a9 c3 a9` (one double, no equal
/// adjacent bytes) and `"₂"` is `e2 82 82` (no double, one equal byte pair).
///
/// ```
/// assert_eq!(kernels::count_doubles("aaa"), 2);
/// assert_eq!(kernels::count_doubles("éé"), 1);
/// assert_eq!(kernels::count_doubles("₂"), 0);
/// ```
pub fn count_doubles(s: &str) -> usize {
    let mut chars = s.chars();
    let Some(mut previous) = chars.next() else {
        return 0;
    };
    let mut total = 0;
    for c in chars {
        if c == previous {
            total += 1;
        }
        previous = c;
    }
    total
}
// ANCHOR_END: count_doubles

#[cfg(test)]
mod tests {
    use super::count_doubles;
    use proptest::prelude::*;

    /// The definition, spelled out: collect the code points, compare every neighbour pair.
    fn reference(s: &str) -> usize {
        let chars: Vec<char> = s.chars().collect();
        (1..chars.len())
            .filter(|&i| chars[i - 1] == chars[i])
            .count()
    }

    #[test]
    fn contract_examples() {
        for (s, expected) in [
            ("", 0),
            ("a", 0),
            ("aa", 1),
            ("aaa", 2),
            ("abba", 1),
            ("éé", 1),
            ("₂", 0),
            ("a\0\0a", 1),
            ("aa\0bb", 2),
            ("😀😀😀", 2),
            ("😀😁", 0),
        ] {
            assert_eq!(count_doubles(s), expected, "{s:?}");
        }
    }

    /// Strings drawn mostly from a few characters, so that doubles are common, mixing ASCII,
    /// NUL, two- three- and four-byte UTF-8 and characters whose encodings share bytes.
    fn doubles_prone() -> impl Strategy<Value = String> {
        let alphabet = prop::sample::select(vec!['a', 'b', '\0', 'é', 'è', '₂', '₃', '😀', '😁']);
        prop::collection::vec(alphabet, 0..64).prop_map(String::from_iter)
    }

    proptest! {
        #[test]
        fn agrees_with_reference_on_small_alphabets(s in doubles_prone()) {
            prop_assert_eq!(count_doubles(&s), reference(&s));
        }

        #[test]
        fn agrees_with_reference_on_any_string(s in any::<String>()) {
            prop_assert_eq!(count_doubles(&s), reference(&s));
        }
    }
}
