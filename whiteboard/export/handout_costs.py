"""The dollars in the handout: the board's monthly cost per target (placed now against as
recommended) on the summary page, and each workload's estimate on its placement and on its
recommendation, with the line items, the alternatives and the assumptions.

Every figure is USD a month on demand in the price table's region (`basis`), said in each
table's header. A figure that rests on a price no AWS source confirmed is marked
`UNCONFIRMED_MARK`, and a note under the table says what the mark means. A placement that
cannot run is not priced: one greyed line says so, as its scores are greyed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Spacer

from whiteboard.catalog import default_catalog
from whiteboard.cost.estimate import Estimate, usd
from whiteboard.cost.prices import default_prices
from whiteboard.export.pdfdoc import TABLE_FONT_SIZE, wrap_text
from whiteboard.model import TargetId
from whiteboard.scoring import TargetScore, WorkloadScore
from whiteboard.scoring.report import CONTROL_PLANE, placements
from whiteboard.slides import textfit
from whiteboard.slides.theme import GREYED

if TYPE_CHECKING:
    from whiteboard.export.handout import _Builder

UNCONFIRMED_MARK = "*"
UNCONFIRMED_NOTE = (
    f"{UNCONFIRMED_MARK} rests on a price no AWS source confirmed when the price table was "
    "made: check it on AWS's pricing pages before quoting it."
)
#: The estimate tables: what is billed, then USD a month (reportlab pads 6 points either side).
AMOUNT_COLUMN = 95.0
CELL_PADDING = 12.0
#: The board's cost table: target, placed now, as recommended.
TARGET_COLUMN = 200.0
FIGURE_COLUMN = 120.0
GREYED_COLOUR = colors.HexColor(GREYED)


def basis() -> str:
    return default_prices().basis


def _figure(value: float, confirmed: bool = True) -> str:
    """'3,644.16', or '12.98 *' when unconfirmed (the column header names the currency)."""
    text = usd(value).replace("USD ", "")
    return text if confirmed else f"{text} {UNCONFIRMED_MARK}"


def _unconfirmed(workloads: Iterable[WorkloadScore], pick: str) -> set[TargetId]:
    """The targets whose total in the board's table rests on an unconfirmed price: those
    holding a workload (placed, or recommended) whose estimate there is not confirmed."""
    found: set[TargetId] = set()
    for score in workloads:
        target = score.placed_on if pick == "placed" else score.recommended
        if target is None:
            continue
        cost = score.targets[target].estimate
        if cost is not None and not cost.confirmed:
            found.add(target)
    return found


def board_costs(b: _Builder) -> list[Flowable]:
    """The summary page's table of monthly cost per target, with the total and its notes."""
    costs = b.scores.summary.costs
    if costs is None or not (costs.current_total + costs.recommended_total + costs.unplaced_total):
        return []
    names = default_catalog().display_names(b.board.edition)
    placed = [s for s in b.scores.workloads.values() if s.placed_on is not None]
    now_doubt, then_doubt = _unconfirmed(placed, "placed"), _unconfirmed(placed, "recommended")
    rows: list[list[object]] = [["Target", "Placed now", "As recommended"]]
    for target, name in names.items():
        now, then = costs.current[target], costs.recommended[target]
        if now or then:
            rows.append(
                [
                    name,
                    _figure(now, target not in now_doubt),
                    _figure(then, target not in then_doubt),
                ]
            )
    fee = costs.cluster_fee
    if costs.current_fee or costs.recommended_fee:
        rows.append([CONTROL_PLANE, _figure(costs.current_fee), _figure(costs.recommended_fee)])
    rows.append(
        [
            "Total",
            _figure(costs.current_total, not now_doubt),
            _figure(costs.recommended_total, not then_doubt),
        ]
    )
    table = b.table(rows, [TARGET_COLUMN, FIGURE_COLUMN, FIGURE_COLUMN])
    table.setStyle(_total_row_style(columns=(1, 2)))
    notes = [
        "The placed workloads, where they are now and where they are recommended: the same "
        "workloads in both columns."
    ]
    if fee:
        notes.append(
            f"{CONTROL_PLANE}: one cluster shared by the container targets, {usd(fee)} a month, "
            "if they run EKS (ECS charges none)."
        )
    if costs.unpriced:
        notes.append(
            f"Not counted now: {placements(costs.unpriced)} where the workload cannot run (see "
            "Placements that break a limit): nothing sold there runs it, so there is nothing to "
            "price."
        )
    if costs.unplaced_total:
        count = b.scores.summary.unplaced
        notes.append(
            f"Not placed yet: {count:,} workload{'s' if count != 1 else ''}, "
            f"{usd(costs.unplaced_total)} a month on their recommended targets."
        )
    if now_doubt or then_doubt or not costs.confirmed:
        notes.append(UNCONFIRMED_NOTE)
    title = f"Monthly cost in USD, {basis()}"
    flow: list[Flowable] = [b.para(title, "h3"), Spacer(1, 2), table, Spacer(1, 3)]
    flow += [b.text(note, "small") for note in notes]
    return [*flow, Spacer(1, 6)]


def _total_row_style(columns: tuple[int, ...]) -> list[tuple[object, ...]]:
    bold = textfit.font_name(bold=True)
    style: list[tuple[object, ...]] = [
        ("FONTNAME", (0, -1), (-1, -1), bold),
        ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.HexColor("#9aa7b4")),
    ]
    style += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in columns]
    return style


def estimate_table(b: _Builder, score: TargetScore, role: str) -> list[Flowable]:
    """One estimate as a table (line items, the on-demand total, the alternatives beside
    it), then its assumptions; one greyed line where the workload cannot run (not priced)."""
    cost = score.estimate
    name = default_catalog().target(score.target).display_name
    if cost is None:
        if score.feasible:
            return []
        line = f"Cost on {name} ({role}): not priced, it cannot run there."
        return [Spacer(1, 6), b.text(line, "greyed")]
    label_width = b.width - AMOUNT_COLUMN - CELL_PADDING
    font = textfit.font_name()

    def cell(text: str) -> str:
        return "\n".join(wrap_text(text, font, TABLE_FONT_SIZE, label_width))

    rows: list[list[object]] = [
        [cell(f"Cost on {name} ({role}), {basis()}"), "USD a month"],
        *([cell(item.label), _figure(item.usd, item.confirmed)] for item in cost.items),
        ["On demand, a month", _figure(cost.usd_month, cost.confirmed)],
    ]
    alternatives = [
        [cell(f"Or {a.name}: {a.how}"), _figure(a.usd_month, a.confirmed)]
        for a in cost.alternatives
    ]
    table = b.table(rows + alternatives, [b.width - AMOUNT_COLUMN, AMOUNT_COLUMN])
    total = len(rows) - 1
    style = [
        ("FONTNAME", (0, total), (-1, total), textfit.font_name(bold=True)),
        ("LINEABOVE", (0, total), (-1, total), 0.6, colors.HexColor("#9aa7b4")),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
    ]
    table.setStyle(style)
    notes = [b.bullet(assumption, "small") for assumption in cost.assumptions]
    return [KeepTogether([Spacer(1, 6), table, Spacer(1, 2), *notes])]


def _confirmed(cost: Estimate | None) -> bool:
    if cost is None:
        return True
    return cost.confirmed and all(a.confirmed for a in cost.alternatives)


def workload_costs(b: _Builder, score: WorkloadScore) -> list[Flowable]:
    """The estimate on the placement, then on the recommendation when that is elsewhere."""
    shown: Mapping[TargetId, str] = {}
    if score.placed_on is not None:
        here = score.placed_on == score.recommended
        shown = {score.placed_on: "placed, recommended" if here else "placed"}
    if score.recommended is not None and score.recommended not in shown:
        shown = {**shown, score.recommended: "recommended"}
    flow: list[Flowable] = []
    for target, role in shown.items():
        flow += estimate_table(b, score.targets[target], role)
    if not all(_confirmed(score.targets[target].estimate) for target in shown):
        flow.append(b.text(UNCONFIRMED_NOTE, "small"))
    return flow
