"""What each workload reaches through its dependencies, in memory that grows with the board,
not with the square of its longest chain.

`ReachGraph` is the dependency graph as integer lists with each cycle collapsed into one component;
`Reach` keeps, per component, the exact count of fragile workloads it reaches and the few
smallest of their ids (enough to name some); `_Sweep` counts with bit sets only where large parts
of the graph meet, dropping each set as soon as nothing needs it and slicing the work when the
live sets would pass LIVE_BITS_BUDGET. Used by `dependencies.DependencyIndex`.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import cast

from whiteboard.model import Board

#: How many fragile names a risk spells out; the count beyond them is kept exactly.
NAMES_SHOWN = 3
#: How many of the smallest fragile ids each workload's reach keeps, to read names from.
LOWEST_KEPT = 8
#: Bits the exact count may hold in bit sets at once (2**30 bits, 128 MB); when the sets still
#: needed at one time would be bigger, the fragile workloads are counted in several passes.
LIVE_BITS_BUDGET = 1 << 30
#: The fewest fragile workloads one counting pass covers.
MIN_PASS_BITS = 1 << 13


class ReachGraph:
    """The dependency graph as integer lists, each cycle collapsed into one component.

    Workload i (board order) belongs to component `comp[i]`: i itself, or for the members of a
    cycle the first of them in board order (`members` lists those). `succ[c]` and `pred[c]` are
    the components c depends on and that depend on c, without repeats and never c itself;
    `order` lists every component after all those it depends on. `rank[i]` is workload i's
    place among the depended-on ids in sorted order (-1 when nothing depends on it), so names
    come out smallest id first; `ids[rank]` is the id again.
    """

    __slots__ = ("comp", "crowded", "ids", "members", "order", "position", "pred", "rank", "succ")

    def __init__(self, board: Board, cyclic: Sequence[Sequence[str]]) -> None:
        workloads = board.workloads
        position = self.position = {w.id: i for i, w in enumerate(workloads)}
        count = len(workloads)
        comp = list(range(count))
        members: dict[int, tuple[int, ...]] = {}
        for names in cyclic:
            indices = tuple(sorted(position[wid] for wid in names))
            for i in indices:
                comp[i] = indices[0]
            members[indices[0]] = indices
        succ: list[tuple[int, ...]] = [()] * count
        for i, workload in enumerate(workloads):
            if workload.depends_on:
                succ[i] = tuple(comp[position[dep]] for dep in workload.depends_on)
        for first, indices in members.items():
            merged = dict.fromkeys(c for i in indices for c in succ[i])
            merged.pop(first, None)
            for i in indices:
                succ[i] = ()
            succ[first] = tuple(merged)
        if members:  # two dependencies in one cycle are one component
            succ = [tuple(dict.fromkeys(s)) if len(s) > 1 else s for s in succ]
        pred: list[list[int]] = [[] for _ in range(count)]
        for c, targets in enumerate(succ):
            for t in targets:
                pred[t].append(c)
        self.comp, self.members, self.succ, self.pred = comp, members, succ, pred
        self.order = _postorder(comp, succ)
        self.ids = sorted({dep for w in workloads for dep in w.depends_on})
        rank = self.rank = [-1] * count
        for r, wid in enumerate(self.ids):
            rank[position[wid]] = r
        #: Workloads with enough dependencies to crowd out the kept ranks of what they reach
        #: (see `Reach.names`) -> the positions of those dependencies.
        self.crowded = {
            i: tuple(position[dep] for dep in w.depends_on)
            for i, w in enumerate(workloads)
            if len(w.depends_on) >= LOWEST_KEPT - NAMES_SHOWN
        }

    def upstream(self, starts: Iterable[int]) -> set[int]:
        """The components that reach one of these through at least one dependency (so a
        component that is a cycle is upstream of itself)."""
        starts = set(starts)
        pred, members = self.pred, self.members
        seen: set[int] = set()
        stack = [p for c in starts for p in pred[c]]
        while stack:
            c = stack.pop()
            if c not in seen:
                seen.add(c)
                stack.extend(p for p in pred[c] if p not in seen)
        seen.update(c for c in starts if c in members)
        return seen


def _postorder(comp: Sequence[int], succ: Sequence[Sequence[int]]) -> list[int]:
    """The components, each after everything it depends on (depth first, so that what one
    workload needs is finished close together: fewer bit sets wait at once in `_Sweep`)."""
    order: list[int] = []
    done = bytearray(len(comp))
    for root, first in enumerate(comp):
        if first != root or done[root]:
            continue
        done[root] = 1
        stack = [(root, iter(succ[root]))]
        while stack:
            c, rest = stack[-1]
            for t in rest:
                if not done[t]:
                    done[t] = 1
                    stack.append((t, iter(succ[t])))
                    break
            else:
                stack.pop()
                order.append(c)
    return order


class Reach:
    """For each component c, facts about D(c): the fragile workloads among its members and
    among everything it depends on, down the chain (by rank, see `ReachGraph`).

    `count[c]` is the exact size of D(c) and `lowest[c]` its LOWEST_KEPT smallest ranks (None
    after `flipped`, until asked again). A workload's inherited risk is D of its component
    less itself and its fragile direct dependencies, all of which are in D: so its count is a
    subtraction, and its names are the first of `lowest` that are not among those, unless
    they take up so many of the kept ranks that too few are left (`names`).

    Both are built from the leaves up. A component with one dependency adds its own fragile
    members to that one's facts, so a chain costs as much as its length. Where branches meet,
    the smallest ranks of a union are among the smallest of its parts, and while every part
    is small its kept ranks are all of it; only where a big part meets another is D counted
    exactly, with bit sets (`_Sweep`).
    """

    __slots__ = ("count", "lowest", "own", "picked", "settled")

    def __init__(
        self,
        own: list[tuple[int, ...]],
        count: list[int],
        lowest: list[tuple[int, ...] | None],
        picked: dict[int, tuple[int, ...]] | None = None,
    ) -> None:
        self.own = own
        self.count = count
        self.lowest = lowest
        #: Workload index -> its names, where `lowest` has too few (see `names`).
        self.picked = picked if picked is not None else {}
        #: Whether `picked` holds every workload that needs it.
        self.settled = False

    @classmethod
    def build(cls, graph: ReachGraph, fragile: Mapping[str, str]) -> Reach:
        size = len(graph.comp)
        own: list[tuple[int, ...]] = [()] * size
        cycles: dict[int, list[int]] = {}
        for wid in fragile:
            at = graph.position.get(wid)
            if at is not None and graph.rank[at] >= 0:
                c = graph.comp[at]
                if c in graph.members:
                    cycles.setdefault(c, []).append(graph.rank[at])
                else:
                    own[c] = (graph.rank[at],)
        for c, ranks in cycles.items():
            own[c] = tuple(sorted(ranks))
        succ = graph.succ
        count: list[int] = [-1] * size  # -1: not known yet
        lowest: list[tuple[int, ...]] = [()] * size
        big: list[int] = []
        for c in graph.order:
            below = succ[c]
            mine = own[c]
            if not below:
                lowest[c] = mine[:LOWEST_KEPT]
                count[c] = len(mine)
            elif len(below) == 1:
                (one,) = below
                lowest[c] = _smallest(mine, (lowest[one],))
                if count[one] >= 0:
                    count[c] = count[one] + len(mine)
            else:
                parts = [lowest[t] for t in below]
                lowest[c] = _smallest(mine, parts)
                if all(len(part) < LOWEST_KEPT for part in parts):
                    count[c] = len(set(mine).union(*parts))
                else:
                    big.append(c)
        if big:
            for c in big:
                count[c] = 0
            sweep = _Sweep(graph, own, lowest, big, by_rank=False)
            for c, _, bits in sweep.run():
                count[c] += bits.bit_count()
        for c in graph.order:  # what sits above a big union, one dependency at a time
            if count[c] < 0:
                (one,) = succ[c]
                count[c] = count[one] + len(own[c])
        return cls(own, count, cast("list[tuple[int, ...] | None]", lowest))

    def flipped(self, graph: ReachGraph, flips: Sequence[tuple[str, int]]) -> Reach:
        """The facts after these workloads became fragile (+1) or stopped being so (-1): every
        component that reaches one counts one more or one fewer, and forgets its kept ranks."""
        own, count, lowest = self.own.copy(), self.count.copy(), self.lowest.copy()
        touched: set[int] = set()
        for wid, change in flips:
            at = graph.position.get(wid)
            if at is None or graph.rank[at] < 0:
                continue
            c, r = graph.comp[at], graph.rank[at]
            own[c] = tuple(sorted({*own[c], r} if change > 0 else set(own[c]) - {r}))
            for up in {c} | graph.upstream((c,)):
                count[up] += change
                lowest[up] = None
                touched.add(up)
        comp = graph.comp
        picked = {at: names for at, names in self.picked.items() if comp[at] not in touched}
        return Reach(own, count, lowest, picked)

    def names(
        self, graph: ReachGraph, fragile: Mapping[str, str], at: int, skip: set[int], count: int
    ) -> tuple[int, ...]:
        """The NAMES_SHOWN smallest ranks that workload `at` reaches, less those in `skip`."""
        kept = self._lowest(graph, graph.comp[at])
        names = tuple(r for r in kept if r not in skip)[:NAMES_SHOWN]
        if len(names) >= min(NAMES_SHOWN, count):
            return names
        # Its direct dependencies are most of the smallest it reaches.
        if not self.settled:
            self._settle(graph, fragile)
        return self.picked[at]

    def _settle(self, graph: ReachGraph, fragile: Mapping[str, str]) -> None:
        """Names for every workload whose direct dependencies crowd out its kept ranks, all
        in one sweep of bit sets in rank order, stopped as soon as all of them have theirs."""
        rank, ids = graph.rank, graph.ids
        waiting: dict[int, list[tuple[int, tuple[int, ...], int, list[int]]]] = {}
        for at, deps in graph.crowded.items():
            if at in self.picked:
                continue
            skip = {rank[d] for d in deps if ids[rank[d]] in fragile}
            if rank[at] >= 0 and ids[rank[at]] in fragile:
                skip.add(rank[at])
            c = graph.comp[at]
            need = min(NAMES_SHOWN, self.count[c] - len(skip))
            kept = self._lowest(graph, c)
            if need and len([r for r in kept if r not in skip][:need]) < need:
                waiting.setdefault(c, []).append((at, tuple(sorted(skip)), need, []))
        self.settled = True
        if not waiting:
            return
        lowest = cast("list[tuple[int, ...]]", self.lowest)  # `_lowest` filled all below
        sweep = _Sweep(graph, self.own, lowest, list(waiting), by_rank=True)
        left = sum(map(len, waiting.values()))
        number = sweep.number
        for c, low, bits in sweep.run():
            for at, skip, need, found in waiting[c]:
                if len(found) == need:
                    continue
                free = bits & ~_bits([number[r] for r in skip], low, low + bits.bit_length())
                while free and len(found) < need:
                    lone = free & -free
                    found.append(sweep.ranks[low + lone.bit_length() - 1])
                    free ^= lone
                if len(found) == need:
                    self.picked[at] = tuple(found)
                    left -= 1
            if not left:
                break

    def _lowest(self, graph: ReachGraph, c: int) -> tuple[int, ...]:
        """`lowest[c]`, worked out again (with what it depends on) when `flipped` dropped it."""
        lowest = self.lowest
        kept = lowest[c]
        if kept is not None:
            return kept
        succ, own = graph.succ, self.own
        stack = [c]
        while stack:
            top = stack[-1]
            missing = [t for t in succ[top] if lowest[t] is None]
            if missing:
                stack.extend(missing)
                continue
            stack.pop()
            if lowest[top] is None:
                parts = [lowest[t] or () for t in succ[top]]  # all filled by now
                lowest[top] = _smallest(own[top], parts)
        kept = lowest[c]
        assert kept is not None
        return kept


def _smallest(mine: tuple[int, ...], parts: Sequence[tuple[int, ...]]) -> tuple[int, ...]:
    """The LOWEST_KEPT smallest of `mine` and the parts together."""
    if len(parts) == 1 and not mine:
        return parts[0]
    pool = set(mine).union(*parts)
    if len(pool) <= 4 * LOWEST_KEPT:
        return tuple(sorted(pool)[:LOWEST_KEPT])
    return tuple(heapq.nsmallest(LOWEST_KEPT, pool))


class _Sweep:
    """D(c) as bit sets for the components in `targets`, from the leaves up.

    A part whose kept ranks are all of it (fewer than LOWEST_KEPT) is read from them; the
    others are built from what they depend on, in `graph.order`, and dropped once nothing
    needs them any more. Either each set is kept until the last component that needs it
    takes it (`pull`: good when many wait for one), or pushed into those that need it at once
    (good when one waits for many: a set pushed into several is shared until one of them
    takes another); the one that holds fewer sets at once is used. Bit i stands for the i-th
    fragile rank met (`by_rank`: the i-th smallest). When the sets alive at once could exceed
    LIVE_BITS_BUDGET bits, the numbers are swept a slice at a time, so memory stays bounded
    whatever the shape of the graph.
    """

    def __init__(
        self,
        graph: ReachGraph,
        own: Sequence[tuple[int, ...]],
        lowest: Sequence[tuple[int, ...]],
        targets: Sequence[int],
        *,
        by_rank: bool,
    ) -> None:
        succ = graph.succ
        # The components whose sets are needed: the targets and every big part below them.
        needed = set(targets)
        stack = list(targets)
        while stack:
            for t in succ[stack.pop()]:
                if len(lowest[t]) >= LOWEST_KEPT and t not in needed:
                    needed.add(t)
                    stack.append(t)
        order = self.order = [c for c in graph.order if c in needed]
        self.targets = set(targets)
        smalls: list[set[int]] = []
        parts: list[tuple[int, ...]] = []  # by place in `order`: its big parts
        feeds: dict[int, list[int]] = {c: [] for c in order}  # who needs its set
        for c in order:
            small = set(own[c])
            big = []
            for t in succ[c]:
                if len(lowest[t]) < LOWEST_KEPT:
                    small.update(lowest[t])
                else:
                    big.append(t)
                    feeds[t].append(c)
            smalls.append(small)
            parts.append(tuple(big))
        self.parts, self.feeds = parts, feeds
        number: dict[int, int] = {}
        #: born[i]: where in `order` number i is first met (before it, sets hold no bit >= i)
        self.born: list[int] = []
        if by_rank:
            number = {r: i for i, r in enumerate(sorted(set().union(*smalls)))}
            self.born = [0] * len(number)
        else:
            for at, small in enumerate(smalls):
                for r in small:
                    if r not in number:
                        number[r] = len(number)
                        self.born.append(at)
        self.number = number
        self.ranks = sorted(number, key=number.__getitem__)
        #: By place in `order`: the numbers of its own fragile members and its small parts.
        self.extra = [tuple(sorted(number[r] for r in small)) for small in smalls]
        pulled, pushed = _alive_pulling(order, parts, feeds), _alive_pushing(order, feeds)
        self.pull = pulled <= pushed
        self.width = max(MIN_PASS_BITS, LIVE_BITS_BUDGET // min(pulled, pushed))

    def run(self) -> Iterator[tuple[int, int, int]]:
        """(target, low, bits) for each slice of numbers from low, where the target's set has
        some: bit i of bits is number low + i. Slices come lowest numbers first."""
        order, extra, parts, feeds = self.order, self.extra, self.parts, self.feeds
        targets = self.targets
        for low in range(0, len(self.number), self.width):
            high = low + self.width
            sets: dict[int, int] = {}  # pull: what is kept; push: what is taken so far
            left = {c: len(feeds[c]) for c in order} if self.pull else {}
            for at in range(self.born[low], len(order)):
                c = order[at]
                mine = extra[at]
                bits = _bits(mine, low, high) if mine else 0
                if self.pull:
                    for t in parts[at]:
                        part = sets.get(t)
                        if part:
                            bits = bits | part if bits else part
                        left[t] -= 1
                        if not left[t]:
                            sets.pop(t, None)
                else:
                    part = sets.pop(c, 0)
                    bits = bits | part if bits else part
                if not bits:
                    continue
                if c in targets:
                    yield c, low, bits
                if self.pull:
                    if feeds[c]:
                        sets[c] = bits
                else:
                    for p in feeds[c]:
                        have = sets.get(p)
                        sets[p] = bits if have is None else have | bits


def _alive_pulling(
    order: Sequence[int], parts: Sequence[Sequence[int]], feeds: Mapping[int, Sequence[int]]
) -> int:
    """How many sets `_Sweep.run` holds at once at most, pulling (as if none were empty)."""
    left = {c: len(feeds[c]) for c in order}
    alive = peak = 0
    for at, c in enumerate(order):
        peak = max(peak, alive + 1)
        for t in parts[at]:
            left[t] -= 1
            if not left[t]:
                alive -= 1
        if feeds[c]:
            alive += 1
    return max(peak, 1)


def _alive_pushing(order: Sequence[int], feeds: Mapping[int, Sequence[int]]) -> int:
    """How many distinct sets `_Sweep.run` holds at once at most, pushing."""
    pushes: dict[int, int] = {}  # waiting component -> how many sets it took
    sole: dict[int, int] = {}  # waiting component that took one set -> whose
    holders: dict[int, int] = {}  # component -> how many hold its set as their only one
    alive = peak = 0

    def release(c: int) -> int:
        pusher = sole.pop(c)
        holders[pusher] -= 1
        if holders[pusher]:
            return 0
        del holders[pusher]
        return 1

    for c in order:
        took = pushes.pop(c, 0)
        if took == 1:
            alive -= release(c)
        elif took:
            alive -= 1
        peak = max(peak, alive + 1)
        for p in feeds[c]:
            took = pushes.get(p, 0)
            pushes[p] = took + 1
            if not took:
                sole[p] = c
                alive += c not in holders
                holders[c] = holders.get(c, 0) + 1
            elif took == 1:
                alive += 1 - release(p)
    return max(peak, 1)


def _bits(numbers: Sequence[int], low: int, high: int) -> int:
    """The `numbers` (sorted) in [low, high) as an integer, bit i for number low + i."""
    if not numbers:
        return 0
    if numbers[0] >= low and numbers[-1] < high:
        picked = numbers
    else:
        picked = numbers[bisect.bisect_left(numbers, low) : bisect.bisect_left(numbers, high)]
    if len(picked) <= 16:
        return sum(1 << (n - low) for n in picked)
    buffer = bytearray(((picked[-1] - low) >> 3) + 1)
    for n in picked:
        n -= low
        buffer[n >> 3] |= 1 << (n & 7)
    return int.from_bytes(buffer, "little")
