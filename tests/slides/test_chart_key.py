"""The chart never drops a name silently: when a name finds no room beside its dot, every dot
is numbered and a key beside the plot names it (window, PNG, SVG, handout draw this scene)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from whiteboard.model import Board, Workload
from whiteboard.scoring import score_board
from whiteboard.slides.chart import DOTS_MAX, pets_cattle_chart
from whiteboard.slides.chart_groups import KEY_BOX
from whiteboard.slides.scene import Scene, Text

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from _common import synthetic_board


def _chart(board: Board) -> Scene:
    return pets_cattle_chart(board, score_board(board))


def _ids(scene: Scene, prefix: str) -> dict[str, Text]:
    return {
        e.id.removeprefix(prefix): e
        for e in scene.elements
        if e.id.startswith(prefix) and isinstance(e, Text)
    }


def test_the_demo_names_every_dot_beside_it(demo_board: Board) -> None:
    scene = _chart(demo_board)
    assert set(_ids(scene, "point-label:")) == {w.id for w in demo_board.workloads}
    assert not _ids(scene, "dot-key:")


@pytest.mark.parametrize("extra", [1, 28])
def test_a_name_without_room_numbers_every_dot_and_keys_it(demo_board: Board, extra: int) -> None:
    more = tuple(Workload(id=f"extra-{i}", name=f"Extra reporting job {i}") for i in range(extra))
    # Validated anew: a model_copy would carry the demo board's cached workload index along.
    data = demo_board.model_dump()
    data["workloads"] = [*data["workloads"], *(w.model_dump() for w in more)]
    board = Board.model_validate(data)
    scene = _chart(board)
    numbers = _ids(scene, "point-number:")
    keys = _ids(scene, "dot-key:")
    for index, workload in enumerate(board.workloads, start=1):
        assert numbers[workload.id].text == str(index)
        assert keys[workload.id].text.startswith(f"{index}  ")
    assert not _ids(scene, "point-label:")


@pytest.mark.parametrize("count", [13, 40, DOTS_MAX])
def test_the_key_stays_in_its_box_and_off_the_plot(count: int) -> None:
    board = synthetic_board(count, edition="2018")
    scene = _chart(board)
    keys = [t for k, t in _ids(scene, "dot-key:").items() if k != "title"]
    if not keys:  # every name fitted beside its dot
        assert len(_ids(scene, "point-label:")) == count
        return
    assert len(keys) == count
    kx, ky, kw, kh = KEY_BOX
    for text in keys:
        assert kx - 0.5 <= text.x and text.x + text.w <= kx + kw + 0.5
        assert ky - 0.5 <= text.y and text.y + text.h <= ky + kh + 0.5
    legend = [e for e in scene.elements if e.id.startswith("legend:")]
    lowest_key = max(t.y + t.h for t in keys)
    assert all(e.y >= lowest_key for e in legend)  # type: ignore[attr-defined]
    points = [e for e in scene.elements if e.id.startswith("point:")]
    assert all(p.x + p.w <= kx for p in points)  # type: ignore[attr-defined]
