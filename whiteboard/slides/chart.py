"""The pets/cattle chart as a backend-neutral scene.

X: the economic and delivery model, on-premises capex on the left, cloud pay-as-you-go on the
right. Y: the application architecture, pets (traditional enterprise) at the bottom, cattle
(cloud-native, 12-factor) at the top. Four reference points show the two ways to bridge the
worlds: VMware Cloud on AWS moves pets along X, Azure Stack brings cattle services on-premises
along Y. Every workload of the board is plotted from its placement and attributes.

Build-up: 1 axes and quadrants, 2 reference points, 3 movement arrows, 4 the board's workloads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from whiteboard.model import Board, TargetId
from whiteboard.scoring.results import BoardScore
from whiteboard.slides.cards import placed_numbers, resolve_scores
from whiteboard.slides.chart_groups import (
    KEY_BOX,
    bubble_shapes,
)
from whiteboard.slides.chart_key import LEGEND_ROW, key_shapes, number_shape
from whiteboard.slides.geometry import Box, Frame
from whiteboard.slides.labels import LabelGrid
from whiteboard.slides.positions import Point, chart_positions
from whiteboard.slides.scene import Ellipse, Polyline, Rect, Scene, Shape, Text
from whiteboard.slides.textfit import ellipsize, text_width

TITLE = "Two axes of cloud adoption"
#: How to read the chart, under it in the handout and in the deck's speaker notes.
CAPTION = (
    "Across: how the workload is bought and run, from capital spent on your own data "
    "centre to paying per use in the cloud. Up: how it is built, from hand-cared "
    "'pets' to replaceable 'cattle' designed for the cloud. Workloads in the lower "
    "left tend to move by lift and shift; those in the upper right fit managed, "
    "higher-abstraction targets."
)
#: The axes' words, on every size of the chart.
X_LOW, X_HIGH, X_TITLE = "On-premises, capex", "Cloud, pay as you go", "Economic and delivery model"
Y_HIGH, Y_LOW = "Cattle: cloud-native, 12-factor", "Pets: traditional enterprise"
Y_TITLE = "Application architecture"
# Plot area on the 1920 x 1080 design grid.
PLOT: Box = (300.0, 100.0, 1560.0, 830.0)
#: The plot of a big board: narrower, the key of its bubbles on the right (`chart_groups`).
GROUPED_PLOT: Box = (300.0, 100.0, 1080.0, 830.0)
LABEL_SIZE = 20.0
POINT_D = 22.0
MIN_POINT_D = 8.0
#: Up to this many workloads each is a named dot; past it their labels crowd each other off
#: the plot, so the chart shows one numbered bubble per group and target, with a key.
DOTS_MAX = 50
#: A numbered dot is at least this wide, so two digits fit on it.
NUMBERED_D = 26.0
REF_D = 30.0
STEP_AXES, STEP_REFERENCES, STEP_ARROWS, STEP_WORKLOADS = 1, 2, 3, 4


@dataclass(frozen=True, slots=True)
class Reference:
    id: str
    label: str
    at: Point
    label_above: bool = False


REFERENCES = (
    Reference("datacentre", "Traditional data centre", (0.1, 0.1)),
    Reference("vmc", "VMware Cloud on AWS", (0.72, 0.1)),
    Reference("azure-stack", "Azure Stack", (0.1, 0.7), label_above=True),
    Reference("cloud-native", "Cloud-native on AWS", (0.88, 0.9)),
)
QUADRANTS = (
    ("pets-on-prem", "Pets on premises", (0.0, 0.0), "left", "top"),
    ("pets-cloud", "Pets with cloud economics", (0.5, 0.0), "right", "top"),
    ("cattle-on-prem", "Cattle on premises", (0.0, 0.5), "left", "top"),
    ("cattle-cloud", "Cattle in the cloud", (0.5, 0.5), "right", "top"),
)


def plot_point(unit: Point, plot: Box = PLOT) -> Point:
    """Unit chart coordinates (y up) to the design grid (y down)."""
    x, y, w, h = plot
    return x + unit[0] * w, y + (1 - unit[1]) * h


def pets_cattle_chart(
    board: Board | None = None,
    scores: BoardScore | None = None,
    *,
    width: float = 1920,
    height: float = 1080,
) -> Scene:
    frame = Frame(width, height)
    grouped = board is not None and len(board.workloads) > DOTS_MAX
    plot = GROUPED_PLOT if grouped else PLOT
    shapes, taken, obstacles = _frame_shapes(frame, board, plot)
    if board is not None and grouped:
        bubble_shapes(
            frame,
            shapes,
            board,
            resolve_scores(board, scores),
            plot=plot,
            to_plot=lambda unit: plot_point(unit, plot),
            obstacles=obstacles,
            step=STEP_WORKLOADS,
        )
    elif board is not None:
        resolved = resolve_scores(board, scores)
        dots: list[Shape] = []
        if not _workloads(frame, dots, board, resolved, taken, PLOT, numbered=False):
            # A name found no room beside its dot: number every dot and name them in a key
            # beside a narrower plot, so every workload can still be found.
            shapes, taken, _ = _frame_shapes(frame, board, GROUPED_PLOT)
            dots = []
            _workloads(frame, dots, board, resolved, taken, GROUPED_PLOT, numbered=True)
            dots += key_shapes(frame, board, STEP_WORKLOADS)
            shapes += dots
            _legend(frame, shapes, in_key=True)
        else:
            shapes += dots
            if board.workloads:
                _legend(frame, shapes)
    steps = max(shape.step for shape in shapes)
    return Scene("pets-cattle", width, height, tuple(shapes), steps=steps)


def _frame_shapes(
    frame: Frame, board: Board | None, plot: Box
) -> tuple[list[Shape], LabelGrid, list[Box]]:
    """The axes, quadrants and references around `plot`, the label grid they leave, and the
    boxes no workload may cover."""
    shapes: list[Shape] = []
    _axes(frame, shapes, board, plot)
    taken = LabelGrid(plot, LABEL_SIZE, POINT_D)
    obstacles: list[Box] = []
    for shape in shapes:
        if shape.id.startswith("quadrant-label:"):
            obstacles.append(_quadrant_label_box(shape, frame))
    _references(frame, shapes, obstacles, plot)
    for box in obstacles:
        taken.add(box, obstacle=True)
    return shapes, taken, obstacles


def _quadrant_label_box(shape: Shape, frame: Frame) -> Box:
    """The design-grid box the words of a quadrant label really cover (not its whole quadrant)."""
    assert isinstance(shape, Text)
    scale = frame.scale
    w = text_width(shape.text, shape.size, bold=True) / scale + 8
    h = shape.size * 1.3 / scale
    x = (shape.x - frame.dx) / scale
    y = (shape.y - frame.dy) / scale
    if shape.align == "right":
        x += shape.w / scale - w
    return (x, y, w, h)


def _text(frame: Frame, id: str, role: str, box: Box, text: str, size: float, **kw: object) -> Text:
    x, y, w, h = frame.box(*box)
    return Text(id=id, role=role, x=x, y=y, w=w, h=h, text=text, size=frame.size(size), **kw)


def _rect(frame: Frame, id: str, role: str, box: Box, **kw: object) -> Rect:
    x, y, w, h = frame.box(*box)
    return Rect(id=id, role=role, x=x, y=y, w=w, h=h, **kw)


def _line(frame: Frame, id: str, role: str, points: list[Point], **kw: object) -> Polyline:
    return Polyline(id=id, role=role, points=tuple(frame.point(*p) for p in points), **kw)


def _axes(frame: Frame, shapes: list[Shape], board: Board | None, plot: Box) -> None:
    px, py, pw, ph = plot
    shapes.append(_rect(frame, "background", "background", (0, 0, 1920, 1080), z=-10.0))
    shapes.append(
        _text(frame, "title", "title", (40, 24, 1000, 60), TITLE, 40, bold=True, valign="middle")
    )
    if board is not None:
        shapes.append(
            _text(
                frame,
                "subtitle",
                "subtitle",
                (1060, 24, 820, 60),
                board.name,
                24,
                align="right",
                valign="middle",
            )
        )
    axes = {"step": STEP_AXES, "enter": "fade"}
    shapes.append(_rect(frame, "frame", "chart_frame", plot, **axes))
    for qid, label, (ux, uy), align, valign in QUADRANTS:
        x, y = plot_point((ux, uy + 0.5), plot)
        box = (x, y, pw / 2, ph / 2)
        shapes.append(_rect(frame, f"quadrant:{qid}", "quadrant", box, z=1.0, **axes))
        inner = (x + 16, y + 12, pw / 2 - 32, ph / 2 - 24)
        shapes.append(
            _text(
                frame,
                f"quadrant-label:{qid}",
                "quadrant_label",
                inner,
                label,
                24,
                bold=True,
                align=align,
                valign=valign,
                z=2.0,
                **axes,
            )
        )
    bottom, right = py + ph, px + pw
    shapes.append(
        _line(
            frame, "axis:x", "axis", [(px, bottom), (right + 30, bottom)], arrow=True, z=3.0, **axes
        )
    )
    shapes.append(
        _line(frame, "axis:y", "axis", [(px, bottom), (px, py - 30)], arrow=True, z=3.0, **axes)
    )
    under = bottom + 14
    shapes.append(
        _text(
            frame,
            "axis-label:x-low",
            "axis_label",
            (px, under, 420, 32),
            X_LOW,
            22,
            **axes,
        )
    )
    shapes.append(
        _text(
            frame,
            "axis-label:x-high",
            "axis_label",
            (right - 420, under, 420, 32),
            X_HIGH,
            22,
            align="right",
            **axes,
        )
    )
    shapes.append(
        _text(
            frame,
            "axis-label:x",
            "axis_label",
            (px + pw / 2 - 400, under + 40, 800, 36),
            X_TITLE,
            26,
            bold=True,
            align="center",
            **axes,
        )
    )
    side = (40, px - 60)
    shapes.append(
        _text(
            frame,
            "axis-label:y-high",
            "axis_label",
            (side[0], py, side[1], 90),
            Y_HIGH,
            22,
            **axes,
        )
    )
    shapes.append(
        _text(
            frame,
            "axis-label:y-low",
            "axis_label",
            (side[0], bottom - 90, side[1], 90),
            Y_LOW,
            22,
            valign="bottom",
            **axes,
        )
    )
    shapes.append(
        _text(
            frame,
            "axis-label:y",
            "axis_label",
            (side[0], py + ph / 2 - 60, side[1], 120),
            Y_TITLE,
            26,
            bold=True,
            valign="middle",
            **axes,
        )
    )


def _references(frame: Frame, shapes: list[Shape], taken: list[Box], plot: Box) -> None:
    """The reference points, arrows and captions; the boxes they cover go into `taken`, which
    workload dots and bubbles keep clear of."""
    refs = {"step": STEP_REFERENCES, "enter": "grow"}
    for ref in REFERENCES:
        x, y = plot_point(ref.at, plot)
        point_box = (x - REF_D / 2, y - REF_D / 2, REF_D, REF_D)
        shapes.append(
            Ellipse(
                id=f"reference:{ref.id}",
                role="reference_point",
                x=frame.x(point_box[0]),
                y=frame.y(point_box[1]),
                w=frame.size(REF_D),
                h=frame.size(REF_D),
                z=6.0,
                data={"reference": ref.id},
                **refs,
            )
        )
        label_w = text_width(ref.label, 22, bold=True) + 6
        offset = -(REF_D / 2 + 38) if ref.label_above else REF_D / 2 + 6
        label_box = (x - label_w / 2, y + offset, label_w, 32)
        shapes.append(
            _text(
                frame,
                f"reference-label:{ref.id}",
                "reference_label",
                label_box,
                ref.label,
                22,
                bold=True,
                align="center",
                z=6.0,
                **refs,
            )
        )
        taken += [point_box, label_box]
    arrows = {"step": STEP_ARROWS, "enter": "grow"}
    start, vmc, azure = (plot_point(r.at, plot) for r in REFERENCES[:3])
    gap = REF_D / 2 + 10
    x_arrow = [(start[0] + gap, start[1]), (vmc[0] - gap, vmc[1])]
    y_arrow = [(start[0], start[1] - gap), (azure[0], azure[1] + gap)]
    shapes.append(
        _line(frame, "movement:vmc", "movement_arrow", x_arrow, arrow=True, z=5.0, **arrows)
    )
    shapes.append(
        _line(frame, "movement:azure-stack", "movement_arrow", y_arrow, arrow=True, z=5.0, **arrows)
    )
    taken.append((x_arrow[0][0], start[1] - 6, x_arrow[1][0] - x_arrow[0][0], 12))
    taken.append((start[0] - 6, y_arrow[1][1], 12, y_arrow[0][1] - y_arrow[1][1]))
    mid_x = (start[0] + vmc[0]) / 2
    caption_x = (mid_x - 200, start[1] + 10, 400, 32)
    shapes.append(
        _text(
            frame,
            "movement-label:vmc",
            "reference_label",
            caption_x,
            "Same pets, new economics",
            22,
            align="center",
            z=5.0,
            **arrows,
        )
    )
    low_y = start[1] + (azure[1] - start[1]) * 0.3
    caption_y = (start[0] + 16, low_y - 32, 300, 64)
    shapes.append(
        _text(
            frame,
            "movement-label:azure-stack",
            "reference_label",
            caption_y,
            "Cloud-native services on-premises",
            22,
            z=5.0,
            **arrows,
        )
    )
    taken += [caption_x, caption_y]


def point_diameter(count: int) -> float:
    """Points shrink on crowded boards so that all of them still fit the plot."""
    _, _, pw, ph = PLOT
    return max(MIN_POINT_D, min(POINT_D, 0.5 * math.sqrt(pw * ph / max(count, 1))))


def point_role(scores: BoardScore | None, workload_id: str, target: TargetId | None) -> str:
    """Unplaced, placed, or placed where it cannot run. Only whether it can run there colours
    the dot: the quick numbers where the scores offer them (the window's), not a full score
    with reasons for each of thousands."""
    if target is None:
        return "workload_point_unplaced"
    numbers = placed_numbers(scores, workload_id, target)
    return (
        "workload_point_infeasible" if numbers is not None and not numbers[1] else "workload_point"
    )


def _workloads(
    frame: Frame,
    shapes: list[Shape],
    board: Board,
    scores: BoardScore | None,
    taken: LabelGrid,
    plot: Box,
    *,
    numbered: bool,
) -> bool:
    """A dot per workload with its name beside it, or (`numbered`) its number on it; False
    when some name found no room (the caller then numbers them all)."""
    _, _, pw, ph = plot
    count = len(board.workloads)
    d = max(point_diameter(count), NUMBERED_D) if numbered else point_diameter(count)
    positions = chart_positions(
        board,
        min_distance=d + 8 if d >= POINT_D else d + 2,
        width=pw,
        height=ph,
        fixed=[r.at for r in REFERENCES],
        blocked=lambda unit: taken.blocks_point(*plot_point(unit, plot)),
        max_tries=400,
    )
    for unit in positions.values():
        x, y = plot_point(unit, plot)
        taken.add((x - d / 2, y - d / 2, d, d))
    pts = {"step": STEP_WORKLOADS, "enter": "grow"}
    all_named = True
    for number, workload in enumerate(board.workloads, start=1):
        target = board.placement(workload.id)
        x, y = plot_point(positions[workload.id], plot)
        role = point_role(scores, workload.id, target)
        data = {"workload": workload.id, "target": target or ""}
        shapes.append(
            Ellipse(
                id=f"point:{workload.id}",
                role=role,
                x=frame.x(x - d / 2),
                y=frame.y(y - d / 2),
                w=frame.size(d),
                h=frame.size(d),
                z=8.0,
                data=data,
                **pts,
            )
        )
        if numbered:
            dot = (x - d / 2, y - d / 2, d, d)
            shapes.append(number_shape(frame, workload.id, number, dot, STEP_WORKLOADS))
            continue
        label = ellipsize(workload.name, LABEL_SIZE, 280)
        box = taken.place(label, x, y)
        if box is None:
            all_named = False
            continue
        shapes.append(
            _text(
                frame,
                f"point-label:{workload.id}",
                "workload_label",
                box,
                label,
                LABEL_SIZE,
                z=8.0,
                data=data,
                valign="middle",
                **pts,
            )
        )
    return all_named


LEGEND = (
    ("unplaced", "workload_point_unplaced", "Not placed yet"),
    ("placed", "workload_point", "Placed"),
    ("infeasible", "workload_point_infeasible", "Placed where it cannot run"),
)


def _legend(frame: Frame, shapes: list[Shape], *, in_key: bool = False) -> None:
    """What the point colours mean: in the free corner under the y axis, or (`in_key`, when a
    numbered key narrows the plot) one per row at the foot of the key."""
    _, py, _, ph = PLOT
    x, top, dot, size = 40.0, py + ph + 58, 18.0, 20.0
    if in_key:
        kx, ky, _, kh = KEY_BOX
        x, top = kx, ky + kh - len(LEGEND) * LEGEND_ROW
    step = {"step": STEP_WORKLOADS, "enter": "fade"}
    for key, role, label in LEGEND:
        shapes.append(
            Ellipse(
                id=f"legend-dot:{key}",
                role=role,
                x=frame.x(x),
                y=frame.y(top + 7),
                w=frame.size(dot),
                h=frame.size(dot),
                z=8.0,
                **step,
            )
        )
        width = text_width(label, size) + 4
        box = (x + dot + 8, top, width, 32)
        shapes.append(
            _text(frame, f"legend:{key}", "muted_label", box, label, size, valign="middle", **step)
        )
        if in_key:
            top += LEGEND_ROW
        else:
            x += dot + 8 + width + 24
