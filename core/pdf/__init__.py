"""PDF export in official-document layout (GB/T 9704-2012).

``export_pdf`` returns the bytes and says which fonts it used, which it
substituted and which characters it had to draw from the rare-character font
or could not draw at all.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from core.blocks import SUBJECT, build_document
from core.compute import Results
from core.findings import Finding
from core.gb18030 import install_advice, is_level3
from core.model import Report
from core.pdf.content import build_story
from core.pdf.fonts import ROLE_LABEL, ROLES, FontLoadError, choose_fonts
from core.pdf.page import OfficialDoc


@dataclass
class PdfExport:
    data: bytes
    pages: int
    fonts: dict[str, str]  # role -> font used (family and file)
    substitutions: list[str]  # Chinese lines
    missing: list[tuple[str, str]]  # (character, where) no available font can draw
    fallback: dict[str, str] = field(default_factory=dict)  # character -> font that drew it
    notes: list[str] = field(default_factory=list)  # characters left out (core.blocks.Document.notes)

    def font_report(self) -> list[str]:
        """What the CLI and the GUI tell the clerk about fonts after exporting."""
        lines = ["所用字体：" + "；".join(f"{ROLE_LABEL[r]} {self.fonts[r]}" for r in ROLES if r in self.fonts)]
        lines += [f"字体替代：{s}" for s in self.substitutions]
        if self.fallback:
            by_font: dict[str, list[str]] = {}
            for ch, family in self.fallback.items():
                by_font.setdefault(family, []).append(ch)
            for family, chars in by_font.items():
                lines.append(f"补字：{'、'.join(chars)} 由 {family} 显示")
        for ch, where in self.missing:
            advice = install_advice() if is_level3(ch) else "请改用常用字或手工补写"
            lines.append(f"缺字：“{ch}”（U+{ord(ch):04X}，{where}）没有字体能显示，已印为〓，{advice}")
        return lines + self.notes


def export_pdf(report: Report, results: Results, findings: list[Finding], *, draft: bool,
               created: dt.datetime | None = None) -> PdfExport:
    """The report as a PDF. ``draft`` marks every page 草稿; a fixed ``created`` gives fixed bytes.

    Whether the report may be final is the caller's decision (``ready_for_final``):
    findings are accepted for the interface's sake and not printed.
    """
    del findings
    document = build_document(report, results, draft=draft)
    fonts = choose_fonts()
    buf = io.BytesIO()
    doc = OfficialDoc(
        buf, fonts={role: f.name for role, f in fonts.roles.items()}, draft=draft,
        created=created or dt.datetime.now().astimezone().replace(microsecond=0),
        title=document.property_title, author=document.agency, subject=SUBJECT,
    )
    doc.build_story(build_story(document, fonts))
    return PdfExport(
        data=buf.getvalue(),
        pages=doc.page,
        fonts={role: f.describe for role, f in fonts.roles.items()},
        substitutions=fonts.substitutions,
        missing=list(fonts.missing),
        fallback=dict(fonts.fallback_used),
        notes=document.notes(),
    )


__all__ = ["FontLoadError", "PdfExport", "export_pdf"]
