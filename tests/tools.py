"""Optional system tools: a developer without them gets a skip that says how to install
them; CI (CI=true), which installs them, gets a failure instead of a silent pass."""

import os
import shutil

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
