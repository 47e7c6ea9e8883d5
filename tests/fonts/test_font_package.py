"""The optional package gov-report-fonts-gb18030, built from Debian's font files by
tools/build_font_package.py, is all a desk needs beyond the bundled fonts: with only its folder
searched, a report holding all 87,887 level-3 characters prints with none missing."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core import gb18030
from core.compute import compute
from core.gb18030 import level3_codepoints
from core.pdf import export_pdf
from core.sample import load_sample

ROOT = Path(__file__).resolve().parents[2]
SOURCES = (Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"),
           Path("/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not all(p.is_file() for p in SOURCES) or shutil.which("dpkg-deb") is None,
                       reason="needs Debian fonts-hanazono, fonts-babelstone-han and dpkg-deb"),
]


def test_the_package_alone_covers_level_3(tmp_path: Path, monkeypatch) -> None:
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_font_package.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    (deb,) = tmp_path.glob("gov-report-fonts-gb18030_*_all.deb")
    assert deb.stat().st_size < 20 * 2**20
    info = subprocess.run(["dpkg-deb", "-f", str(deb), "Package", "Architecture"], capture_output=True,
                          text=True, check=True).stdout
    assert "Package: gov-report-fonts-gb18030" in info and "Architecture: all" in info
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    folder = root / str(gb18030.OPTIONAL_PACKAGE_DIR).lstrip("/")
    assert sorted(p.name for p in folder.iterdir()) == ["BabelStoneHan-GB18030.ttf", "HanaMinB.ttf"]
    copyright_text = (root / "usr/share/doc/gov-report-fonts-gb18030/copyright").read_text("utf-8")
    assert "SIL Open Font License" in copyright_text and "ARPHIC PUBLIC LICENSE" in copyright_text

    monkeypatch.setattr(gb18030, "level3_font_dirs", lambda: [folder])
    r = load_sample()
    chars = "".join(map(chr, level3_codepoints()))
    r.narrative["s5"] = "\n".join(chars[i:i + 1000] for i in range(0, len(chars), 1000))
    pdf = export_pdf(r, compute(r), [], draft=False, created=dt.datetime(2025, 1, 20, tzinfo=dt.UTC))
    assert pdf.missing == []
    assert set(pdf.fallback.values()) == {"Noto Serif SC 扩展", "HanaMinB", "BabelStone Han GB18030"}
