"""Presenter playback without Qt: the key table, the step state machine and the script.

The presenter is a script the GUI plays. This module decides everything that is not drawing:
which key does what, where a number typed before Enter jumps to, whether the screen is blacked
or whitened, which elements are visible at step n and how the elements of step n enter. The Qt
presenter only turns an `Entrance` list into animations and a `Change` into a redraw.

Step 0 is the start: the title slide when the script has one (the board's name, the day, the
presenter's subtitle), otherwise the elements that are always shown (background, title).
Steps 1..8 are the story, 9+ the board's workloads, one column per step.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from whiteboard.slides.scene import ALWAYS, Point, Polyline, Scene

if TYPE_CHECKING:
    from whiteboard.catalog import Catalog
    from whiteboard.model import Board
    from whiteboard.scoring.results import BoardScore


class Action(StrEnum):
    NEXT = "next"
    PREVIOUS = "previous"
    FIRST = "first"
    LAST = "last"
    DIGIT = "digit"
    ENTER = "enter"
    BLACK = "black"
    WHITE = "white"
    NOTES = "notes"
    LEAVE = "leave"


@dataclass(frozen=True, slots=True)
class KeyBinding:
    """One key of the presenter. `key` is a Qt-free name ("PageDown", "B", "7")."""

    key: str
    action: Action
    title: str


#: Every key the presenter understands. Clickers send PageUp/PageDown, Escape and B or Period.
KEY_BINDINGS: tuple[KeyBinding, ...] = (
    KeyBinding("Right", Action.NEXT, "Next step"),
    KeyBinding("Down", Action.NEXT, "Next step"),
    KeyBinding("PageDown", Action.NEXT, "Next step"),
    KeyBinding("Space", Action.NEXT, "Next step"),
    KeyBinding("Return", Action.ENTER, "Next step, or jump to the number typed"),
    KeyBinding("Enter", Action.ENTER, "Next step, or jump to the number typed"),
    KeyBinding("Left", Action.PREVIOUS, "Previous step"),
    KeyBinding("Up", Action.PREVIOUS, "Previous step"),
    KeyBinding("PageUp", Action.PREVIOUS, "Previous step"),
    KeyBinding("Backspace", Action.PREVIOUS, "Previous step"),
    KeyBinding("Home", Action.FIRST, "Start"),
    KeyBinding("End", Action.LAST, "Last step"),
    KeyBinding("B", Action.BLACK, "Black screen (again to return)"),
    KeyBinding("Period", Action.BLACK, "Black screen (again to return)"),
    KeyBinding("W", Action.WHITE, "White screen (again to return)"),
    KeyBinding("P", Action.NOTES, "Presenter view in front, or the slide again (one screen)"),
    KeyBinding("Escape", Action.LEAVE, "Leave the presentation"),
    *(KeyBinding(str(digit), Action.DIGIT, "Type a step number") for digit in range(10)),
)

_BY_KEY: Mapping[str, Action] = {binding.key: binding.action for binding in KEY_BINDINGS}

Blank = Literal["none", "black", "white"]

#: More digits than this cannot be a step number; the oldest digit is dropped.
MAX_TYPED_DIGITS = 3


def action_for(key: str) -> Action | None:
    return _BY_KEY.get(key)


@dataclass(frozen=True, slots=True)
class Change:
    """What one key press did. `animate` is true only for a single step forward."""

    before: int
    after: int
    blank: Blank
    animate: bool = False
    leave: bool = False
    #: Past the last step: the end-of-show screen is up.
    ended: bool = False
    #: Bring the presenter view forward, or the slide back (the one-screen case).
    swap_windows: bool = False

    @property
    def moved(self) -> bool:
        return self.after != self.before


class Playback:
    """Where the presentation is: the step, the blank screen, the digits typed so far."""

    def __init__(self, last: int, step: int = ALWAYS) -> None:
        if last < ALWAYS:
            raise ValueError(f"last step must be >= {ALWAYS}, got {last}")
        self.last = last
        self.step = self._clamp(step)
        self.blank: Blank = "none"
        self.typed = ""
        self.ended = False

    def press(self, key: str) -> Change | None:
        """Apply one key; None when the key is not the presenter's."""
        action = action_for(key)
        if action is None:
            return None
        if action is Action.DIGIT:
            self.typed = (self.typed + key)[-MAX_TYPED_DIGITS:]
            return self._change(self.step)
        typed, self.typed = self.typed, ""
        if action is Action.LEAVE:
            return Change(self.step, self.step, self.blank, leave=True)
        if action is Action.NOTES:
            return replace(self._change(self.step), swap_windows=True)
        if action in (Action.BLACK, Action.WHITE):
            wanted: Blank = "black" if action is Action.BLACK else "white"
            self.blank = "none" if self.blank == wanted else wanted
            return self._change(self.step)
        if self.blank != "none":
            # Like every presentation program: the first key after a blank only brings it back.
            self.blank = "none"
            return self._change(self.step)
        if self.ended:
            # The end screen: forward once more leaves, back returns to the last step.
            if action in (Action.NEXT, Action.ENTER) and not typed:
                return Change(self.step, self.step, self.blank, leave=True)
            self.ended = False
            if action is Action.PREVIOUS:
                return self._change(self.step)
        if action is Action.ENTER and typed:
            return self.go(int(typed))
        if action in (Action.NEXT, Action.ENTER):
            if self.step == self.last:
                self.ended = True
                return self._change(self.step)
            return self.go(self.step + 1)
        if action is Action.PREVIOUS:
            return self.go(self.step - 1)
        if action is Action.FIRST:
            return self.go(ALWAYS)
        return self.go(self.last)

    def go(self, step: int) -> Change:
        before, self.step = self.step, self._clamp(step)
        return self._change(before, animate=self.step == before + 1)

    def _change(self, before: int, *, animate: bool = False) -> Change:
        return Change(before, self.step, self.blank, animate=animate, ended=self.ended)

    def _clamp(self, step: int) -> int:
        return max(ALWAYS, min(self.last, step))


# --- the script: steps, visibility, entrances ---------------------------------------------------

EntranceKind = Literal["fade", "grow", "slide"]

#: Milliseconds per entrance kind; with the stagger below a step never takes over 600 ms.
DURATION_MS: Mapping[EntranceKind, int] = {"fade": 400, "slide": 450, "grow": 600}
#: Workload cards of one step enter one after the other, this far apart, within the cap.
STAGGER_MS = 50
MAX_STEP_MS = 600
#: Slide-ins start this far below their place (scene units) and move up while fading in.
SLIDE_OFFSET: tuple[float, float] = (0.0, 48.0)


@dataclass(frozen=True, slots=True)
class StepInfo:
    number: int
    slug: str
    title: str
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Entrance:
    """How one element enters: `grow` draws a line from its first point to its last (an area,
    box or text that should grow fades in instead: cutting a polygon short draws wedges)."""

    element_id: str
    kind: EntranceKind
    delay_ms: int
    duration_ms: int
    offset: tuple[float, float] = (0.0, 0.0)

    @property
    def end_ms(self) -> int:
        return self.delay_ms + self.duration_ms


@dataclass(frozen=True, slots=True)
class Script:
    """A scene with its step titles and notes: everything the presenter plays."""

    scene: Scene
    steps: tuple[StepInfo, ...]
    start: StepInfo = field(default=StepInfo(ALWAYS, "start", "Start"))
    #: What the start shows instead of the bare slide: the title slide (`story.title_scene`).
    title: Scene | None = None

    def __post_init__(self) -> None:
        numbers = [info.number for info in self.steps]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"steps must be numbered 1..n in order, got {numbers}")
        if self.scene.last_step > len(numbers):
            raise ValueError(
                f"scene has elements at step {self.scene.last_step} but only {len(numbers)} steps"
            )
        if self.title is not None:
            clash = self.title_ids & {element.id for element in self.scene.elements}
            if clash:
                raise ValueError(f"title slide ids also on the slide: {sorted(clash)}")

    @property
    def last(self) -> int:
        return len(self.steps)

    def info(self, step: int) -> StepInfo:
        return self.start if step == ALWAYS else self.steps[step - 1]

    @property
    def title_ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self.title.elements) if self.title else frozenset()

    def visible_ids(self, step: int) -> frozenset[str]:
        """What the audience sees at `step`: the title slide at the start, when there is one."""
        if step == ALWAYS and self.title is not None:
            return self.title_ids
        return self.slide_ids(step)

    def slide_ids(self, step: int) -> frozenset[str]:
        """The compute slide's elements revealed by `step` (what step 1 builds on)."""
        return frozenset(element.id for element in self.scene.visible_at(step))

    def frame(self, step: int) -> tuple[Scene, int]:
        """The scene and step to draw for `step`: the title slide at the start, if any."""
        if step == ALWAYS and self.title is not None:
            return self.title, ALWAYS
        return self.scene, step

    def entrances(self, step: int) -> tuple[Entrance, ...]:
        return entrances(self.scene, step)

    def frame_name(self, step: int) -> str:
        """File name of the step's frame: `step-01-the-line.png`."""
        return f"step-{step:02d}-{self.info(step).slug}.png"

    def label(self, step: int) -> str:
        return "Start" if step == ALWAYS else f"Step {step} of {self.last}"


def entrances(scene: Scene, step: int) -> tuple[Entrance, ...]:
    """The animations of entering `step`. Elements of one workload (card, name, score) enter
    together; different workloads are staggered so a column fills card by card."""
    entering = [
        e for e in scene.elements if e.step == step and step != ALWAYS and e.enter != "none"
    ]
    groups: dict[str, int] = {}
    result = []
    for element in entering:
        kind: EntranceKind
        if element.enter == "grow":
            growable = isinstance(element, Polyline) and not element.closed
            kind = "grow" if growable else "fade"
        else:
            kind = "slide" if element.enter == "slide" else "fade"
        duration = DURATION_MS[kind]
        group = groups.setdefault(element.data.get("workload", ""), len(groups))
        delay = min(group * STAGGER_MS, MAX_STEP_MS - duration) if "workload" in element.data else 0
        offset = SLIDE_OFFSET if kind == "slide" else (0.0, 0.0)
        result.append(Entrance(element.id, kind, delay, duration, offset))
    return tuple(result)


def script_for_board(board: Board, *, subtitle: str = "", day: dt.date | None = None) -> Script:
    """The compute slide of `board` with its edition's story steps and one step per column of
    placed workloads (titles and notes from `slides.story`), opened by the title slide: the
    board's name, `day` (today by default) and the presenter's `subtitle`."""
    from whiteboard.catalog import default_catalog
    from whiteboard.scoring import score_board
    from whiteboard.slides.compute import compute_slide
    from whiteboard.slides.story import title_scene

    catalog = default_catalog()
    scores = score_board(board, catalog=catalog)
    scene = compute_slide(board, scores, catalog)
    title = title_scene(board.name, subtitle, day, width=scene.width, height=scene.height)
    return script_of(board, scores, scene, catalog, title=title)


def script_of(
    board: Board, scores: BoardScore, scene: Scene, catalog: Catalog, *, title: Scene | None = None
) -> Script:
    """`scene` (the compute slide of the scored `board`) with its steps' titles and notes; the
    start is named after the board (the presenter reads "Start — <board>", not "Start — Start"),
    carries the board's own notes and shows the `title` slide when one is given."""
    from whiteboard.model.text import one_line
    from whiteboard.slides.story import story_of, workload_steps

    infos = [
        StepInfo(s.number, s.id, s.title, s.notes) for s in story_of(board.edition, catalog).steps
    ]
    infos += [
        StepInfo(w.number, f"workloads-{slug(w.target)}", w.title, w.notes)
        for w in workload_steps(board, scores, catalog)
    ]
    start = StepInfo(ALWAYS, "start", one_line(board.name), board.notes.strip())
    return Script(scene, fill_steps(infos, scene.last_step), start, title)


def partial_points(points: Sequence[Point], fraction: float) -> tuple[Point, ...]:
    """The first `fraction` of a polyline by length: how a growing line looks part way."""
    if fraction >= 1.0 or len(points) < 2:
        return tuple(points)
    lengths = [math.dist(a, b) for a, b in itertools.pairwise(points)]
    remaining = max(0.0, fraction) * sum(lengths)
    result = [points[0]]
    for (a, b), length in zip(itertools.pairwise(points), lengths, strict=True):
        if remaining > length:
            result.append(b)
            remaining -= length
            continue
        t = remaining / length if length else 0.0
        result.append((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t))
        break
    return tuple(result)


def default_steps(numbers: Iterable[int]) -> tuple[StepInfo, ...]:
    return tuple(StepInfo(n, f"step-{n}", f"Step {n}") for n in numbers)


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-") or "step"


def fill_steps(infos: Sequence[StepInfo], last: int) -> tuple[StepInfo, ...]:
    """The known steps, plus a plain "Step n" for any number up to `last` nobody described."""
    by_number = {info.number: info for info in infos}
    count = max([last, *by_number])
    return tuple(by_number.get(n) or default_steps([n])[0] for n in range(1, count + 1))


def screen_roles(count: int, primary: int = 0) -> tuple[int, int | None]:
    """Which screen shows the slide and which the presenter view: the slide on the primary
    screen, the presenter view on the second one; with one screen there is no second."""
    if count < 2:
        return primary, None
    return primary, next(index for index in range(count) if index != primary)


def format_elapsed(seconds: float) -> str:
    """`12:05` under an hour, `1:02:03` after."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
