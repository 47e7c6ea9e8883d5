#!/usr/bin/env bash
# Installs everything the app and its tests need on Debian 12 (as root), idempotently.
# Sourced by scripts/run.sh and scripts/test.sh; sets $PY to the Python to use.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

APT_PACKAGES=(
  python3 python3-venv python3-pip
  # Qt's xcb/offscreen platforms link against these even without a display
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3
  libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-xkb1 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xinput0 libxcb-xfixes0
  # looking at output: PDF → PNG/text, XLSX recalculation by a real peer, a real window
  poppler-utils libreoffice-calc-nogui xvfb
  # packaging: PyInstaller needs binutils; makensis compiles the Windows installer script
  binutils nsis dpkg-dev
)

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
fi

# Use the machine's Python if pip may install into it; otherwise (Debian's
# externally-managed Python) a virtual environment in .venv.
PY="${PYTHON:-python3}"
if ! "$PY" -m pip --version >/dev/null 2>&1 || \
   [[ -f "$("$PY" -c 'import sysconfig; print(sysconfig.get_path("stdlib"))')/EXTERNALLY-MANAGED" ]]; then
  [[ -x "$ROOT/.venv/bin/python" ]] || "$PY" -m venv "$ROOT/.venv"
  PY="$ROOT/.venv/bin/python"
fi
export PY

# The project's dependencies, read from pyproject.toml (the project itself runs from the checkout).
mapfile -t DEPS < <("$PY" - "$ROOT/pyproject.toml" "${EXTRAS:-}" <<'PYEOF'
import sys, tomllib
data = tomllib.load(open(sys.argv[1], "rb"))["project"]
deps = list(data["dependencies"])
for extra in filter(None, sys.argv[2].split(",")):
    deps += data["optional-dependencies"][extra]
print("\n".join(deps))
PYEOF
)
# pip only when something is missing: a second run starts at once and needs no network.
if ! "$PY" - "${DEPS[@]}" <<'PYEOF'
import re, sys
from importlib.metadata import PackageNotFoundError, version
try:
    for spec in sys.argv[1:]:
        version(re.split(r"[<>=!~ \[;]", spec)[0])
except PackageNotFoundError:
    sys.exit(1)
PYEOF
then
  "$PY" -m pip install -q --disable-pip-version-check "${DEPS[@]}"
fi
