"""Diagram exports: the compute slide and the pets/cattle chart as SVG or PNG.

Both are the scenes the window draws, rendered by `render/svg.py` (pure Python) and
`render/qt_image.py` (Qt, imported only here, inside the function, so nothing else pulls Qt in).
The chart goes beside the slide with a `-chart` suffix: `board.svg` and `board-chart.svg`.
"""

from __future__ import annotations

import os
from pathlib import Path

from whiteboard.slides.scene import Scene


def _chart_step(chart: Scene, step: int | None) -> int | None:
    # The chart has a build-up of its own; a slide step past its end shows all of it.
    return None if step is None or step >= chart.last_step else step


def svg_files(path: Path, slide: Scene, chart: Scene, step: int | None) -> dict[Path, bytes]:
    from whiteboard.export import chart_path
    from whiteboard.render.svg import scene_to_svg

    return {
        path: scene_to_svg(slide, step).encode("utf-8"),
        chart_path(path): scene_to_svg(chart, _chart_step(chart, step)).encode("utf-8"),
    }


def _headless_qt() -> None:
    """Without a display, let Qt paint offscreen instead of aborting (a CLI export needs none)."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def png_files(
    path: Path, slide: Scene, chart: Scene, step: int | None, size: tuple[int, int]
) -> dict[Path, bytes]:
    from whiteboard.export import chart_path

    _headless_qt()
    from whiteboard.render.qt_image import scene_to_png

    width, height = size
    return {
        path: scene_to_png(slide, width, height, step),
        chart_path(path): scene_to_png(chart, width, height, _chart_step(chart, step)),
    }
