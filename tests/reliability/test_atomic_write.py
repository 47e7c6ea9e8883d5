"""core.atomic under file-system faults: read-only targets and folders, a full disk, planted
symlinks, long names, rival writers, litter from killed writers."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from core import atomic
from core.atomic import ReadOnlyTargetError, WriteError, backup_path, sweep_stale, write_atomic
from core.cli import main
from core.project_file import load, save
from core.sample import load_sample

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_OS_TEXT = ("Permission denied", "No space left", "File name too long", "Read-only file system",
                   "Errno", "Traceback")


def chinese_only(message: str) -> None:
    assert CJK.search(message), message
    for text in ENGLISH_OS_TEXT:
        assert text not in message, message


def litter(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX))


@contextlib.contextmanager
def mounted_tmpfs(tmp_path: Path, *options: str) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    where = tmp_path / f"mnt-{uuid.uuid4().hex[:6]}"
    where.mkdir()
    opts = ",".join(("size=64k", *options))
    if subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(where)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_new_file_written_with_user_mode_and_no_litter(tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    write_atomic(target, b"%PDF-1")
    assert target.read_bytes() == b"%PDF-1"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert litter(tmp_path) == []


def test_existing_mode_kept(tmp_path: Path) -> None:
    target = tmp_path / "shared.pdf"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_bytes() == b"new"


def test_read_only_target_refused_then_forced_keeps_read_only(tmp_path: Path) -> None:
    target = tmp_path / "定稿.pdf"
    target.write_bytes(b"final")
    target.chmod(0o444)
    with pytest.raises(ReadOnlyTargetError) as info:
        write_atomic(target, b"draft")
    chinese_only(str(info.value))
    assert "定稿.pdf" in str(info.value) and "只读" in str(info.value)
    assert target.read_bytes() == b"final"
    write_atomic(target, b"draft", force=True)
    assert target.read_bytes() == b"draft"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert litter(tmp_path) == []


def test_project_save_refuses_read_only_file(tmp_path: Path) -> None:
    target = tmp_path / "r.gkbg"
    save(load_sample(), target)
    target.chmod(0o444)
    before = target.read_bytes()
    with pytest.raises(ReadOnlyTargetError):
        save(load_sample(), target)
    assert target.read_bytes() == before


def test_cli_refuses_read_only_output_unless_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "r.gkbg"
    assert main(["sample", "-o", str(project)]) == 0
    out = tmp_path / "r.xlsx"
    out.write_bytes(b"keep")
    out.chmod(0o444)
    capsys.readouterr()
    assert main(["export", str(project), "--xlsx", str(out), "--date", "2025-01-20T09:00:00"]) == 2
    err = capsys.readouterr().err
    chinese_only(err)
    assert "--force" in err and out.read_bytes() == b"keep"
    assert main(["export", str(project), "--xlsx", str(out), "--force", "--date", "2025-01-20T09:00:00"]) == 0
    assert out.read_bytes()[:2] == b"PK"
    assert stat.S_IMODE(out.stat().st_mode) == 0o444
    # fix-totals rewrites its input in place: the same rule holds there.
    project.chmod(0o444)
    assert main(["fix-totals", str(project)]) == 2
    assert main(["fix-totals", str(project), "--force"]) == 0


def test_read_only_folder_gives_chinese_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        with mounted_tmpfs(tmp_path, "ro") as ro, pytest.raises(WriteError) as info:
            write_atomic(ro / "a.pdf", b"x")
    else:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o555)
        try:
            with pytest.raises(WriteError) as info:
                write_atomic(ro / "a.pdf", b"x")
        finally:
            ro.chmod(0o755)
    chinese_only(str(info.value))
    assert "a.pdf" in str(info.value)


def test_full_disk_keeps_old_file_and_leaves_no_litter(tmp_path: Path) -> None:
    with mounted_tmpfs(tmp_path) as disk:
        target = disk / "report.pdf"
        old = os.urandom(20_000)
        target.write_bytes(old)
        with pytest.raises(WriteError) as info:
            write_atomic(target, os.urandom(60_000))
        chinese_only(str(info.value))
        assert "磁盘空间不足" in str(info.value) and "report.pdf" in str(info.value)
        assert target.read_bytes() == old
        assert sorted(p.name for p in disk.iterdir()) == ["report.pdf"]


def test_full_disk_during_backup_leaves_no_partial_bak(tmp_path: Path) -> None:
    with mounted_tmpfs(tmp_path) as disk:
        target = disk / "r.gkbg"
        old = os.urandom(25_000)
        target.write_bytes(old)
        # The new data fits beside the old file; the backup copy of the old one does not.
        with pytest.raises(WriteError):
            write_atomic(target, os.urandom(25_000), backup=True)
        assert target.read_bytes() == old
        assert sorted(p.name for p in disk.iterdir()) == ["r.gkbg"]


def test_cli_full_disk_message_is_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "r.gkbg"
    assert main(["sample", "-o", str(project)]) == 0
    with mounted_tmpfs(tmp_path) as disk:
        capsys.readouterr()
        assert main(["export", str(project), "--pdf", str(disk / "r.pdf")]) == 2
        err = capsys.readouterr().err
        chinese_only(err)
        assert "磁盘空间不足" in err
        assert list(disk.iterdir()) == []


def test_planted_symlink_at_temp_name_is_not_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    target = tmp_path / "out.pdf"
    tokens = iter(["0123456789abcdef", "fedcba9876543210"])
    monkeypatch.setattr("secrets.token_hex", lambda n: next(tokens))  # atomic imports it when first writing
    planted = tmp_path / f".out.pdf.0123456789abcdef{atomic.TEMP_SUFFIX}"
    planted.symlink_to(victim)
    write_atomic(target, b"export")
    assert victim.read_bytes() == b"precious"
    assert target.read_bytes() == b"export"
    assert planted.is_symlink()  # not ours: left alone, not swept (the sweep skips non-regular files)


@pytest.mark.parametrize("length", [238, 246, 251, 255])
def test_long_names_survive_second_save_with_backup(tmp_path: Path, length: int) -> None:
    name = "年" * ((length - 5) // 3)
    name += "x" * (length - 5 - len(name.encode())) + ".gkbg"
    assert len(name.encode()) == length
    target = tmp_path / name
    save(load_sample(), target)
    save(load_sample(), target)
    save(load_sample(), target)
    assert load(target).meta.agency == load_sample().meta.agency
    assert backup_path(target).exists() and len(backup_path(target).name.encode()) <= 255
    assert litter(tmp_path) == []


def test_stale_temp_files_swept_but_held_ones_kept(tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    stale = tmp_path / f".r.pdf.00000000000000aa{atomic.TEMP_SUFFIX}"
    stale.write_bytes(b"left by a killed writer")
    other = tmp_path / ".unrelated.tmp"
    other.write_bytes(b"not ours")
    old = 1_000_000_000
    os.utime(stale, (old, old))
    held = tmp_path / f".r.pdf.00000000000000bb{atomic.TEMP_SUFFIX}"
    held.write_bytes(b"a live writer")
    os.utime(held, (old, old))
    import fcntl

    with open(held, "rb") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        write_atomic(target, b"x")
        assert not stale.exists() and held.exists() and other.exists()
    assert sweep_stale(tmp_path) == 1  # released: litter now


def test_fresh_unlocked_temp_not_swept(tmp_path: Path) -> None:
    young = tmp_path / f".r.pdf.00000000000000cc{atomic.TEMP_SUFFIX}"
    young.write_bytes(b"just created, not locked yet")
    write_atomic(tmp_path / "r.pdf", b"x")
    assert young.exists()


def test_two_hundred_concurrent_exports_to_one_path(tmp_path: Path) -> None:
    target = tmp_path / "same.pdf"
    payloads = [bytes([i % 256]) * (1000 + i) for i in range(200)]
    errors: list[BaseException] = []

    def run(chunk: list[bytes]) -> None:
        for data in chunk:
            try:
                write_atomic(target, data)
            except BaseException as exc:
                errors.append(exc)

    threads = [threading.Thread(target=run, args=(payloads[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert target.read_bytes() in payloads
    assert litter(tmp_path) == []


def test_concurrent_processes_to_one_path(tmp_path: Path) -> None:
    target = tmp_path / "same.bin"
    code = ("import sys\nfrom core.atomic import write_atomic\n"
            "for i in range(50):\n    write_atomic(sys.argv[1], bytes([int(sys.argv[2])]) * 5000)\n")
    root = Path(__file__).resolve().parents[2]
    procs = [subprocess.Popen([sys.executable, "-c", code, str(target), str(k)], cwd=root) for k in range(4)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]  # 200 writes, 0 failures
    data = target.read_bytes()
    assert len(data) == 5000 and len(set(data)) == 1
    assert litter(tmp_path) == []


def test_directory_target_refused(tmp_path: Path) -> None:
    (tmp_path / "d.pdf").mkdir()
    with pytest.raises(WriteError) as info:
        write_atomic(tmp_path / "d.pdf", b"x")
    chinese_only(str(info.value))


def test_half_character_in_memory_is_a_chinese_write_error(tmp_path: Path) -> None:
    report = load_sample()
    report.meta.contact = "0394-\ud800"
    target = tmp_path / "r.gkbg"
    with pytest.raises(WriteError) as info:
        save(report, target)
    chinese_only(str(info.value))
    assert "meta.contact" in str(info.value) and not target.exists()
