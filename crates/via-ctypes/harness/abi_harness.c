/*
 * Drives the C API of via-ctypes the way a C caller would, through the header cbindgen
 * writes, so that valgrind can watch every allocation cross the boundary and come back.
 * `./just test-valgrind` builds it and runs it under valgrind; any error fails the run.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kernels.h"

static int failures = 0;

#define CHECK(condition)                                                     \
    do {                                                                     \
        if (!(condition)) {                                                  \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, \
                    #condition);                                             \
            failures++;                                                      \
        }                                                                    \
    } while (0)

static void counts(void) {
    size_t count = 0;
    CHECK(kernels_count_primes(1000000, &count) == STATUS_OK && count == 78498);
    CHECK(kernels_count_primes((1ULL << 32) + 3, &count) == STATUS_OUT_OF_RANGE);
    CHECK(strstr(kernels_last_error(), "4294967299") != NULL);
    CHECK(kernels_count_primes(10, NULL) == STATUS_NULL_POINTER);
    /* On threads the library starts and joins within the call: valgrind sees them too. */
    CHECK(kernels_count_primes_threads(1000000, 2, &count) == STATUS_OK && count == 78498);
    CHECK(kernels_count_primes_threads(10, KERNELS_MAX_THREADS + 1, &count) ==
          STATUS_THREADS_OUT_OF_RANGE);
    CHECK(strstr(kernels_last_error(), "threads must be between 0 and 1024") != NULL);
    CHECK(kernels_count_primes_threads(10, 2, NULL) == STATUS_NULL_POINTER);

    const char text[] = "aa\0bb";
    CHECK(kernels_count_doubles((const uint8_t *)text, 5, &count) == STATUS_OK && count == 2);
    const uint8_t invalid[] = {'a', 0xff, 0xff};
    CHECK(kernels_count_doubles(invalid, 3, &count) == STATUS_INVALID_TEXT);
    CHECK(kernels_count_doubles(NULL, 0, &count) == STATUS_OK && count == 0);
    CHECK(kernels_count_doubles(NULL, 1, &count) == STATUS_NULL_POINTER);

    const uint32_t code_points[] = {0x61, 0x61, 0xd800, 0xd800, 0x1f600, 0x1f601};
    const uint8_t *utf32 = (const uint8_t *)code_points;
    CHECK(kernels_count_doubles_utf32(utf32, sizeof code_points, &count) == STATUS_OK &&
          count == 2);
    CHECK(kernels_count_doubles_utf32(utf32, sizeof code_points - 1, &count) ==
          STATUS_INVALID_TEXT);
    /* Units at an odd address: the C ABI promises to read them without alignment. */
    uint8_t unaligned[1 + sizeof code_points];
    memcpy(unaligned + 1, code_points, sizeof code_points);
    CHECK(kernels_count_doubles_utf32(unaligned + 1, sizeof code_points, &count) == STATUS_OK &&
          count == 2);
    CHECK(kernels_count_doubles_utf32(NULL, 4, &count) == STATUS_NULL_POINTER);
    CHECK(KERNELS_MAX_N == 4294967295u);

    /* An array of 8-byte items at an odd address, then the same bytes as other sizes. */
    const uint64_t items[] = {7, 7, 7, 1ULL << 40, 0};
    uint8_t odd[1 + sizeof items];
    memcpy(odd + 1, items, sizeof items);
    CHECK(kernels_count_equal_neighbours(odd + 1, sizeof items, 8, &count) == STATUS_OK &&
          count == 2);
    CHECK(kernels_count_equal_neighbours(odd + 1, sizeof items, 1, &count) == STATUS_OK);
    CHECK(kernels_count_equal_neighbours(odd + 1, sizeof items - 1, 8, &count) ==
          STATUS_INVALID_ITEMS);
    CHECK(kernels_count_equal_neighbours(odd + 1, sizeof items, 3, &count) ==
          STATUS_INVALID_ITEMS);
    CHECK(kernels_count_equal_neighbours(NULL, 0, 4, &count) == STATUS_OK && count == 0);
}

static void buffers(void) {
    static const uint64_t sizes[] = {0, 1, 2, 30, 100000};
    static const size_t expected[] = {0, 0, 1, 10, 9592};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        PrimeBuffer buffer;
        CHECK(kernels_primes(sizes[i], &buffer) == STATUS_OK);
        CHECK(buffer.len == expected[i]);
        uint64_t sum = 0;
        for (size_t j = 0; j < buffer.len; j++) {
            sum += buffer.data[j]; /* every element read: valgrind checks each access */
        }
        CHECK(buffer.len == 0 || sum > 0);
        kernels_primes_free(&buffer);
        CHECK(buffer.data == NULL && buffer.len == 0);
        kernels_primes_free(&buffer); /* a second free of the same buffer is a no-op */
    }

    PrimeBuffer refused;
    CHECK(kernels_primes(UINT64_MAX, &refused) == STATUS_OUT_OF_RANGE);
    CHECK(refused.data == NULL); /* nothing to free, and freeing it anyway is harmless */
    kernels_primes_free(&refused);
    kernels_primes_free(NULL);
}

int main(void) {
    for (int round = 0; round < 50; round++) {
        counts();
        buffers();
    }
    if (failures == 0) {
        puts("abi_harness: all checks passed");
    }
    return failures == 0 ? 0 : 1;
}
