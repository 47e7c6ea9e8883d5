"""Fields in the narrative: storage, migration, rendering everywhere, generated paragraphs and R6."""

from __future__ import annotations

import io
import json
import random
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.compute import compute
from core.fields import (
    MISSING,
    Field,
    Text,
    Unlinked,
    escape,
    migrate_1_to_2,
    parse,
    render,
    render_text,
    to_source,
    token,
    unlinked_token,
)
from core.format2021 import INFO_FEE_ID, INPUT_IDS, T3_APPLICANT_COLS, t3_id, t4_id
from core.project_file import FORMAT_VERSION, dumps, loads
from core.quantities import QUANTITIES, QUANTITY, SHARE_PLACES, field_value, share_key
from core.rules import check
from core.sample import load_sample
from core.sentences import (
    PARAGRAPHS,
    applications_paragraph,
    info_fee_paragraph,
    review_paragraph,
)
from tests.core.build import consistent_report, zero_report

texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
braces = st.lists(st.sampled_from(["{", "}", "{{", "}}", "#", "|", "t3.new", "x", "{{#}}", "\\", "文"]),
                  max_size=12).map("".join)


def r6(report, results=None) -> list[str]:
    return [f.message for f in check(report, results) if f.rule == "R6"]


# ---------------------------------------------------------------- storage


def test_tokens_parse_render_and_round_trip() -> None:
    report = zero_report()
    report.set(t3_id("new", "natural"), 15)
    res = compute(report)
    source = f"收到申请{token('t3.new')}件，{unlinked_token('t3.total', '12')}件办结，{{{{#}}}}{{t3.new}}}}字面"
    assert parse(source) == (Text("收到申请"), Field("t3.new"), Text("件，"), Unlinked("t3.total", "12"),
                             Text("件办结，{{t3.new}}字面"))
    assert render(source, res) == "收到申请15件，12件办结，{{t3.new}}字面"
    assert to_source(parse(source)) == source
    assert parse("{{t9.unknown}}") == (Text("{{t9.unknown}}"),)  # not a quantity: literal text


@given(st.one_of(texts, braces))
@settings(max_examples=200, deadline=None)
def test_escape_keeps_any_literal_text(text: str) -> None:
    report = zero_report()
    res = compute(report)
    assert render(escape(text), res) == text
    if not any(isinstance(s, (Field, Unlinked)) for s in parse(text)) and "{{#}}" not in text:
        assert escape(text) == text  # text that looks like no token needs no escape


def test_fields_survive_save_and_load() -> None:
    report = zero_report()
    report.narrative["s1"] = f"收到申请{token('t3.new')}件。{unlinked_token('t4.review', '3')}"
    again = loads(dumps(report))
    assert again.narrative == report.narrative
    assert json.loads(dumps(report))["format_version"] == FORMAT_VERSION == 3


def test_migration_1_to_2_keeps_old_text_literal() -> None:
    old = json.loads(dumps(zero_report()))
    old["format_version"] = 1
    old.pop("prose_limits", None)  # a version-2 key
    old["narrative"]["s5"] = "模板占位符{{t3.new}}照原样保留。"
    migrated = migrate_1_to_2(old)
    assert migrated["format_version"] == 2 and old["format_version"] == 1  # input untouched
    report = loads(json.dumps(old, ensure_ascii=False))
    assert report.narrative["s5"] == "模板占位符{{#}}{t3.new}}照原样保留。"
    assert render_text(report, compute(report), "s5") == "模板占位符{{t3.new}}照原样保留。"
    # The built-in sample is a version-1 file: it loads unchanged.
    sample = load_sample()
    assert "{{" not in "".join(sample.narrative.values())


# ---------------------------------------------------------------- rendering everywhere


def _report_with_fields():
    report = consistent_report(random.Random(7))
    report.narrative["s1"] = "（一）主动公开\n" + PARAGRAPHS[0][1](compute(report)) + \
        "\n（二）依申请公开\n" + applications_paragraph(compute(report))
    report.narrative["s6"] = "（一）信息处理费收取情况\n" + info_fee_paragraph(compute(report))
    return report


def test_every_export_prints_fields_as_numbers() -> None:
    from core.pdf import export_pdf
    from core.xlsx import export_xlsx

    report = _report_with_fields()
    res = compute(report)
    new = str(res.value(t3_id("new", "total")))
    findings = check(report, res)
    book = openpyxl.load_workbook(io.BytesIO(export_xlsx(report, res, findings, draft=True)))
    cells = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
    text = "\n".join(cells)
    assert f"收到政府信息公开申请{new}件" in text and "{{" not in text
    import pdfplumber

    pdf = export_pdf(report, res, findings, draft=True)
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        printed = "".join(page.extract_text() or "" for page in doc.pages).replace("\n", "")
    assert f"收到政府信息公开申请{new}件" in printed and "{{" not in printed


def test_word_and_web_exports_print_fields_as_numbers() -> None:
    """DOCX and HTML read the narrative through core.blocks.section_text, i.e. render_text."""
    import zipfile

    from core.docx import export_docx
    from core.html import export_html

    report = _report_with_fields()
    res = compute(report)
    new = str(res.value(t3_id("new", "total")))
    findings = check(report, res)
    html = export_html(report, res, findings, draft=True).decode("utf-8")
    assert f"收到政府信息公开申请{new}件" in html and "{{" not in html
    with zipfile.ZipFile(io.BytesIO(export_docx(report, res, findings, draft=True))) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    import re

    words = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    assert f"收到政府信息公开申请{new}件" in words and "{{" not in words


def test_xlsx_import_reads_printed_text_back_as_literal() -> None:
    from core.xlsx import export_xlsx, import_xlsx

    report = _report_with_fields()
    report.narrative["s5"] = "字面的{{#}}{t3.new}}不是字段"
    res = compute(report)
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "r.xlsx"
        p.write_bytes(export_xlsx(report, res, [], draft=True))
        back = import_xlsx(p)
    assert back.narrative["s5"] == report.narrative["s5"]
    assert render_text(back, compute(back), "s1") == render_text(report, res, "s1")


# ---------------------------------------------------------------- generated paragraphs


def test_paragraphs_quote_live_fields_and_the_zero_cases() -> None:
    report = zero_report()
    res = compute(report)
    assert applications_paragraph(res) == "本年度未收到政府信息公开申请，无上年结转的政府信息公开申请。"
    assert review_paragraph(res) == "本年度未发生因政府信息公开引起的行政复议、行政诉讼情况。"
    assert info_fee_paragraph(res) == "本年度未收取政府信息公开信息处理费。"
    report.set(t3_id("new", "natural"), 7)
    report.set(t3_id("public", "natural"), 5)
    report.set(t3_id("carried_out", "natural"), 2)
    report.set(INFO_FEE_ID, None)
    res = compute(report)
    text = render(applications_paragraph(res), res)
    assert text.startswith("本年度共收到政府信息公开申请7件") and "办结5件" in text
    assert "占办结总数的100.00%" in text
    assert MISSING in render(info_fee_paragraph(res), res)
    assert any(MISSING in m for m in r6(_with(report, "s6", info_fee_paragraph(res))))


def _with(report, key, text):
    report.narrative[key] = text
    return report


@given(st.integers(0, 10_000), st.sampled_from(INPUT_IDS), st.integers(1, 50))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_paragraphs_never_raise_r6(seed: int, cell: str, bump: int) -> None:
    report = consistent_report(random.Random(seed))
    res = compute(report)
    report.narrative["s1"] = "\n".join(make(res) for _, make in PARAGRAPHS)
    assert r6(report, res) == []
    before = render_text(report, res, "s1")
    old = report.cells.get(cell)
    if isinstance(old, (int, Decimal)):
        report.set(cell, old + bump)
    res2 = compute(report)
    quoted = [k for k in _field_keys(report.narrative["s1"]) if cell in QUANTITY[k.removeprefix("share.")].cells]
    if quoted:
        assert render_text(report, res2, "s1") != before  # the printed number follows the table
        assert r6(report, res2) == []  # …and never contradicts it
    # (A cell no field quotes may still be stated by the words chosen at insertion — 「未收取…」 — and
    # R6 rightly reports those words once the table says otherwise: see the next test.)


def test_zero_wording_chosen_at_insertion_is_read_like_typed_text() -> None:
    report = zero_report()
    report.narrative["s6"] = ""
    report.narrative["s1"] = info_fee_paragraph(compute(report))
    assert r6(report) == []
    report.set(INFO_FEE_ID, Decimal(1))
    assert any("未收取" in m and "相差 1" in m for m in r6(report))


def _field_keys(source: str) -> list[str]:
    return [s.key for s in parse(source) if isinstance(s, Field)]


def test_shares_are_rounded_half_up() -> None:
    report = zero_report()
    report.set(t3_id("public", "natural"), 1)
    report.set(t3_id("unable_not_held", "natural"), 2)
    report.set(t3_id("new", "natural"), 3)
    res = compute(report)
    assert field_value(res, share_key("t3.public")) == Decimal("33.33")
    assert field_value(res, share_key("t3.unable")) == Decimal("66.67")
    assert SHARE_PLACES == 2


def test_quantities_read_the_format_ids() -> None:
    from core.format2021 import CELL

    assert all(c in CELL for q in QUANTITIES for c in q.cells)
    assert QUANTITY["t4.litigation"].cells == (t4_id("suit_direct", "total"), t4_id("suit_after", "total"))
    assert QUANTITY["t3.new.legal"].cells == tuple(t3_id("new", c) for c in T3_APPLICANT_COLS[1:])


# ---------------------------------------------------------------- R6 against the tables


def _t3(report, **rows: int) -> None:
    for row, v in rows.items():
        report.set(t3_id(row, "natural"), v)


def test_r6_message_quotes_sentence_quantity_and_difference() -> None:
    report = zero_report()
    _t3(report, new=15, public=15)
    report.narrative["s1"] = "（一）主动公开\n全年共收到政府信息公开申请20件，办结15件。"
    assert r6(report) == ["第一部分第2段：“收到政府信息公开申请20件”，但表三 本年新收 总计为 15，相差 5"]


def test_r6_ambiguous_banli_checked_against_both_readings() -> None:
    report = zero_report()
    _t3(report, new=30, carried_in=1, public=24, carried_out=7)
    report.narrative["s1"] = "全年共办理政府信息公开申请31件。"
    assert r6(report) == []  # 新收 + 上年结转
    report.narrative["s1"] = "全年共办理政府信息公开申请24件。"
    assert r6(report) == []  # （七）总计
    report.narrative["s1"] = "全年共办理政府信息公开申请29件。"
    [msg] = r6(report)
    assert "31" in msg and "24" in msg and "都不相符" in msg


def test_r6_unlinked_generated_number_is_an_error_when_stale() -> None:
    report = zero_report()
    _t3(report, new=15, public=15)
    report.narrative["s1"] = f"收到申请{unlinked_token('t3.new', '15')}件。"
    assert r6(report) == []
    _t3(report, new=16, public=16)
    [f] = [f for f in check(report) if f.rule == "R6"]
    assert f.is_error and "解除链接" in f.message and "相差 1" in f.message


def test_r6_leaves_numbers_alone_that_quote_no_table() -> None:
    report = zero_report()
    report.narrative["s1"] = ("截至12月底，网站共有栏目总量 78 个，2024 年更新信息共 156 条，累计网站访问量 7 万余次。"
                              "收到248条网民留言，办结留言230条，公开答复4条。")
    assert r6(report) == []


def test_r6_sum_of_enumeration_must_not_exceed_the_whole() -> None:
    report = zero_report()
    report.narrative["s1"] = "共发布信息300条，其中：概况类69条、政务动态类200条、信息公开目录类100条。"
    [msg] = r6(report)
    assert "369" in msg and "超过总数 300" in msg


def test_r8_reads_the_amount_and_asks_for_the_cell() -> None:
    report = zero_report()
    report.set(INFO_FEE_ID, None)
    report.narrative["s6"] = "全年收取政府信息公开信息处理费120元。"
    msgs = [f.message for f in check(report) if f.rule == "R8"]
    assert any("为空白" in m and "120" in m for m in msgs)
    report.set(INFO_FEE_ID, Decimal(100))
    assert any("信息处理费（元） 总计" not in m and "相差 20" in m for m in r6(report))
    report.set(INFO_FEE_ID, Decimal(120))
    _t3(report, new=2, other_unpaid=2)
    assert not [f for f in check(report) if f.rule in ("R8", "R6")]


@pytest.mark.parametrize("text", ["全年共收到政府信息公开申请二十一件。", "全年共收到政府信息公开申请21件。"])
def test_r6_chinese_numerals(text: str) -> None:
    report = zero_report()
    _t3(report, new=21, public=21)
    report.narrative["s1"] = text
    assert r6(report) == []
    _t3(report, new=20, public=20)
    assert len(r6(report)) == 1


def test_replace_text_leaves_fields_alone() -> None:
    from core.fields import replace_text

    source = f"收到申请{token('t3.new')}件，{unlinked_token('t3.total', '12')}件。申请"
    new, n = replace_text(source, "申请", "请求")
    assert n == 2 and new == f"收到请求{token('t3.new')}件，{unlinked_token('t3.total', '12')}件。请求"
    assert replace_text(source, "t3", "x") == (source, 0)
