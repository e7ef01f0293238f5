"""Readable on a 1280x720 projector: no text on the slide is drawn under 11 px, with the side
panels shown (the slide then scrolls) and in workshop mode (the whole slide shows); long names
wrap to two lines and show whole on hover; cut labels show whole on hover."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from whiteboard.gui.canvas import MIN_TEXT_PX, SlideView, cut_text
from whiteboard.gui.main_window import MainWindow
from whiteboard.model import Board, Workload
from whiteboard.render.qt_items import ShapeItem
from whiteboard.render.qt_paint import make_font
from whiteboard.slides.scene import Text
from whiteboard.slides.textfit import text_block

from .conftest import MakeWindow, card_point, drag

PROJECTOR = (1280, 720)
Key = Qt.Key
NAMES = (
    "Zahlungsabwicklung für Österreich Nord",
    "Zahlungsabwicklung für Österreich Süd",
    "Orders database (licensed per socket)",
    "Kernel performance lab",
    "顧客管理システム（本番環境）",
    "نظام الفواتير الإلكترونية",
    "भुगतान सेवा प्रणाली",
    "Realtime fraud scoring stream processor",
)


def _forty() -> Board:
    """Forty workloads, long and non-Latin names among them, seven or more to a column."""
    targets = ("bare_metal", "ec2", "containers", "fargate", "lambda")
    workloads = tuple(
        Workload(id=f"w-{i:02d}", name=f"{NAMES[i % len(NAMES)]} {i}", architecture="cattle")
        for i in range(40)
    )
    placements = {w.id: targets[i % 5] for i, w in enumerate(workloads) if i < 36}
    return Board(name="Forty", workloads=workloads, placements=placements)  # type: ignore[arg-type]


def _text_px(view: SlideView) -> dict[str, float]:
    """Element id -> the pixel size each visible text is drawn at: the painter's font size
    (what `render.qt_paint` sets) times the view's scale."""
    scale = view.transform().m11()
    sizes = {}
    for element_id, item in view.items_by_id.items():
        element = item.element
        if isinstance(element, Text) and element.text.strip() and item.isVisible():
            sizes[element_id] = make_font(element.size).pixelSize() * scale
    return sizes


def _projector(make_window: MakeWindow, board: Board) -> MainWindow:
    window = make_window(board=board, size=PROJECTOR)
    QApplication.processEvents()
    return window


def _hover(qtbot: QtBot, window: MainWindow, point: QPoint) -> None:
    """Rest the real mouse on `point` of the slide until Qt shows its tooltip."""
    with qtbot.waitActive(window):
        window.activateWindow()
    viewport = window.slide_view.viewport()
    qtbot.mouseMove(viewport, pos=point - QPoint(3, 0))
    qtbot.mouseMove(viewport, pos=point)
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)


def _f11(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Key.Key_F11)
    QApplication.processEvents()


def test_with_the_panels_shown_no_text_is_under_11_px_and_the_slide_scrolls(
    qtbot: QtBot, make_window: MakeWindow, board_file: Path
) -> None:
    window = make_window(board_file, size=PROJECTOR)
    view = window.slide_view
    px = _text_px(view)
    assert px and min(px.values()) >= MIN_TEXT_PX, sorted(px.items(), key=lambda kv: kv[1])[:3]
    cards = [v for k, v in px.items() if k.startswith("card-text:")]
    assert cards and min(cards) >= MIN_TEXT_PX
    # The slide no longer fits whole: the view scrolls, starting on the cards' corner.
    assert view.scrolls()
    assert view.horizontalScrollBar().maximum() > 0 and view.verticalScrollBar().maximum() > 0
    assert view.verticalScrollBar().value() == view.verticalScrollBar().maximum()
    # The chart beside it stays the whole overview.
    assert not window.chart_view.scrolls()


def test_in_workshop_mode_the_whole_slide_shows_at_11_px_or_more(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = _projector(make_window, _forty())
    _f11(qtbot, window)
    assert window.workshop.on
    view = window.slide_view
    assert not view.scrolls()  # the whole slide, no scroll bars
    px = _text_px(view)
    assert min(px.values()) >= MIN_TEXT_PX
    assert len([k for k in px if k.startswith("card-text:")]) >= 30
    assert not window.statusBar().isVisible()
    _f11(qtbot, window)
    assert window.statusBar().isVisible() and view.scrolls()


def test_a_card_picked_in_the_list_scrolls_into_sight(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = _projector(make_window, _forty())
    view = window.slide_view
    assert view.scrolls()
    far = "w-34"  # on Lambda, the rightmost column: out of sight at first
    item = view.items_by_id[f"card:{far}"]
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert not shown.contains(item.sceneBoundingRect())
    window.select(far)
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(item.sceneBoundingRect())


def test_a_card_dragged_to_the_edge_scrolls_the_slide(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = _projector(make_window, _forty())
    view = window.slide_view
    bar = view.horizontalScrollBar()
    assert bar.value() == 0
    start = card_point(window, "w-00")
    edge = QPoint(view.viewport().width() - 5, start.y())
    drag(qtbot, window, start, edge, release=False)
    for _ in range(5):
        qtbot.mouseMove(view.viewport(), pos=edge)
    assert bar.value() > 0
    qtbot.keyClick(view, Key.Key_Escape)  # cancel the drag, then let go of the button
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=edge)
    assert window.document.board.placement("w-00") == "bare_metal"


def test_long_names_wrap_to_two_lines_and_show_whole_on_hover(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    board = Board(
        name="Few",
        workloads=(
            Workload(id="orders", name="Customer portal frontend"),
            Workload(id="long", name="Orders database (licensed per socket) for Austria"),
        ),
        placements={"orders": "ec2", "long": "ec2"},
    )
    window = make_window(board=board)
    view = window.slide_view
    wrapped = view.items_by_id["card-text:orders"].element
    assert text_block(wrapped).lines == ("Customer portal", "frontend")  # type: ignore[arg-type]
    cut = view.items_by_id["card-text:long"].element
    assert text_block(cut).lines[-1].endswith("…")  # type: ignore[arg-type]
    _hover(qtbot, window, card_point(window, "long"))
    assert QToolTip.text().splitlines()[0] == "Orders database (licensed per socket) for Austria"
    QToolTip.hideText()


def test_a_label_cut_for_room_shows_whole_on_hover(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window(board=Board(name="Today", edition="2026"))
    view = window.slide_view
    cut = [
        (element_id, item)
        for element_id, item in view.items_by_id.items()
        if isinstance(item, ShapeItem) and cut_text(item.element) is not None
    ]
    assert cut, "the 2026 edition's seven columns cut a few long notes"
    element_id, item = cut[0]
    element = item.element
    view.reveal(item.sceneBoundingRect())
    point = view.mapFromScene(QPointF(element.x + 4, element.y + element.h / 2))  # type: ignore[union-attr]
    _hover(qtbot, window, point)
    assert QToolTip.text() == element.text, element_id  # type: ignore[union-attr]
    QToolTip.hideText()
