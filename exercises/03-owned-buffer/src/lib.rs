//! Exercise 03: hand a Vec to C, and take it back.

use std::mem::ManuallyDrop;

/// A `Vec<u64>` taken apart for C.
#[repr(C)]
pub struct Buffer {
    /// The first element; NULL when the buffer owns nothing.
    pub data: *mut u64,
    /// How many elements there are.
    pub len: usize,
    /// The allocation's capacity, needed to free it.
    pub capacity: usize,
}

impl Buffer {
    /// A buffer that owns nothing.
    pub const EMPTY: Self = Self { data: std::ptr::null_mut(), len: 0, capacity: 0 };
}

/// The squares 0², 1², …, (n-1)², owned by the caller until `buffer_free`.
#[unsafe(no_mangle)]
pub extern "C" fn squares(n: u64) -> Buffer {
    let mut values = ManuallyDrop::new((0..n).map(|i| i * i).collect::<Vec<u64>>());
    Buffer { data: values.as_mut_ptr(), len: values.len(), capacity: values.capacity() }
}

/// Frees a buffer and empties it; an empty buffer or NULL is ignored.
///
/// # Safety
/// `buffer` must be NULL or point to a `Buffer` taken apart from a `Vec<u64>` (as `squares`
/// does, or any `Vec` with room to spare), unaltered.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn buffer_free(buffer: *mut Buffer) {
    let _ = buffer; // the starting version frees nothing: every buffer leaks
}
