"""BoardScore as text for people: the `whiteboard score` table.

First the board at a glance (overall score of every workload on every target, placement and
recommendation marked), then the risks, then one short block per workload with its pillar
scores and the reasons that moved them most. In a block, a target that cannot run the workload
comes after the runnable ones, its row starts "Cannot run: <broken limit>" and its pillar scores
follow on the next line in parentheses: they never read like a fit.

Text a user typed (board and workload names, and the risks that quote them) goes through
`visible`: a name cannot break the table's lines or send escapes to the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from whiteboard.cost.estimate import usd
from whiteboard.model import PILLAR_IDS, Board, PillarId, TargetId
from whiteboard.model.text import visible
from whiteboard.scoring.engine import Scorer
from whiteboard.scoring.feasibility import number
from whiteboard.scoring.quick import QuickScore, misplaced_gap
from whiteboard.scoring.recommend import PILLAR_NAMES
from whiteboard.scoring.results import BoardSummary, TargetScore, WorkloadScore, runnable_first

PILLAR_COLUMNS: dict[PillarId, str] = {
    "operational_excellence": "OPS",
    "security": "SEC",
    "reliability": "REL",
    "performance_efficiency": "PERF",
    "cost_optimization": "COST",
    "sustainability": "SUST",
}
#: Reasons shown per target in a workload's block: the biggest, across pillars.
REASONS_SHOWN = 4


#: Boards up to this size get a block for every workload unless asked otherwise.
DETAILS_UP_TO = 60
#: On bigger boards, blocks for at most this many of the workloads in trouble.
TROUBLE_SHOWN = 50


def render_report(scorer: Scorer, details: bool | None = None) -> str:
    """The whole report as one string (ends with a newline).

    `details`: True gives every workload its block, False none; None (default) gives every
    workload one on small boards, and on big ones only the workloads a reviewer should look
    at (placed where they cannot run, or well below their recommendation). Only those get a
    full score with reasons; the rest of the report reads the quick scores."""
    board = scorer.board
    names = scorer.short_names
    overview = scorer.overview()
    summary = scorer.summary()
    if details is None:
        details = len(overview) <= DETAILS_UP_TO
    trouble = _in_trouble(overview, tuple(names))
    shown = list(overview) if details else trouble[:TROUBLE_SHOWN]
    blocks = (_workload_block(board, scorer.workload(wid), scorer.weights, names) for wid in shown)
    parts = [
        _heading(board, summary, scorer.weights, names),
        _overview(overview, names),
        _risks(summary),
        _averages(summary, len(overview)),
        _costs(summary, names),
        "\n".join(blocks).rstrip("\n"),
    ]
    if len(shown) < len(overview):
        parts.append(
            f"Details shown for {len(shown):,} of {len(overview):,} workloads "
            f"(the first of the {len(trouble):,} placed where they cannot run or well below "
            "their recommendation); add --details for all of them, or use --format json."
        )
    return "\n\n".join(part for part in parts if part) + "\n"


def _in_trouble(overview: Mapping[str, QuickScore], order: tuple[TargetId, ...]) -> list[str]:
    positions = {target: i for i, target in enumerate(order)}
    trouble = []
    for wid, quick in overview.items():
        if quick.placed_on is None:
            continue
        cannot_run = quick.first_violation[positions[quick.placed_on]] is not None
        if cannot_run or misplaced_gap(quick, positions) is not None:
            trouble.append(wid)
    return trouble


def _heading(
    board: Board,
    summary: BoardSummary,
    weights: Mapping[PillarId, float],
    names: Mapping[TargetId, str],
) -> str:
    placed = len(board.workloads) - summary.unplaced
    spread = ", ".join(f"{names[t]} {n:,}" for t, n in summary.placements_per_target.items() if n)
    weighting = ", ".join(f"{PILLAR_NAMES[p]} {number(weights[p])}" for p in PILLAR_IDS)
    return "\n".join(
        (
            f"Board: {visible(board.name)}",
            f"{len(board.workloads):,} workloads: {placed:,} placed"
            + (f" ({spread})" if spread else "")
            + f", {summary.unplaced:,} unplaced",
            f"Weights: {weighting}",
        )
    )


def _overview(overview: Mapping[str, QuickScore], names: Mapping[TargetId, str]) -> str:
    if not overview:
        return "The board has no workloads yet."
    id_width = max(8, *(len(wid) for wid in overview))
    widths = [max(9, len(name) + 2) for name in names.values()]
    header = "WORKLOAD".ljust(id_width) + "".join(
        name.upper().rjust(w) for name, w in zip(names.values(), widths, strict=True)
    )
    rows = [
        "Overall score (0-100) on each target: [..] placed, * recommended, x cannot run",
        header,
    ]
    columns = list(enumerate(zip(names, widths, strict=True)))
    for wid, quick in overview.items():
        cells = (_cell(quick, i, target).rjust(width) for i, (target, width) in columns)
        rows.append((wid.ljust(id_width) + "".join(cells)).rstrip())
    return "\n".join(rows)


def _cell(quick: QuickScore, at: int, target: TargetId) -> str:
    text = "x" if quick.first_violation[at] is not None else f"{quick.overall[at]:.0f}"
    if quick.placed_on == target:
        text = f"[{text}]"
    return text + ("*" if quick.recommended == target else " ")


def _risks(summary: BoardSummary) -> str:
    lines: list[str] = []
    if summary.top_risks:
        lines.append("Top risks")
        lines += [f"  {i}. {visible(risk)}" for i, risk in enumerate(summary.top_risks, 1)]
    links = [link for link in summary.weakest_links if link not in summary.top_risks]
    if links:
        lines.append("Other weak links")
        lines += [f"  - {visible(link)}" for link in links]
    if summary.cycles and not summary.top_risks:
        lines.append("Dependency cycles")
        lines += [f"  - {' -> '.join((*c, c[0]))}" for c in summary.cycles]
    return "\n".join(lines)


def _averages(summary: BoardSummary, count: int) -> str:
    if summary.unplaced == count:
        return "No placements yet: drop workloads on targets, or run `whiteboard recommend`."
    averages = summary.pillar_averages
    return "Average pillar scores of the placements: " + ", ".join(
        f"{PILLAR_NAMES[p]} {averages[p]:.0f}" for p in PILLAR_IDS
    )


def _costs(summary: BoardSummary, names: Mapping[TargetId, str]) -> str:
    """Monthly on-demand USD per target: the placed workloads where they are and where they
    are recommended, then the workloads not placed yet, on their recommendations."""
    costs = summary.costs
    if costs is None or not (
        costs.current_total or costs.recommended_total or costs.unplaced_total
    ):
        return ""
    width = max(12, *(len(name) + 2 for name in names.values()), len(CONTROL_PLANE) + 2)
    lines = [
        "Monthly cost on demand (USD) of the placed workloads: where they are, and where "
        "recommended",
        "".ljust(width) + "PLACED".rjust(14) + "RECOMMENDED".rjust(14),
    ]

    def row(name: str, now: float, then: float) -> str:
        return name.ljust(width) + f"{now:,.2f}".rjust(14) + f"{then:,.2f}".rjust(14)

    lines += [
        row(name, costs.current[t], costs.recommended[t])
        for t, name in names.items()
        if costs.current[t] or costs.recommended[t]
    ]
    fee = costs.cluster_fee
    if costs.current_fee or costs.recommended_fee:
        lines.append(row(CONTROL_PLANE, costs.current_fee, costs.recommended_fee))
    lines.append(row("Total", costs.current_total, costs.recommended_total))
    if fee:
        lines.append(
            f"  {CONTROL_PLANE}: one cluster shared by the container targets, {usd(fee)} a "
            "month, if they run EKS (ECS charges none)."
        )
    if costs.unpriced:
        lines.append(f"  {placements(costs.unpriced)} where the workload cannot run: not priced.")
    if costs.unplaced_total:
        lines.append(
            f"  Not placed yet, on their recommendations: {usd(costs.unplaced_total)} a month."
        )
    if not costs.confirmed:
        lines.append("  Some figures rest on prices no AWS source confirmed (marked per target).")
    return "\n".join(lines)


#: The row of the shared EKS control plane in the cost tables.
CONTROL_PLANE = "EKS control plane"


def placements(count: int) -> str:
    """'1 placement', '1,024 placements'."""
    return "1 placement" if count == 1 else f"{count:,} placements"


def _workload_block(
    board: Board,
    ws: WorkloadScore,
    weights: Mapping[PillarId, float],
    names: Mapping[TargetId, str],
) -> str:
    workload = board.workload(ws.workload_id)
    placed = names[ws.placed_on] if ws.placed_on else "not placed"
    recommended = names[ws.recommended] if ws.recommended else "nothing fits"
    lines = [
        f"{ws.workload_id} - {visible(workload.name)}",
        f"  placed: {placed}; recommended: {recommended}",
        f"  why: {ws.why}",
    ]
    shown = _targets_to_show(ws)
    if shown:
        lines += _pillar_table(ws, shown, names)
    for target in shown:
        ts = ws.targets[target]
        if ts.feasible:
            lines.append(f"  reasons on {names[target]}:")
            lines += [f"    {reason}" for reason in _top_reasons(ts, weights)]
            lines += _cost_lines(ts, names[target])
    placed_ts = ws.placed
    if placed_ts is not None and not placed_ts.feasible:
        lines.append(f"  cannot run on {names[placed_ts.target]}:")
        lines += [f"    - {v}" for v in placed_ts.violations]
    return "\n".join(lines) + "\n"


def _cost_lines(ts: TargetScore, name: str) -> list[str]:
    cost = ts.estimate
    if cost is None:
        return []
    lines = [f"  cost on {name}: {usd(cost.usd_month)} a month on demand"]
    lines += [f"    {item}" for item in cost.items]
    lines += [f"    or {alternative}" for alternative in cost.alternatives]
    return lines


def _targets_to_show(ws: WorkloadScore) -> list[TargetId]:
    """The placement and the recommendation; a placement that cannot run comes second."""
    shown: list[TargetId] = []
    for target in (ws.placed_on, ws.recommended):
        if target is not None and target not in shown:
            shown.append(target)
    return [ts.target for ts in runnable_first(ws.targets[t] for t in shown)]


def _pillar_table(
    ws: WorkloadScore, shown: Iterable[TargetId], names: Mapping[TargetId, str]
) -> list[str]:
    name_width = max(12, *(len(name) + 2 for name in names.values()))
    header = "  " + "".ljust(name_width) + "".join(PILLAR_COLUMNS[p].rjust(6) for p in PILLAR_IDS)
    rows = [header + "OVERALL".rjust(11) + "USD/MONTH".rjust(12)]
    for target in shown:
        ts = ws.targets[target]
        name = "  " + names[target].ljust(name_width)
        if ts.feasible:
            cells = "".join(f"{ts.pillars[p]:.0f}".rjust(6) for p in PILLAR_IDS)
            rows.append(name + cells + f"{ts.overall:.1f}".rjust(11) + _usd_cell(ts))
            continue
        # Cannot run: that first, then the scores (and cost) it would have, in parentheses, on
        # their own line.
        cells = "".join(f"({ts.pillars[p]:.0f})".rjust(6) for p in PILLAR_IDS)
        rows.append(name + ts.cannot_run()[0])
        rows.append("  " + "".ljust(name_width) + cells + "cannot run".rjust(11) + _usd_cell(ts))
    return rows


def _usd_cell(ts: TargetScore) -> str:
    """The monthly estimate; a dash where there is none (the target cannot run it)."""
    if ts.estimate is None:
        return NOT_PRICED.rjust(12)
    return f"{ts.estimate.usd_month:,.2f}".rjust(12)


#: The cost cell of a target that cannot run the workload: nothing there to price.
NOT_PRICED = "–"


def _top_reasons(ts: TargetScore, weights: Mapping[PillarId, float]) -> list[str]:
    """The factors that move the weighted overall most, with the pillar they belong to."""
    ranked = sorted(
        (
            (abs(factor.points) * weights[pillar], pillar, factor)
            for pillar in PILLAR_IDS
            for factor in ts.reasons[pillar]
        ),
        key=lambda item: -item[0],
    )
    return [
        f"{factor.points:+4.0f} {PILLAR_COLUMNS[pillar]:<4} {factor.label}"
        for weight, pillar, factor in ranked[:REASONS_SHOWN]
        if weight > 0
    ]
