"""Import of published reports (docs/import.md): a 6-page PDF (target ≤ 1.5 s), DOCX/HTML/TXT (≤ 0.3 s).

In-process: the whole import (read the bytes, parse, match, split the text, build the report and
the import report). CLI: ``main.py import FILE -o OUT`` as a fresh process, start-up included.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import median_seconds, report
from core.compute import compute
from core.importing import import_file
from core.rules import check
from core.sample import load_sample

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "importing" / "fixtures"


def _six_page_pdf(path: Path) -> None:
    from core.pdf import export_pdf

    sample = load_sample()
    extra = "本年度持续深化政务公开标准化规范化建设，完善主动公开目录，规范依申请公开办理流程。" * 6
    for _ in range(60):
        results = compute(sample)
        pdf = export_pdf(sample, results, check(sample, results), draft=False, created=dt.datetime(2025, 1, 20))
        if pdf.pages >= 6:
            break
        sample.narrative["s1"] += "\n" + extra
    path.write_bytes(pdf.data)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        six = Path(tmp) / "six-pages.pdf"
        _six_page_pdf(six)
        import pdfplumber

        with pdfplumber.open(six) as pdf:
            print(f"   (six-page PDF: {len(pdf.pages)} pages)")
        cases = [
            ("PDF, 6 pages (our export)", six, 1.5),
            ("PDF, 5 pages (LibreOffice from the Word template)", FIXTURES / "p-long.pdf", 1.5),
            ("DOCX (official template filled)", FIXTURES / "w-long.docx", 0.3),
            ("HTML (LibreOffice, Word-style markup)", FIXTURES / "h-dept.html", 0.3),
            ("HTML (CMS page)", FIXTURES / "cms-1.html", 0.3),
            ("TXT (the seed report)", FIXTURES / "seed-zhoukou.txt", 0.3),
            ("XLSX (office template)", FIXTURES / "office-1.xlsx", 0.3),
        ]
        for name, path, target in cases:
            report(f"import {name}", median_seconds(lambda p=path: import_file(p), repeat=7), target)
        out = Path(tmp) / "out.gkbg"
        for name, path, _target in cases[:1] + cases[2:3] + cases[5:6]:
            cmd = [sys.executable, str(ROOT / "main.py"), "import", str(path), "-o", str(out)]
            seconds = median_seconds(lambda c=cmd: subprocess.run(c, check=True, capture_output=True, cwd=ROOT),
                                     repeat=5)
            report(f"main.py import (new process), {name}", seconds)


if __name__ == "__main__":
    main()
