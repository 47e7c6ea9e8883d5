"""The print preview shows the exported pages, navigates, saves the same bytes and prints."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from core.compute import compute
from core.pdf import export_pdf
from core.sample import load_sample
from gui.pdf_preview import PdfPreviewDialog


@pytest.fixture(scope="module")
def pdf_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    # Keep the parsed-font cache out of the user's home.
    mp = pytest.MonkeyPatch()
    mp.setenv("GKBG_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    report = load_sample()
    data = export_pdf(report, compute(report), [], draft=True,
                      created=dt.datetime(2025, 1, 20, 9, 0)).data
    mp.undo()
    return data


@pytest.fixture
def dialog(qtbot, pdf_bytes: bytes, monkeypatch: pytest.MonkeyPatch) -> PdfPreviewDialog:
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: pytest.fail(f"unexpected message {a}"))
    d = PdfPreviewDialog(pdf_bytes, "周口市年报（草稿）.pdf")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.document.status() == QPdfDocument.Status.Ready, timeout=5000)
    return d


def test_shows_every_page(dialog: PdfPreviewDialog, pdf_bytes: bytes, qtbot) -> None:
    pages = len(PdfReader(io.BytesIO(pdf_bytes)).pages)
    assert dialog.document.pageCount() == pages >= 3
    assert dialog.page_count_label.text() == f"共 {pages} 页"
    assert dialog.print_button.isEnabled()
    assert dialog.print_button.text() == "打印…" and dialog.save_button.text() == "保存为 PDF…"
    # The page is really drawn: rendered pixels are not all white.
    image = dialog.document.render(0, dialog.document.pagePointSize(0).toSize())
    assert any(image.pixelColor(x, y).lightness() < 128
               for x in range(0, image.width(), 4) for y in range(0, image.height(), 4))


def test_navigation_and_zoom(dialog: PdfPreviewDialog, qtbot) -> None:
    dialog.go_to_page(3)
    qtbot.waitUntil(lambda: dialog.current_page() == 2)
    assert dialog.page_box.value() == 3
    dialog.prev_button.click()
    qtbot.waitUntil(lambda: dialog.current_page() == 1)
    dialog.go_to_page(99)  # clamped
    qtbot.waitUntil(lambda: dialog.current_page() == dialog.document.pageCount() - 1)
    dialog.zoom_step(1)
    before = dialog.view.zoomFactor()
    dialog.zoom_in_button.click()
    assert dialog.view.zoomFactor() > before
    dialog.zoom_out_button.click()
    assert dialog.view.zoomFactor() == pytest.approx(before)


def test_save_writes_the_exact_bytes(dialog: PdfPreviewDialog, pdf_bytes: bytes, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch, qtbot) -> None:
    target = tmp_path / "年报"
    seen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, caption, name, filt: (seen.append(name) or (str(target), filt)))
    with qtbot.waitSignal(dialog.saved) as blocker:
        dialog.save_button.click()
    assert seen == ["周口市年报（草稿）.pdf"]
    assert blocker.args == [str(target) + ".pdf"]
    assert (tmp_path / "年报.pdf").read_bytes() == pdf_bytes


def test_cancelled_save_writes_nothing(dialog: PdfPreviewDialog, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    assert dialog.save_as() is None


def test_print_renders_pages_into_the_printer(dialog: PdfPreviewDialog, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    printer.setFromTo(2, 3)
    assert dialog.print_to(printer) == 2
    assert out.stat().st_size > 10_000


def test_page_down_key_moves_on(dialog: PdfPreviewDialog, qtbot) -> None:
    dialog.go_to_page(1)
    qtbot.waitUntil(lambda: dialog.current_page() == 0)
    qtbot.keyClick(dialog, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: dialog.current_page() == 1)


def test_fits_the_screen_so_its_buttons_are_reachable(dialog: PdfPreviewDialog) -> None:
    # Was 960 px tall whatever the screen: at 1366×768 打印…/保存为 PDF…/关闭 were below its edge.
    # (The offscreen test screen is 800 px tall.)
    area = dialog.screen().availableGeometry()
    assert dialog.height() <= area.height() - 60
    assert dialog.width() <= area.width()
