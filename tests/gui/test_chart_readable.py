"""Issue 16 for the chart: in the window at 1280x720 with the side panels shown, the chart pane
draws no text under 11 px, still shows the whole chart (every dot or bubble in sight, no
scrolling), and names on hover what found no room; resized, it is laid out again."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.slides.test_chart_at_size import grouped_board
from whiteboard.gui.canvas import MIN_TEXT_PX
from whiteboard.gui.chart_view import ChartView
from whiteboard.gui.main_window import MainWindow
from whiteboard.model import Board
from whiteboard.slides.scene import Ellipse

from .conftest import MakeWindow
from .test_readable import PROJECTOR, _forty, _text_px


def _chart(make_window: MakeWindow, board: Board, size: tuple[int, int]) -> MainWindow:
    window = make_window(board=board, size=size)
    QApplication.processEvents()
    window.chart_view.lay_out()  # the size it settled at, without waiting for the timer
    return window


def _in_sight(view: ChartView) -> QRectF:
    return view.mapToScene(view.viewport().rect()).boundingRect().adjusted(-1, -1, 1, 1)


def _centre(view: ChartView, element_id: str) -> QPointF:
    element = view.items_by_id[element_id].element
    assert isinstance(element, Ellipse)
    return view.map_scene_point(element.x + element.w / 2, element.y + element.h / 2)


def _assert_readable_and_whole(view: ChartView, prefix: str) -> list[str]:
    """Every text at 11 px or more, every `prefix` item (dots or bubbles) in sight; their ids."""
    px = _text_px(view)
    assert px, "the chart draws no words at all"
    smallest = sorted(px.items(), key=lambda kv: kv[1])[:3]
    assert min(px.values()) >= MIN_TEXT_PX, smallest
    assert not view.scrolls()
    shown = _in_sight(view)
    marks = [i for i in view.items_by_id if i.startswith(prefix)]
    for element_id in marks:
        assert shown.contains(view.items_by_id[element_id].sceneBoundingRect()), element_id
    # The axes and the quadrants are named: the chart still reads as the two-axes story.
    for element_id in ("title", "axis-label:x-low", "axis-label:x-high", "axis-label:y-high"):
        assert element_id in px, element_id
    return marks


def test_forty_workloads_at_1280x720_every_word_is_11_px_and_every_dot_shows(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    board = _forty()
    window = _chart(make_window, board, PROJECTOR)
    view = window.chart_view
    assert window.workload_list.isVisible()  # the side panels are shown
    dots = _assert_readable_and_whole(view, "point:")
    assert len(dots) == len(board.workloads)
    named = {i.split(":", 1)[1] for i in _text_px(view) if i.startswith("point-label:")}
    assert named, "some dots are named beside them"
    # A dot whose name found no room names itself on hover.
    unnamed = next(w for w in board.workloads if w.id not in named)
    tip = view.tooltip_at(_centre(view, f"point:{unnamed.id}"))
    assert tip.splitlines()[0] == unnamed.name


def test_three_hundred_grouped_workloads_at_1280x720_show_every_bubble_readably(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    board = grouped_board(300, groups=12)
    window = _chart(make_window, board, PROJECTOR)
    view = window.chart_view
    bubbles = _assert_readable_and_whole(view, "bubble:")
    counted = sum(int(view.items_by_id[b].element.data["count"]) for b in bubbles)
    assert counted == len(board.workloads)
    # No key at this size: every bubble says on hover what it stands for.
    for bubble in bubbles:
        data = view.items_by_id[bubble].element.data
        tip = view.tooltip_at(_centre(view, bubble))
        assert f"{int(data['count']):,} workload" in tip, (bubble, tip)


def test_reference_points_and_quadrants_name_themselves_on_hover(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """Their names are dropped first when the pane is small: hovering still tells them."""
    window = _chart(make_window, grouped_board(300, groups=12), PROJECTOR)
    view = window.chart_view
    assert view.tooltip_at(_centre(view, "reference:vmc")) == "VMware Cloud on AWS"
    quadrant = view.items_by_id["quadrant:pets-on-prem"].sceneBoundingRect()
    corner = view.mapFromScene(quadrant.bottomLeft() + QPointF(3, -3))
    assert view.tooltip_at(QPointF(corner)) == "Pets on premises"


def test_a_resized_window_lays_the_chart_out_again_for_its_new_size(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = _chart(make_window, grouped_board(300, groups=12), PROJECTOR)
    view = window.chart_view
    before = set(_text_px(view))
    window.resize(1920, 1080)

    def laid_out() -> bool:
        shown, size = view.current, view.viewport().size()
        return shown is not None and (shown.width, shown.height) == (size.width(), size.height())

    qtbot.waitUntil(laid_out, timeout=3000)
    after = _assert_readable_and_whole(view, "bubble:")
    assert after
    # A wider pane has room for more words (the axis title, more names).
    assert len(_text_px(view)) > len(before)
