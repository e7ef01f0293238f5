"""Plays a presenter `Script` on a QGraphicsScene: a step shown at once, or entered by animation.

The script decides what enters and how (`slides.playback`); this module only turns one step's
`Entrance` list into a QParallelAnimationGroup of QVariantAnimations driving opacity, position
and, for a growing line, how much of the line is drawn. A running build-up is never queued
behind another: `finish()` jumps it to its end state before anything else happens.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import (
    QAbstractAnimation,
    QEasingCurve,
    QObject,
    QParallelAnimationGroup,
    QSequentialAnimationGroup,
    QVariantAnimation,
    Signal,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from whiteboard.render.qt_items import ItemMap, ShapeItem, build_items
from whiteboard.render.qt_paint import bounds
from whiteboard.slides.playback import Entrance, Script, partial_points
from whiteboard.slides.scene import ALWAYS, Polyline

_EASING = {
    "fade": QEasingCurve.Type.InOutQuad,
    "slide": QEasingCurve.Type.OutCubic,
    "grow": QEasingCurve.Type.InOutSine,
}


class Backdrop(Protocol):
    """A view that can paint items once into a pixmap and show that instead of them."""

    def freeze(self, items: Sequence[QGraphicsItem]) -> None: ...

    def thaw(self) -> None: ...

    def scene_pixel(self) -> float: ...


class StepPlayer(QObject):
    """Owns the presenter's graphics scene and the one build-up animation that may be running."""

    #: The step whose final state is now on screen (emitted after an animation ends, too).
    settled = Signal(int)

    def __init__(self, script: Script, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.script = script
        self.graphics_scene = QGraphicsScene(self)
        self.items: ItemMap = build_items(script.scene, self.graphics_scene)
        elements = list(script.scene.elements)
        if script.title is not None:
            # The title slide lies over the compute slide, shown only at the start.
            self.items.update(build_items(script.title, self.graphics_scene))
            elements += script.title.elements
        self._elements = {e.id: e for e in elements}
        #: Qt stacks items by z, then by insertion (scene order): later is on top.
        self._stacking = {e.id: (e.z, index) for index, e in enumerate(elements)}
        self.step = ALWAYS
        self._group: QParallelAnimationGroup | None = None
        self._grown: dict[str, Polyline] = {}
        #: Items the running (or last) build-up changes; only these need putting back.
        self._moved: list[ShapeItem] = []
        #: The view that paints still items once per build-up (see `Backdrop`).
        self.backdrop: Backdrop | None = None
        self.show_step(ALWAYS)

    @property
    def animation(self) -> QParallelAnimationGroup | None:
        """The running build-up, if any."""
        return self._group

    def is_animating(self) -> bool:
        return self._group is not None

    def show_step(self, step: int) -> None:
        """The final state of `step`, at once: no animation, nothing replayed."""
        self._show(step)
        self.settled.emit(step)

    def enter_step(self, step: int) -> None:
        """Show `step - 1` as it ends (the bare slide, not the title slide), then animate what
        `step` adds."""
        self._show(step - 1, self.script.slide_ids(step - 1))
        self.step = step
        moves = self.script.entrances(step)
        for element_id in self.script.slide_ids(step):
            self.items[element_id].setVisible(True)
        if not moves:
            self.settled.emit(step)
            return
        group = QParallelAnimationGroup(self)
        for move in moves:
            group.addAnimation(self._animation(self.items[move.element_id], move))
        group.finished.connect(self._on_finished)
        self._group = group
        if self.backdrop is not None:
            self.backdrop.freeze(self._still_items(step, moves))
        group.start()

    def _still_items(self, step: int, moves: Sequence[Entrance]) -> list[QGraphicsItem]:
        """Items of the previous step that can be painted once for the whole build-up.

        An item must stay live when it is stacked above a live item (one that enters, or one
        that is live itself) and touches the area that item paints or sweeps: otherwise it
        would end up beneath it. Walking the items from the bottom up decides each in one pass.
        """
        live = []
        for move in moves:
            # The scene's element, not the item's: a growing line's item holds a short copy.
            area = bounds(self._elements[move.element_id])
            live.append(
                (self._stacking[move.element_id], area.united(area.translated(*move.offset)))
            )
        still: list[QGraphicsItem] = []
        shown = sorted(self.script.slide_ids(step - 1), key=self._stacking.__getitem__)
        for element_id in shown:
            item = self.items[element_id]
            area = item.sceneBoundingRect()
            rank = self._stacking[element_id]
            if any(below < rank and area.intersects(other) for below, other in live):
                live.append((rank, area))
            else:
                still.append(item)
        return still

    def _show(self, step: int, visible: frozenset[str] | None = None) -> None:
        self.finish()
        if self.backdrop is not None:
            self.backdrop.thaw()
        self._rest_all()
        if visible is None:
            visible = self.script.visible_ids(step)
        for element_id, item in self.items.items():
            item.setVisible(element_id in visible)
        self.step = step

    def finish(self) -> None:
        """Jump a running build-up to its end state at once (no-op when nothing runs)."""
        group = self._group
        if group is None:
            return
        group.setCurrentTime(group.totalDuration())
        if self._group is group:
            self._on_finished()

    def stop(self) -> None:
        """Finish whatever runs; after this no animation of the player is active."""
        self.finish()

    def _on_finished(self) -> None:
        group, self._group = self._group, None
        if group is None:
            return
        group.stop()
        # The backdrop stays: it plus the items at rest is exactly the settled step, and
        # thawing here would repaint every item in the build-up's last frame.
        self._rest_all()
        group.deleteLater()
        self.settled.emit(self.step)

    def _applier(self, item: ShapeItem, move: Entrance) -> Callable[[float], None]:
        element = item.element
        if move.kind != "grow" or not isinstance(element, Polyline):
            pixel = self.backdrop.scene_pixel() if self.backdrop is not None else 1.0
            return _fade_or_slide(item, move, pixel)
        # A growing line swaps in a shorter copy of its element each frame; `_rest_all` puts
        # the whole line back. Re-caching a screen-wide pixmap every frame costs more than
        # painting the path, so the item is not cached while it grows.
        self._grown[element.id] = element
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        return _grow(item, element)

    def _rest_all(self) -> None:
        """Put the items the last build-up moved back as the scene says they look."""
        for element_id, line in self._grown.items():
            item = self.items[element_id]
            item.set_element(line)
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._grown.clear()
        for item in self._moved:
            _rest(item)
        self._moved.clear()

    def _animation(self, item: ShapeItem, move: Entrance) -> QAbstractAnimation:
        animation = QVariantAnimation(self)
        animation.setStartValue(0.0)
        animation.setEndValue(1.0)
        animation.setDuration(move.duration_ms)
        animation.setEasingCurve(_EASING[move.kind])
        apply = self._applier(item, move)
        self._moved.append(item)
        apply(0.0)
        animation.valueChanged.connect(apply)
        if move.delay_ms <= 0:
            return animation
        delayed = QSequentialAnimationGroup(self)
        delayed.addPause(move.delay_ms)
        delayed.addAnimation(animation)
        return delayed


def _fade_or_slide(item: ShapeItem, move: Entrance, pixel: float) -> Callable[[float], None]:
    """Opacity, and for a slide the offset on whole device pixels: a fractional offset would
    make Qt repaint the item's cached pixmap in every frame."""
    dx, dy = move.offset

    def apply(value: float) -> None:
        item.setOpacity(value)
        if dx or dy:
            rest = 1.0 - value
            item.setPos(round(rest * dx / pixel) * pixel, round(rest * dy / pixel) * pixel)

    return apply


def _grow(item: ShapeItem, line: Polyline) -> Callable[[float], None]:
    def apply(value: float) -> None:
        item.set_element(replace(line, points=partial_points(line.points, value)))

    return apply


def _rest(item: ShapeItem) -> None:
    """Full opacity and no offset: how the scene says the item looks."""
    if item.opacity() != 1.0:
        item.setOpacity(1.0)
    if not item.pos().isNull():
        item.setPos(0.0, 0.0)
