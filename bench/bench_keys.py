"""A keystroke in a 表三 cell to idle, through real key events (the app's own key path).

    python -m bench keys          (or python bench/bench_keys.py [--profile])

1,000 entries on 表三 of the sample: a digit (opens the cell editor, pushes the edit, totals and
findings recomputed) then Return (commits, closes the editor, moves on); each key press + release is
timed until the event queue is empty and the window repainted. Medians and p95 of all keystrokes, and
of digits and Returns apart; also how many 表三 cells one keystroke repaints (all visible: ~115). QT_QPA_PLATFORM=offscreen unless a display is set.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ENTRIES = int(os.environ.get("BENCH_ENTRIES", "1000"))
TARGET_MEDIAN = 0.004
TARGET_P95 = 0.008


def _p95(xs: list[float]) -> float:
    return sorted(xs)[int(len(xs) * 0.95)]


def main(profile: bool = False) -> None:
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QSettings, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from bench.timing import report
    from core.format2021 import T3_APPLICANT_COLS, T3_LEAF_ROWS, t3_id
    from core.steps import STEP_INDEX
    from gui.app import make_app
    from gui.main_window import MainWindow
    from gui.table_page import CellDelegate

    app = make_app([])
    # Cells repainted per keystroke: a full repaint of the visible part of 表三 is ~115.
    calls = {"paint": 0}
    paint = CellDelegate.paint

    def counted_paint(self, painter, option, index):  # type: ignore[no-untyped-def]
        calls["paint"] += 1
        paint(self, painter, option, index)

    CellDelegate.paint = counted_paint  # type: ignore[method-assign]
    tmp = tempfile.mkdtemp()
    w = MainWindow(autosave_dir=Path(tmp), settings=QSettings(f"{tmp}/s.ini", QSettings.Format.IniFormat))
    w.files.timer.stop()
    w.resize(1366, 768)
    w.show()
    w.open_sample(ask=False)
    w.go(STEP_INDEX["s3"])
    page = w.page(STEP_INDEX["s3"])
    cells = [t3_id(r, c) for r in T3_LEAF_ROWS for c in T3_APPLICANT_COLS]
    for _ in range(20):
        app.processEvents()

    def key(k: Qt.Key, text: str) -> tuple[float, int]:
        target = QApplication.focusWidget()
        assert target is not None
        before = dict(calls)
        t0 = time.perf_counter()
        QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, k, Qt.KeyboardModifier.NoModifier, text))
        QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyRelease, k, Qt.KeyboardModifier.NoModifier, text))
        app.processEvents()
        return time.perf_counter() - t0, calls["paint"] - before["paint"]

    digits: list[tuple[float, int]] = []
    returns: list[tuple[float, int]] = []

    def run() -> None:
        for i in range(ENTRIES):
            page.focus_cell(cells[i % len(cells)])
            app.processEvents()
            d = str(1 + i % 9)
            digits.append(key(getattr(Qt.Key, f"Key_{d}"), d))
            returns.append(key(Qt.Key.Key_Return, "\r"))

    if profile:
        import cProfile
        import pstats

        cProfile.runctx("run()", globals(), locals(), "/tmp/keys.prof")
        pstats.Stats("/tmp/keys.prof").sort_stats("cumulative").print_stats(30)
    else:
        run()
    every = [t for t, _ in digits + returns]
    report(f"keystroke to idle, median of {len(every)} (表三, real key events)", statistics.median(every),
           TARGET_MEDIAN)
    report("keystroke to idle, p95", _p95(every), TARGET_P95)
    report("  digit (opens the editor, edit, recompute)", statistics.median(t for t, _ in digits))
    report("  Return (commit, close the editor, next cell)", statistics.median(t for t, _ in returns))
    for name, xs in (("digit", digits), ("Return", returns)):
        print(f"  表三 cells repainted per {name:<6} (median, max)      "
              f"{statistics.median(n for _, n in xs):8.0f}   {max(n for _, n in xs)}")
    w.doc.undo_stack.setClean()
    w.close()


if __name__ == "__main__":
    main(profile="--profile" in sys.argv)
