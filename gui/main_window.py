"""The main window: step list, pages, findings dock, files, autosave."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRect, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QBrush, QCloseEvent, QColor, QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.model import Report
from gui import style
from gui.document import Document, display_name
from gui.files import Autosave, RecentFiles
from gui.steps import CHECK_STEP, STEPS, neighbour, step_of_section, step_of_target, step_states
from gui.write_errors import failure_reason, write_failure_text

APP_NAME = "政府信息公开年报助手"
AUTOSAVE_MS = 30_000
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
"""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


PREFERRED_SIZE = (1280, 720)
# Title bar and borders the window manager adds around the window (Windows at 150 % included).
_FRAME = (16, 48)


def fits_preferred(available_width: int, available_height: int) -> bool:
    """Whether the preferred size, frame included, fits the screen's work area (taskbar excluded).

    At 1366×768 with a taskbar, or at 125 %/150 % scaling, it does not: the window opens maximised,
    or the 下一步 button and the status bar would sit below the screen's edge."""
    return (PREFERRED_SIZE[0] + _FRAME[0] <= available_width
            and PREFERRED_SIZE[1] + _FRAME[1] <= available_height)


class MainWindow(QMainWindow):
    def __init__(self, *, autosave_dir: Path | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.doc = Document(self)
        self.autosave = Autosave(autosave_dir)
        self.settings = settings if settings is not None else QSettings()
        self.recent = RecentFiles(self.settings)
        self.sample_title = ""
        self.extra_dirty = False  # restored or imported content not yet saved
        self.mtime: float | None = None
        self.setStyleSheet(STYLESHEET)
        self._build_ui()
        self._build_actions()
        self.doc.changed.connect(self._update_states)
        self.doc.notice.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.doc.undo_stack.cleanChanged.connect(self._update_title)
        self.doc.reset.connect(self._update_title)
        self.timer = QTimer(self)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.write_autosave)
        self.timer.start()
        self.resize(*PREFERRED_SIZE)
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
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(4, 0, 4, 4)
        rl.addWidget(self.stack, 1)
        rl.addLayout(nav)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.step_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([230, 1050])
        self.setCentralWidget(splitter)

        from gui.findings_panel import FindingsList

        self.findings_list = FindingsList(self.doc)
        self.findings_list.jump.connect(self.jump_to)
        self.dock = QDockWidget("检查结果", self)
        self.dock.setObjectName("findingsDock")
        self.dock.setWidget(self.findings_list)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                              | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.counts_label = QLabel()
        self.statusBar().addPermanentWidget(self.counts_label)

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
        self._action(file_menu, "新建空白报告", self.new_blank, K.New)
        self._action(file_menu, "从上年报告新建…", self.new_from_previous)
        self._action(file_menu, "打开…", self.open_dialog, K.Open)
        self.recent_menu = file_menu.addMenu("最近文件")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(file_menu, "示例报告", self.open_sample)
        self._action(file_menu, "导入工作簿…", self.import_workbook)
        self._action(file_menu, "导入已发布的年报…", self.import_published)
        file_menu.addSeparator()
        self._action(file_menu, "保存", self.save, K.Save)
        self._action(file_menu, "另存为…", self.save_as, K.SaveAs)
        file_menu.addSeparator()
        from gui import exports

        self._action(file_menu, "导出 PDF…", lambda: exports.export_pdf(self, self.doc, draft=self._draft()))
        self._action(file_menu, "预览 PDF…", lambda: exports.preview_pdf(self, self.doc, draft=self._draft()))
        self._action(file_menu, "导出 XLSX…", lambda: exports.export_xlsx(self, self.doc, draft=self._draft()))
        file_menu.addSeparator()
        self._action(file_menu, "退出", self.close, K.Quit)

        edit_menu = bar.addMenu("编辑(&E)")
        undo = self.doc.undo_stack.createUndoAction(self, "撤销")
        undo.setShortcuts(QKeySequence.keyBindings(K.Undo))
        redo = self.doc.undo_stack.createRedoAction(self, "重做")
        redo.setShortcuts(QKeySequence.keyBindings(K.Redo))
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        self._action(edit_menu, "用计算值替换合计", self.adopt_totals)

        go_menu = bar.addMenu("转到(&G)")
        self._action(go_menu, "上一步", lambda: self.go(neighbour(self.current, -1)), ["Alt+Left", "Ctrl+PgUp"])
        self._action(go_menu, "下一步", lambda: self.go(neighbour(self.current, 1)), ["Alt+Right", "Ctrl+PgDown"])
        go_menu.addSeparator()
        for i, step in enumerate(STEPS):
            self._action(go_menu, step.title, lambda i=i: self.go(i), f"Ctrl+{i + 1}")
        go_menu.addSeparator()
        self._action(go_menu, "步骤列表", self.step_list.setFocus, "Ctrl+L")
        view_menu = bar.addMenu("视图(&V)")
        view_menu.addAction(self.dock.toggleViewAction())
        help_menu = bar.addMenu("帮助(&H)")
        self._action(help_menu, "关于", self.about)

    def show_fitted(self) -> None:
        """Show at the preferred size, or maximised where that would not fit the screen."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        if fits_preferred(area.width(), area.height()):
            self.show()
        else:
            self.showMaximized()

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        if not getattr(self, "_dock_sized", False):
            # At 1366×768 every line the findings panel takes is a line less of 表三.
            self._dock_sized = True
            self.resizeDocks([self.dock], [max(90, self.height() // 7)], Qt.Orientation.Vertical)

    # ------------------------------------------------------------ pages

    @property
    def current(self) -> int:
        return self.stack.currentIndex()

    def page(self, i: int) -> QWidget:
        page = self.pages[i]
        if page is None:
            page = self._make_page(i)
            old = self.stack.widget(i)
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
            return page
        if step.kind == "narrative":
            from gui.narrative_page import NarrativePage

            return NarrativePage(step.title, step.narrative_keys, self.doc)
        from gui.check_page import CheckPage

        return CheckPage(step.title, self.doc)

    def go(self, i: int, *, focus: bool = True) -> None:
        changed = i != self.current
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

    def _draft(self) -> bool:
        from core.rules import ready_for_final

        return not ready_for_final(self.doc.findings, self.doc.report)

    def adopt_totals(self) -> None:
        if not self.doc.adopt_computed_totals():
            self.statusBar().showMessage("所有合计都已是计算值", 5000)

    # ------------------------------------------------------------ title, modified

    def is_modified(self) -> bool:
        return self.extra_dirty or not self.doc.undo_stack.isClean()

    def _update_title(self) -> None:
        name = self.sample_title or display_name(self.doc.path)
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
        self.setWindowModified(self.is_modified())

    # ------------------------------------------------------------ files

    def _error(self, title: str, exc: Exception) -> None:
        text = str(exc) if not isinstance(exc, OSError) else f"{exc.filename or ''} {exc.strerror or exc}"
        QMessageBox.critical(self, title, text.strip())

    def set_report(self, report: Report, path: Path | None, *, sample_title: str = "",
                   dirty: bool = False) -> None:
        self.sample_title = sample_title
        self.extra_dirty = dirty
        self.doc.load_report(report, path)
        self.doc.undo_stack.setClean()
        self.mtime = self._stat(path)
        if self.doc.previous_error:
            self.statusBar().showMessage(f"上年报告无法读取：{self.doc.previous_error}", 10000)
        self._update_title()
        self._update_states()

    @staticmethod
    def _stat(path: Path | None) -> float | None:
        if path is None:
            return None
        try:
            return path.stat().st_mtime
        except OSError:
            return None

    def maybe_save(self) -> bool:
        """True if the current report may be replaced (saved, discarded or unchanged)."""
        if not self.is_modified():
            return True
        answer = QMessageBox.question(
            self, APP_NAME, f"“{self.sample_title or display_name(self.doc.path)}”有未保存的修改，要保存吗？",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def open_path(self, path: Path) -> bool:
        from core.project_file import ProjectFileError, load

        try:
            report = load(path)
        except (ProjectFileError, OSError) as exc:
            self._error("无法打开", exc)
            if isinstance(exc, ProjectFileError) and not path.exists():
                self.recent.remove(str(path))
            return False
        self.set_report(report, path.resolve())
        self.recent.add(path.resolve())
        self.statusBar().showMessage(f"已打开 {path}", 5000)
        return True

    def open_dialog(self) -> None:
        from core.project_file import OPEN_FILTER

        if not self.maybe_save():
            return
        start = str(self.doc.path.parent) if self.doc.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "打开年报", start, f"{OPEN_FILTER};;所有文件 (*)")
        if path:
            self.open_path(Path(path))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        items = self.recent.list()
        if not items:
            self.recent_menu.addAction("（无）").setEnabled(False)
        for i, name in enumerate(items):
            action = self.recent_menu.addAction(f"&{i + 1} {name}")
            action.triggered.connect(lambda _c=False, n=name: self.maybe_save() and self.open_path(Path(n)))

    def open_sample(self, *, ask: bool = True) -> None:
        from core.project_file import ProjectFileError
        from core.sample import load_sample

        if ask and not self.maybe_save():
            return
        try:
            report = load_sample()
        except (ProjectFileError, OSError) as exc:
            self._error("无法打开示例报告", exc)
            report = Report.blank()
            self.set_report(report, None)
            return
        self.set_report(report, None, sample_title=f"示例报告：{report.meta.title}")

    def new_blank(self) -> None:
        if not self.maybe_save():
            return
        report = Report.blank()
        report.meta.year = dt.date.today().year - 1
        self.set_report(report, None)
        self.go(0)

    def new_from_previous(self) -> None:
        from core.carryover import new_from_previous
        from core.project_file import OPEN_FILTER, ProjectFileError, load

        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, "选择上年的年报项目文件", "", OPEN_FILTER)
        if not path:
            return
        try:
            previous = load(path)
        except (ProjectFileError, OSError) as exc:
            self._error("无法打开上年报告", exc)
            return
        self.set_report(new_from_previous(previous, path, None), None, dirty=True)
        self.statusBar().showMessage("已根据上年报告新建：上年结转和现行有效件数已带入，正文需重新撰写", 10000)
        self.go(0)

    def import_workbook(self) -> None:
        if not self.maybe_save():
            return
        try:
            from core.xlsx import XlsxImportError, import_xlsx
        except ImportError as exc:
            QMessageBox.warning(self, "无法导入", f"导入工作簿功能不可用（{exc}）")
            return
        path, _ = QFileDialog.getOpenFileName(self, "导入工作簿", "", "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        try:
            report = import_xlsx(Path(path))
        except (XlsxImportError, OSError) as exc:
            self._error("无法导入工作簿", exc)
            return
        self.set_report(report, None, dirty=True)
        self.statusBar().showMessage(f"已导入 {path}，请检查后另存为年报项目文件", 10000)

    def import_published(self) -> None:
        from gui.import_dialog import import_published

        import_published(self)

    def save(self) -> bool:
        self.commit_pending()
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        from core.project_file import SUFFIX, with_suffix

        meta = self.doc.report.meta
        name = (self.doc.path.name if self.doc.path else
                f"{meta.agency or '年报'}{meta.year or ''}{SUFFIX}")
        start = str((self.doc.path.parent if self.doc.path else Path.home()) / name)
        path, _ = QFileDialog.getSaveFileName(self, "另存为", start, f"年报项目文件 (*{SUFFIX})")
        if not path:
            return False
        target = with_suffix(Path(path))
        previous = self.doc.previous_path
        if previous is not None and _same_file(target, previous):
            # The file dialog's “replace?” is easily answered yes; this one would lose last year's report.
            QMessageBox.warning(self, "不能覆盖上年报告",
                                f"“{target.name}”是本报告引用的上年报告文件，用本年报告覆盖它会丢失上年报告。"
                                "\n\n请另取一个文件名保存。")
            return False
        self.mtime = self._stat(target)  # the dialog already asked about overwriting
        return self._save_to(target)

    def _save_to(self, path: Path) -> bool:
        from core.project_file import save

        on_disk = self._stat(path)
        if on_disk is not None and self.mtime is not None and on_disk != self.mtime and path == self.doc.path:
            answer = QMessageBox.warning(
                self, "文件已被修改", f"“{path.name}”在打开后被其他程序修改过。仍然用当前内容覆盖它吗？",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        meta = self.doc.report.meta
        previous_as_typed = meta.previous_report
        self._relativise_previous(path)
        try:
            save(self.doc.report, path)
        except OSError as exc:
            # Still attached to the old location: last year's file must stay found from there.
            meta.previous_report = previous_as_typed
            QMessageBox.critical(self, "保存失败", write_failure_text(path, exc))
            return False
        if path != self.doc.path:
            self.doc.path = path.resolve()
        self.mtime = self._stat(path)
        self.sample_title = ""
        self.extra_dirty = False
        self.doc.undo_stack.setClean()
        self.recent.add(path.resolve())
        self.autosave.remove()
        self._update_title()
        self.statusBar().showMessage(f"已保存 {path}", 5000)
        return True

    def _relativise_previous(self, path: Path) -> None:
        """Name last year's file relative to this one, so the pair can move to another folder or PC.

        Same file either way, so this is not an edit of its own (no undo step)."""
        import contextlib
        import os

        name = self.doc.report.meta.previous_report.strip()
        if not name or not Path(name).is_absolute():
            return
        with contextlib.suppress(ValueError):  # another drive on Windows: keep the absolute path
            self.doc.report.meta.previous_report = os.path.relpath(name, path.resolve().parent)

    # ------------------------------------------------------------ autosave

    def write_autosave(self) -> None:
        if not self.is_modified():
            return
        try:
            self.autosave.write(self.doc.report, self.doc.path)
        except OSError as exc:
            self.statusBar().showMessage(f"自动保存失败（{failure_reason(exc)}）：请尽快手动保存", 10000)

    def offer_restore(self) -> bool:
        """After a crash: offer the autosave left behind. True if it was restored."""
        from core.project_file import ProjectFileError

        try:
            orphans = self.autosave.orphans()
        except OSError:
            return False
        if not orphans:
            return False
        slot = orphans[0]
        answer = QMessageBox.question(
            self, "恢复未保存的工作", "上次程序没有正常退出，找到了自动保存的内容。要恢复吗？\n"
            "选“否”将丢弃自动保存的内容。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            self.autosave.remove(slot)
            return False
        try:
            report, original = self.autosave.read(slot)
        except (ProjectFileError, OSError) as exc:
            self._error("无法恢复", exc)
            return False
        self.set_report(report, original, dirty=True)
        # Now this session's own autosave carries the restored work; the orphan can go.
        self.write_autosave()
        if slot != self.autosave.slot:
            self.autosave.remove(slot)
        self.statusBar().showMessage("已恢复自动保存的内容，请保存", 10000)
        return True

    def commit_pending(self) -> None:
        """Finish an open cell or field editor so its text counts as an edit."""
        from PySide6.QtWidgets import QApplication

        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.commit_pending()
        if not self.maybe_save():
            event.ignore()
            return
        self.timer.stop()
        self.autosave.remove()
        self.autosave.release()
        event.accept()

    def about(self) -> None:
        from gui.about import AboutDialog

        AboutDialog(self).exec()
