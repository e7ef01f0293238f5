"""Dependency cycles: each strongly connected component of the dependency graph, and one cycle
through it to show. Pure Python on board positions, linear in workloads and dependencies: it is
all `whiteboard validate` needs of the graph, so it imports nothing but the model (no graph
library, none of the scoring).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from whiteboard.model import Board


def dependency_cycles(board: Board) -> tuple[tuple[str, ...], ...]:
    """Each dependency cycle of the board as the ids around it (empty for most boards)."""
    return cycles_in(board, cyclic_components(board))


def cycles_in(board: Board, components: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    """One cycle per component, starting at its first workload in board order, the cycles in
    board order of those."""
    cycles = []
    for names in components:
        start = min(names, key=board.index_of)
        # Each workload's edges within the component, in the order of its dependencies.
        members = set(names)
        inside = {
            wid: [dep for dep in board.workload(wid).depends_on if dep in members] for wid in names
        }
        cycle = _first_cycle(inside, start)
        turn = cycle.index(min(cycle, key=board.index_of))
        cycles.append(tuple(cycle[turn:] + cycle[:turn]))
    cycles.sort(key=lambda cycle: board.index_of(cycle[0]))
    return tuple(cycles)


def cyclic_components(board: Board) -> list[list[str]]:
    """The strongly connected components of more than one workload (each cycle, with
    everything on a cycle with it), each as its sorted ids. Tarjan's algorithm without
    recursion, on board positions: linear in workloads and dependencies."""
    workloads = board.workloads
    position = {w.id: i for i, w in enumerate(workloads)}
    succ = [[position[dep] for dep in w.depends_on] for w in workloads]
    count = len(workloads)
    index = [-1] * count
    low = [0] * count
    on_stack = bytearray(count)
    stack: list[int] = []
    found: list[list[str]] = []
    counter = 0
    for root in range(count):
        if index[root] >= 0 or not succ[root]:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = 1
        work = [(root, iter(succ[root]))]
        while work:
            node, rest = work[-1]
            for nxt in rest:
                if index[nxt] < 0:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack[nxt] = 1
                    work.append((nxt, iter(succ[nxt])))
                    break
                if on_stack[nxt] and index[nxt] < low[node]:
                    low[node] = index[nxt]
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    if low[node] < low[parent]:
                        low[parent] = low[node]
                if low[node] == index[node]:
                    members = []
                    while True:
                        member = stack.pop()
                        on_stack[member] = 0
                        members.append(member)
                        if member == node:
                            break
                    if len(members) > 1:
                        found.append(sorted(workloads[m].id for m in members))
    return found


def _first_cycle(edges: Mapping[str, Sequence[str]], start: str) -> list[str]:
    """The ids around the cycle met by following, from `start`, each workload's first
    dependency within its strongly connected component (`edges`), until one comes round again.

    That is the cycle `networkx.find_cycle(component, source=start)` gives, which this
    replaced: inside a component every workload has a dependency there, so its depth-first
    walk never backtracks before it meets a workload already on its path."""
    path = [start]
    seen = {start: 0}
    while True:
        head = edges[path[-1]][0]
        if head in seen:
            return path[seen[head] :]
        seen[head] = len(path)
        path.append(head)
