"""Fuzzing the importers: mutated and truncated seeds and samples, random bytes, hostile zips.

The property: reading never raises anything but ReportReadError, and whatever comes back is a valid report the
checker and the JSON view accept. Seeded generators keep every failure reproducible; the whole module is bounded
to a few seconds.
"""

from __future__ import annotations

import io
import random
import zipfile
from functools import cache
from pathlib import Path

import pytest

from gkdesk.domain.checker import check
from gkdesk.domain.report import Report
from gkdesk.io.errors import ReportReadError, UnexpectedReadError
from gkdesk.io.files import load_report
from gkdesk.io.json_contract import report_json
from gkdesk.io.txt_reader import read_text_report
from tests.conftest import SAMPLES, SEEDS, shared_files


@cache
def _seed_texts() -> list[str]:
    """The seeds' texts, read on first use (collection does not need ../shared; the tests using them are marked)."""
    return [p.read_text(encoding="utf-8") for p in shared_files(SEEDS, "*.txt")]


@cache
def _sample_bytes() -> list[bytes]:
    """The Word samples' bytes, read on first use like the seeds."""
    return [p.read_bytes() for p in shared_files(SAMPLES, "*.docx")]


NOISE = [
    "\t",
    "\n",
    "\n\n",
    " ",
    "\u3000",
    "/",
    "—",
    "0",
    "-1",
    "12.5",
    "１２",
    "一、",
    "（六）其他处理",
    "总计",
    "年",
    "\x00",
    "\ufffd",
]


def _accepts(read: object) -> Report | None:
    """Run a reader; a ReportReadError is a clean refusal, anything else is a bug."""
    assert callable(read)
    try:
        report = read()
    except UnexpectedReadError as exc:  # the readers' last net caught a bug
        raise AssertionError(f"a reader failed unexpectedly: {exc}") from exc
    except ReportReadError as exc:
        message = str(exc)
        report = None
    else:
        message = ""
    if report is None:
        assert message and "\n" not in message
        return None
    assert isinstance(report, Report)
    Report.model_validate(report.model_dump())
    check(report)
    report_json(report)
    return report


def _mutate_text(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 12)):
        op = rng.randrange(6)
        i = rng.randrange(len(lines)) if lines else 0
        if op == 0 and lines:
            del lines[i]
        elif op == 1 and lines:
            lines.insert(rng.randrange(len(lines) + 1), lines[i])
        elif op == 2 and lines:
            j = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:j] + rng.choice(NOISE) + lines[i][j:]
        elif op == 3 and lines:
            lines[i] = lines[i].replace("\t", rng.choice(["", "  ", "\t\t", "\n"]))
        elif op == 4:
            lines = lines[: rng.randrange(len(lines) + 1)]
        elif op == 5 and len(lines) > 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(12))
def test_mutated_text(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(15):
        source = rng.choice(_seed_texts())
        _accepts(lambda source=source: read_text_report(_mutate_text(rng, source), "fuzz.txt"))


@pytest.mark.parametrize("seed", range(4))
def test_truncated_text_files(seed: int, tmp_path: Path) -> None:
    rng = random.Random(100 + seed)
    for n in range(10):
        data = rng.choice(_seed_texts()).encode(rng.choice(["utf-8", "gb18030", "utf-16"]))
        path = tmp_path / f"cut{n}.txt"
        path.write_bytes(data[: rng.randrange(len(data) + 1)])
        _accepts(lambda path=path: load_report(path))


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf", ".doc", ".gkreport"])
def test_random_bytes(suffix: str, tmp_path: Path) -> None:
    rng = random.Random(suffix)
    for n in range(8):
        path = tmp_path / f"random{n}{suffix}"
        head = rng.choice([b"", b"PK\x03\x04", b"%PDF-1.4\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf"])
        path.write_bytes(head + rng.randbytes(rng.randrange(0, 4000)))
        _accepts(lambda path=path: load_report(path))


def _rezip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _mutate_docx(rng: random.Random, original: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    op = rng.randrange(5)
    if op == 0:  # flip bytes anywhere in the zip
        data = bytearray(original)
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    if op == 1:  # truncate the zip
        return original[: rng.randrange(len(original))]
    if op == 2:  # drop a member
        del members[rng.choice(sorted(members))]
        return _rezip(members)
    xml = members["word/document.xml"].decode("utf-8")
    if op == 3:  # cut or damage the document XML
        i = rng.randrange(len(xml))
        xml = xml[:i] + rng.choice(["", "<", "</w:tbl>", "<w:tc>", "&amp;", "\ufffd"]) + xml[i + rng.randrange(50) :]
    else:  # change texts inside runs
        pieces = xml.split("<w:t>")
        for _ in range(rng.randint(1, 15)):
            k = rng.randrange(1, len(pieces)) if len(pieces) > 1 else 0
            if k:
                pieces[k] = rng.choice(NOISE).replace("\x00", "") + pieces[k]
        xml = "<w:t>".join(pieces)
    members["word/document.xml"] = xml.encode("utf-8")
    return _rezip(members)


@pytest.mark.parametrize("seed", range(6))
def test_mutated_docx(seed: int, tmp_path: Path) -> None:
    rng = random.Random(1000 + seed)
    for n in range(12):
        path = tmp_path / f"m{n}.docx"
        path.write_bytes(_mutate_docx(rng, rng.choice(_sample_bytes())))
        _accepts(lambda path=path: load_report(path))


def test_hostile_zips(tmp_path: Path) -> None:
    rng = random.Random(7)
    cases = {
        "nested": _rezip({"[Content_Types].xml": b"<Types/>", "word/document.xml": _rezip({"a": b"x" * 1000})}),
        "deep": _rezip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<a>" * 5000 + b"</a>" * 5000}),
        "dtd": _rezip(
            {"[Content_Types].xml": b'<!DOCTYPE x SYSTEM "http://example.com/x.dtd"><Types/>', "word/x": b""}
        ),
        "utf16-dtd": _rezip(
            {"[Content_Types].xml": "<!DOCTYPE x [<!ENTITY a 'b'>]><Types/>".encode("utf-16"), "word/x.xml": b""}
        ),
        "random-members": _rezip({f"word/{i}.xml": rng.randbytes(200) for i in range(30)}),
        "slash-names": _rezip(
            {"../../evil.xml": b"<x/>", "[Content_Types].xml": b"<Types/>", "word/document.xml": b""}
        ),
    }
    for name, data in cases.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(data)
        assert _accepts(lambda path=path: load_report(path)) is None, name


@pytest.mark.parametrize("seed", range(3))
def test_mutated_html(seed: int) -> None:
    from tests.io.test_import_html import page

    rng = random.Random(500 + seed)
    sources = [page(p.name) for p in shared_files(SEEDS, "*.txt")]
    for _ in range(10):
        text = rng.choice(sources)
        for _ in range(rng.randint(1, 20)):
            i = rng.randrange(len(text))
            text = text[:i] + rng.choice(["<", ">", "</tr>", "<td>", "&", "&#", "<!--", "<script>", ""]) + text[i + 3 :]
        _accepts(lambda text=text: read_text_report(text, "fuzz.html"))
