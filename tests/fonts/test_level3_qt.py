"""The wizard shows an Extension B character in a field and in a table cell from a level-3 face
(gui.app.load_level3_fonts): Qt's own layout picks a face whose glyph is not .notdef."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QLineEdit, QTableWidget, QTableWidgetItem

from core import gb18030
from tests.fonts.conftest import make_face

EXT_B = "\U00020001"


def _face_of(text: str, font: QFont, ch: str) -> tuple[str, bool]:
    """The family Qt lays ``ch`` out in, and whether that face really has it."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    pos = text.index(ch)
    for run in layout.glyphRuns(pos, len(ch)):
        raw = run.rawFont()
        if run.glyphIndexes() and all(g != 0 for g in run.glyphIndexes()):
            return raw.familyName().lower(), raw.supportsCharacter(ord(ch))
    return "", False


def test_ext_b_in_a_field_and_a_cell_comes_from_the_level3_face(qtbot, tmp_path: Path, monkeypatch) -> None:
    # A face no system has, so only load_level3_fonts can bring it in (and put it first).
    folder = tmp_path / "fonts-gb18030"
    make_face(folder / "simsunb.ttf", "GKBG Test ExtB", [0x20001])
    monkeypatch.setattr(gb18030, "level3_font_dirs", lambda: [folder])
    monkeypatch.setattr(gb18030, "LEVEL3_FACES", (gb18030.Level3Face("GKBG Test ExtB", "simsunb.ttf"),))
    from gui.app import load_level3_fonts

    assert load_level3_fonts() == ["GKBG Test ExtB"]
    edit = QLineEdit(f"申请人{EXT_B}某")
    qtbot.addWidget(edit)
    family, has = _face_of(edit.text(), edit.font(), EXT_B)
    assert (family, has) == ("gkbg test extb", True)
    table = QTableWidget(1, 1)
    qtbot.addWidget(table)
    table.setItem(0, 0, QTableWidgetItem(f"{EXT_B}村"))
    cell_font = table.item(0, 0).font()
    assert _face_of(f"{EXT_B}村", cell_font, EXT_B) == ("gkbg test extb", True)
