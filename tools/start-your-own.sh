#!/usr/bin/env bash
# The chapter "Start your own, and ship it", as the commands it shows: the book includes them
# from here, and `./just test-walkthrough` (part of `./just test`) runs them in an empty
# temporary folder, so that the chapter cannot drift from what works.
#
#     tools/start-your-own.sh EMPTY_DIR
#
# The two packages depend on this repository's `kernels` crate by path, where yours would
# depend on your own code. Everything else is what a reader types.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$1"
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "the walkthrough needs python3 3.11 or later; this one is $(python3 --version)" >&2
    exit 1
fi

# ANCHOR: venv
python3 --version                           # 3.11 or later: the abi3 wheel below needs it
python3 -m venv .venv                       # maturin develop installs into a virtualenv
. .venv/bin/activate
pip install --quiet maturin==1.16.0 cffi==2.1.1 pytest==9.2.0 mypy==2.4.1
# ANCHOR_END: venv

# ANCHOR: new
maturin new --bindings pyo3 --name my_primes my-primes
cd my-primes
cargo add pyo3@=0.30.1 --features abi3-py311   # one wheel for CPython 3.11 and later
# ...which pip must know too: maturin new wrote an older floor.
sed -i.bak 's/^requires-python = .*/requires-python = ">=3.11"/' pyproject.toml && rm pyproject.toml.bak
kernels="$repo/crates/kernels"   # the Rust to wrap ($repo: your clone of this book's code)
cargo add kernels --path "$kernels"
# ANCHOR_END: new

# ANCHOR: lib
cat > src/lib.rs <<'RUST'
/// Counting primes, in Rust.
#[pyo3::pymodule]
mod my_primes {
    use pyo3::exceptions::PyMemoryError;
    use pyo3::prelude::*;

    /// The number of primes p with 2 <= p <= n.
    #[pyfunction]
    fn count_primes(py: Python<'_>, n: u32) -> PyResult<usize> {
        // The sieve needs no Python object: let other threads run Python meanwhile.
        py.detach(|| kernels::count_primes(n))
            .map_err(|error| PyMemoryError::new_err(error.to_string()))
    }
}
RUST
# ANCHOR_END: lib

# ANCHOR: develop
maturin develop --release     # build, and install into the active virtualenv
python -c "import my_primes; print(my_primes.count_primes(10**8))"
# ANCHOR_END: develop

# ANCHOR: test
mkdir -p tests
cat > tests/test_my_primes.py <<'PYTHON'
import pytest

import my_primes


def test_counts_primes():
    assert my_primes.count_primes(100) == 25


def test_refuses_a_negative_n():
    with pytest.raises(OverflowError):  # PyO3's u32 conversion says so
        my_primes.count_primes(-1)
PYTHON
pytest -q
# ANCHOR_END: test

# ANCHOR: stubs
cat > my_primes.pyi <<'PYTHON'
def count_primes(n: int) -> int:
    """The number of primes p with 2 <= p <= n."""
PYTHON
maturin develop --release     # the stub file now ships in the package, with py.typed
mkdir -p ../elsewhere         # away from my_primes.pyi: mypy must find the installed stub
cat > ../elsewhere/typed.py <<'PYTHON'
import my_primes

my_primes.count_primes("100")
PYTHON
(cd ../elsewhere && mypy typed.py) | tee ../mypy.txt || true
# typed.py:3: error: Argument 1 to "count_primes" has incompatible type "str"; expected "int"
# ANCHOR_END: stubs
# What makes this a check: the error mypy gives is that one, about the argument, and not,
# say, "module is installed, but missing library stubs", which it gives without py.typed.
grep -q 'incompatible type "str"; expected "int"' ../mypy.txt

# ANCHOR: cffi
cd ..                         # out of my-primes
maturin new --bindings cffi --name my_primes_cffi my-primes-cffi
cd my-primes-cffi
cargo add kernels --path "$kernels"
cat > src/lib.rs <<'RUST'
/// The number of primes p with 2 <= p <= n; -1 when memory runs out, -2 if Rust panicked.
/// A panic must not leave an `extern "C"` function: Rust would abort the whole process.
#[unsafe(no_mangle)]
pub extern "C" fn count_primes(n: u32) -> i64 {
    match std::panic::catch_unwind(|| kernels::count_primes(n)) {
        Ok(Ok(count)) => count as i64,
        Ok(Err(_)) => -1,
        Err(_) => -2,
    }
}
RUST
maturin develop --release     # cbindgen writes the header, cffi the declarations
python -c "from my_primes_cffi import lib; print(lib.count_primes(10**8))"
# ANCHOR_END: cffi
