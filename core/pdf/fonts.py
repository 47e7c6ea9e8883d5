"""Fonts for the PDF: the official-document faces a clerk's PC has, else the bundled ones.

GB/T 9704 names typefaces (仿宋, 小标宋, 黑体, 楷体, 宋体) that are commercial or
Windows-only, so each role looks for the real font first and falls back to a
free one shipped in ``resources/fonts``. reportlab embeds only TrueType
outlines and silently drops characters a font lacks, so coverage is checked per
character and missing ones are drawn from the rare-character font.

Loaded fonts are cached for the life of the process: parsing a CJK font costs
tens of milliseconds, and the GUI exports many times per session.
"""

from __future__ import annotations

import os
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from core.fontdirs import system_font_dirs
from core.gb18030 import Level3Face, find_level3_faces
from core.pdf import tounicode
from core.pdf.fontcache import load_ttfont
from core.resources import resources_dir

tounicode.install()  # Extension B–F characters stay searchable and copyable in the PDF

ROLES: tuple[str, ...] = ("title", "heading1", "heading2", "body", "table", "page_number")
ROLE_LABEL = {"title": "标题", "heading1": "一级标题", "heading2": "二级标题", "body": "正文",
              "table": "表格", "page_number": "页码"}
# The typeface GB/T 9704 asks for, per role.
ROLE_STYLE = {"title": "小标宋", "heading1": "黑体", "heading2": "楷体", "body": "仿宋",
              "table": "宋体", "page_number": "宋体"}


@dataclass(frozen=True, slots=True)
class FontFile:
    family: str  # as shown to the clerk
    file: str  # file name, matched case-insensitively in the font folders
    index: int = 0  # face inside a .ttc


# What an office PC has, Windows names first (Linux desks usually copy the same files).
SYSTEM_FONTS: dict[str, tuple[FontFile, ...]] = {
    "仿宋": (FontFile("仿宋", "simfang.ttf"), FontFile("仿宋_GB2312", "fs_gb2312.ttf"),
             FontFile("仿宋_GB2312", "仿宋_gb2312.ttf"), FontFile("方正仿宋简体", "fzfsjw.ttf")),
    "小标宋": (FontFile("方正小标宋简体", "fzxbsjw.ttf"), FontFile("方正小标宋简体", "方正小标宋简体.ttf"),
               FontFile("方正小标宋简体", "fzxbsjw--gb1-0.ttf"), FontFile("方正小标宋_GBK", "fzxbsk.ttf")),
    "黑体": (FontFile("黑体", "simhei.ttf"), FontFile("方正黑体简体", "fzhtjw.ttf")),
    "楷体": (FontFile("楷体", "simkai.ttf"), FontFile("楷体_GB2312", "kaiti_gb2312.ttf"),
             FontFile("楷体_GB2312", "楷体_gb2312.ttf"), FontFile("方正楷体简体", "fzktjw.ttf")),
    "宋体": (FontFile("宋体", "simsun.ttc"), FontFile("宋体", "simsun.ttf"),
             FontFile("方正书宋简体", "fzssjw.ttf")),
}
# Free fonts shipped in resources/fonts (OFL 1.1), GB2312 subsets converted to TrueType outlines.
BUNDLED_FONTS: dict[str, FontFile] = {
    "仿宋": FontFile("Noto Serif SC", "NotoSerifSC-GB2312.ttf"),
    "小标宋": FontFile("Noto Serif SC Bold", "NotoSerifSC-Bold-GB2312.ttf"),
    "黑体": FontFile("Noto Sans SC", "NotoSansSC-GB2312.ttf"),
    # OFL: a subset is a modified font and may not carry the reserved name 霞鹜/LXGW.
    "楷体": FontFile("WenKai GB2312", "LXGWWenKai-GB2312.ttf"),
    "宋体": FontFile("Noto Serif SC", "NotoSerifSC-GB2312.ttf"),
}
RARE_FONT = FontFile("Noto Serif SC 扩展", "NotoSerifSC-Ext.ttf")
# GB/T 9704's sign for a character that cannot be set; it is in every GB2312 font.
MISSING_MARK = "〓"


def _invisible(ch: str) -> bool:
    """Control and format characters (BOM, zero-width space, variation selectors) that text
    pasted from Word or the web carries: they print as nothing, so they are not 缺字."""
    cp = ord(ch)
    return (unicodedata.category(ch) in ("Cc", "Cf") or 0xFE00 <= cp <= 0xFE0F
            or 0xE0100 <= cp <= 0xE01EF)


@dataclass(slots=True)
class LoadedFont:
    name: str  # reportlab font name
    family: str
    path: Path
    bundled: bool
    cmap: dict[int, int] = field(repr=False)

    @property
    def describe(self) -> str:
        where = "内置" if self.bundled else "系统"
        return f"{self.family}（{where} {self.path.name}）"

    def has(self, ch: str) -> bool:
        return ord(ch) in self.cmap


class FontLoadError(Exception):
    """No usable font at all (the bundled fonts are missing): a Chinese message."""


_lock = threading.Lock()
_loaded: dict[tuple[str, int], LoadedFont] = {}
_failed: dict[tuple[str, int], str] = {}
_index: dict[tuple[str, ...], dict[str, Path]] = {}


def _font_index(dirs: list[Path]) -> dict[str, Path]:
    key = tuple(str(d) for d in dirs)
    cached = _index.get(key)
    if cached is not None:
        return cached
    found: dict[str, Path] = {}
    for d in dirs:
        if not d.is_dir():
            continue
        for root, _subdirs, files in os.walk(d):
            for f in files:
                found.setdefault(f.lower(), Path(root) / f)
    _index[key] = found
    return found


def _load(path: Path, family: str, index: int, *, bundled: bool) -> LoadedFont | str:
    """The font, or why it cannot be embedded (a Chinese reason)."""
    key = (str(path), index)
    with _lock:
        if key in _loaded:
            return _loaded[key]
        if key in _failed:
            return _failed[key]
        name = f"GK-{path.stem}-{index}"
        try:
            font = load_ttfont(name, path, index)
        except Exception as exc:  # reportlab raises bare TTFError/OSError/struct errors
            text = str(exc)
            reason = "PostScript 轮廓，无法嵌入" if "postscript" in text.lower() else f"无法读取：{text}"
            _failed[key] = reason
            return reason
        pdfmetrics.registerFont(font)
        loaded = LoadedFont(name, family, path, bundled, font.face.charToGlyph)
        _loaded[key] = loaded
        return loaded


@dataclass(slots=True)
class FontSet:
    """The font chosen for each role, and how characters outside it are handled."""

    roles: dict[str, LoadedFont]
    substitutions: list[str]
    _rare: LoadedFont | str | None = None
    _level3: list[LoadedFont | str | None] | None = None  # GB 18030 level-3 faces, each loaded on need
    _faces: list[tuple[Level3Face, Path]] = field(default_factory=list)
    fallback_used: dict[str, str] = field(default_factory=dict)  # char -> font family
    missing: list[tuple[str, str]] = field(default_factory=list)
    _missing_seen: set[tuple[str, str]] = field(default_factory=set)

    def rare(self) -> LoadedFont | None:
        """The rare-character font, loaded only when a character needs it."""
        if self._rare is None:
            self._rare = _load(resources_dir() / "fonts" / RARE_FONT.file, RARE_FONT.family, 0,
                               bundled=True)
        return self._rare if isinstance(self._rare, LoadedFont) else None

    def can_print(self, ch: str) -> bool:
        """Whether an export draws ``ch`` with some face, as ``runs`` would, recording nothing: what N5
        asks, so that ``check`` and the wizard agree with the PDF (level-3 faces included)."""
        if ch.isspace() or _invisible(ch):
            return True
        rare = self.rare()
        if any(f.has(ch) for f in self.roles.values()) or (rare is not None and rare.has(ch)):
            return True
        return _level3_candidate(ch) and self._level3_font(ch) is not None

    def runs(self, text: str, role: str, where: str) -> list[tuple[str, str]]:
        """Split text into (font name, text) runs so every character has a glyph.

        A character no font has is recorded in ``missing`` and printed as 〓,
        so the reader sees a gap instead of a silently shorter word.
        """
        primary = self.roles[role]
        out: list[tuple[str, str]] = []
        cur_font = primary.name
        buf: list[str] = []
        for ch in text:
            font = primary
            # Checked before the font: a font may draw U+00AD (soft hyphen) as a visible
            # 「-」 in mid-line, where Word and browsers show nothing.
            if _invisible(ch) and not ch.isspace():
                continue
            if not primary.has(ch) and not ch.isspace():
                found = self._fallback(ch, primary, where)
                if found is None:
                    ch = MISSING_MARK
                else:
                    font = found
            if font.name != cur_font and buf:
                out.append((cur_font, "".join(buf)))
                buf = []
            cur_font = font.name
            buf.append(ch)
        if buf:
            out.append((cur_font, "".join(buf)))
        return out

    def _fallback(self, ch: str, primary: LoadedFont, where: str) -> LoadedFont | None:
        candidates: list[LoadedFont] = []
        rare = self.rare()
        if rare is not None:
            candidates.append(rare)
        candidates += [f for f in self.roles.values() if f is not primary]
        for font in candidates:
            if font.has(ch):
                self.fallback_used.setdefault(ch, font.family)
                return font
        found = self._level3_font(ch) if _level3_candidate(ch) else None
        if found is not None:
            self.fallback_used.setdefault(ch, found.family)
            return found
        key = (ch, where)
        if key not in self._missing_seen:
            self._missing_seen.add(key)
            self.missing.append(key)
        return None

    def _level3_font(self, ch: str) -> LoadedFont | None:
        """A GB 18030 level-3 face (SimSun-ExtB, the optional package, HanaMin …) that draws ch."""
        if self._level3 is None:
            self._faces = find_level3_faces()
            self._level3 = [None] * len(self._faces)
        for i, (face, path) in enumerate(self._faces):
            got = self._level3[i]
            if got is None:
                got = self._level3[i] = _load(path, face.family, face.index, bundled=False)
            if isinstance(got, LoadedFont) and got.has(ch):
                return got
        return None


def _level3_candidate(ch: str) -> bool:
    # Only Han characters: BabelStone Han also draws symbols (even 😀) in a style foreign to the text.
    return unicodedata.name(ch, "").startswith("CJK ")


def choose_fonts() -> FontSet:
    """Pick a font for every role: system font if it loads, else the bundled one."""
    index = _font_index(system_font_dirs())
    roles: dict[str, LoadedFont] = {}
    by_style: dict[str, tuple[LoadedFont, str | None]] = {}
    notes: dict[str, list[str]] = {}  # note -> roles, so 表格 and 页码 (both 宋体) share a line
    for role in ROLES:
        style = ROLE_STYLE[role]
        if style not in by_style:
            by_style[style] = _choose_style(style, index)
        font, note = by_style[style]
        roles[role] = font
        if note:
            notes.setdefault(note, []).append(ROLE_LABEL[role])
    return FontSet(roles, [f"{'、'.join(labels)}：{note}" for note, labels in notes.items()])


def _choose_style(style: str, index: dict[str, Path]) -> tuple[LoadedFont, str | None]:
    problems: list[str] = []
    for cand in SYSTEM_FONTS[style]:
        path = index.get(cand.file.lower())
        if path is None:
            continue
        got = _load(path, cand.family, cand.index, bundled=False)
        if isinstance(got, LoadedFont):
            return got, None
        problems.append(f"{cand.family}（{path.name}）{got}")
    fonts_dir = resources_dir() / "fonts"
    bundled = BUNDLED_FONTS[style]
    order = [bundled] + [f for f in BUNDLED_FONTS.values() if f != bundled]
    for cand in order:
        got = _load(fonts_dir / cand.file, cand.family, 0, bundled=True)
        if isinstance(got, LoadedFont):
            why = "；".join(problems) if problems else f"未找到{style}"
            return got, f"{why}，改用内置 {got.family}"
    raise FontLoadError(f"找不到可用的字体：{fonts_dir} 中的内置字体缺失或损坏，请重新安装本程序")


def preload() -> None:
    """Parse the fonts ahead of the first export (e.g. from a GUI worker thread at start-up):
    a clerk's full 仿宋/宋体/黑体/楷体 files take a second or more to parse."""
    choose_fonts()
