"""The open document: its board, file, undo stack and crash-recovery copy.

The board changes only through `apply`, which undo commands call; every change is announced by
`board_changed`, and everything on screen redraws from it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from whiteboard.gui.commands import BoardCommand
from whiteboard.model import Board, save_board
from whiteboard.model.recovery import RecoveryEntry, RecoverySlot, load_recovered

AUTOSAVE_MS = 30_000


class Document(QObject):
    board_changed = Signal(object)
    #: File name, clean state or recovery changed: time to refresh the title.
    state_changed = Signal()
    #: The recovery copy could not be written (one sentence); the board itself is unaffected.
    recovery_failed = Signal(str)

    def __init__(
        self,
        board: Board,
        path: Path | None,
        recovery_folder: Path,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._board = board
        self.path = path
        self.recovery_folder = recovery_folder
        self._slot: RecoverySlot | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.write_recovery)

    # -- the board ---------------------------------------------------------------------------

    @property
    def board(self) -> Board:
        return self._board

    def apply(self, board: Board) -> None:
        """Called by undo commands only."""
        if board is self._board:
            return
        self._board = board
        self.board_changed.emit(board)

    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else "Untitled"

    def title(self) -> str:
        """Window title; Qt shows `[*]` as the unsaved mark while the window is modified."""
        return f"{self.board.name} — {self.display_name}[*] — Whiteboard"

    # -- files -------------------------------------------------------------------------------

    def replace(self, board: Board, path: Path | None) -> None:
        """Show another board (New, Open): a fresh undo history and a fresh recovery slot."""
        self._drop_slot()
        self.undo_stack.clear()
        self.path = path
        self._board = board
        self.board_changed.emit(board)
        self.state_changed.emit()

    def save(self, path: Path | None = None) -> None:
        """Save to `path` (or the current file). OSError propagates; nothing changes then."""
        target = path or self.path
        if target is None:
            raise ValueError("no file to save to")
        save_board(self.board, target)
        if target != self.path:
            self._drop_slot()
            self.path = target
        self.undo_stack.setClean()
        if self._slot is not None:
            self._slot.discard()
        self.state_changed.emit()

    def restore(self, entry: RecoveryEntry, source: Path | None) -> None:
        """Take over a crashed session's copy: its board becomes an undoable, unsaved change
        of `source` (the file it belongs to, as the caller trusts it; None: untitled)."""
        recovered = load_recovered(entry)
        self.replace(self.board, source)
        self._slot = RecoverySlot.adopt(entry)
        self.push(BoardCommand(self, self.board, recovered, "Restore recovered changes"))

    # -- recovery ----------------------------------------------------------------------------

    def start_autosave(self) -> None:
        self.autosave_timer.start()

    @property
    def recovery_path(self) -> Path | None:
        return self._slot.path if self._slot else None

    def write_recovery(self) -> None:
        """Write the recovery copy if there are unsaved changes (the timer calls this)."""
        if not self.modified:
            return
        try:
            if self._slot is None:
                self._slot = RecoverySlot.acquire(self.recovery_folder, self.path)
            self._slot.write(self.board, self.path)
        except OSError as error:
            where = error.filename or self.recovery_folder
            self.recovery_failed.emit(
                f"Could not write the recovery copy to {where}: {error.strerror or error}."
            )

    def close(self) -> None:
        """Clean close: stop the timer, delete the copy and its lock."""
        self.autosave_timer.stop()
        self._drop_slot()

    def _drop_slot(self) -> None:
        if self._slot is not None:
            with contextlib.suppress(OSError):
                self._slot.release()
            self._slot = None

    def _on_clean_changed(self, clean: bool) -> None:
        if clean and self._slot is not None:
            self._slot.discard()
        self.state_changed.emit()


def default_recovery_folder() -> Path:
    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or os.path.expanduser("~/.local/share/whiteboard")) / "recovery"
