"""PDF export: in-process (cold and warm) and as a whole CLI process, with where the time goes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import median_seconds, report  # noqa: E402

CREATED = dt.datetime(2025, 1, 20, 9, 0)

_COLD = """
import time, datetime as dt
t0 = time.perf_counter()
import reportlab.platypus, reportlab.pdfbase.ttfonts
t1 = time.perf_counter()
from core.compute import compute
from core.pdf import export_pdf
from core.pdf.fonts import choose_fonts
from core.sample import load_sample
t2 = time.perf_counter()
choose_fonts()
t3 = time.perf_counter()
r = load_sample(); res = compute(r)
t4 = time.perf_counter()
export_pdf(r, res, [], draft=False, created=dt.datetime(2025, 1, 20, 9, 0))
t5 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t5 - t4)
"""


def _process_seconds(args: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(args, cwd=ROOT, check=True, capture_output=True, env=env)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main() -> None:
    from core.compute import compute
    from core.pdf import export_pdf
    from core.sample import load_sample

    sample = load_sample()
    results = compute(sample)

    cache = tempfile.mkdtemp(prefix="bench-font-cache-")
    no_cache = {**os.environ, "GKBG_CACHE_DIR": ""}
    with_cache = {**os.environ, "GKBG_CACHE_DIR": cache}
    for label, env in (("no font cache", no_cache), ("font cache filled", with_cache)):
        # Cold: a fresh interpreter (median of 3 processes).
        colds = []
        for _ in range(3):
            out = subprocess.run([sys.executable, "-c", _COLD], cwd=ROOT, check=True, capture_output=True,
                                 text=True, env=env).stdout.split()
            colds.append([float(x) for x in out])
        imp_rl, imp_core, fonts, first = (statistics.median(c[i] for c in colds) for i in range(4))
        report(f"cold ({label}): import reportlab", imp_rl)
        report(f"cold ({label}): import core + core.pdf", imp_core)
        report(f"cold ({label}): choose and load the fonts (4 faces)", fonts)
        report(f"cold ({label}): first export of the sample", first)

    warm = median_seconds(lambda: export_pdf(sample, results, [], draft=False, created=CREATED),
                          repeat=15, warmup=2)
    report("warm: export of the sample in-process (median)", warm, target=0.150)
    draft = median_seconds(lambda: export_pdf(sample, results, [], draft=True, created=CREATED),
                           repeat=9, warmup=1)
    report("warm: draft export of the sample", draft, target=0.150)

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "sample.json"
        out = Path(tmp) / "out.pdf"
        subprocess.run([sys.executable, "main.py", "sample", "-o", str(src)], cwd=ROOT, check=True,
                       capture_output=True)
        python_only = _process_seconds([sys.executable, "-c", "pass"], 7)
        report("baseline: python -c pass (interpreter start)", python_only)
        check_cli = _process_seconds([sys.executable, "main.py", "check", str(src)], 7)
        report("baseline: python main.py check sample.json", check_cli, baseline=python_only)
        for label, env in (("no font cache", no_cache), ("font cache filled", with_cache)):
            cli = _process_seconds([sys.executable, "main.py", "export", str(src), "--pdf", str(out),
                                    "--date", "2025-01-20T09:00:00"], 7, env)
            report(f"CLI export of the sample, {label} (median of 7)", cli, target=0.4,
                   baseline=python_only)
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
