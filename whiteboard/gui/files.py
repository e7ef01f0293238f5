"""New, Open, Save, Save As, Open Recent, closing with unsaved changes, and restoring after a
crash. A failed open or save reports one clear sentence and leaves the open board as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, QStandardPaths, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMenu, QWidget

from whiteboard.gui.document import Document
from whiteboard.gui.import_dialog import is_inventory
from whiteboard.gui.prompts import Prompts
from whiteboard.model import Board, BoardFileError, load_board, slugify
from whiteboard.model.preferences import FILE_NAME, MAX_RECENT, PreferencesStore
from whiteboard.model.recovery import adoptable_source, delete_entry, find_orphans
from whiteboard.paths import is_shipped


def default_preferences_path() -> Path:
    """preferences.json in the platform's config folder for this app."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(base or os.path.expanduser("~/.config/whiteboard")) / FILE_NAME


def read_recent(preferences: PreferencesStore) -> list[str]:
    return list(preferences.current.recent_files)


def documents_folder() -> str:
    """The user's documents folder; the home folder where there is none (a file dialog given
    a missing folder would open in the current directory instead)."""
    location = QStandardPaths.StandardLocation.DocumentsLocation
    documents = QStandardPaths.writableLocation(location)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


def dropped_file(mime: QMimeData) -> Path | None:
    """The one local file a drag carries (a board or an inventory), or None."""
    local = [url for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []
    return Path(local[0].toLocalFile()) if len(local) == 1 else None


def is_board_file(path: Path) -> bool:
    return path.suffix.lower() == ".json"


class FileDrops(QObject):
    """Files dropped anywhere on `window` (a drag the slide and list refuse ends up here): a
    board opens like File > Open, an inventory imports like File > Import inventory."""

    def __init__(
        self,
        window: QWidget,
        open_board: Callable[[Path], object],
        import_inventory: Callable[[Path], object],
    ) -> None:
        super().__init__(window)
        self._open_board = open_board
        self._import_inventory = import_inventory
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QDragEnterEvent):
            path = dropped_file(event.mimeData())
            if path is not None and (is_inventory(path) or is_board_file(path)):
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        if isinstance(event, QDropEvent) and event.type() == QEvent.Type.Drop:
            path = dropped_file(event.mimeData())
            if path is None:
                event.ignore()
                return True
            event.acceptProposedAction()
            # After the drop returns: the dialogs that follow must not run inside the drag.
            QTimer.singleShot(0, self, lambda: self._take(path))
            return True
        return super().eventFilter(watched, event)

    def _take(self, path: Path) -> None:
        if is_inventory(path):
            self._import_inventory(path)
        elif is_board_file(path):
            self._open_board(path)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


class FileActions:
    def __init__(self, document: Document, prompts: Prompts, preferences: PreferencesStore) -> None:
        self.document = document
        self.prompts = prompts
        self.preferences = preferences
        self.recent_menu = QMenu("Open &Recent")
        self.recent_menu.setObjectName("recent-menu")
        self._refresh_recent()

    # -- commands ----------------------------------------------------------------------------

    def new(self) -> None:
        if self.maybe_save():
            self.document.replace(Board(name="Untitled board"), None)

    def open(self, path: Path | None = None) -> bool:
        if not self.maybe_save():
            return False
        if path is None:
            path = self.prompts.open_path(self.folder())
            if path is None:
                return False
        try:
            board = load_board(path)
        except BoardFileError as error:
            self.prompts.error("Could not open the board", _sentence(str(error)))
            return False
        if is_shipped(path):  # a template: edits go to a copy the user saves elsewhere
            self.document.replace(board, None)
            return True
        self.document.replace(board, path)
        self.add_recent(path)
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        name = f"{slugify(self.document.board.name, fallback='board')}.json"
        suggested = str(self.document.path or Path(self.folder()) / name)
        path = self.prompts.save_path(suggested)
        return False if path is None else self._save_to(path)

    def maybe_save(self) -> bool:
        """Before the board goes away: True when it may (saved, discarded or unchanged)."""
        if not self.document.modified:
            return True
        choice = self.prompts.unsaved_changes(self.document.display_name)
        if choice == "save":
            return self.save()
        return choice == "discard"

    def offer_recovery(self) -> None:
        """After a crash: offer the newest orphaned recovery copy (one question per start)."""
        problems: list[str] = []
        orphans = find_orphans(self.document.recovery_folder, problems)
        if problems:
            self.prompts.error("Recovery copies set aside", " ".join(problems))
        if not orphans:
            return
        entry = orphans[0]
        choice = self.prompts.restore(entry)
        if choice == "restore":
            try:
                source = adoptable_source(entry, read_recent(self.preferences), is_shipped)
                self.document.restore(entry, source)
            except BoardFileError as error:
                self.prompts.error("Could not restore", _sentence(str(error)))
        elif choice == "discard":
            delete_entry(entry)

    # -- recent files ------------------------------------------------------------------------

    def add_recent(self, path: Path) -> None:
        absolute = os.path.abspath(path)
        recent = [absolute] + [p for p in read_recent(self.preferences) if p != absolute]
        self.preferences.update(recent_files=recent[:MAX_RECENT])
        self._refresh_recent()

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        recent = read_recent(self.preferences)
        for path in recent:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open(Path(p)))
        self.recent_menu.setEnabled(bool(recent))

    def folder(self) -> str:
        """Where Open, Save As and Import start: the board's folder, else the documents."""
        if self.document.path is not None:
            return str(self.document.path.parent)
        return documents_folder()

    def _save_to(self, path: Path) -> bool:
        try:
            self.document.save(path)
        except OSError as error:
            reason = error.strerror or str(error)
            self.prompts.error("Could not save the board", _sentence(f"{path}: {reason}"))
            return False
        self.add_recent(path)
        return True
