"""Old Word .doc and WPS .wps files read directly (gkdesk.io.doc_reader), without Word, WPS or LibreOffice.

Without LibreOffice: the committed fixture (tests/fixtures/example.doc, LibreOffice's .doc of our export of the
bundled example; regenerate with tests/fixtures/make_office_fixtures.py), hostile and truncated copies of it, and
documents built byte by byte to cover what LibreOffice never writes (compressed pieces, nested tables, fields).
With LibreOffice: our exports of the example and the Word-made samples converted to .doc now, read back and compared
with their source figure by figure.
"""

from __future__ import annotations

import contextlib
import random
import shutil
import struct
import subprocess
import time
from pathlib import Path

import pytest

from gkdesk.domain.report import Report
from gkdesk.io import doc_reader
from gkdesk.io.docx_reader import body_items, read_docx
from gkdesk.io.docx_writer import write_docx
from gkdesk.io.errors import ReportReadError
from gkdesk.io.files import load_report
from gkdesk.io.recognise.structure import Item, Para, Row
from gkdesk.io.sniff import OLE_MAGIC
from gkdesk.io.txt_reader import read_txt_file
from tests.conftest import ROOT, SAMPLES, shared_optional
from tests.io.export_support import printed_blocks

FIXTURE = ROOT / "tests" / "fixtures" / "example.doc"
EXAMPLE = ROOT / "resources" / "examples" / "example.gkreport"
NARRATIVE = ("一", "五", "六")


def _assert_same_report(got: Report, want: Report, *, exported: bool = False) -> None:
    """Every table figure cell by cell, and the narrative of parts 一/五/六 (``exported``: ``got`` was read from
    our export of ``want``, so the narrative is as the export prints it)."""
    for form_id, table in want.tables.items():
        other = got.tables[form_id]
        assert other.present == table.present, form_id
        assert other.variant == table.variant, form_id
        assert other.counts == table.counts, form_id
        assert other.amounts == table.amounts, form_id
        assert other.texts == table.texts, form_id
    for key in NARRATIVE:
        expected = (
            [(kind, level, text) for kind, level, text, _inline in printed_blocks(want.parts[key].blocks)]
            if exported
            else [(b.kind, b.level, b.text) for b in want.parts[key].blocks]
        )
        assert [(b.kind, b.level, b.text) for b in got.parts[key].blocks] == expected, key


def _refusal(path: Path) -> str:
    start = time.perf_counter()
    with pytest.raises(ReportReadError) as info:
        load_report(path)
    assert time.perf_counter() - start < 2
    message = str(info.value)
    assert path.name in message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert "\n" not in message and "Traceback" not in message
    return message


# --------------------------------------------------------------------------- the committed fixture


def test_fixture_reads_like_its_source() -> None:
    report = load_report(FIXTURE)
    source = load_report(EXAMPLE)
    _assert_same_report(report, source)
    assert report.title == source.title
    assert report.signature == source.signature
    assert [b.text for b in report.preface] == [b.text for b in source.preface]
    assert report.source_file == str(FIXTURE)
    assert report.import_log[0].level == "recognised"
    assert "Word 97-2003" in report.import_log[0].message and "3 个表格" in report.import_log[0].message


@pytest.mark.parametrize("suffix", [".wps", ".WPS", ".docx", ".txt"])
def test_copies_under_other_names_read_the_same(suffix: str, tmp_path: Path) -> None:
    """A .wps (WPS writes the same format), a .doc renamed .docx or .txt: the bytes decide."""
    path = tmp_path / f"报告{suffix}"
    shutil.copyfile(FIXTURE, path)
    report = load_report(path)
    _assert_same_report(report, load_report(FIXTURE))
    assert ("WPS" in report.import_log[0].message) == (suffix.lower() == ".wps")
    if suffix == ".txt":
        _assert_same_report(read_txt_file(path), report)


def test_fixture_is_read_fast() -> None:
    load_report(FIXTURE)
    start = time.perf_counter()
    for _ in range(5):
        load_report(FIXTURE)
    assert (time.perf_counter() - start) / 5 < 0.1  # measured about 5 ms


# --------------------------------------------------------------------------- hostile files


def _word_stream_offset(data: bytes) -> int:
    """Where the WordDocument stream (its FIB) starts in the file: a sector with the Word 97 signature."""
    for pos in range(512, len(data), 512):
        if data[pos : pos + 2] == b"\xec\xa5" and struct.unpack_from("<H", data, pos + 2)[0] >= 0xC1:
            return pos
    raise AssertionError("no FIB in the fixture")


def _patched(tmp_path: Path, name: str, offset: int, value: bytes) -> Path:
    data = bytearray(FIXTURE.read_bytes())
    data[offset : offset + len(value)] = value
    path = tmp_path / name
    path.write_bytes(bytes(data))
    return path


def _rename_stream(tmp_path: Path, old: str, new: str, name: str = "其他.doc") -> Path:
    """The fixture with one directory entry renamed (name and its length), as if another program had written it."""
    data = bytearray(FIXTURE.read_bytes())
    encoded = old.encode("utf-16-le") + b"\0\0"
    at = data.find(encoded)
    assert at > 0 and at % 128 == 0  # directory entries are 128 bytes
    field = (new.encode("utf-16-le") + b"\0\0").ljust(64, b"\0")
    data[at : at + 64] = field
    data[at + 64 : at + 66] = struct.pack("<H", 2 * len(new) + 2)
    path = tmp_path / name
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("size", [3000, 512, 8000, 20000, 40000])
def test_truncated_doc_is_refused(size: int, tmp_path: Path) -> None:
    path = tmp_path / "截断.doc"
    path.write_bytes(FIXTURE.read_bytes()[:size])
    message = _refusal(path)
    assert "损坏" in message or "不完整" in message


@pytest.mark.parametrize(("bit", "name"), [(0x0100, "加密.doc"), (0x8000, "混淆.wps")])
def test_password_protected_doc_is_refused(bit: int, name: str, tmp_path: Path) -> None:
    fib = _word_stream_offset(FIXTURE.read_bytes())
    flags = struct.unpack_from("<H", FIXTURE.read_bytes(), fib + 0x0A)[0]
    path = _patched(tmp_path, name, fib + 0x0A, struct.pack("<H", flags | bit))
    message = _refusal(path)
    assert "密码" in message and "取消密码" in message


def test_word_95_doc_is_refused_with_the_version(tmp_path: Path) -> None:
    fib = _word_stream_offset(FIXTURE.read_bytes())
    message = _refusal(_patched(tmp_path, "旧.doc", fib + 2, struct.pack("<H", 104)))
    assert "Word 6.0/95" in message and "另存为" in message


@pytest.mark.parametrize(
    ("stream", "words"),
    [
        ("Workbook", "Excel 或 WPS 表格"),
        ("PowerPoint Document", "PowerPoint 或 WPS 演示"),
        ("EncryptedPackage", "密码"),
        ("Other", "不是 Word 文档"),
    ],
)
def test_ole_file_without_a_word_body_says_what_it_is(stream: str, words: str, tmp_path: Path) -> None:
    path = _rename_stream(tmp_path, "WordDocument", stream)
    message = _refusal(path)
    assert words in message


def test_works_file_named_wps_is_refused(tmp_path: Path) -> None:
    path = _rename_stream(tmp_path, "WordDocument", "MatOST", name="works.wps")
    assert "Microsoft Works" in _refusal(path)


def test_missing_table_stream_is_refused(tmp_path: Path) -> None:
    path = _rename_stream(tmp_path, "1Table", "2Table")
    assert "缺少文字表" in _refusal(path)


def _ole_header(fat_sectors: int, first_difat: int, difat_sectors: int, first_dir: int = 0) -> bytearray:
    header = bytearray(512)
    header[0:8] = OLE_MAGIC
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, fat_sectors, first_dir, 0, 0x1000, 0xFFFFFFFE, 0, first_difat, 0)
    struct.pack_into("<I", header, 0x48, difat_sectors)
    for i in range(109):
        struct.pack_into("<I", header, 0x4C + 4 * i, 2)
    return header


def test_looping_fat_declared_far_larger_than_the_file_is_refused_at_once(tmp_path: Path) -> None:
    """A DIFAT sector pointing back to itself with a FAT of millions of sectors declared: olefile alone would
    follow it for minutes (it copies the growing FAT each step); the header counts are checked against the size."""
    header = _ole_header(109 + 127 * 100_000, 1, 100_000)
    difat = struct.pack("<128I", *([2] * 127 + [1]))
    fat = struct.pack("<128I", *([0xFFFFFFFD] + [0xFFFFFFFE] * 127))
    path = tmp_path / "循环.doc"
    path.write_bytes(bytes(header) + bytes(512) + difat + fat)
    assert "损坏" in _refusal(path)


def test_looping_directory_chain_is_bounded(tmp_path: Path) -> None:
    """The directory's sector chain loops to itself: read a bounded number of times, then refused."""
    sectors = 2000
    header = _ole_header(sectors // 64 + 2, 0xFFFFFFFE, 0, first_dir=1)
    for i in range(109):
        struct.pack_into("<I", header, 0x4C + 4 * i, 0 if i < sectors // 64 + 2 else 0xFFFFFFFF)
    fat = struct.pack("<128I", *([0xFFFFFFFD, 1] + [0xFFFFFFFF] * 126))
    name = "Root Entry".encode("utf-16-le") + b"\0\0"
    entry = name.ljust(64, b"\0") + struct.pack("<HBBIII", len(name), 5, 1, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    entry = (entry + bytes(36) + struct.pack("<III", 0xFFFFFFFE, 0, 0)).ljust(512, b"\0")
    path = tmp_path / "目录循环.doc"
    path.write_bytes(bytes(header) + fat + entry + bytes(512 * (sectors - 2)))
    assert "不是 Word 文档" in _refusal(path) or "损坏" in _refusal(path)


@pytest.mark.parametrize("seed", range(6))
def test_random_bytes_with_the_ole_signature(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    path = tmp_path / f"随机{seed}.doc"
    path.write_bytes(OLE_MAGIC + rng.randbytes(rng.choice([100, 600, 5000, 60000])))
    assert "损坏" in _refusal(path)


def test_hostile_fib_values_are_refused(tmp_path: Path) -> None:
    """Offsets and lengths pointing outside the streams, absurd text lengths: one sentence each."""
    data = FIXTURE.read_bytes()
    fib = _word_stream_offset(data)
    rg = fib + 0x9A  # FibRgFcLcb97 of a Word 97 FIB (csw 14, cslw 22)
    cases = {
        "clx_far.doc": (rg + 33 * 8, struct.pack("<I", 0x7FFFFFF0)),
        "clx_long.doc": (rg + 33 * 8 + 4, struct.pack("<I", 0xFFFFFFFF)),
        "clx_none.doc": (rg + 33 * 8 + 4, struct.pack("<I", 0)),
        "papx_far.doc": (rg + 13 * 8, struct.pack("<I", 0x7FFFFFF0)),
        "chpx_long.doc": (rg + 12 * 8 + 4, struct.pack("<I", 0x7FFFFFF0)),
        "ccp_huge.doc": (fib + 0x22 + 28 + 2 + 12, struct.pack("<I", 0x7FFFFFFF)),
        "csw_huge.doc": (fib + 0x20, struct.pack("<H", 0xFFFF)),
    }
    for name, (offset, value) in cases.items():
        message = _refusal(_patched(tmp_path, name, offset, value))
        assert "损坏" in message or "不完整" in message or "过长" in message, (name, message)


def test_mutated_docs_never_raise_anything_else(tmp_path: Path) -> None:
    """Random bytes changed in the FIB, the piece table and the property pages: a report or one refusal."""
    data = FIXTURE.read_bytes()
    fib = _word_stream_offset(data)
    rng = random.Random(42)
    start = time.perf_counter()
    outcomes: list[str] = []
    for n in range(120):
        mutated = bytearray(data)
        region = rng.choice([(fib, fib + 1024), (fib, len(data)), (0, 1024), (0, len(data))])
        for _ in range(rng.choice([1, 4, 32])):
            mutated[rng.randrange(*region)] = rng.randrange(256)
        path = tmp_path / f"m{n}.doc"
        path.write_bytes(bytes(mutated))
        try:
            report = load_report(path)
        except ReportReadError as exc:
            outcomes.append(str(exc))
        else:
            assert isinstance(report, Report)
            outcomes.append("report")
    assert all(o and "\n" not in o for o in outcomes)
    assert time.perf_counter() - start < 30


# --------------------------------------------------------------------------- documents built byte by byte

_IN_TABLE = struct.pack("<HB", 0x2416, 1)
_TTP = struct.pack("<HB", 0x2417, 1)
_NUMBERED = struct.pack("<HH", 0x460B, 1) + struct.pack("<HB", 0x260A, 0)


def _itap(depth: int) -> bytes:
    return struct.pack("<HI", 0x6649, depth)


_INNER_CELL = _IN_TABLE + _itap(2) + struct.pack("<HB", 0x244B, 1)
_INNER_TTP = _IN_TABLE + _itap(2) + struct.pack("<HB", 0x244C, 1)
_TEXT_AT = 1024


def _fib(ccp_text: int, pairs: dict[int, tuple[int, int]]) -> bytes:
    base = struct.pack("<HHHHHH", 0xA5EC, 0xC1, 0, 0x0804, 0, 0x0200).ljust(0x20, b"\0")
    rglw = [0] * 22
    rglw[3] = ccp_text
    rg = [pairs.get(i, (0, 0)) for i in range(93)]
    return (
        base
        + struct.pack("<H", 14)
        + bytes(28)
        + struct.pack("<H", 22)
        + struct.pack("<22I", *rglw)
        + struct.pack("<H", 93)
        + b"".join(struct.pack("<II", *pair) for pair in rg)
    )


def _fkp(runs: list[tuple[int, int, bytes]], papx: bool) -> bytes:
    """One FKP page: rgfc, then BxPap (13 bytes) or one offset byte a run, properties stored from the end."""
    page = bytearray(512)
    crun = len(runs)
    fcs = [r[0] for r in runs] + [runs[-1][1]]
    struct.pack_into(f"<{crun + 1}I", page, 0, *fcs)
    top = 511
    for j, (_start, _end, grpprl) in enumerate(runs):
        if papx:
            body = b"\0\0" + grpprl  # istd 0
            stored = bytes([(len(body) + 1) // 2]) + body if len(body) % 2 else b"\0" + bytes([len(body) // 2]) + body
        else:
            stored = bytes([len(grpprl)]) + grpprl
        top = (top - len(stored)) & ~1
        page[top : top + len(stored)] = stored
        page[4 * (crun + 1) + (13 if papx else 1) * j] = top // 2
    assert 4 * (crun + 1) + (13 if papx else 1) * crun < top
    page[511] = crun
    return bytes(page)


def _build(
    paragraphs: list[tuple[str, bytes]] | None = None,
    pieces: list[tuple[bytes, bool]] | None = None,
    deleted: tuple[int, int] | None = None,
) -> list[Item]:
    """doc_items of a document: paragraphs (text with its end mark, sprms) in one UTF-16 piece with properties,
    or raw pieces (bytes, compressed) without paragraph properties; ``deleted``: characters marked deleted."""
    pairs: dict[int, tuple[int, int]] = {}
    table = b""
    if paragraphs is not None:
        text = "".join(t for t, _ in paragraphs)
        body = text.encode("utf-16-le")
        raw_pieces = [(_TEXT_AT, len(text), False)]
    else:
        assert pieces is not None
        body, raw_pieces, at = b"", [], _TEXT_AT
        for data, compressed in pieces:
            count = len(data) if compressed else len(data) // 2
            raw_pieces.append((at, count, compressed))
            body += data
            at += len(data)
    ccp = sum(count for _fc, count, _c in raw_pieces)
    word_pages = bytearray(body.ljust((len(body) + 511) // 512 * 512, b"\0"))
    pages_at = _TEXT_AT + len(word_pages)
    extra_pages: list[bytes] = []

    cps, cp = [0], 0
    pcds = b""
    for fc, count, compressed in raw_pieces:
        cp += count
        cps.append(cp)
        pcds += struct.pack("<HIH", 0, (fc * 2) | 0x40000000 if compressed else fc, 0)
    plc_pcd = struct.pack(f"<{len(cps)}I", *cps) + pcds
    clx = b"\x01" + struct.pack("<H", 3) + b"\0\0\0" + b"\x02" + struct.pack("<I", len(plc_pcd)) + plc_pcd
    pairs[33] = (len(table), len(clx))
    table += clx

    if paragraphs is not None:
        runs, fc = [], _TEXT_AT
        for text, sprms in paragraphs:
            runs.append((fc, fc + 2 * len(text), sprms))
            fc += 2 * len(text)
        pn = (pages_at + 512 * len(extra_pages)) // 512
        extra_pages.append(_fkp(runs, papx=True))
        plc = struct.pack("<III", runs[0][0], runs[-1][1], pn)
        pairs[13] = (len(table), len(plc))
        table += plc
    if deleted is not None:
        first, last = _TEXT_AT + 2 * deleted[0], _TEXT_AT + 2 * deleted[1]
        runs = [(_TEXT_AT, first, b""), (first, last, struct.pack("<HB", 0x0800, 1)), (last, last + 2, b"")]
        pn = (pages_at + 512 * len(extra_pages)) // 512
        extra_pages.append(_fkp(runs, papx=False))
        plc = struct.pack("<III", _TEXT_AT, last + 2, pn)
        pairs[12] = (len(table), len(plc))
        table += plc
    word = _fib(ccp, pairs).ljust(_TEXT_AT, b"\0") + bytes(word_pages) + b"".join(extra_pages)
    items, _tables = doc_reader.doc_items(word, table, None)
    return items


def _shown(items: list[Item]) -> list[object]:
    return [
        item.cells if isinstance(item, Row) else item.text for item in items if not isinstance(item, Para) or item.text
    ]


def test_empty_cells_are_told_from_the_row_mark_by_the_paragraph_properties() -> None:
    cell = _IN_TABLE
    items = _build(
        [
            ("前言\r", b""),
            ("项目\x07", cell),
            ("\x07", cell),  # an empty cell: the same character as the row mark
            ("数量\x07", cell),
            ("\x07", cell + _TTP),
            ("\x07", cell),
            ("\x07", cell),
            ("5\x07", cell),
            ("\x07", cell + _TTP),
            ("后记\r", b""),
        ]
    )
    assert _shown(items) == ["前言", ["项目", "", "数量"], ["", "", "5"], "后记"]


def test_paragraphs_inside_a_cell_join_and_nested_rows_follow_their_row() -> None:
    items = _build(
        [
            ("甲\r", _IN_TABLE),
            ("乙\x07", _IN_TABLE),
            ("x\r", _INNER_CELL),
            ("y\r", _INNER_CELL),
            ("\r", _INNER_TTP),
            ("B\x07", _IN_TABLE),
            ("\x07", _IN_TABLE + _TTP),
            ("完\r", b""),
        ]
    )
    assert _shown(items) == [["甲乙", "B"], ["x", "y"], "完"]


def test_one_column_table_is_read_as_its_paragraphs() -> None:
    items = _build([("框内一\r", _IN_TABLE), ("框内二\x07", _IN_TABLE), ("\x07", _IN_TABLE + _TTP), ("后\r", b"")])
    assert _shown(items) == ["框内一", "框内二", "后"]


def test_fields_keep_their_result_and_special_characters() -> None:
    text = (
        '见\x13 HYPERLINK "http://www.gov.cn" \x14政府网站\x15。\r'
        '\x13 IF \x13 PAGE \x143\x15 = 3 \x14是\x15\x13 TC "目录" \x15\r'
        "一行\x0b二行\x0c三行\r"
        "图\x01\x08表\x1e1\x1f2\x02\x05\r"
    )
    items = _build([(text, b"")])
    assert _shown(items) == ["见政府网站。", "是", "一行", "二行", "三行", "图表-12"]


def test_numbered_paragraph_is_marked_as_word_numbering() -> None:
    items = _build([("总体情况\r", _NUMBERED), ("正文。\r", b"")])
    assert [(i.text, i.numbered) for i in items if isinstance(i, Para)] == [
        ("总体情况", True),
        ("正文。", False),
    ]


def test_tracked_deletions_are_left_out() -> None:
    items = _build([("保留删掉的继续\r", b"")], deleted=(2, 5))
    assert _shown(items) == ["保留继续"]


def test_compressed_pieces_and_the_text_fallback_for_tables() -> None:
    """Word stores runs of Western text one byte a character (cp1252); without paragraph properties a lone cell
    mark after cells ends the row."""
    items = _build(
        pieces=[
            (b"\x93Open\x94 \x96 caf\xe9\r", True),
            ("信息\x07".encode("utf-16-le"), False),
            (b"12\x07\x07", True),
            ("完\r".encode("utf-16-le"), False),
        ]
    )
    assert _shown(items) == ["\u201cOpen\u201d \u2013 caf\u00e9", ["信息", "12"], "完"]


def test_broken_piece_tables_raise_the_internal_error_only() -> None:
    """doc_items raises only its own _Broken for the caller to word; never IndexError and friends."""
    import olefile

    ole = olefile.OleFileIO(str(FIXTURE))
    word, table = ole.openstream("WordDocument").read(), ole.openstream("1Table").read()
    ole.close()
    rng = random.Random(3)
    for _ in range(300):
        mutated = bytearray(table)
        for _ in range(rng.choice([1, 8, 64])):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        with contextlib.suppress(doc_reader._Broken, doc_reader._TooLong):
            doc_reader.doc_items(word, bytes(mutated), None)


# --------------------------------------------------------------------------- converted by LibreOffice now


def _convert(files: list[Path], outdir: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.fail("LibreOffice (soffice) is not installed")
    profile = (outdir / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "doc"]
    subprocess.run([*command, "--outdir", str(outdir), *map(str, files)], check=True, capture_output=True, timeout=240)


@pytest.fixture(scope="module")
@shared_optional
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lo-doc")
    write_docx(load_report(EXAMPLE), root / "example.docx", draft=True)
    files = [root / "example.docx"]
    if SAMPLES.is_dir():
        for sample in sorted(SAMPLES.glob("*.docx")):
            shutil.copyfile(sample, root / sample.name)
            files.append(root / sample.name)
    _convert(files, root)
    return root


def _sample_names() -> list[str]:
    return sorted(p.stem for p in SAMPLES.glob("*.docx")) if SAMPLES.is_dir() else []


def _visible(items: list[Item]) -> list[Item]:
    return [i for i in items if not isinstance(i, Para) or i.text.strip()]


@pytest.mark.libreoffice
def test_our_export_converted_to_doc(converted: Path, tmp_path: Path) -> None:
    report = load_report(converted / "example.doc")
    _assert_same_report(report, load_report(EXAMPLE), exported=True)
    wps = tmp_path / "example.wps"
    shutil.copyfile(converted / "example.doc", wps)
    _assert_same_report(load_report(wps), load_report(EXAMPLE), exported=True)


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", _sample_names() or ["(none)"])
def test_word_samples_converted_to_doc(name: str, converted: Path, tmp_path: Path) -> None:
    if not SAMPLES.is_dir():
        pytest.skip(f"the Word samples are not here ({SAMPLES})")
    source = read_docx(SAMPLES / f"{name}.docx")
    report = load_report(converted / f"{name}.doc")
    _assert_same_report(report, source)
    assert report.title == source.title and report.signature == source.signature
    wps = tmp_path / f"{name}.wps"
    shutil.copyfile(converted / f"{name}.doc", wps)
    _assert_same_report(load_report(wps), source)


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["example", *_sample_names()])
def test_doc_items_equal_the_docx_readers(name: str, converted: Path) -> None:
    """Paragraph by paragraph and row by row (with Word's numbering marks) what the .docx reader sees."""
    import docx

    body = docx.Document(str(converted / f"{name}.docx")).element.body
    want, want_tables = body_items(body)
    got, got_tables = doc_reader.doc_items(*_streams(converted / f"{name}.doc"))
    assert got_tables == want_tables
    assert _visible(got) == _visible(want)


def _streams(path: Path) -> tuple[bytes, bytes, bytes | None]:
    return doc_reader._read_streams(path, path.stat().st_size)


_TRACKED = (
    '<w:del w:id="901" w:author="a" w:date="2022-01-01T00:00:00Z"><w:r><w:delText>已删除的文字</w:delText></w:r>'
    '</w:del><w:ins w:id="902" w:author="a" w:date="2022-01-01T00:00:00Z"><w:r><w:t>插入的文字</w:t></w:r></w:ins>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "http://www.gov.cn" </w:instrText>'
    '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>政府网站</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
)


@pytest.mark.libreoffice
def test_tracked_changes_and_fields_read_as_in_docx(tmp_path: Path) -> None:
    """A deletion made with change tracking is not text; an insertion and a hyperlink's shown text are."""
    import zipfile

    source = tmp_path / "修订.docx"
    write_docx(load_report(EXAMPLE), tmp_path / "plain.docx", draft=True)
    with zipfile.ZipFile(tmp_path / "plain.docx") as archive, zipfile.ZipFile(source, "w") as out:
        for info in archive.infolist():
            data = archive.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                at = xml.find("</w:p>", xml.find("总体情况") + 1)
                at = xml.find("</w:p>", at + 1)
                data = (xml[:at] + _TRACKED + xml[at:]).encode("utf-8")
            out.writestr(info, data)
    _convert([source], tmp_path)
    import docx

    want, _ = body_items(docx.Document(str(source)).element.body)
    got, _ = doc_reader.doc_items(*_streams(tmp_path / "修订.doc"))
    assert _visible(got) == _visible(want)
    text = "".join(i.text for i in got if isinstance(i, Para))
    assert "插入的文字政府网站" in text and "已删除" not in text and "HYPERLINK" not in text
