"""The HTML page as a CMS, a screen reader and a browser see it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import html5lib
import pytest

from core import format2021 as f21
from core.blocks import Heading, Paragraph, Title, build_document
from core.compute import compute
from core.html import document_html, export_html
from core.model import Report
from core.resources import resources_dir
from core.sample import load_sample
from core.values import display
from tests.core.build import filled_sample

NS = "{http://www.w3.org/1999/xhtml}"
MARKUP = '<b>粗</b> & <script>alert("x")</script> &amp; 《办法<试行>》 \'单\' "双"'


def html_of(report: Report, *, draft: bool = False) -> str:
    return export_html(report, compute(report), [], draft=draft).decode("utf-8")


def parse(page: str) -> Any:
    # strict: any parse error at all (not only tree-changing ones) raises.
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(page)


def text_of(el: Any) -> str:
    return "".join(el.itertext())


def expand(table: Any) -> dict[tuple[int, int], Any]:
    """The table's cell matrix, every (row, column) a spanning cell covers pointing at it."""
    matrix: dict[tuple[int, int], Any] = {}
    for r, tr in enumerate(table.iter(f"{NS}tr")):
        c = 0
        for cell in tr:
            if cell.tag not in (f"{NS}td", f"{NS}th"):
                continue
            while (r, c) in matrix:
                c += 1
            rs, cs = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            for i in range(r, r + rs):
                for j in range(c, c + cs):
                    assert (i, j) not in matrix, "cells overlap"
                    matrix[(i, j)] = cell
            c += cs
    return matrix


@pytest.fixture(scope="module")
def full() -> tuple[Report, str]:
    report = filled_sample()
    return report, html_of(report)


def test_one_self_contained_page_with_nothing_a_cms_strips(full: tuple[Report, str]) -> None:
    _, page = full
    parse(page)
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    for banned in ("<script", "class=", "src=", "href=", "url(", "@import", "<link", "<style", "<img"):
        assert banned not in page.lower(), banned


def test_headings_paragraphs_and_the_block_sequence(full: tuple[Report, str]) -> None:
    report, page = full
    root = parse(page)
    body = root.find(f"{NS}body")
    doc = build_document(report, compute(report), draft=False)
    want: list[tuple[str, str]] = []
    for b in doc.blocks:
        if isinstance(b, Title):
            want.append(("h1", "".join(b.lines)))
        elif isinstance(b, Heading):
            want.append((f"h{b.level + 1}", b.text))
        elif isinstance(b, Paragraph):
            want.append(("p", b.text))
    got = [(el.tag.removeprefix(NS), text_of(el)) for el in body if el.tag in {f"{NS}{t}" for t in ("h1", "h2", "h3", "p")}]
    assert got == want
    assert [t for t, _ in got].count("h2") == 6


@pytest.mark.parametrize("key", list(f21.GRIDS))
def test_tables_have_the_official_merged_cells(full: tuple[Report, str], key: str) -> None:
    report, page = full
    results = compute(report)
    grid = f21.GRIDS[key]
    table = parse(page).findall(f".//{NS}table")[list(f21.GRIDS).index(key)]
    assert text_of(table.find(f"{NS}caption")) == grid.title
    matrix = expand(table)
    assert max(r for r, _ in matrix) + 1 == grid.n_rows and max(c for _, c in matrix) + 1 == grid.n_cols
    for cell in grid.cells:
        el = matrix[(cell.row, cell.col)]
        want = display(results.value(cell.cell_id)) if cell.cell_id else cell.text
        assert text_of(el) == want
        covered = {pos for pos, e in matrix.items() if e is el}
        assert covered == {(r, c) for r in range(cell.row, cell.row + cell.rowspan)
                           for c in range(cell.col, cell.col + cell.colspan)}
        if cell.kind == "value":
            assert el.tag == f"{NS}td" and "text-align:right" in el.get("style")
        else:
            assert el.tag == f"{NS}th" and el.get("scope") in ("col", "row", "rowgroup")
    assert len(matrix) == grid.n_rows * grid.n_cols
    if grid.header_rows:
        assert len(table.find(f"{NS}thead").findall(f"{NS}tr")) == grid.header_rows


def test_markup_in_every_text_field_prints_literally() -> None:
    report = load_sample()
    report.meta.agency = f"某局{MARKUP}"
    for key in f21.NARRATIVE_KEYS:
        report.set_text(key, f"{MARKUP}\n（一）小标题。{MARKUP}\x07")
    page = html_of(report, draft=True)
    root = parse(page)
    assert root.find(f".//{NS}script") is None and root.find(f".//{NS}b") is None
    assert text_of(root.find(f".//{NS}title")) == f"某局{MARKUP}2024年政府信息公开工作年度报告（草稿）"
    assert root.find(f".//{NS}meta[@name='author']").get("content") == f"某局{MARKUP}"
    paragraphs = [text_of(p) for p in root.iter(f"{NS}p")]
    assert sum(p.count(MARKUP) for p in paragraphs) == 2 * len(f21.NARRATIVE_KEYS)
    assert "\x07" not in page
    assert "草稿" in paragraphs[0]


def test_same_input_same_bytes_and_the_clipboard_fragment() -> None:
    report = load_sample()
    assert html_of(report) == html_of(report)
    doc = build_document(report, compute(report), draft=False)
    fragment = document_html(doc, fragment=True)
    assert fragment.startswith("<div") and "<html" not in fragment
    html5lib.HTMLParser(strict=True).parseFragment(fragment)


_PROBE = """<script>
const out = [];
document.querySelectorAll('table').forEach((t, i) => t.querySelectorAll('td,th').forEach(c => {
  const r = c.getBoundingClientRect();
  out.push([i, c.textContent, r.left, r.top, r.right, r.bottom]);
}));
document.body.setAttribute('data-boxes', JSON.stringify(out));
</script>"""


@pytest.mark.slow
def test_chromium_draws_every_label_in_its_official_row_and_column(full: tuple[Report, str],
                                                                   tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium not installed")
    report, page = full
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    conf = tmp_path / "fonts.conf"
    conf.write_text((Path(__file__).parent.parent / "docx" / "fonts.conf.in").read_text(encoding="utf-8")
                    .replace("@FONTS@", str(resources_dir() / "fonts"))
                    .replace("@CACHE@", str(tmp_path / "fc")), encoding="utf-8")
    dom = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1000,3000",
         "--dump-dom", probe.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
        env={**os.environ, "FONTCONFIG_FILE": str(conf)}).stdout
    m = re.search(r'data-boxes="([^"]*)"', dom)
    assert m, dom[-500:]
    import html as std_html

    boxes = json.loads(std_html.unescape(m.group(1)))
    results = compute(report)
    for t, grid in enumerate(f21.GRIDS.values()):
        cells = [b for b in boxes if b[0] == t]
        xs = sorted({round(b[2]) for b in cells} | {round(b[4]) for b in cells})
        ys = sorted({round(b[3]) for b in cells} | {round(b[5]) for b in cells})
        # Edges within 2 px are one rule (borders collapse with sub-pixel rounding).
        def lines(values: list[int]) -> list[int]:
            out: list[int] = []
            for v in values:
                if not out or v - out[-1] > 2:
                    out.append(v)
            return out

        cols, rows = lines(xs), lines(ys)
        assert (len(cols) - 1, len(rows) - 1) == (grid.n_cols, grid.n_rows)

        def index(edges: list[int], v: float) -> int:
            return min(range(len(edges)), key=lambda i: abs(edges[i] - v))

        placed = {(index(rows, b[3]), index(cols, b[2]), index(rows, b[5]), index(cols, b[4])): b[1] for b in cells}
        for cell in grid.cells:
            want = display(results.value(cell.cell_id)) if cell.cell_id else cell.text
            key = (cell.row, cell.col, cell.row + cell.rowspan, cell.col + cell.colspan)
            assert placed.get(key) == want, (grid.key, key)
