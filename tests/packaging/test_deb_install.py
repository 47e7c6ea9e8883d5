"""Install the .deb with dpkg, use the installed program headless, remove it: nothing may be left.

Needs root and dpkg: skipped without them, except in CI (CI=true), where it must run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from core.about import APP_ID, EXECUTABLE
from tests.packaging.packaging_checks import Build, export_sample, require, wait_ready

pytestmark = pytest.mark.slow

APP_DIR = Path("/opt/apps") / APP_ID
WRAPPER = Path("/usr/bin") / EXECUTABLE
LINKS = [
    Path("/usr/share/applications") / f"{APP_ID}.desktop",
    Path("/usr/share/mime/packages") / f"{APP_ID}.xml",
    Path("/usr/share/icons/hicolor/48x48/apps") / f"{APP_ID}.png",
]


def dpkg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["dpkg", *args], capture_output=True, text=True, timeout=300)


def installed() -> bool:
    proc = subprocess.run(["dpkg-query", "-W", "-f=${Status}", APP_ID], capture_output=True, text=True)
    return proc.returncode == 0 and "installed" in proc.stdout and "not-installed" not in proc.stdout


@pytest.fixture
def installed_package(build: Build):
    require(shutil.which("dpkg"), "dpkg is not available")
    require(os.geteuid() == 0, "installing a .deb needs root")
    if installed():  # a previous run that was interrupted
        dpkg("-r", APP_ID)
    proc = dpkg("-i", str(build.deb))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    try:
        yield build.deb
    finally:
        if installed():
            dpkg("-r", APP_ID)


def run_as_ordinary_user() -> None:
    """Clerks are not root: every installed file must be readable, the executables executable."""
    if not shutil.which("su") or subprocess.run(["id", "nobody"], capture_output=True).returncode:
        return
    with tempfile.TemporaryDirectory() as tmp:  # pytest's tmp_path is private to root
        home = Path(tmp)
        home.chmod(0o777)
        proc = subprocess.run(
            ["su", "nobody", "-s", "/bin/sh", "-c", f"cd {home} && HOME={home} {WRAPPER} sample -o n.gkbg.json"],
            capture_output=True, text=True, timeout=120,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert (home / "n.gkbg.json").is_file()


def test_install_use_and_remove(installed_package: Path, clean_env: dict[str, str], tmp_path: Path) -> None:
    assert installed()
    assert (APP_DIR / "files" / EXECUTABLE).is_file()
    assert os.access(WRAPPER, os.X_OK)
    for link in LINKS:
        assert link.resolve().is_file(), link
    mime_globs = Path("/usr/share/mime/globs2")
    if mime_globs.is_file():  # refreshed by shared-mime-info's dpkg trigger
        globs = mime_globs.read_text(encoding="utf-8")
        assert ":*.gkbg.json" in globs and ":*.gkbg\n" in globs

    work = tmp_path / "work"
    work.mkdir()
    headless = {k: v for k, v in clean_env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    headless["PATH"] = "/usr/bin:/bin"
    export_sample(EXECUTABLE, headless, work)  # found on PATH through the /usr/bin wrapper
    wait_ready(WRAPPER, clean_env, work)
    run_as_ordinary_user()

    proc = dpkg("-r", APP_ID)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not installed()
    assert not APP_DIR.exists()
    assert not WRAPPER.exists()
    for link in LINKS:
        assert not link.is_symlink() and not link.exists(), link
    if mime_globs.is_file():
        assert ":*.gkbg" not in mime_globs.read_text(encoding="utf-8")
