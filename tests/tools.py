"""Optional system tools: a developer without them gets a skip that says how to install
them; CI (CI=true), which installs them, gets a failure instead of a silent pass."""

import os
import shutil
import subprocess
import sys

import pytest


def require(tool, install_hint):
    """The tool's path, or a skip (a failure under CI) naming how to install it."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed ({install_hint})"
        if os.environ.get("CI"):
            pytest.fail(f"{message}, and CI must run this test")
        pytest.skip(message)
    return path


def valgrind_for_this_python():
    """valgrind's path, or a skip in valgrind's own words where it cannot start this
    interpreter: one run with a private glibc whose loader is stripped, as
    tools/fetch-python.sh makes them (valgrind needs the loader's symbols)."""
    valgrind = require("valgrind", "apt install valgrind")
    started = subprocess.run(
        [valgrind, sys.executable, "-c", "pass"], capture_output=True, text=True, check=False
    )
    if "Fatal error at startup" in started.stderr:
        reason = next(line for line in started.stderr.splitlines() if "Fatal error" in line)
        pytest.skip(f"valgrind cannot run {sys.executable}: {reason.strip()}")
    return valgrind
