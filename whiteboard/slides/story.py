"""The compute story's build-up steps, as data: one file per edition under `assets/story/`.

The 2018 edition (`compute.json`) is the blog's eight steps over five columns; the 2026 edition
(`compute-2026.json`) adds the rungs AWS built since. The catalog names each edition's file.
The presenter reads titles, speaker notes and enter animations from the same file the layout
uses to tag each element with the step that reveals it, so the two cannot drift apart. After the
story's steps the board's own workloads enter, one step per non-empty column. Before them all
comes the title slide (`title_scene`): the board's name, the day and the presenter's subtitle.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from fnmatch import fnmatchcase
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from whiteboard.catalog import Catalog, default_catalog
from whiteboard.model import Board
from whiteboard.model.io import describe_validation_error
from whiteboard.model.vocab import NEWEST_EDITION, EditionId, TargetId
from whiteboard.paths import ASSETS_DIR
from whiteboard.scoring.results import BoardScore, TargetScore
from whiteboard.slides.cards import resolve_scores
from whiteboard.slides.scene import ALWAYS, Polyline, Rect, Scene, Shape, Text

STORY_DIR = ASSETS_DIR / "story"
#: The 2018 edition's story: the blog's eight steps.
STORY_FILE = STORY_DIR / "compute.json"
MAX_STORY_STEPS = 30
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
#: Workload names spelled out in one step's notes before the rest are counted.
_NAMED_IN_NOTES = 6


class StoryError(Exception):
    """The story file is broken. `str()` names the file and the field."""


class StoryStep(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    number: int = Field(ge=1, le=MAX_STORY_STEPS, description="Position in the build-up.")
    id: str = Field(pattern=r"^[a-z0-9-]+$", description="Stable slug of the step.")
    title: str = Field(min_length=1, max_length=80, description="Shown to the presenter.")
    reveals: tuple[str, ...] = Field(
        min_length=1, description="fnmatch patterns of the element ids this step reveals."
    )
    enter: Literal["fade", "grow", "slide"] = Field(description="How revealed elements enter.")
    notes: str = Field(min_length=1, description="Speaker notes: three to six sentences.")

    @field_validator("notes")
    @classmethod
    def _three_to_six_sentences(cls, value: str) -> str:
        count = len(_SENTENCE_END.findall(value))
        if not 3 <= count <= 6:
            raise ValueError(f"speaker notes need 3 to 6 sentences, found {count}")
        return value

    def reveals_id(self, element_id: str) -> bool:
        return any(fnmatchcase(element_id, pattern) for pattern in self.reveals)


class Story(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: Literal[1] = Field(description="Version of the story file format.")
    steps: tuple[StoryStep, ...] = Field(description="The build-up, in order.")

    @model_validator(mode="after")
    def _numbered_in_order(self) -> Story:
        numbers = [step.number for step in self.steps]
        if not numbers or numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"steps must be numbered from 1 in order, not {numbers}")
        ids = [step.id for step in self.steps]
        if len(set(ids)) != len(ids):
            raise ValueError("step ids must be unique")
        return self

    @cached_property
    def _memo(self) -> dict[str, int]:
        return {}

    def step_of(self, element_id: str) -> int:
        """The first step whose patterns match the id; 0 (shown from the start) if none does."""
        memo = self._memo
        if element_id not in memo:
            memo[element_id] = next(
                (step.number for step in self.steps if step.reveals_id(element_id)), 0
            )
        return memo[element_id]

    def step(self, number: int) -> StoryStep:
        return self.steps[number - 1]


def load_story(path: Path = STORY_FILE) -> Story:
    """Read and validate a story file; problems raise StoryError naming file and field."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise StoryError(f"{path}: {error.strerror or error}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise StoryError(f"{Path(path).name}: is not valid JSON: {error}") from None
    try:
        return Story.model_validate(raw)
    except ValidationError as error:
        where, problem = describe_validation_error(error)
        raise StoryError(f"{Path(path).name}: {where or 'top level'}: {problem}") from None


_loaded: dict[str, Story] = {}


def story_of(edition: EditionId, catalog: Catalog | None = None) -> Story:
    """The shipped story of one edition, loaded once per process."""
    file = (catalog or default_catalog()).edition(edition).story
    if file not in _loaded:
        _loaded[file] = load_story(STORY_DIR / file)
    return _loaded[file]


def default_story() -> Story:
    """The story of the newest edition (what a new board tells)."""
    return story_of(NEWEST_EDITION)


class WorkloadStep(NamedTuple):
    """One build-up step after the story: a column's workloads entering the slide."""

    number: int
    target: TargetId
    title: str
    notes: str


def placed_by_target(board: Board) -> dict[TargetId, list[str]]:
    """Placed workload ids per target, in board order."""
    groups: dict[TargetId, list[str]] = {target: [] for target in board.targets}
    for workload in board.workloads:
        target = board.placement(workload.id)
        if target is not None:
            groups[target].append(workload.id)
    return groups


def workload_step_numbers(groups: dict[TargetId, list[str]], first: int) -> dict[TargetId, int]:
    """Target -> the step its cards enter: one per non-empty column, left to right (`groups`
    holds the edition's targets in slide order)."""
    numbered = [target for target, ids in groups.items() if ids]
    return {target: first + index for index, target in enumerate(numbered)}


def workload_steps(
    board: Board,
    scores: BoardScore | None = None,
    catalog: Catalog | None = None,
    *,
    first: int | None = None,
    groups: dict[TargetId, list[str]] | None = None,
) -> list[WorkloadStep]:
    """One step per column that holds workloads, left to right, numbered from `first` (by
    default the step after the edition's story).

    `groups` is `placed_by_target(board)` when the caller has it already (large boards)."""
    catalog = catalog or default_catalog()
    if first is None:
        first = len(story_of(board.edition, catalog).steps) + 1
    scores = resolve_scores(board, scores)
    groups = placed_by_target(board) if groups is None else groups
    steps: list[WorkloadStep] = []
    for target, number in workload_step_numbers(groups, first).items():
        name = catalog.target(target).display_name
        notes = _column_notes(board, scores, name, target, groups[target])
        steps.append(WorkloadStep(number, target, f"Your workloads on {name}", notes))
    return steps


def _column_notes(
    board: Board, scores: BoardScore | None, name: str, target: TargetId, ids: list[str]
) -> str:
    count = len(ids)
    noun = "workload" if count == 1 else "workloads"
    named = [_named(board, scores, wid, target) for wid in ids[:_NAMED_IN_NOTES]]
    if count > _NAMED_IN_NOTES:
        named.append(f"{count - _NAMED_IN_NOTES} more")
    sentences = [f"{_count_word(count)} {noun} placed on {name}: {_join(named)}."]
    broken = _infeasible(scores, ids, target)
    if broken:
        who = _join([board.workload(wid).name for wid in broken[:_NAMED_IN_NOTES]])
        verb = "breaks" if len(broken) == 1 else "break"
        sentences.append(f"Look again at {who}: the placement {verb} a hard limit of {name}.")
    elif scores is not None:
        sentences.append(f"Every placement here stays within the documented limits of {name}.")
    if scores is None:
        sentences.append("Scores appear once the board has been scored.")
    return " ".join(sentences)


def _named(board: Board, scores: BoardScore | None, workload_id: str, target: TargetId) -> str:
    name = board.workload(workload_id).name
    score = _target_score(scores, workload_id, target)
    return name if score is None else f"{name} (score {score.overall:.0f})"


def _target_score(
    scores: BoardScore | None, workload_id: str, target: TargetId
) -> TargetScore | None:
    if scores is None or workload_id not in scores.workloads:
        return None
    return scores.workloads[workload_id].targets.get(target)


def _infeasible(scores: BoardScore | None, ids: list[str], target: TargetId) -> list[str]:
    broken = []
    for workload_id in ids:
        score = _target_score(scores, workload_id, target)
        if score is not None and not score.feasible:
            broken.append(workload_id)
    return broken


def _count_word(count: int) -> str:
    words = ["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"]
    return words[count] if count < len(words) else str(count)


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


# --- the title slide ----------------------------------------------------------------------------

#: Prefix of the title slide's element ids: they never collide with the compute slide's.
TITLE_PREFIX = "title-slide:"
#: Longest subtitle the title slide shows (a sentence, not a paragraph).
MAX_SUBTITLE = 120
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def spoken_date(day: dt.date) -> str:
    """`3 December 2026`: the same in every locale, unambiguous in every country."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def title_scene(
    name: str,
    subtitle: str = "",
    day: dt.date | None = None,
    *,
    width: float = 1920.0,
    height: float = 1080.0,
) -> Scene:
    """What the room sees before the first step: the board's name, the presenter's subtitle
    (left out when empty) and the day, on a white page with the story's red line as a mark.

    Drawn on the same grid as the compute slide (`width` x `height`), so the presenter shows it
    in the same place; every id starts with `TITLE_PREFIX`."""
    from whiteboard.model.text import one_line
    from whiteboard.slides.textfit import largest_size

    sx, sy = width / 1920.0, height / 1080.0
    unit = min(sx, sy)
    day = day or dt.date.today()
    subtitle = one_line(subtitle)[:MAX_SUBTITLE]
    name = one_line(name)
    # A long board name shrinks to three lines before it is cut.
    title_size = largest_size(name, 76, 1600, 260, minimum=48, bold=True)

    def box(x: float, y: float, w: float, h: float) -> dict[str, float]:
        return {"x": x * sx, "y": y * sy, "w": w * sx, "h": h * sy}

    def text(
        key: str, role: str, top: float, tall: float, words: str, size: float, **extra: Any
    ) -> Text:
        return Text(
            id=TITLE_PREFIX + key, role=role, step=ALWAYS, enter="none", z=100.0,
            **box(160, top, 1600, tall), text=words, size=size * unit, align="center",
            **extra,
        )  # fmt: skip

    shapes: list[Shape] = [
        Rect(id=TITLE_PREFIX + "background", role="background", step=ALWAYS, enter="none",
             z=99.0, **box(0, 0, 1920, 1080)),
        Polyline(id=TITLE_PREFIX + "line", role="responsibility_line", step=ALWAYS,
                 enter="none", z=100.0,
                 points=((760 * sx, 640 * sy), (1160 * sx, 600 * sy))),
        text("title", "title", 300, 260, name, title_size, bold=True, valign="bottom"),
    ]  # fmt: skip
    if subtitle:
        shapes.append(text("subtitle", "subtitle", 660, 130, subtitle, 40))
    shapes.append(text("date", "muted_label", 820, 60, spoken_date(day), 30))
    return Scene("title", width, height, tuple(shapes))
