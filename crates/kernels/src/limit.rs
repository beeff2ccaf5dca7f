//! The range of `n` every style accepts, and the error every binding maps to Python.

use std::fmt;

/// The largest `n` the sieve accepts: `2**32 - 1`, so that every prime fits a `u32`.
pub const MAX_N: u32 = u32::MAX;

/// Why a kernel refused its input or could not finish.
///
/// Each binding maps these to the contract's Python exceptions: `OutOfRange` and
/// `ThreadsOutOfRange` to `ValueError`, `OutOfMemory` to `MemoryError`. The `Display` text is the message Python shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// `n` was below 0 or above [`MAX_N`]; holds the value received.
    OutOfRange(i128),
    /// `threads` was below 0 or above [`crate::MAX_THREADS`]; holds the value received.
    ThreadsOutOfRange(i128),
    /// A table or list needed this many bytes and the allocator said no.
    OutOfMemory(usize),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::OutOfRange(n) => f.write_str(&out_of_range_message(n)),
            Error::ThreadsOutOfRange(threads) => {
                f.write_str(&threads_out_of_range_message(threads))
            }
            Error::OutOfMemory(bytes) => write!(f, "cannot allocate {bytes} bytes"),
        }
    }
}

impl std::error::Error for Error {}

/// The message for an `n` outside `0..=MAX_N`, for any `n` a binding can print, including
/// Python ints too wide for [`Error::OutOfRange`]'s `i128`.
pub fn out_of_range_message(n: &dyn fmt::Display) -> String {
    format!("n must be between 0 and MAX_N = {MAX_N} (2**32 - 1), got {n}")
}

/// The message for a `threads` outside `0..=MAX_THREADS`, for any value a binding can
/// print, including Python ints too wide for [`Error::ThreadsOutOfRange`]'s `i128`.
pub fn threads_out_of_range_message(threads: &dyn fmt::Display) -> String {
    format!(
        "threads must be between 0 and {} (0: one per core), got {threads}",
        crate::MAX_THREADS
    )
}

/// The widest `n`, in bits (Python's `int.bit_length()`), that a message shows digit by
/// digit; any `n` this narrow also fits [`Error::OutOfRange`]'s `i128`.
pub const SHOWN_BITS: u64 = 127;

/// The message for an `n` wider than [`SHOWN_BITS`]: its sign and width, not its digits.
/// Python refuses to turn an int of more than 4300 digits into text, and nobody wants to
/// read one in an error message.
///
/// ```
/// let message = kernels::out_of_range_wide(true, 16610);
/// assert!(message.ends_with("got a negative int of 16610 bits"), "{message}");
/// ```
pub fn out_of_range_wide(negative: bool, bits: u64) -> String {
    let sign = if negative { "a negative" } else { "an" };
    out_of_range_message(&format_args!("{sign} int of {bits} bits"))
}

/// Checks that `n` lies in `0..=MAX_N` and narrows it to the `u32` the kernels take.
///
/// Bindings receive Python ints, which are unbounded: they convert to `i128` (anything wider
/// is out of range by definition) and let this one function decide.
///
/// ```
/// use kernels::{check_n, Error};
/// assert_eq!(check_n(10), Ok(10));
/// assert_eq!(check_n(-1), Err(Error::OutOfRange(-1)));
/// assert_eq!(check_n(1 << 32), Err(Error::OutOfRange(1 << 32)));
/// ```
///
/// # Errors
/// [`Error::OutOfRange`] when `n < 0` or `n > MAX_N`.
// ANCHOR: check_n
pub fn check_n(n: i128) -> Result<u32, Error> {
    u32::try_from(n).map_err(|_| Error::OutOfRange(n))
}
// ANCHOR_END: check_n

/// Allocates an empty `Vec` with room for `len` items, or reports how much was asked for.
///
/// `Vec::with_capacity` aborts the process when memory runs out; inside a Python
/// interpreter that kills the user's session. This turns it into an error Python can raise.
pub(crate) fn try_vec<T>(len: usize) -> Result<Vec<T>, Error> {
    let mut v = Vec::new();
    v.try_reserve_exact(len)
        .map_err(|_| Error::OutOfMemory(len.saturating_mul(size_of::<T>())))?;
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_edges() {
        assert_eq!(check_n(0), Ok(0));
        assert_eq!(check_n(i128::from(MAX_N)), Ok(MAX_N));
        assert_eq!(
            check_n(i128::from(MAX_N) + 1),
            Err(Error::OutOfRange(1 << 32))
        );
        assert_eq!(check_n(i128::MIN), Err(Error::OutOfRange(i128::MIN)));
    }

    #[test]
    fn message_names_n_and_the_limit() {
        let msg = Error::OutOfRange(-3).to_string();
        assert!(msg.contains("n must be"), "{msg}");
        assert!(msg.contains("4294967295"), "{msg}");
        assert!(msg.contains("-3"), "{msg}");
    }

    #[test]
    fn impossible_allocation_is_an_error_not_an_abort() {
        assert_eq!(
            try_vec::<u64>(usize::MAX / 4).unwrap_err(),
            Error::OutOfMemory(usize::MAX)
        );
    }
}
