"""The glibc-2.28 release bundle against a bundle of this machine's Python, in the same run.

    python -m bench release

The release interpreter is compiled by zig without PGO/LTO (packaging/glibc228/build_interpreter.sh);
this measures what that costs a clerk. Both bundles run side by side, alternating, N rounds: the whole
process for `--help`, the export of the sample to PDF+XLSX+DOCX+HTML, and the wizard opening the sample
to an interactive window (offscreen, GOV_REPORT_EXIT_WHEN_READY=1). Medians, and the release/host ratio.
Builds what is missing (`bash packaging/build.sh --fast` and `--fast --host-python`).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.about import EXECUTABLE  # noqa: E402

ROUNDS = 9
BUNDLES = {
    "release (glibc 2.28, zig)": (ROOT / "dist" / EXECUTABLE / EXECUTABLE, []),
    "host python": (ROOT / "dist" / "host" / EXECUTABLE / EXECUTABLE, ["--host-python"]),
}


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} {cmd[1] if len(cmd) > 1 else ''} → {proc.returncode}: {proc.stderr[-500:]}")
    return elapsed


def main() -> None:
    for exe, flags in BUNDLES.values():
        if not exe.is_file():
            print(f"   building (bash packaging/build.sh --fast {' '.join(flags)}) …", flush=True)
            subprocess.run(["bash", str(ROOT / "packaging" / "build.sh"), "--fast", *flags], check=True,
                           env=dict(os.environ, PYTHON=sys.executable), stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_"))}
        env.update(QT_QPA_PLATFORM="offscreen", HOME=str(work), XDG_RUNTIME_DIR=str(work))
        sample = work / "样例.gkbg"
        subprocess.run([str(next(iter(BUNDLES.values()))[0]), "sample", "-o", str(sample)], env=env,
                       check=True, capture_output=True)
        outs = [f"--{kind}" for kind in ("pdf", "xlsx", "docx", "html")]
        tasks = {
            "--help": lambda exe: [exe, "--help"],
            "export to 4 formats": lambda exe: [exe, "export", str(sample), "--force",
                                                *[a for o in outs for a in (o, str(work / f"out.{o[2:]}"))]],
            "wizard to interactive": lambda exe: [exe, str(sample)],
        }
        times = {name: {task: [] for task in tasks} for name in BUNDLES}
        for _ in range(ROUNDS):
            for name, (exe, _flags) in BUNDLES.items():
                for task, cmd in tasks.items():
                    extra = {"GOV_REPORT_EXIT_WHEN_READY": "1"} if task.startswith("wizard") else {}
                    times[name][task].append(timed(cmd(str(exe)), dict(env, **extra)))
    release, host = BUNDLES
    for task in tasks:
        r, h = (statistics.median(times[n][task]) * 1000 for n in (release, host))
        print(f"   {task:<24} release {r:7.0f} ms   host {h:7.0f} ms   ratio {r / h:.2f}  (median of {ROUNDS})")


if __name__ == "__main__":
    main()
