"""Run a script in a fresh interpreter on the real X11 (xcb) platform under Xvfb: keyboard behaviour that
differs by platform (Ctrl+Y, Ctrl+P on X11) is tested there too, not only offscreen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

needs_xvfb = pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run for a real X11 (xcb) display")


def run_on_xcb(script: str) -> None:
    """Run ``script`` with QT_QPA_PLATFORM=xcb on a 1366×768 Xvfb screen; it must exit 0 and print "ok" last."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"
    run = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", sys.executable, "-c", script],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0 and run.stdout.strip().endswith("ok"), run.stdout[-2000:] + run.stderr[-3000:]
