"""Start-up: fonts, Qt's Chinese translation, opening a file given on the command line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QApplication

from core.format2021 import t3_id
from core.project_file import save
from core.sample import load_sample
from gui import app as gui_app


def test_font_candidates_prefer_the_bundled_sans(tmp_path) -> None:
    assert gui_app.font_candidates(tmp_path / "absent") == []
    for name in ("NotoSerifSC-GB2312.ttf", "LXGWWenKai-GB2312.ttf", "NotoSansSC-GB2312.ttf", "README.md"):
        (tmp_path / name).write_bytes(b"")
    assert next(p.name for p in gui_app.font_candidates(tmp_path)) == "NotoSansSC-GB2312.ttf"
    (tmp_path / gui_app.PREFERRED_FONT).write_bytes(b"")
    names = [p.name for p in gui_app.font_candidates(tmp_path)]
    assert names[0] == gui_app.PREFERRED_FONT and "README.md" not in names


def test_bundled_font_file_loads(qapp) -> None:
    from PySide6.QtGui import QFontDatabase

    from core.resources import resources_dir

    path = gui_app.font_candidates(resources_dir() / "fonts")[0]
    font_id = QFontDatabase.addApplicationFont(str(path))
    assert font_id >= 0
    assert QFontDatabase.applicationFontFamilies(font_id)


def test_qt_chinese_translation(qapp) -> None:
    gui_app.install_translations(qapp)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_run_opens_the_file_given(qapp, qtbot, monkeypatch, tmp_path) -> None:
    QStandardPaths.setTestModeEnabled(True)
    report = load_sample()
    report.cells[t3_id("new", "natural")] = 0
    path = tmp_path / "given.gkbg.json"
    save(report, path)
    windows = []

    def fake_exec() -> int:
        from gui.main_window import MainWindow

        windows.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert gui_app.run([str(path)]) == 0
    w = windows[-1]
    qtbot.addWidget(w)
    assert w.doc.path == Path(path).resolve()
    assert w.windowTitle().startswith("given.gkbg.json")
    w.doc.undo_stack.setClean()


def test_run_without_arguments_opens_the_sample(qapp, qtbot, monkeypatch) -> None:
    QStandardPaths.setTestModeEnabled(True)
    windows = []

    def fake_exec() -> int:
        from gui.main_window import MainWindow

        windows.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert gui_app.run([]) == 0
    w = windows[-1]
    qtbot.addWidget(w)
    assert w.doc.report.meta.agency == "周口市工业和信息化局"
    assert w.windowTitle().startswith("示例报告")
