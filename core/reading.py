"""Reading a file the clerk chose, with the refusals every importer words the same way.

Only regular files are read: a FIFO would block forever and ``/dev/zero`` never ends. The file
is opened non-blocking (so opening a FIFO returns at once), checked with ``fstat`` on the open
descriptor (no race with a swapped path), and never more than ``limit + 1`` bytes are read,
whatever its size claims.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import zipfile
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


def zip_members(data: bytes, name: str, error: type[Exception], *, not_zip: str, max_members: int,
                max_uncompressed: int, max_ratio: int = 200) -> list[zipfile.ZipInfo]:
    """The members of a zip container (XLSX, DOCX), refusing a zip bomb before anything is inflated.

    zipfile never inflates a member past its declared size, so checking the declared sizes bounds the
    memory a reader can take. ``not_zip`` is the message for bytes that are no zip at all.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise error(not_zip) from None
    if len(infos) > max_members:
        raise error(f"文件“{name}”包含 {len(infos)} 个压缩成员，超过上限 {max_members}，已拒绝（疑似压缩炸弹）")
    total = sum(i.file_size for i in infos)
    if total > max_uncompressed:
        raise error(f"文件“{name}”解压后有 {total // 1024 // 1024} MB，超过上限 "
                    f"{max_uncompressed // 1024 // 1024} MB，已拒绝（疑似压缩炸弹）")
    for info in infos:
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and info.file_size > max_ratio * max(info.compress_size, 1):
            raise error(f"文件“{name}”中的“{info.filename}”压缩比异常（{ratio} 倍），已拒绝（疑似压缩炸弹）")
    return infos


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
