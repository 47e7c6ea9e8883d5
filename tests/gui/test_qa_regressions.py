"""Regressions found by using the wizard as a clerk would (QA pass): each test names what broke."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog


def test_failed_save_names_the_chosen_file_in_chinese_and_keeps_last_years_link(
        window, tmp_path, dialogs, monkeypatch) -> None:
    # Was: "…/.x.gkbg.m0x_pv1j.tmp Not a directory" — the hidden temporary file and English text;
    # and last year's absolute path was rewritten relative to the folder that could not be written.
    previous = tmp_path / "上年.gkbg"
    window.doc.report.meta.previous_report = str(previous)
    not_a_folder = tmp_path / "afile"
    not_a_folder.write_text("x")
    target = not_a_folder / "年报.gkbg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert not window.save_as()
    kind, text = dialogs[-1]
    assert kind == "critical"
    assert str(target) in text
    assert ".tmp" not in text and "Not a directory" not in text
    assert "文件夹不存在" in text and "没有丢失" in text
    assert window.doc.report.meta.previous_report == str(previous)
    assert window.isWindowModified() or window.sample_title  # still unsaved


def test_failed_export_write_is_explained_in_chinese(window, tmp_path, dialogs, monkeypatch) -> None:
    from gui import exports

    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "none" / "年报.xlsx"), ""))
    assert exports.export_xlsx(window, window.doc, draft=True) is None
    kind, text = dialogs[-1]
    assert kind == "critical" and "文件夹不存在" in text and "No such file" not in text
    assert not Path(tmp_path / "none").exists()


def test_window_opens_maximised_where_the_preferred_size_would_overhang() -> None:
    from gui.main_window import fits_preferred

    assert fits_preferred(1920, 1040)
    assert not fits_preferred(1366, 728)  # 1366×768 with a taskbar: 下一步 would sit under it
    assert not fits_preferred(1093, 582)  # 125 %
    assert not fits_preferred(911, 480)  # 150 %


def test_step_states_are_not_cut_off_at_any_list_width(window, qtbot) -> None:
    # Was: at 150 % on 1366×768 (and here at list widths such as 226 px) 三、收到和处理政府信息公开申请情况
    # wrapped to two lines in a row two lines high, and its state (“完成”, “2 个错误”) was elided away.
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication

    window.resize(700, 420)
    lst = window.step_list
    fm = QFontMetrics(lst.font())
    cut = []
    for width in range(lst.minimumWidth(), lst.maximumWidth() + 1, 2):
        window.centralWidget().setSizes([width, 700 - width])
        for _ in range(2):  # the list lays its items out on a zero timer
            QApplication.processEvents()
        text_width = lst.viewport().width() - 8
        for i in range(lst.count()):
            item = lst.item(i)
            need = fm.boundingRect(QRect(0, 0, text_width, 10_000), Qt.TextFlag.TextWordWrap, item.text()).height()
            if lst.visualItemRect(item).height() < need + 12:  # 6 px padding above and below
                cut.append((width, item.text()))
    assert not cut


def test_ctrl_z_over_refused_typing_does_not_also_undo_an_earlier_entry(window, keys) -> None:
    # Was: 5 entered in one cell, then “12a” typed in another and Ctrl+Z: the refused text was
    # dropped AND the 5 was undone — two steps for one key press, the second unseen.
    from PySide6.QtCore import Qt

    from core.format2021 import t3_id
    from core.steps import STEP_INDEX

    public, new = t3_id("public", "natural"), t3_id("new", "natural")
    window.go(STEP_INDEX["s3"])
    view = window.page(STEP_INDEX["s3"]).view
    view.focus_cell(public)
    keys.type("5")
    keys.press(Qt.Key.Key_Return)
    view.focus_cell(new)
    keys.type("12a")
    keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.report.get(new) == 0
    assert window.doc.report.get(public) == 5
    # Valid typing is one step of its own: Ctrl+Z takes it back, and only it.
    view.focus_cell(new)
    keys.type("12")
    keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.report.get(new) == 0
    assert window.doc.report.get(public) == 5
    keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.report.get(public) == 0
    keys.press(Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.report.get(public) == 5


def _other_report(tmp_path: Path, cell_id: str, value: int) -> Path:
    from core.project_file import save
    from core.sample import load_sample

    report = load_sample()
    report.meta.agency = "另一个局"
    report.set(cell_id, value)
    path = tmp_path / "另一个.gkbg"
    save(report, path)
    return path


def test_a_cell_editor_open_when_another_report_is_opened_writes_nothing_into_it(window, keys, tmp_path) -> None:
    # Was: 最近文件 (a menu keeps the editor's focus) opened report B while a cell of A was being
    # typed: the editor stayed open, the next digit made B's cell “73”, and refused text put A's
    # old value into B's cell when the editor closed.
    from PySide6.QtCore import Qt

    from core.format2021 import t3_id
    from core.steps import STEP_INDEX
    from gui.table_page import CellEditor

    new = t3_id("new", "natural")
    other = _other_report(tmp_path, new, 4)
    window.go(STEP_INDEX["s3"])
    view = window.page(STEP_INDEX["s3"]).view
    view.focus_cell(new)
    keys.type("7a")
    assert isinstance(keys.focus(), CellEditor)
    assert window.open_path(other)
    assert not view.findChildren(CellEditor) or not any(e.isVisible() for e in view.findChildren(CellEditor))
    window.commit_pending()
    assert window.doc.report.get(new) == 4
    assert not window.isWindowModified()
    view.focus_cell(new)
    keys.type("3")
    keys.press(Qt.Key.Key_Return)
    assert window.doc.report.get(new) == 3  # a fresh entry in the report now open


def test_typing_on_a_total_says_why_nothing_happens(window, keys) -> None:
    # Was: digits typed on a 合计 cell were silently ignored.
    from core.format2021 import t3_id
    from core.steps import STEP_INDEX

    window.go(STEP_INDEX["s3"])
    view = window.page(STEP_INDEX["s3"]).view
    total = t3_id("new", "total")
    view.focus_cell(total)
    before = window.doc.value(total)
    keys.type("5")
    assert window.doc.value(total) == before
    message = window.statusBar().currentMessage()
    assert "合计" in message and "不能直接填写" in message


def test_dates_and_years_as_a_clerk_writes_them(window, keys, qtbot) -> None:
    # Was: 2025年1月20日 (the way the report itself prints dates), full-width digits and 2025年
    # were refused, and what was typed was thrown away on leaving the field.
    import datetime as dt

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.go(0)
    page = window.page(0)
    for name, typed, expected in (("publish_date", "2025年1月20日", dt.date(2025, 1, 20)),
                                  ("publish_date", "２０２５－０２－０３", dt.date(2025, 2, 3)),
                                  ("year", "２０２３年", 2023)):
        edit = page.edits[name]
        edit.setFocus()
        edit.selectAll()
        keys.text(typed, edit)
        keys.press(Qt.Key.Key_Tab)
        assert getattr(window.doc.report.meta, name) == expected, typed
        assert edit.text() == typed  # the clerk's own spelling stays on screen
    window.doc.undo_stack.undo()
    assert window.doc.report.meta.year == 2024


def test_refused_fee_text_says_what_the_field_keeps(window, keys) -> None:
    # Was: “251000x” → “已恢复原值” while the field kept 251000 (the last valid amount typed).
    # (“251000元” itself is valid now: the field's own unit may be typed.)
    from PySide6.QtCore import Qt

    from core.format2021 import INFO_FEE_ID
    from core.steps import STEP_INDEX

    window.go(STEP_INDEX["s6"])
    fee = window.page(STEP_INDEX["s6"]).fee
    fee.setFocus()
    fee.selectAll()
    keys.type("251000")
    keys.text("x", fee)
    keys.press(Qt.Key.Key_Tab)
    assert window.doc.value(INFO_FEE_ID) == 251000
    assert fee.text() == "251000"
    message = window.statusBar().currentMessage()
    assert "保留为 251000 元" in message and "恢复原值" not in message


def test_typing_into_a_new_reports_section_starts_under_the_first_heading(new_window, keys, qtbot) -> None:
    # Was: the cursor sat before “（一）存在问题”, so the first words went in front of the heading.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from core.steps import STEP_INDEX

    w = new_window(sample=False)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    w.new_blank()
    w.go(STEP_INDEX["s5"])
    keys.press(Qt.Key.Key_Return)
    keys.text("我局存在的问题")
    assert w.doc.report.narrative["s5"] == "（一）存在问题\n我局存在的问题\n（二）改进措施"


def test_paste_over_a_selection_starts_at_its_top_left(window, keys, dialogs) -> None:
    # Was: select 2×2 from 本年新收/自然人 with Shift+arrows, Ctrl+V — the block landed at the
    # current cell (the bottom right), one row down and one column right: four wrong numbers.
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from core.format2021 import t3_id
    from core.steps import STEP_INDEX

    window.go(STEP_INDEX["s3"])
    view = window.page(STEP_INDEX["s3"]).view
    view.focus_cell(t3_id("new", "natural"))
    keys.press(Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    keys.press(Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    QGuiApplication.clipboard().setText("1\t2\r\n3\t4\r\n")
    keys.press(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    got = {c: window.doc.report.get(c) for c in (
        t3_id("new", "natural"), t3_id("new", "business"), t3_id("carried_in", "natural"),
        t3_id("carried_in", "business"), t3_id("carried_in", "research"), t3_id("public", "business"))}
    assert list(got.values()) == [1, 2, 3, 4, 0, 0]
    assert not dialogs


def test_save_as_refuses_to_overwrite_last_years_report(window, tmp_path, monkeypatch, dialogs) -> None:
    # Was: 从上年报告新建, then 另存为 onto last year's file (the dialog's “replace?” answered yes):
    # last year's report was gone, and the new one compared itself with itself.
    from core.project_file import load, save
    from core.sample import load_sample

    previous = tmp_path / "2024.gkbg"
    save(load_sample(), previous)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(previous), ""))
    window.new_from_previous()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(previous), ""))
    assert not window.save_as()
    assert dialogs[-1][0] == "warning" and "上年报告" in dialogs[-1][1]
    assert load(previous).meta.year == 2024
    other = tmp_path / "2025.gkbg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    assert window.save_as()
    assert load(other).meta.year == 2025


def test_about_dialog_fits_the_screen(qtbot) -> None:
    # Was 620 px tall whatever the screen: at 125 % on 1366×768 its 关闭 button fell below the edge.
    from gui.about import AboutDialog

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    area = dialog.screen().availableGeometry()
    assert dialog.height() <= area.height() - 60 and dialog.width() <= area.width() - 40


def test_enter_on_a_step_goes_into_its_page(window, keys, qtbot) -> None:
    # Was: Ctrl+L, ↓↓↓, Enter left the focus in the step list; Tab then reached 上一步, not the table.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from core.format2021 import t3_id
    from core.steps import STEP_INDEX
    from gui.table_page import GridView

    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    keys.press(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    for _ in range(STEP_INDEX["s3"]):
        keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)
    assert isinstance(keys.focus(), GridView)
    keys.type("7")
    keys.press(Qt.Key.Key_Return)
    assert window.doc.report.get(t3_id("new", "natural")) == 7


def test_ctrl_z_over_a_half_typed_year_puts_the_year_back_and_nothing_else(window, keys, qtbot) -> None:
    # Was: 机关名称 edited, then 报告年度 overtyped with “20” and Ctrl+Z: the year came back, and
    # the 机关名称 edit was undone as well.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.go(0)
    page = window.page(0)
    agency = page.edits["agency"]
    agency.setFocus()
    agency.end(False)
    keys.text("办公室")
    before = window.doc.report.meta.agency
    assert before.endswith("办公室")
    year = page.edits["year"]
    year.setFocus()
    year.selectAll()
    keys.type("20")
    keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert year.text() == "2024"
    assert window.doc.report.meta.agency == before
    keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not window.doc.report.meta.agency.endswith("办公室")


def test_undo_from_the_menu_while_a_cell_is_being_typed_is_not_reverted(window, keys) -> None:
    # Was: “5” typed in a cell, 编辑 › 撤销 chosen from the menu (the editor stays open): the cell
    # went back to 0, then closing the editor wrote the 5 back — the undo silently reverted.
    from core.format2021 import t3_id
    from core.steps import STEP_INDEX
    from gui.table_page import CellEditor

    new = t3_id("new", "natural")
    window.go(STEP_INDEX["s3"])
    view = window.page(STEP_INDEX["s3"]).view
    view.focus_cell(new)
    keys.type("5")
    assert isinstance(keys.focus(), CellEditor) and window.doc.report.get(new) == 5
    # the menu bar's actions are held in a name: PySide6 6.9's QAction.menu() on a temporary action
    # returns a wrapper that is already invalid ("Internal C++ object already deleted")
    menus = window.menuBar().actions()
    undo = next(a for a in menus[1].menu().actions() if a.text().startswith("撤销"))
    undo.trigger()
    assert window.doc.report.get(new) == 0
    window.commit_pending()
    assert window.doc.report.get(new) == 0
    assert window.doc.undo_stack.canRedo()


def test_autosave_failure_is_reported_in_chinese(window, monkeypatch) -> None:
    # Was: “自动保存失败：Permission denied”.
    import errno

    def refuse(*_a: object, **_k: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", "/x/autosave.gkbg.json")

    monkeypatch.setattr(window.autosave, "write", refuse)
    window.doc.set_cells({"t4.review.upheld": 3}, "x")
    window.write_autosave()
    message = window.statusBar().currentMessage()
    assert "自动保存失败" in message and "写入的权限" in message and "Permission denied" not in message


def test_ctrl_x_cuts_a_selection(window, keys) -> None:
    # Was: Ctrl+X on the grid did nothing at all.
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from core.format2021 import t3_id
    from core.steps import STEP_INDEX

    a, b = t3_id("new", "natural"), t3_id("new", "business")
    window.doc.set_cells({a: 3, b: 4}, "x")
    window.go(STEP_INDEX["s3"])
    view = window.page(STEP_INDEX["s3"]).view
    view.focus_cell(a)
    keys.press(Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    keys.press(Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "3\t4\r\n"
    assert window.doc.report.get(a) is None and window.doc.report.get(b) is None
    window.doc.undo_stack.undo()
    assert (window.doc.report.get(a), window.doc.report.get(b)) == (3, 4)


def test_enter_past_a_tables_last_cell_goes_on_instead_of_reopening_it(window, keys) -> None:
    # Was: Enter on the last input cell reopened that same cell with its text selected, so the
    # next number typed (the first of the next table, say) silently replaced it.
    from PySide6.QtCore import Qt

    from core.steps import STEP_INDEX
    from gui.narrative_page import NarrativeEditor

    window.go(STEP_INDEX["s4"])
    view = window.page(STEP_INDEX["s4"]).view
    last = view.gindex.inputs[-1].cell_id
    view.focus_cell(last)
    keys.type("5")
    keys.press(Qt.Key.Key_Return)
    keys.type("6")
    assert window.doc.report.get(last) == 5
    assert keys.focus() is window.next_button
    keys.press(Qt.Key.Key_Return)
    assert window.current == STEP_INDEX["s5"]
    assert isinstance(keys.focus(), NarrativeEditor)


def test_paste_of_an_excel_block_with_every_quirk(window, keys, dialogs) -> None:
    # Excel/WPS as clerks copy: \r\n endings, thousands separators (one quoted), a blank cell,
    # a trailing tab on each row, full-width digits; one undo step takes it all back.
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from core.format2021 import t3_id
    from core.steps import STEP_INDEX

    window.go(STEP_INDEX["s3"])
    view = window.page(STEP_INDEX["s3"]).view
    view.focus_cell(t3_id("new", "natural"))
    QGuiApplication.clipboard().setText('1,234\t\t"2,000"\t\r\n１２\t7\t0\t\r\n')
    keys.press(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert not dialogs
    got = [window.doc.report.get(t3_id(r, c)) for r in ("new", "carried_in")
           for c in ("natural", "business", "research")]
    assert got == [1234, None, 2000, 12, 7, 0]
    assert window.doc.value(t3_id("new", "total")) == 3234
    window.doc.undo_stack.undo()
    assert window.doc.report.get(t3_id("new", "natural")) == 0


def test_a_long_mixed_sequence_undoes_to_the_start_and_redoes_to_the_end(window, keys, qtbot) -> None:
    # Cells (typed, pasted, deleted), 基本信息, 正文 and 信息处理费 across five pages, then all undone
    # and all redone through the keyboard: the saved form must match at both ends.
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from core.format2021 import t3_id
    from core.project_file import dumps
    from core.steps import STEP_INDEX

    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    start = dumps(window.doc.report)
    window.go(0)
    agency = window.page(0).edits["agency"]
    agency.setFocus()
    agency.end(False)
    keys.text("办公室")
    window.go(STEP_INDEX["s3"])
    view = window.page(STEP_INDEX["s3"]).view
    view.focus_cell(t3_id("new", "natural"))
    for digits in ("3", "4", "15"):
        keys.type(digits)
        keys.press(Qt.Key.Key_Return)
    QGuiApplication.clipboard().setText("9\t8\r\n")
    view.focus_cell(t3_id("carried_in", "natural"))
    keys.press(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    view.focus_cell(t3_id("new", "business"))
    keys.press(Qt.Key.Key_Delete)
    window.go(STEP_INDEX["s5"])
    keys.text("问题")
    window.go(STEP_INDEX["s6"])
    fee = window.page(STEP_INDEX["s6"]).fee
    fee.setFocus()
    fee.selectAll()
    keys.type("120")
    keys.press(Qt.Key.Key_Tab)
    end = dumps(window.doc.report)
    assert end != start
    steps = window.doc.undo_stack.count()
    assert steps >= 8
    window.go(STEP_INDEX["s4"])
    window.page(STEP_INDEX["s4"]).view.setFocus()
    for _ in range(steps):
        keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dumps(window.doc.report) == start
    assert window.doc.undo_stack.isClean()
    for _ in range(steps):
        keys.press(Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert dumps(window.doc.report) == end


def test_ctrl_v_of_a_block_while_a_cell_is_being_edited_pastes_the_block(window, keys, dialogs) -> None:
    # Was: the block went into the cell's line edit as one value (“1	23	4”), refused on Enter.
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from core.format2021 import t3_id
    from core.steps import STEP_INDEX
    from gui.table_page import CellEditor

    window.go(STEP_INDEX["s3"])
    view = window.page(STEP_INDEX["s3"]).view
    view.focus_cell(t3_id("new", "natural"))
    keys.type("9")
    assert isinstance(keys.focus(), CellEditor)
    QGuiApplication.clipboard().setText("1\t2\r\n3\t4\r\n")
    keys.press(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    got = [window.doc.report.get(t3_id(r, c)) for r in ("new", "carried_in") for c in ("natural", "business")]
    assert got == [1, 2, 3, 4]
    assert not dialogs
    window.commit_pending()
    assert window.doc.report.get(t3_id("new", "natural")) == 1
