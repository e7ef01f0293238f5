"""Save -> load gives back the same board, and saving it again gives the same bytes."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from tests.reliability.strategies import boards
from whiteboard.model import Board, board_to_json, load_board, save_board
from whiteboard.model.io import board_from_bytes

_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_SETTINGS
@given(board=boards())
def test_save_then_load_gives_the_same_board_and_the_same_bytes(
    board: Board, tmp_path: Path
) -> None:
    path = tmp_path / "board.json"
    save_board(board, path)
    first = path.read_bytes()

    loaded = load_board(path)
    assert loaded == board
    assert loaded.model_dump() == board.model_dump()

    save_board(loaded, path)
    assert path.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == ["board.json"]


@settings(max_examples=60, deadline=None)
@given(board=boards())
def test_the_file_text_is_stable_utf8_json(board: Board) -> None:
    text = board_to_json(board)
    assert text.endswith("}\n")
    again = board_to_json(board_from_bytes(text.encode("utf-8"), "x.json"))
    assert again == text


def test_a_save_over_an_existing_file_keeps_its_permissions(
    tmp_path: Path, demo_board: Board
) -> None:
    path = tmp_path / "board.json"
    save_board(demo_board, path)
    os.chmod(path, 0o640)
    save_board(demo_board.with_fields(name="Renamed"), path)
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert load_board(path).name == "Renamed"
