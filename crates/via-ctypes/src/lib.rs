//! Style 1: the kernels behind a plain C ABI. Nothing stands between Python and Rust but
//! `extern "C"`, C types and a shared library: ctypes loads it (python_clients/ctypes_style.py)
//! and cffi calls the same functions, declared by the header cbindgen writes from this
//! crate (`cbindgen.toml`, `tests/header.rs`; the package is in `crates/via-cffi`).
//!
//! The rules every function here keeps:
//! - it returns a [`Status`]; answers travel through out-pointers, so no answer is mistaken
//!   for an error code;
//! - no panic unwinds into C: [`boundary`] catches it and reports [`Status::Panic`];
//! - strings come as pointer + length, never NUL-terminated, so `"aa\0bb"` arrives whole;
//! - the one allocation handed out, a [`PrimeBuffer`], has one owner and one free function.

mod buffer;
mod status;

pub use buffer::PrimeBuffer;
pub use status::{Failure, Status, boundary, kernels_last_error};

use libc::size_t;

/// The largest `n` the sieve accepts, `2**32 - 1`, exported as data: ctypes reads it with
/// `c_uint32.in_dll`, cffi as `lib.KERNELS_MAX_N`, so no Python file repeats the number.
#[unsafe(no_mangle)]
pub static KERNELS_MAX_N: u32 = kernels::MAX_N;

/// The most threads [`kernels_count_primes_threads`] accepts, 1024, exported as data for the
/// same reason.
#[unsafe(no_mangle)]
pub static KERNELS_MAX_THREADS: size_t = kernels::MAX_THREADS;

/// The `len` items at `data` as a slice; NULL is allowed for an empty one.
///
/// # Safety
/// `data` must be NULL or point to `len` readable, initialised `T`s that outlive `'a`.
unsafe fn slice<'a, T>(data: *const T, len: usize) -> Result<&'a [T], Failure> {
    match (data.is_null(), len) {
        (true, 0) => Ok(&[]),
        (true, _) => Err(Failure::new(
            Status::NullPointer,
            "the data pointer is NULL",
        )),
        // SAFETY: per this function's contract.
        (false, _) => Ok(unsafe { std::slice::from_raw_parts(data, len) }),
    }
}

/// Writes `value` through `out`, or fails with [`Status::NullPointer`].
fn write<T>(out: *mut T, value: T) -> Result<(), Failure> {
    // SAFETY: out is non-NULL, and the caller promises it points to a writable T.
    unsafe { non_null(out)?.write(value) };
    Ok(())
}

/// `out`, or [`Status::NullPointer`] when it is NULL.
fn non_null<T>(out: *mut T) -> Result<*mut T, Failure> {
    if out.is_null() {
        return Err(Failure::new(Status::NullPointer, "the out-pointer is NULL"));
    }
    Ok(out)
}

// ANCHOR: count_primes
/// Counts the primes up to `n` into `*count`.
///
/// `n` is 64 bits wide on purpose: a value above `MAX_N` arrives intact and is refused with
/// [`Status::OutOfRange`], where a 32-bit parameter would have wrapped it silently.
///
/// # Safety
/// `count` must be NULL or point to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kernels_count_primes(n: u64, count: *mut size_t) -> Status {
    boundary(|| {
        let n = kernels::check_n(n.into())?;
        write(count, kernels::count_primes(n)?)
    })
}
// ANCHOR_END: count_primes

// ANCHOR: count_primes_threads
/// Counts the primes up to `n` into `*count` on up to `threads` threads (0: one per core),
/// started for this call and ended before it returns.
///
/// The call cannot be interrupted: a foreign call cannot run Python's signal handlers, so
/// the kernel is told to keep going to the end, and a Ctrl-C arrives when it returns.
/// `threads` is 64 bits wide for the reason `n` is: a value above `KERNELS_MAX_THREADS`
/// arrives intact and is refused with [`Status::ThreadsOutOfRange`].
///
/// # Safety
/// `count` must be NULL or point to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kernels_count_primes_threads(
    n: u64,
    threads: u64,
    count: *mut size_t,
) -> Status {
    boundary(|| {
        let n = kernels::check_n(n.into())?;
        let threads = kernels::check_threads(threads.into())?;
        let count = non_null(count)?; // before the threads start, not after they finish
        match kernels::count_primes_threads(n, threads, || true)? {
            Some(primes) => write(count, primes),
            None => unreachable!("keep_going never says stop"),
        }
    })
}
// ANCHOR_END: count_primes_threads

// ANCHOR: primes
/// Fills `*buffer` with the primes up to `n`. On success the caller owns the buffer and must
/// pass it to [`kernels_primes_free`] exactly once; on failure `*buffer` is empty.
///
/// # Safety
/// `buffer` must be NULL or point to a writable `PrimeBuffer`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kernels_primes(n: u64, buffer: *mut PrimeBuffer) -> Status {
    boundary(|| {
        write(buffer, PrimeBuffer::EMPTY)?;
        let n = kernels::check_n(n.into())?;
        write(buffer, PrimeBuffer::from_vec(kernels::primes(n)?))
    })
}

/// Frees a buffer filled by [`kernels_primes`] and empties it; freeing an empty buffer, or
/// the same one twice, does nothing. NULL is ignored.
///
/// # Safety
/// `buffer` must be NULL or point to a `PrimeBuffer` that `kernels_primes` filled (or
/// emptied) and that nobody has altered.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kernels_primes_free(buffer: *mut PrimeBuffer) {
    // SAFETY: per this function's contract, buffer is NULL or a valid, unaltered buffer.
    if let Some(buffer) = unsafe { buffer.as_mut() } {
        // SAFETY: as above: its fields are those kernels_primes wrote.
        unsafe { buffer.free() };
    }
}
// ANCHOR_END: primes

// ANCHOR: count_doubles
/// Counts adjacent equal characters in the UTF-8 text `utf8[0..len]` into `*count`.
///
/// UTF-8 because it is what Rust's `&str` holds: checking it is all the conversion there is,
/// and Python hands it over cheaply (an ASCII `str` already is UTF-8). The length travels
/// beside the pointer, so NUL is an ordinary character.
///
/// # Safety
/// `utf8` must point to `len` readable bytes (it may be NULL when `len` is 0), and `count`
/// must be NULL or point to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kernels_count_doubles(
    utf8: *const u8,
    len: size_t,
    count: *mut size_t,
) -> Status {
    boundary(|| {
        // SAFETY: per this function's contract, utf8 points to len readable bytes.
        let bytes = unsafe { slice(utf8, len) }?;
        let text = std::str::from_utf8(bytes).map_err(|error| {
            Failure::new(
                Status::InvalidText,
                format!("the text is not UTF-8: {error}"),
            )
        })?;
        write(count, kernels::count_doubles(text))
    })
}

/// Counts adjacent equal code points in the UTF-32 text `utf32[0..len]` into `*count`; `len`
/// is in bytes, four per code point.
///
/// The other encoding: one 4-byte unit per code point, so neighbours are compared as they
/// are, with no decoding and no validation (a lone surrogate is a code point like any other).
/// Python encodes a non-ASCII `str` to UTF-32 faster than to UTF-8, and the comparison
/// vectorises; for ASCII text, [`kernels_count_doubles`] moves a quarter of the bytes.
///
/// The text arrives as bytes, not `uint32_t`s: a Python `bytes` object promises no 4-byte
/// alignment, and Rust may not even form a `&[u32]` over memory that lacks it. A `[u8; 4]`
/// needs no alignment, and compares just as fast. The length is that of the buffer itself,
/// so the caller has no second number that could disagree with it.
///
/// # Safety
/// `utf32` must point to `len` readable bytes (it may be NULL when `len` is 0), and `count`
/// must be NULL or point to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kernels_count_doubles_utf32(
    utf32: *const u8,
    len: size_t,
    count: *mut size_t,
) -> Status {
    boundary(|| {
        // SAFETY: per this function's contract, utf32 points to len readable bytes.
        let bytes = unsafe { slice(utf32, len) }?;
        let (units, []) = bytes.as_chunks::<4>() else {
            let message = format!("UTF-32 text is whole 4-byte units, not {len} bytes");
            return Err(Failure::new(Status::InvalidText, message));
        };
        write(count, kernels::count_equal_neighbours(units))
    })
}
// ANCHOR_END: count_doubles

// ANCHOR: count_equal_neighbours
/// Counts the indices `i` with `item[i] == item[i + 1]` into `*count`, for the array of
/// `len` bytes at `data` holding items of `item_size` bytes each (1, 2, 4 or 8).
///
/// The array is borrowed: Rust reads it where the caller keeps it, for the length of this
/// call only, and keeps no pointer. Items are compared as bytes, at any alignment: equal
/// integers have equal bytes whatever their sign or byte order.
///
/// # Safety
/// `data` must point to `len` readable bytes (it may be NULL when `len` is 0) that stay
/// allocated, unmoved and unchanged until the call returns: no thread may write to them
/// meanwhile (Rust reads them as a `&[u8]`, which it assumes does not change). `count` must
/// be NULL or point to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kernels_count_equal_neighbours(
    data: *const u8,
    len: size_t,
    item_size: size_t,
    count: *mut size_t,
) -> Status {
    boundary(|| {
        // SAFETY: per this function's contract, data points to len readable bytes that no
        // thread writes until we return: the caller's promise, which Rust cannot check and
        // the `&[u8]` relies on (see crates/via-pyo3/src/buffer.rs for why no other read is
        // worth its cost). The Python wrappers pass the promise on to their callers.
        let bytes = unsafe { slice(data, len) }?;
        write(count, kernels::count_equal_items(bytes, item_size)?)
    })
}
// ANCHOR_END: count_equal_neighbours

#[cfg(test)]
// Every call below passes valid pointers, or NULL on purpose to test the checks.
#[allow(clippy::undocumented_unsafe_blocks)]
mod tests {
    use super::*;

    #[test]
    fn counts_through_the_c_signatures() {
        let mut count = 0;
        assert_eq!(unsafe { kernels_count_primes(100, &mut count) }, Status::Ok);
        assert_eq!(count, 25);
        let text = "aa\0bb";
        assert_eq!(
            unsafe { kernels_count_doubles(text.as_ptr(), text.len(), &mut count) },
            Status::Ok
        );
        assert_eq!(count, 2);
    }

    #[test]
    fn counts_on_threads_and_refuses_too_many() {
        let mut count = 0;
        for threads in [0, 1, 2, 3, 1024] {
            let status = unsafe { kernels_count_primes_threads(10_000_000, threads, &mut count) };
            assert_eq!((status, count), (Status::Ok, 664_579), "{threads} threads");
        }
        let mut count = 7;
        for (n, threads, wanted) in [
            (10, 1025, Status::ThreadsOutOfRange),
            (10, u64::MAX, Status::ThreadsOutOfRange),
            (1 << 32, 1025, Status::OutOfRange), // n is checked first
        ] {
            let status = unsafe { kernels_count_primes_threads(n, threads, &mut count) };
            assert_eq!((status, count), (wanted, 7), "n {n}, {threads} threads");
        }
        let status = unsafe { kernels_count_primes_threads(10, 2, std::ptr::null_mut()) };
        assert_eq!(status, Status::NullPointer);
    }

    #[test]
    fn out_of_range_is_refused_not_wrapped() {
        let mut count = 7;
        assert_eq!(
            unsafe { kernels_count_primes((1 << 32) + 3, &mut count) },
            Status::OutOfRange
        );
        assert_eq!(count, 7, "nothing is written on failure");
    }

    #[test]
    fn null_pointers_are_errors() {
        assert_eq!(
            unsafe { kernels_count_primes(10, std::ptr::null_mut()) },
            Status::NullPointer
        );
        let mut count = 0;
        let status = unsafe { kernels_count_doubles(std::ptr::null(), 3, &mut count) };
        assert_eq!(status, Status::NullPointer);
        assert_eq!(
            unsafe { kernels_count_doubles(std::ptr::null(), 0, &mut count) },
            Status::Ok
        );
        assert_eq!(count, 0);
    }

    #[test]
    fn utf32_compares_code_points_surrogates_included() {
        let mut count = 0;
        let text: Vec<u8> = [0x61_u32, 0x61, 0xd800, 0xd800, 0x1f600, 0x1f601]
            .iter()
            .flat_map(|unit| unit.to_ne_bytes())
            .collect();
        let status = unsafe { kernels_count_doubles_utf32(text.as_ptr(), text.len(), &mut count) };
        assert_eq!((status, count), (Status::Ok, 2));
        let status = unsafe { kernels_count_doubles_utf32(std::ptr::null(), 0, &mut count) };
        assert_eq!((status, count), (Status::Ok, 0));
    }

    #[test]
    fn utf32_reads_unaligned_text_and_refuses_a_partial_unit() {
        // One byte in: every unit starts at an odd address.
        let text = [0_u8, b'a', 0, 0, 0, b'a', 0, 0, 0];
        let mut count = 0;
        let status = unsafe { kernels_count_doubles_utf32(text[1..].as_ptr(), 8, &mut count) };
        assert_eq!((status, count), (Status::Ok, 1));
        let status = unsafe { kernels_count_doubles_utf32(text.as_ptr(), 7, &mut count) };
        assert_eq!(status, Status::InvalidText);
    }

    #[test]
    fn arrays_of_every_item_size() {
        let mut count = 0;
        let bytes = [7_u8, 0, 7, 0, 7, 1];
        for (item_size, expected) in [(1, 0), (2, 1), (3, 0)] {
            let status =
                unsafe { kernels_count_equal_neighbours(bytes.as_ptr(), 6, item_size, &mut count) };
            let wanted = if item_size == 3 {
                Status::InvalidItems
            } else {
                Status::Ok
            };
            assert_eq!(status, wanted, "items of {item_size} bytes");
            if status == Status::Ok {
                assert_eq!(count, expected);
            }
        }
        let status = unsafe { kernels_count_equal_neighbours(bytes.as_ptr(), 5, 2, &mut count) };
        assert_eq!(status, Status::InvalidItems, "half an item");
        let status = unsafe { kernels_count_equal_neighbours(std::ptr::null(), 0, 8, &mut count) };
        assert_eq!((status, count), (Status::Ok, 0));
    }

    #[test]
    fn invalid_utf8_is_an_error() {
        let bytes = [b'a', 0xff, 0xff];
        let mut count = 0;
        let status = unsafe { kernels_count_doubles(bytes.as_ptr(), bytes.len(), &mut count) };
        assert_eq!(status, Status::InvalidText);
    }

    #[test]
    fn a_buffer_is_freed_once_and_a_second_free_is_harmless() {
        let mut buffer = PrimeBuffer::EMPTY;
        unsafe {
            assert_eq!(kernels_primes(30, &mut buffer), Status::Ok);
            assert_eq!(
                std::slice::from_raw_parts(buffer.data, buffer.len),
                [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
            );
            kernels_primes_free(&mut buffer);
            assert!(buffer.data.is_null());
            kernels_primes_free(&mut buffer);
            kernels_primes_free(std::ptr::null_mut());
        }
    }
}
