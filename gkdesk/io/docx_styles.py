"""The official layout as numbers, fonts and style ids, shared by the template builder and the .docx writer.

One place for the page geometry of GB/T 9704 and the style ids, so the template (``templates/build_template.py``)
and the writer can never disagree about what "正文" or "表格数字" is called or how wide the type area is.
"""

from __future__ import annotations

import math
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from gkdesk.resources import templates_dir

TEMPLATE_NAME = "gkdesk-official.docx"


# --------------------------------------------------------------------------- fonts

LATIN_FONT = "Times New Roman"
FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEI = "黑体"
FONT_KAI = "楷体_GB2312"
FONT_SONG = "宋体"
# Faces a PC without the official fonts should use instead (written as w:altName in the font table).
FONT_FALLBACKS: dict[str, str] = {
    FONT_TITLE: "华文中宋",
    FONT_BODY: "仿宋",
    FONT_KAI: "楷体",
    FONT_HEI: "SimHei",
    FONT_SONG: "SimSun",
}

# --------------------------------------------------------------------------- geometry (twips: 1/20 pt)


def mm_to_twips(value: float) -> int:
    return round(value * 1440 / 25.4)


PAGE_WIDTH = mm_to_twips(210)
PAGE_HEIGHT = mm_to_twips(297)
MARGIN_TOP = mm_to_twips(37)
MARGIN_BOTTOM = mm_to_twips(35)
MARGIN_LEFT = mm_to_twips(28)
MARGIN_RIGHT = mm_to_twips(26)
TYPE_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 156 mm
HEADER_DISTANCE = mm_to_twips(15)
PAGE_NUMBER_PT = 14
# The page number line's top sits 7 mm below the type area: footer distance = bottom margin - 7 mm - one 14 pt line.
FOOTER_DISTANCE = MARGIN_BOTTOM - mm_to_twips(7) - PAGE_NUMBER_PT * 20

BODY_PT = 16
BODY_LINE = 579  # exactly 28.95 pt: 22 lines in the 225 mm type area
BODY_CHAR = BODY_PT * 20  # one full-width character of body text
CHARS_PER_LINE = 28
# 28 characters of 16 pt text need 448 pt but the 156 mm type area is 442.25 pt wide, so the body text is condensed
# ("紧缩" in Word's font dialog, w:spacing in twentieths of a point added after every character) by the whole twips
# that make 28 advances fit and 29 not: 16 - 0.25 = 15.75 pt, 28 x 15.75 = 441 pt. Word, WPS and LibreOffice all
# honour condensed spacing, so all three print 28 a line. A character grid cannot do this: Word's linesAndChars grid
# (pitch = the Normal style's size + charSpace/4096 pt, 15.79 pt with charSpace -842) fits the 16 pt characters to
# the pitch, but LibreOffice gives every character wider than a cell two cells and prints 14 a line, and it ignores
# the condensing when it counts cells (tests/io/test_export_docx_fixes.py).
BODY_CHAR_SPACING = -math.ceil(BODY_CHAR - TYPE_WIDTH / CHARS_PER_LINE)
TITLE_PT = 22
TITLE_LINE = 700  # exactly 35 pt for the 22 pt title lines
TITLE_CHARS_PER_LINE = 20  # 156 mm / 22 pt
TABLE_PT = 10.5
TABLE_LINE = 240  # single

# --------------------------------------------------------------------------- style ids (names are what Word shows)

STYLE_BODY = "Normal"
STYLE_TITLE = "GkTitle"
STYLE_ADDRESSEE = "GkAddressee"
STYLE_HEADINGS: dict[int, str] = {1: "Heading1", 2: "Heading2", 3: "Heading3", 4: "Heading4"}
STYLE_HEADING_RUNS: dict[int, str] = {2: "GkHeading2Run", 3: "GkHeading3Run", 4: "GkHeading4Run"}
STYLE_TABLE_TEXT = "GkTableText"
STYLE_TABLE_HEADER = "GkTableHeader"
STYLE_TABLE_NUMBER = "GkTableNumber"
STYLE_TABLE_NOTE = "GkTableNote"
STYLE_SIGNATURE = "GkSignature"
STYLE_DATE = "GkDate"
STYLE_PAGE_NUMBER = "GkPageNumber"
STYLE_DRAFT_MARK = "GkDraftMark"
CAPTION_FILL = "C6D9F1"  # the shading of table 二's block captions in the official template

HEADING_FONTS: dict[int, tuple[str, bool]] = {
    1: (FONT_HEI, False),
    2: (FONT_KAI, False),
    3: (FONT_BODY, True),
    4: (FONT_BODY, False),
}


def template_path() -> Path:
    return templates_dir() / TEMPLATE_NAME


# --------------------------------------------------------------------------- WordprocessingML snippets


def rfonts_xml(east_asia: str, latin: str = LATIN_FONT) -> str:
    """``w:rFonts`` with the East Asian face in ``w:eastAsia`` and no theme attributes (Word would prefer those)."""
    return (
        f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia={quoteattr(east_asia)} '
        f'w:cs="{latin}" w:hint="eastAsia"/>'
    )


def size_xml(points: float) -> str:
    half = round(points * 2)
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


def text_runs_xml(text: str, rpr: str = "") -> str:
    """Runs for ``text``: tabs become ``w:tab`` and line breaks ``w:br``; characters XML cannot hold are dropped."""
    out: list[str] = []
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    for i, line in enumerate(clean_xml_text(text).split("\n")):
        if i:
            out.append(f"<w:r>{props}<w:br/></w:r>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append(f"<w:r>{props}<w:tab/></w:r>")
            if piece:
                out.append(f'<w:r>{props}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    return "".join(out)


def clean_xml_text(text: str) -> str:
    """Drop the characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF)."""
    return "".join(
        ch
        for ch in text.replace("\r\n", "\n").replace("\r", "\n")
        if ch in "\t\n"
        or ("\x20" <= ch <= "\ud7ff" or "\ue000" <= ch <= "\ufffd" or "\U00010000" <= ch <= "\U0010ffff")
    )
