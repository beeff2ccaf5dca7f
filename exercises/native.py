"""Builds a PyO3 exercise crate and imports it: shared by the checks of exercises 08-10."""

import importlib.util
import os
import subprocess
from pathlib import Path

TARGET = Path(os.environ.get("CARGO_TARGET_DIR", Path(__file__).parent / "target"))


def build_and_import(crate):
    """`cargo build -p crate`, then import target/debug/lib<crate>.so as module `crate`."""
    env = {**os.environ, "PYO3_BUILD_EXTENSION_MODULE": "1"}
    subprocess.run(["cargo", "build", "--quiet", "-p", crate], check=True, env=env)
    spec = importlib.util.spec_from_file_location(crate, TARGET / "debug" / f"lib{crate}.so")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
