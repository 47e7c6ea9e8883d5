"""整表: all of 表三 on one screen at 1366×768, header kept; row labels explain what each row counts."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt

from core.format2021 import GRID_T3, T3_GROUP_NOTES, T3_ROW_NOTES, TABLE3_ROWS, Role, t3_id
from core.steps import STEP_INDEX

from .conftest import make_window, settle


def t3_page(w):
    w.go(STEP_INDEX["s3"])
    return w.page(STEP_INDEX["s3"])


def rows_in_view(view) -> list[int]:
    """Body rows of the grid wholly inside the table's viewport."""
    height = view.viewport().height()
    grid = view.grid_model.grid
    return [r for r in range(grid.header_rows, grid.n_rows)
            if view.rowViewportPosition(r) >= 0
            and view.rowViewportPosition(r) + view.rowHeight(r) <= height]


def test_all_25_rows_fit_at_1366x768_in_compact_mode(qtbot, tmp_path) -> None:
    w = make_window(qtbot, tmp_path)
    w.resize(1366, 768)
    # the worst case: findings in the panel (it takes its share of the height) and the sample banner
    w.doc.set_cells({t3_id("new", "natural"): 12}, "test")
    assert w.doc.findings and w.dock.isVisible() and w.sample_banner.isVisible()
    page = t3_page(w)
    qtbot.waitUntil(lambda: page.view.viewport().height() > 100)
    assert len(rows_in_view(page.view)) < len(TABLE3_ROWS)  # the ordinary rows do not all fit
    assert page.compact_button is not None
    page.compact_button.click()
    assert page.compact
    qtbot.waitUntil(lambda: len(rows_in_view(page.view)) == len(TABLE3_ROWS))
    assert page.view.verticalScrollBar().maximum() == 0 or page.view.verticalScrollBar().value() == 0
    # the header is still there, above the rows
    assert page.header_strip.isVisible() and page.header_strip.height() > 40
    page.compact_button.click()
    assert not page.compact
    qtbot.waitUntil(lambda: len(rows_in_view(page.view)) < len(TABLE3_ROWS))
    settle(w)


def test_compact_is_remembered(qtbot, tmp_path) -> None:
    w = make_window(qtbot, tmp_path)
    page = t3_page(w)
    page.compact_button.click()
    for step in ("s2", "s4"):  # short tables fit as they are: no switch
        w.go(STEP_INDEX[step])
        assert w.page(STEP_INDEX[step]).compact_button is None
    settle(w)
    w.close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert settings.value("table/t3/compact", type=bool) is True
    w2 = make_window(qtbot, tmp_path)
    assert t3_page(w2).compact
    t3_page(w2).compact_button.click()
    settle(w2)
    w2.close()
    assert settings.value("table/t3/compact", type=bool) is False
    w3 = make_window(qtbot, tmp_path)
    assert not t3_page(w3).compact
    settle(w3)
    settle(w2)


def test_row_labels_carry_the_formats_notes(window) -> None:
    page = t3_page(window)
    model = page.view.grid_model
    labels = [c for c in GRID_T3.cells if c.kind == "label"]
    assert len([c for c in labels if c.role is Role.PLAIN]) == len(TABLE3_ROWS)
    for cell in labels:
        tip = model.data(model.index(cell.row, cell.col), Qt.ItemDataRole.ToolTipRole)
        assert cell.note and cell.note in tip, cell.text
    by_label = {c.text: c for c in labels}
    partial = next(r for r in TABLE3_ROWS if r.key == "partial")
    tip = model.data(model.index(by_label[partial.label].row, by_label[partial.label].col),
                     Qt.ItemDataRole.ToolTipRole)
    assert T3_ROW_NOTES["partial"] in tip and "区分处理" in tip
    group = next(c for c in labels if c.group == "unable")
    tip = model.data(model.index(group.row, group.col), Qt.ItemDataRole.ToolTipRole)
    assert T3_GROUP_NOTES["unable"] in tip and "小计" in tip


def test_every_row_and_group_of_the_format_has_a_note() -> None:
    assert set(T3_ROW_NOTES) == {r.key for r in TABLE3_ROWS}
    assert all(T3_ROW_NOTES.values())
    assert {c.group for c in GRID_T3.group_cells()} == set(T3_GROUP_NOTES)
