"""Paint one scene element with a QPainter: the single drawing code behind the window's items and
the offscreen PNG, so the canvas and an exported image cannot drift apart.

Only QtGui and QtSvg are used here (no widgets), so PNG export works under a bare
QGuiApplication. Fonts come from `assets/fonts` (registered once per process), colours and
strokes from `slides.theme`; nothing here invents geometry.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtSvg import QSvgRenderer

from whiteboard.paths import ASSETS_DIR
from whiteboard.slides import textfit
from whiteboard.slides.scene import Ellipse, Icon, Polyline, Rect, Shape, Text
from whiteboard.slides.theme import FALLBACK_FONT_FILES, FONT_FAMILY, FONT_FILES, Style, style

#: Text is laid out at this multiple of its size and drawn scaled back (see _paint_text).
TEXT_SCALE = 8
ICONS_DIR = ASSETS_DIR / "icons"


def _register(paths: Iterable[Path]) -> list[str]:
    families: list[str] = []
    for path in paths:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


@cache
def font_family() -> str:
    """Register the bundled DejaVu fonts once; the family name to use (falls back to Qt's)."""
    families = _register(FONT_FILES.values())
    return FONT_FAMILY if FONT_FAMILY in families else (families[0] if families else "")


@cache
def font_families() -> tuple[str, ...]:
    """DejaVu first, then the shipped CJK and Korean fonts for the glyphs it lacks (~1 ms)."""
    return (font_family(), *dict.fromkeys(_register(FALLBACK_FONT_FILES.values())))


def make_font(size: float, bold: bool = False) -> QFont:
    font = QFont(font_family())
    font.setFamilies(list(font_families()))
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


@cache
def _color(value: str) -> QColor:
    return QColor(value)


def pen_for(s: Style) -> QPen:
    if not s.stroke or s.stroke_width <= 0:
        return QPen(Qt.PenStyle.NoPen)
    pen = QPen(_color(s.stroke), s.stroke_width)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    if s.dash:
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setDashPattern([max(part / s.stroke_width, 0.1) for part in s.dash])
    return pen


def brush_for(s: Style) -> QBrush:
    return QBrush(_color(s.fill)) if s.fill else QBrush(Qt.BrushStyle.NoBrush)


@cache
def icon_renderer(name: str) -> QSvgRenderer | None:
    """One shared renderer per icon; None when `assets/icons/<name>.svg` is missing or broken."""
    path = ICONS_DIR / f"{name}.svg"
    if not path.is_file():
        return None
    renderer = QSvgRenderer(str(path))
    return renderer if renderer.isValid() else None


def arrow_head(points: tuple[tuple[float, float], ...], width: float) -> QPolygonF:
    """The filled triangle at the last point of a polyline, sized from its stroke width."""
    (x0, y0), (x1, y1) = points[-2], points[-1]
    angle = math.atan2(y1 - y0, x1 - x0)
    length = max(10.0, width * 4.0)
    spread = math.radians(26)
    left = QPointF(x1 - length * math.cos(angle - spread), y1 - length * math.sin(angle - spread))
    right = QPointF(x1 - length * math.cos(angle + spread), y1 - length * math.sin(angle + spread))
    return QPolygonF([QPointF(x1, y1), left, right])


def polyline_path(element: Polyline) -> QPainterPath:
    path = QPainterPath()
    if not element.points:
        return path
    path.moveTo(*element.points[0])
    for point in element.points[1:]:
        path.lineTo(*point)
    if element.closed:
        path.closeSubpath()
    return path


def bounds(element: Shape) -> QRectF:
    """Scene rectangle an element may paint into, strokes and arrow heads included."""
    s = style(element.role)
    pad = s.stroke_width / 2 + 1
    if isinstance(element, Polyline):
        rect = polyline_path(element).boundingRect()
        if element.arrow and len(element.points) >= 2:
            rect = rect.united(arrow_head(element.points, s.stroke_width).boundingRect())
    else:
        rect = QRectF(element.x, element.y, element.w, element.h)
    return rect.adjusted(-pad, -pad, pad, pad)


def paint_element(painter: QPainter, element: Shape) -> None:
    """Draw one element in scene coordinates with its theme style."""
    s = style(element.role)
    painter.save()
    if s.opacity < 1.0:
        painter.setOpacity(painter.opacity() * s.opacity)
    if isinstance(element, Rect):
        painter.setPen(pen_for(s))
        painter.setBrush(brush_for(s))
        rect = QRectF(element.x, element.y, element.w, element.h)
        if element.radius > 0:
            painter.drawRoundedRect(rect, element.radius, element.radius)
        else:
            painter.drawRect(rect)
    elif isinstance(element, Ellipse):
        painter.setPen(pen_for(s))
        painter.setBrush(brush_for(s))
        painter.drawEllipse(QRectF(element.x, element.y, element.w, element.h))
    elif isinstance(element, Polyline):
        _paint_polyline(painter, element, s)
    elif isinstance(element, Text):
        _paint_text(painter, element, s)
    elif isinstance(element, Icon):
        _paint_icon(painter, element, s)
    painter.restore()


def _paint_polyline(painter: QPainter, element: Polyline, s: Style) -> None:
    painter.setPen(pen_for(s))
    painter.setBrush(brush_for(s) if element.closed else QBrush(Qt.BrushStyle.NoBrush))
    painter.drawPath(polyline_path(element))
    if element.arrow and len(element.points) >= 2 and s.stroke:
        head = arrow_head(element.points, s.stroke_width)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_color(s.stroke))
        painter.drawPolygon(head)


def _paint_text(painter: QPainter, element: Text, s: Style) -> None:
    rect = QRectF(element.x, element.y, element.w, element.h)
    if s.fill:
        painter.fillRect(rect, _color(s.fill))
    block = textfit.text_block(element)
    painter.setPen(_color(s.text))
    # Fonts are set TEXT_SCALE times larger and drawn scaled down, so fractional sizes match
    # the widths textfit measured instead of rounding to whole pixels.
    painter.setFont(make_font(element.size * TEXT_SCALE, element.bold))
    for line, baseline in zip(block.lines, block.baselines(), strict=True):
        width = textfit.text_width(line, element.size, element.bold)
        x = element.x
        align = textfit.line_align(element.align, line)
        if align == "center":
            x += (element.w - width) / 2
        elif align == "right":
            x += element.w - width
        painter.save()
        painter.translate(x, baseline)
        painter.scale(1 / TEXT_SCALE, 1 / TEXT_SCALE)
        painter.drawText(QPointF(0, 0), line)
        painter.restore()


def _paint_icon(painter: QPainter, element: Icon, s: Style) -> None:
    rect = QRectF(element.x, element.y, element.w, element.h)
    renderer = icon_renderer(element.name)
    if renderer is None:
        # A missing icon still shows where it belongs instead of vanishing silently.
        painter.setPen(pen_for(s))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, 6, 6)
        painter.drawLine(QLineF(rect.topLeft(), rect.bottomRight()))
        return
    size = renderer.defaultSize()
    if size.width() > 0 and size.height() > 0:
        scale = min(rect.width() / size.width(), rect.height() / size.height())
        w, h = size.width() * scale, size.height() * scale
        rect = QRectF(rect.center().x() - w / 2, rect.center().y() - h / 2, w, h)
    renderer.render(painter, rect)


def prepare_painter(painter: QPainter) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
