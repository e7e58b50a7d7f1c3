"""The structured report inside our own .docx exports, and the check whether Word changed the visible text since.

The writer stores the report JSON (``gkdesk.io.native``) in a custom XML data part (``customXml/itemN.xml``,
related from the main document, which Word and WPS keep when they save), together with a SHA-256 fingerprint of
the visible text. On opening, the importer asks :func:`read_embedded_report`: the same fingerprint means the file
is still exactly what gkdesk wrote and the report is restored as it was; a different one means someone edited the
document in Word and the visible content must be parsed instead.

What is embedded is what the document shows plus what reopening needs to restore the report exactly, and no
more (:func:`embedded_copy`; the copy is published with the file and Word's document inspector lists it):

- kept: title, agency, year, addressee, preface, contacts, every part and table (figures, texts, blank and unread
  cells), the signature (agency and date, printed anyway), the sign-off (its state and date), the
  history's actions and times, last year's report (``previous``, cleaned the same way) for the year-on-year checks;
- dropped: the absolute path of the source file and the import log (on opening, both are replaced by ones that
  describe the .docx itself, so reopening loses nothing), the names in the history (``who``) unless the document
  shows them, the approver's name (``sign_off.approver``, a user name: replaced by :data:`APPROVER_NOT_KEPT`
  unless the page shows it; the .gkreport file keeps it), and the free-text notes of the history (a revocation's
  reason) except the ones gkdesk writes itself (import, roll-over, merge).

``gkdesk convert … --no-embedded-copy`` (``LayoutOptions.embed_report``) writes no copy at all.

Reading is defensive: the .docx may be hostile. Every zip member is read with a size limit (the declared size is
not trusted), XML is parsed without DTDs, entities or network access, and anything unexpected means "no gkdesk data".
"""

from __future__ import annotations

import hashlib
import re
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree  # type: ignore[import-untyped]

from gkdesk.domain.report import Report
from gkdesk.io.docx_xml import W as _W
from gkdesk.io.docx_xml import paragraph_text
from gkdesk.io.errors import ReportReadError
from gkdesk.io.native import SCHEMA_VERSION, report_from_json_text, report_to_json_text

GK_NS = "urn:gkdesk:report"
DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

MAX_DOCX_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_PART_BYTES = 64 * 1024 * 1024
# Characters XML cannot carry; they can only occur inside JSON strings, where a \uXXXX escape means the same.
_XML_UNSAFE = re.compile(r"[\ud800-\udfff\ufffe\uffff]")
_ITEM_NAME = re.compile(r"customXml/item\d+\.xml", re.IGNORECASE)


# --------------------------------------------------------------------------- the visible text and its fingerprint


def visible_text(body: etree._Element) -> str:
    """The text a reader sees, paragraph by paragraph (table cells included) in body order; empty lines ignored."""
    lines = []
    for paragraph in body.iter(_W + "p"):
        if any(a.tag == _W + "p" for a in paragraph.iterancestors()):
            continue  # a paragraph inside a text box inside a paragraph: its text is already in the outer one
        text = paragraph_text(paragraph)
        if text.strip():
            lines.append(text)
    return "\n".join(lines)


def fingerprint(body: etree._Element) -> str:
    return "sha256:" + hashlib.sha256(visible_text(body).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- what is embedded

APPROVER_NOT_KEPT = "（未随文件保存）"
_GENERATED_NOTES = frozenset({"imported", "rolled_over", "merged"})


def embedded_copy(report: Report, shown: str = "", *, keep_approver: bool = False) -> Report:
    """The report as embedded: no source path, no import log, no names the document (text ``shown``) does not show."""

    def name(value: str | None, placeholder: str) -> str:
        return value if value and value in shown else (placeholder if value else "")

    approver = report.sign_off.approver
    if not keep_approver:
        approver = name(approver, APPROVER_NOT_KEPT) or approver
    sign_off = report.sign_off.model_copy(update={"approver": approver})
    history = [
        entry.model_copy(
            update={"who": name(entry.who, ""), "note": entry.note if entry.action in _GENERATED_NOTES else ""}
        )
        for entry in report.history
    ]
    previous = report.previous
    if previous is not None:
        previous = embedded_copy(previous, shown, keep_approver=keep_approver)
    return report.model_copy(
        update={
            "sign_off": sign_off,
            "history": history,
            "import_log": [],
            "source_file": None,
            "previous": previous,
        }
    )


# --------------------------------------------------------------------------- writing


def item_xml(report: Report, print_fingerprint: str) -> bytes:
    root = etree.Element(f"{{{GK_NS}}}report", nsmap={"gk": GK_NS})
    root.set("schemaVersion", str(SCHEMA_VERSION))
    root.set("fingerprint", print_fingerprint)
    root.text = _XML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", report_to_json_text(report))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _props_xml(item_id: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        f'<ds:datastoreItem ds:itemID="{{{item_id}}}" xmlns:ds="{DS_NS}">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{GK_NS}"/></ds:schemaRefs></ds:datastoreItem>'
    ).encode()


def embed_report(document: Document, report: Report) -> str:
    """Add the report and the fingerprint of the document's current body; call it after the body is complete.

    Returns the fingerprint. Any earlier gkdesk item in the package is replaced, never duplicated.
    """
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype == RT.CUSTOM_XML and not rel.is_external and GK_NS.encode() in rel.target_part.blob[:400]:
            part.drop_rel(rel_id)
    used = {str(p.partname) for p in part.package.iter_parts()}
    n = 1
    while f"/customXml/item{n}.xml" in used:
        n += 1
    shown = visible_text(document.element.body)
    print_fingerprint = fingerprint(document.element.body)
    package = part.package
    data = item_xml(embedded_copy(report, shown), print_fingerprint)
    item = Part(PackURI(f"/customXml/item{n}.xml"), CT.XML, data, package)
    item_id = str(uuid.uuid5(uuid.NAMESPACE_URL, GK_NS + "/" + print_fingerprint)).upper()
    props = Part(PackURI(f"/customXml/itemProps{n}.xml"), CT.OFC_CUSTOM_XML_PROPERTIES, _props_xml(item_id), package)
    item.relate_to(props, RT.CUSTOM_XML_PROPS)
    part.relate_to(item, RT.CUSTOM_XML)
    return print_fingerprint


# --------------------------------------------------------------------------- reading


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def _read_member(archive: zipfile.ZipFile, name: str, limit: int = MAX_PART_BYTES) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > limit:
        return None
    with archive.open(info) as handle:
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


def _parse(data: bytes) -> etree._Element | None:
    try:
        tree = etree.fromstring(data, _safe_parser()).getroottree()
    except etree.XMLSyntaxError:
        return None
    if tree.docinfo.doctype:  # no DTDs at all: nothing legitimate here needs one
        return None
    return tree.getroot()


def _main_document_name(archive: zipfile.ZipFile) -> str:
    rels = _read_member(archive, "_rels/.rels", 1024 * 1024)
    root = _parse(rels) if rels else None
    if root is not None:
        for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                target = (rel.get("Target") or "").lstrip("/")
                if target and ".." not in target:
                    return target
    return "word/document.xml"


def _gk_items(archive: zipfile.ZipFile) -> Iterator[etree._Element]:
    for name in archive.namelist():
        if not _ITEM_NAME.fullmatch(name):
            continue
        data = _read_member(archive, name)
        if data is None or GK_NS.encode() not in data[:1000]:
            continue
        root = _parse(data)
        if root is not None and root.tag == f"{{{GK_NS}}}report":
            yield root


def read_embedded_report(path: Path) -> tuple[Report, bool] | None:
    """The report gkdesk embedded in ``path`` and whether the visible text is unchanged since (False = edited in
    Word), or None when the file carries no (readable) gkdesk data."""
    try:
        if Path(path).stat().st_size > MAX_DOCX_BYTES:
            return None
        with zipfile.ZipFile(path) as archive:
            if len(archive.infolist()) > MAX_MEMBERS:
                return None
            item = next(_gk_items(archive), None)
            if item is None:
                return None
            document_xml = _read_member(archive, _main_document_name(archive))
    except (OSError, zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, ValueError):
        return None
    try:
        report = report_from_json_text(item.text or "", Path(path).name)
    except ReportReadError:
        return None  # damaged or from a newer gkdesk: the visible content is still there to read
    document = _parse(document_xml) if document_xml else None
    body = document.find(_W + "body") if document is not None else None
    unchanged = body is not None and fingerprint(body) == item.get("fingerprint")
    return report, unchanged
