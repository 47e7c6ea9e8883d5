"""File dialogs in Chinese throughout, with readable columns, starting where the clerk last was.

On Linux Qt draws its own file dialog. Qt's zh_CN translation misses a few of its labels (the
accelerator variants 「&Look in:」, 「Files of &type:」), the file type column shows the desktop's
English MIME names cut to 「pla…ent」, and dates follow the system locale (「1 12 2026 08:24」 under
C). Every dialog the program opens — the static ``QFileDialog.get…FileName`` calls included — is
fixed here when it is shown, so no caller has to remember to: ``install`` wraps QFileDialog's static
functions and its show/open/exec, instead of filtering every event of the application.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QFileInfo,
    QIdentityProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QTranslator,
)
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QHeaderView, QTreeView

from gui.qt_strings import ChineseQtStrings

LAST_FOLDER_KEY = "lastFolder"
_SHOW = QEvent.Type.Show  # looked up once: the filter sees every event of the application
_TYPE_COLUMN, _DATE_COLUMN = 2, 3

# What the type column says; anything else is 「文件」 (the MIME name is English on most desktops).
_TYPES = ((".gkbg.json", "年报项目文件"), (".gkbg", "年报项目文件"), (".xlsx", "Excel 工作簿"),
          (".xls", "Excel 97-2003 工作簿"), (".pdf", "PDF 文件"), (".docx", "Word 文档"),
          (".html", "网页"), (".json", "JSON 文件"))


def file_type(name: str, is_dir: bool) -> str:
    if is_dir:
        return "文件夹"
    lower = name.lower()
    return next((label for suffix, label in _TYPES if lower.endswith(suffix)), "文件")


class _ChineseColumns(QIdentityProxyModel):
    """Type and date columns as a clerk reads them: 「年报项目文件」, 「2026-12-01 08:24」."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and index.column() in (_TYPE_COLUMN, _DATE_COLUMN):
            source = self.sourceModel()
            if isinstance(source, QFileSystemModel):
                src = self.mapToSource(index)
                info: QFileInfo = source.fileInfo(src)
                if index.column() == _TYPE_COLUMN:
                    return file_type(info.fileName(), info.isDir())
                modified = source.lastModified(src)
                return modified.toString("yyyy-MM-dd HH:mm") if modified.isValid() else ""
        return super().data(index, role)


class _Polisher(QObject):
    """Fixes each file dialog as it is first shown."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == _SHOW and isinstance(obj, QFileDialog) and not obj.property("gkbgPolished"):
            obj.setProperty("gkbgPolished", True)
            polish(obj)
        return False


def polish(dialog: QFileDialog) -> None:
    if dialog.testOption(QFileDialog.Option.DontUseNativeDialog) or sys.platform.startswith("linux"):
        if dialog.proxyModel() is None:
            dialog.setProxyModel(_ChineseColumns(dialog))
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        view = dialog.findChild(QTreeView, "treeView")
        if view is not None:
            header = view.header()
            fm = view.fontMetrics()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            header.setStretchLastSection(False)
            header.resizeSection(1, fm.horizontalAdvance("999.9 MB") + 24)
            header.resizeSection(_TYPE_COLUMN, fm.horizontalAdvance("Excel 97-2003 工作簿") + 24)
            header.resizeSection(_DATE_COLUMN, fm.horizontalAdvance("2026-12-01 08:24") + 24)
        if dialog.width() < 760:
            dialog.resize(760, max(dialog.height(), 460))


def remember_folder(chosen: str, settings: QSettings) -> None:
    """Remember the folder of a file the clerk chose: the next dialog without a better start opens there."""
    settings.setValue(LAST_FOLDER_KEY, QFileInfo(chosen).absolutePath())


def last_folder(settings: QSettings, fallback: str = "") -> str:
    """Where a dialog with no better start (no report file yet) opens: the folder used last."""
    value = settings.value(LAST_FOLDER_KEY, "")
    if isinstance(value, str) and value and QFileInfo(value).isDir():
        return value
    return fallback


# The static functions build their dialog inside Qt, out of Python's reach: the polisher watches the
# application's events while one of them runs, and only then. Watching always would hand every event
# of every widget to Python (the first of each Qt class setting up its Python type: ~11 ms before the
# window's first paint, and a Python call on every event after it).
_STATIC = ("getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory",
           "getOpenFileUrl", "getOpenFileUrls", "getSaveFileUrl", "getExistingDirectoryUrl")
# A dialog made in Python is polished as it is shown or run.
_SHOWN = ("show", "open", "exec", "setVisible")
_polisher: list[QObject] = []  # the one install() made


def _watching(original: Callable[..., Any]) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        app = QCoreApplication.instance()
        if app is None or not _polisher:
            return original(*args, **kwargs)
        polisher = _polisher[0]
        app.installEventFilter(polisher)
        try:
            return original(*args, **kwargs)
        finally:
            app.removeEventFilter(polisher)

    call.__name__ = call.__qualname__ = getattr(original, "__name__", "call")
    return call


def _polishing(original: Callable[..., Any]) -> Callable[..., Any]:
    def call(self: QFileDialog, *args: Any, **kwargs: Any) -> Any:
        if not self.property("gkbgPolished") and (args[0] if args else kwargs.get("visible", True)) is not False:
            self.setProperty("gkbgPolished", True)
            polish(self)
        return original(self, *args, **kwargs)

    call.__name__ = call.__qualname__ = getattr(original, "__name__", "call")
    return call


def _hook_dialogs() -> None:
    if getattr(QFileDialog, "_gkbg_hooked", False):
        return
    for name in _STATIC:
        if hasattr(QFileDialog, name):
            setattr(QFileDialog, name, staticmethod(_watching(getattr(QFileDialog, name))))
    for name in _SHOWN:
        setattr(QFileDialog, name, _polishing(getattr(QFileDialog, name)))
    QFileDialog._gkbg_hooked = True  # type: ignore[attr-defined]


def install(app: QCoreApplication) -> tuple[QTranslator, QObject]:
    """Once at start-up, after Qt's own translation; returns what was installed (tests remove it)."""
    translator, polisher = ChineseQtStrings(app), _Polisher(app)
    app.installTranslator(translator)
    _polisher[:] = [polisher]
    _hook_dialogs()
    return translator, polisher
