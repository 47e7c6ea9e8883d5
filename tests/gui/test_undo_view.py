"""Undo and redo show what they changed: the page and the place come into view and the status bar
says what was undone. Redo is Ctrl+Y as well as Ctrl+Shift+Z, on X11 (xcb) too."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core.format2021 import t3_id
from core.steps import STEP_INDEX
from tests.gui.xcb import needs_xvfb, run_on_xcb

CTRL = Qt.KeyboardModifier.ControlModifier


def _focus_inside(window, step: str) -> bool:
    focused = QApplication.focusWidget()
    return focused is not None and window.page(STEP_INDEX[step]).isAncestorOf(focused)


def test_undo_of_text_on_another_page_shows_that_page(window, keys) -> None:
    window.go(STEP_INDEX["s6"])
    before = window.doc.report.narrative.get("s6", "")
    keys.text("本年度无收费。")
    assert window.doc.report.narrative["s6"] != before
    keys.press(Qt.Key.Key_4, CTRL)  # 表三
    assert window.current == STEP_INDEX["s3"]
    keys.press(Qt.Key.Key_Z, CTRL)
    assert window.doc.report.narrative.get("s6", "") == before
    assert window.current == STEP_INDEX["s6"]  # the change is in view, not behind 表三
    assert _focus_inside(window, "s6")
    assert window.statusBar().currentMessage().startswith("已撤销：")
    keys.press(Qt.Key.Key_4, CTRL)
    keys.press(Qt.Key.Key_Y, CTRL)
    assert "本年度无收费。" in window.doc.report.narrative["s6"]
    assert window.current == STEP_INDEX["s6"]
    assert window.statusBar().currentMessage().startswith("已重做：")


def test_undo_of_a_cell_from_another_page_selects_that_cell(window, keys) -> None:
    cid = t3_id("public", "business")
    window.go(STEP_INDEX["s3"])
    page = window.page(STEP_INDEX["s3"])
    page.focus_cell(cid)
    keys.type("7")
    keys.press(Qt.Key.Key_Return)
    assert window.doc.report.get(cid) == 7
    window.go(0)  # 基本信息: the agency field has the focus
    keys.press(Qt.Key.Key_Z, CTRL)
    assert window.doc.report.get(cid) != 7
    assert window.current == STEP_INDEX["s3"]
    assert page.view.current_cell_id() == cid and page.view.hasFocus()
    assert "已撤销：填写" in window.statusBar().currentMessage()


def test_nothing_to_undo_is_said(window, keys) -> None:
    window.doc.undo_stack.clear()
    window.go(0)
    keys.press(Qt.Key.Key_Z, CTRL)
    assert window.statusBar().currentMessage() == "没有可以撤销的操作"


def test_a_long_step_name_does_not_widen_the_edit_menu(window) -> None:
    window.doc.set_text("s5", "一" * 10, label="插入数据：" + "很长的句子" * 20)
    text = window.undo_action.text()
    assert text.startswith("撤销 插入数据") and text.endswith("…") and len(text) <= 30


def test_redo_binds_ctrl_y_and_ctrl_shift_z_everywhere() -> None:
    from PySide6.QtGui import QKeySequence

    from gui.undo_keys import redo_keys

    keys = {k.toString() for k in redo_keys()}
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= keys
    assert QKeySequence("Ctrl+Z") not in redo_keys()


XCB_SCRIPT = r"""
import sys, tempfile
from pathlib import Path
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication([])
assert QGuiApplication.platformName() == "xcb", QGuiApplication.platformName()
print("standard redo keys:", [k.toString() for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)])
from core.format2021 import t3_id
from core.steps import STEP_INDEX
from gui.main_window import MainWindow
tmp = tempfile.mkdtemp()
w = MainWindow(autosave_dir=Path(tmp), settings=QSettings(f"{tmp}/s.ini", QSettings.Format.IniFormat))
w.open_sample(ask=False)
w.show()
QTest.qWaitForWindowExposed(w)
w.activateWindow()
QTest.qWait(50)
CTRL = Qt.KeyboardModifier.ControlModifier
cid = t3_id("public", "business")
for combo in ((Qt.Key.Key_Y, CTRL), (Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)):
    for where in ("table", "field"):
        w.go(STEP_INDEX["s3"])
        w.doc.set_cells({cid: 31}, "test")
        w.doc.undo_stack.undo()
        assert w.doc.report.get(cid) != 31
        if where == "table":
            target = w.page(STEP_INDEX["s3"]).view
        else:
            w.go(0)
            target = w.page(0).edits["agency"]
        target.setFocus()
        QTest.qWait(20)
        QTest.keyClick(QApplication.focusWidget(), combo[0], combo[1])
        QTest.qWait(20)
        assert w.doc.report.get(cid) == 31, (combo, where)
w.doc.undo_stack.setClean()
print("ok")
"""


@needs_xvfb
def test_ctrl_y_redoes_on_x11() -> None:
    run_on_xcb(XCB_SCRIPT)
