"""Plain text: a report copied from a web page or a PDF, tables as tab- or space-separated rows."""

from __future__ import annotations

import codecs
import re

from core.importing.document import Document, ImportRefused, Paragraph, Table
from core.importing.labels import is_value

MAX_LINE = 2000


def decode(data: bytes, name: str) -> str:
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ImportRefused(f"文件“{name}”不是可识别的文本（既不是 UTF-8 也不是 GB18030 编码）")


PAGE_NUMBER = re.compile(r"^[-—–－_\s]*(?:第\s*)?\d{1,3}\s*(?:页)?(?:\s*/\s*\d+|\s*共\s*\d+\s*页)?[-—–－_\s]*$")


def row_of(line: str) -> list[str] | None:
    """A printed line as table cells, or None when it is prose; a page number 「- 3 -」 is neither."""
    if PAGE_NUMBER.match(line):
        return None
    return _row(line)


def _row(line: str) -> list[str] | None:
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    bar = line.replace("｜", "|")
    if bar.count("|") >= 2:
        # A table copied as 「| 规章 | 0 | 0 | 0 |」 (web pages rendered to text, Markdown): empty cells kept.
        parts = [c.strip() for c in bar.split("|")]
        if bar.lstrip().startswith("|"):
            parts = parts[1:]
        if bar.rstrip().endswith("|"):
            parts = parts[:-1]
        return parts
    if "。" in line or len(line) > 160:
        return None
    tokens = line.split()
    if not tokens:
        return None
    if not any(is_value(t) for t in tokens):
        return tokens  # a header row: each word a column label
    # Label words joined, values one cell each: 「(一) 予以公开 0 0 …」.
    cells: list[str] = []
    words: list[str] = []
    for t in tokens:
        if is_value(t):
            if words:
                cells.append(" ".join(words))
                words = []
            cells.append(t)
        else:
            words.append(t)
    if words:
        cells.append(" ".join(words))
    return cells


def read_text(data: bytes, name: str) -> Document:
    text = decode(data, name)
    if "\x00" in text:
        raise ImportRefused(f"文件“{name}”含有二进制内容，不是文本文件")
    doc = Document("文本", name)
    rows: list[list[str]] = []
    row_where: list[str] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()[:MAX_LINE]
        if not line.strip():
            continue
        doc.paragraphs.append(Paragraph(line.replace("\t", " ").strip(), f"第{n}行", line=True))
        row = row_of(line)
        if row is not None:
            rows.append(row)
            row_where.append(f"第{n}行")
    doc.tables.append(Table(rows, "正文", dense=False, row_where=row_where))
    return doc
