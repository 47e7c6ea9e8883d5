"""How many of the 87,887 汉字 of GB 18030-2022 level 3 each font draws, and all of them together.

    python3 tools/level3_coverage.py [FONT ...]

Without arguments: the bundled fonts, then the level-3 faces this machine has (core.gb18030).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fontTools.ttLib import TTFont

from core.gb18030 import LEVEL3_RANGES, find_level3_faces, level3_codepoints
from core.resources import resources_dir


def main(argv: list[str]) -> int:
    need = set(level3_codepoints())
    if argv:
        paths = [Path(a) for a in argv]
    else:
        paths = sorted((resources_dir() / "fonts").glob("*.ttf")) + [p for _, p in find_level3_faces()]
    union: set[int] = set()
    bundled: set[int] = set()
    for path in paths:
        with TTFont(str(path), lazy=True) as font:
            got = set(font.getBestCmap()) & need
        union |= got
        if path.parent == resources_dir() / "fonts":
            bundled |= got
        print(f"{len(got):>7,}  {path}")
    print(f"{len(bundled):>7,}  bundled fonts together")
    print(f"{len(union):>7,}  all of the above, of {len(need):,}")
    for first, last, name in LEVEL3_RANGES:
        block = set(range(first, last + 1))
        print(f"         {name}: {len(block & union):,} / {len(block):,}")
    return 0 if union == need else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
