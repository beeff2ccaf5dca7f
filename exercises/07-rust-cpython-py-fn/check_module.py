"""The check of exercise 07 (do not edit): run it with `./just exercise 7`."""

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TARGET = Path(os.environ.get("CARGO_TARGET_DIR", "../target"))


@pytest.fixture(scope="module")
def ex07(tmp_path_factory):
    subprocess.run(["cargo", "build", "--quiet", "-p", "ex07"], check=True)
    folder = tmp_path_factory.mktemp("module")
    shutil.copy(TARGET / "debug" / "libex07.so", folder / "ex07.so")
    sys.path.insert(0, str(folder))
    return importlib.import_module("ex07")


def test_the_function_is_exported(ex07):
    assert ex07.sum_of_squares(3) == 14
    assert ex07.sum_of_squares(0) == 0


def test_too_big_is_a_value_error(ex07):
    with pytest.raises(ValueError):
        ex07.sum_of_squares(1_000_001)


def test_a_negative_n_is_refused_by_the_conversion(ex07):
    with pytest.raises(OverflowError):
        ex07.sum_of_squares(-1)
