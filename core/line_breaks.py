"""Short CJK headers broken into even lines, the same way on paper and on screen."""

from __future__ import annotations

_BREAK_AFTER = "）、"


def balanced(text: str, per_line: int) -> list[str]:
    """Header text broken into even lines (「商业/企业」, not 「商业企/业」).

    A break right after 「）」 or 「、」 is preferred when it costs no extra line.
    """
    if per_line <= 0 or len(text) <= per_line:
        return [text]
    n = -(-len(text) // per_line)
    for p in range(min(per_line, len(text) - 1), 0, -1):
        if text[p - 1] in _BREAK_AFTER and -(-(len(text) - p) // per_line) == n - 1:
            return [text[:p], *balanced(text[p:], per_line)]
    size = -(-len(text) // n)
    return [text[i:i + size] for i in range(0, len(text), size)]
