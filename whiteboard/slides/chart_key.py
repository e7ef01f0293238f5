"""The chart's key when names do not fit beside their dots: every dot carries a number and the
key beside the plot names it ("7  Kernel performance lab · EC2"), so no workload goes
unlabelled (issue 16: a 13th workload used to lose its label without a word).

Up to the grouped chart's threshold (`chart.DOTS_MAX`), the key has one column while its lines
fit at a legible size, two beyond.
"""

from __future__ import annotations

from whiteboard.model import Board
from whiteboard.model.text import one_line
from whiteboard.slides.chart_groups import (
    KEY_BOX,
    KEY_SIZES,
    KEY_TITLE_SIZE,
    framed_text,
    target_name,
)
from whiteboard.slides.geometry import Box, Frame
from whiteboard.slides.scene import Shape, Text
from whiteboard.slides.textfit import ellipsize, text_width

KEY_TITLE = "Workloads"
#: Row height of a key line, as a multiple of its font size, and the gap between columns.
ROW = 1.4
COLUMN_GAP = 16.0
Z = 8.0


#: The colour legend at the foot of the key: rows of this height, three of them, and a gap.
LEGEND_ROW = 34.0
LEGEND_H = 3 * LEGEND_ROW + 12


def key_size(count: int) -> tuple[float, int]:
    """(font size, columns) at which `count` key lines fit the key box above the legend."""
    _, _, _, h = KEY_BOX
    room = h - KEY_TITLE_SIZE * 1.6 - LEGEND_H
    for columns in (1, 2):
        for size in KEY_SIZES:
            if count <= columns * int(room // (size * ROW)):
                return size, columns
    return KEY_SIZES[-1], 2


def key_line(number: int, name: str, target: str | None, size: float, width: float) -> str:
    """ "7  Kernel performance lab · EC2", the name cut with an ellipsis to fit."""
    tail = f" · {target_name(target)}"
    return ellipsize(f"{number}  {one_line(name)}", size, width - text_width(tail, size)) + tail


def key_shapes(frame: Frame, board: Board, step: int) -> list[Shape]:
    """The key's title and one line per workload, numbered in board order."""
    x, y, w, _ = KEY_BOX
    size, columns = key_size(len(board.workloads))
    per_column = -(-len(board.workloads) // columns)
    col_w = (w - COLUMN_GAP * (columns - 1)) / columns
    entry = {"step": step, "enter": "fade", "z": Z}
    shapes: list[Shape] = [
        framed_text(frame, "dot-key:title", "label", (x, y, w, KEY_TITLE_SIZE * 1.4), KEY_TITLE,
              KEY_TITLE_SIZE, bold=True, **entry)
    ]  # fmt: skip
    top = y + KEY_TITLE_SIZE * 1.6
    for index, workload in enumerate(board.workloads):
        column, row = divmod(index, per_column)
        box = (x + column * (col_w + COLUMN_GAP), top + row * size * ROW, col_w, size * ROW)
        text = key_line(index + 1, workload.name, board.placement(workload.id), size, col_w)
        data = {"workload": workload.id, "key": str(index + 1)}
        shapes.append(
            framed_text(frame, f"dot-key:{workload.id}", "label", box, text, size, valign="middle",
                  data=data, **entry)
        )  # fmt: skip
    return shapes


def number_shape(frame: Frame, workload_id: str, number: int, dot: Box, step: int) -> Text:
    """The dot's number, centred on it."""
    x, y, d, _ = dot
    size = max(11.0, min(15.0, d * 0.55))
    return framed_text(
        frame,
        f"point-number:{workload_id}",
        "label",
        (x - 10, y, d + 20, d),
        str(number),
        size,
        bold=True,
        align="center",
        valign="middle",
        step=step,
        enter="grow",
        z=Z + 0.5,
        data={"workload": workload_id},
    )
