"""The open report, its computed results and findings, and every edit as an undo command.

The widgets never change ``Report`` themselves: they push a command on
``Document.undo_stack``; the command changes the report and calls
``Document.refresh``, which recomputes totals and findings once and emits
``changed``. So undo covers everything, and what is shown is always what the
core computed. Every command also hands the diff it is about to apply (push, undo
and redo alike) to ``Document.record``, which the file controller journals
(``core.journal``): the report changes in one place, so one hook sees every edit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from core import journal
from core.compute import Results, compute
from core.findings import Finding
from core.format2021 import CELL
from core.model import Report
from core.values import CellValue, display

if TYPE_CHECKING:  # the rules load with the first check, not at start-up (the start page needs none)
    from core.rules import Previous
    from core.rules.prose import ProseIssue

_CELLS_ID = 1
_TEXT_ID = 2
_META_ID = 3


@dataclass(slots=True)
class CellMark:
    error: bool = False
    messages: list[str] = field(default_factory=list)
    rules: set[str] = field(default_factory=set)

    @property
    def only_blank(self) -> bool:
        """Marked only for being blank (R0): the cell shows as blank, not as a warning."""
        return self.rules == {"R0"}


def same_value(a: CellValue, b: CellValue) -> bool:
    """Equal as printed: 12.5 and 12.50 万元 differ, because the digits entered are what is shown."""
    return type(a) is type(b) and display(a) == display(b)


class Document(QObject):
    changed = Signal()  # values, findings or meta changed: repaint
    text_changed = Signal(str)  # a narrative key changed (by undo/redo or a command)
    meta_changed = Signal(str)  # a meta field changed
    reset = Signal()  # another report was loaded
    notice = Signal(str)  # a Chinese message for the status bar (refused input and the like)
    stepped = Signal(str, str)  # undo/redo changed this target ("t3.…", "narrative.s5", "meta.year"): message

    def __init__(self, parent: QObject | None = None, *, deferred: bool = False) -> None:
        """``deferred``: the blank report is checked when its findings are first read, not now (start-up:
        the start page shows no findings, so the rules wait until a report is open)."""
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.report = Report.blank()
        self.path: Path | None = None
        self.previous: Previous | None = None
        self.previous_path: Path | None = None
        self.previous_error = ""
        self.results: Results = compute(self.report)
        self._findings: list[Finding] = []
        self._prose_issues: list[ProseIssue] = []
        self._marks: dict[str, CellMark] = {}
        self._checked = False
        self.focused_finding: Finding | None = None  # the finding the clerk last jumped to
        self._session = 0
        self.merge_epoch = 0
        # Called with each diff just before it is applied; must not raise (it runs inside redo/undo).
        self.journal_hook: Callable[[dict[str, object]], None] | None = None
        if not deferred:
            self.refresh()

    # Read through properties so a deferred first check happens whenever anything asks.
    @property
    def checked(self) -> bool:
        """Whether findings have been worked out (always, unless made ``deferred`` and not read yet)."""
        return self._checked

    @property
    def findings(self) -> list[Finding]:
        if not self._checked:
            self.refresh(emit=False)
        return self._findings

    @findings.setter
    def findings(self, value: list[Finding]) -> None:
        self._findings = value

    @property
    def prose_issues(self) -> list[ProseIssue]:
        if not self._checked:
            self.refresh(emit=False)
        return self._prose_issues

    @prose_issues.setter
    def prose_issues(self, value: list[ProseIssue]) -> None:
        self._prose_issues = value

    @property
    def marks(self) -> dict[str, CellMark]:
        if not self._checked:
            self.refresh(emit=False)
        return self._marks

    @marks.setter
    def marks(self, value: dict[str, CellMark]) -> None:
        self._marks = value

    def record(self, op: dict[str, object]) -> None:
        if self.journal_hook is not None:
            self.journal_hook(op)

    # ------------------------------------------------------------ loading

    def load_report(self, report: Report, path: Path | None) -> None:
        self.report = report
        self.path = path
        self.undo_stack.clear()
        self._load_previous()
        self.refresh(emit=False)
        self.reset.emit()
        self.changed.emit()

    def _load_previous(self) -> None:
        from core.project_file import ProjectFileError, load, resolve_previous
        from core.rules import Previous

        self.previous = None
        self.previous_path = None
        self.previous_error = ""
        p = resolve_previous(self.report, self.path)
        if p is None:
            return
        self.previous_path = p
        try:
            self.previous = Previous.of(load(p))
        except ProjectFileError as exc:
            self.previous_error = str(exc)

    # ------------------------------------------------------------ results

    def refresh(self, *, emit: bool = True) -> None:
        from core.rules import check
        from core.rules.prose import prose_issues

        self._checked = True
        self.results = compute(self.report)
        findings = self._findings = check(self.report, self.results, previous=self.previous)
        # R6 and N3 with their place in the text, for the editors' underlines (recognition is cached).
        self._prose_issues = prose_issues(self.report, self.results)
        marks: dict[str, CellMark] = {}
        for f in findings:
            for cid in f.cells:
                m = marks.setdefault(cid, CellMark())
                m.error = m.error or f.is_error
                m.rules.add(f.rule)
                # The message first: the rule code is for whoever looks it up in the catalogue.
                m.messages.append(f"{f.severity.label}：{f.message}（{f.rule}）")
        self._marks = marks
        if emit:
            self.changed.emit()

    def value(self, cell_id: str) -> CellValue:
        return self.results.value(cell_id)

    # ------------------------------------------------------------ edits

    def new_session(self) -> int:
        """A token that keeps one cell editor's keystrokes in one undo step."""
        self._session += 1
        return self._session

    def break_merge(self) -> None:
        """The next text or meta edit starts a new undo step instead of extending the last one."""
        self.merge_epoch += 1

    def set_cells(self, values: dict[str, CellValue], text: str, session: int | None = None) -> bool:
        """Push one command setting input cells; False if nothing would change."""
        changes = {cid: (self.report.get(cid), v) for cid, v in values.items()}
        changes = {cid: ov for cid, ov in changes.items() if not same_value(*ov)}
        if not changes:
            return False
        self.undo_stack.push(CellsCommand(self, changes, text, session))
        return True

    def set_cells_and_totals(self, values: dict[str, CellValue], stated: dict[str, CellValue],
                             text: str) -> bool:
        """One undo step setting input cells and printed totals (None drops one): a pasted template block."""
        changes = {cid: (self.report.get(cid), v) for cid, v in values.items()}
        changes = {cid: ov for cid, ov in changes.items() if not same_value(*ov)}
        totals = {cid: (self.report.stated_totals.get(cid), v) for cid, v in stated.items()}
        if not changes and not totals:
            return False
        self.undo_stack.push(CellsCommand(self, changes, text, None, totals))
        return True

    def set_text(self, key: str, text: str, *, mergeable: bool = True, label: str = "编辑正文") -> None:
        old = self.report.narrative.get(key, "")
        if old != text:
            self.undo_stack.push(TextCommand(self, key, old, text, mergeable=mergeable, label=label))

    def set_meta(self, name: str, value: object, *, mergeable: bool = True) -> None:
        old = getattr(self.report.meta, name)
        if old != value:
            self.undo_stack.push(MetaCommand(self, name, old, value, mergeable))

    def undo(self) -> None:
        self._step(undo=True)

    def redo(self) -> None:
        self._step(undo=False)

    def _step(self, *, undo: bool) -> None:
        """Undo or redo, then say what changed and where, so a change on a page out of sight is seen."""
        stack = self.undo_stack
        if not (stack.canUndo() if undo else stack.canRedo()):
            self.notice.emit("没有可以撤销的操作" if undo else "没有可以重做的操作")
            return
        command = stack.command(stack.index() - 1 if undo else stack.index())
        text = stack.undoText() if undo else stack.redoText()
        self.break_merge()  # typing after an undo is a new step, not part of the undone one
        stack.undo() if undo else stack.redo()
        target = getattr(command, "target", "")
        self.stepped.emit(target, f"{'已撤销' if undo else '已重做'}：{text}")

    def adopt_computed_totals(self) -> bool:
        if not self.report.stated_totals:
            return False
        self.undo_stack.push(AdoptTotalsCommand(self))
        return True


class CellsCommand(QUndoCommand):
    def __init__(self, doc: Document, changes: dict[str, tuple[CellValue, CellValue]], text: str,
                 session: int | None,
                 totals: dict[str, tuple[CellValue, CellValue]] | None = None) -> None:
        super().__init__(text)
        self.doc = doc
        self.changes = changes
        self.totals = totals or {}  # printed totals (old, new) set in the same step; None: computed
        self.session = session
        self.target = next(iter(changes or self.totals))  # where undo shows the change: the first cell set

    def id(self) -> int:
        return _CELLS_ID if self.session is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, CellsCommand) or other.session != self.session \
                or set(other.changes) != set(self.changes) or self.totals or other.totals:
            return False
        self.changes = {cid: (old, other.changes[cid][1]) for cid, (old, _) in self.changes.items()}
        if all(same_value(o, n) for o, n in self.changes.values()):
            self.setObsolete(True)
        return True

    def _apply(self, index: int) -> None:
        if self.changes:
            self.doc.record(journal.cells_op({cid: pair[index] for cid, pair in self.changes.items()}))
        if self.totals:
            self.doc.record(journal.stated_op({cid: pair[index] for cid, pair in self.totals.items()}))
        for cid, pair in self.changes.items():
            self.doc.report.set(cid, pair[index])
        for cid, pair in self.totals.items():
            if pair[index] is None:
                self.doc.report.stated_totals.pop(cid, None)
            else:
                self.doc.report.stated_totals[cid] = pair[index]
        self.doc.refresh()

    def redo(self) -> None:
        self._apply(1)

    def undo(self) -> None:
        self._apply(0)


class _TypingCommand(QUndoCommand):
    """An edit of one field that absorbs the following edits of the same field while typing goes on.

    ``field`` names what is edited; ``merge_id`` keeps text and meta typing apart; the document's
    ``merge_epoch`` ends a run (focus left the field). Typing back to the start makes the step vanish.
    """

    merge_id = -1
    target_prefix = ""

    def __init__(self, doc: Document, field: str, old: object, new: object, *, mergeable: bool,
                 label: str) -> None:
        super().__init__(label)
        self.doc, self.field, self.old, self.new = doc, field, old, new
        self.mergeable = mergeable
        self.epoch = doc.merge_epoch
        self.target = f"{self.target_prefix}.{field}"

    def id(self) -> int:
        return self.merge_id if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, type(self)) or other.field != self.field or not other.mergeable \
                or other.epoch != self.epoch:
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def _apply(self, value: object) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class TextCommand(_TypingCommand):
    merge_id = _TEXT_ID
    target_prefix = "narrative"

    def _apply(self, value: object) -> None:
        assert isinstance(value, str)
        self.doc.record(journal.text_op(self.field, self.doc.report.narrative.get(self.field, ""), value))
        self.doc.report.set_text(self.field, value)
        self.doc.refresh()
        self.doc.text_changed.emit(self.field)


class MetaCommand(_TypingCommand):
    merge_id = _META_ID
    target_prefix = "meta"

    def __init__(self, doc: Document, name: str, old: object, new: object, mergeable: bool) -> None:
        super().__init__(doc, name, old, new, mergeable=mergeable, label="修改基本信息")

    def _apply(self, value: object) -> None:
        self.doc.record(journal.meta_op(self.field, value))
        setattr(self.doc.report.meta, self.field, value)
        if self.field == "previous_report":
            self.doc._load_previous()
        self.doc.refresh()
        self.doc.meta_changed.emit(self.field)


class AdoptTotalsCommand(QUndoCommand):
    def __init__(self, doc: Document) -> None:
        super().__init__("用计算值替换合计")
        self.doc = doc
        self.stated = dict(doc.report.stated_totals)
        self.target = next(iter(self.stated), "")

    def redo(self) -> None:
        self.doc.record(journal.adopt_op())
        self.doc.report.adopt_computed_totals()
        self.doc.refresh()

    def undo(self) -> None:
        self.doc.record(journal.stated_op(self.stated))
        self.doc.report.stated_totals.update(self.stated)
        self.doc.refresh()


def display_name(path: Path | None) -> str:
    return path.name if path is not None else "未命名"


def is_input(cell_id: str) -> bool:
    spec = CELL.get(cell_id)
    return spec is not None and not spec.computed


__all__ = ["CellMark", "Document", "display_name", "is_input"]
