"""main.py new --from-previous with last year as published (DOCX): imported, kept, referenced."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.cli import main
from core.compute import compute
from core.docx import export_docx
from core.format2021 import T3_APPLICANT_COLS, t3_id
from core.importing.previous_year import is_project_file, previous_copy_path
from core.project_file import load, resolve_previous, save
from core.rules import Previous, check
from core.sample import load_sample


def _published(tmp_path: Path) -> Path:
    sample = load_sample()
    path = tmp_path / "上年年报.docx"
    path.write_bytes(export_docx(sample, compute(sample), [], draft=False))
    return path


def test_cli_new_from_a_published_docx(tmp_path: Path, capsys) -> None:
    source = _published(tmp_path)
    out = tmp_path / "本年.gkbg"
    assert main(["new", "--from-previous", str(source), "-o", str(out)]) == 0
    kept = tmp_path / "本年-上年.gkbg"
    assert "已将上年报告保存为项目文件" in capsys.readouterr().out
    previous = load(kept)
    new = load(out)
    sample = load_sample()
    assert new.meta.year == sample.meta.year + 1 and new.meta.agency == sample.meta.agency
    assert resolve_previous(new, out) == kept.resolve()  # so X1–X4 find last year again
    res = compute(sample)
    for col in T3_APPLICANT_COLS:
        assert new.cells[t3_id("carried_in", col)] == res.value(t3_id("carried_out", col))
    assert "X1" not in {f.rule for f in check(new, previous=Previous.of(previous))}


def test_cli_refuses_to_overwrite_and_accepts_a_chosen_name(tmp_path: Path, capsys) -> None:
    source = _published(tmp_path)
    out = tmp_path / "本年.gkbg"
    (tmp_path / "本年-上年.gkbg").write_text("mine")
    assert main(["new", "--from-previous", str(source), "-o", str(out)]) != 0
    assert "已存在" in capsys.readouterr().err
    assert not out.exists() and (tmp_path / "本年-上年.gkbg").read_text() == "mine"
    chosen = tmp_path / "sub" / "去年.gkbg"
    chosen.parent.mkdir()
    assert main(["new", "--from-previous", str(source), "-o", str(out), "--previous-output", str(chosen)]) == 0
    assert resolve_previous(load(out), out) == chosen.resolve()


def test_project_file_still_works_and_refusal_is_chinese(tmp_path: Path, capsys) -> None:
    save(load_sample(), tmp_path / "a.gkbg")
    assert is_project_file(tmp_path / "a.gkbg")
    assert main(["new", "--from-previous", str(tmp_path / "a.gkbg"), "-o", str(tmp_path / "b.gkbg")]) == 0
    assert not (tmp_path / "b-上年.gkbg").exists()
    junk = tmp_path / "x.pdf"
    junk.write_bytes(b"%PDF-1.4\n garbage")
    assert main(["new", "--from-previous", str(junk), "-o", str(tmp_path / "c.gkbg")]) != 0
    assert "PDF" in capsys.readouterr().err and not (tmp_path / "c.gkbg").exists()


@pytest.mark.parametrize(("new", "expected"), [("本年.gkbg", "本年-上年.gkbg"), ("r.gkbg.json", "r-上年.gkbg")])
def test_default_name(tmp_path: Path, new: str, expected: str) -> None:
    assert previous_copy_path(tmp_path / "a.pdf", tmp_path / new) == tmp_path / expected
    assert previous_copy_path(tmp_path / "a.pdf", None) == tmp_path / "a-上年.gkbg"
