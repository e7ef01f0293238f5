"""The cost pillar in dollars: each target's monthly estimate against the cheapest place the
workload can run.

A score made of pluses and minuses cannot be checked; a dollar figure can. So the cost pillar
reads the estimates of `whiteboard.cost.estimate` on every target of the edition that can run
the workload, at once, and scores each by how many times it costs what the cheapest of them
costs: the
cheapest gets `COST_CHEAPEST_POINTS`, and every doubling above it takes
`COST_POINTS_PER_DOUBLING` off, down to `COST_FLOOR_POINTS`. A few dollars are added to both
sides first (`COST_SMOOTHING_USD`), so USD 1 against USD 3 is not scored like USD 1,000
against USD 3,000. The reason quotes both figures, so anyone can check them.

Estimates are memoised on the shape a workload buys (`cost.shapes`): estates repeat shapes.
A target that cannot run the workload is not priced and gets no cost factor.
"""

from __future__ import annotations

import math

from whiteboard.catalog import Target
from whiteboard.cost.estimate import Estimate, estimates, usd
from whiteboard.cost.prices import default_prices
from whiteboard.model import Workload
from whiteboard.scoring import rules as r
from whiteboard.scoring.feasibility import TargetFacts
from whiteboard.scoring.results import Factor

Targets = tuple[TargetFacts, ...]

MEMO_MAX = 100_000
Broken = tuple[tuple[str, ...], ...]


def runnable_estimates(
    w: Workload, targets: Targets, broken: Broken
) -> tuple[Estimate | None, ...]:
    """The workload's monthly estimate on each target that can run it (`broken`: the limits it
    breaks on each), None where it cannot: nothing sold there runs it, so there is nothing to
    price, and the points compare only what it could really cost. Memoised per shape below
    (`cost.estimate.estimates`); the cost column, which keeps the result, per workload."""
    return estimates(w, _catalog_targets(targets), default_prices(), skip=broken)


_CATALOG_TARGETS: dict[Targets, tuple[Target, ...]] = {}


def _catalog_targets(targets: Targets) -> tuple[Target, ...]:
    found = _CATALOG_TARGETS.get(targets)
    if found is None:
        found = _CATALOG_TARGETS[targets] = tuple(t.target for t in targets)
    return found


def cost_points(usd_month: float, cheapest: float) -> float:
    """The points of a target costing `usd_month` where the cheapest runnable one costs
    `cheapest` (see the module note)."""
    smoothing = r.COST_SMOOTHING_USD
    doublings = math.log2((usd_month + smoothing) / (cheapest + smoothing))
    points = r.COST_CHEAPEST_POINTS + r.COST_POINTS_PER_DOUBLING * max(0.0, doublings)
    return round(max(r.COST_FLOOR_POINTS, points), 1)


def cost_factors(
    targets: Targets, found: tuple[Estimate | None, ...]
) -> tuple[tuple[Factor, ...], ...]:
    """One factor per target that can run the workload (`found`: its estimates, None where it
    cannot): its monthly figure against the cheapest of them. A target that cannot run it
    gets none (its overall is 0 whatever). Memoised on the estimates, which workloads of a
    shape share (they compare by identity)."""
    key = (targets, found)
    column = _COLUMNS.get(key)
    if column is None:
        if len(_COLUMNS) >= MEMO_MAX:
            _COLUMNS.clear()
        column = _COLUMNS[key] = _cost_column(targets, found)
    return column


_COLUMNS: dict[tuple[Targets, tuple[Estimate | None, ...]], tuple[tuple[Factor, ...], ...]] = {}


def _cost_column(
    targets: Targets, found: tuple[Estimate | None, ...]
) -> tuple[tuple[Factor, ...], ...]:
    cheapest, at = None, 0
    for index, e in enumerate(found):
        if e is not None and (cheapest is None or e.usd_month < cheapest.usd_month):
            cheapest, at = e, index
    if cheapest is None:
        return tuple(() for _ in targets)
    where = targets[at].short_name
    return tuple(() if e is None else (_factor(e, cheapest, where),) for e in found)


#: (estimate, the cheapest one, where it is) -> its factor: estimates are shared by every
#: workload of a shape, so the same few pairs come back across a board.
_FACTORS: dict[tuple[Estimate, Estimate, str], Factor] = {}


def _factor(e: Estimate, cheapest: Estimate, where: str) -> Factor:
    key = (e, cheapest, where)
    found = _FACTORS.get(key)
    if found is None:
        if len(_FACTORS) >= MEMO_MAX:
            _FACTORS.clear()
        label = _label(e, cheapest.usd_month, where)
        found = _FACTORS[key] = Factor(label, cost_points(e.usd_month, cheapest.usd_month))
    return found


def _label(e: Estimate, cheapest: float, where: str) -> str:
    figure = f"{usd(e.usd_month)} a month on demand"
    if e.usd_month <= cheapest:
        text = f"{figure}: the least of the targets that can run it"
    elif cheapest >= r.COST_RATIO_FROM_USD:
        text = f"{figure}, {_times(e.usd_month / cheapest)} the {usd(cheapest)} on {where}"
    else:
        text = f"{figure}, against {usd(cheapest)} on {where}"
    return text if e.confirmed else f"{text} ({r.COST_UNCONFIRMED_WORDS})"


def _times(ratio: float) -> str:
    """1.04 -> 'about the same as'; 2.46 -> '2.5 times'; 37.2 -> '37 times'."""
    if ratio < r.COST_SAME_RATIO:
        return "about the same as"
    return f"{ratio:.1f} times" if ratio < 10 else f"{ratio:,.0f} times"
