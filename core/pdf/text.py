"""A Chinese paragraph set like an official document: justified, with line-break rules.

reportlab's own CJK wrapping knows only Japanese line-start rules (a line may
begin with 「，」 or 「”」) and cannot justify text without spaces, so body text,
headings and the title use this flowable. It also splits in O(lines): a
100,000-character narrative is broken into lines once, not once per page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

# 避头尾: characters that may not start a line, and ones that may not end it.
NO_START = frozenset("，。、；：？！）》」』】〕〉”’…—·％,.;:?!)]}%")
NO_END = frozenset("（《「『【〔〈“‘([{")
_LATIN = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._-/@#+%:")

_widths: dict[tuple[str, str, float], float] = {}


def _width(ch: str, font: str, size: float) -> float:
    key = (ch, font, size)
    w = _widths.get(key)
    if w is None:
        w = _widths[key] = stringWidth(ch, font, size)
    return w


@dataclass(slots=True)
class _Unit:
    """An unbreakable piece: one CJK character, or a Latin word/number."""

    chars: list[tuple[str, str]]  # (font, char)
    width: float
    space: bool = False

    @property
    def first(self) -> str:
        return self.chars[0][1]

    @property
    def last(self) -> str:
        return self.chars[-1][1]


@dataclass(slots=True)
class Line:
    units: list[_Unit]
    width: float  # natural width
    avail: float
    indent: float
    last: bool  # the paragraph's last line is not justified


def _units(runs: list[tuple[str, str]], size: float, tracking: float = 0.0) -> list[_Unit]:
    out: list[_Unit] = []
    for font, text in runs:
        for ch in text:
            w = _width(ch, font, size) + tracking
            if ch.isspace():
                out.append(_Unit([(font, " ")], _width(" ", font, size) + tracking, space=True))
            elif ch in _LATIN and out and not out[-1].space and out[-1].last in _LATIN:
                out[-1].chars.append((font, ch))
                out[-1].width += w
            else:
                out.append(_Unit([(font, ch)], w))
    return out


def _cut(unit: _Unit, avail: float, size: float, tracking: float = 0.0) -> tuple[_Unit, _Unit]:
    used = 0.0
    k = 0
    for k, (font, ch) in enumerate(unit.chars):
        w = _width(ch, font, size) + tracking
        if used + w > avail and k > 0:
            break
        used += w
    else:
        k = len(unit.chars) - 1
    while 1 < k < len(unit.chars) and unit.chars[k][1] in NO_START:
        k -= 1  # 「.html」 must not start the next line
    head = unit.chars[:k] or unit.chars[:1]
    rest = unit.chars[len(head):]
    return (_Unit(head, sum(_width(c, f, size) + tracking for f, c in head)),
            _Unit(rest, sum(_width(c, f, size) + tracking for f, c in rest)))


def _visible_from(units: list[_Unit], k: int) -> _Unit | None:
    """The first unit at or after ``k`` that is not a space: what the next line really starts with."""
    while k < len(units) and units[k].space:
        k += 1
    return units[k] if k < len(units) else None


def _visible_before(units: list[_Unit], k: int, start: int) -> _Unit | None:
    k -= 1
    while k >= start and units[k].space:
        k -= 1
    return units[k] if k >= start else None


def _bad_break(units: list[_Unit], k: int, start: int) -> bool:
    nxt = _visible_from(units, k)
    prev = _visible_before(units, k, start)
    return (nxt is not None and nxt.first in NO_START) or (prev is not None and prev.last in NO_END)


def break_lines(runs: list[tuple[str, str]], size: float, width: float, indent: float,
                tracking: float = 0.0) -> list[Line]:
    """Lines of at most ``width``; ``tracking`` is added to every character's advance (negative:
    set closer, so that 28 characters of 三号 fill the 156 mm line as GB/T 9704's grid has it)."""
    units = _units(runs, size, tracking)
    lines: list[Line] = []
    i = 0
    n = len(units)
    while i < n:
        while i < n and units[i].space:  # no space at a line start
            i += 1
        if i >= n:
            break
        ind = indent if not lines else 0.0
        avail = width - ind
        used = 0.0
        j = i
        while j < n and used + units[j].width <= avail + 0.01:
            used += units[j].width
            j += 1
        if j == i:  # a Latin run wider than the line (a long URL): cut it where the line ends
            if len(units[i].chars) > 1:
                head, rest = _cut(units[i], avail, size, tracking)
                units[i:i + 1] = [head, rest]
                n += 1
            j = i + 1
        elif (j < n and len(units[j].chars) > 1 and units[j].width > avail / 3
              and avail - used >= 2 * size):
            # A long Latin run (a URL) is cut to fill the line rather than leave a gap
            # that justification would spread over the whole line.
            head, rest = _cut(units[j], avail - used, size, tracking)
            units[j:j + 1] = [head, rest]
            n += 1
            j += 1
        elif j < n:
            # Push characters to the next line until neither rule is broken, looking past
            # spaces: 「…公开 。」 must not start a line with 「。」 either.
            k = j
            while k - i > 1 and _bad_break(units, k, i):
                k -= 1
            if k - i > 1 or not _bad_break(units, k, i):
                j = k
        seg = units[i:j]
        while seg and seg[-1].space:
            seg.pop()
        lines.append(Line(seg, sum(u.width for u in seg), avail, ind, last=j >= n))
        i = j
    if lines:
        lines[-1].last = True
    return lines


class TextBlock(Flowable):
    """Lines of text on a fixed pitch (the 22-line grid), justified or centred."""

    def __init__(self, runs: list[tuple[str, str]], *, size: float, leading: float, indent: float = 0.0,
                 align: str = "justify", keep_with_next: bool = False, space_after: float = 0.0,
                 lines: list[Line] | None = None, first: bool = True, tracking: float = 0.0,
                 embolden: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.runs = runs
        self.tracking = tracking
        self.embolden = embolden  # fonts drawn filled and stroked: a regular fallback in a bold title
        self.size = size
        self.leading = leading
        self.indent = indent
        self.align = align
        self.keepWithNext = keep_with_next
        self.spaceAfter = space_after
        self._lines = lines
        self._own_lines = lines is None  # pieces of a split keep the lines they were given
        self._lines_width = -1.0
        self._first = first
        self._text = "".join(t for _, t in runs)

    def __repr__(self) -> str:
        return f"TextBlock({self._text[:20]!r}…)"

    def _wrap_lines(self, width: float) -> list[Line]:
        if self._lines is None or (self._own_lines and abs(self._lines_width - width) > 0.01):
            self._lines = break_lines(self.runs, self.size, width, self.indent, self.tracking)
            self._lines_width = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self._wrap_lines(availWidth)) * self.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._wrap_lines(availWidth)
        fit = int((availHeight + 0.01) // self.leading)
        if fit <= 0 or fit >= len(lines):
            return []
        if len(lines) - fit == 1:
            fit -= 1  # no widow: a single last line at the head of the next page takes one along
        if fit < 2:
            return []  # no orphan: a single first line at the foot of a page goes over whole
        common = {"size": self.size, "leading": self.leading, "indent": self.indent, "align": self.align,
                  "tracking": self.tracking, "embolden": self.embolden}
        head = TextBlock(self.runs, lines=lines[:fit], first=self._first, **common)  # type: ignore[arg-type]
        tail = TextBlock(self.runs, keep_with_next=bool(self.keepWithNext), space_after=self.spaceAfter,
                         lines=lines[fit:], first=False, **common)  # type: ignore[arg-type]
        return [head, tail]

    def draw(self) -> None:
        canv: Any = self.canv
        lines = self._lines or []
        # Centre the glyphs vertically in each line of the grid.
        drop = (self.leading - self.size) / 2 + self.size * 0.88
        if self.embolden:
            canv.setLineWidth(self.size * 0.03)
        for n, line in enumerate(lines):
            y = self.height - n * self.leading - drop
            x = line.indent
            spacing = 0.0
            if self.align == "center":
                x += (line.avail - line.width) / 2
            elif self.align == "justify" and not line.last:
                gaps = sum(len(u.chars) for u in line.units) - 1
                if gaps > 0:
                    spacing = max(0.0, line.avail - line.width) / gaps
            tx = canv.beginText(x, y)
            tx.setCharSpace(spacing + self.tracking)
            font = ""
            buf: list[str] = []
            for unit in line.units:
                for f, ch in unit.chars:
                    if f != font:
                        if buf:
                            tx.textOut("".join(buf))
                            buf = []
                        tx.setFont(f, self.size)
                        if self.embolden:
                            tx.setTextRenderMode(2 if f in self.embolden else 0)
                        font = f
                    buf.append(ch)
            if buf:
                tx.textOut("".join(buf))
            canv.drawText(tx)
