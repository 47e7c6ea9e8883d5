"""Workbooks of any layout (the office's template, our own export with rows moved): every sheet a
dense table, merged ranges repeated over their span, formulas by their cached values only."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from core.importing.containers import zip_names
from core.importing.document import Document, ImportRefused, Paragraph, Table
from core.xlsx.layout import (
    CONTINUATION,
    INFO_FIELD_BY_LABEL,
    INFO_SHEET,
    NARRATIVE_BY_TITLE,
    TEXT_END,
    unescape_text,
)

MAX_CELLS = 200_000


def _info(grid: list[list[str]], doc: Document) -> None:
    """Our own 基本信息与正文 sheet, read by its labels: fields in column A, texts in column B."""
    narrative: dict[str, list[str]] = {}
    key: str | None = None
    for row in grid:
        label = row[0].strip() if row else ""
        text = row[1] if len(row) > 1 else ""
        if label == TEXT_END:
            break
        if label in INFO_FIELD_BY_LABEL:
            doc.meta[INFO_FIELD_BY_LABEL[label].key] = text.strip()
        elif label in NARRATIVE_BY_TITLE:
            key = NARRATIVE_BY_TITLE[label]
            narrative[key] = [text]
        elif key is not None and label == CONTINUATION:
            narrative[key][-1] += text
        elif key is not None and not label:
            narrative[key].append(text)
    if narrative:
        doc.narrative = {k: "\n".join(v) for k, v in narrative.items()}


def _str(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return str(value)


def read_xlsx(data: bytes, name: str) -> Document:
    names = zip_names(data, name, "Excel 工作簿")
    if "xl/workbook.xml" not in names:
        raise ImportRefused(f"文件“{name}”不是 Excel 工作簿（缺少 xl/workbook.xml）")
    import openpyxl

    try:
        # data_only: a formula's cached value, never its text; a formula without one reads as blank.
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception:
        raise ImportRefused(f"文件“{name}”已损坏，无法作为 Excel 工作簿打开") from None
    doc = Document("Excel", name)
    for ws in book.worksheets:
        n_rows, n_cols = ws.max_row or 0, ws.max_column or 0
        if n_rows * n_cols > MAX_CELLS:
            raise ImportRefused(f"工作表“{ws.title}”有 {n_rows} 行 {n_cols} 列，超过上限，已拒绝")
        grid = [["" for _ in range(n_cols)] for _ in range(n_rows)]
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None and hasattr(cell, "row"):
                    text = unescape_text(_str(cell.value))  # our own workbook's escapes for unstorable text
                    half = next((ch for ch in text if 0xD800 <= ord(ch) <= 0xDFFF), None)
                    if half is not None:  # a project file cannot hold it: refuse here, naming the cell
                        raise ImportRefused(f"工作表“{ws.title}”单元格 {cell.coordinate}：含有无效字符"
                                            f"（U+{ord(half):04X}，半个字符），文件可能已损坏")
                    grid[cell.row - 1][cell.column - 1] = text
        for rng in ws.merged_cells.ranges:
            text = grid[rng.min_row - 1][rng.min_col - 1] if rng.min_row <= n_rows and rng.min_col <= n_cols else ""
            for r in range(rng.min_row - 1, min(rng.max_row, n_rows)):
                for c in range(rng.min_col - 1, min(rng.max_col, n_cols)):
                    grid[r][c] = text
        if ws.title == INFO_SHEET:
            _info(grid, doc)
            continue
        doc.tables.append(Table(grid, f"工作表“{ws.title}”"))
        for r, row_values in enumerate(grid):
            texts = [t for t in row_values if t.strip()]
            if len(texts) == 1 and len(texts[0]) >= 8:
                doc.paragraphs.append(Paragraph(texts[0], f"工作表“{ws.title}”第{r + 1}行"))
    return doc
