//! What the check reads (do not edit): every allocation of this module's Rust code goes
//! through the counting allocator of exercises/counting-alloc, and two functions let Python
//! read its counts. numpy's own memory is not Rust's: the allocator never sees it.

use pyo3::prelude::*;

#[global_allocator]
static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;

/// Bytes Rust's allocator holds for this thread now: a Vec that an array owns counts here.
#[pyfunction]
fn live_bytes() -> isize {
    counting_alloc::live_bytes()
}

/// Bytes Rust's allocator has handed this thread so far, freed since or not: a copy counts
/// here, even one freed before the call returns.
#[pyfunction]
fn allocated_bytes() -> usize {
    counting_alloc::allocated_bytes()
}

/// Adds `live_bytes` and `allocated_bytes` to the module.
pub fn add_to(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(live_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(allocated_bytes, m)?)
}
