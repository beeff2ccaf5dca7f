#!/usr/bin/env bash
# ./just free-threaded: print the path of a free-threaded CPython (built without the GIL).
#
# PYTHON_FT, if set, is used as it is (for example a 3.14t from `uv python install 3.14t`
# on a machine that can download it). Otherwise the newest CPython whose source Debian's
# archive offers is built, once, into the cache (~/.cache/ffi-four-ways/python-ft, or
# $XDG_CACHE_HOME), with `./configure --disable-gil`: about 5 minutes on 2 cores, then reused.
# Debian's signed source index vouches for the files; the upstream tarball's SHA-256 is
# checked against the package's .dsc before anything is unpacked. The system's apt
# configuration is only read: the deb-src entry and apt's lists live in the cache folder.
set -euo pipefail

if [[ -n "${PYTHON_FT:-}" ]]; then
    echo "$PYTHON_FT"
    exit 0
fi
cache="${XDG_CACHE_HOME:-$HOME/.cache}/ffi-four-ways/python-ft"
package=python3.13  # python3.14's source files are not offered by this machine's mirror yet
if [[ -x "$cache/install/bin/python3.13t" ]]; then
    echo "$cache/install/bin/python3.13t"
    exit 0
fi

say() { echo "free-threaded: $*" >&2; }
apt_dir="$cache/apt"
mkdir -p "$apt_dir/sources" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$cache/src"
# The archive and key this machine already uses, asked for Debian 13's source packages.
config=/etc/apt/sources.list.d/debian.sources
if [[ ! -r "$config" ]] || ! command -v apt-get >/dev/null; then
    say "building one needs Debian's apt and $config; set PYTHON_FT to a free-threaded python instead"
    exit 1
fi
uri=$(sed -n 's/^URIs: *//p' "$config" | head -1)
key=$(sed -n 's/^Signed-By: *//p' "$config" | head -1)
printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: %s\n' "$uri" "$key" \
    > "$apt_dir/sources/debian-src.sources"
apt_options=(-o APT::Sandbox::User=root -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$apt_dir/sources"
             -o Dir::State::Lists="$apt_dir/lists" -o Dir::Cache="$apt_dir/cache")
say "fetching the source of $package from Debian's archive"
apt-get "${apt_options[@]}" update -qq
(cd "$cache/src" && apt-get "${apt_options[@]}" source --download-only -qq "$package" 2>/dev/null)

cd "$cache/src"
dsc=$(ls "$package"_*.dsc | tail -1)
tarball=$(ls "$package"_*.orig.tar.xz | tail -1)
expected=$(awk '/^Checksums-Sha256:/{on=1; next} /^[^ ]/{on=0} on && $3 == "'"$tarball"'" {print $1}' "$dsc")
actual=$(sha256sum "$tarball" | cut -d' ' -f1)
if [[ -z "$expected" || "$expected" != "$actual" ]]; then
    say "the SHA-256 of $tarball does not match $dsc"; exit 1
fi
say "checksum verified: $tarball"
rm -rf build && mkdir build && tar -xJf "$tarball" -C build --strip-components=1
cd build
say "configuring CPython with --disable-gil (output in $cache/src/build/build.log)"
./configure --disable-gil --prefix="$cache/install" >build.log 2>&1
say "compiling CPython: a few minutes; progress is every hundredth line of make"
make -j"$(nproc)" 2>&1 | tee -a build.log | awk 'NR % 100 == 0 {print "free-threaded: make: " NR " lines" > "/dev/stderr"; fflush()}'
make install >>build.log 2>&1
say "installed $cache/install/bin/python3.13t"
echo "$cache/install/bin/python3.13t"
