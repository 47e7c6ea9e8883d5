"""Reading a file the clerk chose, with the refusals every importer words the same way.

Only regular files are read: a FIFO would block forever and ``/dev/zero`` never ends. The file
is opened non-blocking (so opening a FIFO returns at once), checked with ``fstat`` on the open
descriptor (no race with a swapped path), and never more than ``limit + 1`` bytes are read,
whatever its size claims.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from core.atomic import os_error_reason


def read_limited(path: Path, limit: int, kind: str, error: type[Exception]) -> bytes:
    """The file's bytes, or ``error`` with a Chinese message; ``kind`` names what the file should be."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise error(f"找不到文件“{path}”") from None
    except IsADirectoryError:
        raise error(f"“{path}”是文件夹，不是{kind}") from None
    except PermissionError:
        raise error(f"没有权限读取文件“{path}”（权限不足）") from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise error(f"文件名过长，无法打开“{_short(path)}”") from None
        raise error(f"无法读取文件“{_short(path)}”：{os_error_reason(exc)}") from None
    except ValueError:  # a NUL in the name
        raise error(f"文件名“{_short(path)}”中有无效字符") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise error(f"“{path}”是文件夹，不是{kind}")
        if not stat.S_ISREG(st.st_mode):
            raise error(f"“{path}”不是普通文件（是设备、管道或套接字），不是{kind}")
        if st.st_size > limit:
            raise error(_too_big(path, st.st_size, limit, kind))
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            try:
                chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            except BlockingIOError:  # pragma: no cover - regular files never block
                continue
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:  # grew while we read, or lied about its size
            raise error(_too_big(path, got, limit, kind))
        return b"".join(chunks)
    except OSError as exc:
        raise error(f"无法读取文件“{_short(path)}”：{os_error_reason(exc)}") from None
    finally:
        os.close(fd)


def _too_big(path: Path, size: int, limit: int, kind: str) -> str:
    return (f"文件“{path.name}”有 {max(size // 1024 // 1024, 1)} MB 以上，超过 {limit // 1024 // 1024} MB 上限，"
            f"不是{kind}")


def _short(path: Path) -> str:
    text = str(path)
    return text if len(text) <= 80 else text[:40] + "…" + text[-30:]


def exists(path: Path) -> bool:
    """``Path.exists`` that says False instead of raising for names the system cannot look up."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False
