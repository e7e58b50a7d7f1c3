"""import(export(report)) == report, for .docx and .txt: the seeds, a Word edit, and random valid reports."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gkdesk.domain.forms import FORM_IDS, form
from gkdesk.domain.report import PART_KEYS, Block, Part, Report, SignOff, TableData, new_report
from gkdesk.io.docx_embed import read_embedded_report
from gkdesk.io.docx_writer import write_docx
from gkdesk.io.files import load_report
from gkdesk.io.txt_writer import write_txt
from tests.io.export_support import as_embedded, assert_same_content, jiaokou_2021, signed

SEED_NAMES = (
    "hequ-county-2020",
    "jiaocheng-county-2024",
    "jiaokou-county-2021",
    "xijiaokou-township-2021",
    "zezhou-county-office-2021",
)


def _as_saved(opened: Report, saved: Report) -> Report:
    """The opened report with the saved one's log and source: on opening, those describe the .docx itself."""
    assert [e.message for e in opened.import_log] == ["从 gkdesk 导出的 Word 文档中读取（含完整数据）"]
    return opened.model_copy(update={"import_log": saved.import_log, "source_file": saved.source_file})


def test_every_seed_is_there(seeds_dir):
    assert sorted(p.stem for p in seeds_dir.glob("*.txt")) == sorted(SEED_NAMES)


# --------------------------------------------------------------------------- the built seed


def test_jiaokou_docx_round_trip_is_exact(tmp_path):
    report = signed(jiaokou_2021())
    path = tmp_path / "交口县.docx"
    write_docx(report, path, draft=False)
    assert _as_saved(load_report(path), report) == as_embedded(report)


def test_jiaokou_txt_round_trip_keeps_the_content(tmp_path):
    report = jiaokou_2021()
    path = tmp_path / "交口县.txt"
    write_txt(report, path)
    assert_same_content(load_report(path), report, visible_only=True)


def test_built_jiaokou_matches_the_seed_as_imported(seeds_dir):
    """The report the export tests build by hand says what the published seed says."""
    assert_same_content(load_report(seeds_dir / "jiaokou-county-2021.txt"), jiaokou_2021(), visible_only=True)


# --------------------------------------------------------------------------- every seed, as imported


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_docx_round_trip_is_exact(name, seeds_dir, tmp_path):
    report = load_report(seeds_dir / f"{name}.txt")
    path = tmp_path / f"{name}.docx"
    write_docx(report, path, draft=True)
    assert _as_saved(load_report(path), report) == as_embedded(report)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_txt_round_trip_keeps_the_content(name, seeds_dir, tmp_path):
    report = load_report(seeds_dir / f"{name}.txt")
    path = tmp_path / f"{name}.txt"
    write_txt(report, path)
    assert_same_content(load_report(path), report, visible_only=True)


# --------------------------------------------------------------------------- edited in Word


def test_docx_edited_in_word_is_read_from_its_visible_text_and_says_so(tmp_path):
    report = jiaokou_2021()
    path = tmp_path / "交口县.docx"
    write_docx(report, path, draft=True)
    document = docx.Document(str(path))
    cell = document.tables[0].cell(6, 1)  # 行政许可 本年处理决定数量
    assert cell.text == "3388"
    cell.paragraphs[0].runs[0].text = "3390"
    document.save(str(path))
    again = load_report(path)
    assert again.disclosure.count("art20_5.licensing.decisions") == 3390
    assert any("修改" in entry.message for entry in again.import_log)
    expected = report.model_copy(deep=True)
    expected.disclosure.set("art20_5.licensing.decisions", 3390)
    assert_same_content(again, expected, visible_only=True)


# --------------------------------------------------------------------------- random valid reports

# Prose made of ordinary characters: no digits or numerals at the start that would read as a heading number.
_HAN = "政府信息公开工作年度报告本机关严格按照条例要求做好主动公开依申请办理平台建设监督保障培训考核网站栏目更新"
_WORD = st.text(alphabet=_HAN, min_size=2, max_size=8)
_SENTENCE = st.builds(
    lambda words, n: "，".join(words) + f"共{n}条。", st.lists(_WORD, min_size=2, max_size=6), st.integers(0, 9999)
)
_PARAGRAPH = st.builds("".join, st.lists(_SENTENCE, min_size=2, max_size=4))
# Headings as real reports word them (a random heading can resemble a part title, which importers read as one).
_HEADING = st.sampled_from(
    [
        "主动公开情况",
        "依申请公开情况",
        "政府信息管理情况",
        "平台建设情况",
        "监督保障情况",
        "存在的主要问题",
        "改进措施",
        "业务培训",
        "考核评议",
        "网站建设",
    ]
)


@st.composite
def _blocks(draw: st.DrawFn, *, headings: bool = True, min_size: int = 1) -> list[Block]:
    blocks: list[Block] = []
    level = 1
    for _ in range(draw(st.integers(min_size, 5))):
        if headings and draw(st.booleans()):
            level = draw(st.integers(2, min(level + 1, 4)))
            inline = draw(st.one_of(st.just(""), _PARAGRAPH))
            text = draw(_HEADING) + ("。" if inline else "")
            blocks.append(Block(kind="heading", text=text, level=level, inline_text=inline))
        else:
            blocks.append(Block(text=draw(_PARAGRAPH)))
    if blocks and blocks[-1].kind == "heading" and not blocks[-1].inline_text:
        blocks.append(Block(text=draw(_PARAGRAPH)))
    return blocks


@st.composite
def _table(draw: st.DrawFn, form_id: str, variant: str) -> TableData:
    table = TableData(form_id=form_id, variant=variant)  # type: ignore[arg-type]
    for cell in form(form_id, variant).cells:  # type: ignore[arg-type]
        if cell.kind == "count":
            table.set(cell.cell_id, draw(st.integers(0, 99999)))
        elif cell.kind == "signed":
            table.set(cell.cell_id, draw(st.integers(-999, 999)))
        elif cell.kind == "decimal":
            places = draw(st.integers(0, 6))
            table.set(cell.cell_id, Decimal(draw(st.integers(0, 10**8))).scaleb(-places))
        else:
            table.set(
                cell.cell_id, draw(st.one_of(st.just(""), st.builds(lambda n: f"{n}.50元", st.integers(0, 10**7))))
            )
    return table


@st.composite
def reports(draw: st.DrawFn) -> Report:
    county = draw(st.sampled_from(["交口县", "河曲县", "泽州县", "交城县", "孝义市"]))
    agency = county + draw(st.sampled_from(["人民政府办公室", "人民政府", "教育局", "财政局"]))
    year = draw(st.integers(2019, 2030))
    variant = draw(st.sampled_from(["2021", "2019-trial"]))
    report = new_report(agency, year, variant)  # type: ignore[arg-type]
    report.title = draw(
        st.sampled_from([f"{agency}{year}年政府信息公开工作年度报告", f"{county}{year}年政府信息公开工作年度报告"])
    )
    report.agency = agency if agency in report.title else county
    if draw(st.booleans()):
        report.addressee = "市政府信息中心"  # stored without the colon the print adds
    report.preface = draw(_blocks(headings=False, min_size=0))
    report.parts = {
        key: Part(key=key, blocks=draw(_blocks(headings=key in ("一", "五"), min_size=1 if key in "一五六" else 0)))
        for key in PART_KEYS
    }
    report.tables = {
        form_id: draw(
            _table(form_id, variant if form_id != "applications" else draw(st.sampled_from([variant, "2021"])))
        )
        for form_id in FORM_IDS
    }
    report.signature.agency = agency
    report.signature.date = draw(st.one_of(st.none(), st.dates(dt.date(year + 1, 1, 1), dt.date(year + 1, 3, 31))))
    if draw(st.booleans()):
        report.sign_off = SignOff(approver="李科长", date=dt.date(year + 1, 1, 20))
    return report


_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_SETTINGS
@given(report=reports())
def test_random_reports_round_trip_through_docx(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    write_docx(report, path, draft=True)
    assert _as_saved(load_report(path), report) == as_embedded(report)


@_SETTINGS
@given(report=reports())
def test_random_reports_round_trip_through_txt(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    write_txt(report, path)
    assert_same_content(load_report(path), report, visible_only=True)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=st.text(max_size=60),
    paragraph=st.text(max_size=200),
    heading=st.text(max_size=30),
    amount=st.text(max_size=20),
)
def test_any_text_exports_and_the_embedded_report_comes_back_exactly(
    title: str, paragraph: str, heading: str, amount: str, tmp_path: Path
) -> None:
    """Control characters, lone surrogates, tabs and line breaks: the print drops what XML cannot hold, the
    embedded report keeps everything."""
    report = new_report("某县人民政府办公室", 2020, "2019-trial")
    report.title = title
    report.addressee = heading or None
    report.parts["一"].blocks = [
        Block(kind="heading", text=heading, level=3, inline_text=paragraph),
        Block(text=paragraph),
    ]
    report.disclosure.set("art20_9.procurement.amount", amount)
    path = tmp_path / "r.docx"
    write_docx(report, path, draft=True)
    restored = read_embedded_report(path)
    assert restored is not None and restored == (report, True)
    txt = tmp_path / "r.txt"
    write_txt(report, txt)
    assert txt.read_bytes().startswith(b"\xef\xbb\xbf")


def _without_embedded_report(path: Path) -> None:
    """What an editor that drops custom XML parts (some WPS versions) leaves: only the visible document."""
    data = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            if name.startswith("customXml/"):
                continue
            content = src.read(name)
            if name == "word/_rels/document.xml.rels":
                content = re.sub(rb"<Relationship [^>]*customXml[^>]*/>", b"", content)
            if name == "[Content_Types].xml":
                content = re.sub(rb"<Override PartName=\"/customXml/[^>]*/>", b"", content)
            dst.writestr(name, content)
    path.write_bytes(out.getvalue())


@pytest.mark.parametrize("name", SEED_NAMES)
def test_visible_docx_alone_reads_back_the_same_content(name, seeds_dir, tmp_path):
    report = load_report(seeds_dir / f"{name}.txt")
    path = tmp_path / f"{name}.docx"
    write_docx(report, path, draft=True)
    _without_embedded_report(path)
    assert read_embedded_report(path) is None
    assert_same_content(load_report(path), report, visible_only=True)


def test_visible_docx_alone_reads_back_the_built_jiaokou(tmp_path):
    report = jiaokou_2021()
    path = tmp_path / "交口县.docx"
    write_docx(report, path, draft=True)
    _without_embedded_report(path)
    assert_same_content(load_report(path), report, visible_only=True)
