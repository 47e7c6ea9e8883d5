"""The same project opened twice: the second window is asked (只读打开 / 仍然打开 / 取消), never two
writers silently; a read-only window saves only under another name; closing gives the file back."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from core.format2021 import t3_id
from core.project_file import load, save
from core.project_lock import lock_path
from core.sample import load_sample

NEW = t3_id("new", "natural")


def _answer(monkeypatch, answer: str, asked: list[str]) -> None:
    import gui.file_controller

    def choose(_parent, title, text, options, **_k) -> str:
        asked.append(text)
        assert title == "文件正在使用"
        assert [label for _key, label in options] == ["只读打开(&R)", "仍然打开(&O)", "取消"]
        return answer
    monkeypatch.setattr(gui.file_controller, "choose", choose)


def _project(tmp_path: Path) -> Path:
    path = tmp_path / "共享.gkbg"
    save(load_sample(), path)
    return path


def test_a_file_open_in_another_window_asks_and_cancel_keeps_it_closed(window, new_window, monkeypatch,
                                                                       tmp_path) -> None:
    path = _project(tmp_path)
    assert window.open_path(path)
    assert lock_path(path).is_file()
    asked: list[str] = []
    _answer(monkeypatch, "cancel", asked)
    other = new_window()
    assert not other.open_path(path)
    assert "“共享.gkbg”已被本程序的另一个窗口" in asked[0]
    assert other.doc.path is None


def test_read_only_saves_only_under_another_name(window, new_window, monkeypatch, tmp_path, dialogs) -> None:
    path = _project(tmp_path)
    assert window.open_path(path)
    _answer(monkeypatch, "readonly", [])
    other = new_window()
    assert other.open_path(path)
    assert "（只读）" in other.windowTitle()
    other.doc.set_cells({NEW: 77}, "test")
    # 保存 becomes 另存为; answering with the open file itself is refused, naming the holder.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    assert not other.save()
    assert dialogs[-1][0] == "warning" and "正被本程序的另一个窗口" in dialogs[-1][1]
    assert load(path).cells.get(NEW) != 77
    copy = tmp_path / "副本.gkbg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    assert other.save()
    assert load(copy).cells[NEW] == 77
    assert "（只读）" not in other.windowTitle()
    assert lock_path(copy).is_file()  # the copy is now this window's file


def test_open_anyway_takes_the_lock_and_closing_gives_it_back(window, new_window, monkeypatch, tmp_path,
                                                              dialogs) -> None:
    path = _project(tmp_path)
    assert window.open_path(path)
    first = json.loads(lock_path(path).read_text(encoding="utf-8"))["token"]
    _answer(monkeypatch, "anyway", [])
    other = new_window()
    assert other.open_path(path)
    assert json.loads(lock_path(path).read_text(encoding="utf-8"))["token"] != first
    # The first window saving now would overwrite the second: it is asked (and here says no).
    window.doc.set_cells({NEW: 5}, "test")
    assert not window.save()
    assert dialogs[-1][0] == "warning" and "后来被他处以“仍然打开”接管：本程序的另一个窗口" in dialogs[-1][1]
    assert load(path).cells.get(NEW) != 5
    window.doc.undo_stack.undo()
    window.close()  # the first window's close leaves the second's lock alone
    assert lock_path(path).is_file()
    other.close()
    assert not lock_path(path).exists()


def test_opening_another_report_releases_the_file(window, tmp_path) -> None:
    path = _project(tmp_path)
    assert window.open_path(path)
    assert window.open_path(path)  # opened again in the same window: no question
    window.open_sample(ask=False)
    assert not lock_path(path).exists()
