"""Build ``templates/gkdesk-official.docx``, the Word template every .docx export starts from.

Run ``python templates/build_template.py`` after changing a style; the output is deterministic (fixed zip
timestamps, no rsids, no thumbnails) so a test can check the committed file is what this script makes.

The template holds what the office's own 公文 template would: A4 page with GB/T 9704 margins and a 22-line grid,
the styles (title, body, headings 1-4, table text, signature, page number, draft mark) with East Asian fonts in
``w:eastAsia`` and no theme fonts, and the page-number footers "— N —" (odd pages right, even pages left).
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the gkdesk package importable from the checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement

from gkdesk.io.docx_styles import (
    BODY_CHAR,
    BODY_CHAR_SPACING,
    BODY_LINE,
    BODY_PT,
    FONT_BODY,
    FONT_FALLBACKS,
    FONT_KAI,
    FONT_SONG,
    FONT_TITLE,
    FOOTER_DISTANCE,
    HEADER_DISTANCE,
    HEADING_FONTS,
    LATIN_FONT,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_NUMBER_PT,
    PAGE_WIDTH,
    STYLE_ADDRESSEE,
    STYLE_BODY,
    STYLE_DATE,
    STYLE_DRAFT_MARK,
    STYLE_HEADING_RUNS,
    STYLE_HEADINGS,
    STYLE_PAGE_NUMBER,
    STYLE_SIGNATURE,
    STYLE_TABLE_HEADER,
    STYLE_TABLE_NOTE,
    STYLE_TABLE_NUMBER,
    STYLE_TABLE_TEXT,
    STYLE_TITLE,
    TABLE_LINE,
    TABLE_PT,
    TEMPLATE_NAME,
    TITLE_LINE,
    TITLE_PT,
    rfonts_xml,
    size_xml,
)
from gkdesk.io.docx_xml import W_NS

OUTPUT = Path(__file__).resolve().parent / TEMPLATE_NAME
ZIP_DATE = (2021, 9, 26, 0, 0, 0)  # the date of 国办公开办函〔2021〕30号; any fixed date keeps the build reproducible
NS_DECL = f'xmlns:w="{W_NS}"'

_BODY_INDENT = f'<w:ind w:firstLine="{2 * BODY_CHAR}" w:firstLineChars="200"/>'
_NO_INDENT = '<w:ind w:left="0" w:right="0" w:firstLine="0" w:firstLineChars="0"/>'
# The styles based on Normal that must keep their natural width (title, tables) undo the body's condensing.
_NOT_CONDENSED = '<w:spacing w:val="0"/>'


def _pstyle(
    style_id: str,
    name: str,
    *,
    based_on: str | None = STYLE_BODY,
    next_style: str | None = None,
    ppr: str = "",
    rpr: str = "",
    extra: str = "",
) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    nxt = f'<w:next w:val="{next_style}"/>' if next_style else ""
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f"{based}{nxt}{extra}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _heading_style(level: int) -> str:
    font, bold = HEADING_FONTS[level]
    b = "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    return (
        f'<w:style w:type="paragraph" w:styleId="{STYLE_HEADINGS[level]}"><w:name w:val="heading {level}"/>'
        f'<w:basedOn w:val="{STYLE_BODY}"/><w:next w:val="{STYLE_BODY}"/><w:uiPriority w:val="9"/><w:qFormat/>'
        f'<w:pPr><w:keepNext/><w:keepLines/><w:outlineLvl w:val="{level - 1}"/></w:pPr>'
        f"<w:rPr>{rfonts_xml(font)}{b}</w:rPr></w:style>"
    )


def _run_style(level: int) -> str:
    font, bold = HEADING_FONTS[level]
    b = "<w:b/><w:bCs/>" if bold else ""
    names = {2: "二级标题（段首）", 3: "三级标题（段首）", 4: "四级标题（段首）"}
    return (
        f'<w:style w:type="character" w:customStyle="1" w:styleId="{STYLE_HEADING_RUNS[level]}">'
        f'<w:name w:val="{names[level]}"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>'
        f"<w:rPr>{rfonts_xml(font)}{b}</w:rPr></w:style>"
    )


def _table_style(style_id: str, name: str, jc: str, font: str = FONT_SONG) -> str:
    ppr = (
        f'<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{TABLE_LINE}" w:lineRule="auto"/>'
        f'{_NO_INDENT}<w:jc w:val="{jc}"/>'
    )
    return _pstyle(style_id, name, ppr=ppr, rpr=f"{rfonts_xml(font)}{_NOT_CONDENSED}{size_xml(TABLE_PT)}")


def styles_xml() -> str:
    """The whole ``word/styles.xml``: only the styles the export uses, each with explicit fonts."""
    # overflowPunct on (Word's and WPS's own default, "允许标点溢出边界"): LibreOffice reads the value inverted
    # (writerfilter: ParaIsHangingPunctuation = val == 0), and with the condensed 28-character lines its hanging
    # punctuation drops a line-end comma from the page. With val="1" LibreOffice never hangs punctuation; Word may
    # let one closing mark after a full 28-character line hang into the right margin, as in any Chinese Word file.
    body_ppr = (
        '<w:widowControl/><w:overflowPunct w:val="1"/>'
        f'<w:spacing w:before="0" w:after="0" w:line="{BODY_LINE}" w:lineRule="exact"/>'
        f'{_BODY_INDENT}<w:jc w:val="both"/>'
    )
    styles = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        f'<w:pPr>{body_ppr}</w:pPr><w:rPr>{rfonts_xml(FONT_BODY)}<w:spacing w:val="{BODY_CHAR_SPACING}"/>'
        f'<w:kern w:val="2"/>{size_xml(BODY_PT)}</w:rPr>'
        "</w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>'
        "</w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        _pstyle(
            STYLE_TITLE,
            "公文标题",
            next_style=STYLE_BODY,
            ppr=f'<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{TITLE_LINE}" '
            f'w:lineRule="exact"/>{_NO_INDENT}<w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
            rpr=f"{rfonts_xml(FONT_TITLE)}{_NOT_CONDENSED}{size_xml(TITLE_PT)}",
        ),
        _pstyle(STYLE_ADDRESSEE, "主送机关", next_style=STYLE_BODY, ppr=f'{_NO_INDENT}<w:jc w:val="left"/>'),
        *(_heading_style(level) for level in (1, 2, 3, 4)),
        *(_run_style(level) for level in (2, 3, 4)),
        _table_style(STYLE_TABLE_TEXT, "表格文字", "left"),
        _table_style(STYLE_TABLE_HEADER, "表格表头", "center"),
        _table_style(STYLE_TABLE_NUMBER, "表格数字", "center"),
        _table_style(STYLE_TABLE_NOTE, "表格注释", "left", FONT_KAI),
        _pstyle(
            STYLE_SIGNATURE,
            "落款",
            next_style=STYLE_DATE,
            ppr=f'<w:keepNext/><w:ind w:left="0" w:right="{2 * BODY_CHAR}" w:firstLine="0" w:firstLineChars="0"/>'
            '<w:jc w:val="right"/>',
        ),
        _pstyle(
            STYLE_DATE,
            "成文日期",
            ppr='<w:ind w:left="0" w:right="0" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="right"/>',
        ),
        _pstyle(
            STYLE_PAGE_NUMBER,
            "页码",
            based_on=None,
            ppr='<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            + _NO_INDENT,
            rpr=f"{rfonts_xml(FONT_SONG, FONT_SONG)}{size_xml(PAGE_NUMBER_PT)}",  # the digits in 宋体 too
        ),
        _pstyle(
            STYLE_DRAFT_MARK,
            "草稿标记",
            based_on=None,
            ppr=f'<w:snapToGrid w:val="0"/>{_NO_INDENT}<w:jc w:val="right"/>',
            rpr=f'{rfonts_xml(FONT_SONG)}<w:b/><w:bCs/><w:color w:val="C00000"/>{size_xml(PAGE_NUMBER_PT)}',
        ),
    ]
    defaults = (
        f"<w:docDefaults><w:rPrDefault><w:rPr>{rfonts_xml(FONT_BODY)}{size_xml(BODY_PT)}"
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
    )
    return f"<w:styles {NS_DECL}>{defaults}{''.join(styles)}</w:styles>"


def settings_xml() -> str:
    """Odd and even footers differ; Chinese punctuation compression; Word 2013+ layout.

    The children follow the schema's sequence (CT_Settings): Word refuses a settings part in another order.
    """
    return (
        f"<w:settings {NS_DECL}>"
        '<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>'
        '<w:characterSpacingControl w:val="compressPunctuation"/>'
        "<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/>"
        "<w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>"
        '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
        "</w:compat>"
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
        "</w:settings>"
    )


def font_table_xml() -> str:
    """Declares each face with its GB2312 charset and the usual substitute, so Word picks a close face if missing."""
    fonts = [
        f'<w:font w:name="{LATIN_FONT}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
        '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    ]
    for face, alt in FONT_FALLBACKS.items():
        family = "modern" if face in (FONT_SONG, FONT_BODY) else "auto"
        fonts.append(
            f'<w:font w:name="{face}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="fixed"/></w:font>'
        )
    return f"<w:fonts {NS_DECL}>{''.join(fonts)}</w:fonts>"


def section_xml() -> str:
    """A4, margins 37/35/28/26 mm, the 22-line grid (the footer references are added by python-docx)."""
    return (
        f"<w:sectPr {NS_DECL}>"
        f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_LEFT}" '
        f'w:header="{HEADER_DISTANCE}" w:footer="{FOOTER_DISTANCE}" w:gutter="0"/>'
        '<w:pgNumType w:fmt="decimal"/><w:cols w:space="720"/>'
        # A line grid only: the 28 characters a line come from the body's condensed spacing (BODY_CHAR_SPACING).
        # With a linesAndChars grid (charSpace -842) LibreOffice gives every 16 pt character two of its 15.73 pt
        # cells and prints 14 characters a line, wrapping even the date of the signature.
        f'<w:docGrid w:type="lines" w:linePitch="{BODY_LINE}"/>'
        "</w:sectPr>"
    )


def page_number_xml(align: str) -> str:
    """One footer paragraph "— PAGE —" with one character of space on the outer side."""
    side = "right" if align == "right" else "left"
    return (
        f'<w:p {NS_DECL}><w:pPr><w:pStyle w:val="{STYLE_PAGE_NUMBER}"/>'
        f'<w:ind w:{side}="{PAGE_NUMBER_PT * 20}"/><w:jc w:val="{align}"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">— </w:t></w:r>'
        f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>1</w:t></w:r>"
        f'<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p>'
    )


def _replace_children(parent: BaseOxmlElement, child_xml: str) -> None:
    for child in list(parent):
        parent.remove(child)
    parent.append(parse_xml(child_xml))


def build_document() -> docx.document.Document:
    """The template as a python-docx document (styles, settings, fonts, page setup, footers; empty body)."""
    document = docx.Document()
    package = document.part.package
    # Drop what the python-docx stock template carries and an office template has no use for.
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, RT.NUMBERING, RT.WEB_SETTINGS) or "stylesWithEffects" in rel.reltype:
            document.part.drop_rel(rel_id)
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)

    document.part._styles_part._element = parse_xml(styles_xml())
    document.part._settings_part._element = parse_xml(settings_xml())
    for rel in document.part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            rel.target_part._blob = font_table_xml().encode("utf-8")

    body = document.element.body
    for child in list(body):
        body.remove(child)
    body.append(parse_xml(section_xml()))

    section = document.sections[0]
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    _replace_children(section.footer._element, page_number_xml("right"))
    _replace_children(section.even_page_footer._element, page_number_xml("left"))

    core = document.core_properties
    core.title = "政府信息公开工作年度报告"
    core.author = "gkdesk"
    core.last_modified_by = "gkdesk"
    core.comments = "由 templates/build_template.py 生成，请勿手工修改"
    core.keywords = ""
    core.revision = 1
    fixed = dt.datetime(*ZIP_DATE)
    core.created = fixed
    core.modified = fixed
    return document


def normalise_zip(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps and a fixed member order, so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        ordered = sorted(names, key=lambda n: (n != "[Content_Types].xml", n))
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


def build_template_bytes() -> bytes:
    buffer = io.BytesIO()
    build_document().save(buffer)
    return normalise_zip(buffer.getvalue())


def main() -> int:
    data = build_template_bytes()
    OUTPUT.write_bytes(data)
    print(f"wrote {OUTPUT} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
