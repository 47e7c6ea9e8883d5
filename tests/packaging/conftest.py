"""Fixtures for the packaging tests: one build per session (reused when its inputs did not change).

Outside CI a missing tool (PyInstaller, makensis, dpkg-deb) or missing root rights skips the test;
in CI (CI=true) the same condition fails it, so the package is really built and installed there.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core.about import APP_ID, EXECUTABLE, version  # noqa: E402
from tests.packaging.packaging_checks import Build, require  # noqa: E402

BUILD_TIMEOUT = 900
# GOV_REPORT_GLIBC228=1 (packaging/glibc228/job.sh): the bundle under test is the release one, built with
# the glibc-2.28 interpreter (build.sh), and the tests marked glibc228 run too. Otherwise the tests use the
# quick build of this python (build.sh --host-python, in dist/host/).
GLIBC228 = os.environ.get("GOV_REPORT_GLIBC228") == "1"


def pytest_report_header(config: pytest.Config) -> str:
    if GLIBC228:
        return "packaging: the glibc 2.28 release bundle (build.sh); glibc228 tests included"
    return ("packaging: the bundle of this python (build.sh --host-python); glibc228 tests deselected "
            "(packaging/glibc228/job.sh runs them)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The glibc228 tests need the release build (minutes, root, a bullseye chroot): CI's third job runs
    them. Elsewhere they are deselected, which pytest counts and prints, never skipped in silence."""
    if GLIBC228:
        return
    deselected = [item for item in items if item.get_closest_marker("glibc228")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("glibc228")]


@pytest.fixture(scope="session")
def build() -> Build:
    if not sys.platform.startswith("linux"):  # the Windows bundle is built and tested by its own workflow
        pytest.skip("the Linux bundle and .deb are built on Linux only")
    require(shutil.which("dpkg-deb"), "dpkg-deb is not installed")
    require(shutil.which("makensis"), "makensis is not installed (Debian package nsis)")
    if not GLIBC228:  # the glibc-2.28 build brings its own PyInstaller (packaging/glibc228/site.sh)
        require(importlib.util.find_spec("PyInstaller"), "PyInstaller is not installed")
    proc = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh"), "--fast", *([] if GLIBC228 else ["--host-python"])],
        cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT,
        env=dict(os.environ, PYTHON=sys.executable),
    )
    assert proc.returncode == 0, f"build.sh failed:\n{proc.stdout}\n{proc.stderr}"
    dist = ROOT / "dist" if GLIBC228 else ROOT / "dist" / "host"
    debs = sorted(dist.glob(f"{APP_ID}_{version()}_*.deb"))
    nsis = sorted((dist / "nsis-check").glob("*LINUX-PAYLOAD-VALIDATION-ONLY.exe"))
    assert len(debs) == 1, debs
    assert len(nsis) == 1, nsis
    bundle = dist / EXECUTABLE
    return Build(bundle, bundle / EXECUTABLE, debs[0], nsis[0], proc.stdout)


@pytest.fixture
def clean_env(tmp_path: Path) -> dict[str, str]:
    """A fresh user: own HOME and XDG folders (no autosave to restore), offscreen Qt, UTF-8 locale."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_", "XDG_"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(tmp_path / "run"),
        QT_QPA_PLATFORM="offscreen",
        LANG="C.UTF-8",
    )
    (tmp_path / "run").mkdir(mode=0o700)
    return env
