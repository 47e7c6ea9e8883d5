"""Every fixture document imported and compared with its truth: every cell, meta field and paragraph."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.format2021 import NARRATIVE_KEYS
from core.importing import import_file
from tests.importing.accuracy import compare, fixtures

FIXTURES = fixtures()


def test_enough_distinct_documents_of_every_kind() -> None:
    kinds = {p.suffix for p, _ in FIXTURES}
    assert len(FIXTURES) >= 20
    assert {".pdf", ".docx", ".html", ".txt", ".xlsx"} <= kinds


@pytest.mark.parametrize(("path", "truth"), FIXTURES, ids=[p.name for p, _ in FIXTURES])
def test_every_cell_and_meta_field(path: Path, truth: dict[str, object]) -> None:
    if path.suffix == ".doc" and shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed: .doc is refused with advice instead (test_refusals)")
    result = import_file(path)
    wrong, bad_meta = compare(result, truth)
    assert wrong == []
    assert bad_meta == []
    text = truth.get("narrative")
    if isinstance(text, dict):
        for key in NARRATIVE_KEYS:
            got = result.report.narrative[key].split("\n")[: len(text[key])]
            want = text[key]
            if path.suffix == ".pdf":
                # LibreOffice hangs a line-final 「。」/「，」 into the margin and leaves it out of the text layer.
                got, want = [_letters(t) for t in got], [_letters(t) for t in want]
            # Every paragraph comes back whole and in order (s6 may carry a page's trailing furniture).
            assert got == want, key


def _letters(text: str) -> str:
    return text.replace("。", "").replace("，", "")
