"""N1–N5 and the prose fixes to R4, R8, R10, R10b, X4 (docs/rules.md)."""

from __future__ import annotations

from decimal import Decimal

from core.compute import compute
from core.format2021 import INFO_FEE_ID, t3_id, t4_id
from core.project_file import dumps, loads
from core.rules import Previous, check
from tests.core.build import zero_report


def by_rule(report, **kw) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in check(report, **kw):
        out.setdefault(f.rule, []).append(f.message)
    return out


def test_n1_empty_sub_heading_warns_and_the_step_is_not_done() -> None:
    from core.steps import STEP_INDEX, step_states

    r = zero_report()
    r.narrative["s1"] = ("2025年，本机关扎实推进政务公开。本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。\n"
                         "（一）主动公开\n全年主动公开信息312条。\n（三）政府信息管理\n（四）政府信息公开平台建设\n"
                         "优化栏目设置。")
    [msg] = by_rule(r)["N1"]
    assert "（三）政府信息管理" in msg and "（一）" not in msg
    assert not step_states(check(r))[STEP_INDEX["s1"]].done
    r.narrative["s1"] = r.narrative["s1"].replace("（三）政府信息管理\n", "（三）政府信息管理\n严格审核。\n")
    assert "N1" not in by_rule(r)
    fresh = zero_report()
    fresh.narrative["s5"] = "（一）存在问题\n（二）改进措施"  # only the seeded headings: R9's business, not N1's
    assert "N1" not in by_rule(fresh)


def test_n2_title_wording_and_agency_name() -> None:
    r = zero_report()
    r.narrative["preamble"] = "现将某市某局2025年政府信息公开工作报告公布如下。"
    assert any("工作报告" in m and "政府信息公开工作年度报告" in m for m in by_rule(r)["N2"])
    r.narrative["preamble"] = "现将某市交通局2025年政府信息公开工作年度报告公布如下。"
    assert any("某市交通局" in m and "某市某局" in m for m in by_rule(r)["N2"])
    r.narrative["preamble"] = "现将某市某局2025年政府信息公开工作年度报告公布如下。"
    assert "N2" not in by_rule(r)


def test_n3_units_of_applications_and_money() -> None:
    r = zero_report()
    r.narrative["s1"] += "\n全年收到政府信息公开申请 0 条。"
    assert any("“件”" in m and "“条”" in m for m in by_rule(r)["N3"])
    r = zero_report()
    r.set(t3_id("new", "natural"), 0)
    r.cells[INFO_FEE_ID] = Decimal(120)
    r.narrative["s6"] = "本年度共收取政府信息公开信息处理费120万元。"
    rules = by_rule(r)
    assert any("万元" in m and "信息处理费" in m for m in rules["N3"])
    assert any("相差" in m for m in rules["R6"])  # 120万元 is not 120元


def test_n4_length_guidance_is_off_by_default_and_kept_in_the_file() -> None:
    r = zero_report()
    assert "N4" not in by_rule(r)
    r.prose_limits = {"s1": 20}
    [msg] = by_rule(r)["N4"]
    assert "超过本报告设定的 20 字" in msg
    assert loads(dumps(r)).prose_limits == {"s1": 20}


def without_level3_faces(monkeypatch) -> None:
    """As on a desk without SimSun-ExtB or the optional font package (this machine may have HanaMinB)."""
    import core.gb18030
    import core.rules.prose

    monkeypatch.setattr(core.gb18030, "level3_font_dirs", lambda: [])
    monkeypatch.setattr(core.rules.prose, "_PRINTABLE", {})
    monkeypatch.setattr(core.rules.prose, "_FONT_TEST", [])


def test_n5_unprintable_characters_are_an_error_for_final(monkeypatch) -> None:
    without_level3_faces(monkeypatch)
    r = zero_report()
    r.narrative["s5"] += "\n𠀀字。"
    assert "N5" not in by_rule(r, printable=lambda ch: True)
    assert "N5" in by_rule(r)  # the PDF fonts have no glyph for U+20000
    finals = [f for f in check(r, final=True, printable=lambda ch: ch != "𠀀") if f.rule == "N5"]
    assert finals and finals[0].is_error and "U+20000" in finals[0].message
    drafts = [f for f in check(r, printable=lambda ch: ch != "𠀀") if f.rule == "N5"]
    assert drafts and not drafts[0].is_error


def test_r10_every_sentence_stating_the_period_year() -> None:
    r = zero_report(2025)
    r.narrative["s1"] += "\n（二）依申请公开\n2024年，我局共收到政府信息公开申请0件。"
    assert any("“2024年，”" in m for m in by_rule(r)["R10"])
    r = zero_report(2025)
    r.narrative["s1"] += "\n全年共办理申请0件，含2024年转至今年办理的0件。"
    assert "R10" not in by_rule(r)


def test_r10b_does_not_fire_on_2021_other_handling() -> None:
    r = zero_report()
    r.narrative["s1"] += "\n其他处理0件，作其他处理0件。"
    assert "R10b" not in by_rule(r)


def test_r4_message_uses_the_formats_column_names() -> None:
    r = zero_report()
    r.stated_totals[t4_id("review", "total")] = 5
    r.cells[t4_id("review", "upheld")] = 1
    r.cells[t4_id("review", "pending")] = 2
    [msg] = by_rule(r)["R4"]
    assert "结果维持 1 + 结果纠正 0 + 其他结果 0 + 尚未审结 2 = 3" in msg


def test_r8_fee_statement_counts_as_mentioning_fees() -> None:
    r = zero_report()
    r.cells[t3_id("other_unpaid", "natural")] = 2
    r.cells[t3_id("new", "natural")] = 2
    r.cells[INFO_FEE_ID] = Decimal(0)
    r.narrative["s6"] = "全年收取政府信息公开信息处理费0元。"
    assert "R8" in by_rule(r)  # nothing charged and no notice mentioned
    r.cells[INFO_FEE_ID] = Decimal(50)
    r.narrative["s6"] = "全年收取政府信息公开信息处理费50元。"
    assert "R8" not in by_rule(r) and "R6" not in by_rule(r)


def test_x4_compares_wording_not_number_skeletons() -> None:
    last, this = zero_report(2024), zero_report(2025)
    last.narrative["s5"] = ("全年收到政府信息公开申请12件，办结11件，予以公开5件，部分公开3件，不予公开2件，无法提供1件，"
                            "结转下年度1件，行政复议0件，行政诉讼0件，信息处理费0元。")
    this.narrative["s5"] = ("全年收到政府信息公开申请35件，办结33件，予以公开18件，部分公开7件，不予公开4件，无法提供4件，"
                            "结转下年度2件，行政复议1件，行政诉讼0件，信息处理费0元。")
    previous = Previous(last, compute(last))
    assert not any(m.startswith("五") for m in by_rule(this, previous=previous).get("X4", []))


def test_character_counts_per_sub_section() -> None:
    from core.rules.prose import subsection_counts

    text = "总述两句。\n（一）主动公开\n公开信息。\n（二）依申请公开。收到申请。"
    assert subsection_counts(text) == [("开头", 5), ("（一）主动公开", 12), ("（二）依申请公开", 14)]


def test_n5_blocks_a_final_export(monkeypatch) -> None:
    from core.rules import ready_for_final

    without_level3_faces(monkeypatch)
    r = zero_report()
    assert ready_for_final(check(r), r)
    r.narrative["s5"] += "\n𠀀字。"
    assert not ready_for_final(check(r), r)
