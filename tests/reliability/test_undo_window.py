"""The same random edit sequences through the window's own undo commands and QUndoStack."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from tests.reliability.edits import (
    AddWorkload,
    ChangeWeights,
    DeleteWorkload,
    Edit,
    EditBoard,
    EditField,
    EditMaker,
    Place,
    SwitchEdition,
)
from tests.reliability.strategies import boards
from whiteboard.gui import commands
from whiteboard.gui.document import Document
from whiteboard.model import Board

LONG_RUN = 1_000


def window_command(document: Document, edit: Edit) -> commands.BoardCommand:
    """The command the window pushes for this edit, built by whiteboard.gui.commands."""
    board = document.board
    match edit:
        case Place(workload_id=workload_id, new=target):
            return commands.place(document, board, workload_id, target)
        case EditField(workload_id=workload_id, field=field):
            changed = edit.redo(board).workload(workload_id)
            return commands.edit_workload(document, board, changed, field)
        case EditBoard(field="name", new=name):
            return commands.rename_board(document, board, name)
        case EditBoard():
            return commands.BoardCommand(document, board, edit.redo(board), "Edit notes")
        case AddWorkload(workload=workload):
            return commands.add_workload(document, board, workload)
        case DeleteWorkload(workload=workload):
            return commands.remove_workload(document, board, workload.id)
        case ChangeWeights(new=weights):
            return commands.set_weights(document, board, weights, commands.new_gesture())
        case SwitchEdition(new=edition):
            return commands.set_edition(document, board, edition)
    raise AssertionError(f"no window command for {edit!r}")


def _run_through_stack(document: Document, rng: random.Random, count: int) -> None:
    stack = document.undo_stack
    maker = EditMaker(rng, append_only=True)
    history = [document.board]
    for _ in range(count):
        edit = maker.next_edit(document.board)
        expected = edit.redo(document.board)
        document.push(window_command(document, edit))
        assert document.board == expected, f"{edit!r} did not give the board the model gives"
        history.append(document.board)
    assert stack.count() == count
    assert document.modified == (count > 0)

    for step in range(count - 1, -1, -1):
        stack.undo()
        assert document.board == history[step], f"undo back to step {step} differs"
    assert not stack.canUndo()
    assert not document.modified

    for step in range(1, count + 1):
        stack.redo()
        assert document.board == history[step], f"redo to step {step} differs"
    assert not stack.canRedo()


@pytest.fixture
def document(qtbot: QtBot, tmp_path: Path, demo_board: Board) -> Document:
    return Document(demo_board, None, tmp_path / "recovery")


def test_a_thousand_window_edits_undo_and_redo_exactly(document: Document) -> None:
    _run_through_stack(document, random.Random(7), LONG_RUN)
    assert document.undo_stack.index() == LONG_RUN


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    start=boards(max_workloads=5), rng=st.randoms(use_true_random=False), count=st.integers(0, 60)
)
def test_random_window_edits_undo_and_redo_exactly(
    qtbot: QtBot, tmp_path: Path, start: Board, rng: random.Random, count: int
) -> None:
    document = Document(start, None, tmp_path / "recovery")
    try:
        _run_through_stack(document, rng, count)
    finally:
        document.close()
        document.deleteLater()


def _without_repeats(boards: list[Board]) -> list[Board]:
    return [b for i, b in enumerate(boards) if i == 0 or b != boards[i - 1]]


def test_every_push_undo_and_redo_announces_the_new_board(qtbot: QtBot, document: Document) -> None:
    """The views redraw from board_changed, so it must fire with each board in turn."""
    seen: list[Board] = [document.board]
    document.board_changed.connect(seen.append)
    history = [document.board]
    maker = EditMaker(random.Random(11), append_only=True)
    for _ in range(40):
        document.push(window_command(document, maker.next_edit(document.board)))
        history.append(document.board)
    for _ in range(40):
        document.undo_stack.undo()
    for _ in range(40):
        document.undo_stack.redo()
    expected = history + history[-2::-1] + history[1:]
    assert _without_repeats(seen) == _without_repeats(expected)
