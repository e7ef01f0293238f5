"""The whiteboard window: the compute slide above the pets/cattle chart, the workload list and
weights on the left, the inspector on the right. It wires the parts together; the parts do the
work, and everything on screen is redrawn from the board after each undo command.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QVBoxLayout, QWidget

from whiteboard.catalog import default_catalog
from whiteboard.export import ExportOptions, export_choices
from whiteboard.gui import commands
from whiteboard.gui.actions import Action, install_actions
from whiteboard.gui.canvas import MIN_TEXT_PX, SlideView
from whiteboard.gui.chart_view import ChartView
from whiteboard.gui.document import Document, default_recovery_folder
from whiteboard.gui.editions import EditionMenu
from whiteboard.gui.exporting import run_export
from whiteboard.gui.files import FileActions, FileDrops, default_preferences_path
from whiteboard.gui.help import Help
from whiteboard.gui.import_dialog import InventoryImport
from whiteboard.gui.inspector import Inspector
from whiteboard.gui.placement import PlacementController
from whiteboard.gui.presenter import present_board
from whiteboard.gui.prompts import Prompts
from whiteboard.gui.scores import ScoreBook
from whiteboard.gui.title_slide import FILE_NAME as PRESENTER_FILE
from whiteboard.gui.title_slide import PresenterStore
from whiteboard.gui.trays import TrayController
from whiteboard.gui.weights import WeightsPanel
from whiteboard.gui.workload_list import WorkloadList, list_order
from whiteboard.gui.workshop import WorkshopMode, fit_to_screen
from whiteboard.model import Board, PillarId, Workload
from whiteboard.model.preferences import PreferencesStore
from whiteboard.scoring.results import runnable_first
from whiteboard.slides.chart_pane import chart_for_view
from whiteboard.slides.compute import compute_slide

Key = QKeySequence.StandardKey
#: How long the status bar names the workloads an edition switch unplaced.
EDITION_MESSAGE_MS = 15_000
#: How long the status bar says what an import added.
IMPORT_MESSAGE_MS = 15_000


class MainWindow(QMainWindow):
    def __init__(
        self,
        board: Board,
        path: Path | None = None,
        *,
        recovery_folder: Path | None = None,
        preferences: PreferencesStore | None = None,
        prompts: Prompts | None = None,
    ) -> None:
        super().__init__()
        fit_to_screen(self)
        self.prompts = prompts or Prompts(self)
        self.preferences = preferences or PreferencesStore(default_preferences_path())
        self.document = Document(board, path, recovery_folder or default_recovery_folder(), self)
        self.scores = ScoreBook(board)
        self.selected: str | None = None
        self.catalog = default_catalog()

        self.slide_view = SlideView()
        self.slide_view.setObjectName("slide-view")
        self.slide_view.setAccessibleName("Compute slide")
        # The chart is the overview beside the slide: always whole, laid out for its pane so
        # no word is under 11 px (what finds no room is named on hover); the slide is where
        # people work and never draws text under 11 px either, scrolling instead.
        self.chart_view = ChartView()
        self.chart_view.setObjectName("chart-view")
        self.chart_view.setAccessibleName("Pets and cattle chart")
        self.chart_view.press_handler = self._on_chart_press
        self._chart_timer = QTimer(self)
        self._chart_timer.setSingleShot(True)
        self._chart_timer.setInterval(0)
        self._chart_timer.timeout.connect(self._show_chart)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.slide_view)
        splitter.addWidget(self.chart_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([520, 300])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        self.workload_list = WorkloadList()
        self.weights = WeightsPanel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.workload_list, 1)
        left_layout.addWidget(self.weights)
        self._dock(left, "Workloads", "workloads-dock", Qt.DockWidgetArea.LeftDockWidgetArea, 270)
        self.inspector = Inspector()
        self._dock(
            self.inspector,
            "Inspector",
            "inspector-dock",
            Qt.DockWidgetArea.RightDockWidgetArea,
            390,
        )

        self.placement = PlacementController(
            self.slide_view, self.document, self.scores, lambda: self.selected, self.select
        )
        self.trays = TrayController(
            self.slide_view,
            self.document,
            self.scores,
            self.placement.current_overlay,
            self.placement.target_at,
            self._show_slide,
        )
        self.files = FileActions(self.document, self.prompts, self.preferences)
        self.presenter_settings = PresenterStore(self.preferences.path.parent / PRESENTER_FILE)
        self.importer = InventoryImport(
            self,
            self.document,
            self.prompts,
            self.files.folder,
            lambda text: self.statusBar().showMessage(text, IMPORT_MESSAGE_MS),
        )
        self.drops = FileDrops(self, self.files.open, self.import_inventory)
        self.help = Help(self, lambda: self.action_table)
        self.workshop = WorkshopMode(self, self.slide_view, (self.chart_view,))
        self.action_table = self._action_table()
        self.actions, menus = install_actions(
            self, self.action_table, canvas=(self.slide_view, self.workload_list.list)
        )
        menus["&File"].insertMenu(self.actions["save"], self.files.recent_menu)
        self.editions = EditionMenu(
            self.document,
            self.catalog,
            lambda text: self.statusBar().showMessage(text, EDITION_MESSAGE_MS),
            self,
        )
        menus["&View"].addSeparator()
        menus["&View"].addMenu(self.editions)
        self.actions["workshop"].setCheckable(True)
        self.statusBar().showMessage(
            self.preferences.warning or "Drag a workload onto a column to place it."
        )
        self._restore_geometry()

        self.document.board_changed.connect(self._on_board_changed)
        self.document.state_changed.connect(self._update_title)
        self.document.recovery_failed.connect(lambda text: self.statusBar().showMessage(text))
        self.document.undo_stack.canUndoChanged.connect(self.actions["undo"].setEnabled)
        self.document.undo_stack.canRedoChanged.connect(self.actions["redo"].setEnabled)
        self.workload_list.selected.connect(self.select)
        self.workload_list.new_requested.connect(self.new_workload)
        self.workload_list.filter_changed.connect(self.trays.search)
        self.inspector.form.committed.connect(self._on_field_committed)
        self.weights.weight_changed.connect(self._on_weight_changed)
        self.actions["undo"].setEnabled(False)
        self.actions["redo"].setEnabled(False)
        self.slide_view.tooltip_for = self._score_tip
        self.chart_view.tooltip_for = self._score_tip
        # The list's first workload starts selected, so the inspector has something to say.
        order = list_order(board, "")
        self.selected = order[0][0] if order else None
        self._on_board_changed(board)  # the chart follows right after the first paint
        self._update_title()
        self.document.start_autosave()

    def _restore_geometry(self) -> None:
        saved = self.preferences.current.window_geometry
        if saved:
            self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))

    def _dock(
        self, widget: QWidget, title: str, name: str, area: Qt.DockWidgetArea, width: int
    ) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(area, dock)
        self.resizeDocks([dock], [width], Qt.Orientation.Horizontal)

    def _action_table(self) -> list[Action]:
        files, place, undo = self.files, self.placement, self.document.undo_stack
        return [
            Action("new", "&New", "&File", files.new, (Key.New,)),
            Action("open", "&Open…", "&File", files.open, (Key.Open,), toolbar=True),
            Action("save", "&Save", "&File", files.save, (Key.Save,), toolbar=True, separator=True),
            Action("save_as", "Save &As…", "&File", files.save_as, ("Ctrl+Shift+S",)),
            Action(
                "import_inventory",
                "&Import inventory…",
                "&File",
                self.import_inventory,
                ("Ctrl+I",),
                separator=True,
                tip="Add the VMs of an RVTools, Migration Hub or Azure Migrate export (Ctrl+I)",
            ),
            Action("export", "&Export…", "&File", self.export, ("Ctrl+E",), toolbar=True),
            Action("quit", "&Quit", "&File", self.close, ("Ctrl+Q",), separator=True),
            Action("undo", "&Undo", "&Edit", undo.undo, (Key.Undo,), toolbar=True),
            Action("redo", "&Redo", "&Edit", undo.redo, (Key.Redo, "Ctrl+Y"), toolbar=True),
            Action(
                "new_workload",
                "New &workload…",
                "&Edit",
                self.new_workload,
                ("Ctrl+Shift+N",),
                toolbar=True,
                separator=True,
            ),
            Action(
                "remove_workload",
                "Re&move workload",
                "&Edit",
                self.remove_selected,
                ("Shift+Del",),
                scope="canvas",
            ),
            Action(
                "unplace",
                "U&nplace",
                "&Place",
                place.unplace_selected,
                ("Del", "Backspace"),
                scope="canvas",
                tip="Take the selected workload off its column",
            ),
            Action(
                "move_left",
                "Move &left",
                "&Place",
                lambda: place.move_selected(-1),
                ("Left",),
                scope="canvas",
            ),
            Action(
                "move_right",
                "Move &right",
                "&Place",
                lambda: place.move_selected(1),
                ("Right",),
                scope="canvas",
            ),
            Action(
                "place_recommended",
                "Place unplaced on their &best targets",
                "&Place",
                place.place_unplaced_on_recommended,
                ("Ctrl+Shift+R",),
                separator=True,
                tip="Put every unplaced workload on its best feasible target: one undo step",
            ),
            Action(
                "present",
                "&Present",
                "&View",
                self.present,
                ("F5",),
                toolbar=True,
                tip="Present the build-up full screen, notes on the second screen (F5)",
            ),
            Action(
                "title_subtitle",
                "Title slide &subtitle…",
                "&View",
                self.edit_subtitle,
                tip="The line under the board's name on the presentation's title slide",
            ),
            Action(
                "workshop",
                "&Workshop mode",
                "&View",
                lambda: self.workshop.set_on(self.actions["workshop"].isChecked()),
                ("F11",),
                separator=True,
                tip="Give the whole window to the slide: hide the panels and the chart (F11)",
            ),
            Action(
                "zoom_in",
                "Zoom &in",
                "&View",
                lambda: self.workshop.zoom_in(),
                ("Ctrl+=", "Ctrl++"),
            ),
            Action("zoom_out", "Zoom &out", "&View", lambda: self.workshop.zoom_out(), ("Ctrl+-",)),
            Action("zoom_fit", "&Fit the slide", "&View", lambda: self.workshop.fit(), ("Ctrl+0",)),
            Action(
                "shortcuts",
                "&Keyboard shortcuts…",
                "&Help",
                self.help.show_shortcuts,
                ("F1",),
                tip="Every shortcut of the window and the presenter's keys (F1)",
            ),
            Action(
                "scoring",
                "How &scores are worked out",
                "&Help",
                self.help.show_scoring,
                tip="The scoring rules: hard limits, pillar points, weights, recommendation",
            ),
            Action("about", "&About Whiteboard", "&Help", self.help.show_about, separator=True),
        ]

    # -- selection and redraw ----------------------------------------------------------------

    def select(self, workload_id: str | None) -> None:
        if workload_id is not None and not self.document.board.has_workload(workload_id):
            workload_id = None
        if workload_id == self.selected:
            return
        self.selected = workload_id
        self.trays.reveal(workload_id)
        self._show_slide()
        self._scroll_to_card(workload_id)
        self.workload_list.select(workload_id)
        self._show_inspector()

    def _scroll_to_card(self, workload_id: str | None) -> None:
        """A slide too big for the view to read whole scrolls to the selected card."""
        item = self.slide_view.items_by_id.get(f"card:{workload_id}")
        if item is not None:
            self.slide_view.reveal(item.sceneBoundingRect())

    def _on_board_changed(self, board: Board) -> None:
        self.scores.update(board)
        self.editions.follow(board)
        if self.selected is not None and not board.has_workload(self.selected):
            self.selected = None
        self._show_slide()
        self._chart_timer.start()
        self.workload_list.set_board(board, self.selected)
        self.weights.set_weights(board.weights)
        self._show_inspector()
        self._update_title()

    def _show_slide(self) -> None:
        board = self.document.board
        scene = compute_slide(
            board,
            self.scores.layout_scores(),
            self.catalog,
            selected=self.selected,
            view=self.trays.view,
            matches=self.trays.matches,
        )
        self.slide_view.show_scene(scene)

    def finish_redraws(self) -> None:
        """Draw what is still pending (the chart) now: for screenshots and tests."""
        if self._chart_timer.isActive():
            self._show_chart()

    def _show_chart(self) -> None:
        """The chart follows the board one event-loop turn after the slide, so a drop shows
        on the slide at once; several edits in a row redraw the chart once."""
        self._chart_timer.stop()
        board, scores = self.document.board, self.scores.layout_scores()
        self.chart_view.show_layout(partial(chart_for_view, board, scores, min_px=MIN_TEXT_PX))

    def _show_inspector(self) -> None:
        board = self.document.board
        score = self.scores.workload(self.selected) if self.selected else None
        self.inspector.show_workload(self.selected, board, score)

    def _score_tip(self, workload_id: str) -> str:
        board = self.document.board
        if not board.has_workload(workload_id):
            return ""
        score = self.scores.workload(workload_id)
        lines = [board.workload(workload_id).name]
        # Targets that cannot run it come last and say so instead of showing a score.
        for result in runnable_first(score.targets.values()):
            target = result.target
            mark = " (placed)" if target == score.placed_on else ""
            mark += " ★" if target == score.recommended else ""
            name = self.catalog.target(target).short_name
            if result.feasible:
                lines.append(f"{name}: {result.overall:.0f}{mark}")
            else:
                lines.append(f"{name}{mark}: {result.cannot_run()[0]}")
        return "\n".join(lines)

    def _update_title(self) -> None:
        self.setWindowTitle(self.document.title())
        self.setWindowModified(self.document.modified)

    # -- edits -------------------------------------------------------------------------------

    def _on_chart_press(self, _pos: object, workload_id: str | None) -> None:
        self.select(workload_id)

    def _on_field_committed(self, workload: Workload, field: str) -> None:
        board = self.document.board
        self.document.push(commands.edit_workload(self.document, board, workload, field))

    def _on_weight_changed(self, pillar: PillarId, weight: float, gesture: int) -> None:
        board = self.document.board
        try:
            command = commands.set_weights(self.document, board, {pillar: weight}, gesture)
        except ValidationError as error:
            message = str(error.errors(include_url=False)[0]["msg"])
            self.weights.show_problem(message.removeprefix("Value error, ").capitalize() + ".")
            self.weights.set_weights(board.weights)
            return
        self.weights.show_problem(None)
        self.document.push(command)

    def new_workload(self) -> None:
        workload = self.prompts.new_workload(self.document.board)
        if workload is not None:
            self.document.push(commands.add_workload(self.document, self.document.board, workload))
            self.select(workload.id)

    def present(self) -> None:
        """F5: the title slide (with the presenter's subtitle), then the build-up."""
        present_board(self, self.document.board, subtitle=self.presenter_settings.subtitle)

    def edit_subtitle(self) -> None:
        text = self.prompts.subtitle(self.presenter_settings.subtitle)
        if text is not None:
            problem = self.presenter_settings.set_subtitle(text)
            self.statusBar().showMessage(problem or "The title slide's subtitle is saved.")

    def export(self) -> None:
        """File > Export: ask what and where, then render and write it with progress."""
        path = self.document.path
        folder = path.parent if path else Path.home()
        base = path.stem if path else self.document.board.name
        options = self.prompts.export_options(folder, base, self.preferences.current.export)
        if options is None:
            return
        self._remember_export_choices(options)
        outcome = run_export(self, self.document.board, options)
        if isinstance(outcome, str):
            self.prompts.error("Export failed", outcome)
            return
        where = Path(os.path.commonpath(outcome)) if outcome else folder
        self.statusBar().showMessage(f"Exported {len(outcome)} files to {where}.", 10000)

    def import_inventory(self, path: Path | None = None) -> None:
        """File > Import inventory (or a dropped file): the workloads join the open board,
        unplaced, in one undo step; the first of them is selected."""
        added = self.importer.run(path)
        if added:
            self.select(added[0])

    def _remember_export_choices(self, options: ExportOptions) -> None:
        problem = self.preferences.update(export=export_choices(options).model_dump())
        if problem:
            self.statusBar().showMessage(problem, 8000)

    def remove_selected(self) -> None:
        if self.selected is None:
            return
        try:
            command = commands.remove_workload(self.document, self.document.board, self.selected)
        except ValueError as error:
            self.statusBar().showMessage(f"Cannot remove: {error}.", 8000)
            return
        self.document.push(command)

    # -- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.document.close()
        self._chart_timer.stop()
        geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        self.preferences.update(window_geometry=geometry)
        self.statusBar().clearMessage()
        event.accept()
