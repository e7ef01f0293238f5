"""Where a workload sits on the pets/cattle chart, as plain math that tests can pin down.

Unit coordinates: x from 0 (on-premises, capex) to 1 (cloud, pay as you go), y from 0 (pets,
traditional enterprise) to 1 (cattle, cloud-native). X comes from the placement (an unplaced
workload is still in the data centre), Y from the workload's own attributes. A deterministic
jitter from the workload id, then a spiral search, keep points from landing on each other.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence
from functools import cache

from whiteboard.catalog import default_catalog
from whiteboard.model import Board, TargetId, Workload

#: X of an unplaced workload: still in the data centre, bought as capex. A placed one takes its
#: target's `slide.chart_x` from the catalog: everything on AWS is pay as you go, and the further
#: right the target, the more of the estate is bought as a service rather than as capacity.
UNPLACED_X = 0.2
ARCHITECTURE_Y = {"pet": 0.24, "cattle": 0.68}
OPS_MATURITY_DY = {"low": -0.05, "medium": 0.0, "high": 0.06}
TRAFFIC_DY = {"event_driven": 0.12, "spiky": 0.06, "steady": 0.0, "idle": -0.03}
STATEFUL_DY = -0.08
LOW, HIGH = 0.05, 0.95
JITTER = 0.035

Point = tuple[float, float]


def economic_x(target: TargetId | None) -> float:
    return UNPLACED_X if target is None else _chart_x(target)


@cache
def _chart_x(target: TargetId) -> float:
    """Looked up once per target: a big board asks for each of its thousands of workloads."""
    return default_catalog().target(target).slide.chart_x


def architecture_y(workload: Workload) -> float:
    """Pets low, cattle high; state, weak operations and steady traffic pull a workload down."""
    y = ARCHITECTURE_Y[workload.architecture]
    y += OPS_MATURITY_DY[workload.ops_maturity] + TRAFFIC_DY[workload.traffic]
    if workload.stateful:
        y += STATEFUL_DY
    return clamp(y)


def clamp(value: float) -> float:
    return min(HIGH, max(LOW, value))


def jitter(workload_id: str, amount: float = JITTER) -> Point:
    """A small offset that depends only on the id, so a chart looks the same on every run."""
    digest = hashlib.blake2b(workload_id.encode("utf-8"), digest_size=4).digest()
    dx = (int.from_bytes(digest[:2], "big") / 65535 - 0.5) * 2 * amount
    dy = (int.from_bytes(digest[2:], "big") / 65535 - 0.5) * 2 * amount
    return dx, dy


def base_position(workload: Workload, target: TargetId | None) -> Point:
    dx, dy = jitter(workload.id)
    return clamp(economic_x(target) + dx), clamp(architecture_y(workload) + dy)


def spread(
    points: Sequence[Point],
    min_distance: float,
    *,
    width: float,
    height: float,
    fixed: Sequence[Point] = (),
    blocked: Callable[[Point], bool] | None = None,
    max_tries: int = 400,
) -> list[Point]:
    """Move points (unit coordinates) apart until no two are closer than `min_distance` scene
    units on a `width` x `height` plot, searching outwards on a golden-angle spiral. Points are
    settled in order, so the result is deterministic; `fixed` points never move, and no point
    is settled where `blocked(unit point)` is true (labels, arrows) while a free place is left."""
    cell = min_distance
    grid: dict[tuple[int, int], list[Point]] = {}

    def to_scene(p: Point) -> Point:
        return p[0] * width, p[1] * height

    def key(p: Point) -> tuple[int, int]:
        return int(p[0] // cell), int(p[1] // cell)

    def free(p: Point) -> bool:
        kx, ky = key(p)
        for gx in (kx - 1, kx, kx + 1):
            for gy in (ky - 1, ky, ky + 1):
                for q in grid.get((gx, gy), ()):
                    if math.hypot(p[0] - q[0], p[1] - q[1]) < min_distance:
                        return False
        return blocked is None or not blocked((p[0] / width, p[1] / height))

    def occupy(p: Point) -> None:
        grid.setdefault(key(p), []).append(p)

    for point in fixed:
        occupy(to_scene(point))
    settled: list[Point] = []
    golden = math.pi * (3 - math.sqrt(5))
    for point in points:
        sx, sy = to_scene(point)
        candidate = (sx, sy)
        for attempt in range(1, max_tries + 1):
            if free(candidate):
                break
            radius = min_distance * 0.55 * math.sqrt(attempt)
            angle = attempt * golden
            ux = clamp((sx + radius * math.cos(angle)) / width)
            uy = clamp((sy + radius * math.sin(angle)) / height)
            candidate = (ux * width, uy * height)
        occupy(candidate)
        settled.append((candidate[0] / width, candidate[1] / height))
    return settled


def chart_positions(
    board: Board,
    *,
    min_distance: float = 30.0,
    width: float = 1000.0,
    height: float = 1000.0,
    fixed: Sequence[Point] = (),
    blocked: Callable[[Point], bool] | None = None,
    max_tries: int = 400,
) -> dict[str, Point]:
    """Workload id -> unit position on the chart, in board order, points kept apart."""
    bases = [base_position(w, board.placement(w.id)) for w in board.workloads]
    settled = spread(
        bases,
        min_distance,
        width=width,
        height=height,
        fixed=fixed,
        blocked=blocked,
        max_tries=max_tries,
    )
    return {w.id: p for w, p in zip(board.workloads, settled, strict=True)}
