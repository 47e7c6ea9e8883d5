"""Packaging: bundle, .deb and installer sizes; start-up of the bundled program to an interactive window.

    python -m bench bundle            (or python bench/bench_bundle.py)

Uses the artefacts in dist/ and runs `bash packaging/build.sh` first when they are missing. The sizes
depend on the compressor of the build: the .deb is xz in a release build (gzip -1 after `--fast`), the
NSIS check is LZMA only after `build.sh --lzma` (what the real Windows installer uses); the lines say
which was measured.

Start-up: the bundled executable runs with QT_QPA_PLATFORM=offscreen and GOV_REPORT_EXIT_WHEN_READY=1
(packaging/hooks/rthook_exit_when_ready.py): it prints GOV_REPORT_READY once the main window is shown
and the event loop idle, and quits. Timed from spawn to that line, median of 5. "Cold" drops the page
cache before each launch when the machine allows it (root, /proc/sys/vm/drop_caches), so the ~140 MB of
libraries come from disk as on a clerk's first start of the day; "warm" does not.
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

from core.about import APP_ID, EXECUTABLE, version  # noqa: E402

DIST = ROOT / "dist"  # the release build (glibc 2.28), as shipped
BUNDLE = DIST / EXECUTABLE
HOOK = ROOT / "packaging" / "hooks" / "rthook_exit_when_ready.py"
RUNS = 5
MB = 1024 * 1024


def tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def line(name: str, value: str, note: str = "") -> None:
    print(f"{name:<58} {value:>12}   {note}".rstrip(), flush=True)


def size_line(name: str, size: int, target_mb: float, note: str) -> None:
    verdict = "OK" if size <= target_mb * MB else "MISSED"
    line(name, f"{size / MB:.1f} MB", f"target ≤ {target_mb:g} MB {verdict}; {note}")


def ensure_built() -> None:
    if BUNDLE.is_dir() and list(DIST.glob(f"{APP_ID}_*.deb")) and list((DIST / "nsis-check").glob("*.exe")):
        return
    print("   building (bash packaging/build.sh) …", flush=True)
    subprocess.run(["bash", str(ROOT / "packaging" / "build.sh")], check=True,
                   env=dict(os.environ, PYTHON=sys.executable))


def deb_compression(deb: Path) -> str:
    members = subprocess.run(["ar", "t", str(deb)], capture_output=True, text=True).stdout.split()
    data = next((m for m in members if m.startswith("data.tar")), "data.tar")
    return {".xz": "xz (release)", ".gz": "gzip -1 (--fast test build)", ".zst": "zstd"}.get(
        Path(data).suffix, data)


def nsis_compressor(folder: Path) -> str:
    readme = folder / "README.txt"
    text = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    for name in ("lzma", "zlib", "none"):
        if f"compressor: {name}" in text:
            return name
    return "unknown"


def can_drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def user_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_", "PYTHON"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               XDG_CACHE_HOME=str(home / "cache"), QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8",
               GOV_REPORT_EXIT_WHEN_READY="1")
    return env


def time_to_ready(cmd: list[str], env: dict[str, str], *, cold: bool) -> float:
    if cold:
        can_drop_caches()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    for out in proc.stdout:
        if "GOV_REPORT_READY" in out:
            elapsed = time.perf_counter() - t0
            break
    else:
        proc.wait()
        raise RuntimeError(f"{cmd[0]} exited {proc.returncode} without reaching its window")
    proc.wait(timeout=60)
    return elapsed


def median_ready(cmd: list[str], env: dict[str, str], *, cold: bool) -> float:
    return statistics.median(time_to_ready(cmd, env, cold=cold) for _ in range(RUNS))


def median_run(cmd: list[str], env: dict[str, str], *, cold: bool = False) -> float:
    samples = []
    for _ in range(RUNS):
        if cold:
            can_drop_caches()
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main() -> None:
    ensure_built()
    line("version", version())
    size_line(f"unpacked bundle ({BUNDLE.relative_to(ROOT)})", tree_size(BUNDLE), 150, "PyInstaller folder bundle")
    for deb in sorted(DIST.glob(f"{APP_ID}_*.deb")):
        size_line(f".deb ({deb.name})", deb.stat().st_size, 50, f"data: {deb_compression(deb)}")
    for exe in sorted((DIST / "nsis-check").glob("*.exe")):
        compressor = nsis_compressor(exe.parent)
        note = f"NSIS over the Linux payload, {compressor}"
        if compressor != "lzma":
            note += "; the Windows installer uses LZMA: run build.sh --lzma for its size"
        size_line("installer (NSIS check)", exe.stat().st_size, 50, note)

    with tempfile.TemporaryDirectory() as tmp:
        env = user_env(Path(tmp))
        cold = can_drop_caches()
        bundled = [str(BUNDLE / EXECUTABLE)]
        source = [sys.executable, "-c",
                  f"exec(open({str(HOOK)!r}).read()); import sys, runpy; sys.argv = ['main.py'];"
                  f" runpy.run_path({str(ROOT / 'main.py')!r}, run_name='__main__')"]
        qt_floor = [sys.executable, "-c",
                    f"exec(open({str(HOOK)!r}).read()); from PySide6.QtWidgets import QApplication, QMainWindow;"
                    " app = QApplication([]); w = QMainWindow(); w.show(); app.exec()"]
        cli_env = {k: v for k, v in env.items() if k != "GOV_REPORT_EXIT_WHEN_READY"}
        baseline = median_run([*bundled, "--help"], cli_env)
        line("baseline: bundled CLI `gov-report --help` (warm)", f"{baseline * 1e3:.0f} ms", "bootloader + Python")
        floor = median_ready(qt_floor, env, cold=False)
        line("floor: empty QMainWindow from source Python (warm)", f"{floor * 1e3:.0f} ms", "import Qt + show")
        src = median_ready(source, env, cold=False)
        line("source checkout: python main.py to window (warm)", f"{src * 1e3:.0f} ms", f"×{src / baseline:.1f} baseline")
        warm = median_ready(bundled, env, cold=False)
        line("bundled gov-report to interactive window (warm)", f"{warm * 1e3:.0f} ms",
             f"×{warm / baseline:.1f} baseline, ×{warm / floor:.1f} Qt floor, median of {RUNS}")
        if cold:
            cold_t = median_ready(bundled, env, cold=True)
            line("bundled gov-report to interactive window (COLD)", f"{cold_t * 1e3:.0f} ms",
                 f"page cache dropped before each launch, ×{cold_t / baseline:.1f} baseline, median of {RUNS}")
        else:
            line("bundled gov-report, cold start", "n/a", "cannot drop the page cache here (needs root)")


if __name__ == "__main__":
    main()
