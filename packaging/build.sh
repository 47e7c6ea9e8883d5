#!/usr/bin/env bash
# Build everything that ships, on Linux (x86_64):
#   dist/gov-report/                          the PyInstaller folder bundle (GUI + CLI, one executable)
#   dist/<appid>_<version>_<arch>.deb         the 统信UOS-layout package
#   dist/nsis-check/…-LINUX-PAYLOAD-VALIDATION-ONLY.exe
#                                             the NSIS script compiled over the LINUX bundle: proves the
#                                             script is valid. It is NOT a Windows installer (the payload is
#                                             Linux binaries); build that on Windows, docs/packaging.md.
# The bundle starts on glibc 2.28 (统信UOS 20) and later: it is made with the CPython that
# packaging/glibc228/build_interpreter.sh compiles for glibc 2.28 (1.5 min, once), from manylinux_2_28
# wheels (packaging/glibc228/site.sh), and the .deb declares what it leaves to the target.
#
# usage: bash packaging/build.sh [--fast] [--lzma] [--force] [--host-python]
#   --fast         tests/CI: .deb with gzip -1 (4 s instead of 40 s), NSIS check without compression
#   --lzma         compile the NSIS check with LZMA like the real installer, to measure its size (~1 min)
#   --force        rebuild even when the inputs did not change
#   --host-python  a quick build with $PYTHON (and its installed packages) into dist/host/: it needs this
#                  machine's glibc (2.35 from Debian 12's python); for tests, never to ship
# Each step is skipped when dist/ holds its output built from the same inputs (dist/.stamps/).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
FAST=0
NSIS_COMPRESSOR=zlib
FORCE=0
GLIBC228=1
for arg in "$@"; do
    case "$arg" in
        --fast) FAST=1; NSIS_COMPRESSOR=none ;;
        --lzma) NSIS_COMPRESSOR=lzma ;;
        --force) FORCE=1 ;;
        --host-python) GLIBC228=0 ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "build.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done

for tool in dpkg-deb makensis; do
    command -v "$tool" >/dev/null || { echo "build.sh: $tool is missing (Debian: apt-get install dpkg-dev nsis)" >&2; exit 2; }
done
[ "$GLIBC228" = 1 ] || "$PYTHON" -c "import PyInstaller" 2>/dev/null \
    || { echo "build.sh: PyInstaller is missing (pip install pyinstaller)" >&2; exit 2; }

VERSION="$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
APPID="$("$PYTHON" -c 'from core.about import APP_ID; print(APP_ID)')"
ARCH="$(dpkg --print-architecture)"
DIST="$ROOT/dist"
LOGS="$ROOT/build/logs"
DEB_ARGS=()
SUFFIX=""  # of the work folders, so the two builds never share one
if [ "$GLIBC228" = 1 ]; then
    [ "$(uname -m)" = x86_64 ] || { echo "build.sh: the glibc 2.28 build is for x86_64; use --host-python" >&2; exit 2; }
    G228="$ROOT/build/glibc228"
    WORK="$G228" bash packaging/glibc228/build_interpreter.sh
    # The libraries, as manylinux_2_28 (or older) wheels for CPython 3.11, installed by this machine's pip
    # (the new interpreter has no TLS to download with) into a folder of their own.
    WORK="$G228" PYTHON="$PYTHON" bash packaging/glibc228/site.sh
    BUNDLE_PY=(env "LD_LIBRARY_PATH=$G228/python/lib" "PYTHONPATH=$G228/site" "GOV_REPORT_TARGET_GLIBC=2.28"
               PYTHONNOUSERSITE=1 "$G228/python/bin/python3.11")
    BUNDLE_EXTRA="glibc228 $(cat "$G228/interpreter.stamp") $(cat "$G228/site.stamp")"
    DEB_ARGS=(--target-glibc 2.28)
else
    SUFFIX="-host"
    DIST="$ROOT/dist/host"
    LOGS="$ROOT/build/logs/host"
    BUNDLE_PY=("$PYTHON")
    BUNDLE_EXTRA=host
fi
STAMPS="$DIST/.stamps"
mkdir -p "$STAMPS" "$LOGS"

fingerprint() { "$PYTHON" packaging/fingerprint.py "$@"; }
# fresh NAME FP [ALSO_OK_FP]: the step's stamp matches (a release build also satisfies --fast)
fresh() {
    [ "$FORCE" = 0 ] && [ -f "$STAMPS/$1" ] && { [ "$(cat "$STAMPS/$1")" = "$2" ] || { [ -n "${3:-}" ] && [ "$(cat "$STAMPS/$1")" = "$3" ]; }; }
}
secs() { echo $(( $(date +%s) - $1 )); }

# --- 1. the bundle
BUNDLE="$DIST/gov-report"
BUNDLE_FP="$(fingerprint main.py core gui resources pyproject.toml packaging/gov-report.spec packaging/hooks packaging/target_libs.py --extra "$BUNDLE_EXTRA")"
if fresh bundle "$BUNDLE_FP" && [ -x "$BUNDLE/gov-report" ]; then
    echo "bundle:  up to date ($BUNDLE)"
else
    t0=$(date +%s)
    rm -f "$STAMPS/bundle"
    "${BUNDLE_PY[@]}" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" \
        --workpath "$ROOT/build/pyinstaller${SUFFIX}" packaging/gov-report.spec >"$LOGS/pyinstaller.log" 2>&1 \
        || { tail -40 "$LOGS/pyinstaller.log" >&2; echo "build.sh: PyInstaller failed, log: $LOGS/pyinstaller.log" >&2; exit 1; }
    # a bundle that cannot run its own CLI is not worth packaging
    "$BUNDLE/gov-report" --help >/dev/null
    echo "$BUNDLE_FP" >"$STAMPS/bundle"
    echo "bundle:  built in $(secs "$t0") s ($BUNDLE, $(du -sm "$BUNDLE" | cut -f1) MB)"
fi

# --- 2. the .deb and 3. the NSIS check, side by side (each is mostly one compressor thread)
DEB="$DIST/${APPID}_${VERSION}_${ARCH}.deb"
DEB_FP_RELEASE="$(fingerprint packaging/deb packaging/glibc_floor.py packaging/target_libs.py resources/icons --extra "$BUNDLE_FP" --extra release)"
DEB_FP_FAST="$(fingerprint packaging/deb packaging/glibc_floor.py packaging/target_libs.py resources/icons --extra "$BUNDLE_FP" --extra fast)"
if [ "$FAST" = 1 ]; then DEB_FP="$DEB_FP_FAST"; DEB_ALSO="$DEB_FP_RELEASE"; else DEB_FP="$DEB_FP_RELEASE"; DEB_ALSO=""; fi

NSIS_DIR="$DIST/nsis-check"
NSIS_OUT="$NSIS_DIR/gov-report-setup-${VERSION}-LINUX-PAYLOAD-VALIDATION-ONLY.exe"
NSIS_FP="$(fingerprint packaging/windows resources/icons/app.ico --extra "$BUNDLE_FP" --extra "$NSIS_COMPRESSOR")"
NSIS_ALSO=""
if [ "$FAST" = 1 ]; then  # any compressor proves the script compiles
    NSIS_ALSO="$(fingerprint packaging/windows resources/icons/app.ico --extra "$BUNDLE_FP" --extra zlib)"
fi

pids=()
if fresh deb "$DEB_FP" "$DEB_ALSO" && [ -f "$DEB" ]; then
    echo "deb:     up to date ($DEB)"
else
    rm -f "$STAMPS/deb" "$DIST"/*.deb
    (
        t0=$(date +%s)
        args=("${DEB_ARGS[@]}"); [ "$FAST" = 1 ] && args+=(--fast)
        "$PYTHON" packaging/deb/build_deb.py --bundle "$BUNDLE" --out "$DIST" --work "$ROOT/build/deb${SUFFIX}" "${args[@]}" >"$LOGS/deb.log" 2>&1 \
            || { cat "$LOGS/deb.log" >&2; exit 1; }
        echo "$DEB_FP" >"$STAMPS/deb"
        echo "deb:     built in $(secs "$t0") s ($DEB, $(du -m "$DEB" | cut -f1) MB)"
    ) &
    pids+=($!)
fi
if fresh nsis "$NSIS_FP" "$NSIS_ALSO" && [ -f "$NSIS_OUT" ]; then
    echo "nsis:    up to date ($NSIS_OUT)"
else
    rm -rf "$STAMPS/nsis" "$NSIS_DIR"
    mkdir -p "$NSIS_DIR"
    (
        t0=$(date +%s)
        makensis -V2 -WX -DVERSION="$VERSION" -DCOMPRESSOR="$NSIS_COMPRESSOR" -DBUNDLE_DIR="$BUNDLE" \
            -DOUTFILE="$NSIS_OUT" packaging/windows/installer.nsi >"$LOGS/makensis.log" 2>&1 \
            || { cat "$LOGS/makensis.log" >&2; echo "build.sh: the NSIS script does not compile" >&2; exit 1; }
        cat >"$NSIS_DIR/README.txt" <<EOF
$(basename "$NSIS_OUT") was compiled by makensis over the LINUX bundle (compressor: $NSIS_COMPRESSOR)
only to prove that packaging/windows/installer.nsi is valid. It is NOT a Windows installer and must not be
distributed. Build the real installer on Windows: see docs/packaging.md.
EOF
        echo "$NSIS_FP" >"$STAMPS/nsis"
        echo "nsis:    script compiles, built in $(secs "$t0") s ($NSIS_OUT, $(du -m "$NSIS_OUT" | cut -f1) MB, $NSIS_COMPRESSOR) - validation artefact, not a Windows installer"
    ) &
    pids+=($!)
fi
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit "$status"
