#!/usr/bin/env bash
# After chapter 2: the dangling C sieve under the compiler, at run time, under ASan and
# valgrind, then the fixed version.
exec "$(dirname "$0")/../c_comparison/demo.sh"
