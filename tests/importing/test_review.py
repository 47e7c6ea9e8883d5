"""导入修改稿 in core: our DOCX export of the sample, edited in Word's place by python-docx."""

from __future__ import annotations

import io

import docx

from core.compute import compute
from core.docx import export_docx
from core.fields import render_text
from core.format2021 import t3_id
from core.importing import import_bytes
from core.importing.review import CellChange, TextChange, edits, review
from core.model import Report
from core.sample import load_sample

NEW = t3_id("new", "natural")
OLD_SENTENCE = "累计网站访问量 7 万余次"
NEW_SENTENCE = "累计网站访问量 8 万余次"


def returned_docx(report: Report) -> bytes:
    """The exported report with one sentence and one 表三 figure changed, as a leader would."""
    document = docx.Document(io.BytesIO(export_docx(report, compute(report), [], draft=False)))
    paragraph = next(p for p in document.paragraphs if OLD_SENTENCE in p.text)
    paragraph.text = paragraph.text.replace(OLD_SENTENCE, NEW_SENTENCE)
    table = next(t for t in document.tables if any("本年新收" in c.text for r in t.rows for c in r.cells))
    row = next(r for r in table.rows if "本年新收" in r.cells[0].text)
    seen: list[object] = []
    cells = [c for c in row.cells if not (c._tc in seen or seen.append(c._tc))]
    first_value = next(c for c in cells if c.text.strip().isdigit())
    first_value.text = "5"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_one_sentence_and_one_figure_are_the_only_changes() -> None:
    sample = load_sample()
    assert sample.get(NEW) == 0
    result = review(sample, import_bytes(returned_docx(sample), "修改稿.docx"))
    texts = [c for c in result.changes if isinstance(c, TextChange)]
    cells = [c for c in result.changes if isinstance(c, CellChange)]
    assert len(texts) == 1 and len(cells) == 1, result.changes
    (text,), (cell,) = texts, cells
    assert text.key == "s1" and OLD_SENTENCE in text.before and NEW_SENTENCE in text.after
    assert text.where.startswith("一、总体情况 第 ")
    assert cell.cell_id == NEW and cell.old == 0 and cell.new == 5
    assert "自然人" in cell.where and cell.before == "0" and cell.after.startswith("5")


def test_edits_apply_only_what_was_accepted_and_keep_other_fields() -> None:
    sample = load_sample()
    result = review(sample, import_bytes(returned_docx(sample), "修改稿.docx"))
    text = next(c for c in result.changes if isinstance(c, TextChange))
    cell = next(c for c in result.changes if isinstance(c, CellChange))
    only_text = edits(sample, [text])
    assert only_text.cells == {} and set(only_text.narrative) == {"s1"}
    after = sample.copy()
    after.narrative.update(only_text.narrative)
    rendered = compute(after)
    assert NEW_SENTENCE in render_text(after, rendered, "s1")
    # Paragraphs not changed keep their stored form, fields included.
    old_paras, new_paras = sample.narrative["s1"].split("\n"), after.narrative["s1"].split("\n")
    assert sum(a != b for a, b in zip(old_paras, new_paras, strict=True)) == 1
    assert edits(sample, [cell]).cells == {NEW: 5}
    assert review(after, import_bytes(returned_docx(sample), "x.docx")).changes == [cell]


def test_unchanged_export_has_no_changes_and_a_lost_part_is_not_a_deletion() -> None:
    sample = load_sample()
    same = import_bytes(export_docx(sample, compute(sample), [], draft=False), "同.docx")
    assert review(sample, same).changes == []
    same.report.narrative["s5"] = ""
    reviewed = review(sample, same)
    assert reviewed.changes == [] and any("未比较" in n for n in reviewed.notes)


def test_our_own_pdf_read_back_shows_no_spurious_changes() -> None:
    from core.pdf import export_pdf

    sample = load_sample()
    pdf = export_pdf(sample, compute(sample), [], draft=False)
    found = review(sample, import_bytes(pdf.data, "审签稿.pdf"))
    assert found.changes == []


def test_a_returned_pdf_with_one_sentence_and_one_figure_changed() -> None:
    from core.pdf import export_pdf

    sample = load_sample()
    edited = sample.copy()
    assert OLD_SENTENCE in edited.narrative["s1"]
    edited.narrative["s1"] = edited.narrative["s1"].replace(OLD_SENTENCE, NEW_SENTENCE)
    edited.set(NEW, 5)
    pdf = export_pdf(edited, compute(edited), [], draft=False)
    found = review(sample, import_bytes(pdf.data, "审签稿.pdf"))
    kinds = sorted(type(c).__name__ for c in found.changes)
    assert kinds == ["CellChange", "TextChange"], found.changes
    cell = next(c for c in found.changes if isinstance(c, CellChange))
    assert (cell.cell_id, cell.old, cell.new) == (NEW, 0, 5)
