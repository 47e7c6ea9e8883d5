"""A digit committed by an input method (full-width mode: a commit with no composition) to a cell
that is not being edited is typed into it, as a key press would be."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from core.format2021 import t3_id
from core.steps import STEP_INDEX


def _commit(widget, text: str) -> None:
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_ime_digit_on_a_cell_not_being_edited_is_kept(window, keys) -> None:
    cid = t3_id("public", "business")
    window.go(STEP_INDEX["s3"])
    page = window.page(STEP_INDEX["s3"])
    window.doc.set_cells({cid: 4}, "test")
    page.focus_cell(cid)
    view = page.view
    assert view.state() != view.State.EditingState
    _commit(view, "７")  # full-width 7 from the IME
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "７"  # the old 4 replaced, not kept
    _commit(editor, "２")
    keys.press(Qt.Key.Key_Return)
    assert window.doc.report.get(cid) == 72


def test_ime_text_on_a_total_says_why_nothing_happens(window) -> None:
    window.go(STEP_INDEX["s3"])
    page = window.page(STEP_INDEX["s3"])
    total = t3_id("public", "total")
    page.focus_cell(total)
    before = window.doc.value(total)
    _commit(page.view, "３")
    assert window.doc.value(total) == before
    assert "合计" in window.statusBar().currentMessage()
