"""Run a packaged program headless the way a script or a clerk would, and check what it wrote."""

from __future__ import annotations

import io
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.sample import load_sample

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

RUN_TIMEOUT = 120


def require(condition: object, reason: str) -> None:
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@dataclass(frozen=True)
class Build:
    bundle: Path
    executable: Path
    deb: Path
    nsis: Path
    log: str


def run(program: Path | str, *args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(program), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT,
    )
    assert proc.returncode == 0, f"{program} {' '.join(args)} → {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


def export_sample(program: Path | str, env: dict[str, str], work: Path) -> tuple[Path, Path, Path]:
    """sample → export to all four formats → import-xlsx: exercises every lazily imported exporter."""
    project, pdf, xlsx = work / "样例.gkbg.json", work / "样例.pdf", work / "样例.xlsx"
    docx, html = work / "样例.docx", work / "样例.html"
    run(program, "sample", "-o", str(project), env=env, cwd=work)
    assert project.is_file()
    run(program, "export", str(project), "--pdf", str(pdf), "--xlsx", str(xlsx), "--docx", str(docx),
        "--html", str(html), env=env, cwd=work)
    check_pdf(pdf)
    check_xlsx(xlsx)
    check_docx(docx)
    check_html(html)
    back = work / "导回.gkbg.json"
    run(program, "import-xlsx", str(xlsx), "-o", str(back), env=env, cwd=work)
    run(program, "check", str(back), env=env, cwd=work)
    return project, pdf, xlsx


def check_pdf(path: Path) -> None:
    from pypdf import PdfReader

    data = path.read_bytes()
    assert data.startswith(b"%PDF-"), data[:16]
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    text = re.sub(r"\s+", "", reader.pages[0].extract_text())
    assert load_sample().meta.title in text, text[:200]


def check_xlsx(path: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    cells = {c.value for ws in wb for row in ws.iter_rows(max_row=5) for c in row}
    assert load_sample().meta.title in cells
    assert len(wb.sheetnames) >= 4  # basic information and the three official tables at least


def check_docx(path: Path) -> None:
    from docx import Document

    doc = Document(str(path))
    text = "".join(p.text for p in doc.paragraphs)
    assert load_sample().meta.title in re.sub(r"\s+", "", text), text[:200]
    assert len(doc.tables) >= 3  # the official tables are real Word tables


def check_html(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html>")
    assert load_sample().meta.title in text
    assert text.count("<table") >= 3


def wait_ready(program: Path | str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Start the GUI with the readiness hook: it prints GOV_REPORT_READY once the window is up, then quits."""
    proc = subprocess.run(
        [str(program)], cwd=cwd, env=dict(env, GOV_REPORT_EXIT_WHEN_READY="1"),
        capture_output=True, text=True, timeout=RUN_TIMEOUT,
    )
    assert proc.returncode == 0, f"GUI exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    assert "GOV_REPORT_READY" in proc.stdout, proc.stdout + proc.stderr
    return proc
