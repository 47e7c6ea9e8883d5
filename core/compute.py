"""Computed cells: 表三's 总计 column and （七）总计 row, 表四's 总计 cells.

The one place totals are computed; the wizard, the rules and every exporter
read them from ``Results``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.format2021 import (
    CELLS,
    T3_APPLICANT_COLS,
    T3_GROUPS,
    T3_INPUT_ROWS,
    T3_LEAF_ROWS,
    T3_ROW,
    T4_GROUPS,
    T4_PARTS,
    t3_id,
    t4_id,
)
from core.model import Report
from core.values import CellValue

Number = int | Decimal


def _sum(values: list[CellValue]) -> int | None:
    total = 0
    seen = False
    for v in values:
        if type(v) is int:  # blanks, Invalid and Decimal (never in a count) add nothing
            total += v
            seen = True
    return total if seen else None


@dataclass(slots=True)
class Results:
    """Every cell's value as it will be printed, plus what the core computed."""

    values: dict[str, CellValue]  # all 201 cells: inputs as entered, totals effective
    computed: dict[str, int | None]  # the core's own totals
    stated: dict[str, CellValue]  # totals carried by the file that differ from computed
    group_subtotals: dict[tuple[str, str], int | None]  # 表三 （三）–（六）, display only

    def value(self, cell_id: str) -> CellValue:
        return self.values.get(cell_id)

    def is_stated(self, cell_id: str) -> bool:
        return cell_id in self.stated


# Id lists built once: compute() runs on every keystroke in the wizard.
_INPUT_IDS = tuple(c.id for c in CELLS if not c.computed)
_ROW_SUMS = tuple((t3_id(r, "total"), tuple(t3_id(r, c) for c in T3_APPLICANT_COLS)) for r in T3_INPUT_ROWS)
_COL_SUMS = tuple((t3_id("total", c), tuple(t3_id(r, c) for r in T3_LEAF_ROWS)) for c in T3_APPLICANT_COLS)
_GRAND = (t3_id("total", "total"), tuple(t3_id("total", c) for c in T3_APPLICANT_COLS))
_T4_SUMS = tuple((t4_id(g, "total"), tuple(t4_id(g, c) for c in T4_PARTS)) for g, _ in T4_GROUPS)
_GROUPS = tuple(
    (gkey, col, tuple(t3_id(r, col) for r in T3_LEAF_ROWS if T3_ROW[r].group == gkey))
    for gkey, _ in T3_GROUPS for col in (*T3_APPLICANT_COLS, "total"))


def compute(report: Report) -> Results:
    cells = report.cells
    get = cells.get
    values: dict[str, CellValue] = {cid: get(cid) for cid in _INPUT_IDS}
    computed: dict[str, int | None] = {}
    for tid, ids in _ROW_SUMS:
        computed[tid] = _sum([get(i) for i in ids])
    for tid, ids in _COL_SUMS:
        computed[tid] = _sum([get(i) for i in ids])
    computed[_GRAND[0]] = _sum([computed[i] for i in _GRAND[1]])
    for tid, ids in _T4_SUMS:
        computed[tid] = _sum([get(i) for i in ids])

    stated = report.stated_totals
    for cid, v in computed.items():
        values[cid] = stated.get(cid, v)

    subtotals = {(gkey, col): _sum([values[i] for i in ids]) for gkey, col, ids in _GROUPS}
    return Results(values, computed, dict(stated), subtotals)
