"""The handout's section per workload: placement, pillar radar and table, reasons, violations,
the recommended alternative, and the monthly estimate on the placement and on the
recommendation (`handout_costs`).

A placement that cannot run says "Cannot run: <broken limit>" before anything else about it; its
pillar scores are greyed in the radar and the table (after the recommendation's), and its
broken limits come before its greyed reasons.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from reportlab.graphics.charts.spider import SpiderChart
from reportlab.graphics.shapes import Drawing, Group, Polygon, String
from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table
from reportlab.platypus.flowables import PageBreakIfNotEmpty

from whiteboard.catalog import default_catalog
from whiteboard.export import handout_costs
from whiteboard.export.handout_overview import Attention, target_order
from whiteboard.export.pdfdoc import TABLE_FONT_SIZE, wrap_text
from whiteboard.model import PILLAR_IDS, PillarId, Workload
from whiteboard.model.vocab import PILLAR_SHORT_NAMES
from whiteboard.scoring import PILLAR_NAMES, TargetScore, WorkloadScore
from whiteboard.scoring.results import runnable_first
from whiteboard.slides import textfit
from whiteboard.slides.theme import GREYED

if TYPE_CHECKING:
    from whiteboard.export.handout import _Builder

PLACED_COLOUR = colors.HexColor("#1f6fb2")
RECOMMENDED_COLOUR = colors.HexColor("#2e8b57")
#: A placement that cannot run: its radar and its column of the table.
GREYED_COLOUR = colors.HexColor(GREYED)
_SHORT_PILLARS = PILLAR_SHORT_NAMES


CHART_SIZE = 165.0
#: The pillar table beside the radar (it has 320 points on A4): the pillar names, then a column
#: per target shown, whose text is narrower by the cell's padding either side.
PILLAR_COLUMN = 115.0
TARGET_COLUMN = 100.0
CELL_PADDING = 12.0


def _rings(cx: float, cy: float, radius: float) -> Group:
    """Grid hexagons at 25, 50, 75 and 100 points, spokes in the chart's order (clockwise
    from the top), so a reader can tell a 45 from a 70."""
    group = Group()
    count = len(PILLAR_IDS)
    for level in (0.25, 0.5, 0.75, 1.0):
        points: list[float] = []
        for index in range(count):
            angle = math.pi / 2 - 2 * math.pi * index / count
            points += [cx + radius * level * math.cos(angle), cy + radius * level * math.sin(angle)]
        group.add(
            Polygon(points, strokeColor=colors.HexColor("#dde3ea"), strokeWidth=0.6, fillColor=None)
        )
    return group


def _spoke_labels(cx: float, cy: float, radius: float) -> Group:
    group = Group()
    count = len(PILLAR_IDS)
    for index, pillar in enumerate(PILLAR_IDS):
        angle = math.pi / 2 - 2 * math.pi * index / count
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        dx = math.cos(angle)
        anchor = "middle" if abs(dx) < 0.3 else ("start" if dx > 0 else "end")
        y += 2 if math.sin(angle) > 0.5 else (-7 if math.sin(angle) < -0.5 else -2.5)
        group.add(
            String(
                x,
                y,
                _SHORT_PILLARS[pillar],
                fontName=textfit.font_name(),
                fontSize=7,
                textAnchor=anchor,
            )
        )
    return group


class PillarRadar(SpiderChart):
    """A spider chart on the fixed 0..100 scale of pillar scores, so radars compare by eye
    (reportlab's own scales each chart to its largest value)."""

    def normalizeData(self, outer: float = 0.0) -> list[list[float]]:
        self._norm = 100.0
        return [[value / 100.0 for value in row] for row in self.data]


class SideBySide(Flowable):
    """The radar drawing with the pillar table to its right (cheaper than a nesting table)."""

    def __init__(self, drawing: Drawing, table: Table, gap: float = 10.0) -> None:
        super().__init__()
        self.drawing, self.table, self.gap = drawing, table, gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, table_height = self.table.wrap(avail_width - self.drawing.width - self.gap, avail_height)
        self.width = avail_width
        self.height = max(self.drawing.height, table_height)
        return self.width, self.height

    def draw(self) -> None:
        from reportlab.graphics import renderPDF

        renderPDF.draw(self.drawing, self.canv, 0, self.height - self.drawing.height)
        self.table.drawOn(
            self.canv, self.drawing.width + self.gap, self.height - self.table._height
        )


def _target_name(target: str) -> str:
    return default_catalog().target(target).display_name


def _colour(s: TargetScore, placed: TargetScore | None) -> colors.Color:
    if not s.feasible:
        return GREYED_COLOUR
    return PLACED_COLOUR if s is placed else RECOMMENDED_COLOUR


def radar(placed: TargetScore | None, recommended: TargetScore | None, size: float) -> Drawing:
    """Pillar scores as a spider chart: the placement in blue, the recommendation in green; a
    placement that cannot run in grey, drawn first (underneath) and named last in the legend."""
    drawing = Drawing(size, size)
    chart = PillarRadar()
    chart.x, chart.y = size * 0.18, size * 0.26
    chart.width = chart.height = size * 0.64
    series = sorted((s for s in (placed, recommended) if s is not None), key=lambda s: s.feasible)
    chart.data = [[s.pillars[p] for p in PILLAR_IDS] for s in series]
    # Spoke labels are the same on every radar: plain strings here cost a tenth of the
    # chart's own label widgets, which matters on a 300-workload handout.
    chart.labels = None
    chart.spokes.strokeColor = colors.HexColor("#c9d3dd")
    chart.strands.strokeWidth = 1.4
    chart.strands.fillColor = None
    for index, s in enumerate(series):
        colour = _colour(s, placed)
        chart.strands[index].strokeColor = colour
        chart.strands[index].fillColor = colors.Color(colour.red, colour.green, colour.blue, 0.12)
    chart.strandLabels.fontSize = 0
    centre_x, centre_y, radius = (
        chart.x + chart.width / 2,
        chart.y + chart.height / 2,
        chart.width / 2,
    )
    drawing.add(_rings(centre_x, centre_y, radius))
    drawing.add(chart)
    drawing.add(_spoke_labels(centre_x, centre_y, radius * 1.1))
    legend_y = 4
    # Bottom up: the legend reads placed, then recommended, a placement that cannot run last.
    legend = [s for s in (placed, recommended) if s is not None]
    for s in reversed(runnable_first(legend)):
        colour = _colour(s, placed)
        text = f"■ {'placed' if s is placed else 'recommended'}: {_target_name(s.target)}"
        text += "" if s.feasible else " (cannot run)"
        drawing.add(
            String(4, legend_y, text, fontName=textfit.font_name(), fontSize=7, fillColor=colour)
        )
        legend_y += 9
    return drawing


def _facts(workload: Workload) -> str:
    each = "each request up to" if workload.interface == "request_response" else "runs up to"
    runtime = (
        "runs continuously"
        if workload.max_runtime_s is None
        else f"{each} {workload.max_runtime_s:,} s"
    )
    needs = [
        label
        for flag, label in (
            (workload.interface == "request_response", "answers requests"),
            (workload.interface == "long_lived_connections", "holds connections open"),
            (workload.gpu, "GPU"),
            (workload.hardware_counters, "hardware counters"),
            (workload.hardware_virtualisation, "own hypervisor"),
            (workload.privileged, "privileged"),
            (workload.licence == "byol_per_core", "licence counted per core"),
            (workload.licence == "no_hypervisor", "licence forbids hypervisors"),
            (workload.stateful, "stateful"),
        )
        if flag
    ]
    parts = [
        workload.kind,
        workload.architecture,
        f"{workload.traffic.replace('_', '-')} traffic",
        f"{workload.vcpu:g} vCPU, {workload.memory_gib:g} GiB, "
        f"{workload.ephemeral_storage_gib:g} GiB scratch",
        workload.os.capitalize(),
        runtime,
        *needs,
    ]
    if workload.compliance:
        parts.append("compliance: " + ", ".join(workload.compliance))
    return " · ".join(parts)


def _pillar_table(b: _Builder, placed: TargetScore | None, best: TargetScore | None) -> Table:
    """One column per target shown; a placement that cannot run comes last, greyed, its scores
    in parentheses and no overall."""
    header: list[object] = ["Pillar"]
    columns = runnable_first(s for s in (placed, best) if s is not None)
    # Names wrapped to their column: the first column's must not run into the second's.
    font, size = textfit.font_name(), TABLE_FONT_SIZE
    header += [
        "\n".join(wrap_text(_target_name(s.target), font, size, TARGET_COLUMN - CELL_PADDING))
        + f"\n({'placed' if s is placed else 'recommended'}"
        + ("" if s.feasible else ": cannot run")
        + ")"
        for s in columns
    ]
    rows: list[list[object]] = [header]
    for pillar in PILLAR_IDS:
        rows.append(
            [PILLAR_NAMES[pillar].capitalize(), *(_pillar_cell(s, pillar) for s in columns)]
        )
    rows.append(
        ["Overall (weighted)", *(f"{s.overall:.0f}" if s.feasible else "–" for s in columns)]
    )
    widths = [PILLAR_COLUMN] + [TARGET_COLUMN] * len(columns)
    table = b.table(rows, widths)
    table.setStyle(
        [
            ("TEXTCOLOR", (column, 0), (column, -1), GREYED_COLOUR)
            for column, s in enumerate(columns, start=1)
            if not s.feasible
        ]
    )
    return table


def _pillar_cell(s: TargetScore, pillar: PillarId) -> str:
    value = f"{s.pillars[pillar]:.0f}"
    return value if s.feasible else f"({value})"


def _reasons(b: _Builder, score: TargetScore) -> list[Flowable]:
    """The factors behind each pillar; greyed on a target that cannot run the workload."""
    style = "body" if score.feasible else "greyed"
    flow: list[Flowable] = []
    for pillar in PILLAR_IDS:
        for factor in score.reasons.get(pillar, ()):
            text = f"{PILLAR_NAMES[pillar].capitalize()} {factor.points:+.0f}: {factor.label}"
            flow.append(b.bullet(text, style))
    return flow


def workload_section(
    b: _Builder, workload: Workload, score: WorkloadScore, level: int = 1
) -> list[Flowable]:
    placed = score.placed
    best_id = score.recommended
    best = score.targets[best_id] if best_id is not None and best_id != score.placed_on else None
    cannot_run: list[Flowable] = []
    if placed is None:
        where = "Not placed yet."
    elif placed.feasible:
        where = (
            f"Placed on {_target_name(placed.target)}: overall {placed.overall:.0f} / 100, "
            "within the target's documented limits."
        )
    else:
        count = len(placed.violations)
        cannot_run = [b.text(placed.cannot_run()[0], "cannot_run")]
        where = (
            f"Placed on {_target_name(placed.target)}, but it breaks {count} of the target's "
            f"limit{'s' * (count != 1)} (below): its pillar scores there are greyed, they would "
            "count only if it could run."
        )
    if best_id is None:
        advice = f"No target fits. {score.why}"
    elif best_id == score.placed_on:
        advice = f"This is the recommended target. {score.why}"
    else:
        advice = f"Recommended instead: {_target_name(best_id)}. {score.why}"
    top = [
        b.heading(f"workload-{workload.id}", workload.name, level),
        b.text(_facts(workload), "small"),
        Spacer(1, 4),
        *cannot_run,
        b.text(where),
        b.text(advice),
        Spacer(1, 4),
    ]
    if placed is None and best is None:
        # Unplaced and nothing fits: no scores worth a chart; the advice names the closest.
        flow: list[Flowable] = [CondPageBreak(160), KeepTogether(top)]
    else:
        side = SideBySide(radar(placed, best, CHART_SIZE), _pillar_table(b, placed, best))
        flow = [CondPageBreak(320), KeepTogether([*top, side])]
    # The limits a placement breaks come before the (greyed) reasons of its scores.
    if placed is not None and placed.violations:
        flow += [Spacer(1, 6), b.text(f"Limits {_target_name(placed.target)} breaks", "h3")]
        flow += [b.bullet(v) for v in placed.violations]
    shown = placed or best
    if shown is not None:
        title = f"Why these scores on {_target_name(shown.target)}"
        if not shown.feasible:
            title += " (greyed: it cannot run there)"
        flow += [Spacer(1, 6), b.text(title, "h3" if shown.feasible else "greyed_h3")]
        flow += _reasons(b, shown) or [b.text("No factor moved a pillar from its base.")]
    flow += handout_costs.workload_costs(b, score)
    flow.append(Spacer(1, 10))
    return flow


def workload_sections(b: _Builder) -> list[Flowable]:
    flow: list[Flowable] = [b.heading("workloads", "Workloads")]
    if not b.board.workloads:
        flow.append(b.text("The board has no workloads yet."))
    for workload in b.board.workloads:
        flow += workload_section(b, workload, b.scores.workloads[workload.id])
    return flow


def attention_sections(b: _Builder, found: Attention) -> list[Flowable]:
    """Full detail for the most pressing workloads, under a heading (and bookmark) per target:
    every target has one, saying how many placed there need attention."""
    flow: list[Flowable] = [
        PageBreakIfNotEmpty(),
        b.heading("workloads", "Workloads that need attention"),
        b.text(_attention_intro(found), space_after=4),
    ]
    placed_on = target_order(b.scores, (w.id for w in b.board.workloads))
    for target, ids in placed_on.items():
        if not ids:
            continue  # nothing placed there: no heading saying so
        needing = [wid for wid in ids if wid in found.why]
        shown = [wid for wid in found.detailed if wid in set(needing)]
        if needing:
            line = f"{len(needing):,} of the {len(ids):,} workloads placed here need attention"
            line += f"; {len(shown)} in full below." if shown else "; see Every workload by group."
        else:
            line = f"None of the {len(ids):,} workloads placed here needs attention."
        flow += [
            CondPageBreak(120 if shown else 60),
            b.heading(f"target-{target}", f"On {_target_name(target)}", 1),
            b.text(line, "small", space_after=4),
        ]
        for wid in shown:
            workload = b.board.workload(wid)
            flow += workload_section(b, workload, b.scores.workloads[wid], level=2)
    return flow


def _attention_intro(found: Attention) -> str:
    total, shown = len(found.why), len(found.detailed)
    text = (
        "A workload needs attention when it cannot run where it is placed, or when another "
        "target scores clearly better (misplaced). "
    )
    if total > shown:
        text += (
            f"Of the {total:,} that do, the {shown:,} most pressing are in full here (those that "
            "cannot run first, then the largest gaps); the others are one line each, with why, "
            "under Every workload by group."
        )
    elif total:
        text += f"All {total:,} are in full here; the other workloads are under Every workload "
        text += "by group."
    else:
        text += (
            "None does: every workload can run where it is placed and none scores clearly "
            "better elsewhere. Each is one line under Every workload by group."
        )
    return text
