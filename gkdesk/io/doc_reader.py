"""Reading a report from an old Word .doc or a WPS .wps (the Word 97-2003 binary format), without Word or WPS.

The file is an OLE2 compound file (opened with olefile). Its ``WordDocument`` stream starts with the File
Information Block (FIB, [MS-DOC] 2.5): the format and version, the encryption flags and where everything else is.
The text is found through the piece table (the Pcdt in the CLX of the table stream): each piece is a run of
characters stored either as UTF-16LE or, "compressed", one byte a character (cp1252 with the [MS-DOC] exceptions).
Only the main document is read (the first ``ccpText`` characters); footnotes, headers and text boxes follow it.

In the text, ``\\r`` ends a paragraph and ``\\x07`` ends a table cell; a row ends with one more ``\\x07``, the row
mark. An empty cell is also a lone ``\\x07``, so the row mark is told apart by its paragraph properties (the
sprmPFTtp flag in the paragraph's PAPX, found through the PlcfBtePapx), as are nested tables and Word's automatic
numbering. Field codes are dropped and their results kept; pictures and other anchors are dropped.

Every offset and length read from the file is checked against the data it points into, and the text is capped, so
a truncated or hostile file gives one Chinese sentence (ReportReadError), never an exception or a huge allocation.
The paragraphs and rows go to the same recogniser as the other readers (``build_report``).
"""

from __future__ import annotations

import bisect
import os
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

from gkdesk.domain.report import Report
from gkdesk.io.errors import ReportReadError
from gkdesk.io.recognise.log import ImportLog
from gkdesk.io.recognise.structure import Item, Row, build_report, paragraph_items
from gkdesk.io.sniff import convert_hint, refuse_kind, size_and_kind

MAX_DOC_BYTES = 100 * 1024 * 1024
MAX_CHARS = 5_000_000  # a long report has about 30 000 characters
MAX_PIECES = 100_000
MAX_FKP_PAGES = 5_000  # a long report has a few dozen
MAX_FIELD_DEPTH = 64
_WORD97_IDENT = 0xA5EC
_WORD6_IDENT = 0xA5DC
_WORD97_NFIB = 0x00C1
_PAGE = 512
_CLX_INDEX = 33  # fcClx/lcbClx is the 34th pair of FibRgFcLcb97
_CHPX_INDEX = 12  # fcPlcfBteChpx/lcbPlcfBteChpx
_PAPX_INDEX = 13  # fcPlcfBtePapx/lcbPlcfBtePapx

# sprm ids ([MS-DOC] 2.6.2)
_SPRM_IN_TABLE = 0x2416
_SPRM_TTP = 0x2417
_SPRM_ILVL = 0x260A
_SPRM_ILFO = 0x460B
_SPRM_ITAP = 0x6649
_SPRM_INNER_CELL = 0x244B
_SPRM_INNER_TTP = 0x244C
_SPRM_HUGE_PAPX = 0x6646
_SPRM_DELETED = 0x0800  # sprmCFRMarkDel
_SPRM_DEF_TABLE = 0xD608
_SPRM_CHG_TABS = 0xC615
_OPERAND_SIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}

# bytes 0x80-0x9F of compressed text: cp1252, the rest is Latin-1 ([MS-DOC] 2.4.1)
_CP1252_EXCEPTIONS = {
    0x82: 0x201A,
    0x83: 0x0192,
    0x84: 0x201E,
    0x85: 0x2026,
    0x86: 0x2020,
    0x87: 0x2021,
    0x88: 0x02C6,
    0x89: 0x2030,
    0x8A: 0x0160,
    0x8B: 0x2039,
    0x8C: 0x0152,
    0x91: 0x2018,
    0x92: 0x2019,
    0x93: 0x201C,
    0x94: 0x201D,
    0x95: 0x2022,
    0x96: 0x2013,
    0x97: 0x2014,
    0x98: 0x02DC,
    0x99: 0x2122,
    0x9A: 0x0161,
    0x9B: 0x203A,
    0x9C: 0x0153,
    0x9F: 0x0178,
}
_SPECIAL = re.compile("[\x00-\x08\x0a-\x1f]")
_LINE_BREAKS = "\x0a\x0b\x0c\x0e"  # line break, vertical tab (Shift+Enter), page/section break, column break


class _Broken(Exception):
    """The file's structure is inconsistent; ``str`` is a short Chinese detail."""


class _TooLong(Exception):
    """More text than any report has."""


@dataclass(frozen=True)
class _ParaProps:
    """What a paragraph mark's properties say about the paragraph it ends."""

    in_table: bool = False
    ttp: bool = False  # the row mark of a table row at depth 1
    itap: int = 0  # table depth
    inner_cell: bool = False  # the end of a cell of a nested table (depth > 1)
    inner_ttp: bool = False  # the row mark of a nested table row
    ilfo: int = 0  # Word automatic numbering: the list, 0 = none
    ilvl: int | None = None


@dataclass
class _Piece:
    cp: int  # first character
    fc: int  # its byte offset in the WordDocument stream
    width: int  # bytes a character: 1 compressed, 2 UTF-16LE


# --------------------------------------------------------------------------- bounded reads


def _u16(data: bytes, pos: int) -> int:
    if pos < 0 or pos + 2 > len(data):
        raise _Broken("文件结构不完整")
    return int.from_bytes(data[pos : pos + 2], "little")


def _u32(data: bytes, pos: int) -> int:
    if pos < 0 or pos + 4 > len(data):
        raise _Broken("文件结构不完整")
    return int.from_bytes(data[pos : pos + 4], "little")


def _slice(data: bytes, start: int, length: int, what: str) -> bytes:
    if start < 0 or length < 0 or start + length > len(data):
        raise _Broken(f"{what}超出文件范围")
    return data[start : start + length]


# --------------------------------------------------------------------------- the OLE container


def _suffix_what(path: Path) -> str:
    return "WPS 文字文件" if path.suffix.lower() == ".wps" else "旧版 Word 格式（.doc）文件"


def _broken_error(path: Path, detail: str) -> ReportReadError:
    return ReportReadError(
        f"“{path.name}”不是完整的{_suffix_what(path)}（{detail}，可能已损坏或未下载完整），无法读取；"
        + convert_hint(".docx")
    )


def _password_error(path: Path) -> ReportReadError:
    return ReportReadError(
        f"“{path.name}”设置了打开密码（文件已加密），gkdesk 无法读取；"
        "请在 Word 或 WPS 中输入密码打开，取消密码后保存，再导入"
    )


def _not_word_error(path: Path, streams: set[str]) -> ReportReadError:
    """An OLE file without a Word body: say what it seems to be."""
    if {"encryptioninfo", "encryptedpackage"} & streams:
        return _password_error(path)
    if {"workbook", "book"} & streams:
        what = "Excel 或 WPS 表格文件"
    elif "powerpoint document" in streams:
        what = "PowerPoint 或 WPS 演示文件"
    elif "contents" in streams or path.suffix.lower() == ".wps":
        what = "Microsoft Works 或早期 WPS 保存的文字文件"
    else:
        what = "Office 二进制文件，但不是 Word 文档"
    return ReportReadError(f"“{path.name}”是 {what}，gkdesk 不能读取；{convert_hint('.docx')}")


def _check_ole_header(head: bytes, size: int) -> None:
    """Header counts that fit the file, before olefile follows them: a FAT or DIFAT declared far larger than the
    file (with sector chains looping back) would have it read, and copy, the same sectors without end."""
    if len(head) < 512:
        raise _Broken("文件头不完整")
    shift = _u16(head, 0x1E)
    if shift not in (9, 12):
        raise _Broken("复合文档结构损坏")
    sectors = max((size + (1 << shift) - 1) // (1 << shift) - 1, 0)
    fat_limit = sectors // 64 + 2  # one FAT sector maps 128 (or 1024) sectors
    if _u32(head, 0x2C) > fat_limit or _u32(head, 0x48) > fat_limit or _u32(head, 0x40) > sectors:
        raise _Broken("复合文档结构损坏")


def _read_streams(path: Path, size: int) -> tuple[bytes, bytes, bytes | None]:
    """The WordDocument stream (its FIB checked), the table stream the FIB names and the Data stream (if any).

    olefile raises many kinds of exceptions on broken containers; each becomes a damaged-file message."""
    import olefile

    try:
        with path.open("rb") as handle:
            _check_ole_header(handle.read(512), size)
        ole = olefile.OleFileIO(str(path), raise_defects=olefile.DEFECT_INCORRECT)
        if ole.root is None or ole.root.size > size:
            raise _Broken("复合文档结构损坏")
    except _Broken as exc:
        raise _broken_error(path, str(exc)) from exc
    except OSError as exc:
        if not path.exists():
            raise ReportReadError(f"找不到文件“{path}”") from exc
        raise _broken_error(path, "复合文档结构损坏") from exc
    except Exception as exc:  # olefile: OleFileError, struct.error, IndexError, ValueError, ...
        raise _broken_error(path, "复合文档结构损坏") from exc
    try:

        def stream(name: str) -> bytes | None:
            if not ole.exists(name):
                return None
            if ole.get_type(name) != olefile.STGTY_STREAM or ole.get_size(name) > size:
                raise _Broken("复合文档结构损坏")
            data: bytes = ole.openstream(name).read()
            return data

        try:
            word = stream("WordDocument")
            if word is None:
                names = {"/".join(entry).lower() for entry in ole.listdir(streams=True, storages=False)}
                raise _not_word_error(path, names)
            _check_fib(path, word)
            table = stream("1Table" if _u16(word, 0x0A) & 0x0200 else "0Table")  # fWhichTblStm
            data = stream("Data")
        except (_Broken, ReportReadError):
            raise
        except Exception as exc:  # olefile on a broken sector chain or directory
            raise _broken_error(path, "复合文档结构损坏") from exc
    except _Broken as exc:
        raise _broken_error(path, str(exc)) from exc
    finally:
        ole.close()
    if table is None:
        raise _broken_error(path, "缺少文字表")
    return word, table, data


def _check_fib(path: Path, word: bytes) -> None:
    """Word 97 or later (WPS 2000+ writes the same format), not encrypted."""
    if len(word) < 0x20:
        raise _Broken("文件头不完整")
    ident, nfib = _u16(word, 0), _u16(word, 2)
    flags = _u16(word, 0x0A)
    if ident in (_WORD97_IDENT, _WORD6_IDENT) and nfib < _WORD97_NFIB:
        raise ReportReadError(
            f"“{path.name}”是 Word 6.0/95 或更早版本（或早期 WPS）保存的文件，gkdesk 只能读取 Word 97–2003 格式的"
            f" .doc 和 WPS 2000 以后的文字文件；{convert_hint('.docx')}"
        )
    if ident != _WORD97_IDENT:
        raise _Broken("文件头标识不对")
    if flags & 0x0100 or flags & 0x8000:  # fEncrypted, fObfuscated
        raise _password_error(path)


# --------------------------------------------------------------------------- FIB, text, paragraph properties


def _fib_pairs(word: bytes) -> tuple[int, list[tuple[int, int]]]:
    """ccpText and the (fc, lcb) pairs of FibRgFcLcb."""
    csw = _u16(word, 0x20)
    pos = 0x22 + 2 * csw
    cslw = _u16(word, pos)
    rg_lw = pos + 2
    if cslw < 4:
        raise _Broken("文件头不完整")
    ccp_text = _u32(word, rg_lw + 12)
    pos = rg_lw + 4 * cslw
    count = _u16(word, pos)
    if count <= _CLX_INDEX:
        raise _Broken("文件头不完整")
    base = pos + 2
    pairs = [(_u32(word, base + 8 * i), _u32(word, base + 8 * i + 4)) for i in range(_CLX_INDEX + 1)]
    return ccp_text, pairs


def _piece_table(table: bytes, fc_clx: int, lcb_clx: int) -> bytes:
    """The PlcPcd inside the CLX, skipping the Prc entries before it."""
    if lcb_clx == 0:
        raise _Broken("没有文字索引")
    clx = _slice(table, fc_clx, lcb_clx, "文字索引")
    pos = 0
    while pos < len(clx):
        clxt = clx[pos]
        if clxt == 1:  # Prc: clxt, cbGrpprl (int16), grpprl
            cb = _u16(clx, pos + 1)
            if cb > 0x3FA2:
                raise _Broken("文字索引损坏")
            pos += 3 + cb
        elif clxt == 2:  # Pcdt: clxt, lcb (uint32), PlcPcd
            lcb = _u32(clx, pos + 1)
            return _slice(clx, pos + 5, lcb, "文字索引")
        else:
            break
    raise _Broken("文字索引损坏")


def _main_text(word: bytes, plc: bytes, ccp_text: int) -> tuple[str, list[_Piece]]:
    """The main document's characters and where each piece of them is in the WordDocument stream."""
    if len(plc) < 16 or (len(plc) - 4) % 12:
        raise _Broken("文字索引损坏")
    count = (len(plc) - 4) // 12
    if count > MAX_PIECES:
        raise _Broken("文字索引过大")
    if ccp_text > MAX_CHARS:
        raise _TooLong
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    texts: list[str] = []
    pieces: list[_Piece] = []
    total = 0
    for i in range(count):
        start, end = cps[i], min(cps[i + 1], ccp_text)
        if cps[i + 1] < start:
            raise _Broken("文字索引顺序错乱")
        if start >= ccp_text:
            break
        if start != total:  # pieces must follow one another from character 0
            raise _Broken("文字索引不连续")
        raw = _u32(plc, 4 * (count + 1) + 8 * i + 2)
        compressed = bool(raw & 0x40000000)
        fc = (raw & 0x3FFFFFFF) // 2 if compressed else raw & 0x3FFFFFFF
        width = 1 if compressed else 2
        length = end - start
        data = _slice(word, fc, length * width, "正文")
        if compressed:
            texts.append(data.decode("latin-1").translate(_CP1252_EXCEPTIONS))
        else:
            texts.append(data.decode("utf-16-le", errors="replace"))
        pieces.append(_Piece(start, fc, width))
        total = end
    return "".join(texts), pieces


def _sprms(grpprl: bytes) -> dict[int, bytes]:
    """The operands of the sprms in a grpprl, by sprm id (the last one wins); stops at anything inconsistent."""
    out: dict[int, bytes] = {}
    pos = 0
    while pos + 2 <= len(grpprl):
        sprm = int.from_bytes(grpprl[pos : pos + 2], "little")
        pos += 2
        spra = sprm >> 13
        if spra != 6:
            size = _OPERAND_SIZE[spra]
        elif sprm == _SPRM_DEF_TABLE:
            if pos + 2 > len(grpprl):
                break
            size = int.from_bytes(grpprl[pos : pos + 2], "little") + 1
        elif sprm == _SPRM_CHG_TABS and pos < len(grpprl) and grpprl[pos] == 255:
            if pos + 2 > len(grpprl):
                break
            deleted = grpprl[pos + 1]
            ins = pos + 2 + 4 * deleted
            if ins >= len(grpprl):
                break
            size = 3 + 4 * deleted + 3 * grpprl[ins]
        else:
            if pos >= len(grpprl):
                break
            size = grpprl[pos] + 1
        if pos + size > len(grpprl):
            break
        out[sprm] = grpprl[pos : pos + size]
        pos += size
    return out


def _props(sprms: dict[int, bytes]) -> _ParaProps:
    def flag(sprm: int) -> bool:
        return bool(sprms.get(sprm, b"\x00")[0])

    itap = min(int.from_bytes(sprms[_SPRM_ITAP], "little"), 64) if _SPRM_ITAP in sprms else 0
    in_table = flag(_SPRM_IN_TABLE) or itap > 0
    ilfo = int.from_bytes(sprms[_SPRM_ILFO], "little") if _SPRM_ILFO in sprms else 0
    return _ParaProps(
        in_table=in_table,
        ttp=flag(_SPRM_TTP),
        itap=itap if itap else int(in_table),
        inner_cell=flag(_SPRM_INNER_CELL),
        inner_ttp=flag(_SPRM_INNER_TTP),
        ilfo=ilfo if 0 < ilfo < 0x7FF else 0,
        ilvl=sprms[_SPRM_ILVL][0] if _SPRM_ILVL in sprms else None,
    )


@dataclass
class _PapxRuns:
    """Paragraph properties by byte range of the WordDocument stream, from the PAPX FKPs of the PlcfBtePapx."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    props: list[_ParaProps] = field(default_factory=list)

    def at(self, fc: int) -> _ParaProps | None:
        i = bisect.bisect_right(self.starts, fc) - 1
        if i < 0 or fc >= self.ends[i]:
            return None
        return self.props[i]


def _fkp_runs(word: bytes, table: bytes, fc_plc: int, lcb_plc: int, papx: bool) -> list[tuple[int, int, bytes]]:
    """(first byte, end byte, grpprl) of every run in the FKP pages of a PlcfBtePapx or PlcfBteChpx.

    The grpprl of a paragraph run is without its style index; an empty list when the file has no such index."""
    what = "段落格式" if papx else "字符格式"
    if lcb_plc == 0:
        return []
    if lcb_plc < 12 or (lcb_plc - 4) % 8:
        raise _Broken(f"{what}索引损坏")
    plc = _slice(table, fc_plc, lcb_plc, f"{what}索引")
    count = (lcb_plc - 4) // 8
    if count > MAX_FKP_PAGES:
        raise _Broken(f"{what}索引过大")
    entry = 13 if papx else 1  # BxPap (offset + PHE) or one offset byte
    runs: list[tuple[int, int, bytes]] = []
    for i in range(count):
        pn = _u32(plc, 4 * (count + 1) + 4 * i) & 0x3FFFFF
        if (pn + 1) * _PAGE > len(word):
            raise _Broken(f"{what}超出文件范围")
        page = word[pn * _PAGE : (pn + 1) * _PAGE]
        crun = page[511]
        if crun == 0 or 4 * (crun + 1) + entry * crun > 511:
            raise _Broken(f"{what}损坏")
        fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for j in range(crun):
            offset = 2 * page[4 * (crun + 1) + entry * j]
            grpprl = b""
            if offset:
                cb = page[offset]
                if not papx:  # Chpx: cb, grpprl
                    start, length = offset + 1, cb
                elif cb:  # PapxInFkp: cb, istd + grpprl of 2*cb-1 bytes (or 0, cb', 2*cb' bytes)
                    start, length = offset + 1, 2 * cb - 1
                else:
                    start, length = offset + 2, 2 * page[offset + 1]
                if start + length > 511 or (papx and length < 2):
                    raise _Broken(f"{what}损坏")
                grpprl = page[start + 2 if papx else start : start + length]
            if fcs[j + 1] > fcs[j]:
                runs.append((fcs[j], fcs[j + 1], grpprl))
    runs.sort(key=lambda run: run[0])
    return runs


def _papx_runs(word: bytes, table: bytes, data: bytes | None, fc_plc: int, lcb_plc: int) -> _PapxRuns | None:
    """None when the file has no usable paragraph properties (tables are then found by the text alone)."""
    runs = _fkp_runs(word, table, fc_plc, lcb_plc, papx=True)
    if not runs:
        return None
    cache: dict[bytes, _ParaProps] = {}
    out = _PapxRuns()
    for start, end, grpprl in runs:
        props = cache.get(grpprl)
        if props is None:
            sprms = _sprms(grpprl)
            huge = sprms.get(_SPRM_HUGE_PAPX)  # the properties are in the Data stream: cb, grpprl
            if huge is not None and data is not None:
                at = int.from_bytes(huge, "little")
                sprms.update(_sprms(_slice(data, at + 2, _u16(data, at), "段落格式")))
            props = cache[grpprl] = _props(sprms)
        out.starts.append(start)
        out.ends.append(end)
        out.props.append(props)
    return out


def _deleted_runs(word: bytes, table: bytes, fc_plc: int, lcb_plc: int) -> list[tuple[int, int]]:
    """Byte ranges of text deleted with change tracking on (still in the file, not in the document)."""
    deleted: list[tuple[int, int]] = []
    for start, end, grpprl in _fkp_runs(word, table, fc_plc, lcb_plc, papx=False):
        if grpprl and _sprms(grpprl).get(_SPRM_DELETED, b"\x00")[0] in (1, 0x81):
            deleted.append((start, end))
    return deleted


def _drop_deleted(text: str, pieces: list[_Piece], deleted: list[tuple[int, int]]) -> str:
    """The text with deleted characters as NUL (dropped later); paragraph and cell marks stay, as in .docx."""
    if not deleted:
        return text
    merged: list[list[int]] = []
    for start, end in sorted(deleted):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [run[0] for run in merged]
    chars = list(text)
    for n, piece in enumerate(pieces):
        end_cp = pieces[n + 1].cp if n + 1 < len(pieces) else len(text)
        end_fc = piece.fc + (end_cp - piece.cp) * piece.width
        i = max(bisect.bisect_right(starts, piece.fc) - 1, 0)
        while i < len(merged) and merged[i][0] < end_fc:
            lo, hi = max(merged[i][0], piece.fc), min(merged[i][1], end_fc)
            i += 1
            first = piece.cp + (lo - piece.fc + piece.width - 1) // piece.width
            last = piece.cp + (hi - piece.fc + piece.width - 1) // piece.width
            for cp in range(first, min(last, end_cp)):
                if chars[cp] not in "\r\x07":
                    chars[cp] = "\x00"
    return "".join(chars)


# --------------------------------------------------------------------------- text into paragraphs and rows


def _paragraph_items(text: str, props: _ParaProps | None) -> list[Item]:
    """One paragraph as items, as the .docx reader makes them: line breaks split it, TAB-separated cells are a row."""
    numbered_para = props is not None and props.ilfo > 0
    level = 0
    if props is not None and props.ilvl is not None:
        level = max(1, min(props.ilvl, 64))
    return paragraph_items(text, numbered=numbered_para, level=level)


def _cell_text(paragraphs: list[str]) -> str:
    return "".join(p.replace("\n", "") for p in paragraphs)


class _Builder:
    """Walks the characters: paragraphs, cells, rows, tables (nested rows follow the row that holds them)."""

    def __init__(self, pieces: list[_Piece], runs: _PapxRuns | None) -> None:
        self.pieces = pieces
        self.piece_cps = [p.cp for p in pieces]
        self.runs = runs
        self.items: list[Item] = []
        self.tables = 0
        self.buf: list[str] = []
        self.cell: list[str] = []  # paragraphs of the current cell
        self.row: list[list[str]] = []  # cells of the current row
        self.rows: list[list[list[str]]] = []  # rows of the current table
        self.inner_cell: list[str] = []
        self.inner_row: list[list[str]] = []
        self.inner_rows: list[list[list[str]]] = []

    def props_at(self, cp: int) -> _ParaProps | None:
        if self.runs is None:
            return None
        piece = self.pieces[bisect.bisect_right(self.piece_cps, cp) - 1]
        return self.runs.at(piece.fc + (cp - piece.cp) * piece.width)

    def flush_table(self) -> None:
        rows = self.rows
        if self.row:  # cells without a row mark (a damaged file): still a row
            rows.append(self.row)
        rows.extend(self.inner_rows)
        if self.cell:
            rows.append([self.cell])
        self.rows, self.row, self.cell, self.inner_rows = [], [], [], []
        if not rows:
            return
        self.tables += 1
        if all(len(row) == 1 for row in rows):  # a one-column frame around text: its paragraphs
            for row in rows:
                for paragraph in row[0]:
                    self.items.extend(_paragraph_items(paragraph, None))
        else:
            self.items.extend(Row([_cell_text(cell) for cell in row]) for row in rows)

    def paragraph_end(self, cp: int) -> None:
        text = "".join(self.buf)
        self.buf.clear()
        props = self.props_at(cp)
        if props is not None and props.itap >= 2:
            if props.inner_ttp:
                self.inner_rows.append(self.inner_row)
                self.inner_row = []
            elif props.inner_cell:
                self.inner_row.append([*self.inner_cell, text])
                self.inner_cell = []
            else:
                self.inner_cell.append(text)
            return
        if props is not None and props.in_table:
            self.cell.append(text)
            return
        if props is None and (self.cell or self.row):  # no properties: a paragraph inside a cell
            self.cell.append(text)
            return
        self.flush_table()
        self.items.extend(_paragraph_items(text, props))

    def cell_end(self, cp: int) -> None:
        text = "".join(self.buf)
        self.buf.clear()
        props = self.props_at(cp)
        if props is not None:
            row_end = props.ttp
        else:  # by the text alone: a lone mark right after a cell ends the row
            row_end = not text and not self.cell and bool(self.row)
        if row_end:
            self.rows.append(self.row)
            self.rows.extend(self.inner_rows)
            self.row, self.cell, self.inner_rows = [], [], []
        else:
            self.row.append([*self.cell, text])
            self.cell = []

    def walk(self, text: str) -> None:
        fields: list[bool] = []  # open fields: True once past the separator (showing the result)
        hidden = False
        pos = 0
        for match in _SPECIAL.finditer(text):
            if not hidden and match.start() > pos:
                self.buf.append(text[pos : match.start()])
            pos = match.end()
            char = match.group()
            if char == "\x13":
                if len(fields) < MAX_FIELD_DEPTH:
                    fields.append(False)
            elif char == "\x14":
                if fields:
                    fields[-1] = True
            elif char == "\x15":
                if fields:
                    fields.pop()
            elif hidden:
                pass
            elif char == "\r":
                self.paragraph_end(match.start())
            elif char == "\x07":
                self.cell_end(match.start())
            elif char in _LINE_BREAKS:
                self.buf.append("\n")
            elif char == "\x1e":
                self.buf.append("-")
            hidden = False in fields
        if not hidden and pos < len(text):
            self.buf.append(text[pos:])
        if self.buf:
            self.paragraph_end(len(text) - 1)
        self.flush_table()


def doc_items(word: bytes, table: bytes, data: bytes | None) -> tuple[list[Item], int]:
    """The main document's paragraphs and table rows, and how many tables there were (raises _Broken)."""
    ccp_text, pairs = _fib_pairs(word)
    plc = _piece_table(table, *pairs[_CLX_INDEX])
    text, pieces = _main_text(word, plc, ccp_text)
    text = _drop_deleted(text, pieces, _deleted_runs(word, table, *pairs[_CHPX_INDEX]))
    runs = _papx_runs(word, table, data, *pairs[_PAPX_INDEX])
    builder = _Builder(pieces, runs)
    builder.walk(text)
    return builder.items, builder.tables


def read_doc(path: str | os.PathLike[str]) -> Report:
    """The report in a Word 97-2003 .doc or WPS .wps; every failure is a ReportReadError with one Chinese sentence."""
    file = Path(path)
    size, kind = size_and_kind(file)
    if kind != "ole":
        refuse_kind(file, kind, _suffix_what(file).removesuffix("文件"))
    if size > MAX_DOC_BYTES:
        raise ReportReadError(f"“{file.name}”过大（超过 100 MB），不像年度报告，已拒绝打开")
    word, table, data = _read_streams(file, size)
    try:
        items, tables = doc_items(word, table, data)
    except _Broken as exc:
        raise _broken_error(file, str(exc)) from exc
    except _TooLong as exc:
        raise ReportReadError(
            f"“{file.name}”的正文过长（超过 {MAX_CHARS // 10000} 万字），不像年度报告，已拒绝导入"
        ) from exc
    log = ImportLog()
    if file.suffix.lower() == ".wps":
        log.recognised(f"WPS 文字文件（.wps，Word 97-2003 格式）：{tables} 个表格")
    else:
        log.recognised(f"Word 97-2003 文档（.doc）：{tables} 个表格")
    report = build_report(items, file.name, log)
    report.source_file = str(file)
    return report
