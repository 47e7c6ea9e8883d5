"""Why an exporter gave up, in words for the clerk (never reportlab's or openpyxl's English)."""

from __future__ import annotations

import re

from core.compute import compute
from core.model import Report


def export_failure(kind: str, report: Report, exc: Exception) -> str:
    """Why an exporter gave up, in Chinese: reportlab's LayoutError says only that a flowable did not fit."""
    if type(exc).__name__ == "LayoutError":
        from core.format2021 import CELL
        from core.values import display

        shown = {cid: display(v) for cid, v in compute(report).values.items()}
        widest = max(shown, key=lambda cid: len(shown[cid]), default=None)
        where = ""
        if widest is not None and len(shown[widest]) > 9:
            where = f"；最长的数字是“{CELL[widest].label}”（{widest}），有 {len(shown[widest])} 位"
        return (f"无法导出 {kind}：报告中有内容过大，一页放不下（通常是位数过多的数字撑宽了表格）{where}。"
                "请核对表格中的数字")
    if re.search(r"[\u4e00-\u9fff]", str(exc)):  # our own refusals (a missing font…) are already Chinese
        return f"无法导出 {kind}：{exc}"
    return f"无法导出 {kind}：导出时发生内部错误（{type(exc).__name__}），报告文件没有受到影响"
