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
