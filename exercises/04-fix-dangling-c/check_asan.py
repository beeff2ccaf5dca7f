"""The check of exercise 04 (do not edit): run it with `./just exercise 4`."""

import os
import subprocess


def test_clean_under_address_sanitizer(tmp_path):
    binary = tmp_path / "first_primes"
    flags = ["-std=c11", "-g", "-O1", "-Wall", "-fsanitize=address", "-fno-omit-frame-pointer"]
    subprocess.run(["cc", *flags, "first_primes.c", "-o", binary], check=True)
    env = {**os.environ, "ASAN_OPTIONS": "detect_stack_use_after_return=1:detect_leaks=1"}
    run = subprocess.run([binary], capture_output=True, text=True, env=env, check=False)
    assert "AddressSanitizer" not in run.stderr, run.stderr
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "first 10 primes: 2 3 5 7 11 13 17 19 23 29"
