"""The project's own test corpus: synthetic reports in every shape the readers handle, made by our own writers.

Nothing here comes from ``../shared``: the sources are the bundled example (``resources/examples``) and reports
built with ``new_report`` from made-up figures that satisfy every consistency rule (balance, row and column totals,
review and litigation totals, narrative figures equal to the tables, dates after the year), in both formats of the
tables and mixed. Each source is written by gkdesk's own writers (``write_native``, ``write_docx``, ``write_txt``)
and turned into the shapes clerks bring: the .docx as exported and with only its visible text (as an editor that
drops our embedded data leaves it), the .txt as exported and re-encoded, the text with one cell per line, without
any line break, with bare carriage returns, as a web page; and, where LibreOffice is installed, the .docx saved
again by LibreOffice (as .docx, .odt and Word 97 .doc), its PDF and its text export.

``python -m tests.corpus OUT`` writes every shape of every source to the folder OUT (the benchmarks use the same
files when ``../shared`` is absent).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from gkdesk.domain.forms import APPLICANT_COLUMNS, REVIEW_COLUMNS, Variant
from gkdesk.domain.report import Block, Report, SignOff, TableData, new_report
from gkdesk.domain.totals import recompute_totals
from gkdesk.io.docx_writer import write_docx
from gkdesk.io.files import is_draft, load_report
from gkdesk.io.native import write_native
from gkdesk.io.txt_writer import report_to_text, write_txt
from gkdesk.resources import example_report_path

LIBREOFFICE_TIMEOUT_S = 240


# --------------------------------------------------------------------------- the source reports


def _h(text: str, inline: str = "") -> Block:
    return Block(kind="heading", text=text, level=2, inline_text=inline)


def _p(text: str) -> Block:
    return Block(kind="paragraph", text=text)


def _fill_applications(table: TableData, rows: dict[str, list[int]]) -> None:
    """Six applicant figures per row; row and column totals computed, the carry-over balancing every column."""
    columns = [c for c, _label in APPLICANT_COLUMNS]
    for row_id, figures in rows.items():
        for column, value in zip(columns, figures, strict=True):
            table.set(f"{row_id}.{column}", value)
    recompute_totals(table)
    for column in columns:
        c = table.counts
        carry_out = c[f"new.{column}"] + c[f"carry_in.{column}"] - c[f"total.{column}"]
        assert carry_out >= 0, f"made-up figures do not balance in column {column}"
        table.set(f"carry_out.{column}", carry_out)
    recompute_totals(table)


def _fill_review(table: TableData, groups: dict[str, list[int]]) -> None:
    """维持、纠正、其他、尚未审结 per group; the totals computed."""
    for group, figures in groups.items():
        for (column, _label), value in zip(REVIEW_COLUMNS[:-1], figures, strict=True):
            table.set(f"{group}.{column}", value)
    recompute_totals(table)


def _sign(report: Report, agency: str, date: dt.date, approver: str | None) -> Report:
    report.signature.agency = agency
    report.signature.date = date
    if approver:
        report.sign_off = SignOff(approver=approver, date=date)
    return report


def example_report() -> Report:
    """The bundled example (交口县 2021, 2021 format), as the program itself opens it."""
    return load_report(example_report_path())


def county_2022() -> Report:
    """A made-up county office, 2021 format: large and decimal figures, every table row and column in use."""
    report = new_report("云岭县", 2022, "2021")
    report.preface = [
        _p(
            "本报告依据《中华人民共和国政府信息公开条例》和上级关于做好年度报告工作的要求编制，由云岭县人民政府办公室"
            "汇总全县各单位情况形成。"
        ),
        _p("本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。如对本报告有疑问，请与县政府办公室联系。"),
    ]
    report.parts["一"].blocks = [
        _h("主动公开情况"),
        _p(
            "全县各单位通过政府门户网站、政务新媒体和公开栏发布各类信息，重点做好财政预决算、乡村振兴、教育医疗和"
            "安全生产等领域的信息公开，做到应公开尽公开。"
        ),
        _h("依申请公开情况"),
        _p("全年共收到政府信息公开申请73件，均在法定期限内答复。申请内容主要涉及征地补偿、规划许可和行政执法结果。"),
        _h("政府信息管理情况"),
        _p("严格落实公开前保密审查，规范公开属性认定，对现行有效的规范性文件进行集中清理并公布结果。"),
        _h("平台建设情况"),
        _p("整合政务公开专栏，完善依申请公开网上办理通道，政务服务大厅设立查阅点，方便群众就近查询。"),
        _h("监督保障情况"),
        _p("将政务公开纳入年度绩效考核，组织业务培训两期。全年发生政府信息公开行政复议9件、行政诉讼6件。"),
    ]
    report.parts["五"].blocks = [
        _p("一是部分单位信息更新不够及时；二是政策解读形式较为单一；三是基层公开人员业务能力有待提高。"),
        _p("下一步将加强督促检查，丰富解读形式，开展常态化业务培训，推动政务公开提质增效。"),
    ]
    report.parts["六"].blocks = [_p("本年度未收取信息处理费。")]
    d = report.disclosure
    for cell_id, value in {
        "art20_1.regulations.issued": 1,
        "art20_1.regulations.repealed": 0,
        "art20_1.regulations.in_force": 9,
        "art20_1.normative_documents.issued": 23,
        "art20_1.normative_documents.repealed": 6,
        "art20_1.normative_documents.in_force": 147,
        "art20_5.licensing.decisions": 44728,
        "art20_6.penalty.decisions": 1306,
        "art20_6.coercion.decisions": 57,
    }.items():
        d.set(cell_id, value)
    d.set("art20_8.fees.amount_wan", Decimal("312.0750"))  # the trailing zero is typed: it stays
    _fill_applications(
        report.applications,
        {
            "new": [58, 9, 1, 0, 3, 2],
            "carry_in": [4, 1, 0, 0, 0, 0],
            "granted": [21, 4, 0, 0, 1, 1],
            "partial": [6, 1, 0, 0, 0, 0],
            "denied.state_secret": [1, 0, 0, 0, 0, 0],
            "denied.third_party": [2, 1, 0, 0, 0, 0],
            "denied.internal_affairs": [1, 0, 0, 0, 0, 0],
            "denied.process_info": [3, 0, 0, 0, 1, 0],
            "denied.admin_query": [2, 0, 0, 0, 0, 0],
            "unable.not_held": [11, 2, 1, 0, 1, 0],
            "unable.need_creation": [3, 0, 0, 0, 0, 0],
            "unable.unclear_after_correction": [1, 0, 0, 0, 0, 0],
            "not_processed.petition_complaint": [4, 0, 0, 0, 0, 0],
            "not_processed.repeat": [2, 1, 0, 0, 0, 0],
            "not_processed.confirm_reissue": [1, 0, 0, 0, 0, 0],
            "other.overdue_correction": [1, 0, 0, 0, 0, 1],
        },
    )
    _fill_review(
        report.review_litigation, {"review": [5, 2, 1, 1], "lit_direct": [2, 0, 1, 1], "lit_after_review": [1, 1, 0, 0]}
    )
    return _sign(report, "云岭县人民政府办公室", dt.date(2023, 1, 16), "县政府办公室主任")


def township_2019_trial() -> Report:
    """A made-up township, 2019 trial format: signed changes (negative too), a procurement amount in words."""
    report = new_report("青石镇人民政府", 2019, "2019-trial")
    report.preface = [
        _p("根据《中华人民共和国政府信息公开条例》要求，现将青石镇人民政府2019年度政府信息公开工作情况报告如下。")
    ]
    report.parts["一"].blocks = [
        _h("主动公开", "本镇依托镇政府公开栏和县政府网站乡镇专栏公开信息，涉及低保救助、项目建设和惠农补贴。"),
        _p("全年受理政府信息公开申请8件，已全部办结。"),
    ]
    report.parts["五"].blocks = [_p("公开内容还不够全面，下一步将细化公开目录，及时更新栏目内容。")]
    report.parts["六"].blocks = [_p("无其他需要报告的事项。")]
    d = report.disclosure
    for cell_id, value in {
        "art20_1.normative_documents.made": 4,
        "art20_1.normative_documents.published": 4,
        "art20_1.normative_documents.total_published": 31,
        "art20_5.licensing.prev_items": 36,
        "art20_5.licensing.change": -2,
        "art20_5.licensing.decisions": 215,
        "art20_5.other_services.prev_items": 12,
        "art20_5.other_services.change": 3,
        "art20_5.other_services.decisions": 88,
        "art20_6.penalty.prev_items": 18,
        "art20_6.penalty.decisions": 42,
        "art20_6.coercion.prev_items": 5,
        "art20_6.coercion.change": -1,
        "art20_6.coercion.decisions": 7,
        "art20_8.fees.prev_items": 3,
        "art20_8.fees.change": -1,
        "art20_9.procurement.items": 14,
    }.items():
        d.set(cell_id, value)
    d.set("art20_9.procurement.amount", "86.53万元")
    _fill_applications(
        report.applications,
        {
            "new": [7, 1, 0, 0, 0, 0],
            "carry_in": [1, 0, 0, 0, 0, 0],
            "granted": [3, 1, 0, 0, 0, 0],
            "partial": [1, 0, 0, 0, 0, 0],
            "unable.not_held": [2, 0, 0, 0, 0, 0],
            "not_processed.repeat": [1, 0, 0, 0, 0, 0],
        },
    )
    _fill_review(report.review_litigation, {"review": [1, 0, 0, 0], "lit_direct": [0, 0, 0, 1]})
    return _sign(report, "青石镇人民政府", dt.date(2020, 1, 20), None)


def bureau_2021_mixed() -> Report:
    """A made-up city bureau that kept the 2019 single row （六）其他处理 under 2021 tables (a real defect)."""
    report = new_report("白水市教育局", 2021, "2021")
    report.tables["applications"] = TableData(form_id="applications", variant="2019-trial")
    report.preface = [_p("本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。")]
    report.parts["一"].blocks = [
        _h("总体工作"),
        _p("市教育局围绕招生入学、学校收费和教育资助等群众关注事项做好信息发布，本年收到政府信息公开申请15件。"),
    ]
    report.parts["五"].blocks = [_p("存在问题是政策解读不够通俗。改进措施是增加图解和问答形式的解读。")]
    report.parts["六"].blocks = [_p("无。")]
    d = report.disclosure
    for cell_id, value in {
        "art20_1.normative_documents.issued": 5,
        "art20_1.normative_documents.repealed": 2,
        "art20_1.normative_documents.in_force": 38,
        "art20_5.licensing.decisions": 126,
        "art20_6.penalty.decisions": 3,
    }.items():
        d.set(cell_id, value)
    d.set("art20_8.fees.amount_wan", Decimal("0.85"))
    _fill_applications(
        report.applications,
        {
            "new": [12, 2, 0, 1, 0, 0],
            "carry_in": [0, 0, 0, 0, 0, 0],
            "granted": [6, 1, 0, 1, 0, 0],
            "partial": [2, 0, 0, 0, 0, 0],
            "unable.not_held": [2, 1, 0, 0, 0, 0],
            "other": [1, 0, 0, 0, 0, 0],
        },
    )
    _fill_review(report.review_litigation, {"review": [0, 1, 0, 0]})
    return _sign(report, "白水市教育局", dt.date(2022, 1, 25), "局办公室")


SOURCES: dict[str, Callable[[], Report]] = {
    "example": example_report,
    "county-2022": county_2022,
    "township-2019-trial": township_2019_trial,
    "bureau-2021-mixed": bureau_2021_mixed,
}


def source_report(name: str) -> Report:
    return SOURCES[name]()


def formats(report: Report) -> tuple[Variant, Variant, Variant]:
    return (report.disclosure.variant, report.applications.variant, report.review_litigation.variant)


# --------------------------------------------------------------------------- text shapes made from our .txt export


def _lines(report: Report) -> list[str]:
    return report_to_text(report).split("\n")


def _cells(line: str) -> list[str]:
    return [cell for cell in line.split("\t") if cell.strip()]


def cells_per_line(report: Report) -> str:
    """One cell per line, each indented with a TAB, a blank line after each row: a copy from a web page."""
    out: list[str] = []
    for line in _lines(report):
        if "\t" in line:
            out.extend(f"\t{cell}" for cell in _cells(line))
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def cells_without_tabs(report: Report) -> str:
    """Every cell on a line of its own, nothing else marking the rows: LibreOffice's and many tools' text."""
    out: list[str] = []
    for line in _lines(report):
        out.extend(_cells(line) if "\t" in line else [line])
    return "\n".join(out)


def one_line(report: Report) -> str:
    """No line break at all: paragraphs and cells in one line, a space between them (a crawler's article text)."""
    pieces = [" ".join(_cells(line)) if "\t" in line else line.strip() for line in _lines(report)]
    return " ".join(piece for piece in pieces if piece)


def one_line_run_together(report: Report) -> str:
    """No line break and table cells run together with nothing between them, as some crawlers store articles."""
    pieces = ["".join(_cells(line)) if "\t" in line else line.strip() for line in _lines(report)]
    return " ".join(piece for piece in pieces if piece)


def bare_carriage_returns(report: Report) -> str:
    """No line feed anywhere: paragraphs end with CR, table cells apart by 3 CRs and rows by 5 (a scraper's cell)."""
    out: list[str] = []
    table: list[str] = []
    for line in [*_lines(report), ""]:
        if "\t" in line:
            table.append("\r\r\r".join(_cells(line)))
            continue
        if table:
            out.append("\r\r\r\r\r".join(table) + "\r\r")
            table = []
        if line.strip():
            out.append(line)
    return "\r".join(out)


def web_page(report: Report) -> str:
    """A CMS page: paragraphs in <p>, each table row a <tr> (a merged cell spans the positions after it)."""
    body: list[str] = []
    in_table = False
    for line in _lines(report):
        if "\t" not in line:
            if in_table:
                body.append("</table>")
                in_table = False
            if line.strip():
                body.append(f"<p style='text-indent:2em'>{html.escape(line)}</p>")
            continue
        if not in_table:
            body.append('<table border="1" style="width:100%">')
            in_table = True
        cells: list[list[str | int]] = []
        for position, text in enumerate(line.split("\t")):
            if text.strip() or position == 0 or not cells:
                cells.append([text, 1])
            else:
                cells[-1][1] = int(cells[-1][1]) + 1
        tds = "".join(f'<td colspan="{span}">{html.escape(str(text)) or "&nbsp;"}</td>' for text, span in cells)
        body.append(f"<tr>{tds}</tr>")
    if in_table:
        body.append("</table>")
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开工作年度报告</title>'
        "<style>td{border:1px solid #000}</style><script>var menu = '<p>导航</p>';</script></head><body>"
        + "\n".join(body)
        + "</body></html>"
    )


# --------------------------------------------------------------------------- shapes


def without_embedded_report(path: Path) -> None:
    """Drop our custom XML part (as some editors do): only the visible document is left to read."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
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


def _docx(report: Report, path: Path) -> None:
    write_docx(report, path, draft=is_draft(report))


def _visible_docx(report: Report, path: Path) -> None:
    _docx(report, path)
    without_embedded_report(path)


def _text(make: Callable[[Report], str], encoding: str = "utf-8") -> Callable[[Report, Path], None]:
    def write(report: Report, path: Path) -> None:
        path.write_bytes(make(report).encode(encoding))

    return write


def _reencoded(encoding: str) -> Callable[[Report, Path], None]:
    def write(report: Report, path: Path) -> None:
        path.write_bytes(report_to_text(report).replace("\n", "\r\n").encode(encoding))

    return write


@dataclass(frozen=True)
class Shape:
    """One way a report reaches the clerk; ``exact``: the whole report comes back, not only what is printed."""

    name: str
    suffix: str
    write: Callable[[Report, Path], None]
    exact: bool = False
    what: str = ""
    # figures run together can split more than one way: such cells must stay unread, never be guessed
    ambiguous: bool = False


SHAPES: dict[str, Shape] = {
    s.name: s
    for s in (
        Shape("gkreport", ".gkreport", write_native, exact=True, what="our own file"),
        Shape("docx", ".docx", _docx, exact=True, what="our .docx export, embedded report inside"),
        Shape("docx-visible", ".docx", _visible_docx, what="our .docx with only its visible tables and text"),
        Shape("txt", ".txt", write_txt, what="our .txt export: UTF-8 with BOM, CRLF, TAB rows"),
        Shape("txt-gb18030", ".txt", _reencoded("gb18030"), what="the .txt export saved as GB18030"),
        Shape("txt-utf16", ".txt", _reencoded("utf-16"), what="the .txt export saved as UTF-16 with BOM"),
        Shape("txt-cell-per-line", ".txt", _text(cells_per_line), what="one TAB-indented cell per line"),
        Shape("txt-cells-no-tabs", ".txt", _text(cells_without_tabs), what="one cell per line, no TABs"),
        Shape("txt-one-line", ".txt", _text(one_line), what="no line break at all, cells apart by spaces"),
        Shape(
            "txt-one-line-run-together",
            ".txt",
            _text(one_line_run_together),
            what="no line break at all, table cells run together",
            ambiguous=True,
        ),
        Shape("txt-bare-cr", ".txt", _text(bare_carriage_returns), what="no line feed: bare CRs between cells"),
        Shape("html", ".html", _text(web_page), what="a saved web page with the tables as <table>"),
    )
}


def write_shape(source: str, shape: str, folder: Path, report: Report | None = None) -> Path:
    """Write one source report in one shape into ``folder``; returns the file."""
    spec = SHAPES[shape]
    path = folder / f"{source}.{shape}{spec.suffix}"
    spec.write(report if report is not None else source_report(source), path)
    return path


# --------------------------------------------------------------------------- shapes LibreOffice makes from our .docx

LIBREOFFICE_SHAPES: dict[str, tuple[str, str, str]] = {
    # name: (LibreOffice filter, suffix of its output, what)
    "lo-docx-visible": ("docx:MS Word 2007 XML", ".docx", "our .docx saved again by LibreOffice, visible content only"),
    "lo-pdf": ("pdf", ".pdf", "the PDF LibreOffice prints from our .docx (read through its text layer)"),
    "lo-txt": ("txt:Text (encoded):UTF8", ".txt", "LibreOffice's text export of our .docx"),
    "lo-odt": ("odt", ".odt", "our .docx saved by LibreOffice as OpenDocument text"),
    "lo-doc": ("doc:MS Word 97", ".doc", "our .docx saved by LibreOffice as Word 97-2003 .doc"),
}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_corpus(folder: Path, sources: list[str] | None = None) -> dict[tuple[str, str], Path]:
    """Every source's .docx through LibreOffice, one conversion run per target (each file a few seconds)."""
    program = soffice()
    if program is None:
        raise RuntimeError("LibreOffice (soffice) is not installed; .ci/run installs it")
    names = sources if sources is not None else list(SOURCES)
    docx_dir = folder / "docx"
    docx_dir.mkdir(parents=True, exist_ok=True)
    files = []
    for name in names:
        path = docx_dir / f"{name}.docx"
        _docx(source_report(name), path)
        files.append(path)
    profile = (folder / "profile").as_uri()
    out: dict[tuple[str, str], Path] = {}
    for shape, (target, suffix, _what) in LIBREOFFICE_SHAPES.items():
        outdir = folder / shape
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", target]
        subprocess.run(
            [*command, "--outdir", str(outdir), *map(str, files)],
            check=True,
            capture_output=True,
            timeout=LIBREOFFICE_TIMEOUT_S,
        )
        for name in names:
            path = outdir / f"{name}{suffix}"
            if shape == "lo-docx-visible":
                without_embedded_report(path)
            out[(name, shape)] = path
    return out


def write_corpus(folder: Path, *, libreoffice: bool = False) -> dict[tuple[str, str], Path]:
    """Every source in every shape (and through LibreOffice if asked) under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[tuple[str, str], Path] = {}
    for source in SOURCES:
        report = source_report(source)
        for shape in SHAPES:
            written[(source, shape)] = write_shape(source, shape, folder, report)
    if libreoffice:
        written.update(libreoffice_corpus(folder / "libreoffice"))
    return written


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: python -m tests.corpus OUT_FOLDER [--libreoffice]", file=sys.stderr)
        return 2
    written = write_corpus(Path(argv[1]), libreoffice="--libreoffice" in argv[2:])
    for (source, shape), path in written.items():
        print(f"{source:22} {shape:26} {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
