"""The JSON Schema of the project file, generated from the format declaration.

resources/project-file.schema.json is this output, committed for other tools
(``python -m core.schema > resources/project-file.schema.json``); a test keeps
them identical and validates files against it.
"""

from __future__ import annotations

import json
from typing import Any

from core.format2021 import CELLS, NARRATIVE_KEYS, NARRATIVE_TITLES, ReportKind
from core.project_file import FORMAT_ID, FORMAT_VERSION, TEMPLATE

_TEXT_VALUE = {"type": "string", "description": "text that is not a valid value, kept as typed (rule R5 reports it)"}


def _cell_schema(unit_is_money: bool, label: str, computed: bool) -> dict[str, Any]:
    number: dict[str, Any] = (
        {"type": "string", "pattern": r"^\d+(\.\d+)?$", "description": "exact decimal as text"}
        if unit_is_money else {"type": "integer", "minimum": 0})
    desc = label + ("（计算单元格：写出时为打印值，读入时与计算值比较）" if computed else "")
    return {"description": desc, "anyOf": [number, {"type": "null"}, _TEXT_VALUE]}


def project_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.invalid/gov-disclosure-report/project-file.schema.json",
        "title": "政府信息公开工作年度报告 项目文件",
        "type": "object",
        "required": ["format", "format_version", "meta", "narrative", "cells"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT_ID},
            "format_version": {"type": "integer", "minimum": 1, "maximum": FORMAT_VERSION},
            "template": {"const": TEMPLATE},
            "saved_by": {"type": "string"},
            "meta": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "agency": {"type": "string", "description": "机关名称"},
                    "year": {"type": ["integer", "null"], "minimum": 1900, "maximum": 2999,
                             "description": "报告年度"},
                    "kind": {"enum": [k.value for k in ReportKind],
                             "description": "; ".join(f"{k.value} = {k.label}" for k in ReportKind)},
                    "compiler": {"type": "string", "description": "编制单位"},
                    "contact": {"type": "string", "description": "联系方式"},
                    "publish_date": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}],
                                     "description": "发布日期"},
                    "previous_report": {"type": "string",
                                        "description": "上年报告项目文件，相对本文件所在文件夹"},
                },
            },
            "narrative": {
                "type": "object",
                "additionalProperties": False,
                "description": "正文；{{数量}} 为数据字段，{{数量|文字}} 为解除链接的生成数字，{{#}} 为字面的“{”"
                               "（见 docs/narrative.md）",
                "properties": {k: {"type": "string", "description": NARRATIVE_TITLES[k]} for k in NARRATIVE_KEYS},
            },
            "cells": {
                "type": "object",
                "additionalProperties": False,
                "properties": {c.id: _cell_schema(c.unit.is_money, c.label, c.computed) for c in CELLS},
            },
            "baseline_in_force": {
                "type": "object",
                "additionalProperties": False,
                "description": "上年现行有效件数（从上年报告新建时保留）",
                "properties": {k: {"type": "integer", "minimum": 0} for k in ("regulations", "normative")},
            },
            "prose_limits": {
                "type": "object",
                "additionalProperties": False,
                "description": "正文各部分字数上限（部分省份的要求；为空则不检查）",
                "properties": {k: {"type": "integer", "minimum": 0} for k in NARRATIVE_KEYS},
            },
            "imported": {
                "type": "object",
                "additionalProperties": False,
                "description": "导入的来源（从已发布的年报导入时写入，版本 3 起）；其中表格的 2019 年试行格式残留由 R10b 报告",
                "properties": {
                    "source": {"type": "string", "description": "导入的文件名"},
                    "kind": {"type": "string", "description": "文件类型（PDF、Word、网页、文本、Excel）"},
                    "residue_2019": {
                        "type": "array",
                        "description": "表格中发现的 2019 年试行格式内容",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["key", "text"],
                            "properties": {
                                "key": {"type": "string", "minLength": 1,
                                        "description": "简短的键，如 t3.other_single_row、t2.col_new_made"},
                                "text": {"type": "string", "description": "说明（指明表格和行）"},
                            },
                        },
                    },
                },
            },
        },
    }


def schema_text() -> str:
    return json.dumps(project_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
