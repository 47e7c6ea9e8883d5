"""从上年报告新建: the open report is offered, the message says what was carried over and nothing
more, and last year's 现行有效件数 stand beside 表二's inputs."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from core.format2021 import t2_id
from core.project_file import save
from core.sample import load_sample
from core.steps import STEP_INDEX


def _last_year(tmp_path):
    report = load_sample()
    report.cells[t2_id("regulations", "in_force")] = 7
    report.cells[t2_id("normative", "in_force")] = 31
    path = tmp_path / "2024.gkbg"
    save(report, path)
    return report, path


def test_the_open_report_is_offered(window, dialogs, monkeypatch, tmp_path) -> None:
    report, path = _last_year(tmp_path)
    assert window.open_path(path)
    asked: list[str] = []
    monkeypatch.setattr("gui.file_controller.choose", lambda _p, _t, text, _o, **_k: asked.append(text) or "this")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (_ for _ in ()).throw(AssertionError("no file dialog needed")))
    window.new_from_previous()
    assert asked and "2024.gkbg" in asked[0] and "2025 年" in asked[0]
    new = window.doc.report
    assert new.meta.year == report.meta.year + 1
    assert new.meta.previous_report  # last year's file is named, for the X rules
    assert window.doc.previous is not None
    message = window.statusBar().currentMessage()
    assert "已根据上年报告新建 2025 年报告" in message and "正文需重新撰写" in message
    assert "现行有效件数已带入" not in message  # it is not: 表二 stays the clerk's to fill
    assert "表二旁供核对" in message


def test_choosing_another_file_asks_for_one(window, monkeypatch, tmp_path) -> None:
    _, path = _last_year(tmp_path)
    window.open_path(path)
    other = tmp_path / "other.gkbg"
    save(load_sample(), other)
    monkeypatch.setattr("gui.file_controller.choose", lambda *a, **k: "other")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    window.new_from_previous()
    assert "other.gkbg" in window.doc.report.meta.previous_report


def test_cancel_keeps_the_open_report(window, tmp_path) -> None:
    _, path = _last_year(tmp_path)
    window.open_path(path)
    window.new_from_previous()  # conftest's choose answers 取消
    assert window.doc.path == path.resolve()


def test_last_years_figures_stand_beside_table2(window, monkeypatch, tmp_path) -> None:
    _, path = _last_year(tmp_path)
    window.open_path(path)
    monkeypatch.setattr("gui.file_controller.choose", lambda *a, **k: "this")
    window.new_from_previous()
    window.go(STEP_INDEX["s2"])
    page = window.page(STEP_INDEX["s2"])
    label = page.previous_label
    assert label.isVisible()
    assert "规章：上年现行有效件数 7" in label.text() and "行政规范性文件：上年现行有效件数 31" in label.text()
    window.doc.set_cells({t2_id("regulations", "issued"): 2, t2_id("regulations", "repealed"): 1}, "test")
    assert "= 8" in label.text()
    window.go(STEP_INDEX["s3"])
    assert not window.page(STEP_INDEX["s3"]).previous_label.isVisible()
