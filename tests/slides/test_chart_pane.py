"""The chart laid out for the window's pane (issue 16): one unit one pixel, no word under the
pane's minimum, nothing outside the pane, no two words on each other, every workload drawn."""

from __future__ import annotations

import itertools

import pytest

from tests.conftest import DEMO_BOARD
from whiteboard.model import Board, Workload, load_board
from whiteboard.scoring import score_board
from whiteboard.slides.chart import pets_cattle_chart
from whiteboard.slides.chart_pane import chart_for_view, pane_chart
from whiteboard.slides.scene import Ellipse, Scene, Text

from .test_chart_at_size import grouped_board

#: The chart pane of the window maximised at 1280x720 and at 1920x1080, side panels shown.
PANES = ((529.0, 235.0), (1169.0, 367.0))


def _forty() -> Board:
    """Forty dots with long names, most of them placed: more names than the pane has room for."""
    targets = ("bare_metal", "ec2", "containers", "fargate", "lambda")
    workloads = tuple(
        Workload(id=f"w-{i:02d}", name=f"Realtime fraud scoring stream {i}", architecture="cattle")
        for i in range(40)
    )
    placements = {w.id: targets[i % 5] for i, w in enumerate(workloads) if i < 36}
    return Board(name="Forty", workloads=workloads, placements=placements)  # type: ignore[arg-type]


def _boards() -> dict[str, Board]:
    return {
        "empty": Board(name="Empty"),
        "demo": load_board(DEMO_BOARD),
        "forty": _forty(),
        "300": grouped_board(300, groups=12),
    }


BOARDS = _boards()


@pytest.fixture(scope="module", params=list(itertools.product(BOARDS, PANES)), ids=str)
def pane(request: pytest.FixtureRequest) -> tuple[Board, Scene]:
    name, (width, height) = request.param
    board = BOARDS[name]
    return board, pane_chart(board, score_board(board), width=width, height=height)


def _texts(scene: Scene) -> list[Text]:
    return [e for e in scene if isinstance(e, Text) and e.text.strip()]


def test_no_word_is_under_the_pane_minimum(pane: tuple[Board, Scene]) -> None:
    _, scene = pane
    texts = _texts(scene)
    assert {"title", "axis-label:x-low", "axis-label:x-high"} <= {t.id for t in texts}
    assert min(t.size for t in texts) >= 11.0


def test_everything_is_inside_the_pane(pane: tuple[Board, Scene]) -> None:
    _, scene = pane
    for element in scene:
        if isinstance(element, Text | Ellipse):
            assert element.x >= 0 and element.y >= 0, element.id
            assert element.x + element.w <= scene.width + 0.5, element.id
            assert element.y + element.h <= scene.height + 0.5, element.id


def test_no_two_words_cover_each_other(pane: tuple[Board, Scene]) -> None:
    _, scene = pane
    for a, b in itertools.combinations(_texts(scene), 2):
        apart = a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
        assert apart, (a.id, b.id)


def test_every_workload_is_drawn_once(pane: tuple[Board, Scene]) -> None:
    board, scene = pane
    dots = [e for e in scene if e.id.startswith("point:")]
    bubbles = [e for e in scene if e.id.startswith("bubble:")]
    if len(board.workloads) > 50:
        ids = [w for b in bubbles for w in b.data["workloads"].split(",")]
        assert sorted(ids) == sorted(board.workload_ids) and not dots
    else:
        assert sorted(d.data["workload"] for d in dots) == sorted(board.workload_ids)


def test_the_pane_chart_is_the_same_on_every_run() -> None:
    board = BOARDS["300"]
    scores = score_board(board)
    first = pane_chart(board, scores, width=529, height=235)
    assert pane_chart(board, scores, width=529, height=235) == first


def test_a_view_big_enough_shows_the_full_chart_and_a_pane_the_pane_chart() -> None:
    board = BOARDS["300"]
    scores = score_board(board)
    full = chart_for_view(board, scores, 2400, 1350, min_px=11)
    assert full == pets_cattle_chart(board, scores, width=2400, height=1350)
    assert any(e.id.startswith("key:") for e in full)
    small = chart_for_view(board, scores, 529, 235, min_px=11)
    assert (small.width, small.height) == (529, 235)
    assert not any(e.id.startswith("key:") for e in small)
