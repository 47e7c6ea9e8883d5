#!/usr/bin/env bash
# The libraries the glibc-2.28 bundle is made from: the project's dependencies and PyInstaller, as wheels
# built for manylinux_2_28 or older and CPython 3.11, installed into $WORK/site (PYTHONPATH of the
# interpreter build_interpreter.sh made). This machine's pip does the work: it resolves for the target
# (--platform/--python-version) whatever interpreter runs it, and the new interpreter has no TLS.
#
# usage: WORK=build/glibc228 PYTHON=python3 bash packaging/glibc228/site.sh
# Fails when a dependency has no wheel that old (pip: "no matching distribution"); never builds from source.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${WORK:-$ROOT/build/glibc228}"
PYTHON="${PYTHON:-python3}"
SITE="$WORK/site"

# the requirements: pyproject's dependencies plus the packaging extra (PyInstaller)
REQS="$WORK/requirements.txt"
"$PYTHON" "$ROOT/scripts/pyproject_deps.py" packaging >"$REQS.new"
mv "$REQS.new" "$REQS"
stamp="$({ cat "$REQS" "$0"; "$PYTHON" -m pip --version; } | sha256sum | cut -d' ' -f1)"
if [ -f "$WORK/site.stamp" ] && [ "$(cat "$WORK/site.stamp")" = "$stamp" ] && [ -d "$SITE" ]; then
    echo "site:    up to date ($SITE)"
    exit 0
fi
rm -rf "$SITE" "$WORK/site.stamp"
t0=$(date +%s)
# every manylinux tag a glibc 2.28 system accepts (pip does not expand manylinux_2_28 to the older ones
# itself; PyInstaller's wheel is manylinux_2_17), plus pure wheels
platforms=()
for minor in $(seq 28 -1 17); do platforms+=(--platform "manylinux_2_${minor}_x86_64"); done
platforms+=(--platform manylinux2014_x86_64)
"$PYTHON" -m pip install -q --disable-pip-version-check --no-warn-script-location --no-compile \
    --target "$SITE" --only-binary=:all: "${platforms[@]}" \
    --python-version 3.11 --implementation cp --abi cp311 -r "$REQS" >"$WORK/site.log" 2>&1 \
    || { cat "$WORK/site.log" >&2; echo "site.sh: a dependency has no manylinux_2_28 wheel for CPython 3.11" >&2; exit 1; }
# what was installed, for the record (docs/packaging.md quotes it)
(cd "$SITE" && ls -d ./*.dist-info | sed 's#^\./##; s#\.dist-info$##' | sort) >"$WORK/site-versions.txt"
echo "$stamp" >"$WORK/site.stamp"
echo "site:    $(wc -l <"$WORK/site-versions.txt") distributions in $(( $(date +%s) - t0 )) s ($SITE)"
