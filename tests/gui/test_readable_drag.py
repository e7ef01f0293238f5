"""Readable on a 1280x720 projector while a card is dragged: every column's label is drawn at
11 px or more and says why the card cannot run there, limit and numbers included; the hovered
column says it larger; the labels stay in their columns, off the layer stack and the line.
Crowded columns' compact cards show a name a room can read."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtWidgets import QGraphicsItem, QGraphicsTextItem
from pytestqt.qtbot import QtBot

from whiteboard.gui.canvas import MIN_TEXT_PX
from whiteboard.gui.main_window import MainWindow
from whiteboard.gui.overlay import ColumnOverlay
from whiteboard.model import TargetId
from whiteboard.slides.textfit import ELLIPSIS, text_block

from .conftest import MakeWindow, card_point, column_point, drag
from .test_readable import PROJECTOR, _forty

#: Characters of a long name every compact card shows at 1280x720, at least (seven columns);
#: a card marked "cannot run here" gives three of them to its mark.
COMPACT_CHARS = 15
MARKED_CHARS = 12
DRAGGED = "w-00"  # on bare metal; Lambda cannot run it (it needs 20 GiB of local storage)


def _fragments(label: QGraphicsTextItem) -> list[tuple[str, int]]:
    """(text, font pixel size in scene units) of each run of text in the label."""
    runs = []
    block = label.document().begin()
    while block.isValid():
        part = block.begin()
        while not part.atEnd():
            fragment = part.fragment()
            if fragment.isValid() and fragment.text().strip():
                runs.append((fragment.text(), fragment.charFormat().font().pixelSize()))
            part += 1
        block = block.next()
    return runs


def _overlay(window: MainWindow) -> ColumnOverlay:
    overlay = window.placement.overlay
    assert overlay.visible
    return overlay


def _screen_px(window: MainWindow, overlay: ColumnOverlay) -> dict[TargetId, list[float]]:
    scale = window.slide_view.transform().m11()
    return {
        target: [px * scale for _text, px in _fragments(overlay._labels[target])]
        for target in overlay.columns
        if overlay._labels[target].isVisible()
    }


def _start_drag(qtbot: QtBot, window: MainWindow, to: QPoint) -> None:
    drag(qtbot, window, card_point(window, DRAGGED), to, release=False)


def _let_go(qtbot: QtBot, window: MainWindow, at: QPoint) -> None:
    qtbot.keyClick(window.slide_view, Qt.Key.Key_Escape)  # cancel, then let go of the button
    qtbot.mouseRelease(window.slide_view.viewport(), Qt.MouseButton.LeftButton, pos=at)


def test_every_label_is_11_px_or_more_and_says_the_limit_with_its_numbers(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(board=_forty(), size=PROJECTOR)
    view = window.slide_view
    assert view.scrolls()  # the projector case: the slide at its smallest readable scale
    to = column_point(window, "ec2")
    _start_drag(qtbot, window, to)
    overlay = _overlay(window)
    px = _screen_px(window, overlay)
    assert set(px) == set(overlay.columns)
    smallest = min(min(sizes) for sizes in px.values())
    assert smallest >= MIN_TEXT_PX, px
    # Lambda is not under the card, and cannot run it: it says why, with the numbers.
    violation = window.scores.workload(DRAGGED).targets["lambda"].violations[0]
    text = overlay.label_text("lambda")
    assert text.startswith("✕ Cannot run")
    assert "10 GiB" in text and "20 GiB" in text
    assert violation in text.replace("\n", " ")  # this one fits whole: nothing is cut
    # The view shows the trays, where the card is: the labels are there too, in sight.
    labels = _labels_stay_in_their_room(window, overlay)
    assert _in_sight(window, labels.intersected(overlay._tints["ec2"].rect()))
    _let_go(qtbot, window, to)
    assert not overlay.visible


def _labels_stay_in_their_room(
    window: MainWindow, overlay: ColumnOverlay, hovered: TargetId | None = None
) -> QRectF:
    """Each label inside its frame, each frame inside its own column, off the layer stack and
    the line (which runs inside the stack's band) and above the cards (the hovered one may
    cover its own column's); no two frames meet. Returns the part of the slide they take."""
    items = window.slide_view.items_by_id
    stack = _bounds(item for key, item in items.items() if key.startswith("layer:"))
    line = items["line"].sceneBoundingRect()
    cards = _bounds(item for key, item in items.items() if key.startswith("card:"))
    cards.setLeft(-1e6)  # one band across the slide: only the hovered column's may be covered
    cards.setRight(1e6)
    frames: list[QRectF] = []
    for target in overlay.columns:
        frame = overlay._boxes[target].rect()
        label = overlay._labels[target].sceneBoundingRect()
        column = overlay._tints[target].rect()
        assert frame.contains(label), target
        assert column.contains(frame), target
        for other in (stack, line) if target == hovered else (stack, line, cards):
            assert frame.bottom() <= other.top() or frame.top() >= other.bottom(), target
        assert all(not frame.intersects(other) for other in frames), target
        frames.append(frame)
    return _bounds_of(frames)


def _bounds(items: Iterable[QGraphicsItem]) -> QRectF:
    return _bounds_of([item.sceneBoundingRect() for item in items])


def _bounds_of(rects: Sequence[QRectF]) -> QRectF:
    union = QRectF(rects[0])
    for rect in rects[1:]:
        union = union.united(rect)
    return union


def _in_sight(window: MainWindow, rect: QRectF) -> bool:
    view = window.slide_view
    return view.mapToScene(view.viewport().rect()).boundingRect().contains(rect)


def test_the_hovered_column_says_it_larger(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window(board=_forty(), size=PROJECTOR)
    view = window.slide_view
    start = card_point(window, DRAGGED)
    edge = QPoint(view.viewport().width() - 5, start.y())
    drag(qtbot, window, start, edge, release=False)
    for _ in range(60):  # the view scrolls while the card rests near its edge
        qtbot.mouseMove(view.viewport(), pos=edge)
        if view.viewport().rect().contains(column_point(window, "lambda")):
            break
    lambda_point = column_point(window, "lambda")
    assert view.viewport().rect().contains(lambda_point)
    qtbot.mouseMove(view.viewport(), pos=lambda_point)
    overlay = _overlay(window)
    hovered = _fragments(overlay._labels["lambda"])
    violation = window.scores.workload(DRAGGED).targets["lambda"].violations[0]
    assert violation in overlay.label_text("lambda").replace("\n", " ")
    reason_px = max(px for _text, px in hovered[1:])
    others = [
        px
        for t in overlay.columns
        if t != "lambda"
        for _s, px in _fragments(overlay._labels[t])[1:]
    ]
    assert reason_px > max(others)
    assert min(min(sizes) for sizes in _screen_px(window, overlay).values()) >= MIN_TEXT_PX
    _labels_stay_in_their_room(window, overlay, "lambda")
    _let_go(qtbot, window, lambda_point)
    assert window.document.board.placement(DRAGGED) == "bare_metal"


def test_a_long_limit_is_cut_only_where_it_cannot_fit(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """A sentence too long for a column's room ends in "…"; the hovered column, with more
    room, shows more of it."""
    window = make_window(board=_forty(), size=PROJECTOR)
    overlay = window.placement.overlay
    long = "Cannot hold " + " ".join(f"limit {i} of 1,024 GiB" for i in range(30)) + "."
    labels = {t: ("#c0392b", "Cannot run", long) for t in overlay.columns}
    overlay.show_labels(labels, "ec2")
    cut = overlay.label_text("bare_metal").replace("\n", " ")
    assert cut.endswith(ELLIPSIS) and "limit 1 of 1,024 GiB" in cut
    hovered = overlay.label_text("ec2").replace("\n", " ")
    assert hovered.endswith(ELLIPSIS) and len(hovered) > len(cut)
    _labels_stay_in_their_room(window, overlay, "ec2")
    overlay.hide()


def test_compact_cards_show_a_name_a_room_can_read(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window(board=_forty(), size=PROJECTOR)
    items = window.slide_view.items_by_id
    board = window.document.board
    shown = [k.split(":", 1)[1] for k in items if k.startswith("card-text:")]
    assert len(shown) == 36  # every placed card shows: seven or eight a column
    checked = 0
    for wid in shown:
        element = items[f"card-text:{wid}"].element
        (line,) = text_block(element).lines  # type: ignore[arg-type]
        if line.endswith(ELLIPSIS) and line.count(ELLIPSIS) == 1 and line[:-1].isascii():
            least = MARKED_CHARS if f"card-mark:{wid}" in items else COMPACT_CHARS
            assert len(line) - 1 >= least, (board.workload(wid).name, line)
            assert board.workload(wid).name.startswith(line[:-1])
            checked += 1
    assert checked >= 10
    # Two names that would cut alike on one column still read apart.
    north, south = (items[f"card-text:{wid}"].element.text for wid in ("w-00", "w-25"))  # type: ignore[union-attr]
    assert north != south and "Nord" in north and "Süd" in south
