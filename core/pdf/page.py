"""The GB/T 9704-2012 page: A4, type area 156 × 225 mm, page numbers, draft mark."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from core.blocks import DRAFT_MARK, DRAFT_NOTE, page_number_text
from core.pdf.watermark import draw_mark

PAGE_W, PAGE_H = A4
MARGIN_TOP = 37 * mm
MARGIN_BOTTOM = 35 * mm
MARGIN_LEFT = 28 * mm
MARGIN_RIGHT = 26 * mm
TYPE_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # 156 mm
TYPE_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM  # 225 mm

BODY_SIZE = 16.0  # 3号
LINE_PITCH = TYPE_H / 22  # 22 lines per page, ≈ 28.9 pt
TITLE_SIZE = 22.0  # 2号
PAGE_NUMBER_SIZE = 14.0  # 4号
PAGE_NUMBER_GAP = 7 * mm  # from the type area's bottom edge to the top of the page number

__all__ = ["DRAFT_MARK", "page_number_text"]


def _pdf_date(created: dt.datetime) -> Callable[..., str]:
    """reportlab's date formatter, fixed to ``created`` so equal input gives equal bytes."""
    offset = created.utcoffset()
    if offset is None:
        suffix = ""
    else:
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        suffix = f"{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"
    stamp = f"D:{created:%Y%m%d%H%M%S}{suffix}"

    def fmt(*_ymdhms: int) -> str:
        return stamp

    return fmt


class OfficialDoc(BaseDocTemplate):
    """One portrait template; the page furniture is drawn by ``_decorate``."""

    def __init__(self, buf: Any, *, fonts: dict[str, str], draft: bool, created: dt.datetime,
                 title: str, author: str, subject: str) -> None:
        super().__init__(
            buf, pagesize=A4, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title, author=author,
            subject=subject, creator="政府信息公开年报助手", keywords=["政府信息公开工作年度报告"],
            invariant=1, initialFontName=fonts["body"], initialFontSize=BODY_SIZE,
            initialLeading=LINE_PITCH, lang="zh-CN", pageCompression=1,
        )
        self._fonts = fonts
        self._draft = draft
        self._created = created
        frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, TYPE_W, TYPE_H, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0, id="type-area")
        self.addPageTemplates([PageTemplate(id="portrait", frames=[frame], onPage=self._decorate)])

    def build_story(self, flowables: list[Any]) -> None:
        super().build(flowables, canvasmaker=self._canvas_maker)

    def _canvas_maker(self, *args: Any, **kwargs: Any) -> Canvas:
        canv = Canvas(*args, **kwargs)
        canv.setDateFormatter(_pdf_date(self._created))
        return canv

    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        page = canv.getPageNumber()
        if self._draft:
            self._draw_draft(canv)
        font = self._fonts["page_number"]
        text = page_number_text(page)
        baseline = MARGIN_BOTTOM - PAGE_NUMBER_GAP - PAGE_NUMBER_SIZE * 0.88
        canv.saveState()
        canv.setFont(font, PAGE_NUMBER_SIZE)
        canv.setFillColor(colors.black)
        if page % 2:  # odd: right, one character in
            canv.drawRightString(PAGE_W - MARGIN_RIGHT - PAGE_NUMBER_SIZE, baseline, text)
        else:
            canv.drawString(MARGIN_LEFT + PAGE_NUMBER_SIZE, baseline, text)
        canv.restoreState()

    def _draw_draft(self, canv: Canvas) -> None:
        font = self._fonts["heading1"]
        canv.saveState()
        # Behind the text, light enough to read through, dark enough to survive a photocopy.
        canv.setFillColor(colors.Color(0.6, 0.6, 0.6, alpha=0.25))
        canv.translate(PAGE_W / 2, PAGE_H / 2)
        canv.rotate(45)
        canv.translate(0, -40)
        draw_mark(canv, 120)  # outlines: the mark is not text a reader's copy or pdftotext picks up
        canv.restoreState()
        canv.saveState()
        canv.setFillColor(colors.Color(0.75, 0, 0))
        canv.setFont(font, 14)
        canv.drawRightString(PAGE_W - MARGIN_RIGHT, PAGE_H - MARGIN_TOP + 16 * mm,
                             DRAFT_NOTE)
        canv.restoreState()
