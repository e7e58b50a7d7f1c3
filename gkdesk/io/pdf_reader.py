"""Reading a report from a PDF that has a text layer: its text with the layout kept, fed to the text reader.

pypdf's layout mode keeps table columns apart with runs of spaces, which ``gkdesk.io.txt_reader`` reads as
space-aligned rows. Prose comes out one printed line at a time, justified with spaces and with the page headers
and footers in between; ``paragraph_lines`` puts it back together from the line geometry (a line that reaches the
right margin continues into the next, a line indented by two characters starts a paragraph) before the text reader
sees it. A scanned PDF has no text to read; the clerk is told so instead of getting an empty report.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

from gkdesk.domain.report import Report
from gkdesk.io.errors import GkError, ReportReadError
from gkdesk.io.pdf_content import ContentError
from gkdesk.io.pdf_content import operations as content_operations
from gkdesk.io.pdf_layout import text_groups
from gkdesk.io.recognise.lines import is_table_word, space_row
from gkdesk.io.recognise.log import ImportLog
from gkdesk.io.recognise.structure import Para, match_part, split_heading
from gkdesk.io.sniff import refuse_kind, sniff_file
from gkdesk.io.txt_reader import read_text_report

MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_PAGES = 200


def pdf_text(path: Path, typed: dict[str, list[str]] | None = None) -> str:
    """The text of every page, layout kept, pages separated by form feeds.

    ``typed`` receives each printed line as the document typed it (see ``typed_lines``), keyed by its characters.
    """
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:  # pypdf raises several kinds for unsupported encryption
                raise ReportReadError(f"“{path.name}”设置了密码，请先取消密码保护后再导入") from exc
        if len(reader.pages) > MAX_PAGES:
            raise ReportReadError(f"“{path.name}”有 {len(reader.pages)} 页，不像年度报告，已拒绝导入")
        pages = []
        font_cache: dict[int, Any] = {}
        for page in reader.pages:
            operations = _operations(page)
            fonts = _page_fonts(page, font_cache)
            try:
                pages.append(_layout_text(page, operations, fonts))
            except Exception:  # a page pypdf cannot lay out: fall back to plain extraction
                pages.append(page.extract_text())
            if typed is not None:
                for line in typed_lines(page, operations, fonts):
                    typed.setdefault(_key(line), []).append(line)
    except GkError:
        raise
    except Exception as exc:  # pypdf's error types vary by version and damage; all mean "cannot read"
        raise ReportReadError(f"“{path.name}”已损坏或不是有效的 PDF 文件，无法读取") from exc
    return "\f".join(pages)


# --------------------------------------------------------------------------- printed lines back into paragraphs


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _decode(font: Any, operand: Any) -> str:
    """A string operand through the font's encoding and ToUnicode map (simple fonts, one byte a glyph)."""
    return "".join(char for char, _code in _glyphs(font, operand))


def _glyphs(font: Any, operand: Any) -> list[tuple[str, int]]:
    """Each glyph of a string operand: its text and its character code (simple fonts, one byte a glyph)."""
    raw = operand.original_bytes if hasattr(operand, "original_bytes") else operand
    if isinstance(raw, str):
        raw = raw.encode("latin-1", "replace")
    encoding = font.encoding
    out = []
    for byte in raw:
        char = encoding.get(byte, chr(byte)) if isinstance(encoding, dict) else chr(byte)
        out.append((font.character_map.get(char, char), byte))
    return out


COLUMN_GAP = "\t"  # in a typed line: glyphs set apart by more than kerning and justification, never typed
_COLUMN_EM = 0.5  # a gap this many ems wide is room between table cells (or a justified gap), not kerning


class _TextState:
    """Where the next glyph goes along its printed line (PDF text state; rotation and the CTM left out)."""

    def __init__(self) -> None:
        self.font: Any = None
        self.size = 1.0
        self.char_spacing = self.word_spacing = 0.0
        self.scale = 1.0  # horizontal scaling, Tz
        self.leading = 0.0
        self.begin()

    def begin(self) -> None:
        self.matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]  # the line matrix
        self.advance = 0.0  # along the line since its start, in text space

    def move(self, tx: float, ty: float) -> None:
        a, b, c, d, e, f = self.matrix
        self.matrix = [a, b, c, d, e + a * tx + c * ty, f + b * tx + d * ty]
        self.advance = 0.0

    @property
    def x(self) -> float:
        return self.matrix[4] + self.matrix[0] * self.advance

    @property
    def em(self) -> float:
        return abs(self.size * self.matrix[0]) or 1.0

    def show(self, items: list[Any]) -> str:
        """The text of a Tj/TJ operand, moving along the line by its glyphs' widths and TJ's offsets."""
        widths = self.font.character_widths
        text = []
        for item in items:
            if isinstance(item, (int, float)):
                self.advance -= float(item) / 1000 * self.size * self.scale
                continue
            for char, code in _glyphs(self.font, item):
                width = widths.get(chr(code), widths.get("default", 0))
                spacing = self.char_spacing + (self.word_spacing if code == 32 else 0.0)
                self.advance += (float(width) / 1000 * self.size + spacing) * self.scale
                text.append(char)
        return "".join(text)


def _operations(page: Any) -> list[Any] | None:
    """The page's content stream parsed once, by ``gkdesk.io.pdf_content`` (pypdf's parser reads a byte at a time
    and was most of a PDF's import time), shared by the layout text and the typed lines; None when there is none
    or it cannot be parsed."""
    from pypdf.generic import ArrayObject, ContentStream, StreamObject

    try:
        contents = page.get("/Contents")
        contents = contents.get_object() if contents is not None else None
        if not isinstance(contents, (ArrayObject, StreamObject)):
            return None
        stream = ContentStream(contents, page.pdf, "bytes")  # decoded and joined; parsed only when asked
    except Exception:
        return None
    try:
        return content_operations(stream.get_data())
    except ContentError:  # something the fast reader does not take: pypdf's own parser
        pass
    try:
        return list(stream.operations)
    except Exception:
        return None


def _page_fonts(page: Any, cache: dict[int, Any]) -> dict[str, Any] | None:
    """The fonts a page uses (its resources and its parents'), each built once per document: reading a font's
    character map is the second largest cost of a PDF's import. None when pypdf cannot build them."""
    try:
        from pypdf.generic import DictionaryObject
        from pypdf.generic._font import Font

        fonts: dict[str, Any] = {}
        node: Any = page
        seen: set[int] = set()
        while isinstance(node, DictionaryObject) and id(node) not in seen:
            seen.add(id(node))
            resources = node.get("/Resources")
            resources = resources.get_object() if resources is not None else None
            font_dict = resources.get("/Font") if isinstance(resources, DictionaryObject) else None
            font_dict = font_dict.get_object() if font_dict is not None else None
            if isinstance(font_dict, DictionaryObject):
                for name, ref in font_dict.items():
                    font = ref.get_object()
                    if name not in fonts and isinstance(font, DictionaryObject):
                        if id(font) not in cache:
                            cache[id(font)] = Font.from_font_resource(font)
                        fonts[name] = cache[id(font)]
            parent = node.get("/Parent")
            node = parent.get_object() if parent is not None else None
        return fonts
    except Exception:
        return None


def _layout_text(page: Any, operations: list[Any] | None, fonts: dict[str, Any] | None = None) -> str:
    """pypdf's layout-mode text of the page from already parsed operations (the steps of its
    ``_layout_mode_text``, pinned pypdf version, its text runs computed by ``gkdesk.io.pdf_layout``); its own
    extraction when those are not to be had."""
    if operations is None:
        return str(page.extract_text(extraction_mode="layout"))
    try:
        from pypdf._text_extraction import _layout_mode

        fonts = fonts if fonts is not None else page._layout_mode_fonts()
        groups = text_groups(operations, fonts)
        if not groups:
            return ""
        lines = _layout_mode.y_coordinate_groups(groups, None)
        width = _layout_mode.fixed_char_width(groups, 1.25)
        return str(_layout_mode.fixed_width_page(lines, width, True, 1))
    except (ImportError, AttributeError, TypeError):  # another pypdf than the pinned one
        return str(page.extract_text(extraction_mode="layout"))


def typed_lines(page: Any, operations: list[Any] | None = None, fonts: dict[str, Any] | None = None) -> list[str]:
    """Each printed line of a page with only the spaces typed in the document.

    pypdf's extraction turns every wide gap into spaces: the room justification spreads between characters and
    the gap printed between Chinese and Latin text look the same as a typed space. Its layout mode even widens
    them: it counts a CJK character as one column of a grid narrower than the character, so a text run that
    starts after a few CJK characters (a number set in a Latin font) lands several columns further right, as a
    table cell would. Here the glyphs themselves are read (a typed space is a space glyph; gaps are only
    offsets), line by line, and where they are placed: glyphs set apart by more than half an em (table cells,
    a widely justified gap) are joined by ``COLUMN_GAP``, glyphs merely kerned or justified apart by nothing.
    Fonts pypdf cannot map give text that matches no layout line, so it is simply not used; fonts of two bytes a
    glyph (CID fonts, as WPS and Qt write them) are not read at all, for the same reason: this reads a byte a glyph.
    """
    from pypdf.generic import ContentStream
    from pypdf.generic._font import Font

    try:
        if fonts is None:
            resources = page["/Resources"].get_object()
            fonts = {name: Font.from_font_resource(ref.get_object()) for name, ref in resources["/Font"].items()}
        if operations is None:
            operations = ContentStream(page.get_contents(), page.pdf, "bytes").operations
    except Exception:  # no fonts, odd resources, a stream pypdf cannot parse: no typed text for this page
        return []
    fonts = {name: font for name, font in fonts.items() if isinstance(font.encoding, dict)}  # a byte a glyph
    if not fonts:
        return []
    state = _TextState()
    rows: dict[int, list[tuple[float, float, float, str]]] = {}  # per line: (start, end, em, text) of each run
    for operands, operator in operations:
        try:
            if operator == b"BT":
                state.begin()
            elif operator == b"Tf":  # a font left out above: its text is not read (state.font None)
                state.font, state.size = fonts.get(operands[0]), float(operands[1])
            elif operator == b"Tc":
                state.char_spacing = float(operands[0])
            elif operator == b"Tw":
                state.word_spacing = float(operands[0])
            elif operator == b"Tz":
                state.scale = float(operands[0]) / 100
            elif operator == b"TL":
                state.leading = float(operands[0])
            elif operator in (b"Td", b"TD"):
                state.move(float(operands[0]), float(operands[1]))
                if operator == b"TD":
                    state.leading = -float(operands[1])
            elif operator == b"Tm":
                state.matrix = [float(value) for value in operands[:6]]
                state.advance = 0.0
            elif operator == b"T*":
                state.move(0.0, -state.leading)
            elif operator in (b"Tj", b"TJ", b"'", b'"') and state.font is not None:
                if operator == b'"':
                    state.word_spacing, state.char_spacing = float(operands[0]), float(operands[1])
                if operator in (b"'", b'"'):
                    state.move(0.0, -state.leading)
                start = state.x
                text = state.show(list(operands[0]) if operator == b"TJ" else [operands[-1]])
                rows.setdefault(round(state.matrix[5]), []).append((start, state.x, state.em, text))
        except Exception:  # one odd operator does not spoil the page
            continue
    lines = []
    for _y, runs in sorted(rows.items(), key=lambda row: -row[0]):
        parts = [runs[0][3]]
        for (_start, end, em, _text), (start, _end, next_em, text) in pairwise(runs):
            apart = abs(start - end) > _COLUMN_EM * max(em, next_em)
            parts.append((COLUMN_GAP if apart else "") + text)
        lines.append("".join(parts))
    return lines


def _one_run(found: list[str] | None) -> bool:
    """Whether a printed line is known to be one run of text: its glyphs follow each other, with no column gap."""
    return bool(found) and not any(COLUMN_GAP in line for line in found or [])


_PAGE_MARK = re.compile(
    r"^(?:草\s*稿|[-—–]\s*\d{1,3}\s*[-—–]|\d{1,3}|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3})$"
)
_EDGE_LINES = 3  # headers and footers are among the first and last lines of a page
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’…—]")
_PROSE_PUNCT = set("，。；、：？！“”‘’《》")


def _is_page_mark(line: str) -> bool:
    """A header or footer line: the draft mark, "— 3 —", a bare page number, "第 3 页 共 5 页"."""
    fields = [f for f in re.split(r"\s{2,}", line.strip()) if f]
    if not 0 < len(fields) <= 2 or sum(1 for f in fields if f.isdigit()) > 1:
        return False  # a row of figures at the foot of a table is no footer
    return all(_PAGE_MARK.match(f) for f in fields)


def _without_page_marks(page: str) -> list[str]:
    lines = page.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    edges = set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:])
    return [line for i, line in enumerate(lines) if i not in edges or not _is_page_mark(line)]


def _width(text: str) -> int:
    """Display columns: pypdf's layout gives a CJK character the room of two Latin ones."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text.rstrip())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def tidy_line(text: str) -> str:
    """One printed line without the spaces justification put between CJK characters.

    Spaces next to a CJK character or full-width punctuation go; between Latin words and numbers one space stays.
    """
    text = re.sub(r"[ \u3000\u00a0]+", " ", text.strip())
    kept = [ch for i, ch in enumerate(text) if ch != " " or not (_WIDE.match(text[i - 1]) or _WIDE.match(text[i + 1]))]
    return "".join(kept)


_SCRIPT_CHANGE = re.compile(r"[\u4e00-\u9fff]( ?)[0-9A-Za-z]|[0-9A-Za-z%]( ?)[\u4e00-\u9fff]")


def _spaced_script_changes(pieces: list[str]) -> bool:
    """Whether this paragraph sets numbers apart from Chinese text with a space ("2021 年") more often than not."""
    found = [m.group(1) or m.group(2) for piece in pieces for m in _SCRIPT_CHANGE.finditer(piece)]
    return bool(found) and sum(1 for gap in found if gap) * 2 > len(found)


def _joined(left: str, right: str, spaced: bool = False) -> str:
    """Two printed lines of one paragraph: no space between them, except between two Latin words, and between
    Chinese text and a number when the paragraph writes them apart (a typed space at a line end is not printed)."""
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if a.isascii() and a.isalpha() and b.isascii() and b.isalpha():
        return f"{left} {right}"
    if spaced and _SCRIPT_CHANGE.fullmatch(a + b):
        return f"{left} {right}"
    return left + right


def _is_heading(text: str) -> bool:
    para = Para(text)
    return match_part(para) is not None or (split_heading(para) is not None and len(text) <= 40)


def _is_table_line(line: str) -> bool:
    """A printed table row: several figures in columns, a table header or caption, or cells without prose."""
    fields = [f for f in re.split(r"\s{2,}", line.strip()) if f]
    if sum(1 for f in fields if re.fullmatch(r"[\d.,]+", unicodedata.normalize("NFKC", f))) >= 2:
        return True
    if any(is_table_word(f) or "勾稽" in f for f in fields):
        return True
    if sum(1 for f in fields if len(f) <= 6 and not _prose(f)) >= 3:
        return True  # column headers: several short cells
    return space_row(line) is not None and not any(ch in _PROSE_PUNCT for ch in line)


def paragraph_lines(text: str, typed: dict[str, list[str]] | None = None) -> str:
    """The layout text with each paragraph of prose on one line and page headers and footers dropped.

    Table lines (columns apart by runs of spaces) are kept as printed for the table reader. A prose line whose
    typed text is known (``typed_lines``) keeps the spaces the clerk typed, else justification spaces next to CJK
    characters are dropped. A line whose typed text is one run of glyphs has no columns, whatever runs of spaces
    the layout shows in it: it is judged, and a heading or title printed, by its typed text.
    """
    typed = typed or {}

    def as_typed(line: str) -> str:
        found = typed.get(_key(line))
        if not found:
            return tidy_line(line)
        return re.sub(r" {2,}", " ", found[0].replace(COLUMN_GAP, "").strip())

    judged: dict[str, bool] = {}

    def is_table(line: str) -> bool:
        if line not in judged:  # asked twice of every line
            found = typed.get(_key(line))
            judged[line] = _is_table_line(found[0] if found and _one_run(found) else line)
        return judged[line]

    def as_printed(line: str) -> str:
        if not _one_run(typed.get(_key(line))):
            return line.rstrip()
        return " " * _indent(line) + as_typed(line)

    pages = [_without_page_marks(page) for page in text.split("\f")]
    prose = [ln for page in pages for ln in page if ln.strip() and _WIDE.search(ln) and not is_table(ln)]
    widths = Counter(_width(ln) for ln in prose if _indent(ln) == 0)
    if not widths:
        return "\n".join("\n".join(page) for page in pages)
    full = widths.most_common(1)[0][0]  # most prose lines are full lines
    margin = full - 6  # three CJK characters short of a full line still reach the margin (justified lines vary)
    out: list[str] = []
    paragraph: list[str] = []
    open_ended = False  # the last prose line reached the right margin: the paragraph goes on

    def flush() -> None:
        if len(paragraph) == 1 and not _prose(paragraph[0]):
            out.append(as_printed(paragraph[0]))  # a heading, a title, a wrapped table label
        elif paragraph:
            pieces = [as_typed(line) for line in paragraph]
            spaced = _spaced_script_changes(pieces)
            text = ""
            for piece in pieces:
                text = _joined(text, piece, spaced)
            out.append(text)
        paragraph.clear()

    for line in (ln for page in pages for ln in page):
        if not line.strip():
            if not (paragraph and open_ended):  # blank lines inside a paragraph are a page break
                flush()
                out.append("")
            continue
        heading = _is_heading(tidy_line(line))
        table = is_table(line)
        if not (paragraph and open_ended and _indent(line) < 2 and not heading and not table):
            flush()
            if table or not _WIDE.search(line):
                out.append(line.rstrip())
                open_ended = False
                continue
        paragraph.append(line)
        open_ended = _width(line) >= margin  # a run-in heading ("1.主动公开。我县…") goes on like any paragraph
        if not open_ended:
            flush()
    flush()
    return "\n".join(out)


def _prose(line: str) -> bool:
    return any(ch in _PROSE_PUNCT for ch in line)


MAX_GARBLED_SHARE = 0.2
_SPACE = re.compile(r"\s")
_GARBLE = re.compile(r"[\x00-\x08\x0e-\x1f\ue000-\uf8ff\ufffd]")  # controls other than whitespace, private use


def garbled_share(text: str) -> float:
    """The share of characters no text holds: control characters, private-use code points, U+FFFD. A PDF whose
    fonts lack a ToUnicode map gives glyph numbers as characters (\x01\x02…, with "0"–"9" among them), which no
    rule could tell from figures: such a text layer is refused as a whole, never read."""
    visible = len(text) - len(_SPACE.findall(text))
    return len(_GARBLE.findall(text)) / visible if visible > 0 else 0.0


def read_pdf(path: str | os.PathLike[str]) -> Report:
    file = Path(path)
    kind = sniff_file(file)
    if kind != "pdf":
        refuse_kind(file, kind, " PDF")
    if file.stat().st_size > MAX_PDF_BYTES:
        raise ReportReadError(f"“{file.name}”过大（超过 50 MB），不像年度报告，已拒绝导入")
    typed: dict[str, list[str]] = {}
    text = pdf_text(file, typed)
    if len("".join(text.split())) < 20:
        raise ReportReadError(
            f"“{file.name}”没有可提取的文字（可能是扫描件或图片），请使用原始的 .docx 文件，或先用 OCR 软件识别文字"
        )
    if garbled_share(text) > MAX_GARBLED_SHARE:
        raise ReportReadError(
            f"“{file.name}”的文字层无法还原为文字（PDF 中的字体缺少字符对照表，复制出来是乱码），gkdesk 不能读取；"
            "请使用生成它的 Word 或 WPS 原文件，或该报告的网页版"
        )
    log = ImportLog()
    log.assumed("从 PDF 提取文字导入：表格按文字的排列位置识别，请逐项核对数字")
    report = read_text_report(paragraph_lines(text, typed), file.name, log)
    report.source_file = str(file)
    return report
