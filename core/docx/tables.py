"""The format's grids as real Word tables: gridSpan and vMerge exactly as ``GRIDS``.

Built as WordprocessingML directly (python-docx's cell merging walks the whole
table for every cell, ~100 ms for 表三) and read back with python-docx in the tests.
"""

from __future__ import annotations

from collections.abc import Mapping

from core.docx.styles import STYLE_TABLE_FIGURE, STYLE_TABLE_HEAD, STYLE_TABLE_TEXT, TABLE_SZ, W_NS
from core.format2021 import Grid, GridCell


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _centred(cell: GridCell) -> bool:
    # Row-span group headings of 表三 (三、本年度办理结果, （三）不予公开 …) read best centred.
    return cell.kind in ("caption", "header", "note") or (cell.kind == "label" and cell.rowspan > 1)


MIN_FIGURE_SZ = 14  # half-points: a long figure is set smaller down to 7 pt, as in the PDF, then wraps
_CELL_MARGINS_PT = 2 * 57 / 20
_DIGIT_EM = 0.55  # a digit's width in 宋体 and its stand-ins, of the font size


def _figure_size(text: str, width_twips: int, size: int) -> int:
    """Half-points for a figure: its table's size, or smaller (not below 7 pt) to stay on one line."""
    room = width_twips / 20 - _CELL_MARGINS_PT
    need = len(text) * _DIGIT_EM * size / 2
    if not text or need <= room:
        return size
    return max(MIN_FIGURE_SZ, int(size * room / need))


def _paragraph(cell: GridCell, text: str, size: int, *, keep_next: bool) -> str:
    style = STYLE_TABLE_FIGURE if cell.kind == "value" else STYLE_TABLE_HEAD if _centred(cell) else STYLE_TABLE_TEXT
    rpr = "" if size == TABLE_SZ["t2"] else f'<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    keep = "<w:keepNext/>" if keep_next else ""
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/>{keep}{rpr}</w:pPr>'
    if not text:
        return f"<w:p>{ppr}</w:p>"
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{_esc(text)}</w:t></w:r></w:p>'


def table_xml(grid: Grid, values: Mapping[str, str], width_twips: int) -> str:
    size = TABLE_SZ.get(grid.key, TABLE_SZ["t4"])
    total = sum(grid.col_weights)
    widths = [round(width_twips * w / total) for w in grid.col_weights]
    widths[-1] += width_twips - sum(widths)
    at: dict[tuple[int, int], GridCell] = {(c.row, c.col): c for c in grid.cells}
    # Which cell covers (row, col) from a row above: its vertical merge continues there.
    below: dict[tuple[int, int], GridCell] = {}
    for g in grid.cells:
        for r in range(g.row + 1, g.row + g.rowspan):
            below[(r, g.col)] = g
    captions = {c.row for c in grid.cells if c.kind == "caption"}
    out = [f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblStyle w:val="TableGrid"/>'
           f'<w:tblW w:w="{width_twips}" w:type="dxa"/><w:jc w:val="center"/>'
           '<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0"'
           ' w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")
    for r in range(grid.n_rows):
        trpr = "<w:cantSplit/>"
        if r < grid.header_rows:
            trpr += "<w:tblHeader/>"
        out.append(f"<w:tr><w:trPr>{trpr}</w:trPr>")
        c = 0
        while c < grid.n_cols:
            cell = at.get((r, c))
            cont = cell is None
            if cont:
                cell = below.get((r, c))
            if cell is None:  # not in the grid: an empty cell keeps the table rectangular
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{widths[c]}" w:type="dxa"/></w:tcPr><w:p/></w:tc>')
                c += 1
                continue
            w = sum(widths[cell.col:cell.col + cell.colspan])
            tcpr = [f'<w:tcW w:w="{w}" w:type="dxa"/>']
            if cell.colspan > 1:
                tcpr.append(f'<w:gridSpan w:val="{cell.colspan}"/>')
            if cell.rowspan > 1:
                tcpr.append('<w:vMerge/>' if cont else '<w:vMerge w:val="restart"/>')
            tcpr.append('<w:vAlign w:val="center"/>')
            text = "" if cont else (values.get(cell.cell_id, "") if cell.cell_id else cell.text)
            cell_size = _figure_size(text, w, size) if cell.kind == "value" else size
            # 表二's blocks stay whole (each has its caption); other tables keep their headers on the
            # page of the first data row.
            keep = r < grid.header_rows or (not grid.header_rows and r + 1 < grid.n_rows and r + 1 not in captions)
            para = _paragraph(cell, text, cell_size, keep_next=keep)
            out.append(f"<w:tc><w:tcPr>{''.join(tcpr)}</w:tcPr>{para}</w:tc>")
            c += cell.colspan
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)
