//! Writes ex06.h from the crate's source, as cbindgen.toml says.

fn main() {
    let crate_dir = env!("CARGO_MANIFEST_DIR");
    let config =
        cbindgen::Config::from_file(format!("{crate_dir}/cbindgen.toml")).expect("cbindgen.toml");
    cbindgen::generate_with_config(crate_dir, config)
        .expect("cbindgen could not read the crate")
        .write_to_file(format!("{crate_dir}/ex06.h"));
}
