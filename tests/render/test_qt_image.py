"""The Qt renderer: PNG export and graphics items drawn from hand-made Scenes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QColor, QImage

from whiteboard.render.qt_image import scene_to_image, scene_to_png
from whiteboard.slides.scene import Ellipse, Icon, Polyline, Rect, Scene, Text

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _scene() -> Scene:
    return Scene(
        name="hand-made",
        width=400,
        height=200,
        elements=(
            Rect(id="bg", role="background", x=0, y=0, w=400, h=200),
            Rect(id="card", role="card_infeasible", x=20, y=20, w=160, h=80, radius=8, step=1),
            Ellipse(id="dot", role="workload_point", x=300, y=40, w=40, h=40, step=2),
            Polyline(
                id="line", role="responsibility_line", points=((0, 200), (400, 0)), arrow=True
            ),
            Text(
                id="words",
                role="label",
                x=20,
                y=120,
                w=120,
                h=60,
                text="a long label that has to wrap inside its box",
                size=18,
            ),
            Icon(id="icon", role="icon", name="no-such-icon", x=200, y=120, w=40, h=40),
        ),
    )


def test_png_bytes_have_the_requested_size(qapp: object) -> None:
    data = scene_to_png(_scene(), 800, 400)
    assert data.startswith(PNG_MAGIC)
    image = QImage.fromData(data)
    assert (image.width(), image.height()) == (800, 400)


def test_elements_are_painted_with_their_theme_colours(qapp: object) -> None:
    image = scene_to_image(_scene(), 400, 200)
    # The infeasible card's fill (#fdecea) shows inside the card, away from text and line.
    assert image.pixelColor(40, 40) == QColor("#fdecea")
    # The workload point is orange (#e67e22) at its centre.
    assert image.pixelColor(320, 60) == QColor("#e67e22")


def test_step_hides_later_elements(qapp: object) -> None:
    image = scene_to_image(_scene(), 400, 200, step=0)
    assert image.pixelColor(40, 40) == QColor("#ffffff")
    assert image.pixelColor(320, 60) == QColor("#ffffff")


def test_scene_is_letterboxed_into_another_aspect_ratio(qapp: object) -> None:
    image = scene_to_image(_scene(), 400, 400)
    # 400x200 fits as 400x200 centred vertically: the card sits 100 px lower.
    assert image.pixelColor(40, 140) == QColor("#fdecea")


@pytest.mark.parametrize("size", [(0, 10), (10, 0), (20_000, 10)])
def test_bad_sizes_are_refused_with_a_clear_message(size: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="image size"):
        scene_to_png(_scene(), *size)


def test_the_application_it_creates_can_also_run_widgets() -> None:
    code = (
        "from whiteboard.render.qt_image import scene_to_png\n"
        "from whiteboard.slides.scene import Rect, Scene\n"
        "s = Scene(name='s', width=10, height=10, elements=(Rect(id='r', role='card', x=0, y=0,"
        " w=10, h=10),))\n"
        "scene_to_png(s, 10, 10)\n"
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "assert isinstance(QApplication.instance(), QApplication)\n"
        "QLabel('ok')\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=120)
