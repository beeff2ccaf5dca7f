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
    // OUT_DIR is <target>/[<triple>/]<profile>/build/<crate>-<hash>/out: the triple's folder
    // is there when cargo was given --target (maturin's --zig gives it).
    let mut target = Path::new(&out)
        .ancestors()
        .nth(4)
        .expect("OUT_DIR is that deep");
    let triple = std::env::var_os("TARGET").expect("cargo sets TARGET for build scripts");
    if target.file_name() == Some(triple.as_os_str()) {
        target = target
            .parent()
            .expect("the triple's folder is inside the target folder");
    }
    std::fs::copy(header, target.join("header.h")).expect("copy include/kernels.h for maturin");
}
