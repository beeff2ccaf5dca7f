"""Builds an exercise's crate, finds its library and imports it as a Python module: shared by
the checks of exercises 06 to 10, with the library's name right for the platform."""

import importlib.machinery
import importlib.util
import os
import subprocess
from pathlib import Path

from python_clients._c_abi import library_path

# The runner sets CARGO_TARGET_DIR; run by hand, cargo builds into exercises/target.
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", Path(__file__).parent / "target"))


def library(crate, target=TARGET):
    """Where `cargo build -p crate` puts its cdylib: libex06.so on Linux, .dylib on macOS."""
    return target / "debug" / library_path(crate).name


def build(crate):
    """`cargo build -p crate`, configured as the runner's build step; the library's path."""
    env = {**os.environ, "PYO3_BUILD_EXTENSION_MODULE": "1"}
    subprocess.run(["cargo", "build", "--quiet", "-p", crate], check=True, env=env)
    return library(crate)


def import_library(name, path):
    """Import the extension module `name` from a library at `path`, whatever its suffix: on
    macOS cargo writes .dylib, which no import statement looks for."""
    loader = importlib.machinery.ExtensionFileLoader(name, str(path))
    spec = importlib.util.spec_from_file_location(name, path, loader=loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def build_and_import(crate):
    """Build the crate and import its library as the module `crate`."""
    return import_library(crate, build(crate))
