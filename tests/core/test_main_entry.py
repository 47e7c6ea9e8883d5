"""main.py decides between the wizard and the CLI before Qt is touched: clear Chinese refusals, no Qt abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"


def run_main(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(MAIN), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=60, check=False)


@pytest.fixture
def headless_env() -> dict[str, str]:
    """A terminal with no desktop: no X, no Wayland, no Qt platform chosen."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="DISPLAY/WAYLAND_DISPLAY are Linux's")
def test_no_display_says_so_in_chinese_before_qt_starts(headless_env, tmp_path: Path) -> None:
    proc = run_main(env=headless_env, cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "找不到图形显示" in proc.stderr and "DISPLAY" in proc.stderr and "xvfb-run" in proc.stderr
    for qt_noise in ("xcb", "Reinstalling", "qt.qpa", "Traceback"):
        assert qt_noise not in proc.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="DISPLAY/WAYLAND_DISPLAY are Linux's")
def test_headless_subcommands_need_no_display(headless_env, tmp_path: Path) -> None:
    proc = run_main("sample", "-o", "示例.gkbg", env=headless_env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "示例.gkbg").is_file()


def test_unknown_subcommand_gets_the_chinese_usage_error(headless_env, tmp_path: Path) -> None:
    proc = run_main("aggregate", "报告.gkbg", env=dict(headless_env, QT_QPA_PLATFORM="offscreen"), cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr.startswith("usage: main.py")
    assert "没有子命令“aggregate”" in proc.stderr and "check" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_an_existing_file_named_like_a_command_is_still_opened(monkeypatch, tmp_path: Path) -> None:
    """``aggregate`` names a file here: it goes to the wizard, not to the usage error."""
    sys.path.insert(0, str(ROOT))
    import main

    monkeypatch.chdir(tmp_path)
    assert main.looks_like_command("aggregate")
    (tmp_path / "aggregate").write_text("{}", encoding="utf-8")
    assert not main.looks_like_command("aggregate")
    for path_like in ("报告.gkbg", "sub/报告", "./x", "-platform"):
        assert not main.looks_like_command(path_like)


def test_display_detection() -> None:
    sys.path.insert(0, str(ROOT))
    import main

    assert main.display_missing({}, "linux")
    assert not main.display_missing({"DISPLAY": ":0"}, "linux")
    assert not main.display_missing({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not main.display_missing({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not main.display_missing({}, "win32")
