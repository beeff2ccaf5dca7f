//! The header that cffi reads (crates/via-cffi/include/kernels.h, checked in) is exactly
//! what cbindgen writes from this crate's code today, with this crate's `cbindgen.toml`: the
//! configuration maturin's cffi bindings use when they build the package.

use std::path::Path;

#[test]
fn header_matches_the_code() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).unwrap();
    let mut generated = Vec::new();
    cbindgen::generate_with_config(crate_dir, config)
        .unwrap()
        .write(&mut generated);

    let header = crate_dir.join("../via-cffi/include/kernels.h");
    if std::env::var_os("UPDATE_HEADER").is_some() {
        std::fs::write(&header, &generated).unwrap();
    }
    let checked_in = std::fs::read(&header).unwrap_or_default();
    assert!(
        checked_in == generated,
        "{} is stale: run `./just header` and commit it",
        header.display()
    );
}
