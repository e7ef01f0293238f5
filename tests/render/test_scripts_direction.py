"""A right-to-left line reads right to left in the SVG, the PDF and the PNG: it starts at the
right edge of a left-aligned box, centred lines stay centred, and the SVG embeds it right to
left (an SVG line's base direction is not its first strong character)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from whiteboard.render.pdf import draw_scene
from whiteboard.render.svg import scene_to_svg
from whiteboard.slides import textfit
from whiteboard.slides.scene import Rect, Scene, Text

NS = "{http://www.w3.org/2000/svg}"
ARABIC = "نظام الفواتير 2"
LATIN = "Orders API"
WIDTH, HEIGHT = 600, 200


def _scene(text: str, align: str = "left") -> Scene:
    return Scene(
        "direction",
        WIDTH,
        HEIGHT,
        (
            Rect(id="bg", role="background", x=0, y=0, w=WIDTH, h=HEIGHT),
            Text(id="t", role="label", x=20, y=40, w=560, h=60, text=text, size=30, align=align),
        ),
    )


def _tspans(svg: str) -> list[ET.Element]:
    return list(ET.fromstring(svg).iter(f"{NS}tspan"))


def test_svg_embeds_a_right_to_left_line_and_anchors_it_at_the_right_edge() -> None:
    (span,) = _tspans(scene_to_svg(_scene(ARABIC)))
    assert span.text == f"\u202b{ARABIC}\u202c"
    assert span.get("text-anchor") == "end" and float(span.get("x")) == 580


def test_svg_left_to_right_lines_are_unchanged() -> None:
    (span,) = _tspans(scene_to_svg(_scene(LATIN)))
    assert span.text == LATIN and span.get("text-anchor") is None and float(span.get("x")) == 20
    (span,) = _tspans(scene_to_svg(_scene(f"Orders {ARABIC}")))
    assert span.text == f"Orders {ARABIC}" and span.get("text-anchor") is None


def test_svg_centred_right_to_left_line_stays_centred() -> None:
    (span,) = _tspans(scene_to_svg(_scene(ARABIC, align="center")))
    assert span.get("text-anchor") is None and float(span.get("x")) == 300
    assert span.text == f"\u202b{ARABIC}\u202c"


def _pdf_line_x(scene: Scene) -> list[float]:
    """x of every text run the PDF draws, in points from the page's left edge."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(WIDTH, HEIGHT))
    draw_scene(canvas, scene, 1.0)
    canvas.showPage()
    canvas.save()
    xs: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            xs.append(cm[4] + tm[4] * cm[0])

    PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text(visitor_text=visit)
    return xs


@pytest.mark.parametrize(
    ("text", "align", "expected_left"),
    [
        (ARABIC, "left", 580 - textfit.text_width(ARABIC, 30)),
        (LATIN, "left", 20),
        (ARABIC, "center", 300 - textfit.text_width(ARABIC, 30) / 2),
        (ARABIC, "right", 580 - textfit.text_width(ARABIC, 30)),
    ],
)
def test_pdf_starts_a_right_to_left_line_at_the_right_of_a_left_aligned_box(
    text: str, align: str, expected_left: float
) -> None:
    xs = _pdf_line_x(_scene(text, align))
    assert xs and min(xs) == pytest.approx(expected_left, abs=0.5)


def _ink_columns(text: str, align: str = "left") -> tuple[int, int]:
    from whiteboard.render.qt_image import scene_to_image

    image = scene_to_image(_scene(text, align), WIDTH, HEIGHT)
    background = image.pixelColor(2, 2)
    columns = [
        x
        for x in range(WIDTH)
        if any(image.pixelColor(x, y) != background for y in range(40, 100, 2))
    ]
    return min(columns), max(columns)


def test_png_starts_a_right_to_left_line_at_the_right_of_a_left_aligned_box(qapp: object) -> None:
    left, right = _ink_columns(ARABIC)
    assert right > 570 and left > 300
    left, right = _ink_columns(LATIN)
    assert left < 30 and right < 300
    left, right = _ink_columns(ARABIC, "center")
    assert abs((left + right) / 2 - 300) < 6


def _pptx_paragraph(scene: Scene):  # type: ignore[no-untyped-def]
    from pptx import Presentation

    from whiteboard.render.pptx import draw_scene, fit_frame

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    draw_scene(slide, scene, fit_frame(scene, (0, 0, deck.slide_width, deck.slide_height)))
    (box,) = [shape for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text]
    return box.text_frame.paragraphs[0]


def test_pptx_marks_a_right_to_left_paragraph_and_starts_it_at_the_right() -> None:
    from pptx.enum.text import PP_ALIGN

    paragraph = _pptx_paragraph(_scene(ARABIC))
    assert paragraph._p.pPr.get("rtl") == "1" and paragraph.alignment == PP_ALIGN.RIGHT
    centred = _pptx_paragraph(_scene(ARABIC, align="center"))
    assert centred._p.pPr.get("rtl") == "1" and centred.alignment == PP_ALIGN.CENTER
    latin = _pptx_paragraph(_scene(f"Orders {ARABIC}"))
    assert latin._p.pPr.get("rtl") is None and latin.alignment == PP_ALIGN.LEFT
