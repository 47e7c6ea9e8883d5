"""The project file: JSON, UTF-8, human-readable, versioned (docs/project-file.md).

Loading validates by hand rather than with jsonschema: it is several times
faster and every refusal names the field in Chinese. The JSON Schema in
resources/ describes the same structure for other tools; a test keeps the two
in agreement.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from core import __version__, file_versions
from core.atomic import WriteError, write_atomic
from core.compute import compute
from core.file_versions import UnknownKey, check_keys, upgrade
from core.format2021 import CELL, CELLS, NARRATIVE_KEYS, ReportKind
from core.model import Meta, Provenance, Report, Residue
from core.reading import read_limited
from core.values import MAX_DIGITS, CellValue, Unreadable, from_json, to_json

FORMAT_ID = "gov-info-disclosure-annual-report"
FORMAT_VERSION = file_versions.FORMAT_VERSION  # the policy and the migrations: core/file_versions.py
TEMPLATE = "2021"
# 公开报告. Windows decides a file's type by its last extension only, so ".gkbg.json"
# would be any JSON file to it: new files get ".gkbg" (still plain JSON inside), and
# ".gkbg.json" files from earlier versions open as before.
SUFFIX = ".gkbg"
SUFFIXES = (".gkbg", ".gkbg.json")
OPEN_FILTER = "年报项目文件 (*.gkbg *.gkbg.json)"


def with_suffix(path: Path) -> Path:
    """The path a save dialog's answer means: our suffix added unless one is there."""
    if path.name.endswith(SUFFIXES):
        return path
    return path.with_name(path.name.removesuffix(".json") + SUFFIX)
MAX_FILE_BYTES = 20 * 1024 * 1024


class ProjectFileError(Exception):
    """A file that cannot be used; ``str()`` is a Chinese message for the clerk."""


# ---------------------------------------------------------------- writing

def to_dict(report: Report) -> dict[str, Any]:
    results = compute(report)
    meta = report.meta
    return {
        "format": FORMAT_ID,
        "format_version": FORMAT_VERSION,
        "template": TEMPLATE,
        "saved_by": f"政府信息公开年报助手 {__version__}",
        "meta": {
            "agency": meta.agency,
            "year": meta.year,
            "kind": meta.kind.value,
            "compiler": meta.compiler,
            "contact": meta.contact,
            "publish_date": meta.publish_date.isoformat() if meta.publish_date else None,
            "previous_report": meta.previous_report,
        },
        "narrative": {k: report.narrative.get(k, "") for k in NARRATIVE_KEYS},
        # Totals are written as printed, so the file reads on its own; on load they
        # are compared with the computed ones and only disagreeing ones are kept.
        "cells": {c.id: to_json(results.values.get(c.id)) for c in CELLS},
        "baseline_in_force": dict(sorted(report.baseline_in_force.items())),
        "prose_limits": {k: report.prose_limits[k] for k in NARRATIVE_KEYS if k in report.prose_limits},
        **({"imported": _provenance_json(report.provenance)} if report.provenance is not None else {}),
    }


def _provenance_json(p: Provenance) -> dict[str, Any]:
    return {"source": p.source, "kind": p.kind,
            "residue_2019": [{"key": r.key, "text": r.text} for r in p.residue_2019]}


def dumps(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"


def save(report: Report, path: str | os.PathLike[str], *, backup: bool = True, force: bool = False) -> None:
    """Atomic (core.atomic): a crash mid-save leaves the old file intact; the old version is kept as ``.bak``.

    Raises ``core.atomic.ReadOnlyTargetError`` for a read-only file unless ``force``, and
    ``core.atomic.WriteError`` (an OSError with a Chinese message) for anything else.
    """
    try:
        data = dumps(report).encode("utf-8")
    except UnicodeEncodeError:  # half a character (a lone surrogate) pasted in: no file can hold it
        raise WriteError(path, f"字段 {_unencodable_field(to_dict(report))} 含有无效字符（半个字符），"
                         "请删去该字符后再保存", errno.EILSEQ) from None
    write_atomic(path, data, backup=backup, force=force)


def _unencodable_field(node: object, where: str = "") -> str:
    if isinstance(node, dict):
        for key, value in node.items():
            found = _unencodable_field(value, f"{where}.{key}" if where else str(key))
            if found:
                return found
    elif isinstance(node, str):
        try:
            node.encode("utf-8")
        except UnicodeEncodeError:
            return where or "?"
    return ""


# ---------------------------------------------------------------- reading

def load(path: str | os.PathLike[str]) -> Report:
    p = Path(path)
    return loads(read_limited(p, MAX_FILE_BYTES, "年报项目文件", ProjectFileError), name=p.name)


def loads(raw: bytes | str, *, name: str = "文件") -> Report:
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ProjectFileError(f"{name} 不是 UTF-8 编码的文本（第 {exc.start} 字节），不是年报项目文件") from None
    else:
        text = raw
    # Editors add a byte-order mark; a file passed through two of them can carry several.
    text = text.lstrip("\ufeff")
    try:
        data = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant,
                          object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise ProjectFileError(
            f"{name} 不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列，{_json_reason(exc.msg)}") from None
    except _DuplicateKey as exc:
        raise ProjectFileError(f"{name} 中字段 “{_clip(exc.key)}” 出现了不止一次（无法确定用哪一个），"
                               "请删去多余的一个") from None
    except RecursionError:
        raise ProjectFileError(f"{name} 嵌套层次过深，不是年报项目文件") from None
    except (ValueError, ArithmeticError):
        raise ProjectFileError(f"{name} 含有无法读取的数字，不是有效的年报项目文件") from None
    return from_dict(data, name=name)


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _parse_int(text: str) -> int | Unreadable:
    if len(text.lstrip("-")) > MAX_DIGITS:
        return Unreadable(text, f"位数过多（{len(text.lstrip('-'))} 位，最多 {MAX_DIGITS} 位）")
    return int(text)


def _parse_float(text: str) -> Decimal | Unreadable:
    try:
        d = Decimal(text)
        if d.is_finite() and d.as_tuple().exponent >= -40 and d.adjusted() <= MAX_DIGITS:  # type: ignore[operator]
            return d
    except ArithmeticError:
        pass
    return Unreadable(text, "超出数字范围（位数或指数过大），不是有效数字")


def _parse_constant(text: str) -> Unreadable:
    return Unreadable(text, f"{text} 不是数字")


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def _json_reason(msg: str) -> str:
    for en, zh in (("Expecting value", "缺少值"), ("Expecting property name", "缺少字段名（或字段名没有加双引号）"),
                   ("Expecting ',' delimiter", "缺少逗号"), ("Expecting ':' delimiter", "缺少冒号"),
                   ("Unterminated string", "字符串没有结束"), ("Extra data", "结尾有多余内容"),
                   ("Invalid control character", "含有非法控制字符"),
                   ("Invalid \\escape", "反斜杠转义无效"), ("Invalid \\uXXXX escape", "\\u 转义无效"),
                   ("Unexpected UTF-8 BOM", "含有多余的字节顺序标记（BOM）")):
        if msg.startswith(en):
            return zh
    return "语法错误"


def _fail(field: str, problem: str) -> ProjectFileError:
    return ProjectFileError(f"项目文件字段 {field}：{problem}")


def _type_name(value: object) -> str:
    if value is None:
        return "空值 null"
    if isinstance(value, Unreadable):
        return f"无法读取的数字“{_clip(value.text)}”（{value.reason}）"
    return {bool: "真假值", int: "整数", Decimal: "小数", str: "文本", list: "列表", dict: "对象"}.get(
        type(value), type(value).__name__)


def _str(d: dict[str, Any], key: str, path: str) -> str:
    v = d.get(key, "")
    if v is None:
        return ""
    if not isinstance(v, str):
        raise _fail(f"{path}.{key}", f"应为文本，实际是{_type_name(v)}")
    return _encodable(v, f"{path}.{key}")


def _encodable(text: str, field: str) -> str:
    """JSON's \\uD83D escapes can smuggle in half a character that no file, PDF or workbook can hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _fail(field, f"含有无效字符（U+{ord(text[exc.start]):04X}，半个字符），文件可能已损坏") from None
    return text


def from_dict(data: object, *, name: str = "文件") -> Report:
    if not isinstance(data, dict):
        raise ProjectFileError(f"{name} 不是年报项目文件：顶层应为对象，实际是{_type_name(data)}")
    if data.get("format") != FORMAT_ID:
        raise ProjectFileError(f"{name} 不是年报项目文件（缺少 format 标记 “{FORMAT_ID}”）")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _fail("format_version", f"应为整数，实际是{_type_name(version)}")
    if version > FORMAT_VERSION:
        raise ProjectFileError(f"{name} 由更新版本的程序保存（文件格式版本 {version}，本程序支持 {FORMAT_VERSION}），"
                               "请升级本程序后再打开")
    if version < 1:
        raise _fail("format_version", f"版本号 {version} 无效")
    try:
        check_keys(data, version)
    except UnknownKey as exc:
        allowed = "、".join(sorted(exc.allowed))
        raise _fail(_clip(exc.field), f"不是文件格式版本 {version} 中的字段（可用：{allowed}）；"
                    "可能是拼写错误，为免丢失数据，不予读取") from None
    data = upgrade(data, version)
    template = data.get("template", TEMPLATE)
    if template != TEMPLATE:
        raise _fail("template", f"本程序只支持2021年格式，文件写的是“{template}”")

    report = Report()
    report.meta = _meta(data.get("meta"))
    report.narrative = _narrative(data.get("narrative", {}))
    stated = _cells(data.get("cells", {}), report)
    report.baseline_in_force = _baseline(data.get("baseline_in_force", {}))
    report.prose_limits = _limits(data.get("prose_limits", {}))
    if "imported" in data:
        report.provenance = _provenance(data["imported"])
    computed = compute(report).computed
    report.stated_totals = {cid: v for cid, v in stated.items()
                            if v is not None and v != computed.get(cid)}
    return report


def _meta(m: object) -> Meta:
    if not isinstance(m, dict):
        raise _fail("meta", f"应为对象，实际是{_type_name(m)}")
    meta = Meta(agency=_str(m, "agency", "meta"), compiler=_str(m, "compiler", "meta"),
                contact=_str(m, "contact", "meta"), previous_report=_str(m, "previous_report", "meta"))
    year = m.get("year")
    if year is not None:
        if isinstance(year, str) and year.strip().isascii() and year.strip().isdigit() and len(year.strip()) <= 4:
            year = int(year.strip())
        if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2999:
            raise _fail("meta.year", f"应为四位数年份，实际是 {json.dumps(year, ensure_ascii=False, default=str)}")
        meta.year = year
    kind = m.get("kind", ReportKind.DEPARTMENT.value)
    try:
        meta.kind = ReportKind(kind)
    except ValueError:
        raise _fail("meta.kind", f"应为 “department”（部门）或 “government”（本级政府），实际是 “{kind}”") from None
    date = m.get("publish_date")
    if date not in (None, ""):
        if not isinstance(date, str):
            raise _fail("meta.publish_date", f"应为日期文本，如 “2025-01-20”，实际是{_type_name(date)}")
        try:
            meta.publish_date = dt.date.fromisoformat(date.strip())
        except ValueError:
            raise _fail("meta.publish_date", f"“{date}” 不是日期，应写作 “2025-01-20”") from None
    return meta


def _narrative(n: object) -> dict[str, str]:
    if not isinstance(n, dict):
        raise _fail("narrative", f"应为对象，实际是{_type_name(n)}")
    unknown = sorted(set(n) - set(NARRATIVE_KEYS))
    if unknown:
        raise _fail(f"narrative.{unknown[0]}", f"未知的正文部分（可用：{'、'.join(NARRATIVE_KEYS)}）")
    out: dict[str, str] = {}
    for key in NARRATIVE_KEYS:
        out[key] = _str(n, key, "narrative").replace("\r\n", "\n")
    return out


def _cells(c: object, report: Report) -> dict[str, CellValue]:
    if not isinstance(c, dict):
        raise _fail("cells", f"应为对象，实际是{_type_name(c)}")
    stated: dict[str, CellValue] = {}
    for cid, value in c.items():
        spec = CELL.get(cid)
        if spec is None:
            raise _fail(f"cells.{cid}", "不是2021年格式中的单元格（编号见 docs/cell-ids.md）")
        if isinstance(value, (list, dict)):
            raise _fail(f"cells.{cid}", f"应为数字或文本，实际是{_type_name(value)}")
        if isinstance(value, Unreadable):  # no clerk typed this: a damaged or forged file
            raise _fail(f"cells.{cid}", f"{_type_name(value)}")
        if isinstance(value, str):
            _encodable(value, f"cells.{cid}")
        v = from_json(value, spec.unit)
        if spec.computed:
            stated[cid] = v
        elif v is not None:
            report.cells[cid] = v
    return stated


def _baseline(b: object) -> dict[str, int]:
    if not isinstance(b, dict):
        raise _fail("baseline_in_force", f"应为对象，实际是{_type_name(b)}")
    out: dict[str, int] = {}
    for key, v in b.items():
        if key not in ("regulations", "normative"):
            raise _fail(f"baseline_in_force.{key}", "只能是 regulations（规章）或 normative（行政规范性文件）")
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise _fail(f"baseline_in_force.{key}", f"应为非负整数，实际是 {v}")
        out[key] = v
    return out


def _limits(b: object) -> dict[str, int]:
    if not isinstance(b, dict):
        raise _fail("prose_limits", f"应为对象，实际是{_type_name(b)}")
    out: dict[str, int] = {}
    for key, v in b.items():
        if key not in NARRATIVE_KEYS:
            raise _fail(f"prose_limits.{key}", f"未知的正文部分（可用：{'、'.join(NARRATIVE_KEYS)}）")
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise _fail(f"prose_limits.{key}", f"应为非负整数（字数），实际是 {v}")
        out[key] = v
    return out


def _provenance(p: object) -> Provenance:
    if not isinstance(p, dict):
        raise _fail("imported", f"应为对象，实际是{_type_name(p)}")
    items = p.get("residue_2019", [])
    if not isinstance(items, list):
        raise _fail("imported.residue_2019", f"应为列表，实际是{_type_name(items)}")
    residue: list[Residue] = []
    for i, item in enumerate(items):
        where = f"imported.residue_2019[{i}]"
        if not isinstance(item, dict):
            raise _fail(where, f"应为对象（key、text），实际是{_type_name(item)}")
        unknown = sorted(set(item) - {"key", "text"})
        if unknown:
            raise _fail(f"{where}.{_clip(unknown[0])}", "不是此处的字段（可用：key、text）")
        key = _str(item, "key", where)
        if not key:
            raise _fail(f"{where}.key", "不能为空")
        residue.append(Residue(key, _str(item, "text", where)))
    return Provenance(_str(p, "source", "imported"), _str(p, "kind", "imported"), tuple(residue))


def resolve_previous(report: Report, file_path: str | os.PathLike[str] | None) -> Path | None:
    """Where the report's named previous-year file is, relative to the report's own file."""
    from core.previous_file import locate

    return locate(report.meta.previous_report, file_path)
