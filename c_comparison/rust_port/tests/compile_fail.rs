//! The book shows rustc's refusal of the dangling port; this pins it, word for word, in
//! `examples/dangling.stderr` (`TRYBUILD=overwrite` rewrites it after a deliberate change).

#[test]
fn the_dangling_port_is_refused_with_e0515() {
    trybuild::TestCases::new().compile_fail("examples/dangling.rs");
}
