//! probe
pub use via_ctypes::*;
