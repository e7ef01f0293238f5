"""Run an export from the window with a progress dialog.

Rendering happens on the GUI thread (the PNG renderer needs the thread that owns the Qt
application); the progress callback repaints the dialog between stages. Everything is rendered
before anything is written, and then written as one transaction, so a failure leaves every
existing file as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from whiteboard.export import ExportError, ExportOptions, export_all
from whiteboard.model import Board

#: Show the dialog only for exports that take a while (Qt's default waits 4 s).
SHOW_AFTER_MS = 500


def run_export(parent: QWidget, board: Board, options: ExportOptions) -> list[Path] | str:
    """The files written, or one sentence saying why nothing was."""
    dialog = QProgressDialog("Exporting…", "", 0, 1, parent)
    dialog.setWindowTitle("Export")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)

    def progress(done: int, total: int, label: str) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        dialog.setLabelText(f"{label}…" if done < total else label)
        QApplication.processEvents()

    try:
        return export_all(board, options, progress)
    except ExportError as error:
        # A refusal to overwrite the user's files is said like any other failure: the window
        # offers no override (the command line's --force is the deliberate way).
        return f"{error}; nothing was written."
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        return f"Could not write the export{where}: {error.strerror or error}."
    finally:
        dialog.reset()
        dialog.deleteLater()
