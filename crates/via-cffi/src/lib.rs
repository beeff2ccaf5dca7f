//! Style 2: the same C ABI as style 1, described for cffi by a header that cbindgen writes.
//!
//! Nothing here is new Rust: this cdylib re-exports the functions of `via-ctypes`, so both
//! styles call one implementation. What this crate adds is the *description* of that ABI:
//! `cbindgen.toml` tells cbindgen to write `include/kernels.h` from the Rust source, in the
//! subset of C that cffi's `cdef` parses (no `#include`, no include guard, no `#if`). The
//! Python package in `python/` hands that header to cffi, so the declarations ctypes needed
//! by hand (`argtypes`, `restype`, a mirrored `Structure`) come from the code itself.
//!
//! `tests/header.rs` fails when the checked-in header is not what cbindgen makes now.

pub use via_ctypes::*;
