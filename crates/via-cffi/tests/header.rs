//! The checked-in header is exactly what cbindgen writes from the code today.

use std::path::Path;

#[test]
fn header_matches_the_code() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).unwrap();
    // The functions are defined in via-ctypes (this crate re-exports them), and cbindgen
    // reads functions only from the crate it is pointed at.
    let source = crate_dir.join("../via-ctypes");
    let mut generated = Vec::new();
    cbindgen::generate_with_config(source, config)
        .unwrap()
        .write(&mut generated);

    let header = crate_dir.join("include/kernels.h");
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
