"""One matcher for every reader: tables of strings onto the official grids, by their labels.

A row is recognised by its most specific label (the rightmost label cell that names a
row of 表二/表三), a column by the lowest header cell above it (表四 also by the group
header over it). Positions are used only within a table, after its header said which
column is which; text pasted without a grid falls back to the order the format
prints, and every cell read that way without certainty is listed as uncertain.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.format2021 import (
    CELL,
    T2_BLOCKS,
    T3_ALL_COLS,
    T3_ROW,
    T4_COLUMNS,
    T4_GROUPS,
    TABLE3_ROWS,
    TABLE_INPUT_IDS,
    t2_id,
    t3_id,
    t4_id,
)
from core.importing import labels as L
from core.importing.document import Document, Table
from core.values import CellValue, parse

T2_BLOCK_OF_ROW = {rkey: b for b in T2_BLOCKS for rkey, _ in b.rows}
T4_ORDER = tuple((g, c) for g, _ in T4_GROUPS for c, _ in T4_COLUMNS)
T3_ORDER = {r.key: i for i, r in enumerate(TABLE3_ROWS)}
OTHER_SINGLE_ROW = "（六）其他处理（单行）"  # the entry of Match.residue_2019 for the 2019 single row


@dataclass(frozen=True, slots=True)
class Read:
    cell_id: str
    raw: str
    value: CellValue
    where: str


@dataclass(frozen=True, slots=True)
class Doubt:
    cell_id: str | None
    where: str
    reason: str


@dataclass(slots=True)
class Match:
    cells: dict[str, CellValue] = field(default_factory=dict)  # input cells read (blanks omitted)
    printed_totals: dict[str, CellValue] = field(default_factory=dict)  # every total as printed
    read: dict[str, Read] = field(default_factory=dict)  # every cell found, blank or not
    doubts: list[Doubt] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # 2019 residue, moved rows, ignored rows
    tables: dict[str, str] = field(default_factory=dict)  # "t3" -> where it was first found
    residue_2019: list[str] = field(default_factory=list)
    residue_where: dict[str, str] = field(default_factory=dict)  # term (as in residue_2019) -> where first seen

    def not_found(self) -> list[str]:
        return [cid for cid in CELL if cid not in self.read and (CELL[cid].table != "s6")]

    def uncertain_ids(self) -> set[str]:
        return {d.cell_id for d in self.doubts if d.cell_id}


def _dedupe(items: list[str]) -> list[str]:
    out: list[str] = []
    for t in items:
        if t and (not out or out[-1] != t):
            out.append(t)
    return out


class _Matcher:
    def __init__(self) -> None:
        self.m = Match()
        self.colmaps: dict[str, dict[str, int]] = {}  # "t2"/"t3": column key -> grid column
        self.t2_order: list[str | None] = []  # text mode: the column keys of the last 表二 header, in order
        self.context = ""  # the table kind last seen ("t2" | "t3" | "t4")
        self.rows_seen: dict[str, list[tuple[str, str]]] = {"t2": [], "t3": []}
        self.other_single_row = False
        self.other_single_row_where = ""
        self.t3_header_where = ""
        self.t2_header_2019 = False  # the last 表二 header has 2019 columns

    # ------------------------------------------------------------ results

    def put(self, cell_id: str, raw: str, where: str, doubt: str | None = None) -> None:
        spec = CELL[cell_id]
        # A number wrapped in a narrow cell (「12\n34」) is one number: spaces inside say nothing.
        value = parse("".join(raw.split()) if L.is_value(raw) else raw, spec.unit)
        old = self.m.read.get(cell_id)
        if old is not None:
            if old.value != value:
                self.m.doubts.append(Doubt(cell_id, where, f"{spec.label}：{old.where}读作“{old.raw}”，"
                                                            f"此处又读作“{raw.strip()}”，取前者"))
            return
        self.m.read[cell_id] = Read(cell_id, raw.strip(), value, where)
        if spec.computed:
            self.m.printed_totals[cell_id] = value
        elif value is not None:
            self.m.cells[cell_id] = value
        if doubt:
            self.m.doubts.append(Doubt(cell_id, where, f"{spec.label}：{doubt}"))

    def note(self, text: str) -> None:
        if text not in self.m.notes:
            self.m.notes.append(text)

    def residue(self, term: str, where: str) -> None:
        if term not in self.m.residue_2019:
            self.m.residue_2019.append(term)
            self.m.residue_where[term] = where
            self.note(f"{where}：“{term}”是 2019 年试行格式的内容，2021 年格式中没有对应项，未导入")

    # ------------------------------------------------------------ header analysis

    def header_kind(self, labels: list[str]) -> str | None:
        cores = {L.core(t) for t in labels}
        t3 = sum(1 for c in cores if c in L.T3_COLUMNS.by_core and L.T3_COLUMNS.by_core[c] != "total")
        t4g = sum(1 for c in cores if c in L.T4_GROUP_INDEX.by_core)
        t4c = sum(1 for c in cores if c in L.T4_COLUMNS_INDEX.by_core and L.T4_COLUMNS_INDEX.by_core[c] != "total")
        t2 = sum(1 for t in labels if L.T2_COLUMNS.find(t) is not None or L.residue_term(t))
        if t4g >= 1 and (t4g >= 2 or t4c >= 2):
            return "t4"
        if t4c >= 2 and self.context == "t4":
            return "t4"
        if t3 >= 2:
            return "t3"
        if t2 >= 1 and (L.CONTENT in cores or t2 >= 2):
            return "t2"
        return None

    def stacks(self, table: Table, header_rows: list[int]) -> list[list[str]]:
        width = max((len(table.rows[r]) for r in header_rows), default=0)
        return [_dedupe([table.rows[r][j] if j < len(table.rows[r]) else "" for r in header_rows])
                for j in range(width)]

    def colmap_t3(self, stacks: list[list[str]]) -> dict[str, int]:
        out: dict[str, int] = {}
        for j, stack in enumerate(stacks):
            if not stack:
                continue
            hit = L.T3_COLUMNS.find(stack[-1])
            if hit is not None and hit.key not in out:
                out[hit.key] = j
        return out if len(out) >= 5 else {}

    def colmap_t4(self, stacks: list[list[str]]) -> dict[tuple[str, str], int]:
        out: dict[tuple[str, str], int] = {}
        for j, stack in enumerate(stacks):
            if not stack:
                continue
            col = L.T4_COLUMNS_INDEX.find(stack[-1])
            groups = {L.T4_GROUP_INDEX.exact(t) for t in stack}
            group = ("suit_direct" if "suit_direct" in groups else "suit_after" if "suit_after" in groups
                     else "review" if "review" in groups else None)
            if col is not None and group is not None and (group, col.key) not in out:
                out[(group, col.key)] = j
        return out if len(out) >= 10 else {}

    def colmap_t2(self, labels: list[str], where: str) -> tuple[dict[str, int], list[str | None]]:
        out: dict[str, int] = {}
        order: list[str | None] = []
        for j, text in enumerate(labels):
            if not text or L.core(text) == L.CONTENT:
                continue
            term = L.residue_term(text)
            if term:
                self.residue(term, where)
                order.append(None)
                continue
            hit = L.T2_COLUMNS.find(text)
            order.append(hit.key if hit else None)
            if hit and hit.key not in out:
                out[hit.key] = j
        return out, order

    # ------------------------------------------------------------ rows

    def row_key(self, label_cells: list[tuple[int, str]], where: str) -> tuple[str, int, bool] | None:
        """(key, index of the label cell, sure) of the most specific label naming a row."""
        for j, text in reversed(label_cells):
            term = L.residue_term(text)
            if term:
                self.residue(term, where)
                return ("residue", j, True)
            hit = L.ROWS.find(text)
            if hit is None or not hit.sure:
                # Several labels run together (text pasted without cell borders): the rightmost one names the row.
                for tail in reversed(L.tails(text)):
                    key = L.ROWS.exact(tail) or L.GROUPS.exact(tail)
                    if key is not None:
                        return (key if ":" in key else f"group:{key}", j, True)
            if hit is not None:
                return (hit.key, j, hit.sure)
            group = L.GROUPS.exact(text)
            if group is not None:
                return (f"group:{group}", j, True)
            if L.CAPTIONS.exact(text) is not None:
                return ("caption", j, True)
        return None

    def table(self, table: Table) -> None:
        pending: list[int] = []  # non-data rows since the last data row: the header of what follows
        for r, row in enumerate(table.rows):
            self.row(table, r, row, pending)
        if pending and table.dense:
            # A header with no data under it: the table goes on on the next page.
            self.learn_t3(table, pending)

    def learn_t3(self, table: Table, pending: list[int]) -> None:
        stacks = self.stacks(table, pending)
        cmap = self.colmap_t3(stacks)
        if cmap:
            # Counted from the right edge: a table continued on the next page has the same value
            # columns but may have its label columns split differently.
            self.colmaps["t3"] = {k: len(stacks) - j for k, j in cmap.items()}
            self.t3_header_where = table.where

    def row(self, table: Table, r: int, row: list[str], pending: list[int]) -> None:
        where = table.place(r)
        labels = [(j, t) for j, t in enumerate(row) if t.strip() and not L.is_value(t)]
        label_texts = _dedupe([t for _, t in labels])
        kind = self.header_kind(label_texts)
        if kind is not None:
            self.context = kind
            if kind == "t2":
                cmap, self.t2_order = self.colmap_t2(row if table.dense else label_texts, where)
                self.colmaps["t2"] = cmap
                self.t2_header_2019 = any(L.residue_term(t) for t in label_texts)
            pending.append(r)
            return
        found = self.row_key(labels, where)
        if found is not None and found[0] == "caption":
            self.context = "t2"
            pending.append(r)
            return
        after = found[1] + 1 if found else 0
        values = [(j, row[j]) for j in range(after, len(row))]
        if found is None and not labels and self.context == "t4" and table.dense and row:
            self.t4_row(table, r, row, pending, where)
            return
        if not any(t.strip() for _, t in values) and not (found and table.dense and values):
            pending.append(r)
            return
        if found is None:
            if not labels and self.context == "t4":
                self.t4_row(table, r, row, pending, where)
            else:
                pending.append(r)
            return
        key, j, sure = found
        if any(not L.is_value(t) for _, t in values if t.strip()):
            pending.append(r)  # labels right of the row label: a header or a note, not a data row
            return
        doubt = None if sure else f"行标题“{row[j].strip()}”与格式不完全一致，按最接近的“{self.label_of(key)}”读取"
        if key.startswith("t2:"):
            self.context = "t2"
            self.t2_row(table, r, row, key[3:], after=after, where=where, doubt=doubt)
        elif key.startswith("t3:") or key == "group:other":
            self.context = "t3"
            if key == "group:other":
                if not self.other_single_row:
                    self.other_single_row_where = where
                self.other_single_row = True
                self.note(f"{where}：（六）其他处理只有一行（2019 年试行格式），其数字记入“3.其他”，"
                          "2021 年格式的另外两行留空")
                key = "t3:other_other"
            self.t3_row(table, r, row, key[3:], after=after, pending=pending, where=where, doubt=doubt)
        elif key.startswith("group:"):
            self.note(f"{where}：分组小计行“{row[j].strip()}”不是格式中的单元格，未导入")
        pending.clear()

    def label_of(self, key: str) -> str:
        kind, _, rkey = key.partition(":")
        if kind == "t3":
            return T3_ROW[rkey].label
        if kind == "t2":
            return dict(T2_BLOCK_OF_ROW[rkey].rows)[rkey]
        return key

    def t2_row(self, table: Table, r: int, row: list[str], rkey: str, *, after: int, where: str,
               doubt: str | None) -> None:
        block = T2_BLOCK_OF_ROW[rkey]
        self.m.tables.setdefault("t2", table.where)
        self.rows_seen["t2"].append((rkey, where))
        cmap = self.colmaps.get("t2", {})
        if table.dense and cmap and all(c in cmap for c in block.columns):
            for ckey in block.columns:
                j = cmap[ckey]
                raw = row[j] if j < len(row) else ""
                self.put(t2_id(rkey, ckey), raw, table.place(r, j), doubt)
            return
        if self.t2_header_2019 and not any(c in cmap for c in block.columns):
            self.note(f"{where}：表二“{self.label_of('t2:' + rkey)}”一行的列是 2019 年试行格式，未导入")
            return
        tokens = row[after:]
        if table.dense:
            tokens = _dedupe(tokens) if len(block.columns) == 1 else tokens
        order: list[str | None] = list(block.columns)
        if not table.dense and any(k in block.columns for k in self.t2_order):
            order = list(self.t2_order)
        self.place_tokens(tokens, [t2_id(rkey, k) if k in block.columns else None for k in order],
                          where, doubt, dense=table.dense)

    def t3_row(self, table: Table, r: int, row: list[str], rkey: str, *, after: int, pending: list[int],
               where: str, doubt: str | None) -> None:
        self.m.tables.setdefault("t3", table.where)
        self.rows_seen["t3"].append((rkey, where))
        ids = [t3_id(rkey, c) for c in T3_ALL_COLS]
        if table.dense:
            if pending:
                self.learn_t3(table, pending)
            cmap3 = self.colmaps.get("t3", {})
            if len(cmap3) == len(T3_ALL_COLS) and max(cmap3.values()) <= len(row) - after:
                if self.t3_header_where != table.where:
                    self.note(f"表三在{table.where}续表，沿用{self.t3_header_where}的列标题")
                for ckey in T3_ALL_COLS:
                    j = len(row) - cmap3[ckey]
                    self.put(t3_id(rkey, ckey), row[j], table.place(r, j), doubt)
                return
            tail = row[after:]
            if len(tail) >= len(ids):
                tail = tail[-len(ids):]
                for cid, raw in zip(ids, tail, strict=True):
                    self.put(cid, raw, where, doubt or "未找到列标题，按格式的列序读取")
                return
        self.place_tokens(row[after:], list(ids), where, doubt, dense=False)

    def t4_row(self, table: Table, r: int, row: list[str], pending: list[int], where: str) -> None:
        self.m.tables.setdefault("t4", table.where)
        ids = [t4_id(g, c) for g, c in T4_ORDER]
        if table.dense:
            cmap = self.colmap_t4(self.stacks(table, pending)) if pending else {}
            if len(cmap) == len(ids):
                for g, c in T4_ORDER:
                    j = cmap[(g, c)]
                    self.put(t4_id(g, c), row[j] if j < len(row) else "", table.place(r, j))
                pending.clear()
                self.context = ""
                return
        self.place_tokens(row, list(ids), where, None, dense=False)
        pending.clear()
        self.context = ""

    def place_tokens(self, tokens: list[str], ids: list[str | None], where: str, doubt: str | None,
                     *, dense: bool) -> None:
        """Values in the order the format prints them, when no header says which column is which."""
        n = len(ids)
        filled = [i for i, t in enumerate(tokens) if t.strip()]
        if not filled:
            return
        if len(tokens) == n:
            chosen, why = tokens, doubt
        elif len(filled) == n:
            chosen, why = [tokens[i] for i in filled], doubt
        else:
            starts = [s for s in range(0, max(len(tokens) - n, 0) + 1)
                      if filled[0] >= s and filled[-1] < s + n]
            if len(tokens) > n and starts:
                chosen = tokens[starts[0]:starts[0] + n]
            else:
                chosen = (tokens + [""] * n)[:n]
            why = doubt or f"此行只读到 {len(filled)} 个数字（应有 {n} 个），无法确定各数字所在的列"
            if dense and len(filled) == len(tokens) and len(tokens) < n:
                why = doubt or f"此行只有 {len(tokens)} 个单元格（应有 {n} 个）"
        for cid, raw in zip(ids, chosen, strict=True):
            if cid is not None:
                self.put(cid, raw, where, why)

    # ------------------------------------------------------------ after all tables

    def finish(self) -> Match:
        m = self.m
        seen = self.rows_seen["t3"]
        order = [k for k, _ in seen]
        if order != sorted(order, key=T3_ORDER.__getitem__):
            expected = sorted(order, key=T3_ORDER.__getitem__)
            for (k, where), want in zip(seen, expected, strict=True):
                if k != want:
                    m.notes.append(f"表三“{T3_ROW[k].label}”在{where}，与格式的行序不同（已按行标题读取）")
        if self.other_single_row:
            m.residue_2019.append(OTHER_SINGLE_ROW)
            m.residue_where[OTHER_SINGLE_ROW] = self.other_single_row_where
        return m


def match(doc: Document) -> Match:
    """Read every 表二/表三/表四 cell the document's tables carry."""
    matcher = _Matcher()
    for table in doc.tables:
        matcher.table(table)
    return matcher.finish()


__all__ = ["TABLE_INPUT_IDS", "Doubt", "Match", "Read", "match"]
