"""A hexagon radar of the six pillar scores: the current placement against the recommended one."""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from whiteboard.model import PILLAR_IDS, PillarId
from whiteboard.model.vocab import PILLAR_SHORT_NAMES

PILLAR_SHORT: dict[PillarId, str] = PILLAR_SHORT_NAMES
CURRENT = QColor("#1f6fb2")
RECOMMENDED = QColor("#e67e22")
GRID = QColor("#c9d3dd")
INK = QColor("#1d2733")


class RadarWidget(QWidget):
    """Pillar scores 0..100 on six axes. Either series may be missing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current: Mapping[PillarId, float] | None = None
        self._recommended: Mapping[PillarId, float] | None = None
        self._labels = ("current", "recommended")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(250)

    def sizeHint(self) -> QSize:
        return QSize(300, 240)

    def set_series(
        self,
        current: Mapping[PillarId, float] | None,
        recommended: Mapping[PillarId, float] | None,
        labels: tuple[str, str] = ("current", "recommended"),
    ) -> None:
        self._current, self._recommended, self._labels = current, recommended, labels
        accessible = "; ".join(
            f"{label}: " + ", ".join(f"{PILLAR_SHORT[p]} {series[p]:.0f}" for p in PILLAR_IDS)
            for label, series in zip(labels, (current, recommended), strict=True)
            if series is not None
        )
        self.setAccessibleDescription(accessible)
        self.setToolTip(accessible.replace("; ", "\n"))
        self.update()

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
        for series, color, dashed in (
            (self._recommended, RECOMMENDED, True),
            (self._current, CURRENT, False),
        ):
            if series is None:
                continue
            polygon = QPolygonF(
                [self._point(center, radius, i, series[p]) for i, p in enumerate(PILLAR_IDS)]
            )
            pen = QPen(color, 2.5)
            if dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            fill = QColor(color)
            fill.setAlpha(40 if not dashed else 0)
            painter.setPen(pen)
            painter.setBrush(fill)
            painter.drawPolygon(polygon)
        self._paint_legend(
            painter, QRectF(8, self.height() - legend_h - 4, self.width() - 16, legend_h)
        )
        painter.end()

    def _paint_legend(self, painter: QPainter, rect: QRectF) -> None:
        """One line per series, stacked, so long target names are never cut."""
        y = rect.y()
        line_h = painter.fontMetrics().height() + 2
        for series, color, label in (
            (self._current, CURRENT, self._labels[0]),
            (self._recommended, RECOMMENDED, self._labels[1]),
        ):
            if series is None:
                continue
            pen = QPen(color, 2.5)
            if color == RECOMMENDED:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            mid = y + line_h / 2
            painter.drawLine(QPointF(rect.x(), mid), QPointF(rect.x() + 22, mid))
            painter.setPen(INK)
            baseline = mid + painter.fontMetrics().ascent() / 2 - 1
            painter.drawText(QPointF(rect.x() + 28, baseline), label)
            y += line_h
