#!/usr/bin/env bash
# Set up (first time) and run the whole test suite: lint, types, tests. Fails if anything fails.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
EXTRAS="dev,packaging" source "$ROOT/scripts/setup.sh"
cd "$ROOT"
echo "== ruff"; "$PY" -m ruff check .
echo "== mypy (strict, core/)"; "$PY" -m mypy
echo "== pytest"; QT_QPA_PLATFORM=offscreen "$PY" -m pytest "$@"
