"""Writing a file so that a crash, a full disk or a rival writer never leaves it half-written.

Every file the program writes (project, backup, autosave, PDF, XLSX, preview copies…) goes
through :func:`write_atomic`:

* the bytes go to a temporary file in the target's own folder (``os.replace`` is atomic only
  within one file system), created with ``O_CREAT | O_EXCL`` under an unpredictable name, so a
  symlink or file planted at a guessable name is never followed or overwritten;
* the temp file is fsynced, renamed over the target, and the folder is fsynced, so after a
  power cut the target is either the old file or the new one;
* on every failure (full disk, permission, a kill between steps) the temp files are removed, and
  temp files left by killed writers are swept on the next save to the same folder: a writer
  holds an ``flock`` on its temp file, so a file nobody holds is litter;
* the target's permissions are kept; a read-only target is refused with
  :class:`ReadOnlyTargetError` unless ``force=True`` (the GUI asks, the CLI wants ``--force``);
* temp names never exceed NAME_MAX (255 bytes): a long target name is shortened and hashed.

Errors are :class:`WriteError`, an ``OSError`` whose ``str()`` is Chinese and names the
target the clerk chose (not the hidden temp file).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
_HAVE_FLOCK = fcntl is not None

NAME_MAX = 255
TEMP_SUFFIX = ".gktmp"
# A temp file of ours: ".<part of the name>.<16 hex digits>.gktmp" (see _temp_name).
_TEMP_RE = re.compile(r"^\..*\.[0-9a-f]{16}" + re.escape(TEMP_SUFFIX) + r"$", re.DOTALL)
# A temp file nobody holds a lock on is swept once it is this old: the gap between creating
# a temp file and locking it is microseconds; where there is no flock (Windows), age alone decides.
STALE_AFTER_SECONDS = 10.0
STALE_AFTER_SECONDS_NO_LOCK = 3600.0
_MAX_SWEEP = 1000  # a folder full of litter is swept over several saves, never in one long pause

_REASONS = {
    errno.EACCES: "权限不足（没有在这个文件夹中写入的权限，或文件是只读的、正被其他程序打开）",
    errno.EPERM: "权限不足（没有在这个文件夹中写入的权限，或文件是只读的、正被其他程序打开）",
    errno.EROFS: "这个位置是只读的（如光盘或写保护的U盘）",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘空间不足（超出磁盘配额）",
    errno.EFBIG: "文件过大，这个磁盘放不下",
    errno.ENOENT: "文件夹不存在（可能已被删除、移动，或U盘、网络盘已断开）",
    errno.ENOTDIR: "文件夹不存在（路径中有一段是文件而不是文件夹）",
    errno.EISDIR: "已有同名的文件夹",
    errno.ENAMETOOLONG: "文件名过长（或路径太长）",
    errno.EIO: "读写磁盘时出错（磁盘可能已损坏或已拔出）",
    errno.ELOOP: "路径中的符号链接过多或形成了循环",
    errno.EMFILE: "打开的文件过多",
    errno.ENFILE: "打开的文件过多",
    errno.ETXTBSY: "文件正被其他程序使用",
    errno.EBUSY: "文件正被其他程序使用",
    errno.EEXIST: "文件已存在",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.EINVAL: "文件名中有系统不允许的字符",
}


def os_error_reason(exc: OSError) -> str:
    """What went wrong, in Chinese; never the system's English text."""
    reason = _REASONS.get(exc.errno or 0)
    if reason is not None:
        return reason
    if exc.errno:
        name = errno.errorcode.get(exc.errno, str(exc.errno))
        return f"系统错误（错误代码 {name}）"
    return "原因不明的系统错误"


class WriteError(OSError):
    """A file that could not be written; ``str()`` is Chinese and names the target."""

    def __init__(self, path: str | os.PathLike[str], reason: str, err: int = 0) -> None:
        super().__init__(err, reason, str(path))
        self.path = str(path)
        self.reason = reason

    def __str__(self) -> str:
        return f"无法写入“{self.path}”：{self.reason}"


class ReadOnlyTargetError(WriteError):
    """The target exists and is read-only: replacing it needs the clerk's say-so (``force=True``)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(path, "文件是只读的，未替换", errno.EACCES)


def _from_os(path: str | os.PathLike[str], exc: OSError) -> WriteError:
    if isinstance(exc, WriteError):
        return exc
    return WriteError(path, os_error_reason(exc), exc.errno or 0)


def _utf8_prefix(text: str, limit: int) -> str:
    """The longest start of ``text`` whose UTF-8 is at most ``limit`` bytes (never half a character)."""
    raw = text.encode("utf-8", "surrogateescape")
    if len(raw) <= limit:
        return text
    return raw[:limit].decode("utf-8", "ignore")


def fit_name(name: str, suffix: str) -> str:
    """``name + suffix`` if that fits NAME_MAX, else a shortened name with a hash that keeps it unique."""
    full = name + suffix
    if len(full.encode("utf-8", "surrogateescape")) <= NAME_MAX:
        return full
    import hashlib  # here, as secrets below: loading OpenSSL (~2 ms) is not for the window's start

    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    room = NAME_MAX - len(suffix.encode()) - len(digest) - 1
    return f"{_utf8_prefix(name, room)}~{digest}{suffix}"


def _temp_name(target_name: str) -> str:
    import secrets

    token = secrets.token_hex(8)
    tail = f".{token}{TEMP_SUFFIX}"
    room = NAME_MAX - 1 - len(tail)
    return "." + _utf8_prefix(target_name, min(room, 100)) + tail


def backup_path(target: Path) -> Path:
    """Where the previous version of ``target`` is kept (``NAME.bak``, shortened if need be)."""
    return target.with_name(fit_name(target.name, ".bak"))


def is_read_only(path: Path) -> bool:
    """True if ``path`` exists as a file whose owner-write bit is off (root ignores the bit, we do not)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and not st.st_mode & stat.S_IWUSR


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class _Temp:
    """An exclusively created, locked temp file in ``directory``."""

    def __init__(self, directory: Path, target_name: str) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        for _ in range(100):
            path = directory / _temp_name(target_name)
            try:
                self.fd = os.open(path, flags, 0o600)
            except FileExistsError:
                continue  # someone's file (or a planted symlink) at that name: draw another
            self.path = path
            break
        else:  # pragma: no cover - 100 collisions of 64 random bits
            raise OSError(errno.EEXIST, "no free temp name")
        if _HAVE_FLOCK:
            with contextlib.suppress(OSError):
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def write(self, data: bytes, mode: int) -> None:
        if hasattr(os, "fchmod"):
            os.fchmod(self.fd, mode)
        view = memoryview(data)
        while view:
            n = os.write(self.fd, view)
            view = view[n:]
        os.fsync(self.fd)

    def close(self) -> None:
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1

    def discard(self) -> None:
        self.close()
        with contextlib.suppress(OSError):
            os.unlink(self.path)


def fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):  # some file systems (network, FUSE) refuse: not our failure
            os.fsync(fd)
    finally:
        os.close(fd)


def sweep_stale(directory: Path, *, now: float | None = None) -> int:
    """Remove our temp files that a killed writer left in ``directory``; returns how many."""
    now = time.time() if now is None else now
    removed = 0
    try:
        entries = os.scandir(directory)
    except OSError:
        return 0
    with entries:
        for i, entry in enumerate(entries):
            if i >= 100_000 or removed >= _MAX_SWEEP:
                break
            if not _TEMP_RE.match(entry.name):
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode):
                continue
            age = now - st.st_mtime
            if not _HAVE_FLOCK:
                if age >= STALE_AFTER_SECONDS_NO_LOCK:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                        removed += 1
                continue
            if age < STALE_AFTER_SECONDS:
                continue
            try:
                fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
            except OSError:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                continue  # a live writer holds it
            try:
                os.unlink(entry.path)
                removed += 1
            except OSError:
                pass
            finally:
                os.close(fd)
    return removed


def write_atomic(path: str | os.PathLike[str], data: bytes, *, force: bool = False, backup: bool = False,
                 mode: int | None = None) -> None:
    """Replace ``path`` by ``data`` atomically (see the module docstring).

    ``backup``: the previous file is kept as :func:`backup_path` (itself replaced atomically).
    ``mode``: permissions of a new file (default: the user's umask); an existing file keeps its own.
    Raises :class:`ReadOnlyTargetError` for a read-only target without ``force``, else
    :class:`WriteError` with a Chinese message.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _from_os(target, exc) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise WriteError(target, "已有同名的文件夹", errno.EISDIR)
    if st is not None and stat.S_ISREG(st.st_mode) and not st.st_mode & stat.S_IWUSR and not force:
        raise ReadOnlyTargetError(target)
    file_mode = (st.st_mode & 0o777) if st is not None and stat.S_ISREG(st.st_mode) else (
        mode if mode is not None else _default_mode())
    sweep_stale(directory)
    temps: list[_Temp] = []
    try:
        tmp = _Temp(directory, target.name)
        temps.append(tmp)
        tmp.write(data, file_mode)
        if backup and st is not None and stat.S_ISREG(st.st_mode):
            _backup(target, directory, temps)
        if os.name == "nt" and st is not None and not st.st_mode & stat.S_IWUSR:  # pragma: no cover - Windows
            os.chmod(target, stat.S_IWRITE)  # Windows refuses to replace a read-only file (force=True here)
        os.replace(tmp.path, target)
        tmp.close()
        temps.remove(tmp)
        if os.name == "nt" and st is not None and not st.st_mode & stat.S_IWUSR:  # pragma: no cover - Windows
            os.chmod(target, stat.S_IREAD)
    except OSError as exc:
        raise _from_os(target, exc) from None
    finally:
        for t in temps:
            t.discard()
    fsync_dir(directory)


def _backup(target: Path, directory: Path, temps: list[_Temp]) -> None:
    bak = _Temp(directory, backup_path(target).name)
    temps.append(bak)
    with open(target, "rb") as src:
        old = src.read()
    bak.write(old, os.stat(target).st_mode & 0o777)
    os.replace(bak.path, backup_path(target))
    bak.close()
    temps.remove(bak)
