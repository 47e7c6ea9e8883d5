"""Through Qt's accessibility interface, as a screen reader sees the wizard: every field a clerk can
reach with Tab has a name, Tab visits a page's fields in reading order, every table cell is named
after its row and column and says its value and state."""

from __future__ import annotations

import functools
import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget

from core.format2021 import CELL, GRIDS, t3_id
from core.steps import STEP_INDEX, STEPS

TAB = Qt.FocusPolicy.TabFocus


def _tab_stops(window, page: QWidget) -> list[QWidget]:
    """The page's widgets in the window's Tab order, starting from the one nearest the page's top."""
    stops: list[QWidget] = []
    first = window.centralWidget()
    w = first.nextInFocusChain()
    for _ in range(2000):
        if page.isAncestorOf(w) and w.isVisible() and w.isEnabled() and (w.focusPolicy() & TAB) == TAB \
                and w not in stops:
            stops.append(w)
        w = w.nextInFocusChain()
        if w is first:
            break
    if not stops:
        return stops
    top = stops.index(min(stops, key=functools.cmp_to_key(lambda a, b: -1 if _before(page, a, b) else 1)))
    return stops[top:] + stops[:top]


def _pos(page: QWidget, w: QWidget) -> tuple[int, int]:
    p = w.mapTo(page, w.rect().topLeft())
    return p.y(), p.x()


def _before(page: QWidget, a: QWidget, b: QWidget) -> bool:
    """Whether ``a`` comes before ``b`` reading the page: by line, then left to right."""
    (ya, xa), (yb, xb) = _pos(page, a), _pos(page, b)
    if abs(yb - ya) <= min(a.height(), b.height()) // 2:
        return xa < xb
    return ya < yb


def _name(w: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(w)
    assert iface is not None, type(w).__name__
    return iface.text(QAccessible.Text.Name)


@pytest.mark.parametrize("step", [s.key for s in STEPS])
def test_tab_follows_the_page_and_every_stop_is_named(window, step: str) -> None:
    i = next(n for n, s in enumerate(STEPS) if s.key == step)
    window.go(i)
    page = window.page(i)
    QApplication.processEvents()
    stops = _tab_stops(window, page)
    assert stops, f"nothing on {STEPS[i].title} can be reached with Tab"
    for w in stops:
        assert _name(w).strip(), f"{type(w).__name__} on {STEPS[i].title} has no accessible name"
    for a, b in itertools.pairwise(stops):
        assert _before(page, a, b), (
            f"Tab goes from {_name(a)} to {_name(b)} against the page's reading order on {STEPS[i].title}")


def test_table_cells_say_label_value_and_state(window) -> None:
    i = STEP_INDEX["s3"]
    window.go(i)
    page = window.page(i)
    view = page.view
    QApplication.processEvents()
    window.doc.set_cells({t3_id("new", "natural"): 12, t3_id("new", "business"): None}, "test")
    iface = QAccessible.queryAccessibleInterface(view)
    named = {}
    for k in range(iface.childCount()):
        child = iface.child(k)
        if child.role() == QAccessible.Role.Cell and child.text(QAccessible.Text.Name):
            named[child.text(QAccessible.Text.Name)] = child.text(QAccessible.Text.Description)
    for gc in GRIDS["t3"].value_cells():
        spec = CELL[gc.cell_id or ""]
        assert spec.label in named, spec.label
    assert "12" in named[CELL[t3_id("new", "natural")].label]
    assert "未填" in named[CELL[t3_id("new", "business")].label]
    assert "合计" in named[CELL[t3_id("new", "total")].label]
