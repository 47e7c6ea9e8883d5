"""A digest of a build's inputs, so packaging/build.sh can reuse a fresh bundle instead of rebuilding.

    python packaging/fingerprint.py [--extra TEXT] PATH...

Hashes every file under the given paths (names and contents; caches and bytecode skipped) plus the
versions of the tools that shape the output.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from importlib import metadata
from pathlib import Path

SKIP_PARTS = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
TOOLS = ("pyinstaller", "PySide6-Essentials", "PySide6-Addons", "reportlab", "openpyxl", "XlsxWriter", "pillow")


def files_under(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        return []
    return sorted(p for p in path.rglob("*") if p.is_file() and not SKIP_PARTS & set(p.parts)
                  and p.suffix not in (".pyc", ".pyo"))


def fingerprint(paths: list[Path], extra: list[str]) -> str:
    digest = hashlib.sha256()
    for tool in TOOLS:
        try:
            digest.update(f"{tool}={metadata.version(tool)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{tool}=absent\n".encode())
    digest.update(f"python={sys.version}\n".encode())
    for text in extra:
        digest.update(f"extra={text}\n".encode())
    for root in paths:
        for f in files_under(root):
            digest.update(f"{f.as_posix()}\n".encode())
            digest.update(hashlib.sha256(f.read_bytes()).digest())
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--extra", action="append", default=[])
    args = p.parse_args(argv)
    print(fingerprint(args.paths, args.extra))
    return 0


if __name__ == "__main__":
    sys.exit(main())
