"""Export and preview actions. The exporters live in core.pdf / core.xlsx and are imported
only when used: start-up stays fast, and a missing exporter is a message, not a crash."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from core.atomic import write_atomic
from core.export_failure import export_failure
from core.rules import ready_for_final
from gui.document import Document
from gui.write_errors import write_with_consent

if TYPE_CHECKING:
    from core.pdf import PdfExport
    from gui.pdf_preview import PdfPreviewDialog


def is_final_allowed(doc: Document) -> bool:
    return ready_for_final(doc.findings, doc.report)


def suggested_name(doc: Document, suffix: str, *, draft: bool) -> str:
    title = doc.report.meta.title.replace(" ", "") or "年报"
    return f"{title}{'（草稿）' if draft else ''}{suffix}"


def _start_dir(doc: Document) -> str:
    return str(doc.path.parent) if doc.path is not None else str(Path.home())


def _missing(parent: QWidget, what: str, exc: Exception) -> None:
    QMessageBox.warning(parent, f"无法{what}", f"本程序的{what}功能不可用（{exc}）。请安装完整版本后再试。")


def _failed(parent: QWidget, what: str, exc: Exception, doc: Document) -> None:
    kind = next((k for k in ("PDF", "XLSX", "Word", "网页") if k in what), "文件")
    QMessageBox.critical(parent, f"{what}失败",
                         f"{export_failure(kind, doc.report, exc)}。\n\n报告本身没有受到影响，可以继续编辑和保存。")


def build_pdf(parent: QWidget, doc: Document, *, draft: bool) -> PdfExport | None:
    try:
        from core.pdf import export_pdf
    except ImportError as exc:
        _missing(parent, "导出 PDF", exc)
        return None
    try:
        return export_pdf(doc.report, doc.results, doc.findings, draft=draft)
    except Exception as exc:  # an exporter bug must not take the clerk's work with it
        _failed(parent, "生成 PDF", exc, doc)
        return None


def _write(parent: QWidget, path: str, data: bytes) -> bool:
    return write_with_consent(parent, path, lambda force: write_atomic(path, data, force=force), lost_nothing="")


def export_pdf(parent: QWidget, doc: Document, *, draft: bool) -> str | None:
    result = build_pdf(parent, doc, draft=draft)
    if result is None:
        return None
    name = suggested_name(doc, ".pdf", draft=draft)
    path, _ = QFileDialog.getSaveFileName(parent, "导出 PDF", str(Path(_start_dir(doc)) / name), "PDF 文件 (*.pdf)")
    if not path or not _write(parent, path, result.data):
        return None
    from gui.export_done import show_exported

    notes = list(getattr(result, "font_report", lambda: [])())
    show_exported(parent, path, " PDF 文件", draft=draft, details=["字体：", *notes] if notes else None)
    return path


def preview_pdf(parent: QWidget, doc: Document, *, draft: bool, modal: bool = True) -> PdfPreviewDialog | None:
    """The print preview of the report as it is now. ``modal=False``: shown and returned at once, the
    main window stays usable (the dialog is a snapshot; it does not follow later edits)."""
    result = build_pdf(parent, doc, draft=draft)
    if result is None:
        return None
    try:
        from gui.pdf_preview import PdfPreviewDialog
    except ImportError as exc:
        _missing(parent, "预览 PDF", exc)
        return None
    dialog = PdfPreviewDialog(result.data, suggested_name(doc, ".pdf", draft=draft), parent)
    if modal:
        dialog.exec()
        return dialog
    dialog.setModal(False)
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def open_path(path: str, *, folder: bool = False) -> bool:
    """Open an exported file (or its folder) with the desktop's own program."""
    target = Path(path).parent if folder else Path(path)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))


def _document(parent: QWidget, doc: Document, what: str, module: str, func: str, *,
              draft: bool) -> tuple[bytes, list[str]] | None:
    """The bytes of a Word or web export and the notes for the clerk (characters left out, fonts the
    reader needs), both from one block document (core.blocks)."""
    import importlib

    try:
        make = getattr(importlib.import_module(module), func)
        from core.blocks import build_document, font_notes
    except ImportError as exc:
        _missing(parent, what, exc)
        return None
    try:
        document = build_document(doc.report, doc.results, draft=draft)
        data: bytes = make(document)
    except Exception as exc:  # an exporter bug must not take the clerk's work with it
        _failed(parent, what.replace("导出", "生成"), exc, doc)
        return None
    return data, document.notes() + font_notes(document)


def _export_document(parent: QWidget, doc: Document, *, draft: bool, make: tuple[str, str, str],
                     suffix: str, title: str, file_filter: str, shown_as: str, details: list[str]) -> str | None:
    """Word and web exports: make the bytes (module, function), ask where, write, say what was written."""
    what, module, func = make
    made = _document(parent, doc, what, module, func, draft=draft)
    if made is None:
        return None
    data, notes = made
    name = suggested_name(doc, suffix, draft=draft)
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(_start_dir(doc)) / name), file_filter)
    if not path or not _write(parent, path, data):
        return None
    from gui.export_done import show_exported

    show_exported(parent, path, shown_as, draft=draft, details=[*details, *notes] or None)
    return path


def export_docx(parent: QWidget, doc: Document, *, draft: bool) -> str | None:
    return _export_document(
        parent, doc, draft=draft, make=("导出 Word", "core.docx", "docx_of"), suffix=".docx",
        title="导出 Word 文档", file_filter="Word 文档 (*.docx)", shown_as=" Word 文档",
        details=["可在 Word 或 WPS 中修改后送审；正文、标题等都是命名样式，改样式即可统一调整。"])


def export_html(parent: QWidget, doc: Document, *, draft: bool) -> str | None:
    return _export_document(
        parent, doc, draft=draft, make=("导出网页", "core.html", "html_of"), suffix=".html",
        title="导出网页", file_filter="网页 (*.html)", shown_as="网页文件", details=[])


def copy_html(parent: QWidget, doc: Document, *, draft: bool) -> bool:
    """The report on the clipboard as HTML (for a CMS's rich-text editor) and as plain text."""
    try:
        from core.blocks import build_document, plain_text
        from core.html import document_html

        document = build_document(doc.report, doc.results, draft=draft)
        html = document_html(document, fragment=True)
        text = plain_text(document)
    except Exception as exc:  # an exporter bug must not take the clerk's work with it
        _failed(parent, "生成网页格式", exc, doc)
        return False
    mime = QMimeData()
    mime.setHtml(html)
    mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)
    return True


def export_xlsx(parent: QWidget, doc: Document, *, draft: bool) -> str | None:
    try:
        from core.xlsx import export_xlsx as make_xlsx
    except ImportError as exc:
        _missing(parent, "导出 XLSX", exc)
        return None
    try:
        data = make_xlsx(doc.report, doc.results, doc.findings, draft=draft)
    except Exception as exc:  # an exporter bug must not take the clerk's work with it
        _failed(parent, "生成 XLSX", exc, doc)
        return None
    name = suggested_name(doc, ".xlsx", draft=draft)
    path, _ = QFileDialog.getSaveFileName(parent, "导出 XLSX", str(Path(_start_dir(doc)) / name),
                                          "Excel 工作簿 (*.xlsx)")
    if not path or not _write(parent, path, data):
        return None
    from gui.export_done import show_exported

    show_exported(parent, path, " Excel 工作簿", draft=draft)
    return path
