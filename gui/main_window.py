"""The main window: step list, pages, findings dock, menus. Files and autosave: ``gui.file_controller``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QBrush,
    QCloseEvent,
    QColor,
    QFontMetrics,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.model import Report
from core.steps import CHECK_STEP, STEPS, neighbour, step_of_section, step_of_target, step_states
from gui import style
from gui.document import Document
from gui.file_controller import APP_NAME, FileController
from gui.files import Autosave, RecentFiles
from gui.undo_keys import redo_keys, undo_keys

if TYPE_CHECKING:
    from gui.document_view import DocumentView

_STATE_FG = {"error": style.ERROR_FG, "warning": style.WARNING_FG, "done": style.DONE_FG}

STYLESHEET = f"""
QLabel#pageTitle {{ font-size: 16pt; font-weight: bold; padding: 2px 0 4px 0; }}
QLabel#blockTitle {{ font-weight: bold; }}
QLabel#hint {{ color: #555b63; }}
QLabel#problem {{ color: {style.WARNING_FG}; }}
QLabel#reportTitle {{ font-size: 12pt; padding-top: 8px; }}
QLabel#verdict[state="ok"] {{ color: {style.DONE_FG}; font-size: 12pt; font-weight: bold; }}
QLabel#verdict[state="blocked"] {{ color: {style.ERROR_FG}; font-size: 12pt; font-weight: bold; }}
QLineEdit[finding="yes"] {{ background: {style.WARNING_BG}; }}
QListWidget#steps::item {{ padding: 6px 4px; }}
QLabel#sampleBanner {{ background: {style.WARNING_BG}; border: 1px solid {style.WARNING_FG};
                       padding: 4px 8px; }}
"""


DOCUMENT_VIEW_KEY = "view/document"  # QSettings: the 文档预览 pane was open

PREFERRED_SIZE = (1280, 720)
ROOMY_WIDTH = 1800  # logical pixels; narrower work areas open maximised
# Title bar and borders the window manager adds around the window (Windows at 150 % included).
_FRAME = (16, 48)


STEP_LABEL_MAX = 24  # characters of an undo step's name the 编辑 menu shows


def _exports() -> ModuleType:
    """gui.exports when a command needs it: it brings the rules and the exporters' imports."""
    from gui import exports

    return exports


def _step_label(verb: str, text: str) -> str:
    """「撤销 填写 表三 …」, cut short so a long step name does not widen the menu."""
    if not text:
        return verb
    if len(text) > STEP_LABEL_MAX:
        text = text[:STEP_LABEL_MAX - 1] + "…"
    return f"{verb} {text}"


def opens_maximised(available_width: int, available_height: int) -> bool:
    """Maximised unless the screen is roomy (1920×1080 at 100 %): at 1920×1080 and 125 % the work area
    is 1536×830, where a 1280×720 window left a frame of wasted desk and a cramped 表三."""
    return not fits_preferred(available_width, available_height) or available_width < ROOMY_WIDTH


def fits_preferred(available_width: int, available_height: int) -> bool:
    """Whether the preferred size, frame included, fits the screen's work area (taskbar excluded).

    At 1366×768 with a taskbar, or at 125 %/150 % scaling, it does not: the window opens maximised,
    or the 下一步 button and the status bar would sit below the screen's edge."""
    return (PREFERRED_SIZE[0] + _FRAME[0] <= available_width
            and PREFERRED_SIZE[1] + _FRAME[1] <= available_height)


class MainWindow(QMainWindow):
    def __init__(self, *, autosave_dir: Path | None = None, settings: QSettings | None = None,
                 start_page: bool = False) -> None:
        """``start_page``: open on the start page (``gui.app.run``). The first page, the step states and
        the blank report's check then wait until a report is opened: start-up builds what it shows."""
        super().__init__()
        self.doc = Document(self, deferred=start_page)
        self.files = FileController(self, self.doc, autosave_dir=autosave_dir, settings=settings)
        self.setStyleSheet(STYLESHEET)
        self._build_ui()
        self._build_actions()
        self.doc.changed.connect(self._update_states)
        self.doc.notice.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.doc.stepped.connect(self._show_step)
        self.files.title_changed.connect(self._update_title)
        self.files.loaded.connect(self._loaded)
        self.files.started.connect(lambda: self.go(0))
        self.resize(*PREFERRED_SIZE)
        if start_page:
            self._update_title()
            self.show_start()
        else:
            self.go(0)
            self._update_states()
            self._update_title()

    # ------------------------------------------------------------ layout

    def _build_ui(self) -> None:
        self.step_list = QListWidget()
        self.step_list.setObjectName("steps")
        self.step_list.setAccessibleName("步骤")
        self.step_list.setWordWrap(True)
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.step_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.step_list.setMinimumWidth(210)
        self.step_list.setMaximumWidth(280)
        for step in STEPS:
            item = QListWidgetItem(step.title)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, step.title)
            self.step_list.addItem(item)
        self.step_list.currentRowChanged.connect(self._step_selected)
        # Enter (or a double click) on a step goes into the page: keyboard entry continues there.
        self.step_list.itemActivated.connect(lambda item: self.go(self.step_list.row(item)))
        # Wrapped titles are measured at the list's width; when the scroll bar appears (125 %/150 %
        # scaling, findings panel open) the width shrinks and a title needs one more line, or the
        # state under it (“完成”, “2 个错误”) is cut off: measure again.
        self.step_list.verticalScrollBar().rangeChanged.connect(lambda *_: QTimer.singleShot(0, self._fit_steps))
        self.step_list.viewport().installEventFilter(self)

        self.stack = QStackedWidget()
        self.pages: list[QWidget | None] = [None] * len(STEPS)
        for _ in STEPS:
            self.stack.addWidget(QWidget())  # placeholders: pages are built when first shown

        self.back_button = QPushButton("‹ 上一步")
        self.back_button.setToolTip("上一步（Alt+←）")
        self.next_button = QPushButton("下一步 ›")
        self.next_button.setToolTip("下一步（Alt+→）")
        for button in (self.back_button, self.next_button):
            button.setAutoDefault(True)  # Enter presses it when it has the focus, as Space does
        self.back_button.clicked.connect(lambda: self.go(neighbour(self.current, -1)))
        self.next_button.clicked.connect(lambda: self.go(neighbour(self.current, 1)))
        self.position_label = QLabel()
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.position_label)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        self.sample_banner = QLabel("这是示例报告，仅供参考，不是本单位的报告。"
                                    "要填写本单位的报告，请选“文件 › 新建空白报告”或“从上年报告新建”。")
        self.sample_banner.setObjectName("sampleBanner")
        self.sample_banner.setWordWrap(True)
        self.sample_banner.hide()
        wizard = QWidget()
        rl = QVBoxLayout(wizard)
        rl.setContentsMargins(4, 0, 4, 4)
        rl.addWidget(self.sample_banner)
        rl.addWidget(self.stack, 1)
        rl.addLayout(nav)

        from gui.start_page import StartPage

        self.start_page = StartPage(self.files, import_published=self.import_published)
        self.right = QStackedWidget()
        self.right.addWidget(wizard)
        self.right.addWidget(self.start_page)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.step_list)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([230, 1050])
        self.setCentralWidget(splitter)

        from gui.findings_panel import FindingsList

        self.findings_list = FindingsList(self.doc)
        self.findings_list.jump.connect(self.jump_to)
        self.dock = QDockWidget("检查结果", self)
        self.dock.setObjectName("findingsDock")
        self.no_findings = QLabel("没有发现问题。")
        self.no_findings.setObjectName("hint")
        self.no_findings.setContentsMargins(6, 2, 6, 2)
        self.no_findings.hide()
        dock_body = QWidget()
        dock_layout = QVBoxLayout(dock_body)
        dock_layout.setContentsMargins(0, 0, 0, 0)
        dock_layout.addWidget(self.findings_list)
        dock_layout.addWidget(self.no_findings)
        self.dock.setWidget(dock_body)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                              | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.counts_label = QLabel()
        self.statusBar().addPermanentWidget(self.counts_label)
        self._build_document_dock()

    def _build_document_dock(self) -> None:
        """文档预览: the page as it will print, beside the editor; shown or not as the clerk last left it.

        The pane itself (QtPdf, the render worker) is built the first time the dock shows: most starts
        never open it, and those that do open it after the first paint."""
        self._document_view: DocumentView | None = None
        self.document_dock = QDockWidget("文档预览", self)
        self.document_dock.setObjectName("documentDock")
        self.document_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                                       | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.document_dock)
        self.document_dock.visibilityChanged.connect(self._document_dock_visible)
        shown = self.settings.value(DOCUMENT_VIEW_KEY, False, type=bool)
        self.document_dock.setVisible(bool(shown))
        # chosen in the 视图 menu (or closed by its button, stored at exit): open again next time
        self.document_dock.toggleViewAction().triggered.connect(
            lambda on: self.settings.setValue(DOCUMENT_VIEW_KEY, on))

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object],
                keys: QKeySequence.StandardKey | str | list[str] | None = None) -> QAction:
        action = QAction(text, self)
        if isinstance(keys, list):
            action.setShortcuts([QKeySequence(k) for k in keys])
        elif keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        K = QKeySequence.StandardKey
        file_menu = bar.addMenu("文件(&F)")
        self._action(file_menu, "新建空白报告", self.files.new_blank, K.New)
        self._action(file_menu, "从上年报告新建…", self.files.new_from_previous)
        self._action(file_menu, "打开…", self.files.open_dialog, K.Open)
        self.recent_menu = file_menu.addMenu("最近文件")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(file_menu, "示例报告", self.files.open_sample)
        self._action(file_menu, "导入工作簿…", self.files.import_workbook)
        self._action(file_menu, "导入已发布的年报…", self.import_published)
        self._action(file_menu, "导入修改稿…", self.import_review)
        file_menu.addSeparator()
        self._action(file_menu, "保存", self.files.save, K.Save)
        self._action(file_menu, "另存为…", self.files.save_as, K.SaveAs)
        file_menu.addSeparator()
        self._action(file_menu, "导出 PDF…", lambda: _exports().export_pdf(self, self.doc, draft=self._draft()))
        self.print_action = self._action(file_menu, "打印预览…", self.print_preview, K.Print)
        # From any page, the table's cell editor included: the window's shortcut, not a widget's.
        self.print_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._action(file_menu, "导出 XLSX…", lambda: _exports().export_xlsx(self, self.doc, draft=self._draft()))
        file_menu.addSeparator()
        self._action(file_menu, "退出", self.close, K.Quit)

        edit_menu = bar.addMenu("编辑(&E)")
        stack = self.doc.undo_stack
        self.undo_action = self._action(edit_menu, "撤销", self.doc.undo)
        self.undo_action.setShortcuts(undo_keys())
        self.redo_action = self._action(edit_menu, "重做", self.doc.redo)
        self.redo_action.setShortcuts(redo_keys())
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(lambda text: self.undo_action.setText(_step_label("撤销", text)))
        stack.redoTextChanged.connect(lambda text: self.redo_action.setText(_step_label("重做", text)))
        edit_menu.addSeparator()
        self._action(edit_menu, "用计算值替换合计", self.adopt_totals)
        from gui.undo_keys import FILL_ZERO_KEYS

        self.fill_zero_action = self._action(edit_menu, "其余空格填 0（本表）", self.fill_blank_zero, FILL_ZERO_KEYS)

        go_menu = bar.addMenu("转到(&G)")
        self._action(go_menu, "上一步", lambda: self.go(neighbour(self.current, -1)), ["Alt+Left", "Ctrl+PgUp"])
        self._action(go_menu, "下一步", lambda: self.go(neighbour(self.current, 1)), ["Alt+Right", "Ctrl+PgDown"])
        go_menu.addSeparator()
        for i, step in enumerate(STEPS):
            self._action(go_menu, step.title, functools.partial(self.go, i), f"Ctrl+{i + 1}")
        go_menu.addSeparator()
        self._action(go_menu, "步骤列表", self.step_list.setFocus, "Ctrl+L")
        view_menu = bar.addMenu("视图(&V)")
        view_menu.addAction(self.dock.toggleViewAction())
        document_action = self.document_dock.toggleViewAction()
        document_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        view_menu.addAction(document_action)
        help_menu = bar.addMenu("帮助(&H)")
        self._action(help_menu, "关于", self.about)

    @property
    def document_view(self) -> DocumentView:
        if self._document_view is None:
            from gui.document_view import DocumentView

            view = self._document_view = DocumentView(self.doc)
            section = STEPS[self.current].section if 0 <= self.current < len(STEPS) else None
            view.follow(section or 0)
            self.document_dock.setWidget(view)
        return self._document_view

    def _document_dock_visible(self, visible: bool) -> None:
        if visible:
            _ = self.document_view
        self._size_document_dock(visible)

    def _size_document_dock(self, visible: bool) -> None:
        """A third of the window the first time it opens: a page narrower than ~360 px is unreadable."""
        if visible and self.isVisible() and not getattr(self, "_document_sized", False):
            self._document_sized = True
            self.resizeDocks([self.document_dock], [max(360, self.width() // 3)], Qt.Orientation.Horizontal)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        items = self.files.recent.list()
        if not items:
            self.recent_menu.addAction("（无）").setEnabled(False)
        for i, name in enumerate(items):
            action = self.recent_menu.addAction(f"&{i + 1} {name}")
            action.triggered.connect(lambda _c=False, n=name: self.files.open_recent(n))

    def show_fitted(self) -> None:
        """Show at the preferred size, or maximised where that would not fit the screen."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        if opens_maximised(area.width(), area.height()):
            self.showMaximized()
        else:
            self.show()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not getattr(self, "_dock_sized", False):
            # At 1366×768 every line the findings panel takes is a line less of 表三.
            self._dock_sized = True
            self.resizeDocks([self.dock], [max(90, self.height() // 7)], Qt.Orientation.Vertical)
            self._size_document_dock(self.document_dock.isVisible())

    # ------------------------------------------------------------ pages

    @property
    def current(self) -> int:
        return self.stack.currentIndex()

    def page(self, i: int) -> QWidget:
        page = self.pages[i]
        if page is None:
            page = self._make_page(i)
            old = self.stack.widget(i)
            assert old is not None  # every step has a placeholder until its page is built
            self.stack.insertWidget(i, page)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.pages[i] = page
        return page

    def _make_page(self, i: int) -> QWidget:
        step = STEPS[i]
        if step.kind == "meta":
            from gui.meta_page import MetaPage

            return MetaPage(step.title, self.doc)
        if step.kind == "table":
            from core.format2021 import GRIDS
            from gui.table_page import TablePage

            page = TablePage(step.title, GRIDS[step.table or ""], self.doc)
            page.view.past_end.connect(self._table_done)
            key = f"table/{page.table_key}/compact"  # 整表, remembered per table
            page.set_compact(bool(self.settings.value(key, False, type=bool)))
            page.compact_changed.connect(lambda on, key=key: self.settings.setValue(key, on))
            return page
        if step.kind == "narrative":
            from gui.narrative_page import NarrativePage

            return NarrativePage(step.title, step.narrative_keys, self.doc)
        from gui.check_page import CheckPage

        return CheckPage(step.title, self.doc)

    def go(self, i: int, *, focus: bool = True) -> None:
        changed = i != self.current
        if changed:
            self.statusBar().clearMessage()  # said about the page being left
        if changed and i == CHECK_STEP:
            # 检查与导出 lists the findings itself: the panel would show them twice.
            self._dock_was_visible = self.dock.isVisible()
            self.dock.hide()
        elif changed and self.current == CHECK_STEP and getattr(self, "_dock_was_visible", True):
            self.dock.show()
        page = self.page(i)
        self.stack.setCurrentIndex(i)
        if self.step_list.currentRow() != i:
            self.step_list.blockSignals(True)
            self.step_list.setCurrentRow(i)
            self.step_list.blockSignals(False)
        self.back_button.setEnabled(i > 0)
        self.next_button.setEnabled(i < len(STEPS) - 1)
        self.position_label.setText(f"第 {i + 1} 步，共 {len(STEPS)} 步：{STEPS[i].title}")
        if STEPS[i].section is not None and self._document_view is not None:
            self._document_view.follow(STEPS[i].section or 0)
        self.doc.break_merge()
        if focus:
            first = getattr(page, "focus_first", None)
            if first is not None:
                first()
        if changed and self.is_modified():
            self.write_autosave()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and obj is self.step_list.viewport():
            self._fit_steps()
        return super().eventFilter(obj, event)

    def _fit_steps(self) -> None:
        """Give each step the height its wrapped title and state need at the list's present width."""
        width = self.step_list.viewport().width() - 16  # item padding and the style's text margins
        if width <= 40:
            return
        font = self.step_list.font()
        font.setBold(True)  # measure as the widest rendering: some styles embolden the current step
        fm = QFontMetrics(font)
        for i in range(self.step_list.count()):
            item = self.step_list.item(i)
            rect = fm.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, item.text())
            hint = QSize(width, rect.height() + 14)
            if item.sizeHint() != hint:
                item.setSizeHint(hint)

    def _show_step(self, target: str, message: str) -> None:
        """After undo/redo: the page and the place that changed come into view, and the status bar
        says what was undone — it may have been on a page the clerk was not looking at."""
        if target:
            self.jump_to(target, 0)
        self.statusBar().showMessage(message, 8000)

    def _table_done(self) -> None:
        """Enter past a table's last cell: on to 下一步 (Enter again turns the page). Staying put
        would let the next number typed replace the last cell's."""
        self.next_button.setFocus(Qt.FocusReason.TabFocusReason)
        self.statusBar().showMessage("本表已填到最后一格。按 Enter 转到下一步", 8000)

    def _step_selected(self, row: int) -> None:
        if row >= 0:
            self.go(row, focus=False)

    def jump_to(self, target: str, section: int) -> None:
        i = step_of_target(target) if target else step_of_section(section)
        self.go(i)
        page = self.page(i)
        if not target:
            return
        if hasattr(page, "focus_cell") and not target.startswith(("meta.", "narrative.")):
            page.focus_cell(target)
        elif hasattr(page, "focus_target"):
            page.focus_target(target)

    def _update_states(self) -> None:
        states = step_states(self.doc.findings)
        for i, (step, state) in enumerate(zip(STEPS, states, strict=True)):
            item = self.step_list.item(i)
            text = f"{step.title}\n    {state.summary}"
            if item.text() != text:
                item.setText(text)
                kind = "error" if state.errors else "warning" if state.warnings else "done"
                item.setForeground(QBrush(QColor(_STATE_FG[kind])) if kind != "done" else QBrush())
                item.setToolTip(f"{step.title}：{state.summary}")
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, state.summary)
        total = states[-1]
        self.counts_label.setText(f"错误 {total.errors} · 提示 {total.warnings}")
        self._fit_steps()
        self._collapse_findings(not self.doc.findings)

    def _collapse_findings(self, empty: bool) -> None:
        """An empty 检查结果 panel is one line, not ~100 px taken from 表三."""
        if empty == self.no_findings.isVisible():
            return
        self.findings_list.setVisible(not empty)
        self.no_findings.setVisible(empty)
        if empty:
            self.dock.widget().setMaximumHeight(self.no_findings.sizeHint().height() + 4)
        else:
            self.dock.widget().setMaximumHeight(16_777_215)
            if self.isVisible():
                self.resizeDocks([self.dock], [max(90, self.height() // 7)], Qt.Orientation.Vertical)

    def _draft(self) -> bool:
        from core.rules import ready_for_final

        return not ready_for_final(self.doc.findings, self.doc.report)

    def fill_blank_zero(self) -> None:
        from gui.table_page import TablePage

        page = self.pages[self.current]
        if not isinstance(page, TablePage):
            self.statusBar().showMessage("请先转到表二、表三或表四再填 0", 5000)
            return
        page.view.fill_blank_zero()

    def adopt_totals(self) -> None:
        if not self.doc.adopt_computed_totals():
            self.statusBar().showMessage("所有合计都已是计算值", 5000)

    # ------------------------------------------------------------ title, files

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.files.name()}[*] — {APP_NAME}")
        self.setWindowModified(self.files.is_modified())

    def _loaded(self) -> None:
        self.sample_banner.setVisible(bool(self.files.sample_title))
        if self.showing_start:
            self._leave_start()
        self._update_title()
        self._update_states()

    # ------------------------------------------------------------ start page

    @property
    def showing_start(self) -> bool:
        return self.right.currentWidget() is self.start_page

    def show_start(self) -> None:
        """The start page instead of the wizard: nothing is open yet."""
        self.start_page.refresh()
        self._dock_before_start = self.dock.isVisible() or not self.isVisible()
        self.right.setCurrentWidget(self.start_page)
        self.step_list.hide()
        self.dock.hide()
        self.counts_label.hide()  # counts of a report that is not open yet
        self._document_before_start = self.document_dock.isVisible() or (
            not self.isVisible() and self.settings.value(DOCUMENT_VIEW_KEY, False, type=bool))
        self.document_dock.hide()
        self.setWindowTitle(APP_NAME)
        self.setWindowModified(False)
        self.start_page.focus_first()

    def _leave_start(self) -> None:
        self.right.setCurrentIndex(0)
        if self.pages[self.current] is None:  # opened on the start page: the first page is built now
            self.go(self.current)
        self.step_list.show()
        self.counts_label.show()
        if getattr(self, "_dock_before_start", True) and self.current != CHECK_STEP:
            self.dock.show()
        if getattr(self, "_document_before_start", False):
            self.document_dock.show()

    def print_preview(self) -> None:
        """Ctrl+P: the print preview, in a window of its own; the clerk can go on editing meanwhile."""
        from gui import exports

        self.commit_pending()
        dialog = exports.preview_pdf(self, self.doc, draft=self._draft(), modal=False)
        if dialog is not None:
            self.preview_dialog = dialog

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.files.may_close():
            if not self.showing_start:
                self.settings.setValue(DOCUMENT_VIEW_KEY, self.document_dock.isVisible())
            if self._document_view is not None:
                self._document_view.shutdown()
            event.accept()
        else:
            event.ignore()

    # The file commands live in FileController; these names stay for menus, start-up and tests.
    def is_modified(self) -> bool:
        return self.files.is_modified()

    def set_report(self, report: Report, path: Path | None, *, sample_title: str = "",
                   dirty: bool = False) -> None:
        self.files.set_report(report, path, sample_title=sample_title, dirty=dirty)

    def maybe_save(self) -> bool:
        return self.files.maybe_save()

    def open_path(self, path: Path) -> bool:
        return self.files.open_path(path)

    def open_dialog(self) -> None:
        self.files.open_dialog()

    def open_sample(self, *, ask: bool = True) -> None:
        self.files.open_sample(ask=ask)

    def new_blank(self) -> None:
        self.files.new_blank()

    def new_from_previous(self) -> None:
        self.files.new_from_previous()

    def import_workbook(self) -> None:
        self.files.import_workbook()

    def import_published(self) -> None:
        from gui.import_dialog import import_published

        import_published(self)

    def import_review(self) -> None:
        from gui.review_dialog import import_review

        import_review(self)

    def save(self) -> bool:
        return self.files.save()

    def save_as(self) -> bool:
        return self.files.save_as()

    def write_autosave(self) -> None:
        self.files.write_autosave()

    def offer_restore(self) -> bool:
        return self.files.offer_restore()

    def commit_pending(self) -> None:
        self.files.commit_pending()

    @property
    def autosave(self) -> Autosave:
        return self.files.autosave

    @property
    def recent(self) -> RecentFiles:
        return self.files.recent

    @property
    def timer(self) -> QTimer:
        return self.files.timer

    @property
    def settings(self) -> QSettings:
        return self.files.settings

    @property
    def sample_title(self) -> str:
        return self.files.sample_title

    @property
    def extra_dirty(self) -> bool:
        return self.files.extra_dirty

    @extra_dirty.setter
    def extra_dirty(self, value: bool) -> None:
        self.files.extra_dirty = value

    def about(self) -> None:
        from gui.about import AboutDialog

        AboutDialog(self).exec()
