"""Ctrl+P opens the print preview from any page, and the preview leaves the report editable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit

from core.format2021 import t3_id
from core.steps import STEP_INDEX
from gui.pdf_preview import PdfPreviewDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def previews() -> list[PdfPreviewDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPreviewDialog) and w.isVisible()]


def press_ctrl_p(qtbot) -> PdfPreviewDialog:
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: bool(previews()))
    (dialog,) = previews()
    return dialog


def test_ctrl_p_from_a_table_cell_being_edited(window, qtbot, keys) -> None:
    window.go(STEP_INDEX["s3"])
    page = window.page(STEP_INDEX["s3"])
    page.view.focus_cell(t3_id("new", "natural"))
    keys.type("7")  # the cell editor is open and has the focus
    assert QApplication.focusWidget() is not page.view
    dialog = press_ctrl_p(qtbot)
    assert window.doc.report.get(t3_id("new", "natural")) == 7  # the typed digit is in the printout
    qtbot.waitUntil(lambda: dialog.document.pageCount() > 0)
    assert not dialog.isModal() and dialog.windowModality() == Qt.WindowModality.NonModal
    assert QApplication.activeModalWidget() is None
    dialog.close()


def test_ctrl_p_from_a_text_page_and_editing_goes_on(window, qtbot, keys) -> None:
    window.go(STEP_INDEX["s5"])
    focus = QApplication.focusWidget()
    assert isinstance(focus, QTextEdit | QPlainTextEdit)
    dialog = press_ctrl_p(qtbot)
    # the clerk goes back to the report while the preview stays open
    window.activateWindow()
    focus.setFocus()
    before = window.doc.report.narrative.get("s5", "")
    keys.text("补", focus)
    assert window.doc.report.narrative.get("s5", "") != before
    assert dialog.isVisible()
    dialog.close()


def test_ctrl_p_from_the_step_list(window, qtbot) -> None:
    window.step_list.setFocus()
    dialog = press_ctrl_p(qtbot)
    assert dialog.windowTitle() == "打印预览"
    dialog.close()
