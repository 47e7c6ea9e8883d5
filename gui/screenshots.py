"""Screenshots of the start page and every wizard page for docs/screenshots.

    python -m gui.screenshots --all docs/screenshots     # every size and scale, each under xvfb-run
    QT_QPA_PLATFORM=xcb python -m gui.screenshots DIR    # one run on the current display

The window fills the screen as a maximised window would (there is no window manager under Xvfb).
The sample report with planted problems (a 表三 entry that breaks R1, a blank cell, 第五部分 reduced
to 「无」) so the marks at the cell, the step states and the findings panel show. PNGs are
palette-reduced (Pillow).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

# (folder, screen size, QT_SCALE_FACTOR)
CONFIGS: tuple[tuple[str, str, str], ...] = (
    ("1366x768", "1366x768", "1"),
    ("1024x768", "1024x768", "1"),
    ("1920x1080", "1920x1080", "1"),
    ("1366x768@125", "1366x768", "1.25"),
    ("1920x1080@125", "1920x1080", "1.25"),
    ("1920x1080@150", "1920x1080", "1.5"),
)


def run_all(out: Path) -> int:
    rc = 0
    for name, size, scale in CONFIGS:
        env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "QT_SCALE_FACTOR": scale}
        env.pop("DISPLAY", None)
        rc |= subprocess.run(["xvfb-run", "-a", "-s", f"-screen 0 {size}x24", sys.executable, "-m",
                              "gui.screenshots", str(out / name)], env=env, check=False).returncode
    return rc


def shoot(out: Path) -> int:
    from PIL import Image
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from core.format2021 import t3_id
    from core.steps import STEP_INDEX, STEPS
    from gui.app import make_app
    from gui.main_window import MainWindow
    from gui.table_page import TablePage

    out.mkdir(parents=True, exist_ok=True)
    app = make_app([])
    assert isinstance(app, QApplication)

    def save(name: str) -> None:
        for _ in range(10):
            app.processEvents()
        png = out / name
        w.grab().save(str(png))
        Image.open(png).convert("RGB").quantize(colors=128).save(png, optimize=True)
        print(png, w.width(), "×", w.height(), png.stat().st_size // 1024, "KB")

    with tempfile.TemporaryDirectory() as tmp:
        w = MainWindow(autosave_dir=Path(tmp), settings=QSettings(f"{tmp}/s.ini", QSettings.Format.IniFormat))
        screen = QGuiApplication.primaryScreen()
        w.setGeometry(screen.availableGeometry())
        w.show()
        w.show_start()
        save("0-start.png")
        w.open_sample(ask=False)
        w.doc.set_cells({t3_id("new", "natural"): 12, t3_id("public", "legal"): None}, "示例")
        w.doc.set_text("s5", "无")
        for i, step in enumerate(STEPS):
            w.go(i)
            if i == STEP_INDEX["s3"]:
                page = w.page(i)
                assert isinstance(page, TablePage)
                page.focus_cell(t3_id("new", "business"))
            save(f"{i + 1}-{step.key}.png")
        w.doc.undo_stack.setClean()
        w.files.extra_dirty = False
        w.close()
    return 0


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--all":
        return run_all(Path(argv[1] if len(argv) > 1 else "docs/screenshots"))
    return shoot(Path(argv[0] if argv else "docs/screenshots"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
