"""The parsed-font cache gives the same font as parsing, and never makes an export fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.pdf import fontcache
from core.resources import resources_dir

FONT = resources_dir() / "fonts" / "LXGWWenKai-GB2312.ttf"
CHARS = [ord(c) for c in "政府信息公开工作年度报告（一）2024"]


def _subset(font: object) -> bytes:
    face = font.face  # type: ignore[attr-defined]
    return bytes(face.makeSubset(CHARS))


def test_cached_font_equals_parsed_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GKBG_CACHE_DIR", str(tmp_path))
    parsed = fontcache.load_ttfont("T-parsed", FONT)  # parses and writes the entry
    entries = list((tmp_path / "fonts").glob("*.marshal"))
    assert len(entries) == 1
    cached = fontcache.load_ttfont("T-cached", FONT)  # restored from the entry
    assert cached.face.charToGlyph == parsed.face.charToGlyph
    assert cached.face.charWidths == parsed.face.charWidths
    assert cached.face.name == parsed.face.name and type(cached.face.name) is type(parsed.face.name)
    assert cached.stringWidth("政府2024", 16) == parsed.stringWidth("政府2024", 16)
    assert _subset(cached) == _subset(parsed)


def test_damaged_entry_is_parsed_again_and_rewritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GKBG_CACHE_DIR", str(tmp_path))
    fontcache.load_ttfont("T-a", FONT)
    (entry,) = (tmp_path / "fonts").glob("*.marshal")
    entry.write_bytes(b"not a cache entry")
    font = fontcache.load_ttfont("T-b", FONT)
    assert ord("政") in font.face.charToGlyph
    assert entry.stat().st_size > 1000


def test_cache_can_be_disabled_or_unwritable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GKBG_CACHE_DIR", "")
    assert fontcache.cache_dir() is None
    assert ord("政") in fontcache.load_ttfont("T-c", FONT).face.charToGlyph
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("GKBG_CACHE_DIR", str(blocker))  # 'fonts' cannot be created under a file
    assert ord("政") in fontcache.load_ttfont("T-d", FONT).face.charToGlyph
