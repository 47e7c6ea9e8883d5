"""PDF with a text layer (Word/WPS → PDF): ruled tables by their lines, the rest as printed lines.

pdfplumber finds the tables from the ruling lines, so a cell is what the border encloses
(a wrapped label stays one cell); a merged cell's text is repeated over every grid
position its box covers. Text outside the tables becomes lines for the narrative.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

from core.importing.document import Document, ImportRefused, Paragraph, Table
from core.importing.text_reader import PAGE_NUMBER, row_of

MAX_PAGES = 200


def _expand(table: object) -> list[list[str]]:
    cells = table.cells  # type: ignore[attr-defined]
    if not cells:
        return []
    xs = sorted({round(c[0], 0) for c in cells})
    ys = sorted({round(c[1], 0) for c in cells})
    text_rows = table.extract()  # type: ignore[attr-defined]
    grid = [["" for _ in xs] for _ in ys]
    for row, texts in zip(table.rows, text_rows, strict=False):  # type: ignore[attr-defined]
        for bbox, text in zip(row.cells, texts, strict=False):
            if bbox is None:
                continue
            x0, top, x1, bottom = bbox
            cols = [j for j, x in enumerate(xs) if x0 - 1 <= x < x1 - 1]
            rows = [i for i, y in enumerate(ys) if top - 1 <= y < bottom - 1]
            for i in rows:
                for j in cols:
                    grid[i][j] = text or ""
    return grid


WATERMARK_PT = 30
_STARTS_HEADING = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)")


def _paragraphs(lines: list[tuple[int, dict[str, Any]]]) -> list[Paragraph]:
    """Printed lines back into paragraphs by their geometry: a line that reaches the right margin
    continues into the next one unless that one is indented (a first-line indent starts a paragraph)."""
    body = [(p, ln) for p, ln in lines if ln["text"].strip() and not PAGE_NUMBER.match(ln["text"])]
    if not body:
        return []
    # The body text's margins are where most lines start and end (a caption beside a table does not count).
    left = Counter(round(float(ln["x0"])) for _, ln in body).most_common(1)[0][0]
    right = max(float(ln["x1"]) for _, ln in body if left - 2 <= float(ln["x0"]) <= left + 40)
    out: list[Paragraph] = []
    prev: dict[str, Any] | None = None
    for p, ln in body:
        text = ln["text"].strip()
        chars = ln.get("chars") or []
        em = float(chars[0]["size"]) if chars else 12.0
        indented = float(ln["x0"]) > left + 0.8 * em or bool(_STARTS_HEADING.match(text))
        if (out and prev is not None and float(prev["x1"]) >= right - 1.5 * em and not indented
                and abs(float(prev["x0"]) - left) < 3 * em):
            last = out[-1]
            out[-1] = Paragraph(last.text + text, last.where, line=True, joined=True)
        else:
            out.append(Paragraph(text, f"第{p}页", line=True, joined=True))
        prev = ln
    return out


def _not_watermark(obj: dict[str, object]) -> bool:
    if obj.get("object_type") != "char":
        return True
    size = obj.get("size", 0)
    return bool(obj.get("upright", True)) and isinstance(size, (int, float)) and size < WATERMARK_PT


def read_pdf(data: bytes, name: str) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    encrypted = b"/Encrypt" in data[-4096:] or b"/Encrypt" in data[:4096]
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ImportRefused(f"PDF“{name}”已加密，无法读取；请使用未加密的 PDF 或 Word 原文件") from None
    except Exception:
        if encrypted:
            raise ImportRefused(f"PDF“{name}”已加密，无法读取；请使用未加密的 PDF 或 Word 原文件") from None
        raise ImportRefused(f"PDF“{name}”已损坏或不完整（可能下载未完成），无法读取") from None
    doc = Document("PDF", name)
    try:
        with pdf:
            pages = pdf.pages
            if len(pages) > MAX_PAGES:
                raise ImportRefused(f"PDF“{name}”有 {len(pages)} 页，超过上限 {MAX_PAGES} 页，不像一份年报")
            if not pages:
                raise ImportRefused(f"PDF“{name}”已损坏或不完整（没有页面），无法读取")
            doc.pages = len(pages)
            chars = 0
            lines: list[tuple[int, dict[str, Any]]] = []
            for p, raw_page in enumerate(pages, 1):
                # A watermark (「草稿」, 「样稿」) is big or turned: its characters are no part of any cell.
                page = raw_page.filter(_not_watermark).dedupe_chars()  # WPS draws bold text twice
                chars += len(page.chars)
                found = page.find_tables()
                boxes = [t.bbox for t in found]
                for k, t in enumerate(found, 1):
                    grid = _expand(t)
                    if grid:
                        doc.tables.append(Table(grid, f"第{p}页表格{k}"))

                def outside(obj: dict[str, object], boxes: list[tuple[float, float, float, float]] = boxes) -> bool:
                    if obj.get("object_type") != "char":
                        return True
                    cx = (float(obj["x0"]) + float(obj["x1"])) / 2  # type: ignore[arg-type]
                    cy = (float(obj["top"]) + float(obj["bottom"])) / 2  # type: ignore[arg-type]
                    return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

                lines.extend((p, ln) for ln in page.filter(outside).extract_text_lines())
    except ImportRefused:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ImportRefused(f"PDF“{name}”已加密，无法读取；请使用未加密的 PDF 或 Word 原文件") from None
    except Exception:
        raise ImportRefused(f"PDF“{name}”已损坏或不完整（可能下载未完成），无法读取") from None
    doc.paragraphs = _paragraphs(lines)
    # Tables drawn without ruling lines are only text: read their printed lines as loose rows.
    rows = [(p, row_of(ln["text"])) for p, ln in lines]
    loose = [(p, r) for p, r in rows if r]
    if loose:
        doc.tables.append(Table([r for _, r in loose], "正文（无框线的表格）", dense=False,
                                row_where=[f"第{p}页" for p, _ in loose]))
    if chars == 0:
        raise ImportRefused(f"PDF“{name}”没有文字层（扫描件或图片），本程序不做文字识别（OCR）；"
                            "请使用 Word 原文件或带文字层的 PDF")
    return doc
