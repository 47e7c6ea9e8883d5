"""The wizard opens each reproducer of the reliability issue with a Chinese message or the report,
never an exception."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPRO = Path(__file__).resolve().parent.parent / "reliability" / "repro"
ENGLISH = re.compile(r"Errno|Error\b|Traceback|Expecting|Unexpected|float\b")


@pytest.mark.parametrize("name", sorted(p.name for p in REPRO.glob("*.gkbg")))
def test_open_reproducer(window, dialogs, name: str) -> None:
    opened = window.open_path(REPRO / name)
    if not opened:
        kind, text = dialogs[-1]
        assert kind == "critical" and re.search(r"[\u4e00-\u9fff]", text) and not ENGLISH.search(text)
    window.extra_dirty = False
    window.doc.undo_stack.setClean()


def test_open_overlong_name(window, dialogs, tmp_path: Path) -> None:
    assert not window.open_path(tmp_path / ("长" * 120 + ".gkbg"))
    kind, text = dialogs[-1]
    assert kind == "critical" and "过长" in text


def test_import_of_half_character_workbook_is_refused(window, dialogs, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(REPRO / "surrogate.xlsx"), ""))
    before = window.doc.report
    window.import_workbook()
    kind, text = dialogs[-1]
    assert kind == "critical" and "B17" in text and "半个字符" in text
    assert window.doc.report is before
