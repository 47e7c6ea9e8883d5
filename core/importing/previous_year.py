"""Last year's report as published (PDF, Word, web page, text, workbook) as the start of a new year.

从上年报告新建 needs last year as a project file: the new report names it, and X1–X4 read it
again each time. A clerk in the first year has only the published document, so it is imported
and saved as a project file beside the new one; the new report then refers to that file.
"""

from __future__ import annotations

from pathlib import Path

PREVIOUS_SUFFIX = "-上年.gkbg"
_PROJECT_SUFFIXES = (".gkbg.json", ".gkbg")


def _stem(path: Path) -> str:
    name = path.name
    for suffix in _PROJECT_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def is_project_file(path: Path) -> bool:
    """Our own project file (JSON) rather than a document to import: decided by content."""
    try:
        with open(path, "rb") as f:
            head = f.read(64)
    except OSError:  # the reader that follows says what is wrong, in Chinese
        return _stem(path) != path.stem or path.name.lower().endswith(".gkbg")
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def previous_copy_path(source: Path, new_path: Path | None) -> Path:
    """Where the imported last year goes by default: ``<new name>-上年.gkbg`` beside the new report
    (beside the source document while the new report has no file yet)."""
    if new_path is not None:
        return new_path.with_name(_stem(new_path) + PREVIOUS_SUFFIX)
    return source.with_name(_stem(source) + PREVIOUS_SUFFIX)
