"""A report page saved from a website (CMS output, Word's 「另存为网页」): paragraphs and tables.

lxml.html (libxml2) parses tag soup in linear time and caps nesting depth itself, so a
page of 100,000 nested tags costs milliseconds, not a stack overflow; the tag count is
also bounded before parsing.
"""

from __future__ import annotations

import re

from core.importing.document import Document, ImportRefused, Paragraph, Table
from core.importing.text_reader import decode

MAX_TAGS = 300_000
MAX_SPAN = 200
MAX_GRID = 20_000
BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article",
                    "td", "th", "tr", "table", "body", "center", "blockquote", "pre", "dd", "dt"})
_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", re.I)


def _decode(data: bytes, name: str) -> str:
    m = _CHARSET.search(data[:4096])
    if m:
        enc = m.group(1).decode("ascii").lower()
        if enc in ("gb2312", "gbk"):
            enc = "gb18030"
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, name)


def _text(el: object) -> str:
    parts: list[str] = []

    def walk(e: object) -> None:
        tag = getattr(e, "tag", None)
        if not isinstance(tag, str):
            return
        if tag in ("script", "style"):
            return
        if tag == "br":
            parts.append("\n")
        elif e.text:  # type: ignore[attr-defined]
            parts.append(e.text)  # type: ignore[attr-defined]
        for child in e:  # type: ignore[attr-defined]
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in ("p", "div", "li") and parts and not parts[-1].endswith("\n"):
            parts.append("\n")

    walk(el)
    return "".join(parts).replace("\xa0", " ").strip()


def _grid(table: object, where: str) -> list[list[str]]:
    grid: dict[tuple[int, int], str] = {}
    r = 0
    width = 0
    rows = [tr for tr in table.iter("tr") if _owner(tr) is table]  # type: ignore[attr-defined]
    for tr in rows:
        c = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            try:
                rs = max(1, min(int(cell.get("rowspan", "1") or 1), MAX_SPAN))
                cs = max(1, min(int(cell.get("colspan", "1") or 1), MAX_SPAN))
            except ValueError:
                rs = cs = 1
            text = _text(cell)
            for i in range(rs):
                for j in range(cs):
                    grid.setdefault((r + i, c + j), text)
            if len(grid) > MAX_GRID:
                raise ImportRefused(f"{where}的单元格超过 {MAX_GRID} 个，已拒绝")
            c += cs
            width = max(width, c)
        r += 1
    height = max((k[0] for k in grid), default=-1) + 1
    return [[grid.get((i, j), "") for j in range(width)] for i in range(height)]


def _owner(el: object) -> object:
    p = el.getparent()  # type: ignore[attr-defined]
    while p is not None and p.tag != "table":
        p = p.getparent()
    return p


def read_html(data: bytes, name: str) -> Document:
    if data.count(b"<") > MAX_TAGS:
        raise ImportRefused(f"网页“{name}”的标签超过 {MAX_TAGS} 个，已拒绝（不是正常的年报网页）")
    import lxml.html  # type: ignore[import-untyped]

    text = _decode(data, name)
    try:
        root = lxml.html.document_fromstring(text)
    except Exception:  # lxml raises ParserError/ValueError for empty or hopeless input
        raise ImportRefused(f"网页“{name}”无法解析") from None
    doc = Document("网页", name)
    for bad in root.xpath("//script|//style|//noscript|//head"):
        bad.drop_tree()
    tables = [t for t in root.iter("table") if not t.xpath(".//table")]
    for n, t in enumerate(tables, 1):
        where = f"第{n}个表格"
        doc.tables.append(Table(_grid(t, where), where))
    n_para = 0
    data_tables = set(tables)
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag not in BLOCKS or el.tag in ("tr", "table"):
            continue
        # Text inside a data table is the table's; text in a page-layout table (a CMS putting the
        # whole article into one cell) is the report's.
        if any(t in data_tables for t in el.iterancestors("table")) or (
                el.tag in ("td", "th") and _owner(el) in data_tables):
            continue
        if any(isinstance(c.tag, str) and c.tag in BLOCKS for c in el):
            continue
        for line in _text(el).split("\n"):
            if line.strip():
                n_para += 1
                doc.paragraphs.append(Paragraph(line.strip(), f"第{n_para}段"))
    return doc
