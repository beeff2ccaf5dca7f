#!/usr/bin/env bash
# The C detour, step by step: what the compiler says, what the program does, what the
# sanitizers see, and the fixed version. The crashes are the demonstration: this script
# reports them and carries on, and succeeds.
set -uo pipefail
cd "$(dirname "$0")"

section() { printf '\n=== %s\n' "$*"; }

# Runs a command, shows its output, and says how it ended (a signal is 128 + its number).
run() {
    printf '$ %s\n' "$*"
    # The outer redirection silences bash's own "Segmentation fault" notice: we report it.
    { "$@" 2>&1; } 2>/dev/null
    local status=$?
    if ((status > 128)); then
        echo "[killed by signal $((status - 128)): $(kill -l $((status - 128)))]"
    elif ((status != 0)); then
        echo "[exit status $status]"
    fi
}

make -s all || exit 1

section "1. What the compiler says"
run "${CC:-cc}" -std=c11 -Wall -Wextra -O2 -c sieve_dangling.c -o /dev/null
echo "(not a word: everyday warnings do not follow a pointer through a struct)"
printf '$ %s\n' "${CC:-cc} -std=c11 -Wall -Wextra -fanalyzer -c sieve_dangling.c -o /dev/null"
"${CC:-cc}" -std=c11 -Wall -Wextra -fanalyzer -c sieve_dangling.c -o /dev/null 2>&1 |
    grep -m1 -A3 'stale stack frame'

section "2. Running it: the count is right (a copied value), the primes are read from a dead frame"
for n in 10 100 1000000; do
    run out/dangling "$n"
done

section "3. AddressSanitizer, with detect_stack_use_after_return=1, on n = 100"
ASAN_OPTIONS=detect_stack_use_after_return=1 out/dangling-asan 100 2>&1 |
    grep -E '^==[0-9]+==ERROR|^READ|^    #0|^Address|^  This frame|^    \[|^SUMMARY'

section "4. valgrind, on n = 10"
if command -v valgrind >/dev/null; then
    valgrind out/dangling 10 2>&1 | grep -m1 -A3 'Invalid read'
else
    echo "(valgrind is not installed: apt install valgrind, brew install valgrind…)"
fi

section "5. The fixed sieve (heap table, one free): right counts, clean under both tools"
run out/fixed 10 100 1000000
printf '$ ASAN_OPTIONS=detect_stack_use_after_return=1 out/fixed-asan 10 100 1000000\n'
if ASAN_OPTIONS=detect_stack_use_after_return=1 out/fixed-asan 10 100 1000000 >/dev/null 2>&1; then
    echo "AddressSanitizer: no error"
fi
if command -v valgrind >/dev/null; then
    printf '$ valgrind out/fixed 10 100 1000000\n'
    valgrind out/fixed 10 100 1000000 2>&1 | grep -E 'ERROR SUMMARY|All heap blocks' | sed 's/^==[0-9]*== //'
fi
exit 0
