"""Word (.docx): body paragraphs and tables in document order, merged cells repeated over their span.

python-docx resolves gridSpan and vMerge: ``row.cells`` yields the same cell for every grid
position it covers, which is exactly the dense grid the matcher wants.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from core.importing.containers import zip_names
from core.importing.document import Document, ImportRefused, Paragraph, Table

MAX_TABLE_CELLS = 20000


def _blocks(parent: Any) -> Iterator[Any]:
    """Body paragraphs and tables in order, also those inside content controls (w:sdt), which
    WPS and some templates wrap around whole sections."""
    for child in parent.iterchildren():
        if child.tag.rsplit("}", 1)[-1] == "sdt":
            for content in child.iterchildren():
                if content.tag.rsplit("}", 1)[-1] == "sdtContent":
                    yield from _blocks(content)
        else:
            yield child


def read_docx(data: bytes, name: str) -> Document:
    names = zip_names(data, name, "Word 文档")
    if "word/document.xml" not in names:
        raise ImportRefused(f"文件“{name}”不是 Word 文档（缺少 word/document.xml）")
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    try:
        d = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds for a damaged package
        raise ImportRefused(f"文件“{name}”已损坏，无法作为 Word 文档打开") from None
    doc = Document("Word", name)
    body = d.element.body
    n_para = n_table = 0
    for child in _blocks(body):
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            n_para += 1
            text = DocxParagraph(child, d).text
            if text.strip():
                doc.paragraphs.append(Paragraph(text, f"第{n_para}段"))
        elif tag == "tbl":
            n_table += 1
            table = DocxTable(child, d)
            try:
                rows = []
                count = 0
                for row in table.rows:
                    cells = [c.text for c in row.cells]
                    count += len(cells)
                    if count > MAX_TABLE_CELLS:
                        raise ImportRefused(f"文件“{name}”第 {n_table} 个表格超过 {MAX_TABLE_CELLS} 个单元格，已拒绝")
                    rows.append(cells)
            except ImportRefused:
                raise
            except Exception:
                raise ImportRefused(f"文件“{name}”第 {n_table} 个表格结构损坏，无法读取") from None
            doc.tables.append(Table(rows, f"第{n_table}个表格"))
    return doc
