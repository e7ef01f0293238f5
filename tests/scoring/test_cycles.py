"""The dependency cycles, found without a graph library, are the ones networkx finds: the same
components, and in each the cycle `networkx.find_cycle` walks from its first workload."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from whiteboard.model import Board, Workload
from whiteboard.scoring.dependencies import dependency_cycles


def random_board(count: int, edges: int, seed: int) -> Board:
    rng = random.Random(seed)
    ids = [f"w{i}" for i in range(count)]
    rng.shuffle(ids)  # board order is not id order
    deps: dict[str, list[str]] = {wid: [] for wid in ids}
    for _ in range(edges):
        a, b = rng.sample(ids, 2)
        if b not in deps[a]:
            deps[a].append(b)
    return Board(
        name="Random",
        workloads=tuple(Workload(id=w, name=w, depends_on=tuple(deps[w])) for w in ids),
    )


def networkx_cycles(board: Board) -> tuple[tuple[str, ...], ...]:
    """What the scoring gave when it used networkx (its code before the change)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(board.workload_ids)
    graph.add_edges_from((w.id, dep) for w in board.workloads for dep in w.depends_on)
    cycles = []
    for names in (sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1):
        start = min(names, key=board.index_of)
        members = set(names)
        sub = nx.DiGraph()
        sub.add_nodes_from(names)
        sub.add_edges_from(
            (wid, dep) for wid in names for dep in board.workload(wid).depends_on if dep in members
        )
        cycle = [edge[0] for edge in nx.find_cycle(sub, source=start)]
        turn = cycle.index(min(cycle, key=board.index_of))
        cycles.append(tuple(cycle[turn:] + cycle[:turn]))
    cycles.sort(key=lambda cycle: board.index_of(cycle[0]))
    return tuple(cycles)


@pytest.mark.parametrize("seed", range(40))
def test_cycles_match_networkx_on_random_graphs(seed: int) -> None:
    count = 5 + seed * 3
    board = random_board(count, edges=int(count * (0.6 + (seed % 5) * 0.3)), seed=seed)
    assert dependency_cycles(board) == networkx_cycles(board)


def test_many_cycles_and_a_dense_component() -> None:
    board = random_board(300, edges=900, seed=99)
    found = dependency_cycles(board)
    assert found == networkx_cycles(board)
    assert found  # the graph is dense enough to have cycles


def test_a_long_ring_needs_no_recursion() -> None:
    count = 50_000
    workloads = tuple(
        Workload(id=f"w{i}", name="W", depends_on=(f"w{(i + 1) % count}",)) for i in range(count)
    )
    (cycle,) = dependency_cycles(Board(name="Ring", workloads=workloads))
    assert cycle[:2] == ("w0", "w1") and len(cycle) == count
