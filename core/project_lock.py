"""A lock file beside a project file: who is writing it, so two writers never meet silently.

``.NAME.lock`` (JSON: host, user, pid, since, token) is created exclusively when a report is opened
for writing and removed when it is closed. Anyone else opening the file finds it and is told who
holds it — a second window on this computer, or a colleague on a shared network folder — and
chooses (the GUI: 只读打开 / 仍然打开 / 取消; the CLI refuses). A lock left by a process that died on
this computer is stale and taken over silently; one from another computer cannot be checked from
here, so it is always shown with its time, for the clerk to judge.

Qt-free (QLockFile would do for the GUI, but the CLI must honour the same file).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

MAX_LOCK_BYTES = 4096
# A lock file that cannot be read (a writer killed between create and write) older than this is stale.
UNREADABLE_STALE_SECONDS = 10.0


def lock_path(project: Path) -> Path:
    return project.with_name(f".{project.name}.lock")


def _host() -> str:
    import socket  # here, not at the top: the window's start imports this module, socket and uuid cost ~3 ms

    return socket.gethostname() or "未知计算机"


def _user() -> str:
    try:
        import getpass

        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        return str(os.getuid()) if hasattr(os, "getuid") else "未知用户"


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer (when in doubt: yes)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(kernel32.GetLastError() == 5)  # access denied: it exists
        code = ctypes.c_ulong()
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return not ok or code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return True
    return True


@dataclass(frozen=True, slots=True)
class Holder:
    host: str
    user: str
    pid: int
    since: float
    token: str

    @classmethod
    def me(cls) -> Holder:
        import uuid

        return cls(_host(), _user(), os.getpid(), round(time.time(), 3), uuid.uuid4().hex)

    def to_json(self) -> str:
        return json.dumps({"app": "gkbg", "host": self.host, "user": self.user, "pid": self.pid,
                           "since": self.since, "token": self.token}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Holder | None:
        try:
            d = json.loads(text)
            holder = cls(str(d["host"]), str(d["user"]), int(d["pid"]), float(d["since"]), str(d["token"]))
        except (ValueError, KeyError, TypeError):
            return None
        return holder

    @property
    def here(self) -> bool:
        return self.host == _host()

    def describe(self) -> str:
        """Who, in Chinese: “本程序的另一个窗口” or “用户 zhang 在计算机 PC-12 上”, with since when."""
        when = dt.datetime.fromtimestamp(self.since).strftime("%Y-%m-%d %H:%M")
        if self.here and self.pid == os.getpid():
            who = "本程序的另一个窗口"
        elif self.here:
            who = f"本机用户“{self.user}”（进程 {self.pid}）"
        else:
            who = f"计算机“{self.host}”上的用户“{self.user}”"
        return f"{who}，自 {when} 起"


class LockedError(Exception):
    """The project is held by someone else; ``str()`` is a Chinese message naming them."""


class ProjectLock:
    def __init__(self, project: Path) -> None:
        self.project = project
        self.path = lock_path(project)
        self.me = Holder.me()
        self.held = False

    def holder(self) -> Holder | None:
        """Who holds the lock now (None: nobody, or a stale lock)."""
        try:
            if not self.path.is_file():
                return None
            with self.path.open("rb") as fh:
                raw = fh.read(MAX_LOCK_BYTES + 1)
            age = time.time() - self.path.stat().st_mtime
        except OSError:
            return None
        found = Holder.from_json(raw.decode("utf-8", "replace")) if len(raw) <= MAX_LOCK_BYTES else None
        if found is None:
            if age < UNREADABLE_STALE_SECONDS:  # being written right now
                return Holder("未知计算机", "未知用户", 0, time.time(), "")
            return None
        if found.token == self.me.token:
            return None
        if found.here and not pid_alive(found.pid):
            return None
        return found

    def acquire(self) -> Holder | None:
        """Take the lock; None if taken, else who holds it. OSError if the folder cannot be written."""
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                other = self.holder()
                if other is not None:
                    return other
                with contextlib.suppress(OSError):  # stale: a dead process's, or unreadable and old
                    self.path.unlink()
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(self.me.to_json())
                fh.flush()
                os.fsync(fh.fileno())
            self.held = True
            return None
        other = self.holder()
        if other is None:
            raise OSError(f"无法建立锁文件“{self.path}”")
        return other

    def force(self) -> None:
        """Take the lock although someone holds it (the clerk chose 仍然打开)."""
        from core.atomic import write_atomic

        # Replaced atomically through the one writer; taking a lock (acquire) stays O_EXCL creation.
        write_atomic(self.path, self.me.to_json().encode("utf-8"), force=True, mode=0o644)
        self.held = True

    def release(self) -> None:
        """Remove the lock file if it is still ours (someone may have taken it over)."""
        if not self.held:
            return
        self.held = False
        try:
            with self.path.open("rb") as fh:
                found = Holder.from_json(fh.read(MAX_LOCK_BYTES).decode("utf-8", "replace"))
            if found is not None and found.token == self.me.token:
                self.path.unlink()
        except OSError:
            pass


def check_writable(project: Path) -> None:
    """For a one-shot writer (the CLI): LockedError if someone else holds the project."""
    other = ProjectLock(project).holder()
    if other is not None:
        raise LockedError(f"“{project.name}”正被{other.describe()}打开编辑，为免互相覆盖，现在不能写入它。"
                          "请先在那里关闭它（若确认无人使用，可删除锁文件"
                          f"“{lock_path(project).name}”）")


__all__ = ["Holder", "LockedError", "ProjectLock", "check_writable", "lock_path", "pid_alive"]
