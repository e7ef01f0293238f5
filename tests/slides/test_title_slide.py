"""The title slide as data: the board's name, the day and the presenter's subtitle, shown at the
start only, over the compute slide's grid."""

from __future__ import annotations

import datetime as dt

import pytest

from whiteboard.model import Board
from whiteboard.slides.playback import script_for_board
from whiteboard.slides.story import TITLE_PREFIX, spoken_date, title_scene


def test_the_day_reads_the_same_everywhere() -> None:
    assert spoken_date(dt.date(2026, 12, 3)) == "3 December 2026"
    assert spoken_date(dt.date(2027, 1, 31)) == "31 January 2027"


def test_the_start_is_the_title_slide_then_the_story(demo_board: Board) -> None:
    script = script_for_board(demo_board, subtitle="  ACME\nBerlin ", day=dt.date(2026, 5, 4))
    assert script.title is not None
    texts = {e.id: e.text for e in script.title.elements if hasattr(e, "text")}
    assert texts == {
        TITLE_PREFIX + "title": demo_board.name,
        TITLE_PREFIX + "subtitle": "ACME Berlin",
        TITLE_PREFIX + "date": "4 May 2026",
    }
    assert script.visible_ids(0) == script.title_ids
    assert script.visible_ids(1) == script.slide_ids(1)
    assert script.frame(0) == (script.title, 0)
    assert script.frame(1) == (script.scene, 1)
    assert script.label(0) == "Start"
    assert (script.title.width, script.title.height) == (script.scene.width, script.scene.height)


def test_a_long_subtitle_is_cut_and_an_empty_one_left_out() -> None:
    ids = {e.id for e in title_scene("Board", "").elements}
    assert TITLE_PREFIX + "subtitle" not in ids
    long = title_scene("Board", "word " * 100)
    (subtitle,) = [e for e in long.elements if e.id == TITLE_PREFIX + "subtitle"]
    assert len(subtitle.text) <= 120  # type: ignore[union-attr]


def test_title_ids_may_not_collide_with_the_slide(demo_board: Board) -> None:
    from whiteboard.slides.playback import Script

    script = script_for_board(demo_board)
    with pytest.raises(ValueError, match="title slide ids"):
        Script(script.scene, script.steps, script.start, script.scene)


def test_a_long_board_name_shrinks_before_it_is_cut() -> None:
    from whiteboard.slides.scene import Text
    from whiteboard.slides.textfit import text_block

    name = "Alpine Outfitters – compute workshop for the platform, payments and data teams"
    (title,) = [e for e in title_scene(name).elements if e.id == TITLE_PREFIX + "title"]
    assert isinstance(title, Text) and 48 <= title.size < 76
    assert " ".join(text_block(title).lines) == name
