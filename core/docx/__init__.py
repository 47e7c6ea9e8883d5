"""DOCX export in official-document layout (GB/T 9704-2012), for 领导审签 in Word or WPS.

python-docx (MIT, maintained since 2013) writes the package, sections, headers,
footers and core properties; the styles, the font table and the tables are
WordprocessingML written here, because python-docx has no API for a document
grid, font-table alternates or vertical merges, and its cell merging is slow.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import TYPE_CHECKING, Any

from core.blocks import (
    DRAFT_NOTE,
    SUBJECT,
    Document,
    Heading,
    Paragraph,
    Table,
    Title,
    build_document,
)
from core.compute import Results
from core.findings import Finding
from core.model import Report

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.section import Section, _Footer

__all__ = ["export_docx"]

_MM_TWIPS = 1440 / 25.4
PAGE_W_MM, PAGE_H_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TYPE_W_TWIPS = round((PAGE_W_MM - MARGINS_MM["left"] - MARGINS_MM["right"]) * _MM_TWIPS)  # 156 mm
# The page number's top 7 mm below the type area (measured in LibreOffice's PDF): its 四号 line ends 21.7 mm above the edge.
FOOTER_MM = 21.7
HEADER_MM = 20.0


def _twips(mm: float) -> int:
    return round(mm * _MM_TWIPS)


def export_docx(report: Report, results: Results, findings: list[Finding], *, draft: bool,
                created: dt.datetime | None = None) -> bytes:
    """The report as a DOCX. A fixed ``created`` gives fixed bytes."""
    del findings
    return docx_of(build_document(report, results, draft=draft), created)


def docx_of(doc: Document, created: dt.datetime | None = None) -> bytes:
    """An already built block document as a DOCX (the wizard also reads the document's notes)."""
    return write_docx(doc, created or dt.datetime.now().astimezone().replace(microsecond=0))


def write_docx(doc: Document, created: dt.datetime) -> bytes:
    import docx
    from docx.oxml import parse_xml

    from core.docx import styles
    from core.docx.tables import table_xml

    word = docx.Document()
    _replace_styles(word, parse_xml(styles.styles_xml()), styles.font_table_xml())
    body = word.element.body
    sect = body[-1]  # the final sectPr
    for child in list(body):
        if child is not sect:
            body.remove(child)
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Title):
            lines = "<w:br/>".join(f'<w:t xml:space="preserve">{_esc(t)}</w:t>' for t in block.lines)
            out.append(f'<w:p><w:pPr><w:pStyle w:val="{styles.STYLE_TITLE}"/></w:pPr><w:r>{lines}</w:r></w:p>')
        elif isinstance(block, Heading):
            sid = styles.STYLE_H1 if block.level == 1 else styles.STYLE_H2
            out.append(f'<w:p><w:pPr><w:pStyle w:val="{sid}"/></w:pPr>{_run(block.text)}</w:p>')
        elif isinstance(block, Paragraph):
            runs = "".join(_run(r.text, {"heading1": styles.STYLE_H1_RUN,
                                         "heading2": styles.STYLE_H2_RUN}.get(r.role)) for r in block.runs)
            out.append(f"<w:p>{runs}</w:p>")
        elif isinstance(block, Table):
            out.append(table_xml(block.grid, block.values, TYPE_W_TWIPS))
            # Word needs a paragraph between two tables; it also gives the table room below.
            out.append('<w:p><w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr></w:p>')
    fragment = parse_xml(f'<w:body xmlns:w="{styles.W_NS}">' + "".join(out) + "</w:body>")
    for child in list(fragment):
        sect.addprevious(child)

    section = word.sections[0]
    _page_setup(section, sect)
    word.settings.odd_and_even_pages_header_footer = True
    _footer(section.footer, styles.STYLE_PAGE_ODD)
    _footer(section.even_page_footer, styles.STYLE_PAGE_EVEN)
    if doc.draft:
        for header in (section.header, section.even_page_header):
            header.is_linked_to_previous = False
            old = header.paragraphs[0]._p
            old.addprevious(parse_xml(f'<w:p xmlns:w="{styles.W_NS}"><w:pPr><w:pStyle w:val="{styles.STYLE_HEADER}"/>'
                                      f'</w:pPr>{_run(DRAFT_NOTE)}</w:p>'))
            old.getparent().remove(old)
    _settings(word)

    props = word.core_properties
    props.title = doc.property_title
    props.author = doc.agency
    props.subject = SUBJECT
    props.keywords = "政府信息公开工作年度报告"
    props.category = "草稿" if doc.draft else ""
    props.comments = ""
    props.last_modified_by = doc.agency
    props.language = "zh-CN"
    props.revision = 1
    stamp = created.astimezone(dt.UTC).replace(tzinfo=None) if created.tzinfo else created
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    buf = io.BytesIO()
    word.save(buf)
    return _fixed_zip(buf.getvalue(), created)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _run(text: str, style: str | None = None) -> str:
    rpr = f'<w:rPr><w:rStyle w:val="{style}"/></w:rPr>' if style else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_esc(text)}</w:t></w:r>'


def _replace_styles(word: WordDocument, styles_el: Any, font_table: bytes) -> None:
    part = word.part
    part._styles_part._element = styles_el
    for p in part.package.iter_parts():
        if str(p.partname) == "/word/fontTable.xml":
            p._blob = font_table
        elif str(p.partname) == "/word/stylesWithEffects.xml":
            # Word 2010's copy of the template's styles would bring back its blue Calibri headings.
            p._blob = b""


def _page_setup(s: Section, sect: Any) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Mm

    from core.docx.styles import LINE_PITCH_TWIPS, W_NS

    s.page_width = Mm(PAGE_W_MM)
    s.page_height = Mm(PAGE_H_MM)
    s.top_margin = Mm(MARGINS_MM["top"])
    s.bottom_margin = Mm(MARGINS_MM["bottom"])
    s.left_margin = Mm(MARGINS_MM["left"])
    s.right_margin = Mm(MARGINS_MM["right"])
    s.header_distance = Mm(HEADER_MM)
    s.footer_distance = Mm(FOOTER_MM)
    s.gutter = Mm(0)
    # A line grid of 22 lines. The 28 characters a line come from the body style's condensed
    # spacing (core.docx.styles.BODY_CONDENSE), not from a character grid: LibreOffice reads
    # the character grid's negative charSpace as 17 characters a line.
    new = parse_xml(f'<w:docGrid xmlns:w="{W_NS}" w:type="lines" w:linePitch="{LINE_PITCH_TWIPS}" w:charSpace="0"/>')
    grid = sect.find(qn("w:docGrid"))
    if grid is not None:
        grid.addprevious(new)
        sect.remove(grid)
    else:
        sect.append(new)


def _footer(f: _Footer, style: str) -> None:
    from docx.oxml import parse_xml

    from core.docx.styles import W_NS

    f.is_linked_to_previous = False
    p = f.paragraphs[0]._p
    xml = (f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
           '<w:r><w:t xml:space="preserve">— </w:t></w:r>'
           '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
           '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
           '<w:r><w:t>1</w:t></w:r>'
           '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
           '<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p>')
    p.addprevious(parse_xml(xml))
    parent = p.getparent()
    assert parent is not None
    parent.remove(p)


def _settings(word: WordDocument) -> None:
    from docx.oxml.ns import qn

    el = word.settings.element
    lang = el.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    for name in ("w:rsids", "w:savePreviewPicture"):
        found = el.find(qn(name))
        if found is not None:
            el.remove(found)


def _fixed_zip(data: bytes, created: dt.datetime) -> bytes:
    """The package again with every member stamped ``created``: equal input, equal bytes."""
    stamp = max(created.replace(tzinfo=None), dt.datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in ("docProps/thumbnail.jpeg", "word/stylesWithEffects.xml"):
                continue
            blob = src.read(info)
            if info.filename == "[Content_Types].xml" or info.filename.endswith(".rels"):
                blob = _drop_refs(blob)
            zi = zipfile.ZipInfo(info.filename, date_time=stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, blob)
    return out.getvalue()


def _drop_refs(blob: bytes) -> bytes:
    """Relationships and content types of the two parts left out (the template's thumbnail)."""
    text = blob.decode("utf-8")
    text = re.sub(r"<(Relationship|Override)\b[^>]*(thumbnail\.jpeg|stylesWithEffects\.xml)[^>]*/>", "", text)
    return text.encode("utf-8")
