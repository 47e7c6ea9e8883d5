"""The edit journal in the wizard: every edit typed, undone or redone is found again after a crash,
with no autosave in between; the restore prompt; opening the recovered work as a copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from core.format2021 import t3_id
from core.project_file import dumps, load, save
from core.sample import load_sample
from core.steps import STEP_INDEX

NEW = t3_id("new", "natural")
PUBLIC = t3_id("public", "natural")


def _answer(monkeypatch, answer: str, asked: list[str]) -> None:
    import gui.file_controller

    def choose(_parent, _title, text, options, **_k) -> str:
        asked.append(text)
        assert [label for _key, label in options] == ["恢复(&R)", "另存为副本打开(&C)", "丢弃(&D)"]
        return answer
    monkeypatch.setattr(gui.file_controller, "choose", choose)


def _edit_everywhere(window, keys) -> None:
    """Table cells, narrative typing, a meta field, undo and redo: through keys, as a clerk does."""
    window.go(STEP_INDEX["s3"])
    view = window.page(STEP_INDEX["s3"]).view
    view.focus_cell(NEW)
    keys.type("12")
    keys.press(Qt.Key.Key_Return)
    view.focus_cell(PUBLIC)
    keys.type("7")
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # PUBLIC back
    keys.press(Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # and again
    window.go(STEP_INDEX["s5"])
    editor = window.page(STEP_INDEX["s5"]).blocks["s5"].editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.setPosition(3)  # typing in the middle of the text, not only at its end
    editor.setTextCursor(cursor)
    keys.text("今年没有新问题")
    keys.press(Qt.Key.Key_Backspace)
    window.doc.set_meta("contact", "0394-1234567")
    window.doc.undo_stack.undo()
    window.doc.set_meta("agency", "某某局")


def test_every_edit_survives_a_kill_without_an_autosave(window, new_window, keys, monkeypatch, tmp_path) -> None:
    path = tmp_path / "报告.gkbg"
    save(load_sample(), path)
    assert window.open_path(path)
    window.files.timer.stop()  # no 30 s autosave: only the journal stands between the work and a kill
    _edit_everywhere(window, keys)
    live = dumps(window.doc.report)
    assert live != dumps(load(path))
    # Killed: no close, no autosave written since the first edit; the locks die with the process.
    window.autosave.release()
    window.files.release_lock()

    asked: list[str] = []
    _answer(monkeypatch, "restore", asked)
    restored = new_window(sample=False)
    assert restored.offer_restore()
    assert dumps(restored.doc.report) == live
    assert restored.doc.path == path.resolve()
    assert restored.isWindowModified()
    text = asked[0]
    assert str(path.resolve()) in text and "最后一次修改：20" in text
    journalled = window.autosave._journal.count
    assert journalled > 5 and f"自动保存之后的修改：{journalled} 处" in text  # since the page change
    assert load(path).meta.agency != "某某局"  # restored, not yet saved over the file


def test_recovered_work_opens_as_a_copy_that_leaves_the_file_alone(window, new_window, monkeypatch,
                                                                   tmp_path) -> None:
    path = tmp_path / "2025.gkbg"
    save(load_sample(), path)
    assert window.open_path(path)
    window.doc.set_cells({NEW: 99}, "test")
    window.autosave.release()
    window.files.release_lock()
    _answer(monkeypatch, "copy", [])
    copy = new_window(sample=False)
    assert copy.offer_restore()
    assert copy.doc.path is None and copy.doc.value(NEW) == 99
    assert "2025.gkbg（恢复的副本）" in copy.windowTitle()
    target = tmp_path / "copy.gkbg"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    assert copy.files.save()  # no path: 保存 asks where, the original is not touched
    assert load(target).cells[NEW] == 99
    assert load(path).cells.get(NEW) != 99


def test_compaction_restarts_the_journal_and_loses_nothing(window, new_window, monkeypatch) -> None:
    window.doc.set_cells({NEW: 5}, "test")
    window.doc.set_text("s5", "第一稿")
    assert window.autosave._journal.count == 2
    window.files.timer.timeout.emit()  # the 30 s autosave: the snapshot takes the edits in
    assert window.autosave._journal.count == 0
    window.doc.set_text("s5", "第一稿，改")
    window.doc.undo_stack.undo()
    window.doc.undo_stack.redo()
    live = dumps(window.doc.report)
    window.autosave.release()
    asked: list[str] = []
    _answer(monkeypatch, "restore", asked)
    restored = new_window(sample=False)
    assert restored.offer_restore()
    assert dumps(restored.doc.report) == live
    assert "自动保存之后的修改：3 处" in asked[0]


def test_a_save_ends_the_journal_and_the_next_edit_starts_one(window, monkeypatch, tmp_path) -> None:
    window.doc.set_cells({NEW: 5}, "test")
    journal = window.autosave._journal.path
    assert journal.is_file()
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "a.gkbg"), ""))
    assert window.files.save()
    assert not journal.exists() and not window.autosave.orphans()
    window.doc.set_cells({NEW: 6}, "test")
    assert journal.is_file() and load(window.autosave.path).cells[NEW] == 5  # the saved state is the base


def test_a_journal_that_cannot_be_written_is_a_chinese_status_message(window, monkeypatch) -> None:
    import errno

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(window.autosave, "write", full)
    window.doc.set_cells({NEW: 5}, "test")  # the edit itself goes through
    assert window.doc.value(NEW) == 5
    message = window.statusBar().currentMessage()
    assert message.startswith("修改记录写入失败（") and "请尽快手动保存" in message


def test_a_corrupt_journal_still_restores_the_snapshot_and_says_so(window, new_window, monkeypatch) -> None:
    window.doc.set_cells({NEW: 5}, "test")
    window.files.write_autosave()
    window.doc.set_cells({NEW: 6}, "test")
    journal: Path = window.autosave._journal.path
    window.autosave.release()
    journal.write_bytes(b"garbage")
    asked: list[str] = []
    _answer(monkeypatch, "restore", asked)
    restored = new_window(sample=False)
    assert restored.offer_restore()
    assert restored.doc.value(NEW) == 5
    assert "不是本程序的修改记录文件；只恢复了自动保存时的内容" in asked[0]


def test_the_start_up_window_still_offers_the_crash_restore(window, qtbot, monkeypatch, tmp_path) -> None:
    """``gui.app.run`` builds the window on the start page (the wizard waits): a restore fills it in."""
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow

    window.doc.set_cells({NEW: 5, PUBLIC: None}, "test")
    window.files.write_autosave()
    window.doc.set_cells({NEW: 6}, "test")  # journalled after the autosave
    window.autosave.release()
    window.files.release_lock()
    asked: list[str] = []
    _answer(monkeypatch, "restore", asked)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(autosave_dir=tmp_path / "autosave", settings=settings, start_page=True)
    qtbot.addWidget(w)
    assert not w.doc.checked and w.pages[0] is None  # nothing of the wizard before a report opens
    w.show()
    qtbot.waitExposed(w)
    assert w.offer_restore() and asked
    assert not w.showing_start and w.step_list.isVisible() and w.pages[0] is not None
    assert w.doc.value(NEW) == 6
    assert w.doc.findings and w.findings_list.topLevelItemCount() == len(w.doc.findings)
    errors = sum(f.is_error for f in w.doc.findings)
    assert w.counts_label.text() == f"错误 {errors} · 提示 {len(w.doc.findings) - errors}"
    w.doc.undo_stack.setClean()
    w.files.extra_dirty = False
