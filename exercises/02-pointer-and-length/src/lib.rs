//! Exercise 02: count a byte in a buffer given as pointer + length.

use std::ffi::{CStr, c_char};

/// How many times `byte` occurs in the `len` bytes at `data`; 0 when `data` is NULL.
///
/// # Safety
/// `data` must be NULL or point to `len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn count_byte(data: *const u8, len: usize, byte: u8) -> usize {
    let _ = len; // the starting version ignores the length: that is the bug
    if data.is_null() {
        return 0;
    }
    // SAFETY: stops at the first NUL, which is the whole problem.
    let text = unsafe { CStr::from_ptr(data as *const c_char) };
    text.to_bytes().iter().filter(|&&b| b == byte).count()
}
