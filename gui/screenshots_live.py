"""Screenshots of the live document view, of 表三 in 整表 mode and of a row's 填报说明, for docs/screenshots (1366×768).

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb python -m gui.screenshots_live docs/screenshots

Same sample as ``gui.screenshots``; each shot waits for the worker's render to be on screen.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def main(argv: list[str]) -> int:
    from PIL import Image
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication, QToolTip

    from core.format2021 import GRID_T3, t3_id
    from core.steps import STEP_INDEX
    from gui.app import make_app
    from gui.main_window import MainWindow
    from gui.table_page import TablePage

    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = make_app([])
    assert isinstance(app, QApplication)

    def wait(until: Callable[[], bool], seconds: float = 20) -> None:
        end = time.monotonic() + seconds
        while not until() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)
        for _ in range(20):
            app.processEvents()
            time.sleep(0.01)

    def shoot(w: MainWindow, name: str) -> None:
        png = out / name
        w.grab().save(str(png))
        Image.open(png).convert("RGB").quantize(colors=128).save(png, optimize=True)
        print(png, png.stat().st_size // 1024, "KB")

    with tempfile.TemporaryDirectory() as tmp:
        w = MainWindow(autosave_dir=Path(tmp), settings=QSettings(f"{tmp}/s.ini", QSettings.Format.IniFormat))
        w.resize(1366, 768)
        w.show()
        w.open_sample(ask=False)
        w.doc.set_cells({t3_id("new", "natural"): 12}, "示例")
        view = w.document_view
        w.document_dock.show()
        w.go(STEP_INDEX["s3"])
        wait(lambda: view.generation > 0 and not view.client.busy and view.pdf.pageCount() > 0)
        shoot(w, "9-document-view-s3.png")
        w.go(STEP_INDEX["s6"])
        wait(lambda: False, 1)
        shoot(w, "10-document-view-s6.png")
        w.document_dock.hide()
        w.go(STEP_INDEX["s3"])
        page = w.page(STEP_INDEX["s3"])
        assert isinstance(page, TablePage)
        page.set_compact(True)
        page.focus_cell(t3_id("new", "business"))
        wait(lambda: False, 1)
        shoot(w, "11-t3-compact.png")
        # the 填报说明 of a row: a tooltip is a window of its own, so this one grabs the screen
        cell = next(c for c in GRID_T3.cells if c.kind == "label" and c.note and "部分公开" in c.text)
        index = page.view.model().index(cell.row, cell.col)
        tip = page.view.model().data(index, Qt.ItemDataRole.ToolTipRole)
        QToolTip.showText(page.view.viewport().mapToGlobal(page.view.visualRect(index).center()), tip,
                          page.view.viewport())
        wait(lambda: False, 1)
        png = out / "12-t3-row-note.png"
        w.screen().grabWindow(0).save(str(png))
        Image.open(png).convert("RGB").quantize(colors=128).save(png, optimize=True)
        print(png, png.stat().st_size // 1024, "KB")
        QToolTip.hideText()
        page.set_compact(False)
        w.doc.undo_stack.setClean()
        w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
