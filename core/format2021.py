"""The 2021 national format (国办公开办函〔2021〕30号), declared once.

Everything that shows, checks, stores or exports a report reads this module:
the wizard builds its pages from ``SECTIONS`` and the table grids, the rules
walk ``TABLE3_ROWS``/``TABLE3_COLUMNS``, the project file accepts exactly
``CELLS``, and the exporters render ``Grid`` objects. Labels are verbatim from
the format (see docs/cell-ids.md for the id scheme).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Unit(Enum):
    """Value type and unit of a cell."""

    COUNT = "件"  # non-negative int
    WAN_YUAN = "万元"  # non-negative Decimal
    YUAN = "元"  # non-negative Decimal

    @property
    def is_money(self) -> bool:
        return self is not Unit.COUNT


@dataclass(frozen=True, slots=True)
class CellSpec:
    """One numeric cell of the format."""

    id: str
    table: str  # "t2" | "t3" | "t4" | "s6"
    section: int  # 1..6, the report section the cell is printed in
    row: str
    col: str
    label: str  # full Chinese path, for messages: 「表三 予以公开 / 自然人」
    unit: Unit
    computed: bool = False


# ---------------------------------------------------------------- sections

@dataclass(frozen=True, slots=True)
class Section:
    number: int
    key: str  # "s1".."s6"
    heading: str
    narrative: bool
    subheadings: tuple[str, ...] = ()


SECTIONS: tuple[Section, ...] = (
    Section(1, "s1", "一、总体情况", True,
            ("（一）主动公开", "（二）依申请公开", "（三）政府信息管理",
             "（四）政府信息公开平台建设", "（五）监督保障")),
    Section(2, "s2", "二、主动公开政府信息情况", False),
    Section(3, "s3", "三、收到和处理政府信息公开申请情况", False),
    Section(4, "s4", "四、政府信息公开行政复议、行政诉讼情况", False),
    Section(5, "s5", "五、存在的主要问题及改进情况", True, ("（一）存在问题", "（二）改进措施")),
    Section(6, "s6", "六、其他需要报告的事项", True,
            ("（一）信息处理费收取情况", "（二）落实上级年度政务公开工作要点情况",
             "（三）人大代表建议和政协委员提案办理结果公开情况", "（四）年度政务公开工作创新情况")),
)
SECTION_BY_KEY = {s.key: s for s in SECTIONS}
NARRATIVE_KEYS: tuple[str, ...] = ("preamble", "s1", "s5", "s6")
NARRATIVE_TITLES = {"preamble": "前言（导语）", "s1": SECTIONS[0].heading,
                    "s5": SECTIONS[4].heading, "s6": SECTIONS[5].heading}

# Sub-headings a government's own report adds (第五十条 and the format notice).
GOVERNMENT_S1_NOTE = "（五）监督保障：各级人民政府报告还应说明工作考核、社会评议和责任追究结果情况。"
GOVERNMENT_S5_NOTE = "本级人民政府报告还应说明上年度存在问题的整改情况。"


class ReportKind(Enum):
    DEPARTMENT = "department"
    GOVERNMENT = "government"

    @property
    def label(self) -> str:
        return {"department": "县级以上人民政府部门", "government": "本级人民政府"}[self.value]

    @property
    def deadline_month_day(self) -> tuple[int, int]:
        """第四十九条: departments by 31 January, a government's own report by 31 March."""
        return (1, 31) if self is ReportKind.DEPARTMENT else (3, 31)


# ---------------------------------------------------------------- 表二

@dataclass(frozen=True, slots=True)
class T2Block:
    key: str
    caption: str
    column_labels: tuple[str, ...]
    columns: tuple[str, ...]
    rows: tuple[tuple[str, str], ...]  # (key, label)
    unit: Unit = Unit.COUNT


T2_BLOCKS: tuple[T2Block, ...] = (
    T2Block("item1", "第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"),
            ("issued", "repealed", "in_force"),
            (("regulations", "规章"), ("normative", "行政规范性文件"))),
    T2Block("item5", "第二十条第（五）项", ("本年处理决定数量",), ("decisions",),
            (("licensing", "行政许可"),)),
    T2Block("item6", "第二十条第（六）项", ("本年处理决定数量",), ("decisions",),
            (("penalty", "行政处罚"), ("enforcement", "行政强制"))),
    T2Block("item8", "第二十条第（八）项", ("本年收费金额（单位：万元）",), ("amount",),
            (("fees", "行政事业性收费"),), Unit.WAN_YUAN),
)
T2_CONTENT_LABEL = "信息内容"
T2_GRID_COLUMNS = 4  # 信息内容 + three value columns; one-column blocks span three

# ---------------------------------------------------------------- 表三

@dataclass(frozen=True, slots=True)
class T3Row:
    key: str
    label: str
    group: str | None = None  # （三）..（六） group key, None if none
    in_results: bool = False  # under 三、本年度办理结果
    leaf: bool = False  # one of the 21 mutually exclusive result rows


T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_RESULTS_HEADING = "三、本年度办理结果"
T3_GROUPS: tuple[tuple[str, str], ...] = (
    ("deny", "（三）不予公开"),
    ("unable", "（四）无法提供"),
    ("reject", "（五）不予处理"),
    ("other", "（六）其他处理"),
)
T3_GROUP_LABEL = dict(T3_GROUPS)


def _leaf(key: str, label: str, group: str | None = None) -> T3Row:
    return T3Row(key, label, group, in_results=True, leaf=True)


TABLE3_ROWS: tuple[T3Row, ...] = (
    T3Row("new", "一、本年新收政府信息公开申请数量"),
    T3Row("carried_in", "二、上年结转政府信息公开申请数量"),
    _leaf("public", "（一）予以公开"),
    _leaf("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    _leaf("deny_secret", "1.属于国家秘密", "deny"),
    _leaf("deny_law", "2.其他法律行政法规禁止公开", "deny"),
    _leaf("deny_safety", "3.危及“三安全一稳定”", "deny"),
    _leaf("deny_third_party", "4.保护第三方合法权益", "deny"),
    _leaf("deny_internal", "5.属于三类内部事务信息", "deny"),
    _leaf("deny_process", "6.属于四类过程性信息", "deny"),
    _leaf("deny_case_file", "7.属于行政执法案卷", "deny"),
    _leaf("deny_query", "8.属于行政查询事项", "deny"),
    _leaf("unable_not_held", "1.本机关不掌握相关政府信息", "unable"),
    _leaf("unable_create", "2.没有现成信息需要另行制作", "unable"),
    _leaf("unable_unclear", "3.补正后申请内容仍不明确", "unable"),
    _leaf("reject_petition", "1.信访举报投诉类申请", "reject"),
    _leaf("reject_repeat", "2.重复申请", "reject"),
    _leaf("reject_publication", "3.要求提供公开出版物", "reject"),
    _leaf("reject_mass", "4.无正当理由大量反复申请", "reject"),
    _leaf("reject_confirm", "5.要求行政机关确认或重新出具已获取信息", "reject"),
    _leaf("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other"),
    _leaf("other_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other"),
    _leaf("other_other", "3.其他", "other"),
    T3Row("total", "（七）总计", in_results=True),
    T3Row("carried_out", "四、结转下年度继续办理"),
)
T3_ROW = {r.key: r for r in TABLE3_ROWS}
T3_LEAF_ROWS: tuple[str, ...] = tuple(r.key for r in TABLE3_ROWS if r.leaf)

# 填报说明: what each row counts, for the row label's tooltip in the wizard. Drawn from the format's
# own notes (「区分处理的，只计这一情形」, the 勾稽关系 under the table, the rules R1/R2/R8/X1 of
# shared/reference/format-2021.md) and the wording of 《政府信息公开条例》 the rows name.
_EXCLUSIVE = "每件办结的申请只计一种办理结果，各项互斥"
T3_ROW_NOTES: dict[str, str] = {
    "new": "统计年度（1月1日至12月31日）内新收到的政府信息公开申请件数，按申请人类型分列。"
           "勾稽关系：一 + 二 = 三（七）总计 + 四。",
    "carried_in": "上年度收到、结转到本年度继续办理的申请件数；应等于上年报告本表"
                  "「四、结转下年度继续办理」的同列数字。",
    "public": f"所申请的信息全部提供给申请人，或告知其获取该信息的方式和途径的申请件数。{_EXCLUSIVE}。",
    "partial": "所申请的信息中既有可以公开的、也有不应公开的内容，作区分处理后提供可以公开部分的申请件数。"
               "区分处理的只计在本项，不再计入（三）至（六）的任何一项。",
    "deny_secret": "所申请的信息依法确定为国家秘密的。",
    "deny_law": "法律、行政法规禁止公开的。",
    "deny_safety": "公开后可能危及国家安全、公共安全、经济安全、社会稳定（“三安全一稳定”）的。",
    "deny_third_party": "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害的。",
    "deny_internal": "行政机关的内部事务信息，即人事管理、后勤管理、内部工作流程三类信息。",
    "deny_process": "行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告"
                    "四类过程性信息。",
    "deny_case_file": "行政执法案卷信息。",
    "deny_query": "所申请的信息属于工商、不动产登记资料等，有关法律、行政法规对获取另有规定，"
                  "应按行政查询办理的。",
    "unable_not_held": "经检索没有所申请的信息，或所申请的信息不属于本机关负责公开的。",
    "unable_create": "本机关没有现成的信息，需要另行制作，或需要对现有信息进行加工、分析才能提供的。",
    "unable_unclear": "申请内容不明确，经告知补正后仍不明确、无法确定所申请信息的。",
    "reject_petition": "以政府信息公开申请的形式进行信访、举报、投诉等活动的。",
    "reject_repeat": "已就申请作出答复后，申请人重复申请公开相同信息的。",
    "reject_publication": "申请内容为要求提供政府公报、报刊、书籍等公开出版物的。",
    "reject_mass": "申请公开信息的数量、频次明显超过合理范围，且申请人说明的理由不合理的。",
    "reject_confirm": "要求行政机关确认或者重新出具申请人已获取的信息的。",
    "other_no_correction": "申请内容不明确，申请人无正当理由逾期不补正，行政机关不再处理的。",
    "other_unpaid": "申请人逾期未按收费通知缴纳信息处理费，行政机关不再处理的。"
                    "本项大于 0 时，第六部分应说明信息处理费的收取情况。",
    "other_other": "不属于以上任何一项的办理结果。",
    "total": f"本年度办结的申请件数，由程序计算：（一）至（六）共 {len(T3_LEAF_ROWS)} 项之和。",
    "carried_out": "截至 12 月 31 日尚未办结、转入下年度继续办理的申请件数。"
                   "勾稽关系：一 + 二 = 三（七）总计 + 四。",
}
T3_GROUP_NOTES: dict[str, str] = {
    "deny": "依法决定不予公开的申请，按理由分列；本组在表中没有自己的数字。",
    "unable": "因本机关没有、无法制作或申请不明确而无法提供信息的申请，按原因分列；本组在表中没有自己的数字。",
    "reject": "不作为政府信息公开申请处理或不予重复处理的申请，按情形分列；本组在表中没有自己的数字。",
    "other": "因申请人的原因不再处理的申请及其他结果；本组在表中没有自己的数字。",
}
T3_RESULTS_NOTE = f"本年度办结申请的办理结果。{_EXCLUSIVE}；（七）总计 = 以上 {len(T3_LEAF_ROWS)} 项之和。"
T3_INPUT_ROWS: tuple[str, ...] = tuple(r.key for r in TABLE3_ROWS if r.key != "total")

TABLE3_COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
)
T3_COL_LABEL = dict(TABLE3_COLUMNS)
T3_APPLICANT_COLS: tuple[str, ...] = tuple(k for k, _ in TABLE3_COLUMNS if k != "total")
T3_ALL_COLS: tuple[str, ...] = tuple(k for k, _ in TABLE3_COLUMNS)

# ---------------------------------------------------------------- 表四

T4_GROUPS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("suit_direct", "未经复议直接起诉"),
    ("suit_after", "复议后起诉"),
)
T4_GROUP_LABEL = dict(T4_GROUPS)
T4_LITIGATION_LABEL = "行政诉讼"
T4_COLUMNS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
T4_COL_LABEL = dict(T4_COLUMNS)
T4_PARTS: tuple[str, ...] = ("upheld", "corrected", "other", "pending")

# ---------------------------------------------------------------- 六

INFO_FEE_ID = "s6.info_fee"
INFO_FEE_LABEL = "信息处理费（元）"

# ---------------------------------------------------------------- cells


def t2_id(row: str, col: str) -> str:
    return f"t2.{row}.{col}"


def t3_id(row: str, col: str) -> str:
    return f"t3.{row}.{col}"


def t4_id(group: str, col: str) -> str:
    return f"t4.{group}.{col}"


def _build_cells() -> tuple[CellSpec, ...]:
    cells: list[CellSpec] = []
    for block in T2_BLOCKS:
        for rkey, rlabel in block.rows:
            for ckey, clabel in zip(block.columns, block.column_labels, strict=True):
                cells.append(CellSpec(t2_id(rkey, ckey), "t2", 2, rkey, ckey,
                                      f"表二 {block.caption} {rlabel} / {clabel}", block.unit))
    for row in TABLE3_ROWS:
        rlabel = row.label if row.group is None else f"{T3_GROUP_LABEL[row.group]}{row.label}"
        for ckey, clabel in TABLE3_COLUMNS:
            computed = row.key == "total" or ckey == "total"
            cells.append(CellSpec(t3_id(row.key, ckey), "t3", 3, row.key, ckey,
                                  f"表三 {rlabel} / {clabel}", Unit.COUNT, computed))
    for gkey, glabel in T4_GROUPS:
        for ckey, clabel in T4_COLUMNS:
            cells.append(CellSpec(t4_id(gkey, ckey), "t4", 4, gkey, ckey,
                                  f"表四 {glabel} / {clabel}", Unit.COUNT, ckey == "total"))
    cells.append(CellSpec(INFO_FEE_ID, "s6", 6, "info_fee", "amount", INFO_FEE_LABEL, Unit.YUAN))
    return tuple(cells)


CELLS: tuple[CellSpec, ...] = _build_cells()
CELL: dict[str, CellSpec] = {c.id: c for c in CELLS}
INPUT_IDS: tuple[str, ...] = tuple(c.id for c in CELLS if not c.computed)
COMPUTED_IDS: tuple[str, ...] = tuple(c.id for c in CELLS if c.computed)
# R0 ("no blank cells") covers the three tables; 六's fee is R8's business.
TABLE_INPUT_IDS: tuple[str, ...] = tuple(c.id for c in CELLS if not c.computed and c.table != "s6")
TABLE_IDS: dict[str, tuple[str, ...]] = {
    t: tuple(c.id for c in CELLS if c.table == t) for t in ("t2", "t3", "t4", "s6")
}


def rules_of_cell(cell_id: str, *, totals_stated: bool = False) -> frozenset[str]:
    """Error rules that a change of this cell alone can break.

    With computed totals (the normal case) a leaf change moves the totals along
    and only R1 (the printed 勾稽 identity) can break; with stated totals (a
    typed-in published report) the totals stay put and R2/R3/R4 break instead.
    """
    spec = CELL[cell_id]
    if spec.table == "t3":
        if spec.computed:
            if not totals_stated:
                return frozenset()
            if spec.row == "total":
                return frozenset({"R1", "R2", "R3"})
            if spec.row in ("new", "carried_in", "carried_out"):
                return frozenset({"R1", "R3"})
            return frozenset({"R2", "R3"})
        if not totals_stated:
            return frozenset({"R1"})
        return frozenset({"R3"} | ({"R2"} if spec.row in T3_LEAF_ROWS else {"R1"}))
    if spec.table == "t4":
        return frozenset({"R4"}) if totals_stated or spec.computed else frozenset()
    return frozenset()


# ---------------------------------------------------------------- grids
# The official table layouts as grids of merged cells. PDF, XLSX and the
# wizard render these; none of them lays out the headers on its own.

class Align(Enum):
    LEFT = "left"
    CENTRE = "centre"
    RIGHT = "right"


class Role(Enum):
    """What a label cell stands for, beyond its text: every renderer reads this, none guesses it."""

    PLAIN = "plain"
    HEADING = "heading"  # 三、本年度办理结果: spans the whole results block
    GROUP = "group"  # （三）不予公开 …: spans its group's rows; the wizard shows its subtotal


_DEFAULT_ALIGN = {"caption": Align.CENTRE, "header": Align.CENTRE, "note": Align.CENTRE,
                  "label": Align.LEFT, "value": Align.RIGHT}


@dataclass(frozen=True, slots=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    kind: str  # "caption" | "header" | "note" | "label" | "value"
    text: str = ""
    cell_id: str | None = None
    role: Role = Role.PLAIN
    group: str | None = None  # the 表三 group key of a GROUP label
    align: Align | None = None  # None: the kind's usual alignment (see ``alignment``)
    note: str = ""  # 填报说明 of a label: what its row counts (the wizard's tooltip)

    @property
    def alignment(self) -> Align:
        """Horizontal alignment as the official form prints it; heading and group labels centred."""
        if self.align is not None:
            return self.align
        if self.role is not Role.PLAIN:
            return Align.CENTRE
        return _DEFAULT_ALIGN[self.kind]


@dataclass(frozen=True, slots=True)
class Grid:
    key: str
    title: str
    n_rows: int
    n_cols: int
    header_rows: int  # rows repeated when the table breaks across pages
    cells: tuple[GridCell, ...]
    col_weights: tuple[float, ...]  # relative column widths

    def value_cells(self) -> tuple[GridCell, ...]:
        return tuple(c for c in self.cells if c.kind == "value")

    def group_cells(self) -> tuple[GridCell, ...]:
        return tuple(c for c in self.cells if c.role is Role.GROUP)


def _grid_t2() -> Grid:
    cells: list[GridCell] = []
    r = 0
    for block in T2_BLOCKS:
        cells.append(GridCell(r, 0, 1, T2_GRID_COLUMNS, "caption", block.caption))
        r += 1
        cells.append(GridCell(r, 0, 1, 1, "header", T2_CONTENT_LABEL))
        span = 3 // len(block.columns)
        for i, clabel in enumerate(block.column_labels):
            cells.append(GridCell(r, 1 + i * span, 1, span, "header", clabel))
        r += 1
        for rkey, rlabel in block.rows:
            cells.append(GridCell(r, 0, 1, 1, "label", rlabel))
            for i, ckey in enumerate(block.columns):
                cells.append(GridCell(r, 1 + i * span, 1, span, "value", cell_id=t2_id(rkey, ckey)))
            r += 1
    return Grid("t2", SECTIONS[1].heading, r, T2_GRID_COLUMNS, 0, tuple(cells), (2.2, 1.2, 1.2, 1.2))


def _grid_t3() -> Grid:
    h = 3  # header rows
    stub = 3  # label columns
    cells: list[GridCell] = [
        GridCell(0, 0, h, stub, "note", T3_NOTE),
        GridCell(0, stub, 1, 7, "header", "申请人情况"),
        GridCell(1, stub, 2, 1, "header", "自然人"),
        GridCell(1, stub + 1, 1, 5, "header", "法人或其他组织"),
        GridCell(1, stub + 6, 2, 1, "header", "总计"),
    ]
    for i, ckey in enumerate(T3_APPLICANT_COLS[1:]):
        cells.append(GridCell(2, stub + 1 + i, 1, 1, "header", T3_COL_LABEL[ckey]))
    results_start = None
    group_start: dict[str, int] = {}
    group_len: dict[str, int] = {}
    for i, row in enumerate(TABLE3_ROWS):
        r = h + i
        if row.in_results:
            if results_start is None:
                results_start = r
            if row.group is None:
                cells.append(GridCell(r, 1, 1, 2, "label", row.label, note=T3_ROW_NOTES.get(row.key, "")))
            else:
                group_start.setdefault(row.group, r)
                group_len[row.group] = group_len.get(row.group, 0) + 1
                cells.append(GridCell(r, 2, 1, 1, "label", row.label, note=T3_ROW_NOTES.get(row.key, "")))
        else:
            cells.append(GridCell(r, 0, 1, stub, "label", row.label, note=T3_ROW_NOTES.get(row.key, "")))
        for j, ckey in enumerate(T3_ALL_COLS):
            cells.append(GridCell(r, stub + j, 1, 1, "value", cell_id=t3_id(row.key, ckey)))
    n_results = sum(1 for row in TABLE3_ROWS if row.in_results)
    assert results_start is not None
    cells.append(GridCell(results_start, 0, n_results, 1, "label", T3_RESULTS_HEADING, role=Role.HEADING,
                          note=T3_RESULTS_NOTE))
    for gkey, glabel in T3_GROUPS:
        cells.append(GridCell(group_start[gkey], 1, group_len[gkey], 1, "label", glabel,
                              role=Role.GROUP, group=gkey, note=T3_GROUP_NOTES.get(gkey, "")))
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid("t3", SECTIONS[2].heading, h + len(TABLE3_ROWS), stub + 7, h, tuple(cells),
                (0.9, 1.3, 4.2) + (1.0,) * 7)


def _grid_t4() -> Grid:
    cells: list[GridCell] = [
        GridCell(0, 0, 1, 5, "header", T4_GROUP_LABEL["review"]),
        GridCell(0, 5, 1, 10, "header", T4_LITIGATION_LABEL),
        GridCell(1, 5, 1, 5, "header", T4_GROUP_LABEL["suit_direct"]),
        GridCell(1, 10, 1, 5, "header", T4_GROUP_LABEL["suit_after"]),
    ]
    # As the form prints it: 行政复议's result headers span the second and third header rows.
    for g, (gkey, _) in enumerate(T4_GROUPS):
        for j, (ckey, clabel) in enumerate(T4_COLUMNS):
            if gkey == "review":
                cells.append(GridCell(1, j, 2, 1, "header", clabel))
            else:
                cells.append(GridCell(2, g * 5 + j, 1, 1, "header", clabel))
            cells.append(GridCell(3, g * 5 + j, 1, 1, "value", cell_id=t4_id(gkey, ckey)))
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid("t4", SECTIONS[3].heading, 4, 15, 3, tuple(cells), (1.0,) * 15)


GRID_T2 = _grid_t2()
GRID_T3 = _grid_t3()
GRID_T4 = _grid_t4()
GRIDS: dict[str, Grid] = {"t2": GRID_T2, "t3": GRID_T3, "t4": GRID_T4}

# ---------------------------------------------------------------- 2019 residue
# Terms of the 2019 试行 format (国办公开办函〔2019〕60号) that must not survive in a 2021+ report.
RESIDUE_2019_TERMS: tuple[str, ...] = (
    "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减",
    "其他对外管理服务事项", "第二十条第（九）项", "第二十条第(九)项", "政府集中采购",
)
# The 2019 layout an import finds in the tables, by short key (the project file's
# ``imported.residue_2019``): term → key; every term is of 表二 (its columns and its rows).
RESIDUE_2019_KEYS: dict[str, str] = {
    "本年新制作数量": "t2.col_new_made", "本年新公开数量": "t2.col_new_published",
    "对外公开总数量": "t2.col_total_published", "上一年项目数量": "t2.col_last_year",
    "本年增/减": "t2.col_change", "本年增减": "t2.col_change",
    "其他对外管理服务事项": "t2.row_other_services", "第二十条第（九）项": "t2.row_art20_9",
    "第二十条第(九)项": "t2.row_art20_9", "政府集中采购": "t2.row_procurement",
}
# 表三 （六）其他处理 as one row (2019) instead of the three 2021 sub-rows.
RESIDUE_2019_OTHER_SINGLE_ROW = "t3.other_single_row"
assert set(RESIDUE_2019_KEYS) == set(RESIDUE_2019_TERMS)
