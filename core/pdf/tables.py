"""The format's grids (表二, 表三, 表四) as reportlab tables with the official merged headers."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from core.compute import Results
from core.format2021 import CELL, Align, Grid, GridCell
from core.pdf.fonts import FontSet
from core.pdf.markup import markup
from core.values import display

# 表二 has room for 五号; 表三 (10 columns, 28 rows) and 表四 (15 columns) use 小五 so that
# 表三 stays on one portrait page with its longest labels on at most three lines.
TABLE_SIZES = {"t2": 10.5, "t3": 10.5, "t4": 9.0}
PADDING = {"t2": 3.0, "t3": 1.6, "t4": 2.0}
MIN_FIGURE_SIZE = 4.0  # a 9-digit count still fits 表四's narrow columns
WRAP_SIZE = 6.5  # 小六: text that must wrap in a figure's cell
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


_BREAK_AFTER = "）、"


def balanced(text: str, per_line: int) -> list[str]:
    """Header text broken into even lines (「商业/企业」, not 「商业企/业」).

    A break right after 「）」 or 「、」 is preferred when it costs no extra line.
    """
    if per_line <= 0 or len(text) <= per_line:
        return [text]
    n = -(-len(text) // per_line)
    for p in range(min(per_line, len(text) - 1), 0, -1):
        if text[p - 1] in _BREAK_AFTER and -(-(len(text) - p) // per_line) == n - 1:
            return [text[:p], *balanced(text[p:], per_line)]
    size = -(-len(text) // n)
    return [text[i:i + size] for i in range(0, len(text), size)]


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
    for s in (size, 5.5, MIN_FIGURE_SIZE):
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


def build_tables(grid: Grid, results: Results, fonts: FontSet, width: float) -> list[Table]:
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
            text = display(results.value(cell.cell_id))
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
    tables: list[Table] = []
    for first, end in _chunks(grid):
        data: list[list[Any]] = [[cells.get((r, c), "") for c in range(grid.n_cols)]
                                 for r in range(first, end)]
        commands: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            # Also keeps empty spanned-over cells from selecting Helvetica, which is not embedded.
            ("FONT", (0, 0), (-1, -1), font, size, size * 1.2),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad + 1),
        ]
        for (r, c), cmds in cell_cmds.items():
            if first <= r < end:
                commands += [(name, (c, r - first), (c, r - first), value) for name, value in cmds]
        for cell in grid.cells:
            if first <= cell.row < end and (cell.rowspan > 1 or cell.colspan > 1):
                commands.append(("SPAN", (cell.col, cell.row - first),
                                 (cell.col + cell.colspan - 1, cell.row - first + cell.rowspan - 1)))
        tables.append(Table(data, colWidths=widths, repeatRows=grid.header_rows,
                            style=TableStyle(commands), hAlign="CENTER"))
    return tables
