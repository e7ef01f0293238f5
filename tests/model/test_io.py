"""Saving and loading: stable files, atomic writes, one clear error for every bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from whiteboard.model import (
    SCHEMA_VERSION,
    Board,
    BoardFileError,
    board_to_json,
    load_board,
    save_board,
)
from whiteboard.paths import DEMO_BOARD


def test_round_trip_is_equal_and_byte_identical(tmp_path: Path, demo_board: Board) -> None:
    first = tmp_path / "first.json"
    second = tmp_path / "second.json"
    save_board(demo_board, first)
    reloaded = load_board(first)
    save_board(reloaded, second)
    assert reloaded == demo_board
    assert first.read_bytes() == second.read_bytes()


def test_saved_file_is_sorted_utf8_json(tmp_path: Path, demo_board: Board) -> None:
    board = demo_board.with_fields(name="Café Zürich 東京")
    path = tmp_path / "board.json"
    save_board(board, path)
    text = path.read_text(encoding="utf-8")
    assert "Café Zürich 東京" in text  # readable, not \u-escaped
    assert list(json.loads(text)) == sorted(json.loads(text))
    assert text.endswith("}\n")


def test_failed_save_leaves_the_old_file_intact(
    tmp_path: Path, demo_board: Board, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "board.json"
    save_board(demo_board, path)
    before = path.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        save_board(demo_board.with_fields(name="Changed"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["board.json"]  # temp file cleaned up


def test_save_keeps_the_permissions_of_the_existing_file(tmp_path: Path, demo_board: Board) -> None:
    path = tmp_path / "board.json"
    save_board(demo_board, path)
    path.chmod(0o600)
    save_board(demo_board.with_fields(name="Again"), path)
    assert path.stat().st_mode & 0o777 == 0o600


def _write(tmp_path: Path, content: bytes | str, name: str = "board.json") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def _demo_raw() -> dict:
    return json.loads(DEMO_BOARD.read_text(encoding="utf-8"))


BAD_INPUTS = {
    "truncated JSON": (lambda: DEMO_BOARD.read_text()[:200], "ends too early"),
    "binary garbage": (lambda: bytes(range(256)) * 4, "not UTF-8 text"),
    "empty file": (lambda: b"", "is empty"),
    "a JSON list": (lambda: "[1, 2]", "should hold a JSON object, not a list"),
    "not JSON": (lambda: "name: yaml?", "not valid JSON"),
    "deep nesting": (lambda: "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "no schema version": (
        lambda: json.dumps({k: v for k, v in _demo_raw().items() if k != "schema_version"}),
        "schema_version: is missing",
    ),
    "newer schema": (
        lambda: json.dumps({**_demo_raw(), "schema_version": 7}),
        f"made by a newer whiteboard (schema 7); this one reads up to {SCHEMA_VERSION}",
    ),
    "wrong type": (
        lambda: json.dumps(
            {**_demo_raw(), "workloads": [{"id": "a", "name": "A", "vcpu": "lots"}]}
        ),
        "workloads[0].vcpu: should be a number, not the text 'lots'",
    ),
    "unknown target": (
        lambda: json.dumps({**_demo_raw(), "placements": {"web-shop": "mainframe"}}),
        "placements.web-shop: Input should be",
    ),
    "dangling depends_on": (
        lambda: json.dumps(
            {
                **_demo_raw(),
                "workloads": [{"id": "a", "name": "A", "depends_on": ["zz"]}],
                "placements": {},
            }
        ),
        "workloads[0].depends_on: names unknown workload 'zz'",
    ),
    "duplicate ids": (
        lambda: json.dumps(
            {
                **_demo_raw(),
                "workloads": [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}],
                "placements": {},
            }
        ),
        "workloads[1].id: 'a' is already the id of workloads[0]",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_raises_one_clear_error(tmp_path: Path, case: str) -> None:
    make, expected = BAD_INPUTS[case]
    path = _write(tmp_path, make())
    with pytest.raises(BoardFileError) as caught:
        load_board(path)
    message = str(caught.value)
    assert message.startswith("board.json: ")
    assert expected in message
    assert "\n" not in message


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(BoardFileError, match=r"nope\.json: no such file"):
        load_board(tmp_path / "nope.json")


def test_folder_is_not_a_board(tmp_path: Path) -> None:
    with pytest.raises(BoardFileError, match="is a folder"):
        load_board(tmp_path)


def test_files_over_20_mb_are_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:  # sparse: 21 MB reported, nothing written
        handle.truncate(21 * 1024 * 1024)
    with pytest.raises(BoardFileError, match=r"is 21 MB; board files are at most 20 MB"):
        load_board(path)


def test_loading_does_not_execute_anything(tmp_path: Path) -> None:
    hostile = {**_demo_raw(), "name": "__import__('os').system('touch PWNED')"}
    board = load_board(_write(tmp_path, json.dumps(hostile)))
    assert board.name.startswith("__import__")
    assert not Path("PWNED").exists()


def test_json_text_is_what_save_writes(tmp_path: Path, demo_board: Board) -> None:
    path = tmp_path / "b.json"
    save_board(demo_board, path)
    assert path.read_text(encoding="utf-8") == board_to_json(demo_board)


def test_a_save_sweeps_temp_files_left_by_killed_saves(tmp_path: Path, demo_board: Board) -> None:
    path = tmp_path / "board.json"
    stale = tmp_path / ".board.json.abc123.tmp"
    fresh = tmp_path / ".board.json.def456.tmp"  # may belong to a save running right now
    other = tmp_path / ".other.json.abc123.tmp"
    for leftover in (stale, fresh, other):
        leftover.write_bytes(b"{half a bo")
    an_hour_ago = stale.stat().st_mtime - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    os.utime(other, (an_hour_ago, an_hour_ago))
    save_board(demo_board, path)
    assert not stale.exists()
    assert fresh.exists() and other.exists()
    assert load_board(path) == demo_board
