"""PyInstaller runtime hook: with GOV_REPORT_EXIT_WHEN_READY=1 the GUI quits once its window is up.

The start-up benchmark (bench/bench_bundle.py) launches the bundled program with this variable and
measures the time until the line ``GOV_REPORT_READY`` appears. Without the variable nothing here runs,
and the headless subcommands never import Qt.
"""

import os


def _install() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    original_exec = QApplication.exec

    def ready() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        if not windows:  # the window is not shown yet: look again on the next turn of the loop
            QTimer.singleShot(10, ready)
            return
        print("GOV_REPORT_READY", flush=True)
        QApplication.quit()

    def exec_then_quit(*_args: object) -> int:
        # A zero timer runs after the events already queued (show, layout, first paint): the window is up
        # and the event loop is idle, i.e. the clerk could click.
        QTimer.singleShot(0, ready)
        return int(original_exec())

    QApplication.exec = exec_then_quit  # type: ignore[method-assign]
    QApplication.exec_ = exec_then_quit  # type: ignore[attr-defined]


if os.environ.get("GOV_REPORT_EXIT_WHEN_READY") == "1":
    _install()
