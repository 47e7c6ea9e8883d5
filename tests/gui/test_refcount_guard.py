"""PySide6 6.12 on CPython 3.11 drops a reference to None per void C++ call; importing gui guards it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_LOOP = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import gui
from PySide6.QtWidgets import QApplication, QLineEdit
app = QApplication([])
edit = QLineEdit()
for _ in range(30000):  # far more than None's initial reference count
    edit.setText("1")
    app.processEvents()
print("alive")
"""


def test_many_void_calls_do_not_abort_the_interpreter() -> None:
    proc = subprocess.run([sys.executable, "-c", _LOOP], cwd=ROOT, capture_output=True, text=True,
                          check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert "alive" in proc.stdout
