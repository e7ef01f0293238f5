"""Undoable edits. Each command holds the board before and after and touches only the model
(through `Document.apply`); the views redraw from the board when it changes.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from whiteboard.catalog import default_catalog
from whiteboard.model import Board, EditionId, PillarId, TargetId, Workload

_WEIGHTS_COMMAND_ID = 4201
_gestures = itertools.count(1)


def new_gesture() -> int:
    """A token for one continuous gesture (e.g. one slider drag); its commands merge."""
    return next(_gestures)


class BoardHolder(Protocol):
    def apply(self, board: Board) -> None: ...


class BoardCommand(QUndoCommand):
    """Replace the board with `new`; undo puts `old` back."""

    def __init__(self, holder: BoardHolder, old: Board, new: Board, text: str) -> None:
        super().__init__(text)
        self.holder = holder
        self.old = old
        self.new = new

    def redo(self) -> None:
        self.holder.apply(self.new)

    def undo(self) -> None:
        self.holder.apply(self.old)


class WeightsCommand(BoardCommand):
    """A weight change; consecutive changes of one gesture merge into one undo step."""

    def __init__(self, holder: BoardHolder, old: Board, new: Board, gesture: int) -> None:
        super().__init__(holder, old, new, "Change weights")
        self.gesture = gesture

    def id(self) -> int:
        return _WEIGHTS_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, WeightsCommand) or other.gesture != self.gesture:
            return False
        self.new = other.new
        return True


def place(
    holder: BoardHolder, board: Board, workload_id: str, target: TargetId | None
) -> BoardCommand:
    name = board.workload(workload_id).name
    if target is None:
        text = f"Unplace {name}"
    else:
        text = f"Place {name} on {default_catalog().target(target).short_name}"
    return BoardCommand(holder, board, board.with_placement(workload_id, target), text)


def place_group(
    holder: BoardHolder,
    board: Board,
    workload_ids: Sequence[str],
    target: TargetId | None,
    group: str,
) -> BoardCommand:
    """A group's workloads moved together (a group card dragged): one undo step."""
    count = len(workload_ids)
    what = f"{count} workload{'s' * (count != 1)} of {group}"
    where = "Unplace" if target is None else "Place"
    text = f"{where} {what}"
    if target is not None:
        text += f" on {default_catalog().target(target).short_name}"
    return BoardCommand(holder, board, board.with_placements(workload_ids, target), text)


def place_recommended(
    holder: BoardHolder, board: Board, placing: Mapping[str, TargetId]
) -> BoardCommand:
    """Unplaced workloads each on its recommended target: one undo step."""
    count = len(placing)
    text = f"Place {count} workload{'s' * (count != 1)} on their best targets"
    placements = {**board.placements, **placing}
    return BoardCommand(holder, board, board.with_fields(placements=placements), text)


def edit_workload(
    holder: BoardHolder, board: Board, workload: Workload, field: str
) -> BoardCommand:
    text = f"Edit {field.replace('_', ' ')} of {workload.name}"
    return BoardCommand(holder, board, board.with_workload(workload), text)


def add_workload(holder: BoardHolder, board: Board, workload: Workload) -> BoardCommand:
    return BoardCommand(holder, board, board.with_workload(workload), f"Add {workload.name}")


def add_workloads(
    holder: BoardHolder, board: Board, workloads: Sequence[Workload], source: str
) -> BoardCommand:
    """Many new workloads (an imported inventory) at the end, unplaced: one undo step, one
    validation of the board. Raises pydantic's ValidationError when an id is already taken."""
    added = board.with_fields(workloads=(*board.workloads, *workloads))
    count = len(workloads)
    text = f"Import {count} workload{'s' * (count != 1)} from {source}"
    return BoardCommand(holder, board, added, text)


def remove_workload(holder: BoardHolder, board: Board, workload_id: str) -> BoardCommand:
    """Raises ValueError (one sentence) when another workload depends on it."""
    name = board.workload(workload_id).name
    return BoardCommand(holder, board, board.without_workload(workload_id), f"Remove {name}")


def set_weights(
    holder: BoardHolder, board: Board, weights: Mapping[PillarId, float], gesture: int
) -> WeightsCommand:
    return WeightsCommand(holder, board, board.with_weights(weights), gesture)


def set_edition(holder: BoardHolder, board: Board, edition: EditionId) -> BoardCommand:
    """Tell the board in another edition: one undo step, which also puts back any placements
    on targets the new edition lacks."""
    off = board.off_edition(edition)
    text = f"Switch to the {edition} edition"
    if off:
        text += f" (unplaces {len(off)} workload{'s' * (len(off) != 1)})"
    return BoardCommand(holder, board, board.with_edition(edition), text)


def rename_board(holder: BoardHolder, board: Board, name: str) -> BoardCommand:
    return BoardCommand(holder, board, board.with_fields(name=name), "Rename board")
