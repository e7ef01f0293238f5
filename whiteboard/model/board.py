"""The board: a named set of workloads, where each is placed, and the pillar weights."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from whiteboard.model.vocab import (
    DEFAULT_WEIGHTS,
    EDITION_TARGETS,
    NEWEST_EDITION,
    PILLAR_IDS,
    EditionId,
    PillarId,
    TargetId,
)
from whiteboard.model.workload import Workload

SCHEMA_VERSION = 6
MAX_WEIGHT = 100.0


def _reference_error(where: str, problem: str) -> PydanticCustomError:
    """A cross-field error whose message carries its own field path."""
    return PydanticCustomError(
        "board_reference", "{where}: {problem}", {"where": where, "problem": problem}
    )


class Board(BaseModel):
    """A whiteboard document. Frozen: every edit makes a new Board.

    Collections stop at their first bad item (`fail_fast`): a hostile file of a million broken
    entries costs one error, not a million, and the report names the first.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    schema_version: int = Field(
        default=SCHEMA_VERSION, description="Version of the file format this board follows."
    )
    name: str = Field(min_length=1, max_length=200, description="Board title, e.g. the customer.")
    edition: EditionId = Field(
        default=NEWEST_EDITION,
        description="Edition of the story: which targets the board shows, scores and exports.",
    )
    workloads: tuple[Workload, ...] = Field(
        default=(), fail_fast=True, description="The customer's workloads."
    )
    placements: dict[str, TargetId] = Field(
        default_factory=dict,
        fail_fast=True,
        description="Workload id -> the target it is placed on.",
    )
    notes: str = Field(default="", max_length=100_000, description="Free notes of the session.")
    weights: dict[PillarId, float] = Field(
        default_factory=lambda: dict(DEFAULT_WEIGHTS),
        fail_fast=True,
        description="Pillar id -> weight in the overall score; missing pillars take the default.",
    )

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise ValueError(f"this whiteboard writes schema {SCHEMA_VERSION}, not {value}")
        return value

    @field_validator("weights")
    @classmethod
    def _complete_weights(cls, value: dict[PillarId, float]) -> dict[PillarId, float]:
        for pillar, weight in value.items():
            if not 0 <= weight <= MAX_WEIGHT:
                raise ValueError(f"weight of {pillar} must be between 0 and {MAX_WEIGHT:g}")
        full = {pillar: float(value.get(pillar, DEFAULT_WEIGHTS[pillar])) for pillar in PILLAR_IDS}
        if not any(full.values()):
            raise ValueError("at least one pillar needs a weight above 0")
        return full

    @model_validator(mode="after")
    def _references_resolve(self) -> Board:
        ids: dict[str, int] = {}
        for index, workload in enumerate(self.workloads):
            if workload.id in ids:
                raise _reference_error(
                    f"workloads[{index}].id",
                    f"'{workload.id}' is already the id of workloads[{ids[workload.id]}]",
                )
            ids[workload.id] = index
        for index, workload in enumerate(self.workloads):
            for dep in workload.depends_on:
                if dep not in ids:
                    raise _reference_error(
                        f"workloads[{index}].depends_on", f"names unknown workload '{dep}'"
                    )
        shown = EDITION_TARGETS[self.edition]
        for workload_id, target in self.placements.items():
            if workload_id not in ids:
                raise _reference_error(
                    f"placements.{workload_id}", f"names unknown workload '{workload_id}'"
                )
            if target not in shown:
                raise _reference_error(
                    f"placements.{workload_id}",
                    f"target '{target}' is not part of the {self.edition} edition",
                )
        return self

    @property
    def targets(self) -> tuple[TargetId, ...]:
        """The targets of the board's edition, left to right."""
        return EDITION_TARGETS[self.edition]

    # -- lookups -------------------------------------------------------------------------------

    @cached_property
    def _index(self) -> dict[str, int]:
        return {workload.id: i for i, workload in enumerate(self.workloads)}

    def workload(self, workload_id: str) -> Workload:
        """The workload with that id; KeyError when there is none."""
        return self.workloads[self._index[workload_id]]

    def index_of(self, workload_id: str) -> int:
        return self._index[workload_id]

    def has_workload(self, workload_id: str) -> bool:
        return workload_id in self._index

    def placement(self, workload_id: str) -> TargetId | None:
        return self.placements.get(workload_id)

    @property
    def workload_ids(self) -> tuple[str, ...]:
        return tuple(self._index)

    # -- edits (each returns a new, valid Board) -------------------------------------------------

    def with_placement(self, workload_id: str, target: TargetId | None) -> Board:
        """Place (or with None, unplace) one workload."""
        self.workload(workload_id)
        placements = dict(self.placements)
        if target is None:
            placements.pop(workload_id, None)
        else:
            placements[workload_id] = target
        return self._replace(placements=placements)

    def with_placements(self, workload_ids: Iterable[str], target: TargetId | None) -> Board:
        """Place (or with None, unplace) many workloads on one target: a group dragged at once."""
        placements = dict(self.placements)
        for workload_id in workload_ids:
            self.workload(workload_id)
            if target is None:
                placements.pop(workload_id, None)
            else:
                placements[workload_id] = target
        return self._replace(placements=placements)

    def with_workload(self, workload: Workload, index: int | None = None) -> Board:
        """Replace the workload of the same id, or insert a new one at `index` (default: end)."""
        workloads = list(self.workloads)
        if self.has_workload(workload.id):
            workloads[self.index_of(workload.id)] = workload
        else:
            workloads.insert(len(workloads) if index is None else index, workload)
        return self._replace(workloads=tuple(workloads))

    def without_workload(self, workload_id: str) -> Board:
        """Remove a workload with its placement; fails if another workload depends on it."""
        dependants = [w.id for w in self.workloads if workload_id in w.depends_on]
        if dependants:
            raise ValueError(f"'{workload_id}' is needed by {', '.join(dependants)}")
        workloads = tuple(w for w in self.workloads if w.id != workload_id)
        placements = {k: v for k, v in self.placements.items() if k != workload_id}
        return self._replace(workloads=workloads, placements=placements)

    def with_weights(self, weights: Mapping[PillarId, float]) -> Board:
        return self._replace(weights={**self.weights, **weights})

    def with_edition(self, edition: EditionId) -> Board:
        """The board told in another edition; placements on targets it lacks are unplaced."""
        shown = EDITION_TARGETS[edition]
        placements = {wid: t for wid, t in self.placements.items() if t in shown}
        return self._replace(edition=edition, placements=placements)

    def off_edition(self, edition: EditionId) -> tuple[str, ...]:
        """Ids of the workloads that `with_edition(edition)` would unplace, in board order."""
        shown = EDITION_TARGETS[edition]
        return tuple(
            w.id for w in self.workloads if self.placements.get(w.id, shown[0]) not in shown
        )

    def with_fields(self, **fields: object) -> Board:
        """Change top-level fields such as name or notes."""
        return self._replace(**fields)

    def _replace(self, **fields: object) -> Board:
        data = {name: getattr(self, name) for name in type(self).model_fields}
        data.update(fields)
        return type(self).model_validate(data)


def board_from_workloads(name: str, workloads: Iterable[Workload]) -> Board:
    return Board(name=name, workloads=tuple(workloads))
