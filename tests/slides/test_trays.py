"""A column's tray from a handful of workloads to thousands: cards while they fit, then group
cards that open in place and pages, and never a workload out of reach."""

from __future__ import annotations

import time

import pytest

from whiteboard.model import Board, Workload
from whiteboard.model.vocab import EDITION_TARGETS
from whiteboard.slides import geometry as g
from whiteboard.slides.compute import compute_slide
from whiteboard.slides.group_cards import GroupStats, score_range
from whiteboard.slides.trays import (
    DEFAULT_VIEW,
    UNGROUPED,
    CardTile,
    GroupTile,
    TrayView,
    compact_capacity,
    reveal,
    tray,
)

COLUMNS = EDITION_TARGETS["2026"]
EDITIONS = pytest.mark.parametrize("columns", [EDITION_TARGETS["2018"], COLUMNS], ids=str)


def _grouped(count: int, groups: int) -> dict[str, str | None]:
    """Workload id -> its group: `groups` groups of near-equal size, a few ungrouped."""
    return {f"w{i}": (None if i % 17 == 0 else f"App {i % groups:02d}") for i in range(count)}


def _inside_the_tray(target: str, columns: tuple[str, ...], box: g.Box) -> bool:
    tx, ty, tw, th = g.drop_rects(columns)[target]
    x, y, w, h = box
    return tx <= x and x + w <= tx + tw + 1e-6 and ty <= y and y + h <= ty + th + 1e-6


def _every_reachable(ids: list[str], group_of: dict[str, str | None], columns) -> set[str]:
    """The ids found by opening every group of the column and turning every page."""
    lookup = group_of.get
    reached: set[str] = set()
    first = tray("ec2", columns, ids, lookup)
    if first.mode in ("cards", "compact"):
        return {c.workload_id for c in first.cards}
    names: list[str] = []
    for page in range(first.pages):
        view = DEFAULT_VIEW.paged("ec2", page)
        names += [t.group for t in tray("ec2", columns, ids, lookup, view).groups]
    for name in names:
        view = DEFAULT_VIEW.opened("ec2", name)
        opened = tray("ec2", columns, ids, lookup, view)
        for page in range(opened.pages):
            shown = tray("ec2", columns, ids, lookup, view.paged("ec2", page))
            reached |= {c.workload_id for c in shown.cards}
    return reached


@EDITIONS
@pytest.mark.parametrize(("count", "groups"), [(1, 1), (4, 2), (10, 3), (11, 3), (300, 12)])
def test_every_tile_stays_in_the_tray(columns, count: int, groups: int) -> None:
    group_of = _grouped(count, groups)
    ids = list(group_of)
    for view in (DEFAULT_VIEW, DEFAULT_VIEW.opened("ec2", "App 01"), DEFAULT_VIEW.paged("ec2", 1)):
        shown = tray("ec2", columns, ids, group_of.get, view)
        for tile in shown.tiles:
            assert _inside_the_tray("ec2", columns, tile.box), (count, tile)
        boxes = [tile.box for tile in shown.tiles]
        for a_index, a in enumerate(boxes):  # no two tiles overlap
            for b in boxes[a_index + 1 :]:
                apart = a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0]
                assert apart or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1], (a, b)


def test_cards_while_they_fit_then_compact_then_groups() -> None:
    group_of = _grouped(300, 12)
    ids = list(group_of)
    assert tray("ec2", COLUMNS, ids[:4], group_of.get).mode == "cards"
    # Eight compact cards, one a row, fill a tray in either edition; a ninth turns it to groups.
    assert compact_capacity("ec2", COLUMNS) == 8
    assert compact_capacity("ec2", EDITION_TARGETS["2018"]) == 8
    assert tray("ec2", COLUMNS, ids[:8], group_of.get).mode == "compact"
    assert tray("ec2", COLUMNS, ids[:9], group_of.get).mode == "groups"
    crowded = tray("ec2", COLUMNS, ids, group_of.get)
    assert crowded.mode == "groups"
    assert not crowded.cards
    assert crowded.pager is not None and crowded.pages == -(-13 // len(crowded.groups))
    assert crowded.groups[0].group == "App 00"
    last = tray("ec2", COLUMNS, ids, group_of.get, DEFAULT_VIEW.paged("ec2", 99))
    assert last.page == crowded.pages - 1  # a page past the end shows the last
    assert last.groups[-1].group == UNGROUPED  # ungrouped workloads come last


@EDITIONS
@pytest.mark.parametrize(("count", "groups"), [(11, 1), (11, 3), (300, 12), (2000, 40)])
def test_no_workload_is_out_of_reach(columns, count: int, groups: int) -> None:
    group_of = _grouped(count, groups)
    ids = list(group_of)
    assert _every_reachable(ids, group_of, columns) == set(ids)
    crowded = tray("ec2", columns, ids, group_of.get)
    counted = sum(len(g.ids) for p in range(crowded.pages) for g in _page(ids, group_of, p))
    assert counted == count


def _page(ids, group_of, page):
    return tray("ec2", COLUMNS, ids, group_of.get, DEFAULT_VIEW.paged("ec2", page)).groups


def test_a_column_of_one_group_shows_it_open() -> None:
    group_of = dict.fromkeys((f"w{i}" for i in range(50)), None)
    shown = tray("ec2", COLUMNS, list(group_of), group_of.get)
    assert shown.mode == "open"
    assert [t.open for t in shown.groups] == [True]
    assert shown.cards and shown.pager is not None


def test_reveal_opens_the_group_and_turns_to_the_page() -> None:
    group_of = _grouped(300, 12)
    ids = list(group_of)
    target_id = [i for i in ids if group_of[i] == "App 05"][-1]
    view = reveal(DEFAULT_VIEW, "ec2", COLUMNS, ids, group_of.get, target_id)
    shown = tray("ec2", COLUMNS, ids, group_of.get, view)
    assert target_id in [c.workload_id for c in shown.cards]
    assert view.open_groups == {"ec2": "App 05"}
    assert reveal(view, "ec2", COLUMNS, ids, group_of.get, target_id) is view


def test_the_view_survives_a_group_that_is_gone() -> None:
    group_of = _grouped(300, 12)
    view = TrayView({"ec2": "No such group"}, {"ec2": 3})
    assert tray("ec2", COLUMNS, list(group_of), group_of.get, view).mode == "groups"


def _big_board(count: int, groups: int, infeasible_every: int = 0) -> Board:
    group_of = _grouped(count, groups)
    workloads = tuple(
        Workload(
            id=wid,
            name=f"VM {wid}",
            group=group,
            # Fargate offers no GPU: those are the ones that cannot run where placed.
            gpu=bool(infeasible_every and i % infeasible_every == 0),
        )
        for i, (wid, group) in enumerate(group_of.items())
    )
    placements = {w.id: "fargate" for w in workloads}
    return Board(name="estate", workloads=workloads, placements=placements)


def test_a_group_card_says_count_range_and_what_cannot_run() -> None:
    board = _big_board(300, 6, infeasible_every=5)
    scene = compute_slide(board)
    members = [w for w in board.workloads if w.group == "App 00"]
    assert scene.element("group-name:fargate:0").text == f"▸ App 00 ({len(members)})"
    cannot = scene.element("group-status-0:fargate:0")
    assert cannot.role == "group_cannot_run"
    assert cannot.text == f"{sum(w.gpu for w in members)} cannot run"
    assert scene.element("group:fargate:0").role == "card_infeasible"
    fine = [e for e in scene if e.id.startswith("group-status-0:") and e.role == "group_count"]
    assert all(e.text == "all can run here" for e in fine)
    assert not [e for e in scene if e.id.startswith("card:")]


def test_the_search_highlights_cards_and_the_groups_that_hold_them() -> None:
    board = _big_board(300, 6)
    found = {"w1", "w7"}  # both in App 01
    scene = compute_slide(board, matches=found)
    assert scene.element("group:fargate:1").role == "group_match"
    assert scene.element("group-status-0:fargate:1").text == "2 found"
    assert scene.element("group:fargate:2").role == "group_card"
    opened = compute_slide(board, matches=found, view=TrayView({"fargate": "App 01"}))
    assert opened.element("card:w1").role == "card_match"
    assert opened.element("group-name:fargate:1").text.startswith("▾ App 01")


def test_the_pager_turns_around_and_says_what_the_other_pages_hold() -> None:
    board = _big_board(600, 30)
    scene = compute_slide(board)
    words = scene.element("pager-text:fargate").text
    shown = len([e for e in scene if e.id.startswith("group:fargate:")])
    assert words == f"1 / {-(-31 // shown)} · {31 - shown} more groups"
    assert scene.element("pager-prev:fargate").data["page"] == str(-(-31 // shown) - 1)
    assert scene.element("pager-next:fargate").data["page"] == "1"


def test_score_range_words() -> None:
    assert score_range(GroupStats(3, 41.4, 78.0, 60.0, 0)) == "41–78"
    assert score_range(GroupStats(3, 64.0, 64.2, 64.0, 0)) == "64"
    assert score_range(GroupStats(3, None, None, None, 3)) == "✕"
    assert score_range(GroupStats(3, None, None, None, 0)) == "–"


def test_two_thousand_grouped_workloads_lay_out_quickly() -> None:
    board = _big_board(2000, 40)
    placements = {w.id: COLUMNS[i % len(COLUMNS)] for i, w in enumerate(board.workloads)}
    board = board.with_fields(placements=placements)
    from whiteboard.scoring import score_board

    scores = score_board(board)
    compute_slide(board, scores)
    start = time.perf_counter()
    scene = compute_slide(board, scores)
    assert time.perf_counter() - start < 1.0  # bench/bench_layout.py has the real figure
    assert len(scene.elements) < 1500
    trays = scene.meta["trays"]
    assert {t.mode for t in trays.values()} == {"groups"}
    assert all(isinstance(t, GroupTile) or not isinstance(t, CardTile) for t in trays["ec2"].tiles)


def test_groups_come_in_natural_order() -> None:
    from whiteboard.slides.trays import groups_of

    names = {"a": "app-10", "b": "App-2", "c": None, "d": "app-1", "e": "billing"}
    assert list(groups_of(list(names), names.get)) == ["app-1", "App-2", "app-10", "billing", ""]
