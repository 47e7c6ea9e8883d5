#!/usr/bin/env bash
# The release check for 统信UOS 20 / 麒麟 V10 (CI's third job; docs/packaging.md): build the glibc-2.28
# interpreter, the bundle, the .deb and the NSIS check with it (packaging/build.sh --fast), and
# run the packaging tests on that build: every ELF needs at most GLIBC_2.28, the libraries left to the
# target are declared, and the .deb is installed and used in a fresh bullseye chroot (glibc 2.31); the
# bundle tests (resources, headless exports, GUI start, render worker, import) run on it as well.
#
# usage: sudo bash packaging/glibc228/job.sh [pytest arguments]
# As root on Debian 12: it installs what it needs (headers, debootstrap, nsis) with apt. About 4 min here
# the first time (the interpreter: 1.5 min; pip and debootstrap downloads), 1 min once built.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

need=(zlib1g-dev libbz2-dev liblzma-dev dpkg-dev make patch binutils debootstrap nsis)
missing=()
for p in "${need[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    [ "$(id -u)" = 0 ] || { echo "job.sh: needs root to install ${missing[*]}" >&2; exit 2; }
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
# the test suite's own python (.venv, pyproject's pins); the bundle's interpreter is built by build.sh
EXTRAS=dev source "$ROOT/scripts/setup.sh"

# test_deb_install.py installs into this machine with dpkg; here the install test is the bullseye chroot.
GOV_REPORT_GLIBC228=1 QT_QPA_PLATFORM=offscreen "$PY" -m pytest -p no:cacheprovider tests/packaging \
    --ignore=tests/packaging/test_deb_install.py "$@"
