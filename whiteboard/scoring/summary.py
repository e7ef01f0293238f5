"""The board summary: where things are placed, how the placements fare, what to look at first."""

from __future__ import annotations

from collections.abc import Mapping

from whiteboard.cost.prices import default_prices
from whiteboard.model import PILLAR_IDS, Board, TargetId
from whiteboard.scoring.costs import runnable_estimates
from whiteboard.scoring.dependencies import DependencyIndex
from whiteboard.scoring.feasibility import TargetFacts, number, violations_per_target
from whiteboard.scoring.quick import QuickScore, misplaced_gap
from whiteboard.scoring.results import BoardCosts, BoardSummary
from whiteboard.scoring.rules import TOP_RISKS_MAX, WEAKEST_LINKS_MAX


def summarise(
    board: Board,
    overview: Mapping[str, QuickScore],
    dependencies: DependencyIndex,
    facts: Mapping[TargetId, TargetFacts],
) -> BoardSummary:
    """Everything a reviewer reads before the per-workload detail."""
    target_index = {target: i for i, target in enumerate(facts)}
    per_target: dict[TargetId, int] = dict.fromkeys(facts, 0)
    totals = [0.0] * len(PILLAR_IDS)
    infeasible: list[tuple[str, TargetId, str]] = []
    misplaced: list[tuple[float, str]] = []
    for wid, quick in overview.items():
        placed = quick.placed_on
        if placed is None:
            continue
        at = target_index[placed]
        per_target[placed] += 1
        totals = [total + score for total, score in zip(totals, quick.pillars[at], strict=True)]
        violation = quick.first_violation[at]
        if violation is not None:
            infeasible.append((wid, placed, violation))
        elif (gap := misplaced_gap(quick, target_index)) is not None:
            misplaced.append((gap, _misplaced_line(board, wid, quick, facts, gap)))
    placed_count = sum(per_target.values())
    averages = {
        p: round(totals[i] / placed_count, 1) if placed_count else 0.0
        for i, p in enumerate(PILLAR_IDS)
    }
    links = _weakest_links(board, dependencies)
    cycles = dependencies.cycles
    return BoardSummary(
        placements_per_target=per_target,
        unplaced=len(board.workloads) - placed_count,
        pillar_averages=averages,
        infeasible_placements=tuple(infeasible),
        weakest_links=links,
        top_risks=_top_risks(board, infeasible, cycles, links, misplaced, facts),
        cycles=cycles,
        costs=board_costs(board, overview, facts),
    )


def board_costs(
    board: Board, overview: Mapping[str, QuickScore], facts: Mapping[TargetId, TargetFacts]
) -> BoardCosts:
    """Monthly USD per target of the placements and of the recommendations: each workload's
    estimate where it is (or would be), plus the cluster fee once for each target in use. A
    placement that cannot run is left out and counted (`BoardCosts.unpriced`)."""
    targets = tuple(facts.values())
    index = {target: i for i, target in enumerate(facts)}
    current: dict[TargetId, float] = {}
    recommended: dict[TargetId, float] = {}
    confirmed, unpriced = True, 0
    for workload in board.workloads:
        quick = overview[workload.id]
        found = quick.costs or runnable_estimates(
            workload, targets, violations_per_target(workload, targets)
        )
        for totals, target in ((current, quick.placed_on), (recommended, quick.recommended)):
            if target is None:
                continue
            cost = found[index[target]]
            if cost is None:  # placed where it cannot run: nothing there to price
                unpriced += 1
                continue
            totals[target] = totals.get(target, 0.0) + cost.usd_month
            confirmed = confirmed and cost.confirmed
    fees = _cluster_fees(facts)
    for totals in (current, recommended):
        for target, fee in fees.items():
            if target in totals:
                totals[target] += fee
    return BoardCosts(
        current={t: current.get(t, 0.0) for t in facts},
        recommended={t: recommended.get(t, 0.0) for t in facts},
        cluster_fees=fees,
        confirmed=confirmed,
        unpriced=unpriced,
    )


def _cluster_fees(facts: Mapping[TargetId, TargetFacts]) -> dict[TargetId, float]:
    """Target id -> its once-per-cluster fee for a month, for targets that charge one."""
    prices = default_prices()
    fees = {}
    for target_id, target in facts.items():
        fee_id = target.target.cost.cluster_fee
        if fee_id:
            fees[target_id] = prices.price(fee_id).usd * prices.hours_per_month
    return fees


def _weakest_links(board: Board, dependencies: DependencyIndex) -> tuple[str, ...]:
    lines = []
    for wid, chain, direct in dependencies.weakest_links(WEAKEST_LINKS_MAX):
        why = dependencies.fragile[wid]
        carried = f"{chain} workload{'s' if chain != 1 else ''}"
        lines.append(
            f"{wid} is a single point of failure for {carried} ({direct} directly): {why}."
        )
    return tuple(lines)


def _misplaced_line(
    board: Board,
    wid: str,
    quick: QuickScore,
    facts: Mapping[TargetId, TargetFacts],
    gap: float,
) -> str:
    placed, better = quick.placed_on, quick.recommended
    assert placed is not None and better is not None
    target_index = {target: i for i, target in enumerate(facts)}
    return (
        f"{board.workload(wid).name} ({wid}) on {facts[placed].short_name} scores "
        f"{number(quick.overall[target_index[placed]])}; {facts[better].short_name} would "
        f"score {number(quick.overall[target_index[better]])} (+{number(gap)})."
    )


def _top_risks(
    board: Board,
    infeasible: list[tuple[str, TargetId, str]],
    cycles: tuple[tuple[str, ...], ...],
    links: tuple[str, ...],
    misplaced: list[tuple[float, str]],
    facts: Mapping[TargetId, TargetFacts],
) -> tuple[str, ...]:
    """Cannot-run placements first, then cycles, weakest links and the worst misplacements."""
    risks = [
        f"{board.workload(wid).name} ({wid}) cannot run on {facts[target].short_name}: {why}"
        for wid, target, why in infeasible
    ]
    risks += [f"Dependency cycle: {' -> '.join((*cycle, cycle[0]))}." for cycle in cycles]
    risks += list(links[:1])
    risks += [line for _, line in sorted(misplaced, key=lambda item: -item[0])]
    return tuple(risks[:TOP_RISKS_MAX])
