"""What a check says: findings, and the catalogue of rules that produce them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from core.format2021 import T3_LEAF_ROWS


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "错误" if self is Severity.ERROR else "提示"


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    cells: tuple[str, ...]  # cell ids, or "narrative.<key>" / "meta.<field>"
    message: str  # Chinese: what is wrong and by how much
    section: int  # 0 = 基本信息, 1..6 = the report's sections

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json(self) -> dict[str, object]:
        return {"rule": self.rule, "severity": self.severity.value, "cells": list(self.cells),
                "message": self.message, "section": self.section}


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    severity: str  # as the reference gives it
    title: str


RULES: tuple[RuleInfo, ...] = (
    RuleInfo("M1", "E", "机关名称与报告年度必须填写，年度不早于2021年"),
    RuleInfo("D1", "W", "发布日期不晚于条例第四十九条规定的期限"),
    RuleInfo("R0", "W/E", "不得留空：没有数据填 0（“/”“—”“无”不是数值）；草稿为提示，定稿为错误"),
    RuleInfo("R1", "E", "表三各列：新收 + 上年结转 = 办理结果总计 + 结转下年度"),
    RuleInfo("R2", "E", f"表三各列：（七）总计 = {len(T3_LEAF_ROWS)}项办理结果之和"),
    RuleInfo("R3", "E", "表三各行：总计 = 六类申请人之和"),
    RuleInfo("R4", "E", "表四：维持 + 纠正 + 其他 + 尚未审结 = 总计"),
    RuleInfo("R5", "E", "件数为非负整数，金额为非负数"),
    RuleInfo("R6", "W/E", "正文中引用的数字须与表格一致（收到、办结、结转、办理结果、复议诉讼、表二、信息处理费、百分比）；"
                          "程序生成后解除链接的数字不一致为错误；数据字段引用空白单元格为提示"),
    RuleInfo("R7", "W", "本年废止件数不超过上年现行有效件数 + 本年制发件数"),
    RuleInfo("R7b", "W", "行政事业性收费单位为万元，疑似按元填写"),
    RuleInfo("R8", "W", "第六部分须说明信息处理费收取情况"),
    RuleInfo("R9", "W", "第五部分须写明存在的主要问题及改进情况"),
    RuleInfo("R10", "W", "标题与统计期限年份须与报告年度一致"),
    RuleInfo("R10b", "W", "不得残留2019年试行格式的栏目：正文中的栏目名，以及导入的年报表格中的"
                          "2019年版式（如（六）其他处理只有一行）"),
    RuleInfo("N1", "W", "正文小标题下须有内容"),
    RuleInfo("N2", "W", "正文引用的报告名称应为“政府信息公开工作年度报告”，机关名称与报告一致"),
    RuleInfo("N3", "W", "申请数量以“件”计；行政事业性收费以万元计、信息处理费以元计，不得混淆"),
    RuleInfo("N4", "W", "正文字数不超过本报告设定的上限（默认不检查）"),
    RuleInfo("N5", "W/E", "正文中没有可用字体能打印的字符（会印成〓）：草稿为提示，定稿为错误"),
    RuleInfo("X1", "E", "本年上年结转 = 上年结转下年度继续办理（各列）"),
    RuleInfo("X2", "W", "现行有效件数 = 上年现行有效 + 本年制发 − 本年废止"),
    RuleInfo("X3", "W", "数据与上年相比变化超过5倍"),
    RuleInfo("X4", "W", "文字与上年报告雷同超过50%"),
)
RULE_INFO = {r.id: r for r in RULES}

SECTION_NAMES = {0: "基本信息", 1: "一、总体情况", 2: "二、主动公开政府信息情况",
                 3: "三、收到和处理政府信息公开申请情况", 4: "四、政府信息公开行政复议、行政诉讼情况",
                 5: "五、存在的主要问题及改进情况", 6: "六、其他需要报告的事项"}
