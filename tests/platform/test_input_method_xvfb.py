"""Chinese typed through a real input-method daemon into the wizard: Xvfb, D-Bus, xdotool (tools/im_proof.py).

Needs Debian packages xvfb, dbus-x11 (or dbus-daemon), xdotool, fcitx5, fcitx5-chinese-addons, ibus,
ibus-libpinyin and the xcb libraries of the Qt xcb platform; skipped, naming what is missing, otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "im_proof.py"

pytestmark = pytest.mark.slow


def _missing(daemon: str) -> list[str]:
    need = {"xvfb-run": "xvfb", "dbus-run-session": "dbus-daemon", "dbus-send": "dbus-bin", "xdotool": "xdotool"}
    if daemon == "fcitx5":
        need["fcitx5"] = "fcitx5"
    else:
        need |= {"ibus-daemon": "ibus", "ibus": "ibus"}
    missing = [pkg for tool, pkg in need.items() if shutil.which(tool) is None]
    if daemon == "fcitx5" and not Path("/usr/share/fcitx5/inputmethod/pinyin.conf").is_file():
        missing.append("fcitx5-chinese-addons")
    if daemon == "ibus" and not Path("/usr/share/ibus/component/libpinyin.xml").is_file():
        missing.append("ibus-libpinyin")
    if not any(Path(d, "libxcb-cursor.so.0").exists() for d in ("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib")):
        missing.append("libxcb-cursor0")
    return missing


def _prove(daemon: str, *extra: str) -> dict[str, object]:
    missing = _missing(daemon)
    if missing:
        pytest.skip("input-method proof needs Debian packages: " + " ".join(missing))
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "WAYLAND_DISPLAY")}
    out = subprocess.run(["xvfb-run", "-a", "dbus-run-session", "--", sys.executable, str(TOOL),
                          "--daemon", daemon, *extra],
                         capture_output=True, text=True, timeout=180, env=env, cwd=ROOT)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    assert lines, out.stdout + out.stderr
    return dict(json.loads(lines[-1]))


def _assert_chinese_everywhere(result: dict[str, object]) -> None:
    fields = result["fields"]
    assert isinstance(fields, dict)
    assert fields["meta.agency"] == "你好"
    assert fields["narrative.s5"] == "你好"
    assert fields["table.t3.new.natural(editor)"] == "你好"
    assert "“你好”" in fields["table.t3.new.natural(status bar)"]
    assert result["ok"] is True


def test_fcitx5_desk_types_chinese_through_the_bundled_ibus_plugin() -> None:
    result = _prove("fcitx5")
    assert result["qt_im_module"] == "ibus"  # gui.app switched from the desk's QT_IM_MODULE=fcitx
    _assert_chinese_everywhere(result)


def test_fcitx5_desk_without_the_switch_gets_plain_letters() -> None:
    """The control: the switch is what makes it work."""
    result = _prove("fcitx5", "--no-switch")
    assert result["qt_im_module"] == "fcitx"
    assert result["fields"]["narrative.s5"].strip() == "nihao"  # type: ignore[index]


def test_ibus_desk_still_types_chinese() -> None:
    result = _prove("ibus")
    assert result["qt_im_module"] == "ibus"
    _assert_chinese_everywhere(result)
