#!/usr/bin/env bash
# Set up (first time) and open the wizard on the built-in sample report.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
EXTRAS="" source "$ROOT/scripts/setup.sh"
cd "$ROOT"
# No file named: the built-in sample (a session that died is offered first); a file: that file.
(($#)) || set -- --sample
exec "$PY" main.py "$@"
