"""Hit-testing and card geometry the GUI uses without rebuilding the scene."""

from __future__ import annotations

import itertools

import pytest

from whiteboard.model.vocab import EDITION_TARGETS
from whiteboard.slides import geometry as g

EDITIONS = pytest.mark.parametrize(
    "columns", list(EDITION_TARGETS.values()), ids=list(EDITION_TARGETS)
)


@EDITIONS
def test_target_at_hits_each_column_centre(columns: tuple[str, ...]) -> None:
    for target, (x, y, w, h) in g.column_rects(columns).items():
        assert g.target_at(x + w / 2, y + h / 2, columns) == target
        assert g.target_at(x + 1, y + h - 1, columns) == target


@EDITIONS
def test_target_at_misses_gutters_margins_and_title(columns: tuple[str, ...]) -> None:
    rects = g.column_rects(columns)
    x, _, w, _ = rects["ec2"]
    assert g.target_at(x + w + g.GUTTER / 2, 500, columns) is None
    assert g.target_at(5, 500, columns) is None
    assert g.target_at(900, 30, columns) is None


@EDITIONS
def test_columns_run_left_to_right_without_overlap(columns: tuple[str, ...]) -> None:
    rects = list(g.column_rects(columns).values())
    assert list(g.column_rects(columns)) == list(columns)
    for left, right in itertools.pairwise(rects):
        assert left[0] + left[2] < right[0]
    assert rects[0][0] == g.MARGIN and rects[-1][0] + rects[-1][2] == pytest.approx(
        g.BASE_W - g.MARGIN
    )


def test_card_geometry_keeps_the_parts_inside_the_card() -> None:
    box = (100.0, 200.0, 300.0, 44.0)
    parts = g.card_geometry(box, marked=True)
    for x, y, w, h in (parts.mark, parts.text, parts.band):
        assert x >= 100 and x + w <= 400 and y >= 200 and y + h <= 244
    assert parts.mark[0] + parts.mark[2] <= parts.text[0]
    assert parts.text[0] + parts.text[2] <= parts.band[0]
    assert parts.text_size >= 20
