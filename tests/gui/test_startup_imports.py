"""Start-up imports what the start page needs only: a heavy library pulled in at start costs every clerk
every start (issue 11 §3: cold start within 80 ms of a bare Qt window; ``python -m bench gui``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Exporters, importers, the PDF pane and the rules wait until a report is open or a command runs.
HEAVY = ("reportlab", "openpyxl", "docx", "pdfplumber", "pdfminer", "lxml", "html5lib",
         "PySide6.QtPdf", "PySide6.QtPdfWidgets", "core.importing", "core.rules", "core.prose",
         "core.pdf", "gui.document_view", "gui.table_page", "gui.narrative_page", "gui.meta_page",
         "gui.exports", "importlib.metadata", "tomllib")

_CHILD = """
import json, sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

def idle():
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    if not shown:
        QTimer.singleShot(5, idle)
        return
    start = [w.showing_start for w in shown if hasattr(w, "showing_start")]
    print("MODULES", json.dumps({{"start": start, "modules": sorted(sys.modules)}}), flush=True)
    QApplication.quit()

original = QApplication.exec
def exec_then_quit(*_a):
    QTimer.singleShot(0, idle)
    return int(original())
QApplication.exec = exec_then_quit
from gui.app import run
sys.exit(run([]))
"""


def test_start_page_loads_no_heavy_module(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    proc = subprocess.run([sys.executable, "-c", _CHILD.format(root=str(ROOT))], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("MODULES ")), None)
    assert proc.returncode == 0 and line is not None, proc.stderr[-2000:]
    seen = json.loads(line.removeprefix("MODULES "))
    assert seen["start"] == [True]  # the first screen is the start page, and it is up
    modules = set(seen["modules"])
    assert "gui.start_page" in modules
    loaded = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert loaded == [], f"start-up imported {loaded}"
