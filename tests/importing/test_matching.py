"""The matcher and the text splitter on small hand-made documents: each normalisation, each doubt."""

from __future__ import annotations

from pathlib import Path

from core.format2021 import GRID_T3, T3_ALL_COLS, T3_ROW, ReportKind, t3_id
from core.importing.document import Document, Paragraph, Table
from core.importing.matcher import match
from core.importing.narrative import split


def _t3_table(labels: dict[str, str] | None = None, *, rows: tuple[str, ...] = ("new", "public")) -> Table:
    """表三 as a dense grid: the official three header rows, then the given rows."""
    grid = [["" for _ in range(GRID_T3.n_cols)] for _ in range(GRID_T3.header_rows)]
    for gc in GRID_T3.cells:
        if gc.row < GRID_T3.header_rows:
            for r in range(gc.row, gc.row + gc.rowspan):
                for c in range(gc.col, gc.col + gc.colspan):
                    grid[r][c] = gc.text
    for i, key in enumerate(rows):
        label = (labels or {}).get(key, T3_ROW[key].label)
        grid.append([label, label, label] + [str(i * 10 + j) for j in range(len(T3_ALL_COLS))])
    return Table(grid, "表格1")


def _doc(*tables: Table) -> Document:
    return Document("Word", "x.docx", tables=list(tables))


def test_columns_by_header_even_when_reordered() -> None:
    table = _t3_table()
    for row in table.rows:  # 自然人 and 商业企业 swapped, header and data alike
        row[3], row[4] = row[4], row[3]
    m = match(_doc(table))
    # Read by the header above each value, not by position (by position 自然人 would be 1).
    assert m.read[t3_id("new", "natural")].raw == "0"
    assert m.read[t3_id("new", "business")].raw == "1"
    assert not m.doubts


def test_numbering_width_spaces_and_quotes_are_normalised() -> None:
    labels = {"new": "一、本年新收政府信息公开申请\n数量", "public": "(一) 予以公开"}
    m = match(_doc(_t3_table(labels)))
    assert {t3_id("new", "natural"), t3_id("public", "total")} <= set(m.read)
    assert not m.doubts


def test_an_approximate_row_label_is_read_and_flagged() -> None:
    m = match(_doc(_t3_table({"deny_law": "2.其他法律行政法规禁止公布"}, rows=("deny_law",))))
    assert t3_id("deny_law", "natural") in m.read
    assert t3_id("deny_law", "natural") in m.uncertain_ids()


def test_the_same_cell_twice_with_different_values_is_flagged() -> None:
    a, b = _t3_table(rows=("new",)), _t3_table(rows=("new",))
    b.rows[-1][3] = "99"
    m = match(_doc(a, b))
    assert m.read[t3_id("new", "natural")].raw == "0"
    assert t3_id("new", "natural") in m.uncertain_ids()


def test_blank_markers_are_blanks_and_units_are_kept() -> None:
    table = _t3_table(rows=("new",))
    table.rows[-1][3:6] = ["/", "—", "无"]
    table.rows[-1][6] = "12件"
    m = match(_doc(table))
    assert all(t3_id("new", c) not in m.cells for c in ("natural", "business", "research"))
    assert m.cells[t3_id("new", "nonprofit")] == 12


def test_2019_columns_and_items_of_table_two_are_listed_not_imported() -> None:
    rows = [["第二十条第（一）项"] * 4, ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
            ["规章", "1", "2", "3"], ["第二十条第（九）项"] * 4, ["政府集中采购", "5", "6", "7"]]
    m = match(_doc(Table(rows, "表格1")))
    assert not any(cid.startswith("t2.") for cid in m.cells)
    assert "本年新制作数量" in m.residue_2019 and "第二十条第（九）项" in m.residue_2019


def test_typo_in_table_two_header_is_known() -> None:
    rows = [["第二十条第（一）项"] * 4, ["信息内容", "本年制发件数", "本年度止件数", "现行有效件数"],
            ["规章", "1", "2", "3"]]
    m = match(_doc(Table(rows, "表格1")))
    assert m.cells["t2.regulations.repealed"] == 2 and not m.doubts


def test_title_variants_and_kind_guess() -> None:
    def meta(*lines: str) -> tuple[str, int | None, ReportKind | None]:
        t = split([Paragraph(x, f"第{i}段") for i, x in enumerate(lines, 1)])
        return t.agency, t.year, t.kind

    assert meta("首页 > 信息公开", "某某县人民政府", "2023年政府信息公开工作年度报告") == (
        "某某县人民政府", 2023, ReportKind.GOVERNMENT)
    assert meta("某县人民政府办公室2024年度政府信息公开工作年度报告") == (
        "某县人民政府办公室", 2024, ReportKind.DEPARTMENT)
    assert meta("2022年某市教育局政府信息公开工作年度报告")[:2] == ("某市教育局", 2022)
    assert meta("某市教育局关于2022年度政府信息公开工作的报告")[:2] == ("某市教育局", 2022)
    assert meta("某市教育局二〇二三年政府信息公开工作年度报告")[:2] == ("某市教育局", 2023)


def test_sections_split_at_retitled_headings_and_page_furniture_dropped() -> None:
    lines = ["某市教育局2024年政府信息公开工作年度报告", "前言一句。", "一、政府信息公开总体情况", "总体一句。",
             "- 1 -", "五、存在的主要问题和改进措施", "（一）存在问题", "问题一句。", "— 2 —",
             "六、其他需要报告的事项", "无。"]
    t = split([Paragraph(x, f"第{i}行", line=True) for i, x in enumerate(lines, 1)])
    assert t.narrative["preamble"] == "前言一句。"
    assert t.narrative["s1"] == "总体一句。"
    assert t.narrative["s5"] == "（一）存在问题\n问题一句。"
    assert t.narrative["s6"] == "无。"


def test_printed_lines_rejoined_into_paragraphs() -> None:
    lines = ["某市教育局2024年政府信息公开工作年度报告", "一、总体情况", "全年主动公开信息一千余条，", "重点领域信息公开及时。",
             "（一）主动公开", "内容。"]
    t = split([Paragraph(x, f"第{i}行", line=True) for i, x in enumerate(lines, 1)])
    assert t.narrative["s1"] == "全年主动公开信息一千余条，重点领域信息公开及时。\n（一）主动公开\n内容。"


def test_a_number_wrapped_in_a_narrow_cell_is_one_number() -> None:
    table = _t3_table(rows=("new",))
    table.rows[-1][3] = "12\n34"
    assert match(_doc(table)).cells[t3_id("new", "natural")] == 1234


def test_html_article_inside_a_layout_table_keeps_its_text() -> None:
    from core.importing import import_bytes

    page = (Path(__file__).parent / "fixtures" / "cms-1.html").read_text(encoding="utf-8")
    start, end = page.index('<div class="TRS_Editor">'), page.index('<div class="footer">')
    wrapped = (page[:start] + '<table class="layout"><tr><td class="side">导航</td><td>' + page[start:end]
               + "</td></tr></table>" + page[end:])
    result = import_bytes(wrapped.encode("utf-8"), "layout.html")
    assert result.report.meta.agency == "某市民政局"
    assert result.report.narrative["s5"].startswith("（一）存在问题")
    assert len(result.match.read) == 200


def test_a_running_header_repeating_the_title_is_dropped_after_the_title() -> None:
    title = "某市教育局2024年政府信息公开工作年度报告"
    lines = [title, "一、总体情况", "第一页的话。", title, "- 2 -", "第二页的话。", title, "五、存在的主要问题及改进情况",
             "问题。", title, "六、其他需要报告的事项", "无。"]
    t = split([Paragraph(x, f"第{i}行", line=True) for i, x in enumerate(lines, 1)])
    assert t.agency == "某市教育局"
    assert t.narrative["s1"] == "第一页的话。\n第二页的话。"
    assert t.narrative["s5"] == "问题。"
