"""Ctrl+P opens the print preview from any page, and the preview leaves the report editable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit

from core.format2021 import t3_id
from core.steps import STEP_INDEX
from gui.pdf_preview import PdfPreviewDialog
from tests.gui.xcb import needs_xvfb, run_on_xcb

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


XCB_SCRIPT = r"""
import sys, tempfile
from pathlib import Path
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication([])
assert QGuiApplication.platformName() == "xcb", QGuiApplication.platformName()
from core.format2021 import t3_id
from core.steps import STEP_INDEX
from gui.main_window import MainWindow
from gui.pdf_preview import PdfPreviewDialog
tmp = tempfile.mkdtemp()
w = MainWindow(autosave_dir=Path(tmp), settings=QSettings(f"{tmp}/s.ini", QSettings.Format.IniFormat))
w.open_sample(ask=False)
w.show()
QTest.qWaitForWindowExposed(w)
w.activateWindow()
QTest.qWait(50)
for step in ("s3", "s5"):
    w.go(STEP_INDEX[step])
    if step == "s3":
        w.page(STEP_INDEX[step]).focus_cell(t3_id("new", "natural"))
    QTest.qWait(20)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    for _ in range(100):
        shown = [d for d in QApplication.topLevelWidgets() if isinstance(d, PdfPreviewDialog) and d.isVisible()]
        if shown:
            break
        QTest.qWait(20)
    assert len(shown) == 1, step
    assert not shown[0].isModal() and QApplication.activeModalWidget() is None, step
    shown[0].close()
    QTest.qWait(20)
w.doc.undo_stack.setClean()
print("ok")
"""


@needs_xvfb
def test_ctrl_p_on_x11() -> None:
    run_on_xcb(XCB_SCRIPT)
