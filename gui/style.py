"""Colours and marks shared by the pages, so an error looks the same everywhere.

Every state a table cell can be in has its own background *and* a cue that is not a colour (a
border, a corner mark, hatching, a glyph, a font), so a clerk who cannot tell amber from pink —
or prints the screen in grey — still sees which cell is which. Text on every background keeps a
contrast of at least 7:1 (WCAG AAA) with the black text drawn on it.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR_BG = "#f6c6c2"
WARNING_BG = "#ffe08a"
BLANK_BG = "#ffffff"
COMPUTED_BG = "#dde8f5"
STATED_BG = "#e6d7f2"
HEADER_BG = "#eef0f2"
NOTE_FG = "#555b63"
ERROR_FG = "#a3201a"
WARNING_FG = "#8a5a00"
DONE_FG = "#2b7a3d"
BLANK_HATCH = "#7d8793"
COMPUTED_FG = "#33527a"


@dataclass(frozen=True, slots=True)
class CellLook:
    background: str
    mark: str  # the non-colour cue the cell delegate draws
    mark_colour: str
    label: str  # how the state is said: tooltips, screen readers, the legend


# In order of precedence: a cell in two states shows the first.
CELL_LOOKS: dict[str, CellLook] = {
    "error": CellLook(ERROR_BG, "border", ERROR_FG, "错误"),
    "warning": CellLook(WARNING_BG, "corner", WARNING_FG, "提示"),
    "blank": CellLook(BLANK_BG, "hatch", BLANK_HATCH, "未填"),
    "stated": CellLook(STATED_BG, "italic", "#5b2a86", "文件中填写的合计"),
    "computed": CellLook(COMPUTED_BG, "sigma", COMPUTED_FG, "合计，自动计算"),
}
CELL_STATES: tuple[str, ...] = tuple(CELL_LOOKS)


def _luminance(colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
