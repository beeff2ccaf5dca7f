/* Exercise 04, a reference solution: the primes live on the heap, freed once by main. */
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    size_t count;
    unsigned *primes; /* owned: allocated by first_primes, freed by the caller */
} Primes;

Primes first_primes(size_t k) {
    Primes result = {0, malloc(k * sizeof(unsigned))};
    if (result.primes == NULL) return result;
    for (unsigned candidate = 2; result.count < k; candidate++) {
        int prime = 1;
        for (size_t i = 0; i < result.count && result.primes[i] * result.primes[i] <= candidate; i++) {
            if (candidate % result.primes[i] == 0) prime = 0;
        }
        if (prime) result.primes[result.count++] = candidate;
    }
    return result;
}

int main(void) {
    Primes result = first_primes(10);
    if (result.primes == NULL) return 1;
    printf("first %zu primes:", result.count);
    for (size_t i = 0; i < result.count; i++) printf(" %u", result.primes[i]);
    printf("\n");
    free(result.primes);
    return 0;
}
