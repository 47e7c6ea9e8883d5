"""Screenshots of every wizard page for docs/screenshots (run under Xvfb at 1366×768).

    Xvfb :99 -screen 0 1366x768x24 &  DISPLAY=:99 QT_QPA_PLATFORM=xcb python -m gui.screenshots docs/screenshots

The sample report with two planted problems (a 表三 entry that breaks R1, 第五部分 reduced to 「无」) so
the marks at the cell, the step states and the findings panel show. PNGs are palette-reduced (Pillow).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    from PIL import Image
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from core.format2021 import t3_id
    from core.steps import STEP_INDEX, STEPS
    from gui.app import make_app
    from gui.main_window import MainWindow
    from gui.table_page import TablePage

    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = make_app([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        w = MainWindow(autosave_dir=Path(tmp), settings=QSettings(f"{tmp}/s.ini", QSettings.Format.IniFormat))
        w.resize(1366, 768)
        w.show()
        w.open_sample(ask=False)
        w.doc.set_cells({t3_id("new", "natural"): 12}, "示例")
        w.doc.set_text("s5", "无")
        for i, step in enumerate(STEPS):
            w.go(i)
            if i == STEP_INDEX["s3"]:
                page = w.page(i)
                assert isinstance(page, TablePage)
                page.focus_cell(t3_id("new", "business"))
            for _ in range(10):
                app.processEvents()
            png = out / f"{i + 1}-{step.key}.png"
            w.grab().save(str(png))
            Image.open(png).convert("RGB").quantize(colors=128).save(png, optimize=True)
            print(png, png.stat().st_size // 1024, "KB")
        w.doc.undo_stack.setClean()
        w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
