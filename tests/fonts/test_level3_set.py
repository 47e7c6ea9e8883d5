"""The 87,887 汉字 of GB 18030-2022 level 3 (core.gb18030), and that the project file and XLSX keep them all."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from core import project_file
from core.compute import compute
from core.gb18030 import LEVEL3_COUNT, block_of, is_level3, level3_codepoints
from core.sample import load_sample
from core.xlsx import export_xlsx, import_xlsx

ALL = "".join(map(chr, level3_codepoints()))


def test_the_set_has_the_standards_count_and_only_unified_ideographs() -> None:
    assert len(ALL) == len(set(ALL)) == LEVEL3_COUNT == 87_887
    for ch in ALL:
        name = unicodedata.name(ch)
        assert name.startswith(("CJK UNIFIED IDEOGRAPH-", "CJK COMPATIBILITY IDEOGRAPH-")), name
    # Every one is encoded by GB 18030 (two- or four-byte) and comes back unchanged.
    assert ALL.encode("gb18030").decode("gb18030") == ALL


def test_edges_of_the_repertoire() -> None:
    for ch in ("\u4E00\u9FEF\u3400\u4DB5\U00020000\U0002A6D6\U0002A700\U0002B734\U0002B740"
               "\U0002B81D\U0002B820\U0002CEA1\U0002CEB0\U0002EBE0\uFA0E\uFA29"):
        assert is_level3(ch), f"U+{ord(ch):04X}"
    # Unicode 12+ additions are not in GB 18030-2022; nor is Extension G, nor a compatibility ideograph.
    for ch in "\u9FF0\u4DB6\U0002A6D7\U0002B735\U00030000\uF900\U0002F800":
        assert not is_level3(ch), f"U+{ord(ch):04X}"
    assert block_of("𠀀") == "扩展B" and block_of("﨎") == "兼容区统一汉字" and block_of("a") is None


def _report_with_all():
    r = load_sample()
    r.narrative["s5"] = "\n".join(ALL[i:i + 1000] for i in range(0, len(ALL), 1000))
    r.meta.agency = "𠀀𪜀𫝀𫠠𬺰局"
    return r


def test_project_file_round_trips_every_level3_character(tmp_path: Path) -> None:
    r = _report_with_all()
    path = tmp_path / "all.gkbg.json"
    project_file.save(r, path)
    back = project_file.load(path)
    assert back.narrative["s5"] == r.narrative["s5"]
    assert set(back.narrative["s5"]) - {"\n"} == set(ALL)
    assert back.meta.agency == r.meta.agency


def test_xlsx_round_trips_every_level3_character(tmp_path: Path) -> None:
    r = _report_with_all()
    path = tmp_path / "all.xlsx"
    path.write_bytes(export_xlsx(r, compute(r), [], draft=True))
    back = import_xlsx(path)
    assert back.narrative["s5"] == r.narrative["s5"]
    assert back.meta.agency == r.meta.agency


def test_fonts_note_names_the_faces_only_for_characters_beyond_the_bundled_fonts() -> None:
    from core.gb18030 import beyond_bundled, fonts_note

    assert fonts_note("镕堃喆玥，本年度无。") is None  # Extension A / URO: the bundled fonts draw them
    note = fonts_note("申请人\U00020000某、\u9FEF、\uFA0E")
    assert note is not None
    assert "3 个生僻字" in note and "SimSun-ExtB" in note and "gov-report-fonts-gb18030" in note
    assert beyond_bundled("\U0002EBE0") and not beyond_bundled("\u9FEA") and not beyond_bundled("\U00030000")
