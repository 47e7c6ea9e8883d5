"""The Qt wizard (PySide6). Importing any ``gui`` module first refuses a Qt stack known to corrupt memory.

PySide6 6.12 on CPython 3.11 drops one reference to ``None`` each time Python calls a C++ method that
returns nothing (``setText``, ``processEvents`` …; measured: −1000 after 1000 calls). ``None`` starts
with a few thousand references, so after some minutes of typing the interpreter aborts with
"none_dealloc", losing the clerk's work. The project pins a stack without the defect (pyproject.toml:
PySide6 6.9.3; ``tests/gui/test_refcount_guard.py`` proves no drift over 30,000 calls on it) and
refuses to start on a combination in ``KNOWN_DRIFT`` instead of patching the interpreter.
"""

from __future__ import annotations

import re
import sys

# (PySide6 major, minor) → CPython (major, minor) versions on which it was measured to drift.
# CPython 3.12+ makes None/True/False immortal (PEP 683), which hides the defect there.
KNOWN_DRIFT: dict[tuple[int, int], frozenset[tuple[int, int]]] = {
    (6, 12): frozenset({(3, 11)}),
}


def drift_message(pyside: tuple[int, ...], python: tuple[int, ...], implementation: str = "cpython") -> str | None:
    """The Chinese refusal for a PySide6/Python pair known to drift, or None when it is not known to."""
    qt_pair = ((*pyside, 0, 0)[0], (*pyside, 0, 0)[1])
    py_pair = ((*python, 0, 0)[0], (*python, 0, 0)[1])
    if implementation != "cpython" or py_pair not in KNOWN_DRIFT.get(qt_pair, frozenset()):
        return None
    qt = ".".join(map(str, pyside[:3]))
    py = ".".join(map(str, python[:3]))
    return (f"错误：PySide6 {qt} 与 Python {py} 的组合有已知缺陷（每次界面操作都会泄漏解释器内部计数，"
            "使用几分钟后程序会崩溃并丢失未保存的工作），因此程序拒绝启动。\n"
            "请安装本程序固定的版本：PySide6-Essentials==6.9.3 和 PySide6-Addons==6.9.3"
            "（在源代码目录中运行 bash scripts/setup.sh 即可），或使用正式安装包。")


def installed_pyside() -> tuple[int, ...] | None:
    """PySide6's version without importing it: gui's Qt-free modules (steps, paste …) must not load Qt.

    PySide6's own version file is read where it lies on disk (a checkout: ~0.1 ms); a bundle keeps the
    package in an archive and its metadata beside it (importlib.metadata costs ~15 ms, so it comes second).
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("PySide6")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        try:
            text = (Path(folder) / "_git_pyside_version.py").read_text(encoding="utf-8")
        except OSError:
            continue
        found = [re.search(rf'^{part}_version = "(\d+)"', text, flags=re.M)
                 for part in ("major", "minor", "patch")]
        if all(found):
            return tuple(int(m.group(1)) for m in found if m)
    from importlib import metadata

    for dist in ("PySide6-Essentials", "PySide6"):
        try:
            parts = re.findall(r"\d+", metadata.version(dist))[:3]
        except metadata.PackageNotFoundError:
            continue
        return tuple(int(p) for p in parts) if parts else None
    return None


def refuse_known_drift() -> None:
    pyside = installed_pyside()
    message = drift_message(pyside, tuple(sys.version_info[:3]), sys.implementation.name) if pyside else None
    if message is not None:
        print(message, file=sys.stderr)
        raise SystemExit(2)


refuse_known_drift()
