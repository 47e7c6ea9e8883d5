"""The 87,887 汉字 of GB 18030-2022 implementation level 3, and the fonts that draw them.

GB 18030-2022 (section 9) requires, at implementation level 3, every CJK unified
ideograph it encodes. Its ideograph repertoire is that of ISO/IEC 10646 as of
Unicode 11.0: the URO up to U+9FEF, Extension A up to U+4DB5, the twelve unified
ideographs in the CJK Compatibility Ideographs block, and Extensions B–F.
Later additions (U+9FF0 onwards, U+4DB6–U+4DBF, Extension G and after, and
the Unicode 13/14 tails of Extensions B and C) are not in the standard.
The ranges below add up to the standard's own count, 87,887; a test checks
that against Python's ``unicodedata`` (every one is a named CJK ideograph) and
its ``gb18030`` codec (every one round-trips).

The bundled fonts stop at U+9FEA and U+4DB5 (27,553 characters). The others
come from "level-3 faces": on Windows the system's SimSun-ExtB and SimSun-ExtG,
on Linux the optional package ``gov-report-fonts-gb18030`` or Debian's
``fonts-hanazono`` and ``fonts-babelstone-han``. This module only finds the
files (no Qt, no reportlab): the PDF exporter and the wizard both use it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from core.fontdirs import system_font_dirs
from core.resources import resources_dir

# (first, last, block) — inclusive code point ranges, Unicode 11.0 repertoire.
LEVEL3_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x4E00, 0x9FEF, "中日韩统一表意文字"),
    (0x3400, 0x4DB5, "扩展A"),
    (0x20000, 0x2A6D6, "扩展B"),
    (0x2A700, 0x2B734, "扩展C"),
    (0x2B740, 0x2B81D, "扩展D"),
    (0x2B820, 0x2CEA1, "扩展E"),
    (0x2CEB0, 0x2EBE0, "扩展F"),
)
# The unified ideographs (Unified_Ideograph=Yes) inside the CJK Compatibility block: 﨎 﨏 﨑 …
COMPAT_UNIFIED: tuple[int, ...] = (0xFA0E, 0xFA0F, 0xFA11, 0xFA13, 0xFA14, 0xFA1F, 0xFA21, 0xFA23,
                                   0xFA24, 0xFA27, 0xFA28, 0xFA29)
LEVEL3_COUNT = 87_887

OPTIONAL_PACKAGE = "gov-report-fonts-gb18030"
# Where the optional .deb puts its files (fontconfig picks them up for every program too).
OPTIONAL_PACKAGE_DIR = Path("/usr/share/fonts/truetype") / OPTIONAL_PACKAGE
# Where the Windows installer's optional component (or a hand copy) puts them, next to the bundled fonts.
OPTIONAL_BUNDLE_SUBDIR = "fonts-gb18030"


def level3_codepoints() -> Iterator[int]:
    """Every code point of the level-3 汉字, in code point order."""
    points = list(COMPAT_UNIFIED)
    for first, last, _name in LEVEL3_RANGES:
        points.extend(range(first, last + 1))
    yield from sorted(points)


def is_level3(ch: str) -> bool:
    cp = ord(ch)
    return cp in COMPAT_UNIFIED or any(first <= cp <= last for first, last, _ in LEVEL3_RANGES)


def block_of(ch: str) -> str | None:
    cp = ord(ch)
    if cp in COMPAT_UNIFIED:
        return "兼容区统一汉字"
    for first, last, name in LEVEL3_RANGES:
        if first <= cp <= last:
            return name
    return None


@dataclass(frozen=True, slots=True)
class Level3Face:
    family: str  # as shown to the clerk
    file: str  # file name, matched case-insensitively
    index: int = 0
    optional_package: bool = False  # shipped in gov-report-fonts-gb18030


# In order of preference. Windows' own faces come first (SimSun matches the 宋体 of the tables and
# are what the clerk's colleagues see); then the optional package; then Debian's font packages.
LEVEL3_FACES: tuple[Level3Face, ...] = (
    Level3Face("SimSun-ExtB", "simsunb.ttf"),
    Level3Face("SimSun-ExtG", "simsunextg.ttf"),
    Level3Face("HanaMinB", "HanaMinB.ttf", optional_package=True),
    Level3Face("BabelStone Han GB18030", "BabelStoneHan-GB18030.ttf", optional_package=True),
    Level3Face("HanaMinA", "HanaMinA.ttf"),
    Level3Face("BabelStone Han", "BabelStoneHan.ttf"),
)


def level3_font_dirs() -> list[Path]:
    """Folders searched for level-3 faces: the optional package's, then the system's (tests replace this)."""
    dirs = [resources_dir() / OPTIONAL_BUNDLE_SUBDIR]
    if sys.platform not in ("win32", "darwin"):
        dirs.append(OPTIONAL_PACKAGE_DIR)
    return dirs + system_font_dirs()


def find_level3_faces(dirs: Iterable[Path] | None = None) -> list[tuple[Level3Face, Path]]:
    """The level-3 faces present, in preference order, each with its file."""
    index: dict[str, Path] = {}
    for d in level3_font_dirs() if dirs is None else dirs:
        if not d.is_dir():
            continue
        for root, _subdirs, files in os.walk(d):
            for f in files:
                index.setdefault(f.lower(), Path(root) / f)
    return [(face, index[face.file.lower()]) for face in LEVEL3_FACES if face.file.lower() in index]


def install_advice() -> str:
    """What to tell a clerk whose text holds a level-3 汉字 no installed font draws."""
    if sys.platform == "win32":
        return "请在安装程序中勾选“GB 18030 三级字库”组件，或安装 Windows 的“简体中文补充字体”（SimSun-ExtB）后重新导出"
    return f"请安装字体包 {OPTIONAL_PACKAGE}（sudo apt install ./{OPTIONAL_PACKAGE}_*.deb）后重新导出"


def beyond_bundled(ch: str) -> bool:
    """A level-3 汉字 the bundled fonts do not draw (they stop at U+9FEA and U+4DB5, BMP only)."""
    cp = ord(ch)
    return is_level3(ch) and (cp > 0xFFFF or cp >= 0x9FEB or cp in COMPAT_UNIFIED)


def fonts_note(text: str, *, limit: int = 10) -> str | None:
    """For exports that leave drawing to the reader's machine (DOCX, HTML): which fonts the
    characters beyond the common fonts need, or None when there are none."""
    rare = sorted({ch for ch in text if beyond_bundled(ch)})
    if not rare:
        return None
    shown = "、".join(rare[:limit]) + ("等" if len(rare) > limit else "")
    return (f"文中有 {len(rare)} 个生僻字（{shown}，GB 18030 三级字库），需装有相应字体才能显示和打印："
            f"Windows 的 SimSun-ExtB、SimSun-ExtG，或 Linux 字体包 {OPTIONAL_PACKAGE}（HanaMinB）")
