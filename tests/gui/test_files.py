"""Files: save/open round trip, recent files, new from last year, autosave and crash restore,
close confirmation, a file changed on disk, unreadable files."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from core.format2021 import t3_id
from core.project_file import load, save
from core.sample import load_sample

NEW = t3_id("new", "natural")
Button = QMessageBox.StandardButton


def _save_dialog(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def _answer_restore(monkeypatch, answer: str, asked: list[str] | None = None) -> None:
    import gui.file_controller

    def choose(_parent, _title, text, _options, **_k) -> str:
        if asked is not None:
            asked.append(text)
        return answer
    monkeypatch.setattr(gui.file_controller, "choose", choose)


def _open_dialog(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def test_save_open_round_trip_and_title(window, new_window, monkeypatch, tmp_path) -> None:
    window.doc.set_cells({NEW: 7}, "test")
    assert window.isWindowModified()
    target = tmp_path / "report"  # the suffix is added
    _save_dialog(monkeypatch, target)
    assert window.save()
    saved = tmp_path / "report.gkbg"
    assert saved.is_file()
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("report.gkbg")
    assert load(saved).cells[NEW] == 7
    assert window.recent.list()[0] == str(saved.resolve())

    window.files.release_lock()  # as if closed there: a file open in another window asks first (test_lock)
    other = new_window()
    _open_dialog(monkeypatch, saved)
    other.open_dialog()
    assert other.doc.value(NEW) == 7
    assert other.doc.value(t3_id("new", "total")) == 7
    assert other.doc.path == saved.resolve()
    assert not other.isWindowModified()
    # Undoing back to the saved state clears the modified mark again.
    other.doc.set_cells({NEW: 8}, "test")
    assert other.isWindowModified()
    other.doc.undo_stack.undo()
    assert not other.isWindowModified()


def test_unreadable_file_is_a_message_not_a_traceback(window, dialogs, tmp_path) -> None:
    bad = tmp_path / "bad.gkbg.json"
    bad.write_text("{not json", encoding="utf-8")
    assert not window.open_path(bad)
    kind, text = dialogs[-1]
    assert kind == "critical" and "不是有效的 JSON" in text
    assert not window.open_path(tmp_path / "missing.gkbg.json")
    assert "找不到文件" in dialogs[-1][1]
    assert window.doc.report.meta.agency == "周口市工业和信息化局"  # nothing lost


def test_save_error_is_reported(window, dialogs, monkeypatch, tmp_path) -> None:
    window.doc.set_cells({NEW: 7}, "test")
    _save_dialog(monkeypatch, tmp_path / "no-such-dir" / "x.gkbg.json")
    assert not window.save()
    assert dialogs[-1][0] == "critical"
    assert window.isWindowModified()


def test_new_from_previous_carries_over(window, new_window, monkeypatch, tmp_path) -> None:
    previous = load_sample()
    previous.cells[t3_id("carried_out", "natural")] = 3
    previous.cells[t3_id("public", "natural")] = 0
    previous.cells[t3_id("new", "natural")] = 3
    path = tmp_path / "2024.gkbg.json"
    save(previous, path)
    _open_dialog(monkeypatch, path)
    window.new_from_previous()
    report = window.doc.report
    assert report.meta.year == 2025
    assert report.cells[t3_id("carried_in", "natural")] == 3
    assert window.doc.previous is not None  # last year's file is read for the X rules
    assert window.isWindowModified()
    (tmp_path / "2025").mkdir()
    _save_dialog(monkeypatch, tmp_path / "2025" / "new.gkbg.json")
    assert window.save()
    assert load(tmp_path / "2025" / "new.gkbg.json").meta.previous_report == "../2024.gkbg.json"
    assert window.doc.previous is not None
    # Saved again into another folder: the relative name follows, last year's file is still found.
    (tmp_path / "x" / "y").mkdir(parents=True)
    _save_dialog(monkeypatch, tmp_path / "x" / "y" / "moved.gkbg.json")
    assert window.save_as()
    moved = tmp_path / "x" / "y" / "moved.gkbg.json"
    assert load(moved).meta.previous_report == "../../2024.gkbg.json"
    window.files.release_lock()
    other = new_window()
    assert other.open_path(moved)
    assert other.doc.previous is not None


def test_autosave_then_restore_after_crash(window, new_window, monkeypatch, tmp_path) -> None:
    window.doc.set_cells({NEW: 42}, "test")
    window.go(3)  # a page change autosaves
    autosave = window.autosave.path
    assert autosave.is_file()
    assert load(autosave).cells[NEW] == 42
    window.doc.set_cells({NEW: 43}, "test")
    window.timer.timeout.emit()  # the 30 s timer
    assert load(autosave).cells[NEW] == 43

    # The process dies: nothing removes the autosave, and its lock is gone. The next start offers it.
    window.autosave.release()
    asked: list[str] = []
    _answer_restore(monkeypatch, "restore", asked)
    restored = new_window(sample=False)
    assert restored.offer_restore()
    assert asked and "没有正常退出" in asked[0]
    assert restored.doc.value(NEW) == 43
    assert restored.isWindowModified()  # restored work is not saved work


def test_declined_restore_discards_the_autosave(window, new_window, monkeypatch, tmp_path) -> None:
    window.doc.set_cells({NEW: 42}, "test")
    window.write_autosave()
    window.autosave.release()
    _answer_restore(monkeypatch, "discard")
    other = new_window(sample=False)
    assert not other.offer_restore()
    assert not (tmp_path / "autosave" / "autosave.gkbg.json").exists()


def test_a_second_running_window_is_not_a_crash(window, new_window) -> None:
    window.doc.set_cells({NEW: 42}, "test")
    window.write_autosave()
    other = new_window(sample=False)
    assert not other.offer_restore()  # the first window is alive: its autosave is not an orphan
    other.doc.set_cells({NEW: 1}, "test")
    other.write_autosave()
    assert other.autosave.path != window.autosave.path
    assert load(window.autosave.path).cells[NEW] == 42


def test_close_asks_about_unsaved_changes(window, monkeypatch, tmp_path) -> None:
    window.doc.set_cells({NEW: 5}, "test")
    window.write_autosave()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: Button.Cancel)
    assert not window.close()
    assert window.isVisible()
    _save_dialog(monkeypatch, tmp_path / "closing.gkbg.json")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: Button.Save)
    assert window.close()
    assert load(tmp_path / "closing.gkbg.json").cells[NEW] == 5
    # A clean exit leaves no autosave behind, so the next start is not a "crash".
    assert not (tmp_path / "autosave" / "autosave.gkbg.json").exists()
    assert not window.autosave.orphans()


def test_close_discard(window, monkeypatch) -> None:
    window.doc.set_cells({NEW: 5}, "test")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: Button.Discard)
    assert window.close()


def test_unsaved_typing_in_an_open_cell_counts(window, keys, monkeypatch) -> None:
    window.go(3)
    view = window.page(3).view
    view.focus_cell(NEW)
    keys.type("9")
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append("q") or Button.Cancel)
    assert not window.close()
    assert asked and window.doc.value(NEW) == 9


def test_warns_when_file_changed_on_disk(window, monkeypatch, tmp_path) -> None:
    path = tmp_path / "r.gkbg.json"
    save(load_sample(), path)
    assert window.open_path(path)
    window.doc.set_cells({NEW: 5}, "test")
    st = path.stat()
    os.utime(path, (st.st_atime, st.st_mtime + 10))  # someone else saved it
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: asked.append(text) or Button.No)
    assert not window.save()
    assert asked and "被其他程序修改" in asked[0]
    assert load(path).cells[NEW] == 0
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: Button.Yes)
    assert window.save()
    assert load(path).cells[NEW] == 5


def test_import_workbook(window, monkeypatch, tmp_path, dialogs) -> None:
    from core.compute import compute
    from core.xlsx import export_xlsx

    report = load_sample()
    report.cells[NEW] = 0
    report.meta.agency = "某县统计局"
    xlsx = tmp_path / "book.xlsx"
    xlsx.write_bytes(export_xlsx(report, compute(report), [], draft=False))
    _open_dialog(monkeypatch, xlsx)
    window.import_workbook()
    assert window.doc.report.meta.agency == "某县统计局"
    assert window.isWindowModified()  # imported, not yet saved as a project file
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    _open_dialog(monkeypatch, bad)
    window.extra_dirty = False
    window.doc.undo_stack.setClean()
    window.import_workbook()
    assert dialogs[-1][0] == "critical"
    assert window.doc.report.meta.agency == "某县统计局"


def test_recent_files_menu_reopens(window, new_window, monkeypatch, tmp_path) -> None:
    path = tmp_path / "recent.gkbg.json"
    report = load_sample()
    report.cells[NEW] = 0
    report.meta.agency = "最近的机关"
    save(report, path)
    assert window.open_path(path)
    window.files.release_lock()
    other = new_window()
    other._fill_recent()
    actions = [a for a in other.recent_menu.actions() if str(path.resolve()) in a.text()]
    assert actions
    actions[0].trigger()
    assert other.doc.report.meta.agency == "最近的机关"
