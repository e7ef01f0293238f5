"""How a big board's handout stays readable: the one-page overview, the choice of which
workloads get full detail, every workload by group in one line each, and the Terraform
appendix as a table of files instead of their text.

The overview comes first (after the contents): workloads per target and group, each group's
average score, and how many cannot run where they are placed. With many groups it shows the
largest `TOP_GROUPS` and sums the rest in one row that says how many groups it holds; every
group is listed in full in the section by group (one bookmark each).

`--detail attention` (the default above `export.FULL_HANDOUT_MAX` workloads) gives full detail
only to the workloads that need it: those that cannot run where placed, then those placed well below
their recommendation (`scoring.quick.misplaced_gap`, the one test of "misplaced"), at most
`ATTENTION_MAX` of them so that a 300-workload handout stays near 50 pages; the others, and any
beyond the cap, are one line each in the section by group.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer
from reportlab.platypus.flowables import PageBreakIfNotEmpty

from whiteboard.catalog import default_catalog
from whiteboard.export import Detail
from whiteboard.export.pdfdoc import TABLE_FONT_SIZE, cell, wrap_text
from whiteboard.model import Board, TargetId, Workload
from whiteboard.model.text import natural_key
from whiteboard.scoring import BoardScore, WorkloadScore
from whiteboard.scoring.engine import _quick_from_full
from whiteboard.scoring.quick import misplaced_gap
from whiteboard.scoring.results import CANNOT_RUN
from whiteboard.slides import textfit
from whiteboard.slides.theme import BAD, GREYED

if TYPE_CHECKING:
    from whiteboard.export.handout import _Builder

#: Most workloads given full detail by `attention` (about a page each).
ATTENTION_MAX = 16
#: Groups named in the overview's table; the rest share one row.
TOP_GROUPS = 15
#: How the overview and the section by group name the workloads that have no group.
NO_GROUP = "Not in a group"
CANNOT_RUN_COLUMN = f"{CANNOT_RUN} where placed"
BAD_COLOUR = colors.HexColor(BAD)
GREYED_COLOUR = colors.HexColor(GREYED)


# -- what needs attention ------------------------------------------------------------------------


@dataclass(frozen=True)
class Attention:
    """The workloads that need attention, most pressing first, and those given full detail."""

    #: Workload id -> why, in a few words ("Cannot run", "Misplaced: +12 if moved").
    why: Mapping[str, str]
    detailed: tuple[str, ...]


def attention(board: Board, scores: BoardScore) -> Attention:
    """Cannot run where placed (board order), then misplaced by the largest gap first."""
    positions = {target: i for i, target in enumerate(scores.targets)}
    cannot: list[str] = []
    misplaced: list[tuple[float, int, str]] = []
    why: dict[str, str] = {}
    for index, (wid, score) in enumerate(scores.workloads.items()):
        placed = score.placed
        if placed is None:
            continue
        if not placed.feasible:
            cannot.append(wid)
            why[wid] = CANNOT_RUN
        elif (gap := misplaced_gap(_quick_from_full(score), positions)) is not None:
            misplaced.append((-gap, index, wid))
            # The recommended target has a column of its own wherever this is shown.
            why[wid] = f"Misplaced: {gap:+.0f} if moved"
    ordered = cannot + [wid for _, _, wid in sorted(misplaced)]
    return Attention({wid: why[wid] for wid in ordered}, tuple(ordered[:ATTENTION_MAX]))


# -- the overview ----------------------------------------------------------------------------------


def group_name(workload: Workload) -> str:
    return workload.group or NO_GROUP


def _groups_by_size(board: Board) -> list[tuple[str, int]]:
    """Groups, largest first (then by name); the workloads without one last."""
    counts = Counter(w.group for w in board.workloads)
    named = sorted(
        ((g, n) for g, n in counts.items() if g is not None), key=lambda x: (-x[1], x[0])
    )
    return named + ([(NO_GROUP, counts[None])] if counts[None] else [])


@dataclass
class _Row:
    label: str
    per_target: Counter[TargetId]
    unplaced: int = 0
    score_sum: float = 0.0
    scored: int = 0
    cannot_run: int = 0

    def add(self, score: WorkloadScore) -> None:
        placed = score.placed
        if placed is None:
            self.unplaced += 1
            return
        self.per_target[placed.target] += 1
        if placed.feasible:
            self.score_sum += placed.overall
            self.scored += 1
        else:
            self.cannot_run += 1

    def merge(self, other: _Row) -> None:
        self.per_target.update(other.per_target)
        self.unplaced += other.unplaced
        self.score_sum += other.score_sum
        self.scored += other.scored
        self.cannot_run += other.cannot_run

    def cells(self, targets: Sequence[TargetId]) -> list[object]:
        total = sum(self.per_target.values()) + self.unplaced
        average = f"{self.score_sum / self.scored:.0f}" if self.scored else "–"
        return [
            self.label,
            *(_count(self.per_target[t]) for t in targets),
            _count(self.unplaced),
            f"{total:,}",
            average,
            _count(self.cannot_run),
        ]


def _count(value: int) -> str:
    return f"{value:,}" if value else "·"


def overview(b: _Builder) -> list[Flowable]:
    """One page: workloads per target (full names), then targets x groups."""
    board, scores = b.board, b.scores
    catalog = default_catalog()
    targets = catalog.edition_targets(board.edition)
    ids = [t.id for t in targets]
    found = attention(board, scores)
    flow: list[Flowable] = [
        PageBreakIfNotEmpty(),
        b.heading("overview", "Overview: what went where"),
        b.text(
            f"{len(board.workloads):,} workloads on {len(ids)} targets. "
            "Average score: the overall score out of 100 of the placements that can run where "
            f"they are. {CANNOT_RUN_COLUMN}: placed on a target that breaks one of its "
            "documented limits. Better elsewhere: it can run where it is, but another target "
            "scores clearly more (misplaced).",
            space_after=6,
        ),
    ]
    by_target: list[list[object]] = [
        [
            "Target",
            "Placed",
            "Average\nscore",
            CANNOT_RUN_COLUMN.replace(" where", "\nwhere"),
            "Better\nelsewhere",
        ]
    ]
    for target in targets:
        placed = [s for s in scores.workloads.values() if s.placed_on == target.id]
        fit = [s.placed.overall for s in placed if s.placed is not None and s.placed.feasible]
        worse = sum(1 for s in placed if found.why.get(s.workload_id, "").startswith("Misplaced"))
        by_target.append(
            [
                target.display_name,
                _count(len(placed)),
                f"{sum(fit) / len(fit):.0f}" if fit else "–",
                _count(len(placed) - len(fit)),
                _count(worse),
            ]
        )
    by_target.append(["Not placed yet", _count(scores.summary.unplaced), "", "", ""])
    table = b.table(by_target, [215, 60, 70, 80, 70])
    header_style = [
        ("TEXTCOLOR", (3, 1), (3, -1), BAD_COLOUR),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
    ]
    table.setStyle([*_numbers_right(1, 4), *header_style])
    flow += [table, Spacer(1, 12), b.para("By group", "h3"), Spacer(1, 3)]
    # The story that follows starts on a page of its own.
    return flow + _group_table(b, ids)


def _group_table(b: _Builder, ids: Sequence[TargetId]) -> list[Flowable]:
    short = default_catalog().short_names(b.board.edition)
    rows_by_group: dict[str, _Row] = {}
    for workload in b.board.workloads:
        label = group_name(workload)
        row = rows_by_group.setdefault(label, _Row(label, Counter()))
        row.add(b.scores.workloads[workload.id])
    groups = _groups_by_size(b.board)
    named = [g for g, _ in groups if g != NO_GROUP]
    shown = named if len(named) <= TOP_GROUPS + 1 else named[:TOP_GROUPS]
    rows = [rows_by_group[g] for g in shown]
    rest = named[len(shown) :]
    if rest:
        others = _Row(f"{len(rest):,} more groups", Counter())
        for g in rest:
            others.merge(rows_by_group[g])
        rows.append(others)
    if NO_GROUP in rows_by_group:
        rows.append(rows_by_group[NO_GROUP])
    total = _Row("All workloads", Counter())
    for row in rows_by_group.values():
        total.merge(row)
    font, size = textfit.font_name(), TABLE_FONT_SIZE
    number_width, head_size = 34.0, 6.5
    label_width = b.width - number_width * (len(ids) + 4)

    def head(text: str) -> str:
        return "\n".join(wrap_text(text, font, head_size, number_width - 4))

    header = [
        "Group",
        *(head(short[t]) for t in ids),
        head("Not placed"),
        "Total",
        head("Average score"),
        head(CANNOT_RUN_COLUMN),
    ]
    body = [row.cells(ids) for row in rows]
    for cells in body:
        cells[0] = textfit.ellipsize(str(cells[0]), size, label_width - 12)
    table = b.table(
        [header, *body, total.cells(ids)], [label_width] + [number_width] * (len(ids) + 4)
    )
    style = _numbers_right(1, len(ids) + 4, padding=3)
    style += [
        ("FONTNAME", (0, -1), (-1, -1), textfit.font_name(bold=True)),
        ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.HexColor("#9aa7b4")),
        ("TEXTCOLOR", (-1, 1), (-1, -1), BAD_COLOUR),
        ("FONTSIZE", (0, 0), (-1, 0), head_size),
        ("LEADING", (0, 0), (-1, 0), head_size * 1.2),
        ("LEFTPADDING", (1, 0), (-1, 0), 2),
        ("RIGHTPADDING", (1, 0), (-1, 0), 2),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
    ]
    flow: list[Flowable] = [table]
    if rest:
        style.append(("TEXTCOLOR", (0, len(shown) + 1), (0, len(shown) + 1), GREYED_COLOUR))
        note = (
            f"The {len(shown)} largest groups by their number of workloads; the other "
            f"{len(rest):,} are summed in one row, and every group is listed in full under "
            "Every workload by group (one PDF bookmark each)."
        )
        flow += [Spacer(1, 4), b.text(note, "small")]
    table.setStyle(style)
    return flow


def _numbers_right(first: int, last: int, padding: float = 6) -> list[tuple[object, ...]]:
    return [
        ("ALIGN", (first, 0), (last, -1), "RIGHT"),
        ("LEFTPADDING", (first, 0), (last, -1), padding),
        ("RIGHTPADDING", (first, 0), (last, -1), padding),
    ]


# -- every workload by group -----------------------------------------------------------------------

#: Workload, placed on, score, recommended; the note takes the rest of the width.
COLUMNS = (170.0, 72.0, 36.0, 75.0)


def by_group(b: _Builder, found: Attention, detail: Detail) -> list[Flowable]:
    """Every workload in one line, under a heading (and bookmark) per group, groups by name."""
    short = default_catalog().short_names(b.board.edition)
    members: dict[str, list[Workload]] = {}
    for workload in b.board.workloads:
        members.setdefault(group_name(workload), []).append(workload)
    order = sorted((g for g in members if g != NO_GROUP), key=natural_key)
    order += [NO_GROUP] if NO_GROUP in members else []
    detailed = set(found.detailed) if detail == "attention" else set()
    intro = "One line per workload: where it is placed, its overall score there, the target "
    intro += "recommended for it and, when it needs attention, why."
    if detail == "attention":
        intro += (
            f" {len(found.why):,} workloads need attention; the {len(detailed):,} most pressing "
            "have a section of their own under Workloads that need attention (marked "
            "'in full'). whiteboard export --detail all gives every workload in full."
        )
    elif detail == "none":
        intro += " This handout has no per-workload detail (whiteboard export --detail all)."
    flow: list[Flowable] = [
        PageBreakIfNotEmpty(),
        b.heading("groups", "Every workload by group"),
        b.text(intro, space_after=6),
    ]
    size, note_width = TABLE_FONT_SIZE, b.width - sum(COLUMNS)
    for index, group in enumerate(order, start=1):
        rows: list[list[object]] = [["Workload", "Placed on", "Score", "Recommended", "Note"]]
        for workload in members[group]:
            score = b.scores.workloads[workload.id]
            placed = score.placed
            note = found.why.get(workload.id, "")
            if workload.id in detailed:
                note = f"{note} (in full)"
            rows.append(
                [
                    cell(textfit.ellipsize(workload.name, size, COLUMNS[0] - 12), size),
                    short[placed.target] if placed else "not placed",
                    "–" if placed is None or not placed.feasible else f"{placed.overall:.0f}",
                    short[score.recommended] if score.recommended else "none fits",
                    textfit.ellipsize(note, size, note_width - 12),
                ]
            )
        table = b.table(rows, [*COLUMNS, note_width])
        table.setStyle(
            [("ALIGN", (2, 0), (2, -1), "RIGHT")]
            + [
                ("TEXTCOLOR", (4, r), (4, r), BAD_COLOUR)
                for r, row in enumerate(rows[1:], start=1)
                if str(row[4]).startswith(CANNOT_RUN)
            ]
        )
        count = len(members[group])
        title = f"{group} ({count} workload{'s' * (count != 1)})"
        heading = b.heading(f"group-{index}", title, 1)
        flow += [CondPageBreak(70), KeepTogether([heading, Spacer(1, 2)]), table, Spacer(1, 8)]
    return flow


# -- the Terraform appendix as a table ------------------------------------------------------------

_RESOURCE = re.compile(r'^resource\s+"', re.MULTILINE)
_MODULE = re.compile(r'^module\s+"', re.MULTILINE)


def appendix_summary(b: _Builder, files: Mapping[str, str]) -> list[Flowable]:
    """Which stub files would be generated, per target, with their resources and size."""
    catalog = default_catalog()
    by_file = {
        t.terraform.template.removesuffix(".j2"): t
        for t in catalog.edition_targets(b.board.edition)
    }
    placed = Counter(b.board.placements.values())
    modules = any(_MODULE.search(text) for text in files.values())
    header = ["File", "What it holds", "Resources", *(["Modules"] * modules), "Lines"]
    what_width = b.width - 125 - 60 * (len(header) - 2)
    rows: list[list[object]] = [header]
    for name, text in files.items():
        target = by_file.get(name)
        if target is not None:
            count = placed[target.id]
            what = f"{target.display_name}: {count:,} workload{'s' * (count != 1)}"
        elif name.endswith(".tf"):
            what = "Shared by every target"
        else:
            what = "Notes on applying the stubs"
        counts = [_count(len(_RESOURCE.findall(text)))]
        counts += [_count(len(_MODULE.findall(text)))] * modules
        rows.append(
            [
                name,
                textfit.ellipsize(what, TABLE_FONT_SIZE, what_width - 12),
                *counts,
                f"{text.count(chr(10)):,}",
            ]
        )
    table = b.table(rows, [125, what_width, *([60.0] * (len(header) - 2))])
    table.setStyle(_numbers_right(2, len(header) - 1))
    return [
        PageBreakIfNotEmpty(),
        b.heading("appendix", "Appendix: Terraform stubs"),
        b.text(
            "The files whiteboard export --terraform DIR writes for this board, one per target "
            "used and a few shared ones. They are starting points: read them, then add each "
            "application's own permissions, images and packages. Their full text is left out "
            "of this handout to keep it short (whiteboard export --appendix full prints it).",
            space_after=6,
        ),
        table,
    ]


def target_order(scores: BoardScore, ids: Iterable[str]) -> dict[TargetId, list[str]]:
    """Workload ids by the target they are placed on, targets in slide order."""
    grouped: dict[TargetId, list[str]] = {t: [] for t in scores.targets}
    for wid in ids:
        placed = scores.workloads[wid].placed_on
        if placed is not None:
            grouped[placed].append(wid)
    return grouped
