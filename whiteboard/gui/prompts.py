"""Every question the window asks the user, in one replaceable object: tests substitute answers,
the app shows dialogs. Nothing here changes the board.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from whiteboard.export import ExportOptions
from whiteboard.gui.export_dialog import ExportDialog
from whiteboard.gui.title_slide import ask_subtitle
from whiteboard.gui.workload_form import WorkloadForm
from whiteboard.model import Board, Workload
from whiteboard.model.preferences import ExportChoices
from whiteboard.model.recovery import RecoveryEntry

UnsavedChoice = Literal["save", "discard", "cancel"]
RestoreChoice = Literal["restore", "discard", "later"]
FILE_FILTER = "Whiteboard boards (*.json);;All files (*)"


class NewWorkloadDialog(QDialog):
    """The form with an id; OK only closes when every field is valid, otherwise each problem
    shows under its field and the typing stays."""

    def __init__(self, board: Board, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New workload")
        self.form = WorkloadForm(with_id=True)
        self.form.start_new(board)
        self.result_workload: Workload | None = None
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        # The name comes first in people's minds; the id follows it unless typed.
        self.form.editor("name").setFocus()

    def _on_ok(self) -> None:
        workload = self.form.validated_new()
        if workload is not None:
            self.result_workload = workload
            self.accept()
            return
        # Error lines appeared under fields: grow to show them whole.
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))


class Prompts:
    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def unsaved_changes(self, document_name: str) -> UnsavedChoice:
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"Save the changes to {document_name} before closing it?")
        box.setInformativeText("If you don't save, your changes since the last save are lost.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def restore(self, entry: RecoveryEntry) -> RestoreChoice:
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Restore unsaved work?")
        box.setText("Whiteboard closed unexpectedly last time. Restore the unsaved changes?")
        box.setInformativeText(entry.describe())
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        if box.clickedButton() is restore:
            return "restore"
        return "discard" if box.clickedButton() is discard else "later"

    def open_path(self, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, "Open board", folder, FILE_FILTER)
        return Path(name) if name else None

    def save_path(self, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.parent, "Save board as", suggested, FILE_FILTER)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(".json")

    def error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)

    def new_workload(self, board: Board) -> Workload | None:
        dialog = NewWorkloadDialog(board, self.parent)
        return dialog.result_workload if dialog.exec() == QDialog.DialogCode.Accepted else None

    def export_options(
        self, folder: Path, base: str, choices: ExportChoices | None = None
    ) -> ExportOptions | None:
        """What to export where; the dialog starts from the last `choices`."""
        dialog = ExportDialog(folder, base, self.parent, choices)
        return dialog.result_options if dialog.exec() == QDialog.DialogCode.Accepted else None

    def subtitle(self, current: str) -> str | None:
        """The title slide's subtitle, starting from `current`; None when cancelled."""
        return ask_subtitle(self.parent, current)
