/* Part of the check of exercise 04 (do not edit): first_primes as another caller uses it,
 * with two results alive at once, each freed once. */
#define main exercise_main /* first_primes.c's own main is not this program's */
#include "first_primes.c"
#undef main

int main(void) {
    Primes small = first_primes(3), large = first_primes(10);
    if (small.primes == NULL || large.primes == NULL) {
        printf("first_primes returned no memory\n");
        return 1;
    }
    small.primes[0] = 0; /* each result owns its array: the other one must not change */
    if (large.primes[0] != 2 || large.primes[9] != 29 || small.primes[2] != 5) {
        printf("the two results share their memory: each call needs an allocation of its own\n");
        return 1;
    }
    free(small.primes);
    free(large.primes);
    printf("ok\n");
    return 0;
}
