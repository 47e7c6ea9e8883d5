"""Why a file could not be written, in words a clerk can act on.

The atomic save writes a hidden temporary file first, so the system's error names that file
and says it in English; the clerk needs the file they chose and what to do next.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from core.atomic import ReadOnlyTargetError, WriteError, os_error_reason


def failure_reason(exc: OSError) -> str:
    if isinstance(exc, WriteError):
        return exc.reason
    return os_error_reason(exc)


def write_failure_text(path: str | Path, exc: OSError, *, lost_nothing: str = "报告内容仍在程序中，没有丢失。") -> str:
    reason = failure_reason(exc)
    return (f"无法保存到“{path}”：{reason}。\n\n{lost_nothing}"
            "请另选一个文件夹（如“文档”或桌面）再保存。")


def write_with_consent(parent: QWidget, path: str | Path, write: Callable[[bool], None], *,
                       title: str = "保存失败", lost_nothing: str = "报告内容仍在程序中，没有丢失。") -> bool:
    """Run ``write(force)``; a read-only target is replaced only if the clerk says so. True if written."""
    try:
        write(False)
        return True
    except ReadOnlyTargetError:
        answer = QMessageBox.question(
            parent, "文件是只读的",
            f"“{path}”是只读文件（可能是有意保护的定稿）。\n\n仍然用新内容替换它吗？替换后仍保持只读。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            write(True)
            return True
        except OSError as exc:
            QMessageBox.critical(parent, title, write_failure_text(path, exc, lost_nothing=lost_nothing))
            return False
    except OSError as exc:
        QMessageBox.critical(parent, title, write_failure_text(path, exc, lost_nothing=lost_nothing))
        return False
