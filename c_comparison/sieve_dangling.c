/*
 * The sieve from the 2015 talk, ported to C the way it first comes to mind: the function
 * fills a table on its own stack and returns a struct that points at it. The table dies when
 * sieve() returns; main() reads it anyway. `./just run-example c-dangling` shows what happens.
 *
 * The table is a fixed-size array (LIMIT + 1 entries): AddressSanitizer can only watch
 * frames of a known, modest size, so the sanitizer build passes -DLIMIT=1000.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef LIMIT
#define LIMIT 1000000
#endif

// ANCHOR: sieve
typedef struct {
    size_t count;        /* how many primes up to n */
    const bool *primes;  /* primes[i] is true when i is prime, for i in 0..=n */
} Sieve;

Sieve sieve(size_t n) {
    bool primes[LIMIT + 1];  /* lives in this function's stack frame */
    memset(primes, true, n + 1);
    primes[0] = primes[1] = false;
    size_t count = 0;
    for (size_t i = 2; i <= n; i++) {
        if (!primes[i]) continue;
        count++;
        for (size_t j = i * i; j <= n; j += i) primes[j] = false;
    }
    Sieve result = {count, primes};  /* the pointer escapes into the result... */
    return result;                   /* ...and the frame it points into is gone */
}
// ANCHOR_END: sieve

// ANCHOR: main
int main(int argc, char **argv) {
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 100;
    if (n < 2 || n > LIMIT) {
        fprintf(stderr, "n must be between 2 and %d\n", LIMIT);
        return 2;
    }
    Sieve result = sieve(n);
    printf("n = %zu: %zu primes\n", n, result.count);
    fflush(stdout);  /* so the count shows even if what follows crashes */

    unsigned all_primes[result.count];  /* on main's stack: right over sieve's old frame */
    size_t k = 0;
    for (size_t i = 0; i <= n; i++) {
        if (result.primes[i]) all_primes[k++] = (unsigned)i;  /* reads the dead table */
    }
    for (size_t i = 0; i < k && i < 15; i++) printf("%u ", all_primes[i]);
    printf("%s\n", k > 15 ? "..." : "");
    return 0;
}
// ANCHOR_END: main
