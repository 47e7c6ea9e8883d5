"""The pinned Qt stack keeps Python's reference counts steady; a stack known to drift is refused at start.

PySide6 6.12 on CPython 3.11 drops a reference to None per void C++ call (the interpreter aborts after
some minutes of typing). The project pins PySide6 6.9.3 instead of patching the interpreter.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

from gui import KNOWN_DRIFT, drift_message

ROOT = Path(__file__).resolve().parents[2]
CALLS = 30_000

# Only PySide6 here (not gui, whose guard would refuse a bad stack first): this measures the stack itself.
_LOOP = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
app = QApplication([])
label, edit, obj = QLabel(), QLineEdit(), QObject()
def counts():
    return [sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)]
for _ in range(100):  # warm up caches (method wrappers, interned strings) before the first reading
    label.setText("1"); edit.setText("1"); label.setEnabled(True); edit.setReadOnly(False); obj.setObjectName("a")
before = counts()
for i in range(CALLS):
    label.setText("1")           # void, str argument
    edit.setText("2")
    label.setEnabled(True)       # void, bool argument
    edit.setReadOnly(False)
    obj.setObjectName("a")
    label.clear()                # void, no argument
    if i % 1000 == 0:
        app.processEvents()
after = counts()
print(json.dumps({"before": before, "after": after}))
""".replace("CALLS", str(CALLS))


def pins() -> dict[str, str]:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    return dict(re.match(r"([A-Za-z0-9_.-]+)==([\w.]+)$", d).groups() for d in deps if "==" in d)  # type: ignore[union-attr]


def test_the_suite_runs_on_the_pinned_qt_stack() -> None:
    wanted = pins()
    assert {"PySide6-Essentials", "PySide6-Addons"} <= wanted.keys()
    for dist, pinned in wanted.items():
        assert version(dist) == pinned, f"{dist} {version(dist)} installed, {pinned} pinned: bash scripts/setup.sh"


def test_no_refcount_drift_over_30000_calls_of_each_kind() -> None:
    proc = subprocess.run([sys.executable, "-c", _LOOP], cwd=ROOT, capture_output=True, text=True,
                          check=False, timeout=300)
    assert proc.returncode == 0, proc.stderr[-800:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    for name, before, after in zip(("None", "True", "False"), result["before"], result["after"], strict=True):
        # a drifting stack moves by one per call (30,000 or more); steady state moves by none
        assert abs(after - before) <= 10, f"sys.getrefcount({name}) {before} → {after} over {CALLS} calls"


def test_known_bad_combination_is_refused_in_chinese() -> None:
    message = drift_message((6, 12, 0), (3, 11, 7))
    assert message is not None
    assert "PySide6 6.12.0" in message and "Python 3.11.7" in message
    assert "拒绝启动" in message and "6.9.3" in message


@pytest.mark.parametrize(("pyside", "python", "impl"), [
    ((6, 9, 3), (3, 11, 2), "cpython"),    # the pinned stack on Debian 12's Python
    ((6, 11, 3), (3, 11, 7), "cpython"),   # measured without drift
    ((6, 12, 0), (3, 12, 1), "cpython"),   # PEP 683: immortal None hides the defect
    ((6, 12, 0), (3, 11, 7), "pypy"),      # no CPython reference counts to exhaust
])
def test_combinations_not_known_to_drift_start(pyside, python, impl) -> None:
    assert drift_message(pyside, python, impl) is None


def test_every_table_entry_is_refused() -> None:
    for (major, minor), pythons in KNOWN_DRIFT.items():
        for py in pythons:
            assert drift_message((major, minor, 0), (*py, 0)) is not None


def test_importing_gui_on_a_drifting_stack_exits_with_the_message(tmp_path: Path) -> None:
    """The start-up path itself: a PySide6 reporting 6.12.0 under CPython 3.11 stops ``import gui``."""
    fake = tmp_path / "PySide6"
    fake.mkdir()
    (fake / "__init__.py").write_text("raise ImportError('the guard must not import Qt')\n", encoding="utf-8")
    (fake / "_git_pyside_version.py").write_text(
        'major_version = "6"\nminor_version = "12"\npatch_version = "0"\n', encoding="utf-8")
    code = ("import sys; sys.version_info = (3, 11, 7, 'final', 0); import gui; print('started')")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env=env, check=False, timeout=60)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "started" not in proc.stdout
    assert "拒绝启动" in proc.stderr and "PySide6 6.12.0" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_guard_reads_the_installed_version() -> None:
    import PySide6

    from gui import installed_pyside

    assert installed_pyside() == tuple(PySide6.__version_info__[:3])
