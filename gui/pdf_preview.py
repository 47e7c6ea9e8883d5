"""Print preview: the exported PDF as it will print, with 打印… and 保存为 PDF….

The clerk sees exactly the bytes that will be saved or printed; nothing is
re-rendered from the report here. QPdfView renders pages asynchronously.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.atomic import write_atomic
from gui.screen_fit import fitted_size
from gui.write_errors import write_with_consent

RENDER_DPI = 300
ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)


class PdfPreviewDialog(QDialog):
    """Shows PDF bytes; prints them through QPrinter or saves them unchanged."""

    saved = Signal(str)  # the path written
    printed = Signal(int)  # pages sent to the printer

    def __init__(self, pdf_bytes: bytes, suggested_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("打印预览")
        self.resize(*fitted_size(parent, 820, 960))
        self._bytes = pdf_bytes
        self._suggested = suggested_name

        # QPdfDocument reads from the device while rendering: buffer and data must outlive it.
        self._data = QByteArray(pdf_bytes)
        self._buffer = QBuffer(self._data, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.statusChanged.connect(self._on_status)

        self.view = QPdfView(self)
        self.view.setAccessibleName("PDF 预览")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.view.pageNavigator().currentPageChanged.connect(self._on_page_changed)

        self.page_box = QSpinBox(self)
        self.page_box.setAccessibleName("页码")
        self.page_box.setMinimum(1)
        self.page_box.setMaximum(1)
        self.page_box.valueChanged.connect(self.go_to_page)
        self.page_count_label = QLabel("共 0 页", self)
        self.prev_button = QPushButton("上一页", self)
        self.next_button = QPushButton("下一页", self)
        self.prev_button.clicked.connect(lambda: self.go_to_page(self.current_page()))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 2))
        self.zoom_out_button = QPushButton("缩小", self)
        self.zoom_in_button = QPushButton("放大", self)
        self.fit_width_button = QPushButton("适合宽度", self)
        self.fit_page_button = QPushButton("整页", self)
        self.zoom_out_button.clicked.connect(lambda: self.zoom_step(-1))
        self.zoom_in_button.clicked.connect(lambda: self.zoom_step(1))
        self.fit_width_button.clicked.connect(
            lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.fit_page_button.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))

        self.print_button = QPushButton("打印…", self)
        self.save_button = QPushButton("保存为 PDF…", self)
        self.close_button = QPushButton("关闭", self)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_document)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_as)

        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(QLabel("第", self))
        nav.addWidget(self.page_box)
        nav.addWidget(self.page_count_label)
        nav.addWidget(self.next_button)
        nav.addSpacing(16)
        for b in (self.zoom_out_button, self.zoom_in_button, self.fit_width_button, self.fit_page_button):
            nav.addWidget(b)
        nav.addStretch(1)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for b in (self.print_button, self.save_button, self.close_button):
            actions.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(nav)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        self._set_enabled(False)
        self.document.load(self._buffer)

    # ------------------------------------------------------------ state

    def _set_enabled(self, ready: bool) -> None:
        for w in (self.print_button, self.page_box, self.prev_button, self.next_button):
            w.setEnabled(ready)

    def _on_status(self, status: QPdfDocument.Status) -> None:
        if status == QPdfDocument.Status.Ready:
            pages = self.document.pageCount()
            self.page_box.setMaximum(max(1, pages))
            self.page_count_label.setText(f"共 {pages} 页")
            self._set_enabled(pages > 0)
        elif status == QPdfDocument.Status.Error:
            self._set_enabled(False)
            self.page_count_label.setText("无法显示")
            QMessageBox.warning(self, "打印预览", "PDF 无法显示。仍可保存为 PDF 后用其他程序打开。")

    def _on_page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)

    def current_page(self) -> int:
        """Zero-based page shown at the top of the view."""
        return int(self.view.pageNavigator().currentPage())

    def go_to_page(self, number: int) -> None:
        """Show page ``number`` (1-based), clamped to the document."""
        pages = self.document.pageCount()
        if pages <= 0:
            return
        page = min(max(number, 1), pages) - 1
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def zoom_step(self, direction: int) -> None:
        current = self.view.zoomFactor()
        if direction > 0:
            target = next((z for z in ZOOM_STEPS if z > current + 1e-3), ZOOM_STEPS[-1])
        else:
            target = next((z for z in reversed(ZOOM_STEPS) if z < current - 1e-3), ZOOM_STEPS[0])
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(target)

    # ------------------------------------------------------------ actions

    def save_as(self) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, "保存为 PDF", self._suggested, "PDF 文件 (*.pdf)")
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        data = self._bytes
        if not write_with_consent(self, path, lambda force: write_atomic(path, data, force=force), lost_nothing=""):
            return None
        self.saved.emit(path)
        return path

    def print_document(self) -> None:
        if self.document.status() != QPdfDocument.Status.Ready:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._suggested)
        printer.setFromTo(1, self.document.pageCount())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Render the chosen pages into the printer at its resolution; returns pages printed."""
        pages = self.document.pageCount()
        first, last = printer.fromPage(), printer.toPage()
        if first <= 0 or last <= 0:
            first, last = 1, pages
        first, last = max(1, first), min(pages, last)
        # Origin at the paper's corner: the PDF already carries the GB/T 9704 margins.
        printer.setFullPage(True)
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.critical(self, "打印失败", "无法连接打印机，请检查打印机设置。")
            return 0
        printed = 0
        try:
            dpi = printer.resolution()
            for n in range(first - 1, last):
                if printed:
                    printer.newPage()
                size_pt = self.document.pagePointSize(n)
                # 1:1 with the paper: the page is printed at its real size, never scaled to fit.
                target = QRect(0, 0, round(size_pt.width() / 72 * dpi), round(size_pt.height() / 72 * dpi))
                # Rendered at most at 300 dpi: a 1200 dpi A4 bitmap would take half a gigabyte.
                render_dpi = min(dpi, RENDER_DPI)
                image = self.document.render(n, QSize(round(size_pt.width() / 72 * render_dpi),
                                                      round(size_pt.height() / 72 * render_dpi)))
                painter.drawImage(target, image)
                printed += 1
        finally:
            painter.end()
        self.printed.emit(printed)
        return printed

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            step = 1 if event.key() == Qt.Key.Key_PageDown else -1
            self.go_to_page(self.current_page() + 1 + step)
            return
        super().keyPressEvent(event)
