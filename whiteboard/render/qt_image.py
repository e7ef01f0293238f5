"""Render a Scene to PNG bytes offscreen, with the same painting code as the window.

Usage (export, presenter frames, thumbnails)::

    from whiteboard.render.qt_image import scene_to_png
    png: bytes = scene_to_png(scene, 1920, 1080)          # the whole slide
    png = scene_to_png(scene, 1280, 720, step=3)          # the build-up up to step 3

- `width` x `height` is the image size in pixels; the scene is scaled to fit, keeping its aspect
  ratio and centred on a white background (letterboxed when the ratios differ).
- `step=None` draws every element; a number draws what `Scene.visible_at(step)` reveals.
- Works with no window and no display: when no Qt application exists it creates one (a
  QApplication, so widgets still work later in the same process; set
  `QT_QPA_PLATFORM=offscreen` when there is no display at all). An existing application is
  reused. Call it from the thread that owns the Qt application.
- Registers the shipped fonts for Devanagari, Arabic and emoji with Qt on first use (the PDF
  draws with the same files), so Qt's fallback finds them and logs nothing about the fonts it
  skipped on the way.
- The image is opaque (no alpha channel): a slide is drawn on white.
- Returns the PNG file's bytes; writing them to disk (atomically) is the caller's job.
- Raises ValueError for a size below 1 pixel or above 16384 on a side.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLoggingCategory, QRectF, Qt
from PySide6.QtGui import QColor, QFontDatabase, QGuiApplication, QImage, QPainter

from whiteboard.render.qt_paint import paint_element, prepare_painter
from whiteboard.slides.scene import Scene

MAX_SIDE = 16_384
#: Qt reports every font it tries, and skips, for a script such as Devanagari ("OpenType
#: support missing for "DejaVu Sans", script 11") before it reaches the shipped one that has
#: it: about 50 lines per export with the system's fonts, 3 with ours. Not a problem to show.
_QUIET_FONT_FALLBACK = "qt.text.font.db.info=false"


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new one when there is none.

    The new one is a QApplication (QtWidgets ships with PySide6-Essentials), not a bare
    QGuiApplication: a process can have only one application object, and a later window or
    pytest-qt's `qapp` in the same process needs the widget kind.
    """
    app = QGuiApplication.instance()
    if app is None:
        from PySide6.QtWidgets import QApplication

        app = QApplication(["whiteboard"])
    register_script_fonts()
    return app  # type: ignore[return-value]


@cache
def register_script_fonts() -> None:
    """The shipped fonts for the scripts and emoji DejaVu lacks, so Qt's fallback finds ours
    (the same glyphs as the PDF) rather than whatever the system has, and stays quiet."""
    from whiteboard.slides.font_files import SCRIPT_FONT_FILES

    QLoggingCategory.setFilterRules(_QUIET_FONT_FALLBACK)
    for path in SCRIPT_FONT_FILES:
        QFontDatabase.addApplicationFont(str(path))


#: Slides are opaque (a white page), so the image has no alpha channel: a quarter less to
#: compress, and a PNG without one. PNG_QUALITY is Qt's PNG compression setting (higher is
#: faster, lower is smaller): at 80 a 1920x1080 slide encodes in about 60 % of the default's
#: time into a file of the same size as an ARGB image at the default (bench/bench_peer.py).
IMAGE_FORMAT = QImage.Format.Format_RGB32
PNG_QUALITY = 80


def scene_to_image(scene: Scene, width: int, height: int, step: int | None = None) -> QImage:
    """Paint the scene into a new opaque image of `width` x `height` pixels."""
    if not (1 <= width <= MAX_SIDE and 1 <= height <= MAX_SIDE):
        raise ValueError(f"image size {width}x{height} must be 1..{MAX_SIDE} pixels per side")
    ensure_gui_application()
    image = QImage(width, height, IMAGE_FORMAT)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        prepare_painter(painter)
        fit_scene(painter, scene, QRectF(0, 0, width, height))
        elements = scene.elements if step is None else scene.visible_at(step)
        for element in sorted(elements, key=lambda e: e.z):
            paint_element(painter, element)
    finally:
        painter.end()
    return image


def fit_scene(painter: QPainter, scene: Scene, target: QRectF) -> None:
    """Transform the painter so the scene's rectangle fits `target`, centred, aspect kept."""
    if scene.width <= 0 or scene.height <= 0:
        return
    scale = min(target.width() / scene.width, target.height() / scene.height)
    painter.translate(
        target.x() + (target.width() - scene.width * scale) / 2,
        target.y() + (target.height() - scene.height * scale) / 2,
    )
    painter.scale(scale, scale)
    painter.setClipRect(QRectF(0, 0, scene.width, scene.height), Qt.ClipOperation.IntersectClip)


def image_to_png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG", PNG_QUALITY):
        raise RuntimeError("Qt could not encode the image as PNG")
    buffer.close()
    return bytes(data.data())


def scene_to_png(scene: Scene, width: int, height: int, step: int | None = None) -> bytes:
    """The scene as PNG bytes, `width` x `height` pixels (see the module docstring)."""
    return image_to_png(scene_to_image(scene, width, height, step))
