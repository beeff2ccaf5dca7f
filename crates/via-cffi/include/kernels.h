/*
 * The C API of crates/via-ctypes, written by cbindgen from its Rust source:
 * do not edit; `./just header` writes it again.
 *
 * It needs <stddef.h> and <stdint.h> (size_t, uint32_t, uint64_t) included before it.
 */

/*
 The result of every call. The value a function computes goes through an out-pointer, so
 no return value is ever both an answer and an error code.
 */
typedef enum Status {
  /*
   Success: the out-pointer holds the answer.
   */
  STATUS_OK = 0,
  /*
   `n` was above `MAX_N` (the C type cannot be negative).
   */
  STATUS_OUT_OF_RANGE = 1,
  /*
   The allocator refused a table or a list.
   */
  STATUS_OUT_OF_MEMORY = 2,
  /*
   The bytes passed as text were not UTF-8, or not whole UTF-32 units.
   */
  STATUS_INVALID_TEXT = 3,
  /*
   A required pointer was NULL.
   */
  STATUS_NULL_POINTER = 4,
  /*
   Rust panicked. The panic was caught at the boundary: it is a bug, reported, not a crash.
   */
  STATUS_PANIC = 5,
  /*
   The bytes passed as an array were not whole items of 1, 2, 4 or 8 bytes.
   */
  STATUS_INVALID_ITEMS = 6,
  /*
   `threads` was above `KERNELS_MAX_THREADS` (the C type cannot be negative).
   */
  STATUS_THREADS_OUT_OF_RANGE = 7,
} Status;

/*
 A `Vec<u32>` taken apart for C. `capacity` is kept because freeing must rebuild the
 allocation exactly as Rust made it. The caller may read and write `data[0..len]` (numpy's
 array over it is writable): once apart, no Rust reference to the primes exists.
 */
typedef struct PrimeBuffer {
  /*
   The first prime; never NULL while the buffer is live (an empty one is dangling, not NULL).
   */
  uint32_t *data;
  /*
   How many primes there are.
   */
  size_t len;
  /*
   The allocation's capacity, in elements, for the free function.
   */
  size_t capacity;
} PrimeBuffer;

/*
 The largest `n` the sieve accepts, `2**32 - 1`, exported as data: ctypes reads it with
 `c_uint32.in_dll`, cffi as `lib.KERNELS_MAX_N`, so no Python file repeats the number.
 */
extern const uint32_t KERNELS_MAX_N;

/*
 The most threads [`kernels_count_primes_threads`] accepts, 1024, exported as data for the
 same reason.
 */
extern const size_t KERNELS_MAX_THREADS;

/*
 Counts the primes up to `n` into `*count`.

 `n` is 64 bits wide on purpose: a value above `MAX_N` arrives intact and is refused with
 [`Status::OutOfRange`], where a 32-bit parameter would have wrapped it silently.

 # Safety
 `count` must be NULL or point to a writable `size_t`.
 */
enum Status kernels_count_primes(uint64_t n, size_t *count);

/*
 Counts the primes up to `n` into `*count` on up to `threads` threads (0: one per core),
 started for this call and ended before it returns.

 The call cannot be interrupted: a foreign call cannot run Python's signal handlers, so
 the kernel is told to keep going to the end, and a Ctrl-C arrives when it returns.
 `threads` is 64 bits wide for the reason `n` is: a value above `KERNELS_MAX_THREADS`
 arrives intact and is refused with [`Status::ThreadsOutOfRange`].

 # Safety
 `count` must be NULL or point to a writable `size_t`.
 */
enum Status kernels_count_primes_threads(uint64_t n, uint64_t threads, size_t *count);

/*
 Fills `*buffer` with the primes up to `n`. On success the caller owns the buffer and must
 pass it to [`kernels_primes_free`] exactly once; on failure `*buffer` is empty.

 # Safety
 `buffer` must be NULL or point to a writable `PrimeBuffer`.
 */
enum Status kernels_primes(uint64_t n, struct PrimeBuffer *buffer);

/*
 Frees a buffer filled by [`kernels_primes`] and empties it; freeing an empty buffer, or
 the same one twice, does nothing. NULL is ignored.

 # Safety
 `buffer` must be NULL or point to a `PrimeBuffer` that `kernels_primes` filled (or
 emptied) and that nobody has altered.
 */
void kernels_primes_free(struct PrimeBuffer *buffer);

/*
 Counts adjacent equal characters in the UTF-8 text `utf8[0..len]` into `*count`.

 UTF-8 because it is what Rust's `&str` holds: checking it is all the conversion there is,
 and Python hands it over cheaply (an ASCII `str` already is UTF-8). The length travels
 beside the pointer, so NUL is an ordinary character.

 # Safety
 `utf8` must point to `len` readable bytes (it may be NULL when `len` is 0), and `count`
 must be NULL or point to a writable `size_t`.
 */
enum Status kernels_count_doubles(const uint8_t *utf8, size_t len, size_t *count);

/*
 Counts adjacent equal code points in the UTF-32 text `utf32[0..len]` into `*count`; `len`
 is in bytes, four per code point.

 The other encoding: one 4-byte unit per code point, so neighbours are compared as they
 are, with no decoding and no validation (a lone surrogate is a code point like any other).
 Python encodes a non-ASCII `str` to UTF-32 faster than to UTF-8, and the comparison
 vectorises; for ASCII text, [`kernels_count_doubles`] moves a quarter of the bytes.

 The text arrives as bytes, not `uint32_t`s: a Python `bytes` object promises no 4-byte
 alignment, and Rust may not even form a `&[u32]` over memory that lacks it. A `[u8; 4]`
 needs no alignment, and compares just as fast. The length is that of the buffer itself,
 so the caller has no second number that could disagree with it.

 # Safety
 `utf32` must point to `len` readable bytes (it may be NULL when `len` is 0), and `count`
 must be NULL or point to a writable `size_t`.
 */
enum Status kernels_count_doubles_utf32(const uint8_t *utf32, size_t len, size_t *count);

/*
 Counts the indices `i` with `item[i] == item[i + 1]` into `*count`, for the array of
 `len` bytes at `data` holding items of `item_size` bytes each (1, 2, 4 or 8).

 The array is borrowed: Rust reads it where the caller keeps it, for the length of this
 call only, and keeps no pointer. Items are compared as bytes, at any alignment: equal
 integers have equal bytes whatever their sign or byte order.

 # Safety
 `data` must point to `len` readable bytes (it may be NULL when `len` is 0) that stay
 allocated, unmoved and unchanged until the call returns: no thread may write to them
 meanwhile (Rust reads them as a `&[u8]`, which it assumes does not change). `count` must
 be NULL or point to a writable `size_t`.
 */
enum Status kernels_count_equal_neighbours(const uint8_t *data,
                                           size_t len,
                                           size_t item_size,
                                           size_t *count);

/*
 The message of the last failed call on this thread, as a NUL-terminated UTF-8 string.

 The pointer stays valid until the next failing call on the same thread; copy the text
 out before that. Never NULL; an empty string when nothing has failed yet.
 */
const char *kernels_last_error(void);
