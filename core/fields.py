"""Live data fields inside the narrative: the one parser and the one render function.

Storage (docs/narrative.md): a narrative text is a string in which

- ``{{t3.new}}`` is a **field** bound to a quantity of ``core.quantities`` (or ``share.<key>``, a
  percentage of （七）总计); it prints the quantity's current value;
- ``{{t3.new|15}}`` is a number the app **generated and the author unlinked** (解除链接): it prints
  ``15`` as plain text, and R6 calls it an error when it no longer equals the quantity;
- ``{{#}}`` prints a literal ``{`` — the escape, used only where literal text would otherwise read
  as one of the two tokens above. Every other character, ``{`` and ``}`` included, is itself.

So a text without tokens means what it says (files of format version 1 need escaping only where
their text happens to look like a token), and ``escape(render(s)) == s`` for any such text.

Every consumer — rules, character counts, PDF, XLSX and the editor — reads the narrative through
``render_text``/``render``; nothing else parses the tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.compute import Results
from core.model import Report
from core.quantities import field_value, format_number, is_field_key

MISSING = "〔未填〕"
ESCAPE = "{{#}}"
# A token: {{#}}, {{key}} or {{key|text}}. Keys are validated against the quantity table.
_TOKEN = re.compile(r"\{\{(?:(#)|([a-z0-9_.]{1,64})(?:\|([^{}|\n]{0,40}))?)\}\}")


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Field:
    key: str


@dataclass(frozen=True, slots=True)
class Unlinked:
    key: str
    text: str


Segment = Text | Field | Unlinked


def _token_at(source: str, pos: int) -> re.Match[str] | None:
    m = _TOKEN.match(source, pos)
    if m is None:
        return None
    if m.group(1) is None and not is_field_key(m.group(2)):
        return None
    return m


@lru_cache(maxsize=512)
def parse(source: str) -> tuple[Segment, ...]:
    """The segments of a stored narrative text (adjacent literal text merged)."""
    out: list[Segment] = []
    buf: list[str] = []
    pos = 0
    n = len(source)
    while pos < n:
        nxt = source.find("{{", pos)
        if nxt < 0:
            buf.append(source[pos:])
            break
        buf.append(source[pos:nxt])
        m = _token_at(source, nxt)
        if m is None:
            buf.append("{")
            pos = nxt + 1
            continue
        if m.group(1):
            buf.append("{")
        else:
            if buf:
                out.append(Text("".join(buf)))
                buf = []
            key, text = m.group(2), m.group(3)
            out.append(Field(key) if text is None else Unlinked(key, text))
        pos = m.end()
    if buf and "".join(buf):
        out.append(Text("".join(buf)))
    return tuple(s for s in out if not (isinstance(s, Text) and not s.text))


def escape(text: str) -> str:
    """Source for literal ``text``: ``{{#}}`` only where the text would read as a token."""
    if "{{" not in text:
        return text
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == "{" and text.startswith("{{", i) and _token_at(text, i) is not None:
            out.append(ESCAPE)
        else:
            out.append(ch)
    return "".join(out)


def token(key: str) -> str:
    if not is_field_key(key):
        raise KeyError(key)
    return f"{{{{{key}}}}}"


def unlinked_token(key: str, text: str) -> str:
    if not is_field_key(key):
        raise KeyError(key)
    clean = re.sub(r"[{}|\n]", "", text)[:40]
    return f"{{{{{key}|{clean}}}}}"


def to_source(segments: tuple[Segment, ...] | list[Segment]) -> str:
    parts: list[str] = []
    for s in segments:
        if isinstance(s, Text):
            parts.append(escape(s.text))
        elif isinstance(s, Field):
            parts.append(token(s.key))
        else:
            parts.append(unlinked_token(s.key, s.text))
    return "".join(parts)


def field_text(results: Results, key: str) -> str:
    v = field_value(results, key)
    return MISSING if v is None else format_number(v)


@dataclass(frozen=True, slots=True)
class Span:
    """Where a field or unlinked number landed in the rendered text."""

    start: int
    end: int
    segment: Field | Unlinked


@lru_cache(maxsize=512)
def _field_keys(source: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.key for s in parse(source) if isinstance(s, Field)))


@lru_cache(maxsize=256)
def _render(source: str, values: tuple[str, ...]) -> tuple[str, tuple[Span, ...]]:
    shown = dict(zip(_field_keys(source), values, strict=True))
    parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    for s in parse(source):
        if isinstance(s, Text):
            piece = s.text
        else:
            piece = shown[s.key] if isinstance(s, Field) else s.text
            spans.append(Span(pos, pos + len(piece), s))
        parts.append(piece)
        pos += len(piece)
    return "".join(parts), tuple(spans)


def render_spans(source: str, results: Results) -> tuple[str, tuple[Span, ...]]:
    """The printed text and where each field landed (cached on the text and the fields' values)."""
    return _render(source, tuple(field_text(results, k) for k in _field_keys(source)))


def render(source: str, results: Results) -> str:
    """The text as printed: fields replaced by their values (〔未填〕 when blank)."""
    if "{{" not in source:
        return source
    return render_spans(source, results)[0]


def render_text(report: Report, results: Results, key: str) -> str:
    """The printed text of narrative section ``key``."""
    return render(report.narrative.get(key, ""), results)


def rendered_narrative(report: Report, results: Results) -> dict[str, str]:
    return {k: render(v, results) for k, v in report.narrative.items()}


def plain(source: str) -> str:
    """The text with every field and token turned into literal text, for reading without results."""
    return "".join(s.text if isinstance(s, (Text, Unlinked)) else f"〔{s.key}〕" for s in parse(source))


def replace_text(source: str, find: str, repl: str) -> tuple[str, int]:
    """Find/replace in the literal text only: fields and unlinked numbers are never cut or rewritten."""
    if not find:
        return source, 0
    count = 0
    out: list[Segment] = []
    for seg in parse(source):
        if isinstance(seg, Text):
            count += seg.text.count(find)
            out.append(Text(seg.text.replace(find, repl)))
        else:
            out.append(seg)
    return (to_source(out), count) if count else (source, 0)


def migrate_1_to_2(data: dict[str, object]) -> dict[str, object]:
    """Project file format 1 → 2: narrative texts become field-aware sources.

    Version 1 had no fields, so its texts are literal: escape the rare text that reads as a token.
    Returns a new dict; the input is not changed.
    """
    out = dict(data)
    narrative = data.get("narrative")
    if isinstance(narrative, dict):
        out["narrative"] = {k: escape(v) if isinstance(v, str) else v for k, v in narrative.items()}
    out["format_version"] = 2
    return out
