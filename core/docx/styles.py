"""The DOCX's named styles and font table, as GB/T 9704-2012 sets an official document.

Every paragraph carries a named style (标题 / 正文 / 一级标题 / 二级标题 / 表格 …) and
no direct formatting, so a clerk restyles the whole report in Word or WPS by editing
one style. Font names are the ones Chinese Windows 10/11 and WPS know (仿宋, 黑体,
楷体, 宋体; 方正小标宋简体 for the title, which many offices install); the font table
gives the GB2312-era names (仿宋_GB2312, 楷体_GB2312) as alternates.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋"
H1_FONT = "黑体"
H2_FONT = "楷体"
TABLE_FONT = "宋体"
PAGE_NUMBER_FONT = "宋体"

# Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt, 小五 9 pt.
TITLE_SZ, BODY_SZ, PAGE_NUMBER_SZ = 44, 32, 28
TABLE_SZ = {"t2": 21, "t3": 21, "t4": 18}
LINE_PITCH_TWIPS = 579  # 225 mm / 22 lines = 28.93 pt
CHARS_PER_LINE = 28
# 28 characters of 三号 in the 156 mm type area (442.2 pt): each set 0.25 pt (5 twentieths) closer.
BODY_CONDENSE = -5

# Style ids as Word names them (so Word and WPS map them to their own 标题 1 / 标题 2 and the
# navigation pane shows the outline); the names a clerk sees are Chinese.
STYLE_TITLE = "Title"
STYLE_BODY = "Normal"
STYLE_H1 = "Heading1"
STYLE_H2 = "Heading2"
STYLE_H1_RUN = "Heading1Char"
STYLE_H2_RUN = "Heading2Char"
STYLE_TABLE_TEXT = "TableText"
STYLE_TABLE_FIGURE = "TableFigure"
STYLE_TABLE_HEAD = "TableHead"
STYLE_HEADER = "Header"
STYLE_PAGE_ODD = "PageNumberOdd"
STYLE_PAGE_EVEN = "PageNumberEven"

# (name, alternate, panose, family, pitch)
_FONT_TABLE = (
    (BODY_FONT, "仿宋_GB2312", "02010609060101010101", "modern", "fixed"),
    (H2_FONT, "楷体_GB2312", "02010609060101010101", "modern", "fixed"),
    (H1_FONT, "SimHei", "02010609060101010101", "modern", "fixed"),
    (TABLE_FONT, "SimSun", "02010600030101010101", "auto", "variable"),
    (TITLE_FONT, "方正小标宋_GBK", "02000000000000000000", "script", "variable"),
    ("Times New Roman", None, "02020603050405020304", "roman", "variable"),
)


def _fonts(east: str, latin: str | None = None) -> str:
    latin = latin or east
    return (f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" w:cs="{latin}"/>')


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def _para_style(sid: str, name: str, ppr: str, rpr: str, *, based: str | None = "Normal",
                nxt: str | None = None, link: str | None = None, extra: str = "") -> str:
    parts = [f'<w:style w:type="paragraph" w:customStyle="{0 if sid in _BUILTIN else 1}" w:styleId="{sid}">',
             f"<w:name w:val={quoteattr(name)}/>"]
    if based:
        parts.append(f'<w:basedOn w:val="{based}"/>')
    if nxt:
        parts.append(f'<w:next w:val="{nxt}"/>')
    if link:
        parts.append(f'<w:link w:val="{link}"/>')
    parts.append(f"<w:qFormat/>{extra}<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>")
    return "".join(parts)


_BUILTIN = {"Normal", "Title", "Heading1", "Heading2", "Header", "Footer", "Heading1Char", "Heading2Char",
            "TableGrid", "DefaultParagraphFont", "TableNormal"}
_NO_GRID = '<w:snapToGrid w:val="0"/>'
_EXACT = f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH_TWIPS}" w:lineRule="exact"/>'
_NO_INDENT = '<w:ind w:firstLine="0" w:firstLineChars="0"/>'


def styles_xml() -> str:
    body_rpr = _fonts(BODY_FONT) + '<w:kern w:val="2"/>' + _size(BODY_SZ) + '<w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
    _single = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    table_ppr = _NO_GRID + _single + _NO_INDENT
    styles = [
        '<w:docDefaults><w:rPrDefault><w:rPr>', body_rpr, '</w:rPr></w:rPrDefault>',
        '<w:pPrDefault><w:pPr>', _EXACT, '</w:pPr></w:pPrDefault></w:docDefaults>',
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:widowControl/><w:overflowPunct w:val="0"/>' + _EXACT
        + '<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr>'
        '<w:rPr>' + _fonts(BODY_FONT) + f'<w:spacing w:val="{BODY_CONDENSE}"/>' + _size(BODY_SZ)
        + '</w:rPr></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
        '<w:tblPr><w:tblBorders>'
        + "".join(f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                  for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders></w:tblPr></w:style>',
        _para_style(STYLE_TITLE, "Title", '<w:keepNext/>'
                    + f'<w:spacing w:before="0" w:after="{LINE_PITCH_TWIPS}" w:line="{LINE_PITCH_TWIPS * 5 // 4}"'
                    ' w:lineRule="exact"/>' + _NO_INDENT + '<w:jc w:val="center"/><w:outlineLvl w:val="9"/>',
                    _fonts(TITLE_FONT) + _size(TITLE_SZ), nxt="Normal"),
        _para_style(STYLE_H1, "heading 1", '<w:keepNext/><w:keepLines/><w:outlineLvl w:val="0"/>',
                    _fonts(H1_FONT), nxt="Normal", link=STYLE_H1_RUN),
        _para_style(STYLE_H2, "heading 2", '<w:keepNext/><w:keepLines/><w:outlineLvl w:val="1"/>',
                    _fonts(H2_FONT), nxt="Normal", link=STYLE_H2_RUN),
        '<w:style w:type="character" w:customStyle="0" w:styleId="Heading1Char"><w:name w:val="标题 1 字符"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="Heading1"/><w:rPr>' + _fonts(H1_FONT)
        + '</w:rPr></w:style>',
        '<w:style w:type="character" w:customStyle="0" w:styleId="Heading2Char"><w:name w:val="标题 2 字符"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="Heading2"/><w:rPr>' + _fonts(H2_FONT)
        + '</w:rPr></w:style>',
        _para_style(STYLE_TABLE_TEXT, "表格文字", table_ppr + '<w:jc w:val="left"/>',
                    _fonts(TABLE_FONT) + '<w:spacing w:val="0"/>' + _size(TABLE_SZ["t2"])),
        _para_style(STYLE_TABLE_HEAD, "表格表头", '<w:keepNext/><w:jc w:val="center"/>', "",
                    based=STYLE_TABLE_TEXT),
        _para_style(STYLE_TABLE_FIGURE, "表格数字", '<w:jc w:val="right"/>', "", based=STYLE_TABLE_TEXT),
        _para_style(STYLE_HEADER, "header", _NO_GRID + _single + _NO_INDENT + '<w:jc w:val="right"/>',
                    _fonts(H1_FONT) + '<w:color w:val="C00000"/><w:spacing w:val="0"/>' + _size(PAGE_NUMBER_SZ)),
        _para_style("Footer", "footer", _NO_GRID + _single + _NO_INDENT,
                    _fonts(PAGE_NUMBER_FONT) + '<w:spacing w:val="0"/>' + _size(PAGE_NUMBER_SZ)),
        # GB/T 9704 7.5: odd pages right, even pages left, one character (四号, 14 pt) in.
        _para_style(STYLE_PAGE_ODD, "页码（单页）", '<w:ind w:right="280" w:firstLine="0"/><w:jc w:val="right"/>', "",
                    based="Footer"),
        _para_style(STYLE_PAGE_EVEN, "页码（双页）", '<w:ind w:left="280" w:firstLine="0"/><w:jc w:val="left"/>', "",
                    based="Footer"),
    ]
    return (f'<w:styles xmlns:w="{W_NS}">' + "".join(styles) + "</w:styles>")


def font_table_xml() -> bytes:
    fonts = []
    for name, alt, panose, family, pitch in _FONT_TABLE:
        charset = "00" if name == "Times New Roman" else "86"
        fonts.append(f"<w:font w:name={quoteattr(name)}>"
                     + (f"<w:altName w:val={quoteattr(alt)}/>" if alt else "")
                     + f'<w:panose1 w:val="{panose}"/><w:charset w:val="{charset}"/>'
                     f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>')
    xml = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           f'<w:fonts xmlns:w="{W_NS}">' + "".join(fonts) + "</w:fonts>")
    return xml.encode("utf-8")
