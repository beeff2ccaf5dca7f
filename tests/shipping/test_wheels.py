"""What a user of dist/ relies on (`./just test-wheels`, after `./just wheels`).

- each wheel's platform tag is one auditwheel agrees with;
- twine's checks pass on every file;
- each wheel installs into a fresh environment outside the repository and passes the
  contract there, imported from that environment and nowhere else;
- each sdist builds and installs with `pip install` from the file alone.

The checks that judge a file are functions, run on deliberately wrong files too: a wheel
tagged for a platform it does not fit, and one without its metadata.
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
BIN = Path(sys.executable).parent  # .venv's tools: auditwheel, twine
PACKAGES = {"pyo3": "primes_pyo3", "cffi": "primes_cffi"}
# The contract suites, run on each installed wheel.
SUITES = ["tests/test_contract.py", "tests/test_hostile.py", "tests/test_arrays.py"]


def dist_file(package, suffix):
    (found,) = DIST.glob(f"{package}-*{suffix}")
    return found


# ANCHOR: tag_problems
def tag_problems(wheel):
    """Why the wheel's platform tag is not one auditwheel agrees with, if it is not."""
    tags = wheel.name.removesuffix(".whl").split("-")[-1].split(".")
    if not all(tag.startswith("manylinux") for tag in tags):
        return [f"{wheel.name} is not tagged manylinux: an index refuses it"]
    shown = subprocess.run(
        [BIN / "auditwheel", "show", wheel], capture_output=True, text=True, check=False
    )
    fits = re.search(r'consistent with the following platform tag:\s*"(\w+)"', shown.stdout)
    if fits is None:
        return [f"auditwheel cannot place {wheel.name}: {shown.stdout}{shown.stderr}"]
    # The policy a tag names, by its glibc: manylinux2014 is manylinux_2_17.
    glibc = {tag: re.sub(r"manylinux2014", "manylinux_2_17", tag).split("_x86")[0] for tag in tags}
    if fits.group(1).split("_x86")[0] not in glibc.values():
        return [f"{wheel.name} claims {tags}, auditwheel says {fits.group(1)}"]
    return []


# ANCHOR_END: tag_problems


def twine_problems(*files):
    checked = subprocess.run(
        [BIN / "twine", "check", "--strict", *files], capture_output=True, text=True, check=False
    )
    return [] if checked.returncode == 0 else [checked.stdout + checked.stderr]


@pytest.mark.parametrize("package", PACKAGES.values())
def test_each_wheel_is_manylinux_and_auditwheel_agrees(package):
    assert tag_problems(dist_file(package, ".whl")) == []


def test_tag_check_catches_a_plain_and_a_mislabelled_wheel(tmp_path):
    """The wrong versions: the wheel `./just build` makes for this machine through pip
    (tagged linux_x86_64, needing glibc 2.34's symbols), as built, and renamed to claim 2.17."""
    (plain,) = (ROOT / "target" / "wheels").glob("primes_pyo3-*linux_x86_64.whl")
    assert tag_problems(plain), "a linux_x86_64 wheel passed"
    claims = tmp_path / plain.name.replace("linux_x86_64", "manylinux_2_17_x86_64")
    shutil.copy(plain, claims)
    assert tag_problems(claims), "a wheel claiming glibc 2.17 it does not fit passed"


def test_twine_accepts_every_file():
    files = sorted(DIST.iterdir())
    assert len(files) == 4, files  # two wheels, two sdists
    assert twine_problems(*files) == []


def test_twine_check_catches_a_wheel_without_metadata(tmp_path):
    broken = copy_without(dist_file("primes_pyo3", ".whl"), tmp_path, "METADATA")
    assert twine_problems(broken)


def copy_without(wheel, folder, part):
    """A copy of `wheel` in `folder` without the files whose names contain `part`."""
    copy = folder / wheel.name
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(copy, "w") as target:
        for item in source.infolist():
            if part not in item.filename:
                target.writestr(item, source.read(item))
    return copy


def fresh_environment(where, *requirements, environment=None):
    """A new virtual environment outside the repository, with `requirements` installed
    (pinned test tools from tools/matrix-requirements.txt), and its python."""
    venv.create(where, with_pip=True)
    python = where / "bin" / "python"
    pins = ROOT / "tools" / "matrix-requirements.txt"
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", pins, *requirements],
        check=True, cwd=where, env=environment or clean_environment(),
    )  # fmt: skip
    return python


def clean_environment():
    """The environment without what ./just adds: no PYTHONPATH, no build interpreter, and
    no active virtualenv of the repository's."""
    drop = {"PYTHONPATH", "VIRTUAL_ENV", "PYO3_PYTHON", "PYTHON_SYS_EXECUTABLE"}
    return {key: value for key, value in os.environ.items() if key not in drop}


def sdist_target(sdist):
    """Where cargo may keep what it compiles from this very sdist, outside the work tree, so
    that a run on the same files builds quickly. One folder per sdist's content, never
    shared between two: maturin gives every file of an sdist the same old date, and cargo,
    seeing a build script no newer than the one it compiled, would run the old one."""
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ffi-four-ways"
    digest = hashlib.sha256(Path(sdist).read_bytes()).hexdigest()[:16]
    package = Path(sdist).name.split("-")[0]
    for old in (cache / "sdist-target").glob(f"{package}-*"):
        if old.name != f"{package}-{digest}":
            shutil.rmtree(old)
    return cache / "sdist-target" / f"{package}-{digest}"


@pytest.mark.parametrize(("style", "package"), PACKAGES.items())
def test_each_wheel_passes_the_contract_in_a_fresh_environment(tmp_path, style, package):
    python = fresh_environment(tmp_path / "venv", dist_file(package, ".whl"))
    where = subprocess.run(
        [python, "-c", f"import {package}; print({package}.__file__)"],
        cwd=tmp_path, env=clean_environment(), capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert where.startswith(str(tmp_path / "venv")), f"{package} was imported from {where}"
    # The suites and the Python helpers they import, copied beside the environment: the
    # package under test can come from nowhere but the venv. The one thing taken from the
    # build is the ctypes library that the suites' wrong versions are made of, which
    # python_clients finds through CARGO_TARGET_DIR: a library loaded by path, not a module.
    for folder in ("tests", "python_clients"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("shipping"))
    shutil.copy(ROOT / "CONTRACT.md", tmp_path)  # the suites hold its figures to theirs
    environment = clean_environment() | {
        "FFI_STYLES": style,
        "CARGO_TARGET_DIR": str(ROOT / "target"),
    }
    suite = subprocess.run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SUITES],
        cwd=tmp_path, env=environment, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert suite.returncode == 0, suite.stdout[-3000:] + suite.stderr[-2000:]


@pytest.mark.parametrize("package", PACKAGES.values())
def test_each_sdist_builds_and_installs_from_the_file_alone(tmp_path, package):
    """pip builds the wheel from the sdist, in an isolated build environment, with no
    repository around: everything it needs must be inside the file."""
    sdist = shutil.copy(dist_file(package, ".tar.gz"), tmp_path)
    building = clean_environment() | {"CARGO_TARGET_DIR": str(sdist_target(sdist))}
    python = fresh_environment(tmp_path / "venv", sdist, environment=building)
    use = f"import {package} as p; " + (
        "print(p.count_primes(10**6))"
        if package == "primes_pyo3"
        else "c = p.ffi.new('size_t *'); p.lib.kernels_count_primes(10**6, c); print(c[0])"
    )
    result = subprocess.run(
        [python, "-c", use],
        cwd=tmp_path, env=clean_environment(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.stdout.strip() == "78498", result.stderr


LICENSES = {"LICENSE-MIT", "LICENSE-APACHE"}


def missing_licenses(path):
    """The license texts the package names but a wheel or an sdist does not carry: MIT asks
    for its notice to travel with every copy."""
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            names = {n.rsplit("/", 1)[-1] for n in wheel.namelist() if "/licenses/" in n}
    else:
        with tarfile.open(path) as sdist:
            names = {name.rsplit("/", 1)[-1] for name in sdist.getnames()}
    return LICENSES - names


@pytest.mark.parametrize("suffix", [".whl", ".tar.gz"])
@pytest.mark.parametrize("package", PACKAGES.values())
def test_each_file_carries_the_license_texts_it_names(package, suffix):
    assert missing_licenses(dist_file(package, suffix)) == set()


def test_license_check_catches_a_wheel_without_them(tmp_path):
    stripped = copy_without(dist_file("primes_cffi", ".whl"), tmp_path, "/licenses/")
    assert missing_licenses(stripped) == LICENSES
