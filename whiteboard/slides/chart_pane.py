"""The pets/cattle chart laid out for the window's chart pane, one scene unit one pixel.

The window shows the chart in a pane about a quarter of a 1280x720 screen, where the 1920x1080
chart (`slides.chart`) would draw its words at 3 to 5 pixels. Here the chart is laid out for
the pane itself, with fewer and shorter words at PANE_TEXT pixels or more; what finds no room
is not drawn but named on hover (issue 16). Exports always draw the full chart.
"""

from __future__ import annotations

import math

from whiteboard.model import Board
from whiteboard.scoring.results import BoardScore
from whiteboard.slides.cards import resolve_scores
from whiteboard.slides.chart import (
    DOTS_MAX,
    QUADRANTS,
    REFERENCES,
    STEP_ARROWS,
    STEP_AXES,
    STEP_REFERENCES,
    STEP_WORKLOADS,
    TITLE,
    X_HIGH,
    X_LOW,
    X_TITLE,
    Y_HIGH,
    Y_LOW,
    _line,
    _rect,
    _text,
    pets_cattle_chart,
    plot_point,
    point_role,
)
from whiteboard.slides.chart_groups import (
    diameters,
    keyed_bubbles,
    pack,
    target_name,
)
from whiteboard.slides.geometry import Box, Frame
from whiteboard.slides.labels import LabelGrid
from whiteboard.slides.positions import chart_positions
from whiteboard.slides.scene import Ellipse, Scene, Shape
from whiteboard.slides.textfit import ellipsize, text_width

#: The window shows the chart in a pane a quarter of a 1280x720 screen: the 1920x1080 chart
#: shrunk to it draws its words at 3 to 5 pixels. There the chart is laid out for the pane
#: itself, one scene unit one pixel, with fewer and shorter words at PANE_TEXT pixels; what
#: finds no room is not drawn but named on hover (issue 16).
PANE_TEXT = 11.0
PANE_TITLE = 12.0
PANE_MARGIN = 6.0
PANE_REF_D = 10.0
PANE_POINT_D = (6.0, 12.0)
PANE_BUBBLE_D = 8.0
#: The pane's biggest bubble, as a share of the plot's height.
PANE_BUBBLE_SHARE = 0.12
PANE_RING = 2.0
PANE_LEGEND_DOT = 8.0
Y_WORDS = (
    ("axis-label:y-high", "Cattle", Y_HIGH),
    ("axis-label:y-low", "Pets", Y_LOW),
)
#: The colours, in a few words each: the pane's title row has room for little more.
PANE_LEGEND = (
    ("placed", "workload_point", "Placed"),
    ("unplaced", "workload_point_unplaced", "Not placed"),
    ("infeasible", "workload_point_infeasible", "Cannot run there"),
    ("ring", "violation_mark", "Ring: some cannot"),
)
#: Below this the full chart's smallest words would be drawn under the reader's minimum.
SMALLEST_DESIGN_TEXT = 10.0


def chart_for_view(
    board: Board | None, scores: BoardScore | None, width: float, height: float, min_px: float
) -> Scene:
    """The chart for a view of `width` x `height` pixels that draws no text under `min_px`:
    the full chart where it is big enough for that, else the pane chart."""
    if Frame(width, height).scale * SMALLEST_DESIGN_TEXT >= min_px:
        return pets_cattle_chart(board, scores, width=width, height=height)
    return pane_chart(board, scores, width=width, height=height, text=min_px)


def pane_chart(
    board: Board | None,
    scores: BoardScore | None,
    *,
    width: float,
    height: float,
    text: float = PANE_TEXT,
) -> Scene:
    """The whole chart in `width` x `height` pixels, every word at `text` pixels or more: the
    axes' ends, the quadrants, the references, the dots or the group bubbles, and the names of
    those that find room beside them (the others on hover)."""
    frame = Frame(1920, 1080)  # one unit one pixel
    shapes: list[Shape] = [_rect(frame, "background", "background", (0, 0, width, height), z=-10)]
    grouped = board is not None and len(board.workloads) > DOTS_MAX
    plot = _pane_frame(shapes, frame, width, height, text, grouped, board is not None)
    point_d = PANE_REF_D if board is None else _pane_point_d(len(board.workloads), plot)
    grid = LabelGrid(plot, text, point_d)
    _pane_quadrants(shapes, frame, plot, text, grid)
    _pane_references(shapes, frame, plot, text, grid)
    if board is not None and grouped:
        _pane_bubbles(shapes, frame, board, resolve_scores(board, scores), plot, grid)
    elif board is not None:
        _pane_dots(shapes, frame, board, resolve_scores(board, scores), plot, grid, point_d)
    steps = max(shape.step for shape in shapes)
    return Scene("pets-cattle", width, height, tuple(shapes), steps=steps)


def _pane_point_d(count: int, plot: Box) -> float:
    _, _, pw, ph = plot
    low, high = PANE_POINT_D
    return max(low, min(high, 0.45 * math.sqrt(pw * ph / max(count, 1))))


def _pane_frame(
    shapes: list[Shape],
    frame: Frame,
    width: float,
    height: float,
    text: float,
    grouped: bool,
    legend: bool,
) -> Box:
    """Title and colour legend along the top, the axes' words round the plot; the plot."""
    m = PANE_MARGIN
    row = text * 1.4
    title_h = max(row, PANE_TITLE * 1.4)
    title_w = text_width(TITLE, PANE_TITLE, bold=True) + 4
    shapes.append(
        _text(frame, "title", "title", (m, m, title_w, title_h), TITLE, PANE_TITLE, bold=True,
              valign="middle")
    )  # fmt: skip
    if legend:
        _pane_legend(shapes, frame, (m + title_w + 12, m, width - 2 * m - title_w - 12, title_h),
                     text, grouped)  # fmt: skip
    words_w = max(text_width(word, text) for _, word, _ in Y_WORDS) + 8
    left, top = m + words_w, m + title_h + 4
    # Never a plot of nothing, however far the pane is squeezed (it is then cut, not broken).
    plot = (left, top, max(40.0, width - left - m - 8), max(40.0, height - top - row - m))
    px, py, pw, ph = plot
    axes = {"step": STEP_AXES, "enter": "fade"}
    shapes.append(_rect(frame, "frame", "chart_frame", plot, **axes))
    bottom, right = py + ph, px + pw
    shapes.append(_line(frame, "axis:x", "axis", [(px, bottom), (right + 6, bottom)], arrow=True,
                        z=3.0, **axes))  # fmt: skip
    shapes.append(_line(frame, "axis:y", "axis", [(px, bottom), (px, py - 4)], arrow=True,
                        z=3.0, **axes))  # fmt: skip
    for (element_id, word, whole), valign in zip(Y_WORDS, ("top", "bottom"), strict=True):
        y = py if valign == "top" else bottom - row
        shapes.append(_text(frame, element_id, "axis_label", (m, y, words_w - 4, row), word, text,
                            valign=valign, data={"tip": whole}, **axes))  # fmt: skip
    low, high = X_LOW, X_HIGH
    low_w, high_w = text_width(low, text) + 4, text_width(high, text) + 4
    under = bottom + 1
    shapes.append(_text(frame, "axis-label:x-low", "axis_label", (px, under, low_w, row), low,
                        text, **axes))  # fmt: skip
    shapes.append(_text(frame, "axis-label:x-high", "axis_label",
                        (right - high_w, under, high_w, row), high, text, align="right",
                        **axes))  # fmt: skip
    middle = X_TITLE
    middle_w = text_width(middle, text, bold=True) + 4
    if middle_w + 24 <= pw - low_w - high_w:
        box = (px + (pw - middle_w) / 2, under, middle_w, row)
        shapes.append(_text(frame, "axis-label:x", "axis_label", box, middle, text, bold=True,
                            align="center", **axes))  # fmt: skip
    return plot


def _pane_legend(shapes: list[Shape], frame: Frame, room: Box, text: float, grouped: bool) -> None:
    """The colours, right-aligned in the title row, as many of them as fit there."""
    entries = list(PANE_LEGEND if grouped else PANE_LEGEND[:3])
    dot = PANE_LEGEND_DOT
    widths = [dot + 4 + text_width(label, text) + 4 for _, _, label in entries]
    rx, ry, rw, rh = room
    while entries and sum(widths) + 10 * (len(entries) - 1) > rw:
        entries.pop()  # the ring first: the colours matter more
        widths.pop()
    total = sum(widths) + 10 * (len(entries) - 1)
    x = rx + rw - total
    step = {"step": STEP_WORKLOADS, "enter": "fade"}
    for (key, role, label), w in zip(entries, widths, strict=True):
        shapes.append(Ellipse(id=f"legend-dot:{key}", role=role, x=x, y=ry + (rh - dot) / 2,
                              w=dot, h=dot, z=8.0, **step))  # fmt: skip
        box = (x + dot + 4, ry, w - dot - 4, rh)
        shapes.append(_text(frame, f"legend:{key}", "muted_label", box, label, text,
                            valign="middle", **step))  # fmt: skip
        x += w + 10


def _pane_quadrants(
    shapes: list[Shape], frame: Frame, plot: Box, text: float, grid: LabelGrid
) -> None:
    """The four quadrants, each named in its corner when the name fits it (else on hover)."""
    _, _, pw, ph = plot
    arrow_x = plot_point(REFERENCES[0].at, plot)[0]
    axes = {"step": STEP_AXES, "enter": "fade"}
    for qid, label, (ux, uy), align, _ in QUADRANTS:
        x, y = plot_point((ux, uy + 0.5), plot)
        shapes.append(_rect(frame, f"quadrant:{qid}", "quadrant", (x, y, pw / 2, ph / 2), z=1.0,
                            data={"tip": label}, **axes))  # fmt: skip
        w = text_width(label, text, bold=True) + 4
        box = (x + 4 if align == "left" else x + pw / 2 - 4 - w, y + 3, w, text * 1.3)
        if align == "left" and box[0] < arrow_x + 4 < box[0] + w:
            box = (arrow_x + 6, *box[1:])  # clear of the Azure Stack arrow's line
        if box[0] < x + 4 or box[0] + w > x + pw / 2 - 4:
            continue
        shapes.append(_text(frame, f"quadrant-label:{qid}", "quadrant_label", box, label, text,
                            bold=True, align=align, z=2.0, **axes))  # fmt: skip
        grid.add(box, obstacle=True)


def _pane_references(
    shapes: list[Shape], frame: Frame, plot: Box, text: float, grid: LabelGrid
) -> None:
    """The reference points, their names where they fit beside them, and the two arrows."""
    refs = {"step": STEP_REFERENCES, "enter": "grow"}
    d = PANE_REF_D
    for ref in REFERENCES:
        x, y = plot_point(ref.at, plot)
        point = (x - d / 2, y - d / 2, d, d)
        shapes.append(Ellipse(id=f"reference:{ref.id}", role="reference_point", x=point[0],
                              y=point[1], w=d, h=d, z=6.0,
                              data={"reference": ref.id, "tip": ref.label}, **refs))  # fmt: skip
        grid.add(point, obstacle=True)
    arrows = {"step": STEP_ARROWS, "enter": "grow"}
    start, vmc, azure = (plot_point(r.at, plot) for r in REFERENCES[:3])
    gap = d / 2 + 4
    x_arrow = [(start[0] + gap, start[1]), (vmc[0] - gap, vmc[1])]
    y_arrow = [(start[0], start[1] - gap), (azure[0], azure[1] + gap)]
    shapes.append(_line(frame, "movement:vmc", "movement_arrow", x_arrow, arrow=True, z=5.0,
                        **arrows))  # fmt: skip
    shapes.append(_line(frame, "movement:azure-stack", "movement_arrow", y_arrow, arrow=True,
                        z=5.0, **arrows))  # fmt: skip
    grid.add((x_arrow[0][0], start[1] - 3, x_arrow[1][0] - x_arrow[0][0], 6), obstacle=True)
    grid.add((start[0] - 3, y_arrow[1][1], 6, y_arrow[0][1] - y_arrow[1][1]), obstacle=True)
    for ref in REFERENCES:
        x, y = plot_point(ref.at, plot)
        box = grid.place(ref.label, x, y)
        if box is not None:
            grid.add(box, obstacle=True)
            shapes.append(_text(frame, f"reference-label:{ref.id}", "reference_label", box,
                                ref.label, text, z=6.0, valign="middle", **refs))  # fmt: skip


def _pane_dots(
    shapes: list[Shape],
    frame: Frame,
    board: Board,
    scores: BoardScore | None,
    plot: Box,
    grid: LabelGrid,
    d: float,
) -> None:
    """A dot per workload, named beside it where the name finds room (on hover otherwise)."""
    _, _, pw, ph = plot
    positions = chart_positions(
        board,
        min_distance=d + 2,
        width=pw,
        height=ph,
        fixed=[r.at for r in REFERENCES],
        blocked=lambda unit: grid.blocks_point(*plot_point(unit, plot)),
        max_tries=400,
    )
    centres = {wid: plot_point(unit, plot) for wid, unit in positions.items()}
    for x, y in centres.values():
        grid.add((x - d / 2, y - d / 2, d, d))
    pts = {"step": STEP_WORKLOADS, "enter": "grow"}
    for workload in board.workloads:
        target = board.placement(workload.id)
        x, y = centres[workload.id]
        data = {"workload": workload.id, "target": target or ""}
        role = point_role(scores, workload.id, target)
        shapes.append(Ellipse(id=f"point:{workload.id}", role=role, x=x - d / 2, y=y - d / 2, w=d,
                              h=d, z=8.0, data=data, **pts))  # fmt: skip
        label = ellipsize(workload.name, grid.label_size, pw / 4)
        box = grid.place(label, x, y)
        if box is not None:
            shapes.append(_text(frame, f"point-label:{workload.id}", "workload_label", box,
                                label, grid.label_size, z=8.0, data=data, valign="middle",
                                **pts))  # fmt: skip


def _pane_bubbles(
    shapes: list[Shape],
    frame: Frame,
    board: Board,
    scores: BoardScore | None,
    plot: Box,
    grid: LabelGrid,
) -> None:
    """The full chart's bubbles, sized for the pane; the biggest named beside them where there
    is room, all of them explained on hover."""
    bubbles, _ = keyed_bubbles(board, scores)
    biggest = max(PANE_BUBBLE_D * 2, plot[3] * PANE_BUBBLE_SHARE)
    sizes = diameters(bubbles, plot, PANE_BUBBLE_D, biggest)
    radii = [d / 2 + PANE_RING for d in sizes]
    obstacles = [box for cell in grid.obstacle_cells.values() for box in cell]
    centres = pack(
        [plot_point(b.at, plot) for b in bubbles], radii, plot, list(dict.fromkeys(obstacles))
    )
    entry = {"step": STEP_WORKLOADS, "enter": "grow"}
    for bubble, d, (x, y) in zip(bubbles, sizes, centres, strict=True):
        data, n = bubble.data(), bubble.number
        role = bubble.role
        if bubble.cannot_run and role == "workload_point":
            ring = d + 2 * PANE_RING
            shapes.append(Ellipse(id=f"bubble-ring:{n}", role="violation_mark",
                                  x=x - ring / 2, y=y - ring / 2, w=ring, h=ring, z=7.9,
                                  data=data, **entry))  # fmt: skip
        shapes.append(Ellipse(id=f"bubble:{n}", role=role, x=x - d / 2, y=y - d / 2, w=d, h=d,
                              z=8.0, data=data, **entry))  # fmt: skip
        grid.add(
            (x - d / 2 - PANE_RING, y - d / 2 - PANE_RING, d + 2 * PANE_RING, d + 2 * PANE_RING)
        )
    _, _, pw, _ = plot
    # One group only (a board nobody grouped): its name would repeat, the target says more.
    by_target = len({b.label for b in bubbles}) == 1
    order = sorted(range(len(bubbles)), key=lambda i: (-sizes[i], i))
    for index in order:
        bubble, (x, y) = bubbles[index], centres[index]
        name = target_name(bubble.target) if by_target else bubble.label
        label = ellipsize(name, grid.label_size, pw / 4)
        grid.point_d = sizes[index] + 2 * PANE_RING
        box = grid.place(label, x, y)
        if box is not None:
            shapes.append(_text(frame, f"bubble-label:{bubble.number}", "workload_label", box,
                                label, grid.label_size, z=8.5, data=bubble.data(),
                                valign="middle", **entry))  # fmt: skip
