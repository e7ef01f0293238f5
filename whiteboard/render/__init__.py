"""Thin renderers of the backend-neutral scene (`whiteboard.slides.scene`).

`svg` is pure Python; the `qt*` modules draw the same scene with Qt. Import the one you need:
this package imports nothing on its own, so using the SVG renderer never loads Qt.
"""
