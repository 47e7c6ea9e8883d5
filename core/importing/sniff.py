"""Which reader a file needs, decided by its first bytes (a .pdf named .doc is still a PDF)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from core.importing.document import Document, ImportRefused
from core.model import Report

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def kind_of(data: bytes) -> str:
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    if data.startswith(OLE_MAGIC):
        return "ole"
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<") and (b"<html" in head or b"<table" in head or b"<!doctype" in head
                                  or b"<body" in head or b"<p" in head):
        return "html"
    if b"\x00" in data[:4096]:
        return "binary"
    return "text"


def read_document(data: bytes, name: str, *, path: Path | None = None) -> tuple[Document, Report | None]:
    """The document, and (for a workbook this program exported, intact) the report read exactly."""
    kind = kind_of(data)
    if kind == "pdf":
        from core.importing.pdf_reader import read_pdf

        return read_pdf(data, name), None
    if kind == "docx":
        from core.importing.docx_reader import read_docx

        return read_docx(data, name), None
    if kind == "xlsx":
        from core.importing.xlsx_reader import read_xlsx

        doc = read_xlsx(data, name)
        own = _own_workbook(path, doc) if path is not None else None
        return doc, own
    if kind == "html":
        from core.importing.html_reader import read_html

        return read_html(data, name), None
    if kind == "text":
        from core.importing.text_reader import read_text

        return read_text(data, name), None
    if kind == "ole":
        from core.importing.convert import convert_ole

        converted, target = convert_ole(data, name)
        doc, own = read_document(converted, f"{name}（已转换为 .{target}）")
        return doc, own
    if kind == "zip":
        raise ImportRefused(f"文件“{name}”是压缩包，但不是 Word（.docx）或 Excel（.xlsx）文件")
    raise ImportRefused(f"文件“{name}”不是可导入的年报：支持带文字层的 PDF、Word（.docx）、网页（.html）、"
                        "文本（.txt）和 Excel（.xlsx）")


def _own_workbook(path: Path, doc: Document) -> Report | None:
    """A workbook this program exported, read at its own positions when nothing was moved.

    When that exact reading refuses (rows moved, a value edited into something else), the
    workbook is still read by its labels; the refusal is kept in the import report."""
    from core.xlsx import XlsxImportError, import_xlsx
    from core.xlsx.layout import DATA_SHEET

    if not any(t.where == f"工作表“{DATA_SHEET}”" for t in doc.tables):
        return None
    try:
        return import_xlsx(path)
    except XlsxImportError as exc:
        doc.notes.append(f"本程序导出的工作簿未能按原位置读取（{exc}），已改为按行列标题读取")
        return None
