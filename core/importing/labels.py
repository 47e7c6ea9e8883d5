"""Label normalisation and the label indices the matcher looks up, all derived from format2021.

Published reports retype the official labels: 「1、」 for 「1.」, full-width or half-width
brackets, spaces and line breaks inside a cell, straight or curly quotes, a few recurring
typos. ``norm`` removes what never carries meaning; ``core`` also drops the numbering so
「（一）予以公开」, 「(一) 予以公开」 and 「一、予以公开」 meet.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from core.format2021 import (
    RESIDUE_2019_TERMS,
    T2_BLOCKS,
    T2_CONTENT_LABEL,
    T3_GROUPS,
    T3_NOTE,
    T3_RESULTS_HEADING,
    T4_COLUMNS,
    T4_GROUPS,
    T4_LITIGATION_LABEL,
    TABLE3_COLUMNS,
    TABLE3_ROWS,
)
from core.values import BLANK_MARKERS

_DROP = str.maketrans("", "", "“”‘’\"'「」『』〝〞")
_SPACE = re.compile(r"\s+")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[.、,]|\([一二三四五六七八九十]+\)[.、]?|\d{1,2}[.、,](?!\d)|\(\d{1,2}\)|[①-⑳])")
_VALUE = re.compile(r"^[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:万元|元|件|个|条|项|次)?$")

# Misspellings seen in published reports, mapped to what the format says (after ``norm``).
KNOWN_TYPOS: dict[str, str] = {
    "本年度止件数": "本年废止件数",
    "本年度废止件数": "本年废止件数",
    "本年制定件数": "本年制发件数",
}


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _SPACE.sub("", text).translate(_DROP)
    text = text.replace("、", ".").replace("。", ".")
    return KNOWN_TYPOS.get(text, text)


def core(text: str) -> str:
    n = norm(text)
    stripped = _NUMBERING.sub("", n, count=1)
    return stripped or n


_INNER_NUMBERING = re.compile(r"(?<=.)(?:\([一二三四五六七八九十]+\)|(?<![\d.])\d{1,2}\.(?!\d))")


def tails(text: str) -> list[str]:
    """The parts of a label cell that start at an inner numbering, most specific last:
    「三、本年度办理结果 （一）予以公开」 holds 「（一）予以公开」."""
    n = norm(text)
    return [n[m.start():] for m in _INNER_NUMBERING.finditer(n)]


def is_value(text: str) -> bool:
    """Text that is a cell value (a number, a number with a unit, or a blank marker), not a label."""
    t = unicodedata.normalize("NFKC", text).strip()
    if t in BLANK_MARKERS:
        return True
    return bool(_VALUE.match(_SPACE.sub("", t)))


@dataclass(frozen=True, slots=True)
class Hit:
    key: str
    how: str  # "exact" | "partial" | "fuzzy"

    @property
    def sure(self) -> bool:
        return self.how != "fuzzy"


class Index:
    """Labels of one kind (rows, columns …) by their core text."""

    def __init__(self, entries: list[tuple[str, str]], *, short: bool = False) -> None:
        self.by_core: dict[str, str] = {}
        for label, key in entries:
            c = core(label)
            self.by_core.setdefault(c, key)
            if short and "(" in c:  # 「部分公开」 for 「部分公开（区分处理的，…）」
                self.by_core.setdefault(c.split("(", 1)[0], key)
        self._cores = list(self.by_core)

    def exact(self, text: str) -> str | None:
        return self.by_core.get(core(text))

    def find(self, text: str) -> Hit | None:
        c = core(text)
        if not c:
            return None
        key = self.by_core.get(c)
        if key is not None:
            return Hit(key, "exact")
        if len(c) >= 4:
            # A wrapped label cut short, or extra words around the official one.
            keys = {k for lc, k in self.by_core.items() if len(lc) >= 4 and (lc.startswith(c) or c.startswith(lc))}
            if len(keys) == 1:
                return Hit(keys.pop(), "partial")
            best = difflib.get_close_matches(c, self._cores, n=2, cutoff=0.8)
            if best and (len(best) == 1 or self.by_core[best[0]] == self.by_core[best[1]]
                         or difflib.SequenceMatcher(None, c, best[0]).ratio()
                         > difflib.SequenceMatcher(None, c, best[1]).ratio() + 0.05):
                return Hit(self.by_core[best[0]], "fuzzy")
        return None


# Row keys: 「t2:<row>」, 「t3:<row>」; groups 「group:<key>」; captions 「caption:<block>」.
ROWS = Index([(label, f"t2:{key}") for b in T2_BLOCKS for key, label in b.rows]
             + [(r.label, f"t3:{r.key}") for r in TABLE3_ROWS], short=True)
GROUPS = Index([(label, key) for key, label in T3_GROUPS])
CAPTIONS = Index([(b.caption, b.key) for b in T2_BLOCKS])
T2_COLUMNS = Index([(label, key) for b in T2_BLOCKS for key, label in zip(b.columns, b.column_labels, strict=True)])
T3_COLUMNS = Index([(label, key) for key, label in TABLE3_COLUMNS])
T4_COLUMNS_INDEX = Index([(label, key) for key, label in T4_COLUMNS])
T4_GROUP_INDEX = Index([(label, key) for key, label in T4_GROUPS] + [(T4_LITIGATION_LABEL, "litigation")])
RESIDUE = Index([(term, term) for term in RESIDUE_2019_TERMS])
CONTENT = core(T2_CONTENT_LABEL)
T3_NOTE_CORE = core(T3_NOTE)
RESULTS_CORE = core(T3_RESULTS_HEADING)


def residue_term(text: str) -> str | None:
    """The 2019 term a label is (or contains), or None."""
    n = norm(text)
    for term in RESIDUE_2019_TERMS:
        if norm(term) in n:
            return term
    return None
