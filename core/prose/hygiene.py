"""Typographic hygiene of the narrative, offered as fixes (never applied on its own).

Three kinds, as reviewers mark them on drafts:

- ``punct``: a half-width ``, . ; : ? ! ( )`` in Chinese text → ``，。；：？！（）`` (a mark after a
  CJK character; a ``.`` only when no letter or digit follows, so 「1.5」 and 「gov.cn」 stay; a
  bracket pair when either side of the opening bracket or the text inside is Chinese). The spaces
  a half-width mark drags along are dropped with it.
- ``space``: spaces between a number and a Chinese character (「2024 年」「共 12 件」) or between two
  Chinese characters (「政府 信息」). Spaces next to Latin words (「使用 WPS 编辑」) are left alone.
- ``heading``: a run-in sub-heading written half-width 「(一) 」 or 「（一） 」 → 「（一）」.

Never touched: a field or an unlinked generated number (``core.fields``; a fix may stand next to
one but never inside), text inside 《》〈〉「」『』 — titles of documents and verbatim quotations, which
are quoted exactly as issued even when they hold half-width marks — and web or e-mail addresses.
Leading indentation is the print style's business (``core.blocks.paragraphs`` strips it).

Positions are in the stored source; ``apply`` rewrites the source through ``core.fields`` so
tokens come out unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.compute import Results
from core.fields import Segment, Text, parse, render, to_source

_FULL = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Chinese text for the neighbour tests: ideographs and full-width punctuation.
_CJK_OR_PUNCT = re.compile(r"[\u3000-\u303f\uff01-\uff60\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                           r"\u2018-\u201d\u2014\u2026\U00020000-\U0003134f]")
_SPACE = " \t\u00a0\u3000"
_SPACES = re.compile(f"[{_SPACE}]+")
_PROTECTED_PAIRS = {"《": "》", "〈": "〉", "「": "」", "『": "』"}
_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s，。；、,;）)」》]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
_HEADING = re.compile(r"^([ \t\u00a0\u3000]*)([（(])[ \t\u3000]*([一二三四五六七八九十]+)[ \t\u3000]*([）)])"
                      r"([ \t\u00a0\u3000]*)", re.MULTILINE)
FIELD_CHAR = "\ufffc"  # stands for a field in the text the rules read: a digit-like neighbour

KIND_LABEL = {"punct": "半角标点", "space": "多余空格", "heading": "半角序号"}


@dataclass(frozen=True, slots=True)
class Fix:
    kind: str  # "punct" | "space" | "heading"
    edits: tuple[tuple[int, int, str], ...]  # (start, end, replacement) in the view text, ascending
    message: str  # Chinese, what is changed

    @property
    def start(self) -> int:
        return self.edits[0][0]

    @property
    def end(self) -> int:
        return self.edits[-1][1]


def _view(segments: tuple[Segment, ...]) -> tuple[str, list[int]]:
    """The text the rules read (a field is one FIELD_CHAR) and where each segment starts in it."""
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for seg in segments:
        starts.append(pos)
        piece = seg.text if isinstance(seg, Text) else FIELD_CHAR
        parts.append(piece)
        pos += len(piece)
    return "".join(parts), starts


def _protected(view: str) -> list[bool]:
    out = [False] * len(view)
    for line_start, line in _lines(view):
        stack: list[str] = []
        for i, ch in enumerate(line):
            if stack:
                out[line_start + i] = True
                if ch == stack[-1]:
                    stack.pop()
                elif ch in _PROTECTED_PAIRS:
                    stack.append(_PROTECTED_PAIRS[ch])
            elif ch in _PROTECTED_PAIRS:
                stack.append(_PROTECTED_PAIRS[ch])
        for m in _ADDRESS.finditer(line):
            for i in range(m.start(), m.end()):
                out[line_start + i] = True
    for i, ch in enumerate(view):
        if ch == FIELD_CHAR:
            out[i] = True
    return out


def _lines(view: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    for line in view.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _cjk(ch: str) -> bool:
    return bool(ch) and _CJK_OR_PUNCT.match(ch) is not None


def _digit(ch: str) -> bool:
    return ch.isdigit() or ch in (FIELD_CHAR, "%")


def _find_in_view(view: str) -> list[Fix]:
    prot = _protected(view)
    fixes: list[Fix] = []
    used = [False] * len(view)

    def free(a: int, b: int) -> bool:
        return not any(prot[a:b]) and not any(used[a:b])

    def take(fix: Fix) -> None:
        for a, b, _ in fix.edits:
            for i in range(a, b):
                used[i] = True
        fixes.append(fix)

    for m in _HEADING.finditer(view):
        a, b = m.start(2), m.end(5)
        new = f"（{m.group(3)}）"
        if view[a:b] != new and free(a, b):
            old = view[a:b].strip()
            message = f"删去序号“{new}”后的空格" if old == new else f"序号“{old}”改为“{new}”"
            take(Fix("heading", ((a, b, new),), message))

    # Bracket pairs within a line: Chinese inside or before → full-width pair.
    for line_start, line in _lines(view):
        opens: list[int] = []
        for i, ch in enumerate(line):
            if ch == "(":
                opens.append(i)
            elif ch == ")" and opens:
                o = opens.pop()
                a, c = line_start + o, line_start + i
                inner = line[o + 1:i]
                before = line[o - 1] if o > 0 else ""
                if (_CJK.search(inner) or _cjk(before)) and free(a, a + 1) and free(c, c + 1):
                    take(Fix("punct", ((a, a + 1, "（"), (c, c + 1, "）")), f"括号“({inner})”改为全角“（{inner}）”"))

    for m in re.finditer(r"[,.;:?!]", view):
        i = m.start()
        prev = view[i - 1] if i > 0 else ""
        if not (_CJK.match(prev) or prev in "）」》”’"):
            continue
        j = i + 1
        while j < len(view) and view[j] in _SPACE:
            j += 1
        nxt = view[j] if j < len(view) else ""
        if m.group() == "." and (nxt.isascii() and nxt.isalnum()):
            continue
        if m.group() in ":" and nxt == "/":
            continue
        if free(i, j):
            full = _FULL[m.group()]
            take(Fix("punct", ((i, j, full),), f"“{prev}{view[i:j]}”改为“{prev}{full}”"))

    for m in _SPACES.finditer(view):
        a, b = m.start(), m.end()
        if a == 0 or view[a - 1] == "\n" or b >= len(view) or view[b] == "\n":
            continue  # leading indentation and trailing blanks are not between characters
        left, right = view[a - 1], view[b]
        ok = (_cjk(left) and _cjk(right)) or (_digit(left) and _CJK.match(right) is not None) \
            or (_CJK.match(left) is not None and _digit(right))
        if ok and free(a, b):
            shown_l = "数字" if left == FIELD_CHAR else left
            shown_r = "数字" if right == FIELD_CHAR else right
            take(Fix("space", ((a, b, ""),), f"删去“{shown_l}”与“{shown_r}”之间的空格"))
    fixes.sort(key=lambda f: f.start)
    return fixes


def find_fixes(source: str) -> list[Fix]:
    """The hygiene fixes a stored narrative text could take, in text order (none overlap)."""
    if not source:
        return []
    view, _ = _view(parse(source))
    return _find_in_view(view)


def apply(source: str, fixes: list[Fix] | tuple[Fix, ...]) -> str:
    """``source`` with ``fixes`` (from ``find_fixes(source)``) applied; fields come out unchanged."""
    segments = parse(source)
    _, starts = _view(segments)
    edits = sorted((e for f in fixes for e in f.edits), reverse=True)
    texts = [s.text if isinstance(s, Text) else None for s in segments]
    for a, b, new in edits:
        # The segment holding [a, b): edits lie inside one literal segment by construction.
        idx = max(i for i, s in enumerate(starts) if s <= a)
        t = texts[idx]
        if t is None or b - starts[idx] > len(t):
            raise ValueError("hygiene edit outside literal text")
        off = starts[idx]
        texts[idx] = t[:a - off] + new + t[b - off:]
    out: list[Segment] = []
    for seg, t in zip(segments, texts, strict=True):
        out.append(Text(t) if t is not None else seg)
    return to_source(tuple(s for s in out if not (isinstance(s, Text) and not s.text)))


@lru_cache(maxsize=64)
def _view_of(source: str) -> tuple[str, tuple[tuple[int, Segment], ...]]:
    """The view text of ``source`` and where each field stands in it (a list previews many fixes)."""
    segments = parse(source)
    view, starts = _view(segments)
    return view, tuple((p, seg) for seg, p in zip(segments, starts, strict=True) if not isinstance(seg, Text))


def preview(source: str, fix: Fix, results: Results, context: int = 8, *,
            show_spaces: bool = False) -> tuple[str, str]:
    """(before, after): the printed text around the fix, as it reads now and once fixed.

    ``show_spaces``: the spaces the fix removes show as · in ``before`` (as Word shows spaces among
    its formatting marks), where a list cannot highlight them.
    """
    view, fields = _view_of(source)
    # The window: a few characters either side of the fix, within its line (a fix never spans lines).
    a = max(0, view.rfind("\n", 0, fix.start) + 1, fix.start - context)
    nl = view.find("\n", fix.end)
    b = max(fix.end, min(len(view) if nl < 0 else nl, fix.end + context))
    values: dict[int, str] = {p: render(to_source((seg,)), results) for p, seg in fields if a <= p < b}
    before: list[str] = []
    after: list[str] = []
    edits = {s: (e, new) for s, e, new in fix.edits}
    i = a
    while i < b:
        if i in edits:
            e, new = edits[i]
            old = view[i:e]
            before.append("".join("·" if show_spaces and ch in _SPACE else ch for ch in old))
            after.append(new)
            i = e
            continue
        piece = values.get(i, view[i])
        before.append(piece)
        after.append(piece)
        i += 1
    return "".join(before), "".join(after)
