"""Ctrl+V of a block from the office's template (总计 included) and 其余空格填 0, through real keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from core.format2021 import CELL, TABLE_IDS, t3_id
from core.model import Report
from core.steps import STEP_INDEX

NEW = t3_id("new", "natural")
TOTAL = t3_id("new", "total")


def _table(window, key: str = "s3"):
    window.go(STEP_INDEX[key])
    return window.page(STEP_INDEX[key])


def test_ctrl_v_with_total_column_keeps_a_differing_total_as_a_finding(window, keys, dialogs) -> None:
    page = _table(window)
    page.view.focus_cell(NEW)
    # Two rows with their 总计: the first adds up, the second's printed 总计 is 1 too many.
    QGuiApplication.clipboard().setText("1\t2\t0\t0\t0\t0\t3\r\n4\t0\t0\t0\t0\t0\t5\r\n")
    count = window.doc.undo_stack.count()
    keys.press(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert not [c for c in dialogs if c[0] == "warning"]  # accepted, not refused
    assert window.doc.value(NEW) == 1 and window.doc.value(t3_id("carried_in", "natural")) == 4
    assert window.doc.value(TOTAL) == 3  # agrees: computed
    carried = t3_id("carried_in", "total")
    assert window.doc.value(carried) == 5 and window.doc.results.computed[carried] == 4
    assert any(carried in f.cells and f.rule in {"R2", "R3", "R4"} for f in window.doc.findings)
    assert not page.stated_bar.isHidden()
    assert "1 个与计算结果不同" in window.statusBar().currentMessage()
    assert window.doc.undo_stack.count() == count + 1  # one step: cells and printed totals
    window.doc.undo()
    assert window.doc.value(NEW) == 0 and carried not in window.doc.report.stated_totals
    window.doc.redo()
    assert window.doc.value(carried) == 5


def test_fill_blank_zero_by_shortcut_is_one_step_and_spares_text(window, keys) -> None:
    report = Report.blank()
    report.set(NEW, 7)
    window.set_report(report, None)
    page = _table(window)
    window.doc.set_cells({t3_id("new", "business"): window.doc.report.get(NEW)}, "t")  # 7
    from core.values import Invalid

    window.doc.set_cells({t3_id("new", "research"): Invalid("若干", "不是数字")}, "t")
    page.view.focus_cell(t3_id("public", "natural"))
    count = window.doc.undo_stack.count()
    keys.press(Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    inputs = [c for c in TABLE_IDS["t3"] if not CELL[c].computed]
    assert window.doc.undo_stack.count() == count + 1
    assert window.doc.value(NEW) == 7 and window.doc.value(t3_id("new", "business")) == 7
    assert isinstance(window.doc.value(t3_id("new", "research")), Invalid)  # text is never overwritten
    assert all(window.doc.report.get(c) is not None for c in inputs)
    assert not any(f.rule == "R0" and f.cells and f.cells[0].startswith("t3.") for f in window.doc.findings)
    window.doc.undo()
    assert window.doc.report.get(t3_id("public", "natural")) is None and window.doc.value(NEW) == 7


def test_fill_blank_zero_button_on_table2_fills_money_as_zero(window) -> None:
    window.set_report(Report.blank(), None)
    page = _table(window, "s2")
    page.fill_zero_button.click()
    assert all(window.doc.report.get(c) is not None for c in TABLE_IDS["t2"] if not CELL[c].computed)
    assert window.doc.report.get("t3.new.natural") is None  # this table only
    assert window.fill_zero_action.text() == "其余空格填 0（本表）"
