"""The scene as reportlab vector drawing: a Flowable for platypus documents. Pure reportlab.

Same layout, theme and word wrap (`slides.textfit`) as the SVG and the window; only the y axis
flips (scene y grows downwards, PDF y upwards). Text is drawn run by run so every script
renders: `slides.fonts` picks a shipped font per character, orders right-to-left runs and shapes
Arabic, the Indic scripts, Thai and emoji with HarfBuzz; a right-to-left line of a left-aligned
box starts at its right edge. The fonts are embedded (subset), so the handout
reads the same in any viewer; a character no font has shows as U+FFFD.
"""

from __future__ import annotations

import math
import re
from functools import cache

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from whiteboard.paths import ASSETS_DIR
from whiteboard.slides import textfit
from whiteboard.slides.pdf_fonts import register_fonts
from whiteboard.slides.scene import Ellipse, Icon, Polyline, Rect, Scene, Shape, Text
from whiteboard.slides.shaping import runs_width, visual_runs
from whiteboard.slides.theme import Style, style

ICONS_DIR = ASSETS_DIR / "icons"


_LINE_BREAKS = re.compile(r"[\t\n\r\v\f\u2028\u2029]")


def draw_text_runs(canvas: Canvas, x: float, y: float, text: str, base: str, size: float) -> None:
    """Draw `text` from (x, y) in the canvas's own orientation, switching fonts per run.

    One line only: tabs and line breaks become spaces (drawn as-is they would be empty boxes).
    """
    if not text.isprintable():
        text = _LINE_BREAKS.sub(" ", text)
    for run in visual_runs(text, base):
        canvas.setFont(run.font, size)
        canvas.drawString(x, y, run.text)
        x += run.advance * size


# -- the scene ----------------------------------------------------------------------------------


class SceneFlowable(Flowable):
    """A whole scene scaled to `width` points wide, drawn as vectors at a build-up step."""

    def __init__(self, scene: Scene, width: float, step: int | None = None) -> None:
        super().__init__()
        self.scene = scene
        self.step = step
        self.scale = width / scene.width
        self.width = width
        self.height = scene.height * self.scale

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        register_fonts()
        draw_scene(self.canv, self.scene, self.scale, self.step)


def draw_scene(canvas: Canvas, scene: Scene, scale: float, step: int | None = None) -> None:
    """Draw the scene with its top-left corner at the canvas origin's top-left, `scale` pt/unit."""
    canvas.saveState()
    canvas.translate(0, scene.height * scale)
    canvas.scale(scale, -scale)
    clip = canvas.beginPath()
    clip.rect(0, 0, scene.width, scene.height)
    canvas.clipPath(clip, stroke=0, fill=0)
    shapes = scene.elements if step is None else scene.visible_at(step)
    for shape in sorted(shapes, key=lambda s: s.z):
        canvas.saveState()
        _draw(canvas, shape, style(shape.role))
        canvas.restoreState()
    canvas.restoreState()


def _paint(canvas: Canvas, s: Style, *, fill: bool = True) -> tuple[int, int]:
    """Set colours, width, dash and opacity; (stroke?, fill?) flags for the drawing call."""
    do_fill = int(fill and s.fill is not None)
    do_stroke = int(s.stroke is not None and s.stroke_width > 0)
    if do_fill:
        canvas.setFillColor(HexColor(s.fill))
        canvas.setFillAlpha(s.opacity)
    if do_stroke:
        canvas.setStrokeColor(HexColor(s.stroke))
        canvas.setStrokeAlpha(s.opacity)
        canvas.setLineWidth(s.stroke_width)
        if s.dash:
            canvas.setDash(list(s.dash))
    return do_stroke, do_fill


def _draw(canvas: Canvas, shape: Shape, s: Style) -> None:
    if isinstance(shape, Rect):
        stroke, fill = _paint(canvas, s)
        if stroke or fill:
            radius = min(shape.radius, shape.w / 2, shape.h / 2)
            if radius > 0:
                canvas.roundRect(shape.x, shape.y, shape.w, shape.h, radius, stroke, fill)
            else:
                canvas.rect(shape.x, shape.y, shape.w, shape.h, stroke, fill)
    elif isinstance(shape, Ellipse):
        stroke, fill = _paint(canvas, s)
        if stroke or fill:
            canvas.ellipse(shape.x, shape.y, shape.x + shape.w, shape.y + shape.h, stroke, fill)
    elif isinstance(shape, Polyline):
        _polyline(canvas, shape, s)
    elif isinstance(shape, Text):
        _text(canvas, shape, s)
    else:
        _icon(canvas, shape, s)


def _polyline(canvas: Canvas, shape: Polyline, s: Style) -> None:
    if len(shape.points) < 2:
        return
    stroke, fill = _paint(canvas, s, fill=shape.closed)
    canvas.setLineJoin(1)
    canvas.setLineCap(1)
    path = canvas.beginPath()
    path.moveTo(*shape.points[0])
    for point in shape.points[1:]:
        path.lineTo(*point)
    if shape.closed:
        path.close()
    canvas.drawPath(path, stroke=stroke, fill=fill)
    if shape.arrow and s.stroke:
        (x0, y0), (x1, y1) = shape.points[-2], shape.points[-1]
        angle = math.atan2(y1 - y0, x1 - x0)
        length = max(10.0, s.stroke_width * 4.5)
        head = canvas.beginPath()
        head.moveTo(x1, y1)
        for side in (-1, 1):
            a = angle + math.pi + side * math.radians(24)
            head.lineTo(x1 + length * math.cos(a), y1 + length * math.sin(a))
        head.close()
        canvas.setDash([])
        canvas.setFillColor(HexColor(s.stroke))
        canvas.drawPath(head, stroke=0, fill=1)


def _text(canvas: Canvas, shape: Text, s: Style) -> None:
    block = textfit.text_block(shape)
    base = textfit.font_name(shape.bold)
    canvas.setFillColor(HexColor(s.text))
    canvas.setFillAlpha(s.opacity)
    for line, baseline in zip(block.lines, block.baselines(), strict=True):
        width = runs_width(line, base, shape.size)
        x = {
            "left": shape.x,
            "center": shape.x + (shape.w - width) / 2,
            "right": shape.x + shape.w - width,
        }[textfit.line_align(shape.align, line)]
        canvas.saveState()
        # Undo the flip locally so glyphs stand upright.
        canvas.translate(x, baseline)
        canvas.scale(1, -1)
        draw_text_runs(canvas, 0, 0, line, base, shape.size)
        canvas.restoreState()


# -- our icons: the small SVG subset they use (rect, line, path with M L H V C Z) ---------------

_ELEMENT = re.compile(r"<(rect|line|path)\b([^>]*)/>")
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')
_PATH_TOKEN = re.compile(r"[MLHVCZmlhvcz]|-?\d*\.?\d+(?:e-?\d+)?")


@cache
def _icon_elements(name: str) -> tuple[tuple[str, dict[str, str]], ...]:
    path = ICONS_DIR / f"{name}.svg"
    if not re.fullmatch(r"[a-z0-9_-]+", name) or not path.is_file():
        # A missing icon is a crossed box, as in the SVG renderer: visible, never silent.
        return (
            ("rect", {"x": "2", "y": "2", "width": "20", "height": "20", "rx": "3"}),
            ("path", {"d": "M2 2 L22 22"}),
        )
    text = path.read_text(encoding="utf-8")
    return tuple((tag, dict(_ATTR.findall(attrs))) for tag, attrs in _ELEMENT.findall(text))


def _icon(canvas: Canvas, shape: Icon, s: Style) -> None:
    colour = HexColor(s.stroke or s.text)
    canvas.translate(shape.x, shape.y)
    canvas.scale(shape.w / 24, shape.h / 24)
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(1.6)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    for tag, attrs in _icon_elements(shape.name):
        dash = attrs.get("stroke-dasharray")
        canvas.setDash([float(v) for v in dash.split()] if dash else [])
        if tag == "rect":
            x, y = float(attrs.get("x", 0)), float(attrs.get("y", 0))
            w, h = float(attrs["width"]), float(attrs["height"])
            radius = float(attrs.get("rx", 0))
            canvas.roundRect(x, y, w, h, radius, stroke=1, fill=0)
        elif tag == "line":
            canvas.line(*(float(attrs[k]) for k in ("x1", "y1", "x2", "y2")))
        else:
            canvas.drawPath(_svg_path(canvas, attrs["d"]), stroke=1, fill=0)


def _svg_path(canvas: Canvas, data: str):
    path = canvas.beginPath()
    tokens = _PATH_TOKEN.findall(data)
    index, command = 0, "M"
    x = y = 0.0

    def number() -> float:
        nonlocal index
        index += 1
        return float(tokens[index - 1])

    while index < len(tokens):
        if tokens[index].isalpha():
            command = tokens[index].upper()
            index += 1
            if command == "Z":
                path.close()
                continue
        if command == "M":
            x, y = number(), number()
            path.moveTo(x, y)
            command = "L"
        elif command == "L":
            x, y = number(), number()
            path.lineTo(x, y)
        elif command == "H":
            x = number()
            path.lineTo(x, y)
        elif command == "V":
            y = number()
            path.lineTo(x, y)
        elif command == "C":
            x1, y1, x2, y2, x, y = (number() for _ in range(6))
            path.curveTo(x1, y1, x2, y2, x, y)
        else:
            index += 1
    return path
