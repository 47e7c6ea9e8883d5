"""GB 18030 level-3 faces in the PDF: the lookup (Windows faces first, tested on a fake folder), the
per-character fallback, the advice when a face is missing, and all 87,887 characters in one export."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from core import gb18030
from core.compute import compute
from core.gb18030 import find_level3_faces, level3_codepoints
from core.pdf import export_pdf
from core.resources import resources_dir
from core.sample import load_sample
from tests.fonts.conftest import make_face

CREATED = dt.datetime(2025, 1, 20, 9, 0, tzinfo=dt.UTC)
EXT_B, EXT_F = "\U00020000", "\U0002EBE0"


def _export(report):
    return export_pdf(report, compute(report), [], draft=False, created=CREATED)


def _text(data: bytes, tmp_path: Path) -> str:
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(data)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def test_windows_faces_come_first_in_a_fake_fonts_folder(tmp_path: Path, monkeypatch) -> None:
    fonts = tmp_path / "Windows" / "Fonts"
    for name in ("HanaMinB.ttf", "SIMSUNB.TTF", "SimSunExtG.ttf", "simsun.ttc", "arial.ttf"):
        make_face(fonts / name, name, [0x20000])
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    assert fonts in gb18030.level3_font_dirs()
    found = find_level3_faces([fonts])
    assert [f.family for f, _ in found] == ["SimSun-ExtB", "SimSun-ExtG", "HanaMinB"]
    assert found[0][1].name == "SIMSUNB.TTF"  # file names match case-insensitively
    assert "SimSun-ExtB" in gb18030.install_advice()


def test_linux_looks_in_the_optional_package_and_system_folders(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    dirs = gb18030.level3_font_dirs()
    assert dirs[0] == resources_dir() / "fonts-gb18030"
    assert gb18030.OPTIONAL_PACKAGE_DIR in dirs and Path("/usr/share/fonts") in dirs
    assert "gov-report-fonts-gb18030" in gb18030.install_advice()


def test_an_ext_b_character_is_drawn_from_the_system_face(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "Fonts"
    make_face(folder / "simsunb.ttf", "SimSun-ExtB", [0x20000, 0x2A6D6])
    monkeypatch.setattr(gb18030, "level3_font_dirs", lambda: [folder])
    r = load_sample()
    r.meta.agency = f"{EXT_B}庄村委会"
    r.narrative["s5"] = f"申请人{EXT_B}某。"
    pdf = _export(r)
    assert pdf.missing == []
    assert pdf.fallback[EXT_B] == "SimSun-ExtB"
    assert any(f"{EXT_B} 由 SimSun-ExtB 显示" in line for line in pdf.font_report())
    # The glyph is in the PDF and the text extracts as the character (ToUnicode surrogate pair).
    assert f"申请人{EXT_B}某" in _text(pdf.data, tmp_path).replace("\n", "")


def test_without_a_level3_face_the_report_names_the_package(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(gb18030, "level3_font_dirs", lambda: [tmp_path / "none"])
    r = load_sample()
    r.narrative["s5"] = f"申请人{EXT_F}某。"
    pdf = _export(r)
    assert [ch for ch, _where in pdf.missing] == [EXT_F]
    line = next(x for x in pdf.font_report() if x.startswith("缺字"))
    assert "U+2EBE0" in line and gb18030.install_advice() in line


def _covered() -> tuple[bool, str]:
    """Whether the bundled fonts plus the installed level-3 faces draw every level-3 character."""
    cps = set(level3_codepoints())
    faces = [p for _, p in find_level3_faces()] + [resources_dir() / "fonts" / "NotoSerifSC-Ext.ttf",
                                                 resources_dir() / "fonts" / "NotoSerifSC-GB2312.ttf"]
    for path in faces:
        with TTFont(str(path), lazy=True) as font:
            cps -= set(font.getBestCmap())
    return not cps, f"{len(cps)} level-3 characters have no installed face"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (Debian poppler-utils) not installed")
def test_a_report_holding_all_87887_characters_prints_every_one(tmp_path: Path) -> None:
    ok, why = _covered()
    if not ok:
        pytest.skip(f"{why}: install Debian fonts-hanazono and fonts-babelstone-han, "
                    "or the optional package gov-report-fonts-gb18030")
    r = load_sample()
    chars = "".join(map(chr, level3_codepoints()))
    r.narrative["s5"] = "\n".join(chars[i:i + 1000] for i in range(0, len(chars), 1000))
    start = time.monotonic()
    pdf = _export(r)
    took = time.monotonic() - start
    assert pdf.missing == []
    text = _text(pdf.data, tmp_path)
    assert "〓" not in text  # nothing was replaced by the missing mark
    assert set(chars) - set(text) == set()
    print(f"87,887 characters: export {took:.1f} s, {pdf.pages} pages, {len(pdf.data) / 1e6:.1f} MB")


def test_n5_agrees_with_the_export_about_level3_faces(tmp_path: Path, monkeypatch) -> None:
    """`check` (N5) asks the export's own question: a character only a level-3 face draws is printable
    when that face is installed, and named (an error for final) when none is."""
    from core.rules import check
    from core.rules.prose import font_printable

    r = load_sample()
    r.narrative["s5"] = f"申请人{EXT_B}某。"
    monkeypatch.setattr(gb18030, "level3_font_dirs", lambda: [tmp_path / "none"])
    n5 = [f for f in check(r, printable=font_printable(), final=True) if f.rule == "N5"]
    assert len(n5) == 1 and n5[0].is_error and "U+20000" in n5[0].message
    assert _export(r).missing  # the export agrees: nothing draws it

    folder = tmp_path / "Fonts"
    make_face(folder / "simsunb.ttf", "SimSun-ExtB", [0x20000])
    monkeypatch.setattr(gb18030, "level3_font_dirs", lambda: [folder])
    assert [f for f in check(r, printable=font_printable(), final=True) if f.rule == "N5"] == []
    assert _export(r).missing == []
