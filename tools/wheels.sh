#!/usr/bin/env bash
# `./just wheels`: the files a project would publish, into dist/, each checked.
#
# For PyO3's abi3 package and the cffi package: a wheel tagged manylinux2014 (glibc 2.17,
# so that it loads on nearly every Linux of the last ten years) and an sdist. Run from the
# repository root with .venv's tools on PATH (./just does both).
set -euo pipefail
rm -rf dist && mkdir dist
dist=$PWD/dist
# ANCHOR: build
for package in crates/via-pyo3 crates/via-cffi; do   # each folder holds a pyproject.toml
    echo "== $package: a manylinux2014 wheel, linked by zig against glibc 2.17's symbols"
    (cd "$package" && maturin build --release --zig --compatibility manylinux2014 --out "$dist")
    echo "== $package: its sdist, the source a pip without a matching wheel builds from"
    (cd "$package" && maturin sdist --out "$dist")
done
# ANCHOR_END: build
# ANCHOR: check
for wheel in dist/*.whl; do
    auditwheel show "$wheel"   # which glibc symbols the library needs, so which tag fits
done                           # (a report: tests/shipping compares it with each tag)
twine check --strict dist/*    # the metadata a package index will show, rendered
# ANCHOR_END: check
ls -l dist
