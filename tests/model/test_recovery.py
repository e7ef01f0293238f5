"""Recovery copies: one per document, locked, found after a crash, restorable."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from whiteboard.model import Board, BoardFileError
from whiteboard.model.recovery import (
    RecoverySlot,
    delete_entry,
    find_orphans,
    key_for,
    load_recovered,
    lock_is_live,
    read_entry,
)


def _crash(slot: RecoverySlot) -> None:
    """Make the slot's lock look like a process that died (pid that cannot exist)."""
    slot.lock_path.write_text(json.dumps({"pid": 2**22 + 17, "host": socket.gethostname()}))


def test_key_is_stable_per_file_and_untitled_otherwise(tmp_path: Path) -> None:
    assert key_for(tmp_path / "a.json") == key_for(str(tmp_path / "a.json"))
    assert key_for(tmp_path / "a.json") != key_for(tmp_path / "b.json")
    assert key_for(None) == "untitled"


def test_two_windows_on_one_file_get_two_slots(tmp_path: Path) -> None:
    first = RecoverySlot.acquire(tmp_path, "board.json")
    second = RecoverySlot.acquire(tmp_path, "board.json")
    assert first.path != second.path
    assert second.key.endswith("-2")


def test_live_copies_are_not_offered_crashed_ones_are(tmp_path: Path, demo_board: Board) -> None:
    slot = RecoverySlot.acquire(tmp_path, "board.json")
    slot.write(demo_board, "board.json")
    assert find_orphans(tmp_path) == []
    _crash(slot)
    (entry,) = find_orphans(tmp_path)
    assert entry.source == os.path.abspath("board.json")
    assert entry.board_name == demo_board.name
    assert load_recovered(entry) == demo_board
    assert demo_board.name in entry.describe()


def test_adopting_takes_the_lock_and_release_deletes_everything(
    tmp_path: Path, demo_board: Board
) -> None:
    slot = RecoverySlot.acquire(tmp_path, None)
    slot.write(demo_board, None)
    _crash(slot)
    (entry,) = find_orphans(tmp_path)
    adopted = RecoverySlot.adopt(entry)
    assert adopted is not None and adopted.path == slot.path
    assert lock_is_live(adopted.lock_path)
    assert find_orphans(tmp_path) == []
    adopted.release()
    assert list(tmp_path.iterdir()) == []


def test_discard_keeps_the_lock(tmp_path: Path, demo_board: Board) -> None:
    slot = RecoverySlot.acquire(tmp_path, None)
    slot.write(demo_board, None)
    slot.discard()
    assert not slot.path.exists() and slot.lock_path.exists()


def test_delete_entry_removes_copy_and_stale_lock(tmp_path: Path, demo_board: Board) -> None:
    slot = RecoverySlot.acquire(tmp_path, None)
    slot.write(demo_board, None)
    _crash(slot)
    (entry,) = find_orphans(tmp_path)
    delete_entry(entry)
    assert list(tmp_path.iterdir()) == []


def test_broken_copies_are_set_aside_and_explained(tmp_path: Path) -> None:
    broken = tmp_path / "x.recovery.json"
    broken.write_text("{not json")
    with pytest.raises(BoardFileError, match=r"x\.recovery\.json: is not valid JSON"):
        read_entry(broken)
    problems: list[str] = []
    assert find_orphans(tmp_path, problems) == []
    (moved,) = tmp_path.glob("x.recovery.json.unusable-*")
    assert moved.read_text() == "{not json"
    (problem,) = problems
    assert "x.recovery.json: is not valid JSON" in problem and moved.name in problem
    assert find_orphans(tmp_path / "missing") == []
