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
from core.values import CellValue, Invalid

Number = int | Decimal


def _sum(values: list[CellValue]) -> int | None:
    total = 0
    seen = False
    for v in values:
        if v is None or isinstance(v, (Invalid, Decimal)):
            continue
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


def compute(report: Report) -> Results:
    cells = report.cells
    values: dict[str, CellValue] = {c.id: cells.get(c.id) for c in CELLS if not c.computed}
    computed: dict[str, int | None] = {}

    for row in T3_INPUT_ROWS:
        computed[t3_id(row, "total")] = _sum([cells.get(t3_id(row, c)) for c in T3_APPLICANT_COLS])
    for col in T3_APPLICANT_COLS:
        computed[t3_id("total", col)] = _sum([cells.get(t3_id(r, col)) for r in T3_LEAF_ROWS])
    computed[t3_id("total", "total")] = _sum(
        [computed[t3_id("total", c)] for c in T3_APPLICANT_COLS])
    for gkey, _ in T4_GROUPS:
        computed[t4_id(gkey, "total")] = _sum([cells.get(t4_id(gkey, c)) for c in T4_PARTS])

    stated = report.stated_totals
    for cid, v in computed.items():
        values[cid] = stated.get(cid, v)

    subtotals: dict[tuple[str, str], int | None] = {}
    for gkey, _ in T3_GROUPS:
        rows = [r for r in T3_LEAF_ROWS if T3_ROW[r].group == gkey]
        for col in (*T3_APPLICANT_COLS, "total"):
            subtotals[(gkey, col)] = _sum([values[t3_id(r, col)] for r in rows])
    return Results(values, computed, dict(stated), subtotals)
