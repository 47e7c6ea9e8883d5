"""File dialogs: Chinese labels and columns, dates as 2026-12-01 08:24, and the last folder used."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QTreeView

from gui import app as gui_app
from gui import file_dialogs


@pytest.fixture
def chinese_dialogs(qapp):
    gui_app.install_translations(qapp)
    translator, polisher = file_dialogs.install(qapp)
    yield
    qapp.removeTranslator(translator)
    qapp.removeEventFilter(polisher)


def test_dialog_reads_chinese_with_readable_columns(chinese_dialogs, qtbot, tmp_path: Path) -> None:
    (tmp_path / "本单位2026.gkbg").write_text("{}", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    dialog = QFileDialog(None, "打开年报", str(tmp_path), "年报项目文件 (*.gkbg *.gkbg.json)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    labels = " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert "查找范围" in labels and "文件类型" in labels and "文件名" in labels
    assert "Look in" not in labels and "Files of" not in labels and "name" not in labels, labels
    buttons = {b.text() for b in dialog.findChildren(QPushButton)}
    assert any(b.startswith("取消") for b in buttons)
    view = dialog.findChild(QTreeView, "treeView")
    model = view.model()
    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) == 2)
    rows = {model.index(r, 0, view.rootIndex()).data(): r for r in range(2)}
    r = rows["本单位2026.gkbg"]
    kind = model.index(r, 2, view.rootIndex()).data()
    date = model.index(r, 3, view.rootIndex()).data()
    assert kind == "年报项目文件" and model.index(rows["sub"], 2, view.rootIndex()).data() == "文件夹"
    assert len(date) == 16 and date[4] == "-" and date[13] == ":", date
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["名称", "大小", "类型", "修改日期"] or all(h and not h.isascii() for h in headers), headers
    fm = view.fontMetrics()
    assert view.header().sectionSize(2) >= fm.horizontalAdvance(kind)
    assert view.header().sectionSize(3) >= fm.horizontalAdvance(date)


def test_last_folder_is_remembered(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert file_dialogs.last_folder(settings, "home") == "home"
    (tmp_path / "reports").mkdir()
    file_dialogs.remember_folder(str(tmp_path / "reports" / "a.gkbg"), settings)
    assert file_dialogs.last_folder(settings) == str(tmp_path / "reports")


def test_controller_opens_dialogs_where_the_clerk_last_was(window, monkeypatch, tmp_path) -> None:
    from core.project_file import save
    from core.sample import load_sample

    folder = tmp_path / "去年"
    folder.mkdir()
    path = folder / "2025.gkbg"
    save(load_sample(), path)
    starts: list[str] = []

    def pick(_parent, _title, start, *a, **k):
        starts.append(start)
        return (str(path), "") if len(starts) == 1 else ("", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    window.files.new_blank()
    window.files.import_workbook()  # cancelled: only its start folder matters
    window.files.new_from_previous()
    assert starts[-1] == str(folder)


def test_static_dialogs_are_polished_while_they_run(chinese_dialogs, qtbot, tmp_path: Path) -> None:
    """get…FileName builds its dialog inside Qt: the polisher watches while the call runs (the autouse
    fixture answers getOpenFileName itself, so getExistingDirectory stands for the static functions)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen: list[tuple[bool, bool]] = []

    def answer() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, QFileDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(10, answer)
            return
        seen.append((dialog.proxyModel() is not None, dialog.viewMode() == QFileDialog.ViewMode.Detail))
        dialog.reject()

    QTimer.singleShot(0, answer)
    path = QFileDialog.getExistingDirectory(None, "选择文件夹", str(tmp_path),
                                            QFileDialog.Option.DontUseNativeDialog)
    assert path == "" and seen == [(True, True)]
