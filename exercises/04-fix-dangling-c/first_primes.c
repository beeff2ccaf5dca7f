/* Exercise 04: the primes must outlive the function that finds them. */
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    size_t count;
    unsigned *primes;
} Primes;

Primes first_primes(size_t k) {
    unsigned found[64]; /* on the stack: gone when this function returns */
    Primes result = {0, found};
    for (unsigned candidate = 2; result.count < k && result.count < 64; candidate++) {
        int prime = 1;
        for (size_t i = 0; i < result.count && found[i] * found[i] <= candidate; i++) {
            if (candidate % found[i] == 0) prime = 0;
        }
        if (prime) found[result.count++] = candidate;
    }
    return result;
}

int main(void) {
    Primes result = first_primes(10);
    printf("first %zu primes:", result.count);
    for (size_t i = 0; i < result.count; i++) printf(" %u", result.primes[i]);
    printf("\n");
    return 0;
}
