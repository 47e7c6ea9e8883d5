"""Why a file could not be written, in words a clerk can act on.

The atomic save writes a hidden temporary file first, so the system's error names that file
and says it in English; the clerk needs the file they chose and what to do next.
"""

from __future__ import annotations

import errno
from pathlib import Path

_SAME = "没有在这个文件夹中写入的权限（或文件是只读的、正被其他程序打开）"
_REASONS = {
    errno.EACCES: _SAME,
    errno.EPERM: _SAME,
    errno.EROFS: "这个位置是只读的（如光盘或写保护的U盘）",
    errno.ENOSPC: "磁盘空间已满",
    errno.ENOENT: "文件夹不存在（可能已被删除、移动，或U盘、网络盘已断开）",
    errno.ENOTDIR: "文件夹不存在（路径中有一段是文件而不是文件夹）",
    errno.EISDIR: "已有同名的文件夹",
    errno.ENAMETOOLONG: "文件名或路径太长",
}


def failure_reason(exc: OSError) -> str:
    reason = _REASONS.get(exc.errno or 0)
    if reason is None:
        detail = exc.strerror or str(exc)
        reason = f"系统报告：{detail}" if detail else "原因不明"
    return reason


def write_failure_text(path: str | Path, exc: OSError, *, lost_nothing: str = "报告内容仍在程序中，没有丢失。") -> str:
    reason = failure_reason(exc)
    return (f"无法保存到“{path}”：{reason}。\n\n{lost_nothing}"
            "请另选一个文件夹（如“文档”或桌面）再保存。")
