"""文件 → 导入已发布的年报…: uncertain cells marked, corrections kept, nothing applied until 接受."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from core.format2021 import t3_id
from gui.import_dialog import MISSING, UNSURE, import_published

FIXTURES = Path(__file__).resolve().parents[1] / "importing" / "fixtures"


def test_accept_creates_an_unsaved_project_with_corrections(window, qtbot, monkeypatch) -> None:
    before = window.doc.report.meta.agency
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(FIXTURES / "pasted-1.txt"), ""))
    dialog = import_published(window)
    assert dialog is not None and dialog.isVisible()
    assert window.doc.report.meta.agency == before  # nothing applied yet
    fee = dialog.item_of("s6.info_fee") if "s6" in dialog.tables else None
    assert fee is None  # 六's fee is not a table cell
    cid = t3_id("public", "natural")
    dialog.item_of(cid).setText("42")
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert window.doc.report.meta.agency == "某市卫生健康委员会"
    assert window.doc.value(cid) == 42
    assert window.isWindowModified() and window.doc.path is None


def test_uncertain_and_missing_cells_are_marked_and_cancel_changes_nothing(window, qtbot) -> None:
    path = FIXTURES / "uncertain.txt"
    # A row whose values cannot all be placed, and no 表四 at all.
    lines = (FIXTURES / "pasted-1.txt").read_text(encoding="utf-8").splitlines()
    i = next(n for n, line in enumerate(lines) if "本年新收政府信息公开申请数量" in line)
    lines[i] = "一、本年新收政府信息公开申请数量 1 2 3"
    j = next(n for n, line in enumerate(lines) if line.startswith("四、政府信息公开行政复议"))
    try:
        path.write_text("\n".join(lines[:j]) + "\n", encoding="utf-8")
        dialog = import_published(window, path)
    finally:
        path.unlink()
    assert dialog is not None
    unsure = dialog.item_of(t3_id("new", "natural"))
    assert unsure.background().color() == UNSURE and "无法确定" in unsure.toolTip()
    assert dialog.item_of("t4.review.upheld").background().color() == MISSING
    before = window.doc.report.meta.agency
    with qtbot.waitSignal(dialog.rejected):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert window.doc.report.meta.agency == before


def test_a_refused_file_is_a_message(window, dialogs, tmp_path) -> None:
    bad = tmp_path / "通知.txt"
    bad.write_text("会议通知\n", encoding="utf-8")
    assert import_published(window, bad) is None
    assert dialogs[-1][0] == "critical" and "不是政府信息公开工作年度报告" in dialogs[-1][1]
