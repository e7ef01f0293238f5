"""Random sequences of edits, undone to the start and redone to the end, at the model level."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.reliability.edits import DeleteWorkload, EditMaker, Place
from tests.reliability.strategies import boards
from whiteboard.model import Board, board_to_json

LONG_RUN = 1_000


def _play(start: Board, maker: EditMaker, count: int) -> tuple[list[Board], list[object]]:
    """Apply `count` random edits; the boards before/after each one, and the edits."""
    history = [start]
    log = []
    for _ in range(count):
        edit = maker.next_edit(history[-1])
        history.append(edit.redo(history[-1]))
        log.append(edit)
    return history, log


def _check_undo_redo(history: list[Board], log: list) -> None:
    board = history[-1]
    for step in range(len(log) - 1, -1, -1):
        board = log[step].undo(board)
        assert board == history[step], f"undo of edit {step} ({log[step]!r}) differs"
    assert board_to_json(board) == board_to_json(history[0])
    for step, edit in enumerate(log):
        board = edit.redo(board)
        assert board == history[step + 1], f"redo of edit {step} ({edit!r}) differs"
    assert board_to_json(board) == board_to_json(history[-1])


@settings(max_examples=6, deadline=None)
@given(start=boards(max_workloads=6), seed=st.integers(min_value=0, max_value=2**32))
def test_a_thousand_edits_undo_to_the_start_and_redo_to_the_end(start: Board, seed: int) -> None:
    # A seed rather than st.randoms(): 1,000 edits' worth of recorded choices overflows
    # hypothesis's buffer. A failure still reproduces from the printed seed.
    history, log = _play(start, EditMaker(random.Random(seed)), LONG_RUN)
    assert len(log) == LONG_RUN
    _check_undo_redo(history, log)


@settings(max_examples=60, deadline=None)
@given(
    start=boards(max_workloads=5), rng=st.randoms(use_true_random=False), count=st.integers(1, 40)
)
def test_short_edit_sequences_undo_and_redo_exactly(
    start: Board, rng: random.Random, count: int
) -> None:
    history, log = _play(start, EditMaker(rng), count)
    _check_undo_redo(history, log)


def test_undoing_a_delete_puts_the_workload_back_in_place_with_its_placement(
    demo_board: Board,
) -> None:
    placed = next(
        w
        for w in demo_board.workloads[1:-1]
        if demo_board.placement(w.id)
        and not any(w.id in o.depends_on for o in demo_board.workloads)
    )
    delete = DeleteWorkload(placed, demo_board.index_of(placed.id), demo_board.placement(placed.id))
    after = delete.redo(demo_board)
    assert not after.has_workload(placed.id) and placed.id not in after.placements
    assert delete.undo(after) == demo_board


def test_a_move_and_back_is_the_same_board(demo_board: Board) -> None:
    workload_id, target = next(iter(demo_board.placements.items()))
    other = "lambda" if target != "lambda" else "ec2"
    move = Place(workload_id, target, other)
    moved = move.redo(demo_board)
    assert moved.placement(workload_id) == other and moved != demo_board
    assert move.undo(moved) == demo_board
