"""Reading a report from a Word .docx: our own exports losslessly, anybody's by their visible content.

The file is checked before anything parses it (zip directory sizes and counts, no DTD/entity declarations in any
XML part). Our own exports carry the report as embedded data (``gkdesk.io.docx_embed``); when the visible text is
unchanged that report is returned as it was saved. Otherwise the body is walked in reading order: paragraphs, and
tables through the raw table XML (gridSpan, vMerge, nested tables, irregular grids), each merged cell read once.
The resulting paragraphs and rows go to the same recogniser as text files.
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from gkdesk.domain.report import Report
from gkdesk.io.docx_xml import W as _W
from gkdesk.io.docx_xml import paragraph_text
from gkdesk.io.errors import GkError, ReportReadError
from gkdesk.io.recognise.log import ImportLog
from gkdesk.io.recognise.structure import Item, Row, build_report, paragraph_items
from gkdesk.io.sniff import check_zip_safety, convert_hint, refuse_kind, refuse_unsupported, size_and_kind

MAX_DOCX_BYTES = 100 * 1024 * 1024
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)|<\x00!\x00(?:D\x00O\x00C|E\x00N\x00T)", re.IGNORECASE)


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _check_parts(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a package without a Word body or with DTD/entity declarations in any XML part (XXE, billion laughs)."""
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
        raise ReportReadError(f"“{name}”不是 Word 文档（.docx），可能是其他压缩文件，无法导入")
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels")):
            continue
        try:
            with archive.open(info) as handle:
                data = handle.read(info.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise ReportReadError(f"“{name}”已损坏（“{info.filename}”无法解压），无法导入") from exc
        if _DTD.search(data):
            raise ReportReadError(f"“{name}”包含不安全的 XML 内容（文档类型或实体声明），为安全起见已拒绝打开")


# --------------------------------------------------------------------------- walking the body


def _int_attr(parent: etree._Element | None, tag: str, default: int) -> int:
    if parent is None:
        return default
    node = parent.find(_W + tag)
    if node is None:
        return default
    try:
        return max(1, min(int(node.get(_W + "val", default)), 64))
    except ValueError:
        return default


def _children_through_sdt(parent: etree._Element, tag: str) -> list[etree._Element]:
    """Children with ``tag``, including those wrapped in content controls (w:sdt), as Word writes them."""
    found: list[etree._Element] = []
    for child in parent:
        if child.tag == _W + tag:
            found.append(child)
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                found.extend(c for c in content if c.tag == _W + tag)
    return found


def _cells_of(tr: etree._Element) -> list[etree._Element]:
    return _children_through_sdt(tr, "tc")


def _rows_of(tbl: etree._Element) -> list[etree._Element]:
    return _children_through_sdt(tbl, "tr")


def table_rows(tbl: etree._Element, depth: int = 0) -> list[list[str]]:
    """Rows of cell texts, each merged cell once: a gridSpan cell is one cell, a vMerge continuation is blank.

    Nested tables follow the row that holds them, so their labels are recognised like any other row.
    """
    rows: list[list[str]] = []
    for tr in _rows_of(tbl):
        texts: list[str] = []
        nested: list[list[str]] = []
        for tc in _cells_of(tr):
            tc_pr = tc.find(_W + "tcPr")
            vmerge = tc_pr.find(_W + "vMerge") if tc_pr is not None else None
            continued = vmerge is not None and vmerge.get(_W + "val", "continue") == "continue"
            paragraphs = [paragraph_text(p) for p in tc if p.tag == _W + "p"]
            texts.append("" if continued else "".join(t.replace("\n", "") for t in paragraphs))
            if depth < 5:
                for inner in tc.iter(_W + "tbl"):
                    if inner.getparent() is tc:
                        nested.extend(table_rows(inner, depth + 1))
        rows.append(texts)
        rows.extend(nested)
    return rows


def _paragraph_item(p: etree._Element) -> list[Item]:
    text = paragraph_text(p)
    p_pr = p.find(_W + "pPr")
    num_pr = p_pr.find(_W + "numPr") if p_pr is not None else None
    level = _int_attr(num_pr, "ilvl", 0) if num_pr is not None else 0
    return paragraph_items(text, numbered=num_pr is not None, level=level)


def body_items(body: etree._Element) -> tuple[list[Item], int]:
    """Paragraphs and table rows of a document body in reading order, and how many tables there were."""
    items: list[Item] = []
    tables = 0

    def walk(container: etree._Element) -> None:
        nonlocal tables
        for child in container:
            if child.tag == _W + "p":
                items.extend(_paragraph_item(child))
            elif child.tag == _W + "tbl":
                tables += 1
                rows = _rows_of(child)
                if rows and all(len(_cells_of(tr)) == 1 for tr in rows):
                    for tr in rows:  # a one-column frame around text (a border, a layout): read its content
                        walk(_cells_of(tr)[0])
                else:
                    items.extend(Row(cells) for cells in table_rows(child))
            elif child.tag in (_W + "sdt", _W + "customXml", _W + "ins", _W + "smartTag"):
                content = child.find(_W + "sdtContent")
                walk(content if content is not None else child)

    walk(body)
    return items, tables


def _body(path: Path, archive: zipfile.ZipFile) -> etree._Element:
    """The w:body, through python-docx; a package python-docx refuses (.docm, odd content types) is parsed
    directly with the safe parser."""
    try:
        import docx

        return docx.Document(str(path)).element.body
    except GkError:
        raise
    except Exception:  # python-docx raises many kinds on odd packages; we retry on the raw part
        pass
    try:
        data = archive.read("word/document.xml")
        root = etree.fromstring(data, _safe_parser())
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, OSError, ValueError) as exc:
        raise ReportReadError(f"“{path.name}”已损坏，无法读取文档内容") from exc
    body = root.find(_W + "body")
    if body is None:
        raise ReportReadError(f"“{path.name}”不是有效的 Word 文档（没有正文）")
    return body


def _embedded(path: Path) -> tuple[Report, bool] | None:
    from gkdesk.io.docx_embed import read_embedded_report

    return read_embedded_report(path)


EMBEDDED_NOTE = "从 gkdesk 导出的 Word 文档中读取（含完整数据）"


def _as_opened(report: Report, file: Path) -> Report:
    """The embedded report with a log about this file: the log saved with it told how an older source was read."""
    log = ImportLog()
    log.recognised(EMBEDDED_NOTE)
    report.import_log = log.entries
    report.source_file = str(file)
    return report


def read_docx(path: str | os.PathLike[str]) -> Report:
    """The report in a .docx; every failure is a ReportReadError with one Chinese sentence."""
    file = Path(path)
    size, kind = size_and_kind(file)
    if kind == "ole":
        raise ReportReadError(
            f"“{file.name}”实际上是旧版 Word 格式（.doc）或设置了打开密码的文档，gkdesk 不能直接读取；"
            + convert_hint(".docx", "（如有密码请先取消）")
        )
    if kind == "rtf":
        refuse_unsupported(file, kind)
    if kind != "zip":
        refuse_kind(file, kind, " Word（.docx）")
    if size > MAX_DOCX_BYTES:
        raise ReportReadError(f"“{file.name}”过大（超过 100 MB），不像年度报告，已拒绝打开")
    archive = check_zip_safety(file)
    try:
        _check_parts(archive, file.name)
        embedded = _embedded(file)
        if embedded is not None and embedded[1]:
            return _as_opened(embedded[0], file)
        try:
            body = _body(file, archive)
            items, tables = body_items(body)
        except GkError:
            raise
        except (etree.LxmlError, ValueError, KeyError, RecursionError) as exc:
            raise ReportReadError(f"“{file.name}”已损坏，无法读取文档内容") from exc
    finally:
        archive.close()
    log = ImportLog()
    if embedded is not None:
        log.warning("该文档由 gkdesk 导出后又在 Word 中修改过，已按文档中可见的文字重新识别（嵌入的原始数据未使用）")
    log.recognised(f"Word 文档：{tables} 个表格")
    report = build_report(items, file.name, log)
    report.source_file = str(file)
    return report
