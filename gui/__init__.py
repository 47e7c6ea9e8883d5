"""The Qt wizard (PySide6). Importing any ``gui`` module first guards against a PySide6 refcount bug.

PySide6 6.12 on CPython 3.11 drops one reference to ``None`` each time Python calls a C++ method that
returns nothing (``setText``, ``processEvents`` …; measured: −1000 after 1000 calls). ``None``
starts with a few thousand references, so after some minutes of typing the interpreter aborts with
"none_dealloc" — losing the clerk's work. CPython 3.12 made ``None``/``True``/``False`` immortal
(PEP 683), which hides the bug; on older interpreters the same is done here by giving them a
reference count that no session can exhaust. They are static objects that are never freed anyway.
"""

from __future__ import annotations

import sys


def _immortalise_singletons() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 48


_immortalise_singletons()
