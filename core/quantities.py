"""The quantities the prose can quote, declared once next to the format.

A *quantity* is what a number in the narrative stands for: one cell (本年新收 总计) or a sum the
format implies but does not print as a row (（三）不予公开, 新收＋上年结转, 行政诉讼 = 直接起诉 +
复议后起诉). Live fields in the narrative are bound to a quantity (``core.fields``), the sentence
generator writes them (``core.sentences``), the recogniser reads prose back into them
(``core.prose``), and the field menu and R6's messages name them — all from this table. Cell ids
come from ``core.format2021``; nothing here spells one.

``words`` are the phrases that introduce the quantity *before* its number (「收到…申请20件」);
``after`` the phrases that name it *after* its number (「另有3件结转下年度继续办理」). A phrase
ending in ``*`` is weak: it only counts when no other phrase of the clause names a quantity.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from core.compute import Results
from core.format2021 import (
    CELL,
    INFO_FEE_ID,
    T2_BLOCKS,
    T3_APPLICANT_COLS,
    T3_GROUP_LABEL,
    T3_GROUPS,
    T3_LEAF_ROWS,
    T3_ROW,
    T4_GROUP_LABEL,
    T4_LITIGATION_LABEL,
    Unit,
    t2_id,
    t3_id,
    t4_id,
)

Number = int | Decimal

# The share of （七）总计 a percentage field prints: two decimals, half up (42/98 → 42.86).
SHARE_PLACES = 2
SHARE_PREFIX = "share."


@dataclass(frozen=True, slots=True)
class Quantity:
    key: str  # stable id used in field tokens: {{t3.new}}
    name: str  # short Chinese name for menus: 本年新收
    label: str  # how messages name it: 「表三 本年新收 总计」
    cells: tuple[str, ...]  # summed
    unit: Unit
    section: int  # where the table figure is printed
    words: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    family: str = ""  # "t3" application counts, "t2doc" documents, "t2dec", "t4", "money"
    menu: bool = True  # offered in 插入数据's field menu

    def value(self, results: Results) -> Number | None:
        """The sum of its cells as printed; None when any of them is blank or invalid."""
        total: Number = 0
        for cid in self.cells:
            v = results.values.get(cid)
            if isinstance(v, bool) or not isinstance(v, (int, Decimal)):
                return None
            total += v
        return total


def _t3_row_label(row: str) -> str:
    r = T3_ROW[row]
    label = r.label.split("（区分")[0]
    return label if r.group is None else f"{T3_GROUP_LABEL[r.group]}{label}"


def _t3(key: str, name: str, rows: tuple[str, ...], words: tuple[str, ...], after: tuple[str, ...] = (),
        *, label: str | None = None, col: str = "total", menu: bool = True) -> Quantity:
    cells = tuple(t3_id(r, col) for r in rows)
    return Quantity(key, name, label or f"表三 {name} 总计", cells, Unit.COUNT, 3, words, after, "t3", menu)


def _group_rows(group: str) -> tuple[str, ...]:
    return tuple(r for r in T3_LEAF_ROWS if T3_ROW[r].group == group)


_CARRIED_OUT_WORDS = ("结转下年度", "结转下一年度", "转结下年度", "结转至下年度", "结转到下年度", "结转下年",
                      "结转至下一年", "结转到下一年", "结转到", "结转至", "转入下一年度", "正在办理", "尚在办理",
                      "仍在办理", "尚未办结", "未办结", "在办")
_GROUP_WORDS: dict[str, tuple[str, ...]] = {
    "deny": ("不予公开",),
    "unable": ("无法提供",),
    "reject": ("不予处理",),
    "other": ("其他处理", "作其他处理"),
}
# Leaf rows whose label has a phrase that no other row uses.
_LEAF_WORDS: dict[str, tuple[str, ...]] = {
    "deny_secret": ("属于国家秘密", "涉及国家秘密"),
    "deny_third_party": ("保护第三方合法权益", "第三方合法权益"),
    "deny_internal": ("内部事务信息",),
    "deny_process": ("过程性信息",),
    "deny_case_file": ("行政执法案卷",),
    "deny_query": ("行政查询事项",),
    "unable_not_held": ("本机关不掌握", "不掌握相关政府信息"),
    "unable_create": ("需要另行制作", "另行制作"),
    "unable_unclear": ("补正后申请内容仍不明确", "仍不明确"),
    "reject_petition": ("信访举报投诉",),
    "reject_repeat": ("重复申请",),
    "reject_publication": ("公开出版物",),
    "reject_mass": ("大量反复申请",),
    "reject_confirm": ("确认或重新出具",),
    "other_no_correction": ("逾期不补正",),
    "other_unpaid": ("逾期未按收费通知", "未按收费通知要求缴纳"),
}


def _build() -> tuple[Quantity, ...]:
    qs: list[Quantity] = [
        _t3("t3.new", "本年新收", ("new",),
            ("收到", "接到", "受理", "新收", "接收", "申请数量")),
        _t3("t3.carried_in", "上年结转", ("carried_in",),
            ("上年结转", "上年度结转", "上年度转结", "上年转结", "上一年度结转", "转至今年", "转至本年",
             "上年遗留", "上年度遗留", "结转办理件", "上年度结转办理")),
        _t3("t3.new_plus_carried", "新收＋上年结转", ("new", "carried_in"), (),
            label="表三 本年新收 + 上年结转 总计"),
        _t3("t3.total", "办理结果总计", ("total",),
            ("办结", "答复", "已回复", "回复", "处理完毕", "办理完毕", "已办理", "完成"),
            label="表三 （七）总计"),
        _t3("t3.carried_out", "结转下年度", ("carried_out",), _CARRIED_OUT_WORDS, _CARRIED_OUT_WORDS,
            label="表三 结转下年度继续办理 总计"),
        _t3("t3.public", "予以公开", ("public",), ("予以公开", "同意公开", "全部公开")),
        _t3("t3.partial", "部分公开", ("partial",), ("部分公开",)),
        _t3("t3.public_partial", "予以公开＋部分公开", ("public", "partial"),
            ("予以公开及部分公开", "予以公开和部分公开", "予以公开或部分公开", "予以公开、部分公开",
             "公开及部分公开", "全部或部分公开"),
            label="表三 （一）予以公开 + （二）部分公开 总计"),
    ]
    for gkey, glabel in T3_GROUPS:
        qs.append(_t3(f"t3.{gkey}", glabel[3:], _group_rows(gkey), _GROUP_WORDS[gkey], label=f"表三 {glabel} 总计"))
    for row in T3_LEAF_ROWS:
        if row in _LEAF_WORDS:
            qs.append(_t3(f"t3.{row}", _t3_row_label(row), (row,), _LEAF_WORDS[row],
                          label=f"表三 {_t3_row_label(row)} 总计", menu=False))
    qs.append(Quantity("t3.new.natural", "本年新收 自然人", "表三 本年新收 / 自然人",
                       (t3_id("new", "natural"),), Unit.COUNT, 3, ("自然人",), family="t3col", menu=False))
    qs.append(Quantity("t3.new.legal", "本年新收 法人或其他组织", "表三 本年新收 / 法人或其他组织（五类之和）",
                       tuple(t3_id("new", c) for c in T3_APPLICANT_COLS if c != "natural"), Unit.COUNT, 3,
                       ("法人或其他组织", "法人和其他组织", "法人或者其他组织", "法人"), family="t3col", menu=False))
    qs.append(Quantity("t4.review", "行政复议", f"表四 {T4_GROUP_LABEL['review']} 总计",
                       (t4_id("review", "total"),), Unit.COUNT, 4, ("行政复议", "复议"), family="t4"))
    qs.append(Quantity("t4.litigation", T4_LITIGATION_LABEL,
                       f"表四 {T4_LITIGATION_LABEL}（{T4_GROUP_LABEL['suit_direct']} + "
                       f"{T4_GROUP_LABEL['suit_after']}）总计",
                       (t4_id("suit_direct", "total"), t4_id("suit_after", "total")), Unit.COUNT, 4,
                       ("行政诉讼", "诉讼"), family="t4"))
    for g in ("suit_direct", "suit_after"):
        qs.append(Quantity(f"t4.{g}", T4_GROUP_LABEL[g], f"表四 {T4_GROUP_LABEL[g]} 总计",
                           (t4_id(g, "total"),), Unit.COUNT, 4, (), family="t4"))
    verbs = {"issued": ("制发", "制定", "印发", "出台", "发布", "新制定", "新发布", "制定发布", "新增"),
             "repealed": ("废止", "废除", "清理废止", "宣布失效", "失效"),
             "in_force": ("现行有效", "继续有效", "有效")}
    for block in T2_BLOCKS:
        for rkey, rlabel in block.rows:
            for ckey, clabel in zip(block.columns, block.column_labels, strict=True):
                cid = t2_id(rkey, ckey)
                spec = CELL[cid]
                if block.key == "item1":
                    name = f"{rlabel} {clabel.removesuffix('件数')}"
                    qs.append(Quantity(f"t2.{rkey}.{ckey}", name, spec.label, (cid,), spec.unit, 2,
                                       verbs[ckey], family="t2doc"))
                elif block.unit is Unit.WAN_YUAN:
                    qs.append(Quantity(f"t2.{rkey}", f"{rlabel}（万元）", spec.label, (cid,), spec.unit, 2,
                                       (rlabel,), family="money"))
                else:
                    qs.append(Quantity(f"t2.{rkey}", f"{rlabel}决定", spec.label, (cid,), spec.unit, 2,
                                       (rlabel,), family="t2dec"))
    qs.append(Quantity("s6.info_fee", "信息处理费（元）", f"第六部分 {CELL[INFO_FEE_ID].label}", (INFO_FEE_ID,),
                       Unit.YUAN, 6, ("信息处理费",), family="money"))
    return tuple(qs)


QUANTITIES: tuple[Quantity, ...] = _build()
QUANTITY: dict[str, Quantity] = {q.key: q for q in QUANTITIES}
# What a share (percentage) is a share of: 「占P%」 are shares of （七）总计 in every sample.
SHARE_BASE = "t3.total"
SHAREABLE: tuple[str, ...] = tuple(q.key for q in QUANTITIES if q.family == "t3" and q.key not in
                                   ("t3.new", "t3.carried_in", "t3.new_plus_carried", "t3.total"))
# Document kinds of 表二（一）: the words that name them, for 「制发规范性文件4件」.
DOC_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("regulations", ("规章",)),
    ("normative", ("行政规范性文件", "规范性文件")),
)


def share_key(key: str) -> str:
    return f"{SHARE_PREFIX}{key}"


def is_field_key(key: str) -> bool:
    """A key a field token may carry: a quantity, or the share of one."""
    if key in QUANTITY:
        return True
    return key.startswith(SHARE_PREFIX) and key[len(SHARE_PREFIX):] in SHAREABLE


def share(results: Results, key: str) -> Decimal | None:
    """Exact percentage of （七）总计 (not rounded); None when blank or the total is 0."""
    part = QUANTITY[key].value(results)
    base = QUANTITY[SHARE_BASE].value(results)
    if part is None or not base:
        return None
    return Decimal(part) * 100 / Decimal(base)


def rounded_share(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-SHARE_PLACES), rounding=ROUND_HALF_UP)


def field_value(results: Results, key: str) -> Number | None:
    """What a field bound to ``key`` prints (shares already rounded)."""
    if key.startswith(SHARE_PREFIX):
        s = share(results, key[len(SHARE_PREFIX):])
        return None if s is None else rounded_share(s)
    return QUANTITY[key].value(results)


def field_name(key: str) -> str:
    """Chinese description of what a field is bound to (tooltips, menus)."""
    if key.startswith(SHARE_PREFIX):
        q = QUANTITY[key[len(SHARE_PREFIX):]]
        return f"{q.name}占{QUANTITY[SHARE_BASE].name}的百分比（保留{SHARE_PLACES}位小数，四舍五入）"
    return QUANTITY[key].label


def field_sources(key: str) -> tuple[str, ...]:
    """The cell ids a field reads."""
    if key.startswith(SHARE_PREFIX):
        return QUANTITY[key[len(SHARE_PREFIX):]].cells + QUANTITY[SHARE_BASE].cells
    return QUANTITY[key].cells


def format_number(value: Number) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
