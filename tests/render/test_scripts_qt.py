"""Qt draws other scripts with the same shipped fonts as the PDF: the same widths, real ink."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QColor, QFontMetricsF

from whiteboard.render.qt_image import ensure_gui_application, scene_to_image
from whiteboard.render.qt_paint import TEXT_SCALE, make_font
from whiteboard.slides import textfit
from whiteboard.slides.scene import Rect, Scene, Text

NAMES = (
    "रात्रि बिक्री क्षेत्र",
    "قاعدة بيانات الطلبات",
    "Orders قاعدة بيانات 12",
    "Payments 😀 and 🚀 launch",
    "Thumbnails 🖼️👍🏽 ok",
    "ระบบสั่งซื้อ กรุงเทพ",
    "বিক্রয় ব্যবস্থা",
    "விற்பனை அமைப்பு",
    "מערכת הזמנות 12",
)


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("name", NAMES)
def test_qt_lays_out_a_name_as_wide_as_the_pdf_measures_it(name: str, bold: bool) -> None:
    """The window and the PNG place text at widths `textfit` measured for the PDF: they only
    agree when Qt draws with the same fonts and shapes the same way."""
    ensure_gui_application()
    size = 12
    drawn = QFontMetricsF(make_font(size * TEXT_SCALE, bold)).horizontalAdvance(name)
    assert drawn / TEXT_SCALE == pytest.approx(textfit.text_width(name, size, bold), rel=0.005)


def test_a_devanagari_name_leaves_ink_and_qt_says_nothing() -> None:
    messages: list[str] = []

    def _on_message(kind: QtMsgType, context: object, text: str) -> None:
        messages.append(text)

    scene = Scene(
        name="scripts",
        width=400,
        height=100,
        elements=(
            Rect(id="bg", role="background", x=0, y=0, w=400, h=100),
            Text(id="t", role="label", x=10, y=20, w=380, h=60, text=NAMES[0], size=30),
        ),
    )
    previous = qInstallMessageHandler(_on_message)
    try:
        image = scene_to_image(scene, 400, 100)
    finally:
        qInstallMessageHandler(previous)
    background = image.pixelColor(2, 2)
    inked = sum(
        image.pixelColor(x, y) != background for x in range(10, 390, 2) for y in range(20, 80, 2)
    )
    assert inked > 200, "the name is drawn, not blank"
    assert image.pixelColor(395, 95) == background
    assert isinstance(background, QColor)
    assert not [m for m in messages if "OpenType" in m or "font" in m.lower()], messages
