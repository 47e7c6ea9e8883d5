"""Bounds every reader applies before a library sees the bytes: size, zip members, nesting."""

from __future__ import annotations

from core.importing.document import ImportRefused
from core.reading import zip_members

MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 200


def zip_names(data: bytes, name: str, what: str) -> list[str]:
    """Member names of a zip container, refusing a zip bomb before anything is inflated."""
    infos = zip_members(data, name, ImportRefused, not_zip=f"文件“{name}”已损坏，无法作为{what}打开",
                        max_members=MAX_MEMBERS, max_uncompressed=MAX_UNCOMPRESSED, max_ratio=MAX_RATIO)
    return [i.filename for i in infos]
