"""The pets/cattle chart at size: one numbered bubble per group and target, and a key.

Past `chart.DOTS_MAX` workloads a dot each covers the reference labels and nobody can find a
workload. Instead the workloads of one group (`Workload.group`; "Ungrouped" for those without)
placed on one target share a bubble at the mean of their positions (the same math as the dots),
its area proportional to its count, carrying the number of its line in the key beside the plot:
"number  group — target (count, n cannot run)", by group, so a workload is found by its group.

When the key cannot list every bubble at a legible size, the smallest bubbles of each target
are merged into one "other groups" bubble of that target (the key says how many groups and
workloads that took), so the key always fits and every workload is still counted once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from whiteboard.catalog import default_catalog
from whiteboard.model import Board, TargetId
from whiteboard.model.text import natural_key, neutral
from whiteboard.scoring.results import BoardScore
from whiteboard.slides.cards import placed_numbers
from whiteboard.slides.geometry import Box, Frame
from whiteboard.slides.positions import Point, base_position
from whiteboard.slides.scene import Ellipse, Shape, Text
from whiteboard.slides.textfit import ellipsize, largest_size, line_height, text_width

#: The key, on the design grid: right of the narrowed plot, from under the title to the foot.
KEY_BOX: Box = (1420.0, 96.0, 460.0, 968.0)
#: Key line sizes, largest first: the key takes the largest at which all its lines fit.
KEY_SIZES = (18.0, 17.0, 16.0, 15.0, 14.0)
#: Row height of a key line, as a multiple of its font size.
KEY_ROW = 1.4
KEY_TITLE_SIZE = 20.0
LEGEND_SIZE = 15.0
NOTE_SIZE = 14.0
#: Bubble diameters on the design grid: the smallest still holds a three-digit number.
MIN_D, MAX_D = 32.0, 104.0
#: The red ring of a bubble some of whose workloads cannot run where placed.
RING = 5.0
#: Clear space between two bubbles (rings included) and around obstacles.
GAP = 4.0
#: Share of the plot that all bubbles together may cover; past it they all shrink.
MAX_COVER = 0.22
#: The spiral's step grows with the bubble: a big one moves in strides, a small one finely.
SPIRAL_STEP = 5.0
SPIRAL_STEP_PER_R = 0.45
MAX_TRIES = 6000
UNGROUPED_LABEL = "Ungrouped"
UNPLACED_LABEL = "not placed"
OTHER_LABEL = "other groups"
Z = 8.0

_GOLDEN = math.pi * (3 - math.sqrt(5))


@dataclass(frozen=True, slots=True)
class Bubble:
    """Workloads of one group on one target (or several small groups of one target, merged)."""

    group: str
    target: TargetId | None
    #: Member ids in board order.
    workloads: tuple[str, ...]
    #: Placed where their placement's score says they cannot run.
    cannot_run: int
    #: Sum of the members' unit positions (the mean is `at`); kept so merging can average.
    total: Point
    #: How many groups were merged into this bubble; 0 for a single group.
    merged: int = 0
    #: Its line in the key and the figure in the bubble; 0 until numbered.
    number: int = 0

    @property
    def count(self) -> int:
        return len(self.workloads)

    @property
    def at(self) -> Point:
        return self.total[0] / self.count, self.total[1] / self.count

    @property
    def label(self) -> str:
        return f"{self.merged} {OTHER_LABEL}" if self.merged else self.group

    @property
    def role(self) -> str:
        """Its theme role: not placed, all cannot run there, or placed (ringed in red apart
        when only some cannot)."""
        if self.target is None:
            return "workload_point_unplaced"
        if self.cannot_run == self.count:
            return "workload_point_infeasible"
        return "workload_point"

    def data(self) -> dict[str, str]:
        """What the window and tests read off a bubble or its key line. Every workload id is in
        exactly one bubble, so the ids of all bubbles together are as long as the board's."""
        return {
            "bubble": str(self.number),
            "group": self.group if not self.merged else OTHER_LABEL,
            "target": self.target or "",
            "count": str(self.count),
            "cannot_run": str(self.cannot_run),
            "merged_groups": str(self.merged),
            "workloads": ",".join(self.workloads),
        }


def group_bubbles(board: Board, scores: BoardScore | None) -> list[Bubble]:
    """One bubble per (group, target), groups matched without regard to case (the first
    spelling on the board names the group), in key order (`key_order`), numbered from 1."""
    labels: dict[str, str] = {}
    members: dict[tuple[str, TargetId | None], list[str]] = {}
    sums: dict[tuple[str, TargetId | None], list[float]] = {}
    for workload in board.workloads:
        key = workload.group.casefold() if workload.group else ""
        labels.setdefault(key, neutral(workload.group) if workload.group else UNGROUPED_LABEL)
        target = board.placement(workload.id)
        members.setdefault((key, target), []).append(workload.id)
        x, y = base_position(workload, target)
        total = sums.setdefault((key, target), [0.0, 0.0, 0.0])
        total[0] += x
        total[1] += y
        if target is not None:
            # The numbers alone: the window's scores give them without scoring reasons.
            found = placed_numbers(scores, workload.id, target)
            if found is not None and not found[1]:
                total[2] += 1
    bubbles = [
        Bubble(
            group=labels[key],
            target=target,
            workloads=tuple(ids),
            cannot_run=int(sums[key, target][2]),
            total=(sums[key, target][0], sums[key, target][1]),
        )
        for (key, target), ids in members.items()
    ]
    return numbered(bubbles, board.targets)


def key_order(bubble: Bubble, targets: Sequence[TargetId]) -> tuple[object, ...]:
    """Groups in natural order, as the slide's trays list them ("app-2" before "app-10";
    Ungrouped, then the merged bubbles last), each group's targets left to right as on the
    chart (not placed first)."""
    kind = 2 if bubble.merged else 1 if bubble.group == UNGROUPED_LABEL else 0
    rank = -1 if bubble.target is None else targets.index(bubble.target)
    return kind, natural_key(bubble.group), bubble.group, rank


def numbered(bubbles: Iterable[Bubble], targets: Sequence[TargetId]) -> list[Bubble]:
    ordered = sorted(bubbles, key=lambda b: key_order(b, targets))
    return [_with(b, number=index) for index, b in enumerate(ordered, start=1)]


def _with(bubble: Bubble, **changes: object) -> Bubble:
    fields = {name: getattr(bubble, name) for name in Bubble.__slots__}
    fields.update(changes)
    return Bubble(**fields)  # type: ignore[arg-type]


def merge_to_fit(
    bubbles: Sequence[Bubble], capacity: int, targets: Sequence[TargetId]
) -> list[Bubble]:
    """At most `capacity` bubbles: the largest are kept and, per target, the rest share one
    "other groups" bubble (a lone leftover keeps its own name: it takes the same line)."""
    if len(bubbles) <= capacity:
        return list(bubbles)
    ranked = sorted(bubbles, key=lambda b: (-b.count, key_order(b, targets)))
    keep = 0
    for keep in range(min(capacity, len(ranked)), -1, -1):
        leftover_targets = {b.target for b in ranked[keep:]}
        if keep + len(leftover_targets) <= capacity:
            break
    result = list(ranked[:keep])
    rest: dict[TargetId | None, list[Bubble]] = {}
    for bubble in ranked[keep:]:
        rest.setdefault(bubble.target, []).append(bubble)
    order = {workload_id: index for index, b in enumerate(bubbles) for workload_id in b.workloads}
    for target, small in rest.items():
        if len(small) == 1:
            result.append(small[0])
            continue
        ids = sorted((w for b in small for w in b.workloads), key=order.__getitem__)
        result.append(
            Bubble(
                group=OTHER_LABEL,
                target=target,
                workloads=tuple(ids),
                cannot_run=sum(b.cannot_run for b in small),
                total=(sum(b.total[0] for b in small), sum(b.total[1] for b in small)),
                merged=len(small),
            )
        )
    return numbered(result, targets)


# -- the key ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeyLayout:
    size: float
    rows: int
    merged: bool

    @property
    def row_h(self) -> float:
        return self.size * KEY_ROW


def _footer_h(merged: bool) -> float:
    """Legend (two rows) and, when bubbles were merged, the two-line note under the lines."""
    legend = 2 * (LEGEND_SIZE * 1.7) + 10
    note = 3 * line_height(NOTE_SIZE) + 10 if merged else 0.0
    return legend + note


def _capacity(size: float, merged: bool) -> int:
    _, _, _, h = KEY_BOX
    lines_h = h - KEY_TITLE_SIZE * 1.6 - _footer_h(merged)
    return int(lines_h // (size * KEY_ROW))


def key_layout(count: int) -> KeyLayout:
    """The largest key size at which `count` lines fit; at the smallest size, the lines that
    fit (the caller merges bubbles down to them)."""
    for size in KEY_SIZES:
        if count <= _capacity(size, merged=False):
            return KeyLayout(size, count, merged=False)
    size = KEY_SIZES[-1]
    return KeyLayout(size, _capacity(size, merged=True), merged=True)


def target_name(target: TargetId | None) -> str:
    return UNPLACED_LABEL if target is None else default_catalog().target(target).short_name


def key_text(bubble: Bubble, size: float, width: float) -> str:
    """ "group — target (count, n cannot run)", the group cut with an ellipsis to fit."""
    counts = (
        f"{bubble.count}, {bubble.cannot_run} cannot run"
        if bubble.cannot_run
        else (f"{bubble.count}")
    )
    tail = f" — {target_name(bubble.target)} ({counts})"
    room = width - text_width(tail, size)
    if room < text_width("Wwww…", size):
        return ellipsize(bubble.label + tail, size, width)
    return ellipsize(bubble.label, size, room) + tail


# -- placing bubbles --------------------------------------------------------------------------


def diameters(
    bubbles: Sequence[Bubble], plot: Box, smallest: float = MIN_D, biggest: float = MAX_D
) -> list[float]:
    """Area proportional to the count, the largest bubble `biggest` (less when all of them
    would cover more than MAX_COVER of the plot), none under `smallest`."""
    if not bubbles:
        return []
    _, _, pw, ph = plot
    largest = max(b.count for b in bubbles)
    top = biggest
    cover = sum(math.pi / 4 * (top * top * b.count / largest) for b in bubbles)
    if cover > MAX_COVER * pw * ph:
        top *= math.sqrt(MAX_COVER * pw * ph / cover)
    return [max(smallest, min(biggest, top * math.sqrt(b.count / largest))) for b in bubbles]


def _hits_box(x: float, y: float, r: float, box: Box) -> bool:
    bx, by, bw, bh = box
    nx = min(max(x, bx), bx + bw)
    ny = min(max(y, by), by + bh)
    return (x - nx) ** 2 + (y - ny) ** 2 < r * r


def pack(
    starts: Sequence[Point], radii: Sequence[float], plot: Box, obstacles: Sequence[Box]
) -> list[Point]:
    """Centres (design grid) for circles wanting to sit at `starts`: largest first, each on
    the first free spot of a golden-angle spiral around its start, inside the plot, clear of
    the circles settled before it and of `obstacles` (labels, reference points, arrows)."""
    px, py, pw, ph = plot
    cell = 2 * max(radii, default=1.0) + GAP
    grid: dict[tuple[int, int], list[tuple[float, float, float]]] = {}

    def free(x: float, y: float, r: float) -> bool:
        if x - r < px + 4 or x + r > px + pw - 4 or y - r < py + 4 or y + r > py + ph - 4:
            return False
        kx, ky = int(x // cell), int(y // cell)
        for gx in (kx - 1, kx, kx + 1):
            for gy in (ky - 1, ky, ky + 1):
                for ox, oy, orad in grid.get((gx, gy), ()):
                    if (x - ox) ** 2 + (y - oy) ** 2 < (r + orad + GAP) ** 2:
                        return False
        return not any(_hits_box(x, y, r + GAP, box) for box in obstacles)

    centres: list[Point] = list(starts)
    for index in sorted(range(len(starts)), key=lambda i: (-radii[i], i)):
        sx, sy = starts[index]
        r = radii[index]
        x, y = sx, sy
        stride = max(SPIRAL_STEP, SPIRAL_STEP_PER_R * r)
        for attempt in range(1, MAX_TRIES + 1):
            if free(x, y, r):
                break
            distance = stride * math.sqrt(attempt)
            x = sx + distance * math.cos(attempt * _GOLDEN)
            y = sy + distance * math.sin(attempt * _GOLDEN)
        else:  # no free spot left anywhere: stay where it belongs (covered rather than lost)
            x, y = sx, sy
        centres[index] = (x, y)
        grid.setdefault((int(x // cell), int(y // cell)), []).append((x, y, r))
    return centres


# -- shapes -----------------------------------------------------------------------------------


def keyed_bubbles(board: Board, scores: BoardScore | None) -> tuple[list[Bubble], KeyLayout]:
    """The bubbles of the board, merged down to what the key can list, and the key's layout:
    the same bubbles wherever the chart is drawn."""
    bubbles = group_bubbles(board, scores)
    layout = key_layout(len(bubbles))
    if layout.merged:
        bubbles = merge_to_fit(bubbles, layout.rows, board.targets)
    return bubbles, layout


def bubble_shapes(
    frame: Frame,
    shapes: list[Shape],
    board: Board,
    scores: BoardScore | None,
    *,
    plot: Box,
    to_plot: Callable[[Point], Point],
    obstacles: Sequence[Box],
    step: int,
) -> None:
    """The bubbles, their numbers and the key (with its legend) for a big board."""
    bubbles, layout = keyed_bubbles(board, scores)
    sizes = diameters(bubbles, plot)
    radii = [d / 2 + RING for d in sizes]
    centres = pack([to_plot(b.at) for b in bubbles], radii, plot, obstacles)
    entry = {"step": step, "enter": "grow"}
    for bubble, d, (x, y) in zip(bubbles, sizes, centres, strict=True):
        data = bubble.data()
        n = bubble.number
        if bubble.cannot_run and bubble.cannot_run < bubble.count:
            ring = d + 2 * RING
            shapes.append(
                _ellipse(
                    frame,
                    f"bubble-ring:{n}",
                    "violation_mark",
                    x,
                    y,
                    ring,
                    data=data,
                    z=Z - 0.1,
                    **entry,
                )
            )
        shapes.append(_ellipse(frame, f"bubble:{n}", bubble.role, x, y, d, data=data, **entry))
        number = str(n)
        size = min(d * 0.5, 24.0)
        while size > 10 and text_width(number, size, bold=True) > d - 8:
            size -= 1
        text_role = "violation_text" if bubble.role == "workload_point_infeasible" else "label"
        box = (x - d / 2, y - size * 0.7, d, size * 1.4)
        shapes.append(
            framed_text(
                frame,
                f"bubble-number:{n}",
                text_role,
                box,
                number,
                size,
                bold=True,
                align="center",
                data=data,
                **entry,
            )
        )
    _key(frame, shapes, bubbles, layout, step)


def _ellipse(
    frame: Frame, id: str, role: str, x: float, y: float, d: float, **kw: object
) -> Ellipse:
    return Ellipse(
        id=id,
        role=role,
        x=frame.x(x - d / 2),
        y=frame.y(y - d / 2),
        w=frame.size(d),
        h=frame.size(d),
        **{"z": Z, **kw},
    )


def framed_text(
    frame: Frame, id: str, role: str, box: Box, text: str, size: float, **kw: object
) -> Text:
    """A Text of the chart at design-grid `box`, `size` (middle-aligned, over the bubbles,
    unless told otherwise)."""
    x, y, w, h = frame.box(*box)
    kw.setdefault("z", Z + 0.5)
    kw.setdefault("valign", "middle")
    return Text(id=id, role=role, x=x, y=y, w=w, h=h, text=text, size=frame.size(size), **kw)


KEY_LEGEND = (
    ("placed", "workload_point", "Placed"),
    ("unplaced", "workload_point_unplaced", "Not placed yet"),
    ("infeasible", "workload_point_infeasible", "All cannot run there"),
    ("ring", "violation_mark", "Ring: some cannot run"),
)


def _key(
    frame: Frame, shapes: list[Shape], bubbles: Sequence[Bubble], layout: KeyLayout, step: int
) -> None:
    kx, ky, kw, _ = KEY_BOX
    fade = {"step": step, "enter": "fade"}
    title = "Number — group — target (workloads)"
    title_size = largest_size(
        title, KEY_TITLE_SIZE, kw, KEY_TITLE_SIZE * 1.3, minimum=14, bold=True
    )
    shapes.append(
        framed_text(
            frame,
            "key-title",
            "label",
            (kx, ky, kw, KEY_TITLE_SIZE * 1.3),
            title,
            title_size,
            bold=True,
            **fade,
        )
    )
    size, row = layout.size, layout.row_h
    number_w = text_width("888", size, bold=True) + 6
    text_w = kw - number_w - 8
    top = ky + KEY_TITLE_SIZE * 1.6
    for index, bubble in enumerate(bubbles):
        y = top + index * row
        data = bubble.data()
        shapes.append(
            framed_text(
                frame,
                f"key-number:{bubble.number}",
                "label",
                (kx, y, number_w, row),
                str(bubble.number),
                size,
                bold=True,
                align="right",
                data=data,
                **fade,
            )
        )
        shapes.append(
            framed_text(
                frame,
                f"key:{bubble.number}",
                "muted_label" if bubble.merged else "label",
                (kx + number_w + 8, y, text_w, row),
                key_text(bubble, size, text_w - 2),
                size,
                data=data,
                **fade,
            )
        )
    row_h = LEGEND_SIZE * 1.7
    legend_top = top + len(bubbles) * row + 10
    dot = 16.0
    for index, (key, role, label) in enumerate(KEY_LEGEND):
        x = kx + (index % 2) * (kw / 2)
        y = legend_top + (index // 2) * row_h
        d = dot + 2 * RING if key == "ring" else dot
        cx, cy = x + dot / 2 + RING, y + row_h / 2
        shapes.append(
            Ellipse(
                id=f"legend-dot:{key}",
                role=role,
                x=frame.x(cx - d / 2),
                y=frame.y(cy - d / 2),
                w=frame.size(d),
                h=frame.size(d),
                z=Z,
                **fade,
            )
        )
        if key == "ring":
            shapes.append(
                Ellipse(
                    id="legend-dot:ring-inner",
                    role="workload_point",
                    x=frame.x(cx - dot / 2),
                    y=frame.y(cy - dot / 2),
                    w=frame.size(dot),
                    h=frame.size(dot),
                    z=Z + 0.1,
                    **fade,
                )
            )
        box = (x + dot + 2 * RING + 8, y, kw / 2 - dot - 2 * RING - 12, row_h)
        text = ellipsize(label, LEGEND_SIZE, box[2])
        shapes.append(
            framed_text(frame, f"legend:{key}", "muted_label", box, text, LEGEND_SIZE, **fade)
        )
    if any(b.merged for b in bubbles):
        _merge_note(frame, shapes, bubbles, legend_top + 2 * row_h + 10, fade)


def _merge_note(
    frame: Frame, shapes: list[Shape], bubbles: Sequence[Bubble], top: float, fade: dict[str, Any]
) -> None:
    """What the "other groups" bubbles hold, under the legend."""
    kx, _, kw, _ = KEY_BOX
    other = [b for b in bubbles if b.merged]
    groups = sum(b.merged for b in other)
    workloads = sum(b.count for b in other)
    note = (
        f"Too many groups to list one by one: the smallest groups of each target share one "
        f"\u201c{OTHER_LABEL}\u201d bubble ({groups} groups, {workloads} workloads in all)."
    )
    note_h = 3 * line_height(NOTE_SIZE)
    size = largest_size(note, NOTE_SIZE, kw, note_h, minimum=11)
    shapes.append(
        framed_text(
            frame, "key-note", "note", (kx, top, kw, note_h), note, size, valign="top", **fade
        )
    )
