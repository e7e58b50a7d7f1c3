"""Reading a report from an OpenDocument text file (.odt: LibreOffice, WPS and Word can all save one).

An .odt is a zip whose first member, ``mimetype``, names the kind of document, and whose ``content.xml`` holds the
body: paragraphs (text:p, text:h), lists of them (text:list), sections, and tables (table:table-row,
table:table-cell; a cell spanning columns is one cell followed by covered cells, which are skipped; the cells under
a cell spanning rows are covered cells read as blank). The zip is checked before anything is read (entry count,
declared sizes, ratios) and content.xml is refused if it declares a DTD or entities, then parsed without resolving
any. The paragraphs and rows are made the way the .docx reader makes them and go to the same recogniser.
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from gkdesk.domain.report import Report
from gkdesk.io.errors import GkError, ReportReadError
from gkdesk.io.recognise.log import ImportLog
from gkdesk.io.recognise.structure import Item, Row, build_report, paragraph_items
from gkdesk.io.sniff import check_zip_safety, refuse_kind, size_and_kind

MAX_ODT_BYTES = 100 * 1024 * 1024
MAX_REPEAT = 64  # number-columns-repeated / number-rows-repeated: a text document repeats empty cells a little
MAX_DEPTH = 64
ODT_MIMETYPES = ("application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text-template")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)|<\x00!\x00(?:D\x00O\x00C|E\x00N\x00T)", re.IGNORECASE)
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_INLINE_PREFIXES = (_TEXT, _DRAW + "frame", _DRAW + "text-box", _DRAW + "a")
_PARAGRAPHS = (_TEXT + "p", _TEXT + "h")
# text:* elements whose content is not document text (declarations, index templates, footnotes, change records)
_SKIPPED = {
    _TEXT + name
    for name in (
        "tracked-changes",
        "note",
        "sequence-decls",
        "variable-decls",
        "user-field-decls",
        "dde-connection-decls",
        "ruby-text",
        "index-title-template",
    )
}
_CELL_CONTAINERS = (_TEXT + "list", _TEXT + "list-item", _TEXT + "list-header", _TEXT + "section")
_CELL_TAGS = (_TABLE + "table-cell", _TABLE + "covered-table-cell")
_ROW_GROUPS = (_TABLE + "table-header-rows", _TABLE + "table-rows", _TABLE + "table-row-group")


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _int(node: etree._Element, name: str, default: int = 1, top: int = MAX_REPEAT) -> int:
    try:
        return max(1, min(int(node.get(name, default)), top))
    except ValueError:
        return default


# --------------------------------------------------------------------------- text of a paragraph


def _inline(node: etree._Element, out: list[str], depth: int = 0) -> None:
    """The shown text inside a paragraph: spans, links, fields, spaces, tabs, line breaks, text boxes."""
    if node.text:
        out.append(node.text)
    for child in node:
        tag = child.tag
        if not isinstance(tag, str):  # comments, processing instructions
            pass
        elif tag == _TEXT + "s":
            out.append(" " * _int(child, _TEXT + "c", 1, 1000))
        elif tag == _TEXT + "tab":
            out.append("\t")
        elif tag == _TEXT + "line-break":
            out.append("\n")
        elif depth < MAX_DEPTH and tag not in _SKIPPED and tag.startswith(_INLINE_PREFIXES):
            _inline(child, out, depth + 1)  # span, a, fields; text boxes read into their anchor paragraph
        if child.tail:
            out.append(child.tail)


def paragraph_text(node: etree._Element) -> str:
    out: list[str] = []
    _inline(node, out)
    return "".join(out)


def _paragraph_items(text: str, numbered_para: bool, list_level: int) -> list[Item]:
    """As the .docx reader makes them: line breaks split, TAB-separated cells are a row, list items numbered."""
    level = max(1, list_level) if numbered_para else 0  # the .docx reader's level of a numbered paragraph
    return paragraph_items(text, numbered=numbered_para, level=level)


# --------------------------------------------------------------------------- tables


def _cell_paragraphs(cell: etree._Element, depth: int = 0) -> list[str]:
    """The paragraphs directly in a cell (through lists and sections), not those of tables nested in it."""
    texts: list[str] = []
    for child in cell:
        if child.tag in _PARAGRAPHS:
            texts.append(paragraph_text(child))
        elif depth < MAX_DEPTH and child.tag in _CELL_CONTAINERS:
            texts.extend(_cell_paragraphs(child, depth + 1))
    return texts


def _row_elements(table: etree._Element, depth: int = 0) -> list[etree._Element]:
    rows: list[etree._Element] = []
    for child in table:
        if child.tag == _TABLE + "table-row":
            rows.extend([child] * _int(child, _TABLE + "number-rows-repeated"))
        elif child.tag in _ROW_GROUPS and depth < MAX_DEPTH:
            rows.extend(_row_elements(child, depth + 1))
    return rows


def _row_cells(row: etree._Element) -> list[tuple[etree._Element, bool]]:
    """The row's cells left to right, repeats expanded: (element, covered)."""
    cells: list[tuple[etree._Element, bool]] = []
    for child in row:
        if child.tag in _CELL_TAGS:
            covered = child.tag == _TABLE + "covered-table-cell"
            cells.extend([(child, covered)] * _int(child, _TABLE + "number-columns-repeated"))
    return cells


def table_rows(table: etree._Element, depth: int = 0) -> list[list[str]]:
    """Rows of cell texts as the .docx reader reads Word's tables: a cell spanning columns is one cell, the cells
    under one spanning rows are blank; nested tables follow the row that holds them."""
    rows: list[list[str]] = []
    spans: dict[int, tuple[int, int]] = {}  # column -> (rows still covered below, columns spanned)
    for row in _row_elements(table):
        texts: list[str] = []
        nested: list[list[str]] = []
        column = skip = 0
        for cell, covered in _row_cells(row):
            if covered:
                if skip:  # covered by the span of a cell to its left
                    skip -= 1
                    continue
                below = spans.get(column)
                if below is None:
                    column += 1
                    continue
                left, width = below
                texts.append("")  # under a cell spanning rows: one blank cell, as Word's vMerge continuation
                if left > 1:
                    spans[column] = (left - 1, width)
                else:
                    del spans[column]
                column += width
                skip = width - 1
                continue
            width = _int(cell, _TABLE + "number-columns-spanned", 1, 1000)
            height = _int(cell, _TABLE + "number-rows-spanned", 1, 100_000)
            texts.append("".join(t.replace("\n", "") for t in _cell_paragraphs(cell)))
            if height > 1:
                spans[column] = (height - 1, width)
            column += width
            skip = width - 1
            if depth < 5:
                for inner in cell.iter(_TABLE + "table"):
                    if inner.getparent() is cell:
                        nested.extend(table_rows(inner, depth + 1))
        rows.append(texts)
        rows.extend(nested)
    return rows


# --------------------------------------------------------------------------- the body


def body_items(body: etree._Element) -> tuple[list[Item], int]:
    """Paragraphs and table rows of office:text in reading order, and how many tables there were."""
    items: list[Item] = []
    tables = 0

    def walk(container: etree._Element, depth: int) -> None:
        if depth <= MAX_DEPTH:
            for child in container:
                node(child, 0, depth)

    def node(child: etree._Element, list_level: int, depth: int) -> None:
        nonlocal tables
        tag = child.tag
        if not isinstance(tag, str):  # comments, processing instructions
            return
        if tag in _PARAGRAPHS:
            items.extend(_paragraph_items(paragraph_text(child), False, 0))
        elif tag == _TEXT + "list":
            walk_list(child, list_level + 1, depth + 1)
        elif tag == _TABLE + "table":
            tables += 1
            cells = [_row_cells(row) for row in _row_elements(child)]
            if cells and all(sum(1 for _c, covered in row if not covered) == 1 for row in cells):
                for row in cells:  # a one-column frame around text (a border, a layout): read its content
                    walk(next(c for c, covered in row if not covered), depth + 1)
            else:
                items.extend(Row(texts) for texts in table_rows(child))
        elif tag.startswith(_TEXT) and tag not in _SKIPPED and not tag.endswith("-source"):
            walk(child, depth + 1)  # section, index body, ...

    def walk_list(element: etree._Element, level: int, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        for item in element:
            if item.tag not in (_TEXT + "list-item", _TEXT + "list-header"):
                continue
            first = item.tag == _TEXT + "list-item"  # the first paragraph of an item carries its number
            for child in item:
                if child.tag in _PARAGRAPHS:
                    items.extend(_paragraph_items(paragraph_text(child), first, level - 1))
                    first = False
                else:
                    node(child, level, depth + 1)

    walk(body, 0)
    return items, tables


# --------------------------------------------------------------------------- the package


def is_odt(archive: zipfile.ZipFile) -> bool:
    try:
        with archive.open("mimetype") as handle:
            return handle.read(100).decode("ascii", "replace").strip() in ODT_MIMETYPES
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError):
        return False


def _content(path: Path, archive: zipfile.ZipFile) -> etree._Element:
    name = path.name
    try:
        manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in archive.namelist() else b""
        if b"encryption-data" in manifest:
            raise ReportReadError(
                f"“{name}”设置了打开密码（文件已加密），gkdesk 无法读取；请在 LibreOffice、WPS 或 Word 中输入密码打开，"
                "取消密码后保存，再导入"
            )
        info = archive.getinfo("content.xml")
        with archive.open(info) as handle:
            data = handle.read(info.file_size + 1)
    except KeyError as exc:
        raise ReportReadError(f"“{name}”不是完整的 OpenDocument 文字文件（缺少正文 content.xml），无法导入") from exc
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise ReportReadError(f"“{name}”已损坏（正文无法解压），无法导入") from exc
    if _DTD.search(data):
        raise ReportReadError(f"“{name}”包含不安全的 XML 内容（文档类型或实体声明），为安全起见已拒绝打开")
    try:
        root = etree.fromstring(data, _safe_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ReportReadError(f"“{name}”已损坏，无法读取文档内容") from exc
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise ReportReadError(f"“{name}”不是 OpenDocument 文字文件（没有文字正文），无法导入")
    return body


def read_odt(path: str | os.PathLike[str]) -> Report:
    """The report in an .odt; every failure is a ReportReadError with one Chinese sentence."""
    file = Path(path)
    size, kind = size_and_kind(file)
    if kind not in ("zip", "odt"):
        refuse_kind(file, kind, " OpenDocument 文字（.odt）")
    if size > MAX_ODT_BYTES:
        raise ReportReadError(f"“{file.name}”过大（超过 100 MB），不像年度报告，已拒绝打开")
    archive = check_zip_safety(file)
    try:
        if not is_odt(archive):
            if "[Content_Types].xml" in archive.namelist():  # a .docx renamed .odt: the registry routes it
                raise ReportReadError(f"“{file.name}”实际上是 Word 文档（.docx），请把扩展名改为 .docx 后再打开")
            raise ReportReadError(f"“{file.name}”不是 OpenDocument 文字文件（可能是其他压缩文件），无法导入")
        body = _content(file, archive)
        try:
            items, tables = body_items(body)
        except GkError:
            raise
        except (etree.LxmlError, ValueError, KeyError, RecursionError) as exc:
            raise ReportReadError(f"“{file.name}”已损坏，无法读取文档内容") from exc
    finally:
        archive.close()
    log = ImportLog()
    log.recognised(f"OpenDocument 文字文件（.odt）：{tables} 个表格")
    report = build_report(items, file.name, log)
    report.source_file = str(file)
    return report
