"""Navigation by keyboard, the step list, findings jumping to their cell, meta and narrative pages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core.format2021 import INFO_FEE_ID, t3_id
from core.steps import STEP_INDEX, STEPS
from gui.findings_panel import RULE_COLUMN


def test_keyboard_only_navigation_across_pages(window, keys) -> None:
    window.step_list.setFocus()
    assert window.current == 0
    for i in range(1, len(STEPS)):
        keys.press(Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        assert window.current == i
    keys.press(Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current == len(STEPS) - 1
    keys.press(Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.current == len(STEPS) - 2
    keys.press(Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current == STEP_INDEX["s3"]
    # On a table page the keyboard lands in the table, ready for digits.
    assert QApplication.focusWidget() is window.page(STEP_INDEX["s3"]).view
    keys.press(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.step_list
    keys.press(Qt.Key.Key_Down)
    assert window.current == STEP_INDEX["s4"]


def test_findings_panel_jumps_to_page_and_cell(window) -> None:
    window.doc.set_cells({t3_id("public", "research"): 4}, "test")
    findings = window.findings_list
    assert findings.topLevelItemCount() >= 1
    item = next(findings.topLevelItem(i) for i in range(findings.topLevelItemCount())
                if findings.topLevelItem(i).text(RULE_COLUMN) == "R1")
    assert item.text(0) == "错误"
    findings.itemClicked.emit(item, 0)
    assert window.current == STEP_INDEX["s3"]
    assert window.page(STEP_INDEX["s3"]).view.current_cell_id() == t3_id("new", "research")
    # A finding on the narrative opens the narrative page with the editor focused.
    page5 = window.page(STEP_INDEX["s5"])
    page5.blocks["s5"].editor.setPlainText("无")
    item = next(findings.topLevelItem(i) for i in range(findings.topLevelItemCount())
                if findings.topLevelItem(i).text(RULE_COLUMN) == "R9")
    findings.itemActivated.emit(item, 0)
    assert window.current == STEP_INDEX["s5"]
    assert QApplication.focusWidget() is page5.blocks["s5"].editor


def test_meta_fields_are_undoable_and_checked(window, keys) -> None:
    page = window.page(0)
    agency = page.edits["agency"]
    agency.setFocus()
    agency.selectAll()
    keys.press(Qt.Key.Key_Delete)
    assert window.doc.report.meta.agency == ""
    assert any(f.rule == "M1" for f in window.doc.findings)
    assert "1 个错误" in window.step_list.item(0).text()
    keys.text("某县教育局")
    assert window.doc.report.meta.agency == "某县教育局"
    assert page.title_label.text().endswith("某县教育局2024年政府信息公开工作年度报告")
    # One visit to a field is one undo step, however much was typed.
    keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.report.meta.agency == "周口市工业和信息化局"
    assert agency.text() == "周口市工业和信息化局"
    year = page.edits["year"]
    year.setFocus()
    year.selectAll()
    keys.type("20x")
    assert window.doc.report.meta.year == 2024  # "20" and "20x" are not years: never stored
    assert "四位数字" in window.statusBar().currentMessage()
    keys.press(Qt.Key.Key_Tab)
    assert window.doc.report.meta.year == 2024
    assert year.text() == "2024"
    page.kind_buttons[next(k for k in page.kind_buttons if k.value == "government")].click()
    assert window.doc.report.meta.kind.value == "government"
    window.doc.undo_stack.undo()
    assert window.doc.report.meta.kind.value == "department"


def test_narrative_typing_count_insert_and_undo(window, keys) -> None:
    window.go(STEP_INDEX["s5"])
    block = window.page(STEP_INDEX["s5"]).blocks["s5"]
    editor = block.editor
    editor.setFocus()
    before = window.doc.report.narrative["s5"]
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    keys.text("今年没有")
    assert window.doc.report.narrative["s5"] == before + "今年没有"
    assert block.count.text() == f"{sum(not c.isspace() for c in before) + 4} 字"
    count = window.doc.undo_stack.count()
    block.insert_button.click()
    text = window.doc.report.narrative["s5"]
    assert text.startswith(before + "今年没有本年度未收到政府信息公开申请")
    assert window.doc.undo_stack.count() == count + 1
    keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.report.narrative["s5"] == before + "今年没有"
    assert editor.toPlainText() == before + "今年没有"
    keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == before


def test_s6_fee_field_and_seeded_new_report(window, keys) -> None:
    window.new_blank()
    report = window.doc.report
    assert report.meta.year is not None
    assert report.narrative["s5"].startswith("（一）存在问题")
    window.go(STEP_INDEX["s6"])
    page = window.page(STEP_INDEX["s6"])
    assert page.blocks["s6"].editor.toPlainText().startswith("（一）信息处理费收取情况")
    assert any(f.rule == "R8" for f in window.doc.findings)
    page.fee.setFocus()
    keys.type("0")
    assert str(window.doc.value(INFO_FEE_ID)) == "0"
    assert not any(f.rule == "R8" for f in window.doc.findings)
    page.blocks["s6"].insert_button.click()
    assert "本年度未收取政府信息公开信息处理费。" in window.doc.report.narrative["s6"]


def test_previous_years_text_shown_beside(window, tmp_path, new_window) -> None:
    from core.project_file import save
    from core.sample import load_sample

    previous = load_sample()
    previous.narrative["s5"] = "去年的问题与改进措施。"
    prev_path = tmp_path / "last.gkbg.json"
    save(previous, prev_path)
    report = load_sample()
    report.meta.previous_report = str(prev_path)
    window.set_report(report, None)
    page = window.page(STEP_INDEX["s5"])
    assert not page.previous_box.isHidden()
    assert "去年的问题与改进措施。" in page.previous_view.toPlainText()
    assert page.previous_view.isReadOnly()


def test_preamble_insert_writes_the_statistics_period(window) -> None:
    window.new_blank()
    year = window.doc.report.meta.year
    assert any(f.rule == "R10" for f in window.doc.findings)
    window.go(STEP_INDEX["s1"])
    block = window.page(STEP_INDEX["s1"]).blocks["preamble"]
    block.insert_button.click()
    assert window.doc.report.narrative["preamble"] == (
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
    assert not any(f.rule == "R10" for f in window.doc.findings)


def test_wheel_never_changes_a_value(window, keys) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    window.go(STEP_INDEX["s3"])
    view = window.page(STEP_INDEX["s3"]).view
    view.focus_cell(t3_id("new", "natural"))
    keys.type("5")
    editor = keys.focus()
    for target in (editor, view.viewport()):
        event = QWheelEvent(QPointF(5, 5), QPointF(5, 5), QPoint(0, 0), QPoint(0, 120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(target, event)
    assert window.doc.value(t3_id("new", "natural")) == 5


def test_every_input_has_an_accessible_name(window) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QTreeWidget

    for i in range(len(STEPS)):
        page = window.page(i)
        for widget in page.findChildren(QLineEdit) + page.findChildren(QPlainTextEdit) + page.findChildren(QTextEdit) \
                + page.findChildren(QTreeWidget):
            assert widget.accessibleName(), f"{type(widget).__name__} on {STEPS[i].title}"
        for button in page.findChildren(QAbstractButton):
            # Qt's own table corner button (named qt_… in Qt 6.12, unnamed in 6.9)
            if button.objectName().startswith("qt_") or button.metaObject().className() == "QTableCornerButton":
                continue
            assert button.text() or button.accessibleName()
