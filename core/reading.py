"""Reading a file the clerk chose, with the refusals every importer words the same way."""

from __future__ import annotations

from pathlib import Path


def read_limited(path: Path, limit: int, kind: str, error: type[Exception]) -> bytes:
    """The file's bytes, or ``error`` with a Chinese message; ``kind`` names what the file should be."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise error(f"文件“{path.name}”有 {size // 1024 // 1024} MB，超过 {limit // 1024 // 1024} MB 上限，"
                        f"不是{kind}")
        return path.read_bytes()
    except FileNotFoundError:
        raise error(f"找不到文件“{path}”") from None
    except IsADirectoryError:
        raise error(f"“{path}”是文件夹，不是{kind}") from None
    except PermissionError:
        raise error(f"没有权限读取文件“{path}”") from None
    except OSError as exc:
        raise error(f"无法读取文件“{path}”：{exc.strerror or exc}") from None
