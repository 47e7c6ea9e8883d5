"""An unexpected exception in the wizard: written to a log file, saved work rescued, one Chinese message.

PySide6 hands an exception raised in a slot or an event handler to ``sys.excepthook`` and carries
on; Python's default hook prints to a console the clerk does not have, so the error would pass
unseen and the next one with it. This hook leaves a trace a helpdesk can ask for, tries to write
the autosave, and says so in one message box — never a cascade of boxes for one broken repaint.
"""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

LOG_NAME = "错误记录.log"
MAX_LOG_BYTES = 1_000_000

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def default_log_dir() -> Path:
    from PySide6.QtCore import QStandardPaths

    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


class ErrorHook:
    def __init__(self, log_dir: Path, rescue: Callable[[], object] | None = None) -> None:
        self.log_path = log_dir / LOG_NAME
        self.rescue = rescue  # e.g. write the autosave: the report must outlive the bug
        self.showing = False
        self.count = 0

    def _log(self, text: str) -> bool:
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            if self.log_path.is_file() and self.log_path.stat().st_size > MAX_LOG_BYTES:
                self.log_path.replace(self.log_path.with_suffix(".old.log"))
            with self.log_path.open("a", encoding="utf-8") as fh:
                fh.write(text)
        except OSError:
            return False
        return True

    def __call__(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        self.count += 1
        stamp = dt.datetime.now().isoformat(timespec="seconds")
        text = f"--- {stamp}\n{''.join(traceback.format_exception(kind, exc, tb))}"
        logged = self._log(text)
        print(text, file=sys.stderr)
        rescued = False
        if self.rescue is not None:
            try:
                self.rescue()
                rescued = True
            except Exception:  # the rescue itself may be what is broken
                rescued = False
        if self.showing:  # one box at a time: a repaint that fails fails on every frame
            return
        self.showing = True
        try:
            self._show(logged, rescued)
        finally:
            self.showing = False

    def message(self, logged: bool, rescued: bool) -> str:
        lines = ["程序遇到了一个意外错误，刚才的操作可能没有完成。"]
        lines.append("已填写的内容已自动保存；" if rescued else "")
        lines.append("建议先保存报告（文件 → 保存），再继续填写；如果问题反复出现，请关闭后重新打开本程序。")
        if logged:
            lines.append(f"\n错误详情已记录在：{self.log_path}\n向技术支持求助时请提供这个文件。")
        return "\n".join(line for line in lines if line)

    def _show(self, logged: bool, rescued: bool) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is None:
            return
        QMessageBox.critical(QApplication.activeWindow(), "意外错误", self.message(logged, rescued))


def install(log_dir: Path | None = None, rescue: Callable[[], object] | None = None) -> ErrorHook:
    hook = ErrorHook(log_dir if log_dir is not None else default_log_dir(), rescue)
    sys.excepthook = hook
    return hook
