"""DOCX and HTML export in-process, and the whole-process CLI export of all four formats."""

from __future__ import annotations

import datetime as dt
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


def _process_seconds(args: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(args, cwd=ROOT, check=True, capture_output=True)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main() -> None:
    from core.blocks import build_document
    from core.compute import compute
    from core.docx import export_docx
    from core.html import export_html
    from core.sample import load_sample

    sample = load_sample()
    results = compute(sample)
    report("blocks: build the document of the sample", median_seconds(
        lambda: build_document(sample, results, draft=True), repeat=51, warmup=3))
    report("warm: DOCX export of the sample in-process (median)", median_seconds(
        lambda: export_docx(sample, results, [], draft=True, created=CREATED), repeat=21, warmup=2), target=0.060)
    report("warm: HTML export of the sample in-process (median)", median_seconds(
        lambda: export_html(sample, results, [], draft=True), repeat=51, warmup=3), target=0.060)

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "sample.gkbg"
        subprocess.run([sys.executable, "main.py", "sample", "-o", str(src)], cwd=ROOT, check=True,
                       capture_output=True)
        base = [sys.executable, "main.py", "export", str(src), "--date", "2025-01-20T09:00:00"]
        outs = {ext: str(Path(tmp) / f"out.{ext}") for ext in ("pdf", "xlsx", "docx", "html")}
        python_only = _process_seconds([sys.executable, "-c", "pass"], 7)
        report("baseline: python -c pass (interpreter start)", python_only)
        for label, formats in (("HTML", ("html",)), ("DOCX", ("docx",)), ("PDF + XLSX", ("pdf", "xlsx")),
                               ("all four formats", ("pdf", "xlsx", "docx", "html"))):
            args = base + [x for ext in formats for x in (f"--{ext}", outs[ext])]
            target = 0.5 if len(formats) == 4 else None
            report(f"CLI export of the sample, {label} (median of 7)", _process_seconds(args, 7),
                   target=target, baseline=python_only)


if __name__ == "__main__":
    main()
