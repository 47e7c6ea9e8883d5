"""What a 核稿 reviewer rejects: near-empty pages, broken titles, widows, bad line starts, tiny figures."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from core.compute import compute
from core.model import Report
from core.pdf import export_pdf
from core.pdf.page import MARGIN_BOTTOM, MARGIN_TOP, PAGE_H, TYPE_H
from core.project_file import load
from core.sample import load_sample

CREATED = dt.datetime(2025, 1, 20, 9, 0)
# The project keeps its own copies of the fuzzers' reproducers (tests/reliability/repro/).
REPRO = Path(__file__).resolve().parents[1] / "reliability" / "repro" / "counts1e16.gkbg"


def pdf_of(report: Report, *, draft: bool = False) -> bytes:
    return export_pdf(report, compute(report), [], draft=draft, created=CREATED).data


def fills(data: bytes) -> list[float]:
    """How far down the type area each page's text and rules reach (0 empty, 1 full)."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as doc:
        for p in doc.pages:
            bottoms = [c["bottom"] for c in p.chars
                       if c["top"] > MARGIN_TOP - 2 and c["bottom"] < PAGE_H - MARGIN_BOTTOM + 2]
            bottoms += [o["bottom"] for o in p.lines + p.rects if o["bottom"] < PAGE_H - MARGIN_BOTTOM + 2]
            out.append((max(bottoms) - MARGIN_TOP) / TYPE_H if bottoms else 0.0)
    return out


def sentences(text: str, n: int) -> str:
    """Numbered, so that no line of the paragraph reads like another."""
    return "".join(f"{text}（{k}）。" for k in range(1, n + 1))


def _long_opening() -> Report:
    r = load_sample()
    lines = r.narrative["s1"].split("\n")
    lines[0] += sentences("坚持以人民为中心，深入推进政务公开标准化规范化建设", 12)  # ≈ 470 characters
    r.set_text("s1", "\n".join(lines))
    return r


def _long_s5() -> Report:
    r = load_sample()
    r.set_text("s5", "（一）存在问题\n" + sentences("部分信息公开不够及时、全面，政策解读形式单一", 20) + "\n（二）改进措施\n一是加大重视程度。")
    return r


def _long_s6() -> Report:
    r = load_sample()
    r.set_text("s6", r.narrative["s6"] + "\n" + sentences("本年度还开展了政务公开培训和专项检查", 30))
    return r


def _preamble_chapters() -> Report:
    r = load_sample()
    r.set_text("preamble", "\n".join(f"第{n}段。" + "按照条例要求，现将本机关政府信息公开工作情况报告如下。" * 4
                                     for n in range(1, 9)))
    return r


FIXTURES = {"sample": load_sample, "long opening": _long_opening, "long 五": _long_s5, "long 六": _long_s6,
            "long preamble": _preamble_chapters}
if REPRO.exists():
    FIXTURES["counts ≥ 10^16"] = lambda: load(REPRO)


@pytest.mark.parametrize("name", list(FIXTURES))
def test_no_page_but_the_last_is_less_than_60_percent_filled(name: str) -> None:
    pages = fills(pdf_of(FIXTURES[name]()))
    assert len(pages) >= 4
    assert all(f >= 0.6 for f in pages[:-1]), [round(f, 2) for f in pages]


def _lines(data: bytes) -> list[list[str]]:
    """Per page, the body lines (16 pt) as printed, top to bottom."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as doc:
        for p in doc.pages:
            rows: dict[int, list[dict]] = {}
            for c in p.chars:
                if round(c["size"]) == 16 and MARGIN_TOP - 2 < c["top"] < PAGE_H - MARGIN_BOTTOM:
                    rows.setdefault(round(c["top"]), []).append(c)
            out.append(["".join(c["text"] for c in sorted(rows[k], key=lambda c: c["x0"])) for k in sorted(rows)])
    return out


def test_28_characters_a_line() -> None:
    r = load_sample()
    r.set_text("preamble", "一" * 200)
    lines = [line for line in _lines(pdf_of(r))[0] if set(line) == {"一"}]
    assert len(lines[0]) == 26  # indented two characters
    assert {len(line) for line in lines[1:-1]} == {28}


@pytest.mark.parametrize("name", list(FIXTURES))
def test_no_widow_or_orphan(name: str) -> None:
    report = FIXTURES[name]()
    from core.blocks import Paragraph, build_document

    paragraphs = [b.text for b in build_document(report, compute(report), draft=False).blocks
                  if isinstance(b, Paragraph) and len(b.text) > 60]
    pages = _lines(pdf_of(report))
    flat_pages = ["".join(lines) for lines in pages]
    for text in paragraphs:
        key = re.sub(r"\s+", "", text)
        for n in range(len(pages) - 1):
            tail = re.sub(r"\s+", "", "".join(pages[n][-1:]))
            head = re.sub(r"\s+", "", "".join(pages[n + 1][:1]))
            joined = re.sub(r"\s+", "", flat_pages[n][-200:] + flat_pages[n + 1][:200])
            if key[:30] in re.sub(r"\s+", "", flat_pages[n]) and key[-30:] in re.sub(r"\s+", "", flat_pages[n + 1]):
                # The paragraph runs over: neither its first nor its last line may be alone.
                assert not key.startswith(tail), f"orphan: {tail}"
                assert not key.endswith(head), f"widow: {head}"
                assert joined


def test_no_line_starts_with_closing_punctuation_even_after_a_space() -> None:
    r = load_sample()
    # Each sentence ends with a space before the punctuation, at every possible line position.
    r.set_text("preamble", "".join("测" * n + " 。" for n in range(20, 34)) + "".join("试" * n + " ）" for n in range(20, 34)))
    for lines in _lines(pdf_of(r)):
        for line in lines:
            assert line.lstrip()[:1] not in "。，、；：？！）」』》", line


def test_titles_break_between_phrases_and_balanced() -> None:
    r = load_sample()
    r.meta.agency = "河南省周口市市场监督管理局"
    with pdfplumber.open(io.BytesIO(pdf_of(r))) as doc:
        rows: dict[int, list[dict]] = {}
        for c in doc.pages[0].chars:
            if round(c["size"]) == 22:
                rows.setdefault(round(c["top"]), []).append(c)
        lines = ["".join(c["text"] for c in sorted(v, key=lambda c: c["x0"])) for _, v in sorted(rows.items())]
    assert lines == ["河南省周口市市场监督管理局", "2024年政府信息公开工作年度报告"]
    r.meta.agency = "周口市工业和信息化局"
    from core.blocks import title_lines

    assert title_lines(r.meta.title) == ["周口市工业和信息化局2024年", "政府信息公开工作年度报告"]


def test_very_large_figures_neither_raise_nor_shrink_below_7pt() -> None:
    data = pdf_of(load(REPRO), draft=True)
    with pdfplumber.open(io.BytesIO(data)) as doc:
        sizes = {round(c["size"], 1) for p in doc.pages for c in p.chars}
        digits = "".join(c["text"] for p in doc.pages for c in p.chars if c["text"].isdigit())
    assert min(sizes) >= 7
    assert digits.count("1") >= 60  # every figure printed


def test_draft_title_property_and_no_watermark_in_the_text() -> None:
    data = pdf_of(load_sample(), draft=True)
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title.endswith("（草稿）")
    for page in reader.pages:
        text = page.extract_text()
        # The one 草稿 line at the head of the page; the big mark is outlines, not text.
        assert text.count("稿") == 1 and text.count("草") == 1
    final = PdfReader(io.BytesIO(pdf_of(load_sample())))
    assert "草稿" not in final.metadata.title


def test_a_rare_title_character_from_the_regular_face_is_drawn_bold() -> None:
    r = load_sample()
    r.meta.agency = "周口市镕务局"
    data = pdf_of(r)
    content = PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data()
    assert b"2 Tr" in content  # fill-and-stroke text render mode for the fallback glyph
    with pdfplumber.open(io.BytesIO(data)) as doc:
        title = [c for c in doc.pages[0].chars if round(c["size"]) == 22]
    assert "镕" in "".join(c["text"] for c in title)
