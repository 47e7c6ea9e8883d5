"""Font tests keep the parsed-font cache out of the user's home; a tiny TrueType face for fake font folders."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("GKBG_CACHE_DIR", tempfile.mkdtemp(prefix="gkbg-test-cache-"))


def make_face(path: Path, family: str, codepoints: list[int]) -> Path:
    """A glyf font drawing a square for each code point (reportlab and Qt both load it)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    names = [".notdef"] + [f"u{cp:05X}" for cp in codepoints]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({cp: f"u{cp:05X}" for cp in codepoints})
    glyphs = {}
    for name in names:
        pen = TTGlyphPen(None)
        if name != ".notdef":
            pen.moveTo((100, -50))
            pen.lineTo((100, 750))
            pen.lineTo((900, 750))
            pen.lineTo((900, -50))
            pen.closePath()
        glyphs[name] = pen.glyph()
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics(dict.fromkeys(names, (1000, 100)))
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    path.parent.mkdir(parents=True, exist_ok=True)
    fb.save(str(path))
    return path
