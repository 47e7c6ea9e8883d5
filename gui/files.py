"""Autosave, edit journal and recent files: never lose work, find it again.

The autosave is the working state written with ``core.project_file.dumps``;
beside it the journal (``core.journal``) holds every edit made since, so a
kill loses nothing between two autosaves. A clean exit removes both, so
finding them at start means the last session ended in a crash (or a kill)
and the clerk is offered to restore them.
"""

from __future__ import annotations

import contextlib
import errno
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile, QSettings, QStandardPaths

from core import journal
from core.atomic import WriteError, write_atomic
from core.model import Report

SUFFIX_JSON = ".gkbg.json"
MAX_RECENT = 8


def default_autosave_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # The autosave is ours alone: a read-only leftover must not stop it from protecting the work.
    # Private like the report it protects (0600), as mkstemp made it before.
    write_atomic(path, data, force=True, mode=0o600)


def _encode(text: str, path: Path) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise WriteError(path, "报告中含有无效字符（半个字符），请删去后再保存", errno.EILSEQ) from None


@dataclass(slots=True)
class Recovered:
    """What an orphaned autosave holds, for the restore prompt."""

    report: Report
    original: Path | None  # the project file it belongs to (None: never saved)
    edits: int  # journal records replayed on top of the snapshot
    last_edit: float | None  # unix time of the last edit (or of the snapshot)
    problem: str = ""  # a Chinese note: part of the journal could not be used


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
        self._journal: journal.JournalWriter | None = None
        self.generation = 0

    @staticmethod
    def _slot_name(i: int) -> str:
        return "autosave" if i == 0 else f"autosave-{i + 1}"

    def _paths(self, slot: str) -> tuple[Path, Path]:
        return self.directory / f"{slot}{SUFFIX_JSON}", self.directory / f"{slot}-info.json"

    def _journal_path(self, slot: str) -> Path:
        return self.directory / f"{slot}.journal"

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
        """Snapshot the report and restart the journal on it (compaction).

        Order matters: the snapshot first, then the journal restarts with that snapshot's digest.
        Killed in between, the old journal no longer matches the snapshot and is not replayed."""
        from core.project_file import dumps

        self._acquire()
        data, info = self._paths(self.slot)
        snapshot = _encode(dumps(report), data)
        self.generation += 1
        _atomic_write(info, json.dumps({"path": str(original) if original else None, "generation": self.generation,
                                        "saved": round(time.time(), 3)}, ensure_ascii=False).encode("utf-8"))
        _atomic_write(data, snapshot)
        if self._journal is None:
            self._journal = journal.JournalWriter(self._journal_path(self.slot))
        self._journal.start(snapshot, self.generation)

    @property
    def journal_active(self) -> bool:
        """Whether edits can be journalled now (a snapshot of the state before them is on disk)."""
        return self._journal is not None and self._journal.active

    def record(self, op: dict[str, Any]) -> None:
        """Append one edit to the journal; the caller writes a snapshot first if none is active."""
        assert self._journal is not None
        self._journal.append(op)

    @property
    def unsynced(self) -> bool:
        return self._journal is not None and self._journal.unsynced_since is not None

    def sync(self) -> None:
        if self._journal is not None:
            self._journal.sync()

    def read(self, slot: str | None = None) -> tuple[Report, Path | None]:
        """An orphaned autosave and the file it belongs to; ProjectFileError if unusable."""
        found = self.recover(slot)
        return found.report, found.original

    def recover(self, slot: str | None = None) -> Recovered:
        """An orphaned autosave with its journal replayed; ProjectFileError if the snapshot is unusable.

        A journal that cannot be used at all (not a journal, too big) costs only the edits since the
        snapshot, and says so; it never stops the snapshot from being restored."""
        from core.project_file import MAX_FILE_BYTES, ProjectFileError
        from core.reading import read_limited

        slot = slot or self.orphans()[0]
        data, info = self._paths(slot)
        snapshot = read_limited(data, MAX_FILE_BYTES, "年报项目文件", ProjectFileError)
        original: Path | None = None
        saved: float | None = None
        try:
            meta = json.loads(info.read_text(encoding="utf-8"))
            name = meta.get("path")
            original = Path(name) if name else None
            saved = float(meta["saved"]) if isinstance(meta.get("saved"), (int, float)) else None
        except (OSError, ValueError, AttributeError):
            original = None
        if saved is None:
            with contextlib.suppress(OSError):
                saved = data.stat().st_mtime
        problem = ""
        found: journal.Journal | None = None
        jpath = self._journal_path(slot)
        if jpath.exists():
            try:
                found = journal.read(jpath)
            except journal.JournalError as exc:
                problem = f"{exc}；只恢复了自动保存时的内容"
        out = journal.replay(snapshot, found, name=data.name)
        return Recovered(out.report, original, out.applied, out.last_edit or saved, out.problem or problem)

    def remove(self, slot: str | None = None) -> None:
        """Delete an autosave and its journal: this session's own by default."""
        if slot is None:
            if not self.slot:
                return
            slot = self.slot
        if slot == self.slot and self._journal is not None:
            self._journal.remove()
        with contextlib.suppress(OSError):
            self._journal_path(slot).unlink(missing_ok=True)
        for p in self._paths(slot):
            with contextlib.suppress(OSError):
                p.unlink(missing_ok=True)


class RecentFiles:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def list(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):  # an INI file with one entry reads back as a plain string
            return [value]
        return [str(v) for v in value] if isinstance(value, list | tuple) else []

    def add(self, path: Path) -> None:
        name = str(path)
        items = [p for p in self.list() if p != name]
        items.insert(0, name)
        self.settings.setValue("recentFiles", items[:MAX_RECENT])

    def remove(self, name: str) -> None:
        self.settings.setValue("recentFiles", [p for p in self.list() if p != name])
