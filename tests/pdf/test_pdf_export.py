"""The PDF as a reader, a printer and a publisher see it: text, fonts, page geometry."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from core import format2021 as f21
from core.compute import compute
from core.model import Report
from core.pdf import PdfExport, export_pdf, fonts
from core.pdf.content import split_heading
from core.pdf.page import MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_H, PAGE_W
from core.rules import check
from core.sample import load_sample
from core.values import display, parse
from tests.core.build import filled_sample

CREATED = dt.datetime(2025, 1, 20, 9, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
MM = 72 / 25.4


def export(report: Report, *, draft: bool = False, created: dt.datetime | None = CREATED) -> PdfExport:
    results = compute(report)
    return export_pdf(report, results, check(report, results), draft=draft, created=created)


def page_texts(data: bytes) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def full_report() -> Report:
    """The filled sample (tests.core.build) with a fixed 六、 text."""
    report = filled_sample()
    report.set_text("s6", "其它没有需要报告的事项。")
    return report


@pytest.fixture(scope="module")
def sample_pdf() -> PdfExport:
    return export(load_sample())


@pytest.fixture(scope="module")
def full_pdf() -> tuple[Report, PdfExport]:
    report = full_report()
    return report, export(report, draft=True)


def _labels() -> list[str]:
    labels = [s.heading for s in f21.SECTIONS]
    for grid in f21.GRIDS.values():
        labels += [c.text for c in grid.cells if c.text]
    return labels


def test_sample_has_title_headings_and_every_table_label(sample_pdf: PdfExport) -> None:
    report = load_sample()
    text = flat("".join(page_texts(sample_pdf.data)))
    assert flat(report.meta.title) in text
    for label in _labels():
        assert flat(label) in text, label
    # Narrative comes through, including the sample's literal <…> in 六.
    assert "<政府信息公开信息处理费管理办法>" in text
    assert flat("(一) 主动公开情况。") in text


def test_every_figure_of_a_full_report_is_printed(full_pdf: tuple[Report, PdfExport]) -> None:
    report, pdf = full_pdf
    results = compute(report)
    text = "\n".join(page_texts(pdf.data))
    numbers = set(re.findall(r"\d+(?:\.\d+)?", text))
    for cell in f21.CELLS:
        shown = display(results.value(cell.id))
        assert shown in numbers, f"{cell.label}: {shown}"
    assert "59237.2449" in numbers  # exactly the decimals entered
    assert flat("本年度共收取信息处理费250.50元。") in flat(text)
    for label in _labels():
        assert flat(label) in flat(text), label


def test_values_are_right_aligned(full_pdf: tuple[Report, PdfExport]) -> None:
    _report, pdf = full_pdf
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        words = [w for p in doc.pages for w in p.extract_words() if w["text"] == "59237.2449"]
    assert words
    # The fee spans the three value columns: its right edge sits at the table's right edge.
    right = PAGE_W - MARGIN_RIGHT
    assert right - 8 < words[0]["x1"] <= right


def test_every_font_is_embedded(full_pdf: tuple[Report, PdfExport], tmp_path: Path) -> None:
    _report, pdf = full_pdf
    reader = PdfReader(io.BytesIO(pdf.data))
    seen = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            assert "/FontFile2" in desc["/FontDescriptor"], font["/BaseFont"]
            seen += 1
    assert seen
    if shutil.which("pdffonts"):
        import subprocess

        tmp = tmp_path / "f.pdf"
        tmp.write_bytes(pdf.data)
        out = subprocess.run(["pdffonts", str(tmp)], capture_output=True, text=True, check=True).stdout
        rows = out.splitlines()[2:]
        assert rows and all(" yes yes " in r for r in rows), out


def test_a4_and_type_area(sample_pdf: PdfExport) -> None:
    with pdfplumber.open(io.BytesIO(sample_pdf.data)) as doc:
        for number, page in enumerate(doc.pages, 1):
            assert (round(page.width, 1), round(page.height, 1)) == (595.3, 841.9)
            page_no = f"— {number} —"
            body = [c for c in page.chars if c["top"] < PAGE_H - MARGIN_BOTTOM + 2]
            foot = [c for c in page.chars if c["top"] >= PAGE_H - MARGIN_BOTTOM + 2]
            assert body
            for c in body:
                assert c["x0"] >= MARGIN_LEFT - 0.5, c
                # pdfminer drops the character spacing (Tc) after the last glyph of each string, so
                # its x1 of a line set 0.21 pt closer runs long; poppler's words are checked below.
                assert c["x1"] <= PAGE_W - MARGIN_RIGHT + 4, c
                assert c["top"] >= MARGIN_TOP - 1, c
                assert c["bottom"] <= PAGE_H - MARGIN_BOTTOM + 1, c
            assert flat("".join(c["text"] for c in foot)) == flat(page_no)
            # 7 mm below the type area; odd pages right, even pages left, one 14 pt character in.
            top = min(c["top"] for c in foot)
            assert abs(top - (PAGE_H - MARGIN_BOTTOM + 7 * MM)) < 3
            if number % 2:
                assert abs(max(c["x1"] for c in foot) - (PAGE_W - MARGIN_RIGHT - 14)) < 1
            else:
                assert abs(min(c["x0"] for c in foot) - (MARGIN_LEFT + 14)) < 1


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext not installed")
def test_every_line_ends_inside_the_type_area(sample_pdf: PdfExport, tmp_path: Path) -> None:
    import subprocess

    path = tmp_path / "s.pdf"
    path.write_bytes(sample_pdf.data)
    bbox = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    rights = [float(x) for x in re.findall(r'xMax="([0-9.]+)"', bbox)]
    lefts = [float(x) for x in re.findall(r'xMin="([0-9.]+)"', bbox)]
    # A 16 pt glyph on a 15.79 pt pitch: the last one of a full line stands out 0.21 pt.
    assert max(rights) <= PAGE_W - MARGIN_RIGHT + 0.5
    assert min(lefts) >= MARGIN_LEFT - 0.5


def test_body_is_16pt_on_a_22_line_grid(sample_pdf: PdfExport) -> None:
    if any("内置" not in sample_pdf.fonts[r] for r in ("body", "title", "heading1", "heading2")):
        pytest.skip("font names below are those of the bundled fonts")
    with pdfplumber.open(io.BytesIO(sample_pdf.data)) as doc:
        page = doc.pages[0]
        body = [c for c in page.chars if "NotoSerifCJKscGB2312-Regular" in c["fontname"]
                and c["top"] < PAGE_H - MARGIN_BOTTOM]
        title = [c for c in page.chars if "Bold" in c["fontname"] and "Serif" in c["fontname"]]
        heading = [c for c in page.chars if "Sans" in c["fontname"]]
        kai = [c for c in page.chars if "WenKai" in c["fontname"]]
    assert {round(c["size"]) for c in body} == {16}
    assert {round(c["size"]) for c in title} == {22}
    assert flat("".join(c["text"] for c in heading)) == "一、总体情况"
    assert flat("".join(c["text"] for c in kai)).startswith("(一)主动公开情况。")
    lines = sorted({round(c["top"], 1) for c in body})
    pitches = {round(b - a, 1) for a, b in itertools.pairwise(lines)}
    assert min(pitches) == pytest.approx(225 * MM / 22, abs=0.2)


def test_draft_mark_on_every_page_and_not_in_final(sample_pdf: PdfExport) -> None:
    draft = export(load_sample(), draft=True)
    texts = page_texts(draft.data)
    assert len(texts) == draft.pages >= 3
    assert all("草稿" in t for t in texts)
    assert not any("草稿" in t for t in page_texts(sample_pdf.data))


def test_rare_characters_come_back_and_unknown_ones_are_named() -> None:
    report = load_sample()
    # Pasted text also carries a BOM, a zero-width space and a control character: not 缺字.
    report.set_text("preamble", "\ufeff本报告由张镕、李堃、王喆、赵玥编写。\u200b表情😀无字可用。\x07")
    pdf = export(report)
    text = flat("".join(page_texts(pdf.data)))
    for name in ("张镕", "李堃", "王喆", "赵玥"):
        assert name in text
    assert set("镕堃喆玥") <= set(pdf.fallback)
    assert pdf.missing == [("😀", "前言 第1段")]
    assert "表情〓无字可用" in text
    report_lines = "\n".join(pdf.font_report())
    assert "缺字" in report_lines and "😀" in report_lines and "前言 第1段" in report_lines


def test_markup_and_special_characters_print_literally() -> None:
    report = load_sample()
    nasty = '<b>不加粗</b> & <font name="Helvetica">x</font> &amp; <br/> 1<2>0 "引号"'
    report.set_text("s5", nasty)
    report.set("t2.fees.amount", None)
    pdf = export(report)
    assert flat(nasty) in flat("".join(page_texts(pdf.data)))


def test_long_narrative_paginates() -> None:
    report = load_sample()
    report.set_text("s1", "政府信息公开工作稳步推进，" * 8000)  # 104,000 characters in one paragraph
    pdf = export(report)
    assert pdf.pages > 150
    assert "六、其他需要报告的事项" in flat("".join(page_texts(pdf.data)[-3:]))


def test_empty_report_renders_every_section() -> None:
    report = Report.blank(seeded=False)
    pdf = export(report, draft=True)
    text = flat("".join(page_texts(pdf.data)))
    for section in f21.SECTIONS:
        assert flat(section.heading) in text
    assert pdf.pages >= 2


def test_same_input_and_date_give_same_bytes() -> None:
    a = export(load_sample()).data
    b = export(load_sample()).data
    assert a == b
    c = export(load_sample(), created=CREATED + dt.timedelta(days=1)).data
    assert c != a


def test_metadata(sample_pdf: PdfExport) -> None:
    meta = PdfReader(io.BytesIO(sample_pdf.data)).metadata
    assert meta is not None
    report = load_sample()
    assert meta.title == report.meta.title
    assert meta.author == report.meta.agency
    assert "政府信息公开工作年度报告" in (meta.subject or "")
    assert meta.creation_date is not None and meta.creation_date.date() == dt.date(2025, 1, 20)


def test_info_fee_sentence_added_only_when_text_lacks_it() -> None:
    report = load_sample()  # its 六 says no fee was charged
    report.set(f21.INFO_FEE_ID, Decimal("0"))
    text = flat("".join(page_texts(export(report).data)))
    assert "本年度未收取信息处理费" not in text
    report.set_text("s6", "其它没有需要报告的事项。")
    text = flat("".join(page_texts(export(report).data)))
    assert "本年度未收取信息处理费。" in text


def test_font_report_names_substitutions(sample_pdf: PdfExport) -> None:
    lines = sample_pdf.font_report()
    assert lines[0].startswith("所用字体：")
    assert set(sample_pdf.fonts) == set(fonts.ROLES)
    if "内置" in sample_pdf.fonts["body"]:
        assert any(s.startswith("正文：") and "仿宋" in s for s in sample_pdf.substitutions)
    else:
        assert not any(s.startswith("正文：") for s in sample_pdf.substitutions)


def test_system_fonts_are_preferred_and_cff_fonts_refused(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    kai = fonts.resources_dir() / "fonts" / "LXGWWenKai-GB2312.ttf"
    (tmp_path / "SIMKAI.TTF").symlink_to(kai)  # file names are matched case-insensitively
    cff = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    if cff.exists():
        (tmp_path / "simhei.ttf").symlink_to(cff)
    monkeypatch.setattr(fonts, "system_font_dirs", lambda: [tmp_path])
    pdf = export(load_sample())
    assert pdf.fonts["heading2"].startswith("楷体（系统 SIMKAI.TTF）")
    assert not any(s.startswith("二级标题") for s in pdf.substitutions)
    if cff.exists():
        assert any(s.startswith("一级标题：黑体") and "无法嵌入" in s for s in pdf.substitutions)


@pytest.mark.parametrize(("line", "expected"), [
    ("(一) 主动公开情况。加强重点领域", ("heading2", "(一) 主动公开情况。", "加强重点领域")),
    ("（二）改进措施", ("heading2", "（二）改进措施", "")),
    ("一、总体情况", ("heading1", "一、总体情况", "")),
    ("一是加大重视程度。", None),
    ("（一）" + "很长的段落" * 20, ("heading2", "（一）", "很长的段落" * 20)),
])
def test_split_heading(line: str, expected: tuple[str, str, str] | None) -> None:
    assert split_heading(line) == expected


def _values(grid: f21.Grid, report: Report) -> dict[str, str]:
    results = compute(report)
    return {c.cell_id: display(results.value(c.cell_id)) for c in grid.value_cells() if c.cell_id}


def test_table3_header_rows_repeat_when_it_breaks() -> None:
    from core.pdf.fonts import choose_fonts
    from core.pdf.page import TYPE_W
    from core.pdf.tables import build_tables

    report = full_report()
    (table,) = build_tables(f21.GRID_T3, _values(f21.GRID_T3, report), choose_fonts(), TYPE_W)
    _w, h = table.wrap(TYPE_W, 10_000)
    # Halfway down is inside 三、本年度办理结果's 23-row span, where reportlab itself cannot split.
    first, second = table.split(TYPE_W, h / 2)
    n = f21.GRID_T3.header_rows

    def text(cell: object) -> str:
        return cell if isinstance(cell, str) else cell.getPlainText()  # type: ignore[attr-defined]

    heads = [[[text(c) for c in row] for row in part.table()._cellvalues[:n]] for part in (first, second)]
    assert heads[0] == heads[1]
    assert flat(f21.T3_NOTE) in flat("".join(heads[1][0]))
    assert first.wrap(TYPE_W, 10_000)[1] <= h / 2
    # The cut span's label heads the continuation too; no body row is lost or doubled.
    assert flat(f21.T3_RESULTS_HEADING) in flat(text(second.table()._cellvalues[n][0]))
    assert (first.end, second.start, second.end) == (second.start, first.end, f21.GRID_T3.n_rows)


def test_cli_export_prints_font_report(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    src, out = tmp_path / "s.json", tmp_path / "out.pdf"
    subprocess.run([sys.executable, "main.py", "sample", "-o", str(src)], cwd=root, check=True,
                   capture_output=True)
    run = subprocess.run([sys.executable, "main.py", "export", str(src), "--pdf", str(out), "--draft",
                          "--date", "2025-01-20T09:00:00"], cwd=root, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "已导出 PDF（草稿" in run.stdout and "所用字体：" in run.stdout
    assert all("草稿" in t for t in page_texts(out.read_bytes()))


def test_line_breaking_rules() -> None:
    from core.pdf.fonts import choose_fonts
    from core.pdf.text import NO_END, NO_START, break_lines

    fs = choose_fonts()
    text = ("本年度，我局坚持“应公开尽公开”，（一）主动公开：网址 https://www.example.gov.cn/"
            "gkml/a_very_long_path_without_breaks_0123456789.html 可查阅。" * 6)
    lines = break_lines(fs.runs(text, "body", "测试"), 16, 442.2, 32)
    assert len(lines) > 5
    joined = "".join(ch for line in lines for u in line.units for _f, ch in u.chars)
    assert joined.replace(" ", "") == text.replace(" ", "")  # nothing lost or duplicated
    for line in lines:
        chars = [ch for u in line.units for _f, ch in u.chars]
        assert (chars[0] not in NO_START and chars[-1] not in NO_END) or line.last
        assert line.width <= line.avail + 0.01
        if not line.last:
            assert line.avail - line.width < 2 * 16  # no line is left more than two characters short


def test_a_figure_set_smaller_stays_centred_in_its_row() -> None:
    # A long entry is shrunk to fit its column; it must sit on the same middle line
    # as the full-size figures of its row, not at the top of the cell.
    report = load_sample()
    report.set("t3.new.natural", parse("251000元", f21.Unit.COUNT))
    report.set("t3.new.business", 7)
    pdf = export(report, draft=True)
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        words = [w for p in doc.pages for w in p.extract_words() if w["text"] in ("251000元", "7")]
    small = next(w for w in words if w["text"] == "251000元")
    full = next(w for w in words if w["text"] == "7" and abs(w["top"] - small["top"]) < 12)
    assert small["bottom"] - small["top"] < full["bottom"] - full["top"]  # it really was shrunk
    middle = (small["top"] + small["bottom"]) / 2
    assert abs(middle - (full["top"] + full["bottom"]) / 2) < 1.0


def test_a_soft_hyphen_pasted_from_word_prints_as_nothing() -> None:
    # The bundled fonts have a visible glyph for U+00AD; Word and browsers show nothing.
    report = load_sample()
    report.set_text("s5", "主动公开\u00ad政府信息")
    report.set("t3.new.natural", parse("1\u00ad2", f21.Unit.COUNT))
    pdf = export(report, draft=True)
    text = flat("".join(page_texts(pdf.data)))
    assert "主动公开政府信息" in text
    assert "\u00ad" not in text and "公开-政府" not in text
    assert not pdf.missing


@pytest.mark.parametrize("typed", ["约二百五十件（含电话咨询及现场咨询）", "镕堃约二百五十件含电话咨询"])
def test_words_typed_into_a_number_cell_wrap_inside_their_cell(typed: str) -> None:
    # An invalid entry is printed as typed. Too long for one line even when set small,
    # it used to run over the row label to its left; it must wrap inside its own column.
    report = load_sample()
    report.set("t3.new.natural", parse(typed, f21.Unit.COUNT))
    pdf = export(report, draft=True)
    grid = f21.GRIDS["t3"]
    cell = next(c for c in grid.cells if c.cell_id == "t3.new.natural")
    unit = (PAGE_W - MARGIN_LEFT - MARGIN_RIGHT) / sum(grid.col_weights)
    left = MARGIN_LEFT + unit * sum(grid.col_weights[:cell.col])
    right = left + unit * grid.col_weights[cell.col]
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        chars = [ch for p in doc.pages for ch in p.chars if ch["size"] < 8 and ch["text"] in typed]
    assert "".join(ch["text"] for ch in chars) == typed
    assert all(left <= ch["x0"] and ch["x1"] <= right for ch in chars), (left, right)
    assert min(ch["size"] for ch in chars) >= 6


def sizes_of(data: bytes) -> set[float]:
    with pdfplumber.open(io.BytesIO(data)) as doc:
        return {round(ch["size"], 1) for p in doc.pages for ch in p.chars}


def test_an_absurdly_long_entry_is_cut_rather_than_fail_the_export() -> None:
    # Wrapped, thousands of pasted characters make a row taller than a page, which stops
    # reportlab (LayoutError, itself failing with a TypeError). The cell is cut with 「…」.
    report = load_sample()
    report.set("t3.new.natural", int("9" * 3000))
    report.set("t4.review.upheld", parse("长" * 2000, f21.Unit.COUNT))
    pdf = export(report, draft=True)
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        small = [ch["text"] for p in doc.pages for ch in p.chars if ch["size"] < 8]
    assert small.count("…") == 3  # the count, its row total and the entry
    assert 100 < small.count("9") < 3000 and 20 < small.count("长") < 2000
    assert min(ch_size for ch_size in sizes_of(pdf.data)) >= 7  # cut, never shrunk below 7 pt


def test_n5_uses_the_pdf_fonts_coverage() -> None:
    from core.rules import check
    from core.rules.prose import font_printable
    from tests.core.build import zero_report

    printable = font_printable()
    assert printable("中") and printable(" ") and not printable("\ue000")
    r = zero_report()
    r.narrative["s5"] += "\n私用区字符\ue000。"
    assert any(f.rule == "N5" and f.is_error for f in check(r, final=True, printable=printable))
