"""After chapter 4: the cffi wheel, used through cffi with declarations from the header."""

from primes_cffi import ffi, lib, primes_buffer

count = ffi.new("size_t *")
status = lib.kernels_count_primes(10**6, count)
print("kernels_count_primes(10**6) ->", status, "(STATUS_OK), count =", count[0])

status, buffer = primes_buffer(50)
with buffer:  # kernels_primes_free runs here; without `with`, when buffer is collected
    print("primes(50)                  =", ffi.unpack(buffer.data, buffer.len))

try:
    lib.kernels_count_primes(2**64 + 3, count)
except OverflowError as error:
    print("cffi checks every argument against its C type:", error)

print("enum values from the header: STATUS_OUT_OF_RANGE =", lib.STATUS_OUT_OF_RANGE)
