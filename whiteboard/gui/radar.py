"""A hexagon radar of the six pillar scores: the current placement against the recommended one.

A series on a target that cannot run the workload is drawn greyed (theme.GREYED), under the
other and listed after it, so an impossible placement never looks like the better shape.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from whiteboard.model import PILLAR_IDS, PillarId
from whiteboard.model.vocab import PILLAR_SHORT_NAMES
from whiteboard.slides import theme

PILLAR_SHORT: dict[PillarId, str] = PILLAR_SHORT_NAMES
CURRENT = QColor("#1f6fb2")
RECOMMENDED = QColor("#e67e22")
GRID = QColor("#c9d3dd")
INK = QColor("#1d2733")
GREYED = QColor(theme.GREYED)


class _Series(NamedTuple):
    scores: Mapping[PillarId, float]
    color: QColor
    label: str
    dashed: bool
    greyed: bool


class RadarWidget(QWidget):
    """Pillar scores 0..100 on six axes. Either series may be missing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current: Mapping[PillarId, float] | None = None
        self._recommended: Mapping[PillarId, float] | None = None
        self._labels = ("current", "recommended")
        self._greyed = (False, False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(250)

    def sizeHint(self) -> QSize:
        return QSize(300, 240)

    def set_series(
        self,
        current: Mapping[PillarId, float] | None,
        recommended: Mapping[PillarId, float] | None,
        labels: tuple[str, str] = ("current", "recommended"),
        greyed: tuple[bool, bool] = (False, False),
    ) -> None:
        """`greyed`: whether each series is on a target that cannot run the workload."""
        self._current, self._recommended, self._labels = current, recommended, labels
        self._greyed = greyed
        accessible = "; ".join(
            f"{label}: " + ", ".join(f"{PILLAR_SHORT[p]} {series[p]:.0f}" for p in PILLAR_IDS)
            for series, _, label, _, _ in self._series()
        )
        self.setAccessibleDescription(accessible)
        self.setToolTip(accessible.replace("; ", "\n"))
        self.update()

    def legend(self) -> list[tuple[str, str]]:
        """(label, colour name) of each series, in the legend's order."""
        return [(s.label, s.color.name()) for s in self._series()]

    def _series(self) -> list[_Series]:
        """The series present, runnable ones first; a greyed one is drawn in grey."""
        series = [
            _Series(scores, GREYED if greyed else color, label, dashed, greyed)
            for scores, color, label, dashed, greyed in (
                (self._current, CURRENT, self._labels[0], False, self._greyed[0]),
                (self._recommended, RECOMMENDED, self._labels[1], True, self._greyed[1]),
            )
            if scores is not None
        ]
        return sorted(series, key=lambda s: s.greyed)

    def _point(self, center: QPointF, radius: float, index: int, value: float) -> QPointF:
        angle = -math.pi / 2 + index * 2 * math.pi / len(PILLAR_IDS)
        r = radius * max(0.0, min(100.0, value)) / 100
        return QPointF(center.x() + r * math.cos(angle), center.y() + r * math.sin(angle))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        legend_h = 2 * (self.fontMetrics().height() + 2)
        area = QRectF(self.rect()).adjusted(8, 8, -8, -8 - legend_h)
        radius = max(10.0, min(area.width() / 2 - 48, area.height() / 2 - 14))
        center = area.center()
        painter.setPen(QPen(GRID, 1))
        for ring in (25, 50, 75, 100):
            painter.drawPolygon(
                QPolygonF([self._point(center, radius, i, ring) for i in range(len(PILLAR_IDS))])
            )
        painter.setPen(INK)
        metrics = painter.fontMetrics()
        for i, pillar in enumerate(PILLAR_IDS):
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(center, self._point(center, radius, i, 100))
            tip = self._point(center, radius + 8, i, 100)
            text = PILLAR_SHORT[pillar]
            width = metrics.horizontalAdvance(text)
            x = tip.x() - width / 2
            if tip.x() > center.x() + 1:
                x = tip.x()
            elif tip.x() < center.x() - 1:
                x = tip.x() - width
            below = tip.y() > center.y() + 1
            y = tip.y() + (metrics.ascent() if below else -4)
            painter.setPen(INK)
            painter.drawText(QPointF(x, y), text)
        # Greyed series first (underneath), then the recommendation, then the placement on top.
        for series, color, _, dashed, greyed in sorted(
            self._series(), key=lambda s: (not s.greyed, not s.dashed)
        ):
            polygon = QPolygonF(
                [self._point(center, radius, i, series[p]) for i, p in enumerate(PILLAR_IDS)]
            )
            pen = _pen(color, dashed, greyed)
            fill = QColor(color)
            fill.setAlpha(0 if dashed else 25 if greyed else 40)
            painter.setPen(pen)
            painter.setBrush(fill)
            painter.drawPolygon(polygon)
        self._paint_legend(
            painter, QRectF(8, self.height() - legend_h - 4, self.width() - 16, legend_h)
        )
        painter.end()

    def _paint_legend(self, painter: QPainter, rect: QRectF) -> None:
        """One line per series, stacked (runnable first), so long target names are never cut."""
        y = rect.y()
        line_h = painter.fontMetrics().height() + 2
        for _, color, label, dashed, greyed in self._series():
            painter.setPen(_pen(color, dashed, greyed))
            mid = y + line_h / 2
            painter.drawLine(QPointF(rect.x(), mid), QPointF(rect.x() + 22, mid))
            painter.setPen(GREYED if greyed else INK)
            baseline = mid + painter.fontMetrics().ascent() / 2 - 1
            painter.drawText(QPointF(rect.x() + 28, baseline), label)
            y += line_h


def _pen(color: QColor, dashed: bool, greyed: bool) -> QPen:
    """The recommendation dashed, a target that cannot run dotted and thinner."""
    pen = QPen(color, 1.5 if greyed else 2.5)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    elif greyed:
        pen.setStyle(Qt.PenStyle.DotLine)
    return pen
