"""Kill -9 harness for the edit journal: is every committed edit found again after a SIGKILL?

    python3 tools/journal_kill.py --kills 100 [--seed 1]

Each round starts a child that opens a project file in the real wizard (offscreen), then edits it
through the keyboard the way a clerk does — digits typed into table cells, Chinese typed into a
narrative section at random places, Backspace, Ctrl+Z / Ctrl+Y, the agency field — with the
autosave timer set to a random interval of 0.1–1.5 s, so kills land before, during and between
compactions. After each key event the child writes the number of committed edits and the digest of
the report (``dumps``) to a pipe. The parent SIGKILLs it at a random moment, reads what reached the
pipe, restores the autosave slot exactly as the next start does (``gui.files.Autosave.recover``)
and compares: the restored report must be the state after the last reported edit — or after one
more, committed but killed before it was reported; that one is checked by replaying the same
seeded keystrokes in a fresh child without a kill. Anything else is edits lost.

The in-suite sample is tests/gui/test_journal_kill.py; the figures are in docs/reliability-journal.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------- child

def child(workdir: Path, seed: int, max_steps: int | None, *, journal: bool = True,
          autosave_ms: int | None = None) -> int:
    """Edit until killed (or for max_steps key events), reporting each state on stdout."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QSettings, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from core.format2021 import CELL, NARRATIVE_KEYS, TABLE_IDS
    from core.project_file import dumps
    from core.steps import STEPS
    from gui.app import make_app
    from gui.main_window import MainWindow

    rng = random.Random(seed)
    app = make_app([])
    assert isinstance(app, QApplication)
    settings = QSettings(str(workdir / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(autosave_dir=workdir / "autosave", settings=settings)
    w.show()
    if not w.open_path(workdir / "report.gkbg"):
        return 2
    if not journal:  # the baseline: the 30 s autosave alone (here 0.1–1.5 s)
        w.doc.journal_hook = None
    interval = rng.randint(100, 1500)  # compactions interleave with the kills
    w.files.timer.setInterval(autosave_ms or interval)
    tables = [i for i, s in enumerate(STEPS) if s.kind == "table"]
    texts = [(i, k) for i, s in enumerate(STEPS) if s.kind == "narrative" for k in s.narrative_keys
             if k in NARRATIVE_KEYS]
    meta = next(i for i, s in enumerate(STEPS) if s.kind == "meta")
    out = sys.stdout
    edits = 0
    state = _digest(dumps(w.doc.report))
    out.write(f"S 0 {state}\n")
    out.flush()

    def key(k: Qt.Key = Qt.Key.Key_unknown, text: str = "",
            mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        nonlocal edits, state
        target = QApplication.focusWidget() or w
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, int(k), mod, text))
        app.processEvents()
        now = _digest(dumps(w.doc.report))
        if now != state:
            edits += 1
            state = now
            out.write(f"S {edits} {state}\n")
            out.flush()
        if max_steps is not None and edits >= max_steps:
            out.write("DONE\n")
            out.flush()
            os._exit(0)  # no clean exit: the autosave stays, as after a kill

    while True:
        action = rng.random()
        if action < 0.4:
            i = rng.choice(tables)
            w.go(i)
            page = w.page(i)
            cid = rng.choice([c for c in TABLE_IDS[page.table_key] if not CELL[c].computed])  # type: ignore[attr-defined]
            page.view.focus_cell(cid)  # type: ignore[attr-defined]
            for _ in range(rng.randint(1, 3)):
                d = str(rng.randint(0, 9))
                key(Qt.Key(ord(d)), d)
            key(rng.choice([Qt.Key.Key_Return, Qt.Key.Key_Tab]))
        elif action < 0.75:
            i, k = rng.choice(texts)
            w.go(i)
            editor = w.page(i).blocks[k].editor  # type: ignore[attr-defined]
            editor.setFocus()
            cursor = editor.textCursor()
            cursor.setPosition(rng.randint(0, len(editor.toPlainText())))
            editor.setTextCursor(cursor)
            for ch in rng.choice(["今年", "依申请公开", "，", "政府信息公开工作", "a1"]):
                key(text=ch)
            if rng.random() < 0.3:
                key(Qt.Key.Key_Backspace, "\b")
        elif action < 0.85:
            w.go(meta)
            edit = w.page(meta).edits["agency"]  # type: ignore[attr-defined]
            edit.setFocus()
            edit.end(False)
            for ch in rng.choice(["局", "办公室", "X"]):
                key(text=ch)
            key(Qt.Key.Key_Tab)
        else:
            ctrl = Qt.KeyboardModifier.ControlModifier
            for _ in range(rng.randint(1, 4)):
                if rng.random() < 0.6:
                    key(Qt.Key.Key_Z, "", ctrl)
                else:
                    key(Qt.Key.Key_Y, "", ctrl)


# ---------------------------------------------------------------- parent

@dataclass
class Figures:
    kills: int = 0
    committed: int = 0  # edits reported committed before the kill, over all kills
    lost: int = 0  # committed edits not found after restore
    beyond: int = 0  # restores one edit past the last report (committed, killed before reporting)
    no_autosave: int = 0  # killed before the first edit: nothing to restore, the file is the state
    failures: list[str] = field(default_factory=list)


def _spawn(workdir: Path, seed: int, max_steps: int | None = None, *,
           journal: bool = True, autosave_ms: int | None = None) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["XDG_CONFIG_HOME"] = str(workdir / "config")
    env["XDG_DATA_HOME"] = str(workdir / "data")
    args = [sys.executable, str(Path(__file__).resolve()), "--child", str(workdir), "--seed", str(seed)]
    if max_steps is not None:
        args += ["--steps", str(max_steps)]
    if not journal:
        args.append("--no-journal")
    if autosave_ms:
        args += ["--autosave-ms", str(autosave_ms)]
    return subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _states(lines: list[str]) -> list[str]:
    return [line.split()[2] for line in lines if line.startswith("S ")]


def _restored(workdir: Path) -> str | None:
    """The digest of what the next start restores, or None when it would offer nothing."""
    from core.project_file import dumps
    from gui.files import Autosave

    autosave = Autosave(workdir / "autosave")
    try:
        if not autosave.orphans():
            return None
        found = autosave.recover()
        return _digest(dumps(found.report))
    finally:
        autosave.release()


def one_kill(base: Path, seed: int, rng: random.Random, figures: Figures, *, journal: bool = True,
             longest: float = 2.5, autosave_ms: int | None = None) -> None:
    from core.project_file import save
    from core.sample import load_sample

    workdir = Path(tempfile.mkdtemp(prefix="kill-", dir=base))
    save(load_sample(), workdir / "report.gkbg")
    proc = _spawn(workdir, seed, journal=journal, autosave_ms=autosave_ms)
    assert proc.stdout is not None
    lines = [proc.stdout.readline()]  # the state before any edit: the child is up
    if not lines[0].startswith("S 0 "):
        proc.kill()
        raise RuntimeError(f"child failed to start: {proc.communicate()[1][-2000:]}")
    time.sleep(rng.uniform(0.05, longest))  # a random moment in the editing
    proc.send_signal(signal.SIGKILL)
    rest, _ = proc.communicate()
    lines += rest.splitlines()
    states = _states(lines)
    committed = len(states) - 1
    restored = _restored(workdir)
    figures.kills += 1
    figures.committed += committed
    if restored is None:
        restored = states[0]  # no autosave: the next start opens the file as it is
        figures.no_autosave += 1
    if restored != states[-1]:
        # Committed but killed before the report reached the pipe? Replay the same keys one edit on.
        again = Path(tempfile.mkdtemp(prefix="replay-", dir=base))
        save(load_sample(), again / "report.gkbg")
        out, _err = _spawn(again, seed, committed + 1, journal=journal, autosave_ms=autosave_ms).communicate()
        more = _states(out.splitlines())
        if len(more) > committed + 1 and more[: committed + 1] == states and more[-1] == restored:
            figures.beyond += 1
        else:
            lost = committed - states.index(restored) if restored in states else committed
            figures.lost += lost
            figures.failures.append(f"seed {seed}: {committed} committed, {lost} lost (kept in {workdir})")
            return
        shutil.rmtree(again, ignore_errors=True)
    shutil.rmtree(workdir, ignore_errors=True)


def run(kills: int, seed: int = 1, *, verbose: bool = False, journal: bool = True, longest: float = 2.5,
        autosave_ms: int | None = None) -> Figures:
    rng = random.Random(seed)
    figures = Figures()
    base = Path(tempfile.mkdtemp(prefix="journal-kill-"))
    t0 = time.perf_counter()
    for i in range(kills):
        one_kill(base, rng.randrange(2**31), rng, figures, journal=journal, longest=longest,
                 autosave_ms=autosave_ms)
        if verbose:
            print(f"kill {i + 1}/{kills}: committed {figures.committed} in all, lost {figures.lost}", flush=True)
    if not figures.failures:
        shutil.rmtree(base, ignore_errors=True)
    if verbose:
        print(f"{figures.kills} kills, {figures.committed} edits committed, {figures.lost} lost "
              f"({figures.beyond} restores one edit past the last report, {figures.no_autosave} killed "
              f"before the first edit), {time.perf_counter() - t0:.0f} s")
        for f in figures.failures:
            print("LOST:", f)
    return figures


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--kills", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--child", type=Path)
    ap.add_argument("--steps", type=int)
    ap.add_argument("--no-journal", action="store_true",
                    help="the baseline without the journal (autosave only): shows what the harness catches")
    ap.add_argument("--autosave-ms", type=int, help="a fixed autosave interval (default: random 100–1500 ms)")
    ap.add_argument("--longest", type=float, default=2.5, help="longest editing time before the kill, seconds")
    args = ap.parse_args(argv)
    if args.child is not None:
        return child(args.child, args.seed, args.steps, journal=not args.no_journal, autosave_ms=args.autosave_ms)
    figures = run(args.kills, args.seed, verbose=True, journal=not args.no_journal, longest=args.longest,
                  autosave_ms=args.autosave_ms)
    return 1 if figures.lost or figures.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
