"""kill -9 during project saves: the file is always the old version or the new one, never torn.

A forked child saves the report over and over (each save a new, numbered version); the parent
kills it with SIGKILL at a random moment, then checks that the file loads and is one of the
versions written, that its ``.bak`` loads too, and that the next save sweeps the temp files the
killed writer left. The big run (docs/reliability.md):

    python3 -m tests.reliability.killsave --kills 1000
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from core import atomic
from core.project_file import ProjectFileError, load, save
from core.sample import load_sample


@dataclass
class Figures:
    kills: int = 0
    torn: int = 0  # the file does not load, or holds no version that was written
    lost: int = 0  # the file vanished
    torn_backups: int = 0
    litter_after_sweep: int = 0  # temp files still there after the next save
    max_litter_before_sweep: int = 0
    kills_mid_write: int = 0  # kills that caught a writer with a temp file open (proof the timing bites)
    problems: list[str] = field(default_factory=list)


def _child(target: Path, start: int) -> None:
    report = load_sample()
    n = start
    while True:
        n += 1
        report.meta.agency = f"版本{n}"
        save(report, target)


def run(kills: int, directory: Path, *, seed: int = 1, max_delay: float = 0.03) -> Figures:
    rnd = random.Random(seed)
    target = directory / "报告.gkbg"
    report = load_sample()
    report.meta.agency = "版本0"
    save(report, target)
    figures = Figures()
    stale_after = atomic.STALE_AFTER_SECONDS
    atomic.STALE_AFTER_SECONDS = 0.0  # a killed writer's lock is gone at once: its temp file is litter now
    try:
        start = 0
        for _ in range(kills):
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child never returns
                try:
                    _child(target, start)
                finally:
                    os._exit(0)
            time.sleep(rnd.uniform(0, max_delay))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            figures.kills += 1
            _check(target, figures)
            litter = [p for p in directory.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX)]
            figures.max_litter_before_sweep = max(figures.max_litter_before_sweep, len(litter))
            figures.kills_mid_write += bool(litter)
            start += 100_000  # the next child's versions never repeat this one's
            report.meta.agency = f"版本{start}"
            save(report, target)  # the next save sweeps what the killed one left
            figures.litter_after_sweep += sum(1 for p in directory.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX))
    finally:
        atomic.STALE_AFTER_SECONDS = stale_after
    return figures


def _check(target: Path, figures: Figures) -> None:
    if not target.exists():
        figures.lost += 1
        figures.problems.append("file missing")
        return
    try:
        agency = load(target).meta.agency
        if not agency.startswith("版本"):
            raise ProjectFileError(agency)
    except ProjectFileError as exc:
        figures.torn += 1
        figures.problems.append(str(exc))
    bak = atomic.backup_path(target)
    if bak.exists():
        try:
            load(bak)
        except ProjectFileError as exc:
            figures.torn_backups += 1
            figures.problems.append(f"bak: {exc}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="kill -9 during project saves")
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        f = run(args.kills, Path(tmp), seed=args.seed)
    print(f"kills {f.kills} ({f.kills_mid_write} during a write), torn files {f.torn}, lost files {f.lost}, torn backups {f.torn_backups}, "
          f"temp files left after the next save {f.litter_after_sweep} "
          f"(at most {f.max_litter_before_sweep} before it), {time.monotonic() - started:.1f} s")
    for p in f.problems[:10]:
        print("  ", p)
    return 0 if f.torn == f.lost == f.torn_backups == f.litter_after_sweep == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
