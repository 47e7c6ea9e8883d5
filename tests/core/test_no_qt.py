"""core/ never imports Qt: proved in a fresh interpreter where PySide6 cannot be imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BLOCK_QT = """
import sys, importlib.abc
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'):
            raise ModuleNotFoundError('Qt is blocked in this test: ' + name)
sys.meta_path.insert(0, Block())
"""


def test_core_imports_and_works_without_qt(tmp_path: Path) -> None:
    script = BLOCK_QT + f"""
import pkgutil, importlib, core
for m in pkgutil.walk_packages(core.__path__, 'core.'):
    importlib.import_module(m.name)
from core.cli import main
rc = main(['sample', '-o', {str(tmp_path / 's.json')!r}])
rc += main(['check', {str(tmp_path / 's.json')!r}])
assert rc == 0, rc
assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]
print('NO-QT-OK')
"""
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "NO-QT-OK" in out.stdout


def test_core_test_suite_passes_without_qt() -> None:
    """The core's own tests, run with PySide6 made unimportable."""
    script = BLOCK_QT + """
import pytest
# Without pytest-qt its qt_log_* settings are unknown keys: strict config would refuse them.
sys.exit(pytest.main(['-q', '-p', 'no:pytest-qt', '-p', 'no:cacheprovider', '-o', 'addopts=--import-mode=importlib',
                     '-W', 'ignore::pytest.PytestConfigWarning', 'tests/core', '-k', 'not without_qt']))
"""
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
