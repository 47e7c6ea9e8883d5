"""The format's grids (表二, 表三, 表四) as reportlab tables with the official merged headers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from core.format2021 import CELL, Align, Grid, GridCell
from core.line_breaks import balanced
from core.pdf.fonts import FontSet
from core.pdf.markup import markup

# 表二 has room for 五号; 表三 (10 columns, 28 rows) and 表四 (15 columns) use 小五 so that
# 表三 stays on one portrait page with its longest labels on at most three lines.
TABLE_SIZES = {"t2": 10.5, "t3": 10.5, "t4": 9.0}
PADDING = {"t2": 3.0, "t3": 1.6, "t4": 2.0}
# A long figure is set smaller down to 7 pt (legible on paper, above 小六), then wraps inside
# its own cell: a 17-digit count in 表四's narrow column takes two lines rather than 5 pt.
MIN_FIGURE_SIZE = 7.0
WRAP_SIZE = 7.0
WRAP_MAX_LINES = 12


def _styles(font: str, size: float) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("cell", fontName=font, fontSize=size, leading=size * 1.2,
                          wordWrap="CJK", alignment=TA_LEFT)
    return {
        "label": base,
        "centre": ParagraphStyle("cell-c", parent=base, alignment=TA_CENTER),
        "value": ParagraphStyle("cell-v", parent=base, alignment=TA_RIGHT),
    }


def _is_centred(cell: GridCell, grid: Grid) -> bool:
    return cell.alignment is Align.CENTRE


def _chunks(grid: Grid) -> list[tuple[int, int]]:
    """Row ranges printed as separate tables: 表二's blocks, each with its caption.

    Stacked without a gap they look like one table, but a page can only break
    between blocks, so no caption is left alone at the foot of a page.
    """
    starts = sorted({c.row for c in grid.cells if c.kind == "caption"})
    if grid.header_rows or not starts:
        return [(0, grid.n_rows)]
    if starts[0] != 0:
        starts.insert(0, 0)
    ends = [*starts[1:], grid.n_rows]
    return list(zip(starts, ends, strict=True))


def _wrapped(text: str, font: str, size: float, room: float) -> tuple[float, str]:
    """Size (and text) for an entry wrapped inside its cell, at most ``WRAP_MAX_LINES`` tall.

    A row taller than a page stops reportlab altogether; an absurd entry (thousands of
    pasted digits) is cut with 「…」 rather than fail the export. Lines are estimated with
    a tenth spare for the breaks.
    """
    budget = WRAP_MAX_LINES * room * 0.9
    for s in (size, MIN_FIGURE_SIZE):
        if stringWidth(text, font, s) <= budget:
            return s, text
    s = MIN_FIGURE_SIZE
    used = stringWidth("…", font, s)
    for n, ch in enumerate(text):
        used += stringWidth(ch, font, s)
        if used > budget:
            return s, text[:n] + "…"
    return s, text


def _plain(text: str, fonts: FontSet, where: str) -> bool:
    """True when the table font draws every character: a plain string cell is enough."""
    runs = fonts.runs(text, "table", where)
    return (all(font == fonts.roles["table"].name for font, _ in runs)
            and "".join(t for _, t in runs) == text)  # nothing dropped (a soft hyphen)


def build_tables(grid: Grid, values: Mapping[str, str], fonts: FontSet, width: float) -> list[Flowable]:
    """The grid as tables. Figures and headers are plain string cells (they never wrap
    by themselves, and a table of 200 Paragraphs costs most of the export time);
    row labels, which wrap, and text needing a fallback font are Paragraphs."""
    size = TABLE_SIZES.get(grid.key, 9.0)
    st = _styles(fonts.roles["table"].name, size)
    font = st["label"].fontName
    pad = PADDING.get(grid.key, 2.0)
    total = sum(grid.col_weights)
    widths = [width * w / total for w in grid.col_weights]
    cells: dict[tuple[int, int], Any] = {}
    cell_cmds: dict[tuple[int, int], list[tuple[str, Any]]] = {}
    for cell in grid.cells:
        pos = (cell.row, cell.col)
        room = sum(widths[cell.col:cell.col + cell.colspan]) - 2 * pad
        if cell.kind == "value":
            assert cell.cell_id is not None
            text = values.get(cell.cell_id, "")
            where = CELL[cell.cell_id].label
            cmds: list[tuple[str, Any]] = [("ALIGN", "RIGHT")]
            need = stringWidth(text, font, size)
            small = size
            if need > room:
                # A figure never wraps: a long one is set smaller to stay on one line.
                small = max(MIN_FIGURE_SIZE, int(size * room / need * 4) / 4)
                # The leading shrinks too: reportlab centres a string cell by its leading,
                # so a small figure with the full leading sits at the top of its cell.
                cmds += [("FONTSIZE", small), ("LEADING", small * 1.2)]
            if stringWidth(text, font, small) > room + 0.01:
                # Words typed into a number cell (an invalid entry, printed as typed): no size
                # fits them on one line, and a string cell would run over its neighbours.
                small, text = _wrapped(text, font, min(size, WRAP_SIZE), room)
                cells[pos] = Paragraph(markup(text, fonts, "table", where),
                                       ParagraphStyle("cell-wrap", parent=st["value"], fontSize=small,
                                                      leading=small * 1.2))
            elif _plain(text, fonts, where):
                cells[pos] = text
            else:
                cells[pos] = Paragraph(markup(text, fonts, "table", where),
                                       ParagraphStyle("cell-small", parent=st["value"], fontSize=small,
                                                      leading=small * 1.2))
            cell_cmds[pos] = cmds
            continue
        where = f"{grid.title} 表头"
        if _is_centred(cell, grid):
            lines = balanced(cell.text, int(room // size))
            if _plain(cell.text, fonts, where):
                cells[pos] = "\n".join(lines)
                cell_cmds[pos] = [("ALIGN", "CENTER")]
            else:
                cells[pos] = Paragraph("<br/>".join(markup(t, fonts, "table", where) for t in lines),
                                       st["centre"])
        else:
            cells[pos] = Paragraph(markup(cell.text, fonts, "table", where), st["label"])
    made = _Made(grid, cells, cell_cmds=cell_cmds, widths=widths, font=font, size=size, pad=pad)
    if grid.header_rows:
        return [GridTable(made, grid.header_rows, grid.n_rows)]
    return [made.table(list(range(first, end))) for first, end in _chunks(grid)]


class _Made:
    """The grid's cells, made once; tables of any run of its rows are built from them."""

    def __init__(self, grid: Grid, cells: dict[tuple[int, int], Any], *,
                 cell_cmds: dict[tuple[int, int], list[tuple[str, Any]]], widths: list[float],
                 font: str, size: float, pad: float) -> None:
        self.grid, self.cells, self.cell_cmds, self.widths = grid, cells, cell_cmds, widths
        self.font, self.size, self.pad = font, size, pad

    def table(self, rows: list[int]) -> Table:
        """A table of these grid rows (the header's and a run of the body's). A merged cell the
        run cuts through is cut too, its text in its first row here: 三、本年度办理结果 heads
        the continuation of 表三 on the next page as well."""
        grid = self.grid
        new = {r: i for i, r in enumerate(rows)}
        data: list[list[Any]] = [["" for _ in range(grid.n_cols)] for _ in rows]
        commands: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            # Also keeps empty spanned-over cells from selecting Helvetica, which is not embedded.
            ("FONT", (0, 0), (-1, -1), self.font, self.size, self.size * 1.2),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), self.pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), self.pad),
            ("TOPPADDING", (0, 0), (-1, -1), self.pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), self.pad + 1),
        ]
        for cell in grid.cells:
            inside = [new[r] for r in range(cell.row, cell.row + cell.rowspan) if r in new]
            if not inside:
                continue
            top, bottom = inside[0], inside[-1]
            data[top][cell.col] = self.cells.get((cell.row, cell.col), "")
            commands += [(name, (cell.col, top), (cell.col, top), value)
                         for name, value in self.cell_cmds.get((cell.row, cell.col), [])]
            if bottom > top or cell.colspan > 1:
                commands.append(("SPAN", (cell.col, top), (cell.col + cell.colspan - 1, bottom)))
        header = sum(1 for r in rows if r < grid.header_rows)
        return Table(data, colWidths=self.widths, repeatRows=header, style=TableStyle(commands), hAlign="CENTER")


class GridTable(Flowable):
    """表三 or 表四 from body row ``start`` to ``end``, its header rows on top.

    reportlab cannot split a table inside a row span, and 表三's 三、本年度办理结果 spans 23
    of its 25 rows: the table either fitted whole or moved to the next page, leaving most of
    a page empty (or, taller than a page, stopped the export). This splits between any two
    body rows, repeating the header rows, and never leaves fewer than two rows behind.
    """

    MIN_ROWS = 2

    def __init__(self, made: _Made, start: int, end: int) -> None:
        super().__init__()
        self.made, self.start, self.end = made, start, end
        self._built: Table | None = None

    def rows(self, end: int | None = None) -> list[int]:
        return [*range(self.made.grid.header_rows), *range(self.start, self.end if end is None else end)]

    def table(self) -> Table:
        if self._built is None:
            self._built = self.made.table(self.rows())
        return self._built

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        w, h = self.table().wrap(availWidth, availHeight)
        self.width, self.height = w, h
        return w, h

    def lead_height(self, width: float) -> float:
        """Header rows and the first two body rows: what must fit under a heading."""
        end = min(self.end, self.start + self.MIN_ROWS)
        return float(self.made.table(self.rows(end)).wrap(width, 1e6)[1])

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        full = self.table()
        full.wrap(availWidth, 1e6)
        heights: list[float] = full._rowHeights  # type: ignore[attr-defined]  # set by wrap
        header = self.made.grid.header_rows
        used = sum(heights[:header])
        k = self.start
        while k < self.end and used + heights[header + k - self.start] <= availHeight:
            used += heights[header + k - self.start]
            k += 1
        while k - self.start >= self.MIN_ROWS:
            # A cut merged cell may need more room than its rows had: check the piece itself.
            if self.made.table(self.rows(k)).wrap(availWidth, 1e6)[1] <= availHeight + 0.01:
                break
            k -= 1
        if k - self.start < self.MIN_ROWS or self.end - k < 1:
            return []
        return [GridTable(self.made, self.start, k), GridTable(self.made, k, self.end)]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        self.table().drawOn(canvas, x, y, _sW)  # type: ignore[call-arg]
