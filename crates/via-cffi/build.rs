//! Puts `include/kernels.h` where maturin's cffi bindings look for a header first: `header.h`
//! in cargo's target directory.
//!
//! Without it maturin runs cbindgen on this crate, which defines no function of its own (they
//! are via-ctypes's, re-exported), and cbindgen writes only the functions of the crate it
//! reads: cffi would declare none. The checked-in header is the one `tests/header.rs` keeps
//! equal to the code, and it travels in the sdist, so a build from source finds it too.

use std::path::Path;

fn main() {
    let header = Path::new("include/kernels.h");
    println!("cargo::rerun-if-changed={}", header.display());
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    // OUT_DIR is <target>/[<triple>/]<profile>/build/<crate>-<hash>/out, and cargo marks the
    // target directory itself with a CACHEDIR.TAG file.
    let target = Path::new(&out)
        .ancestors()
        .find(|dir| dir.join("CACHEDIR.TAG").is_file())
        .expect("cargo's target directory holds a CACHEDIR.TAG");
    std::fs::copy(header, target.join("header.h")).expect("copy include/kernels.h for maturin");
}
