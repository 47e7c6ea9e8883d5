"""The oldest glibc a folder of ELF files starts on: the highest GLIBC_x.y symbol version any of them needs.

    python packaging/glibc_floor.py dist/gov-report [--by-file]

Reads every ELF (by its magic, not its name) with ``objdump -T`` (binutils). The .deb's
``Depends: libc6 (>= …)`` is computed from it, so dpkg refuses a too-old system clearly instead of the
program failing with "GLIBC_2.xx not found".
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

_VERSION = re.compile(rb"\bGLIBC_(\d+)\.(\d+)(?:\.(\d+))?\b")


ET_EXEC, ET_DYN = 2, 3


def elf_files(folder: Path) -> list[Path]:
    """Every program and shared library under ``folder``: what the dynamic loader loads. Object files and
    static archives (an interpreter's config/ folder has them) have no dynamic symbols to need anything."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                header = f.read(18)
            if len(header) == 18 and header[:4] == b"\x7fELF":
                order = "little" if header[5] == 1 else "big"
                if int.from_bytes(header[16:18], order) in (ET_EXEC, ET_DYN):
                    found.append(path)
    return found


def needed(path: Path) -> tuple[int, ...]:
    """The highest GLIBC_ version among the dynamic symbols ``path`` uses; (0,) when it needs none."""
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, check=True).stdout
    versions = [tuple(int(p) for p in m.groups() if p is not None) for m in _VERSION.finditer(out)]
    return max(versions, default=(0,))


def floor(folder: Path) -> tuple[tuple[int, ...], dict[Path, tuple[int, ...]]]:
    files = elf_files(folder)
    if not files:
        raise SystemExit(f"glibc_floor: no ELF file under {folder}")
    with ThreadPoolExecutor(max_workers=4) as pool:
        by_file = dict(zip(files, pool.map(needed, files), strict=True))
    return max(by_file.values()), by_file


def dotted(version: tuple[int, ...]) -> str:
    return ".".join(map(str, version))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--by-file", action="store_true", help="list the files that need the highest versions")
    args = parser.parse_args(argv)
    top, by_file = floor(args.folder)
    if args.by_file:
        for path, version in sorted(by_file.items(), key=lambda kv: kv[1], reverse=True)[:25]:
            print(f"GLIBC_{dotted(version)}\t{path.relative_to(args.folder)}")
        print(f"{len(by_file)} ELF files")
    print(dotted(top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
