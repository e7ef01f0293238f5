"""What each workload reaches, against a brute-force reference (networkx descendants).

The index works on the graph of cycles collapsed into components, keeps only the smallest
fragile ids of what each reaches, and counts unions with bit sets in slices; the reference
walks every workload's descendants. Random small graphs, with and without cycles, are run
under the real limits and under tiny ones that force every path: few kept ids (names from a
full walk), bit sets of a few bits (many slices), sets kept for their takers or pushed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from unittest import mock

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import whiteboard.scoring.dependencies as deps
import whiteboard.scoring.reach as reach
from whiteboard.model import Board, Workload
from whiteboard.scoring.dependencies import NO_RISK, DependencyIndex, DependencyRisk
from whiteboard.scoring.reach import NAMES_SHOWN

#: Module limits -> values, per run: the real ones, and tiny ones that take every branch.
LIMITS: dict[str, dict[str, object]] = {
    "real": {},
    "tiny": {"LOWEST_KEPT": 4, "MIN_PASS_BITS": 2, "LIVE_BITS_BUDGET": 4},
    "tiny-pull": {
        "LOWEST_KEPT": 3,
        "MIN_PASS_BITS": 1,
        "LIVE_BITS_BUDGET": 1,
        "_alive_pushing": lambda *_: 1 << 40,
    },
    "tiny-push": {
        "LOWEST_KEPT": 5,
        "MIN_PASS_BITS": 3,
        "LIVE_BITS_BUDGET": 8,
        "_alive_pulling": lambda *_: 1 << 40,
    },
    "one-kept": {"LOWEST_KEPT": 1, "MIN_PASS_BITS": 1, "LIVE_BITS_BUDGET": 1 << 30},
}


@contextmanager
def limits(name: str) -> Iterator[None]:
    with ExitStack() as stack:
        for attribute, value in LIMITS[name].items():
            stack.enter_context(mock.patch.object(reach, attribute, value))
        yield


@st.composite
def graphs(
    draw: st.DrawFn, cycles: bool
) -> tuple[Board, dict[str, str], list[dict[str, str | None]]]:
    """A board of up to 24 workloads (ids out of board order), fragile ones among those others
    depend on, and a few rounds of fragility changes."""
    count = draw(st.integers(1, 24))
    prefixes = draw(st.lists(st.sampled_from("abcz"), min_size=count, max_size=count))
    ids = [f"{prefix}{i}" for i, prefix in enumerate(prefixes)]
    density = draw(st.sampled_from((0.05, 0.15, 0.4)))
    workloads = []
    for i, wid in enumerate(ids):
        targets = [j for j in range(count) if j != i and (cycles or j > i)]
        chosen = draw(st.lists(st.booleans(), min_size=len(targets), max_size=len(targets)))
        picked = [ids[j] for j, take in zip(targets, chosen, strict=True) if take]
        keep = draw(st.integers(0, max(0, round(len(picked) * density * 2))))
        workloads.append(Workload(id=wid, name=wid, depends_on=tuple(picked[:keep])))
    board = Board(name="Random", workloads=tuple(workloads))
    needed = sorted({dep for w in workloads for dep in w.depends_on})
    fragile = {wid: f"{wid} is fragile" for wid in needed if draw(st.booleans())}
    rounds = draw(
        st.lists(
            st.dictionaries(
                st.sampled_from(ids), st.sampled_from((None, "now fragile", "other reason"))
            ),
            max_size=3,
        )
    )
    return board, fragile, rounds


def _below(graph: nx.DiGraph, wid: str) -> set[str]:
    """What `wid` reaches through at least one dependency (itself too, on a cycle)."""
    found: set[str] = set()
    for dep in graph.successors(wid):
        found |= {dep} | nx.descendants(graph, dep)
    return found


def reference_risk(
    graph: nx.DiGraph, workload: Workload, fragile: Mapping[str, str]
) -> DependencyRisk:
    direct = tuple((dep, fragile[dep]) for dep in workload.depends_on if dep in fragile)
    rest = {wid for wid in _below(graph, workload.id) if wid in fragile} - {
        workload.id,
        *workload.depends_on,
    }
    if not direct and not rest:
        return NO_RISK
    return DependencyRisk(direct, tuple(sorted(rest)[:NAMES_SHOWN]), len(rest))


def reference_weakest(
    board: Board, graph: nx.DiGraph, fragile: Mapping[str, str]
) -> list[tuple[str, int, int]]:
    direct = Counter(dep for w in board.workloads for dep in w.depends_on)
    candidates = sorted(
        (wid for wid in fragile if direct[wid]), key=lambda wid: (-direct[wid], board.index_of(wid))
    )[: deps.WEAKEST_CANDIDATES]
    ranked = [
        (
            wid,
            sum(1 for other in board.workload_ids if other != wid and wid in _below(graph, other)),
            direct[wid],
        )
        for wid in candidates
    ]
    ranked.sort(key=lambda item: (-item[1], -item[2], board.index_of(item[0])))
    return ranked


def reference_cycles(board: Board, graph: nx.DiGraph) -> tuple[tuple[str, ...], ...]:
    """How the cycles were found before: `find_cycle` on a subgraph of the whole graph."""
    cycles = []
    for names in nx.strongly_connected_components(graph):
        if len(names) > 1:
            start = min(names, key=board.index_of)
            cycle = [edge[0] for edge in nx.find_cycle(graph.subgraph(names), source=start)]
            turn = cycle.index(min(cycle, key=board.index_of))
            cycles.append(tuple(cycle[turn:] + cycle[:turn]))
    return tuple(sorted(cycles, key=lambda cycle: board.index_of(cycle[0])))


def check(index: DependencyIndex, board: Board, graph: nx.DiGraph) -> None:
    fragile = dict(index.fragile)
    for workload in board.workloads:
        assert index.risk(workload) == reference_risk(graph, workload, fragile), workload.id
    assert index.weakest_links(len(board.workloads)) == reference_weakest(board, graph, fragile)
    for wid in board.workload_ids:
        assert index.dependants([wid]) == {o for o in board.workload_ids if wid in _below(graph, o)}
    some = board.workload_ids[::3]
    assert index.dependants(some) == {o for o in board.workload_ids if _below(graph, o) & set(some)}


def _graph_of(board: Board) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(board.workload_ids)
    graph.add_edges_from((w.id, dep) for w in board.workloads for dep in w.depends_on)
    return graph


@pytest.mark.parametrize("limit", sorted(LIMITS))
@pytest.mark.parametrize("cycles", [False, True], ids=["dag", "cycles"])
def test_reach_matches_the_brute_force_reference(limit: str, cycles: bool) -> None:
    @settings(max_examples=60, deadline=None)
    @given(graphs(cycles))
    def run(case: tuple[Board, dict[str, str], list[dict[str, str | None]]]) -> None:
        board, fragile, rounds = case
        graph = _graph_of(board)
        with limits(limit):
            index = DependencyIndex(board, fragile)
            assert index.cycles == reference_cycles(board, graph)
            check(index, board, graph)
            for changes in rounds:
                # As the scorer does: only workloads something depends on change fragility.
                changes = {w: r for w, r in changes.items() if index.is_depended_on(w)}
                index = index.with_fragility(changes)
                check(index, board, graph)
                check(DependencyIndex(board, index.fragile), board, graph)

    run()


def test_names_come_from_a_full_walk_when_direct_dependencies_crowd_them_out() -> None:
    """w depends on the eight smallest fragile ids (all kept for what it reaches) and on the
    head of a chain: its names are the smallest it reaches past those."""
    chain = [f"z{i:02d}" for i in range(20)]
    crowd = [f"a{i}" for i in range(reach.LOWEST_KEPT)]
    workloads = [
        Workload(id=wid, name=wid, depends_on=(chain[i + 1],) if i + 1 < len(chain) else ())
        for i, wid in enumerate(chain)
    ]
    workloads += [Workload(id=wid, name=wid, depends_on=(chain[0],)) for wid in crowd]
    workloads.append(Workload(id="w", name="w", depends_on=(*crowd, chain[0])))
    board = Board(name="Crowd", workloads=tuple(workloads))
    fragile = {wid: "pet" for wid in (*chain, *crowd)}
    risk = DependencyIndex(board, fragile).risk(board.workload("w"))
    assert risk.indirect == ("z01", "z02", "z03")
    assert risk.indirect_count == len(chain) - 1
    assert risk == reference_risk(_graph_of(board), board.workload("w"), fragile)
