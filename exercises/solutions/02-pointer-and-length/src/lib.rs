//! Exercise 02, a reference solution.

/// How many times `byte` occurs in the `len` bytes at `data`; 0 when `data` is NULL.
///
/// # Safety
/// `data` must be NULL or point to `len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn count_byte(data: *const u8, len: usize, byte: u8) -> usize {
    if data.is_null() {
        return 0;
    }
    // SAFETY: per this function's contract, data points to len readable bytes.
    let bytes = unsafe { std::slice::from_raw_parts(data, len) };
    bytes.iter().filter(|&&b| b == byte).count()
}
