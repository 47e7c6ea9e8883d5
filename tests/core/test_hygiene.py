"""Hygiene fixes (core.prose.hygiene): found, previewed and applied without touching fields or quotes."""

from __future__ import annotations

import pytest

from core.compute import compute
from core.fields import Text, parse, render
from core.model import Report
from core.prose.hygiene import apply, find_fixes, preview


def fixed(source: str) -> str:
    return apply(source, find_fixes(source))


@pytest.mark.parametrize(("before", "after"), [
    ("收到申请20件,办结18件.", "收到申请20件，办结18件。"),
    ("是否公开?是!", "是否公开？是！"),
    ("主要做法:一是;二是", "主要做法：一是；二是"),
    ("办结, 其中予以公开5件", "办结，其中予以公开5件"),  # the space the comma dragged along goes too
    ("(国务院令第711号)", "（国务院令第711号）"),
    ("本机关(含下属单位)共", "本机关（含下属单位）共"),
    ("2024 年", "2024年"),
    ("共 12 件", "共12件"),
    ("政府 信息公开", "政府信息公开"),
    ("政府\u3000信息", "政府信息"),
    ("(一) 主动公开情况。本机关", "（一）主动公开情况。本机关"),
    ("（二） 依申请公开", "（二）依申请公开"),
    ("( 三 )政府信息管理", "（三）政府信息管理"),
])
def test_fixes(before: str, after: str) -> None:
    assert fixed(before) == after


@pytest.mark.parametrize("text", [
    "比例为1.5%",
    "共计1,234件",
    "使用 WPS 编辑",
    "GB/T 9704(2012)",
    "　　本机关全年",  # leading indentation is the print style's business
    "印发《关于做好2024年工作的通知(试行)》",  # a document's title is quoted as issued
    "即「依申请公开,不予公开」",
    "Hello, world.",
])
def test_left_alone(text: str) -> None:
    assert find_fixes(text) == []


def test_address_left_but_label_colon_fixed() -> None:
    assert fixed("网址:http://www.gov.cn/a.html,b.") == "网址：http://www.gov.cn/a.html,b."


def test_fields_never_touched() -> None:
    source = "收到{{t3.new}} 件申请,办结{{t3.total|15}} 件.\n(一) 其他"
    out = fixed(source)
    assert out == "收到{{t3.new}}件申请，办结{{t3.total|15}}件。\n（一）其他"
    assert [s for s in parse(out) if not isinstance(s, Text)] == [s for s in parse(source) if not isinstance(s, Text)]


def test_escape_kept() -> None:
    source = "{{#}}{t3.new}} 2024 年"
    out = fixed(source)
    assert render(out, compute(Report())) == "{{t3.new}} 2024年"  # the literal braces stay literal


def test_each_fix_alone_and_in_order() -> None:
    source = "2024 年,共 12 件."
    fixes = find_fixes(source)
    assert [f.kind for f in fixes] == ["space", "punct", "space", "space", "punct"]
    assert [f.start for f in fixes] == sorted(f.start for f in fixes)
    assert apply(source, [fixes[1]]) == "2024 年，共 12 件."
    assert apply(source, fixes) == "2024年，共12件。"


def test_preview_shows_field_values() -> None:
    results = compute(Report())
    source = "收到{{t3.new}} 件申请"
    (fix,) = find_fixes(source)
    before, after = preview(source, fix, results)
    assert before.replace(" ", "") == after
    assert "〔未填〕" in before and "〔未填〕件" in after
    assert "数字" in fix.message


def test_fix_messages_are_chinese() -> None:
    for f in find_fixes("2024 年,(一) x\n(二) 主动"):
        assert any("\u4e00" <= ch <= "\u9fff" for ch in f.message)


def test_preview_can_show_the_removed_space() -> None:
    results = compute(Report())
    (fix,) = find_fixes("本机关2024 年")
    assert preview("本机关2024 年", fix, results, show_spaces=True) == ("本机关2024·年", "本机关2024年")
