"""HTML export for the government website: one self-contained UTF-8 page.

A CMS's rich-text editor keeps structure and strips the rest, so the structure is
all in the HTML — ``<h1>``–``<h3>``, ``<p>``, real ``<table>``s with ``rowspan`` /
``colspan`` exactly as ``GRIDS``, ``<caption>`` and ``<th scope>`` for screen
readers — and the look is a little inline style: no scripts, no classes, no
external fonts, images or style sheets. Only the standard library is used.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from core.blocks import DRAFT_NOTE, Document, Heading, Paragraph, Table, Title, build_document
from core.compute import Results
from core.findings import Finding
from core.format2021 import GridCell
from core.model import Report

__all__ = ["document_html", "export_html"]

# Chinese Windows, macOS and Linux names of the official-document faces, then a generic family.
_BODY_FONT = "FangSong,仿宋,STFangsong,仿宋_GB2312,serif"
_H1_FONT = "SimHei,黑体,STHeiti,sans-serif"
_H2_FONT = "KaiTi,楷体,STKaiti,楷体_GB2312,serif"
_TITLE_FONT = "方正小标宋简体,FZXiaoBiaoSong-B05S,SimSun,宋体,serif"
_TABLE_FONT = "SimSun,宋体,serif"

_BODY = f"font-family:{_BODY_FONT};font-size:16pt;line-height:1.8;max-width:44em;margin:0 auto;padding:1em"
_TITLE = f"font-family:{_TITLE_FONT};font-size:22pt;font-weight:normal;text-align:center;line-height:1.5"
_HEADING = {1: f"font-family:{_H1_FONT};font-size:16pt;font-weight:normal;text-indent:2em;margin:0",
            2: f"font-family:{_H2_FONT};font-size:16pt;font-weight:normal;text-indent:2em;margin:0"}
_RUN = {"heading1": f"font-family:{_H1_FONT}", "heading2": f"font-family:{_H2_FONT}"}
_P = "text-indent:2em;margin:0;text-align:justify"
_TABLE = (f"border-collapse:collapse;width:100%;font-family:{_TABLE_FONT};font-size:10.5pt;"
          "line-height:1.4;margin:0.5em 0 1em")
_CAPTION = "font-size:10.5pt;text-align:left;padding:0.3em 0"
_CELL = "border:1px solid #000;padding:2px 4px"
_DRAFT = "color:#c00000;text-align:right;margin:0"


def _e(text: str) -> str:
    return escape(text, quote=True)


def _cell(cell: GridCell, text: str) -> str:
    spans = ""
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    if cell.kind == "value":
        return f'<td{spans} style="{_CELL};text-align:right">{_e(text)}</td>'
    if cell.kind == "label":
        scope = "rowgroup" if cell.rowspan > 1 else "row"
        align = "center" if cell.rowspan > 1 else "left"
        return f'<th{spans} scope="{scope}" style="{_CELL};text-align:{align};font-weight:normal">{_e(text)}</th>'
    # Column headers (a spanning one heads every column under it); 表三's note sits in their corner.
    return f'<th{spans} scope="col" style="{_CELL};text-align:center;font-weight:normal">{_e(text)}</th>'


def _table(block: Table) -> str:
    grid = block.grid
    rows: dict[int, list[GridCell]] = {}
    for cell in grid.cells:
        rows.setdefault(cell.row, []).append(cell)
    captions = sorted({c.row for c in grid.cells if c.kind == "caption"})
    out = [f'<table border="1" style="{_TABLE}"><caption style="{_CAPTION}">{_e(grid.title)}</caption>']
    total = sum(grid.col_weights)
    out.append("<colgroup>" + "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in grid.col_weights)
               + "</colgroup>")
    if grid.header_rows:
        groups = [(0, grid.header_rows, "thead"), (grid.header_rows, grid.n_rows, "tbody")]
    else:
        # 表二: each 第二十条 block is its own row group, its caption row first.
        starts = captions if captions and captions[0] == 0 else [0, *captions]
        groups = [(a, b, "tbody") for a, b in zip(starts, [*starts[1:], grid.n_rows], strict=True)]
    for first, end, tag in groups:
        out.append(f"<{tag}>")
        for r in range(first, end):
            cells = sorted(rows.get(r, []), key=lambda c: c.col)
            out.append("<tr>" + "".join(
                _cell(c, block.values.get(c.cell_id, "") if c.cell_id else c.text)
                for c in cells) + "</tr>")
        out.append(f"</{tag}>")
    out.append("</table>")
    return "\n".join(out)


def document_html(doc: Document, *, fragment: bool = False) -> str:
    """The page, or with ``fragment`` only what goes inside ``<body>`` (the clipboard's HTML)."""
    parts: list[str] = []
    if doc.draft:
        parts.append(f'<p style="{_DRAFT}">{_e(DRAFT_NOTE)}</p>')
    for block in doc.blocks:
        if isinstance(block, Title):
            parts.append(f'<h1 style="{_TITLE}">' + "<br>".join(_e(t) for t in block.lines) + "</h1>")
        elif isinstance(block, Heading):
            level = block.level + 1
            parts.append(f'<h{level} style="{_HEADING[block.level]}">{_e(block.text)}</h{level}>')
        elif isinstance(block, Paragraph):
            runs = "".join(f'<span style="{_RUN[r.role]}">{_e(r.text)}</span>' if r.role in _RUN else _e(r.text)
                           for r in block.runs)
            parts.append(f'<p style="{_P}">{runs}</p>')
        else:
            parts.append(_table(block))
    body = "\n".join(parts)
    if fragment:
        return f'<div style="{_BODY}">\n{body}\n</div>'
    return ("<!DOCTYPE html>\n"
            '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{_e(doc.property_title)}</title>\n"
            f'<meta name="author" content="{_e(doc.agency)}">\n'
            '<meta name="generator" content="政府信息公开年报助手">\n'
            f'</head>\n<body style="{_BODY}">\n{body}\n</body>\n</html>\n')


def export_html(report: Report, results: Results, findings: list[Finding], *, draft: bool,
                created: dt.datetime | None = None) -> bytes:
    """The report as one UTF-8 HTML page. No timestamp is written: equal input, equal bytes."""
    del findings, created
    return html_of(build_document(report, results, draft=draft))


def html_of(doc: Document) -> bytes:
    """An already built block document as the UTF-8 page (the wizard also reads the document's notes)."""
    return document_html(doc).encode("utf-8")
