"""The project lock: one writer at a time, stale locks of dead processes taken over, the CLI refuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.cli import main
from core.model import Report
from core.project_file import load, save
from core.project_lock import Holder, ProjectLock, check_writable, lock_path, pid_alive


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "年报.gkbg"
    save(Report.blank(), path)
    return path


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _plant(project: Path, **fields: object) -> None:
    me = json.loads(Holder.me().to_json())
    me.update(fields)
    lock_path(project).write_text(json.dumps(me), encoding="utf-8")


def test_second_writer_is_told_who_holds_it_until_released(project: Path) -> None:
    first, second = ProjectLock(project), ProjectLock(project)
    assert first.acquire() is None and lock_path(project).is_file()
    other = second.acquire()
    assert other is not None and other.pid == os.getpid()
    assert other.describe().startswith("本程序的另一个窗口，自 20")
    first.release()
    assert not lock_path(project).exists()
    assert second.acquire() is None


def test_a_dead_process_lock_on_this_computer_is_taken_over_silently(project: Path) -> None:
    dead = _dead_pid()
    assert not pid_alive(dead)
    _plant(project, pid=dead)
    lock = ProjectLock(project)
    assert lock.acquire() is None
    assert json.loads(lock_path(project).read_text())["pid"] == os.getpid()


def test_another_computer_is_named_and_never_judged_stale(project: Path) -> None:
    _plant(project, host="PC-办公室-12", user="zhang", pid=_dead_pid())
    other = ProjectLock(project).acquire()
    assert other is not None
    assert "计算机“PC-办公室-12”上的用户“zhang”" in other.describe()


def test_an_unreadable_lock_is_in_use_while_fresh_and_stale_when_old(project: Path) -> None:
    lock_path(project).write_bytes(b"")  # a writer between create and write
    assert ProjectLock(project).acquire() is not None
    old = time.time() - 60
    os.utime(lock_path(project), (old, old))
    assert ProjectLock(project).acquire() is None


def test_forcing_and_releasing_never_removes_someone_elses_lock(project: Path) -> None:
    first, second = ProjectLock(project), ProjectLock(project)
    assert first.acquire() is None
    assert second.acquire() is not None
    second.force()  # 仍然打开
    first.release()  # the first window closes: the lock is the second's now and stays
    assert lock_path(project).is_file()
    assert json.loads(lock_path(project).read_text())["token"] == second.me.token
    second.release()
    assert not lock_path(project).exists()


def test_fix_totals_refuses_a_file_open_elsewhere(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _plant(project, host="PC-12", user="li")
    before = project.read_bytes()
    assert main(["fix-totals", str(project)]) == 2
    err = capsys.readouterr().err
    assert "“年报.gkbg”正被计算机“PC-12”上的用户“li”" in err and "不能写入" in err
    assert project.read_bytes() == before
    lock_path(project).unlink()
    assert main(["fix-totals", str(project)]) == 0
    load(project)


def test_check_writable_passes_on_a_free_file(project: Path) -> None:
    check_writable(project)
    lock = ProjectLock(project)
    lock.acquire()
    try:
        # Our own lock counts too: a CLI run from this process is another writer.
        with pytest.raises(Exception, match="本程序的另一个窗口"):
            check_writable(project)
    finally:
        lock.release()
