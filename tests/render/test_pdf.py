"""The reportlab scene renderer: vector drawing of the same layout, every script readable."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from whiteboard.render.pdf import SceneFlowable, draw_scene
from whiteboard.slides import textfit
from whiteboard.slides.font_files import CJK_FONT, EMOJI_FONT
from whiteboard.slides.fonts import PLACEHOLDER, font_runs
from whiteboard.slides.scene import Ellipse, Icon, Polyline, Rect, Scene, Text


def _scene() -> Scene:
    return Scene(
        "test",
        400,
        200,
        (
            Rect(id="bg", role="background", x=0, y=0, w=400, h=200),
            Rect(id="card", role="card", x=10, y=10, w=120, h=40, radius=6),
            Ellipse(id="dot", role="workload_point", x=200, y=20, w=12, h=12),
            Polyline(id="arrow", role="arrow", points=((10, 150), (300, 150)), arrow=True),
            Icon(id="icon", role="icon", name="server", x=150, y=10, w=24, h=24),
            Icon(id="missing", role="icon", name="no-such-icon", x=180, y=10, w=24, h=24),
            Text(
                id="top", role="title", x=10, y=60, w=380, h=30, text="Top <b>&amp; 東京", size=16
            ),
            Text(
                id="late",
                role="label",
                x=10,
                y=100,
                w=380,
                h=30,
                text="Later step",
                size=12,
                step=3,
            ),
        ),
        steps=3,
    )


def _pdf_text(scene: Scene, step: int | None) -> tuple[str, str]:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4))
    canvas.translate(20, 100)
    draw_scene(canvas, scene, 1.5, step)
    canvas.showPage()
    canvas.save()
    page = PdfReader(io.BytesIO(buffer.getvalue())).pages[0]
    return page.extract_text(), page.get_contents().get_data().decode("latin-1")


def test_text_is_drawn_upright_and_literally_with_cjk_in_its_own_font() -> None:
    text, _ = _pdf_text(_scene(), None)
    # Each font run is its own text object, so extraction may break the line between runs.
    assert "Top <b>&amp; 東京" in " ".join(text.split())
    assert "Later step" in text


def test_a_step_hides_what_it_has_not_revealed_yet() -> None:
    text, _ = _pdf_text(_scene(), 2)
    assert "Top" in text and "Later step" not in text


def test_shapes_are_vectors_with_a_flipped_y_axis() -> None:
    _, content = _pdf_text(_scene(), None)
    # The scene is flipped once (scale 1.5, -1.5), and text flipped back upright per line.
    assert "1.5 0 0 -1.5" in content
    assert re.search(r"\n1 0 0 -1 [\d.]+ [\d.]+ cm\n", content)
    assert " re" in content or " c\n" in content  # rectangles or curves, never an image
    assert "/Im" not in content


def test_font_runs_pick_a_font_per_script_and_mark_what_none_has() -> None:
    base = textfit.font_name()
    runs = list(font_runs("Москва 東京 データ 🚀! \u1200", base))
    assert runs[0] == (base, "Москва ")
    assert (CJK_FONT, "東京 データ ") in runs
    assert (EMOJI_FONT, "🚀") in runs
    # Ethiopic has no shipped font: a visible replacement character, never a silent gap.
    assert "".join(part for _, part in runs) == f"Москва 東京 データ 🚀! {PLACEHOLDER}"


def test_font_runs_leave_out_bidi_controls_though_dejavu_has_glyphs_for_some() -> None:
    base = textfit.font_name()
    text = "\u202ainvoice\u202egpj.exe \u2066x\u2069\u202c"
    assert "".join(part for _, part in font_runs(text, base)) == "invoicegpj.exe x"
    assert textfit.text_width(text, 12) == textfit.text_width("invoicegpj.exe x", 12)


def test_flowable_keeps_the_scene_aspect_ratio() -> None:
    flowable = SceneFlowable(_scene(), 300)
    assert flowable.wrap(500, 800) == (300, 150)


def test_names_in_cjk_and_korean_embed_the_shipped_fonts() -> None:
    """Embedded glyphs draw in any viewer, with or without Asian fonts installed."""
    import io

    from pypdf import PdfReader

    from whiteboard.export.handout import render_handout
    from whiteboard.model import Board, Workload

    board = Board(
        name="APAC",
        workloads=(Workload(id="t", name="東京 受注"), Workload(id="s", name="서울 결제")),
        placements={"t": "fargate", "s": "ec2"},
    )
    reader = PdfReader(io.BytesIO(render_handout(board)))
    fonts: set[str] = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            descriptor = font.get_object().get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert {"DroidSansFallback", "NanumGothic", "DejaVuSans"} <= fonts
    text = "".join(page.extract_text() for page in reader.pages)
    assert "東京 受注" in text and "서울 결제" in text
