#!/usr/bin/env bash
# Installs everything the app and its tests need on Debian 12 (as root), idempotently.
# Sourced by scripts/run.sh, scripts/test.sh and scripts/gov-report; sets $PY to the Python to use:
# $PYTHON if given, else a virtual environment in .venv made from the machine's python3 (the machine's
# own Python packages are never changed). The packages installed there are exactly pyproject.toml's
# pins (PySide6 6.9.3), whatever was installed before.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

APT_PACKAGES=(
  python3 python3-venv python3-pip
  # Debian's python3 does not pull in its shared library; PyInstaller needs it to make the bundle
  libpython3.11
  # Qt's xcb/offscreen platforms link against these even without a display
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3
  libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-xkb1 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xinput0 libxcb-xfixes0
  # QtPdf (PySide6-Addons 6.9.3) links libatomic, and QtNetwork under it Kerberos
  libatomic1 libgssapi-krb5-2
  # looking at output: PDF → PNG/text, XLSX recalculation by a real peer, a real window
  poppler-utils libreoffice-calc-nogui xvfb xauth
  # packaging: PyInstaller needs binutils; makensis compiles the Windows installer script
  binutils nsis dpkg-dev
)
# Only for the test suite (scripts/test.sh sets EXTRAS=dev,…): the peers its tests drive.
if [[ ",${EXTRAS:-}," == *",dev,"* ]]; then
  APT_PACKAGES+=(
    # DOCX → PDF through LibreOffice Writer; the HTML export rendered in Chromium
    libreoffice-writer-nogui chromium
    # GB 18030 level-3 faces (the optional font package is built from these) and the input-method proof
    fonts-hanazono fonts-babelstone-han xdotool dbus-x11 fcitx5 fcitx5-chinese-addons ibus ibus-libpinyin
  )
fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "需要以 root 身份安装系统软件包：${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
  # the downloaded .debs and package lists are ~300 MB that nothing here reads again
  apt-get clean
  rm -rf /var/lib/apt/lists/*
fi

PY="${PYTHON:-}"
if [[ -z "$PY" ]]; then
  [[ -x "$ROOT/.venv/bin/python" ]] || python3 -m venv "$ROOT/.venv"
  PY="$ROOT/.venv/bin/python"
fi
export PY

# The project's dependencies, read from pyproject.toml (the project itself runs from the checkout).
mapfile -t DEPS < <("$PY" "$ROOT/scripts/pyproject_deps.py" "${EXTRAS:-}")

# PySide6-Pdf exists only as 6.12 and requires Essentials 6.12: a leftover one would pull the unpinned
# Qt back in (QtPdf now comes from PySide6-Addons at the pinned version).
for stale in PySide6-Pdf; do
  if "$PY" -c 'import sys; from importlib.metadata import version; version(sys.argv[1])' "$stale" 2>/dev/null; then
    echo "setup: removing $stale (QtPdf comes from PySide6-Addons, pinned in pyproject.toml)" >&2
    "$PY" -m pip uninstall -y -q "$stale"
  fi
done

# pip only when an installed version does not satisfy its requirement (a pin is an exact version, so
# PySide6 6.12 left from before counts as missing): a second run starts at once and needs no network.
deps_satisfied() {
  "$PY" - "${DEPS[@]}" <<'PYEOF'
import sys
from importlib.metadata import PackageNotFoundError, version
try:
    from pip._vendor.packaging.requirements import Requirement
except ImportError:  # no way to compare versions here: let pip decide
    sys.exit(1)
for spec in sys.argv[1:]:
    req = Requirement(spec)
    if req.marker is not None and not req.marker.evaluate():
        continue
    try:
        installed = version(req.name)
    except PackageNotFoundError:
        sys.exit(1)
    if not req.specifier.contains(installed, prereleases=True):
        print(f"setup: {req.name} {installed} installed, {req.specifier} wanted", file=sys.stderr)
        sys.exit(1)
PYEOF
}
if ! deps_satisfied; then
  "$PY" -m pip install -q --disable-pip-version-check "${DEPS[@]}"
  deps_satisfied || { echo "setup: the installed packages still differ from pyproject.toml" >&2; exit 1; }
fi
