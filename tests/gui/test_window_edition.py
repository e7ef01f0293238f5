"""View > Edition with the real mouse: the board switches between the five-column 2018 story and
the seven-column 2026 one as one undo step, and placements follow the edition's columns."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar
from pytestqt.qtbot import QtBot

from tests.gui.conftest import MakeWindow, card_point, column_point, drag
from whiteboard.gui.main_window import MainWindow
from whiteboard.model import load_board, save_board

FIXTURES = Path(__file__).parent.parent / "fixtures"
LEFT = Qt.MouseButton.LeftButton


def _click_menu_item(qtbot: QtBot, menu: QMenu | QMenuBar, action) -> None:
    qtbot.mouseClick(menu, LEFT, pos=menu.actionGeometry(action).center())


def choose_edition(qtbot: QtBot, window: MainWindow, edition: str) -> None:
    """View, then Edition, then the edition's item, each clicked with the mouse."""
    bar = window.menuBar()
    view = next(a for a in bar.actions() if a.text() == "&View")
    _click_menu_item(qtbot, bar, view)
    menu = view.menu()
    qtbot.waitUntil(menu.isVisible)
    # E, the menu's mnemonic for Edition, opens the submenu whatever the pointer did before.
    qtbot.keyClick(menu, Qt.Key.Key_E)
    qtbot.waitUntil(window.editions.isVisible)
    _click_menu_item(qtbot, window.editions, window.editions.edition_actions[edition])
    # Every popup closed, so the next mouse press reaches the window, not a menu.
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    # The closed popups' enter and leave events arrive a moment later; a drag started before
    # them would be cancelled by the view's leave event, as for a user who let go of the menu.
    qtbot.wait(100)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    # Focus goes back where it was once the menu is gone; let that settle before a drag, which
    # the slide cancels when it loses focus.
    window.slide_view.setFocus()
    qtbot.waitUntil(window.slide_view.hasFocus)
    qtbot.wait(50)


def _columns(window: MainWindow) -> list[str]:
    return [
        key.split(":", 1)[1] for key in window.slide_view.items_by_id if key.startswith("drop:")
    ]


def test_the_2026_edition_is_one_undo_step_away(qtbot: QtBot, window: MainWindow) -> None:
    assert window.document.board.edition == "2018"
    assert window.editions.edition_actions["2018"].isChecked()
    assert len(_columns(window)) == 5
    choose_edition(qtbot, window, "2026")
    board = window.document.board
    assert board.edition == "2026"
    assert _columns(window) == list(board.targets) and len(board.targets) == 7
    assert window.editions.edition_actions["2026"].isChecked()
    assert window.document.undo_stack.count() == 1
    assert window.document.undo_stack.undoText() == "Switch to the 2026 edition"
    assert window.inspector.table.rowCount() == 7
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.board.edition == "2018"
    assert len(_columns(window)) == 5
    assert window.editions.edition_actions["2018"].isChecked()
    assert window.inspector.table.rowCount() == 5


def test_a_card_drops_onto_a_2026_column_with_seven_live_scores(
    qtbot: QtBot, window: MainWindow
) -> None:
    # The menu is the tests' above; here the drag matters, and a closing popup may still move
    # window activation (and with it the slide's focus) under an offscreen drag.
    window.editions.edition_actions["2026"].trigger()
    start = card_point(window, "payments")
    drag(qtbot, window, start, column_point(window, "managed_containers"), release=False)
    overlay = window.placement.overlay
    assert overlay.columns == window.document.board.targets
    assert overlay.label_text("lambda_managed")
    qtbot.mouseRelease(
        window.slide_view.viewport(), LEFT, pos=column_point(window, "managed_containers")
    )
    assert window.document.board.placement("payments") == "managed_containers"
    assert window.slide_view.items_by_id["card:payments"].element.data == {
        "workload": "payments",
        "target": "managed_containers",
    }


def test_going_back_to_2018_unplaces_what_has_no_column_and_undo_restores_it(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(FIXTURES / "board_v2.json")
    before = window.document.board
    assert before.placement("payments") == "managed_containers"
    choose_edition(qtbot, window, "2018")
    board = window.document.board
    assert board.edition == "2018"
    assert board.placement("payments") is None and board.placement("thumbnails") is None
    assert board.placement("web-shop") == "fargate"
    assert (
        window.document.undo_stack.undoText() == "Switch to the 2018 edition (unplaces 2 workloads)"
    )
    message = window.statusBar().currentMessage()
    assert "has no column for" in message and "Payments" in message and "Undo" in message
    window.document.undo_stack.undo()
    assert window.document.board == before
    assert window.editions.edition_actions["2026"].isChecked()


def test_a_saved_2026_board_reopens_on_its_edition(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window(FIXTURES / "board_v1.json")
    choose_edition(qtbot, window, "2026")
    target = tmp_path / "saved.json"
    window.prompts.save_answer = target  # type: ignore[attr-defined]
    window.files.save_as()
    assert load_board(target).edition == "2026"


def test_a_fit_that_rests_on_an_unconfirmed_fact_says_so_while_dragging(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    board = load_board(FIXTURES / "board_v3.json")
    path = tmp_path / "lab.json"
    save_board(board.model_copy(update={"placements": {"perf-lab": "bare_metal"}}), path)
    window = make_window(path)
    start = card_point(window, "perf-lab")
    drag(qtbot, window, start, column_point(window, "ec2"), release=False)
    text = window.placement.overlay.label_text("ec2")
    assert "fits, but unconfirmed: EC2 gives the processor's performance counters" in text
    assert window.placement.overlay.label_text("fargate").startswith("✕ Cannot run")
    qtbot.mouseRelease(window.slide_view.viewport(), LEFT, pos=start)
    assert window.document.board.placement("perf-lab") == "bare_metal"
