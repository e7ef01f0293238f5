"""Documents: save and reopen, bad files, unsaved changes, recent files, crash recovery."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui.conftest import MakeWindow, card_point, column_point, drag, prompts
from whiteboard.gui.app import open_board
from whiteboard.gui.document import AUTOSAVE_MS
from whiteboard.gui.files import documents_folder, read_recent
from whiteboard.gui.main_window import MainWindow
from whiteboard.model import load_board
from whiteboard.model.recovery import find_orphans
from whiteboard.paths import DEMO_BOARD


def test_save_then_reopen_gives_the_same_board(
    qtbot: QtBot, window: MainWindow, make_window: MakeWindow, tmp_path: Path
) -> None:
    drag(qtbot, window, card_point(window, "payments"), column_point(window, "lambda"))
    assert window.isWindowModified()
    target = tmp_path / "saved.json"
    prompts(window).save_answer = target
    window.actions["save_as"].trigger()
    assert not window.isWindowModified()
    assert "saved.json" in window.windowTitle()
    assert load_board(target) == window.document.board
    reopened = make_window(target)
    assert reopened.document.board == window.document.board
    assert read_recent(window.preferences)[0] == str(target)


def test_a_corrupt_file_leaves_the_open_board_as_it_was(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    drag(qtbot, window, card_point(window, "payments"), column_point(window, "lambda"))
    before, title, path = window.document.board, window.windowTitle(), window.document.path
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1, "name": "x", "workloads": [', encoding="utf-8")
    prompts(window).open_answer = broken
    prompts(window).unsaved_answer = "discard"
    window.actions["open"].trigger()
    ((heading, message),) = prompts(window).errors
    assert heading == "Could not open the board"
    assert message.startswith("broken.json: ") and "truncated" in message
    assert window.document.board is before
    assert window.windowTitle() == title and window.document.path == path
    assert window.document.undo_stack.count() == 1  # the history survived too


def test_closing_with_unsaved_changes_asks(qtbot: QtBot, window: MainWindow) -> None:
    drag(qtbot, window, card_point(window, "payments"), column_point(window, "lambda"))
    prompts(window).unsaved_answer = "cancel"
    assert not window.close()
    assert window.isVisible() and prompts(window).asked_unsaved == 1
    prompts(window).unsaved_answer = "save"
    assert window.close()
    assert load_board(window.document.path).placement("payments") == "lambda"  # type: ignore[arg-type]


def test_a_clean_board_closes_without_asking(window: MainWindow) -> None:
    assert window.close()
    assert prompts(window).asked_unsaved == 0


def test_recovery_copy_is_written_while_unsaved_and_offered_after_a_crash(
    qtbot: QtBot, window: MainWindow, make_window: MakeWindow, tmp_path: Path
) -> None:
    assert window.document.autosave_timer.isActive()
    assert window.document.autosave_timer.interval() == AUTOSAVE_MS == 30_000
    window.document.write_recovery()
    assert window.document.recovery_path is None  # nothing unsaved, nothing written
    drag(qtbot, window, card_point(window, "payments"), column_point(window, "lambda"))
    window.document.autosave_timer.timeout.emit()
    copy = window.document.recovery_path
    assert copy is not None and copy.is_file()
    assert find_orphans(tmp_path / "recovery") == []  # held by a live window: not offered
    # Simulate the crash: the owner's lock now names a process that is gone.
    lock = copy.with_name(copy.name.replace(".recovery.json", ".lock"))
    lock.write_text(json.dumps({"pid": 2**22 + 17, "host": socket.gethostname()}))
    edited = window.document.board
    window.files.add_recent(window.document.path)  # type: ignore[arg-type]  # opened here

    second = make_window(board=load_board(window.document.path))  # type: ignore[arg-type]
    prompts(second).restore_answer = "restore"
    second.files.offer_recovery()
    (offered,) = prompts(second).offered
    assert offered.path == copy
    assert second.document.board == edited
    assert second.document.path == window.document.path
    assert second.isWindowModified()
    second.actions["undo"].trigger()  # the restore itself is one undo step
    assert second.document.board.placement("payments") == "containers"


def test_saving_deletes_the_recovery_copy(qtbot: QtBot, window: MainWindow) -> None:
    drag(qtbot, window, card_point(window, "payments"), column_point(window, "lambda"))
    window.document.write_recovery()
    copy = window.document.recovery_path
    assert copy is not None and copy.exists()
    window.actions["save"].trigger()
    assert not copy.exists()


def test_new_board_starts_empty_and_untitled(window: MainWindow) -> None:
    window.actions["new"].trigger()
    assert window.document.board.workloads == ()
    assert window.document.path is None
    assert "Untitled" in window.windowTitle()
    assert window.workload_list.list.count() == 0


def test_a_failed_save_says_why_and_keeps_the_changes(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    drag(qtbot, window, card_point(window, "payments"), column_point(window, "lambda"))
    prompts(window).save_answer = tmp_path / "no-such-folder" / "board.json"
    window.actions["save_as"].trigger()
    ((heading, message),) = prompts(window).errors
    assert heading == "Could not save the board"
    assert message.endswith("no-such-folder/board.json: No such file or directory.")
    assert window.isWindowModified()
    assert window.document.path == tmp_path / "workshop.json"


def test_a_recovery_folder_that_cannot_be_written_is_reported(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    window.document.recovery_folder = blocker / "recovery"
    drag(qtbot, window, card_point(window, "payments"), column_point(window, "lambda"))
    window.document.write_recovery()
    assert window.statusBar().currentMessage().startswith("Could not write the recovery copy")
    assert window.document.board.placement("payments") == "lambda"


def test_the_shipped_demo_board_opens_as_an_untitled_copy(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    """Ctrl+S on the demo board asks where to save, starting in the documents folder, and the
    shipped file stays as it was."""
    shipped = DEMO_BOARD.read_bytes()
    board, path = open_board(DEMO_BOARD)
    assert path is None
    window = make_window(board=board)
    drag(qtbot, window, card_point(window, "payments"), column_point(window, "lambda"))
    target = tmp_path / "mine.json"
    prompts(window).save_answer = target
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    (suggested,) = prompts(window).save_suggested
    assert Path(suggested).parent == Path(documents_folder())
    assert Path(suggested).name == "alpine-outfitters-compute-workshop.json"
    assert load_board(target) == window.document.board
    assert DEMO_BOARD.read_bytes() == shipped


def test_opening_a_shipped_board_from_the_menu_gives_a_copy(window: MainWindow) -> None:
    prompts(window).open_answer = DEMO_BOARD
    window.actions["open"].trigger()
    assert window.document.path is None
    assert "Untitled" in window.windowTitle()
    assert str(DEMO_BOARD) not in read_recent(window.preferences)


def test_a_forged_source_is_restored_as_untitled(
    qtbot: QtBot, window: MainWindow, make_window: MakeWindow, tmp_path: Path
) -> None:
    """A copy claiming to belong to a file the user never opened cannot make Save write there."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    drag(qtbot, window, card_point(window, "payments"), column_point(window, "lambda"))
    window.document.write_recovery()
    copy = window.document.recovery_path
    assert copy is not None
    payload = json.loads(copy.read_text(encoding="utf-8"))
    payload["source"] = str(victim)
    copy.write_text(json.dumps(payload), encoding="utf-8")
    lock = copy.with_name(copy.name.replace(".recovery.json", ".lock"))
    lock.write_text(json.dumps({"pid": 10**30, "host": socket.gethostname()}))  # tampered too

    second = make_window(board=load_board(window.document.path))  # type: ignore[arg-type]
    prompts(second).restore_answer = "restore"
    second.files.offer_recovery()
    assert len(prompts(second).offered) == 1
    assert second.document.path is None
    prompts(second).save_answer = None  # the user cancels the Save As that Ctrl+S opens
    second.actions["save"].trigger()
    assert len(prompts(second).save_suggested) == 1
    assert victim.read_text() == "precious\n"


def test_the_documents_folder_falls_back_to_home_when_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    assert Path(documents_folder()) == tmp_path
    (tmp_path / "Documents").mkdir()
    assert Path(documents_folder()) == tmp_path / "Documents"
