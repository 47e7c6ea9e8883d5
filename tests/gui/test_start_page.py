"""The start page: this year's report (December: the current year), last year's carried over,
recent files, the sample clearly marked as one."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from core.project_file import save
from core.sample import load_sample


@pytest.mark.parametrize(("today", "year"), [(dt.date(2026, 12, 1), 2026), (dt.date(2027, 1, 10), 2026),
                                             (dt.date(2026, 11, 30), 2025)])
def test_new_report_is_for_the_year_being_reported(new_window, today: dt.date, year: int) -> None:
    w = new_window(sample=False)
    w.files.today = lambda: today
    w.start_page.today = lambda: today
    w.show_start()
    assert w.start_page.new_button.text() == f"新建本单位 {year} 年报告"
    w.start_page.new_button.click()
    assert not w.showing_start and w.step_list.isVisible()
    assert w.doc.report.meta.year == year
    meta = w.page(0)
    assert meta.edits["publish_date"].placeholderText().startswith(f"如 {year + 1}-01-20")
    assert str(year) in meta.edits["year"].placeholderText()


def test_menu_new_uses_the_same_year(window) -> None:
    window.files.today = lambda: dt.date(2026, 12, 1)
    window.files.new_blank()
    assert window.doc.report.meta.year == 2026


def test_recent_files_open_from_the_start_page(new_window, tmp_path, qtbot) -> None:
    path = tmp_path / "本单位2025.gkbg"
    save(load_sample(), path)
    w = new_window(sample=False)
    w.recent.add(path.resolve())
    w.show_start()
    items = w.start_page.recent_list
    assert items.count() == 1 and items.item(0).text().startswith("本单位2025.gkbg")
    qtbot.keyClick(items, Qt.Key.Key_Return)
    assert w.doc.path == path.resolve() and not w.showing_start


def test_the_sample_says_it_is_one(new_window) -> None:
    w = new_window(sample=False)
    w.show_start()
    assert not w.sample_banner.isVisible()
    w.start_page.sample_button.click()
    assert not w.showing_start
    assert w.sample_banner.isVisible() and "示例报告" in w.sample_banner.text()
    w.files.new_blank()
    assert not w.sample_banner.isVisible()


def test_a_published_report_is_imported_from_the_start_page(new_window, monkeypatch, qtbot) -> None:
    """导入已发布的年报… on the start page opens the import dialog on the chosen document."""
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog

    import gui.import_dialog

    src = Path(__file__).resolve().parents[1] / "importing" / "fixtures" / "h-dept.html"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(src), ""))
    opened = []
    monkeypatch.setattr(gui.import_dialog.ImportDialog, "open", lambda dialog: opened.append(dialog))  # noqa: PLW0108  (a method: self is the dialog)
    w = new_window(sample=False)
    w.show_start()
    button = w.start_page.import_published_button
    assert button is not None and button.isVisible() and button.text() == "导入已发布的年报…"
    button.click()
    assert len(opened) == 1
    opened[0].accepted.emit()
    assert not w.showing_start and w.doc.report.meta.agency
    w.extra_dirty = False
