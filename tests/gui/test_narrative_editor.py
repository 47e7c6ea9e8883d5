"""The narrative as a document: outline, paragraphs shown as printed, paste from Word, hygiene fixes."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QFont, QTextCursor

from core.steps import STEP_INDEX
from gui.narrative_page import NarrativeEditor, heading_format


def _page(window, qtbot=None):
    window.new_blank()
    window.go(STEP_INDEX["s1"])
    page = window.page(STEP_INDEX["s1"])
    editor = page.blocks["s1"].editor
    editor.setFocus()
    if qtbot is not None:
        qtbot.waitUntil(lambda: len(_outline_names(page)) == 5, timeout=2000)
    return page, editor


def _to_end(editor: NarrativeEditor) -> None:
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)


def _outline_names(page) -> list[str]:
    top = page.outline.topLevelItem(page.keys.index("s1"))
    if top is None:
        return []
    return [top.child(i).text(0) for i in range(top.childCount())]


def test_outline_lists_sub_headings_and_follows_typing(window, keys, qtbot) -> None:
    page, editor = _page(window, qtbot)
    assert _outline_names(page) == ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理",
                                    "（四）政府信息公开平台建设", "（五）监督保障"]
    _to_end(editor)
    keys.press(Qt.Key.Key_Return)
    keys.text("（六）其他工作")
    qtbot.waitUntil(lambda: _outline_names(page)[-1] == "（六）其他工作", timeout=2000)


def test_outline_click_and_enter_move_the_cursor_to_the_heading(window, keys, qtbot) -> None:
    page, editor = _page(window, qtbot)
    top = page.outline.topLevelItem(page.keys.index("s1"))
    third = top.child(2)
    rect = page.outline.visualItemRect(third)
    qtbot.mouseClick(page.outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    block = editor.document().findBlock(editor.textCursor().position())
    assert block.text() == "（三）政府信息管理"
    assert editor.hasFocus()
    # Enter on an item in the outline does the same.
    page.outline.setFocus()
    page.outline.setCurrentItem(top.child(4))
    keys.press(Qt.Key.Key_Return)
    assert editor.document().findBlock(editor.textCursor().position()).text() == "（五）监督保障"
    assert editor.hasFocus()


def test_paragraphs_are_shown_indented_and_headings_in_their_faces(window, keys) -> None:
    _, editor = _page(window)
    _to_end(editor)
    keys.press(Qt.Key.Key_Return)
    keys.text("本机关全年主动公开政府信息。")
    doc = editor.document()
    body = doc.lastBlock()
    heading = doc.findBlockByNumber(0)
    em = editor.fontMetrics().horizontalAdvance("中")
    assert body.blockFormat().textIndent() == 2 * em
    assert body.blockFormat().bottomMargin() > 0
    assert heading.blockFormat().topMargin() > 0  # a heading on its own line stands apart
    # The heading is drawn in its print face, bold; the body is not.
    ranges = heading.layout().formats()
    assert ranges and ranges[0].format.fontWeight() == QFont.Weight.Bold
    assert ranges[0].format.fontFamilies() == heading_format("heading2").fontFamilies()
    assert not body.layout().formats()
    # Display only: the stored text is one paragraph per line, with no indent characters.
    assert window.doc.report.narrative["s1"].endswith("（五）监督保障\n本机关全年主动公开政府信息。")


def test_a_typed_heading_line_becomes_a_heading(window, keys) -> None:
    _, editor = _page(window)
    _to_end(editor)
    keys.press(Qt.Key.Key_Return)
    keys.text("一、总体")
    block = editor.document().lastBlock()
    assert block.blockFormat().topMargin() > 0
    assert block.layout().formats()[0].format.fontFamilies() == heading_format("heading1").fontFamilies()


WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>
p.MsoNormal {mso-style-parent:""; font-family:仿宋_GB2312; mso-fareast-font-family:仿宋_GB2312}
</style></head><body lang=ZH-CN style='tab-interval:21.0pt'>
<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><b><span
style='font-size:16.0pt;font-family:黑体;color:red'>（一）主动公开</span></b><o:p></o:p></p>
<p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt'>本机关全年主动公开
政府信息<u>120</u>条。<o:p></o:p></span></p></body></html>"""


def test_paste_from_word_keeps_paragraphs_and_drops_formatting(window) -> None:
    _, editor = _page(window)
    _to_end(editor)
    data = QMimeData()
    data.setHtml(WORD_HTML)
    data.setText("（一）主动公开\r\n本机关全年主动公开政府信息120条。\r\n")
    editor.insertFromMimeData(data)
    stored = window.doc.report.narrative["s1"]
    assert stored.endswith("（五）监督保障（一）主动公开\n本机关全年主动公开政府信息120条。\n")
    # No foreign colour, font, size or underline reached the document.
    block = editor.document().lastBlock().previous()
    it = block.begin()
    while not it.atEnd():
        fmt = it.fragment().charFormat()
        assert not fmt.fontUnderline()
        assert fmt.foreground().color().name() in ("#000000",) or fmt.foreground().style() == Qt.BrushStyle.NoBrush
        assert fmt.fontPointSize() in (0.0, editor.font().pointSizeF())
        it += 1
    window.doc.undo_stack.undo()
    assert window.doc.report.narrative["s1"].endswith("（五）监督保障")


def test_paste_of_html_only_keeps_its_paragraphs(window) -> None:
    _, editor = _page(window)
    _to_end(editor)
    data = QMimeData()
    data.setHtml(WORD_HTML)
    editor.insertFromMimeData(data)
    assert window.doc.report.narrative["s1"].endswith("（一）主动公开\n本机关全年主动公开 政府信息120条。")


def _hygiene_page(window, keys):
    page, editor = _page(window)
    _to_end(editor)
    keys.press(Qt.Key.Key_Return)
    keys.text("(一) 本机关2024 年收到申请 12 件,办结10件.")
    return page, editor


def test_hygiene_is_offered_not_forced(window, keys) -> None:
    page, _ = _hygiene_page(window, keys)
    typed = "(一) 本机关2024 年收到申请 12 件,办结10件."
    assert window.doc.report.narrative["s1"].endswith(typed)  # nothing changed by itself
    dialog = page.show_hygiene()
    rows = [dialog.list.topLevelItem(i) for i in range(dialog.list.topLevelItemCount())]
    assert [r.text(1) for r in rows] == ["半角序号", "多余空格", "多余空格", "多余空格", "半角标点", "半角标点"]
    assert "2024·年" in rows[1].text(2)
    assert " 年" not in rows[1].text(3)
    assert rows[0].text(0) == "一、总体情况 第6段"


def test_one_fix_alone_then_all_each_one_undo_step(window, keys) -> None:
    page, _ = _hygiene_page(window, keys)
    dialog = page.show_hygiene()
    stack = window.doc.undo_stack
    before = stack.index()
    dialog.list.topLevelItem(0).setSelected(True)
    dialog.apply_button.click()
    text = window.doc.report.narrative["s1"]
    assert text.endswith("（一）本机关2024 年收到申请 12 件,办结10件.")
    assert stack.index() == before + 1
    assert dialog.list.topLevelItemCount() == 5
    dialog.apply_all_button.click()
    assert window.doc.report.narrative["s1"].endswith("（一）本机关2024年收到申请12件，办结10件。")
    assert stack.index() == before + 2
    assert dialog.list.topLevelItemCount() == 0
    stack.undo()
    assert window.doc.report.narrative["s1"].endswith("（一）本机关2024 年收到申请 12 件,办结10件.")
    assert page.blocks["s1"].editor.toPlainText().endswith("（一）本机关2024 年收到申请 12 件,办结10件.")


def test_a_stale_fix_is_not_applied(window, keys) -> None:
    page, editor = _hygiene_page(window, keys)
    dialog = page.show_hygiene()
    dialog.list.topLevelItem(5).setSelected(True)  # the final 「.」
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
    editor.setTextCursor(cursor)
    keys.text("另")  # the text moved on under the list: the fix no longer stands where it was found
    dialog.apply_selected()
    assert window.doc.report.narrative["s1"].endswith("另(一) 本机关2024 年收到申请 12 件,办结10件.")


def test_a_fix_still_in_place_applies_after_typing_elsewhere(window, keys) -> None:
    page, editor = _hygiene_page(window, keys)
    dialog = page.show_hygiene()
    dialog.list.topLevelItem(5).setSelected(True)
    editor.setFocus()
    keys.text("另")  # after the fix: it still stands where it was found
    dialog.apply_selected()
    assert window.doc.report.narrative["s1"].endswith("办结10件。另")


def test_hygiene_keeps_fields(window, keys) -> None:
    page, editor = _page(window)
    _to_end(editor)
    keys.press(Qt.Key.Key_Return)
    keys.text("收到申请")
    editor.insert_as_step("{{t3.new}}", "插入数据")
    keys.text(" 件,")
    page.show_hygiene().apply_all()
    assert window.doc.report.narrative["s1"].endswith("收到申请{{t3.new}}件，")


def test_an_inserted_standard_paragraph_is_shown_as_printed(window) -> None:
    _, editor = _page(window)
    _to_end(editor)
    editor.insert_as_step("\n（六）其他\n本机关收到申请{{t3.new}}件。", "插入数据")
    doc = editor.document()
    heading, body = doc.lastBlock().previous(), doc.lastBlock()
    assert heading.text() == "（六）其他" and heading.blockFormat().topMargin() > 0
    assert body.blockFormat().textIndent() > 0 and body.blockFormat().topMargin() == 0
