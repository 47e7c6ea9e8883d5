"""Live data fields in the narrative editor: shading, units, tooltips, unlink, R6 underline + quick fix."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor

from core.fields import Field, Unlinked, parse, token
from core.format2021 import t3_id
from core.steps import STEP_INDEX
from gui.narrative_page import FIELD_PROP


def _s1(window):
    window.new_blank()  # the sample's own sentences quote its tables
    window.go(STEP_INDEX["s1"])
    block = window.page(STEP_INDEX["s1"]).blocks["s1"]
    block.editor.setFocus()
    return block, block.editor


def _to_end(editor) -> None:
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)


def _insert_new_field(window, editor, keys) -> str:
    _to_end(editor)
    keys.press(Qt.Key.Key_Return)
    keys.text("收到申请")
    editor.insert_as_step(token("t3.new"), "插入数据")
    keys.text("件。")
    return window.doc.report.narrative["s1"]


def test_field_is_stored_as_a_token_shaded_and_follows_the_table(window, keys) -> None:
    _, editor = _s1(window)
    source = _insert_new_field(window, editor, keys)
    assert source.endswith("收到申请{{t3.new}}件。")
    runs = [r for r in editor.field_runs() if not r.unlinked]
    assert [r.key for r in runs] == ["t3.new"]
    fmt = editor.document().findBlock(runs[0].start).begin()
    assert editor.toPlainText().endswith("收到申请〔未填〕件。")  # blank cells print as 〔未填〕…
    assert any("〔未填〕" in f.message for f in window.doc.findings if f.rule == "R6")  # …and are reported
    # The table changes: the printed number follows, the source does not.
    window.doc.set_cells({t3_id("new", "natural"): 12}, "t")
    assert editor.toPlainText().endswith("收到申请12件。")
    assert window.doc.report.narrative["s1"] == source
    cursor = editor.textCursor()
    cursor.setPosition(editor.field_runs()[-1].start)
    assert cursor.charFormat().property(FIELD_PROP) in (None, "t3.new") and fmt is not None
    assert "表三 本年新收 总计" in editor.tooltip_at(editor.field_runs()[-1].start)


def test_backspace_deletes_a_field_as_a_unit_and_undo_restores_it(window, keys) -> None:
    _, editor = _s1(window)
    source = _insert_new_field(window, editor, keys)
    window.doc.set_cells({t3_id("new", "natural"): 345}, "t")
    run = editor.field_runs()[-1]
    cursor = editor.textCursor()
    cursor.setPosition(run.end)
    editor.setTextCursor(cursor)
    keys.press(Qt.Key.Key_Backspace)
    assert window.doc.report.narrative["s1"] == source.replace("{{t3.new}}", "")
    keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.report.narrative["s1"] == source
    assert editor.toPlainText().endswith("收到申请345件。")


def test_cursor_never_stops_inside_a_field(window, keys) -> None:
    _, editor = _s1(window)
    _insert_new_field(window, editor, keys)
    window.doc.set_cells({t3_id("new", "natural"): 345}, "t")
    run = editor.field_runs()[-1]
    cursor = editor.textCursor()
    cursor.setPosition(run.end)
    editor.setTextCursor(cursor)
    keys.press(Qt.Key.Key_Left)
    assert editor.textCursor().position() == run.start
    keys.press(Qt.Key.Key_Right)
    assert editor.textCursor().position() == run.end


def test_unlink_keeps_the_number_and_r6_errs_when_it_goes_stale(window, keys) -> None:
    _, editor = _s1(window)
    _insert_new_field(window, editor, keys)
    window.doc.set_cells({t3_id("new", "natural"): 5}, "t")
    editor.unlink(editor.field_runs()[-1])
    segs = parse(window.doc.report.narrative["s1"])
    assert Unlinked("t3.new", "5") in segs and Field("t3.new") not in segs
    assert not [f for f in window.doc.findings if f.rule == "R6"]
    window.doc.set_cells({t3_id("new", "natural"): 6}, "t")
    errors = [f for f in window.doc.findings if f.rule == "R6" and f.is_error]
    assert errors and "解除链接" in errors[0].message
    keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the table edit
    keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the unlink
    assert Field("t3.new") in parse(window.doc.report.narrative["s1"])


def test_typed_number_is_underlined_and_the_quick_fix_makes_it_a_field(window, keys) -> None:
    block, editor = _s1(window)
    window.doc.set_cells({t3_id("new", "natural"): 15, t3_id("public", "natural"): 15}, "t")
    _to_end(editor)
    keys.press(Qt.Key.Key_Return)
    keys.text("全年共收到政府信息公开申请20件。")
    issues = [i for i in editor.issues if i.finding.rule == "R6"]
    assert len(issues) == 1 and "相差 5" in issues[0].finding.message
    assert len(editor.extraSelections()) >= 1
    assert "相差 5" in editor.tooltip_at(issues[0].start)
    assert "相差 5" in block.problem.text()
    editor.apply_fix(issues[0])
    assert window.doc.report.narrative["s1"].endswith("收到政府信息公开申请{{t3.new}}件。")
    assert not [f for f in window.doc.findings if f.rule == "R6"]
    assert editor.toPlainText().endswith("收到政府信息公开申请15件。")


def test_copy_paste_inside_the_report_keeps_the_field(window, keys) -> None:
    _, editor = _s1(window)
    _insert_new_field(window, editor, keys)
    run = editor.field_runs()[-1]
    cursor = editor.textCursor()
    cursor.setPosition(run.start - 4)
    cursor.setPosition(run.end + 1, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    data = editor.createMimeDataFromSelection()
    _to_end(editor)
    editor.insertFromMimeData(data)
    assert window.doc.report.narrative["s1"].endswith("收到申请{{t3.new}}件。收到申请{{t3.new}}件")
    plain = QMimeData()
    plain.setText("来自Word的文字\r\n第二段")
    editor.insertFromMimeData(plain)
    assert window.doc.report.narrative["s1"].endswith("件来自Word的文字\n第二段")


def test_insert_menu_offers_paragraphs_and_a_searchable_field_list(window) -> None:
    block, _editor = _s1(window)
    block.field_search.setText("结转")
    visible = [a.text() for a in block.field_actions if a.isVisible()]
    assert visible and all("结转" in t for t in visible)
    action = next(a for a in block.field_actions if a.data() == "t4.review")
    block.field_search.setText("")
    action.trigger()
    assert window.doc.report.narrative["s1"].count("{{t4.review}}") == 1



def test_findings_panel_jumps_to_the_number(window, keys) -> None:
    from gui.findings_panel import RULE_COLUMN

    _block, editor = _s1(window)
    window.doc.set_cells({t3_id("new", "natural"): 15, t3_id("public", "natural"): 15}, "t")
    _to_end(editor)
    keys.press(Qt.Key.Key_Return)
    keys.text("全年共收到政府信息公开申请20件。")
    window.go(STEP_INDEX["check"])
    panel = window.findings_list
    item = next(panel.topLevelItem(i) for i in range(panel.topLevelItemCount())
                if panel.topLevelItem(i).text(RULE_COLUMN) == "R6")
    panel.itemActivated.emit(item, 0)
    assert window.current == STEP_INDEX["s1"]
    assert editor.textCursor().selectedText() == "20件"


def test_find_and_replace_across_the_report_is_one_undo_step(window, keys) -> None:
    _, editor = _s1(window)
    _insert_new_field(window, editor, keys)
    page = window.page(STEP_INDEX["s1"])
    page.find_edit.setText("收到申请")
    assert page.find_next() and editor.textCursor().selectedText() == "收到申请"
    window.doc.report.narrative["s5"] += "\n收到申请的台账。"
    page.replace_edit.setText("受理申请")
    before = dict(window.doc.report.narrative)
    assert page.replace_all() == 2
    assert window.doc.report.narrative["s1"].endswith("受理申请{{t3.new}}件。")
    assert window.doc.report.narrative["s5"].endswith("受理申请的台账。")
    window.doc.undo_stack.undo()
    assert window.doc.report.narrative == before
