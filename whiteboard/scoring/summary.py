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
    """Monthly USD per target: each placed workload's estimate where it is and where it is
    recommended, each unplaced one's where it is recommended, and one shared EKS control
    plane in a column whose workloads use a target that charges it. A placement that cannot
    run is left out of the first column and counted (`BoardCosts.unpriced`)."""
    targets = tuple(facts.values())
    index = {target: i for i, target in enumerate(facts)}
    current: dict[TargetId, float] = dict.fromkeys(facts, 0.0)
    recommended: dict[TargetId, float] = dict.fromkeys(facts, 0.0)
    unplaced: dict[TargetId, float] = dict.fromkeys(facts, 0.0)
    used: dict[str, set[TargetId]] = {"current": set(), "recommended": set()}
    confirmed, unpriced = True, 0
    for workload in board.workloads:
        quick = overview[workload.id]
        found = quick.costs or runnable_estimates(
            workload, targets, violations_per_target(workload, targets)
        )
        placed, best = quick.placed_on, quick.recommended
        pairs = (
            ((current, "current", placed), (recommended, "recommended", best))
            if placed is not None
            else ((unplaced, "unplaced", best),)
        )
        for totals, column, target in pairs:
            if target is None:
                continue
            cost = found[index[target]]
            if cost is None:  # placed where it cannot run: nothing there to price
                unpriced += 1
                continue
            totals[target] += cost.usd_month
            used.setdefault(column, set()).add(target)
            confirmed = confirmed and cost.confirmed
    fee, charging = _cluster_fee(facts)
    return BoardCosts(
        current=current,
        recommended=recommended,
        unplaced=unplaced,
        cluster_fee=fee,
        cluster_fee_current=bool(used["current"] & charging),
        cluster_fee_recommended=bool(used["recommended"] & charging),
        confirmed=confirmed,
        unpriced=unpriced,
    )


def _cluster_fee(facts: Mapping[TargetId, TargetFacts]) -> tuple[float, set[TargetId]]:
    """One control plane a month (the first fee the catalog names), and the targets that
    charge it: EKS's, shared by the containers on EC2 and the managed hosts of one board."""
    prices = default_prices()
    charging = {t for t, target in facts.items() if target.target.cost.cluster_fee}
    fee_ids = [facts[t].target.cost.cluster_fee for t in facts if t in charging]
    if not fee_ids:
        return 0.0, charging
    return prices.monthly(fee_ids[0]), charging  # type: ignore[arg-type]


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
