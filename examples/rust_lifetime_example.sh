#!/usr/bin/env bash
# After chapter 2: the same design in Rust does not compile; owning the data does.
set -uo pipefail
cd "$(dirname "$0")/.."

printf '=== 1. The C design in Rust: a result that borrows the sieve'"'"'s stack array\n'
printf '$ cargo build -p sieve-port --example dangling --features show-e0515\n'
cargo build --quiet -p sieve-port --example dangling --features show-e0515 2>&1
printf '[refused at compile time, status %s: nothing ran, nothing dangled]\n' "$?"

printf '\n=== 2. The fix: the result owns its table (a Vec), so it lives as long as the result\n'
printf '$ cargo run --release -p sieve-port --example owned -- 10 100 1000000\n'
cargo run --quiet --release -p sieve-port --example owned -- 10 100 1000000
