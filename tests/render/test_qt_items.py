"""Graphics items built from a Scene and updated in place."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QGraphicsScene

from whiteboard.render.qt_items import build_items, update_items
from whiteboard.slides.scene import Rect, Scene, Text


def _scene(card_x: float = 20, with_note: bool = True) -> Scene:
    elements: list = [
        Rect(id="bg", role="background", x=0, y=0, w=400, h=200),
        Rect(id="card", role="card", x=card_x, y=20, w=100, h=40, z=2),
    ]
    if with_note:
        elements.append(
            Text(id="note", role="note", x=10, y=150, w=300, h=40, text="hello", size=14)
        )
    return Scene(name="s", width=400, height=200, elements=tuple(elements))


def test_one_item_per_element_with_its_z_and_scene_rect(qapp: object) -> None:
    graphics = QGraphicsScene()
    items = build_items(_scene(), graphics)
    assert set(items) == {"bg", "card", "note"}
    assert items["card"].zValue() == 2
    assert graphics.sceneRect().width() == 400
    assert items["card"].boundingRect().contains(70, 40)


def test_update_reuses_unchanged_items_and_drops_missing_ones(qapp: object) -> None:
    graphics = QGraphicsScene()
    items = build_items(_scene(), graphics)
    bg, card = items["bg"], items["card"]
    card.setPos(50, 0)
    fresh = update_items(items, _scene(card_x=200, with_note=False), graphics)
    assert fresh["bg"] is bg and fresh["card"] is card
    assert card.pos().isNull()
    assert card.element.x == 200
    assert "note" not in fresh
    assert len(graphics.items()) == 2


def test_step_builds_only_revealed_elements(qapp: object) -> None:
    scene = _scene()
    later = dataclasses.replace(scene.element("card"), step=3)
    scene = dataclasses.replace(scene, elements=(scene.elements[0], later))
    assert set(build_items(scene, QGraphicsScene(), step=1)) == {"bg"}
