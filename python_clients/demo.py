"""`./just demo`: both kernels through every style, one table, and a check that all agree."""

import platform
import random
import sys
import time

from . import STYLES, StyleNotSupported, load

N = 1_000_000
TEXT_LENGTH = 1_000_000


def sample_text(length, seed=2018):
    """Printable ASCII with a sprinkling of accents and emoji, the same on every run."""
    rng = random.Random(seed)
    alphabet = "aabbcdeé😀 "
    return "".join(rng.choice(alphabet) for _ in range(length))


def best_time(function, argument, repeat=3):
    """The result and the fastest of `repeat` calls, in seconds (the least disturbed one)."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(argument)
        timings.append(time.perf_counter() - start)
    return result, min(timings)


def human(seconds):
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def main():
    text = sample_text(TEXT_LENGTH)
    rows, refused = [], []
    for style in STYLES:
        try:
            kernels = load(style)
        except StyleNotSupported as error:
            refused.append(str(error))
            continue
        rows.append(
            (style, best_time(kernels.count_primes, N), best_time(kernels.count_doubles, text))
        )

    _, (_, primes_base), (_, doubles_base) = rows[0]
    python = f"{platform.python_implementation()} {platform.python_version()}"
    print(f"count_primes({N:_}) and count_doubles(s) on {TEXT_LENGTH:_} characters, best of 3,")
    print(f"on {python}\n")
    header = ("style", "count_primes", "time", "speed-up", "count_doubles", "time", "speed-up")
    print("{:<13} {:>12} {:>9} {:>9}   {:>13} {:>9} {:>9}".format(*header))
    for style, (primes, primes_time), (doubles, doubles_time) in rows:
        print(
            f"{style:<13} {primes:>12} {human(primes_time):>9} {primes_base / primes_time:>8.0f}×"
            f"   {doubles:>13} {human(doubles_time):>9} {doubles_base / doubles_time:>8.0f}×"
        )

    for line in refused:
        print(line)

    answers = {(primes, doubles) for _, (primes, _), (doubles, _) in rows}
    if len(answers) != 1:
        print(f"\nThe styles disagree: {sorted(answers)}", file=sys.stderr)
        return 1
    print(f"\nAll {len(rows)} styles agree. Speed-up is against pure-python, on release")
    print("builds: `./just bench` measures every style, and a debug build beside them.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
