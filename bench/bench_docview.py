"""The live document view must not slow typing: a keystroke in 表三 to idle, with and without renders.

    python -m bench docview            (or python bench/bench_docview.py)

Offscreen, the sample report, the cursor in 表三. A keystroke is a digit (or Return every fourth key)
sent as a key press and release to the focused widget, then events processed until none are left;
timed from the press. Runs of 400 keys after a warm-up run:

- pane closed: no renders at all (the floor);
- pane open, a render in flight: ``render_now`` every 8 keys, so the worker process is nearly always
  busy (a PDF that comes back while typing goes on is dropped: a newer one is due after the pause);
- what showing a finished PDF costs the GUI thread (QPdfDocument load, section lookup, first paint),
  which happens once per pause in typing;
- for comparison, the same render in a *thread* of the GUI process (``export_pdf``, what a worker
  thread would do): reportlab holds the GIL, and the keystrokes wait for it;
- pane closed again, to show the noise of a shared machine.

Prints median, p95 and max per run.
"""

from __future__ import annotations

import os
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

KEYS = 400


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from PySide6.QtCore import QEvent, QSettings, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from core.format2021 import t3_id
    from core.steps import STEP_INDEX
    from gui.app import make_app
    from gui.main_window import MainWindow

    app = make_app([])
    assert isinstance(app, QApplication)
    tmp = tempfile.mkdtemp()
    w = MainWindow(autosave_dir=Path(tmp), settings=QSettings(f"{tmp}/s.ini", QSettings.Format.IniFormat))
    w.resize(1366, 768)
    w.show()
    w.open_sample(ask=False)
    w.files.timer.stop()  # autosave is not what is measured
    page_index = STEP_INDEX["s3"]
    w.go(page_index)
    page = w.page(page_index)
    view = w.document_view

    def idle() -> None:
        for _ in range(3):
            app.processEvents()

    def wait(until: Callable[[], bool], seconds: float = 30) -> None:
        end = time.monotonic() + seconds
        while not until() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.002)

    def key(text: str) -> float:
        target = QApplication.focusWidget() or page
        code = Qt.Key.Key_Return if text == "\r" else 0
        t0 = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, text))
        idle()
        return time.perf_counter() - t0

    def run(name: str, between: Callable[[int], None]) -> None:
        page.focus_cell(t3_id("new", "natural"))
        idle()
        samples = []
        for i in range(KEYS):
            between(i)
            samples.append(key("\r" if i % 4 == 3 else str(i % 10)))
        samples.sort()
        med = statistics.median(samples)
        p95 = samples[int(len(samples) * 0.95) - 1]
        if not name:
            w.doc.undo_stack.setIndex(0)
            idle()
            return
        print(f"{name:<58} median {med * 1e3:6.2f} ms   p95 {p95 * 1e3:6.2f} ms   max {samples[-1] * 1e3:6.1f} ms",
              flush=True)
        w.doc.undo_stack.setIndex(0)
        idle()

    run("", lambda i: None)  # warm-up: first paints, caches
    run("keystroke to idle, document view closed", lambda i: None)

    w.document_dock.show()
    wait(lambda: view.generation > 0 and not view.client.busy)
    renders = [0]

    def in_flight(i: int) -> None:
        if i % 8 == 0:
            view.render_now()
            renders[0] += 1

    run("keystroke to idle, view open, render in flight (process)", in_flight)
    print(f"{'':<58} ({renders[0]} renders requested during typing, {view.dropped} dropped on arrival,"
          " the rest superseded)")
    # after the pause the newest render is shown; what that costs the GUI thread, once per pause:
    wait(lambda: not view.timer.isActive() and not view.client.busy)
    wait(lambda: view.generation > renders[0])
    data = bytes(view._data.data())
    loads = []
    for i in range(20):
        t0 = time.perf_counter()
        before = view.generation
        view._show(before + 1000 + i, data, 0)
        wait(lambda before=before: view.generation != before and view.pdf.status() == view.pdf.Status.Ready)
        idle()
        loads.append(time.perf_counter() - t0)
    print(f"{'showing a finished render (GUI thread, once per pause)':<58} median "
          f"{statistics.median(loads) * 1e3:6.2f} ms   max {max(loads) * 1e3:6.1f} ms", flush=True)
    w.document_dock.hide()
    idle()

    from core.compute import compute
    from core.pdf import export_pdf

    threads: list[threading.Thread] = []

    def in_thread(i: int) -> None:
        if i % 8 == 0:
            report = w.doc.report
            t = threading.Thread(target=lambda: export_pdf(report, compute(report), [], draft=True))
            t.start()
            threads.append(t)

    run("comparison: the same renders in a GUI-process thread", in_thread)
    for t in threads:
        t.join()
    run("keystroke to idle, document view closed (again)", lambda i: None)
    w.doc.undo_stack.setClean()
    view.shutdown()
    w.close()


if __name__ == "__main__":
    main()
