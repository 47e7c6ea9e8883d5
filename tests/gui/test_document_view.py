"""The live document view: renders in a worker process, follows the page, survives a dead worker."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from core.format2021 import SECTIONS, t3_id
from core.steps import STEP_INDEX
from gui.document_view import DocumentView, RenderClient

from .conftest import make_window, settle

WAIT = 20_000  # the first render starts a Python process and loads the fonts


def open_view(w, qtbot) -> DocumentView:
    view = w.document_view
    with qtbot.waitSignal(view.updated, timeout=WAIT):
        w.document_dock.show()
    return view


def test_view_menu_toggles_the_pane_and_remembers(qtbot, tmp_path) -> None:
    w = make_window(qtbot, tmp_path)
    assert not w.document_dock.isVisible()  # off until the clerk opens it
    actions = [a for m in w.menuBar().actions() if m.text().startswith("视图")
               for a in m.menu().actions()]
    toggle = next(a for a in actions if a.text() == "文档预览")
    toggle.trigger()
    assert w.document_dock.isVisible()
    qtbot.waitUntil(lambda: w.document_view.pdf.pageCount() > 0, timeout=WAIT)
    settle(w)
    w.close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert settings.value("view/document", type=bool) is True
    w2 = make_window(qtbot, tmp_path)
    assert w2.document_dock.isVisible()
    qtbot.waitUntil(lambda: w2.document_view.pdf.pageCount() > 0, timeout=WAIT)
    settle(w2)


def test_an_edit_updates_the_view_after_a_pause(window, qtbot) -> None:
    view = open_view(window, qtbot)
    first = view.generation
    text = view.pdf.getAllText(view.pages_of[1]).text()
    assert "总体情况" in text
    window.go(STEP_INDEX["s6"])
    editor = QApplication.focusWidget()
    marker = "预览随编辑更新"
    with qtbot.waitSignal(view.generation_changed, timeout=WAIT) as blocker:
        for ch in marker:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    assert blocker.args[0] > first
    # one render for the whole word: typing is debounced, not rendered per keystroke
    assert blocker.args[0] == first + 1
    qtbot.waitUntil(lambda: view.pdf.status() == QPdfDocument.Status.Ready, timeout=WAIT)
    everything = "".join(view.pdf.getAllText(p).text() for p in range(view.pdf.pageCount()))
    assert marker in everything.replace("\n", "").replace(" ", "")


def test_view_follows_the_page_being_edited(window, qtbot) -> None:
    view = open_view(window, qtbot)
    pages = view.pages_of
    assert set(pages) == {s.number for s in SECTIONS}
    assert pages[6] > pages[1]
    bar = view.view.verticalScrollBar()
    window.go(STEP_INDEX["s6"])
    # at the top of the view, or as far as the view scrolls when it is the last page
    qtbot.waitUntil(lambda: view.current_page() == pages[6]
                    or (bar.value() == bar.maximum() and pages[6] == view.pdf.pageCount() - 1))
    window.go(STEP_INDEX["meta"])
    qtbot.waitUntil(lambda: view.current_page() == 0 and bar.value() < bar.maximum() // 10)
    window.go(STEP_INDEX["s3"])
    qtbot.waitUntil(lambda: view.current_page() == pages[3])
    heading = SECTIONS[2].heading
    assert heading in view.pdf.getAllText(view.current_page()).text().replace("\n", "")


def test_a_table_edit_is_printed(window, qtbot) -> None:
    view = open_view(window, qtbot)
    with qtbot.waitSignal(view.updated, timeout=WAIT):
        window.doc.set_cells({t3_id("new", "natural"): 98765}, "test")
    text = view.pdf.getAllText(view.pages_of[3]).text() + view.pdf.getAllText(view.pages_of[3] + 1).text()
    assert "98765" in text


def test_a_newer_request_supersedes_the_one_in_flight(qtbot) -> None:
    from core.project_file import dumps
    from core.sample import load_sample

    client = RenderClient()
    rendered: list[int] = []
    superseded: list[int] = []
    client.rendered.connect(lambda i, _d, _p: rendered.append(i))
    client.superseded.connect(superseded.append)
    project = dumps(load_sample()).encode("utf-8")
    try:
        ids = [client.request(project, draft=True) for _ in range(3)]
        qtbot.waitUntil(lambda: bool(rendered), timeout=WAIT)
        qtbot.waitUntil(lambda: not client.busy, timeout=WAIT)
    finally:
        client.stop()
    assert rendered == [ids[-1]]  # only the newest is shown
    assert ids[1] not in rendered  # replaced while waiting: never even rendered
    assert set(superseded) <= {ids[0]}


def test_a_dead_worker_is_a_message_and_the_next_edit_recovers(window, qtbot) -> None:
    view = open_view(window, qtbot)
    process = view.client.process
    assert process is not None
    with qtbot.waitSignal(view.generation_changed, timeout=WAIT) as blocker:
        view.render_now()
        process.kill()  # dies mid-render, as a crash would
    assert blocker.args[0] < 0
    assert "文档预览程序" in view.status.text() and "重新生成" in view.status.text()
    with qtbot.waitSignal(view.updated, timeout=WAIT):
        window.doc.set_cells({t3_id("new", "natural"): 4321}, "test")
    assert view.client.process is not None and view.client.process is not process
    assert "共" in view.status.text()


def test_a_worker_that_cannot_start_is_a_chinese_message(qtbot, tmp_path) -> None:
    from gui.document import Document

    doc = Document()
    client = RenderClient(command=(str(tmp_path / "no-such-program"), []))
    view = DocumentView(doc, client=client)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.generation_changed, timeout=WAIT) as blocker:
        view.render_now()
    assert blocker.args[0] < 0
    assert "无法启动文档预览程序" in view.status.text()
    view.shutdown()


def test_a_report_the_worker_rejects_is_its_message(qtbot) -> None:
    client = RenderClient()
    failures: list[str] = []
    client.failed.connect(lambda _i, m: failures.append(m))
    try:
        client.request(b"{not json", draft=True)
        qtbot.waitUntil(lambda: bool(failures), timeout=WAIT)
        assert client.process is not None  # an unusable report does not end the worker
    finally:
        client.stop()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in failures[0])


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX exit codes")
def test_a_worker_exiting_is_reported(qtbot) -> None:
    client = RenderClient(command=(sys.executable, ["-c", "import sys; sys.exit(3)"]))
    failures: list[str] = []
    client.failed.connect(lambda _i, m: failures.append(m))
    try:
        client.request(b"{}", draft=True)
        qtbot.waitUntil(lambda: bool(failures), timeout=WAIT)
    finally:
        client.stop()
    assert "文档预览程序已退出" in failures[0]


def test_opened_on_a_later_page_it_shows_that_page_first(qtbot, tmp_path) -> None:
    w = make_window(qtbot, tmp_path)
    w.go(STEP_INDEX["s3"])
    view = open_view(w, qtbot)
    qtbot.waitUntil(lambda: view.current_page() == view.pages_of[3] > 0)
    # a re-render keeps the page in view
    with qtbot.waitSignal(view.updated, timeout=WAIT):
        w.doc.set_cells({t3_id("new", "natural"): 55}, "test")
    qtbot.wait(50)
    assert view.current_page() == view.pages_of[3]
    settle(w)


def test_a_worker_that_never_answers_is_stopped(qtbot) -> None:
    client = RenderClient(command=(sys.executable, ["-c", "import time; time.sleep(60)"]))
    client.watchdog.setInterval(300)
    failures: list[str] = []
    client.failed.connect(lambda _i, m: failures.append(m))
    try:
        client.request(b"{}", draft=True)
        qtbot.waitUntil(lambda: bool(failures), timeout=WAIT)
    finally:
        client.stop()
    assert "超时" in failures[0] and client.process is None


def test_a_render_overtaken_by_typing_is_not_shown(window, qtbot) -> None:
    view = open_view(window, qtbot)
    shown = view.generation
    from core.project_file import dumps

    old = view.client.request(dumps(window.doc.report).encode("utf-8"), draft=True)  # in flight …
    window.doc.set_cells({t3_id("new", "natural"): 31}, "test")  # … and the clerk types on
    assert view.timer.isActive()
    qtbot.waitUntil(lambda: view.client.in_flight is None and view.generation != shown, timeout=WAIT)
    # the render asked for before the edit never reached the screen; the one after the pause did
    assert view.generation > old
    text = "".join(view.pdf.getAllText(p).text() for p in range(view.pdf.pageCount()))
    assert "31" in text


def test_the_start_page_renders_nothing_and_the_pane_returns_after_it(qtbot, tmp_path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("view/document", True)
    settings.sync()
    w = make_window(qtbot, tmp_path, sample=False)
    w.show_start()
    view = w.document_view
    assert not w.document_dock.isVisible()
    view.render_now()  # as the debounce timer started by the first show would
    assert view.client.process is None  # no worker for a pane nobody sees
    with qtbot.waitSignal(view.updated, timeout=WAIT):
        w.open_sample(ask=False)
    assert w.document_dock.isVisible()
    settle(w)
