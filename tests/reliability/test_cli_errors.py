"""The CLI never shows a traceback: every failure is Chinese with exit 2 (exit 1 means "the report
has errors")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core import cli
from core.cli import main

REPRO = Path(__file__).parent / "repro"
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_internal_error_is_exit_2_in_chinese(monkeypatch, capsys, tmp_path: Path) -> None:
    def boom(_args: object) -> int:
        raise RuntimeError("something English")

    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
        action.choices["check"].set_defaults(func=boom)  # type: ignore[index]
    assert main(["check", str(tmp_path / "x.gkbg")]) == 2
    err = capsys.readouterr().err
    assert "内部错误" in err and "something English" not in err and "Traceback" not in err


def test_layout_error_named_in_chinese(monkeypatch, capsys, tmp_path: Path) -> None:
    from reportlab.platypus.doctemplate import LayoutError

    import core.pdf

    def too_big(*_a: object, **_k: object) -> object:
        raise LayoutError("Flowable <Table> too large on page 1")

    monkeypatch.setattr(core.pdf, "export_pdf", too_big)
    assert main(["export", str(REPRO / "counts1e16.gkbg"), "--pdf", str(tmp_path / "a.pdf")]) == 2
    err = capsys.readouterr().err
    assert "一页放不下" in err and "t3.total.total" in err and "Flowable" not in err
    assert not (tmp_path / "a.pdf").exists()


def test_huge_counts_export_pdf_or_refuse_in_chinese(capsys, tmp_path: Path) -> None:
    status = main(["export", str(REPRO / "counts1e16.gkbg"), "--pdf", str(tmp_path / "a.pdf")])
    err = capsys.readouterr().err
    assert status in (0, 2)
    if status == 2:
        assert CJK.search(err) and "LayoutError" not in err and "Traceback" not in err


@pytest.mark.parametrize("argv", [
    ["check", "/dev/zero"],
    ["import-xlsx", "/dev/null", "-o", "{tmp}/o.gkbg"],
    ["export", "{repro}/typo.gkbg", "--xlsx", "{tmp}/o.xlsx"],
    ["sample", "-o", "{tmp}/no/such/dir/x.gkbg"],
    ["sample", "-o", "{tmp}/" + "长" * 90 + ".gkbg"],
])
def test_unusable_inputs_exit_2_in_chinese(argv: list[str], capsys, tmp_path: Path) -> None:
    argv = [a.format(tmp=tmp_path, repro=REPRO) for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert CJK.search(err)
    for english in ("Errno", "Traceback", "denied", "too long", "No such"):
        assert english not in err
