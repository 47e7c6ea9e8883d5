"""Every rule, with a report that passes it and one that fails it."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from core.compute import compute
from core.findings import RULES, Severity
from core.format2021 import INFO_FEE_ID, t2_id, t3_id, t4_id
from core.model import Report
from core.rules import Previous, check, ready_for_final
from core.values import Invalid
from tests.core.build import consistent_report, zero_report


def rules(report: Report, **kw: object) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in check(report, **kw):  # type: ignore[arg-type]
        out.setdefault(f.rule, []).append(f.message)
    return out


def errors(report: Report, **kw: object) -> set[str]:
    return {f.rule for f in check(report, **kw) if f.severity is Severity.ERROR}  # type: ignore[arg-type]


def test_zero_report_is_clean_and_ready() -> None:
    r = zero_report()
    findings = check(r)
    assert findings == []
    assert ready_for_final(findings, r)


def test_random_consistent_report_is_clean() -> None:
    assert errors(consistent_report(random.Random(1))) == set()


def test_catalogue_lists_every_rule_the_checker_uses() -> None:
    ids = {r.id for r in RULES}
    assert {"R0", "R1", "R2", "R3", "R4", "R5", "R7", "R7b", "R8", "R9", "R10", "R10b",
            "X1", "X2", "X3", "X4"} <= ids


# ---------------------------------------------------------------- M1 / D1

def test_m1_agency_and_year() -> None:
    r = zero_report()
    r.meta.agency = " "
    r.meta.year = 2019
    msgs = rules(r)["M1"]
    assert any("机关名称" in m for m in msgs) and any("2019" in m and "2021" in m for m in msgs)


def test_d1_late_department_report() -> None:
    r = zero_report(2025)
    r.meta.publish_date = dt.date(2026, 2, 3)
    assert "晚 3 天" in rules(r)["D1"][0]
    r.meta.publish_date = dt.date(2026, 1, 31)
    assert "D1" not in rules(r)


# ---------------------------------------------------------------- R0

def test_r0_blank_is_warning_in_draft_and_error_for_final() -> None:
    r = zero_report()
    r.set(t3_id("public", "natural"), None)
    draft = [f for f in check(r) if f.rule == "R0"]
    assert draft[0].severity is Severity.WARNING and draft[0].cells == (t3_id("public", "natural"),)
    final = [f for f in check(r, final=True) if f.rule == "R0"]
    assert final[0].severity is Severity.ERROR
    assert not ready_for_final(check(r), r)


def test_r0_slash_and_dash_are_blank() -> None:
    from core.format2021 import Unit
    from core.values import parse
    for text in ("/", "—", "无", " ", "－"):
        assert parse(text, Unit.COUNT) is None


# ---------------------------------------------------------------- R1

def test_r1_message_says_by_how_much() -> None:
    r = zero_report()
    r.cells[t3_id("new", "natural")] = 3
    r.cells[t3_id("carried_in", "natural")] = 1
    r.cells[t3_id("public", "natural")] = 2
    r.cells[t3_id("carried_out", "natural")] = 1
    msgs = rules(r)["R1"]
    assert "表三 自然人列：新收 3 + 上年结转 1 = 4，但办理结果总计 2 + 结转下年度 1 = 3，相差 1" in msgs
    assert any(m.startswith("表三 总计列") for m in msgs)  # the total column breaks with it


def test_r1_cells_are_the_four_terms() -> None:
    r = zero_report()
    r.cells[t3_id("new", "legal")] = 5
    f = next(f for f in check(r) if f.rule == "R1" and "法律服务机构" in f.message)
    assert f.cells == tuple(t3_id(x, "legal") for x in ("new", "carried_in", "total", "carried_out"))


# ---------------------------------------------------------------- R2 / R3 (stated totals)

def test_r2_stated_column_total_disagrees() -> None:
    r = zero_report()
    r.cells[t3_id("public", "business")] = 4
    r.cells[t3_id("new", "business")] = 4
    r.stated_totals[t3_id("total", "business")] = 3
    msgs = rules(r)["R2"]
    assert any("商业企业列：（七）总计 3，但21项办理结果之和为 4，相差 1" in m for m in msgs)


def test_r3_stated_row_total_disagrees() -> None:
    r = zero_report()
    r.cells[t3_id("public", "natural")] = 2
    r.cells[t3_id("new", "natural")] = 2
    r.stated_totals[t3_id("public", "total")] = 5
    msg = rules(r)["R3"][0]
    assert msg == "表三 “（一）予以公开”行：总计 5，但六类申请人之和为 2，相差 3"


def test_computed_totals_never_break_r2_r3() -> None:
    r = consistent_report(random.Random(7))
    assert not {"R2", "R3", "R4"} & errors(r)


# ---------------------------------------------------------------- R4

def test_r4_review_total_zero_while_parts_sum_to_eleven() -> None:
    r = zero_report()
    for col, v in (("upheld", 10), ("corrected", 1), ("other", 0), ("pending", 0)):
        r.cells[t4_id("review", col)] = v
    r.stated_totals[t4_id("review", "total")] = 0
    found = [f for f in check(r) if f.rule == "R4"]
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    assert "行政复议" in found[0].message and "= 11，但总计 0，相差 11" in found[0].message
    assert t4_id("review", "total") in found[0].cells
    assert errors(r) == {"R4"}


def test_r4_computed_total_follows_parts() -> None:
    r = zero_report()
    r.cells[t4_id("suit_direct", "upheld")] = 2
    assert compute(r).value(t4_id("suit_direct", "total")) == 2
    assert "R4" not in rules(r)


# ---------------------------------------------------------------- R5

@pytest.mark.parametrize(("value", "reason"), [
    (Invalid("-3", "不能为负数"), "不能为负数"),
    (Invalid("2.5", "件数必须是整数"), "整数"),
    (Invalid("251000元", "只填数字"), "只填数字"),
])
def test_r5_invalid_values(value: Invalid, reason: str) -> None:
    r = zero_report()
    r.cells[t3_id("public", "natural")] = value
    f = next(f for f in check(r) if f.rule == "R5")
    assert f.severity is Severity.ERROR and reason in f.message and value.raw in f.message
    assert f.cells == (t3_id("public", "natural"),)


# ---------------------------------------------------------------- R7 / R7b

def test_r7_repealed_exceeds_what_existed() -> None:
    r = zero_report()
    r.baseline_in_force = {"normative": 3}
    r.cells[t2_id("normative", "issued")] = 1
    r.cells[t2_id("normative", "repealed")] = 6
    msg = rules(r)["R7"][0]
    assert "本年废止 6 件，超过上年现行有效 3 + 本年制发 1 = 4 件，多出 2 件" in msg
    r.cells[t2_id("normative", "repealed")] = 4
    assert "R7" not in rules(r)


def test_r7b_yuan_in_wan_yuan_cell() -> None:
    r = zero_report()
    r.cells[t2_id("fees", "amount")] = Decimal("2510000")
    assert "万元" in rules(r)["R7b"][0]
    r.cells[t2_id("fees", "amount")] = Decimal("96171.6")
    assert "R7b" not in rules(r)
    r.cells[t2_id("fees", "amount")] = Invalid("251000元", "只填数字")
    assert "R7b" in rules(r) and "R5" in rules(r)


# ---------------------------------------------------------------- R8

def test_r8_info_fee_not_stated() -> None:
    r = zero_report()
    r.narrative["s6"] = "（一）信息处理费收取情况\n无其他需要报告的事项。"
    r.cells.pop(INFO_FEE_ID)
    assert "信息处理费" in rules(r)["R8"][0]
    r.cells[INFO_FEE_ID] = Decimal(0)
    assert "R8" not in rules(r)


def test_r8_unpaid_applications_need_a_fee_statement() -> None:
    r = zero_report()
    r.cells[t3_id("other_unpaid", "natural")] = 2
    r.cells[t3_id("new", "natural")] = 2
    assert any("收费通知" in m for m in rules(r)["R8"])
    r.narrative["s6"] = "本年度向2名申请人发出收费通知，申请人逾期未缴纳，未收取信息处理费。"
    assert "R8" not in rules(r)


def test_r8_amount_contradicts_text() -> None:
    r = zero_report()
    r.cells[INFO_FEE_ID] = Decimal("150")
    assert any("150" in m for m in rules(r)["R8"])


# ---------------------------------------------------------------- R9

@pytest.mark.parametrize("text", ["", "（一）存在问题\n（二）改进措施", "无", "（一）存在问题\n无。\n（二）改进措施\n"])
def test_r9_section_five_empty(text: str) -> None:
    r = zero_report()
    r.narrative["s5"] = text
    assert "R9" in rules(r)


# ---------------------------------------------------------------- R10 / R10b

def test_r10_statistics_period_of_last_year() -> None:
    r = zero_report(2025)
    r.narrative["s1"] = r.narrative["s1"].replace("自2025年1月1日起至2025年12月31日", "自2024年1月1日起至2024年12月31日")
    assert any("2024年1月1日至2024年12月31日" in m for m in rules(r)["R10"])


def test_r10_spaces_inside_dates_are_read() -> None:
    r = zero_report(2024)
    r.narrative["s1"] = "本报告中所列数据的统计期限自 2024 年 1 月 1 日起至 2024 年 12 月 31 日止。"
    assert "R10" not in rules(r)


def test_r10_missing_period_and_wrong_self_title() -> None:
    r = zero_report(2025)
    r.narrative["s1"] = "2024年，本局……现将2024年政府信息公开工作年度报告公布如下。"
    msgs = rules(r)["R10"]
    assert any("统计期限" in m for m in msgs) and any("2024年政府信息公开工作年度报告" in m for m in msgs)
    assert any("开头" in m for m in msgs)


def test_r10b_2019_residue() -> None:
    r = zero_report()
    r.narrative["s1"] += "\n本年新制作数量12件，政府集中采购项目3个。其他处理 2 件。"
    msg = rules(r)["R10b"][0]
    assert "本年新制作数量" in msg and "政府集中采购" in msg
    # 「其他处理2件」 is the 2021 （六） group total in normal 2021 wording, not residue.
    assert "其他处理" not in msg
    clean = zero_report()
    clean.narrative["s1"] += "\n其中予以公开3件，作其他处理341件。"
    assert "R10b" not in rules(clean)


# ---------------------------------------------------------------- X1–X4

def _pair() -> tuple[Report, Report]:
    last = consistent_report(random.Random(3), year=2024)
    this = consistent_report(random.Random(4), year=2025)
    this.meta.agency = last.meta.agency
    for col in ("natural", "business", "research", "nonprofit", "legal", "other"):
        # keep this year's report internally consistent while carrying last year's figure over
        diff = compute(last).value(t3_id("carried_out", col)) - this.cells[t3_id("carried_in", col)]  # type: ignore[operator]
        this.cells[t3_id("carried_in", col)] += diff  # type: ignore[operator]
        this.cells[t3_id("new", col)] -= diff  # type: ignore[operator]
        if this.cells[t3_id("new", col)] < 0:  # type: ignore[operator]
            this.cells[t3_id("carried_out", col)] -= this.cells[t3_id("new", col)]  # type: ignore[operator]
            this.cells[t3_id("new", col)] = 0
    return last, this


def test_x1_carry_over_matches() -> None:
    last, this = _pair()
    assert "X1" not in rules(this, previous=Previous.of(last))
    this.cells[t3_id("carried_in", "natural")] += 2  # type: ignore[operator]
    this.cells[t3_id("new", "natural")] -= 2  # type: ignore[operator]
    found = [f for f in check(this, previous=Previous.of(last)) if f.rule == "X1"]
    assert found and found[0].severity is Severity.ERROR and "相差 2" in found[0].message


def test_x1_other_agency_is_only_a_warning() -> None:
    last, this = _pair()
    this.cells[t3_id("carried_in", "natural")] += 2  # type: ignore[operator]
    this.cells[t3_id("new", "natural")] -= 2  # type: ignore[operator]
    last.meta.agency = "另一个局"
    found = [f for f in check(this, previous=Previous.of(last)) if f.rule == "X1"]
    assert found and all(f.severity is Severity.WARNING for f in found)


def test_x2_in_force_arithmetic() -> None:
    last, this = _pair()
    last.cells[t2_id("normative", "in_force")] = 100
    this.cells[t2_id("normative", "issued")] = 5
    this.cells[t2_id("normative", "repealed")] = 2
    this.cells[t2_id("normative", "in_force")] = 103
    assert not any("行政规范性文件" in m for m in rules(this, previous=Previous.of(last)).get("X2", []))
    this.cells[t2_id("normative", "in_force")] = 110
    msg = next(m for m in rules(this, previous=Previous.of(last))["X2"] if "行政规范性文件" in m)
    assert "上年现行有效 100 + 本年制发 5 − 本年废止 2 = 103 件，相差 7" in msg


def test_x3_jump() -> None:
    last, this = _pair()
    last.cells[t2_id("licensing", "decisions")] = 100
    this.cells[t2_id("licensing", "decisions")] = 700
    assert any("行政许可" in m for m in rules(this, previous=Previous.of(last))["X3"])
    this.cells[t2_id("licensing", "decisions")] = 300
    assert not any("行政许可" in m for m in rules(this, previous=Previous.of(last)).get("X3", []))


def test_x4_copied_narrative() -> None:
    last, this = _pair()
    text = ("本局坚持以公开为常态、不公开为例外，围绕中心工作，深化重点领域信息公开，规范依申请公开办理，"
            "加强政府信息管理和平台建设，强化监督保障，政府信息公开工作取得新成效。")
    last.narrative["s5"] = text
    this.narrative["s5"] = text.replace("取得新成效", "取得了明显成效")
    msgs = rules(this, previous=Previous.of(last))["X4"]
    # 一 is the builder's boilerplate in both years: copied too, and caught
    assert any(m.startswith("一、总体情况") for m in msgs)
    assert any(m.startswith("五、存在的主要问题及改进情况") and "%" in m for m in msgs)
    this.narrative["s5"] = ("本年度重点解决了依申请公开答复期限管理不严的问题，建立台账逐件跟踪，"
                            "对超期风险提前预警；同时针对政策解读形式单一，新增图解和视频解读二十余篇。")
    assert not any(m.startswith("五") for m in rules(this, previous=Previous.of(last)).get("X4", []))
