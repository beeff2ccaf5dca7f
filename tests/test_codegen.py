"""What the compiler made of the kernels: the instructions chapter 10 says they use.

The workspace builds for baseline x86-64, what every x86-64 machine (and so every wheel
user) has: SSE2, no `popcnt`, no AVX. Chapter 10 explains the kernels in those terms; this
reads the machine code of the release library and fails if the explanation no longer fits.
"""

import platform
import shutil
import subprocess

import pytest

from python_clients import ctypes_style


def mnemonics(binary):
    """The instruction names in a binary's disassembly."""
    objdump = shutil.which("objdump")
    if objdump is None:
        pytest.skip("objdump is not installed (binutils)")
    listing = subprocess.run(
        [objdump, "-d", "--no-show-raw-insn", binary], capture_output=True, text=True, check=True
    ).stdout
    fields = (line.split("\t") for line in listing.splitlines() if line.startswith(" "))
    return {f[1].split()[0] for f in fields if len(f) > 1 and f[1].strip()}


@pytest.fixture(scope="module")
def kernels():
    if platform.machine().lower() not in ("x86_64", "amd64"):
        pytest.skip("the chapter describes x86-64 code")
    return mnemonics(ctypes_style.path)


def test_bits_are_counted_without_popcnt_on_baseline_x86_64(kernels):
    assert "popcnt" not in kernels
    assert "psadbw" in kernels


def test_neighbours_are_compared_sixteen_bytes_at_a_time(kernels):
    assert "pcmpeqb" in kernels
    assert not {m for m in kernels if m.startswith("v")}, "AVX (VEX-encoded) code found"


def test_the_check_sees_popcnt_and_avx_where_they_are(kernels, tmp_path):
    """The control: code built for x86-64-v3 fails both checks above."""
    source = tmp_path / "v3.c"
    source.write_text(
        "int count(unsigned long x) { return __builtin_popcountl(x); }\n"
        "void add(float *a) { for (int i = 0; i < 64; i++) a[i] += 1; }\n"
    )
    command = ["cc", "-O2", "-march=x86-64-v3", "-c", source, "-o", tmp_path / "v3.o"]
    subprocess.run(command, check=True)
    found = mnemonics(tmp_path / "v3.o")
    assert "popcnt" in found
    assert {m for m in found if m.startswith("v")}
