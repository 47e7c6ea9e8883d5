"""The GUI's save and export paths: a read-only target is replaced only when the clerk agrees,
and every failure is shown in Chinese (no English system or reportlab text)."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui import exports

Button = QMessageBox.StandardButton
ENGLISH = re.compile(r"Permission denied|No space|Errno|LayoutError|Flowable|too large")


def answer_question(monkeypatch, answer, asked: list[str]) -> None:
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a, **k: asked.append(text) or answer)


def test_export_to_read_only_file_asks_and_keeps_it_when_declined(window, monkeypatch, tmp_path, dialogs) -> None:
    pdf = tmp_path / "定稿.pdf"
    pdf.write_bytes(b"final")
    pdf.chmod(0o444)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), ""))
    asked: list[str] = []
    answer_question(monkeypatch, Button.No, asked)
    assert exports.export_pdf(window, window.doc, draft=True) is None
    assert asked and "只读" in asked[0] and pdf.read_bytes() == b"final"
    answer_question(monkeypatch, Button.Yes, asked)
    assert exports.export_pdf(window, window.doc, draft=True) == str(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o444


def test_save_to_read_only_project_asks(window, monkeypatch, tmp_path) -> None:
    target = tmp_path / "r.gkbg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.save_as()
    target.chmod(0o444)
    before = target.read_bytes()
    window.doc.report.meta.agency = "另一个机关"
    asked: list[str] = []
    answer_question(monkeypatch, Button.No, asked)
    assert not window.save()
    assert asked and target.read_bytes() == before
    answer_question(monkeypatch, Button.Yes, asked)
    assert window.save()
    assert "另一个机关" in target.read_text(encoding="utf-8")


def test_export_into_missing_folder_is_chinese(window, monkeypatch, tmp_path, dialogs) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "no" / "such" / "r.xlsx"), ""))
    assert exports.export_xlsx(window, window.doc, draft=True) is None
    kind, text = dialogs[-1]
    assert kind == "critical" and "文件夹不存在" in text and not ENGLISH.search(text)


def test_layout_error_is_shown_in_chinese(window, monkeypatch, dialogs) -> None:
    from reportlab.platypus.doctemplate import LayoutError

    import core.pdf

    def boom(*_a, **_k):
        raise LayoutError("Flowable <Table@0x7f 10 rows x 9 cols> too large on page 1")

    monkeypatch.setattr(core.pdf, "export_pdf", boom)
    assert exports.build_pdf(window, window.doc, draft=True) is None
    kind, text = dialogs[-1]
    assert kind == "critical" and "一页放不下" in text and not ENGLISH.search(text)


def test_preview_save_uses_atomic_write(window, monkeypatch, tmp_path, qtbot) -> None:
    from gui.pdf_preview import PdfPreviewDialog

    result = exports.build_pdf(window, window.doc, draft=True)
    dialog = PdfPreviewDialog(result.data, "r.pdf", window)  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    out = tmp_path / "p.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert dialog.save_as() == str(out)
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in Path(tmp_path).iterdir() if p.name.endswith(".tmp")] == []
