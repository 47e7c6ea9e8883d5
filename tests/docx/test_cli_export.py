"""main.py export … --docx/--html beside --pdf/--xlsx, each format's libraries loaded only when asked for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from core.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_export_writes_all_four_formats_with_fixed_bytes(tmp_path: Path, capsys: object) -> None:
    src = tmp_path / "r.gkbg"
    assert main(["sample", "-o", str(src)]) == 0
    outs = {ext: tmp_path / f"r.{ext}" for ext in ("pdf", "xlsx", "docx", "html")}
    args = ["export", str(src), "--date", "2025-01-20T09:00:00", "--draft",
            *(x for ext, p in outs.items() for x in (f"--{ext}", str(p)))]
    assert main(args) == 0
    first = {ext: p.read_bytes() for ext, p in outs.items()}
    assert first["docx"][:2] == b"PK" and first["html"].startswith(b"<!DOCTYPE html>")
    assert main(args) == 0
    assert {ext: p.read_bytes() for ext, p in outs.items()} == first
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "已导出 DOCX（草稿）" in out and "已导出网页（草稿）" in out


def test_no_output_named_is_refused_in_chinese(tmp_path: Path, capsys: object) -> None:
    src = tmp_path / "r.gkbg"
    main(["sample", "-o", str(src)])
    assert main(["export", str(src)]) == 2
    assert "--docx 或 --html" in capsys.readouterr().err  # type: ignore[attr-defined]


def test_html_export_loads_neither_reportlab_nor_python_docx(tmp_path: Path) -> None:
    src = tmp_path / "r.gkbg"
    main(["sample", "-o", str(src)])
    code = ("import sys; from core.cli import main; "
            f"main(['export', {str(src)!r}, '--html', {str(tmp_path / 'r.html')!r}]); "
            "print(sorted(m for m in ('docx', 'reportlab', 'openpyxl', 'lxml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
