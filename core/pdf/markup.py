"""User text to reportlab paragraph markup: escaped, and split into runs by font coverage."""

from __future__ import annotations

from core.pdf.fonts import FontSet


def escape(text: str) -> str:
    # xml.sax.saxutils.escape does the same but imports urllib and http.client (≈40 ms at start-up).
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str, fonts: FontSet, role: str, where: str, *, base: str | None = None) -> str:
    """Markup that prints ``text`` literally in the role's font.

    Paragraph text is XML-like markup: a clerk's 《…<办法>…》 or a stray ``&``
    would otherwise vanish or break the export. Runs the role's font cannot
    draw are wrapped in ``<font name=…>`` of a font that can. ``base`` is the
    paragraph's own font when it is not the role's (a run-in heading).
    """
    primary = base or fonts.roles[role].name
    parts: list[str] = []
    for font, run in fonts.runs(text, role, where):
        esc = escape(run)
        parts.append(esc if font == primary else f'<font name="{font}">{esc}</font>')
    return "".join(parts)
