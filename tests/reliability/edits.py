"""A pure edit log for undo/redo tests: each edit stores the values before and after it.

Undoing an edit never restores a snapshot of the whole board: it applies the old values through
the same Board methods the editor uses (with_placement, with_workload at an index,
without_workload, with_weights, with_fields). So undo-all giving back the first board proves
those methods lose nothing: order of workloads, placements, weights, every field.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tests.reliability.strategies import NASTY_PIECES
from whiteboard.model import EDITION_IDS, PILLAR_IDS, Board, PillarId, TargetId, Workload


@dataclass(frozen=True)
class Place:
    """Place, move (to another target) or unplace one workload."""

    workload_id: str
    old: TargetId | None
    new: TargetId | None

    def redo(self, board: Board) -> Board:
        return board.with_placement(self.workload_id, self.new)

    def undo(self, board: Board) -> Board:
        return board.with_placement(self.workload_id, self.old)


@dataclass(frozen=True)
class EditField:
    """Change one field of one workload."""

    workload_id: str
    field: str
    old: Any
    new: Any

    def _with(self, board: Board, value: Any) -> Board:
        current = board.workload(self.workload_id)
        changed = Workload.model_validate({**current.model_dump(), self.field: value})
        return board.with_workload(changed)

    def redo(self, board: Board) -> Board:
        return self._with(board, self.new)

    def undo(self, board: Board) -> Board:
        return self._with(board, self.old)


@dataclass(frozen=True)
class EditBoard:
    """Change a top-level field: the board's name or notes."""

    field: str
    old: str
    new: str

    def redo(self, board: Board) -> Board:
        return board.with_fields(**{self.field: self.new})

    def undo(self, board: Board) -> Board:
        return board.with_fields(**{self.field: self.old})


@dataclass(frozen=True)
class AddWorkload:
    workload: Workload
    index: int | None

    def redo(self, board: Board) -> Board:
        return board.with_workload(self.workload, self.index)

    def undo(self, board: Board) -> Board:
        return board.without_workload(self.workload.id)


@dataclass(frozen=True)
class DeleteWorkload:
    """Remove a workload; undo re-inserts it where it was, with its placement."""

    workload: Workload
    index: int
    placement: TargetId | None

    def redo(self, board: Board) -> Board:
        return board.without_workload(self.workload.id)

    def undo(self, board: Board) -> Board:
        restored = board.with_workload(self.workload, self.index)
        if self.placement is None:
            return restored
        return restored.with_placement(self.workload.id, self.placement)


@dataclass(frozen=True)
class ChangeWeights:
    old: Mapping[PillarId, float]
    new: Mapping[PillarId, float]

    def redo(self, board: Board) -> Board:
        return board.with_weights(self.new)

    def undo(self, board: Board) -> Board:
        return board.with_weights(self.old)


@dataclass(frozen=True)
class SwitchEdition:
    """Tell the board in another edition; undo brings back the placements it dropped."""

    old: str
    new: str
    dropped: tuple[tuple[str, TargetId], ...]

    def redo(self, board: Board) -> Board:
        return board.with_edition(self.new)

    def undo(self, board: Board) -> Board:
        board = board.with_edition(self.old)
        for workload_id, target in self.dropped:
            board = board.with_placement(workload_id, target)
        return board


Edit = Place | EditField | EditBoard | AddWorkload | DeleteWorkload | ChangeWeights | SwitchEdition

_TEXT = (*NASTY_PIECES, "Payments API", "Nightly ETL", "Ünïcødé ✓", "x" * 200)


def _text(rng: random.Random, max_chars: int) -> str:
    text = "".join(rng.choice(_TEXT) for _ in range(rng.randint(1, 4)))[:max_chars]
    return text if text.strip() else "blank"


def _field_value(rng: random.Random, board: Board, workload: Workload, name: str) -> Any:
    """A new valid value for one workload field."""
    choices: dict[str, Any] = {
        "name": lambda: _text(rng, 200),
        "kind": lambda: _text(rng, 60),
        "architecture": lambda: rng.choice(("pet", "cattle")),
        "stateful": lambda: not workload.stateful,
        "max_runtime_s": lambda: rng.choice((None, 1, 60, 900, 86_400)),
        "vcpu": lambda: rng.choice((0.125, 0.25, 1.0, 2.0, 96.0, 448.0)),
        "memory_gib": lambda: rng.uniform(0.001, 1024),
        "traffic": lambda: rng.choice(("steady", "spiky", "event_driven", "idle")),
        "os": lambda: rng.choice(("linux", "windows")),
        "ops_maturity": lambda: rng.choice(("low", "medium", "high")),
        "compliance": lambda: tuple(rng.sample(("pci", "hipaa", "sox"), rng.randint(0, 2))),
        "depends_on": lambda: tuple(
            rng.sample(
                [i for i in board.workload_ids if i != workload.id],
                min(rng.randint(0, 2), len(board.workload_ids) - 1),
            )
        ),
    }
    return choices[name]()


WORKLOAD_FIELDS = (
    "name",
    "kind",
    "architecture",
    "stateful",
    "max_runtime_s",
    "vcpu",
    "memory_gib",
    "traffic",
    "os",
    "ops_maturity",
    "compliance",
    "depends_on",
)


@dataclass
class EditMaker:
    """Draws random valid edits for the board as it stands. `append_only` for editors that
    can only add at the end (the window's add command)."""

    rng: random.Random
    append_only: bool = False
    _counter: int = field(default=0)

    def next_edit(self, board: Board) -> Edit:
        ids = board.workload_ids
        kind = self.rng.choice(
            (
                "place",
                "place",
                "move",
                "field",
                "field",
                "board",
                "add",
                "delete",
                "weights",
                "edition",
            )
        )
        if kind == "edition":
            new_edition = self.rng.choice([e for e in EDITION_IDS if e != board.edition])
            off = board.off_edition(new_edition)
            dropped = tuple((wid, board.placements[wid]) for wid in off)
            return SwitchEdition(board.edition, new_edition, dropped)
        if not ids or kind == "add":
            return self._add(board)
        workload_id = self.rng.choice(ids)
        if kind in ("place", "move"):
            old = board.placement(workload_id)
            options = [t for t in board.targets if t != old]
            new: TargetId | None = self.rng.choice(options)
            if kind == "place" and old is not None and self.rng.random() < 0.3:
                new = None
            return Place(workload_id, old, new)
        if kind == "field":
            workload = board.workload(workload_id)
            name = self.rng.choice(WORKLOAD_FIELDS)
            value = _field_value(self.rng, board, workload, name)
            return EditField(workload_id, name, getattr(workload, name), value)
        if kind == "board":
            name = self.rng.choice(("name", "notes"))
            return EditBoard(name, getattr(board, name), _text(self.rng, 200))
        if kind == "delete":
            free = [i for i in ids if not any(i in w.depends_on for w in board.workloads)]
            if free:
                gone = self.rng.choice(free)
                return DeleteWorkload(
                    board.workload(gone), board.index_of(gone), board.placement(gone)
                )
            return self._add(board)
        pillars = self.rng.sample(PILLAR_IDS, self.rng.randint(1, 3))
        new_weights = {p: self.rng.choice((0.0, 0.5, 1.0, 2.0, 3.5, 100.0)) for p in pillars}
        if not any({**board.weights, **new_weights}.values()):
            new_weights[pillars[0]] = 1.0
        return ChangeWeights({p: board.weights[p] for p in pillars}, new_weights)

    def _add(self, board: Board) -> AddWorkload:
        self._counter += 1
        workload_id = f"added-{self._counter}"
        while board.has_workload(workload_id):
            self._counter += 1
            workload_id = f"added-{self._counter}"
        workload = Workload(id=workload_id, name=_text(self.rng, 200))
        size = len(board.workloads)
        index = None if self.append_only else self.rng.randint(0, size)
        return AddWorkload(workload, index)
