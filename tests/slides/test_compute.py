"""The compute slide: stable ids, the computed line, readable type, cards in their columns."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from whiteboard.catalog import default_catalog
from whiteboard.model import Board, Workload
from whiteboard.model.vocab import EDITION_TARGETS
from whiteboard.slides import geometry as g
from whiteboard.slides.compute import compute_slide
from whiteboard.slides.scene import Polyline, Rect, Scene, Text
from whiteboard.slides.theme import style
from whiteboard.slides.trays import TrayView


@pytest.fixture(scope="module")
def slide(demo_board: Board) -> Scene:
    return compute_slide(demo_board)


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def test_element_ids_are_unique_and_stable(slide: Scene, demo_board: Board) -> None:
    ids = [e.id for e in slide]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert ids == [e.id for e in compute_slide(demo_board)]
    for fixed in ("title", "line", "space:provider", "space:consumer"):
        assert fixed in ids
    for target in demo_board.targets:
        for prefix in ("column", "header", "drop"):
            assert f"{prefix}:{target}" in ids
        assert f"service:{target}:0" in ids
        assert f"layer:{target}:hardware" in ids


def test_every_role_has_a_theme_style(slide: Scene) -> None:
    for element in slide:
        style(element.role)


@pytest.mark.parametrize("edition", ["2018", "2026"])
def test_the_line_crossings_follow_the_provider_layers(edition: str) -> None:
    catalog = default_catalog()
    targets = catalog.edition_targets(edition)
    columns = catalog.edition(edition).targets
    depth = {t.id: g.split_depth(t, catalog) for t in targets}
    crossing = {t.id: g.crossing_y(t, catalog) for t in targets}
    # Provider space is above the line: the more layers the provider runs, the lower it crosses.
    assert crossing["lambda"] == max(crossing.values())
    assert min(crossing, key=crossing.get) == "bare_metal"
    expected = {"bare_metal": 1, "ec2": 2, "containers": 2, "fargate": 5, "lambda": 6}
    if edition == "2026":
        expected |= {"managed_containers": 5, "lambda_managed": 6}
    assert depth == expected
    line = compute_slide(edition=edition).element("line")
    assert isinstance(line, Polyline)
    for target in targets:
        x, w = g.base_column(target.id, columns)
        centre = x + w / 2
        on_line = [py for px, py in line.points if px <= centre] or [line.points[0][1]]
        assert on_line[-1] == pytest.approx(crossing[target.id])


def test_the_container_control_plane_is_a_provider_island_below_the_line(slide: Scene) -> None:
    island = slide.element("layer:containers:container_control_plane")
    data_plane = slide.element("layer:containers:container_data_plane")
    assert island.role == "layer_island"
    assert data_plane.role == "layer_consumer"
    assert "AWS" in slide.element("layer-text:containers:container_control_plane").text
    assert slide.element("layer:fargate:container_data_plane").role == "layer_provider"


def test_type_is_slide_sized(slide: Scene, demo_board: Board) -> None:
    for target in demo_board.targets:
        assert slide.element(f"header:{target}").size >= 30
    body = [e for e in slide if isinstance(e, Text) and not e.id.startswith(("card", "more"))]
    assert min(e.size for e in body) >= 20


def test_seven_narrower_columns_shrink_their_type_alike_never_below_the_minimum() -> None:
    """Type shrinks to the theme's smallest size (11 px on a 1280x720 projector), no further:
    the few long notes and names that still do not fit are cut (the window shows them whole
    on hover), never a header."""
    from whiteboard.slides.textfit import text_block
    from whiteboard.slides.theme import MIN_TEXT

    scene = compute_slide(edition="2026")
    headers = {scene.element(f"header:{t}").size for t in EDITION_TARGETS["2026"]}
    assert len(headers) == 1 and 20 <= headers.pop() < 32
    texts = [e for e in scene if isinstance(e, Text)]
    assert min(e.size for e in texts) >= MIN_TEXT
    cut = [e.id for e in texts if any(line.endswith("…") for line in text_block(e).lines)]
    assert len(cut) <= 6
    assert all(c.startswith(("note:", "service-text:", "layer-text:")) for c in cut), cut


def test_nothing_is_clipped_and_texts_do_not_overlap(slide: Scene) -> None:
    texts = [e for e in slide if isinstance(e, Text)]
    for e in slide:
        if isinstance(e, Rect | Text):
            assert e.x >= 0 and e.x + e.w <= slide.width + 1e-6, e.id
            assert e.y >= 0 and e.y + e.h <= slide.height + 1e-6, e.id
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            box_a, box_b = (a.x, a.y, a.w, a.h), (b.x, b.y, b.w, b.h)
            if a.id.startswith("card") and b.id.startswith("card"):
                continue  # a card's score sits on its band, inside the card
            assert not _overlaps(box_a, box_b), (a.id, b.id)


def test_cards_land_in_their_placements_column(slide: Scene, demo_board: Board) -> None:
    drops = g.drop_rects(demo_board.targets)
    for workload_id, target in demo_board.placements.items():
        card = slide.element(f"card:{workload_id}")
        assert card.data == {"workload": workload_id, "target": target}
        x, y, w, h = drops[target]
        assert x <= card.x and card.x + card.w <= x + w
        assert y <= card.y and card.y + card.h <= y + h
        assert g.target_at(card.x + card.w / 2, card.y + card.h / 2, demo_board.targets) == target
    assert "card:ml-training" not in [e.id for e in slide]


def test_cards_enter_after_the_story_one_column_per_step(slide: Scene) -> None:
    assert slide.element("card:orders-db").step == 9
    assert slide.element("card:thumbnails").step == 13
    assert slide.last_step == 13
    assert all(e.step <= 8 for e in slide if not e.id.startswith(("card", "group", "pager")))


def test_an_infeasible_placement_gets_a_red_mark(demo_board: Board) -> None:
    scene = compute_slide(demo_board.with_placement("perf-lab", "lambda"))
    assert scene.element("card:perf-lab").role == "card_infeasible"
    assert scene.element("card-mark:perf-lab").role == "violation_mark"
    assert "card-mark:thumbnails" not in [e.id for e in scene]


def test_the_selected_card_is_highlighted(demo_board: Board) -> None:
    scene = compute_slide(demo_board, selected="payments")
    assert scene.element("card:payments").role == "card_selected"


def test_a_full_column_turns_to_group_cards_that_count_every_workload() -> None:
    workloads = tuple(
        Workload(id=f"w{i}", name=f"Workload {i}", group=f"App {i % 8}") for i in range(300)
    )
    board = Board(name="crowd", workloads=workloads, placements={w.id: "ec2" for w in workloads})
    scene = compute_slide(board)
    assert not [e for e in scene if e.id.startswith(("card:", "more:"))]
    groups = scene.meta["trays"]["ec2"]
    counted = sum(len(tile.ids) for tile in groups.groups)
    shown = [e for e in scene if e.id.startswith("group:ec2:")]
    assert len(shown) == len(groups.groups) >= 3
    drop = g.drop_rects(board.targets)["ec2"]
    for card in shown:
        assert drop[1] <= card.y and card.y + card.h <= drop[1] + drop[3]
    assert (
        scene.element("pager-text:ec2").text == f"1 / {groups.pages} · {8 - len(shown)} more groups"
    )
    for page in range(1, groups.pages):
        paged = compute_slide(board, view=TrayView(pages={"ec2": page}))
        counted += sum(len(tile.ids) for tile in paged.meta["trays"]["ec2"].groups)
    assert counted == 300


def test_two_thousand_workloads_lay_out_quickly() -> None:
    workloads = tuple(Workload(id=f"w{i}", name=f"Workload {i}") for i in range(2000))
    columns = EDITION_TARGETS["2026"]
    placements = {w.id: columns[i % len(columns)] for i, w in enumerate(workloads)}
    board = Board(name="estate", workloads=workloads, placements=placements)
    from whiteboard.scoring import score_board

    scores = score_board(board)
    compute_slide(board, scores)
    start = time.perf_counter()
    scene = compute_slide(board, scores)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0  # bench/bench_layout.py measures the real figure (~10 ms)
    assert len(scene.elements) < 1000
    assert {tray.mode for tray in scene.meta["trays"].values()} == {"open"}  # one group each


def test_the_slide_scales_to_other_sizes(demo_board: Board) -> None:
    small = compute_slide(demo_board, width=960, height=540)
    big = compute_slide(demo_board)
    assert small.element("header:ec2").size == pytest.approx(big.element("header:ec2").size / 2)
    assert g.target_at(480, 400, demo_board.targets, 960, 540) == "containers"


def test_the_2018_slide_has_no_2026_columns_and_the_2026_one_reveals_them_late() -> None:
    old = [e.id for e in compute_slide(edition="2018")]
    assert "column:managed_containers" not in old and "column:lambda_managed" not in old
    new = compute_slide(edition="2026")
    assert new.element("column:managed_containers").step == 8
    assert new.element("column:lambda_managed").step == 9
    assert new.element("layer:lambda_managed:hardware").step == 9
    assert new.last_step == 10
    # Nothing of a column shows before its step: no element of the new targets at step 0.
    assert all(e.step >= 8 for e in new if "managed" in e.id)


def test_hosts_aws_runs_in_your_account_are_marked_as_such() -> None:
    scene = compute_slide(edition="2026")
    for target in ("managed_containers", "lambda_managed"):
        cell = scene.element(f"layer:{target}:container_data_plane")
        assert cell.role == "layer_in_account"
        text = scene.element(f"layer-text:{target}:container_data_plane").text
        assert text == "Container hosts, in your account"
    assert scene.element("layer:fargate:container_data_plane").role == "layer_provider"
    assert scene.element("layer:containers:container_data_plane").role == "layer_consumer"
