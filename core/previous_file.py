"""How a report names last year's file: relative to its own file, so the pair can move together.

One policy for every writer (new from last year, 浏览…, save, save as) and its inverse for every
reader (the wizard, ``check``). A name is relative to the folder of the report's own file when the
report has one; absolute when it has none yet, or when the two sit on different Windows drives.
"""

from __future__ import annotations

import os
from pathlib import Path

PathLike = str | os.PathLike[str]


def name_for(previous: PathLike, report_file: PathLike | None) -> str:
    """The text to store in ``meta.previous_report`` for ``previous`` seen from ``report_file``."""
    prev = Path(previous).resolve()
    if report_file is None:
        return str(prev)
    try:
        return os.path.relpath(prev, Path(report_file).resolve().parent)
    except ValueError:  # different drives on Windows: no relative path exists
        return str(prev)


def locate(name: str, report_file: PathLike | None) -> Path | None:
    """Where a stored name points, read from ``report_file``; None when no file is named."""
    name = name.strip()
    if not name:
        return None
    p = Path(name)
    if not p.is_absolute() and report_file is not None:
        p = Path(report_file).parent / p
    return p


def rebase(name: str, old_file: PathLike | None, new_file: PathLike) -> str:
    """The stored name once the report is written to ``new_file`` (save, save as elsewhere).

    A relative name with no old file has nothing to be relative to (a report never saved whose
    name was typed relative): it is kept as it is rather than guessed."""
    if not name.strip():
        return name
    if not Path(name.strip()).is_absolute() and old_file is None:
        return name
    target = locate(name, old_file)
    assert target is not None
    return name_for(target, new_file)
