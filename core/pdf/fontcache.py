"""A per-user cache of parsed TrueType fonts, so a new process need not parse them again.

reportlab parses a font's cmap, metrics and glyph index in pure Python: about
40 ms for a GB2312 subset and a second or more for a clerk's full 宋体/仿宋
files, on every start of the CLI. The parsed tables are plain data; they are
stored with ``marshal`` (no code is run when loading, unlike pickle), keyed by
the file's path, size and modification time and the reportlab version. Any
problem with the cache (read-only home, stale or damaged entry, a reportlab
whose internals changed) falls back to parsing: the cache can only save time.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

_FORMAT = 1
_SKIP = frozenset({"_ttf_data", "_pdfScale", "_pos"})


def cache_dir() -> Path | None:
    """Where parsed fonts are kept; ``GKBG_CACHE_DIR`` overrides, ``GKBG_CACHE_DIR=`` disables."""
    override = os.environ.get("GKBG_CACHE_DIR")
    if override is not None:
        return Path(override) / "fonts" if override else None
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "gov-disclosure-report" / "fonts"


def _key(path: Path, index: int) -> str:
    st = path.stat()
    ident = f"{_FORMAT}|{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{index}|{reportlab.Version}|{sys.version_info[:2]}"
    return hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _scale(units_per_em: int) -> Any:
    if units_per_em == 1000:
        return lambda x: x
    mult = 1000 / units_per_em
    return lambda x: x * mult


def _dump(face: Any) -> bytes:
    attrs: dict[str, Any] = {}
    names: list[str] = []
    for k, v in vars(face).items():
        if k in _SKIP:
            continue
        if isinstance(v, TTFNameBytes):
            names.append(k)
            v = bytes(v)
        attrs[k] = v
    return marshal.dumps({"format": _FORMAT, "attrs": attrs, "names": names})


def _restore(name: str, path: Path, blob: bytes) -> TTFont:
    data = marshal.loads(blob)
    if data.get("format") != _FORMAT:
        raise ValueError("stale font cache entry")
    attrs: dict[str, Any] = data["attrs"]
    for k in data["names"]:
        attrs[k] = TTFNameBytes(attrs[k])
    face: Any = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(attrs)
    face._ttf_data = path.read_bytes()
    face._pos = 0
    face._pdfScale = _scale(attrs["unitsPerEm"])
    # The same attributes TTFont.__init__ sets, with the parsed face instead of a parse.
    font: Any = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, g) for g in getattr(ttfonts, "unShapedFontGlob", ()))
    return font  # type: ignore[no-any-return]


def load_ttfont(name: str, path: Path, index: int = 0) -> TTFont:
    """``TTFont(name, path, subfontIndex=index)``, from the cache when it can be."""
    folder = cache_dir()
    entry = None
    if folder is not None:
        with contextlib.suppress(OSError):
            entry = folder / f"{_key(path, index)}.marshal"
    if entry is not None and entry.is_file():
        try:
            return _restore(name, path, entry.read_bytes())
        except Exception:  # a damaged or foreign entry: parse instead, and rewrite it
            pass
    font = TTFont(name, str(path), subfontIndex=index)
    if entry is not None:
        with contextlib.suppress(Exception):
            entry.parent.mkdir(parents=True, exist_ok=True)
            tmp = entry.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(_dump(font.face))
            tmp.replace(entry)
    return font
