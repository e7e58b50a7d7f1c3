"""The format revisions (版本) of the national report format, as data: one record per revision, and migrations.

The State Council General Office revises the format "as circumstances change": the 2019 trial gave way to the
2021 edition. Everything that differs between revisions is a field of ``Revision`` (its tables' contents, the words
that tell it apart in a source, which rules apply, its display names) or a ``Migration`` between two of them; every
other module asks this registry and never compares revision ids. Adding a revision is one ``register`` call (the
built-in ones are at the end of this module); tests register made-up ones the same way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal

from gkdesk.domain.refs import FormId, cell_id, row_id
from gkdesk.errors import GkError

RevisionId = str
CellKind = Literal["count", "signed", "decimal", "text"]
NoteLevel = Literal["recognised", "assumed", "missing", "warning"]


class UnknownRevisionError(GkError, ValueError):
    """A report names a format revision this version of gkdesk does not know."""


@dataclass(frozen=True)
class DisclosureBlock:
    """One block of table 二: its caption row, its value columns and its rows."""

    block_id: str
    caption: str
    columns: tuple[tuple[str, str, CellKind], ...]
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ApplicationRow:
    """One row of table 三."""

    row_id: str
    label: str  # the exact printed label of the row's own cell
    group: str = ""  # the merged group label to its left, e.g. （三）不予公开
    short: str = ""  # how a message names the row within table 三, e.g. （七）总计

    @property
    def is_item(self) -> bool:
        """Rows that add up to （七）总计."""
        return self.row_id not in ("new", "carry_in", "total", "carry_out")


@dataclass(frozen=True)
class Detection:
    """What tells a revision's tables apart in a source whose cells were read as text.

    The importer tries these in order: table 二's column words (a revision is taken when its words are the only
    ones present), then rows or captions only this revision has, then a row printed with several figures that has
    one cell in the other revisions; table 三 by rows only this revision has."""

    disclosure_words: tuple[str, ...] = ()
    disclosure_rows: tuple[str, ...] = ()  # table 二 row ids ("block.row")
    disclosure_captions: tuple[str, ...] = ()  # the N of a 第二十条第（N）项 caption
    disclosure_wide_rows: tuple[str, ...] = ()  # table 二 rows with two or more figures only in this revision
    application_rows: tuple[str, ...] = ()  # table 三 row ids


@dataclass(frozen=True)
class Revision:
    """One revision of the format."""

    id: RevisionId  # stored in .gkreport files and the JSON contract: never change it
    name: str  # "2021 版"
    first_year: int  # the first report year it is used for
    document: str  # the notice that issued it
    choice_label: str  # how the new-report dialog offers it
    disclosure_blocks: tuple[DisclosureBlock, ...]
    application_rows: tuple[ApplicationRow, ...]
    detection: Detection
    # rules that need cells only some revisions have: R5, R9, FEE (the fee against 六), R7:disclosure (table 二's
    # figures stated in the text)
    rules: frozenset[str] = frozenset()

    @property
    def format_name(self) -> str:
        """ "2021 版格式", as the window and the messages say it."""
        return f"{self.name}格式"


@dataclass(frozen=True)
class MigrationNote:
    """What a migration tells the clerk about one table it converted (``cells``: ids in the target table)."""

    form_id: FormId
    level: NoteLevel
    message: str
    cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class Migration:
    """How a table of one revision becomes a table of another, cell by cell.

    ``cells[form]`` maps a source cell to its target cell, or to None when the target has no place for it; a cell
    not listed keeps its id, unless its form is ``closed`` (then only listed cells are carried)."""

    source: RevisionId
    target: RevisionId
    cells: Mapping[FormId, Mapping[str, str | None]] = field(default_factory=dict)
    closed: tuple[FormId, ...] = ()
    notes: tuple[MigrationNote, ...] = ()

    def target_cell(self, form_id: FormId, cell_id: str) -> str | None:
        mapping = self.cells.get(form_id, {})
        if cell_id in mapping:
            return mapping[cell_id]
        return None if form_id in self.closed else cell_id


class _Registry:
    def __init__(self) -> None:
        self.revisions: dict[RevisionId, Revision] = {}
        self.migrations: list[Migration] = []
        self.version = 0  # bumped on every change, so caches derived from the registry know when to rebuild
        self.newest_first: tuple[Revision, ...] = ()

    def changed(self) -> None:
        self.version += 1
        self.newest_first = tuple(sorted(self.revisions.values(), key=lambda r: -r.first_year))


_REGISTRY = _Registry()


def register(revision: Revision, *migrations: Migration) -> None:
    """Add a revision (and the migrations into or out of it); its first year orders it, so no two may share one."""
    clash = [r.id for r in _REGISTRY.revisions.values() if r.first_year == revision.first_year and r.id != revision.id]
    if clash:
        raise ValueError(f"revision {revision.id!r} starts in {revision.first_year} like {clash[0]!r}")
    _REGISTRY.revisions[revision.id] = revision
    _REGISTRY.migrations.extend(migrations)
    _REGISTRY.changed()


def unregister(revision_id: RevisionId) -> None:
    """Remove a revision and its migrations (for tests that registered a made-up one)."""
    _REGISTRY.revisions.pop(revision_id, None)
    _REGISTRY.migrations[:] = [m for m in _REGISTRY.migrations if revision_id not in (m.source, m.target)]
    _REGISTRY.changed()


@contextmanager
def registered(revision: Revision, *migrations: Migration) -> Iterator[Revision]:
    """A revision registered for the duration of a ``with`` block."""
    register(revision, *migrations)
    try:
        yield revision
    finally:
        unregister(revision.id)


def registry_version() -> int:
    return _REGISTRY.version


def revisions() -> tuple[Revision, ...]:
    """Every registered revision, newest first (the order detection tries them in)."""
    return _REGISTRY.newest_first


def revision_ids() -> tuple[RevisionId, ...]:
    return tuple(r.id for r in revisions())


def is_revision(revision_id: str) -> bool:
    return revision_id in _REGISTRY.revisions


def revision(revision_id: RevisionId) -> Revision:
    try:
        return _REGISTRY.revisions[revision_id]
    except KeyError:
        raise UnknownRevisionError(f"不认识的表格格式版本“{revision_id}”") from None


def current() -> Revision:
    """The newest revision: new reports and next year's report use it."""
    return revisions()[0]


def for_year(year: int | None) -> Revision:
    """The revision in force for a report year (the newest for an unknown year, the oldest before any began)."""
    if year is None:
        return current()
    in_force = [r for r in revisions() if r.first_year <= year]
    return in_force[0] if in_force else revisions()[-1]


def superseded(revision_id: RevisionId, year: int) -> bool:
    """Whether a report of ``year`` should no longer use this revision (a newer one is in force)."""
    return for_year(year).first_year > revision(revision_id).first_year


def display_name(revision_id: RevisionId) -> str:
    """ "2021 版", or the id itself for a revision not known (never fails: it only names)."""
    return _REGISTRY.revisions[revision_id].name if revision_id in _REGISTRY.revisions else revision_id


def migration_path(source: RevisionId, target: RevisionId) -> tuple[Migration, ...] | None:
    """The migrations that take a table from ``source`` to ``target`` (empty when equal, None when there is no way)."""
    if source == target:
        return ()
    paths: dict[RevisionId, tuple[Migration, ...]] = {source: ()}
    frontier = [source]
    while frontier:
        here = frontier.pop(0)
        for step in _REGISTRY.migrations:
            if step.source == here and step.target not in paths:
                paths[step.target] = (*paths[here], step)
                if step.target == target:
                    return paths[target]
                frontier.append(step.target)
    return None


# --------------------------------------------------------------------------- the built-in revisions

REV_2021, REV_2019 = "2021", "2019-trial"


def _group(prefix: str, group: str, items: tuple[tuple[str, str], ...]) -> tuple[ApplicationRow, ...]:
    return tuple(ApplicationRow(row_id(prefix, rid), label, group, f"{group}{label}") for rid, label in items)


RESULTS_GROUP_LABEL = "三、本年度办理结果"
_DENIED = _group(
    "denied",
    "（三）不予公开",
    (
        ("state_secret", "1.属于国家秘密"),
        ("law_forbidden", "2.其他法律行政法规禁止公开"),
        ("three_safety_one_stability", "3.危及“三安全一稳定”"),
        ("third_party", "4.保护第三方合法权益"),
        ("internal_affairs", "5.属于三类内部事务信息"),
        ("process_info", "6.属于四类过程性信息"),
        ("enforcement_file", "7.属于行政执法案卷"),
        ("admin_query", "8.属于行政查询事项"),
    ),
)
_UNABLE = _group(
    "unable",
    "（四）无法提供",
    (
        ("not_held", "1.本机关不掌握相关政府信息"),
        ("need_creation", "2.没有现成信息需要另行制作"),
        ("unclear_after_correction", "3.补正后申请内容仍不明确"),
    ),
)
_NOT_PROCESSED = _group(
    "not_processed",
    "（五）不予处理",
    (
        ("petition_complaint", "1.信访举报投诉类申请"),
        ("repeat", "2.重复申请"),
        ("publication", "3.要求提供公开出版物"),
        ("mass_repeat", "4.无正当理由大量反复申请"),
        ("confirm_reissue", "5.要求行政机关确认或重新出具已获取信息"),
    ),
)
OTHER_ROWS_2021 = _group(
    "other",
    "（六）其他处理",
    (
        ("overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("overdue_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other", "3.其他"),
    ),
)
OTHER_ROWS_2019 = (ApplicationRow("other", "（六）其他处理", "", "（六）其他处理"),)


def application_rows(other_rows: tuple[ApplicationRow, ...]) -> tuple[ApplicationRow, ...]:
    """Table 三's rows with a revision's （六）其他处理 rows (the only rows in which revisions differ so far)."""
    return (
        ApplicationRow("new", "一、本年新收政府信息公开申请数量", short="第一项（本年新收）"),
        ApplicationRow("carry_in", "二、上年结转政府信息公开申请数量", short="第二项（上年结转）"),
        ApplicationRow("granted", "（一）予以公开", RESULTS_GROUP_LABEL, "（一）予以公开"),
        ApplicationRow(
            "partial",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            RESULTS_GROUP_LABEL,
            "（二）部分公开",
        ),
        *_DENIED,
        *_UNABLE,
        *_NOT_PROCESSED,
        *other_rows,
        ApplicationRow("total", "（七）总计", "", "（七）总计"),
        ApplicationRow("carry_out", "四、结转下年度继续办理", short="第四项（结转下年度）"),
    )


_DECISIONS_2019: tuple[tuple[str, str, CellKind], ...] = (
    ("prev_items", "上一年项目数量", "count"),
    ("change", "本年增/减", "signed"),
    ("decisions", "处理决定数量", "count"),
)

DISCLOSURE_2021 = (
    DisclosureBlock(
        "art20_1",
        "第二十条第（一）项",
        (
            ("issued", "本年制发件数", "count"),
            ("repealed", "本年废止件数", "count"),
            ("in_force", "现行有效件数", "count"),
        ),
        (("regulations", "规章"), ("normative_documents", "行政规范性文件")),
    ),
    DisclosureBlock(
        "art20_5", "第二十条第（五）项", (("decisions", "本年处理决定数量", "count"),), (("licensing", "行政许可"),)
    ),
    DisclosureBlock(
        "art20_6",
        "第二十条第（六）项",
        (("decisions", "本年处理决定数量", "count"),),
        (("penalty", "行政处罚"), ("coercion", "行政强制")),
    ),
    DisclosureBlock(
        "art20_8",
        "第二十条第（八）项",
        (("amount_wan", "本年收费金额（单位：万元）", "decimal"),),
        (("fees", "行政事业性收费"),),
    ),
)
DISCLOSURE_2019 = (
    DisclosureBlock(
        "art20_1",
        "第二十条第（一）项",
        (
            ("made", "本年新制作数量", "count"),
            ("published", "本年新公开数量", "count"),
            ("total_published", "对外公开总数量", "count"),
        ),
        (("regulations", "规章"), ("normative_documents", "规范性文件")),
    ),
    DisclosureBlock(
        "art20_5",
        "第二十条第（五）项",
        _DECISIONS_2019,
        (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")),
    ),
    DisclosureBlock(
        "art20_6", "第二十条第（六）项", _DECISIONS_2019, (("penalty", "行政处罚"), ("coercion", "行政强制"))
    ),
    DisclosureBlock(
        "art20_8",
        "第二十条第（八）项",
        (("prev_items", "上一年项目数量", "count"), ("change", "本年增/减", "signed")),
        (("fees", "行政事业性收费"),),
    ),
    DisclosureBlock(
        "art20_9",
        "第二十条第（九）项",
        (("items", "采购项目数量", "count"), ("amount", "采购总金额", "text")),
        (("procurement", "政府集中采购"),),
    ),
)

_APPLICANTS = ("natural", "biz", "research", "nonprofit", "legal", "other", "total")

REVISION_2021 = Revision(
    id=REV_2021,
    name="2021 版",
    first_year=2021,
    document="国办公开办函〔2021〕30号",
    choice_label="2021 版格式（国办公开办函〔2021〕30号）",
    disclosure_blocks=DISCLOSURE_2021,
    application_rows=application_rows(OTHER_ROWS_2021),
    detection=Detection(
        disclosure_words=("制发件数", "废止件数", "现行有效", "本年处理决定", "收费金额"),
        application_rows=("other.overdue_correction", "other.overdue_fee", "other.other"),
    ),
    rules=frozenset({"R5", "R9", "FEE", "R7:disclosure"}),
)
REVISION_2019 = Revision(
    id=REV_2019,
    name="2019 试行版",
    first_year=2019,
    document="国办公开办函〔2019〕60号",
    choice_label="2019 试行格式（2019、2020 年度）",
    disclosure_blocks=DISCLOSURE_2019,
    application_rows=application_rows(OTHER_ROWS_2019),
    detection=Detection(
        disclosure_words=("新制作", "新公开", "对外公开总", "上一年项目", "增/减", "增减", "采购项目", "采购总金额"),
        disclosure_rows=("art20_5.other_services", "art20_9.procurement"),
        disclosure_captions=("九",),
        disclosure_wide_rows=("art20_5.licensing",),
        application_rows=("other",),
    ),
)
MIGRATION_2019_TO_2021 = Migration(
    REV_2019,
    REV_2021,
    cells={
        # 2019 table 二 cells that have a 2021 counterpart; every other one is listed in the notes, not carried
        "disclosure": {
            "art20_1.regulations.made": "art20_1.regulations.issued",
            "art20_1.normative_documents.made": "art20_1.normative_documents.issued",
            "art20_5.licensing.decisions": "art20_5.licensing.decisions",
            "art20_6.penalty.decisions": "art20_6.penalty.decisions",
            "art20_6.coercion.decisions": "art20_6.coercion.decisions",
        },
        # the single （六）其他处理 row goes to （六）3.其他
        "applications": {cell_id("other", col): cell_id(row_id("other", "other"), col) for col in _APPLICANTS},
    },
    closed=("disclosure",),
    notes=(
        MigrationNote(
            "applications",
            "assumed",
            "2019 试行版第三项“（六）其他处理”只有一行，已计入 2021 版“（六）其他处理”的“3.其他”",
            tuple(cell_id(row_id("other", "other"), col) for col in _APPLICANTS),
        ),
        MigrationNote(
            "disclosure",
            "assumed",
            "2019 试行版第二项“本年新制作数量”按 2021 版“本年制发件数”转入",
            ("art20_1.regulations.issued", "art20_1.normative_documents.issued"),
        ),
    ),
)

register(REVISION_2021)
register(REVISION_2019, MIGRATION_2019_TO_2021)
