"""Autosave and recent files: never lose work, find it again.

The autosave is the working state written with ``core.project_file.dumps``;
a clean exit removes it, so finding one at start means the last session
ended in a crash (or a kill) and the clerk is offered to restore it.
"""

from __future__ import annotations

import contextlib
import errno
import json
from pathlib import Path

from PySide6.QtCore import QLockFile, QSettings, QStandardPaths

from core.atomic import WriteError, write_atomic
from core.model import Report

SUFFIX_JSON = ".gkbg.json"
MAX_RECENT = 8


def default_autosave_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # The autosave is ours alone: a read-only leftover must not stop it from protecting the work.
    # Private like the report it protects (0600), as mkstemp made it before.
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise WriteError(path, "报告中含有无效字符（半个字符），请删去后再保存", errno.EILSEQ) from None
    write_atomic(path, data, force=True, mode=0o600)


class Autosave:
    """One autosave slot per running instance, held with a lock file.

    Two windows open at once must not overwrite each other's autosave, and one closing cleanly
    must not delete the other's. A slot whose file exists but whose lock nobody holds belongs to
    a session that died: that is what the next start offers to restore.
    """

    MAX_SLOTS = 9

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else default_autosave_dir()
        self.slot = ""
        self._lock: QLockFile | None = None

    @staticmethod
    def _slot_name(i: int) -> str:
        return "autosave" if i == 0 else f"autosave-{i + 1}"

    def _paths(self, slot: str) -> tuple[Path, Path]:
        return self.directory / f"{slot}{SUFFIX_JSON}", self.directory / f"{slot}-info.json"

    def _acquire(self) -> None:
        if self._lock is not None:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        for i in range(self.MAX_SLOTS):
            lock = QLockFile(str(self.directory / f"{self._slot_name(i)}.lock"))
            if lock.tryLock(0):
                self._lock, self.slot = lock, self._slot_name(i)
                return
        raise OSError(f"自动保存文件夹“{self.directory}”中的槽位都已被占用")

    def release(self) -> None:
        """Give up the slot (what a dying process does); the file stays."""
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    @property
    def path(self) -> Path:
        self._acquire()
        return self._paths(self.slot)[0]

    def orphans(self) -> list[str]:
        """Slots left by sessions that ended without a clean exit (this one's own included)."""
        if not self.directory.is_dir():
            return []
        self._acquire()
        found = []
        for i in range(self.MAX_SLOTS):
            slot = self._slot_name(i)
            if not self._paths(slot)[0].is_file():
                continue
            if slot == self.slot:
                found.append(slot)
                continue
            lock = QLockFile(str(self.directory / f"{slot}.lock"))
            if lock.tryLock(0):
                lock.unlock()
                found.append(slot)
        return found

    def exists(self) -> bool:
        return bool(self.orphans())

    def write(self, report: Report, original: Path | None) -> None:
        from core.project_file import dumps

        self._acquire()
        data, info = self._paths(self.slot)
        _atomic_write(info, json.dumps({"path": str(original) if original else None}, ensure_ascii=False))
        _atomic_write(data, dumps(report))

    def read(self, slot: str | None = None) -> tuple[Report, Path | None]:
        """An orphaned autosave and the file it belongs to; ProjectFileError if unusable."""
        from core.project_file import load

        data, info = self._paths(slot or self.orphans()[0])
        report = load(data)
        original: Path | None = None
        try:
            name = json.loads(info.read_text(encoding="utf-8")).get("path")
            original = Path(name) if name else None
        except (OSError, ValueError, AttributeError):
            original = None
        return report, original

    def remove(self, slot: str | None = None) -> None:
        """Delete an autosave: this session's own by default."""
        if slot is None:
            if not self.slot:
                return
            slot = self.slot
        for p in self._paths(slot):
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
