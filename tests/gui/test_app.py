"""Start-up: fonts, Qt's Chinese translation, opening a file given on the command line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QApplication

from core.format2021 import t3_id
from core.project_file import save
from core.sample import load_sample
from gui import app as gui_app


def shown_windows(monkeypatch) -> list:
    """``gui.app.run`` without its event loop: ``QApplication.exec`` records the main windows it would show."""
    windows: list = []

    def fake_exec() -> int:
        from gui.main_window import MainWindow

        windows.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    return windows


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
    windows = shown_windows(monkeypatch)
    assert gui_app.run([str(path)]) == 0
    w = windows[-1]
    qtbot.addWidget(w)
    assert w.doc.path == Path(path).resolve()
    assert w.windowTitle().startswith("given.gkbg.json")
    w.doc.undo_stack.setClean()


def test_run_without_arguments_shows_the_start_page(qapp, qtbot, monkeypatch) -> None:
    import datetime as dt

    from core.meta_values import default_year

    QStandardPaths.setTestModeEnabled(True)
    windows = shown_windows(monkeypatch)
    assert gui_app.run([]) == 0
    w = windows[-1]
    qtbot.addWidget(w)
    assert w.showing_start  # not the sample, which looked like a report of one's own
    assert w.start_page.new_button.text() == f"新建本单位 {default_year(dt.date.today())} 年报告"
    assert not w.step_list.isVisible()


def test_an_unexpected_error_is_logged_and_shown_once(qapp, monkeypatch, tmp_path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from gui import error_hook

    rescued: list[bool] = []
    hook = error_hook.ErrorHook(tmp_path / "logs", rescue=lambda: rescued.append(True))
    shown: list[str] = []

    def critical(_parent, title, text, *a, **k):
        shown.append(f"{title}|{text}")
        # A second failure while the box is open (a repaint failing on every frame): no second box.
        if len(shown) == 1:
            _raise_into(hook, KeyError("again"))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", critical)
    _raise_into(hook, ZeroDivisionError("boom"))
    assert len(shown) == 1 and shown[0].startswith("意外错误|")
    assert "已自动保存" in shown[0] and str(hook.log_path) in shown[0]
    log = hook.log_path.read_text(encoding="utf-8")
    assert "ZeroDivisionError: boom" in log and "KeyError: 'again'" in log and "Traceback" in log
    assert rescued == [True, True]
    _raise_into(hook, ValueError("later"))  # after the box closed, the next error is shown again
    assert len(shown) == 2


def test_error_message_without_log_or_rescue_claims_neither(tmp_path) -> None:
    from gui import error_hook

    hook = error_hook.ErrorHook(tmp_path)
    text = hook.message(logged=False, rescued=False)
    assert "已自动保存" not in text and "记录在" not in text and "保存报告" in text


def test_an_exception_in_a_slot_reaches_the_hook(qapp, qtbot, monkeypatch, tmp_path) -> None:
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from gui import error_hook

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a, **k: shown.append(text))
    with qtbot.capture_exceptions():  # pytest-qt's own hook steps aside while ours is installed
        monkeypatch.setattr(sys, "excepthook", sys.excepthook)
        hook = error_hook.install(tmp_path)

        def broken() -> None:
            raise RuntimeError("slot failed")

        QTimer.singleShot(0, broken)
        qtbot.waitUntil(lambda: bool(shown))
    assert "slot failed" in hook.log_path.read_text(encoding="utf-8")


def _raise_into(hook, exc: BaseException) -> None:
    try:
        raise exc
    except BaseException as caught:
        hook(type(caught), caught, caught.__traceback__)


def test_run_with_sample_flag_opens_the_sample(qapp, qtbot, monkeypatch) -> None:
    """scripts/run.sh starts ``main.py --sample``: the built-in sample, with its banner, not the start page."""
    QStandardPaths.setTestModeEnabled(True)
    windows = shown_windows(monkeypatch)
    assert gui_app.run([gui_app.SAMPLE_FLAG]) == 0
    w = windows[-1]
    qtbot.addWidget(w)
    assert not w.showing_start and w.files.sample_title
    assert w.doc.report.meta.agency
    assert w.sample_banner.isVisible()
    w.doc.undo_stack.setClean()
