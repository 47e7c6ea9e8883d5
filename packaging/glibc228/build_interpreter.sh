#!/usr/bin/env bash
# Build the CPython 3.11 the glibc-2.28 bundle is made with: Debian bookworm's own python3.11 source (its
# upstream tarball plus Debian's security patches) and libffi, compiled by `zig cc` against zig's glibc 2.28
# stubs, so that libpython, the interpreter and every extension module need at most GLIBC_2.28 while the
# build runs on this Debian 12 host. PyInstaller then bundles this interpreter (packaging/build.sh).
#
# usage: bash packaging/glibc228/build_interpreter.sh [--force]
#   WORK (default build/glibc228) holds the sources, the toolchain and the result: $WORK/python (a prefix).
#   MIRROR (default: the host's Debian mirror) is where the source packages come from.
# Needs (Debian): dpkg-dev, make, zlib1g-dev, libbz2-dev, liblzma-dev (headers only: the modules link the
# sonames every target has), binutils. About 6 min on 2 cores; skipped when $WORK/python is up to date.
#
# Why by hand: no package registry reachable here carries a CPython built for glibc 2.28 (the manylinux
# images are Docker images; python-build-standalone is on GitHub only), and Debian 12's own libpython needs
# GLIBC_2.35. zig ships glibc stubs for every version, so one host can target 2.28.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/packaging/glibc228"
WORK="${WORK:-$ROOT/build/glibc228}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
PREFIX="$WORK/python"
ZIGLANG="ziglang==0.17.1"
TARGET="x86_64-linux-gnu.2.28"
JOBS="$(nproc)"
FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1
# Debian's own hardening (dpkg-buildflags on bookworm): stack protector, fortified libc calls, RELRO
HARDEN_CFLAGS="-fstack-protector-strong -D_FORTIFY_SOURCE=2 -Wformat -Werror=format-security"
HARDEN_LDFLAGS="-Wl,-z,relro"
log() { echo "interpreter: $*"; }
t0=$(date +%s)

for tool in dpkg-source make objdump; do
    command -v "$tool" >/dev/null || { echo "build_interpreter.sh: $tool is missing (apt-get install dpkg-dev make binutils)" >&2; exit 2; }
done
for header in zlib.h bzlib.h lzma.h; do
    [ -f "/usr/include/$header" ] || { echo "build_interpreter.sh: /usr/include/$header is missing (apt-get install zlib1g-dev libbz2-dev liblzma-dev)" >&2; exit 2; }
done

# --- the toolchain: zig from PyPI, behind cc/ar/ranlib wrappers that pin the target
TOOLS="$WORK/toolchain"
if [ ! -x "$TOOLS/venv/bin/python" ] || ! "$TOOLS/venv/bin/python" -m pip show -q "${ZIGLANG%%==*}" >/dev/null 2>&1; then
    rm -rf "$TOOLS"
    python3 -m venv "$TOOLS/venv"
    "$TOOLS/venv/bin/python" -m pip install -q "$ZIGLANG"
fi
mkdir -p "$TOOLS/bin"
ZIGPY="$TOOLS/venv/bin/python"
cat >"$TOOLS/bin/cc" <<EOF
#!/bin/sh
exec "$ZIGPY" -m ziglang cc -target $TARGET "\$@"
EOF
for t in ar ranlib; do
    printf '#!/bin/sh\nexec "%s" -m ziglang %s "$@"\n' "$ZIGPY" "$t" >"$TOOLS/bin/$t"
done
chmod +x "$TOOLS/bin/"*
# zig keeps a compile cache; keep it with the build, not in $HOME
export ZIG_GLOBAL_CACHE_DIR="$WORK/zig-cache" ZIG_LOCAL_CACHE_DIR="$WORK/zig-cache"

# --- the sources, from Debian's signed indices (apt checks every file's hash against them)
SRC="$WORK/src"
APT="$WORK/apt"
# the mirror the host's apt uses for bookworm (as shared/tools/fresh-debian.sh does)
source "$HERE/host_mirror.sh"
MIRROR="${MIRROR:-$(host_repo bookworm)}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
MIRROR="${MIRROR%/}"
fetch_sources() {
    mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$SRC"
    # The point release's sources (they carry the security fixes of the last point release). Not
    # bookworm-security: the registry mirror reachable here serves its source indices but not all its files.
    printf 'deb-src %s bookworm main\n' "$MIRROR" >"$APT/sources.list"
    local opts=(-o "Dir::Etc::SourceList=$APT/sources.list" -o "Dir::Etc::SourceParts=/nonexistent"
                -o "Dir::State::Lists=$APT/lists" -o "Dir::Cache=$APT/cache" -o "APT::Get::List-Cleanup=0")
    apt-get -q "${opts[@]}" update >"$WORK/apt-update.log" 2>&1 || { cat "$WORK/apt-update.log" >&2; exit 1; }
    (cd "$SRC" && apt-get -q "${opts[@]}" source --download-only python3.11 libffi) >"$WORK/apt-source.log" 2>&1 \
        || { cat "$WORK/apt-source.log" >&2; exit 1; }
}

# The inputs that decide the result; a change rebuilds.
stamp_of() {
    { cat "$HERE/build_interpreter.sh" "$HERE"/patches/*; ls "$SRC"/*.dsc 2>/dev/null; echo "$ZIGLANG $TARGET"; } | sha256sum | cut -d' ' -f1
}
if [ "$FORCE" = 0 ] && [ -x "$PREFIX/bin/python3.11" ] && [ -f "$WORK/interpreter.stamp" ] \
        && [ "$(cat "$WORK/interpreter.stamp")" = "$(stamp_of)" ]; then
    log "up to date ($PREFIX)"
    exit 0
fi
rm -f "$WORK/interpreter.stamp"
fetch_sources
PYDSC="$(ls "$SRC"/python3.11_*.dsc | sort -V | tail -1)"
FFIDSC="$(ls "$SRC"/libffi_*.dsc | sort -V | tail -1)"
log "sources: $(basename "$PYDSC") $(basename "$FFIDSC") from $MIRROR"

# --- libffi, static and position-independent, so _ctypes carries it: the targets' libffi sonames differ
# (UOS 20: libffi.so.6, bullseye: .7, bookworm: .8)
DEPS="$WORK/deps"
rm -rf "$WORK/libffi" "$DEPS"
mkdir -p "$DEPS/include" "$DEPS/lib"
dpkg-source --no-check -x "$FFIDSC" "$WORK/libffi" >/dev/null
(
    cd "$WORK/libffi"
    # tramp.c calls open_temp_exec_file() (closures.c, returns int) undeclared: gcc warns, zig's clang
    # makes it an error. The implicit int declaration is the right one.
    ./configure -q CC="$TOOLS/bin/cc" AR="$TOOLS/bin/ar" RANLIB="$TOOLS/bin/ranlib" \
        CFLAGS="-O2 $HARDEN_CFLAGS -Wno-error=implicit-function-declaration" LDFLAGS="$HARDEN_LDFLAGS" --prefix="$DEPS" --disable-shared --enable-static --with-pic --disable-docs --disable-multi-os-directory
    make -s -j"$JOBS"
    make -s install
) >"$WORK/libffi.log" 2>&1 || { tail -30 "$WORK/libffi.log" >&2; exit 1; }
# zlib, bzip2 and xz: headers only; the modules link libz.so.1, libbz2.so.1.0 and liblzma.so.5, which every
# target has under those sonames. The host's whole /usr/include cannot be used: its glibc 2.36 headers clash
# with zig's 2.28 ones ("unknown type name '__time64_t'").
cp -r /usr/include/zlib.h /usr/include/zconf.h /usr/include/bzlib.h /usr/include/lzma.h /usr/include/lzma \
    "$DEPS/include/"
MULTIARCH="$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)"
for pair in z:libz.so.1 bz2:libbz2.so.1.0 lzma:liblzma.so.5; do
    ln -sf "/lib/$MULTIARCH/${pair#*:}" "$DEPS/lib/lib${pair%%:*}.so"
done

# --- CPython: upstream tarball + Debian's security and crash fixes (not its layout patches: dist-packages,
# multiarch names and the split stdlib are Debian's packaging, not fixes)
PYSRC="$WORK/cpython"
rm -rf "$PYSRC" "$PREFIX"
mkdir -p "$PYSRC"
tar -xzf "$(ls "$SRC"/python3.11_*.orig.tar.gz | sort -V | tail -1)" -C "$PYSRC" --strip-components=1
tar -xJf "$(ls "$SRC"/python3.11_*.debian.tar.xz | sort -V | tail -1)" -C "$PYSRC"
(
    cd "$PYSRC"
    # Debian's series from its first fix onward; the patches before it are layout and build policy.
    sed -n '/^shutdown-deadlock.diff$/,$p' debian/patches/series | grep -v '^#' | grep -v '^$' >"$WORK/applied-patches.txt"
    [ -s "$WORK/applied-patches.txt" ] || { echo "build_interpreter.sh: Debian's patch series changed shape" >&2; exit 1; }
    while read -r p; do
        patch -s -p1 -N -i "debian/patches/$p" || { echo "build_interpreter.sh: Debian patch $p does not apply" >&2; exit 1; }
    done <"$WORK/applied-patches.txt"
    for p in "$HERE"/patches/*.patch; do
        patch -s -p1 -N -i "$p" || { echo "build_interpreter.sh: $p does not apply" >&2; exit 1; }
    done
) >"$WORK/patch.log" 2>&1 || { cat "$WORK/patch.log" >&2; exit 1; }
log "applied $(wc -l <"$WORK/applied-patches.txt") Debian patches"
(
    cd "$PYSRC"
    ./configure -q CC="$TOOLS/bin/cc" AR="$TOOLS/bin/ar" RANLIB="$TOOLS/bin/ranlib" \
        CFLAGS="-O2 $HARDEN_CFLAGS" CPPFLAGS="-I$DEPS/include" LDFLAGS="-L$DEPS/lib $HARDEN_LDFLAGS" \
        LIBFFI_INCLUDEDIR="$DEPS/include" \
        --prefix="$PREFIX" --enable-shared --without-ensurepip --with-system-ffi \
        --with-builtin-hashlib-hashes=md5,sha1,sha256,sha512,sha3,blake2
    # zig treats -Wdate-time as an error (the flag only warns about __DATE__, which CPython uses)
    make -j"$JOBS" CFLAGS_NODIST=-Wno-date-time
    make install CFLAGS_NODIST=-Wno-date-time
) >"$WORK/cpython.log" 2>&1 || { tail -40 "$WORK/cpython.log" >&2; exit 1; }

# --- it must work and reach what the app uses; the modules left out are the ones listed here and no others
# (LD_LIBRARY_PATH for this interpreter only: the host's python3 would load this libpython too)
LD_LIBRARY_PATH="$PREFIX/lib" "$PREFIX/bin/python3.11" "$HERE/check_interpreter.py" "$WORK/cpython.log"
top="$(python3 "$ROOT/packaging/glibc_floor.py" "$PREFIX")"
[ "$(printf '%s\n2.28\n' "$top" | sort -V | tail -1)" = "2.28" ] \
    || { python3 "$ROOT/packaging/glibc_floor.py" --by-file "$PREFIX" >&2; echo "build_interpreter.sh: needs GLIBC_$top" >&2; exit 1; }
stamp_of >"$WORK/interpreter.stamp"
log "built in $(( $(date +%s) - t0 )) s: $PREFIX (needs GLIBC_$top)"
