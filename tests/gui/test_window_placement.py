"""Placing workloads with real mouse and keyboard events on the window's slide."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from tests.gui.conftest import card_point, column_point, drag
from whiteboard.gui.canvas import workload_mime
from whiteboard.gui.main_window import MainWindow


def test_dragging_a_card_onto_lambda_places_it_and_undo_restores(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.document.board.placement("payments") == "containers"
    drag(qtbot, window, card_point(window, "payments"), column_point(window, "lambda"))
    assert window.document.board.placement("payments") == "lambda"
    assert window.document.undo_stack.count() == 1
    assert window.selected == "payments"
    assert window.catalog.target("lambda").display_name in window.inspector.heading.text()
    lambda_score = window.scores.workload("payments").targets["lambda"]
    assert window.inspector.target_row("lambda")[1:] == (
        (lambda_score.cannot_run()[0], "–")
        if not lambda_score.feasible
        else ("fits", f"{lambda_score.overall:.0f}")
    )
    assert "●" in window.inspector.target_row("lambda")[0]
    # The card was redrawn from the board in the Lambda column, at rest.
    card = window.slide_view.items_by_id["card:payments"]
    assert card.element.data["target"] == "lambda"
    assert card.pos().isNull()
    assert window.windowTitle().startswith(window.document.board.name)
    assert window.isWindowModified()

    window.actions["undo"].trigger()
    assert window.document.board.placement("payments") == "containers"
    assert window.slide_view.items_by_id["card:payments"].element.data["target"] == "containers"
    assert not window.isWindowModified()
    window.actions["redo"].trigger()
    assert window.document.board.placement("payments") == "lambda"


def test_mid_drag_every_column_shows_the_live_score(qtbot: QtBot, window: MainWindow) -> None:
    start = card_point(window, "orders-db")
    drag(qtbot, window, start, column_point(window, "lambda"), release=False)
    overlay = window.placement.overlay
    assert overlay.visible
    score = window.scores.workload("orders-db")
    for target in window.document.board.targets:
        result = score.targets[target]
        text = overlay.label_text(target)
        if result.feasible:
            assert text.startswith(f"{result.overall:.0f}")
        else:
            assert text.startswith("✕ Cannot run")
            # Every column says why: the one under the card the whole sentence, the others
            # as much of it as their label holds.
            if target == "lambda":
                assert result.violations[0] in text.replace("\n", " ")
            else:
                assert text.startswith("✕ Cannot run\n")
                assert result.violations[0][:25] in text.replace("\n", " ")
    # Only the dragged card moved; the board is untouched until release.
    assert not window.slide_view.items_by_id["card:orders-db"].pos().isNull()
    assert window.slide_view.items_by_id["card:payments"].pos().isNull()
    assert window.document.undo_stack.count() == 0
    qtbot.mouseRelease(window.slide_view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    assert not overlay.visible
    assert window.document.board.placement("orders-db") == "bare_metal"
    assert window.slide_view.items_by_id["card:orders-db"].pos().isNull()


def test_dropping_on_an_infeasible_column_marks_the_card(qtbot: QtBot, window: MainWindow) -> None:
    score = window.scores.workload("orders-db")
    bad = next(t for t in window.document.board.targets if not score.targets[t].feasible)
    drag(qtbot, window, card_point(window, "orders-db"), column_point(window, bad))
    assert window.document.board.placement("orders-db") == bad
    assert "card-mark:orders-db" in window.slide_view.items_by_id
    tip = window.slide_view.tooltip_at(QPointF(card_point(window, "orders-db")))
    assert score.targets[bad].violations[0] in tip


def test_a_click_selects_without_changing_the_board(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.mouseClick(
        window.slide_view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(window, "web-shop")
    )
    assert window.selected == "web-shop"
    assert window.document.undo_stack.count() == 0
    assert window.slide_view.items_by_id["card:web-shop"].element.role == "card_selected"
    current = window.workload_list.list.currentItem()
    assert current is not None and current.data(Qt.ItemDataRole.UserRole) == "web-shop"


def test_keyboard_arrows_move_and_delete_unplaces(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()
    view = window.slide_view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(window, "web-shop"))
    view.setFocus()
    assert window.document.board.placement("web-shop") == "fargate"
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert window.document.board.placement("web-shop") == "lambda"
    qtbot.keyClick(view, Qt.Key.Key_Right)  # already the last column
    assert window.document.board.placement("web-shop") == "lambda"
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert window.document.board.placement("web-shop") == "containers"
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert window.document.board.placement("web-shop") is None
    assert window.selected == "web-shop"
    assert "card:web-shop" not in view.items_by_id
    assert window.document.undo_stack.count() == 4


def _send_drag(window: MainWindow, mime: QMimeData, point: QPoint) -> None:
    viewport = window.slide_view.viewport()
    pos = QPointF(point)
    action = Qt.DropAction.MoveAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(viewport, QDragEnterEvent(pos.toPoint(), action, mime, buttons, mods))
    QApplication.sendEvent(viewport, QDragMoveEvent(pos.toPoint(), action, mime, buttons, mods))
    QApplication.sendEvent(viewport, QDropEvent(pos, action, mime, buttons, mods))


def test_dropping_a_list_item_places_the_unplaced_workload(window: MainWindow) -> None:
    unplaced = next(
        w.id for w in window.document.board.workloads if not window.document.board.placement(w.id)
    )
    mime = window.workload_list.list.mimeData([window.workload_list.list.item(1)])
    assert bytes(mime.data("application/x-whiteboard-workload").data()).decode() == unplaced
    _send_drag(window, workload_mime(unplaced), column_point(window, "ec2"))
    assert window.document.board.placement(unplaced) == "ec2"
    assert window.selected == unplaced
    assert not window.placement.overlay.visible


def test_list_puts_unplaced_first_and_filters(qtbot: QtBot, window: MainWindow) -> None:
    items = window.workload_list.list
    board = window.document.board
    texts = [items.item(r).text() for r in range(items.count())]
    ids = [items.item(r).data(Qt.ItemDataRole.UserRole) for r in range(items.count())]
    unplaced = len(board.workloads) - len(board.placements)
    assert texts[0] == f"Unplaced ({unplaced})"
    assert texts[unplaced + 1] == f"Placed ({len(board.placements)})"
    placed = [board.placement(i) is not None for i in ids if i]
    assert placed == sorted(placed)
    assert not items.item(0).flags() & Qt.ItemFlag.ItemIsSelectable
    qtbot.keyClicks(window.workload_list.filter, "thumb")
    assert [items.item(r).text() for r in range(items.count())] == [
        "Placed (1)",
        "Image thumbnails  ·  Lambda",
    ]


def test_chart_points_explain_themselves_on_hover(qtbot: QtBot, window: MainWindow) -> None:
    view = window.chart_view
    element = view.items_by_id["point:payments"].element
    center = view.map_scene_point(
        element.x + element.w / 2,  # type: ignore[union-attr]
        element.y + element.h / 2,  # type: ignore[union-attr]
    ).toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, center, view.viewport().mapToGlobal(center))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    tip = QToolTip.text()
    QToolTip.hideText()
    name = window.document.board.workload("payments").name
    assert tip.startswith(name)
    for target, result in window.scores.workload("payments").targets.items():
        short = window.catalog.target(target).short_name
        if result.feasible:
            assert f"{short}: {result.overall:.0f}" in tip
        else:
            assert f"{short}: Cannot run: {result.violations[0]}" in tip
