/*
 * The same design, made correct: the table lives on the heap, the struct owns it, and the
 * caller frees it exactly once with sieve_free(). Clean under AddressSanitizer and valgrind.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// ANCHOR: sieve
typedef struct {
    size_t count;
    bool *primes;  /* owned: allocated by sieve(), released by sieve_free() */
} Sieve;

Sieve sieve(size_t n) {
    Sieve result = {0, malloc(n + 1)};
    if (result.primes == NULL) return result;
    memset(result.primes, true, n + 1);
    result.primes[0] = result.primes[1] = false;
    for (size_t i = 2; i <= n; i++) {
        if (!result.primes[i]) continue;
        result.count++;
        for (size_t j = i * i; j <= n; j += i) result.primes[j] = false;
    }
    return result;
}

void sieve_free(Sieve *sieve) {
    free(sieve->primes);
    sieve->primes = NULL;  /* a second sieve_free() is then harmless */
}
// ANCHOR_END: sieve

int main(int argc, char **argv) {
    for (int arg = 1; arg < argc; arg++) {
        size_t n = strtoul(argv[arg], NULL, 10);
        if (n < 2) {
            fprintf(stderr, "n must be at least 2\n");
            return 2;
        }
        Sieve result = sieve(n);
        if (result.primes == NULL) {
            fprintf(stderr, "out of memory\n");
            return 1;
        }
        printf("n = %zu: %zu primes, the last:", n, result.count);
        for (size_t i = n, shown = 0; i > 1 && shown < 3; i--) {
            if (result.primes[i]) {
                printf(" %zu", i);
                shown++;
            }
        }
        printf("\n");
        sieve_free(&result);
    }
    return 0;
}
