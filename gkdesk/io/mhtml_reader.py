"""Reading a web page saved as one file (.mht, .mhtml): Word's "单个文件网页", a browser's "网页，单个文件", and
the ".doc" attachments some office systems export, which are such pages under a Word name.

The file is a MIME message (RFC 2557): the page's HTML is one part, usually quoted-printable, in the charset its
header declares (often gb2312 written by GBK); images and styles are other parts. The HTML part is read by the
web-page reader, so tables and paragraphs read exactly as from a saved .html.
"""

from __future__ import annotations

import email.parser
import email.policy
import os
from email.message import Message
from pathlib import Path

from gkdesk.domain.report import Report
from gkdesk.io.encoding import decode_text
from gkdesk.io.errors import ReportReadError
from gkdesk.io.recognise.log import ImportLog
from gkdesk.io.sniff import read_limited, size_and_kind
from gkdesk.io.txt_reader import read_text_report

MAX_MHTML_BYTES = 64 * 1024 * 1024  # a page with its pictures; the text part alone is far smaller
# Chinese charsets as pages declare them, read by the codec that is a superset of each (pages declaring gb2312
# routinely hold GBK characters)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "big5": "big5hkscs"}


def _html_part(message: Message) -> Message | None:
    """The page itself: the first text/html part (the root of multipart/related)."""
    for part in message.walk():
        if part.get_content_type() == "text/html":
            return part
    return None


def _decoded(part: Message, name: str, notes: list[str]) -> str:
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    declared = (part.get_content_charset() or "").lower()
    codec = _SUPERSETS.get(declared, declared)
    if codec:
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: let the bytes say what they are
    text, _encoding = decode_text(data, name, notes)
    return text


def read_mhtml(path: str | os.PathLike[str]) -> Report:
    """A report from a single-file web page; a file that is no such page is refused in one sentence."""
    file = Path(path)
    size, _kind = size_and_kind(file)
    data = read_limited(file, size, MAX_MHTML_BYTES, "网页")
    try:
        message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(data)
        part = _html_part(message)
    except RecursionError as exc:  # the stdlib parser recurses once per nested multipart
        raise ReportReadError(f"“{file.name}”的结构嵌套过深，不像单个文件网页，已拒绝导入") from exc
    if part is None:
        raise ReportReadError(f"“{file.name}”是单个文件网页（.mht），但其中没有网页正文，无法导入")
    notes: list[str] = []
    html = _decoded(part, file.name, notes)
    log = ImportLog()
    log.recognised("单个文件网页（.mht/.mhtml）：读取其中的网页正文")
    for note in notes:
        log.warning(note)
    report = read_text_report(html, file.name, log)
    report.source_file = str(file)
    return report
