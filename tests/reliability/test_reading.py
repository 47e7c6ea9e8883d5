"""The bounded reader: only regular files, never more than limit + 1 bytes, refusals in Chinese."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from core.project_file import ProjectFileError, load
from core.reading import read_limited
from core.xlsx import XlsxImportError, import_xlsx

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_fifo_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.gkbg"
    os.mkfifo(fifo)
    start = time.monotonic()
    with pytest.raises(ProjectFileError, match="不是普通文件"):
        load(fifo)
    with pytest.raises(XlsxImportError, match="不是普通文件"):
        import_xlsx(fifo)
    assert time.monotonic() - start < 5


def test_dev_zero_refused() -> None:
    with pytest.raises(ProjectFileError, match="不是普通文件"):
        load(Path("/dev/zero"))


def test_sparse_huge_file_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.gkbg"
    with open(big, "wb") as fh:
        fh.truncate(10 * 1024 ** 3)  # 10 GB that take no disk
    with pytest.raises(ProjectFileError, match="上限"):
        load(big)


def test_never_reads_past_limit(tmp_path: Path) -> None:
    f = tmp_path / "f"
    f.write_bytes(b"x" * 2048)
    with pytest.raises(ValueError, match="上限"):
        read_limited(f, 1024, "测试文件", ValueError)
    assert read_limited(f, 2048, "测试文件", ValueError) == b"x" * 2048


def test_long_and_missing_names(tmp_path: Path) -> None:
    for path in (tmp_path / ("a" * 300), tmp_path / "missing.gkbg", tmp_path):
        with pytest.raises(ProjectFileError) as info:
            load(path)
        assert CJK.search(str(info.value)) and "Errno" not in str(info.value)


# --- zip containers (XLSX, DOCX): the one zip-bomb check both readers use

def _zip(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return out.getvalue()


class _Refused(Exception):
    pass


def _members(data: bytes, **limits: int) -> list[str]:
    from core.reading import zip_members

    defaults = {"max_members": 10, "max_uncompressed": 8 * 1024 * 1024}
    infos = zip_members(data, "x.docx", _Refused, not_zip="不是压缩包", **(defaults | limits))
    return [i.filename for i in infos]


def test_zip_members_lists_an_ordinary_container() -> None:
    assert _members(_zip({"a.xml": b"<a/>", "b.xml": b"<b/>"})) == ["a.xml", "b.xml"]


@pytest.mark.parametrize(("members", "limits", "said"), [
    ({f"m{i}": b"" for i in range(11)}, {}, "包含 11 个压缩成员，超过上限 10"),
    ({"big": b"\0" * (9 * 1024 * 1024)}, {}, "解压后有 9 MB，超过上限 8 MB"),
    ({"big": b"\0" * (2 * 1024 * 1024)}, {}, "中的“big”压缩比异常"),
])
def test_zip_members_refuses_a_bomb_before_inflating(members: dict[str, bytes], limits: dict[str, int],
                                                     said: str) -> None:
    with pytest.raises(_Refused, match=said) as caught:
        _members(_zip(members), **limits)
    assert "疑似压缩炸弹" in str(caught.value)


def test_zip_members_names_bytes_that_are_no_zip() -> None:
    with pytest.raises(_Refused, match=r"^不是压缩包$"):
        _members(b"PK\3\4 not really")
