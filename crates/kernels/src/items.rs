//! `count_equal_neighbours` over any array of integers that Python lends through the buffer
//! protocol: the rules such an array must meet, and the count itself.
//!
//! The bindings give this module three things from the buffer (PEP 3118), never from the
//! object's methods: its format string, the size of one item, and its bytes. The rules
//! live here once, with their messages, so that every style refuses the same arrays in the
//! same words (`python_clients/_contract.py` holds the same rules for the Python-level
//! styles, and the contract suite compares them).

use std::fmt;

use crate::count_equal_neighbours;

/// Why an array lent through the buffer protocol cannot be counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemsError {
    /// The items are not integers of 1, 2, 4 or 8 bytes (floats, bools, objects, structs…):
    /// Python's `TypeError`.
    NotIntegers {
        /// The buffer's format string, as the exporter wrote it.
        format: String,
        /// The size of one item, in bytes.
        item_size: usize,
    },
    /// The array has this many dimensions, not one: Python's `ValueError`.
    Dimensions(usize),
    /// The items are not one after the other in memory (`a[::2]`): Python's `ValueError`.
    NotContiguous,
    /// The bytes are not a whole number of items: no honest exporter lends such a buffer.
    PartialItem {
        /// The buffer's length, in bytes.
        len: usize,
        /// The size of one item, in bytes.
        item_size: usize,
    },
}

impl ItemsError {
    /// Whether Python should see a `TypeError` (the wrong kind of items) rather than a
    /// `ValueError` (the right items, badly arranged).
    pub fn is_type_error(&self) -> bool {
        matches!(self, ItemsError::NotIntegers { .. })
    }
}

impl fmt::Display for ItemsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemsError::NotIntegers { format, item_size } => write!(
                f,
                "the buffer's items must be integers of 1, 2, 4 or 8 bytes, not format \
                 '{format}' of size {item_size}"
            ),
            ItemsError::Dimensions(ndim) => write!(
                f,
                "the buffer must be one-dimensional, not {ndim}-dimensional"
            ),
            ItemsError::NotContiguous => f.write_str(
                "the buffer must be contiguous: numpy.ascontiguousarray(a) makes a contiguous copy",
            ),
            ItemsError::PartialItem { len, item_size } => write!(
                f,
                "the buffer's {len} bytes are not a whole number of {item_size}-byte items"
            ),
        }
    }
}

impl std::error::Error for ItemsError {}

// ANCHOR: check_items
/// Checks, in this order, that a buffer holds integers, in one dimension, contiguously.
///
/// `format` is the buffer's struct-module format: an optional byte-order mark (`@ = < > !`)
/// and one integer code. The byte order and the sign do not matter here: two integers are
/// equal exactly when their bytes are, so the count compares bytes. Floats are refused
/// rather than compared that way, because `0.0 == -0.0` and `nan != nan` would make the
/// byte count a wrong answer.
///
/// ```
/// assert_eq!(kernels::check_items("<I", 4, 1, true), Ok(()));
/// assert!(kernels::check_items("d", 8, 1, true).unwrap_err().is_type_error());
/// ```
///
/// # Errors
/// The first rule the buffer breaks, as an [`ItemsError`].
pub fn check_items(
    format: &str,
    item_size: usize,
    ndim: usize,
    contiguous: bool,
) -> Result<(), ItemsError> {
    let code = format
        .strip_prefix(['@', '=', '<', '>', '!'])
        .unwrap_or(format);
    let integer = matches!(
        code,
        "b" | "B" | "h" | "H" | "i" | "I" | "l" | "L" | "q" | "Q" | "n" | "N"
    );
    if !integer || !matches!(item_size, 1 | 2 | 4 | 8) {
        return Err(ItemsError::NotIntegers {
            format: format.to_owned(),
            item_size,
        });
    }
    if ndim != 1 {
        return Err(ItemsError::Dimensions(ndim));
    }
    if !contiguous {
        return Err(ItemsError::NotContiguous);
    }
    Ok(())
}
// ANCHOR_END: check_items

// ANCHOR: count_equal_items
/// The number of indices `i` with `item[i] == item[i + 1]`, where `bytes` holds items of
/// `item_size` bytes one after the other, at any alignment.
///
/// Each item is compared as a `[u8; N]`: equal integers have equal bytes, whatever their
/// sign or byte order, and a byte array needs no alignment (a `&[u32]` would, and an
/// exporter promises none). It is the same vectorised kernel as `count_doubles`.
///
/// ```
/// let bytes = [1, 0, 1, 0, 2, 0];
/// assert_eq!(kernels::count_equal_items(&bytes, 2), Ok(1));
/// assert_eq!(kernels::count_equal_items(&bytes, 1), Ok(0));
/// ```
///
/// # Errors
/// [`ItemsError::NotIntegers`] for an item size other than 1, 2, 4 or 8, and
/// [`ItemsError::PartialItem`] when `bytes` ends in the middle of an item.
pub fn count_equal_items(bytes: &[u8], item_size: usize) -> Result<usize, ItemsError> {
    fn count<const N: usize>(bytes: &[u8]) -> Result<usize, ItemsError> {
        match bytes.as_chunks::<N>() {
            (items, []) => Ok(count_equal_neighbours(items)),
            _ => Err(ItemsError::PartialItem {
                len: bytes.len(),
                item_size: N,
            }),
        }
    }
    match item_size {
        1 => Ok(count_equal_neighbours(bytes)),
        2 => count::<2>(bytes),
        4 => count::<4>(bytes),
        8 => count::<8>(bytes),
        _ => Err(ItemsError::NotIntegers {
            format: String::new(),
            item_size,
        }),
    }
}
// ANCHOR_END: count_equal_items

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_and_shapes() {
        for format in [
            "b", "B", "=h", "<H", ">i", "!I", "@l", "L", "q", "Q", "n", "N",
        ] {
            assert_eq!(check_items(format, 8, 1, true), Ok(()), "{format}");
        }
        for format in ["d", "f", "e", "?", "c", "O", "2B", "T{B:a:}", "", "<", "Bx"] {
            let error = check_items(format, 1, 1, true).unwrap_err();
            assert!(error.is_type_error(), "{format}");
        }
        assert!(check_items("B", 3, 1, true).unwrap_err().is_type_error());
        assert_eq!(check_items("B", 1, 0, true), Err(ItemsError::Dimensions(0)));
        assert_eq!(check_items("B", 1, 2, true), Err(ItemsError::Dimensions(2)));
        assert_eq!(
            check_items("B", 1, 1, false),
            Err(ItemsError::NotContiguous)
        );
        // The order: the kind of items before the shape.
        assert!(check_items("d", 8, 2, false).unwrap_err().is_type_error());
    }

    #[test]
    fn partial_items_and_odd_sizes_are_refused() {
        assert_eq!(
            count_equal_items(&[0; 7], 4),
            Err(ItemsError::PartialItem {
                len: 7,
                item_size: 4
            })
        );
        assert!(count_equal_items(&[0; 6], 3).unwrap_err().is_type_error());
        assert_eq!(count_equal_items(&[], 8), Ok(0));
    }

    /// The definition, spelled out for one item size.
    fn reference(items: &[u64]) -> usize {
        items.windows(2).filter(|w| w[0] == w[1]).count()
    }

    proptest! {
        #[test]
        fn every_size_agrees_with_the_definition(
            items in proptest::collection::vec(0..4_u64, 0..600),
            offset in 0..8_usize,
        ) {
            for size in [1, 2, 4, 8] {
                // Each value's low `size` bytes, starting `offset` bytes into a buffer: the
                // count must not depend on alignment.
                let mut bytes = vec![0xee; offset];
                for item in &items {
                    bytes.extend_from_slice(&item.to_le_bytes()[..size]);
                }
                prop_assert_eq!(count_equal_items(&bytes[offset..], size), Ok(reference(&items)));
            }
        }
    }
}
