"""Greedy label placement for charts: boxes in a coarse grid, candidates tried in order.

A label goes beside its point on the first side that is free of other labels, points and
obstacles (reference labels, arrows); when every side is taken the point stays unlabelled rather
than covered, so a crowded chart stays legible.
"""

from __future__ import annotations

from whiteboard.slides.geometry import Box
from whiteboard.slides.textfit import text_width


class LabelGrid:
    """Boxes already on the chart, bucketed so placing 2,000 labels stays fast. Obstacles
    (reference points, their labels, the arrows) also keep workload points away."""

    CELL = 120.0

    def __init__(self, bounds: Box, label_size: float, point_d: float) -> None:
        self.bounds = bounds
        self.label_size = label_size
        self.point_d = point_d
        self.cells: dict[tuple[int, int], list[Box]] = {}
        self.obstacle_cells: dict[tuple[int, int], list[Box]] = {}

    def _keys(self, box: Box) -> list[tuple[int, int]]:
        x, y, w, h = box
        xs = range(int(x // self.CELL), int((x + w) // self.CELL) + 1)
        ys = range(int(y // self.CELL), int((y + h) // self.CELL) + 1)
        return [(i, j) for i in xs for j in ys]

    def add(self, box: Box, *, obstacle: bool = False) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)
        if obstacle:
            # Obstacles are also filed grown by a point's radius, for `blocks_point`.
            r = self.point_d / 2 + 4
            x, y, w, h = box
            for key in self._keys((x - r, y - r, w + 2 * r, h + 2 * r)):
                self.obstacle_cells.setdefault(key, []).append(box)

    def blocks_point(self, x: float, y: float) -> bool:
        """True when a point centred at (x, y) would touch an obstacle."""
        r = self.point_d / 2 + 4
        for ox, oy, ow, oh in self.obstacle_cells.get(self._key(x, y), ()):
            if x + r > ox and x - r < ox + ow and y + r > oy and y - r < oy + oh:
                return True
        return False

    def _key(self, x: float, y: float) -> tuple[int, int]:
        return int(x // self.CELL), int(y // self.CELL)

    def clear(self, box: Box) -> bool:
        x, y, w, h = box
        px, py, pw, ph = self.bounds
        if x < px + 4 or y < py + 4 or x + w > px + pw - 4 or y + h > py + ph - 4:
            return False
        for key in self._keys(box):
            for ox, oy, ow, oh in self.cells.get(key, ()):
                if x < ox + ow and ox < x + w and y < oy + oh and oy < y + h:
                    return False
        return True

    def place(self, label: str, x: float, y: float) -> Box | None:
        """A free box beside the point at (x, y) for its label, trying the sides first and the
        corners next, or None when all are taken: a crowded chart shows the bare point."""
        w, h = text_width(label, self.label_size) + 4, self.label_size * 1.3
        gap = self.point_d / 2 + 6
        for box in (
            (x + gap, y - h / 2, w, h),
            (x - gap - w, y - h / 2, w, h),
            (x - w / 2, y - gap - h, w, h),
            (x - w / 2, y + gap, w, h),
            (x + gap * 0.6, y - gap * 0.6 - h, w, h),
            (x + gap * 0.6, y + gap * 0.6, w, h),
            (x - gap * 0.6 - w, y - gap * 0.6 - h, w, h),
            (x - gap * 0.6 - w, y + gap * 0.6, w, h),
            (x + gap, y - h * 1.3, w, h),
            (x + gap, y + h * 0.3, w, h),
            (x - gap - w, y - h * 1.3, w, h),
            (x - gap - w, y + h * 0.3, w, h),
        ):
            if self.clear(box):
                self.add(box)
                return box
        return None
