"""Bounds every reader applies before a library sees the bytes: size, zip members, nesting."""

from __future__ import annotations

import io
import zipfile

from core.importing.document import ImportRefused

MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 200


def zip_names(data: bytes, name: str, what: str) -> list[str]:
    """Member names of a zip container, refusing a zip bomb before anything is inflated.

    zipfile never inflates a member past its declared size, so checking the declared sizes
    bounds the memory an import can take.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ImportRefused(f"文件“{name}”已损坏，无法作为{what}打开") from None
    if len(infos) > MAX_MEMBERS:
        raise ImportRefused(f"文件“{name}”包含 {len(infos)} 个压缩成员，超过上限 {MAX_MEMBERS}，已拒绝（疑似压缩炸弹）")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise ImportRefused(f"文件“{name}”解压后有 {total // 1024 // 1024} MB，超过上限 "
                            f"{MAX_UNCOMPRESSED // 1024 // 1024} MB，已拒绝（疑似压缩炸弹）")
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportRefused(f"文件“{name}”中的“{info.filename}”压缩比异常"
                                f"（{info.file_size // max(info.compress_size, 1)} 倍），已拒绝（疑似压缩炸弹）")
    return [i.filename for i in infos]
