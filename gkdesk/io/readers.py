"""Which reader reads a file: one registry, decided once, by the file's bytes first and its name second.

Clerks rename files, save .doc as .docx and paste web pages into .txt files. ``route`` sniffs the first bytes
once: a Word 97-2003 / WPS compound file goes to the .doc reader whatever its name, a zip to the .docx or .odt
reader by its content, a PDF, our own .gkreport, a web page or text to theirs. The name only decides where the
bytes say nothing (an empty or damaged file is refused by the reader its name promises, with that reader's
message), and which kinds of file the open dialog offers. Each reader is imported only when it is used, so
start-up does not pay for lxml, python-docx, pypdf or olefile.
"""

from __future__ import annotations

import gc
import importlib
import logging
import os
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from gkdesk.domain.report import Report
from gkdesk.errors import GkError
from gkdesk.io.errors import ReportReadError, UnexpectedReadError
from gkdesk.io.sniff import Kind, refuse_unsupported, sniff_file


@dataclass(frozen=True)
class Reader:
    """One reader: the kinds of content it reads, the names it is offered for, where its function lives."""

    name: str  # how the open dialog names the files
    kinds: tuple[Kind, ...]
    suffixes: tuple[str, ...]
    function: str  # "module:function", imported on first use
    # content its own names decide: a damaged .gkreport is only "text"; a zip under .odt is the .odt reader's
    # to judge (it passes a renamed .docx on); a .docx is never text (a web page renamed .docx is refused)
    by_name_for: tuple[Kind, ...] = ()

    def load(self, path: Path) -> Report:
        module, _, function = self.function.partition(":")
        read: Callable[[Path], Report] = getattr(importlib.import_module(module), function)
        return read(path)


NATIVE = Reader("gkdesk 报告", ("native",), (".gkreport",), "gkdesk.io.native:read_native", ("text",))
DOCX = Reader("Word 文档", ("zip",), (".docx", ".docm", ".dotx"), "gkdesk.io.docx_reader:read_docx", ("html", "text"))
DOC = Reader("Word 97-2003 文档、WPS 文字", ("ole",), (".doc", ".wps", ".dot", ".wpt"), "gkdesk.io.doc_reader:read_doc")
ODT = Reader("OpenDocument 文字", ("odt",), (".odt", ".ott"), "gkdesk.io.odt_reader:read_odt", ("zip",))
PDF = Reader("PDF 文件", ("pdf",), (".pdf",), "gkdesk.io.pdf_reader:read_pdf")
MHTML = Reader("单个文件网页", ("mhtml",), (".mht", ".mhtml"), "gkdesk.io.mhtml_reader:read_mhtml")
TEXT = Reader(
    "文本文件、网页", ("text", "html"), (".txt", ".text", ".html", ".htm"), "gkdesk.io.txt_reader:read_txt_file"
)
READERS: tuple[Reader, ...] = (NATIVE, DOCX, DOC, ODT, PDF, MHTML, TEXT)
OPENABLE_SUFFIXES: tuple[str, ...] = tuple(s for reader in READERS for s in reader.suffixes)
_NAME_DECIDES: tuple[Kind, ...] = ("empty", "binary", "image")  # the reader the name promises explains best
# spreadsheets and slides: their bytes (zip, OLE) would mislead, their name does not
_NOT_DOCUMENTS = (".xls", ".xlsx", ".et", ".ett", ".ods", ".ppt", ".pptx", ".dps", ".dpt", ".odp", ".rtf")


def _by_suffix(path: Path) -> Reader | None:
    suffix = path.suffix.lower()
    return next((r for r in READERS if suffix in r.suffixes), None)


def _holds_a_word_document(path: Path) -> bool:
    """A zip whose directory lists the Office Open XML content types: a Word document, whatever it is called."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "[Content_Types].xml" in archive.namelist() and any(
                n.startswith("word/") for n in archive.namelist()
            )
    except (OSError, zipfile.BadZipFile, ValueError):
        return False


def route(path: Path) -> Reader:
    """The reader for ``path``; a file no reader takes is refused with one Chinese sentence."""
    if path.suffix.lower() in _NOT_DOCUMENTS:
        refuse_unsupported(path)
    kind = sniff_file(path)
    if kind == "rtf":
        refuse_unsupported(path, kind)
    by_name = _by_suffix(path)
    if kind == "zip" and _holds_a_word_document(path):
        return DOCX  # a .docx under any name (an .odt's name included)
    if by_name is not None and (kind in by_name.by_name_for or kind in _NAME_DECIDES):
        return by_name
    by_content = next((r for r in READERS if kind in r.kinds), None)
    if by_content is None:
        refuse_unsupported(path, kind)
    return by_content


def load(path: str | os.PathLike[str]) -> Report:
    """Read any supported file into a report; every failure is a ReportReadError with a Chinese message."""
    file = Path(path)
    if not file.exists():
        raise ReportReadError(f"找不到文件“{file}”")
    if file.is_dir():
        raise ReportReadError(f"“{file}”是文件夹，不是报告文件")
    with _collection_paused():
        try:
            return route(file).load(file)
        except (GkError, ImportError):
            raise  # a refusal in words, or a part of the build that is missing (the window says which)
        except Exception as exc:  # the last net for input no rule foresaw: one sentence, never a traceback
            logging.getLogger(__name__).exception("unexpected error reading %s", file)
            raise UnexpectedReadError(
                f"读取“{file.name}”时遇到无法处理的内容（{type(exc).__name__}），未能导入；"
                "文件可能已损坏，请用 Word 或 WPS 打开后另存为 .docx 再试"
            ) from exc


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Reading builds many small objects and no cycles worth collecting: the cyclic collector waits until the
    report is read (a few per cent of a PDF's import), and is restored as it was, also on an error."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def open_filter() -> str:
    """The open dialog's filter: every readable kind first, then one line per reader."""
    everything = " ".join(f"*{s}" for s in OPENABLE_SUFFIXES)
    lines = [f"年度报告 ({everything})"]
    lines += [f"{r.name} ({' '.join(f'*{s}' for s in r.suffixes)})" for r in READERS]
    return ";;".join(lines)
