"""Blocks pasted from Excel/WPS onto a table grid, and selections copied out (no Qt).

A paste is validated as a whole: either every value lands on a value cell
and parses, and the caller applies them as one undo step, or nothing is
applied and the clerk is told the first problems in Chinese.

A block copied from the office's Excel template carries its 总计 column and
（七）总计 row. Those figures land on computed cells: they are not refused but
kept as the totals the clerk's source prints (``PastePlan.totals``), and
``stated_changes`` keeps the ones that differ from the computed sums as stated
totals, so R2/R3/R4 report each difference at its cell, as for an imported
published report. Equal ones are simply computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.compute import compute
from core.format2021 import CELL, TABLE_IDS, Grid, GridCell
from core.model import Report
from core.values import CellValue, Invalid, display, parse

MAX_REPORTED = 3


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of tab-separated fields; \\r\\n endings and one trailing newline as Excel writes them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    rows = [line.split("\t") for line in text.split("\n")]
    # Excel quotes a field only when it holds a tab or newline; a number never does.
    return [[f[1:-1] if len(f) >= 2 and f[0] == f[-1] == '"' else f for f in row] for row in rows]


def to_tsv(rows: list[list[str]]) -> str:
    return "".join("\t".join(r) + "\r\n" for r in rows)


@dataclass(frozen=True, slots=True)
class PastePlan:
    values: dict[str, CellValue]
    error: str = ""  # Chinese; non-empty means refuse the whole paste
    # Figures pasted onto computed cells (a template's 总计): checked, never typed in.
    totals: dict[str, CellValue] = field(default_factory=dict)


class GridIndex:
    """Which grid cell covers each (row, col), and the value cells of each row."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.anchor: dict[tuple[int, int], GridCell] = {}
        self.cover: dict[tuple[int, int], GridCell] = {}
        self.row_values: dict[int, list[GridCell]] = {}
        self.by_id: dict[str, GridCell] = {}
        for c in grid.cells:
            self.anchor[(c.row, c.col)] = c
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    self.cover[(r, k)] = c
            if c.kind == "value" and c.cell_id is not None:
                self.row_values.setdefault(c.row, []).append(c)
                self.by_id[c.cell_id] = c
        for cells in self.row_values.values():
            cells.sort(key=lambda c: c.col)
        # Reading order of the cells a clerk types into: Enter/Tab walk this list.
        self.inputs: list[GridCell] = sorted(
            (c for c in self.by_id.values() if not CELL[c.cell_id or ""].computed),
            key=lambda c: (c.row, c.col))

    def is_input(self, cell: GridCell | None) -> bool:
        return cell is not None and cell.kind == "value" and not CELL[cell.cell_id or ""].computed

    def next_input(self, row: int, col: int, step: int = 1) -> GridCell | None:
        if not self.inputs:
            return None
        key = (row, col)
        order = [(c.row, c.col) for c in self.inputs]
        if step > 0:
            after = [c for c, k in zip(self.inputs, order, strict=True) if k > key]
            return after[0] if after else self.inputs[-1]
        before = [c for c, k in zip(self.inputs, order, strict=True) if k < key]
        return before[-1] if before else self.inputs[0]


def _where(cell: GridCell | None, row: int, col: int) -> str:
    if cell is not None and cell.cell_id is not None:
        return f"“{CELL[cell.cell_id].label}”"
    if cell is not None and cell.text:
        return f"“{cell.text}”"
    return f"第 {row + 1} 行第 {col + 1} 列"


def plan_paste(index: GridIndex, start: tuple[int, int], block: list[list[str]]) -> PastePlan:
    """Map a block onto the grid from ``start`` (the current cell) and parse every value."""
    # Spreadsheets often carry empty fields or rows at the edges of a copied block: they hold nothing.
    block = [list(row) for row in block]
    for fields_of_row in block:
        while len(fields_of_row) > 1 and not fields_of_row[-1].strip():
            fields_of_row.pop()
    while len(block) > 1 and not any(f.strip() for f in block[-1]):
        block.pop()
    r0, c0 = start
    origin = index.cover.get(start)
    if origin is not None:
        r0, c0 = origin.row, origin.col
    values: dict[str, CellValue] = {}
    totals: dict[str, CellValue] = {}
    problems: list[str] = []
    for i, fields in enumerate(block):
        row = r0 + i
        row_cells = [c for c in index.row_values.get(row, []) if c.col >= c0]
        if not row_cells or row_cells[0].col != c0:
            cover = index.cover.get((row, c0))
            if cover is None:
                return PastePlan({}, f"粘贴的内容有 {len(block)} 行，超出了表格底部，未粘贴任何数据。")
            return PastePlan({}, f"粘贴的第 {i + 1} 行会落在{_where(cover, row, c0)}上，"
                                 "那里不能填数，未粘贴任何数据。")
        for j, text in enumerate(fields):
            if j >= len(row_cells):
                return PastePlan({}, f"粘贴的内容有 {len(fields)} 列，超出了表格右边，未粘贴任何数据。")
            cell = row_cells[j]
            spec = CELL[cell.cell_id or ""]
            v = parse(text, spec.unit)
            if isinstance(v, Invalid):
                problems.append(f"第 {i + 1} 行第 {j + 1} 列“{v.raw}”（{spec.label}）：{v.reason}")
            if spec.computed:
                if v is not None:  # a blank 总计 in the source asserts nothing
                    totals[spec.id] = v
            else:
                values[spec.id] = v
    if problems:
        more = f"等 {len(problems)} 处" if len(problems) > MAX_REPORTED else ""
        return PastePlan({}, "粘贴的内容有不能识别的数值，未粘贴任何数据：\n"
                         + "\n".join(problems[:MAX_REPORTED]) + (f"\n……{more}" if more else ""))
    return PastePlan(values, totals=totals)


def stated_changes(report: Report, plan: PastePlan) -> dict[str, CellValue]:
    """How the stated totals change when ``plan`` is applied to ``report``.

    A pasted total that differs from the sum computed after the paste becomes
    (or stays) a stated total; one that agrees removes an earlier stated total
    of that cell (None). Cells whose stated total would not change are left out.
    """
    after = report.copy()
    for cid, v in plan.values.items():
        after.set(cid, v)
    computed = compute(after).computed
    changes: dict[str, CellValue] = {}
    for cid, pasted in plan.totals.items():
        new = None if display(pasted) == display(computed.get(cid)) else pasted
        old = report.stated_totals.get(cid)
        if display(new) != display(old) or type(new) is not type(old):
            changes[cid] = new
    return changes


def blank_inputs(report: Report, table: str) -> list[str]:
    """The input cells of ``table`` that are blank: what 其余空格填 0 fills (never text, never totals)."""
    return [cid for cid in TABLE_IDS[table] if not CELL[cid].computed and report.get(cid) is None]
