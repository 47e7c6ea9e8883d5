"""Which report is open and where it lives: open, save, save as, new, new from last year, import,
recent files, autosave and crash restore, and the unsaved-changes question.

The main window owns the layout and menus; this object owns the file state (path on disk, when it
was last read, whether restored or imported content still waits for a save) and the dialogs that
change it. It tells the window through signals, so the window never reaches into file state.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox

from core import journal
from core.model import Report
from core.project_lock import ProjectLock
from core.reading import exists
from gui.choice import choose
from gui.document import Document, display_name
from gui.file_dialogs import last_folder, remember_folder
from gui.files import Autosave, RecentFiles
from gui.write_errors import failure_reason, write_with_consent

APP_NAME = "政府信息公开年报助手"
AUTOSAVE_MS = 30_000
SYNC_MS = int(journal.SYNC_INTERVAL * 1000)  # fsync of the journal, off the keystroke path
# 从上年报告新建: our project file, or last year as published (imported first)
PREVIOUS_FILTER = ("上年报告 (*.gkbg *.gkbg.json *.pdf *.docx *.doc *.wps *.html *.htm *.txt *.xlsx *.xls *.et);;"
                   "年报项目文件 (*.gkbg *.gkbg.json);;所有文件 (*)")


def carryover_summary(report: Report) -> str:
    """What 从上年报告新建 brought over, as it is: 上年结转 is filled in, last year's 现行有效件数 is
    only a reference shown beside 表二 (this year's is the clerk's to fill), the text is new."""
    from core.format2021 import T2_BLOCKS, T3_APPLICANT_COLS, T3_ROW, t3_id

    carried = sum(1 for col in T3_APPLICANT_COLS if report.cells.get(t3_id("carried_in", col)) is not None)
    year = report.meta.year
    parts = [f"已根据上年报告新建{f' {year} 年' if year else ''}报告"]
    if carried:
        parts.append(f"表三“{T3_ROW['carried_in'].label}”已按上年结转下年度填入")
    if report.baseline_in_force:
        block = T2_BLOCKS[0]
        in_force = block.column_labels[block.columns.index("in_force")]
        parts.append(f"上年{in_force}列在表二旁供核对，本年数请按实际填写")
    parts.append("正文需重新撰写")
    return "；".join(parts)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except (OSError, ValueError):
        return False


def _stat(path: Path | None) -> float | None:
    if path is None:
        return None
    try:
        return path.stat().st_mtime
    except OSError:
        return None


class FileController(QObject):
    title_changed = Signal()  # name or modified state changed: the window retitles itself
    loaded = Signal()  # another report replaced the open one
    started = Signal()  # a new report was begun: the window shows its first page

    def __init__(self, window: QMainWindow, doc: Document, *, autosave_dir: Path | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.doc = doc
        self.autosave = Autosave(autosave_dir)
        self.settings = settings if settings is not None else QSettings()
        self.recent = RecentFiles(self.settings)
        self.sample_title = ""
        self.extra_dirty = False  # restored or imported content not yet saved
        self.mtime: float | None = None
        self.today = dt.date.today  # replaced by tests that need another day
        self.lock: ProjectLock | None = None  # held on the open file while it may be written
        self.read_only = False  # opened 只读 beside another writer: 保存 becomes 另存为
        self.timer = QTimer(self)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.write_autosave)
        self.timer.start()
        self.sync_timer = QTimer(self)
        self.sync_timer.setSingleShot(True)
        self.sync_timer.setInterval(SYNC_MS)
        self.sync_timer.timeout.connect(self._sync_journal)
        self._journal_failed = False
        doc.journal_hook = self._record
        doc.undo_stack.cleanChanged.connect(self.title_changed)
        doc.reset.connect(self.title_changed)

    # ------------------------------------------------------------ state

    def status(self, text: str, ms: int = 5000) -> None:
        self.window.statusBar().showMessage(text, ms)

    def start_folder(self, fallback: str = "") -> str:
        """Where a file dialog opens: beside the open report, else the folder the clerk used last."""
        if self.doc.path is not None:
            return str(self.doc.path.parent)
        return last_folder(self.settings, fallback)

    def is_modified(self) -> bool:
        return self.extra_dirty or not self.doc.undo_stack.isClean()

    def name(self) -> str:
        name = self.sample_title or display_name(self.doc.path)
        return f"{name}（只读）" if self.read_only else name

    # ------------------------------------------------------------ project lock

    def _claim(self, path: Path) -> str:
        """Lock ``path`` for writing: "locked", "readonly" (the clerk chose 只读打开) or "cancel"."""
        if self.lock is not None and self.lock.project == path:
            return "locked"  # opened again in this window
        lock = ProjectLock(path)
        try:
            other = lock.acquire()
        except OSError:
            # A folder this account cannot write: no lock is possible, nor is a save; say so at saving.
            return "unlocked"
        if other is not None:
            answer = choose(
                self.window, "文件正在使用",
                f"“{path.name}”已被{other.describe()}打开。\n\n两处同时修改并保存，后保存的会覆盖先保存的。"
                "\n\n只读打开：可以查看、修改后另存为新文件，不会覆盖它。\n仍然打开：确认对方已不再使用时选择。",
                [("readonly", "只读打开(&R)"), ("anyway", "仍然打开(&O)"), ("cancel", "取消")],
                default="readonly", escape="cancel")
            if answer != "anyway":
                return answer
            try:
                lock.force()
            except OSError:
                return "unlocked"
        self._set_lock(lock)
        return "locked"

    def _set_lock(self, lock: ProjectLock | None) -> None:
        if self.lock is not None and self.lock is not lock:
            self.lock.release()
        self.lock = lock

    def release_lock(self) -> None:
        self._set_lock(None)

    def _error(self, title: str, exc: Exception) -> None:
        text = str(exc) if not isinstance(exc, OSError) else f"“{exc.filename or ''}”：{failure_reason(exc)}"
        QMessageBox.critical(self.window, title, text.strip())

    def set_report(self, report: Report, path: Path | None, *, sample_title: str = "",
                   dirty: bool = False, read_only: bool = False) -> None:
        """Show another report. The caller has claimed ``path`` (``_claim``); other locks go."""
        self.sample_title = sample_title
        self.extra_dirty = dirty
        self.read_only = read_only
        if path is None or read_only or (self.lock is not None and self.lock.project != path):
            self.release_lock()
        self.doc.load_report(report, path)
        self.doc.undo_stack.setClean()
        self.mtime = _stat(path)
        # The last report's autosave and journal are answered for (saved or discarded); content
        # that is in no file yet (restored, imported) gets its snapshot now, not in 30 s.
        if dirty:
            self.write_autosave()
        else:
            self._drop_autosave()
        if self.doc.previous_error:
            self.status(f"上年报告无法读取：{self.doc.previous_error}", 10000)
        self.title_changed.emit()
        self.loaded.emit()

    def maybe_save(self) -> bool:
        """True if the current report may be replaced (saved, discarded or unchanged)."""
        if not self.is_modified():
            return True
        answer = QMessageBox.question(
            self.window, APP_NAME, f"“{self.name()}”有未保存的修改，要保存吗？",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # ------------------------------------------------------------ open, new, import

    def open_path(self, path: Path) -> bool:
        from core.project_file import ProjectFileError, load

        try:
            report = load(path)
        except (ProjectFileError, OSError) as exc:
            self._error("无法打开", exc)
            if isinstance(exc, ProjectFileError) and not exists(path):
                self.recent.remove(str(path))
            return False
        claim = self._claim(path.resolve())
        if claim == "cancel":
            return False
        self.set_report(report, path.resolve(), read_only=claim == "readonly")
        self.recent.add(path.resolve())
        self.status(f"已以只读方式打开 {path}，修改后请另存为" if self.read_only else f"已打开 {path}")
        return True

    def open_dialog(self) -> None:
        from core.project_file import OPEN_FILTER

        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self.window, "打开年报", self.start_folder(),
                                              f"{OPEN_FILTER};;所有文件 (*)")
        if path:
            remember_folder(path, self.settings)
            self.open_path(Path(path))

    def open_recent(self, name: str) -> bool:
        return self.maybe_save() and self.open_path(Path(name))

    def open_sample(self, *, ask: bool = True) -> None:
        from core.project_file import ProjectFileError
        from core.sample import load_sample

        if ask and not self.maybe_save():
            return
        try:
            report = load_sample()
        except (ProjectFileError, OSError) as exc:
            self._error("无法打开示例报告", exc)
            self.set_report(Report.blank(), None)
            return
        self.set_report(report, None, sample_title=f"示例报告：{report.meta.title}")

    def new_blank(self, year: int | None = None) -> None:
        """A blank report for ``year``; by default the year being reported now (December: this one)."""
        from core.meta_values import default_year

        if not self.maybe_save():
            return
        report = Report.blank()
        report.meta.year = year if year is not None else default_year(self.today())
        self.set_report(report, None)
        self.started.emit()

    def _offer_open_report(self) -> str | None:
        """The open report as last year's, if the clerk wants it: its path, "" to pick a file, None to stop."""
        path = self.doc.path
        if path is None or self.sample_title:
            return ""
        year = self.doc.report.meta.year
        which = f"“{path.name}”" + (f"（{year} 年）" if year else "")
        answer = choose(self.window, "从上年报告新建",
                        f"以当前打开的{which}作为上年报告，新建"
                        + (f" {year + 1} 年" if year else "下一年度") + "的报告吗？",
                        [("this", "用这份报告(&U)"), ("other", "选择其他文件(&O)…"), ("cancel", "取消")],
                        default="this", escape="cancel")
        return {"this": str(path), "other": "", "cancel": None}[answer]

    def new_from_previous(self) -> None:
        from core.carryover import new_from_previous
        from core.project_file import ProjectFileError, load

        if not self.maybe_save():
            return
        path = self._offer_open_report()
        if path is None:
            return
        if not path:
            path, _ = QFileDialog.getOpenFileName(self.window, "选择上年的年报（项目文件或已发布的年报）",
                                                  self.start_folder(), PREVIOUS_FILTER)
            if not path:
                return
            remember_folder(path, self.settings)
        from core.importing.previous_year import is_project_file

        doubts = 0
        if is_project_file(Path(path)):
            try:
                previous = load(path)
            except (ProjectFileError, OSError) as exc:
                self._error("无法打开上年报告", exc)
                return
        else:
            imported = self._import_previous(Path(path))
            if imported is None:
                return
            previous, path, doubts = imported
        report = new_from_previous(previous, path, None)
        self.set_report(report, None, dirty=True)
        self.started.emit()
        summary = carryover_summary(report)
        if doubts:
            summary += f"（上年报告导入时有 {doubts} 处不确定，请打开上年项目文件核对）"
        self.status(summary, 15000)

    def _import_previous(self, source: Path) -> tuple[Report, str, int] | None:
        """Last year as published: imported, saved where the clerk says, so the new report can name it."""
        from core.importing import ImportRefused, import_file
        from core.importing.previous_year import previous_copy_path
        from core.project_file import OPEN_FILTER, save

        try:
            result = import_file(source)
        except (ImportRefused, OSError) as exc:
            self._error("无法导入上年报告", exc)
            return None
        except Exception as exc:  # a reader bug must not take the clerk's open report with it
            QMessageBox.critical(self.window, "无法导入上年报告", f"导入“{source.name}”时出错（{type(exc).__name__}）")
            return None
        default = previous_copy_path(source, None)
        target, _ = QFileDialog.getSaveFileName(
            self.window, "上年报告已导入：保存为项目文件（本年报告将引用它）", str(default), OPEN_FILTER)
        if not target:
            self.status("已取消：上年报告未保存，未新建报告")
            return None
        try:
            save(result.report, target)
        except OSError as exc:
            self._error("无法保存上年报告", exc)
            return None
        return result.report, target, len(result.doubts)

    def import_workbook(self) -> None:
        if not self.maybe_save():
            return
        try:
            # The same path as 导入已发布的年报 and `main.py import`: exact for our intact workbooks,
            # by labels for any other (rows moved, the office's template).
            from core.importing import ImportRefused, import_file
        except ImportError as exc:
            QMessageBox.warning(self.window, "无法导入", f"导入工作簿功能不可用（{exc}）")
            return
        path, _ = QFileDialog.getOpenFileName(self.window, "导入工作簿", self.start_folder(), "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        remember_folder(path, self.settings)
        try:
            report = import_file(Path(path)).report
        except (ImportRefused, OSError) as exc:
            self._error("无法导入工作簿", exc)
            return
        except Exception as exc:  # a reader bug must not take the clerk's open report with it
            QMessageBox.critical(self.window, "无法导入工作簿",
                                 f"读取“{Path(path).name}”时发生内部错误（{type(exc).__name__}），没有导入任何内容。")
            return
        self.set_report(report, None, dirty=True)
        self.status(f"已导入 {path}，请检查后另存为年报项目文件", 10000)

    # ------------------------------------------------------------ save

    def save(self) -> bool:
        self.commit_pending()
        if self.doc.path is None or self.read_only:
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        from core.project_file import SUFFIX, with_suffix

        meta = self.doc.report.meta
        name = (self.doc.path.name if self.doc.path else
                f"{meta.agency or '年报'}{meta.year or ''}{SUFFIX}")
        start = str(Path(self.start_folder(str(Path.home()))) / name)
        path, _ = QFileDialog.getSaveFileName(self.window, "另存为", start, f"年报项目文件 (*{SUFFIX})")
        if not path:
            return False
        remember_folder(path, self.settings)
        target = with_suffix(Path(path))
        previous = self.doc.previous_path
        if previous is not None and _same_file(target, previous):
            # The file dialog's “replace?” is easily answered yes; this one would lose last year's report.
            QMessageBox.warning(self.window, "不能覆盖上年报告",
                                f"“{target.name}”是本报告引用的上年报告文件，用本年报告覆盖它会丢失上年报告。"
                                "\n\n请另取一个文件名保存。")
            return False
        self.mtime = _stat(target)  # the dialog already asked about overwriting
        return self._save_to(target)

    def _save_to(self, path: Path) -> bool:
        from core.project_file import save

        resolved = path.resolve()
        target_lock: ProjectLock | None = self.lock
        if self.lock is None or self.lock.project != resolved:
            # A file someone else has open is not written over, not even by 另存为.
            target_lock = ProjectLock(resolved)
            try:
                other = target_lock.acquire()
            except OSError:  # no lock possible in that folder: the save itself will say why if it fails
                other, target_lock = None, None
            if other is not None:
                QMessageBox.warning(self.window, "不能保存",
                                    f"“{path.name}”正被{other.describe()}打开，保存会覆盖对方的修改。\n\n"
                                    "请另取一个文件名保存。")
                return False
        elif self.lock is not None and (taker := self.lock.holder()) is not None:
            answer = QMessageBox.warning(
                self.window, "文件已被他人接管",
                f"“{path.name}”后来被他处以“仍然打开”接管：{taker.describe()}。\n\n仍然用当前内容覆盖它吗？",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        on_disk = _stat(path)
        if on_disk is not None and self.mtime is not None and on_disk != self.mtime and path == self.doc.path:
            answer = QMessageBox.warning(
                self.window, "文件已被修改", f"“{path.name}”在打开后被其他程序修改过。仍然用当前内容覆盖它吗？",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        meta = self.doc.report.meta
        previous_as_typed = meta.previous_report
        self._relativise_previous(path)
        if not write_with_consent(self.window, path, lambda force: save(self.doc.report, path, force=force)):
            # Still attached to the old location: last year's file must stay found from there.
            meta.previous_report = previous_as_typed
            if target_lock is not None and target_lock is not self.lock:
                target_lock.release()
            return False
        self._set_lock(target_lock)
        self.read_only = False
        if path != self.doc.path:
            self.doc.path = path.resolve()
        self.mtime = _stat(path)
        self.sample_title = ""
        self.extra_dirty = False
        self.doc.undo_stack.setClean()
        self.recent.add(path.resolve())
        self._drop_autosave()
        self.title_changed.emit()
        self.status(f"已保存 {path}")
        return True

    def _relativise_previous(self, path: Path) -> None:
        """Name last year's file relative to this one, so the pair can move to another folder or PC.

        Same file either way, so this is not an edit of its own (no undo step)."""
        from core.previous_file import rebase

        meta = self.doc.report.meta
        meta.previous_report = rebase(meta.previous_report, self.doc.path, path)

    # ------------------------------------------------------------ autosave

    def write_autosave(self) -> None:
        if not self.is_modified():
            return
        try:
            self.autosave.write(self.doc.report, self.doc.path)
        except OSError as exc:
            self.status(f"自动保存失败（{failure_reason(exc)}）：请尽快手动保存", 10000)

    def _drop_autosave(self) -> None:
        self.sync_timer.stop()
        self.autosave.remove()

    def _record(self, op: dict[str, object]) -> None:
        """Journal one edit (the document's hook): before the first, snapshot the state it starts from.

        Runs inside an undo command: it reports a failure in the status bar and never raises."""
        try:
            if not self.autosave.journal_active:
                self.autosave.write(self.doc.report, self.doc.path)
            self.autosave.record(op)
        except (OSError, journal.JournalError) as exc:
            if not self._journal_failed:
                reason = failure_reason(exc) if isinstance(exc, OSError) else str(exc)
                self.status(f"修改记录写入失败（{reason}）：请尽快手动保存", 10000)
            self._journal_failed = True
            return
        self._journal_failed = False
        if not self.sync_timer.isActive():
            self.sync_timer.start()

    def _sync_journal(self) -> None:
        try:
            self.autosave.sync()
        except OSError as exc:
            self.status(f"修改记录写入失败（{failure_reason(exc)}）：请尽快手动保存", 10000)

    def offer_restore(self) -> bool:
        """After a crash: offer the autosave and journal left behind. True if work was restored."""
        from core.project_file import ProjectFileError

        try:
            orphans = self.autosave.orphans()
        except OSError:
            return False
        if not orphans:
            return False
        slot = orphans[0]
        try:
            found = self.autosave.recover(slot)
        except (ProjectFileError, OSError) as exc:
            self._error("无法恢复", exc)
            return False
        name = str(found.original) if found.original else "未命名的报告"
        when = (dt.datetime.fromtimestamp(found.last_edit).strftime("%Y-%m-%d %H:%M:%S")
                if found.last_edit else "不详")
        edits = (f"自动保存之后的修改：{found.edits} 处{'' if found.problem else '（都已找回）'}" if found.edits
                 else "自动保存之后没有新的修改")
        text = f"上次程序没有正常退出，找到了未保存的工作：\n\n文件：{name}\n最后一次修改：{when}\n{edits}"
        if found.problem:
            text += f"\n\n注意：{found.problem}"
        text += "\n\n“另存为副本打开”不覆盖原文件，恢复的内容作为未保存的副本打开。"
        answer = choose(self.window, "恢复未保存的工作", text,
                        [("restore", "恢复(&R)"), ("copy", "另存为副本打开(&C)"), ("discard", "丢弃(&D)")],
                        default="restore", escape="restore")
        if answer == "discard":
            if QMessageBox.question(
                    self.window, "丢弃未保存的工作", "确定丢弃这些未保存的修改吗？丢弃后无法找回。",
                    QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Cancel) == QMessageBox.StandardButton.Discard:
                self.autosave.remove(slot)
                return False
            answer = "restore"
        read_only = False
        if answer == "restore" and found.original is not None:
            claim = self._claim(found.original)
            if claim == "cancel":  # the file is open elsewhere: the work comes back as a copy beside it
                answer = "copy"
            read_only = claim == "readonly"
        if answer == "copy":
            from core.previous_file import locate

            # A copy has no file yet: last year's report is named absolutely so it is still found.
            meta = found.report.meta
            if found.original is not None and meta.previous_report.strip():
                target = locate(meta.previous_report, found.original)
                if target is not None:
                    meta.previous_report = str(target)
            self.set_report(found.report, None, dirty=True,
                            sample_title=f"{Path(name).name}（恢复的副本）" if found.original else "")
        else:
            self.set_report(found.report, found.original, dirty=True, read_only=read_only)
        # set_report wrote this session's own autosave with the restored work; the orphan can go.
        if slot != self.autosave.slot:
            self.autosave.remove(slot)
        self.status("已恢复未保存的工作，请保存", 10000)
        return True

    # ------------------------------------------------------------ closing

    def commit_pending(self) -> None:
        """Finish an open cell or field editor so its text counts as an edit."""
        focused = QApplication.focusWidget()
        if focused is not None and self.window.isAncestorOf(focused):
            focused.clearFocus()

    def may_close(self) -> bool:
        """The window is closing: True (and the autosave gone) unless the clerk cancelled."""
        self.commit_pending()
        if not self.maybe_save():
            return False
        self.timer.stop()
        self._drop_autosave()
        self.autosave.release()
        self.release_lock()
        return True
