from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from core.format2021 import t2_id, t3_id, t4_id
from core.model import Report
from core.project_file import ProjectFileError, dumps, load, loads, save
from core.resources import sample_path, schema_path
from core.rules import check
from core.sample import load_sample
from core.schema import schema_text
from core.values import Invalid
from tests.core.build import zero_report


def doc(**overrides: object) -> dict[str, object]:
    d = json.loads(dumps(zero_report()))
    d.update(overrides)
    return d


def test_sample_is_the_seed_report_and_clean() -> None:
    r = load_sample()
    assert r.meta.title == "周口市工业和信息化局2024年政府信息公开工作年度报告"
    assert r.cells[t2_id("normative", "issued")] == 1 and r.cells[t2_id("normative", "in_force")] == 1
    assert "本报告中所列数据的统计期限自 2024 年 1 月 1 日起至 2024 年 12 月 31 日止。" in r.narrative["s1"]
    assert r.narrative["s5"].startswith("（一）存在问题\n部分信息公开不够及时、全面")
    assert "未收取信息处理费" in r.narrative["s6"]
    assert not r.blank_cells()
    assert [f for f in check(r) if f.is_error] == []


@pytest.mark.skipif(not (Path(__file__).resolve().parents[3] / "shared" / "seed").exists(),
                    reason="shared/ seed not beside the checkout")
def test_sample_reproduces_every_paragraph_of_the_seed() -> None:
    seed = (Path(__file__).resolve().parents[3] / "shared" / "seed" / "zhoukou-gxj-2024.txt").read_text("utf-8")
    r = load_sample()
    for key in ("s1", "s5", "s6"):
        for para in r.narrative[key].splitlines():
            assert para in seed
    # every paragraph of the seed's narrative sections is in the sample
    text = "\n".join(r.narrative.values())
    for line in seed.splitlines():
        line = line.strip()
        if len(line) > 30 and "\t" not in line and not line.startswith("("):
            assert line in text, line


def test_schema_resource_matches_the_format_and_validates_the_sample() -> None:
    assert schema_path().read_text(encoding="utf-8") == schema_text()
    schema = json.loads(schema_text())
    jsonschema.validate(json.loads(sample_path().read_text(encoding="utf-8")), schema)
    jsonschema.validate(json.loads(dumps(zero_report())), schema)


def test_decimal_survives_exactly(tmp_path: Path) -> None:
    r = zero_report()
    r.cells[t2_id("fees", "amount")] = Decimal("24252.311082")
    save(r, tmp_path / "a.json")
    assert '"t2.fees.amount": "24252.311082"' in (tmp_path / "a.json").read_text("utf-8")
    assert load(tmp_path / "a.json").cells[t2_id("fees", "amount")] == Decimal("24252.311082")
    d = doc()
    d["cells"][t2_id("fees", "amount")] = Decimal("59237.2449")  # type: ignore[index]
    text = json.dumps(d, default=str).replace('"59237.2449"', "59237.2449")
    assert str(loads(text).cells[t2_id("fees", "amount")]) == "59237.2449"


def test_full_width_and_spaces_are_normalised_bad_values_become_findings() -> None:
    d = doc()
    cells = d["cells"]
    cells[t3_id("public", "natural")] = " １２ "  # type: ignore[index]
    cells[t3_id("partial", "natural")] = -3  # type: ignore[index]
    cells[t3_id("deny_secret", "natural")] = 2.5  # type: ignore[index]
    cells[t4_id("review", "upheld")] = "251000元"  # type: ignore[index]
    r = loads(json.dumps(d).replace('"__X__"', ""))
    assert r.cells[t3_id("public", "natural")] == 12
    assert isinstance(r.cells[t3_id("partial", "natural")], Invalid)
    assert isinstance(r.cells[t3_id("deny_secret", "natural")], Invalid)
    r5 = {f.cells[0] for f in check(r) if f.rule == "R5"}
    assert r5 == {t3_id("partial", "natural"), t3_id("deny_secret", "natural"), t4_id("review", "upheld")}
    assert '"t3.partial.natural": "-3"' in dumps(r)  # nothing typed is lost


def test_printed_totals_are_kept_when_wrong_and_replaceable() -> None:
    d = doc()
    d["cells"][t4_id("review", "upheld")] = 10  # type: ignore[index]
    d["cells"][t4_id("review", "corrected")] = 1  # type: ignore[index]
    d["cells"][t4_id("review", "total")] = 0  # type: ignore[index]
    r = loads(json.dumps(d))
    assert r.stated_totals == {t4_id("review", "total"): 0}
    assert {f.rule for f in check(r) if f.is_error} == {"R4"}
    assert json.loads(dumps(r))["cells"][t4_id("review", "total")] == 0  # printed as stated
    assert r.adopt_computed_totals() == [t4_id("review", "total")]
    assert not [f for f in check(r) if f.is_error]
    assert json.loads(dumps(r))["cells"][t4_id("review", "total")] == 11


def test_correct_printed_totals_stay_live() -> None:
    r = loads(dumps(zero_report()))
    assert r.stated_totals == {}


@pytest.mark.parametrize(("mutate", "expected"), [
    (lambda d: d.pop("format"), "不是年报项目文件"),
    (lambda d: d.update(format_version=99), "更新版本"),
    (lambda d: d.update(format_version="1"), "format_version"),
    (lambda d: d["meta"].update(year="二〇二四"), "meta.year"),
    (lambda d: d["meta"].update(kind="city"), "meta.kind"),
    (lambda d: d["meta"].update(publish_date="2025/1/20"), "meta.publish_date"),
    (lambda d: d["meta"].update(agency=12), "meta.agency：应为文本"),
    (lambda d: d.update(meta=[]), "meta：应为对象"),
    (lambda d: d["cells"].update({"t3.bogus.natural": 1}), "cells.t3.bogus.natural"),
    (lambda d: d["cells"].update({"t3.new.natural": [1]}), "cells.t3.new.natural：应为数字或文本"),
    (lambda d: d["narrative"].update(s7="x"), "narrative.s7"),
    (lambda d: d.update(baseline_in_force={"normative": -1}), "baseline_in_force.normative"),
])
def test_bad_files_are_refused_naming_the_field(mutate: object, expected: str) -> None:
    d = doc()
    mutate(d)  # type: ignore[operator]
    with pytest.raises(ProjectFileError) as exc:
        loads(json.dumps(d))
    assert expected in str(exc.value)


@pytest.mark.parametrize(("raw", "expected"), [
    (b"", "不是有效的 JSON"), (b"{", "第 1 行"), (b"\xff\xfe\x00", "UTF-8"), (b"[1,2]", "顶层应为对象"),
    (b"[" * 100000, "嵌套层次过深"),
], ids=["empty", "truncated", "not-utf8", "array", "deep-nesting"])
def test_garbage_is_refused_in_chinese(raw: bytes, expected: str) -> None:
    with pytest.raises(ProjectFileError) as exc:
        loads(raw)
    assert expected in str(exc.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="找不到文件"):
        load(tmp_path / "nope.json")
    with pytest.raises(ProjectFileError, match="文件夹"):
        load(tmp_path)


def test_save_is_atomic_and_keeps_the_previous_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.gkbg.json"
    first = zero_report()
    save(first, target)
    second = zero_report()
    second.meta.agency = "第二版"
    save(second, target)
    assert load(target).meta.agency == "第二版"
    assert load(target.with_name(target.name + ".bak")).meta.agency == "某市某局"

    def boom(*_a: object) -> None:
        raise OSError(28, "No space left on device")

    third = zero_report()
    third.meta.agency = "第三版"
    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        save(third, target)
    monkeypatch.undo()
    assert load(target).meta.agency == "第二版"  # the failed save destroyed nothing
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_blank_report_round_trip(tmp_path: Path) -> None:
    r = Report.blank()
    save(r, tmp_path / "b.json")
    again = load(tmp_path / "b.json")
    assert again.cells == {} and again.narrative == r.narrative


def test_saved_files_are_not_private(tmp_path: Path) -> None:
    """mkstemp's 0600 must not leak into the report: colleagues on a shared drive read it."""
    import stat

    target = tmp_path / "shared.gkbg"
    save(zero_report(), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    target.chmod(0o640)
    save(zero_report(), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_suffix_is_added_to_save_dialog_answers() -> None:
    from core.project_file import with_suffix

    assert with_suffix(Path("a/报告")).name == "报告.gkbg"
    assert with_suffix(Path("报告.json")).name == "报告.gkbg"
    assert with_suffix(Path("报告.gkbg.json")).name == "报告.gkbg.json"
    assert with_suffix(Path("报告.gkbg")).name == "报告.gkbg"


def test_tiny_amounts_are_written_without_exponent() -> None:
    r = zero_report()
    r.cells[t2_id("fees", "amount")] = Decimal("0.0000001")
    assert '"t2.fees.amount": "0.0000001"' in dumps(r)
    # Below the 分 (six decimals of 万元) is not an amount: kept as typed, reported by R5.
    back = loads(dumps(r)).cells[t2_id("fees", "amount")]
    assert isinstance(back, Invalid) and back.raw == "0.0000001" and "小数位数过多" in back.reason
    r.cells[t2_id("fees", "amount")] = Decimal("0.000001")
    assert loads(dumps(r)).cells[t2_id("fees", "amount")] == Decimal("0.000001")


def test_half_a_character_is_refused_naming_the_field() -> None:
    text = dumps(zero_report()).replace('"某市某局"', '"某市\\ud83d"')
    with pytest.raises(ProjectFileError, match=r"meta\.agency.*U\+D83D"):
        loads(text)
    d = doc()
    d["cells"][t3_id("new", "natural")] = "x"  # type: ignore[index]
    with pytest.raises(ProjectFileError, match=r"cells\.t3\.new\.natural"):
        loads(json.dumps(d).replace('"x"', '"\\udc00"'))
