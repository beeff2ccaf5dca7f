//! Tells rustc which interpreter the module is built for (`cfg(PyPy)`, `cfg(Py_3_14)`…), as
//! PyO3's own crates see it, so that lib.rs can take PyPy's way where CPython's differs.

fn main() {
    pyo3_build_config::use_pyo3_cfgs();
}
