"""File > Import inventory: pick a file (or drop one), choose what to do with powered-off VMs,
read it with a progress dialog, show the report, and add the workloads to the open board,
unplaced, in one undo step.

The reading (`whiteboard.inventory`) runs on a worker thread that touches no Qt object: it
writes its progress to a shared cell that a timer on the GUI thread shows, so the window keeps
painting during a big workbook and Cancel answers at once. A cancelled or failed import changes
nothing: the board, its undo history and the files on disk stay as they were.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationError
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from whiteboard.gui import commands
from whiteboard.gui.document import Document
from whiteboard.gui.prompts import Prompts

if TYPE_CHECKING:
    from whiteboard.inventory import ImportReport, ImportResult

PoweredOff = Literal["skip", "idle"]
#: The files File > Import inventory reads (RVTools workbooks; the CSV formats).
INVENTORY_SUFFIXES = (".xlsx", ".csv")
INVENTORY_FILTER = "Inventories (*.xlsx *.csv);;RVTools workbooks (*.xlsx);;CSV files (*.csv)"
#: Show the progress dialog only for imports that take a while.
SHOW_AFTER_MS = 400
#: How often the GUI thread looks at the worker's progress.
POLL_MS = 40


def is_inventory(path: Path) -> bool:
    return path.suffix.lower() in INVENTORY_SUFFIXES


class PoweredOffDialog(QDialog):
    """The one choice an import asks for: what to do with VMs that are switched off."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import inventory")
        intro = QLabel(f"Import the workloads of <b>{escape(path.name)}</b>.")
        question = QLabel("VMs that are powered off in the inventory:")
        self.skip = QRadioButton("&Skip them")
        self.skip.setObjectName("powered-off-skip")
        self.idle = QRadioButton("Import them as &idle (traffic: idle)")
        self.idle.setObjectName("powered-off-idle")
        self.skip.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.skip)
        group.addButton(self.idle)
        note = QLabel("The workloads arrive unplaced; Edit > Undo removes them all.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        for widget in (intro, question, self.skip, self.idle, note, buttons):
            layout.addWidget(widget)

    @property
    def choice(self) -> PoweredOff:
        return "idle" if self.idle.isChecked() else "skip"


class ReportDialog(QDialog):
    """The import's report (`ImportReport.lines`), one screen, in a fixed-width font; long
    lines (the skipped examples) wrap rather than hide behind a scroll bar."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import report")
        count = report.imported
        heading = QLabel(
            f"<b>{count:,} workload{'s' * (count != 1)}</b> imported from "
            f"{escape(Path(report.source).name)}"
            + (
                ", unplaced: they wait in the list on the left. Place &gt; Place unplaced on "
                "their best targets (Ctrl+Shift+R) puts each where it scores best."
                if count
                else "."
            )
        )
        heading.setObjectName("import-report-heading")
        heading.setWordWrap(True)
        self.text = QPlainTextEdit("\n".join(report.lines()))
        self.text.setObjectName("import-report")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(720, 460)


class ImportQuestions:
    """What an import asks the user, in one replaceable object (tests substitute answers, as
    they do for `Prompts`)."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def inventory_path(self, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self.parent, "Import inventory", folder, INVENTORY_FILTER
        )
        return Path(name) if name else None

    def powered_off(self, path: Path) -> PoweredOff | None:
        dialog = PoweredOffDialog(path, self.parent)
        return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None

    def show_report(self, report: ImportReport) -> None:
        ReportDialog(report, self.parent).exec()


class _Cancelled(Exception):
    """Raised inside the worker's progress callback to stop a cancelled import."""


@dataclass
class _Run:
    """What the worker thread and the GUI thread share; plain values only."""

    cancelled: threading.Event = field(default_factory=threading.Event)
    progress: tuple[int, int] = (0, 0)
    result: ImportResult | None = None
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)


def read_inventory(
    parent: QWidget, path: Path, powered_off: PoweredOff, taken_ids: Sequence[str]
) -> ImportResult | str | None:
    """The import's result, one sentence saying why there is none, or None when cancelled."""
    try:  # lazily: the window works, and says so, where the reader is missing
        from whiteboard import inventory
    except ImportError as error:
        return f"Inventory import is not available here ({error}); nothing was imported."

    run = _Run()

    def report(done: int, total: int) -> None:
        if run.cancelled.is_set():
            raise _Cancelled
        run.progress = (done, total)

    def work() -> None:
        try:
            run.result = inventory.import_inventory(
                path, powered_off=powered_off, taken_ids=tuple(taken_ids), progress=report
            )
        except _Cancelled:
            pass
        except BaseException as error:  # handed to the GUI thread, which decides
            run.error = error
        finally:
            run.done.set()

    dialog = QProgressDialog(f"Reading {path.name}…", "Cancel", 0, 0, parent)
    dialog.setObjectName("import-progress")
    dialog.setWindowTitle("Import inventory")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    timer = QTimer(dialog)
    timer.setInterval(POLL_MS)

    def poll() -> None:
        done, total = run.progress
        if total:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
            dialog.setLabelText(f"Reading {path.name}… {done:,} of {total:,} rows")

    timer.timeout.connect(poll)
    # The worker stops at its next row; whatever it had is dropped.
    dialog.canceled.connect(run.cancelled.set)
    worker = threading.Thread(target=work, name=f"import {path.name}", daemon=True)
    worker.start()
    timer.start()
    dialog.setValue(0)  # starts the dialog's own show-after timer
    try:
        # Events until the worker is done or Cancel is pressed; the timer wakes this up.
        while not (run.done.is_set() or run.cancelled.is_set()):
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        timer.stop()
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()
    if run.cancelled.is_set():
        return None
    if isinstance(run.error, inventory.InventoryError):
        return f"{str(run.error).rstrip('.')}; nothing was imported."
    if isinstance(run.error, OSError):
        return f"Could not read {path}: {run.error.strerror or run.error}; nothing was imported."
    if run.error is not None:
        raise run.error
    return run.result


class InventoryImport:
    """The import as the window runs it: ask, read, report, then one undo command."""

    def __init__(
        self,
        parent: QWidget,
        document: Document,
        prompts: Prompts,
        folder: Callable[[], str],
        say: Callable[[str], None],
    ) -> None:
        self.document = document
        self.prompts = prompts
        self.questions = ImportQuestions(parent)
        self._parent = parent
        self._folder = folder
        self._say = say
        self._running = False

    def run(self, path: Path | None = None) -> tuple[str, ...]:
        """Import `path` (None: ask for a file); the ids added, () when nothing was."""
        if self._running:  # Ctrl+I (or a drop) again before the progress dialog shows
            return ()
        self._running = True
        try:
            return self._run(path)
        finally:
            self._running = False

    def _run(self, path: Path | None) -> tuple[str, ...]:
        if path is None:
            path = self.questions.inventory_path(self._folder())
            if path is None:
                return ()
        powered_off = self.questions.powered_off(path)
        if powered_off is None:
            return ()
        board = self.document.board
        outcome = read_inventory(self._parent, path, powered_off, board.workload_ids)
        if outcome is None:
            self._say(f"Import of {path.name} cancelled; nothing was added.")
            return ()
        if isinstance(outcome, str):
            self.prompts.error("Could not import the inventory", outcome)
            return ()
        workloads = outcome.workloads
        try:
            command = (
                commands.add_workloads(self.document, self.document.board, workloads, path.name)
                if workloads
                else None
            )
        except ValidationError as error:
            problem = str(error.errors(include_url=False)[0]["msg"])
            self.prompts.error(
                "Could not import the inventory",
                f"{path.name}: {problem.removeprefix('Value error, ')}; nothing was imported.",
            )
            return ()
        if command is None:
            self._say(f"{path.name}: no workloads to import.")
        else:  # first, so the report stands over the board that has them
            self.document.push(command)
            count = len(workloads)
            self._say(
                f"Imported {count:,} workload{'s' * (count != 1)} from {path.name}, unplaced; "
                "Edit > Undo removes them."
            )
        self.questions.show_report(outcome.report)
        return tuple(workload.id for workload in workloads)
