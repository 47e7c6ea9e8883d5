"""Autosave and recent files: never lose work, find it again.

The autosave is the working state written with ``core.project_file.dumps``;
a clean exit removes it, so finding one at start means the last session
ended in a crash (or a kill) and the clerk is offered to restore it.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from core.model import Report

AUTOSAVE_NAME = "autosave.gkbg.json"
INFO_NAME = "autosave-info.json"
MAX_RECENT = 8


def default_autosave_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Autosave:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else default_autosave_dir()

    @property
    def path(self) -> Path:
        return self.directory / AUTOSAVE_NAME

    @property
    def info_path(self) -> Path:
        return self.directory / INFO_NAME

    def exists(self) -> bool:
        return self.path.is_file()

    def write(self, report: Report, original: Path | None) -> None:
        from core.project_file import dumps

        _atomic_write(self.info_path, json.dumps({"path": str(original) if original else None},
                                                 ensure_ascii=False))
        _atomic_write(self.path, dumps(report))

    def read(self) -> tuple[Report, Path | None]:
        """The autosaved report and the file it belongs to; ProjectFileError if unusable."""
        from core.project_file import load

        report = load(self.path)
        original: Path | None = None
        try:
            name = json.loads(self.info_path.read_text(encoding="utf-8")).get("path")
            original = Path(name) if name else None
        except (OSError, ValueError, AttributeError):
            original = None
        return report, original

    def remove(self) -> None:
        for p in (self.path, self.info_path):
            with contextlib.suppress(OSError):
                p.unlink(missing_ok=True)


class RecentFiles:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def list(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def add(self, path: Path) -> None:
        name = str(path)
        items = [p for p in self.list() if p != name]
        items.insert(0, name)
        self.settings.setValue("recentFiles", items[:MAX_RECENT])

    def remove(self, name: str) -> None:
        self.settings.setValue("recentFiles", [p for p in self.list() if p != name])
