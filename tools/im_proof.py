"""Chinese typed through a real input-method daemon into the wizard, under Xvfb and D-Bus.

    xvfb-run -a dbus-run-session -- python3 tools/im_proof.py --daemon fcitx5
    xvfb-run -a dbus-run-session -- python3 tools/im_proof.py --daemon ibus

Starts the daemon in a private HOME with a pinyin engine active, opens the wizard
on the xcb platform as a clerk's desk would (fcitx5: QT_IM_MODULE=fcitx and
XMODIFIERS=@im=fcitx, for which the bundled Qt has no plugin, so gui.app must
switch to the ibus plugin), focuses the 单位名称 field, a narrative editor and a
表三 cell, types ``nihao`` and a space with xdotool (real X key events through the
X server), and reads back what each field holds (the count cell refuses text and says so,
quoting it, in the status bar). Prints one JSON object; exit 0
when every field holds 你好.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = "你好"

FCITX_PROFILE = """[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
"""
# Active from the first key: the proof need not press the trigger key first.
FCITX_CONFIG = "[Behavior]\nActiveByDefault=True\n"


def bus_names() -> str:
    out = subprocess.run(["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/",
                          "org.freedesktop.DBus.ListNames"], capture_output=True, text=True, timeout=10)
    return out.stdout


def wait_for_name(name: str, timeout: float = 30.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if f'"{name}"' in bus_names():
            return True
        time.sleep(0.2)
    return False


def start_daemon(kind: str, home: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_DATA_HOME": str(home / ".local/share"), "XDG_CACHE_HOME": str(home / ".cache")}
    out = log.open("wb")
    if kind == "fcitx5":
        conf = home / ".config" / "fcitx5"
        conf.mkdir(parents=True, exist_ok=True)
        (conf / "profile").write_text(FCITX_PROFILE)
        (conf / "config").write_text(FCITX_CONFIG)
        proc = subprocess.Popen(["fcitx5", "--replace"], env=env, stdout=out, stderr=out)
        ok = wait_for_name("org.freedesktop.portal.IBus")
    else:
        env["GSETTINGS_BACKEND"] = "memory"
        proc = subprocess.Popen(["ibus-daemon", "--replace", "--panel=disable", "--verbose"], env=env,
                                stdout=out, stderr=out)
        ok = wait_for_name("org.freedesktop.IBus")
        if ok:
            # The address file names the daemon for Qt's plugin; `ibus engine` picks pinyin for all.
            for _ in range(50):
                # `ibus engine NAME` exits 1 even when it switched (ibus 1.5.27): read it back instead.
                subprocess.run(["ibus", "engine", "libpinyin"], env=env, capture_output=True, timeout=10)
                r = subprocess.run(["ibus", "engine"], env=env, capture_output=True, text=True, timeout=10)
                if r.stdout.strip() == "libpinyin":
                    break
                time.sleep(0.2)
            else:
                ok = False
    if not ok:
        proc.terminate()
        raise SystemExit(json.dumps({"ok": False, "error": f"{kind} did not come up", "log": log.read_text()[-2000:]}))
    return proc


def run_wizard(kind: str, home: Path, *, no_switch: bool = False) -> dict[str, object]:
    os.environ.update({"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "QT_QPA_PLATFORM": "xcb"})
    os.environ.pop("QT_IM_MODULES", None)
    if kind == "fcitx5":  # what an fcitx desk sets in its session
        os.environ.update({"QT_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx", "GTK_IM_MODULE": "fcitx"})
    else:
        os.environ.update({"QT_IM_MODULE": "ibus", "XMODIFIERS": "@im=ibus", "GTK_IM_MODULE": "ibus"})
        os.environ.pop("IBUS_USE_PORTAL", None)
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from core.format2021 import t3_id
    from core.steps import STEP_INDEX
    from gui.app import make_app
    from gui.main_window import MainWindow

    if no_switch:  # the control: what an fcitx desk got before gui.app chose the ibus plugin
        import gui.app

        gui.app.choose_input_method = lambda: ""
    app = make_app([])
    assert isinstance(app, QApplication)
    chosen = os.environ.get("QT_IM_MODULE", "")
    tmp = home / "wizard"
    window = MainWindow(autosave_dir=tmp / "autosave",
                        settings=QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    window.open_sample(ask=False)
    window.resize(1200, 800)
    window.show()

    def pump(seconds: float, until: object = None) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            if until is not None and until():  # type: ignore[operator]
                return True
            time.sleep(0.02)
        return False

    pump(1.0)

    def type_into(widget: object, read: object) -> str:
        widget.window().activateWindow()  # type: ignore[attr-defined]
        widget.setFocus()  # type: ignore[attr-defined]
        pump(0.5)
        wid = str(int(window.winId()))
        subprocess.run(["xdotool", "windowfocus", "--sync", wid], timeout=10)
        pump(0.3)
        proc = subprocess.Popen(["xdotool", "type", "--delay", "120", "nihao"])
        pump(10, lambda: proc.poll() is not None)
        pump(0.8)  # the daemon's candidate list follows the last key
        subprocess.Popen(["xdotool", "key", "space"])
        pump(6, lambda: EXPECTED in read())  # type: ignore[operator]
        pump(0.3)
        return str(read())  # type: ignore[operator]

    results: dict[str, str] = {}
    window.go(STEP_INDEX["meta"])
    agency = window.page(STEP_INDEX["meta"]).edits["agency"]
    agency.setText("")
    results["meta.agency"] = type_into(agency, agency.text)

    window.go(STEP_INDEX["s5"])
    editor = window.page(STEP_INDEX["s5"]).blocks["s5"].editor
    editor.setPlainText("")
    results["narrative.s5"] = type_into(editor, editor.toPlainText)

    window.go(STEP_INDEX["s3"])
    view = window.page(STEP_INDEX["s3"]).view
    cell = t3_id("new", "natural")
    view.focus_cell(cell)
    view.edit(view.currentIndex())
    pump(0.3)

    def cell_text() -> str:
        w = QApplication.focusWidget()
        return w.text() if hasattr(w, "text") else ""

    results["table.t3.new.natural(editor)"] = type_into(QApplication.focusWidget(), cell_text)
    # A count cell refuses text: leaving it keeps the old value and the status bar quotes what was typed,
    # which shows the committed Chinese reached the app's own validation.
    window.commit_pending()
    pump(0.3)
    results["table.t3.new.natural(status bar)"] = window.statusBar().currentMessage()
    window.commit_pending()
    window.extra_dirty = False
    window.doc.undo_stack.setClean()
    window.close()
    ok = all(EXPECTED in v for v in results.values())
    return {"ok": ok, "daemon": kind, "qt_im_module": chosen, "ibus_use_portal": os.environ.get("IBUS_USE_PORTAL"),
            "fields": results}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--daemon", choices=("fcitx5", "ibus"), default="fcitx5")
    parser.add_argument("--no-switch", action="store_true",
                        help="control run: leave QT_IM_MODULE as the desk set it (expect plain 'nihao')")
    args = parser.parse_args()
    for tool in ("xdotool", "dbus-send", "fcitx5" if args.daemon == "fcitx5" else "ibus-daemon"):
        if shutil.which(tool) is None:
            print(json.dumps({"ok": False, "error": f"{tool} not installed"}))
            return 2
    if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        print(json.dumps({"ok": False, "error": "run under xvfb-run -a dbus-run-session --"}))
        return 2
    home = Path(tempfile.mkdtemp(prefix="gkbg-im-"))
    daemon = start_daemon(args.daemon, home, home / "daemon.log")
    try:
        result = run_wizard(args.daemon, home, no_switch=args.no_switch)
    finally:
        daemon.terminate()
        try:
            daemon.wait(10)
        except subprocess.TimeoutExpired:
            daemon.kill()
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
