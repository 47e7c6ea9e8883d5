"""表三 filled through real key events: totals, findings at the cell, undo, paste, copy, delete."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from core.format2021 import CELL, t3_id
from core.steps import STEP_INDEX
from gui import style
from gui.table_page import CellEditor

NEW = t3_id("new", "natural")
PUBLIC = t3_id("public", "natural")


def _table(window, key: str = "s3"):
    window.go(STEP_INDEX[key])
    return window.page(STEP_INDEX[key]).view


def _background(view, cell_id: str) -> str | None:
    brush = view.grid_model.data(view.grid_model.index_of(cell_id), Qt.ItemDataRole.BackgroundRole)
    return None if brush is None else brush.color().name()


def _r1_cells(window) -> set[str]:
    return {c for f in window.doc.findings if f.rule == "R1" for c in f.cells}


def test_typing_updates_totals_and_findings_at_the_cell(window, keys) -> None:
    view = _table(window)
    view.focus_cell(NEW)
    assert window.step_list.item(STEP_INDEX["s3"]).text().endswith("完成")
    keys.type("1")
    assert isinstance(keys.focus(), CellEditor)
    # Live: the total follows each keystroke, before the editor is closed.
    assert window.doc.value(t3_id("new", "total")) == 1
    keys.type("2")
    assert window.doc.value(t3_id("new", "total")) == 12
    assert NEW in _r1_cells(window)
    assert _background(view, NEW) == style.ERROR_BG
    tip = view.grid_model.data(view.grid_model.index_of(NEW), Qt.ItemDataRole.ToolTipRole)
    assert "R1" in tip and "相差 12" in tip
    assert "2 个错误" in window.step_list.item(STEP_INDEX["s3"]).text()
    keys.press(Qt.Key.Key_Return)
    # Enter moved on to the next input cell.
    assert view.current_cell_id() == t3_id("new", "business")
    view.focus_cell(PUBLIC)
    keys.type("12")
    keys.press(Qt.Key.Key_Tab)
    assert window.doc.value(t3_id("total", "natural")) == 12
    assert NEW not in _r1_cells(window)
    assert _background(view, NEW) is None
    assert window.step_list.item(STEP_INDEX["s3"]).text().endswith("完成")
    # One entry is one undo step, whatever the number of keystrokes.
    window.doc.undo_stack.undo()
    assert window.doc.value(PUBLIC) == 0
    assert NEW in _r1_cells(window)
    window.doc.undo_stack.redo()
    assert window.doc.value(PUBLIC) == 12
    assert window.isWindowModified()


def test_computed_cells_are_read_only_and_skipped(window, keys) -> None:
    view = _table(window)
    total = view.grid_model.index_of(t3_id("new", "total"))
    assert not view.grid_model.flags(total) & Qt.ItemFlag.ItemIsEditable
    assert _background(view, t3_id("new", "total")) == style.COMPUTED_BG
    view.focus_cell(t3_id("new", "other"))
    keys.press(Qt.Key.Key_Tab)
    assert view.current_cell_id() == t3_id("carried_in", "natural")


def test_full_width_digits_and_refused_text(window, keys) -> None:
    view = _table(window)
    view.focus_cell(NEW)
    keys.text("３", view)  # starts editing with a full-width digit
    keys.text("４")
    keys.press(Qt.Key.Key_Return)
    assert window.doc.value(NEW) == 34
    view.focus_cell(NEW)
    keys.type("7x")
    assert "不是整数" in window.statusBar().currentMessage()
    keys.press(Qt.Key.Key_Return)
    assert window.doc.value(NEW) == 34  # the old value is kept
    assert "保留原值" in window.statusBar().currentMessage()


def test_delete_clears_a_selection_in_one_step(window, keys) -> None:
    view = _table(window)
    view.focus_cell(NEW)
    keys.press(Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    keys.press(Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    count = window.doc.undo_stack.count()
    keys.press(Qt.Key.Key_Delete)
    for cid in (NEW, t3_id("new", "business"), t3_id("carried_in", "natural"), t3_id("carried_in", "business")):
        assert window.doc.value(cid) is None
    assert window.doc.undo_stack.count() == count + 1
    assert any(f.rule == "R0" and NEW in f.cells for f in window.doc.findings)
    window.doc.undo_stack.undo()
    assert window.doc.value(NEW) == 0


def test_paste_block_is_validated_and_one_undo_step(window, keys, monkeypatch) -> None:
    view = _table(window)
    view.focus_cell(NEW)
    QGuiApplication.clipboard().setText("1,200\t2\r\n3\t4\r\n")
    count = window.doc.undo_stack.count()
    keys.press(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.value(NEW) == 1200
    assert window.doc.value(t3_id("carried_in", "business")) == 4
    assert window.doc.value(t3_id("new", "total")) == 1202
    assert window.doc.undo_stack.count() == count + 1
    window.doc.undo_stack.undo()
    assert window.doc.value(NEW) == 0 and window.doc.value(t3_id("carried_in", "business")) == 0

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))
    QGuiApplication.clipboard().setText("5\t6\n7\t八个\n")
    keys.press(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert warnings and "八个" in warnings[0]
    assert window.doc.value(NEW) == 0  # refused whole
    assert window.doc.undo_stack.count() == count + 1


def test_copy_selection_as_tsv(window, keys) -> None:
    view = _table(window)
    window.doc.set_cells({NEW: 5, t3_id("new", "business"): 6}, "test")
    view.focus_cell(NEW)
    keys.press(Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    keys.press(Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "5\t6\r\n"


def test_group_subtotals_shown_and_accessible_names(window) -> None:
    view = _table(window)
    window.doc.set_cells({t3_id("deny_secret", "natural"): 2, t3_id("deny_law", "business"): 3}, "test")
    model = view.grid_model
    texts = [model.data(model.index(c.row, c.col)) for c in model.grid.cells if c.text.startswith("（三）")]
    assert any("小计 5" in t for t in texts)
    assert model.data(model.index_of(NEW), Qt.ItemDataRole.AccessibleTextRole) == CELL[NEW].label


def test_stated_totals_look_distinct_and_can_be_replaced(window) -> None:
    report = window.doc.report.copy()
    report.stated_totals[t3_id("new", "total")] = 99
    window.set_report(report, None)
    view = _table(window)
    assert window.doc.value(t3_id("new", "total")) == 99
    assert _background(view, t3_id("new", "total")) == style.ERROR_BG  # R3 marks it
    page = window.page(STEP_INDEX["s3"])
    assert not page.stated_bar.isHidden()
    page.adopt_button.click()
    assert window.doc.value(t3_id("new", "total")) == 0
    assert page.stated_bar.isHidden()
    window.doc.undo_stack.undo()
    assert window.doc.value(t3_id("new", "total")) == 99


def test_table2_and_table4_pages(window, keys) -> None:
    view = _table(window, "s4")
    view.focus_cell("t4.review.upheld")
    keys.type("3")
    keys.press(Qt.Key.Key_Return)
    assert window.doc.value("t4.review.total") == 3
    assert view.current_cell_id() == "t4.review.corrected"
    view2 = _table(window, "s2")
    view2.focus_cell("t2.fees.amount")
    keys.type("12.50")
    keys.press(Qt.Key.Key_Return)
    assert str(window.doc.value("t2.fees.amount")) == "12.50"  # the digits as entered


def test_table3_header_rows_stay_in_view(window, keys) -> None:
    view = _table(window)
    page = window.page(3)
    strip = page.header_strip
    grid = view.grid_model.grid
    assert all(view.isRowHidden(r) for r in range(grid.header_rows))
    assert not any(strip.isRowHidden(r) for r in range(grid.header_rows))
    assert strip.height() > 0
    view.focus_cell(t3_id("carried_out", "natural"))  # the last row: scrolled down
    assert strip.isVisible()
    assert [strip.columnWidth(i) for i in range(grid.n_cols)] == [view.columnWidth(i) for i in range(grid.n_cols)]
    # Moving up from the first data row stays in the table body.
    view.focus_cell(NEW)
    keys.press(Qt.Key.Key_Up)
    assert view.current_cell_id() == NEW
