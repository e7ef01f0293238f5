"""The pets/cattle chart and the math that places workloads on it."""

from __future__ import annotations

import math
from collections import Counter

from whiteboard.model import Board, Workload
from whiteboard.slides.chart import pets_cattle_chart
from whiteboard.slides.positions import (
    architecture_y,
    base_position,
    chart_positions,
    economic_x,
    jitter,
    spread,
)
from whiteboard.slides.scene import Ellipse
from whiteboard.slides.theme import style


def test_unplaced_workloads_sit_on_premises_and_cloud_ones_to_the_right() -> None:
    assert economic_x(None) < 0.5
    xs = [economic_x(t) for t in ("bare_metal", "ec2", "containers", "fargate", "lambda")]
    assert all(x > 0.5 for x in xs)
    assert xs == sorted(xs)


def test_cattle_sit_above_pets_and_state_pulls_down() -> None:
    pet = Workload(id="a", name="A", architecture="pet", stateful=True, ops_maturity="low")
    cattle = Workload(id="b", name="B", architecture="cattle", traffic="event_driven")
    assert architecture_y(pet) < 0.5 < architecture_y(cattle)
    assert architecture_y(pet.model_copy(update={"stateful": False})) > architecture_y(pet)


def test_jitter_is_deterministic_and_small() -> None:
    assert jitter("web-shop") == jitter("web-shop")
    assert jitter("web-shop") != jitter("payments")
    assert all(abs(v) <= 0.035 for v in jitter("x"))
    w = Workload(id="web", name="Web")
    assert base_position(w, None) == base_position(w, None)


def test_spread_keeps_points_apart() -> None:
    points = [(0.5, 0.5)] * 20
    settled = spread(points, 30, width=1000, height=1000)
    for i, a in enumerate(settled):
        for b in settled[i + 1 :]:
            assert math.hypot((a[0] - b[0]) * 1000, (a[1] - b[1]) * 1000) >= 30 - 1e-6
    assert settled == spread(points, 30, width=1000, height=1000)


def test_spread_avoids_blocked_areas() -> None:
    settled = spread([(0.5, 0.5)], 10, width=100, height=100, blocked=lambda p: p[0] < 0.6)
    assert settled[0][0] >= 0.6


def test_chart_plots_every_workload_once(demo_board: Board) -> None:
    chart = pets_cattle_chart(demo_board)
    ids = [e.id for e in chart]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    for workload in demo_board.workloads:
        point = chart.element(f"point:{workload.id}")
        assert point.data["workload"] == workload.id
        assert chart.element(f"point-label:{workload.id}").data["workload"] == workload.id
    for element in chart:
        style(element.role)
    for ref in ("datacentre", "vmc", "azure-stack", "cloud-native"):
        assert f"reference:{ref}" in ids
    assert {"movement:vmc", "movement:azure-stack"} <= set(ids)


def test_points_do_not_overlap(demo_board: Board) -> None:
    chart = pets_cattle_chart(demo_board)
    points = [e for e in chart if isinstance(e, Ellipse)]
    for i, a in enumerate(points):
        for b in points[i + 1 :]:
            distance = math.hypot(a.x - b.x, a.y - b.y)
            assert distance >= (a.w + b.w) / 2, (a.id, b.id)


def test_placement_moves_a_point_right(demo_board: Board) -> None:
    before = chart_positions(demo_board)["ml-training"]
    after = chart_positions(demo_board.with_placement("ml-training", "ec2"))["ml-training"]
    assert after[0] > before[0] + 0.3


def test_a_large_board_still_makes_a_sane_chart() -> None:
    workloads = tuple(Workload(id=f"w{i}", name=f"W {i}") for i in range(600))
    chart = pets_cattle_chart(Board(name="big", workloads=workloads))
    bubbles = [e for e in chart if e.id.startswith("bubble:")]
    assert sum(int(b.data["count"]) for b in bubbles) == 600
    assert all(b.x >= 0 and b.x + b.w <= chart.width for b in bubbles)


def test_the_legend_names_every_point_colour_used_and_enters_with_the_workloads() -> None:
    from whiteboard.model import load_board
    from whiteboard.paths import DEMO_BOARD
    from whiteboard.slides.chart import pets_cattle_chart

    scene = pets_cattle_chart(load_board(DEMO_BOARD))
    legend = {e.role for e in scene if e.id.startswith("legend-dot:")}
    points = {e.role for e in scene if e.id.startswith("point:")}
    assert points <= legend  # every colour on the chart is explained
    steps = {e.step for e in scene if e.id.startswith(("legend", "point:"))}
    assert len(steps) == 1
    assert not [e for e in pets_cattle_chart() if e.id.startswith("legend")]
