"""The edit journal's cost per keystroke, through the real key path, with and without it.

    python -m bench journal            (or python bench/bench_journal.py)

A keystroke is a key press and release sent to the focused widget (a 表三 cell editor; the middle
of a 20,000-character section 五) followed by processEvents until the repaint is done: the undo
command, the recompute of totals and findings, the journal record when on, the repaint. The journal
is switched on and off in alternating blocks of 20 keystrokes in one window (so drift and caching
hit both alike); medians of 400 keystrokes each, and their ratio. The journal's own work is also
timed alone: building and appending one record, and the fsync that the 200 ms timer runs.
Autosave goes to a temporary folder on the same disk as the system's temp directory.
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

from bench.timing import median_seconds, report  # noqa: E402

KEYSTROKE_TARGET = 0.004
BLOCK, BLOCKS = 20, 20


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QSettings, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from core import journal
    from core.format2021 import t3_id
    from core.steps import STEP_INDEX
    from gui.app import make_app
    from gui.main_window import MainWindow

    app = make_app([])
    assert isinstance(app, QApplication)

    def stroke(key: Qt.Key, text: str) -> float:
        target = QApplication.focusWidget()
        assert target is not None, "nothing has keyboard focus"
        t0 = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, int(key), Qt.KeyboardModifier.NoModifier, text))
        app.processEvents()
        return time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        w = MainWindow(autosave_dir=Path(tmp) / "autosave", settings=settings)
        w.resize(1366, 768)
        w.show()
        w.activateWindow()
        app.processEvents()
        w.open_sample(ask=False)
        w.files.timer.stop()  # compaction every 30 s is not a keystroke's cost
        hook = w.doc.journal_hook

        def run(prepare, keys) -> tuple[float, float]:  # type: ignore[no-untyped-def]
            on: list[float] = []
            off: list[float] = []
            prepare()
            for _ in range(5):
                for k in keys:
                    stroke(*k)
            for b in range(BLOCKS * 2):
                w.doc.journal_hook = hook if b % 2 == 0 else None
                samples = on if b % 2 == 0 else off
                for i in range(BLOCK):
                    samples.append(stroke(*keys[i % len(keys)]))
            w.doc.journal_hook = hook
            return statistics.median(on), statistics.median(off)

        def cell() -> None:
            w.go(STEP_INDEX["s3"])
            view = w.page(STEP_INDEX["s3"]).view  # type: ignore[attr-defined]
            view.focus_cell(t3_id("public", "natural"))

        def section() -> None:
            w.doc.set_text("s5", "我单位认真落实政府信息公开各项工作要求。" * 1000)  # 20,000 characters
            w.go(STEP_INDEX["s5"])
            editor = w.page(STEP_INDEX["s5"]).blocks["s5"].editor  # type: ignore[attr-defined]
            editor.setFocus()
            cursor = editor.textCursor()
            cursor.setPosition(10_000)
            editor.setTextCursor(cursor)

        digits = [(Qt.Key.Key_1, "1"), (Qt.Key.Key_Backspace, "\b")]
        hanzi = [(Qt.Key.Key_unknown, "公"), (Qt.Key.Key_Backspace, "\b")]
        cell_on, cell_off = run(cell, digits)
        text_on, text_off = run(section, hanzi)
        report("keystroke in a 表三 cell, journal off", cell_off)
        report("keystroke in a 表三 cell, journal on", cell_on, KEYSTROKE_TARGET, cell_off)
        report("keystroke in a 20,000-character section, journal off", text_off)
        report("keystroke in a 20,000-character section, journal on", text_on, KEYSTROKE_TARGET, text_off)

        long_text = "我单位认真落实政府信息公开各项工作要求。" * 1000
        edited = long_text[:10_000] + "公" + long_text[10_000:]
        writer = journal.JournalWriter(Path(tmp) / "bench.journal")
        writer.start(b"{}", 1)
        report("  journal alone: text splice of 20,000 chars + append",
               median_seconds(lambda: writer.append(journal.text_op("s5", long_text, edited)), repeat=2000))
        report("  journal alone: cell record + append",
               median_seconds(lambda: writer.append(journal.cells_op({t3_id("new", "natural"): 12})), repeat=2000))

        def synced() -> None:
            writer.append(journal.cells_op({t3_id("new", "natural"): 12}))
            writer.sync()
        report("  journal alone: append + fsync (the 200 ms timer's work)", median_seconds(synced, repeat=300))
        writer.close()
        w.doc.undo_stack.setClean()
        w.files.extra_dirty = False
        w.close()


if __name__ == "__main__":
    main()
