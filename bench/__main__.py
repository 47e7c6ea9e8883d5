"""Run every benchmark (or those named): python -m bench [core pdf xlsx publish import gui keys journal docview bundle release]."""

from __future__ import annotations

import importlib
import sys

ALL = ("core", "pdf", "xlsx", "publish", "import", "gui", "keys", "journal", "docview", "bundle", "release")


def main(argv: list[str]) -> int:
    names = argv or list(ALL)
    failed = 0
    for name in names:
        print(f"== bench {name}", flush=True)
        try:
            module = importlib.import_module(f"bench.bench_{name}")
        except ModuleNotFoundError as exc:
            print(f"   (skipped: {exc})")
            continue
        try:
            module.main()
        except Exception as exc:  # a broken benchmark must not hide the others' numbers
            failed += 1
            print(f"   FAILED: {exc!r}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
