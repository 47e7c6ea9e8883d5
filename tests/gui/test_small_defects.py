"""The small defects of the clerk's walkthrough, each as it was seen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QToolTip

from core.format2021 import t3_id
from core.steps import CHECK_STEP, STEP_INDEX

NEW = t3_id("new", "natural")


def test_draft_box_keeps_the_clerks_choice_after_errors_clear(window, qtbot) -> None:
    window.go(CHECK_STEP)
    page = window.page(CHECK_STEP)
    assert page.draft_box.isEnabled() and not page.draft_box.isChecked()
    qtbot.mouseClick(page.draft_box, Qt.MouseButton.LeftButton)  # the clerk wants a draft
    assert page.draft_box.isChecked()
    window.doc.set_cells({NEW: 3}, "test")  # an error: draft forced
    assert page.draft_box.isChecked() and not page.draft_box.isEnabled()
    window.doc.undo_stack.undo()
    assert page.draft_box.isEnabled() and page.draft_box.isChecked()  # still the clerk's draft
    qtbot.mouseClick(page.draft_box, Qt.MouseButton.LeftButton)  # now final
    window.doc.set_cells({NEW: 3}, "test")
    window.doc.undo_stack.undo()
    assert not page.draft_box.isChecked()


def test_refused_text_is_said_at_the_cell(window, keys, qtbot) -> None:
    window.go(STEP_INDEX["s3"])
    page = window.page(STEP_INDEX["s3"])
    page.focus_cell(t3_id("public", "business"))
    keys.type("7x")
    qtbot.waitUntil(QToolTip.isVisible)
    assert "7x" in QToolTip.text() and "恢复原值" in QToolTip.text()
    keys.press(Qt.Key.Key_Escape)


def test_status_message_of_one_page_goes_with_it(window) -> None:
    window.go(STEP_INDEX["s3"])
    window.statusBar().showMessage("表三 的消息", 8000)
    window.go(STEP_INDEX["s4"])
    assert window.statusBar().currentMessage() == ""


def test_save_discard_cancel_have_accelerators(qapp) -> None:
    from gui.qt_strings import ChineseQtStrings

    translator = ChineseQtStrings(qapp)
    qapp.installTranslator(translator)
    try:
        B = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Question, "t", "有未保存的修改", B.Save | B.Discard | B.Cancel)
        texts = sorted(b.text() for b in box.buttons())
        assert texts == sorted(["保存(&S)", "不保存(&D)", "取消(&C)"])
        box.deleteLater()
    finally:
        qapp.removeTranslator(translator)
    QApplication.processEvents()
