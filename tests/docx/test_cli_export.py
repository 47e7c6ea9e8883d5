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


def test_rare_characters_name_the_fonts_the_reader_needs(tmp_path: Path, capsys: object) -> None:
    from core.project_file import save
    from core.sample import load_sample

    report = load_sample()
    report.set_text("preamble", "本报告由张镕、李堃编写，涉及𠀾字。\x07")
    src = tmp_path / "r.gkbg"
    save(report, str(src))
    assert main(["export", str(src), "--docx", str(tmp_path / "r.docx")]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "镕、堃 不在 GB2312 字库中" in out
    assert "𠀾 超出 GBK" in out
    assert "已去掉控制字符：前言 第1段中的 U+0007" in out
