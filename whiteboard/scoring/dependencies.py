"""The dependency graph: single points of failure, what each workload inherits, cycles.

A workload is *fragile* when its failure is likely to be an outage: a pet on one hand-cared
host, state kept on ephemeral compute, or a placement it cannot run on. Every workload that
depends on a fragile one, directly or down the chain, inherits that risk in its reliability.

The cycles are found with Tarjan's algorithm on board positions (linear, and no graph library
to import, so `whiteboard validate` starts in a fraction of a second). What each workload
reaches is worked out on plain integer lists, in memory that grows with the size of the board,
not with the square of its longest chain (see `reach`).
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from whiteboard.model import Board, Workload
from whiteboard.scoring.cycles import cycles_in, cyclic_components, dependency_cycles
from whiteboard.scoring.feasibility import TargetFacts
from whiteboard.scoring.reach import Reach, ReachGraph

#: How many of the most depended-on fragile workloads get an exact transitive count.
WEAKEST_CANDIDATES = 10


@dataclass(frozen=True, slots=True)
class DependencyRisk:
    """What one workload inherits from the workloads it depends on."""

    #: (dependency id, why it is fragile) for each fragile direct dependency, in board order.
    direct: tuple[tuple[str, str], ...] = ()
    #: A few fragile workloads reached only through other dependencies, smallest ids first.
    indirect: tuple[str, ...] = ()
    #: How many fragile workloads are reached only through other dependencies, in all.
    indirect_count: int = 0


NO_RISK = DependencyRisk()


def fragility(workload: Workload, placed: TargetFacts | None, placed_feasible: bool) -> str | None:
    """Why this workload is a single point of failure for its dependants, or None if it is not."""
    if placed is not None and not placed_feasible:
        return f"it is placed on {placed.short_name}, where it cannot run"
    if workload.architecture == "pet":
        return "a pet on one hand-cared host"
    if workload.stateful and placed is not None and placed.ephemeral:
        return f"it keeps state on ephemeral {placed.short_name} compute"
    return None


class DependencyIndex:
    """Board-wide dependency facts, computed once per board and only as far as they are asked.

    The cycles are found on construction: `whiteboard validate` needs nothing more. What the
    workloads reach (`risk`, `dependants`, `weakest_links`) is worked out on first use, on the
    graph with each cycle collapsed into one component (`ReachGraph`). Which workloads are
    fragile is kept apart from the graph, so a drop that makes one workload fragile (or not)
    adjusts the counts of what depends on it (`with_fragility`) instead of rebuilding the index.
    """

    def __init__(self, board: Board, fragile: Mapping[str, str]) -> None:
        self._board = board
        self._depended = {dep for w in board.workloads for dep in w.depends_on}
        self._fragile = dict(fragile)
        self._cyclic: list[list[str]] = []
        self._cycles: tuple[tuple[str, ...], ...] = ()
        self._graph_cache: ReachGraph | None = None
        self._reach_cache: Reach | None = None
        if self._depended:
            self._find_cycles()

    @property
    def fragile(self) -> Mapping[str, str]:
        """Workload id -> why it is fragile, for the fragile workloads others depend on."""
        return self._fragile

    @property
    def cycles(self) -> tuple[tuple[str, ...], ...]:
        """Each dependency cycle, starting at its smallest id, in board order of that id."""
        return self._cycles

    def is_depended_on(self, workload_id: str) -> bool:
        return workload_id in self._depended

    def risk(self, workload: Workload) -> DependencyRisk:
        if not workload.depends_on or not self._fragile:
            return NO_RISK
        fragile = self._fragile
        direct = tuple((dep, fragile[dep]) for dep in workload.depends_on if dep in fragile)
        graph = self._graph()
        reach = self._reach()
        at = graph.position[workload.id]
        rank = graph.rank
        # What the workload's component reaches, less the direct dependencies and itself.
        skip = {rank[graph.position[dep]] for dep, _ in direct}
        if workload.id in fragile and rank[at] >= 0:
            skip.add(rank[at])
        component = graph.comp[at]
        count = reach.count[component] - len(skip)
        if not count:
            return DependencyRisk(direct) if direct else NO_RISK
        names = reach.names(graph, fragile, at, skip, count)
        return DependencyRisk(direct, tuple(graph.ids[r] for r in names), count)

    def with_fragility(self, changes: Mapping[str, str | None]) -> DependencyIndex:
        """A copy where the named workloads are fragile (with that reason) or not (None);
        the graph is shared, and only what depends on a workload that flipped is adjusted."""
        new = copy.copy(self)
        new._fragile = dict(self._fragile)
        flips: list[tuple[str, int]] = []
        for wid, reason in changes.items():
            was = wid in new._fragile
            if reason is None:
                new._fragile.pop(wid, None)
            else:
                new._fragile[wid] = reason
            if was != (reason is not None):
                flips.append((wid, 1 if reason is not None else -1))
        if flips and self._reach_cache is not None:
            assert self._graph_cache is not None
            new._reach_cache = self._reach_cache.flipped(self._graph_cache, flips)
        return new

    def dependants(self, workload_ids: Iterable[str]) -> set[str]:
        """Every workload that depends on one of these, directly or down the chain."""
        starts = {wid for wid in workload_ids if wid in self._depended}
        if not starts:
            return set()
        graph = self._graph()
        comps = graph.upstream(graph.comp[graph.position[wid]] for wid in starts)
        ids = self._board.workload_ids
        return {ids[i] for c in comps for i in graph.members.get(c, (c,))}

    def weakest_links(self, limit: int) -> list[tuple[str, int, int]]:
        """(id, dependants down the chain, direct dependants) of the fragile workloads most
        depended on, biggest first."""
        if not self._depended:
            return []
        index_of = self._board.index_of
        dependants = Counter(dep for w in self._board.workloads for dep in w.depends_on)
        candidates = sorted(
            (wid for wid in self._fragile if dependants[wid]),
            key=lambda wid: (-dependants[wid], index_of(wid)),
        )[:WEAKEST_CANDIDATES]
        graph = self._graph() if candidates else None
        ranked = []
        for wid in candidates:
            assert graph is not None
            comps = graph.upstream((graph.comp[graph.position[wid]],))
            chain = sum(len(graph.members.get(c, (c,))) for c in comps) - (
                1 if graph.comp[graph.position[wid]] in comps else 0
            )
            ranked.append((wid, chain, dependants[wid]))
        ranked.sort(key=lambda item: (-item[1], -item[2], index_of(item[0])))
        return ranked[:limit]

    # -- analysis -------------------------------------------------------------------------------

    def _graph(self) -> ReachGraph:
        if self._graph_cache is None:
            self._graph_cache = ReachGraph(self._board, self._cyclic)
        return self._graph_cache

    def _reach(self) -> Reach:
        if self._reach_cache is None:
            self._reach_cache = Reach.build(self._graph(), self._fragile)
        return self._reach_cache

    def _find_cycles(self) -> None:
        self._cyclic = cyclic_components(self._board)
        self._cycles = cycles_in(self._board, self._cyclic)


def fragile_map(
    board: Board, placed_facts: Callable[[Workload], tuple[TargetFacts | None, bool]]
) -> dict[str, str]:
    """Workload id -> why it is fragile, for the workloads others depend on."""
    needed = {dep for w in board.workloads for dep in w.depends_on}
    found: dict[str, str] = {}
    for wid in needed:
        workload = board.workload(wid)
        reason = fragility(workload, *placed_facts(workload))
        if reason is not None:
            found[wid] = reason
    return found


__all__ = ["dependency_cycles"]  # re-exported from `cycles`, where `validate` reads it
