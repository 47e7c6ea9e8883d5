"""Old binary Office/WPS files (.doc, .wps, .xls, .et) through LibreOffice, when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from core.importing.document import ImportRefused

TIMEOUT_S = 90


def _target(data: bytes) -> str:
    # OLE directory entries are UTF-16 names: 「WordDocument」 for Word/WPS text, 「Workbook」/「Book」 for sheets.
    if "WordDocument".encode("utf-16-le") in data:
        return "docx"
    return "xlsx"


def convert_ole(data: bytes, name: str) -> tuple[bytes, str]:
    target = _target(data)
    advice = ("请在 Word 或 WPS 中打开，另存为 .docx 后再导入" if target == "docx"
              else "请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ImportRefused(f"文件“{name}”是旧版 Office/WPS 格式（.doc/.wps/.xls/.et），本机未安装 LibreOffice，"
                            f"无法转换；{advice}")
    with tempfile.TemporaryDirectory(prefix="gkbg-import-") as tmp:
        src = Path(tmp) / ("source.doc" if target == "docx" else "source.xls")
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
               "--convert-to", target, "--outdir", tmp, str(src)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired):
            raise ImportRefused(f"文件“{name}”用 LibreOffice 转换失败（超时或无法启动）；{advice}") from None
        out = src.with_suffix(f".{target}")
        if not out.is_file():
            raise ImportRefused(f"文件“{name}”用 LibreOffice 转换失败（可能已加密或损坏）；{advice}")
        return out.read_bytes(), target
