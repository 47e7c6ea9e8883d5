"""The DOCX as Word, WPS and LibreOffice read it: styles, page, tables with merged cells, properties."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from core import format2021 as f21
from core.blocks import Heading, Paragraph, Title, build_document
from core.compute import compute
from core.model import Report
from core.pdf import export_pdf
from core.sample import load_sample
from core.values import display
from tests.core.build import filled_sample
from tests.docx.conftest import CREATED, docx_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def words_of(text: str) -> str:
    """Text without spaces and punctuation: a comma hanging in the margin is extracted out of order."""
    return re.sub(r"[\s，。、；：？！“”（）《》〔〕<>()]+", "", text)


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def sample_docx() -> bytes:
    return docx_of(load_sample(), draft=True)


@pytest.fixture(scope="module")
def full() -> tuple[Report, bytes]:
    report = filled_sample()
    return report, docx_of(report)


def test_page_is_a4_with_gbt9704_margins_and_a_22_line_grid(sample_docx: bytes) -> None:
    d = open_docx(sample_docx)
    (s,) = d.sections
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [37, 35, 28, 26]
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert int(grid.get(qn("w:linePitch"))) == 579  # 225 mm / 22
    assert d.settings.odd_and_even_pages_header_footer


def test_named_styles_carry_the_fonts_not_the_runs(sample_docx: bytes) -> None:
    d = open_docx(sample_docx)
    fonts = {name: d.styles[name].element.find(f"{W}rPr/{W}rFonts").get(qn("w:eastAsia"))
             for name in ("Normal", "Title", "heading 1", "heading 2")}
    assert fonts == {"Normal": "仿宋", "Title": "方正小标宋简体", "heading 1": "黑体", "heading 2": "楷体"}
    assert d.styles["Normal"].font.size.pt == 16 and d.styles["Title"].font.size.pt == 22
    ind = d.styles["Normal"].element.find(f"{W}pPr/{W}ind")
    assert ind.get(qn("w:firstLineChars")) == "200"
    # No run sets its own font or size: restyling 正文 in Word restyles the report.
    body = d.element.body
    assert body.findall(f".//{W}r/{W}rPr/{W}rFonts") == []
    # Only 表四's cells set 小五 on their runs.
    assert all(any(a.tag == f"{W}tc" for a in sz.iterancestors()) for sz in body.findall(f".//{W}r/{W}rPr/{W}sz"))
    styles = {p.style.name for p in d.paragraphs}
    assert {"Title", "Heading 1", "Normal"} <= styles
    run_styles = {r.style.name for p in d.paragraphs for r in p.runs if r.style is not None}
    assert "标题 2 字符" in run_styles  # the sample's run-in 「（一）主动公开情况。」


def test_font_table_names_the_gb2312_alternates(sample_docx: bytes) -> None:
    xml = zipfile.ZipFile(io.BytesIO(sample_docx)).read("word/fontTable.xml").decode()
    assert re.search(r'w:name="仿宋"><w:altName w:val="仿宋_GB2312"', xml)
    assert re.search(r'w:name="楷体"><w:altName w:val="楷体_GB2312"', xml)
    assert 'w:name="方正小标宋简体"' in xml


def test_page_numbers_are_fields_odd_right_even_left(sample_docx: bytes) -> None:
    d = open_docx(sample_docx)
    s = d.sections[0]
    for footer, style in ((s.footer, "页码（单页）"), (s.even_page_footer, "页码（双页）")):
        (p,) = footer.paragraphs
        assert p.style.name == style
        assert "PAGE" in "".join(t.text for t in p._p.iter(f"{W}instrText"))
        assert p.text.startswith("— ") and p.text.endswith(" —")
    assert d.styles["页码（单页）"].paragraph_format.alignment == 2  # right
    assert d.styles["页码（双页）"].paragraph_format.alignment == 0  # left
    assert d.styles["Footer"].font.size.pt == 14  # 四号
    assert d.styles["Footer"].element.find(f"{W}rPr/{W}rFonts").get(qn("w:eastAsia")) == "宋体"


def _grid_tables(d: docx.document.Document) -> list[docx.table.Table]:
    assert len(d.tables) == len(f21.GRIDS)
    return d.tables


@pytest.mark.parametrize("key", list(f21.GRIDS))
def test_tables_read_back_with_the_official_merged_cells(full: tuple[Report, bytes], key: str) -> None:
    report, data = full
    results = compute(report)
    grid = f21.GRIDS[key]
    table = _grid_tables(open_docx(data))[list(f21.GRIDS).index(key)]
    assert (len(table.rows), len(table.columns)) == (grid.n_rows, grid.n_cols)
    for cell in grid.cells:
        got = table.cell(cell.row, cell.col)
        want = display(results.value(cell.cell_id)) if cell.cell_id else cell.text
        assert got.text == want, (cell.row, cell.col)
        # Every grid position the cell spans is the same merged Word cell, and no other.
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                assert table.cell(r, c)._tc is got._tc or table.cell(r, c).text == ""
        tc = got._tc
        assert (tc.grid_span, tc.bottom - tc.top) == (cell.colspan, cell.rowspan), (cell.row, cell.col)
        if cell.kind == "value":
            assert got.paragraphs[0].style.name == "表格数字"
    repeated = [i for i, row in enumerate(table.rows) if row._tr.find(f"{W}trPr/{W}tblHeader") is not None]
    assert repeated == list(range(grid.header_rows))


def test_figures_are_right_aligned(sample_docx: bytes) -> None:
    assert open_docx(sample_docx).styles["表格数字"].paragraph_format.alignment == 2


def test_draft_is_marked_in_the_header_and_the_title_property(sample_docx: bytes) -> None:
    d = open_docx(sample_docx)
    assert "草稿" in d.sections[0].header.paragraphs[0].text
    assert "草稿" in d.sections[0].even_page_header.paragraphs[0].text
    assert d.core_properties.title.endswith("（草稿）")
    final = open_docx(docx_of(load_sample()))
    assert "草稿" not in final.core_properties.title
    assert all("草稿" not in p.text for p in final.sections[0].header.paragraphs)


def test_core_properties_and_same_bytes_for_the_same_date(sample_docx: bytes) -> None:
    props = open_docx(sample_docx).core_properties
    assert props.author == "周口市工业和信息化局"
    assert props.title.startswith("周口市工业和信息化局2024年政府信息公开工作年度报告")
    assert props.created == props.modified == CREATED.replace(tzinfo=dt.UTC)
    again = docx_of(load_sample(), draft=True)
    assert again == sample_docx
    assert docx_of(load_sample(), draft=True, created=dt.datetime(2025, 2, 1, 8, 0)) != sample_docx
    stamps = {i.date_time for i in zipfile.ZipFile(io.BytesIO(sample_docx)).infolist()}
    assert stamps == {(2025, 1, 20, 9, 0, 0)}


def test_title_breaks_between_phrases(sample_docx: bytes) -> None:
    d = open_docx(sample_docx)
    title = d.paragraphs[0]
    assert title.style.name == "Title"
    assert title.text.split("\n") == ["周口市工业和信息化局2024年", "政府信息公开工作年度报告"]


MARKUP = "<b>粗体</b> & <script>alert(1)</script> &amp; 《办法<试行>》"


def test_markup_and_rare_characters_survive_control_characters_are_noted() -> None:
    report = load_sample()
    report.meta.agency = f"某局{MARKUP}"
    report.set_text("preamble", f"前言{MARKUP}\x07响铃\x0b竖表\t制表。生僻字𠀾𪚥。")
    report.set_text("s5", f"（一）存在问题。{MARKUP}")
    data = docx_of(report)
    d = open_docx(data)
    text = "".join(p.text.replace("\n", "") for p in d.paragraphs)
    assert text.count(MARKUP) == 3  # title, preamble, 五
    assert "响铃竖表 制表。生僻字𠀾𪚥。" in text
    assert d.core_properties.author == f"某局{MARKUP}"
    notes = build_document(report, compute(report), draft=False).notes()
    assert notes == ["已去掉控制字符：前言 第1段中的 U+0007、U+000B（不可打印，任何文档格式都不能保存）"]


def test_blocks_are_what_the_docx_holds(full: tuple[Report, bytes]) -> None:
    report, data = full
    doc = build_document(report, compute(report), draft=False)
    paragraphs = [p for p in open_docx(data).paragraphs if p.text]
    want = [("\n".join(b.lines) if isinstance(b, Title) else b.text) for b in doc.blocks
            if isinstance(b, Title | Heading | Paragraph)]
    assert [p.text for p in paragraphs] == want


def type_area_text(pdf_file: Path | io.BytesIO) -> str:
    """The text inside the type area: the page numbers and the draft line are not the report's."""
    mm = 72 / 25.4
    with pdfplumber.open(pdf_file) as pdf:
        return words_of("".join(p.crop((0, 36 * mm, p.width, p.height - 30 * mm)).extract_text() or ""
                                for p in pdf.pages))


@pytest.mark.slow
def test_libreoffice_prints_everything_our_pdf_prints(full: tuple[Report, bytes],
                                                     lo_pdf: Callable[[bytes, str], Path]) -> None:
    report, data = full
    pdf_path = lo_pdf(data, "full")
    words = type_area_text(pdf_path)
    with pdfplumber.open(pdf_path) as pdf:
        mm = 72 / 25.4
        sizes = {(round(p.width), round(p.height)) for p in pdf.pages}
        # The type area: no text left of 28 mm or right of 210 - 26 mm, none above 37 mm.
        mm = 72 / 25.4
        body = [c for p in pdf.pages for c in p.chars if c["size"] > 15]
        lefts = min(c["x0"] for c in body) / mm
        # Word and LibreOffice let a closing 「，」「。」 hang into the margin (标点溢出边界).
        rights = max(c["x1"] for c in body if c["text"] not in "，。、；：？！”）") / mm
        tops = min(c["top"] for c in body) / mm
        feet = [[c for c in p.chars if c["top"] > p.height - 34 * mm] for p in pdf.pages]
    assert sizes == {(595, 842)}
    for n, foot in enumerate(feet, 1):
        # 「— N —」 四号, 7 mm below the type area; odd pages right, even pages left, one character in.
        assert "".join(c["text"] for c in foot).replace(" ", "") == f"—{n}—"
        assert abs(min(c["top"] for c in foot) / mm - (297 - 35 + 7)) < 0.8
        if n % 2:
            assert abs(max(c["x1"] for c in foot) / mm - (210 - 26 - 14 / mm)) < 0.8
        else:
            assert abs(min(c["x0"] for c in foot) / mm - (28 + 14 / mm)) < 0.8
    assert lefts >= 27.5 and rights <= 184.5 and tops >= 36.5
    results = compute(report)
    ours = export_pdf(report, results, [], draft=False, created=CREATED)
    our_text = type_area_text(io.BytesIO(ours.data))
    for block in build_document(report, results, draft=False).blocks:
        if isinstance(block, Title):
            assert words_of(block.text) in words
        elif isinstance(block, Heading | Paragraph):
            assert words_of(block.text) in words, block.text[:30]
            assert words_of(block.text) in our_text
    # Table cells as pdfplumber finds them between the rules: wrapped labels come back whole.
    with pdfplumber.open(pdf_path) as pdf:
        cells = {words_of(c or "") for p in pdf.pages for t in p.extract_tables() for row in t for c in row}
    for grid in f21.GRIDS.values():
        for cell in grid.cells:
            text = display(results.value(cell.cell_id)) if cell.cell_id else cell.text
            assert words_of(text) in cells, text


@pytest.mark.slow
def test_libreoffice_lays_out_28_characters_a_line(lo_pdf: Callable[[bytes, str], Path]) -> None:
    report = load_sample()
    report.set_text("preamble", "一" * 200)
    with pdfplumber.open(lo_pdf(docx_of(report), "grid")) as pdf:
        lines = [line for line in (pdf.pages[0].extract_text() or "").split("\n") if set(line) == {"一"}]
    assert [len(line) for line in lines[1:-1]] and {len(line) for line in lines[1:-1]} == {28}
    assert len(lines[0]) == 26  # the first line is indented two characters


def test_a_very_long_figure_is_set_smaller_but_not_below_7pt() -> None:
    report = load_sample()
    report.set("t3.new.natural", 10**16)
    report.set("t4.review.upheld", 12)
    d = open_docx(docx_of(report))
    t3, t4 = d.tables[1], d.tables[2]
    big = t3.cell(3, 3).paragraphs[0].runs[0]
    assert big.text == str(10**16) and 7 <= big.font.size.pt < 10.5
    small = t4.cell(3, 0).paragraphs[0].runs[0]
    assert small.text == "12" and small.font.size.pt == 9  # 表四's 小五, untouched
