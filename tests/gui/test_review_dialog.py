"""文件 → 导入修改稿…: one change accepted, one rejected, applied as one undo step, then undone."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from core.fields import render_text
from core.importing.review import CellChange, TextChange
from gui.review_dialog import ReviewDialog, import_review
from tests.importing.test_review import NEW, NEW_SENTENCE, OLD_SENTENCE, returned_docx


def _printed(window, key: str = "s1") -> str:
    return render_text(window.doc.report, window.doc.results, key)


def test_accept_the_sentence_reject_the_figure_then_undo(window, monkeypatch, tmp_path) -> None:
    path = tmp_path / "审签稿.docx"
    path.write_bytes(returned_docx(window.doc.report))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    action = next(a for a in window.findChildren(QAction) if a.text() == "导入修改稿…")
    action.trigger()  # 文件 → 导入修改稿…
    dialog = window.findChild(ReviewDialog)
    assert isinstance(dialog, ReviewDialog) and dialog.isVisible()
    changes = dialog.review.changes
    assert dialog.table.rowCount() == len(changes) == 2
    text_row = next(i for i, c in enumerate(changes) if isinstance(c, TextChange))
    cell_row = next(i for i, c in enumerate(changes) if isinstance(c, CellChange))
    assert NEW_SENTENCE in dialog.table.item(text_row, 3).toolTip()
    count = window.doc.undo_stack.count()
    dialog.set_accepted(cell_row, False)  # rejected: the figure stays
    dialog.apply_button.click()
    assert not dialog.isVisible()
    assert NEW_SENTENCE in _printed(window) and OLD_SENTENCE not in _printed(window)
    assert window.doc.value(NEW) == 0
    assert window.doc.undo_stack.count() == count + 1
    assert "已采用修改稿中的 1 处修改，未采用 1 处" in window.statusBar().currentMessage()
    window.doc.undo()
    assert OLD_SENTENCE in _printed(window) and NEW_SENTENCE not in _printed(window)


def test_accept_all_applies_text_and_figure_in_one_step(window, qtbot, tmp_path) -> None:
    path = tmp_path / "审签稿.docx"
    path.write_bytes(returned_docx(window.doc.report))
    dialog = import_review(window, path)
    assert dialog is not None
    dialog.none_button.click()
    dialog.all_button.click()
    count = window.doc.undo_stack.count()
    dialog.apply_button.click()
    assert window.doc.value(NEW) == 5 and NEW_SENTENCE in _printed(window)
    assert window.doc.undo_stack.count() == count + 1
    window.doc.undo()
    assert window.doc.value(NEW) == 0 and OLD_SENTENCE in _printed(window)


def test_a_file_that_is_no_report_is_refused(window, tmp_path, dialogs) -> None:
    junk = tmp_path / "x.docx"
    junk.write_bytes(b"PK\x03\x04 not a zip")
    before = window.doc.undo_stack.count()
    assert import_review(window, junk) is None
    assert any(kind == "critical" for kind, _ in dialogs)
    assert window.doc.undo_stack.count() == before
