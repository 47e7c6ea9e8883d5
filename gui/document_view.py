"""The live document view: the report as it will print, beside the editor, updated as the clerk types.

The PDF is made by ``core.render_worker`` in a process of its own (reportlab holds the GIL; in a
thread it would stall the keystrokes typed meanwhile). Requests are debounced: one render ~300 ms
after typing pauses. One render is in flight at a time; a newer request replaces the waiting one, and
a render that was overtaken by an edit is dropped rather than shown. QPdfView paints pages in its own
threads. A worker that fails or dies is a Chinese line in the pane; the next edit starts a new one.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QPointF,
    QProcess,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.format2021 import SECTIONS
from core.render_worker import RENDER_FLAG, decode, encode
from gui.document import Document

DEBOUNCE_MS = 300
RENDER_TIMEOUT_MS = 30_000  # a render takes well under a second; the first one loads fonts too
_ROOT = Path(__file__).resolve().parents[1]
_SPACE = re.compile(r"\s+")


def worker_command() -> tuple[str, list[str]]:
    """How to start the renderer: the bundled program with a flag, or this interpreter on the module."""
    if getattr(sys, "frozen", False):
        return sys.executable, [RENDER_FLAG]
    return sys.executable, ["-m", "core.render_worker"]


class RenderClient(QObject):
    """Talks to one render worker process; restarts it on the next request after it died."""

    rendered = Signal(int, bytes, int)  # request id, PDF bytes, pages
    failed = Signal(int, str)  # request id, Chinese message
    superseded = Signal(int)  # a finished render dropped because a newer request was waiting

    def __init__(self, parent: QObject | None = None, command: tuple[str, list[str]] | None = None) -> None:
        super().__init__(parent)
        self.command = command or worker_command()
        self.process: QProcess | None = None
        self._buffer = bytearray()
        self._stderr = bytearray()
        self._next_id = 0
        self._pending: tuple[int, bytes, bool] | None = None
        self.in_flight: int | None = None
        # a worker that neither answers nor dies (a pathological report) is ended, not waited for
        self.watchdog = QTimer(self)
        self.watchdog.setSingleShot(True)
        self.watchdog.setInterval(RENDER_TIMEOUT_MS)
        self.watchdog.timeout.connect(lambda: self._lost("生成预览超时，已停止"))
        app = QCoreApplication.instance()
        if app is not None:  # a worker outliving the app would be orphaned
            app.aboutToQuit.connect(self.stop)

    def request(self, project: bytes, *, draft: bool) -> int:
        self._next_id += 1
        self._pending = (self._next_id, project, draft)
        self._pump()
        return self._next_id

    @property
    def busy(self) -> bool:
        return self.in_flight is not None or self._pending is not None

    def _start(self) -> QProcess:
        process = QProcess(self)
        process.setWorkingDirectory(str(_ROOT))
        process.readyReadStandardOutput.connect(self._read)
        process.readyReadStandardError.connect(self._read_stderr)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._error)
        process.started.connect(self._pump)
        self._buffer.clear()
        self._stderr.clear()
        program, args = self.command
        process.start(program, args)
        self.process = process
        return process

    def _pump(self) -> None:
        if self.in_flight is not None or self._pending is None:
            return
        process = self.process
        if process is None or process.state() == QProcess.ProcessState.NotRunning:
            self._start()  # ``started`` pumps again
            return
        if process.state() != QProcess.ProcessState.Running:
            return
        request_id, project, draft = self._pending
        self._pending = None
        self.in_flight = request_id
        self.watchdog.start()
        process.write(QByteArray(encode({"id": request_id, "draft": draft}, project)))

    def _read(self) -> None:
        process = self.process
        if process is None:
            return
        self._buffer += bytes(process.readAllStandardOutput().data())
        while True:
            try:
                frame = decode(bytes(self._buffer))
            except ValueError:
                self._lost("文档预览程序返回了无法识别的数据")
                return
            if frame is None:
                return
            header, body, used = frame
            del self._buffer[:used]
            request_id = header.get("id")
            if request_id != self.in_flight:
                continue
            self.in_flight = None
            self.watchdog.stop()
            if self._pending is not None:
                self.superseded.emit(request_id)
            elif header.get("ok"):
                self.rendered.emit(request_id, body, int(header.get("pages", 0)))
            else:
                self.failed.emit(request_id, str(header.get("error") or "生成预览失败"))
            self._pump()

    def _read_stderr(self) -> None:
        if self.process is not None:
            self._stderr += bytes(self.process.readAllStandardError().data())
            del self._stderr[:-4000]

    def _lost(self, why: str) -> None:
        """The worker is gone or unusable: say so for the render that was asked for; start afresh next time."""
        request_id = self.in_flight if self.in_flight is not None else (
            self._pending[0] if self._pending is not None else self._next_id)
        self.in_flight = None
        self.watchdog.stop()
        self._pending = None  # the report that killed it would kill the next one too: wait for an edit
        process, self.process = self.process, None
        if process is not None:
            for signal in (process.finished, process.errorOccurred, process.readyReadStandardOutput,
                           process.readyReadStandardError, process.started):
                signal.disconnect()
            if process.state() != QProcess.ProcessState.NotRunning:
                process.kill()
                process.waitForFinished(1000)
            process.deleteLater()
        self.failed.emit(request_id, f"{why}。修改报告后会重新生成预览。")

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        if status == QProcess.ExitStatus.CrashExit:
            self._lost("文档预览程序意外退出")
        else:
            self._lost(f"文档预览程序已退出（代码 {code}）")

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._lost("无法启动文档预览程序")
        elif error == QProcess.ProcessError.Crashed:
            pass  # ``finished`` follows and reports it
        elif error in (QProcess.ProcessError.WriteError, QProcess.ProcessError.ReadError):
            self._lost("与文档预览程序的通信中断")

    def stop(self) -> None:
        """End the worker: closing its stdin ends its loop; a stuck one is killed."""
        process, self.process = self.process, None
        self.in_flight = None
        self._pending = None
        self.watchdog.stop()
        if process is None:
            return
        for signal in (process.finished, process.errorOccurred, process.readyReadStandardOutput,
                       process.readyReadStandardError, process.started):
            signal.disconnect()
        if process.state() != QProcess.ProcessState.NotRunning:
            process.closeWriteChannel()
            if not process.waitForFinished(2000):
                process.kill()
                process.waitForFinished(1000)
        process.deleteLater()


def section_pages(document: QPdfDocument) -> dict[int, int]:
    """Section number → first page (0-based) where its heading is printed, read from the PDF's text."""
    texts = [_SPACE.sub("", document.getAllText(p).text()) for p in range(document.pageCount())]
    found: dict[int, int] = {}
    start = 0
    for section in SECTIONS:
        heading = _SPACE.sub("", section.heading)
        for p in range(start, len(texts)):
            if heading in texts[p]:
                found[section.number] = start = p
                break
    return found


class DocumentView(QWidget):
    """The pane: status line above a QPdfView showing the latest render."""

    updated = Signal(int)  # pages of the render now shown
    generation_changed = Signal(int)  # the request id now shown

    def __init__(self, doc: Document, parent: QWidget | None = None, *,
                 client: RenderClient | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.client = client or RenderClient(self)
        self.client.rendered.connect(self._show)
        self.client.failed.connect(self._failed)
        self.generation = 0  # request id of the render on screen
        self.dropped = 0  # renders that came back while the clerk was still typing
        self.section = 0  # section the editor is on; 0: the start of the report
        self.pages_of: dict[int, int] = {}
        self._stale = True
        self._shown_section: int | None = None  # the section last brought into view
        self._keep_scroll: int | None = None
        self._data = QByteArray()
        self._buffer: QBuffer | None = None

        self.status = QLabel("正在生成预览…")
        self.status.setObjectName("hint")
        self.status.setAccessibleName("文档预览状态")
        self.status.setWordWrap(True)
        self.pdf = QPdfDocument(self)
        self.pdf.statusChanged.connect(self._on_status)
        self.view = QPdfView(self)
        self.view.setAccessibleName("文档预览")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.pdf)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.render_now)
        doc.changed.connect(self.schedule)
        doc.reset.connect(self.schedule)

    # ------------------------------------------------------------ requests

    def schedule(self) -> None:
        """Render once typing pauses; nothing is rendered while the pane is hidden."""
        self._stale = True
        if self.isVisible():
            self.timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.timer.start()  # not at once: at start-up the window's first paint comes first

    def render_now(self) -> None:
        from core.project_file import dumps
        from core.rules import ready_for_final

        if not self.isVisible():  # closed meanwhile (the start page took the window): render when shown
            self._stale = True
            return
        self._stale = False
        draft = not ready_for_final(self.doc.findings, self.doc.report)
        self.client.request(dumps(self.doc.report).encode("utf-8"), draft=draft)
        pages = self.pdf.pageCount()
        self.status.setText(f"共 {pages} 页 · 正在更新…" if pages > 0 else "正在生成预览…")

    def shutdown(self) -> None:
        self.timer.stop()
        self.client.stop()

    # ------------------------------------------------------------ results

    def _show(self, request_id: int, data: bytes, pages: int) -> None:
        del pages
        if self.timer.isActive():
            # typed into since it was asked for, and a newer render is due once typing pauses: loading
            # this one would only spend the GUI thread's time between keystrokes on an outdated page
            self.dropped += 1
            return
        self.generation = request_id
        # QPdfDocument reads from the device while it renders: keep data and buffer until the next load.
        old = self._buffer
        # the same page kept in view across a re-render, unless the editor moved to another section
        self._keep_scroll = (self.view.verticalScrollBar().value()
                             if self._shown_section == self.section and old is not None else None)
        self._data = QByteArray(data)
        self._buffer = QBuffer(self._data, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(self._buffer)
        if old is not None:
            old.deleteLater()

    def _on_status(self, status: QPdfDocument.Status) -> None:
        if status == QPdfDocument.Status.Ready:
            self.pages_of = section_pages(self.pdf)
            pages = self.pdf.pageCount()
            self.status.setText(f"共 {pages} 页 · 打印效果预览，随编辑自动更新")
            # after the view has laid out the new document (it hears statusChanged after us)
            QTimer.singleShot(0, self._place)
            self.updated.emit(pages)
            self.generation_changed.emit(self.generation)
        elif status == QPdfDocument.Status.Error:
            self.status.setText("预览无法显示。报告本身没有受到影响。")

    def _failed(self, request_id: int, message: str) -> None:
        self.status.setText(message)
        self.generation_changed.emit(-request_id)

    # ------------------------------------------------------------ following the editor

    def _place(self) -> None:
        keep, self._keep_scroll = self._keep_scroll, None
        if keep is not None and self._shown_section == self.section:
            self.view.verticalScrollBar().setValue(keep)
        else:
            self.follow(self.section)

    def follow(self, section: int) -> None:
        """Show the page that holds ``section`` (0: the first page)."""
        self.section = section
        if self.pdf.status() != QPdfDocument.Status.Ready or self.pdf.pageCount() <= 0:
            return
        self._shown_section = section
        page = self.pages_of.get(section, 0) if section else 0
        self.jump(page)

    def jump(self, page: int) -> None:
        navigator = self.view.pageNavigator()
        navigator.jump(page, QPointF(), navigator.currentZoom())

    def current_page(self) -> int:
        return int(self.view.pageNavigator().currentPage())


__all__ = ["DEBOUNCE_MS", "DocumentView", "RenderClient", "section_pages", "worker_command"]
