"""The scene as native PowerPoint shapes (python-pptx): pure Python, no Qt.

Draws the elements visible at a build-up step onto a slide, with the theme's styles, as shapes
an engineer can edit: rectangles, ovals, freeforms, straight connectors with arrow heads, and
text boxes holding real text (the lines `slides.textfit` breaks, as in the SVG and the PDF).
Our icons become groups of freeforms. Every shape is named `!!<element id>`: PowerPoint's Morph
transition pairs shapes by a name that starts with `!!`, so a shape on two consecutive slides
moves, and one that is new fades in.

Coordinates: the scene is fitted into the slide (centred, aspect kept) by a `Frame`, so a
customer's 4:3 template shows the whole 16:9 scene; one scene unit is `Frame.scale` EMU.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from copy import deepcopy
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.shapes.shapetree import SlideShapes
from pptx.slide import Slide
from pptx.util import Emu

from whiteboard.paths import ASSETS_DIR
from whiteboard.slides import textfit
from whiteboard.slides.direction import is_rtl
from whiteboard.slides.scene import Ellipse, Icon, Point, Polyline, Rect, Scene, Shape, Text
from whiteboard.slides.theme import FONT_FAMILY, Style, style

ICONS_DIR = ASSETS_DIR / "icons"
#: English Metric Units per point (12,700) and per inch (914,400), as OOXML counts them.
EMU_PER_POINT = 12_700
#: Morph pairs shapes whose names start with this across two slides.
MORPH_PREFIX = "!!"
#: Our icons are drawn in a 24 x 24 box with 1.6-unit strokes.
ICON_BOX = 24.0
ICON_STROKE = 1.6
#: Straight pieces a cubic curve of an icon is drawn with.
CURVE_PIECES = 8

#: Characters XML 1.0 cannot hold (lxml refuses them): dropped from every string we write.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 forbids: what a hostile name cannot smuggle in."""
    return _NOT_XML.sub("", text)


@dataclass(frozen=True, slots=True)
class Frame:
    """Where a scene sits on a slide: its top-left corner in EMU and EMU per scene unit."""

    left: float
    top: float
    scale: float

    def x(self, value: float) -> int:
        return round(self.left + value * self.scale)

    def y(self, value: float) -> int:
        return round(self.top + value * self.scale)

    def length(self, value: float) -> int:
        return max(1, round(value * self.scale))

    def points(self, value: float) -> float:
        """A scene length (a font size, a stroke) in points."""
        return value * self.scale / EMU_PER_POINT


def fit_frame(scene: Scene, box: tuple[int, int, int, int]) -> Frame:
    """The frame that fits `scene` into `box` (left, top, width, height in EMU), centred."""
    left, top, width, height = box
    scale = min(width / scene.width, height / scene.height)
    return Frame(
        left + (width - scene.width * scale) / 2,
        top + (height - scene.height * scale) / 2,
        scale,
    )


def draw_scene(slide: Slide, scene: Scene, frame: Frame, step: int | None = None) -> None:
    """Add the elements of `scene` shown at `step` (None: all) to `slide`, bottom first."""
    shapes = scene.elements if step is None else scene.visible_at(step)
    for shape in sorted(shapes, key=lambda s: s.z):
        draw_shape(slide.shapes, shape, frame)


class SceneStamp:
    """The shapes of a scene drawn once, then copied onto every slide of a build-up that shows
    them: the same XML on each slide (so Morph pairs them), at a fraction of drawing them anew
    each time. `scratch` is a slide to draw on, which the caller removes afterwards."""

    def __init__(self, scratch: Slide, scene: Scene, frame: Frame) -> None:
        self.scene = scene
        tree = scratch.shapes._spTree
        self._drawn: dict[str, list[etree._Element]] = {}
        for shape in sorted(scene.elements, key=lambda s: s.z):
            before = len(tree)
            draw_shape(scratch.shapes, shape, frame)
            self._drawn[shape.id] = list(tree)[before:]

    def stamp(self, slide: Slide, step: int) -> None:
        """Copy the shapes shown at `step` onto `slide`, bottom first, with fresh shape ids."""
        tree = slide.shapes._spTree
        next_id = max([int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))] + [1]) + 1
        for shape in sorted(self.scene.visible_at(step), key=lambda s: s.z):
            for drawn in self._drawn[shape.id]:
                copy = deepcopy(drawn)
                for properties in copy.iter(qn("p:cNvPr")):
                    properties.set("id", str(next_id))
                    next_id += 1
                tree.append(copy)


def draw_shape(shapes: SlideShapes, shape: Shape, frame: Frame) -> None:
    s = style(shape.role)
    if isinstance(shape, Rect | Ellipse):
        _box(shapes, shape, s, frame)
    elif isinstance(shape, Polyline):
        _polyline(shapes, shape, s, frame)
    elif isinstance(shape, Text):
        _text(shapes, shape, s, frame)
    else:
        _icon(shapes, shape, s, frame)


def _name(shape: Shape) -> str:
    return xml_safe(MORPH_PREFIX + shape.id)


# -- boxes and lines ----------------------------------------------------------------------------


def _box(shapes: SlideShapes, shape: Rect | Ellipse, s: Style, frame: Frame) -> None:
    kind = MSO_SHAPE.OVAL
    if isinstance(shape, Rect):
        kind = MSO_SHAPE.ROUNDED_RECTANGLE if shape.radius > 0 else MSO_SHAPE.RECTANGLE
    box = shapes.add_shape(
        kind,
        frame.x(shape.x),
        frame.y(shape.y),
        frame.length(shape.w),
        frame.length(shape.h),
    )
    box.name = _name(shape)
    if isinstance(shape, Rect) and shape.radius > 0:
        box.adjustments[0] = min(0.5, shape.radius / max(1e-6, min(shape.w, shape.h)))
    _fill(box, s.fill, s.opacity)
    _line(box, s, frame)
    box.shadow.inherit = False
    box.text_frame.text = ""


def _polyline(shapes: SlideShapes, shape: Polyline, s: Style, frame: Frame) -> None:
    if len(shape.points) < 2:
        return
    if len(shape.points) == 2 and not shape.closed:
        (x0, y0), (x1, y1) = shape.points
        drawn = shapes.add_connector(
            MSO_CONNECTOR.STRAIGHT, frame.x(x0), frame.y(y0), frame.x(x1), frame.y(y1)
        )
    else:
        drawn = _freeform(shapes, [shape.points], frame, closed=shape.closed)
        _fill(drawn, s.fill if shape.closed else None, s.opacity)
    drawn.name = _name(shape)
    _line(drawn, s, frame)
    if shape.arrow and s.stroke:
        _arrow_head(drawn)


def _freeform(
    shapes: SlideShapes,
    paths: Sequence[Sequence[Point]],
    frame: Frame,
    *,
    closed: bool = False,
):
    """One freeform shape drawing each of `paths` (scene points), closed or open."""
    first = paths[0][0]
    builder = shapes.build_freeform(frame.x(first[0]), frame.y(first[1]), scale=1.0)
    for index, path in enumerate(paths):
        if index:
            builder.move_to(frame.x(path[0][0]), frame.y(path[0][1]))
        builder.add_line_segments(
            [(frame.x(x), frame.y(y)) for x, y in path[1:]], close=closed and len(path) > 2
        )
    drawn = builder.convert_to_shape()
    _no_zero_extent(drawn)
    return drawn


def _no_zero_extent(drawn) -> None:
    """A straight horizontal or vertical freeform has a zero-wide path box, which some viewers
    divide by: give it one EMU."""
    for path in drawn._element.iter(qn("a:path")):
        for side in ("w", "h"):
            if path.get(side) == "0":
                path.set(side, "1")
    ext = drawn._element.spPr.find(qn("a:xfrm")).find(qn("a:ext"))
    for side in ("cx", "cy"):
        if ext.get(side) == "0":
            ext.set(side, "1")


def _fill(drawn, colour: str | None, opacity: float = 1.0) -> None:
    if colour is None:
        drawn.fill.background()
        return
    drawn.fill.solid()
    drawn.fill.fore_color.rgb = _rgb(colour)
    if opacity < 1:
        _alpha(drawn._element.spPr.find(qn("a:solidFill")), opacity)


def _line(drawn, s: Style, frame: Frame) -> None:
    if not s.stroke or s.stroke_width <= 0:
        drawn.line.fill.background()
        return
    drawn.line.color.rgb = _rgb(s.stroke)
    drawn.line.width = Emu(frame.length(s.stroke_width))
    if s.dash:
        drawn.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    if s.opacity < 1:
        _alpha(drawn._element.spPr.find(qn("a:ln")).find(qn("a:solidFill")), s.opacity)


def _arrow_head(drawn) -> None:
    line = drawn._element.spPr.find(qn("a:ln"))
    head = etree.SubElement(line, qn("a:tailEnd"))
    head.set("type", "triangle")
    head.set("w", "med")
    head.set("len", "med")


def _alpha(solid_fill, opacity: float) -> None:
    if solid_fill is None or len(solid_fill) == 0:
        return
    alpha = etree.SubElement(solid_fill[0], qn("a:alpha"))
    alpha.set("val", str(round(max(0.0, min(1.0, opacity)) * 100_000)))


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#")[:6])


# -- text ---------------------------------------------------------------------------------------


def _text(shapes: SlideShapes, shape: Text, s: Style, frame: Frame) -> None:
    lines = textfit.text_block(shape).lines
    if not any(line.strip() for line in lines):
        return
    box = shapes.add_textbox(
        frame.x(shape.x), frame.y(shape.y), frame.length(shape.w), frame.length(shape.h)
    )
    box.name = _name(shape)
    frame_ = box.text_frame
    frame_.word_wrap = True
    frame_.auto_size = MSO_AUTO_SIZE.NONE
    frame_.margin_left = frame_.margin_right = frame_.margin_top = frame_.margin_bottom = 0
    frame_.vertical_anchor = _ANCHOR[shape.valign]
    write_lines(
        frame_.paragraphs[0],
        lines,
        size_pt=frame.points(shape.size),
        bold=shape.bold,
        colour=s.text,
        opacity=s.opacity,
        line_pt=frame.points(textfit.line_height(shape.size)),
    )
    paragraph = frame_.paragraphs[0]
    # As the other renderers lay it out: a left-aligned right-to-left paragraph starts at the
    # right, and PowerPoint is told it is one (`rtl`), so it orders its digits and punctuation
    # the way a reader of it expects.
    paragraph.alignment = _ALIGN[textfit.line_align(shape.align, shape.text)]
    if is_rtl(shape.text):
        paragraph._p.get_or_add_pPr().set("rtl", "1")


def write_lines(
    paragraph,
    lines: Iterable[str],
    *,
    size_pt: float,
    bold: bool = False,
    colour: str | None = None,
    opacity: float = 1.0,
    line_pt: float | None = None,
    font: str | None = FONT_FAMILY,
) -> None:
    """One run per line in `paragraph`, joined by line breaks, so the breaks the other
    renderers make are kept while the text stays one editable paragraph."""
    from pptx.util import Pt

    if line_pt is not None:
        paragraph.line_spacing = Pt(line_pt)
    for index, line in enumerate(lines):
        if index:
            paragraph.add_line_break()
        run = paragraph.add_run()
        run.text = xml_safe(line)
        run.font.size = Pt(round(size_pt * 2) / 2)
        run.font.bold = bold
        if font:
            run.font.name = font
        if colour:
            run.font.color.rgb = _rgb(colour)
            if opacity < 1:
                _alpha(run.font._rPr.find(qn("a:solidFill")), opacity)


# -- icons --------------------------------------------------------------------------------------


class IconBox(NamedTuple):
    """A rectangle of an icon, in its 24 x 24 box."""

    x: float
    y: float
    w: float
    h: float
    radius: float


#: One part of an icon: a rectangle, or strokes (each a polyline, curves sampled).
IconPart = IconBox | tuple[tuple[Point, ...], ...]


def _icon(shapes: SlideShapes, shape: Icon, s: Style, frame: Frame) -> None:
    unit = Frame(frame.x(shape.x), frame.y(shape.y), frame.scale * shape.w / ICON_BOX)
    stroke = Style(stroke=s.stroke or s.text, stroke_width=ICON_STROKE)
    group = shapes.add_group_shape()
    group.name = _name(shape)
    for part in icon_parts(shape.name):
        if isinstance(part, IconBox):
            kind = MSO_SHAPE.ROUNDED_RECTANGLE if part.radius else MSO_SHAPE.RECTANGLE
            drawn = group.shapes.add_shape(
                kind, unit.x(part.x), unit.y(part.y), unit.length(part.w), unit.length(part.h)
            )
            if part.radius:
                drawn.adjustments[0] = min(0.5, part.radius / max(1e-6, min(part.w, part.h)))
            drawn.shadow.inherit = False
        elif part:
            drawn = _freeform(group.shapes, part, unit)
        else:
            continue
        drawn.name = f"{shape.name} icon stroke"
        _fill(drawn, None)
        _line(drawn, stroke, unit)


_ELEMENT = re.compile(r"<(rect|line|path)\b([^>]*)/>")
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')
_PATH_TOKEN = re.compile(r"[MLHVCZmlhvcz]|-?\d*\.?\d+(?:e-?\d+)?")


@cache
def icon_parts(name: str) -> tuple[IconPart, ...]:
    """Our icon `name` as rectangles and strokes in its 24 x 24 box: the small SVG subset our
    icons use (rect, line, path with M L H V C Z). A missing icon is a crossed box, as in the
    SVG and PDF renderers: visible, never silent."""
    path = ICONS_DIR / f"{name}.svg"
    if not re.fullmatch(r"[a-z0-9_-]+", name) or not path.is_file():
        return (IconBox(2, 2, 20, 20, 3), (((2.0, 2.0), (22.0, 22.0)),))
    parts: list[IconPart] = []
    for tag, attrs_text in _ELEMENT.findall(path.read_text(encoding="utf-8")):
        attrs = dict(_ATTR.findall(attrs_text))
        if tag == "rect":
            numbers = [float(attrs.get(key, 0)) for key in ("x", "y", "width", "height", "rx")]
            parts.append(IconBox(*numbers))
        elif tag == "line":
            x1, y1, x2, y2 = (float(attrs[key]) for key in ("x1", "y1", "x2", "y2"))
            parts.append((((x1, y1), (x2, y2)),))
        else:
            parts.append(_subpaths(attrs["d"]))
    return tuple(parts)


def _subpaths(data: str) -> tuple[tuple[Point, ...], ...]:
    """The absolute M L H V C Z commands of an SVG path as polylines (curves sampled)."""
    tokens = _PATH_TOKEN.findall(data)
    paths: list[list[Point]] = []
    index, command = 0, "M"
    x = y = 0.0
    while index < len(tokens):
        if tokens[index].isalpha():
            command = tokens[index].upper()
            index += 1
            if command == "Z":
                if paths and paths[-1]:
                    paths[-1].append(paths[-1][0])
                continue
        count = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6}.get(command)
        if count is None or index + count > len(tokens):
            break
        values = [float(token) for token in tokens[index : index + count]]
        index += count
        if command == "M":
            x, y = values
            paths.append([(x, y)])
            command = "L"
            continue
        if not paths:
            paths.append([(x, y)])
        if command == "L":
            x, y = values
        elif command == "H":
            x = values[0]
        elif command == "V":
            y = values[0]
        else:
            paths[-1].extend(_cubic((x, y), values))
            x, y = values[4], values[5]
            continue
        paths[-1].append((x, y))
    return tuple(tuple(path) for path in paths if len(path) > 1)


def _cubic(start: Point, values: list[float]) -> list[Point]:
    (x0, y0), (x1, y1, x2, y2, x3, y3) = start, values
    result = []
    for piece in range(1, CURVE_PIECES + 1):
        t = piece / CURVE_PIECES
        u = 1 - t
        result.append(
            (
                u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
                u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3,
            )
        )
    return result
