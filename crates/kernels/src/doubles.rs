//! `count_doubles`: how many adjacent pairs of equal characters a string holds.

/// The number of indices `i` with `s[i] == s[i + 1]`, comparing characters (Unicode scalar
/// values), never bytes.
///
/// An ASCII string is its own array of code points, one byte each: it takes the vectorised
/// [`count_equal_neighbours`]. Anything else is decoded character by character.
///
/// ```
/// assert_eq!(kernels::count_doubles("aaa"), 2);
/// assert_eq!(kernels::count_doubles("éé₂"), 1);
/// ```
pub fn count_doubles(s: &str) -> usize {
    if s.is_ascii() {
        count_equal_neighbours(s.as_bytes())
    } else {
        count_char_doubles(s)
    }
}

// ANCHOR: equal_neighbours
/// The number of indices `i` with `units[i] == units[i + 1]`.
///
/// When each unit is one code point — ASCII bytes, or the Latin-1, UCS-2 and UCS-4 arrays
/// CPython stores a `str` in — this is `count_doubles`. Written so that the compiler turns
/// it into SIMD: compare many neighbours at once, count into a small accumulator per block
/// (at most 255 equal pairs fit a `u8`), and add the blocks up.
pub fn count_equal_neighbours<T: Copy + PartialEq>(units: &[T]) -> usize {
    let Some((_, rest)) = units.split_first() else {
        return 0;
    };
    let left = &units[..rest.len()];
    left.chunks(255)
        .zip(rest.chunks(255))
        .map(|(a, b)| a.iter().zip(b).map(|(x, y)| u8::from(x == y)).sum::<u8>() as usize)
        .sum()
}
// ANCHOR_END: equal_neighbours

// ANCHOR: count_doubles
/// `count_doubles` by decoding: compare Unicode scalar values (`char`s), never bytes.
///
/// Comparing bytes would be wrong both ways: `"éé"` is `c3 a9 c3 a9` (one double, no equal
/// adjacent bytes) and `"₂"` is `e2 82 82` (no double, one equal byte pair).
///
/// ```
/// assert_eq!(kernels::count_char_doubles("éé"), 1);
/// assert_eq!(kernels::count_char_doubles("₂"), 0);
/// ```
pub fn count_char_doubles(s: &str) -> usize {
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
    use super::*;
    use proptest::prelude::*;

    /// The definition, spelled out: collect the code points, compare every neighbour pair.
    fn reference(s: &str) -> usize {
        let chars: Vec<char> = s.chars().collect();
        (1..chars.len())
            .filter(|&i| chars[i - 1] == chars[i])
            .count()
    }

    #[test]
    fn blocks_of_255_do_not_overflow() {
        for len in [0, 1, 2, 255, 256, 257, 511, 512, 100_000] {
            assert_eq!(
                count_equal_neighbours(&vec![7u8; len]),
                len.saturating_sub(1),
                "{len}"
            );
        }
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

        #[test]
        fn ascii_takes_the_fast_path_and_agrees(s in "[ab \\x00]{0,2000}") {
            prop_assert_eq!(count_equal_neighbours(s.as_bytes()), reference(&s));
            prop_assert_eq!(count_doubles(&s), reference(&s));
        }

        #[test]
        fn code_units_agree_with_chars(s in doubles_prone()) {
            let ucs4: Vec<u32> = s.chars().map(u32::from).collect();
            prop_assert_eq!(count_equal_neighbours(&ucs4), reference(&s));
        }
    }
}
