"""Where things go on the compute slide: bands, columns, layer rows, the line, card slots.

Everything is designed on a 1920 x 1080 grid and scaled uniformly (centred) to the requested
size, so the GUI can hit-test drops and move a single card with the same numbers the scene was
built from, without rebuilding the scene.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from whiteboard.catalog import Catalog, LayerId, Target
from whiteboard.model.vocab import TargetId
from whiteboard.slides.textfit import text_width
from whiteboard.slides.theme import MIN_TEXT

Box = tuple[float, float, float, float]
#: The columns of the slide, left to right: the targets of the board's edition.
Columns = Sequence[TargetId]

BASE_W = 1920.0
BASE_H = 1080.0
MARGIN = 40.0
GUTTER = 20.0

# Horizontal bands of the design grid (top, bottom).
TITLE_BAND = (18.0, 74.0)
HEADER_BAND = (84.0, 160.0)
SERVICE_BAND = (166.0, 272.0)
PROVIDER_STRIP = (276.0, 314.0)
STACK_BAND = (314.0, 706.0)
NOTE_BAND = (712.0, 762.0)
CONSUMER_STRIP = (762.0, 800.0)
SPECTRUM_BAND = (804.0, 842.0)
CARD_BAND = (848.0, 1066.0)

#: Part of a column, on each side, where the line may climb between two columns' splits.
LINE_RAMP = 0.17
CARD_PAD = 8.0
CARD_GAP = 6.0
CARD_H = 44.0


@dataclass(frozen=True, slots=True)
class Frame:
    """Uniform scale and centring offset from the design grid to the scene size."""

    width: float
    height: float

    @property
    def scale(self) -> float:
        return min(self.width / BASE_W, self.height / BASE_H)

    @property
    def dx(self) -> float:
        return (self.width - BASE_W * self.scale) / 2

    @property
    def dy(self) -> float:
        return (self.height - BASE_H * self.scale) / 2

    def x(self, value: float) -> float:
        return self.dx + value * self.scale

    def y(self, value: float) -> float:
        return self.dy + value * self.scale

    def size(self, value: float) -> float:
        return value * self.scale

    def box(self, x: float, y: float, w: float, h: float) -> Box:
        return (self.x(x), self.y(y), w * self.scale, h * self.scale)

    def point(self, x: float, y: float) -> tuple[float, float]:
        return (self.x(x), self.y(y))


def column_width(columns: Columns) -> float:
    """Width of every column on the design grid: more targets, narrower columns."""
    count = len(columns)
    return (BASE_W - 2 * MARGIN - (count - 1) * GUTTER) / count


def base_column(target: TargetId, columns: Columns) -> tuple[float, float]:
    """(x, width) of a column on the design grid."""
    w = column_width(columns)
    return MARGIN + list(columns).index(target) * (w + GUTTER), w


def column_rects(
    columns: Columns, width: float = BASE_W, height: float = BASE_H
) -> dict[TargetId, Box]:
    """Each target's whole column, header to card tray: the area where a drop lands on it."""
    return _rects(columns, (HEADER_BAND[0], CARD_BAND[1]), width, height)


def drop_rects(
    columns: Columns, width: float = BASE_W, height: float = BASE_H
) -> dict[TargetId, Box]:
    """Each column's card tray, where its workload cards are stacked."""
    return _rects(columns, CARD_BAND, width, height)


def _rects(
    columns: Columns, band: tuple[float, float], width: float, height: float
) -> dict[TargetId, Box]:
    frame = Frame(width, height)
    top, bottom = band
    rects: dict[TargetId, Box] = {}
    for target in columns:
        x, w = base_column(target, columns)
        rects[target] = frame.box(x, top, w, bottom - top)
    return rects


def target_at(
    x: float, y: float, columns: Columns, width: float = BASE_W, height: float = BASE_H
) -> TargetId | None:
    """The target whose column contains the scene point, or None (margins, gutters, title)."""
    for target, (cx, cy, cw, ch) in column_rects(columns, width, height).items():
        if cx <= x <= cx + cw and cy <= y <= cy + ch:
            return target
    return None


# -- layers and the responsibility line --------------------------------------------------------


def layer_order(catalog: Catalog) -> tuple[LayerId, ...]:
    """Layer rows from the top of the stack down: the provider's hardware first, your code last."""
    return tuple(layer.id for layer in catalog.layers)


def row_height(catalog: Catalog) -> float:
    top, bottom = STACK_BAND
    return (bottom - top) / len(catalog.layers)


def split_depth(target: Target, catalog: Catalog) -> int:
    """How many layers, counted from the hardware, the provider runs without a break.

    The line crosses the column right below them. A provider-run layer further down (the ECS/EKS
    control plane over a customer data plane) is an island in consumer space, not a split.
    """
    depth = 0
    for layer in layer_order(catalog):
        if not target.provider_runs(layer):
            break
        depth += 1
    return depth


def crossing_y(target: Target, catalog: Catalog) -> float:
    """Design-grid height at which the line crosses this target's column."""
    return STACK_BAND[0] + split_depth(target, catalog) * row_height(catalog)


def line_points(catalog: Catalog, columns: Columns) -> list[tuple[float, float]]:
    """The responsibility line on the design grid, left margin to right margin.

    It runs level across the middle of each column (on the split) and ramps between two columns
    inside the outer `LINE_RAMP` of each, away from the centred layer labels.
    """
    targets = [catalog.target(t) for t in columns]
    ys = [crossing_y(t, catalog) for t in targets]
    points = [(MARGIN, ys[0])]
    for index in range(len(targets) - 1):
        if ys[index] == ys[index + 1]:
            continue
        x, w = base_column(targets[index].id, columns)
        next_x, next_w = base_column(targets[index + 1].id, columns)
        points.append((x + w * (1 - LINE_RAMP), ys[index]))
        points.append((next_x + next_w * LINE_RAMP, ys[index + 1]))
    points.append((BASE_W - MARGIN, ys[-1]))
    return points


def label_inset(column_w: float) -> float:
    """Horizontal room kept free on each side of a layer label for the line's ramps."""
    return column_w * LINE_RAMP + 4.0


# -- workload cards ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CardGeometry:
    """The parts of one card, in scene units: frame, violation mark, name, score band and text."""

    card: Box
    mark: Box
    text: Box
    band: Box
    text_size: float
    score_size: float


def card_geometry(box: Box, *, compact: bool = False, marked: bool = False) -> CardGeometry:
    """Split a card box into its parts. A compact card (one row of a crowded tray) is drawn at
    the slide's smallest size: its score badge is only as wide as a score of 100 at that size
    and its mark only as big as the "!" it holds, so the rest of the row is the name's."""
    if compact:
        return _compact_card_geometry(box, marked)
    x, y, w, h = box
    pad = h * 0.18
    text_size = h * 0.455
    band_w = h * 1.45
    band = (x + w - band_w - pad * 0.6, y + pad * 0.6, band_w, h - pad * 1.2)
    mark_d = h - 2 * pad
    mark = (x + pad * 0.8, y + pad, mark_d, mark_d)
    text_x = x + pad * 0.8 + ((mark_d + pad * 0.6) if marked else 0.0)
    text = (text_x, y, band[0] - pad * 0.5 - text_x, h)
    return CardGeometry(box, mark, text, band, text_size, text_size)


#: The widest text a score badge shows.
WIDEST_SCORE = "100"
#: Room around a compact card's parts, as a share of its height.
COMPACT_INSET = 0.09


def _compact_card_geometry(box: Box, marked: bool) -> CardGeometry:
    x, y, w, h = box
    inset = h * COMPACT_INSET
    band_w = text_width(WIDEST_SCORE, MIN_TEXT, bold=True) + MIN_TEXT * 0.4
    band = (x + w - band_w - inset, y + inset, band_w, h - 2 * inset)
    mark_d = h - 2 * inset
    mark = (x + 2 * inset, y + inset, mark_d, mark_d)
    text_x = x + 2 * inset + ((mark_d + 2 * inset) if marked else 0.0)
    text = (text_x, y, band[0] - 2 * inset - text_x, h)
    return CardGeometry(box, mark, text, band, MIN_TEXT, MIN_TEXT)
