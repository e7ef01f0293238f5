"""The dependency graph: single points of failure, what each workload inherits, cycles.

A workload is *fragile* when its failure is likely to be an outage: a pet on one hand-cared
host, state kept on ephemeral compute, or a placement it cannot run on. Every workload that
depends on a fragile one, directly or down the chain, inherits that risk in its reliability.

networkx is imported only when the board has dependencies (its import costs ~0.2 s).
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from whiteboard.model import Board, Workload
from whiteboard.scoring.feasibility import TargetFacts
from whiteboard.scoring.rules import EPHEMERAL_TARGETS

if TYPE_CHECKING:
    import networkx as nx

#: How many fragile names a risk spells out; the count beyond them is kept exactly.
NAMES_SHOWN = 3
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
    if workload.stateful and placed is not None and placed.id in EPHEMERAL_TARGETS:
        return f"it keeps state on ephemeral {placed.short_name} compute"
    return None


class DependencyIndex:
    """Board-wide dependency facts, computed once per board (networkx, lazily imported).

    What each workload reaches is kept as a bit set over the workloads that something depends
    on (bit i is the i-th such id in sorted order): one integer per workload, combined with
    C-speed ORs, so deep chains on 10,000 workloads cost milliseconds and every count is exact.
    Which of them are fragile is a separate mask, so a drop that makes one workload fragile (or
    not) updates the index in place of rebuilding it (`with_fragility`).
    """

    def __init__(self, board: Board, fragile: Mapping[str, str]) -> None:
        self._board = board
        self._ids = sorted({dep for w in board.workloads for dep in w.depends_on})
        self._bit = {wid: 1 << i for i, wid in enumerate(self._ids)}
        self._fragile = dict(fragile)
        self._fragile_mask = sum(self._bit[wid] for wid in self._fragile if wid in self._bit)
        self._graph: nx.DiGraph | None = None
        self._reach: dict[str, int] = {}
        self._cycles: tuple[tuple[str, ...], ...] = ()
        if self._ids:
            self._analyse()

    @property
    def fragile(self) -> Mapping[str, str]:
        """Workload id -> why it is fragile, for the fragile workloads others depend on."""
        return self._fragile

    @property
    def cycles(self) -> tuple[tuple[str, ...], ...]:
        """Each dependency cycle, starting at its smallest id, in board order of that id."""
        return self._cycles

    def is_depended_on(self, workload_id: str) -> bool:
        return workload_id in self._bit

    def risk(self, workload: Workload) -> DependencyRisk:
        if not workload.depends_on:
            return NO_RISK
        fragile, bit = self._fragile, self._bit
        direct = tuple((dep, fragile[dep]) for dep in workload.depends_on if dep in fragile)
        rest = self._reach.get(workload.id, 0) & self._fragile_mask & ~bit.get(workload.id, 0)
        for dep in workload.depends_on:
            rest &= ~bit[dep]
        if not direct and not rest:
            return NO_RISK
        return DependencyRisk(direct, self._lowest_names(rest), rest.bit_count())

    def with_fragility(self, changes: Mapping[str, str | None]) -> DependencyIndex:
        """A copy where the named workloads are fragile (with that reason) or not (None);
        the graph and what each workload reaches are shared, not recomputed."""
        new = copy.copy(self)
        new._fragile = dict(self._fragile)
        for wid, reason in changes.items():
            if reason is None:
                new._fragile.pop(wid, None)
                new._fragile_mask &= ~self._bit.get(wid, 0)
            else:
                new._fragile[wid] = reason
                new._fragile_mask |= self._bit.get(wid, 0)
        return new

    def dependants(self, workload_ids: Iterable[str]) -> set[str]:
        """Every workload that depends on one of these, directly or down the chain."""
        mask = sum(self._bit.get(wid, 0) for wid in set(workload_ids))
        if not mask:
            return set()
        return {wid for wid, reach in self._reach.items() if reach & mask}

    def weakest_links(self, limit: int) -> list[tuple[str, int, int]]:
        """(id, dependants down the chain, direct dependants) of the fragile workloads most
        depended on, biggest first."""
        if self._graph is None:
            return []
        index_of = self._board.index_of
        dependants = Counter(dep for w in self._board.workloads for dep in w.depends_on)
        candidates = sorted(
            (wid for wid in self._fragile if dependants[wid]),
            key=lambda wid: (-dependants[wid], index_of(wid)),
        )[:WEAKEST_CANDIDATES]
        ranked = []
        for wid in candidates:
            mask = self._bit[wid]
            chain = sum(1 for other, reach in self._reach.items() if reach & mask and other != wid)
            ranked.append((wid, chain, dependants[wid]))
        ranked.sort(key=lambda item: (-item[1], -item[2], index_of(item[0])))
        return ranked[:limit]

    # -- analysis -------------------------------------------------------------------------------

    def _lowest_names(self, bits: int) -> tuple[str, ...]:
        names = []
        while bits and len(names) < NAMES_SHOWN:
            low = bits & -bits
            names.append(self._ids[low.bit_length() - 1])
            bits ^= low
        return tuple(names)

    def _analyse(self) -> None:
        import networkx as nx

        graph = nx.DiGraph()
        graph.add_nodes_from(self._board.workload_ids)
        graph.add_edges_from((w.id, dep) for w in self._board.workloads for dep in w.depends_on)
        self._graph = graph
        try:
            order = list(nx.topological_sort(graph))
        except nx.NetworkXUnfeasible:
            # Cycles: work on the graph of strongly connected components instead.
            condensed = nx.condensation(graph)
            members: dict[Hashable, list[str]] = {
                node: sorted(data["members"]) for node, data in condensed.nodes(data=True)
            }
            order = list(nx.topological_sort(condensed))
            self._reach = self._reach_by_workload(condensed, members, order)
            self._cycles = self._find_cycles(graph, members)
        else:
            self._reach = self._reach_by_workload(graph, {wid: [wid] for wid in order}, order)

    def _reach_by_workload(
        self, dag: nx.DiGraph, members: Mapping[Hashable, list[str]], order: list[Hashable]
    ) -> dict[str, int]:
        """The depended-on workloads each workload reaches, walking the DAG from the leaves up.

        Members of one cycle reach each other, so they share one set (their own bit is
        removed when a risk is read)."""
        bit = self._bit
        own = {node: sum(bit.get(m, 0) for m in names) for node, names in members.items()}
        below: dict[Hashable, int] = {}
        successors = dag.successors
        for node in reversed(order):
            acc = 0
            for succ in successors(node):
                acc |= own[succ] | below[succ]
            below[node] = acc
        reach: dict[str, int] = {}
        for node, bits in below.items():
            names = members[node]
            shared = bits | own[node] if len(names) > 1 else bits
            if shared:
                for member in names:
                    reach[member] = shared
        return reach

    def _find_cycles(
        self, graph: nx.DiGraph, members: Mapping[Hashable, list[str]]
    ) -> tuple[tuple[str, ...], ...]:
        import networkx as nx

        cycles = []
        for names in members.values():
            if len(names) < 2:
                continue
            start = min(names, key=self._board.index_of)
            edges = nx.find_cycle(graph.subgraph(names), source=start)
            cycle = [edge[0] for edge in edges]
            turn = cycle.index(min(cycle, key=self._board.index_of))
            cycles.append(tuple(cycle[turn:] + cycle[:turn]))
        cycles.sort(key=lambda cycle: self._board.index_of(cycle[0]))
        return tuple(cycles)


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


def dependency_cycles(board: Board) -> tuple[tuple[str, ...], ...]:
    """Each dependency cycle of the board as the ids around it (empty for most boards)."""
    return DependencyIndex(board, {}).cycles
