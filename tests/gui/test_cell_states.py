"""Every state a table cell can be in looks different, in colour and without it (defect: after
从上年报告新建 an X2-flagged filled cell looked exactly like the blank cells beside it)."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from core.format2021 import t2_id, t3_id
from core.model import Report
from core.steps import STEP_INDEX
from gui import style
from gui.grid_model import CELL_STATE_ROLE


def test_every_state_has_its_own_colour_and_its_own_non_colour_cue() -> None:
    looks = style.CELL_LOOKS
    assert set(looks) == {"error", "warning", "blank", "computed", "stated"}
    for a, b in itertools.combinations(looks.values(), 2):
        assert a.background != b.background and a.mark != b.mark and a.label != b.label
    for look in looks.values():
        assert style.contrast(look.background, "#000000") >= 7  # the black text on it
        assert style.contrast(look.mark_colour, look.background) >= 3  # the cue, a graphic (WCAG 1.4.11)


def _pixel(view, cell_id: str, dx: int, dy: int) -> str:
    rect = view.visualRect(view.grid_model.index_of(cell_id))
    image = view.viewport().grab().toImage()
    return QColor(image.pixel(rect.left() + dx, rect.top() + dy)).name()


def test_warning_on_a_filled_cell_is_not_the_blank_look(window, qtbot) -> None:
    report = Report.blank()
    report.baseline_in_force["regulations"] = 5  # as 从上年报告新建 brings it
    for col, v in (("issued", 1), ("repealed", 0), ("in_force", 9)):
        report.cells[t2_id("regulations", col)] = v
    window.set_report(report, None)
    window.go(STEP_INDEX["s2"])
    view = window.page(STEP_INDEX["s2"]).view
    flagged, blank = t2_id("regulations", "in_force"), t2_id("normative", "in_force")
    assert any(f.rule == "X2" and flagged in f.cells for f in window.doc.findings)
    model = view.grid_model
    state = {cid: model.data(model.index_of(cid), CELL_STATE_ROLE) for cid in (flagged, blank)}
    assert state == {flagged: "warning", blank: "blank"}
    brush = {cid: model.data(model.index_of(cid), Qt.ItemDataRole.BackgroundRole) for cid in state}
    assert brush[flagged].color().name() != brush[blank].color().name() \
        or brush[flagged].style() != brush[blank].style()
    assert brush[blank].style() == Qt.BrushStyle.BDiagPattern  # hatched: visible in grey too
    qtbot.waitUntil(lambda: _pixel(view, flagged, 1, 1) == style.WARNING_FG)  # the corner mark
    assert _pixel(view, blank, 1, 1) != style.WARNING_FG


def test_error_cells_carry_a_border_and_computed_a_sigma(window, qtbot) -> None:
    window.go(STEP_INDEX["s3"])
    view = window.page(STEP_INDEX["s3"]).view
    cid = t3_id("new", "natural")
    window.doc.set_cells({cid: 12}, "test")  # R1: the column no longer balances
    model = view.grid_model
    assert model.data(model.index_of(cid), CELL_STATE_ROLE) == "error"
    qtbot.waitUntil(lambda: _pixel(view, cid, 1, 8) == style.ERROR_FG)
    carried = t3_id("carried_out", "total")
    assert model.data(model.index_of(carried), CELL_STATE_ROLE) in ("computed", "error")
