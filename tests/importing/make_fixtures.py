"""Write the import fixtures and their truth: python3 tests/importing/make_fixtures.py [--no-office].

Word fixtures are the official blank template (../shared/corpus) filled with python-docx;
PDF and HTML fixtures are those files saved by LibreOffice headless, as clerks' offices do.
Each fixture NAME.* has NAME.truth.json beside it: meta and every cell as printed.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from core.format2021 import (
    CELL,
    GRIDS,
    INFO_FEE_ID,
    SECTIONS,
    T3_ALL_COLS,
    T3_APPLICANT_COLS,
    T3_INPUT_ROWS,
    T3_LEAF_ROWS,
    T4_GROUPS,
    T4_PARTS,
    Unit,
    t3_id,
    t4_id,
)

HERE = Path(__file__).resolve().parent / "fixtures"
TEMPLATE = Path("/work/shared/corpus/official-template-2021.docx")


# ---------------------------------------------------------------- figures


def figures(seed: int, *, zeros: float = 0.4) -> dict[str, str]:
    """Every cell as printed (totals consistent)."""
    rng = random.Random(seed)
    out: dict[str, str] = {}
    for cid, spec in CELL.items():
        if spec.computed or cid == INFO_FEE_ID:
            continue
        if spec.unit is Unit.COUNT:
            out[cid] = "0" if rng.random() < zeros else str(rng.randint(1, 40))
        else:
            out[cid] = str(Decimal(rng.randint(0, 9999)) / 100)
    for r in T3_INPUT_ROWS:
        out[t3_id(r, "total")] = str(sum(int(out[t3_id(r, c)]) for c in T3_APPLICANT_COLS))
    for c in T3_ALL_COLS:
        out[t3_id("total", c)] = str(sum(int(out[t3_id(r, c)]) for r in T3_LEAF_ROWS))
    for g, _ in T4_GROUPS:
        out[t4_id(g, "total")] = str(sum(int(out[t4_id(g, c)]) for c in T4_PARTS))
    out[INFO_FEE_ID] = "0"
    return out


def narrative(agency: str, year: int, fee: str, long_text: bool = False) -> dict[str, list[str]]:
    fee_text = "本年度未收取信息处理费。" if fee == "0" else f"本年度共收取信息处理费{fee}元。"
    return {
        "preamble": [f"本报告根据《中华人民共和国政府信息公开条例》规定，由{agency}编制。本报告中所列数据的统计期限"
                     f"自{year}年1月1日起至{year}年12月31日止。"],
        "s1": ["（一）主动公开", f"{year}年，{agency}坚持以公开为常态、不公开为例外，全年通过门户网站主动公开政府信息"
                               "共计一千余条，重点领域信息公开及时准确，政策解读形式不断丰富。",
               "（二）依申请公开", "严格落实依申请公开办理流程，按时答复申请人，答复内容规范。",
               *(["（三）政府信息管理", "严格执行信息发布审核制度，"
                  + "坚持先审后发，全年未发生泄密和不当公开事件，信息发布质量稳步提高。" * 6,
                  "（四）政府信息公开平台建设", "持续优化门户网站栏目设置。" * 12,
                  "（五）监督保障", *[f"第{i}项：落实政务公开工作考核，" + "开展社会评议，接受群众监督。" * 9
                                        for i in range(1, 15)]] if long_text else [])],
        "s5": ["（一）存在问题", "政策解读形式还不够丰富，信息发布的及时性有待提高。",
               "（二）改进措施", "加强业务培训，完善信息发布审核机制，进一步提升政务公开质量。"],
        "s6": [fee_text, "无其他需要报告的事项。"],
    }


# ---------------------------------------------------------------- Word


def _set_text(cell: docx.table._Cell, text: str, font: str | None = None) -> None:
    for p in cell.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    p = cell.paragraphs[0]
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    run = p.add_run(text)
    if font:
        run.font.name = font
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _insert_after(par: docx.text.paragraph.Paragraph, text: str) -> docx.text.paragraph.Paragraph:
    new = OxmlElement("w:p")
    par._p.addnext(new)
    p = docx.text.paragraph.Paragraph(new, par._parent)
    p.add_run(text)
    return p


def fill_docx(out: Path, values: dict[str, str], *, agency: str, year: int, font: str = "宋体",
              split_title: bool = False, single_other: bool = False, relabel: dict[str, str] | None = None,
              repeat_header: bool = False, long_text: bool = False, fee: str = "0") -> None:
    d = docx.Document(str(TEMPLATE))
    normal = d.styles["Normal"]
    normal.font.name = font
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    tables = {"t2": d.tables[0], "t3": d.tables[1], "t4": d.tables[2]}
    for key, grid in GRIDS.items():
        t = tables[key]
        for gc in grid.value_cells():
            assert gc.cell_id is not None
            _set_text(t.cell(gc.row, gc.col), values.get(gc.cell_id, ""))
    t3 = tables["t3"]
    for row in t3.rows:
        for cell in row.cells:
            for old, new in (relabel or {}).items():
                if old in cell.text:
                    _set_text(cell, cell.text.replace(old, new))
    if single_other:  # the 2019 试行 layout: （六）其他处理 one row
        base = 3 + T3_INPUT_ROWS.index("other_no_correction")
        rows = t3.rows
        _set_text(rows[base].cells[2], "（六）其他处理")
        for j, c in enumerate(T3_ALL_COLS):
            _set_text(rows[base].cells[3 + j], values[t3_id("other_other", c)])
        for i in (base + 2, base + 1):
            tr = rows[i]._tr
            tr.getparent().remove(tr)
    if repeat_header:
        for i in range(3):
            tr_pr = t3.rows[i]._tr.get_or_add_trPr()
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            tr_pr.append(el)
    title = next(p for p in d.paragraphs if p.text.strip())  # the template's own title line
    if split_title:
        _set_text_par(title, agency)
        _insert_after(title, f"{year}年政府信息公开工作年度报告")
    else:
        _set_text_par(title, f"{agency}{year}年政府信息公开工作年度报告")
    text = narrative(agency, year, fee, long_text)
    heading_key = {s.heading: s.key for s in SECTIONS}
    current = None
    for p in list(d.paragraphs):
        if p.text.strip() in heading_key:
            current = heading_key[p.text.strip()]
            if current == "s1":
                p.insert_paragraph_before(text["preamble"][0])
        elif p.text.strip().startswith("（文字描述") and current in text:
            last = p
            _set_text_par(p, text[current][0])
            for line in text[current][1:]:
                last = _insert_after(last, line)
    d.save(str(out))


def _set_text_par(p: docx.text.paragraph.Paragraph, text: str) -> None:
    for child in list(p._p):
        if child.tag != qn("w:pPr"):  # runs, and text wrapped in smart tags or fields
            p._p.remove(child)
    p.add_run(text)


# ---------------------------------------------------------------- HTML (CMS style)


def cms_html(values: dict[str, str], *, agency: str, year: int, fee: str, encoding: str = "utf-8") -> bytes:
    text = narrative(agency, year, fee)
    parts = [f'<html><head><meta charset="{encoding}"><title>{agency}</title><script>var x="<table>";</script>'
             '</head><body><div class="nav">首页 &gt; 政府信息公开 &gt; 年度报告</div><div class="TRS_Editor">',
             f'<p style="text-align:center"><strong>{agency}{year}年政府信息公开工作年度报告</strong></p>',
             f"<p>&nbsp;&nbsp;{text['preamble'][0]}</p>"]
    for s in SECTIONS:
        parts.append(f'<p><span style="font-family:黑体">{s.heading}</span></p>')
        if s.key in text:
            parts += [f"<p>{line}</p>" for line in text[s.key]]
        if s.key in ("s2", "s3", "s4"):
            grid = GRIDS[s.key.replace("s", "t")]
            parts.append('<table border="1" cellspacing="0" style="border-collapse:collapse"><tbody>')
            for r in range(grid.n_rows):
                parts.append("<tr>")
                for gc in (c for c in grid.cells if c.row == r):
                    content = values.get(gc.cell_id, "") if gc.cell_id else gc.text
                    span = (f' rowspan="{gc.rowspan}"' if gc.rowspan > 1 else "") + (
                        f' colspan="{gc.colspan}"' if gc.colspan > 1 else "")
                    parts.append(f'<td{span}><p class="MsoNormal"><span lang="EN-US">{content}</span></p></td>')
                parts.append("</tr>")
            parts.append("</tbody></table>")
    parts.append('</div><div class="footer">主办单位：某某 <a href="#">网站地图</a></div></body></html>')
    return "".join(parts).encode(encoding)


# ---------------------------------------------------------------- text (pasted from a PDF)


def pasted_text(values: dict[str, str], *, agency: str, year: int, fee: str) -> str:
    text = narrative(agency, year, fee)
    lines = [agency, f"{year}年政府信息公开工作年度报告", "", text["preamble"][0][:30], text["preamble"][0][30:]]
    page = 1
    for s in SECTIONS:
        lines.append(s.heading)
        if s.key in text:
            for para in text[s.key]:
                lines += [para[i:i + 28] for i in range(0, len(para), 28)]
        if s.key in ("s2", "s3", "s4"):
            grid = GRIDS[s.key.replace("s", "t")]
            for r in range(grid.n_rows):
                cells = [c for c in grid.cells if c.row == r]
                words = [values.get(c.cell_id, "") if c.cell_id else c.text for c in cells]
                if any(c.kind == "value" for c in cells):
                    words = [w.replace("、", "、 ") for w in words]
                lines.append(" ".join(w for w in words if w))
        lines += ["", f"- {page} -", ""]
        page += 1
    return "\n".join(lines) + "\n"


def piped_text(values: dict[str, str], *, agency: str, year: int, fee: str) -> str:
    """A report page as text-mode browsers and crawlers render it: 「| 规章 | 0 | 0 | 0 |」 with
    empty cells kept, wrapped headers split by spaces (「商业 企业」), as published pages show."""
    text = narrative(agency, year, fee)
    lines = [f"{agency}{year}年政府信息公开工作年度报告", text["preamble"][0]]
    for s in SECTIONS:
        lines.append(s.heading)
        lines += text.get(s.key, [])
        if s.key in ("s2", "s3", "s4"):
            grid = GRIDS[s.key.replace("s", "t")]
            for r in range(grid.n_rows):
                cells = [c for c in grid.cells if c.row == r]
                words = [values.get(c.cell_id, "") if c.cell_id else c.text for c in cells]
                words = [w.replace("商业企业", "商业 企业").replace("第二十条第", "第二十条  第") for w in words]
                lines.append("| " + " | ".join(words) + " |")
    return "\n".join(lines) + "\n"


def borderless_pdf(out: Path, text: str) -> None:
    """Tables typeset as aligned text with no ruling lines (some CMS print views): only the text layer."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("NotoSansSC", str(FONTS / "NotoSansSC-Regular-GB2312.ttf")))
    c = canvas.Canvas(str(out))
    y = 800.0
    for line in text.split("\n"):
        if y < 60:
            c.showPage()
            y = 800.0
        c.setFont("NotoSansSC", 9)
        c.drawString(40, y, line)
        y -= 14
    c.showPage()
    c.save()


# ---------------------------------------------------------------- office workbook


def office_xlsx(out: Path, values: dict[str, str], *, agency: str, year: int) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(out))
    ws = wb.add_worksheet("填报表")
    ws.write(0, 2, f"{agency}{year}年政府信息公开工作年度报告数据")
    top = 3
    for key in ("t2", "t3", "t4"):
        grid = GRIDS[key]
        ws.write(top - 1, 1, SECTIONS[int(key[1]) - 1].heading)
        for gc in grid.cells:
            r, c = top + gc.row, 1 + gc.col
            content = values.get(gc.cell_id, "") if gc.cell_id else gc.text
            spec = CELL.get(gc.cell_id or "")
            num: object = content
            if spec is not None and content and content.replace(".", "", 1).isdigit():
                num = Decimal(content) if spec.unit.is_money else int(content)
            if gc.rowspan > 1 or gc.colspan > 1:
                ws.merge_range(r, c, r + gc.rowspan - 1, c + gc.colspan - 1, "")
            if spec is not None and spec.computed and isinstance(num, int):
                ws.write_formula(r, c, "=0+" + str(num), None, num)  # a formula, its value cached
            elif isinstance(num, (int, Decimal)):
                ws.write_number(r, c, float(num))
            else:
                ws.write(r, c, num)
        top += grid.n_rows + 3
    wb.close()


# ---------------------------------------------------------------- driver


def truth(path: Path, values: dict[str, str], *, agency: str, year: int, kind: str,
          blanks: tuple[str, ...] = (), text: bool = True, long_text: bool = False) -> None:
    cells = {cid: ("" if cid in blanks else values.get(cid, "")) for cid in CELL}
    meta = {"agency": agency, "year": year, "kind": kind}
    body: dict[str, object] = {"meta": meta, "cells": cells}
    if text and agency:
        body["narrative"] = narrative(agency, year, values.get(INFO_FEE_ID, "0"), long_text)
    path.with_name(path.name.split(".")[0] + ".truth.json").write_text(
        json.dumps(body, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")


FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"


def soffice(src: Path, target: str) -> Path:
    exe = shutil.which("soffice")
    assert exe, "LibreOffice is needed to make the PDF/HTML fixtures"
    with tempfile.TemporaryDirectory() as tmp:
        # No CJK font is installed here: give LibreOffice the bundled ones (else every character is 「某」).
        conf = Path(tmp) / "fonts.conf"
        conf.write_text(f'<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf'
                        f'</include><dir>{FONTS}</dir><cachedir>{tmp}/fc</cachedir></fontconfig>', encoding="utf-8")
        env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
        subprocess.run([exe, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", target, "--outdir", str(src.parent), str(src)],
                       check=True, capture_output=True, timeout=180, env=env)
    return src.with_suffix("." + target.split(":", maxsplit=1)[0])


def main(office: bool = True) -> None:
    HERE.mkdir(exist_ok=True)
    specs = [
        # name, agency, year, kind, seed, options
        ("w-dept", "某市交通运输局", 2024, "department", 1, {}),
        ("w-gov", "某某县人民政府", 2023, "government", 2, {"font": "仿宋_GB2312", "split_title": True}),
        ("w-2019", "某区市场监督管理局", 2021, "department", 3, {"single_other": True}),
        ("w-relabel", "某市教育局", 2024, "department", 4,
         {"relabel": {"1.": "1、", "2.": "2、", "（一）": "(一)", "不予公开": "不予\n公开"}, "font": "楷体"}),
        ("w-long", "某市自然资源和规划局", 2024, "department", 5, {"long_text": True, "repeat_header": True}),
        ("w-split", "某市生态环境局", 2022, "department", 6, {"long_text": True}),
    ]
    for name, agency, year, kind, seed, opts in specs:
        values = figures(seed)
        blanks: tuple[str, ...] = ()
        if name == "w-2019":
            for c in T3_ALL_COLS:
                values[t3_id("other_other", c)] = str(
                    sum(int(values[t3_id(r, c)]) for r in ("other_no_correction", "other_unpaid", "other_other")))
                values[t3_id("other_no_correction", c)] = ""
                values[t3_id("other_unpaid", c)] = ""
        if name == "w-gov":
            values["t3.deny_secret.natural"] = "/"
            values["t3.deny_query.legal"] = "—"
            values["t2.licensing.decisions"] = "无"
            blanks = ("t3.deny_secret.natural", "t3.deny_query.legal", "t2.licensing.decisions")
            values["t2.fees.amount"] = "251000元"
        if name == "w-relabel":
            values[t4_id("review", "total")] = "0"  # a published report's own arithmetic error
            values[t3_id("total", "natural")] = str(int(values[t3_id("total", "natural")]) + 1)
        fee = "120" if seed % 2 else "0"
        values[INFO_FEE_ID] = fee
        path = HERE / f"{name}.docx"
        fill_docx(path, values, agency=agency, year=year, fee=fee, **opts)
        long_text = bool(opts.get("long_text"))
        truth(path, values, agency=agency, year=year, kind=kind, blanks=blanks, long_text=long_text)
        if office:
            for target, suffix in (("pdf", "pdf"), ("html", "html")):
                if name in ("w-split", "w-long") and target == "html":
                    continue
                out = soffice(path, target)
                renamed = out.with_name(f"{name.replace('w-', 'p-' if suffix == 'pdf' else 'h-')}.{suffix}")
                out.replace(renamed)
                truth(renamed, values, agency=agency, year=year, kind=kind, blanks=blanks, long_text=long_text)
            if name == "w-dept":  # the old binary Word format, read through LibreOffice
                out = soffice(path, "doc")
                renamed = out.with_name("o-dept.doc")
                out.replace(renamed)
                truth(renamed, values, agency=agency, year=year, kind=kind, blanks=blanks, long_text=long_text)
    for i, (agency, year, enc) in enumerate((("某市民政局", 2024, "utf-8"), ("某县人民政府办公室", 2023, "gb2312"))):
        values = figures(20 + i)
        fee = "0"
        values[INFO_FEE_ID] = fee
        path = HERE / f"cms-{i + 1}.html"
        path.write_bytes(cms_html(values, agency=agency, year=year, fee=fee, encoding=enc))
        truth(path, values, agency=agency, year=year, kind="department")
    for i, (agency, year) in enumerate((("某市卫生健康委员会", 2024), ("某镇人民政府", 2023))):
        values = figures(30 + i, zeros=0.7)
        fee = "0"
        values[INFO_FEE_ID] = fee
        path = HERE / f"pasted-{i + 1}.txt"
        path.write_text(pasted_text(values, agency=agency, year=year, fee=fee), encoding="utf-8")
        truth(path, values, agency=agency, year=year, kind="government" if agency.endswith("人民政府") else "department")
    values = figures(33, zeros=0.6)
    values[INFO_FEE_ID] = "0"
    path = HERE / "p-borderless.pdf"
    borderless_pdf(path, pasted_text(values, agency="某市水利局", year=2024, fee="0"))
    truth(path, values, agency="某市水利局", year=2024, kind="department", text=False)
    values = figures(35, zeros=0.5)
    for cid in list(values)[::7]:
        if not CELL[cid].computed and cid != INFO_FEE_ID:
            values[cid] = ""  # left empty on the page
    values[INFO_FEE_ID] = "0"
    path = HERE / "piped-1.txt"
    path.write_text(piped_text(values, agency="某市人力资源和社会保障局", year=2023, fee="0"), encoding="utf-8")
    truth(path, values, agency="某市人力资源和社会保障局", year=2023, kind="department")
    for i, (agency, year) in enumerate((("某市财政局", 2024), ("某区人民政府", 2024))):
        values = figures(40 + i)
        path = HERE / f"office-{i + 1}.xlsx"
        office_xlsx(path, values, agency=agency, year=year)
        values[INFO_FEE_ID] = ""
        truth(path, values, agency="", year=0, kind="")
    # The seed: truth from the built-in sample, which was typed from it.
    sample = json.loads((Path(__file__).resolve().parents[2] / "resources/sample-zhoukou-gxj-2024.gkbg.json")
                        .read_text(encoding="utf-8"))
    shutil.copy("/work/shared/seed/zhoukou-gxj-2024.txt", HERE / "seed-zhoukou.txt")
    from core.compute import compute
    from core.project_file import loads
    from core.values import display

    rep = loads(json.dumps(sample, ensure_ascii=False))
    res = compute(rep)
    vals = {cid: display(res.value(cid)) for cid in CELL}
    truth(HERE / "seed-zhoukou.txt", vals, agency=rep.meta.agency, year=rep.meta.year or 0, kind="department",
          text=False)


if __name__ == "__main__":
    main(office="--no-office" not in sys.argv)
