"""Recovery copies and their locks are untrusted input: a tampered one is set aside with one
sentence, the good ones are still offered, and a restore never adopts a path the user did not
open (issue item 9)."""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

import pytest

from whiteboard.model import Board
from whiteboard.model.recovery import (
    LOCK_SUFFIX,
    SUFFIX,
    RecoverySlot,
    adoptable_source,
    find_orphans,
    read_entry,
)


def _orphan(folder: Path, board: Board, source: str | None, key: str) -> Path:
    """A copy whose writer crashed: written, then its lock left naming a dead process."""
    slot = RecoverySlot(folder, key)
    folder.mkdir(parents=True, exist_ok=True)
    slot.write(board, source)
    slot.lock_path.write_text(json.dumps({"pid": 2**22 + 99, "host": socket.gethostname()}))
    return slot.path


def _edit(path: Path, **changes: object) -> None:
    payload = json.loads(path.read_text(encoding="utf-8"))
    payload.update(changes)
    path.write_text(json.dumps(payload), encoding="utf-8")


def test_naive_and_aware_timestamps_sort_together(tmp_path: Path, demo_board: Board) -> None:
    naive = _orphan(tmp_path, demo_board, None, "naive")
    aware = _orphan(tmp_path, demo_board, None, "aware")
    _edit(naive, written_at="2026-11-30T10:00:00")
    _edit(aware, written_at="2026-11-30T09:00:00+00:00")
    entries = find_orphans(tmp_path)
    assert [entry.path for entry in entries] == [naive, aware]


@pytest.mark.parametrize(
    "lock_text",
    [
        "[" * 100_000 + "]" * 100_000,  # RecursionError in json
        json.dumps({"pid": 10**30, "host": socket.gethostname()}),  # OverflowError in os.kill
        json.dumps({"pid": -1, "host": socket.gethostname()}),  # "every process" to os.kill
        json.dumps({"pid": True, "host": socket.gethostname()}),
        "x" * 100_000,
    ],
    ids=["nested", "huge pid", "negative pid", "boolean pid", "huge"],
)
def test_a_tampered_lock_does_not_hide_the_copy(
    tmp_path: Path, demo_board: Board, lock_text: str
) -> None:
    copy = _orphan(tmp_path, demo_board, None, "k")
    copy.with_name(f"k{LOCK_SUFFIX}").write_text(lock_text)
    (entry,) = find_orphans(tmp_path)
    assert entry.path == copy


def test_a_lock_being_written_right_now_still_counts(tmp_path: Path, demo_board: Board) -> None:
    copy = _orphan(tmp_path, demo_board, None, "k")
    lock = copy.with_name(f"k{LOCK_SUFFIX}")
    lock.write_text("")
    assert find_orphans(tmp_path) == []
    old = time.time() - 3600
    os.utime(lock, (old, old))
    assert len(find_orphans(tmp_path)) == 1


BAD_COPIES = {
    "not json": b"{not json",
    "nested": b"[" * 100_000 + b"]" * 100_000,
    "repeated key": b'{"format": "whiteboard-recovery", "format": "x"}',
    "no board": b'{"format": "whiteboard-recovery", "written_at": "2026-01-01T00:00:00"}',
    "bad date": None,
    "relative source": None,
    "bad board": None,
}


@pytest.mark.parametrize("kind", BAD_COPIES)
def test_a_bad_copy_is_set_aside_and_the_good_one_still_offered(
    tmp_path: Path, demo_board: Board, kind: str
) -> None:
    good = _orphan(tmp_path, demo_board, None, "good")
    bad = _orphan(tmp_path, demo_board, None, "bad")
    content = BAD_COPIES[kind]
    if content is not None:
        bad.write_bytes(content)
    elif kind == "bad date":
        _edit(bad, written_at=12)
    elif kind == "relative source":
        _edit(bad, source="../../etc/passwd")
    else:
        payload = json.loads(bad.read_text(encoding="utf-8"))
        payload["board"]["workloads"][0]["vcpu"] = "lots"
        bad.write_text(json.dumps(payload), encoding="utf-8")
    before = bad.read_bytes()
    problems: list[str] = []
    (entry,) = find_orphans(tmp_path, problems)
    assert entry.path == good
    (problem,) = problems
    assert "\n" not in problem and "bad.recovery.json" in problem
    (moved,) = tmp_path.glob(f"bad{SUFFIX}.unusable-*")
    assert moved.read_bytes() == before  # renamed, never deleted
    assert find_orphans(tmp_path) == [entry]  # and not reported again


def test_a_fifo_in_place_of_a_copy_does_not_hang(tmp_path: Path, demo_board: Board) -> None:
    good = _orphan(tmp_path, demo_board, None, "good")
    os.mkfifo(tmp_path / f"fifo{SUFFIX}")
    problems: list[str] = []
    started = time.monotonic()
    (entry,) = find_orphans(tmp_path, problems)
    assert time.monotonic() - started < 5
    assert entry.path == good and len(problems) == 1


def test_restore_adopts_only_a_file_the_user_opened(tmp_path: Path, demo_board: Board) -> None:
    opened = str(tmp_path / "workshop.json")
    forged = _orphan(tmp_path, demo_board, "/etc/hosts", "forged")
    honest = _orphan(tmp_path, demo_board, opened, "honest")
    never_shipped = lambda path: False  # noqa: E731
    assert adoptable_source(read_entry(forged), [opened], never_shipped) is None
    assert adoptable_source(read_entry(honest), [opened], never_shipped) == Path(opened)
    assert adoptable_source(read_entry(honest), [opened], lambda path: True) is None
