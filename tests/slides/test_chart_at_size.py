"""The pets/cattle chart of big boards: numbered bubbles per group and target, and their key."""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter

import pytest

from whiteboard.model import Board, Workload
from whiteboard.model.vocab import EDITION_TARGETS
from whiteboard.scoring import score_board
from whiteboard.scoring.results import BoardScore
from whiteboard.slides import chart_groups
from whiteboard.slides.chart import (
    DOTS_MAX,
    STEP_WORKLOADS,
    _quadrant_label_box,
    pets_cattle_chart,
)
from whiteboard.slides.chart_groups import Bubble, merge_to_fit
from whiteboard.slides.geometry import Box, Frame
from whiteboard.slides.scene import Ellipse, Scene, Text
from whiteboard.slides.textfit import fit_lines, text_width
from whiteboard.slides.theme import style

APPS = (
    "Payments",
    "Customer portal",
    "Data warehouse",
    "HR systems",
    "Billing",
    "Logistics",
    "Mobile backend",
    "Analytics",
    "Identity",
    "Search",
    "Inventory",
    "CRM",
    "ERP finance",
    "Marketing site",
    "Reporting",
    "Fraud detection",
    "Order management",
    "Partner APIs",
    "Document store",
    "Legacy mainframe bridge to the core banking platform, wave 3 (EMEA)",
)


def grouped_board(count: int, groups: int, seed: int = 1) -> Board:
    """Workloads in `groups` applications (one in eleven ungrouped), most of a group on its own
    target, some anywhere, some unplaced; a few need a GPU, which some targets cannot give."""
    rng = random.Random(seed)
    targets = EDITION_TARGETS["2026"]
    names = [
        APPS[i % len(APPS)] + (f" {i // len(APPS)}" if i >= len(APPS) else "")
        for i in range(groups)
    ]
    workloads, placements = [], {}
    for index in range(count):
        group = None if index % 11 == 10 else names[index % groups]
        workload = Workload(
            id=f"w{index:05d}",
            name=f"Service {index}",
            group=group,
            architecture=rng.choice(("pet", "cattle")),
            stateful=rng.random() < 0.3,
            traffic=rng.choice(("steady", "spiky", "event_driven", "idle")),
            ops_maturity=rng.choice(("low", "medium", "high")),
            gpu=rng.random() < 0.08,
        )
        workloads.append(workload)
        roll = rng.random()
        if roll < 0.15:
            continue
        home = targets[(index % groups) % len(targets)]
        placements[workload.id] = home if roll < 0.75 else rng.choice(targets)
    return Board(name=f"{count} grouped", workloads=tuple(workloads), placements=placements)


@pytest.fixture(scope="module")
def board_300() -> tuple[Board, BoardScore]:
    board = grouped_board(300, groups=12)
    return board, score_board(board)


@pytest.fixture(scope="module")
def board_2000() -> tuple[Board, BoardScore]:
    board = grouped_board(2000, groups=60, seed=2)
    return board, score_board(board)


@pytest.fixture(scope="module", params=["300", "2000"])
def big(request: pytest.FixtureRequest) -> tuple[Board, BoardScore, Scene]:
    board, scores = request.getfixturevalue(f"board_{request.param}")
    return board, scores, pets_cattle_chart(board, scores)


def bubbles(scene: Scene) -> list[Ellipse]:
    return [e for e in scene if isinstance(e, Ellipse) and e.id.startswith("bubble:")]


def outer_radius(scene: Scene, bubble: Ellipse) -> float:
    """A bubble's radius with its red ring, if it has one."""
    try:
        ring = scene.element(bubble.id.replace("bubble:", "bubble-ring:"))
    except KeyError:
        return bubble.w / 2
    assert isinstance(ring, Ellipse)
    return ring.w / 2


def circle_hits_box(cx: float, cy: float, r: float, box: Box) -> bool:
    x, y, w, h = box
    nx, ny = min(max(cx, x), x + w), min(max(cy, y), y + h)
    return math.hypot(cx - nx, cy - ny) < r


def test_every_workload_is_counted_in_exactly_one_bubble(big) -> None:
    board, _, scene = big
    counted = Counter(w for b in bubbles(scene) for w in b.data["workloads"].split(","))
    assert counted == Counter(w.id for w in board.workloads)
    assert all(int(b.data["count"]) == len(b.data["workloads"].split(",")) for b in bubbles(scene))
    assert not [e for e in scene if e.id.startswith("point")]


def test_a_bubble_holds_one_group_on_one_target(board_300) -> None:
    board, scores = board_300
    scene = pets_cattle_chart(board, scores)
    for bubble in bubbles(scene):
        members = [board.workload(w) for w in bubble.data["workloads"].split(",")]
        assert {board.placement(w.id) or "" for w in members} == {bubble.data["target"]}
        if bubble.data["merged_groups"] == "0":
            assert {w.group or "Ungrouped" for w in members} == {bubble.data["group"]}


def test_bubbles_keep_clear_of_the_reference_and_quadrant_labels(big) -> None:
    _, _, scene = big
    frame = Frame(scene.width, scene.height)
    keep_clear = [
        (e.x, e.y, e.w, e.h)
        for e in scene
        if e.id.startswith(("reference-label:", "reference:", "movement-label:"))
    ]
    keep_clear += [
        frame.box(*_quadrant_label_box(e, frame))
        for e in scene
        if e.id.startswith("quadrant-label:")
    ]
    for bubble in bubbles(scene):
        cx, cy, r = bubble.x + bubble.w / 2, bubble.y + bubble.h / 2, outer_radius(scene, bubble)
        for box in keep_clear:
            assert not circle_hits_box(cx, cy, r, box), (bubble.id, box)


def test_bubbles_do_not_cover_each_other_and_their_numbers_fit(big) -> None:
    _, _, scene = big
    shown = bubbles(scene)
    for i, a in enumerate(shown):
        for b in shown[i + 1 :]:
            distance = math.hypot(a.x + a.w / 2 - b.x - b.w / 2, a.y + a.h / 2 - b.y - b.h / 2)
            assert distance >= outer_radius(scene, a) + outer_radius(scene, b), (a.id, b.id)
        number = scene.element(a.id.replace("bubble:", "bubble-number:"))
        assert isinstance(number, Text)
        assert number.text == a.data["bubble"]
        assert text_width(number.text, number.size, bold=True) <= a.w - 4
        assert number.size >= 10
    frame = scene.element("frame")
    assert all(
        frame.x <= b.x
        and b.x + b.w <= frame.x + frame.w
        and frame.y <= b.y
        and b.y + b.h <= frame.y + frame.h
        for b in shown
    )


def test_the_key_fits_inside_the_scene_beside_the_plot(big) -> None:
    _, _, scene = big
    frame = scene.element("frame")
    key = [e for e in scene if e.id.startswith(("key", "legend"))]
    assert key
    for element in key:
        assert isinstance(element, Text | Ellipse)
        assert element.x >= 0 and element.x + element.w <= scene.width, element.id
        assert element.y >= 0 and element.y + element.h <= scene.height, element.id
        assert element.x >= frame.x + frame.w, element.id
        if isinstance(element, Text):
            assert element.size >= 11
            assert (
                fit_lines(element.text, element.size, element.w, element.h)
                == element.text.split("\n")
                or element.id == "key-note"
            ), element.id
    lines = sorted((e for e in key if e.id.startswith("key:")), key=lambda e: e.y)
    for upper, lower in itertools.pairwise(lines):
        assert upper.y + upper.h <= lower.y + 1e-6


def test_the_key_names_every_bubble_with_its_group_target_and_count(big) -> None:
    _, _, scene = big
    numbers = [int(b.data["bubble"]) for b in bubbles(scene)]
    assert sorted(numbers) == list(range(1, len(numbers) + 1))
    for bubble in bubbles(scene):
        line = scene.element(f"key:{bubble.data['bubble']}")
        assert isinstance(line, Text)
        assert line.data == bubble.data
        assert f"({bubble.data['count']}" in line.text
        assert chart_groups.target_name(bubble.data["target"] or None) in line.text
        if bubble.data["cannot_run"] != "0":
            assert f"{bubble.data['cannot_run']} cannot run" in line.text


def test_too_many_groups_merge_the_smallest_per_target_and_the_key_says_so(board_2000) -> None:
    board, scores = board_2000
    scene = pets_cattle_chart(board, scores)
    merged = [b for b in bubbles(scene) if b.data["merged_groups"] != "0"]
    assert merged
    assert len({b.data["target"] for b in merged}) == len(merged)  # one per target at most
    note = scene.element("key-note")
    assert isinstance(note, Text)
    groups = sum(int(b.data["merged_groups"]) for b in merged)
    workloads = sum(int(b.data["count"]) for b in merged)
    assert f"{groups} groups, {workloads} workloads" in note.text
    # The kept bubbles are the big ones: none merged away is larger than one kept on its target.
    kept = [b for b in bubbles(scene) if b.data["merged_groups"] == "0"]
    all_groups = chart_groups.group_bubbles(board, scores)
    kept_ids = {b.data["workloads"] for b in kept}
    for target in {b.data["target"] for b in merged}:
        smallest_kept = min(
            (int(b.data["count"]) for b in kept if b.data["target"] == target), default=math.inf
        )
        lost = [
            b.count
            for b in all_groups
            if (b.target or "") == target and ",".join(b.workloads) not in kept_ids
        ]
        assert max(lost) <= smallest_kept


def test_300_workloads_in_a_dozen_groups_list_every_group_without_merging() -> None:
    board = grouped_board(300, groups=12)
    board = board.with_fields(
        placements={
            w.id: EDITION_TARGETS["2026"][i % 12 % 7]
            for i, w in enumerate(board.workloads)
            if w.id in board.placements
        }
    )
    scene = pets_cattle_chart(board, score_board(board))
    assert all(b.data["merged_groups"] == "0" for b in bubbles(scene))
    assert not [e for e in scene if e.id == "key-note"]


def test_cannot_run_where_placed_shows_in_the_impossible_style(big) -> None:
    _, _, scene = big
    seen = set()
    for bubble in bubbles(scene):
        cannot, count = int(bubble.data["cannot_run"]), int(bubble.data["count"])
        ring = [e for e in scene if e.id == bubble.id.replace("bubble:", "bubble-ring:")]
        if bubble.data["target"] == "":
            assert bubble.role == "workload_point_unplaced" and cannot == 0
        elif cannot == count:
            assert bubble.role == "workload_point_infeasible" and not ring
        elif cannot:
            assert bubble.role == "workload_point" and ring[0].role == "violation_mark"
        else:
            assert bubble.role == "workload_point" and not ring
        seen.add(bubble.role if not ring else "ring")
    assert {"workload_point", "workload_point_unplaced", "ring"} <= seen
    legend = {e.role for e in scene if e.id.startswith("legend-dot:")}
    assert {b.role for b in bubbles(scene)} | {"violation_mark"} <= legend


def test_every_shape_has_a_style_and_the_workloads_step(big) -> None:
    _, _, scene = big
    for element in scene:
        style(element.role)
        if element.id.startswith(("bubble", "key", "legend")):
            assert element.step == STEP_WORKLOADS
    assert len({e.id for e in scene}) == len(scene.elements)


def test_the_chart_of_a_big_board_is_deterministic(board_300) -> None:
    board, scores = board_300
    assert pets_cattle_chart(board, scores) == pets_cattle_chart(board, scores)
    # A copy of the board (not the same object) gives the same scene.
    copy = Board.model_validate(board.model_dump())
    assert pets_cattle_chart(copy, scores) == pets_cattle_chart(board, scores)


def test_dots_up_to_the_threshold_bubbles_past_it(demo_board: Board) -> None:
    demo = pets_cattle_chart(demo_board)
    assert len([e for e in demo if e.id.startswith("point:")]) == len(demo_board.workloads)
    assert not bubbles(demo)
    small = grouped_board(DOTS_MAX, groups=4)
    assert len([e for e in pets_cattle_chart(small) if e.id.startswith("point:")]) == DOTS_MAX
    assert bubbles(pets_cattle_chart(grouped_board(DOTS_MAX + 1, groups=4)))


def test_ungrouped_workloads_aggregate_per_target_and_groups_ignore_case() -> None:
    workloads = [Workload(id=f"w{i}", name=f"W {i}") for i in range(DOTS_MAX + 10)]
    workloads[0] = workloads[0].model_copy(update={"group": "Payments"})
    workloads[1] = workloads[1].model_copy(update={"group": "payments"})
    board = Board(
        name="ungrouped",
        workloads=tuple(workloads),
        placements={w.id: "ec2" for w in workloads[: len(workloads) // 2]},
    )
    scene = pets_cattle_chart(board)
    by_key = {(b.data["group"], b.data["target"]): int(b.data["count"]) for b in bubbles(scene)}
    half = len(workloads) // 2
    assert by_key == {
        ("Payments", "ec2"): 2,
        ("Ungrouped", "ec2"): half - 2,
        ("Ungrouped", ""): len(workloads) - half,
    }


def _bubble(group: str, target: str | None, count: int, start: int) -> Bubble:
    ids = tuple(f"w{start + i}" for i in range(count))
    return Bubble(
        group=group, target=target, workloads=ids, cannot_run=0, total=(0.5 * count, 0.5 * count)
    )


def test_merge_to_fit_keeps_the_largest_and_counts_everyone() -> None:
    targets = EDITION_TARGETS["2026"]
    found = [_bubble(f"G{i}", "ec2", 10 - i, i * 100) for i in range(8)]
    found += [_bubble("Lonely", "lambda", 1, 5000)]
    merged = merge_to_fit(found, 5, targets)
    assert len(merged) == 5
    assert sum(b.count for b in merged) == sum(b.count for b in found)
    names = [b.label for b in merged]
    assert names == ["G0", "G1", "G2", "Lonely", "5 other groups"]  # a lone leftover keeps its name
    assert [b.number for b in merged] == [1, 2, 3, 4, 5]
    assert merge_to_fit(found, 20, targets) == found
